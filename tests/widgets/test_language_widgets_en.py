"""The language widgets in English (CURSUSLIB_TAAL=en), built from the course's own exercises.

The widget's words (labels, buttons, verdict sentences, next steps) are English; the feedback
engine's explanations and the exercise content stay Dutch.
"""

from __future__ import annotations

import pytest

from cursuslib.content import find_exercise
from cursuslib.store import AnswerStore
from cursuslib.widgets import LsdDialogue, LsdPractice, QuestionDrill, QuestionPractice, ReplyExercise, RewriteExercise

from .conftest import strip_tags

#: Every test here runs with the English widget texts (CURSUSLIB_TAAL=en).
pytestmark = pytest.mark.usefixtures("english")


def shown(html: str) -> str:
    """The visible text of an HTML part, with whitespace collapsed and quotes unescaped."""
    return " ".join(strip_tags(html).replace("&#x27;", "'").replace("&quot;", '"').split())


def test_question_practice_in_english(store: AnswerStore) -> None:
    exercise = find_exercise("01-open-vraag-stellen")
    widget = QuestionPractice(exercise, store=store)
    assert widget.answer.description == "Your question" and "in Dutch" in widget.answer.placeholder
    assert widget.check_button.description == "Check" and widget.model_button.description == "Show example"
    assert shown(widget.situation.value).startswith("Situation: Fatima")
    widget.check_button.click()
    assert shown(widget.feedback.value) == "First type a question, then click 'Check'."

    widget.answer.value = "Heeft u op zaterdag een vaste planning voor de werkplaats?"
    widget.check_button.click()
    text = shown(widget.feedback.value)
    assert "✘ Not yet" in text and "this is a closed question ." in text and "<strong>closed question</strong>" in widget.feedback.value
    assert "Your question: Heeft u" in text and "Next step: maak je vraag open" in text  # the engine's words stay Dutch
    for dutch in ("Nog niet", "dit is een", "gesloten vraag .", "Jouw vraag", "Volgende stap"):
        assert dutch not in text, dutch

    widget.answer.value = "Hoe verloopt de planning van de werkplaats op een drukke zaterdag?"
    widget.check_button.click()
    text = shown(widget.feedback.value)
    assert "✔ Correct" in text and "this is an open question ." in text
    assert "Next step: now think of a follow-up question" in text and "bedenk nu" not in text
    widget.model_button.click()
    model = shown(widget.model.value)
    assert model.startswith("Example") and "Compare: does your question also start with a question word" in model
    assert 'aria-label="Example"' in widget.model.value and "Voorbeeld" not in model and "Vergelijk" not in model

    again = QuestionPractice(exercise, store=AnswerStore(store.folder))  # restored feedback is English too
    assert "this is an open question" in shown(again.feedback.value) and "Example" in shown(again.model.value)


def test_question_drill_in_english(store: AnswerStore) -> None:
    widget = QuestionDrill(find_exercise("01-open-gesloten-herkennen"), store=store)
    assert widget.toggles[0].options == (("Open", "open"), ("Closed", "closed"))
    assert widget.toggles[0].description == "Question 1"
    widget.toggles[0].value = "open"  # right: "Wie maakt er ...?"
    widget.toggles[1].value = "open"  # wrong: "Werkt u al met een online agenda?" is closed
    first, second = shown(widget.notes[0].value), shown(widget.notes[1].value)
    assert first.startswith("✔ Correct : this question is open.")
    assert second.startswith("✘ Not yet : this question is closed.") and "Make it open:" in second
    assert "deze vraag is" not in first + second and "Open maken" not in second and "Nog niet" not in second
    assert shown(widget.summary.value) == ""  # not all answered yet: no score
    for toggle, item in zip(widget.toggles[2:], widget.items[2:], strict=True):
        toggle.value = item.kind
    summary = shown(widget.summary.value)
    assert summary == (f"{len(widget.items) - 1} of the {len(widget.items)} questions sorted correctly. "
                       "Next step: read the explanation next to 'Not yet' and choose again.")
    widget.toggles[1].value = "closed"
    assert shown(widget.summary.value).endswith("Next step: turn each closed question above into an open question yourself.")


def test_lsd_practice_in_english(store: AnswerStore) -> None:
    widget = LsdPractice(find_exercise("01-lsd-oefenen"), store=store)
    assert (widget.summary_box.description, widget.question_box.description) == ("Summary", "Follow-up")
    assert widget.summary_box.placeholder.startswith("In Dutch, for example:")
    assert "The customer says:" in shown(widget.customer.value) and "De klant zegt" not in shown(widget.customer.value)
    widget.check_button.click()
    assert shown(widget.feedback.value) == "First write a summary and a follow-up question."
    widget.model_button.click()  # hidden before an attempt; clicking anyway asks to try first
    assert shown(widget.feedback.value) == "Try it yourself first: the example appears after your first attempt."

    widget.summary_box.value = "U moet gewoon een systeem kopen."
    widget.question_box.value = "Gebeurt dat elke dag?"
    widget.check_button.click()
    html = widget.feedback.value
    assert "<strong>Summary</strong>: " in html and "<strong>Follow-up</strong>: " in html
    assert html.count("✘ Not yet") == 2 and "Nog niet" not in html
    assert "<strong>Samenvatting</strong>" not in html and "<strong>Doorvraag</strong>" not in html
    widget.model_button.click()
    model = shown(widget.model.value)
    assert model.startswith("Example Summary:") and "Follow-up:" in model and "Compare: do you use" in model
    assert "Samenvatting:" not in model and "Vergelijk" not in model


def test_lsd_dialogue_in_english(store: AnswerStore) -> None:
    widget = LsdDialogue(find_exercise("05-lsd-gesprek"), store=store)
    transcript = shown(widget.transcript.value)
    assert transcript.startswith("Turn 1 of 4 Customer: Die planningsapp") and 'aria-label="Conversation"' in widget.transcript.value
    assert (widget.next_button.description, widget.next_button.tooltip) == ("Send to the customer",
                                                                          "Go to the customer's next turn")
    assert widget.restart_button.description == "Start again" and widget.check_button.description == "Check"
    widget.check_button.click()
    assert shown(widget.feedback.value) == "First write a summary of what the customer said."

    widget.summary_box.value = "Als ik u goed begrijp, is de app te traag. Klopt dat?"
    widget.check_button.click()
    feedback = shown(widget.feedback.value)
    assert feedback.startswith("Summary : ✔ Correct") and "Tip: ask a follow-up question as well" in feedback
    assert feedback.endswith("Automatic feedback is a signal, not a judgement.") and "Automatische" not in feedback
    widget.next_button.click()
    assert shown(widget.feedback.value) == ("The customer goes on. Listen for what is new now, and also for what is "
                                            "left unsaid.")
    transcript = shown(widget.transcript.value)
    assert "Turn 2 of 4" in transcript and "You: Als ik u goed begrijp" in transcript
    assert "Klant:" not in transcript and "Jij:" not in transcript and "Beurt" not in transcript

    for _ in range(3):  # advice instead of a summary: the customer does not confirm
        widget.summary_box.value = "U moet gewoon een snellere server kopen."
        widget.next_button.click()
    assert not widget.finished
    assert shown(widget.feedback.value) == ("✘ Not yet : the customer does not recognise themselves in your summary "
                                            "yet. Next step: read again what the customer just said, summarise it in "
                                            "your own words and ask if that is right.")
    assert shown(widget.transcript.value).endswith(
        "Customer: Hmm, dat is het nog niet helemaal. Kunt u het nog eens samenvatten? "
        "(Not quite: could you summarise it again?)")  # the customer speaks Dutch, with the meaning in English
    widget.restart_button.click()
    assert shown(widget.feedback.value) == "The conversation starts again."
    assert "Turn 1 of 4" in shown(widget.transcript.value)


def test_rewrite_in_english(store: AnswerStore) -> None:
    exercise = find_exercise("02-herschrijf-1")
    widget = RewriteExercise(exercise, store=store)
    original = shown(widget.original.value)
    assert "The sentence: Dat kan ik nu niet oplossen." in original and "Tip: Zeg wat er wél kan" in original
    assert "De zin:" not in original
    assert widget.answer.description == "Your sentence" and "(in Dutch)" in widget.answer.placeholder
    assert widget.model_button.description == "Show model answer"
    widget.check_button.click()
    assert shown(widget.feedback.value) == "First write your own version of the sentence."

    widget.answer.value = "Dat kan ik vandaag helaas niet oplossen."
    widget.check_button.click()
    text = shown(widget.feedback.value)
    assert text.startswith("✘ Not yet : your sentence can be more positive still. Your sentence: Dat kan ik")
    assert text.endswith("This is an automatic check: a signal, not a judgement.")
    assert text.count("Volgende stap") == 1  # the engine's own next step (Dutch), not labelled twice
    for dutch in ("Nog niet", "je zin kan", "Jouw zin", "automatische controle"):
        assert dutch not in text, dutch

    widget.answer.value = ("Ik wil dit graag voor u oplossen. Vanmiddag bekijk ik het met een collega en vóór vijf "
                           "uur bel ik u terug.")
    widget.check_button.click()
    assert shown(widget.feedback.value).startswith(
        "✔ Correct : your sentence is more positive and helps the customer move forward.")
    widget.model_button.click()
    model = shown(widget.model.value)
    assert model.startswith("Model answer") and "What this sentence does well:" in model
    assert model.endswith("Tick below what your sentence already does too.") and "Modelantwoord" not in model
    assert widget.ticks[0].description == "My sentence does this too: " + exercise.data["annotations"][0]


def test_reply_in_english(store: AnswerStore) -> None:
    widget = ReplyExercise(find_exercise("03-antwoord-mail"), store=store)
    assert "The customer's message: Onderwerp: ALLES WEG" in shown(widget.original.value)
    assert widget.answer.description == "Your reply" and widget.answer.placeholder.startswith("Acknowledge the emotion")
    widget.answer.value = "U had de app moeten updaten."
    widget.check_button.click()
    text = shown(widget.feedback.value)
    assert text.startswith("✘ Not yet : this reply could help the customer better. Your reply: U had de app")
    assert "schuld" in text  # the engine explains the blame in Dutch
    assert "dit antwoord" not in text and "Jouw antwoord" not in text


def test_an_exercise_overrides_the_question_feedback_words(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise("""
id: 09-eigen-tekst
type: question_practice
title: Stel een open vraag
situation: Een klant belt.
texts:
  questions.answer_label: {en: Your open question}
  questions.verdict_closed: {en: "this one is a {question} <b>"}
""")
    widget = QuestionPractice(exercise, store=store)
    widget.answer.value = "Heeft u een website?"
    widget.check_button.click()
    assert widget.answer.description == "Your open question"
    assert "this one is a <strong>closed question</strong> &lt;b&gt;" in widget.feedback.value  # plain text, escaped
    assert "Your open question: <q>" in widget.feedback.value
