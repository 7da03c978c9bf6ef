"""Read a content directory into one validated, immutable `Guide`.

Every failure becomes a `Problem` naming file, item and field; the loader collects all of them and raises one
`ContentError`, so an author sees every mistake in one run and never a traceback.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from crampguide.guide import checks
from crampguide.guide.constraints import TEXT_PATTERN
from crampguide.guide.errors import ContentError, Problem
from crampguide.guide.files import (
    CONTENT_FILES,
    CausesFile,
    ChecklistsFile,
    DisclaimerFile,
    KeyPointsFile,
    PreventionFile,
    RedFlagsFile,
    RoutinesFile,
    SourcesFile,
    TreatmentsFile,
    TriageFile,
)
from crampguide.guide.models import Guide, Strict
from crampguide.reading import MAX_CONTENT_FILE_BYTES, TomlProblem, parse_toml, read_bytes

NO_ITEM = "-"
_M = TypeVar("_M", bound=Strict)


def load_guide(directory: Path) -> Guide:
    """Load and check the content pack in `directory`; raise `ContentError` listing every problem."""
    if not directory.is_dir():
        what = "is not a directory" if directory.exists() else "content directory not found"
        raise ContentError([Problem(str(directory), NO_ITEM, NO_ITEM, what)])

    parsed: dict[str, Strict] = {}
    problems: list[Problem] = []
    for name, model in CONTENT_FILES.items():
        result = _load_file(directory / name, model)
        if isinstance(result, Strict):
            parsed[name] = result
        else:
            problems.extend(result)
    if problems:
        raise ContentError(problems)

    guide = _assemble(parsed)
    problems = checks.check_guide(guide)
    if problems:
        raise ContentError(problems)
    return guide


_ADAPTERS: dict[type[Strict], TypeAdapter[Any]] = {}


def validate(model: type[_M], data: object) -> _M:
    """Validate parsed TOML against a content model; raises Pydantic's `ValidationError`."""
    adapter = _ADAPTERS.get(model)
    if adapter is None:
        adapter = _ADAPTERS[model] = TypeAdapter(model)
    result: _M = adapter.validate_python(data)
    return result


def _load_file(path: Path, model: type[Strict]) -> Strict | list[Problem]:
    name = path.name
    try:
        data = parse_toml(read_bytes(path, MAX_CONTENT_FILE_BYTES))
    except FileNotFoundError:
        return [Problem(name, NO_ITEM, NO_ITEM, "file is missing")]
    except OSError as exc:
        return [Problem(name, NO_ITEM, NO_ITEM, f"cannot read the file: {exc.strerror or exc}")]
    except TomlProblem as exc:
        return [Problem(name, NO_ITEM, NO_ITEM, str(exc))]
    try:
        return validate(model, data)
    except ValidationError as exc:
        return [_validation_problem(name, data, error) for error in _real_errors(exc.errors())]
    except RecursionError:
        return [Problem(name, NO_ITEM, NO_ITEM, "TOML nested too deeply")]


def _real_errors(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop Pydantic's echo of a bad item: an array with one invalid entry is also reported "too short"."""
    locs = [error["loc"] for error in errors]
    return [
        error
        for error in errors
        if not (
            error["type"] == "too_short"
            and any(len(loc) > len(error["loc"]) and loc[: len(error["loc"])] == error["loc"] for loc in locs)
        )
    ]


def _validation_problem(file: str, data: Mapping[str, Any], error: ErrorDetails) -> Problem:
    """Turn one Pydantic error into a problem whose item is the id of the table it sits in."""
    loc = error["loc"]
    item = NO_ITEM
    field_path: Sequence[int | str] = loc
    if len(loc) >= 2 and isinstance(loc[1], int):
        item = _item_name(data, str(loc[0]), loc[1])
        field_path = loc[2:]
    elif len(loc) >= 1 and isinstance(data.get(str(loc[0])), Mapping):
        item = str(loc[0])
        field_path = loc[1:]
    field = _field_name(field_path) if field_path else NO_ITEM
    return Problem(file, item, field, _message(error))


def _item_name(data: Mapping[str, Any], table: str, index: int) -> str:
    items = data.get(table)
    if isinstance(items, list) and index < len(items):
        entry = items[index]
        if isinstance(entry, Mapping) and isinstance(entry.get("id"), str) and entry["id"].strip():
            return str(entry["id"])
    return f"{table}[{index}]"


def _field_name(path: Sequence[int | str]) -> str:
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


_MESSAGES = {
    "missing": "missing field",
    "extra_forbidden": "unknown field",
    "unexpected_keyword_argument": "unknown field",
    "missing_argument": "missing field",
    "string_too_short": "must not be empty",
    "too_short": "must not be empty",
    "string_pattern_mismatch": "is not in the right form",
}


_EXPECTED = {
    "model_type": "must be a table",
    "dataclass_type": "must be a table",
    "dataclass_args_type": "must be a table",
    "dict_type": "must be a table",
    "model_attributes_type": "must be a table",
    "tuple_type": "must be an array",
    "list_type": "must be an array",
    "string_type": "must be a string",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
}


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind in _EXPECTED:
        return f"{_EXPECTED[kind]} (got {_short(error.get('input'))})"
    if kind == "string_pattern_mismatch" and error["loc"] and error["loc"][-1] in ("id", "root"):
        return "must be a kebab-case id (lowercase letters, digits and single hyphens)"
    if kind == "string_pattern_mismatch" and error.get("ctx", {}).get("pattern") == TEXT_PATTERN:
        return "must not hold control characters or text-direction overrides (a terminal would obey them)"
    if kind == "string_pattern_mismatch" and error["loc"] and error["loc"][-1] == "url":
        return "must be a web address starting with http:// or https://"
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    message = error["msg"]
    if kind == "value_error":
        message = message.removeprefix("Value error, ")
    return f"{message} (got {_short(error.get('input'))})" if kind.endswith("_type") else message


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _assemble(parsed: Mapping[str, Strict]) -> Guide:
    def part(name: str, model: type[_M]) -> _M:
        value = parsed[name]
        assert isinstance(value, model)
        return value

    routines = part("routines.toml", RoutinesFile)
    return Guide(
        sources=part("sources.toml", SourcesFile).source,
        key_points=part("key_points.toml", KeyPointsFile).point,
        causes=part("causes.toml", CausesFile).cause,
        treatments=part("treatments.toml", TreatmentsFile).treatment,
        prevention=part("prevention.toml", PreventionFile).rule,
        red_flags=part("red_flags.toml", RedFlagsFile).red_flag,
        triage=part("triage.toml", TriageFile).triage(),
        exercises=routines.exercise,
        routines=routines.routine,
        checklists=part("checklists.toml", ChecklistsFile).checklist,
        disclaimer=part("disclaimer.toml", DisclaimerFile).disclaimer,
    )
