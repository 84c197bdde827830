"""Open or closed: one test group per rule family of question_kind."""

from __future__ import annotations

import pytest

from cursuslib.language import QuestionResult, question_kind


def _kind(text: str) -> str:
    return question_kind(text).kind


@pytest.mark.parametrize(
    "text",
    [
        "Wat is uw klantnummer?",
        "Wie gebruikt de app straks?",
        "Waar heeft u de printer gekocht?",
        "Wanneer is het misgegaan?",
        "Hoe werkt het nu?",
        "Welke kleur wilt u?",
        "Hoeveel gebruikers verwacht u?",
        "Hoezo is dat belangrijk?",
        "Wat voor website zoekt u?",
        "In hoeverre helpt dit u?",
        "Op welke manier bestellen uw klanten?",
        "Hoe lang duurt het laden?",
        "Hoe vaak gebeurt dat?",
        "Waarmee werkt u nu?",
        "Waardoor komt dat?",
        "Waarover gaat uw vraag?",
        "Waarvoor gebruikt u de lijst?",
        "Waarin verschilt dit model?",
    ],
)
def test_question_words_make_open_questions(text: str) -> None:
    result = question_kind(text)
    assert result.kind == "open"
    assert result.rule == "question_word"
    # the highlighted words are the question word(s) at the start
    assert result.words and text.lower().startswith(result.words[0].lower())


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Sinds wanneer heeft u last van de storing?", "Sinds wanneer"),
        ("Met wie heeft u gesproken?", "Met wie"),
        ("Tot wanneer is de actie geldig?", "Tot wanneer"),
        ("Voor wie is het cadeau?", "Voor wie"),
        ("Tot hoe laat bent u bereikbaar?", "Tot hoe laat"),
        ("Naar welke afdeling wilt u?", "Naar welke afdeling"),
    ],
)
def test_preposition_before_question_word_stays_open(text: str, words: str) -> None:
    result = question_kind(text)
    assert result.kind == "open"
    assert result.words == (words,)
    assert result.spans == ((0, len(words)),)


@pytest.mark.parametrize(
    "text",
    [
        "Oké, en wat gebeurde er daarna?",
        "En hoe ging dat?",
        "Dus waarom wilt u overstappen?",
        "Goed, welke functies zijn het belangrijkst?",
        "nou en waar was dat",
        "Uhm, wie gaat dat beheren?",
        "Meneer Jansen, welke browser gebruikt u?",
        "Als het systeem uitvalt, wat doen jullie dan?",
    ],
)
def test_lead_ins_and_fronted_clauses_do_not_hide_the_question_word(text: str) -> None:
    result = question_kind(text)
    assert result.kind == "open"
    assert "vraagwoord" in result.explanation


@pytest.mark.parametrize(
    "text",
    ["wat wil je precies met de app", "wanner moet alles af zijn", "hoevel gebruikers verwacht je", "WAAROM WIL JE DAT"],
)
def test_messy_open_questions_without_capitals_question_mark_or_spelling(text: str) -> None:
    assert _kind(text) == "open"


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("Heeft u al een website?", "Heeft"),
        ("Bent u tevreden?", "Bent"),
        ("Kun je morgen?", "Kun"),
        ("Regende het erg?", "Regende"),
        ("Gebruiken uw medewerkers een tablet?", "Gebruiken"),
        ("heb je al een logo", "heb"),
        ("En is het pakket aangekomen?", "is"),
    ],
)
def test_verb_first_questions_are_closed(text: str, verb: str) -> None:
    result = question_kind(text)
    assert result.kind == "closed"
    assert result.rule == "verb_first"
    assert result.words == (verb,)
    assert f"'{verb}'" in result.explanation
    assert result.suggestion  # always a hint how to open it up


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Het gaat om vijftig gebruikers, toch?", "toch"),
        ("Jullie willen ook pushmeldingen, hè?", "hè"),
        ("Dat moet voor de zomer klaar zijn, of niet?", "of niet"),
        ("jullie hebben al een server toch", "toch"),
        ("Het is een storing bij de provider, klopt dat?", "klopt dat"),
    ],
)
def test_tag_questions_are_closed(text: str, tag: str) -> None:
    result = question_kind(text)
    assert result.kind == "closed"
    assert result.rule == "tag"
    assert result.words == (tag,)


def test_modal_toch_inside_an_open_question_is_no_tag() -> None:
    assert _kind("Hoe gaat het nu toch?") == "open"


@pytest.mark.parametrize(
    ("text", "open_form"),
    [
        ("Wilt u een app of een website?", "Wat wilt u?"),
        ("Ging je met de trein of met de auto?", "Waarmee ging je?"),
        ("Werkt de printer via wifi of via een kabel?", "Hoe werkt de printer?"),
    ],
)
def test_either_or_questions_are_closed_and_get_an_open_form(text: str, open_form: str) -> None:
    result = question_kind(text)
    assert result.kind == "closed"
    assert result.rule == "either_or"
    assert "of" in result.words
    assert result.open_form == open_form
    assert open_form in result.suggestion


def test_options_after_a_question_word_make_it_a_choice() -> None:
    result = question_kind("Welke kleur wilt u, rood of blauw?")
    assert result.kind == "closed"
    assert result.rule == "either_or"


def test_whether_clause_is_no_either_or() -> None:
    result = question_kind("Kunt u kijken of het lampje brandt?")
    assert result.kind == "closed"
    assert result.rule == "verb_first"


@pytest.mark.parametrize(
    ("text", "open_form"),
    [
        ("Kunt u vertellen wat er precies misging bij het bestellen?", "Wat ging er precies mis bij het bestellen?"),
        ("Weet u waarom de betaling niet is gelukt?", "Waarom is de betaling niet gelukt?"),
        ("Kun je vertellen wat je dit weekend hebt gedaan?", "Wat heb je dit weekend gedaan?"),
        ("Kunt u uitleggen hoe het huidige systeem werkt?", "Hoe werkt het huidige systeem?"),
        ("Wilt u toelichten op welke manier u de app wilt gebruiken?", "Op welke manier wilt u de app gebruiken?"),
    ],
)
def test_polite_wrappers_are_closed_invitations_with_a_stronger_open_form(text: str, open_form: str) -> None:
    result = question_kind(text)
    assert result.kind == "closed"
    assert result.rule == "polite_wrapper"
    assert "uitnodiging" in result.explanation
    assert result.open_form == open_form
    assert open_form in result.suggestion
    assert len(result.spans) == 2  # the wrapper and the question word are both highlighted


@pytest.mark.parametrize(
    "text",
    ["U heeft de mail ontvangen?", "Dus u wilt een nieuwe app?", "De app is alleen voor intern gebruik?"],
)
def test_statements_with_a_question_mark_are_closed(text: str) -> None:
    result = question_kind(text)
    assert result.kind == "closed"
    assert result.rule == "statement"
    assert "mededeling" in result.explanation


def test_statement_without_question_mark_is_closed_too() -> None:
    result = question_kind("dus u wilt een nieuwe app")
    assert result.kind == "closed"
    assert "vraagwoord" in result.explanation


@pytest.mark.parametrize(
    ("text", "kind", "judged"),
    [
        ("Ik begrijp het. Wat is er gebeurd?", "open", "Wat is er gebeurd?"),
        ("Wat vervelend. Heeft u de bon nog?", "closed", "Heeft u de bon nog?"),
        ("Wat is er gebeurd? Ik wil het graag weten.", "open", "Wat is er gebeurd?"),
        ("en toen? wat deed je toen", "open", "wat deed je toen"),
    ],
)
def test_several_sentences_judge_the_question_sentence(text: str, kind: str, judged: str) -> None:
    result = question_kind(text)
    assert result.kind == kind
    start, end = result.question
    assert text[start:end].rstrip("?") == judged.rstrip("?")


def test_exclamation_lead_in_is_not_a_question_word() -> None:
    assert _kind("Wat leuk, ga je er weer heen?") == "closed"
    assert _kind("Wat fijn dat u belt. Waarmee kan ik u helpen?") == "open"


def test_waarom_stays_open_but_gets_a_softer_tip() -> None:
    result = question_kind("Waarom wilt u het huidige systeem vervangen?")
    assert result.kind == "open"
    assert "verwijt" in result.suggestion
    assert result.open_form == "Hoe komt het dat u het huidige systeem wilt vervangen?"


def test_open_question_without_waarom_has_no_suggestion() -> None:
    assert question_kind("Wat heeft u al geprobeerd?").suggestion == ""


def test_imperative_invitation_counts_as_open() -> None:
    assert _kind("Vertel eens wat er gebeurde.") == "open"


def test_spans_point_at_the_deciding_words_in_the_original_text() -> None:
    text = "Oké, en hoe lang werkt u al met dit programma?"
    result = question_kind(text)
    assert result.words == ("hoe lang",)
    (start, end), = result.spans
    assert text[start:end] == "hoe lang"


def test_html_is_ignored_but_offsets_stay_valid() -> None:
    text = "<p>Oké, <b>wat</b> is er gebeurd?</p>"
    result = question_kind(text)
    assert result.kind == "open"
    assert result.words == ("wat",)


def test_empty_input_explains_what_to_write() -> None:
    result = question_kind("")
    assert isinstance(result, QuestionResult)
    assert result.kind == "closed"
    assert result.rule == "empty"
    assert result.explanation == "Er staat nog geen vraag."
    assert "vraagwoord" in result.suggestion


def test_result_is_frozen() -> None:
    result = question_kind("Wat is er?")
    with pytest.raises(AttributeError):
        result.kind = "closed"  # type: ignore[misc]
