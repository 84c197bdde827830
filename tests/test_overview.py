"""Class overview: 200 generated answer files, some broken or foreign, checked against figures computed here."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from cursuslib.content import Exercise, Lesson, load_course
from cursuslib.documents import class_overview, overview_html
from cursuslib.language import question_kind, rewrite_feedback
from cursuslib.store import FILE_FORMAT, FILE_VERSION
from cursuslib.types import Ratio
from cursuslib.types.reflection import REFLECTION_STEPS

OPEN = ("Wat bedoelt u precies met traag?", "Hoe vaak gebeurt dat?", "Wanneer merkt u dat het meest?",
        "Welke schermen gebruikt u elke dag?")
CLOSED = ("Is de app traag?", "Werkt de app op uw telefoon?", "Heeft u de mail ontvangen?")
EVIL = "<script>alert(1)</script><img src=x onerror=alert(1)>"
EVIL_NAME = "<img src=x onerror=alert(1)><b>"  # a file name cannot hold '/'
BROKEN: dict[str, bytes] = {
    "kapot.json": b"{ dit is geen json",
    "binair.json": b"\xff\xfe\x00\x01",
    "lijst.json": b"[1, 2, 3]",
    "oude-versie.json": json.dumps({"format": FILE_FORMAT, "version": 99, "answers": {}}).encode(),
    "zonder-antwoorden.json": json.dumps({"format": FILE_FORMAT, "version": FILE_VERSION}).encode(),
    "beschadigd-antwoord.json": json.dumps({"format": FILE_FORMAT, "version": FILE_VERSION,
                                            "answers": {"01-x": "geen blok"}}).encode(),
}
FOREIGN: dict[str, bytes] = {
    "notebook.ipynb": json.dumps({"cells": [], "nbformat": 4}).encode(),
    "package.json": json.dumps({"name": "iets-anders", "version": "1.0.0"}).encode(),
    "leeg.json": b"",
    f"{EVIL_NAME}.json": b"null",
}


@dataclass
class Expected:
    """What one generated student did, recorded while generating (the answer to compare with)."""

    answered: set[str] = field(default_factory=set)
    before: dict[str, int] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)
    open_questions: list[bool] = field(default_factory=list)
    drill: list[bool] = field(default_factory=list)
    improved: list[bool] = field(default_factory=list)
    reflections: dict[str, dict[str, str]] = field(default_factory=dict)


@pytest.fixture(scope="module")
def course() -> dict[str, Lesson]:
    return load_course()


def by_type(course: dict[str, Lesson], kind: str) -> list[Exercise]:
    return [e for lesson in course.values() for e in lesson.exercises if e.type == kind]


def generate_student(course: dict[str, Lesson], rng: random.Random, number: int) -> tuple[dict[str, Any], Expected]:
    """One student's answers document, and what the overview should find in it."""
    expected = Expected()
    answers: dict[str, Any] = {}
    begin = next(e for e in by_type(course, "self_assessment") if e.data["moment"] == "begin")
    end = next(e for e in by_type(course, "self_assessment") if e.data.get("compare_with") == begin.id)
    keys = [q.key for q in begin.data["qualities"]]
    for lesson in course.values():
        for exercise in lesson.exercises:
            if rng.random() > 0.7:
                continue
            state: Any = {"attempts": 1}
            if exercise.id in (begin.id, end.id):
                levels: dict[str, Any] = {}
                for key in keys:
                    roll = rng.random()
                    if roll < 0.6:
                        levels[key] = rng.randint(1, 4)
                        (expected.before if exercise is begin else expected.after)[key] = levels[key]
                    elif roll < 0.7:
                        levels[key] = rng.choice([0, 5, "3", None, True])  # not a level: must not count
                state = {"levels": levels, "done": True}
            elif exercise.type == "question_practice":
                history = []
                for _ in range(rng.randint(0, 4)):
                    is_open = rng.random() < 0.6
                    history.append({"text": rng.choice(OPEN if is_open else CLOSED), "kind": "open"})
                    expected.open_questions.append(is_open)
                state = {"text": "", "history": history}
            elif exercise.type == "question_drill":
                kinds = [q.kind for q in exercise.data["questions"]]
                # older answer files say 'gesloten', newer ones 'closed' (the engine's name): both count
                given = {str(i): rng.choice(["open", "gesloten", "closed"]) for i in range(len(kinds))
                         if rng.random() < 0.8}
                if given:
                    named = {i: {"gesloten": "closed"}.get(kind, kind) for i, kind in given.items()}
                    expected.drill += [named.get(str(i)) == kind for i, kind in enumerate(kinds)]
                state = {"answers": given}
            elif exercise.type == "rewrite":
                attempts = rng.randint(0, 3)
                history = [{"text": rng.choice([exercise.data["sentence"], exercise.data["model_answer"]]),
                            "improved": True} for _ in range(attempts)]
                if history:
                    expected.improved.append(history[-1]["text"] == exercise.data["model_answer"])
                state = {"text": "", "history": history}
            elif exercise.type == "reflection":
                steps = {key: f"Student {number} bij {key}: {EVIL if number % 7 == 0 else 'ik vroeg door'}"
                         for key in REFLECTION_STEPS if rng.random() < 0.7}
                if steps:
                    expected.reflections[exercise.id] = steps
                state = {"steps": steps}
            answers[exercise.id] = {"value": state, "saved_at": "2025-03-14T10:22:05+01:00"}
            expected.answered.add(exercise.id)
    answers["99-bestaat-niet"] = {"value": {"text": "oude oefening"}, "saved_at": "2025-03-14T10:22:05+01:00"}
    return {"format": FILE_FORMAT, "version": FILE_VERSION, "answers": answers}, expected


@pytest.fixture(scope="module")
def classroom(course: dict[str, Lesson], tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[list[Path], dict[str, Expected]]:
    """200 files: 190 students and 10 files that must be skipped."""
    folder = tmp_path_factory.mktemp("klas")
    rng = random.Random(7)
    paths, expected = [], {}
    for name, raw in {**BROKEN, **FOREIGN}.items():
        paths.append(folder / name)
        paths[-1].write_bytes(raw)
    for number in range(200 - len(paths)):
        name = f"student-{number:03d}"
        doc, expected[name] = generate_student(course, rng, number)
        paths.append(folder / f"{name}.json")
        paths[-1].write_text(json.dumps(doc), encoding="utf-8")
    rng.shuffle(paths)
    return paths, expected


def ratio(flags: list[bool]) -> Ratio:
    return Ratio(sum(flags), len(flags))


def test_engine_agrees_with_the_generator(course: dict[str, Lesson]) -> None:
    """The generated texts have a known kind / outcome, so the expected figures do not depend on the engine."""
    assert all(question_kind(text).kind == "open" for text in OPEN)
    assert all(question_kind(text).kind == "closed" for text in CLOSED)
    for exercise in by_type(course, "rewrite"):
        assert rewrite_feedback(exercise.data["sentence"], exercise.data["model_answer"]).improved
        assert not rewrite_feedback(exercise.data["sentence"], exercise.data["sentence"]).improved


def test_bad_and_foreign_files_are_skipped(course: dict[str, Lesson], classroom: tuple) -> None:
    paths, expected = classroom
    overview = class_overview(paths, lessons=course)
    assert sorted(name for name, _ in overview.skipped) == sorted({**BROKEN, **FOREIGN})
    for name, reason in overview.skipped:
        assert name in reason and ("kan niet" in reason or "beschadigd" in reason or "geen tekstbestand" in reason)
    assert sorted(s.name for s in overview.students) == sorted(expected)
    assert len(overview.students) + len(overview.skipped) == 200


def test_completion_per_student_and_class(course: dict[str, Lesson], classroom: tuple) -> None:
    paths, expected = classroom
    overview = class_overview(paths, lessons=course)
    for student in overview.students:
        done = expected[student.name].answered
        for lesson in course.values():
            share = sum(e.id in done for e in lesson.exercises) / len(lesson.exercises)
            assert student.completion[lesson.lesson] == pytest.approx(share)
    average = overview.average_completion()
    for lesson in course.values():
        shares = [sum(e.id in exp.answered for e in lesson.exercises) / len(lesson.exercises)
                  for exp in expected.values()]
        assert average[lesson.lesson] == pytest.approx(sum(shares) / len(shares))


def test_self_assessment_distribution(course: dict[str, Lesson], classroom: tuple) -> None:
    paths, expected = classroom
    overview = class_overview(paths, lessons=course)
    (figures,) = overview.part("zelfbeoordeling").data
    for quality in figures.qualities:
        for moment, counts in (("before", figures.before), ("after", figures.after)):
            levels = [getattr(exp, moment)[quality.key] for exp in expected.values()
                      if quality.key in getattr(exp, moment)]
            assert counts[quality.key] == tuple(levels.count(level) for level in (1, 2, 3, 4))
    assert sum(figures.before[figures.qualities[0].key]) > 50  # the generator did rate most of the time


def test_open_questions_drill_and_rewrites(course: dict[str, Lesson], classroom: tuple) -> None:
    paths, expected = classroom
    overview = class_overview(paths, lessons=course)
    for student in overview.students:
        exp = expected[student.name]
        assert student.ratios.get("open_questions", Ratio()) == ratio(exp.open_questions)
        assert student.ratios.get("drill", Ratio()) == ratio(exp.drill)
        assert student.ratios.get("rewrites", Ratio()) == ratio(exp.improved)
    everyone = list(expected.values())
    assert overview.total("open_questions") == ratio([f for exp in everyone for f in exp.open_questions])
    assert overview.total("drill") == ratio([f for exp in everyone for f in exp.drill])
    assert overview.total("rewrites") == ratio([f for exp in everyone for f in exp.improved])
    assert 0 < overview.total("rewrites").part < overview.total("rewrites").whole


def test_reflections_per_exercise(course: dict[str, Lesson], classroom: tuple) -> None:
    paths, expected = classroom
    overview = class_overview(paths, lessons=course)
    for student in overview.students:
        assert student.writing == {key: {step: text.strip() for step, text in steps.items()}
                                       for key, steps in expected[student.name].reflections.items()}


class Page(HTMLParser):
    """Tags, attributes and visible text of a page."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def test_overview_page_is_accessible_and_escaped(course: dict[str, Lesson], classroom: tuple) -> None:
    paths, expected = classroom
    page = overview_html(class_overview(paths, lessons=course))
    parsed = Page(page)
    names = [tag for tag, _ in parsed.tags]
    assert '<html lang="nl">' in page and "<title>Klassenoverzicht Klantgesprekken</title>" in page
    assert "script" not in names and "img" not in names and "link" not in names
    assert not [name for _, attrs in parsed.tags for name in attrs if name.startswith("on")]
    assert not [attrs for _, attrs in parsed.tags if "src" in attrs]
    assert EVIL in parsed.text and EVIL_NAME in parsed.text  # reflections and a file name, shown as text
    assert names.count("table") == names.count("caption") >= 4
    assert all(attrs.get("scope") in ("col", "row", "colgroup") for tag, attrs in parsed.tags if tag == "th")
    for name in expected:
        assert name in parsed.text
    for skipped in FOREIGN:
        assert skipped in parsed.text
    assert "Klasgemiddelde" in parsed.text and "Overgeslagen bestanden" in parsed.text


def test_names_come_from_file_names_and_duplicates_stay_apart(course: dict[str, Lesson], tmp_path: Path) -> None:
    doc = {"format": FILE_FORMAT, "version": FILE_VERSION, "answers": {}}
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "jan-jansen.json").write_text(json.dumps(doc), encoding="utf-8")
    overview = class_overview([tmp_path / "a" / "jan-jansen.json", tmp_path / "b" / "jan-jansen.json",
                               tmp_path / "ontbreekt.json", tmp_path / "a"], lessons=course)
    assert [s.name for s in overview.students] == ["jan-jansen", "jan-jansen (2)"]
    assert all(share == 0 for s in overview.students for share in s.completion.values())
    assert [name for name, _ in overview.skipped] == ["a", "ontbreekt.json"]
    assert overview.total("drill").text() == "–"
    empty = overview_html(class_overview([], lessons=course))
    assert "0 antwoordenbestanden gelezen" in empty


