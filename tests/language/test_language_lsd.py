"""LSD helpers: summary (Samenvatten) and follow-up question (Doorvragen) feedback."""

from __future__ import annotations

import pytest

from cursuslib.language import FollowupResult, SummaryResult, followup_feedback, summary_feedback

STORY = "Mijn printer doet het al drie dagen niet en ik moet morgen mijn verslag inleveren."


def _next_step_last(messages: tuple[str, ...]) -> None:
    assert messages[-1].startswith("Volgende stap:")


@pytest.mark.parametrize(
    "summary",
    [
        "Als ik u goed begrijp, werkt uw printer al drie dagen niet en heeft u hem morgen nodig voor uw verslag. Klopt dat?",
        "Dus u zegt dat de printer het niet doet en dat het verslag morgen af moet, klopt dat?",
        "hoor ik je zeggen dat je printer kapot is terwijl je morgen je verslag moet inleveren? heb ik dat goed begrepen",
    ],
)
def test_good_summary(summary: str) -> None:
    result = summary_feedback(STORY, summary)
    assert isinstance(result, SummaryResult)
    assert result.ok, result.messages
    assert result.opener and result.check_back
    _next_step_last(result.messages)


def test_summary_with_advice_too_early() -> None:
    result = summary_feedback(STORY, "Als ik u goed begrijp doet uw printer het niet. U moet hem opnieuw opstarten.")
    assert not result.ok
    assert result.advice == ("U moet",)
    assert "'U moet'" in result.messages[-1]


def test_summary_without_opener_or_check() -> None:
    no_opener = summary_feedback(STORY, "Uw printer werkt niet en uw verslag moet morgen af.")
    assert not no_opener.ok and "Als ik u goed begrijp" in no_opener.messages[-1]
    no_check = summary_feedback(STORY, "Als ik u goed begrijp werkt uw printer niet en moet het verslag morgen af.")
    assert not no_check.ok and "Klopt dat?" in no_check.messages[-1]


def test_summary_that_ignores_the_story() -> None:
    result = summary_feedback(STORY, "Als ik u goed begrijp wilt u een nieuwe laptop kopen. Klopt dat?")
    assert not result.ok
    assert result.shared_words == ()
    _next_step_last(result.messages)


def test_good_follow_up_question() -> None:
    result = followup_feedback(STORY, "Wat gebeurt er precies als u iets print met de printer?")
    assert isinstance(result, FollowupResult)
    assert result.ok
    assert result.question is not None and result.question.kind == "open"
    assert "printer" in result.shared_words
    _next_step_last(result.messages)


def test_polite_invitation_is_ok_and_shows_the_open_form() -> None:
    result = followup_feedback(STORY, "Kunt u vertellen wat er met de printer gebeurt?")
    assert result.ok, result.messages
    assert "uitnodiging" in result.messages[0]
    assert "Wat gebeurt er met de printer?" in result.messages[-1]


def test_closed_follow_up_gets_an_open_form() -> None:
    result = followup_feedback(STORY, "Werkt de printer helemaal niet meer?")
    assert not result.ok
    assert result.reason == "closed"
    _next_step_last(result.messages)


def test_open_follow_up_about_something_else() -> None:
    result = followup_feedback(STORY, "Wat voor vakantie heeft u geboekt?")
    assert not result.ok
    assert "printer" in result.messages[-1]


def test_waarom_about_what_the_customer_did_is_a_reproach() -> None:
    result = followup_feedback(STORY, "Waarom heeft u de printer niet eerder gemeld?")
    assert not result.ok
    assert result.reason == "judging"
    assert "verwijt" in result.messages[0]
    _next_step_last(result.messages)


def test_waarom_about_the_situation_is_ok_with_a_softer_tip() -> None:
    result = followup_feedback(STORY, "Waarom is het verslag zo belangrijk voor u?")
    assert result.ok, result.messages
    assert "Hoe komt het dat" in result.messages[-1]


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_answers(text: str) -> None:
    assert not summary_feedback(STORY, text).ok
    assert not followup_feedback(STORY, text).ok
