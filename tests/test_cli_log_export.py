"""`crampguide log` and `crampguide export`, run as a user would: in-process with the arguments and output of
`python -m crampguide`, and in a child where the process itself matters (several at once, a full stdout,
a read-only folder, arguments that are not UTF-8, the modules imported)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import tomllib
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import CANNOT_BE_DENIED, NO_OVERRIDE, REPO, RunCli, cli_env

from crampguide.guide.facts import FactId
from crampguide.store import Store


def diary(data_dir: Path) -> list[dict[str, object]]:
    document = tomllib.loads((data_dir / "diary.toml").read_text("utf-8"))
    entries = document["entry"]
    assert isinstance(entries, list)
    return entries


def ago(**delta: float) -> str:
    return (datetime.now().astimezone() - timedelta(**delta)).isoformat(timespec="minutes")


# --- log ----------------------------------------------------------------------------------------


def test_log_saves_an_entry_and_says_what_was_saved(cli: RunCli, data_dir: Path) -> None:
    result = cli(
        "log",
        "--data-dir",
        data_dir,
        "--when",
        "2024-03-02T01:30+01:00",
        "--leg",
        "left",
        "--severity",
        "6",
        "--minutes",
        "3",
        "--note",
        "woke me up",
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout == (
        "Saved: Sat 2 Mar 2024 01:30 (night of Fri 1 Mar 2024), left leg, severity 6/10, 3 minutes, "
        "note: woke me up\n"
    )
    (saved,) = diary(data_dir)
    assert saved["when"] == datetime.fromisoformat("2024-03-02T01:30+01:00")
    assert (saved["leg"], saved["severity"], saved["minutes"], saved["note"]) == ("left", 6, 3, "woke me up")


def test_log_with_nothing_means_a_cramp_now(cli: RunCli, data_dir: Path) -> None:
    before = datetime.now().astimezone().replace(microsecond=0)
    result = cli("log")  # the data folder comes from CRAMPGUIDE_DATA_DIR
    assert result.returncode == 0, result.stderr
    assert "leg not given" in result.stdout
    (saved,) = diary(data_dir)
    when = saved["when"]
    assert isinstance(when, datetime) and before <= when <= datetime.now().astimezone()


def test_a_time_without_offset_is_local(cli: RunCli, data_dir: Path) -> None:
    local = (datetime.now() - timedelta(hours=1)).replace(second=0, microsecond=0)
    assert cli("log", "--when", local.isoformat(timespec="minutes")).returncode == 0
    (saved,) = diary(data_dir)
    assert saved["when"] == local.astimezone()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--severity", "0"], "argument --severity: severity must be a whole number from 1 to 10, not 0"),
        (["--severity", "11"], "argument --severity: severity must be a whole number from 1 to 10"),
        (["--severity", "bad"], "argument --severity: severity must be a whole number, not 'bad'"),
        (["--minutes", "-1"], "argument --minutes: minutes must be a whole number from 0 to 1440"),
        (["--minutes", "2.5"], "argument --minutes: minutes must be a whole number"),
        (["--leg", "middle"], "argument --leg: leg must be one of left, right, both, not 'middle'"),
        (["--when", "last night"], "argument --when: 'last night' is not an ISO 8601 date and time"),
        (["--when", "2024-03-01"], "argument --when: give a time as well as the date, e.g. 2024-03-01T23:30"),
        (["--when", "2999-01-01T10:00"], "argument --when: 2999-01-01T10:00 is in the future"),
        (["--when", "0001-01-01T01:00+00:00"], "argument --when: 0001-01-01 is before 1900"),
        (["--when", "0001-01-01T01:00"], "argument --when: 0001-01-01 is not a date from 1900 to 2999"),
        (["--when", "1899-12-31T23:59-05:00"], "argument --when: 1899-12-31 is before 1900"),
        (["--when", "9999-12-31T23:00+00:00"], "argument --when: 9999-12-31T23:00 is in the future"),
        (["--when", "9999-12-31T23:00"], "argument --when: 9999-12-31 is not a date from 1900 to 2999"),
        (["--note", "x" * 2001], "argument --note: the note is too long"),
    ],
)
def test_bad_values_exit_2_with_a_usage_message(
    cli: RunCli, data_dir: Path, args: list[str], message: str
) -> None:
    result = cli("log", "--data-dir", data_dir, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("usage: crampguide log")
    assert message in result.stderr
    assert not data_dir.exists()


def test_helped_is_checked_against_first_aid_in_the_content(
    cli: RunCli, data_dir: Path, minimal_pack: Path
) -> None:
    ok = cli("log", "--content", minimal_pack, "--helped", "treatment-one", "--helped", "treatment-one")
    assert ok.returncode == 0, ok.stderr
    assert "helped: treatment-one" in ok.stdout
    assert diary(data_dir)[0]["helped"] == ["treatment-one"]
    for wrong in ("treatment-two", "no-such-thing"):  # treatment-two is a medicine, not first aid
        result = cli("log", "--content", minimal_pack, "--helped", wrong)
        assert result.returncode == 2
        assert (
            f"argument --helped: unknown first-aid treatment '{wrong}' (known: treatment-one)"
            in result.stderr
        )
    assert len(diary(data_dir)) == 1


def test_a_long_cramp_points_to_triage_at_once(cli: RunCli) -> None:
    result = cli("log", "--minutes", "15")
    assert result.returncode == 0
    assert "A cramp lasted over 10 minutes." in result.stdout
    assert "go through Triage now" in result.stdout
    assert "Triage" not in cli("log", "--minutes", "10").stdout


def test_frequent_cramps_suggest_a_doctor(cli: RunCli, data_dir: Path) -> None:
    store = Store(data_dir)
    for days in (1, 3, 5, 8, 10):
        store.add_entry(when=datetime.now().astimezone() - timedelta(days=days))
    assert "doctor" not in cli("log", "--when", ago(days=30)).stdout
    result = cli("log", "--when", ago(days=12))
    assert (
        "Consider seeing a doctor. You had cramps on 3 or more nights a week, two weeks running"
        in result.stdout
    )


def test_an_unreadable_diary_is_moved_aside_and_reported_on_stderr(cli: RunCli, data_dir: Path) -> None:
    data_dir.mkdir()
    junk = b"\x00\x01 not a diary \xff"
    (data_dir / "diary.toml").write_bytes(junk)
    result = cli("log", "--data-dir", data_dir, "--severity", "4")
    assert result.returncode == 0
    (backup,) = data_dir.glob("diary.unreadable-*.toml")
    assert backup.read_bytes() == junk
    assert result.stderr.startswith("crampguide: Your diary file could not be read (it is not text).")
    assert str(backup) in result.stderr
    assert result.stdout.startswith("Saved:")
    assert len(diary(data_dir)) == 1


def test_a_hand_edited_diary_with_year_1_and_year_9999_still_works(
    cli: RunCli, data_dir: Path, minimal_pack: Path
) -> None:
    """Bad entries are reported once per command and skipped; log, export and later writes keep them."""
    data_dir.mkdir()
    yesterday = (datetime.now().astimezone() - timedelta(days=1)).isoformat(timespec="seconds")
    (data_dir / "diary.toml").write_text(
        "version = 1\n"
        f'[[entry]]\nid = "good"\nwhen = {yesterday}\nseverity = 5\n'
        '[[entry]]\nid = "year-one"\nwhen = 0001-01-01T01:00:00+00:00\n'
        '[[entry]]\nid = "year-9999"\nwhen = 9999-12-31T23:00:00+00:00\n',
        "utf-8",
    )
    logged = cli("log", "--severity", "2")
    assert logged.returncode == 0, logged.stderr
    assert logged.stdout.startswith("Saved:")
    assert [line.split(" (")[0] for line in logged.stderr.splitlines()] == [
        f"crampguide: Your diary file {data_dir / 'diary.toml'} has an entry crampguide cannot use",
    ] * 2
    assert "'year-one'" in logged.stderr and "'year-9999'" in logged.stderr
    outputs = {}
    for format in ("markdown", "csv"):
        exported = cli("export", "--content", minimal_pack, "--format", format)
        assert exported.returncode == 0, exported.stderr
        assert exported.stderr.count("cannot use") == 2
        assert "0001" not in exported.stdout and "9999" not in exported.stdout
        outputs[format] = exported.stdout
    assert "- **Nights with cramps:** 2 of 2 (2 entries)" in outputs["markdown"]
    assert len(list(csv.DictReader(io.StringIO(outputs["csv"])))) == 2
    assert sorted(str(e["id"]) for e in diary(data_dir))[-3:] == ["good", "year-9999", "year-one"]


LONDON = {"TZ": "Europe/London"}
NEEDS_ZONES = pytest.mark.skipif(
    not Path("/usr/share/zoneinfo/Europe/London").exists(), reason="no time zone data here"
)


@NEEDS_ZONES
def test_a_time_the_clocks_skipped_is_stored_as_said(cli: RunCli, data_dir: Path) -> None:
    result = cli("log", "--when", "2024-03-31T01:30", env=LONDON)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Note: 01:30 on Sun 31 Mar 2024 did not happen here (the clocks went forward); saved as 02:30+01:00, "
        "the same moment by the new time.\nSaved: Sun 31 Mar 2024 02:30"
    )
    assert diary(data_dir)[0]["when"] == datetime.fromisoformat("2024-03-31T02:30+01:00")


@NEEDS_ZONES
def test_a_time_that_happened_twice_says_which_was_stored(cli: RunCli, data_dir: Path) -> None:
    result = cli("log", "--when", "2024-10-27T01:30", env=LONDON)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "Note: 01:30 on Sun 27 Oct 2024 happened twice here (the clocks went back); saved as the first, "
        "01:30+01:00. For the second, give 2024-10-27T01:30+00:00.\n"
    )
    second = cli("log", "--when", "2024-10-27T01:30+00:00", env=LONDON)
    assert not second.stdout.startswith("Note:")
    assert [e["when"] for e in diary(data_dir)] == [
        datetime.fromisoformat("2024-10-27T01:30+01:00"),
        datetime.fromisoformat("2024-10-27T01:30+00:00"),
    ]
    plain = cli("log", "--when", "2024-07-01T01:30", env=LONDON)
    assert plain.stdout.startswith("Saved:")


def test_parallel_log_commands_keep_every_entry(data_dir: Path) -> None:
    env = cli_env({"CRAMPGUIDE_DATA_DIR": str(data_dir)})
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "crampguide", "log", "--note", f"run {n}"],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(6)
    ]
    errors = [process.communicate(timeout=60)[1] for process in processes]
    assert [process.returncode for process in processes] == [0] * 6, errors
    assert sorted(str(e["note"]) for e in diary(data_dir)) == sorted(f"run {n}" for n in range(6))


def test_log_and_export_do_not_import_textual(data_dir: Path, minimal_pack: Path) -> None:
    where = f"'--data-dir', {str(data_dir)!r}, '--content', {str(minimal_pack)!r}"
    code = (
        "import sys, contextlib, io\n"
        "from crampguide.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['log', {where}]) == 0\n"
        f"    assert main(['export', {where}]) == 0\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=cli_env(), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


# --- export -------------------------------------------------------------------------------------


@pytest.fixture
def logged(data_dir: Path) -> Path:
    """A few entries in the last weeks, one far older, and a ticked checklist item."""
    store = Store(data_dir)
    now = datetime.now().astimezone()
    store.add_entry(when=now - timedelta(days=1), leg="left", severity=7, minutes=2, note="a | b")
    store.add_entry(when=now - timedelta(days=2), leg="right", severity=3)
    store.add_entry(when=now - timedelta(days=9), leg="both", minutes=12)
    store.add_entry(when=now - timedelta(days=120), severity=9)
    store.set_ticked("checklist-evening", "item-rule", True)
    return data_dir


def test_export_markdown_to_stdout(cli: RunCli, logged: Path, minimal_pack: Path) -> None:
    result = cli("export", "--data-dir", logged, "--content", minimal_pack)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith("# Night calf cramps: diary summary\n")
    assert "(56 nights)" in text
    assert "- **Nights with cramps:** 3 of 56 (3 entries)" in text
    assert "- **Legs:** left 1, right 1, both 1" in text
    assert "**A cramp lasted over 10 minutes.**" in text
    assert text.count("\n| ") - text.count("\n| Week") - text.count("\n| Night") - text.count(
        "\n| Checklist"
    ) == (8 + 3 + 1)  # eight weeks, three entries, one checklist
    assert "a \\| b" in text
    assert "| Evening checklist | 0 of 56 (0%) | 1 of 112 (1%) |" in text
    assert "- Red flag: chest\n- Red flag: calf\n" in text  # emergency first


def test_export_since_and_csv_to_a_file(
    cli: RunCli, logged: Path, minimal_pack: Path, tmp_path: Path
) -> None:
    since = (datetime.now().astimezone() - timedelta(days=200)).date().isoformat()
    output = tmp_path / "out" / "summary.csv"
    output.parent.mkdir()
    result = cli("export", "--content", minimal_pack, "--format", "csv", "--since", since, "--output", output)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Summary of ") and str(output) in result.stdout
    rows = list(csv.DictReader(io.StringIO(output.read_text("utf-8"))))
    assert len(rows) == 4
    assert [row["severity"] for row in rows] == ["9", "", "3", "7"]
    assert rows[-1]["note"] == "a | b"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "March"], "argument --since: 'March' is not a date like 2024-03-01"),
        (["--since", "2999-01-01"], "argument --since: 2999-01-01 is after tonight"),
        (["--since", "0001-01-01"], "argument --since: 0001-01-01 is not a date from 1900 to 2999"),
        (["--since", "9999-12-31"], "argument --since: 9999-12-31 is not a date from 1900 to 2999"),
        (["--format", "pdf"], "argument --format: invalid choice: 'pdf'"),
    ],
)
def test_export_bad_values_exit_2(cli: RunCli, minimal_pack: Path, args: list[str], message: str) -> None:
    result = cli("export", "--content", minimal_pack, *args)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: crampguide export")
    assert message in result.stderr


def test_export_with_broken_content_exits_1(cli: RunCli, minimal_pack: Path) -> None:
    (minimal_pack / "red_flags.toml").unlink()
    result = cli("export", "--content", minimal_pack)
    assert result.returncode == 1
    assert "red_flags.toml: -: -: file is missing" in result.stderr


def test_export_of_an_empty_diary(cli: RunCli, minimal_pack: Path) -> None:
    result = cli("export", "--content", minimal_pack)
    assert result.returncode == 0
    assert "No cramps were logged in this period." in result.stdout


# --- where the summary goes ---------------------------------------------------------------------


def test_export_never_replaces_a_file_without_force(
    cli: RunCli, logged: Path, minimal_pack: Path, tmp_path: Path
) -> None:
    output = tmp_path / "summary.md"
    output.write_text("the doctor's letter", "utf-8")
    refused = cli("export", "--content", minimal_pack, "--output", output)
    assert refused.returncode == 1
    assert refused.stderr == f"crampguide: {output} already exists; add --force to replace it\n"
    assert output.read_text("utf-8") == "the doctor's letter"
    forced = cli("export", "--content", minimal_pack, "--output", output, "--force")
    assert forced.returncode == 0, forced.stderr
    assert output.read_text("utf-8").startswith("# Night calf cramps")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary left


@pytest.mark.parametrize("where", ["summary.md", "sub/../summary.md", "link/summary.md"])
def test_export_refuses_a_target_inside_the_data_folder(
    cli: RunCli, logged: Path, minimal_pack: Path, tmp_path: Path, where: str
) -> None:
    (tmp_path / "link").symlink_to(logged)
    (logged / "sub").mkdir()
    target = tmp_path / "link" / where if where.startswith("link") else logged / where
    target = Path(str(target).replace("link/link", "link"))
    before = sorted(p.name for p in logged.iterdir())
    result = cli("export", "--content", minimal_pack, "--output", target, "--force")
    assert result.returncode == 1
    assert result.stderr.startswith(f"crampguide: {target} is inside the data folder")
    assert result.stderr.count("\n") == 1
    assert sorted(p.name for p in logged.iterdir()) == before


NEEDS_DEV_FULL = pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")


@NEEDS_DEV_FULL
def test_export_to_a_full_device_is_one_line(cli: RunCli, logged: Path, minimal_pack: Path) -> None:
    refused = cli("export", "--content", minimal_pack, "--output", "/dev/full")
    assert refused.stderr == "crampguide: /dev/full already exists; add --force to replace it\n"
    result = cli("export", "--content", minimal_pack, "--output", "/dev/full", "--force")
    assert result.returncode == 1
    assert result.stderr == "crampguide: cannot write /dev/full: No space left on device\n"
    assert Path("/dev/full").is_char_device()  # written into, never replaced


FULL_STDOUT_COMMANDS = [
    ["export"],
    ["export", "--format", "csv"],
    ["schema"],
    ["read", "causes"],
    ["triage", "--answers", "answers.toml"],
    ["triage", "--answers", "answers.toml", "--json"],
]


@NEEDS_DEV_FULL
@pytest.mark.parametrize("command", FULL_STDOUT_COMMANDS, ids=" ".join)
def test_a_full_stdout_is_one_line(
    command: list[str], logged: Path, minimal_pack: Path, tmp_path: Path
) -> None:
    (tmp_path / "answers.toml").write_text("".join(f"{fact.value} = false\n" for fact in FactId))
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "crampguide", *command, "--content", str(minimal_pack)],
            env=cli_env({"CRAMPGUIDE_DATA_DIR": str(logged)}),
            cwd=tmp_path,
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr == "crampguide: cannot write to standard output: No space left on device\n"


# --- notes are data -----------------------------------------------------------------------------

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x9b31m red \u202eevil"


def _notes(document: object) -> list[str]:
    """Every "note" value anywhere in a JSON document."""
    if isinstance(document, dict):
        found = [v for k, v in document.items() if k == "note" and isinstance(v, str)]
        return found + [n for v in document.values() for n in _notes(v)]
    if isinstance(document, list):
        return [n for v in document for n in _notes(v)]
    return []


def test_escape_bytes_in_a_note_are_shown_not_sent(cli: RunCli, data_dir: Path, minimal_pack: Path) -> None:
    logged = cli("log", "--note", ESCAPES)
    assert logged.returncode == 0, logged.stderr
    assert "\x1b" not in logged.stdout and "\x07" not in logged.stdout and "\x9b" not in logged.stdout
    assert "note: \\x1b]0;pwned\\x07\\x1b[2J\\x9b31m red \\u202eevil" in logged.stdout
    assert diary(data_dir)[0]["note"] == ESCAPES  # kept as typed
    for format in ("markdown", "csv"):
        exported = cli("export", "--content", minimal_pack, "--format", format)
        assert exported.returncode == 0, exported.stderr
        assert "\x1b" not in exported.stdout and "\x07" not in exported.stdout
        assert "\\x1b]0;pwned" in exported.stdout
    as_json = cli("export", "--content", minimal_pack, "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    assert not any(char in as_json.stdout for char in "\x1b\x07\x9b\u202e")
    assert _notes(json.loads(as_json.stdout)) == [ESCAPES]  # the data itself unchanged


@pytest.mark.parametrize("note", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tlead", "\rlead", '=HYPERLINK("x")'])
def test_csv_cells_never_start_a_formula(cli: RunCli, data_dir: Path, minimal_pack: Path, note: str) -> None:
    Store(data_dir).add_entry(when=datetime.now().astimezone() - timedelta(hours=1), note=note)
    exported = cli("export", "--content", minimal_pack, "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    (row,) = csv.DictReader(io.StringIO(exported.stdout))
    assert row["note"] == "'" + note.replace("\r", "\\x0d")  # the note kept, a carriage return shown
    assert Store(data_dir).entries()[0].note == note


def test_a_moved_diary_is_said_until_a_command_has_printed_it(cli: RunCli, data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / "diary.toml").write_bytes(b"version = 1\n[[entry]")
    Store(data_dir).entries()  # an app that moved it aside and closed before showing why
    said = cli("log")
    assert said.stderr.count("could not be read") == 1 and "moved to" in said.stderr
    assert "could not be read" not in cli("log").stderr


# --- the period ---------------------------------------------------------------------------------


def _period(markdown: str) -> str:
    return next(line for line in markdown.splitlines() if line.startswith("- **Period:**"))


def test_a_first_summary_starts_at_the_first_record_and_says_so(
    cli: RunCli, data_dir: Path, minimal_pack: Path
) -> None:
    store = Store(data_dir)
    entry = store.add_entry()
    night = entry.night()
    exported = cli("export", "--content", minimal_pack)
    assert exported.returncode == 0, exported.stderr
    day = f"{night:%a} {night.day} {night:%b}"
    assert _period(exported.stdout).endswith(f"(1 night), since {day}, the first night with a record")
    assert "- **Nights with cramps:** 1 of 1 (1 entry)" in exported.stdout
    assert "| Evening checklist | 0 of 1 (0%) | 0 of 2 (0%) |" in exported.stdout

    store.set_ticked("checklist-evening", "item-rule", True, night - timedelta(days=3))  # a tick is a record
    earlier = cli("export", "--content", minimal_pack).stdout
    assert "(4 nights), since" in _period(earlier)
    assert "- **Nights with cramps:** 1 of 4 (1 entry)" in earlier

    chosen = cli("export", "--content", minimal_pack, "--since", (night - timedelta(days=1)).isoformat())
    assert _period(chosen.stdout).endswith("(2 nights)")  # what the user asked for, said plainly


def test_a_record_older_than_the_window_keeps_the_default_period(
    cli: RunCli, logged: Path, minimal_pack: Path
) -> None:
    exported = cli("export", "--content", minimal_pack)
    assert _period(exported.stdout).endswith("(56 nights)")


@pytest.mark.skipif(CANNOT_BE_DENIED, reason="root without setpriv cannot be denied a write")
def test_log_into_a_read_only_data_folder_is_one_line(data_dir: Path, tmp_path: Path) -> None:
    data_dir.mkdir()
    data_dir.chmod(0o555)
    try:
        result = subprocess.run(
            [*NO_OVERRIDE, sys.executable, "-m", "crampguide", "log", "--note", "lost?"],
            env=cli_env({"CRAMPGUIDE_DATA_DIR": str(data_dir)}),
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        data_dir.chmod(0o755)
    assert result.returncode == 1
    assert result.stderr == (
        f"crampguide: Cannot use the data folder {data_dir}: Permission denied. "
        "Choose another with --data-dir or CRAMPGUIDE_DATA_DIR.\n"
    )
    assert list(data_dir.iterdir()) == []


def _run_bytes(args: list[bytes], data_dir: Path, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Arguments as raw bytes, as a shell passes a name or a note that is not UTF-8."""
    return subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"crampguide", *args],
        env=cli_env({"CRAMPGUIDE_DATA_DIR": str(data_dir)}),
        cwd=cwd,
        capture_output=True,
        timeout=60,
    )


def test_a_note_that_is_not_utf8_is_refused_in_one_line(data_dir: Path, tmp_path: Path) -> None:
    result = _run_bytes([b"log", b"--note", b"bad \x9b byte"], data_dir, tmp_path)
    assert result.returncode == 2
    assert b"argument --note: the note is not valid text" in result.stderr
    assert b"Traceback" not in result.stderr
    assert not data_dir.exists()


def test_an_output_name_that_is_not_utf8_is_written_and_shown_escaped(
    logged: Path, minimal_pack: Path, tmp_path: Path
) -> None:
    name = b"summary-\xff.md"
    result = _run_bytes(
        [b"export", b"--content", os.fsencode(minimal_pack), b"--output", name], logged, tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert b"summary-\\udcff.md" in result.stdout
    assert (tmp_path / os.fsdecode(name)).read_text("utf-8").startswith("# Night calf cramps")


@pytest.mark.parametrize("command", [["export"], ["schema"]])
def test_a_reader_that_stops_early_is_not_an_error(
    command: list[str], logged: Path, minimal_pack: Path, tmp_path: Path
) -> None:
    """As for read and the line modes: a reader that leaves (`| head`) is no error: exit code 0, no words."""
    reader = subprocess.Popen(
        [sys.executable, "-m", "crampguide", *command, "--content", str(minimal_pack)],
        env=cli_env({"CRAMPGUIDE_DATA_DIR": str(logged)}),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # before the child writes (it is still starting): its write finds no reader
    assert reader.wait(timeout=60) == 0
    assert reader.stderr.read() == b""
