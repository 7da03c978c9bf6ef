"""`crampguide triage [--answers FILE [--json]]`: open the Triage tab, or walk the tree with saved answers.

With answers it runs without a terminal, so scripts and tests get the same outcome as the app. Every error is
one line on stderr and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crampguide.commands.common import content_dir, load_or_report, write_stdout
from crampguide.safe_text import json_text, one_line

if TYPE_CHECKING:
    from crampguide.triage import Result


class _AnswersFileError(Exception):
    pass


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--answers",
        metavar="FILE",
        type=Path,
        help="TOML file of fact ids set to true or false; prints the outcome instead of opening the app",
    )
    parser.add_argument("--json", action="store_true", help="with --answers: print one JSON object")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="ask the questions one at a time as plain lines (y, n, b back, q quit, ? repeat)",
    )


def _run_plain(args: argparse.Namespace) -> int:
    """`--plain`: the walk as a dialogue on stdin and stdout."""
    if args.answers is not None or args.json:
        print("crampguide: --plain asks the questions itself; leave out --answers", file=sys.stderr)
        return 1
    from crampguide.commands import plain

    guide = load_or_report(content_dir(args))
    return 1 if guide is None else plain.triage(guide)


def run(args: argparse.Namespace) -> int:
    if args.plain:
        return _run_plain(args)
    answers_file: Path | None = args.answers
    if answers_file is None:
        if args.json:
            print("crampguide: --json needs --answers FILE", file=sys.stderr)
            return 1
        from crampguide.commands import app

        return app.run(args, tab="triage")

    from crampguide.triage import TriageError, evaluate

    try:
        answers = _read_answers(answers_file)
    except _AnswersFileError as error:
        print(f"crampguide: {one_line(str(error))}", file=sys.stderr)
        return 1
    guide = load_or_report(content_dir(args))
    if guide is None:
        return 1
    try:
        result = evaluate(guide.triage, answers)
    except TriageError as error:
        print(f"crampguide: {one_line(f'{answers_file}: {error}')}", file=sys.stderr)
        return 1

    return 0 if write_stdout(result_json(result) if args.json else result_text(result)) else 1


def result_json(result: Result) -> str:
    """The result as one JSON object, content text escaped by `json_text` as the JSON export's is."""
    report = {
        "disposition": result.disposition.value,
        "outcome": result.outcome.id,
        "title": result.outcome.title,
        "path": [{"node": step.node, "fact": step.fact.value, "answer": step.answer} for step in result.path],
        "reasons": list(result.reasons),
    }
    return json_text(json.dumps(report, indent=2, ensure_ascii=False)) + "\n"


def result_text(result: Result) -> str:
    """The disposition's words once, on its own line; the outcome line says only what is left of the title."""
    from crampguide.words import outcome_title

    outcome = result.outcome
    lines = [
        f"Disposition: {result.disposition.value} ({result.disposition.label})",
        f"Outcome: {outcome_title(outcome) or result.disposition.label} ({outcome.id})",
        "Reasons:",
        *(
            textwrap.fill(reason, width=88, initial_indent="  - ", subsequent_indent="    ")
            for reason in result.reasons or ("You answered no to every question asked.",)
        ),
        "What to do now:",
        textwrap.fill(outcome.do_now, width=88, initial_indent="  ", subsequent_indent="  "),
    ]
    return "\n".join(lines) + "\n"


MAX_ANSWERS_BYTES = 1024 * 1024  # a few dozen facts need a few hundred bytes


def _read_answers(path: Path) -> dict[str, Any]:
    """The file's top-level table; the engine then checks ids and values."""
    from crampguide.reading import TomlProblem, parse_toml, read_bytes

    try:
        raw = read_bytes(path, MAX_ANSWERS_BYTES)
    except OSError as error:
        raise _AnswersFileError(f"cannot read answers file {path}: {error.strerror or error}") from None
    try:
        return parse_toml(raw)
    except TomlProblem as error:
        raise _AnswersFileError(f"{path}: {error}") from None
