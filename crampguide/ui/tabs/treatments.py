"""Treatments tab: first aid, home remedies and medicines, each with its grade, warnings and sources."""

from __future__ import annotations

from collections.abc import Sequence

from crampguide.guide.models import Treatment
from crampguide.item_groups import Group, treatment_groups
from crampguide.labels import POLICY_LEGEND_LINE, POLICY_MARKERS
from crampguide.ui.tabs.grouped import GroupedItemsTab
from crampguide.ui.widgets.item_view import Item


class TreatmentsTab(GroupedItemsTab):
    TREE_LABEL = "Treatments"
    LEGEND = POLICY_LEGEND_LINE

    def groups(self) -> Sequence[Group[Item]]:
        return treatment_groups(self.services.guide)

    def marker(self, item: Item) -> str:
        assert isinstance(item, Treatment)  # this tab lists treatments only
        return POLICY_MARKERS[item.policy]
