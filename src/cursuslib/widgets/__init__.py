"""Exercise widgets, one module per exercise type; each type names its widget, which is imported when first shown.

``from cursuslib.widgets import SortExercise`` still works: a widget class is looked up among the
widgets the registered types name (importing only that module).
"""

from __future__ import annotations

import importlib
from typing import Any

from .. import registry
from ..content import Exercise
from ..store import AnswerStore
from .base import ExerciseWidget

__all__ = ["ExerciseWidget", "make_widget", "widget_class"]


def _load(reference: str) -> type[ExerciseWidget]:
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


def widget_class(type_name: str) -> type[ExerciseWidget]:
    """The widget class that shows exercises of type ``type_name`` (imports its module)."""
    spec = registry.get(type_name)
    if spec is None or not spec.widget:
        raise KeyError(f"exercise type {type_name!r} has no widget")
    return _load(spec.widget)


def make_widget(exercise: Exercise, *, store: AnswerStore | None = None) -> ExerciseWidget:
    """Return the widget for ``exercise``."""
    return widget_class(exercise.type)(exercise, store=store)


def __getattr__(name: str) -> Any:
    """A widget class by its name, such as ``SortExercise`` (imported on first use)."""
    for spec in registry.types().values():
        if spec.widget.partition(":")[2] == name:
            return _load(spec.widget)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
