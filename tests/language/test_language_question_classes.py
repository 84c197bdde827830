"""question_kind on the classes of wording students really use: indirect questions, chat spellings, a question
word at the end, options after a question word, several questions, input that is no Dutch question, and the
texts the student reads (question word vs. phrase, idiomatic open forms, one next step)."""

from __future__ import annotations

import re

import pytest

from cursuslib.language import question_kind
from cursuslib.language.normalize import clean_text, tokenize
from cursuslib.language.questions import classify_tokens

NO_QUESTION = {"empty", "no_words", "too_short", "not_dutch"}


# --- 1. indirect questions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lead", "word"),
    [
        ("Ik ben benieuwd wat de klanten precies willen weten als ze bellen", "Ik ben benieuwd", "wat"),
        ("Ik wil graag weten wanneer de leerlingen het bericht nu meestal binnenkrijgen.", "Ik wil graag weten", "wanneer"),
        ("Ik vraag me af hoe u dat nu regelt.", "Ik vraag me af", "hoe"),
        ("Vertel eens wat er gisteren gebeurde.", "Vertel eens", "wat"),
        ("Wij zijn benieuwd welke functies u het belangrijkst vindt.", "Wij zijn benieuwd", "welke"),
        ("Ik zou graag willen weten hoeveel klanten er per dag bellen.", "Ik zou graag willen weten", "hoeveel"),
        ("ik zit me af te vragen hoe dat komt", "ik zit me af te vragen", "hoe"),
        ("Graag hoor ik wat u ervan vindt.", "Graag hoor ik", "wat"),
        ("Leg eens uit hoe het bestellen nu gaat.", "Leg eens uit", "hoe"),
        ("Laat me even weten wanneer het u uitkomt.", "Laat me even weten", "wanneer"),
        ("zeg maar wat je wil", "zeg maar", "wat"),
        ("Ik ben nieuwsgierig hoe jullie dat nu plannen.", "Ik ben nieuwsgierig", "hoe"),
        ("Ik hoop te horen wat u ervan vindt.", "Ik hoop te horen", "wat"),
    ],
)
def test_indirect_questions_are_open_invitations(text: str, lead: str, word: str) -> None:
    result = question_kind(text)
    assert (result.kind, result.rule) == ("open", "indirect")
    assert f"'{lead}'" in result.explanation and f"het vraagwoord '{word}'" in result.explanation
    assert "uit om te vertellen" in result.explanation
    assert result.words[0] == lead
    assert result.suggestion == ""


@pytest.mark.parametrize(
    "text", ["Ik ben benieuwd naar uw ervaringen met het oude systeem.", "Ik wil graag meer weten over de planning."]
)
def test_curiosity_about_a_topic_invites_too(text: str) -> None:
    result = question_kind(text)
    assert (result.kind, result.rule) == ("open", "indirect")
    assert "nodig je de klant uit om te vertellen" in result.explanation


@pytest.mark.parametrize("text", ["Ik wil graag weten of u tevreden bent.", "Ik ben benieuwd of de app al werkt."])
def test_indirect_whether_question_is_closed(text: str) -> None:
    result = question_kind(text)
    assert (result.kind, result.rule) == ("closed", "indirect_whether")
    assert "'of'" in result.explanation and "ja of nee" in result.explanation
    assert result.suggestion.startswith("vervang in je vraag 'of' door een vraagwoord")


@pytest.mark.parametrize("text", ["Ik weet niet wat u bedoelt.", "We weten hoe het werkt.", "Ik hoor wat u zegt.", "Ik ben benieuwd."])
def test_telling_what_you_know_is_no_indirect_question(text: str) -> None:
    assert question_kind(text).rule not in ("indirect", "indirect_whether")
    assert question_kind(text).kind == "closed"


# --- 2. chat spellings, typos and a question word at the end ----------------------------------


@pytest.mark.parametrize(
    ("text", "right"),
    [
        ("watvoor brood is op zaterdag als eerste op", "wat voor"),
        ("hoelaat stuur je dat bericht meestal in de groepsapp", "hoe laat"),
        ("hoevaak gebeurt dat", "hoe vaak"),
        ("wnr kan je langskomen", "wanneer"),
        ("wanner moet alles af zijn", "wanneer"),
        ("waneer kom je", "wanneer"),
    ],
)
def test_chat_spellings_and_typos_are_read_and_get_a_spelling_step(text: str, right: str) -> None:
    result = question_kind(text)
    assert (result.kind, result.rule) == ("open", "question_word")
    wrong = text.split()[0]
    assert result.suggestion == f"schrijf '{right}' in plaats van '{wrong}'; zo leest de klant je vraag makkelijker."


@pytest.mark.parametrize("text", ["wrm wil je dat", "hoezo werkt het niet", "hoelang duurt het laden"])
def test_more_chat_question_words_are_open(text: str) -> None:
    assert question_kind(text).kind == "open"


def test_chat_waarom_gets_the_softer_form() -> None:
    result = question_kind("wrm wil je dat")
    assert result.open_form == "Hoe komt het dat je dat wilt?"


@pytest.mark.parametrize("text", ["Hoeven we dat te doen?", "Daarom wil ik een nieuwe app.", "Daardoor loopt het mis?"])
def test_ordinary_words_are_no_typos_of_question_words(text: str) -> None:
    assert question_kind(text).kind == "closed"


@pytest.mark.parametrize("text", ["Zeg eens, hoe gaat het?", "Vertel eens, wat is er gebeurd?"])
def test_an_imperative_lead_in_before_the_question(text: str) -> None:
    result = question_kind(text)
    assert (result.kind, result.rule) == ("open", "question_word")
    assert "na '" in result.explanation


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("ok dus de deadline is wanneer precies", "wanneer"),
        ("en dat was wanneer?", "wanneer"),
        ("het kost hoeveel?", "hoeveel"),
        ("de levering komt wanneer dan", "wanneer"),
        ("dus je begint om hoe laat?", "hoe"),
        ("u wilt wat?", "wat"),
        ("en jullie zitten waar precies?", "waar"),
        ("dus dat kost hoeveel ongeveer", "hoeveel"),
    ],
)
def test_a_question_word_at_the_end_carries_the_question(text: str, word: str) -> None:
    result = question_kind(text)
    assert (result.kind, result.rule) == ("open", "question_word")
    assert f"het vraagwoord '{word}' staat aan het eind" in result.explanation


@pytest.mark.parametrize("text", ["ik heb nog wat", "dat is waar", "dat is waar?", "Ik weet niet wanneer", "ik snap niet waarom"])
def test_a_question_word_at_the_end_of_a_statement_does_not_count(text: str) -> None:
    assert question_kind(text).kind == "closed"


# --- 3. options after a question word -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "options", "open_form"),
    [
        ("Welke van de twee, A of B?", "A of B", "Welke van de twee?"),
        ("Welke kleur wilt u, blauw of rood?", "blauw of rood", "Welke kleur wilt u?"),
        ("Welke van de twee kost jullie het meest, de tijd of de benzine?", "de tijd of de benzine",
         "Welke van de twee kost jullie het meest?"),
        ("Wat wilt u: ophalen of laten bezorgen?", "ophalen of laten bezorgen", "Wat wilt u?"),
        ("Hoe wilt u betalen? Met pin of contant?", "Met pin of contant", "Hoe wilt u betalen?"),
    ],
)
def test_options_after_a_question_word_make_it_a_choice_and_the_open_form_drops_them(text: str, options: str,
                                                                                       open_form: str) -> None:
    """The customer can answer by picking one of the options, so it is closed (taaldata rule)."""
    result = question_kind(text)
    assert (result.kind, result.rule) == ("closed", "either_or")
    assert f"je geeft de keuzes al ('{options}')" in result.explanation
    assert result.open_form == open_form and "laat de keuzes weg" in result.suggestion
    assert len(result.parts) == 1


def test_either_or_without_a_question_word_stays_closed() -> None:
    assert question_kind("Wilt u een app of een website?").rule == "either_or"


@pytest.mark.parametrize("text", ["wat", "Waarom?", "Hoezo?"])
def test_a_lone_question_word_is_open_in_form_but_gets_a_request(text: str) -> None:
    """'Hoezo?' is an open question by the taaldata rule, but one word is too short to praise."""
    result = question_kind(text)
    assert (result.kind, result.rule) == ("open", "too_short") and result.rule in NO_QUESTION
    assert "nog geen hele vraag" in result.explanation and "Schrijf een hele vraag" in result.suggestion


# --- 4. several questions -------------------------------------------------------------------


def test_each_question_is_judged_and_one_closed_question_closes_the_whole() -> None:
    result = question_kind("Wat is er gebeurd? Heeft u de bon nog?")
    assert result.kind == "closed" and result.rule == "verb_first"
    assert [p.kind for p in result.parts] == ["open", "closed"]
    assert [p.rule for p in result.parts] == ["question_word", "verb_first"]
    assert result.explanation == (
        "Je stelt 2 vragen. Vraag 1 is open door het vraagwoord 'wat'. "
        "Vraag 2 is gesloten door het werkwoord 'Heeft' aan het begin. "
        "Het geheel telt als gesloten, want op een gesloten vraag kan de klant met ja of nee antwoorden."
    )
    assert result.suggestion == "maak vraag 2 open, bijvoorbeeld zo: 'Hoe zit het met de bon?'"
    assert result.words == ("Wat", "Heeft")
    start, end = result.parts[1].question
    assert result.text[start:end] == "Heeft u de bon nog"


def test_suggestion_targets_the_first_closed_question() -> None:
    result = question_kind("Is het kapot? Werkt de printer via wifi? Wat ziet u op het scherm?")
    assert [p.kind for p in result.parts] == ["closed", "closed", "open"]
    assert result.suggestion.startswith("maak vraag 1 open")


def test_all_open_questions_are_open_with_one_question_at_a_time_as_next_step() -> None:
    result = question_kind("Wat is er gebeurd? En wanneer begon het?")
    assert result.kind == "open" and len(result.parts) == 2
    assert result.explanation.endswith("Alle vragen zijn open.")
    assert result.suggestion == "stel één vraag tegelijk; dan kan de klant op elke vraag rustig antwoorden."


def test_waarom_tip_of_a_later_question_names_it() -> None:
    result = question_kind("Hoe lang speelt dit al? Waarom heeft u niet eerder gebeld?")
    assert result.kind == "open"
    assert result.suggestion.startswith("maak vraag 2 zachter, want 'waarom' kan als een verwijt klinken")


@pytest.mark.parametrize(
    "text",
    [
        "Ik begrijp het. Wat is er gebeurd?",
        "Neem gerust de tijd. Wat is er gebeurd?",
        "Wat fijn dat u belt. Waarmee kan ik u helpen?",
        "en toen? wat deed je toen",
        "Wat is er gebeurd? Ik wil het graag weten.",
    ],
)
def test_remarks_and_fragments_are_no_separate_questions(text: str) -> None:
    result = question_kind(text)
    assert result.kind == "open" and len(result.parts) == 1
    assert not result.explanation.startswith("Je stelt")


def test_a_question_ended_with_a_full_stop_still_counts() -> None:
    result = question_kind("Wat is uw klantnummer. Heeft u de mail gekregen.")
    assert [p.kind for p in result.parts] == ["open", "closed"]


def test_many_questions_are_summed_up_briefly() -> None:
    text = "Is het kapot? Werkt het nog? Wat ziet u? Hoe oud is het? Wie gebruikt het? Wanneer kocht u het?"
    result = question_kind(text)
    assert len(result.parts) == 6
    assert "Vraag 5 is open" in result.explanation and "Vraag 6" not in result.explanation
    assert "Daarna volgt nog één vraag." in result.explanation


# --- 5. input that is no Dutch question -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("<p></p>", "empty"),
        ("👍", "no_words"),
        ("🙂🙂 !!!", "no_words"),
        ("???", "no_words"),
        ("123", "no_words"),
        ("ok", "too_short"),
        ("What is your budget for the app?", "not_dutch"),
        ("Can you tell me more about the problem?", "not_dutch"),
        ("how are you", "not_dutch"),
    ],
)
def test_input_that_is_no_dutch_question_gets_a_request(text: str, rule: str) -> None:
    """No verdict (kind 'closed', never praised), but a request for a whole Dutch question."""
    result = question_kind(text)
    assert (result.kind, result.rule) == ("closed", rule)
    assert rule in NO_QUESTION
    assert result.parts == ()
    assert "Open" not in result.explanation and "open vraag:" not in result.explanation.lower()
    assert result.suggestion[:1].isupper()  # shown on its own, not after "Volgende stap:"


def test_a_lone_question_word_is_not_praised() -> None:
    result = question_kind("wat")
    assert result.explanation == (
        "Je schreef alleen 'wat'. Dat is nog geen hele vraag, dus de feedback kan nog niet zeggen of hij open of gesloten is."
    )
    assert result.suggestion.startswith("Schrijf een hele vraag die met 'wat' begint")


def test_english_gets_the_request_to_write_dutch() -> None:
    result = question_kind("What is your budget for the app?")
    assert result.suggestion.startswith("Schrijf je vraag in het Nederlands")
    assert "'What'" in result.explanation


@pytest.mark.parametrize(
    "text",
    ["Wat is the deadline voor de app?", "Hoe werkt de login van your account?", "Hoe gaat het met de backend and the frontend?"],
)
def test_a_dutch_question_with_english_it_words_stays_dutch(text: str) -> None:
    assert question_kind(text).kind == "open"


def test_a_statement_keeps_its_rule() -> None:
    result = question_kind("dus u wilt een nieuwe app")
    assert (result.kind, result.rule) == ("closed", "statement")


# --- 7. texts -------------------------------------------------------------------------------


def test_a_phrase_is_never_called_a_question_word() -> None:
    result = question_kind("Hoeveel telefoontjes krijgt u per dag?")
    assert "het vraagwoord 'hoeveel'" in result.explanation
    assert "vraagwoord 'hoeveel telefoontjes'" not in result.explanation
    assert "'hoeveel telefoontjes'" in result.explanation
    wrapped = question_kind("Kunt u vertellen hoeveel telefoontjes u per dag krijgt?")
    assert "het vraagwoord 'hoeveel'" in wrapped.explanation


@pytest.mark.parametrize(
    ("text", "open_form"),
    [
        ("Heeft u al een website?", "Wat voor website heeft u?"),
        ("Heeft u een sms gekregen?", "Wat voor sms heeft u gekregen?"),
        ("Kunt u uw ordernummer even noemen?", "Wat is uw ordernummer?"),
        ("Weet u uw klantnummer?", "Wat is uw klantnummer?"),
        ("Komt de foutmelding elke keer terug?", "Hoe vaak komt de foutmelding terug?"),
        ("Kunt u morgen langskomen?", "Wanneer kunt u langskomen?"),
        ("Dus de printer doet het sinds gisteren niet meer?", "Sinds wanneer doet de printer het niet meer?"),
        ("Het gaat om ongeveer vijftig gebruikers, toch?", "Om hoeveel gebruikers gaat het?"),
        ("Heeft u nog iets nodig?", "Wat heeft u nodig?"),
        ("Lukt het inloggen nu wel?", "Hoe gaat het inloggen nu?"),
        ("Werken jullie nu nog met papieren formulieren?", "Hoe werken jullie nu met papieren formulieren?"),
        ("Komt u uit Utrecht?", "Waar komt u vandaan?"),
        ("U belt over uw factuur?", "Waarover belt u?"),
        ("Bedoelt u de factuur van maart?", "Welke factuur bedoelt u?"),
        ("Duurt het lang?", "Hoe lang duurt het?"),
        ("Was het leuk op het festival?", "Hoe was het op het festival?"),
        ("Uw pakket is nog steeds niet aangekomen?", "Wat is er aan de hand met uw pakket?"),
        ("U heeft de bevestigingsmail ontvangen?", "Hoe zit het met de bevestigingsmail?"),
        ("Wordt het systeem alleen op kantoor gebruikt of ook thuis?", "Waar wordt het systeem gebruikt?"),
    ],
)
def test_open_forms_are_idiomatic_and_built_from_verb_and_object(text: str, open_form: str) -> None:
    result = question_kind(text)
    assert result.kind == "closed"
    assert result.open_form == open_form
    assert result.suggestion == f"maak je vraag open, bijvoorbeeld zo: '{open_form}'"


@pytest.mark.parametrize(
    "text", ["Heeft u de sms ontvangen?", "Heeft u uw kassabon nog?", "Mag de website ook in het Engels?", "Krijgt u de sms niet?"]
)
def test_no_wat_kunt_u_mij_vertellen(text: str) -> None:
    result = question_kind(text)
    assert "vertellen over" not in result.suggestion and "vertellen over" not in result.open_form


@pytest.mark.parametrize(
    "text",
    ["Kunt u de foto opsturen?", "Begrijp ik goed dat klanten zelf hun gegevens aanpassen?", "Is het rood of blauw?"],
)
def test_without_a_natural_open_form_the_generic_step_is_given(text: str) -> None:
    result = question_kind(text)
    assert result.open_form == ""
    assert result.suggestion.startswith("maak je vraag open door te beginnen met een vraagwoord")


_TEXTS = [
    "Heeft u al een website?",
    "Wat is er gebeurd? Heeft u de bon nog?",
    "Waarom wilt u het huidige systeem vervangen?",
    "Kunt u vertellen wat er precies misging bij het bestellen?",
    "Het gaat om vijftig gebruikers, toch?",
    "Wilt u een app of een website?",
    "U heeft de mail ontvangen?",
    "Ik wil graag weten of u tevreden bent.",
    "hoelaat stuur je dat bericht",
    "Welke kleur wilt u, blauw of rood?",
    "Ik ben benieuwd wat u nu doet.",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_texts_have_one_next_step_without_a_second_label_or_a_capital_after_a_colon(text: str) -> None:
    result = question_kind(text)
    for part in (result.explanation, result.suggestion):
        assert not re.search(r": [A-Z]", part), part
    if result.suggestion:
        assert result.suggestion[0].islower()  # the widget puts "Volgende stap:" before it
        for label in ("Volgende stap", "Tip:", "Open vorm:"):
            assert label not in result.suggestion
    assert "Volgende stap" not in result.explanation


def test_polite_wrapper_stays_closed_and_shows_the_stronger_open_form() -> None:
    result = question_kind("Kunt u vertellen wat er precies misging bij het bestellen?")
    assert (result.kind, result.rule) == ("closed", "polite_wrapper")
    assert result.explanation == (
        "Formeel gesloten: op 'Kunt u vertellen' kan de klant ja of nee zeggen. "
        "Door het vraagwoord 'wat' werkt de vraag wel als uitnodiging om te vertellen."
    )
    assert result.suggestion == (
        "stel je vraag direct, zonder 'Kunt u vertellen' ervoor, want dan kan de klant niet alleen 'ja' zeggen: "
        "'Wat ging er precies mis bij het bestellen?'"
    )


# --- input limit and the shared entry point --------------------------------------------------


def test_long_input_is_cut_and_says_so_first() -> None:
    result = question_kind("Wat is er gebeurd? " * 6000)
    assert result.explanation.startswith("Je tekst is erg lang: de feedback kijkt naar de eerste 5.000 tekens.")
    assert len(result.text) == 5000


def test_classify_tokens_keeps_its_signature_for_the_lsd_helpers() -> None:
    text = "Ik ben benieuwd wat u nu doet."
    clean = clean_text(text)
    result = classify_tokens(text, clean, tokenize(clean))
    assert result == question_kind(text)
    cut = classify_tokens(text, clean, tokenize(clean), was_cut=True)
    assert cut.explanation.startswith("Je tekst is erg lang")
