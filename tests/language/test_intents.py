"""What a student's line does in a conversation: classes of wording, each with the words that decided it."""

from __future__ import annotations

import pytest

from cursuslib.language.intents import read_intent


@pytest.mark.parametrize("line", [
    "Zal ik een app met een chatbot voor u maken?",
    "Wat vindt u van een online agenda?",
    "ik kan een website bouwen waar klanten zelf boeken",
    "Misschien is een boekingssysteem handig?",
    "Heeft u weleens gedacht aan een app?",
    "We kunnen een koppeling met uw kassa maken.",
])
def test_a_solution_offered_is_named(line: str) -> None:
    assert read_intent(line).solution


@pytest.mark.parametrize("line", [
    "Heeft u een website waarmee klanten kunnen boeken?",  # about what exists now
    "Kunt u ook via de website boeken?",
    "Wat vindt u van uw huidige website?",
    "ik zou graag weten hoe de agenda nu werkt",
])
def test_a_question_about_what_exists_is_no_solution(line: str) -> None:
    assert not read_intent(line).solution


@pytest.mark.parametrize(("line", "summary"), [
    ("Dus als ik het goed begrijp bellen klanten nu, klopt dat?", True),
    ("Hoor ik u zeggen dat de telefoon de hele dag gaat?", True),
    ("Samengevat: u wilt minder telefoon.", True),
    ("Dus wat kost het?", False),  # a question after 'dus'
    ("Als ik het goed begrijp, wat is dan het probleem?", False),
])
def test_a_summary_states_what_the_client_said(line: str, summary: bool) -> None:
    assert bool(read_intent(line).summary) is summary


@pytest.mark.parametrize(("line", "field"), [
    ("Wat vervelend dat u zoveel telefoontjes mist.", "feeling"),
    ("Ik snap dat het spannend is.", "feeling"),
    ("Dat klinkt echt frustrerend.", "feeling"),
    ("Waarom wilt u dat?", "why"),
    ("wrm wil je dit", "why"),
    ("Wat zou het voor u veranderen?", "why"),
    ("Wat wilt u ermee bereiken?", "why"),
    ("Goedemorgen!", "greeting"),
    ("Bedankt voor het gesprek, ik stuur u een bevestiging.", "closing"),
    ("U wilt zeker ook online betalen, toch?", "leading"),
    ("Kunt u daar meer over vertellen?", "invitation"),
    ("Vertel eens over de reparaties.", "invitation"),
])
def test_feelings_why_greetings_closings_leading_questions_and_invitations(line: str, field: str) -> None:
    assert getattr(read_intent(line), field)


def test_a_greeting_is_only_a_greeting_at_the_start() -> None:
    assert not read_intent("Hoeveel reparaties per dag doet u?").greeting
    assert not read_intent("per dag hoeveel reparaties?").greeting


@pytest.mark.parametrize(("line", "open_"), [
    ("Kunt u vertellen hoe het nu gaat?", True),  # formally closed, but an invitation
    ("Vertel eens hoe het nu gaat.", True),
    ("Heeft u zorgen? Wat dan?", True),  # the open part counts
    ("Heeft u een website?", False),
    ("Wilt u A of B?", False),
])
def test_what_counts_as_open_in_a_conversation(line: str, open_: bool) -> None:
    assert read_intent(line).asks_open is open_


def test_huge_input_is_cut() -> None:
    assert len(read_intent("waarom " * 5000).text) == 5000
