"""Diary logic: the entry model, weekly counts, the frequency rule and the doctor summary (golden files)."""

from __future__ import annotations

import csv
import io
import os
from datetime import date, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from crampguide.checklist import Adherence
from crampguide.diary import (
    DiaryEntry,
    Leg,
    describe,
    frequency_notice,
    newest_first,
    nights_with_cramps,
    parse_leg,
    weekly_counts,
)
from crampguide.report import Summary, summarise, to_csv, to_markdown

TZ = timezone(timedelta(hours=1))
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CRAMPGUIDE_UPDATE_GOLDEN") == "1"


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=TZ)


def entry(when: datetime, number: int = 0, **fields: Any) -> DiaryEntry:
    return DiaryEntry(id=f"e{number:03d}-{when:%m%d%H%M}", when=when, **fields)


def on_nights(*days: date, minutes: int | None = None) -> list[DiaryEntry]:
    return [entry(datetime(d.year, d.month, d.day, 23, 0, tzinfo=TZ), minutes=minutes) for d in days]


TODAY = date(2024, 3, 14)


def nights_ago(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=offset) for offset in offsets]


class TestEntry:
    def test_only_when_is_needed(self) -> None:
        e = entry(at(3, 1, 23, 30))
        assert (e.leg, e.severity, e.minutes, e.helped, e.note) == (None, None, None, (), "")

    def test_leg_text_becomes_a_leg(self) -> None:
        assert entry(at(3, 1, 23), leg="left").leg is Leg.LEFT
        assert parse_leg(" Both ") is Leg.BOTH
        with pytest.raises(ValueError, match="left, right, both"):
            parse_leg("middle")

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"severity": 0}, "severity must be a whole number from 1 to 10"),
            ({"severity": 11}, "severity"),
            ({"severity": True}, "severity"),
            ({"minutes": -1}, "minutes must be a whole number from 0"),
            ({"minutes": 2.5}, "minutes"),
            ({"helped": ["toe-pull"]}, "treatment ids"),
            ({"helped": ("Toe Pull",)}, "treatment ids"),
            ({"note": "x" * 2001}, "too long"),
        ],
    )
    def test_rejects_bad_values(self, fields: dict[str, Any], message: str) -> None:
        with pytest.raises(ValueError, match=message):
            entry(at(3, 1, 23), **fields)

    def test_needs_an_aware_time(self) -> None:
        with pytest.raises(ValueError, match="time zone"):
            DiaryEntry(id="x", when=datetime(2024, 3, 1, 23, 0))

    def test_long_means_over_ten_minutes(self) -> None:
        assert not entry(at(3, 1, 23), minutes=10).long
        assert entry(at(3, 1, 23), minutes=11).long
        assert not entry(at(3, 1, 23)).long

    def test_describe(self) -> None:
        e = entry(at(3, 2, 1, 30), leg=Leg.RIGHT, severity=6, minutes=0, helped=("toe-pull",), note="ouch")
        assert describe(e) == (
            "Sat 2 Mar 2024 01:30 (night of Fri 1 Mar 2024), right leg, severity 6/10, under a minute, "
            "helped: toe-pull, note: ouch"
        )
        assert describe(entry(at(3, 2, 5), minutes=1)) == (
            "Sat 2 Mar 2024 05:00 (night of Sat 2 Mar 2024), leg not given, 1 minute"
        )


def test_newest_first() -> None:
    entries = [entry(at(3, 1, 23)), entry(at(3, 3, 2)), entry(at(3, 2, 23))]
    assert [e.when.day for e in newest_first(entries)] == [3, 2, 1]


def test_nights_count_once_however_many_entries() -> None:
    entries = [entry(at(3, 1, 23, 30), 1), entry(at(3, 2, 1, 30), 2), entry(at(3, 2, 23), 3)]
    assert nights_with_cramps(entries) == {date(2024, 3, 1): 2, date(2024, 3, 2): 1}


class TestWeeklyCounts:
    def test_eight_weeks_ending_tonight(self) -> None:
        weeks = weekly_counts([], TODAY)
        assert len(weeks) == 8
        assert weeks[-1].end == TODAY and weeks[-1].start == TODAY - timedelta(days=6)
        assert weeks[0].start == TODAY - timedelta(days=55)
        assert all(b.start == a.end + timedelta(days=1) for a, b in pairwise(weeks))
        assert all((w.nights, w.entries, w.worst) == (0, 0, None) for w in weeks)

    def test_counts_nights_entries_and_worst(self) -> None:
        entries = [
            entry(at(3, 13, 23, 30), 1, severity=3),
            entry(at(3, 14, 1, 30), 2, severity=8),  # same night as the one before
            entry(at(3, 8, 23), 3),
            entry(at(3, 7, 22), 4, severity=5),  # previous week
            entry(at(1, 1, 22), 5),  # too old
        ]
        weeks = weekly_counts(entries, TODAY)
        assert (weeks[-1].nights, weeks[-1].entries, weeks[-1].worst) == (2, 3, 8)
        assert (weeks[-2].nights, weeks[-2].entries, weeks[-2].worst) == (1, 1, 5)
        assert sum(w.entries for w in weeks) == 4
        assert weeks[-1].label == "8 Mar – 14 Mar"

    def test_day_start_hour_moves_entries_between_nights(self) -> None:
        late = [entry(at(3, 8, 3, 0))]  # 03:00 on the first night of the newest week
        assert weekly_counts(late, TODAY)[-2].nights == 1
        assert weekly_counts(late, TODAY, day_start_hour=0)[-1].nights == 1


class TestFrequencyRule:
    def test_quiet_diary_has_no_notice(self) -> None:
        assert frequency_notice([], TODAY) is None
        assert frequency_notice(on_nights(*nights_ago(0, 1, 2, 3, 4)), TODAY) is None

    def test_three_nights_two_weeks_running(self) -> None:
        notice = frequency_notice(on_nights(*nights_ago(0, 2, 4, 7, 9, 11)), TODAY)
        assert notice is not None
        assert notice.frequent and not notice.triage
        assert notice.title == "Consider seeing a doctor"
        assert "3 or more nights a week, two weeks running" in notice.message
        assert "Triage" not in notice.message

    def test_a_fortnight_across_the_chart_weeks_still_counts(self) -> None:
        # Nights 3..16 ago: the chart splits them 4 + 7 + 3, but they make two weeks of 3 in a row.
        notice = frequency_notice(on_nights(*nights_ago(4, 5, 6, 11, 12, 13)), TODAY)
        assert notice is not None and notice.frequent

    def test_two_weeks_apart_is_not_running(self) -> None:
        assert frequency_notice(on_nights(*nights_ago(0, 1, 2, 14, 15, 16)), TODAY) is None

    def test_two_nights_a_week_is_not_enough(self) -> None:
        assert frequency_notice(on_nights(*nights_ago(0, 1, 7, 8, 14, 15)), TODAY) is None

    def test_a_cramp_over_ten_minutes_points_to_triage(self) -> None:
        long = entry(at(3, 12, 2, 0), minutes=12)
        notice = frequency_notice([long, *on_nights(*nights_ago(1), minutes=10)], TODAY)
        assert notice is not None
        assert notice.triage and not notice.frequent
        assert notice.long_entries == (long,)
        assert notice.title == "A cramp lasted over 10 minutes"
        assert "night of Mon 11 Mar 2024 a cramp lasted 12 minutes" in notice.message
        assert "Triage" in notice.message

    def test_both_reasons_together(self) -> None:
        entries = on_nights(*nights_ago(0, 2, 4, 7, 9, 11), minutes=15)
        notice = frequency_notice(entries, TODAY)
        assert notice is not None and notice.frequent and notice.triage
        assert "6 cramps lasted over 10 minutes, the latest on the night of Thu 14 Mar 2024" in notice.message
        assert "two weeks running" in notice.message

    def test_only_the_last_eight_weeks_count(self) -> None:
        assert frequency_notice(on_nights(*nights_ago(56), minutes=30), TODAY) is None
        assert frequency_notice(on_nights(*nights_ago(55), minutes=30), TODAY) is not None


# --- the doctor summary -----------------------------------------------------------------------

NOW = at(3, 14, 9, 15)
START = date(2024, 2, 22)


def sample_entries() -> list[DiaryEntry]:
    return [
        entry(at(2, 20, 23), 1, leg=Leg.LEFT, severity=9, minutes=30),  # before the period
        entry(at(2, 23, 23, 30), 2, leg=Leg.LEFT, severity=5, minutes=2, helped=("toe-pull",)),
        entry(at(2, 24, 1, 30), 3, leg=Leg.LEFT, severity=4, minutes=1, helped=("toe-pull", "massage")),
        entry(at(2, 25, 2, 10), 4, leg=Leg.RIGHT, severity=6, minutes=0),
        entry(at(2, 27, 22, 45), 5, leg=Leg.BOTH, severity=7, minutes=3, helped=("massage",)),
        entry(at(3, 1, 3, 55), 6, leg=Leg.LEFT, minutes=5, helped=("walk-on-heels",)),
        entry(at(3, 2, 23, 5), 7, severity=3, note="After a long walk | sore calf\nnext day too"),
        entry(
            datetime(2024, 3, 5, 0, 20, tzinfo=timezone(timedelta(hours=-5))),
            8,
            leg=Leg.RIGHT,
            severity=8,
            minutes=12,
            helped=("toe-pull",),
            note="Travelling",
        ),
        entry(at(3, 6, 23), 9, leg=Leg.LEFT, severity=5, minutes=4),
        entry(at(3, 13, 23, 40), 10, leg=Leg.LEFT, severity=2, helped=("toe-pull",)),
    ]


def sample_summary(entries: list[DiaryEntry] | None = None) -> Summary:
    return summarise(
        sample_entries() if entries is None else entries,
        now=NOW,
        start=START,
        adherence=[
            Adherence("at-bedtime", "At bedtime", 22, 9, 40, 66),
            Adherence("every-day", "Every | day", 22, 0, 0, 110),
        ],
        red_flags=["Chest pain or sudden breathlessness", "A cramp that lasts more than 10 minutes"],
        treatment_titles={"toe-pull": "Pull your toes toward you", "massage": "Massage the calf"},
    )


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; CRAMPGUIDE_UPDATE_GOLDEN=1 rewrites it"


def test_markdown_golden() -> None:
    check_golden("export.md", to_markdown(sample_summary()))


def test_csv_golden() -> None:
    check_golden("export.csv", to_csv(sample_summary()))


def test_empty_diary_golden() -> None:
    check_golden("export-empty.md", to_markdown(sample_summary([])))


def test_summary_facts() -> None:
    summary = summarise(sample_entries(), now=NOW, start=START)
    assert (summary.start, summary.end, summary.nights) == (START, TODAY, 22)
    assert len(summary.entries) == 9  # the one before the period is left out
    assert [(w.start, w.end) for w in summary.weeks] == [
        (START, START),
        (date(2024, 2, 23), date(2024, 2, 29)),
        (date(2024, 3, 1), date(2024, 3, 7)),
        (date(2024, 3, 8), TODAY),
    ]
    assert [w.label for w in summary.weeks][:2] == ["22 Feb", "23 Feb – 29 Feb"]
    assert [w.nights for w in summary.weeks] == [0, 4, 3, 1]
    assert summary.notice is not None and summary.notice.triage and summary.notice.frequent
    with pytest.raises(ValueError, match="after tonight"):
        summarise([], now=NOW, start=date(2024, 3, 15))


def test_csv_reads_back() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(sample_summary()))))
    assert len(rows) == 9
    assert rows[0]["night"] == "2024-02-23" and rows[1]["night"] == "2024-02-23"
    assert rows[5]["note"] == "After a long walk | sore calf\nnext day too"
    assert rows[6]["when"] == "2024-03-05T00:20-05:00"
    assert rows[6]["night"] == "2024-03-04"


def test_the_period_starts_at_the_first_record_when_that_is_later() -> None:
    from crampguide.report import period_start

    default, end = date(2024, 1, 10), date(2024, 3, 5)
    assert period_start(default, end, [], {}) == (default, False)
    later = [entry(at(3, 2, 23)), entry(at(3, 4, 1), 1)]  # 01:00 on the 4th is the night of the 3rd
    assert period_start(default, end, later, {}) == (date(2024, 3, 2), True)
    ticks = {"every-day": {date(2024, 2, 20): frozenset({"x"}), date(2024, 2, 1): frozenset()}}
    assert period_start(default, end, later, ticks) == (date(2024, 2, 20), True)  # empty: no record
    older = [*later, entry(at(1, 2, 23), 2)]
    assert period_start(default, end, older, ticks) == (default, False)
    assert period_start(default, end, [], {"x": {date(2024, 4, 1): frozenset({"y"})}}) == (default, False)
