"""Observer checklist for role-play: tallies per behaviour, rounds, and a summary with one tip."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import Field, key, one_of, records
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType
from .blocks import Block, Para, Table

BEHAVIOUR_KINDS = ("positief", "negatief", "neutraal")
#: Behaviour keys that count as question tallies: the summary shows the share of open questions.
OPEN_KEY, CLOSED_KEY = "open", "gesloten"
#: A round whose observed person is one of these is about the student (a classmate observed them and the student
#: copied the tallies into their own list); only such rounds are evidence for the student's self-assessment.
SELF_NAMES = ("ik", "ikzelf", "mij", "mijzelf", "zelf")


@dataclass(frozen=True)
class Behaviour:
    """One behaviour an observer tallies; ``kind`` is positief, negatief or neutraal."""

    key: str
    name: str
    kind: str


@dataclass
class Round:
    """One finished round: who was observed and the tally per behaviour key."""

    counts: dict[str, int]
    person: str = ""


@dataclass
class ObserverState:
    """What the checklist saves: the finished rounds, the tallies of the round now, and who is observed."""

    rounds: list[Round] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    person: str = ""


@dataclass(frozen=True)
class Summary:
    """Totals over all rounds, the open-question share and one feed-forward tip (with its 'Volgende stap:' label)."""

    totals: dict[str, int]
    open_share: float | None
    strengths: tuple[str, ...]
    tip: str


def check_behaviours(value: Any, _: Mapping[str, Any]) -> tuple[Behaviour, ...]:
    """Check ``behaviours``: at least 2, each with a unique key, a name and a kind."""
    rows = records(value, what="gedrag", plural="gedragingen", unique="key",
                   fields={"key": key("open"), "name": a_text, "kind": one_of(BEHAVIOUR_KINDS)})
    return tuple(Behaviour(**row) for row in rows)


def behaviours(exercise: Exercise) -> tuple[Behaviour, ...]:
    """Return the behaviours to tally, in order."""
    return exercise.data["behaviours"]


def summarise(exercise: Exercise, rounds: Sequence[Round]) -> Summary:
    """Add up the counts of all rounds and name what went well and one thing to practise."""
    totals = {b.key: 0 for b in behaviours(exercise)}
    for round_ in rounds:
        for name, value in round_.counts.items():
            if name in totals and value > 0:
                totals[name] += value
    by_key = {b.key: b for b in behaviours(exercise)}
    open_count, closed_count = totals.get(OPEN_KEY, 0), totals.get(CLOSED_KEY, 0)
    share = open_count / (open_count + closed_count) if open_count + closed_count else None
    strengths = tuple(text("observer.strength", exercise, behaviour=by_key[k].name, count=n)
                      for k, n in totals.items() if by_key[k].kind == "positief" and n)
    negatives = sorted(((n, k) for k, n in totals.items() if by_key[k].kind == "negatief" and n), reverse=True)
    positives_missing = [k for k, n in totals.items() if by_key[k].kind == "positief" and not n]
    if negatives:
        step = text("observer.tip_watch", exercise, behaviour=by_key[negatives[0][1]].name, count=negatives[0][0])
    elif positives_missing:
        step = text("observer.tip_show", exercise, behaviour=by_key[positives_missing[0]].name)
    elif not any(totals.values()):
        step = text("observer.tip_count", exercise)
    else:
        step = text("observer.tip_discuss", exercise)
    return Summary(totals, share, strengths, f"{text('common.next_step', exercise)} {step}")


def own_share(exercise: Exercise, state: ObserverState) -> float | None:
    """The share of positive tallies among positive and negative ones in the rounds about the student, or None.

    A round counts when its person is 'ik' (see :data:`SELF_NAMES`); rounds about others measure a classmate,
    not the student, so they are never evidence.
    """
    kinds = {b.key: b.kind for b in behaviours(exercise)}
    positive = negative = 0
    for round_ in rounds_so_far(state, state.person):
        if round_.person.strip().lower() not in SELF_NAMES:
            continue
        for name, value in round_.counts.items():
            if value > 0 and kinds.get(name) == "positief":
                positive += value
            elif value > 0 and kinds.get(name) == "negatief":
                negative += value
    return positive / (positive + negative) if positive + negative else None


def rounds_so_far(state: ObserverState, current: str) -> list[Round]:
    """The finished rounds plus the round now being tallied (named ``current``) when it has a count."""
    counts = {name: value for name, value in state.counts.items() if value >= 0}
    return [*state.rounds, *([Round(counts, current)] if any(counts.values()) else [])]


@register
class Observer(ExerciseType[ObserverState]):
    """Count what you see and hear per observed person; a summary with one tip."""

    name = "observer"
    label = "Observatie"
    description = "observatielijst voor een rollenspel (turven per gedrag)"
    State = ObserverState
    widget = "cursuslib.widgets.observer:ObserverChecklist"
    fields = (
        Field("behaviours", "het gedrag om te turven, elk met key, name en kind (positief, negatief of neutraal)",
              check_behaviours),
    )
    sample = {
        "title": "Observatielijst",
        "instruction": "Turf wat je ziet en hoort tijdens het rollenspel.",
        "behaviours": [{"key": "open", "name": "Stelt een open vraag", "kind": "positief"},
                       {"key": "gesloten", "name": "Stelt een gesloten vraag", "kind": "neutraal"},
                       {"key": "onderbreekt", "name": "Onderbreekt de klant", "kind": "negatief"}],
    }

    evidence_kind = "observatielijst rollenspel"

    def evidence(self, exercise: Exercise, state: ObserverState) -> float | None:
        """The share of positive behaviour in the rounds in which a classmate observed the student ('ik')."""
        return own_share(exercise, state)

    def assess(self, exercise: Exercise, state: ObserverState) -> Assessment:
        """No verdict (an observation is not judged); the summary and tip as findings."""
        summary = summarise(exercise, rounds_so_far(state, ""))
        return Assessment(findings=(*summary.strengths, summary.tip), detail=summary)

    def portfolio(self, exercise: Exercise, state: ObserverState, ctx: Context) -> Sequence[Block]:
        """The tallies per round as a table, the open-question share, what went well and the tip."""
        rounds = rounds_so_far(state, "nu bezig")
        if not rounds:
            return [Para("Nog niets geturfd.", note=True)]
        items = behaviours(exercise)
        rows = tuple((round_.person or f"Ronde {number}", *(str(max(round_.counts.get(b.key, 0), 0)) for b in items))
                     for number, round_ in enumerate(rounds, start=1))
        blocks: list[Block] = [Table("Jouw observaties per ronde", ("Wie", *(b.name for b in items)), rows)]
        summary = summarise(exercise, rounds)
        if summary.open_share is not None:
            blocks.append(Para(f"{round(summary.open_share * 100)}%", label="Aandeel open vragen"))
        if summary.strengths:
            blocks.append(Para(", ".join(summary.strengths), label="Wat goed ging"))
        blocks.append(Para(summary.tip))
        return blocks
