"""KlantenKamer planner: build a programme from a start time and minutes per part, and check the rules."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import Field, FieldError, clock, key, positive_int, records
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType
from .blocks import Block, Items, Para, Table

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(?:uur)?\s*$")
#: Longest part a student can plan, in minutes (the widget's field allows this much).
MAX_MINUTES = 600


@dataclass(frozen=True)
class PlanPart:
    """One part of a planned programme: its length in minutes and the rule for it."""

    key: str
    name: str
    default: int
    min: int
    max: int
    rule: str


@dataclass
class PlannerState:
    """What the planner saves: the start time and the minutes per part key."""

    start: str = ""
    minutes: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    """One line of the programme."""

    part: PlanPart
    start: int
    end: int

    @property
    def minutes(self) -> int:
        """Length in minutes."""
        return self.end - self.start


@dataclass(frozen=True)
class Programme:
    """The programme with every rule that is broken, explained in the catalogue's words."""

    rows: tuple[Row, ...]
    end: int
    violations: tuple[str, ...]
    error: str = ""


def check_parts(value: Any, _: Mapping[str, Any]) -> tuple[PlanPart, ...]:
    """Check ``parts``: at least 2 with key, name, default, min, max (minutes) and rule; min <= default <= max."""
    rows = records(value, what="onderdeel", plural="onderdelen", unique="key", fields={
        "key": key("intake"), "name": a_text, "default": positive_int, "min": positive_int, "max": positive_int,
        "rule": a_text})
    for number, row in enumerate(rows, start=1):
        if not row["min"] <= row["default"] <= row["max"]:
            raise FieldError(f"onderdeel {number} ('{row['key']}'): verwacht min <= default <= max "
                             f"(nu {row['min']}, {row['default']}, {row['max']})")
    return tuple(PlanPart(**row) for row in rows)


def parse_time(value: str) -> int | None:
    """Return minutes after midnight for '15:00', '9.30' or '15.00 uur'; None if it is not a time."""
    match = _TIME.match(value)
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    return hours * 60 + minutes if hours < 24 and minutes < 60 else None


def clock_text(minutes: int) -> str:
    """Return '15.30' for 930 minutes (days wrap around)."""
    minutes %= 24 * 60
    return f"{minutes // 60:02d}.{minutes % 60:02d}"


def parts(exercise: Exercise) -> tuple[PlanPart, ...]:
    """Return the programme parts in order."""
    return exercise.data["parts"]


def build_programme(exercise: Exercise, start: str, minutes: Mapping[str, int]) -> Programme:
    """Lay the parts out from ``start`` and explain every part that is shorter or longer than allowed."""
    begin = parse_time(start)
    if begin is None:
        return Programme((), 0, (), text("planner.not_a_time", exercise, start=start))
    rows, violations, now = [], [], begin
    for part in parts(exercise):
        length = minutes.get(part.key, part.default)
        length = length if isinstance(length, int) and 0 <= length <= MAX_MINUTES else part.default
        rows.append(Row(part, now, now + length))
        now += length
        if length < part.min:
            violations.append(text("planner.too_short", exercise, part=part.name, minutes=length, limit=part.min,
                                   rule=part.rule))
        elif length > part.max:
            violations.append(text("planner.too_long", exercise, part=part.name, minutes=length, limit=part.max,
                                   rule=part.rule))
    if now >= 24 * 60:
        violations.append(text("planner.past_midnight", exercise, time=clock_text(now)))
    return Programme(tuple(rows), now, tuple(violations))


@register
class Planner(ExerciseType[PlannerState]):
    """Plan a programme; it is rebuilt and checked against the rules after every change."""

    name = "planner"
    label = "Planning"
    description = "een programma plannen: starttijd en minuten per onderdeel"
    State = PlannerState
    widget = "cursuslib.widgets.planner:PlannerExercise"
    verdicts = {"goed": "past binnen de spelregels", "nog_niet": "past nog niet binnen de spelregels"}
    fields = (
        Field("start", "voorgestelde starttijd, zoals \"15:00\"", clock),
        Field("parts", "de onderdelen van het programma met key, name, default, min, max (minuten) en rule",
              check_parts),
    )
    sample = {
        "title": "Plan de middag",
        "instruction": "Kies de starttijd en het aantal minuten per onderdeel.",
        "start": "13:30",
        "parts": [
            {"key": "intake", "name": "Intakegesprek", "default": 30, "min": 20, "max": 45,
             "rule": "Een intake duurt twintig minuten tot drie kwartier."},
            {"key": "nabespreking", "name": "Nabespreking", "default": 15, "min": 10, "max": 20,
             "rule": "Houd de nabespreking kort: tien tot twintig minuten."},
        ],
    }

    def programme(self, exercise: Exercise, state: PlannerState) -> Programme:
        """The programme for the saved start time (or the exercise's) and minutes."""
        return build_programme(exercise, state.start or exercise.data["start"], state.minutes)

    def assess(self, exercise: Exercise, state: PlannerState) -> Assessment:
        """``goed`` when every part fits its rule; the findings are the broken rules."""
        programme = self.programme(exercise, state)
        if programme.error:
            return Assessment("nog_niet", findings=(programme.error,), detail=programme)
        return Assessment("nog_niet" if programme.violations else "goed", findings=programme.violations,
                          detail=programme)

    def portfolio(self, exercise: Exercise, state: PlannerState, ctx: Context) -> Sequence[Block]:
        """The programme as a table and the rules it breaks."""
        programme = self.programme(exercise, state)
        if programme.error:
            return [Para(programme.error, label="Starttijd")]
        rows = tuple((row.part.name, clock_text(row.start), clock_text(row.end), str(row.minutes))
                     for row in programme.rows)
        blocks: list[Block] = [Table("Jouw programma", ("Onderdeel", "Van", "Tot", "Minuten"), rows)]
        if programme.violations:
            blocks.append(Items(programme.violations, label="Let op"))
        else:
            blocks.append(Para("Alle onderdelen passen binnen de spelregels.", label="Resultaat"))
        return blocks
