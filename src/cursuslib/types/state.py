"""Saved states: every exercise type declares what it saves as one dataclass; this reads and writes it.

A saved state comes back from a JSON file that a student, an older course version or a damaged
disk may have written, so reading never fails: each field is checked against its annotation and a
value that does not fit becomes the field's default (a list or mapping keeps only the items that
fit). Supported annotations: ``int``, ``bool``, ``str``, ``list[X]``, ``dict[str, X]``, another
state dataclass, and ``X | None``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union

S = TypeVar("S")

#: Largest whole number a state keeps (counts, levels, minutes); bigger ones are damage, not answers.
MAX_INT = 10**9
#: Longest text a state keeps (a student's answer is far shorter; a 100 MB text would stall every view).
MAX_TEXT = 200_000

_MISSING = object()


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _default(spec: dataclasses.Field[Any]) -> Any:
    if spec.default is not dataclasses.MISSING:
        return spec.default
    if spec.default_factory is not dataclasses.MISSING:
        return spec.default_factory()
    return _MISSING


def _convert(hint: Any, value: Any) -> Any:
    """``value`` as ``hint``, or _MISSING when it does not fit."""
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = typing.get_args(hint)
        if value is None and type(None) in options:
            return None
        for option in options:
            if option is not type(None):
                converted = _convert(option, value)
                if converted is not _MISSING:
                    return converted
        return _MISSING
    if hint is bool:
        return value if isinstance(value, bool) else _MISSING
    if hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool) and -MAX_INT <= value <= MAX_INT
        return value if ok else _MISSING
    if hint is str:
        return value if isinstance(value, str) and len(value) <= MAX_TEXT and _encodable(value) else _MISSING
    if hint is Any:
        return value
    if origin is list:
        if not isinstance(value, list):
            return _MISSING
        (item_hint,) = typing.get_args(hint)
        items = (_convert(item_hint, item) for item in value)
        return [item for item in items if item is not _MISSING]
    if origin is dict:
        if not isinstance(value, dict):
            return _MISSING
        _, item_hint = typing.get_args(hint)
        pairs = ((k, _convert(item_hint, v)) for k, v in value.items() if isinstance(k, str))
        return {k: v for k, v in pairs if v is not _MISSING}
    if dataclasses.is_dataclass(hint):
        return _read(hint, value) if isinstance(value, dict) else _MISSING
    raise TypeError(f"state field type {hint!r} is not supported")


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate cannot be saved as JSON text
        return False
    return True


def _read(cls: type[S], raw: dict[str, Any]) -> Any:
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for spec in dataclasses.fields(cls):  # type: ignore[arg-type]
        value = _convert(hints[spec.name], raw[spec.name]) if spec.name in raw else _MISSING
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
