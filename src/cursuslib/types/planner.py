"""KlantenKamer planner: build a programme from a start time and minutes per part, and check rules and advice.

A part may have a rule of the KlantenKamer method (``min``/``max`` with ``rule``: breaking it means the
programme does not fit yet) and an advice of this course (``advice_min``/``advice_max`` with ``advice``:
shown as advice, never as a broken rule).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import (
    Field,
    FieldError,
    clock,
    describe,
    key,
    names,
    no_unknown,
    optional_text,
    positive_int,
    records,
    whole_number,
)
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType
from .blocks import Block, Items, Para, Table
from .checklist import check_checklist, checklist_blocks

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*(?:uur)?\s*$")
#: Longest part a student can plan, in minutes (the widget's field allows this much).
MAX_MINUTES = 600


@dataclass(frozen=True)
class PlanPart:
    """One part of a planned programme: its length in minutes, the method's rule and the course's advice for it."""

    key: str
    name: str
    default: int
    min: int | None = None
    max: int | None = None
    rule: str = ""
    advice_min: int | None = None
    advice_max: int | None = None
    advice: str = ""


@dataclass(frozen=True)
class PartExample:
    """One part of the worked example: minutes in the weak and the strong programme, and why the strong one is better."""

    key: str
    weak: int
    strong: int
    why: str


@dataclass(frozen=True)
class PlanExample:
    """A weak and a strong programme from the same start time, annotated per part and as a whole."""

    start: str
    parts: tuple[PartExample, ...]
    why: str = ""


@dataclass
class PlannerState:
    """What the planner saves: the start time, the minutes per part key, and the checklist and first attempt."""

    start: str = ""
    minutes: dict[str, int] = field(default_factory=dict)
    #: True once the student marked the plan done (shows the worked example from then on).
    attempted: bool = False
    #: The checklist points the student ticked (their texts).
    ticked: list[str] = field(default_factory=list)
    #: True once the student marked the plan done (ticked or not: the checklist never blocks).
    done: bool = False


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
    #: Rules of the KlantenKamer method the programme breaks.
    violations: tuple[str, ...]
    error: str = ""
    #: Parts outside the course's advice (allowed by the rules).
    advice: tuple[str, ...] = ()


def _minutes_or_none(value: Any, ctx: Mapping[str, Any]) -> int | None:
    return None if value is None else positive_int(value, ctx)


def _check_part(number: int, row: Mapping[str, Any]) -> None:
    """A rule needs its sentence and the other way round (the same for advice); every range holds the default."""
    where = f"onderdeel {number} ('{row['key']}')"
    for low, high, sentence, what in (("min", "max", "rule", "de spelregel"),
                                      ("advice_min", "advice_max", "advice", "het advies")):
        bounded = row[low] is not None or row[high] is not None
        if bounded and not row[sentence]:
            raise FieldError(f"{where}: bij '{low}' of '{high}' hoort '{sentence}': {what} in een zin")
        if row[sentence] and not bounded:
            raise FieldError(f"{where}: '{sentence}' wordt alleen getoond met '{low}' of '{high}'; "
                             f"geef minstens een van beide")
        lowest = row[low] if row[low] is not None else row["default"]
        highest = row[high] if row[high] is not None else row["default"]
        if not lowest <= row["default"] <= highest:
            raise FieldError(f"{where}: verwacht {low} <= default <= {high} (nu {row[low]}, {row['default']}, "
                             f"{row[high]})")
    for advice, rule, word in (("advice_min", "min", "minstens"), ("advice_max", "max", "hooguit")):
        if row[advice] is not None and row[rule] is not None and (
                row[advice] < row[rule] if word == "minstens" else row[advice] > row[rule]):
            raise FieldError(f"{where}: het advies ({advice}: {row[advice]}) valt buiten de spelregel "
                             f"({rule}: {row[rule]}); een advies mag de spelregel niet tegenspreken")


def check_parts(value: Any, _: Mapping[str, Any]) -> tuple[PlanPart, ...]:
    """Check ``parts``: at least 2 with key, name, default (minutes), and optionally a rule and an advice.

    A rule of the method is ``min``/``max`` with ``rule``; the course's advice is ``advice_min``/``advice_max``
    with ``advice``. Every range holds the default; an advice lies inside its rule.
    """
    rows = records(value, what="onderdeel", plural="onderdelen", unique="key",
                   optional=("min", "max", "rule", "advice_min", "advice_max", "advice"), fields={
                       "key": key("intake"), "name": a_text, "default": positive_int, "min": _minutes_or_none,
                       "max": _minutes_or_none, "rule": optional_text, "advice_min": _minutes_or_none,
                       "advice_max": _minutes_or_none, "advice": optional_text})
    for number, row in enumerate(rows, start=1):
        _check_part(number, row)
    return tuple(PlanPart(**row) for row in rows)


def check_example(value: Any, ctx: Mapping[str, Any]) -> PlanExample | None:
    """Check ``example``: a start time, per part the minutes of a weak and a strong programme and why, and a note."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise FieldError(f"verwacht start, parts en why (niet {describe(value)})")
    no_unknown(value, ("start", "parts", "why"), "voorbeeld")
    for name in ("start", "parts"):
        if name not in value:
            raise FieldError(f"het veld '{name}' ontbreekt")
    try:
        start = clock(value["start"])
    except FieldError as exc:
        raise FieldError(f"'start': {exc}") from None
    known = [part.key for part in ctx.get("parts", ())]
    given = value["parts"]
    if not isinstance(given, dict):
        raise FieldError(f"'parts': verwacht per onderdeel weak, strong en why, zoals 'ronde1: {{weak: 60, "
                         f"strong: 65, why: ...}}' (niet {describe(given)})")
    for part_key in given:
        if part_key not in known:
            raise FieldError(f"'parts': het onderdeel {describe(part_key)} bestaat niet; kies uit: {', '.join(known)}")
    missing = [part_key for part_key in known if part_key not in given]
    if missing:
        raise FieldError(f"'parts': het onderdeel '{missing[0]}' ontbreekt; geef een voorbeeld bij elk onderdeel: "
                         f"{names(known)}")
    minutes = whole_number(0, MAX_MINUTES)  # what the widget's field allows
    examples = []
    for part_key in known:
        item = given[part_key]
        where = f"'parts', onderdeel '{part_key}'"
        if not isinstance(item, dict):
            raise FieldError(f"{where}: verwacht weak, strong en why (niet {describe(item)})")
        no_unknown(item, ("weak", "strong", "why"), where)
        parsed: dict[str, Any] = {}
        for name, check in (("weak", minutes), ("strong", minutes), ("why", a_text)):
            if name not in item:
                raise FieldError(f"{where}: het veld '{name}' ontbreekt")
            try:
                parsed[name] = check(item[name], parsed)
            except FieldError as exc:
                raise FieldError(f"{where}, '{name}': {exc}") from None
        examples.append(PartExample(part_key, **parsed))
    why = optional_text(value.get("why"))
    return PlanExample(start, tuple(examples), why)


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
    rows: list[Row] = []
    violations: list[str] = []
    advice: list[str] = []
    now = begin
    for part in parts(exercise):
        length = minutes.get(part.key, part.default)
        length = length if isinstance(length, int) and 0 <= length <= MAX_MINUTES else part.default
        rows.append(Row(part, now, now + length))
        now += length
        if part.min is not None and length < part.min:
            violations.append(text("planner.too_short", exercise, part=part.name, minutes=length, limit=part.min,
                                   rule=part.rule))
        elif part.max is not None and length > part.max:
            violations.append(text("planner.too_long", exercise, part=part.name, minutes=length, limit=part.max,
                                   rule=part.rule))
        elif part.advice_min is not None and length < part.advice_min:
            advice.append(text("planner.advice_short", exercise, part=part.name, minutes=length,
                               limit=part.advice_min, advice=part.advice))
        elif part.advice_max is not None and length > part.advice_max:
            advice.append(text("planner.advice_long", exercise, part=part.name, minutes=length,
                               limit=part.advice_max, advice=part.advice))
    if now >= 24 * 60:
        violations.append(text("planner.past_midnight", exercise, time=clock_text(now)))
    return Programme(tuple(rows), now, tuple(violations), advice=tuple(advice))


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
        Field("parts", "de onderdelen van het programma met key, name, default (minuten), en een spelregel (min, "
              "max, rule) en/of een advies van de cursus (advice_min, advice_max, advice)", check_parts),
        Field("example", "een zwak en een sterk programma (start, per onderdeel weak, strong en why, en why), te zien "
              "na de eerste poging", check_example, required=False),
        Field("checklist", "punten die de student afvinkt voordat hij de planning afrondt", check_checklist,
              required=False, default=None),
    )
    sample = {
        "title": "Plan de middag",
        "instruction": "Kies de starttijd en het aantal minuten per onderdeel.",
        "start": "13:30",
        "parts": [
            {"key": "intake", "name": "Intakegesprek", "default": 30, "min": 20, "max": 45,
             "rule": "Een intake duurt twintig minuten tot drie kwartier."},
            {"key": "nabespreking", "name": "Nabespreking", "default": 15, "advice_min": 10, "advice_max": 20,
             "advice": "Wij adviseren een korte nabespreking: tien tot twintig minuten."},
        ],
        "example": {"start": "13:30", "parts": {
            "intake": {"weak": 45, "strong": 30, "why": "Een half uur is genoeg als je je vragen voorbereidt."},
            "nabespreking": {"weak": 10, "strong": 15, "why": "Zo heb je tijd om samen de afspraken te noteren."}},
            "why": "Het sterke programma laat tijd over voor de afspraken."},
        "checklist": ["Elk onderdeel past bij de spelregels.", "Bij elk advies dat ik niet volg, weet ik waarom."],
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
            blocks.append(Items(programme.violations, label="Spelregels"))
        else:
            blocks.append(Para("Alle onderdelen passen binnen de spelregels.", label="Resultaat"))
        if programme.advice:
            blocks.append(Items(programme.advice, label="Advies (geen spelregel)"))
        return blocks + checklist_blocks(exercise.data["checklist"], state.ticked, state.done)
