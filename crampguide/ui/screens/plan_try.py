"""The dialog that plans a try: which checklist item, how many weeks, and the plan drawn before it starts.

The order of do and skip weeks is drawn once, when the dialog opens, and the whole plan is shown before the
user agrees to it; changing the item or the length keeps that order. The dialog only returns the plan: the
tab saves it through the store, which refuses a second try while one runs.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select, Static

from crampguide import trial as trial_logic
from crampguide.guide.models import Checklist
from crampguide.trial import Trial
from crampguide.ui.screens.letters import TakesLetters

# The default: the item the trial evidence is about (Hallegraeff 2012), when the content has it.
DEFAULT_ITEM = ("at-bedtime", "bedtime-stretch")
WEEK_CHOICES = tuple(range(trial_logic.MIN_WEEKS, trial_logic.MAX_WEEKS + 1, 2))

INTRO = (
    "Do one habit in some weeks, leave it out in the others, then compare the nights. A random order "
    "makes the two sides fairer than nights you happened to pick."
)

ItemKey = tuple[str, str]  # (checklist id, item id)


class PlanTryScreen(TakesLetters, ModalScreen[Trial | None]):
    """Dismisses with the plan to start, or None on cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="plan-try-cancel"),
        Binding("ctrl+s", "start", "Start", id="plan-try-start"),
    ]

    def __init__(
        self,
        checklists: Sequence[Checklist],
        tonight: date,
        rng: random.Random,
        item: ItemKey | None = None,
    ) -> None:
        """`item` chooses the item shown first; otherwise the bedtime stretch, or the first item."""
        super().__init__()
        self.choices: list[tuple[str, ItemKey]] = [
            (f"{checklist.title}: {entry.text}", (checklist.id, entry.id))
            for checklist in checklists
            for entry in checklist.items
        ]
        keys = [key for _, key in self.choices]
        self.item = next((key for key in (item, DEFAULT_ITEM) if key in keys), keys[0] if keys else None)
        self.tonight = tonight
        self.first = rng.choice((trial_logic.Phase.DO, trial_logic.Phase.SKIP))
        self.weeks = trial_logic.DEFAULT_WEEKS

    def compose(self) -> ComposeResult:
        with Vertical(id="plan-try-dialog", classes="dialog"):
            yield Static("Plan a try", classes="dialog-title")
            with VerticalScroll(id="plan-try-fields"):
                yield Static(Content(INTRO), classes="form-hint")
                with Horizontal(classes="form-row"):
                    yield Label("Habit", classes="form-label")
                    yield Select[ItemKey](
                        [(Content(label), key) for label, key in self.choices],
                        allow_blank=False,
                        value=self.item if self.item is not None else Select.NULL,
                        compact=True,
                        id="plan-try-item",
                    )
                with Horizontal(classes="form-row"):
                    yield Label("Weeks", classes="form-label")
                    yield Select[int](
                        [(f"{weeks} weeks", weeks) for weeks in WEEK_CHOICES],
                        allow_blank=False,
                        value=self.weeks,
                        compact=True,
                        id="plan-try-weeks",
                    )
                yield Static(id="plan-try-plan")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start the try", id="plan-try-start", variant="primary")
                yield Button("Cancel (esc)", id="plan-try-cancel")

    def on_mount(self) -> None:
        self._show_plan()
        self.query_one("#plan-try-start", Button).focus()

    def plan(self) -> Trial | None:
        """The plan as chosen so far; None when the content has no checklist items."""
        if self.item is None:
            return None
        checklist_id, item_id = self.item
        return Trial(checklist_id, item_id, self.tonight, self.weeks, self.first)

    def _show_plan(self) -> None:
        planned = self.plan()
        text = "There is no checklist item to try." if planned is None else self._plan_text(planned)
        self.query_one("#plan-try-plan", Static).update(Content(text))
        self.query_one("#plan-try-start", Button).disabled = planned is None

    @staticmethod
    def _plan_text(planned: Trial) -> str:
        lines = trial_logic.plan_lines(planned)
        return "\n".join([lines[0], *(f"  {line}" for line in lines[1:])])

    @on(Select.Changed, "#plan-try-item")
    def _item_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, tuple):
            self.item = event.value
            self._show_plan()

    @on(Select.Changed, "#plan-try-weeks")
    def _weeks_changed(self, event: Select.Changed) -> None:
        event.stop()
        if isinstance(event.value, int):
            self.weeks = event.value
            self._show_plan()

    @on(Button.Pressed, "#plan-try-start")
    def _start_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    @on(Button.Pressed, "#plan-try-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_start(self) -> None:
        planned = self.plan()
        if planned is not None:
            self.dismiss(planned)

    def action_cancel(self) -> None:
        self.dismiss(None)
