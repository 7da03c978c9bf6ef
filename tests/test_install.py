"""A real install: build the wheel, install it into a fresh venv, and run the command from elsewhere.

This proves the content pack ships inside the wheel; a source checkout would hide a missing file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.install


def run(
    *args: str | Path, cwd: Path, env: dict[str, str], timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_installed_command_validates_the_shipped_content(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(PIP_NO_INPUT="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONIOENCODING="utf-8")
    env["CRAMPGUIDE_DATA_DIR"] = str(tmp_path / "data")
    venv = tmp_path / "venv"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    # A venv without its own pip, filled by this Python's pip: the same wheel and the same install, without
    # the seconds spent copying pip into the venv and compiling every dependency (the command still runs).
    made = run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path, env=env, timeout=120)
    assert made.returncode == 0, made.stderr
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"

    pip = (sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-compile", REPO)
    installed = run(*pip, cwd=tmp_path, env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr

    paths = run(
        python,
        "-c",
        "import sysconfig, crampguide; print(sysconfig.get_paths()['purelib']); print(crampguide.__file__)",
        cwd=elsewhere,
        env=env,
    )
    assert paths.returncode == 0, paths.stderr
    purelib, module_file = (Path(line).resolve() for line in paths.stdout.splitlines())
    assert module_file.is_relative_to(purelib), "crampguide was imported from outside the venv"

    result = run(bindir / "crampguide", "validate", cwd=elsewhere, env=env, timeout=120)
    assert "Traceback" not in result.stderr
    shipped = purelib / "crampguide" / "_content"
    assert f"({shipped})" in result.stdout or f"content at {shipped}" in result.stderr, (
        result.stdout + result.stderr
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content OK: ")

    version = run(bindir / "crampguide", "--version", cwd=elsewhere, env=env, timeout=120)
    assert version.returncode == 0
    assert version.stdout.startswith("crampguide ")
