"""Wrapping prose to a width and listing sources, the way every line-by-line command does it."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from crampguide.guide.models import Guide

# Narrower than this, wrapping would put a word or two on each line; a tiny terminal wraps long lines itself.
MIN_WIDTH = 20


def flat(text: str) -> str:
    """Text on one line: runs of spaces and line breaks become one space."""
    return " ".join(text.split())


def wrap(text: str, width: int, *, indent: str = "", first: str | None = None) -> list[str]:
    """`text` on one logical line, wrapped to `width` columns; `first` replaces `indent` on the first line.

    Words are never broken, nor at hyphens: a long address stays whole and copyable.
    """
    lead = indent if first is None else first
    return textwrap.wrap(
        flat(text),
        width=max(width, MIN_WIDTH),
        initial_indent=lead,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [lead.rstrip()]


def source_lines(guide: Guide, source_ids: Iterable[str], width: int) -> list[str]:
    """A "Sources:" line, then each source: title, publisher, year and the address to type or copy."""
    lines = ["Sources:"]
    for source_id in source_ids:
        source = guide.source(source_id)
        year = f", {source.year}" if source.year else ""
        address = f" {source.url}" if source.url else ""
        entry = f"{source.title} — {source.publisher}{year}.{address}"
        lines.extend(wrap(entry, width, first="- ", indent="  "))
    return lines
