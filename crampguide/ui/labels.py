"""Words the screens use for grades, policies and dispositions, kept in one place."""

from __future__ import annotations

from crampguide.guide.facts import Disposition
from crampguide.guide.models import Grade, Policy

GRADE_LABELS: dict[Grade, str] = {
    Grade.GOOD: "Evidence: good",
    Grade.LIMITED: "Evidence: limited",
    Grade.NONE: "Evidence: none found",
    Grade.AGAINST: "Evidence: against",
}

POLICY_LABELS: dict[Policy, str] = {
    Policy.RECOMMEND: "Recommended",
    Policy.CAVEAT: "May help: read the caveat",
    Policy.ASK_FIRST: "Only on a doctor's or pharmacist's advice",
    Policy.NOT_ADVISED: "Not advised",
}

# A one-character marker for lists, readable without colour.
POLICY_MARKERS: dict[Policy, str] = {
    Policy.RECOMMEND: "✓",
    Policy.CAVEAT: "~",
    Policy.ASK_FIRST: "!",
    Policy.NOT_ADVISED: "✗",
}

DISPOSITION_CLASSES: dict[Disposition, str] = {
    Disposition.EMERGENCY: "emergency",
    Disposition.URGENT: "urgent",
    Disposition.GP: "gp",
    Disposition.SELF_CARE: "self-care",
}
