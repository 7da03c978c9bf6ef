"""Textual's progress bar without its once-a-second wake-up."""

from __future__ import annotations

from textual import events
from textual.widgets import ProgressBar


class QuietProgressBar(ProgressBar):
    """Repaints only when its progress changes.

    Textual's bar starts a one-second interval on mount to refresh its time estimate. Without an estimate
    shown that is a repaint a second for nothing, out of step with the countdown's own once-a-second redraw,
    so a running routine would paint twice a second.
    """

    def _on_mount(self, event: events.Mount) -> None:
        # Textual calls one mount handler per class, subclass first; stopping here skips ProgressBar.on_mount
        # (the interval) and Widget._on_mount, which only acts on `overflow: scroll`, never set on a bar.
        event.prevent_default()
        self.update()
