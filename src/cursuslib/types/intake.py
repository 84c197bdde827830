"""Intake: a whole conversation with a simulated client who tells what the student actually asks, then the
written order confirmation. The conversation logic is :mod:`cursuslib.simulator`; this module holds the
exercise's fields, its saved state, one assessment and its views."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..content import Exercise
from ..language.key_ideas import KeyIdea, pattern_problem
from ..registry import register
from ..schema import Field, FieldError, describe, no_unknown, one_of, optional_text, records, text_list
from ..schema import text as a_text
from ..simulator.review import FOUND, MISSED, TOUCHED, Debrief, debrief
from ..simulator.scenario import CONDITION_EVENTS, REPLY_KEYS, SHORT_WORDS, TOPIC_KINDS, Condition, Scenario, Topic
from .base import Assessment, ClassPart, Context, CsvTable, ExerciseType
from .blocks import Answer, Block, Group, Items, Para, Table

if TYPE_CHECKING:  # the conversation logic (and its language engine) is imported when a conversation is used
    from ..simulator.confirmation import ConfirmationResult
    from ..simulator.conversation import Conversation, Turn

TOPIC_ID = re.compile(r"^[a-z][a-z0-9-]{0,39}$")
#: At most this many turns are kept (a conversation is 10-15 minutes; more is someone pasting in a loop).
MAX_TURNS = 200
#: How the debrief names a topic's status.
STATUS_WORDS = {FOUND: "gevonden", TOUCHED: "alleen aangeraakt", MISSED: "gemist"}


# -- fields -----------------------------------------------------------------------------------------------------
def _topic_id(value: Any, _: Mapping[str, Any] | None = None) -> str:
    if not isinstance(value, str) or not TOPIC_ID.match(value):
        raise FieldError(f"verwacht een korte id van kleine letters, cijfers en streepjes, zoals huidige-werkwijze "
                         f"(niet {describe(value)})")
    return value


def _ways(value: Any, _: Mapping[str, Any] | None = None) -> tuple[str, ...]:
    ways = text_list(value)
    if not ways:
        raise FieldError("verwacht een lijst met minstens één manier om het onderwerp te noemen")
    for number, way in enumerate(ways, start=1):
        problem = pattern_problem(way)
        if problem:
            raise FieldError(f"manier {number} ('{way}'): {problem}")
    return ways


def _short(value: Any, ctx: Mapping[str, Any] | None = None) -> str:
    answer = a_text(value, ctx)
    words = len(answer.split())
    if words > SHORT_WORDS:
        raise FieldError(f"het korte antwoord na een gesloten vraag heeft hoogstens {SHORT_WORDS} woorden "
                         f"(nu {words}); zet de rest in 'full'")
    return answer


def _condition(value: Any, _: Mapping[str, Any] | None = None) -> Condition | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise FieldError(f"verwacht after (een lijst met ids) en/of asked ({', '.join(CONDITION_EVENTS)}), "
                         f"niet {describe(value)}")
    no_unknown(value, ("after", "asked"), "voorwaarde")
    after = tuple(_topic_id(item) for item in text_list(value.get("after")))
    asked = value.get("asked") or ""
    if asked:
        asked = one_of(tuple(CONDITION_EVENTS))(asked)
    if not after and not asked:
        raise FieldError("een voorwaarde noemt after (ids van onderwerpen) of asked "
                         f"({', '.join(CONDITION_EVENTS)})")
    return Condition(after, asked)


def _at_least(number: int) -> Any:
    def check(value: Any, ctx: Mapping[str, Any] | None = None) -> tuple[str, ...]:
        lines = text_list(value, ctx)
        if len(lines) < number:
            raise FieldError(f"verwacht minstens {number} zin{'nen' if number > 1 else ''} van een student "
                             f"(nu {len(lines)})")
        return lines
    return check


def check_topics(value: Any, _: Mapping[str, Any]) -> tuple[Topic, ...]:
    """Check ``topics``: unique ids, words, both answers, an optional condition on existing topics, examples."""
    rows = records(value, what="onderwerp", plural="onderwerpen", minimum=1, unique="id",
                   optional=("condition", "until", "confirm"),
                   fields={"id": _topic_id, "label": a_text, "kind": one_of(tuple(TOPIC_KINDS)), "words": _ways,
                           "full": a_text, "short": _short, "condition": _condition, "until": optional_text,
                           "reveal": _at_least(3), "hide": _at_least(1), "confirm": lambda v, c: _ways(v) if v else ()})
    ids = [row["id"] for row in rows]
    for row in rows:
        condition = row["condition"]
        for other in condition.after if condition else ():
            if other not in ids:
                raise FieldError(f"onderwerp '{row['id']}', 'condition': onderwerp '{other}' bestaat niet; "
                                 f"kies uit: {', '.join(ids)}")
    after = {row["id"]: (row["condition"].after if row["condition"] else ()) for row in rows}
    for start in ids:  # every topic reachable: no circle of conditions
        seen, todo = set(), list(after[start])
        while todo:
            current = todo.pop()
            if current == start:
                raise FieldError(f"onderwerp '{start}', 'condition': de voorwaarden draaien in een kring, zodat de "
                                 "klant dit onderwerp nooit vertelt")
            if current not in seen:
                seen.add(current)
                todo.extend(after.get(current, ()))
    return tuple(
        Topic(row["id"], row["label"], row["kind"], KeyIdea(row["id"], row["words"]), row["full"], row["short"],
              row["condition"], row["until"], row["reveal"], row["hide"],
              KeyIdea(row["id"], row["confirm"]) if row["confirm"] else None)
        for row in rows)


def check_replies(value: Any, _: Mapping[str, Any]) -> dict[str, str]:
    """Check ``replies``: the client's own lines, by key (see teksten/nl.yaml, section intake_client)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FieldError(f"verwacht zinnen van de klant per sleutel ({', '.join(REPLY_KEYS)}), niet {describe(value)}")
    no_unknown(value, REPLY_KEYS, "replies")
    return {key: a_text(line) for key, line in value.items()}


def check_confirmation_field(value: Any, _: Mapping[str, Any]) -> dict[str, Any]:
    """Check ``confirmation``: the model order confirmation and its notes (what makes it good)."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise FieldError(f"verwacht model (de voorbeeldbevestiging) en notes (een lijst), niet {describe(value)}")
    no_unknown(value, ("model", "notes", "instruction"), "confirmation")
    return {"model": a_text(value.get("model")), "notes": text_list(value.get("notes")),
            "instruction": optional_text(value.get("instruction"))}


# -- state ------------------------------------------------------------------------------------------------------
@dataclass
class IntakeState:
    """What the intake saves: the turns so far, whether the talk is closed, the draft line, the coach switch,
    and the order confirmation (its text and the text last checked)."""

    turns: list[dict[str, Any]] = field(default_factory=list)
    closed: bool = False
    draft: str = ""
    coach: bool = False
    letter: str = ""
    checked_letter: str | None = None
    attempts: int = 0
    model_shown: bool = False


def conversation_of(exercise: Exercise, state: IntakeState) -> Conversation:
    """The conversation as saved (damaged turns are left out, at most :data:`MAX_TURNS`)."""
    from ..simulator.conversation import Conversation

    return Conversation.restore(exercise, state.turns[:MAX_TURNS], state.closed)


def confirmation_of(exercise: Exercise, turns: Sequence[Turn], letter: str) -> ConfirmationResult:
    """The check of an order confirmation against the topics found in these turns."""
    from ..simulator.confirmation import check_confirmation

    scenario = Scenario.of(exercise.data)
    return check_confirmation(scenario, debrief(scenario, turns).found, letter, exercise)


@dataclass(frozen=True)
class IntakeResult:
    """The debrief and the check of the confirmation (None until it is checked)."""

    debrief: Debrief
    confirmation: ConfirmationResult | None


@register
class Intake(ExerciseType[IntakeState]):
    """A whole intake with a simulated client, then the written order confirmation."""

    name = "intake"
    label = "Intakegesprek"
    description = "een heel gesprek met een gesimuleerde klant, daarna een opdrachtbevestiging"
    State = IntakeState
    widget = "cursuslib.widgets.intake:IntakeExercise"
    verdicts = {"goed": "gesprek en bevestiging in orde", "nog_niet": "nog niet af"}
    scored = True
    #: The evidence for a self-assessment is the assessment's score: the share of topics found in a closed talk.
    evidence_kind = "intake-simulator"
    fields = (
        Field("client", "wie de klant is (naam en rol, zonder contactgegevens)", a_text),
        Field("situation", "de situatie, zoals de student die vooraf leest", a_text),
        Field("opening", "wat de klant als eerste zegt", a_text),
        Field("topics", "de verborgen onderwerpen, elk met id, label, kind, words, full, short, reveal, hide "
              "(en eventueel condition, until, confirm)", check_topics),
        Field("replies", "eigen zinnen van de klant, per sleutel (standaard uit teksten/nl.yaml)", check_replies,
              required=False),
        Field("confirmation", "de voorbeeldbevestiging (model) met uitleg (notes) en eventueel een eigen opdracht "
              "voor de mail (instruction)", check_confirmation_field,
              required=False),
    )
    commented = ("replies",)
    sample = {
        "title": "Intake: wat zoekt de klant?",
        "instruction": "Voer het gesprek. Stel open vragen, vat samen en schrijf daarna de opdrachtbevestiging.",
        "client": "de eigenaar van een kapsalon",
        "situation": "De kapsalon wil dat klanten online een afspraak maken.",
        "opening": "Goedemiddag! Ik wil dat klanten online een afspraak kunnen maken.",
        "topics": [
            {"id": "huidige-werkwijze", "label": "hoe afspraken nu gaan", "kind": "feit",
             "words": ["hoe ...4 nu|momenteel", "afspraak|afspraken ...4 maken|gaan|regelen"],
             "full": "Klanten bellen of lopen binnen, en ik schrijf alles in een papieren agenda.",
             "short": "Via de telefoon, en ik schrijf het op.",
             "reveal": ["Hoe maken klanten nu een afspraak?", "Hoe gaat het nu met afspraken?",
                        "Vertel eens hoe afspraken nu geregeld worden."],
             "hide": ["Wat is uw lievelingskleur?"]},
            {"id": "behoefte", "label": "wat het voor haar verandert", "kind": "behoefte",
             "words": ["wat ...4 veranderen|opleveren|bereiken", "waarom ...4 online"],
             "condition": {"asked": "waarom"},
             "full": "Ik sta de hele dag te knippen en mis telefoontjes. Ik wil rust aan mijn stoel.",
             "short": "Dat ik minder gestoord word.",
             "reveal": ["Waarom wilt u online afspraken?", "Wat zou het voor u veranderen?",
                        "Wat wilt u ermee bereiken?"],
             "hide": ["Hoe laat gaat u open?"]},
        ],
        "replies": {"off_topic": "Daar gaat het me nu niet om. Vraag liever naar de afspraken."},
        "confirmation": {"model": "Beste ..., u wilt dat klanten online een afspraak maken, zodat u ...",
                         "notes": ["Noemt de behoefte", "Noemt de volgende stap met een datum"]},
    }

    # -- assessment ------------------------------------------------------------------------------------------
    def assess(self, exercise: Exercise, state: IntakeState) -> Assessment:
        """``goed`` when the checked confirmation is in order; the score is the share of topics found."""
        turns = conversation_of(exercise, state).turns
        scenario = Scenario.of(exercise.data)
        result = debrief(scenario, turns)
        checked = (confirmation_of(exercise, turns, state.checked_letter)
                   if state.checked_letter is not None else None)
        detail = IntakeResult(result, checked)
        if not turns:
            return Assessment(detail=detail)
        score = result.count(FOUND) / len(scenario.topics) if scenario.topics else None
        findings = debrief_lines(result)
        if checked is not None:
            findings = (*findings, *checked.messages)
        verdict = "goed" if checked is not None and checked.ok else "nog_niet"
        return Assessment(verdict, score if state.closed else None, findings, detail)

    def content_tests(self, exercise: Exercise) -> tuple[int, list[tuple[str, str]]]:
        """Every topic's ``reveal`` lines must reveal it and its ``hide`` lines must not."""
        from ..simulator.checks import scenario_problems

        tried, problems = scenario_problems(exercise)
        return tried, [("topics", problem) for problem in problems]

    # -- views -----------------------------------------------------------------------------------------------
    def portfolio(self, exercise: Exercise, state: IntakeState, ctx: Context) -> Sequence[Block]:
        """The transcript, the debrief and the order confirmation (with its check)."""
        scenario = Scenario.of(exercise.data)
        turns = conversation_of(exercise, state).turns
        blocks: list[Block] = [Para(scenario.situation, label="Situatie", teacher=True),
                               Para(scenario.opening, label="De klant", teacher=True)]
        if not turns:
            blocks.append(Para("Het gesprek is nog niet begonnen.", note=True))
            return blocks
        lines: list[Block] = []
        for turn in turns:
            if turn.said:
                lines.append(Answer("Jij", turn.said))
            lines.append(Para(turn.reply, label="De klant"))
        blocks.append(Group("Gesprek", tuple(lines)))
        result = debrief(scenario, turns)
        blocks.append(Group("Nabespreking", tuple(debrief_blocks(result))))
        if state.letter.strip():
            blocks.append(Answer("Jouw opdrachtbevestiging", state.letter))
            if state.checked_letter is not None:
                checked = confirmation_of(exercise, turns, state.checked_letter)
                verdict = "✔ Goed: " if checked.ok else "✘ Nog niet: "
                blocks.append(Items((verdict + checked.messages[0], *checked.messages[1:]),
                                    label="Feedback op de bevestiging"))
        return blocks

    def writing(self, exercise: Exercise, state: IntakeState) -> dict[str, str]:
        """The order confirmation, for the teacher's overview."""
        return {"letter": state.letter} if state.letter.strip() else {}

    def writing_parts(self, exercise: Exercise) -> dict[str, str]:
        """The label of the one part :meth:`writing` returns."""
        return {"letter": "Opdrachtbevestiging"}

    writing_title = "Opdrachtbevestigingen"

    def class_parts(self, exercises: Sequence[Exercise], students: Sequence[tuple[str, Mapping[str, Any]]]
                    ) -> list[ClassPart]:
        """Per intake and per topic: how many students found it, only touched it or missed it."""
        rows: list[tuple[str, str, str, int, int, int, int]] = []
        blocks: list[Block] = []
        for exercise in exercises:
            scenario = Scenario.of(exercise.data)
            counts = {topic.id: [0, 0, 0] for topic in scenario.topics}
            talked = 0
            for _name, answers in students:
                entry = answers.get(exercise.id)
                value = entry.get("value") if isinstance(entry, dict) else None
                if value is None:
                    continue
                turns = conversation_of(exercise, self.read(value)).turns
                if not turns:
                    continue
                talked += 1
                for topic in debrief(scenario, turns).topics:
                    counts[topic.id][(FOUND, TOUCHED, MISSED).index(topic.status)] += 1
            table_rows = []
            for topic in scenario.topics:
                found, touched, missed = counts[topic.id]
                share = f"{round(100 * found / talked)}%" if talked else "–"
                table_rows.append((topic.label, str(found), str(touched), str(missed), share))
                rows.append((exercise.id, topic.id, topic.label, found, touched, missed, talked))
            blocks.append(Table(f"{exercise.title}: {talked} {'student' if talked == 1 else 'studenten'} in gesprek",
                                ("Onderwerp", "gevonden", "alleen aangeraakt", "gemist", "deel gevonden"),
                                tuple(table_rows)))
        if not blocks:
            return []
        head = ("oefening", "onderwerp", "omschrijving", "gevonden", "alleen aangeraakt", "gemist",
                "studenten in gesprek")
        return [ClassPart("intake", "Intakegesprekken: wat vindt de groep?", tuple(blocks),
                          CsvTable(head, tuple(rows)))]


def debrief_lines(result: Debrief) -> tuple[str, ...]:
    """The debrief in a few Dutch sentences (for findings and the overview)."""
    found, touched, missed = result.count(FOUND), result.count(TOUCHED), result.count(MISSED)
    total = len(result.topics)
    lines = [f"Je vond {found} van de {total} onderwerpen; {touched} alleen aangeraakt, {missed} gemist.",
             f"Je stelde {result.open_questions} open en {result.closed_questions} gesloten vragen."]
    if result.summaries:
        confirmed = sum(1 for _said, ok in result.summaries if ok)
        lines.append(f"Je vatte {len(result.summaries)} keer samen; de klant bevestigde {confirmed} keer.")
    if result.early_solutions:
        lines.append(f"Je bood {len(result.early_solutions)} keer te vroeg een oplossing aan.")
    return tuple(lines)


def debrief_blocks(result: Debrief) -> list[Block]:
    """The debrief as a table per topic plus the counts."""
    rows = tuple((topic.label, STATUS_WORDS[topic.status], topic.question or "–") for topic in result.topics)
    blocks: list[Block] = [Table("Onderwerpen", ("Onderwerp", "Uitkomst", "Jouw vraag"), rows)]
    blocks.append(Items(debrief_lines(result)))
    if result.early_solutions:
        blocks.append(Items(result.early_solutions, label="Te vroeg een oplossing"))
    return blocks
