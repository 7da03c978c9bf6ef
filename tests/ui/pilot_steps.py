"""Steps several Pilot tests share."""

from __future__ import annotations

import asyncio
import html
import re
import string
import time
import unicodedata
from collections.abc import Callable
from typing import Any

import pytest
from rich.cells import cell_len
from textual import events
from textual.app import App
from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character
from textual.pilot import Pilot
from textual.widget import Widget

IDLE_WINDOW = 0.004
"""Seconds the app must stay quiet to count as idle: `settle` and `press` look in windows this long."""


IDLE_GIVE_UP = 1.0
"""Seconds after which `_idle` stops waiting, as Pilot's own wait does: a thread that never rests (a
worker stuck in a loop) must fail the test that caused it, not hang the run."""


async def _idle() -> None:
    """Return once a whole window passes in which this process did almost no work, or after `IDLE_GIVE_UP`.

    Pilot's own waits look in 20 ms windows, several per key; a Pilot test spent about half its time there.
    The app runs in this process, so an idle process means it has done all it can for now. A window that
    overran (the process was kept off the CPU, or the loop was busy) does not count.
    """
    give_up = time.monotonic() + IDLE_GIVE_UP
    while time.monotonic() < give_up:
        cpu, start = time.process_time(), time.monotonic()
        await asyncio.sleep(IDLE_WINDOW)
        if time.process_time() - cpu < IDLE_WINDOW / 10 and time.monotonic() - start < 3 * IDLE_WINDOW:
            return


async def settle(pilot: Pilot[Any]) -> None:
    """`pilot.pause()` in less time: wait until the app is idle; refresh the screen once every widget on
    it has handled its messages (`pause(0)`); then let what waited for that refresh (`call_after_refresh`)
    run."""
    await _idle()
    await pilot.pause(0)
    await _idle()


def _key_name(character: str) -> str:
    """Textual's name for a typed punctuation character or space: its Unicode name, some shortened."""
    name = unicodedata.name(character, character).lower().replace("-", "_").replace(" ", "_")
    return KEY_NAME_REPLACEMENTS.get(name, name)


_PUNCTUATION = {_key_name(character): character for character in string.punctuation}
"""Each ASCII punctuation character by its key name ("slash": "/", "question_mark": "?")."""


def key_event(key: str) -> events.Key:
    """The `Key` event `pilot.press(key)` sends: a key name ("enter", "ctrl+s", "slash") or one typed
    character ("a", "?")."""
    if len(key) == 1 and not key.isalnum():  # typed punctuation or a space
        return events.Key(_key_name(key), key)
    return events.Key(key, _PUNCTUATION.get(key) or key_to_character(key))


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """`pilot.press(*keys)` in less time: each key reaches the app as the `Key` event `pilot.press` sends
    (`key_event`), and the app settles after each (see `settle`). A key that recomposes a pane needs one
    more `settle` before its new layout can be measured."""
    for key in keys:
        pilot.app.post_message(key_event(key))
        await settle(pilot)


async def reveal(pilot: Pilot[Any], widget: Widget, *, attempts: int = 20) -> None:
    """Scroll `widget` into view and wait until the screen keeps it under its centre, so a click lands on it.

    `scroll_visible` takes effect on a later refresh, and a screen may scroll itself after a change (the
    Triage tab returns to the top once an outcome is drawn): a click aimed before both hits what was there.
    """
    in_view = 0
    for _ in range(attempts):
        if in_view == 0:
            widget.scroll_visible(animate=False)
        await settle(pilot)
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
        await settle(pilot)
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
