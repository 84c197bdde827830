"""Observer checklist in English (CURSUSLIB_TAAL=en): labels, status, summary and tip from en.yaml."""

from __future__ import annotations

import pytest

from cursuslib.content import find_exercise
from cursuslib.store import AnswerStore
from cursuslib.widgets import ObserverChecklist

from .visible import visible as shown

#: Every test here runs with the English widget texts (CURSUSLIB_TAAL=en).
pytestmark = pytest.mark.usefixtures("english")


def buttons(widget: ObserverChecklist) -> dict[str, object]:
    """Every button in the tally rows, by its label (the −1 buttons by their tooltip)."""
    found = {}
    for row in widget.children:
        for child in getattr(row, "children", ()):
            if hasattr(child, "on_click"):
                found[child.description if child.description.startswith("+1") else child.tooltip] = child
    return found


def test_observer_in_english(store: AnswerStore) -> None:
    widget = ObserverChecklist(find_exercise("04-observatie"), store=store)
    assert widget.person.description == "Who are you observing?"
    assert widget.person.placeholder == "For example: developer 1"
    assert widget.next_button.description == "Close round"
    assert widget.next_button.tooltip == "Save this round and start a new one"
    tally = buttons(widget)
    assert "+1 Stelt een open vraag" in tally and "One less: Stelt een open vraag" in tally
    tally["+1 Stelt een open vraag"].click()
    tally["+1 Stelt een gesloten vraag"].click()
    tally["+1 Onderbreekt de klant"].click()
    assert "Onderbreekt de klant: 1" in widget.status.value
    summary = shown(widget.summary.value)
    assert summary.startswith("Summary Who") and "in progress" in summary
    assert "Share of open questions: 50%." in summary and "What went well: Stelt een open vraag (1x)." in summary
    assert "Next step: in the next round, watch especially for 'Onderbreekt de klant' (seen 1x)." in \
        summary.replace("&#x27;", "'")
    widget.close_round()
    assert "Round of &#x27;Round 1&#x27; saved. The counters are back at 0." in widget.status.value
    for dutch in ("Samenvatting", "nu bezig", "Aandeel", "Wat goed ging", "Volgende stap", "gezien"):
        assert dutch not in widget.summary.value
    assert "Ronde" not in widget.status.value and "bewaard" not in widget.status.value
