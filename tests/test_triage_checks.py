"""Each triage check can fail: small broken trees, and the exact problem each one gets."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import RunCli

from crampguide.guide import triage_checks
from crampguide.guide.errors import Problem
from crampguide.guide.files import TriageFile
from crampguide.guide.loader import validate
from crampguide.guide.models import Triage
from crampguide.guide.triage_checks import FILE, check_triage

CONTENT = Path(__file__).resolve().parent.parent / "content"


def q(node_id: str, fact: str, yes: str, no: str) -> dict[str, Any]:
    return {
        "id": node_id,
        "fact": fact,
        "text": f"{node_id}?",
        "reason": f"you said {node_id}",
        "yes": yes,
        "no": no,
        "sources": ["s"],
    }


def o(node_id: str, disposition: str) -> dict[str, Any]:
    return {
        "id": node_id,
        "disposition": disposition,
        "title": node_id,
        "do_now": "Do.",
        "why": "Why.",
        "sources": ["s"],
    }


def tree(root: str, *nodes: dict[str, Any]) -> Triage:
    return validate(
        TriageFile,
        {
            "root": root,
            "question": [node for node in nodes if "fact" in node],
            "outcome": [node for node in nodes if "fact" not in node],
        },
    ).triage()


OUTCOMES = (o("go-now", "emergency"), o("today", "urgent"), o("doctor", "gp"), o("ok", "self-care"))


def test_a_sound_tree_has_no_problems() -> None:
    sound = tree(
        "q-chest",
        q("q-chest", "chest_pain_or_breathless", "go-now", "q-calf"),
        q("q-calf", "calf_swollen_warm_one_side", "today", "q-pregnant"),
        q("q-pregnant", "pregnant", "q-signs", "q-frequent"),
        q("q-signs", "pregnant_swelling_or_headache", "today", "q-frequent"),
        q("q-frequent", "frequent_or_disturbs_sleep", "doctor", "ok"),
        *OUTCOMES,
    )
    assert check_triage(sound) == []


def test_the_bundled_tree_has_no_problems() -> None:
    with (CONTENT / "triage.toml").open("rb") as file:
        assert check_triage(validate(TriageFile, tomllib.load(file)).triage()) == []


def test_unknown_nodes() -> None:
    broken = tree("q-nope", q("q-chest", "chest_pain_or_breathless", "go-now", "q-gone"), *OUTCOMES)
    assert check_triage(broken) == [
        Problem(FILE, "-", "root", "unknown node 'q-nope'"),
        Problem(FILE, "q-chest", "no", "unknown node 'q-gone'"),
    ]


def test_cycle() -> None:
    looped = tree(
        "q-a",
        q("q-a", "pregnant", "ok", "q-b"),
        q("q-b", "new_medicine", "doctor", "q-a"),
        *OUTCOMES,
    )
    assert check_triage(looped) == [Problem(FILE, "q-b", "yes/no", "cycle: q-a -> q-b -> q-a")]


def test_unreachable_node() -> None:
    lonely = tree(
        "q-chest",
        q("q-chest", "chest_pain_or_breathless", "go-now", "ok"),
        q("q-lonely", "new_medicine", "doctor", "ok"),
        *OUTCOMES,
    )
    problems = check_triage(lonely)
    assert Problem(FILE, "q-lonely", "id", "not reachable from the root 'q-chest'") in problems
    assert Problem(FILE, "today", "id", "not reachable from the root 'q-chest'") in problems


def test_emergency_yes_leading_to_self_care() -> None:
    unsafe = tree("q-chest", q("q-chest", "chest_pain_or_breathless", "ok", "go-now"), *OUTCOMES)
    assert Problem(
        FILE,
        "ok",
        "disposition",
        "q-chest=yes leads to 'self-care' outcome 'ok'; "
        "needs at least emergency (chest_pain_or_breathless = yes)",
    ) in check_triage(unsafe)


def test_urgent_yes_then_milder_outcomes_further_on() -> None:
    """The rule holds on the whole path: a later question must not lead somewhere milder either."""
    unsafe = tree(
        "q-chest",
        q("q-chest", "chest_pain_or_breathless", "go-now", "q-calf"),
        q("q-calf", "calf_swollen_warm_one_side", "q-frequent", "q-frequent"),
        q("q-frequent", "frequent_or_disturbs_sleep", "doctor", "ok"),
        *OUTCOMES,
    )
    messages = [problem.message for problem in check_triage(unsafe) if problem.field == "disposition"]
    assert messages == [
        "q-chest=no -> q-calf=yes -> q-frequent=yes leads to 'gp' outcome 'doctor'; "
        "needs at least urgent (calf_swollen_warm_one_side = yes)",
        "q-chest=no -> q-calf=yes -> q-frequent=no leads to 'self-care' outcome 'ok'; "
        "needs at least urgent (calf_swollen_warm_one_side = yes)",
    ]


def test_context_fact_may_lead_to_self_care() -> None:
    fine = tree("q-pregnant", q("q-pregnant", "pregnant", "ok", "ok"), *OUTCOMES[3:])
    assert check_triage(fine) == []


def test_fact_asked_twice_on_a_path() -> None:
    twice = tree(
        "q-chest",
        q("q-chest", "chest_pain_or_breathless", "go-now", "q-frequent"),
        q("q-frequent", "frequent_or_disturbs_sleep", "doctor", "q-chest-again"),
        q("q-chest-again", "chest_pain_or_breathless", "go-now", "ok"),
        *OUTCOMES,
    )
    assert [p for p in check_triage(twice) if p.field == "fact"] == [
        Problem(
            FILE,
            "q-chest-again",
            "fact",
            "fact 'chest_pain_or_breathless' is asked again, after 'q-chest', "
            "on q-chest=no -> q-frequent=no -> q-chest-again",
        ),
    ]


def test_the_same_fact_on_separate_branches_is_fine() -> None:
    branches = tree(
        "q-pregnant",
        q("q-pregnant", "pregnant", "q-frequent-a", "q-frequent-b"),
        q("q-frequent-a", "frequent_or_disturbs_sleep", "doctor", "ok"),
        q("q-frequent-b", "frequent_or_disturbs_sleep", "doctor", "ok"),
        *OUTCOMES[2:],
    )
    assert check_triage(branches) == []


@pytest.mark.parametrize(
    ("nodes", "where"),
    [
        ((q("q-signs", "pregnant_swelling_or_headache", "today", "ok"),), "q-signs"),
        (
            (
                q("q-pregnant", "pregnant", "ok", "q-signs"),
                q("q-signs", "pregnant_swelling_or_headache", "today", "ok"),
            ),
            "q-pregnant=no -> q-signs",
        ),
        (
            (
                q("q-birth", "gave_birth_last_6_weeks", "ok", "q-signs"),
                q("q-signs", "pregnant_swelling_or_headache", "today", "ok"),
            ),
            "q-birth=no -> q-signs",
        ),
    ],
    ids=["at-the-root", "after-not-pregnant", "after-no-recent-birth"],
)
def test_pregnancy_follow_up_without_pregnant_yes(nodes: tuple[dict[str, Any], ...], where: str) -> None:
    unguarded = tree(nodes[0]["id"], *nodes, o("today", "urgent"), o("ok", "self-care"))
    assert check_triage(unguarded) == [
        Problem(
            FILE,
            "q-signs",
            "fact",
            "'pregnant_swelling_or_headache' is asked without 'pregnant' or 'gave_birth_last_6_weeks' = yes "
            f"before it, on {where}",
        ),
    ]


def test_pregnancy_follow_up_after_a_recent_birth_is_sound() -> None:
    after_birth = tree(
        "q-pregnant",
        q("q-pregnant", "pregnant", "q-signs", "q-birth"),
        q("q-birth", "gave_birth_last_6_weeks", "q-signs", "ok"),
        q("q-signs", "pregnant_swelling_or_headache", "today", "ok"),
        o("today", "urgent"),
        o("ok", "self-care"),
    )
    assert check_triage(after_birth) == []


def test_too_many_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(triage_checks, "MAX_PATHS", 10)
    facts = [
        "pregnant",
        "frequent_or_disturbs_sleep",
        "numbness_or_weakness",
        "new_medicine",
        "long_term_condition",
    ]
    ids = [f"q-{index}" for index in range(len(facts))]
    chain = [
        q(ids[i], fact, *(2 * [ids[i + 1] if i + 1 < len(ids) else "doctor"])) for i, fact in enumerate(facts)
    ]
    wide = tree("q-0", *chain, *OUTCOMES[2:3])
    assert check_triage(wide) == [
        Problem(FILE, "q-0", "root", "more than 10 paths from the root; too many to check")
    ]


def test_validate_reports_an_unsafe_tree(minimal_pack: Path, cli: RunCli) -> None:
    triage = minimal_pack / "triage.toml"
    triage.write_text(triage.read_text().replace('yes = "out-emergency"', 'yes = "out-self-care"'))
    done = cli("validate", minimal_pack)
    assert done.returncode == 1
    assert (
        "triage.toml: out-self-care: disposition: q-chest=yes leads to 'self-care' outcome 'out-self-care'; "
        "needs at least emergency"
    ) in done.stderr
    assert "Traceback" not in done.stderr
