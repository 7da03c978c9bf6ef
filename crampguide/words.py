"""Words that both the full-screen app and the line-by-line commands show, outside any Textual module.

Grade, policy and link words and their marks live in `crampguide.labels`.
"""

from __future__ import annotations

import math

from crampguide.guide.models import CauseGroup, Outcome, Policy, Side, TreatmentGroup

SIDE_WORDS: dict[Side, str] = {
    Side.LEFT: "left leg",
    Side.RIGHT: "right leg",
    Side.BOTH: "both legs",
    Side.EACH: "each leg",
    Side.CRAMPED: "the cramped leg",
}

EMERGENCY_LINE = "Call your local emergency number now (for example 999, 112 or 911)."

UNTIL_EASES = "Keep going until it eases; the timer only paces you."


def clock_words(seconds: float) -> str:
    """A duration as minutes and seconds, e.g. "1:05", rounded up: a countdown reaches 0:00 only when done."""
    whole = max(0, math.ceil(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


def outcome_title(outcome: Outcome) -> str | None:
    """The title without the disposition's words it may start with, which are shown first on their own."""
    label = outcome.disposition.label
    title = outcome.title.strip()
    if not title.casefold().startswith(label.casefold()):
        return title
    rest = title[len(label) :].lstrip(" :;,.-–—")
    return rest[:1].upper() + rest[1:] if rest else None


TRIAGE_INTRO = "A few yes/no questions about warning signs, the most serious first. Not sure? Answer yes."

ROUTINE_DONE = "Done. Well done."
ROUTINE_DONE_TEXT = "You finished the routine. Rest now; come back to Triage if anything feels wrong."

TICKED_ON_CHECKLIST = "Ticked on your Prevention checklist: "

# The Causes tab lists the key points first, under this heading, then the causes by group.
ABOUT_NIGHT_CRAMPS = "About night cramps"

CAUSE_GROUP_TITLES: dict[CauseGroup, str] = {
    CauseGroup.GENERAL: "General",
    CauseGroup.PREGNANCY: "Pregnancy",
    CauseGroup.WOMEN: "Women",
    CauseGroup.MEN: "Men",
}

TREATMENT_GROUP_TITLES: dict[TreatmentGroup, str] = {
    TreatmentGroup.FIRST_AID: "First aid",
    TreatmentGroup.HOME_REMEDIES: "Home remedies",
    TreatmentGroup.VITAMINS_MINERALS: "Vitamins and minerals",
    TreatmentGroup.CREAMS_GELS: "Creams and gels",
    TreatmentGroup.MEDICINES: "Medicines",
    TreatmentGroup.VARICOSE_VEINS: "Varicose veins",
}

# Within a group of treatments: advice first, "Not advised" last, whatever order the content lists them in.
POLICY_ORDER = list(Policy)

PREVENTION_HEADING = "Prevention rules and tips"
PREVENTION_RULES = "Rules"
PREVENTION_TIPS = "Tips"

WARNING_SIGNS = "Warning signs at a glance"
