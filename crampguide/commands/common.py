"""What several commands share: finding and loading the content pack, reporting content errors."""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from crampguide.guide.errors import ContentError
from crampguide.paths import bundled_content_dir, cache_dir
from crampguide.safe_text import one_line

if TYPE_CHECKING:
    from crampguide.guide.models import Guide
    from crampguide.store import Store


def content_dir(args: object) -> Path:
    """`--content` if given (parsed arguments or the app's defaults), else the bundled pack."""
    chosen: Path | None = getattr(args, "content", None)
    return chosen if chosen is not None else bundled_content_dir()


def load_or_report(directory: Path, *, cached: bool = True) -> Guide | None:
    """Load the guide, or print one line per problem on stderr and return None (the caller exits 1).

    `cached` (the default): from the validated-content cache when it is current, as the app loads it, without
    Pydantic. `cached=False` (for `validate`) always checks the pack itself.
    """
    from crampguide.guide.cache import load

    try:
        return load(directory, cache_dir() if cached else None)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"crampguide: {len(error.problems)} problem(s) in content at {directory}", file=sys.stderr)
        return None


def print_warnings(store: Store) -> None:
    """The store's messages on stderr, one line each; once printed they count as seen."""
    from crampguide.store import StoreError

    messages = store.pop_warnings()
    for message in messages:
        print(f"crampguide: {one_line(message)}", file=sys.stderr)
    with suppress(StoreError):  # a read-only folder: they are said again next time, which is no harm
        store.mark_seen(messages)


def write_stdout(text: str) -> bool:
    """Write and flush `text`; on failure (a full disk, a closed pipe) say so in one line and return False.

    Once stdout has failed nothing more can reach it, so it is pointed at the null device: the interpreter's
    own flush at exit then has nothing to complain about, and no traceback follows the one line.
    """
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as error:
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
        except (OSError, ValueError):
            pass
        if not isinstance(error, BrokenPipeError):  # the reader left, as `| head` does: nothing to say
            print(f"crampguide: cannot write to standard output: {error.strerror or error}", file=sys.stderr)
        return False
    return True
