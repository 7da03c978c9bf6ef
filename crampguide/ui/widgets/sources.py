"""Markdown for an item's source list, so every screen cites the same way."""

from __future__ import annotations

from collections.abc import Iterable

from crampguide.guide.models import Guide


def sources_markdown(guide: Guide, source_ids: Iterable[str]) -> str:
    lines = ["**Sources**", ""]
    for source_id in source_ids:
        source = guide.source(source_id)
        year = f", {source.year}" if source.year else ""
        title = f"[{source.title}]({source.url})" if source.url else source.title
        lines.append(f"- {title} — {source.publisher}{year}")
    return "\n".join(lines)
