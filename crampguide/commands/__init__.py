"""One module per subcommand. Each has NAME, HELP, `configure(parser)` and `run(args) -> exit code`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from types import ModuleType
from typing import Protocol, cast

from crampguide.commands import export, log, schema, stretch, triage, validate


class Command(Protocol):
    NAME: str
    HELP: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _commands(*modules: ModuleType) -> tuple[Command, ...]:
    return tuple(cast(Command, module) for module in modules)


COMMANDS = _commands(validate, schema, triage, stretch, log, export)
