"""User data: settings, checklist ticks, the cramp diary and tries, as TOML files in the data folder.

This package is the only code that reads or writes them. `Store` is its public API; `files.py` is the file
layer (atomic, locked writes; size and regular-file limits; unusable files moved aside) and `formats.py`
holds one `UserFile` record per file format.

Errors, for the app and the commands to report:

- Every write (`update_settings`, `set_ticked`, `tick_routine`, `add_entry`, `update_entry`,
  `delete_entry`, `start_try`, `stop_try`, `mark_seen`) either completes or raises `StoreError`, whose
  message is one line for the user saying what was not saved and where. Nothing is half written.
- `NotSaved` (a `StoreError`) is the one to expect: the data folder is read-only or cannot be made, the
  disk is full, or a bad file could not be moved out of the way. Its `path` is the file or folder. Say it
  once, e.g. "Changes cannot be saved: <message>", and carry on: reads still work.
- `update_settings` keeps the change in memory for this session even when it raises `NotSaved`, so a
  first run on a read-only folder gets past the disclaimer and a theme change still shows. Other writes
  change nothing when they fail.
- `EntryNotFound` (a `StoreError`) means the entry was deleted elsewhere; `TryRunning` (one too) that a
  try is already running, since one runs at a time.
- `ValueError` means a value out of range; it is raised before anything is written.
- Reads never raise for a bad file: the store carries on with empty state and adds a message to
  `pop_warnings()`, such as where an unreadable file was moved.
- A message about a moved file is also kept in the data folder (`notices.toml`) until the caller says the
  user has seen it with `mark_seen(messages)`: each start's first `pop_warnings()` repeats the unseen ones.
  Call `mark_seen` once the message has been shown (the command line does so after printing it).

Settings are read once and then live in memory; a change re-reads the file under the lock, so what another
process saved meanwhile is kept.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection, Iterable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crampguide.checklist import items_for_routine, night_of
from crampguide.diary import DiaryEntry, Leg, check_when, newest_first, parse_leg
from crampguide.store.files import NOTICES, VERSION, DataFolder, EntryNotFound, NotSaved, StoreError
from crampguide.store.formats import (
    CHECKLIST,
    DIARY,
    SETTING_NAMES,
    SETTINGS,
    TRIES,
    AllTicks,
    DiaryFile,
    Settings,
)
from crampguide.trial import Trial

if TYPE_CHECKING:
    from crampguide.guide.models import Checklist

__all__ = [
    "CHECKLIST_FILE",
    "DIARY_FILE",
    "NOTICES_FILE",
    "SETTINGS_FILE",
    "TRIES_FILE",
    "VERSION",
    "AllTicks",
    "Clock",
    "EntryNotFound",
    "NotSaved",
    "Settings",
    "Store",
    "StoreError",
    "TryRunning",
    "local_now",
]

SETTINGS_FILE = SETTINGS.name
CHECKLIST_FILE = CHECKLIST.name
DIARY_FILE = DIARY.name
TRIES_FILE = TRIES.name
NOTICES_FILE = NOTICES.name

Clock = Callable[[], datetime]


class TryRunning(StoreError):
    """A try is already running; it has to finish or be stopped before another starts."""


def local_now() -> datetime:
    """The real clock: aware local time."""
    return datetime.now().astimezone()


class Store:
    """All reads and writes of user data. `clock` returns aware local time; tests inject a fixed one."""

    def __init__(self, data_dir: Path, clock: Clock = local_now) -> None:
        self.data_dir = Path(data_dir)
        self._clock = clock
        self._folder = DataFolder(self.data_dir, self.now)
        self._settings: Settings | None = None

    def now(self) -> datetime:
        moment = self._clock()
        return moment if moment.tzinfo is not None else moment.astimezone()

    @property
    def warnings(self) -> list[str]:
        """Messages not yet taken by `pop_warnings`."""
        return list(self._folder.warnings)

    def pop_warnings(self) -> list[str]:
        """Messages not yet shown this session, each once: files moved aside (also those from earlier runs
        not yet marked seen), entries skipped, files that cannot be read."""
        return self._folder.pop_warnings()

    def mark_seen(self, messages: Iterable[str]) -> None:
        """The user has seen these messages; a moved-file message stops being repeated at each start."""
        self._folder.mark_seen(messages)

    # --- settings ---------------------------------------------------------------------------

    def settings(self) -> Settings:
        """The settings, read from the file the first time only."""
        if self._settings is None:
            self._settings = self._folder.read(SETTINGS)
        return self._settings

    def update_settings(self, **changes: Any) -> Settings:
        """Change some settings, keeping any another process saved meanwhile; returns the result."""
        unknown = set(changes) - SETTING_NAMES
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")

        def change(old: Settings) -> tuple[Settings, Settings]:
            new = replace(old, **changes)
            return new, new

        try:
            self._settings = self._folder.modify(SETTINGS, change)
        except NotSaved:
            self._settings = replace(self.settings(), **changes)  # for this session, as documented
            raise
        return self._settings

    def tonight(self) -> date:
        """The night it is now, by the user's day start hour."""
        return night_of(self.now(), self.settings().day_start_hour)

    # --- checklist ticks --------------------------------------------------------------------

    def all_ticks(self) -> AllTicks:
        return self._folder.read(CHECKLIST)

    def ticks(self, checklist_id: str) -> dict[date, frozenset[str]]:
        return self.all_ticks().get(checklist_id, {})

    def set_ticked(self, checklist_id: str, item_id: str, ticked: bool, night: date | None = None) -> None:
        """Tick or untick one item for a night (default: tonight); saved at once."""
        self._set_ticks([(checklist_id, item_id)], ticked, night)

    def tick_routine(
        self, checklists: Iterable[Checklist], routine_id: str, night: date | None = None
    ) -> list[tuple[str, str]]:
        """Tick every item that finishing `routine_id` ticks; returns (checklist id, item id) of each."""
        items = items_for_routine(checklists, routine_id)
        if items:
            self._set_ticks(items, True, night)
        return items

    def _set_ticks(self, items: Collection[tuple[str, str]], ticked: bool, night: date | None) -> None:
        day = night if night is not None else self.tonight()

        def change(old: AllTicks) -> tuple[AllTicks, None]:
            new = {checklist: dict(nights) for checklist, nights in old.items()}
            for checklist_id, item_id in items:
                nights = new.setdefault(checklist_id, {})
                current = set(nights.get(day, ()))
                if ticked:
                    current.add(item_id)
                else:
                    current.discard(item_id)
                if current:
                    nights[day] = frozenset(current)
                else:
                    nights.pop(day, None)
            return {c: n for c, n in new.items() if n}, None

        self._folder.modify(CHECKLIST, change)

    # --- diary ------------------------------------------------------------------------------

    def entries(self) -> list[DiaryEntry]:
        """Every usable entry, newest first; each one skipped is reported once in `pop_warnings()`."""
        diary = self._folder.read(DIARY)
        for problem in diary.problems:
            self._folder.warn(
                f"Your diary file {self._folder.file_path(DIARY)} has an entry crampguide cannot use "
                f"({problem}). It is left in the file as it is and not shown; fix or delete it there."
            )
        return newest_first(diary.entries)

    def add_entry(
        self,
        *,
        when: datetime | None = None,
        leg: Leg | str | None = None,
        severity: int | None = None,
        minutes: int | None = None,
        helped: Iterable[str] = (),
        note: str = "",
    ) -> DiaryEntry:
        """Save a new entry (`when` defaults to now) and return it with its id.

        Raises ValueError with a message for the user if a value is out of range (`when` before 1900 or in
        the future included).
        """
        entry = DiaryEntry(
            id=uuid.uuid4().hex,
            when=_to_seconds(check_when(when, self.now()) if when is not None else self.now()),
            leg=parse_leg(leg) if isinstance(leg, str) else leg,
            severity=severity,
            minutes=minutes,
            helped=tuple(helped),
            note=note,
        )

        def change(old: DiaryFile) -> tuple[DiaryFile, None]:
            return old.with_entries([*old.entries, entry]), None

        self._folder.modify(DIARY, change)
        return entry

    def update_entry(self, entry: DiaryEntry) -> DiaryEntry:
        """Replace the entry with the same id; raises EntryNotFound if it has been deleted."""
        entry = replace(entry, when=_to_seconds(check_when(entry.when, self.now())))

        def change(old: DiaryFile) -> tuple[DiaryFile, None]:
            if not any(e.id == entry.id for e in old.entries):
                raise EntryNotFound("That diary entry no longer exists; it may have been deleted elsewhere.")
            return old.with_entries([entry if e.id == entry.id else e for e in old.entries]), None

        self._folder.modify(DIARY, change)
        return entry

    def delete_entry(self, entry_id: str) -> bool:
        """Delete an entry; False if it was already gone."""

        def change(old: DiaryFile) -> tuple[DiaryFile, bool]:
            kept = [e for e in old.entries if e.id != entry_id]
            return old.with_entries(kept), len(kept) < len(old.entries)

        return self._folder.modify(DIARY, change)

    # --- tries ------------------------------------------------------------------------------

    def tries(self) -> list[Trial]:
        """Every try, the oldest first; the last is the one running, if any is."""
        tries: list[Trial] = self._folder.read(TRIES)
        return tries

    def latest_try(self) -> Trial | None:
        return next(reversed(self.tries()), None)

    def start_try(self, planned: Trial) -> Trial:
        """Save a planned try, starting tonight; raises TryRunning if one is running already."""
        tonight = self.tonight()
        started = replace(planned, start=tonight, stopped=None)

        def change(old: list[Trial]) -> tuple[list[Trial], None]:
            running = next((t for t in old if t.running(tonight)), None)
            if running is not None:
                raise TryRunning(
                    f"A try of {running.item_id!r} is already running until the night of "
                    f"{running.end.isoformat()}; stop it before starting another."
                )
            return [t for t in old if t.start != tonight] + [started], None

        self._folder.modify(TRIES, change)
        return started

    def stop_try(self) -> Trial | None:
        """Stop the running try as of tonight, keeping it and its nights so far; None if none runs."""
        tonight = self.tonight()
        if not any(t.running(tonight) for t in self.tries()):
            return None  # nothing to write; the check is repeated under the lock

        def change(old: list[Trial]) -> tuple[list[Trial], Trial | None]:
            running = next((t for t in old if t.running(tonight)), None)
            if running is None:
                return old, None
            stopped = replace(running, stopped=tonight)
            return [stopped if t is running else t for t in old], stopped

        return self._folder.modify(TRIES, change)


def _to_seconds(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)
