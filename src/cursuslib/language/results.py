"""Frozen result objects returned by the Dutch feedback engine."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "Finding",
    "FollowupResult",
    "PositivityResult",
    "QuestionResult",
    "ReplyResult",
    "RewriteResult",
    "SummaryResult",
]


@dataclass(frozen=True, slots=True)
class QuestionResult:
    """Verdict on one student question.

    ``kind`` is "open" or "closed"; ``rule`` names the deciding rule (question_word, indirect, invitation,
    verb_first, polite_wrapper, either_or, tag, statement, indirect_whether); input that is no Dutch question yet
    gets kind "closed", a request instead of a verdict and one of the rules empty, no_words, too_short, not_dutch.
    ``spans`` are (start, end) offsets of the deciding words; ``question`` is the span of the sentence that was
    judged; ``open_form`` is the rewritten open (or, for a waarom-question, softer) question when one could be
    made, else "". ``parts`` holds one result per question in the text (one item for a single question, the first
    20 of a longer text, empty for input that is no question); with several questions ``kind`` is "open" only when every part is open,
    and ``rule``, ``suggestion`` and ``open_form`` come from the first closed part.
    """

    text: str
    kind: str
    explanation: str
    suggestion: str
    spans: tuple[tuple[int, int], ...] = ()
    rule: str = ""
    question: tuple[int, int] = (0, 0)
    open_form: str = ""
    parts: tuple[QuestionResult, ...] = ()

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
    cut: bool = False  # True when the text was longer than the input limit and only its start was judged


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
    promises: tuple[str, ...] = ()  # promises nobody can keep ('gegarandeerd', 'dat beloof ik')
    cut: bool = False  # True when a text was longer than the input limit and only its start was judged


@dataclass(frozen=True, slots=True)
class SummaryResult:
    """Feedback on a summary (the S of LSD); the last message is one concrete next step."""

    ok: bool
    messages: tuple[str, ...]
    opener: str = ""
    check_back: str = ""
    advice: tuple[str, ...] = ()
    shared_words: tuple[str, ...] = ()
    #: "ok" or what is wrong: no_check, off_topic, judging, advice, wrong_or_opposite, parroting,
    #: missing_core, empty.
    reason: str = ""
    #: The student's words that decided the reason ("" when there are none).
    phrase: str = ""


@dataclass(frozen=True, slots=True)
class FollowupResult:
    """Feedback on a follow-up question (the D of LSD); the last message is one concrete next step."""

    ok: bool
    messages: tuple[str, ...]
    question: QuestionResult | None = None
    shared_words: tuple[str, ...] = field(default=())
    #: "ok" or what is wrong: not_a_question, judging, advice, closed, off_topic, empty.
    reason: str = ""


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
    promises: tuple[str, ...] = ()  # promises nobody can keep ('gegarandeerd', 'dat beloof ik')
    defensive: tuple[str, ...] = ()  # words that defend or play down ('het is maar een klein foutje')
    cut: bool = False  # True when the reply was longer than the input limit and only its start was judged
