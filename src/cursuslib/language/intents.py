"""What a student DOES with a line in a conversation: ask, sum up, offer a solution, acknowledge a feeling ...

Used by the conversation simulator (:mod:`cursuslib.simulator`). The word lists live in ``data/intents.yaml``
(solutions, feelings, why-questions, greetings, closings, leading questions) and ``data/lsd.yaml`` (summary
openers), so teachers can extend them. Every field holds the student's own words that decided it ("" when absent).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .normalize import Token, clean_text, limit, tokenize
from .questions import question_kind
from .results import QuestionResult
from .rules import Pattern, PatternSet, data

__all__ = ["Intent", "read_intent"]

#: Question kinds that ask for a story although their form allows yes or no ("Kunt u vertellen hoe ...?").
INVITING_RULES = frozenset({"polite_wrapper", "open_invitation", "indirect"})
#: How far from the start a greeting or a summary opener may stand ("Oké, dus u zegt ...").
_START = 4


@dataclass(frozen=True)
class Intent:
    """What the line does; each field holds the words that show it, or ''."""

    text: str
    question: QuestionResult
    summary: str = ""
    solution: str = ""
    feeling: str = ""
    why: str = ""
    greeting: str = ""
    closing: str = ""
    leading: str = ""
    #: An invitation to tell without a question word ("Kunt u daar meer over vertellen?", "Vertel eens").
    invitation: str = ""

    @property
    def asks_open(self) -> bool:
        """True for an open question, or an invitation to tell ("Kunt u vertellen hoe ...?", "Vertel eens ...")."""
        parts = self.question.parts or (self.question,)  # "Heeft u zorgen? Wat dan?": the open part counts
        return (any(part.kind == "open" or part.rule in INVITING_RULES for part in parts)
                or self.question.rule in INVITING_RULES or bool(self.invitation))

    @property
    def no_words(self) -> bool:
        """True when the line holds no question to answer yet (empty, emoji only, English ...)."""
        return self.question.rule in ("empty", "no_words", "not_dutch")


class _Sets:
    def __init__(self) -> None:
        d = data("intents")
        macros = {str(k): str(v) for k, v in (d.get("macros") or {}).items()}
        lsd = data("lsd")
        lsd_macros = {str(k): str(v) for k, v in (lsd.get("macros") or {}).items()}
        self.by_name = {key: PatternSet(Pattern(str(s), key, macros) for s in d.get(key) or ())
                        for key in ("solution", "feeling", "why", "greeting", "closing", "leading", "invitation")}
        self.openers = PatternSet(Pattern(str(s), "summary", lsd_macros) for s in lsd.get("summary_openers") or ())


@cache
def _sets() -> _Sets:
    return _Sets()


def _first(ps: PatternSet, text: str, tokens: list[Token], *, within: int = -1) -> str:
    for first, last, _p in ps.finditer(tokens):
        if within >= 0 and first > within:
            return ""
        return text[tokens[first].start : tokens[last].end]
    return ""


def read_intent(text: str) -> Intent:
    """Read what ``text`` does in a conversation (linear in its length; long input is cut first)."""
    text, _cut = limit(text)
    clean = clean_text(text)
    tokens = tokenize(clean)
    question = question_kind(text)
    sets = _sets()
    found = {name: _first(ps, clean, tokens) for name, ps in sets.by_name.items()}
    greeting = _first(sets.by_name["greeting"], clean, tokens, within=0)
    opener = _first(sets.openers, clean, tokens, within=_START)
    # A summary states what the customer said; "Dus wat kost het?" is a question after all.
    summary = opener if opener and question.kind != "open" and question.rule not in INVITING_RULES else ""
    leading = found["leading"] if question.kind == "closed" and not summary else ""
    return Intent(text, question, summary=summary, solution=found["solution"], feeling=found["feeling"],
                  why=found["why"], greeting=greeting, closing=found["closing"], leading=leading,
                  invitation=found["invitation"] if not summary else "")
