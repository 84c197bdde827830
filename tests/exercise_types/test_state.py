"""Reading saved states: whatever a file holds, a state comes back, and what does not fit takes its default."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cursuslib import registry
from cursuslib.types.state import MAX_INT, read_state, saved


@dataclass
class Item:
    text: str
    kind: str = ""


@dataclass
class Toy:
    text: str = ""
    attempts: int = 0
    done: bool = False
    history: list[Item] = field(default_factory=list)
    ticks: list[bool] = field(default_factory=list)
    levels: dict[str, int] = field(default_factory=dict)
    checked: list[str] | None = None


def test_a_good_state_comes_back_as_saved() -> None:
    raw = {"text": "Hoe plant u?", "attempts": 2, "done": True, "history": [{"text": "Plant u?", "kind": "closed"}],
           "ticks": [True, False], "levels": {"tijdig": 3}, "checked": ["a", "b"]}
    state = read_state(Toy, raw)
    assert state.history == [Item("Plant u?", "closed")] and state.checked == ["a", "b"]
    assert saved(state) == raw


@pytest.mark.parametrize(("raw", "expected"), [
    ({"attempts": "veel"}, Toy()),                                   # a text where a count belongs
    ({"attempts": True}, Toy()),                                     # a yes/no value is no count
    ({"attempts": MAX_INT + 1}, Toy()),                              # a number no student can reach
    ({"done": 1}, Toy()),                                            # 1 is not True
    ({"text": "ok \ud800 kapot"}, Toy()),                            # a lone surrogate cannot be saved as JSON
    ({"history": [{"text": 5}, "x", {"kind": "open"}, {"text": "Wat?"}]}, Toy(history=[Item("Wat?")])),
    ({"ticks": [True, "ja", 1, False]}, Toy(ticks=[True, False])),
    ({"levels": {"tijdig": "3", "luisteren": 2, "x": None}}, Toy(levels={"luisteren": 2})),
    ({"checked": "ab"}, Toy()),
    ({"onbekend": 1, "text": "blijft"}, Toy(text="blijft")),
    ("geen blok", Toy()),
    (None, Toy()),
])
def test_what_does_not_fit_takes_its_default(raw: object, expected: Toy) -> None:
    assert read_state(Toy, raw) == expected


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                       max_size=4), max_leaves=20)


@given(st.dictionaries(st.sampled_from(["text", "attempts", "done", "history", "ticks", "levels", "checked", "x"]),
                       json_values, max_size=8))
def test_any_saved_value_reads_and_saves_again(raw: dict) -> None:
    state = read_state(Toy, raw)
    json.dumps(saved(state))  # always a state that can be written


@pytest.mark.parametrize("kind", registry.names())
@given(raw=json_values)
def test_every_types_state_reads_anything(kind: str, raw: object) -> None:
    spec = registry.get(kind)
    json.dumps(spec.saved(spec.read(raw)))
