"""Treatments tab: first aid, home remedies and medicines, each with its grade, warnings and sources."""

from __future__ import annotations

from collections.abc import Sequence

from crampguide.guide.models import Treatment
from crampguide.ui.labels import POLICY_LEGEND_LINE, POLICY_MARKERS
from crampguide.ui.tabs.grouped import Group, GroupedItemsTab
from crampguide.ui.widgets.item_view import Item
from crampguide.words import POLICY_ORDER, TREATMENT_GROUP_TITLES


def _policy_rank(treatment: Treatment) -> int:
    return POLICY_ORDER.index(treatment.policy)


class TreatmentsTab(GroupedItemsTab):
    TREE_LABEL = "Treatments"
    LEGEND = POLICY_LEGEND_LINE

    def groups(self) -> Sequence[Group]:
        treatments = self.services.guide.treatments
        groups: list[Group] = []
        for group, title in TREATMENT_GROUP_TITLES.items():
            members = sorted((t for t in treatments if t.group is group), key=_policy_rank)
            groups.append((title, members))
        return groups

    def marker(self, item: Item) -> str:
        assert isinstance(item, Treatment)  # this tab lists treatments only
        return POLICY_MARKERS[item.policy]
