"""The exercise types the course knows: each type registers itself where it is defined.

A type module (``cursuslib/types/<type>.py``) decorates its type class with :func:`register`;
``cursuslib/types/__init__.py`` imports the built-in type modules, one line each. The loader
(:mod:`cursuslib.content`) only asks this registry for a type's fields, so the layers stay in
order: content never imports a type module itself, the registry loads the built-in types the
first time a type is looked up (the way a plugin host loads its plugins).

When the loader knows from its cache which module registered a type (:func:`expect`), looking that
type up imports only that module, so a lesson's first cell does not import every type.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

from .schema import Field

#: The package whose import registers the built-in types.
BUILTIN_PACKAGE = "cursuslib.types"


class TypeSpec(Protocol):
    """What the loader needs of a type: its name, its fields and the verdicts its examples may expect."""

    name: str
    fields: tuple[Field, ...]
    verdicts: Mapping[str, str]


T = TypeVar("T")

_types: dict[str, Any] = {}
_loaded = False
#: Type name -> the module that registered it last time (from the loader's cache), see :func:`expect`.
_homes: dict[str, str] = {}
_removed: set[str] = set()


def register(cls: type[T]) -> type[T]:
    """Class decorator: register one instance of the type class under its ``name`` (a later one replaces it)."""
    instance = cls()
    name = getattr(instance, "name", "")
    if not isinstance(name, str) or not name:
        raise ValueError(f"{cls.__name__} needs a class attribute 'name' (the type's name in exercise files)")
    _types[name] = instance
    return cls


def unregister(name: str) -> None:
    """Forget type ``name`` (tests that add a type of their own remove it again)."""
    removed = _types.pop(name, None)
    if removed is not None and _built_in(type(removed).__module__):
        _removed.add(name)


def _built_in(module: str) -> bool:
    return module.startswith(BUILTIN_PACKAGE + ".")


def changes() -> tuple[tuple[str, str], ...]:
    """What differs from the built-in types so far: ``(name, module)`` of every type registered from elsewhere
    (a plugin, a test) and ``(name, "")`` of every built-in type removed. A cache of checked files depends on it."""
    added = [(name, type(spec).__module__) for name, spec in _types.items() if not _built_in(type(spec).__module__)]
    return tuple(sorted(added + [(name, "") for name in _removed if name not in _types]))


def _load_builtin() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        importlib.import_module(BUILTIN_PACKAGE).register_builtin()


def homes() -> dict[str, str]:
    """Every registered type's name with the module that registered it (what :func:`expect` takes)."""
    return {name: type(spec).__module__ for name, spec in types().items()}


def expect(found: Mapping[str, str]) -> None:
    """Remember which module registers each type (a cached :func:`homes`), so :func:`get` imports only that one."""
    _homes.update(found)


def get(name: str) -> Any:
    """Return the registered type ``name``, or None."""
    if name in _types:
        return _types[name]
    home = _homes.pop(name, None)
    if home is not None and not _loaded:
        try:
            importlib.import_module(home)
        except ImportError:  # the type moved since it was cached: the built-in types are loaded below
            pass
        if name in _types:
            return _types[name]
    _load_builtin()
    return _types.get(name)


def types() -> dict[str, Any]:
    """Every registered type by name, sorted by name."""
    _load_builtin()
    return dict(sorted(_types.items()))


def names() -> list[str]:
    """The names of every registered type, sorted."""
    return list(types())


def hook(name: str, attribute: str) -> Callable[..., Any] | None:
    """Return ``attribute`` of type ``name`` when the type has it, else None."""
    spec = get(name)
    return getattr(spec, attribute, None) if spec is not None else None
