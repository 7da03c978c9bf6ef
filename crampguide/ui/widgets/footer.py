"""Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """Textual's footer rebuilds all its keys on every bindings change, and focus moves are bindings changes:
    at start-up that is a dozen rebuilds in a row, most of them showing the same keys. This one skips a
    rebuild when nothing it would show has changed."""

    _shown: Hashable = None

    async def recompose(self) -> None:
        if self._bindings_ready and self._keys_shown(self.screen) == self._shown:
            return
        await super().recompose()

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys_shown(self.screen)
        yield from super().compose()

    def _keys_shown(self, screen: Screen[object]) -> Hashable:
        """Everything of the active bindings that the footer draws (the key as remapped, too)."""
        return tuple(
            (binding.key, binding.key_display, binding.description, binding.action, enabled, tooltip)
            for _, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING
        )
