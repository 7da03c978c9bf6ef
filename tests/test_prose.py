"""The content's Markdown subset parsed into plain data."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from crampguide.prose import Block, Span, parse


def test_paragraph_lines_are_joined_and_paragraphs_kept() -> None:
    assert parse("One line\n  and the next.\n\nA second paragraph.") == (
        Block("paragraph", (Span("One line and the next."),)),
        Block("paragraph", (Span("A second paragraph."),)),
    )


def test_bullets_numbers_and_continuations() -> None:
    assert parse("Intro:\n- first\n  goes on\n* second\n\n3. three\n4. four") == (
        Block("paragraph", (Span("Intro:"),)),
        Block("bullet", (Span("first goes on"),)),
        Block("bullet", (Span("second"),)),
        Block("numbered", (Span("three"),), 3),
        Block("numbered", (Span("four"),), 4),
    )


def test_bold_runs_across_a_joined_line() -> None:
    assert parse("Keep it **very\nstraight** now") == (
        Block("paragraph", (Span("Keep it "), Span("very straight", bold=True), Span(" now"))),
    )


def test_text_outside_the_subset_is_kept_as_typed() -> None:
    assert parse("a **lone\n-\nand *half*") == (Block("paragraph", (Span("a **lone - and *half*"),)),)
    note = "[@click=app.quit]x[/] \\ [b]"
    assert parse(note) == (Block("paragraph", (Span(note),)),)


def test_a_huge_number_is_text_not_an_error() -> None:
    digits = "9" * 5000
    assert parse(f"{digits}. item") == (Block("paragraph", (Span(f"{digits}. item"),)),)


def test_empty_and_blank_text_has_no_blocks() -> None:
    assert parse("") == ()
    assert parse(" \n\t\n  \n") == ()


@given(st.text())
def test_any_text_parses_into_well_formed_blocks(text: str) -> None:
    for block in parse(text):
        assert block.spans
        assert (block.number is not None) == (block.kind == "numbered")
        for span in block.spans:
            assert span.text
            assert "\n" not in span.text
        for left, right in zip(block.spans, block.spans[1:], strict=False):
            assert left.bold != right.bold


# Words that cannot start an item or a bold run: brackets and backslashes included, as a note might hold.
WORDS = st.text(alphabet="abcXYZ019[]/@=()'\"\\:!?,", min_size=1, max_size=6)


@st.composite
def documents(draw: st.DrawFn) -> tuple[Block, ...]:
    """Blocks as a writer would produce them: alternating plain and bold runs of words."""
    blocks = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["paragraph", "bullet", "numbered"]))
        runs = draw(st.lists(st.lists(WORDS, min_size=1, max_size=4), min_size=1, max_size=4))
        first_bold = draw(st.booleans())
        spans = []
        for index, words in enumerate(runs):
            bold = first_bold != (index % 2 == 1)
            text = " ".join(words)
            spans.append(Span(text, bold))
        number = draw(st.integers(1, 999)) if kind == "numbered" else None
        blocks.append(Block(kind, tuple(spans), number))
    return tuple(blocks)


def write(blocks: tuple[Block, ...], seed: int) -> str:
    """Markdown for the blocks, with lines broken at random spaces and lists marked either way."""
    chooser = random.Random(seed)
    out = ""
    previous: Block | None = None
    for block in blocks:
        if previous is not None:
            separate = block.kind == "paragraph" or previous.kind == "paragraph"
            out += "\n\n" if separate or chooser.random() < 0.5 else "\n"
        markers = {"paragraph": "", "bullet": chooser.choice(["- ", "* "]), "numbered": f"{block.number}. "}
        marker = markers[block.kind]
        text = " ".join(f"**{span.text}**" if span.bold else span.text for span in block.spans)
        words = text.split(" ")
        out += marker + "".join(
            word + (("\n  " if chooser.random() < 0.3 else " ") if i < len(words) - 1 else "")
            for i, word in enumerate(words)
        )
        previous = block
    return out


def normalised(blocks: tuple[Block, ...]) -> list[tuple[str, int | None, list[tuple[bool, list[str]]]]]:
    """The spaces next to a bold run belong to the plain run beside it; compare words, not spaces."""
    runs = [[(span.bold, span.text.split()) for span in block.spans if span.text.strip()] for block in blocks]
    return [(block.kind, block.number, words) for block, words in zip(blocks, runs, strict=True)]


@given(documents(), st.integers(0, 2**32))
def test_written_blocks_parse_back(blocks: tuple[Block, ...], seed: int) -> None:
    assert normalised(parse(write(blocks, seed))) == normalised(blocks)
