"""`crampguide validate [DIR]`: check a content pack and summarise it."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from crampguide.commands.common import content_dir, load_or_report

if TYPE_CHECKING:
    from crampguide.guide.models import Guide


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("directory", metavar="DIR", type=Path, nargs="?", help="content folder to check")


def run(args: argparse.Namespace) -> int:
    directory: Path = args.directory or content_dir(args)
    guide = load_or_report(directory, cached=False)
    if guide is None:
        return 1
    print(f"content OK: {summary(guide)} ({directory})")
    return 0


def summary(guide: Guide) -> str:
    counts = [
        (len(guide.sources), "sources"),
        (len(guide.key_points), "key points"),
        (len(guide.causes), "causes"),
        (len(guide.treatments), "treatments"),
        (len(guide.prevention), "prevention rules"),
        (len(guide.red_flags), "red flags"),
        (len(guide.triage.questions), "triage questions"),
        (len(guide.triage.outcomes), "triage outcomes"),
        (len(guide.routines), "routines"),
        (len(guide.checklists), "checklists"),
    ]
    return ", ".join(f"{count} {name}" for count, name in counts)
