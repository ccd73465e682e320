#!/usr/bin/env python3
"""End-to-end test of chat_server: the real binary on an ephemeral loopback
port, driven by raw sockets as `nc` would drive it.

usage: chat_server_e2e.py /path/to/chat_server [check ...]

Every wait has a deadline of several seconds that only a hang reaches, and
every load a fixed count, so a slow machine makes a check slower, never
wrong. Prints one line per check and exits non-zero if any failed. Every
server a check started must have written no ThreadSanitizer report.
"""
import os
import signal
import socket
import subprocess
import sys
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_process import CheckFailed, ServerProcess, check  # noqa: E402  (shared with the other e2e tests)

BINARY = os.path.abspath(sys.argv[1])
DEADLINE = 8.0  # seconds for any one wait (the binary may run under ThreadSanitizer)

ASK = b"* your name?"
BAD_NAME = b"* a name is 1 to 32 letters, digits, '-' or '_'"
TAKEN = b"* that name is taken, choose another"
TOO_LONG = b"* too long: a line is at most 140 bytes"


STARTED = []  # every Server started: their stderr must hold no race report


class Server(ServerProcess):
    """chat_server on an ephemeral port; its output is collected by threads."""

    def __init__(self, *args):
        STARTED.append(self)
        super().__init__([BINARY, "--port", "0", *args], DEADLINE)
        first = self.next_line()
        check(first.startswith("listening on 127.0.0.1:"), f"first line of stdout: {first!r}")
        self.port = int(first.split()[2].rsplit(":", 1)[1])

    def rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class Client:
    """One connection, read a line at a time with a deadline."""

    def __init__(self, server, rcvbuf=None):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(DEADLINE)
        self.sock.connect(("127.0.0.1", server.port))
        self.buffer = b""

    def send(self, data):
        self.sock.sendall(data)

    def say(self, text):
        self.send(text + b"\n")

    def line(self):
        """The next line without its newline; None at end of file."""
        deadline = time.monotonic() + DEADLINE
        while b"\n" not in self.buffer:
            left = deadline - time.monotonic()
            check(left > 0, f"no line within {DEADLINE}s (have {self.buffer[:200]!r})")
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                raise CheckFailed(f"no line within {DEADLINE}s (have {self.buffer[:200]!r})")
            except ConnectionResetError:
                chunk = b""
            if not chunk:
                check(not self.buffer, f"end of file inside a line: {self.buffer[:200]!r}")
                return None
            self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line

    def expect(self, *lines):
        for want in lines:
            got = self.line()
            check(got == want, f"wanted {want!r}, got {got!r}")

    def expect_eof(self):
        """Reads (and drops) lines until end of file: the server closed."""
        for _ in range(100000):
            if self.line() is None:
                return
        raise CheckFailed("no end of file")

    def join(self, name, others):
        self.expect(ASK)
        self.say(name)
        word = "other" if others == 1 else "others"
        self.expect(b"welcome, %s: %d %s here" % (name, others, word.encode()))
        return self

    def close(self):
        self.sock.close()


def member(server, name, others):
    return Client(server).join(name, others)


def quiet(client, author):
    """`client` has had no line since its last expect: the next it gets is
    a direct message `author` sends now (the hub's lines keep their order)."""
    author.say(b"@" + NAMES[client] + b" marker")
    client.expect(NAMES[author] + b" (to you): marker")


NAMES = {}


def named(client, name):
    NAMES[client] = name
    return client


# --- the checks ---------------------------------------------------------


def check_command_line():
    """Bad flags exit 2 with one line; --help exits 0; a port in use exits 1."""
    for args in (["--bogus"], ["--port", "70000"], ["--outbox", "0"], ["--max-line", "x"], ["--port"]):
        done = subprocess.run([BINARY, *args], capture_output=True, timeout=DEADLINE, stdin=subprocess.DEVNULL)
        err = done.stderr.decode(errors="replace")
        check(done.returncode == 2, f"{args}: exit {done.returncode}, stderr {err!r}")
        check(err.count("\n") == 1 and err.startswith("chat_server: "), f"{args}: stderr {err!r}")
    done = subprocess.run([BINARY, "--help"], capture_output=True, timeout=DEADLINE, stdin=subprocess.DEVNULL)
    check(done.returncode == 0 and b"usage: chat_server" in done.stdout, f"--help: {done}")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([BINARY, "--port", str(port)], capture_output=True, timeout=DEADLINE,
                              stdin=subprocess.DEVNULL)
        check(done.returncode == 1 and b"cannot listen" in done.stderr, f"port in use: {done}")


def check_chat(server, idle):
    """Names, greetings, broadcast, direct messages, long lines, garbage."""
    alice = named(Client(server), b"alice")
    alice.expect(ASK)
    for bad in (b"", b"bad name", b"x" * 33, b"\xff\xfe\x00\x01", b"a" * 200):
        alice.say(bad)
        alice.expect(BAD_NAME, ASK)
    alice.say(b"alice")
    alice.expect(b"welcome, alice: 0 others here")
    bob = named(Client(server), b"bob")
    bob.expect(ASK)
    bob.say(b"alice\r")  # telnet's "\r\n" is a newline too
    bob.expect(TAKEN, ASK)
    bob.say(b"bob")
    bob.expect(b"welcome, bob: 1 other here")
    alice.expect(b"* bob joined")
    carol = named(member(server, b"carol", 2), b"carol")
    alice.expect(b"* carol joined")
    bob.expect(b"* carol joined")

    alice.say(b"hello")
    bob.expect(b"alice: hello")
    carol.expect(b"alice: hello")
    quiet(alice, bob)  # alice did not hear herself

    alice.say(b"@bob hi there")
    bob.expect(b"alice (to you): hi there")
    quiet(carol, bob)  # carol did not hear it
    alice.say(b"@nobody hi")
    alice.expect(b"* no one called nobody is here")

    alice.say(b"y" * 141)
    alice.expect(TOO_LONG)
    alice.say(b"z" * 140)  # exactly the limit
    bob.expect(b"alice: " + b"z" * 140)
    carol.expect(b"alice: " + b"z" * 140)

    garbage = bytes(range(1, 10)) + bytes(range(11, 32)) + bytes(range(128, 237))  # 139 bytes
    bob.say(b"\x00" + garbage)
    alice.expect(b"bob: \x00" + garbage)
    carol.expect(b"bob: \x00" + garbage)
    bob.say(b"")  # ignored
    quiet(alice, carol)
    idle.send(b"half a name, never finished")  # held open all along
    return alice, bob, carol


def check_hostile(server, alice, bob, carol):
    """Mid-line disconnects, 1 MiB with no newline, garbage names, and
    hundreds of connect-and-disconnect: the others still chat."""
    dave = member(server, b"dave", 3)
    for old in (alice, bob, carol):
        old.expect(b"* dave joined")
    dave.send(b"a line never finished")
    dave.close()
    for old in (alice, bob, carol):
        old.expect(b"* dave left")  # not "dave: a line never finished"

    eve = member(server, b"eve", 3)
    for old in (alice, bob, carol):
        old.expect(b"* eve joined")
    try:
        eve.send(b"m" * (1 << 20))  # the server closes after 64 KiB
    except (BrokenPipeError, ConnectionResetError):
        pass
    eve.expect_eof()
    for old in (alice, bob, carol):
        old.expect(b"* eve left")

    noise = Client(server)
    noise.expect(ASK)
    noise.send(bytes((i * 37 + 11) % 256 for i in range(4000)).replace(b"\n", b"") + b"\n")
    noise.expect(BAD_NAME, ASK)
    noise.close()

    joiners = 0
    for i in range(300):
        churn = socket.create_connection(("127.0.0.1", server.port), timeout=DEADLINE)
        if i % 3 == 1:
            churn.sendall(b"churn%d" % i)  # a name, never finished
        elif i % 3 == 2:
            churn.sendall(b"churn%d\nhello from churn\n" % i)  # joins, speaks, goes
            joiners += 1
        churn.close()
    # Every one that joined leaves again (data that came before a reset is
    # still read): then the hub counts the same three members.
    for old in (alice, bob, carol):
        left = 0
        while left < joiners:
            line = old.line()
            check(line.startswith(b"* churn") or line.startswith(b"churn"), f"unexpected {line!r}")
            left += line.endswith(b" left")
    frank = member(server, b"frank", 3)
    for old in (alice, bob, carol):
        old.expect(b"* frank joined")
    frank.say(b"still here")
    for old in (alice, bob, carol):
        old.expect(b"frank: still here")
    return frank


def check_slow_reader():
    """A client that never reads: its outbox fills, the hub drops it, the
    others chat on, and the server's memory stays bounded."""
    server = Server()
    try:
        slow = Client(server, rcvbuf=4096).join(b"slow", 0)  # then reads nothing until dropped
        talker = Client(server).join(b"talker", 1)
        rss_before = server.rss_kib()
        lines = (b"t" * 139 + b"\n") * 64
        sent, dropped = 0, False
        while not dropped:  # 64 lines at a time, each batch through the hub before the next
            check(sent < 100000, f"slow never dropped ({sent} lines sent)")
            talker.send(lines + b"@talker sync %d\n" % sent)
            sync = b"talker (to you): sync %d" % sent
            sent += 64
            line = talker.line()
            while line != sync:
                check(line == b"* slow was too slow and was dropped", f"the talker got {line!r}")
                dropped = True
                line = talker.line()
        grown_mib = (server.rss_kib() - rss_before) / 1024
        check(grown_mib < 200, f"the server grew by {grown_mib:.0f} MiB for {sent} lines")
        late = Client(server).join(b"late", 1)
        talker.expect(b"* late joined")
        talker.say(b"after the drop")
        late.expect(b"talker: after the drop")
        slow.expect(b"* talker joined")
        slow.expect_eof()  # the lines left in its outbox, then the end
        stop_and_check(server, [talker, late])
        return f"dropped after {sent} lines of 140 bytes; server RSS +{grown_mib:.0f} MiB"
    finally:
        server.stop()


def stop_and_check(server, clients):
    """SIGTERM: every connection sees end of file, the server exits 0."""
    if server.proc.poll() is not None:
        raise CheckFailed(f"server died: exit {server.proc.poll()}; stderr: {server.stderr()}")
    server.proc.send_signal(signal.SIGTERM)
    for client in clients:
        client.expect_eof()
    try:
        status = server.proc.wait(timeout=DEADLINE)
    except subprocess.TimeoutExpired:
        server.stop()
        raise CheckFailed(f"still running {DEADLINE}s after SIGTERM")
    check(status == 0, f"exit {status} after SIGTERM; stderr: {server.stderr()}")
    check("stopped by SIGTERM" in server.next_line(), f"stdout: {server.out!r}")


def check_main_server():
    server = Server()
    try:
        idle = Client(server)
        alice, bob, carol = check_chat(server, idle)
        frank = check_hostile(server, alice, bob, carol)
        idle.expect(ASK)
        stop_and_check(server, [alice, bob, carol, frank, idle])
        return "names, greetings, broadcast, direct, long lines, garbage, 1 MiB, 300 churns, SIGTERM"
    finally:
        server.stop()


def check_no_race_reports():
    for server in STARTED:
        server.stop()
        check("WARNING: ThreadSanitizer" not in server.stderr(), f"a race report:\n{server.stderr()}")
        check(not server.stderr(), f"stderr not empty:\n{server.stderr()}")


CHECKS = [check_command_line, check_main_server, check_slow_reader, check_no_race_reports]


def main():
    wanted = sys.argv[2:]
    failed = 0
    start = time.monotonic()
    for fn in CHECKS:
        if wanted and fn.__name__ not in wanted and fn is not check_no_race_reports:
            continue
        began = time.monotonic()
        try:
            note = fn()
            print(f"ok   {fn.__name__} ({time.monotonic() - began:.1f}s){': ' + note if note else ''}")
        except Exception as error:  # noqa: BLE001: every failure is reported, then the rest run
            failed += 1
            print(f"FAIL {fn.__name__} ({time.monotonic() - began:.1f}s): {error}")
            where = traceback.extract_tb(error.__traceback__)
            if isinstance(error, CheckFailed):
                where = [frame for frame in where if frame.name.startswith("check_")][-1:]
            print("".join(traceback.format_list(where)), end="")
    for server in STARTED:
        server.stop()
    print(f"{'FAILED' if failed else 'passed'}: {failed} of the checks failed, {time.monotonic() - start:.1f}s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
