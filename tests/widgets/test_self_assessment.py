"""Self-assessment widget (begin and eind), driven headless with a small course in a temporary folder."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from traitlets import TraitError

from cursuslib.content import Exercise, find_exercise
from cursuslib.store import AnswerStore
from cursuslib.widgets import ChoiceQuiz, SortExercise
from cursuslib.widgets.level_slider import LevelSlider
from cursuslib.widgets.self_assessment import SelfAssessment

from .conftest import strip_tags

LESSON_01 = """
schema_version: 1
lesson: 01_gesprek
title: Het gesprek
exercises:
  - id: 01-quiz
    type: single_choice
    title: Quiz
    question: "Welke vraag is open?"
    options:
      - {key: a, text: "Heeft u een website?", explanation: Ja of nee.}
      - {key: b, text: "Wat moet de website doen?", explanation: Open.}
    correct: b
  - id: 01-sort
    type: sort
    title: Sorteer
    statements:
      - {text: Knikken., answer: doen, explanation: Luisteren.}
      - {text: Telefoon pakken., answer: niet_doen, explanation: Afleiding.}
"""

LESSON_02 = """
schema_version: 1
lesson: 02_eigenschappen
title: Eigenschappen
exercises:
  - id: 02-zelf
    type: self_assessment
    title: Hoe sta je ervoor?
    moment: begin
    qualities:
      - key: tijdig
        name: Reageer tijdig
        levels: ["Ik reageer als de klant erom vraagt.", "Ik reageer meestal op tijd.",
                 "Ik reageer op tijd.", "Ik reageer op tijd en zeg wanneer de klant antwoord krijgt."]
        evidence: [01-quiz, 01-sort]
      - key: luisteren
        name: "Luister <b>goed</b>"
        levels: ["Ik onderbreek vaak.", "Ik luister soms.", "Ik luister en vat samen.", "Ik vat samen en **vraag door**."]
"""

LESSON_05 = """
schema_version: 1
lesson: 05_afsluiting
title: Afsluiting
exercises:
  - id: 05-zelf
    type: self_assessment
    title: Hoe sta je er nu voor?
    moment: eind
    compare_with: 02-zelf
"""

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small course (lessons 01, 02 and 05) that find_exercise and load_course read."""
    folder = tmp_path / "exercises"
    folder.mkdir()
    for name, text in (("01_gesprek", LESSON_01), ("02_eigenschappen", LESSON_02), ("05_afsluiting", LESSON_05)):
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("CURSUSLIB_EXERCISES_DIR", str(folder))
    return folder


def begin_widget(store: AnswerStore) -> SelfAssessment:
    return SelfAssessment(find_exercise("02-zelf"), store=store)


def eind_widget(store: AnswerStore) -> SelfAssessment:
    return SelfAssessment(find_exercise("05-zelf"), store=store)


def chart_label(widget: SelfAssessment) -> str:
    root = ET.fromstring(widget.chart.value)
    assert root.get("role") == "img"
    return root.get("aria-label") or ""


# --------------------------------------------------------------------------- begin
def test_begin_shows_one_labelled_slider_per_quality_with_no_level_chosen(store: AnswerStore) -> None:
    widget = begin_widget(store)
    assert widget.scale == "slider"  # the default when the exercise names no scale
    sliders = list(widget.choices.values())
    assert all(isinstance(slider, LevelSlider) for slider in sliders)
    # the quality's name is the slider's label (its accessible name), as plain text
    assert [slider.label for slider in sliders] == ["Reageer tijdig", "Luister <b>goed</b>"]
    assert sliders[0].top == 4
    assert sliders[0].value_texts == ["niveau 1 van 4", "niveau 2 van 4", "niveau 3 van 4", "niveau 4 van 4"]
    # untouched: no level, and both the slider and the text under it say it is not filled in
    assert all(slider.value is None for slider in sliders)
    assert sliders[0].empty_text == "nog niet ingevuld"
    assert "Nog niet ingevuld. Kies met de schuifregelaar" in widget.current["tijdig"].value
    assert 'aria-live="polite"' in widget.current["tijdig"].value
    assert widget.levels == {} and store.get("02-zelf") is None


def test_a_slider_takes_only_a_level_or_nothing(store: AnswerStore) -> None:
    slider = begin_widget(store).choices["tijdig"]
    for wrong in (0, 5):
        with pytest.raises(TraitError):
            slider.value = wrong
    assert slider.value is None and store.get("02-zelf") is None


def test_moving_a_slider_shows_the_levels_behaviour_and_saves_it(store: AnswerStore) -> None:
    widget = begin_widget(store)
    slider = widget.choices["luisteren"]
    slider.value = 1  # as the browser sets it after the first arrow key or Home
    assert "<strong>Niveau 1:</strong> Ik onderbreek vaak." in widget.current["luisteren"].value
    assert store.get("02-zelf") == {"levels": {"luisteren": 1}, "done": False}
    slider.value = 4  # End
    assert "<strong>Niveau 4:</strong> Ik vat samen en <strong>vraag door</strong>." in widget.current["luisteren"].value
    assert store.get("02-zelf")["levels"] == {"luisteren": 4}
    assert "Nog niet ingevuld" in widget.current["tijdig"].value  # the other quality is still open
    widget.done_button.click()
    assert "Nog niet gekozen: &#x27;Reageer tijdig&#x27;." in strip_tags(widget.summary.value)
    assert store.get("02-zelf") == {"levels": {"luisteren": 4}, "done": True}  # untouched counts as not answered


def test_scale_radio_shows_an_anchored_column_of_labelled_radio_buttons(course: Path, store: AnswerStore) -> None:
    lesson = course / "02_eigenschappen.yaml"
    lesson.write_text(LESSON_02.replace("    moment: begin\n", "    moment: begin\n    scale: radio\n"), encoding="utf-8")
    widget = begin_widget(store)
    assert widget.scale == "radio"
    # the quality name is the group's visible label (shown as text: ipywidgets does not render it as HTML)
    assert [c.description for c in widget.choices.values()] == ["Reageer tijdig", "Luister <b>goed</b>"]
    assert not any(c.description_allow_html for c in widget.choices.values())
    # every level is an option with its number and behaviour, so the whole scale is visible and each has a name
    assert widget.choices["luisteren"].options == (
        ("1 - Ik onderbreek vaak.", 1), ("2 - Ik luister soms.", 2), ("3 - Ik luister en vat samen.", 3),
        ("4 - Ik vat samen en vraag door.", 4))  # markdown marks do not show in a plain option label
    assert all(c.value is None for c in widget.choices.values())  # nothing is chosen for the student
    assert "Nog niet gekozen" in widget.current["tijdig"].value
    widget.choices["tijdig"].value = 3
    assert "Niveau 3:" in strip_tags(widget.current["tijdig"].value)
    assert store.get("02-zelf") == {"levels": {"tijdig": 3}, "done": False}


def test_a_level_saved_with_radio_buttons_comes_back_on_the_slider_and_back(course: Path, store: AnswerStore) -> None:
    lesson = course / "02_eigenschappen.yaml"
    lesson.write_text(LESSON_02.replace("    moment: begin\n", "    moment: begin\n    scale: radio\n"), encoding="utf-8")
    radios = begin_widget(store)
    radios.choices["tijdig"].value = 2
    saved = store.get("02-zelf")
    lesson.write_text(LESSON_02, encoding="utf-8")  # the teacher switches to the default slider
    slider = begin_widget(AnswerStore(store.folder))
    assert slider.choices["tijdig"].value == 2 and slider.choices["luisteren"].value is None
    assert "Niveau 2:" in strip_tags(slider.current["tijdig"].value)
    slider.choices["luisteren"].value = 3
    assert store.get("02-zelf") == {**saved, "levels": {"tijdig": 2, "luisteren": 3}}  # the same shape
    lesson.write_text(LESSON_02.replace("    moment: begin\n", "    moment: begin\n    scale: radio\n"), encoding="utf-8")
    assert begin_widget(AnswerStore(store.folder)).levels == {"tijdig": 2, "luisteren": 3}


def test_begin_shows_the_chosen_level_and_saves_every_change(store: AnswerStore) -> None:
    widget = begin_widget(store)
    widget.choices["tijdig"].value = 3
    assert "Niveau 3:" in strip_tags(widget.current["tijdig"].value)
    assert "Ik reageer op tijd." in widget.current["tijdig"].value
    assert 'aria-live="polite"' in widget.current["tijdig"].value
    assert "Nog niet ingevuld" in widget.current["luisteren"].value
    assert store.get("02-zelf") == {"levels": {"tijdig": 3}, "done": False}
    widget.choices["tijdig"].value = 2
    assert store.get("02-zelf")["levels"] == {"tijdig": 2}
    widget.rate("luisteren", 4)
    assert "Ik vat samen en <strong>vraag door</strong>." in widget.current["luisteren"].value
    assert widget.levels == {"tijdig": 2, "luisteren": 4}


def test_klaar_shows_a_formative_summary_and_what_is_still_open(store: AnswerStore) -> None:
    widget = begin_widget(store)
    widget.rate("tijdig", 3)
    widget.done_button.click()
    assert store.get("02-zelf") == {"levels": {"tijdig": 3}, "done": True}  # no level is made up for 'luisteren'
    shown = strip_tags(widget.summary.value)
    assert "Je startpunt" in shown and "geen cijfer" in shown and "niveau 3" in shown
    assert "Nog niet gekozen: &#x27;Luister &lt;b&gt;goed&lt;/b&gt;&#x27;." in shown
    assert "Volgende stap" in shown and "kies ook bij &#x27;Luister &lt;b&gt;goed&lt;/b&gt;&#x27;" in shown
    widget.rate("luisteren", 1)  # the overview follows the next choice
    shown = strip_tags(widget.summary.value)
    assert "niveau 1" in shown and "Nog niet gekozen" not in shown
    assert "bijvoorbeeld &#x27;Luister &lt;b&gt;goed&lt;/b&gt;&#x27;. Niveau 2 betekent: Ik luister soms." in shown
    assert store.get("02-zelf") == {"levels": {"tijdig": 3, "luisteren": 1}, "done": True}


def test_klaar_without_any_choice_says_so(store: AnswerStore) -> None:
    widget = begin_widget(store)
    widget.done_button.click()
    shown = strip_tags(widget.summary.value)
    assert "nog bij geen enkele eigenschap een niveau gekozen" in shown and "kies ook bij &#x27;Reageer tijdig" in shown
    assert store.get("02-zelf") == {"levels": {}, "done": True}


def test_begin_is_restored_in_a_new_widget(store: AnswerStore) -> None:
    widget = begin_widget(store)
    widget.rate("luisteren", 4)
    widget.rate("tijdig", 1)
    widget.done_button.click()
    again = begin_widget(AnswerStore(store.folder))
    assert again.choices["luisteren"].value == 4 and again.levels == {"tijdig": 1, "luisteren": 4}
    assert again.choices["tijdig"].value == 1  # the slider stands at the saved level after a kernel restart
    assert again.done and again.summary.value == widget.summary.value
    assert again.current["luisteren"].value == widget.current["luisteren"].value
    assert "Luister &lt;b&gt;goed&lt;/b&gt;" in again.summary.value


# --------------------------------------------------------------------------- eind
def test_eind_without_begin_points_kindly_to_lesson_02(store: AnswerStore) -> None:
    widget = eind_widget(store)
    notice = strip_tags(widget.begin_notice.value)
    assert "nog niet ingevuld" in notice and "les 02" in notice and "Geen probleem" in notice
    assert [c.label for c in widget.choices.values()] == ["Reageer tijdig", "Luister <b>goed</b>"]
    assert all(c.value is None for c in widget.choices.values())
    label = chart_label(widget)
    assert "Reageer tijdig: begin niet ingevuld, eind niet ingevuld" in label


def test_eind_shows_before_and_after_from_the_saved_begin(store: AnswerStore) -> None:
    begin = begin_widget(store)
    begin.rate("tijdig", 2)
    begin.rate("luisteren", 3)
    widget = eind_widget(store)
    assert widget.begin_notice.value == ""
    widget.choices["tijdig"].value = 4
    label = chart_label(widget)
    assert "Reageer tijdig: begin 2, eind 4" in label
    assert "Luister <b>goed</b>: begin 3, eind niet ingevuld" in label
    assert "Aan het begin koos je niveau 2, nu niveau 4." in strip_tags(widget.calibration["tijdig"].value)
    assert store.get("05-zelf")["levels"] == {"tijdig": 4}
    assert store.get("02-zelf")["levels"] == {"tijdig": 2, "luisteren": 3}  # the begin is never changed


def test_eind_calibrates_against_evidence_from_saved_quiz_and_sort(store: AnswerStore) -> None:
    quiz = ChoiceQuiz(find_exercise("01-quiz"), store=store)
    quiz.radio.value = "a"  # not right: 0
    quiz.check_button.click()
    sort = SortExercise(find_exercise("01-sort"), store=store)
    sort.toggles[0].value = "doen"
    sort.toggles[1].value = "niet_doen"  # all right: 1
    sort.check_button.click()
    widget = eind_widget(store)
    widget.rate("tijdig", 4)
    widget.rate("luisteren", 2)
    tijdig = strip_tags(widget.calibration["tijdig"].value)
    assert "Je schat jezelf hoger in dan de oefeningen laten zien (jij: niveau 4, de oefeningen: niveau 2,5)" in tijdig
    assert "Hoe verklaar je het verschil?" in tijdig
    assert widget.explanations["tijdig"].placeholder == "Hoe verklaar je het verschil?"
    widget.rate("tijdig", 3)
    assert "ongeveer gelijk" in strip_tags(widget.calibration["tijdig"].value)
    luisteren = strip_tags(widget.calibration["luisteren"].value)
    assert "geen oefeningen om mee te vergelijken" in luisteren
    assert list(widget.explanations) == ["tijdig"]  # a text box only where there is evidence
    assert widget.explanations["tijdig"].placeholder == "Waaraan merk je dat zelf?"


def test_eind_evidence_is_read_again_on_klaar(store: AnswerStore) -> None:
    widget = eind_widget(store)
    widget.rate("tijdig", 1)
    assert "nog niet gemaakt" in widget.calibration["tijdig"].value
    quiz = ChoiceQuiz(find_exercise("01-quiz"), store=store)
    quiz.radio.value = "b"
    quiz.check_button.click()
    widget.done_button.click()
    assert "Je schat jezelf lager in dan de oefeningen laten zien" in strip_tags(widget.calibration["tijdig"].value)
    shown = strip_tags(widget.summary.value)
    assert "Je eindmeting" in shown and "Volgende stap" in shown and "Reageer tijdig" in shown


def test_eind_explanations_are_saved_restored_and_never_in_the_chart(store: AnswerStore) -> None:
    begin = begin_widget(store)
    begin.rate("tijdig", 1)
    begin.rate("luisteren", 1)
    begin.done_button.click()
    widget = eind_widget(store)
    widget.rate("tijdig", 1)
    widget.rate("luisteren", 1)
    text = '<img src=x onerror="alert(1)"> Ik was te snel & <b>onzeker</b>'
    widget.explanations["tijdig"].value = text
    widget.done_button.click()
    assert store.get("05-zelf")["explanations"] == {"tijdig": text}
    for shown in (widget.chart.value, widget.summary.value, *(h.value for h in widget.calibration.values())):
        assert "<img" not in shown and "onzeker" not in shown
    ET.fromstring(widget.chart.value)  # well-formed: all text in it is escaped
    again = eind_widget(AnswerStore(store.folder))
    assert again.explanations["tijdig"].value == text
    assert again.levels == {"tijdig": 1, "luisteren": 1} and again.done
    assert again.chart.value == widget.chart.value
    assert "Reageer tijdig: begin 1, eind 1" in chart_label(again)


def test_eind_linked_to_something_else_is_a_content_error(course: Path) -> None:
    from cursuslib import show_exercise

    lesson = course / "05_afsluiting.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("compare_with: 02-zelf", "compare_with: 01-quiz"),
                      encoding="utf-8")
    shown = html.unescape(strip_tags(show_exercise("05-zelf").value))
    assert "kan niet worden getoond" in shown and "'01-quiz' is geen zelfbeoordeling met moment: begin" in shown


def test_the_exercises_are_found_through_the_course_folder(course: Path) -> None:
    exercise: Exercise = find_exercise("05-zelf", course)
    assert exercise.data["compare_with"] == "02-zelf" and exercise.data["qualities"] == ()


def test_eind_without_any_evidence_has_one_overall_text_box(course: Path, store: AnswerStore) -> None:
    lesson = course / "02_eigenschappen.yaml"
    lesson.write_text(LESSON_02.replace("        evidence: [01-quiz, 01-sort]\n", ""), encoding="utf-8")
    widget = eind_widget(store)
    assert widget.explanations == {} and widget.overall is not None
    widget.rate("tijdig", 2)
    assert "geen oefeningen om mee te vergelijken" in widget.calibration["tijdig"].value
    widget.overall.value = "Ik heb in de stage veel geoefend."
    assert store.get("05-zelf")["explanation"] == "Ik heb in de stage veel geoefend."
    assert eind_widget(AnswerStore(store.folder)).overall.value == "Ik heb in de stage veel geoefend."


def test_an_exercise_can_override_its_own_texts(course: Path, store: AnswerStore) -> None:
    lesson = course / "05_afsluiting.yaml"
    lesson.write_text(LESSON_05 + '    texts:\n      self_assessment.done: "Opslaan en overzicht"\n'
                      '      self_assessment.legend_end: "Nu (vol)"\n', encoding="utf-8")
    widget = eind_widget(store)
    assert widget.done_button.description == "Opslaan en overzicht"
    assert ">Nu (vol)<" in widget.chart.value and "Eind (vol)" not in widget.chart.value
    assert begin_widget(store).done_button.description == "Klaar"  # only that exercise changes
