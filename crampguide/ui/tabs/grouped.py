"""A tree of grouped items on the left and the selected item on the right: Causes and Treatments."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from crampguide.item_groups import Group
from crampguide.ui.tabs.base import GuideTab
from crampguide.ui.widgets.item_view import Item, ItemView


class ItemTree(Tree[Item]):
    """The list of items: a title too long for the tree's width ends in "…", never cut off mid-word unseen."""

    def render_label(self, node: TreeNode[Item], base_style: Style, style: Style) -> Text:
        label = super().render_label(node, base_style, style)
        room = self.scrollable_content_region.width - self.guide_depth * _depth(node)
        if room > 0 and label.cell_len > room:
            label.truncate(room, overflow="ellipsis")
        return label


def _depth(node: TreeNode[Item]) -> int:
    """Levels below the hidden root: each adds `guide_depth` cells of guides before the label."""
    depth = 0
    parent = node.parent
    while parent is not None and not parent.is_root:
        depth += 1
        parent = parent.parent
    return depth


class GroupedItemsTab(GuideTab):
    """Subclasses say which groups to list, how to mark items and what the marks mean; the rest is shared."""

    TREE_LABEL = "Items"
    LEGEND = ""
    """One line under the tree saying what each mark means."""

    def groups(self) -> Sequence[Group[Item]]:
        raise NotImplementedError

    def marker(self, item: Item) -> str:
        """The mark before an item's title in the tree: readable without colour."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Horizontal(classes="split"):
            tree = ItemTree(self.TREE_LABEL, classes="item-tree")
            tree.show_root = False
            tree.guide_depth = 2
            groups = self.groups()
            for title, items in groups:
                # Text, not str: content is not markup, and Tree would parse every str label as markup.
                branch = tree.root.add(Text(title), expand=True)
                for item in items:
                    branch.add_leaf(Text(f"{self.marker(item)} {item.title}"), data=item)
            yield tree
            first = next((items[0] for _, items in groups if items), None)
            yield ItemView(self.services.guide, first)
        yield Static(Text(self.LEGEND), classes="tree-legend")

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
            self._show(event.node.data)

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[Item]) -> None:
        if event.node.data is not None:
            self._show(event.node.data)

    def _show(self, item: Item) -> None:
        """Another item starts at its top, title first, wherever the last one was scrolled to."""
        view = self.query_one(ItemView)
        if view.item is not item:
            view.item = item
            view.scroll_home(animate=False)

    def show_item(self, item_id: str) -> None:
        if not self._ready:  # asked for before the tab was built: show it once it is
            self._pending_item = item_id
            return
        self._pending_item = None
        tree = self.query_one(ItemTree)
        for group in tree.root.children:
            for node in group.children:
                if node.data is not None and node.data.id == item_id:
                    self._show(node.data)
                    tree.focus()
                    self.call_after_refresh(tree.move_cursor, node)
                    return
