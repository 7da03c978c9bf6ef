"""Prevention tab: ticks save at once, streaks and the 14-night grid follow, each item shows its reason."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Select, Static

from crampguide.store import Store
from crampguide.trial import Phase, Trial
from crampguide.ui.app import CrampGuideApp
from crampguide.ui.screens.plan_try import PlanTryScreen
from crampguide.ui.tabs.prevention import ChecklistList, PreventionTab
from crampguide.ui.tabs.stretch_player import RoutinePlayer
from crampguide.ui.widgets.item_view import ItemView
from ui.pilot_steps import press, settle

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]

# FIXED_NOW is 02:30 on 25 November; with the default 04:00 day start that is still the night of the 24th.
TONIGHT = date(2026, 11, 24)
EVERY_DAY = ("drink-enough", "move-during-day", "comfortable-shoes", "limit-alcohol", "balanced-diet")


def saved_ticks(data_dir: Path, checklist_id: str, night: date = TONIGHT) -> frozenset[str]:
    """Read back through a fresh store, as another process would."""
    return frozenset(Store(data_dir).ticks(checklist_id).get(night, frozenset()))


def text_of(tab: PreventionTab, selector: str) -> str:
    return str(tab.query_one(selector, Static).content)


def prompts(tab: PreventionTab, checklist_id: str) -> list[str]:
    items = tab.query_one(f"#checklist-{checklist_id}", ChecklistList)
    return [str(option.prompt) for option in items.options]


async def open_prevention(app: CrampGuideApp, pilot: Pilot[Any], wait_loaded: WaitLoaded) -> PreventionTab:
    """The Prevention tab of an app started on it: no Causes tab built first."""
    assert app.initial_tab == "prevention"
    await wait_loaded(pilot)
    return app.query_one(PreventionTab)


def test_the_fixed_clock_is_after_midnight(store: Store) -> None:
    assert store.now().hour == 2 and store.now().date() == TONIGHT + timedelta(days=1)
    assert store.tonight() == TONIGHT


async def test_space_ticks_and_saves_at_once_then_unticks(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        assert isinstance(app.focused, ChecklistList)
        assert app.focused.id == "checklist-every-day"

        await press(pilot, "space")
        await writes_done(pilot)
        # The tick after midnight belongs to the night that began on the 24th.
        assert saved_ticks(data_dir, "every-day") == {"drink-enough"}
        assert prompts(tab, "every-day")[0].startswith("[✓]")
        assert "Tonight 1 of 5" in text_of(tab, "#heading-every-day")

        await press(pilot, "space")
        await writes_done(pilot)
        assert saved_ticks(data_dir, "every-day") == frozenset()
        assert prompts(tab, "every-day")[0].startswith("[ ]")
        assert "Tonight 0 of 5" in text_of(tab, "#heading-every-day")


async def test_enter_and_a_click_tick_too(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        await press(pilot, "down", "enter")
        await writes_done(pilot)
        assert saved_ticks(data_dir, "every-day") == {"move-during-day"}

        bedtime = tab.query_one("#checklist-at-bedtime", ChecklistList)
        bedtime.scroll_visible(animate=False)
        await writes_done(pilot)
        # Row 0 is the list's top border; the first item is on row 1.
        assert await pilot.click(bedtime, offset=(6, 1))
        await writes_done(pilot)
        assert saved_ticks(data_dir, "at-bedtime") == {"bedtime-stretch"}
        assert prompts(tab, "at-bedtime")[0].startswith("[✓]")


async def test_streak_and_grid_follow_the_ticks(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded, store: Store, data_dir: Path
) -> None:
    # Every item on the two nights before tonight; part of the list four nights ago.
    for night in (TONIGHT - timedelta(days=1), TONIGHT - timedelta(days=2)):
        for item in EVERY_DAY:
            store.set_ticked("every-day", item, True, night)
    store.set_ticked("every-day", "drink-enough", True, TONIGHT - timedelta(days=4))
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        assert "streak: 2 nights" in text_of(tab, "#heading-every-day")
        assert "streak: 0 nights" in text_of(tab, "#heading-at-bedtime")
        grid = text_of(tab, "#grid-every-day").splitlines()
        assert grid[0] == "11 Nov – 24 Nov, tonight last:"
        assert grid[1] == "W T F S S M T W T F S S M T"  # 11 Nov 2026 is a Wednesday; tonight a Tuesday
        assert grid[2].split() == ["·"] * 9 + ["~", "·", "✓", "✓", "·"]

        for _ in EVERY_DAY:
            await press(pilot, "space", "down")
        await writes_done(pilot)
        assert saved_ticks(data_dir, "every-day") == set(EVERY_DAY)
        assert "streak: 3 nights" in text_of(tab, "#heading-every-day")
        assert text_of(tab, "#grid-every-day").splitlines()[2].split()[-3:] == ["✓", "✓", "✓"]

        await press(pilot, "up", "space")  # untick the last item: tonight is unfinished, not a broken streak
        await writes_done(pilot)
        assert "streak: 2 nights" in text_of(tab, "#heading-every-day")
        assert text_of(tab, "#grid-every-day").splitlines()[2].split()[-1] == "~"


async def test_the_highlighted_item_shows_its_rule_with_sources(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        view = tab.query_one("#prevention-rule", ItemView)
        assert view.item is not None and view.item.id == "drink-enough"
        await press(pilot, "down")
        await writes_done(pilot)
        assert view.item is not None and view.item.id == "move-during-day"
        assert view.query(".sources")  # the rule's sources are shown under it
        assert view.query(".badge")  # with its grade and policy badges


async def test_every_prevention_rule_and_tip_is_listed(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        guide = tab.services.guide
        rules = tab.query_one("#rule-list", OptionList)
        listed = [option.id for option in rules.options if option.id is not None]
        assert sorted(listed) == sorted(rule.id for rule in guide.prevention)
        headings = [str(option.prompt) for option in rules.options if option.disabled]
        assert headings == ["Rules", "Tips"]

        tab.show_item("bedtime-bike")
        await writes_done(pilot)
        assert app.focused is rules
        view = tab.query_one("#prevention-rule", ItemView)
        assert view.item is not None and view.item.id == "bedtime-bike"


async def test_finishing_the_bedtime_routine_shows_as_ticked(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: Any, data_dir: Path
) -> None:
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        assert prompts(tab, "at-bedtime")[0].startswith("[ ]")
        app.start_routine("bedtime")
        await writes_done(pilot)
        monotonic.advance(60 * 60)
        app.query_one(RoutinePlayer).tick()  # what the player's once-a-second wake-up does: no real wait
        await writes_done(pilot)
        assert saved_ticks(data_dir, "at-bedtime") == {"bedtime-stretch"}
        await press(pilot, "5")
        await writes_done(pilot)
        assert prompts(tab, "at-bedtime")[0].startswith("[✓]")
        assert "Tonight 1 of 3" in text_of(tab, "#heading-at-bedtime")


async def test_day_start_hour_comes_from_the_settings(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded, store: Store, data_dir: Path
) -> None:
    store.update_settings(day_start_hour=0)  # midnight: 02:30 on the 25th is then the night of the 25th
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        assert "00:00 to 00:00" in text_of(tab, "#prevention-intro")
        await press(pilot, "space")
        await writes_done(pilot)
        assert saved_ticks(data_dir, "every-day", TONIGHT + timedelta(days=1)) == {"drink-enough"}


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_small_terminals(
    writes_done: WaitLoaded, make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=size) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        assert tab.has_class("narrow") == (size[0] < 76)
        await press(pilot, "space")
        await writes_done(pilot)
        assert saved_ticks(data_dir, "every-day") == {"drink-enough"}


# --- a try --------------------------------------------------------------------------------------


def start_try(data_dir: Path, first: Phase, start: date = TONIGHT) -> None:
    clock = datetime.combine(start, time(22, 0)).astimezone()
    Store(data_dir, lambda: clock).start_try(Trial("at-bedtime", "bedtime-stretch", start, 4, first))


async def test_tonight_is_a_do_or_a_skip_night(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    start_try(data_dir, Phase.SKIP, TONIGHT - timedelta(days=8))  # week 2: a do week
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        line = tab.query_one("#prevention-try", Static)
        assert line.display and line.has_class("do-night")
        assert text_of(tab, "#prevention-try") == (
            "Tonight is a “do” night (week 2 of 4 of your try): "
            "Stretch your calves and hamstrings before bed."
        )


async def test_no_line_and_no_stop_key_without_a_try(make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        assert not tab.query_one("#prevention-try", Static).display
        shown = {b.action for (_, b, enabled, _) in app.screen.active_bindings.values() if enabled}
        assert "plan_try" in shown and "stop_try" not in shown


async def test_plan_from_prevention_defaults_to_the_bedtime_stretch_then_stop(
    make_app: MakeApp, wait_loaded: WaitLoaded, writes_done: WaitLoaded, data_dir: Path
) -> None:
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        assert app.focused is not None and app.focused.id == "checklist-every-day"
        await press(pilot, "p")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PlanTryScreen)
        assert dialog.plan() is not None and dialog.plan().item_id == "bedtime-stretch"  # type: ignore[union-attr]
        dialog.query_one("#plan-try-weeks", Select).value = 2
        await settle(pilot)
        await press(pilot, "ctrl+s")
        await writes_done(pilot)
        (started,) = Store(data_dir).tries()
        assert started.weeks == 2 and started.start == TONIGHT
        assert "night (week 1 of 2 of your try)" in text_of(tab, "#prevention-try")

        await press(pilot, "x", "n")  # asked, and kept going
        await writes_done(pilot)
        assert Store(data_dir).tries()[0].stopped is None
        await press(pilot, "x", "y")
        await writes_done(pilot)
        assert Store(data_dir).tries()[0].stopped == TONIGHT
        assert text_of(tab, "#prevention-try") == (
            "Your try of “Stretch your calves and hamstrings before bed” was stopped."
        )


async def test_a_finished_try_points_to_its_result_for_a_week(
    make_app: MakeApp, wait_loaded: WaitLoaded, data_dir: Path
) -> None:
    start_try(data_dir, Phase.DO, TONIGHT - timedelta(days=30))  # ended 2 nights ago
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        assert "is over: its result is in the Diary tab" in text_of(tab, "#prevention-try")
    data_dir.joinpath("tries.toml").unlink()
    start_try(data_dir, Phase.DO, TONIGHT - timedelta(days=40))  # ended 12 nights ago
    app = make_app(initial_tab="prevention")
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await open_prevention(app, pilot, wait_loaded)
        assert not tab.query_one("#prevention-try", Static).display
