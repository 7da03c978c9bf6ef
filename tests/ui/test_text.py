"""The content's Markdown subset and source lists as Textual `Content`: styled text, never markup."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.content import Content
from textual.style import Style

from crampguide.guide.loader import load_guide
from crampguide.paths import bundled_content_dir
from crampguide.ui.text import labelled, prose, sources


def bold_ranges(content: Content) -> list[tuple[int, int]]:
    styled = [span for span in content.spans if isinstance(span.style, Style)]
    return [(span.start, span.end) for span in styled if span.style.bold]


def test_paragraph_lines_are_joined_and_paragraphs_kept() -> None:
    assert prose("One line\nand the next.\n\nA second paragraph.").plain == (
        "One line and the next.\n\nA second paragraph."
    )


def test_bullets_numbers_and_continuations() -> None:
    text = "Intro:\n- first\n  goes on\n* second\n\n1. one\n2. two\n\nAfter."
    assert prose(text).plain == "Intro:\n\n• first goes on\n• second\n\n1. one\n2. two\n\nAfter."


def test_bold_becomes_bold_and_brackets_stay_text() -> None:
    content = prose("Keep it **straight** [not markup]")
    assert content.plain == "Keep it straight [not markup]"
    assert bold_ranges(content) == [(8, 16)]


def test_a_label_is_bold_before_its_prose() -> None:
    content = labelled("What helps:", "Rest **well**")
    assert content.plain == "What helps: Rest well"
    assert bold_ranges(content) == [(0, 11), (17, 21)]


@pytest.mark.parametrize("tricky", ["[b]", "a \\ b", "[/]", "[@click=app.quit]x[/]", "cramp [/ not sure]"])
def test_text_that_looks_like_markup_is_shown_as_written(tricky: str) -> None:
    content = prose(tricky)
    assert content.plain == tricky
    assert content.spans == []


def test_every_bundled_text_renders() -> None:
    guide = load_guide(bundled_content_dir())
    texts = [guide.disclaimer.body]
    for item in (*guide.key_points, *guide.causes, *guide.treatments, *guide.prevention):
        texts.extend([item.body, item.verdict, *item.safety])
    for text in texts:
        rendered = prose(text).plain
        assert "**" not in rendered
        assert rendered.strip()


def click_actions(content: Content) -> list[object]:
    return [
        span.style.meta["@click"]
        for span in content.spans
        if isinstance(span.style, Style) and "@click" in span.style.meta
    ]


def test_sources_are_listed_with_a_click_that_opens_the_address() -> None:
    guide = load_guide(bundled_content_dir())
    source = guide.source("nhs-leg-cramps")
    content = sources(guide, [source.id])
    assert source.title in content.plain
    assert click_actions(content) == [("app.open_url", (source.url,))]


@pytest.mark.parametrize(
    "url", ['https://example.org/a)"]b', "https://example.org/[@click=app.quit]x[/]", "https://e.org/'x'"]
)
def test_an_address_that_looks_like_markup_is_passed_whole(url: str) -> None:
    guide = load_guide(bundled_content_dir())
    tricky = replace(guide.source("nhs-leg-cramps"), url=url, title="[b]Title[/b] (x)")
    content = sources(replace(guide, sources=(tricky,)), [tricky.id])
    assert "[b]Title[/b] (x)" in content.plain
    assert click_actions(content) == [("app.open_url", (url,))]
