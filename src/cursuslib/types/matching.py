"""Matching: link each situation to the choice (for example a quality) that applies, and explain why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import Field, FieldError, describe, key, optional_text, records
from ..schema import text as a_text
from .items import ItemsResult, OneChoicePerItem


@dataclass(frozen=True)
class Choice:
    """One choice a situation can be matched to."""

    key: str
    label: str


@dataclass(frozen=True)
class MatchItem:
    """One situation with the key of the choice that applies and why."""

    situation: str
    answer: str
    explanation: str


def check_choices(value: Any, _: Mapping[str, Any]) -> tuple[Choice, ...]:
    """Check ``choices``: a list of at least 2 ``{key, label}`` with unique keys."""
    rows = records(value, what="keuze", plural="keuzes", unique="key", fields={"key": key(), "label": a_text})
    return tuple(Choice(**row) for row in rows)


def check_items(value: Any, ctx: Mapping[str, Any]) -> tuple[MatchItem, ...]:
    """Check ``items``: at least 2 ``{situation, answer, explanation}``; ``answer`` is a key from ``choices``."""
    keys = [choice.key for choice in ctx.get("choices", ())]

    def answer(item: Any, _: Mapping[str, Any]) -> str:
        if item not in keys:
            raise FieldError(f"{describe(item)} is geen keuze van deze oefening; kies uit: {', '.join(keys)}")
        return item

    rows = records(value, what="situatie", plural="situaties",
                   fields={"situation": a_text, "answer": answer, "explanation": a_text})
    return tuple(MatchItem(**row) for row in rows)


FIELDS: tuple[Field, ...] = (
    Field("choices", "de keuzes, elk met key en label (minstens 2)", check_choices),
    Field("items", "de situaties, elk met situation, answer (een key uit choices) en explanation", check_items),
    Field("model_answer", "toelichting die na een poging te zien is", optional_text, required=False),
)


def choices(exercise: Exercise) -> tuple[Choice, ...]:
    """Return the choices in file order."""
    return exercise.data["choices"]


def items(exercise: Exercise) -> tuple[MatchItem, ...]:
    """Return the situations in file order."""
    return exercise.data["items"]


def label(exercise: Exercise, key: str | None) -> str:
    """Return the label of choice ``key``, or the catalogue's '(nog niet gekozen)'."""
    for choice in choices(exercise):
        if choice.key == key:
            return choice.label
    return text("items.no_choice", exercise)


def check_matching(exercise: Exercise, answers: Mapping[str, str]) -> ItemsResult:
    """Check the choice key per situation index ("0", "1" ...) and build feedback (catalogue section ``matching``)."""
    return Matching().check(exercise, answers)


@register
class Matching(OneChoicePerItem):
    """Match situations to choices; feedback per situation after checking."""

    name = "matching"
    label = "Koppelen"
    description = "situaties koppelen aan de eigenschap die erbij past"
    widget = "cursuslib.widgets.matching:MatchingExercise"
    section, noun = "matching", "situaties"
    fields = FIELDS
    sample = {
        "title": "Welke eigenschap past bij de situatie?",
        "instruction": "Kies bij elke situatie de eigenschap die het meest helpt.",
        "choices": [{"key": "tijdig", "label": "Reageer tijdig"}, {"key": "luisteren", "label": "Luister goed"}],
        "items": [
            {"situation": "Een klant mailt op vrijdagmiddag over een fout in de app.", "answer": "tijdig",
             "explanation": "Laat nog dezelfde dag weten dat je de mail hebt en wanneer de klant antwoord krijgt."},
            {"situation": "Een klant vertelt uitgebreid hoe hij nu zijn voorraad bijhoudt.", "answer": "luisteren",
             "explanation": "Laat hem uitpraten en vat daarna samen wat je hoorde."},
        ],
        "model_answer": "Bij elke situatie past vooral één eigenschap, al helpen de andere ook.",
    }

    def expected(self, exercise: Exercise) -> list[str]:
        """The right choice per situation."""
        return [item.answer for item in items(exercise)]

    def known(self, exercise: Exercise) -> list[str]:
        """The choice keys."""
        return [choice.key for choice in choices(exercise)]
