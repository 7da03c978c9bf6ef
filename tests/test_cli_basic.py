"""The command line's quick paths: help, version, validate and schema, all without loading Textual."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import RunCli, cli_env

from crampguide import __version__
from crampguide.guide.files import CONTENT_FILES


def test_help(cli: RunCli) -> None:
    result = cli("--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: crampguide")
    for command in ("validate", "schema", "--content", "--data-dir", "--version"):
        assert command in result.stdout
    assert result.stderr == ""


def test_subcommand_help(cli: RunCli) -> None:
    result = cli("validate", "--help")
    assert result.returncode == 0, result.stderr
    assert "usage: crampguide validate" in result.stdout


def test_version(cli: RunCli) -> None:
    result = cli("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"crampguide {__version__}"


def test_validate_prints_counts(minimal_pack: Path, cli: RunCli) -> None:
    result = cli("validate", minimal_pack)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    line = result.stdout.strip()
    assert line.startswith("content OK: ")
    for count in (
        "2 sources",
        "2 causes",
        "2 treatments",
        "3 triage questions",
        "4 triage outcomes",
        "2 routines",
    ):
        assert count in line
    assert str(minimal_pack) in line


def test_validate_bundled_pack(cli: RunCli, tmp_path: Path) -> None:
    result = cli("validate", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content OK: ")


def test_unknown_command_is_a_usage_error(cli: RunCli) -> None:
    result = cli("no-such-command")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "usage:" in result.stderr


def test_schema_covers_every_content_file(cli: RunCli) -> None:
    result = cli("schema")
    assert result.returncode == 0, result.stderr
    schemas = json.loads(result.stdout)
    assert set(schemas) == set(CONTENT_FILES)
    assert all(schema.get("type") == "object" for schema in schemas.values())
    assert "question" in schemas["triage.toml"]["properties"]  # the TOML name, not the Python one


def test_schema_of_one_file(cli: RunCli) -> None:
    result = cli("schema", "causes.toml")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert set(schema["properties"]) == {"cause"}


def test_schema_of_unknown_file(cli: RunCli) -> None:
    result = cli("schema", "nope.toml")
    assert result.returncode == 1
    assert "unknown content file" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


PROBE = """
import json, sys
from crampguide import cli
try:
    code = cli.main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
sys.stdout.flush()
loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
print("PROBE " + json.dumps({"code": code, "textual": loaded}))
"""


@pytest.mark.parametrize(
    "args",
    [["--help"], ["--version"], ["validate", "{pack}"], ["validate"], ["schema"], ["schema", "causes.toml"]],
    ids=["help", "version", "validate-pack", "validate-bundled", "schema", "schema-one"],
)
def test_quick_commands_do_not_import_textual(args: list[str], minimal_pack: Path, tmp_path: Path) -> None:
    argv = [arg.replace("{pack}", str(minimal_pack)) for arg in args]
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        cwd=tmp_path,
        env=cli_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    probe = json.loads(result.stdout.rsplit("PROBE ", 1)[1])
    assert probe["code"] in (0, None), result.stdout + result.stderr
    assert probe["textual"] == []


def test_the_collector_is_back_on_once_the_first_tab_is_drawn() -> None:
    """The app starts with the garbage collector off; the hook the app calls when it is drawn turns it on."""
    from crampguide.commands.app import _collect_from_now_on

    gc.disable()
    try:
        _collect_from_now_on()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()
