"""Sorting: check which category ('doen' / 'niet doen' by default) the student chose per statement."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..content import SORT_ANSWERS, Exercise, Statement
from ..messages import text


@dataclass(frozen=True)
class StatementFeedback:
    """Feedback on one statement: what the student chose and whether it fits."""

    statement: Statement
    given: str | None
    correct: bool


@dataclass(frozen=True)
class SortResult:
    """The outcome of one attempt at a sort exercise."""

    items: tuple[StatementFeedback, ...]
    right: int
    unanswered: int
    summary: str
    next_step: str

    @property
    def complete(self) -> bool:
        """True when every statement is sorted correctly."""
        return self.right == len(self.items)


def statements(exercise: Exercise) -> tuple[Statement, ...]:
    """Return the statements in file order."""
    return exercise.data["statements"]


def categories(exercise: Exercise) -> dict[str, str]:
    """Return the category keys and labels; the default 'Doen' / 'Niet doen' come from the catalogue."""
    own: dict[str, str] = exercise.data["categories"]
    if own != SORT_ANSWERS:
        return own
    return {"doen": text("sort.category_do", exercise), "niet_doen": text("sort.category_do_not", exercise)}


def label(exercise: Exercise, answer: str | None) -> str:
    """Return the label of a category, or the catalogue's '(nog niet gekozen)'."""
    found = categories(exercise).get(answer or "")
    return found if found is not None else text("items.no_choice", exercise)


def check_sort(exercise: Exercise, answers: Mapping[int, str | None]) -> SortResult:
    """Check the category chosen per statement index and build feedback (catalogue section ``sort``)."""
    items = tuple(
        StatementFeedback(statement, answers.get(index), answers.get(index) == statement.answer)
        for index, statement in enumerate(statements(exercise))
    )
    right = sum(item.correct for item in items)
    unanswered = sum(item.given is None for item in items)
    total = len(items)
    if right == total:
        summary = text("sort.all_right", exercise, total=total)
        next_step = text("sort.all_right_next", exercise)
    elif unanswered == total:
        summary = text("sort.nothing_sorted", exercise)
        next_step = text("sort.nothing_sorted_next", exercise, button=text("common.check", exercise))
    else:
        summary = (text("sort.partly_one", exercise, right=right, total=total) if right == 1
                   else text("sort.partly_many", exercise, right=right, total=total))
        if unanswered:
            summary += " " + (text("sort.unsorted_one", exercise, count=unanswered) if unanswered == 1
                              else text("sort.unsorted_many", exercise, count=unanswered))
        next_step = text("sort.partly_next", exercise)
    return SortResult(items, right, unanswered, summary, next_step)
