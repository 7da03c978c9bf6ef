"""Checks of the triage tree's shape: references resolve, no cycles, every node reachable, every path ends.

The safety rule (a "yes" to a red flag never leads to a milder disposition) is checked here too, on every
path from the root, so `crampguide validate` proves it for the whole tree.
"""

from __future__ import annotations

from crampguide.guide.errors import Problem
from crampguide.guide.models import Question, Triage

FILE = "triage.toml"


def check_triage(triage: Triage) -> list[Problem]:
    nodes: dict[str, Question | object] = {}
    for node in (*triage.questions, *triage.outcomes):
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
