"""Causes and Treatments: titles readable in the tree, each item's detail from its top, badges that wrap.

At 80x24 and 40x12. A title too long for the tree ends in "…"; the full title is the first line of the detail.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from rich.style import Style
from textual.pilot import Pilot
from textual.widgets import Static, TabbedContent

from crampguide.item_groups import cause_groups, key_point_groups, treatment_groups
from crampguide.ui.app import CrampGuideApp
from crampguide.ui.tabs.grouped import GroupedItemsTab, ItemTree
from crampguide.ui.widgets.item_view import Item, ItemView
from ui.pilot_steps import press, screen_text, settle

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((40, 12), id="40x12")]
TABS = ["causes", "treatments"]


async def open_tab(app: CrampGuideApp, pilot: Pilot[Any], wait_loaded: WaitLoaded) -> GroupedItemsTab:
    """The tab the app started on (`make_app(initial_tab=...)`): no other tab is built first."""
    await wait_loaded(pilot)
    tab = app.query_one(TabbedContent).active_pane
    assert tab is not None
    return tab.query_one(GroupedItemsTab)


def shown_labels(tree: ItemTree) -> list[tuple[str, str, int]]:
    """(full label, label as drawn, room for it) for every item in the tree."""
    rows: list[tuple[str, str, int]] = []
    for group in tree.root.children:
        for node in group.children:
            room = tree.scrollable_content_region.width - tree.guide_depth
            rows.append((node.label.plain, tree.render_label(node, Style(), Style()).plain, room))
    return rows


@pytest.mark.parametrize("tab", TABS)
async def test_the_trees_list_the_groupings_read_shows(
    make_app: MakeApp, wait_loaded: WaitLoaded, tab: str
) -> None:
    """One grouping for each list: the tab and `crampguide read` cannot disagree on groups or order."""
    app = make_app(initial_tab=tab)
    async with app.run_test(size=(80, 24)) as pilot:
        tree = (await open_tab(app, pilot, wait_loaded)).query_one(ItemTree)
        assert app.services is not None
        guide = app.services.guide
        expected = (
            [*key_point_groups(guide), *cause_groups(guide)] if tab == "causes" else treatment_groups(guide)
        )
        shown = [
            (group.label.plain, [node.data.id for node in group.children if node.data is not None])
            for group in tree.root.children
        ]
        assert shown == [(title, [item.id for item in items]) for title, items in expected]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("tab", TABS)
async def test_tree_titles_fit_or_end_in_an_ellipsis(
    make_app: MakeApp, wait_loaded: WaitLoaded, size: tuple[int, int], tab: str
) -> None:
    app = make_app(initial_tab=tab)
    async with app.run_test(size=size) as pilot:
        tree = (await open_tab(app, pilot, wait_loaded)).query_one(ItemTree)
        rows = shown_labels(tree)
        assert rows
        for full, shown, room in rows:
            assert shown == full or (shown.endswith("…") and full.startswith(shown[:-1])), (full, shown)
            assert len(shown) <= room
        cut = [full for full, shown, _ in rows if shown != full]
        if size[0] == 80:
            # Most titles whole at 80 columns (37 of 67 were cut, with no sign of it, in 30 columns).
            assert 2 * len(cut) < len(rows), cut
        if cut:
            assert "…" in screen_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_another_item_opens_at_its_title(
    make_app: MakeApp, wait_loaded: WaitLoaded, size: tuple[int, int]
) -> None:
    app = make_app(initial_tab="treatments")
    async with app.run_test(size=size) as pilot:
        tab = await open_tab(app, pilot, wait_loaded)
        tree = tab.query_one(ItemTree)
        view = tab.query_one(ItemView)
        tree.focus()
        await press(pilot, "down", "down")  # from the group's heading to its first item, then the second
        await settle(pilot)
        first = view.item
        assert first is not None
        view.scroll_end(animate=False)
        await settle(pilot)
        assert view.scroll_y > 0
        await press(pilot, "down")
        await settle(pilot)
        await settle(pilot)
        following: Item | None = view.item
        assert following is not None and following is not first
        assert view.scroll_y == 0
        title = view.query_one(".item-title", Static)
        assert view.region.contains_region(title.region)


@pytest.mark.parametrize("size", SIZES)
async def test_badges_wrap_inside_the_detail(
    make_app: MakeApp, wait_loaded: WaitLoaded, size: tuple[int, int]
) -> None:
    app = make_app(initial_tab="treatments")
    async with app.run_test(size=size) as pilot:
        tab = await open_tab(app, pilot, wait_loaded)
        tree = tab.query_one(ItemTree)
        view = tab.query_one(ItemView)
        tree.focus()
        # Every item: each badge lies across the pane's width, however long its words.
        for _ in range(len([node for group in tree.root.children for node in group.children]) + 8):
            await press(pilot, "down")
            await settle(pilot)
            view.scroll_home(animate=False)
            inside = view.content_region
            for badge in view.query(".badge"):
                # Across, that is: a pane this small scrolls down to the rest.
                assert inside.x <= badge.region.x and badge.region.right <= inside.right, str(badge.render())
