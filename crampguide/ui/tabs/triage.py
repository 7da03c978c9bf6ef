"""Triage tab: one warning sign at a time, then the doctor questions as one checklist, then the outcome.

The walk itself, checklist included, is `crampguide.triage.TriageWalk`; this tab only shows it and forwards
keys. Whatever the walk shows next starts at the top of the tab: the question, or the outcome's disposition.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Collapsible, Static

from crampguide.guide.facts import Disposition
from crampguide.guide.models import Outcome, Question
from crampguide.item_groups import red_flag_groups
from crampguide.labels import DISPOSITION_CLASSES
from crampguide.triage import TriageWalk
from crampguide.ui.tabs.base import GuideTab
from crampguide.ui.text import labelled, sources
from crampguide.ui.widgets.bar import Bar
from crampguide.words import EMERGENCY_LINE, TRIAGE_INTRO, WARNING_SIGNS, outcome_title

if TYPE_CHECKING:
    from crampguide.ui.services import Services

CHECKLIST_QUESTION = "Do any of these apply to you?"

# Where each outcome points next: (button label, app action).
NEXT_STEPS: dict[Disposition, tuple[tuple[str, str], ...]] = {
    Disposition.SELF_CARE: (
        ("Stretch routines", "show_tab('stretch')"),
        ("Prevention", "show_tab('prevention')"),
    ),
    Disposition.GP: (("Cramp diary: export for your doctor", "show_tab('diary')"),),
    Disposition.URGENT: (("Cramp diary", "show_tab('diary')"),),
    Disposition.EMERGENCY: (),
}


class TickBox(Checkbox):
    """A checkbox whose mark is ✓ when ticked and blank when not, so it reads without colour."""

    def render(self) -> Content:
        self.BUTTON_INNER = "✓" if self.value else " "
        return super().render()


class ChecklistLine(Horizontal):
    """One line of the checklist: a box to tick and the question beside it. Ticked means "yes" to its fact."""

    def __init__(self, question: Question) -> None:
        super().__init__(classes="tick-line")
        self.fact = question.fact
        self.box = TickBox(value=False, id=f"tick-{question.id}", classes="tick")
        text = Content(question.text)
        if question.detail is not None:
            text = Content.assemble(text, "\n", (question.detail, "dim"))
        self.text = _TickText(text, classes="tick-text")

    def compose(self) -> ComposeResult:
        yield self.box
        yield self.text

    @property
    def ticked(self) -> bool:
        return self.box.value


class _TickText(Static):
    """The question beside a box: a click on it ticks the box too, as a label does."""

    def on_click(self) -> None:
        line = self.parent
        if isinstance(line, ChecklistLine):
            line.box.toggle()
            line.box.focus()


class TriageTab(GuideTab):
    # Two bindings share `n`: "No" for a question, "None of these" for a checklist; `check_action` picks.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="triage-yes"),
        Binding("n", "answer(False)", "No", id="triage-no"),
        Binding("n", "none_apply", "None of these", id="triage-none"),
        Binding("d", "ticked", "Done ticking", id="triage-done"),
        # Before the scroll's own arrow keys, on a checklist only.
        Binding(
            "down",
            "next_tick(1)",
            "Next line of a checklist",
            show=False,
            priority=True,
            id="triage-next-tick",
        ),
        Binding(
            "up",
            "next_tick(-1)",
            "Previous line of a checklist",
            show=False,
            priority=True,
            id="triage-previous-tick",
        ),
        Binding("b,backspace", "back", "Back", id="triage-back"),
        Binding("r", "restart", "Restart", id="triage-restart"),
    ]

    def __init__(self, services: Services, *, id: str | None = None) -> None:
        super().__init__(services, id=id)
        self.walk = TriageWalk(self.services.guide.triage)

    def compose(self) -> ComposeResult:
        key = self.services.shell.key_hint  # button labels name the keys in force, remaps included
        with VerticalScroll(id="triage-scroll"):
            yield Static(TRIAGE_INTRO, classes="triage-intro")
            with Vertical(id="triage-card"):
                with Horizontal(id="triage-progress-row"):
                    yield Static(id="triage-progress-label")
                    yield Bar(show_percentage=False, id="triage-progress")
                yield Static(id="triage-badge", classes="badge")
                yield Static(id="triage-question")
                yield Static(id="triage-detail")
                yield Vertical(id="triage-checklist")
                with Horizontal(id="triage-answers", classes="triage-buttons"):
                    yield Button(Content(f"Yes ({key('triage-yes')})"), id="answer-yes", variant="warning")
                    yield Button(Content(f"No ({key('triage-no')})"), id="answer-no", variant="primary")
                with Horizontal(id="triage-checklist-answers", classes="triage-buttons"):
                    yield Button(
                        Content(f"None of these ({key('triage-none')})"), id="answer-none", variant="primary"
                    )
                    yield Button(Content(f"Done ({key('triage-done')})"), id="answer-done", variant="warning")
                yield Vertical(id="triage-outcome")
                yield Static(
                    Content(f"{key('triage-back')} back · {key('triage-restart')} start again"),
                    classes="hint",
                    id="triage-hint",
                )
            with Collapsible(title=WARNING_SIGNS, collapsed=False, id="red-flags"):
                yield Static(self._red_flags_text(), id="red-flag-list")

    def on_mount(self) -> None:
        self._show_state()

    def _red_flags_text(self) -> Content:
        parts: list[Content] = []
        for title, flags in red_flag_groups(self.services.guide):
            if flags:
                parts.append(Content.styled(title, "bold"))
                parts.extend(Content(f"  • {flag.title}") for flag in flags)
                parts.append(Content(""))
        return Content("\n").join(parts[:-1])

    # --- actions -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Yes/No for a question, None/Done for a checklist; nothing to answer once there is an outcome."""
        checklist = bool(self.walk.checklist)
        if action == "answer":
            return not checklist and not self.walk.finished
        if action in ("none_apply", "ticked", "next_tick"):
            return checklist
        return True

    def action_answer(self, yes: bool) -> None:
        if self.walk.finished or self.walk.checklist:
            return
        self.walk.answer(yes)
        self._show_state()

    def action_none_apply(self) -> None:
        if self.walk.checklist:
            self.walk.answer_checklist(())
            self._show_state()

    def action_ticked(self) -> None:
        if self.walk.checklist:
            self.walk.answer_checklist({line.fact for line in self.query(ChecklistLine) if line.ticked})
            self._show_state()

    def action_next_tick(self, step: int) -> None:
        """Up and down move between the checklist's lines, as in a list."""
        if step > 0:
            self.screen.focus_next(".tick")
        else:
            self.screen.focus_previous(".tick")

    def action_back(self) -> None:
        if self.walk.back():
            self._show_state()

    def action_restart(self) -> None:
        self.walk.restart()
        self._show_state()

    @on(Button.Pressed, "#answer-yes")
    def _yes(self) -> None:
        self.action_answer(True)

    @on(Button.Pressed, "#answer-no")
    def _no(self) -> None:
        self.action_answer(False)

    @on(Button.Pressed, "#answer-none")
    def _none(self) -> None:
        self.action_none_apply()

    @on(Button.Pressed, "#answer-done")
    def _done(self) -> None:
        self.action_ticked()

    def focus_first(self) -> None:
        # Without scrolling: the tab starts at the question (`_start_at_top`), and on a small terminal a
        # scroll down to the answer buttons, coming after it, would hide the question being asked.
        self._main_control().focus(scroll_visible=False)

    def _main_control(self) -> Widget:
        if self.walk.finished:
            return self.query_one("#triage-scroll")
        if self.walk.checklist:
            return self.query_one(ChecklistLine).box
        return self.query_one("#answer-no")

    # --- rendering ---------------------------------------------------------------------------------

    def _show_state(self) -> None:
        focused = self.screen.focused
        ours = focused is None or self in focused.ancestors
        progress = self.walk.progress
        self.query_one(".triage-intro").display = progress.answered == 0
        checklist = self.walk.checklist
        question = self.walk.question
        outcome = self.walk.outcome
        self.query_one("#triage-answers").display = question is not None and not checklist
        self.query_one("#triage-checklist-answers").display = bool(checklist)
        self.query_one("#triage-checklist").display = bool(checklist)
        self.query_one("#triage-progress-row").display = outcome is None
        self.query_one("#triage-badge").display = outcome is not None
        if outcome is not None:
            self._show_outcome(outcome)
        else:
            bar = self.query_one("#triage-progress", Bar)
            bar.update(total=max(progress.total, 1), progress=progress.answered)
            label = f"Question {progress.answered + 1} of at most {progress.total}"
            self.query_one("#triage-progress-label", Static).update(label)
            if checklist:
                self._show_checklist(checklist)
            else:
                assert question is not None
                self._show_question(question)
        self.refresh_bindings()
        if ours:
            # A hidden control keeps focus unless moved: keys would go nowhere the user can see. Moved now,
            # before Textual moves it to whatever comes next (scrolling there), and again once a checklist
            # mounted just now can take it.
            self._main_control().focus(scroll_visible=False)
        scroll = self.query_one("#triage-scroll", VerticalScroll)
        scroll.scroll_home(animate=False)
        self.call_after_refresh(self._start_at_top, ours)

    def _start_at_top(self, refocus: bool) -> None:
        """The next thing to read starts at the top: the question, or the outcome's disposition."""
        if refocus:
            self._main_control().focus(scroll_visible=False)
        scroll = self.query_one("#triage-scroll", VerticalScroll)
        if self.walk.checklist:
            scroll.scroll_to_widget(self.query_one("#triage-question"), top=True, animate=False)
        else:
            scroll.scroll_home(animate=False)

    def _show_question(self, question: Question) -> None:
        self.query_one("#triage-question", Static).update(Content(question.text))
        detail = self.query_one("#triage-detail", Static)
        detail.update(Content(question.detail or ""))
        detail.display = question.detail is not None
        self._clear_outcome()

    def _show_checklist(self, checklist: tuple[Question, ...]) -> None:
        self.query_one("#triage-question", Static).update(CHECKLIST_QUESTION)
        detail = self.query_one("#triage-detail", Static)
        key = self.services.shell.key_hint
        detail.update(
            Content(
                f"Tick each that applies (space), then press {key('triage-done')}. "
                f"None? Press {key('triage-none')}."
            )
        )
        detail.display = True
        box = self.query_one("#triage-checklist")
        if [line.fact for line in box.query(ChecklistLine)] != [question.fact for question in checklist]:
            box.remove_children()
            box.mount_all(ChecklistLine(question) for question in checklist)
        ticked = self.walk.ticked  # after going back: as the user left it
        for line in box.query(ChecklistLine):
            line.box.value = line.fact in ticked
        self._clear_outcome()

    def _clear_outcome(self) -> None:
        box = self.query_one("#triage-outcome")
        box.remove_children()
        box.display = False
        self.query_one("#triage-card").set_classes("")

    def _show_outcome(self, outcome: Outcome) -> None:
        disposition = outcome.disposition
        css = DISPOSITION_CLASSES[disposition]
        badge = self.query_one("#triage-badge", Static)
        badge.update(disposition.label)
        badge.set_classes(f"badge disposition-{css}")
        title = outcome_title(outcome)
        heading = self.query_one("#triage-question", Static)
        heading.update(Content(title or ""))
        heading.display = title is not None
        self.query_one("#triage-detail").display = False
        self.query_one("#triage-card").set_classes(f"outcome outcome-{css}")
        box = self.query_one("#triage-outcome", Vertical)
        box.remove_children()
        box.display = True
        widgets: list[Widget] = []
        if disposition is Disposition.EMERGENCY:
            widgets.append(Static(EMERGENCY_LINE, classes="emergency-line"))
        widgets.append(Static(labelled("What to do now:", outcome.do_now), classes="outcome-text"))
        widgets.append(Static(labelled("Why:", outcome.why), classes="outcome-text"))
        reasons = self.walk.reasons
        if reasons:
            lines = [Content.styled("Because:", "bold"), *(Content(f"  • {reason}") for reason in reasons)]
            widgets.append(Static(Content("\n").join(lines), classes="outcome-text"))
        for label, action in NEXT_STEPS[disposition]:
            widgets.append(Button(label, action=f"app.{action}", classes="next-step"))
        widgets.append(Static(sources(self.services.guide, outcome.sources), classes="sources"))
        box.mount_all(widgets)
