"""The intake widget, driven headless: chat, coach, debrief, order confirmation, restart and restore."""

from __future__ import annotations

from pathlib import Path

import yaml

from cursuslib.content import parse_exercise
from cursuslib.store import AnswerStore
from cursuslib.widgets.intake import IntakeExercise

from .conftest import strip_tags

SALON = (Path(__file__).parents[1] / "data" / "salon_intake.yaml").read_text(encoding="utf-8")

LETTER = ("Beste mevrouw,\n\nBedankt voor het gesprek. U wilt dat klanten online een afspraak maken, zodat u rustig "
          "kunt knippen en minder telefoontjes mist. Op vrijdag 14 juni stuur ik u een eerste ontwerp.\n\nGroet, Sam")


def salon():  # type: ignore[no-untyped-def]
    return parse_exercise(yaml.safe_load(SALON), lesson="09_test", source="09_test.yaml", position=1)


def say(widget: IntakeExercise, line: str, *, enter: bool = False) -> str:
    widget.box.value = line
    if enter:  # the browser sends {'event': 'submit'} when the student presses Enter
        widget.box._handle_custom_msg({"event": "submit"}, [])
    else:
        widget.send_button.click()
    return strip_tags(widget.transcript.value)


def test_chat_with_enter_and_button_and_the_coach(store: AnswerStore) -> None:
    widget = IntakeExercise(salon(), store=store)
    assert "Ik wil dat klanten online een afspraak kunnen maken" in strip_tags(widget.transcript.value)
    assert widget.letter_part.layout.display == "none"  # the letter comes after the conversation
    shown = say(widget, "Hoe maken klanten nu een afspraak?", enter=True)
    assert "papieren agenda" in shown and widget.box.value == ""
    assert 'aria-live="polite"' in widget.transcript.value  # the newest reply is announced
    assert widget.coach.value == ""  # coach off: only the client answers
    widget.coach_box.value = True
    coach = strip_tags(widget.coach.value)
    assert "Open vraag." in coach and "hoe afspraken nu gaan" in coach and coach.count("Volgende stap") == 1
    say(widget, "Is het op zaterdag druk?")
    coach = strip_tags(widget.coach.value)
    assert "Gesloten vraag." in coach and "vraag open door" in coach
    say(widget, "   ")  # an empty line sends nothing
    assert len(widget.conversation.turns) == 2


def test_the_student_text_is_escaped_in_the_transcript(store: AnswerStore) -> None:
    widget = IntakeExercise(salon(), store=store)
    say(widget, "<img src=x onerror=alert(1)> wat is uw budget?")
    assert "<img" not in widget.transcript.value and "&lt;img" in widget.transcript.value


def test_finish_shows_the_debrief_then_the_letter_is_checked_and_the_model_follows(store: AnswerStore) -> None:
    widget = IntakeExercise(salon(), store=store)
    widget.close_button.click()  # nothing asked yet: the conversation stays open
    assert not widget.conversation.closed and "eerst een paar vragen" in strip_tags(widget.coach.value)
    say(widget, "Hoe maken klanten nu een afspraak?")
    say(widget, "Wat zou het voor u veranderen?")
    widget.close_button.click()
    debrief = strip_tags(widget.debrief_view.value)
    assert "Je vond 1 van de 5 onderwerpen" not in debrief and "Je vond 2 van de 5 onderwerpen" in debrief
    assert "gevonden" in debrief and "gemist" in debrief and "Hoe maken klanten nu een afspraak?" in debrief
    assert widget.chat.layout.display == "none" and widget.letter_part.layout.display is None
    widget.letter.value = "Beste mevrouw, ik ga iets moois maken."
    widget.check_button.click()
    feedback = strip_tags(widget.feedback.value)
    assert "✘ Nog niet" in feedback and "wat het voor haar verandert" in feedback and feedback.count("Volgende stap") == 1
    assert widget.model_button.layout.display is None  # the model comes after a first attempt
    widget.letter.value = LETTER
    widget.check_button.click()
    assert "✔ Goed" in strip_tags(widget.feedback.value)
    widget.model_button.click()
    assert "Noemt de behoefte" in strip_tags(widget.model.value)


def test_restart_asks_first_and_keeps_the_letter(store: AnswerStore) -> None:
    widget = IntakeExercise(salon(), store=store)
    say(widget, "Hoe maken klanten nu een afspraak?")
    widget.letter.value = "concept"
    widget.restart_button.click()
    assert widget.restart_row.layout.display is None and len(widget.conversation.turns) == 1
    widget.keep_button.click()
    assert widget.restart_row.layout.display == "none" and len(widget.conversation.turns) == 1
    widget.restart_button.click()
    widget.confirm_restart.click()
    assert widget.conversation.turns == [] and widget.letter.value == "concept"


def test_a_restarted_kernel_finds_the_conversation_mid_way(store: AnswerStore) -> None:
    widget = IntakeExercise(salon(), store=store)
    say(widget, "Hoe maken klanten nu een afspraak?")
    say(widget, "Wanneer is het het drukst?")
    widget.coach_box.value = True
    widget.box.value = "Wat is uw bud"  # a draft, not sent yet
    again = IntakeExercise(salon(), store=AnswerStore(store.folder))
    assert [t.said for t in again.conversation.turns] == ["Hoe maken klanten nu een afspraak?", "Wanneer is het het drukst?"]
    assert again.box.value == "Wat is uw bud" and again.coach_box.value is True
    assert "vooral op zaterdag" not in strip_tags(again.transcript.value)  # the full answer, not the short one
    assert "Op zaterdag staat de salon vol" in strip_tags(again.transcript.value)
    assert say(again, "Wat is uw budget?").count("tweeduizend euro") == 1


def test_the_portfolio_has_the_transcript_the_debrief_and_the_letter(store: AnswerStore) -> None:
    from cursuslib.types import spec_of
    from cursuslib.types.base import Context

    widget = IntakeExercise(salon(), store=store)
    say(widget, "Hoe maken klanten nu een afspraak?")
    widget.close_button.click()
    widget.letter.value = LETTER
    widget.check_button.click()
    blocks = spec_of(widget.exercise).portfolio(widget.exercise, widget.state(), Context())
    text = repr(blocks)
    assert "Hoe maken klanten nu een afspraak?" in text and "Nabespreking" in text and "Jouw opdrachtbevestiging" in text
