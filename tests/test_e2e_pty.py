"""End to end: the installed `crampguide` script on a pseudo-terminal, driven by keys, read off the screen."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest
from pty_helpers import PtyApp, crampguide_command, pty_env, write_accepted_settings

TAB_BAR = ("1 Causes", "6 Diary")

# For each tab key, text only that tab's content draws (not the tab bar or the footer).
TAB_CONTENT = (
    ("1", "General"),
    ("2", "Home remedies"),
    ("3", "yes/no questions"),
    ("4", "Bedtime stretches"),
    ("5", "Every day"),
    ("6", "What helped"),
)
HELP_TEXT = "crampguide is an offline guide"


def body(app: PtyApp) -> str:
    """The screen between the tab bar and the footer, where the active tab and any dialog are drawn."""
    return "\n".join(app.lines()[3:-1])


@pytest.fixture
def crampguide() -> Path:
    command = crampguide_command()
    assert command.exists(), f"the console script {command} is not installed next to this Python"
    return command


def test_tabs_help_and_quit_on_a_terminal(crampguide: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    with PtyApp([crampguide, "--data-dir", data]) as app:
        app.wait_for(TAB_BAR, timeout=15)

        # First run: the disclaimer waits with its accept button focused.
        app.wait_for("I understand", timeout=15)
        app.press("enter")
        app.wait_for(lambda text: "I understand" not in text, timeout=5)
        settings = tomllib.loads((data / "settings.toml").read_text(encoding="utf-8"))
        assert settings["disclaimer_accepted"] is True

        for key, text in TAB_CONTENT:
            if key != "1":
                assert text not in body(app), f"{text!r} already on screen before pressing {key}"
            app.press(key)
            app.wait_for(lambda _screen, text=text: text in body(app), timeout=5)

        app.press("?")
        app.wait_for(lambda _screen: "Help" in body(app) and HELP_TEXT in body(app), timeout=5)
        app.press("escape")
        app.wait_for(lambda text: HELP_TEXT not in text, timeout=5)
        assert TAB_CONTENT[-1][1] in body(app)

        app.press("q")
        assert app.wait_exit(timeout=5) == 0


def test_second_run_skips_the_disclaimer(crampguide: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_accepted_settings(data)
    with PtyApp([crampguide, "--data-dir", data]) as app:
        app.wait_for(("What a night cramp is", *TAB_BAR), timeout=15)
        app.drain(0.5)
        assert "I understand" not in app.text()
        app.press("q")
        assert app.wait_exit(timeout=5) == 0


def test_stretch_bedtime_opens_with_the_countdown_running(crampguide: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_accepted_settings(data)
    with PtyApp([crampguide, "--data-dir", data, "stretch", "bedtime"]) as app:
        app.wait_for(("Bedtime stretches", "Step 1 of"), timeout=15)
        before = body(app)
        app.wait_for(lambda _screen: body(app) != before, timeout=3)  # the countdown ticks
        assert "Step 1 of" in body(app)
        app.press("q")
        assert app.wait_exit(timeout=5) == 0


def test_without_a_terminal_it_says_so_and_exits_1(crampguide: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [crampguide, "--data-dir", tmp_path / "data"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=pty_env(),
        timeout=30,
    )
    assert done.returncode == 1
    stderr = done.stderr.decode("utf-8")
    assert "needs a terminal" in stderr
    assert b"\x1b" not in done.stdout + done.stderr
    assert done.stdout == b""
