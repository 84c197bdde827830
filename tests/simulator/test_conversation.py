"""The simulated client: answers what the student actually asks, headless through the public API."""

from __future__ import annotations

import pytest

from cursuslib.content import Exercise
from cursuslib.simulator import Conversation, debrief
from cursuslib.simulator.checks import scenario_problems


def test_an_open_question_reveals_a_topic_and_a_closed_one_only_touches_it(salon: Exercise) -> None:
    conv = Conversation.from_exercise(salon)
    closed = conv.say("Maken klanten nu afspraken via de telefoon?")
    assert closed.kind == "gesloten" and closed.touched == ("huidige-werkwijze",) and closed.revealed == ()
    assert closed.reply == "Ja, via de telefoon, en ik schrijf het op." and len(closed.reply.split()) <= 15
    opened = conv.say("Hoe maken klanten nu een afspraak?")
    assert opened.kind == "open" and opened.revealed == ("huidige-werkwijze",) and opened.touched == ()
    assert "papieren agenda" in opened.reply and opened.confirmed is None
    assert conv.revealed == {"huidige-werkwijze"} and conv.touched == set()


def test_only_closed_questions_find_no_topic_and_open_ones_find_all(salon: Exercise) -> None:
    closed = Conversation.from_exercise(salon)
    for line in ("Maken klanten nu afspraken via de telefoon?", "Is het op zaterdag druk?", "Heeft u een budget?",
                 "Wilt u online afspraken omdat het handig is?", "Bent u er bang voor?"):
        closed.say(line)
    assert closed.revealed == set()
    opened = Conversation.from_exercise(salon)
    for line in ("Hoe maken klanten nu een afspraak?", "Wanneer is het het drukst?", "Wat is uw budget?",
                 "Wat vervelend dat u telefoontjes mist. Waar bent u bang voor?", "Wat zou het voor u veranderen?"):
        opened.say(line)
    assert opened.revealed == {"huidige-werkwijze", "drukte", "budget", "zorgen", "behoefte"}


def test_conditions_the_need_after_why_a_feeling_after_acknowledging_it_a_topic_after_another(salon: Exercise) -> None:
    conv = Conversation.from_exercise(salon)
    early = conv.say("Hoeveel wilt u uitgeven?")  # budget only after the current way of working is told
    assert early.revealed == () and early.touched == () and "liever" in early.reply  # nothing told yet
    closed = conv.say("Heeft u een budget?")  # a closed question waits for the condition too
    assert closed.touched == () and "liever" in closed.reply
    conv.say("Hoe maken klanten nu een afspraak?")
    assert conv.say("Hoeveel wilt u uitgeven?").revealed == ("budget",)
    guarded = conv.say("Wat vindt u er spannend aan?")
    assert guarded.revealed == () and guarded.reply == "Ach, het gaat wel."
    told = conv.say("Ik snap dat het spannend is. Wat vindt u er spannend aan?")
    assert told.feeling and told.revealed == ("zorgen",)
    why = conv.say("Waarom wilt u dat eigenlijk?")  # a why-question without a topic of its own asks for the need
    assert why.why and why.revealed == ("behoefte",)


def test_summaries_are_confirmed_corrected_or_met_with_yes_but(salon: Exercise) -> None:
    conv = Conversation.from_exercise(salon)
    conv.say("Hoe maken klanten nu een afspraak?")
    conv.say("Wanneer is het het drukst?")
    not_said = conv.say("Dus als ik het goed begrijp heeft u tweeduizend euro budget, klopt dat?")
    assert not_said.kind == "samenvatting" and not_said.confirmed is False and "nog niet gezegd" in not_said.reply
    wrong = conv.say("Dus als ik het goed begrijp is het op zaterdag juist rustig, klopt dat?")
    assert wrong.confirmed is False and "klopt niet" in wrong.reply
    yes_but = conv.say("Als ik het goed begrijp bellen klanten nu en schrijft u alles in een papieren agenda, "
                       "en is het op zaterdag erg druk. Klopt dat?")
    assert yes_but.confirmed is True and "Maar" in yes_but.reply and set(yes_but.topics) >= {"huidige-werkwijze"}
    conv.say("Wat zou het voor u veranderen?")
    full = conv.say("Dus u wilt rust aan uw stoel en geen klanten missen, omdat de telefoon op zaterdag steeds gaat. "
                    "Klopt dat?")
    assert full.confirmed is True and "Maar" not in full.reply and "behoefte" in full.topics


def test_a_solution_too_early_a_leading_question_and_off_topic_tell_nothing_new(salon: Exercise) -> None:
    conv = Conversation.from_exercise(salon)
    solution = conv.say("Zal ik een app met een chatbot voor u maken?")
    assert solution.kind == "oplossing" and solution.too_early and solution.revealed == solution.touched == ()
    assert "eerst" in solution.reply
    leading = conv.say("U wilt zeker ook dat klanten online betalen, toch?")
    assert leading.kind == "gesloten" and leading.leading and leading.revealed == leading.touched == ()
    off = conv.say("Wat is uw lievelingskleur?")
    assert off.kind == "open" and off.revealed == () and off.reply.startswith("Daar gaat het me nu niet om")
    vague = conv.say("Kunt u meer vertellen?")
    assert vague.kind == "open" and vague.revealed == () and "precies" in vague.reply
    conv.say("Wat zou het voor u veranderen?")
    later = conv.say("Zal ik een app met een chatbot voor u maken?")
    assert not later.too_early and "bevestiging" in later.reply


@pytest.mark.parametrize(("line", "reply_part"), [
    ("", "wat bedoelt u"),
    ("🙂🙂", "wat bedoelt u"),
    ("What is your budget?", "Nederlands"),
    ("x" * 10_000, "één vraag"),
    ("<script>alert(1)</script> Hoe maken klanten nu een afspraak?", "telefoon"),
])
def test_bad_input_gets_a_sensible_reply_and_is_kept(salon: Exercise, line: str, reply_part: str) -> None:
    conv = Conversation.from_exercise(salon)
    turn = conv.say(line)
    assert reply_part in turn.reply
    assert conv.turns[-1].said == line  # the student's line is kept as typed (escaped only when shown)


def test_the_conversation_survives_saving_and_damaged_turns_are_left_out(salon: Exercise) -> None:
    conv = Conversation.from_exercise(salon)
    conv.say("Hoe maken klanten nu een afspraak?")
    conv.say("Dus klanten bellen nu, klopt dat?")
    saved = [turn.saved() for turn in conv.turns] + [{"said": 3}, "rommel", {"said": "x", "reply": "y", "kind": "??"}]
    again = Conversation.restore(salon, saved, closed=False)
    assert [t.said for t in again.turns] == [t.said for t in conv.turns] + ["x"]
    assert again.turns[-1].kind == "anders" and again.revealed == {"huidige-werkwijze"}
    assert again.say("Wanneer is het het drukst?").revealed == ("drukte",)


def test_closing_ends_the_talk_and_the_debrief_names_what_was_found(salon: Exercise) -> None:
    conv = Conversation.from_exercise(salon)
    conv.say("Maken klanten nu afspraken via de telefoon?")
    conv.say("Wanneer is het het drukst?")
    conv.say("Dus het is vooral op zaterdag druk, klopt dat?")
    conv.say("Zal ik een boekingssysteem bouwen?")
    bye = conv.say("Bedankt voor het gesprek, ik stuur u een bevestiging.")
    assert bye.closing and conv.closed
    assert "afgerond" in conv.say("Nog één vraag: wat is uw budget?").reply
    result = debrief(conv.scenario, conv.turns)
    status = {topic.id: (topic.status, topic.question) for topic in result.topics}
    assert status["drukte"] == ("gevonden", "Wanneer is het het drukst?")
    assert status["huidige-werkwijze"][0] == "aangeraakt" and status["budget"] == ("gemist", "")
    assert (result.open_questions, result.closed_questions) == (1, 1)
    assert result.summaries == (("Dus het is vooral op zaterdag druk, klopt dat?", True),)
    assert result.early_solutions == ("Zal ik een boekingssysteem bouwen?",)


def test_the_scenarios_examples_are_content_tests(salon: Exercise) -> None:
    tried, problems = scenario_problems(salon)
    assert tried == sum(len(t.reveal) + len(t.hide) for t in salon.data["topics"]) and problems == []


def test_the_teacher_guides_example_scenario_works() -> None:
    import re
    from pathlib import Path

    import yaml

    from cursuslib.content import parse_exercise

    guide = (Path(__file__).parents[2] / "docs" / "docent.md").read_text(encoding="utf-8")
    section = guide.split("## Een intakegesprek schrijven", 1)[1]
    block = re.search(r"```yaml\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]
    exercise = parse_exercise(yaml.safe_load(block)[0], lesson="09_test", source="09_test.yaml", position=1)
    tried, problems = scenario_problems(exercise)
    assert tried == 4 and problems == []
    conv = Conversation.from_exercise(exercise)
    assert conv.say("Hoe laat gaat u open?").revealed == ()
    assert conv.say("Waarom wilt u online afspraken?").revealed == ("behoefte",)


def test_naming_the_feeling_is_no_question_and_opens_the_client_up(salon: Exercise) -> None:
    conv = Conversation.from_exercise(salon)
    plain = conv.say("Dat klinkt vervelend, zeg.")
    assert plain.kind == "anders" and plain.feeling and "Nee" not in plain.reply
    conv = Conversation.from_exercise(salon)
    heard = conv.say("Ik hoor dat u het best spannend vindt, klopt dat?")  # a summary that names the feeling
    assert heard.kind == "samenvatting" and heard.confirmed and heard.revealed == ("zorgen",)


def test_a_guessed_need_is_not_confirmed_before_the_client_told_it(salon: Exercise) -> None:
    conv = Conversation.from_exercise(salon)
    conv.say("Hoe maken klanten nu een afspraak?")
    guarded = conv.say("Wat wilt u ermee bereiken?")  # no why-condition needed: this is a why-question
    assert guarded.revealed == ("behoefte",)
    conv = Conversation.from_exercise(salon)
    conv.say("Hoe maken klanten nu een afspraak?")
    guess = conv.say("Dus als ik het goed begrijp wilt u vooral rust aan uw stoel, klopt dat?")
    assert guess.confirmed is False and "nog niet gezegd" in guess.reply
