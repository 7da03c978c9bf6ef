"""Tries in the user's files: one at a time, stopping, the versioned format, a corrupt then restored file."""

from __future__ import annotations

import random
import tomllib
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from crampguide.store import TRIES_FILE, Store, StoreError, TryRunning
from crampguide.trial import Phase, Trial, TrialState, plan

TZ = timezone(timedelta(hours=1))
NIGHT = date(2024, 3, 4)


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def nights_later(self, nights: int) -> None:
        self.moment += timedelta(days=nights)


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2024, 3, 4, 22, 15, tzinfo=TZ))  # the night of Mon 4 Mar


@pytest.fixture
def store(data_dir: Path, clock: Clock) -> Store:
    return Store(data_dir, clock)


def planned(first: Phase = Phase.DO, weeks: int = 4, start: date = NIGHT) -> Trial:
    return Trial("at-bedtime", "bedtime-stretch", start, weeks, first)


def test_no_try_until_one_starts(store: Store, data_dir: Path) -> None:
    assert store.tries() == [] and store.latest_try() is None
    assert store.stop_try() is None
    assert not data_dir.exists()


def test_a_try_starts_tonight_and_is_saved_as_versioned_toml(
    store: Store, data_dir: Path, clock: Clock
) -> None:
    clock.moment = datetime(2024, 3, 5, 1, 30, tzinfo=TZ)  # after midnight: still the night of 4 Mar
    started = store.start_try(planned(Phase.SKIP, start=date(2024, 3, 1)))
    assert started.start == NIGHT
    document = tomllib.loads((data_dir / TRIES_FILE).read_text("utf-8"))
    assert document == {
        "version": 1,
        "try": [
            {
                "checklist": "at-bedtime",
                "item": "bedtime-stretch",
                "start": NIGHT,
                "weeks": 4,
                "first": "skip",
            }
        ],
    }
    assert Store(data_dir, clock).latest_try() == started
    assert list(data_dir.glob(".*.tmp")) == []


def test_one_try_at_a_time(store: Store, clock: Clock) -> None:
    first = store.start_try(planned())
    with pytest.raises(TryRunning, match="already running until the night of 2024-03-31; stop it"):
        store.start_try(planned(weeks=2))
    assert store.tries() == [first]
    clock.nights_later(28)  # the first has ended: a new one may start
    second = store.start_try(plan("at-bedtime", "loosen-bedcovers", NIGHT, random.Random(3), weeks=2))
    assert second.start == date(2024, 4, 1)
    assert store.tries() == [first, second]
    assert store.latest_try() == second


def test_stopping_keeps_the_try_and_frees_the_slot(store: Store, clock: Clock) -> None:
    store.start_try(planned())
    clock.nights_later(9)
    stopped = store.stop_try()
    assert stopped is not None and stopped.stopped == date(2024, 3, 13)
    assert store.latest_try() == stopped
    assert stopped.state(date(2024, 3, 13)) is TrialState.STOPPED
    assert store.stop_try() is None  # nothing left to stop
    again = store.start_try(planned(weeks=2))
    assert [t.start for t in store.tries()] == [NIGHT, date(2024, 3, 13)] and again.stopped is None


def test_stopping_on_the_first_night_then_starting_again_keeps_one(store: Store) -> None:
    store.start_try(planned())
    assert store.stop_try() is not None
    store.start_try(planned(Phase.SKIP))
    (only,) = store.tries()
    assert only.first is Phase.SKIP and only.stopped is None


def test_a_try_survives_a_corrupt_file_and_comes_back_when_restored(
    store: Store, data_dir: Path, clock: Clock
) -> None:
    started = store.start_try(planned())
    good = (data_dir / TRIES_FILE).read_bytes()
    (data_dir / TRIES_FILE).write_bytes(good[: len(good) // 2])  # a half-written copy from a sync tool

    clock.nights_later(3)
    assert store.latest_try() is None  # unreadable: carried on without it, nothing overwritten
    (backup,) = data_dir.glob("tries.unreadable-*.toml")
    assert backup.read_bytes() == good[: len(good) // 2]
    (warning,) = store.pop_warnings()
    assert "Your tries file could not be read" in warning and str(backup) in warning

    # The user puts their backup copy back: the same try, the same plan, still running.
    (data_dir / TRIES_FILE).write_bytes(good)
    restored = store.latest_try()
    assert restored == started and restored.running(store.tonight())
    assert restored.phase(store.tonight()) is Phase.DO
    assert store.stop_try() == Trial(
        started.checklist_id, started.item_id, started.start, started.weeks, started.first, date(2024, 3, 7)
    )


def one_try(**fields: str) -> bytes:
    values = {
        "checklist": '"a"',
        "item": '"b"',
        "start": "2024-03-04",
        "weeks": "4",
        "first": '"do"',
        **fields,
    }
    return ("version = 1\n[[try]]\n" + "".join(f"{k} = {v}\n" for k, v in values.items())).encode()


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"version = 2\n", "newer crampguide"),
        (one_try(weeks="3"), "even number of weeks"),
        (one_try(start="2024-03-04T22:00:00"), "start must be a date"),
        (one_try(first='"maybe"'), "'do' or 'skip'"),
        (one_try(stopped="2024-03-01"), "stopped before it starts"),
        (one_try(who="1"), "unknown field 'who'"),
        (b'version = 1\ntry = "x"\n', "list of tables"),
        (b"version = 1\nother = 1\n", "unknown key"),
    ],
)
def test_a_bad_tries_file_is_moved_aside_with_the_reason(
    data_dir: Path, clock: Clock, raw: bytes, reason: str
) -> None:
    data_dir.mkdir()
    (data_dir / TRIES_FILE).write_bytes(raw)
    store = Store(data_dir, clock)
    assert store.tries() == []
    (warning,) = store.pop_warnings()
    assert reason in warning
    store.start_try(planned())  # a fresh file; the moved copy stays as it was
    (backup,) = data_dir.glob("tries.unreadable-*.toml")
    assert backup.read_bytes() == raw


def test_a_try_that_cannot_be_saved_says_so_and_changes_nothing(store: Store, data_dir: Path) -> None:
    (data_dir / TRIES_FILE).mkdir(parents=True)  # a folder where the file should be
    assert store.tries() == []
    assert "Cannot read" in store.pop_warnings()[0]
    with pytest.raises(StoreError, match="Cannot read"):
        store.start_try(planned())
    assert (data_dir / TRIES_FILE).is_dir()
