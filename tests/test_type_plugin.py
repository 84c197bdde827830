"""A new exercise type is its own files plus one registration line: the course picks it up everywhere.

The toy type below lives in two temporary modules (its pure type and its widget), outside the
package; importing the pure module is its one registration line. Nothing in ``cursuslib`` is edited,
yet the loader validates its fields, ``cursus check`` runs its examples, a notebook shows its widget,
the portfolio shows its view and the class overview shows its results and what students wrote.
"""

from __future__ import annotations

import importlib
import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from test_cli import write_notebook

from cursuslib import registry
from cursuslib.check import inspect_course
from cursuslib.content import ContentError, load_course
from cursuslib.documents import class_overview, overview_html, portfolio_html, portfolio_markdown
from cursuslib.store import FILE_FORMAT, FILE_VERSION, AnswerStore
from cursuslib.widgets import make_widget

TYPE_MODULE = '''
"""A toy exercise type: write at least N words about a customer's wish."""

from dataclasses import dataclass

from cursuslib.registry import register
from cursuslib.schema import Field, positive_int, text
from cursuslib.types import Assessment, ExerciseType
from cursuslib.types.blocks import Answer, Para


@dataclass
class ToyState:
    text: str = ""
    checked: bool = False


@register
class WordCount(ExerciseType[ToyState]):
    name = "woorden_tellen"
    label = "Woorden tellen"
    description = "schrijf minstens een aantal woorden"
    State = ToyState
    widget = "toy_widget:WordCountWidget"
    verdicts = {"genoeg": "genoeg woorden", "te_weinig": "te weinig woorden"}
    scored = True
    writing_title = "Geschreven wensen"
    fields = (Field("prompt", "de vraag", text), Field("min_words", "minimum aantal woorden", positive_int))
    sample = {"title": "Wens", "prompt": "Wat wil de klant?", "min_words": 3,
              "examples": [{"answer": "een snelle app", "expect": "genoeg"}]}

    def assess(self, exercise, state):
        if not state.checked:
            return Assessment()
        words = len(state.text.split())
        enough = words >= exercise.data["min_words"]
        return Assessment("genoeg" if enough else "te_weinig", min(1.0, words / exercise.data["min_words"]),
                          (f"{words} woorden",), words)

    def example_state(self, exercise, answer):
        return ToyState(answer, True)

    def writing(self, exercise, state):
        return {"wens": state.text} if state.text.strip() else {}

    def writing_parts(self, exercise):
        return {"wens": "Wens van de klant"}

    def portfolio(self, exercise, state, ctx):
        return [Para(exercise.data["prompt"], label="Vraag", teacher=True), Answer("Jouw wens", state.text)]
'''

WIDGET_MODULE = '''
"""The toy type's widget: a text box and the check button."""

import ipywidgets as w

from cursuslib.widgets.base import ExerciseWidget, live_region
from toy_type import ToyState


class WordCountWidget(ExerciseWidget):
    def build(self):
        self.box = w.Textarea()
        self.box.observe(lambda _: self.save(), names="value")
        self.checked = False
        row = self.action_row(model="")
        self.children = [self.header, self.box, row, self.feedback]

    def check(self):
        self.checked = True
        self.feedback.value = live_region(", ".join(self.assess().findings))
        self.save()

    def state(self):
        return ToyState(self.box.value, self.checked)

    def restore(self, state):
        self.box.value, self.checked = state.text, state.checked
'''

EXERCISES = """\
schema_version: 1
lesson: 09_wensen
title: Wensen
exercises:
  - id: 09-wens
    type: woorden_tellen
    title: Schrijf de wens op
    prompt: "Wat wil de klant **echt**?"
    min_words: 4
    examples:
      - {answer: "Leden willen snel een les boeken", expect: genoeg}
      - {answer: "Sneller", expect: te_weinig}
"""


@pytest.fixture
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The toy type, registered by importing its module (its one registration line); removed afterwards."""
    folder = tmp_path / "plugin"
    folder.mkdir()
    (folder / "toy_type.py").write_text(textwrap.dedent(TYPE_MODULE), encoding="utf-8")
    (folder / "toy_widget.py").write_text(textwrap.dedent(WIDGET_MODULE), encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    try:
        yield importlib.import_module("toy_type")  # the registration line
    finally:
        registry.unregister("woorden_tellen")
        for name in ("toy_type", "toy_widget"):
            sys.modules.pop(name, None)


@pytest.fixture
def course(tmp_path: Path) -> Path:
    root = tmp_path / "cursus"
    (root / "exercises").mkdir(parents=True)
    (root / "exercises" / "09_wensen.yaml").write_text(EXERCISES, encoding="utf-8")
    write_notebook(root, "09_wensen", "09-wens")
    return root


def answers(text: str) -> dict:
    return {"format": FILE_FORMAT, "version": FILE_VERSION,
            "answers": {"09-wens": {"value": {"text": text, "checked": True}, "saved_at": "2026-12-01T10:00:00+00:00"}}}


def test_without_registration_the_type_is_unknown(course: Path) -> None:
    with pytest.raises(ContentError, match="'woorden_tellen' is onbekend; toegestaan: "):
        load_course(course / "exercises")


def test_cursus_check_validates_the_fields_and_runs_the_examples(toy: ModuleType, course: Path) -> None:
    report = inspect_course(course)
    assert report.ok, [problem.line() for problem in report.problems]
    assert report.examples == 2 and report.exercises == 1
    path = course / "exercises" / "09_wensen.yaml"
    path.write_text(EXERCISES.replace("expect: te_weinig", "expect: genoeg").replace("min_words: 4", "min_words: 4\n"
                                                                                     "    kleur: rood"), encoding="utf-8")
    lines = [problem.line() for problem in inspect_course(course).problems]
    assert any("onbekend veld 'kleur' voor type woorden_tellen" in line for line in lines), lines
    path.write_text(EXERCISES.replace("expect: te_weinig", "expect: genoeg"), encoding="utf-8")
    (line,) = [problem.line() for problem in inspect_course(course).problems]
    assert "voorbeeld 2: verwacht 'genoeg', de feedback zegt 'te_weinig' (1 woorden)" in line


def test_the_widget_saves_the_types_state(toy: ModuleType, course: Path, tmp_path: Path) -> None:
    exercise = load_course(course / "exercises")["09_wensen"].exercises[0]
    store = AnswerStore(tmp_path / "antwoorden")
    widget = make_widget(exercise, store=store)
    assert type(widget).__name__ == "WordCountWidget"
    widget.box.value = "Leden willen sneller boeken"
    widget.check_button.click()
    assert store.get("09-wens") == {"text": "Leden willen sneller boeken", "checked": True}
    assert "4 woorden" in widget.feedback.value
    again = make_widget(exercise, store=store)
    assert again.box.value == "Leden willen sneller boeken" and again.checked


def test_portfolio_and_overview_show_the_new_type(toy: ModuleType, course: Path, tmp_path: Path) -> None:
    lessons = load_course(course / "exercises")
    doc = answers("<b>Leden</b> willen 's ochtends snel boeken")
    page = portfolio_html(doc, lessons=lessons, student="Sam")
    assert "Woorden tellen · opgeslagen op 1 december 2026 om 11:00" in page
    assert "Wat wil de klant <strong>echt</strong>?" in page  # teacher markdown kept
    assert "&lt;b&gt;Leden&lt;/b&gt; willen" in page and "<b>Leden" not in page  # student text escaped
    assert "&lt;b&gt;Leden&lt;/b&gt; willen" in portfolio_markdown(doc, lessons=lessons)
    folder = tmp_path / "klas"
    folder.mkdir()
    (folder / "sam.json").write_text(json.dumps(doc), encoding="utf-8")
    (folder / "noor.json").write_text(json.dumps(answers("Sneller")), encoding="utf-8")
    overview = class_overview(sorted(folder.glob("*.json")), lessons=lessons)
    (column,) = overview.result_columns["09_wensen"]
    assert column.exercise.id == "09-wens"
    assert {s.name: s.results["09-wens"].verdict for s in overview.students} == {"noor": "te_weinig", "sam": "genoeg"}
    html = overview_html(overview)
    assert "genoeg woorden (100%)" in html and "te weinig woorden (25%)" in html
    assert "Geschreven wensen" in html and "Wens van de klant" in html and "&lt;b&gt;Leden" in html
