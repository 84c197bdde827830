"""KlantenKamer planner widget, driven headless."""

from __future__ import annotations

from cursuslib.store import AnswerStore
from cursuslib.widgets.planner import PlannerExercise

from .conftest import strip_tags

PLANNER = """
id: 09-planner
type: planner
title: Plan een KlantenKamer
start: 15:00
parts:
  - {key: ontvangst, name: Ontvangst, default: 30, min: 15, max: 45, rule: Ontvang de klanten rustig.}
  - {key: ronde1, name: Ronde 1, default: 75, min: 60, max: 75, rule: Ronde 1 duurt een uur tot vijf kwartier.}
  - {key: pauze, name: Pauze, default: 30, min: 10, max: 30, rule: Een korte pauze.}
"""


def test_default_programme_follows_the_rules(make_exercise, store: AnswerStore) -> None:
    widget = PlannerExercise(make_exercise(PLANNER), store=store)
    text = strip_tags(widget.programme.value)
    assert "15.00–15.30 uur" in text and "15.30–16.45 uur" in text and "17.15 uur" in text
    assert "past bij de spelregels" in text


def test_violations_are_explained(make_exercise, store: AnswerStore) -> None:
    widget = PlannerExercise(make_exercise(PLANNER), store=store)
    widget.minutes["ronde1"].value = 90
    widget.minutes["pauze"].value = 5
    text = strip_tags(widget.programme.value)
    assert "Ronde 1 duurt 90 minuten; dat is langer dan 75 minuten. Ronde 1 duurt een uur tot vijf kwartier." in text
    assert "Pauze duurt 5 minuten; dat is korter dan 10 minuten" in text
    assert "2 onderdelen passen" in text and "Volgende stap" in text


def test_bad_start_time_and_restore(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(PLANNER)
    widget = PlannerExercise(exercise, store=store)
    widget.start.value = "kwart over drie"
    assert "is geen tijd" in widget.programme.value
    widget.start.value = "9.30"
    widget.minutes["ontvangst"].value = 20
    again = PlannerExercise(exercise, store=AnswerStore(store.folder))
    assert again.start.value == "9.30" and again.minutes["ontvangst"].value == 20
    assert "09.30–09.50 uur" in strip_tags(again.programme.value)


def test_start_must_be_a_time(make_exercise) -> None:
    import pytest

    from cursuslib.content import ContentError

    with pytest.raises(ContentError, match=r"veld 'start': verwacht een tijd"):
        make_exercise(PLANNER.replace("start: 15:00", "start: morgen"))


def test_an_exercise_can_override_the_rule_sentences(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(PLANNER + "texts:\n  planner.too_long: '{part}: {minutes} is te veel, max {limit}.'\n"
                             "  planner.col_part: Blok\n")
    widget = PlannerExercise(exercise, store=store)
    widget.minutes["ronde1"].value = 90
    text = strip_tags(widget.programme.value)
    assert "Ronde 1: 90 is te veel, max 75." in text and "dat is langer dan" not in text
    assert ">Blok</th>" in widget.programme.value and "Onderdeel" not in widget.programme.value
