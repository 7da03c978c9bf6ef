"""Run a full-screen program on a pseudo-terminal and read its screen, as a person would see it.

pexpect gives the child a real terminal (so Textual draws as it does for a user), and pyte replays the bytes
it writes into a grid of characters. Shared by the end-to-end tests and the benchmarks in `benchmarks/`.
"""

from __future__ import annotations

import os
import re
import signal
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType

import pexpect
import pyte

ROWS = 30
COLS = 100

KEYS = {
    "enter": "\r",
    "escape": "\x1b",
    "tab": "\t",
    "space": " ",
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
}

# Settings of a user who has already accepted the disclaimer, as crampguide/store.py writes them.
ACCEPTED_SETTINGS = "version = 1\ndisclaimer_accepted = true\n"

Condition = str | Sequence[str] | Callable[[str], bool]

# Kitty keyboard protocol requests (`CSI > 25 u`, `CSI < u`): pyte does not know them and would print the "u".
_KITTY_KEYBOARD = re.compile(rb"\x1b\[[<>=?][0-9;]*u")


def crampguide_command() -> Path:
    """The installed console script of the Python running this code, so the entry point itself is tested."""
    return Path(sys.executable).with_name("crampguide")


def as_at_a_terminal() -> None:
    """In the child, before it starts: Ctrl-C as a person at a terminal has it.

    A test run started in the background by a shell inherits SIGINT ignored, and Python keeps an ignored
    SIGINT, so a child would never hear the Ctrl-C a test sends.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def pty_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A plain terminal environment: no inherited sizes, colour opt-outs or Textual dev settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"COLUMNS", "LINES", "NO_COLOR", "CRAMPGUIDE_DATA_DIR"}
        and not key.startswith("TEXTUAL")
    }
    env["TERM"] = "xterm-256color"
    env["PYTHONIOENCODING"] = "utf-8"
    env.setdefault("LANG", "C.UTF-8")
    if extra:
        env.update(extra)
    return env


def write_accepted_settings(data_dir: Path) -> Path:
    """Make `data_dir` look like it belongs to someone who accepted the disclaimer, so no modal appears."""
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = data_dir / "settings.toml"
    settings.write_text(ACCEPTED_SETTINGS, encoding="utf-8")
    return settings


def peak_rss_kib(pid: int) -> int:
    """High-water mark of the resident set (VmHWM) of a live process, in KiB; Linux only."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmHWM for process {pid}")


def _matcher(condition: Condition) -> Callable[[str], bool]:
    if callable(condition):
        return condition
    wanted = [condition] if isinstance(condition, str) else list(condition)
    return lambda text: all(part in text for part in wanted)


class PtyApp:
    """A child process on a pseudo-terminal with a pyte screen that follows its output."""

    def __init__(
        self,
        argv: Sequence[str | os.PathLike[str]],
        *,
        rows: int = ROWS,
        cols: int = COLS,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        args = [os.fspath(arg) for arg in argv]
        self.started = time.perf_counter()
        self.child = pexpect.spawn(
            args[0],
            args[1:],
            dimensions=(rows, cols),
            env=dict(env or pty_env()),
            cwd=cwd,
            preexec_fn=as_at_a_terminal,
        )
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.eof = False
        self.bytes_read = 0
        self.last_read = self.started

    @property
    def pid(self) -> int:
        pid: int = self.child.pid
        return pid

    # --- reading -------------------------------------------------------------------------------

    def pump(self, timeout: float = 0.05) -> bool:
        """Feed everything the child has written to the screen, waiting up to `timeout` for the first byte.

        Returns True if anything arrived. `last_read` is when the bytes were read, before pyte parsed them,
        so timings do not include the cost of the emulator.
        """
        if self.eof:
            if timeout > 0:
                time.sleep(timeout)
            return False
        chunks: list[bytes] = []
        wait = timeout
        while True:
            try:
                chunks.append(self.child.read_nonblocking(1 << 16, timeout=wait))
            except pexpect.TIMEOUT:
                break
            except pexpect.EOF:
                self.eof = True
                break
            self.last_read = time.perf_counter()
            wait = 0
        if not chunks:
            return False
        data = b"".join(chunks)
        self.bytes_read += len(data)
        self.stream.feed(_KITTY_KEYBOARD.sub(b"", data))
        return True

    def drain(self, seconds: float) -> None:
        """Keep reading for `seconds`, so the child never blocks on a full terminal buffer."""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            self.pump(timeout=min(left, 0.2))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def wait_for(self, condition: Condition, timeout: float = 15.0) -> float:
        """Wait until the screen satisfies `condition` (text, all of several texts, or a predicate).

        Returns the seconds from spawn to the read that made it true; raises AssertionError with the screen
        if it does not happen within `timeout`.
        """
        matches = _matcher(condition)
        if matches(self.text()):
            return self.last_read - self.started
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.pump(timeout=0.02) and matches(self.text()):
                return self.last_read - self.started
            if self.eof:
                break
        raise AssertionError(
            f"screen never showed {condition!r} within {timeout} s"
            f" (process {'ended' if self.eof else 'running'}); screen was:\n{self.text()}"
        )

    def wait_for_change(self, timeout: float = 5.0) -> None:
        """Wait until the screen differs from what it shows now."""
        before = self.text()
        self.wait_for(lambda text: text != before, timeout=timeout)

    # --- writing -------------------------------------------------------------------------------

    def press(self, *keys: str) -> None:
        """Send keys by name (`enter`, `escape`, ...) or as literal text."""
        for key in keys:
            self.child.send(KEYS.get(key, key))
            if key == "escape":
                # A lone escape is only a key once no sequence follows it.
                self.drain(0.15)

    # --- ending --------------------------------------------------------------------------------

    def wait_exit(self, timeout: float = 5.0) -> int:
        """Wait for the child to end by itself and return its exit status (a signal counts as 128 + n)."""
        deadline = time.perf_counter() + timeout
        while not self.eof and time.perf_counter() < deadline:
            self.pump(timeout=0.05)
        while self.child.isalive() and time.perf_counter() < deadline:
            time.sleep(0.02)
        if self.child.isalive():
            raise AssertionError(
                f"process {self.pid} still running after {timeout} s; screen was:\n{self.text()}"
            )
        self.child.close()
        if self.child.signalstatus is not None:
            return 128 + int(self.child.signalstatus)
        return int(self.child.exitstatus)

    def close(self) -> None:
        if not self.child.closed:
            self.child.close(force=True)

    def __enter__(self) -> PtyApp:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
