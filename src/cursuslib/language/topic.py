"""Topic overlap between two texts: shared word stems, compounds and teacher-defined topic groups."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache, lru_cache

from .normalize import Token, stem
from .rules import data, word_set

__all__ = ["PreparedTopic", "content_words", "shared_topic", "shared_topic_detail"]

_MAX_WORDS = 4000  # bounds the work on huge inputs; far beyond any real answer


class _Topics:
    def __init__(self) -> None:
        common = data("common")
        self.ignore = (
            word_set(common.get("stopwords")) | word_set(common.get("generic_verbs")) | word_set(common.get("number_words"))
        )
        self.particles = word_set(common.get("separable_particles"))
        self.groups: dict[str, set[str]] = {}
        for name, words in (data("rewrite").get("topic_groups") or {}).items():
            for w in words or ():
                self.groups.setdefault(stem(str(w)), set()).add(str(name))


@cache
def _topics() -> _Topics:
    return _Topics()


def content_words(tokens: Sequence[Token], skip: Iterable[tuple[int, int]] = ()) -> dict[str, str]:
    """Map stem -> first surface form for the content words of ``tokens`` (outside the ``skip`` spans)."""
    t = _topics()
    spans = sorted(skip)
    out: dict[str, str] = {}
    si = 0
    for tok in tokens:
        while si < len(spans) and spans[si][1] <= tok.start:
            si += 1
        if si < len(spans) and spans[si][0] <= tok.start < spans[si][1]:
            continue
        norm = tok.norm
        if len(norm) < 3 or norm in t.ignore or not norm[0].isalpha():
            continue
        key = stem(norm)
        if len(key) >= 3 and key not in out:
            out[key] = tok.surface
            if len(out) >= _MAX_WORDS:
                break
    _add_separable(tokens, t, out)
    return out


_CLAUSE_WORDS = 14  # how far back a separable particle looks for its verb (times split into tokens)


def _add_separable(tokens: Sequence[Token], t: _Topics, out: dict[str, str]) -> None:
    """Add particle+word stems for a clause-final particle: 'los het morgen op' also counts as 'oplossen'."""
    for index, tok in enumerate(tokens[: _MAX_WORDS]):
        if tok.norm not in t.particles:
            continue
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        if nxt is not None and not nxt.clause_break:
            continue  # not at the end of its clause: a preposition, not a particle
        for back in range(index - 1, max(-1, index - 1 - _CLAUSE_WORDS), -1):
            prev = tokens[back]
            if prev.norm.isalpha() and len(prev.norm) >= 3 and prev.norm not in t.ignore:
                key = stem(tok.norm + prev.norm)
                out.setdefault(key, f"{prev.surface} ... {tok.surface}")
            if prev.clause_break and not (prev.norm.isdigit() and prev.pre.strip() in {".", ":"}):  # '9.00'
                break


def _related(key: str, others: dict[str, str]) -> bool:
    if key in others:
        return True
    n = len(key)
    for k in range(max(4, n - 3), n):  # 'regel' ~ 'regelt', 'bezorg' ~ 'bezorger'
        if key[:k] in others:
            return True
    for k in range(5, n):  # compound: 'creditcardbetal' ends with 'betal'
        if key[n - k :] in others:
            return True
    return False


def _groups(key: str) -> set[str]:
    groups = _topics().groups
    found = set(groups.get(key, ()))
    n = len(key)
    for k in range(5, n):
        found |= groups.get(key[n - k :], set())
    return found


def _expand(keys: Iterable[str]) -> set[str]:
    """Prefixes (up to 3 letters shorter) and compound tails of ``keys``, for linear-time matching."""
    out: set[str] = set()
    for o in keys:
        n = len(o)
        for k in range(max(4, n - 3), n):
            out.add(o[:k])
        for k in range(5, n):
            out.add(o[n - k :])
    return out


def shared_topic_detail(original: dict[str, str], other: dict[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Words of ``original`` that ``other`` shares directly (stem, compound) and those shared only via a topic group."""
    direct: list[str] = []
    grouped: list[str] = []
    other_groups: set[str] = set()
    for key in other:
        other_groups |= _groups(key)
    other_parts = _expand(other)
    for key, surface in original.items():
        if _related(key, other) or key in other_parts:
            direct.append(surface)
        elif _groups(key) & other_groups:
            grouped.append(surface)
    return tuple(direct), tuple(grouped)


def shared_topic(original: dict[str, str], other: dict[str, str]) -> tuple[str, ...]:
    """Surface words of ``original`` that ``other`` also talks about (same stem, compound part or topic group)."""
    direct, grouped = shared_topic_detail(original, other)
    return direct + grouped


@lru_cache(maxsize=8192)
def _probes(key: str) -> frozenset[str]:
    """The stem itself, its prefixes (up to 3 letters shorter) and its compound tails: what ``_related`` looks up."""
    n = len(key)
    return frozenset((key, *(key[:k] for k in range(max(4, n - 3), n)), *(key[n - k :] for k in range(5, n))))


@lru_cache(maxsize=8192)
def _parts(key: str) -> frozenset[str]:
    """``_expand`` of one stem (its prefixes and compound tails)."""
    return frozenset(_expand((key,)))


@lru_cache(maxsize=8192)
def _word_groups(key: str) -> frozenset[str]:
    """``_groups`` of one stem, looked up once."""
    return frozenset(_groups(key))


class PreparedTopic:
    """The words of one ``original`` text, for comparing it with many other texts.

    ``PreparedTopic(original).shared(other)`` gives the same words as ``shared_topic(original, other)``; the
    prefixes, compound tails and topic groups of each word are worked out once per word, not once per text.
    """

    __slots__ = ("_items",)

    def __init__(self, original: dict[str, str]) -> None:
        self._items = tuple(original.items())

    def shared(self, other: dict[str, str]) -> tuple[str, ...]:
        """Surface words of the original that ``other`` also talks about (as :func:`shared_topic`)."""
        if not self._items or not other:
            return ()
        other_parts: set[str] | None = None
        other_groups: set[str] | None = None
        direct: list[str] = []
        grouped: list[str] = []
        for key, surface in self._items:
            if not _probes(key).isdisjoint(other):
                direct.append(surface)
                continue
            if other_parts is None:
                other_parts = set()
                for k in other:
                    other_parts |= _parts(k)
            if key in other_parts:
                direct.append(surface)
                continue
            groups = _word_groups(key)
            if groups:
                if other_groups is None:
                    other_groups = set()
                    for k in other:
                        other_groups |= _word_groups(k)
                if not groups.isdisjoint(other_groups):
                    grouped.append(surface)
        return tuple(direct) + tuple(grouped)
