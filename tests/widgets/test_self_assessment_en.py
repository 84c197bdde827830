"""Self-assessment in English (CURSUSLIB_TAAL=en): the course's real begin and end exercises, widget texts,
calibration and chart from the English catalogue; the exercise content (qualities, levels) stays Dutch."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from ipywidgets import HTML

from cursuslib.content import find_exercise
from cursuslib.store import AnswerStore
from cursuslib.types.self_assessment import format_level
from cursuslib.widgets import SelfAssessment

from .conftest import strip_tags

SVG = "{http://www.w3.org/2000/svg}"


#: Every test here runs with the English widget texts (CURSUSLIB_TAAL=en).
pytestmark = pytest.mark.usefixtures("english")


def test_begin_in_english(store: AnswerStore) -> None:
    widget = SelfAssessment(find_exercise("02-zelfbeoordeling"), store=store)
    tijdig = widget.choices["tijdig"]
    assert tijdig.label == "Reageer tijdig"  # exercise content stays Dutch
    assert tijdig.empty_text == "not filled in yet" and tijdig.value_texts[1] == "level 2 of 4"
    assert widget.done_button.description == "Done"
    assert widget.done_button.tooltip == "Confirm your ratings and see the overview"
    assert "Not filled in yet. Use the slider to choose the level" in widget.current["tijdig"].value
    widget.rate("tijdig", 2)
    assert "<strong>Level 2:</strong> Ik reageer binnen een paar dagen" in widget.current["tijdig"].value
    widget.done_button.click()
    shown = strip_tags(widget.summary.value)
    assert "Your starting point" in shown and "Reageer tijdig" in shown and ": level 2 – " in shown
    assert "Not chosen yet: &#x27;Noteer de naam van de klant&#x27;" in shown
    assert "This is not a grade" in shown and "Next step:" in shown
    assert "also choose the level for &#x27;Noteer de naam van de klant&#x27;" in shown
    for dutch in ("Niveau", "Nog niet gekozen", "Nog niet ingevuld", "Je startpunt", "geen cijfer", "Volgende stap", "Klaar"):
        assert dutch not in widget.summary.value + widget.current["tijdig"].value + widget.current["naam"].value
    for key in widget.choices:
        widget.rate(key, 3)
    shown = strip_tags(widget.summary.value)
    assert "choose a quality to grow in, for example &#x27;Reageer tijdig&#x27;. Level 4 means:" in shown
    assert store.get("02-zelfbeoordeling")["levels"]["tijdig"] == 3


def test_end_chart_and_calibration_in_english(store: AnswerStore) -> None:
    matching = find_exercise("02-eigenschappen-koppelen")
    answers = {str(i): item.answer if i < 5 else "geen" for i, item in enumerate(matching.data["items"])}
    store.save(matching.id, {"attempts": 1, "answers": answers})  # 5 of 10 right: level 2.5
    widget = SelfAssessment(find_exercise("05-zelfbeoordeling-eind"), store=store)
    notice = strip_tags(widget.begin_notice.value)
    assert "You have not filled in the self-assessment from the start" in notice and "open lesson 02" in notice
    widget.rate("tijdig", 4)
    root = ET.fromstring(widget.chart.value)
    label = root.get("aria-label") or ""
    assert label.startswith("Self-assessment at the start and at the end per quality, level 1 to 4.")
    assert "Reageer tijdig: start not filled in, end 4" in label
    words = {"".join(t.itertext()) for t in root.iter(f"{SVG}text")}
    assert {"Start (striped)", "End (solid)", "Start", "End", "level", "not filled in"} <= words
    assert not words & {"Begin (gestreept)", "Eind (vol)", "niveau", "niet ingevuld"}
    calibration = strip_tags(widget.calibration["tijdig"].value)
    assert "You rate yourself higher than the exercises show (you: level 4, the exercises: level 2.5)." in calibration
    assert "How do you explain the difference? Think about what you do in a real conversation" in calibration
    assert widget.explanations["tijdig"].placeholder == "How do you explain the difference?"
    widget.rate("tijdig", 2)
    assert "about the same" in widget.calibration["tijdig"].value
    assert widget.explanations["tijdig"].placeholder == "How do you notice this yourself?"
    assert "You have not rated yourself on this quality yet." in widget.calibration["eerlijk"].value
    widget.rate("eerlijk", 3)
    assert "You have not done the exercises" in widget.calibration["eerlijk"].value
    assert "What do you base your rating on? Name a situation" in widget.calibration["eerlijk"].value
    page = "".join(child.value for child in widget.children if isinstance(child, HTML))
    assert "<h4>Start and end side by side</h4>" in page and "<h4>Compare with the exercises</h4>" in page
    assert "A difference is not a judgement" in page and "Begin en eind naast elkaar" not in page
    widget.done_button.click()
    shown = strip_tags(widget.summary.value)
    assert "Your final rating" in shown and "This is not a grade" in shown
    for dutch in ("Je eindmeting", "Je schat jezelf", "Hoe verklaar", "Volgende stap"):
        assert dutch not in widget.summary.value + widget.calibration["tijdig"].value


def test_begin_and_end_side_by_side_in_english(store: AnswerStore) -> None:
    begin = SelfAssessment(find_exercise("02-zelfbeoordeling"), store=store)
    begin.rate("tijdig", 2)
    widget = SelfAssessment(find_exercise("05-zelfbeoordeling-eind"), store=store)
    assert widget.begin_notice.value == ""
    widget.rate("tijdig", 3)
    assert "At the start you chose level 2, now level 3." in widget.calibration["tijdig"].value
    widget.rate("tijdig", 2)
    assert "At the start you also chose level 2." in widget.calibration["tijdig"].value
    assert format_level(2.5) == "2.5"
