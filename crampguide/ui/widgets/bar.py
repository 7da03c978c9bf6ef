"""A progress bar drawn from one number: no timer, no time estimate, nothing running between updates.

Textual's ProgressBar refreshes its estimate once a second from a timer it starts on mount. A countdown
already repaints once a second, so this bar repaints only when its own fraction changes.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

FULL = "━"
HALF = "╸"


class Bar(Widget):
    """`update(total=..., progress=...)` as on Textual's bar; with `show_percentage` the percent follows."""

    DEFAULT_CSS = """
    Bar {
        width: 1fr;
        height: 1;
    }
    """

    fraction: reactive[float] = reactive(0.0)

    def __init__(self, *, show_percentage: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.show_percentage = show_percentage

    def validate_fraction(self, fraction: float) -> float:
        return min(1.0, max(0.0, fraction))

    def update(self, *, total: float, progress: float) -> None:
        self.fraction = progress / total if total > 0 else 0.0

    @property
    def percent(self) -> int:
        return round(self.fraction * 100)

    def render(self) -> RenderResult:
        label = f" {self.percent:>3}%" if self.show_percentage else ""
        width = max(0, self.content_size.width - len(label))
        halves = round(self.fraction * width * 2)
        filled = FULL * (halves // 2) + (HALF if halves % 2 else "")
        done = "$success" if self.fraction >= 1 else "$primary"
        return Content.assemble((filled, done), (FULL * (width - len(filled)), "$surface-lighten-2"), label)
