"""reply_feedback: acknowledging the emotion, no blame, positive language, a concrete next step."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cursuslib.language import reply_feedback

ANGRY = "Dit is de derde keer deze week dat de app crasht! Ik ben het echt zat."


def test_strong_reply_is_ok_and_names_the_next_step() -> None:
    result = reply_feedback(ANGRY, "Ik begrijp dat dit heel vervelend is. Ik zoek het vandaag uit en bel u voor "
                                   "16.00 uur terug met een oplossing.")
    assert result.ok and result.acknowledged
    # The step is quoted as the student's whole clause, not as loose words ('bel u', '16.00').
    assert any("'bel u voor 16.00 uur terug met een oplossing'" in m for m in result.messages)
    assert result.messages[-1].startswith("Volgende stap:")


@pytest.mark.parametrize("reply", [
    "Wat vervelend dat de app weer crasht. Ik kijk er nu naar en mail u vanmiddag wat ik vond.",
    "Ik snap dat u er klaar mee bent. Mijn collega belt u morgen om 9.00 uur met een oplossing.",
])
def test_naming_the_problem_while_acknowledging_it_is_fine(reply: str) -> None:
    assert reply_feedback(ANGRY, reply).ok


def test_missing_acknowledgement_comes_first_as_next_step() -> None:
    result = reply_feedback(ANGRY, "Ik zet vandaag een nieuwe versie klaar die u om 15.00 uur kunt installeren.")
    assert not result.ok and not result.acknowledged
    assert "emotie" in result.messages[-1]


def test_blame_is_quoted() -> None:
    result = reply_feedback(ANGRY, "Ik begrijp het, maar u had de app eerst moeten updaten. Ik help u vandaag.")
    assert not result.ok and result.blame
    assert any("schuld" in m and "had" in m for m in result.messages)


def test_negative_phrasing_is_quoted() -> None:
    result = reply_feedback(ANGRY, "Ik begrijp dat het vervelend is. Sorry, maar daar kan ik niets aan doen.")
    assert not result.ok and result.negative
    assert any("Sorry, maar" in m or "niets" in m for m in result.messages)


def test_no_next_step() -> None:
    result = reply_feedback(ANGRY, "Wat vervelend dat de app weer crasht, dat snap ik heel goed.")
    assert not result.ok and not result.next_steps
    assert "wanneer" in result.messages[-1]


@pytest.mark.parametrize("reply", ["", "   ", "oké", "<script>alert(1)</script>"])
def test_empty_or_too_short(reply: str) -> None:
    result = reply_feedback(ANGRY, reply)
    assert not result.ok and len(result.messages) == 2


def test_at_most_two_remarks_then_one_step() -> None:
    result = reply_feedback(ANGRY, "U had beter moeten opletten, dit is helaas niet ons probleem en het kan niet.")
    assert len(result.messages) <= 3 and result.messages[-1].startswith("Volgende stap:")


@settings(max_examples=60, database=None, deadline=None)
@given(st.text())
def test_never_raises(reply: str) -> None:
    reply_feedback(ANGRY, reply)


@pytest.mark.parametrize("opening", ["Wat een schrik, dat begrijp ik goed.", "Wat rot voor u.", "Logisch dat u boos bent."])
def test_more_ways_to_acknowledge(opening: str) -> None:
    assert reply_feedback(ANGRY, f"{opening} Ik zet het vandaag voor 17.00 uur voor u recht.").acknowledged
