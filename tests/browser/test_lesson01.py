"""Lesson 01 in a real JupyterLab in Chromium: answer, reflect, restart the kernel, see it all restored."""

from __future__ import annotations

import pytest

from .jlab import (
    assert_no_widget_errors,
    close_notebook,
    open_notebook,
    restart_kernel_and_run_all,
    run_all,
    save_screenshot,
    wait_saved,
)

pytestmark = pytest.mark.browser

LESSON = "notebooks/01_klantgesprek.ipynb"
QUIZ = ".cursus-ex-01-quiz-open-vraag"
WRONG, RIGHT = "Plannen klanten nu via de telefoon?", "Hoe plannen klanten nu een reparatie in?"
REFLECTION = ".cursus-ex-01-reflectie-lsd"
SORT = ".cursus-ex-01-voorbereiding-sorteren"
STORY = "Ik oefende LSD met mijn buurvrouw <b>Sam</b>; zij vertelde over haar weekend 🚲."


def test_lesson01_answers_survive_a_kernel_restart(page, course_lab, console_log) -> None:
    open_notebook(page, course_lab, LESSON)
    run_all(page)
    assert page.locator(".cursus-exercise").count() >= 10
    # The interface is Dutch (nl-NL language pack + overrides).
    assert page.get_by_role("menuitem", name="Bestand").count() == 1

    # A quiz: a wrong answer first, then the right one, each with its explanation.
    quiz = page.locator(QUIZ)
    quiz.get_by_role("radio", name=WRONG).check()  # by text: every student has an own order
    quiz.get_by_role("button", name="Controleer").click()
    feedback = quiz.locator(".cursus-feedback")
    feedback.get_by_text("Nog niet").wait_for()
    assert "Volgende stap" in feedback.inner_text()
    quiz.get_by_role("radio", name=RIGHT).check()
    quiz.get_by_role("button", name="Controleer").click()
    feedback.get_by_text("Goed gedaan").wait_for()
    quiz.get_by_role("button", name="Toon modelantwoord").click()
    quiz.locator(".cursus-model").wait_for()
    quiz.scroll_into_view_if_needed()
    save_screenshot(page, "les01-quiz")

    # A do/don't sort, fully by keyboard-reachable buttons.
    sort = page.locator(SORT)
    sort.locator(".widget-toggle-buttons").nth(0).get_by_role("button", name="Doen", exact=True).click()
    sort.get_by_role("button", name="Controleer").click()
    sort.locator(".cursus-feedback").get_by_text("Volgende stap").wait_for()

    # A reflection: typed text (with HTML) is saved automatically and shown as text.
    reflection = page.locator(REFLECTION)
    reflection.locator("textarea").nth(0).fill(STORY)
    wait_saved(course_lab.answers_dir, "01-reflectie-lsd", lambda v: v["steps"]["situatie"] == STORY)
    reflection.get_by_role("button", name="Toon overzicht").click()
    reflection.locator(".cursus-answer").first.wait_for()
    assert reflection.locator(".cursus-answer").first.inner_text() == STORY
    assert reflection.locator(".cursus-answer b").count() == 0
    # The first attempt: every STARR step written, one point ticked, 'afronden': the examples appear.
    for number in (1, 2, 3, 4):
        reflection.locator("textarea").nth(number).fill("Ik vatte samen wat mijn klasgenoot vertelde.")
    reflection.get_by_role("checkbox").nth(1).check()
    reflection.get_by_role("button", name="Reflectie afronden").click()
    reflection.get_by_text("Voorbeelden: zwak en sterk").wait_for()
    wait_saved(course_lab.answers_dir, "01-reflectie-lsd", lambda v: v.get("attempted") and len(v["ticked"]) == 1)
    wait_saved(course_lab.answers_dir, "01-quiz-open-vraag", lambda v: v["selected"] == ["d"] and v["model_shown"])

    restart_kernel_and_run_all(page)
    reflection = page.locator(REFLECTION)
    reflection.locator("textarea").nth(0).wait_for()
    assert reflection.locator("textarea").nth(0).input_value() == STORY
    assert reflection.get_by_role("checkbox").nth(1).is_checked()  # the tick came back
    assert not reflection.get_by_role("checkbox").nth(0).is_checked()
    reflection.get_by_text("Voorbeelden: zwak en sterk").wait_for()  # and so did the examples
    quiz = page.locator(QUIZ)
    assert quiz.get_by_role("radio", name=RIGHT).is_checked()
    assert "Goed gedaan" in quiz.locator(".cursus-feedback").inner_text()
    assert quiz.locator(".cursus-model").count() == 1
    assert "Volgende stap" in page.locator(SORT).locator(".cursus-feedback").inner_text()
    reflection.scroll_into_view_if_needed()
    save_screenshot(page, "les01-na-herstart")
    assert_no_widget_errors(page, console_log)
    close_notebook(page)
