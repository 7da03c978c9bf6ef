"""Snapshots of the Diary tab's comparisons with a try running, at 80x24, in colour and with NO_COLOR.

On the fixture pack with a frozen clock. Update deliberately with
`pytest tests/ui/test_snapshots_compare.py --snapshot-update` and look at the pictures before committing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from crampguide.store import Store
from crampguide.trial import Phase, Trial
from crampguide.ui.widgets.comparisons import ComparisonsPanel
from ui.pilot_steps import press
from ui.snap_steps import PACK, SIZE, MakeApp, SnapCompare, WaitLoaded, drawn, guide_app, on_tab

TONIGHT = date(2026, 11, 24)
CHECKLIST = "checklist-evening"


def record_some_nights(store: Store) -> None:
    """Three weeks: the first item on most nights, cramps on some; a try of it started ten nights ago."""
    for days_ago in range(1, 22):
        night = TONIGHT - timedelta(days=days_ago)
        if days_ago % 3:
            store.set_ticked(CHECKLIST, "item-rule", True, night)
        if days_ago in (2, 3, 7, 11, 12, 19):
            store.add_entry(when=datetime.combine(night, time(23, 30)).astimezone())
    start = TONIGHT - timedelta(days=10)
    clock = datetime.combine(start, time(22, 0)).astimezone()
    Store(store.data_dir, lambda: clock).start_try(Trial(CHECKLIST, "item-rule", start, 4, Phase.SKIP))


@pytest.mark.parametrize("colour", [pytest.param(True, id="colour"), pytest.param(False, id="no-colour")])
def test_comparisons_panel(
    snap_compare: SnapCompare,
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    colour: bool,
) -> None:
    record_some_nights(store)
    if not colour:
        monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot: Pilot[Any]) -> None:
        await on_tab("diary", wait_loaded)(pilot)
        await press(pilot, "v")
        await drawn(pilot)
        panel = guide_app(pilot).query_one(ComparisonsPanel)
        assert panel.display and panel.children
        assert guide_app(pilot).no_color is not colour

    assert snap_compare(
        make_app(content_dir=PACK, initial_tab="diary"), terminal_size=SIZE, run_before=run_before
    )
