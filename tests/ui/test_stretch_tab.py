"""Stretch tab: cramp first aid from anywhere, keys that move by exercise, "it eased", which leg, get ready,
logging first aid in the diary, bell and mute, the bedtime look, the checklist tick, the 10-minute message,
key hints that follow a remap, and the small layout.

The app's monotonic clock is the fake one from conftest: it moves only on `monotonic.advance(...)`. Instead
of waiting for the player's once-a-second wake-up, `advance()` moves the clock and calls `player.tick()`, the
method that wake-up calls. Tests that matter at 3 a.m. run at 80×24 and at 40×12.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits, Input, ProgressBar, Select, SelectionList, Static, TabbedContent

from crampguide.diary import Leg
from crampguide.routine import READY_SECONDS
from crampguide.store import Store
from crampguide.ui.app import CrampGuideApp
from crampguide.ui.screens.entry_form import EntryFormScreen
from crampguide.ui.tabs.stretch import StretchTab
from crampguide.ui.tabs.stretch_player import (
    REDRAW_SLACK_SECONDS,
    RoutinePlayer,
    next_redraw_in,
)
from crampguide.ui.themes import BEDTIME_THEME
from crampguide.ui.widgets.bar import Bar
from crampguide.words import clock_words
from ui.conftest import FIXED_NOW
from ui.pilot_steps import press as press_keys
from ui.pilot_steps import screen_text, settle

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((40, 12), id="40x12")]


class FakeMonotonic(Protocol):
    """The `monotonic` fixture: a clock that moves only when told to."""

    def advance(self, seconds: float) -> None: ...


# FIXED_NOW is 02:30 on 25 November: still the night of the 24th.
TONIGHT = date(2026, 11, 24)
BEDTIME_TOTAL_SECONDS = 200 + READY_SECONDS
STOP_AFTER_SECONDS = 600


def text_of(player: RoutinePlayer, selector: str) -> str:
    return str(player.query_one(selector, Static).content)


def where(player: RoutinePlayer) -> str:
    return text_of(player, "#phase-where")


def countdown(player: RoutinePlayer) -> str:
    """The time left as shown: the big digits, or the one line that replaces them when the screen is short."""
    if player.has_class("compact"):
        return text_of(player, "#countdown-text").removesuffix(" left")
    return player.query_one("#countdown", Digits).value


def player_shown(app: CrampGuideApp) -> bool:
    tab = app.query_one(StretchTab)
    assert tab.player.display != tab.picker.display
    return bool(tab.player.display)


async def advance(pilot: Pilot[Any], monotonic: FakeMonotonic, seconds: float) -> None:
    """Move the clock and do what the player's wake-up does, then let the screen redraw."""
    monotonic.advance(seconds)
    app = pilot.app
    assert isinstance(app, CrampGuideApp)
    app.query_one(RoutinePlayer).tick()
    await app.workers.wait_for_complete()  # a finished routine ticks the checklist in a thread worker
    await settle(pilot)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await press_keys(pilot, *keys)
    await pilot.app.workers.wait_for_complete()  # the app saves settings in a thread worker
    await settle(pilot)


async def cramp_now(app: CrampGuideApp, pilot: Pilot[Any], wait_loaded: WaitLoaded) -> RoutinePlayer:
    """Press c, as someone woken by a cramp would, on the tab the app started on.

    Tests of the player start on the Stretch tab (`make_app(initial_tab="stretch")`), which spares building
    the Causes tab first; c from the Causes tab, and from every other, has tests of its own.
    """
    await wait_loaded(pilot)
    assert app.query_one(TabbedContent).active == app.initial_tab
    await press(pilot, "c")
    assert app.query_one(TabbedContent).active == "stretch"
    assert player_shown(app)
    player = app.query_one(RoutinePlayer)
    assert app.focused is player
    return player


@pytest.mark.parametrize("size", SIZES)
async def test_c_starts_first_aid_and_the_keys_move_by_exercise(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        player = await cramp_now(app, pilot, wait_loaded)
        assert where(player) == "Cramp now · Step 1 of 3: the cramped leg, round 1 of 3"
        assert text_of(player, "#phase-title") == "Pull your toes toward you"
        assert countdown(player) == "0:30"
        assert player.has_class("compact") == (size[1] < 24)
        assert "Step 1 of 3" in screen_text(app)
        assert "0:30" in screen_text(app) or not player.has_class("compact")

        await advance(pilot, monotonic, 12)
        assert countdown(player) == "0:18"
        await press(pilot, "space")
        assert where(player).endswith("(paused)")
        await advance(pilot, monotonic, 10)
        assert countdown(player) == "0:18"
        await press(pilot, "space")
        assert not where(player).endswith("(paused)")
        await advance(pilot, monotonic, 3)
        assert countdown(player) == "0:15"

        # One press reaches the next exercise: the rounds of the hold are within one step.
        await press(pilot, "n")
        assert where(player) == "Cramp now · Step 2 of 3: the cramped leg"
        assert text_of(player, "#phase-title") == "Rub the calf firmly"
        assert countdown(player) == "1:00"
        await press(pilot, "p")
        assert where(player) == "Cramp now · Step 1 of 3: the cramped leg, round 1 of 3"
        await advance(pilot, monotonic, 31)
        assert where(player).endswith("round 2 of 3")
        await press(pilot, "right", "right")
        assert where(player) == "Cramp now · Step 3 of 3: the cramped leg"
        await press(pilot, "left")
        assert where(player) == "Cramp now · Step 2 of 3: the cramped leg"

        await advance(pilot, monotonic, 5)
        assert countdown(player) == "0:55"
        await press(pilot, "a")
        assert where(player) == "Cramp now · Step 1 of 3: the cramped leg, round 1 of 3"
        assert countdown(player) == "0:30"

        await press(pilot, "escape")
        assert not player_shown(app)
        assert app.focused is app.query_one("#routine-list")
        await press(pilot, "escape")  # stopped: a second escape does nothing
        assert not player_shown(app)


@pytest.mark.parametrize("size", SIZES)
async def test_it_eased_ends_the_holding_rounds_and_moves_on(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic, size: tuple[int, int]
) -> None:
    app = make_app(initial_tab="stretch")
    async with app.run_test(size=size) as pilot:
        player = await cramp_now(app, pilot, wait_loaded)
        await advance(pilot, monotonic, 40)
        assert where(player).endswith("round 2 of 3")
        assert "e it eased" in text_of(player, "#player-keys")
        await press(pilot, "e")
        assert where(player) == "Cramp now · Step 2 of 3: the cramped leg"
        assert countdown(player) == "1:00"
        # The massage is not held until it eases: the key is not in force, so e does nothing now.
        assert "it eased" not in text_of(player, "#player-keys")
        await press(pilot, "e")
        assert where(player) == "Cramp now · Step 2 of 3: the cramped leg"


@pytest.mark.parametrize("size", SIZES)
async def test_first_aid_asks_which_leg_and_remembers_the_answer(
    make_app: MakeApp, wait_loaded: WaitLoaded, store: Store, data_dir: Path, size: tuple[int, int]
) -> None:
    app = make_app(initial_tab="stretch")
    async with app.run_test(size=size) as pilot:
        player = await cramp_now(app, pilot, wait_loaded)
        question = player.query_one("#leg-question")
        assert question.display
        assert text_of(player, "#leg-question") == "Which leg has the cramp? l left · r right · b both"
        assert "Which leg" in screen_text(app)
        await press(pilot, "r")
        assert where(player) == "Cramp now · Step 1 of 3: right leg, round 1 of 3"
        assert not question.display
        assert store.settings().cramp_leg is Leg.RIGHT
        assert text_of(player, "#phase-next") == "Next: Rub the calf firmly (right leg)"
        await press(pilot, "l")  # answered: l is no longer "left"
        assert where(player) == "Cramp now · Step 1 of 3: right leg, round 1 of 3"

        await press(pilot, "escape", "c")
        await settle(pilot)
        assert where(player) == "Cramp now · Step 1 of 3: the cramped leg, round 1 of 3"
        assert text_of(player, "#leg-question") == (
            "Which leg has the cramp? l left · r right · b both  (⏎: right leg, as last time)"
        )
        await press(pilot, "enter")
        assert where(player) == "Cramp now · Step 1 of 3: right leg, round 1 of 3"

        await press(pilot, "escape", "c")
        await press(pilot, "b")
        assert where(player) == "Cramp now · Step 1 of 3: both legs, round 1 of 3"
        assert app.store.settings().cramp_leg is Leg.BOTH
        assert Store(data_dir).settings().cramp_leg is Leg.BOTH, "saved for next time"


@pytest.mark.parametrize("size", SIZES)
async def test_a_bedtime_routine_gives_time_to_get_ready_and_asks_no_leg(
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    monotonic: FakeMonotonic,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    app = make_app(start_routine="bedtime", initial_tab="stretch")
    rings: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(None))
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        player = app.query_one(RoutinePlayer)
        assert where(player) == "Bedtime stretches · Get ready. Step 1 of 2: left leg"
        assert text_of(player, "#phase-title") == "Calf stretch at a wall"
        assert countdown(player) == f"0:0{READY_SECONDS}"
        assert not player.query_one("#leg-question").display
        assert "Get ready" in screen_text(app)
        await advance(pilot, monotonic, READY_SECONDS)
        assert where(player) == "Bedtime stretches · Step 1 of 2: left leg, round 1 of 3"
        assert countdown(player) == "0:10"
        assert len(rings) == 1, "the bell says: start now"
        await press(pilot, "n")
        assert where(player) == "Bedtime stretches · Step 1 of 2: right leg, round 1 of 3"


@pytest.mark.parametrize("size", SIZES)
async def test_the_finish_screen_of_first_aid_logs_the_cramp_in_the_diary(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic, store: Store, size: tuple[int, int]
) -> None:
    app = make_app(initial_tab="stretch")
    async with app.run_test(size=size) as pilot:
        player = await cramp_now(app, pilot, wait_loaded)
        await press(pilot, "l")
        await advance(pilot, monotonic, 20)
        await press(pilot, "e")  # the toe pull helped
        await advance(pilot, monotonic, 60)  # the massage ran its minute
        assert where(player) == "Cramp now · Step 3 of 3: left leg"
        await press(pilot, "n")  # no walking: it is not what helped
        assert where(player) == "Done. Well done."
        assert player.query_one("#log-cramp").display
        assert "Press l to log this cramp" in text_of(player, "#phase-instruction")
        assert "l log this cramp" in text_of(player, "#player-keys")
        assert "Press l to log" in screen_text(app) or size[1] < 24

        await press(pilot, "l")
        await settle(pilot)
        assert app.query_one(TabbedContent).active == "diary"
        form = app.screen
        assert isinstance(form, EntryFormScreen)
        assert form.query_one("#entry-when", Input).value == FIXED_NOW.strftime("%Y-%m-%d %H:%M")
        assert form.query_one("#entry-leg", Select).value == "left"
        assert form.query_one("#entry-minutes", Input).value == "1"
        helped = form.query_one("#entry-helped", SelectionList).selected
        assert helped == ["pull-toes-knee-straight", "massage-calf"]
        assert store.entries() == [], "nothing is saved before the user confirms"

        await press(pilot, "ctrl+s")
        [entry] = store.entries()
        assert (entry.when, entry.leg, entry.minutes) == (FIXED_NOW, Leg.LEFT, 1)
        assert entry.helped == ("pull-toes-knee-straight", "massage-calf")


async def test_logging_can_be_cancelled_and_other_routines_offer_no_log(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic, store: Store
) -> None:
    app = make_app(initial_tab="stretch")
    async with app.run_test(size=(80, 24)) as pilot:
        player = await cramp_now(app, pilot, wait_loaded)
        await press(pilot, "n", "n", "n")
        assert where(player) == "Done. Well done."
        await pilot.click("#log-cramp")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, EntryFormScreen)
        assert form.query_one("#entry-leg", Select).value == Select.NULL, "never answered: not given"
        assert form.query_one("#entry-helped", SelectionList).selected == []
        await press(pilot, "escape")
        assert store.entries() == []

        app.start_routine("daytime")
        await settle(pilot)
        await press(pilot, "n")
        assert where(player) == "Done. Well done."
        assert not player.query_one("#log-cramp").display
        assert "log" not in text_of(player, "#player-keys")
        await press(pilot, "l")
        assert app.query_one(TabbedContent).active == "stretch"


async def test_mute_silences_the_bell_and_is_saved(
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    monotonic: FakeMonotonic,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app(initial_tab="stretch")
    rings: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(None))
    async with app.run_test(size=(80, 24)) as pilot:
        player = await cramp_now(app, pilot, wait_loaded)
        assert rings == []  # starting is not a step change

        await advance(pilot, monotonic, 29)
        assert rings == []
        await advance(pilot, monotonic, 1)
        assert where(player).endswith("round 2 of 3")
        assert len(rings) == 1
        await press(pilot, "n")
        assert len(rings) == 2

        await press(pilot, "m")
        assert Store(data_dir).settings().mute is True
        assert "m bell on" in text_of(player, "#player-keys")
        await advance(pilot, monotonic, 60)
        assert where(player) == "Cramp now · Step 3 of 3: the cramped leg"
        await press(pilot, "p", "n")
        assert len(rings) == 2

        await press(pilot, "m")
        assert Store(data_dir).settings().mute is False
        await press(pilot, "p")
        assert len(rings) == 3


async def test_start_routine_opens_straight_into_the_running_routine(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    """What `crampguide stretch bedtime` does: the routine is asked for before the guide has loaded."""
    app = make_app(start_routine="bedtime", initial_tab="stretch")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        player = app.query_one(RoutinePlayer)
        assert app.query_one(TabbedContent).active == "stretch"
        assert player_shown(app)
        assert app.focused is player
        assert where(player) == "Bedtime stretches · Get ready. Step 1 of 2: left leg"
        assert app.theme == BEDTIME_THEME.name


async def test_bedtime_runs_in_the_bedtime_look_and_ticks_the_checklist_when_done(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic, store: Store, data_dir: Path
) -> None:
    store.update_settings(theme="light")
    app = make_app(initial_tab="stretch")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        assert app.theme == "textual-light"
        assert app.focused is app.query_one("#routine-list")
        await press(pilot, "down", "enter")
        player = app.query_one(RoutinePlayer)
        assert player_shown(app)
        assert where(player).startswith("Bedtime stretches · Get ready.")
        assert app.theme == BEDTIME_THEME.name
        assert Store(data_dir).settings().theme == "light"  # read afresh: the bedtime look is not saved
        assert store.ticks("at-bedtime") == {}

        await advance(pilot, monotonic, BEDTIME_TOTAL_SECONDS + 1)
        await settle(pilot)
        assert where(player) == "Done. Well done."
        assert countdown(player) == "0:00"
        assert player.query_one("#done-buttons").display
        assert not player.query_one("#log-cramp").display
        assert store.ticks("at-bedtime") == {TONIGHT: frozenset({"bedtime-stretch"})}

        await press(pilot, "escape")
        assert not player_shown(app)
        assert app.theme == "textual-light"
        assert Store(data_dir).settings().theme == "light"
        assert BEDTIME_THEME.name not in (data_dir / "settings.toml").read_text(encoding="utf-8")

        # With the bedtime look turned off, the theme stays as it is. Settings live in the app's memory, so
        # the change goes through the app's own store.
        app.store.update_settings(bedtime_look=False)
        app.start_routine("bedtime")
        await settle(pilot)
        assert player_shown(app)
        assert app.theme == "textual-light"
        await press(pilot, "escape")
        assert app.theme == "textual-light"


@pytest.mark.parametrize("size", SIZES)
async def test_a_cramp_over_ten_minutes_points_to_triage_even_after_a_restart(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic, size: tuple[int, int]
) -> None:
    app = make_app(initial_tab="stretch")
    async with app.run_test(size=size) as pilot:
        player = await cramp_now(app, pilot, wait_loaded)
        limit = player.query_one("#over-limit")
        assert not limit.display

        await press(pilot, "space")  # a paused cramp still goes on
        await advance(pilot, monotonic, STOP_AFTER_SECONDS + 1)
        assert limit.display
        message = text_of(player, "#over-limit")
        assert "10 minutes" in message and "Triage" in message
        assert "needs medical help today" in screen_text(app)

        # Running the first aid again does not reset the limit: the cramp has still lasted over 10 minutes.
        await press(pilot, "a")
        assert where(player) == "Cramp now · Step 1 of 3: the cramped leg, round 1 of 3"
        assert limit.display
        assert "needs medical help today" in screen_text(app)


async def test_small_terminal_shows_a_one_line_countdown(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic
) -> None:
    app = make_app(initial_tab="stretch")
    async with app.run_test(size=(40, 12)) as pilot:
        player = await cramp_now(app, pilot, wait_loaded)
        assert player.has_class("compact")
        assert player.query_one("#countdown", Digits).styles.display == "none"
        assert player.query_one("#countdown-text").styles.display == "block"
        assert "0:30 left" in screen_text(app)
        await advance(pilot, monotonic, 12)
        assert "0:18 left" in screen_text(app)

        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not player.has_class("compact")
        assert player.query_one("#countdown", Digits).value == "0:18"
        await advance(pilot, monotonic, 1)
        assert player.query_one("#countdown", Digits).value == "0:17"


async def test_key_hints_name_the_keys_as_remapped(
    make_app: MakeApp, wait_loaded: WaitLoaded, store: Store, monotonic: FakeMonotonic
) -> None:
    store.update_settings(keys={"cramp-now": "f2", "stretch-eased": "x", "stretch-leg-right": "g"})
    app = make_app(initial_tab="stretch")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        assert str(app.query_one("#picker-hint", Static).content) == (
            "Choose a routine. Press f2 at any time for cramp first aid."
        )
        await press(pilot, "f2")
        player = app.query_one(RoutinePlayer)
        assert "x it eased" in text_of(player, "#player-keys")
        assert text_of(player, "#leg-question") == "Which leg has the cramp? l left · g right · b both"
        await press(pilot, "g")
        assert where(player) == "Cramp now · Step 1 of 3: right leg, round 1 of 3"
        await press(pilot, "x")
        assert where(player) == "Cramp now · Step 2 of 3: right leg"


async def test_the_player_wakes_itself_just_after_each_second_turns(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wake-up is asked for with the delay `next_redraw_in` gives; running it redraws. No real waiting."""
    app = make_app(initial_tab="stretch")
    async with app.run_test(size=(80, 24)) as pilot:
        player = await cramp_now(app, pilot, wait_loaded)
        wakes: list[tuple[float, Callable[[], None]]] = []

        def record(delay: float, callback: Callable[[], None]) -> Any:
            wakes.append((delay, callback))
            return original(delay, callback)

        original = player.set_timer
        monkeypatch.setattr(player, "set_timer", record)
        monotonic.advance(0.25)
        player.tick()
        assert wakes[-1][0] == pytest.approx(next_redraw_in(29.75))
        monotonic.advance(wakes[-1][0])
        wakes[-1][1]()
        await settle(pilot)
        assert countdown(player) == "0:29"
        await press(pilot, "space")
        count = len(wakes)
        player.tick()
        assert len(wakes) == count, "paused, the player sets no timer"


@pytest.mark.parametrize(
    ("seconds_left", "expected"),
    [(30.0, 1.0), (29.25, 0.25), (0.5, 0.5), (12.999, 0.999), (0.001, 0.001)],
)
def test_the_next_redraw_comes_when_the_shown_second_changes(seconds_left: float, expected: float) -> None:
    assert next_redraw_in(seconds_left) == pytest.approx(expected + REDRAW_SLACK_SECONDS)
    assert clock_words(seconds_left) != clock_words(seconds_left - next_redraw_in(seconds_left))


async def test_progress_bars_are_the_apps_own_and_show_the_routine(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic
) -> None:
    """Textual's ProgressBar refreshes itself once a second; the app's own bar repaints only on a change."""
    app = make_app(initial_tab="stretch")
    async with app.run_test(size=(80, 24)) as pilot:
        player = await cramp_now(app, pilot, wait_loaded)
        await press(pilot, "3")  # the Triage tab has a progress bar too
        assert not app.query(ProgressBar)
        bars = {bar.id: bar for bar in app.query(Bar)}
        assert set(bars) >= {"phase-progress", "total-progress", "triage-progress"}
        await press(pilot, "4")
        assert player.timer is not None
        before = bars["total-progress"].percent
        await advance(pilot, monotonic, 20)
        assert bars["total-progress"].percent > before
