"""Stretch tab: pick a routine, then follow a calm countdown.

The timing lives in `crampguide.routine.RoutineTimer` (deadline-based, clock injected). While a routine runs,
this tab wakes once a second, just after the countdown's second turns, and redraws only what changed; paused,
stopped or finished, it sets no timer at all.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.timer import Timer
from textual.widgets import Button, Digits, ListItem, ListView, ProgressBar, Static

from crampguide.guide.models import Routine, Side
from crampguide.routine import PhaseKind, RoutineTimer, TimerState, TimerView, about_minutes, total_seconds
from crampguide.ui.tabs.base import GuideTab
from crampguide.ui.text import prose, sources
from crampguide.ui.themes import BEDTIME_THEME
from crampguide.ui.widgets.progress import QuietProgressBar

if TYPE_CHECKING:
    from crampguide.ui.app import Services

# The screen changes once a second; waking just after the second turns keeps the digits exact.
REDRAW_SLACK_SECONDS = 0.02
# Below this height the big digits do not fit with the rest; the countdown becomes one line of text.
DIGITS_MIN_HEIGHT = 20
# Phases shorter than this (the daytime routine's 2–3 s leans) change too often for a bell to help.
BELL_MIN_PHASE_SECONDS = 5

SIDE_WORDS: dict[Side, str] = {
    Side.LEFT: "left leg",
    Side.RIGHT: "right leg",
    Side.BOTH: "both legs",
    Side.EACH: "each leg",
}


def next_redraw_in(seconds_left: float) -> float:
    """Seconds until the countdown shows a different whole second (it rounds up), plus a little slack."""
    fraction = seconds_left - math.floor(seconds_left)
    return (fraction or 1.0) + REDRAW_SLACK_SECONDS


def clock_text(seconds: float) -> str:
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class StretchTab(GuideTab):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_pause", "Pause/resume", id="stretch-pause"),
        Binding("n,right", "next_phase", "Next", id="stretch-next"),
        Binding("p,left", "previous_phase", "Previous", id="stretch-previous"),
        Binding("r", "restart", "Restart", id="stretch-restart"),
        Binding("escape", "stop", "Stop", id="stretch-stop"),
        Binding("m", "toggle_mute", "Mute", id="stretch-mute"),
    ]

    def __init__(self, services: Services, *, id: str | None = None) -> None:
        super().__init__(services, id=id)
        self.timer: RoutineTimer | None = None
        self.routine: Routine | None = None
        self._wake: Timer | None = None  # one-shot: the next redraw while a routine runs
        self._shown: dict[str, object] = {}  # what each widget shows now, so unchanged ones are left alone
        self._theme_before: str | None = None
        self._ready = False
        self._pending_routine: str | None = None
        self.muted = services.store.settings().mute

    def compose(self) -> ComposeResult:
        with Vertical(id="routine-picker"):
            yield Static("Choose a routine. Press c at any time for cramp first aid.", classes="hint")
            with ListView(id="routine-list"):
                for routine in self.services.guide.routines:
                    minutes = about_minutes(total_seconds(routine))
                    yield ListItem(Static(f"{routine.title}  ({minutes})\n{routine.when}"), name=routine.id)
            with VerticalScroll(id="routine-about"):
                yield Static(id="routine-summary")
        with Vertical(id="routine-player"):
            yield Static(id="routine-title")
            yield Static(id="phase-where")
            yield Static(id="phase-instruction")
            yield Static(id="phase-caution", classes="safety")
            with Horizontal(id="countdown-row"):
                yield Digits("0:00", id="countdown")
                yield Static(id="countdown-text")
            yield Static(id="phase-label", classes="bar-label")
            yield QuietProgressBar(total=1, show_eta=False, id="phase-progress")
            yield Static("Whole routine", classes="bar-label")
            yield QuietProgressBar(total=1, show_eta=False, id="total-progress")
            yield Static(id="phase-next", classes="hint")
            yield Static(id="over-limit", classes="not-advised")
            yield Static(id="player-keys", classes="hint")
            with Horizontal(id="done-buttons"):
                yield Button("Start again", id="again", variant="primary")
                yield Button("Back to routines", id="back-to-list")

    def on_mount(self) -> None:
        player = self.query_one("#routine-player")
        player.display = False
        player.can_focus = True
        routines = self.services.guide.routines
        if routines:
            self._show_summary(routines[0])
        self._ready = True
        if self._pending_routine is not None:
            routine_id, self._pending_routine = self._pending_routine, None
            self.start_routine(routine_id)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < DIGITS_MIN_HEIGHT, "compact")

    # --- choosing ----------------------------------------------------------------------------------

    @on(ListView.Highlighted, "#routine-list")
    def _highlighted(self, event: ListView.Highlighted) -> None:
        if event.item is not None and event.item.name:
            self._show_summary(self.services.guide.routine(event.item.name))

    @on(ListView.Selected, "#routine-list")
    def _selected(self, event: ListView.Selected) -> None:
        if event.item.name:
            self.start_routine(event.item.name)

    def _show_summary(self, routine: Routine) -> None:
        guide = self.services.guide
        steps = []
        for number, step in enumerate(routine.steps, start=1):
            exercise = guide.exercise(step.exercise)
            reps = f"{step.repetitions} × " if step.repetitions > 1 else ""
            hold = "until it eases, in rounds of " if step.until_eases else ""
            rest = f", rest {step.rest_seconds} s between" if step.rest_seconds else ""
            steps.append(
                f"{number}. **{exercise.title}**: {reps}{hold}{step.seconds} s, {SIDE_WORDS[step.side]}{rest}"
            )
        text = Content("\n\n").join(
            [prose(routine.summary), prose("\n".join(steps)), sources(guide, routine.sources)]
        )
        self.query_one("#routine-summary", Static).update(text)

    # --- running -----------------------------------------------------------------------------------

    def start_routine(self, routine_id: str) -> None:
        """Start a routine by id; unknown ids are refused with a notification listing the known ones."""
        if not self._ready:
            # Called at start-up (`--routine`) right after the tab was mounted: its widgets do not exist yet.
            self._pending_routine = routine_id
            return
        guide = self.services.guide
        known = [routine.id for routine in guide.routines]
        if routine_id not in known:
            self.app.notify(f"No routine '{routine_id}'. Known: {', '.join(known)}", severity="error")
            return
        self.routine = guide.routine(routine_id)
        self.timer = RoutineTimer(self.routine, guide.exercises, self.services.monotonic)
        self.timer.start()
        self.query_one("#routine-picker").display = False
        self.query_one("#routine-player").display = True
        self._enter_bedtime_look()
        self._after_change(bell=False)
        self.query_one("#routine-player").focus()

    def focus_first(self) -> None:
        if self.timer is not None and self.timer.state is not TimerState.IDLE:
            self.query_one("#routine-player").focus()
        else:
            self.query_one("#routine-list").focus()

    def action_toggle_pause(self) -> None:
        if self.timer is not None and self.timer.state in (TimerState.RUNNING, TimerState.PAUSED):
            self.timer.toggle_pause()
            self._after_change(bell=False)

    def action_next_phase(self) -> None:
        if self._running_or_paused():
            assert self.timer is not None
            self.timer.next()
            self._after_change(bell=True)

    def action_previous_phase(self) -> None:
        if self._running_or_paused():
            assert self.timer is not None
            self.timer.previous()
            self._after_change(bell=True)

    def action_restart(self) -> None:
        if self.timer is not None and self.timer.state is not TimerState.IDLE:
            self.timer.restart()
            self._after_change(bell=False)

    def action_stop(self) -> None:
        if self.timer is None or self.timer.state is TimerState.IDLE:
            return
        self.timer.stop()
        self._after_change(bell=False)
        self._show_picker()

    def action_toggle_mute(self) -> None:
        self.muted = not self.muted
        self.services.store.update_settings(mute=self.muted)
        self.app.notify("Bell muted" if self.muted else "Bell on", timeout=2)
        self._show_state()

    @on(Button.Pressed, "#again")
    def _again(self) -> None:
        if self.routine is not None:
            self.start_routine(self.routine.id)

    @on(Button.Pressed, "#back-to-list")
    def _back(self) -> None:
        self.action_stop() if self._running_or_paused() else self._show_picker()

    def _running_or_paused(self) -> bool:
        return self.timer is not None and self.timer.state in (TimerState.RUNNING, TimerState.PAUSED)

    def _show_picker(self) -> None:
        self._leave_bedtime_look()
        self.query_one("#routine-player").display = False
        self.query_one("#routine-picker").display = True
        self.query_one("#routine-list").focus()

    def _tick(self) -> None:
        if self.timer is None:
            return
        changed = self.timer.update()
        self._after_change(bell=changed)

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
            self._wake = self.set_timer(next_redraw_in(view.seconds_left), self._tick)
        if view.state is TimerState.FINISHED:
            self._finished()
        self._show_state()

    def _finished(self) -> None:
        routine = self.routine
        if routine is None:
            return
        checklists = self.services.guide.checklists
        ticked = self.services.store.tick_routine(checklists, routine.id)
        texts = [
            item.text
            for checklist in checklists
            for item in checklist.items
            if (checklist.id, item.id) in ticked
        ]
        if texts:
            self.app.notify("Ticked on your Prevention checklist: " + "; ".join(texts), timeout=4)

    def _show_state(self) -> None:
        timer, routine = self.timer, self.routine
        if timer is None or routine is None:
            return
        view = timer.view()
        finished = view.state is TimerState.FINISHED
        self._put_text("#routine-title", routine.title)
        self._render_phase(view)
        self._render_bars(view)
        self._put_display("#done-buttons", finished)
        self._put_display("#over-limit", (view.over_limit or finished) and routine.stop_message is not None)
        self._put_text("#over-limit", routine.stop_message or "")
        bell = "m bell off" if not self.muted else "m bell on"
        pause = "space resume" if view.state is TimerState.PAUSED else "space pause"
        keys = (
            "r again · escape back"
            if finished
            else f"{pause} · n next · p previous · r restart · escape stop · {bell}"
        )
        self._put_text("#player-keys", keys)

    def _render_phase(self, view: TimerView) -> None:
        phase = view.phase
        finished = view.state is TimerState.FINISHED
        if finished:
            where = "Done. Well done."
            instruction = "You finished the routine. Rest now; come back to Triage if anything feels wrong."
        else:
            rep = f", round {phase.repetition} of {phase.repetitions}" if phase.repetitions > 1 else ""
            paused = "  (paused)" if view.state is TimerState.PAUSED else ""
            # Count the routine's steps, not the timer's phases: rounds and rests are not steps.
            steps = len(self.routine.steps) if self.routine is not None else view.count
            where = f"Step {phase.step_index + 1} of {steps}: {SIDE_WORDS[phase.side]}{rep}{paused}"
            instruction = phase.instruction if phase.kind is PhaseKind.HOLD else f"Relax. {phase.instruction}"
            if phase.until_eases:
                instruction += "\nKeep going until it eases; the timer only paces you."
        self._put_text("#phase-where", where)
        self._put_text("#phase-instruction", f"{phase.title}\n{instruction}" if not finished else instruction)
        self._put_display("#phase-caution", bool(phase.caution) and not finished)
        self._put_text("#phase-caution", f"⚠ {phase.caution}" if phase.caution else "")
        left = clock_text(0 if finished else view.seconds_left)
        if self._shown.get("#countdown") != left:
            self._shown["#countdown"] = left
            self.query_one("#countdown", Digits).update(left)
        self._put_text("#countdown-text", f"{left} left", layout=False)
        following = view.next_phase
        self._put_text(
            "#phase-next",
            f"Next: {following.title} ({SIDE_WORDS[following.side]})" if following and not finished else "",
        )

    def _render_bars(self, view: TimerView) -> None:
        self._put_text("#phase-label", "Rest" if view.phase.kind is PhaseKind.REST else "This step")
        for selector, fraction in (
            ("#phase-progress", view.step_progress),
            ("#total-progress", view.total_progress),
        ):
            percent = round(fraction * 100)
            if self._shown.get(selector) != percent:
                self._shown[selector] = percent
                self.query_one(selector, ProgressBar).update(total=100, progress=percent)

    # Each redraw touches only what changed: an unchanged update would still lay out the whole screen.

    def _put_text(self, selector: str, text: str, *, layout: bool = True) -> None:
        """`layout=False` for text whose size never changes, such as the countdown."""
        if self._shown.get(selector) != text:
            self._shown[selector] = text
            self.query_one(selector, Static).update(text, layout=layout)

    def _put_display(self, selector: str, shown: bool) -> None:
        key = f"{selector}:display"
        if self._shown.get(key) != shown:
            self._shown[key] = shown
            self.query_one(selector).display = shown

    # --- bedtime look ------------------------------------------------------------------------------

    def _enter_bedtime_look(self) -> None:
        routine = self.routine
        if routine is None or not routine.bedtime or not self.services.store.settings().bedtime_look:
            return
        if self.app.theme != BEDTIME_THEME.name:
            self._theme_before = self.app.theme
            self.guide_app.apply_theme(BEDTIME_THEME.name, persist=False)

    def _leave_bedtime_look(self) -> None:
        if self._theme_before is not None:
            self.guide_app.apply_theme(self._theme_before, persist=False)
            self._theme_before = None
