"""Positive rewriting: the student rewrites a negative sentence; the engine says what is better and what is next.

:class:`WrittenAnswer` is shared with :mod:`~cursuslib.types.reply`: a text box, checked attempts,
an annotated model answer and a tick list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, ClassVar

from ..content import Exercise
from ..registry import register
from ..schema import Field, optional_text, text_list
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType, Ratio, RatioColumn
from .blocks import SIGNAL, Answer, Block, Group, Items, Para
from .ideas import KEY_IDEAS, IdeaMatch, find_ideas, with_ideas

if TYPE_CHECKING:
    from ..language import RewriteResult

#: How many checked attempts a state keeps.
MAX_HISTORY = 20


@dataclass
class Attempt:
    """One checked text, with the verdict the student saw then (the views judge it again with the same engine)."""

    text: str
    improved: bool = False


@dataclass
class WrittenState:
    """What a written answer saves: the text in the box, checked attempts, model answer shown, ticks."""

    text: str = ""
    history: list[Attempt] = field(default_factory=list)
    attempted: bool = False
    model_shown: bool = False
    ticks: list[bool] = field(default_factory=list)


def written_fields(prompt: Field) -> tuple[Field, ...]:
    """The fields of a written answer: the text the student responds to, then context, model answer, annotations."""
    return (
        prompt,
        Field("context", "korte schets van de situatie", optional_text, required=False),
        Field("model_answer", "een goed antwoord (na een poging te zien)", a_text),
        Field("annotations", "wat het modelantwoord goed doet, als lijst (wordt een afvinklijst)", text_list,
              required=False),
        KEY_IDEAS,
    )


@dataclass(frozen=True)
class WrittenFeedback:
    """The engine's result on a written text and the key ideas it holds."""

    result: object
    ideas: tuple[IdeaMatch, ...] = ()


class WrittenAnswer(ExerciseType[WrittenState]):
    """Base of the types where a student writes a text that the engine judges, with attempts and a tick list."""

    State = WrittenState
    scored = True
    #: The verdicts for a good and a not-yet-good text.
    verdicts_ok: ClassVar[tuple[str, str]] = ("goed", "nog_niet")
    #: The portfolio's label of the student's text, and of the text the student responds to.
    answer_label: ClassVar[str] = "Jouw zin"
    prompt_label: ClassVar[str] = ""
    prompt_field: ClassVar[str] = ""
    #: The portfolio's verdict sentences (good, not yet).
    verdict_texts: ClassVar[tuple[str, str]] = ("", "")

    def engine(self, exercise: Exercise, answer: str) -> tuple[bool, tuple[str, ...], object]:
        """The engine's verdict on one text: good or not, its messages (the next step last), its result."""
        raise NotImplementedError

    def judge(self, exercise: Exercise, answer: str) -> Assessment:
        """The engine's verdict on one text, with what it says about the exercise's key ideas."""
        ok, messages, result = self.engine(exercise, answer)
        matches = find_ideas(answer, exercise.data.get("key_ideas") or ())
        good, bad = self.verdicts_ok
        return Assessment(good if ok else bad, float(ok), with_ideas(messages, matches, exercise, engine_ok=ok),
                          WrittenFeedback(result, matches))

    def assess(self, exercise: Exercise, state: WrittenState) -> Assessment:
        """The verdict on the last checked text; nothing before a check."""
        return self.judge(exercise, state.history[-1].text) if state.history else Assessment()

    def example_state(self, exercise: Exercise, answer: str) -> WrittenState:
        """The state after writing ``answer`` and checking it."""
        judged = self.judge(exercise, answer)
        return WrittenState(answer, [Attempt(answer, judged.score == 1)], attempted=True)

    def portfolio(self, exercise: Exercise, state: WrittenState, ctx: Context) -> Sequence[Block]:
        """The original, every checked attempt with its verdict and messages, an unchecked last version, the ticks."""
        blocks: list[Block] = [Para(exercise.data[self.prompt_field], label=self.prompt_label, teacher=True)]
        for number, item in enumerate(state.history, start=1):
            judged = self.judge(exercise, item.text)
            ok = judged.score == 1
            verdict = f"✔ {self.verdict_texts[0]}" if ok else f"✘ {self.verdict_texts[1]}"
            parts: list[Block] = [Answer(self.answer_label, item.text), Para(verdict, label="Feedback")]
            if judged.findings:
                parts.append(Items(judged.findings))
            blocks.append(Group(f"Poging {number}", tuple(parts)))
        if state.text.strip() and (not state.history or state.history[-1].text != state.text):
            blocks.append(Answer(f"{self.answer_label} (laatste versie, nog niet gecontroleerd)", state.text))
        if len(blocks) == 1:
            blocks.append(Para("Nog niets geschreven.", note=True))
        elif state.history:
            blocks.append(Para(SIGNAL, note=True))
        annotations: Sequence[str] = exercise.data.get("annotations") or ()
        ticked = tuple(note for note, tick in zip(annotations, state.ticks, strict=False) if tick)
        if ticked:
            blocks.append(Items(ticked, label="Dit doet jouw tekst volgens jezelf ook (afvinklijst)", teacher=True))
        return blocks


@lru_cache(maxsize=16384)
def rewrite_result(original: str, answer: str) -> RewriteResult:
    """The engine's verdict on a rewrite, cached (a class overview asks for the same texts many times)."""
    from ..language import rewrite_feedback

    return rewrite_feedback(original, answer)


@register
class Rewrite(WrittenAnswer):
    """Rewrite a negative sentence in positive language, with explained feedback."""

    name = "rewrite"
    label = "Positief herschrijven"
    description = "een negatieve zin herschrijven in positieve taal"
    widget = "cursuslib.widgets.rewrite:RewriteExercise"
    verdicts = {"verbeterd": "positiever", "niet_verbeterd": "nog niet positiever"}
    answer_label = "Jouw zin"
    prompt_label = "De oorspronkelijke zin"
    prompt_field = "sentence"
    verdict_texts = ("Je zin is positiever en helpt de klant verder.", "Je zin kan nog positiever.")
    fields = written_fields(Field("sentence", "de negatieve zin die de student positief herschrijft", a_text))
    sample = {
        "title": "Herschrijf: iets wat je nu niet kunt oplossen",
        "instruction": "Herschrijf de zin in positieve taal. Zeg wat je wél doet en wanneer.",
        "sentence": "Dat kan ik nu niet oplossen.",
        "context": "Een klant belt over een fout in de app. Je collega die dit deel kent, is vanmiddag weer op "
                   "kantoor.",
        "model_answer": '"Vanmiddag bekijk ik het samen met een collega die dit deel van de app kent, en vóór vijf '
                        'uur bel ik u terug."',
        "annotations": ["Je zegt wat er wél gebeurt: je bekijkt het samen met een collega.",
                        "Je noemt een tijd: vóór vijf uur."],
        "key_ideas": [{"label": "wanneer de klant iets hoort",
                       "words": ["vanmiddag|vandaag|vanavond|morgen*|straks|maandag*|dinsdag*|woensdag*|donderdag*|"
                                 "vrijdag*", "# uur", "binnen ...2 uur|dag|dagen|kwartier"],
                       "find": ["Vanmiddag bekijk ik het met een collega."],
                       "miss": ["Ik ga ernaar kijken."]}],
        "examples": [{"answer": "Ik los het morgen om 9.00 uur voor u op.", "expect": "verbeterd"},
                     {"answer": "Dat kan ik vandaag helaas niet oplossen.", "expect": "niet_verbeterd"}],
    }
    ratio_columns = (RatioColumn(
        "rewrites", "Positief herschreven",
        "bij hoeveel herschrijfoefeningen de laatste gecontroleerde zin positiever is dan de oorspronkelijke"),)

    verdicts_ok = ("verbeterd", "niet_verbeterd")

    def engine(self, exercise: Exercise, answer: str) -> tuple[bool, tuple[str, ...], object]:
        """Improved when the engine finds the text more positive and still about the same thing."""
        result = rewrite_result(exercise.data["sentence"], answer)
        return result.improved, result.messages, result

    def ratio(self, exercise: Exercise, state: WrittenState, column: str) -> Ratio:
        """1 of 1 when the last checked sentence is more positive, 0 of 1 when not; nothing before a check."""
        assessment = self.assess(exercise, state)
        return Ratio(int(assessment.score == 1), 1) if assessment.done else Ratio()
