"""The one rule: nothing outside `crampguide/ui/` imports Textual; the core stays plain and quick to load."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest
from conftest import RunCli, once_per_run

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "crampguide"
# `__main__` runs the program when imported; the command line is covered through `crampguide.cli`.
NOT_IMPORTABLE = {"crampguide.__main__"}


def core_modules() -> list[str]:
    """Every module of the package except the UI, found on disk so new modules are covered without a list."""
    found = ["crampguide"]
    pending = [(PACKAGE, "crampguide")]
    while pending:
        directory, prefix = pending.pop()
        for info in pkgutil.iter_modules([str(directory)]):
            name = f"{prefix}.{info.name}"
            if name == "crampguide.ui" or name in NOT_IMPORTABLE:
                continue
            found.append(name)
            if info.ispkg:
                pending.append((directory / info.name, name))
    return sorted(found)


def test_discovery_finds_the_core() -> None:
    modules = core_modules()
    assert {"crampguide.cli", "crampguide.guide.loader", "crampguide.guide.models"} <= set(modules)
    assert not [m for m in modules if m == "crampguide.ui" or m.startswith("crampguide.ui.")]


# One interpreter for every module: it imports nothing of the package itself, and forks a child per module
# that imports that one module and reports through a pipe what of Textual it loaded, or why the import failed.
# The standard library most modules use is imported once, before the forks: it cannot bring Textual in, and
# whatever it loaded would be in every child's report.
PROBE = """
import importlib, json, os, sys
import argparse, collections, dataclasses, datetime, enum, inspect, pathlib, random, re, typing

ONE = (
    "import importlib, json, sys; importlib.import_module(sys.argv[1]); "
    "print(json.dumps({'textual': sorted(m for m in sys.modules if m.split('.')[0] == 'textual')}))"
)

def probe(module):
    if not hasattr(os, "fork"):  # Windows: a whole interpreter per module, as slow as it is sure
        import subprocess
        done = subprocess.run([sys.executable, "-c", ONE, module], capture_output=True, text=True)
        return json.loads(done.stdout) if done.returncode == 0 else {"error": done.stderr}
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        try:
            importlib.import_module(module)
            report = {"textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual")}
        except BaseException as error:
            import traceback
            report = {"error": "".join(traceback.format_exception(error))}
        with os.fdopen(write, "w") as answer:
            json.dump(report, answer)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as answer:
        said = answer.read()
    _, status = os.waitpid(child, 0)
    if status or not said:
        return {"error": f"the child importing {module} ended with wait status {status}"}
    return json.loads(said)

print(json.dumps({module: probe(module) for module in sys.argv[1:]}))
"""
# Tried on purpose beside the core: one that loads Textual, and one that cannot be imported.
LOADS_TEXTUAL = "crampguide.ui.app"
DOES_NOT_EXIST = "crampguide.no_such_module"


@pytest.fixture(scope="session")
def textual_loaded_by(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    """What each core module (and the two tried on purpose) loads of Textual: one probe process a test run."""
    modules = [*core_modules(), LOADS_TEXTUAL, DOES_NOT_EXIST]

    def probe() -> str:
        result = subprocess.run(
            [sys.executable, "-c", PROBE, *modules],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    found: dict[str, dict[str, object]] = json.loads(
        once_per_run(tmp_path_factory, "textual-probe.json", probe)
    )
    assert sorted(found) == sorted(modules)
    return found


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_import_textual(
    module: str, textual_loaded_by: dict[str, dict[str, object]]
) -> None:
    report = textual_loaded_by[module]
    assert "error" not in report, report["error"]
    assert report["textual"] == [], f"{module} loads Textual: {report['textual']}"


def test_the_probe_sees_textual_loaded_and_a_failed_import(
    textual_loaded_by: dict[str, dict[str, object]],
) -> None:
    loaded = textual_loaded_by[LOADS_TEXTUAL]
    assert "error" not in loaded, loaded["error"]
    assert "textual" in cast(list[str], loaded["textual"])
    failed = textual_loaded_by[DOES_NOT_EXIST]
    assert "ModuleNotFoundError: No module named 'crampguide.no_such_module'" in cast(str, failed["error"])


COMMAND_PROBE = """
import contextlib, io, sys
from crampguide.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
heavy = ("pydantic", "crampguide.guide.loader", "crampguide.guide.files")
print(code, sorted(m for m in heavy if m in sys.modules))
"""


@pytest.mark.parametrize(
    "command",
    [
        ["export"],
        ["export", "--format", "csv"],
        ["log", "--helped", "rub"],
        ["triage", "--answers", "ANSWERS"],
        ["log"],
    ],
    ids=" ".join,
)
def test_data_commands_start_without_pydantic_once_the_content_is_cached(
    command: list[str], tmp_path: Path, cli: RunCli
) -> None:
    """One `load` for every command: after a first run has cached the pack, none of them validates again.

    The first run only fills the cache, so it runs in-process; the second, whose imports are the point, in a
    fresh interpreter."""
    answers = tmp_path / "answers.toml"
    answers.write_text("chest_pain_or_breathless = true\n")
    pack = REPO / "tests" / "fixtures" / "minimal_pack"
    argv = [str(answers) if arg == "ANSWERS" else arg for arg in command]
    if "rub" in argv:  # the fixture pack's first-aid treatment
        argv[argv.index("rub")] = _first_aid_id(pack)
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "CRAMPGUIDE_DATA_DIR": str(tmp_path / "data"),
        "CRAMPGUIDE_CACHE_DIR": str(tmp_path / "cache"),
    }
    first = cli("--content", pack, *argv, env={"CRAMPGUIDE_CACHE_DIR": env["CRAMPGUIDE_CACHE_DIR"]})
    assert first.returncode == 0, first.stderr
    full = [sys.executable, "-c", COMMAND_PROBE, "--content", str(pack), *argv]
    second = subprocess.run(full, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip().splitlines()[-1] == "0 []", second.stdout


def _first_aid_id(pack: Path) -> str:
    import tomllib

    treatments = tomllib.loads((pack / "treatments.toml").read_text("utf-8"))["treatment"]
    return next(t["id"] for t in treatments if t.get("group") == "first-aid")
