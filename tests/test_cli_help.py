"""`crampguide --help` lists the commands a user needs first, then the ones for content authors."""

from __future__ import annotations

import re

from crampguide.cli import build_parser
from crampguide.commands import COMMANDS

USER_COMMANDS = ["triage", "stretch", "log", "export"]
AUTHOR_COMMANDS = ["validate", "schema"]


def listed_commands(help_text: str) -> list[str]:
    """Command names in the order the help lists them (each starts an indented line of the list)."""
    names = {info.name for info in COMMANDS}
    return [match[1] for match in re.finditer(r"^ {4}(\w+)", help_text, re.MULTILINE) if match[1] in names]


def test_help_lists_user_commands_first_then_the_authors() -> None:
    listed = listed_commands(build_parser().format_help())
    assert sorted(listed) == sorted(info.name for info in COMMANDS)
    assert listed[: len(USER_COMMANDS)] == USER_COMMANDS
    assert listed[-len(AUTHOR_COMMANDS) :] == AUTHOR_COMMANDS


def test_any_author_command_comes_after_every_user_command() -> None:
    listed = listed_commands(build_parser().format_help())
    authors = {info.name for info in COMMANDS if info.for_authors}
    assert authors == set(AUTHOR_COMMANDS)
    first_author = min(listed.index(name) for name in authors)
    assert all(listed.index(info.name) < first_author for info in COMMANDS if not info.for_authors)


def test_help_says_which_commands_are_for_authors() -> None:
    text = " ".join(build_parser().format_help().split())
    for name in AUTHOR_COMMANDS:
        assert re.search(rf"\b{name} for content authors:", text), name
