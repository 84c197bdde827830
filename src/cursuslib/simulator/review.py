"""After the conversation: per topic found / only touched / missed (with the question that found it), the open
and closed questions, the summaries and how the client took them, and solutions offered too early."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .scenario import Scenario

if TYPE_CHECKING:
    from .conversation import Turn

#: A topic's status in the debrief.
FOUND, TOUCHED, MISSED = "gevonden", "aangeraakt", "gemist"


@dataclass(frozen=True)
class TopicResult:
    """One topic after the conversation: its status and the student's line that found or touched it."""

    id: str
    label: str
    kind: str
    status: str
    question: str = ""


@dataclass(frozen=True)
class Debrief:
    """What the conversation brought: topics, question counts, summaries and early solutions."""

    topics: tuple[TopicResult, ...]
    open_questions: int
    closed_questions: int
    summaries: tuple[tuple[str, bool | None], ...]
    early_solutions: tuple[str, ...]
    feelings: int

    @property
    def found(self) -> tuple[str, ...]:
        """Ids of the topics told in full."""
        return tuple(topic.id for topic in self.topics if topic.status == FOUND)

    def count(self, status: str) -> int:
        """How many topics have this status."""
        return sum(1 for topic in self.topics if topic.status == status)


def debrief(scenario: Scenario, turns: Sequence[Turn]) -> Debrief:
    """The debrief of a conversation (also of one still going on)."""
    first_found: dict[str, str] = {}
    first_touched: dict[str, str] = {}
    for turn in turns:
        for topic_id in turn.revealed:
            first_found.setdefault(topic_id, turn.said)
        for topic_id in turn.touched:
            first_touched.setdefault(topic_id, turn.said)
    results = []
    for topic in scenario.topics:
        if topic.id in first_found:
            results.append(TopicResult(topic.id, topic.label, topic.kind, FOUND, first_found[topic.id]))
        elif topic.id in first_touched:
            results.append(TopicResult(topic.id, topic.label, topic.kind, TOUCHED, first_touched[topic.id]))
        else:
            results.append(TopicResult(topic.id, topic.label, topic.kind, MISSED))
    return Debrief(
        tuple(results),
        sum(1 for turn in turns if turn.kind == "open"),
        sum(1 for turn in turns if turn.kind == "gesloten"),
        tuple((turn.said, turn.confirmed) for turn in turns if turn.kind == "samenvatting"),
        tuple(turn.said for turn in turns if turn.kind == "oplossing" and turn.too_early),
        sum(1 for turn in turns if turn.feeling),
    )
