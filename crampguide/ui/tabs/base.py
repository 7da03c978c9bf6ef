"""The contract between the app and its tabs."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical

from crampguide.ui.keys import bindings_of
from crampguide.ui.services import Services


class GuideTab(Vertical):
    """A tab's content. It renders state from `services` and forwards keys to the core.

    Everything it needs from the app goes through `services.shell`; a tab never imports the app.
    """

    def __init__(self, services: Services, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.services = services

    @classmethod
    def key_legend(cls) -> list[Binding]:
        """The keys Help lists for this tab; a tab whose widgets bring their own keys adds those."""
        return bindings_of(cls.BINDINGS)

    def focus_first(self) -> None:
        """Give focus to the tab's main control when the user switches to it."""
        first = next((widget for widget in self.query("*") if widget.focusable), None)
        if first is not None:
            first.focus()

    def shown_again(self) -> None:
        """The user has come back to this tab from another: redraw what may have changed meanwhile (ticks
        and entries saved elsewhere). A tab is built the first time it is shown, and draws then."""

    def show_item(self, item_id: str) -> None:
        """Select an item by id (used by the command palette); tabs without items ignore it."""
