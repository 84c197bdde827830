"""Ordering: put steps in the right order; check positions and explain each step's place."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import Field, records
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType
from .blocks import Block, Items, Para, count


@dataclass(frozen=True)
class OrderItem:
    """One step of an ordering exercise, with why it stands at its place."""

    text: str
    explanation: str


@dataclass
class OrderingState:
    """What an ordering exercise saves: the order shown (indexes into the right order), attempts, what is shown."""

    order: list[int] = field(default_factory=list)
    attempts: int = 0
    checked: bool = False
    model_shown: bool = False


@dataclass(frozen=True)
class OrderResult:
    """The outcome of one attempt: which positions hold the right step."""

    correct: tuple[bool, ...]
    summary: str
    next_step: str

    @property
    def complete(self) -> bool:
        """True when every step is in its place."""
        return all(self.correct)


def check_order_items(value: Any, _: Mapping[str, Any]) -> tuple[OrderItem, ...]:
    """Check ``items``: at least 2 steps, each with text and explanation, in the right order."""
    rows = records(value, what="stap", plural="stappen", fields={"text": a_text, "explanation": a_text})
    return tuple(OrderItem(**row) for row in rows)


def items(exercise: Exercise) -> tuple[OrderItem, ...]:
    """Return the steps in the right order."""
    return exercise.data["items"]


def start_order(exercise: Exercise) -> list[int]:
    """Return a shuffled order (indexes into the right order), the same every time, never already right."""
    total = len(items(exercise))
    seed = int(hashlib.sha256(exercise.id.encode("utf-8")).hexdigest()[:12], 16)
    order = list(range(total))
    random.Random(seed).shuffle(order)
    if order == list(range(total)):
        order = order[1:] + order[:1]
    return order


def valid_order(exercise: Exercise, order: Sequence[int]) -> bool:
    """True when ``order`` holds every step exactly once."""
    return sorted(order) == list(range(len(items(exercise))))


def move(order: Sequence[int], position: int, step: int) -> list[int]:
    """Return ``order`` with the item at ``position`` moved ``step`` places (-1 up, +1 down), clamped."""
    result = list(order)
    target = position + step
    if 0 <= position < len(result) and 0 <= target < len(result):
        result[position], result[target] = result[target], result[position]
    return result


def check_order(exercise: Exercise, order: Sequence[int]) -> OrderResult:
    """Check which positions hold the right step and build feedback (catalogue section ``ordering``)."""
    correct = tuple(index == position for position, index in enumerate(order))
    right, total = sum(correct), len(correct)
    if right == total:
        return OrderResult(correct, text("ordering.all_right", exercise, total=total),
                           text("ordering.all_right_next", exercise))
    summary = (text("ordering.partly_one", exercise, right=right, total=total) if right == 1
               else text("ordering.partly_many", exercise, right=right, total=total))
    return OrderResult(correct, summary, text("ordering.partly_next", exercise))


@register
class Ordering(ExerciseType[OrderingState]):
    """Put the steps in the right order; feedback per position after checking."""

    name = "ordering"
    label = "Volgorde"
    description = "stappen in de goede volgorde zetten"
    State = OrderingState
    widget = "cursuslib.widgets.ordering:OrderingExercise"
    verdicts = {"goed": "goede volgorde", "nog_niet": "nog niet de goede volgorde"}
    scored = True
    fields = (
        Field("items", "de stappen in de goede volgorde, elk met text en explanation", check_order_items),
    )
    sample = {
        "title": "De fases van een klantgesprek",
        "instruction": "Zet de fases in de goede volgorde.",
        "items": [
            {"text": "Kennismaken", "explanation": "Je begint met jezelf voorstellen en het doel van het gesprek."},
            {"text": "Vragen stellen en luisteren", "explanation": "Daarna ontdek je met open vragen wat de klant wil."},
            {"text": "Afspraken maken", "explanation": "Je sluit af met wie wat doet en wanneer."},
        ],
    }

    def order(self, exercise: Exercise, state: OrderingState) -> list[int]:
        """The saved order when it holds every step once, else the shuffled start order."""
        return list(state.order) if valid_order(exercise, state.order) else start_order(exercise)

    def assess(self, exercise: Exercise, state: OrderingState) -> Assessment:
        """Feedback per position; after a check the verdict and the share of steps in their place."""
        result = check_order(exercise, self.order(exercise, state))
        findings = (result.summary, result.next_step)
        if state.attempts <= 0 or not valid_order(exercise, state.order):
            return Assessment(findings=findings, detail=result)
        score = sum(result.correct) / len(result.correct)
        return Assessment("goed" if result.complete else "nog_niet", score, findings, result)

    def portfolio(self, exercise: Exercise, state: OrderingState, ctx: Context) -> Sequence[Block]:
        """The order chosen and the result with the number of attempts."""
        if not valid_order(exercise, state.order):
            return [Para("Nog geen volgorde gekozen.", note=True)]
        steps = items(exercise)
        blocks: list[Block] = [Items(tuple(steps[index].text for index in state.order), label="Jouw volgorde",
                                     teacher=True, ordered=True)]
        assessment = self.assess(exercise, state)
        if assessment.done:
            blocks.append(Para(f"{assessment.detail.summary} ({count(state.attempts, 'poging', 'pogingen')})",
                               label="Resultaat"))
        return blocks
