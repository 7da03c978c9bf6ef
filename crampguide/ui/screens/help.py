"""Help: every key in force (after the user's remapping), and a way back to the disclaimer."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

INTRO = (
    "crampguide is an offline guide for night-time calf cramps. "
    "Press c at any time to start cramp first aid."
)

TAB_KEYS_NOTE = (
    "Inside a tab: arrows move, enter selects. Triage: y / n answer, b goes back, r restarts. "
    "Stretch: space pauses, n / p skip, r restarts, escape stops, m mutes the bell. "
    "Prevention: space or enter ticks. Diary: a adds, e edits, d deletes."
)


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close", id="help-close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog", classes="dialog"):
            yield Static("Help", classes="dialog-title")
            with VerticalScroll():
                yield Static(INTRO, classes="help-intro")
                yield Static(self._key_table(), id="help-keys")
                yield Static(TAB_KEYS_NOTE, classes="help-note")
            with Vertical(classes="dialog-buttons"):
                yield Button("Show the disclaimer", id="show-disclaimer")
                yield Button("Close", id="close", variant="primary")

    def _key_table(self) -> str:
        """The app-wide keys as the app resolves them now, so a remapped key shows its new key."""
        app = self.app
        rows: list[str] = []
        seen: set[str] = set()
        for key, active in app.screen_stack[0].active_bindings.items():
            binding = active.binding
            if not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            keys = [k for k, a in app.screen_stack[0].active_bindings.items() if a.binding.action == binding.action]
            shown = " / ".join(app.get_key_display(Binding(k, binding.action)) for k in keys) or key
            rows.append(f"{shown:>14}  {binding.description}")
        return "\n".join(rows)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss()
        if event.button.id == "show-disclaimer":
            show = getattr(self.app, "show_disclaimer", None)
            if show is not None:
                show()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
