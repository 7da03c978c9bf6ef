"""A cache of validated content, so the app and the commands can start without importing Pydantic.

Validating the pack needs Pydantic, which costs as much to import as Textual. The first start validates
and saves the resulting `Guide` as JSON (data only: reading it can never run code); later starts whose
content files and validation code are byte-for-byte the same rebuild it in a few milliseconds. A cache file
is used only if it is a regular file owned by the user and writable by no one else, decodes to exactly the
Guide's shape, and passes the cross-file and triage safety checks again (they are plain Python and cheap).
Anything wrong with the cache (missing, foreign, damaged, stale) just means validating again.
`crampguide validate` never uses it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from crampguide import __version__
from crampguide.guide.models import Guide
from crampguide.reading import MAX_CONTENT_FILE_BYTES, read_bytes

_CODE = Path(__file__).resolve().parent  # the guide package: models, constraints, loader and checks
PREFIX = "guide-"
SUFFIX = ".json"
MAX_CACHE_BYTES = 16 * 1024 * 1024
_MARK = b"crampguide validated content 1\n"  # first line of every cache file; the JSON follows


def content_key(directory: Path) -> str | None:
    """A digest of the folder's TOML files and the code that validates them; None if there are none to read.

    Every `*.toml` counts, not only the files the loader reads: knowing their names would mean defining the
    file models, which is what a cache hit avoids. A file added or removed only makes a miss, and a pack that
    fails to validate is never saved, so a missing file is still reported.
    """
    digest = hashlib.sha256(__version__.encode())
    try:  # the loader's own rules: a FIFO or a link to /dev/zero is refused, never read
        for source in sorted(_CODE.glob("*.py")):
            digest.update(source.name.encode() + b"\0" + read_bytes(source, MAX_CONTENT_FILE_BYTES))
        contents = sorted(directory.glob("*.toml"))
        for content in contents:
            digest.update(content.name.encode() + b"\0" + read_bytes(content, MAX_CONTENT_FILE_BYTES))
    except OSError:  # the loader then reports the file
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
    cached = cache_dir / f"{PREFIX}{key}{SUFFIX}"
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
    """The cached guide, or None for a miss: missing, not ours, damaged, or failing the checks."""
    from crampguide.guide import codec

    try:
        raw = read_bytes(path, MAX_CACHE_BYTES, private=True)
    except OSError:
        return None
    if not raw.startswith(_MARK):
        return None
    try:
        guide = codec.loads(Guide, raw[len(_MARK) :])
    except codec.CodecError:
        return None
    from crampguide.guide.checks import check_guide

    return None if check_guide(guide) else guide


def _write(cache_dir: Path, path: Path, guide: Guide) -> None:
    """Write atomically, then drop older entries; a cache that cannot be written is simply not used."""
    from crampguide.atomic_write import write_atomically
    from crampguide.guide import codec

    try:
        cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomically(path, _MARK + codec.dumps(guide))
        # Older entries, and the temporary files an earlier version could leave when a write failed.
        for old in [*cache_dir.glob(f"{PREFIX}*{SUFFIX}"), *cache_dir.glob(f"{PREFIX}*.pickle")]:
            if old != path:
                old.unlink(missing_ok=True)
        # Temporary files a killed writer left: another writer's live one only makes that write fail.
        for old in [*cache_dir.glob(".tmp-*"), *cache_dir.glob(f".{PREFIX}*{SUFFIX}.*.tmp")]:
            old.unlink(missing_ok=True)
    except OSError:
        return
