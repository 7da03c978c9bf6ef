"""The `cli` fixture runs a command in the test process and gives what `run_cli`'s child gives, to the byte.

Each command runs both ways here once, as `python -m crampguide COMMAND` and in-process, and the two results
must be equal; this also keeps one real process per command, so the entry point stays covered.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL_PACK, RunCli

from crampguide import cli as cli_module

PACK = str(MINIMAL_PACK)

# Every command, its usual output and an error of each kind: stdout, stderr, exit codes 0, 1 and 2, text
# beyond ASCII, answers typed on stdin and echoed. "{answers}" stands for an answers file, "{missing}" for a
# folder that does not exist. Not the app (no arguments, or triage and stretch with a routine): it needs a
# terminal and changes the garbage collector, so its tests keep a real process.
COMMANDS: list[tuple[str, list[str], str | None]] = [
    ("help", ["--help"], None),
    ("version", ["--version"], None),
    ("unknown-command", ["no-such-command"], None),
    ("validate", ["validate", PACK], None),
    ("validate-missing", ["validate", "{missing}"], None),
    ("schema", ["schema", "causes.toml"], None),
    ("schema-unknown", ["schema", "nope.toml"], None),
    ("log", ["log", "--when", "2024-03-02T01:30+01:00", "--leg", "left", "--note", "café ✓ – ok"], None),
    ("log-usage-error", ["log", "--severity", "0"], None),
    ("export", ["--content", PACK, "export", "--format", "csv", "--since", "2024-01-01"], None),
    ("read", ["--content", PACK, "read", "causes", "--width", "60"], None),
    ("read-unknown", ["--content", PACK, "read", "x\x1b[2Jy"], None),
    ("triage-answers", ["--content", PACK, "triage", "--answers", "{answers}", "--json"], None),
    ("triage-plain", ["--content", PACK, "triage", "--plain"], "n\nmaybe\ny\n"),
    ("triage-plain-input-ends", ["--content", PACK, "triage", "--plain"], "n\n"),
    ("stretch-unknown", ["--content", PACK, "stretch", "nosuch", "--plain"], None),
]


@pytest.mark.parametrize(
    ("args", "input"), [pytest.param(args, input, id=name) for name, args, input in COMMANDS]
)
def test_in_process_gives_what_the_child_gives(
    cli: RunCli, run_cli: RunCli, tmp_path: Path, args: list[str], input: str | None
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text("chest_pain_or_breathless = false\ncalf_swollen_warm_one_side = true\n", "utf-8")
    argv = [arg.format(answers=answers, missing=tmp_path / "missing") for arg in args]
    here = cli(*argv, input=input)
    child = run_cli(*argv, input=input)
    assert (here.returncode, here.stdout, here.stderr) == (child.returncode, child.stdout, child.stderr)
    assert here.stdout or here.stderr


def test_the_environment_folder_and_data_are_the_childs(cli: RunCli, data_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = cli("log", "--when", "2024-03-31T01:30", env={"TZ": "Europe/London"}, cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    if Path("/usr/share/zoneinfo/Europe/London").exists():
        assert "did not happen here (the clocks went forward)" in done.stdout
    assert (data_dir / "diary.toml").is_file()
    assert not (elsewhere / "data").exists()


def test_exit_codes_are_the_interpreters(cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    def exits(code: object) -> None:
        raise SystemExit(code)

    for code, status, stderr in [(None, 0, ""), (3, 3, ""), (257, 1, ""), (-1, 255, ""), ("bye", 1, "bye\n")]:
        monkeypatch.setattr(cli_module, "main", lambda argv, code=code: exits(code))
        done = cli("anything")
        assert (done.returncode, done.stderr) == (status, stderr), code


def test_an_exception_fails_the_test_as_a_traceback_would(
    cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    def breaks(argv: list[str]) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli_module, "main", breaks)
    with pytest.raises(RuntimeError, match="a bug"):
        cli("anything")


def test_a_command_that_changes_the_process_fails_the_test(
    cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Such a command would leave its change to the tests after it, so it needs `run_cli`."""
    previous = signal.getsignal(signal.SIGUSR1)

    def installs_a_handler(argv: list[str]) -> int:
        signal.signal(signal.SIGUSR1, lambda *_: None)
        return 0

    monkeypatch.setattr(cli_module, "main", installs_a_handler)
    try:
        with pytest.raises(pytest.fail.Exception, match="changed this process: signal handlers"):
            cli("anything")
    finally:
        signal.signal(signal.SIGUSR1, previous)


def test_the_test_process_gets_its_streams_back(cli: RunCli) -> None:
    streams = (sys.stdin, sys.stdout, sys.stderr)
    cli("--version")
    assert (sys.stdin, sys.stdout, sys.stderr) == streams


def test_a_command_that_leaves_a_file_open_fails_the_test(
    cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A child's files close when it exits; here an open file would stay open for the rest of the run."""
    left_open = []

    def opens_a_file(argv: list[str]) -> int:
        left_open.append(open(tmp_path / "left-open", "w"))  # noqa: SIM115 (the point of the test)
        return 0

    monkeypatch.setattr(cli_module, "main", opens_a_file)
    try:
        with pytest.raises(pytest.fail.Exception, match="changed this process: open files"):
            cli("anything")
    finally:
        left_open[0].close()
