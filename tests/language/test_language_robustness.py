"""No input raises, offsets stay valid, and time grows linearly with the input length."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cursuslib.language import followup_feedback, positivity, question_kind, rewrite_feedback, summary_feedback

_SETTINGS = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
_DUTCH = st.sampled_from(
    ["wat", "hoe", "niet", "geen", "helaas", "u", "moet", "heeft", "of", "toch", "Oké", ",", "?", ".", "!", " ", "pas", "als", "<b>", "😀", "\x00", "\n"]
)
_MESSY = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8")),
    st.lists(_DUTCH, max_size=40).map(" ".join),
    st.lists(_DUTCH, max_size=40).map("".join),
)


def _check_all(text: str, other: str) -> None:
    q = question_kind(text)
    assert q.kind in ("open", "closed")
    for start, end in q.spans:
        assert 0 <= start <= end <= len(text)
    p = positivity(text)
    for f in p.findings:
        assert text[f.start : f.end] == f.phrase
        assert f.reason and f.tip
    r = rewrite_feedback(other, text)
    assert r.messages and r.messages[-1].startswith("Volgende stap:")
    assert summary_feedback(other, text).messages
    assert followup_feedback(other, text).messages


@_SETTINGS
@given(_MESSY, _MESSY)
def test_no_input_raises(text: str, other: str) -> None:
    _check_all(text, other)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "<script>alert('niet')</script><b>Wat</b> is er <i>gebeurd</i>?",
        "<<<>>><a href='x'>geen probleem</a>",
        "\x00\x01\x1b[31mhelaas\x7f niet\u200b?",
        "😀🙈🔥" * 1000,
        "Wat is er gebeurd? " * 5300,
        "niet " * 20_000,
        "a" * 100_000,
        "Heeft u, " * 11_000,
        "of " * 33_000,
        "?" * 100_000,
    ],
)
def test_extreme_inputs(text: str) -> None:
    _check_all(text, "Uw pakket is vertraagd.")


