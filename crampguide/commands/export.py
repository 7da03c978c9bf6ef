"""`crampguide export`: a summary of the diary and checklists to take to a doctor."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, timedelta
from pathlib import Path

from crampguide import checklist, diary, report
from crampguide.atomic_write import write_atomically
from crampguide.commands.common import content_dir, load_or_report, print_warnings, write_stdout
from crampguide.paths import data_dir
from crampguide.reading import is_regular_file
from crampguide.safe_text import json_text, one_line
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
    parser.add_argument(
        "--output",
        metavar="FILE",
        type=Path,
        help="write to FILE instead of the screen (never inside the data folder; see --force)",
    )
    parser.add_argument("--force", action="store_true", help="with --output: replace FILE if it exists")
    parser.add_argument(
        "--since",
        metavar="DATE",
        type=_since,
        help=f"first night to include, e.g. 2024-03-01 (default: the last {DEFAULT_WEEKS} weeks, or from "
        "the first entry or tick if that is later)",
    )
    parser.set_defaults(export_parser=parser)


def run(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args.export_parser
    guide = load_or_report(content_dir(args))
    if guide is None:
        return 1
    folder = data_dir(getattr(args, "data_dir", None))
    if args.output is not None:
        refusal = _refusal(args.output, folder, force=args.force)
        if refusal is not None:
            print(f"crampguide: {one_line(refusal)}", file=sys.stderr)
            return 1
    store = Store(folder)
    try:
        hour = store.settings().day_start_hour
        now = store.now()
        tonight = checklist.night_of(now, hour)
        if args.since is not None and args.since > tonight:
            parser.error(
                f"argument --since: {args.since.isoformat()} is after tonight ({tonight.isoformat()})"
            )
        ticks = store.all_ticks()
        entries = store.entries()
        latest_try = store.latest_try()
        start: date = args.since
        since_first_record = False
        if start is None:
            default = tonight - timedelta(days=7 * DEFAULT_WEEKS - 1)
            start, since_first_record = report.period_start(default, tonight, entries, ticks, hour)
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
        red_flags=[flag.title for flag in red_flags],
        treatment_titles={treatment.id: treatment.title for treatment in guide.treatments},
        checklists=guide.checklists,
        ticks=ticks,
        trial=latest_try,
        since_first_record=since_first_record,
    )
    text = _render(summary, args.format)
    if args.output is None:
        return 0 if write_stdout(text) else 1
    try:
        _write(args.output, text.encode("utf-8"))
    except OSError as error:
        print(
            f"crampguide: cannot write {one_line(str(args.output))}: {error.strerror or error}",
            file=sys.stderr,
        )
        return 1
    written = f"Summary of {diary.long_date(start)} to {diary.long_date(tonight)} written to {args.output}"
    return 0 if write_stdout(one_line(written) + "\n") else 1


def _refusal(output: Path, folder: Path, *, force: bool) -> str | None:
    """Why `output` must not be written, or None. The data folder holds only the store's own files."""
    target = output.resolve()
    if target.is_relative_to(folder.resolve()):
        return f"{output} is inside the data folder {folder}; write the summary somewhere else"
    if os.path.lexists(output) and not force:
        return f"{output} already exists; add --force to replace it"
    return None


def _write(output: Path, data: bytes) -> None:
    """Replace a file atomically, so a failure leaves the old one whole; write into anything else (a
    device, a pipe) as it is, since replacing it would put a file in its place."""
    if os.path.exists(output) and not is_regular_file(output):
        with open(output, "wb") as stream:
            stream.write(data)
        return
    write_atomically(output, data)


def _render(summary: report.Summary, format: str) -> str:
    if format == "csv":
        return report.to_csv(summary)
    if format == "json":
        from crampguide import report_json  # only this format needs json

        return json_text(report_json.to_json(summary))
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
