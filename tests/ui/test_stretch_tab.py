"""Stretch tab: cramp first aid from anywhere, a countdown driven by the clock, player keys, bell and mute,
the bedtime look, ticking the checklist on finishing, the 10-minute stop message, and the small layout.

The app's monotonic clock is the fake one from conftest: it moves only on `monotonic.advance(...)`. The tab
redraws every 0.5 s of real time, so each advance is followed by a 0.6 s pause before reading the screen.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits, ProgressBar, Static, TabbedContent

from crampguide.store import Store
from crampguide.ui.app import CrampGuideApp
from crampguide.ui.tabs.stretch import REDRAW_SLACK_SECONDS, StretchTab, clock_text, next_redraw_in
from crampguide.ui.themes import BEDTIME_THEME
from crampguide.ui.widgets.progress import QuietProgressBar

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]


class FakeMonotonic(Protocol):
    """The `monotonic` fixture: a clock that moves only when told to."""

    def advance(self, seconds: float) -> None: ...


# The tab wakes once a second of real time while a routine runs: after moving the fake clock, wait one wake.
REDRAW_WAIT = 1.1
# FIXED_NOW is 02:30 on 25 November: still the night of the 24th.
TONIGHT = date(2026, 11, 24)
BEDTIME_TOTAL_SECONDS = 200
STOP_AFTER_SECONDS = 600


def screen_text(app: CrampGuideApp) -> str:
    """What the terminal shows now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def text_of(tab: StretchTab, selector: str) -> str:
    return str(tab.query_one(selector, Static).content)


def countdown(tab: StretchTab) -> str:
    big = tab.query_one("#countdown", Digits).value
    assert text_of(tab, "#countdown-text") == f"{big} left"
    return big


def player_shown(tab: StretchTab) -> bool:
    player, picker = tab.query_one("#routine-player"), tab.query_one("#routine-picker")
    assert player.display != picker.display
    return bool(player.display)


async def advance(pilot: Pilot[Any], monotonic: FakeMonotonic, seconds: float) -> None:
    monotonic.advance(seconds)
    await pilot.pause(REDRAW_WAIT)


async def cramp_now(app: CrampGuideApp, pilot: Pilot[Any], wait_loaded: WaitLoaded) -> StretchTab:
    """Press c on the Causes tab, as someone woken by a cramp would."""
    await wait_loaded(pilot)
    assert app.query_one(TabbedContent).active == "causes"
    await pilot.press("c")
    await pilot.pause()
    assert app.query_one(TabbedContent).active == "stretch"
    return app.query_one(StretchTab)


async def test_c_starts_cramp_now_and_the_player_keys_drive_the_countdown(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await cramp_now(app, pilot, wait_loaded)
        assert player_shown(tab)
        assert text_of(tab, "#routine-title") == "Cramp now"
        assert text_of(tab, "#phase-where") == "Step 1 of 3: both legs, round 1 of 3"
        assert text_of(tab, "#phase-instruction").startswith("Pull your toes toward you\n")
        assert countdown(tab) == "0:30"
        assert "Pull your toes toward you" in screen_text(app)
        assert not tab.has_class("compact")

        await advance(pilot, monotonic, 12)
        assert countdown(tab) == "0:18"

        await pilot.press("space")
        await pilot.pause()
        assert text_of(tab, "#phase-where").endswith("(paused)")
        assert "space resume" in text_of(tab, "#player-keys")
        await advance(pilot, monotonic, 10)
        assert countdown(tab) == "0:18"
        await pilot.press("space")
        await pilot.pause()
        assert not text_of(tab, "#phase-where").endswith("(paused)")
        await advance(pilot, monotonic, 3)
        assert countdown(tab) == "0:15"

        await pilot.press("n")
        await pilot.pause()
        assert text_of(tab, "#phase-where") == "Step 1 of 3: both legs, round 2 of 3"
        assert countdown(tab) == "0:30"
        await pilot.press("right", "right")
        await pilot.pause()
        assert text_of(tab, "#phase-where") == "Step 2 of 3: both legs"
        assert text_of(tab, "#phase-instruction").startswith("Rub the calf firmly\n")
        assert countdown(tab) == "1:00"
        await pilot.press("p")
        await pilot.pause()
        assert text_of(tab, "#phase-where") == "Step 1 of 3: both legs, round 3 of 3"
        await pilot.press("left")
        await pilot.pause()
        assert text_of(tab, "#phase-where") == "Step 1 of 3: both legs, round 2 of 3"

        await advance(pilot, monotonic, 5)
        assert countdown(tab) == "0:25"
        await pilot.press("r")
        await pilot.pause()
        assert text_of(tab, "#phase-where") == "Step 1 of 3: both legs, round 1 of 3"
        assert countdown(tab) == "0:30"

        await pilot.press("escape")
        await pilot.pause()
        assert not player_shown(tab)
        assert app.focused is tab.query_one("#routine-list")
        # Stopped: a second escape does nothing.
        await pilot.press("escape")
        await pilot.pause()
        assert not player_shown(tab)


async def test_mute_silences_the_bell_and_is_saved(
    make_app: MakeApp,
    wait_loaded: WaitLoaded,
    monotonic: FakeMonotonic,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app()
    rings: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(None))
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await cramp_now(app, pilot, wait_loaded)
        assert rings == []  # starting is not a step change

        await advance(pilot, monotonic, 29)
        assert rings == []
        await advance(pilot, monotonic, 1)
        assert text_of(tab, "#phase-where").endswith("round 2 of 3")
        assert len(rings) == 1
        await pilot.press("n")
        await pilot.pause()
        assert len(rings) == 2

        await pilot.press("m")
        await pilot.pause()
        assert Store(data_dir).settings().mute is True
        assert "m bell on" in text_of(tab, "#player-keys")
        await advance(pilot, monotonic, 30)
        assert text_of(tab, "#phase-where") == "Step 2 of 3: both legs"
        await pilot.press("n", "p")
        await pilot.pause()
        assert len(rings) == 2

        await pilot.press("m")
        await pilot.pause()
        assert Store(data_dir).settings().mute is False
        await pilot.press("n")
        await pilot.pause()
        assert len(rings) == 3


async def test_start_routine_opens_straight_into_the_running_routine(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    """What `crampguide stretch bedtime` does: the routine is asked for before the guide has loaded."""
    app = make_app(start_routine="bedtime", initial_tab="stretch")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        tab = app.query_one(StretchTab)
        assert app.query_one(TabbedContent).active == "stretch"
        assert player_shown(tab)
        assert text_of(tab, "#routine-title") == "Bedtime stretches"
        assert text_of(tab, "#phase-where") == "Step 1 of 2: left leg, round 1 of 3"
        assert countdown(tab) == "0:10"
        assert app.theme == BEDTIME_THEME.name


async def test_bedtime_runs_in_the_bedtime_look_and_ticks_the_checklist_when_done(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic, store: Store, data_dir: Path
) -> None:
    store.update_settings(theme="light")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_loaded(pilot)
        assert app.theme == "textual-light"
        await pilot.press("4")
        await pilot.pause()
        tab = app.query_one(StretchTab)
        assert app.focused is tab.query_one("#routine-list")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert player_shown(tab)
        assert text_of(tab, "#routine-title") == "Bedtime stretches"
        assert text_of(tab, "#phase-where") == "Step 1 of 2: left leg, round 1 of 3"
        assert countdown(tab) == "0:10"
        assert app.theme == BEDTIME_THEME.name
        assert Store(data_dir).settings().theme == "light"  # read afresh: the bedtime look is not saved
        assert store.ticks("at-bedtime") == {}

        await advance(pilot, monotonic, BEDTIME_TOTAL_SECONDS + 1)
        await pilot.pause()
        assert text_of(tab, "#phase-where") == "Done. Well done."
        assert countdown(tab) == "0:00"
        assert tab.query_one("#done-buttons").display
        assert "Done. Well done." in screen_text(app)
        assert store.ticks("at-bedtime") == {TONIGHT: frozenset({"bedtime-stretch"})}

        await pilot.press("escape")
        await pilot.pause()
        assert not player_shown(tab)
        assert app.theme == "textual-light"
        assert Store(data_dir).settings().theme == "light"
        assert BEDTIME_THEME.name not in (data_dir / "settings.toml").read_text(encoding="utf-8")

        # With the bedtime look turned off, the theme stays as it is. Settings live in the app's memory, so
        # the change goes through the app's own store.
        app.store.update_settings(bedtime_look=False)
        app.start_routine("bedtime")
        await pilot.pause()
        assert player_shown(tab)
        assert app.theme == "textual-light"
        await pilot.press("escape")
        await pilot.pause()
        assert app.theme == "textual-light"


async def test_a_cramp_over_ten_minutes_points_to_triage_even_after_a_restart(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await cramp_now(app, pilot, wait_loaded)
        limit = tab.query_one("#over-limit")
        assert not limit.display

        await advance(pilot, monotonic, STOP_AFTER_SECONDS + 1)
        await pilot.pause()
        assert limit.display
        message = text_of(tab, "#over-limit")
        assert "10 minutes" in message and "Triage" in message
        assert "needs medical help today" in screen_text(app)

        # Running the first aid again does not reset the limit: the cramp has still lasted over 10 minutes.
        await pilot.press("r")
        await pilot.pause()
        assert text_of(tab, "#phase-where") == "Step 1 of 3: both legs, round 1 of 3"
        assert limit.display


async def test_small_terminal_shows_a_one_line_countdown_and_the_stop_message(
    make_app: MakeApp, wait_loaded: WaitLoaded, monotonic: FakeMonotonic
) -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        tab = await cramp_now(app, pilot, wait_loaded)
        assert tab.has_class("compact")
        assert tab.query_one("#countdown", Digits).styles.display == "none"
        assert tab.query_one("#countdown-text").styles.display == "block"
        assert "0:30 left" in screen_text(app)

        await advance(pilot, monotonic, 12)
        await pilot.pause()
        assert "0:18 left" in screen_text(app)

        await advance(pilot, monotonic, STOP_AFTER_SECONDS)
        await pilot.pause()
        assert "Triage (key 3)" in screen_text(app)


@pytest.mark.parametrize(
    ("seconds_left", "expected"),
    [(30.0, 1.0), (29.25, 0.25), (0.5, 0.5), (12.999, 0.999), (0.001, 0.001)],
)
def test_the_next_redraw_comes_when_the_shown_second_changes(seconds_left: float, expected: float) -> None:
    assert next_redraw_in(seconds_left) == pytest.approx(expected + REDRAW_SLACK_SECONDS)
    assert clock_text(seconds_left) != clock_text(seconds_left - next_redraw_in(seconds_left))


async def test_progress_bars_do_not_start_textuals_once_a_second_refresh(
    make_app: MakeApp, wait_loaded: WaitLoaded, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Textual's ProgressBar.on_mount starts an interval for its time estimate; ours never runs it, so a
    running routine repaints once a second (the countdown's own redraw), not three times."""
    base_mounts: list[ProgressBar] = []
    monkeypatch.setattr(ProgressBar, "on_mount", lambda self: base_mounts.append(self))
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await cramp_now(app, pilot, wait_loaded)
        await pilot.press("3")  # the Triage tab has a progress bar too
        await pilot.pause()
        bars = list(app.query(ProgressBar))
        assert {bar.id for bar in bars} >= {"phase-progress", "total-progress", "triage-progress"}
        assert all(isinstance(bar, QuietProgressBar) for bar in bars)
        assert base_mounts == []
        assert tab.timer is not None
