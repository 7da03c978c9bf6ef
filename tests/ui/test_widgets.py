"""The app's own small widgets, checked by what they draw."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType

from crampguide.ui.widgets.bar import FULL, HALF, Bar
from crampguide.ui.widgets.key_hints import KeyHints
from ui.pilot_steps import settle


def filled_cells(bar: Bar) -> int:
    """How many cells from the left share the first cell's colour (the filled part of the bar)."""
    segments = list(bar.render_line(0))
    first = segments[0].style.color if segments[0].style else None
    count = 0
    for segment in segments:
        if (segment.style.color if segment.style else None) != first:
            break
        count += len(segment.text)
    return count


class BarApp(App[None]):
    CSS = "Bar { width: 25; }"

    def compose(self) -> ComposeResult:
        yield Bar(id="with-percent")
        yield Bar(show_percentage=False, id="plain")


async def test_the_bar_draws_its_fraction_and_percent() -> None:
    app = BarApp()
    async with app.run_test(size=(40, 4)) as pilot:
        with_percent, plain = app.query_one("#with-percent", Bar), app.query_one("#plain", Bar)
        with_percent.update(total=4, progress=1)
        plain.update(total=10, progress=5)
        await settle(pilot)
        text = with_percent.render_line(0).text
        assert text == FULL * 20 + "  25%"
        assert filled_cells(with_percent) == 5  # 5 of the 20 cells left of the percent, in the bar's colour
        assert plain.render_line(0).text == FULL * 12 + HALF + FULL * 12
        assert plain.percent == 50
        plain.update(total=50, progress=1)  # one cell of 25 is two halves: 0.5 of a cell shows as a half
        await settle(pilot)
        assert plain.render_line(0).text.startswith(HALF)
        plain.update(total=0, progress=3)  # nothing to do yet: empty, not a division by zero
        plain.update(total=2, progress=9)  # more than done: full, not past the end
        assert plain.fraction == 1.0


class HintsApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "bell", "Alpha"),
        Binding("b", "bell", "Beta, the same action", show=True),
        Binding("c", "bell_twice", "Gamma with a long description"),
        Binding("d", "nothing", "Hidden", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield KeyHints()

    def action_bell_twice(self) -> None:
        self.bell()


async def test_the_footer_shows_each_action_once_and_cuts_with_an_ellipsis() -> None:
    app = HintsApp()
    async with app.run_test(size=(80, 3)) as pilot:
        await settle(pilot)
        line = app.query_one(KeyHints).render_line(0).text
        assert "a Alpha" in line and "c Gamma with a long description" in line
        assert "Beta" not in line and "Hidden" not in line
        assert line.rstrip().endswith("^p palette")
    narrow = HintsApp()
    async with narrow.run_test(size=(30, 3)) as pilot:
        await settle(pilot)
        line = narrow.query_one(KeyHints).render_line(0).text
        assert "…" in line and line.rstrip().endswith("^p palette")
