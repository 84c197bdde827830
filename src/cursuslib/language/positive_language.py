"""Positive language: finds negations, negative words, obligations, blame and weak phrasing."""

from __future__ import annotations

from functools import cache

from .normalize import Token, clean_text, tokenize
from .results import Finding, PositivityResult
from .rules import Pattern, PatternSet, RuleError, closing_step, data, fill, next_step, quote_list, word_set

__all__ = ["Marker", "constructive_markers", "engine", "find_negatives", "has_acknowledgement", "positivity", "scan_text"]

Marker = tuple[str, int, int]  # (kind, start, end)
_ACK = "__acknowledgement__"


class _Rule:
    __slots__ = ("category", "priority", "reason", "tip", "unless_next", "unless_prev")

    def __init__(self, spec: dict[str, object], priority: int) -> None:
        self.category = str(spec.get("category", ""))
        self.priority = priority
        self.reason = str(spec.get("reason", ""))
        self.tip = str(spec.get("tip", ""))
        self.unless_next = word_set(spec.get("unless_next"))  # type: ignore[arg-type]
        self.unless_prev = word_set(spec.get("unless_prev"))  # type: ignore[arg-type]


class _Engine:
    """Compiled rules from data/positivity.yaml."""

    def __init__(self) -> None:
        d = data("positivity")
        common = data("common")
        macros = {str(k): str(v) for k, v in (d.get("macros") or {}).items()}
        categories = d.get("categories") or {}
        patterns: list[Pattern] = []
        for spec in d.get("rules") or ():
            cat = categories.get(spec.get("category"), {}) or {}
            rule = _Rule(spec, int(cat.get("priority", 1)))
            for source in spec.get("patterns") or ():
                patterns.append(Pattern(str(source), rule, macros))
        if not patterns:
            raise RuleError("data/positivity.yaml bevat geen regels.")
        self.negatives = PatternSet(patterns)
        self.negative_words = frozenset(w for p in patterns for e in p.elems for w in e.words)
        con = d.get("constructive") or {}
        self.labels: dict[str, str] = {}
        marker_patterns: list[Pattern] = []
        for kind, spec in con.items():
            spec = spec or {}
            self.labels[str(kind)] = str(spec.get("label", kind))
            for source in spec.get("patterns") or ():
                marker_patterns.append(Pattern(str(source), str(kind), macros))
        self.markers = PatternSet(marker_patterns)
        action = con.get("action") or {}
        self.not_action = word_set(action.get("not_action_verbs"))
        self.agents = word_set(action.get("agents"))
        self.agent_nouns = word_set(action.get("agent_nouns"))
        self.customer_words = word_set(action.get("customer_words"))
        self.not_verbs = (
            word_set(common.get("function_words"))
            | word_set(common.get("determiners"))
            | word_set(common.get("prepositions"))
            | word_set(common.get("subject_pronouns"))
            | word_set(["me", "mij", "u", "uw", "ons", "hem", "haar", "hen", "zich", "er", "graag", "dus", "maar"])
        )
        self.finite = word_set(common.get("finite_verbs"))
        ack = d.get("acknowledgement") or {}
        ack_patterns = [Pattern(str(s), _ACK, macros) for s in ack.get("patterns") or ()]
        self.ack = PatternSet(ack_patterns)
        self.patterns = PatternSet([*patterns, *marker_patterns, *ack_patterns])  # one pass finds everything
        self.msg = {str(k): str(v) for k, v in (d.get("messages") or {}).items()}


@cache
def engine() -> _Engine:
    return _Engine()


class _Scan:
    """Everything one pass over a text finds: negative findings, constructive markers, acknowledgement."""

    __slots__ = ("findings", "markers", "acknowledged")

    def __init__(self, findings: tuple[Finding, ...], markers: list[Marker], acknowledged: bool) -> None:
        self.findings = findings
        self.markers = markers
        self.acknowledged = acknowledged


def scan_text(text: str, tokens: list[Token], eng: _Engine) -> _Scan:
    """One pass of all patterns over ``tokens``; ``text`` supplies the phrases (same offsets)."""
    n = len(tokens)
    candidates: list[tuple[int, int, int, _Rule]] = []
    markers: list[Marker] = []
    acknowledged = False
    for first, last, pattern in eng.patterns.finditer(tokens):
        payload = pattern.payload
        if isinstance(payload, _Rule):
            if payload.unless_next and last + 1 < n and tokens[last + 1].norm in payload.unless_next:
                continue
            if payload.unless_prev and first > 0 and tokens[first - 1].norm in payload.unless_prev:
                continue
            candidates.append((payload.priority, last - first, first, payload))
        elif payload == _ACK:
            acknowledged = True
        else:
            markers.append((str(payload), tokens[first].start, tokens[last].end))
    _add_actions(tokens, eng, markers)
    markers.sort(key=lambda m: m[1])
    return _Scan(_resolve(text, tokens, candidates), markers, acknowledged)


def _resolve(text: str, tokens: list[Token], candidates: list[tuple[int, int, int, _Rule]]) -> tuple[Finding, ...]:
    """Keep the strongest non-overlapping candidates (priority, then length) as Findings in reading order."""
    if not candidates:
        return ()
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
    taken = bytearray(len(tokens))
    chosen: list[tuple[int, int, _Rule]] = []
    for _prio, length, first, rule in candidates:
        last = first + length
        if any(taken[first : last + 1]):
            continue
        taken[first : last + 1] = b"\x01" * (length + 1)
        chosen.append((first, last, rule))
    chosen.sort(key=lambda c: c[0])
    out = []
    for first, last, rule in chosen:
        start, end = tokens[first].start, tokens[last].end
        phrase = text[start:end]
        out.append(
            Finding(
                start=start,
                end=end,
                phrase=phrase,
                reason=fill(rule.reason, phrase=phrase),
                tip=fill(rule.tip, phrase=phrase),
                category=rule.category,
            )
        )
    return tuple(out)


def _findings(text: str, tokens: list[Token], eng: _Engine) -> tuple[Finding, ...]:
    """The negative findings of an already tokenised text."""
    return scan_text(text, tokens, eng).findings


def find_negatives(text: str) -> tuple[Finding, ...]:
    """All negative elements of ``text``, in reading order, without overlaps."""
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    return _findings(raw, tokenize(clean_text(raw)), engine())


def _is_action(norm: str, eng: _Engine) -> bool:
    return norm.isalpha() and len(norm) >= 2 and norm not in eng.not_verbs and norm not in eng.not_action


def _add_actions(tokens: list[Token], eng: _Engine, found: list[Marker]) -> None:
    """Add 'ik/wij + action verb' and 'collega ... regelt' markers for actions done for the customer."""
    n = len(tokens)
    clause_ids: list[int] = []
    customer_clauses: set[int] = set()
    clause = 0
    for tok in tokens:
        if tok.clause_break:
            clause += 1
        clause_ids.append(clause)
        if tok.norm in eng.customer_words:
            customer_clauses.add(clause)
    if not customer_clauses:
        return
    for i, tok in enumerate(tokens):
        if clause_ids[i] not in customer_clauses:
            continue  # "Wij verkopen ook telefoons": an action counts when it is for the customer
        if tok.norm in eng.agents:
            nxt = tokens[i + 1] if i + 1 < n else None
            prev = tokens[i - 1] if i > 0 else None
            if nxt is not None and not nxt.clause_break and _is_action(nxt.norm, eng):
                found.append(("action", tok.start, nxt.end))
            elif prev is not None and not tok.clause_break and _is_action(prev.norm, eng):
                found.append(("action", prev.start, tok.end))
        elif tok.norm in eng.agent_nouns:
            # "Mijn collega van de administratie regelt ...": the first finite verb after the noun decides.
            for j in range(i + 1, min(n, i + 6)):
                if tokens[j].clause_break:
                    break
                norm = tokens[j].norm
                finite = norm in eng.finite or (norm.endswith("t") and not norm.startswith("ge") and norm not in eng.not_verbs)
                if norm in eng.not_action or finite:
                    if _is_action(norm, eng):
                        found.append(("action", tok.start, tokens[j].end))
                    break


def _markers(tokens: list[Token], eng: _Engine) -> list[Marker]:
    """The constructive markers of an already tokenised text."""
    return scan_text("", tokens, eng).markers


def constructive_markers(text: str) -> tuple[Marker, ...]:
    """Constructive elements of ``text`` as ``(kind, start, end)``: time, action, offer, possibility, alternative."""
    clean = clean_text(text)
    return tuple(_markers(tokenize(clean), engine()))


def has_acknowledgement(text: str) -> bool:
    """True when ``text`` acknowledges the customer's feeling ("Ik begrijp dat ...", "vervelend")."""
    clean = clean_text(text)
    return any(True for _ in engine().ack.finditer(tokenize(clean)))


def _messages(tokens: list[Token], scan: _Scan, eng: _Engine) -> tuple[str, ...]:
    m = eng.msg
    findings = scan.findings
    if not tokens:
        return (m["empty"],)
    if findings:
        out = [fill(m["finding"], phrase=f.phrase, reason=f.reason) for f in findings[:2]]
        rest = findings[2:]
        if rest:
            out[-1] += " " + fill(
                m["more_findings"],
                verb="staat" if len(rest) == 1 else "staan",
                count=len(rest),
                noun="woordgroep" if len(rest) == 1 else "woordgroepen",
                phrases=quote_list([f.phrase for f in rest[:4]]),
            )
        out.append(next_step(m["next_step"], findings[0].tip))
        return tuple(out)
    markers = scan.markers
    out = [m["positive"]]
    if markers:
        kinds = []
        for kind, _s, _e in markers:
            label = eng.labels.get(kind, kind)
            if label not in kinds:
                kinds.append(label)
        shown = kinds[:3]
        listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " en " + shown[-1]
        out[0] += " " + fill(m["positive_constructive"], markers=listed)
    out.append(closing_step((k for k, _s, _e in markers), scan.acknowledged, no_time=m["positive_next_time"],
                            no_ack=m["positive_next_ack"], done=m["positive_next_done"]))
    return tuple(out)


def positivity(text: str) -> PositivityResult:
    """Judge whether ``text`` is worded positively; every negative element becomes a Finding with offsets."""
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    eng = engine()
    clean = clean_text(raw)
    tokens = tokenize(clean)
    scan = scan_text(raw, tokens, eng)
    return PositivityResult(
        text=raw,
        positive=not scan.findings and bool(tokens),
        findings=scan.findings,
        messages=_messages(tokens, scan, eng),
    )
