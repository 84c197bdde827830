"""The teaching notes (docs/lessen.md) keep what a teacher needs: per lesson the goals, the time and a classroom
plan that fits that time, opening with the lesson's retrieval questions when it has them; a rubric whose criteria
each have the self-assessment's levels and name a quality that exists; exercise ids and observer behaviours that
exist; links that resolve.

Every check is a function that returns its problems, so each test also shows, on a damaged copy of the notes,
that the check notices what a teacher would miss."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from cursuslib.content import Exercise, load_course
from cursuslib.types.self_assessment import LEVEL_COUNT

REPO = Path(__file__).resolve().parents[1]
NOTES = REPO / "docs" / "lessen.md"
#: The ways of working a lesson plan may name.
WAYS_OF_WORKING = ("Klassikaal", "Individueel", "Tweetallen", "Klassengesprek", "Rollenspel")
#: An exercise id as the notes write it: two digits, a dash, then words joined by dashes (01-quiz-open-vraag).
EXERCISE_ID = re.compile(r"(?<![\w-])(\d{2}-[a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?![\w-])")
TIME = re.compile(r"(\d+) tot (\d+) minuten")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
QUALITY = re.compile(r"Past bij eigenschap: \*\*([^*]+)\*\* \(`([a-z_]+)`\)")


# --------------------------------------------------------------------------- reading the notes
def sections(text: str, level: int) -> dict[str, str]:
    """The body under every heading of ``level`` (## is 2), up to the next heading of that level or higher."""
    marks = "#" * level
    found: dict[str, str] = {}
    parts = re.split(rf"^({marks} .+)$", text, flags=re.MULTILINE)
    for heading, body in zip(parts[1::2], parts[2::2], strict=True):
        found[heading[level + 1:].strip()] = re.split(rf"^#{{1,{level}}} ", body, flags=re.MULTILINE)[0]
    return found


def table_rows(body: str) -> list[list[str]]:
    """The rows of the first Markdown table in ``body``, without the header and the dashes line."""
    lines = [line for line in body.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split("|")] for line in lines[2:]]


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped (letters like é stay), spaces to dashes."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(markdown: str) -> set[str]:
    """The anchors of all headings in a Markdown text (a '#' line inside a code block is no heading)."""
    prose = re.sub(r"^```.*?^```", "", markdown, flags=re.MULTILINE | re.DOTALL)
    return {slug(line.lstrip("#")) for line in prose.splitlines() if re.match(r"#{1,6} ", line)}


@pytest.fixture(scope="module")
def notes() -> str:
    return NOTES.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def course() -> dict[str, Exercise]:
    return {exercise.id: exercise for lesson in load_course(REPO / "exercises").values()
            for exercise in lesson.exercises}


def lessons() -> list[str]:
    """Every lesson a student opens, from the notebooks folder (so a new lesson needs its notes)."""
    return sorted(path.stem for path in (REPO / "notebooks").glob("*.md"))


# --------------------------------------------------------------------------- the checks
def lesson_problems(text: str, stems: Iterable[str]) -> list[str]:
    """Per lesson: one section, with goals, a time range and a plan of ways of working whose minutes fit it."""
    problems = []
    chapters = sections(text, 2)
    for stem in stems:
        matching = [body for heading, body in chapters.items() if f"`{stem}`" in heading]
        if len(matching) != 1:
            problems.append(f"{stem}: {len(matching)} sections with `{stem}` in the heading, expected 1")
            continue
        parts = sections(matching[0], 3)
        goals = [line for line in parts.get("Leerdoelen", "").splitlines() if line.startswith("- ")]
        if len(goals) < 2:
            problems.append(f"{stem}: 'Leerdoelen' lists {len(goals)} goals, expected at least 2")
        time = TIME.search(parts.get("Tijd (schatting)", ""))
        if not time or int(time[1]) > int(time[2]):
            problems.append(f"{stem}: 'Tijd (schatting)' has no range like '15 tot 20 minuten'")
        rows = table_rows(parts.get("Lesplan", ""))
        if not rows:
            problems.append(f"{stem}: 'Lesplan' has no table")
        for row in rows:
            if len(row) < 3 or not row[0].isdigit() or row[1] not in WAYS_OF_WORKING or not row[2]:
                problems.append(f"{stem}: plan row {row} is not 'minutes | one of {WAYS_OF_WORKING} | what'")
        total = sum(int(row[0]) for row in rows if row and row[0].isdigit())
        if time and rows and not int(time[1]) <= total <= int(time[2]):
            problems.append(f"{stem}: the plan takes {total} minutes, the time says {time[0]}")
    return problems


def retrieval_problems(text: str, stems: Iterable[str]) -> list[str]:
    """Per lesson with retrieval questions: its plan opens with them ('Herhaling'), about 5 minutes (3 to 10) in all."""
    problems = []
    chapters = sections(text, 2)
    for stem in stems:
        body = next((body for heading, body in chapters.items() if f"`{stem}`" in heading), "")
        rows = table_rows(sections(body, 3).get("Lesplan", ""))
        about = [row for row in rows if len(row) >= 3 and row[0].isdigit() and re.search(r"herhaa?l", row[2], re.I)]
        if not about or rows[0] is not about[0]:
            problems.append(f"{stem}: the plan does not open with the retrieval questions ('Herhaling')")
        elif not 3 <= sum(int(row[0]) for row in about) <= 10:
            problems.append(f"{stem}: the retrieval questions take {sum(int(row[0]) for row in about)} minutes in the "
                            "plan, expected about 5 (3 to 10)")
    return problems


def rubric_problems(text: str, qualities: Mapping[str, str]) -> list[str]:
    """Every rubric criterion names a self-assessment quality (key and name) and has its levels 1..LEVEL_COUNT."""
    chapter = next((body for heading, body in sections(text, 2).items() if heading.startswith("Rubric")), "")
    criteria = {heading: body for heading, body in sections(chapter, 3).items() if heading.startswith("Criterium")}
    problems = [] if len(criteria) >= 4 else [f"the rubric has {len(criteria)} criteria, expected at least 4"]
    for heading, body in criteria.items():
        named = QUALITY.search(body)
        if not named:
            problems.append(f"{heading}: no line 'Past bij eigenschap: **name** (`key`)'")
        elif named[2] not in qualities:
            problems.append(f"{heading}: quality '{named[2]}' is not in the self-assessment ({', '.join(qualities)})")
        elif qualities[named[2]] != named[1]:
            problems.append(f"{heading}: quality '{named[2]}' is called '{qualities[named[2]]}', not '{named[1]}'")
        rows = table_rows(body)
        if [row[0] for row in rows] != [str(level) for level in range(1, LEVEL_COUNT + 1)]:
            problems.append(f"{heading}: levels {[row[0] for row in rows]}, expected 1 to {LEVEL_COUNT}")
        problems += [f"{heading}: level {row[0]} has no behaviour" for row in rows if len(row) < 2 or not row[1]]
    return problems


def unknown_ids(text: str, known: Iterable[str]) -> list[str]:
    """Exercise ids the notes name that the course does not have (a renamed or removed exercise)."""
    return sorted(set(EXERCISE_ID.findall(text)) - set(known))


def broken_links(path: Path, text: str) -> list[str]:
    """Relative links in ``text`` (a file at ``path``) whose file or heading does not exist."""
    problems = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue
        file_part, _, anchor = target.partition("#")
        file = (path.parent / file_part).resolve() if file_part else path
        if not file.is_file():
            problems.append(f"{path.name}: {target}: no such file")
        elif anchor and anchor not in anchors(file.read_text(encoding="utf-8")):
            problems.append(f"{path.name}: {target}: no heading with anchor '{anchor}' in {file.name}")
    return problems


# --------------------------------------------------------------------------- the tests
def test_every_lesson_has_goals_time_and_a_plan_that_fits_the_time(notes: str) -> None:
    stems = lessons()
    assert "00_welkom" in stems and "99_portfolio" in stems
    assert lesson_problems(notes, stems) == []


def test_a_lesson_without_notes_or_with_a_plan_too_long_is_caught(notes: str) -> None:
    assert lesson_problems(notes, ["06_nieuwe_les"]) == ["06_nieuwe_les: 0 sections with `06_nieuwe_les` in the "
                                                         "heading, expected 1"]
    longer = notes.replace("| 3 | Klassikaal | Open les 00", "| 30 | Klassikaal | Open les 00", 1)
    assert lesson_problems(longer, ["00_welkom"]) == ["00_welkom: the plan takes 45 minutes, the time says "
                                                      "15 tot 20 minuten"]
    no_time = notes.replace("**15 tot 20 minuten**", "een kwartier", 1)
    assert lesson_problems(no_time, ["00_welkom"]) == ["00_welkom: 'Tijd (schatting)' has no range like "
                                                       "'15 tot 20 minuten'"]


def test_every_lesson_with_retrieval_questions_opens_its_plan_with_them(notes: str,
                                                                       course: dict[str, Exercise]) -> None:
    stems = sorted({exercise.lesson for exercise in course.values() if exercise.data.get("retrieval")})
    assert stems == ["02_klantcontact_eigenschappen", "03_ontevreden_klant", "04_klantenkamer",
                     "05_behoeften_luisteren"]
    assert retrieval_problems(notes, stems) == []
    # a plan without the retrieval rows, or with far too little time for them, is caught
    without = re.sub(r"^\| \d+ \| \w+ \| [^|\n]*[Hh]erhaa?l[^\n]*\n", "", notes, flags=re.MULTILINE)
    assert retrieval_problems(without, stems) == [f"{stem}: the plan does not open with the retrieval questions "
                                                  "('Herhaling')" for stem in stems]
    rushed = re.sub(r"^\| 3 (\| Individueel \| .*Herhaling)", r"| 0 \1", notes, flags=re.MULTILINE)
    assert retrieval_problems(rushed, stems) == [f"{stem}: the retrieval questions take 2 minutes in the plan, "
                                                 "expected about 5 (3 to 10)" for stem in stems]


def test_the_rubric_has_the_self_assessment_levels_and_qualities(notes: str, course: dict[str, Exercise]) -> None:
    begin = [exercise for exercise in course.values()
             if exercise.type == "self_assessment" and exercise.data["moment"] == "begin"]
    assert begin, "the course has a self-assessment at the start"
    qualities = {quality.key: quality.name for exercise in begin for quality in exercise.data["qualities"]}
    assert rubric_problems(notes, qualities) == []
    # a quality renamed in the self-assessment, and a level left out, are caught
    renamed = {**qualities, "luisteren": "Luister goed"}
    assert rubric_problems(notes, renamed) == ["Criterium 2: luisteren en doorvragen: quality 'luisteren' is "
                                               "called 'Luister goed', not 'Luister actief'"]
    three_levels = re.sub(r"^\| 4 \| De student stelt open vragen, laat stiltes.*\n", "", notes, flags=re.MULTILINE)
    assert rubric_problems(three_levels, qualities) == ["Criterium 2: luisteren en doorvragen: levels "
                                                        "['1', '2', '3'], expected 1 to 4"]


def test_every_exercise_id_in_the_notes_exists(notes: str, course: dict[str, Exercise]) -> None:
    named = set(EXERCISE_ID.findall(notes))
    assert len(named) >= 30, "the notes point at the exercises where a teacher sees each goal"
    assert unknown_ids(notes, course) == []
    assert unknown_ids(notes.replace("`01-intake`", "`01-intake-fatima`"), course) == ["01-intake-fatima"]


def test_the_notes_explain_every_intake_observer_list_and_self_assessment(notes: str,
                                                                          course: dict[str, Exercise]) -> None:
    explained = set(EXERCISE_ID.findall(notes))
    needing_notes = [exercise.id for exercise in course.values()
                     if exercise.type in ("intake", "observer", "self_assessment")]
    assert len(needing_notes) >= 6
    assert [exercise_id for exercise_id in needing_notes if exercise_id not in explained] == []


def test_every_behaviour_on_the_observer_list_is_explained_with_its_kind(notes: str,
                                                                          course: dict[str, Exercise]) -> None:
    rows = {row[0]: row for row in table_rows(sections(notes, 2)["Het rollenspel met de observatielijst"])}
    for exercise in course.values():
        if exercise.type == "observer":
            for behaviour in exercise.data["behaviours"]:
                assert behaviour.name in rows, f"{exercise.id}: '{behaviour.name}' is not in the notes' table"
                assert rows[behaviour.name][1] == behaviour.kind, behaviour.name


def test_links_to_and_from_the_notes_resolve(notes: str) -> None:
    readme, guide = REPO / "README.md", REPO / "docs" / "docent.md"
    assert "docs/lessen.md" in LINK.findall(readme.read_text(encoding="utf-8"))
    assert "lessen.md" in LINK.findall(guide.read_text(encoding="utf-8"))
    for path in (readme, guide, NOTES):
        assert broken_links(path, path.read_text(encoding="utf-8")) == [], path.name
    assert broken_links(NOTES, "[x](docent.md#bestaat-niet) [y](les.md)") == [
        "lessen.md: docent.md#bestaat-niet: no heading with anchor 'bestaat-niet' in docent.md",
        "lessen.md: les.md: no such file"]
