"""Snapshots of the guide's main screens on the fixture pack, with a frozen clock and private data.

Update deliberately with `pytest tests/ui/test_snapshots.py --snapshot-update`, then look at the pictures
under `__snapshots__/` (or in `snapshot_report.html` after a failure) before committing them.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from crampguide.store import Store
from crampguide.ui.screens.disclaimer import DisclaimerScreen
from crampguide.ui.screens.help import HelpScreen
from crampguide.ui.themes import BEDTIME_THEME, THEME_CYCLE
from crampguide.ui.widgets.item_view import ItemView
from ui.snap_steps import (
    PACK,
    SIZE,
    SMALL,
    MakeApp,
    SnapCompare,
    WaitLoaded,
    drawn,
    guide_app,
    on_tab,
    running,
)

NOT_ADVISED_TREATMENT = "treatment-two"
BOTH_SIZES = [pytest.param(SIZE, id="80x24"), pytest.param(SMALL, id="40x12")]


def showing_item(tab_id: str, item_id: str, wait_loaded: WaitLoaded) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        app = guide_app(pilot)
        await wait_loaded(pilot)
        await app.show_item(tab_id, item_id)
        await drawn(pilot)
        assert app.query_one(TabbedContent).active == tab_id
        view = app.query_one(f"#{tab_id}-tab ItemView", ItemView)
        assert view.item is not None and view.item.id == item_id

    return run_before


@pytest.mark.parametrize("size", BOTH_SIZES)
def test_causes_tab(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await on_tab("causes", wait_loaded)(pilot)
        assert guide_app(pilot).query_one("#causes-tab ItemView", ItemView).item is not None

    assert snap_compare(make_app(content_dir=PACK), terminal_size=size, run_before=run_before)


def test_treatments_tab_not_advised_item(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    run_before = showing_item("treatments", NOT_ADVISED_TREATMENT, wait_loaded)
    assert snap_compare(make_app(content_dir=PACK), terminal_size=SIZE, run_before=run_before)


def test_light_theme(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, store: Store
) -> None:
    """The saved theme applies at start; badges and warnings must read on a light background too."""
    store.update_settings(theme="light")
    run = showing_item("treatments", NOT_ADVISED_TREATMENT, wait_loaded)

    async def run_before(pilot: Pilot[Any]) -> None:
        await run(pilot)
        assert pilot.app.theme == THEME_CYCLE["light"]

    assert snap_compare(make_app(content_dir=PACK), terminal_size=SIZE, run_before=run_before)


def test_triage_first_question(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    run_before = on_tab("triage", wait_loaded)
    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="triage"), terminal_size=SIZE, run_before=run_before
    )


@pytest.mark.parametrize("size", BOTH_SIZES)
def test_triage_urgent_outcome(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, size: tuple[int, int]
) -> None:
    """No to the emergency question, yes to the urgent one: the fixture tree ends at "Outcome: urgent"."""
    run_before = on_tab("triage", wait_loaded, "n", "y")
    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="triage"), terminal_size=size, run_before=run_before
    )


@pytest.mark.parametrize("size", BOTH_SIZES)
def test_triage_self_care_outcome(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, size: tuple[int, int]
) -> None:
    """No to every question: the fixture tree ends at "Outcome: self-care"."""
    run_before = on_tab("triage", wait_loaded, "n", "n", "n")
    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="triage"), terminal_size=size, run_before=run_before
    )


def test_stretch_routine_list(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    run_before = on_tab("stretch", wait_loaded)
    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="stretch"), terminal_size=SIZE, run_before=run_before
    )


def test_stretch_running_until_it_eases(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    """The fixture's first-aid-like routine: one step held until the cramp eases."""
    run_before = running("routine-relief", wait_loaded)
    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="stretch"), terminal_size=SIZE, run_before=run_before
    )


def test_bedtime_theme(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await running("routine-bedtime", wait_loaded)(pilot)
        assert guide_app(pilot).theme == BEDTIME_THEME.name

    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="stretch"), terminal_size=SIZE, run_before=run_before
    )


def test_help_screen(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await on_tab("causes", wait_loaded, "question_mark")(pilot)
        assert isinstance(pilot.app.screen, HelpScreen)

    assert snap_compare(make_app(content_dir=PACK), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("size", BOTH_SIZES)
def test_first_run_disclaimer(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_loaded(pilot)
        await drawn(pilot)
        app = guide_app(pilot)
        assert isinstance(app.screen, DisclaimerScreen)
        assert not app.screen_stack[0].query("#causes .loading")

    app = make_app(content_dir=PACK, disclaimer_accepted=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
