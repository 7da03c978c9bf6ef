"""Key hints read from the bindings in force, so a remapped key shows as the user set it.

The stretch tab's stand-in until the app shell offers one for every screen.
"""

from __future__ import annotations

from textual.dom import DOMNode


def key_in_force(node: DOMNode, binding_id: str) -> str | None:
    """How the key bound to `binding_id` shows (as the footer shows it), or None when nothing binds it now.

    Looks along the bindings of the screen `node` is on, for the widget in focus and its ancestors, the
    screen and the app: a binding of a widget that is not focused is not in force.
    """
    app = node.app
    for active in node.screen.active_bindings.values():
        if active.binding.id == binding_id:
            return app.get_key_display(active.binding)
    return None
