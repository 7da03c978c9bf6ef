"""Pydantic models of the content pack.

Every model is frozen and forbids unknown fields, so a typo in a content file is an error rather than a
silently ignored key. The models check single items; checks that span files live in `checks.py`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from crampguide.guide.facts import Disposition, FactId

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Grade(StrEnum):
    """How well the evidence supports an item (see the content guide)."""

    GOOD = "good"
    LIMITED = "limited"
    NONE = "none"
    AGAINST = "against"


class Policy(StrEnum):
    """How the app may present an item."""

    RECOMMEND = "recommend"
    CAVEAT = "caveat"
    ASK_FIRST = "ask-first"
    NOT_ADVISED = "not-advised"


class CauseGroup(StrEnum):
    GENERAL = "general"
    PREGNANCY = "pregnancy"
    WOMEN = "women"
    MEN = "men"


class TreatmentGroup(StrEnum):
    FIRST_AID = "first-aid"
    HOME_REMEDIES = "home-remedies"
    VITAMINS_MINERALS = "vitamins-minerals"
    CREAMS_GELS = "creams-gels"
    MEDICINES = "medicines"
    VARICOSE_VEINS = "varicose-veins"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    EACH = "each"


class Strict(BaseModel):
    """Base for every content model: immutable, and strict about unknown fields."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Source(Strict):
    id: Id
    title: Text
    publisher: Text
    year: int | None = Field(default=None, ge=1900, le=2100)
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


class Sourced(Strict):
    """An item of advice: it carries its grade, policy, safety notes and sources."""

    id: Id
    title: Text
    body: Text
    grade: Grade
    policy: Policy
    verdict: Text = Field(
        description="What the guide says beside the item: the evidence in one or two sentences."
    )
    safety: tuple[Text, ...] = ()
    sources: tuple[Id, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _not_advised_needs_a_reason(self) -> Sourced:
        if self.policy is Policy.NOT_ADVISED and not self.safety:
            raise ValueError("a not-advised item needs at least one safety note saying why")
        return self


class KeyPoint(Sourced):
    """A general statement of the article, with the evidence beside it."""


class Cause(Sourced):
    group: CauseGroup
    what_helps: Text


class Treatment(Sourced):
    group: TreatmentGroup
    article_says: Text = Field(description="The article's claim in plain English, without its dosages.")


class PreventionRule(Sourced):
    """A prevention rule or tip."""

    tip: bool = False


class RedFlag(Strict):
    id: Id
    fact: FactId
    title: Text
    body: Text
    disposition: Disposition
    sources: tuple[Id, ...] = Field(min_length=1)


class Question(Strict):
    id: Id
    fact: FactId
    text: Text
    detail: Text | None = None
    reason: Text = Field(description="Said back to the user when they answer yes: 'you said ...'.")
    yes: Id
    no: Id
    sources: tuple[Id, ...] = Field(min_length=1)


class Outcome(Strict):
    id: Id
    disposition: Disposition
    title: Text
    do_now: Text
    why: Text
    sources: tuple[Id, ...] = Field(min_length=1)


class Triage(Strict):
    """The triage tree; in TOML the tables are `[[question]]` and `[[outcome]]`."""

    root: Id
    questions: tuple[Question, ...] = Field(min_length=1, alias="question")
    outcomes: tuple[Outcome, ...] = Field(min_length=1, alias="outcome")

    @property
    def nodes(self) -> tuple[Question | Outcome, ...]:
        """Questions and outcomes share one id space: an answer may lead to either."""
        return (*self.questions, *self.outcomes)

    def node(self, node_id: str) -> Question | Outcome | None:
        return next((node for node in self.nodes if node.id == node_id), None)


class Exercise(Strict):
    """One movement a routine can use; routines refer to it by id."""

    id: Id
    title: Text
    instruction: Text
    caution: Text | None = None
    sources: tuple[Id, ...] = Field(min_length=1)


class RoutineStep(Strict):
    exercise: Id
    seconds: int = Field(ge=1, le=3600)
    repetitions: int = Field(default=1, ge=1, le=100)
    rest_seconds: int = Field(default=0, ge=0, le=3600)
    side: Side = Side.BOTH
    until_eases: bool = Field(
        default=False, description="The hold lasts until the cramp eases; seconds pace it."
    )


class Routine(Strict):
    id: Id
    title: Text
    summary: Text
    when: Text
    bedtime: bool = Field(default=False, description="Shown in the bedtime look when that setting is on.")
    stop_after_seconds: int | None = Field(default=None, ge=1)
    stop_message: Text | None = None
    steps: tuple[RoutineStep, ...] = Field(min_length=1)
    sources: tuple[Id, ...] = Field(min_length=1)


class ChecklistItem(Strict):
    id: Id
    text: Text
    rule: Id = Field(description="The prevention rule that explains why; its sources are the item's sources.")
    routine: Id | None = Field(default=None, description="Finishing this routine ticks the item.")


class Checklist(Strict):
    id: Id
    title: Text
    items: tuple[ChecklistItem, ...] = Field(min_length=1)


class Disclaimer(Strict):
    title: Text
    body: Text


# --- one model per content file -------------------------------------------------------------


class SourcesFile(Strict):
    source: tuple[Source, ...] = Field(min_length=1)


class KeyPointsFile(Strict):
    point: tuple[KeyPoint, ...] = Field(min_length=1)


class CausesFile(Strict):
    cause: tuple[Cause, ...] = Field(min_length=1)


class TreatmentsFile(Strict):
    treatment: tuple[Treatment, ...] = Field(min_length=1)


class PreventionFile(Strict):
    rule: tuple[PreventionRule, ...] = Field(min_length=1)


class RedFlagsFile(Strict):
    red_flag: tuple[RedFlag, ...] = Field(min_length=1)


class RoutinesFile(Strict):
    exercise: tuple[Exercise, ...] = Field(min_length=1)
    routine: tuple[Routine, ...] = Field(min_length=1)


class ChecklistsFile(Strict):
    checklist: tuple[Checklist, ...] = Field(min_length=1)


class DisclaimerFile(Strict):
    disclaimer: Disclaimer


class Guide(Strict):
    """The whole validated content pack."""

    sources: tuple[Source, ...]
    key_points: tuple[KeyPoint, ...]
    causes: tuple[Cause, ...]
    treatments: tuple[Treatment, ...]
    prevention: tuple[PreventionRule, ...]
    red_flags: tuple[RedFlag, ...]
    triage: Triage
    exercises: tuple[Exercise, ...]
    routines: tuple[Routine, ...]
    checklists: tuple[Checklist, ...]
    disclaimer: Disclaimer

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)

    def routine(self, routine_id: str) -> Routine:
        return next(r for r in self.routines if r.id == routine_id)

    def exercise(self, exercise_id: str) -> Exercise:
        return next(e for e in self.exercises if e.id == exercise_id)

    def rule(self, rule_id: str) -> PreventionRule:
        return next(r for r in self.prevention if r.id == rule_id)


# File name → model. The loader reads exactly these files; `crampguide schema` documents them.
CONTENT_FILES: dict[str, type[Strict]] = {
    "sources.toml": SourcesFile,
    "key_points.toml": KeyPointsFile,
    "causes.toml": CausesFile,
    "treatments.toml": TreatmentsFile,
    "prevention.toml": PreventionFile,
    "red_flags.toml": RedFlagsFile,
    "triage.toml": Triage,
    "routines.toml": RoutinesFile,
    "checklists.toml": ChecklistsFile,
    "disclaimer.toml": DisclaimerFile,
}
