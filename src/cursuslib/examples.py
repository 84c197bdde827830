"""Content tests: run an exercise's ``examples`` through the feedback engine and report the ones that differ."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .content import Exercise
from .exercises.reflection import step_hint, word_count
from .language import question_kind, reply_feedback, rewrite_feedback, summary_feedback

#: Longest feedback quote in a failure message; the teacher sees the rest in the notebook.
MAX_QUOTE = 160


@dataclass(frozen=True)
class Verdict:
    """What the feedback says about one answer: a verdict from ``content.EXAMPLE_VERDICTS`` and its remarks."""

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


def _remarks(messages: tuple[str, ...]) -> str:
    """The engine's remarks without the closing next step, shortened for one line."""
    text = " ".join(messages[:-1] if len(messages) > 1 else messages)
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 3].rstrip() + "..."


def _rewrite(exercise: Exercise, answer: str) -> Verdict:
    result = rewrite_feedback(exercise.data["sentence"], answer)
    return Verdict("verbeterd" if result.improved else "niet_verbeterd", _remarks(result.messages))


def _question(exercise: Exercise, answer: str) -> Verdict:
    result = question_kind(answer)
    return Verdict("open" if result.is_open else "gesloten", _remarks((result.explanation,)))


def _reflection(exercise: Exercise, answer: str) -> Verdict:
    hint = step_hint(answer, exercise.data["min_words"])
    if hint:
        return Verdict("te_kort", hint)
    return Verdict("voldoende", f"{word_count(answer)} woorden, richtlijn {exercise.data['min_words']}")


def _reply(exercise: Exercise, answer: str) -> Verdict:
    result = reply_feedback(exercise.data["message"], answer)
    return Verdict("goed" if result.ok else "nog_niet", _remarks(result.messages))


def _summary(exercise: Exercise, answer: str) -> Verdict:
    result = summary_feedback(exercise.data["customer"], answer)
    return Verdict("goed" if result.ok else "nog_niet", _remarks(result.messages))


#: Per type: how the notebook's feedback judges one answer (the same engine calls the widgets make).
JUDGES: dict[str, Callable[[Exercise, str], Verdict]] = {
    "rewrite": _rewrite,
    "question_practice": _question,
    "reflection": _reflection,
    "reply": _reply,
    "lsd_practice": _summary,
}


def judge(exercise: Exercise, answer: str) -> Verdict:
    """Return what the automatic feedback says about ``answer`` for this exercise."""
    if exercise.type not in JUDGES:
        raise ValueError(f"type {exercise.type} has no automatic feedback to test")
    return JUDGES[exercise.type](exercise, answer)


def run_examples(exercise: Exercise) -> list[ExampleFailure]:
    """Run every example of ``exercise`` through the engine; return the ones whose verdict differs."""
    failures = []
    for number, example in enumerate(exercise.examples, start=1):
        verdict = judge(exercise, example.answer)
        if verdict.verdict != example.expect:
            failures.append(ExampleFailure(number, example.answer, example.expect, verdict.verdict, verdict.remark))
    return failures
