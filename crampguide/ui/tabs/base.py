"""The contract between the app and its tabs."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.containers import Vertical

if TYPE_CHECKING:
    from crampguide.ui.app import CrampGuideApp, Services


class GuideTab(Vertical):
    """A tab's content. It renders state from `services` and forwards keys to the core."""

    def __init__(self, services: Services, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.services = services

    @property
    def guide_app(self) -> CrampGuideApp:
        return cast("CrampGuideApp", self.app)

    @classmethod
    def key_legend(cls) -> list[Binding]:
        """The keys Help lists for this tab; a tab whose widgets bring their own keys adds those."""
        return [binding for binding in cls.BINDINGS if isinstance(binding, Binding)]

    def focus_first(self) -> None:
        """Give focus to the tab's main control when the user switches to it."""
        first = next((widget for widget in self.query("*") if widget.focusable), None)
        if first is not None:
            first.focus()

    def show_item(self, item_id: str) -> None:
        """Select an item by id (used by the command palette); tabs without items ignore it."""
