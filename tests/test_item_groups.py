"""The groupings shared by the tabs and `crampguide read`: every item once, in its group, in order."""

from __future__ import annotations

from dataclasses import replace

from crampguide.guide.facts import Disposition
from crampguide.guide.loader import load_guide
from crampguide.item_groups import (
    cause_groups,
    key_point_groups,
    prevention_groups,
    red_flag_groups,
    treatment_groups,
)
from crampguide.paths import bundled_content_dir
from crampguide.words import (
    ABOUT_NIGHT_CRAMPS,
    CAUSE_GROUP_TITLES,
    POLICY_ORDER,
    PREVENTION_RULES,
    PREVENTION_TIPS,
    TREATMENT_GROUP_TITLES,
)

GUIDE = load_guide(bundled_content_dir())


def test_key_points_are_one_group_in_the_contents_order() -> None:
    assert key_point_groups(GUIDE) == [(ABOUT_NIGHT_CRAMPS, GUIDE.key_points)]


def test_causes_are_grouped_by_their_group_in_the_contents_order() -> None:
    groups = cause_groups(GUIDE)
    assert [title for title, _ in groups] == list(CAUSE_GROUP_TITLES.values())
    for (title, causes), group in zip(groups, CAUSE_GROUP_TITLES, strict=True):
        assert list(causes) == [cause for cause in GUIDE.causes if cause.group is group], title
    assert sum(len(causes) for _, causes in groups) == len(GUIDE.causes)


def test_treatments_put_advice_first_and_not_advised_last_whatever_the_contents_order() -> None:
    backwards = replace(GUIDE, treatments=tuple(reversed(GUIDE.treatments)))
    for guide in (GUIDE, backwards):
        groups = treatment_groups(guide)
        assert [title for title, _ in groups] == list(TREATMENT_GROUP_TITLES.values())
        for (title, treatments), group in zip(groups, TREATMENT_GROUP_TITLES, strict=True):
            assert {t.id for t in treatments} == {t.id for t in guide.treatments if t.group is group}, title
            ranks = [POLICY_ORDER.index(t.policy) for t in treatments]
            assert ranks == sorted(ranks), title
        assert sum(len(treatments) for _, treatments in groups) == len(guide.treatments)
    # Within one policy the content's order stands.
    assert [t.id for _, ts in treatment_groups(GUIDE) for t in ts if t.policy is POLICY_ORDER[-1]] == [
        t.id
        for group in TREATMENT_GROUP_TITLES
        for t in GUIDE.treatments
        if t.group is group and t.policy is POLICY_ORDER[-1]
    ]


def test_prevention_lists_rules_then_tips() -> None:
    (rules_title, rules), (tips_title, tips) = prevention_groups(GUIDE)
    assert (rules_title, tips_title) == (PREVENTION_RULES, PREVENTION_TIPS)
    assert rules and tips
    assert not any(rule.tip for rule in rules) and all(rule.tip for rule in tips)
    assert len(rules) + len(tips) == len(GUIDE.prevention)


def test_red_flags_come_most_urgent_first() -> None:
    groups = red_flag_groups(GUIDE)
    assert [title for title, _ in groups] == [disposition.label for disposition in Disposition]
    for (_, flags), disposition in zip(groups, Disposition, strict=True):
        assert all(flag.disposition is disposition for flag in flags)
    assert sum(len(flags) for _, flags in groups) == len(GUIDE.red_flags)
