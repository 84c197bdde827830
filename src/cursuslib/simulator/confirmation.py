"""The order confirmation the student writes after the intake: does it name what was found, a concrete next
step with a moment, in positive and honest words? The words come from the topics and the language engine."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..language.key_ideas import KeyIdea, find_ideas
from ..language.normalize import clean_text, limit, tokenize
from ..language.rules import Pattern, PatternSet, data
from ..messages import text
from .scenario import Scenario, Topic

#: Topic kinds a confirmation must name when the student found them (what will be built, why, the limits).
CONFIRM_KINDS = frozenset({"behoefte", "randvoorwaarde"})


@dataclass(frozen=True)
class ConfirmationResult:
    """The check of a confirmation: the verdict, the sentences for the student (one next step last) and why."""

    ok: bool
    messages: tuple[str, ...]
    named: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    moment: str = ""
    promises: tuple[str, ...] = ()
    blame: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()


@cache
def _moments() -> PatternSet:
    d = data("intents")
    return PatternSet(Pattern(str(s), "moment") for s in d.get("moment") or ())


def _moment(line: str) -> str:
    clean = clean_text(line)
    tokens = tokenize(clean)
    for first, last, _p in _moments().finditer(tokens):
        return clean[tokens[first].start : tokens[last].end]
    return ""


def expected_topics(scenario: Scenario, found: Iterable[str]) -> tuple[Topic, ...]:
    """The topics the confirmation should name: found in the conversation, and a need or a condition (or with
    their own ``confirm`` words)."""
    found = set(found)
    return tuple(topic for topic in scenario.topics
                 if topic.id in found and (topic.kind in CONFIRM_KINDS or topic.confirm is not None))


def _idea(topic: Topic) -> KeyIdea:
    return topic.confirm if topic.confirm is not None else topic.idea


def check_confirmation(scenario: Scenario, found: Iterable[str], letter: str, exercise: Any = None
                       ) -> ConfirmationResult:
    """Check ``letter`` against the topics the student found in the conversation (``found``)."""
    from ..language import reply_feedback

    letter, _cut = limit(letter)
    if not letter.strip():
        return ConfirmationResult(False, (text("intake.confirm_empty", exercise),))
    expected = expected_topics(scenario, found)
    matches = find_ideas(letter, [_idea(topic) for topic in expected])
    named = tuple(topic.id for topic, match in zip(expected, matches, strict=True) if match.found)
    missing = tuple(topic.id for topic, match in zip(expected, matches, strict=True) if not match.found)
    engine = reply_feedback(scenario.situation or scenario.opening, letter)
    moment = next((found for found in (_moment(step) for step in engine.next_steps) if found), "")
    label = {topic.id: topic.label for topic in scenario.topics}
    messages: list[str] = []
    if named:
        messages.append(text("intake.confirm_named", exercise, topics=_join(label[t] for t in named)))
    if not any(topic.kind == "behoefte" for topic in expected) and scenario.needs:
        messages.append(text("intake.confirm_need_unknown", exercise))
    if engine.next_steps and moment:
        messages.append(text("intake.confirm_step", exercise, step=engine.next_steps[0]))
    for phrase in engine.promises:
        messages.append(text("intake.confirm_promise", exercise, phrase=phrase))
    for phrase in engine.blame:
        messages.append(text("intake.confirm_blame", exercise, phrase=phrase))
    if engine.negative:
        messages.append(text("intake.confirm_negative", exercise, phrase=engine.negative[0]))
    # Negative words are a remark, not a reason: an honest mail may name the problem ('de storing van gisteren').
    ok = not missing and bool(engine.next_steps) and bool(moment) and not engine.promises and not engine.blame
    if missing:
        step = text("intake.confirm_next_missing", exercise, topic=label[missing[0]])
    elif not engine.next_steps:
        step = text("intake.confirm_next_step", exercise)
    elif not moment:
        step = text("intake.confirm_next_moment", exercise)
    elif engine.promises or engine.blame:
        step = text("intake.confirm_next_honest", exercise)
    else:
        step = text("intake.confirm_next_done", exercise)
    verdict = text("intake.confirm_ok" if ok else "intake.confirm_not_yet", exercise)
    return ConfirmationResult(ok, (verdict, *messages, step), named, missing, engine.next_steps, moment,
                              engine.promises, engine.blame, engine.negative)


def _join(items: Iterable[str]) -> str:
    listed = [f"'{item}'" for item in items]
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " en " + listed[-1]
