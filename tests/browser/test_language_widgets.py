"""The feedback engine in the browser: lesson 01's language exercises give feedback, and keep it after a restart."""

from __future__ import annotations

import pytest

from .jlab import (
    assert_no_widget_errors,
    close_notebook,
    open_notebook,
    restart_kernel_and_run_all,
    run_all,
    shot,
    wait_saved,
)

pytestmark = pytest.mark.browser

LESSON = "notebooks/01_klantgesprek.ipynb"
ASK = ".cursus-ex-01-open-vraag-stellen"
DRILL = ".cursus-ex-01-open-gesloten-herkennen"
LSD = ".cursus-ex-01-lsd-oefenen"
CLOSED = "Heeft u op zaterdag een vaste planning voor de werkplaats?"
OPEN = "Hoe verloopt de planning van de werkplaats op een drukke zaterdag?"
SUMMARY = ("Als ik u goed begrijp, bellen klanten vaak om te vragen of hun fiets klaar is, en loopt u dan naar de "
           "werkplaats terwijl er iemand aan de balie wacht. Klopt dat?")
CLOSED_FOLLOW_UP = "Gebeurt dat elke dag?"
OPEN_FOLLOW_UP = "Hoe vaak per dag krijgt u zo'n telefoontje?"


def test_language_exercises_give_feedback_and_survive_a_restart(page, course_lab, console_log) -> None:
    open_notebook(page, course_lab, LESSON)
    run_all(page)
    answers = course_lab.answers_dir

    # -- write a question: closed first (marked, with an open form), then open ----------------------
    ask = page.locator(ASK)
    box, feedback = ask.get_by_role("textbox", name="Jouw vraag"), ask.locator(".cursus-feedback")
    box.fill(CLOSED)
    wait_saved(answers, "01-open-vraag-stellen", lambda v: v["text"] == CLOSED)
    ask.get_by_role("button", name="Controleer").click()
    feedback.get_by_text("✘ Nog niet").wait_for()
    text = feedback.inner_text()
    assert "dit is een gesloten vraag." in text
    assert feedback.locator("mark.cursus-mark").all_inner_texts() == ["Heeft"]
    assert "maak je vraag open, bijvoorbeeld zo: 'Wat voor vaste planning heeft u op zaterdag voor de werkplaats?'" in text
    shot(page, ask, "taal-open-vraag-gesloten")
    box.fill(OPEN)
    wait_saved(answers, "01-open-vraag-stellen", lambda v: v["text"] == OPEN)
    ask.get_by_role("button", name="Controleer").click()
    feedback.get_by_text("✔ Goed").wait_for()
    text = feedback.inner_text()
    assert "dit is een open vraag." in text and "gesloten" not in text
    assert feedback.locator("mark.cursus-mark").all_inner_texts() == ["Hoe"]
    assert "je begint met het vraagwoord 'hoe'" in text
    wait_saved(answers, "01-open-vraag-stellen",
               lambda v: [h["kind"] for h in v["history"][-2:]] == ["closed", "open"] and v["text"] == OPEN)
    shot(page, ask, "taal-open-vraag-open")

    # -- recognise open/closed: feedback right after choosing -----------------------------------------
    drill = page.locator(DRILL)
    toggles, notes = drill.locator(".widget-toggle-buttons"), drill.locator(".cursus-feedback")
    toggles.nth(0).get_by_role("button", name="Open", exact=True).click()
    notes.nth(0).get_by_text("deze vraag is open.").wait_for()
    assert "✔ Goed" in notes.nth(0).inner_text()
    assert notes.nth(0).locator("mark.cursus-mark").all_inner_texts() == ["Wie"]
    toggles.nth(1).get_by_role("button", name="Open", exact=True).click()  # wrong: it is closed
    notes.nth(1).get_by_text("deze vraag is gesloten.").wait_for()
    assert "✘ Nog niet" in notes.nth(1).inner_text()
    assert "Open maken:" in notes.nth(1).inner_text()
    wait_saved(answers, "01-open-gesloten-herkennen", lambda v: v["answers"] == {"0": "open", "1": "open"})
    shot(page, drill, "taal-open-gesloten-herkennen")

    # -- summarise and ask on: feedback on both parts ---------------------------------------------------
    lsd = page.locator(LSD)
    summary, follow_up = lsd.get_by_role("textbox", name="Samenvatting"), lsd.get_by_role("textbox", name="Doorvraag")
    lsd_feedback = lsd.locator(".cursus-feedback")
    summary.fill(SUMMARY)
    follow_up.fill(CLOSED_FOLLOW_UP)
    wait_saved(answers, "01-lsd-oefenen", lambda v: v["summary"] == SUMMARY and v["question"] == CLOSED_FOLLOW_UP)
    lsd.get_by_role("button", name="Controleer").click()
    lsd_feedback.get_by_text("Doorvraag", exact=True).wait_for()
    text = lsd_feedback.inner_text()
    assert "Samenvatting: ✔ Goed" in text and "Doorvraag: ✘ Nog niet" in text, text
    assert "Gesloten vraag: de vraag begint met het werkwoord 'Gebeurt'." in text
    follow_up.fill(OPEN_FOLLOW_UP)
    wait_saved(answers, "01-lsd-oefenen", lambda v: v["question"] == OPEN_FOLLOW_UP)
    lsd.get_by_role("button", name="Controleer").click()
    lsd_feedback.get_by_text("Doorvraag: ✔ Goed").wait_for()
    assert "Samenvatting: ✔ Goed" in lsd_feedback.inner_text()
    lsd.get_by_role("button", name="Toon voorbeeld").click()
    lsd.locator(".cursus-model").get_by_text("Voorbeeld", exact=True).wait_for()
    wait_saved(answers, "01-lsd-oefenen", lambda v: v["checked"] == [SUMMARY, OPEN_FOLLOW_UP] and v["model_shown"])
    shot(page, lsd, "taal-lsd-oefenen")

    # -- restart the kernel: the typed question and its feedback come back ---------------------------
    restart_kernel_and_run_all(page)
    ask = page.locator(ASK)
    box, feedback = ask.get_by_role("textbox", name="Jouw vraag"), ask.locator(".cursus-feedback")
    feedback.get_by_text("✔ Goed").wait_for()
    assert box.input_value() == OPEN
    assert feedback.locator("mark.cursus-mark").all_inner_texts() == ["Hoe"]
    assert OPEN in feedback.inner_text()
    notes = page.locator(DRILL).locator(".cursus-feedback")
    assert "deze vraag is open." in notes.nth(0).inner_text() and "✘ Nog niet" in notes.nth(1).inner_text()
    lsd = page.locator(LSD)
    assert lsd.get_by_role("textbox", name="Samenvatting").input_value() == SUMMARY
    assert "Doorvraag: ✔ Goed" in lsd.locator(".cursus-feedback").inner_text()
    assert lsd.locator(".cursus-model").count() == 1
    shot(page, ask, "taal-open-vraag-na-herstart")

    assert_no_widget_errors(page, console_log)
    close_notebook(page)
