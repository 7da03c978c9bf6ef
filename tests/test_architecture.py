"""The one rule: nothing outside `crampguide/ui/` imports Textual; the core stays plain and quick to load."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

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


PROBE = """
import importlib, sys
importlib.import_module(sys.argv[1])
print(sorted(m for m in sys.modules if m.split(".")[0] == "textual"))
"""


@pytest.mark.parametrize("module", core_modules())
def test_core_module_does_not_import_textual(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, module],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"{module} loads Textual: {result.stdout}"
