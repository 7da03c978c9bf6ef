"""Checks of the triage tree's shape: references resolve, no cycles, every node reachable, every path ends.

The safety rule (a "yes" to a red flag never leads to a milder disposition) is checked here too, on every
path from the root, so `crampguide validate` proves it for the whole tree. So are the rules that keep a walk
sensible: no fact is asked twice on one path, and the pre-eclampsia follow-up comes only after "pregnant" or
"gave birth in the last 6 weeks" = yes.
"""

from __future__ import annotations

from collections.abc import Iterator

from crampguide.guide.errors import Problem
from crampguide.guide.facts import MINIMUM_IF_YES, PRE_ECLAMPSIA_CONTEXT, Disposition, FactId
from crampguide.guide.models import Outcome, Question, Triage

FILE = "triage.toml"


def check_triage(triage: Triage) -> list[Problem]:
    nodes: dict[str, Question | Outcome] = {}
    every = triage.nodes
    for node in every:
        nodes.setdefault(node.id, node)
    problems: list[Problem] = []
    if triage.root not in nodes:
        problems.append(Problem(FILE, "-", "root", f"unknown node '{triage.root}'"))
    for question in triage.questions:
        for answer in ("yes", "no"):
            target = getattr(question, answer)
            if target not in nodes:
                problems.append(Problem(FILE, question.id, answer, f"unknown node '{target}'"))
    if problems:
        return problems

    questions = {q.id: q for q in triage.questions}
    problems.extend(_cycles(triage.root, questions))
    if problems:
        return problems
    reachable = _reachable(triage.root, questions)
    problems.extend(
        Problem(FILE, node_id, "id", f"not reachable from the root '{triage.root}'")
        for node_id in nodes
        if node_id not in reachable
    )
    outcomes: dict[str, Outcome] = {}
    for outcome in triage.outcomes:
        outcomes.setdefault(outcome.id, outcome)
    problems.extend(_path_checks(triage.root, questions, outcomes))
    return problems


def _cycles(root: str, questions: dict[str, Question]) -> list[Problem]:
    """Depth-first search; a back edge to a node on the current path is a cycle."""
    problems: list[Problem] = []
    done: set[str] = set()

    def visit(node_id: str, path: list[str]) -> None:
        if node_id in path:
            loop = " -> ".join([*path[path.index(node_id) :], node_id])
            problems.append(Problem(FILE, path[-1], "yes/no", f"cycle: {loop}"))
            return
        if node_id in done or node_id not in questions:
            return
        question = questions[node_id]
        for target in (question.yes, question.no):
            visit(target, [*path, node_id])
        done.add(node_id)

    visit(root, [])
    for node_id in questions:  # cycles among nodes the root never reaches
        visit(node_id, [])
    return sorted(set(problems))


def _reachable(root: str, questions: dict[str, Question]) -> set[str]:
    seen = {root}
    stack = [root]
    while stack:
        node = questions.get(stack.pop())
        if node is None:
            continue
        for target in (node.yes, node.no):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


# A tree whose paths outnumber this is not a hand-written triage tree; refuse rather than hang.
MAX_PATHS = 100_000

Walk = tuple[tuple[Question, bool], ...]


def _paths(root: str, questions: dict[str, Question]) -> Iterator[tuple[Walk, str]]:
    """Every root-to-leaf path as (answered questions, leaf id); the tree must have no cycles."""
    stack: list[tuple[str, Walk]] = [(root, ())]
    while stack:
        node_id, walk = stack.pop()
        question = questions.get(node_id)
        if question is None:
            yield walk, node_id
            continue
        stack.append((question.no, (*walk, (question, False))))
        stack.append((question.yes, (*walk, (question, True))))


def _describe(walk: Walk) -> str:
    return " -> ".join(f"{question.id}={'yes' if answer else 'no'}" for question, answer in walk)


def _path_checks(root: str, questions: dict[str, Question], outcomes: dict[str, Outcome]) -> list[Problem]:
    """The safety rule, one question per fact, and the pregnancy follow-up, proven on every path."""
    problems: list[Problem] = []
    repeated: set[tuple[str, str]] = set()
    unguarded: set[str] = set()
    for count, (walk, leaf) in enumerate(_paths(root, questions)):
        if count == MAX_PATHS:
            message = f"more than {MAX_PATHS} paths from the root; too many to check"
            problems.append(Problem(FILE, root, "root", message))
            break
        problems.extend(_repeated_facts(walk, repeated))
        problems.extend(_pregnancy_follow_up(walk, unguarded))
        outcome = outcomes.get(leaf)
        if outcome is not None:
            problems.extend(_safety(walk, outcome))
    return problems


def _safety(walk: Walk, outcome: Outcome) -> list[Problem]:
    needed: Disposition | None = None
    cause: FactId | None = None
    for question, answer in walk:
        minimum = MINIMUM_IF_YES[question.fact]
        if answer and (needed is None or minimum.severity > needed.severity):
            needed, cause = minimum, question.fact
    if needed is None or outcome.disposition.severity >= needed.severity:
        return []
    message = (
        f"{_describe(walk)} leads to '{outcome.disposition}' outcome '{outcome.id}'; "
        f"needs at least {needed} ({cause} = yes)"
    )
    return [Problem(FILE, outcome.id, "disposition", message)]


def _repeated_facts(walk: Walk, reported: set[tuple[str, str]]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[FactId, str] = {}
    for index, (question, _) in enumerate(walk):
        earlier = first.setdefault(question.fact, question.id)
        if earlier == question.id or (question.id, earlier) in reported:
            continue
        reported.add((question.id, earlier))
        where = " -> ".join(filter(None, (_describe(walk[:index]), question.id)))
        message = f"fact '{question.fact}' is asked again, after '{earlier}', on {where}"
        problems.append(Problem(FILE, question.id, "fact", message))
    return problems


def _pregnancy_follow_up(walk: Walk, reported: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    context = False
    for index, (question, answer) in enumerate(walk):
        if question.fact in PRE_ECLAMPSIA_CONTEXT and answer:
            context = True
        if question.fact is not FactId.PREGNANT_SWELLING_OR_HEADACHE or context or question.id in reported:
            continue
        reported.add(question.id)
        where = " -> ".join(filter(None, (_describe(walk[:index]), question.id)))
        needs = " or ".join(f"'{fact}'" for fact in FactId if fact in PRE_ECLAMPSIA_CONTEXT)
        message = f"'{question.fact}' is asked without {needs} = yes before it, on {where}"
        problems.append(Problem(FILE, question.id, "fact", message))
    return problems
