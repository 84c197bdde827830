"""The intake simulator: a client who answers what the student actually asks (pure logic, no widgets).

::

    from cursuslib.simulator import Conversation
    conv = Conversation.from_exercise("01-intake")
    turn = conv.say("Hoe maken klanten nu een afspraak?")
    turn.reply, turn.kind, turn.revealed, turn.touched, turn.confirmed

Names are imported on first use, so that loading the exercise types stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

_HOMES = {
    "KINDS": "conversation", "Conversation": "conversation", "Turn": "conversation",
    "Debrief": "review", "TopicResult": "review", "debrief": "review",
    "Condition": "scenario", "Scenario": "scenario", "Topic": "scenario",
}

if TYPE_CHECKING:
    from .conversation import KINDS, Conversation, Turn
    from .review import Debrief, TopicResult, debrief
    from .scenario import Condition, Scenario, Topic

__all__ = ["KINDS", "Condition", "Conversation", "Debrief", "Scenario", "Topic", "TopicResult", "Turn", "debrief"]


__getattr__ = lazy_names(__name__, _HOMES)
