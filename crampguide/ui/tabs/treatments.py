"""Treatments tab: first aid, home remedies and medicines, each with its grade, warnings and sources."""

from __future__ import annotations

from collections.abc import Sequence

from crampguide.guide.models import Policy, TreatmentGroup
from crampguide.ui.tabs.grouped import Group, GroupedItemsTab

GROUP_TITLES: dict[TreatmentGroup, str] = {
    TreatmentGroup.FIRST_AID: "First aid",
    TreatmentGroup.HOME_REMEDIES: "Home remedies",
    TreatmentGroup.VITAMINS_MINERALS: "Vitamins and minerals",
    TreatmentGroup.CREAMS_GELS: "Creams and gels",
    TreatmentGroup.MEDICINES: "Medicines",
    TreatmentGroup.VARICOSE_VEINS: "Varicose veins",
}

# Advice first, "Not advised" last, whatever order the content lists them in.
POLICY_ORDER = list(Policy)


class TreatmentsTab(GroupedItemsTab):
    TREE_LABEL = "Treatments"

    def groups(self) -> Sequence[Group]:
        treatments = self.services.guide.treatments
        return [
            (
                title,
                sorted(
                    (t for t in treatments if t.group is group), key=lambda t: POLICY_ORDER.index(t.policy)
                ),
            )
            for group, title in GROUP_TITLES.items()
        ]
