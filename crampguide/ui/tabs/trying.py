"""Planning and stopping a try, the same from the Prevention and the Diary tab.

Both tabs bind `p` and `x` to the same binding ids (one remap in settings covers both) and hand the work to
a `TryControls`, so the dialog, the one-at-a-time rule's message and the confirmation exist once.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.widget import Widget

from crampguide.checklist import item_text
from crampguide.store import StoreError
from crampguide.trial import Phase, Trial
from crampguide.ui.screens.confirm import ConfirmScreen
from crampguide.ui.screens.plan_try import PlanTryScreen

if TYPE_CHECKING:
    from crampguide.ui.services import Services


class TryControls:
    """`plan()` opens the dialog and saves the try; `stop()` asks, then stops it. `on_change` redraws."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "plan_try", "Plan a try", id="try-plan"),
        Binding("x", "stop_try", "Stop try", id="try-stop"),
    ]

    def __init__(
        self, tab: Widget, services: Services, rng: random.Random, on_change: Callable[[], None]
    ) -> None:
        self.tab = tab
        self.services = services
        self.rng = rng  # tests put a fixed one here
        self.on_change = on_change
        self.latest: Trial | None = None  # as last drawn, with `tonight`
        self.tonight: date | None = None

    @property
    def running(self) -> bool:
        return self.latest is not None and self.tonight is not None and self.latest.running(self.tonight)

    def item_text(self, trial: Trial) -> str:
        """The tried item's words from the content; its id if a content update removed it."""
        return item_text(self.services.guide.checklists, trial.checklist_id, trial.item_id)

    def plan(self) -> None:
        store = self.services.store
        try:
            tonight = store.tonight()
            latest = store.latest_try()
        except StoreError as error:
            self._report(str(error), title="Your data", severity="error")
            return
        if latest is not None and latest.running(tonight):
            self._report(
                f"Your try of “{self.item_text(latest)}” is running until the night of {latest.end:%d %b}. "
                f"Stop it first ({self.services.shell.key_hint('try-stop')}) to plan another.",
                title="One try at a time",
                severity="warning",
            )
            return
        checklists = self.services.guide.checklists
        self.tab.app.push_screen(PlanTryScreen(checklists, tonight, self.rng), self._planned)

    def _planned(self, planned: Trial | None) -> None:
        if planned is None:
            return
        store = self.services.store

        def started(trial: Trial) -> None:
            kind = "do" if trial.phase(trial.start) is Phase.DO else "skip"
            self._report(f"Try started: tonight is a “{kind}” night.", title="A try")
            self.on_change()

        # A failure (another window started one meanwhile, a read-only folder) is reported by the shell.
        self.services.shell.save(
            lambda: store.start_try(planned), then=started, failed=lambda _: self.on_change()
        )

    def stop(self) -> None:
        latest = self.latest
        if latest is None or not self.running:
            self._report("No try is running.")
            return
        self.tab.app.push_screen(
            ConfirmScreen(
                "Stop the try?",
                f"Your try of “{self.item_text(latest)}” ends tonight. Its nights so far are kept, "
                "with their result, and you can plan another.",
                yes="Stop it",
                no="Keep going",
            ),
            self._stopped,
        )

    def _stopped(self, yes: bool | None) -> None:
        if not yes:
            return

        def stopped(_: Trial | None) -> None:
            self._report("Try stopped. Its result so far is in the Diary tab.", title="A try")
            self.on_change()

        self.services.shell.save(
            self.services.store.stop_try, then=stopped, failed=lambda _: self.on_change()
        )

    def _report(self, message: str, *, title: str = "", severity: SeverityLevel = "information") -> None:
        self.services.shell.report(message, title=title, severity=severity, timeout=8)
