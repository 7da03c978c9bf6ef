"""`crampguide read [TOPIC]`: the guide as plain text, for screen readers, pipes, `less` and `grep`.

It loads the guide from the validated-content cache, as the app does, and imports neither Textual nor (on a
cache hit) Pydantic, so it starts in a fraction of the app's time.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys

from crampguide.commands.common import content_dir, load_or_report, write_stdout
from crampguide.commands.plain import terminal_width
from crampguide.lines.guide import (
    TOPICS,
    all_items,
    contents_lines,
    find_item,
    item_lines,
    topic_lines,
    topic_named,
    wants_escapes,
)
from crampguide.lines.text import MIN_WIDTH, Style
from crampguide.safe_text import one_line

# The exit code argparse uses for a bad argument.
BAD_ARGUMENT = 2


def configure(parser: argparse.ArgumentParser) -> None:
    names = ", ".join(topic.name for topic in TOPICS)
    parser.add_argument(
        "topic",
        nargs="?",
        metavar="TOPIC",
        help=f"{names}, or an item id (default: what there is to read)",
    )
    parser.add_argument(
        "--width", metavar="N", type=_width, help="wrap to N columns (default: the terminal's width)"
    )
    parser.add_argument(
        "--plain", action="store_true", help="no bold, even on a terminal (as with NO_COLOR set)"
    )


def run(args: argparse.Namespace) -> int:
    guide = load_or_report(content_dir(args), cached=True)
    if guide is None:
        return 1
    style = Style(
        width=args.width or terminal_width(),
        escapes=wants_escapes(
            terminal=sys.stdout.isatty(), no_color=os.environ.get("NO_COLOR"), plain=args.plain
        ),
    )
    name: str | None = args.topic
    if name is None:
        lines = contents_lines(guide, style)
    elif (topic := topic_named(name)) is not None:
        lines = topic_lines(guide, topic, style)
    elif (item := find_item(guide, name)) is not None:
        lines = item_lines(guide, item, style, level=1)
    else:
        known = [topic.name for topic in TOPICS]
        close = difflib.get_close_matches(name, known + [item.id for item in all_items(guide)], n=3)
        hint = f" Did you mean {' or '.join(close)}?" if close else ""
        print(
            f"crampguide read: unknown topic or item '{one_line(name)}'; known topics: {', '.join(known)}, "
            f"or an item id (`crampguide read` lists where to find them).{hint}",
            file=sys.stderr,
        )
        return BAD_ARGUMENT
    return 0 if write_stdout("\n".join(lines) + "\n") else 1


def _width(text: str) -> int:
    try:
        width = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if width < MIN_WIDTH:
        raise argparse.ArgumentTypeError(f"give at least {MIN_WIDTH} columns (got {width})")
    return width
