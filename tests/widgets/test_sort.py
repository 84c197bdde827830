"""Do/don't sort widget, driven headless."""

from __future__ import annotations

from cursuslib.store import AnswerStore
from cursuslib.widgets import SortExercise

from .conftest import strip_tags

SORT = """
id: 09-sort
type: sort
title: Doen of niet doen?
statements:
  - {text: Je knikt af en toe., answer: doen, explanation: Zo laat je zien dat je luistert.}
  - {text: Je kijkt op je telefoon., answer: niet_doen, explanation: De klant voelt zich niet gehoord.}
  - {text: Je vat samen., answer: doen, explanation: Je checkt of je het goed begreep.}
"""


def test_feedback_per_statement_with_hints_that_build_up(make_exercise, store: AnswerStore) -> None:
    sort = SortExercise(make_exercise(SORT), store=store)
    sort.toggles[0].value = "doen"
    sort.toggles[1].value = "doen"
    sort.check_button.click()
    assert "2 van de 3" not in sort.feedback.value
    assert "1 van de 3 uitspraken is goed ingedeeld" in strip_tags(sort.feedback.value)
    assert "1 is nog niet ingedeeld" in strip_tags(sort.feedback.value)
    assert "✔ Goed" in sort.item_feedback[0].value and "luistert" in sort.item_feedback[0].value
    assert "✘ Nog niet" in sort.item_feedback[1].value and "Tip" in sort.item_feedback[1].value
    assert "niet gehoord" not in sort.item_feedback[1].value  # first a hint
    sort.check_button.click()
    assert "niet gehoord" in sort.item_feedback[1].value  # then the explanation


def test_all_right_and_model_answer(make_exercise, store: AnswerStore) -> None:
    sort = SortExercise(make_exercise(SORT), store=store)
    assert sort.model_button.layout.display == "none"
    for toggle, answer in zip(sort.toggles, ["doen", "niet_doen", "doen"], strict=False):
        toggle.value = answer
    sort.check_button.click()
    assert "Alle 3 uitspraken" in sort.feedback.value and "✔ Goed" in sort.feedback.value
    sort.model_button.click()
    assert strip_tags(sort.model.value).count("Niet doen") == 1


def test_restart_restores_choices_and_feedback(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(SORT)
    sort = SortExercise(exercise, store=store)
    sort.toggles[2].value = "niet_doen"
    sort.check_button.click()
    again = SortExercise(exercise, store=AnswerStore(store.folder))
    assert [t.value for t in again.toggles] == [None, None, "niet_doen"]
    assert again.item_feedback[2].value == sort.item_feedback[2].value
    assert again.feedback.value == sort.feedback.value


def test_start_over_clears_everything(make_exercise, store: AnswerStore) -> None:
    sort = SortExercise(make_exercise(SORT), store=store)
    sort.toggles[0].value = "doen"
    sort.check_button.click()
    sort.retry_button.click()
    assert [t.value for t in sort.toggles] == [None, None, None]
    assert all(note.value == "" for note in sort.item_feedback)
    assert store.get("09-sort")["answers"] == {}


def test_each_choice_has_a_label(make_exercise, store: AnswerStore) -> None:
    sort = SortExercise(make_exercise(SORT), store=store)
    assert [t.description for t in sort.toggles] == ["Uitspraak 1", "Uitspraak 2", "Uitspraak 3"]
    assert list(sort.toggles[0].options) == [("Doen", "doen"), ("Niet doen", "niet_doen")]


CATEGORIES = """
id: 09-behoefte
type: sort
title: Symptoom of behoefte?
categories: {symptoom: Symptoom, behoefte: Onderliggende behoefte}
statements:
  - {text: De app is traag., answer: symptoom, explanation: Dit is wat de klant merkt.}
  - {text: Mijn team moet om negen uur kunnen plannen., answer: behoefte, explanation: Dit is waar het om gaat.}
"""


def test_own_categories(make_exercise, store: AnswerStore) -> None:
    sort = SortExercise(make_exercise(CATEGORIES), store=store)
    assert [label for label, _ in sort.toggles[0].options] == ["Symptoom", "Onderliggende behoefte"]
    sort.toggles[0].value = "symptoom"
    sort.toggles[1].value = "symptoom"
    sort.check_button.click()
    assert "1 van de 2" in strip_tags(sort.feedback.value)
    assert "Je koos 'Symptoom'" in sort.item_feedback[1].value.replace("&#x27;", "'")
    again = SortExercise(make_exercise(CATEGORIES), store=AnswerStore(store.folder))
    assert [t.value for t in again.toggles] == ["symptoom", "symptoom"]


def test_answer_must_be_one_of_the_categories(make_exercise) -> None:
    import pytest

    from cursuslib.content import ContentError

    with pytest.raises(ContentError, match=r"uitspraak 2, 'answer': 'doen' is niet toegestaan; kies uit: symptoom, behoefte"):
        make_exercise(CATEGORIES.replace("answer: behoefte", "answer: doen"))
