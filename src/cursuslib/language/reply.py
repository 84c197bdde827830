"""Feedback on a written reply to an angry customer: emotion, blame, positive language, a next step."""

from __future__ import annotations

import re

from .normalize import clean_text
from .positive_language import constructive_markers, find_negatives, has_acknowledgement
from .results import ReplyResult
from .rules import data, fill, next_step

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def _clock_start(text: str, start: int) -> int:
    """Move ``start`` left over a clock time's digits, so '00 uur' is quoted as '16.00 uur'."""
    while start > 0 and (text[start - 1].isdigit() or (text[start - 1] in ".:" and text[start - 2: start - 1].isdigit())):
        start -= 1
    return start


def _quote(phrases: list[str]) -> str:
    return ", ".join(f"'{p}'" for p in phrases[:3])


def reply_feedback(message: str, reply: str) -> ReplyResult:
    """Judge ``reply`` to the angry ``message``: acknowledged, no blame, positive, with a concrete next step.

    ``messages`` holds at most two remarks on what is good or missing (quoting the exact words)
    and ends with one concrete next step.
    """
    del message  # the criteria concern the reply itself; kept in the signature for later topic checks
    cfg = data("reply")
    texts = cfg["messages"]
    clean = clean_text(reply or "")
    words = len(clean.split())
    if not clean.strip():
        return ReplyResult(False, (texts["empty"], next_step(texts["next"], texts["ack_tip"])), empty=True)
    if words < int(cfg.get("min_words", 6)):
        return ReplyResult(False, (texts["too_short"], next_step(texts["next"], texts["ack_tip"])))
    acknowledged = has_acknowledgement(clean)
    # Naming the problem inside the sentence that acknowledges it is honest, not negative framing.
    ack_spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(reply) if has_acknowledgement(m.group())]
    findings = [f for f in find_negatives(reply)
                if f.category == "blame" or not any(a <= f.start and f.end <= b for a, b in ack_spans)]
    blame = [f.phrase for f in findings if f.category == "blame"]
    negative = [f.phrase for f in findings if f.category != "blame"]
    kinds = set(cfg.get("next_step_kinds") or ())
    spans = sorted({(start, end) for kind, start, end in constructive_markers(reply) if kind in kinds})
    outer = [(a, b) for a, b in spans if not any(c <= a and b <= d and (c, d) != (a, b) for c, d in spans)]
    steps = [reply[_clock_start(reply, a):b] for a, b in outer]
    has_step = bool(steps)
    ok = acknowledged and not blame and not negative and has_step
    good, todo, tips = [], [], []
    if acknowledged:
        good.append(texts["ack_good"])
    else:
        todo.append(texts["ack_missing"])
        tips.append(texts["ack_tip"])
    if blame:
        todo.append(fill(texts["blame"], phrases=_quote(blame)))
        tips.append(texts["blame_tip"])
    if negative:
        todo.append(fill(texts["negative"], phrases=_quote(negative)))
        tips.append(findings[[f.phrase for f in findings].index(negative[0])].tip)
    elif not blame:
        good.append(texts["positive_good"])
    if has_step:
        good.append(fill(texts["step_good"], phrases=_quote(sorted(set(steps), key=steps.index))))
    else:
        todo.append(texts["step_missing"])
        tips.append(texts["step_tip"])
    remarks = (good[:1] + todo[:1] if good else todo[:2]) if todo else [good[0], good[-1]]  # one or two remarks
    tip = tips[0] if tips else texts["done_tip"]
    return ReplyResult(ok, (*remarks, next_step(texts["next"], tip)), acknowledged=acknowledged,
                       blame=tuple(blame), negative=tuple(negative), next_steps=tuple(steps))
