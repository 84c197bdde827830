"""Feedback on a student's positive rewrite of a negative customer sentence."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from .normalize import Token, clean_text, limit, stem, tokenize
from .positive_language import clause_quote, engine, scan_text, too_long_message
from .results import Finding, RewriteResult
from .rules import closing_step, data, next_step, quote_list, word_set
from .rules import fill as _safe_fill
from .topic import PreparedTopic, content_words

__all__ = ["clear_cache", "rewrite_feedback"]

_NEGATING = frozenset({"negation", "set_phrase"})
_BLAME = frozenset({"blame", "blame_other"})
_MIN_HEAD = 4  # the first part of a compound counts as the same topic from this length ('koffie', 'koffiemachine')
_MAX_HEAD_PAIRS = 2500  # compound heads are compared for texts of up to about 50 words each
_MIN_PART = 3  # parts of a hyphenated word ('iPhone-versie') shorter than this are no topic


class _Config:
    def __init__(self) -> None:
        d = data("rewrite")
        self.min_words = int(d.get("min_words", 3))
        self.msg = {str(k): str(v) for k, v in (d.get("messages") or {}).items()}
        not_topic = word_set(d.get("not_topic"))
        self.not_topic = frozenset(stem(w) for w in not_topic) | not_topic
        self.stopwords = word_set(data("common").get("stopwords"))
        self.groups: dict[str, frozenset[str]] = {}
        found: dict[str, set[str]] = {}
        for name, words in (d.get("extra_topic_groups") or {}).items():
            for w in words or ():
                found.setdefault(stem(str(w)), set()).add(str(name))
        self.groups = {k: frozenset(v) for k, v in found.items()}


@cache
def _config() -> _Config:
    return _Config()


def fill(template: str, **values: object) -> str:
    """Fill the ``{name}`` placeholders of a template (quickly; unknown names stay visible, as with rules.fill)."""
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return _safe_fill(template, **values)


def _key(tokens: Sequence[Token], span: tuple[int, int]) -> str:
    """The folded words of the tokens ``span`` = (first, last)."""
    first, last = span
    return " ".join([t.norm for t in tokens[first : last + 1]])


def _topic_words(tokens: Sequence[Token], skip: Sequence[tuple[int, int]] = (), *, hyphens: bool = True) -> dict[str, str]:
    """Content words (stem -> surface) that can carry a topic: without times, small words and service verbs,
    and with the parts of hyphenated words ('iPhone-versie' also counts as 'iPhone' and 'versie')."""
    cfg = _config()
    words = content_words(tokens, skip)
    for tok in tokens if hyphens else ():
        if "-" in tok.norm and len(words) < 4000:
            offset = 0
            for part in tok.norm.split("-"):
                if len(part) >= _MIN_PART and part.isalpha():
                    words.setdefault(stem(part), tok.surface[offset : offset + len(part)])
                offset += len(part) + 1
    not_topic = cfg.not_topic
    return {k: v for k, v in words.items() if k not in not_topic}


def _group_names(keys: Sequence[str] | dict[str, str]) -> set[str]:
    groups = _config().groups
    out: set[str] = set()
    for key in keys:
        out |= groups.get(key, frozenset())
        n = len(key)
        for k in range(5, n):  # compound: 'creditcardbetaling' ends with 'betaling'
            out |= groups.get(key[n - k :], frozenset())
    return out


class _Original:
    """What the rewrite is compared with: the original's tokens, findings, known markers and topic words."""

    __slots__ = ("every", "finding_keys", "findings", "groups", "known", "strong", "tokens", "topic")

    def __init__(self, tokens: list[Token], findings: tuple[Finding, ...], finding_keys: tuple[str, ...],
                 known: frozenset[str], strong: dict[str, str], every: dict[str, str]) -> None:
        self.tokens = tokens
        self.findings = findings
        self.finding_keys = finding_keys
        self.known = known
        self.strong = strong
        self.every = every
        self.topic = PreparedTopic(every)
        self.groups: frozenset[str] | None = None  # the extra topic groups of rewrite.yaml, worked out when needed


_CACHE_MAX_CHARS = 2000  # long texts are analysed each time, so the cache stays small


def _analyse_original(orig: str) -> _Original:
    """Analysis of the original; cached for exercise-sized texts."""
    if len(orig) <= _CACHE_MAX_CHARS:
        return _analyse_original_cached(orig)
    return _analyse_original_uncached(orig)


def _analyse_original_uncached(orig: str) -> _Original:
    """Tokens, findings, constructive markers and topic words of the original (cached: one exercise, many answers)."""
    eng = engine()
    cfg = _config()
    tokens = tokenize(clean_text(orig))
    scan = scan_text(orig, tokens, eng)
    findings = scan.findings
    # Only constructive elements that the original did not already have count as added; a marker in a
    # negated clause of the original ("U krijgt uw geld niet terug") was not constructive there.
    known: frozenset[str] = frozenset()
    if scan.marker_tokens:
        clause_of: list[int] = []
        clause = 0
        for tok in tokens:
            if tok.clause_break:
                clause += 1
            clause_of.append(clause)
        negated = {clause_of[a] for f, (a, _b) in zip(findings, scan.finding_tokens, strict=True) if f.category in _NEGATING}
        known = frozenset(_key(tokens, span) for span in scan.marker_tokens if clause_of[span[0]] not in negated)
    # Negative words of the original ('uitverkocht', 'gesloten') are not what it is about ("strong" topic
    # words), but a rewrite that mentions them ('de storing') still shares its topic ("every" word).
    negative_words = eng.negative_words
    inside = [i for a, b in scan.finding_tokens for i in range(a, b + 1) if tokens[i].norm in negative_words]
    strong = _topic_words(tokens, [(tokens[i].start, tokens[i].end) for i in inside], hyphens="-" in orig)
    weak: dict[str, str] = {}
    for i in inside:
        norm = tokens[i].norm
        if len(norm) >= _MIN_PART and norm.isalpha() and norm not in cfg.stopwords:
            key = stem(norm)
            if key not in cfg.not_topic:
                weak.setdefault(key, tokens[i].surface)
    every = {**weak, **strong}
    finding_keys = tuple(_key(tokens, span) for span in scan.finding_tokens)
    return _Original(tokens, findings, finding_keys, known, strong, every)


_analyse_original_cached = lru_cache(maxsize=256)(_analyse_original_uncached)


def clear_cache() -> None:
    """Forget the cached analyses of original sentences (benchmarks measure the uncached case with it)."""
    _analyse_original_cached.cache_clear()


def _head_of(key: str, words: dict[str, str]) -> bool:
    """True when one of ``words`` is the first part of the compound ``key`` ('kofi' of 'kofiemachin')."""
    return any(key[:k] in words for k in range(_MIN_HEAD, len(key)))


def _shared(orig: _Original, new_words: dict[str, str]) -> tuple[str, ...]:
    """Words of the original that the rewrite also talks about: same stem or compound, a topic group of
    the shared list, or one of the extra groups of rewrite.yaml."""
    if not orig.every or not new_words:
        return ()
    shared = orig.topic.shared(new_words)
    if shared:
        return tuple(dict.fromkeys(shared))
    # The first part of a compound: 'koffie' and 'koffiemachine', 'licentie' and 'licentiecode'.
    heads = tuple(v for k, v in orig.every.items() if _head_of(k, new_words) or any(_head_of(o, {k: ""}) for o in new_words)) \
        if len(orig.every) * len(new_words) <= _MAX_HEAD_PAIRS else ()
    if heads:
        return heads
    if orig.groups is None:
        orig.groups = frozenset(_group_names(orig.every))
    if orig.groups:
        new_groups = _group_names(new_words)
        if orig.groups & new_groups:
            return tuple(v for k, v in orig.every.items() if _group_names([k]) & new_groups)
    return ()


def rewrite_feedback(original: str, rewrite: str) -> RewriteResult:
    """Judge whether ``rewrite`` improves the negative sentence ``original``; Dutch messages, next step last.

    Improved means: no negative framing left, something constructive added (what, when, who, an
    alternative or an offer), still about the same topic, honest (no promise nobody can keep), and not
    the original again. Texts longer than the input limit are judged on their start, and the feedback says so.
    """
    orig, cut_orig = limit(original)
    new, cut_new = limit(rewrite)
    cut = cut_orig or cut_new
    first_messages: tuple[str, ...] = (too_long_message(),) if cut else ()
    cfg = _config()
    m = cfg.msg
    eng = engine()
    analysis = _analyse_original(orig)
    orig_tokens, strong = analysis.tokens, analysis.strong
    new_tokens = tokenize(clean_text(new))

    if not new_tokens:
        return RewriteResult(False, (*first_messages, m["empty"], m["next_empty"]), empty=True, cut=cut)

    same = len(orig_tokens) == len(new_tokens) and all(a.norm == b.norm for a, b in zip(orig_tokens, new_tokens, strict=True))
    new_scan = scan_text(new, new_tokens, eng)
    remaining: tuple[Finding, ...] = new_scan.findings
    promises = new_scan.promises
    new_markers = [(mk, span) for mk, span in zip(new_scan.markers, new_scan.marker_tokens, strict=True)
                   if _key(new_tokens, span) not in analysis.known]
    markers = [mk for mk, _span in new_markers]
    constructive = tuple(dict.fromkeys(new[s:e] for _k, s, e in markers))
    # The verb of an action ('ik mail u', 'bel ik') is what is done, not what the rewrite is about.
    verbs = []
    for (kind, _s, _e), (a, b) in new_markers:
        if kind == "action":
            verb = new_tokens[a if new_tokens[b].norm in eng.agents else b]
            verbs.append((verb.start, verb.end))
    new_words = _topic_words(new_tokens, verbs, hyphens="-" in new)
    shared = _shared(analysis, new_words)
    # Off topic only when the rewrite brings a subject of its own; "Maandag vanaf 8.00 uur staan we weer
    # klaar." has none and still answers the original.
    on_topic = bool(shared) or not strong or not new_words
    promise_phrases = tuple(dict.fromkeys(f.phrase for f in promises))
    extra = {"promises": promise_phrases, "cut": cut}

    if same:
        return RewriteResult(False, (*first_messages, m["same"], m["next_same"]), remaining, constructive, shared, on_topic,
                             same_as_original=True, **extra)  # type: ignore[arg-type]
    if len(new_tokens) < cfg.min_words and not remaining:
        return RewriteResult(False, (*first_messages, fill(m["too_short"], rewrite=new.strip()), m["next_empty"]), remaining,
                             constructive, shared, on_topic, **extra)  # type: ignore[arg-type]

    good: list[str] = []
    remaining_keys = {_key(new_tokens, span) for span in new_scan.finding_tokens}
    removed = list(dict.fromkeys(f.phrase for f, key in zip(analysis.findings, analysis.finding_keys, strict=True)
                                 if key not in remaining_keys))
    if removed and on_topic:
        good.append(fill(m["removed"], phrases=quote_list(removed[:3]), verb="staat" if len(removed[:3]) == 1 else "staan"))
    if markers and on_topic and not remaining and not promises:
        (kind, _s, _e), (a, b) = next((mk for mk in new_markers if mk[0][0] in ("action", "offer")), new_markers[0])
        label = eng.labels.get(kind, kind)
        good.append(fill(m["constructive"], label=label, phrase=clause_quote(new, new_tokens, a, b)))
    better = " ".join(good[:2])

    messages: list[str] = [*first_messages]
    blame = [f for f in remaining if f.category in _BLAME]
    if not on_topic:
        words = list(strong.values())[:3]
        messages.append(fill(m["off_topic"], words=quote_list(words)))
        messages.append(fill(m["next_off_topic"], word=words[0] if words else ""))
        improved = False
    elif blame or (remaining and not promises):
        first = (blame or list(remaining))[0]
        if better:
            messages.append(better)
        text = fill(m["still_negative"], phrase=first.phrase, reason=first.reason)
        rest = [f.phrase for f in remaining if f is not first][:3]
        if rest:
            text += " " + fill(m["still_negative_more"], phrases=quote_list(rest), verb="klinkt" if len(rest) == 1 else "klinken")
        messages.append(text)
        messages.append(next_step(m["next_negative"], first.tip))
        improved = False
    elif promises:
        if better:
            messages.append(better)
        messages.append(fill(m["promise"], phrases=quote_list(list(promise_phrases[:3]))))
        messages.append(m["next_promise"])
        improved = False
    elif not markers:
        if better:
            messages.append(better)
        messages.append(m["neutral"])
        messages.append(m["next_neutral"])
        improved = False
    else:
        improved = True
        messages.append(better or m["improved"])
        messages.append(closing_step((k for k, _s, _e in markers), new_scan.acknowledged, no_time=m["next_time"],
                                     no_ack=m["next_ack"], done=m["next_honest"]))
    return RewriteResult(
        improved=improved,
        messages=tuple(messages),
        remaining=remaining,
        constructive=constructive,
        shared_words=shared,
        on_topic=on_topic,
        promises=promise_phrases,
        cut=cut,
    )
