"""Steps shared by the snapshot tests: the pack they render, the terminal sizes, and `run_before` steps.

Snapshots render the fixture pack, never `content/`, so rewording the guide does not change a single picture;
what they record is layout, colour and behaviour. Each step checks the screen it set up, so a snapshot can
never quietly record a loading indicator, the wrong tab or a routine that did not start.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TabbedContent

from crampguide.ui.app import CrampGuideApp
from crampguide.ui.tabs.stretch import StretchTab
from ui.pilot_steps import press, settle

PACK = Path(__file__).resolve().parent.parent / "fixtures" / "minimal_pack"
SIZE = (80, 24)
SMALL = (40, 12)

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]
SnapCompare = Callable[..., bool]


def guide_app(pilot: Pilot[Any]) -> CrampGuideApp:
    app = pilot.app
    assert isinstance(app, CrampGuideApp)
    return app


async def drawn(pilot: Pilot[Any]) -> None:
    """Let recomposed panes and screen switches finish drawing."""
    for _ in range(3):
        await settle(pilot)


def on_tab(tab_id: str, wait_loaded: WaitLoaded, *keys: str) -> RunBefore:
    """Wait for the guide, press `keys`, and check that `tab_id` is the tab on show, built.

    The app starts on that tab (`make_app(..., initial_tab=tab_id)`), so no other tab is built first.
    """

    async def run_before(pilot: Pilot[Any]) -> None:
        assert guide_app(pilot).initial_tab == tab_id
        await wait_loaded(pilot)
        if keys:
            await press(pilot, *keys)
        await drawn(pilot)
        app = guide_app(pilot)
        assert app.query_one(TabbedContent).active == tab_id
        assert not app.query(f"#{tab_id} .loading")

    return run_before


def running(routine_id: str, wait_loaded: WaitLoaded) -> RunBefore:
    """Start a routine from the list of the Stretch tab the app started on; the fake clock stands still, so
    the countdown does too."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = guide_app(pilot)
        await on_tab("stretch", wait_loaded)(pilot)
        tab = app.query_one(StretchTab)
        routines = [routine.id for routine in tab.services.guide.routines]
        await press(pilot, *["down"] * routines.index(routine_id), "enter")
        await settle(pilot)
        assert tab.player.routine is not None and tab.player.routine.id == routine_id
        assert tab.player.display

    return run_before
