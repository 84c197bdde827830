"""Single and multiple choice quizzes: check a selection and explain each chosen option."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..content import Exercise, Option
from ..messages import text


@dataclass(frozen=True)
class OptionFeedback:
    """Feedback on one option the student chose."""

    option: Option
    correct: bool


@dataclass(frozen=True)
class ChoiceResult:
    """The outcome of one attempt at a choice quiz."""

    correct: bool
    chosen: tuple[OptionFeedback, ...]
    missed: int
    summary: str
    next_step: str


def options(exercise: Exercise) -> tuple[Option, ...]:
    """Return the exercise's options in file order."""
    return exercise.data["options"]


def correct_keys(exercise: Exercise) -> frozenset[str]:
    """Return the keys of the right options."""
    return exercise.data["correct"]


def check_choice(exercise: Exercise, selected: Collection[str]) -> ChoiceResult:
    """Check ``selected`` option keys against the exercise and build feedback (catalogue section ``choice``)."""
    right = correct_keys(exercise)
    known = {option.key for option in options(exercise)}
    chosen_keys = [key for key in selected if key in known]
    chosen = tuple(
        OptionFeedback(option, option.key in right) for option in options(exercise) if option.key in chosen_keys
    )
    missed = len(right - set(chosen_keys))
    wrong = sum(1 for item in chosen if not item.correct)
    is_correct = missed == 0 and wrong == 0 and bool(chosen)
    many = exercise.type == "multiple_choice"
    check = text("common.check", exercise)
    if not chosen:
        summary = text("choice.nothing_chosen", exercise)
        next_step = text("choice.nothing_chosen_next", exercise, button=check)
    elif is_correct:
        summary = text("choice.right_multiple", exercise) if many else text("choice.right_single", exercise)
        next_step = text("choice.right_next", exercise)
    elif many:
        wrong_part = (text("choice.wrong_one", exercise, count=wrong) if wrong == 1
                      else text("choice.wrong_many", exercise, count=wrong))
        missed_part = (text("choice.missed_one", exercise, count=missed) if missed == 1
                       else text("choice.missed_many", exercise, count=missed))
        if wrong and missed:
            summary = text("choice.partly_both", exercise, wrong=wrong_part, missed=missed_part)
        else:
            summary = text("choice.partly", exercise, problem=wrong_part if wrong else missed_part)
        next_step = text("choice.partly_next", exercise, button=check)
    else:
        summary = text("choice.wrong_single", exercise)
        next_step = text("choice.wrong_single_next", exercise, button=check)
    return ChoiceResult(is_correct, chosen, missed, summary, next_step)
