"""Key bindings by id: the user's `[keys]` remaps checked, and the keys in force shown as a person reads them.

Textual takes a keymap (binding id → keys) and silently ignores an id it does not know or a key name it
cannot match. A remap could also take every quit key for something else. `check_keymap` finds all three
before the keymap is applied, so the app can say so once and keep the default for that binding.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.keys import Keys

QUIT_ID = "quit"
ALWAYS_QUITS = "ctrl+q"  # Textual's own quit key: no id, so no keymap can move it
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_NAMED_KEYS = frozenset(key.value.split("+")[-1] for key in Keys)

Section = tuple[str, Sequence[Binding]]


def bindings_of(declared: Iterable[BindingType]) -> list[Binding]:
    """The `Binding` objects of a BINDINGS list (tuples are never used here, and carry no id)."""
    return [binding for binding in declared if isinstance(binding, Binding)]


def _character_name(character: str) -> str | None:
    """The name Textual gives a key that types this character: "?" → "question_mark"."""
    if character.isalnum():
        return character
    if not character.isprintable():
        return None
    try:
        return unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return None


def normalise_key(text: str) -> str | None:
    """One key as Textual names it ("ctrl+s", "f1", "question_mark"), or None if it names no key."""
    text = text.strip()
    if len(text) == 1:
        return _character_name(text)
    *modifiers, base = text.split("+")
    if not base or any(modifier not in MODIFIERS for modifier in modifiers):
        return None
    if len(base) == 1:
        named = _character_name(base)
    elif base in _NAMED_KEYS:
        named = base
    else:
        try:
            character = unicodedata.lookup(base.replace("_", " "))
        except KeyError:
            return None
        named = base if len(character) == 1 and _character_name(character) == base else None
    return None if named is None else "+".join([*modifiers, named])


def split_keys(keys: str) -> list[str]:
    return [key.strip() for key in keys.split(",") if key.strip()]


@dataclass(frozen=True)
class KeymapCheck:
    keymap: dict[str, str]
    """The remaps that can be applied, keys as Textual names them."""
    problems: tuple[str, ...]
    """One line for each remap left out; the default key stays for each."""


def check_keymap(
    keymap: Mapping[str, str], anywhere: Iterable[Binding], elsewhere: Iterable[Binding] = ()
) -> KeymapCheck:
    """Keep the remaps that name a known binding and keys Textual can match, and leave a way to quit.

    `anywhere` are the app's own bindings, `elsewhere` those of tabs and dialogs. Quitting needs a key that
    no other binding of the app takes (one a single tab takes still quits from the others).
    """
    defaults: dict[str, str] = {}
    for binding in [*elsewhere, *anywhere]:
        if binding.id is not None:
            defaults[binding.id] = binding.key
    global_ids = {binding.id for binding in anywhere if binding.id is not None}
    accepted: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in keymap.items():
        if binding_id not in defaults:
            problems.append(f"{binding_id!r} is not a key binding of this app")
            continue
        named = [normalise_key(key) for key in split_keys(keys)]
        if not named or None in named:
            problems.append(f"{binding_id} = {keys!r}: not a key name (try e.g. 'x', 'ctrl+x' or 'f2')")
            continue
        accepted[binding_id] = ",".join(key for key in named if key is not None)

    def quit_keys_free() -> bool:
        in_force = {
            binding_id: {normalise_key(key) or key for key in split_keys(accepted.get(binding_id, default))}
            for binding_id, default in defaults.items()
            if binding_id in global_ids
        }
        taken = set().union(*(keys for binding_id, keys in in_force.items() if binding_id != QUIT_ID))
        return bool(({ALWAYS_QUITS} | in_force.get(QUIT_ID, set())) - taken)

    if not quit_keys_free():
        for binding_id in [QUIT_ID, *(b for b in accepted if b != QUIT_ID)]:
            if binding_id in accepted:
                problems.append(f"{binding_id} = {keymap[binding_id]!r} would leave no key to quit")
                del accepted[binding_id]
                if quit_keys_free():
                    break
    return KeymapCheck(accepted, tuple(problems))


def keys_in_force(binding: Binding, keymap: Mapping[str, str]) -> list[str]:
    """The keys that trigger a binding now: its remap if it has one, else its own."""
    remapped = keymap.get(binding.id) if binding.id is not None else None
    return split_keys(remapped if remapped is not None else binding.key)
