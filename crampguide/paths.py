"""Where content and user data live. The one place that decides either."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "CRAMPGUIDE_DATA_DIR"
CACHE_DIR_ENV = "CRAMPGUIDE_CACHE_DIR"


def bundled_content_dir() -> Path:
    """The content pack that ships with the program.

    An installed wheel carries it as `crampguide/_content`; a source checkout has it at the top level.
    """
    package = Path(__file__).resolve().parent
    packaged = package / "_content"
    if packaged.is_dir():
        return packaged
    return package.parent / "content"


def data_dir(override: Path | None = None) -> Path:
    """User data folder: `--data-dir`, else `$CRAMPGUIDE_DATA_DIR`, else the platform's user data dir."""
    if override is not None:
        return override
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env)
    import platformdirs

    return platformdirs.user_data_path("crampguide", appauthor=False)


def cache_dir() -> Path:
    """Where validated content is cached: `$CRAMPGUIDE_CACHE_DIR`, else the platform's user cache dir."""
    from_env = os.environ.get(CACHE_DIR_ENV)
    if from_env:
        return Path(from_env)
    import platformdirs

    return platformdirs.user_cache_path("crampguide", appauthor=False)
