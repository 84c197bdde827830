"""Ordering widget, driven headless."""

from __future__ import annotations

from cursuslib.store import AnswerStore
from cursuslib.widgets.ordering import OrderingExercise

from .conftest import strip_tags

ORDER = """
id: 09-volgorde
type: ordering
title: Welke stap eerst?
items:
  - {text: Luisteren, explanation: Eerst hoor je het hele verhaal.}
  - {text: Samenvatten, explanation: Dan check je of je het goed begreep.}
  - {text: Doorvragen, explanation: Dan zoek je wat erachter zit.}
  - {text: Leveren, explanation: Pas daarna kom je met een oplossing.}
"""


def shown(widget: OrderingExercise) -> list[str]:
    return [strip_tags(t.value).split(".", 1)[1].strip() for t in widget.texts]


def test_starts_shuffled_the_same_way_every_time(make_exercise, store: AnswerStore) -> None:
    first = OrderingExercise(make_exercise(ORDER), store=store)
    assert shown(first) != ["Luisteren", "Samenvatten", "Doorvragen", "Leveren"]
    assert sorted(shown(first)) == sorted(["Luisteren", "Samenvatten", "Doorvragen", "Leveren"])
    assert first.up[0].disabled and first.down[-1].disabled


def test_move_with_buttons_check_and_restore(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(ORDER)
    widget = OrderingExercise(exercise, store=store)
    target = ["Luisteren", "Samenvatten", "Doorvragen", "Leveren"]
    widget.check_button.click()
    assert "Nog niet" in widget.feedback.value and widget.model_button.layout.display is None
    for goal_position, name in enumerate(target):  # bubble each step up with its 'Omhoog' button
        while shown(widget).index(name) > goal_position:
            widget.up[shown(widget).index(name)].click()
    assert shown(widget) == target
    assert "staat nu op plek" in widget.feedback.value
    widget.check_button.click()
    assert "Alle 4 stappen" in strip_tags(widget.feedback.value)
    assert "Pas daarna" in widget.notes[3].value
    again = OrderingExercise(exercise, store=AnswerStore(store.folder))
    assert shown(again) == target and "Alle 4 stappen" in strip_tags(again.feedback.value)


def test_model_answer_only_after_an_attempt(make_exercise, store: AnswerStore) -> None:
    widget = OrderingExercise(make_exercise(ORDER), store=store)
    assert widget.model_button.layout.display == "none"
    widget.show_model()
    assert widget.model.value == ""
    widget.check_button.click()
    widget.model_button.click()
    assert strip_tags(widget.model.value).index("Luisteren") < strip_tags(widget.model.value).index("Leveren")
