"""The open/closed drill: the student says of given questions whether they are open or closed, with feedback per question."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..content import Exercise
from ..language import QUESTION_KINDS
from ..registry import register
from ..schema import Field, one_of, optional_text, records
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType, Ratio, RatioColumn
from .blocks import Block
from .items import share, share_line
from .question_practice import judge

if TYPE_CHECKING:
    from ..language import QuestionResult

#: The Dutch words a teacher may write for a kind, and the kind they stand for (the engine's name).
KIND_ALIASES = {"gesloten": "closed", "dicht": "closed"}


@dataclass(frozen=True)
class DrillQuestion:
    """One question of the drill, with its kind (``open`` or ``closed``) and an optional teacher explanation."""

    text: str
    kind: str
    explanation: str


@dataclass
class DrillState:
    """What the drill saves: the kind chosen per question index ("0", "1" ...)."""

    answers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DrillFeedback:
    """Feedback on one question: the kind chosen (None: not yet), whether it is right, and the engine's reading."""

    question: DrillQuestion
    given: str | None
    correct: bool
    reading: QuestionResult


def check_questions(value: Any, _: Mapping[str, Any]) -> tuple[DrillQuestion, ...]:
    """Check ``questions``: at least 2 ``{text, kind, explanation}``; kind is open or gesloten (or closed)."""
    kind = one_of(("open", "gesloten", "closed"))
    rows = records(value, what="vraag", plural="vragen", optional=("explanation",),
                   fields={"text": a_text, "kind": kind, "explanation": optional_text})
    return tuple(DrillQuestion(row["text"], KIND_ALIASES.get(row["kind"], row["kind"]), row["explanation"])
                 for row in rows)


def answers_of(state: DrillState) -> dict[str, str]:
    """The chosen kind per question index, in the engine's names (older files say ``gesloten``)."""
    return {index: KIND_ALIASES.get(kind, kind) for index, kind in state.answers.items()
            if KIND_ALIASES.get(kind, kind) in QUESTION_KINDS}


@register
class QuestionDrill(ExerciseType[DrillState]):
    """Classify given questions as open or closed; immediate feedback with an explanation per question."""

    name = "question_drill"
    label = "Open of gesloten?"
    description = "gegeven vragen indelen als open of gesloten"
    State = DrillState
    widget = "cursuslib.widgets.questions:QuestionDrill"
    verdicts = {"goed": "alles goed", "nog_niet": "nog niet alles goed"}
    scored = True
    fields = (
        Field("questions", "de vragen, elk met text, kind (open of gesloten) en eventueel explanation",
              check_questions),
    )
    sample = {
        "title": "Open of gesloten?",
        "instruction": "Kies bij elke vraag of hij open of gesloten is.",
        "questions": [
            {"text": "Wat wilt u met de nieuwe app bereiken?", "kind": "open",
             "explanation": "De vraag begint met het vraagwoord 'wat'."},
            {"text": "Wilt u ook een inlogscherm?", "kind": "gesloten",
             "explanation": "De vraag begint met het werkwoord; het antwoord is ja of nee."},
        ],
    }
    ratio_columns = (RatioColumn(
        "drill", "Open of gesloten herkennen",
        "hoeveel vragen goed zijn ingedeeld (een vraag die nog niet is ingedeeld, telt als nog niet goed)"),)

    def read(self, raw: Any) -> DrillState:
        """The saved state, with every chosen kind in the engine's names (older files say ``gesloten``)."""
        state = super().read(raw)
        return DrillState(answers_of(state))

    def assess(self, exercise: Exercise, state: DrillState) -> Assessment:
        """Feedback per question; the share classified right (unanswered counts as not right)."""
        answers = answers_of(state)
        questions: tuple[DrillQuestion, ...] = exercise.data["questions"]
        detail = tuple(DrillFeedback(question, answers.get(str(index)), answers.get(str(index)) == question.kind,
                                     judge(question.text))
                       for index, question in enumerate(questions))
        score = share([question.kind for question in questions], answers)
        if score is None:
            return Assessment(detail=detail)
        return Assessment("goed" if score == 1 else "nog_niet", score, detail=detail)

    def ratio(self, exercise: Exercise, state: DrillState, column: str) -> Ratio:
        """Questions classified right out of all questions, once the student classified one."""
        answers = answers_of(state)
        if not answers:
            return Ratio()
        kinds = [question.kind for question in exercise.data["questions"]]
        return Ratio(sum(answers.get(str(index)) == kind for index, kind in enumerate(kinds)), len(kinds))

    def portfolio(self, exercise: Exercise, state: DrillState, ctx: Context) -> Sequence[Block]:
        """How many questions are classified right."""
        expected = [question.kind for question in exercise.data["questions"]]
        return [share_line(expected, answers_of(state), "vragen", attempts=0, checked=True)]
