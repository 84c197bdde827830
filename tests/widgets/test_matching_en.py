"""Matching widget in English (CURSUSLIB_TAAL=en): labels and feedback from the English catalogue."""

from __future__ import annotations

import pytest

from cursuslib.content import find_exercise
from cursuslib.store import AnswerStore
from cursuslib.widgets import MatchingExercise

from .conftest import strip_tags

#: Every test here runs with the English widget texts (CURSUSLIB_TAAL=en).
pytestmark = pytest.mark.usefixtures("english")


def test_matching_in_english(store: AnswerStore) -> None:
    matching = MatchingExercise(find_exercise("02-eigenschappen-koppelen"), store=store)  # tijdig, tijdig, naam, ...
    assert [d.description for d in matching.dropdowns[:2]] == ["Situation 1", "Situation 2"]
    assert matching.dropdowns[0].options[:2] == (("(choose)", ""), ("Reageer tijdig", "tijdig"))
    assert "<strong>Situation 1.</strong>" in matching.children[2].value
    assert [b.description for b in (matching.check_button, matching.retry_button)] == ["Check", "Try again"]
    matching.check_button.click()
    assert "You have not matched any situations yet." in matching.feedback.value
    assert "click &#x27;Check&#x27;" in matching.feedback.value
    matching.choose(0, "tijdig")
    matching.choose(1, "naam")
    matching.check_button.click()
    shown = strip_tags(matching.feedback.value)
    assert "1 of the 10 situations is matched correctly. 8 are not matched yet." in shown
    assert "✔ Correct" in matching.item_feedback[0].value
    tip = matching.item_feedback[1].value
    assert "You chose &#x27;Noteer de naam van de klant&#x27;" in tip and "Which word or action decides it?" in tip
    assert "Not matched yet." in matching.item_feedback[2].value
    for dutch in ("situaties", "gekoppeld", "Je koos", "Nog niet", "Volgende stap", "(kies)"):
        assert dutch not in matching.feedback.value + tip + matching.item_feedback[2].value
    matching.choose(1, "tijdig")
    matching.check_button.click()
    assert "2 of the 10 situations are matched correctly." in strip_tags(matching.feedback.value)
    matching.model_button.click()
    assert 'aria-label="Model answer"' in matching.model.value
    matching.retry_button.click()
    assert "Everything has been cleared. Match the situations again." in matching.feedback.value
