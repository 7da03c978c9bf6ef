"""Atomic file writes, the one way the store, `export` and the content cache replace a file.

A temporary file beside the target (created new, mode 0600) is written and fsynced, renamed over the target,
and the folder fsynced: a crash or a kill leaves the old file or the new one, never half of one, and a write
that fails (a full disk, a folder that cannot be written) leaves no temporary file behind. Plain `os` only,
so the content cache can use it without importing the store.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def write_atomically(target: Path, data: bytes) -> None:
    """Replace `target` with `data`. Raises OSError and leaves no temporary file behind."""
    temporary = target.parent / f".{target.name}.{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, target)
        fsync_dir(target.parent)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def leftovers(target: Path) -> list[Path]:
    """Temporary files of `target` that a killed writer left; remove them only while no other can write."""
    return sorted(target.parent.glob(f".{target.name}.*.tmp"))


if sys.platform == "win32":  # pragma: no cover - folders cannot be fsynced

    def fsync_dir(directory: Path) -> None:
        pass

else:

    def fsync_dir(directory: Path) -> None:
        """Make a rename itself durable, not just the file's bytes."""
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
