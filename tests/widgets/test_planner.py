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


WORKED = """
id: 09-planner
type: planner
title: Plan een KlantenKamer
start: 15:00
parts:
  - {key: ontvangst, name: Ontvangst, default: 30, advice_min: 15, advice_max: 45, advice: Wij adviseren een kwartier tot drie kwartier.}
  - {key: ronde1, name: Ronde 1, default: 75, min: 60, max: 75, rule: Ronde 1 duurt een uur tot vijf kwartier.}
example:
  start: "15:30"
  parts:
    ontvangst: {weak: 30, strong: 15, why: Een kwartier is genoeg.}
    ronde1: {weak: 75, strong: 65, why: "Zo blijft er tijd over <voor> ronde 2."}
  why: Het sterke programma eindigt om 16.50 uur.
checklist:
  - Mijn programma is om 18.15 uur klaar.
  - Ronde 1 duurt minstens een uur.
"""


def test_an_advice_is_shown_as_advice_not_as_a_broken_rule(make_exercise, store: AnswerStore) -> None:
    widget = PlannerExercise(make_exercise(WORKED), store=store)
    widget.minutes["ontvangst"].value = 5
    html = widget.programme.value
    text = " ".join(strip_tags(html).split())
    assert "✔ Goed" in text and "dit programma past bij de spelregels" in text and "✘" not in text
    assert "Advies van de cursus (geen spelregel)" in text
    assert "Ontvangst duurt 5 minuten. Dat mag volgens de spelregels, maar wij adviseren minstens 15 minuten." in text
    assert "Volgende stap: kijk of je het advies volgt" in text
    widget.minutes["ronde1"].value = 90  # now a rule breaks too: counted and marked, the advice stays apart
    text = strip_tags(widget.programme.value)
    assert "✘ Nog niet" in text and "1 onderdeel past nog niet bij de spelregels." in text
    assert text.index("Ronde 1 duurt 90 minuten") < text.index("Advies van de cursus") < text.index("Ontvangst duurt 5")


def test_the_example_comes_after_the_first_attempt_and_stays(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(WORKED)
    widget = PlannerExercise(exercise, store=store)
    widget.minutes["ronde1"].value = 60  # changing the plan is not yet an attempt
    assert widget.examples.value == "" and "Na het afronden zie je een zwak en een sterk programma" in widget.later.value
    widget.done_button.click()
    shown = widget.examples.value
    text = strip_tags(shown)
    assert "Voorbeeld: een zwak en een sterk programma (begintijd 15.30 uur)" in text
    assert "Ontvangst 30 min. (15.30–16.00 uur) 15 min. (15.30–15.45 uur) Een kwartier is genoeg." in " ".join(text.split())
    assert "Einde 17.15 uur 16.50 uur Het sterke programma eindigt om 16.50 uur." in " ".join(text.split())
    assert "tijd over &lt;voor&gt; ronde 2" in shown and "<voor>" not in shown
    assert widget.later.value == ""
    again = PlannerExercise(exercise, store=AnswerStore(store.folder))  # a kernel restart
    assert again.examples.value == shown and again.minutes["ronde1"].value == 60


def test_checklist_ticks_are_saved_restored_and_unticked_points_named(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(WORKED)
    widget = PlannerExercise(exercise, store=store)
    widget.tick("Ronde 1 duurt minstens een uur.")
    assert store.get("09-planner")["ticked"] == ["Ronde 1 duurt minstens een uur."]
    widget.done_button.click()
    message = widget.done_message.value
    assert "Afgerond en opgeslagen" in message and "<li>Mijn programma is om 18.15 uur klaar.</li>" in message
    assert "Ronde 1 duurt minstens een uur." not in message
    again = PlannerExercise(exercise, store=AnswerStore(store.folder))
    assert again.checklist.ticked == ["Ronde 1 duurt minstens een uur."] and again.done
    again.tick("Mijn programma is om 18.15 uur klaar.")
    assert "alle punten van de checklist afgevinkt" in again.done_message.value
    saved = AnswerStore(store.folder).get("09-planner")
    assert saved["ticked"] == list(exercise.data["checklist"]) and saved["done"] is True and saved["attempted"] is True


def test_finishing_with_a_start_that_is_no_time_is_no_attempt(make_exercise, store: AnswerStore) -> None:
    widget = PlannerExercise(make_exercise(WORKED), store=store)
    widget.start.value = "straks"
    widget.done_button.click()
    assert "is geen tijd" in widget.done_message.value and widget.examples.value == "" and not widget.done
