"""A routine spoken as lines, driven by a fake clock: what is said, when, and never too often."""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import MINIMAL_PACK
from hypothesis import given, settings
from hypothesis import strategies as st

from crampguide.guide.loader import load_guide
from crampguide.guide.models import Exercise, Routine, RoutineStep, Side
from crampguide.lines.stretch import MIN_GAP_SECONDS, PAUSED, Announcer, run
from crampguide.paths import bundled_content_dir
from crampguide.routine import READY_INSTRUCTION, RoutineTimer, TimerState, TimerView
from crampguide.words import ROUTINE_DONE, clock_words

MINIMAL = load_guide(MINIMAL_PACK)
BUNDLED = load_guide(bundled_content_dir())
EXERCISES = (
    Exercise(id="stretch", title="Stretch", instruction="Stretch it.", caution="Gently.", sources=("s",)),
    Exercise(id="walk", title="Walk", instruction="Walk\nabout.", sources=("s",)),
)


class Session:
    """A fake clock, Enter presses at set times, and every line said with the time it was said."""

    def __init__(self, presses: tuple[float, ...] = (), start: float = 1000.0) -> None:
        self.start = start
        self.now = start
        self.presses = [start + at for at in presses]
        self.said: list[tuple[float, str]] = []
        self.bells: list[float] = []
        self.waits: list[float | None] = []

    def clock(self) -> float:
        return self.now

    def wait(self, seconds: float | None) -> bool:
        self.waits.append(seconds)
        if self.presses and (seconds is None or self.now + seconds >= self.presses[0]):
            self.now = self.presses.pop(0)
            return True
        assert seconds is not None, "paused with no press to resume"
        assert seconds > 0
        self.now += seconds
        return False

    def say(self, text: str) -> None:
        self.said.append((self.now - self.start, text))

    def bell(self) -> None:
        self.bells.append(self.now - self.start)

    def run(
        self, routine: Routine, exercises: tuple[Exercise, ...], ready_seconds: int = 0
    ) -> tuple[TimerView, Announcer]:
        timer = RoutineTimer(routine, exercises, self.clock, ready_seconds=ready_seconds)
        announcer = Announcer(timer)
        return run(timer, announcer, self.clock, self.wait, self.say, self.bell), announcer

    def texts(self) -> list[str]:
        return [text for _, text in self.said]


def routine_of(*steps: RoutineStep, limit: int | None = None) -> Routine:
    return Routine(
        id="test",
        title="Test",
        summary="A routine for tests.",
        when="Any time.",
        stop_after_seconds=limit,
        stop_message="Too long: get help." if limit else None,
        steps=steps,
        sources=("s",),
    )


def test_the_fixture_bedtime_routine_line_by_line() -> None:
    session = Session()
    view, _ = session.run(MINIMAL.routine("routine-bedtime"), MINIMAL.exercises)
    assert view.state is TimerState.FINISHED
    said = [(round(at, 1), text) for at, text in session.said]
    step_one = (
        "Exercise one. 2 times 20 seconds, 5 seconds rest between (0:45 in all). Instruction of exercise one."
    )
    assert said == [
        (0.0, f"Step 1 of 2, left leg: {step_one}"),
        (10.0, "Halfway: 10 seconds left."),
        (20.0, "Relax, 5 seconds."),
        (25.0, "Round 2 of 2: 20 seconds."),
        (35.0, "Halfway: 10 seconds left."),
        (45.0, f"Step 1 of 2, right leg: {step_one}"),
        (55.0, "Halfway: 10 seconds left."),
        (65.0, "Relax, 5 seconds."),
        (70.0, "Round 2 of 2: 20 seconds."),
        (80.0, "Halfway: 10 seconds left."),
        (
            90.0,
            "Step 2 of 2, both legs: Exercise two. 10 seconds. Instruction of exercise two. "
            "Caution: Caution of exercise two.",
        ),
        (
            100.0,
            f"{ROUTINE_DONE} You finished the routine. Rest now; come back to Triage if anything feels "
            "wrong.",
        ),
    ]
    # A bell with every new step, round, rest and the end; none with the halfway lines.
    assert [round(at, 1) for at in session.bells] == [0, 20, 25, 45, 65, 70, 90, 100]


def test_a_pause_to_get_ready_says_the_first_step_then_when_to_start() -> None:
    session = Session()
    session.run(MINIMAL.routine("routine-bedtime"), MINIMAL.exercises, ready_seconds=5)
    said = [(round(at, 1), text) for at, text in session.said]
    assert said[0] == (
        0.0,
        f"{READY_INSTRUCTION} Step 1 of 2, left leg: Exercise one. 2 times 20 seconds, 5 seconds rest "
        "between (0:45 in all). Instruction of exercise one.",
    )
    assert said[1] == (5.0, "Start now: 20 seconds, round 1 of 2.")
    assert said[2] == (15.0, "Halfway: 10 seconds left.")
    assert said[-1][0] == 105.0
    assert [round(at) for at in session.bells[:2]] == [0, 5]


def test_short_phases_are_paced_by_their_step_line_and_the_step_is_counted_down() -> None:
    daytime = BUNDLED.routine("daytime")
    session = Session()
    session.run(daytime, BUNDLED.exercises)
    texts = session.texts()
    total = sum(
        step.repetitions * step.seconds + (step.repetitions - 1) * step.rest_seconds for step in daytime.steps
    )
    assert len(texts) == 4, texts
    assert texts[0].startswith(
        "Step 1 of 1, both legs: Lean into a wall. 60 times 3 seconds, 2 seconds rest between "
        f"({clock_words(total)} in all)."
    )
    assert texts[1] == f"Halfway: {total // 2} seconds left."
    assert texts[2] == "10 seconds left."
    assert texts[3].startswith(ROUTINE_DONE)
    assert [round(at) for at, _ in session.said] == [0, total - total // 2, total - 10, total]
    assert len(session.bells) == 2


def test_until_eases_rounds_say_so_and_the_limit_message_comes_once() -> None:
    routine = routine_of(
        RoutineStep(exercise="stretch", seconds=30, repetitions=2, until_eases=True),
        RoutineStep(exercise="walk", seconds=30),
        limit=60,
    )
    session = Session(presses=(35.0, 50.0))  # paused from 35 s to 50 s: the limit counts the pause
    session.run(routine, EXERCISES)
    texts = session.texts()
    assert texts[0] == (
        "Step 1 of 2, both legs: Stretch. Until it eases, in rounds of 30 seconds (2 rounds, 1:00 in all). "
        "Stretch it. Keep going until it eases; the timer only paces you. Caution: Gently."
    )
    assert "Round 2 of 2: keep going until it eases." in texts
    assert texts.count("Too long: get help.") == 1
    assert texts[-1].startswith(ROUTINE_DONE) and texts[-1].endswith("Too long: get help.")
    assert "Step 2 of 2, both legs: Stretch. " not in texts
    assert any(text.startswith("Step 2 of 2, both legs: Walk. 30 seconds. Walk about.") for text in texts)


def test_enter_pauses_and_resumes_and_paused_time_does_not_count() -> None:
    routine = routine_of(RoutineStep(exercise="walk", seconds=40))
    session = Session(presses=(12.0, 100.0))
    view, _ = session.run(routine, EXERCISES)
    said = [(round(at, 2), text) for at, text in session.said]
    assert (12.0, PAUSED) in said
    assert (100.0, "Resumed: 28 seconds left of Walk, both legs.") in said
    assert None in session.waits  # paused: only a key press can change anything
    assert said[-1][0] == pytest.approx(128.0, abs=0.1)
    assert view.state is TimerState.FINISHED


def test_stopped_line_says_where_and_how_far() -> None:
    routine = MINIMAL.routine("routine-bedtime")
    clock = Session()
    timer = RoutineTimer(routine, MINIMAL.exercises, clock.clock)
    announcer = Announcer(timer)
    timer.start()
    clock.now += 50
    assert announcer.stopped_line(timer.view()) == (
        "Stopped at step 1 of 2 (Exercise one, right leg) after 0:50 of 1:40."
    )


steps = st.builds(
    RoutineStep,
    exercise=st.sampled_from(["stretch", "walk"]),
    seconds=st.integers(1, 45),
    repetitions=st.integers(1, 6),
    rest_seconds=st.integers(0, 12),
    side=st.sampled_from(list(Side)),
    until_eases=st.booleans(),
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(steps, min_size=1, max_size=4),
    st.lists(st.floats(0.5, 200), max_size=4).map(lambda presses: tuple(sorted(set(presses)))),
    st.sampled_from([0, 5]),
)
def test_never_two_lines_within_the_gap_and_every_step_is_announced(
    routine_steps: list[RoutineStep], presses: tuple[float, ...], ready: int
) -> None:
    routine = routine_of(*routine_steps)
    # Presses come in pairs (pause, resume) so the routine always ends.
    session = Session(presses=presses if len(presses) % 2 == 0 else presses[:-1])
    view, _ = session.run(routine, EXERCISES, ready_seconds=ready)
    assert view.state is TimerState.FINISHED
    timed = [(at, text) for at, text in session.said if not text.startswith(("Paused", "Resumed"))]
    for (before, _), (after, _) in itertools.pairwise(timed):
        assert after - before >= MIN_GAP_SECONDS - 1e-9
    assert session.texts()[-1].startswith(ROUTINE_DONE)
    if presses:
        return
    # Without pauses, every step on every side that lasts at least the gap is announced.
    step_lines = {found for text in session.texts() for found in STEP_NAMED.findall(text)}
    expected = {
        f"Step {number} of {len(routine_steps)}, {side}"
        for number, step in enumerate(routine_steps, start=1)
        for side in (("left leg", "right leg") if step.side is Side.EACH else (SIDE[step.side],))
        if step.repetitions * step.seconds + (step.repetitions - 1) * step.rest_seconds >= MIN_GAP_SECONDS
    }
    assert expected <= step_lines
    assert session.said[0][0] == 0.0 and "Step 1 of " in session.texts()[0]


STEP_NAMED = re.compile(r"Step \d+ of \d+, [a-z ]+(?=: )")
SIDE = {
    Side.LEFT: "left leg",
    Side.RIGHT: "right leg",
    Side.BOTH: "both legs",
    Side.CRAMPED: "the cramped leg",
}
