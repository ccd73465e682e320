#!/usr/bin/env python3
"""End-to-end test of poker_server: the real binary on an ephemeral loopback
port, driven by a real HTTP client (http.client) and by raw sockets.

usage: poker_server_e2e.py /path/to/poker_server [check ...]

Every check starts its own server in a fresh temporary folder. Every wait has
a deadline and every load a fixed number of requests, so a hang or a slow
machine fails the check instead of blocking it. Prints one line per check and
exits non-zero if any failed.
"""
import http.client
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_process import CheckFailed, ServerProcess, check  # noqa: E402  (shared with the other e2e tests)

BINARY = os.path.abspath(sys.argv[1])
DEADLINE = 15.0  # seconds for any one wait (the binary may run under ThreadSanitizer)
HTTP_TIMEOUT = 10.0
PLAYERS = ["Pepper", "Floyd", "Chris", "Cleo", "Tiest", "Ada", "Zoë", "Chris Jones"]


STARTED = []  # every Server a check started: their stderr must hold no race report


class Server(ServerProcess):
    """poker_server with pipes; its output is collected by reader threads."""

    def __init__(self, folder, *args, db="poker.db.json", wait_for_url=True, preexec_fn=None):
        STARTED.append(self)
        self.folder = folder
        self.db = os.path.join(folder, db)
        super().__init__([BINARY, "--port", "0", "--db", self.db, *args], DEADLINE, cwd=folder,
                         preexec_fn=preexec_fn)
        self.url = None
        if wait_for_url:
            line = self.next_line()
            check("listening on http://" in line, f"no URL on the first line of stdout: {line!r}; stderr: {self.stderr()}")
            self.url = line.split("listening on ", 1)[1].split()[0]
            parsed = urllib.parse.urlparse(self.url)
            self.host, self.port = parsed.hostname, parsed.port

    def client(self):
        return http.client.HTTPConnection(self.host, self.port, timeout=HTTP_TIMEOUT)

    def request(self, method, path, body=None, headers=None):
        connection = self.client()
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            connection.close()

    def league(self):
        status, headers, body = self.request("GET", "/league")
        check(status == 200, f"GET /league: {status} {body}")
        return json.loads(body)

    def signal(self, number):
        self.proc.send_signal(number)

    def wait(self):
        try:
            return self.proc.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise CheckFailed(f"still running {DEADLINE}s later; stdout: {self.out!r}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def run_to_end(folder, *args):
    """Runs the binary as given and returns (exit status, stdout, stderr)."""
    try:
        done = subprocess.run([BINARY, *args], cwd=folder, capture_output=True, timeout=DEADLINE,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise CheckFailed(f"poker_server {' '.join(args)} did not exit within {DEADLINE}s")
    return done.returncode, done.stdout.decode(errors="replace"), done.stderr.decode(errors="replace")


def read_response(raw):
    """One whole HTTP/1.1 response from a raw socket: (status line, body)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = raw.recv(65536)
        check(chunk, f"the connection closed mid-response: {data!r}")
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode().split("\r\n")
    length = 0
    for line in lines[1:]:
        key, _, value = line.partition(":")
        if key.strip().lower() == "content-length":
            length = int(value)
    while len(body) < length:
        chunk = raw.recv(65536)
        check(chunk, "the connection closed mid-body")
        body += chunk
    return lines[0], body.decode()


def quote(name):
    return "/players/" + urllib.parse.quote(name)


def wins_by_name(league):
    return {player["Name"]: player["Wins"] for player in league}


def read_league_file(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        league = json.loads(text)
    except ValueError as error:
        raise CheckFailed(f"{path} is not JSON ({error}): {text!r}")
    check(isinstance(league, list) and all(set(p) == {"Name", "Wins"} for p in league),
          f"{path} is not a league: {text!r}")
    return league


def one_line(text, what):
    text = text.strip()
    check(text and "\n" not in text, f"{what}: want one line of error, got {text!r}")
    return text


class Load:
    """`clients` threads, each posting wins on its own keep-alive connection
    until it has sent `per_client` or the server goes away. Counts, per
    player, the wins answered 202 and the wins attempted."""

    def __init__(self, server, clients, per_client):
        self.server = server
        self.lock = threading.Lock()
        self.acked = {}
        self.attempted = {}
        self.unexpected = []
        self.started = threading.Barrier(clients)
        self.threads = [threading.Thread(target=self._client, args=(c, per_client), daemon=True)
                        for c in range(clients)]
        for thread in self.threads:
            thread.start()

    def _client(self, c, per_client):
        self.started.wait(timeout=DEADLINE)
        connection = None
        for i in range(per_client):
            name = PLAYERS[(c + i) % len(PLAYERS)]
            with self.lock:
                self.attempted[name] = self.attempted.get(name, 0) + 1
            try:
                if connection is None:
                    connection = self.server.client()
                connection.request("POST", quote(name))
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                return  # the server has gone: a win in flight may or may not have been saved
            with self.lock:
                if response.status == 202:
                    self.acked[name] = self.acked.get(name, 0) + 1
                else:
                    self.unexpected.append(response.status)
            if response.getheader("Connection", "").lower() == "close":
                connection.close()
                connection = None

    def total_acked(self):
        with self.lock:
            return sum(self.acked.values())

    def answered(self):
        with self.lock:
            return sum(self.acked.values()) + len(self.unexpected)

    def join(self):
        # A slow machine (TSan, other builds, every win fsync'd) may take a
        # minute for the whole load: that is no failure. A server that
        # answers nothing for DEADLINE seconds is; so is one that never ends.
        last, last_change = self.answered(), time.monotonic()
        end = time.monotonic() + 150
        while any(thread.is_alive() for thread in self.threads):
            check(time.monotonic() < end, "the load did not finish within 150 s")
            for thread in self.threads:
                thread.join(timeout=0.2)
            now = self.answered()
            if now != last:
                last, last_change = now, time.monotonic()
            check(time.monotonic() - last_change < DEADLINE,
                  f"a client thread is stuck: no answer for {DEADLINE} s ({now} answered)")
        check(not self.unexpected, f"answers other than 202 under load: {self.unexpected[:5]}")


def wait_until(predicate, what, deadline=DEADLINE):
    end = time.monotonic() + deadline
    while not predicate():
        check(time.monotonic() < end, f"{what} did not happen within {deadline}s")
        time.sleep(0.005)


# --- the checks ---------------------------------------------------------------

def check_serves_league_and_players(folder):
    server = Server(folder)
    try:
        check(os.path.exists(server.db), "a missing database is not created")
        status, headers, body = server.request("GET", "/league")
        check(status == 200 and json.loads(body) == [], f"GET /league on a new database: {status} {body!r}")
        check(headers.get("Content-Type") == "application/json", f"Content-Type: {headers.get('Content-Type')}")
        for _ in range(2):
            status, _, body = server.request("POST", "/players/Pepper")
            check(status == 202, f"POST /players/Pepper: {status} {body!r}")
        server.request("POST", quote("Chris Jones"))
        status, _, body = server.request("GET", "/players/Pepper")
        check((status, body) == (200, "2"), f"GET /players/Pepper: {status} {body!r}")
        check(server.request("GET", "/players/Apollo")[0] == 404, "an unknown player is not 404")
        check(server.league() == [{"Name": "Pepper", "Wins": 2}, {"Name": "Chris Jones", "Wins": 1}],
              f"league: {server.league()}")
        check(server.request("GET", "/nowhere")[0] == 404, "an unknown path is not 404")
        status, headers, _ = server.request("DELETE", "/league")
        check(status == 405 and headers.get("Allow") == "GET", f"DELETE /league: {status} {headers}")
        status, headers, _ = server.request("PUT", "/players/Pepper", body="")
        check(status == 405 and headers.get("Allow") == "GET, POST", f"PUT /players/Pepper: {status} {headers}")
        # A POST with no Content-Length at all has an empty body: answered at once.
        with socket.create_connection((server.host, server.port), timeout=HTTP_TIMEOUT) as raw:
            started = time.monotonic()
            raw.sendall(b"POST /players/Pepper HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
            status_line, _ = read_response(raw)
            check(status_line.startswith("HTTP/1.1 202"), f"POST without Content-Length: {status_line!r}")
            check(time.monotonic() - started < 3, "POST without Content-Length took too long")
        check(wins_by_name(read_league_file(server.db)) == {"Pepper": 3, "Chris Jones": 1},
              "the database does not hold the wins")
    finally:
        server.stop()


def check_refuses_bad_requests(folder):
    server = Server(folder)
    try:
        status, _, _ = server.request("POST", "/players/Pepper", body="x" * 2000)
        check(status == 413, f"a 2000-byte body: {status}")
        status, _, body = server.request("POST", "/players/" + "a" * 65)
        check(status == 400, f"a 65-byte name: {status} {body!r}")
        check(server.request("POST", "/players/" + "a" * 64)[0] == 202, "a 64-byte name is refused")
        check(server.request("POST", "/players/")[0] == 404, "an empty name is not 404")
        for bad in ["%FF", "%C0%AF", "%ED%A0%80", "a%09b", "%7F"]:  # not UTF-8, or a control character
            status, _, body = server.request("POST", "/players/" + bad)
            check(status == 400, f"name {bad}: {status} {body!r}")
        status, _, _ = server.request("POST", "/players/a%0Ab")  # cpp-httplib's own routing says 404
        check(400 <= status < 500, f"name a%0Ab: {status}")
        status, _, _ = server.request("GET", "/players/" + "a" * 10000)
        check(400 <= status < 500, f"a 10000-byte URL: {status}")
        check(wins_by_name(server.league()) == {"a" * 64: 1}, f"refused requests left wins: {server.league()}")
    finally:
        server.stop()


def check_concurrent_wins_all_counted(folder):
    server = Server(folder)
    try:
        load = Load(server, clients=16, per_client=125)  # 2000 wins
        load.join()
        check(load.total_acked() == 2000, f"{load.total_acked()} of 2000 wins answered 202")
        league = server.league()
        check(sum(p["Wins"] for p in league) == 2000, f"the league holds {sum(p['Wins'] for p in league)} wins")
        check(wins_by_name(league) == load.acked, f"league {wins_by_name(league)} != acked {load.acked}")
        wins = [p["Wins"] for p in league]
        check(wins == sorted(wins, reverse=True), f"the league is not sorted: {league}")
        check(wins_by_name(read_league_file(server.db)) == load.acked, "the database disagrees with the league")
    finally:
        server.stop()


def check_kill_9_keeps_every_acknowledged_win(folder):
    server = Server(folder)
    load = Load(server, clients=16, per_client=400)
    try:
        wait_until(lambda: load.total_acked() >= 300, "300 acknowledged wins", deadline=90)
        os.kill(server.proc.pid, signal.SIGKILL)
        server.proc.wait(timeout=DEADLINE)
        load.join()
    finally:
        server.stop()
    restarted = Server(folder)  # the same database
    try:
        league = wins_by_name(restarted.league())
        for name, acked in load.acked.items():
            check(league.get(name, 0) >= acked, f"{name}: {acked} wins acknowledged, {league.get(name, 0)} after restart")
        for name, wins in league.items():
            check(wins <= load.attempted.get(name, 0), f"{name}: {wins} wins but only {load.attempted.get(name, 0)} sent")
    finally:
        restarted.stop()


def check_sigterm_finishes_requests_in_flight(folder):
    server = Server(folder)
    try:
        load = Load(server, clients=8, per_client=100000)  # ended by the stop, not by the count
        wait_until(lambda: load.total_acked() >= 100, "100 acknowledged wins", deadline=90)
        # One request half-sent when the signal comes: it must still be answered.
        # (A first request on the connection makes sure the server has accepted it.)
        raw = socket.create_connection((server.host, server.port), timeout=HTTP_TIMEOUT)
        raw.sendall(b"GET /league HTTP/1.1\r\nHost: test\r\n\r\n")
        status_line, _ = read_response(raw)
        check(status_line.startswith("HTTP/1.1 200"), f"the first request on the raw connection: {status_line}")
        raw.sendall(b"POST /players/Straggler HTTP/1.1\r\nHost: test\r\n")
        # The signal must come once the server has read those bytes (before,
        # the connection is still idle as far as the server can know).
        wait_until(lambda: bytes_taken_by_server(raw), "the server reading the half-sent request")
        server.signal(signal.SIGTERM)
        signalled = time.monotonic()
        wait_until(lambda: refuses_connections(server), "refusing new connections after SIGTERM")
        check(server.proc.poll() is None, "exited with a request still in flight")
        try:
            raw.sendall(b"Content-Length: 0\r\n\r\n")
            status_line, _ = read_response(raw)
        except (OSError, CheckFailed) as error:
            raise CheckFailed(f"the request in flight was cut {time.monotonic() - signalled:.2f} s after "
                              f"SIGTERM: {error}")
        check(status_line.startswith("HTTP/1.1 202"), f"the request in flight got {status_line!r}")
        raw.close()
        status = server.wait()
        check(status == 0, f"exit status {status} after SIGTERM; stderr: {server.stderr()}")
        check("stopped by SIGTERM" in server.out, f"stdout: {server.out!r}")
        load.join()
        on_disk = wins_by_name(read_league_file(server.db))
        check(on_disk.get("Straggler") == 1, "the win answered during the stop is not on disk")
        for name, acked in load.acked.items():
            check(on_disk.get(name, 0) >= acked, f"{name}: {acked} acknowledged, {on_disk.get(name, 0)} on disk")
    finally:
        server.stop()


def tcp_queues(local_port, remote_port):
    """(send queue, receive queue) of the loopback IPv4 socket local_port ->
    remote_port, from /proc/net/tcp; None when there is no such socket."""
    with open("/proc/net/tcp") as table:
        next(table)
        for row in table:
            fields = row.split()
            local, remote, queues = fields[1], fields[2], fields[4]
            if int(local.split(":")[1], 16) == local_port and int(remote.split(":")[1], 16) == remote_port:
                send, receive = queues.split(":")
                return int(send, 16), int(receive, 16)
    return None


def bytes_taken_by_server(raw):
    """Whether everything sent on `raw` has left both kernel queues: it is in
    the server process now."""
    client_port, server_port = raw.getsockname()[1], raw.getpeername()[1]
    client, server = tcp_queues(client_port, server_port), tcp_queues(server_port, client_port)
    return client is not None and server is not None and client[0] == 0 and server[1] == 0


def refuses_connections(server):
    try:
        socket.create_connection((server.host, server.port), timeout=1).close()
        return False
    except OSError:
        return True


def check_sigint_exits_zero(folder):
    server = Server(folder)
    try:
        server.request("POST", "/players/Pepper")
        server.signal(signal.SIGINT)
        status = server.wait()
        check(status == 0, f"exit status {status} after SIGINT; stderr: {server.stderr()}")
        check("stopped by SIGINT" in server.out, f"stdout: {server.out!r}")
        check(wins_by_name(read_league_file(server.db)) == {"Pepper": 1}, "the win is not on disk")
    finally:
        server.stop()


def check_bad_flags(folder):
    for args, names in [(["--port", "abc"], "abc"), (["--port", "70000"], "70000"), (["--bogus"], "--bogus"),
                        (["--db"], "--db"), (["--port"], "--port"), (["extra"], "extra")]:
        status, out, err = run_to_end(folder, *args)
        check(status == 2, f"{args}: exit status {status}, want 2")
        check(names in one_line(err, str(args)), f"{args}: the error does not name {names!r}: {err!r}")
    check(os.listdir(folder) == [], f"bad flags created files: {os.listdir(folder)}")
    status, out, _ = run_to_end(folder, "--help")
    check(status == 0 and "usage:" in out, f"--help: {status} {out!r}")


def check_port_in_use(folder):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        db = os.path.join(folder, "poker.db.json")
        status, out, err = run_to_end(folder, "--port", str(port), "--db", db)
        check(status == 1, f"port in use: exit status {status}, want 1")
        line = one_line(err, "port in use")
        check(str(port) in line and "in use" in line, f"the error does not say the port is in use: {line!r}")
        check(not os.path.exists(db), "the database was created although the port was in use")


def check_corrupt_or_unreadable_database(folder):
    for contents in [b"not json", b'{"Name": "Cleo", "Wins": 1}', b'[{"Name": "Cleo"}]',
                     b'[{"Name":"Cleo","Wins":1},{"Name":"Cleo","Wins":2}]', b"[\xff]"]:
        db = os.path.join(folder, "poker.db.json")
        with open(db, "wb") as f:
            f.write(contents)
        status, out, err = run_to_end(folder, "--db", db, "--port", "0")
        check(status == 1, f"database {contents!r}: exit status {status}, want 1")
        check(db in one_line(err, f"database {contents!r}"), f"the error does not name {db}: {err!r}")
        with open(db, "rb") as f:
            check(f.read() == contents, f"database {contents!r} was changed")
        check(os.listdir(folder) == ["poker.db.json"], f"files left behind: {os.listdir(folder)}")
        os.remove(db)
    folder_db = os.path.join(folder, "a-folder")
    os.mkdir(folder_db)
    status, out, err = run_to_end(folder, "--db", folder_db, "--port", "0")
    check(status == 1 and folder_db in one_line(err, "a folder as database"), f"a folder as database: {status} {err!r}")


CHECKS = [
    check_serves_league_and_players,
    check_refuses_bad_requests,
    check_concurrent_wins_all_counted,
    check_kill_9_keeps_every_acknowledged_win,
    check_sigterm_finishes_requests_in_flight,
    check_sigint_exits_zero,
    check_bad_flags,
    check_port_in_use,
    check_corrupt_or_unreadable_database,
]


def run_checks(checks, title, wanted):
    """Runs each check (all, or those named in wanted) in a folder of its
    own, stops the servers it started, and fails it on a race report;
    prints a line per check; returns the exit status."""
    failures = 0
    for run in checks:
        name = run.__name__[len("check_"):]
        if wanted and name not in wanted:
            continue
        started = time.monotonic()
        STARTED.clear()
        with tempfile.TemporaryDirectory(prefix=title.replace(" ", "-") + "-") as folder:
            try:
                run(folder)
                for server in STARTED:
                    server.stop()
                    check("ThreadSanitizer" not in server.stderr(), f"a race report:\n{server.stderr()}")
                print(f"ok    {name} ({time.monotonic() - started:.1f}s)", flush=True)
            except CheckFailed as failure:
                failures += 1
                print(f"FAIL  {name}: {failure}", flush=True)
            except Exception:
                failures += 1
                print(f"ERROR {name}:\n{traceback.format_exc()}", flush=True)
    print(f"{title}: {failures} failed" if failures else f"{title}: all passed")
    return 1 if failures else 0


def main():
    return run_checks(CHECKS, "poker_server e2e", set(sys.argv[2:]))


if __name__ == "__main__":
    sys.exit(main())
