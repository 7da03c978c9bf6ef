"""The bottom line of keys: what the bindings in force on this screen say, remaps included.

Built on public hooks only: the screen's `bindings_updated_signal` says when to look again, and
`Screen.active_bindings` says what is in force. It repaints only when what it shows has changed (focus moves
change the bindings many times at start-up, mostly to the same keys). A click on a key presses it.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

# What one key shows: (key to press, key as shown, description, enabled).
Hint = tuple[str, str, str, bool]


class KeyHints(Widget):
    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hints: tuple[Hint, ...] = ()
        self.palette: Hint | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is not self.screen:
            return
        hints: list[Hint] = []
        palette: Hint | None = None
        actions: set[str] = set()
        for _, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING and self.app.ENABLE_COMMAND_PALETTE:
                palette = self._hint(binding, enabled, "palette")
            elif binding.show and binding.action not in actions:
                actions.add(binding.action)  # one entry per action, as Textual's footer does
                hints.append(self._hint(binding, enabled, binding.description))
        if (tuple(hints), palette) != (self.hints, self.palette):
            self.hints, self.palette = tuple(hints), palette
            self.refresh()

    def _hint(self, binding: Binding, enabled: bool, description: str) -> Hint:
        return (binding.key, self.app.get_key_display(binding), description, enabled)

    def render(self) -> RenderResult:
        """The keys from the left, the palette's key at the right; keys that do not fit end in "…"."""
        width = self.content_size.width
        left = Content("").join(self._render_hint(hint) for hint in self.hints)
        right = self._render_hint(self.palette) if self.palette is not None else Content("")
        room = width - right.cell_length
        if left.cell_length > room:
            left = left.truncate(max(0, room - 1), ellipsis=True)
        return Content.assemble(left.truncate(room, pad=True), right)

    @staticmethod
    def _render_hint(hint: Hint) -> Content:
        key, shown, description, enabled = hint
        press = Style.from_meta({"@click": ("app.simulate_key", (key,))})
        text = Content.assemble((f" {shown} ", "bold $footer-key-foreground"), description, " ")
        # One space after each description: " c Cramp now  ? Help  t Theme", as Textual's footer reads.
        return text.stylize(press) if enabled else text.stylize("dim")
