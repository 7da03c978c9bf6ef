"""Help: every key in force (after the user's remapping), and a way back to the disclaimer."""

from __future__ import annotations

import importlib
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from crampguide.ui.labels import marks_help

INTRO = (
    "crampguide is an offline guide for night-time calf cramps. Press c at any time to start cramp first aid."
)

TAB_KEYS_NOTE = (
    "Inside a tab: arrows move, enter selects. Triage: y / n answer, b goes back, r restarts. "
    "Stretch: space pauses, n / p move by exercise, e says it eased, a restarts, escape stops, m mutes the "
    "bell; first aid asks the leg with l / r / b. "
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
                yield Static(Content.from_markup("[b]Marks[/b]"), classes="help-marks-title")
                yield Static(Content(marks_help()), id="help-marks")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Show the disclaimer", id="show-disclaimer")
                yield Button("Close", id="close", variant="primary")

    def _key_table(self) -> str:
        """Every key, grouped by where it works, as remapped by the user's `[keys]` settings."""
        from crampguide.ui.app import TABS

        app = self.app
        overrides: dict[str, str] = getattr(app, "key_overrides", {})
        sections: list[tuple[str, list[BindingType]]] = [("Anywhere", list(app.BINDINGS))]
        for tab in TABS:
            cls = getattr(importlib.import_module(tab.module), tab.cls)
            if legend := cls.key_legend():
                sections.append((tab.title, list(legend)))
        lines: list[str] = []
        for title, bindings in sections:
            lines.append(f"[b]{title}[/b]")
            for binding in bindings:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                keys = overrides.get(binding.id or "", binding.key) if binding.id else binding.key
                shown = " / ".join(
                    app.get_key_display(Binding(key.strip(), binding.action)) for key in keys.split(",")
                )
                lines.append(f"  {shown:<12} {binding.description}")
            if title == "Anywhere":
                lines.append(
                    f"  {app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, '')):<12} Command palette"
                )
            lines.append("")
        return "\n".join(lines)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss()
        if event.button.id == "show-disclaimer":
            show = getattr(self.app, "show_disclaimer", None)
            if show is not None:
                show()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
