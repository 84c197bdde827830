"""Student portfolio: everything a student did, per lesson in course order, as blocks that the templates render.

Each exercise appears as its type's ``portfolio`` view (see :mod:`cursuslib.types`); this module
only gathers them, with the save dates and the exercises still to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..content import Exercise, Lesson
from ..dates import format_moment, now
from ..messages import language_as, steady
from ..registry import types
from ..store import ORDER_SEED_ID
from ..types import DAMAGED, ClassPart, Context, spec_of
from ..types.blocks import Answer, Block, dump, fallback

NOT_DONE = "nog niet gemaakt"


@dataclass(frozen=True)
class Entry:
    """One exercise in the portfolio: title, kind, Dutch save date and what the student did."""

    anchor: str
    title: str
    kind: str
    saved: str
    done: bool
    blocks: tuple[Block, ...]

    @property
    def meta(self) -> str:
        """The line under the title: the type and when it was saved (or that it is still to do)."""
        if not self.done:
            return f"{self.kind} · {NOT_DONE}"
        return self.kind + (f" · opgeslagen op {self.saved}" if self.saved else "")


@dataclass(frozen=True)
class Section:
    """One lesson with its exercises in file order."""

    anchor: str
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Portfolio:
    """Everything a portfolio shows, before it becomes HTML or Markdown."""

    student: str
    generated: str
    sections: tuple[Section, ...]
    others: tuple[Entry, ...]
    done: int
    total: int
    #: Parts about the whole course that types add (such as how sure the student was at the quizzes).
    parts: tuple[ClassPart, ...] = ()


def lesson_heading(lesson: Lesson) -> str:
    """``Les 02: Klantcontact`` for ``02_...`` (a lesson without a number keeps its title)."""
    number = lesson.lesson.split("_", 1)[0]
    return f"Les {number}: {lesson.title}" if number.isdigit() else lesson.title


def exercise_blocks(exercise: Exercise, value: Any, ctx: Context) -> list[Block]:
    """The type's portfolio view of one saved value; a damaged one is shown as its saved data."""
    if not isinstance(value, dict):
        return fallback(value)
    spec = spec_of(exercise)
    try:
        return list(spec.portfolio(exercise, spec.read(value), ctx))
    except DAMAGED:
        return fallback(value)


@language_as("nl")  # the portfolio and the overview are Dutch documents, whatever the widget language
@steady()  # thousands of texts: the catalogue is read once per document
def build_portfolio(doc: Mapping[str, Any], *, lessons: Mapping[str, Lesson], student: str = "",
                    generated: datetime | None = None) -> Portfolio:
    """Collect what the student did per lesson in course order; answers for unknown ids go to ``others``."""
    answers = doc.get("answers") if isinstance(doc, Mapping) else None
    answers = answers if isinstance(answers, dict) else {}
    by_id = {exercise.id: exercise for lesson in lessons.values() for exercise in lesson.exercises}
    ctx = Context(answers, by_id)
    sections, done, total = [], 0, 0
    for lesson in lessons.values():
        entries = []
        for exercise in lesson.exercises:
            total += 1
            entry = answers.get(exercise.id)
            kind = spec_of(exercise).label or exercise.type
            anchor = f"oefening-{exercise.id}"
            if not isinstance(entry, dict) or "value" not in entry:
                entries.append(Entry(anchor, exercise.title, kind, "", False, ()))
                continue
            done += 1
            entries.append(Entry(anchor, exercise.title, kind, format_moment(entry.get("saved_at")), True,
                                 tuple(exercise_blocks(exercise, entry["value"], ctx))))
        sections.append(Section(f"les-{lesson.lesson}", lesson_heading(lesson), tuple(entries)))
    others = []
    unknown = ((str(k), v) for k, v in answers.items() if k not in by_id and k != ORDER_SEED_ID)
    for number, (key, entry) in enumerate(sorted(unknown), start=1):
        value = entry.get("value") if isinstance(entry, dict) else entry
        saved = format_moment(entry.get("saved_at")) if isinstance(entry, dict) else ""
        others.append(Entry(f"overig-{number}", key, "Onbekende oefening", saved, True,
                            (Answer("Opgeslagen gegevens", dump(value)),)))
    return Portfolio(student, format_moment(generated or now()), tuple(sections), tuple(others), done, total,
                     course_parts(list(by_id.values()), ctx))


def course_parts(exercises: list[Exercise], ctx: Context) -> tuple[ClassPart, ...]:
    """The portfolio parts every registered type adds about the whole course (one per anchor)."""
    parts: dict[str, ClassPart] = {}
    used = {exercise.type for exercise in exercises}
    for name, spec in types().items():
        if name not in used or not hasattr(spec, "portfolio_parts"):
            continue
        try:
            found = spec.portfolio_parts(exercises, ctx)
        except DAMAGED:
            continue
        for part in found:
            parts.setdefault(part.anchor, part)
    return tuple(parts.values())
