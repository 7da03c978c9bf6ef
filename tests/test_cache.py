"""The validated-content cache: a hit needs no Pydantic, and anything doubtful means validating again."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import cli_env

from crampguide.guide import cache
from crampguide.guide.cache import content_key, load
from crampguide.guide.errors import ContentError
from crampguide.guide.loader import load_guide


def cache_files(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob(f"{cache.PREFIX}*.pickle"))


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


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05junk"])
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
    assert entry.name == f"{cache.PREFIX}{content_key(other)}.pickle"


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
