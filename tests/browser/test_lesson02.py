"""Lesson 02 in a real JupyterLab: the self-assessment by keyboard, and a positive rewrite with feedback."""

from __future__ import annotations

import re

import pytest

from .jlab import assert_no_widget_errors, close_notebook, open_notebook, run_all, shot, wait_saved

pytestmark = pytest.mark.browser

LESSON = "notebooks/02_klantcontact_eigenschappen.ipynb"
ASSESSMENT = ".cursus-ex-02-zelfbeoordeling"
REWRITE = ".cursus-ex-02-herschrijf-1"
STILL_NEGATIVE = "Dat kan ik helaas niet oplossen, dat moet u zelf doen."
POSITIVE = (
    "Ik wil dit graag voor u oplossen. Vanmiddag bekijk ik het samen met een collega, "
    "en vóór vijf uur bel ik u terug."
)


def slider_value(handle) -> int:
    return round(float(handle.get_attribute("aria-valuenow")))  # noUiSlider writes "1.0"


def test_lesson02_self_assessment_and_rewrite(page, course_lab, console_log) -> None:
    open_notebook(page, course_lab, LESSON)
    run_all(page)

    # -- self-assessment: move the first slider ("Reageer tijdig") with the keyboard -----------------
    assessment = page.locator(ASSESSMENT)
    row = assessment.locator(".widget-hbox").filter(has=page.locator(".widget-slider")).first
    assert "Reageer tijdig" in row.inner_text()
    handle = row.locator("[role=slider]")
    level_text = row.locator(".cursus-feedback")
    start = slider_value(handle)
    handle.focus()
    step_key, expected = ("ArrowRight", start + 1) if start < 4 else ("ArrowLeft", 3)
    page.keyboard.press(step_key)
    level_text.get_by_text(f"Niveau {expected}:").wait_for()
    assert slider_value(handle) == expected
    wait_saved(course_lab.answers_dir, "02-zelfbeoordeling", lambda v: v["levels"].get("tijdig") == expected)
    page.keyboard.press("End")
    level_text.get_by_text("Niveau 4:").wait_for()
    assert "noem wanneer de ander antwoord krijgt" in level_text.inner_text()
    # The whole scale marks the chosen level.
    assert "jouw keuze" in assessment.locator("mark.cursus-mark").first.locator("xpath=..").inner_text()
    wait_saved(course_lab.answers_dir, "02-zelfbeoordeling", lambda v: v["levels"].get("tijdig") == 4)
    shot(page, assessment.locator(".widget-hbox").first, "les02-zelfbeoordeling-slider")
    shot(page, assessment, "les02-zelfbeoordeling")

    # -- rewrite: a still negative attempt, then a good positive one ---------------------------------
    rewrite = page.locator(REWRITE)
    answer = rewrite.locator("textarea")
    feedback = rewrite.locator(".cursus-feedback")
    answer.fill(STILL_NEGATIVE)
    wait_saved(course_lab.answers_dir, "02-herschrijf-1", lambda v: v["text"] == STILL_NEGATIVE)
    rewrite.get_by_role("button", name="Controleer").click()
    feedback.get_by_text("Nog niet").wait_for()
    assert "nog positiever" in feedback.inner_text()
    marks = feedback.locator("mark.cursus-mark").all_inner_texts()
    assert "helaas" in [m.lower() for m in marks], marks
    shot(page, rewrite, "les02-herschrijf-nog-niet")

    answer.fill(POSITIVE)
    wait_saved(course_lab.answers_dir, "02-herschrijf-1", lambda v: v["text"] == POSITIVE)
    rewrite.get_by_role("button", name="Controleer").click()
    feedback.get_by_text(re.compile("je zin is positiever")).wait_for()
    assert "✔ Goed" in feedback.inner_text()
    assert feedback.locator("mark.cursus-mark").count() == 0
    rewrite.get_by_role("button", name="Toon modelantwoord").click()
    model = rewrite.locator(".cursus-model")
    model.get_by_text("Modelantwoord").wait_for()
    assert "vóór vijf uur bel ik u terug" in model.inner_text()
    # The tick list appears with the model answer.
    rewrite.get_by_text("Mijn zin doet dit ook", exact=False).first.wait_for()
    wait_saved(
        course_lab.answers_dir,
        "02-herschrijf-1",
        lambda v: v["model_shown"] and v["history"][-1] == {"text": POSITIVE, "improved": True},
    )
    shot(page, rewrite, "les02-herschrijf-goed")

    assert_no_widget_errors(page, console_log)
    close_notebook(page)
