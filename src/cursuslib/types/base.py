"""The contract of an exercise type: its fields, its saved state, one assessment, and its views in documents.

A type is a class with a few class attributes and methods; :func:`cursuslib.registry.register`
above it makes it known. Everything a type knows lives in its own module
(``cursuslib/types/<type>.py``); its widget lives in ``cursuslib/widgets/<type>.py`` and is named
by ``widget``. See ``docs/dev/exercise-types.md`` for a worked example.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, NamedTuple, TypeVar

from ..content import Exercise
from ..schema import Field
from .state import read_state, saved

if TYPE_CHECKING:  # blocks are for documents: they load when one is made, not with a widget
    from .blocks import Block

S = TypeVar("S")


class Assessment(NamedTuple):
    """What the automatic check says about one saved state: the one verdict every view shows.

    ``verdict`` is a key of the type's ``verdicts`` ("" when there is nothing to judge yet);
    ``score`` the share right (0..1) where the type has one; ``findings`` the sentences the student
    saw, in order, the next step last; ``detail`` the type's own result for its widget (per option,
    per item, the engine's result ...).
    """

    verdict: str = ""
    score: float | None = None
    findings: tuple[str, ...] = ()
    detail: Any = None

    @property
    def done(self) -> bool:
        """True when there is a verdict or a score."""
        return bool(self.verdict) or self.score is not None


class Ratio(NamedTuple):
    """``part`` out of ``whole`` (both counts), such as 3 open questions out of 4."""

    part: int = 0
    whole: int = 0

    @property
    def share(self) -> float | None:
        """``part / whole``, or None when there is nothing to count."""
        return self.part / self.whole if self.whole else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.part + other.part, self.whole + other.whole)

    def text(self) -> str:
        """Dutch text such as '3 van 4 (75%)', or '–' when there is nothing to count."""
        share = self.share
        return "–" if share is None else f"{self.part} van {self.whole} ({round(share * 100)}%)"


class RatioColumn(NamedTuple):
    """A class-overview column that adds up one count over all exercises of a type, e.g. open questions."""

    name: str
    heading: str
    explanation: str


class Context(NamedTuple):
    """What a view may look at besides its own exercise: every saved entry and every exercise by id."""

    answers: Mapping[str, Any] = MappingProxyType({})
    by_id: Mapping[str, Exercise] = MappingProxyType({})

    def value(self, exercise_id: str) -> Any:
        """The saved value of another exercise, or None."""
        entry = self.answers.get(exercise_id)
        return entry.get("value") if isinstance(entry, dict) else None


class CsvTable(NamedTuple):
    """Figures a teacher may want in a spreadsheet (``cursus overzicht --csv``): a header and rows."""

    head: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


class ClassPart(NamedTuple):
    """A part of the class overview that one type adds (such as the self-assessment figures)."""

    anchor: str
    title: str
    blocks: tuple[Block, ...]
    data: Any = None


class ExerciseType(Generic[S]):
    """Base of every exercise type. Subclasses set the class attributes and override what applies."""

    #: The value of ``type:`` in exercise files.
    name: ClassVar[str] = ""
    #: Dutch name of the type, shown in the portfolio under each exercise title.
    label: ClassVar[str] = ""
    #: One line for teachers (``cursus nieuw``).
    description: ClassVar[str] = ""
    #: The type's own fields (the common ones, such as id and title, come from the loader).
    fields: ClassVar[tuple[Field, ...]] = ()
    #: The saved state: one dataclass whose fields are what the widget saves.
    State: ClassVar[type[Any]]
    #: The widget class as ``"module:Class"``; imported only when an exercise of this type is shown.
    widget: ClassVar[str] = ""
    #: The verdicts :meth:`assess` can give, each with its Dutch word for teachers; ``examples`` may expect these.
    verdicts: ClassVar[Mapping[str, str]] = {}
    #: True when :meth:`assess` gives a score, so the type can be evidence for a self-assessment.
    scored: ClassVar[bool] = False
    #: Example field values for ``cursus nieuw`` (every field of the type and the common title/instruction).
    sample: ClassVar[Mapping[str, Any]] = {}
    #: Fields that ``cursus nieuw`` shows commented out (optional and only sometimes useful).
    commented: ClassVar[tuple[str, ...]] = ()
    #: Class-overview columns this type adds up (see :meth:`ratio`).
    ratio_columns: ClassVar[tuple[RatioColumn, ...]] = ()
    #: Title of the class-overview section that lists what students wrote here (see :meth:`writing`).
    writing_title: ClassVar[str] = ""
    #: How the portfolio names this type's evidence for a self-assessment ("eerste poging quiz"); "" uses ``label``.
    evidence_kind: ClassVar[str] = ""

    # -- state ----------------------------------------------------------------
    def read(self, raw: Any) -> S:
        """The saved value as this type's state; whatever does not fit becomes the field's default."""
        return read_state(self.State, raw)

    def saved(self, state: S) -> dict[str, Any]:
        """The state as it goes into the answers file."""
        return saved(state)

    # -- assessment -----------------------------------------------------------
    def assess(self, exercise: Exercise, state: S) -> Assessment:
        """The verdict, score and findings for a saved state (default: nothing to judge)."""
        return Assessment()

    def example_state(self, exercise: Exercise, answer: str) -> S | None:
        """The state a student has after writing ``answer`` and checking it, for ``examples`` (None: not testable)."""
        return None

    def evidence(self, exercise: Exercise, state: S) -> float | None:
        """The share (0..1) that counts as evidence for a self-assessment, or None when this state shows nothing.

        Default: the score of :meth:`assess` for a ``scored`` type. A type overrides it when its evidence is
        something else (a quiz counts its first attempt, an observer list the rounds about the student).
        """
        return self.assess(exercise, state).score if self.scored else None

    @property
    def gives_evidence(self) -> bool:
        """True when a self-assessment may list exercises of this type as ``evidence``."""
        return self.scored or type(self).evidence is not ExerciseType.evidence

    def content_warnings(self, exercises: Sequence[Exercise]) -> list[tuple[str, str, str]]:
        """Warnings for ``cursus check`` about one lesson's exercises of this type (never errors): for each, the
        exercise id ("" for the lesson as a whole), the field and a Dutch message. Default: none."""
        return []

    @property
    def testable(self) -> bool:
        """True when ``examples`` can test this type (it builds a state from an answer)."""
        return type(self).example_state is not ExerciseType.example_state

    def key_idea_groups(self, exercise: Exercise) -> list[tuple[str, tuple[Any, ...]]]:
        """The exercise's key ideas with where they stand ("" for the exercise itself, "beurt 2" ...).

        ``cursus check`` runs each idea's ``find``/``miss`` examples; see :mod:`cursuslib.types.ideas`.
        """
        ideas = exercise.data.get("key_ideas") or ()
        return [("", tuple(ideas))] if ideas else []

    def content_tests(self, exercise: Exercise) -> tuple[int, list[tuple[str, str]]]:
        """Content tests of the type's own (``cursus check``): how many were run, and (field, Dutch problem) for
        each one that failed. Default: none."""
        return 0, []

    def check_references(self, exercise: Exercise, by_id: Mapping[str, Exercise]) -> str:
        """A problem with references to other exercises, checked once every file loads ("" when there is none).

        Written as the rest of a content error after the exercise: ``veld 'compare_with': ...``.
        """
        return ""

    # -- views in documents ---------------------------------------------------
    def portfolio(self, exercise: Exercise, state: S, ctx: Context) -> Sequence[Block]:
        """How the saved state appears in the portfolio (default: the saved data as text)."""
        from .blocks import fallback

        return fallback(self.saved(state))

    def portfolio_parts(self, exercises: Sequence[Exercise], ctx: Context) -> list[ClassPart]:
        """Parts of a student's portfolio about all of the course's ``exercises`` together (such as how sure the
        student was at the quizzes); a part's ``anchor`` is unique, so types that share one give it once."""
        return []

    def ratio(self, exercise: Exercise, state: S, column: str) -> Ratio:
        """This exercise's count for one of the type's :attr:`ratio_columns`."""
        return Ratio()

    def writing(self, exercise: Exercise, state: S) -> dict[str, str]:
        """What the student wrote that a teacher reads in the overview, by part key (default: nothing)."""
        return {}

    def writing_parts(self, exercise: Exercise) -> dict[str, str]:
        """The Dutch label of each part key that :meth:`writing` returns."""
        return {}

    def class_parts(self, exercises: Sequence[Exercise], students: Sequence[tuple[str, Mapping[str, Any]]]
                    ) -> list[ClassPart]:
        """Parts of the class overview for this type (``students``: name and saved entries per student)."""
        return []
