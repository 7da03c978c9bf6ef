"""`crampguide export`: a summary of the diary and checklists to take to a doctor."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from crampguide import checklist, diary, report
from crampguide.commands.common import content_dir, load_or_report
from crampguide.commands.log import print_warnings
from crampguide.paths import data_dir
from crampguide.store import Store, StoreError

DEFAULT_WEEKS = diary.WEEKS


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("markdown", "csv", "json"),
        default="markdown",
        help="markdown: the full summary (default); csv: one row per diary entry, for a spreadsheet; "
        "json: everything as one object, for other tools (a stable format, see the README)",
    )
    parser.add_argument("--output", metavar="FILE", type=Path, help="write to FILE instead of the screen")
    parser.add_argument(
        "--since",
        metavar="DATE",
        type=_since,
        help=f"first night to include, e.g. 2024-03-01 (default: the last {DEFAULT_WEEKS} weeks)",
    )
    parser.set_defaults(export_parser=parser)


def run(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args.export_parser
    guide = load_or_report(content_dir(args))
    if guide is None:
        return 1
    store = Store(data_dir(getattr(args, "data_dir", None)))
    try:
        hour = store.settings().day_start_hour
        now = store.now()
        tonight = checklist.night_of(now, hour)
        start: date = args.since or tonight - timedelta(days=7 * DEFAULT_WEEKS - 1)
        if start > tonight:
            parser.error(f"argument --since: {start.isoformat()} is after tonight ({tonight.isoformat()})")
        ticks = store.all_ticks()
        entries = store.entries()
        latest_try = store.latest_try()
    except StoreError as error:
        print_warnings(store)
        print(f"crampguide: {error}", file=sys.stderr)
        return 1
    print_warnings(store)

    red_flags = sorted(guide.red_flags, key=lambda flag: -flag.disposition.severity)
    summary = report.summarise(
        entries,
        now=now,
        start=start,
        day_start_hour=hour,
        adherence=[checklist.adherence(c, ticks.get(c.id, {}), start, tonight) for c in guide.checklists],
        red_flags=[flag.title for flag in red_flags],
        treatment_titles={treatment.id: treatment.title for treatment in guide.treatments},
        checklists=guide.checklists,
        ticks=ticks,
        trial=latest_try,
    )
    text = _render(summary, args.format)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8", newline="")
    except OSError as error:
        print(f"crampguide: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"Summary of {diary.long_date(start)} to {diary.long_date(tonight)} written to {args.output}")
    return 0


def _render(summary: report.Summary, format: str) -> str:
    if format == "csv":
        return report.to_csv(summary)
    if format == "json":
        from crampguide import report_json  # only this format needs json

        return report_json.to_json(summary)
    return report.to_markdown(summary)


def _since(text: str) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2024-03-01") from None
    try:
        return diary.check_day(day)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
