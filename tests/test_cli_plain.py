"""`triage --plain` and `stretch ROUTINE --plain` on the command line: pipes, terminals, Ctrl-C, bad input."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import MINIMAL_PACK, RunCli, cli_env
from pty_helpers import as_at_a_terminal, crampguide_command, pty_env

from crampguide.cli import main
from crampguide.commands import plain
from crampguide.guide.facts import Disposition
from crampguide.routine import READY_INSTRUCTION
from crampguide.store import Store

# --- triage --plain ---------------------------------------------------------------------------------


def test_triage_plain_reads_answers_from_a_pipe_and_prints_the_outcome(cli: RunCli) -> None:
    done = cli("--content", MINIMAL_PACK, "triage", "--plain", input="n\nmaybe\ny\n")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout.splitlines()
    # The typed answers are echoed after their prompts, so the transcript reads as a dialogue.
    assert "Answer (y/n): n" in out
    assert "Answer (y/n): maybe" in out
    heading = out.index(f"{Disposition.URGENT.label}: Outcome: urgent")
    assert out[heading - 1] == ""
    assert out[heading + 1 :] == [
        "What to do now: What to do now: urgent.",
        "Why: Why: urgent.",
        "Because:",
        "- you said yes to the calf question",
        "Sources:",
        "- Test source one — Test publisher, 2020. https://example.org/one",
    ]
    assert "\x1b" not in done.stdout


def test_triage_plain_end_of_input_is_a_message_not_a_traceback(cli: RunCli) -> None:
    done = cli("--content", MINIMAL_PACK, "triage", "--plain", input="n\n")
    assert done.returncode == 1
    assert done.stderr.startswith("crampguide: Input ended before an outcome")
    assert len(done.stderr.splitlines()) == 1
    assert "Question 2 of at most 3" in done.stdout


def test_triage_plain_quit_says_nothing_was_decided(cli: RunCli) -> None:
    done = cli("--content", MINIMAL_PACK, "triage", "--plain", input="q\n")
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1].startswith("Stopped before an outcome")


def test_triage_plain_refuses_an_answers_file(cli: RunCli, tmp_path: Path) -> None:
    done = cli("triage", "--plain", "--answers", tmp_path / "answers.toml")
    assert done.returncode == 1
    assert done.stderr == "crampguide: --plain asks the questions itself; leave out --answers\n"


def test_triage_plain_with_broken_content_reports_it(cli: RunCli, tmp_path: Path) -> None:
    done = cli("--content", tmp_path / "missing", "triage", "--plain", input="n\n")
    assert done.returncode == 1
    assert "content directory not found" in done.stderr
    assert "Traceback" not in done.stderr


# --- stretch --plain --------------------------------------------------------------------------------


def test_stretch_plain_unknown_routine_is_refused_as_before(cli: RunCli) -> None:
    done = cli("--content", MINIMAL_PACK, "stretch", "nosuch", "--plain")
    assert done.returncode == 1
    assert done.stderr == (
        "crampguide: unknown routine 'nosuch'; known routines: routine-relief, routine-bedtime\n"
    )
    assert done.stdout == ""


def test_quiet_without_plain_is_refused(cli: RunCli) -> None:
    done = cli("stretch", "--quiet")
    assert done.returncode == 1
    assert "--quiet goes with --plain" in done.stderr


class FakeTime:
    """Stands in for the `time` module: sleeping moves the clock on at once."""

    def __init__(self) -> None:
        self.now = 500.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds >= 0
        self.now += seconds


def test_stretch_plain_runs_to_the_end_and_ticks_the_checklist(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    fake = FakeTime()
    monkeypatch.setattr(plain, "time", fake)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(
        ["--content", str(MINIMAL_PACK), "--data-dir", str(data_dir), "stretch", "routine-bedtime", "--plain"]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Bedtime routine: about 2 minutes."
    assert lines[1].startswith(f"{READY_INSTRUCTION} Step 1 of 2, left leg: Exercise one. 2 times 20 seconds")
    assert lines[2] == "Start now: 20 seconds, round 1 of 2."
    assert lines[-2].startswith("Done. Well done.")
    assert lines[-1] == "Ticked on your Prevention checklist: Checklist item done by the bedtime routine."
    assert "\a" not in out  # stdout is not a terminal: no bell
    assert fake.now - 500.0 == pytest.approx(105, abs=0.1)  # a bedtime routine starts with 5 s to get ready
    store = Store(data_dir)
    assert store.ticks("checklist-evening") == {store.tonight(): frozenset({"item-routine"})}


def test_stretch_plain_reports_a_data_folder_it_cannot_write(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", "utf-8")
    monkeypatch.setattr(plain, "time", FakeTime())
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code = main(
        ["--content", str(MINIMAL_PACK), "--data-dir", str(blocker), "stretch", "routine-bedtime", "--plain"]
    )
    out, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("crampguide: ")
    assert "Traceback" not in err
    assert "Done. Well done." in out


def test_stretch_plain_on_a_terminal_enter_pauses_and_ctrl_c_stops(tmp_path: Path) -> None:
    command = crampguide_command()
    child = pexpect.spawn(
        str(command),
        [
            "--content",
            str(MINIMAL_PACK),
            "--data-dir",
            str(tmp_path / "data"),
            "stretch",
            "routine-bedtime",
            "--plain",
        ],
        env=pty_env(),
        encoding="utf-8",
        timeout=20,
        dimensions=(24, 80),
        preexec_fn=as_at_a_terminal,
    )
    try:
        child.expect(r"Ctrl-C\s+to\s+stop\.")
        child.expect_exact("\aGet into position")  # a terminal hears the bell
        child.expect(r"Step\s+1\s+of\s+2,\s+left\s+leg:\s+Exercise\s+one\.")
        child.send("\r")
        child.expect_exact("Paused. Press Enter to resume.")
        child.send("\r")
        child.expect(r"Resumed: \d+ seconds left of Exercise one, left leg\.")
        child.sendintr()
        child.expect(r"Stopped at step 1 of 2 \(Exercise one, left leg\) after 0:0\d of 1:45\.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == plain.INTERRUPTED
    assert "Traceback" not in (child.before or "")


@pytest.mark.parametrize("args", [(), ("triage",), ("stretch", "routine-bedtime")])
def test_the_app_without_a_terminal_names_the_line_by_line_commands(
    run_cli: RunCli, args: tuple[str, ...]
) -> None:
    done = run_cli("--content", MINIMAL_PACK, *args)
    assert done.returncode == 1
    assert "needs a terminal" in done.stderr
    for command in ("crampguide read", "crampguide triage --plain", "crampguide stretch ROUTINE --plain"):
        assert command in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize(
    "args", [("triage", "--plain"), ("stretch", "routine-bedtime", "--plain")], ids=["triage", "stretch"]
)
def test_a_reader_that_stops_early_ends_it_quietly(tmp_path: Path, args: tuple[str, ...]) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "crampguide", "--content", str(MINIMAL_PACK), *args],
        env=cli_env({"CRAMPGUIDE_DATA_DIR": str(tmp_path / "data")}),
        cwd=tmp_path,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None and child.stderr is not None and child.stdin is not None
    assert child.stdout.readline()  # the first line, as `| head -1` reads it
    child.stdout.close()
    child.stdin.write(b"n\n" * 10)
    child.stdin.close()
    assert child.wait(timeout=60) == 0
    assert child.stderr.read() == b""
