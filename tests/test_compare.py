"""Personal comparisons: night boundaries, "neither" nights, the 7-night threshold and honest words."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from crampguide.checklist import night_of
from crampguide.compare import (
    CAUTION,
    MIN_NIGHTS,
    Comparison,
    Tally,
    compare,
    compare_records,
    counted_nights,
    first_record,
    sentence,
)
from crampguide.diary import DiaryEntry, nights_with_cramps
from crampguide.guide.models import Checklist, ChecklistItem

TZ = timezone(timedelta(hours=1))
BEDTIME = Checklist(
    id="at-bedtime",
    title="At bedtime",
    items=(
        ChecklistItem(id="stretch", text="Stretch before bed", rule="stretch"),
        ChecklistItem(id="covers", text="Loosen the covers", rule="covers"),
    ),
)
START = date(2024, 3, 1)
TONIGHT = date(2024, 3, 29)
END = TONIGHT


def day(offset: int) -> date:
    return START + timedelta(days=offset)


def entry(when: datetime) -> DiaryEntry:
    return DiaryEntry(id=f"e-{when.isoformat()}", when=when)


def stretch(comparisons: list[Comparison]) -> Comparison:
    return next(c for c in comparisons if c.item_id == "stretch")


def run(
    ticks: dict[date, frozenset[str]],
    cramps: set[date],
    first: date | None = START,
    start: date = START,
    end: date = END,
    tonight: date = TONIGHT,
) -> list[Comparison]:
    return compare(
        [BEDTIME], {"at-bedtime": ticks}, cramps, start=start, end=end, tonight=tonight, first=first
    )


class TestNights:
    def test_cramps_before_and_after_midnight_are_one_night(self) -> None:
        entries = [
            entry(datetime(2024, 3, 1, 23, 30, tzinfo=TZ)),
            entry(datetime(2024, 3, 2, 1, 30, tzinfo=TZ)),
            entry(datetime(2024, 3, 2, 4, 0, tzinfo=TZ)),  # 04:00 starts the next night
        ]
        cramps = set(nights_with_cramps(entries))
        assert cramps == {date(2024, 3, 1), date(2024, 3, 2)}
        # a tick made at 00:30 belongs to the night before, as the Prevention tab saves it
        ticks = {night_of(datetime(2024, 3, 2, 0, 30, tzinfo=TZ)): frozenset({"stretch"})}
        result = stretch(run(ticks, cramps, first=date(2024, 3, 1), end=date(2024, 3, 2), tonight=TONIGHT))
        assert result.tally == Tally(1, 1, 1, 1)

    def test_the_day_start_hour_moves_the_boundary(self) -> None:
        entries = [entry(datetime(2024, 3, 2, 5, 0, tzinfo=TZ))]
        assert set(nights_with_cramps(entries, day_start_hour=6)) == {date(2024, 3, 1)}
        assert set(nights_with_cramps(entries)) == {date(2024, 3, 2)}

    def test_nights_before_the_first_record_are_neither(self) -> None:
        first = day(10)
        result = stretch(run({day(12): frozenset({"stretch"})}, {day(10)}, first=first))
        assert result.neither == 10 + 1  # ten before the first record, and tonight
        assert result.tally.nights_with == 1
        assert result.tally.nights_without == (TONIGHT - first).days - 1
        assert result.nights == (END - START).days + 1

    def test_tonight_is_not_over_so_it_is_neither(self) -> None:
        result = stretch(run({TONIGHT: frozenset({"stretch"})}, {TONIGHT}, first=TONIGHT))
        assert result.tally == Tally(0, 0, 0, 0)
        assert result.neither == result.nights

    def test_without_any_record_every_night_is_neither(self) -> None:
        (result, _covers) = run({}, set(), first=None)
        assert result.tally == Tally(0, 0, 0, 0)
        assert result.neither == 29

    def test_first_record_is_the_earliest_entry_or_tick(self) -> None:
        assert first_record([], {}) is None
        assert first_record([day(5)], {"x": {day(3): frozenset({"a"})}}) == day(3)
        assert first_record([day(5)], {"x": {day(3): frozenset()}}) == day(5)  # an empty night is no record

    def test_counted_nights_clip_to_the_period(self) -> None:
        assert counted_nights(day(0), day(4), tonight=day(3), first=day(1)) == [day(1), day(2)]
        assert counted_nights(day(0), day(4), tonight=day(9), first=day(7)) == []

    def test_every_item_of_every_checklist_in_order(self) -> None:
        assert [c.item_id for c in run({}, set())] == ["stretch", "covers"]
        assert run({}, set())[1].item_text == "Loosen the covers"


class TestThreshold:
    def test_six_nights_on_a_side_is_too_few(self) -> None:
        ticks = {day(n): frozenset({"stretch"}) for n in range(6)}
        result = stretch(run(ticks, set()))
        assert not result.tally.enough
        assert result.tally.more_needed == 1
        assert result.in_words() == (
            "Too few nights to compare yet (1 more needed): so far 6 nights with it, 22 without."
        )

    def test_seven_on_each_side_is_enough(self) -> None:
        ticks = {day(n): frozenset({"stretch"}) for n in range(7)}
        result = stretch(run(ticks, {day(0), day(1), day(9)}, end=day(13), tonight=day(14)))
        assert result.tally == Tally(7, 2, 7, 1)
        assert result.tally.enough
        assert result.in_words() == "Cramps on 2 of 7 nights with it, 1 of 7 without."

    def test_both_sides_short_add_up(self) -> None:
        tally = Tally(3, 0, 5, 0)
        assert tally.more_needed == 4 + 2
        assert tally.in_words().startswith("too few nights to compare yet (6 more needed)")
        assert Tally(1, 0, 7, 0).in_words().endswith("so far 1 night with it, 7 without")

    def test_the_issue_example(self) -> None:
        assert Tally(14, 2, 14, 7).in_words() == "cramps on 2 of 14 nights with it, 7 of 14 without"
        assert MIN_NIGHTS == 7

    def test_no_cause_and_no_statistics_in_the_words(self) -> None:
        text = " ".join(
            [CAUTION, Tally(14, 2, 14, 7).in_words(), Tally(2, 0, 2, 2).in_words(), sentence("x")]
        ).lower()
        for word in ("because", "helps", "works", "caused", "p-value", "p =", "significant", "%"):
            assert word not in text
        assert "chance" in CAUTION and "not proof" in CAUTION


@st.composite
def histories(draw: st.DrawFn) -> tuple[dict[date, frozenset[str]], set[date], date, date, date]:
    base = date(2024, 1, 1)
    offsets = st.integers(min_value=0, max_value=120)
    ticked = draw(st.sets(offsets, max_size=60))
    items = st.frozensets(st.sampled_from(["stretch", "covers", "gone"]), min_size=1)
    ticks = {base + timedelta(days=n): draw(items) for n in ticked}
    cramps = {base + timedelta(days=n) for n in draw(st.sets(offsets, max_size=60))}
    start = base + timedelta(days=draw(offsets))
    end = start + timedelta(days=draw(st.integers(min_value=0, max_value=90)))
    tonight = end if draw(st.booleans()) else end + timedelta(days=draw(st.integers(0, 30)))
    return ticks, cramps, start, end, tonight


@given(histories())
def test_counts_always_add_up_to_the_periods_nights(
    history: tuple[dict[date, frozenset[str]], set[date], date, date, date],
) -> None:
    ticks, cramps, start, end, tonight = history
    first = first_record(cramps, {"at-bedtime": ticks})
    for result in compare(
        [BEDTIME], {"at-bedtime": ticks}, cramps, start=start, end=end, tonight=tonight, first=first
    ):
        t = result.tally
        assert t.nights_with + t.nights_without + result.neither == (end - start).days + 1
        assert 0 <= t.cramp_nights_with <= t.nights_with
        assert 0 <= t.cramp_nights_without <= t.nights_without
        assert t.enough == (t.more_needed == 0)


def test_compare_records_reads_the_diary_and_ticks_as_saved() -> None:
    entries = [entry(datetime(2024, 3, 2, 1, 30, tzinfo=TZ)), entry(datetime(2024, 2, 1, 23, 0, tzinfo=TZ))]
    ticks = {"at-bedtime": {day(n): frozenset({"stretch"}) for n in range(7)}}
    (result, covers) = compare_records([BEDTIME], ticks, entries, start=START, tonight=day(14))
    # the February entry is the first record: every night of the period counts but tonight
    assert result.tally == Tally(7, 1, 7, 0) and result.neither == 1
    assert covers.tally == Tally(0, 0, 14, 1)
    # with a 01:00 day start, 01:30 on 2 Mar begins the night of 2 Mar instead of ending that of 1 Mar
    only_first = {"at-bedtime": {day(0): frozenset({"stretch"})}}
    default = compare_records([BEDTIME], only_first, entries, start=START, tonight=day(14))[0]
    early = compare_records([BEDTIME], only_first, entries, start=START, tonight=day(14), day_start_hour=1)[0]
    assert (default.tally.cramp_nights_with, default.tally.cramp_nights_without) == (1, 0)
    assert (early.tally.cramp_nights_with, early.tally.cramp_nights_without) == (0, 1)
