"""Reflection widget in English (CURSUSLIB_TAAL=en): step names, default prompts and hints from the catalogue."""

from __future__ import annotations

import pytest

from cursuslib.content import find_exercise
from cursuslib.store import AnswerStore
from cursuslib.widgets import ReflectionExercise

#: Every test here runs with the English widget texts (CURSUSLIB_TAAL=en).
pytestmark = pytest.mark.usefixtures("english")


def test_reflection_of_the_course_in_english(store: AnswerStore) -> None:
    exercise = find_exercise("01-reflectie-lsd")
    refl = ReflectionExercise(exercise, store=store)
    assert [b.description for b in refl.boxes.values()] == [
        "Situation", "Task", "Action", "Result", "Reflection", "Transfer"]
    # the exercise's own questions are lesson content and stay as written
    assert refl.boxes["taak"].placeholder == exercise.data["prompts"]["taak"]
    assert refl.overview_button.description == "Show overview"
    refl.write("situatie", "Met Daan over zijn stage.")
    count = refl.counts["situatie"].value
    assert "5 words" in count and "Make it more concrete" in count and "guideline: 15 words or more" in count
    refl.write("taak", "Luisteren")
    assert "1 word " in refl.counts["taak"].value and "woord" not in refl.counts["taak"].value
    refl.overview_button.click()
    shown = refl.overview.value
    assert "<strong>Your reflection</strong> (6 words in total)" in shown
    assert "<h4>Situation <small>(5 words)</small></h4>" in shown and "Nothing written yet." in shown
    assert "Next step: add to &#x27;Situation&#x27;. Make it more concrete" in shown
    # the widget's own words are English (the exercise's key ideas and step examples are Dutch lesson content)
    for dutch in ("Jouw reflectie", " woorden)", "Nog niets", "Volgende stap", "Situatie <small>", "Kernideeën"):
        assert dutch not in shown


def test_default_prompts_follow_the_language(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise("""
id: 09-refl
type: reflection
title: Reflectie
prompts:
  situatie: Met wie oefende je?
min_words: 3
""")
    refl = ReflectionExercise(exercise, store=store)
    assert refl.boxes["situatie"].placeholder == "Met wie oefende je?"  # the exercise's own question
    assert refl.boxes["taak"].placeholder == "What was your role? What did you want to achieve?"
    assert "What went well?" in refl.children[2 + 3 * 4].value  # the Reflection step's question above its box
    for key in refl.boxes:
        refl.write(key, "Ik deed dit goed.")
    refl.overview_button.click()
    assert "Next step: pick one point from your Reflection and try it out" in refl.overview.value


def test_finishing_the_course_reflection_in_english_shows_examples_and_open_points(store: AnswerStore) -> None:
    exercise = find_exercise("01-reflectie-lsd")
    refl = ReflectionExercise(exercise, store=store)
    assert refl.done_button.description == "Finish reflection"
    assert "Once you finish, you will see a weak and a strong example" in refl.later.value
    for key in ("situatie", "taak", "actie", "resultaat"):
        refl.write(key, "Ik deed de oefening met een klasgenoot.")
    refl.done_button.click()
    assert "First write something for: Reflection." in refl.done_message.value
    refl.write("reflectie", "Volgende keer vat ik eerder samen.")
    refl.done_button.click()
    assert "Finished and saved. You have not ticked these points yet:" in refl.done_message.value
    assert "Examples: weak and strong" in refl.examples.value and "What makes it strong:" in refl.examples.value
    for dutch in ("Afgerond", "Voorbeelden", "Zwak:", "Wat maakt"):
        assert dutch not in refl.done_message.value + refl.examples.value
