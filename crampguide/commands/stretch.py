"""`crampguide stretch [ROUTINE]`: open the app straight into a running routine (default: bedtime)."""

from __future__ import annotations

import argparse
import sys

from crampguide.commands.common import content_dir, load_or_report

DEFAULT_ROUTINE = "bedtime"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "routine", nargs="?", default=DEFAULT_ROUTINE, help="routine id, e.g. bedtime or cramp-now"
    )


def run(args: argparse.Namespace) -> int:
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
    from crampguide.commands import app

    return app.run(args, tab="stretch", routine=args.routine)
