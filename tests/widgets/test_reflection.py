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


WORKED = REFLECTION + """
step_examples:
  situatie: {weak: Ik had een gesprek., strong: Ik sprak met een klant van de bakker over haar webshop., why: Noemt wie en waarover.}
  taak: {weak: Ik moest praten., strong: Ik wilde weten wat ze nu met bestellingen doet., why: Noemt je doel.}
  actie: {weak: Ik stelde vragen., strong: "Ik vroeg: 'Hoe komen bestellingen nu binnen?'", why: Noemt je vraag letterlijk.}
  resultaat: {weak: Het ging goed., strong: Ze vertelde dat ze alles overtypt., why: Noemt wat je vraag opleverde.}
  reflectie: {weak: Volgende keer beter., strong: Volgende keer vat ik eerder samen., why: Noemt wat je anders doet.}
checklist:
  - Ik noem een concrete situatie.
  - Ik schrijf wat ik zelf deed.
  - Ik noem wat ik volgende keer anders doe.
"""
STARR = {"situatie": "Gesprek met de eigenaar van een bakkerij.", "taak": "Ik wilde haar wens begrijpen.",
         "actie": "Ik vroeg hoe bestellingen binnenkomen.", "resultaat": "Ze vertelde over de telefoon.",
         "reflectie": "Ik vat volgende keer eerder samen."}


def test_no_example_before_the_first_attempt(make_exercise, store: AnswerStore) -> None:
    refl = ReflectionExercise(make_exercise(WORKED), store=store)
    assert refl.examples.value == "" and "Na het afronden zie je bij elke stap" in refl.later.value
    for key, text in list(STARR.items())[:4]:  # Reflectie still empty: no first attempt yet
        refl.write(key, text)
    refl.overview_button.click()
    refl.done_button.click()
    shown = refl.examples.value + refl.overview.value
    assert "Ik had een gesprek." not in shown and "Wat maakt het sterk" not in shown
    assert "Schrijf eerst iets bij: Reflectie." in refl.done_message.value
    assert store.get("09-refl")["attempted"] is False and store.get("09-refl")["done"] is False


def test_the_annotated_examples_follow_the_first_attempt_and_stay_after_a_restart(make_exercise,
                                                                                  store: AnswerStore) -> None:
    exercise = make_exercise(WORKED)
    refl = ReflectionExercise(exercise, store=store)
    for key, text in STARR.items():
        refl.write(key, text)
    refl.done_button.click()
    shown = refl.examples.value
    assert "Voorbeelden: zwak en sterk" in shown and refl.later.value == ""
    for step in ("Situatie", "Taak", "Actie", "Resultaat", "Reflectie"):
        assert f'aria-label="Voorbeeld bij {step}"' in shown
    assert "<strong>Zwak:</strong> Ik stelde vragen." in shown
    assert "<strong>Sterk:</strong> Ik vroeg: &#x27;Hoe komen bestellingen nu binnen?&#x27;" in shown
    assert "<strong>Wat maakt het sterk:</strong> Noemt je vraag letterlijk." in shown
    again = ReflectionExercise(exercise, store=AnswerStore(store.folder))  # a kernel restart
    assert again.examples.value == shown


def test_checklist_ticks_are_saved_restored_and_unticked_points_named(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(WORKED)
    refl = ReflectionExercise(exercise, store=store)
    assert [box.description for box in refl.checklist.boxes] == list(exercise.data["checklist"])
    for key, text in STARR.items():
        refl.write(key, text)
    refl.tick("Ik schrijf wat ik zelf deed.")
    assert store.get("09-refl")["ticked"] == ["Ik schrijf wat ik zelf deed."]
    refl.done_button.click()  # not everything ticked: done anyway, and the open points are named
    message = refl.done_message.value
    assert "Afgerond en opgeslagen" in message and 'aria-live="polite"' in message
    assert "<li>Ik noem een concrete situatie.</li>" in message
    assert "<li>Ik noem wat ik volgende keer anders doe.</li>" in message
    assert "Ik schrijf wat ik zelf deed." not in message
    assert store.get("09-refl")["done"] is True

    again = ReflectionExercise(exercise, store=AnswerStore(store.folder))  # a kernel restart
    assert again.checklist.ticked == ["Ik schrijf wat ik zelf deed."]
    assert "<li>Ik noem een concrete situatie.</li>" in again.done_message.value
    again.tick("Ik noem een concrete situatie.", "Ik noem wat ik volgende keer anders doe.")
    assert "alle punten van de checklist afgevinkt" in again.done_message.value
    assert AnswerStore(store.folder).get("09-refl")["ticked"] == list(exercise.data["checklist"])


def test_example_texts_from_the_file_are_shown_as_text(make_exercise, store: AnswerStore) -> None:
    exercise = make_exercise(WORKED.replace("Ik stelde vragen.", "<script>x()</script>")
                             .replace("- Ik schrijf wat ik zelf deed.", "- Ik schrijf <b>wat</b> ik deed."))
    refl = ReflectionExercise(exercise, store=store)
    for key, text in STARR.items():
        refl.write(key, "<img src=x> " + text)
    refl.done_button.click()
    refl.overview_button.click()
    everything = refl.examples.value + refl.done_message.value + refl.overview.value
    assert "<script>" not in everything and "&lt;script&gt;" in refl.examples.value
    assert "<b>wat</b>" not in everything and "&lt;b&gt;wat&lt;/b&gt;" in refl.done_message.value
    assert "<img" not in everything


def test_a_reflection_without_examples_or_checklist_still_finishes(make_exercise, store: AnswerStore) -> None:
    refl = ReflectionExercise(make_exercise(REFLECTION), store=store)
    assert refl.checklist.widget.layout.display == "none" and refl.later.value == ""
    for key, text in STARR.items():
        refl.write(key, text)
    refl.done_button.click()
    assert "Afgerond." in refl.done_message.value and refl.examples.value == ""
