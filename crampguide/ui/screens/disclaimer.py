"""The disclaimer, shown on first run with the accept button focused, so enter accepts it.

What to do in an emergency comes first, above the rest and always in view: the disclaimer's paragraph that
names the emergency number is lifted out of the body. The arrow and page keys scroll the body while the
button keeps focus, so it can be read in full before accepting.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from crampguide.guide.models import Disclaimer
from crampguide.prose import Block, parse
from crampguide.ui.text import render_blocks


def emergency_first(body: str) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """(the blocks about an emergency, the others), each in their order."""
    blocks = parse(body)

    def urgent(block: Block) -> bool:
        return "emergency" in "".join(span.text for span in block.spans).lower()

    return tuple(b for b in blocks if urgent(b)), tuple(b for b in blocks if not urgent(b))


class DisclaimerScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="disclaimer-close"),
        Binding("down", "scroll('down')", "Scroll down", show=False),
        Binding("up", "scroll('up')", "Scroll up", show=False),
        Binding("pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
    ]

    def __init__(self, disclaimer: Disclaimer, *, first_run: bool) -> None:
        super().__init__()
        self.disclaimer = disclaimer
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        urgent, rest = emergency_first(self.disclaimer.body)
        with Vertical(id="disclaimer-dialog", classes="dialog"):
            yield Static(Content(self.disclaimer.title), classes="dialog-title")
            if urgent:
                yield Static(render_blocks(urgent), classes="emergency-line", id="disclaimer-emergency")
            with VerticalScroll(id="disclaimer-scroll"):
                yield Static(render_blocks(rest), id="disclaimer-body")
            with Horizontal(classes="dialog-buttons"):
                label = "I understand" if self.first_run else "Close"
                yield Button(label, id="accept", variant="primary", action="screen.dismiss(True)")

    def on_mount(self) -> None:
        self.query_one("#accept", Button).focus()

    def action_scroll(self, direction: str) -> None:
        scroll = self.query_one("#disclaimer-scroll", VerticalScroll)
        moves = {
            "down": scroll.scroll_down,
            "up": scroll.scroll_up,
            "page_down": scroll.scroll_page_down,
            "page_up": scroll.scroll_page_up,
        }
        moves[direction](animate=False)

    def action_close(self) -> None:
        # Escape closes it without accepting on first run, so it shows again next time.
        self.dismiss(not self.first_run)
