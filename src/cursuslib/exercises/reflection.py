"""STARR(T) reflection: steps, word counts, gentle hints and an overview."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..content import REFLECTION_STEPS, Exercise
from ..messages import text

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


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

    The content schema fills in ``REFLECTION_STEPS``' Dutch default for a prompt the file leaves out;
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


def word_count(text: str) -> int:
    """Count the words in ``text`` (letters and digits; 'klant-app' is one word)."""
    return len(_WORD.findall(text))


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
