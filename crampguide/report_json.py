"""`crampguide export --format json`: the doctor summary as one JSON object, for other tools.

This is a stable format (README, "The JSON export"): `format` and `version` name it, fields are only ever
added within a version, and a change that could break a reader raises the version. Dates are ISO 8601
nights (`YYYY-MM-DD`, the date a night starts), times keep their offsets, and a value not recorded is null.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from crampguide.diary import DiaryEntry
from crampguide.report import Summary
from crampguide.trial import TrialResult

if TYPE_CHECKING:
    from crampguide.checklist import Adherence
    from crampguide.guide.models import Checklist

FORMAT = "crampguide-summary"
VERSION = 1


def to_json(summary: Summary) -> str:
    s = summary
    kept = {a.checklist_id: a for a in s.adherence}
    document: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "made": s.made.isoformat(timespec="seconds"),
        "period": {
            "first_night": s.start.isoformat(),
            "last_night": s.end.isoformat(),
            "nights": s.nights,
            "day_start_hour": s.day_start_hour,
        },
        "entries": [_entry(s, entry) for entry in s.entries],
        "checklists": [_checklist(s, checklist, kept[checklist.id]) for checklist in s.checklists],
        "comparisons": [
            {
                "checklist": c.checklist_id,
                "item": c.item_id,
                "nights_done": c.tally.nights_with,
                "cramp_nights_done": c.tally.cramp_nights_with,
                "nights_not_done": c.tally.nights_without,
                "cramp_nights_not_done": c.tally.cramp_nights_without,
                "enough": c.tally.enough,
            }
            for c in s.comparisons
        ],
    }
    if s.trial is not None:
        document["try"] = _try(s.trial)
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _entry(summary: Summary, entry: DiaryEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "night": entry.night(summary.day_start_hour).isoformat(),
        "when": entry.when.isoformat(timespec="seconds"),
        "leg": entry.leg.value if entry.leg is not None else None,
        "severity": entry.severity,
        "minutes": entry.minutes,
        "helped": [{"id": h, "title": summary.helped_title(h)} for h in entry.helped],
        "note": entry.note,
    }


def _checklist(summary: Summary, checklist: Checklist, kept: Adherence) -> dict[str, Any]:
    nights = summary.ticks.get(checklist.id, {})
    return {
        "id": checklist.id,
        "title": checklist.title,
        "items": [{"id": item.id, "text": item.text} for item in checklist.items],
        "nights_fully_done": kept.complete_nights,
        "items_ticked": kept.ticked_items,
        "items_possible": kept.possible_items,
        "ticks": {
            night.isoformat(): sorted(items)
            for night, items in sorted(nights.items())
            if summary.start <= night <= summary.end and items
        },
    }


def _try(result: TrialResult) -> dict[str, Any]:
    t = result.trial
    return {
        "checklist": t.checklist_id,
        "item": t.item_id,
        "first_night": t.start.isoformat(),
        "last_night": t.end.isoformat(),
        "weeks": [week.phase.value for week in t.plan()],
        "stopped_night": t.stopped.isoformat() if t.stopped is not None else None,
        "state": result.state.value,
        "nights_do": result.tally.nights_with,
        "cramp_nights_do": result.tally.cramp_nights_with,
        "nights_skip": result.tally.nights_without,
        "cramp_nights_skip": result.tally.cramp_nights_without,
        "ticked_do_nights": result.done_on_do,
        "ticked_skip_nights": result.done_on_skip,
        "enough": result.tally.enough,
    }
