"""Multi-turn LSD practice: summarise and ask on, turn by turn, until the customer confirms the need."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import Field, optional_text, records
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType
from .blocks import Answer, Block, Group, Para
from .ideas import KEY_IDEAS, IdeaMatch, KeyIdea, check_key_ideas, find_ideas, ideas_items, missing, opposite
from .lsd_practice import LsdFeedback, judge_lsd

#: How the customer reacts to what the student sent (see :func:`respond`).
REACTIONS = ("next", "confirm", "yes_but", "correct", "not_recognised")


@dataclass
class Exchange:
    """One turn the student sent: the summary, the follow-up, the verdicts the student saw then, the turn it
    answered (-1 in older files: the exchange's position) and how the customer reacted."""

    summary: str
    question: str
    summary_ok: bool = False
    question_ok: bool = False
    turn: int = -1
    reaction: str = ""


@dataclass(frozen=True)
class LsdTurn:
    """What the customer says at one turn, and the key ideas a summary of it should hold."""

    customer: str
    key_ideas: tuple[KeyIdea, ...] = ()


@dataclass(frozen=True)
class Response:
    """The customer's reaction to a summary and follow-up, with the verdicts and the key ideas found."""

    reaction: str
    summary_ok: bool
    question_ok: bool
    ideas: tuple[IdeaMatch, ...] = ()
    #: The engine's reason for its verdict on the summary ("ok", "parroting", "missing_core", ...).
    summary_reason: str = ""


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


def check_turns(value: Any, _: Mapping[str, Any]) -> tuple[LsdTurn, ...]:
    """Check ``turns``: at least 2, each ``customer: ...`` and optionally the ``key_ideas`` of that turn."""
    rows = records(value, what="beurt", plural="beurten", optional=("key_ideas",),
                   fields={"customer": a_text, "key_ideas": check_key_ideas})
    return tuple(LsdTurn(row["customer"], row["key_ideas"]) for row in rows)


def customer_text(exercise: Exercise, turn: int) -> str:
    """Everything the customer said up to and including ``turn`` (the summary may use all of it)."""
    return " ".join(item.customer for item in exercise.data["turns"][: turn + 1])


def reaction_text(exercise: Exercise, reaction: str) -> str:
    """What the customer says to a summary that is corrected, 'ja, maar', or not recognised ('' otherwise)."""
    if reaction == "yes_but":
        return exercise.data.get("yes_but") or text("lsd_dialogue.yes_but_default", exercise)
    if reaction == "correct":
        return exercise.data.get("correction") or text("lsd_dialogue.correction_default", exercise)
    if reaction == "not_recognised":
        return text("lsd_dialogue.customer_not_yet", exercise)
    return ""


#: Engine reasons for a summary the customer still recognises: right as far as it goes (perhaps without the core
#: or the check question), or the customer's own words said back.
RECOGNISED = frozenset({"ok", "no_check", "missing_core", "parroting"})


def _hears_the_story(exercise: Exercise, summary: str, need_matches: Sequence[IdeaMatch]) -> bool:
    """True when the summary holds at least one key idea of the conversation (of any turn, or of the need), or
    when the turns have none to go by: a summary that only shares a word ('Dus u wilt een nieuwe app?') is not
    what the customer told."""
    told = [idea for item in exercise.data["turns"] for idea in item.key_ideas]
    if not told or any(match.found for match in need_matches):
        return True
    return any(match.found for match in find_ideas(summary, told))


def respond(exercise: Exercise, turn: int, summary: str, question: str) -> Response:
    """How the customer reacts when the student sends a summary (and a follow-up) at ``turn``.

    A summary that says something the other way round is corrected; before the last turn the customer
    tells more; at the last turn the customer confirms a summary they recognise that names the need (the
    exercise's ``key_ideas``; without them, a summary the engine finds good), and says "ja, maar ..." when
    they recognise it but the need is left out (only the symptom).
    """
    turns: tuple[LsdTurn, ...] = exercise.data["turns"]
    turn = min(max(turn, 0), len(turns) - 1)
    last = turn == len(turns) - 1
    judged = judge_turn(exercise, turn, summary, question)
    question_ok = judged.question is not None and judged.question.ok
    need: tuple[KeyIdea, ...] = tuple(exercise.data.get("key_ideas") or ()) if last else ()
    matches = judged.ideas
    need_matches = [match for match in matches if match.idea in need]
    reason = judged.summary.reason if judged.summary is not None else ""
    if need:  # the teacher's ideas for the need decide; the customer recognises a summary that is right so far
        names_need = not missing(need_matches)
        recognised = reason in RECOGNISED and _hears_the_story(exercise, summary, need_matches)
    else:
        names_need = True
        recognised = judged.summary is not None and (judged.summary.ok or judged.core_by_ideas)
    if opposite(matches):
        reaction = "correct"
    elif not last:
        reaction = "next"
    elif recognised and names_need:
        reaction = "confirm"
    elif recognised:
        reaction = "yes_but"
    else:
        reaction = "not_recognised"
    return Response(reaction, judged.summary_ok, question_ok, matches, reason)


def turn_ideas(exercise: Exercise, turn: int) -> tuple[KeyIdea, ...]:
    """The key ideas a summary at ``turn`` should hold: the turn's own, and at the last turn the need's too."""
    turns: tuple[LsdTurn, ...] = exercise.data["turns"]
    need = tuple(exercise.data.get("key_ideas") or ()) if turn == len(turns) - 1 else ()
    return (*turns[turn].key_ideas, *need)


def judge_turn(exercise: Exercise, turn: int, summary: str, question: str) -> LsdFeedback:
    """The engine's verdicts on a summary and follow-up at ``turn``, with the key ideas of that turn."""
    return judge_lsd(customer_text(exercise, turn), summary, question, ideas=turn_ideas(exercise, turn),
                     exercise=exercise)


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
        Field("yes_but", "wat de klant zegt als de laatste samenvatting klopt maar de behoefte mist (standaard een "
              "'ja, maar'-zin uit teksten/nl.yaml)", optional_text, required=False),
        Field("correction", "wat de klant zegt als een samenvatting iets andersom zegt (standaard een zin uit "
              "teksten/nl.yaml)", optional_text, required=False),
        KEY_IDEAS,
    )
    sample = {
        "title": "Doorvragen tot het klopt",
        "instruction": "Vat elke beurt samen en vraag door.",
        "context": "Een klant belt over de app van zijn sportschool.",
        "turns": [{"customer": "De app is traag."},
                  {"customer": "Vooral 's ochtends, als iedereen tegelijk een les wil boeken."}],
        "need": "Leden moeten 's ochtends snel een les kunnen boeken, ook als het druk is.",
        "confirmation": "Ja, dat is precies wat ik bedoel!",
        "yes_but": "Ja, het is traag. Maar waar ik echt mee zit, is dat niemand 's ochtends een les kan boeken.",
        "correction": "Nee, dat zei ik niet: het is juist 's ochtends zo druk.",
        "key_ideas": [{"label": "leden willen 's ochtends snel een les boeken",
                       "words": ["boek* ...4 les|lessen", "les|lessen ...4 boek*|reserv*|inschrijv*"],
                       "find": ["Dus leden willen 's ochtends snel een les kunnen boeken?"],
                       "miss": ["Dus de app is traag?", "Dus leden kunnen geen les boeken?"]}],
    }

    def key_idea_groups(self, exercise: Exercise) -> list[tuple[str, tuple[Any, ...]]]:
        """The need's key ideas and each turn's."""
        groups = [("behoefte", tuple(exercise.data.get("key_ideas") or ()))]
        groups += [(f"beurt {number}", item.key_ideas) for number, item in enumerate(exercise.data["turns"], start=1)]
        return [(where, ideas) for where, ideas in groups if ideas]

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
        turns = [item.customer for item in exercise.data["turns"]]
        blocks: list[Block] = []
        if exercise.data.get("context"):
            blocks.append(Para(exercise.data["context"], teacher=True))
        for number, exchange in enumerate(state.exchanges, start=1):
            turn = exchange.turn if 0 <= exchange.turn < len(turns) else min(number - 1, len(turns) - 1)
            parts: list[Block] = [Para(turns[turn], label="De klant", teacher=True),
                                  Answer("Jouw samenvatting", exchange.summary),
                                  Para("✔ de klant herkent zich hierin" if exchange.summary_ok
                                       else "✘ sluit nog niet helemaal aan bij wat de klant zei", label="Samenvatting")]
            ideas = ideas_items(find_ideas(exchange.summary, turn_ideas(exercise, turn)))
            if ideas is not None:
                parts.append(ideas)
            if reaction_text(exercise, exchange.reaction):
                parts.append(Para(reaction_text(exercise, exchange.reaction), label="De klant", teacher=True))
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
