"""STARR(T) reflection: steps, word counts, gentle hints and an overview."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..content import REFLECTION_STEPS, Exercise

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass(frozen=True)
class Step:
    """One STARR(T) step: its key, Dutch name and the question to answer."""

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


def steps(exercise: Exercise) -> tuple[Step, ...]:
    """Return the exercise's steps in STARR(T) order with their prompts."""
    prompts: Mapping[str, str] = exercise.data["prompts"]
    return tuple(Step(key, name, prompts[key]) for key, (name, _) in REFLECTION_STEPS.items())


def word_count(text: str) -> int:
    """Count the words in ``text`` (letters and digits; 'klant-app' is one word)."""
    return len(_WORD.findall(text))


def word_label(count: int) -> str:
    """Return '1 woord' or 'N woorden'."""
    return f"{count} woord" if count == 1 else f"{count} woorden"


def step_hint(text: str, min_words: int) -> str:
    """Return a gentle Dutch hint when a step is empty or short, else ''."""
    count = word_count(text)
    if count == 0:
        return "Nog leeg: schrijf een paar zinnen over deze stap."
    if count < min_words:
        return f"Maak het concreter: wat zag, zei of deed je precies? (richtlijn: {min_words} woorden of meer)"
    return ""


def overview(exercise: Exercise, answers: Mapping[str, str]) -> tuple[StepOverview, ...]:
    """Return what the student wrote per step, in order."""
    minimum = exercise.data["min_words"]
    return tuple(
        StepOverview(step, answers.get(step.key, ""), word_count(answers.get(step.key, "")),
                     step_hint(answers.get(step.key, ""), minimum))
        for step in steps(exercise)
    )


def next_step(items: tuple[StepOverview, ...]) -> str:
    """Return one concrete next step for the reflection as a whole."""
    for item in items:
        if item.hint:
            return f"Volgende stap: vul '{item.step.name}' aan. {item.hint}"
    return "Volgende stap: kies één punt uit je Reflectie en probeer het in je volgende gesprek uit."
