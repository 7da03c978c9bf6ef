"""The command palette's search of the guide: causes and treatments by title and by what they say.

"magnesium" finds the items whose text mentions it, not only those with it in the title. Each hit names its
group as the tab writes it ("Vitamins and minerals"), with a few words around the match when only the text
matched. Matching (`find`) is plain Python; `GuideSearch` hands its hits to Textual's palette.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

if TYPE_CHECKING:
    from crampguide.guide.models import Guide

# The words in the title, then in the text, then only the title's letters in order.
TITLE_SCORE = 1.0
TEXT_SCORE = 0.5
LETTERS_SCORE = 0.2
SNIPPET_WORDS = 4


@dataclass(frozen=True)
class Entry:
    """One item the palette can open: where it lives, what it is called, and the words to search."""

    kind: str
    tab_id: str
    item_id: str
    title: str
    group: str
    text: str


def entries(guide: Guide) -> tuple[Entry, ...]:
    """Every cause, key point and treatment, with the group titles the tabs show."""
    from crampguide.words import ABOUT_NIGHT_CRAMPS
    from crampguide.words import CAUSE_GROUP_TITLES as CAUSE_GROUPS
    from crampguide.words import TREATMENT_GROUP_TITLES as TREATMENT_GROUPS

    found: list[Entry] = []
    for point in guide.key_points:
        text = _words(point.body, point.verdict, *point.safety)
        found.append(Entry(ABOUT_NIGHT_CRAMPS, "causes", point.id, point.title, ABOUT_NIGHT_CRAMPS, text))
    for cause in guide.causes:
        text = _words(cause.body, cause.what_helps, cause.verdict, *cause.safety)
        group = f"{CAUSE_GROUPS[cause.group]} causes"
        found.append(Entry("Cause", "causes", cause.id, cause.title, group, text))
    for treatment in guide.treatments:
        text = _words(treatment.article_says, treatment.body, treatment.verdict, *treatment.safety)
        group = TREATMENT_GROUPS[treatment.group]
        found.append(Entry("Treatment", "treatments", treatment.id, treatment.title, group, text))
    return tuple(found)


def _words(*parts: str) -> str:
    """The item's text as plain words: the content's bold marks do not count as letters."""
    return " ".join(" ".join(parts).replace("*", "").split())


@dataclass(frozen=True)
class Found:
    entry: Entry
    score: float
    snippet: str | None
    """Words around the match when only the text matched; None for a title match."""


def find(found_in: Sequence[Entry], query: str, fuzzy_title: Callable[[str], float]) -> list[Found]:
    """Items ranked: every word typed in the title, then in the text, then the title's letters in order.

    `fuzzy_title` scores a name by letters typed in order (the palette's matcher; 0 for none), so a few
    letters still find a title, below anything that holds the words themselves.
    """
    words = query.casefold().split()
    if not words:
        return []
    results: list[Found] = []
    for entry in found_in:
        title = entry.title.casefold()
        if all(word in title for word in words):
            results.append(Found(entry, TITLE_SCORE, None))
        elif all(word in entry.text.casefold() for word in words):
            results.append(Found(entry, TEXT_SCORE, snippet(entry.text, words[0])))
        elif fuzzy_title(f"{entry.kind}: {entry.title}") > 0:
            results.append(Found(entry, LETTERS_SCORE, None))
    return results


def snippet(text: str, word: str) -> str:
    """A few words either side of the first place `word` occurs, with "…" where the text goes on."""
    index = text.casefold().find(word.casefold())
    if index < 0:
        return ""
    while index > 0 and not text[index - 1].isspace():  # from the start of the word the match is in
        index -= 1
    before = text[:index].split()[-SNIPPET_WORDS:]
    after = text[index:].split()[: SNIPPET_WORDS + 1]
    start = "…" if len(text[:index].split()) > SNIPPET_WORDS else ""
    end = "…" if len(text[index:].split()) > SNIPPET_WORDS + 1 else ""
    return f"{start}{' '.join([*before, *after])}{end}"


def highlight(matcher: Matcher, name: str) -> Content:
    """The name with the letters typed marked: as written, where `Matcher.highlight` would read markup."""
    content = Content(name)
    _, offsets = matcher.fuzzy_search.match(matcher.query, name)
    for offset in offsets:
        if not name[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


@runtime_checkable
class ShowsItems(Protocol):
    """What the palette needs from the app: the guide once loaded, and a way to open an item."""

    @property
    def guide(self) -> Guide | None: ...

    async def show_item(self, tab_id: str, item_id: str) -> None: ...


class GuideSearch(Provider):
    """Palette hits for causes and treatments, by title first and then by the words of their text."""

    async def search(self, query: str) -> Hits:
        app = self.app
        if not isinstance(app, ShowsItems) or app.guide is None:
            return
        matcher = self.matcher(query)
        for found in find(entries(app.guide), query, matcher.match):
            entry = found.entry
            name = f"{entry.kind}: {entry.title}"
            display = highlight(matcher, name) if found.snippet is None else Content(name)
            help_text = entry.group if found.snippet is None else f"{entry.group} · {found.snippet}"
            yield Hit(
                found.score,
                display,
                partial(app.show_item, entry.tab_id, entry.item_id),
                text=name,
                help=escape(help_text),  # Textual reads a hit's help as markup; content shows as typed
            )
