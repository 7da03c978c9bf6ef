"""The content pack's models: plain frozen dataclasses, validated by Pydantic in the loader.

Every model forbids unknown fields, so a typo in a content file is an error rather than an ignored key.
The models describe single items; checks that span items and files live in `checks.py`, and the shape of each
content file in `files.py`. Importing this module does not import Pydantic: the app can use a guide restored
from the validated-content cache without it, and without the file models, which only validation needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, ClassVar

from crampguide.guide.constraints import ID_PATTERN, URL_PATTERN, Between, Matches, NonEmpty, NonEmptyText
from crampguide.guide.facts import Disposition, FactId

Text = Annotated[str, NonEmptyText()]
Id = Annotated[str, Matches(ID_PATTERN)]
Url = Annotated[str, Matches(URL_PATTERN)]
Ids = Annotated[tuple[Id, ...], NonEmpty()]

# What Pydantic applies to every model: unknown fields are errors; attribute docstrings document the schema.
PYDANTIC_CONFIG: dict[str, object] = {"extra": "forbid", "use_attribute_docstrings": True}


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


class LinkStrength(StrEnum):
    """How sure the link between a cause and cramps is. A cause is not advice, so it has no policy."""

    ESTABLISHED = "established"
    POSSIBLE = "possible"
    UNPROVEN = "unproven"
    MYTH = "myth"


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
    """Which leg a step works: `each` is left, then right; `cramped` is the leg with the cramp, which the
    routine asks about."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    EACH = "each"
    CRAMPED = "cramped"


class Strict:
    """Base of every content model: carries the Pydantic configuration."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, object]] = PYDANTIC_CONFIG


@dataclass(frozen=True, kw_only=True)
class Source(Strict):
    id: Id
    title: Text
    publisher: Text
    year: Annotated[int, Between(1900, 2100)] | None = None
    url: Url | None = None


@dataclass(frozen=True, kw_only=True)
class Graded(Strict):
    """A statement of the guide: it carries its evidence grade, safety notes and sources."""

    id: Id
    title: Text
    body: Text
    grade: Grade
    verdict: Text
    """What the guide says beside the item: the evidence in one or two sentences."""
    safety: tuple[Text, ...] = ()
    """Warnings, shown before the body. A not-advised item needs at least one: it says why."""
    sources: Ids


@dataclass(frozen=True, kw_only=True)
class Advice(Graded):
    """An item of advice: a graded item with a policy that says whether and how to use it."""

    policy: Policy


@dataclass(frozen=True, kw_only=True)
class KeyPoint(Graded):
    """A general statement of the article, with the evidence beside it. A statement, not advice: no policy."""


@dataclass(frozen=True, kw_only=True)
class Cause(Graded):
    """A cause the article names. Not advice: it says how sure the link is, never whether to "use" it."""

    group: CauseGroup
    link: LinkStrength
    what_helps: Text


@dataclass(frozen=True, kw_only=True)
class Treatment(Advice):
    group: TreatmentGroup
    article_says: Text
    """The article's claim in plain English, without its dosages."""


@dataclass(frozen=True, kw_only=True)
class PreventionRule(Advice):
    """A prevention rule or tip."""

    tip: bool = False


@dataclass(frozen=True, kw_only=True)
class RedFlag(Strict):
    id: Id
    fact: FactId
    title: Text
    body: Text
    disposition: Disposition
    sources: Ids


@dataclass(frozen=True, kw_only=True)
class Question(Strict):
    id: Id
    fact: FactId
    text: Text
    detail: Text | None = None
    reason: Text
    """Said back to the user when they answer yes: 'you said ...'."""
    yes: Id
    no: Id
    sources: Ids


@dataclass(frozen=True, kw_only=True)
class Outcome(Strict):
    id: Id
    disposition: Disposition
    title: Text
    do_now: Text
    why: Text
    sources: Ids


@dataclass(frozen=True, kw_only=True)
class Triage:
    """The triage tree as the program uses it; `TriageFile` is how it is written."""

    root: str
    questions: tuple[Question, ...]
    outcomes: tuple[Outcome, ...]

    @property
    def nodes(self) -> tuple[Question | Outcome, ...]:
        """Questions and outcomes share one id space: an answer may lead to either."""
        return (*self.questions, *self.outcomes)


@dataclass(frozen=True, kw_only=True)
class Exercise(Strict):
    """One movement a routine can use; routines refer to it by id."""

    id: Id
    title: Text
    instruction: Text
    caution: Text | None = None
    treatments: tuple[Id, ...] = ()
    """The first-aid treatments this exercise is: logging a cramp fills them in as "what helped"."""
    sources: Ids


@dataclass(frozen=True, kw_only=True)
class RoutineStep(Strict):
    exercise: Id
    seconds: Annotated[int, Between(1, 3600)]
    repetitions: Annotated[int, Between(1, 100)] = 1
    rest_seconds: Annotated[int, Between(0, 3600)] = 0
    side: Side = Side.BOTH
    until_eases: bool = False
    """The hold lasts until the cramp eases; `seconds` only paces it."""


@dataclass(frozen=True, kw_only=True)
class Routine(Strict):
    id: Id
    title: Text
    summary: Text
    when: Text
    bedtime: bool = False
    """Shown in the bedtime look when that setting is on."""
    stop_after_seconds: Annotated[int, Between(1, 86400)] | None = None
    """From the routine's start, pauses included: past this, show `stop_message`."""
    stop_message: Text | None = None
    steps: Annotated[tuple[RoutineStep, ...], NonEmpty()]
    sources: Ids


@dataclass(frozen=True, kw_only=True)
class ChecklistItem(Strict):
    id: Id
    text: Text
    rule: Id
    """The prevention rule that explains why; its sources are the item's sources."""
    routine: Id | None = None
    """Finishing this routine ticks the item."""


@dataclass(frozen=True, kw_only=True)
class Checklist(Strict):
    id: Id
    title: Text
    items: Annotated[tuple[ChecklistItem, ...], NonEmpty()]


@dataclass(frozen=True, kw_only=True)
class Disclaimer(Strict):
    title: Text
    body: Text


@dataclass(frozen=True, kw_only=True)
class Guide:
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
