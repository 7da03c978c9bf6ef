"""Personal comparisons: for each checklist item, cramp nights when it was done and when it was not.

The diary and the checklists answer "is it working for me?" only if the numbers are told honestly, so this
module owns both the counting and the words: below `MIN_NIGHTS` nights on either side it says there are too
few to compare, otherwise it gives the two counts side by side with a plain caution. No p-values and no words
of cause: a personal record cannot carry them. A try (`crampguide.trial`) reuses `Tally` and its wording.

Nights are the guide's logical nights (`checklist.night_of`, named by the date they start). A night counts
only once the user is keeping records (from the night of their first entry or tick) and once it is over
(tonight does not count yet); every other night of the period is "neither".
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from crampguide.checklist import DEFAULT_DAY_START_HOUR
from crampguide.diary import nights_with_cramps, plural

if TYPE_CHECKING:
    from crampguide.checklist import Ticks
    from crampguide.diary import DiaryEntry
    from crampguide.guide.models import Checklist

MIN_NIGHTS = 7

CAUTION = (
    "Cramps come and go by themselves, and other things change from night to night, so a difference here "
    "can be chance. A record like this is not proof either way; it is something to talk over with a doctor."
)
WITH = "with it"
WITHOUT = "without"


@dataclass(frozen=True)
class Tally:
    """Nights on each side of a comparison and the nights with cramps among them."""

    nights_with: int
    cramp_nights_with: int
    nights_without: int
    cramp_nights_without: int

    @property
    def enough(self) -> bool:
        """Both sides have at least `MIN_NIGHTS` nights: enough to put the two counts side by side."""
        return self.nights_with >= MIN_NIGHTS and self.nights_without >= MIN_NIGHTS

    @property
    def more_needed(self) -> int:
        """Nights still to record before there are enough; each night adds to one side only."""
        return max(MIN_NIGHTS - self.nights_with, 0) + max(MIN_NIGHTS - self.nights_without, 0)

    def in_words(self, with_: str = WITH, without: str = WITHOUT) -> str:
        """One lower-case phrase: the two counts, or why there are too few to show them."""
        if not self.enough:
            return (
                f"too few nights to compare yet ({self.more_needed} more needed): so far "
                f"{plural(self.nights_with, 'night')} {with_}, {self.nights_without} {without}"
            )
        return (
            f"cramps on {self.cramp_nights_with} of {plural(self.nights_with, 'night')} {with_}, "
            f"{self.cramp_nights_without} of {self.nights_without} {without}"
        )


def tally(
    nights_with: Iterable[date], nights_without: Iterable[date], cramp_nights: Collection[date]
) -> Tally:
    with_ = set(nights_with)
    without = set(nights_without)
    return Tally(
        nights_with=len(with_),
        cramp_nights_with=sum(1 for night in with_ if night in cramp_nights),
        nights_without=len(without),
        cramp_nights_without=sum(1 for night in without if night in cramp_nights),
    )


@dataclass(frozen=True)
class Comparison:
    """One checklist item over a period. `neither` counts the period's nights that are on no side."""

    checklist_id: str
    checklist_title: str
    item_id: str
    item_text: str
    tally: Tally
    neither: int

    @property
    def nights(self) -> int:
        return self.tally.nights_with + self.tally.nights_without + self.neither

    def in_words(self) -> str:
        return sentence(self.tally.in_words())


def first_record(cramp_nights: Iterable[date], ticks: Mapping[str, Ticks]) -> date | None:
    """The night of the user's first record, an entry or a tick; None before they record anything."""
    nights = [*cramp_nights]
    nights += [night for by_night in ticks.values() for night, items in by_night.items() if items]
    return min(nights, default=None)


def counted_nights(start: date, end: date, tonight: date, first: date | None) -> list[date]:
    """The nights from `start` to `end` that count: from the first record on, and over before tonight."""
    if first is None:
        return []
    begin = max(start, first)
    stop = min(end, tonight - timedelta(days=1))
    return [begin + timedelta(days=offset) for offset in range((stop - begin).days + 1)]


def compare(
    checklists: Sequence[Checklist],
    ticks: Mapping[str, Ticks],
    cramp_nights: Collection[date],
    *,
    start: date,
    end: date,
    tonight: date,
    first: date | None,
) -> list[Comparison]:
    """Every checklist item over the nights `start` to `end` (both included), in checklist order.

    `cramp_nights` are the nights with at least one diary entry; `first` is `first_record(...)` over the
    whole diary and all ticks, not just the period's, so a quiet start to the period is still counted.
    """
    period = max((end - start).days + 1, 0)
    nights = counted_nights(start, end, tonight, first)
    result = []
    for checklist in checklists:
        by_night = ticks.get(checklist.id, {})
        for item in checklist.items:
            done = [night for night in nights if item.id in by_night.get(night, ())]
            not_done = [night for night in nights if item.id not in by_night.get(night, ())]
            result.append(
                Comparison(
                    checklist_id=checklist.id,
                    checklist_title=checklist.title,
                    item_id=item.id,
                    item_text=item.text,
                    tally=tally(done, not_done, cramp_nights),
                    neither=period - len(nights),
                )
            )
    return result


def compare_records(
    checklists: Sequence[Checklist],
    ticks: Mapping[str, Ticks],
    entries: Iterable[DiaryEntry],
    *,
    start: date,
    tonight: date,
    day_start_hour: int = DEFAULT_DAY_START_HOUR,
) -> list[Comparison]:
    """`compare` over the nights from `start` to tonight, straight from the saved diary and ticks."""
    cramps = set(nights_with_cramps(entries, day_start_hour))
    return compare(
        checklists,
        ticks,
        cramps,
        start=start,
        end=tonight,
        tonight=tonight,
        first=first_record(cramps, ticks),
    )


def sentence(phrase: str) -> str:
    """A phrase from `Tally.in_words` as a sentence of its own."""
    return phrase[:1].upper() + phrase[1:] + "."
