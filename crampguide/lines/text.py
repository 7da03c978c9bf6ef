"""Prose as lines: the content's Markdown subset wrapped to a width, headings, and source lists.

Every line-by-line command writes text through here. Prose is parsed by `crampguide.prose`; bold becomes an
escape sequence only when `Style.escapes` says so, and lines are wrapped counting only what shows. Words are
never broken, nor at hyphens: a long address stays whole and copyable.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crampguide.prose import Block, Span, parse

if TYPE_CHECKING:
    from crampguide.guide.models import Guide

# Narrower than this, wrapping would put a word or two on each line; a tiny terminal wraps long lines itself.
MIN_WIDTH = 20


def flat(text: str) -> str:
    """Text on one line: runs of spaces and line breaks become one space."""
    return " ".join(text.split())


_BOLD_ON = "\x1b[1m"
_BOLD_OFF = "\x1b[22m"


@dataclass(frozen=True)
class Style:
    """How to write: the width to wrap to, and whether bold may be written as an escape sequence."""

    width: int
    escapes: bool = False

    def bold(self, text: str) -> str:
        return f"{_BOLD_ON}{text}{_BOLD_OFF}" if self.escapes and text else text


Word = tuple[tuple[str, bool], ...]
"""One word as runs of text, each bold or not (`**a**b` is one word of two runs)."""


def _words(spans: Iterable[Span]) -> list[Word]:
    words: list[list[tuple[str, bool]]] = []
    joined = True  # the next text continues the last word
    for span in spans:
        text = span.text
        parts = text.split()
        if not parts:
            joined = joined and not text
            continue
        starts_word = text[0].isspace() or not joined or not words
        for index, part in enumerate(parts):
            if index == 0 and not starts_word:
                words[-1].append((part, span.bold))
            else:
                words.append([(part, span.bold)])
        joined = not text[-1].isspace()
    return [tuple(word) for word in words]


def fill(spans: Iterable[Span], style: Style, *, first: str = "", indent: str = "") -> list[str]:
    """Spans wrapped to `style.width`: `first` leads the first line, `indent` the others; words stay whole."""
    width = max(style.width, MIN_WIDTH)
    lines: list[str] = []
    runs: list[tuple[str, bool]] = [(first, False)]
    length = len(first)
    empty = True
    for word in _words(spans):
        size = sum(len(text) for text, _ in word)
        if not empty and length + 1 + size > width:
            lines.append(_render(runs, style))
            runs, length, empty = [(indent, False)], len(indent), True
        if not empty:
            # The space between two bold words is bold too, so a bold phrase is one run.
            runs.append((" ", runs[-1][1] and word[0][1]))
            length += 1
        runs.extend(word)
        length += size
        empty = False
    lines.append(_render(runs, style).rstrip() if empty else _render(runs, style))
    return lines


def _render(runs: Iterable[tuple[str, bool]], style: Style) -> str:
    """Neighbouring runs of the same style joined, then styled."""
    merged: list[tuple[str, bool]] = []
    for text, bold in runs:
        if merged and merged[-1][1] == bold:
            merged[-1] = (merged[-1][0] + text, bold)
        elif text:
            merged.append((text, bold))
    return "".join(style.bold(text) if bold else text for text, bold in merged)


def plain(text: str, style: Style, *, first: str = "", indent: str = "", bold: bool = False) -> list[str]:
    return fill((Span(text, bold),), style, first=first, indent=indent)


def prose(markdown: str, style: Style, *, lead: str = "") -> list[str]:
    """Paragraphs and lists: a blank line between blocks, none between the items of one list.

    `lead` is a bold label put before the first paragraph ("What helps:").
    """
    lines: list[str] = []
    previous: Block | None = None
    for block in parse(markdown):
        if previous is not None and not (block.kind != "paragraph" and block.kind == previous.kind):
            lines.append("")
        spans = block.spans
        if lead and previous is None:
            spans = (Span(lead, True), Span(" "), *spans)
        if block.kind == "bullet":
            lines.extend(fill(spans, style, first="- ", indent="  "))
        elif block.kind == "numbered":
            number = f"{block.number}. "
            lines.extend(fill(spans, style, first=number, indent=" " * len(number)))
        else:
            lines.extend(fill(spans, style))
        previous = block
    return lines


def heading(level: int, text: str, style: Style) -> list[str]:
    """`#`, `##` or `###` and the title: plain text that `grep` and `less` can find, bold on a terminal."""
    marks = "#" * level
    return fill((Span(f"{marks} ", False), Span(text, True)), style, indent=" " * (level + 1))


def source_lines(guide: Guide, source_ids: Iterable[str], style: Style) -> list[str]:
    """A "Sources:" line, then each source: title, publisher, year and the address to type or copy."""
    lines = ["Sources:"]
    for source_id in source_ids:
        source = guide.source(source_id)
        year = f", {source.year}" if source.year else ""
        address = f" {source.url}" if source.url else ""
        entry = f"{source.title} — {source.publisher}{year}.{address}"
        lines.extend(plain(entry, style, first="- ", indent="  "))
    return lines
