"""The guide's items in groups, in the order both the app's tabs and `crampguide read` list them.

One place for each grouping, so the Causes, Treatments, Triage and Prevention tabs and the line-by-line
`read` cannot drift apart. Plain Python over the content models, no Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from crampguide.guide.facts import Disposition
from crampguide.guide.models import Cause, Guide, KeyPoint, PreventionRule, RedFlag, Treatment
from crampguide.words import (
    ABOUT_NIGHT_CRAMPS,
    CAUSE_GROUP_TITLES,
    POLICY_ORDER,
    PREVENTION_RULES,
    PREVENTION_TIPS,
    TREATMENT_GROUP_TITLES,
)

T = TypeVar("T")

Group = tuple[str, Sequence[T]]
"""A group's title and its items; a group may be empty (a content pack without tips)."""


def key_point_groups(guide: Guide) -> list[Group[KeyPoint]]:
    return [(ABOUT_NIGHT_CRAMPS, guide.key_points)]


def cause_groups(guide: Guide) -> list[Group[Cause]]:
    return [
        (title, [cause for cause in guide.causes if cause.group is group])
        for group, title in CAUSE_GROUP_TITLES.items()
    ]


def _policy_rank(treatment: Treatment) -> int:
    return POLICY_ORDER.index(treatment.policy)


def treatment_groups(guide: Guide) -> list[Group[Treatment]]:
    """Advice first, "Not advised" last within each group, whatever order the content lists them in."""
    return [
        (title, sorted((t for t in guide.treatments if t.group is group), key=_policy_rank))
        for group, title in TREATMENT_GROUP_TITLES.items()
    ]


def prevention_groups(guide: Guide) -> list[Group[PreventionRule]]:
    return [
        (PREVENTION_RULES, [rule for rule in guide.prevention if not rule.tip]),
        (PREVENTION_TIPS, [rule for rule in guide.prevention if rule.tip]),
    ]


def red_flag_groups(guide: Guide) -> list[Group[RedFlag]]:
    """Most urgent first."""
    return [
        (disposition.label, [flag for flag in guide.red_flags if flag.disposition is disposition])
        for disposition in Disposition
    ]
