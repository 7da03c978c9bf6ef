"""Command line: parse arguments and hand over to one command module.

Kept light on purpose: `--help`, `--version` and the data commands never import Textual or Pydantic-heavy
modules until a command needs them; only starting the app imports the UI.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from crampguide import __version__
from crampguide.commands import COMMANDS

if TYPE_CHECKING:
    import argparse


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """The same options on the main parser and on every subcommand, so they work before or after it."""
    import argparse

    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--content",
        metavar="DIR",
        type=Path,
        default=default,
        help="use another content pack (a folder of TOML files)",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        default=default,
        help="where settings, checklists and the diary are kept (also $CRAMPGUIDE_DATA_DIR)",
    )


def _chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand named in `argv`, found before parsing so only its module is imported."""
    takes_value = {"--content", "--data-dir"}
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in takes_value:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(
        prog="crampguide",
        description="An offline guide for night-time calf cramps. "
        "With no command, opens the full-screen guide.",
        epilog="This guide gives general information, not medical advice. In an emergency call your local "
        "emergency number.",
    )
    parser.add_argument("--version", action="version", version=f"crampguide {__version__}")
    _global_options(parser, suppress=False)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    chosen = _chosen_command(argv)
    # The user's commands first, then the authors': the order `--help` lists them in.
    for info in sorted(COMMANDS, key=lambda info: info.for_authors):
        sub = subparsers.add_parser(info.name, help=info.help, description=info.help)
        _global_options(sub, suppress=True)
        if info.name == chosen:
            command = info.load()
            command.configure(sub)
            sub.set_defaults(run=command.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    if not arguments:
        from crampguide.commands import app

        return app.run(app.NO_OPTIONS)
    parser = build_parser(arguments)
    args = parser.parse_args(arguments)
    if args.command is None:
        from crampguide.commands import app

        return app.run(args)
    result: int = args.run(args)
    return result


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
