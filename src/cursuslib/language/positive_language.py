"""Positive language: finds negations, negative words, obligations, blame and weak phrasing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .normalize import Token, clean_text, limit, tokenize
from .results import Finding, PositivityResult
from .rules import Pattern, PatternSet, RuleError, closing_step, data, fill, next_step, quote_list, word_set

__all__ = [
    "Marker",
    "constructive_markers",
    "engine",
    "find_negatives",
    "find_promises",
    "has_acknowledgement",
    "positivity",
    "scan_text",
]

Marker = tuple[str, int, int]  # (kind, start, end)
_ACK = "__acknowledgement__"
_APOLOGY = "__apology__"
_OWNERSHIP = "__ownership__"
_COORDINATORS = frozenset({"en", "maar", "want", "dus"})
# Categories that may describe the problem instead of framing the message ("Ik zoek uit waarom ... niet ...").
_DESCRIBABLE = frozenset({"negation", "negative_word"})
_NEGATION_WORDS = frozenset({"niet", "nie", "geen", "nooit", "niets", "niks", "niemand", "nergens"})
# A quotation: an opening quote that does not follow a letter (so "collega's" is no quote), at most 120
# characters without a line break, and a closing quote that is not followed by a letter.
_QUOTE_RE = re.compile(r"(?<![\w'’])['‘\"“„]([^'‘’\"“”„\n]{1,120}?)['’\"”](?![\w])")
_CLOCK_GLUE = frozenset({"·", ":"})


def _words(values: object, macros: dict[str, str] | None) -> frozenset[str]:
    """A YAML word list as a folded set; '{name}' stands for the words of a macro."""
    out: list[str] = []
    for value in values or ():  # type: ignore[attr-defined]
        text = str(value)
        for name, words in (macros or {}).items():
            text = text.replace("{" + name + "}", words)
        out.append(text)
    return word_set(out)


class _Rule:
    __slots__ = ("always", "category", "only_clause", "priority", "reason", "tip", "unless_clause", "unless_next",
                 "unless_prev")

    def __init__(self, spec: dict[str, object], priority: int, category: str = "",
                 macros: dict[str, str] | None = None) -> None:
        self.category = str(spec.get("category", category))
        self.priority = priority
        self.reason = str(spec.get("reason", ""))
        self.tip = str(spec.get("tip", ""))
        self.unless_next = _words(spec.get("unless_next"), macros)
        self.unless_prev = _words(spec.get("unless_prev"), macros)
        self.unless_clause = _words(spec.get("unless_clause"), macros)
        self.only_clause = _words(spec.get("only_clause"), macros)
        self.always = bool(spec.get("always", False))


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
            rule = _Rule(spec, int(cat.get("priority", 1)), macros=macros)
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
        self.instruction_verbs = word_set((con.get("instruction") or {}).get("sentence_start"))
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
        ack_patterns += [Pattern(str(s), _OWNERSHIP, macros) for s in ack.get("ownership") or ()]
        ack_patterns += [Pattern(str(s), _APOLOGY, macros) for s in ack.get("apology") or ()]
        self.ack = PatternSet(ack_patterns)
        self.ack_ends = word_set(ack.get("ends"))
        promises = d.get("promises") or {}
        promise_patterns: list[Pattern] = []
        for spec in promises.get("rules") or ():
            rule = _Rule({"reason": promises.get("reason", ""), "tip": promises.get("tip", ""), **spec}, 0, "over_promise",
                         macros=macros)
            for source in spec.get("patterns") or ():
                promise_patterns.append(Pattern(str(source), rule, macros))
        self.promise_rules = frozenset(id(p.payload) for p in promise_patterns)
        desc = d.get("describing") or {}
        self.describe_verbs = word_set(desc.get("verbs"))
        self.describe_openers = word_set(desc.get("openers"))
        self.describe_gap = int(desc.get("max_gap", 6))
        self.describe_ends = word_set(desc.get("ends"))
        self.conditions = word_set(desc.get("conditions"))
        self.condition_agents = word_set(desc.get("agents"))
        # One pass finds everything: negative wording, promises, constructive markers and acknowledgement.
        self.patterns = PatternSet([*patterns, *promise_patterns, *marker_patterns, *ack_patterns])
        self.msg = {str(k): str(v) for k, v in (d.get("messages") or {}).items()}


@cache
def engine() -> _Engine:
    return _Engine()


class _Scan:
    """Everything one pass over a text finds: negative findings, constructive markers, acknowledgement, promises."""

    __slots__ = ("acknowledged", "ack_spans", "finding_tokens", "findings", "marker_tokens", "markers", "promises")
    # ack_spans: (start, end) character offsets of the acknowledging words (apologies included);
    # marker_tokens and finding_tokens: (first, last) token indices of each marker and finding.

    def __init__(
        self,
        findings: tuple[Finding, ...],
        markers: list[Marker],
        acknowledged: bool,
        promises: tuple[Finding, ...] = (),
        ack_spans: tuple[tuple[int, int], ...] = (),
        marker_tokens: tuple[tuple[int, int], ...] = (),
        finding_tokens: tuple[tuple[int, int], ...] = (),
    ) -> None:
        self.findings = findings
        self.markers = markers
        self.acknowledged = acknowledged
        self.promises = promises
        self.ack_spans = ack_spans
        self.marker_tokens = marker_tokens
        self.finding_tokens = finding_tokens


def _quoted(text: str, tokens: list[Token]) -> bytearray:
    """1 for every token inside a quotation ('Wachtwoord vergeten', "morgen in huis")."""
    flags = bytearray(len(tokens))
    if not tokens or not any(q in text for q in "'‘\"“„"):
        return flags
    spans = [(m.start(1), m.end(1)) for m in _QUOTE_RE.finditer(text)]
    si = 0
    for i, tok in enumerate(tokens):
        while si < len(spans) and spans[si][1] <= tok.start:
            si += 1
        if si < len(spans) and spans[si][0] <= tok.start < spans[si][1]:
            flags[i] = 1
    return flags


def _sentence_start(tok: Token) -> bool:
    pre = tok.pre
    return bool(pre) and ("." in pre or "!" in pre or "?" in pre or "\n" in pre)


def _described(tokens: list[Token], eng: _Engine) -> tuple[bytearray, bytearray]:
    """Tokens that describe the problem: after 'zoek uit waarom', 'kijk of', 'snap dat' (first) and in a
    condition followed by the writer's own action, 'als er iets ontbreekt, bel ik u' (second)."""
    n = len(tokens)
    described = bytearray(n)
    conditional = bytearray(n)
    verbs, openers, ends, gap = eng.describe_verbs, eng.describe_openers, eng.describe_ends, eng.describe_gap
    conditions = eng.conditions
    next_agent = -1
    agent_after = [-1] * n if conditions else []  # per token: is there an agent later in the same sentence?
    if conditions:
        for i in range(n - 1, -1, -1):
            agent_after[i] = next_agent
            if tokens[i].norm in eng.condition_agents:
                next_agent = i
            if _sentence_start(tokens[i]):
                next_agent = -1
    for i, tok in enumerate(tokens):
        norm = tok.norm
        if norm in openers:
            if i + 1 >= n or tokens[i + 1].clause_break or tokens[i + 1].norm in _NEGATION_WORDS:
                continue  # 'dat' as a pronoun: "ik kijk dat niet na"
            found = False
            for back in range(i - 1, max(-1, i - 1 - gap), -1):
                if tokens[back + 1].clause_break:
                    break
                if tokens[back].norm in verbs:
                    found = True
                    break
            if found:
                for j in range(i + 1, n):
                    t = tokens[j]
                    if t.clause_break or t.norm in ends or described[j]:
                        break
                    described[j] = 1
        elif norm in conditions and agent_after[i] >= 0:
            agent = agent_after[i]
            end = i + 1
            while end < n and not tokens[end].clause_break and tokens[end].norm not in ends and not conditional[end]:
                end += 1
            if agent < end:  # no comma: "als er iets ontbreekt bel ik u" - the condition ends before 'bel ik'
                end = agent - 1
            if end > i + 1:  # the writer acts after the condition: "..., bel ik u vandaag"
                for j in range(i + 1, end):
                    conditional[j] = 1
    return described, conditional


def _clause_words(tokens: list[Token]) -> tuple[list[int], list[set[str]]]:
    """Clause number per token and the words of each clause."""
    ids: list[int] = []
    words: list[set[str]] = [set()]
    for tok in tokens:
        if tok.clause_break or tok.norm in _COORDINATORS:
            words.append(set())
        ids.append(len(words) - 1)
        words[-1].add(tok.norm)
    return ids, words


def scan_text(text: str, tokens: list[Token], eng: _Engine) -> _Scan:
    """One pass of all patterns over ``tokens``; ``text`` supplies the phrases (same offsets)."""
    n = len(tokens)
    candidates: list[tuple[int, int, int, _Rule]] = []
    promise_candidates: list[tuple[int, int, int, _Rule]] = []
    markers: list[tuple[str, int, int]] = []  # (kind, first token, last token)
    ack_spans: list[tuple[int, int]] = []
    ack_opens: list[int] = []  # where an acknowledgement starts that may name the problem after it
    owned: list[int] = []  # where an admitted fault ends that may name the problem before it
    quoted = _quoted(text, tokens)
    described: bytearray | None = None
    conditional: bytearray | None = None
    clause_ids: list[int] | None = None
    clause_words: list[set[str]] = []
    promise_rules = eng.promise_rules
    for first, last, pattern in eng.patterns.finditer(tokens):
        if quoted[first] or quoted[last]:
            continue  # a quoted button, link or the customer's own words: not the writer's framing
        payload = pattern.payload
        if isinstance(payload, _Rule):
            if payload.unless_next and last + 1 < n and tokens[last + 1].norm in payload.unless_next:
                continue
            if payload.unless_prev and first > 0 and tokens[first - 1].norm in payload.unless_prev:
                continue
            if payload.unless_clause or payload.only_clause:
                if clause_ids is None:
                    clause_ids, clause_words = _clause_words(tokens)
                words = clause_words[clause_ids[first]]
                if payload.unless_clause and not payload.unless_clause.isdisjoint(words):
                    continue
                if payload.only_clause and payload.only_clause.isdisjoint(words):
                    continue
            if id(payload) in promise_rules:
                promise_candidates.append((payload.priority, last - first, first, payload))
                continue
            if payload.category in _DESCRIBABLE and not payload.always:
                if described is None:
                    described, conditional = _described(tokens, eng)
                if all(described[first : last + 1]):
                    continue
                if payload.category == "negative_word" and conditional is not None and all(conditional[first : last + 1]):
                    continue
            candidates.append((payload.priority, last - first, first, payload))
        elif payload == _ACK or payload == _APOLOGY or payload == _OWNERSHIP:
            if last + 1 < n and tokens[last + 1].norm in _NEGATION_WORDS:
                continue  # "Ik snap niet wat u bedoelt" acknowledges nothing
            ack_spans.append((first, last))
            if payload == _ACK:
                ack_opens.append(first)
            elif payload == _OWNERSHIP:
                owned.append(last)
        else:
            markers.append((str(payload), first, last))
    if (ack_opens or owned) and candidates:
        candidates = _outside_acknowledgement(tokens, candidates, ack_opens, owned, eng.ack_ends)
    found = _glue_markers(tokens, markers, ack_spans)
    _add_actions(tokens, eng, found, ack_spans)
    _add_instructions(text, tokens, eng, found, quoted)
    found.sort(key=lambda m: m[1])
    ack = tuple((tokens[a].start, tokens[b].end) for a, b in ack_spans)
    findings, finding_tokens = _resolve(text, tokens, candidates)
    promises, _promise_tokens = _resolve(text, tokens, promise_candidates)
    return _Scan(findings, [(k, tokens[a].start, tokens[b].end) for k, a, b in found], bool(ack_spans), promises, ack,
                 tuple((a, b) for _k, a, b in found), finding_tokens)


def _outside_acknowledgement(
    tokens: list[Token], candidates: list[tuple[int, int, int, _Rule]], opens: list[int], owned: list[int],
    ends: frozenset[str],
) -> list[tuple[int, int, int, _Rule]]:
    """Drop describing findings after an acknowledgement in the same sentence ('Wat vervelend dat de app niet
    werkt'), up to a new clause with 'maar' ('Ik snap het, maar dat kan niet' keeps its negation), and before an
    admitted fault ('..., dat is onze fout')."""
    n = len(tokens)
    inside = bytearray(n)
    for start in sorted(set(opens)):
        for j in range(start, n):
            tok = tokens[j]
            if j > start and (_sentence_start(tok) or inside[j] or (tok.norm in ends and _new_clause(tokens, j))):
                break
            inside[j] = 1
    for end in owned:
        for j in range(end, -1, -1):
            inside[j] = 1
            if _sentence_start(tokens[j]):
                break
    return [c for c in candidates
            if c[3].always or c[3].category not in _DESCRIBABLE or not all(inside[c[2] : c[2] + c[1] + 1])]


def _new_clause(tokens: list[Token], j: int) -> bool:
    """True when the word at ``j`` ('maar') starts a new clause: after a comma or before a subject
    ('maar u had ...'), not inside a phrase ('betaald maar geen bevestiging')."""
    if tokens[j].clause_break:
        return True
    nxt = tokens[j + 1].norm if j + 1 < len(tokens) else ""
    return nxt in _SUBJECTS


_SUBJECTS = frozenset({"ik", "u", "je", "jij", "wij", "we", "het", "dat", "dit", "er", "die", "de", "als", "hij", "zij", "ze",
                       "daar", "dan", "wel", "toch", "helaas", "uw", "onze", "ons", "jullie", "iedereen"})


def _glue_markers(tokens: list[Token], markers: list[tuple[str, int, int]], acks: list[tuple[int, int]]
                  ) -> list[tuple[str, int, int]]:
    """Markers as (kind, first, last) token spans: clock times kept whole ('om 12' + '00 uur' -> 'om 12.00 uur'),
    overlapping markers of one kind merged, and markers inside acknowledging words ('ik kan me voorstellen')
    left out."""
    n = len(tokens)
    spans: list[tuple[str, int, int]] = []
    for kind, first, last in markers:
        while first > 0 and tokens[first].pre in _CLOCK_GLUE and tokens[first].norm.isdigit() and tokens[first - 1].norm.isdigit():
            first -= 1
        while last + 1 < n and tokens[last].norm.isdigit() and tokens[last + 1].norm.isdigit() and tokens[last + 1].pre in _CLOCK_GLUE:
            last += 1
        if acks and any(a <= first and last <= b for a, b in acks):
            continue
        spans.append((kind, first, last))
    if len(spans) < 2:
        return spans
    spans.sort()
    merged = [spans[0]]
    for kind, first, last in spans[1:]:
        mk, mf, ml = merged[-1]
        if mk == kind and first <= ml:
            merged[-1] = (mk, mf, max(ml, last))
        else:
            merged.append((kind, first, last))
    return merged


def _resolve(text: str, tokens: list[Token], candidates: list[tuple[int, int, int, _Rule]]
             ) -> tuple[tuple[Finding, ...], tuple[tuple[int, int], ...]]:
    """Keep the strongest non-overlapping candidates (priority, then length) as Findings in reading order,
    with the (first, last) token indices of each."""
    if not candidates:
        return (), ()
    candidates.sort(key=lambda c: (-c[0], -c[1], c[2]))
    taken = bytearray(len(tokens))
    chosen: list[tuple[int, int, _Rule]] = []
    for _prio, length, first, rule in candidates:
        last = first + length
        if length == 0:
            if taken[first]:
                continue
            taken[first] = 1
        else:
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
                reason=rule.reason.replace("{phrase}", phrase),  # the only placeholder; faster than fill()
                tip=rule.tip.replace("{phrase}", phrase),
                category=rule.category,
            )
        )
    return tuple(out), tuple((first, last) for first, last, _rule in chosen)


def _findings(text: str, tokens: list[Token], eng: _Engine) -> tuple[Finding, ...]:
    """The negative findings of an already tokenised text."""
    return scan_text(text, tokens, eng).findings


def find_negatives(text: str) -> tuple[Finding, ...]:
    """All negative elements of ``text``, in reading order, without overlaps."""
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    return _findings(raw, tokenize(clean_text(raw)), engine())


def find_promises(text: str) -> tuple[Finding, ...]:
    """Promises nobody can keep in ``text`` ('gegarandeerd', 'dat beloof ik', 'nooit meer'), in reading order."""
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    return scan_text(raw, tokenize(clean_text(raw)), engine()).promises


def _is_action(norm: str, eng: _Engine) -> bool:
    return norm.isalpha() and len(norm) >= 2 and norm not in eng.not_verbs and norm not in eng.not_action


def _add_actions(tokens: list[Token], eng: _Engine, found: list[tuple[str, int, int]],
                 acks: Sequence[tuple[int, int]] = ()) -> None:
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
    in_ack = bytearray(n)
    for a, b in acks:
        in_ack[a : b + 1] = b"\x01" * (b - a + 1)
    for i, tok in enumerate(tokens):
        if clause_ids[i] not in customer_clauses or in_ack[i]:
            continue  # "Wij verkopen ook telefoons": an action counts when it is for the customer
        if tok.norm in eng.agents:
            nxt = tokens[i + 1] if i + 1 < n else None
            prev = tokens[i - 1] if i > 0 else None
            if nxt is not None and not nxt.clause_break and _is_action(nxt.norm, eng) and not in_ack[i + 1]:
                found.append(("action", i, i + 1))
            elif prev is not None and not tok.clause_break and _is_action(prev.norm, eng) and not in_ack[i - 1]:
                found.append(("action", i - 1, i))
        elif tok.norm in eng.agent_nouns:
            # "Mijn collega van de administratie regelt ...": the first finite verb after the noun decides.
            for j in range(i + 1, min(n, i + 6)):
                if tokens[j].clause_break:
                    break
                norm = tokens[j].norm
                finite = norm in eng.finite or (norm.endswith("t") and not norm.startswith("ge") and norm not in eng.not_verbs)
                if norm in eng.not_action or finite:
                    if _is_action(norm, eng):
                        found.append(("action", i, j))
                    break


def _add_instructions(text: str, tokens: list[Token], eng: _Engine, found: list[tuple[str, int, int]],
                      quoted: bytearray) -> None:
    """Add an 'instruction' marker for a sentence that starts with an instruction verb ('Klik op ...')."""
    verbs = eng.instruction_verbs
    if not verbs or not tokens:
        return
    starts = [i for i, tok in enumerate(tokens) if (i == 0 or _sentence_start(tok)) and not quoted[i]]
    for k, i in enumerate(starts):
        tok = tokens[i]
        if tok.norm not in verbs or quoted[i]:
            continue
        nxt = starts[k + 1] if k + 1 < len(starts) else -1
        question = "?" in tokens[nxt].pre if nxt >= 0 else "?" in text[tokens[-1].end :]
        after = tokens[i + 1].norm if i + 1 < len(tokens) else ""
        if not question and after not in eng.customer_words and after not in eng.agents:  # "Stuurt u ...", "Zet ik ..."
            found.append(("instruction", i, i))


def _markers(tokens: list[Token], eng: _Engine) -> list[Marker]:
    """The constructive markers of an already tokenised text."""
    return scan_text("", tokens, eng).markers


def constructive_markers(text: str) -> tuple[Marker, ...]:
    """Constructive elements of ``text`` as ``(kind, start, end)``: time, action, offer, possibility, alternative."""
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    return tuple(scan_text(raw, tokenize(clean_text(raw)), engine()).markers)


def has_acknowledgement(text: str) -> bool:
    """True when ``text`` acknowledges the customer's feeling ("Ik begrijp dat ...", "vervelend")."""
    clean = clean_text(text)
    return any(True for _ in engine().ack.finditer(tokenize(clean)))


def _messages(tokens: list[Token], scan: _Scan, eng: _Engine) -> list[str]:
    m = eng.msg
    findings = scan.findings
    if not tokens:
        return [m["empty"]]
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
        return out
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
    return out


def too_long_message() -> str:
    """The common message for a text that was cut to the input limit."""
    from .normalize import MAX_INPUT

    return fill(data("common")["messages"]["too_long"], max=f"{MAX_INPUT:,}".replace(",", "."))


def positivity(text: str) -> PositivityResult:
    """Judge whether ``text`` is worded positively; every negative element becomes a Finding with offsets."""
    raw, cut = limit(text)
    eng = engine()
    tokens = tokenize(clean_text(raw))
    scan = scan_text(raw, tokens, eng)
    messages = _messages(tokens, scan, eng)
    if cut:
        messages.insert(0, too_long_message())
    return PositivityResult(
        text=raw,
        positive=not scan.findings and bool(tokens),
        findings=scan.findings,
        messages=tuple(messages),
        cut=cut,
    )


#: Words a quote should not end on: a cut quote ends on a content word before its '...'.
_WEAK_END = frozenset({"de", "het", "een", "van", "via", "voor", "met", "op", "in", "aan", "bij", "naar", "om", "te", "en",
                       "of", "maar", "die", "dat", "uw", "je", "mijn", "onze", "ons", "zijn", "haar", "hun", "door", "tot"})
_CLAUSE_ENDS = frozenset({"en", "maar", "want", "dus", "zodat", "terwijl", "omdat", "of"})


def clause_quote(text: str, tokens: list[Token], first: int, last: int, *, max_words: int = 10,
                 from_clause_start: bool = False) -> str:
    """The student's words from token ``first`` up to the natural end of the clause that holds ``last``.

    Whole words only; a clause longer than ``max_words`` is cut at a word boundary and ends with ' ...'.
    With ``from_clause_start`` the quote begins at the start of the clause of ``first``.
    """
    n = len(tokens)
    if not tokens or not 0 <= first <= last < n:
        return ""
    if from_clause_start:
        while first > 0 and not tokens[first].clause_break and first > last - max_words:
            first -= 1
    end = last
    while end + 1 < n and not tokens[end + 1].clause_break and tokens[end + 1].norm not in _CLAUSE_ENDS:
        end += 1
        if end - first + 1 > max_words:
            break
    cut = end - first + 1 > max_words
    if cut:
        end = max(last, first + max_words - 1)
        while end > last and tokens[end].norm in _WEAK_END:
            end -= 1
    quote = text[tokens[first].start : tokens[end].end]
    return quote + " ..." if cut else quote
