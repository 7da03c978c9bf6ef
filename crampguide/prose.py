"""The small part of Markdown the content's prose uses, parsed into plain data.

Content bodies use paragraphs (lines joined as Markdown joins them), "- " or "* " bullets, "1." numbered items
and **bold**; nothing else. Parsing to data rather than to a markup string means a renderer styles the spans
itself, and text that merely looks like markup (`[b]`, `[@click=...]`) can only ever be shown as typed.
No Textual import: the command line and the tests use this directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["paragraph", "bullet", "numbered"]

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_BULLET = re.compile(r"[-*]\s+")
_NUMBERED = re.compile(r"(\d{1,9})\.\s+")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True)
class Span:
    """A run of text with one style; the text is exactly what is shown."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph or one list item; `number` is the item's own number for a numbered item, else None."""

    kind: BlockKind
    spans: tuple[Span, ...]
    number: int | None = None


def parse(markdown: str) -> tuple[Block, ...]:
    """Blocks in order. Blank lines end a paragraph or a list; a line that starts no item continues the last.

    Never raises: anything outside the subset (an unmatched `**`, a lone `-`) is kept as text.
    """
    blocks: list[Block] = []
    for chunk in _BLANK_LINE.split(markdown):
        pending: list[tuple[BlockKind, int | None, list[str]]] = []
        for raw in chunk.split("\n"):
            line = raw.strip()
            if not line:
                continue
            if bullet := _BULLET.match(line):
                pending.append(("bullet", None, [line[bullet.end() :]]))
            elif numbered := _NUMBERED.match(line):
                pending.append(("numbered", int(numbered[1]), [line[numbered.end() :]]))
            elif pending:
                pending[-1][2].append(line)
            else:
                pending.append(("paragraph", None, [line]))
        for kind, number, lines in pending:
            spans = _spans(" ".join(lines))
            if spans:
                blocks.append(Block(kind, spans, number))
    return tuple(blocks)


def _spans(text: str) -> tuple[Span, ...]:
    """Plain and bold runs; no empty span, and no two neighbours with the same style."""
    spans: list[Span] = []

    def add(piece: str, bold: bool) -> None:
        if not piece:
            return
        if spans and spans[-1].bold == bold:
            spans[-1] = Span(spans[-1].text + piece, bold)
        else:
            spans.append(Span(piece, bold))

    position = 0
    for match in _BOLD.finditer(text):
        add(text[position : match.start()], False)
        add(match[1], True)
        position = match.end()
    add(text[position:], False)
    return tuple(spans)
