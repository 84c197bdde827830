"""Conversation simulator in English (CURSUSLIB_TAAL=en): labels, verdicts, outcome and next step from en.yaml."""

from __future__ import annotations

import pytest

from cursuslib.content import find_exercise
from cursuslib.store import AnswerStore
from cursuslib.widgets import DialogueExercise

from .visible import visible as shown

#: Every test here runs with the English widget texts (CURSUSLIB_TAAL=en).
pytestmark = pytest.mark.usefixtures("english")


def test_a_conversation_in_english_from_the_first_reaction_to_the_end(store: AnswerStore) -> None:
    talk = DialogueExercise(find_exercise("03-webshop-plat"), store=store)
    assert shown(talk.prompt.value) == "What do you say? Choose your reaction."
    assert "Customer:" in shown(talk.customer.value) and "Klant:" not in talk.customer.value
    assert talk.choice_buttons[0].tooltip == "Reaction 1 of 3"
    assert talk.restart_button.description == "Start again"
    assert talk.restart_button.tooltip == "Start the conversation again; your earlier rounds are kept"
    assert talk.model_button.description == "Show the strongest route"
    talk.show_model()
    assert "First take a conversation to the end yourself" in talk.feedback.value and talk.model.value == ""

    talk.choice_buttons[0].click()  # 'Wat is uw klantnummer?': could be stronger
    feedback = shown(talk.feedback.value)
    assert feedback.startswith("~ Could be stronger (tip: ") and "Kan sterker" not in feedback
    transcript = shown(talk.transcript.value)
    assert "Customer:" in transcript and "You:" in transcript and "Jij:" not in transcript

    talk.choice_buttons[0].click()  # 'Zonder klantnummer kan ik u he...': backfires, the customer escalates
    assert "✘ This backfires" in shown(talk.feedback.value)
    outcome = shown(talk.outcome.value)
    assert "Outcome: escalated. The conversation has escalated: the customer has become angrier" in outcome
    assert ("Your route: 0 strong reactions, 1 reaction that could be stronger and 1 reaction that backfired."
            in outcome)
    assert "To practise: " in outcome and "Applied well" not in outcome
    assert "Next step: Practise the tip '" in outcome and "Start again and, when the customer says \"" in outcome
    for dutch in ("Uitkomst", "geëscaleerd", "Jouw route", "Om te oefenen", "Volgende stap", "Oefen de tip"):
        assert dutch not in outcome

    talk.choose(0)
    assert shown(talk.feedback.value) == "This conversation has ended. Click 'Start again' for a new round."
    talk.model_button.click()
    model = shown(talk.model.value)
    assert model.startswith("The strongest route") and 'aria-label="The strongest route"' in talk.model.value
    assert "✔ Strong reaction (tip: " in model and "Outcome: solved." in model
    assert "Compare it with your route" in model and "De sterkste route" not in model


def test_a_second_round_in_english_shows_the_rounds_and_what_went_well(store: AnswerStore) -> None:
    talk = DialogueExercise(find_exercise("03-webshop-plat"), store=store)
    for index in (2, 1):  # backfires twice: escalated
        talk.choose(index)
    talk.restart_button.click()
    assert shown(talk.feedback.value) == ("The conversation starts again. Read what the customer says and choose "
                                          "your reaction.")
    for index in (1, 0, 1, 2):  # the strongest route
        talk.choose(index)
    outcome = shown(talk.outcome.value)
    assert "Outcome: solved. The conversation is solved" in outcome
    assert "Your route: 4 strong reactions, 0 reactions that could be stronger and 0 reactions that backfired." in outcome
    assert "Applied well: " in outcome and "Next step: Apply the tip '" in outcome
    assert "Your rounds so far: 1. escalated, 2. solved." in outcome
    assert "Je rondes" not in outcome and "opgelost" not in outcome
