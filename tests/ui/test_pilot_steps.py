"""The tests' own key presses (`pilot_steps.press`) send what Textual's `Pilot.press` sends."""

from __future__ import annotations

from textual import events
from textual.app import App

from ui.pilot_steps import key_event

# Every kind of key the tests press: letters, digits, named keys, punctuation typed and named.
KEYS = [
    *"aA1?/-., [",
    "enter", "escape", "tab", "backspace", "space", "down", "ctrl+s", "f2",
    "slash", "minus", "plus", "at", "underscore", "backslash", "question_mark", "comma", "full_stop",
]  # fmt: skip


class _Recorder(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, str | None]] = []

    def on_key(self, event: events.Key) -> None:
        self.seen.append((event.key, event.character))


async def test_key_event_is_the_event_pilot_press_sends() -> None:
    app = _Recorder()
    async with app.run_test() as pilot:
        for key in KEYS:
            await pilot.press(key)
    assert [(key_event(key).key, key_event(key).character) for key in KEYS] == app.seen
