"""Steps several Pilot tests share."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot
from textual.widget import Widget


async def reveal(pilot: Pilot[Any], widget: Widget, *, attempts: int = 20) -> None:
    """Scroll `widget` into view and wait until the screen keeps it under its centre, so a click lands on it.

    `scroll_visible` takes effect on a later refresh, and a screen may scroll itself after a change (the
    Triage tab returns to the top once an outcome is drawn): a click aimed before both hits what was there.
    """
    in_view = 0
    for _ in range(attempts):
        if in_view == 0:
            widget.scroll_visible(animate=False)
        await pilot.pause()
        region = widget.region
        under = region.area and pilot.app.screen.get_widget_at(*region.center)[0] is widget
        in_view = in_view + 1 if under else 0
        if in_view == 3:  # still there three refreshes on: nothing queued has scrolled it away again
            return
    raise AssertionError(f"{widget!r} never stayed in view")


async def until(pilot: Pilot[Any], done: Callable[[], bool], *, attempts: int = 200) -> None:
    """Let the app run until `done()` holds: a click's action, like a tab switch, may take a few refreshes."""
    for _ in range(attempts):
        if done():
            return
        await pilot.pause()
    assert done()


def counted(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> Callable[[], int]:
    """Count the calls to `owner.name` from now on (a store read, say); returns how many so far."""
    real = getattr(owner, name)
    calls: list[None] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(None)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return lambda: len(calls)


_SVG_TEXT = re.compile(
    r'<text [^>]*?x="(?P<x>[0-9.]+)"[^>]*?textLength="(?P<length>[0-9.]+)"'
    r'[^>]*?line-(?P<line>[0-9]+)\)"[^>]*>(?P<text>[^<]*)</text>'
)


def screen_text(app: App[Any]) -> str:
    """What the terminal shows now, as plain text lines, read from Textual's public screenshot (an SVG).

    The screenshot holds each run of text with its cell column and line; blank runs are left out, so the
    gaps are filled with spaces again. Each line also ends in a run holding the line break itself.
    """
    lines: dict[int, list[tuple[int, str]]] = {}
    for match in _SVG_TEXT.finditer(app.export_screenshot()):
        text = html.unescape(match["text"]).replace("\xa0", " ")
        if text == "\n":
            continue
        cell_width = float(match["length"]) / cell_len(text)
        column = round(float(match["x"]) / cell_width)
        lines.setdefault(int(match["line"]), []).append((column, text))
    shown: list[str] = []
    for number in range(app.size.height):
        line = ""
        for column, text in sorted(lines.get(number, [])):
            line += " " * max(0, column - cell_len(line)) + text
        shown.append(line)
    return "\n".join(shown)
