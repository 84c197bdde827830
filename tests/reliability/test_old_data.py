"""Old or odd saved data never crashes an exercise: a teacher edits an exercise mid-course, a file is hand-edited.

For every exercise type, the widget is built from saved values that do not fit (a choice that is no longer an
option, wrong types, huge numbers, lone surrogates, nested junk); it must show, save and assess without an
exception. (Issue 16, point 4.)
"""

from __future__ import annotations

import pytest

from cursuslib import registry
from cursuslib.content import load_course
from cursuslib.store import AnswerStore
from cursuslib.types import spec_of
from cursuslib.types.base import Context

HUGE = 10 ** 5000  # more digits than Python turns into text by default (4,300)


def first_of_each_type() -> dict[str, object]:
    found: dict[str, object] = {}
    for lesson in load_course().values():
        for exercise in lesson.exercises:
            found.setdefault(exercise.type, exercise)
    return found


EXERCISES = first_of_each_type()
ODD_VALUES = [
    {"choice": "z-no-longer-an-option", "chosen": ["zz", 3], "attempts": "drie", "answers": {"x": "y"}},
    {"attempts": HUGE, "turn": -7, "order": [99, "a", None], "levels": {"tijdig": 77}, "history": "oops"},
    {"text": "\ud800 losse helft", "summary": {"a": 1}, "turns": [{"said": 1}, "x", None], "exchanges": 5},
    {"value": [[[[[]]]]], "checked": True, "closed": "ja", "letter": 12, "steps": {"s": 1}},
    "geen object",
    [1, 2, 3],
    None,
]


def test_every_type_is_covered() -> None:
    assert set(EXERCISES) == set(registry.names())


@pytest.mark.parametrize("kind", sorted(EXERCISES))
@pytest.mark.parametrize("value", range(len(ODD_VALUES)))
def test_odd_saved_data_never_crashes_an_exercise(kind: str, value: int, answers_dir) -> None:  # type: ignore[no-untyped-def]
    from cursuslib.widgets import make_widget

    exercise = EXERCISES[kind]
    store = AnswerStore(answers_dir)
    raw = ODD_VALUES[value]
    try:
        store.save(exercise.id, raw)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - a value the store refuses is fine; then the exercise starts empty
        pass
    widget = make_widget(exercise, store=AnswerStore(answers_dir))  # type: ignore[arg-type]
    spec = spec_of(exercise)  # type: ignore[arg-type]
    state = widget.state()
    spec.assess(exercise, state)  # type: ignore[arg-type]
    spec.portfolio(exercise, state, Context())  # type: ignore[arg-type]
    widget.save()
