"""Help: a key legend grouped by where keys work (after the user's remapping), the meaning of every mark, and
a way to the disclaimer.

The app passes the legend in as plain data, so this screen knows nothing of the app. Dismisses with True when
the user asks to see the disclaimer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from crampguide.labels import marks_help
from crampguide.ui.text import BOLD

# (where the keys work, [(keys as shown, what they do)])
Legend = Sequence[tuple[str, Sequence[tuple[str, str]]]]

KEY_COLUMN = 12
NAVIGATION_NOTE = "In every list and pane: the arrow keys move, enter chooses, tab goes to the next part."


class HelpScreen(ModalScreen[bool]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help-close"),
    ]

    def __init__(self, legend: Legend, *, cramp_key: str) -> None:
        super().__init__()
        self.legend = legend
        self.cramp_key = cramp_key

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static("Help", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(self._intro(), classes="help-intro")
                yield Static(legend_text(self.legend), id="help-keys")
                yield Static(NAVIGATION_NOTE, classes="help-note")
                yield Static(Content.styled("Marks", BOLD), classes="help-marks-title")
                yield Static(Content(marks_help()), id="help-marks")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Show the disclaimer", id="show-disclaimer", action="screen.dismiss(True)")
                yield Button("Close", id="close", variant="primary", action="screen.dismiss(False)")

    def _intro(self) -> Content:
        return Content.assemble(
            "crampguide is an offline guide for night-time calf cramps. Press ",
            (self.cramp_key, BOLD),
            " at any time to start cramp first aid.",
        )


def legend_text(legend: Legend) -> Content:
    """Each place as a bold heading, then one line per key; key names are shown as typed, never as markup."""
    lines: list[Content] = []
    for where, keys in legend:
        if not keys:
            continue
        if lines:
            lines.append(Content(""))
        lines.append(Content.styled(where, BOLD))
        lines.extend(Content(f"  {shown:<{KEY_COLUMN}} {description}") for shown, description in keys)
    return Content("\n").join(lines)
