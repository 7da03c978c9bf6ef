"""What tabs and screens need from outside themselves, named by types only.

The app implements `Shell`; a tab gets `Services` and calls `services.shell`, so no tab or screen imports the
app, not even for type hints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, TypeVar

from textual.notifications import SeverityLevel
from textual.widget import Widget

if TYPE_CHECKING:
    from crampguide.guide.models import Guide
    from crampguide.store import Store

T = TypeVar("T")


class Shell(Protocol):
    """The app's side of the contract."""

    def report(
        self, message: str, *, title: str = "", severity: SeverityLevel = "information", timeout: float = 3
    ) -> None:
        """A toast whose text is shown as typed (never read as markup)."""

    def save(
        self,
        write: Callable[[], T],
        *,
        then: Callable[[T], object] | None = None,
        failed: Callable[[Exception], object] | None = None,
    ) -> None:
        """Run `write` (a store call) off the event loop, one write at a time, in order.

        On success `then(result)` runs on the event loop; a `StoreError` or `ValueError` is reported to the
        user here (the same message once only) and then passed to `failed`. Nothing a write raises crashes
        the app.
        """

    def show_store_warnings(self) -> None:
        """Show, as text, what the store has to say (a file moved aside, and where)."""

    def key_hint(self, binding_id: str) -> str:
        """The key(s) in force for a binding id, as shown on screen ("c", "? / f1"): remaps included."""

    def start_routine(self, routine_id: str) -> None:
        """Show the Stretch tab and run a routine."""

    async def show_tab(self, tab_id: str) -> Widget | None:
        """Switch to a tab by id; returns the tab's widget once built (a `GuideTab`)."""

    def begin_bedtime_look(self) -> None:
        """A bedtime routine starts: show the bedtime theme unless the user turned that off."""

    def end_bedtime_look(self) -> None:
        """The routine has ended: back to the user's own theme."""


@dataclass(frozen=True)
class Services:
    """Passed to every tab, so tests can swap the clocks."""

    guide: Guide
    store: Store
    now: Callable[[], datetime]
    monotonic: Callable[[], float]
    shell: Shell
