#!/usr/bin/env python3
"""The poker game in a real browser.

Starts the real poker_server on an ephemeral loopback port with a fast blind
unit, opens /game in headless Chromium (Debian's chromium and chromium-driver,
driven by python3-selenium), starts a game for 3 players, waits for the blind
to change, saves a screenshot, declares Ruth the winner, sees the end-of-game
message, and finds Ruth's win in /league.

    browser_e2e.py <poker_server binary> <folder for the screenshot>

Needs: scripts/install-deps --browser.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
TIMEOUT = 20  # seconds for any one thing to happen on the page


def fail(message):
    print("browser test: FAIL: " + message, flush=True)
    sys.exit(1)


def start_server(binary, db):
    server = subprocess.Popen(
        [binary, "--host", "127.0.0.1", "--port", "0", "--db", db, "--blind-unit", "40ms"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    found = {}
    ready = threading.Event()

    def read_stdout():
        for line in server.stdout:
            print("poker_server: " + line.rstrip(), flush=True)
            match = re.search(r"http://127\.0\.0\.1:\d+", line)
            if match and "url" not in found:
                found["url"] = match.group(0)
                ready.set()

    stderr_lines = []

    def read_stderr():
        for line in server.stderr:
            stderr_lines.append(line)
            print("poker_server (stderr): " + line.rstrip(), flush=True)

    threading.Thread(target=read_stdout, daemon=True).start()
    threading.Thread(target=read_stderr, daemon=True).start()
    if not ready.wait(30):
        server.kill()
        fail("poker_server printed no http://127.0.0.1:PORT URL within 30 s")
    return server, found["url"], stderr_lines


def new_driver(profile):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        fail("python3-selenium is missing: run scripts/install-deps --browser")
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.path.exists(path):
            fail(path + " is missing: run scripts/install-deps --browser")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=900,800",
                 "--user-data-dir=" + profile):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def wait_for(description, predicate, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    fail("timed out after %d s waiting for %s" % (timeout, description))


def league(url):
    with urllib.request.urlopen(url + "/league", timeout=5) as response:
        return json.loads(response.read().decode())


def wins(players, name):
    for player in players:
        if player.get("Name", player.get("name")) == name:
            return player.get("Wins", player.get("wins"))
    return None


def main():
    if len(sys.argv) != 3:
        fail("usage: browser_e2e.py <poker_server> <screenshot folder>")
    binary, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    screenshot = os.path.join(out_dir, "browser_game_mid_game.png")
    work = tempfile.mkdtemp(prefix="kata-browser-")
    server, url, server_errors = start_server(binary, os.path.join(work, "db.json"))
    driver = None
    try:
        from selenium.webdriver.common.by import By
        driver = new_driver(os.path.join(work, "profile"))
        driver.set_page_load_timeout(TIMEOUT)

        driver.get(url + "/game")
        print("opened " + url + "/game: " + driver.title, flush=True)
        count = driver.find_element(By.ID, "player-count")
        count.clear()
        count.send_keys("3")
        driver.find_element(By.ID, "start-game").click()

        blind = lambda: driver.find_element(By.ID, "blind-value").text
        first = wait_for("the first blind", lambda: blind() if blind().isdigit() else None)
        print("first blind: " + first, flush=True)
        second = wait_for("the blind to change", lambda: blind() if blind() not in ("-", first) else None)
        print("the blind changed to: " + second, flush=True)
        if int(second) <= int(first):
            fail("the blind went from %s to %s" % (first, second))
        driver.save_screenshot(screenshot)
        print("screenshot: " + screenshot, flush=True)

        driver.find_element(By.ID, "winner").send_keys("Ruth")
        driver.find_element(By.ID, "winner-button").click()
        end = driver.find_element(By.ID, "game-end")
        wait_for("the end-of-game message",
                 lambda: end.is_displayed() and "Another great game of poker everyone!" in end.text)
        print("end of game: " + end.text.splitlines()[0], flush=True)

        wait_for("Ruth's win in /league", lambda: wins(league(url), "Ruth") == 1)
        driver.get(url + "/league")
        if "Ruth" not in driver.page_source:
            fail("/league in the browser does not show Ruth")
        print("Ruth's win is in /league", flush=True)
    finally:
        if driver is not None:
            driver.quit()
        server.send_signal(signal.SIGTERM)
        try:
            status = server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            fail("poker_server did not stop within 15 s of SIGTERM")
        shutil.rmtree(work, ignore_errors=True)
    if status != 0:
        fail("poker_server exited with %d" % status)
    if any("ThreadSanitizer" in line for line in server_errors):
        fail("ThreadSanitizer reported a problem in poker_server (see its stderr above)")
    print("browser test: PASS", flush=True)


if __name__ == "__main__":
    main()
