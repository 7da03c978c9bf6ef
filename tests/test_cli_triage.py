"""`crampguide triage`: a walk from an answers file, its JSON, and every error as one line and exit 1."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest
from conftest import REPO, RunCli, cli_env

from crampguide.guide.facts import FactId

ALL_NO = {fact.value: False for fact in FactId}


@pytest.fixture
def pack(minimal_pack: Path) -> Path:
    """The small test pack with the real triage tree, so these tests do not hang on other content files."""
    (minimal_pack / "triage.toml").write_text((REPO / "content" / "triage.toml").read_text("utf-8"), "utf-8")
    sources = (REPO / "content" / "sources.toml").read_text("utf-8")
    with (minimal_pack / "sources.toml").open("a", encoding="utf-8") as file:
        file.write("\n" + sources)
    return minimal_pack


def write_answers(tmp_path: Path, answers: Mapping[str, object] | str) -> Path:
    path = tmp_path / "answers.toml"
    if isinstance(answers, str):
        path.write_text(answers, "utf-8")
    else:
        lines = [f"{key} = {json.dumps(value)}" for key, value in answers.items()]
        path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_walk_prints_disposition_title_and_reasons(pack: Path, tmp_path: Path, cli: RunCli) -> None:
    answers = write_answers(tmp_path, {**ALL_NO, "calf_swollen_warm_one_side": True})
    done = cli("triage", "--content", pack, "--answers", answers)
    assert done.returncode == 0, done.stderr
    assert "Disposition: urgent (Get medical help today)" in done.stdout
    assert "Outcome: This may be a blood clot or an infection (urgent-leg-clot)" in done.stdout
    assert done.stdout.count("Get medical help today") == 2  # the disposition line, and what to do now
    assert "You said one calf is swollen, red or warm, or sore" in done.stdout
    assert "What to do now:" in done.stdout
    assert done.stderr == ""


def test_all_no_is_self_care(pack: Path, tmp_path: Path, cli: RunCli) -> None:
    done = cli("--content", pack, "triage", "--answers", write_answers(tmp_path, ALL_NO))
    assert done.returncode == 0, done.stderr
    assert "Disposition: self-care" in done.stdout
    assert "You answered no to every question asked." in done.stdout


def test_json_output(pack: Path, tmp_path: Path, cli: RunCli) -> None:
    answers = write_answers(tmp_path, {**ALL_NO, "pregnant": True, "pregnant_swelling_or_headache": True})
    done = cli("triage", "--content", pack, "--answers", answers, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert set(report) == {"disposition", "outcome", "title", "path", "reasons"}
    assert report["disposition"] == "urgent"
    assert report["outcome"] == "urgent-pre-eclampsia"
    assert report["title"].startswith("Get medical help today")
    assert report["path"][0] == {"node": "q-chest", "fact": "chest_pain_or_breathless", "answer": False}
    assert report["path"][-2:] == [
        {"node": "q-pregnant", "fact": "pregnant", "answer": True},
        {"node": "q-pregnancy-signs", "fact": "pregnant_swelling_or_headache", "answer": True},
    ]
    assert report["reasons"] == [
        "You said you are pregnant.",
        "You said you have sudden swelling, a bad headache or problems seeing, while pregnant or soon after "
        "giving birth.",
    ]


@pytest.mark.parametrize(
    ("yes", "disposition", "outcome"),
    [
        (("sudden_weakness_one_side",), "emergency", "emergency-stroke"),
        (("statin_muscle_pain",), "urgent", "urgent-statin"),
        (("gave_birth_last_6_weeks", "pregnant_swelling_or_headache"), "urgent", "urgent-pre-eclampsia"),
        (("gave_birth_last_6_weeks",), "self-care", "self-care"),
    ],
)
@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_new_fact_ids_are_accepted(
    pack: Path,
    tmp_path: Path,
    cli: RunCli,
    yes: tuple[str, ...],
    disposition: str,
    outcome: str,
    as_json: bool,
) -> None:
    answers = write_answers(tmp_path, {**ALL_NO, **dict.fromkeys(yes, True)})
    done = cli("triage", "--content", pack, "--answers", answers, *(["--json"] if as_json else []))
    assert done.returncode == 0, done.stderr
    if as_json:
        report = json.loads(done.stdout)
        assert (report["disposition"], report["outcome"]) == (disposition, outcome)
        assert [step["fact"] for step in report["path"] if step["answer"]] == list(yes)
    else:
        assert f"Disposition: {disposition} (" in done.stdout
        assert f"({outcome})" in done.stdout


def readme_answers_example() -> str:
    """The TOML block of the README's "Triage answers file" section, exactly as a reader would copy it."""
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("### Triage answers file", 1)[1]
    return section.split("```toml\n", 1)[1].split("```", 1)[0]


@pytest.mark.parametrize("as_json", [False, True], ids=["text", "json"])
def test_readme_answers_example_runs_as_written(tmp_path: Path, cli: RunCli, as_json: bool) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(readme_answers_example(), "utf-8")
    done = cli("triage", "--answers", answers, *(["--json"] if as_json else []))
    assert done.returncode == 0, done.stderr
    if as_json:
        report = json.loads(done.stdout)
        assert (report["disposition"], report["outcome"]) == ("urgent", "urgent-leg-clot")
    else:
        assert "Disposition: urgent (Get medical help today)" in done.stdout


def test_extra_known_facts_are_fine(pack: Path, tmp_path: Path, cli: RunCli) -> None:
    answers = write_answers(tmp_path, {"chest_pain_or_breathless": True, "long_term_condition": True})
    done = cli("triage", "--content", pack, "--answers", answers, "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["disposition"], report["outcome"]) == ("emergency", "emergency-lung-clot")
    assert len(report["path"]) == 1


def test_bundled_content(tmp_path: Path, cli: RunCli) -> None:
    done = cli("triage", "--answers", write_answers(tmp_path, {"chest_pain_or_breathless": True}), "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["disposition"] == "emergency"


def test_missing_fact_names_the_fact_and_its_question(pack: Path, tmp_path: Path, cli: RunCli) -> None:
    answers = dict(ALL_NO)
    del answers["wound_or_toxin"]
    path = write_answers(tmp_path, answers)
    line = one_line_error(cli("triage", "--content", pack, "--answers", path))
    assert line.startswith(
        f"crampguide: {path}: no answer for 'wound_or_toxin', asked by question 'q-wound-poison': "
    )
    assert "dirty wound" in line


def test_missing_fact_with_json_is_still_an_error(pack: Path, tmp_path: Path, cli: RunCli) -> None:
    line = one_line_error(
        cli("triage", "--content", pack, "--answers", write_answers(tmp_path, ""), "--json")
    )
    assert "no answer for 'chest_pain_or_breathless'" in line


def test_unknown_fact_ids(pack: Path, tmp_path: Path, cli: RunCli) -> None:
    path = write_answers(tmp_path, {**ALL_NO, "calf_swolen": True, "chest": False})
    line = one_line_error(cli("triage", "--content", pack, "--answers", path))
    assert line == f"crampguide: {path}: unknown fact id(s): calf_swolen, chest"


def test_a_table_is_an_unknown_fact(pack: Path, tmp_path: Path, cli: RunCli) -> None:
    path = write_answers(tmp_path, "pregnant = false\n[answers]\nchest_pain_or_breathless = true\n")
    assert "unknown fact id(s): answers" in one_line_error(
        cli("triage", "--content", pack, "--answers", path)
    )


@pytest.mark.parametrize("value", ['"yes"', "1", "[true]"])
def test_non_boolean_value(pack: Path, tmp_path: Path, cli: RunCli, value: str) -> None:
    path = write_answers(tmp_path, f"chest_pain_or_breathless = {value}\n")
    line = one_line_error(cli("triage", "--content", pack, "--answers", path))
    assert line.startswith(
        f"crampguide: {path}: the answer for 'chest_pain_or_breathless' must be true or false"
    )


def test_bad_toml_gives_line_and_column(pack: Path, tmp_path: Path, cli: RunCli) -> None:
    path = write_answers(tmp_path, "pregnant = false\nchest_pain_or_breathless = ye\n")
    line = one_line_error(cli("triage", "--content", pack, "--answers", path))
    assert line.startswith(f"crampguide: {path}: TOML syntax error at line 2, column 28")


def test_missing_file(pack: Path, tmp_path: Path, cli: RunCli) -> None:
    path = tmp_path / "nope.toml"
    line = one_line_error(cli("triage", "--content", pack, "--answers", path))
    assert line == f"crampguide: cannot read answers file {path}: No such file or directory"


def test_directory_instead_of_file(pack: Path, tmp_path: Path, cli: RunCli) -> None:
    line = one_line_error(cli("triage", "--content", pack, "--answers", tmp_path))
    assert line.startswith(f"crampguide: cannot read answers file {tmp_path}: ")


def test_not_utf8(pack: Path, tmp_path: Path, cli: RunCli) -> None:
    path = tmp_path / "answers.toml"
    path.write_bytes(b"pregnant = false # \xff\n")
    line = one_line_error(cli("triage", "--content", pack, "--answers", path))
    assert line == f"crampguide: {path}: not UTF-8 text (bad byte at offset 19)"


def test_broken_content_pack(tmp_path: Path, cli: RunCli) -> None:
    done = cli("triage", "--content", tmp_path / "nowhere", "--answers", write_answers(tmp_path, ALL_NO))
    assert done.returncode == 1
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert "content directory not found" in done.stderr


def test_json_without_answers(cli: RunCli) -> None:
    assert one_line_error(cli("triage", "--json")) == "crampguide: --json needs --answers FILE"


def test_without_answers_opens_the_app_on_the_triage_tab(monkeypatch: pytest.MonkeyPatch) -> None:
    from crampguide import cli
    from crampguide.commands import app

    calls: list[str | None] = []

    def fake_run(args: argparse.Namespace, *, tab: str | None = None, **_: object) -> int:
        calls.append(tab)
        return 0

    monkeypatch.setattr(app, "run", fake_run)
    assert cli.main(["triage"]) == 0
    assert calls == ["triage"]


def test_answers_walk_never_imports_textual(pack: Path, tmp_path: Path) -> None:
    answers = write_answers(tmp_path, ALL_NO)
    code = (
        "import sys\n"
        "from crampguide.cli import main\n"
        f"assert main(['triage', '--content', {str(pack)!r}, '--answers', {str(answers)!r}]) == 0\n"
        "print('TEXTUAL' if 'textual' in sys.modules else 'NO-TEXTUAL')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=cli_env(), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("NO-TEXTUAL")


def test_json_escapes_what_the_json_export_escapes() -> None:
    """Validated content cannot hold these characters (C1 controls, text-direction overrides), so the function
    is given them directly: written as `\\u` escapes, never raw, and read back unchanged."""
    from crampguide.commands.triage import result_json
    from crampguide.guide.facts import Disposition
    from crampguide.guide.models import Outcome
    from crampguide.triage import Result, Step

    title = "Get help \u202etoday\x9b31m"
    reason = "You said \u2066yes\u2069."
    outcome = Outcome(
        id="urgent-x", disposition=Disposition.URGENT, title=title, do_now="Call.", why="Why.", sources=("s",)
    )
    text = result_json(Result(outcome, (Step("q-x", FactId.PREGNANT, True),), (reason,)))
    assert not any(char in text for char in "\u202e\x9b\u2066\u2069")
    assert "\\u202e" in text and "\\u009b" in text and "\\u2066" in text
    report = json.loads(text)
    assert (report["title"], report["reasons"]) == (title, [reason])
