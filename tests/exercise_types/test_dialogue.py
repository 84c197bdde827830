"""Dialogue logic: the schema checks (with Dutch messages naming the nodes), walking a path and the summary."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from cursuslib.content import ContentError, Exercise, parse_exercise
from cursuslib.schema import FieldError
from cursuslib.types import dialogue
from cursuslib.types.dialogue import Dialogue, Node, check_graph, check_nodes, from_exercise


def choice(text: str, quality: str, tip: str, next_id: str, feedback: str = "") -> dict[str, str]:
    """One reaction as an exercise file has it."""
    return {"text": text, "quality": quality, "tip": tip, "feedback": feedback or f"Uitleg bij: {text}",
            "next": next_id}


def node(node_id: str, customer: str, *choices: dict[str, str], end: str | None = None) -> dict[str, Any]:
    """One node as an exercise file has it."""
    item: dict[str, Any] = {"id": node_id, "customer": customer}
    if choices:
        item["choices"] = list(choices)
    if end:
        item["end"] = end
    return item


#: An angry client whose web shop is down: three ways to end, and a way back from the angry branch.
WEBSHOP: dict[str, Any] = {
    "id": "09-webshop",
    "type": "dialogue",
    "title": "De webshop ligt eruit",
    "start": "begin",
    "tips": [
        {"key": "erkennen", "name": "Erken de emotie"},
        {"key": "samenvatten", "name": "Vat samen en vraag door"},
        {"key": "afspraak", "name": "Spreek een concrete volgende stap af"},
    ],
    "nodes": [
        node("begin", "Mijn webshop ligt er al de hele ochtend uit! En niemand neemt bij jullie de telefoon op!",
             choice("Wat vervelend dat uw shop plat ligt en u ons niet kon bereiken. Wat ziet u als u de site opent?",
                    "goed", "erkennen", "uitleg"),
             choice("Welke foutmelding krijgt u?", "matig", "erkennen", "uitleg"),
             choice("Rustig maar, zo erg is het vast niet.", "slecht", "erkennen", "boos")),
        node("uitleg", "Alleen een witte pagina met Error 500. En vandaag begint mijn uitverkoop!",
             choice("Dus u ziet een foutmelding en vandaag start uw uitverkoop. Ik bel u om elf uur met de stand.",
                    "goed", "afspraak", "opgelost"),
             choice("We gaan ernaar kijken, u hoort van ons.", "matig", "afspraak", "open"),
             choice("Dat komt vast door een plug-in die u zelf hebt geïnstalleerd.", "slecht", "samenvatten", "boos")),
        node("boos", "Hier heb ik niets aan! Ik wil nu uw leidinggevende spreken.",
             choice("Ik hoor hoe boos u bent. Ik help u nu zelf verder: wat ziet u als u de site opent?",
                    "goed", "erkennen", "uitleg"),
             choice("Dat gaat niet, mijn leidinggevende zit in een overleg.", "slecht", "afspraak", "weg")),
        node("opgelost", "Oké, fijn. Dan hoor ik om elf uur van u.", end="opgelost"),
        node("open", "Wanneer dan? Nou, ik wacht het wel af.", end="open"),
        node("weg", "Dan zoek ik wel een ander bureau. Ik hang op.", end="geescaleerd"),
    ],
}


def parse(item: dict[str, Any]) -> Exercise:
    """Validate an exercise mapping as the course loader does."""
    return parse_exercise(item, lesson="09_test", source="09_test.yaml", position=1)


def broken(change: Any) -> str:
    """Return the Dutch error for a copy of WEBSHOP changed by ``change(item)``."""
    item = copy.deepcopy(WEBSHOP)
    change(item)
    with pytest.raises(ContentError) as info:
        parse(item)
    return str(info.value)


def nodes_of(item: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The raw nodes of an exercise mapping by id, to change one in a test."""
    return {raw["id"]: raw for raw in item["nodes"]}


@pytest.fixture
def webshop() -> Dialogue:
    return from_exercise(parse(copy.deepcopy(WEBSHOP)))


# --------------------------------------------------------------------------- schema
def test_fields_are_start_tips_nodes_in_that_order() -> None:
    assert [field.name for field in dialogue.FIELDS] == ["start", "tips", "nodes"]
    assert all(field.required and field.description for field in dialogue.FIELDS)


def test_a_valid_graph_is_parsed_into_nodes_by_id(webshop: Dialogue) -> None:
    assert webshop.start == "begin"
    assert list(webshop.tips) == ["erkennen", "samenvatten", "afspraak"]
    assert webshop.tips["afspraak"].name == "Spreek een concrete volgende stap af"
    assert list(webshop.nodes) == ["begin", "uitleg", "boos", "opgelost", "open", "weg"]
    begin = webshop.nodes["begin"]
    assert isinstance(begin, Node) and begin.end is None and len(begin.choices) == 3
    assert begin.choices[2].quality == "slecht" and begin.choices[2].next == "boos"
    assert webshop.nodes["weg"].end == "geescaleerd" and webshop.nodes["weg"].choices == ()


def test_the_end_may_be_written_with_the_dutch_e_umlaut() -> None:
    item = copy.deepcopy(WEBSHOP)
    nodes_of(item)["weg"]["end"] = "geëscaleerd"
    assert from_exercise(parse(item)).nodes["weg"].end == "geescaleerd"


def test_unknown_tip_names_the_node_the_choice_and_the_allowed_tips() -> None:
    message = broken(lambda item: nodes_of(item)["boos"]["choices"][1].update(tip="afspraakk"))
    assert "veld 'nodes'" in message
    assert "knoop 'boos', keuze 2: de tip 'afspraakk' bestaat niet; kies uit: erkennen, samenvatten, afspraak" in message


def test_dangling_next_names_the_node_the_choice_and_the_existing_nodes() -> None:
    message = broken(lambda item: nodes_of(item)["uitleg"]["choices"][1].update(next="wachten"))
    assert ("knoop 'uitleg', keuze 2: 'next' verwijst naar 'wachten', maar die knoop bestaat niet; "
            "bestaande knopen: begin, uitleg, boos, opgelost, open, weg") in message


def test_a_typo_in_next_is_not_also_reported_as_unreachable_nodes() -> None:
    message = broken(lambda item: nodes_of(item)["uitleg"]["choices"][1].update(next="opn"))
    assert "'opn'" in message and "niet te bereiken" not in message


def test_duplicate_node_ids_are_named_with_their_positions() -> None:
    message = broken(lambda item: item["nodes"].append(node("open", "Nog een keer open.", end="open")))
    assert "de id 'open' komt 2 keer voor (knoop 5 en 7); geef elke knoop een eigen id" in message


def test_start_must_be_a_node() -> None:
    message = broken(lambda item: item.update(start="begn"))
    assert "'start' verwijst naar 'begn', maar die knoop bestaat niet; bestaande knopen: begin, uitleg" in message


def test_a_node_without_choices_must_be_an_end() -> None:
    message = broken(lambda item: nodes_of(item)["open"].pop("end"))
    assert "knoop 'open' heeft geen keuzes en is geen eindknoop" in message
    assert "'end: opgelost', 'end: geescaleerd' of 'end: open'" in message


def test_an_end_node_has_no_choices() -> None:
    message = broken(lambda item: nodes_of(item)["opgelost"].update(
        choices=[choice("Graag gedaan!", "goed", "afspraak", "begin")]))
    assert "knoop 'opgelost' is een eindknoop (end: opgelost) maar heeft toch keuzes; haal 'choices' of 'end' weg" in message


def test_all_link_problems_are_reported_at_once() -> None:
    def change(item: dict[str, Any]) -> None:
        nodes_of(item)["begin"]["choices"][0]["tip"] = "luisteren"
        nodes_of(item)["boos"]["choices"][1]["next"] = "baas"

    message = broken(change)
    assert "knoop 'begin', keuze 1: de tip 'luisteren'" in message and "knoop 'boos', keuze 2: 'next'" in message


def test_unreachable_nodes_are_named() -> None:
    def change(item: dict[str, Any]) -> None:
        item["nodes"].append(node("extra", "Heeft u ook een nieuwsbrief?",
                                  choice("Ja, die stuur ik u.", "goed", "afspraak", "bedankt")))
        item["nodes"].append(node("bedankt", "Dank u.", end="opgelost"))

    message = broken(change)
    assert ("de knopen 'extra' en 'bedankt' zijn vanaf de start ('begin') niet te bereiken; verwijs ernaar met 'next' "
            "of haal ze weg") in message


def test_one_unreachable_node_is_named() -> None:
    message = broken(lambda item: nodes_of(item)["boos"]["choices"][1].update(next="boos"))
    assert "knoop 'weg' is vanaf de start ('begin') niet te bereiken" in message


def test_a_loop_without_exit_names_its_nodes() -> None:
    def change(item: dict[str, Any]) -> None:
        # 'boos' no longer escalates, and 'uitleg' sends every reaction back to 'boos': they only lead to each other
        nodes_of(item)["boos"]["choices"][1]["next"] = "boos"
        for raw in nodes_of(item)["uitleg"]["choices"]:
            raw["next"] = "boos"
        item["nodes"] = [raw for raw in item["nodes"] if raw["id"] in {"begin", "uitleg", "boos", "opgelost"}]
        nodes_of(item)["begin"]["choices"][1]["next"] = "opgelost"

    message = broken(change)
    assert ("vanuit de knopen 'uitleg' en 'boos' is geen eindknoop te bereiken: het gesprek blijft daar rondgaan; "
            "laat minstens één keuze (via andere knopen) naar een eindknoop leiden") in message
    assert "'begin'" not in message.split("vanuit")[1]  # begin has a way out


def test_check_nodes_uses_start_and_tips_already_parsed() -> None:
    raw = [node("a", "Hallo?", choice("Goedemiddag!", "goed", "groet", "b")), node("b", "Dag.", end="open")]
    tips = (dialogue.Tip("groet", "Groet de klant"),)
    assert list(check_nodes(raw, {"start": "a", "tips": tips})) == ["a", "b"]
    with pytest.raises(FieldError, match="de tip 'groet' bestaat niet; kies uit: welkom"):
        check_nodes(raw, {"start": "a", "tips": (dialogue.Tip("welkom", "Heet welkom"),)})
    with pytest.raises(FieldError, match="'start' verwijst naar 'b2'"):
        check_graph([Node("a", "Hallo?", end="open")], start="b2", tips=())


@pytest.mark.parametrize(("change", "expected"), [
    (lambda item: nodes_of(item)["begin"]["choices"][0].update(quality="prima"),
     "knoop 'begin', keuze 1, 'quality': 'prima' is niet toegestaan; kies uit: goed, matig, slecht"),
    (lambda item: nodes_of(item)["open"].update(end="klaar"),
     "knoop 'open', 'end': 'klaar' is niet toegestaan; kies uit: opgelost, geescaleerd, open"),
    (lambda item: nodes_of(item)["uitleg"]["choices"][0].pop("feedback"),
     "knoop 'uitleg', keuze 1: het veld 'feedback' ontbreekt"),
    (lambda item: nodes_of(item)["uitleg"]["choices"][0].update(hint="x"),
     "knoop 'uitleg', keuze 1: onbekend veld 'hint'; toegestaan: feedback, next, quality, text, tip"),
    (lambda item: nodes_of(item)["boos"].pop("customer"), "knoop 'boos': het veld 'customer' ontbreekt"),
    (lambda item: item["nodes"][1].update(id="uit leg"), "knoop 2, 'id': verwacht een id: een korte naam"),
    (lambda item: nodes_of(item)["boos"].update(choices="kies maar"),
     "knoop 'boos', 'choices': verwacht een lijst met keuzes"),
    (lambda item: item.update(nodes={"begin": "Hallo"}), "veld 'nodes': verwacht een lijst van minstens 2 knopen"),
    (lambda item: item.update(start=["begin"]), "veld 'start': verwacht de id van de eerste knoop"),
    (lambda item: item.update(tips=[]), "veld 'tips': verwacht een lijst met minstens één tip"),
    (lambda item: item["tips"].append({"key": "erkennen", "name": "Nog eens"}),
     "tip 4: de sleutel 'erkennen' komt twee keer voor"),
    (lambda item: item["tips"][0].pop("name"), "tip 1: het veld 'name' ontbreekt"),
])
def test_field_mistakes_say_where_and_what_is_allowed(change: Any, expected: str) -> None:
    assert expected in broken(change)


# --------------------------------------------------------------------------- walking
def test_step_returns_the_choice_and_the_next_node(webshop: Dialogue) -> None:
    chosen, following = dialogue.step(webshop, "begin", 2)
    assert chosen.text == "Rustig maar, zo erg is het vast niet." and chosen.quality == "slecht"
    assert following.id == "boos" and "leidinggevende" in following.customer
    with pytest.raises(ValueError, match="no choice 3"):
        dialogue.step(webshop, "begin", 3)


def test_walk_follows_a_path_and_stops_where_it_no_longer_fits(webshop: Dialogue) -> None:
    turns, at = dialogue.walk(webshop, [2, 0, 1])
    assert [turn.node.id for turn in turns] == ["begin", "boos", "uitleg"] and at.id == "open"
    turns, at = dialogue.walk(webshop, [0, 7, 1])
    assert [turn.index for turn in turns] == [0] and at.id == "uitleg"
    assert dialogue.walk(webshop, [])[1].id == "begin"


def test_strongest_route_picks_goed_everywhere(webshop: Dialogue) -> None:
    turns, end = dialogue.strongest_route(webshop)
    assert [turn.index for turn in turns] == [0, 0] and end.end == "opgelost"
    assert all(turn.choice.quality == "goed" for turn in turns)


def test_strongest_route_does_not_run_in_circles() -> None:
    # the goed reactions at 'a' and 'b' lead to each other; the way out is the matig one at 'b'
    nodes = [Node("a", "Het werkt niet!", (dialogue.Choice("Wat ziet u?", "goed", "t", "Goed.", "b"),)),
             Node("b", "Een fout.", (dialogue.Choice("Wat nog meer?", "goed", "t", "Goed.", "a"),
                                     dialogue.Choice("Ik kijk ernaar.", "matig", "t", "Vaag.", "c"))),
             Node("c", "Goed dan.", end="open")]
    small = Dialogue("a", {"t": dialogue.Tip("t", "Tip")}, check_graph(nodes, start="a", tips=["t"]))
    turns, end = dialogue.strongest_route(small)
    assert [(turn.node.id, turn.index) for turn in turns] == [("a", 0), ("b", 1)] and end.id == "c"


# --------------------------------------------------------------------------- summary
def test_summary_counts_tips_and_gives_one_next_step(webshop: Dialogue) -> None:
    summary = dialogue.summarize(webshop, [1, 2, 1])  # matig, slecht, slecht: escalated
    assert summary.end == "geescaleerd" and "geëscaleerd" in summary.outcome
    assert dict(summary.counts) == {"goed": 0, "matig": 1, "slecht": 2}
    assert summary.route == ("Jouw route: 0 sterke reacties, 1 reactie die sterker kan en "
                             "2 reacties die averechts werkten.")
    assert summary.used_well == ()
    assert [tip.key for tip in summary.to_practise] == ["erkennen", "samenvatten", "afspraak"]
    # the first reaction that worked against you is the one to practise
    assert summary.next_step.startswith("Oefen de tip 'Vat samen en vraag door'.")
    # with the customer's words, shortened between words
    assert '"Alleen een witte pagina met Error 500. En vandaag begint mijn..."' in summary.next_step


def test_summary_of_the_strong_route(webshop: Dialogue) -> None:
    summary = dialogue.summarize(webshop, [0, 0])
    assert summary.end == "opgelost" and summary.outcome.startswith("Het gesprek is opgelost")
    assert dict(summary.counts) == {"goed": 2, "matig": 0, "slecht": 0}
    assert [tip.key for tip in summary.used_well] == ["erkennen", "afspraak"] and summary.to_practise == ()
    assert summary.next_step.startswith("Pas de tip 'Erken de emotie' bewust toe")


def test_a_tip_used_well_once_and_weakly_once_is_to_practise(webshop: Dialogue) -> None:
    summary = dialogue.summarize(webshop, [2, 0, 1])  # slecht (erkennen), goed (erkennen), matig (afspraak)
    assert summary.end == "open" and "nog open" in summary.outcome
    assert summary.used_well == () and [tip.key for tip in summary.to_practise] == ["erkennen", "afspraak"]
    assert "Rustig" not in summary.next_step and "'Erken de emotie'" in summary.next_step
    assert "...\"" in summary.next_step  # a long customer line is shortened


def test_summary_needs_a_finished_conversation(webshop: Dialogue) -> None:
    with pytest.raises(ValueError, match="not reached an end"):
        dialogue.summarize(webshop, [0])
