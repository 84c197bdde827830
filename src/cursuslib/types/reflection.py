"""STARR(T) reflection: six steps, word counts, gentle hints, one next step."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import Field, FieldError, describe, positive_int
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType
from .blocks import Answer, Block, Para

#: The STARR(T) steps in order, with their Dutch name and default prompt (documents are Dutch).
REFLECTION_STEPS: dict[str, tuple[str, str]] = {
    "situatie": ("Situatie", "Wat speelde er? Wie waren erbij, waar en wanneer was het?"),
    "taak": ("Taak", "Wat was jouw rol? Wat wilde je bereiken?"),
    "actie": ("Actie", "Wat deed en zei je precies, en waarom koos je daarvoor?"),
    "resultaat": ("Resultaat", "Wat was het effect? Hoe reageerde de ander?"),
    "reflectie": ("Reflectie", "Wat ging goed? Wat doe je de volgende keer anders?"),
    "transfer": ("Transfer", "In welke andere situatie ga je dit ook toepassen?"),
}
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass
class ReflectionState:
    """What a reflection saves: the text per step key."""

    steps: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    """One STARR(T) step: its key, its name and the question to answer (in the widget language)."""

    key: str
    name: str
    prompt: str


@dataclass(frozen=True)
class StepOverview:
    """What the student wrote at one step, with its word count and an optional hint."""

    step: Step
    text: str
    words: int
    hint: str


def check_prompts(value: Any, _: Mapping[str, Any]) -> dict[str, str]:
    """Check ``prompts``: an own question per step; steps left out keep their default question."""
    allowed = ", ".join(REFLECTION_STEPS)
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise FieldError(f"verwacht per stap een vraag, zoals 'situatie: ...'; stappen: {allowed}")
    prompts = {key: default for key, (_, default) in REFLECTION_STEPS.items()}
    for key, prompt in value.items():
        if key not in REFLECTION_STEPS:
            raise FieldError(f"de stap {describe(key)} bestaat niet; kies uit: {allowed}")
        try:
            prompts[key] = a_text(prompt)
        except FieldError as exc:
            raise FieldError(f"stap '{key}': {exc}") from None
    return prompts


def step_texts(exercise: Exercise | None = None) -> dict[str, tuple[str, str]]:
    """Return the name and default prompt per step key, from the message catalogue (section ``reflection``)."""
    return {
        "situatie": (text("reflection.situation_name", exercise), text("reflection.situation_prompt", exercise)),
        "taak": (text("reflection.task_name", exercise), text("reflection.task_prompt", exercise)),
        "actie": (text("reflection.action_name", exercise), text("reflection.action_prompt", exercise)),
        "resultaat": (text("reflection.result_name", exercise), text("reflection.result_prompt", exercise)),
        "reflectie": (text("reflection.reflection_name", exercise), text("reflection.reflection_prompt", exercise)),
        "transfer": (text("reflection.transfer_name", exercise), text("reflection.transfer_prompt", exercise)),
    }


def steps(exercise: Exercise) -> tuple[Step, ...]:
    """Return the exercise's steps in STARR(T) order: catalogue names, the exercise's own prompts or the default.

    The schema fills in ``REFLECTION_STEPS``' Dutch default for a prompt the file leaves out;
    such a prompt is replaced by the catalogue's default, so it follows the widget language.
    """
    prompts: Mapping[str, str] = exercise.data["prompts"]
    texts = step_texts(exercise)
    result = []
    for key, (_, default) in REFLECTION_STEPS.items():
        name, catalogue_prompt = texts[key]
        prompt = prompts.get(key, default)
        result.append(Step(key, name, catalogue_prompt if prompt == default else prompt))
    return tuple(result)


def word_count(answer: str) -> int:
    """Count the words in ``answer`` (letters and digits; 'klant-app' is one word)."""
    return len(_WORD.findall(answer))


def word_label(count: int, exercise: Exercise | None = None) -> str:
    """Return '1 woord' or 'N woorden' (in the widget language)."""
    if count == 1:
        return text("reflection.words_one", exercise, count=count)
    return text("reflection.words_many", exercise, count=count)


def step_hint(answer: str, min_words: int, exercise: Exercise | None = None) -> str:
    """Return a gentle hint when a step is empty or short, else ''."""
    count = word_count(answer)
    if count == 0:
        return text("reflection.hint_empty", exercise)
    if count < min_words:
        return text("reflection.hint_short", exercise, min_words=min_words)
    return ""


def overview(exercise: Exercise, answers: Mapping[str, str]) -> tuple[StepOverview, ...]:
    """Return what the student wrote per step, in order."""
    minimum = exercise.data["min_words"]
    return tuple(
        StepOverview(step, answers.get(step.key, ""), word_count(answers.get(step.key, "")),
                     step_hint(answers.get(step.key, ""), minimum, exercise))
        for step in steps(exercise)
    )


def next_step(items: tuple[StepOverview, ...], exercise: Exercise | None = None) -> str:
    """Return one concrete next step for the reflection as a whole."""
    for item in items:
        if item.hint:
            return text("reflection.next_fill_in", exercise, step=item.step.name, hint=item.hint)
    return text("reflection.next_try_out", exercise, step=step_texts(exercise)["reflectie"][0])


@register
class Reflection(ExerciseType[ReflectionState]):
    """A reflection in six steps, each with a word count and a hint when it is short."""

    name = "reflection"
    label = "Reflectie (STARR(T))"
    description = "reflecteren met STARR(T): situatie, taak, actie, resultaat, reflectie, transfer"
    State = ReflectionState
    widget = "cursuslib.widgets.reflection:ReflectionExercise"
    verdicts = {"te_kort": "nog te kort", "voldoende": "voldoende uitgewerkt"}
    writing_title = "Reflecties"
    fields = (
        Field("prompts", "eigen vraag per STARR(T)-stap (de andere stappen houden hun standaardvraag)", check_prompts,
              required=False, default=None),
        Field("min_words", "aantal woorden per stap waaronder een tip verschijnt", positive_int,
              required=False, default=15),
    )
    sample = {
        "title": "Reflectie op je intakegesprek",
        "instruction": "Denk aan het laatste gesprek met een klant of opdrachtgever en beantwoord de vragen.",
        "prompts": {"situatie": "Met welke klant sprak je, en waar ging het gesprek over?",
                    "actie": "Welke vragen stelde je om de wens van de klant duidelijk te krijgen?"},
        "min_words": 15,
        "examples": [{"answer": "Het ging goed.", "expect": "te_kort"},
                     {"answer": "Ik sprak met Fatima van de fietsenwinkel over haar reparatie-app. Ik vroeg hoe ze "
                                "nu afspraken plant en vatte daarna samen wat ze zei.", "expect": "voldoende"}],
    }

    def assess(self, exercise: Exercise, state: ReflectionState) -> Assessment:
        """``voldoende`` when every step has enough words, ``te_kort`` otherwise; nothing while all is empty."""
        items = overview(exercise, state.steps)
        if not any(item.words for item in items):
            return Assessment(detail=items)
        hints = tuple(f"{item.step.name}: {item.hint}" for item in items if item.hint)
        if hints:
            return Assessment("te_kort", findings=(*hints, next_step(items, exercise)), detail=items)
        words = sum(item.words for item in items)
        remark = f"{words} woorden, richtlijn {exercise.data['min_words']} per stap"
        return Assessment("voldoende", findings=(remark, next_step(items, exercise)), detail=items)

    def example_state(self, exercise: Exercise, answer: str) -> ReflectionState:
        """Every step filled in with ``answer`` (an example tests one step's text)."""
        return ReflectionState(dict.fromkeys(REFLECTION_STEPS, answer))

    def writing(self, exercise: Exercise, state: ReflectionState) -> dict[str, str]:
        """The text per step key (steps left empty are left out)."""
        return {key: state.steps[key].strip() for key in REFLECTION_STEPS if state.steps.get(key, "").strip()}

    def writing_parts(self, exercise: Exercise) -> dict[str, str]:
        """The Dutch name of each step."""
        return {key: name for key, (name, _) in REFLECTION_STEPS.items()}

    def portfolio(self, exercise: Exercise, state: ReflectionState, ctx: Context) -> Sequence[Block]:
        """Every step with the teacher's question and what the student wrote."""
        prompts: Mapping[str, str] = exercise.data["prompts"]
        blocks: list[Block] = []
        for key, (name, _default) in REFLECTION_STEPS.items():
            written = state.steps.get(key, "").strip()
            blocks.append(Answer(name, written, hint=prompts.get(key, "")) if written
                          else Para("niet ingevuld", label=name, note=True))
        return blocks
