"""Words and marks the screens use for grades, policies, link strengths and dispositions, kept in one place.

Every mark is a distinct character, so it reads without colour. Advice marks (✓ ~ ! ✗) belong to advice only;
a cause shows how sure its link to cramps is with a bar of dots, never an advice mark.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TypeVar

from crampguide.guide.facts import Disposition
from crampguide.guide.models import Advice, Cause, Grade, KeyPoint, LinkStrength, Policy

GRADE_LABELS: dict[Grade, str] = {
    Grade.GOOD: "Evidence: good",
    Grade.LIMITED: "Evidence: limited",
    Grade.NONE: "Evidence: none found",
    Grade.AGAINST: "Evidence: against",
}

# What to do with an item of advice, in words.
POLICY_LABELS: dict[Policy, str] = {
    Policy.RECOMMEND: "Advised",
    Policy.CAVEAT: "Read the caveat first",
    Policy.ASK_FIRST: "Ask a doctor or pharmacist first",
    Policy.NOT_ADVISED: "Not advised",
}

# A one-character mark for lists of advice.
POLICY_MARKERS: dict[Policy, str] = {
    Policy.RECOMMEND: "✓",
    Policy.CAVEAT: "~",
    Policy.ASK_FIRST: "!",
    Policy.NOT_ADVISED: "✗",
}

# The legend's short words for each advice mark.
POLICY_LEGEND: dict[Policy, str] = {
    Policy.RECOMMEND: "advised",
    Policy.CAVEAT: "read the caveat first",
    Policy.ASK_FIRST: "ask a doctor first",
    Policy.NOT_ADVISED: "not advised",
}

# How sure the link between a cause and cramps is, in words.
LINK_LABELS: dict[LinkStrength, str] = {
    LinkStrength.ESTABLISHED: "Well-established link",
    LinkStrength.POSSIBLE: "Possible link",
    LinkStrength.UNPROVEN: "Unproven link",
    LinkStrength.MYTH: "A myth: not a cause",
}

# A bar of dots: the more filled, the surer the link. Nothing here looks like advice.
LINK_MARKERS: dict[LinkStrength, str] = {
    LinkStrength.ESTABLISHED: "●●●",
    LinkStrength.POSSIBLE: "●●○",
    LinkStrength.UNPROVEN: "●○○",
    LinkStrength.MYTH: "○○○",
}

LINK_LEGEND: dict[LinkStrength, str] = {
    LinkStrength.ESTABLISHED: "well established",
    LinkStrength.POSSIBLE: "possible",
    LinkStrength.UNPROVEN: "unproven",
    LinkStrength.MYTH: "myth",
}

# The mark of a key point on the Causes tab: a statement, so a plain bullet.
KEY_POINT_MARKER = "•"


def standing(item: Advice | Cause | KeyPoint, *, mark: bool = True) -> str | None:
    """What an item is, mark first: advice says what to do, a cause how sure its link is; a key point, a
    plain statement, has none. The detail pane and `crampguide read` both show it before the grade.

    `mark=False` gives the words alone, for `crampguide read`: a screen reader would read every mark out.
    """
    if isinstance(item, Advice):
        sign, words = POLICY_MARKERS[item.policy], POLICY_LABELS[item.policy]
    elif isinstance(item, Cause):
        sign, words = LINK_MARKERS[item.link], LINK_LABELS[item.link]
    else:
        return None
    return f"{sign} {words}" if mark else words


_K = TypeVar("_K", bound=StrEnum)


def legend(markers: Mapping[_K, str], words: Mapping[_K, str], lead: str = "") -> str:
    """One line: each mark followed by its words, in the order the marks are declared."""
    parts = [f"{markers[key]} {words[key]}" for key in markers]
    return f"{lead}{'  '.join(parts)}"


POLICY_LEGEND_LINE = legend(POLICY_MARKERS, POLICY_LEGEND)
LINK_LEGEND_LINE = legend(LINK_MARKERS, LINK_LEGEND, lead="Link to cramps: ")


def marks_help() -> str:
    """Every mark and what it means, as plain text for the Help screen."""
    lines = ["Treatments and prevention (advice):"]
    lines.extend(f"  {POLICY_MARKERS[policy]:<4} {POLICY_LABELS[policy]}" for policy in Policy)
    lines.append("Causes (how sure the link to cramps is; a cause is never advice):")
    lines.extend(f"  {LINK_MARKERS[link]:<4} {LINK_LABELS[link]}" for link in LinkStrength)
    lines.append(f"  {KEY_POINT_MARKER:<4} a fact about night cramps")
    grades = ", ".join(label.removeprefix("Evidence: ") for label in GRADE_LABELS.values())
    lines.append(f"Evidence: {grades}.")
    return "\n".join(lines)


DISPOSITION_CLASSES: dict[Disposition, str] = {
    Disposition.EMERGENCY: "emergency",
    Disposition.URGENT: "urgent",
    Disposition.GP: "gp",
    Disposition.SELF_CARE: "self-care",
}
