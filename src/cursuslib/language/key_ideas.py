"""Key ideas: what an answer should say, written by the teacher as word patterns.

A key idea has a short label ("klanten bellen vaak") and one or more ways to say it. Each way is a
pattern in the syntax of the rule files (``bel*|gebeld ...3 vaak``); ways joined with ``&`` must all
occur in the same sentence, in any order (``bel*|telefo* & vaak|veel|steeds``). An answer *contains*
the idea when one way matches, in the student's own words; it says the *opposite* when a way matches
in a negated clause ("ze bellen niet vaak") or with an opposite word ("ze bellen zelden").
Negations and opposite words are data (``data/key_ideas.yaml``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from .normalize import Token, clean_text, fold, tokenize
from .rules import Pattern, RuleError, data, word_set

__all__ = ["IdeaMatch", "KeyIdea", "find_ideas", "pattern_problem"]

#: How many words before a match a negation still counts for it ("niet zo heel vaak").
NEGATION_REACH = 4
#: Words that open a purpose or condition clause, where a negation names what should stop happening.
PURPOSE_WORDS = frozenset({"zodat", "zonder", "om"})
#: Words that start a new clause: a negation before them belongs to another clause.
CLAUSE_WORDS = frozenset({"en", "maar", "of", "want", "dus", "omdat", "zodat", "terwijl", "toen", "doordat",
                          "waardoor", "daarom", "behalve"})


@dataclass(frozen=True)
class KeyIdea:
    """One idea an answer should contain: a label the student may see and the ways to say it."""

    label: str
    ways: tuple[str, ...]
    #: Answers that must contain the idea, and answers that must not (content tests, see ``cursus check``).
    find: tuple[str, ...] = ()
    miss: tuple[str, ...] = ()


@dataclass(frozen=True)
class IdeaMatch:
    """Whether an answer contains one key idea, and with which of the student's words."""

    idea: KeyIdea
    found: bool
    opposite: bool = False
    #: (start, end) of the student's words that matched, for highlighting.
    spans: tuple[tuple[int, int], ...] = ()
    words: str = ""


class _Vocabulary:
    def __init__(self) -> None:
        d = data("key_ideas")
        self.negations = word_set(d.get("negations"))
        self.opposites: dict[str, frozenset[str]] = {}
        for pair in d.get("opposites") or ():
            left, _, right = str(pair).partition("<>")
            a, b = word_set(left.split("|")), word_set(right.split("|"))
            for word in a:
                self.opposites[word] = self.opposites.get(word, frozenset()) | b
            for word in b:
                self.opposites[word] = self.opposites.get(word, frozenset()) | a


@cache
def _vocabulary() -> _Vocabulary:
    return _Vocabulary()


@lru_cache(maxsize=2048)
def _compile(way: str) -> tuple[Pattern, ...]:
    return tuple(Pattern(part.strip()) for part in way.split("&"))


@lru_cache(maxsize=2048)
def _flipped(way: str) -> tuple[tuple[Pattern, ...], ...]:
    """The way with one word swapped for its opposite ('vaak' -> 'zelden|nooit'), one variant per word."""
    vocabulary = _vocabulary()
    variants = []
    parts = [part.strip() for part in way.split("&")]
    for index, part in enumerate(parts):
        words = part.split()
        for position, word in enumerate(words):
            alternatives = [fold(alt) for alt in word.strip("[]").split("|")]
            opposite = sorted(set().union(*(vocabulary.opposites.get(alt, frozenset()) for alt in alternatives)))
            if not opposite or word.startswith("["):
                continue
            changed = [*words[:position], "|".join(opposite), *words[position + 1:]]
            flipped = [*parts[:index], " ".join(changed), *parts[index + 1:]]
            try:
                variants.append(tuple(Pattern(p) for p in flipped))
            except RuleError:
                continue
    return tuple(variants)


def pattern_problem(way: str) -> str:
    """A Dutch reason why ``way`` is not a valid pattern ('' when it is), for ``cursus check``."""
    parts = [part.strip() for part in str(way).split("&")]
    if not all(parts):
        return "een deel rond '&' is leeg"
    try:
        for part in parts:
            Pattern(part)
    except RuleError as exc:
        return str(exc)
    return ""


def _sentences(tokens: list[Token]) -> list[tuple[int, int]]:
    """(first, last + 1) token index of each sentence."""
    bounds, start = [], 0
    for index, tok in enumerate(tokens):
        if index and tok.pre and any(mark in tok.pre for mark in ".?!\n;"):
            bounds.append((start, index))
            start = index
    if tokens:
        bounds.append((start, len(tokens)))
    return bounds


def _match_all(patterns: Sequence[Pattern], tokens: list[Token], first: int, last: int) -> list[tuple[int, int]] | None:
    """The span of each pattern inside tokens[first:last], all of them, or None."""
    found = []
    for pattern in patterns:
        head = pattern.elems[0]
        for i in range(first, last):
            if not head.accepts(tokens[i].norm):
                continue
            end = pattern.match_at(tokens, i, last)
            if end >= 0:
                found.append((i, end))
                break
        else:
            return None
    return found


def _says_negation(pattern: Pattern, negations: frozenset[str]) -> bool:
    """True when the pattern itself holds a negation word ('werkt niet'): then a negation is part of the idea."""
    return any(elem.words & negations for elem in pattern.elems)


def _in_purpose_clause(tokens: list[Token], index: int, first: int) -> bool:
    """True when the word at ``index`` stands in a purpose or condition clause ('zodat u niet steeds ...',
    'zonder dat ...'): there a negation says what should no longer happen, not the opposite of the idea."""
    for back in range(index - 1, first - 1, -1):
        if tokens[back].norm in PURPOSE_WORDS:
            return True
        if tokens[back + 1].clause_break:
            return False
    return False


def _negated(tokens: list[Token], spans: Iterable[tuple[int, int]], first: int, negations: frozenset[str],
             patterns: Sequence[Pattern]) -> bool:
    """True when a negation stands in the same clause just before, inside or right after a matched span."""
    for (start, end), pattern in zip(spans, patterns, strict=True):
        inside = {tokens[i].norm for i in range(start, end + 1)}
        if _says_negation(pattern, negations):
            continue  # the idea itself is negative ('werkt niet'): its own negation is no flip
        if inside & negations:
            return True  # a gap in the pattern took up the negation ('de app is juist niet traag')
        for back in range(start - 1, max(first - 1, start - 1 - NEGATION_REACH), -1):
            if tokens[back + 1].clause_break or tokens[back].norm in CLAUSE_WORDS:
                break  # a negation in the clause before ('..., dat weet ik niet, maar ...') is no flip
            if tokens[back].norm in negations:
                if not _in_purpose_clause(tokens, back, first):
                    return True
                break
        after = end + 1
        if after < len(tokens) and tokens[after].norm in negations and not tokens[after].clause_break:
            return True
    return False


def find_ideas(text: str, ideas: Sequence[KeyIdea]) -> tuple[IdeaMatch, ...]:
    """For each key idea: is it in ``text`` (with the words that matched), or said the other way round?"""
    if not ideas:
        return ()
    original = text if isinstance(text, str) else ""
    clean = clean_text(original)
    tokens = tokenize(clean)
    negations = _vocabulary().negations
    sentences = _sentences(tokens)
    results = []
    for idea in ideas:
        match: IdeaMatch | None = None
        opposite: IdeaMatch | None = None
        for way in idea.ways:
            for first, last in sentences:
                spans = _match_all(_compile(way), tokens, first, last)
                if spans is not None:
                    chars = tuple((tokens[s].start, tokens[e].end) for s, e in spans)
                    words = " ... ".join(original[a:b] for a, b in chars)
                    if _negated(tokens, spans, first, negations, _compile(way)):
                        opposite = opposite or IdeaMatch(idea, False, True, chars, words)
                        continue
                    match = IdeaMatch(idea, True, False, chars, words)
                    break
                for variant in _flipped(way):
                    flipped = _match_all(variant, tokens, first, last)
                    if flipped is not None and opposite is None:
                        chars = tuple((tokens[s].start, tokens[e].end) for s, e in flipped)
                        opposite = IdeaMatch(idea, False, True, chars, " ... ".join(original[a:b] for a, b in chars))
            if match:
                break
        results.append(match or opposite or IdeaMatch(idea, False))
    return tuple(results)
