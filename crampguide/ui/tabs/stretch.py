"""Stretch tab: pick a routine, then follow a calm countdown.

The timing lives in `crampguide.routine.RoutineTimer` (deadline-based, clock injected). This tab redraws
twice a second while a routine runs and stops its interval whenever nothing runs, so an idle or paused tab
costs nothing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.timer import Timer
from textual.widgets import Button, Digits, ListItem, ListView, Markdown, ProgressBar, Static

from crampguide.guide.models import Routine, Side
from crampguide.routine import PhaseKind, RoutineTimer, TimerState, TimerView, about_minutes, total_seconds
from crampguide.ui.tabs.base import GuideTab
from crampguide.ui.themes import BEDTIME_THEME
from crampguide.ui.widgets.sources import sources_markdown

if TYPE_CHECKING:
    from crampguide.ui.app import Services

REDRAW_SECONDS = 0.5
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


def clock_text(seconds: float) -> str:
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


class StretchTab(GuideTab):
    # When small, the long instruction would push the countdown and the stop message out of sight.
    DEFAULT_CSS = """
    StretchTab.compact #countdown-row {
        dock: top;
    }
    StretchTab.compact #over-limit {
        dock: bottom;
    }
    """

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
        self._interval: Timer | None = None
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
                yield Markdown(id="routine-summary")
        with Vertical(id="routine-player"):
            yield Static(id="routine-title")
            yield Static(id="phase-where")
            yield Static(id="phase-instruction")
            yield Static(id="phase-caution", classes="safety")
            with Horizontal(id="countdown-row"):
                yield Digits("0:00", id="countdown")
                yield Static(id="countdown-text")
            yield Static(id="phase-label", classes="bar-label")
            yield ProgressBar(total=1, show_eta=False, id="phase-progress")
            yield Static("Whole routine", classes="bar-label")
            yield ProgressBar(total=1, show_eta=False, id="total-progress")
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
        for step in routine.steps:
            exercise = guide.exercise(step.exercise)
            reps = f"{step.repetitions} × " if step.repetitions > 1 else ""
            hold = "until it eases, in rounds of " if step.until_eases else ""
            rest = f", rest {step.rest_seconds} s between" if step.rest_seconds else ""
            steps.append(
                f"1. **{exercise.title}**: {reps}{hold}{step.seconds} s, {SIDE_WORDS[step.side]}{rest}"
            )
        text = "\n".join([routine.summary, "", *steps, "", sources_markdown(guide, routine.sources)])
        self.query_one("#routine-summary", Markdown).update(text)

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
        """Ring if the phase changed, keep the redraw interval running only while the timer runs, redraw."""
        timer = self.timer
        if timer is None:
            return
        if bell and not self.muted and timer.view().phase.seconds >= BELL_MIN_PHASE_SECONDS:
            self.app.bell()
        running = timer.state is TimerState.RUNNING
        if running and self._interval is None:
            self._interval = self.set_interval(REDRAW_SECONDS, self._tick)
        elif not running and self._interval is not None:
            self._interval.stop()
            self._interval = None
        if timer.state is TimerState.FINISHED:
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
        self.query_one("#routine-title", Static).update(routine.title)
        self._render_phase(view)
        self._render_bars(view)
        finished = view.state is TimerState.FINISHED
        self.query_one("#done-buttons").display = finished
        limit = self.query_one("#over-limit", Static)
        limit.display = (view.over_limit or finished) and routine.stop_message is not None
        limit.update(routine.stop_message or "")
        bell = "m bell off" if not self.muted else "m bell on"
        pause = "space resume" if view.state is TimerState.PAUSED else "space pause"
        keys = (
            "r again · escape back"
            if finished
            else f"{pause} · n next · p previous · r restart · escape stop · {bell}"
        )
        self.query_one("#player-keys", Static).update(keys)

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
        self.query_one("#phase-where", Static).update(where)
        self.query_one("#phase-instruction", Static).update(
            f"{phase.title}\n{instruction}" if not finished else instruction
        )
        caution = self.query_one("#phase-caution", Static)
        caution.display = bool(phase.caution) and not finished
        caution.update(f"⚠ {phase.caution}" if phase.caution else "")
        left = clock_text(0 if finished else view.seconds_left)
        self.query_one("#countdown", Digits).update(left)
        self.query_one("#countdown-text", Static).update(f"{left} left")
        following = view.next_phase
        self.query_one("#phase-next", Static).update(
            f"Next: {following.title} ({SIDE_WORDS[following.side]})" if following and not finished else ""
        )

    def _render_bars(self, view: TimerView) -> None:
        self.query_one("#phase-label", Static).update(
            "Rest" if view.phase.kind is PhaseKind.REST else "This step"
        )
        self.query_one("#phase-progress", ProgressBar).update(
            total=1000, progress=round(view.step_progress * 1000)
        )
        self.query_one("#total-progress", ProgressBar).update(
            total=1000, progress=round(view.total_progress * 1000)
        )

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
