"""The stretch timer: a routine flattened into timed phases, and a small state machine that walks them.

Plain Python with an injected clock, so the UI only draws what `view()` returns and tests need no waiting.
Time left is always a deadline minus the clock, and each new deadline is the previous one plus the phase
length: late or missed ticks cannot make the timer drift, and paused time never counts.

Phases group into parts, one exercise on one side (a "get ready" pause is a part of its own): the keys move
between parts, so the rounds and rests of a hold stay within one step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from itertools import accumulate

from crampguide.diary import Leg
from crampguide.guide.models import Exercise, Routine, RoutineStep, Side
from crampguide.words import ROUTINE_DONE, SIDE_WORDS

Clock = Callable[[], float]

REST_TITLE = "Relax"
REST_INSTRUCTION = "Come back to the start and relax. Breathe calmly."
READY_INSTRUCTION = "Get into position for the first exercise. The countdown starts in a moment."
# Time to get into position before the first hold of a bedtime routine; first aid starts at once.
READY_SECONDS = 5
# A hold counts as done, for the diary's "what helped", once it has run this long (or the cramp eased in it).
DONE_MIN_SECONDS = 5.0


class TimerState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


class PhaseKind(StrEnum):
    READY = "ready"
    HOLD = "hold"
    REST = "rest"


@dataclass(frozen=True, slots=True)
class Phase:
    """One timed part of a routine: a hold, the rest between two holds, or the pause to get ready.

    `side` is LEFT, RIGHT, BOTH or CRAMPED (a step done on "each" side becomes left phases, then right ones).
    `part` numbers the exercise-on-a-side this phase belongs to: what next and previous move between.
    `repetition` counts from 1 to `repetitions` within the step and side; a rest shares the number of the
    hold before it.
    """

    part: int
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
    next_exercise: Phase | None
    """The first phase of the next part: where `next()` goes, and what the screen names as "Next"."""
    step_count: int
    """Steps of the routine, for "Step k of n": rounds, rests and sides are not steps."""
    session_seconds: float
    """Clock time since start(), pauses and restarts included, up to the finish."""
    over_limit: bool
    """The session has lasted the routine's `stop_after_seconds`."""
    leg: Leg | None
    """The leg the user said has the cramp, if asked and answered."""
    can_ease: bool
    """The current step holds "until it eases": `eased()` would end it now."""


@dataclass(frozen=True, slots=True)
class CrampLog:
    """A first-aid session as a diary entry for the user to confirm; nothing here is saved by itself."""

    when: datetime
    leg: Leg | None
    minutes: int
    """How long the session ran, in whole minutes; 0 is under a minute, as the diary counts."""
    helped: tuple[str, ...]
    """First-aid treatment ids of the exercises done."""


def _sides(side: Side) -> tuple[Side, ...]:
    return (Side.LEFT, Side.RIGHT) if side is Side.EACH else (side,)


def step_seconds(step: RoutineStep) -> int:
    """Length of one step with all its sides, holds and rests."""
    one_side = step.repetitions * step.seconds + (step.repetitions - 1) * step.rest_seconds
    return len(_sides(step.side)) * one_side


def total_seconds(routine: Routine) -> int:
    """Length of a whole routine run without pauses or skips; needs no exercises, so lists can show it."""
    return sum(step_seconds(step) for step in routine.steps)


def ready_seconds_for(routine: Routine) -> int:
    """A bedtime routine starts with a pause to get into position; first aid and daytime do not wait."""
    return READY_SECONDS if routine.bedtime else 0


def about_minutes(seconds: float) -> str:
    """A duration as people say it ("about 3 minutes"): exact seconds would promise a false precision."""
    if seconds < 45:
        return "under a minute"
    minutes = max(1, int(seconds / 60 + 0.5))
    return "about 1 minute" if minutes == 1 else f"about {minutes} minutes"


def diary_minutes(seconds: float) -> int:
    """Whole minutes as the diary counts them: 0 for under a minute, else the nearest minute."""
    return 0 if seconds < 60 else int(seconds / 60 + 0.5)


LEG_WORDS: dict[Leg, str] = {leg: SIDE_WORDS[Side(leg.value)] for leg in Leg}


def side_words(side: Side, leg: Leg | None = None) -> str:
    """The leg a phase works, in words; the cramped leg is named once the user has said which it is."""
    if side is Side.CRAMPED and leg is not None:
        return LEG_WORDS[leg]
    return SIDE_WORDS[side]


def heading(view: TimerView) -> str:
    """Where the routine is: "Step 1 of 3: left leg, round 2 of 3"; a paused one says so."""
    if view.state is TimerState.FINISHED:
        return ROUTINE_DONE
    phase = view.phase
    where = f"Step {phase.step_index + 1} of {view.step_count}: {side_words(phase.side, view.leg)}"
    if phase.kind is PhaseKind.READY:
        where = f"Get ready. {where}"
    elif phase.repetitions > 1:
        where += f", round {phase.repetition} of {phase.repetitions}"
    return where + ("  (paused)" if view.state is TimerState.PAUSED else "")


def build_phases(
    routine: Routine, exercises: Iterable[Exercise], *, ready_seconds: int = 0
) -> tuple[Phase, ...]:
    """Flatten a routine into the phases the timer runs; raise ValueError for an unknown exercise.

    `ready_seconds` > 0 puts a "get ready" phase, showing the first exercise, before everything.
    """
    by_id = {exercise.id: exercise for exercise in exercises}
    phases: list[Phase] = []
    for step_index, step in enumerate(routine.steps):
        exercise = by_id.get(step.exercise)
        if exercise is None:
            raise ValueError(f"routine '{routine.id}' uses unknown exercise '{step.exercise}'")
        for side in _sides(step.side):
            hold = Phase(
                part=phases[-1].part + 1 if phases else 0,
                step_index=step_index,
                exercise_id=exercise.id,
                kind=PhaseKind.HOLD,
                title=exercise.title,
                instruction=exercise.instruction,
                caution=exercise.caution,
                side=side,
                repetition=1,
                repetitions=step.repetitions,
                seconds=step.seconds,
                until_eases=step.until_eases,
            )
            if not phases and ready_seconds > 0:
                phases.append(
                    replace(
                        hold,
                        kind=PhaseKind.READY,
                        instruction=READY_INSTRUCTION,
                        seconds=ready_seconds,
                        until_eases=False,
                    )
                )
                hold = replace(hold, part=1)
            rest = replace(
                hold,
                kind=PhaseKind.REST,
                title=REST_TITLE,
                instruction=REST_INSTRUCTION,
                caution=None,
                seconds=step.rest_seconds,
                until_eases=False,
            )
            for repetition in range(1, step.repetitions + 1):
                phases.append(replace(hold, repetition=repetition))
                if repetition < step.repetitions and step.rest_seconds > 0:
                    phases.append(replace(rest, repetition=repetition))
    return tuple(phases)


class RoutineTimer:
    """Idle → running ⇄ paused → finished, over the phases of one routine.

    A session runs from `start()` to `stop()`. The routine's `stop_after_seconds` is measured on the clock
    from the session's start, pauses and restarts included: a cramp goes on while the timer is paused, so
    a cramp that outlasts several runs of "cramp-now" still reaches the limit. Every method first catches
    up with the clock, so calling them late is safe.
    """

    def __init__(
        self,
        routine: Routine,
        exercises: Iterable[Exercise],
        clock: Clock,
        *,
        ready_seconds: int = 0,
    ) -> None:
        """`ready_seconds` > 0 starts with a "get ready" phase (`ready_seconds_for` gives the usual one)."""
        exercises = tuple(exercises)
        self.routine = routine
        self.phases = build_phases(routine, exercises, ready_seconds=ready_seconds)
        self._treatments = {exercise.id: exercise.treatments for exercise in exercises}
        self._part_starts = [
            i for i, phase in enumerate(self.phases) if i == 0 or phase.part != self.phases[i - 1].part
        ]
        self._clock = clock
        self._starts = (0, *accumulate(phase.seconds for phase in self.phases))
        self._total = self._starts[-1]
        self._state = TimerState.IDLE
        self._index = 0
        self._deadline = 0.0  # while running: clock reading at which the current phase ends
        self._left = float(self.phases[0].seconds)  # while idle or paused: time left in the phase
        self._session_from = 0.0  # clock reading at start(): the limit counts from here
        self._session_to: float | None = None  # clock reading at the finish, while finished
        self._held: dict[int, float] = {}  # step index → seconds its holds have run this session
        self._eased: set[int] = set()  # steps the user ended with "it eased"
        self._credit_from = 0.0  # while running: clock reading up to which `_held` is counted
        self._unreported = False  # the clock moved the timer on and update() has not said so yet
        self.leg: Leg | None = None

    @property
    def state(self) -> TimerState:
        return self._state

    @property
    def total_seconds(self) -> int:
        return self._total

    @property
    def asks_leg(self) -> bool:
        """Some step works "the cramped leg": the screen asks which one it is."""
        return any(phase.side is Side.CRAMPED for phase in self.phases)

    # --- commands -------------------------------------------------------------------------------

    def start(self) -> None:
        """Begin a session at the first phase; only from idle (use restart() otherwise)."""
        if self._state is not TimerState.IDLE:
            return
        now = self._clock()
        self._session_from = now
        self._session_to = None
        self._held = {}
        self._eased = set()
        self._credit_from = now
        self._enter(0, now)

    def pause(self) -> None:
        now = self._sync()
        if self._state is TimerState.RUNNING:
            self._credit(now)
            self._left = self._deadline - now
            self._state = TimerState.PAUSED

    def resume(self) -> None:
        now = self._sync()
        if self._state is TimerState.PAUSED:
            self._deadline = now + self._left
            self._credit_from = now
            self._state = TimerState.RUNNING

    def toggle_pause(self) -> None:
        if self._state is TimerState.RUNNING:
            self.pause()
        elif self._state is TimerState.PAUSED:
            self.resume()

    def next(self) -> None:
        """Skip to the next exercise (its first round); from the last one, finish."""
        now = self._sync()
        if self._state not in (TimerState.RUNNING, TimerState.PAUSED):
            return
        part = self.phases[self._index].part
        if part == len(self._part_starts) - 1:
            self._finish(now)
        else:
            self._enter(self._part_starts[part + 1], now)

    def previous(self) -> None:
        """Go back to the start of the previous exercise; in the first one, start it again."""
        now = self._sync()
        if self._state in (TimerState.RUNNING, TimerState.PAUSED):
            part = self.phases[self._index].part
            self._enter(self._part_starts[max(0, part - 1)], now)

    def eased(self) -> bool:
        """The cramp eased: end a hold-until-it-eases step and move on. False when there is none to end."""
        self._sync()
        if not self._can_ease():
            return False
        self._eased.add(self.phases[self._index].step_index)
        self.next()
        return True

    def choose_leg(self, leg: Leg) -> None:
        self.leg = leg

    def restart(self) -> None:
        """Run again from the first phase, in the same session: the limit and what was done carry on."""
        now = self._sync()
        if self._state is TimerState.IDLE:
            self.start()
            return
        if self._state is not TimerState.RUNNING:
            self._credit_from = now
            self._state = TimerState.RUNNING
        self._session_to = None
        self._enter(0, now)

    def stop(self) -> None:
        """End the session: back to idle, at the first phase."""
        self._state = TimerState.IDLE
        self._index = 0
        self._left = float(self.phases[0].seconds)
        self._session_to = None
        self._held = {}
        self._eased = set()
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
        if self._state is TimerState.FINISHED:
            done = float(self._total)
        else:
            done = self._starts[self._index] + phase.seconds - seconds_left
        limit = self.routine.stop_after_seconds
        session = self._session_seconds(now)
        last = self._index == len(self.phases) - 1
        following = phase.part + 1
        return TimerView(
            state=self._state,
            index=self._index,
            count=len(self.phases),
            phase=phase,
            seconds_left=seconds_left,
            step_progress=_fraction(phase.seconds - seconds_left, phase.seconds),
            total_progress=_fraction(done, self._total),
            next_phase=None if last or self._state is TimerState.FINISHED else self.phases[self._index + 1],
            next_exercise=(
                self.phases[self._part_starts[following]]
                if following < len(self._part_starts) and self._state is not TimerState.FINISHED
                else None
            ),
            step_count=len(self.routine.steps),
            session_seconds=session,
            over_limit=limit is not None and session >= limit,
            leg=self.leg,
            can_ease=self._can_ease(),
        )

    def done_exercises(self) -> tuple[str, ...]:
        """Exercise ids of the steps done this session, in routine order: held a while, or eased in."""
        now = self._sync()
        self._credit(now)
        steps = {
            index for index, seconds in self._held.items() if seconds >= DONE_MIN_SECONDS - 1e-9
        } | self._eased
        return tuple(dict.fromkeys(self.routine.steps[index].exercise for index in sorted(steps)))

    def cramp_log(self, started_at: datetime) -> CrampLog:
        """This session as a diary entry: when it started, how long it ran, the leg, what was done."""
        now = self._sync()
        helped = (t for exercise in self.done_exercises() for t in self._treatments.get(exercise, ()))
        return CrampLog(
            when=started_at,
            leg=self.leg,
            minutes=diary_minutes(self._session_seconds(now)),
            helped=tuple(dict.fromkeys(helped)),
        )

    # --- inside ---------------------------------------------------------------------------------

    def _can_ease(self) -> bool:
        phase = self.phases[self._index]
        return (
            self._state in (TimerState.RUNNING, TimerState.PAUSED)
            and phase.kind is not PhaseKind.READY
            and self.routine.steps[phase.step_index].until_eases
        )

    def _session_seconds(self, now: float) -> float:
        if self._state is TimerState.IDLE:
            return 0.0
        end = self._session_to if self._session_to is not None else now
        return end - self._session_from

    def _seconds_left(self, now: float) -> float:
        if self._state is TimerState.FINISHED:
            return 0.0
        left = self._deadline - now if self._state is TimerState.RUNNING else self._left
        return min(float(self.phases[self._index].seconds), max(0.0, left))

    def _credit(self, until: float) -> None:
        """Count the running time of a hold towards its step, up to `until`."""
        if self._state is TimerState.RUNNING:
            phase = self.phases[self._index]
            if phase.kind is PhaseKind.HOLD:
                step = phase.step_index
                self._held[step] = self._held.get(step, 0.0) + max(0.0, until - self._credit_from)
            self._credit_from = until

    def _enter(self, index: int, now: float) -> None:
        """Make `index` the current phase, full length, in the running or paused state it already has."""
        self._credit(now)
        self._index = index
        seconds = self.phases[index].seconds
        if self._state is TimerState.PAUSED:
            self._left = float(seconds)
        else:
            self._state = TimerState.RUNNING
            self._deadline = now + seconds
            self._credit_from = now

    def _finish(self, at: float) -> None:
        self._credit(at)
        self._state = TimerState.FINISHED
        self._left = 0.0
        self._session_to = at

    def _sync(self) -> float:
        """Move past every deadline the clock has reached; each new deadline builds on the last one."""
        now = self._clock()
        while self._state is TimerState.RUNNING and now >= self._deadline:
            self._unreported = True
            self._credit(self._deadline)
            if self._index == len(self.phases) - 1:
                self._finish(self._deadline)
            else:
                self._index += 1
                self._deadline += self.phases[self._index].seconds
        return now


def _fraction(part: float, whole: float) -> float:
    return min(1.0, max(0.0, part / whole)) if whole > 0 else 1.0
