"""A whole intake in a real JupyterLab: chat by keyboard (Enter sends), the coach, a kernel restart in the middle
of the conversation, a summary, the debrief and the order confirmation."""

from __future__ import annotations

import pytest

from cursuslib.content import find_exercise

from .jlab import (
    REPO_ROOT,
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
INTAKE = ".cursus-ex-01-intake"
EXERCISE = "01-intake"


def topics() -> dict[str, object]:
    return {topic.id: topic for topic in find_exercise(EXERCISE, REPO_ROOT / "exercises").data["topics"]}


def say(page, intake, line: str, turns: int) -> None:
    """Type a line in the chat box and press Enter; wait until the transcript counts the turn."""
    box = intake.get_by_role("textbox", name="Jij")
    box.fill(line)
    box.press("Enter")
    intake.get_by_text(f"Aantal beurten: {turns}").wait_for()


def test_a_whole_intake_survives_a_kernel_restart(page, course_lab, console_log) -> None:
    told = topics()
    open_notebook(page, course_lab, LESSON)
    run_all(page)
    intake = page.locator(INTAKE)
    intake.scroll_into_view_if_needed()
    answers = course_lab.answers_dir
    say(page, intake, "Goedemorgen, ik ben Sam van het softwarebureau.", 1)
    say(page, intake, "Hoe maken klanten nu een afspraak voor een reparatie?", 2)
    wait_saved(answers, EXERCISE, lambda v: v["turns"][-1]["revealed"] == ["huidige-werkwijze"])
    assert told["huidige-werkwijze"].full in intake.inner_text()  # type: ignore[attr-defined]
    intake.get_by_role("checkbox", name="Coach aan (na elke beurt één tip)").check()
    intake.get_by_text("Open vraag.").wait_for()
    say(page, intake, "Is het op zaterdag druk?", 3)
    intake.get_by_text("Gesloten vraag.").wait_for()
    shot(page, intake, "intake-gesprek")

    # The kernel restarts in the middle of the conversation: everything comes back, and it goes on.
    restart_kernel_and_run_all(page)
    intake = page.locator(INTAKE)
    intake.scroll_into_view_if_needed()
    intake.get_by_text("Aantal beurten: 3").wait_for()
    assert told["huidige-werkwijze"].full in intake.inner_text()  # type: ignore[attr-defined]
    assert intake.get_by_role("checkbox", name="Coach aan (na elke beurt één tip)").is_checked()
    say(page, intake, "Waarom wilt u eigenlijk dat klanten online kunnen boeken?", 4)
    wait_saved(answers, EXERCISE, lambda v: v["turns"][-1]["revealed"] in (["behoefte"], ["aanleiding"]))
    say(page, intake, "Als ik het goed begrijp bellen klanten nu en schrijft u alles in een papieren agenda. "
                      "Klopt dat?", 5)
    wait_saved(answers, EXERCISE, lambda v: v["turns"][-1]["kind"] == "samenvatting"
               and v["turns"][-1]["confirmed"] is True)
    say(page, intake, "Zal ik een app met een chatbot voor u bouwen?", 6)
    wait_saved(answers, EXERCISE, lambda v: v["turns"][-1]["kind"] == "oplossing")

    intake.get_by_role("button", name="Gesprek afronden").click()
    debrief = intake.get_by_role("region", name="Nabespreking")
    debrief.wait_for()
    text = debrief.inner_text()
    assert "gevonden" in text and "gemist" in text and "Hoe maken klanten nu een afspraak" in text
    wait_saved(answers, EXERCISE, lambda v: v["closed"])
    shot(page, intake, "intake-nabespreking")

    letter = intake.get_by_role("textbox", name="Jouw mail")
    letter.fill("Beste Fatima, bedankt voor het gesprek. Ik ga een mooie app maken.")
    intake.get_by_role("button", name="Controleer").click()
    feedback = intake.locator(".cursus-feedback").last
    feedback.get_by_text("Nog niet", exact=False).first.wait_for()
    assert "Volgende stap" in feedback.inner_text()
    intake.get_by_role("button", name="Toon modelantwoord").click()
    intake.get_by_text("Voorbeeld van een opdrachtbevestiging").wait_for()
    wait_saved(answers, EXERCISE, lambda v: v["checked_letter"] and v["letter"].startswith("Beste Fatima"))
    shot(page, intake, "intake-bevestiging")
    assert_no_widget_errors(page, console_log)
    close_notebook(page)
