"""Ordering widget in English (CURSUSLIB_TAAL=en): buttons, tooltips and feedback from the English catalogue."""

from __future__ import annotations

import pytest

from cursuslib.content import find_exercise
from cursuslib.store import AnswerStore
from cursuslib.widgets import OrderingExercise

from .conftest import strip_tags

#: Every test here runs with the English widget texts (CURSUSLIB_TAAL=en).
pytestmark = pytest.mark.usefixtures("english")


def test_ordering_in_english(store: AnswerStore) -> None:
    widget = OrderingExercise(find_exercise("05-volgorde"), store=store)
    assert widget.up[1].description == "▲ Up" and widget.down[0].description == "▼ Down"
    assert widget.up[1].tooltip.startswith("Move '") and widget.up[1].tooltip.endswith("' one place up")
    assert widget.check_button.description == "Check"
    widget.show_model()
    assert "Try it yourself first" in widget.feedback.value and widget.model.value == ""
    widget.up[1].click()
    assert "is now in place 1." in widget.feedback.value and "staat nu" not in widget.feedback.value
    for goal_position, step in enumerate([1, 0, 2, 3]):  # one wrong pair: 'Samenvatten' before 'Luisteren'
        while widget.order.index(step) > goal_position:
            widget.up[widget.order.index(step)].click()
    widget.check_button.click()
    shown = strip_tags(widget.feedback.value)
    assert "✘ Not yet" in shown and "2 of the 4 steps are already in the right place." in shown
    assert "<strong>Next step:</strong>" in widget.feedback.value and "marked &#x27;Not yet&#x27;" in shown
    assert "This step belongs somewhere else." in widget.notes[0].value
    assert "Deze stap" not in widget.notes[0].value and "Volgende stap" not in widget.feedback.value
    widget.model_button.click()
    assert "<strong>Model answer</strong>" in widget.model.value and "Modelantwoord" not in widget.model.value
