"""Causes tab: what the article says causes night cramps, by group, with the evidence beside each.

A cause is not advice: its mark says how sure the link to cramps is, and no advice mark appears on this tab.
"""

from __future__ import annotations

from collections.abc import Sequence

from crampguide.guide.models import Cause
from crampguide.ui.labels import KEY_POINT_MARKER, LINK_LEGEND_LINE, LINK_MARKERS
from crampguide.ui.tabs.grouped import Group, GroupedItemsTab
from crampguide.ui.widgets.item_view import Item
from crampguide.words import ABOUT_NIGHT_CRAMPS, CAUSE_GROUP_TITLES


class CausesTab(GroupedItemsTab):
    TREE_LABEL = "Causes"
    LEGEND = LINK_LEGEND_LINE

    def groups(self) -> Sequence[Group]:
        guide = self.services.guide
        groups: list[Group] = [(ABOUT_NIGHT_CRAMPS, guide.key_points)]
        for group, title in CAUSE_GROUP_TITLES.items():
            groups.append((title, [cause for cause in guide.causes if cause.group is group]))
        return groups

    def marker(self, item: Item) -> str:
        return LINK_MARKERS[item.link] if isinstance(item, Cause) else KEY_POINT_MARKER
