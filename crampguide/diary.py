"""The cramp diary: the entry model, weekly counts, the frequency rule and how an entry is worded.

Pure functions over `DiaryEntry` values; the store reads and writes them, the Diary tab and the command line
show them, and `report.py` builds the doctor summary from them. Nights follow `checklist.night_of`, so
23:30 and 01:30 count as one night everywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from crampguide.checklist import DEFAULT_DAY_START_HOUR, night_of


class Leg(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


SEVERITY_MIN = 1
SEVERITY_MAX = 10
MAX_MINUTES = 24 * 60
MAX_NOTE_CHARS = 2000
LONG_CRAMP_MINUTES = 10  # the content guide's diary rule: over 10 minutes is an urgent flag
FREQUENT_NIGHTS = 3  # ... and 3 or more nights in a week, two weeks running, is worth a doctor's visit
WEEKS = 8
# A clock a little ahead of the one that gave the time is not a mistake worth refusing.
FUTURE_SLACK = timedelta(minutes=5)
# The years an entry may fall in. Nobody logs a cramp from before 1900, and a hand-edited year 9999 or year 1
# must not reach date arithmetic that overflows; 2999 is far past any clock and far from the edge.
FIRST_YEAR = 1900
LAST_YEAR = 2999

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def check_severity(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not SEVERITY_MIN <= value <= SEVERITY_MAX:
        raise ValueError(
            f"severity must be a whole number from {SEVERITY_MIN} to {SEVERITY_MAX}, not {value!r}"
        )
    return value


def check_minutes(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_MINUTES:
        raise ValueError(f"minutes must be a whole number from 0 to {MAX_MINUTES}, not {value!r}")
    return value


def check_note(value: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"the note must be text, not {value!r}")
    if len(value) > MAX_NOTE_CHARS:
        raise ValueError(f"the note is too long ({len(value)} characters; at most {MAX_NOTE_CHARS})")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:  # bytes that were not UTF-8, passed through as lone surrogates
        raise ValueError(f"the note is not valid text (a byte that is not UTF-8 at {error.start})") from None
    return value


def check_when(moment: datetime, now: datetime) -> datetime:
    """A time for a new or changed entry: with a zone, not before 1900, not in the future (beyond
    `FUTURE_SLACK`). Raises ValueError with a message for the user."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment.isoformat()} has no time zone")
    if moment.year < FIRST_YEAR:
        raise ValueError(f"{_day_text(moment)} is before {FIRST_YEAR}; give the date the cramp happened")
    if moment.year > LAST_YEAR or moment > now + FUTURE_SLACK:
        raise ValueError(f"{moment.isoformat(timespec='minutes')[:16]} is in the future")
    return moment


def check_day(day: date) -> date:
    """A night to start a period from: from 1900 to 2999."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{day.isoformat()} is not a date from {FIRST_YEAR} to {LAST_YEAR}")
    return day


def local_moment(wall_clock: datetime) -> tuple[datetime, str | None]:
    """A local wall-clock time (no zone) as an aware time, and what to tell the user if it was not plain.

    When the clocks change, a wall-clock time may not exist (the hour skipped in spring) or happen twice
    (the hour repeated in autumn). Neither is moved silently: the note says what was stored, and how to give
    the other time. Raises ValueError for a year outside 1900 to 2999 (the system clock cannot place it).
    """
    naive = wall_clock.replace(tzinfo=None)
    if not FIRST_YEAR <= naive.year <= LAST_YEAR:
        raise ValueError(f"{_day_text(naive)} is not a date from {FIRST_YEAR} to {LAST_YEAR}")
    first = naive.replace(fold=0).astimezone()
    second = naive.replace(fold=1).astimezone()
    if first.utcoffset() == second.utcoffset():
        return first.replace(fold=0), None
    asked = f"{naive:%H:%M} on {long_date(naive.date())}"
    if first.replace(tzinfo=None, fold=0) == naive and second.replace(tzinfo=None, fold=0) == naive:
        return first.replace(fold=0), (
            f"{asked} happened twice here (the clocks went back); saved as the first, {_clock_text(first)}. "
            f"For the second, give {naive:%Y-%m-%d}T{_clock_text(second)}."
        )
    # In the skipped hour: keep the moment the clock on the wall showed before it jumped.
    stored = second.replace(fold=0)
    return stored, (
        f"{asked} did not happen here (the clocks went forward); saved as {_clock_text(stored)}, "
        "the same moment by the new time."
    )


def _clock_text(moment: datetime) -> str:
    """ "02:30+01:00": the wall clock and its offset from UTC."""
    return moment.isoformat(timespec="minutes")[11:]


def _day_text(moment: datetime | date) -> str:
    return moment.isoformat()[:10]


def parse_leg(value: str) -> Leg:
    try:
        return Leg(value.strip().lower())
    except ValueError:
        raise ValueError(f"leg must be one of {', '.join(leg.value for leg in Leg)}, not {value!r}") from None


@dataclass(frozen=True)
class DiaryEntry:
    """One cramp. Only `when` is required: a half-awake user may log just "a cramp, now".

    `minutes` 0 means under a minute. `helped` holds first-aid treatment ids from the content pack.
    """

    id: str
    when: datetime
    leg: Leg | None = None
    severity: int | None = None
    minutes: int | None = None
    helped: tuple[str, ...] = ()
    note: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError("an entry needs an id")
        if not isinstance(self.when, datetime) or self.when.tzinfo is None or self.when.utcoffset() is None:
            raise ValueError(f"'when' must be a date and time with a time zone, not {self.when!r}")
        if not FIRST_YEAR <= self.when.year <= LAST_YEAR:
            raise ValueError(
                f"'when' ({self.when.isoformat()}) is not a date from {FIRST_YEAR} to {LAST_YEAR}"
            )
        if self.leg is not None and not isinstance(self.leg, Leg):
            object.__setattr__(self, "leg", parse_leg(str(self.leg)))
        if self.severity is not None:
            check_severity(self.severity)
        if self.minutes is not None:
            check_minutes(self.minutes)
        if not isinstance(self.helped, tuple) or not all(
            isinstance(h, str) and _ID.match(h) for h in self.helped
        ):
            raise ValueError(f"'helped' must be treatment ids, not {self.helped!r}")
        check_note(self.note)

    def night(self, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> date:
        return night_of(self.when, day_start_hour)

    @property
    def long(self) -> bool:
        return self.minutes is not None and self.minutes > LONG_CRAMP_MINUTES


def newest_first(entries: Iterable[DiaryEntry]) -> list[DiaryEntry]:
    return sorted(entries, key=lambda entry: (entry.when, entry.id), reverse=True)


def oldest_first(entries: Iterable[DiaryEntry]) -> list[DiaryEntry]:
    return sorted(entries, key=lambda entry: (entry.when, entry.id))


def nights_with_cramps(
    entries: Iterable[DiaryEntry], day_start_hour: int = DEFAULT_DAY_START_HOUR
) -> Counter[date]:
    """Night → number of entries that night; its keys are the nights with cramps."""
    return Counter(entry.night(day_start_hour) for entry in entries)


# --- weeks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekCount:
    """Seven nights (fewer at the start of a period), `start` to `end` included."""

    start: date
    end: date
    nights: int
    entries: int
    worst: int | None

    @property
    def label(self) -> str:
        if self.start == self.end:
            return short_date(self.start)
        return f"{short_date(self.start)} – {short_date(self.end)}"


def weekly_counts(
    entries: Iterable[DiaryEntry],
    today: date,
    day_start_hour: int = DEFAULT_DAY_START_HOUR,
    weeks: int = WEEKS,
) -> list[WeekCount]:
    """The last `weeks` weeks, oldest first; the newest week is the seven nights ending with today."""
    return weeks_in_period(list(entries), today - timedelta(days=7 * weeks - 1), today, day_start_hour)


def weeks_in_period(
    entries: Sequence[DiaryEntry], start: date, end: date, day_start_hour: int
) -> list[WeekCount]:
    """Weeks ending on `end`, back to `start`; the oldest may be shorter. Weeks end today so "this week"
    always means the last seven nights rather than a half-finished calendar week."""
    by_night: dict[date, list[DiaryEntry]] = {}
    for entry in entries:
        by_night.setdefault(entry.night(day_start_hour), []).append(entry)
    result = []
    week_end = end
    while week_end >= start:
        week_start = max(week_end - timedelta(days=6), start)
        nights = [
            by_night.get(week_start + timedelta(days=i), []) for i in range((week_end - week_start).days + 1)
        ]
        severities = [e.severity for night in nights for e in night if e.severity is not None]
        result.append(
            WeekCount(
                start=week_start,
                end=week_end,
                nights=sum(1 for night in nights if night),
                entries=sum(len(night) for night in nights),
                worst=max(severities) if severities else None,
            )
        )
        week_end = week_start - timedelta(days=1)
    result.reverse()
    return result


# --- the frequency rule ---------------------------------------------------------------------


@dataclass(frozen=True)
class DiaryNotice:
    """The diary rule's suggestion to see a doctor; `triage` says the app should point to Triage too."""

    frequent: bool
    long_entries: tuple[DiaryEntry, ...] = ()
    day_start_hour: int = DEFAULT_DAY_START_HOUR

    @property
    def triage(self) -> bool:
        return bool(self.long_entries)

    @property
    def title(self) -> str:
        return "A cramp lasted over 10 minutes" if self.triage else "Consider seeing a doctor"

    @property
    def message(self) -> str:
        parts = []
        if self.long_entries:
            latest = max(self.long_entries, key=lambda entry: entry.when)
            when = f"the night of {long_date(latest.night(self.day_start_hour))}"
            if len(self.long_entries) == 1:
                parts.append(f"On {when} a cramp lasted {latest.minutes} minutes.")
            else:
                parts.append(f"{len(self.long_entries)} cramps lasted over 10 minutes, the latest on {when}.")
            parts.append(
                "A cramp that lasts over 10 minutes is a warning sign: "
                "go through Triage now, and see a doctor."
            )
        if self.frequent:
            parts.append(
                f"You had cramps on {FREQUENT_NIGHTS} or more nights a week, two weeks running. "
                "Cramps that come this often, or that disturb your sleep, are worth checking with a doctor."
            )
        return " ".join(parts)


def frequency_notice(
    entries: Iterable[DiaryEntry],
    today: date,
    day_start_hour: int = DEFAULT_DAY_START_HOUR,
    weeks: int = WEEKS,
) -> DiaryNotice | None:
    """Apply the diary rule to the last `weeks` weeks; None when nothing calls for a doctor.

    Old history does not raise the notice forever: it looks at the same weeks as the chart.
    """
    return notice_for_period(list(entries), today - timedelta(days=7 * weeks - 1), today, day_start_hour)


def notice_for_period(
    entries: Sequence[DiaryEntry], start: date, end: date, day_start_hour: int
) -> DiaryNotice | None:
    in_period = [entry for entry in entries if start <= entry.night(day_start_hour) <= end]
    nights = set(nights_with_cramps(in_period, day_start_hour))
    long_entries = tuple(oldest_first(entry for entry in in_period if entry.long))

    def count(last: date) -> int:
        return sum(1 for i in range(7) if last - timedelta(days=i) in nights)

    # Any seven nights with 3 or more, right after another seven with 3 or more: a sliding check, so a bad
    # fortnight counts however it falls across the chart's week boundaries.
    frequent = False
    last = start + timedelta(days=13)
    while last <= end and not frequent:
        frequent = count(last) >= FREQUENT_NIGHTS and count(last - timedelta(days=7)) >= FREQUENT_NIGHTS
        last += timedelta(days=1)
    if not frequent and not long_entries:
        return None
    return DiaryNotice(frequent=frequent, long_entries=long_entries, day_start_hour=day_start_hour)


# --- wording --------------------------------------------------------------------------------

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(day: date) -> str:
    """ "3 Mar": English names whatever the locale, so output is the same on every machine."""
    return f"{day.day} {_MONTHS[day.month - 1]}"


def long_date(day: date) -> str:
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def describe(
    entry: DiaryEntry,
    day_start_hour: int = DEFAULT_DAY_START_HOUR,
    titles: Mapping[str, str] | None = None,
) -> str:
    """One line for a saved entry, as `crampguide log` prints it; `titles` names what helped."""
    night = long_date(entry.night(day_start_hour))
    parts = [f"{long_date(entry.when.date())} {entry.when:%H:%M} (night of {night})"]
    parts.append(f"{entry.leg.value} leg" if entry.leg else "leg not given")
    if entry.severity is not None:
        parts.append(f"severity {entry.severity}/10")
    if entry.minutes is not None:
        parts.append(minutes_phrase(entry.minutes))
    if entry.helped:
        named = titles or {}
        parts.append("helped: " + ", ".join(named.get(helped, helped) for helped in entry.helped))
    if entry.note:
        parts.append(f"note: {entry.note}")
    return ", ".join(parts)


def minutes_phrase(minutes: int) -> str:
    return "under a minute" if minutes == 0 else plural(minutes, "minute")


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"
