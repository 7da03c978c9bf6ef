"""Reading files the program did not write itself: content packs, user files, answers files, the cache.

One set of rules for all of them, so none can hang the program or fill its memory:

- only regular files are read: a FIFO, a device such as `/dev/zero` or a folder is refused before reading
  (it is opened without blocking, so a FIFO with no writer does not wait);
- the size is checked before reading, against a limit the caller chooses, and no more than that is read;
- TOML that is not UTF-8, not valid, or nested too deeply for the parser becomes one line of text.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

MiB = 1024 * 1024
MAX_CONTENT_FILE_BYTES = 4 * MiB  # one content file; the whole bundled pack is a small fraction of this
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class Refused(OSError):
    """The path is there but is not a file to read: not a regular file, or over the size limit."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.strerror = reason


class TooLarge(Refused):
    """Over the size limit; the file itself may be fine, it is just not read."""


class TomlProblem(ValueError):
    """Bytes that are not a TOML document; the message is one line for the user."""


class NotText(TomlProblem):
    """Not UTF-8 at all: binary junk rather than a TOML mistake."""


def size_text(count: int) -> str:
    if count >= MiB:
        return f"{count / MiB:.1f} MiB"
    return f"{count / 1024:.1f} KiB" if count >= 1024 else f"{count} bytes"


def read_bytes(path: Path, limit: int, *, private: bool = False) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them.

    `private` also requires that `path` is not a link and that the file is the user's own and writable by
    no one else (where the system has owners): for files whose content is trusted, such as the cache.
    Raises `FileNotFoundError` if it is missing, `Refused` (an `OSError` whose `strerror` reads well) if it is
    not a regular file, is larger than `limit` or fails `private`, and `OSError` for the rest.
    """
    flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC | _BINARY | (_NOFOLLOW if private else 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not a regular file")
        if private and hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o022):
            raise Refused("not the user's own file")
        if info.st_size > limit:
            raise TooLarge(f"too large ({size_text(info.st_size)}; at most {size_text(limit)})")
        chunks: list[bytes] = []
        total = 0
        while True:  # the file may grow while it is read: never take more than the limit
            chunk = os.read(fd, min(limit + 1 - total, 1 * MiB))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise TooLarge(f"too large (over {size_text(limit)})")
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular_file(path: Path) -> bool:
    """True for a regular file, following links; never opens or reads it."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


_TOML_POSITION = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$", re.DOTALL)


def _toml_message(error: tomllib.TOMLDecodeError) -> str:
    """`TOML syntax error at line 3, column 7: …`, from tomllib's own wording."""
    match = _TOML_POSITION.match(str(error))
    if match is None:
        return f"TOML syntax error: {error}"
    return f"TOML syntax error at line {match['line']}, column {match['col']}: {match['msg']}"


def parse_toml(raw: bytes) -> dict[str, Any]:
    """Decode and parse a TOML document; raises `TomlProblem` with one line saying what is wrong."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotText(f"not UTF-8 text (bad byte at offset {error.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlProblem(_toml_message(error)) from None
    except RecursionError:  # the parser recurses once per level of nested arrays and tables
        raise TomlProblem("TOML nested too deeply") from None
