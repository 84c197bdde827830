"""Lesson 03 in a real JupyterLab: the conversation simulator to 'opgelost', restart it, and answer an angry mail."""

from __future__ import annotations

import pytest

from .jlab import assert_no_widget_errors, close_notebook, open_notebook, run_all, shot, wait_saved

pytestmark = pytest.mark.browser

LESSON = "notebooks/03_ontevreden_klant.ipynb"
DIALOGUE = ".cursus-ex-03-webshop-plat"
MAIL = ".cursus-ex-03-antwoord-mail"

# One route to 'opgelost' (exercises/03_ontevreden_klant.yaml): (part of my reaction, verdict, tip,
# part of the customer's next line).
ROUTE = [
    ("Wat is uw klantnummer?", "~ Kan sterker", "1. Luister naar de klant", "Mijn klantnummer?"),
    ("U heeft gelijk, dat zoek ik zelf wel op.", "✔ Sterke reactie", "3. Kijk door de ogen van de klant",
     "Sinds een uur of negen"),
    ("Als ik het goed begrijp, krijgen klanten sinds negen uur", "✔ Sterke reactie",
     "5. Kom tot de kern: vat samen en check", "Bladeren gaat prima"),
    ("Dat is een goed idee. Mijn collega kan de versie van gisteren", "✔ Sterke reactie",
     "6. Zoek samen een oplossing", "Een half uur, dat valt te overzien."),
    ("Wat zou voor u een oplossing zijn voor die klanten?", "✔ Sterke reactie", "6. Zoek samen een oplossing",
     "Ja, die lijst wil ik graag."),
]
FIRST_LINE = "Eindelijk neemt er iemand op!"
GOOD_REPLY = (
    "Beste Ingrid, ik begrijp dat dit heel vervelend is, zeker met de training van vanavond. "
    "Goed nieuws: uw lijsten zijn er allemaal nog, ze staan nu onder het menu Archief. "
    "Mijn collega zet ze vanmiddag vóór 16.00 uur terug op de oude plek, en ik mail u zodra dat klaar is."
)


def test_lesson03_dialogue_to_solved_and_angry_mail(page, course_lab, console_log) -> None:
    open_notebook(page, course_lab, LESSON)
    run_all(page)

    dialogue = page.locator(DIALOGUE)
    step_feedback = dialogue.locator(".cursus-feedback").nth(0)
    outcome = dialogue.locator(".cursus-feedback").nth(1)
    customer = dialogue.locator(".cursus-dialogue-now")
    choices = dialogue.locator(".cursus-dialogue-choice:visible")
    if FIRST_LINE not in customer.inner_text():  # an earlier run in this session left a conversation open
        dialogue.get_by_role("button", name="Opnieuw beginnen").click()
        customer.get_by_text(FIRST_LINE).wait_for()
    assert choices.count() == 3
    for number, (reaction, verdict, tip, answer) in enumerate(ROUTE, start=1):
        choices.filter(has_text=reaction).click()
        customer.get_by_text(answer).wait_for(state="attached")  # "attached": the last one is hidden (bug below)
        text = step_feedback.text_content()
        assert verdict in text and f"tip: {tip}" in text, (number, text)
        if number < len(ROUTE):
            assert customer.is_visible() and choices.count() == 3
        if number == 1:
            shot(page, dialogue, "les03-gesprek-stap1")
    # The end: no more reactions, the outcome with the route and the tips.
    # KNOWN BUG (reported, src/cursuslib/widgets/dialogue.py): at the end `self.prompt.layout.display = "none"`
    # hides the layout that all HTML parts of the exercise share, so the outcome, the transcript and the
    # feedback are in the DOM but invisible. So the texts are checked with text_content(), not visibility.
    outcome.get_by_text("Uitkomst: opgelost.").wait_for(state="attached")
    result = outcome.text_content()
    assert "4 sterke reacties, 1 reactie die sterker kan en 0 reacties die averechts werkten" in result
    assert "Om te oefenen: 1. Luister naar de klant." in result
    assert "Goed toegepast: 3. Kijk door de ogen van de klant" in result
    assert "Volgende stap:" in result
    assert choices.count() == 0
    assert dialogue.get_by_text("Wat zeg jij?").is_hidden()
    transcript = dialogue.locator(".cursus-dialogue-transcript").text_content()
    assert transcript.count("Jij:") == len(ROUTE)
    wait_saved(course_lab.answers_dir, "03-webshop-plat",
               lambda v: v["runs"][-1:] == [{"path": [0, 1, 0, 1, 2], "end": "opgelost"}])
    shot(page, dialogue, "les03-gesprek-opgelost")

    # The strongest route is offered after a finished run.
    dialogue.get_by_role("button", name="Toon de sterkste route").click()
    dialogue.locator(".cursus-model").get_by_text("De sterkste route").wait_for(state="attached")  # hidden: same bug

    # Start again: the customer's first line and three reactions, no transcript, outcome or model answer.
    dialogue.get_by_role("button", name="Opnieuw beginnen").click()
    step_feedback.get_by_text("Het gesprek begint opnieuw.").wait_for()
    customer.get_by_text(FIRST_LINE).wait_for()
    assert choices.count() == 3
    assert outcome.inner_text().strip() == ""
    assert dialogue.locator(".cursus-dialogue-transcript").count() == 0
    assert dialogue.locator(".cursus-model").count() == 0
    assert dialogue.get_by_text("Wat zeg jij?").is_visible()
    wait_saved(course_lab.answers_dir, "03-webshop-plat", lambda v: v["path"] == [] and len(v["runs"]) >= 1)
    shot(page, dialogue, "les03-gesprek-opnieuw")

    # -- a written reply to an angry mail -------------------------------------------------------------
    mail = page.locator(MAIL)
    feedback = mail.locator(".cursus-feedback")
    mail.locator("textarea").fill(GOOD_REPLY)
    wait_saved(course_lab.answers_dir, "03-antwoord-mail", lambda v: v["text"] == GOOD_REPLY)
    mail.get_by_role("button", name="Controleer").click()
    feedback.get_by_text("dit antwoord helpt de klant verder").wait_for()
    text = feedback.inner_text()
    assert "✔ Goed" in text
    assert "Je erkent de emotie van de klant." in text
    assert "concrete volgende stap" in text
    mail.get_by_role("button", name="Toon modelantwoord").click()
    mail.locator(".cursus-model").get_by_text("Modelantwoord").wait_for()
    wait_saved(course_lab.answers_dir, "03-antwoord-mail", lambda v: v["model_shown"] and v["history"][-1]["improved"])
    shot(page, mail, "les03-antwoord-mail")

    assert_no_widget_errors(page, console_log)
    close_notebook(page)
