"""Checks that span items and files: unique ids and references that resolve.

The models check each item alone; these checks need the whole pack. The triage tree's shape and safety
rule live in `triage_checks.py`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from crampguide.guide.errors import Problem
from crampguide.guide.models import Advice, Grade, Guide, LinkStrength, Policy, TreatmentGroup
from crampguide.guide.triage_checks import check_triage


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


class _Cites(_HasId, Protocol):
    @property
    def sources(self) -> tuple[str, ...]: ...


def _citing_items(guide: Guide) -> list[tuple[str, Sequence[_Cites]]]:
    """Every kind of item that cites sources, with the file it comes from."""
    return [
        ("key_points.toml", guide.key_points),
        ("causes.toml", guide.causes),
        ("treatments.toml", guide.treatments),
        ("prevention.toml", guide.prevention),
        ("red_flags.toml", guide.red_flags),
        ("triage.toml", guide.triage.nodes),
        ("routines.toml", guide.exercises),
        ("routines.toml", guide.routines),
    ]


def check_guide(guide: Guide) -> list[Problem]:
    kinds: list[tuple[str, Sequence[_HasId]]] = [("sources.toml", guide.sources), *_citing_items(guide)]
    kinds.append(("checklists.toml", guide.checklists))
    kinds.extend(("checklists.toml", checklist.items) for checklist in guide.checklists)
    problems = [problem for file, items in kinds for problem in _duplicate_ids(file, items)]
    problems.extend(_policy_problems(guide))
    problems.extend(_link_problems(guide))
    problems.extend(_source_references(guide))
    problems.extend(_routine_references(guide))
    problems.extend(_checklist_references(guide))
    problems.extend(check_triage(guide.triage))
    return problems


def _duplicate_ids(file: str, items: Iterable[_HasId]) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for item in items:
        if item.id in seen:
            problems.append(Problem(file, item.id, "id", "duplicate id"))
        seen.add(item.id)
    return problems


# A policy that presents an item as something to do; evidence against it rules these out.
_ADVISING = (Policy.RECOMMEND, Policy.CAVEAT)


def _policy_problems(guide: Guide) -> list[Problem]:
    """A not-advised item says why in its first safety note; an item graded `against` is never advised."""
    advice: list[tuple[str, Sequence[Advice]]] = [
        ("treatments.toml", guide.treatments),
        ("prevention.toml", guide.prevention),
    ]
    problems = []
    for file, items in advice:
        for item in items:
            if item.policy is Policy.NOT_ADVISED and not item.safety:
                message = "a not-advised item needs at least one safety note saying why"
                problems.append(Problem(file, item.id, "safety", message))
            if item.grade is Grade.AGAINST and item.policy in _ADVISING:
                message = f"an item graded 'against' cannot be '{item.policy}'"
                message += ": make it 'ask-first' or 'not-advised'"
                problems.append(Problem(file, item.id, "policy", message))
    return problems


# The grades each link strength allows: a well-established link needs good evidence, a myth has none.
LINK_GRADES: dict[LinkStrength, frozenset[Grade]] = {
    LinkStrength.ESTABLISHED: frozenset({Grade.GOOD}),
    LinkStrength.POSSIBLE: frozenset({Grade.GOOD, Grade.LIMITED}),
    LinkStrength.UNPROVEN: frozenset({Grade.LIMITED, Grade.NONE}),
    LinkStrength.MYTH: frozenset({Grade.NONE, Grade.AGAINST}),
}


def _link_problems(guide: Guide) -> list[Problem]:
    """A cause's link strength must agree with its evidence grade."""
    problems = []
    for cause in guide.causes:
        allowed = LINK_GRADES[cause.link]
        if cause.grade not in allowed:
            grades = " or ".join(sorted(f"'{grade}'" for grade in allowed))
            message = f"a '{cause.link}' link needs grade {grades} (got '{cause.grade}')"
            problems.append(Problem("causes.toml", cause.id, "link", message))
    return problems


def _source_references(guide: Guide) -> list[Problem]:
    known = {source.id for source in guide.sources}
    return [
        Problem(file, item.id, f"sources[{index}]", f"unknown source '{source_id}'")
        for file, items in _citing_items(guide)
        for item in items
        for index, source_id in enumerate(item.sources)
        if source_id not in known
    ]


def _routine_references(guide: Guide) -> list[Problem]:
    exercises = {exercise.id for exercise in guide.exercises}
    first_aid = {t.id for t in guide.treatments if t.group is TreatmentGroup.FIRST_AID}
    return [
        Problem(
            "routines.toml", routine.id, f"steps[{index}].exercise", f"unknown exercise '{step.exercise}'"
        )
        for routine in guide.routines
        for index, step in enumerate(routine.steps)
        if step.exercise not in exercises
    ] + [
        Problem(
            "routines.toml",
            exercise.id,
            f"treatments[{index}]",
            f"'{treatment_id}' is not a first-aid treatment in treatments.toml",
        )
        for exercise in guide.exercises
        for index, treatment_id in enumerate(exercise.treatments)
        if treatment_id not in first_aid
    ]


def _checklist_references(guide: Guide) -> list[Problem]:
    rules = {rule.id for rule in guide.prevention}
    routines = {routine.id for routine in guide.routines}
    problems = []
    for checklist in guide.checklists:
        for index, item in enumerate(checklist.items):
            where = f"items[{index}]"
            if item.rule not in rules:
                problems.append(
                    Problem("checklists.toml", checklist.id, f"{where}.rule", f"unknown rule '{item.rule}'")
                )
            if item.routine is not None and item.routine not in routines:
                problems.append(
                    Problem(
                        "checklists.toml",
                        checklist.id,
                        f"{where}.routine",
                        f"unknown routine '{item.routine}'",
                    )
                )
    return problems
