"""Matching widget, driven headless."""

from __future__ import annotations

from cursuslib.store import AnswerStore
from cursuslib.widgets.matching import MatchingExercise

from .conftest import strip_tags

MATCHING = """
id: 09-koppel
type: matching
title: Welke eigenschap past?
choices:
  - {key: tijdig, label: Reageer tijdig}
  - {key: luisteren, label: Luister goed}
  - {key: eerlijk, label: "Wees eerlijk <b>altijd</b>"}
items:
  - {situation: Een klant mailt op vrijdagmiddag over een fout., answer: tijdig, explanation: Laat weten wanneer je reageert.}
  - {situation: De klant vertelt een lang verhaal., answer: luisteren, explanation: Vat samen wat je hoort.}
  - {situation: Je kunt de deadline niet halen., answer: eerlijk, explanation: Zeg het op tijd en bied iets aan.}
model_answer: Let op de **signalen** in elke situatie.
"""


def test_each_situation_has_a_labelled_dropdown(make_exercise, store: AnswerStore) -> None:
    matching = MatchingExercise(make_exercise(MATCHING), store=store)
    assert [d.description for d in matching.dropdowns] == ["Situatie 1", "Situatie 2", "Situatie 3"]
    assert list(matching.dropdowns[0].options) == [
        ("(kies)", ""), ("Reageer tijdig", "tijdig"), ("Luister goed", "luisteren"),
        ("Wees eerlijk <b>altijd</b>", "eerlijk")]
    assert all(d.value == "" for d in matching.dropdowns)
    assert "vrijdagmiddag" in strip_tags(matching.children[2].value)


def test_feedback_per_situation_with_hints_that_build_up(make_exercise, store: AnswerStore) -> None:
    matching = MatchingExercise(make_exercise(MATCHING), store=store)
    matching.dropdowns[0].value = "tijdig"
    matching.dropdowns[1].value = "eerlijk"
    matching.check_button.click()
    shown = strip_tags(matching.feedback.value)
    assert "1 van de 3 situaties is goed gekoppeld. 1 is nog niet gekoppeld." in shown
    assert "Volgende stap" in shown and 'aria-live="polite"' in matching.feedback.value
    assert "✔ Goed" in matching.item_feedback[0].value and "Laat weten" in matching.item_feedback[0].value
    second = matching.item_feedback[1].value
    assert "✘ Nog niet" in second and "Tip" in second and "Vat samen" not in second  # first a hint
    assert "Wees eerlijk &lt;b&gt;altijd&lt;/b&gt;" in second  # the choice is shown as text
    assert "Nog niet gekoppeld" in matching.item_feedback[2].value
    matching.check_button.click()
    assert "Vat samen" in matching.item_feedback[1].value  # then the explanation


def test_a_change_after_checking_asks_to_check_again(make_exercise, store: AnswerStore) -> None:
    matching = MatchingExercise(make_exercise(MATCHING), store=store)
    matching.choose(0, "luisteren")
    matching.check_button.click()
    matching.choose(0, "tijdig")
    assert "controleer opnieuw" in matching.item_feedback[0].value
    assert store.get("09-koppel")["answers"] == {"0": "tijdig"}


def test_all_right_and_model_answer_only_after_an_attempt(make_exercise, store: AnswerStore) -> None:
    matching = MatchingExercise(make_exercise(MATCHING), store=store)
    assert matching.model_button.layout.display == "none"
    matching.show_model()
    assert matching.model.value == "" and "eerst zelf" in matching.feedback.value
    matching.check_button.click()  # nothing chosen: no attempt yet
    assert matching.model_button.layout.display == "none"
    for index, key in enumerate(["tijdig", "luisteren", "eerlijk"]):
        matching.choose(index, key)
    matching.check_button.click()
    assert "Alle 3 situaties zijn goed gekoppeld" in matching.feedback.value and "✔ Goed" in matching.feedback.value
    assert matching.model_button.layout.display is None
    matching.model_button.click()
    model = matching.model.value
    assert "Modelantwoord" in model and "<strong>signalen</strong>" in model
    assert "Zeg het op tijd" in model and "&lt;b&gt;altijd" in model


def test_restart_restores_choices_feedback_and_model(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(MATCHING)
    matching = MatchingExercise(exercise, store=store)
    matching.choose(2, "tijdig")
    matching.check_button.click()
    matching.model_button.click()
    again = MatchingExercise(exercise, store=AnswerStore(store.folder))
    assert [d.value for d in again.dropdowns] == ["", "", "tijdig"]
    assert again.attempts == 1
    assert again.item_feedback[2].value == matching.item_feedback[2].value
    assert again.feedback.value == matching.feedback.value
    assert again.model.value == matching.model.value


def test_restore_ignores_unknown_keys(make_exercise, store: AnswerStore) -> None:
    store.save("09-koppel", {"answers": {"0": "weg", "1": "luisteren", "x": "tijdig"}, "attempts": "veel"})
    matching = MatchingExercise(make_exercise(MATCHING), store=store)
    assert [d.value for d in matching.dropdowns] == ["", "luisteren", ""]
    assert matching.attempts == 0 and matching.model_button.layout.display == "none"


def test_start_over_clears_everything(make_exercise, store: AnswerStore) -> None:
    matching = MatchingExercise(make_exercise(MATCHING), store=store)
    matching.choose(0, "tijdig")
    matching.check_button.click()
    matching.retry_button.click()
    assert [d.value for d in matching.dropdowns] == ["", "", ""]
    assert all(note.value == "" for note in matching.item_feedback)
    assert "Alles is gewist" in matching.feedback.value
    assert store.get("09-koppel")["answers"] == {}
