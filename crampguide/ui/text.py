"""Text from outside the app (content, notes, paths, key names) as Textual `Content`, never as markup.

`crampguide.prose` parses the content's Markdown subset into blocks; this styles them. Every piece of text is
put into a `Content` object as typed, so `[b]`, `[/]` or `[@click=app.quit]` in a title or a note is shown,
not obeyed. A source address is attached as data (a click action whose argument is the address itself), so no
address can close the markup around it.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.style import Style

from crampguide.guide.models import Guide
from crampguide.prose import Block, parse

BOLD = Style(bold=True)


def prose(markdown: str) -> Content:
    """The content's Markdown subset as styled text: bullets as "•", numbered items keep their number."""
    return render_blocks(parse(markdown))


def render_blocks(blocks: Iterable[Block]) -> Content:
    """A blank line between blocks, as Markdown shows them, except between the items of one list."""
    parts: list[Content] = []
    previous: Block | None = None
    for block in blocks:
        if previous is not None:
            same_list = block.kind != "paragraph" and block.kind == previous.kind
            parts.append(Content("\n" if same_list else "\n\n"))
        if block.kind == "bullet":
            parts.append(Content("• "))
        elif block.kind == "numbered":
            parts.append(Content(f"{block.number}. "))
        parts.extend(
            Content.styled(span.text, BOLD) if span.bold else Content(span.text) for span in block.spans
        )
        previous = block
    return Content("").join(parts)


def labelled(label: str, markdown: str) -> Content:
    """A bold lead-in ("What helps:") before prose."""
    return Content.assemble((label, BOLD), " ", prose(markdown))


def open_url_style(url: str) -> Style:
    """A click on text with this style runs the app's `open_url` action with `url` as its argument."""
    return Style.from_meta({"@click": ("app.open_url", (url,))})


def sources(guide: Guide, source_ids: Iterable[str]) -> Content:
    """The list of sources; a click on a title with an address opens it in the browser."""
    lines: list[Content] = [Content.styled("Sources", BOLD)]
    for source_id in source_ids:
        source = guide.source(source_id)
        year = f", {source.year}" if source.year else ""
        title = Content(source.title)
        if source.url:
            title = title.stylize(open_url_style(source.url))
        lines.append(Content.assemble("• ", title, f" — {source.publisher}{year}"))
    return Content("\n").join(lines)
