#!/usr/bin/env python3
"""A player's name is whatever a player typed, and it round-trips on every
way in and out: poker_server's URLs (escaped, '/' included), poker_cli's
terminal, the game page's websocket, and GET /league.

usage: poker_names_e2e.py /path/to/poker_server /path/to/poker_cli

One database, three ways in: names recorded over HTTP, then by poker_cli
("a/b wins"), then by a game over the websocket, each read back over HTTP by
its escaped URL. Prints one line per check and exits non-zero if any failed.
"""
import os
import subprocess
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import poker_server_e2e as e2e  # noqa: E402  (the Server wrapper and check())
from raw_websocket import ws_close_code, ws_frame, ws_open  # noqa: E402

CLI = os.path.abspath(sys.argv[2])
check = e2e.check

# A slash, a percent sign, quotes, a question mark and a hash (which mean
# something in a URL), letters outside ASCII, spaces.
NAMES = ["a/b", "100%", 'say "hi"', "q?x=1", "#1", "Zoë", "Chris Jones", "/lead", "trail/"]


def url(name):
    """The player's URL, every reserved character escaped ('/' as %2F)."""
    return "/players/" + urllib.parse.quote(name, safe="")


def wins(server, name):
    status, _, body = server.request("GET", url(name))
    check(status == 200, f"GET {url(name)}: {status} {body!r}")
    return int(body)


def record_with_the_cli(folder, db, name):
    done = subprocess.run([CLI, "--db", db, "--blind-unit", "10ms"], cwd=folder, capture_output=True,
                          input=f"2\n{name} wins\n".encode(), timeout=e2e.DEADLINE)
    check(done.returncode == 0, f"poker_cli exited {done.returncode}: {done.stderr.decode(errors='replace')}")


def record_with_the_game_page(server, name):
    raw = ws_open(server)
    raw.sendall(ws_frame("2"))
    raw.sendall(ws_frame(name))
    code = ws_close_code(raw)  # skips the blind alerts
    check(code == 1000, f"the game with the winner {name!r} ended with {code}")
    raw.close()


def check_names_round_trip(folder):
    server = e2e.Server(folder)
    try:
        for name in NAMES:
            status, _, body = server.request("POST", url(name))
            check(status == 202, f"POST {url(name)}: {status} {body!r}")
        for name in NAMES:
            check(wins(server, name) == 1, f"{name!r} does not have its one win")
        check(sorted(p["Name"] for p in server.league()) == sorted(NAMES), f"league: {server.league()}")
        check(server.request("GET", "/players/a/b")[0] == 404, "/players/a/b (one segment too many) is not 404")
        db = server.db
    finally:
        server.stop()

    for name in NAMES[:3]:
        record_with_the_cli(folder, db, name)

    server = e2e.Server(folder)
    try:
        for name in NAMES[:3]:
            check(wins(server, name) == 2, f"poker_cli's win for {name!r} is not at its URL")
        for name in NAMES[:3]:
            record_with_the_game_page(server, name)
        for name in NAMES[:3]:
            check(wins(server, name) == 3, f"the game page's win for {name!r} is not at its URL")
        league = {p["Name"]: p["Wins"] for p in server.league()}
        check(all(league[name] == 3 for name in NAMES[:3]), f"league: {league}")
    finally:
        server.stop()


def main():
    return e2e.run_checks([check_names_round_trip], "poker names e2e", set(sys.argv[3:]))


if __name__ == "__main__":
    sys.exit(main())
