"""Rewrite feedback: identical, empty, still negative, neutral-only, off-topic and improved rewrites."""

from __future__ import annotations

import pytest

from cursuslib.language import RewriteResult, rewrite_feedback

ORIGINAL = "Helaas is de laptop die u wilt uitverkocht."


def _assert_next_step_last(result: RewriteResult) -> None:
    assert result.messages
    assert result.messages[-1].startswith("Volgende stap:")
    assert sum(m.startswith("Volgende stap:") for m in result.messages) == 1


def test_improved_rewrite_names_what_is_better_and_a_next_step() -> None:
    result = rewrite_feedback(ORIGINAL, "Deze laptop is vanaf 12 mei weer leverbaar; zal ik er een voor u reserveren?")
    assert result.improved
    assert result.on_topic and "laptop" in result.shared_words
    assert not result.remaining
    assert "'Helaas'" in result.messages[0] and "'uitverkocht'" in result.messages[0]
    _assert_next_step_last(result)


@pytest.mark.parametrize("rewrite", ["", "   ", "\n"])
def test_empty_rewrite_is_not_improved(rewrite: str) -> None:
    result = rewrite_feedback(ORIGINAL, rewrite)
    assert not result.improved
    assert result.empty
    _assert_next_step_last(result)


@pytest.mark.parametrize("rewrite", ["ok", "Sorry.", "Prima."])
def test_too_short_rewrite_is_not_improved(rewrite: str) -> None:
    result = rewrite_feedback(ORIGINAL, rewrite)
    assert not result.improved
    assert "te kort" in result.messages[0]


@pytest.mark.parametrize("rewrite", [ORIGINAL, "helaas is de laptop die u wilt uitverkocht", "HELAAS is de laptop, die u wilt, uitverkocht!"])
def test_the_original_again_is_not_improved(rewrite: str) -> None:
    result = rewrite_feedback(ORIGINAL, rewrite)
    assert not result.improved
    assert result.same_as_original
    _assert_next_step_last(result)


def test_still_negative_quotes_the_exact_words() -> None:
    result = rewrite_feedback(ORIGINAL, "Die laptop is uitverkocht, maar u kunt morgen een ander model bestellen.")
    assert not result.improved
    assert [f.phrase for f in result.remaining] == ["uitverkocht"]
    assert any("'uitverkocht'" in m for m in result.messages)
    _assert_next_step_last(result)


def test_neutral_rewrite_without_constructive_element_is_not_improved() -> None:
    result = rewrite_feedback("Uw pakket is vertraagd door drukte bij de vervoerder.", "Uw pakket is onderweg.")
    assert not result.improved
    assert result.on_topic and not result.remaining and not result.constructive
    assert any("neutraal" in m for m in result.messages)
    _assert_next_step_last(result)


def test_off_topic_rewrite_is_not_improved_even_when_positive() -> None:
    result = rewrite_feedback("De winkel is vandaag gesloten.", "Ik stuur u morgen graag onze nieuwe folder met zomerjassen.")
    assert not result.improved
    assert not result.on_topic
    assert any("'winkel'" in m for m in result.messages)
    _assert_next_step_last(result)


@pytest.mark.parametrize(
    ("original", "rewrite"),
    [
        ("Dat kan ik niet voor u regelen.", "Mijn collega van de administratie regelt dit vandaag voor u."),
        ("Uw creditcardbetaling is afgewezen door de bank.", "U kunt de bestelling ook afronden met iDEAL, dan verzenden wij hem vandaag."),
        ("U had het bonnetje moeten bewaren.", "Met uw bankafschrift kunnen wij de aankoop ook terugvinden; zal ik dat samen met u doen?"),
        ("Het systeem ligt eruit.", "Zodra het systeem weer beschikbaar is, zoek ik uw gegevens op en bel ik u vanmiddag terug."),
    ],
)
def test_topic_overlap_through_stems_compounds_and_topic_groups(original: str, rewrite: str) -> None:
    result = rewrite_feedback(original, rewrite)
    assert result.improved, result.messages


def test_constructive_elements_are_reported() -> None:
    result = rewrite_feedback("Wij kunnen uw klacht pas volgende week behandelen.", "Ik behandel uw klacht morgen en bel u om 10.00 uur.")
    assert result.improved
    assert "morgen" in result.constructive
    assert any(c.lower().startswith("ik behandel") for c in result.constructive)


def test_lecturing_rewrite_is_not_improved() -> None:
    result = rewrite_feedback("U heeft de verkeerde maat besteld.", "Controleer de volgende keer goed welke maat u bestelt.")
    assert not result.improved
    assert any("volgende keer" in f.phrase for f in result.remaining)


def test_messages_are_at_most_three_and_positive_in_tone() -> None:
    result = rewrite_feedback("Dat weet ik niet.", "Geen idee, sorry.")
    assert not result.improved
    assert len(result.messages) <= 3
    assert not any("fout" in m.lower() for m in result.messages[:-1])


@pytest.mark.parametrize(("original", "rewrite"), [
    ("Dat kan ik vandaag niet meer oplossen.", "Ik los dit morgenochtend om 9.00 uur als eerste voor u op."),
    ("Dat moet ik nog opzoeken.", "Dat zoek ik graag voor u op."),
    ("Ik kan u nu niet terugbellen.", "Ik bel u morgen voor 10.00 uur terug."),
])
def test_separable_verbs_keep_the_topic(original: str, rewrite: str) -> None:
    result = rewrite_feedback(original, rewrite)
    assert result.on_topic and result.improved, result.messages
