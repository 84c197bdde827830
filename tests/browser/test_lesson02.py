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


def test_lesson02_self_assessment_and_rewrite(page, course_lab, console_log) -> None:
    open_notebook(page, course_lab, LESSON)
    run_all(page)

    # -- self-assessment: choose levels of the first quality ("Reageer tijdig") with Tab and Space ----
    assessment = page.locator(ASSESSMENT)
    scale = assessment.locator(".cursus-level-choice").first
    assert scale.locator(".widget-label").inner_text().strip() == "Reageer tijdig"  # the visible label
    radios = scale.get_by_role("radio")
    assert radios.count() == 4
    # every level is a radio button whose accessible name is its number and behaviour
    level_4 = scale.get_by_role("radio", name=re.compile(r"^4 - Ik laat meteen weten"))
    assert level_4.count() == 1
    chosen = assessment.locator(".cursus-level-current").first
    radios.nth(0).focus()
    page.keyboard.press("Tab")  # to level 2
    page.keyboard.press("Space")
    chosen.get_by_text("Niveau 2:").wait_for()
    assert radios.nth(1).is_checked()
    assert "zeg niet wanneer de ander een volledig antwoord krijgt" in chosen.inner_text()
    wait_saved(course_lab.answers_dir, "02-zelfbeoordeling", lambda v: v["levels"].get("tijdig") == 2)
    page.keyboard.press("Tab")  # level 3
    page.keyboard.press("Tab")  # level 4
    page.keyboard.press("Space")
    chosen.get_by_text("Niveau 4:").wait_for()
    assert "noem wanneer de ander antwoord krijgt" in chosen.inner_text()
    assert level_4.is_checked() and not radios.nth(1).is_checked()
    wait_saved(course_lab.answers_dir, "02-zelfbeoordeling", lambda v: v["levels"].get("tijdig") == 4)
    shot(page, scale, "les02-zelfbeoordeling-niveaus")
    shot(page, assessment, "les02-zelfbeoordeling")

    # -- rewrite: a still negative attempt, then a good positive one ---------------------------------
    rewrite = page.locator(REWRITE)
    answer = rewrite.locator("textarea")
    feedback = rewrite.locator(".cursus-feedback")
    answer.fill(STILL_NEGATIVE)
    wait_saved(course_lab.answers_dir, "02-herschrijf-1", lambda v: v["text"] == STILL_NEGATIVE)
    rewrite.get_by_role("button", name="Controleer").click()
    feedback.get_by_text("nog positiever", exact=False).first.wait_for()  # 'nog niet' also names key ideas
    assert "✘ Nog niet" in feedback.inner_text()
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
