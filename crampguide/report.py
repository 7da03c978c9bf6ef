"""The doctor summary: what `crampguide export` writes, as Markdown or CSV (JSON: `report_json.py`).

Built from diary entries, checklist adherence and ticks, the comparisons and the latest try, and the
content's red flags; pure functions, so the golden files pin the output exactly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from crampguide.checklist import DEFAULT_DAY_START_HOUR, Adherence, Ticks, item_text, night_of
from crampguide.checklist import adherence as checklist_adherence
from crampguide.compare import CAUTION, Comparison, compare_records, first_record, sentence
from crampguide.diary import (
    DiaryEntry,
    DiaryNotice,
    Leg,
    WeekCount,
    long_date,
    minutes_phrase,
    nights_with_cramps,
    notice_for_period,
    oldest_first,
    plural,
    weeks_in_period,
)
from crampguide.safe_text import csv_cell, printable
from crampguide.trial import Trial, TrialResult, plan_summary

if TYPE_CHECKING:
    from crampguide.guide.models import Checklist

# --- the doctor summary ---------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    """Everything `crampguide export` tells a doctor, gathered once for both formats."""

    made: datetime
    start: date
    end: date
    day_start_hour: int
    entries: tuple[DiaryEntry, ...]  # in the period, oldest first
    weeks: tuple[WeekCount, ...]
    notice: DiaryNotice | None
    adherence: tuple[Adherence, ...] = ()  # one per checklist, in its order (both formats read these)
    red_flags: tuple[str, ...] = ()
    treatment_titles: Mapping[str, str] = field(default_factory=dict)
    checklists: tuple[Checklist, ...] = ()
    ticks: Mapping[str, Ticks] = field(default_factory=dict)  # the period's nights only
    comparisons: tuple[Comparison, ...] = ()
    trial: TrialResult | None = None  # the latest try, if any of it falls in the period
    since_first_record: bool = False  # the period starts at the first record, not a full default window

    @property
    def nights(self) -> int:
        return (self.end - self.start).days + 1

    def helped_title(self, treatment_id: str) -> str:
        return self.treatment_titles.get(treatment_id, treatment_id)

    def item_text(self, checklist_id: str, item_id: str) -> str:
        """An item's words from the content; its id if a content update removed it."""
        return item_text(self.checklists, checklist_id, item_id)


def summarise(
    entries: Iterable[DiaryEntry],
    *,
    now: datetime,
    start: date,
    day_start_hour: int = DEFAULT_DAY_START_HOUR,
    adherence: Sequence[Adherence] | None = None,
    red_flags: Sequence[str] = (),
    treatment_titles: Mapping[str, str] | None = None,
    checklists: Sequence[Checklist] = (),
    ticks: Mapping[str, Ticks] | None = None,
    trial: Trial | None = None,
    since_first_record: bool = False,
) -> Summary:
    """Summarise the nights from `start` to tonight (the night `now` belongs to).

    `entries` and `ticks` are the whole record, not just the period's: the comparisons count from the
    user's first record. `trial` is the latest try; it is shown if any of its nights fall in the period.
    `adherence` is worked out from `checklists` and `ticks` over the period unless given.
    """
    end = night_of(now, day_start_hour)
    if start > end:
        raise ValueError(f"the period cannot start after tonight ({end.isoformat()})")
    everything = list(entries)
    all_ticks = ticks or {}
    follows = adherence is None or [a.checklist_id for a in adherence] == [c.id for c in checklists]
    if checklists and not follows:
        raise ValueError("adherence given with checklists must follow them, one each, in order")
    kept = tuple(oldest_first(e for e in everything if start <= e.night(day_start_hour) <= end))
    shown = trial is not None and trial.start <= end and start <= (trial.stopped or trial.end)
    return Summary(
        made=now,
        start=start,
        end=end,
        day_start_hour=day_start_hour,
        entries=kept,
        weeks=tuple(weeks_in_period(kept, start, end, day_start_hour)),
        notice=notice_for_period(kept, start, end, day_start_hour),
        adherence=tuple(
            (checklist_adherence(c, all_ticks.get(c.id, {}), start, end) for c in checklists)
            if adherence is None
            else adherence
        ),
        red_flags=tuple(red_flags),
        treatment_titles=dict(treatment_titles or {}),
        checklists=tuple(checklists),
        ticks={
            checklist_id: {night: items for night, items in nights.items() if start <= night <= end}
            for checklist_id, nights in all_ticks.items()
        },
        comparisons=tuple(
            compare_records(
                checklists, all_ticks, everything, start=start, tonight=end, day_start_hour=day_start_hour
            )
        ),
        trial=(
            trial.result_from_records(all_ticks, everything, end, day_start_hour)
            if trial is not None and shown
            else None
        ),
        since_first_record=since_first_record,
    )


def period_start(
    default: date,
    end: date,
    entries: Iterable[DiaryEntry],
    ticks: Mapping[str, Ticks],
    day_start_hour: int = DEFAULT_DAY_START_HOUR,
) -> tuple[date, bool]:
    """The first night to summarise, and whether it is the first record rather than `default`.

    A new user's first summary should not read "1 of 56 nights": when the first diary entry or tick is
    later than `default` (and not after `end`), the period starts there.
    """
    first = first_record(nights_with_cramps(entries, day_start_hour), ticks)
    if first is not None and default < first <= end:
        return first, True
    return default, False


def to_markdown(summary: Summary) -> str:
    s = summary
    entries = s.entries
    nights = nights_with_cramps(entries, s.day_start_hour)
    lines = [
        "# Night calf cramps: diary summary",
        "",
        f"- **Period:** the nights of {long_date(s.start)} to {long_date(s.end)} "
        f"({plural(s.nights, 'night')})"
        + (f", since {_day_month(s.start)}, the first night with a record" if s.since_first_record else ""),
        f"- **Made:** {long_date(s.made.date())} at {s.made:%H:%M}",
        f"- A night runs from {s.day_start_hour:02d}:00 to {s.day_start_hour:02d}:00 the next day "
        "and is named by the date it starts.",
        "",
        "## At a glance",
        "",
    ]
    if not entries:
        lines.append("No cramps were logged in this period.")
    else:
        lines.append(
            f"- **Nights with cramps:** {len(nights)} of {s.nights} "
            f"({plural(len(entries), 'entry', 'entries')})"
        )
        lines.append(f"- **Severity (1 to 10):** {_severity_text(entries)}")
        lines.append(f"- **How long:** {_minutes_text(entries, s.day_start_hour)}")
        lines.append(f"- **Legs:** {_legs_text(entries)}")
        lines.append(f"- **What helped:** {_helped_text(s)}")
    if s.notice is not None:
        lines += ["", "## To mention", "", f"**{s.notice.title}.** {s.notice.message}"]
    if entries:
        lines += [
            "",
            "## Nights with cramps per week",
            "",
            "| Week (nights) | Nights with cramps | Entries | Worst severity |",
            "|---|---:|---:|---:|",
        ]
        lines += [f"| {w.label} | {w.nights} | {w.entries} | {_or_dash(w.worst)} |" for w in s.weeks]
        lines += [
            "",
            "## Entries",
            "",
            "| Night | Time | Leg | Severity | Minutes | What helped | Note |",
            "|---|---|---|---:|---:|---|---|",
        ]
        for e in entries:
            cells = [
                long_date(e.night(s.day_start_hour)),
                f"{e.when:%H:%M}",
                e.leg.value if e.leg else "–",
                _or_dash(e.severity),
                _minutes_cell(e.minutes),
                ", ".join(s.helped_title(h) for h in e.helped) or "–",
                e.note or "–",
            ]
            lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    if s.adherence:
        lines += [
            "",
            "## Prevention checklists",
            "",
            "| Checklist | Nights fully done | Items ticked |",
            "|---|---:|---:|",
        ]
        lines += [
            f"| {_cell(a.title)} | {a.complete_nights} of {a.nights} ({a.complete_percent}%) | "
            f"{a.ticked_items} of {a.possible_items} ({a.items_percent}%) |"
            for a in s.adherence
        ]
    lines += _comparison_lines(s)
    if s.red_flags:
        lines += [
            "",
            "## Warning signs to mention",
            "",
            "Tell the doctor if any of these has happened. "
            "Some need help the same day, or an emergency call:",
            "",
        ]
        lines += [f"- {flag}" for flag in s.red_flags]
    lines += [
        "",
        "---",
        "",
        "From the person's own cramp diary, kept with crampguide. "
        "It is a record to discuss, not a diagnosis.",
        "",
    ]
    return printable("\n".join(lines))  # a note's escape bytes are shown, never sent to the terminal


def _comparison_lines(s: Summary) -> list[str]:
    """The try and every item's nights with and without it, in the same words as the Diary tab."""
    lines: list[str] = []
    if s.trial is not None:
        t = s.trial.trial
        lines += [
            "",
            f"## A try: {_inline(s.item_text(t.checklist_id, t.item_id))}",
            "",
            f"- **Plan:** {plan_summary(t)}",
            f"- **{s.trial.heading()}:** " + " ".join(line for line in s.trial.lines() if line != CAUTION),
        ]
    if s.comparisons:
        lines += [
            "",
            "## Nights with and without each checklist item",
            "",
            "A night counts once it is over, from the first diary entry or tick on; "
            "an item counts as done on a night it was ticked.",
            "",
        ]
        lines += [
            f"- **{_inline(c.checklist_title)}: {_inline(c.item_text)}:** {sentence(c.tally.in_words())}"
            for c in s.comparisons
        ]
    if lines:
        lines += ["", CAUTION]
    return lines


def _inline(text: str) -> str:
    """Checklist text inside bold Markdown: on one line, its asterisks kept as text."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("*", "\\*")


CSV_COLUMNS = ("night", "when", "leg", "severity", "minutes", "helped", "note")


def to_csv(summary: Summary) -> str:
    """One row per entry, oldest first: the data behind the summary, for a spreadsheet."""
    import csv  # only the export needs these
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in summary.entries:
        writer.writerow(
            [
                e.night(summary.day_start_hour).isoformat(),
                e.when.isoformat(timespec="minutes"),
                e.leg.value if e.leg else "",
                "" if e.severity is None else e.severity,
                "" if e.minutes is None else e.minutes,
                _text_cell("; ".join(summary.helped_title(h) for h in e.helped)),
                _text_cell(e.note),
            ]
        )
    return out.getvalue()


def _day_month(day: date) -> str:
    """ "Wed 2 Dec": the issue's own way to say when a record starts."""
    return long_date(day).rsplit(" ", 1)[0]


def _text_cell(text: str) -> str:
    """Free text as a CSV cell: escape bytes shown, and no formula (`=1+1` becomes `'=1+1`)."""
    return printable(csv_cell(text))


def _or_dash(value: int | None) -> str:
    return "–" if value is None else str(value)


def _minutes_cell(minutes: int | None) -> str:
    if minutes is None:
        return "–"
    return "under 1" if minutes == 0 else str(minutes)


def _cell(text: str) -> str:
    """Keep a table cell on one line and its pipes from ending the cell."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def _severity_text(entries: Sequence[DiaryEntry]) -> str:
    import statistics  # export only; kept off the app's start-up path

    values = [e.severity for e in entries if e.severity is not None]
    if not values:
        return "not recorded"
    text = f"average {statistics.mean(values):.1f}, lowest {min(values)}, highest {max(values)}"
    if len(values) < len(entries):
        text += f" ({len(values)} of {len(entries)} entries give one)"
    return text


def _minutes_text(entries: Sequence[DiaryEntry], day_start_hour: int) -> str:
    import statistics

    timed = [e for e in entries if e.minutes is not None]
    if not timed:
        return "not recorded"
    longest = max(timed, key=lambda e: (e.minutes or 0, e.when))
    median = statistics.median_low([e.minutes or 0 for e in timed])
    text = (
        f"usually {minutes_phrase(median)} (median), longest {minutes_phrase(longest.minutes or 0)} "
        f"(night of {long_date(longest.night(day_start_hour))})"
    )
    if len(timed) < len(entries):
        text += f"; {len(timed)} of {len(entries)} entries give a time"
    return text


def _legs_text(entries: Sequence[DiaryEntry]) -> str:
    counts = Counter(e.leg for e in entries)
    parts = [f"{leg.value} {counts[leg]}" for leg in Leg if counts[leg]]
    if counts[None]:
        parts.append(f"not given {counts[None]}")
    return ", ".join(parts)


def _helped_text(summary: Summary) -> str:
    counts = Counter(h for e in summary.entries for h in e.helped)
    if not counts:
        return "nothing recorded"
    ranked = sorted(counts.items(), key=lambda item: (-item[1], summary.helped_title(item[0])))
    return ", ".join(f"{_cell(summary.helped_title(h))} ({n})" for h, n in ranked)
