"""Lesson 04 in a real JupyterLab: plan a KlantenKamer, tally behaviour in the observer list, answer a quiz."""

from __future__ import annotations

import pytest

from .jlab import assert_no_widget_errors, close_notebook, open_notebook, run_all, shot, wait_saved

pytestmark = pytest.mark.browser

LESSON = "notebooks/04_klantenkamer.ipynb"
PLANNER = ".cursus-ex-04-planner"
OBSERVER = ".cursus-ex-04-observatie"
QUIZ = ".cursus-ex-04-quiz-ronde1"
BEHAVIOURS = ["Stelt een open vraag", "Stelt een gesloten vraag", "Vat samen wat de klant zei", "Onderbreekt de klant"]


def test_lesson04_planner_observer_and_quiz(page, course_lab, console_log) -> None:
    open_notebook(page, course_lab, LESSON)
    run_all(page)

    # -- planner: round 1 of 90 minutes breaks the rules, and the programme says why ----------------
    planner = page.locator(PLANNER)
    programme = planner.locator(".cursus-feedback").first  # the programme; the message after 'afronden' follows
    round1 = planner.locator(".widget-inline-hbox").filter(has_text="KlantenKamer, 1e ronde").locator("input")
    round1.fill("90")
    round1.press("Enter")
    programme.get_by_text("1 onderdeel past nog niet bij de spelregels").wait_for()
    text = programme.inner_text()
    assert "✘ Nog niet" in text
    assert "KlantenKamer, 1e ronde duurt 90 minuten; dat is langer dan 75 minuten." in text
    assert "Reken voor de eerste ronde op 60 tot 75 minuten" in text  # the rule explains why
    rows = programme.locator("table.cursus-table tbody tr")
    assert rows.filter(has_text="KlantenKamer, 1e ronde").inner_text().split("\t")[0].strip() == "15.30–17.00 uur"
    assert rows.last.inner_text().startswith("18.45 uur")  # 15:00 + 30 + 90 + 30 + 60 + 15
    wait_saved(course_lab.answers_dir, "04-planner", lambda v: v["minutes"]["ronde1"] == 90)
    shot(page, planner, "les04-planner-90-minuten")
    # Back within the rules: the verdict turns good.
    round1.fill("75")
    round1.press("Enter")
    programme.get_by_text("dit programma past bij de spelregels").wait_for()
    assert "✔ Goed" in programme.inner_text()
    wait_saved(course_lab.answers_dir, "04-planner", lambda v: v["minutes"]["ronde1"] == 75)
    # A short break is the course's advice, not a rule: named as advice, and the verdict stays good.
    pause = planner.locator(".widget-inline-hbox").filter(has_text="Pauze").locator("input")
    pause.fill("5")
    pause.press("Enter")
    programme.get_by_text("Advies van de cursus (geen spelregel)").wait_for()
    assert "✔ Goed" in programme.inner_text() and "onderdeel past nog niet" not in programme.inner_text()
    # Finishing is the first attempt: the unticked points are named and the worked example appears.
    planner.get_by_role("checkbox").first.check()
    planner.get_by_role("button", name="Planning afronden").click()
    planner.get_by_text("Deze punten heb je nog niet afgevinkt").wait_for()
    planner.get_by_text("Voorbeeld: een zwak en een sterk programma").first.wait_for()
    wait_saved(course_lab.answers_dir, "04-planner", lambda v: v.get("done") and len(v["ticked"]) == 1)

    # -- observer: tally a few behaviours, take one back, close the round ----------------------------
    observer = page.locator(OBSERVER)
    status = observer.locator(".cursus-feedback")
    observer.get_by_role("textbox", name="Wie observeer je?").fill("developer 1")

    def row(name: str):
        return observer.locator(".widget-hbox").filter(has=page.get_by_role("button", name=f"+1 {name}", exact=True))

    def click(name: str, button: str, expected: int) -> None:
        row(name).get_by_role("button", name=button, exact=True).click()
        status.get_by_text(f"{name}: {expected}", exact=True).wait_for()
        assert row(name).locator("strong").inner_text() == str(expected)

    click("Stelt een open vraag", "+1 Stelt een open vraag", 1)
    click("Stelt een open vraag", "+1 Stelt een open vraag", 2)
    click("Stelt een gesloten vraag", "+1 Stelt een gesloten vraag", 1)
    click("Stelt een gesloten vraag", "+1 Stelt een gesloten vraag", 2)
    click("Stelt een gesloten vraag", "−1", 1)
    click("Onderbreekt de klant", "+1 Onderbreekt de klant", 1)
    wait_saved(course_lab.answers_dir, "04-observatie",
               lambda v: v["person"] == "developer 1" and v["counts"]["open"] == 2 and v["counts"]["onderbreekt"] == 1)
    observer.get_by_role("button", name="Ronde afsluiten").click()
    status.get_by_text("Ronde van 'developer 1' bewaard. De tellers staan weer op 0.").wait_for()
    for name in BEHAVIOURS:
        assert row(name).locator("strong").inner_text() == "0"
    table = observer.locator("table.cursus-table")
    table.locator("caption", has_text="Samenvatting").wait_for()
    header = table.locator("thead th").all_inner_texts()
    assert header[:5] == ["Wie", *BEHAVIOURS]
    mine = table.locator("tbody tr").filter(has=page.locator("th", has_text="developer 1")).last
    assert mine.locator("td").all_inner_texts() == ["2", "1", "0", "1", "0", "0", "0"]
    summary = observer.inner_text()
    assert "Aandeel open vragen: 67%." in summary
    assert "Wat goed ging: Stelt een open vraag (2x)." in summary
    assert "let in de volgende ronde vooral op 'Onderbreekt de klant' (1x gezien)" in summary
    wait_saved(course_lab.answers_dir, "04-observatie",
               lambda v: v["rounds"] and v["rounds"][-1]["person"] == "developer 1" and not any(v["counts"].values()))
    shot(page, observer, "les04-observatie")

    # -- a quiz: the right answer with its explanation -------------------------------------------------
    quiz = page.locator(QUIZ)
    quiz.get_by_role("radio", name="Je zegt niets. Je schrijft op wat de ouder vertelt").check()  # by text
    quiz.get_by_role("button", name="Controleer").click()
    feedback = quiz.locator(".cursus-feedback")
    feedback.get_by_text("Goed gedaan").wait_for()
    assert "In ronde 1 komen alleen de klanten aan het woord." in feedback.inner_text()
    wait_saved(course_lab.answers_dir, "04-quiz-ronde1", lambda v: v["selected"] == ["b"] and v["checked"])
    shot(page, quiz, "les04-quiz-ronde1")

    assert_no_widget_errors(page, console_log)
    close_notebook(page)
