"""Choice quiz widget, driven headless as a student would."""

from __future__ import annotations

from cursuslib.store import AnswerStore
from cursuslib.widgets import ChoiceQuiz

from .conftest import strip_tags

SINGLE = """
id: 09-single
type: single_choice
title: Open of gesloten?
question: "Welke vraag is **open**?"
options:
  - {key: a, text: "Heeft u een website?", explanation: "Hierop kan de klant alleen ja of nee zeggen."}
  - {key: b, text: "Wat moet uw website doen?", explanation: "Begint met 'wat': de klant gaat vertellen."}
  - {key: c, text: "<script>alert(1)</script>", explanation: "Geen vraag."}
correct: b
model_answer: "Een open vraag begint met een vraagwoord."
"""

MULTI = """
id: 09-multi
type: multiple_choice
title: Afsluiten
question: Wat hoort bij het afsluiten?
options:
  - {key: a, text: Bedanken, explanation: De klant nam tijd voor je.}
  - {key: b, text: Een nieuwe vraag beginnen, explanation: Dat hoort in het inhoudelijke deel.}
  - {key: c, text: Vervolgafspraken noemen, explanation: De klant weet wat er gaat gebeuren.}
correct: [a, c]
"""


def test_model_answer_only_after_an_attempt(make_exercise, store: AnswerStore) -> None:
    quiz = ChoiceQuiz(make_exercise(SINGLE), store=store)
    assert quiz.model_button.layout.display == "none"
    quiz.show_model()
    assert quiz.model.value == "" and "eerst zelf" in quiz.feedback.value
    quiz.radio.value = "a"
    quiz.check_button.click()
    assert quiz.model_button.layout.display is None
    quiz.model_button.click()
    assert "Modelantwoord" in quiz.model.value and "vraagwoord" in quiz.model.value


def test_wrong_choice_explains_why_and_gives_next_step(make_exercise, store: AnswerStore) -> None:
    quiz = ChoiceQuiz(make_exercise(SINGLE), store=store)
    quiz.radio.value = "a"
    quiz.check_button.click()
    shown = strip_tags(quiz.feedback.value)
    assert "Nog niet" in shown and "alleen ja of nee" in shown and "Volgende stap" in shown
    assert 'aria-live="polite"' in quiz.feedback.value
    # retry: the choice is cleared, a new attempt is right
    quiz.retry_button.click()
    assert quiz.radio.value is None
    quiz.radio.value = "b"
    quiz.check_button.click()
    assert "✔ Goed" in quiz.feedback.value and "de klant gaat vertellen" in quiz.feedback.value
    assert quiz.attempts == 2


def test_html_in_options_is_shown_as_text(make_exercise, store: AnswerStore) -> None:
    quiz = ChoiceQuiz(make_exercise(SINGLE), store=store)
    quiz.radio.value = "c"
    quiz.check_button.click()
    assert "<script>" not in quiz.feedback.value and "&lt;script&gt;" in quiz.feedback.value


def test_changing_the_choice_clears_stale_feedback(make_exercise, store: AnswerStore) -> None:
    quiz = ChoiceQuiz(make_exercise(SINGLE), store=store)
    quiz.radio.value = "a"
    quiz.check_button.click()
    quiz.radio.value = "b"
    assert "alleen ja of nee" not in quiz.feedback.value and "Controleer" in quiz.feedback.value


def test_multiple_choice_counts_missing_without_revealing(make_exercise, store: AnswerStore) -> None:
    quiz = ChoiceQuiz(make_exercise(MULTI), store=store)
    quiz.box_for("a").value = True
    quiz.check_button.click()
    shown = strip_tags(quiz.feedback.value)
    assert "ontbreekt nog 1 goed antwoord" in shown and "Vervolgafspraken" not in shown
    quiz.box_for("c").value = True
    quiz.box_for("b").value = True
    quiz.check_button.click()
    assert "1 van je keuzes past niet" in strip_tags(quiz.feedback.value)
    quiz.box_for("b").value = False
    quiz.check_button.click()
    assert "alle goede antwoorden" in quiz.feedback.value


def test_checking_without_a_choice_is_no_attempt(make_exercise, store: AnswerStore) -> None:
    quiz = ChoiceQuiz(make_exercise(SINGLE), store=store)
    quiz.check_button.click()
    assert "nog geen antwoord" in quiz.feedback.value and quiz.model_button.layout.display == "none"


def test_state_and_feedback_restored_after_restart(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(MULTI)
    quiz = ChoiceQuiz(exercise, store=store)
    quiz.box_for("a").value = True
    quiz.check_button.click()
    quiz.model_button.click()
    feedback = quiz.feedback.value
    again = ChoiceQuiz(exercise, store=AnswerStore(store.folder))  # a new kernel reads the file
    assert [again.box_for(k).value for k in "abc"] == [True, False, False]
    assert again.feedback.value == feedback
    assert "Modelantwoord" in again.model.value and again.attempts == 1


def test_selection_is_saved_before_checking(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(SINGLE)
    ChoiceQuiz(exercise, store=store).radio.value = "b"
    again = ChoiceQuiz(exercise, store=AnswerStore(store.folder))
    assert again.radio.value == "b" and again.feedback.value.count("Goed") == 0


def test_options_have_accessible_labels(make_exercise, store: AnswerStore) -> None:
    quiz = ChoiceQuiz(make_exercise(MULTI), store=store)
    assert [quiz.box_for(k).description for k in "abc"] == ["Bedanken", "Een nieuwe vraag beginnen",
                                                             "Vervolgafspraken noemen"]
    assert all(b.description and b.tooltip for b in (quiz.check_button, quiz.retry_button, quiz.model_button))


def test_an_exercise_can_rename_the_check_button_and_the_sentences_follow(make_exercise, store: AnswerStore) -> None:
    quiz = ChoiceQuiz(make_exercise(SINGLE + "texts:\n  common.check: Nakijken\n"
                                    "  choice.model_compare: Wat zou jij nu anders kiezen?\n"), store=store)
    assert quiz.check_button.description == "Nakijken"
    quiz.check_button.click()
    assert "klik daarna op &#x27;Nakijken&#x27;" in quiz.feedback.value and "Controleer" not in quiz.feedback.value
    quiz.radio.value = "a"
    quiz.check_button.click()
    quiz.model_button.click()
    assert "Wat zou jij nu anders kiezen?" in quiz.model.value and "Vergelijk met jouw keuze" not in quiz.model.value
    other = ChoiceQuiz(make_exercise(SINGLE.replace("09-single", "09-other")), store=store)
    assert other.check_button.description == "Controleer"  # the rest of the course keeps the catalogue text


# --------------------------------------------------------------------------- order, first attempt, confidence
FIVE = """
id: 09-vijf
type: single_choice
title: Vijf opties
question: Welke vraag is open?
options:
  - {key: a, text: "Plant u via de telefoon?", explanation: "Gesloten."}
  - {key: b, text: "Gebruikt u een agenda?", explanation: "Gesloten."}
  - {key: c, text: "Hoe plannen klanten nu?", explanation: "Open."}
  - {key: d, text: "Is het druk?", explanation: "Gesloten."}
  - {key: e, text: "Belt u of mailt u?", explanation: "Keuzevraag."}
correct: c
"""


def shown_keys(quiz: ChoiceQuiz) -> list[str]:
    """The option keys in the order the student sees the radio buttons."""
    return [key for _label, key in quiz.radio.options]


def test_the_order_is_the_students_own_and_stays_after_a_restart(make_exercise, answers_dir) -> None:
    exercises = [make_exercise(FIVE.replace("09-vijf", f"09-vijf-{n}")) for n in range(6)]
    first = [shown_keys(ChoiceQuiz(ex, store=AnswerStore(answers_dir / "sam"))) for ex in exercises]
    again = [shown_keys(ChoiceQuiz(ex, store=AnswerStore(answers_dir / "sam"))) for ex in exercises]  # new kernel
    other = [shown_keys(ChoiceQuiz(ex, store=AnswerStore(answers_dir / "noor"))) for ex in exercises]
    assert first == again
    assert first != other  # another student sees another order in at least some quizzes
    assert len({tuple(order) for order in first}) > 1  # and the order differs per exercise
    assert all(sorted(order) == list("abcde") for order in first + other)
    seed = AnswerStore(answers_dir / "sam").get("quiz-volgorde")
    assert isinstance(seed, dict) and seed["seed"]  # kept in the answers file, so a download carries it


def test_shuffle_false_keeps_the_order_of_the_file(make_exercise, answers_dir) -> None:
    pinned = FIVE + "shuffle: false\n"
    for student in ("sam", "noor", "lin"):
        quiz = ChoiceQuiz(make_exercise(pinned), store=AnswerStore(answers_dir / student))
        assert shown_keys(quiz) == list("abcde")


def test_a_saved_answer_survives_a_change_of_order(make_exercise, answers_dir) -> None:
    store = AnswerStore(answers_dir / "sam")
    quiz = ChoiceQuiz(make_exercise(MULTI), store=store)
    quiz.box_for("a").value = True
    quiz.box_for("c").value = True
    quiz.check_button.click()
    assert sorted(store.get("09-multi")["selected"]) == ["a", "c"]  # keys, in the order this student saw them
    # the teacher pins the order: the same options stay chosen, wherever they now stand
    pinned = ChoiceQuiz(make_exercise(MULTI + "shuffle: false\n"), store=AnswerStore(store.folder))
    assert [box.value for box in pinned.boxes] == [True, False, True]
    assert "alle goede antwoorden" in pinned.feedback.value
    # an answer saved before options were shuffled (keys, no first attempt) loads as it was
    store.save("09-single", {"selected": ["b"], "attempts": 1, "checked": True, "model_shown": False})
    old = ChoiceQuiz(make_exercise(SINGLE), store=AnswerStore(store.folder))
    assert old.radio.value == "b" and "✔ Goed" in old.feedback.value and old.first is None


def test_the_first_attempt_stays_the_first_after_retries(make_exercise, store: AnswerStore) -> None:
    quiz = ChoiceQuiz(make_exercise(SINGLE), store=store)
    quiz.radio.value = "a"
    quiz.check_button.click()
    quiz.retry_button.click()
    quiz.radio.value = "c"
    quiz.check_button.click()
    quiz.radio.value = "b"
    quiz.check_button.click()
    saved = store.get("09-single")
    assert saved["selected"] == ["b"] and saved["attempts"] == 3
    assert saved["first"] == ["a"] and saved["first_correct"] is False
    again = ChoiceQuiz(make_exercise(SINGLE), store=AnswerStore(store.folder))
    again.radio.value = "b"
    again.check_button.click()  # a fourth attempt after a restart
    assert store.get("09-single")["first"] == ["a"]


def test_the_confidence_question_is_asked_saved_and_restored(make_exercise, store: AnswerStore) -> None:
    plain = ChoiceQuiz(make_exercise(SINGLE), store=store)
    assert plain.confidence is None  # only when the exercise asks for it
    exercise = make_exercise(SINGLE.replace("09-single", "09-zeker") + "confidence: true\n")
    quiz = ChoiceQuiz(exercise, store=store)
    assert quiz.confidence is not None and quiz.confidence.description == "Hoe zeker ben je?"
    assert [label for label, _ in quiz.confidence.options] == ["ik gok", "redelijk zeker", "heel zeker"]
    assert quiz.confidence.value is None  # nothing chosen for the student
    quiz.radio.value = "a"
    quiz.confidence.value = "zeker"
    quiz.check_button.click()
    saved = store.get("09-zeker")
    assert saved["confidence"] == "zeker" and saved["first_confidence"] == "zeker" and saved["first_correct"] is False
    quiz.retry_button.click()
    assert quiz.confidence.value is None  # a new attempt, a new feeling
    quiz.radio.value = "b"
    quiz.confidence.value = "redelijk"
    quiz.check_button.click()
    again = ChoiceQuiz(exercise, store=AnswerStore(store.folder))
    assert again.confidence.value == "redelijk" and again.first_confidence == "zeker"
