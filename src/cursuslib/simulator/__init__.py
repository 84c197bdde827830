"""The intake simulator: a client who answers what the student actually asks (pure logic, no widgets).

::

    from cursuslib.simulator import Conversation
    conv = Conversation.from_exercise("01-intake")
    turn = conv.say("Hoe maken klanten nu een afspraak?")
    turn.reply, turn.kind, turn.revealed, turn.touched, turn.confirmed

Names are imported on first use, so that loading the exercise types stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value
