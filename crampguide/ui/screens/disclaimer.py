"""The disclaimer, shown on first run with the accept button focused, so enter accepts it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from crampguide.guide.models import Disclaimer
from crampguide.ui.text import prose


class DisclaimerScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close", id="disclaimer-close")]

    def __init__(self, disclaimer: Disclaimer, *, first_run: bool) -> None:
        super().__init__()
        self.disclaimer = disclaimer
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        with Vertical(id="disclaimer-dialog", classes="dialog"):
            yield Static(Content(self.disclaimer.title), classes="dialog-title")
            with VerticalScroll():
                yield Static(prose(self.disclaimer.body), id="disclaimer-body")
            with Horizontal(classes="dialog-buttons"):
                label = "I understand" if self.first_run else "Close"
                yield Button(label, id="accept", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#accept", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(True)

    def action_close(self) -> None:
        # Escape closes it without accepting on first run, so it shows again next time.
        self.dismiss(not self.first_run)
