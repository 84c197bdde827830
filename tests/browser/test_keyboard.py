"""Keyboard only: a quiz and a do/don't sort answered without the mouse."""

from __future__ import annotations

import pytest

from .jlab import close_notebook, open_notebook, run_all

pytestmark = pytest.mark.browser


def press_until_focused(page, locator, key: str = "Tab", limit: int = 40) -> None:
    """Press ``key`` until ``locator`` has the keyboard focus, as a keyboard user would."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{locator} never received focus with {key}")


def test_quiz_and_sort_by_keyboard(page, course_lab) -> None:
    open_notebook(page, course_lab, "notebooks/01_klantgesprek.ipynb")
    run_all(page)

    quiz = page.locator(".cursus-ex-01-quiz-open-vraag")
    # The options stand in this student's own order: find them by their text, not by their place.
    wrong = quiz.get_by_role("radio", name="Plannen klanten nu via de telefoon?")
    right = quiz.get_by_role("radio", name="Hoe plannen klanten nu een reparatie in?")
    radios = quiz.locator(".widget-radio-box input")
    labels = [radios.nth(i).evaluate("el => el.parentElement.textContent.trim()") for i in range(radios.count())]
    forward = (next(i for i, label in enumerate(labels) if "via de telefoon?" in label)
               < next(i for i, label in enumerate(labels) if "een reparatie in?" in label))
    # Each option is its own Tab stop (JupyterLab keeps the arrow keys for moving between cells).
    wrong.focus()
    page.keyboard.press("Space")
    assert wrong.is_checked()
    press_until_focused(page, right, "Tab" if forward else "Shift+Tab")
    page.keyboard.press("Space")
    assert right.is_checked() and not wrong.is_checked()
    press_until_focused(page, quiz.get_by_role("button", name="Controleer"))
    page.keyboard.press("Enter")
    quiz.locator(".cursus-feedback").get_by_text("Goed gedaan").wait_for()

    sort = page.locator(".cursus-ex-01-inleiding-sorteren")
    first = sort.locator(".widget-toggle-buttons").nth(0).get_by_role("button", name="Doen", exact=True)
    first.focus()
    page.keyboard.press("Enter")
    press_until_focused(page, sort.get_by_role("button", name="Controleer"))
    page.keyboard.press("Space")
    sort.locator(".cursus-feedback").get_by_text("Volgende stap").wait_for()
    assert "Uitspraak 1" in sort.inner_text()
    close_notebook(page)
