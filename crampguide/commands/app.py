"""Start the full-screen app: the default command, and what `triage` and `stretch` open."""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from crampguide.commands.common import content_dir
from crampguide.paths import cache_dir, data_dir


class AppOptions(Protocol):
    """The global options the app needs; parsed arguments have them, and so does `NO_OPTIONS`."""

    content: Path | None
    data_dir: Path | None


@dataclass
class _Defaults:
    content: Path | None = None
    data_dir: Path | None = None


# A bare `crampguide` starts the app without building the argument parser at all: it is on the path to the
# first frame, and there is nothing to parse.
NO_OPTIONS: AppOptions = _Defaults()


def _collect_from_now_on() -> None:
    """Turn the collector on, with everything made so far kept out of its way.

    Nearly all of it lives to the end (modules, the guide, the first tab: about 68,000 objects, of which some
    3,000 are garbage), so it is frozen rather than collected: a full collection takes up to 0.1 s here, a
    stall just as the first tab appears.
    """
    gc.freeze()
    gc.enable()


def run(args: AppOptions, *, tab: str | None = None, routine: str | None = None) -> int:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(
            "crampguide: the full-screen guide needs a terminal; run it in a terminal window, or use its "
            "line-by-line forms: `crampguide read [TOPIC]`, `crampguide triage --plain`, "
            "`crampguide stretch ROUTINE --plain` (`crampguide log` and `crampguide export` work too).",
            file=sys.stderr,
        )
        return 1
    # Start-up makes tens of thousands of objects (Textual's modules, the guide, the first tab) that live
    # as long as the app. Collecting while they are made is wasted work on the path to the first frame,
    # so the collector waits until the first tab is on screen.
    gc.disable()
    try:
        from crampguide.ui.app import CrampGuideApp

        app = CrampGuideApp(
            content_dir=content_dir(args),
            data_dir=data_dir(getattr(args, "data_dir", None)),
            cache_dir=cache_dir(),
            initial_tab=tab or "causes",
            start_routine=routine,
            on_started=_collect_from_now_on,
        )
        app.run()
    finally:
        gc.enable()
    for line in app.content_problems:
        print(line, file=sys.stderr)
    if app.content_problems:
        print(
            "crampguide: the content pack has problems; run `crampguide validate` for details.",
            file=sys.stderr,
        )
        return 1
    return app.return_code or 0
