"""Multi-turn LSD practice: summarise and ask on, turn by turn, until the customer confirms the need."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import Exercise
from ..registry import register
from ..schema import Field, optional_text, records
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType
from .blocks import Answer, Block, Group, Para
from .lsd_practice import LsdFeedback, judge_lsd


@dataclass
class Exchange:
    """One turn the student sent: the summary, the follow-up and the verdicts the student saw then."""

    summary: str
    question: str
    summary_ok: bool = False
    question_ok: bool = False


@dataclass
class LsdDialogueState:
    """What the conversation saves: the turn, the exchanges sent, whether it is finished, and the drafts."""

    turn: int = 0
    exchanges: list[Exchange] = field(default_factory=list)
    finished: bool = False
    summary: str = ""
    question: str = ""
    checked: list[str] | None = None

    @property
    def checked_pair(self) -> tuple[str, str] | None:
        """The draft summary and question as last checked, or None."""
        return (self.checked[0], self.checked[1]) if self.checked and len(self.checked) == 2 else None


def check_turns(value: Any, _: Mapping[str, Any]) -> tuple[str, ...]:
    """Check ``turns``: at least 2, each ``customer: ...``."""
    rows = records(value, what="beurt", plural="beurten", fields={"customer": a_text})
    return tuple(row["customer"] for row in rows)


def customer_text(exercise: Exercise, turn: int) -> str:
    """Everything the customer said up to and including ``turn`` (the summary may use all of it)."""
    return " ".join(exercise.data["turns"][: turn + 1])


def judge_turn(exercise: Exercise, turn: int, summary: str, question: str) -> LsdFeedback:
    """The engine's verdicts on a summary and follow-up at ``turn``."""
    return judge_lsd(customer_text(exercise, turn), summary, question)


@register
class LsdDialogue(ExerciseType[LsdDialogueState]):
    """The customer tells more each turn; the student summarises and asks on until the need is clear."""

    name = "lsd_dialogue"
    label = "LSD-gesprek"
    description = "een gesprek van een paar beurten: samenvatten en doorvragen tot de echte behoefte duidelijk is"
    State = LsdDialogueState
    widget = "cursuslib.widgets.lsd_dialogue:LsdDialogue"
    verdicts = {"goed": "gesprek afgerond", "nog_niet": "nog niet afgerond"}
    fields = (
        Field("context", "korte schets van de situatie", optional_text, required=False),
        Field("turns", "wat de klant per beurt zegt, als lijst met 'customer: ...'", check_turns),
        Field("need", "de onderliggende behoefte, te zien aan het eind", a_text),
        Field("confirmation", "wat de klant zegt als de samenvatting klopt", optional_text, required=False,
              default="Ja, dat is precies wat ik bedoel!"),
    )
    sample = {
        "title": "Doorvragen tot het klopt",
        "instruction": "Vat elke beurt samen en vraag door.",
        "context": "Een klant belt over de app van zijn sportschool.",
        "turns": [{"customer": "De app is traag."},
                  {"customer": "Vooral 's ochtends, als iedereen tegelijk een les wil boeken."}],
        "need": "Leden moeten 's ochtends snel een les kunnen boeken, ook als het druk is.",
        "confirmation": "Ja, dat is precies wat ik bedoel!",
    }

    def assess(self, exercise: Exercise, state: LsdDialogueState) -> Assessment:
        """``goed`` once the customer confirmed the need; the detail judges the checked draft for this turn."""
        pair = state.checked_pair
        turn = min(max(state.turn, 0), len(exercise.data["turns"]) - 1)
        detail = judge_turn(exercise, turn, *pair) if pair else None
        if state.finished:
            return Assessment("goed", detail=detail)
        return Assessment("nog_niet" if state.exchanges else "", detail=detail)

    def portfolio(self, exercise: Exercise, state: LsdDialogueState, ctx: Context) -> Sequence[Block]:
        """Every turn with the customer's words, the student's summary and follow-up and how they landed."""
        turns: Sequence[str] = exercise.data["turns"]
        blocks: list[Block] = []
        if exercise.data.get("context"):
            blocks.append(Para(exercise.data["context"], teacher=True))
        for number, exchange in enumerate(state.exchanges, start=1):
            parts: list[Block] = [Para(turns[min(number - 1, len(turns) - 1)], label="De klant", teacher=True),
                                  Answer("Jouw samenvatting", exchange.summary),
                                  Para("✔ de klant herkent zich hierin" if exchange.summary_ok
                                       else "✘ sluit nog niet helemaal aan bij wat de klant zei", label="Samenvatting")]
            if exchange.question.strip():
                parts.append(Answer("Jouw doorvraag", exchange.question))
                parts.append(Para("✔ helpt de klant verder vertellen" if exchange.question_ok else "✘ kan sterker",
                                  label="Doorvraag"))
            blocks.append(Group(f"Beurt {number}", tuple(parts)))
        if state.finished:
            blocks.append(Para(exercise.data["confirmation"], label="De klant", teacher=True))
            blocks.append(Para("Gesprek afgerond: de onderliggende behoefte is duidelijk.", label="Uitkomst"))
        elif state.exchanges:
            blocks.append(Para("Het gesprek is nog niet afgerond.", label="Uitkomst"))
        if state.summary.strip():
            blocks.append(Answer("Concept-samenvatting (nog niet verstuurd)", state.summary))
        if state.question.strip():
            blocks.append(Answer("Concept-doorvraag (nog niet verstuurd)", state.question))
        if all(isinstance(block, Para) and block.teacher for block in blocks):
            blocks.append(Para("Nog geen beurt gedaan.", note=True))
        return blocks
