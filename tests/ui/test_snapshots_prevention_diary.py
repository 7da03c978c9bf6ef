"""Snapshots of the Prevention and Diary tabs with fixed data, a frozen clock and a fixed terminal size.

Update deliberately with `pytest tests/ui/test_snapshots_prevention_diary.py --snapshot-update`, then look at
the pictures under `__snapshots__/` before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from crampguide.store import Store
from crampguide.ui.app import CrampGuideApp

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]
SnapCompare = Callable[..., bool]

SIZE = (100, 30)
TONIGHT = date(2026, 11, 24)
EVERY_DAY = ("drink-enough", "move-during-day", "comfortable-shoes", "limit-alcohol", "balanced-diet")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone()


def open_tab(key: str, wait_loaded: WaitLoaded) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_loaded(pilot)
        await pilot.press(key)
        await pilot.pause()

    return run_before


def test_prevention_tab(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, store: Store
) -> None:
    for days_ago in (1, 2, 3, 6):
        for item in EVERY_DAY:
            store.set_ticked("every-day", item, True, TONIGHT - timedelta(days=days_ago))
    store.set_ticked("every-day", "drink-enough", True, TONIGHT - timedelta(days=5))
    store.set_ticked("every-day", "drink-enough", True, TONIGHT)
    store.set_ticked("every-day", "limit-alcohol", True, TONIGHT)
    store.set_ticked("at-bedtime", "bedtime-stretch", True, TONIGHT - timedelta(days=1))
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=open_tab("5", wait_loaded))


def test_diary_tab(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, store: Store
) -> None:
    store.add_entry(
        when=local("2026-11-25T01:40"),
        leg="left",
        severity=6,
        minutes=3,
        helped=["pull-toes-knee-straight"],
        note="after a long walk",
    )
    store.add_entry(
        when=local("2026-11-21T23:55"),
        leg="both",
        severity=8,
        minutes=12,
        helped=["massage-calf", "walk-on-heels"],
    )
    store.add_entry(when=local("2026-11-13T04:30"), leg="right", severity=3, minutes=0)
    store.add_entry(when=local("2026-10-30T02:10"))
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=open_tab("6", wait_loaded))


def test_diary_entry_form(snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await open_tab("6", wait_loaded)(pilot)
        await pilot.press("a")
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a blinking cursor would make the picture depend on timing
        pilot.app.screen.query_one("#entry-severity").focus()
        await pilot.press("1", "1", "enter")  # out of range: the form shows why it did not save
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
