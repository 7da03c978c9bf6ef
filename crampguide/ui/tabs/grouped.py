"""A tree of grouped items on the left and the selected item on the right: Causes and Treatments."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Tree

from crampguide.ui.labels import POLICY_MARKERS
from crampguide.ui.tabs.base import GuideTab
from crampguide.ui.widgets.item_view import Item, ItemView

Group = tuple[str, Sequence[Item]]


class GroupedItemsTab(GuideTab):
    """Subclasses say which groups to list; everything else is shared."""

    TREE_LABEL = "Items"

    def groups(self) -> Sequence[Group]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Horizontal(classes="split"):
            tree: Tree[Item] = Tree(self.TREE_LABEL, classes="item-tree")
            tree.show_root = False
            tree.guide_depth = 2
            groups = self.groups()
            for title, items in groups:
                # Text, not str: content is not markup, and Tree would parse every str label as markup.
                branch = tree.root.add(Text(title), expand=True)
                for item in items:
                    branch.add_leaf(Text(f"{POLICY_MARKERS[item.policy]} {item.title}"), data=item)
            yield tree
            first = next((items[0] for _, items in groups if items), None)
            yield ItemView(self.services.guide, first)

    _pending_item: str | None = None
    _ready = False

    def on_mount(self) -> None:
        # The tree's cursor starts on the first group's heading, so the heading stays in view, while the pane
        # already shows the group's first item.
        self._ready = True
        if self._pending_item is not None:
            self.show_item(self._pending_item)

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[Item]) -> None:
        if event.node.data is not None:
            self.query_one(ItemView).item = event.node.data

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[Item]) -> None:
        if event.node.data is not None:
            self.query_one(ItemView).item = event.node.data

    def show_item(self, item_id: str) -> None:
        if not self._ready:  # asked for before the tab was built: show it once it is
            self._pending_item = item_id
            return
        self._pending_item = None
        tree: Tree[Item] = self.query_one(Tree)
        for group in tree.root.children:
            for node in group.children:
                if node.data is not None and node.data.id == item_id:
                    self.query_one(ItemView).item = node.data
                    tree.focus()
                    self.call_after_refresh(tree.move_cursor, node)
                    return
