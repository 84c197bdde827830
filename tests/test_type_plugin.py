"""A new exercise type is its own files plus one registration line: the course picks it up everywhere.

The type is the worked example of ``docs/dev/exercise-types.md``, taken from the guide itself, in
two temporary modules (its pure type and its widget) outside the package; importing the pure module
is its one registration line. Nothing in ``cursuslib`` is edited, yet the loader validates its
fields, ``cursus check`` runs its examples, ``make_widget`` shows its widget, the portfolio shows its
view and the class overview shows its results and what students wrote.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from test_cli import REPO, write_notebook

from cursuslib import messages, registry
from cursuslib.check import inspect_course
from cursuslib.content import ContentError, load_course
from cursuslib.documents import class_overview, overview_html, portfolio_html, portfolio_markdown
from cursuslib.store import FILE_FORMAT, FILE_VERSION, AnswerStore
from cursuslib.widgets import make_widget

DOC = REPO / "docs" / "dev" / "exercise-types.md"


def worked_example() -> tuple[str, str, dict[str, str]]:
    """The pure module, the widget and the texts of the worked example in the developer guide.

    The guide's modules live in the package (relative imports); here they become two modules outside
    it, ``toy_word_count`` and ``toy_word_count_widget``, so nothing in ``cursuslib`` is edited.
    """
    text = DOC.read_text(encoding="utf-8")

    def block(after: str, language: str) -> str:
        start = text.index(f"```{language}\n", text.index(after)) + len(language) + 4
        return text[start:text.index("```", start)]

    def outside(code: str) -> str:
        for package, module in (("cursuslib.widgets.word_count", "toy_word_count_widget"),
                                ("..types.word_count", "toy_word_count")):
            code = code.replace(package, module)
        return code.replace("from ..", "from cursuslib.")

    pure = outside(block("**1. The pure module**", "python")).replace("from .", "from cursuslib.types.")
    widget = outside(block("**2. The widget**", "python")).replace("from .", "from cursuslib.widgets.")
    texts = yaml.safe_load(block("**3. Its texts**", "yaml"))
    (section, values), = texts.items()
    return pure, widget, {f"{section}.{key}": value for key, value in values.items()}


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
    """The guide's type, registered by importing its module (its one registration line); removed afterwards."""
    pure, widget, texts = worked_example()
    folder = tmp_path / "plugin"
    folder.mkdir()
    (folder / "toy_word_count.py").write_text(pure, encoding="utf-8")
    (folder / "toy_word_count_widget.py").write_text(widget, encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    dutch = messages.catalogue
    monkeypatch.setattr(messages, "catalogue", lambda language: {**dutch(language), **texts})  # step 3
    try:
        yield importlib.import_module("toy_word_count")  # step 5: the registration line
    finally:
        registry.unregister("woorden_tellen")
        for name in ("toy_word_count", "toy_word_count_widget"):
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
    assert "voorbeeld 2: verwacht 'genoeg', de feedback zegt 'te_weinig' (Aantal woorden: 1.)" in line


def test_the_widget_saves_the_types_state(toy: ModuleType, course: Path, tmp_path: Path) -> None:
    exercise = load_course(course / "exercises")["09_wensen"].exercises[0]
    store = AnswerStore(tmp_path / "antwoorden")
    widget = make_widget(exercise, store=store)
    assert type(widget).__name__ == "WordCountExercise" and widget.box.description == "Wens"
    widget.box.value = "Leden willen sneller boeken"
    widget.check_button.click()
    assert store.get("09-wens") == {"text": "Leden willen sneller boeken", "checked": True}
    assert "Aantal woorden: 4." in widget.feedback.value and "Volgende stap:" in widget.feedback.value
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
