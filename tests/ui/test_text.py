"""The Markdown subset the content uses, turned into Textual markup."""

from __future__ import annotations

import pytest
from textual.content import Content

from crampguide.guide.loader import load_guide
from crampguide.paths import bundled_content_dir
from crampguide.ui.text import sources_markup, to_markup


def plain(markup: str) -> str:
    return Content.from_markup(markup).plain


def test_paragraph_lines_are_joined_and_paragraphs_kept() -> None:
    assert plain(to_markup("One line\nand the next.\n\nA second paragraph.")) == (
        "One line and the next.\n\nA second paragraph."
    )


def test_bullets_numbers_and_continuations() -> None:
    text = "Intro:\n- first\n  goes on\n* second\n\n1. one\n2. two"
    assert plain(to_markup(text)) == "Intro:\n• first goes on\n• second\n\n1. one\n2. two"


def test_bold_becomes_bold_and_brackets_stay_text() -> None:
    content = Content.from_markup(to_markup("Keep it **straight** [not markup]"))
    assert content.plain == "Keep it straight [not markup]"
    assert [(span.start, span.end, str(span.style)) for span in content.spans] == [(8, 16, "b")]


@pytest.mark.parametrize("tricky", ["[b]", "a \\ b", "[/]", "[@click=app.quit]x[/]"])
def test_text_that_looks_like_markup_is_shown_as_written(tricky: str) -> None:
    assert plain(to_markup(tricky)) == tricky


def test_every_bundled_text_renders_without_markup_errors() -> None:
    guide = load_guide(bundled_content_dir())
    texts = [guide.disclaimer.body]
    for item in (*guide.key_points, *guide.causes, *guide.treatments, *guide.prevention):
        texts.extend([item.body, item.verdict, *item.safety])
    for text in texts:
        rendered = plain(to_markup(text))
        assert "**" not in rendered
        assert rendered.strip()


def test_sources_are_listed_with_a_click_that_opens_the_address() -> None:
    guide = load_guide(bundled_content_dir())
    source = guide.source("nhs-leg-cramps")
    content = Content.from_markup(sources_markup(guide, [source.id]))
    assert source.title in content.plain
    assert any(source.url and source.url in str(span.style) for span in content.spans)
