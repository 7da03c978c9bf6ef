"""Causes tab: what the article says causes night cramps, by group, with the evidence beside each."""

from __future__ import annotations

from collections.abc import Sequence

from crampguide.guide.models import CauseGroup
from crampguide.ui.tabs.grouped import Group, GroupedItemsTab

GROUP_TITLES: dict[CauseGroup, str] = {
    CauseGroup.GENERAL: "General",
    CauseGroup.PREGNANCY: "Pregnancy",
    CauseGroup.WOMEN: "Women",
    CauseGroup.MEN: "Men",
}


class CausesTab(GroupedItemsTab):
    TREE_LABEL = "Causes"

    def groups(self) -> Sequence[Group]:
        guide = self.services.guide
        groups: list[Group] = [("About night cramps", guide.key_points)]
        for group, title in GROUP_TITLES.items():
            groups.append((title, [cause for cause in guide.causes if cause.group is group]))
        return groups
