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


WITH_NEED = """
id: 09-lsd-gesprek
type: lsd_dialogue
title: Wat heeft de klant echt nodig?
turns:
  - customer: De app is traag.
    key_ideas:
      - label: de app is traag
        words: ["app|applicatie|systeem ...3 traag|langzaam|sloom"]
  - customer: Vooral 's ochtends, als alle monteurs tegelijk hun planning openen.
  - customer: Dan staan ze te wachten en komen ze te laat bij de klant. Daar word ik gek van.
need: De planning moet om half acht voor iedereen klaarstaan.
key_ideas:
  - label: de planning staat om half acht klaar
    words: ["planning ...4 klaar|klaarstaan|klaarstaat", "half acht|7:30|7.30"]
    find: ["Dus de planning moet om half acht klaarstaan?"]
    miss: ["Dus de app is traag?"]
"""


def send(widget: LsdDialogue, summary: str, question: str = "") -> str:
    widget.summary_box.value, widget.question_box.value = summary, question
    widget.next_button.click()
    return strip_tags(widget.feedback.value)


def test_a_symptom_only_summary_gets_yes_but_and_the_need_gets_confirmation(make_exercise, store: AnswerStore) -> None:
    widget = LsdDialogue(make_exercise(WITH_NEED), store=store)
    send(widget, "Als ik u goed begrijp, is de app traag. Klopt dat?", "Wanneer merkt u dat?")
    send(widget, "Dus het is vooral 's ochtends traag, als alle monteurs de planning openen?", "Wat gebeurt er dan?")
    feedback = send(widget, "Hoor ik u zeggen dat de app 's ochtends traag is? Klopt dat?")
    assert not widget.finished and "Wat de klant echt nodig heeft, noem je nog niet" in feedback
    assert "Maar eigenlijk gaat het me om iets anders" in strip_tags(widget.transcript.value)
    assert "precies wat ik bedoel" not in widget.transcript.value
    feedback = send(widget, "Als ik u goed begrijp, moet de planning om half acht voor iedereen klaarstaan, zodat "
                            "de monteurs op tijd bij de klant zijn. Klopt dat?")
    assert widget.finished and "de klant herkent zich" in feedback
    assert store.get("09-lsd-gesprek")["exchanges"][-2]["reaction"] == "yes_but"


def test_a_summary_that_says_the_opposite_is_corrected(make_exercise, store: AnswerStore) -> None:
    widget = LsdDialogue(make_exercise(WITH_NEED), store=store)
    feedback = send(widget, "Als ik u goed begrijp, is de app juist niet traag? Klopt dat?")
    assert "tegenovergestelde" in feedback and "de app is traag" in feedback
    assert widget.turn == 0 and "Het zit precies andersom" in strip_tags(widget.transcript.value)


def to_last_turn(widget: LsdDialogue) -> None:
    send(widget, "Als ik u goed begrijp, is de app traag. Klopt dat?", "Wanneer merkt u dat?")
    send(widget, "Dus het is vooral 's ochtends traag, als alle monteurs de planning openen?", "Wat gebeurt er dan?")


def test_a_summary_that_only_shares_a_word_is_not_recognised(make_exercise, store: AnswerStore) -> None:
    widget = LsdDialogue(make_exercise(WITH_NEED), store=store)
    to_last_turn(widget)
    feedback = send(widget, "Dus u wilt een nieuwe app, klopt dat?")
    assert not widget.finished and "nog niet helemaal" in strip_tags(widget.transcript.value)
    assert feedback.count("Volgende stap") == 1 and "eigen woorden" in feedback
    assert "Maar eigenlijk" not in strip_tags(widget.transcript.value)


def test_the_customers_own_words_are_recognised_with_a_remark(make_exercise, store: AnswerStore) -> None:
    widget = LsdDialogue(make_exercise(WITH_NEED), store=store)
    to_last_turn(widget)
    feedback = send(widget, "Dus dan staan ze te wachten en komen ze te laat bij de klant en de planning moet om "
                            "half acht klaarstaan?")
    assert widget.finished and "bijna letterlijk" in feedback and "eigen woorden" in feedback


def test_part_of_the_need_gets_yes_but_naming_what_is_missing(make_exercise, store: AnswerStore) -> None:
    two_ideas = WITH_NEED + """  - label: de monteurs zijn op tijd bij de klant
    words: ["op tijd & klant*|vertrek*|weg"]
"""
    widget = LsdDialogue(make_exercise(two_ideas), store=store)
    to_last_turn(widget)
    feedback = send(widget, "Als ik u goed begrijp, moet de planning om half acht klaarstaan. Klopt dat?")
    assert not widget.finished and "mis je nog: &#x27;de monteurs zijn op tijd bij de klant&#x27;" in feedback
    assert "Maar eigenlijk gaat het me om iets anders" in strip_tags(widget.transcript.value)
