"""What several commands share: finding and loading the content pack, reporting content errors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from crampguide.guide.errors import ContentError
from crampguide.paths import bundled_content_dir, cache_dir

if TYPE_CHECKING:
    from crampguide.guide.models import Guide


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
