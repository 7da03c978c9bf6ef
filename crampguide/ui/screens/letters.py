"""A marker for screens where letter keys are typing or answers, not the app's shortcuts."""

from __future__ import annotations


class TakesLetters:
    """Mixed into a screen (a form, a yes/no question): the app turns its first-aid key off there, since `c`
    may be typed and work would be lost. A class, so the check is an `isinstance`, not a name looked up."""
