"""Lesson 00 in a real JupyterLab: the try-out quiz gives feedback; long options stay readable."""

from __future__ import annotations

import pytest

from .jlab import assert_no_widget_errors, close_notebook, open_notebook, run_all, save_screenshot

pytestmark = pytest.mark.browser


def test_welcome_tryout_quiz_and_answers_info(page, course_lab, console_log) -> None:
    open_notebook(page, course_lab, "notebooks/00_welkom.ipynb")
    run_all(page)
    assert str(course_lab.answers_dir) in page.get_by_text("Je antwoorden worden automatisch bewaard in").inner_text()
    quiz = page.locator(".cursus-ex-00-proef")
    options = quiz.locator(".widget-radio-box label")
    for index in range(options.count()):  # every option shows its radio button and its whole text
        box = options.nth(index).locator("input").bounding_box()
        label = options.nth(index).bounding_box()
        assert box and label and box["width"] >= 10 and label["height"] >= box["height"]
        assert box["x"] - label["x"] < 30, "the radio button stands in front of its text"
    quiz.get_by_role("radio", name="Wilt u een app?").check()  # by text: every student has an own order
    quiz.get_by_role("button", name="Controleer").click()
    quiz.locator(".cursus-feedback").get_by_text("Volgende stap").wait_for()
    quiz.get_by_role("radio", name="Kunt u een voorbeeld geven?").check()
    quiz.get_by_role("button", name="Controleer").click()
    quiz.locator(".cursus-feedback").get_by_text("Goed gedaan").wait_for()
    quiz.scroll_into_view_if_needed()
    quiz.screenshot(path=str(save_screenshot(page, "les00-pagina").with_name("les00-oefening.png")))
    assert_no_widget_errors(page, console_log)
    close_notebook(page)
