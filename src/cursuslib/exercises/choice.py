"""Single and multiple choice quizzes: check a selection and explain each chosen option."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..content import Exercise, Option


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
    """Check ``selected`` option keys against the exercise and build Dutch feedback."""
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
    if not chosen:
        summary = "Je hebt nog geen antwoord gekozen."
        next_step = "Kies een antwoord en klik daarna op 'Controleer'."
    elif is_correct:
        summary = "Goed gedaan: dit klopt." if not many else "Goed gedaan: je hebt alle goede antwoorden gevonden."
        next_step = "Lees de uitleg hieronder nog eens en bekijk het modelantwoord als je wilt."
    elif many:
        parts = []
        if wrong:
            parts.append(f"{wrong} van je keuzes {'past' if wrong == 1 else 'passen'} niet")
        if missed:
            parts.append(f"er {'ontbreekt' if missed == 1 else 'ontbreken'} nog {missed} goed{'' if missed == 1 else 'e'} antwoord{'' if missed == 1 else 'en'}")
        summary = "Nog niet helemaal: " + " en ".join(parts) + "."
        next_step = "Lees de uitleg bij je keuzes, pas je keuze aan en klik opnieuw op 'Controleer'."
    else:
        summary = "Nog niet: dit antwoord past minder goed."
        next_step = "Lees waarom, kies een ander antwoord en klik opnieuw op 'Controleer'."
    return ChoiceResult(is_correct, chosen, missed, summary, next_step)
