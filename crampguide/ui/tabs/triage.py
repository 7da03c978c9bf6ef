"""Triage tab: one question at a time, large answers, and an outcome styled by how urgent it is.

The walk itself is `crampguide.triage.TriageWalk`; this tab only shows it and forwards keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.widgets import Button, Collapsible, ProgressBar, Static

from crampguide.guide.facts import Disposition
from crampguide.guide.models import Outcome, Question
from crampguide.triage import TriageWalk
from crampguide.ui.labels import DISPOSITION_CLASSES
from crampguide.ui.tabs.base import GuideTab
from crampguide.ui.text import sources
from crampguide.ui.widgets.progress import QuietProgressBar

if TYPE_CHECKING:
    from crampguide.ui.app import Services

INTRO = (
    "Answer a few yes/no questions about warning signs. The most serious come first; a yes stops the "
    "questions and tells you what to do. If you are not sure, answer yes."
)
EMERGENCY_LINE = "Call your local emergency number now (for example 999, 112 or 911)."

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


def outcome_heading(outcome: Outcome) -> str:
    """The outcome's title after its disposition, unless the title already starts with the same words."""
    label = outcome.disposition.label
    if outcome.title.casefold().startswith(label.casefold()):
        return outcome.title
    return f"{label}: {outcome.title}"


class TriageTab(GuideTab):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="triage-yes"),
        Binding("n", "answer(False)", "No", id="triage-no"),
        Binding("b,backspace", "back", "Back", id="triage-back"),
        Binding("r", "restart", "Restart", id="triage-restart"),
    ]

    def __init__(self, services: Services, *, id: str | None = None) -> None:
        super().__init__(services, id=id)
        self.walk = TriageWalk(self.services.guide.triage)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="triage-scroll"):
            yield Static(INTRO, classes="triage-intro")
            with Vertical(id="triage-card"):
                yield Static(id="triage-progress-label")
                yield QuietProgressBar(total=1, show_eta=False, show_percentage=False, id="triage-progress")
                yield Static(id="triage-question")
                yield Static(id="triage-detail")
                with Horizontal(id="triage-answers"):
                    yield Button("Yes (y)", id="answer-yes", variant="warning")
                    yield Button("No (n)", id="answer-no", variant="primary")
                yield Vertical(id="triage-outcome")
                yield Static("b back · r start again", classes="hint", id="triage-hint")
            with Collapsible(title="Warning signs at a glance", collapsed=False, id="red-flags"):
                yield Static(self._red_flags_text(), id="red-flag-list")

    def on_mount(self) -> None:
        self._show_state()

    def _red_flags_text(self) -> str:
        lines: list[str] = []
        for disposition in Disposition:
            flags = [flag for flag in self.services.guide.red_flags if flag.disposition is disposition]
            if flags:
                lines.append(f"[b]{disposition.label}[/b]")
                lines.extend(f"  • {escape(flag.title)}" for flag in flags)
                lines.append("")
        return "\n".join(lines).rstrip()

    # --- actions -----------------------------------------------------------------------------------

    def action_answer(self, yes: bool) -> None:
        if self.walk.finished:
            return
        self.walk.answer(yes)
        self._show_state()

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

    @on(Button.Pressed, ".next-step")
    async def _next_step(self, event: Button.Pressed) -> None:
        # `run_action` is a coroutine: unawaited, the button would do nothing.
        action = event.button.name
        if action:
            await self.app.run_action(action)

    def focus_first(self) -> None:
        target = "#answer-no" if not self.walk.finished else "#triage-scroll"
        self.query_one(target).focus()

    # --- rendering ---------------------------------------------------------------------------------

    def _show_state(self) -> None:
        progress = self.walk.progress
        bar = self.query_one("#triage-progress", ProgressBar)
        bar.update(total=max(progress.total, 1), progress=progress.answered)
        question = self.walk.question
        answers = self.query_one("#triage-answers")
        focused = self.screen.focused
        answering = focused is not None and answers in focused.ancestors
        answers.display = question is not None
        if question is not None:
            self._show_question(question, progress.answered, progress.total)
        else:
            outcome = self.walk.outcome
            assert outcome is not None
            self._show_outcome(outcome)
            if answering:
                # Hiding a focused button moves focus to its hidden sibling: keys would go nowhere visible.
                self.query_one("#triage-scroll").focus()

    def _show_question(self, question: Question, answered: int, total: int) -> None:
        self.query_one("#triage-progress-label", Static).update(f"Question {answered + 1} of at most {total}")
        self.query_one("#triage-question", Static).update(question.text)
        detail = self.query_one("#triage-detail", Static)
        detail.update(question.detail or "")
        detail.display = question.detail is not None
        self.query_one("#triage-outcome").remove_children()
        self.query_one("#triage-outcome").display = False
        self.query_one("#triage-card").set_classes("")

    def _show_outcome(self, outcome: Outcome) -> None:
        disposition = outcome.disposition
        answered = self.walk.progress.answered
        self.query_one("#triage-progress-label", Static).update(
            f"Done: {answered} answer" if answered == 1 else f"Done: {answered} answers"
        )
        self.query_one("#triage-question", Static).update(outcome_heading(outcome))
        self.query_one("#triage-detail").display = False
        self.query_one("#triage-card").set_classes(f"outcome-{DISPOSITION_CLASSES[disposition]}")
        box = self.query_one("#triage-outcome", Vertical)
        box.remove_children()
        box.display = True
        widgets: list[Static | Button] = []
        if disposition is Disposition.EMERGENCY:
            widgets.append(Static(EMERGENCY_LINE, classes="emergency-line"))
        widgets.append(Static(f"[b]What to do now:[/b] {escape(outcome.do_now)}", classes="outcome-text"))
        widgets.append(Static(f"[b]Why:[/b] {escape(outcome.why)}", classes="outcome-text"))
        reasons = self.walk.reasons
        if reasons:
            lines = "\n".join(f"  • {escape(reason)}" for reason in reasons)
            widgets.append(Static(f"[b]Because:[/b]\n{lines}", classes="outcome-text"))
        for label, action in NEXT_STEPS[disposition]:
            widgets.append(Button(label, name=action, classes="next-step"))
        widgets.append(Static(sources(self.services.guide, outcome.sources), classes="sources"))
        box.mount_all(widgets)
