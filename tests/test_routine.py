"""The stretch timer engine, driven by a fake clock so every second is exact and no test waits."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from bisect import bisect_right
from dataclasses import replace
from datetime import datetime
from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crampguide.diary import Leg
from crampguide.guide.files import RoutinesFile
from crampguide.guide.loader import validate
from crampguide.guide.models import Exercise, Routine, RoutineStep, Side
from crampguide.paths import bundled_content_dir
from crampguide.routine import (
    DONE_MIN_SECONDS,
    READY_SECONDS,
    CrampLog,
    PhaseKind,
    RoutineTimer,
    TimerState,
    TimerView,
    about_minutes,
    build_phases,
    diary_minutes,
    heading,
    ready_seconds_for,
    side_words,
    total_seconds,
)


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


EXERCISES = (
    Exercise(id="stretch", title="Stretch", instruction="Stretch it.", caution="Gently.", sources=("s",)),
    Exercise(id="walk", title="Walk", instruction="Walk about.", sources=("s",)),
)


def make_routine(*steps: RoutineStep, limit: int | None = None) -> Routine:
    return Routine(
        id="test",
        title="Test",
        summary="A routine for tests.",
        when="Any time.",
        stop_after_seconds=limit,
        stop_message="Too long." if limit else None,
        steps=steps,
        sources=("s",),
    )


# 2 sides × (10 × 60 s + 9 × 30 s) + 60 s = 1800 s: thirty minutes with holds, rests, sides and two steps.
HALF_HOUR = make_routine(
    RoutineStep(exercise="stretch", seconds=60, repetitions=10, rest_seconds=30, side=Side.EACH),
    RoutineStep(exercise="walk", seconds=60),
)
# Holds 10 s, rests 5 s, both legs: L10 r5 L10 | R10 r5 R10 | walk 20 → 70 s in seven phases.
SHORT = make_routine(
    RoutineStep(exercise="stretch", seconds=10, repetitions=2, rest_seconds=5, side=Side.EACH),
    RoutineStep(exercise="walk", seconds=20),
)


def timer_for(routine: Routine, clock: FakeClock) -> RoutineTimer:
    return RoutineTimer(routine, EXERCISES, clock)


def bundled_routines() -> RoutinesFile:
    with (bundled_content_dir() / "routines.toml").open("rb") as file:
        return validate(RoutinesFile, tomllib.load(file))


# --- phases ---------------------------------------------------------------------------------------


def test_phases_follow_sides_then_repetitions_with_rests_between() -> None:
    phases = build_phases(SHORT, EXERCISES)
    assert [(p.kind, p.side, p.repetition, p.seconds) for p in phases] == [
        (PhaseKind.HOLD, Side.LEFT, 1, 10),
        (PhaseKind.REST, Side.LEFT, 1, 5),
        (PhaseKind.HOLD, Side.LEFT, 2, 10),
        (PhaseKind.HOLD, Side.RIGHT, 1, 10),
        (PhaseKind.REST, Side.RIGHT, 1, 5),
        (PhaseKind.HOLD, Side.RIGHT, 2, 10),
        (PhaseKind.HOLD, Side.BOTH, 1, 20),
    ]
    assert phases[0].title == "Stretch" and phases[0].caution == "Gently."
    assert phases[1].caution is None and phases[1].exercise_id == "stretch"
    assert [p.step_index for p in phases] == [0, 0, 0, 0, 0, 0, 1]
    assert sum(p.seconds for p in phases) == total_seconds(SHORT) == 70


def test_unknown_exercise_is_a_clear_error() -> None:
    routine = make_routine(RoutineStep(exercise="missing", seconds=5))
    with pytest.raises(ValueError, match="unknown exercise 'missing'"):
        build_phases(routine, EXERCISES)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(20, "under a minute"), (60, "about 1 minute"), (200, "about 3 minutes"), (298, "about 5 minutes")],
)
def test_about_minutes(seconds: int, text: str) -> None:
    assert about_minutes(seconds) == text


# --- timing ---------------------------------------------------------------------------------------


def test_half_hour_routine_ends_exactly_on_time() -> None:
    clock = FakeClock()
    timer = timer_for(HALF_HOUR, clock)
    assert timer.total_seconds == 1800
    timer.start()
    ticks = 0
    while timer.state is TimerState.RUNNING:
        clock.advance(0.25)
        ticks += 1
        timer.update()
    assert ticks == 1800 * 4, "finished a tick early or late"
    view = timer.view()
    assert view.session_seconds == 1800
    assert view.total_progress == 1.0
    assert view.seconds_left == 0.0


def test_one_instant_before_the_end_it_is_still_running() -> None:
    clock = FakeClock()
    timer = timer_for(HALF_HOUR, clock)
    timer.start()
    clock.advance(1800 - 0.001)
    view = timer.view()
    assert view.state is TimerState.RUNNING
    assert view.index == view.count - 1
    assert view.seconds_left == pytest.approx(0.001)
    clock.advance(0.001)
    assert timer.update() is True
    assert timer.state is TimerState.FINISHED


@settings(max_examples=60)
@given(st.lists(st.floats(min_value=0.01, max_value=7.0), min_size=1, max_size=400))
def test_irregular_ticks_never_drift(gaps: list[float]) -> None:
    """However late or uneven the ticks, the view equals the ideal schedule at that instant."""
    clock = FakeClock()
    timer = timer_for(SHORT, clock)
    ends = list(accumulate(p.seconds for p in timer.phases))
    timer.start()
    for gap in gaps:
        clock.advance(gap)
        timer.update()
        since = clock.now - 1000.0
        view = timer.view()
        if since >= ends[-1]:
            assert view.state is TimerState.FINISHED
            assert view.session_seconds == pytest.approx(ends[-1])
            break
        index = bisect_right(ends, since)
        assert view.index == index
        assert view.seconds_left == pytest.approx(ends[index] - since, abs=1e-9)
        assert view.session_seconds == pytest.approx(since, abs=1e-9)


def test_pause_is_excluded() -> None:
    clock = FakeClock()
    timer = timer_for(HALF_HOUR, clock)
    timer.start()
    clock.advance(100)
    assert timer.update() is True
    timer.pause()
    before = timer.view()
    clock.advance(500)
    during = timer.view()
    assert during.state is TimerState.PAUSED
    assert during.seconds_left == before.seconds_left
    assert during.total_progress == before.total_progress == pytest.approx(100 / 1800)
    assert timer.update() is False
    timer.resume()
    clock.advance(1700 - 0.5)
    assert timer.view().state is TimerState.RUNNING
    clock.advance(0.5)
    timer.update()
    view = timer.view()
    assert view.state is TimerState.FINISHED
    assert view.session_seconds == 2300, "the session counts the pause; the routine does not"


def test_toggle_pause_switches_and_ignores_idle() -> None:
    clock = FakeClock()
    timer = timer_for(SHORT, clock)
    timer.toggle_pause()
    assert timer.state is TimerState.IDLE
    timer.start()
    timer.toggle_pause()
    assert timer.state is TimerState.PAUSED
    timer.toggle_pause()
    assert timer.state is TimerState.RUNNING


def test_long_sleep_skips_several_phases_and_reports_once() -> None:
    clock = FakeClock()
    timer = timer_for(SHORT, clock)
    timer.start()
    assert timer.update() is False
    clock.advance(47)  # L10 r5 L10 R10 r5 end at 40; the second right hold runs 40–50
    assert timer.update() is True
    view = timer.view()
    assert view.index == 5
    assert view.phase.side is Side.RIGHT and view.phase.repetition == 2
    assert view.seconds_left == pytest.approx(3)
    assert timer.update() is False
    clock.advance(3600)
    assert timer.update() is True
    assert timer.view().state is TimerState.FINISHED
    assert timer.view().session_seconds == 70, "the session ends at the finish"


def test_late_pause_lands_in_the_right_phase_and_still_rings() -> None:
    clock = FakeClock()
    timer = timer_for(SHORT, clock)
    timer.start()
    clock.advance(12)
    timer.pause()
    view = timer.view()
    assert (view.state, view.index, view.seconds_left) == (TimerState.PAUSED, 1, pytest.approx(3))
    assert timer.update() is True


# --- navigation -----------------------------------------------------------------------------------
# SHORT in parts: 0 = left stretch (phases 0–2), 1 = right stretch (3–5), 2 = walk (6).


def test_phases_are_grouped_into_parts_one_exercise_on_one_side() -> None:
    assert [p.part for p in build_phases(SHORT, EXERCISES)] == [0, 0, 0, 1, 1, 1, 2]


def test_next_and_previous_move_by_exercise_not_by_round() -> None:
    clock = FakeClock()
    timer = timer_for(SHORT, clock)
    timer.start()
    clock.advance(12)  # in the rest after the first left hold
    assert timer.view().next_exercise is timer.phases[3]
    timer.next()
    view = timer.view()
    assert (view.index, view.phase.side, view.phase.repetition, view.seconds_left) == (3, Side.RIGHT, 1, 10)
    timer.next()
    assert timer.view().phase.exercise_id == "walk"
    timer.previous()
    assert timer.view().index == 3
    clock.advance(17)  # into the second right hold
    timer.previous()
    assert timer.view().index == 0
    clock.advance(3)
    timer.previous()
    view = timer.view()
    assert (view.state, view.index, view.seconds_left) == (TimerState.RUNNING, 0, 10)


def test_next_at_last_part_finishes() -> None:
    clock = FakeClock()
    timer = timer_for(SHORT, clock)
    timer.start()
    timer.next()
    timer.next()
    assert timer.view().index == len(timer.phases) - 1
    assert timer.view().next_phase is None
    clock.advance(2)
    timer.next()
    view = timer.view()
    assert view.state is TimerState.FINISHED
    assert view.total_progress == 1.0
    assert view.session_seconds == 2
    timer.next()
    timer.previous()
    assert timer.state is TimerState.FINISHED
    assert timer.eased() is False


def test_skip_and_back_keep_pause_and_give_full_phases() -> None:
    clock = FakeClock()
    timer = timer_for(SHORT, clock)
    timer.start()
    clock.advance(4)
    timer.pause()
    timer.next()
    timer.next()
    timer.previous()
    view = timer.view()
    assert (view.state, view.index, view.seconds_left) == (TimerState.PAUSED, 3, 10)
    assert view.next_phase is timer.phases[4]
    clock.advance(100)
    assert timer.view().seconds_left == 10


def test_navigation_does_nothing_when_idle() -> None:
    timer = timer_for(SHORT, FakeClock())
    timer.next()
    timer.previous()
    timer.pause()
    timer.resume()
    assert timer.eased() is False
    view = timer.view()
    assert (view.state, view.index, view.total_progress) == (TimerState.IDLE, 0, 0.0)
    assert view.session_seconds == 0.0
    assert view.seconds_left == 10


def test_stop_returns_to_idle_and_start_begins_afresh() -> None:
    clock = FakeClock()
    timer = timer_for(SHORT, clock)
    timer.start()
    clock.advance(30)
    timer.stop()
    view = timer.view()
    assert (view.state, view.index, view.session_seconds, view.seconds_left) == (TimerState.IDLE, 0, 0.0, 10)
    assert timer.update() is False
    assert timer.done_exercises() == ()
    timer.start()
    clock.advance(1)
    assert timer.view().session_seconds == 1
    assert timer.view().index == 0


def test_restart_runs_again_from_the_top_in_the_same_session() -> None:
    clock = FakeClock()
    timer = timer_for(SHORT, clock)
    timer.start()
    clock.advance(80)
    assert timer.update() is True and timer.state is TimerState.FINISHED
    assert timer.view().session_seconds == 70
    timer.start()  # start() only leaves idle
    assert timer.state is TimerState.FINISHED
    timer.restart()
    view = timer.view()
    assert (view.state, view.index, view.seconds_left) == (TimerState.RUNNING, 0, 10)
    assert view.total_progress == 0.0
    assert view.session_seconds == 80
    assert timer.done_exercises() == ("stretch", "walk")
    clock.advance(5)
    timer.pause()
    timer.restart()
    assert timer.state is TimerState.RUNNING
    clock.advance(1)
    assert timer.view().session_seconds == 86


def test_restart_from_idle_starts() -> None:
    timer = timer_for(SHORT, FakeClock())
    timer.restart()
    assert timer.state is TimerState.RUNNING


# --- it eased -------------------------------------------------------------------------------------

UNTIL_EASES = make_routine(
    RoutineStep(exercise="stretch", seconds=30, repetitions=3, rest_seconds=5, until_eases=True),
    RoutineStep(exercise="walk", seconds=60),
)


def test_it_eased_ends_the_holding_rounds_and_moves_on() -> None:
    clock = FakeClock()
    timer = timer_for(UNTIL_EASES, clock)
    timer.start()
    assert timer.view().can_ease is True
    clock.advance(32)  # the rest between rounds still belongs to the holding step
    assert timer.view().phase.kind is PhaseKind.REST
    assert timer.view().can_ease is True
    assert timer.eased() is True
    view = timer.view()
    assert (view.phase.exercise_id, view.seconds_left, view.can_ease) == ("walk", 60, False)
    assert timer.eased() is False, "only a step held until it eases can end that way"
    assert timer.view().phase.exercise_id == "walk"


def test_it_eased_while_paused_moves_on_still_paused() -> None:
    clock = FakeClock()
    timer = timer_for(UNTIL_EASES, clock)
    timer.start()
    timer.pause()
    assert timer.eased() is True
    view = timer.view()
    assert (view.state, view.phase.exercise_id) == (TimerState.PAUSED, "walk")


# --- get ready ------------------------------------------------------------------------------------


def test_a_bedtime_routine_starts_with_a_get_ready_pause_first_aid_does_not() -> None:
    bedtime = replace(SHORT, bedtime=True)
    assert ready_seconds_for(bedtime) == READY_SECONDS > 0
    assert ready_seconds_for(SHORT) == 0
    clock = FakeClock()
    timer = RoutineTimer(bedtime, EXERCISES, clock, ready_seconds=ready_seconds_for(bedtime))
    first, second = timer.phases[:2]
    assert (first.kind, first.part, first.seconds, first.title) == (
        PhaseKind.READY,
        0,
        READY_SECONDS,
        "Stretch",
    )
    assert (second.kind, second.part, second.side) == (PhaseKind.HOLD, 1, Side.LEFT)
    assert timer.total_seconds == total_seconds(bedtime) + READY_SECONDS
    timer.start()
    view = timer.view()
    assert heading(view) == "Get ready. Step 1 of 2: left leg"
    assert view.can_ease is False
    clock.advance(READY_SECONDS)
    assert timer.update() is True
    assert heading(timer.view()) == "Step 1 of 2: left leg, round 1 of 2"
    timer.restart()
    assert timer.view().phase.kind is PhaseKind.READY
    timer.next()
    assert timer.view().phase == second
    assert timer.done_exercises() == (), "getting ready is not an exercise"


def test_the_get_ready_pause_can_be_set_or_left_out() -> None:
    timer = RoutineTimer(replace(SHORT, bedtime=True), EXERCISES, FakeClock())
    assert timer.phases == build_phases(SHORT, EXERCISES), "no pause unless asked for"
    timer = RoutineTimer(SHORT, EXERCISES, FakeClock(), ready_seconds=3)
    assert timer.phases[0].kind is PhaseKind.READY and timer.total_seconds == 73


# --- the leg and the words ------------------------------------------------------------------------

CRAMPED = make_routine(
    RoutineStep(exercise="stretch", seconds=30, repetitions=3, side=Side.CRAMPED, until_eases=True),
    RoutineStep(exercise="walk", seconds=60, side=Side.CRAMPED),
)


def test_a_cramped_leg_step_says_the_cramped_leg_until_the_user_says_which() -> None:
    clock = FakeClock()
    timer = timer_for(CRAMPED, clock)
    assert timer.asks_leg is True
    assert timer_for(SHORT, clock).asks_leg is False
    timer.start()
    assert heading(timer.view()) == "Step 1 of 2: the cramped leg, round 1 of 3"
    timer.choose_leg(Leg.RIGHT)
    assert heading(timer.view()) == "Step 1 of 2: right leg, round 1 of 3"
    timer.pause()
    assert heading(timer.view()) == "Step 1 of 2: right leg, round 1 of 3  (paused)"
    timer.next()
    timer.choose_leg(Leg.BOTH)
    assert heading(timer.view()) == "Step 2 of 2: both legs  (paused)"
    timer.resume()
    timer.next()
    assert heading(timer.view()) == "Done. Well done."


@pytest.mark.parametrize(
    ("side", "leg", "words"),
    [
        (Side.LEFT, None, "left leg"),
        (Side.BOTH, None, "both legs"),
        (Side.EACH, None, "each leg"),
        (Side.CRAMPED, None, "the cramped leg"),
        (Side.CRAMPED, Leg.LEFT, "left leg"),
        (Side.CRAMPED, Leg.BOTH, "both legs"),
        (Side.RIGHT, Leg.LEFT, "right leg"),
    ],
)
def test_side_words(side: Side, leg: Leg | None, words: str) -> None:
    assert side_words(side, leg) == words


# --- what was done, for the diary -----------------------------------------------------------------

FIRST_AID_EXERCISES = (
    Exercise(id="stretch", title="Stretch", instruction="i", treatments=("pull-toes",), sources=("s",)),
    Exercise(id="walk", title="Walk", instruction="i", sources=("s",)),
)
STARTED = datetime(2026, 11, 25, 2, 30).astimezone()


def test_a_step_counts_as_done_after_a_few_seconds_of_holding_not_when_skipped() -> None:
    clock = FakeClock()
    timer = timer_for(SHORT, clock)
    timer.start()
    clock.advance(DONE_MIN_SECONDS - 1)
    timer.next()
    assert timer.done_exercises() == ()
    timer.pause()
    clock.advance(100)  # paused time is not holding
    timer.resume()
    timer.previous()
    clock.advance(1)  # with the earlier seconds, the left stretch reaches the minimum
    assert timer.done_exercises() == ("stretch",)
    timer.next()
    timer.next()
    clock.advance(DONE_MIN_SECONDS)
    assert timer.done_exercises() == ("stretch", "walk")


def test_rests_and_getting_ready_do_not_count_as_holding() -> None:
    clock = FakeClock()
    routine = make_routine(RoutineStep(exercise="stretch", seconds=2, repetitions=3, rest_seconds=30))
    timer = RoutineTimer(routine, EXERCISES, clock, ready_seconds=READY_SECONDS)
    timer.start()
    clock.advance(READY_SECONDS + 2 + 30 + 2 + 30 + 0.5)  # ready, hold, rest, hold, rest, 0.5 s of the third
    assert timer.done_exercises() == ()
    clock.advance(0.5)
    assert timer.done_exercises() == ("stretch",)


def test_it_eased_counts_the_step_as_done_at_once() -> None:
    clock = FakeClock()
    timer = RoutineTimer(CRAMPED, FIRST_AID_EXERCISES, clock)
    timer.start()
    clock.advance(1)
    assert timer.eased() is True
    assert timer.done_exercises() == ("stretch",)


def test_cramp_log_fills_in_time_leg_minutes_and_what_helped() -> None:
    clock = FakeClock()
    timer = RoutineTimer(CRAMPED, FIRST_AID_EXERCISES, clock)
    timer.start()
    log = timer.cramp_log(STARTED)
    assert log == CrampLog(when=STARTED, leg=None, minutes=0, helped=())
    timer.choose_leg(Leg.LEFT)
    clock.advance(40)
    timer.pause()
    clock.advance(60)  # the cramp goes on while paused: the minutes count it
    timer.resume()
    timer.eased()
    clock.advance(60)
    assert timer.update() is True and timer.state is TimerState.FINISHED
    clock.advance(600)  # the finish screen stays up a while: that is not cramp time
    log = timer.cramp_log(STARTED)
    assert log == CrampLog(when=STARTED, leg=Leg.LEFT, minutes=3, helped=("pull-toes",))


@pytest.mark.parametrize(("seconds", "minutes"), [(0, 0), (59.9, 0), (60, 1), (89, 1), (90, 2), (630, 11)])
def test_diary_minutes(seconds: float, minutes: int) -> None:
    assert diary_minutes(seconds) == minutes


def test_over_limit_counts_clock_time_since_start_including_pauses_and_restarts() -> None:
    """A cramp goes on while the timer is paused, so the 10-minute limit counts paused time too."""
    clock = FakeClock()
    rounds = RoutineStep(exercise="stretch", seconds=30, repetitions=3, until_eases=True)
    routine = make_routine(rounds, limit=120)
    timer = timer_for(routine, clock)
    timer.start()
    clock.advance(60)
    timer.pause()
    clock.advance(40)
    assert timer.view().over_limit is False
    timer.restart()
    clock.advance(19)
    assert timer.view().over_limit is False
    clock.advance(1)
    view = timer.view()
    assert view.over_limit is True
    assert view.session_seconds == 120
    assert view.phase.until_eases is True
    timer.stop()
    assert timer.view().over_limit is False
    assert timer.view().session_seconds == 0


def test_no_limit_never_over() -> None:
    clock = FakeClock()
    timer = timer_for(SHORT, clock)
    timer.start()
    clock.advance(10_000)
    assert timer.view().over_limit is False


# --- properties -----------------------------------------------------------------------------------

TIME_ONLY = ("pause", "resume", "toggle_pause", "update", "view", "done_exercises")
ACTIONS = ("start", "next", "previous", "eased", "restart", "stop", *TIME_ONLY)
STEP = st.one_of(
    st.tuples(st.just("advance"), st.floats(min_value=0.0, max_value=40.0)),
    st.tuples(st.sampled_from(ACTIONS), st.just(0.0)),
)


def check_invariants(timer: RoutineTimer, view: TimerView) -> None:
    assert 0 <= view.index < view.count == len(timer.phases)
    assert view.phase is timer.phases[view.index]
    assert 0.0 <= view.seconds_left <= view.phase.seconds
    assert 0.0 <= view.step_progress <= 1.0
    assert 0.0 <= view.total_progress <= 1.0
    assert view.session_seconds >= 0.0
    if view.state is TimerState.IDLE:
        assert (view.index, view.total_progress, view.session_seconds) == (0, 0.0, 0.0)
        assert view.seconds_left == view.phase.seconds
    if view.state is TimerState.FINISHED:
        assert (view.seconds_left, view.total_progress, view.next_phase) == (0.0, 1.0, None)
        assert view.next_exercise is None
    else:
        expected_next = timer.phases[view.index + 1] if view.index + 1 < view.count else None
        assert view.next_phase is expected_next
        later = [p for p in timer.phases[view.index :] if p.part == view.phase.part + 1]
        assert view.next_exercise is (later[0] if later else None)


@settings(max_examples=300)
@given(st.lists(STEP, max_size=60), st.sampled_from([SHORT, UNTIL_EASES, replace(CRAMPED, bedtime=True)]))
def test_random_actions_keep_the_timer_sane(steps: list[tuple[str, float]], routine: Routine) -> None:
    clock = FakeClock()
    timer = RoutineTimer(routine, EXERCISES, clock, ready_seconds=ready_seconds_for(routine))
    wall_since_start = 0.0
    before = timer.view()
    for action, seconds in steps:
        if action == "advance":
            clock.advance(seconds)
            wall_since_start += seconds
        else:
            if action in ("start", "restart") and timer.state is TimerState.IDLE:
                wall_since_start = 0.0
            getattr(timer, action)()
        after = timer.view()
        check_invariants(timer, after)
        assert after.session_seconds <= wall_since_start + 1e-9
        assert set(timer.done_exercises()) <= {step.exercise for step in routine.steps}
        if action == "advance" or action in TIME_ONLY:
            assert after.total_progress >= before.total_progress - 1e-9
            assert after.session_seconds >= before.session_seconds - 1e-9
            if before.state is TimerState.PAUSED and action == "advance":
                assert replace(after, session_seconds=0) == replace(before, session_seconds=0)
                assert after.session_seconds >= before.session_seconds
        if action == "eased" and not before.can_ease:
            assert after == before
        if action in ("next", "eased"):
            assert after.total_progress >= before.total_progress - 1e-9
            moves = action == "next" or before.can_ease
            if (
                moves
                and before.state in (TimerState.RUNNING, TimerState.PAUSED)
                and after.state is before.state
            ):
                assert after.phase.part == before.phase.part + 1
                assert after.phase is timer.phases[after.index]
        before = after


# --- bundled routines -----------------------------------------------------------------------------


def test_bundled_routines_reference_known_exercises_and_sources() -> None:
    pack = bundled_routines()
    with (bundled_content_dir() / "sources.toml").open("rb") as file:
        known_sources = {source["id"] for source in tomllib.load(file)["source"]}
    for routine in pack.routine:
        assert len(build_phases(routine, pack.exercise)) > 0
    for item in (*pack.exercise, *pack.routine):
        assert set(item.sources) <= known_sources, item.id
    assert {r.id for r in pack.routine} >= {"cramp-now", "bedtime", "bedtime-seated", "daytime"}


@pytest.mark.parametrize("routine_id", ["bedtime", "bedtime-seated"])
def test_bedtime_routines_take_three_to_four_minutes(routine_id: str) -> None:
    routine = next(r for r in bundled_routines().routine if r.id == routine_id)
    assert routine.bedtime is True
    assert 180 <= total_seconds(routine) <= 240
    for step in routine.steps:
        assert (step.side, step.seconds, step.repetitions, step.rest_seconds) == (Side.EACH, 10, 3, 10)
    assert "may help, low risk" in routine.summary.lower()
    assert "pregnancy" in routine.summary


def test_cramp_now_holds_until_it_eases_and_stops_at_ten_minutes() -> None:
    pack = bundled_routines()
    routine = next(r for r in pack.routine if r.id == "cramp-now")
    assert routine.steps[0].until_eases is True
    assert routine.stop_after_seconds == 600
    assert routine.stop_message is not None and "Triage" in routine.stop_message
    clock = FakeClock()
    timer = RoutineTimer(routine, pack.exercise, clock)
    timer.start()
    assert timer.view().phase.until_eases is True
    clock.advance(total_seconds(routine))
    timer.update()
    assert timer.state is TimerState.FINISHED
    timer.restart()
    clock.advance(600 - total_seconds(routine))
    assert timer.view().over_limit is True


def test_daytime_takes_about_five_minutes() -> None:
    routine = next(r for r in bundled_routines().routine if r.id == "daytime")
    assert 280 <= total_seconds(routine) <= 320
    assert about_minutes(total_seconds(routine)) == "about 5 minutes"
    holds = [p for p in build_phases(routine, bundled_routines().exercise) if p.kind is PhaseKind.HOLD]
    assert all(2 <= p.seconds <= 3 for p in holds)


def test_engine_does_not_import_textual() -> None:
    code = "import sys, crampguide.routine; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_cramp_now_asks_the_leg_and_one_next_reaches_the_massage() -> None:
    pack = bundled_routines()
    routine = next(r for r in pack.routine if r.id == "cramp-now")
    assert all(step.side is Side.CRAMPED for step in routine.steps)
    timer = RoutineTimer(routine, pack.exercise, FakeClock(), ready_seconds=ready_seconds_for(routine))
    assert timer.asks_leg and timer.phases[0].kind is PhaseKind.HOLD, "first aid starts without waiting"
    timer.start()
    assert heading(timer.view()) == "Step 1 of 3: the cramped leg, round 1 of 3"
    timer.next()
    assert heading(timer.view()) == "Step 2 of 3: the cramped leg"
    assert timer.view().phase.title == "Rub the calf firmly"


@pytest.mark.parametrize("routine_id", ["bedtime", "bedtime-seated"])
def test_bedtime_routines_begin_with_get_ready(routine_id: str) -> None:
    pack = bundled_routines()
    routine = next(r for r in pack.routine if r.id == routine_id)
    timer = RoutineTimer(routine, pack.exercise, FakeClock(), ready_seconds=ready_seconds_for(routine))
    assert timer.phases[0].kind is PhaseKind.READY
    assert [p.kind for p in timer.phases[1:]].count(PhaseKind.READY) == 0
