"""The user files, one `UserFile` record each: settings, checklist ticks, the diary and the tries.

Each format says how a parsed TOML document becomes state and back; the file layer (`files.py`) does the
reading, writing, locking and moving aside, the same for all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from crampguide.checklist import DEFAULT_DAY_START_HOUR
from crampguide.diary import FIRST_YEAR, LAST_YEAR, DiaryEntry, Leg, check_day, parse_leg
from crampguide.store.files import UserFile
from crampguide.trial import Trial, parse_phase

# checklist id → night → ticked item ids
AllTicks = dict[str, dict[date, frozenset[str]]]


@dataclass(frozen=True)
class Settings:
    """User preferences. `keys` maps a binding id to a key, in the form Textual's keymap takes."""

    theme: str = "dark"
    disclaimer_accepted: bool = False
    mute: bool = False
    bedtime_look: bool = True  # switch to the bedtime theme while a bedtime routine runs
    day_start_hour: int = DEFAULT_DAY_START_HOUR
    keys: Mapping[str, str] = field(default_factory=dict)
    cramp_leg: Leg | None = None  # the last answer to first aid's "which leg?", offered first next time

    def __post_init__(self) -> None:
        if not isinstance(self.theme, str) or not self.theme.strip():
            raise ValueError(f"theme must be a name, not {self.theme!r}")
        for name in ("disclaimer_accepted", "mute", "bedtime_look"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be true or false, not {getattr(self, name)!r}")
        hour = self.day_start_hour
        if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
            raise ValueError(f"day_start_hour must be a whole hour from 0 to 23, not {hour!r}")
        if not isinstance(self.keys, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) and k and v for k, v in self.keys.items()
        ):
            raise ValueError("keys must map binding ids to keys, both as text")
        object.__setattr__(self, "keys", dict(self.keys))
        if self.cramp_leg is not None and not isinstance(self.cramp_leg, Leg):
            object.__setattr__(self, "cramp_leg", parse_leg(str(self.cramp_leg)))


SETTING_NAMES = frozenset(f.name for f in fields(Settings))
_ENTRY_FIELDS = frozenset({"id", "when", "leg", "severity", "minutes", "helped", "note"})
_TRY_FIELDS = frozenset({"checklist", "item", "start", "weeks", "first", "stopped"})


def _parse_settings(document: dict[str, Any]) -> Settings:
    unknown = set(document) - SETTING_NAMES
    if unknown:
        raise ValueError(f"unknown setting {sorted(unknown)[0]!r}")
    return Settings(**document)


def _dump_settings(settings: Settings) -> dict[str, Any]:
    return {
        "theme": settings.theme,
        "disclaimer_accepted": settings.disclaimer_accepted,
        "mute": settings.mute,
        "bedtime_look": settings.bedtime_look,
        "day_start_hour": settings.day_start_hour,
        "keys": dict(settings.keys),
        # TOML has no "none": an unanswered leg is simply left out.
        **({"cramp_leg": settings.cramp_leg.value} if settings.cramp_leg is not None else {}),
    }


def _parse_ticks(document: dict[str, Any]) -> AllTicks:
    unknown = set(document) - {"ticks"}
    if unknown:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r}")
    table = document.get("ticks", {})
    if not isinstance(table, dict):
        raise ValueError("'ticks' must be a table")
    result: AllTicks = {}
    for checklist_id, nights in table.items():
        if not isinstance(nights, dict):
            raise ValueError(f"ticks.{checklist_id} must be a table of nights")
        parsed: dict[date, frozenset[str]] = {}
        for night, items in nights.items():
            try:
                day = check_day(date.fromisoformat(night))
            except ValueError:
                raise ValueError(
                    f"ticks.{checklist_id}: {night!r} is not a date from {FIRST_YEAR} to {LAST_YEAR}"
                ) from None
            if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
                raise ValueError(f"ticks.{checklist_id}.{night} must be a list of item ids")
            if items:
                parsed[day] = frozenset(items)
        if parsed:
            result[checklist_id] = parsed
    return result


def _dump_ticks(ticks: AllTicks) -> dict[str, Any]:
    return {
        "ticks": {
            checklist_id: {night.isoformat(): sorted(items) for night, items in sorted(nights.items())}
            for checklist_id, nights in sorted(ticks.items())
        }
    }


@dataclass(frozen=True)
class DiaryFile:
    """The diary as read: the usable entries, and the tables that are not, to write back as they are.

    A hand-edited entry that cannot be used (a year-1 date, a severity of "bad") is skipped, not fatal, and
    never lost: `problems` says which and why, and the next write keeps its table unchanged.
    """

    entries: tuple[DiaryEntry, ...] = ()
    unusable: tuple[dict[str, Any], ...] = ()
    problems: tuple[str, ...] = ()

    def with_entries(self, entries: list[DiaryEntry]) -> DiaryFile:
        return replace(self, entries=tuple(entries))


MAX_KEPT_DEPTH = 16  # an unusable table is written back as it is; nothing real nests this deep


def _parse_diary(document: dict[str, Any]) -> DiaryFile:
    unknown = set(document) - {"entry"}
    if unknown:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r}")
    raw = document.get("entry", [])
    if not isinstance(raw, list):
        raise ValueError("'entry' must be a list of tables")
    entries: list[DiaryEntry] = []
    unusable: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"entry {number} is not a table")
        try:
            entry = _entry(item)
            if entry.id in seen:
                raise ValueError(f"it repeats the id {entry.id!r}")
        except (ValueError, TypeError, AttributeError) as error:
            if _depth(item) > MAX_KEPT_DEPTH:
                raise ValueError(f"entry {number} is nested too deeply") from None
            unusable.append(item)
            problems.append(f"{_label(item)}: {error}")
            continue
        seen.add(entry.id)
        entries.append(entry)
    return DiaryFile(tuple(entries), tuple(unusable), tuple(problems))


def _entry(item: dict[str, Any]) -> DiaryEntry:
    extra = set(item) - _ENTRY_FIELDS
    if extra:
        raise ValueError(f"unknown field {sorted(extra)[0]!r}")
    helped = item.get("helped", [])
    if not isinstance(helped, list):
        raise ValueError("'helped' must be a list")
    leg = item.get("leg")
    return DiaryEntry(
        id=item.get("id", ""),
        when=item.get("when"),  # type: ignore[arg-type]  # checked by DiaryEntry
        leg=parse_leg(leg) if isinstance(leg, str) else leg,
        severity=item.get("severity"),
        minutes=item.get("minutes"),
        helped=tuple(helped),
        note=item.get("note", ""),
    )


def _label(item: dict[str, Any]) -> str:
    """Names an entry the same way before and after a write (which moves unusable ones to the end)."""
    key = item.get("id")
    if isinstance(key, str) and key:
        return f"the entry with id {key!r}"
    when = item.get("when")
    return f"an entry with no id, dated {when}" if when is not None else "an entry with no id or date"


def _depth(value: object) -> int:
    """How deeply arrays and tables nest in `value`, counted without recursion."""
    deepest = 0
    pending: list[tuple[object, int]] = [(value, 0)]
    while pending:
        item, level = pending.pop()
        deepest = max(deepest, level)
        if isinstance(item, dict):
            pending.extend((child, level + 1) for child in item.values())
        elif isinstance(item, list):
            pending.extend((child, level + 1) for child in item)
    return deepest


def _dump_diary(diary: DiaryFile) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    for entry in sorted(diary.entries, key=lambda e: (e.when, e.id)):
        row: dict[str, Any] = {"id": entry.id, "when": entry.when}
        if entry.leg is not None:
            row["leg"] = entry.leg.value
        if entry.severity is not None:
            row["severity"] = entry.severity
        if entry.minutes is not None:
            row["minutes"] = entry.minutes
        if entry.helped:
            row["helped"] = list(entry.helped)
        if entry.note:
            row["note"] = entry.note
        rows.append(row)
    return {"entry": rows + list(diary.unusable)}


SETTINGS: UserFile[Settings] = UserFile(
    "settings.toml", "settings", _parse_settings, _dump_settings, Settings
)
CHECKLIST: UserFile[AllTicks] = UserFile("checklist.toml", "checklist ticks", _parse_ticks, _dump_ticks, dict)
DIARY: UserFile[DiaryFile] = UserFile("diary.toml", "diary", _parse_diary, _dump_diary, DiaryFile)


def _parse_tries(document: dict[str, Any]) -> list[Trial]:
    unknown = set(document) - {"try"}
    if unknown:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r}")
    raw = document.get("try", [])
    if not isinstance(raw, list):
        raise ValueError("'try' must be a list of tables")
    tries = []
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"try {number} is not a table")
        extra = set(item) - _TRY_FIELDS
        if extra:
            raise ValueError(f"try {number} has an unknown field {sorted(extra)[0]!r}")
        try:
            tries.append(
                Trial(
                    checklist_id=item.get("checklist", ""),
                    item_id=item.get("item", ""),
                    start=item.get("start"),  # type: ignore[arg-type]  # checked by Trial
                    weeks=item.get("weeks"),  # type: ignore[arg-type]
                    first=parse_phase(item.get("first")),
                    stopped=item.get("stopped"),
                )
            )
        except (ValueError, TypeError) as error:
            raise ValueError(f"try {number}: {error}") from None
    return sorted(tries, key=lambda t: t.start)


def _dump_tries(tries: list[Trial]) -> dict[str, Any]:
    rows = []
    for t in sorted(tries, key=lambda t: t.start):
        row: dict[str, Any] = {
            "checklist": t.checklist_id,
            "item": t.item_id,
            "start": t.start,
            "weeks": t.weeks,
            "first": t.first.value,
        }
        if t.stopped is not None:
            row["stopped"] = t.stopped
        rows.append(row)
    return {"try": rows}


TRIES: UserFile[list[Trial]] = UserFile("tries.toml", "tries", _parse_tries, _dump_tries, list)
