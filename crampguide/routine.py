"""The stretch timer: a routine flattened into timed phases, and a small state machine that walks them.

Plain Python with an injected clock, so the UI only draws what `view()` returns and tests need no waiting.
Time left is always a deadline minus the clock, and each new deadline is the previous one plus the phase
length: late or missed ticks cannot make the timer drift, and paused time never counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate

from crampguide.guide.models import Exercise, Routine, RoutineStep, Side

Clock = Callable[[], float]

REST_TITLE = "Relax"
REST_INSTRUCTION = "Come back to the start and relax. Breathe calmly."


class TimerState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class PhaseKind(StrEnum):
    HOLD = "hold"
    REST = "rest"


@dataclass(frozen=True, slots=True)
class Phase:
    """One timed part of a routine: a hold, or the rest between two holds.

    `side` is LEFT, RIGHT or BOTH (a step done on "each" side becomes left phases, then right ones).
    `repetition` counts from 1 to `repetitions` within the step and side; a rest shares the number of the
    hold before it.
    """

    step_index: int
    exercise_id: str
    kind: PhaseKind
    title: str
    instruction: str
    caution: str | None
    side: Side
    repetition: int
    repetitions: int
    seconds: int
    until_eases: bool


@dataclass(frozen=True, slots=True)
class TimerView:
    """Everything the screen needs at one moment, read from a single clock reading."""

    state: TimerState
    index: int
    count: int
    phase: Phase
    seconds_left: float
    step_progress: float
    total_progress: float
    next_phase: Phase | None
    elapsed_seconds: float
    """Active time: running, not paused."""
    session_seconds: float
    """Clock time since start(), pauses and restarts included."""
    over_limit: bool
    """The session has lasted the routine's `stop_after_seconds`."""


def _sides(side: Side) -> tuple[Side, ...]:
    return (Side.LEFT, Side.RIGHT) if side is Side.EACH else (side,)


def step_seconds(step: RoutineStep) -> int:
    """Length of one step with all its sides, holds and rests."""
    one_side = step.repetitions * step.seconds + (step.repetitions - 1) * step.rest_seconds
    return len(_sides(step.side)) * one_side


def total_seconds(routine: Routine) -> int:
    """Length of a whole routine run without pauses or skips; needs no exercises, so lists can show it."""
    return sum(step_seconds(step) for step in routine.steps)


def about_minutes(seconds: float) -> str:
    """A duration as people say it ("about 3 minutes"): exact seconds would promise a false precision."""
    if seconds < 45:
        return "under a minute"
    minutes = max(1, int(seconds / 60 + 0.5))
    return "about 1 minute" if minutes == 1 else f"about {minutes} minutes"


def build_phases(routine: Routine, exercises: Iterable[Exercise]) -> tuple[Phase, ...]:
    """Flatten a routine into the phases the timer runs; raise ValueError for an unknown exercise."""
    by_id = {exercise.id: exercise for exercise in exercises}
    phases: list[Phase] = []
    for step_index, step in enumerate(routine.steps):
        exercise = by_id.get(step.exercise)
        if exercise is None:
            raise ValueError(f"routine '{routine.id}' uses unknown exercise '{step.exercise}'")
        for side in _sides(step.side):
            for repetition in range(1, step.repetitions + 1):
                phases.append(
                    Phase(
                        step_index=step_index,
                        exercise_id=exercise.id,
                        kind=PhaseKind.HOLD,
                        title=exercise.title,
                        instruction=exercise.instruction,
                        caution=exercise.caution,
                        side=side,
                        repetition=repetition,
                        repetitions=step.repetitions,
                        seconds=step.seconds,
                        until_eases=step.until_eases,
                    )
                )
                if repetition < step.repetitions and step.rest_seconds > 0:
                    phases.append(
                        Phase(
                            step_index=step_index,
                            exercise_id=exercise.id,
                            kind=PhaseKind.REST,
                            title=REST_TITLE,
                            instruction=REST_INSTRUCTION,
                            caution=None,
                            side=side,
                            repetition=repetition,
                            repetitions=step.repetitions,
                            seconds=step.rest_seconds,
                            until_eases=False,
                        )
                    )
    return tuple(phases)


class RoutineTimer:
    """Idle → running ⇄ paused → finished, over the phases of one routine.

    A session runs from `start()` to `stop()`. The routine's `stop_after_seconds` is measured on the clock
    from the session's start, pauses and restarts included: a cramp goes on while the timer is paused, so
    a cramp that outlasts several runs of "cramp-now" still reaches the limit. Every method first catches
    up with the clock, so calling them late is safe.
    """

    def __init__(self, routine: Routine, exercises: Iterable[Exercise], clock: Clock) -> None:
        self.routine = routine
        self.phases = build_phases(routine, exercises)
        self._clock = clock
        self._starts = (0, *accumulate(phase.seconds for phase in self.phases))
        self._total = self._starts[-1]
        self._state = TimerState.IDLE
        self._index = 0
        self._deadline = 0.0  # while running: clock reading at which the current phase ends
        self._left = float(self.phases[0].seconds)  # while idle or paused: time left in the phase
        self._banked = 0.0  # active seconds of the session before the current run
        self._run_from = 0.0  # while running: clock reading when the current run began
        self._session_from = 0.0  # clock reading at start(): the limit counts from here
        self._unreported = False  # the clock moved the timer on and update() has not said so yet

    @property
    def state(self) -> TimerState:
        return self._state

    @property
    def total_seconds(self) -> int:
        return self._total

    # --- commands -------------------------------------------------------------------------------

    def start(self) -> None:
        """Begin a session at the first phase; only from idle (use restart() otherwise)."""
        if self._state is not TimerState.IDLE:
            return
        now = self._clock()
        self._banked = 0.0
        self._run_from = now
        self._session_from = now
        self._enter(0, now)

    def pause(self) -> None:
        now = self._sync()
        if self._state is TimerState.RUNNING:
            self._left = self._deadline - now
            self._banked += now - self._run_from
            self._state = TimerState.PAUSED

    def resume(self) -> None:
        now = self._sync()
        if self._state is TimerState.PAUSED:
            self._deadline = now + self._left
            self._run_from = now
            self._state = TimerState.RUNNING

    def toggle_pause(self) -> None:
        if self._state is TimerState.RUNNING:
            self.pause()
        elif self._state is TimerState.PAUSED:
            self.resume()

    def next(self) -> None:
        """Skip to the next phase; from the last one, finish."""
        now = self._sync()
        if self._state not in (TimerState.RUNNING, TimerState.PAUSED):
            return
        if self._index == len(self.phases) - 1:
            self._finish(now)
        else:
            self._enter(self._index + 1, now)

    def previous(self) -> None:
        """Go back one phase; at the first phase, start it again."""
        now = self._sync()
        if self._state in (TimerState.RUNNING, TimerState.PAUSED):
            self._enter(max(0, self._index - 1), now)

    def restart(self) -> None:
        """Run again from the first phase, keeping the session's active time."""
        now = self._sync()
        if self._state is TimerState.IDLE:
            self.start()
            return
        if self._state is not TimerState.RUNNING:
            self._run_from = now
            self._state = TimerState.RUNNING
        self._enter(0, now)

    def stop(self) -> None:
        """End the session: back to idle, at the first phase, with no active time."""
        self._state = TimerState.IDLE
        self._index = 0
        self._left = float(self.phases[0].seconds)
        self._banked = 0.0
        self._unreported = False

    def update(self) -> bool:
        """Catch up with the clock; True if time moved the phase on since the last update (ring the bell)."""
        self._sync()
        changed = self._unreported
        self._unreported = False
        return changed

    # --- reading --------------------------------------------------------------------------------

    def view(self) -> TimerView:
        now = self._sync()
        phase = self.phases[self._index]
        seconds_left = self._seconds_left(now)
        elapsed = self._banked + (now - self._run_from if self._state is TimerState.RUNNING else 0.0)
        if self._state is TimerState.FINISHED:
            done = float(self._total)
        else:
            done = self._starts[self._index] + phase.seconds - seconds_left
        limit = self.routine.stop_after_seconds
        session = 0.0 if self._state is TimerState.IDLE else now - self._session_from
        last = self._index == len(self.phases) - 1
        return TimerView(
            state=self._state,
            index=self._index,
            count=len(self.phases),
            phase=phase,
            seconds_left=seconds_left,
            step_progress=_fraction(phase.seconds - seconds_left, phase.seconds),
            total_progress=_fraction(done, self._total),
            next_phase=None if last or self._state is TimerState.FINISHED else self.phases[self._index + 1],
            elapsed_seconds=elapsed,
            session_seconds=session,
            over_limit=limit is not None and session >= limit,
        )

    # --- inside ---------------------------------------------------------------------------------

    def _seconds_left(self, now: float) -> float:
        if self._state is TimerState.FINISHED:
            return 0.0
        left = self._deadline - now if self._state is TimerState.RUNNING else self._left
        return min(float(self.phases[self._index].seconds), max(0.0, left))

    def _enter(self, index: int, now: float) -> None:
        """Make `index` the current phase, full length, in the running or paused state it already has."""
        self._index = index
        seconds = self.phases[index].seconds
        if self._state is TimerState.PAUSED:
            self._left = float(seconds)
        else:
            self._state = TimerState.RUNNING
            self._deadline = now + seconds

    def _finish(self, at: float) -> None:
        if self._state is TimerState.RUNNING:
            self._banked += at - self._run_from
        self._state = TimerState.FINISHED
        self._left = 0.0

    def _sync(self) -> float:
        """Move past every deadline the clock has reached; each new deadline builds on the last one."""
        now = self._clock()
        while self._state is TimerState.RUNNING and now >= self._deadline:
            self._unreported = True
            if self._index == len(self.phases) - 1:
                self._finish(self._deadline)
            else:
                self._index += 1
                self._deadline += self.phases[self._index].seconds
        return now


def _fraction(part: float, whole: float) -> float:
    return min(1.0, max(0.0, part / whole)) if whole > 0 else 1.0
