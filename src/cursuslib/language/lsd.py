"""Feedback for the LSD exercises (Luisteren, Samenvatten, Doorvragen): summaries and follow-up questions."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from .normalize import Token, clean_text, tokenize
from .questions import classify_tokens
from .results import FollowupResult, SummaryResult
from .rules import Pattern, PatternSet, data, fill
from .topic import content_words, shared_topic_detail

__all__ = ["followup_feedback", "summary_feedback"]

_CHECK_WINDOW = 6


class _Lsd:
    def __init__(self) -> None:
        d = data("lsd")
        macros = {str(k): str(v) for k, v in (d.get("macros") or {}).items()}

        def compile_set(key: str) -> PatternSet:
            return PatternSet(Pattern(str(s), key, macros) for s in d.get(key) or ())

        self.openers = compile_set("summary_openers")
        self.checks = compile_set("check_backs")
        self.advice = compile_set("advice")
        self.window = int(d.get("opener_window", 4))
        self.min_shared = int(d.get("min_shared_words", 1))
        self.long_story = int(d.get("long_story_words", 8))
        self.min_shared_long = int(d.get("min_shared_words_long", 2))
        self.msg = {str(k): str(v) for k, v in (d.get("messages") or {}).items()}


@cache
def _lsd() -> _Lsd:
    return _Lsd()


def _first(ps: PatternSet, text: str, tokens: list[Token], *, max_start: int | None = None, min_end: int = 0) -> str:
    for first, last, _p in ps.finditer(tokens):
        if max_start is not None and first > max_start:
            break
        if last >= min_end:
            return text[tokens[first].start : tokens[last].end]
    return ""


@lru_cache(maxsize=128)
def _story_words_cached(customer: str) -> dict[str, str]:
    return content_words(tokenize(clean_text(customer)))


def _story_words(customer: str) -> dict[str, str]:
    """Content words of the customer's story; cached, because one story gets many answers."""
    if len(customer) <= 2000:
        return _story_words_cached(customer)
    return content_words(tokenize(clean_text(customer)))


def _shared(customer: str, text_tokens: list[Token], cfg: _Lsd) -> tuple[tuple[str, ...], dict[str, str]]:
    story = _story_words(customer)
    if not story:
        return (), story
    direct, grouped = shared_topic_detail(story, content_words(text_tokens))
    needed = cfg.min_shared_long if len(story) >= cfg.long_story else cfg.min_shared
    # A related word ('laptop' for 'printer') counts only when the answer also shares enough other words.
    if not direct and len(grouped) < 2:
        return (), story
    shared = direct + grouped
    return (shared if len(shared) >= needed else ()), story


def _quote(words: Sequence[str]) -> str:
    return ", ".join(f"'{w}'" for w in words[:3])


def _as_str(value: object) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def summary_feedback(customer_text: str, summary: str) -> SummaryResult:
    """Judge a summary of what the customer said: opener, no early advice, refers to the story, check-back."""
    cfg = _lsd()
    m = cfg.msg
    text = _as_str(summary)
    tokens = tokenize(clean_text(text))
    if not tokens:
        return SummaryResult(False, (m["summary_empty"],))
    opener = _first(cfg.openers, text, tokens, max_start=cfg.window)
    check = _first(cfg.checks, text, tokens, min_end=max(0, len(tokens) - _CHECK_WINDOW))
    advice = tuple(text[tokens[f].start : tokens[la].end] for f, la, _p in cfg.advice.finditer(tokens))
    shared, story = _shared(_as_str(customer_text), tokens, cfg)
    refers = bool(shared) or not story

    good: list[str] = []
    if opener:
        good.append(fill(m["summary_good_opener"], phrase=opener))
    if shared:
        good.append(fill(m["summary_good_refers"], words=_quote(shared)))
    if check and not good:
        good.append(fill(m["summary_good_check"], phrase=check))
    messages: list[str] = [" ".join(good[:2])] if good else []
    story_word = next(iter(story.values()), "")
    if advice:
        messages += [fill(m["summary_advice"], phrase=advice[0]), fill(m["summary_next_advice"], phrase=advice[0])]
    elif not opener:
        messages += [m["summary_no_opener"], m["summary_next_opener"]]
    elif not refers:
        messages += [m["summary_not_refers"], fill(m["summary_next_refers"], word=story_word)]
    elif not check:
        messages += [m["summary_no_check"], m["summary_next_check"]]
    else:
        messages.append(m["summary_next_ok"])
    ok = bool(opener) and bool(check) and not advice and refers
    return SummaryResult(ok, tuple(messages), opener, check, advice, shared)


def followup_feedback(customer_text: str, question: str) -> FollowupResult:
    """Judge a follow-up question: open (see question_kind) and about what the customer just said."""
    cfg = _lsd()
    m = cfg.msg
    text = _as_str(question)
    clean = clean_text(text)
    tokens = tokenize(clean)
    if not tokens:
        return FollowupResult(False, (m["followup_empty"],))
    verdict = classify_tokens(text, clean, tokens)
    shared, story = _shared(_as_str(customer_text), tokens, cfg)
    refers = bool(shared) or not story
    advice = _first(cfg.advice, text, tokens)
    messages = [verdict.explanation]
    if shared:
        messages[0] += " " + fill(m["followup_refers"], words=_quote(shared))
    story_word = next(iter(story.values()), "")
    if advice:
        messages += [fill(m["followup_advice"], phrase=advice), m["followup_next_advice"]]
    elif not verdict.is_open:
        if verdict.open_form:
            messages.append(fill(m["followup_next_open_form"], open=verdict.open_form))
        else:
            messages.append(m["followup_next_closed"])
    elif not refers:
        messages += [m["followup_not_refers"], fill(m["followup_next_refers"], word=story_word)]
    elif verdict.open_form:
        messages.append(fill(m["followup_next_why"], open=verdict.open_form))
    else:
        messages.append(m["followup_next_ok"])
    ok = verdict.is_open and refers and not advice
    return FollowupResult(ok, tuple(messages), verdict, shared)
