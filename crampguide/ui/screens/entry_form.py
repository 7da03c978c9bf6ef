"""The form to add or edit a diary entry.

It only checks what was typed and returns the values; the Diary tab saves them through the store, so the
form never touches files. Every field but "when" may stay empty: someone half awake may log just "a cramp".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.validation import Integer
from textual.widgets import Button, Input, Label, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from crampguide.diary import (
    MAX_MINUTES,
    MAX_NOTE_CHARS,
    SEVERITY_MAX,
    SEVERITY_MIN,
    DiaryEntry,
    Leg,
    check_note,
    check_when,
    local_moment,
)
from crampguide.ui.screens.letters import TakesLetters

WHEN_FORMAT = "%Y-%m-%d %H:%M"
TICK = "✓"

LEG_CHOICES: tuple[tuple[str, str], ...] = (("Left", "left"), ("Right", "right"), ("Both", "both"))


@dataclass(frozen=True)
class EntryValues:
    """What the form hands back: checked values, named as `Store.add_entry` and `DiaryEntry` name them."""

    when: datetime
    leg: Leg | None
    severity: int | None
    minutes: int | None
    helped: tuple[str, ...]
    note: str


class FormError(ValueError):
    """A value the user typed that cannot be saved; `field` is the id of the widget to fix."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def when_text(moment: datetime) -> str:
    return moment.strftime(WHEN_FORMAT)


def parse_when(text: str, now: datetime) -> tuple[datetime, str | None]:
    """Local "YYYY-MM-DD HH:MM" (a T between is fine too) to an aware time; refuses the future.

    The second value says what was stored when the clocks changed at that time (see `local_moment`).
    """
    cleaned = " ".join(text.strip().replace("T", " ").split())
    try:
        moment = datetime.strptime(cleaned, WHEN_FORMAT)
    except ValueError:
        raise FormError(
            "entry-when", f"When: give the date and time as YYYY-MM-DD HH:MM, for example {when_text(now)}."
        ) from None
    try:
        aware, clock_change_note = local_moment(moment)
        return check_when(aware, now), clock_change_note
    except ValueError as error:  # before 1900, in the future, or a year the system clock cannot place
        raise FormError("entry-when", f"When: {error}.") from None


def parse_whole(text: str, *, field: str, lowest: int, highest: int, message: str) -> int | None:
    """An optional whole number in a range; empty means "not given"."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        value = int(cleaned)
    except ValueError:
        raise FormError(field, message) from None
    if not lowest <= value <= highest:
        raise FormError(field, message)
    return value


SEVERITY_MESSAGE = (
    f"Severity: a whole number from {SEVERITY_MIN} (mild) to {SEVERITY_MAX} (worst), or leave it empty."
)
MINUTES_MESSAGE = f"Minutes: a whole number from 0 (under a minute) to {MAX_MINUTES}, or leave it empty."


class EntryFormScreen(TakesLetters, ModalScreen[EntryValues | None]):
    """Dismisses with the checked values on save, or None on cancel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="entry-cancel"),
        Binding("ctrl+s", "save", "Save", id="entry-save"),
    ]

    def __init__(
        self,
        first_aid: Sequence[tuple[str, str]],
        now: datetime,
        entry: DiaryEntry | None = None,
        *,
        draft: EntryValues | None = None,
    ) -> None:
        """`first_aid` is (treatment id, title) for "what helped"; `entry` is the one to edit, if any;
        `draft` fills in a new entry for the user to check (first aid's "log this cramp")."""
        super().__init__()
        self.first_aid = tuple(first_aid)
        self.clock_change_note: str | None = None
        """What was stored for a time the clocks skipped or repeated, said when the entry is saved."""
        self.now = now
        self.entry = entry
        self.draft = draft

    def compose(self) -> ComposeResult:
        entry = self.entry
        filled = entry if entry is not None else self.draft
        title = "Edit diary entry" if entry is not None else "Add a cramp to the diary"
        when = when_text(filled.when if filled is not None else self.now)
        known = {treatment_id for treatment_id, _ in self.first_aid}
        helped = set(filled.helped) if filled is not None else set()
        leg = filled.leg.value if filled is not None and filled.leg is not None else Select.NULL
        with Vertical(id="entry-dialog", classes="dialog"):
            yield Static(title, classes="dialog-title")
            with VerticalScroll(id="entry-fields"):
                with Horizontal(classes="form-row"):
                    yield Label("When", classes="form-label")
                    yield Input(when, placeholder="YYYY-MM-DD HH:MM", id="entry-when")
                    yield Label("Leg", classes="form-label form-label-short")
                    yield Select[str](
                        LEG_CHOICES,
                        prompt="Not given",
                        allow_blank=True,
                        value=leg,
                        id="entry-leg",
                    )
                with Horizontal(classes="form-row"):
                    yield Label("Severity", classes="form-label")
                    yield Input(
                        _number_text(filled.severity if filled is not None else None),
                        placeholder=f"{SEVERITY_MIN}-{SEVERITY_MAX}",
                        type="integer",
                        validators=[Integer(minimum=SEVERITY_MIN, maximum=SEVERITY_MAX)],
                        valid_empty=True,
                        id="entry-severity",
                    )
                    yield Label("Minutes", classes="form-label form-label-short")
                    yield Input(
                        _number_text(filled.minutes if filled is not None else None),
                        placeholder="0 = under 1",
                        type="integer",
                        validators=[Integer(minimum=0, maximum=MAX_MINUTES)],
                        valid_empty=True,
                        id="entry-minutes",
                    )
                yield Static(
                    f"{SEVERITY_MIN} is mild, {SEVERITY_MAX} the worst. Leave out what you don't know.",
                    classes="form-hint",
                )
                yield Label("What helped (space or enter to tick)", classes="form-label-wide")
                yield SelectionList[str](
                    *(
                        Selection(
                            _helped_prompt(title, treatment_id in helped),
                            treatment_id,
                            treatment_id in helped,
                        )
                        for treatment_id, title in self.first_aid
                    ),
                    id="entry-helped",
                )
                if entry is not None and set(entry.helped) - known:
                    others = ", ".join(sorted(set(entry.helped) - known))
                    yield Static(Content(f"Also recorded, kept as it is: {others}"), classes="form-hint")
                with Horizontal(classes="form-row"):
                    yield Label("Note", classes="form-label")
                    yield Input(
                        filled.note if filled is not None else "",
                        placeholder="optional",
                        max_length=MAX_NOTE_CHARS,
                        id="entry-note",
                    )
            yield Static(id="entry-errors", classes="form-errors")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="entry-save", variant="primary")
                yield Button("Cancel (esc)", id="entry-cancel")

    def on_mount(self) -> None:
        self.query_one("#entry-errors").display = False
        self.query_one("#entry-when", Input).focus()

    # --- events ------------------------------------------------------------------------------------

    @on(SelectionList.SelectedChanged, "#entry-helped")
    def _mark_helped(self, event: SelectionList.SelectedChanged[str]) -> None:
        """Put a tick in the text too, so the choice reads without colour."""
        selection_list = event.selection_list
        chosen = set(selection_list.selected)
        titles = dict(self.first_aid)
        for index in range(selection_list.option_count):
            option = selection_list.get_option_at_index(index)
            selection_list.replace_option_prompt_at_index(
                index, _helped_prompt(titles[option.value], option.value in chosen)
            )

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#entry-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#entry-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        values, problems = self.read_values()
        errors = self.query_one("#entry-errors", Static)
        for input_id in ("entry-when", "entry-severity", "entry-minutes", "entry-note"):
            self.query_one(f"#{input_id}", Input).set_class(
                any(p.field == input_id for p in problems), "-invalid"
            )
        if problems:
            errors.update(Content("Not saved:\n" + "\n".join(f"• {p}" for p in problems)))
            errors.display = True
            self.query_one(f"#{problems[0].field}").focus()
            return
        assert values is not None
        if self.clock_change_note is not None:  # the hour was skipped or repeated: say what is kept
            self.notify(self.clock_change_note, title="Clocks changed", timeout=12, markup=False)
        self.dismiss(values)

    def read_values(self) -> tuple[EntryValues | None, list[FormError]]:
        """The values as typed, checked; the problems instead when any field is wrong."""
        problems: list[FormError] = []
        when: datetime | None = None
        self.clock_change_note = None
        when_input = self.query_one("#entry-when", Input).value
        entry = self.entry
        if entry is not None and when_input.strip() == when_text(entry.when):
            when = entry.when  # unchanged: keep its seconds and time zone
        else:
            try:
                when, self.clock_change_note = parse_when(when_input, self.now)
            except FormError as problem:
                problems.append(problem)
        severity = minutes = None
        try:
            severity = parse_whole(
                self.query_one("#entry-severity", Input).value,
                field="entry-severity",
                lowest=SEVERITY_MIN,
                highest=SEVERITY_MAX,
                message=SEVERITY_MESSAGE,
            )
        except FormError as problem:
            problems.append(problem)
        try:
            minutes = parse_whole(
                self.query_one("#entry-minutes", Input).value,
                field="entry-minutes",
                lowest=0,
                highest=MAX_MINUTES,
                message=MINUTES_MESSAGE,
            )
        except FormError as problem:
            problems.append(problem)
        note = self.query_one("#entry-note", Input).value.strip()
        try:
            check_note(note)
        except ValueError as error:
            problems.append(FormError("entry-note", f"Note: {error}."))
        leg_value = self.query_one("#entry-leg", Select).value
        leg = Leg(leg_value) if isinstance(leg_value, str) else None
        chosen = set(self.query_one("#entry-helped", SelectionList).selected)
        helped = [treatment_id for treatment_id, _ in self.first_aid if treatment_id in chosen]
        if entry is not None:  # keep ids the content no longer lists as first aid
            known = {treatment_id for treatment_id, _ in self.first_aid}
            helped += [treatment_id for treatment_id in entry.helped if treatment_id not in known]
        if problems or when is None:
            return None, problems
        return EntryValues(when, leg, severity, minutes, tuple(helped), note), []


def _number_text(value: int | None) -> str:
    return "" if value is None else str(value)


def _helped_prompt(title: str, chosen: bool) -> Content:
    return Content(f"{TICK if chosen else ' '} {title}")
