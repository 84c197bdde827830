"""The course's own intakes (lessons 01, 03, 05): played through the public API as the issue describes."""

from __future__ import annotations

import pytest

from cursuslib.content import find_exercise
from cursuslib.simulator import Conversation, debrief

TOPICS_01 = ("aanleiding", "huidige-werkwijze", "gebruikers", "reparaties", "capaciteit", "afzeggen", "klaarmelding",
             "betalen", "planning", "budget", "prioriteit", "behoefte", "bestaande-systemen")
CLOSED_01 = ["Gaat er nu iets mis?", "Bellen klanten nu?", "Gebruiken de monteurs het ook?", "Doet u ook e-bikes?",
             "Heeft u drie monteurs?", "Zeggen klanten weleens af?", "Krijgen klanten een sms als de fiets klaar is?",
             "Kunnen klanten pinnen?", "Moet het voor de zomer klaar zijn?", "Is er een budget?",
             "Is online boeken het belangrijkst?", "Wilt u vooral meer rust?", "Heeft u al een website?"]


def test_fatimas_intake_has_exactly_the_topic_ids_that_are_measured_from_outside() -> None:
    exercise = find_exercise("01-intake")
    assert tuple(topic.id for topic in exercise.data["topics"]) == TOPICS_01


def test_only_closed_questions_find_nothing_and_open_ones_on_every_topic_find_all() -> None:
    closed = Conversation.from_exercise("01-intake")
    for line in CLOSED_01:
        turn = closed.say(line)
        assert turn.kind == "gesloten" and turn.revealed == (), (line, turn)
    assert closed.revealed == set()
    opened = Conversation.from_exercise("01-intake")
    opened.say("Waarom wilt u dit eigenlijk?")  # the need is told after a why-question
    for topic in opened.scenario.topics:
        opened.say(topic.reveal[0])
    assert opened.revealed == set(TOPICS_01)
    assert debrief(opened.scenario, opened.turns).count("gevonden") == len(TOPICS_01)


@pytest.mark.parametrize("exercise_id", ["01-intake", "03-intake", "05-intake"])
def test_every_course_intake_plays_from_opening_to_confirmation(exercise_id: str) -> None:
    conv = Conversation.from_exercise(exercise_id)
    scenario = conv.scenario
    assert scenario.model_confirmation and scenario.opening
    for topic in scenario.topics:
        if topic.condition and topic.condition.asked == "gevoel":
            conv.say("Wat vervelend voor u, dat snap ik goed.")
        if topic.condition and topic.condition.asked == "waarom":
            conv.say("Waarom is dat belangrijk voor u?")
        conv.say(topic.reveal[0])
    assert conv.revealed == {topic.id for topic in scenario.topics}
    told = " ".join(topic.full for topic in scenario.topics if topic.kind == "behoefte")
    summary = conv.say("Als ik het goed begrijp: " + told.split(".")[0].lower() + ". Klopt dat?")
    assert summary.kind == "samenvatting" and summary.confirmed is True, summary
    conv.close()
    from cursuslib.types.intake import confirmation_of

    checked = confirmation_of(conv.exercise, conv.turns, scenario.model_confirmation)
    assert checked.ok, checked.messages  # the course's own model confirmation passes its own check
