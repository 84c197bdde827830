"""Observer checklist for role-play: tallies per behaviour, rounds, and a summary with one tip."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..content import Behaviour, Exercise
from ..messages import text


@dataclass(frozen=True)
class Summary:
    """Totals over all rounds, the open-question share and one feed-forward tip (with its 'Volgende stap:' label)."""

    totals: dict[str, int]
    open_share: float | None
    strengths: tuple[str, ...]
    tip: str


def behaviours(exercise: Exercise) -> tuple[Behaviour, ...]:
    """Return the behaviours to tally, in order."""
    return exercise.data["behaviours"]


def summarise(exercise: Exercise, rounds: Sequence[Mapping[str, object]]) -> Summary:
    """Add up the counts of all rounds and name what went well and one thing to practise."""
    totals = {b.key: 0 for b in behaviours(exercise)}
    for round_ in rounds:
        counts = round_.get("counts")
        if isinstance(counts, Mapping):
            for key, value in counts.items():
                if key in totals and isinstance(value, int) and value > 0:
                    totals[key] += value
    by_key = {b.key: b for b in behaviours(exercise)}
    # The keys 'open' and 'gesloten' are the question tallies (see docs/dev/exercise-types.md).
    open_count, closed_count = totals.get("open", 0), totals.get("gesloten", 0)
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
