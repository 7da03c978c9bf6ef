"""The Guide as JSON and back: plain data only, so reading a cache file can never run code.

Encoding walks the frozen dataclasses; decoding rebuilds them from their type hints, checking every value's
type on the way (a string where a number belongs, a missing or extra field, an unknown enum value), so a
damaged or doctored file raises `CodecError` instead of yielding a guide of the wrong shape.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

_T = TypeVar("_T")
Decoder = Callable[[object], Any]


class CodecError(ValueError):
    """The JSON does not describe a value of the expected type."""


def dumps(value: object) -> bytes:
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(cls: type[_T], raw: bytes) -> _T:
    """Decode `raw` into a `cls`; raises `CodecError` for anything that is not exactly one."""
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError) as error:  # UnicodeDecodeError is a ValueError
        raise CodecError(f"not JSON: {error}") from None
    value: _T = _decoder(cls)(data)
    return value


def _encode(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, tuple):
        return [_encode(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, str | int | bool):
        return value
    raise TypeError(f"cannot encode {type(value).__name__}")


_DECODERS: dict[object, Decoder] = {}


def _decoder(kind: object) -> Decoder:
    """One decoding function per type, built once: the hints are read only the first time."""
    decoder = _DECODERS.get(kind)
    if decoder is None:
        decoder = _DECODERS[kind] = _build(kind)
    return decoder


def _build(kind: object) -> Decoder:
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        return _decoder(typing.get_args(kind)[0])
    if origin in (typing.Union, types.UnionType):
        return _optional(kind)
    if origin is tuple:
        return _tuple(kind)
    if kind in (str, int, bool):
        return _plain(kind)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return _enum(kind)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass(kind)
    raise TypeError(f"no decoder for {kind!r}")


def _plain(kind: type) -> Decoder:
    def decode(value: object) -> object:
        # bool is an int in Python, never in a field typed int (nor the other way round)
        if type(value) is not kind:
            raise CodecError(f"expected {kind.__name__}, got {type(value).__name__}")
        return value

    return decode


def _optional(kind: object) -> Decoder:
    args = [arg for arg in typing.get_args(kind) if arg is not type(None)]
    if len(args) != 1 or type(None) not in typing.get_args(kind):
        raise TypeError(f"only X | None is supported, not {kind!r}")
    inner = _decoder(args[0])

    def decode(value: object) -> object:
        return None if value is None else inner(value)

    return decode


def _tuple(kind: object) -> Decoder:
    args = typing.get_args(kind)
    if len(args) != 2 or args[1] is not Ellipsis:
        raise TypeError(f"only tuple[X, ...] is supported, not {kind!r}")
    inner = _decoder(args[0])

    def decode(value: object) -> object:
        if not isinstance(value, list):
            raise CodecError(f"expected a list, got {type(value).__name__}")
        return tuple(inner(item) for item in value)

    return decode


def _enum(kind: type[Enum]) -> Decoder:
    def decode(value: object) -> object:
        try:
            return kind(value)
        except ValueError:
            raise CodecError(f"{value!r} is not a {kind.__name__}") from None

    return decode


def _dataclass(kind: type) -> Decoder:
    hints = typing.get_type_hints(kind)
    names = [f.name for f in dataclasses.fields(kind) if f.init]
    fields = {name: _decoder(hints[name]) for name in names}
    expected = set(names)

    def decode(value: object) -> object:
        if not isinstance(value, dict) or value.keys() != expected:
            raise CodecError(f"expected the fields of {kind.__name__}")
        try:
            return kind(**{name: fields[name](value[name]) for name in names})
        except (TypeError, ValueError) as error:
            raise CodecError(f"{kind.__name__}: {error}") from None

    return decode
