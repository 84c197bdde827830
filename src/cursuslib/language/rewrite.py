"""Feedback on a student's positive rewrite of a negative customer sentence."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from .normalize import Token, clean_text, tokenize
from .positive_language import Marker, engine, scan_text
from .results import Finding, RewriteResult
from .rules import closing_step, data, fill, next_step, quote_list
from .topic import content_words, shared_topic

__all__ = ["clear_cache", "rewrite_feedback"]

_NEGATING = frozenset({"negation", "set_phrase"})


class _Config:
    def __init__(self) -> None:
        d = data("rewrite")
        self.min_words = int(d.get("min_words", 3))
        self.msg = {str(k): str(v) for k, v in (d.get("messages") or {}).items()}


@cache
def _config() -> _Config:
    return _Config()


def _keys(tokens: Sequence[Token], spans: Sequence[tuple[int, int]]) -> list[str]:
    """Normalised words of each (start, end) span, taken from the already tokenised text."""
    if not spans:
        return []
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for i, t in enumerate(tokens):
        first[t.start] = i
        last[t.end] = i
    out = []
    for start, end in spans:
        i, j = first.get(start, -1), last.get(end, -1)
        out.append(" ".join([t.norm for t in tokens[i : j + 1]]) if 0 <= i <= j else "")
    return out


def _negative_word_spans(tokens: Sequence[Token], findings: Sequence[Finding], words: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of the tokens inside ``findings`` that are negative words themselves (one linear pass)."""
    spans: list[tuple[int, int]] = []
    fi = 0
    for tok in tokens:
        while fi < len(findings) and findings[fi].end <= tok.start:
            fi += 1
        if fi < len(findings) and findings[fi].start <= tok.start < findings[fi].end and tok.norm in words:
            spans.append((tok.start, tok.end))
    return spans


def _clause_end(tokens: Sequence[Token], start: int, end: int, *, max_words: int = 8) -> int:
    """End offset of the clause around a marker (at most ``max_words`` words), for quoting it whole."""
    count = 0
    for tok in tokens:
        if tok.start < start:
            continue
        if tok.start > start and tok.clause_break or count >= max_words:
            break
        end = max(end, tok.end)
        count += 1
    return end


def _known_markers(tokens: Sequence[Token], findings: Sequence[Finding], markers: Sequence[Marker]) -> set[str]:
    """Normalised constructive markers of the original that are not inside a negated clause."""
    clause_of: dict[int, int] = {}
    clause = 0
    for tok in tokens:
        if tok.clause_break:
            clause += 1
        clause_of[tok.start] = clause
    negated = {clause_of.get(f.start, -1) for f in findings if f.category in _NEGATING}
    spans = [(s, e) for _k, s, e in markers if clause_of.get(s, -2) not in negated]
    return set(_keys(tokens, spans))


_Original = tuple[list[Token], tuple[Finding, ...], tuple[str, ...], frozenset[str], dict[str, str]]
_CACHE_MAX_CHARS = 2000  # long texts are analysed each time, so the cache stays small


def _analyse_original(orig: str) -> _Original:
    """Analysis of the original; cached for exercise-sized texts."""
    if len(orig) <= _CACHE_MAX_CHARS:
        return _analyse_original_cached(orig)
    return _analyse_original_uncached(orig)


def _analyse_original_uncached(orig: str) -> _Original:
    """Tokens, findings, constructive markers and topic words of the original (cached: one exercise, many answers)."""
    eng = engine()
    tokens = tokenize(clean_text(orig))
    scan = scan_text(orig, tokens, eng)
    findings = scan.findings
    # Only constructive elements that the original did not already have count as added; a marker in a
    # negated clause of the original ("U krijgt uw geld niet terug") was not constructive there.
    known = frozenset(_known_markers(tokens, findings, scan.markers))
    # Negative words of the original ('uitverkocht', 'gesloten') are not its topic; other words inside a
    # longer finding ('U had het bonnetje moeten') are.
    words = content_words(tokens, _negative_word_spans(tokens, findings, eng.negative_words))
    finding_keys = tuple(_keys(tokens, [(f.start, f.end) for f in findings]))
    return tokens, findings, finding_keys, known, words


_analyse_original_cached = lru_cache(maxsize=256)(_analyse_original_uncached)


def clear_cache() -> None:
    """Forget the cached analyses of original sentences (benchmarks measure the uncached case with it)."""
    _analyse_original_cached.cache_clear()


def rewrite_feedback(original: str, rewrite: str) -> RewriteResult:
    """Judge whether ``rewrite`` improves the negative sentence ``original``; Dutch messages, next step last.

    Improved means: no negative framing left, something constructive added (what, when, who, an
    alternative or an offer), still about the same topic, and not the original again.
    """
    orig = original if isinstance(original, str) else ("" if original is None else str(original))
    new = rewrite if isinstance(rewrite, str) else ("" if rewrite is None else str(rewrite))
    cfg = _config()
    m = cfg.msg
    eng = engine()
    orig_tokens, orig_findings, orig_finding_keys, known, orig_words = _analyse_original(orig)
    new_tokens = tokenize(clean_text(new))

    if not new_tokens:
        return RewriteResult(False, (m["empty"], m["next_empty"]), empty=True)

    same = [t.norm for t in orig_tokens] == [t.norm for t in new_tokens]
    new_scan = scan_text(new, new_tokens, eng)
    remaining: tuple[Finding, ...] = new_scan.findings
    all_markers = new_scan.markers
    marker_keys = _keys(new_tokens, [(s, e) for _k, s, e in all_markers])
    markers = [mk for mk, key in zip(all_markers, marker_keys, strict=True) if key not in known]
    constructive = tuple(dict.fromkeys(new[s:e] for _k, s, e in markers))
    new_words = content_words(new_tokens)
    shared = shared_topic(orig_words, new_words) if orig_words else ()
    on_topic = bool(shared) or not orig_words

    if same:
        return RewriteResult(
            False, (m["same"], m["next_same"]), remaining, constructive, shared, on_topic, same_as_original=True
        )
    if len(new_tokens) < cfg.min_words and not remaining:
        return RewriteResult(False, (fill(m["too_short"], rewrite=new.strip()), m["next_empty"]), remaining, constructive, shared, on_topic)

    good: list[str] = []
    remaining_keys = set(_keys(new_tokens, [(f.start, f.end) for f in remaining]))
    removed = [f.phrase for f, key in zip(orig_findings, orig_finding_keys, strict=True) if key not in remaining_keys]
    if removed and on_topic:
        good.append(fill(m["removed"], phrases=quote_list(removed[:3]), verb="staat" if len(removed[:3]) == 1 else "staan"))
    if markers and on_topic and not remaining:
        kind, s, e = next(((k, s, e) for k, s, e in markers if k in ("action", "offer")), markers[0])
        label = eng.labels.get(kind, kind)
        good.append(fill(m["constructive"], label=label, phrase=new[s : _clause_end(new_tokens, s, e)]))
    better = " ".join(good[:2])

    messages: list[str] = [better] if better else []
    if remaining:
        first = remaining[0]
        text = fill(m["still_negative"], phrase=first.phrase, reason=first.reason)
        if len(remaining) > 1:
            rest = [f.phrase for f in remaining[1:4]]
            text += " " + fill(m["still_negative_more"], phrases=quote_list(rest), verb="klinkt" if len(rest) == 1 else "klinken")
        messages.append(text)
        messages.append(next_step(m["next_negative"], first.tip))
        improved = False
    elif not on_topic:
        words = list(orig_words.values())[:3]
        messages.append(fill(m["off_topic"], words=quote_list(words)))
        messages.append(fill(m["next_off_topic"], word=words[0] if words else ""))
        improved = False
    elif not markers:
        messages.append(m["neutral"])
        messages.append(m["next_neutral"])
        improved = False
    else:
        improved = True
        if not better:
            messages.append(m["improved"])
        messages.append(closing_step((k for k, _s, _e in markers), new_scan.acknowledged, no_time=m["next_time"],
                                     no_ack=m["next_ack"], done=m["next_honest"]))
    return RewriteResult(
        improved=improved,
        messages=tuple(messages),
        remaining=remaining,
        constructive=constructive,
        shared_words=shared,
        on_topic=on_topic,
    )
