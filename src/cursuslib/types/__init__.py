"""Exercise types, one pure module each (no ipywidgets): fields, saved state, assessment and document views.

The built-in type modules are listed below, one line each; :mod:`cursuslib.registry` imports them
the first time a type is looked up (or only the one it needs, when the loader's cache says which).
A new type is its module here, its widget in :mod:`cursuslib.widgets`, its texts in
``teksten/*.yaml``, its tests, and one line in this list (see ``docs/dev/exercise-types.md``).
"""

from __future__ import annotations

import importlib
from typing import Any

from .. import registry
from ..content import Exercise
from .base import Assessment, ClassPart, Context, ExerciseType, Ratio, RatioColumn

#: The built-in type modules: importing one registers its types (one line per type module).
BUILTIN_MODULES: tuple[str, ...] = (
    "choice",  # single_choice, multiple_choice
    "dialogue",
    "intake",
    "lsd_dialogue",
    "lsd_practice",
    "matching",
    "observer",
    "ordering",
    "planner",
    "question_drill",
    "question_practice",
    "reflection",
    "reply",
    "rewrite",
    "self_assessment",
    "sort",
)


def register_builtin() -> None:
    """Import every built-in type module, which registers its types (the registry calls this once)."""
    for name in BUILTIN_MODULES:
        importlib.import_module(f".{name}", __name__)


__all__ = ["Assessment", "ClassPart", "Context", "ExerciseType", "Ratio", "RatioColumn", "assess_saved",
           "register_builtin", "spec_of"]

#: What an old or damaged saved state may raise in a view; such a state is shown as saved data instead.
DAMAGED = (KeyError, TypeError, ValueError, AttributeError, IndexError)


def spec_of(exercise: Exercise) -> ExerciseType[Any]:
    """The registered type of ``exercise``."""
    spec = registry.get(exercise.type)
    if spec is None:
        raise KeyError(f"exercise type {exercise.type!r} is not registered")
    return spec


def assess_saved(exercise: Exercise, raw: Any) -> Assessment:
    """The type's assessment of a saved value (``Assessment()`` when it cannot be read)."""
    spec = spec_of(exercise)
    try:
        return spec.assess(exercise, spec.read(raw))
    except DAMAGED:
        return Assessment()
