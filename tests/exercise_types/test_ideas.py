"""Key ideas: found in the student's own words, said the other way round, or missed; checked as a teacher writes them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cursuslib.language.key_ideas import KeyIdea, find_ideas, pattern_problem
from cursuslib.schema import FieldError
from cursuslib.types.ideas import check_key_ideas, idea_examples_problems, ideas_feedback, with_ideas

CALLS = KeyIdea("klanten bellen vaak", ("bel*|gebeld|telefo* & vaak|veel|steeds|dagelijks", "klanten ...3 aan de lijn"))
NEED = KeyIdea("de planning staat om half acht klaar", ("planning ...4 klaar|klaarstaan|klaarstaat",))


@pytest.mark.parametrize(("answer", "found", "opposite", "words"), [
    ("Dus klanten bellen u vaak op, klopt dat?", True, False, "bellen ... vaak"),
    ("Vaak krijgt u telefoontjes van klanten?", True, False, "telefoontjes ... Vaak"),  # any order with &
    ("Dus de klanten hangen steeds aan de lijn?", True, False, "klanten hangen steeds aan de lijn"),
    ("Dus de klanten bellen niet vaak?", False, True, "bellen ... vaak"),  # a negation just before
    ("Klanten bellen u zelden.", False, True, "bellen ... zelden"),  # an opposite word
    ("Dus u wilt een nieuwe website?", False, False, ""),
    ("Klanten bellen. Het is vaak druk.", False, False, ""),  # the parts of a way stay in one sentence
])
def test_an_idea_is_found_said_the_other_way_round_or_missed(answer: str, found: bool, opposite: bool,
                                                            words: str) -> None:
    (match,) = find_ideas(answer, [CALLS])
    assert (match.found, match.opposite, match.words) == (found, opposite, words)
    for start, end in match.spans:
        assert answer[start:end] in answer


def test_a_negation_taken_up_by_a_gap_is_still_a_flip_but_an_idea_may_itself_say_niet() -> None:
    slow = KeyIdea("de app is traag", ("app ...3 traag",))
    assert find_ideas("De app is juist niet traag", [slow])[0].opposite
    broken = KeyIdea("de knop werkt niet", ("knop ...2 werkt niet",))
    assert find_ideas("Dus de knop werkt niet?", [broken])[0].found


def test_marked_words_are_the_students_own_and_html_does_not_shift_them() -> None:
    answer = "<b>Dus</b> de planning moet om half acht klaarstaan?"
    (match,) = find_ideas(answer, [NEED])
    assert match.found and match.words == "planning moet om half acht klaarstaan"


def test_the_field_checks_patterns_and_names_what_is_wrong() -> None:
    ideas = check_key_ideas([{"label": "snel", "words": ["snel|vlot"], "find": ["Het moet snel"], "miss": ["Traag"]}],
                            {})
    assert ideas[0].label == "snel" and ideas[0].find == ("Het moet snel",)
    with pytest.raises(FieldError, match="kernidee 1, 'words': manier 1 .*beginnen"):
        check_key_ideas([{"label": "x", "words": ["...3 traag"]}], {})
    with pytest.raises(FieldError, match="kernidee 2: de label 'x' komt twee keer voor"):
        check_key_ideas([{"label": "x", "words": ["a"]}, {"label": "x", "words": ["b"]}], {})
    assert pattern_problem("bel* & ") == "een deel rond '&' is leeg"


def test_examples_that_do_not_fit_their_idea_are_reported() -> None:
    idea = KeyIdea("klanten bellen vaak", CALLS.ways, find=("Er komen veel mails binnen",), miss=("Klanten bellen steeds",))
    problems = idea_examples_problems([idea], "beurt 2")
    assert problems[0].startswith("beurt 2, kernidee 'klanten bellen vaak': het voorbeeld 'Er komen veel mails binnen'")
    assert "hoort het idee niet te bevatten" in problems[1]


def test_one_next_step_names_the_first_missing_idea() -> None:
    matches = find_ideas("Dus klanten bellen vaak?", [CALLS, NEED])
    remarks, step = ideas_feedback(matches)
    assert remarks == ("Je noemt: klanten bellen vaak ('bellen ... vaak').",)
    assert step == "Volgende stap: noem ook 'de planning staat om half acht klaar' in je eigen woorden."
    messages = with_ideas(("Je begint als een samenvatting.", "Volgende stap: check of het klopt."), matches)
    assert messages[-1] == step and sum(m.startswith("Volgende stap") for m in messages) == 1


def test_the_teacher_guides_example_works() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "docent.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Kernideeën"):]
    block = re.search(r"```yaml\n(.*?)```", section, re.DOTALL).group(1)
    ideas = check_key_ideas(yaml.safe_load(block)["key_ideas"], {})
    assert idea_examples_problems(ideas) == [] and len(ideas[0].find) == 2


@pytest.mark.parametrize("answer", [
    "Ik wist het antwoord niet, volgende keer vraag ik het na.",
    "Ik kon het niet oplossen maar volgende keer vraag ik het na.",
])
def test_a_negation_in_another_clause_is_no_flip(answer: str) -> None:
    next_time = KeyIdea("wat je volgende keer doet", ("volgende keer",))
    (match,) = find_ideas(answer, [next_time])
    assert match.found and not match.opposite


def test_while_the_engine_still_has_a_point_its_next_step_stays() -> None:
    matches = find_ideas("Dus klanten bellen vaak?", [CALLS, NEED])
    engine = ("Je zin klinkt nog negatief: 'helaas'.", "Volgende stap: laat 'helaas' weg.")
    assert with_ideas(engine, matches, engine_ok=False)[-1] == "Volgende stap: laat 'helaas' weg."
    assert with_ideas(engine, matches, engine_ok=True)[-1].startswith("Volgende stap: noem ook")


def test_a_negation_in_a_purpose_clause_names_what_should_stop_and_is_no_flip() -> None:
    no_search = KeyIdea("de klant hoeft niet meer te zoeken", ("zoek*",))
    (kept,) = find_ideas("Dus u wilt een overzicht zodat u niet meer hoeft te zoeken?", [no_search])
    (flipped,) = find_ideas("Dus u wilt niet zoeken?", [no_search])
    (need,) = find_ideas("Dus de planning hoeft niet klaar te zijn?", [NEED])
    assert kept.found and not kept.opposite
    assert flipped.opposite and need.opposite  # 'hoeft niet' itself still says the opposite


def test_key_ideas_that_are_all_there_outweigh_the_engines_missing_core() -> None:
    from cursuslib.types.lsd_practice import judge_lsd

    customer = ("Onze monteurs staan elke ochtend een halfuur te wachten tot de planning geladen is, "
                "en dan komen ze te laat bij de klant.")
    morning = KeyIdea("het gaat om de ochtend", ("ochtend*",))
    judged = judge_lsd(customer, "Dus het gaat om de ochtend?", "", ideas=[morning])
    assert judged.summary is not None and judged.summary.reason == "missing_core"
    assert judged.core_by_ideas and judged.summary_ok
    messages = judged.summary_messages()
    assert "bijzaak" not in " ".join(messages) and messages[-1].startswith("Volgende stap: laat de klant bevestigen")
    without = judge_lsd(customer, "Dus het gaat om de ochtend?", "")
    assert not without.summary_ok and "bijzaak" in " ".join(without.summary_messages())
