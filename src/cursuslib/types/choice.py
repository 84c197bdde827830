"""Single and multiple choice quizzes: options with an explanation each, one or more right answers.

Options are shown in an order of their own for every student (:func:`display_order`), the first
checked answer is kept beside the last, and an exercise may ask "Hoe zeker ben je?" before the check.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import Field, FieldError, describe, key, optional_text, records, yes_no
from ..schema import text as a_text
from .base import Assessment, ClassPart, Context, ExerciseType

if TYPE_CHECKING:  # blocks are for documents: they load when one is made, not with a widget
    from .blocks import Block


@dataclass(frozen=True)
class Option:
    """One answer option of a choice quiz."""

    key: str
    text: str
    explanation: str


#: The answers to "Hoe zeker ben je?", least sure first; their words are catalogue texts ``choice.confidence_<key>``.
CONFIDENCE_LEVELS = ("gok", "redelijk", "zeker")
#: A right single-choice answer this many times as long as the longest wrong one gives itself away.
LONGEST_RATIO = 1.25
#: A lesson whose right single-choice answers stand at one position more often than this share is predictable.
POSITION_SHARE = 0.5


@dataclass
class ChoiceState:
    """What a choice quiz saves: the chosen option keys (never display positions), how often the student
    checked, what is shown, and the first checked answer beside the last one.

    ``first`` is None until the first check (and in states saved before first attempts were kept);
    ``first_correct`` is that attempt's verdict. ``confidence`` is the answer to "Hoe zeker ben je?" now
    (a key of :data:`CONFIDENCE_LEVELS`, "" when not given), ``first_confidence`` the one at the first check.
    """

    selected: list[str] = field(default_factory=list)
    attempts: int = 0
    checked: bool = False
    model_shown: bool = False
    first: list[str] | None = None
    first_correct: bool | None = None
    confidence: str = ""
    first_confidence: str = ""


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
        Field("shuffle", "true: elke student ziet de opties in een eigen volgorde; false: de volgorde van dit "
              "bestand", yes_no, required=False, default=True),
        Field("confidence", "true: vraag voor het controleren 'Hoe zeker ben je?' (gok, redelijk zeker, heel zeker)",
              yes_no, required=False, default=False),
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


def display_order(exercise: Exercise, seed: str) -> tuple[Option, ...]:
    """The options in the order one student sees them: the same for every start with the same ``seed``.

    The order comes from a hash of the student's seed, the exercise id and each option key, so it
    differs per student and per exercise but never between two starts. ``shuffle: false`` (or no
    seed) keeps the order of the file.
    """
    items = options(exercise)
    if not seed or not exercise.data.get("shuffle", True):
        return items
    return tuple(sorted(items, key=lambda option: hashlib.sha256(
        f"{seed}\n{exercise.id}\n{option.key}".encode()).hexdigest()))


def asks_confidence(exercise: Exercise) -> bool:
    """True when the exercise asks "Hoe zeker ben je?" before the check."""
    return bool(exercise.data.get("confidence", False))


@dataclass(frozen=True)
class FirstAttempt:
    """The first checked answer of a quiz: the keys, its verdict, its score (0..1) and the confidence then."""

    keys: tuple[str, ...]
    correct: bool
    score: float
    confidence: str = ""


def _score(exercise: Exercise, keys: Collection[str], correct: bool) -> float:
    if exercise.type != "multiple_choice":
        return 1.0 if correct else 0.0
    every = [option.key for option in options(exercise)]
    return sum((k in keys) == (k in correct_keys(exercise)) for k in every) / len(every)


def first_attempt(exercise: Exercise, state: ChoiceState) -> FirstAttempt | None:
    """The first checked answer, or None when there is none (not checked yet, or not known).

    A state saved before first attempts were kept has no ``first``: when it was checked exactly once
    and still shows that check, the selection is that first attempt; otherwise it is unknown.
    """
    if state.first is not None:
        chosen, sure = state.first, state.first_confidence
    elif state.attempts == 1 and state.checked:
        chosen, sure = state.selected, state.confidence
    else:
        return None
    known = {option.key for option in options(exercise)}
    keys = tuple(k for k in chosen if k in known)
    if not keys:
        return None
    correct = check_choice(exercise, keys).correct
    return FirstAttempt(keys, correct, _score(exercise, keys, correct), sure)


# --------------------------------------------------------------------------- content balance (cursus check)
def longest_right_warning(exercise: Exercise) -> str:
    """A Dutch warning when a single-choice item's right option is clearly the longest ("" when not)."""
    if exercise.type != "single_choice":
        return ""
    right = correct_keys(exercise)
    wrong = [len(o.text) for o in options(exercise) if o.key not in right]
    longest_right = max(len(o.text) for o in options(exercise) if o.key in right)
    if wrong and longest_right >= LONGEST_RATIO * max(wrong):
        return (f"het goede antwoord is veel langer dan de andere opties ({longest_right} tegen hoogstens "
                f"{max(wrong)} tekens); studenten kiezen dan vaak de langste optie zonder te lezen. Maak de opties "
                "ongeveer even lang.")
    return ""


#: Markdown that an option would show literally: its label is plain text (emphasis, code, a link).
MARKUP = re.compile(r"\*[^*\s]|[^*\s]\*|`|\[[^\]]*\]\(|(?<!\w)_[^_\s][^_]*_(?!\w)")


def markup_warning(exercise: Exercise) -> str:
    """A Dutch warning when an option's text holds Markdown, which its label would show as it is ("" when not)."""
    marked = [option.key for option in options(exercise) if MARKUP.search(option.text)]
    if not marked:
        return ""
    return (f"optie {', '.join(marked)} bevat opmaak (zoals *schuin*, `code` of een link); een optie wordt als gewone "
            "tekst getoond, dus de student ziet de tekens zelf. Laat de opmaak weg; aanhalingstekens mogen wel.")


def right_positions(exercises: Sequence[Exercise]) -> dict[int, list[str]]:
    """Per position in the file (1 = first option): the ids of the single-choice items whose right answer stands there."""
    found: dict[int, list[str]] = {}
    for exercise in exercises:
        if exercise.type != "single_choice":
            continue
        keys = [option.key for option in options(exercise)]
        for right in correct_keys(exercise):
            found.setdefault(keys.index(right) + 1, []).append(exercise.id)
    return found


def position_warning(exercises: Sequence[Exercise]) -> str:
    """A Dutch warning when one position holds the right answer in more than half of a lesson's single-choice items."""
    total = sum(1 for exercise in exercises if exercise.type == "single_choice")
    for position, ids in sorted(right_positions(exercises).items()):
        if total >= 2 and len(ids) > POSITION_SHARE * total:
            return (f"in {len(ids)} van de {total} meerkeuzevragen met één goed antwoord staat het goede antwoord op "
                    f"plek {position} ({', '.join(ids)}); wissel de volgorde in het bestand, zodat een student die "
                    "plek niet leert herkennen (ook als 'shuffle: false' de volgorde vastzet).")
    return ""


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


def confidence_word(level: str) -> str:
    """The words for a confidence level ("heel zeker"), from the catalogue."""
    return text(f"choice.confidence_{level}") if level in CONFIDENCE_LEVELS else ""


#: The types that share this module.
CHOICE_TYPES = ("single_choice", "multiple_choice")


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
        score = _score(exercise, {item.option.key for item in result.chosen}, result.correct)
        return Assessment("goed" if result.correct else "nog_niet", score, findings, result)

    evidence_kind = "eerste poging quiz"

    def evidence(self, exercise: Exercise, state: ChoiceState) -> float | None:
        """The score of the FIRST checked answer: retrying until it is right is no evidence."""
        first = first_attempt(exercise, state)
        return None if first is None else first.score

    def content_warnings(self, exercises: Sequence[Exercise]) -> list[tuple[str, str, str]]:
        """Options that give the answer away (a right answer that is clearly the longest, one position that dominates)
        or show Markdown as it is."""
        found = [(exercise.id, "options", message) for exercise in exercises
                 for message in (longest_right_warning(exercise), markup_warning(exercise)) if message]
        message = position_warning(exercises)
        if message:
            found.append(("", "correct", message))
        return found

    def portfolio(self, exercise: Exercise, state: ChoiceState, ctx: Context) -> Sequence[Block]:
        """The question, the first and the last choice, and the result with the number of attempts."""
        from .blocks import Items, Para, count

        by_key = {option.key: option for option in options(exercise)}
        blocks: list[Block] = [Para(exercise.data["question"], label="Vraag", teacher=True)]
        first = first_attempt(exercise, state)
        if first is not None:
            verdict = "goed" if first.correct else "nog niet goed"
            sure = f"; je was: {confidence_word(first.confidence)}" if first.confidence in CONFIDENCE_LEVELS else ""
            blocks.append(Items(tuple(by_key[key].text for key in by_key if key in first.keys),
                                label=f"Eerste poging ({verdict}{sure})", teacher=True))
        if not any(key in by_key for key in state.selected):
            return [*blocks, Para("Nog geen antwoord gekozen.", note=True)]
        blocks.append(Items(tuple(option.text for key, option in by_key.items() if key in state.selected),
                            label="Jouw keuze", teacher=True))
        assessment = self.assess(exercise, state)
        if assessment.done:
            blocks.append(Para(f"{assessment.detail.summary} ({count(state.attempts, 'poging', 'pogingen')})",
                               label="Resultaat"))
        return blocks

    def portfolio_parts(self, exercises: Sequence[Exercise], ctx: Context) -> list[ClassPart]:
        """How sure the student was at the first attempt of each quiz, next to whether it was right."""
        from .blocks import Para, Table

        tally = {level: [0, 0] for level in CONFIDENCE_LEVELS}
        for exercise in exercises:
            if exercise.type not in CHOICE_TYPES or not asks_confidence(exercise):
                continue
            value = ctx.value(exercise.id)
            if not isinstance(value, dict):
                continue
            first = first_attempt(exercise, self.read(value))
            if first is not None and first.confidence in tally:
                tally[first.confidence][0 if first.correct else 1] += 1
        if not any(sum(pair) for pair in tally.values()):
            return []
        rows = tuple((confidence_word(level).capitalize(), str(right), str(wrong))
                     for level, (right, wrong) in tally.items())
        lines = tuple(Para(f"{confidence_word(level).capitalize()} en {'goed' if ok else 'nog niet goed'}: "
                           f"{n} keer.")
                      for level, pair in tally.items() for ok, n in ((True, pair[0]), (False, pair[1])) if n)
        blocks = (Para("Bij sommige quizvragen vroeg de cursus voor het controleren: 'Hoe zeker ben je?'. Hier zie "
                       "je hoe vaak je gevoel paste bij je eerste poging. Het is geen cijfer: het helpt je te zien "
                       "wanneer je op je gevoel kunt vertrouwen."),
                  *lines,
                  Table("Hoe zeker je was en je eerste poging", ("Hoe zeker", "Goed", "Nog niet goed"), rows))
        return [ClassPart("zekerheid", "Hoe zeker was je bij de quizvragen?", blocks, tally)]


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
        "shuffle": False,
        "confidence": True,
    }
    commented = ("retrieval", "shuffle", "confidence")


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
        "shuffle": False,
        "confidence": True,
    }
    commented = ("retrieval", "shuffle", "confidence")
