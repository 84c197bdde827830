"""Content tests of a scenario for ``cursus check``: every topic's ``reveal`` lines reveal it, its ``hide`` lines
do not. Each line is tried in a fresh conversation in which the topic's condition already holds."""

from __future__ import annotations

from ..content import Exercise
from .conversation import Conversation, Turn
from .scenario import Topic

#: A turn that makes an event of a condition true, as if it happened earlier in the conversation.
_EVENT_TURNS = {
    "waarom": Turn("", "", "open", why=True),
    "gevoel": Turn("", "", "anders", feeling=True),
    "samenvatting": Turn("", "", "samenvatting", confirmed=True),
}


def ready_conversation(exercise: Exercise, topic: Topic) -> Conversation:
    """A fresh conversation in which ``topic``'s condition holds (earlier topics told, the event happened)."""
    conversation = Conversation(exercise)
    condition = topic.condition
    if condition is None:
        return conversation
    for other in condition.after:
        conversation.turns.append(Turn("", "", "open", revealed=(other,)))
    if condition.asked in _EVENT_TURNS:
        conversation.turns.append(_EVENT_TURNS[condition.asked])
    return conversation


def scenario_problems(exercise: Exercise) -> tuple[int, list[str]]:
    """How many example lines were tried, and the Dutch problem of each one that did not do what it says."""
    problems: list[str] = []
    tried = 0
    for topic in exercise.data.get("topics") or ():
        for line in topic.reveal:
            tried += 1
            turn = ready_conversation(exercise, topic).say(line)
            if topic.id not in turn.revealed:
                got = ", ".join(turn.revealed) or ("alleen kort: " + ", ".join(turn.touched) if turn.touched else "niets")
                problems.append(f"onderwerp '{topic.id}': '{line}' hoort het onderwerp te onthullen, maar de klant "
                                f"vertelt {got} (soort zin: {turn.kind}); voeg woorden toe bij 'words'")
        for line in topic.hide:
            tried += 1
            turn = ready_conversation(exercise, topic).say(line)
            if topic.id in turn.revealed:
                problems.append(f"onderwerp '{topic.id}': '{line}' hoort het onderwerp niet te onthullen, maar doet "
                                "dat wel; maak de woorden bij 'words' preciezer")
    return tried, problems
