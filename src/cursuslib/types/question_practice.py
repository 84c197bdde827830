"""Writing a question for a situation: the Dutch engine says whether it is open or closed, and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..content import Exercise
from ..registry import register
from ..schema import Field, optional_text
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType, Ratio, RatioColumn
from .blocks import Answer, Block, Group, Para

if TYPE_CHECKING:
    from ..language import QuestionResult

#: How many checked questions a state keeps.
MAX_HISTORY = 20
#: The engine's kinds in the words of the portfolio.
KIND_NAMES = {"open": "open vraag", "closed": "gesloten vraag"}


@dataclass
class CheckedQuestion:
    """One question the student checked, with the kind the engine gave it then."""

    text: str
    kind: str = ""


@dataclass
class QuestionPracticeState:
    """What the question trainer saves: the text in the box, the checked questions and what is shown."""

    text: str = ""
    history: list[CheckedQuestion] = field(default_factory=list)
    attempts: int = 0
    model_shown: bool = False


@lru_cache(maxsize=16384)
def judge(question: str) -> QuestionResult:
    """The engine's verdict on one question (cached: the class overview asks for the same texts often)."""
    from ..language import question_kind

    return question_kind(question)


#: The engine's rules for input that is no Dutch question yet: the student gets a request, no verdict.
NO_QUESTION = frozenset({"empty", "no_words", "too_short", "not_dutch"})


def asks_again(result: QuestionResult) -> bool:
    """True when the engine asks for a (Dutch) question instead of judging one (emoji, one word, English ...)."""
    return result.rule in NO_QUESTION


def assessment_of(result: QuestionResult) -> Assessment:
    """The assessment of one checked question: open or closed, the explanation and the suggestion.

    Input that is no question yet gets no verdict (and no score): only the engine's request.
    """
    findings = tuple(part for part in (result.explanation, result.suggestion) if part)
    if asks_again(result):
        return Assessment(findings=findings, detail=result)
    return Assessment("open" if result.is_open else "gesloten", float(result.is_open), findings, result)


@register
class QuestionPractice(ExerciseType[QuestionPracticeState]):
    """The student writes a question for a situation and gets feedback on open or closed."""

    name = "question_practice"
    label = "Zelf een vraag stellen"
    description = "zelf een open vraag schrijven; de feedbackmotor zegt of hij open of gesloten is"
    State = QuestionPracticeState
    widget = "cursuslib.widgets.questions:QuestionPractice"
    verdicts = {"open": "open vraag", "gesloten": "gesloten vraag"}
    scored = True
    fields = (
        Field("situation", "de situatie waarin de student een vraag stelt", a_text),
        Field("model_answer", "voorbeeld van een goede open vraag, met toelichting (na een poging te zien)",
              optional_text, required=False),
    )
    sample = {
        "title": "Stel de klant een open vraag",
        "instruction": "Typ één vraag en klik op 'Controleer'.",
        "situation": "Een klant wil een nieuwe website voor zijn bakkerij. Jij wilt weten wat bezoekers op de site "
                     "moeten kunnen doen.",
        "model_answer": '"Wat wilt u dat bezoekers op uw website kunnen doen?" Deze vraag begint met het vraagwoord '
                        "*wat*.",
        "examples": [{"answer": "Wat wilt u dat bezoekers op uw website kunnen doen?", "expect": "open"},
                     {"answer": "Heeft u al een website?", "expect": "gesloten"}],
    }
    ratio_columns = (RatioColumn(
        "open_questions", "Open vragen (zelf geschreven)",
        "hoeveel van alle gecontroleerde vragen in de oefeningen 'zelf een vraag stellen' open zijn"),)

    def assess(self, exercise: Exercise, state: QuestionPracticeState) -> Assessment:
        """The verdict on the last checked question (open scores 1, closed 0); nothing before a check."""
        if not state.history:
            return Assessment()
        return assessment_of(judge(state.history[-1].text))

    def example_state(self, exercise: Exercise, answer: str) -> QuestionPracticeState:
        """The state after typing ``answer`` and checking it."""
        return QuestionPracticeState(answer, [CheckedQuestion(answer, judge(answer).kind)], attempts=1)

    def ratio(self, exercise: Exercise, state: QuestionPracticeState, column: str) -> Ratio:
        """Open questions among all checked questions (input that was no question yet does not count)."""
        results = [judge(item.text) for item in state.history]
        judged = [result for result in results if not asks_again(result)]
        return Ratio(sum(result.is_open for result in judged), len(judged))

    def portfolio(self, exercise: Exercise, state: QuestionPracticeState, ctx: Context) -> Sequence[Block]:
        """Every checked question with its kind, the explanation and the tip; then an unchecked last version."""
        blocks: list[Block] = [Para(exercise.data["situation"], label="Situatie", teacher=True)]
        for number, item in enumerate(state.history, start=1):
            result = judge(item.text)
            kind = ("nog geen vraag om te beoordelen." if asks_again(result)
                    else f"dit is een {KIND_NAMES[result.kind]}.")
            parts: list[Block] = [Answer("Jouw vraag", item.text), Para(kind, label="Soort vraag")]
            if result.explanation:
                parts.append(Para(result.explanation))
            if result.suggestion:
                parts.append(Para(result.suggestion, label="Tip"))
            blocks.append(Group(f"Vraag {number}", tuple(parts)))
        if state.text.strip() and (not state.history or state.history[-1].text != state.text):
            blocks.append(Answer("Jouw vraag (nog niet gecontroleerd)", state.text))
        if len(blocks) == 1:
            blocks.append(Para("Nog geen vraag geschreven.", note=True))
        return blocks
