"""One choice per item (sorting statements, matching situations, open/closed drills): the shared check and views."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from ..content import Exercise
from ..messages import text
from .base import Assessment, Context, ExerciseType

if TYPE_CHECKING:  # blocks are for documents: they load when one is made, not with a widget
    from .blocks import Block, Para


@dataclass
class ItemsState:
    """What a one-choice-per-item exercise saves: the key chosen per item index ("0", "1" ...)."""

    answers: dict[str, str] = field(default_factory=dict)
    attempts: int = 0
    checked: bool = False
    model_shown: bool = False


class ItemFeedback(NamedTuple):
    """Feedback on one item: what the student chose (None: nothing) and whether it fits."""

    index: int
    given: str | None
    correct: bool


class ItemsResult(NamedTuple):
    """The outcome of one attempt: per item, how many are right and unanswered, a summary and one next step."""

    items: tuple[ItemFeedback, ...]
    right: int
    unanswered: int
    summary: str
    next_step: str

    @property
    def complete(self) -> bool:
        """True when every item has the right answer."""
        return self.right == len(self.items)


def given(answers: Mapping[str, str], index: int, known: Sequence[str]) -> str | None:
    """The key chosen for item ``index``, or None when there is none or it is not (or no longer) allowed."""
    value = answers.get(str(index))
    return value if value in known else None


def check_answers(exercise: Exercise, answers: Mapping[str, str], expected: Sequence[str], known: Sequence[str],
                section: str) -> ItemsResult:
    """Compare the chosen key per item with ``expected``; the texts come from catalogue ``section``.

    The section has: all_right(_next), nothing_<done>(_next), partly_one/many, partly_next and
    un<done>_one/many, where <done> is ``sorted`` for sort and ``matched`` for matching.
    """
    done = {"sort": "sorted", "matching": "matched"}[section]
    feedback = tuple(ItemFeedback(index, given(answers, index, known), given(answers, index, known) == answer)
                     for index, answer in enumerate(expected))
    right = sum(item.correct for item in feedback)
    unanswered = sum(item.given is None for item in feedback)
    total = len(feedback)
    if right == total:
        summary = text(f"{section}.all_right", exercise, total=total)
        next_step = text(f"{section}.all_right_next", exercise)
    elif unanswered == total:
        summary = text(f"{section}.nothing_{done}", exercise)
        next_step = text(f"{section}.nothing_{done}_next", exercise, button=text("common.check", exercise))
    else:
        summary = (text(f"{section}.partly_one", exercise, right=right, total=total) if right == 1
                   else text(f"{section}.partly_many", exercise, right=right, total=total))
        if unanswered:
            summary += " " + (text(f"{section}.un{done}_one", exercise, count=unanswered) if unanswered == 1
                              else text(f"{section}.un{done}_many", exercise, count=unanswered))
        next_step = text(f"{section}.partly_next", exercise)
    return ItemsResult(feedback, right, unanswered, summary, next_step)


def share(expected: Sequence[str], answers: Mapping[str, str]) -> float | None:
    """The share of items answered as expected (an unanswered item counts as not right); None when none is."""
    if not answers or not expected:
        return None
    return sum(answers.get(str(index)) == answer for index, answer in enumerate(expected)) / len(expected)


def share_line(expected: Sequence[str], answers: Mapping[str, str], what: str, *, attempts: int,
               checked: bool) -> Para:
    """The portfolio's result line: how many items were put in the right place, with the number of attempts."""
    from .blocks import Para, count

    placed = sum(1 for index in range(len(expected)) if isinstance(answers.get(str(index)), str))
    right = sum(answers.get(str(index)) == answer for index, answer in enumerate(expected))
    if not checked:
        return Para(f"{placed} van de {len(expected)} {what} ingedeeld; nog niet gecontroleerd.", label="Resultaat")
    tail = f" ({count(attempts, 'poging', 'pogingen')})" if attempts else ""
    return Para(f"{right} van de {len(expected)} {what} goed ingedeeld{tail}.", label="Resultaat")


class OneChoicePerItem(ExerciseType[ItemsState]):
    """Base of the types where the student gives each item one answer key and then checks (sort, matching)."""

    State = ItemsState
    verdicts = {"goed": "alles goed", "nog_niet": "nog niet alles goed"}
    scored = True
    #: The catalogue section of the feedback texts (``sort`` or ``matching``, see :func:`check_answers`).
    section: ClassVar[str] = ""
    #: The items in the portfolio's words (``uitspraken``, ``situaties``).
    noun: ClassVar[str] = ""

    def expected(self, exercise: Exercise) -> list[str]:
        """The right answer key per item, in order."""
        raise NotImplementedError

    def known(self, exercise: Exercise) -> list[str]:
        """Every answer key an item may get."""
        raise NotImplementedError

    def check(self, exercise: Exercise, answers: Mapping[str, str]) -> ItemsResult:
        """Feedback per item on the answer keys by item index ("0", "1" ...)."""
        return check_answers(exercise, answers, self.expected(exercise), self.known(exercise), self.section)

    def assess(self, exercise: Exercise, state: ItemsState) -> Assessment:
        """Feedback per item; after a check the verdict and the share answered right."""
        result = self.check(exercise, state.answers)
        findings = (result.summary, result.next_step)
        if state.attempts <= 0:
            return Assessment(findings=findings, detail=result)
        score = share(self.expected(exercise), state.answers)
        return Assessment("goed" if result.complete else "nog_niet", score, findings, result)

    def portfolio(self, exercise: Exercise, state: ItemsState, ctx: Context) -> Sequence[Block]:
        """How many items got the right answer, with the number of attempts."""
        return [share_line(self.expected(exercise), state.answers, self.noun, attempts=state.attempts,
                           checked=state.attempts > 0)]
