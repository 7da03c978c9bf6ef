"""Snapshots of the Prevention and Diary tabs on the fixture pack, with fixed data and a frozen clock.

Update deliberately with `pytest tests/ui/test_snapshots_prevention_diary.py --snapshot-update`, then look at
the pictures under `__snapshots__/` before committing them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from crampguide.store import Store
from crampguide.ui.screens.confirm import ConfirmScreen
from crampguide.ui.screens.entry_form import EntryFormScreen
from ui.pilot_steps import press
from ui.snap_steps import PACK, SIZE, SMALL, MakeApp, SnapCompare, WaitLoaded, drawn, guide_app, on_tab

TONIGHT = date(2026, 11, 24)
CHECKLIST = "checklist-evening"
BOTH_SIZES = [pytest.param(SIZE, id="80x24"), pytest.param(SMALL, id="40x12")]


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone()


def tick_some_nights(store: Store) -> None:
    for days_ago in (1, 2, 3, 6):
        store.set_ticked(CHECKLIST, "item-rule", True, TONIGHT - timedelta(days=days_ago))
    store.set_ticked(CHECKLIST, "item-routine", True, TONIGHT - timedelta(days=1))
    store.set_ticked(CHECKLIST, "item-rule", True, TONIGHT)


def log_some_cramps(store: Store) -> None:
    store.add_entry(
        when=local("2026-11-25T01:40"),
        leg="left",
        severity=6,
        minutes=3,
        helped=["treatment-one"],
        note="after a long walk",
    )
    store.add_entry(when=local("2026-11-21T23:55"), leg="both", severity=8, minutes=12)
    store.add_entry(when=local("2026-11-13T04:30"), leg="right", severity=3, minutes=0)
    store.add_entry(when=local("2026-10-30T02:10"))


@pytest.mark.parametrize("size", BOTH_SIZES)
def test_prevention_tab(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, store: Store, size: tuple[int, int]
) -> None:
    tick_some_nights(store)
    run_before = on_tab("prevention", wait_loaded)
    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="prevention"), terminal_size=size, run_before=run_before
    )


@pytest.mark.parametrize("size", BOTH_SIZES)
def test_diary_tab(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, store: Store, size: tuple[int, int]
) -> None:
    log_some_cramps(store)
    run_before = on_tab("diary", wait_loaded)
    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="diary"), terminal_size=size, run_before=run_before
    )


def test_diary_entry_form(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await on_tab("diary", wait_loaded)(pilot)
        await press(pilot, "a")
        await drawn(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, EntryFormScreen)
        for field in screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        screen.query_one("#entry-severity").focus()
        await press(pilot, "1", "1", "enter")  # out of range: the form shows why it did not save
        await drawn(pilot)

    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="diary"), terminal_size=SIZE, run_before=run_before
    )


def test_delete_asks_first(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, store: Store
) -> None:
    """The confirm dialog over the diary: what will be deleted, and a way out."""
    log_some_cramps(store)

    async def run_before(pilot: Pilot[Any]) -> None:
        await on_tab("diary", wait_loaded)(pilot)
        await press(pilot, "d")
        await drawn(pilot)
        assert isinstance(guide_app(pilot).screen, ConfirmScreen)

    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="diary"), terminal_size=SIZE, run_before=run_before
    )
