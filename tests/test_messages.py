"""The message catalogue: one place for every widget text, Dutch and English, overridable per exercise."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from cursuslib import messages
from cursuslib.content import ContentError, load_lesson
from cursuslib.messages import CatalogueError, load_catalogue, placeholders, set_language, text

SRC = Path(messages.__file__).resolve().parent


@pytest.fixture(autouse=True)
def dutch(monkeypatch):
    monkeypatch.delenv(messages.LANGUAGE_ENV, raising=False)
    set_language(None)
    yield
    set_language(None)


def test_dutch_and_english_catalogues_have_the_same_keys_and_placeholders() -> None:
    nl, en = messages.catalogue("nl"), messages.catalogue("en")
    assert set(nl) == set(en), f"only nl: {sorted(set(nl) - set(en))}; only en: {sorted(set(en) - set(nl))}"
    for key in nl:
        assert placeholders(nl[key]) == placeholders(en[key]), key
        assert nl[key].strip() and en[key].strip(), key


def _keys_used_in_code() -> set[str]:
    """Every literal key passed to text(...) / self.t(...) anywhere in the package."""
    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in {"t", "text"} and isinstance(node.args[0].value, str) and "." in node.args[0].value:
                    used.add(node.args[0].value)
    return used


def test_every_key_the_code_asks_for_exists_in_the_catalogue() -> None:
    used = _keys_used_in_code()
    assert "common.saved_at" in used  # the scan sees real calls
    missing = sorted(used - set(messages.catalogue("nl")))
    assert not missing, f"keys used in code but missing in teksten/nl.yaml: {missing}"


def test_language_follows_the_setting(monkeypatch) -> None:
    assert text("common.check") == "Controleer"
    monkeypatch.setenv(messages.LANGUAGE_ENV, "en")
    assert text("common.check") == "Check"
    set_language("nl")  # an explicit choice beats the environment
    assert text("common.check") == "Controleer"
    with pytest.raises(ValueError, match="kies uit: nl, en"):
        set_language("fr")


def test_unknown_environment_language_falls_back_to_dutch(monkeypatch) -> None:
    monkeypatch.setenv(messages.LANGUAGE_ENV, "klingon")
    assert text("common.check") == "Controleer"


def test_placeholders_are_filled_and_a_broken_template_never_raises() -> None:
    assert text("common.saved_at", time="10:15:00") == "Opgeslagen om 10:15:00"
    assert messages.fill("Nog {n} over, {onbekend}", {"n": 3}) == "Nog 3 over, {onbekend}"
    assert messages.fill("kapot {", {"n": 3}) == "kapot {"
    with pytest.raises(KeyError, match="bestaat.niet|staat niet"):
        text("common.does_not_exist")


def test_a_teachers_edit_is_seen_at_once(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "teksten"
    folder.mkdir()
    for lang in messages.LANGUAGES:
        (folder / f"{lang}.yaml").write_text(messages.catalogue_path(lang).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(messages, "CATALOGUE_DIR", folder)
    messages._cache.clear()
    nl = folder / "nl.yaml"
    nl.write_text(nl.read_text(encoding="utf-8").replace("check: Controleer", "check: Nakijken!"), encoding="utf-8")
    try:
        assert text("common.check") == "Nakijken!"
    finally:
        messages._cache.clear()


def test_a_broken_catalogue_names_file_and_line(tmp_path) -> None:
    broken = tmp_path / "nl.yaml"
    broken.write_text("common:\n  check: Controleer\n  retry: [niet gesloten\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"teksten/nl.yaml, regel \d+"):
        load_catalogue(broken)
    nested_list = tmp_path / "en.yaml"
    nested_list.write_text("common:\n  check:\n    - a\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="'common.check': verwacht tekst"):
        load_catalogue(nested_list)


def _exercise_file(tmp_path: Path, texts_block: str) -> Path:
    path = tmp_path / "01_test.yaml"
    path.write_text(textwrap.dedent("""\
        schema_version: 1
        lesson: 01_test
        title: Test
        exercises:
          - id: 01-quiz
            type: single_choice
            title: Vraag
            question: Welke?
            options:
              - {key: a, text: A, explanation: Klopt.}
              - {key: b, text: B, explanation: Klopt niet.}
            correct: a
        """) + textwrap.indent(textwrap.dedent(texts_block), "    "), encoding="utf-8")
    return path


def test_an_exercise_overrides_its_own_texts_only(tmp_path, monkeypatch) -> None:
    lesson = load_lesson(_exercise_file(tmp_path, """\
        texts:
          common.check: Nakijken
          common.saved_at: {nl: "Bewaard ({time})", en: "Stored ({time})"}
        """))
    exercise = lesson.exercises[0]
    assert text("common.check", exercise) == "Nakijken"
    assert text("common.check") == "Controleer"  # the rest of the course keeps the catalogue text
    assert text("common.saved_at", exercise, time="09:00") == "Bewaard (09:00)"
    monkeypatch.setenv(messages.LANGUAGE_ENV, "en")
    assert text("common.saved_at", exercise, time="09:00") == "Stored (09:00)"
    assert text("common.check", exercise) == "Nakijken"  # one text for all languages


@pytest.mark.parametrize(("block", "expected"), [
    ("texts:\n  common.chek: Nakijken\n", r"veld 'texts': onbekende tekst 'common.chek'; zie teksten/nl.yaml"),
    ("texts:\n  check: Nakijken\n", r"onbekende tekst 'check'; bedoel je common.check\?"),
    ("texts:\n  common.saved_at: Bewaard om {uur}\n", r"'common.saved_at': onbekende invulplek \{uur\}; toegestaan: \{time\}"),
    ("texts:\n  common.check: {de: Prüfen}\n", r"'common.check' \(de\): onbekende taal; kies uit: nl, en"),
    ("texts:\n  common.check: ''\n", r"'common.check': verwacht een tekst"),
    ("texts: Nakijken\n", r"veld 'texts': verwacht een lijst 'sleutel: tekst'"),
])
def test_wrong_overrides_name_file_exercise_field_and_what_is_allowed(tmp_path, block, expected) -> None:
    with pytest.raises(ContentError, match=expected) as info:
        load_lesson(_exercise_file(tmp_path, block))
    assert "01_test.yaml" in str(info.value) and "01-quiz" in str(info.value)


def test_cursus_check_reports_catalogue_mistakes(tmp_path, monkeypatch) -> None:
    from cursuslib.check import inspect_course

    folder = tmp_path / "teksten"
    folder.mkdir()
    nl = messages.catalogue_path("nl").read_text(encoding="utf-8")
    en = messages.catalogue_path("en").read_text(encoding="utf-8")
    (folder / "nl.yaml").write_text(nl.replace("Opgeslagen om {time}", "Opgeslagen om {tijd}"), encoding="utf-8")
    (folder / "en.yaml").write_text(en.replace("  retry: Try again\n", ""), encoding="utf-8")
    monkeypatch.setattr(messages, "CATALOGUE_DIR", folder)
    messages._cache.clear()
    try:
        lines = [p.line() for p in inspect_course(Path(__file__).resolve().parents[1]).problems]
    finally:
        messages._cache.clear()
    assert "teksten/en.yaml, tekst 'common.retry': deze tekst ontbreekt (wel in teksten/nl.yaml)." in lines
    assert any(line.startswith("teksten/nl.yaml en teksten/en.yaml, tekst 'common.saved_at': de invulplekken "
                               "verschillen ({tijd} tegenover {time})") for line in lines), lines
    (folder / "nl.yaml").write_text("common:\n  check: 'Controleer\n", encoding="utf-8")
    messages._cache.clear()
    try:
        lines = [p.line() for p in inspect_course(Path(__file__).resolve().parents[1]).problems]
    finally:
        messages._cache.clear()
    assert any(line.startswith("teksten/nl.yaml: regel") and "YAML-opbouw" in line for line in lines), lines


def test_the_portfolio_stays_dutch_when_the_widgets_are_english(monkeypatch) -> None:
    from cursuslib.content import load_course
    from cursuslib.documents import portfolio_markdown

    doc = {"format": "klantgesprekken-antwoorden", "version": 1, "answers": {
        "04-planner": {"value": {"start": "13:00", "minutes": {}}, "saved": "2026-11-20T10:00:00"}}}
    monkeypatch.setenv(messages.LANGUAGE_ENV, "en")
    lessons = load_course()
    page = portfolio_markdown(doc, lessons=lessons)
    assert text("common.check") == "Check"  # the widgets are English ...
    english = [v.split("{")[0].strip() for k, v in messages.catalogue("en").items() if k.startswith("planner.")]
    assert not [v for v in english if len(v) > 8 and v in page], page  # ... the portfolio is not
    dutch = [v.split("{")[0].strip() for k, v in messages.catalogue("nl").items() if k.startswith("planner.")]
    assert [v for v in dutch if len(v) > 8 and v in page], page


def test_a_document_checks_the_catalogue_once_and_sees_an_edit_made_before(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "teksten"
    folder.mkdir()
    for lang in messages.LANGUAGES:
        (folder / f"{lang}.yaml").write_text(messages.catalogue_path(lang).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(messages, "CATALOGUE_DIR", folder)
    monkeypatch.setattr(messages, "_cache", {})
    nl = folder / "nl.yaml"
    assert text("common.check") == "Controleer"
    nl.write_text(nl.read_text(encoding="utf-8").replace("check: Controleer", "check: Nakijken"), encoding="utf-8")
    with messages.steady():
        assert text("common.check") == "Nakijken"  # the edit made before the document is seen
        nl.write_text(nl.read_text(encoding="utf-8").replace("check: Nakijken", "check: Bekijk"), encoding="utf-8")
        assert text("common.check") == "Nakijken"  # one document: one reading of the catalogue
    assert text("common.check") == "Bekijk"  # widgets see every edit at once
