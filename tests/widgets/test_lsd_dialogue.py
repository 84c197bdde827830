"""Multi-turn LSD widget, driven headless."""

from __future__ import annotations

from cursuslib.store import AnswerStore
from cursuslib.widgets.lsd_dialogue import LsdDialogue

from .conftest import strip_tags

DIALOGUE = """
id: 09-lsd-gesprek
type: lsd_dialogue
title: Wat heeft de klant echt nodig?
context: Een klant belt over de planningsapp.
turns:
  - customer: De app is traag.
  - customer: Vooral 's ochtends, als alle monteurs tegelijk hun planning openen.
  - customer: Dan staan ze te wachten en komen ze te laat bij de klant. Daar word ik gek van.
need: De planning moet om half acht voor iedereen klaarstaan.
"""

GOOD_SUMMARY = "Als ik u goed begrijp, is de app traag. Klopt dat?"
GOOD_QUESTION = "Wanneer merkt u dat de app traag is?"


def test_turn_by_turn_until_the_customer_confirms(make_exercise, store: AnswerStore) -> None:
    widget = LsdDialogue(make_exercise(DIALOGUE), store=store)
    assert "De app is traag." in widget.transcript.value and "Beurt 1 van 3" in widget.transcript.value
    widget.summary_box.value = GOOD_SUMMARY
    widget.question_box.value = GOOD_QUESTION
    widget.check_button.click()
    assert "Samenvatting" in widget.feedback.value and "Doorvraag" in widget.feedback.value
    widget.next_button.click()
    assert "Vooral &#x27;s ochtends" in widget.transcript.value or "Vooral 's ochtends" in widget.transcript.value
    assert widget.summary_box.value == "" and "Jij:" in widget.transcript.value
    widget.summary_box.value = "Dus u zegt dat het vooral 's ochtends traag is, als alle monteurs inloggen?"
    widget.question_box.value = "Wat gebeurt er dan bij de monteurs?"
    widget.next_button.click()  # sending also checks
    assert "Beurt 3 van 3" in widget.transcript.value
    widget.summary_box.value = ("Hoor ik u zeggen dat de monteurs 's ochtends op de app wachten en daardoor te laat "
                                "bij de klant komen, en dat u daar gek van wordt? Klopt dat?")
    widget.next_button.click()
    assert widget.finished and "precies wat ik bedoel" in widget.transcript.value
    assert "half acht" in widget.transcript.value and widget.inputs.layout.display == "none"


def test_advice_instead_of_summary_gets_no_confirmation(make_exercise, store: AnswerStore) -> None:
    widget = LsdDialogue(make_exercise(DIALOGUE), store=store)
    for _ in range(2):
        widget.summary_box.value = GOOD_SUMMARY
        widget.question_box.value = GOOD_QUESTION
        widget.next_button.click()
    widget.summary_box.value = "U moet gewoon een snellere server kopen."
    widget.next_button.click()
    assert not widget.finished and "nog niet helemaal" in strip_tags(widget.transcript.value)


def test_restore_after_restart_and_escaping(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(DIALOGUE)
    widget = LsdDialogue(exercise, store=store)
    widget.summary_box.value = "<script>alert(1)</script> Dus u zegt dat de app traag is?"
    widget.question_box.value = GOOD_QUESTION
    widget.next_button.click()
    widget.summary_box.value = "concept"
    again = LsdDialogue(exercise, store=AnswerStore(store.folder))
    assert again.turn == 1 and again.summary_box.value == "concept"
    assert "<script>" not in again.transcript.value and "&lt;script&gt;" in again.transcript.value
    again.restart_button.click()
    assert again.turn == 0 and again.exchanges == []
