"""reply_feedback: meaning classes (describing the problem, blame, promises, defending, a concrete next step,
acknowledgement) and the text the student sees. The replies are written for these tests."""

from __future__ import annotations

import pytest

from cursuslib.language import reply_feedback

MESSAGE = "Mijn factuur klopt niet en ik krijg steeds een foutmelding als ik wil betalen. Belachelijk!"


def _texts_are_sound(messages: tuple[str, ...]) -> None:
    """One next step, last; no double label; no capital after its colon; no quote cut after a small word."""
    steps = [m for m in messages if m.startswith("Volgende stap")]
    assert len(steps) == 1 and messages[-1] == steps[0], messages
    assert "Tip:" not in steps[0]
    after = steps[0].split(":", 1)[1].strip()
    assert after[:1].islower() or after[:1] in "'\"", steps[0]
    for message in messages:
        for quoted in message.split("'")[1::2]:
            assert not quoted.endswith((" de", " het", " een", " uw", " en", " maar")), message


@pytest.mark.parametrize("reply", [
    "Wat vervelend dat de factuur niet klopt! Ik zoek vandaag uit waarom de betaalpagina een foutmelding geeft "
    "en bel u morgen om 10.00 uur.",
    "Ik snap dat u boos bent: u krijgt een foutmelding en de factuur klopt niet. Mijn collega van de administratie "
    "past de factuur vandaag aan en ik mail u voor 17.00 uur.",
    "Snap je ergernis! Ik kijk nu of de betaling niet dubbel is gegaan en app je om 15.00 uur.",
    "Balen, zeker als je wilt betalen. Klik in de mail op 'Betaling mislukt? Probeer opnieuw', dan lukt het "
    "direct; om 14.00 uur check ik of het gelukt is.",
])
def test_good_replies_are_ok(reply: str) -> None:
    result = reply_feedback(MESSAGE, reply)
    assert result.ok, result.messages
    _texts_are_sound(result.messages)


@pytest.mark.parametrize(("reply", "field"), [
    ("Ik begrijp dat u boos bent. Dit komt door onze betaalprovider, die maakt er een potje van. Ik mail u morgen.",
     "blame"),
    ("Ik begrijp dat u boos bent. Mijn collega van de administratie heeft de factuur verkeerd ingevoerd. Ik pas "
     "hem vandaag aan.", "blame"),
    ("Ik snap dat dit vervelend is, maar u had de factuur eerder moeten controleren. Ik pas hem vandaag aan.",
     "blame"),
    ("Wat balen! Ik pas de factuur vandaag aan, dat beloof ik, en het gaat nooit meer mis.", "promises"),
    ("Ik snap uw ergernis, maar het gaat maar om een klein bedrag. Ik pas het morgen aan.", "defensive"),
    ("Ik snap uw ergernis. Andere klanten hebben er geen last van. Ik pas het morgen aan.", "defensive"),
    ("Ik snap dat dit vervelend is. Helaas kan ik de factuur niet aanpassen.", "negative"),
])
def test_each_flaw_is_named(reply: str, field: str) -> None:
    result = reply_feedback(MESSAGE, reply)
    assert not result.ok
    assert getattr(result, field), (field, result)
    _texts_are_sound(result.messages)


def test_the_blame_message_names_the_other_party() -> None:
    result = reply_feedback(MESSAGE, "Wat vervelend. Dat ligt aan de hostingpartij. Ik bel u morgen om 9.00 uur.")
    assert not result.ok and "ligt aan de hostingpartij" in result.blame
    assert any("schuld bij een ander" in m for m in result.messages)


def test_a_colleague_who_will_act_is_a_next_step() -> None:
    result = reply_feedback(MESSAGE, "Wat vervelend! Mijn collega zet de factuur vandaag terug en belt u voor "
                                     "16.00 uur.")
    assert result.ok and not result.blame, result.messages


@pytest.mark.parametrize(("reply", "vague"), [
    ("Ik snap dat dit vervelend is. We gaan ernaar kijken.", "We gaan ernaar kijken"),
    ("Ik snap dat dit vervelend is. We doen ons best.", "We doen ons best"),
    ("Ik snap dat dit vervelend is. Ik noteer het even.", "Ik noteer het even"),
])
def test_a_vague_step_is_quoted_and_is_no_next_step(reply: str, vague: str) -> None:
    result = reply_feedback(MESSAGE, reply)
    assert not result.ok and not result.next_steps
    assert any(f"'{vague}' is nog vaag" in m for m in result.messages), result.messages


def test_a_day_without_an_action_is_no_next_step() -> None:
    result = reply_feedback(MESSAGE, "Wat een verschrikkelijke zaterdag was dat voor u. Ik snap dat u boos bent.")
    assert not result.ok and not result.next_steps


def test_who_and_what_is_a_next_step_without_a_moment() -> None:
    assert reply_feedback(MESSAGE, "Ik snap dat dit vervelend is. Ik stuur u de nieuwe factuur.").ok


@pytest.mark.parametrize("opening", ["Snap dat dit heel stressvol is.", "Wat een nare ochtend voor u!",
                                     "Heel zuur dat het weer misging!", "Begrijp uw zorgen helemaal."])
def test_naming_the_feeling_or_situation_acknowledges(opening: str) -> None:
    result = reply_feedback(MESSAGE, f"{opening} Ik pas de factuur vandaag aan en mail u om 15.00 uur.")
    assert result.acknowledged and result.ok, result.messages


def test_next_steps_are_quoted_as_whole_clauses() -> None:
    result = reply_feedback(MESSAGE, "Wat vervelend! Ik zoek het vandaag uit en bel u morgen om 10.00 uur.")
    assert result.next_steps == ("Ik zoek het vandaag uit", "bel u morgen om 10.00 uur")
