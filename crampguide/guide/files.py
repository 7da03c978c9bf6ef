"""The shape of each content file: what the loader validates TOML against and `crampguide schema` prints.

Kept apart from `models.py` because only validation needs them: a guide restored from the validated-content
cache is made of item models alone, and the app starts without defining these classes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from crampguide.guide.constraints import NonEmpty
from crampguide.guide.models import (
    Cause,
    Checklist,
    Disclaimer,
    Exercise,
    Id,
    KeyPoint,
    Outcome,
    PreventionRule,
    Question,
    RedFlag,
    Routine,
    Source,
    Strict,
    Treatment,
    Triage,
)


@dataclass(frozen=True, kw_only=True)
class SourcesFile(Strict):
    source: Annotated[tuple[Source, ...], NonEmpty()]


@dataclass(frozen=True, kw_only=True)
class KeyPointsFile(Strict):
    point: Annotated[tuple[KeyPoint, ...], NonEmpty()]


@dataclass(frozen=True, kw_only=True)
class CausesFile(Strict):
    cause: Annotated[tuple[Cause, ...], NonEmpty()]


@dataclass(frozen=True, kw_only=True)
class TreatmentsFile(Strict):
    treatment: Annotated[tuple[Treatment, ...], NonEmpty()]


@dataclass(frozen=True, kw_only=True)
class PreventionFile(Strict):
    rule: Annotated[tuple[PreventionRule, ...], NonEmpty()]


@dataclass(frozen=True, kw_only=True)
class RedFlagsFile(Strict):
    red_flag: Annotated[tuple[RedFlag, ...], NonEmpty()]


@dataclass(frozen=True, kw_only=True)
class TriageFile(Strict):
    """The triage tree; answers lead to another question or to an outcome, by id."""

    root: Id
    question: Annotated[tuple[Question, ...], NonEmpty()]
    outcome: Annotated[tuple[Outcome, ...], NonEmpty()]

    def triage(self) -> Triage:
        return Triage(root=self.root, questions=self.question, outcomes=self.outcome)


@dataclass(frozen=True, kw_only=True)
class RoutinesFile(Strict):
    exercise: Annotated[tuple[Exercise, ...], NonEmpty()]
    routine: Annotated[tuple[Routine, ...], NonEmpty()]


@dataclass(frozen=True, kw_only=True)
class ChecklistsFile(Strict):
    checklist: Annotated[tuple[Checklist, ...], NonEmpty()]


@dataclass(frozen=True, kw_only=True)
class DisclaimerFile(Strict):
    disclaimer: Disclaimer


# File name → model. The loader reads exactly these files; `crampguide schema` documents them.
CONTENT_FILES: dict[str, type[Strict]] = {
    "sources.toml": SourcesFile,
    "key_points.toml": KeyPointsFile,
    "causes.toml": CausesFile,
    "treatments.toml": TreatmentsFile,
    "prevention.toml": PreventionFile,
    "red_flags.toml": RedFlagsFile,
    "triage.toml": TriageFile,
    "routines.toml": RoutinesFile,
    "checklists.toml": ChecklistsFile,
    "disclaimer.toml": DisclaimerFile,
}
