"""`crampguide log`: add a cramp to the diary from the command line, without starting the app."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import date, datetime

from crampguide import diary
from crampguide.checklist import night_of
from crampguide.commands.common import print_warnings
from crampguide.diary import DiaryEntry, Leg
from crampguide.paths import data_dir
from crampguide.safe_text import one_line
from crampguide.store import Store, StoreError, local_now


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--when",
        metavar="ISO8601",
        type=_when,
        help="when it happened, e.g. 2024-03-01T23:30 (local time unless an offset is given; default: now)",
    )
    parser.add_argument("--leg", metavar="left|right|both", type=_leg, help="which leg")
    parser.add_argument(
        "--severity", metavar="1-10", type=_severity, help="how bad, from 1 (mild) to 10 (worst)"
    )
    parser.add_argument(
        "--minutes", metavar="N", type=_minutes, help="how long it lasted; 0 for under a minute"
    )
    parser.add_argument(
        "--helped",
        metavar="ID",
        action="append",
        default=[],
        help="id of a first-aid treatment that helped; repeat for more",
    )
    parser.add_argument("--note", metavar="TEXT", type=_note, default="", help="a short note")
    parser.set_defaults(log_parser=parser)


def run(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args.log_parser
    helped: list[str] = list(dict.fromkeys(args.helped))
    if helped:
        known = _first_aid_ids(args)
        if known is None:
            return 1
        unknown = [treatment for treatment in helped if treatment not in known]
        if unknown:
            choices = ", ".join(known)
            parser.error(f"argument --helped: unknown first-aid treatment {unknown[0]!r} (known: {choices})")
    store = Store(data_dir(getattr(args, "data_dir", None)))
    try:
        entry = store.add_entry(
            when=None if args.when is None else args.when.moment,
            leg=args.leg,
            severity=args.severity,
            minutes=args.minutes,
            helped=helped,
            note=args.note,
        )
        hour = store.settings().day_start_hour
        entries = store.entries()
    except StoreError as error:
        print_warnings(store)
        print(f"crampguide: {error}", file=sys.stderr)
        return 1
    print_warnings(store)
    if args.when is not None and args.when.note:
        print(f"Note: {args.when.note}")
    print(f"Saved: {one_line(diary.describe(entry, hour))}")
    _print_notice(entry, entries, store.now(), hour)
    return 0


def _print_notice(entry: DiaryEntry, entries: list[DiaryEntry], now: datetime, hour: int) -> None:
    """Say so at once when the new entry makes the diary rule apply; a long cramp is an urgent flag."""
    tonight = max(night_of(now, hour), entry.night(hour))
    notice = diary.frequency_notice(entries, tonight, hour)
    if notice is not None and (notice.frequent or entry in notice.long_entries):
        print(f"{notice.title}. {notice.message}")


def _first_aid_ids(args: argparse.Namespace) -> list[str] | None:
    from crampguide.commands.common import content_dir, load_or_report
    from crampguide.guide.models import TreatmentGroup

    guide = load_or_report(content_dir(args))
    if guide is None:
        return None
    return [t.id for t in guide.treatments if t.group is TreatmentGroup.FIRST_AID]


@dataclass(frozen=True)
class _When:
    """A parsed --when, and what to tell the user about it (a time the clocks skipped or repeated)."""

    moment: datetime
    note: str | None = None


def _when(text: str) -> _When:
    text = text.strip()
    try:
        date.fromisoformat(text)
    except ValueError:
        pass
    else:
        raise argparse.ArgumentTypeError(f"give a time as well as the date, e.g. {text}T23:30")
    try:
        given = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO 8601 date and time, e.g. 2024-03-01T23:30 or 2024-03-01T23:30+01:00"
        ) from None
    try:
        moment, note = (given, None) if given.tzinfo is not None else diary.local_moment(given)
        return _When(diary.check_when(moment, local_now()), note)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _leg(text: str) -> Leg:
    try:
        return diary.parse_leg(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _whole_number(text: str, what: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} must be a whole number, not {text!r}") from None


def _severity(text: str) -> int:
    try:
        return diary.check_severity(_whole_number(text, "severity"))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _minutes(text: str) -> int:
    try:
        return diary.check_minutes(_whole_number(text, "minutes"))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _note(text: str) -> str:
    try:
        return diary.check_note(text.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
