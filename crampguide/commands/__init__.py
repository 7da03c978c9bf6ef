"""The subcommands. Each module has `configure(parser)` and `run(args) -> exit code`.

The table below names them; a module is imported only when its command runs, so `crampguide` (the app) and
`crampguide --help` do not pay for what `export` or `triage --answers` need.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    import argparse


class Command(Protocol):
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class CommandInfo:
    name: str
    help: str
    for_authors: bool = False
    """A command for people who write content packs: `--help` lists it after the commands for users."""

    def load(self) -> Command:
        return cast(Command, importlib.import_module(f"crampguide.commands.{self.name}"))


COMMANDS: tuple[CommandInfo, ...] = (
    CommandInfo("triage", "check your symptoms: open the Triage tab, or walk it with answers from a file"),
    CommandInfo("stretch", "open the guide with a stretch routine running (default: bedtime)"),
    CommandInfo("log", "add a cramp to the diary (by default: now)"),
    CommandInfo("export", "write a summary of the diary for a doctor visit (Markdown, CSV or JSON)"),
    CommandInfo("read", "read the guide as plain text: a topic, one item, or what there is to read"),
    CommandInfo(
        "validate",
        "for content authors: check a content folder (default: the bundled one) and print a summary",
        for_authors=True,
    ),
    CommandInfo(
        "schema", "for content authors: print the JSON Schema of the content files", for_authors=True
    ),
)
