"""STARR(T) reflection: six steps, word counts, gentle hints, one next step."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import Field, FieldError, describe, no_unknown, positive_int
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType
from .blocks import Answer, Block, Items, Para
from .checklist import check_checklist, checklist_blocks
from .ideas import IdeaMatch, check_key_ideas, find_ideas, idea_lines

#: The STARR(T) steps in order, with their Dutch name and default prompt (documents are Dutch).
REFLECTION_STEPS: dict[str, tuple[str, str]] = {
    "situatie": ("Situatie", "Wat speelde er? Wie waren erbij, waar en wanneer was het?"),
    "taak": ("Taak", "Wat was jouw rol? Wat wilde je bereiken?"),
    "actie": ("Actie", "Wat deed en zei je precies, en waarom koos je daarvoor?"),
    "resultaat": ("Resultaat", "Wat was het effect? Hoe reageerde de ander?"),
    "reflectie": ("Reflectie", "Wat ging goed? Wat doe je de volgende keer anders?"),
    "transfer": ("Transfer", "In welke andere situatie ga je dit ook toepassen?"),
}
#: The steps every reflection answers before its first attempt counts, and that an annotated example covers.
STARR_STEPS: tuple[str, ...] = ("situatie", "taak", "actie", "resultaat", "reflectie")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@dataclass
class ReflectionState:
    """What a reflection saves: the text per step key, the first attempt, the ticked checklist points, done."""

    steps: dict[str, str] = field(default_factory=dict)
    #: True once the student marked the reflection done with every STARR step written (shows the examples).
    attempted: bool = False
    #: The checklist points the student ticked (their texts, so a reordered list keeps its ticks).
    ticked: list[str] = field(default_factory=list)
    #: True once the student marked the reflection done (ticked or not: the checklist never blocks).
    done: bool = False


@dataclass(frozen=True)
class Step:
    """One STARR(T) step: its key, its name and the question to answer (in the widget language)."""

    key: str
    name: str
    prompt: str


@dataclass(frozen=True)
class StepExample:
    """An annotated weak and strong answer for one step (shown after the student's first attempt)."""

    weak: str
    strong: str
    why: str


@dataclass(frozen=True)
class StepOverview:
    """What the student wrote at one step, with its word count, an optional hint and the step's key ideas."""

    step: Step
    text: str
    words: int
    hint: str
    ideas: tuple[IdeaMatch, ...] = ()


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


def _per_step(check: Any, what: str) -> Any:
    """A check for a mapping step -> value, where each value goes through ``check``."""

    def per_step(value: Any, ctx: Mapping[str, Any]) -> dict[str, Any]:
        if value is None:
            return {}
        allowed = ", ".join(REFLECTION_STEPS)
        if not isinstance(value, dict):
            raise FieldError(f"verwacht per stap {what}, zoals 'situatie: ...'; stappen: {allowed}")
        result = {}
        for key, item in value.items():
            if key not in REFLECTION_STEPS:
                raise FieldError(f"de stap {describe(key)} bestaat niet; kies uit: {allowed}")
            try:
                result[key] = check(item, ctx)
            except FieldError as exc:
                raise FieldError(f"stap '{key}': {exc}") from None
        return result

    return per_step


def _step_example(value: Any, _: Mapping[str, Any]) -> StepExample:
    if not isinstance(value, dict):
        raise FieldError(f"verwacht weak, strong en why (niet {describe(value)})")
    no_unknown(value, ("weak", "strong", "why"), "voorbeeld")
    parts = {}
    for name in ("weak", "strong", "why"):
        if name not in value:
            raise FieldError(f"het veld '{name}' ontbreekt")
        try:
            parts[name] = a_text(value[name])
        except FieldError as exc:
            raise FieldError(f"'{name}': {exc}") from None
    return StepExample(**parts)


def check_step_examples(value: Any, ctx: Mapping[str, Any]) -> dict[str, StepExample]:
    """Check ``step_examples``: a weak and strong example with a note for each STARR step (transfer may be added)."""
    examples: dict[str, StepExample] = _per_step(_step_example, "een voorbeeld (weak, strong, why)")(value, ctx)
    missing = [key for key in STARR_STEPS if key not in examples]
    if value is not None and missing:
        raise FieldError(f"de stap '{missing[0]}' ontbreekt; geef een voorbeeld bij elke stap: "
                         f"{', '.join(STARR_STEPS)}")
    return examples


def first_attempt_ready(answers: Mapping[str, str]) -> tuple[str, ...]:
    """The STARR steps still without a word; empty when the student may mark the reflection done."""
    return tuple(key for key in STARR_STEPS if not word_count(answers.get(key, "")))


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
    """Return what the student wrote per step, in order, with the step's key ideas."""
    minimum = exercise.data["min_words"]
    ideas: Mapping[str, Any] = exercise.data.get("key_ideas") or {}
    result = []
    for step in steps(exercise):
        written = answers.get(step.key, "")
        matches = find_ideas(written, ideas.get(step.key, ())) if written.strip() else ()
        result.append(StepOverview(step, written, word_count(written), step_hint(written, minimum, exercise),
                                   matches))
    return tuple(result)


def next_step(items: tuple[StepOverview, ...], exercise: Exercise | None = None) -> str:
    """Return one concrete next step for the reflection as a whole: a short step first, then a missing key idea."""
    for item in items:
        if item.hint:
            return text("reflection.next_fill_in", exercise, step=item.step.name, hint=item.hint)
    for item in items:
        absent = [match for match in item.ideas if not match.found]
        if absent:
            return text("reflection.next_idea", exercise, step=item.step.name, idea=absent[0].idea.label)
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
        Field("key_ideas", "per stap de kernideeën van een goed antwoord (zie key_ideas bij andere oefeningen)",
              _per_step(check_key_ideas, "een lijst met kernideeën"), required=False),
        Field("step_examples", "per STARR-stap (situatie, taak, actie, resultaat, reflectie) een zwak en een sterk "
              "voorbeeld met uitleg (weak, strong, why), te zien na de eerste poging", check_step_examples,
              required=False),
        Field("checklist", "punten die de student afvinkt voordat hij de reflectie afrondt", check_checklist,
              required=False, default=None),
    )
    sample = {
        "title": "Reflectie op je intakegesprek",
        "instruction": "Denk aan het laatste gesprek met een klant of opdrachtgever en beantwoord de vragen.",
        "prompts": {"situatie": "Met welke klant sprak je, en waar ging het gesprek over?",
                    "actie": "Welke vragen stelde je om de wens van de klant duidelijk te krijgen?"},
        "min_words": 15,
        "key_ideas": {"actie": [{"label": "welke vraag je stelde", "words": ["vroeg|vraag|vragen|gevraagd"],
                                 "find": ["Ik vroeg hoe ze nu de afspraken plant."], "miss": ["Ik luisterde goed."]}]},
        "step_examples": {
            "situatie": {"weak": "Ik had een gesprek.",
                         "strong": "Ik sprak met Fatima van de fietsenwinkel over een app voor reparaties.",
                         "why": "Het sterke voorbeeld noemt met wie je sprak en waarover."},
            "taak": {"weak": "Ik moest praten.", "strong": "Ik wilde weten hoe ze nu de afspraken plant.",
                     "why": "Het sterke voorbeeld zegt wat je wilde bereiken."},
            "actie": {"weak": "Ik stelde vragen.",
                      "strong": "Ik vroeg: 'Hoe plant u nu de afspraken?' en vatte daarna samen wat ze zei.",
                      "why": "Het sterke voorbeeld noemt de vraag zelf en wat je daarna deed."},
            "resultaat": {"weak": "Het ging goed.",
                          "strong": "Ze vertelde dat ze alles in een papieren agenda schrijft.",
                          "why": "Het sterke voorbeeld laat zien wat je vraag opleverde."},
            "reflectie": {"weak": "Volgende keer beter.",
                          "strong": "Samenvatten lukte. Volgende keer vraag ik eerst door voor ik samenvat.",
                          "why": "Het sterke voorbeeld noemt één ding dat je volgende keer anders doet."}},
        "checklist": ["Ik noem een concrete situatie.", "Ik schrijf op wat ik zelf deed en zei."],
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

    def key_idea_groups(self, exercise: Exercise) -> list[tuple[str, tuple[Any, ...]]]:
        """The key ideas per step."""
        ideas: Mapping[str, Any] = exercise.data.get("key_ideas") or {}
        return [(f"stap '{key}'", tuple(found)) for key, found in ideas.items() if found]

    def writing(self, exercise: Exercise, state: ReflectionState) -> dict[str, str]:
        """The text per step key (steps left empty are left out)."""
        return {key: state.steps[key].strip() for key in REFLECTION_STEPS if state.steps.get(key, "").strip()}

    def writing_parts(self, exercise: Exercise) -> dict[str, str]:
        """The Dutch name of each step."""
        return {key: name for key, (name, _) in REFLECTION_STEPS.items()}

    def portfolio(self, exercise: Exercise, state: ReflectionState, ctx: Context) -> Sequence[Block]:
        """Every step with the teacher's question and what the student wrote."""
        prompts: Mapping[str, str] = exercise.data["prompts"]
        ideas: Mapping[str, Any] = exercise.data.get("key_ideas") or {}
        blocks: list[Block] = []
        for key, (name, _default) in REFLECTION_STEPS.items():
            written = state.steps.get(key, "").strip()
            blocks.append(Answer(name, written, hint=prompts.get(key, "")) if written
                          else Para("niet ingevuld", label=name, note=True))
            if written and ideas.get(key):
                blocks.append(Items(idea_lines(find_ideas(written, ideas[key]), exercise), label=text("ideas.heading")))
        blocks += checklist_blocks(exercise.data["checklist"], state.ticked, state.done)
        return blocks
