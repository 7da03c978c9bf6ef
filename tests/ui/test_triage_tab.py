"""Triage tab: one question at a time by key or click, back and restart, each outcome with its next steps.

Question and outcome texts are read straight from content/triage.toml, so the tests check what the screen
shows against the content, not against the engine that walks it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Awaitable, Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button, Static, TabbedContent

from crampguide.paths import bundled_content_dir
from crampguide.ui.app import CrampGuideApp
from crampguide.ui.tabs.triage import TriageTab

MakeApp = Callable[..., CrampGuideApp]
WaitLoaded = Callable[[Pilot[Any]], Awaitable[None]]

TREE = tomllib.loads((bundled_content_dir() / "triage.toml").read_text(encoding="utf-8"))
QUESTIONS = {question["id"]: question for question in TREE["question"]}
OUTCOMES = {outcome["id"]: outcome for outcome in TREE["outcome"]}

# The questions a "no" to everything walks through, in order (the pregnancy follow-up is skipped).
ALL_NO_PATH = [
    "q-chest", "q-cold-leg", "q-one-calf", "q-long-cramp", "q-wound-poison", "q-dark-urine", "q-night-pain",
    "q-pregnant", "q-numbness", "q-walking-pain", "q-new-medicine", "q-frequent", "q-condition",
]  # fmt: skip
# The longest way is 14 questions (through the pregnancy follow-up) until "pregnant" is answered no; then the
# 5 doctor questions after the 8 already answered make 13.
MOST_BEFORE_PREGNANCY_ANSWERED = 14
MOST_AFTER_PREGNANCY_NO = 13


def screen_text(app: CrampGuideApp) -> str:
    """What the terminal shows now, as plain text lines."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def text_of(tab: TriageTab, selector: str) -> str:
    return str(tab.query_one(selector, Static).content)


def question_text(node_id: str) -> str:
    text = QUESTIONS[node_id]["text"]
    assert isinstance(text, str)
    return text


def focus_is_visible(app: CrampGuideApp) -> bool:
    """Keys must reach something the user can see: a focused widget outside the focus chain is hidden."""
    return app.focused is not None and app.focused in app.screen.focus_chain


async def open_triage(app: CrampGuideApp, pilot: Pilot[Any], wait_loaded: WaitLoaded) -> TriageTab:
    await wait_loaded(pilot)
    await pilot.press("3")
    await pilot.pause()
    assert app.query_one(TabbedContent).active == "triage"
    return app.query_one(TriageTab)


async def test_no_to_everything_reaches_self_care_with_next_steps(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_triage(app, pilot, wait_loaded)
        assert app.focused is not None and app.focused.id == "answer-no"
        for number, node_id in enumerate(ALL_NO_PATH, start=1):
            most = MOST_BEFORE_PREGNANCY_ANSWERED if number <= 8 else MOST_AFTER_PREGNANCY_NO
            assert text_of(tab, "#triage-progress-label") == f"Question {number} of at most {most}"
            assert text_of(tab, "#triage-question") == question_text(node_id)
            await pilot.press("n")
            await pilot.pause()

        title = OUTCOMES["self-care"]["title"]
        assert title in text_of(tab, "#triage-question")
        assert title in screen_text(app)
        assert not tab.query_one("#triage-answers").display
        assert "Self-care at home: Self-care at home" not in text_of(tab, "#triage-question")
        assert text_of(tab, "#triage-progress-label") == f"Done: {len(ALL_NO_PATH)} answers"
        assert tab.walk.reasons == ()
        assert focus_is_visible(app)

        buttons = {str(button.label): button for button in tab.query("#triage-outcome Button.next-step")}
        assert set(buttons) == {"Stretch routines", "Prevention"}
        # Answer keys do nothing once the walk is over.
        await pilot.press("y")
        await pilot.pause()
        assert title in text_of(tab, "#triage-question")

        buttons["Stretch routines"].scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(buttons["Stretch routines"])
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "stretch"


async def test_yes_first_is_an_emergency_then_back_backspace_and_restart(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_triage(app, pilot, wait_loaded)
        await pilot.press("y")
        await pilot.pause()

        outcome = OUTCOMES[QUESTIONS["q-chest"]["yes"]]
        assert outcome["disposition"] == "emergency"
        assert outcome["title"] in text_of(tab, "#triage-question")
        assert text_of(tab, ".emergency-line").startswith("Call your local emergency number now")
        shown = screen_text(app)
        assert "Call your local emergency number now" in shown
        assert "Because:" in shown
        assert tab.walk.reasons == (QUESTIONS["q-chest"]["reason"],)
        assert tab.query_one("#triage-card").has_class("outcome-emergency")
        assert not tab.query("#triage-outcome Button.next-step")
        assert text_of(tab, "#triage-progress-label") == "Done: 1 answer"
        assert focus_is_visible(app)

        await pilot.press("b")
        await pilot.pause()
        assert text_of(tab, "#triage-question") == question_text("q-chest")
        assert text_of(tab, "#triage-progress-label") == "Question 1 of at most 14"
        assert tab.query_one("#triage-answers").display
        assert not tab.query(".emergency-line")
        assert not tab.query_one("#triage-card").has_class("outcome-emergency")
        # Back at the first question there is nothing to undo.
        await pilot.press("b")
        await pilot.pause()
        assert text_of(tab, "#triage-question") == question_text("q-chest")

        await pilot.press("n", "n")
        await pilot.pause()
        assert text_of(tab, "#triage-question") == question_text("q-one-calf")
        assert text_of(tab, "#triage-progress-label") == "Question 3 of at most 14"
        await pilot.press("backspace")
        await pilot.pause()
        assert text_of(tab, "#triage-question") == question_text("q-cold-leg")
        assert text_of(tab, "#triage-progress-label") == "Question 2 of at most 14"

        await pilot.press("n", "n", "r")
        await pilot.pause()
        assert text_of(tab, "#triage-question") == question_text("q-chest")
        assert text_of(tab, "#triage-progress-label") == "Question 1 of at most 14"
        assert tab.walk.history == ()


async def test_clicks_answer_and_a_gp_outcome_opens_the_diary(
    make_app: MakeApp, wait_loaded: WaitLoaded
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        tab = await open_triage(app, pilot, wait_loaded)
        await pilot.click("#answer-no")
        await pilot.pause()
        assert text_of(tab, "#triage-question") == question_text("q-cold-leg")
        assert text_of(tab, "#triage-progress-label") == "Question 2 of at most 14"

        # Through "pregnant" with no, the longest way shrinks; then a click on yes for numbness.
        await pilot.press(*["n"] * (ALL_NO_PATH.index("q-numbness") - 1))
        await pilot.pause()
        assert text_of(tab, "#triage-question") == question_text("q-numbness")
        assert text_of(tab, "#triage-progress-label") == "Question 9 of at most 13"
        await pilot.click("#answer-yes")
        await pilot.pause()

        outcome = OUTCOMES[QUESTIONS["q-numbness"]["yes"]]
        assert outcome["disposition"] == "gp"
        assert outcome["title"] in text_of(tab, "#triage-question")
        assert outcome["title"] in screen_text(app)
        assert tab.walk.reasons == (QUESTIONS["q-numbness"]["reason"],)
        assert focus_is_visible(app)

        diary = tab.query_one("#triage-outcome Button.next-step", Button)
        assert "diary" in str(diary.label).lower()
        diary.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(diary)
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "diary"
