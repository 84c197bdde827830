"""KlantenKamer planner: build a programme from a start time and minutes per part, and check the rules."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..content import Exercise, PlanPart
from ..messages import text

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(?:uur)?\s*$")


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


def parse_time(value: str) -> int | None:
    """Return minutes after midnight for '15:00', '9.30' or '15.00 uur'; None if it is not a time."""
    match = _TIME.match(value)
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    return hours * 60 + minutes if hours < 24 and minutes < 60 else None


def clock(minutes: int) -> str:
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
        length = int(minutes.get(part.key, part.default))
        rows.append(Row(part, now, now + length))
        now += length
        if length < part.min:
            violations.append(text("planner.too_short", exercise, part=part.name, minutes=length, limit=part.min,
                                   rule=part.rule))
        elif length > part.max:
            violations.append(text("planner.too_long", exercise, part=part.name, minutes=length, limit=part.max,
                                   rule=part.rule))
    if now >= 24 * 60:
        violations.append(text("planner.past_midnight", exercise, time=clock(now)))
    return Programme(tuple(rows), now, tuple(violations))
