"""A cache of validated content, so the app can start without importing Pydantic.

Validating the pack needs Pydantic, which costs as much to import as Textual. The first start validates
and saves the resulting `Guide` (plain dataclasses) with pickle; later starts whose content files and
validation code are byte-for-byte the same load it back in a few milliseconds. Anything wrong with the
cache (missing, unreadable, stale, from another version) just means validating again. `crampguide validate`
never uses it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from crampguide import __version__
from crampguide.guide.models import Guide

_CODE = Path(__file__).resolve().parent  # the guide package: models, constraints, loader and checks
PREFIX = "guide-"


def content_key(directory: Path) -> str | None:
    """A digest of the folder's TOML files and the code that validates them; None if there are none to read.

    Every `*.toml` counts, not only the files the loader reads: knowing their names would mean defining the
    file models, which is what a cache hit avoids. A file added or removed only makes a miss, and a pack that
    fails to validate is never saved, so a missing file is still reported.
    """
    digest = hashlib.sha256(__version__.encode())
    try:
        for source in sorted(_CODE.glob("*.py")):
            digest.update(source.name.encode() + b"\0" + source.read_bytes())
        contents = sorted(directory.glob("*.toml"))
        for content in contents:
            digest.update(content.name.encode() + b"\0" + content.read_bytes())
    except OSError:
        return None
    return digest.hexdigest() if contents else None


def load(directory: Path, cache_dir: Path | None) -> Guide:
    """The one way to load content, for the app and every command; raises `ContentError`.

    From the cache in `cache_dir` when it is current, else validated (and then cached). With no cache folder
    it always validates: `crampguide validate` must check the pack itself.
    """
    if cache_dir is None:
        from crampguide.guide.loader import load_guide

        return load_guide(directory)
    key = content_key(directory)
    cached = cache_dir / f"{PREFIX}{key}.pickle"
    if key is not None:
        guide = _read(cached)
        if guide is not None:
            return guide

    from crampguide.guide.loader import load_guide

    guide = load_guide(directory)
    if key is not None:
        _write(cache_dir, cached, guide)
    return guide


def _read(path: Path) -> Guide | None:
    try:
        with path.open("rb") as file:
            guide = pickle.load(file)
    except Exception:  # a damaged or foreign file is a cache miss, never an error
        return None
    return guide if isinstance(guide, Guide) else None


def _write(cache_dir: Path, path: Path, guide: Guide) -> None:
    """Write atomically, then drop older entries; a cache that cannot be written is simply not used."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache_dir, prefix=".tmp-", delete=False) as file:
            pickle.dump(guide, file, protocol=pickle.HIGHEST_PROTOCOL)
            file.flush()
            os.fsync(file.fileno())
        os.replace(file.name, path)
        for old in cache_dir.glob(f"{PREFIX}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        return
