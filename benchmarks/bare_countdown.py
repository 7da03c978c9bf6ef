"""A bare Textual countdown: the anchor for the timer benchmark.

Header, a `Digits` countdown that changes once a second, a stock `ProgressBar` and a Footer: what a running
routine shows at its simplest, written the plain way (one `set_interval`, two updates a tick).

    python benchmarks/bare_countdown.py [SECONDS]
"""

from __future__ import annotations

import sys
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Digits, Footer, Header, ProgressBar

DEFAULT_SECONDS = 200


class BareCountdown(App[None]):
    TITLE = "bare countdown"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit")]

    def __init__(self, seconds: int = DEFAULT_SECONDS) -> None:
        super().__init__()
        self.total = seconds
        self.left = seconds

    def compose(self) -> ComposeResult:
        yield Header()
        yield Digits(self._text(), id="countdown")
        yield ProgressBar(total=self.total, show_eta=False, id="progress")
        yield Footer()

    def on_mount(self) -> None:
        self.set_interval(1.0, self._tick)

    def _text(self) -> str:
        return f"{self.left // 60}:{self.left % 60:02d}"

    def _tick(self) -> None:
        self.left = max(0, self.left - 1)
        self.query_one("#countdown", Digits).update(self._text())
        self.query_one("#progress", ProgressBar).update(progress=self.total - self.left)


if __name__ == "__main__":
    BareCountdown(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SECONDS).run()
