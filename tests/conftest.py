"""Shared fixtures: a small valid content pack, a user data folder, and two ways to run the command line."""

from __future__ import annotations

import gc
import importlib.util
import io
import locale
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, BinaryIO, cast

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINIMAL_PACK = FIXTURES / "minimal_pack"

# CI installs the package and runs `pytest`, so the tests exercise the wheel. Without an install, fall back to
# this checkout so the tests still run from a fresh clone.
FROM_CHECKOUT = importlib.util.find_spec("crampguide") is None
if FROM_CHECKOUT:
    sys.path.insert(0, str(REPO))

RunCli = Callable[..., "subprocess.CompletedProcess[str]"]

# Run a child that file permissions bind: root gives up the capabilities that override them (setpriv), so a
# test of a read-only folder means what it says. Anyone else is bound already.
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NO_OVERRIDE: list[str] = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"] if IS_ROOT else []
)
CANNOT_BE_DENIED = IS_ROOT and shutil.which("setpriv") is None


def pytest_configure(config: pytest.Config) -> None:
    """Collect garbage less often than Python's default, which suits small scripts, not this test process.

    A Pilot test builds and drops a whole Textual app: hundreds of thousands of objects. With the default
    thresholds a full collection (a quarter of a second over a test process's heap) ran about once a test and
    took about a third of the UI tests' time. Garbage is still collected, in fewer and larger batches.
    """
    gc.set_threshold(50_000, 20, 100)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Sweep once, then freeze what is left, before pytest's own cleanup collects garbage five times over.

    After the last test a test process holds a few hundred thousand live objects (Textual's caches among
    them); each full collection walks them all, and at the end of a parallel run every process did that five
    times while the run waited. Frozen objects are skipped by those walks, and nothing runs after them.
    """
    gc.collect()
    gc.freeze()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` starts two test processes per core: a Pilot test spends about a fifth of its time waiting
    for the app to go idle, and a second process on the core uses that time."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return 2 * cores


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The real install (the longest test) goes first, so a parallel run does not end waiting for it alone."""
    items.sort(key=lambda item: item.get_closest_marker("install") is None)


@pytest.fixture(scope="session")
def _run_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _test_cache(_run_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user cache: the tests and their children share a cache folder of this test run.

    As for a user, a pack is validated on its first load and read back after. The cache is keyed by the
    files' bytes, so a test that changes its copy of a pack never gets another test's guide; tests of the
    cache itself give it folders of their own.
    """
    monkeypatch.setenv("CRAMPGUIDE_CACHE_DIR", str(_run_cache))


def once_per_run(factory: pytest.TempPathFactory, name: str, compute: Callable[[], str]) -> str:
    """`compute()` once a test run, however many xdist workers ask: the first saves it, the others read it.

    For a costly session fixture that every worker would otherwise compute again. Without file locks (not
    POSIX) each worker computes its own.
    """
    if "PYTEST_XDIST_WORKER" not in os.environ:
        return compute()
    try:
        import fcntl
    except ImportError:
        return compute()
    shared = factory.getbasetemp().parent / name  # the run's folder, above each worker's own
    with open(shared.with_name(f"{name}.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not shared.is_file():
            shared.write_text(compute(), "utf-8")
        return shared.read_text("utf-8")


@pytest.fixture
def minimal_pack(tmp_path: Path) -> Path:
    """A private copy of the fixture pack, so a test may break it without harming others."""
    target = tmp_path / "pack"
    shutil.copytree(MINIMAL_PACK, target)
    return target


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A user data folder of the test's own; it does not exist until something writes to it."""
    return tmp_path / "data"


def cli_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for a child Python: the same crampguide as this process, UTF-8 output, a fixed width.

    `extra` adds to or overrides it.
    """
    env = dict(os.environ)
    if FROM_CHECKOUT:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    env["COLUMNS"] = "100"
    env.update(extra or {})
    return env


@pytest.fixture
def run_cli(data_dir: Path, tmp_path: Path) -> RunCli:
    """Run `python -m crampguide ARGS` in a child process and return the finished process (text mode).

    `env` adds to (or overrides) `cli_env()`; user data goes to `data_dir` unless `env` says otherwise, so a
    test never touches the real user folder. The child runs in the test's temporary folder unless `cwd` says
    otherwise: `-m` puts the working directory first on sys.path, and the repo would shadow the installed
    package.
    """

    def run(
        *args: str | os.PathLike[str],
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        input: str | None = None,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "crampguide", *map(str, args)],
            env=cli_env({"CRAMPGUIDE_DATA_DIR": str(data_dir), **(env or {})}),
            cwd=cwd or tmp_path,
            input=input,
            stdin=subprocess.DEVNULL if input is None else None,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=timeout,
        )

    return run


@pytest.fixture
def cli(data_dir: Path, tmp_path: Path) -> RunCli:
    """Run `crampguide ARGS` in this process: `run_cli` without a child, for tests a process adds nothing to.

    The same call and result as `run_cli`, and what its child would see: `cli_env()` with the same data
    folder, the working folder, stdin (`/dev/null` unless `input` is given), stdout and stderr as UTF-8 files
    that are not terminals, read back as `run_cli` reads them; SystemExit becomes the exit status the
    interpreter would make of it, and warnings go to stderr as in the child. All of it is put back after the
    call, so the test's own code runs in its own environment, as beside `run_cli`. Any other exception fails
    the test, as the child's traceback would.

    There is no `timeout`: a test that could hang (a FIFO, /dev/zero) uses `run_cli`, and so does a test about
    the process itself (signals, a stdout that fails, the modules a command imports, file permissions, the
    app). A command that changes the test process (the garbage collector, signal handlers, the environment,
    open files, threads, the locale) fails its test rather than the tests after it.
    """

    def run(
        *args: str | os.PathLike[str],
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        input: str | None = None,
    ) -> subprocess.CompletedProcess[str]:
        from crampguide import cli as module

        argv = [str(arg) for arg in args]
        environment = cli_env({"CRAMPGUIDE_DATA_DIR": str(data_dir), **(env or {})})
        zone_changes = environment.get("TZ") != os.environ.get("TZ")
        before = _process_state()
        try:
            with (
                _child_streams(input) as (stdin, stdout, stderr),
                pytest.MonkeyPatch.context() as patch,
                warnings.catch_warnings(),
            ):
                for name, value in environment.items():
                    if os.environ.get(name) != value:
                        patch.setenv(name, value)
                patch.chdir(cwd or tmp_path)
                patch.setattr(sys, "argv", [str(Path(module.__file__).with_name("__main__.py")), *argv])
                patch.setattr(sys, "stdin", stdin)
                patch.setattr(sys, "stdout", stdout)
                patch.setattr(sys, "stderr", stderr)
                _child_warning_filters()
                if zone_changes:
                    time.tzset()
                try:
                    code: object = module.main(argv)
                except SystemExit as exit:
                    code = exit.code
                status = _exit_status(code)
                out, err = _written(stdout), _written(stderr)
        finally:  # also after an exception: the tests after this one keep their time zone
            if zone_changes:
                time.tzset()
        after = _process_state()
        changed = [what for what in before if _changed(before[what], after[what])]
        if changed:
            pytest.fail(f"crampguide {argv} changed this process: {', '.join(changed)}; use run_cli for it")
        return subprocess.CompletedProcess(["crampguide", *argv], status, out, err)

    return run


@contextmanager
def _child_streams(input: str | None) -> Iterator[tuple[IO[str], io.TextIOWrapper, io.TextIOWrapper]]:
    """stdin, stdout and stderr as a child started by `run_cli` has them: files, not terminals, UTF-8 (from
    PYTHONIOENCODING), lines ended by a line feed, stderr line-buffered and never failing on a character."""
    with ExitStack() as stack:
        if input is None:
            stdin: IO[str] = stack.enter_context(open(os.devnull, encoding="utf-8", newline="\n"))
        else:
            stdin = stack.enter_context(_text_file(input.encode("utf-8"), errors="strict"))
        stdout = stack.enter_context(_text_file(b"", errors="strict"))
        stderr = stack.enter_context(_text_file(b"", errors="backslashreplace", line_buffering=True))
        yield stdin, stdout, stderr


def _text_file(data: bytes, *, errors: str, line_buffering: bool = False) -> io.TextIOWrapper:
    raw = tempfile.TemporaryFile()  # noqa: SIM115 (the wrapper owns it and closes it)
    raw.write(data)
    raw.seek(0)
    return io.TextIOWrapper(raw, encoding="utf-8", errors=errors, newline="\n", line_buffering=line_buffering)


def _written(stream: io.TextIOWrapper) -> str:
    """What was written, flushed as the interpreter does at exit and read back as `run_cli` reads it: strict
    UTF-8, with every CR LF and lone CR turned into a line feed (text mode's universal newlines)."""
    stream.flush()
    file = cast(BinaryIO, stream.buffer)
    file.seek(0)
    text = file.read().decode("utf-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _child_warning_filters() -> None:
    """Python's own default filters, not pytest's: a warning the child would print reaches stderr."""
    warnings.resetwarnings()
    for category in (ResourceWarning, ImportWarning, PendingDeprecationWarning, DeprecationWarning):
        warnings.filterwarnings("ignore", category=category)
    warnings.filterwarnings("default", category=DeprecationWarning, module="__main__")


def _exit_status(code: object) -> int:
    """The exit status the interpreter makes of `sys.exit(code)` (and of what `__main__` passes it)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _changed(before: object, after: object) -> bool:
    """Sets (open files, threads) change when something is added: another test's thread may end meanwhile."""
    if isinstance(before, frozenset) and isinstance(after, frozenset):
        return bool(after - before)
    return before != after


def _process_state() -> dict[str, object]:
    """What a command could change for the whole process, which a child's exit would have thrown away."""
    open_files = Path("/proc/self/fd")
    return {
        "garbage collector": (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()),
        "signal handlers": {number: signal.getsignal(number) for number in signal.valid_signals()},
        "environment": dict(os.environ),
        "working folder": os.getcwd(),
        "standard streams": (sys.stdin, sys.stdout, sys.stderr, sys.argv),
        "open files": frozenset(os.listdir(open_files) if open_files.is_dir() else ()),
        "threads": frozenset(threading.enumerate()),
        "locale": locale.setlocale(locale.LC_ALL),
        "time zone": time.tzname,
        "recursion limit": sys.getrecursionlimit(),
    }
