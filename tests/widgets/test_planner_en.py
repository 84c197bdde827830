"""KlantenKamer planner in English (CURSUSLIB_TAAL=en): labels, table and rule explanations from en.yaml."""

from __future__ import annotations

import pytest

from cursuslib.content import find_exercise
from cursuslib.store import AnswerStore
from cursuslib.widgets import PlannerExercise

from .visible import visible as shown

#: Every test here runs with the English widget texts (CURSUSLIB_TAAL=en).
pytestmark = pytest.mark.usefixtures("english")


def test_planner_in_english(store: AnswerStore) -> None:
    widget = PlannerExercise(find_exercise("04-planner"), store=store)
    assert widget.start.description == "Start time (hh:mm)"
    assert widget.minutes["ronde1"].description == "KlantenKamer, 1e ronde (minutes)"  # the part name is content
    text = shown(widget.programme.value)
    assert "Your programme Time Part Length" in text and "15.00–15.30 Ontvangst van de klanten 30 min." in text
    assert "18.30 End" in text and "uur" not in text and "Einde" not in text
    assert "✔ Correct: this programme fits the rules of the KlantenKamer." in text
    assert "Next step: think about who speaks in round 1" in text

    widget.minutes["ronde1"].value = 90
    text = shown(widget.programme.value)
    assert "✘ Not yet: 1 part does not fit the rules of the game yet." in text
    assert "KlantenKamer, 1e ronde takes 90 minutes; that is longer than 75 minutes. Reken voor" in text
    assert "Next step: change the minutes until no points are left here." in text
    widget.minutes["pauze"].value = 5  # the course's advice, not a rule: named as advice, not counted
    text = shown(widget.programme.value)
    assert "1 part does not fit the rules of the game yet." in text
    assert "Advice from the course (not a rule)" in text
    assert "Pauze takes 5 minutes. The rules allow that, but we advise at least 10 minutes." in text
    for dutch in ("duurt", "korter dan", "onderdelen passen", "Volgende stap", "Jouw programma"):
        assert dutch not in text

    widget.start.value = "23:30"
    assert "The programme runs on past midnight (02.50). Start earlier or plan shorter parts." in shown(widget.programme.value)
    widget.start.value = "morgen"
    assert "&#x27;morgen&#x27; is not a time. Write the start time like 15:00 or 9.30." in widget.programme.value
    assert "geen tijd" not in widget.programme.value
