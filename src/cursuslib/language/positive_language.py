"""Positive language: negations, negative words, obligations, blame and weak phrasing (leaving out words that only
describe the problem or quote a button), constructive elements, acknowledgement and promises nobody can keep."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from .normalize import Token, clean_text, limit, tokenize
from .results import Finding, PositivityResult
from .rules import Pattern, PatternSet, RuleError, closing_step, data, fill, next_step, quote_list, word_set

__all__ = [
    "Marker",
    "clause_quote",
    "constructive_markers",
    "engine",
    "find_negatives",
    "find_promises",
    "has_acknowledgement",
    "positivity",
    "scan_text",
    "too_long_message",
]

Marker = tuple[str, int, int]  # (kind, start, end)
_ACK = "__acknowledgement__"
_APOLOGY = "__apology__"
_OWNERSHIP = "__ownership__"
_ACK_KINDS = frozenset({_ACK, _APOLOGY, _OWNERSHIP})
_DOER = "__doer__"  # 'ik', 'wij', 'collega': may start an action for the customer
_INSTRUCTION = "__instruction__"  # 'klik', 'kies': may start an instruction
_COORDINATORS = frozenset({"en", "maar", "want", "dus"})
# Categories that may describe the problem instead of framing the message ("Ik zoek uit waarom ... niet ...").
_DESCRIBABLE = frozenset({"negation", "negative_word"})
_NEGATION_WORDS = frozenset({"niet", "nie", "geen", "nooit", "niets", "niks", "niemand", "nergens"})
# A quotation: an opening quote that does not follow a letter (so "collega's" is no quote), at most 120
# characters without a line break, and a closing quote that is not followed by a letter.
_QUOTE_RE = re.compile(r"(?<![\w'’])['‘\"“„]([^'‘’\"“”„\n]{1,120}?)['’\"”](?![\w])")
_CLOCK_GLUE = frozenset({"·", ":"})
_MAX_CONDITION = 12  # words in a condition ('als er iets ontbreekt') that may describe the problem


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
    __slots__ = ("always", "category", "only_clause", "priority", "promise", "reason", "tip", "unless_clause",
                 "unless_next", "unless_prev")

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
        self.promise = self.category == "over_promise"


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
        desc = d.get("describing") or {}
        self.describe_verbs = word_set(desc.get("verbs"))
        self.describe_openers = word_set(desc.get("openers"))
        self.describe_gap = int(desc.get("max_gap", 6))
        self.describe_ends = word_set(desc.get("ends"))
        self.conditions = word_set(desc.get("conditions"))
        self.condition_agents = word_set(desc.get("agents"))
        # One pass finds everything: negative wording, promises, constructive markers and acknowledgement.
        # The words that may start an action or an instruction are found in the same pass.
        doers = [Pattern(w, _DOER) for w in sorted(self.agents | self.agent_nouns)]
        instructions = [Pattern(w, _INSTRUCTION) for w in sorted(self.instruction_verbs)]
        self.patterns = PatternSet([*patterns, *promise_patterns, *marker_patterns, *ack_patterns, *doers, *instructions])
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


def _quoted(text: str, tokens: list[Token]) -> bytearray | None:
    """1 for every token inside a quotation ('Wachtwoord vergeten', "morgen in huis"); None without quotes."""
    if not tokens or ("'" not in text and '"' not in text and "‘" not in text and "“" not in text and "„" not in text):
        return None
    spans = [(m.start(1), m.end(1)) for m in _QUOTE_RE.finditer(text)]
    if not spans:
        return None
    flags = bytearray(len(tokens))
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


def _described(tokens: list[Token], eng: _Engine) -> tuple[bytearray | None, bytearray | None]:
    """Tokens that describe the problem: after 'zoek uit waarom', 'kijk of', 'snap dat' (first) and in a
    condition followed by the writer's own action, 'als er iets ontbreekt, bel ik u' (second); None when the
    text has no such opener or condition."""
    openers, conditions = eng.describe_openers, eng.conditions
    opens = [i for i, tok in enumerate(tokens) if tok.norm in openers or tok.norm in conditions]
    if not opens:
        return None, None
    n = len(tokens)
    described = bytearray(n)
    conditional = bytearray(n)
    verbs, ends, gap = eng.describe_verbs, eng.describe_ends, eng.describe_gap
    agent_after: list[int] = []  # per token: the next agent ('ik', 'wij') in the same sentence, or -1
    for i in opens:
        tok = tokens[i]
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
            continue
        if not agent_after:
            agent_after = [-1] * n
            next_agent = -1
            for k in range(n - 1, -1, -1):
                agent_after[k] = next_agent
                if tokens[k].norm in eng.condition_agents:
                    next_agent = k
                if _sentence_start(tokens[k]):
                    next_agent = -1
        agent = agent_after[i]
        if agent < 0:
            continue
        end = i + 1
        limit_at = min(n, agent, i + 1 + _MAX_CONDITION)  # a condition is short: linear time on any text
        while end < limit_at and not tokens[end].clause_break and tokens[end].norm not in ends and not conditional[end]:
            end += 1
        if end - (i + 1) >= _MAX_CONDITION:
            continue  # no end in sight: not a short condition
        if end == agent:  # no comma: "als er iets ontbreekt bel ik u" - the condition ends before 'bel ik'
            end = agent - 1
        if end > i + 1:  # the writer acts after the condition: "..., bel ik u vandaag"
            for j in range(i + 1, end):
                conditional[j] = 1
    return described, conditional


class _Clauses:
    """The clause of every token and the words of every clause, worked out once per text (linear time).

    A clause ends at punctuation and, with ``coordinators``, also at 'en', 'maar', 'want' and 'dus'.
    """

    __slots__ = ("ids", "words")

    def __init__(self, tokens: list[Token], *, coordinators: bool = True) -> None:
        self.ids: list[int] = []
        self.words: list[set[str]] = [set()]
        for tok in tokens:
            if tok.clause_break or (coordinators and tok.norm in _COORDINATORS):
                self.words.append(set())
            self.ids.append(len(self.words) - 1)
            self.words[-1].add(tok.norm)

    def has(self, i: int, words: frozenset[str]) -> bool:
        """True when the clause of token ``i`` holds one of ``words``."""
        return not words.isdisjoint(self.words[self.ids[i]])


_SHORT_TEXT = 64  # tokens; in a shorter text a clause is looked up around the word instead of all at once


def _clause_has(tokens: list[Token], i: int, words: frozenset[str], *, coordinators: bool = True) -> bool:
    """``_Clauses(tokens).has(i, words)`` for one word of a short text, without working out every clause."""
    j = i
    while True:
        tok = tokens[j]
        if tok.norm in words:
            return True
        if j == 0 or tok.clause_break or (coordinators and tok.norm in _COORDINATORS):
            break
        j -= 1
    for j in range(i + 1, len(tokens)):
        tok = tokens[j]
        if tok.clause_break or (coordinators and tok.norm in _COORDINATORS):
            break
        if tok.norm in words:
            return True
    return False


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
    looked = False  # described and conditional are worked out at the first describable finding
    clauses: _Clauses | None = None
    doers: list[int] = []
    instructions: list[int] = []
    for first, last, pattern in eng.patterns.finditer(tokens):
        if quoted is not None and (quoted[first] or quoted[last]):
            continue  # a quoted button, link or the customer's own words: not the writer's framing
        payload = pattern.payload
        if isinstance(payload, _Rule):
            if payload.unless_next and last + 1 < n and tokens[last + 1].norm in payload.unless_next:
                continue
            if payload.unless_prev and first > 0 and tokens[first - 1].norm in payload.unless_prev:
                continue
            if payload.unless_clause or payload.only_clause:
                if n <= _SHORT_TEXT:
                    if payload.unless_clause and _clause_has(tokens, first, payload.unless_clause):
                        continue
                    if payload.only_clause and not _clause_has(tokens, first, payload.only_clause):
                        continue
                else:
                    if clauses is None:
                        clauses = _Clauses(tokens)
                    if payload.unless_clause and clauses.has(first, payload.unless_clause):
                        continue
                    if payload.only_clause and not clauses.has(first, payload.only_clause):
                        continue
            if payload.promise:
                promise_candidates.append((payload.priority, last - first, first, payload))
                continue
            if payload.category in _DESCRIBABLE and not payload.always:
                if not looked:
                    described, conditional = _described(tokens, eng)
                    looked = True
                if described is not None and all(described[first : last + 1]):
                    continue
                if payload.category == "negative_word" and conditional is not None and all(conditional[first : last + 1]):
                    continue
            candidates.append((payload.priority, last - first, first, payload))
        elif payload is _DOER:
            doers.append(first)
        elif payload is _INSTRUCTION:
            instructions.append(first)
        elif payload in _ACK_KINDS:
            if last + 1 < n and tokens[last + 1].norm in _NEGATION_WORDS:
                continue  # "Ik snap niet wat u bedoelt" acknowledges nothing
            ack_spans.append((first, last))
            if payload == _ACK:
                ack_opens.append(first)
            elif payload == _OWNERSHIP:
                owned.append(last)
        else:
            markers.append((payload, first, last))
    if (ack_opens or owned) and candidates:
        candidates = _outside_acknowledgement(tokens, candidates, ack_opens, owned, eng.ack_ends)
    found = _glue_markers(tokens, markers, ack_spans)
    if doers:
        _add_actions(tokens, eng, found, ack_spans, doers)
    if instructions:
        _add_instructions(text, tokens, eng, found, quoted, instructions)
    if len(found) > 1:
        found.sort(key=_second)
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
    before = bytearray(n)  # what an admitted fault covers, back to the start of its sentence
    for end in sorted(set(owned)):
        for j in range(end, -1, -1):
            if before[j]:
                break
            before[j] = 1
            if _sentence_start(tokens[j]):
                break
    for j in range(n):
        if before[j]:
            inside[j] = 1
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
    if not markers:
        return []
    n = len(tokens)
    in_ack: bytearray | None = None
    if acks:
        in_ack = bytearray(n)
        for a, b in acks:  # each acknowledgement is one match: 'ik kan me goed voorstellen'
            in_ack[a : b + 1] = b"\x01" * (b - a + 1)
    spans: list[tuple[str, int, int]] = []
    for kind, first, last in markers:
        while first > 0 and tokens[first].pre in _CLOCK_GLUE and tokens[first].norm.isdigit() and tokens[first - 1].norm.isdigit():
            first -= 1
        while last + 1 < n and tokens[last].norm.isdigit() and tokens[last + 1].norm.isdigit() and tokens[last + 1].pre in _CLOCK_GLUE:
            last += 1
        if in_ack is not None and all(in_ack[first : last + 1]):
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


def _strongest(candidate: tuple[int, int, int, _Rule]) -> tuple[int, int, int]:
    return -candidate[0], -candidate[1], candidate[2]


def _first_token(item: tuple[int, int, _Rule]) -> int:
    return item[0]


def _resolve(text: str, tokens: list[Token], candidates: list[tuple[int, int, int, _Rule]]
             ) -> tuple[tuple[Finding, ...], tuple[tuple[int, int], ...]]:
    """Keep the strongest non-overlapping candidates (priority, then length) as Findings in reading order,
    with the (first, last) token indices of each."""
    if not candidates:
        return (), ()
    if len(candidates) == 1:
        _prio, length, first, rule = candidates[0]
        chosen = [(first, first + length, rule)]
    else:
        candidates.sort(key=_strongest)
        taken = bytearray(len(tokens))
        chosen = []
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
        chosen.sort(key=_first_token)
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


def _second(item: tuple[str, int, int]) -> int:
    return item[1]


def _add_actions(tokens: list[Token], eng: _Engine, found: list[tuple[str, int, int]],
                 acks: Sequence[tuple[int, int]], doers: Sequence[int]) -> None:
    """Add 'ik/wij + action verb' and 'collega ... regelt' markers for actions done for the customer; ``doers``
    are the indices of 'ik', 'wij', 'collega', ..."""
    n = len(tokens)
    agents, customer_words = eng.agents, eng.customer_words
    in_ack = bytearray(n)
    for a, b in acks:
        in_ack[a : b + 1] = b"\x01" * (b - a + 1)
    clauses = _Clauses(tokens, coordinators=False) if n > _SHORT_TEXT else None
    for i in doers:
        tok = tokens[i]
        if in_ack[i] or not (clauses.has(i, customer_words) if clauses is not None
                             else _clause_has(tokens, i, customer_words, coordinators=False)):
            continue  # "Wij verkopen ook telefoons": an action counts when it is for the customer
        if tok.norm in agents:
            nxt = tokens[i + 1] if i + 1 < n else None
            prev = tokens[i - 1] if i > 0 else None
            if nxt is not None and not nxt.clause_break and _is_action(nxt.norm, eng) and not in_ack[i + 1]:
                found.append(("action", i, i + 1))
            elif prev is not None and not tok.clause_break and _is_action(prev.norm, eng) and not in_ack[i - 1]:
                found.append(("action", i - 1, i))
        else:
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
                      quoted: bytearray | None, starts: Sequence[int]) -> None:
    """Add an 'instruction' marker for a sentence that starts with an instruction verb ('Klik op ...');
    ``starts`` are the indices of those verbs anywhere in the text."""
    n = len(tokens)
    for i in starts:
        tok = tokens[i]
        if i and not (tok.pre and _sentence_start(tok)):
            continue
        question = False  # does this sentence end with '?' (the next unquoted sentence start, or the text's end)?
        for j in range(i + 1, n + 1):
            if j == n:
                question = "?" in text[tokens[-1].end :]
                break
            nxt = tokens[j]
            if nxt.pre and _sentence_start(nxt) and (quoted is None or not quoted[j]):
                question = "?" in nxt.pre
                break
        after = tokens[i + 1].norm if i + 1 < n else ""
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
    raw = text if isinstance(text, str) else ("" if text is None else str(text))
    return scan_text(raw, tokenize(clean_text(raw)), engine()).acknowledged


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


def clause_quote(text: str, tokens: list[Token], first: int, last: int, *, max_words: int = 12) -> str:
    """The student's words around tokens ``first``..``last``, in whole words up to natural clause boundaries.

    The quote is the whole clause (from after a comma or 'en', 'maar', ... up to the next one) when that has at
    most ``max_words`` words; otherwise it starts at ``first`` and a long rest is cut at a word boundary with ' ...'.
    """
    n = len(tokens)
    if not tokens or not 0 <= first <= last < n:
        return ""
    start = first
    while start > 0 and first - start < 2 * max_words and not tokens[start].clause_break \
            and tokens[start - 1].norm not in _CLAUSE_ENDS:
        start -= 1
    end = last
    while end + 1 < n and end - start < 2 * max_words and not tokens[end + 1].clause_break \
            and tokens[end + 1].norm not in _CLAUSE_ENDS:
        end += 1
    whole_clause = (start == 0 or tokens[start].clause_break or tokens[start - 1].norm in _CLAUSE_ENDS) and (
        end + 1 >= n or tokens[end + 1].clause_break or tokens[end + 1].norm in _CLAUSE_ENDS)
    # '12.00' is one word, two tokens
    words = end - start + 1 - sum(1 for j in range(start + 1, end + 1) if tokens[j].pre in _CLOCK_GLUE)
    if whole_clause and words <= max_words:
        return text[tokens[start].start : tokens[end].end]
    def at_end(j: int) -> bool:
        return j + 1 >= n or tokens[j + 1].clause_break or tokens[j + 1].norm in _CLAUSE_ENDS

    start, end = first, last
    while not at_end(end) and end - start + 1 < max_words:
        end += 1
    if at_end(end):
        return text[tokens[start].start : tokens[end].end]
    while end > last and tokens[end].norm in _WEAK_END:
        end -= 1
    return text[tokens[start].start : tokens[end].end] + " ..."
