"""Observer checklist widget, driven headless."""

from __future__ import annotations

from cursuslib.store import AnswerStore
from cursuslib.widgets.observer import ObserverChecklist

from .conftest import strip_tags

OBSERVER = """
id: 09-observatie
type: observer
title: Observeer het gesprek
behaviours:
  - {key: open, name: Open vraag, kind: positief}
  - {key: gesloten, name: Gesloten vraag, kind: neutraal}
  - {key: samenvatting, name: Samenvatting, kind: positief}
  - {key: onderbreekt, name: Onderbreekt, kind: negatief}
"""


def test_tally_rounds_and_summary(make_exercise, store: AnswerStore) -> None:
    widget = ObserverChecklist(make_exercise(OBSERVER), store=store)
    widget.person.value = "<b>developer 1</b>"
    buttons = {b.description: b for row in widget.children if hasattr(row, "children") for b in row.children
               if hasattr(b, "description") and b.description.startswith("+1")}
    for _ in range(3):
        buttons["+1 Open vraag"].click()
    buttons["+1 Gesloten vraag"].click()
    buttons["+1 Onderbreekt"].click()
    assert "Onderbreekt: 1" in widget.status.value
    widget.close_round()
    assert widget.counts == {"open": 0, "gesloten": 0, "samenvatting": 0, "onderbreekt": 0}
    summary = strip_tags(widget.summary.value)
    assert "Aandeel open vragen: 75%" in summary and "Open vraag (3x)" in summary
    assert "let in de volgende ronde vooral op 'Onderbreekt' (1x gezien)" in summary.replace("&#x27;", "'")
    assert "<b>developer" not in widget.summary.value and "&lt;b&gt;developer 1&lt;/b&gt;" in widget.summary.value


def test_counts_never_below_zero_and_restore(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(OBSERVER)
    widget = ObserverChecklist(exercise, store=store)
    widget.tally("samenvatting", -1)
    assert widget.counts["samenvatting"] == 0
    widget.tally("samenvatting", +1)
    widget.close_round()
    widget.tally("open", +1)
    again = ObserverChecklist(exercise, store=AnswerStore(store.folder))
    assert again.counts["open"] == 1 and len(again.rounds) == 1
    assert "Ronde 1" in strip_tags(again.summary.value)


def test_an_exercise_can_override_the_tip(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(OBSERVER + "texts:\n  observer.tip_watch: 'tel minder vaak {behaviour} ({count}x).'\n"
                             "  observer.close_round: Klaar met deze ronde\n")
    widget = ObserverChecklist(exercise, store=store)
    assert widget.next_button.description == "Klaar met deze ronde"
    widget.tally("onderbreekt", +1)
    summary = strip_tags(widget.summary.value)
    assert "Volgende stap: tel minder vaak Onderbreekt (1x)." in summary and "vooral op" not in summary
