"""Positive language: findings per rule family, with exact offsets, reasons and tips."""

from __future__ import annotations

import pytest

from cursuslib.language import Finding, positivity


def _phrases(text: str) -> list[str]:
    return [f.phrase for f in positivity(text).findings]


def _categories(text: str) -> list[str]:
    return [f.category for f in positivity(text).findings]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Wij nemen geen contant geld aan.", "geen"),
        ("Zonder bonnetje krijgt u nooit uw geld terug.", "nooit"),
        ("Niemand kan u vandaag nog helpen.", "Niemand"),
        ("We hebben deze week nergens meer plek.", "nergens"),
        ("De helpdesk is na vijf uur niet bereikbaar.", "niet bereikbaar"),
        ("Ik kan niks voor u doen.", "Ik kan niks"),
        ("Dat lukt vandaag niet meer.", "lukt vandaag niet"),
    ],
)
def test_negations_are_found(text: str, phrase: str) -> None:
    result = positivity(text)
    assert not result.positive
    assert phrase in _phrases(text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Helaas is deze jas uitverkocht.", "Helaas"),
        ("Helaas is deze jas uitverkocht.", "uitverkocht"),
        ("Uw pakket is vertraagd.", "vertraagd"),
        ("De winkel is op zondag gesloten.", "gesloten"),
        ("Uw betaling is afgewezen.", "afgewezen"),
        ("Dat is onmogelijk.", "onmogelijk"),
        ("Dat is een lastige vraag.", "lastige"),
        ("Het systeem ligt plat.", "ligt plat"),
        ("Met die printer hebben meer klanten problemen.", "problemen"),
        ("Uw pakket ligt al een week in het depot.", "al een week"),
        ("We zitten vol tot volgende maand.", "vol"),
    ],
)
def test_negative_lexicon_gives_reason_and_positive_tip(text: str, phrase: str) -> None:
    result = positivity(text)
    assert not result.positive
    finding = next(f for f in result.findings if f.phrase == phrase)
    assert finding.category in ("negative_word", "restriction")
    assert phrase in finding.reason
    assert finding.tip


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("U moet eerst een account aanmaken.", "U moet"),
        ("U dient het formulier volledig in te vullen.", "U dient"),
        ("Dat moet je zelf uitzoeken.", "moet je"),
    ],
)
def test_obligations_on_the_customer(text: str, phrase: str) -> None:
    result = positivity(text)
    assert [(f.phrase, f.category) for f in result.findings][0] == (phrase, "obligation")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("U had het pakket eerder moeten aanmelden.", "U had het pakket eerder moeten"),
        ("Dat had u eerder moeten melden.", "had u eerder moeten"),
        ("Dat is uw eigen schuld.", "uw eigen schuld"),
        ("U heeft het verkeerde adres ingevuld.", "U heeft het verkeerde"),
        ("Controleer de volgende keer goed welke maat u bestelt.", "de volgende keer"),
    ],
)
def test_blame(text: str, phrase: str) -> None:
    result = positivity(text)
    assert (phrase, "blame") in [(f.phrase, f.category) for f in result.findings]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Ik zal het proberen.", "proberen"),
        ("Dat moet ik even opzoeken.", "moet ik even opzoeken"),
        ("Ik zal kijken of het lukt.", "zal kijken"),
        ("Misschien lukt het morgen.", "Misschien"),
    ],
)
def test_weak_or_self_centred_phrasing(text: str, phrase: str) -> None:
    assert (phrase, "weak") in [(f.phrase, f.category) for f in positivity(text).findings]


@pytest.mark.parametrize("text", ["Geen probleem!", "geen probleem hoor", "Geen zorgen, dat komt goed."])
def test_geen_probleem_is_one_set_phrase_finding(text: str) -> None:
    result = positivity(text)
    assert not result.positive
    first = result.findings[0]
    assert first.category == "set_phrase"
    assert first.phrase.lower().startswith("geen")
    assert "Graag" in first.tip


def test_sorry_maar_and_pas_als_and_rigid_rules() -> None:
    assert "apology_but" in _categories("Sorry, maar dat kan ik niet regelen.")
    pas = positivity("Dat kan pas als u betaald heeft.").findings[0]
    assert pas.phrase == "pas als" and "zodra" in pas.tip
    assert "rigid" in _categories("Dat zijn nu eenmaal de regels.")


@pytest.mark.parametrize(
    "text",
    [
        "Ik regel dat morgenochtend als eerste voor u.",
        "Uw pakket wordt donderdag tussen 10.00 en 14.00 uur bezorgd.",
        "Zal ik een afspraak voor u inplannen op dinsdagochtend?",
        "Uw nieuwe pas ligt vanaf donderdag voor u klaar aan de balie.",
        "Als u het juiste adres doorgeeft, pas ik het meteen voor u aan.",
        "Ik begrijp dat dit vervelend voor u is; ik zoek het meteen voor u uit.",
        "Wij zorgen voor een vervangende laptop zolang de reparatie duurt.",
        "Niet alleen vandaag, maar de hele week bent u welkom.",
        "De afgelopen week hebben we uw bestelling twee keer verstuurd.",
        "Het afhaalpunt is dicht bij uw huis.",
    ],
)
def test_positive_sentences_have_no_findings(text: str) -> None:
    result = positivity(text)
    assert result.positive, result.findings
    assert result.findings == ()


def test_offsets_are_exact_even_with_html_emoji_and_odd_spacing() -> None:
    text = "<p>😀  Helaas   is het\tsysteem <b>kapot</b>, en   u moet wachten.</p>"
    result = positivity(text)
    assert result.findings
    for f in result.findings:
        assert isinstance(f, Finding)
        assert text[f.start : f.end] == f.phrase
    assert "Helaas" in _phrases(text) and "kapot" in _phrases(text)


def test_findings_do_not_overlap_and_are_in_reading_order() -> None:
    result = positivity("Helaas, geen probleem: u had het eerder moeten melden, dus het lukt niet.")
    starts = [f.start for f in result.findings]
    assert starts == sorted(starts)
    for a, b in zip(result.findings, result.findings[1:], strict=False):
        assert a.end <= b.start


def test_messages_explain_at_most_two_remarks_and_end_with_a_next_step() -> None:
    result = positivity("Helaas is uw pakket vertraagd en de winkel is gesloten, dus u moet wachten.")
    assert len(result.findings) >= 3
    assert 2 <= len(result.messages) <= 3
    assert result.messages[-1].startswith("Volgende stap:")
    assert "'Helaas'" in result.messages[0]


def test_positive_sentence_gets_a_concrete_next_step() -> None:
    result = positivity("Dat zoek ik graag voor u uit.")
    assert result.positive
    assert result.messages[-1].startswith("Volgende stap:")
    assert "wanneer" in result.messages[-1]  # no time mentioned yet


def test_messy_input_without_capitals_or_punctuation() -> None:
    assert not positivity("helaas kan dat niet").positive
    assert not positivity("u had eerder moeten bellen").positive
    assert positivity("ik bel je morgen terug").positive
