"""positivity: meaning classes of wording (describing the problem, software negatives, quoted labels, blame,
defending, promises). The sentences are written for these tests, not taken from the labelled sets."""

from __future__ import annotations

import pytest

from cursuslib.language import positivity
from cursuslib.language.positive_language import find_promises


def _phrases(text: str) -> list[str]:
    return [f.phrase for f in positivity(text).findings]


# -- 1. a negation that describes the problem ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Ik zoek uit waarom de module niet zichtbaar is.",
    "Ik kijk of de betaling niet dubbel is afgeschreven.",
    "Ik snap dat het niet werkt; ik help u meteen.",
    "We onderzoeken vandaag waarom de synchronisatie niet lukt.",
    "Onze ontwikkelaars hebben gevonden waardoor de kassa zo traag is.",
    "Wat vervelend dat de app niet opstart.",
    "De storing lossen we vanavond op.",
    "Als er iets ontbreekt, bel ik u vandaag nog.",
])
def test_a_negation_or_negative_word_that_describes_the_problem_is_fine(text: str) -> None:
    result = positivity(text)
    assert result.positive, result.messages


@pytest.mark.parametrize(("text", "phrase"), [
    ("De module is niet zichtbaar.", "niet"),
    ("Sorry, de app werkt niet.", "niet"),  # an apology does not make the problem positive
    ("Ik snap het, maar dat kan niet.", "kan niet"),  # 'maar' ends the acknowledgement
    ("Ik snap niet wat u bedoelt.", "niet"),  # a negated 'snap' acknowledges nothing
    ("Uw betaling is mislukt en wij lossen het morgen op.", "mislukt"),  # 'en' starts a new clause
])
def test_the_same_words_framing_the_message_stay_negative(text: str, phrase: str) -> None:
    assert phrase in _phrases(text)


# -- 2. software negatives -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "phrase"), [
    ("De synchronisatie faalt.", "faalt"),
    ("Uw abonnement is gecanceld.", "gecanceld"),
    ("U krijgt een foutcode te zien.", "foutcode"),
    ("De website geeft een error 500.", "error"),
    ("De laptop loopt steeds vast.", "loopt steeds vast"),
    ("De app crashte gisteren.", "crashte"),
    ("Er is een serverfout.", "serverfout"),
])
def test_software_negatives_are_named(text: str, phrase: str) -> None:
    result = positivity(text)
    assert not result.positive
    assert any(phrase in p or p in phrase for p in _phrases(text)), _phrases(text)


# -- 3. a negative-looking word used positively ----------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "U kunt de nieuwe functie alvast proberen.",
    "Klik op 'Wachtwoord vergeten' en kies een nieuw wachtwoord.",
    'Kies in het menu "Betaling mislukt? Probeer opnieuw" om meteen te betalen.',
    "U hoeft niets te doen: wij regelen het vandaag.",
    "Zodat u niet opnieuw hoeft te wachten, bel ik u om 14.00 uur.",
])
def test_quoted_labels_and_offers_are_not_negative(text: str) -> None:
    result = positivity(text)
    assert result.positive, result.messages


@pytest.mark.parametrize("text", ["Ik zal het proberen.", "We proberen het morgen te regelen.",
                                  "Probeert u het morgen zelf nog eens."])
def test_trying_is_weak_when_you_or_the_customer_must_try(text: str) -> None:
    assert any(f.category == "weak" for f in positivity(text).findings)


# -- 5. blaming a colleague or another company ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Dat ligt aan de hostingpartij.",
    "Mijn collega heeft het verkeerd ingevoerd.",
    "Dit komt door onze betaalprovider.",
    "De vorige developer heeft er een zooitje van gemaakt.",
    "Het ligt echt niet aan ons.",
])
def test_blaming_someone_else_is_named(text: str) -> None:
    assert any(f.category == "blame_other" for f in positivity(text).findings), _phrases(text)


def test_a_colleague_who_will_act_is_fine() -> None:
    assert positivity("Mijn collega zet het vandaag terug.").positive


@pytest.mark.parametrize("text", [
    "Dat komt doordat u het verkeerde formulier gebruikte.",
    "U had het ook op de site kunnen lezen.",
    "Waarschijnlijk heeft u het venster te snel gesloten.",
])
def test_blaming_the_customer_is_named(text: str) -> None:
    assert any(f.category == "blame" for f in positivity(text).findings), _phrases(text)


# -- 6. defending or playing down ------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Het is maar een klein foutje.",
    "Andere klanten klagen er niet over.",
    "Bij vrijwel iedereen werkt het gewoon.",
    "Dat hoort er nu eenmaal bij.",
])
def test_defending_is_named(text: str) -> None:
    result = positivity(text)
    assert not result.positive
    assert any(f.category in ("defensive", "rigid") for f in result.findings), _phrases(text)


def test_other_shops_as_an_alternative_are_not_defending() -> None:
    assert positivity("U kunt ook bij een van onze andere winkels terecht.").positive


def test_sarcasm_is_negative() -> None:
    assert not positivity("Nou lekker dan, weer een update die alles kapotmaakt.").positive


# -- 4. promises nobody can keep -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "phrase"), [
    ("Ik bel u vandaag nog, beloofd.", "beloofd"),
    ("Het staat morgen live, dat beloof ik u.", "dat beloof ik u"),
    ("Dit gebeurt nooit meer.", "nooit meer"),
    ("Uw pakket komt 100% zeker morgen.", "100% zeker"),
    ("De reparatie is gegarandeerd klaar.", "gegarandeerd"),
    ("Maak je geen zorgen, het komt altijd goed.", "altijd goed"),
])
def test_promises_are_found(text: str, phrase: str) -> None:
    assert phrase in [p.phrase for p in find_promises(text)]


@pytest.mark.parametrize("text", [
    "Zoals beloofd bel ik u vandaag.",
    "Dat valt onder de garantie.",
    "Dat kan ik niet beloven.",
    "Dat kan zeker, ik pas het direct aan.",
])
def test_honest_words_are_no_promise(text: str) -> None:
    assert find_promises(text) == ()
