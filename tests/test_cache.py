"""The validated-content cache: a hit needs no Pydantic, and anything doubtful means validating again."""

from __future__ import annotations

import errno
import json
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import RunCli, cli_env

from crampguide.guide import cache
from crampguide.guide.cache import content_key, load
from crampguide.guide.errors import ContentError
from crampguide.guide.loader import load_guide


def cache_files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob(f"{cache.PREFIX}*{cache.SUFFIX}"))


def test_first_load_validates_and_saves_then_the_cache_gives_the_same_guide(
    minimal_pack: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    first = load(minimal_pack, cache_dir)
    assert first == load_guide(minimal_pack)
    assert len(cache_files(cache_dir)) == 1
    assert load(minimal_pack, cache_dir) == first


def test_a_cache_hit_imports_neither_pydantic_nor_the_loader_nor_the_file_models(
    minimal_pack: Path, tmp_path: Path
) -> None:
    """The app's start-up path: only validation needs these, and each costs time before content shows."""
    cache_dir = tmp_path / "cache"
    load(minimal_pack, cache_dir)
    modules = ("pydantic", "crampguide.guide.loader", "crampguide.guide.files")
    code = (
        "import sys; from pathlib import Path; from crampguide.guide.cache import load; "
        f"guide = load(Path({str(minimal_pack)!r}), Path({str(cache_dir)!r})); "
        f"print(len(guide.causes), *(name in sys.modules for name in {modules!r}))"
    )
    result = subprocess.run([sys.executable, "-c", code], env=cli_env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["2", "False", "False", "False"]


def test_changed_content_is_validated_again(minimal_pack: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    load(minimal_pack, cache_dir)
    causes = minimal_pack / "causes.toml"
    causes.write_text(causes.read_text().replace('grade = "limited"', 'grade = "excellent"', 1))
    with pytest.raises(ContentError) as caught:
        load(minimal_pack, cache_dir)
    assert any(problem.field == "grade" for problem in caught.value.problems)


def test_broken_content_is_never_cached(minimal_pack: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    (minimal_pack / "sources.toml").write_text("nonsense = [")
    for _ in range(2):
        with pytest.raises(ContentError):
            load(minimal_pack, cache_dir)
    assert cache_files(cache_dir) == []


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a cache",
        b"\x80\x05junk",
        cache._MARK + b"{",
        cache._MARK + b"[]",
        cache._MARK + b'{"sources": []}',
        cache._MARK + b"[" * 100_000 + b"]" * 100_000,
    ],
    ids=["empty", "text", "pickle-like", "bad-json", "wrong-type", "wrong-shape", "nested-100000"],
)
def test_a_damaged_cache_file_is_a_miss(minimal_pack: Path, tmp_path: Path, damage: bytes) -> None:
    cache_dir = tmp_path / "cache"
    expected = load(minimal_pack, cache_dir)
    (entry,) = cache_files(cache_dir)
    entry.write_bytes(damage)
    assert load(minimal_pack, cache_dir) == expected
    assert entry.read_bytes() != damage


def test_only_the_current_entry_is_kept(minimal_pack: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    other = tmp_path / "other"
    shutil.copytree(minimal_pack, other)
    (other / "disclaimer.toml").write_text('[disclaimer]\ntitle = "Other"\nbody = "Another pack."\n')
    load(minimal_pack, cache_dir)
    load(other, cache_dir)
    (entry,) = cache_files(cache_dir)
    assert entry.name == f"{cache.PREFIX}{content_key(other)}{cache.SUFFIX}"


def test_an_unwritable_cache_folder_still_loads(minimal_pack: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    assert load(minimal_pack, blocked) == load_guide(minimal_pack)


def test_a_missing_content_file_is_reported_not_cached(minimal_pack: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    whole = content_key(minimal_pack)
    load(minimal_pack, cache_dir)
    (minimal_pack / "routines.toml").unlink()
    assert content_key(minimal_pack) not in {whole, None}
    with pytest.raises(ContentError) as caught:
        load(minimal_pack, cache_dir)
    assert [problem.file for problem in caught.value.problems] == ["routines.toml"]


def test_a_folder_without_content_has_no_key(tmp_path: Path) -> None:
    assert content_key(tmp_path) is None
    assert content_key(tmp_path / "missing") is None


class Plant:
    """A pickle that creates a file when it is loaded: what an attacker would put in the cache folder."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def test_a_planted_pickle_is_never_loaded(minimal_pack: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    marker = tmp_path / "marker"
    key = content_key(minimal_pack)
    payload = pickle.dumps(Plant(marker))
    for name in (f"{cache.PREFIX}{key}.pickle", f"{cache.PREFIX}{key}{cache.SUFFIX}"):
        (cache_dir / name).write_bytes(payload)
        (cache_dir / name).chmod(0o600)
    assert load(minimal_pack, cache_dir) == load_guide(minimal_pack)
    assert not marker.exists()
    assert [p.name for p in cache_dir.iterdir()] == [f"{cache.PREFIX}{key}{cache.SUFFIX}"]  # replaced


def test_a_forged_guide_that_skips_a_safety_rule_is_not_used(minimal_pack: Path, tmp_path: Path) -> None:
    """Well-formed JSON that makes the emergency answer self-care fails the triage checks: validate again."""
    cache_dir = tmp_path / "cache"
    honest = load(minimal_pack, cache_dir)
    (entry,) = cache_files(cache_dir)
    document = json.loads(entry.read_bytes()[len(cache._MARK) :])
    for outcome in document["triage"]["outcomes"]:
        outcome["disposition"] = "self-care"
    entry.write_bytes(cache._MARK + json.dumps(document).encode())
    assert load(minimal_pack, cache_dir) == honest
    assert all(o.disposition.value != "self-care" or o.id == "out-self-care" for o in honest.triage.outcomes)


def _cached_then(minimal_pack: Path, tmp_path: Path, change: Callable[[Path], None]) -> tuple[Path, Path]:
    cache_dir = tmp_path / "cache"
    load(minimal_pack, cache_dir)
    (entry,) = cache_files(cache_dir)
    change(entry)
    return cache_dir, entry


def _sentinel_guide(entry: Path) -> None:
    """Change a title in the cached guide, so a test can tell whether the cache file was used."""
    document = json.loads(entry.read_bytes()[len(cache._MARK) :])
    document["disclaimer"]["title"] = "FROM THE CACHE"
    entry.write_bytes(cache._MARK + json.dumps(document).encode())


def test_a_valid_cache_file_is_used(minimal_pack: Path, tmp_path: Path) -> None:
    cache_dir, _ = _cached_then(minimal_pack, tmp_path, _sentinel_guide)
    assert load(minimal_pack, cache_dir).disclaimer.title == "FROM THE CACHE"  # the tests below can fail


@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666])
def test_a_cache_file_others_may_write_is_ignored(minimal_pack: Path, tmp_path: Path, mode: int) -> None:
    def loosen(entry: Path) -> None:
        _sentinel_guide(entry)
        entry.chmod(mode)

    cache_dir, _ = _cached_then(minimal_pack, tmp_path, loosen)
    assert load(minimal_pack, cache_dir).disclaimer.title != "FROM THE CACHE"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_a_cache_file_owned_by_someone_else_is_ignored(minimal_pack: Path, tmp_path: Path) -> None:
    def give_away(entry: Path) -> None:
        _sentinel_guide(entry)
        os.chown(entry, 65534, 65534)

    cache_dir, _ = _cached_then(minimal_pack, tmp_path, give_away)
    assert load(minimal_pack, cache_dir).disclaimer.title != "FROM THE CACHE"


def test_a_link_in_place_of_the_cache_file_is_ignored(minimal_pack: Path, tmp_path: Path) -> None:
    def link(entry: Path) -> None:
        _sentinel_guide(entry)
        elsewhere = tmp_path / "elsewhere.json"
        entry.rename(elsewhere)
        entry.symlink_to(elsewhere)

    cache_dir, _ = _cached_then(minimal_pack, tmp_path, link)
    assert load(minimal_pack, cache_dir).disclaimer.title != "FROM THE CACHE"


NEEDS_FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


@pytest.mark.parametrize(
    "plant",
    [
        pytest.param(lambda path: os.mkfifo(path), id="fifo", marks=NEEDS_FIFO),
        pytest.param(lambda path: path.symlink_to("/dev/zero"), id="dev-zero"),
    ],
)
def test_a_pack_with_a_fifo_or_dev_zero_is_one_line_not_a_hang(
    minimal_pack: Path, run_cli: RunCli, plant: Callable[[Path], None]
) -> None:
    """Building the cache key reads only regular files: the app would wait on "Loading the guide" for ever."""
    (minimal_pack / "causes.toml").unlink()
    plant(minimal_pack / "causes.toml")
    assert content_key(minimal_pack) is None
    result = run_cli("export", "--content", minimal_pack, timeout=30)
    assert result.returncode == 1
    assert "causes.toml: -: -: cannot read the file: not a regular file" in result.stderr


def test_an_extra_fifo_beside_the_pack_does_not_hang_the_key(minimal_pack: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(minimal_pack / "notes.toml")
    assert content_key(minimal_pack) is None


def test_a_cache_write_that_fails_part_way_leaves_no_temporary_file(
    minimal_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills while the cache is synced: the guide comes from the content, nothing is left over."""
    cache_dir = tmp_path / "cache"

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    assert load(minimal_pack, cache_dir) == load_guide(minimal_pack)
    assert list(cache_dir.iterdir()) == []
    monkeypatch.undo()
    load(minimal_pack, cache_dir)
    assert [path.name for path in cache_dir.iterdir()] == [path.name for path in cache_files(cache_dir)]


@pytest.mark.parametrize(
    "left", [".tmp-k2j4xq9a", ".guide-0123abcd.json.5f3a9c1e.tmp"], ids=["earlier version", "killed writer"]
)
def test_temporary_files_a_failed_write_left_are_removed(
    minimal_pack: Path, tmp_path: Path, left: str
) -> None:
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / left).write_bytes(b"half of a guide")
    load(minimal_pack, cache_dir)
    assert list(cache_dir.iterdir()) == cache_files(cache_dir) != []


LIMIT_FILE_SIZE = """\
import resource, signal
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (1024, 1024))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="no file size limit to set")
def test_a_command_whose_cache_write_is_cut_short_works_from_the_content(
    minimal_pack: Path, tmp_path: Path, run_cli: RunCli, cli: RunCli
) -> None:
    """A process that may write only 1 KiB to a file: the cache write stops part-way; `read` still reads.

    The limit is the process's own, so that run is a child; what it should print comes from one in-process.
    """
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(LIMIT_FILE_SIZE)
    cache_dir = tmp_path / "cache"
    path = os.pathsep.join(p for p in (str(hook), cli_env().get("PYTHONPATH")) if p)
    env = {"CRAMPGUIDE_CACHE_DIR": str(cache_dir), "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}
    limited = run_cli("read", "key-points", "--content", minimal_pack, "--width", "80", env=env)
    assert (limited.returncode, limited.stderr) == (0, "")
    assert limited.stdout == cli("read", "key-points", "--content", minimal_pack, "--width", "80").stdout
    assert list(cache_dir.iterdir()) == []
