"""Field constraints that cost nothing to import.

The content models are plain frozen dataclasses, so the app can use a validated guide without importing
Pydantic. These markers carry the constraints in `Annotated[...]`; Pydantic asks each marker for its core
schema (the `__get_pydantic_core_schema__` hook) only when the loader validates a file.
"""

from __future__ import annotations

from typing import Any

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
URL_PATTERN = r"^https?://\S+$"


# No control character but tab and newline, and no bidirectional override: content is printed as typed by
# `read` and the line modes, so a pack must not be able to move the cursor or reorder what a terminal shows.
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*$"


class NonEmptyText:
    """A string, not empty once surrounding whitespace is stripped, that a terminal shows as typed."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.str_schema(strip_whitespace=True, min_length=1, pattern=TEXT_PATTERN)


class Matches:
    """A string that matches a regular expression (kept in the JSON Schema as `pattern`)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.str_schema(strip_whitespace=True, pattern=self.pattern)


class NonEmpty:
    """A tuple with at least one item."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        schema = handler(source)
        schema["min_length"] = 1
        return schema


class Between:
    """A whole number from `low` to `high`, both included."""

    def __init__(self, low: int, high: int) -> None:
        self.low = low
        self.high = high

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        from pydantic_core import core_schema

        return core_schema.int_schema(ge=self.low, le=self.high)
