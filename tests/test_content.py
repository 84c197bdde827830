"""The exercise schema: every teacher mistake gives one Dutch message naming file, exercise and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cursuslib.content import ContentError, load_course, load_lesson

REPO = Path(__file__).resolve().parents[1]

GOOD = """\
schema_version: 1
lesson: 09_test
title: Test
exercises:
  - id: 09-quiz
    type: single_choice
    title: Een vraag
    question: Welke vraag is open?
    options:
      - {key: a, text: "Heeft u een website?", explanation: Ja of nee.}
      - {key: b, text: "Wat doet uw website?", explanation: Begint met wat.}
    correct: b
"""


def write(tmp_path: Path, text: str, name: str = "09_test.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    with pytest.raises(ContentError) as info:
        load_lesson(write(tmp_path, text))
    message = str(info.value)
    assert "09_test.yaml" in message and "Traceback" not in message
    return message


def test_good_file_loads(tmp_path: Path) -> None:
    lesson = load_lesson(write(tmp_path, GOOD))
    (exercise,) = lesson.exercises
    assert exercise.id == "09-quiz" and exercise.data["correct"] == {"b"}
    assert [o.key for o in exercise.data["options"]] == ["a", "b"]


def test_unknown_type_names_exercise_field_and_allowed(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD.replace("type: single_choice", "type: meerkeuze"))
    assert "'09-quiz'" in message and "'type'" in message and "'meerkeuze' is onbekend" in message
    assert "single_choice" in message and "multiple_choice" in message and "reflection" in message


def test_missing_field(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD.replace("    question: Welke vraag is open?\n", ""))
    assert "'09-quiz'" in message and "'question' ontbreekt" in message


def test_missing_id_names_the_position(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD.replace("  - id: 09-quiz\n    type", "  - type"))
    assert "oefening nr. 1" in message and "'id' ontbreekt" in message


def test_duplicate_id_in_one_file(tmp_path: Path) -> None:
    second = GOOD.split("exercises:\n")[1]
    message = error_for(tmp_path, GOOD + second)
    assert "'09-quiz' (nr. 2)" in message and "al gebruikt" in message and "nr. 1" in message


def test_duplicate_id_across_files(tmp_path: Path) -> None:
    write(tmp_path, GOOD)
    write(tmp_path, GOOD.replace("09_test", "10_test"), "10_test.yaml")
    with pytest.raises(ContentError, match=r"10_test.yaml.*'09-quiz'.*al gebruikt in .*09_test.yaml"):
        load_course(tmp_path)


def test_wrong_value_type(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD.replace("question: Welke vraag is open?", "question: [een, lijst]"))
    assert "veld 'question'" in message and "tekst" in message and "een lijst" in message


def test_unknown_option_marked_correct(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD.replace("correct: b", "correct: d"))
    assert "veld 'correct'" in message and "'d' is geen optie" in message and "kies uit: a, b" in message


def test_multiple_choice_needs_a_list(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD.replace("single_choice", "multiple_choice"))
    assert "veld 'correct'" in message and "lijst" in message


def test_bad_yaml_syntax_names_line(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD.replace("    title: Een vraag", "    title: Een: vraag: [kapot"))
    assert "regel 7" in message and "YAML" in message


def test_unknown_field_is_named(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD.replace("    correct: b", "    correct: b\n    corect: a"))
    assert "onbekend veld 'corect'" in message and "correct" in message


def test_sort_answer_must_be_doen_or_niet_doen(tmp_path: Path) -> None:
    text = """\
    schema_version: 1
    lesson: 09_test
    title: T
    exercises:
      - id: 09-sort
        type: sort
        title: Sorteer
        statements:
          - {text: Knikken, answer: doen, explanation: Je laat zien dat je luistert.}
          - {text: Kauwgom, answer: misschien, explanation: Slordig.}
    """
    message = error_for(tmp_path, text)
    assert "'09-sort'" in message and "uitspraak 2" in message and "'misschien'" in message and "niet_doen" in message


def test_reflection_unknown_step(tmp_path: Path) -> None:
    text = """\
    schema_version: 1
    lesson: 09_test
    title: T
    exercises:
      - id: 09-refl
        type: reflection
        title: Reflectie
        prompts: {situatie: "Wat gebeurde er?", gevoel: "Wat voelde je?"}
    """
    message = error_for(tmp_path, text)
    assert "veld 'prompts'" in message and "'gevoel'" in message and "transfer" in message


def test_schema_version_is_required(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD.replace("schema_version: 1", "schema_version: 2"))
    assert "schema_version" in message and "toegestaan: 1" in message


def test_only_safe_yaml_loading(tmp_path: Path) -> None:
    message = error_for(tmp_path, GOOD.replace("title: Test", "title: !!python/object/apply:os.system ['echo x']"))
    assert "YAML" in message


def test_every_course_file_is_valid() -> None:
    lessons = load_course(REPO / "exercises")
    assert lessons, "the course has exercise files"
    for lesson in lessons.values():
        assert lesson.exercises


def test_a_teachers_edit_is_picked_up_without_restart(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    assert load_course(tmp_path)["09_test"].exercises[0].title == "Een vraag"
    path.write_text(GOOD.replace("title: Een vraag", "title: Een andere vraag"), encoding="utf-8")
    assert load_course(tmp_path)["09_test"].exercises[0].title == "Een andere vraag"
    path.write_text(GOOD.replace("correct: b", "correct: x"), encoding="utf-8")
    with pytest.raises(ContentError, match="'x' is geen optie"):
        load_course(tmp_path)


ASSESS = """\
schema_version: 1
lesson: 09_test
title: Test
exercises:
  - id: 09-quiz
    type: single_choice
    title: Een vraag
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
        evidence: [09-quiz]
  - id: 09-zelf-eind
    type: self_assessment
    title: Zelfbeoordeling eind
    moment: eind
    compare_with: 09-zelf
"""


def test_references_between_exercises_are_checked(tmp_path: Path) -> None:
    write(tmp_path, ASSESS)
    assert len(load_course(tmp_path)["09_test"].exercises) == 3
    write(tmp_path, ASSESS.replace("compare_with: 09-zelf", "compare_with: 09-quiz"))
    with pytest.raises(ContentError, match=r"'09-zelf-eind', veld 'compare_with': '09-quiz' is geen zelfbeoordeling.*kies uit: 09-zelf"):
        load_course(tmp_path)
    write(tmp_path, ASSESS.replace("evidence: [09-quiz]", "evidence: [09-bestaat-niet]"))
    with pytest.raises(ContentError, match=r"eigenschap 'vragen', veld 'evidence': oefening '09-bestaat-niet' bestaat niet"):
        load_course(tmp_path)
    write(tmp_path, ASSESS.replace("evidence: [09-quiz]", "evidence: [09-zelf-eind]"))
    with pytest.raises(ContentError, match=r"van type self_assessment, dat geen bewijs geeft"):
        load_course(tmp_path)
