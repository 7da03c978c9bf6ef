"""User data: settings, checklist ticks and the cramp diary, as three TOML files in the data folder.

This is the only module that reads or writes them, so the promises live in one place:

- Writes are atomic (temporary file, fsync, `os.replace`, fsync of the folder): a crash or a kill leaves
  either the old file or the new one, never half of one.
- The app and the command line may run at once, so every change takes a lock file and re-reads the file
  under it before writing: no process overwrites an entry another has just saved.
- A file that cannot be read is never overwritten. It is moved aside under a timestamped name, a message
  says where it went (`warnings`), and the store carries on with empty state.

Reads take no lock: atomic replacement means a reader always sees a whole file.
"""

from __future__ import annotations

import os
import sys
import threading
import time
import tomllib
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import tomli_w

from crampguide.checklist import DEFAULT_DAY_START_HOUR, items_for_routine, night_of
from crampguide.diary import DiaryEntry, Leg, newest_first, parse_leg

if TYPE_CHECKING:
    from crampguide.guide.models import Checklist

VERSION = 1
SETTINGS_FILE = "settings.toml"
CHECKLIST_FILE = "checklist.toml"
DIARY_FILE = "diary.toml"
LOCK_FILE = ".lock"
LOCK_TIMEOUT_SECONDS = 10.0

Clock = Callable[[], datetime]
# checklist id → night → ticked item ids
AllTicks = dict[str, dict[date, frozenset[str]]]

_T = TypeVar("_T")
_R = TypeVar("_R")


def local_now() -> datetime:
    """The real clock: aware local time."""
    return datetime.now().astimezone()


class StoreError(Exception):
    """A problem with the user's files that the user can act on; the message says what and where."""


class EntryNotFound(StoreError):
    """The entry is gone, perhaps deleted from another window or the command line."""


class _Unreadable(Exception):
    """The file exists but cannot be used; the message is the reason, for the user."""


@dataclass(frozen=True)
class Settings:
    """User preferences. `keys` maps a binding id to a key, in the form Textual's keymap takes."""

    theme: str = "dark"
    disclaimer_accepted: bool = False
    mute: bool = False
    bedtime_look: bool = True  # switch to the bedtime theme while a bedtime routine runs
    day_start_hour: int = DEFAULT_DAY_START_HOUR
    keys: Mapping[str, str] = field(default_factory=dict)

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


_SETTING_NAMES = frozenset(f.name for f in fields(Settings))
_ENTRY_FIELDS = frozenset({"id", "when", "leg", "severity", "minutes", "helped", "note"})
_WHAT = {SETTINGS_FILE: "settings", CHECKLIST_FILE: "checklist ticks", DIARY_FILE: "diary"}


class Store:
    """All reads and writes of user data. `clock` returns aware local time; tests inject a fixed one."""

    def __init__(self, data_dir: Path, clock: Clock = local_now) -> None:
        self.data_dir = Path(data_dir)
        self._clock = clock
        self.warnings: list[str] = []
        self._reported: set[str] = set()
        self._thread_lock = threading.RLock()
        self._lock_fd: int | None = None
        self._lock_depth = 0

    def now(self) -> datetime:
        moment = self._clock()
        return moment if moment.tzinfo is not None else moment.astimezone()

    def pop_warnings(self) -> list[str]:
        """Messages not yet shown (files moved aside); the app turns them into notifications."""
        with self._thread_lock:
            taken, self.warnings = self.warnings, []
            return taken

    # --- settings ---------------------------------------------------------------------------

    def settings(self) -> Settings:
        return self._read(SETTINGS_FILE, _parse_settings, Settings)

    def save_settings(self, settings: Settings) -> None:
        self._modify(SETTINGS_FILE, _parse_settings, Settings, lambda _old: (settings, None), _dump_settings)

    def update_settings(self, **changes: Any) -> Settings:
        """Change some settings, keeping any another process saved meanwhile; returns the result."""
        unknown = set(changes) - _SETTING_NAMES
        if unknown:
            raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")

        def change(old: Settings) -> tuple[Settings, Settings]:
            new = replace(old, **changes)
            return new, new

        return self._modify(SETTINGS_FILE, _parse_settings, Settings, change, _dump_settings)

    def tonight(self) -> date:
        """The night it is now, by the user's day start hour."""
        return night_of(self.now(), self.settings().day_start_hour)

    # --- checklist ticks --------------------------------------------------------------------

    def all_ticks(self) -> AllTicks:
        return self._read(CHECKLIST_FILE, _parse_ticks, _no_ticks)

    def ticks(self, checklist_id: str) -> dict[date, frozenset[str]]:
        return self.all_ticks().get(checklist_id, {})

    def tick(self, checklist_id: str, item_id: str, night: date | None = None) -> None:
        self.set_ticked(checklist_id, item_id, True, night)

    def untick(self, checklist_id: str, item_id: str, night: date | None = None) -> None:
        self.set_ticked(checklist_id, item_id, False, night)

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
        with self._locked():
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

            self._modify(CHECKLIST_FILE, _parse_ticks, _no_ticks, change, _dump_ticks)

    # --- diary ------------------------------------------------------------------------------

    def entries(self) -> list[DiaryEntry]:
        """Every entry, newest first."""
        return newest_first(self._read(DIARY_FILE, _parse_diary, _no_entries))

    def entry(self, entry_id: str) -> DiaryEntry | None:
        return next((e for e in self._read(DIARY_FILE, _parse_diary, _no_entries) if e.id == entry_id), None)

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

        Raises ValueError with a message for the user if a value is out of range.
        """
        entry = DiaryEntry(
            id=uuid.uuid4().hex,
            when=_to_seconds(when if when is not None else self.now()),
            leg=parse_leg(leg) if isinstance(leg, str) else leg,
            severity=severity,
            minutes=minutes,
            helped=tuple(helped),
            note=note,
        )

        def change(old: list[DiaryEntry]) -> tuple[list[DiaryEntry], None]:
            return [*old, entry], None

        self._modify(DIARY_FILE, _parse_diary, _no_entries, change, _dump_diary)
        return entry

    def update_entry(self, entry: DiaryEntry) -> DiaryEntry:
        """Replace the entry with the same id; raises EntryNotFound if it has been deleted."""
        entry = replace(entry, when=_to_seconds(entry.when))

        def change(old: list[DiaryEntry]) -> tuple[list[DiaryEntry], None]:
            if not any(e.id == entry.id for e in old):
                raise EntryNotFound("That diary entry no longer exists; it may have been deleted elsewhere.")
            return [entry if e.id == entry.id else e for e in old], None

        self._modify(DIARY_FILE, _parse_diary, _no_entries, change, _dump_diary)
        return entry

    def delete_entry(self, entry_id: str) -> bool:
        """Delete an entry; False if it was already gone."""

        def change(old: list[DiaryEntry]) -> tuple[list[DiaryEntry], bool]:
            kept = [e for e in old if e.id != entry_id]
            return kept, len(kept) < len(old)

        return self._modify(DIARY_FILE, _parse_diary, _no_entries, change, _dump_diary)

    # --- reading and writing ----------------------------------------------------------------

    def _path(self, name: str) -> Path:
        return self.data_dir / name

    def _read(self, name: str, parse: Callable[[dict[str, Any]], _T], empty: Callable[[], _T]) -> _T:
        try:
            return _load(self._path(name), parse, empty)
        except _Unreadable:
            pass
        except StoreError as error:
            self._warn(str(error))
            return empty()
        # Recheck under the lock: another process may have just replaced the file, or moved it aside.
        try:
            return self._load_locked(name, parse, empty)
        except StoreError as error:
            self._warn(str(error))
            return empty()

    def _load_locked(self, name: str, parse: Callable[[dict[str, Any]], _T], empty: Callable[[], _T]) -> _T:
        with self._locked():
            try:
                return _load(self._path(name), parse, empty)
            except _Unreadable as problem:
                self._move_aside(name, str(problem))
                return empty()

    def _modify(
        self,
        name: str,
        parse: Callable[[dict[str, Any]], _T],
        empty: Callable[[], _T],
        change: Callable[[_T], tuple[_T, _R]],
        dump: Callable[[_T], dict[str, Any]],
    ) -> _R:
        """Read, change and write one file under the lock; returns what `change` returns beside the value."""
        with self._locked():
            new, result = change(self._load_locked(name, parse, empty))
            document = {"version": VERSION, **dump(new)}
            self._write(name, tomli_w.dumps(document).encode("utf-8"))
            return result

    def _write(self, name: str, data: bytes) -> None:
        path = self._path(name)
        for stale in self.data_dir.glob(f".{name}.*.tmp"):  # left by a writer that was killed
            stale.unlink(missing_ok=True)
        temporary = self.data_dir / f".{name}.{uuid.uuid4().hex[:8]}.tmp"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(temporary, path)
            _fsync_dir(self.data_dir)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise StoreError(
                f"Could not save your {_WHAT[name]} to {path}: {error.strerror or error}"
            ) from error

    def _move_aside(self, name: str, reason: str) -> None:
        path = self._path(name)
        stem, dot, suffix = name.rpartition(".")
        stamp = self.now().strftime("%Y%m%d-%H%M%S")
        backup = self.data_dir / f"{stem}.unreadable-{stamp}{dot}{suffix}"
        number = 1
        while backup.exists():
            number += 1
            backup = self.data_dir / f"{stem}.unreadable-{stamp}-{number}{dot}{suffix}"
        try:
            os.rename(path, backup)
            _fsync_dir(self.data_dir)
        except FileNotFoundError:
            return
        except OSError as error:
            raise StoreError(
                f"Your {_WHAT[name]} file {path} could not be read ({reason}) and could not be moved aside "
                f"({error.strerror or error}). It has been left as it is, and changes will not be saved "
                "until it is moved or fixed."
            ) from error
        self._warn(
            f"Your {_WHAT[name]} file could not be read ({reason}). It was moved to {backup}, unchanged; "
            f"crampguide carries on with empty {_WHAT[name]}."
        )

    def _warn(self, message: str) -> None:
        with self._thread_lock:
            if message not in self._reported:
                self._reported.add(message)
                self.warnings.append(message)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold the data folder's lock file; re-entrant within one Store."""
        with self._thread_lock:
            if self._lock_depth == 0:
                self._lock_fd = self._acquire()
            self._lock_depth += 1
            try:
                yield
            finally:
                self._lock_depth -= 1
                if self._lock_depth == 0 and self._lock_fd is not None:
                    _unlock(self._lock_fd)
                    os.close(self._lock_fd)
                    self._lock_fd = None

    def _acquire(self) -> int:
        lock_path = self._path(LOCK_FILE)
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise StoreError(
                f"Cannot use the data folder {self.data_dir}: {error.strerror or error}. "
                "Choose another with --data-dir or CRAMPGUIDE_DATA_DIR."
            ) from error
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        delay = 0.002
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                os.close(fd)
                raise StoreError(
                    f"Your data is busy: another crampguide has held {lock_path} for over "
                    f"{LOCK_TIMEOUT_SECONDS:.0f} seconds. Try again in a moment."
                )
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        return fd


# --- locking and syncing, per platform ----------------------------------------------------------

if sys.platform == "win32":  # pragma: no cover - locking by byte range; folders cannot be fsynced
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def _fsync_dir(directory: Path) -> None:
        pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _fsync_dir(directory: Path) -> None:
        """Make the rename itself durable, not just the file's bytes."""
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --- file formats -----------------------------------------------------------------------------


def _load(path: Path, parse: Callable[[dict[str, Any]], _T], empty: Callable[[], _T]) -> _T:
    """Parse one file; a missing file is empty state, anything unusable raises _Unreadable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return empty()
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}") from error
    if not raw.strip():
        raise _Unreadable("the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise _Unreadable("it is not text") from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _Unreadable(f"it is not valid TOML: {error}") from None
    version = document.pop("version", None)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _Unreadable("it has no valid 'version'")
    if version > VERSION:
        raise _Unreadable(
            f"it was written by a newer crampguide (file version {version}, this one reads {VERSION})"
        )
    try:
        return parse(document)
    except (ValueError, TypeError) as error:
        raise _Unreadable(f"it is not in the expected shape: {error}") from None


def _parse_settings(document: dict[str, Any]) -> Settings:
    unknown = set(document) - _SETTING_NAMES
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
                day = date.fromisoformat(night)
            except ValueError:
                raise ValueError(f"ticks.{checklist_id}: {night!r} is not a date") from None
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


def _parse_diary(document: dict[str, Any]) -> list[DiaryEntry]:
    unknown = set(document) - {"entry"}
    if unknown:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r}")
    raw = document.get("entry", [])
    if not isinstance(raw, list):
        raise ValueError("'entry' must be a list of tables")
    entries: list[DiaryEntry] = []
    seen: set[str] = set()
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            raise ValueError(f"entry {number} is not a table")
        extra = set(item) - _ENTRY_FIELDS
        if extra:
            raise ValueError(f"entry {number} has an unknown field {sorted(extra)[0]!r}")
        helped = item.get("helped", [])
        if not isinstance(helped, list):
            raise ValueError(f"entry {number}: 'helped' must be a list")
        leg = item.get("leg")
        try:
            entry = DiaryEntry(
                id=item.get("id", ""),
                when=item.get("when"),  # type: ignore[arg-type]  # checked by DiaryEntry
                leg=parse_leg(leg) if isinstance(leg, str) else leg,
                severity=item.get("severity"),
                minutes=item.get("minutes"),
                helped=tuple(helped),
                note=item.get("note", ""),
            )
        except (ValueError, TypeError, AttributeError) as error:
            raise ValueError(f"entry {number}: {error}") from None
        if entry.id in seen:
            raise ValueError(f"entry {number} repeats the id {entry.id!r}")
        seen.add(entry.id)
        entries.append(entry)
    return entries


def _dump_diary(entries: list[DiaryEntry]) -> dict[str, Any]:
    rows = []
    for entry in sorted(entries, key=lambda e: (e.when, e.id)):
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
    return {"entry": rows}


def _no_entries() -> list[DiaryEntry]:
    return []


def _no_ticks() -> AllTicks:
    return {}


def _to_seconds(moment: datetime) -> datetime:
    return moment.replace(microsecond=0)
