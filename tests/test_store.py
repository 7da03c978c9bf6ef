"""The store: settings, ticks and diary on disk; atomic writes, the lock, and files that cannot be read."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import CANNOT_BE_DENIED, NO_OVERRIDE, REPO, cli_env

from crampguide.diary import Leg
from crampguide.guide.models import Checklist, ChecklistItem
from crampguide.store import (
    CHECKLIST_FILE,
    DIARY_FILE,
    SETTINGS_FILE,
    EntryNotFound,
    NotSaved,
    Settings,
    Store,
    StoreError,
)
from crampguide.store import files as store_files

TZ = timezone(timedelta(hours=1))


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2024, 3, 1, 23, 30, 15, 123456, tzinfo=TZ))


@pytest.fixture
def store(data_dir: Path, clock: Clock) -> Store:
    return Store(data_dir, clock)


def read_toml(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text("utf-8"))


# --- settings -----------------------------------------------------------------------------------


def test_a_new_folder_gives_defaults_and_writes_nothing(store: Store, data_dir: Path) -> None:
    assert store.settings() == Settings()
    assert Settings() == Settings(
        theme="dark", disclaimer_accepted=False, mute=False, bedtime_look=True, day_start_hour=4, keys={}
    )
    assert store.all_ticks() == {}
    assert store.entries() == []
    assert not data_dir.exists()
    assert store.warnings == []


def test_settings_round_trip(store: Store, data_dir: Path, clock: Clock) -> None:
    changes = {"theme": "light", "mute": True, "day_start_hour": 5, "keys": {"app.quit": "ctrl+q"}}
    saved = Settings(**changes)  # type: ignore[arg-type]
    assert store.update_settings(**changes) == saved
    assert Store(data_dir, clock).settings() == saved
    document = read_toml(data_dir / SETTINGS_FILE)
    assert document["version"] == 1
    assert document["keys"] == {"app.quit": "ctrl+q"}
    assert "cramp_leg" not in document
    assert store.update_settings(cramp_leg="left").cramp_leg is Leg.LEFT
    assert Store(data_dir, clock).settings().cramp_leg is Leg.LEFT
    assert read_toml(data_dir / SETTINGS_FILE)["cramp_leg"] == "left"


def test_update_keeps_what_another_process_saved(data_dir: Path, clock: Clock) -> None:
    first, second = Store(data_dir, clock), Store(data_dir, clock)
    first.update_settings(disclaimer_accepted=True)
    result = second.update_settings(theme="bedtime")
    assert result.disclaimer_accepted and result.theme == "bedtime"
    assert Store(data_dir, clock).settings() == result
    assert first.update_settings(mute=True) == replace(result, mute=True)


def test_settings_are_read_once(store: Store, data_dir: Path, clock: Clock) -> None:
    store.update_settings(theme="light")
    Store(data_dir, clock).update_settings(theme="bedtime")  # another process
    assert store.settings().theme == "light"  # what this one read or saved; no file read per call
    (data_dir / SETTINGS_FILE).unlink()
    assert store.settings().theme == "light"


def test_update_rejects_unknown_and_bad_values(store: Store) -> None:
    with pytest.raises(TypeError, match="unknown settings: colour"):
        store.update_settings(colour="red")
    with pytest.raises(ValueError, match="day_start_hour"):
        store.update_settings(day_start_hour=24)
    with pytest.raises(ValueError, match="true or false"):
        Settings(mute="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="leg must be one of left, right, both"):
        store.update_settings(cramp_leg="middle")


# --- checklist ticks ----------------------------------------------------------------------------

BEDTIME = Checklist(
    id="at-bedtime",
    title="At bedtime",
    items=(
        ChecklistItem(id="stretch", text="Stretch", rule="stretch", routine="bedtime"),
        ChecklistItem(id="covers", text="Loosen covers", rule="covers"),
    ),
)


def test_ticks_at_half_past_eleven_and_half_past_one_land_on_the_same_night(
    store: Store, clock: Clock, data_dir: Path
) -> None:
    store.set_ticked("at-bedtime", "stretch", True)
    clock.moment = datetime(2024, 3, 2, 1, 30, tzinfo=TZ)
    assert store.tonight() == date(2024, 3, 1)
    store.set_ticked("at-bedtime", "covers", True)
    assert store.ticks("at-bedtime") == {date(2024, 3, 1): frozenset({"stretch", "covers"})}
    clock.moment = datetime(2024, 3, 2, 4, 0, tzinfo=TZ)
    assert store.tonight() == date(2024, 3, 2)
    assert read_toml(data_dir / CHECKLIST_FILE) == {
        "version": 1,
        "ticks": {"at-bedtime": {"2024-03-01": ["covers", "stretch"]}},
    }


def test_the_day_start_hour_setting_moves_the_boundary(store: Store, clock: Clock) -> None:
    clock.moment = datetime(2024, 3, 2, 5, 30, tzinfo=TZ)
    assert store.tonight() == date(2024, 3, 2)
    store.update_settings(day_start_hour=6)
    assert store.tonight() == date(2024, 3, 1)


def test_untick_and_explicit_nights(store: Store) -> None:
    store.set_ticked("at-bedtime", "stretch", True, date(2024, 2, 1))
    store.set_ticked("every-day", "water", True, date(2024, 2, 1))
    store.set_ticked("at-bedtime", "stretch", False, date(2024, 2, 1))
    store.set_ticked("at-bedtime", "never-ticked", False, date(2024, 2, 2))
    assert store.all_ticks() == {"every-day": {date(2024, 2, 1): frozenset({"water"})}}
    assert store.ticks("at-bedtime") == {}


def test_finishing_a_routine_ticks_its_item(store: Store) -> None:
    assert store.tick_routine([BEDTIME], "bedtime") == [("at-bedtime", "stretch")]
    assert store.ticks("at-bedtime") == {date(2024, 3, 1): frozenset({"stretch"})}
    assert store.tick_routine([BEDTIME], "cramp-now") == []


# --- diary --------------------------------------------------------------------------------------


def test_add_list_update_delete(store: Store, clock: Clock, data_dir: Path) -> None:
    first = store.add_entry(leg="left", severity=6, minutes=2, helped=["toe-pull"], note="woke me")
    assert first.when == datetime(2024, 3, 1, 23, 30, 15, tzinfo=TZ)  # stored to the second
    assert first.leg is Leg.LEFT
    clock.moment += timedelta(hours=2)
    second = store.add_entry()
    older = store.add_entry(when=datetime(2024, 2, 1, 22, 0, tzinfo=TZ), leg=Leg.BOTH)
    assert [e.id for e in store.entries()] == [second.id, first.id, older.id]
    assert Store(data_dir, clock).entries() == store.entries()

    changed = store.update_entry(replace(first, severity=8, note="worse than I said"))
    assert next(e for e in store.entries() if e.id == first.id) == changed
    assert store.delete_entry(second.id)
    assert not store.delete_entry(second.id)
    assert [e.id for e in store.entries()] == [first.id, older.id]
    with pytest.raises(EntryNotFound):
        store.update_entry(second)


def test_bad_values_are_refused_before_anything_is_written(store: Store, data_dir: Path) -> None:
    with pytest.raises(ValueError, match="severity"):
        store.add_entry(severity=0)
    with pytest.raises(ValueError, match="leg"):
        store.add_entry(leg="middle")
    assert not (data_dir / DIARY_FILE).exists()


def test_the_diary_file_is_plain_toml(store: Store, data_dir: Path) -> None:
    entry = store.add_entry(leg="right", severity=3, note='a "quoted"\nnote')
    document = read_toml(data_dir / DIARY_FILE)
    assert document == {
        "version": 1,
        "entry": [
            {
                "id": entry.id,
                "when": datetime(2024, 3, 1, 23, 30, 15, tzinfo=TZ),
                "leg": "right",
                "severity": 3,
                "note": 'a "quoted"\nnote',
            }
        ],
    }


def test_writes_leave_no_temporary_files(store: Store, data_dir: Path) -> None:
    (data_dir).mkdir()
    (data_dir / f".{DIARY_FILE}.deadbeef.tmp").write_text("left by a killed writer")
    for _ in range(3):
        store.add_entry()
    store.set_ticked("x", "y", True)
    store.update_settings(mute=True)
    assert sorted(p.name for p in data_dir.iterdir()) == [".lock", CHECKLIST_FILE, DIARY_FILE, SETTINGS_FILE]
    assert oct((data_dir / DIARY_FILE).stat().st_mode & 0o777) == "0o600"


def test_a_held_lock_makes_writers_wait_then_give_up(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fcntl

    monkeypatch.setattr(store_files, "LOCK_TIMEOUT_SECONDS", 0.2)
    data_dir.mkdir()
    with open(data_dir / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(StoreError, match="busy"):
            store.add_entry()
        assert store.entries() == []  # reads do not wait
    store.add_entry()
    assert len(store.entries()) == 1


# --- files that cannot be read ------------------------------------------------------------------

GOOD_DIARY = b'version = 1\n\n[[entry]]\nid = "abc"\nwhen = 2024-03-01T23:30:00+01:00\nleg = "left"\n'

CORRUPT = {
    "binary junk": b"\x00\xff\xfe\x89PNG\r\n\x1a\n\x00\x00garbage\xc3",
    "truncated": GOOD_DIARY[:50],
    "empty": b"",
    "wrong shape": b'version = 1\nentry = "not a list"\n',
    "entry not a table": b"version = 1\nentry = [1, 2]\n",
    "entry nested too deeply": GOOD_DIARY + b"[[entry]]\nnote = " + b"[" * 40 + b"]" * 40 + b"\n",
    "newer version": b'version = 2\n[[entry]]\nid = "a"\nwhen = 2024-03-01T23:30:00+01:00\n',
    "no version": b'[[entry]]\nid = "a"\nwhen = 2024-03-01T23:30:00+01:00\n',
}
OTHER_FILES = {
    SETTINGS_FILE: {
        "binary junk": b"\x89\x00\x01",
        "wrong shape": b"version = 1\ntheme = 3\n",
        "out of range": b"version = 1\nday_start_hour = 25\n",
        "newer version": b'version = 7\ntheme = "dark"\n',
    },
    CHECKLIST_FILE: {
        "truncated": b'version = 1\n[ticks.at-bedtime]\n2024-03-01 = ["stre',
        "wrong shape": b'version = 1\n[ticks.at-bedtime]\nyesterday = ["stretch"]\n',
        "newer version": b"version = 2\n",
    },
}
CASES = [(DIARY_FILE, kind, raw) for kind, raw in CORRUPT.items()] + [
    (name, kind, raw) for name, kinds in OTHER_FILES.items() for kind, raw in kinds.items()
]


@pytest.mark.parametrize(("name", "kind", "raw"), CASES, ids=[f"{n}-{k}" for n, k, _ in CASES])
def test_an_unreadable_file_is_moved_aside_and_kept(
    name: str, kind: str, raw: bytes, data_dir: Path, clock: Clock
) -> None:
    data_dir.mkdir()
    (data_dir / name).write_bytes(raw)
    store = Store(data_dir, clock)

    # The store still starts: every kind of state reads as empty or default.
    assert store.settings() == Settings()
    assert store.all_ticks() == {}
    assert store.entries() == []

    backup = data_dir / name.replace(".toml", ".unreadable-20240301-233015.toml")
    assert backup.read_bytes() == raw
    assert not (data_dir / name).exists()
    (warning,) = store.pop_warnings()
    assert str(backup) in warning and "could not be read" in warning
    if kind == "newer version":
        assert "newer crampguide" in warning

    store.add_entry()
    store.set_ticked("at-bedtime", "stretch", True)
    store.update_settings(mute=True)
    assert backup.read_bytes() == raw
    assert len(store.entries()) == 1
    assert store.pop_warnings() == []


BAD_ENTRIES = {
    "wrong field type": b'id = "b"\nwhen = 2024-03-02T23:30:00+01:00\nseverity = "bad"\n',
    "local time without zone": b'id = "b"\nwhen = 2024-03-01T23:30:00\n',
    "unknown field": b'id = "b"\nwhen = 2024-03-01T23:30:00+01:00\nmood = 3\n',
    "year 1": b'id = "b"\nwhen = 0001-01-01T01:00:00+00:00\n',
    "year 9999": b'id = "b"\nwhen = 9999-12-31T23:00:00+00:00\n',
    "year 1899": b'id = "b"\nwhen = 1899-12-31T23:00:00-05:00\n',
    "repeated id": b'id = "abc"\nwhen = 2024-03-02T23:30:00+01:00\n',
    "no id": b"when = 2024-03-02T23:30:00+01:00\n",
}


@pytest.mark.parametrize("kind", list(BAD_ENTRIES))
def test_a_bad_entry_is_reported_and_skipped_and_kept_in_the_file(
    kind: str, data_dir: Path, clock: Clock
) -> None:
    """A hand-edited entry that cannot be used costs neither the other entries nor itself."""
    data_dir.mkdir()
    (data_dir / DIARY_FILE).write_bytes(GOOD_DIARY + b"\n[[entry]]\n" + BAD_ENTRIES[kind])
    bad_table = read_toml(data_dir / DIARY_FILE)["entry"][1]  # type: ignore[index]
    store = Store(data_dir, clock)
    assert [e.id for e in store.entries()] == ["abc"]
    (warning,) = store.pop_warnings()
    assert "entry with" in warning and str(data_dir / DIARY_FILE) in warning and "left in the file" in warning
    assert "\n" not in warning

    added = store.add_entry(note="after")
    store.update_entry(replace(added, severity=3))
    assert sorted(e.id for e in store.entries()) == sorted(["abc", added.id])
    assert read_toml(data_dir / DIARY_FILE)["entry"][-1] == bad_table  # type: ignore[index]
    assert not list(data_dir.glob("diary.unreadable-*"))
    assert store.pop_warnings() == []  # said once


@pytest.mark.parametrize(
    "when",
    [
        datetime(1, 1, 1, 1, 0, tzinfo=UTC),
        datetime(1899, 12, 31, 23, 0, tzinfo=TZ),
        datetime(9999, 12, 31, 23, 0, tzinfo=UTC),
        datetime(2024, 3, 1, 23, 40, tzinfo=TZ),  # ten minutes after the clock
    ],
)
def test_entries_before_1900_or_in_the_future_are_refused(
    store: Store, data_dir: Path, when: datetime
) -> None:
    with pytest.raises(ValueError, match=r"before 1900|in the future"):
        store.add_entry(when=when)
    first = store.add_entry()
    with pytest.raises(ValueError, match=r"before 1900|in the future|not a date from 1900 to 2999"):
        store.update_entry(replace(first, when=when))
    assert store.entries() == [first]


def test_a_tick_on_a_night_outside_1900_to_2999_moves_the_ticks_aside(data_dir: Path, clock: Clock) -> None:
    data_dir.mkdir()
    raw = b'version = 1\n[ticks.at-bedtime]\n0001-01-01 = ["stretch"]\n2024-03-01 = ["covers"]\n'
    (data_dir / CHECKLIST_FILE).write_bytes(raw)
    store = Store(data_dir, clock)
    assert store.all_ticks() == {}
    (warning,) = store.pop_warnings()
    assert "'0001-01-01' is not a date from 1900 to 2999" in warning
    assert (data_dir / "checklist.unreadable-20240301-233015.toml").read_bytes() == raw


def test_a_second_bad_file_gets_its_own_backup(data_dir: Path, clock: Clock) -> None:
    data_dir.mkdir()
    store = Store(data_dir, clock)
    for raw in (b"first \x00", b"second \x00"):
        (data_dir / DIARY_FILE).write_bytes(raw)
        assert store.entries() == []
    backups = sorted(p.name for p in data_dir.glob("diary.unreadable-*"))
    assert backups == ["diary.unreadable-20240301-233015-2.toml", "diary.unreadable-20240301-233015.toml"]
    assert (data_dir / backups[0]).read_bytes() == b"second \x00"
    assert len(store.pop_warnings()) == 2


def test_a_write_never_overwrites_an_unreadable_file(data_dir: Path, clock: Clock) -> None:
    data_dir.mkdir()
    (data_dir / DIARY_FILE).write_bytes(b"version = 9\n")
    store = Store(data_dir, clock)
    entry = store.add_entry(note="first after the move")
    assert [e.id for e in store.entries()] == [entry.id]
    assert (data_dir / "diary.unreadable-20240301-233015.toml").read_bytes() == b"version = 9\n"
    assert len(store.warnings) == 1


def test_a_file_that_cannot_be_opened_is_reported_not_moved(data_dir: Path, clock: Clock) -> None:
    (data_dir / DIARY_FILE).mkdir(parents=True)  # a folder where the file should be
    store = Store(data_dir, clock)
    assert store.entries() == []
    assert "Cannot read" in store.pop_warnings()[0]
    with pytest.raises(StoreError):
        store.add_entry()
    assert (data_dir / DIARY_FILE).is_dir()


# --- crashes and concurrent writers -------------------------------------------------------------

WORKER = """
import sys
from pathlib import Path
from crampguide.store import Store

store = Store(Path(sys.argv[1]))
count, tag = int(sys.argv[2]), sys.argv[3]
print("ready", flush=True)
number = 0
while count == 0 or number < count:
    entry = store.add_entry(note=f"{tag}-{number}")
    print(entry.id, flush=True)
    number += 1
"""


def start_worker(tmp_path: Path, data_dir: Path, count: int, tag: str) -> subprocess.Popen[str]:
    script = tmp_path / "worker.py"
    if not script.exists():
        script.write_text(WORKER, "utf-8")
    return subprocess.Popen(
        [sys.executable, str(script), str(data_dir), str(count), tag],
        cwd=REPO,
        env=cli_env(),
        stdout=subprocess.PIPE,
        text=True,
    )


def test_killing_a_writer_at_random_moments_loses_no_finished_entry(tmp_path: Path, data_dir: Path) -> None:
    rng = random.Random(20240301)
    saved: set[str] = set()
    started = time.monotonic()
    kills = 0
    while kills < 35 and time.monotonic() - started < 16:
        worker = start_worker(tmp_path, data_dir, 0, f"round{kills}")
        assert worker.stdout is not None
        assert worker.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.06))
        worker.send_signal(signal.SIGKILL)
        output, _ = worker.communicate(timeout=10)
        kills += 1
        saved.update(line for line in output.split("\n")[:-1])  # the last piece may be half a line

        raw = (data_dir / DIARY_FILE).read_bytes() if (data_dir / DIARY_FILE).exists() else b"version = 1\n"
        tomllib.loads(raw.decode("utf-8"))
        reader = Store(data_dir)
        on_disk = {entry.id for entry in reader.entries()}
        assert reader.warnings == []
        assert saved <= on_disk, f"lost {len(saved - on_disk)} entries after kill {kills}"
    assert kills >= 15
    assert len(saved) > kills // 2  # the writers got going, so kills land mid-write and not only at start


def test_two_processes_adding_fifty_entries_each_end_with_a_hundred(tmp_path: Path, data_dir: Path) -> None:
    workers = [start_worker(tmp_path, data_dir, 50, tag) for tag in ("a", "b")]
    outputs = [worker.communicate(timeout=60)[0] for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0]
    entries = Store(data_dir).entries()
    assert len(entries) == 100
    assert len({e.id for e in entries}) == 100
    assert {e.note for e in entries} == {f"{tag}-{n}" for tag in "ab" for n in range(50)}
    assert {e.id for e in entries} == {line for out in outputs for line in out.split()[1:]}
    assert not list(data_dir.glob(".*.tmp"))


def test_store_module_loads_neither_textual_nor_pydantic() -> None:
    code = (
        "import sys, crampguide.store; print(sorted(m for m in ('textual', 'pydantic') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=cli_env(), capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# --- writes that fail ---------------------------------------------------------------------------


def test_a_full_disk_is_a_not_saved_error_and_changes_nothing(
    store: Store, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    kept = store.add_entry(note="before")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store_files.os, "fsync", full)
    with pytest.raises(
        NotSaved, match=r"^Could not save your diary to .*diary\.toml: No space left on device$"
    ):
        store.add_entry(note="lost")
    with pytest.raises(NotSaved) as raised:
        store.set_ticked("at-bedtime", "stretch", True)
    assert raised.value.path == data_dir / CHECKLIST_FILE
    with pytest.raises(NotSaved):
        store.update_settings(theme="light")
    assert store.settings().theme == "light"  # kept for this session, as the API promises
    monkeypatch.undo()
    assert store.entries() == [kept]
    assert Store(data_dir, store.now).settings().theme == "dark"
    assert sorted(p.name for p in data_dir.iterdir()) == [".lock", DIARY_FILE]


def test_a_moved_file_is_said_at_every_start_until_seen(data_dir: Path, clock: Clock) -> None:
    data_dir.mkdir()
    (data_dir / DIARY_FILE).write_bytes(b"not toml at all [")
    first = Store(data_dir, clock)
    assert first.entries() == []
    (said,) = first.pop_warnings()
    assert "moved to" in said

    second = Store(data_dir, clock)  # the next start: the app may have closed before anyone saw it
    assert second.pop_warnings() == [said]
    assert second.pop_warnings() == []  # once per session
    second.mark_seen([said])
    assert Store(data_dir, clock).pop_warnings() == []


READ_ONLY_SCRIPT = """
import sys
from pathlib import Path
from crampguide.store import NotSaved, Store

store = Store(Path(sys.argv[1]))
print(store.settings().disclaimer_accepted)
try:
    store.update_settings(disclaimer_accepted=True)
except NotSaved as error:
    print("not saved:", error.path, "|", error)
print(store.settings().disclaimer_accepted)
try:
    store.add_entry()
except NotSaved as error:
    print("not saved:", error.path, "|", error)
print(len(store.entries()), store.pop_warnings())
"""


@pytest.mark.skipif(CANNOT_BE_DENIED, reason="root without setpriv cannot be denied a write")
@pytest.mark.parametrize("with_files", [False, True], ids=["first-run", "existing-files"])
def test_a_read_only_data_folder(data_dir: Path, with_files: bool) -> None:
    """Run as a process that cannot override file permissions (root gives up the capabilities that would)."""
    data_dir.mkdir()
    if with_files:
        Store(data_dir).add_entry(note="kept")
    data_dir.chmod(0o555)
    try:
        result = subprocess.run(
            [*NO_OVERRIDE, sys.executable, "-c", READ_ONLY_SCRIPT, str(data_dir)],
            env=cli_env(),
            cwd=data_dir.parent,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        data_dir.chmod(0o755)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "False"
    assert lines[1].startswith("not saved: ") and "Permission denied" in lines[1]
    assert lines[2] == "True"  # the disclaimer stays accepted for the session
    assert lines[3].startswith("not saved: ")
    assert lines[4] == f"{1 if with_files else 0} []"
    assert sorted(p.name for p in data_dir.iterdir()) == ([".lock", DIARY_FILE] if with_files else [])
