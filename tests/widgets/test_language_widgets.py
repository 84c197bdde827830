"""Widgets on top of the Dutch feedback engine, driven headless as a student would."""

from __future__ import annotations

from cursuslib.store import AnswerStore
from cursuslib.widgets import LsdPractice, QuestionDrill, QuestionPractice, ReplyExercise, RewriteExercise

from .conftest import strip_tags

PRACTICE = """
id: 09-vraag
type: question_practice
title: Stel een open vraag
situation: Een klant zegt dat hij de knop niet kan vinden.
model_answer: "Wat wilt u op dat moment doen?"
"""

DRILL = """
id: 09-drill
type: question_drill
title: Open of gesloten?
questions:
  - {text: "Heeft u een website?", kind: gesloten}
  - {text: "Wat moet de website voor u doen?", kind: open, explanation: "Begint met het vraagwoord wat."}
"""

LSD = """
id: 09-lsd
type: lsd_practice
title: Samenvatten en doorvragen
customer: "Onze medewerkers typen elke ochtend de bestellingen over uit de mail. Dat kost een uur."
model_summary: "Als ik u goed begrijp, kost het overtypen elke ochtend een uur. Klopt dat?"
model_question: "Welke gegevens typen ze precies over?"
"""

REWRITE = """
id: 09-herschrijf
type: rewrite
title: Positief herschrijven
sentence: "Helaas kan ik dat vandaag niet meer oplossen."
model_answer: "Ik los dit morgenochtend als eerste voor u op."
annotations: [Zegt wat wel kan, Noemt wanneer]
"""

REPLY = """
id: 09-antwoord
type: reply
title: Reageer op de boze klant
message: "Dit is de derde keer dat de app crasht! Ik ben het zat."
model_answer: "Wat vervelend dat de app weer crasht. Ik zoek het vandaag uit en bel u voor 16.00 uur."
annotations: [Erkent de emotie, Noemt een concrete stap]
"""


def test_question_practice_open_and_closed(make_exercise, store: AnswerStore) -> None:
    widget = QuestionPractice(make_exercise(PRACTICE), store=store)
    widget.answer.value = "kunt u de knop niet vinden"
    widget.check_button.click()
    text = strip_tags(widget.feedback.value)
    assert "dit is een gesloten vraag" in " ".join(text.split()) and "Volgende stap" in text
    assert '<mark class="cursus-mark">' in widget.feedback.value  # the deciding words are highlighted
    widget.answer.value = "Wat wilt u op dat moment doen?"
    widget.check_button.click()
    assert "dit is een open vraag" in " ".join(strip_tags(widget.feedback.value).split()) and "✔ Goed" in widget.feedback.value
    widget.model_button.click()
    assert "Voorbeeld" in widget.model.value
    again = QuestionPractice(make_exercise(PRACTICE), store=AnswerStore(store.folder))
    assert again.answer.value == "Wat wilt u op dat moment doen?" and "open" in again.feedback.value
    assert "Voorbeeld" in again.model.value


def test_input_that_is_no_question_yet_gets_a_request_and_no_verdict(make_exercise, store: AnswerStore) -> None:
    from cursuslib.registry import get as get_type
    from cursuslib.types.question_practice import QuestionPracticeState
    from cursuslib.types.state import read_state

    exercise = make_exercise(PRACTICE)
    widget = QuestionPractice(exercise, store=store)
    for answer in ("🙂🙂", "Knop?", "What would you like the button to do?"):
        widget.answer.value = answer
        widget.check_button.click()
        text = " ".join(strip_tags(widget.feedback.value).split())
        assert "cursus-notice" in widget.feedback.value, answer
        assert "✔" not in text and "✘" not in text and "gesloten vraag" not in text, (answer, text)
        assert "vraag" in text.lower(), text  # it asks for a (Dutch) question
    widget.answer.value = "Wat wilt u op dat moment doen?"
    widget.check_button.click()
    assert "✔ Goed" in widget.feedback.value
    state = read_state(QuestionPracticeState, store.get("09-vraag"))
    ratio = get_type("question_practice").ratio(exercise, state, "open")
    assert len(state.history) == 4 and (ratio.part, ratio.whole) == (1, 1)  # only the real question counts


def test_question_practice_escapes_html(make_exercise, store: AnswerStore) -> None:
    widget = QuestionPractice(make_exercise(PRACTICE), store=store)
    widget.answer.value = "<img src=x onerror=alert(1)> wat bedoelt u?"
    widget.check_button.click()
    assert "<img" not in widget.feedback.value and "&lt;img" in widget.feedback.value


def test_drill_gives_immediate_feedback_per_question(make_exercise, store: AnswerStore) -> None:
    widget = QuestionDrill(make_exercise(DRILL), store=store)
    widget.toggles[0].value = "open"
    assert "Nog niet" in widget.notes[0].value and "gesloten" in widget.notes[0].value
    widget.toggles[1].value = "open"
    assert "✔ Goed" in widget.notes[1].value and "vraagwoord wat" in widget.notes[1].value
    assert "1 van de 2" in widget.summary.value
    again = QuestionDrill(make_exercise(DRILL), store=AnswerStore(store.folder))
    assert [t.value for t in again.toggles] == ["open", "open"] and "Nog niet" in again.notes[0].value


def test_lsd_practice_feedback_on_summary_and_followup(make_exercise, store: AnswerStore) -> None:
    widget = LsdPractice(make_exercise(LSD), store=store)
    widget.summary_box.value = "U moet gewoon een koppeling laten bouwen."
    widget.question_box.value = "Is dat vervelend?"
    widget.check_button.click()
    text = strip_tags(widget.feedback.value)
    assert "Samenvatting" in text and "Doorvraag" in text and "✘ Nog niet" in widget.feedback.value
    # Only what the staff do, not what it costs the customer: the core is missing, and the next step names it.
    widget.summary_box.value = "Als ik u goed begrijp, typen uw medewerkers elke ochtend de bestellingen over. Klopt dat?"
    widget.question_box.value = "Welke bestellingen typen ze precies over?"
    widget.check_button.click()
    assert "Volgende stap: noem ook het probleem" in strip_tags(widget.feedback.value)
    widget.summary_box.value = ("Als ik u goed begrijp, kost het overtypen van de bestellingen uw medewerkers elke "
                                "ochtend een uur. Klopt dat?")
    widget.check_button.click()
    assert widget.feedback.value.count("✔ Goed") == 2
    widget.model_button.click()
    again = LsdPractice(make_exercise(LSD), store=AnswerStore(store.folder))
    assert again.feedback.value == widget.feedback.value and "Voorbeeld" in again.model.value


def test_rewrite_marks_negative_words_and_shows_model_after_attempt(make_exercise, store: AnswerStore) -> None:
    widget = RewriteExercise(make_exercise(REWRITE), store=store)
    assert '<mark class="cursus-mark">Helaas</mark>' in widget.original.value
    assert widget.model_button.layout.display == "none"
    widget.answer.value = "Helaas lukt dat niet."
    widget.check_button.click()
    assert "✘ Nog niet" in widget.feedback.value and "Volgende stap" in widget.feedback.value
    assert strip_tags(widget.feedback.value).count("Volgende stap") == 1  # the engine's own label, not twice
    widget.answer.value = "Ik los dit morgenochtend om 9.00 uur als eerste voor u op."
    widget.check_button.click()
    assert "✔ Goed" in widget.feedback.value
    widget.model_button.click()
    assert "Modelantwoord" in widget.model.value and widget.tick_box.layout.display is None
    widget.ticks[1].value = True
    again = RewriteExercise(make_exercise(REWRITE), store=AnswerStore(store.folder))
    assert [t.value for t in again.ticks] == [False, True] and len(again.history) == 2


def test_reply_exercise(make_exercise, store: AnswerStore) -> None:
    widget = ReplyExercise(make_exercise(REPLY), store=store)
    assert "derde keer" in widget.original.value and "<mark" not in widget.original.value
    widget.answer.value = "U had de app moeten updaten."
    widget.check_button.click()
    assert "✘ Nog niet" in widget.feedback.value and "schuld" in widget.feedback.value
    widget.answer.value = "Ik begrijp dat dit heel vervelend is. Ik zoek het vandaag uit en bel u voor 16.00 uur terug."
    widget.check_button.click()
    assert "✔ Goed" in widget.feedback.value and "Jouw antwoord" in widget.feedback.value
