"""The intake type: validation of scenarios, the assessment, the class overview per topic and its CSV."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from cursuslib.content import ContentError, Exercise, parse_exercise
from cursuslib.simulator import Conversation
from cursuslib.types import spec_of

SALON = (Path(__file__).parents[1] / "data" / "salon_intake.yaml").read_text(encoding="utf-8")


def parse(item: dict) -> Exercise:  # type: ignore[type-arg]
    return parse_exercise(item, lesson="09_test", source="09_test.yaml", position=1)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["topics"][0].update(short=" ".join(["woord"] * 16)), "hoogstens 15 woorden"),
    (lambda d: d["topics"][1].update(id="drukte", ), ""),
    (lambda d: d["topics"][2].update(condition={"after": ["bestaat-niet"]}), "onderwerp 'bestaat-niet' bestaat niet"),
    (lambda d: d["topics"][0].update(condition={"after": ["budget"]}), "in een kring"),
    (lambda d: d["topics"][3].update(condition={"asked": "toeval"}), "kies uit: waarom, gevoel, samenvatting"),
    (lambda d: d["topics"][0].update(reveal=["Hoe?"]), "minstens 3 zinnen"),
    (lambda d: d["topics"][1].update(id="huidige-werkwijze"), "komt twee keer voor"),
    (lambda d: d["topics"][0].update(words=["...3 agenda"]), "manier 1"),
    (lambda d: d["topics"][0].update(kind="mening"), "kies uit: feit, symptoom"),
    (lambda d: d.update(replies={"boos": "Grr"}), "boos"),
])
def test_a_scenario_says_exactly_what_is_wrong_where(change, message: str) -> None:  # type: ignore[no-untyped-def]
    item = copy.deepcopy(yaml.safe_load(SALON))
    change(item)
    if not message:
        parse(item)  # a change that keeps the scenario valid
        return
    with pytest.raises(ContentError) as raised:
        parse(item)
    assert "09-intake" in str(raised.value) and message in str(raised.value)


def test_the_score_is_the_share_found_and_goed_needs_a_good_letter(salon: Exercise) -> None:
    spec = spec_of(salon)
    conv = Conversation.from_exercise(salon)
    conv.say("Hoe maken klanten nu een afspraak?")
    conv.say("Wat zou het voor u veranderen?")
    conv.close()
    state = spec.read({"turns": [t.saved() for t in conv.turns], "closed": True})
    assessed = spec.assess(salon, state)
    assert assessed.verdict == "nog_niet" and assessed.score == pytest.approx(2 / 5)
    letter = ("Beste mevrouw, u wilt dat klanten online een afspraak maken, zodat u rustig kunt knippen. "
              "Op vrijdag 14 juni stuur ik u een eerste ontwerp.")
    state = spec.read({"turns": [t.saved() for t in conv.turns], "closed": True, "letter": letter,
                       "checked_letter": letter})
    assert spec.assess(salon, state).verdict == "goed"
    promise = letter + " Het komt gegarandeerd helemaal goed, beloofd!"
    state = spec.read({"turns": [t.saved() for t in conv.turns], "closed": True, "checked_letter": promise})
    assessed = spec.assess(salon, state)
    assert assessed.verdict == "nog_niet" and any("belooft" in line for line in assessed.findings)


def test_the_class_overview_counts_per_topic_and_gives_csv_rows(salon: Exercise) -> None:
    spec = spec_of(salon)
    students = []
    for lines in (["Hoe maken klanten nu een afspraak?", "Wanneer is het het drukst?"],
                  ["Maken klanten nu afspraken via de telefoon?"], []):
        conv = Conversation.from_exercise(salon)
        for line in lines:
            conv.say(line)
        students.append(("s", {salon.id: {"value": {"turns": [t.saved() for t in conv.turns]}}}))
    (part,) = spec.class_parts([salon], students)
    rows = {row[1]: row[3:] for row in part.data.rows}
    assert rows["huidige-werkwijze"] == (1, 1, 0, 2) and rows["drukte"] == (1, 0, 1, 2)
    assert rows["budget"] == (0, 0, 2, 2)
    assert part.data.head[0] == "oefening" and "50%" in repr(part.blocks)
