"""Matching: link each situation to the choice (for example a quality) that applies, and explain why."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..content import KEY_PATTERN, Exercise, Field, FieldError, _describe, _no_unknown, _optional_text, _text
from ..messages import text


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


@dataclass(frozen=True)
class ItemFeedback:
    """Feedback on one situation: what the student chose and whether it fits."""

    item: MatchItem
    given: str | None
    correct: bool


@dataclass(frozen=True)
class MatchingResult:
    """The outcome of one attempt at a matching exercise."""

    items: tuple[ItemFeedback, ...]
    right: int
    unanswered: int
    summary: str
    next_step: str

    @property
    def complete(self) -> bool:
        """True when every situation is matched correctly."""
        return self.right == len(self.items)


# --------------------------------------------------------------------------- schema
def check_choices(value: Any, _: Mapping[str, Any]) -> tuple[Choice, ...]:
    """Check ``choices``: a list of at least 2 ``{key, label}`` with unique keys."""
    if not isinstance(value, list) or len(value) < 2:
        raise FieldError(f"verwacht een lijst van minstens 2 keuzes, elk met key en label (niet {_describe(value)})")
    result: list[Choice] = []
    for number, item in enumerate(value, start=1):
        where = f"keuze {number}"
        if not isinstance(item, dict):
            raise FieldError(f"{where}: verwacht 'key' en 'label' (niet {_describe(item)})")
        _no_unknown(item, {"key", "label"}, where)
        for name in ("key", "label"):
            if name not in item:
                raise FieldError(f"{where}: het veld '{name}' ontbreekt")
        key = item["key"]
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            raise FieldError(f"{where}, 'key': verwacht een korte sleutel van letters, cijfers of _, zoals tijdig "
                             f"(niet {_describe(key)})")
        if any(choice.key == key for choice in result):
            raise FieldError(f"{where}: de sleutel '{key}' komt twee keer voor; elke keuze heeft een eigen sleutel")
        try:
            result.append(Choice(key, _text(item["label"], {})))
        except FieldError as exc:
            raise FieldError(f"{where}, 'label': {exc}") from None
    return tuple(result)


def check_items(value: Any, ctx: Mapping[str, Any]) -> tuple[MatchItem, ...]:
    """Check ``items``: at least 2 ``{situation, answer, explanation}``; ``answer`` is a key from ``choices``."""
    keys = [choice.key for choice in ctx.get("choices", ())]
    allowed = ", ".join(keys)
    if not isinstance(value, list) or len(value) < 2:
        raise FieldError(f"verwacht een lijst van minstens 2 situaties (niet {_describe(value)})")
    result: list[MatchItem] = []
    for number, item in enumerate(value, start=1):
        where = f"situatie {number}"
        if not isinstance(item, dict):
            raise FieldError(f"{where}: verwacht 'situation', 'answer' en 'explanation' (niet {_describe(item)})")
        _no_unknown(item, {"situation", "answer", "explanation"}, where)
        for name in ("situation", "answer", "explanation"):
            if name not in item:
                raise FieldError(f"{where}: het veld '{name}' ontbreekt")
        if item["answer"] not in keys:
            raise FieldError(f"{where}, 'answer': {_describe(item['answer'])} is geen keuze van deze oefening; "
                             f"kies uit: {allowed}")
        texts = {}
        for name in ("situation", "explanation"):
            try:
                texts[name] = _text(item[name], {})
            except FieldError as exc:
                raise FieldError(f"{where}, '{name}': {exc}") from None
        result.append(MatchItem(texts["situation"], item["answer"], texts["explanation"]))
    return tuple(result)


FIELDS: tuple[Field, ...] = (
    Field("choices", "de keuzes, elk met key en label (minstens 2)", check_choices),
    Field("items", "de situaties, elk met situation, answer (een key uit choices) en explanation", check_items),
    Field("model_answer", "toelichting die na een poging te zien is", _optional_text, required=False),
)


# --------------------------------------------------------------------------- logic
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


def check_matching(exercise: Exercise, answers: Mapping[int, str | None]) -> MatchingResult:
    """Check the choice key per situation index and build feedback (catalogue section ``matching``)."""
    known = {choice.key for choice in choices(exercise)}
    given = {index: (key if key in known else None) for index, key in answers.items()}
    feedback = tuple(
        ItemFeedback(item, given.get(index), given.get(index) == item.answer)
        for index, item in enumerate(items(exercise))
    )
    right = sum(item.correct for item in feedback)
    unanswered = sum(item.given is None for item in feedback)
    total = len(feedback)
    if right == total:
        summary = text("matching.all_right", exercise, total=total)
        next_step = text("matching.all_right_next", exercise)
    elif unanswered == total:
        summary = text("matching.nothing_matched", exercise)
        next_step = text("matching.nothing_matched_next", exercise, button=text("common.check", exercise))
    else:
        summary = (text("matching.partly_one", exercise, right=right, total=total) if right == 1
                   else text("matching.partly_many", exercise, right=right, total=total))
        if unanswered:
            summary += " " + (text("matching.unmatched_one", exercise, count=unanswered) if unanswered == 1
                              else text("matching.unmatched_many", exercise, count=unanswered))
        next_step = text("matching.partly_next", exercise)
    return MatchingResult(feedback, right, unanswered, summary, next_step)
