"""`crampguide stretch [ROUTINE] [--plain]`: open the app straight into a running routine (default: bedtime),
or run it as plain lines."""

from __future__ import annotations

import argparse
import sys

from crampguide.commands.common import content_dir, load_or_report

DEFAULT_ROUTINE = "bedtime"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "routine", nargs="?", default=DEFAULT_ROUTINE, help="routine id, e.g. bedtime or cramp-now"
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="run it as plain lines without the app: a line per step, halfway and 10 s before the end",
    )
    parser.add_argument("--quiet", action="store_true", help="with --plain: no bell when a step changes")


def run(args: argparse.Namespace) -> int:
    if args.quiet and not args.plain:
        print("crampguide: --quiet goes with --plain (in the app, m turns the bell off)", file=sys.stderr)
        return 1
    guide = load_or_report(content_dir(args))
    if guide is None:
        return 1
    known = [routine.id for routine in guide.routines]
    if args.routine not in known:
        print(
            f"crampguide: unknown routine '{args.routine}'; known routines: {', '.join(known)}",
            file=sys.stderr,
        )
        return 1
    if args.plain:
        from crampguide.commands import plain

        return plain.stretch(args, guide, guide.routine(args.routine))
    from crampguide.commands import app

    return app.run(args, tab="stretch", routine=args.routine)
