"""The file layer under the store: one data folder of small TOML files, and the promises kept for each.

- Writes are atomic (temporary file, fsync, `os.replace`, fsync of the folder): a crash or a kill leaves
  either the old file or the new one, never half of one.
- The app and the command line may run at once, so every change takes a lock file and re-reads the file
  under it before writing: no process overwrites what another has just saved.
- Files are read by `crampguide.reading`'s rules: regular files only, at most `MAX_FILE_BYTES`.
- A file that cannot be used is never overwritten. It is moved aside under a timestamped name, a message
  says where it went, and the store carries on with empty state. Something that is not a file at all (a
  folder, a FIFO) is left where it is: it is reported, and changes to it fail with `StoreError`.

Reads take no lock: atomic replacement means a reader always sees a whole file.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Generic, TypeVar

import tomli_w

from crampguide.atomic_write import fsync_dir, leftovers, write_atomically
from crampguide.reading import NotText, Refused, TomlProblem, TooLarge, parse_toml, read_bytes

VERSION = 1
LOCK_FILE = ".lock"
LOCK_TIMEOUT_SECONDS = 10.0
MAX_FILE_BYTES = 16 * 1024 * 1024  # years of nightly entries with long notes fit many times over

_T = TypeVar("_T")
_R = TypeVar("_R")


class StoreError(Exception):
    """A problem with the user's files that the user can act on; the message says what and where."""


class NotSaved(StoreError):
    """A change could not be written: the folder is read-only or missing, the disk is full, and the like.

    `path` is the file or folder that could not be written. Nothing was half written.
    """

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.path = path


class EntryNotFound(StoreError):
    """The entry is gone, perhaps deleted from another window or the command line."""


class _Unreadable(Exception):
    """The file exists but cannot be used; the message is the reason, for the user."""


@dataclass(frozen=True)
class UserFile(Generic[_T]):
    """One file format: its name in the data folder, what it holds (for messages), and how to read it.

    `parse` gets the document without its `version` and raises ValueError or TypeError if it is not in the
    expected shape; `dump` gives the document to write, `empty` the state of a missing file.
    """

    name: str
    what: str
    parse: Callable[[dict[str, Any]], _T]
    dump: Callable[[_T], dict[str, Any]]
    empty: Callable[[], _T]


def _parse_notices(document: dict[str, Any]) -> tuple[str, ...]:
    unknown = set(document) - {"notice"}
    if unknown:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r}")
    raw = document.get("notice", [])
    if not isinstance(raw, list) or not all(
        isinstance(item, dict) and set(item) == {"message"} and isinstance(item["message"], str)
        for item in raw
    ):
        raise ValueError("'notice' must be a list of tables with a message")
    return tuple(item["message"] for item in raw)


def _dump_notices(messages: tuple[str, ...]) -> dict[str, Any]:
    return {"notice": [{"message": message} for message in messages]}


NOTICES: UserFile[tuple[str, ...]] = UserFile(
    "notices.toml", "unseen messages", _parse_notices, _dump_notices, tuple
)
"""Messages the user has not yet seen (where a file was moved), kept until `DataFolder.mark_seen`."""


class DataFolder:
    """Reads and writes the user files in one folder; `clock` names the moved-aside copies."""

    def __init__(self, path: Path, clock: Callable[[], datetime]) -> None:
        self.path = Path(path)
        self._clock = clock
        self.warnings: list[str] = []
        self._reported: set[str] = set()
        self._thread_lock = threading.RLock()
        self._lock_fd: int | None = None
        self._lock_depth = 0
        self._notices_read = False

    def file_path(self, file: UserFile[Any]) -> Path:
        return self.path / file.name

    def pop_warnings(self) -> list[str]:
        """Messages not taken yet this session; the first call adds those left unseen by earlier runs."""
        with self._thread_lock:
            if not self._notices_read:
                self._notices_read = True
                if self.file_path(NOTICES).exists():
                    for message in self.read(NOTICES):
                        self.warn(message)
            taken, self.warnings = self.warnings, []
            return taken

    def mark_seen(self, messages: Iterable[str]) -> None:
        """The user has seen these: stop keeping them for the next start. Raises `StoreError`."""
        seen = set(messages)
        if not seen or not self.file_path(NOTICES).exists():
            return

        def change(old: tuple[str, ...]) -> tuple[tuple[str, ...], None]:
            return tuple(message for message in old if message not in seen), None

        self.modify(NOTICES, change)

    def _remember(self, message: str) -> None:
        """Keep a message about a moved file until the user has seen it, even if this run ends first."""

        def change(old: tuple[str, ...]) -> tuple[tuple[str, ...], None]:
            return (old if message in old else (*old, message)), None

        with suppress(StoreError):  # if it cannot be kept, it is still said this session
            self.modify(NOTICES, change)

    def warn(self, message: str) -> None:
        """Add a message for the user, once per folder and session."""
        with self._thread_lock:
            if message not in self._reported:
                self._reported.add(message)
                self.warnings.append(message)

    def read(self, file: UserFile[_T]) -> _T:
        """The file's state; empty (with a warning) if it cannot be used."""
        try:
            return _load(self.file_path(file), file)
        except _Unreadable:
            pass
        except StoreError as error:
            self.warn(str(error))
            return file.empty()
        # Recheck under the lock: another process may have just replaced the file, or moved it aside.
        try:
            return self._load_locked(file)
        except StoreError as error:
            self.warn(str(error))
            return file.empty()

    def modify(self, file: UserFile[_T], change: Callable[[_T], tuple[_T, _R]]) -> _R:
        """Read, change and write one file under the lock; returns what `change` returns beside the value."""
        with self.locked():
            new, result = change(self._load_locked(file))
            document = {"version": VERSION, **file.dump(new)}
            self._write(file, tomli_w.dumps(document).encode("utf-8"))
            return result

    def _load_locked(self, file: UserFile[_T]) -> _T:
        with self.locked():
            try:
                return _load(self.file_path(file), file)
            except _Unreadable as problem:
                self._move_aside(file, str(problem))
                return file.empty()

    def _write(self, file: UserFile[Any], data: bytes) -> None:
        path = self.file_path(file)
        for stale in leftovers(path):  # under the lock, so no other writer is using them
            stale.unlink(missing_ok=True)
        try:
            write_atomically(path, data)
        except OSError as error:
            raise NotSaved(
                f"Could not save your {file.what} to {path}: {error.strerror or error}", path
            ) from error

    def _move_aside(self, file: UserFile[Any], reason: str) -> None:
        path = self.file_path(file)
        stem, dot, suffix = file.name.rpartition(".")
        stamp = self._clock().strftime("%Y%m%d-%H%M%S")
        backup = self.path / f"{stem}.unreadable-{stamp}{dot}{suffix}"
        number = 1
        while backup.exists():
            number += 1
            backup = self.path / f"{stem}.unreadable-{stamp}-{number}{dot}{suffix}"
        try:
            os.rename(path, backup)
            fsync_dir(self.path)
        except FileNotFoundError:
            return
        except OSError as error:
            raise NotSaved(
                f"Your {file.what} file {path} could not be read ({reason}) and could not be moved aside "
                f"({error.strerror or error}). It has been left as it is, and changes will not be saved "
                "until it is moved or fixed.",
                path,
            ) from error
        message = (
            f"Your {file.what} file could not be read ({reason}). It was moved to {backup}, unchanged; "
            f"crampguide carries on with empty {file.what}."
        )
        self.warn(message)
        if file is not NOTICES:
            self._remember(message)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the data folder's lock file; re-entrant within one folder object."""
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
        lock_path = self.path / LOCK_FILE
        try:
            self.path.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise NotSaved(
                f"Cannot use the data folder {self.path}: {error.strerror or error}. "
                "Choose another with --data-dir or CRAMPGUIDE_DATA_DIR.",
                self.path,
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


def _load(path: Path, file: UserFile[_T]) -> _T:
    """Parse one file; a missing file is empty state, anything unusable raises _Unreadable."""
    try:
        raw = read_bytes(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        return file.empty()
    except TooLarge as error:
        raise _Unreadable(f"it is {error.strerror}") from None
    except (Refused, OSError) as error:
        raise StoreError(f"Cannot read {path}: {error.strerror or error}") from error
    if not raw.strip():
        raise _Unreadable("the file is empty")
    try:
        document = parse_toml(raw)
    except NotText:
        raise _Unreadable("it is not text") from None
    except TomlProblem as error:
        raise _Unreadable(f"it is not valid TOML: {error}") from None
    version = document.pop("version", None)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise _Unreadable("it has no valid 'version'")
    if version > VERSION:
        raise _Unreadable(
            f"it was written by a newer crampguide (file version {version}, this one reads {VERSION})"
        )
    try:
        return file.parse(document)
    except (ValueError, TypeError) as error:
        raise _Unreadable(f"it is not in the expected shape: {error}") from None


# --- locking, per platform ----------------------------------------------------------

if sys.platform == "win32":  # pragma: no cover - locking by byte range
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
