"""Feedback on a written reply to an angry customer: emotion, blame, honesty, positive language, a next step."""

from __future__ import annotations

from functools import cache

from .normalize import Token, clean_text, limit, tokenize
from .positive_language import _sentence_start, clause_quote, engine, scan_text, too_long_message
from .results import Finding, ReplyResult
from .rules import Pattern, PatternSet, data, fill, next_step, word_set

__all__ = ["reply_feedback"]

_CUSTOMER_BLAME = frozenset({"blame"})
_OTHER_BLAME = frozenset({"blame_other"})
_DEFENSIVE = frozenset({"defensive", "rigid"})


class _Config:
    """reply.yaml, read once."""

    def __init__(self) -> None:
        d = data("reply")
        self.min_words = int(d.get("min_words", 6))
        self.kinds = frozenset(str(k) for k in d.get("next_step_kinds") or ())
        self.vague = PatternSet([Pattern(str(s)) for s in d.get("vague_steps") or ()])
        self.msg = {str(k): str(v) for k, v in (d.get("messages") or {}).items()}
        eng = engine()
        # Who can do something in a sentence: 'ik', 'wij', 'mijn collega', 'ons team', or the customer who receives.
        self.doers = eng.agents | eng.agent_nouns | word_set(["team", "ontwikkelaars", "technicus", "technici", "collega"])


@cache
def _config() -> _Config:
    return _Config()


def _quote(phrases: list[str]) -> str:
    unique = list(dict.fromkeys(phrases))
    return ", ".join(f"'{p}'" for p in unique[:3])


def _sentence_ids(tokens: list[Token]) -> list[int]:
    ids: list[int] = []
    current = 0
    for i, tok in enumerate(tokens):
        if i and _sentence_start(tok):
            current += 1
        ids.append(current)
    return ids


def _steps(text: str, tokens: list[Token], markers: list[tuple[str, int, int]], spans: tuple[tuple[int, int], ...],
           cfg: _Config) -> tuple[list[str], str]:
    """The concrete next steps (the student's clauses that hold them) and, without one, a vague step found instead.

    A step is an action for the customer ('Ik stuur u de link'), or a moment ('morgen', 'om 9.00 uur')
    in a sentence where someone acts ('bel ik', 'mijn collega', 'u ontvangt'); vague phrases such as
    'we gaan ernaar kijken' do not count.
    """
    sentence_of = _sentence_ids(tokens)
    vague_sentences: dict[int, tuple[int, int]] = {}
    for first, last, _p in cfg.vague.finditer(tokens):
        vague_sentences.setdefault(sentence_of[first], (first, last))
    doers = {sentence_of[i] for i, tok in enumerate(tokens) if tok.norm in cfg.doers}
    acting = {sentence_of[a] for (kind, _s, _e), (a, _b) in zip(markers, spans, strict=True)
              if kind in ("action", "offer", "possibility", "instruction")}
    chosen: list[tuple[int, int]] = []  # token spans of the steps; a moment is preferred as the quoted step
    for (kind, _s, _e), (a, b) in zip(markers, spans, strict=True):
        if kind not in cfg.kinds:
            continue
        sentence = sentence_of[a]
        if kind == "time":
            if sentence in vague_sentences and sentence not in acting:
                continue  # 'we gaan er morgen naar kijken': a moment, but no concrete action
            if sentence not in acting and sentence not in doers:
                continue  # 'een verschrikkelijke zaterdag': a day, but nobody does anything
        elif sentence in vague_sentences:
            continue  # 'we gaan ernaar kijken': an action without content
        chosen.append((a, b))
    steps = list(dict.fromkeys(clause_quote(text, tokens, a, b) for a, b in chosen))
    vague = ""
    if not steps and vague_sentences:
        first, last = next(iter(vague_sentences.values()))
        vague = clause_quote(text, tokens, first, last)
    return steps, vague


def reply_feedback(message: str, reply: str) -> ReplyResult:
    """Judge ``reply`` to the angry ``message``: acknowledged, no blame, honest, positive, with a concrete next step.

    ``messages`` holds at most two remarks on what is good or missing (quoting the exact words) and ends with
    one concrete next step; a reply longer than the input limit is judged on its start, and says so first.
    """
    del message  # the criteria concern the reply itself; kept in the signature for later topic checks
    raw, cut = limit(reply)
    cfg = _config()
    texts = cfg.msg
    first_messages = (too_long_message(),) if cut else ()
    clean = clean_text(raw)
    tokens = tokenize(clean)
    if not tokens:
        return ReplyResult(False, (*first_messages, texts["empty"], next_step(texts["next"], texts["ack_tip"])), empty=True)
    if len(clean.split()) < cfg.min_words:
        return ReplyResult(False, (*first_messages, texts["too_short"], next_step(texts["next"], texts["ack_tip"])))
    scan = scan_text(raw, tokens, engine())
    acknowledged = scan.acknowledged
    findings: tuple[Finding, ...] = scan.findings
    client_blame = [f for f in findings if f.category in _CUSTOMER_BLAME]
    other_blame = [f for f in findings if f.category in _OTHER_BLAME]
    defensive = [f for f in findings if f.category in _DEFENSIVE]
    negative = [f for f in findings if f.category not in _CUSTOMER_BLAME | _OTHER_BLAME | _DEFENSIVE]
    promises = list(scan.promises)
    steps, vague = _steps(raw, tokens, scan.markers, scan.marker_tokens, cfg)
    has_step = bool(steps)
    ok = acknowledged and not findings and not promises and has_step

    good: list[str] = []
    todo: list[tuple[str, str]] = []  # (remark, tip), in the order of reply.yaml
    if client_blame:
        todo.append((fill(texts["blame"], phrases=_quote([f.phrase for f in client_blame])), texts["blame_tip"]))
    if other_blame:
        todo.append((fill(texts["blame_other"], phrases=_quote([f.phrase for f in other_blame])), texts["blame_other_tip"]))
    if promises:
        todo.append((fill(texts["promise"], phrases=_quote([f.phrase for f in promises])), texts["promise_tip"]))
    if defensive:
        todo.append((fill(texts["defensive"], phrases=_quote([f.phrase for f in defensive])), texts["defensive_tip"]))
    if negative:
        todo.append((fill(texts["negative"], phrases=_quote([f.phrase for f in negative])), negative[0].tip))
    if acknowledged:
        good.append(texts["ack_good"])
    else:
        todo.append((texts["ack_missing"], texts["ack_tip"]))
    if not findings and not promises:
        good.append(texts["positive_good"])
    if has_step:
        good.append(fill(texts["step_good"], phrases=_quote(steps[:2])))
    elif vague:
        todo.append((fill(texts["step_vague"], phrases=f"'{vague}'"), texts["step_tip"]))
    else:
        todo.append((texts["step_missing"], texts["step_tip"]))
    if todo:
        remarks = [*good[:1], todo[0][0]] if good else [t for t, _tip in todo[:2]]
        tip = todo[0][1]
    else:
        remarks = [good[0], good[-1]]
        tip = texts["done_tip"]
    blame = tuple(f.phrase for f in (*client_blame, *other_blame))
    return ReplyResult(
        ok,
        (*first_messages, *remarks, next_step(texts["next"], tip)),
        acknowledged=acknowledged,
        blame=blame,
        negative=tuple(f.phrase for f in (*defensive, *negative)),
        next_steps=tuple(dict.fromkeys(steps)),
        promises=tuple(f.phrase for f in promises),
        defensive=tuple(f.phrase for f in defensive),
        cut=cut,
    )
