"""`crampguide stretch [ROUTINE]`: unknown routines are refused before any screen is drawn."""

from __future__ import annotations

from pathlib import Path

from conftest import RunCli


def test_unknown_routine_exits_1_listing_the_known_ones(cli: RunCli) -> None:
    result = cli("stretch", "nosuch")
    assert result.returncode == 1
    assert "unknown routine 'nosuch'" in result.stderr
    for routine in ("cramp-now", "bedtime", "bedtime-seated", "daytime"):
        assert routine in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_a_content_pack_brings_its_own_routines(cli: RunCli, minimal_pack: Path) -> None:
    result = cli("--content", minimal_pack, "stretch", "nosuch")
    assert result.returncode == 1
    assert "known routines: routine-relief, routine-bedtime" in result.stderr


def test_a_known_routine_without_a_terminal_says_it_needs_one(run_cli: RunCli) -> None:
    result = run_cli("stretch", "bedtime")
    assert result.returncode == 1
    assert "needs a terminal" in result.stderr
    assert "\x1b[" not in result.stdout + result.stderr


def test_broken_content_is_reported_not_started(cli: RunCli, tmp_path: Path) -> None:
    result = cli("--content", tmp_path / "missing", "stretch")
    assert result.returncode == 1
    assert "content directory not found" in result.stderr
    assert "Traceback" not in result.stderr
