"""The Stretch tab's player: one routine's countdown, drawn from `RoutineTimer.view()`.

The timing lives in `crampguide.routine` (deadline-based, clock injected); this widget only draws and forwards
keys. While a routine runs it wakes once a second, just after the countdown's second turns, and repaints only
the widgets whose text changed: the digits and a bar, most seconds. Paused, stopped or finished, it sets no
timer at all. Tests move the injected clock and call `tick()` instead of waiting.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Digits, Static

from crampguide.diary import Leg
from crampguide.guide.models import Guide, Routine
from crampguide.routine import (
    LEG_WORDS,
    CrampLog,
    PhaseKind,
    RoutineTimer,
    TimerState,
    TimerView,
    heading,
    ready_seconds_for,
    side_words,
)
from crampguide.store import Store
from crampguide.ui.services import Shell
from crampguide.ui.widgets.bar import Bar
from crampguide.words import ROUTINE_DONE_TEXT, UNTIL_EASES, clock_words

# Below this height the big digits do not fit with the rest; the countdown becomes one line of text.
DIGITS_MIN_HEIGHT = 20
# The screen changes once a second; waking just after the second turns keeps the digits exact.
REDRAW_SLACK_SECONDS = 0.02
# Phases shorter than this (the daytime routine's 2–3 s leans) change too often for a bell to help.
BELL_MIN_PHASE_SECONDS = 5


# The player's keys in the order the hint line names them: binding id, action, the words it uses.
KEY_WORDS: tuple[tuple[str, str, str], ...] = (
    ("stretch-log", "log_cramp", "log this cramp"),
    ("stretch-eased", "eased", "it eased"),
    ("stretch-pause", "toggle_pause", "pause"),
    ("stretch-next", "next_phase", "next exercise"),
    ("stretch-previous", "previous_phase", "previous"),
    ("stretch-restart", "restart", "restart"),
    ("stretch-stop", "stop", "stop"),
    ("stretch-mute", "toggle_mute", "bell"),
)
LEG_BINDINGS: tuple[tuple[str, Leg], ...] = (
    ("stretch-leg-left", Leg.LEFT),
    ("stretch-leg-right", Leg.RIGHT),
    ("stretch-leg-both", Leg.BOTH),
)


def next_redraw_in(seconds_left: float) -> float:
    """Seconds until the countdown shows a different whole second (it rounds up), plus a little slack."""
    fraction = seconds_left - math.floor(seconds_left)
    return (fraction or 1.0) + REDRAW_SLACK_SECONDS


class RoutinePlayer(Vertical, can_focus=True):
    """Runs one routine at a time. Posts `Stopped` when the user leaves it and `LogCramp` to log first aid."""

    DEFAULT_CSS = """
    RoutinePlayer {
        height: 1fr;
        padding: 0 1;

        #phase-where { text-style: bold; }
        #leg-question { color: $text-warning; }
        #over-limit { margin: 1 0 0 0; }
        #countdown { text-align: center; }
        #countdown-text { display: none; text-style: bold; width: auto; padding: 0 1 0 0; }
        .bar-row { height: 1; }
        .bar-label { color: $text-muted; width: 14; }
        Bar { width: 1fr; }
        #phase-body { height: 1fr; margin: 1 0 0 0; }
        #phase-title { text-style: bold; }
        #phase-next { margin: 1 0 0 0; }
        #player-keys { height: auto; }
        #done-buttons { height: auto; }
        #done-buttons Button { margin: 0 1 0 0; }

        /* Finished: no countdown left to show; the room goes to what to do next. */
        &.finished {
            #countdown, .bar-row { display: none; }
        }

        /* Short terminals: the countdown becomes one line beside its bar; the long text scrolls below. */
        &.compact {
            #countdown, #phase-label, #total-row, #player-keys { display: none; }
            #countdown-text { display: block; }
            #over-limit, #phase-body { margin: 0; }
        }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "leg('left')", "Left leg", id="stretch-leg-left"),
        Binding("r", "leg('right')", "Right leg", id="stretch-leg-right"),
        Binding("b", "leg('both')", "Both legs", id="stretch-leg-both"),
        Binding("enter", "leg_as_last_time", "As last time", show=False, id="stretch-leg-last"),
        Binding("e", "eased", "It eased", id="stretch-eased"),
        Binding("l", "log_cramp", "Log this cramp", id="stretch-log"),
        Binding("space", "toggle_pause", "Pause/resume", id="stretch-pause"),
        Binding("n,right", "next_phase", "Next", id="stretch-next"),
        Binding("p,left", "previous_phase", "Previous", id="stretch-previous"),
        Binding("a", "restart", "Restart", id="stretch-restart"),
        Binding("escape", "stop", "Stop", id="stretch-stop"),
        Binding("m", "toggle_mute", "Mute", id="stretch-mute"),
    ]

    class Stopped(Message):
        """The user left the routine for the list."""

    class Finished(Message):
        """The routine ran to its end (or was skipped to it)."""

        def __init__(self, routine_id: str) -> None:
            super().__init__()
            self.routine_id = routine_id

    class LogCramp(Message):
        """The user asked to log this first-aid session in the diary."""

        def __init__(self, log: CrampLog) -> None:
            super().__init__()
            self.log = log

    def __init__(
        self,
        guide: Guide,
        store: Store,
        now: Callable[[], datetime],
        monotonic: Callable[[], float],
        shell: Shell,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.guide = guide
        self.store = store
        self.shell = shell
        self._now = now
        self._monotonic = monotonic
        self.timer: RoutineTimer | None = None
        self.started_at: datetime | None = None
        settings = store.settings()
        self.muted = settings.mute
        self.last_leg: Leg | None = settings.cramp_leg
        self._wake: Timer | None = None  # one-shot: the next redraw while a routine runs
        self._finish_told = False  # Finished has been posted for this run
        self._shown: dict[str, object] = {}  # what each widget shows now, so unchanged ones are left alone

    def compose(self) -> ComposeResult:
        yield Static(id="phase-where")
        yield Static(id="leg-question")
        yield Static(id="over-limit", classes="not-advised")
        yield Digits("0:00", id="countdown")
        with Horizontal(id="phase-row", classes="bar-row"):
            yield Static(id="countdown-text")
            yield Static(id="phase-label", classes="bar-label")
            yield Bar(show_percentage=False, id="phase-progress")
        with Horizontal(id="total-row", classes="bar-row"):
            yield Static("Whole routine", classes="bar-label")
            yield Bar(show_percentage=False, id="total-progress")
        with VerticalScroll(id="phase-body"):
            yield Static(id="phase-title")
            yield Static(id="phase-instruction")
            yield Static(id="phase-caution", classes="safety")
            yield Static(id="phase-next", classes="hint")
        yield Static(id="player-keys", classes="hint")
        with Horizontal(id="done-buttons"):
            yield Button("Log this cramp", id="log-cramp", variant="primary")
            yield Button("Start again", id="again")
            yield Button("Back to routines", id="back-to-list")

    @property
    def routine(self) -> Routine | None:
        return self.timer.routine if self.timer is not None else None

    # --- commands from the tab ---------------------------------------------------------------------

    def start(self, routine: Routine) -> None:
        """Run `routine` from its start, in a new session."""
        if isinstance(self.parent, Widget) and self.parent.size.height:
            # Shown in place of the picker, at the tab's height: fit now rather than after the next layout.
            self._fit(self.parent.size.height)
        self.timer = RoutineTimer(
            routine, self.guide.exercises, self._monotonic, ready_seconds=ready_seconds_for(routine)
        )
        self.timer.start()
        self.started_at = self._now()
        self._finish_told = False
        self._shown.clear()
        self._after_change(bell=False)
        self.focus()

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        """Big digits when they fit, else the one-line countdown."""
        compact = height < DIGITS_MIN_HEIGHT
        if compact != self.has_class("compact"):
            self.set_class(compact, "compact")
            self._shown.pop("#countdown", None)
            self._shown.pop("#countdown-text", None)
            self._redraw()

    def _redraw(self) -> None:
        if self.timer is not None:
            self._show(self.timer.view())

    def tick(self) -> None:
        """Catch up with the clock and redraw; the once-a-second wake-up calls this."""
        if self.timer is not None:
            self._after_change(bell=self.timer.update())

    # --- keys ------------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only the keys that do something now are in force (and in the footer and the hint line)."""
        timer = self.timer
        state = timer.state if timer is not None else TimerState.IDLE
        active = state in (TimerState.RUNNING, TimerState.PAUSED)
        if action in ("leg", "leg_as_last_time"):
            asking = self._asking_leg()
            return asking and (action == "leg" or self.last_leg is not None)
        if action == "log_cramp":
            return state is TimerState.FINISHED and timer is not None and timer.asks_leg
        if action == "eased":
            return timer is not None and timer.view().can_ease
        if action in ("toggle_pause", "next_phase", "previous_phase"):
            return active
        if action in ("restart", "stop"):
            return state is not TimerState.IDLE
        return True

    def action_leg(self, leg: str) -> None:
        self._choose_leg(Leg(leg))

    def action_leg_as_last_time(self) -> None:
        if self.last_leg is not None:
            self._choose_leg(self.last_leg)

    def action_eased(self) -> None:
        if self.timer is not None and self.timer.eased():
            self._after_change(bell=False)

    def action_log_cramp(self) -> None:
        if self.timer is not None and self.started_at is not None:
            self.post_message(self.LogCramp(self.timer.cramp_log(self.started_at)))

    def action_toggle_pause(self) -> None:
        if self.timer is not None:
            self.timer.toggle_pause()
            self._after_change(bell=False)

    def action_next_phase(self) -> None:
        if self.timer is not None:
            self.timer.next()
            self._after_change(bell=True)

    def action_previous_phase(self) -> None:
        if self.timer is not None:
            self.timer.previous()
            self._after_change(bell=True)

    def action_restart(self) -> None:
        if self.timer is not None:
            self.timer.restart()
            self._finish_told = False
            self._after_change(bell=False)

    def action_stop(self) -> None:
        if self.timer is None or self.timer.state is TimerState.IDLE:
            return
        self.timer.stop()
        self._after_change(bell=False)
        self.post_message(self.Stopped())

    def action_toggle_mute(self) -> None:
        self.muted = not self.muted
        store, muted = self.store, self.muted
        self.shell.save(lambda: store.update_settings(mute=muted))
        self.shell.report("Bell muted" if self.muted else "Bell on", timeout=2)
        self._show_keys()

    @on(Button.Pressed, "#log-cramp")
    def _log_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_log_cramp()

    @on(Button.Pressed, "#again")
    def _again(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_restart()
        self.focus()

    @on(Button.Pressed, "#back-to-list")
    def _back(self, event: Button.Pressed) -> None:
        event.stop()
        if self.timer is not None:
            self.timer.stop()
            self._after_change(bell=False)
        self.post_message(self.Stopped())

    def _asking_leg(self) -> bool:
        timer = self.timer
        return (
            timer is not None
            and timer.asks_leg
            and timer.leg is None
            and timer.state in (TimerState.RUNNING, TimerState.PAUSED)
        )

    def _choose_leg(self, leg: Leg) -> None:
        if self.timer is None or not self._asking_leg():
            return
        self.timer.choose_leg(leg)
        if leg is not self.last_leg:
            self.last_leg = leg
            store = self.store
            self.shell.save(lambda: store.update_settings(cramp_leg=leg))
        self._after_change(bell=False)

    # --- drawing -------------------------------------------------------------------------------------

    def _after_change(self, *, bell: bool) -> None:
        """Ring if the phase changed, redraw, and wake again only when the shown second will change."""
        timer = self.timer
        if timer is None:
            return
        view = timer.view()
        if bell and not self.muted and view.phase.seconds >= BELL_MIN_PHASE_SECONDS:
            self.app.bell()
        if self._wake is not None:
            self._wake.stop()
            self._wake = None
        if view.state is TimerState.RUNNING:
            self._wake = self.set_timer(next_redraw_in(view.seconds_left), self.tick)
        if view.state is TimerState.FINISHED and not self._finish_told:
            self._finish_told = True
            self.post_message(self.Finished(timer.routine.id))
        self._show(view)

    def _show(self, view: TimerView) -> None:
        routine = self.routine
        if routine is None:
            return
        finished = view.state is TimerState.FINISHED
        if self._shown.get("finished") != finished:
            self._shown["finished"] = finished
            self.set_class(finished, "finished")
        where = heading(view)
        self._put_text("#phase-where", f"{routine.title} · {where}" if not finished else where)
        self._put_display("#over-limit", (view.over_limit or finished) and routine.stop_message is not None)
        self._put_text("#over-limit", routine.stop_message or "")
        self._show_countdown(view)
        self._show_phase(view)
        self._put_display("#done-buttons", finished)
        self._put_display("#log-cramp", finished and self.timer is not None and self.timer.asks_leg)
        # The key hints change with the keys in force.
        keys_for = (view.state, view.can_ease, self._asking_leg())
        if self._shown.get("keys-for") != keys_for:
            self._shown["keys-for"] = keys_for
            self.refresh_bindings()
            self._show_question()
            self._show_keys()

    def _show_question(self) -> None:
        asking = self._asking_leg()
        self._put_display("#leg-question", asking)
        if not asking:
            return
        choices = " · ".join(
            f"{self.shell.key_hint(binding_id)} {leg.value}" for binding_id, leg in LEG_BINDINGS
        )
        last = self.last_leg
        default = (
            f"  ({self.shell.key_hint('stretch-leg-last')}: {LEG_WORDS[last]}, as last time)" if last else ""
        )
        self._put_text("#leg-question", f"Which leg has the cramp? {choices}{default}")

    def _show_countdown(self, view: TimerView) -> None:
        finished = view.state is TimerState.FINISHED
        left = clock_words(0 if finished else view.seconds_left)
        if self.has_class("compact"):
            self._put_text("#countdown-text", f"{left} left", layout=False)
        elif self._shown.get("#countdown") != left:
            self._shown["#countdown"] = left
            self.query_one("#countdown", Digits).update(left)
        kind = view.phase.kind
        label = {PhaseKind.READY: "Get ready", PhaseKind.REST: "Rest"}.get(kind, "This round")
        self._put_text(
            "#phase-label", label if view.phase.repetitions > 1 or kind is not PhaseKind.HOLD else "This step"
        )
        self._put_bar("#phase-progress", view.step_progress)
        self._put_bar("#total-progress", view.total_progress)

    def _show_phase(self, view: TimerView) -> None:
        phase = view.phase
        if view.state is TimerState.FINISHED:
            title, instruction = "", ROUTINE_DONE_TEXT
            if self.timer is not None and self.timer.asks_leg:
                key = self.shell.key_hint("stretch-log")
                instruction += (
                    f"\n\nPress {key} to log this cramp in your diary: you check it before it is saved."
                )
        else:
            title = phase.title
            instruction = phase.instruction
            if phase.kind is PhaseKind.REST:
                instruction = f"Relax. {instruction}"
            if phase.until_eases:
                instruction += f"\n{UNTIL_EASES}"
        self._put_text("#phase-title", title)
        self._put_display("#phase-title", bool(title))
        self._put_text("#phase-instruction", instruction)
        caution = phase.caution if view.state is not TimerState.FINISHED else None
        self._put_display("#phase-caution", caution is not None)
        self._put_text("#phase-caution", f"⚠ {caution}" if caution else "")
        following = view.next_exercise
        self._put_text(
            "#phase-next",
            f"Next: {following.title} ({side_words(following.side, view.leg)})"
            if following is not None
            else "",
        )

    def _show_keys(self) -> None:
        """The keys that do something now, as the user bound them (remaps included)."""
        parts = []
        for binding_id, action, words in KEY_WORDS:
            if not self.check_action(action, ()):
                continue
            key = self.shell.key_hint(binding_id)
            if binding_id == "stretch-pause" and self.timer is not None:
                words = "resume" if self.timer.state is TimerState.PAUSED else "pause"
            if binding_id == "stretch-mute":
                words = "bell on" if self.muted else "bell off"
            parts.append(f"{key} {words}")
        self._put_text("#player-keys", " · ".join(parts))

    # Each redraw touches only what changed: an unchanged update would still lay out the whole screen.

    def _put_text(self, selector: str, text: str, *, layout: bool = True) -> None:
        """Show `text` as typed (content and key names are never markup); `layout=False` when its size
        cannot change, as for the countdown."""
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self.query_one(selector, Static).update(Content(text), layout=layout)

    def _put_display(self, selector: str, shown: bool) -> None:
        key = f"{selector}:display"
        if self._shown.get(key) != shown:
            self._shown[key] = shown
            self.query_one(selector).display = shown

    def _put_bar(self, selector: str, fraction: float) -> None:
        percent = round(fraction * 100)
        if self._shown.get(selector) != percent:
            self._shown[selector] = percent
            self.query_one(selector, Bar).update(total=100, progress=percent)
