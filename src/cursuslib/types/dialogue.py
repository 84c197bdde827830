"""Branching conversation simulator: the dialogue graph, its schema checks, walking a path and summing it up."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import Field, FieldError, describe, key, names, no_unknown, one_of, records
from ..schema import text as a_text
from .base import Assessment, Context, ExerciseType
from .blocks import Block, Group, Items, Para

#: Quality of a reaction (the allowed values), with a fixed Dutch verdict used by the portfolio export;
#: the widget shows the catalogue's words instead, see :func:`quality_label`.
QUALITIES: dict[str, str] = {"goed": "✔ Sterke reactie", "matig": "~ Kan sterker", "slecht": "✘ Dit werkt averechts"}
#: How a conversation can end (the allowed values), with a Dutch word; the widget uses :func:`end_label`.
END_KINDS: dict[str, str] = {"opgelost": "opgelost", "geescaleerd": "geëscaleerd", "open": "nog open"}
NODE_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
_END_ALIASES = {"geëscaleerd": "geescaleerd"}  # teachers type the ë; the key stays ASCII
_NODE_FIELDS = {"id", "customer", "choices", "end"}


@dataclass(frozen=True)
class Tip:
    """A conversation tip that feedback refers to, such as 'Erken de emotie'."""

    key: str
    name: str


@dataclass(frozen=True)
class Choice:
    """One reaction the student can pick: how strong it is, which tip it is about, why, and where it leads."""

    text: str
    quality: str
    tip: str
    feedback: str
    next: str


@dataclass(frozen=True)
class Node:
    """One moment in the conversation: what the customer says and the reactions to choose from (none at an end)."""

    id: str
    customer: str
    choices: tuple[Choice, ...] = ()
    end: str | None = None


@dataclass(frozen=True)
class Dialogue:
    """A whole conversation: the first node, the tips and every node by id."""

    start: str
    tips: Mapping[str, Tip]
    nodes: Mapping[str, Node]


@dataclass(frozen=True)
class Turn:
    """One step of a walk: the node where the customer spoke and the reaction the student chose there."""

    node: Node
    index: int
    choice: Choice


@dataclass(frozen=True)
class Summary:
    """What a finished conversation shows: the counts per quality, tips that went well or need practice, the end.

    ``next_step`` is the one feed-forward step, without a 'Volgende stap:' label (the view adds it).
    """

    end: str
    counts: Mapping[str, int]
    used_well: tuple[Tip, ...]
    to_practise: tuple[Tip, ...]
    outcome: str
    route: str
    next_step: str


# --------------------------------------------------------------------------- field checks
def check_start(value: Any, _: Mapping[str, Any]) -> str:
    """Check ``start``: the id of the first node (that the node exists is checked with ``nodes``)."""
    return _node_id(value, "de id van de eerste knoop")


def check_tips(value: Any, _: Mapping[str, Any]) -> tuple[Tip, ...]:
    """Check ``tips``: a list of ``{key, name}`` with unique keys."""
    rows = records(value, what="tip", plural="tips", minimum=1, unique="key",
                   fields={"key": key("luisteren"), "name": a_text})
    return tuple(Tip(**row) for row in rows)


def check_nodes(value: Any, ctx: Mapping[str, Any]) -> dict[str, Node]:
    """Check ``nodes`` one by one, then the whole graph against the parsed ``start`` and ``tips`` in ``ctx``."""
    if not isinstance(value, list) or len(value) < 2:
        raise FieldError(f"verwacht een lijst van minstens 2 knopen (een begin en een einde), elk met id en customer "
                         f"(niet {describe(value)})")
    nodes = [_parse_node(item, number) for number, item in enumerate(value, start=1)]
    tips = ctx.get("tips") or ()
    return check_graph(nodes, start=ctx.get("start") or "", tips=[tip.key for tip in tips])


FIELDS: tuple[Field, ...] = (
    Field("start", "id van de knoop waarmee het gesprek begint", check_start),
    Field("tips", "de gesprekstips waar de feedback naar verwijst, elk met key en name", check_tips),
    Field("nodes", "de knopen van het gesprek, elk met id, customer en choices (of end: opgelost, geescaleerd "
          "of open)", check_nodes),
)


def _node_id(value: Any, what: str) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not NODE_ID_PATTERN.match(value):
        raise FieldError(f"verwacht {what}: een korte naam van letters, cijfers, _ of -, zoals begin "
                         f"(niet {describe(value)})")
    return value


def _end_kind(value: Any) -> str:
    return one_of(END_KINDS, aliases=_END_ALIASES)(value)


def _field(item: Mapping[str, Any], name: str, where: str, check: Callable[[Any], Any]) -> Any:
    """Check the required key ``name`` of ``item``; errors say where (``knoop 'begin', keuze 2, 'next': ...``)."""
    if name not in item:
        raise FieldError(f"{where}: het veld '{name}' ontbreekt")
    try:
        return check(item[name])
    except FieldError as exc:
        raise FieldError(f"{where}, '{name}': {exc}") from None


def _text_field(item: Mapping[str, Any], name: str, where: str) -> str:
    return _field(item, name, where, a_text)


def _parse_node(item: Any, number: int) -> Node:
    where = f"knoop {number}"
    if not isinstance(item, dict):
        raise FieldError(f"{where}: verwacht 'id', 'customer' en 'choices' of 'end' (niet {describe(item)})")
    node_id = _field(item, "id", where, lambda value: _node_id(value, "een id"))
    where = f"knoop '{node_id}'"
    no_unknown(item, _NODE_FIELDS, where)
    customer = _text_field(item, "customer", where)
    end = None
    if item.get("end") is not None:
        end = _field(item, "end", where, _end_kind)
    raw = item.get("choices")
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise FieldError(f"{where}, 'choices': verwacht een lijst met keuzes (niet {describe(raw)})")
    rows = records(raw, what="keuze", plural="keuzes", minimum=0, prefix=f"{where}, ", fields={
        "text": a_text, "quality": one_of(QUALITIES), "tip": a_text, "feedback": a_text,
        "next": lambda value, _: _node_id(value, "de id van een knoop")})
    return Node(node_id, customer, tuple(Choice(**row) for row in rows), end)


# --------------------------------------------------------------------------- graph
def _names(ids: Sequence[str]) -> str:
    return names([f"'{node_id}'" for node_id in ids])


def check_graph(nodes: Sequence[Node], *, start: str, tips: Collection[str]) -> dict[str, Node]:
    """Check the conversation as a whole and return its nodes by id.

    First the links (ids, tips, ``next``, ends); only when those are right, whether every node can be
    reached and can reach an end, so one typo does not also show up as a list of unreachable nodes.
    Raises :class:`FieldError` naming every node with a problem.
    """
    problems: list[str] = []
    positions: dict[str, list[int]] = {}
    for number, node in enumerate(nodes, start=1):
        positions.setdefault(node.id, []).append(number)
    for node_id, numbers in positions.items():
        if len(numbers) > 1:
            where = " en ".join(str(n) for n in numbers)
            problems.append(f"de id '{node_id}' komt {len(numbers)} keer voor (knoop {where}); geef elke knoop een "
                            "eigen id")
    existing = ", ".join(positions)
    allowed_tips = ", ".join(tips)
    if start not in positions:
        problems.append(f"'start' verwijst naar '{start}', maar die knoop bestaat niet; bestaande knopen: {existing}")
    for node in nodes:
        if node.end is None and not node.choices:
            problems.append(f"knoop '{node.id}' heeft geen keuzes en is geen eindknoop; geef keuzes ('choices') of "
                            "maak er een eindknoop van met 'end: opgelost', 'end: geescaleerd' of 'end: open'")
        if node.end is not None and node.choices:
            problems.append(f"knoop '{node.id}' is een eindknoop (end: {node.end}) maar heeft toch keuzes; haal "
                            "'choices' of 'end' weg")
        for number, choice in enumerate(node.choices, start=1):
            if choice.tip not in tips:
                problems.append(f"knoop '{node.id}', keuze {number}: de tip '{choice.tip}' bestaat niet; kies uit: "
                                f"{allowed_tips}")
            if choice.next not in positions:
                problems.append(f"knoop '{node.id}', keuze {number}: 'next' verwijst naar '{choice.next}', maar die "
                                f"knoop bestaat niet; bestaande knopen: {existing}")
    if problems:
        raise FieldError("; ".join(problems))
    by_id = {node.id: node for node in nodes}
    reachable = _reachable(by_id, start)
    unreachable = [node.id for node in nodes if node.id not in reachable]
    if unreachable:
        many = len(unreachable) > 1
        problems.append(f"{'de knopen' if many else 'knoop'} {_names(unreachable)} {'zijn' if many else 'is'} vanaf "
                        f"de start ('{start}') niet te bereiken; verwijs ernaar met 'next' of haal "
                        f"{'ze' if many else 'hem'} weg")
    can_end = _can_end(by_id)
    trapped = [node.id for node in nodes if node.id in reachable and node.id not in can_end]
    if trapped:
        many = len(trapped) > 1
        problems.append(f"vanuit {'de knopen' if many else 'knoop'} {_names(trapped)} is geen eindknoop te bereiken: "
                        "het gesprek blijft daar rondgaan; laat minstens één keuze (via andere knopen) naar een "
                        "eindknoop leiden")
    if problems:
        raise FieldError("; ".join(problems))
    return by_id


def _reachable(nodes: Mapping[str, Node], start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for choice in nodes[todo.pop()].choices:
            if choice.next not in seen:
                seen.add(choice.next)
                todo.append(choice.next)
    return seen


def _can_end(nodes: Mapping[str, Node]) -> set[str]:
    """Ids of the nodes from which some end node can be reached (walking the links backwards from the ends)."""
    before: dict[str, set[str]] = {node_id: set() for node_id in nodes}
    for node in nodes.values():
        for choice in node.choices:
            before[choice.next].add(node.id)
    done = {node.id for node in nodes.values() if node.end is not None}
    todo = list(done)
    while todo:
        for node_id in before[todo.pop()] - done:
            done.add(node_id)
            todo.append(node_id)
    return done


# --------------------------------------------------------------------------- walking
def from_exercise(exercise: Exercise) -> Dialogue:
    """Return the dialogue of a validated ``dialogue`` exercise."""
    data = exercise.data
    return Dialogue(data["start"], {tip.key: tip for tip in data["tips"]}, data["nodes"])


def step(dialogue: Dialogue, node_id: str, choice_index: int) -> tuple[Choice, Node]:
    """Pick reaction ``choice_index`` (0-based) at node ``node_id``; return it and the node it leads to."""
    node = dialogue.nodes[node_id]
    if not 0 <= choice_index < len(node.choices):
        raise ValueError(f"node {node_id!r} has no choice {choice_index} (it has {len(node.choices)})")
    choice = node.choices[choice_index]
    return choice, dialogue.nodes[choice.next]


def walk(dialogue: Dialogue, path: Sequence[int]) -> tuple[tuple[Turn, ...], Node]:
    """Follow ``path`` (choice indexes) from the start; return the turns and the node reached.

    Stops early at an index that does not fit, so a path saved for an older version of the exercise
    still shows as far as it goes.
    """
    node = dialogue.nodes[dialogue.start]
    turns: list[Turn] = []
    for index in path:
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(node.choices):
            break
        choice, following = step(dialogue, node.id, index)
        turns.append(Turn(node, index, choice))
        node = following
    return tuple(turns), node


_RANK = {"goed": 0, "matig": 1, "slecht": 2}
_END_RANK = {"opgelost": 0, "open": 1, "geescaleerd": 2}


def strongest_route(dialogue: Dialogue) -> tuple[tuple[Turn, ...], Node]:
    """Return the route that picks a ``goed`` reaction wherever it can and ends best (opgelost first).

    A plain 'always take the first goed choice' can run in circles; this searches all routes for the
    fewest ``slecht``, then ``matig`` reactions, then the fewest steps (ties: file order).
    """
    best: dict[str, tuple[int, int, int]] = {dialogue.start: (0, 0, 0)}
    came_from: dict[str, Turn] = {}
    queue: list[tuple[tuple[int, int, int], int, str]] = [((0, 0, 0), 0, dialogue.start)]
    order = 0
    while queue:
        cost, _, node_id = heapq.heappop(queue)
        if cost > best[node_id]:
            continue
        node = dialogue.nodes[node_id]
        for index, choice in enumerate(node.choices):
            rank = _RANK[choice.quality]
            new = (cost[0] + (rank == 2), cost[1] + (rank == 1), cost[2] + 1)
            if choice.next not in best or new < best[choice.next]:
                best[choice.next] = new
                came_from[choice.next] = Turn(node, index, choice)
                order += 1
                heapq.heappush(queue, (new, order, choice.next))
    ends = [node for node in dialogue.nodes.values() if node.end is not None and node.id in best]
    end = min(ends, key=lambda node: (_END_RANK[node.end or "open"], best[node.id]))
    turns: list[Turn] = []
    node_id = end.id
    while node_id != dialogue.start:
        turn = came_from[node_id]
        turns.append(turn)
        node_id = turn.node.id
    return tuple(reversed(turns)), end


# --------------------------------------------------------------------------- words the student reads
def quality_label(quality: str, exercise: Exercise | None = None) -> str:
    """Return the verdict on a reaction, an icon and words from the catalogue (colour is never the only signal)."""
    if quality == "goed":
        return text("dialogue.quality_good", exercise)
    if quality == "matig":
        return text("dialogue.quality_fair", exercise)
    return text("dialogue.quality_bad", exercise)


def end_label(end: str, exercise: Exercise | None = None) -> str:
    """Return the word for how a conversation ended (opgelost, geëscaleerd, nog open)."""
    if end == "opgelost":
        return text("dialogue.end_solved", exercise)
    if end == "geescaleerd":
        return text("dialogue.end_escalated", exercise)
    return text("dialogue.end_open", exercise)


def outcome_text(end: str, exercise: Exercise | None = None) -> str:
    """Return the sentence that says what the end of a conversation means."""
    if end == "opgelost":
        return text("dialogue.outcome_solved", exercise)
    if end == "geescaleerd":
        return text("dialogue.outcome_escalated", exercise)
    return text("dialogue.outcome_open", exercise)


def _route_text(counts: Mapping[str, int], exercise: Exercise | None) -> str:
    good, fair, bad = counts["goed"], counts["matig"], counts["slecht"]
    return text(
        "dialogue.route", exercise,
        good=(text("dialogue.route_good_one", exercise, count=good) if good == 1
              else text("dialogue.route_good_many", exercise, count=good)),
        fair=(text("dialogue.route_fair_one", exercise, count=fair) if fair == 1
              else text("dialogue.route_fair_many", exercise, count=fair)),
        bad=(text("dialogue.route_bad_one", exercise, count=bad) if bad == 1
             else text("dialogue.route_bad_many", exercise, count=bad)),
    )


# --------------------------------------------------------------------------- summary
def _short(line: str, limit: int = 70) -> str:
    line = " ".join(line.split())
    return line if len(line) <= limit else line[: limit - 3].rsplit(" ", 1)[0] + "..."  # cut between words


def summarize(dialogue: Dialogue, path: Sequence[int], exercise: Exercise | None = None) -> Summary:
    """Sum up a finished conversation: counts per quality, tips used well or to practise, the end and one next step.

    The sentences come from the message catalogue; ``exercise`` lets its own ``texts`` override them.
    """
    turns, end = walk(dialogue, path)
    if end.end is None:
        raise ValueError("the conversation has not reached an end node yet")
    counts = Counter(turn.choice.quality for turn in turns)
    weak = [turn for turn in turns if turn.choice.quality != "goed"]
    weak_tips = {turn.choice.tip for turn in weak}
    good_tips = {turn.choice.tip for turn in turns if turn.choice.quality == "goed"} - weak_tips
    used_well = tuple(tip for key, tip in dialogue.tips.items() if key in good_tips)
    to_practise = tuple(tip for key, tip in dialogue.tips.items() if key in weak_tips)
    if weak:
        # the weakest reaction first (slecht before matig), earliest in the conversation on a tie
        first = min(weak, key=lambda turn: -_RANK[turn.choice.quality])
        next_step = text("dialogue.next_practise", exercise, tip=dialogue.tips[first.choice.tip].name,
                         customer=_short(first.node.customer))
    elif used_well:
        next_step = text("dialogue.next_apply", exercise, tip=used_well[0].name)
    else:
        next_step = text("dialogue.next_other", exercise)
    totals = {quality: counts[quality] for quality in QUALITIES}
    return Summary(end.end, totals, used_well, to_practise, outcome_text(end.end, exercise),
                   _route_text(totals, exercise), next_step)


# --------------------------------------------------------------------------- the type
@dataclass
class Run:
    """One finished conversation: the choice index per step and how it ended."""

    path: list[int]
    end: str


@dataclass
class DialogueState:
    """What the simulator saves: the path of the conversation now, the finished runs, the strongest route shown."""

    path: list[int] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    model_shown: bool = False


def _route(dialogue: Dialogue, path: Sequence[int]) -> tuple[Items, Node]:
    turns, node = walk(dialogue, path)
    lines = tuple(f"Klant: {turn.node.customer} — Jij: {turn.choice.text} ({QUALITIES[turn.choice.quality]})"
                  for turn in turns)
    return Items(lines, label="Jouw route", teacher=True, ordered=True), node


@register
class DialogueType(ExerciseType[DialogueState]):
    """A branching conversation: the customer speaks, the student picks a reaction and sees why it works or not."""

    name = "dialogue"
    label = "Gesprekssimulatie"
    description = "gesprekssimulator: de student kiest steeds wat hij zegt"
    State = DialogueState
    widget = "cursuslib.widgets.dialogue:DialogueExercise"
    verdicts = END_KINDS
    fields = FIELDS
    sample = {
        "title": "Gesprekssimulator: de webshop ligt plat",
        "instruction": "Kies steeds wat jij zegt.",
        "start": "begin",
        "tips": [{"key": "luisteren", "name": "Luister naar de klant"},
                 {"key": "niet_persoonlijk", "name": "Neem het niet persoonlijk"}],
        "nodes": [
            {"id": "begin", "customer": "Mijn webshop ligt er al de hele ochtend uit!", "choices": [
                {"text": "Wat vervelend dat uw shop plat ligt. Wat ziet u precies als u de site opent?",
                 "quality": "goed", "tip": "luisteren",
                 "feedback": "Je erkent de emotie en vraagt open door naar wat de klant ziet.", "next": "opgelost"},
                {"text": "Dat ligt vast aan uw hosting.", "quality": "slecht", "tip": "niet_persoonlijk",
                 "feedback": "Je legt de oorzaak bij een ander; de klant hoort dat je niet wilt helpen.",
                 "next": "boos"}]},
            {"id": "opgelost", "customer": "Fijn, dan hoor ik om drie uur van u.", "end": "opgelost"},
            {"id": "boos", "customer": "Dan bel ik wel een ander bedrijf!", "end": "geescaleerd"},
        ],
    }

    def read(self, raw: Any) -> DialogueState:
        """The saved state; a finished run needs a known end."""
        state = super().read(raw)
        state.runs = [run for run in state.runs if run.end in END_KINDS]
        return state

    def assess(self, exercise: Exercise, state: DialogueState) -> Assessment:
        """How the conversation on screen ended (else the last finished one), with its summary and one next step."""
        dialogue = from_exercise(exercise)
        for path in (state.path, *(run.path for run in reversed(state.runs))):
            if walk(dialogue, path)[1].end is not None:
                summary = summarize(dialogue, path, exercise)
                return Assessment(summary.end, findings=(summary.outcome, summary.route, summary.next_step),
                                  detail=summary)
        return Assessment()

    def portfolio(self, exercise: Exercise, state: DialogueState, ctx: Context) -> Sequence[Block]:
        """Every finished conversation with its route, outcome and next step; then the one still going on."""
        dialogue = from_exercise(exercise)
        blocks: list[Block] = []
        for number, run in enumerate(state.runs, start=1):
            route, node = _route(dialogue, run.path)
            parts: list[Block] = [route]
            if node.end is not None:
                summary = summarize(dialogue, run.path)
                parts += [Para(summary.outcome, label="Uitkomst"), Para(summary.route),
                          Para(summary.next_step, label="Volgende stap", teacher=True)]
            else:
                parts.append(Para("deze route past niet meer bij de oefening.", label="Uitkomst"))
            blocks.append(Group(f"Gesprek {number}", tuple(parts)))
        route, node = _route(dialogue, state.path)
        if route.items and node.end is None:
            blocks.append(Group("Gesprek dat nog bezig is", (route,)))
        if not blocks:
            blocks.append(Para("Nog geen gesprek gevoerd.", note=True))
        return blocks
