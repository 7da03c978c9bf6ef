"""The guide as plain text for `crampguide read`: the app's order and its words for grades and policies.

Each item reads as the detail pane shows it: title, what it is (its policy, or a cause's link to cramps) and
how good the evidence is, safety notes before anything else, then the body, the verdict and the sources.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from crampguide.guide.models import (
    Advice,
    Cause,
    Guide,
    KeyPoint,
    Policy,
    PreventionRule,
    RedFlag,
    Treatment,
)
from crampguide.item_groups import (
    Group,
    cause_groups,
    key_point_groups,
    prevention_groups,
    red_flag_groups,
    treatment_groups,
)
from crampguide.labels import GRADE_LABELS, standing
from crampguide.lines.text import Style, heading, plain, prose, source_lines
from crampguide.words import ABOUT_NIGHT_CRAMPS, PREVENTION_HEADING, WARNING_SIGNS

Item = KeyPoint | Cause | Treatment | PreventionRule | RedFlag
# --- items ---------------------------------------------------------------------------------------------


def item_lines(guide: Guide, item: Item, style: Style, level: int = 3) -> list[str]:
    """One item as the detail pane shows it; its id in brackets, for `crampguide read ID`."""
    lines = heading(level, f"{item.title} [{item.id}]", style)
    if isinstance(item, RedFlag):
        lines.extend(plain(f"What to do: {item.disposition.label}.", style))
        lines.extend(prose(item.body, style))
        lines.extend(source_lines(guide, item.sources, style))
        return lines
    what = standing(item, mark=False)
    grade = f"{GRADE_LABELS[item.grade]}."
    lines.extend(plain(f"{what}. {grade}" if what else grade, style))
    not_advised = isinstance(item, Advice) and item.policy is Policy.NOT_ADVISED
    if not_advised:
        lines.extend(plain(f"Not advised. {item.safety[0]}", style, indent="  ", bold=True))
    for note in item.safety[1:] if not_advised else item.safety:
        lines.extend(plain(f"Safety: {note}", style, indent="  "))
    lines.append("")
    if isinstance(item, Treatment):
        lines.extend(prose(item.article_says, style, lead="What the article says:"))
        lines.append("")
    lines.extend(prose(item.body, style))
    if isinstance(item, Cause):
        lines.append("")
        lines.extend(prose(item.what_helps, style, lead="What helps:"))
    lines.append("")
    lines.extend(plain(f"Evidence: {item.verdict}", style))
    lines.extend(source_lines(guide, item.sources, style))
    return lines


# --- topics --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Topic:
    name: str
    title: str
    groups: Callable[[Guide], Sequence[Group[Item]]]


TOPICS: tuple[Topic, ...] = (
    Topic("key-points", ABOUT_NIGHT_CRAMPS, key_point_groups),
    Topic("causes", "Causes", cause_groups),
    Topic("treatments", "Treatments", treatment_groups),
    Topic("red-flags", WARNING_SIGNS, red_flag_groups),
    Topic("prevention", PREVENTION_HEADING, prevention_groups),
)


def topic_named(name: str) -> Topic | None:
    return next((topic for topic in TOPICS if topic.name == name), None)


def all_items(guide: Guide) -> list[Item]:
    return [item for topic in TOPICS for _, items in topic.groups(guide) for item in items]


def find_item(guide: Guide, item_id: str) -> Item | None:
    return next((item for item in all_items(guide) if item.id == item_id), None)


def topic_lines(guide: Guide, topic: Topic, style: Style) -> list[str]:
    lines = heading(1, topic.title, style)
    for title, items in topic.groups(guide):
        if not items:
            continue
        lines.append("")
        lines.extend(heading(2, title, style))
        for item in items:
            lines.append("")
            lines.extend(item_lines(guide, item, style))
    return lines


def contents_lines(guide: Guide, style: Style) -> list[str]:
    """What `crampguide read` shows without a topic: the disclaimer, then each topic and how many items."""
    lines = heading(1, guide.disclaimer.title, style)
    lines.append("")
    lines.extend(prose(guide.disclaimer.body, style))
    lines.append("")
    lines.extend(heading(1, "Contents", style))
    lines.extend(plain("Read one part with `crampguide read TOPIC`:", style))
    column = max(len(topic.name) for topic in TOPICS) + 2
    for topic in TOPICS:
        count = sum(len(items) for _, items in topic.groups(guide))
        lines.extend(
            plain(
                f"{topic.title} ({count})",
                style,
                first=f"  {topic.name:<{column}}",
                indent=" " * (column + 2),
            )
        )
    lines.extend(
        plain("Or one item by the id shown in brackets after its title: `crampguide read ID`.", style)
    )
    return lines


def wants_escapes(*, terminal: bool, no_color: str | None, plain: bool) -> bool:
    """Bold only on a terminal, never with `--plain` or a non-empty NO_COLOR (no-color.org)."""
    return terminal and not plain and not no_color
