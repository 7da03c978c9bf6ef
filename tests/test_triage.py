"""The triage engine and the bundled tree: every path against a table, the walk, and the safety property."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crampguide.guide.facts import MINIMUM_IF_YES, PRE_ECLAMPSIA_CONTEXT, Disposition, FactId
from crampguide.guide.files import TriageFile
from crampguide.guide.loader import validate
from crampguide.guide.models import Outcome, Question, Triage
from crampguide.guide.triage_checks import check_triage
from crampguide.triage import (
    BrokenTreeError,
    InvalidAnswerError,
    MissingAnswerError,
    NotAChecklistError,
    Progress,
    Step,
    TriageWalk,
    UnknownFactError,
    WalkFinishedError,
    evaluate,
)

CONTENT = Path(__file__).resolve().parent.parent / "content"
F = FactId
E, U, G, S = Disposition.EMERGENCY, Disposition.URGENT, Disposition.GP, Disposition.SELF_CARE


def load_tree() -> Triage:
    with (CONTENT / "triage.toml").open("rb") as file:
        return validate(TriageFile, tomllib.load(file)).triage()


TREE = load_tree()

# Questions in the order asked when every answer is "no" except "pregnant".
ORDER = [
    ("q-chest", F.CHEST_PAIN_OR_BREATHLESS),
    ("q-cold-leg", F.LEG_COLD_PALE_OR_NUMB_SUDDENLY),
    ("q-stroke", F.SUDDEN_WEAKNESS_ONE_SIDE),
    ("q-one-calf", F.CALF_SWOLLEN_WARM_ONE_SIDE),
    ("q-long-cramp", F.CRAMP_OVER_10_MINUTES),
    ("q-wound-poison", F.WOUND_OR_TOXIN),
    ("q-dark-urine", F.DARK_URINE_AFTER_EXERTION),
    ("q-statin", F.STATIN_MUSCLE_PAIN),
    ("q-night-pain", F.NIGHT_PAIN_EASES_LEG_DOWN),
    ("q-pregnant", F.PREGNANT),
    ("q-pregnancy-signs", F.PREGNANT_SWELLING_OR_HEADACHE),
    ("q-numbness", F.NUMBNESS_OR_WEAKNESS),
    ("q-walking-pain", F.PAIN_WALKING_EASES_WITH_REST),
    ("q-new-medicine", F.NEW_MEDICINE),
    ("q-frequent", F.FREQUENT_OR_DISTURBS_SLEEP),
    ("q-condition", F.LONG_TERM_CONDITION),
]

_GP_ENDINGS: list[tuple[tuple[FactId, ...], str, Disposition]] = [
    ((F.NUMBNESS_OR_WEAKNESS,), "gp-numbness", G),
    ((F.PAIN_WALKING_EASES_WITH_REST,), "gp-walking-pain", G),
    ((F.NEW_MEDICINE,), "gp-medicine", G),
    ((F.FREQUENT_OR_DISTURBS_SLEEP,), "gp-frequent", G),
    ((F.LONG_TERM_CONDITION,), "gp-condition", G),
    ((), "self-care", S),
]

# Every root-to-leaf path, keyed by the facts answered yes on it (in order; every other answer is no).
EXPECTED: dict[tuple[FactId, ...], tuple[str, Disposition]] = {
    (F.CHEST_PAIN_OR_BREATHLESS,): ("emergency-lung-clot", E),
    (F.LEG_COLD_PALE_OR_NUMB_SUDDENLY,): ("emergency-blocked-artery", E),
    (F.SUDDEN_WEAKNESS_ONE_SIDE,): ("emergency-stroke", E),
    (F.CALF_SWOLLEN_WARM_ONE_SIDE,): ("urgent-leg-clot", U),
    (F.CRAMP_OVER_10_MINUTES,): ("urgent-long-cramp", U),
    (F.WOUND_OR_TOXIN,): ("urgent-tetanus-poison", U),
    (F.DARK_URINE_AFTER_EXERTION,): ("urgent-muscle-damage", U),
    (F.STATIN_MUSCLE_PAIN,): ("urgent-statin", U),
    (F.NIGHT_PAIN_EASES_LEG_DOWN,): ("urgent-rest-pain", U),
    (F.PREGNANT, F.PREGNANT_SWELLING_OR_HEADACHE): ("urgent-pre-eclampsia", U),
    (F.GAVE_BIRTH_LAST_6_WEEKS, F.PREGNANT_SWELLING_OR_HEADACHE): ("urgent-pre-eclampsia", U),
    **{yes: (outcome, disposition) for yes, outcome, disposition in _GP_ENDINGS},
    **{(F.PREGNANT, *yes): (outcome, disposition) for yes, outcome, disposition in _GP_ENDINGS},
    **{(F.GAVE_BIRTH_LAST_6_WEEKS, *yes): (outcome, disp) for yes, outcome, disp in _GP_ENDINGS},
}


def all_paths(walk: TriageWalk) -> Iterator[tuple[tuple[Step, ...], Outcome]]:
    """Depth-first through the tree with the walk itself: answer, recurse, go back."""
    if walk.outcome is not None:
        yield walk.path, walk.outcome
        return
    for answer in (True, False):
        walk.answer(answer)
        yield from all_paths(walk)
        assert walk.back()


def answers_for(yes: tuple[FactId, ...]) -> dict[FactId | str, bool]:
    return {fact: fact in yes for fact in FactId}


# --- the bundled tree ------------------------------------------------------------------------------------


def test_bundled_tree_passes_every_check() -> None:
    assert check_triage(TREE) == []


def test_bundled_tree_cites_known_sources() -> None:
    with (CONTENT / "sources.toml").open("rb") as file:
        known = {source["id"] for source in tomllib.load(file)["source"]}
    nodes: list[Question | Outcome] = [*TREE.questions, *TREE.outcomes]
    for node in nodes:
        assert set(node.sources) <= known, node.id


def test_every_path_matches_the_table() -> None:
    seen: dict[tuple[FactId, ...], tuple[str, Disposition]] = {}
    for path, outcome in all_paths(TriageWalk(TREE)):
        yes = tuple(step.fact for step in path if step.answer)
        assert yes not in seen, f"two paths answer yes to {yes}"
        seen[yes] = (outcome.id, outcome.disposition)
    assert seen == EXPECTED


@pytest.mark.parametrize("yes", list(EXPECTED), ids=lambda yes: "+".join(yes) or "all-no")
def test_evaluate_gives_the_table_outcome(yes: tuple[FactId, ...]) -> None:
    result = evaluate(TREE, answers_for(yes))
    assert (result.outcome.id, result.disposition) == EXPECTED[yes]
    assert tuple(step.fact for step in result.path if step.answer) == yes
    assert len(result.reasons) == len(yes)


def test_questions_are_asked_in_order_of_severity() -> None:
    walk = TriageWalk(TREE)
    answers = {fact: fact is F.PREGNANT for fact in FactId}
    while (question := walk.question) is not None:
        walk.answer(answers[question.fact])
    assert [(step.node, step.fact) for step in walk.path] == ORDER
    # Flags from most to least severe; "pregnant" is context and ranks as its follow-up.
    severities = [
        MINIMUM_IF_YES[F.PREGNANT_SWELLING_OR_HEADACHE if fact in PRE_ECLAMPSIA_CONTEXT else fact].severity
        for _, fact in ORDER
    ]
    # Not pregnant: "gave birth in the last 6 weeks" is asked next, and opens the same follow-up.
    walk = TriageWalk(TREE)
    while (question := walk.question) is not None:
        walk.answer(question.fact is F.GAVE_BIRTH_LAST_6_WEEKS)
    asked = [step.node for step in walk.path]
    assert asked[asked.index("q-pregnant") : asked.index("q-pregnant") + 3] == [
        "q-pregnant",
        "q-gave-birth",
        "q-pregnancy-signs",
    ]
    assert severities == sorted(severities, reverse=True)


def test_every_fact_is_asked_and_every_flag_yes_ends_the_walk() -> None:
    assert {question.fact for question in TREE.questions} == set(FactId)
    outcomes = {outcome.id for outcome in TREE.outcomes}
    for question in TREE.questions:
        if question.fact not in PRE_ECLAMPSIA_CONTEXT:
            assert question.yes in outcomes, question.id


def test_outcome_texts_say_what_the_review_asks() -> None:
    for outcome in TREE.outcomes:
        text = f"{outcome.title} {outcome.do_now}"
        # The headline is the outcome's title: it starts with the disposition's label and says it once.
        assert outcome.title.startswith(outcome.disposition.label), outcome.id
        assert outcome.title.casefold().count(outcome.disposition.label.casefold()) == 1, outcome.id
        assert "24 hours" not in text, outcome.id
        if outcome.disposition is E:
            assert "Call your local emergency number now (for example 999, 112 or 911)" in outcome.do_now
            if outcome.id != "emergency-stroke":  # a leg emergency: hands off the leg
                assert "or go to an emergency department" in outcome.do_now
                assert "Do not rub or massage the leg" in outcome.do_now
        elif outcome.disposition is U:
            assert "today" in outcome.title
            assert "same-day" in text or "same day" in text
            assert "If it gets worse before then, treat it as" in outcome.do_now
        elif outcome.disposition is G:
            assert "cramp diary" in outcome.do_now and "list of your medicines" in outcome.do_now
    by_id = {outcome.id: outcome for outcome in TREE.outcomes}
    assert "suddenly or is spreading, get medical help today" in by_id["gp-numbness"].do_now
    medicine = by_id["gp-medicine"].do_now
    assert "statin" in medicine and "same day" in medicine and "Do not stop your other medicines" in medicine
    clot = by_id["urgent-leg-clot"]
    assert "blood clot" in clot.why and "skin infection" in clot.why and "fever" in clot.why
    assert "stroke" in by_id["emergency-stroke"].why
    statin = by_id["urgent-statin"]
    assert "statin" in statin.title and "call a doctor straight away" in statin.why
    assert "6 weeks after the birth" in by_id["urgent-pre-eclampsia"].why
    self_care = by_id["self-care"].do_now
    assert "toes" in self_care and "before bed" in self_care and "prevention" in self_care
    assert "Come back to triage if" in self_care


# --- evaluate ----------------------------------------------------------------------------------------------


def test_evaluate_reports_path_and_reasons() -> None:
    result = evaluate(TREE, {**answers_for(()), "calf_swollen_warm_one_side": True})
    assert result.outcome.id == "urgent-leg-clot"
    assert result.disposition is U
    assert result.path == (
        Step("q-chest", F.CHEST_PAIN_OR_BREATHLESS, False),
        Step("q-cold-leg", F.LEG_COLD_PALE_OR_NUMB_SUDDENLY, False),
        Step("q-stroke", F.SUDDEN_WEAKNESS_ONE_SIDE, False),
        Step("q-one-calf", F.CALF_SWOLLEN_WARM_ONE_SIDE, True),
    )
    assert result.reasons == (
        "You said one calf is swollen, red or warm, or sore with pain that lasts more than a day or keeps "
        "getting worse.",
    )


def test_one_calf_question_does_not_catch_ordinary_soreness() -> None:
    question = next(q for q in TREE.questions if q.fact is F.CALF_SWOLLEN_WARM_ONE_SIDE)
    asked = f"{question.text} {question.detail}"
    assert "more than a day" in asked and "keeps getting worse" in asked
    assert "soreness for up to a day after a cramp is normal" in asked
    assert "stays after the cramp" not in asked  # ordinary soreness stays a while: that alone is no flag


def test_evaluate_ignores_answers_the_path_does_not_reach() -> None:
    answers = {"chest_pain_or_breathless": True, "long_term_condition": True}
    assert evaluate(TREE, answers).outcome.id == "emergency-lung-clot"


def test_missing_answer_names_the_fact_and_the_question() -> None:
    with pytest.raises(MissingAnswerError) as caught:
        evaluate(TREE, {"chest_pain_or_breathless": False})
    error = caught.value
    assert error.fact is F.LEG_COLD_PALE_OR_NUMB_SUDDENLY
    assert error.question.id == "q-cold-leg"
    assert "leg_cold_pale_or_numb_suddenly" in str(error)
    assert error.question.text in str(error)


def test_pregnancy_follow_up_is_needed_only_when_pregnant_or_after_a_birth() -> None:
    answers = answers_for(())
    del answers[F.PREGNANT_SWELLING_OR_HEADACHE]
    assert evaluate(TREE, answers).outcome.id == "self-care"
    with pytest.raises(MissingAnswerError, match="pregnant_swelling_or_headache"):
        evaluate(TREE, {**answers, F.PREGNANT: True})
    with pytest.raises(MissingAnswerError, match="pregnant_swelling_or_headache"):
        evaluate(TREE, {**answers, F.GAVE_BIRTH_LAST_6_WEEKS: True})
    # Pregnant now: "gave birth in the last 6 weeks" is not asked, so it may be left out.
    del answers[F.GAVE_BIRTH_LAST_6_WEEKS]
    pregnant = {**answers, F.PREGNANT: True, F.PREGNANT_SWELLING_OR_HEADACHE: True}
    assert evaluate(TREE, pregnant).outcome.id == "urgent-pre-eclampsia"


def test_unknown_fact_ids_are_all_named() -> None:
    with pytest.raises(UnknownFactError) as caught:
        evaluate(TREE, {**answers_for(()), "calf_swolen": True, "chest": False})
    assert caught.value.names == ("calf_swolen", "chest")
    assert "calf_swolen" in str(caught.value) and "chest" in str(caught.value)


def test_non_boolean_answer_is_refused() -> None:
    answers: dict[FactId | str, object] = {**answers_for(()), "pregnant": "yes"}
    with pytest.raises(InvalidAnswerError, match="'pregnant' must be true or false"):
        evaluate(TREE, answers)  # type: ignore[arg-type]


# --- the walk --------------------------------------------------------------------------------


def test_walk_answers_goes_back_and_restarts() -> None:
    walk = TriageWalk(TREE, checklist_at_most=None)
    assert walk.question is not None and walk.question.id == "q-chest"
    longest = len(ORDER) + 1  # not pregnant, then "gave birth" = yes and its follow-up
    assert walk.progress == Progress(0, longest)
    assert walk.back() is False
    assert walk.result is None

    assert isinstance(walk.answer(False), Question)
    assert walk.progress == Progress(1, longest - 1)
    walk.answer(False)
    walk.answer(False)
    following = walk.answer(True)
    assert isinstance(following, Outcome) and following.id == "urgent-leg-clot"
    assert walk.finished and walk.question is None and walk.outcome == following
    assert walk.progress == Progress(4, 0) and walk.progress.fraction == 1.0
    assert walk.reasons == (TREE.questions[3].reason,)
    assert walk.said_yes == (F.CALF_SWOLLEN_WARM_ONE_SIDE,)
    assert walk.path == (
        Step("q-chest", F.CHEST_PAIN_OR_BREATHLESS, False),
        Step("q-cold-leg", F.LEG_COLD_PALE_OR_NUMB_SUDDENLY, False),
        Step("q-stroke", F.SUDDEN_WEAKNESS_ONE_SIDE, False),
        Step("q-one-calf", F.CALF_SWOLLEN_WARM_ONE_SIDE, True),
    )
    result = walk.result
    assert result is not None and result.outcome.id == "urgent-leg-clot" and len(result.path) == 4
    with pytest.raises(WalkFinishedError):
        walk.answer(True)
    with pytest.raises(WalkFinishedError):
        walk.answer_checklist(())

    assert walk.back() is True
    assert walk.question is not None and walk.question.id == "q-one-calf"
    assert walk.progress == Progress(3, longest - 3)
    assert walk.reasons == () and walk.result is None

    walk.restart()
    assert walk.current.id == "q-chest" and walk.path == () and walk.progress.answered == 0


def test_progress_counts_the_pregnancy_follow_up_only_when_it_can_come() -> None:
    walk = TriageWalk(TREE, checklist_at_most=None)
    for _ in range(9):
        walk.answer(False)
    assert walk.current.id == "q-pregnant"
    assert walk.progress == Progress(9, 8)  # the longest way on: not pregnant, gave birth, then the follow-up
    walk.answer(True)
    assert walk.progress == Progress(10, 6)  # pregnant: the follow-up, then the five doctor questions
    walk.back()
    walk.answer(False)
    assert walk.current.id == "q-gave-birth"
    walk.answer(False)
    assert walk.progress == Progress(11, 5)


# --- the checklist of doctor questions ------------------------------------------------------------------

# Derived from the facts, not from ids: what a "yes" to needs a doctor in days or weeks, not today.
DOCTOR_FACTS = {question.fact for question in TREE.questions if MINIMUM_IF_YES[question.fact] is G}


def walk_to_checklist(walk: TriageWalk) -> tuple[Question, ...]:
    """Answer no until a checklist is offered."""
    while not walk.checklist:
        walk.answer(False)
    return walk.checklist


def test_the_doctor_questions_come_as_one_checklist_after_the_flags() -> None:
    walk = TriageWalk(TREE)
    asked_one_by_one: list[FactId] = []
    while not walk.checklist:
        question = walk.question
        assert question is not None, "the walk ended without offering a checklist"
        asked_one_by_one.append(question.fact)
        walk.answer(False)
    checklist = walk.checklist
    assert {question.fact for question in checklist} == DOCTOR_FACTS
    assert len(checklist) == len(DOCTOR_FACTS) > 1
    # Every emergency and urgent flag on the way came first, one to a screen.
    assert all(
        MINIMUM_IF_YES[fact].severity > G.severity or MINIMUM_IF_YES[fact] is S for fact in asked_one_by_one
    )
    assert walk.progress == Progress(len(asked_one_by_one), 1)

    walk.answer_checklist(())
    all_no = evaluate(TREE, answers_for(()))
    assert walk.outcome == all_no.outcome and walk.outcome is not None and walk.outcome.disposition is S
    assert walk.path == all_no.path
    # "None of these" on the checklist: one screen instead of one per doctor question.
    assert walk.progress.answered == len(all_no.path) - len(DOCTOR_FACTS) + 1


def test_ticks_end_where_the_same_answers_one_by_one_end_and_every_tick_is_a_reason() -> None:
    walk = TriageWalk(TREE)
    checklist = walk_to_checklist(walk)
    first, later = checklist[1], checklist[-1]
    walk.answer_checklist({later.fact, first.fact})
    answers = {**answers_for(()), first.fact: True, later.fact: True}
    expected = evaluate(TREE, answers)
    assert walk.result is not None
    assert walk.result.outcome == expected.outcome and walk.result.disposition is G
    assert walk.path == expected.path
    assert walk.reasons == (first.reason, later.reason)
    assert walk.said_yes == (first.fact, later.fact)

    # Back undoes the whole checklist at once, and offers it again as the user ticked it.
    assert walk.back() is True
    assert walk.checklist == checklist and walk.current == checklist[0]
    assert walk.reasons == ()
    assert walk.ticked == {first.fact, later.fact}
    walk.answer_checklist(())
    walk.back()
    assert walk.ticked == frozenset()
    walk.answer_checklist({later.fact})
    walk.restart()
    walk_to_checklist(walk)
    assert walk.ticked == frozenset()


def test_ticks_need_a_checklist_and_its_own_facts() -> None:
    walk = TriageWalk(TREE)
    with pytest.raises(NotAChecklistError, match="single question"):
        walk.answer_checklist(())
    checklist = walk_to_checklist(walk)
    before = walk.progress
    with pytest.raises(NotAChecklistError, match="not on this checklist: chest_pain_or_breathless"):
        walk.answer_checklist({F.CHEST_PAIN_OR_BREATHLESS, checklist[0].fact})
    assert walk.checklist == checklist and walk.progress == before  # nothing was answered
    # A single answer still works at a checklist: it answers its first question.
    walk.answer(False)
    assert walk.current == checklist[1]


def test_no_checklist_when_turned_off_or_when_only_one_question_would_be_on_it() -> None:
    walk = TriageWalk(TREE, checklist_at_most=None)
    for _ in range(len(ORDER)):
        assert walk.checklist == ()
        if walk.question is None:
            break
        walk.answer(False)
    single = _tiny("q-a", [{"id": "q-a", "fact": "new_medicine", "yes": "end", "no": "end"}])
    assert TriageWalk(single, checklist_at_most=E).checklist == ()


def _tiny(root: str, questions: list[dict[str, str]]) -> Triage:
    outcome = {
        "id": "end",
        "disposition": "emergency",
        "title": "T",
        "do_now": "D",
        "why": "W",
        "sources": ["s"],
    }
    for question in questions:
        question.setdefault("text", "Q?")
        question.setdefault("reason", "R")
        question.setdefault("sources", ["s"])  # type: ignore[arg-type]
    return validate(TriageFile, {"root": root, "question": questions, "outcome": [outcome]}).triage()


def test_walk_refuses_a_broken_tree() -> None:
    with pytest.raises(BrokenTreeError, match="no node 'nowhere'"):
        TriageWalk(_tiny("nowhere", [{"id": "q-a", "fact": "pregnant", "yes": "end", "no": "end"}]))
    looped = _tiny(
        "q-a",
        [
            {"id": "q-a", "fact": "pregnant", "yes": "end", "no": "q-b"},
            {"id": "q-b", "fact": "new_medicine", "yes": "end", "no": "q-a"},
        ],
    )
    with pytest.raises(BrokenTreeError, match="leads back"):
        TriageWalk(looped).progress  # noqa: B018
    walk = TriageWalk(looped)
    walk.answer(False)
    with pytest.raises(BrokenTreeError, match="leads back"):
        walk.answer(False)


# --- the safety property -----------------------------------------------------------------------------------

complete_answers = st.fixed_dictionaries({fact: st.booleans() for fact in FactId})


@settings(max_examples=500)
@given(complete_answers)
def test_disposition_is_never_milder_than_a_flag_answered_yes(answers: dict[FactId, bool]) -> None:
    result = evaluate(TREE, dict(answers))
    # The pre-eclampsia follow-up means nothing unless pregnant or just after a birth, so the tree rightly
    # does not ask it then.
    context = any(answers[fact] for fact in PRE_ECLAMPSIA_CONTEXT)
    follow_up = F.PREGNANT_SWELLING_OR_HEADACHE
    flags = [fact for fact, yes in answers.items() if yes and (fact is not follow_up or context)]
    worst = max((MINIMUM_IF_YES[fact].severity for fact in flags), default=0)
    assert result.disposition.severity >= worst
    for step in result.path:
        assert step.answer == answers[step.fact]
        if step.answer:
            assert result.disposition.severity >= MINIMUM_IF_YES[step.fact].severity
    assert len(result.reasons) == sum(step.answer for step in result.path)


@given(st.dictionaries(st.sampled_from(list(FactId)), st.booleans()))
def test_partial_answers_give_an_outcome_or_name_a_missing_fact(answers: dict[FactId, bool]) -> None:
    try:
        result = evaluate(TREE, dict(answers))
    except MissingAnswerError as error:
        assert error.fact not in answers
    else:
        assert all(step.fact in answers for step in result.path)


def walk_with(walk: TriageWalk, answers: dict[FactId, bool]) -> None:
    """Answer every screen from `answers`: a checklist gets the facts answered yes as ticks."""
    while walk.question is not None:
        checklist = walk.checklist
        if checklist:
            walk.answer_checklist({question.fact for question in checklist if answers[question.fact]})
        else:
            walk.answer(answers[walk.question.fact])


def assert_safe_and_same_as_evaluate(triage: Triage, walk: TriageWalk, answers: dict[FactId, bool]) -> None:
    result = walk.result
    assert result is not None
    expected = evaluate(triage, dict(answers))
    assert result.outcome == expected.outcome
    assert result.path == expected.path
    # Every fact said yes to, ticked ones the tree never reached included, gets at least what it needs.
    for fact in walk.said_yes:
        assert answers[fact]
        assert result.disposition.severity >= MINIMUM_IF_YES[fact].severity, fact
    assert len(result.reasons) == len(walk.said_yes)


levels = st.sampled_from([None, *Disposition])


@settings(max_examples=300)
@given(complete_answers, levels)
def test_checklists_at_any_level_are_safe_and_end_as_evaluate_does(
    answers: dict[FactId, bool], level: Disposition | None
) -> None:
    walk = TriageWalk(TREE, checklist_at_most=level)
    walk_with(walk, answers)
    assert_safe_and_same_as_evaluate(TREE, walk, answers)


# Flags for generated trees: any fact but the pregnancy pair, whose order the tree checks separately.
FLAGS = [fact for fact in FactId if fact not in (F.PREGNANT, F.PREGNANT_SWELLING_OR_HEADACHE)]


@st.composite
def flag_chains(draw: st.DrawFn) -> Triage:
    """A chain of flags as the bundled tree has: each "yes" ends at an outcome at least as severe as the flag
    needs (sometimes more), each "no" asks the next, the last "no" ends at self-care."""
    facts = draw(st.lists(st.sampled_from(FLAGS), min_size=1, max_size=8, unique=True))
    questions: list[dict[str, object]] = []
    outcomes: list[dict[str, object]] = [_outcome("end-self-care", S)]
    for index, fact in enumerate(facts):
        at_least = MINIMUM_IF_YES[fact].severity
        disposition = draw(st.sampled_from([d for d in Disposition if d.severity >= at_least]))
        outcomes.append(_outcome(f"end-{index}", disposition))
        following = f"q-{index + 1}" if index + 1 < len(facts) else "end-self-care"
        questions.append(
            {"id": f"q-{index}", "fact": fact.value, "text": "Q?", "reason": f"R{index}",
             "yes": f"end-{index}", "no": following, "sources": ["s"]}
        )  # fmt: skip
    triage = validate(TriageFile, {"root": "q-0", "question": questions, "outcome": outcomes}).triage()
    assert check_triage(triage) == []
    return triage


def _outcome(node_id: str, disposition: Disposition) -> dict[str, object]:
    return {
        "id": node_id,
        "disposition": disposition.value,
        "title": "T",
        "do_now": "D",
        "why": "W",
        "sources": ["s"],
    }


@settings(max_examples=300)
@given(flag_chains(), complete_answers, levels)
def test_checklists_on_any_safe_chain_are_safe_and_end_as_evaluate_does(
    triage: Triage, answers: dict[FactId, bool], level: Disposition | None
) -> None:
    walk = TriageWalk(triage, checklist_at_most=level)
    # What a checklist may hold: one disposition for every "yes" on it, none above the level.
    outcomes = {outcome.id: outcome for outcome in triage.outcomes}
    checklist = walk.checklist
    endings = {outcomes[question.yes].disposition for question in checklist}
    assert len(endings) <= 1
    assert all(level is not None and ending.severity <= level.severity for ending in endings)
    walk_with(walk, answers)
    assert_safe_and_same_as_evaluate(triage, walk, answers)
