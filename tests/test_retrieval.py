"""Retrieval questions (issue 18, point 4): lessons 02-05 open with 3 questions on earlier lessons, marked, counting for nothing.

A choice quiz with ``retrieval: true`` shows 'Herhaling' and may not be listed as evidence of a
self-assessment quality; each of lessons 02 to 05 shows three such quizzes right after its setup
cell, under a 'Herhaling' heading that says they count for nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jupytext
import pytest
import yaml

from cursuslib.cli import main
from cursuslib.content import ContentError, load_course, parse_exercise
from cursuslib.store import AnswerStore
from cursuslib.widgets import ChoiceQuiz

REPO = Path(__file__).resolve().parents[1]
CALL = re.compile(r"""show_exercise\(\s*["']([^"']+)["']\s*\)""")
LESSONS = ["02_klantcontact_eigenschappen", "03_ontevreden_klant", "04_klantenkamer", "05_behoeften_luisteren"]

QUIZ = """\
id: 09-herhaling
type: single_choice
title: Uit les 01
question: Welke vraag is open?
options:
  - {key: a, text: "Heeft u een website?", explanation: Ja of nee.}
  - {key: b, text: "Wat doet uw website?", explanation: Begint met wat.}
correct: b
"""


def quiz(extra: str = "") -> dict:
    return yaml.safe_load(QUIZ + extra)


def parse(extra: str = ""):
    return parse_exercise(quiz(extra), lesson="09_test", source="09_test.yaml", position=1)


# --------------------------------------------------------------------------- the field
@pytest.mark.parametrize(("extra", "expected"), [("", False), ("retrieval: true\n", True),
                                                 ("retrieval: false\n", False), ("retrieval:\n", False)])
def test_the_retrieval_field_is_a_yes_no_value(extra: str, expected: bool) -> None:
    assert parse(extra).data["retrieval"] is expected


@pytest.mark.parametrize("value", ['"ja"', "1", "[true]", '"true"'])
def test_a_wrong_retrieval_value_is_refused_in_dutch(value: str) -> None:
    with pytest.raises(ContentError) as info:
        parse(f"retrieval: {value}\n")
    message = str(info.value)
    assert "09_test.yaml" in message and "'09-herhaling'" in message and "'retrieval'" in message
    assert "verwacht true of false" in message


def test_the_editor_schema_knows_the_field() -> None:
    schema = json.loads((REPO / "exercises/oefeningen.schema.json").read_text(encoding="utf-8"))
    for kind in ("single_choice", "multiple_choice"):
        field = schema["definitions"][kind]["properties"]["retrieval"]
        assert field["type"] == ["boolean", "null"] and field["default"] is False and "Herhaling" in field["description"]


# --------------------------------------------------------------------------- the widget
def test_the_widget_marks_a_retrieval_question(answers_dir: Path) -> None:
    marked = ChoiceQuiz(parse("retrieval: true\n"), store=AnswerStore(answers_dir))
    first = re.sub(r"<[^>]+>", "", marked.children[0].value)  # above the title: what a student reads first
    assert first == "Herhaling: deze vraag gaat over een eerdere les en telt nergens voor mee."
    plain = ChoiceQuiz(parse(), store=AnswerStore(answers_dir / "ander"))
    assert not any("Herhaling" in (getattr(child, "value", "") or "") for child in plain.children)


def test_a_retrieval_question_works_as_any_quiz(answers_dir: Path) -> None:
    marked = ChoiceQuiz(parse("retrieval: true\n"), store=AnswerStore(answers_dir))
    marked.radio.value = "b"
    marked.check_button.click()
    assert "Goed gedaan" in marked.feedback.value


# --------------------------------------------------------------------------- cursus check
ASSESS = """\
schema_version: 1
lesson: 09_test
title: Test
exercises:
  - id: 09-herhaling
    type: single_choice
    retrieval: true
    title: Uit les 01
    question: Welke vraag is open?
    options:
      - {key: a, text: "Heeft u een website?", explanation: Ja of nee.}
      - {key: b, text: "Wat doet uw website?", explanation: Begint met wat.}
    correct: b
  - id: 09-zelf
    type: self_assessment
    title: Zelfbeoordeling
    moment: begin
    qualities:
      - key: vragen
        name: Open vragen stellen
        levels: [Nog niet, Soms, Vaak, Altijd]
        evidence: [09-herhaling]
"""


def test_a_retrieval_question_cannot_be_evidence(tmp_path: Path) -> None:
    (tmp_path / "09_test.yaml").write_text(ASSESS, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_course(tmp_path)
    message = str(info.value)
    assert message.endswith("09_test.yaml, oefening '09-zelf', eigenschap 'vragen', veld 'evidence': oefening "
                            "'09-herhaling' is een herhaalvraag (retrieval: true) en telt nergens voor mee, dus ook "
                            "niet als bewijs; kies een oefening die geen herhaalvraag is.")
    (tmp_path / "09_test.yaml").write_text(ASSESS.replace("    retrieval: true\n", ""), encoding="utf-8")
    assert len(load_course(tmp_path)["09_test"].exercises) == 2


def test_cursus_check_refuses_retrieval_as_evidence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "exercises").mkdir()
    (tmp_path / "exercises" / "09_test.yaml").write_text(ASSESS, encoding="utf-8")
    code = main(["check", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 1
    assert "oefening '09-zelf'" in out and "veld 'evidence'" in out and "herhaalvraag" in out


# --------------------------------------------------------------------------- the lessons
def opening(lesson: str) -> tuple[str, list[str]]:
    """The markdown right after the setup cell, and the exercise ids of the code cells that follow it."""
    cells = jupytext.read(REPO / "notebooks" / f"{lesson}.md").cells
    setup = next(i for i, cell in enumerate(cells) if cell.cell_type == "code")
    heading = cells[setup + 1]
    ids = []
    for cell in cells[setup + 2:]:
        if cell.cell_type != "code":
            break
        ids += CALL.findall(cell.source)
    return heading.source if heading.cell_type == "markdown" else "", ids


@pytest.mark.parametrize("lesson", LESSONS)
def test_each_lesson_opens_with_three_retrieval_questions(lesson: str) -> None:
    """Right after the setup cell: the 'Herhaling' heading, one sentence that it counts for nothing, 3 quizzes."""
    heading, ids = opening(lesson)
    assert heading.startswith("## Herhaling: weet je het nog?"), heading[:80]
    assert "tellen nergens voor mee" in heading
    by_id = {e.id: e for e in load_course(REPO / "exercises")[lesson].exercises}
    assert len(ids) == 3, ids
    for exercise_id in ids:
        exercise = by_id[exercise_id]
        assert exercise.type in ("single_choice", "multiple_choice") and exercise.data["retrieval"] is True
    numbers = {int(n) for exercise_id in ids for n in re.findall(r"\b(\d\d)\b", by_id[exercise_id].title)}
    assert numbers and all(0 < n < int(lesson[:2]) for n in numbers), numbers  # about earlier lessons only
    assert len(numbers) >= min(2, int(lesson[:2]) - 1), numbers  # from lesson 03 on: more than one lesson

def test_lesson_05_brings_back_every_earlier_lesson() -> None:
    """Spaced: the last lesson asks about lesson 01, 02, 03 and 04, not only about the one before it."""
    _, ids = opening("05_behoeften_luisteren")
    by_id = {e.id: e for e in load_course(REPO / "exercises")["05_behoeften_luisteren"].exercises}
    mentioned = {n for i in ids for n in re.findall(r"\d\d", by_id[i].title)}
    assert {"01", "02", "03", "04"} <= mentioned, mentioned


def test_retrieval_questions_are_only_at_the_start_and_never_evidence() -> None:
    course = load_course(REPO / "exercises")
    retrieval = {e.id for lesson in course.values() for e in lesson.exercises if e.data.get("retrieval")}
    assert len(retrieval) == 12
    assert {e for lesson in LESSONS for e in opening(lesson)[1]} == retrieval
    evidence = {ref for lesson in course.values() for e in lesson.exercises if e.type == "self_assessment"
                for quality in e.data.get("qualities") or () for ref in quality.evidence}
    assert not evidence & retrieval


def test_the_right_answer_is_not_given_away_by_position_or_length() -> None:
    """Within the retrieval questions the right answer moves around and is never the longest option."""
    course = load_course(REPO / "exercises")
    quizzes = [e for lesson in course.values() for e in lesson.exercises if e.data.get("retrieval")]
    positions = []
    for exercise in quizzes:
        options = exercise.data["options"]
        longest = max(len(option.text) for option in options)
        right = exercise.data["correct"]
        assert all(len(o.text) < longest for o in options if o.key in right), exercise.id
        positions += [i for i, o in enumerate(options) if o.key in right]
        assert all(o.explanation for o in options)
    counts = {p: positions.count(p) for p in set(positions)}
    assert len(counts) >= 4 and max(counts.values()) <= len(positions) // 2, counts


def test_the_notebook_cells_are_collapsed() -> None:
    for lesson in LESSONS:
        cells = jupytext.read(REPO / "notebooks" / f"{lesson}.md").cells
        for cell in cells:
            if "herhaling-" in cell.source and cell.cell_type == "code":
                assert cell.metadata.get("jupyter", {}).get("source_hidden") is True

