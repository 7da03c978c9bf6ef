"""Shared fixtures: a small valid content pack, a user data folder, and a way to run the command line."""

from __future__ import annotations

import gc
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

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


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` starts two test processes per core: a Pilot test spends about a third of its time waiting
    for the app to go idle, and a second process on the core uses that time."""
    return 2 * len(os.sched_getaffinity(0))


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
