"""A bare Textual app with the same frame as crampguide: the baseline for the start-up benchmark.

Header, a TabbedContent with six panes holding one Static each, and a Footer. Nothing is loaded, so its first
frame is the cheapest Textual can do with these widgets.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Footer, Header, Static, TabbedContent, TabPane

TABS = (
    ("causes", "Causes"),
    ("treatments", "Treatments"),
    ("triage", "Triage"),
    ("stretch", "Stretch"),
    ("prevention", "Prevention"),
    ("diary", "Diary"),
)


class BareApp(App[None]):
    TITLE = "bare"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(initial="causes"):
            for number, (tab_id, title) in enumerate(TABS, start=1):
                with TabPane(f"{number} {title}", id=tab_id):
                    yield Static(f"{title} goes here.")
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
