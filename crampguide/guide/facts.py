"""The triage vocabulary: a public contract shared with `crampguide triage --answers`.

It lives in code, not in a content pack, because the safety rule depends on it: a content pack may word the
questions as it likes, but it cannot change which disposition a "yes" needs at least.
"""

from __future__ import annotations

from enum import StrEnum


class Disposition(StrEnum):
    """What the user is told to do, declared from most to least severe."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    GP = "gp"
    SELF_CARE = "self-care"

    @property
    def severity(self) -> int:
        """Higher is more severe: self-care 0 … emergency 3."""
        return len(_ORDER) - 1 - _ORDER.index(self)

    @property
    def label(self) -> str:
        return _LABELS[self]


_ORDER = list(Disposition)
_LABELS = {
    Disposition.EMERGENCY: "Get emergency help now",
    Disposition.URGENT: "Get medical help today",
    Disposition.GP: "Book a doctor's appointment",
    Disposition.SELF_CARE: "Self-care at home",
}


class FactId(StrEnum):
    CHEST_PAIN_OR_BREATHLESS = "chest_pain_or_breathless"
    LEG_COLD_PALE_OR_NUMB_SUDDENLY = "leg_cold_pale_or_numb_suddenly"
    SUDDEN_WEAKNESS_ONE_SIDE = "sudden_weakness_one_side"
    CALF_SWOLLEN_WARM_ONE_SIDE = "calf_swollen_warm_one_side"
    CRAMP_OVER_10_MINUTES = "cramp_over_10_minutes"
    WOUND_OR_TOXIN = "wound_or_toxin"
    DARK_URINE_AFTER_EXERTION = "dark_urine_after_exertion"
    STATIN_MUSCLE_PAIN = "statin_muscle_pain"
    NIGHT_PAIN_EASES_LEG_DOWN = "night_pain_eases_leg_down"
    PREGNANT = "pregnant"
    GAVE_BIRTH_LAST_6_WEEKS = "gave_birth_last_6_weeks"
    PREGNANT_SWELLING_OR_HEADACHE = "pregnant_swelling_or_headache"
    FREQUENT_OR_DISTURBS_SLEEP = "frequent_or_disturbs_sleep"
    NUMBNESS_OR_WEAKNESS = "numbness_or_weakness"
    PAIN_WALKING_EASES_WITH_REST = "pain_walking_eases_with_rest"
    NEW_MEDICINE = "new_medicine"
    LONG_TERM_CONDITION = "long_term_condition"


# The least severe disposition a "yes" to each fact allows (TRIAGE-FACTS.md).
MINIMUM_IF_YES: dict[FactId, Disposition] = {
    FactId.CHEST_PAIN_OR_BREATHLESS: Disposition.EMERGENCY,
    FactId.LEG_COLD_PALE_OR_NUMB_SUDDENLY: Disposition.EMERGENCY,
    FactId.SUDDEN_WEAKNESS_ONE_SIDE: Disposition.EMERGENCY,
    FactId.CALF_SWOLLEN_WARM_ONE_SIDE: Disposition.URGENT,
    FactId.CRAMP_OVER_10_MINUTES: Disposition.URGENT,
    FactId.WOUND_OR_TOXIN: Disposition.URGENT,
    FactId.DARK_URINE_AFTER_EXERTION: Disposition.URGENT,
    FactId.STATIN_MUSCLE_PAIN: Disposition.URGENT,
    FactId.NIGHT_PAIN_EASES_LEG_DOWN: Disposition.URGENT,
    FactId.PREGNANT: Disposition.SELF_CARE,
    FactId.GAVE_BIRTH_LAST_6_WEEKS: Disposition.SELF_CARE,
    FactId.PREGNANT_SWELLING_OR_HEADACHE: Disposition.URGENT,
    FactId.FREQUENT_OR_DISTURBS_SLEEP: Disposition.GP,
    FactId.NUMBNESS_OR_WEAKNESS: Disposition.GP,
    FactId.PAIN_WALKING_EASES_WITH_REST: Disposition.GP,
    FactId.NEW_MEDICINE: Disposition.GP,
    FactId.LONG_TERM_CONDITION: Disposition.GP,
}

# A "yes" to either opens the pre-eclampsia follow-up: it can begin up to 6 weeks after the birth.
PRE_ECLAMPSIA_CONTEXT: frozenset[FactId] = frozenset({FactId.PREGNANT, FactId.GAVE_BIRTH_LAST_6_WEEKS})
