"""Triage as a dialogue of lines: the same walk as the Triage tab, typed answers, the outcome in words."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

import pytest
from conftest import MINIMAL_PACK
from hypothesis import given, settings
from hypothesis import strategies as st

from crampguide.guide.facts import Disposition
from crampguide.guide.loader import load_guide
from crampguide.guide.models import Guide
from crampguide.lines.triage import (
    FIRST_QUESTION,
    HINT,
    PROMPT,
    Ending,
    Reply,
    converse,
    new_walk,
    outcome_lines,
    parse_reply,
)
from crampguide.paths import bundled_content_dir
from crampguide.triage import Result, TriageWalk, evaluate
from crampguide.words import EMERGENCY_LINE

MINIMAL = load_guide(MINIMAL_PACK)
BUNDLED = load_guide(bundled_content_dir())


class Dialogue:
    """Typed lines in, said lines out; None once the typed lines run out (the end of input)."""

    def __init__(self, typed: Iterable[str]) -> None:
        self._typed: Iterator[str] = iter(typed)
        self.said: list[str] = []
        self.prompts = 0

    def ask(self, prompt: str) -> str | None:
        assert prompt == PROMPT
        self.prompts += 1
        return next(self._typed, None)

    def say(self, line: str) -> None:
        self.said.append(line)


def talk(guide: Guide, typed: Iterable[str], width: int = 80) -> tuple[TriageWalk, Dialogue, Ending]:
    walk = new_walk(guide)
    dialogue = Dialogue(typed)
    ending = converse(walk, dialogue.ask, dialogue.say, width)
    return walk, dialogue, ending


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("y", Reply.YES),
        (" YES \n", Reply.YES),
        ("n", Reply.NO),
        ("No", Reply.NO),
        ("b", Reply.BACK),
        ("q", Reply.QUIT),
        ("quit", Reply.QUIT),
        ("?", Reply.REPEAT),
        ("", None),
        ("maybe", None),
        ("yn", None),
    ],
)
def test_replies_are_read_whatever_the_case_and_spaces(typed: str, reply: Reply | None) -> None:
    assert parse_reply(typed) is reply


def test_questions_come_one_at_a_time_with_progress_and_detail() -> None:
    walk, dialogue, ending = talk(MINIMAL, ["n", "n", "y"])
    assert ending is Ending.OUTCOME
    assert dialogue.prompts == 3
    said = dialogue.said
    assert "Question 1 of at most 3: Question about the chest?" in said
    assert "Question 2 of at most 3: Question about the calf?" in said
    assert said[said.index("Question 2 of at most 3: Question about the calf?") + 1] == (
        "  Detail of the calf question."
    )
    assert walk.result is not None and walk.result.outcome.id == "out-gp"


def test_back_repeat_and_unknown_input_keep_the_walk_where_it_should_be() -> None:
    walk, dialogue, ending = talk(MINIMAL, ["b", "n", "?", "what", "b", "n", "n", "n"])
    assert ending is Ending.OUTCOME
    said = dialogue.said
    assert said.count(FIRST_QUESTION) == 1
    assert said.count(HINT) == 2  # once in the introduction, once after the unknown answer
    # Shown: chest (first), chest again after "b" at the start, calf, calf after "?", chest after "b", ...
    assert said.count("Question 1 of at most 3: Question about the chest?") == 3
    assert said.count("Question 2 of at most 3: Question about the calf?") == 3
    assert walk.result is not None and walk.result.outcome.id == "out-self-care"


def test_quit_and_end_of_input_stop_before_an_outcome() -> None:
    walk, _, ending = talk(MINIMAL, ["n", "q", "y"])
    assert ending is Ending.QUIT
    assert walk.result is None
    walk, _, ending = talk(MINIMAL, ["n"])
    assert ending is Ending.END_OF_INPUT
    assert walk.result is None


@pytest.mark.parametrize(
    ("typed", "first_line"),
    [
        (["y"], f"{Disposition.EMERGENCY.label}: Outcome: emergency"),
        (["n", "y"], f"{Disposition.URGENT.label}: Outcome: urgent"),
        (["n", "n", "y"], f"{Disposition.GP.label}: Outcome: doctor"),
        (["n", "n", "n"], f"{Disposition.SELF_CARE.label}: Outcome: self-care"),
    ],
)
def test_outcome_says_the_disposition_first_then_what_to_do_and_why(
    typed: list[str], first_line: str
) -> None:
    walk, _, _ = talk(MINIMAL, typed)
    assert walk.result is not None
    lines = outcome_lines(walk.result, MINIMAL, 200)
    assert lines[0] == first_line
    assert (EMERGENCY_LINE in lines) is (walk.result.disposition is Disposition.EMERGENCY)
    outcome = walk.result.outcome
    assert f"What to do now: {outcome.do_now}" in lines
    assert f"Why: {outcome.why}" in lines
    assert lines.index(f"What to do now: {outcome.do_now}") < lines.index(f"Why: {outcome.why}")
    assert "Sources:" in lines
    reasons = walk.result.reasons
    if reasons:
        assert lines[lines.index("Because:") + 1] == f"- {reasons[0]}"
    else:
        assert "Because:" not in lines


def test_outcome_lines_fit_the_width_and_keep_long_words_whole() -> None:
    walk, _, _ = talk(BUNDLED, ["y"])
    assert walk.result is not None
    lines = outcome_lines(walk.result, BUNDLED, 40)
    words = [word for line in lines for word in line.split()]
    assert all(len(line) <= 40 or " " not in line.strip() for line in lines)
    for source_id in walk.result.outcome.sources:
        url = BUNDLED.source(source_id).url
        assert url is None or url in words


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["y", "n", "b", "?", "x"]), max_size=40))
def test_the_dialogue_reaches_the_same_outcome_as_the_engine(typed: list[str]) -> None:
    walk, _, ending = talk(BUNDLED, typed)
    if ending is Ending.END_OF_INPUT:
        assert walk.result is None
        return
    assert walk.result is not None
    same = evaluate(BUNDLED.triage, {step.fact: step.answer for step in walk.path})
    assert same.outcome == walk.result.outcome
    first = outcome_lines(walk.result, BUNDLED, 80)[0]
    label = walk.result.disposition.label
    assert first.casefold().startswith(label.casefold())


SELF_CARE = Disposition.SELF_CARE.label


@pytest.mark.parametrize(
    ("title", "first_line"),
    [
        ("Rest and stretch", f"{Disposition.SELF_CARE.label}: Rest and stretch"),
        (
            f"{Disposition.SELF_CARE.label}: rest and stretch",
            f"{Disposition.SELF_CARE.label}: Rest and stretch",
        ),
        (Disposition.SELF_CARE.label, f"{Disposition.SELF_CARE.label}."),
    ],
)
def test_the_first_line_says_the_disposition_once(title: str, first_line: str) -> None:
    outcome = replace(MINIMAL.triage.outcomes[-1], title=title)
    assert outcome.disposition is Disposition.SELF_CARE
    result = Result(outcome, (), ())
    assert outcome_lines(result, MINIMAL, 200)[0] == first_line
