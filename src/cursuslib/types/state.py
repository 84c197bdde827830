"""Saved states: every exercise type declares what it saves as one dataclass; this reads and writes it.

A saved state comes back from a JSON file that a student, an older course version or a damaged
disk may have written, so reading never fails: each field is checked against its annotation and a
value that does not fit becomes the field's default (a list or mapping keeps only the items that
fit). Supported annotations: ``int``, ``bool``, ``str``, ``list[X]``, ``dict[str, X]``, another
state dataclass, and ``X | None``.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar, Union

S = TypeVar("S")

#: Largest whole number a state keeps (counts, levels, minutes); bigger ones are damage, not answers.
MAX_INT = 10**9
#: Longest text a state keeps (a student's answer is far shorter; a 100 MB text would stall every view).
MAX_TEXT = 200_000

_MISSING = object()
#: A lone surrogate cannot be saved as JSON text (it would fail the whole answers file).
_SURROGATE = re.compile("[\ud800-\udfff]")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _default(spec: dataclasses.Field[Any]) -> Any:
    if spec.default is not dataclasses.MISSING:
        return spec.default
    if spec.default_factory is not dataclasses.MISSING:
        return spec.default_factory()
    return _MISSING


Converter = Callable[[Any], Any]


@cache
def _converter(hint: Any) -> Converter:
    """A function that returns a value as ``hint``, or _MISSING when it does not fit (built once per hint)."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [_converter(option) for option in typing.get_args(hint) if option is not type(None)]
        optional = type(None) in typing.get_args(hint)

        def union(value: Any) -> Any:
            if value is None and optional:
                return None
            for option in options:
                converted = option(value)
                if converted is not _MISSING:
                    return converted
            return _MISSING

        return union
    if hint is bool:
        return lambda value: value if isinstance(value, bool) else _MISSING
    if hint is int:
        return lambda value: (value if isinstance(value, int) and not isinstance(value, bool)
                              and -MAX_INT <= value <= MAX_INT else _MISSING)
    if hint is str:
        return lambda value: (value if isinstance(value, str) and len(value) <= MAX_TEXT and not _SURROGATE.search(value)
                              else _MISSING)
    if hint is Any:
        return lambda value: value
    if origin is list:
        item = _converter(typing.get_args(hint)[0])

        def listed(value: Any) -> Any:
            if not isinstance(value, list):
                return _MISSING
            return [converted for converted in map(item, value) if converted is not _MISSING]

        return listed
    if origin is dict:
        item = _converter(typing.get_args(hint)[1])

        def mapped(value: Any) -> Any:
            if not isinstance(value, dict):
                return _MISSING
            pairs = ((key, item(entry)) for key, entry in value.items() if isinstance(key, str))
            return {key: converted for key, converted in pairs if converted is not _MISSING}

        return mapped
    if dataclasses.is_dataclass(hint):
        return lambda value: _read(hint, value) if isinstance(value, dict) else _MISSING
    raise TypeError(f"state field type {hint!r} is not supported")


def _read(cls: type[S], raw: dict[str, Any]) -> Any:
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for spec in dataclasses.fields(cls):  # type: ignore[arg-type]
        value = _converter(hints[spec.name])(raw[spec.name]) if spec.name in raw else _MISSING
        if value is _MISSING:
            value = _default(spec)
            if value is _MISSING:  # a required field of an item that does not fit: drop the item
                return _MISSING
        values[spec.name] = value
    return cls(**values)


def read_state(cls: type[S], raw: Any) -> S:
    """Return the saved ``raw`` value as a ``cls`` state; what does not fit takes the field's default."""
    result = _read(cls, raw if isinstance(raw, dict) else {})
    return cls() if result is _MISSING else result


def saved(state: Any) -> dict[str, Any]:
    """Return a state as the plain dict that goes into the answers file."""
    return dataclasses.asdict(state)
