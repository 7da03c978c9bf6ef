"""Reading outside files: regular files only, a size limit before reading, TOML errors as one line.

Each case would hang, fill memory or print a traceback if a rule were missing. The command-line cases that
could hang or read without end run in a child with a timeout, so a hang fails the test rather than the suite;
the others run in-process.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MINIMAL_PACK, RunCli

from crampguide.reading import NotText, Refused, TomlProblem, TooLarge, parse_toml, read_bytes

NEEDS_FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
NEEDS_DEV_ZERO = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")


def fifo(path: Path) -> None:
    os.mkfifo(path)


def dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def huge(path: Path) -> None:
    with open(path, "wb") as file:
        file.truncate(20 * 1024 * 1024)  # sparse: no disk used


def nested(path: Path) -> None:
    path.write_bytes(b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n")


def folder(path: Path) -> None:
    path.mkdir()


MAKERS: dict[str, Callable[[Path], None]] = {
    "fifo": fifo,
    "dev-zero": dev_zero,
    "huge": huge,
    "nested-100000": nested,
    "folder": folder,
}
MARKS = {"fifo": [NEEDS_FIFO], "dev-zero": [NEEDS_DEV_ZERO]}
CASES = [pytest.param(name, marks=MARKS.get(name, []), id=name) for name in MAKERS]
COULD_HANG = {"fifo", "dev-zero"}


def test_read_bytes_takes_a_regular_file_up_to_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    assert read_bytes(path, 5) == b"12345"
    with pytest.raises(TooLarge, match=r"too large \(5 bytes; at most 4 bytes\)"):
        read_bytes(path, 4)
    with pytest.raises(FileNotFoundError):
        read_bytes(tmp_path / "missing", 5)


@NEEDS_FIFO
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(Refused, match="not a regular file"):
        read_bytes(tmp_path / "pipe", 100)


@NEEDS_DEV_ZERO
def test_dev_zero_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "zero").symlink_to("/dev/zero")
    with pytest.raises(Refused, match="not a regular file"):
        read_bytes(tmp_path / "zero", 100)


def test_toml_problems_are_one_line() -> None:
    with pytest.raises(NotText, match=r"not UTF-8 text \(bad byte at offset 4\)"):
        parse_toml(b"a = \xff")
    with pytest.raises(TomlProblem, match=r"^TOML syntax error at line 2, column 5: "):
        parse_toml(b"a = 1\nb = ]")
    with pytest.raises(TomlProblem, match=r"^TOML nested too deeply$"):
        parse_toml(b"a = " + b"[" * 100_000 + b"]" * 100_000)


@pytest.mark.parametrize("kind", CASES)
def test_an_answers_file_that_is_not_one_is_one_line_and_exit_1(
    kind: str, cli: RunCli, run_cli: RunCli, tmp_path: Path
) -> None:
    answers = tmp_path / "answers.toml"
    MAKERS[kind](answers)
    args = ("triage", "--content", MINIMAL_PACK, "--answers", answers)
    result = run_cli(*args, timeout=30) if kind in COULD_HANG else cli(*args)
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("crampguide: ") and str(answers) in line
    expected = {
        "huge": "too large (20.0 MiB; at most 1.0 MiB)",
        "nested-100000": "TOML nested too deeply",
    }.get(kind, "not a regular file")
    assert expected in line


@pytest.mark.parametrize("kind", CASES)
def test_a_user_file_that_is_not_one_is_one_line_and_nothing_is_lost(
    kind: str, cli: RunCli, run_cli: RunCli, data_dir: Path
) -> None:
    data_dir.mkdir()
    diary = data_dir / "diary.toml"
    MAKERS[kind](diary)
    args = ("log", "--data-dir", data_dir)
    result = run_cli(*args, timeout=30) if kind in COULD_HANG else cli(*args)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("crampguide: "), result.stderr
    if kind in ("huge", "nested-100000"):  # a file, just not a usable one: moved aside, the entry saved
        assert result.returncode == 0
        assert "could not be read" in lines[0] and "moved to" in lines[0]
        assert len(list(data_dir.glob("diary.unreadable-*.toml"))) == 1
    else:  # not a file at all: left alone, and nothing is written over it
        assert result.returncode == 1
        assert "not a regular file" in lines[0]
        assert diary.is_symlink() or not diary.is_file()


def test_escape_bytes_in_an_answers_file_are_shown_not_sent(cli: RunCli, tmp_path: Path) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('"\\u001b]0;pwned\\u0007" = true\n', "utf-8")
    result = cli("triage", "--content", MINIMAL_PACK, "--answers", answers)
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "\\x1b]0;pwned\\x07" in result.stderr
    assert result.stderr.count("\n") == 1
