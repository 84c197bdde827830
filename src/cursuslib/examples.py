"""Content tests: run an exercise's ``examples`` through its type's assessment and report the ones that differ.

An example is an answer and the verdict the feedback must give. The type builds the state a
student has after writing that answer and checking it, and its ``assess`` judges it: the same
function the widget, the portfolio and the overview call.
"""

from __future__ import annotations

from dataclasses import dataclass

from .content import Exercise
from .types import spec_of

#: Longest feedback quote in a failure message; the teacher sees the rest in the notebook.
MAX_QUOTE = 160


@dataclass(frozen=True)
class Verdict:
    """What the feedback says about one answer: a verdict of the exercise's type and its remarks."""

    verdict: str
    remark: str


@dataclass(frozen=True)
class ExampleFailure:
    """One example whose feedback differs from what the exercise file expects."""

    number: int
    answer: str
    expected: str
    actual: str
    remark: str

    @property
    def message(self) -> str:
        """The Dutch line for the teacher, e.g. "voorbeeld 2: verwacht 'verbeterd', de feedback zegt ..."."""
        return (f"voorbeeld {self.number}: verwacht '{self.expected}', de feedback zegt '{self.actual}'"
                f" ({self.remark})")


def _remarks(findings: tuple[str, ...]) -> str:
    """The feedback without the closing next step, shortened for one line."""
    shown = " ".join(findings[:-1] if len(findings) > 1 else findings)
    return shown if len(shown) <= MAX_QUOTE else shown[: MAX_QUOTE - 3].rstrip() + "..."


def judge(exercise: Exercise, answer: str) -> Verdict:
    """Return what the automatic feedback says about ``answer`` for this exercise."""
    spec = spec_of(exercise)
    state = spec.example_state(exercise, answer)
    if state is None:
        raise ValueError(f"type {exercise.type} has no automatic feedback to test")
    assessment = spec.assess(exercise, state)
    return Verdict(assessment.verdict, _remarks(assessment.findings))


def run_examples(exercise: Exercise) -> list[ExampleFailure]:
    """Run every example of ``exercise`` through its type's assessment; return the ones whose verdict differs."""
    failures = []
    for number, example in enumerate(exercise.examples, start=1):
        verdict = judge(exercise, example.answer)
        if verdict.verdict != example.expect:
            failures.append(ExampleFailure(number, example.answer, example.expect, verdict.verdict, verdict.remark))
    return failures
