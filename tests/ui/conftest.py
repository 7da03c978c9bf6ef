"""Shared fixtures for Pilot and snapshot tests: an app with a fixed clock, private data and no disclaimer.

`make_app(**kwargs)` builds a `CrampGuideApp` whose wall clock is frozen at `FIXED_NOW` and whose monotonic
clock only moves when a test calls `monotonic.advance(seconds)`; keyword arguments override the app's own
(`initial_tab`, `start_routine`, `content_dir`, ...). `wait_loaded` is an async function a test awaits after
`run_test()` starts, so the guide is loaded and every tab is mounted before keys are pressed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from crampguide.paths import bundled_content_dir
from crampguide.store import Store
from crampguide.ui.app import CrampGuideApp

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


@pytest.fixture
def make_app(data_dir: Path, monotonic: FakeMonotonic) -> MakeApp:
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
        return CrampGuideApp(**options)

    return make


async def _wait_loaded(pilot: Pilot[Any]) -> None:
    """Wait until the guide is loaded and the tab on screen is built (other tabs are built when shown)."""
    app = pilot.app
    assert isinstance(app, CrampGuideApp)
    for _ in range(int(LOAD_TIMEOUT_SECONDS / 0.05)):
        if app.services is not None and not app.query_one(TabbedContent).query(
            f"#{_active(app)} .loading"
        ):
            break
        if app.content_problems:
            raise AssertionError("the content did not load:\n" + "\n".join(app.content_problems))
        await pilot.pause(0.05)
    else:
        raise AssertionError(f"the guide did not load within {LOAD_TIMEOUT_SECONDS:.0f} seconds")
    await pilot.pause()
    await pilot.pause()


def _active(app: CrampGuideApp) -> str:
    return app.query_one(TabbedContent).active


@pytest.fixture
def wait_loaded() -> WaitLoaded:
    return _wait_loaded
