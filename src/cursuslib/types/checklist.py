"""A checklist the student ticks before marking a reflection or a plan as done: its field and its portfolio view."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from ..schema import TEXT_SHAPE, FieldError, describe, shaped, text_list
from .blocks import Block, Items, Para

#: Most points a checklist may hold (a longer list is read less carefully).
MAX_ITEMS = 8


@shaped({"type": ["array", "null"], "items": TEXT_SHAPE, "minItems": 1, "maxItems": MAX_ITEMS})
def check_checklist(value: Any, _: Mapping[str, Any] | None = None) -> tuple[str, ...]:
    """One to ``MAX_ITEMS`` different short texts, each something the student can tick about their own answer."""
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        raise FieldError(f"verwacht een lijst met 1 tot {MAX_ITEMS} punten om af te vinken, zoals "
                         f"'- Ik noem een concrete situatie.' (niet {describe(value)})")
    items = text_list(value)
    if len(items) > MAX_ITEMS:
        raise FieldError(f"verwacht hooguit {MAX_ITEMS} punten (nu {len(items)}); kies de belangrijkste")
    for number, item in enumerate(items, start=1):
        if item in items[:number - 1]:
            raise FieldError(f"punt {number} staat al eerder in de lijst: '{item}'")
    return items


def unticked(items: Sequence[str], ticked: Collection[str]) -> tuple[str, ...]:
    """The points of ``items`` the student has not ticked, in the checklist's order."""
    return tuple(item for item in items if item not in ticked)


def ticked_now(items: Sequence[str], ticked: Collection[str]) -> list[str]:
    """The ticked points that are still on the checklist (a teacher may have reworded one since)."""
    return [item for item in items if item in ticked]


def checklist_blocks(items: Sequence[str], ticked: Collection[str], done: bool) -> list[Block]:
    """The checklist in the portfolio: every point with whether the student ticked it (nothing if there is none)."""
    if not items:
        return []
    if not done and not ticked_now(items, ticked):
        return [Para("nog niet afgevinkt", label="Checklist", note=True)]
    lines = tuple(f"{'afgevinkt' if item in ticked else 'niet afgevinkt'}: {item}" for item in items)
    return [Items(lines, label="Checklist (door de student afgevinkt)")]
