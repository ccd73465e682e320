#!/usr/bin/env python3
"""End-to-end test of poker_cli: drives the real binary through its stdin.

usage: poker_cli_e2e.py /path/to/poker_cli

Each check runs the binary in a fresh temporary folder with a fast blind unit
(one blind minute = 10 ms) and a deadline, so a hang fails the test instead of
blocking it. Exits non-zero with a message naming the first failed check.
"""
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time

BINARY = os.path.abspath(sys.argv[1])
PROMPT = "Please enter the number of players: "
DEADLINE = 10.0  # seconds for any one wait


class Run:
    """The binary with pipes; stdout is collected by a reader thread."""

    def __init__(self, folder, *args):
        self.proc = subprocess.Popen(
            [BINARY, *args], cwd=folder, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.chunks = queue.Queue()
        self.out = ""
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while True:
            data = os.read(self.proc.stdout.fileno(), 4096)
            if not data:
                self.chunks.put(None)
                return
            self.chunks.put(data.decode())

    def wait_for(self, text, count=1):
        """Waits until stdout holds `text` at least `count` times."""
        end = time.monotonic() + DEADLINE
        while self.out.count(text) < count:
            left = end - time.monotonic()
            if left <= 0:
                fail(f"no {text!r} (x{count}) within {DEADLINE}s; stdout so far:\n{self.out}")
            try:
                chunk = self.chunks.get(timeout=left)
            except queue.Empty:
                continue
            if chunk is None:
                fail(f"stdout closed before {text!r}; stdout:\n{self.out}\nstderr:\n{self.stderr()}")
            self.out += chunk

    def send(self, line):
        self.proc.stdin.write(line.encode())
        self.proc.stdin.flush()

    def finish(self, close_stdin=True):
        if close_stdin:
            self.proc.stdin.close()
        try:
            code = self.proc.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            fail(f"did not exit within {DEADLINE}s; stdout:\n{self.out}")
        while True:  # the rest of stdout
            chunk = self.chunks.get(timeout=DEADLINE)
            if chunk is None:
                break
            self.out += chunk
        return code

    def stderr(self):
        return self.proc.stderr.read().decode() if self.proc.poll() is not None else ""


def fail(message):
    print(f"FAIL: {message}")
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def league(path):
    with open(path) as f:
        return {p["Name"]: p["Wins"] for p in json.load(f)}


def plays_a_game(folder):
    db = os.path.join(folder, "poker.db.json")
    with open(db, "w") as f:
        json.dump([{"Name": "Chris", "Wins": 2}], f)
    run = Run(folder, "--db", db, "--blind-unit", "10ms")
    run.wait_for(PROMPT)
    run.send("pies\n")
    run.wait_for("not a number of players")
    run.wait_for(PROMPT, 2)
    run.send("5\n")
    run.wait_for("Blind is now 100\n")
    run.wait_for("Blind is now 200\n")
    run.send("Chris wins\n")
    code = run.finish(close_stdin=False)
    err = run.stderr()
    check(code == 0, f"exit {code} after the winner, stderr:\n{err}")
    check("ThreadSanitizer" not in err, f"a race report:\n{err}")
    first, second = run.out.find("Blind is now 100\n"), run.out.find("Blind is now 200\n")
    check(0 <= first < second, f"alerts out of order:\n{run.out}")
    check(league(db).get("Chris") == 3, f"Chris should have 3 wins: {league(db)}")
    print("ok: prompt, rejected count, two alerts in order, win recorded")


def refuses_a_name_that_breaks_the_name_rule(folder):
    """Issue 21: one name rule (kata/player_name.h) on every way in; the
    terminal's is this one. The same one-line reason as poker_server's."""
    db = os.path.join(folder, "poker.db.json")
    run = Run(folder, "--db", db, "--blind-unit", "10ms")
    run.wait_for(PROMPT)
    run.send("3\n")
    run.wait_for("Blind is now 100\n")
    run.send("Ru\x01th wins\n")
    code = run.finish(close_stdin=False)
    err = run.stderr()
    check(code == 1, f"exit {code} after a winner with a control character, stderr:\n{err}")
    check("poker_cli: a player's name must be printable UTF-8\n" in err, f"stderr:\n{err}")
    check("ThreadSanitizer" not in err, f"a race report:\n{err}")
    check(not os.path.exists(db) or league(db) == {}, f"something was recorded: {league(db)}")
    print("ok: a winner with a control character is refused, with the name rule's reason")


def end_of_input_exits_cleanly(folder):
    db = os.path.join(folder, "poker.db.json")
    run = Run(folder, "--db", db, "--blind-unit", "10ms")
    run.wait_for(PROMPT)
    run.send("3\n")
    run.wait_for("Blind is now 100\n")
    code = run.finish()
    err = run.stderr()
    check(code == 0, f"exit {code} at end of input, stderr:\n{err}")
    check("ThreadSanitizer" not in err, f"a race report:\n{err}")
    check("no winner recorded" in run.out, f"no end-of-input message:\n{run.out}")
    check(not os.path.exists(db) or league(db) == {}, f"something was recorded: {league(db)}")
    print("ok: end of input mid-game exits 0, nothing recorded")


def ctrl_c_exits_cleanly(folder):
    db = os.path.join(folder, "poker.db.json")
    before = '[{"Name":"Cleo","Wins":1}]'
    with open(db, "w") as f:
        f.write(before)
    run = Run(folder, "--db", db, "--blind-unit", "10ms")
    run.wait_for(PROMPT)
    run.send("4\n")
    run.wait_for("Blind is now 200\n")
    run.proc.send_signal(signal.SIGINT)
    code = run.finish(close_stdin=False)
    err = run.stderr()
    check(code == 130, f"exit {code} after Ctrl-C, stderr:\n{err}")
    check("ThreadSanitizer" not in err, f"a race report:\n{err}")
    check(league(db) == {"Cleo": 1}, f"the database changed: {league(db)}")
    print("ok: Ctrl-C mid-game exits 130, database intact")


def refuses(folder, args, db_contents, code_wanted, words):
    db = os.path.join(folder, "poker.db.json")
    if db_contents is not None:
        with open(db, "wb") as f:
            f.write(db_contents)
    run = Run(folder, "--db", db, *args)
    code = run.finish()
    err = run.stderr()
    lines = err.strip().splitlines()
    check(code == code_wanted, f"{args}: exit {code}, wanted {code_wanted}; stderr:\n{err}")
    check(len(lines) == 1 and words in lines[0], f"{args}: wanted one line naming {words!r}:\n{err}")
    if db_contents is not None:
        with open(db, "rb") as f:
            check(f.read() == db_contents, f"{args}: the database file was touched")
    print(f"ok: {' '.join(args) or 'corrupt db'} -> exit {code}: {lines[0]}")


def main():
    checks = [
        plays_a_game,
        refuses_a_name_that_breaks_the_name_rule,
        end_of_input_exits_cleanly,
        ctrl_c_exits_cleanly,
        lambda d: refuses(d, ["--blind-unit", "fast"], None, 2, "--blind-unit"),
        lambda d: refuses(d, ["--colour"], None, 2, "--colour"),
        lambda d: refuses(d, [], b'{"not": "a league"', 1, "poker.db.json"),
    ]
    for run_check in checks:
        with tempfile.TemporaryDirectory(prefix="poker_cli_e2e") as folder:
            run_check(folder)


main()
