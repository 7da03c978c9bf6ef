"""Causes tab: what the article says causes night cramps, by group, with the evidence beside each.

A cause is not advice: its mark says how sure the link to cramps is, and no advice mark appears on this tab.
"""

from __future__ import annotations

from collections.abc import Sequence

from crampguide.guide.models import Cause
from crampguide.item_groups import Group, cause_groups, key_point_groups
from crampguide.labels import KEY_POINT_MARKER, LINK_LEGEND_LINE, LINK_MARKERS
from crampguide.ui.tabs.grouped import GroupedItemsTab
from crampguide.ui.widgets.item_view import Item


class CausesTab(GroupedItemsTab):
    TREE_LABEL = "Causes"
    LEGEND = LINK_LEGEND_LINE

    def groups(self) -> Sequence[Group[Item]]:
        """The key points first, under their own heading, then the causes by group."""
        guide = self.services.guide
        return [*key_point_groups(guide), *cause_groups(guide)]

    def marker(self, item: Item) -> str:
        return LINK_MARKERS[item.link] if isinstance(item, Cause) else KEY_POINT_MARKER
