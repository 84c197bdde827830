"""Do/don't sorting: check which statements the student put in 'doen' and 'niet doen'."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..content import Exercise, Statement


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
    """Return the category keys and labels (default 'Doen' and 'Niet doen')."""
    return exercise.data["categories"]


def label(exercise: Exercise, answer: str | None) -> str:
    """Return the label of a category, or '(nog niet gekozen)'."""
    return categories(exercise).get(answer or "", "(nog niet gekozen)")


def check_sort(exercise: Exercise, answers: Mapping[int, str | None]) -> SortResult:
    """Check the category chosen per statement index and build Dutch feedback."""
    items = tuple(
        StatementFeedback(statement, answers.get(index), answers.get(index) == statement.answer)
        for index, statement in enumerate(statements(exercise))
    )
    right = sum(item.correct for item in items)
    unanswered = sum(item.given is None for item in items)
    total = len(items)
    if right == total:
        summary = f"Alle {total} uitspraken staan op de goede plek."
        next_step = "Lees de uitleg nog eens door: die helpt je straks in het echte gesprek."
    elif unanswered == total:
        summary = "Je hebt nog geen uitspraken ingedeeld."
        next_step = "Kies bij elke uitspraak een categorie en klik daarna op 'Controleer'."
    else:
        summary = f"{right} van de {total} uitspraken staan op de goede plek."
        if unanswered:
            summary += f" {unanswered} {'is' if unanswered == 1 else 'zijn'} nog niet ingedeeld."
        next_step = "Lees de uitleg bij de uitspraken met 'Nog niet', pas je keuze aan en controleer opnieuw."
    return SortResult(items, right, unanswered, summary, next_step)
