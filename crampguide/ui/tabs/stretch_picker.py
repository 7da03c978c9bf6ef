"""The Stretch tab's routine list: pick a routine, read what it does, start it."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import ListItem, ListView, Static

from crampguide.guide.models import Guide, Routine
from crampguide.routine import about_minutes, side_words, total_seconds
from crampguide.ui.text import prose, sources

CRAMP_NOW_BINDING = "cramp-now"


class RoutinePicker(Vertical):
    """A list of routines with the highlighted one's summary; choosing one posts `Chosen`."""

    DEFAULT_CSS = """
    RoutinePicker {
        height: 1fr;
        padding: 0 1;

        #routine-list {
            height: auto;
            max-height: 50%;
            margin: 1 0;

            ListItem {
                padding: 0 1;
            }
        }

        #routine-about {
            height: 1fr;
        }
    }
    """

    class Chosen(Message):
        def __init__(self, routine_id: str) -> None:
            super().__init__()
            self.routine_id = routine_id

    def __init__(self, guide: Guide, key_hint: Callable[[str], str], *, id: str | None = None) -> None:
        """`key_hint` names a binding's keys as the user bound them (the app shell's `key_hint`)."""
        super().__init__(id=id)
        self.guide = guide
        self.key_hint = key_hint

    def compose(self) -> ComposeResult:
        yield Static(id="picker-hint", classes="hint")
        with ListView(id="routine-list"):
            for routine in self.guide.routines:
                minutes = about_minutes(total_seconds(routine))
                yield ListItem(
                    Static(Content(f"{routine.title}  ({minutes})\n{routine.when}")), name=routine.id
                )
        with VerticalScroll(id="routine-about"):
            yield Static(id="routine-summary")

    def on_mount(self) -> None:
        if self.guide.routines:
            self._show_summary(self.guide.routines[0])

    def on_show(self) -> None:
        self.show_hint()

    def show_hint(self) -> None:
        """Name the first-aid key as it is bound now (the user may have remapped it)."""
        key = self.key_hint(CRAMP_NOW_BINDING)
        hint = f"Choose a routine. Press {key} at any time for cramp first aid."
        self.query_one("#picker-hint", Static).update(Content(hint))

    def focus_list(self) -> None:
        self.query_one("#routine-list", ListView).focus()

    @on(ListView.Highlighted, "#routine-list")
    def _highlighted(self, event: ListView.Highlighted) -> None:
        if event.item is not None and event.item.name:
            self._show_summary(self.guide.routine(event.item.name))

    @on(ListView.Selected, "#routine-list")
    def _selected(self, event: ListView.Selected) -> None:
        event.stop()
        if event.item.name:
            self.post_message(self.Chosen(event.item.name))

    def _show_summary(self, routine: Routine) -> None:
        steps = []
        for number, step in enumerate(routine.steps, start=1):
            exercise = self.guide.exercise(step.exercise)
            reps = f"{step.repetitions} × " if step.repetitions > 1 else ""
            hold = "until it eases, in rounds of " if step.until_eases else ""
            rest = f", rest {step.rest_seconds} s between" if step.rest_seconds else ""
            steps.append(
                f"{number}. **{exercise.title}**: {reps}{hold}{step.seconds} s, {side_words(step.side)}{rest}"
            )
        text = Content("\n\n").join(
            [prose(routine.summary), prose("\n".join(steps)), sources(self.guide, routine.sources)]
        )
        self.query_one("#routine-summary", Static).update(text)
