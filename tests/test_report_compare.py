"""The export's comparisons and try (Markdown section and the JSON format), pinned by golden files."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from crampguide.checklist import adherence
from crampguide.diary import DiaryEntry, Leg
from crampguide.guide.models import Checklist, ChecklistItem
from crampguide.report import Summary, summarise, to_markdown
from crampguide.report_json import FORMAT, VERSION, to_json
from crampguide.trial import Phase, Trial

TZ = timezone(timedelta(hours=1))
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CRAMPGUIDE_UPDATE_GOLDEN") == "1"
NOW = datetime(2024, 3, 14, 9, 15, tzinfo=TZ)  # tonight is the night of Thu 14 Mar
START = date(2024, 2, 22)

BEDTIME = Checklist(
    id="at-bedtime",
    title="At bedtime",
    items=(
        ChecklistItem(id="bedtime-stretch", text="Stretch your calves before bed", rule="stretch"),
        ChecklistItem(id="loosen-bedcovers", text="Loosen the *covers*", rule="covers"),
    ),
)
DAY = Checklist(
    id="every-day",
    title="Every day",
    items=(ChecklistItem(id="drink-enough", text="Drink enough", rule="drink"),),
)
TRY = Trial(
    "at-bedtime", "bedtime-stretch", date(2024, 2, 26), 2, Phase.DO
)  # do 26 Feb–3 Mar, skip to 10 Mar


def night(offset: int) -> date:
    return START + timedelta(days=offset)


def cramp(day: date, number: int, **fields: object) -> DiaryEntry:
    when = datetime(day.year, day.month, day.day, 23, 30, tzinfo=TZ)
    return DiaryEntry(id=f"e{number:02d}", when=when, **fields)  # type: ignore[arg-type]


def sample_ticks() -> dict[str, dict[date, frozenset[str]]]:
    bedtime: dict[date, set[str]] = {}
    for n in range(21):
        if n % 3 != 2:
            bedtime.setdefault(night(n), set()).add("bedtime-stretch")
    for n in (1, 2, 5):
        bedtime.setdefault(night(n), set()).add("loosen-bedcovers")
    return {
        "at-bedtime": {d: frozenset(items) for d, items in bedtime.items()},
        "every-day": {date(2024, 1, 5): frozenset({"drink-enough"})},  # before the period: the first record
    }


def sample_entries() -> list[DiaryEntry]:
    return [
        cramp(night(2), 1, leg=Leg.LEFT, severity=5, minutes=2, helped=("toe-pull",)),
        cramp(night(5), 2, note='said "ouch" | twice'),
        cramp(night(8), 3, leg=Leg.RIGHT, severity=7),
        cramp(night(11), 4),
        cramp(night(14), 5, minutes=0),
        cramp(night(17), 6),
        cramp(night(18), 7, leg=Leg.BOTH, severity=3),
    ]


def sample(trial: Trial | None = TRY) -> Summary:
    ticks = sample_ticks()
    end = date(2024, 3, 14)
    return summarise(
        sample_entries(),
        now=NOW,
        start=START,
        adherence=[adherence(c, ticks.get(c.id, {}), START, end) for c in (BEDTIME, DAY)],
        red_flags=["A cramp that lasts more than 10 minutes"],
        treatment_titles={"toe-pull": "Pull your toes toward you"},
        checklists=[BEDTIME, DAY],
        ticks=ticks,
        trial=trial,
    )


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8", newline="")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; CRAMPGUIDE_UPDATE_GOLDEN=1 rewrites it"


def test_markdown_golden() -> None:
    check_golden("export-compare.md", to_markdown(sample()))


def test_json_golden() -> None:
    check_golden("export.json", to_json(sample()))


def test_json_holds_what_the_readme_promises() -> None:
    document = json.loads(to_json(sample()))
    assert (document["format"], document["version"]) == (FORMAT, VERSION) == ("crampguide-summary", 1)
    assert document["period"] == {
        "first_night": "2024-02-22",
        "last_night": "2024-03-14",
        "nights": 22,
        "day_start_hour": 4,
    }
    assert len(document["entries"]) == 7
    assert document["entries"][1]["note"] == 'said "ouch" | twice'
    assert document["entries"][1]["leg"] is None
    assert [c["id"] for c in document["checklists"]] == ["at-bedtime", "every-day"]
    assert document["checklists"][1]["ticks"] == {}  # the January tick is outside the period
    stretch = document["comparisons"][0]
    assert set(stretch) == {
        "checklist",
        "item",
        "nights_done",
        "cramp_nights_done",
        "nights_not_done",
        "cramp_nights_not_done",
        "enough",
    }
    assert (stretch["checklist"], stretch["item"]) == ("at-bedtime", "bedtime-stretch")
    # every night from the start to last night counts: the first record is in January
    assert stretch["nights_done"] + stretch["nights_not_done"] == 21
    assert stretch["enough"] is True
    covers = document["comparisons"][1]
    assert (covers["nights_done"], covers["enough"]) == (3, False)
    assert document["try"]["weeks"] == ["do", "skip"]
    assert document["try"]["state"] == "finished"
    assert document["try"]["nights_do"] == document["try"]["nights_skip"] == 7


def test_without_a_try_there_is_no_try_key_or_section() -> None:
    summary = sample(trial=None)
    assert "try" not in json.loads(to_json(summary))
    assert "## A try" not in to_markdown(summary)


def test_a_try_outside_the_period_is_left_out() -> None:
    old = Trial("at-bedtime", "bedtime-stretch", date(2023, 12, 1), 2, Phase.SKIP)
    assert sample(old).trial is None
    running = Trial("at-bedtime", "bedtime-stretch", date(2024, 3, 11), 4, Phase.SKIP)
    result = sample(running).trial
    assert result is not None and result.nights == 3
    assert "## A try: Stretch your calves before bed" in to_markdown(sample(running))
    assert "- **So far: 3 of 28 nights over:** Too few nights" in to_markdown(sample(running))


def test_markdown_without_checklists_is_unchanged() -> None:
    """The older summary (no checklists given) has no comparisons section."""
    summary = summarise(sample_entries(), now=NOW, start=START)
    assert summary.comparisons == () and "Nights with and without" not in to_markdown(summary)


def test_summarise_works_out_adherence_as_the_export_did() -> None:
    """Without `adherence`, one per checklist over the period, the same the export passed in before."""
    ticks = sample_ticks()
    worked_out = summarise(sample_entries(), now=NOW, start=START, checklists=[BEDTIME, DAY], ticks=ticks)
    assert worked_out.adherence == sample().adherence
    assert [a.checklist_id for a in worked_out.adherence] == ["at-bedtime", "every-day"]


def test_json_checklists_report_the_summarys_adherence() -> None:
    """The JSON reads the adherence the summary holds, as the Markdown table does, not a count of its own."""
    summary = sample()
    other = tuple(replace(a, complete_nights=a.nights, ticked_items=1) for a in summary.adherence)
    document = json.loads(to_json(replace(summary, adherence=other)))
    shown = [(c["nights_fully_done"], c["items_ticked"]) for c in document["checklists"]]
    assert shown == [(22, 1), (22, 1)]


def test_adherence_given_with_checklists_must_follow_them() -> None:
    """The JSON export looks each checklist's adherence up: a summary missing one must not be made."""
    with pytest.raises(ValueError, match="follow them"):
        summarise(
            [],
            now=NOW,
            start=START,
            checklists=(BEDTIME, DAY),
            adherence=[adherence(BEDTIME, {}, START, START)],
        )
