"""Lazy loading of the teacher-editable YAML rule files and a small linear-time token-pattern matcher."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from typing import Any

from .normalize import Token, fold

__all__ = [
    "Pattern",
    "PatternSet",
    "RuleError",
    "data",
    "fill",
    "closing_step",
    "next_step",
    "quote_list",
    "word_set",
]

_WORD, _OPT, _GAP, _END = 0, 1, 2, 3
_DEFAULT_GAP = 3
_MAX_GAP = 8


class RuleError(ValueError):
    """A rule file could not be read or contains a pattern that cannot be used."""


@cache
def data(name: str) -> Mapping[str, Any]:
    """Return the parsed YAML rule file ``data/<name>.yaml``; parsed once, on first use."""
    from importlib import resources  # imported here so that importing the package stays fast

    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        raw = resources.files(__package__).joinpath("data").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
        parsed = yaml.load(raw, Loader=loader)  # noqa: S506 - a safe loader is passed
    except (OSError, yaml.YAMLError) as exc:
        raise RuleError(f"Regelbestand data/{name}.yaml kan niet gelezen worden: {exc}") from exc
    if not isinstance(parsed, dict):
        raise RuleError(f"Regelbestand data/{name}.yaml moet een woordenboek (mapping) bevatten.")
    return parsed


def word_set(values: Iterable[object] | None) -> frozenset[str]:
    """Fold a YAML list of words (or 'a|b' strings) into a frozen set."""
    out: set[str] = set()
    for value in values or ():
        for part in str(value).split("|"):
            part = part.strip()
            if part:
                out.add(fold(part))
    return frozenset(out)


def quote_list(phrases: Sequence[str]) -> str:
    """Quote phrases the Dutch way: ``'a'``, ``'a' en 'b'``, ``'a', 'b' en 'c'``."""
    quoted = [f"'{p}'" for p in phrases]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " en " + quoted[-1]


def closing_step(marker_kinds: Iterable[str], acknowledged: bool, *, no_time: str, no_ack: str, done: str) -> str:
    """The next step for a positive text: first name a time, then acknowledge the feeling, else ``done``."""
    if "time" not in set(marker_kinds):
        return no_time
    return done if acknowledged else no_ack


def next_step(template: str, tip: str) -> str:
    """Fill a 'Volgende stap: {tip}' template, with the tip's first letter in lower case."""
    if tip[:1].isupper() and not tip[1:2].isupper():
        tip = tip[:1].lower() + tip[1:]
    return fill(template, tip=tip)


class _SafeDict(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, **values: object) -> str:
    """Fill ``{name}`` placeholders of a teacher-written template; unknown names are left visible."""
    try:
        return str(template).format_map(_SafeDict({k: str(v) for k, v in values.items()}))
    except (ValueError, IndexError):
        return str(template)


class _Elem:
    __slots__ = ("kind", "words", "prefixes", "suffixes", "gap", "numeric")

    def __init__(
        self,
        kind: int,
        words: frozenset[str] = frozenset(),
        prefixes: tuple[str, ...] = (),
        gap: int = 0,
        numeric: bool = False,
        suffixes: tuple[str, ...] = (),
    ) -> None:
        self.kind = kind
        self.words = words
        self.prefixes = prefixes
        self.suffixes = suffixes
        self.gap = gap
        self.numeric = numeric

    def accepts(self, norm: str) -> bool:
        if norm in self.words or (self.numeric and norm.isdigit()):
            return True
        return (bool(self.prefixes) and norm.startswith(self.prefixes)) or (
            bool(self.suffixes) and norm.endswith(self.suffixes)
        )


def _word_elem(spec: str, kind: int) -> _Elem:
    words: set[str] = set()
    prefixes: list[str] = []
    suffixes: list[str] = []
    numeric = False
    for alt in spec.split("|"):
        alt = fold(alt.strip())
        if not alt:
            continue
        if alt == "#":
            numeric = True
        elif alt.endswith("*") and len(alt) > 1:
            prefixes.append(alt[:-1])
        elif alt.startswith("*") and len(alt) > 1:
            suffixes.append(alt[1:])  # '*provider': every word ending with 'provider' (betaalprovider)
        else:
            words.add(alt)
    if not words and not prefixes and not suffixes and not numeric:
        raise RuleError(f"Leeg woord in patroon: {spec!r}")
    return _Elem(kind, frozenset(words), tuple(prefixes), numeric=numeric, suffixes=tuple(suffixes))


class Pattern:
    """A compiled token pattern such as ``u|je moet``, ``had ...5 moeten`` or ``[heel] erg druk``.

    Syntax (one token per element, separated by spaces):
    ``a|b`` one of these words; ``woord*`` every word starting with 'woord'; ``*woord`` every word ending with
    'woord'; ``[a|b]`` optional word;
    ``...`` or ``...N`` up to 3 (or N) other words; ``$`` end of a clause (punctuation or end of text);
    ``#`` a number written in digits. ``{name}`` is replaced by a macro from the rule file first.
    """

    __slots__ = ("source", "elems", "payload", "_simple", "_size", "_needs")

    def __init__(self, source: str, payload: object = None, macros: Mapping[str, str] | None = None) -> None:
        self.source = source
        self.payload = payload
        text = str(source)
        for name, value in (macros or {}).items():
            text = text.replace("{" + name + "}", value)
        elems: list[_Elem] = []
        for part in text.split():
            if part.startswith("..."):
                n = part[3:]
                gap = int(n) if n.isdigit() else _DEFAULT_GAP
                elems.append(_Elem(_GAP, gap=min(gap, _MAX_GAP)))
            elif part == "$":
                elems.append(_Elem(_END))
            elif part.startswith("[") and part.endswith("]"):
                elems.append(_word_elem(part[1:-1], _OPT))
            else:
                elems.append(_word_elem(part, _WORD))
        if not elems or elems[0].kind != _WORD:
            raise RuleError(f"Een patroon moet met een gewoon woord beginnen: {source!r}")
        self.elems = tuple(elems)
        self._simple = all(e.kind == _WORD for e in elems)
        self._size = len(elems)
        # Word sets that must occur somewhere in the text (required plain words after the first one).
        self._needs = tuple(
            e.words for e in elems[1:] if e.kind == _WORD and not e.prefixes and not e.suffixes and not e.numeric
        )

    def possible(self, present: set[str] | frozenset[str]) -> bool:
        """False when a required word of this pattern does not occur in the text at all."""
        for words in self._needs:
            if words.isdisjoint(present):
                return False
        return True

    def match_at(self, tokens: list[Token], i: int, n: int = -1) -> int:
        """Index of the last token of the shortest match starting at ``i`` (``n``: len(tokens)), or -1."""
        if n < 0:
            n = len(tokens)
        if self._simple:  # fast path: only plain words, none may be separated by a comma
            size = self._size
            if size == 1:
                return i
            elems = self.elems
            end = i + size
            if end > n:
                return -1
            for k in range(1, size):
                e = elems[k]
                tok = tokens[i + k]
                if tok.pre and tok.clause_break:
                    return -1
                norm = tok.norm
                if norm not in e.words and not (e.numeric and norm.isdigit()) and not (e.prefixes and norm.startswith(e.prefixes)) \
                        and not (e.suffixes and norm.endswith(e.suffixes)):
                    return -1
            return end - 1
        return _match(self.elems, 0, tokens, i, n)


def _sentence_break(tok: Token) -> bool:
    pre = tok.pre
    return bool(pre) and ("." in pre or "?" in pre or "!" in pre or "\n" in pre)


def _may_follow(prev: _Elem, tok: Token) -> bool:
    """Adjacent words may not cross a comma; after a gap ('sorry ...3 maar') only a sentence end stops."""
    if prev.kind == _GAP:
        return not _sentence_break(tok)
    return not tok.clause_break


def _match(elems: tuple[_Elem, ...], k: int, tokens: list[Token], i: int, n: int) -> int:
    if k == len(elems):
        return i - 1
    e = elems[k]
    if e.kind == _WORD:
        if i < n and (k == 0 or _may_follow(elems[k - 1], tokens[i])) and e.accepts(tokens[i].norm):
            return _match(elems, k + 1, tokens, i + 1, n)
        return -1
    if e.kind == _OPT:
        if i < n and (k == 0 or _may_follow(elems[k - 1], tokens[i])) and e.accepts(tokens[i].norm):
            r = _match(elems, k + 1, tokens, i + 1, n)
            if r >= 0:
                return r
        return _match(elems, k + 1, tokens, i, n)
    if e.kind == _GAP:
        for g in range(e.gap + 1):
            j = i + g
            if j > n or (g > 0 and (j - 1 >= n or _sentence_break(tokens[j - 1]))):
                break
            r = _match(elems, k + 1, tokens, j, n)
            if r >= 0:
                return r
        return -1
    # _END: the clause ends before token i
    if i >= n or tokens[i].clause_break:
        return _match(elems, k + 1, tokens, i, n)
    return -1


_MISSING = object()
_MEMO_MAX = 50_000  # words remembered per pattern set; beyond this they are worked out each time


def _first(item: tuple[int, Pattern, bool]) -> int:
    return item[0]


class PatternSet:
    """Many patterns indexed by their first word, so matching a text costs time linear in its length."""

    __slots__ = ("_by_word", "_by_prefix", "_numeric", "_all_affixes", "_all_prefixes", "_all_suffixes", "_entries",
                 "_affix_len", "_prefix_keys", "_suffix_keys", "_memo")

    def __init__(self, patterns: Iterable[Pattern]) -> None:
        self._by_word: dict[str, list[Pattern]] = {}
        # Patterns whose first word is given by a beginning ('woord*') or an ending ('*woord').
        self._by_prefix: list[tuple[tuple[str, ...], tuple[str, ...], Pattern]] = []
        self._numeric: list[Pattern] = []
        for p in patterns:
            first = p.elems[0]
            for w in first.words:
                self._by_word.setdefault(w, []).append(p)
            if first.prefixes or first.suffixes:
                self._by_prefix.append((first.prefixes, first.suffixes, p))
            if first.numeric:
                self._numeric.append(p)
        # All beginnings and endings together: one test rejects most words before the list is walked.
        self._all_prefixes = tuple(sorted({x for pre, _suf, _p in self._by_prefix for x in pre}))
        self._all_suffixes = tuple(sorted({x for _pre, suf, _p in self._by_prefix for x in suf}))
        self._all_affixes = bool(self._by_prefix)
        # The first (last) few letters of every beginning (ending): most words are rejected by one set lookup.
        self._affix_len = min((len(a) for a in (*self._all_prefixes, *self._all_suffixes)), default=1)
        self._prefix_keys = frozenset(a[: self._affix_len] for a in self._all_prefixes)
        self._suffix_keys = frozenset(a[-self._affix_len :] for a in self._all_suffixes)
        self._memo: dict[str, object] = {}  # word -> what can start there (see _plan)
        # Per first word: the patterns to try at every occurrence (pattern, True when the pattern is that one word
        # alone), and the patterns whose plain second word is looked up in the next token first.
        self._entries: dict[str, tuple[tuple[tuple[int, Pattern, bool], ...], dict[str, tuple[tuple[int, Pattern, bool], ...]]]] = {}
        position = {id(p): k for k, p in enumerate(dict.fromkeys(p for ps in self._by_word.values() for p in ps))}
        for w, ps in self._by_word.items():
            always: list[tuple[int, Pattern, bool]] = []
            pairs: dict[str, list[tuple[int, Pattern, bool]]] = {}
            for p in ps:
                item = (position[id(p)], p, p._simple and p._size == 1)
                second = p.elems[1] if p._size > 1 else None
                if second is not None and second.kind == _WORD and second.words and not second.prefixes \
                        and not second.suffixes and not second.numeric:
                    for w2 in second.words:
                        pairs.setdefault(w2, []).append(item)
                else:
                    always.append(item)
            self._entries[w] = (tuple(always), {k: tuple(v) for k, v in pairs.items()})

    def _affix_hit(self, norm: str) -> bool:
        return (bool(self._all_prefixes) and norm.startswith(self._all_prefixes)) or (
            bool(self._all_suffixes) and norm.endswith(self._all_suffixes)
        )

    def candidates(self, norm: str) -> Iterator[Pattern]:
        """Patterns whose first element can accept the folded word ``norm``."""
        yield from self._by_word.get(norm, ())
        if self._numeric and norm.isdigit():
            yield from self._numeric
        if self._all_affixes and self._affix_hit(norm):
            for prefixes, suffixes, p in self._by_prefix:
                if (prefixes and norm.startswith(prefixes)) or (suffixes and norm.endswith(suffixes)):
                    yield p

    def _plan(self, norm: str) -> tuple[tuple[tuple[int, Pattern, bool], ...], dict[str, tuple[tuple[int, Pattern, bool], ...]],
                                        tuple[Pattern, ...], tuple[Pattern, ...]] | None:
        """What can start at the word ``norm``: patterns by first word (and by second word), number patterns and
        patterns by beginning/ending; None when nothing can (most words). Remembered per word."""
        entry = self._entries.get(norm)
        numeric = tuple(self._numeric) if self._numeric and norm.isdigit() else ()
        affixed: tuple[Pattern, ...] = ()
        if self._all_affixes and (norm[: self._affix_len] in self._prefix_keys or norm[-self._affix_len :] in self._suffix_keys):
            affixed = tuple(p for prefixes, suffixes, p in self._by_prefix
                            if (prefixes and norm.startswith(prefixes)) or (suffixes and norm.endswith(suffixes)))
        plan = (entry[0], entry[1], numeric, affixed) if entry is not None else ((), {}, numeric, affixed)
        if not plan[0] and not plan[1] and not numeric and not affixed:
            plan = None
        if len(self._memo) < _MEMO_MAX:
            self._memo[norm] = plan
        return plan

    def finditer(self, tokens: list[Token]) -> Iterator[tuple[int, int, Pattern]]:
        """Yield ``(first_index, last_index, pattern)`` for every pattern match in ``tokens``."""
        memo = self._memo
        n = len(tokens)
        present: set[str] | None = None
        viable: dict[Pattern, bool] = {}  # per pattern: can it match this text at all?

        def can_match(p: Pattern) -> bool:
            nonlocal present
            ok = viable.get(p)
            if ok is None:
                if present is None:
                    present = {t.norm for t in tokens}
                ok = viable[p] = p.possible(present)
            return ok

        for i, tok in enumerate(tokens):
            norm = tok.norm
            plan = memo.get(norm, _MISSING)
            if plan is _MISSING:
                plan = self._plan(norm)
            if plan is None:
                continue
            found, pairs, numeric, affixed = plan  # type: ignore[misc]
            if pairs and i + 1 < n and not tokens[i + 1].clause_break:
                hit = pairs.get(tokens[i + 1].norm)
                if hit:  # patterns whose second word is the next token, kept in their original order
                    found = tuple(sorted(found + hit, key=_first)) if found else hit
            for _pos, p, single in found:
                if single:
                    yield i, i, p
                    continue
                if p._needs and not can_match(p):
                    continue
                last = p.match_at(tokens, i, n)
                if last >= 0:
                    yield i, last, p
            for p in numeric:
                last = p.match_at(tokens, i, n)
                if last >= 0:
                    yield i, last, p
            for p in affixed:
                if p._needs and not can_match(p):
                    continue
                last = p.match_at(tokens, i, n)
                if last >= 0:
                    yield i, last, p
