"""Single and multiple choice quizzes: options with an explanation each, one or more right answers."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import Field, FieldError, describe, key, optional_text, records, yes_no
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType

if TYPE_CHECKING:  # blocks are for documents: they load when one is made, not with a widget
    from .blocks import Block


@dataclass(frozen=True)
class Option:
    """One answer option of a choice quiz."""

    key: str
    text: str
    explanation: str


@dataclass
class ChoiceState:
    """What a choice quiz saves: the chosen keys, how often the student checked, what is shown."""

    selected: list[str] = field(default_factory=list)
    attempts: int = 0
    checked: bool = False
    model_shown: bool = False


@dataclass(frozen=True)
class OptionFeedback:
    """Feedback on one option the student chose."""

    option: Option
    correct: bool


@dataclass(frozen=True)
class ChoiceResult:
    """The outcome of one attempt at a choice quiz."""

    correct: bool
    chosen: tuple[OptionFeedback, ...]
    missed: int
    summary: str
    next_step: str


# --------------------------------------------------------------------------- schema
def check_options(value: Any, _: Mapping[str, Any]) -> tuple[Option, ...]:
    """Check ``options``: at least 2 ``{key, text, explanation}`` with unique keys (``1`` is taken as ``'1'``)."""
    rows = records(value, what="optie", plural="opties", unique="key",
                   fields={"key": key("a of b", numbers=True), "text": a_text, "explanation": a_text})
    return tuple(Option(**row) for row in rows)


def check_correct(many: bool) -> Any:
    """Check ``correct``: one option key (single choice) or a list of them (multiple choice)."""

    def check(value: Any, ctx: Mapping[str, Any]) -> frozenset[str]:
        keys = [option.key for option in ctx.get("options", ())]
        allowed = ", ".join(keys)
        items = value if isinstance(value, list) else [value]
        if many and not isinstance(value, list):
            raise FieldError(f"verwacht een lijst met sleutels van de goede opties, zoals [a, c]; kies uit: {allowed}")
        if not many and isinstance(value, list):
            raise FieldError(f"verwacht precies één sleutel (dit is single_choice); kies uit: {allowed}")
        if not items:
            raise FieldError(f"verwacht minstens één goede optie; kies uit: {allowed}")
        for item in items:
            if isinstance(item, bool) or str(item) not in keys:
                raise FieldError(f"{describe(item)} is geen optie van deze oefening; kies uit: {allowed}")
        return frozenset(str(item) for item in items)

    return check


def choice_fields(correct: str, *, many: bool) -> tuple[Field, ...]:
    """The fields of a choice quiz; ``correct`` describes the right answer field."""
    return (
        Field("question", "de vraag", a_text),
        Field("options", "de antwoordopties, elk met key, text en explanation", check_options),
        Field("correct", correct, check_correct(many=many)),
        Field("model_answer", "toelichting die na een poging te zien is", optional_text, required=False),
        Field("retrieval", "true: een herhaalvraag over een eerdere les; de student ziet 'Herhaling' en de vraag "
              "telt nergens voor mee (niet als evidence bij een zelfbeoordeling)", yes_no, required=False,
              default=False),
    )


# --------------------------------------------------------------------------- logic
def options(exercise: Exercise) -> tuple[Option, ...]:
    """Return the exercise's options in file order."""
    return exercise.data["options"]


def is_retrieval(exercise: Exercise) -> bool:
    """True for a retrieval question: it brings back an earlier lesson and counts for nothing."""
    return bool(exercise.data.get("retrieval"))


def correct_keys(exercise: Exercise) -> frozenset[str]:
    """Return the keys of the right options."""
    return exercise.data["correct"]


def check_choice(exercise: Exercise, selected: Collection[str]) -> ChoiceResult:
    """Check ``selected`` option keys against the exercise and build feedback (catalogue section ``choice``)."""
    right = correct_keys(exercise)
    known = {option.key for option in options(exercise)}
    chosen_keys = [key for key in selected if key in known]
    chosen = tuple(
        OptionFeedback(option, option.key in right) for option in options(exercise) if option.key in chosen_keys
    )
    missed = len(right - set(chosen_keys))
    wrong = sum(1 for item in chosen if not item.correct)
    is_correct = missed == 0 and wrong == 0 and bool(chosen)
    many = exercise.type == "multiple_choice"
    check = text("common.check", exercise)
    if not chosen:
        summary = text("choice.nothing_chosen", exercise)
        next_step = text("choice.nothing_chosen_next", exercise, button=check)
    elif is_correct:
        summary = text("choice.right_multiple", exercise) if many else text("choice.right_single", exercise)
        next_step = text("choice.right_next", exercise)
    elif many:
        wrong_part = (text("choice.wrong_one", exercise, count=wrong) if wrong == 1
                      else text("choice.wrong_many", exercise, count=wrong))
        missed_part = (text("choice.missed_one", exercise, count=missed) if missed == 1
                       else text("choice.missed_many", exercise, count=missed))
        if wrong and missed:
            summary = text("choice.partly_both", exercise, wrong=wrong_part, missed=missed_part)
        else:
            summary = text("choice.partly", exercise, problem=wrong_part if wrong else missed_part)
        next_step = text("choice.partly_next", exercise, button=check)
    else:
        summary = text("choice.wrong_single", exercise)
        next_step = text("choice.wrong_single_next", exercise, button=check)
    return ChoiceResult(is_correct, chosen, missed, summary, next_step)


# --------------------------------------------------------------------------- the type
class _Choice(ExerciseType[ChoiceState]):
    State = ChoiceState
    widget = "cursuslib.widgets.choice:ChoiceQuiz"
    verdicts = {"goed": "goed", "nog_niet": "nog niet goed"}
    scored = True
    many = False

    def assess(self, exercise: Exercise, state: ChoiceState) -> Assessment:
        """The feedback on the current selection; a verdict and score once the student checked a choice."""
        result = check_choice(exercise, state.selected)
        findings = (result.summary, result.next_step)
        if state.attempts <= 0 or not result.chosen:
            return Assessment(findings=findings, detail=result)
        if self.many:
            keys = [option.key for option in options(exercise)]
            chosen, right = {item.option.key for item in result.chosen}, correct_keys(exercise)
            score = sum((key in chosen) == (key in right) for key in keys) / len(keys)
        else:
            score = 1.0 if result.correct else 0.0
        return Assessment("goed" if result.correct else "nog_niet", score, findings, result)

    def portfolio(self, exercise: Exercise, state: ChoiceState, ctx: Context) -> Sequence[Block]:
        """The question, the options chosen and the result with the number of attempts."""
        from .blocks import Items, Para, count

        by_key = {option.key: option for option in options(exercise)}
        blocks: list[Block] = [Para(exercise.data["question"], label="Vraag", teacher=True)]
        if not any(key in by_key for key in state.selected):
            return [*blocks, Para("Nog geen antwoord gekozen.", note=True)]
        blocks.append(Items(tuple(option.text for key, option in by_key.items() if key in state.selected),
                            label="Jouw keuze", teacher=True))
        assessment = self.assess(exercise, state)
        if assessment.done:
            blocks.append(Para(f"{assessment.detail.summary} ({count(state.attempts, 'poging', 'pogingen')})",
                               label="Resultaat"))
        return blocks


@register
class SingleChoice(_Choice):
    """A quiz question with one right option (radio buttons)."""

    name = "single_choice"
    label = "Meerkeuzevraag"
    description = "meerkeuzevraag met één goed antwoord"
    fields = choice_fields("de sleutel van de goede optie", many=False)
    sample = {
        "title": "Welke vraag is open?",
        "instruction": "Kies de vraag waarmee de klant zelf gaat vertellen.",
        "question": "Je wilt weten hoe Fatima nu de afspraken van haar fietsenwinkel plant. Welke vraag stel je?",
        "options": [
            {"key": "a", "text": "Plant u de afspraken in een papieren agenda?",
             "explanation": "Dit is een gesloten vraag: Fatima kan alleen ja of nee zeggen."},
            {"key": "b", "text": "Hoe plant u nu de afspraken voor de werkplaats?",
             "explanation": "Goed: de vraag begint met 'hoe', zodat Fatima in haar eigen woorden vertelt."},
        ],
        "correct": "b",
        "model_answer": "Een open vraag begint met een vraagwoord, zoals wie, wat, waar, wanneer, hoe of welke.",
        "retrieval": True,
    }
    commented = ("retrieval",)


@register
class MultipleChoice(_Choice):
    """A quiz question with more right options (check boxes)."""

    name = "multiple_choice"
    label = "Meerkeuzevraag (meer antwoorden)"
    description = "meerkeuzevraag met meer goede antwoorden"
    many = True
    fields = choice_fields("lijst met de sleutels van alle goede opties", many=True)
    sample = {
        "title": "Wat hoort bij een goede samenvatting?",
        "instruction": "Kies alle antwoorden die kloppen.",
        "question": "Wat doe je als je de klant samenvat?",
        "options": [
            {"key": "a", "text": "Je gebruikt de woorden van de klant.",
             "explanation": "Klopt: zo hoort de klant dat je echt hebt geluisterd."},
            {"key": "b", "text": "Je geeft meteen een oplossing.",
             "explanation": "Nog niet: eerst check je of je de klant goed hebt begrepen."},
            {"key": "c", "text": "Je vraagt aan het eind of het klopt.",
             "explanation": "Klopt: met 'Klopt dat?' kan de klant je verbeteren of aanvullen."},
        ],
        "correct": ["a", "c"],
        "model_answer": "Een samenvatting begint vaak met 'Als ik u goed begrijp ...' en eindigt met 'Klopt dat?'.",
        "retrieval": True,
    }
    commented = ("retrieval",)
