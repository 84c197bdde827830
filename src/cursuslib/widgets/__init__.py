"""Exercise widgets, one module per exercise type, and the factory that picks one."""

from __future__ import annotations

from ..content import Exercise
from ..store import AnswerStore
from .base import ExerciseWidget
from .choice import ChoiceQuiz
from .dialogue import DialogueExercise
from .lsd import LsdPractice
from .lsd_dialogue import LsdDialogue
from .matching import MatchingExercise
from .observer import ObserverChecklist
from .ordering import OrderingExercise
from .planner import PlannerExercise
from .questions import QuestionDrill, QuestionPractice
from .reflection import ReflectionExercise
from .reply import ReplyExercise
from .rewrite import RewriteExercise
from .self_assessment import SelfAssessment
from .sort import SortExercise

__all__ = ["ChoiceQuiz", "DialogueExercise", "ExerciseWidget", "LsdDialogue", "LsdPractice", "MatchingExercise", "ObserverChecklist",
           "OrderingExercise", "PlannerExercise", "QuestionDrill", "QuestionPractice", "ReflectionExercise",
           "ReplyExercise", "RewriteExercise", "SelfAssessment", "SortExercise", "WIDGETS", "make_widget"]

#: Which widget class shows which exercise type.
WIDGETS: dict[str, type[ExerciseWidget]] = {
    "single_choice": ChoiceQuiz,
    "multiple_choice": ChoiceQuiz,
    "sort": SortExercise,
    "reflection": ReflectionExercise,
    "ordering": OrderingExercise,
    "planner": PlannerExercise,
    "observer": ObserverChecklist,
    "question_practice": QuestionPractice,
    "question_drill": QuestionDrill,
    "lsd_practice": LsdPractice,
    "lsd_dialogue": LsdDialogue,
    "rewrite": RewriteExercise,
    "reply": ReplyExercise,
    "dialogue": DialogueExercise,
    "matching": MatchingExercise,
    "self_assessment": SelfAssessment,
}


def make_widget(exercise: Exercise, *, store: AnswerStore | None = None) -> ExerciseWidget:
    """Return the widget for ``exercise``."""
    return WIDGETS[exercise.type](exercise, store=store)
