"""Sort widget in English (CURSUSLIB_TAAL=en): default categories, labels and feedback from the English catalogue."""

from __future__ import annotations

import html

import pytest

from cursuslib.content import find_exercise
from cursuslib.store import AnswerStore
from cursuslib.widgets import SortExercise

from .conftest import strip_tags

#: Every test here runs with the English widget texts (CURSUSLIB_TAAL=en).
pytestmark = pytest.mark.usefixtures("english")


def test_do_dont_sorting_in_english(store: AnswerStore) -> None:
    sort = SortExercise(find_exercise("01-voorbereiding-sorteren"), store=store)  # doen, doen, niet_doen, ...
    assert [t.description for t in sort.toggles[:2]] == ["Statement 1", "Statement 2"]
    assert list(sort.toggles[0].options) == [("Do", "doen"), ("Don't", "niet_doen")]
    assert [b.description for b in (sort.check_button, sort.retry_button)] == ["Check", "Start again"]
    sort.check_button.click()
    assert "You have not sorted any statements yet." in sort.feedback.value
    sort.choose(0, "doen")
    sort.choose(1, "niet_doen")
    sort.check_button.click()
    shown = strip_tags(sort.feedback.value)
    assert "1 of the 8 statements is in the right place. 6 are not sorted yet." in shown
    assert "<strong>Next step:</strong>" in sort.feedback.value and "marked &#x27;Not yet&#x27;" in sort.feedback.value
    tip = sort.item_feedback[1].value
    assert "✘ Not yet" in tip and "You chose &#x27;Don&#x27;t&#x27;" in tip
    assert "what does the customer notice when you do this?" in tip
    assert "Not sorted yet." in sort.item_feedback[2].value
    for dutch in ("uitspraken", "Nog niet", "Je koos", "Niet doen", "ingedeeld", "Volgende stap"):
        assert dutch not in sort.feedback.value + tip + sort.item_feedback[2].value
    sort.choose(1, "doen")
    assert "Changed: check again." in sort.item_feedback[1].value
    sort.check_button.click()
    sort.model_button.click()
    model = html.unescape(strip_tags(sort.model.value))
    assert "Model answer" in model and "Don't" in model and "Niet doen" not in model
    sort.retry_button.click()
    assert "Everything has been cleared. Sort the statements again." in sort.feedback.value


def test_own_categories_stay_as_the_exercise_wrote_them(store: AnswerStore) -> None:
    sort = SortExercise(find_exercise("05-symptoom-behoefte"), store=store)
    assert [label for label, _ in sort.toggles[0].options] == ["Symptoom", "Onderliggende behoefte"]
    sort.choose(0, "behoefte")
    sort.check_button.click()
    note = sort.item_feedback[0].value
    assert "You chose &#x27;Onderliggende behoefte&#x27;" in note
    assert "which category fits better?" in note and "After your next attempt" in note
