"""The triage engine: walks the tree of `triage.toml` with yes/no answers. Pure: no Textual, no files.

The command line and the Triage tab both use it, so the same answers give the same outcome everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from crampguide.guide.facts import Disposition, FactId
from crampguide.guide.models import Outcome, Question, Triage

__all__ = [
    "BrokenTreeError",
    "InvalidAnswerError",
    "MissingAnswerError",
    "Progress",
    "Result",
    "Step",
    "TriageError",
    "TriageWalk",
    "UnknownFactError",
    "WalkFinishedError",
    "check_answers",
    "evaluate",
]


class TriageError(Exception):
    """Base of the engine's errors, so a caller can report any of them in one place."""


class UnknownFactError(TriageError):
    def __init__(self, names: Iterable[str]) -> None:
        self.names = tuple(sorted(names))
        super().__init__("unknown fact id(s): " + ", ".join(self.names))


class InvalidAnswerError(TriageError):
    def __init__(self, fact: FactId, value: object) -> None:
        self.fact = fact
        self.value = value
        shown = repr(value)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        super().__init__(f"the answer for '{fact}' must be true or false (got {shown})")


class MissingAnswerError(TriageError):
    """The walk reached a question whose fact has no answer."""

    def __init__(self, question: Question) -> None:
        self.question = question
        self.fact = question.fact
        message = f"no answer for '{question.fact}', asked by question '{question.id}': {question.text}"
        super().__init__(message)


class BrokenTreeError(TriageError):
    """The tree cannot be walked (unknown node or a loop); `crampguide validate` says where."""


class WalkFinishedError(TriageError):
    """An answer was given after the walk reached its outcome."""


class Step(NamedTuple):
    """One answered question on a walk."""

    node: str
    fact: FactId
    answer: bool


class Progress(NamedTuple):
    answered: int
    remaining: int
    """At most this many questions are left: the longest way from here to an outcome."""

    @property
    def total(self) -> int:
        return self.answered + self.remaining

    @property
    def fraction(self) -> float:
        return 1.0 if self.total == 0 else self.answered / self.total


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    path: tuple[Step, ...]
    reasons: tuple[str, ...]
    """What the user said yes to, in the order asked: why the walk ended where it did."""

    @property
    def disposition(self) -> Disposition:
        return self.outcome.disposition


def check_answers(answers: Mapping[FactId, object] | Mapping[str, object]) -> dict[FactId, bool]:
    """Answers keyed by `FactId`, or an error naming every unknown id or the first non-boolean value."""
    known = {fact.value for fact in FactId}
    unknown = [str(key) for key in answers if str(key) not in known]
    if unknown:
        raise UnknownFactError(unknown)
    facts: dict[FactId, bool] = {}
    for key, value in answers.items():
        fact = FactId(str(key))
        if not isinstance(value, bool):
            raise InvalidAnswerError(fact, value)
        facts[fact] = value
    return facts


def evaluate(triage: Triage, answers: Mapping[FactId, bool] | Mapping[str, bool]) -> Result:
    """Walk the tree with the given answers; answers the walk does not reach are ignored."""
    facts = check_answers(answers)
    walk = TriageWalk(triage)
    while (question := walk.question) is not None:
        if question.fact not in facts:
            raise MissingAnswerError(question)
        walk.answer(facts[question.fact])
    result = walk.result
    assert result is not None
    return result


class TriageWalk:
    """One walk through the tree, a question at a time, for the UI: answer, go back, start again."""

    def __init__(self, triage: Triage) -> None:
        self._triage = triage
        self._nodes: dict[str, Question | Outcome] = {}
        nodes = triage.nodes
        for node in nodes:
            self._nodes.setdefault(node.id, node)
        self._longest: dict[str, int] = {}
        self._history: list[tuple[Question, bool]] = []
        self._current = self._node(triage.root)

    @property
    def triage(self) -> Triage:
        return self._triage

    @property
    def current(self) -> Question | Outcome:
        return self._current

    @property
    def question(self) -> Question | None:
        """The question to ask now, or None once the walk has reached its outcome."""
        return self._current if isinstance(self._current, Question) else None

    @property
    def outcome(self) -> Outcome | None:
        return self._current if isinstance(self._current, Outcome) else None

    @property
    def finished(self) -> bool:
        return isinstance(self._current, Outcome)

    @property
    def can_go_back(self) -> bool:
        return bool(self._history)

    @property
    def history(self) -> tuple[tuple[Question, bool], ...]:
        """The questions answered so far with their answers, for showing them back to the user."""
        return tuple(self._history)

    @property
    def path(self) -> tuple[Step, ...]:
        return tuple(Step(question.id, question.fact, answer) for question, answer in self._history)

    @property
    def answers(self) -> dict[FactId, bool]:
        return {question.fact: answer for question, answer in self._history}

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(question.reason for question, answer in self._history if answer)

    @property
    def progress(self) -> Progress:
        return Progress(len(self._history), self._remaining(self._current.id))

    @property
    def result(self) -> Result | None:
        """The outcome with its path and reasons; None until the walk is finished."""
        outcome = self.outcome
        if outcome is None:
            return None
        return Result(outcome, self.path, self.reasons)

    def answer(self, yes: bool) -> Question | Outcome:
        """Answer the current question and move on; returns the next question or the outcome."""
        question = self.question
        if question is None:
            raise WalkFinishedError("the walk has reached its outcome; go back or restart to answer again")
        following = self._node(question.yes if yes else question.no)
        if isinstance(following, Question) and any(asked.id == following.id for asked, _ in self._history):
            raise BrokenTreeError(f"question '{following.id}' leads back to itself")
        self._history.append((question, yes))
        self._current = following
        return following

    def back(self) -> bool:
        """Undo the last answer; False if there was none."""
        if not self._history:
            return False
        question, _ = self._history.pop()
        self._current = question
        return True

    def restart(self) -> None:
        self._history.clear()
        self._current = self._node(self._triage.root)

    def _node(self, node_id: str) -> Question | Outcome:
        node = self._nodes.get(node_id)
        if node is None:
            raise BrokenTreeError(f"the triage tree has no node '{node_id}'")
        return node

    def _remaining(self, node_id: str, visiting: frozenset[str] = frozenset()) -> int:
        """Questions on the longest way from `node_id` to an outcome (memoised; the tree is small)."""
        if node_id in self._longest:
            return self._longest[node_id]
        node = self._node(node_id)
        if isinstance(node, Outcome):
            return 0
        if node_id in visiting:
            raise BrokenTreeError(f"question '{node_id}' leads back to itself")
        inner = visiting | {node_id}
        longest = 1 + max(self._remaining(node.yes, inner), self._remaining(node.no, inner))
        self._longest[node_id] = longest
        return longest
