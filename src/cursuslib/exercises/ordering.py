"""Ordering: put steps in the right order; check positions and explain each step's place."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass

from ..content import Exercise, OrderItem
from ..messages import text


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


def items(exercise: Exercise) -> tuple[OrderItem, ...]:
    """Return the steps in the right order."""
    return exercise.data["items"]


def start_order(exercise: Exercise) -> list[int]:
    """Return a shuffled order (indexes into the right order), the same every time, never already right."""
    count = len(items(exercise))
    seed = int(hashlib.sha256(exercise.id.encode("utf-8")).hexdigest()[:12], 16)
    order = list(range(count))
    random.Random(seed).shuffle(order)
    if order == list(range(count)):
        order = order[1:] + order[:1]
    return order


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
