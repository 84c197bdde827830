"""Self-assessment logic: schema messages, evidence from saved states, calibration texts and the chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest
import yaml

from cursuslib import registry
from cursuslib.content import ContentError, Exercise, parse_exercise
from cursuslib.types import Assessment, ExerciseType
from cursuslib.types import self_assessment as sa
from cursuslib.types.self_assessment import (
    Quality,
    before_after_chart,
    calibrate,
    evidence_level,
    format_level,
    saved_levels,
    score_exercise,
)

LEVELS = '["Niveau een.", "Niveau twee.", "Niveau drie.", "Niveau vier."]'

BEGIN = f"""
id: 02-zelf
type: self_assessment
title: Hoe sta je ervoor?
moment: begin
qualities:
  - {{key: tijdig, name: Reageer tijdig, levels: {LEVELS}, evidence: [01-quiz, 01-sort]}}
  - {{key: luisteren, name: Luister goed, levels: {LEVELS}}}
"""

EIND = """
id: 05-zelf
type: self_assessment
title: Hoe sta je er nu voor?
moment: eind
compare_with: 02-zelf
"""

QUIZ = """
id: 01-quiz
type: single_choice
title: Quiz
question: "Welke vraag is open?"
options:
  - {key: a, text: "Heeft u een website?", explanation: Ja of nee.}
  - {key: b, text: "Wat moet de website doen?", explanation: Open.}
correct: b
"""

MULTI = """
id: 01-multi
type: multiple_choice
title: Meer
question: "Wat hoort erbij?"
options:
  - {key: a, text: A, explanation: Ja.}
  - {key: b, text: B, explanation: Nee.}
  - {key: c, text: C, explanation: Ja.}
  - {key: d, text: D, explanation: Nee.}
correct: [a, c]
"""

SORT = """
id: 01-sort
type: sort
title: Sorteer
statements:
  - {text: Knikken., answer: doen, explanation: Luisteren.}
  - {text: Telefoon pakken., answer: niet_doen, explanation: Afleiding.}
  - {text: Samenvatten., answer: doen, explanation: Checken.}
  - {text: Onderbreken., answer: niet_doen, explanation: Storend.}
"""


def parse(text: str) -> Exercise:
    return parse_exercise(yaml.safe_load(text), lesson="09_test", source="09_test.yaml", position=1)


def error(text: str) -> str:
    with pytest.raises(ContentError) as info:
        parse(text)
    return str(info.value)


# --------------------------------------------------------------------------- schema
def test_begin_and_eind_parse() -> None:
    begin = parse(BEGIN)
    assert begin.data["moment"] == "begin" and begin.data["compare_with"] == ""
    first = begin.data["qualities"][0]
    assert first == Quality("tijdig", "Reageer tijdig",
                            ("Niveau een.", "Niveau twee.", "Niveau drie.", "Niveau vier."), ("01-quiz", "01-sort"))
    assert begin.data["qualities"][1].evidence == ()
    eind = parse(EIND)
    assert eind.data["qualities"] == () and eind.data["compare_with"] == "02-zelf"
    assert begin.data["scale"] == eind.data["scale"] == "slider"  # the default scale
    assert parse(BEGIN.replace("moment: begin", "moment: begin\nscale: radio")).data["scale"] == "radio"


@pytest.mark.parametrize(("change", "expected"), [
    (("moment: begin", "moment: midden"), "veld 'moment': 'midden' is niet toegestaan; kies uit: begin, eind."),
    (('"Niveau vier."]', ']'), "eigenschap 1, 'levels': verwacht precies 4 beschrijvingen, van niveau 1 tot en met 4 "
                               "(niet 3 niveaus)"),
    (("key: luisteren", "key: tijdig"), "eigenschap 2: de sleutel 'tijdig' komt twee keer voor"),
    (("key: tijdig", "key: 'te lang voor een sleutel hoor'"), "eigenschap 1, 'key': verwacht een korte sleutel"),
    (("[01-quiz, 01-sort]", "[Quiz 1]"), "'Quiz 1' is geen id van een oefening"),
    (("name: Luister goed", "name: ''"), "eigenschap 2, 'name': verwacht een tekst die niet leeg is"),
    (('"Niveau twee."', '""'), "eigenschap 1, niveau 2: verwacht een tekst die niet leeg is"),
    (("key: luisteren,", "key: luisteren, weight: 2,"), "eigenschap 2: onbekend veld 'weight'"),
    (("moment: begin", "moment: begin\nscale: schuif"),
     "veld 'scale': 'schuif' is niet toegestaan; kies uit: slider, radio."),
    (("moment: begin", "moment: begin\ncompare_with: 01-x"),
     "veld 'moment': bij moment: begin hoort geen 'compare_with'; dat veld is alleen voor moment: eind"),
])
def test_begin_errors_name_the_place_and_what_is_allowed(change: tuple[str, str], expected: str) -> None:
    message = error(BEGIN.replace(*change))
    assert "09_test.yaml, oefening '02-zelf'" in message
    assert expected in message


def test_begin_needs_qualities() -> None:
    text = BEGIN.split("qualities:")[0]
    assert "veld 'moment': bij moment: begin is het veld 'qualities' verplicht" in error(text)


def test_eind_needs_compare_with_and_takes_no_qualities() -> None:
    assert "veld 'moment': bij moment: eind is het veld 'compare_with' verplicht" in error(EIND.replace(
        "compare_with: 02-zelf", ""))
    assert "veld 'compare_with': verwacht het id van een oefening" in error(EIND.replace("02-zelf", "Les 2"))
    with_qualities = EIND + BEGIN[BEGIN.index("qualities:"):]
    assert "veld 'moment': bij moment: eind hoort geen 'qualities'" in error(with_qualities)


def test_saved_levels_keeps_only_valid_levels() -> None:
    state = {"levels": {"tijdig": 3, "luisteren": 9, "x": 2, "y": True}}
    assert saved_levels(state, ["tijdig", "luisteren", "y"]) == {"tijdig": 3}
    assert saved_levels(None, ["tijdig"]) == {} and saved_levels({"levels": "3"}, ["tijdig"]) == {}


# --------------------------------------------------------------------------- evidence
def entry(value: object) -> dict[str, object]:
    return {"value": value, "saved_at": "2025-01-01T10:00:00+01:00"}


@pytest.fixture
def course() -> dict[str, Exercise]:
    return {ex.id: ex for ex in (parse(QUIZ), parse(MULTI), parse(SORT))}


def test_evidence_maps_the_mean_share_right_to_levels_1_to_4(course: dict[str, Exercise]) -> None:
    right_quiz = {"01-quiz": entry({"selected": ["b"], "attempts": 1, "checked": True})}
    assert evidence_level(["01-quiz"], right_quiz, course) == 4.0
    wrong_quiz = {"01-quiz": entry({"selected": ["a"], "attempts": 3, "checked": True, "first": ["a"],
                                    "first_correct": False})}
    assert evidence_level(["01-quiz"], wrong_quiz, course) == 1.0
    # sort: 2 of 4 right (one not sorted counts as not right); with a wrong quiz: mean 0.25 -> 1.75
    sort = {"01-sort": entry({"answers": {"0": "doen", "1": "niet_doen", "2": "niet_doen"}, "attempts": 1})}
    assert evidence_level(["01-sort"], sort, course) == 2.5
    assert evidence_level(["01-quiz", "01-sort"], {**wrong_quiz, **sort}, course) == 1.75


def test_multiple_choice_scores_each_option(course: dict[str, Exercise]) -> None:
    # a (right, chosen), b (wrong, chosen), c (right, not chosen), d (wrong, not chosen): 2 of 4
    assert score_exercise(course["01-multi"], {"selected": ["a", "b"], "attempts": 1, "checked": True}) == 0.5
    assert score_exercise(course["01-multi"], {"selected": ["a", "c"], "attempts": 1, "checked": True}) == 1.0


def test_a_quiz_counts_its_first_attempt_not_the_last(course: dict[str, Exercise]) -> None:
    # wrong first, right after a retry: the evidence is the wrong first attempt
    retried = {"01-quiz": entry({"selected": ["b"], "attempts": 2, "checked": True, "first": ["a"],
                                 "first_correct": False})}
    assert course["01-quiz"].type == "single_choice"
    assert evidence_level(["01-quiz"], retried, course) == 1.0
    right_first = {"01-quiz": entry({"selected": ["a"], "attempts": 2, "checked": True, "first": ["b"],
                                     "first_correct": True})}
    assert evidence_level(["01-quiz"], right_first, course) == 4.0
    # saved before first attempts were kept: only a state still showing its one check tells the first attempt
    assert evidence_level(["01-quiz"], {"01-quiz": entry({"selected": ["b"], "attempts": 3, "checked": True})},
                          course) is None
    assert evidence_level(["01-quiz"], {"01-quiz": entry({"selected": ["b"], "attempts": 1, "checked": False})},
                          course) is None


def test_no_evidence_when_nothing_was_done(course: dict[str, Exercise]) -> None:
    assert evidence_level(["01-quiz", "01-sort"], {}, course) is None
    not_checked = {"01-quiz": entry({"selected": ["b"], "attempts": 0}),
                   "01-sort": entry({"answers": {}, "attempts": 2})}  # after 'Opnieuw beginnen'
    assert evidence_level(["01-quiz", "01-sort"], not_checked, course) is None
    assert evidence_level(["bestaat-niet"], {"bestaat-niet": entry({})}, course) is None


def test_damaged_or_unscored_states_are_no_evidence(course: dict[str, Exercise]) -> None:
    assert score_exercise(course["01-quiz"], "kapot") is None
    assert score_exercise(course["01-quiz"], {"selected": "b", "attempts": 1}) is None
    assert score_exercise(course["01-sort"], {"answers": ["doen"], "attempts": 1}) is None
    reflection = Exercise("01-r", "reflection", "R", "", "01", "01.yaml", {})
    assert score_exercise(reflection, {"steps": {"situatie": "..."}}) is None


def test_a_new_type_with_a_score_counts_as_evidence() -> None:
    """A type that gives a score in its assessment is evidence, without any table to edit."""

    @dataclass
    class PlanState:
        done: bool = False

    @registry.register
    class ScoredPlan(ExerciseType[PlanState]):
        name = "toets_planning"
        State = PlanState
        scored = True

        def assess(self, exercise: Exercise, state: PlanState) -> Assessment:
            return Assessment(score=0.5) if state.done else Assessment()

    try:
        plan = Exercise("03-plan", "toets_planning", "Plan", "", "03", "03.yaml", {})
        assert evidence_level(["03-plan"], {"03-plan": entry({"done": True})}, {"03-plan": plan}) == 2.5
        assert evidence_level(["03-plan"], {"03-plan": entry({"done": False})}, {"03-plan": plan}) is None
    finally:
        registry.unregister("toets_planning")


# --------------------------------------------------------------------------- calibration
QUALITY = Quality("tijdig", "Reageer tijdig", ("een", "twee", "drie", "vier"), ("01-quiz",))
JUDGEMENT = ("te hoog", "te laag", "overschat", "onderschat", "fout", "slecht", "goed zo")


@pytest.mark.parametrize(("self_level", "evidence", "direction", "phrase"), [
    (4, 2.5, "hoger", "Je schat jezelf hoger in dan de oefeningen laten zien (jij: niveau 4, de oefeningen: niveau 2,5)"),
    (3, 3.25, "gelijk", "ongeveer gelijk"),
    (1, 4.0, "lager", "Je schat jezelf lager in dan de oefeningen laten zien"),
    (2, None, "geen_bewijs", "nog niet gemaakt"),
    (None, 3.0, "geen_inschatting", "nog niet ingeschat"),
])
def test_calibration_describes_the_gap_without_judgement(self_level: int | None, evidence: float | None,
                                                         direction: str, phrase: str) -> None:
    result = calibrate(QUALITY, self_level, evidence)
    assert result.direction == direction
    assert phrase in result.description
    assert "?" in result.question or direction == "geen_inschatting"
    words = (result.description + result.question).lower()
    assert not any(word in words for word in JUDGEMENT)


def test_calibration_prompt_is_the_short_question() -> None:
    higher = calibrate(QUALITY, 4, 2.5)
    assert higher.prompt == "Hoe verklaar je het verschil?" and higher.question.startswith(higher.prompt + " Denk aan")
    assert calibrate(QUALITY, 3, 3.0).prompt == "Waaraan merk je dat zelf?"
    assert calibrate(QUALITY, None, 3.0).question == "Kies eerst het niveau dat nu het best bij jou past."


def test_calibration_without_listed_exercises() -> None:
    result = calibrate(Quality("x", "X", ("1", "2", "3", "4")), 3, None)
    assert "geen oefeningen" in result.description and "Waarop baseer je" in result.question


def test_levels_in_dutch_notation() -> None:
    assert [format_level(x) for x in (3.0, 2.5, 1.75, 4)] == ["3", "2,5", "1,8", "4"]


# --------------------------------------------------------------------------- chart
def test_chart_is_accessible_svg_with_numbers_and_words() -> None:
    items = (QUALITY, Quality("luisteren", 'Luister <b>"goed"</b> & vat samen', ("1", "2", "3", "4")))
    svg = before_after_chart(items, {"tijdig": 2, "luisteren": 1}, {"tijdig": 3}, chart_id="t")
    root = ET.fromstring(svg)  # well-formed, so every text is escaped
    assert root.get("role") == "img"
    label = root.get("aria-label")
    assert label == root.find("{http://www.w3.org/2000/svg}title").text
    assert "Reageer tijdig: begin 2, eind 3" in label
    assert 'Luister <b>"goed"</b> & vat samen: begin 1, eind niet ingevuld' in label
    texts = ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Begin (gestreept)" in texts and "Eind (vol)" in texts  # the legend in words
    assert texts.count("Begin") == 2 and texts.count("Eind") == 2  # every bar is labelled
    assert {"2", "3", "1"} <= set(texts) and "niet ingevuld" in texts
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert 'fill="url(#t-streep)"' in svg  # pattern: colour is not the only signal


def test_change_between_begin_and_eind_in_neutral_words() -> None:
    assert sa.change_text(2, 4) == "Aan het begin koos je niveau 2, nu niveau 4."
    assert sa.change_text(3, 3) == "Aan het begin koos je ook niveau 3."
    assert sa.change_text(None, 3) == "" and sa.change_text(2, None) == ""


def test_written_exercises_count_by_their_last_checked_attempt() -> None:
    rewrite = Exercise("02-herschrijf", "rewrite", "R", "", "02", "02.yaml", {"sentence": "Dat kan niet."})
    history = [{"text": "Dat kan niet.", "improved": False}, {"text": "Dat kan vanaf maandag.", "improved": True}]
    assert score_exercise(rewrite, {"text": "", "history": history}) == 1.0
    assert score_exercise(rewrite, {"history": history[:1]}) == 0.0
    assert score_exercise(rewrite, {"history": []}) is None
    practice = Exercise("02-vraag", "question_practice", "V", "", "02", "02.yaml", {})
    assert score_exercise(practice, {"history": [{"text": "Wat bedoelt u?", "kind": "open"}], "attempts": 1}) == 1.0
    assert score_exercise(practice, {"history": [{"text": "Klopt dat?", "kind": "closed"}], "attempts": 1}) == 0.0
    assert score_exercise(practice, {"history": ["kapot"]}) is None
    drill = parse_exercise(yaml.safe_load("""
id: 01-drill
type: question_drill
title: Open of gesloten
questions:
  - {text: "Wat wilt u?", kind: open}
  - {text: "Wilt u dat?", kind: gesloten}
"""), lesson="09_test", source="09_test.yaml", position=1)
    assert score_exercise(drill, {"answers": {"0": "open", "1": "open"}}) == 0.5
