"""Sorting: put each statement in a category ('doen' / 'niet doen' by default, or the exercise's own)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import KEY_PATTERN, Field, FieldError, describe, optional_text, records
from ..schema import text as a_text
from .items import ItemsResult, OneChoicePerItem

#: The default categories, with their Dutch labels.
SORT_ANSWERS = {"doen": "Doen", "niet_doen": "Niet doen"}


class Statement(NamedTuple):
    """One statement of a sort, with the right category and why."""

    text: str
    answer: str
    explanation: str


def check_categories(value: Any, _: Mapping[str, Any]) -> dict[str, str]:
    """Check ``categories``: at least 2 as ``key: label`` (left out: doen and niet_doen)."""
    if value is None:
        return dict(SORT_ANSWERS)
    if not isinstance(value, dict) or len(value) < 2:
        raise FieldError("verwacht minstens 2 categorieën als 'sleutel: naam', zoals {symptoom: Symptoom, behoefte: Behoefte}")
    result = {}
    for key, label in value.items():
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            raise FieldError(f"de sleutel {describe(key)} mag alleen letters, cijfers en _ bevatten")
        try:
            result[key] = a_text(label)
        except FieldError as exc:
            raise FieldError(f"categorie '{key}': {exc}") from None
    return result


def check_statements(value: Any, ctx: Mapping[str, Any]) -> tuple[Statement, ...]:
    """Check ``statements``: at least 2 ``{text, answer, explanation}``; ``answer`` is a category key."""
    categories = ctx.get("categories") or SORT_ANSWERS

    def answer(item: Any, _: Mapping[str, Any]) -> str:
        if item not in categories:
            raise FieldError(f"{describe(item)} is niet toegestaan; kies uit: {', '.join(categories)}")
        return item

    rows = records(value, what="uitspraak", plural="uitspraken",
                   fields={"text": a_text, "answer": answer, "explanation": a_text})
    return tuple(Statement(**row) for row in rows)


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


def check_sort(exercise: Exercise, answers: Mapping[str, str]) -> ItemsResult:
    """Check the category chosen per statement index ("0", "1" ...) and build feedback (catalogue section ``sort``)."""
    return Sort().check(exercise, answers)


@register
class Sort(OneChoicePerItem):
    """Sort statements into categories; feedback per statement after checking."""

    name = "sort"
    label = "Sorteren"
    description = "uitspraken sorteren in categorieën (standaard: doen en niet doen)"
    widget = "cursuslib.widgets.sort:SortExercise"
    section, noun = "sort", "uitspraken"
    fields = (
        Field("categories", "eigen categorieën als 'sleutel: naam' (standaard doen en niet_doen)", check_categories,
              required=False),
        Field("statements", "de uitspraken, elk met text, answer (doen of niet_doen) en explanation", check_statements),
        Field("model_answer", "toelichting die na een poging te zien is", optional_text, required=False),
    )
    sample = {
        "title": "Doen of niet doen aan de telefoon?",
        "instruction": "Klik bij elke uitspraak op de knop van de categorie die past.",
        "categories": {"doen": "Doen", "niet_doen": "Niet doen"},
        "statements": [
            {"text": "Je noemt aan het begin je naam en die van je bedrijf.", "answer": "doen",
             "explanation": "Zo weet de klant meteen met wie hij praat."},
            {"text": "Je onderbreekt de klant om sneller bij de oplossing te komen.", "answer": "niet_doen",
             "explanation": "De klant voelt zich dan niet gehoord; laat hem eerst uitpraten."},
        ],
        "model_answer": "Luister eerst, vat samen en vraag door; pas daarna zoek je samen een oplossing.",
    }

    def expected(self, exercise: Exercise) -> list[str]:
        """The right category per statement."""
        return [statement.answer for statement in statements(exercise)]

    def known(self, exercise: Exercise) -> list[str]:
        """The category keys."""
        return list(exercise.data["categories"])
