"""The Diary tab's "Is it working for you?" panel: the try, then every checklist item's two counts.

Everything shown is worded by the core (`crampguide.compare`, `crampguide.trial`), so the panel, the export
and the tests say the same thing. It reads without colour: headings are bold, items are bulleted and
indented, and checklist text is shown as typed, never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from crampguide import trial as trial_logic
from crampguide.compare import CAUTION, Comparison
from crampguide.diary import long_date
from crampguide.trial import Trial, TrialResult


@dataclass(frozen=True)
class PanelKeys:
    """The keys in force (remaps included) that the panel names."""

    plan: str = "p"
    stop: str = "x"
    back: str = "v"


@dataclass(frozen=True)
class TryView:
    """The latest try with what the panel needs to tell it: its item's text and its result tonight."""

    trial: Trial
    item_text: str
    result: TrialResult
    tonight: date


class Block(Static):
    """One paragraph of the panel; `classes` set its indent and weight, so wrapped lines stay indented."""


def panel_blocks(
    comparisons: Sequence[Comparison], start: date, shown: TryView | None, keys: PanelKeys = PanelKeys()
) -> list[Block]:
    """The panel as paragraphs: heading, what counts, the try, each checklist's items, the caution."""
    blocks = [
        Block(Content("Is it working for you?"), classes="compare-heading"),
        Block(
            Content(
                f"Nights with and without each habit, from the night of {long_date(start)} to last night. "
                "A night counts once it is over, from your first entry or tick on."
            )
        ),
    ]
    blocks += _try_blocks(shown, keys)
    checklist_id = None
    for comparison in comparisons:
        if comparison.checklist_id != checklist_id:
            checklist_id = comparison.checklist_id
            blocks.append(Block(Content(comparison.checklist_title), classes="compare-heading"))
        blocks.append(Block(Content(f"• {comparison.item_text}"), classes="compare-item"))
        blocks.append(Block(Content(comparison.in_words()), classes="compare-words"))
    blocks.append(Block(Content(CAUTION), classes="compare-caution"))
    blocks.append(
        Block(Content(f"{keys.plan} plan a try · {keys.back} back to the entries"), classes="compare-keys")
    )
    return blocks


def _try_blocks(shown: TryView | None, keys: PanelKeys) -> list[Block]:
    if shown is None:
        no_try = (
            f"No try yet. Press {keys.plan} to plan one: some weeks doing one habit and some weeks "
            "leaving it out, in an order drawn at random, then compare the nights."
        )
        return [Block(Content(no_try), classes="compare-no-try")]
    t, result = shown.trial, shown.result
    lines = [
        trial_logic.tonight_line(t, shown.item_text, shown.tonight),
        f"Plan: {trial_logic.plan_summary(t)}",
    ]
    blocks = [
        Block(Content(f"Your try: {shown.item_text}"), classes="compare-heading"),
        Block(Content("\n".join(lines))),
        Block(Content(result.heading()), classes="compare-item"),
    ]
    words = [line for line in result.lines() if line != CAUTION]  # the caution is said once, at the end
    blocks.append(Block(Content("\n".join(words)), classes="compare-words"))
    if t.running(shown.tonight):
        blocks.append(Block(Content(f"{keys.stop} stops the try"), classes="compare-keys"))
    return blocks


class ComparisonsPanel(VerticalScroll):
    """A scrollable view of `panel_blocks`; focusable so the arrow keys scroll it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.can_focus = True

    def show(
        self, comparisons: Sequence[Comparison], start: date, shown: TryView | None, keys: PanelKeys
    ) -> None:
        """Replace the paragraphs; one batch, so the panel is never drawn half rebuilt."""
        with self.app.batch_update():
            self.remove_children()
            self.mount_all(panel_blocks(comparisons, start, shown, keys))
