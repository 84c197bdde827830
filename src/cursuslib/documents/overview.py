"""Class overview for the teacher: many students' answer files read into figures for one readable page.

Nothing here knows an exercise type: every figure comes from the types themselves (their
``assess``, ``ratio``, ``writing`` and ``class_parts``), so a new type shows up on its own.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content import Exercise, Lesson
from ..language.key_ideas import IdeaMatch
from ..messages import language_as, steady
from ..simulator.review import MISSED, TopicResult
from ..types import DAMAGED, Assessment, ClassPart, ExerciseType, Ratio, RatioColumn, spec_of
from .files import FileProblem, read_answers, readable


@dataclass(frozen=True)
class StudentFigures:
    """What one student's file shows; the name comes from the file name."""

    name: str
    file: str
    #: Share (0..1) of each lesson's exercises with a saved answer, by lesson name.
    completion: dict[str, float]
    #: The verdict and score per exercise id (only exercises whose type gives a verdict or score, and that were done;
    #: without findings and details, which the overview does not show).
    results: dict[str, Assessment]
    #: Per ratio column (see the types' ``ratio_columns``): the count over all the student's exercises.
    ratios: dict[str, Ratio]
    #: What the student wrote per exercise id (types with ``writing``): ``{part key: text}``, parts with text only.
    writing: dict[str, dict[str, str]]
    #: The ids of the exercises with a saved answer.
    answered: frozenset[str] = frozenset()
    #: Per exercise id: the key ideas and conversation topics the last checked answer still misses (see
    #: :func:`missed_points`); only exercises where something is missed.
    missed: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class ResultColumn:
    """One exercise in the results table, with the Dutch words for its type's verdicts."""

    exercise: Exercise
    verdicts: Mapping[str, str]


@dataclass(frozen=True)
class WritingGroup:
    """A section of texts to read: its title and the exercises in it, each with its part labels."""

    title: str
    exercises: tuple[tuple[Exercise, dict[str, str]], ...]


@dataclass
class Overview:
    """The whole class: per-student figures, class figures and the files that could not be used."""

    lessons: tuple[Lesson, ...]
    students: list[StudentFigures] = field(default_factory=list)
    #: (file name, Dutch reason) for every file that was skipped.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: Per lesson name, the exercises whose type gives a verdict or a score.
    result_columns: dict[str, tuple[ResultColumn, ...]] = field(default_factory=dict)
    ratio_columns: tuple[RatioColumn, ...] = ()
    writing_groups: tuple[WritingGroup, ...] = ()
    #: Parts the types add (such as the self-assessment figures).
    parts: list[ClassPart] = field(default_factory=list)

    def average_completion(self) -> dict[str, float | None]:
        """Class average of the completion share per lesson (None without students)."""
        count = len(self.students)
        return {lesson.lesson: (sum(s.completion[lesson.lesson] for s in self.students) / count if count else None)
                for lesson in self.lessons}

    def total(self, name: str) -> Ratio:
        """The class total of one ratio column, such as ``open_questions``."""
        result = Ratio()
        for student in self.students:
            result = result + student.ratios.get(name, Ratio())
        return result

    def part(self, anchor: str) -> ClassPart | None:
        """The part a type added under ``anchor`` (such as ``zelfbeoordeling``), or None."""
        return next((part for part in self.parts if part.anchor == anchor), None)

    def class_result(self, column: ResultColumn) -> str:
        """The class line of one exercise: the mean score of those who did it, or how many got each verdict."""
        found = [student.results[column.exercise.id] for student in self.students
                 if column.exercise.id in student.results]
        if not found:
            return "–"
        scores = [result.score for result in found if result.score is not None]
        if scores:
            return f"gemiddeld {round(100 * sum(scores) / len(scores))}% (n={len(scores)})"
        counts = [(sum(result.verdict == verdict for result in found), words) for verdict, words in column.verdicts.items()]
        return ", ".join(f"{count}× {words}" for count, words in counts if count)


def cell(result: Assessment | None, verdicts: Mapping[str, str]) -> str:
    """One student's result for one exercise: the verdict in words and the score ('–' when not done)."""
    if result is None or not result.done:
        return "–"
    words = verdicts.get(result.verdict, result.verdict)
    if result.score is None:
        return words
    percent = f"{round(result.score * 100)}%"
    return f"{words} ({percent})" if words else percent


@dataclass(frozen=True)
class _Course:
    """The course parts the figures need, looked up once for all files."""

    lessons: Mapping[str, Lesson]
    exercises: tuple[tuple[Exercise, ExerciseType[Any]], ...]
    #: The exercises whose type adds class parts: only their entries are kept for :meth:`ExerciseType.class_parts`.
    with_parts: frozenset[str]

    @classmethod
    def of(cls, lessons: Mapping[str, Lesson]) -> _Course:
        exercises = tuple((e, spec_of(e)) for lesson in lessons.values() for e in lesson.exercises)
        return cls(lessons, exercises, frozenset(e.id for e, spec in exercises
                                                 if type(spec).class_parts is not ExerciseType.class_parts))

    def with_results(self) -> list[Exercise]:
        return [e for e, spec in self.exercises if spec.verdicts or spec.scored]


#: How deep :func:`missed_points` looks into a type's result (a key idea sits two or three levels down).
_MISSED_DEPTH = 5
#: Values that hold nothing to look into.
_ATOMS = frozenset({str, bytes, int, float, bool, complex, type(None)})
#: Per dataclass of a result, the fields that may hold a key idea or a topic, worked out once from the annotations.
_FIELDS: dict[type, tuple[str, ...]] = {}


def _may_hold(annotation: Any, busy: set[type]) -> bool:
    """Whether a value of this annotation may hold an :class:`IdeaMatch` or a :class:`TopicResult` (when unsure: yes)."""
    if isinstance(annotation, type) and typing.get_origin(annotation) is None:
        if issubclass(annotation, (IdeaMatch, TopicResult)):
            return True
        if annotation in _ATOMS or issubclass(annotation, (Exercise, Lesson, Mapping)):
            return False  # course content, and mappings, are not looked into
        if dataclasses.is_dataclass(annotation):
            return annotation in busy or bool(_looked_into(annotation, busy))
        return True  # tuple, list, object, an abstract class ...: it depends on the value
    if annotation is Any:
        return True
    if typing.get_origin(annotation) is not None:  # tuple[X, ...], list[X], X | None ...
        if typing.get_origin(annotation) in (dict, Mapping):
            return False
        return any(_may_hold(arg, busy) for arg in typing.get_args(annotation) if arg is not Ellipsis)
    return annotation is not None


def _looked_into(cls: type, busy: set[type] | None = None) -> tuple[str, ...]:
    """The fields of a result's dataclass that :func:`missed_points` looks into (every field when unsure)."""
    names = _FIELDS.get(cls)
    if names is not None:
        return names
    if not dataclasses.is_dataclass(cls) or issubclass(cls, (Exercise, Lesson)):
        names = ()
    else:
        fields = dataclasses.fields(cls)
        try:
            hints = typing.get_type_hints(cls)
        except (NameError, TypeError, AttributeError, SyntaxError):  # an annotation that cannot be resolved here,
            # such as a name imported for type checkers only
            names = tuple(item.name for item in fields)
        else:
            busy = (busy or set()) | {cls}
            names = tuple(item.name for item in fields if _may_hold(hints.get(item.name, Any), busy))
    _FIELDS[cls] = names
    return names


def missed_points(detail: Any) -> tuple[str, ...]:
    """The labels of the key ideas and conversation topics that a type's result (``Assessment.detail``) misses.

    No type is named: every type that checks key ideas keeps their :class:`IdeaMatch` in its result, and the
    intake keeps its debrief's :class:`TopicResult`; they are looked for in the result's dataclasses, lists and
    tuples, in order, skipping the fields whose annotation cannot hold one. A key idea said the other way round
    counts as missed; a topic only touched does not.
    """
    labels: dict[str, None] = {}
    todo: list[tuple[Any, int]] = [(detail, 0)]
    while todo:  # depth first, left to right, so the labels keep the order of the exercise
        value, depth = todo.pop()
        if isinstance(value, IdeaMatch):
            if not value.found:
                labels.setdefault(value.idea.label)
            continue
        if isinstance(value, TopicResult):
            if value.status == MISSED:
                labels.setdefault(value.label)
            continue
        if depth >= _MISSED_DEPTH:
            continue
        kind = type(value)
        children = value if kind is tuple or kind is list else [getattr(value, name, None)
                                                                 for name in _looked_into(kind)]
        todo.extend((child, depth + 1) for child in reversed(children) if type(child) not in _ATOMS)
    return tuple(labels)


def _student(name: str, file: str, answers: Mapping[str, Any], course: _Course) -> StudentFigures:
    completion = {
        lesson.lesson: (sum(isinstance(answers.get(e.id), dict) for e in lesson.exercises) / len(lesson.exercises)
                        if lesson.exercises else 0.0)
        for lesson in course.lessons.values()}
    results: dict[str, Assessment] = {}
    ratios: dict[str, Ratio] = {}
    writing: dict[str, dict[str, str]] = {}
    missed: dict[str, tuple[str, ...]] = {}
    for exercise, spec in course.exercises:
        entry = answers.get(exercise.id)
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), dict):
            continue
        try:
            state = spec.read(entry["value"])
            if spec.verdicts or spec.scored:
                assessment = spec.assess(exercise, state)
                if assessment.done:  # verdict and score only: for 2,000 students the details would fill the memory
                    results[exercise.id] = Assessment(assessment.verdict, assessment.score)
                    points = missed_points(assessment.detail)
                    if points:
                        missed[exercise.id] = points
            for column in spec.ratio_columns:
                ratios[column.name] = ratios.get(column.name, Ratio()) + spec.ratio(exercise, state, column.name)
            texts = spec.writing(exercise, state)
        except DAMAGED:  # an old or damaged answer counts for nothing
            continue
        if texts:
            writing[exercise.id] = texts
    answered = frozenset(e.id for e, _ in course.exercises if isinstance(answers.get(e.id), dict))
    return StudentFigures(name, file, completion, results, ratios, writing, answered, missed)


@language_as("nl")  # the portfolio and the overview are Dutch documents, whatever the widget language
@steady()  # thousands of texts: the catalogue is read once per document
def class_overview(paths: Sequence[Path], *, lessons: Mapping[str, Lesson]) -> Overview:
    """Read the students' answer files; a file that cannot be used is listed in ``skipped``, never fatal.

    The student's name is the file name without extension (``jan-jansen.json`` -> ``jan-jansen``).
    Each file's size is checked before it is read (see :func:`.files.read_answers`).
    """
    course = _Course.of(lessons)
    columns: list[RatioColumn] = []
    groups: dict[str, list[tuple[Exercise, dict[str, str]]]] = {}
    for exercise, spec in course.exercises:
        columns += [column for column in spec.ratio_columns if column not in columns]
        if spec.writing_title:
            groups.setdefault(spec.writing_title, []).append((exercise, spec.writing_parts(exercise)))
    result_ids = {e.id for e in course.with_results()}
    overview = Overview(
        tuple(lessons.values()),
        result_columns={lesson.lesson: tuple(ResultColumn(e, spec_of(e).verdicts) for e in lesson.exercises
                                             if e.id in result_ids) for lesson in lessons.values()},
        ratio_columns=tuple(columns),
        writing_groups=tuple(WritingGroup(title, tuple(items)) for title, items in groups.items()))
    seen: dict[str, int] = {}
    documents: list[tuple[str, Mapping[str, Any]]] = []
    for path in sorted(paths, key=lambda p: (Path(p).stem.casefold(), str(p))):
        path = Path(path)
        file = readable(path.name)  # a name that is not UTF-8 is shown with '�', never a crash
        try:
            doc = read_answers(path, label=file)
        except FileProblem as exc:  # too large, no regular file, damaged ...: listed, and the class goes on
            overview.skipped.append((file, str(exc)))
            continue
        name = readable(path.stem)
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:  # the same file name in two folders: keep both, told apart
            name = f"{name} ({seen[name]})"
        overview.students.append(_student(name, file, doc["answers"], course))
        # Of the answers only what the class parts read stays until every file is read (a class's files can be large).
        documents.append((name, {key: entry for key, entry in doc["answers"].items() if key in course.with_parts}))
    by_type: dict[str, list[Exercise]] = {}
    for exercise, _ in course.exercises:
        by_type.setdefault(exercise.type, []).append(exercise)
    for exercises in by_type.values():
        overview.parts += spec_of(exercises[0]).class_parts(exercises, documents)
    return overview
