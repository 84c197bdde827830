"""Tokenising, folding and stemming of messy Dutch student text (linear time, offsets kept)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "MAX_INPUT",
    "Sentence",
    "Token",
    "clean_text",
    "limit",
    "fold",
    "normalised_text",
    "sentences",
    "stem",
    "tokenize",
    "within_one_edit",
]

# HTML tags are blanked out with spaces of the same length, so offsets stay valid.
_TAG_RE = re.compile(r"<[^<>]{0,300}>")
# A word: letters/digits, optionally joined by an apostrophe or hyphen (collega's, sms-code).
# Each repetition must consume a separator that is not a word character: no backtracking blow-up.
_SPLIT_RE = re.compile(r"([^\W_]+(?:['’\-][^\W_]+)*)")
_PUNCT = frozenset(",;:.!?()\"\n")
_SENTENCE_END = frozenset("!?\n")
_CLAUSE_MARKS = frozenset(",;:.!?(\n")
_MAX_STEM_INPUT = 40


class Token:
    """One word of the text: original offsets, surface form and folded lower-case form."""

    __slots__ = ("start", "end", "surface", "norm", "pre", "clause_break")

    def __init__(self, start: int, end: int, surface: str, norm: str, pre: str) -> None:
        self.start = start
        self.end = end
        self.surface = surface
        self.norm = norm
        self.pre = pre  # punctuation characters between the previous token and this one
        # True when a comma, colon, semicolon, bracket or sentence end stands before this token.
        self.clause_break = bool(pre) and any(c in _CLAUSE_MARKS for c in pre)

    def __repr__(self) -> str:
        return f"Token({self.surface!r}, {self.start}, {self.end}, pre={self.pre!r})"


class Sentence:
    """A run of tokens between sentence ends; ``question`` is True when it ends with '?'."""

    __slots__ = ("tokens", "question", "start", "end")

    def __init__(self, tokens: list[Token], question: bool) -> None:
        self.tokens = tokens
        self.question = question
        self.start = tokens[0].start if tokens else 0
        self.end = tokens[-1].end if tokens else 0


#: Longest text the engine reads; a longer one is cut here (and the feedback says so), so no call is slow.
MAX_INPUT = 5000


def limit(text: object) -> tuple[str, bool]:
    """``text`` as a string cut to :data:`MAX_INPUT` characters, and whether it was cut."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if len(text) <= MAX_INPUT:
        return text, False
    return text[:MAX_INPUT], True


def clean_text(text: object) -> str:
    """Return ``text`` as a string with HTML tags blanked out (same length, so offsets stay valid)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if "<" in text:
        text = _TAG_RE.sub(lambda m: " " * len(m.group(0)), text)
    return text


@lru_cache(maxsize=8192)
def fold(word: str) -> str:
    """Lower-case ``word``, straighten apostrophes and drop accents (oké -> oke, hè -> he)."""
    word = word.lower().replace("’", "'")
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _gap_punct(gap: str) -> str:
    """The punctuation marks in ``gap`` (each kept once when the gap is long); linear in its length."""
    if not gap or gap == " ":
        return ""
    if len(gap) <= 4:
        return "".join(c for c in gap if c in _PUNCT)
    return "".join(c for c in _PUNCT if c in gap)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` (already cleaned) into tokens with offsets and the punctuation before each."""
    parts = _SPLIT_RE.split(text)  # gap, word, gap, word, ..., gap
    tokens: list[Token] = []
    append = tokens.append
    pos = len(parts[0])
    prev_digit = False
    for idx in range(1, len(parts), 2):
        surface = parts[idx]
        gap = parts[idx - 1]
        end = pos + len(surface)
        if not gap or gap == " ":
            pre = ""
        else:
            pre = _gap_punct(gap)
            # "10.00" or "bijv.de" is no sentence end; "het.Wat" (missing space, capital next) is.
            if "." in pre and not gap[-1].isspace() and not gap[0].isspace() and (prev_digit or not surface[0].isupper()):
                pre = pre.replace(".", "·")
        append(Token(pos, end, surface, fold(surface), pre))
        prev_digit = surface[-1].isdigit()
        pos = end + len(parts[idx + 1])
    return tokens


def trailing_punct(text: str, tokens: list[Token]) -> str:
    """Punctuation after the last token (for example the final '?')."""
    tail = text[tokens[-1].end :] if tokens else text
    return _gap_punct(tail) if tail.strip() else ""


def sentences(text: str, tokens: list[Token]) -> list[Sentence]:
    """Group ``tokens`` into sentences; a sentence ends at '.', '!', '?' or a line break."""
    result: list[Sentence] = []
    current: list[Token] = []
    for tok in tokens:
        if current and tok.pre and (any(c in _SENTENCE_END for c in tok.pre) or "." in tok.pre):
            result.append(Sentence(current, "?" in tok.pre))
            current = []
        current.append(tok)
    if current:
        result.append(Sentence(current, "?" in trailing_punct(text, tokens)))
    return result


def normalised_text(text: str) -> str:
    """Words only, folded and single-spaced: for comparing two answers regardless of case and punctuation."""
    return " ".join(t.norm for t in tokenize(clean_text(text)))


_SUFFIXES = ("heden", "ingen", "tjes", "ing", "tje", "jes", "en", "es", "je", "s", "e")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A light Dutch stem for topic comparison: bestelling/bestellen/besteld -> 'bestel'-like keys."""
    w = fold(word)[:_MAX_STEM_INPUT]
    if len(w) > 6 and w.startswith("ge") and w[-1] in "dtn":
        w = w[2:]
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) >= 4 and w[-1] in "dt" and w[-2] not in "aeiou":
        w = w[:-1]  # regelt -> regel, bezorgd -> bezorg
    out = []
    for c in w:
        if not out or out[-1] != c:
            out.append(c)
    collapsed = "".join(out)
    return collapsed if len(collapsed) >= 3 else w  # 'app' stays 'app'



def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion, substitution or swap."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) <= 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if la > lb:
        a, b = b, a
        la, lb = lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]
