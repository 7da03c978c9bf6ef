"""Marks on the Causes and Treatments trees: a cause never wears an advice mark; each tree has a legend."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from crampguide.guide.models import Cause, KeyPoint, LinkStrength, Policy, Treatment
from crampguide.labels import (
    KEY_POINT_MARKER,
    LINK_LABELS,
    LINK_LEGEND_LINE,
    LINK_MARKERS,
    POLICY_LABELS,
    POLICY_LEGEND_LINE,
    POLICY_MARKERS,
    marks_help,
)
from crampguide.ui.app import CrampGuideApp
from crampguide.ui.screens.help import HelpScreen
from crampguide.ui.widgets.item_view import Item, ItemView
from ui.pilot_steps import press, settle

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
    await press(pilot, key)
    for _ in range(3):
        await settle(pilot)
    assert pilot.app.query_one("TabbedContent").active == tab_id  # type: ignore[attr-defined]


def cause_mark(item: Item | None) -> tuple[str, LinkStrength | None]:
    """The mark a Causes tree item wears, and the link strength it stands for (none for a key point)."""
    if isinstance(item, Cause):
        return LINK_MARKERS[item.link], item.link
    assert isinstance(item, KeyPoint)
    return KEY_POINT_MARKER, None


def cause_badge(item: Item | None) -> str | None:
    return f"{LINK_MARKERS[item.link]} {LINK_LABELS[item.link]}" if isinstance(item, Cause) else None


def treatment_mark(item: Item | None) -> tuple[str, Policy]:
    assert isinstance(item, Treatment)
    return POLICY_MARKERS[item.policy], item.policy


def treatment_badge(item: Item | None) -> str:
    assert isinstance(item, Treatment)
    return f"{POLICY_MARKERS[item.policy]} {POLICY_LABELS[item.policy]}"


@dataclass(frozen=True)
class MarkedTree:
    key: str
    tab_id: str
    mark: Callable[[Item | None], tuple[str, object]]
    """The mark before an item's title, and what it stands for."""
    every_kind: set[Any]
    """The bundled content uses every one of these."""
    legend: str
    badge: Callable[[Item | None], str | None]
    """The first badge the pane shows for an item, when it has one to check."""
    not_advice: bool
    """Causes and key points are not advice: no advice mark or words, every item looked at in the pane."""


TREES = [
    pytest.param(
        MarkedTree("1", "causes", cause_mark, set(LinkStrength), LINK_LEGEND_LINE, cause_badge, True),
        id="causes-link-marks-never-advice",
    ),
    pytest.param(
        MarkedTree(
            "2", "treatments", treatment_mark, set(Policy), POLICY_LEGEND_LINE, treatment_badge, False
        ),
        id="treatments-policy-marks",
    ),
]


@pytest.mark.parametrize("case", TREES)
async def test_each_tree_marks_its_items_and_has_a_legend(
    make_app: MakeApp, wait_loaded: WaitLoaded, case: MarkedTree
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        await open_tab(pilot, case.key, case.tab_id)
        tab = app.query_one(f"#{case.tab_id}-tab")
        tree: Tree[Item] = tab.query_one(Tree)
        seen: set[object] = set()
        for node in leaves(tree):
            label = str(node.label)
            if case.not_advice:
                assert not set(label.split(" ", 1)[0]) & ADVICE_MARKS, label
            mark, stands_for = case.mark(node.data)
            assert node.data is not None and label == f"{mark} {node.data.title}"
            if stands_for is not None:
                seen.add(stands_for)
        assert seen == case.every_kind
        assert rendered(tab.query_one(".tree-legend", Static)) == case.legend

        # In the pane: the item's own badge first. Every cause and key point is shown there, with no advice
        # badge and no advice words in the badges; of the treatments, the one the tab opens with.
        view = tab.query_one(ItemView)
        for item in [node.data for node in leaves(tree)] if case.not_advice else [view.item]:
            if view.item is not item:
                view.item = item
                await settle(pilot)
            badges = [rendered(badge) for badge in view.query(".badge").results(Static)]
            if case.not_advice:
                assert not any(word in badge for badge in badges for word in ADVICE_WORDS), badges
                assert not view.query(".not-advised")
            expected = case.badge(item)
            if expected is not None:
                assert badges[0] == expected


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
        await press(pilot, "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = rendered(app.screen.query_one("#help-marks", Static))
        assert text == marks_help()
        for policy in Policy:
            assert f"{POLICY_MARKERS[policy]}" in text and POLICY_LABELS[policy] in text
        for link in LinkStrength:
            assert f"{LINK_MARKERS[link]}  {LINK_LABELS[link]}" in text
