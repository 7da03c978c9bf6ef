"""A try: its plan (random order, alternating weeks), tonight's phase, the result and clock changes."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampguide.checklist import night_of
from crampguide.compare import CAUTION, Tally
from crampguide.diary import DiaryEntry, nights_with_cramps
from crampguide.trial import (
    DEFAULT_WEEKS,
    Phase,
    Trial,
    TrialState,
    check_weeks,
    plan,
    plan_lines,
    plan_summary,
    tonight_line,
)

START = date(2024, 3, 4)  # a Monday


class FixedChoice(random.Random):
    """An RNG whose choice is known: the first or the last option."""

    def __init__(self, last: bool) -> None:
        super().__init__(0)
        self.last = last

    def choice(self, seq):  # type: ignore[no-untyped-def, override]
        return seq[-1] if self.last else seq[0]


def night(offset: int) -> date:
    return START + timedelta(days=offset)


def a_try(first: Phase = Phase.DO, weeks: int = 4, stopped: date | None = None) -> Trial:
    return Trial("at-bedtime", "stretch", START, weeks, first, stopped)


class TestPlan:
    def test_four_weeks_by_default_alternating_from_the_drawn_first(self) -> None:
        do_first = plan("at-bedtime", "stretch", START, FixedChoice(last=False))
        skip_first = plan("at-bedtime", "stretch", START, FixedChoice(last=True))
        assert do_first.weeks == DEFAULT_WEEKS == 4
        assert [w.phase for w in do_first.plan()] == [Phase.DO, Phase.SKIP, Phase.DO, Phase.SKIP]
        assert [w.phase for w in skip_first.plan()] == [Phase.SKIP, Phase.DO, Phase.SKIP, Phase.DO]
        assert [(w.number, w.start, w.end) for w in do_first.plan()][1] == (2, night(7), night(13))
        assert do_first.end == night(27) and do_first.nights == 28

    def test_the_order_comes_from_the_injected_rng(self) -> None:
        firsts = {plan("c", "i", START, random.Random(seed)).first for seed in range(20)}
        assert firsts == {Phase.DO, Phase.SKIP}
        assert plan("c", "i", START, random.Random(7)) == plan("c", "i", START, random.Random(7))

    @pytest.mark.parametrize("weeks", [2, 6, 12])
    def test_even_weeks_from_two(self, weeks: int) -> None:
        assert plan("c", "i", START, random.Random(1), weeks).nights == 7 * weeks

    @pytest.mark.parametrize("weeks", [0, 1, 3, 14, True, "4"])
    def test_other_lengths_are_refused(self, weeks: object) -> None:
        with pytest.raises(ValueError, match="even number of weeks from 2 to 12"):
            check_weeks(weeks)  # type: ignore[arg-type]

    def test_a_plan_is_checked(self) -> None:
        with pytest.raises(ValueError, match="checklist id"):
            Trial("", "stretch", START, 4, Phase.DO)
        with pytest.raises(ValueError, match="'do' or 'skip'"):
            Trial("c", "stretch", START, 4, "sometimes")  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="stopped before it starts"):
            Trial("c", "stretch", START, 4, Phase.DO, night(-1))
        with pytest.raises(ValueError, match="must be a date"):
            Trial("c", "stretch", datetime(2024, 3, 4, 22), 4, Phase.DO)
        assert Trial("c", "i", START, 4, "skip").first is Phase.SKIP  # type: ignore[arg-type]

    def test_plan_lines_show_the_order_up_front(self) -> None:
        assert plan_lines(a_try(Phase.SKIP, weeks=2)) == [
            "The order was drawn at random: a skip week first.",
            "Week 1, 4 Mar – 10 Mar: skip",
            "Week 2, 11 Mar – 17 Mar: do",
        ]


class TestTonight:
    def test_phase_by_night(self) -> None:
        t = a_try(Phase.DO)
        assert [t.phase(night(n)) for n in (-1, 0, 6, 7, 13, 14, 27, 28)] == [
            None,
            Phase.DO,
            Phase.DO,
            Phase.SKIP,
            Phase.SKIP,
            Phase.DO,
            Phase.SKIP,
            None,
        ]
        assert t.week_of(night(20)) == 3

    def test_tonight_line(self) -> None:
        t = a_try(Phase.DO)
        assert tonight_line(t, "Stretch before bed", night(1)) == (
            "Tonight is a “do” night (week 1 of 4 of your try): Stretch before bed."
        )
        assert tonight_line(t, "Stretch before bed", night(8)) == (
            "Tonight is a “skip” night (week 2 of 4 of your try): leave out “Stretch before bed”."
        )
        assert "is over" in tonight_line(t, "Stretch", night(28))
        assert "was stopped" in tonight_line(a_try(stopped=night(3)), "Stretch", night(3))
        assert "starts on the night of 4 Mar" in tonight_line(t, "Stretch", night(-1))

    def test_states(self) -> None:
        t = a_try()
        assert t.state(night(0)) is TrialState.RUNNING and t.running(night(27))
        assert t.state(night(28)) is TrialState.FINISHED
        stopped = a_try(stopped=night(10))
        assert stopped.state(night(10)) is TrialState.STOPPED
        assert stopped.phase(night(10)) is None and stopped.phase(night(9)) is Phase.SKIP


class TestResult:
    def test_so_far_counts_only_nights_that_are_over(self) -> None:
        t = a_try(Phase.DO)
        result = t.result(
            done_nights={night(0), night(1)}, cramp_nights={night(0), night(2)}, tonight=night(3)
        )
        assert result.state is TrialState.RUNNING and not result.final
        assert result.tally == Tally(3, 2, 0, 0)
        assert (result.done_on_do, result.done_on_skip) == (2, 0)
        assert result.heading() == "So far: 3 of 28 nights over"
        assert result.lines()[0] == (
            "Too few nights to compare yet (11 more needed): so far 3 nights in the do weeks, "
            "0 in the skip weeks."
        )
        assert CAUTION not in result.lines()

    def test_the_end_compares_do_weeks_with_skip_weeks(self) -> None:
        t = a_try(Phase.SKIP)
        do_nights = {n for n in (night(i) for i in range(28)) if t.phase(n) is Phase.DO}
        cramps = {night(0), night(1), night(2), night(15), night(7), night(22), night(23)}
        result = t.result(
            done_nights=do_nights - {night(7)} | {night(1)}, cramp_nights=cramps, tonight=night(40)
        )
        assert result.final and result.heading() == "Result after all 28 nights"
        assert result.tally == Tally(14, 3, 14, 4)
        assert result.lines() == [
            "Cramps on 3 of 14 nights in the do weeks, 4 of 14 in the skip weeks.",
            "It was ticked on 13 of 14 do nights and 1 of 14 skip nights.",
            CAUTION,
        ]

    def test_a_stopped_try_keeps_its_result_so_far(self) -> None:
        t = a_try(Phase.DO, stopped=night(9))
        result = t.result(done_nights=set(), cramp_nights={night(8), night(9)}, tonight=night(30))
        assert result.state is TrialState.STOPPED
        assert result.tally == Tally(7, 0, 2, 1)  # the night it was stopped on is not part of it
        assert result.heading() == "Stopped after 9 of 28 nights; result so far"

    def test_nothing_over_yet(self) -> None:
        result = a_try().result(set(), set(), tonight=START)
        assert result.nights == 0
        assert len(result.lines()) == 2  # no "ticked on 0 of 0"


LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("start", "moments"),
    [
        # Clocks go forward at 01:00 on Sun 31 Mar 2024: 01:30 never happens, 03:30 is the same night.
        (date(2024, 3, 25), [(2024, 3, 31, 0, 30, 0), (2024, 3, 31, 3, 30, 0), (2024, 3, 31, 4, 30, 0)]),
        # Clocks go back at 02:00 on Sun 27 Oct 2024: 01:30 happens twice, both on the night of the 26th.
        (date(2024, 10, 21), [(2024, 10, 27, 1, 30, 0), (2024, 10, 27, 1, 30, 1), (2024, 10, 27, 4, 30, 0)]),
    ],
)
def test_a_clock_change_inside_a_try(start: date, moments: list[tuple[int, ...]]) -> None:
    t = Trial("at-bedtime", "stretch", start, 2, Phase.DO)
    *same_night, next_morning = [
        datetime(y, mo, d, h, mi, tzinfo=LONDON, fold=fold) for (y, mo, d, h, mi, fold) in moments
    ]
    saturday = start + timedelta(days=5)
    assert {night_of(moment) for moment in same_night} == {saturday}
    assert night_of(next_morning) == saturday + timedelta(days=1)
    # the week around the change still has seven nights, and the next week starts on the Monday
    assert [w.end - w.start for w in t.plan()] == [timedelta(days=6)] * 2
    assert t.phase(night_of(next_morning)) is Phase.DO
    assert t.phase(night_of(next_morning) + timedelta(days=1)) is Phase.SKIP
    entries = [DiaryEntry(id=f"e{i}", when=m) for i, m in enumerate(same_night)]
    result = t.result(
        set(), set(nights_with_cramps(entries)), tonight=night_of(next_morning + timedelta(days=9))
    )
    assert result.tally == Tally(7, 1, 7, 0)
    assert result.final


@given(
    first=st.sampled_from(Phase),
    weeks=st.sampled_from([2, 4, 6, 8]),
    tonight=st.integers(min_value=-5, max_value=70),
    stop=st.none() | st.integers(min_value=0, max_value=60),
    cramps=st.sets(st.integers(min_value=-10, max_value=90)),
)
def test_a_trys_sides_add_up_to_its_nights_over(
    first: Phase, weeks: int, tonight: int, stop: int | None, cramps: set[int]
) -> None:
    t = Trial("c", "i", START, weeks, first, None if stop is None else night(stop))
    result = t.result(set(), {night(n) for n in cramps}, night(tonight))
    assert result.nights == len(t.counted(night(tonight))) <= t.nights
    assert abs(result.tally.nights_with - result.tally.nights_without) <= 7


def test_result_from_records_uses_the_items_own_ticks() -> None:
    t = a_try(Phase.DO, weeks=2)
    ticks = {
        "at-bedtime": {night(0): frozenset({"stretch"}), night(8): frozenset({"covers"})},
        "other": {night(9): frozenset({"stretch"})},  # the same item id in another checklist
    }
    entries = [DiaryEntry(id="a", when=datetime(2024, 3, 5, 1, 0, tzinfo=LONDON))]  # night of 4 Mar
    result = t.result_from_records(ticks, entries, tonight=night(14))
    assert (result.done_on_do, result.done_on_skip) == (1, 0)
    assert result.tally == Tally(7, 1, 7, 0)


def test_plan_summary_fits_one_line() -> None:
    assert (
        plan_summary(a_try(Phase.DO)) == "4 weeks, 4 Mar – 31 Mar: do, skip, do, skip (order drawn at random)"
    )


def test_tonight_line_does_not_double_the_items_full_stop() -> None:
    assert tonight_line(a_try(Phase.DO), "Rest the leg.", night(0)).endswith("your try): Rest the leg.")
    assert tonight_line(a_try(Phase.SKIP), "Rest the leg.", night(0)).endswith("leave out “Rest the leg”.")
