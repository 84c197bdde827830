"""What an exercise looks like in a document: a few neutral blocks that the templates turn into HTML or Markdown.

A type's ``portfolio`` view returns these blocks; the document templates
(:mod:`cursuslib.documents`) render them, escaping everything. Only text marked ``teacher``
(from exercise files) may keep its inline markdown; a student's text is always shown as typed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

#: Longest dump of an answer that cannot be shown per field (a damaged or foreign entry).
MAX_DUMP = 4000


@dataclass(frozen=True)
class Para:
    """A line of text with an optional bold label; only ``teacher`` text (from exercise files) may use markdown."""

    text: str
    label: str = ""
    teacher: bool = False
    note: bool = False


@dataclass(frozen=True)
class Answer:
    """Text the student typed, shown as a quote under its label (``hint``: the teacher's question)."""

    label: str
    text: str
    hint: str = ""


@dataclass(frozen=True)
class Items:
    """A list of short texts; ``teacher`` as in :class:`Para`."""

    items: tuple[str, ...]
    label: str = ""
    teacher: bool = False
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A small table; the first cell of each row is its row header."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """Our own SVG chart (HTML, built with every text escaped) with the same figures as a table (Markdown)."""

    svg: str
    table: Table


@dataclass(frozen=True)
class Group:
    """A titled part of an exercise, such as one attempt."""

    title: str
    blocks: tuple[Block, ...]


Block = Para | Answer | Items | Table | Chart | Group

#: The note under automatic feedback in a document.
SIGNAL = "Automatische feedback is een signaal, geen oordeel."


def count(number: int, one: str, many: str) -> str:
    """``1 poging``, ``3 pogingen``."""
    return f"{number} {one if number == 1 else many}"


def dump(value: Any) -> str:
    """The saved data as JSON text, cut off when long (for answers that cannot be shown per field)."""
    try:
        shown = json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        shown = repr(value)
    return shown if len(shown) <= MAX_DUMP else shown[:MAX_DUMP] + " ..."


def fallback(value: Any) -> list[Block]:
    """The blocks for an answer that cannot be shown per field: a note and the saved data as text."""
    return [Para("Dit antwoord kan hier niet per onderdeel worden getoond; dit zijn de opgeslagen gegevens.",
                 note=True), Answer("Opgeslagen gegevens", dump(value))]
