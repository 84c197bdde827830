"""rewrite_feedback: meaning classes (length does not decide, describing negations, quoted labels, instructions,
promises, blame, topic) and whole-clause quotes. The rewrites are written for these tests."""

from __future__ import annotations

import pytest

from cursuslib.language import rewrite_feedback

BROKEN = "De koffieautomaat is kapot."


def _sound(messages: tuple[str, ...]) -> None:
    steps = [m for m in messages if m.startswith("Volgende stap")]
    assert len(steps) == 1 and messages[-1] == steps[0], messages
    assert "Tip:" not in steps[0]
    after = steps[0].split(":", 1)[1].strip()
    assert after[:1].islower() or after[:1] in "'\"", steps[0]


@pytest.mark.parametrize(("original", "rewrite"), [
    (BROKEN, "Ik bel u morgen."),  # short and good
    (BROKEN, "Vanaf morgen kunt u weer koffie tappen."),  # 'koffie' is the first part of 'koffieautomaat'
    (BROKEN, "Morgen om 9.00 uur staat er een nieuwe koffieautomaat voor u klaar."),
    (BROKEN, "Ik zoek vandaag uit waarom de koffieautomaat niet werkt en bel u om 15.00 uur."),
    ("Uw wachtwoord is verlopen.", "Via 'Wachtwoord vergeten' kiest u direct een nieuw wachtwoord."),
    ("De export naar Excel werkt niet.", "Sla het bestand op als CSV en open het in Excel."),
    ("De update is mislukt.", "De update start vanavond om 20.00 uur opnieuw."),
    ("De demo is nog niet klaar.", "U kunt de testversie alvast proberen; vrijdag staat de demo klaar."),
    ("De monteur kan pas volgende week komen.", "Maandag om 9.00 uur staan we voor u klaar."),  # no subject of its own
])
def test_improved_rewrites(original: str, rewrite: str) -> None:
    result = rewrite_feedback(original, rewrite)
    assert result.improved, result.messages
    _sound(result.messages)


@pytest.mark.parametrize(("rewrite", "check"), [
    ("De monteur repareert de koffieautomaat morgen gegarandeerd, dat beloof ik.", "promises"),
    ("De monteur komt morgen, want de vorige monteur heeft er een zooitje van gemaakt.", "remaining"),
    ("Onze koffieautomaat is op dit moment helaas nog steeds kapot en we weten eigenlijk ook nog niet wanneer de "
     "monteur langskomt om hem te repareren.", "remaining"),  # long and still negative
    ("Wist u dat onze nieuwe winterjassen nu in de aanbieding zijn?", "off_topic"),
])
def test_not_improved_rewrites(rewrite: str, check: str) -> None:
    result = rewrite_feedback(BROKEN, rewrite)
    assert not result.improved, result.messages
    if check == "off_topic":
        assert not result.on_topic and any("'koffieautomaat'" in m for m in result.messages)
    else:
        assert getattr(result, check), result
    _sound(result.messages)


def test_a_promise_is_explained_with_an_honest_alternative() -> None:
    result = rewrite_feedback("Ik kan u vandaag niet terugbellen.", "Ik bel u vandaag nog, wat er ook gebeurt, beloofd.")
    assert not result.improved and "beloofd" in result.promises
    assert any("niet zeker weet" in m for m in result.messages)
    assert "wanneer je laat weten" in result.messages[-1]


def test_long_quotes_are_cut_at_a_word_with_dots() -> None:
    result = rewrite_feedback("We hebben uw mail niet ontvangen.",
                              "Ik stuur u vandaag via de chat een link waarmee u uw mail met alle bijlagen opnieuw kunt "
                              "uploaden.")
    quoted = [q for m in result.messages for q in m.split("'")[1::2]]
    assert quoted and all(not q.endswith((" de", " het", " een", " uw", " met", " via")) for q in quoted), quoted


def test_removed_words_are_named_once() -> None:
    result = rewrite_feedback("De demo-omgeving is nog niet klaar, u kunt nog niet testen.",
                              "Vrijdag kunt u in de demo-omgeving testen.")
    assert result.improved
    assert "'niet' en 'niet'" not in result.messages[0]


def _rows(name: str) -> list[dict[str, str]]:
    import csv
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "data" / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_every_text_on_the_labelled_sets_is_sound() -> None:
    """Whatever the verdict: one next step, last; no 'Volgende stap: Tip:'; no capital after its colon; quotes
    never end on a small word (a clause cut in the middle)."""
    from cursuslib.language import reply_feedback

    messages = {row["id"]: row["message"] for row in _rows("angry_messages")}
    results = [rewrite_feedback(r["original"], r["rewrite"]) for r in _rows("rewrites")]
    results += [reply_feedback(messages[r["message_id"]], r["reply"]) for r in _rows("replies")]  # type: ignore[misc]
    for result in results:
        _sound(result.messages)
        for message in result.messages:
            for quoted in message.split("'")[1::2]:
                if len(quoted.split()) > 3:  # a quoted clause, not a matched phrase such as 'Sorry, maar'
                    assert not quoted.endswith((" de", " het", " een", " uw", " en", " maar", " van")), message
