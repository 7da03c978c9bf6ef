"""`triage --plain` and `stretch ROUTINE --plain`: the line-by-line forms wired to the terminal and clock.

What to say and when lives in `crampguide.lines`; this module only reads the keyboard, writes lines, rings
the bell and turns Ctrl-C and the end of input into a message and an exit code.
"""

from __future__ import annotations

import os
import select
import sys
import time
from typing import TYPE_CHECKING

from crampguide.checklist import item_texts
from crampguide.commands.common import print_warnings, stdout_to_null
from crampguide.paths import data_dir

if TYPE_CHECKING:
    import argparse

    from crampguide.guide.models import Guide, Routine

# The exit code of a program stopped by Ctrl-C, as shells report it.
INTERRUPTED = 130
DEFAULT_WIDTH = 80


def terminal_width() -> int:
    """Columns to wrap to: $COLUMNS, else the terminal's (stdout's, or stderr's or stdin's when stdout is a
    pipe to `less` or `head`, which show it on that terminal), else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for stream in (sys.stdout, sys.stderr, sys.stdin):
        try:
            return os.get_terminal_size(stream.fileno()).columns
        except (AttributeError, ValueError, OSError):
            continue
    return DEFAULT_WIDTH


def say(text: str) -> None:
    print(text, flush=True)


def triage(guide: Guide) -> int:
    from crampguide.lines.triage import (
        END_OF_INPUT_MESSAGE,
        QUIT_MESSAGE,
        Ending,
        converse,
        new_walk,
        outcome_lines,
    )
    from crampguide.triage import TriageError

    typing_at_terminal = sys.stdin.isatty()

    def ask(prompt: str) -> str | None:
        sys.stdout.write(prompt)
        sys.stdout.flush()
        typed = sys.stdin.readline()
        if not typed:
            sys.stdout.write("\n")
            return None
        if not typing_at_terminal:  # nobody saw it typed: show it, so the transcript reads as a dialogue
            sys.stdout.write(typed.strip() + "\n")
        return typed

    width = terminal_width()
    walk = new_walk(guide)
    try:
        ending = converse(walk, ask, say, width)
    except KeyboardInterrupt:
        say("")
        say(QUIT_MESSAGE)
        return INTERRUPTED
    except BrokenPipeError:  # the reader left early (`| head`): not an error
        stdout_to_null()
        return 0
    except TriageError as error:
        print(f"crampguide: {error}", file=sys.stderr)
        return 1
    if ending is Ending.QUIT:
        say(QUIT_MESSAGE)
        return 0
    if ending is Ending.END_OF_INPUT:
        print(f"crampguide: {END_OF_INPUT_MESSAGE}", file=sys.stderr)
        return 1
    result = walk.result
    assert result is not None
    say("")
    for line in outcome_lines(result, guide, width):
        say(line)
    return 0


class _Keyboard:
    """Enter on a terminal's stdin pauses and resumes; anything else only waits."""

    def __init__(self) -> None:
        self.listening = sys.stdin.isatty()

    def wait(self, seconds: float | None) -> bool:
        if not self.listening:
            time.sleep(1.0 if seconds is None else seconds)
            return False
        ready, _, _ = select.select([sys.stdin], [], [], seconds)
        if not ready:
            return False
        if not sys.stdin.readline():  # Ctrl-D: no more input, the routine runs on
            self.listening = False
            return False
        return True


def stretch(args: argparse.Namespace, guide: Guide, routine: Routine) -> int:
    from crampguide.lines.stretch import Announcer, run
    from crampguide.lines.text import Style, plain
    from crampguide.routine import RoutineTimer, TimerState, about_minutes, ready_seconds_for
    from crampguide.store import Store, StoreError
    from crampguide.words import TICKED_ON_CHECKLIST

    timer = RoutineTimer(routine, guide.exercises, time.monotonic, ready_seconds=ready_seconds_for(routine))
    announcer = Announcer(timer)
    keyboard = _Keyboard()
    on_terminal = sys.stdout.isatty()
    ring = not args.quiet and on_terminal
    style = Style(terminal_width())

    def say_wrapped(text: str) -> None:
        """Word-wrapped on a terminal (a narrow one would cut words); one line per announcement in a pipe."""
        for line in plain(text, style) if on_terminal else [text]:
            say(line)

    def bell() -> None:
        sys.stdout.write("\a")
        sys.stdout.flush()

    keys = " Press Enter to pause or resume, Ctrl-C to stop." if keyboard.listening else ""
    try:
        say_wrapped(f"{routine.title}: {about_minutes(timer.total_seconds)}.{keys}")
        view = run(timer, announcer, time.monotonic, keyboard.wait, say_wrapped, bell if ring else None)
    except KeyboardInterrupt:
        say("")
        say_wrapped(announcer.stopped_line(timer.view()))
        return INTERRUPTED
    except BrokenPipeError:  # the reader left early (`| head`): not an error
        stdout_to_null()
        return 0
    assert view.state is TimerState.FINISHED
    store = Store(data_dir(getattr(args, "data_dir", None)))
    try:
        ticked = store.tick_routine(guide.checklists, routine.id)
    except StoreError as error:
        print(f"crampguide: {error}", file=sys.stderr)
        return 1
    finally:
        print_warnings(store)
    texts = item_texts(guide.checklists, ticked)
    if texts:
        say_wrapped(TICKED_ON_CHECKLIST + "; ".join(texts))
    return 0
