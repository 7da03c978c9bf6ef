"""Content bodies use a small part of Markdown; this turns that part into Textual markup.

Textual's Markdown widget pulls in markdown-it and Pygments (about a quarter of a second at start-up) and
builds a widget per block. The content uses paragraphs, "- " bullets and **bold** only, so one Static per
text is enough, and every screen cites sources the same way.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from textual.markup import escape

from crampguide.guide.models import Guide

_BOLD = re.compile(r"\*\*(.+?)\*\*")
_BULLET = re.compile(r"^\s*[-*]\s+")
_NUMBERED = re.compile(r"^\s*(\d+)\.\s+")


def to_markup(text: str) -> str:
    """Paragraphs (lines joined as Markdown joins them), bullet and numbered lists and bold, as markup."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        items: list[str] = []
        for line in block.splitlines():
            line = line.strip()
            if _BULLET.match(line):
                items.append("• " + _BULLET.sub("", line))
            elif numbered := _NUMBERED.match(line):
                items.append(f"{numbered[1]}. " + line[numbered.end() :])
            elif items:
                items[-1] += " " + line
            else:
                items.append(line)
        blocks.append("\n".join(_inline(item) for item in items))
    return "\n\n".join(blocks)


def _inline(text: str) -> str:
    return _BOLD.sub(r"[b]\1[/b]", escape(text))


def sources_markup(guide: Guide, source_ids: Iterable[str]) -> str:
    """The list of sources; a click on a title opens it in the browser."""
    lines = ["[b]Sources[/b]"]
    for source_id in source_ids:
        source = guide.source(source_id)
        year = f", {source.year}" if source.year else ""
        title = escape(source.title)
        if source.url:
            title = f"[@click=app.open_url({json.dumps(source.url)})]{title}[/]"
        lines.append(f"• {title} — {escape(source.publisher)}{year}")
    return "\n".join(lines)
