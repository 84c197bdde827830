"""Every example of issue 14's "Why" list, as a student would type it: the right verdict and a sensible text.

Each test names the class of wording it stands for; the rules behind it are general (see the other test files
and ``bench/bench_meaning.py`` for whole sets). The sentences here are the ones from the issue, so that the
issue's complaints stay fixed.
"""

from __future__ import annotations

import pytest

from cursuslib.language import (
    followup_feedback,
    positivity,
    question_kind,
    reply_feedback,
    rewrite_feedback,
    summary_feedback,
)

GARAGE = ("Ik moet vaak naar de werkplaats lopen om te vragen hoe ver een auto is. Dat kost me veel tijd, "
          "en ondertussen staan er klanten aan de balie te wachten.")
SLOW_APP = "Die app van jullie is veel te traag. Bij elke wijziging blijft het scherm een halve minuut hangen."
ANGRY = "Ik zie de module van week 3 nog steeds niet in mijn overzicht. Dit is de derde keer dat ik mail!"


def one_next_step_last(messages: tuple[str, ...]) -> None:
    steps = [m for m in messages if m.startswith("Volgende stap")]
    assert len(steps) == 1 and messages[-1] == steps[0], messages
    assert "Tip:" not in steps[0], steps[0]  # never "Volgende stap: Tip: ..."
    after = steps[0].split(":", 1)[1].strip()
    assert after[:1].islower() or after[:1] in "'\"", steps[0]  # no capital after the colon


# -- summaries ------------------------------------------------------------------------------------------------


def test_a_mirrored_moet_is_no_advice() -> None:
    result = summary_feedback(GARAGE, "Dus u moet vaak naar de werkplaats lopen, klopt dat?")
    assert result.ok and result.reason == "ok", result.messages
    assert not any("advies" in m for m in result.messages)
    one_next_step_last(result.messages)


def test_naming_the_emotion_counts() -> None:
    result = summary_feedback(GARAGE, "Ik hoor dat u erg baalt van al dat heen en weer lopen naar de werkplaats. "
                                      "Klopt dat?")
    assert result.ok, result.messages
    assert any("gevoel" in m for m in result.messages)


def test_a_word_for_word_copy_is_told_to_use_own_words() -> None:
    result = summary_feedback(GARAGE, "Dus u moet vaak naar de werkplaats lopen om te vragen hoe ver een auto is en "
                                      "dat kost u veel tijd, klopt dat?")
    assert not result.ok and result.reason == "parroting"
    assert any("eigen woorden" in m for m in result.messages)


def test_a_summary_with_the_opposite_meaning_is_caught() -> None:
    result = summary_feedback(GARAGE, "Dus u hoeft bijna nooit naar de werkplaats, klopt dat?")
    assert not result.ok and result.reason == "wrong_or_opposite", result.messages


# -- follow-up questions --------------------------------------------------------------------------------------


@pytest.mark.parametrize("question", [
    "Hoe weet u dat?",
    "Wat bedoelt u precies met veel tijd?",
    "Kunt u vertellen wanneer u dan naar de werkplaats loopt?",
])
def test_the_courses_own_follow_up_examples_are_good(question: str) -> None:
    result = followup_feedback(GARAGE, question)
    assert result.ok, result.messages
    one_next_step_last(result.messages)


def test_an_irrelevant_question_is_not_praised() -> None:
    result = followup_feedback(GARAGE, "Wat is uw lievelingskleur?")
    assert not result.ok and result.reason == "off_topic"
    assert not any("✔" in m for m in result.messages)


def test_kunt_u_vertellen_is_a_fair_follow_up_and_the_trainer_explains_its_form() -> None:
    question = "Kunt u vertellen hoe het gaat als er klanten aan de balie wachten?"
    follow_up = followup_feedback(GARAGE, question)
    assert follow_up.ok, follow_up.messages
    kind = question_kind(question)  # formally closed, as lesson 01 teaches, but named an invitation
    assert kind.kind == "closed" and "uitnodiging" in kind.explanation
    assert kind.open_form.startswith("Hoe ") and f"'{kind.open_form}'" in kind.suggestion


# -- replies and rewrites -------------------------------------------------------------------------------------


def test_a_negation_that_describes_the_problem_is_fine_in_a_reply() -> None:
    result = reply_feedback(ANGRY, "Wat vervelend dat u de module nog steeds mist. Ik zoek vandaag uit waarom de "
                                   "module niet zichtbaar is en mail u voor vier uur.")
    assert result.ok, result.messages
    assert result.negative == ()


def test_a_promise_nobody_can_keep_is_named() -> None:
    result = reply_feedback(ANGRY, "Sorry! Ik los het vandaag nog voor u op, beloofd!")
    assert not result.ok and result.promises, result.messages
    assert any("beloofd" in m for m in result.messages)


def test_blaming_a_colleague_is_named() -> None:
    result = reply_feedback(ANGRY, "Wat vervelend. Dat komt door mijn collega, die heeft de module verkeerd gezet. "
                                   "Ik zet hem vandaag voor u klaar.")
    assert not result.ok and result.blame, result.messages


def test_an_honest_rewrite_with_a_describing_negation_improves() -> None:
    result = rewrite_feedback("Dat is niet mijn probleem, de module staat er gewoon niet.",
                              "Ik zoek uit waarom de module niet zichtbaar is en laat het u vandaag weten.")
    assert result.improved, result.messages
    assert not any("onderwerp ontbreekt" in m for m in result.messages)


# -- wording classes the engine misread -----------------------------------------------------------------------


@pytest.mark.parametrize("question", [
    "Ik ben benieuwd wat u nu het meest tijd kost.",
    "Ik wil graag weten wanneer het misgaat.",
    "watvoor planning heeft u nu?",
    "hoelaat begint de ochtendspits?",
    "ok dus de deadline is wanneer precies",
])
def test_indirect_and_chat_questions_are_open(question: str) -> None:
    assert question_kind(question).kind == "open", question


def test_a_choice_after_a_question_word_is_closed_with_an_open_form() -> None:
    result = question_kind("Welke van de twee, A of B?")
    assert result.kind == "closed" and result.rule == "either_or"
    assert result.suggestion  # an open form that leaves out the choices


@pytest.mark.parametrize("sentence", [
    "De betaling faalt nog steeds.",
    "Mijn bestelling is gecanceld.",
    "Ik krijg een error 500.",
    "Er komt een foutmelding.",
    "De app crasht.",
])
def test_software_negatives_are_negative(sentence: str) -> None:
    assert not positivity(sentence).positive, sentence


@pytest.mark.parametrize("sentence", [
    "Kunt u de testversie proberen?",
    "Klik op 'Wachtwoord vergeten' en kies een nieuw wachtwoord.",
])
def test_a_negative_looking_word_used_positively_is_fine(sentence: str) -> None:
    assert positivity(sentence).positive, positivity(sentence).messages


@pytest.mark.parametrize(("text", "rule"), [
    ("What is your budget?", "not_dutch"),
    ("🙂🙂", "no_words"),
    ("wat", "too_short"),
    ("", "empty"),
])
def test_input_that_is_no_dutch_question_gets_a_request(text: str, rule: str) -> None:
    result = question_kind(text)
    assert result.rule == rule
    assert "mededeling" not in result.explanation and "gesloten vraag" not in result.explanation
    if rule == "not_dutch":
        assert "Nederlands" in result.suggestion
    if rule == "too_short":
        assert "wat" in result.explanation and "goed" not in result.explanation.lower()


def test_three_questions_in_one_line_are_each_judged() -> None:
    result = question_kind("Wanneer begon het? Heeft u de app al herstart? Wat ziet u dan?")
    assert [part.kind for part in result.parts] == ["open", "closed", "open"]


def test_sarcasm_is_not_positive() -> None:
    assert not positivity("Nou, lekker dan, weer een update die alles kapotmaakt. Top hoor.").positive


# -- texts the student sees -----------------------------------------------------------------------------------


def test_follow_up_suggestions_build_on_vague_words_only() -> None:
    result = followup_feedback("Klanten bellen de hele dag over hun bestelling.", "Heeft u een webshop?")
    text = " ".join(result.messages)
    assert "precies met Klanten" not in text and "precies met klanten" not in text, text


def test_open_forms_are_idiomatic() -> None:
    result = question_kind("Heeft u een sms gekregen?")
    assert result.open_form and "mij vertellen over uw sms" not in result.open_form, result.open_form


def test_a_phrase_is_not_called_a_question_word() -> None:
    result = question_kind("Hoeveel telefoontjes krijgt u per dag?")
    assert "vraagwoord 'hoeveel telefoontjes'" not in result.explanation, result.explanation
    assert "'hoeveel'" in result.explanation


def test_quotes_in_rewrite_feedback_are_whole_clauses() -> None:
    result = rewrite_feedback("Helaas kunnen wij uw pakket niet eerder leveren dan vrijdag.",
                              "Helaas kunnen wij uw pakket niet eerder leveren, maar vrijdag is het bij u.")
    for message in result.messages:
        for quoted in message.split("'")[1::2]:
            assert not quoted.endswith((" de", " het", " een", " uw", " maar", " en")), message
