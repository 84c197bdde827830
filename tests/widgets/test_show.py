"""What a lesson shows outside the exercises: the error box for an exercise, and where the answers are."""

from __future__ import annotations

from pathlib import Path

import pytest

import cursuslib
from cursuslib import messages
from cursuslib.store import get_store

from .visible import visible as shown


@pytest.fixture(autouse=True)
def settings(monkeypatch):
    monkeypatch.delenv(messages.LANGUAGE_ENV, raising=False)
    messages.set_language(None)
    yield
    messages.set_language(None)
    messages._cache.clear()


def test_an_unknown_exercise_and_the_answers_note_in_dutch(answers_dir: Path) -> None:
    box = cursuslib.show_exercise("bestaat-niet")
    assert 'role="alert"' in box.value
    assert shown(box.value).startswith("Deze oefening kan niet worden getoond. Oefening 'bestaat-niet'")
    info = shown(cursuslib.show_answers_info().value)
    assert "Je antwoorden worden automatisch bewaard in" in info and str(answers_dir / "antwoorden.json") in info
    assert "Er staan nu 0 antwoorden in." in info and "kies Download." in info


def test_an_unknown_exercise_and_the_answers_note_in_english(monkeypatch, answers_dir: Path) -> None:
    monkeypatch.setenv(messages.LANGUAGE_ENV, "en")
    box = shown(cursuslib.show_exercise("bestaat-niet").value)
    assert box.startswith("This exercise cannot be shown.") and "getoond" not in box
    get_store().save("00-proef", "a")
    info = shown(cursuslib.show_answers_info().value)
    assert "Your answers are saved automatically in" in info and "(full path: " in info
    assert "It now holds 1 answer." in info and "right-click it and choose Download." in info
    assert "bewaard" not in info and "Er staat" not in info


def test_a_broken_catalogue_is_shown_as_a_message_not_a_traceback(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "teksten"
    folder.mkdir()
    (folder / "nl.yaml").write_text("common:\n  check: [niet gesloten\n", encoding="utf-8")
    monkeypatch.setattr(messages, "CATALOGUE_DIR", folder)
    messages._cache.clear()
    box = cursuslib.show_exercise("00-proef")
    assert 'role="alert"' in box.value
    assert "Deze oefening kan niet worden getoond." in shown(box.value)
    assert "teksten/nl.yaml, regel 3" in shown(box.value)


def test_the_quiz_order_seed_is_not_counted_as_an_answer(answers_dir: Path) -> None:
    """Showing a quiz keeps the student's order seed in the answers file; the note still counts answers only."""
    cursuslib.show_exercise("01-quiz-open-vraag")
    store = get_store()
    assert store.entries() and store.answer_count() == 0
    assert "Er staan nu 0 antwoorden in." in shown(cursuslib.show_answers_info().value)
    store.save("00-proef", "a")
    assert "Er staat nu 1 antwoord in." in shown(cursuslib.show_answers_info().value)
