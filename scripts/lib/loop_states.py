"""States of a kata's learner files for the loop benchmarks, and their undo.

scripts/bench-loop and scripts/bench-vs-go put a kata's learner files in a
known state (the starter, the reference, the reference with one lock
removed), time `kata run N` after real edits, and put the learner's own
files back byte for byte at the end, also on Ctrl-C or an error.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VERDICT = re.compile(r"^(PASS|FAIL|COMPILE|RACE|DEADLOCK|TIMEOUT|CRASH|WEAK)\s")


def kata_folder(kata):
    return os.path.join(ROOT, "katas", kata)


def learner_files(folder):
    return sorted(f for f in os.listdir(folder) if f.endswith((".cpp", ".h")))


def kata_files(kata):
    """Every file of the kata's folder, tests included, as paths."""
    found = []
    for folder, _, names in os.walk(kata_folder(kata)):
        found += [os.path.join(folder, name) for name in names]
    return sorted(found)


def set_state(kata, state, unlocked_file=None):
    """Puts kata's learner files in a state: "red" (the starter, as committed),
    "green" (the reference solution) or "race" (the reference with the first
    lock of unlocked_file removed). Past the starter, the reference tests of
    the write-the-test steps replace their skeletons, as a learner's own
    tests would have by then."""
    folder = kata_folder(kata)
    if state == "red":
        for name in learner_files(folder):
            committed = subprocess.run(["git", "-C", ROOT, "show", f"HEAD:katas/{kata}/{name}"],
                                       check=True, capture_output=True).stdout
            with open(os.path.join(folder, name), "wb") as f:
                f.write(committed)
        return
    solution = os.path.join(ROOT, "solutions", kata)
    for name in learner_files(solution):
        shutil.copyfile(os.path.join(solution, name), os.path.join(folder, name))
    if state in ("green", "race"):
        tests = os.path.join(solution, "tests")
        for name in os.listdir(tests) if os.path.isdir(tests) else []:
            shutil.copyfile(os.path.join(tests, name), os.path.join(folder, "tests", name))
    if state == "race":
        path = os.path.join(folder, unlocked_file)
        text = open(path).read()
        open(path, "w").write(text.replace("  std::scoped_lock lock(mutex_);\n", "", 1))


def edit(path, round_number):
    """A real change of the file's content, as a save is."""
    with open(path, "a") as f:
        f.write(f"// loop benchmark edit {round_number} {os.getpid()}\n")


class KeptFiles:
    """Keeps a copy of every file of some katas' folders (and of any other
    files) and puts them back on exit, then rebuilds the katas' test
    binaries from them so that nothing else runs a stale one."""

    def __init__(self, build_dir, katas, others=()):
        self.build_dir = build_dir
        self.katas = list(katas)
        self.backup = tempfile.mkdtemp(prefix="kata-bench-")
        self.saved = []
        for kata in self.katas:
            for path in kata_files(kata):
                self._save(path)
        for path in others:
            self._save(path)

    def _save(self, path):
        copy = os.path.join(self.backup, str(len(self.saved)))
        shutil.copy2(path, copy)
        self.saved.append((path, copy))

    def __enter__(self):
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(130))
        return self

    def __exit__(self, *_):
        kept = {path for path, _ in self.saved}
        for kata in self.katas:
            for path in kata_files(kata):
                if path not in kept:
                    os.remove(path)
        for path, copy in self.saved:
            # Only what changed, with copyfile, not copy2: a restored file
            # must look newer than the objects built from the benchmark's
            # states, or ninja keeps them.
            if not os.path.exists(path) or open(path, "rb").read() != open(copy, "rb").read():
                shutil.copyfile(copy, path)
        shutil.rmtree(self.backup)
        targets = ["kata_" + kata for kata in self.katas]
        subprocess.run(["cmake", "--build", self.build_dir, "--target", *targets],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"restored the learner files of {', '.join(self.katas)} and rebuilt {', '.join(targets)} from them")
        return False


def time_run(kata_binary, build_dir, number):
    """Runs `kata run number --json` after an edit; returns its JSON result
    with two more fields: "wall_first" (seconds to the first verdict, as
    the learner sees it: the runner's own clock plus its start-up) and
    "wall" (seconds until the process ended)."""
    env = dict(os.environ, NO_COLOR="1", KATA_FRONT="make")
    start = time.monotonic()
    done = subprocess.run([kata_binary, "--build-dir", build_dir, "run", str(number), "--json"],
                          capture_output=True, text=True, env=env)
    wall = time.monotonic() - start
    text = done.stdout
    try:
        result = json.loads(text[text.index("{"):])
    except ValueError:
        sys.exit(f"kata run {number} --json printed no result:\n{text}\n{done.stderr}")
    outside = max(0.0, wall - result["seconds"])  # start-up and exit, outside the runner's clock
    result["wall_first"] = result["first_verdict_seconds"] + outside
    result["wall"] = wall
    return result
