"""Prevention checklist logic: which night a moment belongs to, streaks, the 14-day grid, routine links.

Pure functions over plain values, so the Prevention tab, the store and `crampguide export` agree and the
rules are tested with an injected clock. Content models are imported for typing only, which keeps the
command line from loading Pydantic just to log an entry.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crampguide.guide.models import Checklist

DEFAULT_DAY_START_HOUR = 4
GRID_DAYS = 14

# Ticks of one checklist: night → ids of the items ticked that night.
Ticks = Mapping[date, Collection[str]]


def night_of(moment: datetime, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> date:
    """The night a moment belongs to, named by the date it started on.

    Bedtime crosses midnight, so with the default 04:00 start both 23:30 and 01:30 belong to the same night.
    The moment's own wall clock decides, so an entry keeps its night when read in another time zone.
    """
    if not 0 <= day_start_hour <= 23:
        raise ValueError(f"day start hour must be 0 to 23, not {day_start_hour}")
    return (moment - timedelta(hours=day_start_hour)).date()


def item_ids(checklist: Checklist) -> tuple[str, ...]:
    return tuple(item.id for item in checklist.items)


def done_count(checklist: Checklist, ticked: Collection[str]) -> int:
    """Ticked items that are still in the checklist; ticks of items a content update removed do not count."""
    return sum(1 for item_id in item_ids(checklist) if item_id in ticked)


def is_complete(checklist: Checklist, ticked: Collection[str]) -> bool:
    return done_count(checklist, ticked) == len(checklist.items)


def streak(checklist: Checklist, ticks: Ticks, today: date) -> int:
    """Nights in a row with every item ticked, ending today.

    An unfinished today does not break the streak: the night is not over yet, so counting starts at
    yesterday until today is complete.
    """
    night = today if is_complete(checklist, ticks.get(today, ())) else today - timedelta(days=1)
    count = 0
    while is_complete(checklist, ticks.get(night, ())):
        count += 1
        night -= timedelta(days=1)
    return count


@dataclass(frozen=True)
class GridDay:
    """One cell of the grid: how much of a checklist was done on one night."""

    night: date
    done: int
    total: int

    @property
    def complete(self) -> bool:
        return self.done == self.total

    @property
    def started(self) -> bool:
        return self.done > 0


def grid(checklist: Checklist, ticks: Ticks, today: date, days: int = GRID_DAYS) -> list[GridDay]:
    """The last `days` nights, oldest first, ending today."""
    total = len(checklist.items)
    nights = (today - timedelta(days=offset) for offset in range(days - 1, -1, -1))
    return [GridDay(night, done_count(checklist, ticks.get(night, ())), total) for night in nights]


@dataclass(frozen=True)
class Adherence:
    """How well a checklist was kept over a period, for the doctor summary."""

    checklist_id: str
    title: str
    nights: int
    complete_nights: int
    ticked_items: int
    possible_items: int

    @property
    def complete_percent(self) -> int:
        return round(100 * self.complete_nights / self.nights) if self.nights else 0

    @property
    def items_percent(self) -> int:
        return round(100 * self.ticked_items / self.possible_items) if self.possible_items else 0


def adherence(checklist: Checklist, ticks: Ticks, start: date, end: date) -> Adherence:
    """Adherence from `start` to `end`, both included."""
    nights = max((end - start).days + 1, 0)
    complete = ticked = 0
    for offset in range(nights):
        done = done_count(checklist, ticks.get(start + timedelta(days=offset), ()))
        ticked += done
        complete += done == len(checklist.items)
    return Adherence(checklist.id, checklist.title, nights, complete, ticked, nights * len(checklist.items))


def items_for_routine(checklists: Iterable[Checklist], routine_id: str) -> list[tuple[str, str]]:
    """(checklist id, item id) of every item that finishing the routine ticks."""
    return [
        (checklist.id, item.id)
        for checklist in checklists
        for item in checklist.items
        if item.routine == routine_id
    ]


def item_texts(checklists: Iterable[Checklist], items: Collection[tuple[str, str]]) -> list[str]:
    """The words of the (checklist id, item id) pairs, in the checklists' order: what was just ticked."""
    return [
        item.text for checklist in checklists for item in checklist.items if (checklist.id, item.id) in items
    ]


def item_text(checklists: Iterable[Checklist], checklist_id: str, item_id: str) -> str:
    """An item's words from the content; its id if a content update removed it (a try, a saved tick)."""
    for checklist in checklists:
        if checklist.id == checklist_id:
            return next((item.text for item in checklist.items if item.id == item_id), item_id)
    return item_id
