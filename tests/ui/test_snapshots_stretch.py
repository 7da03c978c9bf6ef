"""Snapshots of the Stretch player on the fixture pack at 80×24 and 40×12: first aid asking which leg (the
compact one-line countdown at 40×12), the bedtime routine's get-ready pause, first aid over its 10 minutes,
the finish screen with its key to log the cramp, and the diary form it opens, filled in.

Update deliberately with `pytest tests/ui/test_snapshots_stretch.py --snapshot-update`, then look at the
pictures under `__snapshots__/` before committing them.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from crampguide.ui.screens.entry_form import EntryFormScreen
from crampguide.ui.tabs.stretch_player import RoutinePlayer
from ui.pilot_steps import press
from ui.snap_steps import PACK, SIZE, SMALL, MakeApp, SnapCompare, WaitLoaded, drawn, guide_app, running

BOTH_SIZES = [pytest.param(SIZE, id="80x24"), pytest.param(SMALL, id="40x12")]
FIRST_AID = "routine-relief"  # the fixture's first-aid-like routine: the cramped leg, until it eases
BEDTIME = "routine-bedtime"


class Clock:
    def advance(self, seconds: float) -> None: ...


def player(pilot: Pilot[Any]) -> RoutinePlayer:
    return guide_app(pilot).query_one(RoutinePlayer)


def heading(pilot: Pilot[Any]) -> str:
    return str(player(pilot).query_one("#phase-where").render())


@pytest.mark.parametrize("size", BOTH_SIZES)
def test_first_aid_asks_which_leg(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await running(FIRST_AID, wait_loaded)(pilot)
        assert player(pilot).query_one("#leg-question").display
        assert player(pilot).has_class("compact") == (size == SMALL)

    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="stretch"), terminal_size=size, run_before=run_before
    )


@pytest.mark.parametrize("size", BOTH_SIZES)
def test_bedtime_gets_ready_first(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await running(BEDTIME, wait_loaded)(pilot)
        assert "Get ready" in heading(pilot)

    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="stretch"), terminal_size=size, run_before=run_before
    )


@pytest.mark.parametrize("size", BOTH_SIZES)
def test_first_aid_over_ten_minutes(
    snap_compare: SnapCompare,
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    monotonic: Clock,
    size: tuple[int, int],
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await running(FIRST_AID, wait_loaded)(pilot)
        await press(pilot, "l", "space")
        monotonic.advance(601)
        player(pilot).tick()
        await drawn(pilot)
        assert player(pilot).query_one("#over-limit").display

    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="stretch"), terminal_size=size, run_before=run_before
    )


@pytest.mark.parametrize("size", BOTH_SIZES)
def test_first_aid_finished_offers_to_log(
    snap_compare: SnapCompare,
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    monotonic: Clock,
    size: tuple[int, int],
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await running(FIRST_AID, wait_loaded)(pilot)
        await press(pilot, "r")
        monotonic.advance(20)
        await press(pilot, "e")
        await drawn(pilot)
        assert heading(pilot) == "Done. Well done."
        assert player(pilot).query_one("#log-cramp").display

    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="stretch"), terminal_size=size, run_before=run_before
    )


def test_log_this_cramp_opens_the_form_filled_in(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: Clock
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await running(FIRST_AID, wait_loaded)(pilot)
        await press(pilot, "b")
        monotonic.advance(25)
        await press(pilot, "space")
        monotonic.advance(100)  # paused, the cramp still goes on: two minutes in all
        await press(pilot, "e")
        await drawn(pilot)
        await press(pilot, "l")
        await drawn(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, EntryFormScreen)
        for field in screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        await drawn(pilot)

    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="stretch"), terminal_size=SIZE, run_before=run_before
    )
