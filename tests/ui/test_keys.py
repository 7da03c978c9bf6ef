"""The `[keys]` check: unknown ids, key names Textual cannot match, and remaps that leave no way to quit."""

from __future__ import annotations

import pytest
from textual.binding import Binding

from crampguide.ui.keys import check_keymap, keys_in_force, normalise_key

ANYWHERE = [
    Binding("c", "cramp_now", "Cramp now", id="cramp-now"),
    Binding("question_mark,f1", "help", "Help", id="help"),
    Binding("q", "quit", "Quit", id="quit"),
]
ELSEWHERE = [
    Binding("space", "toggle_pause", "Pause", id="stretch-pause"),
    Binding("escape,q", "x", id="help-close"),
]


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("x", "x"),
        ("?", "question_mark"),
        ("[", "left_square_bracket"),
        (" f2 ", "f2"),
        ("ctrl+s", "ctrl+s"),
        ("ctrl+?", "ctrl+question_mark"),
        ("space", "space"),
        ("+", "plus_sign"),
        ("question_mark", "question_mark"),
        ("shift+pageup", "shift+pageup"),
    ],
)
def test_key_names_textual_matches(typed: str, named: str) -> None:
    assert normalise_key(typed) == named


@pytest.mark.parametrize("typed", ["", "ctrl+", "shift+nope", "nope", "control+s", "ctrl+f99x", "\x1b"])
def test_key_names_textual_cannot_match(typed: str) -> None:
    assert normalise_key(typed) is None


def test_good_remaps_are_kept_with_keys_as_textual_names_them() -> None:
    check = check_keymap({"cramp-now": "f2", "help": "?, f1", "stretch-pause": "p"}, ANYWHERE, ELSEWHERE)
    assert check.keymap == {"cramp-now": "f2", "help": "question_mark,f1", "stretch-pause": "p"}
    assert check.problems == ()


def test_unknown_ids_and_bad_keys_are_left_out_and_named() -> None:
    check = check_keymap({"no-such": "x", "help": "ctrl+nope", "cramp-now": ","}, ANYWHERE, ELSEWHERE)
    assert check.keymap == {}
    assert len(check.problems) == 3
    assert "'no-such'" in check.problems[0]
    assert "ctrl+nope" in check.problems[1]


def test_a_remap_that_leaves_no_way_to_quit_is_refused() -> None:
    # Quit moved onto first aid's key, and first aid onto Textual's own ctrl+q: nothing would quit.
    check = check_keymap({"quit": "x", "cramp-now": "ctrl+q,x"}, ANYWHERE, ELSEWHERE)
    assert "quit" not in check.keymap
    assert check.keymap == {"cramp-now": "ctrl+q,x"}
    assert any("no key to quit" in problem for problem in check.problems)


def test_a_key_taken_in_one_dialog_still_quits_elsewhere() -> None:
    check = check_keymap({"quit": "escape", "cramp-now": "ctrl+q"}, ANYWHERE, ELSEWHERE)
    assert check.keymap == {"quit": "escape", "cramp-now": "ctrl+q"}
    assert check.problems == ()


def test_keys_in_force_follow_the_remap() -> None:
    assert keys_in_force(ANYWHERE[1], {}) == ["question_mark", "f1"]
    assert keys_in_force(ANYWHERE[1], {"help": "f3"}) == ["f3"]
