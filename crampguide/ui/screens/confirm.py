"""A yes/no question before something that cannot be undone; "No" is focused, so a stray enter is safe.

The question and its detail may hold the user's own text (a diary note): both are shown as typed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from crampguide.ui.screens.letters import TakesLetters


class ConfirmScreen(TakesLetters, ModalScreen[bool]):
    """Dismisses with True for yes; escape, n and the no button give False."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,n", "dismiss(False)", "No", id="confirm-no"),
        Binding("y", "dismiss(True)", "Yes", id="confirm-yes"),
    ]

    def __init__(self, question: str, detail: str = "", *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(Content(self.question), classes="dialog-title", id="confirm-question")
            if self.detail:
                yield Static(Content(self.detail), id="confirm-detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button(
                    Content(f"{self.yes_label} (y)"),
                    id="confirm-yes",
                    variant="error",
                    action="screen.dismiss(True)",
                )
                yield Button(
                    Content(f"{self.no_label} (n)"),
                    id="confirm-no",
                    variant="primary",
                    action="screen.dismiss(False)",
                )

    def on_mount(self) -> None:
        self.query_one("#confirm-no", Button).focus()
