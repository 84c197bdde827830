"""LSD: what a summary or follow-up question MEANS (mirrored obligations, feelings, opposites, parroting,
the core, judging, relevance by form, invitations, advice as a question, vague words for the next step).

The stories and answers here are written for these tests; they are not taken from tests/data.
"""

from __future__ import annotations

import pytest

from cursuslib.language import followup_feedback, summary_feedback
from cursuslib.language.normalize import MAX_INPUT

OPTICIAN = ("Klanten vergeten vaak hun bril op te halen. Die liggen dan maanden in de la en ik moet ze allemaal "
            "nabellen. Dat kost me elke week een hele middag.")
POOL = ("Ons zwembad verkoopt kaartjes alleen aan de kassa. Op zonnige dagen staat de rij tot buiten en sommige "
        "gezinnen gaan dan maar weer naar huis.")
RECEPTION = ("Gasten klagen dat ze 's avonds niet weten waar ze kunnen eten. De receptie krijgt steeds dezelfde vraag "
             "en heeft daardoor geen tijd voor het inchecken.")
DAYCARE = ("Ouders geven wijzigingen in de ophaaltijd door via de telefoon, een briefje of even bij de deur. Mijn "
           "collega's weten dan vaak niet wie een kind komt halen. Ik wil gewoon één plek waar dat staat.")
GARAGE = ("Klanten geven vaak niet goed door hoeveel spullen ze hebben. Op de dag zelf blijkt de vrachtwagen dan te "
          "klein en moeten we twee keer rijden.")
PRINTER = "Mijn printer doet het al drie dagen niet en ik moet morgen mijn verslag inleveren."


def _one_next_step_last(messages: tuple[str, ...]) -> None:
    assert messages[-1].startswith("Volgende stap: ")
    assert sum(m.count("Volgende stap:") for m in messages) == 1
    assert "Volgende stap: Tip" not in messages[-1]


# --- summaries ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "summary",
    [
        "Dus u moet klanten steeds nabellen om hun bril op te halen, en dat kost u elke week een middag. Klopt dat?",
        "Als ik u goed begrijp moet u iedereen apart bellen die zijn bril laat liggen, heb ik dat goed?",
    ],
)
def test_mirrored_obligation_is_no_advice(summary: str) -> None:
    result = summary_feedback(OPTICIAN, summary)
    assert result.ok, result.messages
    assert result.advice == ()
    _one_next_step_last(result.messages)


@pytest.mark.parametrize(
    "summary",
    [
        "Dus u moet klanten een sms sturen zodra de bril klaar is, toch?",
        "Dan kunt u het beste een ophaaldag per week afspreken, klopt dat?",
        "Dus u wilt een app waarmee klanten zien dat hun bril klaar ligt?",
    ],
)
def test_a_solution_the_customer_did_not_bring_up_is_advice(summary: str) -> None:
    result = summary_feedback(OPTICIAN, summary)
    assert not result.ok
    assert result.reason == "advice"
    assert result.phrase and f"'{result.phrase}'" in result.messages[-2]
    _one_next_step_last(result.messages)


SHOP = ("Mijn medewerkers zoeken elke ochtend een uur naar de bestellingen van de webshop. Ik wil gewoon dat alles "
        "om negen uur ingepakt klaarstaat.")


def test_what_someone_else_must_do_describes_the_need_unless_it_brings_a_new_solution() -> None:
    described = summary_feedback(SHOP, "Als ik u goed begrijp, moeten uw medewerkers elke ochtend om negen uur "
                                       "klaar zijn met inpakken. Klopt dat?")
    solution = summary_feedback(SHOP, "Dus uw medewerkers moeten een scanner gebruiken, klopt dat?")
    assert described.reason != "advice" and described.advice == ()
    assert solution.reason == "advice" and "uw medewerkers moeten" in solution.messages[-1]


def test_naming_the_feeling_counts_when_the_content_is_there() -> None:
    result = summary_feedback(OPTICIAN, "Ik hoor dat u er flink van baalt dat u elke week een middag kwijt bent aan "
                                        "het nabellen van klanten die hun bril laten liggen. Klopt dat?")
    assert result.ok, result.messages
    assert "'baalt'" in result.messages[0] and "gevoel" in result.messages[0]
    zat = summary_feedback(RECEPTION, "u bent het zat dat de receptie door al die vragen over eten niet aan het "
                                      "inchecken toekomt, toch?")
    assert zat.ok, zat.messages


@pytest.mark.parametrize(
    ("story", "summary", "theirs"),
    [
        (OPTICIAN, "Dus de meeste klanten halen hun bril meteen op, klopt dat?", ""),
        (OPTICIAN, "Dus klanten vergeten hun bril bijna nooit, klopt dat?", "vaak"),
        (POOL, "Dus op zonnige dagen is het eigenlijk rustig bij de kassa, klopt dat?", ""),
        (RECEPTION, "Dus de receptie heeft juist veel tijd over, klopt dat?", "geen tijd"),
        (DAYCARE, "Dus uw collega's weten altijd precies wie een kind komt halen, klopt dat?", "weten dan vaak niet"),
        (GARAGE, "Dus de vrachtwagen is meestal te groot voor de spullen, toch?", "klein"),
    ],
)
def test_the_opposite_of_what_the_customer_said_is_caught(story: str, summary: str, theirs: str) -> None:
    result = summary_feedback(story, summary)
    assert not result.ok
    assert result.reason == "wrong_or_opposite", result.messages
    assert theirs in result.messages[-2]
    _one_next_step_last(result.messages)


def test_copying_the_customer_word_for_word_is_parroting() -> None:
    result = summary_feedback(POOL, "Dus op zonnige dagen staat de rij tot buiten en sommige gezinnen gaan dan maar "
                                    "weer naar huis, klopt dat?")
    assert not result.ok and result.reason == "parroting"
    assert "eigen woorden" in result.messages[-1]
    # pronouns and verb endings shifted (ik moet -> u moet) are still a copy
    shifted = summary_feedback(OPTICIAN, "Klanten vergeten vaak hun bril op te halen en die liggen dan maanden in de la "
                                         "en u moet ze allemaal nabellen, klopt dat?")
    assert shifted.reason == "parroting"


def test_own_words_are_no_parroting() -> None:
    result = summary_feedback(POOL, "Hoor ik u zeggen dat de rij bij de kassa op mooie dagen zo lang is dat gezinnen "
                                    "weer weggaan?")
    assert result.ok, result.messages


@pytest.mark.parametrize(
    ("story", "summary"),
    [
        (POOL, "Dus jullie hebben een kassa bij de ingang, klopt dat?"),
        (OPTICIAN, "Dus de brillen liggen in een la, klopt dat?"),
        (DAYCARE, "Ik hoor dat het u echt dwarszit, klopt dat?"),
    ],
)
def test_a_side_detail_misses_the_core(story: str, summary: str) -> None:
    result = summary_feedback(story, summary)
    assert not result.ok
    assert result.reason == "missing_core", result.messages
    _one_next_step_last(result.messages)


def test_the_customer_wish_is_the_core() -> None:
    result = summary_feedback(DAYCARE, "Ik hoor dat het u echt dwarszit, klopt dat?")
    assert "Ik wil gewoon één plek waar dat staat" in result.messages[-2]
    good = summary_feedback(DAYCARE, "Dus u wilt één overzicht van wie een kind komt halen, omdat de berichten nu "
                                     "overal vandaan komen, toch?")
    assert good.ok, good.messages


@pytest.mark.parametrize(
    "summary",
    [
        "Dus u maakt gewoon geen goede afspraken met uw klanten, toch?",
        "Dat is best onhandig van u, klopt dat?",
        "Dus u heeft het zelf verkeerd gedaan, toch?",
        "Dus u bent eigenlijk nogal slordig met die brillen, klopt dat?",
    ],
)
def test_judging_the_customer_is_named(summary: str) -> None:
    result = summary_feedback(OPTICIAN, summary)
    assert not result.ok
    assert result.reason == "judging"
    assert "oordeel" in result.messages[-2]
    _one_next_step_last(result.messages)


def test_a_difficulty_of_the_customer_is_no_verdict() -> None:
    result = summary_feedback(GARAGE, "Als ik u goed begrijp weet u vaak niet goed hoeveel spullen er zijn, waardoor de "
                                      "wagen te klein is en u twee keer moet rijden. Klopt dat?")
    assert result.ok, result.messages


def test_a_question_form_counts_as_check_and_a_statement_does_not() -> None:
    question = summary_feedback(POOL, "Dus omdat kaartjes alleen aan de kassa te koop zijn, lopen jullie op drukke "
                                      "dagen bezoekers mis?")
    assert question.ok, question.messages
    statement = summary_feedback(POOL, "Omdat kaartjes alleen aan de kassa te koop zijn, lopen jullie op drukke dagen "
                                       "bezoekers mis.")
    assert not statement.ok and statement.reason == "no_check"
    assert "Klopt dat?" in statement.messages[-1]


def test_another_subject_is_off_topic() -> None:
    result = summary_feedback(POOL, "Samengevat wilt u het vooral hebben over de prijs van een abonnement, klopt dat?")
    assert not result.ok and result.reason == "off_topic"
    _one_next_step_last(result.messages)


# --- follow-up questions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "question",
    ["Hoe weet u dat?", "Kunt u een voorbeeld geven?", "Wat bedoelt u daarmee?", "Hoe vaak gebeurt dat?",
     "Wat gebeurt er dan?", "Sinds wanneer speelt dit?", "Wat bedoelt u precies met veel tijd?"],
)
def test_general_follow_ups_are_relevant_by_form(question: str) -> None:
    result = followup_feedback(RECEPTION, question)
    assert result.ok, result.messages
    _one_next_step_last(result.messages)


@pytest.mark.parametrize(
    "question",
    ["Wat is uw lievelingskleur?", "Hoeveel sterren heeft het hotel?", "Hoe lang werkt u al in dit hotel?",
     "Wat kost een kamer bij jullie?"],
)
def test_open_questions_about_something_else_are_off_topic(question: str) -> None:
    result = followup_feedback(RECEPTION, question)
    assert not result.ok
    assert result.reason == "off_topic"
    _one_next_step_last(result.messages)


@pytest.mark.parametrize(
    "question",
    ["Kunt u vertellen hoe het nabellen nu gaat?", "Kunt u beschrijven wat klanten zeggen als u belt?",
     "Kunt u een voorbeeld geven van een bril die lang bleef liggen?"],
)
def test_polite_invitations_are_good_follow_ups(question: str) -> None:
    result = followup_feedback(OPTICIAN, question)
    assert result.ok, result.messages
    assert result.question is not None and result.question.kind == "closed"
    assert "uitnodiging" in result.messages[0]
    _one_next_step_last(result.messages)


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("Zal ik een app maken?", "advice"),
        ("Wat vindt u van een chatbot?", "advice"),
        ("Hoe zou u het vinden als ik een ophaalservice regel?", "advice"),
        ("Waarom heeft u dat niet eerder gemeld?", "judging"),
        ("Hoe kan het dat u dat niet wist?", "judging"),
        ("Waarom laat u de klanten niet gewoon zelf bellen?", "judging"),
    ],
)
def test_advice_and_reproach_dressed_as_a_question(question: str, reason: str) -> None:
    result = followup_feedback(OPTICIAN, question)
    assert not result.ok
    assert result.reason == reason
    assert "bijvoorbeeld: '" in result.messages[-1]  # the next step says what to ask instead
    _one_next_step_last(result.messages)


def test_not_a_question() -> None:
    for text in ("ok snap ik", "Dat klinkt als veel werk.", "👍", "duur"):
        result = followup_feedback(OPTICIAN, text)
        assert not result.ok and result.reason == "not_a_question", (text, result.messages)
        _one_next_step_last(result.messages)


def test_the_suggested_follow_up_picks_a_vague_word_of_the_customer() -> None:
    result = followup_feedback(OPTICIAN, "Wat is uw lievelingskleur?")
    assert "Wat bedoelt u precies met vaak?" in result.messages[-1]
    assert "Klanten?" not in result.messages[-1]
    summary = summary_feedback(RECEPTION, "Als ik het goed begrijp is de receptie zo druk met vragen over eten dat het "
                                          "inchecken eronder lijdt. Klopt dat?")
    assert summary.ok and "Wat bedoelt u precies met steeds?" in summary.messages[-1]


def test_the_example_keeps_je_or_u_as_the_student_wrote() -> None:
    je = followup_feedback(OPTICIAN, "Wat is je lievelingskleur?")
    assert "Wat bedoel je precies met vaak?" in je.messages[-1]
    no_vague = followup_feedback(PRINTER, "Wat voor vakantie heeft u geboekt?")
    assert "printer" in no_vague.messages[-1]


# --- input limit -------------------------------------------------------------------------------


@pytest.mark.parametrize("func", [summary_feedback, followup_feedback])
def test_long_input_is_cut_and_said_first(func) -> None:  # type: ignore[no-untyped-def]
    result = func(OPTICIAN, "Dus klanten vergeten hun bril. " * 400)
    assert str(MAX_INPUT) in result.messages[0] and "lang" in result.messages[0]
    _one_next_step_last(result.messages)


DANCE = ("Ouders zeggen de danslessen van hun kind vaak pas op het laatste moment af. De docent staat dan voor een "
         "halflege zaal en die lessen worden ook niet betaald. Ik wil dat afzeggen minstens een dag van tevoren gebeurt.")
BIKES = ("Klanten brengen hun fiets voor een kleine reparatie, maar als we hem openmaken blijkt er twee keer zoveel "
         "kapot te zijn. Dan klopt de prijs die we noemden niet meer en worden mensen boos aan de balie.")


LESSONS = ("Ouders zeggen de danslessen van hun kind vaak pas op het laatste moment af. De docent staat dan voor een "
           "halflege zaal en die uren worden ook niet betaald.")
TRIAL = "Veel kinderen schrijven zich in voor de proefles, maar een derde komt dan niet. De docent wacht voor niets."


@pytest.mark.parametrize("summary", [
    "Dus late afzeggingen betekenen onbetaalde uren, klopt dat?",  # a noun from a split verb, and 'on-'
    "Dus door late afzeggingen blijft het lesgeld weg, klopt dat?",  # 'zeggen ... af' far apart in the story
])
def test_a_paraphrase_in_other_word_forms_is_a_good_summary(summary: str) -> None:
    result = summary_feedback(LESSONS, summary)
    assert result.ok, result.messages


def test_a_comparison_is_not_the_opposite_of_a_negated_verb() -> None:
    result = summary_feedback(TRIAL, "Als ik u goed begrijp schrijven er meer kinderen in dan er echt komen, klopt dat?")
    assert result.reason != "wrong_or_opposite", result.messages


def test_a_negation_after_a_relative_clause_or_right_after_a_frequency_word_keeps_the_meaning() -> None:
    relative = summary_feedback(BIKES, "Dus de prijs die u bij de balie noemt klopt achteraf vaak niet, "
                                       "en dan worden klanten boos. Klopt dat?")
    assert relative.reason != "wrong_or_opposite", relative.messages
    never = summary_feedback("De helft van de offertes hoor ik nooit meer iets van terug.",
                             "Dus veel offertes leveren vaak niets op, klopt dat?")
    assert never.reason != "wrong_or_opposite", never.messages


def test_less_for_twice_as_much_is_the_opposite() -> None:
    result = summary_feedback(BIKES, "Dus er blijkt bij het openmaken veel minder kapot te zijn, klopt dat?")
    assert result.reason == "wrong_or_opposite"


def test_it_would_be_smart_to_is_advice_and_another_wish_is_not_what_the_customer_said() -> None:
    smart = summary_feedback(DANCE, "Dus ouders zeggen laat af, dan is het slim om een boete te vragen, toch?")
    other = summary_feedback(DANCE, "Dus u zoekt vooral meer reclame op sociale media, klopt dat?")
    assert smart.reason == "advice" and "slim om" in smart.phrase
    assert other.reason == "off_topic" and "meer reclame" in other.phrase


GREENHOUSE = ("Kwekers bellen ons elke ochtend om te vragen welke planten er nog op voorraad zijn. Onze lijst op de "
              "website loopt altijd een paar dagen achter. Ik wil dat kwekers zelf kunnen zien wat er nog te koop is.")


LAUNDRY = ("In onze wasserette zijn de machines op zaterdag vaak allemaal bezet, terwijl het door de week bijna leeg "
           "is. Mensen wachten dan met een volle tas en sommigen lopen boos weg. Ik wil de drukte beter over de week "
           "verdelen.")


@pytest.mark.parametrize(("story", "summary"), [
    (GREENHOUSE, "actuele voorraad online, dat is het doel he?"),  # a need frame, no verb
    (GREENHOUSE, "een lijst die altijd klopt, daar draait het om?"),  # 'klopt' in a wish is no 'all is well'
    (LAUNDRY, "drukte beter spreiden over de week dus?"),  # the customer's wish in other words
])
def test_the_need_without_u_wilt_is_the_core(story: str, summary: str) -> None:
    result = summary_feedback(story, summary)
    assert result.ok, result.messages


@pytest.mark.parametrize(("summary", "reason"), [
    ("Als ik u goed begrijp wilt u ook bloembollen gaan verkopen op markten, klopt dat?", "off_topic"),
    ("Dus kwekers moeten voortaan een formulier invullen voordat ze bellen, toch?", "advice"),
])
def test_a_new_wish_or_a_new_duty_for_someone_else_is_not_what_the_customer_said(summary: str, reason: str) -> None:
    assert summary_feedback(GREENHOUSE, summary).reason == reason


def test_no_longer_is_not_more() -> None:
    result = summary_feedback(GREENHOUSE, "Dus u wilt niet meer de hele ochtend aan de telefoon zitten maar dat "
                                          "kwekers het zelf kunnen zien, klopt dat?")
    assert result.ok, result.messages


@pytest.mark.parametrize("question", [
    "Hoe houdt u nu bij wat er nog te koop is?",  # 'houdt ... bij' before a subclause: keeping a list
    "wat bedoelt u precies met achterlopen?",  # 'loopt ... achter' in the story
    "hoelaat is het het drukst aan de telefoon?",  # a chat question word is no topic of its own
])
def test_follow_ups_in_other_forms_of_the_customers_words_are_on_topic(question: str) -> None:
    result = followup_feedback(GREENHOUSE, question)
    assert result.ok, result.messages
