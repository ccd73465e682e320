"""What the apps' end-to-end tests share: a failed check, and a process whose
standard output and error reader threads collect, line by line.

The tests run the binaries of the kata preset, under ThreadSanitizer, so
every wait has a deadline of seconds that only a hang reaches.
"""
import queue
import subprocess
import threading


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


class ServerProcess:
    """A server started with pipes. `out` and `err` grow as it writes; each
    line of standard output is also queued for next_line()."""

    def __init__(self, argv, deadline, **popen_options):
        self.deadline = deadline
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, **popen_options)
        self.lines = queue.Queue()
        self.out = ""
        self.err = ""
        self._readers = [threading.Thread(target=self._read, args=(self.proc.stdout, True), daemon=True),
                         threading.Thread(target=self._read, args=(self.proc.stderr, False), daemon=True)]
        for reader in self._readers:
            reader.start()

    def _read(self, pipe, is_stdout):
        for raw in iter(pipe.readline, b""):
            text = raw.decode(errors="replace")
            if is_stdout:
                self.out += text
                self.lines.put(text)
            else:
                self.err += text
        if is_stdout:
            self.lines.put(None)

    def next_line(self):
        """The next line of standard output; a failed check at its end or after the deadline."""
        try:
            line = self.lines.get(timeout=self.deadline)
        except queue.Empty:
            raise CheckFailed(f"no output within {self.deadline}s; stderr: {self.stderr()}")
        check(line is not None, f"stdout closed; exit {self.proc.poll()}; stderr: {self.stderr()}")
        return line

    def stderr(self):
        """Its standard error so far: all of it, once the process has ended."""
        for reader in self._readers:
            reader.join(timeout=0.5 if self.proc.poll() is not None else 0)
        return self.err.strip()
