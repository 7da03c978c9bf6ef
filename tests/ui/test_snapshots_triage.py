"""Snapshots of the Triage tab on the fixture pack at 80x24 and 40x12: what a person sees first.

The tree is the fixture pack's with three doctor questions (tests/fixtures/triage_checklist.toml), so a
wording change in `content/` never changes these pictures. Update with `--snapshot-update`, then look.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TabbedContent

from crampguide.ui.app import CrampGuideApp
from crampguide.ui.tabs.triage import TriageTab
from ui.pilot_steps import press, settle

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]
SnapCompare = Callable[..., bool]

TREE = Path(__file__).resolve().parent.parent / "fixtures" / "triage_checklist.toml"
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((40, 12), id="40x12")]


@pytest.fixture
def pack(minimal_pack: Path) -> Path:
    shutil.copyfile(TREE, minimal_pack / "triage.toml")
    return minimal_pack


def pressing(
    wait_loaded: WaitLoaded, *keys: str, top: bool = True
) -> Callable[[Pilot[Any]], Awaitable[None]]:
    """On the Triage tab the app started on, press `keys`; with `top`, check the tab shows its beginning."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_loaded(pilot)
        app = pilot.app
        assert app.query_one(TabbedContent).active == "triage"
        await press(pilot, *keys)
        for _ in range(3):
            await settle(pilot)
        assert app.query_one(TriageTab).query_one("#triage-scroll").scroll_y == 0 or not top

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_triage_emergency_outcome(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, pack: Path, size: tuple[int, int]
) -> None:
    assert snap_compare(
        make_app(content_dir=pack, initial_tab="triage"),
        terminal_size=size,
        run_before=pressing(wait_loaded, "y"),
    )


@pytest.mark.parametrize("size", SIZES)
def test_triage_checklist_with_a_tick(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, pack: Path, size: tuple[int, int]
) -> None:
    run_before = pressing(wait_loaded, "n", "n", "down", "space", top=False)
    assert snap_compare(
        make_app(content_dir=pack, initial_tab="triage"), terminal_size=size, run_before=run_before
    )


@pytest.mark.parametrize("size", SIZES)
def test_triage_doctor_outcome(
    snap_compare: SnapCompare, make_app: MakeApp, wait_loaded: WaitLoaded, pack: Path, size: tuple[int, int]
) -> None:
    run_before = pressing(wait_loaded, "n", "n", "down", "space", "d")
    assert snap_compare(
        make_app(content_dir=pack, initial_tab="triage"), terminal_size=size, run_before=run_before
    )
