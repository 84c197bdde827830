"""Lesson 02 in a real JupyterLab: the self-assessment sliders by keyboard (axe, kernel restart), and a positive rewrite."""

from __future__ import annotations

import re

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
from .test_accessibility import FAIL_IMPACTS, run_axe

pytestmark = pytest.mark.browser

LESSON = "notebooks/02_klantcontact_eigenschappen.ipynb"
ASSESSMENT = ".cursus-ex-02-zelfbeoordeling"
REWRITE = ".cursus-ex-02-herschrijf-1"
STILL_NEGATIVE = "Dat kan ik helaas niet oplossen, dat moet u zelf doen."
POSITIVE = (
    "Ik wil dit graag voor u oplossen. Vanmiddag bekijk ik het samen met een collega, "
    "en vóór vijf uur bel ik u terug."
)


LEVEL_1 = "Ik reageer op een bericht of vraag als de ander er nog een keer om vraagt."
LEVEL_2 = "Ik reageer binnen een paar dagen, maar zeg niet wanneer de ander een volledig antwoord krijgt."
LEVEL_4 = "Ik laat meteen weten dat ik een bericht heb ontvangen, noem wanneer de ander antwoord krijgt"


def run_axe_on(page, axe_source: str, selector: str) -> list[dict]:
    """Run axe (WCAG 2.1 AA) on ``selector`` only; return the serious and critical violations."""
    violations = run_axe(page, axe_source, include=selector)
    return [f"{v['id']} ({node['impact'] or v['impact']}) {node['target']}: {v['help']}"
            for v in violations for node in v["nodes"] if (node["impact"] or v["impact"]) in FAIL_IMPACTS]


def move(page, slider, chosen, key: str, level: int, text: str) -> None:
    """Press ``key`` on the focused slider; the slider and the live region under it then name ``level``."""
    page.keyboard.press(key)
    page.wait_for_function("([el, want]) => el.getAttribute('aria-valuetext') === want",
                           arg=[slider.element_handle(), f"niveau {level} van 4"])
    chosen.get_by_text(f"Niveau {level}:").wait_for()
    assert text in chosen.inner_text()
    assert slider.input_value() == str(level)


def test_lesson02_self_assessment_slider_by_keyboard(page, course_lab, axe_source, console_log) -> None:
    open_notebook(page, course_lab, LESSON)
    run_all(page)
    assessment = page.locator(ASSESSMENT)
    # one slider per quality, named after the quality (its <label>), untouched: nothing chosen
    assert assessment.get_by_role("slider").count() == 14
    slider = assessment.get_by_role("slider", name="Reageer tijdig", exact=True)
    assert slider.get_attribute("aria-valuetext") == "nog niet ingevuld"
    chosen = assessment.locator(".cursus-level-current").first
    assert chosen.locator("[aria-live=polite]").count() == 1
    assert "Nog niet ingevuld" in chosen.inner_text()
    assert not run_axe_on(page, axe_source, ASSESSMENT)

    # Tab from the exercise's title to the first slider, then only keys
    assessment.locator("h3").first.click()
    for _ in range(6):
        if slider.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert slider.evaluate("el => el === document.activeElement"), "Tab does not reach the first slider"
    move(page, slider, chosen, "ArrowRight", 1, LEVEL_1)  # the first key chooses level 1
    wait_saved(course_lab.answers_dir, "02-zelfbeoordeling", lambda v: v["levels"].get("tijdig") == 1)
    move(page, slider, chosen, "ArrowRight", 2, LEVEL_2)
    move(page, slider, chosen, "End", 4, LEVEL_4)
    move(page, slider, chosen, "Home", 1, LEVEL_1)
    move(page, slider, chosen, "ArrowUp", 2, LEVEL_2)
    assert slider.evaluate("el => el === document.activeElement")  # the arrows moved no cell in JupyterLab
    wait_saved(course_lab.answers_dir, "02-zelfbeoordeling", lambda v: v["levels"] == {"tijdig": 2})
    second = assessment.get_by_role("slider", name="Noteer de naam van de klant", exact=True)
    assert second.get_attribute("aria-valuetext") == "nog niet ingevuld"  # the others stay untouched
    failing = run_axe_on(page, axe_source, ASSESSMENT)
    assert not failing, "axe on the self-assessment sliders:\n" + "\n".join(failing)
    shot(page, assessment.locator(".cursus-level-choice").first, "les02-zelfbeoordeling-schuif")
    shot(page, assessment, "les02-zelfbeoordeling")

    # a new kernel shows the saved level again, and the untouched sliders as not filled in
    restart_kernel_and_run_all(page)
    slider = page.locator(ASSESSMENT).get_by_role("slider", name="Reageer tijdig", exact=True)
    assert slider.get_attribute("aria-valuetext") == "niveau 2 van 4" and slider.input_value() == "2"
    chosen = page.locator(ASSESSMENT).locator(".cursus-level-current").first
    assert "Niveau 2:" in chosen.inner_text() and LEVEL_2 in chosen.inner_text()
    second = page.locator(ASSESSMENT).get_by_role("slider", name="Noteer de naam van de klant", exact=True)
    assert second.get_attribute("aria-valuetext") == "nog niet ingevuld"
    assert_no_widget_errors(page, console_log)
    close_notebook(page)


def test_lesson02_rewrite(page, course_lab, console_log) -> None:
    open_notebook(page, course_lab, LESSON)
    run_all(page)

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
