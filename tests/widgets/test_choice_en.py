"""Choice quiz in English (CURSUSLIB_TAAL=en): widget texts and feedback from the English catalogue."""

from __future__ import annotations

import pytest

from cursuslib.content import find_exercise
from cursuslib.store import AnswerStore
from cursuslib.widgets import ChoiceQuiz

from .conftest import strip_tags

#: Every test here runs with the English widget texts (CURSUSLIB_TAAL=en).
pytestmark = pytest.mark.usefixtures("english")


def test_single_choice_in_english(store: AnswerStore) -> None:
    quiz = ChoiceQuiz(find_exercise("00-proef"), store=store)
    assert [b.description for b in (quiz.check_button, quiz.retry_button, quiz.model_button)] == [
        "Check", "Try again", "Show model answer"]
    assert quiz.retry_button.tooltip == "Clear your choice and try again"
    quiz.check_button.click()
    assert "You have not chosen an answer yet." in quiz.feedback.value
    quiz.radio.value = "a"
    quiz.check_button.click()
    shown = strip_tags(quiz.feedback.value)
    assert "✘ Not yet" in shown and "Not yet: this answer fits less well." in shown
    assert "You chose:" in shown and "(does not fit)" in shown
    assert "<strong>Next step:</strong>" in quiz.feedback.value
    assert "click &#x27;Check&#x27; again" in quiz.feedback.value
    # the option's own explanation stays Dutch (exercise content); the widget's sentences do not
    for dutch in ("✘ Nog niet", "past minder goed", "Je koos", "<strong>Volgende stap:", "Controleer", "(past niet)"):
        assert dutch not in quiz.feedback.value
    quiz.radio.value = "c"
    assert "You changed your choice. Click &#x27;Check&#x27; for new feedback." in quiz.feedback.value
    quiz.retry_button.click()
    assert "Your choice has been cleared" in quiz.feedback.value
    quiz.radio.value = "b"
    quiz.check_button.click()
    assert "✔ Correct" in quiz.feedback.value and "Well done: that is right." in quiz.feedback.value
    quiz.model_button.click()
    model = strip_tags(quiz.model.value)
    assert "Model answer" in model and "✔ Right answer" in model and "✘ Not right" in model
    assert 'aria-label="Model answer"' in quiz.model.value
    assert "Compare with your choice" in model and "Modelantwoord" not in quiz.model.value.split("<ul>")[0]
    assert "Goed antwoord" not in model and "Vergelijk" not in model


def test_multiple_choice_counts_in_english(store: AnswerStore) -> None:
    quiz = ChoiceQuiz(find_exercise("01-quiz-doorvragen"), store=store)  # right: a, c, e
    quiz.select(["a"])
    quiz.check_button.click()
    assert "Not quite: 2 right answers are still missing." in strip_tags(quiz.feedback.value)
    quiz.select(["a", "b", "c", "e"])
    quiz.check_button.click()
    assert "Not quite: 1 of your choices does not fit." in strip_tags(quiz.feedback.value)
    quiz.select(["a", "b", "d"])
    quiz.check_button.click()
    shown = strip_tags(quiz.feedback.value)
    assert "Not quite: 2 of your choices do not fit and 2 right answers are still missing." in shown
    assert "ontbreken" not in shown and "passen niet" not in shown
    quiz.select(["a", "c", "e"])
    quiz.check_button.click()
    assert "Well done: you found all the right answers." in quiz.feedback.value
