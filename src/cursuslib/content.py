"""Loading and validating exercise files (``exercises/<lesson>.yaml``, schema version 1).

The fields every exercise has are declared below; each exercise type declares its own fields
in its module (:mod:`cursuslib.types`) and registers itself (:mod:`cursuslib.registry`). Every
mistake becomes a :class:`ContentError` whose Dutch message names the file, the exercise (id or
position), the field and what is allowed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import paths, registry
from .schema import ID_PATTERN, Field, FieldError, describe, optional_text, records, text

#: The schema version this code reads; files carry it as ``schema_version``.
SCHEMA_VERSION = 1


class ContentError(Exception):
    """A mistake in an exercise file; ``str(error)`` is the Dutch message for the teacher."""


# --------------------------------------------------------------------------- model
@dataclass(frozen=True)
class Example:
    """An example answer with the verdict the automatic feedback must give (a content test, see ``cursus check``)."""

    answer: str
    expect: str


@dataclass(frozen=True)
class Exercise:
    """An exercise as loaded from a file: common fields plus the type's own ``data``."""

    id: str
    type: str
    title: str
    instruction: str
    lesson: str
    source: str
    data: Mapping[str, Any]
    examples: tuple[Example, ...] = ()
    #: Overrides of this exercise's widget texts (keys from teksten/nl.yaml), see :mod:`cursuslib.messages`.
    texts: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Lesson:
    """One exercise file: its lesson name, title and exercises in file order."""

    lesson: str
    title: str
    path: Path
    exercises: tuple[Exercise, ...]


# --------------------------------------------------------------------------- common fields
def _texts(value: Any, _: Mapping[str, Any]) -> Mapping[str, Any]:
    from .messages import CatalogueError, check_overrides

    try:
        return MappingProxyType(check_overrides(value))
    except (ValueError, CatalogueError) as exc:
        raise FieldError(str(exc)) from None


def example_types() -> list[str]:
    """The types whose feedback ``examples`` can test (they have verdicts and can build a state from an answer)."""
    return [name for name, spec in registry.types().items() if spec.verdicts and spec.testable]


def _examples(value: Any, ctx: Mapping[str, Any]) -> tuple[Example, ...]:
    if value is None:
        return ()
    kind = ctx.get("type")
    spec = registry.get(kind) if isinstance(kind, str) else None
    if spec is None or not spec.verdicts or not spec.testable:
        raise FieldError(f"type {kind} heeft geen automatische feedback om te testen; voorbeelden kunnen bij: "
                         f"{', '.join(example_types())}")
    verdicts = tuple(spec.verdicts)

    def expect(verdict: Any, _: Mapping[str, Any]) -> str:
        if verdict not in verdicts:
            raise FieldError(f"{describe(verdict)} is niet toegestaan bij type {kind}; kies uit: {', '.join(verdicts)}")
        return verdict

    rows = records(value, what="voorbeeld", plural="voorbeelden", fields={"answer": text, "expect": expect}, minimum=1)
    return tuple(Example(**row) for row in rows)


COMMON_FIELDS: tuple[Field, ...] = (
    Field("id", "vaste, unieke naam van de oefening: kleine letters, cijfers en streepjes", text),
    Field("type", "soort oefening", text),
    Field("title", "titel boven de oefening", text),
    Field("instruction", "korte opdracht voor de student", optional_text, required=False),
    Field("examples", "voorbeeldantwoorden met de feedback die ze moeten krijgen, elk met answer en expect "
          "(getest door 'cursus check')", _examples, required=False),
    Field("texts", "eigen teksten voor deze oefening (knoppen, feedback), met sleutels uit "
          "src/cursuslib/teksten/nl.yaml", _texts, required=False, default={}),
)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- loading
def parse_exercise(item: Any, *, lesson: str, source: str, position: int) -> Exercise:
    """Validate one exercise mapping from a file and return it."""
    where = f"{source}, oefening nr. {position}"
    if not isinstance(item, dict):
        raise ContentError(f"{where}: verwacht een blok met velden zoals 'id:' en 'type:' (niet {describe(item)}).")
    raw_id = item.get("id")
    if isinstance(raw_id, str) and raw_id.strip():
        where = f"{source}, oefening '{raw_id}' (nr. {position})"
    if "id" not in item:
        raise ContentError(f"{where}: het veld 'id' ontbreekt. Geef elke oefening een vaste naam, zoals '01-quiz-lsd'.")
    if not isinstance(raw_id, str) or not ID_PATTERN.match(raw_id):
        raise ContentError(
            f"{where}, veld 'id': {describe(raw_id)} is niet toegestaan; gebruik kleine letters, cijfers en streepjes, zoals '01-quiz-lsd'."
        )
    kind = item.get("type")
    spec = registry.get(kind) if isinstance(kind, str) else None
    if spec is None:
        what = "ontbreekt" if kind is None else f"{describe(kind)} is onbekend"
        raise ContentError(f"{where}, veld 'type': {what}; toegestaan: {', '.join(registry.names())}.")
    fields = (*COMMON_FIELDS, *spec.fields)
    known = {f.name for f in fields}
    unknown = sorted(str(key) for key in item if key not in known)
    if unknown:
        raise ContentError(
            f"{where}: onbekend veld '{unknown[0]}' voor type {kind}; toegestaan: {', '.join(sorted(known))}."
        )
    values: dict[str, Any] = {}
    for spec in fields:
        if spec.name not in item:
            if spec.required:
                raise ContentError(f"{where}: het veld '{spec.name}' ontbreekt ({spec.description}).")
            try:
                values[spec.name] = spec.check(spec.default, values)
            except FieldError as exc:
                raise ContentError(f"{where}, veld '{spec.name}': {exc}.") from None
            continue
        try:
            values[spec.name] = spec.check(item[spec.name], values)
        except FieldError as exc:
            raise ContentError(f"{where}, veld '{spec.name}': {exc}.") from None
    common = {name: values.pop(name) for name in ("id", "type", "title", "instruction", "examples", "texts")}
    return Exercise(**common, lesson=lesson, source=source, data=values)


def load_lesson(path: Path) -> Lesson:
    """Load and validate one exercise file."""
    source = _display(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(f"{source}: het bestand is geen UTF-8-tekst; sla het op als UTF-8.") from None
    except OSError as exc:
        raise ContentError(f"{source}: het bestand kan niet worden gelezen ({exc.strerror}).") from None
    import yaml  # imported here: loading files is rare, importing cursuslib is not

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present; both load safely
    try:
        doc = yaml.load(raw, Loader=loader)  # noqa: S506 - a safe loader is chosen above
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        place = f", regel {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        problem = exc.problem or "onbekende fout"
        raise ContentError(
            f"{source}{place}: de YAML-opbouw klopt niet ({problem}). "
            "Controleer de inspringing, de dubbele punten en de aanhalingstekens."
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{source}: de YAML-opbouw klopt niet ({exc}).") from None
    if not isinstance(doc, dict):
        raise ContentError(f"{source}: verwacht bovenaan 'schema_version', 'lesson', 'title' en 'exercises'.")
    allowed_top = {"schema_version", "lesson", "title", "exercises"}
    unknown = sorted(str(key) for key in doc if key not in allowed_top)
    if unknown:
        raise ContentError(f"{source}: onbekend veld '{unknown[0]}' bovenaan; toegestaan: {', '.join(sorted(allowed_top))}.")
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ContentError(
            f"{source}, veld 'schema_version': {describe(version)} wordt niet ondersteund; toegestaan: {SCHEMA_VERSION}."
        )
    lesson = doc.get("lesson")
    if lesson != path.stem:
        raise ContentError(f"{source}, veld 'lesson': verwacht '{path.stem}' (de bestandsnaam zonder .yaml), niet {describe(lesson)}.")
    try:
        title = text(doc.get("title"))
    except FieldError as exc:
        raise ContentError(f"{source}, veld 'title': {exc}.") from None
    items = doc.get("exercises")
    if not isinstance(items, list) or not items:
        raise ContentError(f"{source}, veld 'exercises': verwacht een lijst met minstens één oefening (niet {describe(items)}).")
    exercises = tuple(
        parse_exercise(item, lesson=lesson, source=source, position=number)
        for number, item in enumerate(items, start=1)
    )
    seen: dict[str, int] = {}
    for number, exercise in enumerate(exercises, start=1):
        if exercise.id in seen:
            raise ContentError(
                f"{source}, oefening '{exercise.id}' (nr. {number}), veld 'id': deze naam is al gebruikt "
                f"door oefening nr. {seen[exercise.id]}; elke oefening heeft een eigen id."
            )
        seen[exercise.id] = number
    return Lesson(lesson=lesson, title=title, path=path, exercises=exercises)


_course_cache: dict[Path, tuple[tuple[tuple[str, int, int], ...], dict[str, Lesson]]] = {}


def load_course(folder: Path | None = None) -> dict[str, Lesson]:
    """Load every ``*.yaml`` file in ``folder`` (default: the course's exercises) and check ids are unique.

    The result is cached until a file in the folder is added, removed or changed, so a
    notebook with many exercises parses its files once and a teacher's edit shows up at once.
    """
    folder = folder or paths.exercises_dir()
    if not folder.is_dir():
        raise ContentError(f"De map met oefeningen ({folder}) bestaat niet.")
    files = sorted(folder.glob("*.yaml"))
    signature = tuple((p.name, (st := p.stat()).st_mtime_ns, st.st_size) for p in files)
    cached = _course_cache.get(folder.resolve())
    if cached and cached[0] == signature:
        return dict(cached[1])
    lessons = _load_files(files)
    _check_references(lessons)
    _course_cache[folder.resolve()] = (signature, lessons)
    return dict(lessons)


def _check_references(lessons: Mapping[str, Lesson]) -> None:
    """Let every type check its references to other exercises (such as compare_with and evidence)."""
    by_id = {e.id: e for lesson in lessons.values() for e in lesson.exercises}
    for exercise in by_id.values():
        problem = registry.get(exercise.type).check_references(exercise, by_id)
        if problem:
            raise ContentError(f"{exercise.source}, oefening '{exercise.id}', {problem}")


def _load_files(files: list[Path]) -> dict[str, Lesson]:
    lessons: dict[str, Lesson] = {}
    owner: dict[str, str] = {}
    for path in files:
        lesson = load_lesson(path)
        for exercise in lesson.exercises:
            if exercise.id in owner:
                raise ContentError(
                    f"{exercise.source}, oefening '{exercise.id}', veld 'id': deze naam is al gebruikt in "
                    f"{owner[exercise.id]}; elke oefening in de cursus heeft een eigen id."
                )
            owner[exercise.id] = exercise.source
        lessons[lesson.lesson] = lesson
    return lessons


def find_exercise(exercise_id: str, folder: Path | None = None) -> Exercise:
    """Return the exercise with ``exercise_id`` from the course's files."""
    for lesson in load_course(folder).values():
        for exercise in lesson.exercises:
            if exercise.id == exercise_id:
                return exercise
    raise ContentError(
        f"Oefening '{exercise_id}' staat in geen enkel bestand in {folder or paths.exercises_dir()}. "
        "Controleer de naam (id) in het notebook en in het oefenbestand."
    )
