"""Keyboard only: one exercise of every type answered in a real JupyterLab without the mouse.

A scratch notebook shows the first exercise of each type in the course (one notebook opening for all
types). Each exercise is entered once by giving its first control the focus (as Tab would from the
cell before); from there only keys are pressed: Tab to move, Space/Enter on choices and buttons, typing
in text fields. Every type must then show its feedback and save the answer.
"""

from __future__ import annotations

import nbformat
import pytest

from cursuslib import registry
from cursuslib.content import load_course

from .jlab import REPO_ROOT, assert_no_widget_errors, close_notebook, open_notebook, run_all, wait_saved

pytestmark = pytest.mark.browser


def first_of_each_type() -> dict[str, str]:
    """The id of the first exercise of every type in the course."""
    found: dict[str, str] = {}
    for lesson in load_course(REPO_ROOT / "exercises").values():
        for exercise in lesson.exercises:
            found.setdefault(exercise.type, exercise.id)
    return found


EXERCISES = first_of_each_type()


@pytest.fixture(scope="module")
def keyboard_lab(lab_factory, tmp_path_factory):
    root = tmp_path_factory.mktemp("keyboard")
    answers = tmp_path_factory.mktemp("keyboard-answers")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("from cursuslib import show_exercise")]
    nb.cells += [nbformat.v4.new_code_cell(f'show_exercise("{ex_id}")') for ex_id in EXERCISES.values()]
    nbformat.write(nb, str(root / "toetsenbord.ipynb"))
    lab = lab_factory(root, extra_env={"CURSUSLIB_ANSWERS_DIR": str(answers),
                                       "CURSUSLIB_EXERCISES_DIR": str(REPO_ROOT / "exercises")})
    lab.answers_dir = answers
    return lab


def is_focused(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement || el.contains(document.activeElement)")


def tab_to(page, locator, limit: int = 60) -> None:
    """Press Tab until ``locator`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if is_focused(locator):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def enter(page, locator) -> None:
    """Tab to a control and press it with Enter."""
    tab_to(page, locator)
    page.keyboard.press("Enter")


def type_into(page, box, text: str) -> None:
    """Tab to a text field and type ``text``."""
    tab_to(page, box)
    page.keyboard.type(text)
    typed(box, text)


def typed(box, text: str) -> None:
    """The field shows ``text`` (else the keys went elsewhere: say so here, not as a missing reply later)."""
    shown = box.input_value()
    if text not in shown:
        focused = box.page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
        raise AssertionError(f"typed {text!r}, the field shows {shown!r}; focus is on {focused}")


def press_check(page, exercise) -> None:
    enter(page, exercise.get_by_role("button", name="Controleer", exact=True))


def feedback(exercise) -> str:
    return " ".join(exercise.locator(".cursus-feedback").all_inner_texts())


def wait_feedback(exercise, text: str) -> None:
    exercise.locator(".cursus-feedback").get_by_text(text).first.wait_for()


# -- one driver per type: the exercise's locator in, keyboard only ----------------------------------

def single_choice(page, ex) -> None:
    radios = ex.locator(".widget-radio-box input")
    radios.nth(0).focus()
    page.keyboard.press("Space")
    assert radios.nth(0).is_checked()
    press_check(page, ex)
    wait_feedback(ex, "Je koos")


def multiple_choice(page, ex) -> None:
    boxes = ex.locator(".widget-checkbox input")
    boxes.nth(0).focus()
    page.keyboard.press("Space")
    tab_to(page, boxes.nth(1))
    page.keyboard.press("Space")
    assert boxes.nth(0).is_checked() and boxes.nth(1).is_checked()
    press_check(page, ex)
    wait_feedback(ex, "Je koos")


def sort(page, ex) -> None:
    first = ex.locator(".widget-toggle-buttons").nth(0).get_by_role("button").first
    first.focus()
    page.keyboard.press("Enter")
    press_check(page, ex)
    wait_feedback(ex, "Volgende stap")


def matching(page, ex) -> None:
    select = ex.locator("select").first
    select.focus()
    before = select.input_value()
    # JupyterLab keeps ArrowDown for moving between cells, so open the list first (Alt+ArrowDown), as
    # keyboard users do with a drop-down, then move down one option and take it with Enter.
    page.keyboard.press("Alt+ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert select.input_value() != before
    press_check(page, ex)
    wait_feedback(ex, "Volgende stap")


def reflection(page, ex) -> None:
    boxes = ex.locator("textarea")
    boxes.nth(0).focus()
    page.keyboard.type("Tijdens mijn stage belde een klant over een fout in de app.")
    typed(boxes.nth(0), "Tijdens mijn stage belde een klant over een fout in de app.")
    type_into(page, boxes.nth(1), "Ik moest uitzoeken wat er misging.")
    for number in (2, 3, 4):  # the other STARR steps, then the checklist and 'afronden' (the first attempt)
        type_into(page, boxes.nth(number), "Ik vroeg wat er precies misging.")
    tick = ex.get_by_role("checkbox").first
    tab_to(page, tick)
    page.keyboard.press("Space")
    enter(page, ex.get_by_role("button", name="Reflectie afronden"))
    ex.get_by_text("Voorbeelden: zwak en sterk").wait_for()
    assert tick.is_checked()
    enter(page, ex.get_by_role("button", name="Toon overzicht"))
    ex.get_by_text("Ik moest uitzoeken wat er misging.").last.wait_for()


def question_drill(page, ex) -> None:
    first = ex.locator(".widget-toggle-buttons").nth(0).get_by_role("button", name="Open", exact=True)
    first.focus()
    page.keyboard.press("Space")
    wait_feedback(ex, "deze vraag is")


def question_practice(page, ex) -> None:
    box = ex.get_by_role("textbox").first
    box.focus()
    page.keyboard.type("Hoe ziet een gewone werkdag bij u eruit?")
    typed(box, "Hoe ziet een gewone werkdag bij u eruit?")
    press_check(page, ex)
    wait_feedback(ex, "open vraag")


def lsd_practice(page, ex) -> None:
    ex.get_by_role("textbox", name="Samenvatting").focus()
    page.keyboard.type("Als ik u goed begrijp, kost het bijhouden van de afspraken u veel tijd. Klopt dat?")
    type_into(page, ex.get_by_role("textbox", name="Doorvraag"), "Hoe houdt u de afspraken nu bij?")
    press_check(page, ex)
    wait_feedback(ex, "Doorvraag")


def rewrite(page, ex) -> None:
    ex.locator("textarea").first.focus()
    page.keyboard.type("Ik zorg dat u morgen voor 12 uur een nieuwe versie krijgt.")
    press_check(page, ex)
    ex.locator(".cursus-feedback").get_by_text("Volgende stap").first.wait_for()


reply = rewrite


def dialogue(page, ex) -> None:
    first_choice = ex.locator("button").first
    before = ex.inner_text()
    first_choice.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("([el, before]) => el.innerText !== before", arg=[ex.element_handle(), before])
    assert ex.inner_text() != before


def planner(page, ex) -> None:
    field = ex.locator("input[type=number]").first
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("5")
    page.keyboard.press("Tab")  # leaving the field commits the value
    ex.locator(".cursus-feedback").get_by_text("Advies van de cursus (geen spelregel)").wait_for()
    tab_to(page, ex.get_by_role("checkbox").first)
    page.keyboard.press("Space")
    enter(page, ex.get_by_role("button", name="Planning afronden"))
    ex.get_by_text("Voorbeeld: een zwak en een sterk programma").first.wait_for()


def observer(page, ex) -> None:
    plus = ex.get_by_role("button", name="+1", exact=False).first
    plus.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    ex.locator(".cursus-feedback").get_by_text(": 2").wait_for()
    enter(page, ex.get_by_role("button", name="Ronde afsluiten"))
    wait_feedback(ex, "bewaard")


def lsd_dialogue(page, ex) -> None:
    ex.get_by_role("textbox", name="Samenvatting").focus()
    page.keyboard.type("Als ik het goed begrijp, loopt u vast met de planning. Klopt dat?")
    type_into(page, ex.get_by_role("textbox", name="Doorvraag"), "Wat gebeurt er dan precies?")
    press_check(page, ex)
    wait_feedback(ex, "Samenvatting")


def ordering(page, ex) -> None:
    down = ex.get_by_role("button", name="▼ Omlaag").first
    steps_before = ex.inner_text()
    down.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("([el, before]) => el.innerText !== before", arg=[ex.element_handle(), steps_before])
    press_check(page, ex)
    wait_feedback(ex, "Volgende stap")


def self_assessment(page, ex) -> None:
    slider = ex.get_by_role("slider").first  # the first quality
    slider.focus()
    page.keyboard.press("ArrowRight")  # level 1
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # level 3
    ex.get_by_text("Niveau 3:").first.wait_for()
    assert slider.get_attribute("aria-valuetext") == "niveau 3 van 4"
    done = ex.get_by_role("button").filter(has_text="Klaar").first
    enter(page, done)
    ex.locator(".cursus-feedback").first.wait_for()


def intake(page, ex) -> None:
    ex.get_by_role("textbox", name="Jij").focus()
    page.keyboard.type("Hoe maken klanten nu een afspraak?")
    page.keyboard.press("Enter")  # Enter sends the line to the client
    ex.get_by_text("Aantal beurten: 1").wait_for()


DRIVERS = {name: globals()[name] for name in (
    "single_choice", "multiple_choice", "sort", "matching", "reflection", "question_drill", "question_practice",
    "lsd_practice", "rewrite", "reply", "dialogue", "planner", "observer", "lsd_dialogue", "ordering",
    "self_assessment", "intake")}


def test_every_exercise_type_has_a_keyboard_driver() -> None:
    assert set(DRIVERS) == set(registry.names()), "a new exercise type needs a keyboard driver here"
    assert set(EXERCISES) == set(registry.names()), "the course should use every exercise type at least once"


def test_every_exercise_type_by_keyboard_only(page, keyboard_lab, console_log) -> None:
    open_notebook(page, keyboard_lab, "toetsenbord.ipynb")
    run_all(page)
    failures = []
    for kind, exercise_id in EXERCISES.items():
        ex = page.locator(f".cursus-ex-{exercise_id}")
        ex.scroll_into_view_if_needed()
        try:
            DRIVERS[kind](page, ex)
            wait_saved(keyboard_lab.answers_dir, exercise_id, lambda value: bool(value))
        except Exception as exc:  # noqa: BLE001 - collect all types, report them together
            shown = " ".join(ex.inner_text().split())[-300:]  # what the student saw at that moment
            failures.append(f"{kind} ({exercise_id}): {type(exc).__name__}: {str(exc).splitlines()[0]} (shown: {shown})")
    assert_no_widget_errors(page, console_log)
    close_notebook(page)
    assert not failures, "not usable by keyboard alone:\n" + "\n".join(failures)
