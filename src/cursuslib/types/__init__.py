"""Exercise types, one pure module each (no ipywidgets): fields, saved state, assessment and document views.

Importing this package registers the built-in types, one line each below. A new type is its
module here, its widget in :mod:`cursuslib.widgets`, its texts in ``teksten/*.yaml``, its tests,
and one line in this list (see ``docs/dev/exercise-types.md``).
"""

# ruff: noqa: I001 - the built-in types stay one import line each
from __future__ import annotations

from typing import Any

from .. import registry
from ..content import Exercise
from .base import Assessment, ClassPart, Context, ExerciseType, Ratio, RatioColumn

# The built-in types: importing a module registers its types (one line per type module).
from . import choice  # noqa: F401  (single_choice, multiple_choice)
from . import dialogue  # noqa: F401
from . import intake  # noqa: F401
from . import lsd_dialogue  # noqa: F401
from . import lsd_practice  # noqa: F401
from . import matching  # noqa: F401
from . import observer  # noqa: F401
from . import ordering  # noqa: F401
from . import planner  # noqa: F401
from . import question_drill  # noqa: F401
from . import question_practice  # noqa: F401
from . import reflection  # noqa: F401
from . import reply  # noqa: F401
from . import rewrite  # noqa: F401
from . import self_assessment  # noqa: F401
from . import sort  # noqa: F401

__all__ = ["Assessment", "ClassPart", "Context", "ExerciseType", "Ratio", "RatioColumn", "assess_saved", "spec_of"]

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
