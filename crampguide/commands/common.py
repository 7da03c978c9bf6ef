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
    """Write and flush `text`; False, after one line on stderr, if stdout cannot take it (a full disk).

    A reader that left early (`| head`) is not an error: nothing is said and the answer is True.
    """
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        stdout_to_null()
    except OSError as error:
        stdout_to_null()
        print(f"crampguide: cannot write to standard output: {error.strerror or error}", file=sys.stderr)
        return False
    return True


def stdout_to_null() -> None:
    """Point stdout at the null device once it has failed or its reader has gone.

    Nothing more can reach the old stdout; what is still written goes nowhere, and the interpreter's own flush
    at exit has nothing to complain about, so no traceback follows.
    """
    with suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
