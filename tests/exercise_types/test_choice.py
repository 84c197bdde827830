"""Choice quizzes as data: the per-student order, the first attempt, the balance warnings and the real quizzes."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cursuslib.check import lesson_warnings
from cursuslib.content import Exercise, load_course, load_lesson, parse_exercise
from cursuslib.types import spec_of
from cursuslib.types.choice import (
    LONGEST_RATIO,
    POSITION_SHARE,
    ChoiceState,
    correct_keys,
    display_order,
    first_attempt,
    options,
)

QUIZ = """
id: 09-quiz-{n}
type: single_choice
title: Vraag {n}
question: Welke vraag is open?
options:
  - {{key: a, text: "{a}", explanation: Uitleg a.}}
  - {{key: b, text: "{b}", explanation: Uitleg b.}}
  - {{key: c, text: "{c}", explanation: Uitleg c.}}
correct: {correct}
"""


def quiz(n: int = 1, correct: str = "b", a: str = "Heeft u een website?", b: str = "Wat doet uw website?",
         c: str = "Is de site snel genoeg?") -> str:
    return QUIZ.format(n=n, correct=correct, a=a, b=b, c=c)


def lesson(tmp_path: Path, *items: str) -> Path:
    body = "".join("\n  - " + item.strip().replace("\n", "\n    ") for item in items)
    path = tmp_path / "09_test.yaml"
    path.write_text(f"schema_version: 1\nlesson: 09_test\ntitle: Test\nexercises:{body}\n", encoding="utf-8")
    return path


def warnings(tmp_path: Path, *items: str) -> list[str]:
    return [problem.line() for problem in lesson_warnings(load_lesson(lesson(tmp_path, *items)), "09_test.yaml")]


def parse(text: str) -> Exercise:
    return parse_exercise(yaml.safe_load(text), lesson="09_test", source="09_test.yaml", position=1)


# --------------------------------------------------------------------------- check warnings
def test_no_warning_for_balanced_options(tmp_path: Path) -> None:
    assert warnings(tmp_path, quiz(1, "a"), quiz(2, "b"), quiz(3, "c")) == []


def test_a_right_answer_that_is_clearly_the_longest_is_a_warning(tmp_path: Path) -> None:
    long = "Wat moet uw website allemaal doen?"  # 34 characters against at most 23: 1.48 times
    found = warnings(tmp_path, quiz(1, "b", b=long), quiz(2, "a"))
    assert found == ["09_test.yaml, oefening '09-quiz-1', veld 'options': het goede antwoord is veel langer dan de "
                     "andere opties (34 tegen hoogstens 23 tekens); studenten kiezen dan vaak de langste optie zonder "
                     "te lezen. Maak de opties ongeveer even lang."]
    # the threshold: 23 * 1.25 = 28.75 characters
    assert warnings(tmp_path, quiz(1, "b", b="Wat doet uw website precies?"), quiz(2, "a")) == []
    assert len(warnings(tmp_path, quiz(1, "b", b="Wat doet uw website, precies?"), quiz(2, "a"))) == 1
    assert LONGEST_RATIO == 1.25


def test_one_position_that_holds_most_right_answers_is_a_warning(tmp_path: Path) -> None:
    found = warnings(tmp_path, quiz(1, "b"), quiz(2, "b"), quiz(3, "a"))
    assert len(found) == 1
    assert found[0].startswith("09_test.yaml, veld 'correct': in 2 van de 3 meerkeuzevragen met één goed antwoord "
                               "staat het goede antwoord op plek 2 (09-quiz-1, 09-quiz-2)")
    # half is not more than half
    assert warnings(tmp_path, quiz(1, "b"), quiz(2, "b"), quiz(3, "a"), quiz(4, "c")) == []
    # one quiz alone says nothing about a pattern
    assert warnings(tmp_path, quiz(1, "b")) == []


def test_the_position_is_the_place_in_the_file_not_the_key(tmp_path: Path) -> None:
    moved = quiz(1, "b").replace('  - {key: a, text: "Heeft u een website?", explanation: Uitleg a.}\n', "")
    moved = moved.replace("  - {key: c,", '  - {key: a, text: "Heeft u een website?", explanation: Uitleg a.}\n  - {key: c,')
    assert [o.key for o in options(parse(moved))] == ["b", "a", "c"]
    assert warnings(tmp_path, moved, quiz(2, "b")) == []  # b stands first in one, second in the other


# --------------------------------------------------------------------------- the real course
@pytest.fixture(scope="module")
def quizzes() -> list[Exercise]:
    return [e for lesson in load_course().values() for e in lesson.exercises if e.type == "single_choice"]


def test_the_course_has_no_quiz_warnings() -> None:
    for item in load_course().values():
        assert lesson_warnings(item, item.lesson) == [], item.lesson


def test_right_answers_in_the_course_are_spread_and_not_the_longest(quizzes: list[Exercise]) -> None:
    positions = [[o.key for o in options(e)].index(next(iter(correct_keys(e)))) for e in quizzes]
    assert len(quizzes) >= 8 and max(positions.count(p) for p in set(positions)) <= POSITION_SHARE * len(quizzes)
    longest = 0
    for exercise in quizzes:
        right = next(o for o in options(exercise) if o.key in correct_keys(exercise))
        wrong = max(len(o.text) for o in options(exercise) if o.key not in correct_keys(exercise))
        assert len(right.text) < LONGEST_RATIO * wrong, exercise.id
        longest += len(right.text) > wrong
    assert longest <= len(quizzes) // 2  # the right answer is not systematically the longest


def test_multiple_choice_right_answers_do_not_share_one_pattern() -> None:
    patterns = [tuple(i for i, o in enumerate(options(e)) if o.key in correct_keys(e))
                for lesson in load_course().values() for e in lesson.exercises if e.type == "multiple_choice"]
    assert max(patterns.count(p) for p in patterns) <= 2, patterns


# --------------------------------------------------------------------------- order and first attempt
def test_the_order_depends_on_the_seed_and_the_exercise_only() -> None:
    exercise = parse(quiz(1))
    assert display_order(exercise, "abcdef0123456789") == display_order(exercise, "abcdef0123456789")
    orders = {tuple(o.key for o in display_order(exercise, f"{n:016x}")) for n in range(40)}
    assert len(orders) == 6  # every order of three options occurs for some student
    assert display_order(exercise, "") == options(exercise)
    pinned = parse(quiz(1) + "shuffle: false\n")
    assert all(display_order(pinned, f"{n:016x}") == options(pinned) for n in range(10))


def test_shuffle_and_confidence_are_yes_or_no() -> None:
    with pytest.raises(Exception, match="veld 'shuffle': verwacht true of false"):
        parse(quiz(1) + "shuffle: nee\n")
    assert parse(quiz(1) + "confidence: true\n").data["confidence"] is True
    assert parse(quiz(1)).data["shuffle"] is True and parse(quiz(1)).data["confidence"] is False


def test_first_attempt_of_new_and_old_states() -> None:
    exercise = parse(quiz(1))
    retried = ChoiceState(["b"], 3, True, first=["a"], first_correct=False, first_confidence="zeker")
    first = first_attempt(exercise, retried)
    assert first is not None and first.keys == ("a",) and not first.correct and first.confidence == "zeker"
    assert spec_of(exercise).evidence(exercise, retried) == 0.0
    assert spec_of(exercise).assess(exercise, retried).score == 1.0  # the last attempt is right
    # saved before first attempts were kept: one check still shown is the first, anything else is unknown
    assert first_attempt(exercise, ChoiceState(["b"], 1, True)).correct
    assert first_attempt(exercise, ChoiceState(["b"], 2, True)) is None
    assert first_attempt(exercise, ChoiceState(["b"], 1, False)) is None
    assert first_attempt(exercise, ChoiceState()) is None


def test_markdown_in_an_option_is_a_warning_because_its_label_shows_it_literally(tmp_path: Path) -> None:
    """A radio or checkbox label is plain text: *schuin* would show its asterisks to the student."""
    found = warnings(tmp_path, quiz(1, "a", a='Je zegt *\\"Dat komt goed\\"*.'), quiz(2, "b", c="Je typt `ls` in."))
    assert [line.split(": ", 1)[0] for line in found] == ["09_test.yaml, oefening '09-quiz-1', veld 'options'",
                                                          "09_test.yaml, oefening '09-quiz-2', veld 'options'"]
    assert "optie a bevat opmaak" in found[0] and "optie c bevat opmaak" in found[1]
    # quotes, a product such as 3 * 4 and words with an underscore inside are no Markdown
    plain = quiz(1, "a", a='Je zegt \\"Dat komt goed\\".', b="Is 3 * 4 twaalf?", c="Heet het bestand read_me?")
    assert warnings(tmp_path, plain, quiz(2, "b")) == []
