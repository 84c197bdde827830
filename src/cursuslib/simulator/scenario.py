"""A client scenario: who the client is, the opening line, and the hidden topics the student must find.

Pure data, built by the ``intake`` exercise type from its YAML (see :mod:`cursuslib.types.intake`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..language.key_ideas import KeyIdea

#: What a topic is to the client (YAML value -> Dutch word for the debrief).
TOPIC_KINDS: Mapping[str, str] = {
    "feit": "feit",
    "symptoom": "symptoom",
    "behoefte": "behoefte",
    "randvoorwaarde": "randvoorwaarde",
    "gevoel": "gevoel",
}
#: What must have happened before a topic with a condition is told ('asked').
CONDITION_EVENTS: Mapping[str, str] = {
    "waarom": "de student vroeg naar het waarom of het doel",
    "gevoel": "de student benoemde het gevoel van de klant",
    "samenvatting": "de klant bevestigde een samenvatting",
}
#: The client's replies a scenario may set (defaults in teksten/nl.yaml, section intake_client).
REPLY_KEYS: tuple[str, ...] = (
    "off_topic", "vague", "closed_unknown", "solution", "solution_later", "leading", "summary_confirm",
    "summary_not_said", "summary_wrong", "summary_unclear", "yes_but", "close", "after_close", "greeting",
    "feeling", "no_words", "english", "too_long", "statement", "locked", "repeat",
)
#: At most this many words in a short answer (after a closed question).
SHORT_WORDS = 15


@dataclass(frozen=True)
class Condition:
    """A topic is told only after these topics were told (``after``) and/or this event (``asked``)."""

    after: tuple[str, ...] = ()
    asked: str = ""


@dataclass(frozen=True)
class Topic:
    """One thing the client knows and tells only when asked: the words that target it and both answers."""

    id: str
    label: str
    kind: str
    idea: KeyIdea
    full: str
    short: str
    condition: Condition | None = None
    #: What the client says when asked before the condition holds ('' = the scenario's ``locked`` reply).
    until: str = ""
    #: Student lines that must reveal the topic, and lines that must not (content tests for ``cursus check``).
    reveal: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()
    #: Ways to say the topic in the order confirmation (default: the topic's own words).
    confirm: KeyIdea | None = None


@dataclass(frozen=True)
class Scenario:
    """The client and what they know; ``replies`` holds the scenario's own client lines by key."""

    client: str
    situation: str
    opening: str
    topics: tuple[Topic, ...]
    replies: Mapping[str, str] = field(default_factory=dict)
    model_confirmation: str = ""
    confirmation_notes: tuple[str, ...] = ()

    def topic(self, topic_id: str) -> Topic | None:
        """The topic with this id, or None."""
        return next((topic for topic in self.topics if topic.id == topic_id), None)

    @property
    def needs(self) -> tuple[Topic, ...]:
        """The topics that are the client's need (kind ``behoefte``)."""
        return tuple(topic for topic in self.topics if topic.kind == "behoefte")

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Scenario:
        """The scenario in an intake exercise's validated data."""
        confirmation = data.get("confirmation") or {}
        return cls(data.get("client") or "", data.get("situation") or "", data.get("opening") or "",
                   tuple(data.get("topics") or ()), dict(data.get("replies") or {}),
                   str(confirmation.get("model") or ""), tuple(confirmation.get("notes") or ()))
