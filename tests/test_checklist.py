"""Checklist logic: the night boundary, streaks, the 14-day grid, adherence and routine links."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from crampguide.checklist import (
    adherence,
    grid,
    is_complete,
    item_text,
    item_texts,
    items_for_routine,
    night_of,
    streak,
)
from crampguide.guide.models import Checklist, ChecklistItem

TZ = timezone(timedelta(hours=2))
TODAY = date(2024, 3, 14)

BEDTIME = Checklist(
    id="bedtime",
    title="At bedtime",
    items=(
        ChecklistItem(id="stretch", text="Stretch", rule="stretch", routine="bedtime"),
        ChecklistItem(id="covers", text="Loosen covers", rule="covers"),
    ),
)
DAY = Checklist(
    id="day",
    title="Every day",
    items=(
        ChecklistItem(id="water", text="Drink", rule="water"),
        ChecklistItem(id="stretch", text="Daytime stretch", rule="stretch", routine="daytime"),
    ),
)
ALL = frozenset({"stretch", "covers"})


def at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=TZ)


class TestNightOf:
    def test_half_past_eleven_and_half_past_one_are_the_same_night(self) -> None:
        assert night_of(at(1, 23, 30)) == night_of(at(2, 1, 30)) == date(2024, 3, 1)

    def test_the_night_ends_at_the_day_start_hour(self) -> None:
        assert night_of(at(2, 3, 59)) == date(2024, 3, 1)
        assert night_of(at(2, 4, 0)) == date(2024, 3, 2)

    def test_hour_is_configurable(self) -> None:
        assert night_of(at(2, 5, 30), day_start_hour=6) == date(2024, 3, 1)
        assert night_of(at(2, 0, 30), day_start_hour=0) == date(2024, 3, 2)

    def test_crosses_months_and_years(self) -> None:
        assert night_of(datetime(2025, 1, 1, 2, 0, tzinfo=TZ)) == date(2024, 12, 31)
        assert night_of(at(1, 1, 0)) == date(2024, 2, 29)

    def test_the_entry_keeps_its_own_wall_clock(self) -> None:
        moment = at(2, 1, 30)
        assert night_of(moment.astimezone(UTC)) == date(2024, 3, 1)
        assert night_of(moment) == date(2024, 3, 1)

    @pytest.mark.parametrize("hour", [-1, 24])
    def test_rejects_impossible_hours(self, hour: int) -> None:
        with pytest.raises(ValueError, match="0 to 23"):
            night_of(at(1, 12), hour)


class TestStreak:
    def days(self, *offsets: int) -> dict[date, frozenset[str]]:
        return {TODAY - timedelta(days=offset): ALL for offset in offsets}

    def test_counts_nights_in_a_row_ending_today(self) -> None:
        assert streak(BEDTIME, self.days(0, 1, 2), TODAY) == 3

    def test_an_unfinished_today_does_not_break_it(self) -> None:
        ticks = self.days(1, 2)
        assert streak(BEDTIME, ticks, TODAY) == 2
        ticks[TODAY] = frozenset({"stretch"})
        assert streak(BEDTIME, ticks, TODAY) == 2

    def test_a_gap_ends_it(self) -> None:
        assert streak(BEDTIME, self.days(0, 1, 3, 4, 5), TODAY) == 2
        assert streak(BEDTIME, self.days(2, 3), TODAY) == 0

    def test_a_partly_ticked_night_is_a_gap(self) -> None:
        ticks = self.days(0, 2)
        ticks[TODAY - timedelta(days=1)] = frozenset({"covers"})
        assert streak(BEDTIME, ticks, TODAY) == 1

    def test_ticks_of_removed_items_do_not_count(self) -> None:
        ticks = {TODAY: frozenset({"stretch", "gone"})}
        assert streak(BEDTIME, ticks, TODAY) == 0
        assert is_complete(BEDTIME, {"stretch", "covers", "gone"})

    def test_empty(self) -> None:
        assert streak(BEDTIME, {}, TODAY) == 0


def test_grid_is_the_last_fourteen_nights_oldest_first() -> None:
    ticks = {
        TODAY: frozenset({"stretch"}),
        TODAY - timedelta(days=1): ALL,
        TODAY - timedelta(days=13): ALL,
        TODAY - timedelta(days=14): ALL,
    }
    cells = grid(BEDTIME, ticks, TODAY)
    assert len(cells) == 14
    assert [cell.night for cell in cells] == [TODAY - timedelta(days=n) for n in range(13, -1, -1)]
    assert (cells[0].done, cells[0].complete) == (2, True)
    assert (cells[-2].done, cells[-2].complete) == (2, True)
    assert (cells[-1].done, cells[-1].total, cells[-1].complete, cells[-1].started) == (1, 2, False, True)
    assert not cells[5].started
    assert len(grid(BEDTIME, ticks, TODAY, days=3)) == 3


def test_adherence_over_a_period() -> None:
    start = TODAY - timedelta(days=9)
    ticks = {
        TODAY: ALL,
        TODAY - timedelta(days=1): ALL,
        TODAY - timedelta(days=2): frozenset({"stretch"}),
        start - timedelta(days=1): ALL,  # before the period
    }
    result = adherence(BEDTIME, ticks, start, TODAY)
    assert (result.checklist_id, result.title) == ("bedtime", "At bedtime")
    assert (result.nights, result.complete_nights, result.ticked_items, result.possible_items) == (
        10,
        2,
        5,
        20,
    )
    assert (result.complete_percent, result.items_percent) == (20, 25)
    empty = adherence(BEDTIME, ticks, TODAY, TODAY - timedelta(days=1))
    assert (empty.nights, empty.complete_percent, empty.items_percent) == (0, 0, 0)


def test_a_finished_routine_ticks_its_linked_items() -> None:
    assert items_for_routine([BEDTIME, DAY], "bedtime") == [("bedtime", "stretch")]
    assert items_for_routine([BEDTIME, DAY], "daytime") == [("day", "stretch")]
    assert items_for_routine([BEDTIME, DAY], "cramp-now") == []


def test_ticked_items_are_named_in_the_checklists_order() -> None:
    ticked = [("day", "stretch"), ("bedtime", "covers"), ("nosuch", "stretch")]
    assert item_texts([BEDTIME, DAY], ticked) == ["Loosen covers", "Daytime stretch"]
    assert item_texts([BEDTIME, DAY], []) == []


def test_an_item_is_named_by_its_words_or_its_id_once_the_content_drops_it() -> None:
    assert item_text([BEDTIME, DAY], "day", "stretch") == "Daytime stretch"
    assert item_text([BEDTIME, DAY], "bedtime", "stretch") == "Stretch"
    assert item_text([BEDTIME, DAY], "day", "gone") == "gone"
    assert item_text([BEDTIME, DAY], "gone", "water") == "water"
