"""LSD practice: the customer says something; the student writes a summary and a follow-up question."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import Field, optional_text
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType
from .blocks import SIGNAL, Answer, Block, Items, Para
from .ideas import KEY_IDEAS, IdeaMatch, KeyIdea, find_ideas, ideas_feedback, ideas_items, missing, with_ideas

if TYPE_CHECKING:
    from ..language import FollowupResult, SummaryResult


@lru_cache(maxsize=8192)
def summary_result(customer: str, summary: str) -> SummaryResult:
    """The engine's verdict on a summary of what the customer said, cached."""
    from ..language import summary_feedback

    return summary_feedback(customer, summary)


@lru_cache(maxsize=8192)
def followup_result(customer: str, question: str) -> FollowupResult:
    """The engine's verdict on a follow-up question, cached."""
    from ..language import followup_feedback

    return followup_feedback(customer, question)


@dataclass(frozen=True)
class LsdFeedback:
    """The engine's verdicts on a summary and a follow-up (None for a part left empty, unless asked for),
    and which of the exercise's key ideas the summary holds."""

    summary: SummaryResult | None
    question: FollowupResult | None
    #: Which parts the student wrote (an empty part may still be judged, to say what is missing).
    written: tuple[bool, bool] = (True, True)
    ideas: tuple[IdeaMatch, ...] = ()
    exercise: Exercise | None = None

    @property
    def core_by_ideas(self) -> bool:
        """The engine misses the customer's core, but the summary holds every key idea the teacher wrote for it:
        the teacher's ideas know the core better than the engine's word overlap (a paraphrase)."""
        return (self.summary is not None and not self.summary.ok and self.summary.reason == "missing_core"
                and bool(self.ideas) and not missing(self.ideas))

    @property
    def summary_ok(self) -> bool:
        """The summary is good: the engine agrees (or only misses the core that the key ideas show is there),
        and it holds every key idea, none the other way round."""
        return (self.summary is not None and (self.summary.ok or self.core_by_ideas)
                and not missing(self.ideas))

    @property
    def ok(self) -> bool:
        """True when every written part is good."""
        verdicts = [(self.summary_ok if index == 0 else part.ok)
                    for index, (part, done) in enumerate(zip((self.summary, self.question), self.written, strict=True))
                    if part is not None and done]
        return bool(verdicts) and all(verdicts)

    def summary_messages(self) -> tuple[str, ...]:
        """The engine's messages on the summary with what it says about the key ideas (one next step last)."""
        if self.summary is None:
            return ()
        if self.core_by_ideas:
            remarks, _ = ideas_feedback(self.ideas, self.exercise)
            return (self.summary.messages[0], *remarks, text("ideas.next_all_found", self.exercise))
        return with_ideas(self.summary.messages, self.ideas, self.exercise, engine_ok=self.summary.ok)


def judge_lsd(customer: str, summary: str, question: str, *, empty_parts: bool = False,
              ideas: Sequence[KeyIdea] = (), exercise: Exercise | None = None) -> LsdFeedback:
    """Judge the summary and the follow-up question that are written (``empty_parts``: the empty ones too),
    and which key ideas the summary holds."""
    written = (bool(summary.strip()), bool(question.strip()))
    matches = find_ideas(summary, ideas) if written[0] and ideas else ()
    return LsdFeedback(summary_result(customer, summary) if written[0] or empty_parts else None,
                       followup_result(customer, question) if written[1] or empty_parts else None, written,
                       matches, exercise)


def assessment_of(feedback: LsdFeedback) -> Assessment:
    """The verdict (``goed`` when every written part is good) with the messages on the written parts."""
    findings: tuple[str, ...] = ()
    if feedback.summary is not None and feedback.written[0]:
        findings += feedback.summary_messages()
    if feedback.question is not None and feedback.written[1]:
        findings += feedback.question.messages
    if not any(feedback.written):
        return Assessment(detail=feedback)
    return Assessment("goed" if feedback.ok else "nog_niet", findings=findings, detail=feedback)


@dataclass
class LsdState:
    """What LSD practice saves: both texts, the pair last checked, and what is shown."""

    summary: str = ""
    question: str = ""
    checked: list[str] | None = None
    attempted: bool = False
    model_shown: bool = False

    @property
    def checked_pair(self) -> tuple[str, str] | None:
        """The summary and question as last checked, or None."""
        return (self.checked[0], self.checked[1]) if self.checked and len(self.checked) == 2 else None


def verdict_blocks(title: str, ok: bool, messages: Sequence[str]) -> list[Block]:
    """A verdict line for one part and the engine's messages."""
    blocks: list[Block] = [Para("✔ sterk" if ok else "✘ kan nog sterker", label=title)]
    if messages:
        blocks.append(Items(tuple(messages)))
    return blocks


@register
class LsdPractice(ExerciseType[LsdState]):
    """Luisteren, Samenvatten, Doorvragen on one customer statement, with feedback on both parts."""

    name = "lsd_practice"
    label = "Luisteren, samenvatten, doorvragen"
    description = "luisteren, samenvatten en doorvragen bij één uitspraak van de klant"
    State = LsdState
    widget = "cursuslib.widgets.lsd:LsdPractice"
    verdicts = {"goed": "goed", "nog_niet": "kan nog sterker"}
    fields = (
        Field("customer", "wat de klant zegt", a_text),
        Field("context", "korte schets van de situatie", optional_text, required=False),
        Field("model_summary", "voorbeeld van een goede samenvatting (na een poging te zien)", optional_text,
              required=False),
        Field("model_question", "voorbeeld van een goede doorvraag (na een poging te zien)", optional_text,
              required=False),
        KEY_IDEAS,
    )
    sample = {
        "title": "Samenvatten en doorvragen",
        "instruction": "Schrijf een samenvatting met een check en een open doorvraag.",
        "customer": '"Klanten bellen vaak om te vragen of hun fiets al klaar is. Dat kost me echt veel tijd."',
        "context": "Je bent halverwege de intake in de fietsenwinkel.",
        "model_summary": '"Als ik u goed begrijp, bellen klanten vaak om te vragen of hun fiets klaar is, en dat '
                         'kost u veel tijd. Klopt dat?"',
        "model_question": "\"Hoe vaak per dag krijgt u zo'n telefoontje?\"",
        "key_ideas": [{"label": "klanten bellen vaak over hun fiets",
                       "words": ["bel*|gebeld|telefo* & vaak|veel|steeds|dagelijks|regelmatig"],
                       "find": ["Dus klanten bellen u steeds op over hun fiets?"],
                       "miss": ["Dus u wilt een nieuwe website?", "Dus klanten bellen bijna nooit?"]}],
        "examples": [{"answer": "Als ik u goed begrijp, bellen klanten vaak om te vragen of hun fiets klaar is, en dat "
                                "kost u veel tijd. Klopt dat?", "expect": "goed"},
                     {"answer": "Oké, dat snap ik.", "expect": "nog_niet"}],
    }

    def assess(self, exercise: Exercise, state: LsdState) -> Assessment:
        """The verdict on the texts as last checked; nothing before a check."""
        pair = state.checked_pair
        if pair is None:
            return Assessment()
        return assessment_of(judge_lsd(exercise.data["customer"], *pair, empty_parts=True,
                                       ideas=exercise.data.get("key_ideas") or (), exercise=exercise))

    def example_state(self, exercise: Exercise, answer: str) -> LsdState:
        """An example is a summary: the state after writing it (no follow-up) and checking."""
        return LsdState(summary=answer, checked=[answer, ""], attempted=True)

    def portfolio(self, exercise: Exercise, state: LsdState, ctx: Context) -> Sequence[Block]:
        """What the customer said, the checked summary and follow-up with their verdicts, then unchecked drafts."""
        blocks: list[Block] = []
        if exercise.data.get("context"):
            blocks.append(Para(exercise.data["context"], teacher=True))
        blocks.append(Para(exercise.data["customer"], label="De klant zegt", teacher=True))
        pair = state.checked_pair or ("", "")
        feedback = judge_lsd(exercise.data["customer"], *pair, ideas=exercise.data.get("key_ideas") or ())
        if feedback.summary is not None:
            blocks += [Answer("Jouw samenvatting", pair[0]),
                       *verdict_blocks("Samenvatting", feedback.summary_ok, feedback.summary_messages())]
            if feedback.ideas:
                blocks.append(ideas_items(feedback.ideas))
        if feedback.question is not None:
            blocks += [Answer("Jouw doorvraag", pair[1]),
                       *verdict_blocks("Doorvraag", feedback.question.ok, feedback.question.messages)]
        for label, draft, checked in (("Jouw samenvatting", state.summary, pair[0]),
                                      ("Jouw doorvraag", state.question, pair[1])):
            if draft.strip() and draft != checked:
                blocks.append(Answer(f"{label} (nog niet gecontroleerd)", draft))
        written = feedback.summary or feedback.question or state.summary.strip() or state.question.strip()
        blocks.append(Para(SIGNAL, note=True) if written else
                      Para("Nog geen samenvatting of doorvraag geschreven.", note=True))
        return blocks
