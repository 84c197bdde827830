"""STARR(T) reflection widget, driven headless."""

from __future__ import annotations

from cursuslib.store import AnswerStore
from cursuslib.widgets import ReflectionExercise

REFLECTION = """
id: 09-refl
type: reflection
title: Reflectie op het LSD-gesprek
prompts:
  situatie: Met wie oefende je en waarover ging het?
min_words: 5
"""


def test_steps_in_starrt_order_with_prompts(make_exercise, store: AnswerStore) -> None:
    refl = ReflectionExercise(make_exercise(REFLECTION), store=store)
    assert [b.description for b in refl.boxes.values()] == [
        "Situatie", "Taak", "Actie", "Resultaat", "Reflectie", "Transfer"]
    assert refl.boxes["situatie"].placeholder == "Met wie oefende je en waarover ging het?"
    assert refl.boxes["taak"].placeholder.startswith("Wat was jouw rol")


def test_autosave_and_word_count(make_exercise, store: AnswerStore) -> None:
    refl = ReflectionExercise(make_exercise(REFLECTION), store=store)
    refl.boxes["situatie"].value = "Ik oefende met mijn buurman."
    assert "5 woorden" in refl.counts["situatie"].value
    assert store.get("09-refl")["steps"]["situatie"] == "Ik oefende met mijn buurman."
    assert "Opgeslagen om" in refl.saved_label.value
    refl.boxes["taak"].value = "Luisteren"
    assert "1 woord " in refl.counts["taak"].value and "concreter" in refl.counts["taak"].value


def test_overview_escapes_html_and_ends_with_next_step(make_exercise, store: AnswerStore) -> None:
    refl = ReflectionExercise(make_exercise(REFLECTION), store=store)
    refl.boxes["actie"].value = '<img src=x onerror="alert(1)"> Ik vatte samen: <b>dus</b> u wilt...'
    refl.overview_button.click()
    shown = refl.overview.value
    assert "<img" not in shown and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in shown
    assert "&lt;b&gt;dus&lt;/b&gt;" in shown
    assert "Nog niets geschreven" in shown and "Volgende stap: vul &#x27;Situatie&#x27; aan" in shown
    assert 'aria-live="polite"' in shown


def test_restart_restores_every_step(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(REFLECTION)
    refl = ReflectionExercise(exercise, store=store)
    texts = {"situatie": "Gesprek met een klant 👩‍💻", "transfer": "x" * 200_000}
    for key, text in texts.items():
        refl.boxes[key].value = text
    again = ReflectionExercise(exercise, store=AnswerStore(store.folder))
    assert again.answers == {**{k: "" for k in again.boxes}, **texts}
    assert "200000" not in again.counts["transfer"].value and "1 woord" in again.counts["transfer"].value


def test_corrupt_answers_file_shows_a_notice_and_keeps_working(make_exercise, store: AnswerStore) -> None:
    store.folder.mkdir(parents=True)
    store.path.write_text("{kapot", encoding="utf-8")
    refl = ReflectionExercise(make_exercise(REFLECTION), store=AnswerStore(store.folder))
    assert "niet worden gelezen" in refl.notice.value and 'role="alert"' in refl.notice.value
    refl.boxes["situatie"].value = "Nieuw begin"
    assert AnswerStore(store.folder).get("09-refl")["steps"]["situatie"] == "Nieuw begin"


def test_step_names_come_from_the_catalogue_and_an_exercise_may_rename_one(make_exercise, store: AnswerStore) -> None:
    renamed = make_exercise(REFLECTION + "texts:\n  reflection.transfer_name: Toepassen\n")
    refl = ReflectionExercise(renamed, store=store)
    assert refl.boxes["transfer"].description == "Toepassen"
    assert refl.boxes["transfer"].placeholder == "In welke andere situatie ga je dit ook toepassen?"
    refl.overview_button.click()
    assert "<h4>Toepassen <small>(0 woorden)</small></h4>" in refl.overview.value


def test_a_second_tab_shows_the_newer_answer_and_keeps_what_was_just_typed_readable(make_exercise,
                                                                                    answers_dir) -> None:
    first = ReflectionExercise(make_exercise(REFLECTION), store=AnswerStore(answers_dir))
    second = ReflectionExercise(make_exercise(REFLECTION), store=AnswerStore(answers_dir))  # another tab, same lesson
    first.boxes["situatie"].value = "Ik oefende met mijn buurman over zijn nieuwe website."
    second.boxes["situatie"].value = "Met mijn zus, over <b>haar</b> webshop."  # pasted in the tab that was behind

    assert AnswerStore(answers_dir).get("09-refl")["steps"]["situatie"].startswith("Ik oefende met mijn buurman")
    assert second.boxes["situatie"].value.startswith("Ik oefende met mijn buurman")  # the newer answer is shown
    notice = second.notice.value
    assert "ander tabblad" in notice and "Kopieer het" in notice
    assert "Met mijn zus, over &lt;b&gt;haar&lt;/b&gt; webshop." in notice  # readable, escaped, to copy
    second.boxes["taak"].value = "Ik moest vragen wat hij wilde."  # the next change saves over the newer answer
    saved = AnswerStore(answers_dir).get("09-refl")["steps"]
    assert saved["situatie"].startswith("Ik oefende met mijn buurman") and saved["taak"] == "Ik moest vragen wat hij wilde."
