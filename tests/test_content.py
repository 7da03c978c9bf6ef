"""The bundled content against the content guide and the clinical review: what a reader must see, and not."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from urllib.parse import urlsplit

import pytest

from crampguide.guide.facts import MINIMUM_IF_YES, Disposition, FactId
from crampguide.guide.loader import load_guide
from crampguide.guide.models import Grade, Guide, Policy
from crampguide.paths import bundled_content_dir

GUIDE = load_guide(bundled_content_dir())

# Publishers' own sites, DOI and PubMed (CLINICAL-REVIEW.md section 0b): no mirror, news site, Q&A or shop.
PUBLISHER_HOSTS = (
    "nhs.uk",
    "nhsinform.scot",
    "cks.nice.org.uk",
    "aafp.org",
    "doi.org",
    "pubmed.ncbi.nlm.nih.gov",
    "www.ncbi.nlm.nih.gov",
    "fda.gov",
    "gov.uk",
    "mayoclinic.org",
    "merckmanuals.com",
    "medlineplus.gov",
    "aifa.gov.it",
    "ema.europa.eu",
    "cam-cancer.org",
    "nccih.nih.gov",
    "ods.od.nih.gov",
    "niformulary.hscni.net",
    "fpnotebook.com",
)


def all_text(guide: Guide) -> str:
    """Every string of the pack, joined: for checks that no wording appears anywhere."""
    parts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, tuple):
            for item in value:
                walk(item)
        elif is_dataclass(value) and not isinstance(value, type):
            for field in fields(value):
                walk(getattr(value, field.name))

    walk(guide)
    return "\n".join(parts)


TEXT = all_text(GUIDE)


@pytest.mark.parametrize("source", GUIDE.sources, ids=lambda source: source.id)
def test_sources_cite_the_publishers_own_address(source: object) -> None:
    url = getattr(source, "url", None)
    if url is None:
        return  # no publisher's page was found: the source names itself and gives no address
    host = urlsplit(url).hostname or ""
    assert url.startswith("https://"), url
    assert any(host == allowed or host.endswith("." + allowed) for allowed in PUBLISHER_HOSTS), url


def test_every_cited_source_exists_and_no_mirror_is_named() -> None:
    assert "mirror" not in " ".join(source.title for source in GUIDE.sources).casefold()


def test_what_the_article_says_is_reported_speech() -> None:
    for treatment in GUIDE.treatments:
        said = treatment.article_says
        assert said.startswith(("The article", "For cramps caused by")), treatment.id
        assert "the article" in said.casefold(), treatment.id


def test_wormwood_is_poured_away_not_labelled() -> None:
    wormwood = next(t for t in GUIDE.treatments if t.id == "wormwood-tincture")
    notes = " ".join(wormwood.safety)
    assert "pour it away" in notes
    assert "label" not in notes.casefold()


def test_urgent_means_today_and_nothing_says_within_24_hours() -> None:
    assert Disposition.URGENT.label == "Get medical help today"
    assert "within 24 hours" not in TEXT
    assert "See a doctor within" not in TEXT


def test_nothing_graded_against_is_advised() -> None:
    for item in (*GUIDE.treatments, *GUIDE.prevention):
        if item.grade is Grade.AGAINST:
            assert item.policy in (Policy.ASK_FIRST, Policy.NOT_ADVISED), item.id


def test_grades_as_the_review_gives_them() -> None:
    causes = {cause.id: cause for cause in GUIDE.causes}
    assert causes["dehydration"].grade is Grade.LIMITED
    assert causes["diabetes"].grade is Grade.LIMITED
    # One item per claim: the article's men's and pregnancy versions are carried by the general items.
    assert "dehydration-sweating" not in causes and "pregnancy-diuretics" not in causes
    assert "sweat" in causes["dehydration"].body and "too many" in causes["water-tablets"].body
    titles = [cause.title.casefold() for cause in GUIDE.causes]
    assert len(titles) == len(set(titles))


def test_magnesium_wording() -> None:
    assert "350 mg" not in TEXT
    assert "blood test can tell" not in TEXT
    by_id = {t.id: t for t in GUIDE.treatments}
    for item_id in ("vitamin-mineral-complexes", "magnesium-orotate"):
        notes = " ".join(by_id[item_id].safety)
        assert "no more than the leaflet says" in notes and "kidney disease" in notes, item_id


def test_pregnancy_as_a_midwife_would_want_it() -> None:
    pregnancy = next(cause for cause in GUIDE.causes if cause.id == "pregnancy")
    helps = pregnancy.what_helps
    assert "folic acid and vitamin D" in helps
    assert "paracetamol, not ibuprofen" in helps
    assert "calf stretches" in helps
    assert "not been tested in pregnancy" not in TEXT  # stretching is advised in pregnancy (NHS)
    rules = {rule.id: rule for rule in GUIDE.prevention}
    assert "nhs-leg-cramps-pregnancy" in rules["pregnancy-foot-exercises"].sources
    painkillers = next(t for t in GUIDE.treatments if t.id == "painkillers-during-cramp")
    assert any("paracetamol, not ibuprofen" in note for note in painkillers.safety)


def test_self_care_the_anchors_give() -> None:
    rules = {rule.id for rule in GUIDE.prevention}
    assert {"medicines-review", "pregnancy-foot-exercises", "sleep-position", "loosen-bedcovers"} <= rules
    sleep = next(rule for rule in GUIDE.prevention if rule.id == "sleep-position")
    assert "toes pointing down" in sleep.body and "on your side" in sleep.body


def test_the_legs_raised_step_carries_the_warning_of_the_treatment() -> None:
    step = GUIDE.exercise("walk-or-raise-legs")
    assert step.caution is not None
    for words in ("hang the leg down", "not a cramp", "get medical help today"):
        assert words in step.caution
    treatment = next(t for t in GUIDE.treatments if t.id == "lie-legs-raised")
    assert "not a cramp" in treatment.safety[0] and "today" in treatment.safety[0]


def test_every_flag_fact_has_a_red_flag() -> None:
    flagged = {flag.fact for flag in GUIDE.red_flags}
    needed = {fact for fact, least in MINIMUM_IF_YES.items() if least is not Disposition.SELF_CARE}
    assert needed <= flagged
    assert FactId.SUDDEN_WEAKNESS_ONE_SIDE in flagged and FactId.STATIN_MUSCLE_PAIN in flagged
