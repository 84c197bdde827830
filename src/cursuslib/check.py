"""Checking a whole course folder for teachers: exercise files, notebooks and example answers (``cursus check``)."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content import ContentError, Lesson, load_course, load_lesson, parse_exercise, read_document
from .examples import run_examples
from .types import spec_of
from .types.ideas import idea_examples_problems

#: A notebook shows an exercise with this call (the same pattern the notebook tests use).
SHOW_CALL = re.compile(r"""show_exercise\(\s*["']([^"']+)["']\s*\)""")
#: The first code cell of every notebook: one visible setup line.
SETUP_START = "from cursuslib import"

# Where a ContentError points, after the file name: "..., oefening 'x' (nr. 2), veld 'y': message".
_LOCATION = re.compile(
    r"^(?:, (?P<line>regel \d+(?:, kolom \d+)?))?"
    r"(?:, oefening (?:'(?P<exercise>[^']*)'(?: \(nr\. \d+\))?|(?P<number>nr\. \d+)))?"
    r"(?:, (?P<part>eigenschap '[^']*'))?"
    r"(?:, veld '(?P<field>[^']+)')?"
    r": (?P<message>.+)$",
    re.DOTALL,
)


@dataclass(frozen=True)
class Problem:
    """One thing a teacher has to fix: where it is (file, exercise, field, place) and a Dutch message."""

    file: str
    exercise: str = ""
    field: str = ""
    message: str = ""
    #: Extra position when useful: "regel 3, kolom 5", "cel 4", "oefening nr. 2".
    place: str = ""

    def line(self) -> str:
        """Format as one Dutch line: ``exercises/02_x.yaml, oefening '02-y', veld 'z': ...``."""
        parts = [self.file]
        if self.exercise:
            parts.append(f"oefening '{self.exercise}'")
        if self.place:
            parts.append(self.place)
        if self.field:
            parts.append(f"veld '{self.field}'")
        return ", ".join(parts) + ": " + self.message


@dataclass
class CheckReport:
    """The outcome of checking a course: all problems, and what was checked."""

    problems: list[Problem] = field(default_factory=list)
    #: Things worth a look that do not stop the course (such as quiz options that give the answer away).
    warnings: list[Problem] = field(default_factory=list)
    files: int = 0
    exercises: int = 0
    notebooks: int = 0
    examples: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing needs fixing."""
        return not self.problems


def check_course(root: Path) -> list[Problem]:
    """Check every exercise file, every notebook and every example answer of the course in ``root``."""
    return inspect_course(root).problems


def inspect_course(root: Path) -> CheckReport:
    """Check the course in ``root`` and also count what was checked (for the summary line)."""
    root = root.resolve()
    report = CheckReport()
    if not _check_catalogues(report):
        return report  # every widget and example needs the texts: fix these first
    lessons, failed = _check_exercise_files(root, report)
    for lesson in lessons.values():
        for exercise in lesson.exercises:
            report.examples += len(exercise.examples)
            for failure in run_examples(exercise):
                report.problems.append(Problem(_relative(root, lesson.path), exercise.id, "examples", failure.message))
            spec = spec_of(exercise)
            for where, ideas in spec.key_idea_groups(exercise):
                report.examples += sum(len(idea.find) + len(idea.miss) for idea in ideas)
                for message in idea_examples_problems(ideas, where):
                    report.problems.append(Problem(_relative(root, lesson.path), exercise.id, "key_ideas", message))
            tried, failures = spec.content_tests(exercise)
            report.examples += tried
            for field_name, message in failures:
                report.problems.append(Problem(_relative(root, lesson.path), exercise.id, field_name, message))
        report.warnings += lesson_warnings(lesson, _relative(root, lesson.path))
    _check_notebooks(root, lessons, failed, report)
    return report


def lesson_warnings(lesson: Lesson, shown: str) -> list[Problem]:
    """The warnings each type gives about its exercises in one lesson (see ``ExerciseType.content_warnings``)."""
    by_type: dict[str, list[Any]] = {}
    for exercise in lesson.exercises:
        by_type.setdefault(exercise.type, []).append(exercise)
    found = []
    for exercises in by_type.values():
        warn = getattr(spec_of(exercises[0]), "content_warnings", None)
        for exercise_id, field_name, message in warn(exercises) if warn else ():
            found.append(Problem(shown, exercise_id, field_name, message))
    return found


def _check_catalogues(report: CheckReport) -> bool:
    """The widget texts (teksten/nl.yaml, en.yaml) load, match in keys and keep their placeholders.

    Returns False when a catalogue cannot be read at all (then nothing else can be checked).
    """
    from .messages import catalogue_problems

    readable = True
    for shown, key, message in catalogue_problems():
        report.problems.append(Problem(shown, place=f"tekst '{key}'" if key else "", message=message))
        readable = readable and bool(key)
    return readable


# --------------------------------------------------------------------------- exercise files
def _relative(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def problem_from_error(text: str, files: Mapping[str, str]) -> Problem:
    """Split a ContentError message into a Problem; ``files`` maps file names to how they are shown."""
    best: tuple[int, str, str] | None = None
    for name, shown in files.items():
        match = re.search(re.escape(name) + r"(?=[,:])", text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), shown, text[match.end():])
    if best is None:
        return Problem(next(iter(files.values()), ""), message=text)
    _, shown, rest = best
    match = _LOCATION.match(rest)
    if not match:
        return Problem(shown, message=rest.lstrip(":, "))
    place = ", ".join(p for p in (match["line"], f"oefening {match['number']}" if match["number"] else "",
                                  match["part"]) if p)
    return Problem(shown, match["exercise"] or "", match["field"] or "", match["message"], place)


def _exercise_items(path: Path) -> list[Any]:
    """The raw exercise blocks of a file whose YAML reads (with the loader's own checks), else []."""
    try:
        doc = read_document(path)
    except ContentError:
        return []
    items = doc.get("exercises") if isinstance(doc, dict) else None
    return items if isinstance(items, list) else []


def _file_problems(path: Path, shown: str, error: ContentError) -> list[Problem]:
    """All problems of one broken file: the loader's first one, then every exercise checked on its own."""
    files = {path.name: shown}
    found = [problem_from_error(str(error), files)]
    for number, item in enumerate(_exercise_items(path), start=1):
        try:
            parse_exercise(item, lesson=path.stem, source=shown, position=number)
        except ContentError as exc:
            found.append(problem_from_error(str(exc), files))
    return list(dict.fromkeys(found))


def _check_exercise_files(root: Path, report: CheckReport) -> tuple[dict[str, Lesson], set[str]]:
    """Load every exercise file on its own; return the good lessons and the lesson names that failed."""
    folder = root / "exercises"
    lessons: dict[str, Lesson] = {}
    failed: set[str] = set()
    if not folder.is_dir():
        report.problems.append(Problem("exercises/", message="de map met oefeningen ontbreekt."))
        return lessons, failed
    for path in sorted(folder.glob("*.yml")):
        report.problems.append(Problem(_relative(root, path), message="dit bestand wordt niet gelezen; "
                                       f"noem het '{path.stem}.yaml' (met de extensie .yaml)."))
    files = sorted(folder.glob("*.yaml"))
    report.files = len(files)
    if not files:
        report.problems.append(Problem("exercises/", message="er staan geen oefenbestanden (*.yaml) in deze map."))
    shown = {path.name: _relative(root, path) for path in files}
    owner: dict[str, str] = {}
    for path in files:
        try:
            lesson = load_lesson(path)
        except ContentError as exc:
            report.problems.extend(_file_problems(path, shown[path.name], exc))
            failed.add(path.stem)
            continue
        lessons[lesson.lesson] = lesson
        for exercise in lesson.exercises:
            if exercise.id in owner:
                report.problems.append(Problem(
                    shown[path.name], exercise.id, "id",
                    f"deze naam is al gebruikt in {owner[exercise.id]}; elke oefening in de cursus heeft een eigen id."))
            owner.setdefault(exercise.id, shown[path.name])
    report.exercises = sum(len(lesson.exercises) for lesson in lessons.values())
    if lessons and not report.problems:
        # References between files (compare_with, evidence) can only be checked when every file loads.
        try:
            load_course(folder)
        except ContentError as exc:
            report.problems.append(problem_from_error(str(exc), shown))
    return lessons, failed


# --------------------------------------------------------------------------- notebooks
def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _hidden(cell: Mapping[str, Any]) -> bool:
    jupyter = (cell.get("metadata") or {}).get("jupyter") or {}
    return bool(jupyter.get("source_hidden"))


def _numbers(numbers: Iterable[int]) -> str:
    """'3', '3 en 5' or '3, 5 en 8'."""
    items = [str(n) for n in numbers]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _twin_cells(path: Path) -> list[tuple[str, str, bool]]:
    """Cells as the notebook tests compare them: kind, source without outer blank lines, collapsed or not."""
    import jupytext

    notebook = jupytext.read(path)
    return [(c.cell_type, c.source.strip(), bool(c.metadata.get("jupyter", {}).get("source_hidden")))
            for c in notebook.cells]


def _check_twin(root: Path, path: Path, shown: str) -> Problem | None:
    """Compare a notebook with its MyST twin the way tests/test_notebooks.py does."""
    twin = path.with_suffix(".md")
    sync = f"`.venv/bin/jupytext --sync {shown}`"
    if not twin.is_file():
        return Problem(shown, message=f"de leesbare tweeling {_relative(root, twin)} ontbreekt; maak hem met {sync}.")
    try:
        import jupytext  # noqa: F401 - only to know whether the comparison can run
    except ImportError:
        return Problem(shown, message="de tweeling kan niet worden vergeleken: jupytext is niet geïnstalleerd "
                                      "(`pip install jupytext`).")
    try:
        ours, theirs = _twin_cells(path), _twin_cells(twin)
    except (OSError, ValueError) as exc:
        return Problem(shown, message=f"het notebook of de tweeling kan niet worden gelezen ({exc}).")
    if ours == theirs:
        return None
    first = next((n for n, (a, b) in enumerate(zip(ours, theirs, strict=False), start=1) if a != b),
                 min(len(ours), len(theirs)) + 1)
    return Problem(shown, message=f"de tweeling {_relative(root, twin)} wijkt af van het notebook (eerste verschil: "
                                  f"cel {first}); draai {sync}: jupytext neemt het laatst gewijzigde bestand als bron.")


def _check_notebooks(root: Path, lessons: Mapping[str, Lesson], failed: set[str], report: CheckReport) -> None:
    """Outputs, setup and collapsed cells, twins, and which exercises each notebook shows."""
    folder = root / "notebooks"
    if not folder.is_dir():
        report.problems.append(Problem("notebooks/", message="de map met notebooks ontbreekt."))
        return
    known = {e.id: lesson for lesson in lessons.values() for e in lesson.exercises}
    shown_at: dict[str, str] = {}
    paths = sorted(folder.glob("*.ipynb"))
    report.notebooks = len(paths)
    for path in paths:
        shown = _relative(root, path)
        try:
            notebook = json.loads(path.read_text(encoding="utf-8"))
            cells = [c for c in notebook["cells"] if isinstance(c, dict)]
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
            report.problems.append(Problem(shown, message="dit is geen leesbaar notebook (geen geldige JSON met "
                                                          "cellen); zet de laatste goede versie terug."))
            continue
        code = [(number, cell) for number, cell in enumerate(cells, start=1) if cell.get("cell_type") == "code"]
        with_output = [n for n, cell in code if cell.get("outputs") or cell.get("execution_count") is not None]
        if with_output:
            verb = "heeft" if len(with_output) == 1 else "hebben"
            report.problems.append(Problem(shown, message=f"cel {_numbers(with_output)} {verb} uitvoer; een notebook "
                                           "gaat zonder uitvoer de cursus in: wis die met `.venv/bin/jupyter nbconvert "
                                           f"--clear-output --inplace {shown}`."))
        if code:
            number, setup = code[0]
            if not _source(setup).strip().startswith(SETUP_START) or _hidden(setup):
                report.problems.append(Problem(shown, place=f"cel {number}", message="de eerste codecel hoort de "
                                               f"zichtbare opstartcel te zijn, die begint met '{SETUP_START}'."))
        for number, cell in code[1:]:
            ids = SHOW_CALL.findall(_source(cell))
            if not _hidden(cell):
                report.problems.append(Problem(shown, ids[0] if ids else "", place=f"cel {number}", message=(
                    "deze codecel is niet ingeklapt; klap hem in (klik op de balk links van de cel) zodat studenten "
                    "alleen de oefening zien.")))
        for number, cell in code:
            for exercise_id in SHOW_CALL.findall(_source(cell)):
                place = f"cel {number}"
                if exercise_id in shown_at:
                    report.problems.append(Problem(shown, exercise_id, place=place, message=(
                        f"deze oefening wordt al getoond in {shown_at[exercise_id]}; elke oefening staat precies "
                        "één keer in de cursus.")))
                    continue
                shown_at[exercise_id] = f"{shown} ({place})"
                lesson = known.get(exercise_id)
                if lesson is None:
                    if path.stem not in failed:
                        report.problems.append(Problem(shown, exercise_id, place=place,
                                                       message=_unknown(exercise_id, known)))
                elif not path.name.startswith(lesson.lesson):
                    report.problems.append(Problem(shown, exercise_id, place=place, message=(
                        f"deze oefening staat in {_relative(root, lesson.path)}; toon haar in het notebook van die "
                        f"les (notebooks/{lesson.lesson}.ipynb).")))
        twin = _check_twin(root, path, shown)
        if twin:
            report.problems.append(twin)
    for exercise_id, lesson in known.items():
        if exercise_id not in shown_at:
            report.problems.append(Problem(_relative(root, lesson.path), exercise_id, message=(
                f"geen notebook toont deze oefening; zet show_exercise(\"{exercise_id}\") in een ingeklapte cel van "
                f"notebooks/{lesson.lesson}.ipynb, of haal de oefening weg.")))


def _unknown(exercise_id: str, known: Mapping[str, Lesson]) -> str:
    close = difflib.get_close_matches(exercise_id, list(known), n=1)
    hint = f" Bedoel je '{close[0]}'?" if close else ""
    return f"deze oefening bestaat niet in exercises/; controleer de id in het notebook en in het oefenbestand.{hint}"
