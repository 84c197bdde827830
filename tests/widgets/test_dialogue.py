"""Conversation simulator widget, driven headless: pick reactions, read the customer and the feedback."""

from __future__ import annotations

import html

from cursuslib.store import AnswerStore
from cursuslib.widgets.dialogue import DialogueExercise

from .conftest import strip_tags

WEBSHOP = """
id: 09-webshop-boos
type: dialogue
title: Een boze klant aan de telefoon
instruction: Kies steeds wat jij tegen de klant zegt.
start: begin
tips:
  - {key: erkennen, name: Erken de emotie}
  - {key: samenvatten, name: "Vat samen en vraag door"}
  - {key: afspraak, name: "Spreek een <b>concrete</b> volgende stap af"}
nodes:
  - id: begin
    customer: "Mijn webshop ligt er al de hele ochtend uit! En niemand neemt de telefoon op!"
    choices:
      - text: "Wat vervelend dat uw webshop plat ligt en dat u ons niet kon bereiken. Wat ziet u als u de site opent?"
        quality: goed
        tip: erkennen
        feedback: "Je benoemt eerst wat de klant voelt en vraagt dan **open** door."
        next: uitleg
      - text: "Welke foutmelding krijgt u?"
        quality: matig
        tip: erkennen
        feedback: "Een nuttige vraag, maar de klant hoort niet dat je begrijpt hoe vervelend dit is."
        next: uitleg
      - text: "Rustig maar, <i>zo erg</i> is het vast niet."
        quality: slecht
        tip: erkennen
        feedback: "Je wuift de boosheid weg; de klant voelt zich niet serieus genomen. <script>x</script>"
        next: boos
  - id: uitleg
    customer: "Ik zie alleen een witte pagina met Error 500. En vandaag begint mijn uitverkoop!"
    choices:
      - text: "Dus u ziet een foutmelding en vandaag start uw uitverkoop. Een collega zoekt het nu uit; ik bel u om elf uur."
        quality: goed
        tip: afspraak
        feedback: "Je vat samen en spreekt af wie wat doet en wanneer."
        next: opgelost
      - text: "We gaan ernaar kijken, u hoort van ons."
        quality: matig
        tip: afspraak
        feedback: "De klant weet nog niet wanneer hij iets hoort."
        next: open
  - id: boos
    customer: "Hier heb ik niets aan! Ik wil nu uw leidinggevende spreken."
    choices:
      - text: "Ik hoor hoe boos u bent. Ik help u nu zelf verder: wat ziet u als u de site opent?"
        quality: goed
        tip: erkennen
        feedback: "Je erkent de boosheid en brengt het gesprek terug naar het probleem."
        next: uitleg
      - text: "Dat gaat niet, mijn leidinggevende zit in een overleg."
        quality: slecht
        tip: afspraak
        feedback: "Je zegt wat niet kan, zonder te zeggen wat wel kan."
        next: weg
  - id: opgelost
    customer: "Oké, fijn. Dan hoor ik om elf uur van u."
    end: opgelost
  - id: open
    customer: "Wanneer dan? Nou, ik wacht het wel af."
    end: open
  - id: weg
    customer: "Dan zoek ik wel een ander bureau. <b>Ik hang op.</b>"
    end: geescaleerd
"""


def shown(value: str) -> str:
    """What a student reads: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(strip_tags(value)).split())


def visible_choices(talk: DialogueExercise) -> list[str]:
    """The reactions a student can click now."""
    return [b.description for b in talk.choice_buttons if b.layout.display != "none"]


def test_start_shows_the_customer_and_the_reactions_as_wrapping_buttons(make_exercise, store: AnswerStore) -> None:
    talk = DialogueExercise(make_exercise(WEBSHOP), store=store)
    assert "Klant:" in strip_tags(talk.customer.value) and "hele ochtend uit!" in talk.customer.value
    assert talk.transcript.value == "" and strip_tags(talk.feedback.value).strip() == ""
    assert visible_choices(talk)[1] == "Welke foutmelding krijgt u?"
    first = talk.choice_buttons[0]
    assert first.description.endswith("als u de site opent?")  # the full text, not cut off
    assert first.layout.width == "100%" and first.layout.height == "auto"
    assert "cursus-dialogue-choice" in first._dom_classes and "white-space: normal" in talk.header.value
    assert first.tooltip == "Reactie 1 van 3"
    assert talk.model_button.layout.display == "none"


def test_a_choice_shows_transcript_feedback_with_verdict_and_the_customer_reaction(make_exercise,
                                                                                   store: AnswerStore) -> None:
    talk = DialogueExercise(make_exercise(WEBSHOP), store=store)
    talk.choice_buttons[1].click()
    transcript = strip_tags(talk.transcript.value)
    assert "Klant:" in transcript and "hele ochtend uit!" in transcript
    assert "Jij:" in transcript and "Welke foutmelding krijgt u?" in transcript
    feedback = strip_tags(talk.feedback.value)
    assert "~ Kan sterker" in feedback and "Erken de emotie" in feedback and "niet dat je begrijpt" in feedback
    assert 'aria-live="polite"' in talk.feedback.value
    assert "Error 500" in talk.customer.value
    assert visible_choices(talk) == [
        "Dus u ziet een foutmelding en vandaag start uw uitverkoop. Een collega zoekt het nu uit; ik bel u om elf uur.",
        "We gaan ernaar kijken, u hoort van ons.",
    ]
    assert store.get("09-webshop-boos")["path"] == [1]  # saved after every step


def test_strong_route_ends_solved_with_a_summary(make_exercise, store: AnswerStore) -> None:
    talk = DialogueExercise(make_exercise(WEBSHOP), store=store)
    talk.choose(0)
    assert "✔ Sterke reactie" in talk.feedback.value and "<strong>open</strong>" in talk.feedback.value
    talk.choose(0)
    assert talk.finished and visible_choices(talk) == [] and talk.prompt.layout.display == "none"
    outcome = strip_tags(talk.outcome.value)
    assert "Uitkomst: opgelost." in outcome and "om elf uur van u" in talk.customer.value
    assert "2 sterke reacties, 0 reacties die sterker kunnen en 0 reacties die averechts werkten" in outcome
    assert "Goed toegepast: Erken de emotie" in outcome and "Om te oefenen" not in outcome
    assert "Volgende stap: Pas de tip 'Erken de emotie' bewust toe" in shown(talk.outcome.value)
    assert store.get("09-webshop-boos")["runs"] == [{"path": [0, 0], "end": "opgelost"}]


def test_escalation_via_the_angry_branch(make_exercise, store: AnswerStore) -> None:
    talk = DialogueExercise(make_exercise(WEBSHOP), store=store)
    talk.choose(2)
    assert "✘ Dit werkt averechts" in talk.feedback.value and "leidinggevende spreken" in talk.customer.value
    talk.choose(1)
    outcome = shown(talk.outcome.value)
    assert "Uitkomst: geëscaleerd." in outcome and "2 reacties die averechts werkten" in outcome
    assert "Om te oefenen: Erken de emotie, Spreek een" in outcome
    assert "Volgende stap: Oefen de tip 'Erken de emotie'. Begin opnieuw en kies, als de klant zegt \"Mijn webshop" in outcome
    transcript = strip_tags(talk.transcript.value)
    assert transcript.count("Klant:") == 2 and transcript.count("Jij:") == 2


def test_open_end_and_a_way_back_from_the_angry_branch(make_exercise, store: AnswerStore) -> None:
    talk = DialogueExercise(make_exercise(WEBSHOP), store=store)
    for index in (2, 0, 1):  # slecht, then acknowledge the anger (back to the problem), then a vague promise
        talk.choice_buttons[index].click()
    assert talk.path == [2, 0, 1]
    assert "Uitkomst: nog open." in strip_tags(talk.outcome.value)
    assert "~ Kan sterker" in talk.feedback.value and "wanneer hij iets hoort" in talk.feedback.value


def test_texts_with_html_are_shown_as_text(make_exercise, store: AnswerStore) -> None:
    talk = DialogueExercise(make_exercise(WEBSHOP), store=store)
    assert talk.choice_buttons[2].description == "Rustig maar, <i>zo erg</i> is het vast niet."  # buttons show text
    talk.choose(2)
    assert "&lt;i&gt;zo erg&lt;/i&gt;" in talk.transcript.value and "<i>" not in talk.transcript.value
    assert "&lt;script&gt;" in talk.feedback.value and "<script>" not in talk.feedback.value
    talk.choose(1)
    assert "&lt;b&gt;Ik hang op.&lt;/b&gt;" in talk.customer.value
    assert "&lt;b&gt;concrete&lt;/b&gt;" in talk.outcome.value and "<b>" not in talk.outcome.value


def test_restore_after_restart_shows_transcript_feedback_and_outcome(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(WEBSHOP)
    talk = DialogueExercise(exercise, store=store)
    talk.choose(1)
    again = DialogueExercise(exercise, store=AnswerStore(store.folder))
    assert again.path == [1] and again.transcript.value == talk.transcript.value
    assert again.feedback.value == talk.feedback.value and visible_choices(again) == visible_choices(talk)
    again.choose(1)
    third = DialogueExercise(exercise, store=AnswerStore(store.folder))
    assert third.finished and third.outcome.value == again.outcome.value
    assert "Uitkomst: nog open." in strip_tags(third.outcome.value)
    assert third.runs == [{"path": [1, 1], "end": "open"}] and third.attempted


def test_start_over_clears_the_conversation_and_keeps_the_history(make_exercise, store: AnswerStore) -> None:
    talk = DialogueExercise(make_exercise(WEBSHOP), store=store)
    talk.choose(2)
    talk.choose(1)
    talk.restart_button.click()
    assert talk.path == [] and talk.transcript.value == "" and not talk.finished
    assert "Sterke reactie" not in talk.feedback.value and "averechts" not in talk.feedback.value
    assert "begint opnieuw" in talk.feedback.value and strip_tags(talk.outcome.value).strip() == ""
    assert len(visible_choices(talk)) == 3 and talk.prompt.layout.display is None
    assert store.get("09-webshop-boos")["path"] == []
    talk.choose(0)
    talk.choose(0)
    assert "Je rondes tot nu toe: 1. geëscaleerd, 2. opgelost." in strip_tags(talk.outcome.value)
    again = DialogueExercise(make_exercise(WEBSHOP), store=AnswerStore(store.folder))
    assert [run["end"] for run in again.runs] == ["geescaleerd", "opgelost"]


def test_strongest_route_only_after_a_finished_run(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(WEBSHOP)
    talk = DialogueExercise(exercise, store=store)
    talk.choose(1)
    assert talk.model_button.layout.display == "none"  # not finished yet
    talk.show_model()
    assert talk.model.value == "" and "eerst zelf" in talk.feedback.value
    talk.choose(1)
    assert talk.model_button.layout.display is None
    talk.model_button.click()
    model = strip_tags(talk.model.value)
    assert "De sterkste route" in model and model.count("✔ Sterke reactie") == 2 and "Kan sterker" not in model
    assert "Je benoemt eerst wat de klant voelt" in model and "Uitkomst: opgelost." in model
    again = DialogueExercise(exercise, store=AnswerStore(store.folder))
    assert again.model.value == talk.model.value
    again.restart()
    assert again.model.value == "" and again.model_button.layout.display is None  # the attempt still counts


def test_choosing_after_the_end_asks_to_start_over(make_exercise, store: AnswerStore) -> None:
    talk = DialogueExercise(make_exercise(WEBSHOP), store=store)
    talk.choose(0)
    talk.choose(0)
    assert talk.choose(0) is None and "Opnieuw beginnen" in talk.feedback.value
    assert talk.path == [0, 0]


def test_a_saved_path_that_no_longer_fits_is_shown_as_far_as_it_goes(make_exercise, store: AnswerStore) -> None:
    store.save("09-webshop-boos", {"path": [2, 9, 0], "runs": [{"path": [1], "end": "kapot"}, "x"]})
    talk = DialogueExercise(make_exercise(WEBSHOP), store=store)
    assert talk.path == [2] and "leidinggevende spreken" in talk.customer.value
    assert talk.runs == [] and not talk.attempted


def test_an_exercise_can_override_verdicts_and_the_summary(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(WEBSHOP + """
texts:
  dialogue.quality_good: "✔ Top!"
  dialogue.next_apply: "Gebruik '{tip}' morgen weer."
  dialogue.end_solved: {nl: helemaal opgelost, en: fully solved}
""")
    talk = DialogueExercise(exercise, store=store)
    talk.choose(0)
    assert "✔ Top!" in talk.feedback.value and "Sterke reactie" not in talk.feedback.value
    talk.choose(0)
    outcome = shown(talk.outcome.value)
    assert "Uitkomst: helemaal opgelost." in outcome and "Volgende stap: Gebruik 'Erken de emotie' morgen weer." in outcome
