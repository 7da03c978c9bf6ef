"""Snapshots of the guide's main screens with a frozen clock, private data and a fixed terminal size.

Update deliberately with `pytest tests/ui/test_snapshots.py --snapshot-update`, then look at the pictures
under `__snapshots__/` before committing them. Each `run_before` checks the screen it set up, so a snapshot
can never quietly record a loading indicator or the wrong tab.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TabbedContent

from crampguide.ui.app import CrampGuideApp
from crampguide.ui.screens.disclaimer import DisclaimerScreen
from crampguide.ui.screens.help import HelpScreen
from crampguide.ui.tabs.stretch import StretchTab
from crampguide.ui.themes import BEDTIME_THEME
from crampguide.ui.widgets.item_view import ItemView

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]
RunBefore = Callable[[Pilot[Any]], Awaitable[None]]
SnapCompare = Callable[..., bool]

SIZE = (100, 30)
SMALL = (40, 12)
NOT_ADVISED_TREATMENT = "wormwood-tincture"


def guide_app(pilot: Pilot[Any]) -> CrampGuideApp:
    app = pilot.app
    assert isinstance(app, CrampGuideApp)
    return app


async def settle(pilot: Pilot[Any]) -> None:
    """Let recomposed panes and screen switches finish drawing."""
    for _ in range(3):
        await pilot.pause()


def on_tab(tab_id: str, wait_loaded: WaitLoaded, *keys: str) -> RunBefore:
    """Wait for the guide, press `keys`, and check that `tab_id` is the tab on show."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_loaded(pilot)
        if keys:
            await pilot.press(*keys)
        await settle(pilot)
        app = guide_app(pilot)
        assert app.query_one(TabbedContent).active == tab_id
        assert not app.query(f"#{tab_id} .loading")

    return run_before


def running(routine_id: str, wait_loaded: WaitLoaded) -> RunBefore:
    """Start a routine from the Stretch tab's list; the fake clock stands still, so the countdown does too."""

    async def run_before(pilot: Pilot[Any]) -> None:
        app = guide_app(pilot)
        await wait_loaded(pilot)
        await pilot.press("4")
        await pilot.pause()
        tab = app.query_one(StretchTab)
        routines = [routine.id for routine in tab.services.guide.routines]
        await pilot.press(*["down"] * routines.index(routine_id), "enter")
        await settle(pilot)
        assert tab.routine is not None and tab.routine.id == routine_id
        assert tab.query_one("#routine-player").display

    return run_before


def test_causes_tab(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await on_tab("causes", wait_loaded)(pilot)
        view = guide_app(pilot).query_one("#causes-tab ItemView", ItemView)
        assert view.item is not None

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_treatments_tab_not_advised_item(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        app = guide_app(pilot)
        await wait_loaded(pilot)
        await app.show_item("treatments", NOT_ADVISED_TREATMENT)
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "treatments"
        view = app.query_one("#treatments-tab ItemView", ItemView)
        assert view.item is not None and view.item.id == NOT_ADVISED_TREATMENT

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_triage_first_question(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=on_tab("triage", wait_loaded, "3"))


def test_triage_emergency_outcome(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await on_tab("triage", wait_loaded, "3", "y")(pilot)
        assert guide_app(pilot).query(".emergency-line")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_stretch_routine_list(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=on_tab("stretch", wait_loaded, "4"))


def test_stretch_running_cramp_now(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=running("cramp-now", wait_loaded))


def test_bedtime_theme(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await running("bedtime", wait_loaded)(pilot)
        assert guide_app(pilot).theme == BEDTIME_THEME.name

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await on_tab("causes", wait_loaded, "question_mark")(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_first_run_disclaimer(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_loaded(pilot)
        await settle(pilot)
        app = guide_app(pilot)
        assert isinstance(app.screen, DisclaimerScreen)
        assert not app.screen_stack[0].query("#causes .loading")

    assert snap_compare(make_app(disclaimer_accepted=False), terminal_size=SIZE, run_before=run_before)


def test_causes_tab_small(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=on_tab("causes", wait_loaded))
