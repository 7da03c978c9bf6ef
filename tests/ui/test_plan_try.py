"""The dialog that plans a try: the bedtime stretch by default, the plan drawn up front, cancel and start."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Select, Static

from crampguide.guide.models import Checklist, ChecklistItem
from crampguide.trial import Phase, Trial
from crampguide.ui.screens.plan_try import PlanTryScreen
from ui.pilot_steps import press, settle

TONIGHT = date(2026, 11, 24)
CHECKLISTS = (
    Checklist(
        id="every-day",
        title="Every day",
        items=(ChecklistItem(id="drink-enough", text="Drink [b]enough[/b]", rule="drink"),),
    ),
    Checklist(
        id="at-bedtime",
        title="At bedtime",
        items=(
            ChecklistItem(id="bedtime-stretch", text="Stretch before bed", rule="stretch"),
            ChecklistItem(id="loosen-bedcovers", text="Loosen the covers", rule="covers"),
        ),
    ),
)


class Host(App[None]):
    def __init__(self, screen: PlanTryScreen) -> None:
        super().__init__()
        self.dialog = screen
        self.results: list[Trial | None] = []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


class Last(random.Random):
    def choice(self, seq: Any) -> Any:
        return seq[-1]


def plan_text(host: Host) -> str:
    return str(host.dialog.query_one("#plan-try-plan", Static).content)


async def test_the_bedtime_stretch_four_weeks_and_the_plan_before_starting() -> None:
    host = Host(PlanTryScreen(CHECKLISTS, TONIGHT, Last()))
    async with host.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert host.dialog.query_one("#plan-try-item", Select).value == ("at-bedtime", "bedtime-stretch")
        assert plan_text(host).splitlines() == [
            "The order was drawn at random: a skip week first.",
            "  Week 1, 24 Nov – 30 Nov: skip",
            "  Week 2, 1 Dec – 7 Dec: do",
            "  Week 3, 8 Dec – 14 Dec: skip",
            "  Week 4, 15 Dec – 21 Dec: do",
        ]
        host.dialog.query_one("#plan-try-weeks", Select).value = 2
        await settle(pilot)
        assert len(plan_text(host).splitlines()) == 3
        assert "a skip week first" in plan_text(host)  # the drawn order stays
        await pilot.click("#plan-try-start")
        await settle(pilot)
    assert host.results == [Trial("at-bedtime", "bedtime-stretch", TONIGHT, 2, Phase.SKIP)]


async def test_another_item_and_cancel() -> None:
    host = Host(PlanTryScreen(CHECKLISTS, TONIGHT, random.Random(0), item=("every-day", "drink-enough")))
    async with host.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        item = host.dialog.query_one("#plan-try-item", Select)
        assert item.value == ("every-day", "drink-enough")
        await press(pilot, "escape")
        await settle(pilot)
    assert host.results == [None]


async def test_ctrl_s_starts() -> None:
    host = Host(PlanTryScreen(CHECKLISTS, TONIGHT, random.Random(0), item=("gone", "item")))
    async with host.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+s")
        await settle(pilot)
    (started,) = host.results
    assert started is not None and started.item_id == "bedtime-stretch"  # an unknown item falls back
