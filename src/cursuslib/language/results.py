"""Frozen result objects returned by the Dutch feedback engine."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Finding",
    "FollowupResult",
    "PositivityResult",
    "QuestionResult",
    "RewriteResult",
    "SummaryResult",
]


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """Verdict on one student question.

    ``kind`` is "open" or "closed"; ``rule`` names the deciding rule (question_word, invitation, verb_first,
    polite_wrapper, either_or, tag, statement, empty); ``spans`` are (start, end) offsets of the deciding words;
    ``question`` is the span of the sentence that was judged; ``open_form`` is the rewritten open (or, for a
    waarom-question, softer) question when one could be made, else "".
    """

    text: str
    kind: str
    explanation: str
    suggestion: str
    spans: tuple[tuple[int, int], ...] = ()
    rule: str = ""
    question: tuple[int, int] = (0, 0)
    open_form: str = ""

    @property
    def is_open(self) -> bool:
        """True for an open question."""
        return self.kind == "open"

    @property
    def words(self) -> tuple[str, ...]:
        """The deciding words themselves (``text[start:end]`` for each span)."""
        return tuple(self.text[s:e] for s, e in self.spans)


@dataclass(frozen=True, slots=True)
class Finding:
    """One negative element in a sentence: ``text[start:end] == phrase``."""

    start: int
    end: int
    phrase: str
    reason: str
    tip: str
    category: str = ""


@dataclass(frozen=True, slots=True)
class PositivityResult:
    """Verdict on positive wording: ``positive`` is True when no negative element was found."""

    text: str
    positive: bool
    findings: tuple[Finding, ...] = ()
    messages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RewriteResult:
    """Verdict on a rewrite of a negative sentence; the last message is always one concrete next step."""

    improved: bool
    messages: tuple[str, ...]
    remaining: tuple[Finding, ...] = ()
    constructive: tuple[str, ...] = ()
    shared_words: tuple[str, ...] = ()
    on_topic: bool = False
    same_as_original: bool = False
    empty: bool = False


@dataclass(frozen=True, slots=True)
class SummaryResult:
    """Feedback on a summary (the S of LSD); the last message is one concrete next step."""

    ok: bool
    messages: tuple[str, ...]
    opener: str = ""
    check_back: str = ""
    advice: tuple[str, ...] = ()
    shared_words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FollowupResult:
    """Feedback on a follow-up question (the D of LSD); the last message is one concrete next step."""

    ok: bool
    messages: tuple[str, ...]
    question: QuestionResult | None = None
    shared_words: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class ReplyResult:
    """Feedback on a reply to an angry customer; ``messages`` ends with one next step."""

    ok: bool
    messages: tuple[str, ...]
    acknowledged: bool = False
    blame: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    next_steps: tuple[str, ...] = ()
    empty: bool = False
