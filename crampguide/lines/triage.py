"""Triage one line at a time: a question, a typed answer, and at the end the outcome in words.

The walk is the Triage tab's own `TriageWalk`, so the same answers give the same outcome, and the safety rule
that `crampguide validate` proves for the tree holds here unchanged. Input and output are functions passed in.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from crampguide.guide.facts import Disposition
from crampguide.guide.models import Guide, Question
from crampguide.lines.text import Style, plain, prose, source_lines
from crampguide.triage import Result, TriageWalk
from crampguide.words import EMERGENCY_LINE, TRIAGE_INTRO, outcome_title

Ask = Callable[[str], "str | None"]
"""Show a prompt and return the line typed (without its newline), or None at the end of input."""
Say = Callable[[str], None]


class Reply(Enum):
    YES = "yes"
    NO = "no"
    BACK = "back"
    QUIT = "quit"
    REPEAT = "repeat"


REPLIES: dict[str, Reply] = {
    "y": Reply.YES,
    "yes": Reply.YES,
    "n": Reply.NO,
    "no": Reply.NO,
    "b": Reply.BACK,
    "back": Reply.BACK,
    "q": Reply.QUIT,
    "quit": Reply.QUIT,
    "?": Reply.REPEAT,
}

# Short, so it fits a tiny terminal and a screen reader does not read the keys out at every question.
PROMPT = "Answer (y/n): "
HINT = "Type y or n, then Enter. b goes back, q quits, ? repeats the question."
FIRST_QUESTION = "This is the first question."
QUIT_MESSAGE = "Stopped before an outcome: nothing was decided. Run it again to answer all the questions."
END_OF_INPUT_MESSAGE = "Input ended before an outcome: nothing was decided. Answer every question to get one."


class Ending(Enum):
    """How a conversation ended: with an outcome, because the user quit, or because input ran out."""

    OUTCOME = "outcome"
    QUIT = "quit"
    END_OF_INPUT = "end of input"


def new_walk(guide: Guide) -> TriageWalk:
    """A walk that asks every question on its own: a checklist of several at once does not read well aloud."""
    return TriageWalk(guide.triage, checklist_at_most=None)


def parse_reply(text: str) -> Reply | None:
    """The reply a typed line means, or None; case and surrounding spaces do not matter."""
    return REPLIES.get(text.strip().casefold())


def question_lines(walk: TriageWalk, question: Question, width: int) -> list[str]:
    progress = walk.progress
    style = Style(width)
    lines = plain(f"Question {progress.answered + 1} of at most {progress.total}: {question.text}", style)
    if question.detail:
        lines.extend(plain(question.detail, style, first="  ", indent="  "))
    return lines


def converse(walk: TriageWalk, ask: Ask, say: Say, width: int) -> Ending:
    """Ask until the walk reaches its outcome, the user quits or input ends; one `say` per line."""

    def say_all(text: str) -> None:
        for line in plain(text, Style(width)):
            say(line)

    say_all(TRIAGE_INTRO)
    say_all(HINT)
    shown: Question | None = None
    while (question := walk.question) is not None:
        if question is not shown:
            say("")
            for line in question_lines(walk, question, width):
                say(line)
            shown = question
        typed = ask(PROMPT)
        if typed is None:
            return Ending.END_OF_INPUT
        reply = parse_reply(typed)
        if reply is Reply.YES or reply is Reply.NO:
            walk.answer(reply is Reply.YES)
        elif reply is Reply.BACK:
            if not walk.back():
                say_all(FIRST_QUESTION)
            shown = None
        elif reply is Reply.QUIT:
            return Ending.QUIT
        elif reply is Reply.REPEAT:
            shown = None
        else:
            say_all(HINT)
    return Ending.OUTCOME


def outcome_lines(result: Result, guide: Guide, width: int) -> list[str]:
    """The disposition in words on the first line, then what to do, why, the answers behind it and sources."""
    outcome = result.outcome
    style = Style(width)
    title = outcome_title(outcome)
    label = result.disposition.label
    lines = plain(f"{label}: {title}" if title else f"{label}.", style)
    if result.disposition is Disposition.EMERGENCY:
        lines.extend(plain(EMERGENCY_LINE, style))
    lines.extend(prose(outcome.do_now, style, lead="What to do now:"))
    lines.extend(prose(outcome.why, style, lead="Why:"))
    if result.reasons:
        lines.append("Because:")
        for reason in result.reasons:
            lines.extend(plain(reason, style, first="- ", indent="  "))
    lines.extend(source_lines(guide, outcome.sources, style))
    return lines
