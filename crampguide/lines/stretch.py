"""A stretch routine spoken as lines: what to do when a step starts, halfway, 10 seconds left, and the end.

The timer is the Stretch tab's own `RoutineTimer`. `Announcer` turns its readings into lines a screen reader
can keep up with: never two within `MIN_GAP_SECONDS` (a line that comes too soon waits, and a newer one
replaces it), and phases too short to read out (the daytime routine's 3-second leans) are paced by their
step's line rather than announced one by one. `run` drives both with a clock, a wait and an output passed in.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from crampguide.lines.text import flat
from crampguide.routine import Phase, PhaseKind, RoutineTimer, TimerState, TimerView
from crampguide.words import ROUTINE_DONE, ROUTINE_DONE_TEXT, SIDE_WORDS, UNTIL_EASES, clock_words

Clock = Callable[[], float]
Wait = Callable[["float | None"], bool]
"""Wait up to this many seconds (None: until input); True if the user asked to pause or resume."""
Say = Callable[[str], None]

MIN_GAP_SECONDS = 3.0
"""No two lines closer than this, so a screen reader finishes one before the next."""
ANNOUNCED_PHASE_SECONDS = 5
"""Holds and rests at least this long get a line and a bell of their own; shorter ones only their step's."""
HALFWAY_MIN_SECONDS = 20
TEN_LEFT_MIN_SECONDS = 30
TEN_LEFT = 10
# Wake a little after a deadline, so the timer has passed it when read.
_SLACK = 0.01

PAUSED = "Paused. Press Enter to resume."


# What may replace a line still waiting for its turn: only one of the same or a higher rank.
MARK, ROUND, STEP, LIMIT = range(4)


@dataclass(frozen=True)
class Line:
    text: str
    bell: bool = False
    rank: int = MARK
    """MARK (halfway, 10 s left), ROUND (a hold or rest within a step), STEP (a new step, the end), LIMIT."""


@dataclass(frozen=True)
class _Span:
    """What the halfway and 10-seconds-left lines count down: a phase, or a run of short phases."""

    key: int
    """Index of the span's first phase."""
    length: float
    left: float


def _seconds(value: float) -> str:
    whole = max(0, math.ceil(value))
    return "1 second" if whole == 1 else f"{whole} seconds"


def pause_line(view: TimerView) -> str:
    """What to say when Enter pauses or resumes the timer."""
    if view.state is TimerState.PAUSED:
        return PAUSED
    phase = view.phase
    return f"Resumed: {_seconds(view.seconds_left)} left of {phase.title}, {SIDE_WORDS[phase.side]}."


class Announcer:
    """What to say, and when, as a running routine moves on."""

    def __init__(self, timer: RoutineTimer) -> None:
        """Reads the timer's routine, phases and length once; the readings come later, as views."""
        self.routine = timer.routine
        self.phases = timer.phases
        self._total = timer.total_seconds
        self._seen: int | None = None  # phase index of the last reading
        self._finished = False
        self._limit_said = False
        self._marks: set[tuple[int, str]] = set()
        self._pending: Line | None = None
        self._last_said: float | None = None
        # Per phase: its run's first phase, the seconds of the run after it, and the run's length.
        self._first: list[int] = []
        self._after: list[float] = []
        self._run_length: list[float] = []
        self._index_runs()

    @property
    def idle(self) -> bool:
        """Nothing is waiting to be said."""
        return self._pending is None

    def say_now(self, text: str, now: float) -> Line:
        """A line the user asked for (pause, resume): said at once, and later lines keep their distance."""
        self._last_said = now
        return Line(text)

    def update(self, view: TimerView, now: float) -> list[Line]:
        """The lines due now: one that was waiting goes before any new one, which then waits its turn."""
        said = self._flush(now)
        for line in self._new_lines(view):
            if self._pending is None or line.rank >= self._pending.rank:
                self._pending = line
        return said or self._flush(now)

    def next_wake(self, view: TimerView, now: float) -> float | None:
        """Seconds until something may be due; None when only input can change anything (paused)."""
        waits: list[float] = []
        if self._pending is not None:
            waits.append(0.0 if self._last_said is None else self._last_said + MIN_GAP_SECONDS - now)
        limit = self.routine.stop_after_seconds
        if limit is not None and not self._limit_said and view.state is not TimerState.FINISHED:
            waits.append(limit - view.session_seconds)
        if view.state is TimerState.RUNNING:
            waits.append(view.seconds_left)
            span = self._span(view)
            for mark, at in self._mark_times(span):
                if (span.key, mark) not in self._marks and span.left > at:
                    waits.append(span.left - at)
        if not waits:
            return None
        return max(0.0, min(waits)) + _SLACK

    def stopped_line(self, view: TimerView) -> str:
        """The one-line summary when the user stops early."""
        phase = view.phase
        done = view.total_progress * self._total
        return (
            f"Stopped at step {phase.step_index + 1} of {len(self.routine.steps)} ({phase.title}, "
            f"{SIDE_WORDS[phase.side]}) after {clock_words(done)} of {clock_words(self._total)}."
        )

    # --- inside ---------------------------------------------------------------------------------

    def _new_lines(self, view: TimerView) -> list[Line]:
        lines: list[Line] = []
        if view.state is TimerState.FINISHED:
            if not self._finished:
                self._finished = True
                end = " ".join(filter(None, (ROUTINE_DONE, ROUTINE_DONE_TEXT, self.routine.stop_message)))
                lines.append(Line(end, bell=True, rank=STEP))
            return lines
        if view.index != self._seen:
            previous = None if self._seen is None else self.phases[self._seen]
            self._seen = view.index
            phase = view.phase
            if phase.kind is PhaseKind.READY:  # the step ahead is said now, while the user gets into position
                ahead = self._step_line(self.phases[view.index + 1])
                lines.append(Line(f"{flat(phase.instruction)} {ahead}", bell=True, rank=STEP))
            elif previous is not None and previous.kind is PhaseKind.READY:
                lines.append(Line(self._go_line(phase), bell=True, rank=STEP))
            elif previous is None or (previous.step_index, previous.side) != (phase.step_index, phase.side):
                lines.append(Line(self._step_line(phase), bell=True, rank=STEP))
            elif phase.seconds >= ANNOUNCED_PHASE_SECONDS:
                lines.append(Line(self._phase_line(phase), bell=True, rank=ROUND))
        span = self._span(view)
        for mark, at in self._mark_times(span):
            if (span.key, mark) not in self._marks and span.left <= at:
                self._marks.add((span.key, mark))
                if mark == "half":
                    lines.append(Line(f"Halfway: {_seconds(span.left)} left."))
                else:
                    lines.append(Line(f"{_seconds(TEN_LEFT)} left."))
        limit_reached = view.over_limit and self.routine.stop_message is not None
        if limit_reached and not self._limit_said:
            self._limit_said = True
            assert self.routine.stop_message is not None
            lines.append(Line(flat(self.routine.stop_message), bell=True, rank=LIMIT))
        return lines

    def _step_line(self, phase: Phase) -> str:
        step = self.routine.steps[phase.step_index]
        each = _seconds(phase.seconds)
        if phase.until_eases:
            timing = f"Until it eases, in rounds of {each}"
        elif step.repetitions > 1:
            timing = f"{step.repetitions} times {each}"
            timing += f", {_seconds(step.rest_seconds)} rest between" if step.rest_seconds else ""
        else:
            timing = each.capitalize()
        if step.repetitions > 1:
            rounds = f"{step.repetitions} rounds, " if phase.until_eases else ""
            timing += f" ({rounds}{clock_words(self._run_seconds(phase))} in all)"
        parts = [
            f"Step {phase.step_index + 1} of {len(self.routine.steps)}, {SIDE_WORDS[phase.side]}: "
            f"{phase.title}. {timing}.",
            flat(phase.instruction),
        ]
        if phase.until_eases:
            parts.append(UNTIL_EASES)
        if phase.caution:
            parts.append(f"Caution: {flat(phase.caution)}")
        return " ".join(parts)

    def _go_line(self, phase: Phase) -> str:
        """The first hold after the pause to get ready, whose step was said with the pause."""
        what = "keep going until it eases" if phase.until_eases else _seconds(phase.seconds)
        rounds = f", round 1 of {phase.repetitions}" if phase.repetitions > 1 else ""
        return f"Start now: {what}{rounds}."

    def _phase_line(self, phase: Phase) -> str:
        if phase.kind is PhaseKind.REST:
            return f"Relax, {_seconds(phase.seconds)}."
        what = "keep going until it eases" if phase.until_eases else _seconds(phase.seconds)
        return f"Round {phase.repetition} of {phase.repetitions}: {what}."

    def _mark_times(self, span: _Span) -> list[tuple[str, float]]:
        """The marks of a span, as seconds left at which each is due."""
        marks: list[tuple[str, float]] = []
        if span.length >= HALFWAY_MIN_SECONDS:
            marks.append(("half", span.length / 2))
        if span.length >= TEN_LEFT_MIN_SECONDS:
            marks.append(("ten", float(TEN_LEFT)))
        return marks

    def _span(self, view: TimerView) -> _Span:
        index = view.index
        if self.phases[index].seconds >= ANNOUNCED_PHASE_SECONDS:
            return _Span(index, self.phases[index].seconds, view.seconds_left)
        return _Span(self._first[index], self._run_length[index], view.seconds_left + self._after[index])

    def _index_runs(self) -> None:
        """Group each stretch of consecutive short phases of one step and side into a run."""
        phases = self.phases
        runs: list[list[int]] = []
        for index, phase in enumerate(phases):
            previous = phases[index - 1] if index else None
            joins = (
                previous is not None
                and phase.seconds < ANNOUNCED_PHASE_SECONDS
                and previous.seconds < ANNOUNCED_PHASE_SECONDS
                and (previous.step_index, previous.side) == (phase.step_index, phase.side)
            )
            if joins:
                runs[-1].append(index)
            else:
                runs.append([index])
        self._first = [0] * len(phases)
        self._after = [0.0] * len(phases)
        self._run_length = [0.0] * len(phases)
        for run in runs:
            length = float(sum(phases[i].seconds for i in run))
            remaining = length
            for i in run:
                remaining -= phases[i].seconds
                self._first[i] = run[0]
                self._after[i] = remaining
                self._run_length[i] = length

    def _run_seconds(self, phase: Phase) -> int:
        """The length of the phase's step on its side: every hold and rest of it, not the pause before."""
        return sum(
            p.seconds
            for p in self.phases
            if (p.step_index, p.side) == (phase.step_index, phase.side) and p.kind is not PhaseKind.READY
        )

    def _flush(self, now: float) -> list[Line]:
        """The waiting line, if the gap since the last one has passed."""
        if self._pending is None:
            return []
        if self._last_said is not None and now - self._last_said < MIN_GAP_SECONDS:
            return []
        line, self._pending = self._pending, None
        self._last_said = now
        return [line]


def run(
    timer: RoutineTimer,
    announcer: Announcer,
    clock: Clock,
    wait: Wait,
    say: Say,
    bell: Callable[[], None] | None,
) -> TimerView:
    """Run the routine to its end, saying each line as it falls due; the last reading is returned.

    `wait` returning True toggles the pause. A KeyboardInterrupt passes through: the caller says
    `announcer.stopped_line` for the timer's reading then.
    """
    timer.start()
    while True:
        now = clock()
        view = timer.view()
        for line in announcer.update(view, now):
            if line.bell and bell is not None:
                bell()
            say(line.text)
        if view.state is TimerState.FINISHED and announcer.idle:
            return view
        if wait(announcer.next_wake(view, now)):
            timer.toggle_pause()
            say(announcer.say_now(pause_line(timer.view()), clock()).text)
