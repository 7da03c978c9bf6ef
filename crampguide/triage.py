"""The triage engine: walks the tree of `triage.toml` with yes/no answers. Pure: no Textual, no files.

The command line and the Triage tab both use it, so the same answers give the same outcome everywhere.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from crampguide.guide.facts import MINIMUM_IF_YES, Disposition, FactId
from crampguide.guide.models import Outcome, Question, Triage

__all__ = [
    "CHECKLIST_AT_MOST",
    "BrokenTreeError",
    "InvalidAnswerError",
    "MissingAnswerError",
    "NotAChecklistError",
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


class NotAChecklistError(TriageError):
    """Ticks were given where no checklist is on offer, or for facts that are not on it."""


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


# The most severe level whose questions may be asked together as one checklist. Emergency and urgent flags
# stay one to a screen, so a single "yes" ends the walk at once; what needs a doctor in the coming days or
# weeks may be ticked together.
CHECKLIST_AT_MOST = Disposition.GP


class _Answered(NamedTuple):
    """One screen of a walk: a single question, or a checklist answered at once."""

    steps: tuple[tuple[Question, bool], ...]
    also: tuple[Question, ...] = ()
    """Ticked on a checklist after the question that ended it: said yes to, though the walk stopped before."""


class TriageWalk:
    """One walk through the tree for the UI, a question or a checklist at a time: answer, go back, restart.

    A run of questions whose "yes" each ends at an outcome of one disposition, no more severe than
    `checklist_at_most`, is offered as a checklist: ticking facts walks the run exactly as answering its
    questions one by one would, so the outcome is the one `evaluate` gives for the same answers.
    """

    def __init__(self, triage: Triage, *, checklist_at_most: Disposition | None = CHECKLIST_AT_MOST) -> None:
        self._triage = triage
        self._checklist_at_most = checklist_at_most
        self._nodes: dict[str, Question | Outcome] = {}
        nodes = triage.nodes
        for node in nodes:
            self._nodes.setdefault(node.id, node)
        self._longest: dict[str, int] = {}
        self._answered: list[_Answered] = []
        self._ticks: dict[str, frozenset[FactId]] = {}
        self._current = self._node(triage.root)

    @property
    def triage(self) -> Triage:
        return self._triage

    @property
    def current(self) -> Question | Outcome:
        return self._current

    @property
    def question(self) -> Question | None:
        """The question to ask now (a checklist's first), or None once the walk has reached its outcome."""
        return self._current if isinstance(self._current, Question) else None

    @property
    def checklist(self) -> tuple[Question, ...]:
        """The questions that may be answered together now, in the tree's order; empty for one question."""
        question = self.question
        return () if question is None else self._checklist_from(question)

    @property
    def ticked(self) -> frozenset[FactId]:
        """What was ticked when the checklist on offer was last answered on this walk, to show again."""
        checklist = self.checklist
        return self._ticks.get(checklist[0].id, frozenset()) if checklist else frozenset()

    @property
    def outcome(self) -> Outcome | None:
        return self._current if isinstance(self._current, Outcome) else None

    @property
    def finished(self) -> bool:
        return isinstance(self._current, Outcome)

    @property
    def path(self) -> tuple[Step, ...]:
        return tuple(
            Step(question.id, question.fact, answer)
            for entry in self._answered
            for question, answer in entry.steps
        )

    @property
    def reasons(self) -> tuple[str, ...]:
        """What the user said yes to, in the order asked, with every fact ticked on a checklist."""
        return tuple(question.reason for question in self._yes_questions())

    @property
    def said_yes(self) -> tuple[FactId, ...]:
        """Every fact the user said yes to or ticked, in the order asked."""
        return tuple(question.fact for question in self._yes_questions())

    @property
    def progress(self) -> Progress:
        """Screens answered and the most still to come; a checklist counts as one."""
        return Progress(len(self._answered), self._remaining(self._current.id))

    @property
    def result(self) -> Result | None:
        """The outcome with its path and reasons; None until the walk is finished."""
        outcome = self.outcome
        if outcome is None:
            return None
        return Result(outcome, self.path, self.reasons)

    def answer(self, yes: bool) -> Question | Outcome:
        """Answer the current question and move on; returns the next question or the outcome."""
        question = self._asking()
        following = self._after(question, yes)
        self._answered.append(_Answered(((question, yes),)))
        self._current = following
        return following

    def answer_checklist(self, ticked: Collection[FactId]) -> Question | Outcome:
        """Answer the checklist on offer: yes to each ticked fact, no to the rest ("none of these" is empty).

        The walk follows the tree: the first ticked question in order ends it at its outcome, and the facts
        ticked after that are kept as reasons.
        """
        self._asking()
        checklist = self.checklist
        if not checklist:
            raise NotAChecklistError("the walk is at a single question; answer it yes or no")
        offered = {question.fact for question in checklist}
        stray = set(ticked) - offered
        if stray:
            raise NotAChecklistError("not on this checklist: " + ", ".join(sorted(stray)))
        steps: list[tuple[Question, bool]] = []
        following: Question | Outcome = checklist[0]
        self._ticks[checklist[0].id] = frozenset(ticked)
        for index, question in enumerate(checklist):
            yes = question.fact in ticked
            steps.append((question, yes))
            following = self._after(question, yes, checklist[:index])
            if yes:
                also = tuple(later for later in checklist[index + 1 :] if later.fact in ticked)
                self._answered.append(_Answered(tuple(steps), also))
                break
        else:
            self._answered.append(_Answered(tuple(steps)))
        self._current = following
        return following

    def back(self) -> bool:
        """Undo the last screen (a question or a whole checklist); False if there was none."""
        if not self._answered:
            return False
        entry = self._answered.pop()
        self._current = entry.steps[0][0]
        return True

    def restart(self) -> None:
        self._answered.clear()
        self._ticks.clear()
        self._current = self._node(self._triage.root)

    def _yes_questions(self) -> list[Question]:
        """The questions answered yes or ticked, in the order asked: what `reasons` and `said_yes` name."""
        questions: list[Question] = []
        for entry in self._answered:
            questions.extend(question for question, answer in entry.steps if answer)
            questions.extend(entry.also)
        return questions

    def _asking(self) -> Question:
        question = self.question
        if question is None:
            raise WalkFinishedError("the walk has reached its outcome; go back or restart to answer again")
        return question

    def _after(self, question: Question, yes: bool, asking: Iterable[Question] = ()) -> Question | Outcome:
        """The node an answer leads to; a question already asked on this walk means the tree loops."""
        following = self._node(question.yes if yes else question.no)
        asked = {asked.id for entry in self._answered for asked, _ in entry.steps}
        asked.update(question.id for question in asking)
        if isinstance(following, Question) and (following.id in asked or following.id == question.id):
            raise BrokenTreeError(f"question '{following.id}' leads back to itself")
        return following

    def _checklist_from(self, first: Question) -> tuple[Question, ...]:
        """The longest run from `first` along "no" whose every "yes" ends at an outcome of one disposition.

        Any set of ticks then ends at that disposition or goes on past the run, so a ticked fact the tree
        never reaches still gets at least what it needs (the fact's own minimum is checked too).
        """
        most = self._checklist_at_most
        if most is None:
            return ()
        run: list[Question] = []
        level: Disposition | None = None
        facts: set[FactId] = set()
        node: Question | Outcome | None = first
        while isinstance(node, Question) and node.fact not in facts:
            ending = self._nodes.get(node.yes)
            if not isinstance(ending, Outcome) or ending.disposition.severity > most.severity:
                break
            if level is not None and ending.disposition is not level:
                break
            if MINIMUM_IF_YES[node.fact].severity > ending.disposition.severity:
                break
            level = ending.disposition
            run.append(node)
            facts.add(node.fact)
            node = self._nodes.get(node.no)
        return tuple(run) if len(run) > 1 else ()

    def _node(self, node_id: str) -> Question | Outcome:
        node = self._nodes.get(node_id)
        if node is None:
            raise BrokenTreeError(f"the triage tree has no node '{node_id}'")
        return node

    def _remaining(self, node_id: str, visiting: frozenset[str] = frozenset()) -> int:
        """Screens on the longest way from `node_id` to an outcome (memoised; the tree is small)."""
        if node_id in self._longest:
            return self._longest[node_id]
        node = self._node(node_id)
        if isinstance(node, Outcome):
            return 0
        if node_id in visiting:
            raise BrokenTreeError(f"question '{node_id}' leads back to itself")
        inner = visiting | {node_id}
        checklist = self._checklist_from(node)
        if checklist:  # every "yes" on it ends at an outcome: only the way past it can be longer
            longest = 1 + self._remaining(checklist[-1].no, inner | {question.id for question in checklist})
        else:
            longest = 1 + max(self._remaining(node.yes, inner), self._remaining(node.no, inner))
        self._longest[node_id] = longest
        return longest
