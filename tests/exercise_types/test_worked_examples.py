"""Worked examples and checklists (reflection, planner): the fields, their Dutch errors, and every real exercise."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from cursuslib.content import ContentError, Exercise, load_course, parse_exercise
from cursuslib.types.planner import PlannerState, build_programme
from cursuslib.types.reflection import STARR_STEPS

SOURCE = "exercises/09_test.yaml"
STEP = "{weak: Ik had een gesprek., strong: Ik sprak met de eigenaar van een kapsalon., why: Noemt wie.}"
REFLECTION = f"""
id: 09-refl
type: reflection
title: Terugkijken
step_examples:
  situatie: {STEP}
  taak: {STEP}
  actie: {STEP}
  resultaat: {STEP}
  reflectie: {STEP}
checklist: [Ik noem een concrete situatie., Ik schrijf wat ik zelf deed.]
"""
PLANNER = """
id: 09-plan
type: planner
title: Plan
start: "15:00"
parts:
  - {key: ontvangst, name: Ontvangst, default: 30, advice_min: 15, advice_max: 45, advice: Wij adviseren een kwartier tot drie kwartier.}
  - {key: ronde2, name: Ronde 2, default: 60, max: 60, rule: Ronde 2 duurt hooguit een uur., advice_min: 30, advice: Wij adviseren minstens een half uur.}
example:
  start: "15:30"
  parts:
    ontvangst: {weak: 30, strong: 15, why: Een kwartier is genoeg.}
    ronde2: {weak: 35, strong: 45, why: Meer tijd voor vragen.}
  why: Het sterke programma eindigt eerder.
checklist: [Elk onderdeel past bij de spelregels.]
"""


def parse(text: str, **changes: Any) -> Exercise:
    data = yaml.safe_load(text)
    for name, value in changes.items():
        if value is None:
            data.pop(name)
        else:
            data[name] = value
    return parse_exercise(data, lesson="09_test", source=SOURCE, position=2)


def test_valid_fields_are_read() -> None:
    refl = parse(REFLECTION)
    assert set(refl.data["step_examples"]) == set(STARR_STEPS)
    assert refl.data["checklist"] == ("Ik noem een concrete situatie.", "Ik schrijf wat ik zelf deed.")
    plan = parse(PLANNER)
    assert [(p.key, p.weak, p.strong) for p in plan.data["example"].parts] == [("ontvangst", 30, 15), ("ronde2", 35, 45)]
    assert parse(REFLECTION, step_examples=None, checklist=None).data["checklist"] == ()  # both optional


@pytest.mark.parametrize(("text", "changes", "message"), [
    (REFLECTION, {"step_examples": {"situatie": {"weak": "a", "strong": "b", "why": "c"}}},
     "veld 'step_examples': de stap 'taak' ontbreekt; geef een voorbeeld bij elke stap: situatie, taak, actie"),
    (REFLECTION, {"step_examples": ["situatie"]}, "veld 'step_examples': verwacht per stap een voorbeeld"),
    (REFLECTION, {"step_examples": {"situatie": {"weak": "a", "strong": "b"}}},
     "veld 'step_examples': stap 'situatie': het veld 'why' ontbreekt"),
    (REFLECTION, {"step_examples": {"situatie": "Zwak en sterk"}},
     "veld 'step_examples': stap 'situatie': verwacht weak, strong en why (niet 'Zwak en sterk')"),
    (REFLECTION, {"checklist": "Ik noem een situatie."}, "veld 'checklist': verwacht een lijst met 1 tot 8 punten"),
    (REFLECTION, {"checklist": ["Ik noem een situatie.", 12.5, ""]}, "veld 'checklist': punt 3: verwacht een tekst"),
    (REFLECTION, {"checklist": ["Ik noem een situatie.", "Ik noem een situatie."]},
     "veld 'checklist': punt 2 staat al eerder in de lijst"),
    (PLANNER, {"example": {"start": "15:30", "parts": {"ontvangst": {"weak": 30, "strong": 15, "why": "x"}}}},
     "veld 'example': 'parts': het onderdeel 'ronde2' ontbreekt; geef een voorbeeld bij elk onderdeel: ontvangst en ronde2"),
    (PLANNER, {"example": {"start": "half vier", "parts": {}}}, "veld 'example': 'start': verwacht een tijd"),
    (PLANNER, {"example": {"start": "15:30", "parts": {"ontvangst": {"weak": "lang", "strong": 15, "why": "x"},
                                                           "ronde2": {"weak": 30, "strong": 40, "why": "x"}}}},
     "veld 'example': 'parts', onderdeel 'ontvangst', 'weak': verwacht een heel getal van 0 tot en met 600 (niet 'lang')"),
    (PLANNER, {"example": {"start": "15:30", "parts": {"pauze": {}}}},
     "veld 'example': 'parts': het onderdeel 'pauze' bestaat niet; kies uit: ontvangst, ronde2"),
])
def test_a_wrong_field_names_file_exercise_and_field_in_dutch(text: str, changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse(text, **changes)
    assert str(caught.value).startswith(f"{SOURCE}, oefening '{text.split()[1]}' (nr. 2), ")
    assert message in str(caught.value)


@pytest.mark.parametrize(("part", "message"), [
    ({"min": 60}, "onderdeel 1 ('x'): bij 'min' of 'max' hoort 'rule': de spelregel in een zin"),
    ({"advice_max": 40}, "onderdeel 1 ('x'): bij 'advice_min' of 'advice_max' hoort 'advice': het advies in een zin"),
    ({"rule": "Kort."}, "'rule' wordt alleen getoond met 'min' of 'max'"),
    ({"max": 20, "rule": "Kort."}, "verwacht min <= default <= max (nu None, 30, 20)"),
    ({"min": 20, "max": 40, "rule": "R.", "advice_min": 10, "advice": "A."},
     "het advies (advice_min: 10) valt buiten de spelregel (min: 20)"),
])
def test_rule_and_advice_of_a_part_are_checked(part: dict[str, Any], message: str) -> None:
    parts = [{"key": "x", "name": "X", "default": 30, **part}, {"key": "y", "name": "Y", "default": 10}]
    with pytest.raises(ContentError, match="veld 'parts': ") as caught:
        parse(PLANNER, parts=parts, example=None)
    assert message in str(caught.value)


def test_an_advice_is_never_a_broken_rule() -> None:
    plan = parse(PLANNER)
    advice_only = build_programme(plan, "15:00", {"ontvangst": 5, "ronde2": 20})
    assert advice_only.violations == ()
    assert advice_only.advice == (
        "Ontvangst duurt 5 minuten. Dat mag volgens de spelregels, maar wij adviseren minstens 15 minuten. "
        "Wij adviseren een kwartier tot drie kwartier.",
        "Ronde 2 duurt 20 minuten. Dat mag volgens de spelregels, maar wij adviseren minstens 30 minuten. "
        "Wij adviseren minstens een half uur.")
    assert plan_verdict(plan, {"ontvangst": 5, "ronde2": 20}) == "goed"
    broken = build_programme(plan, "15:00", {"ontvangst": 30, "ronde2": 90})
    assert broken.violations == ("Ronde 2 duurt 90 minuten; dat is langer dan 60 minuten. Ronde 2 duurt hooguit een uur.",)
    assert broken.advice == () and plan_verdict(plan, {"ronde2": 90}) == "nog_niet"


def plan_verdict(plan: Exercise, minutes: dict[str, int]) -> str:
    from cursuslib.types import spec_of

    return spec_of(plan).assess(plan, PlannerState("15:00", minutes)).verdict


def test_every_reflection_and_planner_in_the_course_has_a_worked_example_and_a_checklist() -> None:
    found = {"reflection": 0, "planner": 0}
    for lesson in load_course().values():
        for exercise in lesson.exercises:
            if exercise.type not in found:
                continue
            found[exercise.type] += 1
            assert len(exercise.data["checklist"]) >= 3, exercise.id
            if exercise.type == "reflection":
                assert set(STARR_STEPS) <= set(exercise.data["step_examples"]), exercise.id
                for example in exercise.data["step_examples"].values():
                    assert example.weak != example.strong and len(example.strong) > len(example.weak), exercise.id
            else:
                example = exercise.data["example"]
                assert [part.key for part in example.parts] == [part.key for part in exercise.data["parts"]]
                weak = {part.key: part.weak for part in example.parts}
                strong = {part.key: part.strong for part in example.parts}
                assert build_programme(exercise, example.start, strong).violations == (), exercise.id
                assert build_programme(exercise, example.start, strong).advice == (), exercise.id
                assert weak != strong, exercise.id
    assert found == {"reflection": 5, "planner": 1}


def test_the_klantenkamer_planner_names_the_source_rules_and_the_course_advice_apart() -> None:
    """Fix 17: what the method says (ronde 1, 2, 3) is a rule; the rest (ontvangst, pauze, ronde 2's minimum) advice."""
    planner = next(e for lesson in load_course().values() for e in lesson.exercises if e.id == "04-planner")
    parts = {part.key: part for part in planner.data["parts"]}
    assert (parts["ronde1"].min, parts["ronde1"].max, parts["ronde3"].min, parts["ronde3"].max) == (60, 75, 15, 30)
    assert (parts["ronde2"].min, parts["ronde2"].max, parts["ronde2"].advice_min) == (None, 60, 30)
    for key in ("ontvangst", "pauze"):
        assert parts[key].min is None and parts[key].max is None and parts[key].rule == ""
        assert parts[key].advice_min is not None and parts[key].advice_max is not None
    programme = build_programme(planner, "15:00", {"ontvangst": 60, "pauze": 5, "ronde2": 20})
    assert programme.violations == ()
    assert [line.split(" duurt")[0] for line in programme.advice] == [
        "Ontvangst van de klanten", "Pauze", "KlantenKamer, 2e ronde"]
    assert all("Dat mag volgens de spelregels, maar wij adviseren" in line for line in programme.advice)
