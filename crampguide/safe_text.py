"""Text from outside (diary notes, file names, messages) made safe to print or to open in a spreadsheet.

A note is data: whatever bytes it holds must not move the cursor, retitle the terminal or start a formula.
Nothing is dropped; a control character is shown as its escape (`\\x1b`), so the note can still be read.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls (0x9b is a one-byte CSI on some terminals), the
# bidirectional overrides that can make text read other than it is, and lone surrogates (bytes that were not
# UTF-8 in a file name or an argument: printing them raw would fail).
_UNSAFE = "\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROL = re.compile(f"[\x00-\x08\x0b-\x1f{_UNSAFE}]")
_CONTROL_OR_BREAK = re.compile(f"[\x00-\x1f{_UNSAFE}]")
_RAW_IN_JSON = re.compile(f"[{_UNSAFE}]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character but tab and newline shown as an escape."""
    return _CONTROL.sub(_escape, text)


def one_line(text: str) -> str:
    """`text` as one printable line: newlines and tabs are escaped too."""
    return _CONTROL_OR_BREAK.sub(_escape, text)


def json_text(document: str) -> str:
    """A JSON document with the control characters JSON allows raw (C1, bidi overrides) as `\\u` escapes.

    They can only stand inside strings, where the escape means the same character: the data is unchanged.
    """
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match.group()):04x}", document)


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one that could start a formula gets a leading `'`."""
    return "'" + text if text.startswith(_FORMULA_START) else text
