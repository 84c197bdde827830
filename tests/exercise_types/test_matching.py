"""Matching logic: schema messages and checking answers."""

from __future__ import annotations

import pytest
import yaml

from cursuslib.content import ContentError, Exercise, parse_exercise
from cursuslib.types.matching import Choice, MatchItem, check_matching, label

MATCHING = """
id: 02-koppel
type: matching
title: Welke eigenschap past?
choices:
  - {key: tijdig, label: Reageer tijdig}
  - {key: luisteren, label: Luister goed}
items:
  - {situation: Een klant mailt op vrijdagmiddag., answer: tijdig, explanation: Laat weten wanneer je reageert.}
  - {situation: De klant vertelt een lang verhaal., answer: luisteren, explanation: Vat samen wat je hoort.}
  - {situation: Je belooft antwoord voor maandag., answer: tijdig, explanation: Houd je aan de afspraak.}
"""


def parse(text: str) -> Exercise:
    return parse_exercise(yaml.safe_load(text), lesson="09_test", source="09_test.yaml", position=1)


def error(text: str) -> str:
    with pytest.raises(ContentError) as info:
        parse(text)
    return str(info.value)


def test_parses_choices_and_items() -> None:
    exercise = parse(MATCHING)
    assert exercise.data["choices"][0] == Choice("tijdig", "Reageer tijdig")
    assert exercise.data["items"][1] == MatchItem("De klant vertelt een lang verhaal.", "luisteren",
                                                  "Vat samen wat je hoort.")
    assert exercise.data["model_answer"] == ""
    assert label(exercise, "luisteren") == "Luister goed" and label(exercise, None) == "(nog niet gekozen)"


@pytest.mark.parametrize(("change", "expected"), [
    (("answer: luisteren", "answer: empathie"),
     "veld 'items': situatie 2, 'answer': 'empathie' is geen keuze van deze oefening; kies uit: tijdig, luisteren."),
    (("key: luisteren", "key: tijdig"), "veld 'choices': keuze 2: de sleutel 'tijdig' komt twee keer voor"),
    (("  - {key: luisteren, label: Luister goed}\n", ""), "veld 'choices': verwacht een lijst van minstens 2 keuzes"),
    (("label: Luister goed", "label: ''"), "keuze 2, 'label': verwacht een tekst die niet leeg is"),
    (("key: tijdig, label", "key: 'twee woorden', label"), "keuze 1, 'key': verwacht een korte sleutel"),
    ((", explanation: Vat samen wat je hoort.", ""), "situatie 2: het veld 'explanation' ontbreekt"),
    (("situation: Een klant", "hint: x, situation: Een klant"), "situatie 1: onbekend veld 'hint'"),
    (("situation: Een klant mailt op vrijdagmiddag.", "situation: ''"),
     "situatie 1, 'situation': verwacht een tekst die niet leeg is"),
])
def test_errors_name_the_place_and_what_is_allowed(change: tuple[str, str], expected: str) -> None:
    message = error(MATCHING.replace(*change))
    assert "09_test.yaml, oefening '02-koppel'" in message
    assert expected in message


def test_needs_at_least_two_situations() -> None:
    text = MATCHING.split("items:")[0] + "items:\n  - {situation: S., answer: tijdig, explanation: E.}\n"
    assert "veld 'items': verwacht een lijst van minstens 2 situaties" in error(text)


def test_check_all_right() -> None:
    result = check_matching(parse(MATCHING), {"0": "tijdig", "1": "luisteren", "2": "tijdig"})
    assert result.complete and result.right == 3 and result.unanswered == 0
    assert result.summary == "Alle 3 situaties zijn goed gekoppeld."


def test_check_partly_with_unanswered_and_unknown_keys() -> None:
    result = check_matching(parse(MATCHING), {"0": "luisteren", "1": "luisteren", "2": "onzin"})
    assert not result.complete
    assert [item.correct for item in result.items] == [False, True, False]
    assert result.items[2].given is None  # an unknown key counts as not chosen
    assert result.summary == "1 van de 3 situaties is goed gekoppeld. 1 is nog niet gekoppeld."
    assert "controleer" in result.next_step


def test_check_nothing_chosen() -> None:
    result = check_matching(parse(MATCHING), {})
    assert result.unanswered == 3 and "nog geen situaties" in result.summary
    assert "'Controleer'" in result.next_step
