"""`crampguide read`: golden text of each topic, clean pipes, bold only on a terminal, bad input, start-up."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import MINIMAL_PACK, RunCli, cli_env
from pty_helpers import crampguide_command, pty_env

from crampguide.commands.plain import terminal_width
from crampguide.guide.loader import load_guide
from crampguide.lines.guide import (
    TOPICS,
    all_items,
    contents_lines,
    item_lines,
    topic_lines,
    topic_named,
    wants_escapes,
)
from crampguide.lines.text import Style, fill, prose
from crampguide.paths import bundled_content_dir
from crampguide.prose import Span

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("CRAMPGUIDE_UPDATE_GOLDEN") == "1"
MINIMAL = load_guide(MINIMAL_PACK)
BUNDLED = load_guide(bundled_content_dir())
ESCAPE = re.compile(r"\x1b")
ESCAPE_SEQUENCE = re.compile(r"\x1b\[\d+m")
# Every topic, the table of contents (no topic) and one item by id.
PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("read-contents.txt", ()),
    *((f"read-{topic.name}.txt", (topic.name,)) for topic in TOPICS),
    ("read-item.txt", ("treatment-two",)),
)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8", newline="")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; CRAMPGUIDE_UPDATE_GOLDEN=1 rewrites it"


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One cache for the module's runs: the first validates the pack, the others start from the cache."""
    return {"CRAMPGUIDE_CACHE_DIR": str(tmp_path_factory.mktemp("read-cache"))}


@pytest.mark.parametrize(("golden", "args"), PAGES, ids=[name for name, _ in PAGES])
def test_each_page_piped_at_width_80_matches_its_golden_file(
    cli: RunCli, shared_cache: dict[str, str], golden: str, args: tuple[str, ...]
) -> None:
    done = cli("--content", MINIMAL_PACK, "read", *args, "--width", "80", env=shared_cache)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert not ESCAPE.search(done.stdout)
    check_golden(golden, done.stdout)


def test_the_width_comes_from_the_terminal_when_not_given(cli: RunCli, shared_cache: dict[str, str]) -> None:
    done = cli("--content", MINIMAL_PACK, "read", env={**shared_cache, "COLUMNS": "80"})
    assert done.stdout == (GOLDEN / "read-contents.txt").read_text("utf-8")


def test_unknown_topic_lists_the_known_ones_and_exits_2(cli: RunCli, shared_cache: dict[str, str]) -> None:
    done = cli("--content", MINIMAL_PACK, "read", "treatment", env=shared_cache)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("crampguide read: unknown topic or item 'treatment'; known topics: ")
    for topic in TOPICS:
        assert topic.name in done.stderr
    assert "Did you mean treatments" in done.stderr
    assert len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize("width", ["19", "0", "-5", "wide", "80.5"])
def test_a_bad_width_is_refused_with_exit_2(cli: RunCli, width: str) -> None:
    done = cli("read", "--width", width)
    assert done.returncode == 2
    assert "argument --width" in done.stderr
    assert "Traceback" not in done.stderr


def test_broken_content_is_reported(cli: RunCli, tmp_path: Path) -> None:
    done = cli("--content", tmp_path / "missing", "read", "causes")
    assert done.returncode == 1
    assert "content directory not found" in done.stderr


def test_a_reader_that_stops_early_is_not_an_error(shared_cache: dict[str, str], tmp_path: Path) -> None:
    reader = subprocess.Popen(
        [sys.executable, "-m", "crampguide", "read", "causes", "--width", "40"],
        env=cli_env(shared_cache),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reader.stdout is not None and reader.stderr is not None
    # Gone before the child writes (it is still starting), so its first write fails. A reader that left
    # after a line would prove nothing here: with PYTHONUNBUFFERED set, as on this machine, a write cut
    # short by a closed pipe ends quietly instead of raising.
    reader.stdout.close()
    assert reader.wait(timeout=60) == 0
    assert reader.stderr.read() == b""


@pytest.mark.parametrize(
    ("extra_args", "env", "bold"),
    [((), {}, True), (("--plain",), {}, False), ((), {"NO_COLOR": "1"}, False)],
    ids=["terminal", "plain", "no-color"],
)
def test_bold_only_on_a_terminal_without_plain_or_no_color(
    tmp_path: Path, extra_args: tuple[str, ...], env: dict[str, str], bold: bool
) -> None:
    child = pexpect.spawn(
        str(crampguide_command()),
        ["--content", str(MINIMAL_PACK), "read", "treatments", *extra_args],
        env=pty_env({"CRAMPGUIDE_CACHE_DIR": str(tmp_path / "cache"), **env}),
        encoding="utf-8",
        timeout=30,
        dimensions=(24, 60),
    )
    child.expect(pexpect.EOF)
    child.close()
    out = child.before or ""
    assert child.exitstatus == 0, out
    assert "Treatment two [treatment-two]" in ESCAPE_SEQUENCE.sub("", out)
    assert ("# \x1b[1mTreatments\x1b[22m" in out) is bold
    assert ("### \x1b[1mTreatment two [treatment-two]\x1b[22m" in out) is bold
    assert bool(ESCAPE.search(out)) is bold


@pytest.mark.parametrize(
    ("terminal", "no_color", "plain", "escapes"),
    [
        (True, None, False, True),
        (True, "", False, True),  # an empty NO_COLOR does not count (no-color.org)
        (True, "1", False, False),
        (True, None, True, False),
        (False, None, False, False),
    ],
)
def test_when_escapes_are_written(terminal: bool, no_color: str | None, plain: bool, escapes: bool) -> None:
    assert wants_escapes(terminal=terminal, no_color=no_color, plain=plain) is escapes


# --- the renderer ------------------------------------------------------------------------------------


def visible(line: str) -> str:
    return ESCAPE_SEQUENCE.sub("", line)


def test_fill_counts_only_what_shows_and_keeps_bold_runs_inside_words() -> None:
    style = Style(width=20, escapes=True)
    spans = (
        Span("Do "),
        Span("not", bold=True),
        Span(" take it; "),
        Span("**x**", bold=True),
        Span("y, ever."),
    )
    lines = fill(spans, style)
    assert [visible(line) for line in lines] == ["Do not take it;", "**x**y, ever."]
    assert lines[0] == "Do \x1b[1mnot\x1b[22m take it;"
    assert lines[1] == "\x1b[1m**x**\x1b[22my, ever."
    assert fill(spans, Style(width=20)) == ["Do not take it;", "**x**y, ever."]


def test_prose_lists_hang_their_lines_and_a_lead_goes_before_the_first_paragraph() -> None:
    markdown = (
        "First paragraph.\n\n- one item that is long enough to wrap\n- two\n\n3. three\n4. four\n\nLast."
    )
    assert prose(markdown, Style(width=24), lead="What helps:") == [
        "What helps: First",
        "paragraph.",
        "",
        "- one item that is long",
        "  enough to wrap",
        "- two",
        "",
        "3. three",
        "4. four",
        "",
        "Last.",
    ]


def test_a_long_address_stays_whole_on_a_line_of_its_own() -> None:
    lines = fill((Span("See https://example.org/" + "a" * 60 + " for more."),), Style(width=30))
    assert lines == ["See", "https://example.org/" + "a" * 60, "for more."]


def test_safety_notes_come_before_the_body() -> None:
    item = next(item for item in BUNDLED.treatments if len(item.safety) > 1)
    lines = item_lines(BUNDLED, item, Style(width=100))
    body_start = lines.index(prose(item.body, Style(width=100))[0])
    safety = [index for index, line in enumerate(lines) if line.startswith(("Safety:", "Not advised."))]
    assert len(safety) == len(item.safety)
    assert max(safety) < body_start


def test_the_bundled_guide_reads_whole_at_width_80() -> None:
    style = Style(width=80)
    pages = [contents_lines(BUNDLED, style)]
    pages.extend(topic_lines(BUNDLED, topic, style) for topic in TOPICS)
    text = "\n".join(line for page in pages for line in page)
    assert not ESCAPE.search(text)
    for line in text.splitlines():
        assert len(line) <= 80 or " " not in line.strip(), line
    for item in all_items(BUNDLED):
        assert f"[{item.id}]" in text
    for flag in BUNDLED.red_flags:
        assert flag.title in text

    # Warning signs by disposition, most urgent first, as on the Triage tab.
    topic = topic_named("red-flags")
    assert topic is not None
    headings = [
        line.removeprefix("## ") for line in topic_lines(BUNDLED, topic, style) if line.startswith("## ")
    ]
    present = sorted({flag.disposition for flag in BUNDLED.red_flags}, key=lambda d: -d.severity)
    assert headings == [disposition.label for disposition in present]


def test_read_starts_from_the_cache_without_textual_or_pydantic(
    cli: RunCli, shared_cache: dict[str, str], tmp_path: Path
) -> None:
    cli("read", "key-points", env=shared_cache)  # fills the cache for the bundled pack
    probe = (
        "import sys; from crampguide import cli; code = cli.main(['read', 'causes']);"
        "heavy = {m.split('.')[0] for m in sys.modules} & {'textual', 'pydantic', 'rich'};"
        "print(sorted(heavy), file=sys.stderr);"
        "sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=cli_env(shared_cache),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "[]"
    assert "# Causes" in done.stdout


def test_piped_to_a_pager_it_wraps_to_the_terminal_the_pager_shows_it_on(tmp_path: Path) -> None:
    command = f"{crampguide_command()} --content {MINIMAL_PACK} read causes | cat"
    child = pexpect.spawn(
        "/bin/sh",
        ["-c", command],
        env=pty_env({"CRAMPGUIDE_CACHE_DIR": str(tmp_path / "cache")}),
        encoding="utf-8",
        timeout=30,
        dimensions=(24, 30),
    )
    child.expect(pexpect.EOF)
    child.close()
    out = (child.before or "").splitlines()
    assert child.exitstatus == 0
    assert "What helps: What helps with" in out  # wrapped at 30 columns, not the 80 of no terminal at all
    assert not any(ESCAPE.search(line) for line in out)  # a pipe: no bold


def test_width_without_a_terminal_is_columns_or_80(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    monkeypatch.setenv("COLUMNS", "57")
    assert terminal_width() == 57
    monkeypatch.setenv("COLUMNS", "wide")
    assert terminal_width() == 80
    monkeypatch.delenv("COLUMNS")
    assert terminal_width() == 80


def test_an_unknown_topic_with_escape_bytes_is_echoed_escaped(
    cli: RunCli, shared_cache: dict[str, str]
) -> None:
    done = cli("--content", MINIMAL_PACK, "read", "x\x1b[2Jy", env=shared_cache)
    assert done.returncode == 2
    assert "\x1b" not in done.stderr
    assert "unknown topic or item 'x\\x1b[2Jy'" in done.stderr
