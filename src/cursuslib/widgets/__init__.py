"""Exercise widgets, one module per exercise type, and the factory that picks one."""

from __future__ import annotations

from ..content import Exercise
from ..store import AnswerStore
from .base import ExerciseWidget
from .choice import ChoiceQuiz
from .observer import ObserverChecklist
from .ordering import OrderingExercise
from .planner import PlannerExercise
from .reflection import ReflectionExercise
from .sort import SortExercise

__all__ = ["ChoiceQuiz", "ExerciseWidget", "ObserverChecklist", "OrderingExercise", "PlannerExercise",
           "ReflectionExercise", "SortExercise", "WIDGETS", "make_widget"]

#: Which widget class shows which exercise type.
WIDGETS: dict[str, type[ExerciseWidget]] = {
    "single_choice": ChoiceQuiz,
    "multiple_choice": ChoiceQuiz,
    "sort": SortExercise,
    "reflection": ReflectionExercise,
    "ordering": OrderingExercise,
    "planner": PlannerExercise,
    "observer": ObserverChecklist,
}


def make_widget(exercise: Exercise, *, store: AnswerStore | None = None) -> ExerciseWidget:
    """Return the widget for ``exercise``."""
    return WIDGETS[exercise.type](exercise, store=store)
