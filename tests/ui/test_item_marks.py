"""Marks on the Causes and Treatments trees: a cause never wears an advice mark; each tree has a legend."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from crampguide.guide.models import Cause, KeyPoint, LinkStrength, Policy, Treatment
from crampguide.ui.app import CrampGuideApp
from crampguide.ui.labels import (
    KEY_POINT_MARKER,
    LINK_LABELS,
    LINK_LEGEND_LINE,
    LINK_MARKERS,
    POLICY_LABELS,
    POLICY_LEGEND_LINE,
    POLICY_MARKERS,
    marks_help,
)
from crampguide.ui.screens.help import HelpScreen
from crampguide.ui.widgets.item_view import Item, ItemView

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]
SIZE = (100, 30)

ADVICE_MARKS = set(POLICY_MARKERS.values())
ADVICE_WORDS = ("Recommended", "Advised", "May help", "caveat", "Not advised", "Ask a doctor")


def leaves(tree: Tree[Item]) -> Iterator[TreeNode[Item]]:
    for group in tree.root.children:
        yield from group.children


def rendered(widget: Static) -> str:
    return str(widget.render())


async def open_tab(pilot: Pilot[Any], key: str, tab_id: str) -> None:
    await pilot.press(key)
    for _ in range(3):
        await pilot.pause()
    assert pilot.app.query_one("TabbedContent").active == tab_id  # type: ignore[attr-defined]


async def test_causes_tree_shows_link_marks_and_never_an_advice_mark(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await open_tab(pilot, "1", "causes")
        tab = app.query_one("#causes-tab")
        tree: Tree[Item] = tab.query_one(Tree)
        seen_links: set[LinkStrength] = set()
        for node in leaves(tree):
            label = str(node.label)
            item = node.data
            assert not set(label.split(" ", 1)[0]) & ADVICE_MARKS, label
            if isinstance(item, Cause):
                assert label == f"{LINK_MARKERS[item.link]} {item.title}"
                seen_links.add(item.link)
            else:
                assert isinstance(item, KeyPoint)
                assert label == f"{KEY_POINT_MARKER} {item.title}"
        assert seen_links == set(LinkStrength)  # the bundled causes use every strength
        assert rendered(tab.query_one(".tree-legend", Static)) == LINK_LEGEND_LINE

        # Every cause and key point, shown in the pane: no advice badge, no advice words in the badges.
        view = tab.query_one(ItemView)
        for node in leaves(tree):
            view.item = node.data
            await pilot.pause()
            badges = [rendered(badge) for badge in view.query(".badge").results(Static)]
            assert not any(word in badge for badge in badges for word in ADVICE_WORDS), badges
            assert not view.query(".not-advised")
            if isinstance(node.data, Cause):
                link = node.data.link
                assert badges[0] == f"{LINK_MARKERS[link]} {LINK_LABELS[link]}"


async def test_treatments_tree_shows_policy_marks_and_a_legend(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await open_tab(pilot, "2", "treatments")
        tab = app.query_one("#treatments-tab")
        tree: Tree[Item] = tab.query_one(Tree)
        policies: set[Policy] = set()
        for node in leaves(tree):
            assert isinstance(node.data, Treatment)
            assert str(node.label) == f"{POLICY_MARKERS[node.data.policy]} {node.data.title}"
            policies.add(node.data.policy)
        assert policies == set(Policy)
        assert rendered(tab.query_one(".tree-legend", Static)) == POLICY_LEGEND_LINE

        view = tab.query_one(ItemView)
        first = view.item
        assert isinstance(first, Treatment)
        badges = [rendered(badge) for badge in view.query(".badge").results(Static)]
        assert badges[0] == f"{POLICY_MARKERS[first.policy]} {POLICY_LABELS[first.policy]}"


def test_policy_words_say_what_to_do() -> None:
    assert POLICY_LABELS[Policy.CAVEAT] == "Read the caveat first"
    assert not any("May help" in label for label in POLICY_LABELS.values())


def test_legends_fit_one_line_of_an_80_column_terminal() -> None:
    for line in (LINK_LEGEND_LINE, POLICY_LEGEND_LINE):
        assert len(line) <= 78, line  # the legend's padding takes the other two columns
    # Every mark is its own shape, so the marks read without colour.
    marks = [*POLICY_MARKERS.values(), *LINK_MARKERS.values(), KEY_POINT_MARKER]
    assert len(set(marks)) == len(marks)


async def test_help_explains_every_mark(make_app: MakeApp, wait_loaded: WaitLoaded) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = rendered(app.screen.query_one("#help-marks", Static))
        assert text == marks_help()
        for policy in Policy:
            assert f"{POLICY_MARKERS[policy]}" in text and POLICY_LABELS[policy] in text
        for link in LinkStrength:
            assert f"{LINK_MARKERS[link]}  {LINK_LABELS[link]}" in text
