"""Shared fixtures for Pilot and snapshot tests: an app with a fixed clock, private data and no disclaimer.

`make_app(**kwargs)` builds a `CrampGuideApp` whose wall clock is frozen at `FIXED_NOW` and whose monotonic
clock only moves when a test calls `monotonic.advance(seconds)`; keyword arguments override the app's own
(`initial_tab`, `start_routine`, `content_dir`, ...). `wait_loaded` is an async function a test awaits after
`run_test()` starts, so the guide is loaded and the tab on screen is built before keys are pressed.

Every app shares one cache of validated content (`guide_cache`), as a user's do: each pack is validated once
per test process, and later apps read the frozen guide back in milliseconds instead of validating it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TabbedContent
from textual.worker import WorkerFailed

from crampguide.paths import bundled_content_dir
from crampguide.store import Store
from crampguide.ui.app import CrampGuideApp
from ui.pilot_steps import settle

# Wednesday night, half past two: after midnight, so it belongs to the night of Tuesday 24 November.
FIXED_NOW = datetime(2026, 11, 25, 2, 30).astimezone()
LOAD_TIMEOUT_SECONDS = 10.0

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]


def fixed_now() -> datetime:
    return FIXED_NOW


class FakeMonotonic:
    """A monotonic clock that stands still until told to move, for deadline-based timers."""

    def __init__(self, start: float = 1000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value

    def advance(self, seconds: float) -> None:
        self.value += seconds


@pytest.fixture
def monotonic() -> FakeMonotonic:
    return FakeMonotonic()


@pytest.fixture
def store(data_dir: Path) -> Store:
    """The app's data folder through a store with the same fixed clock, to prepare or check data."""
    return Store(data_dir, fixed_now)


@pytest.fixture(scope="session")
def guide_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The validated-content cache every app of this test process uses (the guide is immutable once loaded).

    The cache is keyed by the content files and the validation code, so a test that edits its own copy of a
    pack gets that copy validated, never another test's guide.
    """
    return tmp_path_factory.mktemp("guide-cache")


@pytest.fixture
def make_app(data_dir: Path, monotonic: FakeMonotonic, guide_cache: Path) -> MakeApp:
    """Build an app on the bundled content, with `data_dir`, `FIXED_NOW` and the fake monotonic clock.

    `disclaimer_accepted=False` leaves the first-run disclaimer in place; anything else goes to the app.
    """

    def make(*, disclaimer_accepted: bool = True, **kwargs: Any) -> CrampGuideApp:
        if disclaimer_accepted:
            Store(data_dir, fixed_now).update_settings(disclaimer_accepted=True)
        options: dict[str, Any] = {
            "content_dir": bundled_content_dir(),
            "data_dir": data_dir,
            "now": fixed_now,
            "monotonic": monotonic,
        }
        options.update(kwargs)
        # A folder per pack: the cache keeps one guide, and the packs tests use would push each other out.
        folder = hashlib.sha256(str(options["content_dir"]).encode()).hexdigest()[:16]
        options.setdefault("cache_dir", guide_cache / folder)
        app = CrampGuideApp(**options)
        # No animations: a test, and a snapshot, sees each screen settled, never a frame on the way there,
        # however busy the machine (a tab bar sliding to the active tab made pictures depend on timing).
        app.animation_level = "none"
        return app

    return make


async def _wait_loaded(pilot: Pilot[Any]) -> None:
    """Wait until the guide is loaded and the tab on screen is built (other tabs are built when shown).

    The guide loads in a thread worker: wait for the worker itself rather than repainting while it runs, then
    let its result reach the app.
    """
    app = pilot.app
    assert isinstance(app, CrampGuideApp)
    deadline = asyncio.get_running_loop().time() + LOAD_TIMEOUT_SECONDS
    with contextlib.suppress(WorkerFailed, TimeoutError):  # a failed load shows as `content_problems`
        await asyncio.wait_for(app.workers.wait_for_complete(), LOAD_TIMEOUT_SECONDS)
    while app.services is None or app.query_one(TabbedContent).query(f"#{_active(app)} .loading"):
        if app.content_problems:
            raise AssertionError("the content did not load:\n" + "\n".join(app.content_problems))
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"the guide did not load within {LOAD_TIMEOUT_SECONDS:.0f} seconds")
        await settle(pilot)
    await settle(pilot)
    await settle(pilot)


async def _writes_done(pilot: Pilot[Any]) -> None:
    """Wait until the app's file writes are done (they run in a thread worker), then for the screen."""
    await pilot.app.workers.wait_for_complete()
    await settle(pilot)


@pytest.fixture
def writes_done() -> WaitLoaded:
    """`await writes_done(pilot)` after a key that saves something, before reading the files back."""
    return _writes_done


def _active(app: CrampGuideApp) -> str:
    return app.query_one(TabbedContent).active


@pytest.fixture
def wait_loaded() -> WaitLoaded:
    return _wait_loaded
