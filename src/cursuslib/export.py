"""Student portfolio: everything a student wrote, per lesson, as a printable HTML page or as Markdown."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from .content import REFLECTION_STEPS, Exercise, Lesson
from .exercises import dialogue as dialogue_logic
from .exercises.choice import check_choice
from .exercises.observer import summarise as summarise_observations
from .exercises.ordering import check_order
from .exercises.planner import build_programme, clock
from .exercises.self_assessment import (
    before_after_chart,
    calibrate,
    change_text,
    evidence_level,
    level_text,
    saved_levels,
)
from .language import (
    FollowupResult,
    QuestionResult,
    ReplyResult,
    RewriteResult,
    SummaryResult,
    followup_feedback,
    question_kind,
    reply_feedback,
    rewrite_feedback,
    summary_feedback,
)
from .messages import language_as
from .text import inline_markdown

__all__ = [
    "Answer", "Chart", "Entry", "Group", "Items", "Para", "Portfolio", "Section", "Table",
    "build_portfolio", "dutch_date", "html_page", "markdown_escape", "portfolio_html", "portfolio_markdown",
]

#: Dutch name of each exercise type, shown under the exercise title.
TYPE_NAMES: dict[str, str] = {
    "single_choice": "Meerkeuzevraag",
    "multiple_choice": "Meerkeuzevraag (meer antwoorden)",
    "sort": "Sorteren",
    "reflection": "Reflectie (STARR(T))",
    "question_practice": "Zelf een vraag stellen",
    "question_drill": "Open of gesloten?",
    "lsd_practice": "Luisteren, samenvatten, doorvragen",
    "lsd_dialogue": "LSD-gesprek",
    "rewrite": "Positief herschrijven",
    "reply": "Antwoord aan een klant",
    "self_assessment": "Zelfbeoordeling",
    "matching": "Koppelen",
    "dialogue": "Gesprekssimulatie",
    "planner": "Planning",
    "observer": "Observatie",
    "ordering": "Volgorde",
}
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december")
KIND_NAMES = {"open": "open vraag", "closed": "gesloten vraag"}
#: Longest dump of an answer that cannot be shown per field (a damaged or foreign entry).
MAX_DUMP = 4000
NOT_DONE = "nog niet gemaakt"
SIGNAL = "Automatische feedback is een signaal, geen oordeel."


# --------------------------------------------------------------------------- cached engine calls
@lru_cache(maxsize=16384)
def rewrite_result(original: str, text: str) -> RewriteResult:
    """Engine verdict on a rewrite, cached (a class overview asks for the same texts many times)."""
    return rewrite_feedback(original, text)


@lru_cache(maxsize=8192)
def reply_result(message: str, text: str) -> ReplyResult:
    """Engine verdict on a reply to an angry message, cached."""
    return reply_feedback(message, text)


@lru_cache(maxsize=16384)
def question_result(text: str) -> QuestionResult:
    """Engine verdict on open or closed, cached."""
    return question_kind(text)


@lru_cache(maxsize=8192)
def summary_result(customer: str, text: str) -> SummaryResult:
    """Engine verdict on an LSD summary, cached."""
    return summary_feedback(customer, text)


@lru_cache(maxsize=8192)
def followup_result(customer: str, text: str) -> FollowupResult:
    """Engine verdict on an LSD follow-up question, cached."""
    return followup_feedback(customer, text)


# --------------------------------------------------------------------------- blocks
@dataclass(frozen=True)
class Para:
    """A line of text with an optional bold label; only ``teacher`` text (from exercise files) may use markdown."""

    text: str
    label: str = ""
    teacher: bool = False
    note: bool = False


@dataclass(frozen=True)
class Answer:
    """Text the student typed, shown as a quote under its label (``hint``: the teacher's question)."""

    label: str
    text: str
    hint: str = ""


@dataclass(frozen=True)
class Items:
    """A list of short texts; ``teacher`` as in :class:`Para`."""

    items: tuple[str, ...]
    label: str = ""
    teacher: bool = False
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A small table; the first cell of each row is its row header."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """Our own SVG chart (HTML) with the same figures as a table (Markdown)."""

    svg: str
    table: Table


@dataclass(frozen=True)
class Group:
    """A titled part of an exercise, such as one attempt."""

    title: str
    blocks: tuple[Block, ...]


Block = Para | Answer | Items | Table | Chart | Group


@dataclass(frozen=True)
class Entry:
    """One exercise in the portfolio: title, kind, Dutch save date and what the student did."""

    anchor: str
    title: str
    kind: str
    saved: str
    done: bool
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Section:
    """One lesson with its exercises in file order."""

    anchor: str
    title: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Portfolio:
    """Everything a portfolio shows, before it becomes HTML or Markdown."""

    student: str
    generated: str
    sections: tuple[Section, ...]
    others: tuple[Entry, ...]
    done: int
    total: int


# --------------------------------------------------------------------------- helpers
def dutch_date(value: Any) -> str:
    """Return '14 maart 2025 om 10:22' for an ISO time stamp (as saved), or '' when it is not one."""
    if isinstance(value, datetime):
        moment = value
    else:
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return ""
    return f"{moment.day} {MONTHS[moment.month - 1]} {moment.year} om {moment:%H:%M}"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _dump(value: Any) -> str:
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= MAX_DUMP else text[:MAX_DUMP] + " ..."


def _checked_history(state: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [item for item in _list(state.get("history")) if isinstance(item, dict) and isinstance(item.get("text"), str)]


@dataclass(frozen=True)
class _Context:
    answers: Mapping[str, Any]
    by_id: Mapping[str, Exercise]

    def value(self, exercise_id: str) -> Any:
        entry = self.answers.get(exercise_id)
        return entry.get("value") if isinstance(entry, dict) else None


Renderer = Callable[[Exercise, dict[str, Any], _Context], list[Block]]
RENDERERS: dict[str, Renderer] = {}


def _renders(*types: str) -> Callable[[Renderer], Renderer]:
    def add(function: Renderer) -> Renderer:
        for kind in types:
            RENDERERS[kind] = function
        return function

    return add


# --------------------------------------------------------------------------- per exercise type
@_renders("single_choice", "multiple_choice")
def _choice(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    options = {option.key: option for option in exercise.data["options"]}
    selected = [key for key in _list(state.get("selected")) if isinstance(key, str) and key in options]
    blocks: list[Block] = [Para(exercise.data["question"], label="Vraag", teacher=True)]
    if not selected:
        return [*blocks, Para("Nog geen antwoord gekozen.", note=True)]
    blocks.append(Items(tuple(options[key].text for key in options if key in selected), label="Jouw keuze",
                        teacher=True))
    attempts = _int(state.get("attempts"))
    if attempts > 0:
        result = check_choice(exercise, selected)
        blocks.append(Para(f"{result.summary} ({_count(attempts, 'poging', 'pogingen')})", label="Resultaat"))
    return blocks


def _share_line(expected: Sequence[str], state: Mapping[str, Any], what: str, *, checked: bool) -> Para:
    answers = _dict(state.get("answers"))
    given = sum(1 for index in range(len(expected)) if isinstance(answers.get(str(index)), str))
    right = sum(answers.get(str(index)) == answer for index, answer in enumerate(expected))
    if not checked:
        return Para(f"{given} van de {len(expected)} {what} ingedeeld; nog niet gecontroleerd.", label="Resultaat")
    attempts = _int(state.get("attempts"))
    tail = f" ({_count(attempts, 'poging', 'pogingen')})" if attempts else ""
    return Para(f"{right} van de {len(expected)} {what} goed ingedeeld{tail}.", label="Resultaat")


@_renders("sort")
def _sort(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    expected = [statement.answer for statement in exercise.data["statements"]]
    return [_share_line(expected, state, "uitspraken", checked=_int(state.get("attempts")) > 0)]


@_renders("matching")
def _matching(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    expected = [item.answer for item in exercise.data["items"]]
    return [_share_line(expected, state, "situaties", checked=_int(state.get("attempts")) > 0)]


@_renders("question_drill")
def _drill(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    expected = [question.kind for question in exercise.data["questions"]]
    return [_share_line(expected, state, "vragen", checked=True)]


@_renders("reflection")
def _reflection(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    prompts: Mapping[str, str] = exercise.data["prompts"]
    texts = _dict(state.get("steps"))
    blocks: list[Block] = []
    for key, (name, _default) in REFLECTION_STEPS.items():
        text = _text(texts.get(key)).strip()
        if text:
            blocks.append(Answer(name, text, hint=prompts.get(key, "")))
        else:
            blocks.append(Para("niet ingevuld", label=name, note=True))
    return blocks


def _attempts(exercise: Exercise, state: dict[str, Any], *, label: str,
              judge: Callable[[str], tuple[bool, tuple[str, ...]]], verdicts: tuple[str, str]) -> list[Block]:
    """Every checked attempt with the engine's verdict and messages, then an unchecked last version."""
    history = _checked_history(state)
    blocks: list[Block] = []
    for number, item in enumerate(history, start=1):
        ok, messages = judge(item["text"])
        verdict = f"✔ {verdicts[0]}" if ok else f"✘ {verdicts[1]}"
        parts: list[Block] = [Answer(label, item["text"]), Para(verdict, label="Feedback")]
        if messages:
            parts.append(Items(tuple(messages)))
        blocks.append(Group(f"Poging {number}", tuple(parts)))
    current = _text(state.get("text"))
    if current.strip() and (not history or history[-1]["text"] != current):
        blocks.append(Answer(f"{label} (laatste versie, nog niet gecontroleerd)", current))
    if not blocks:
        blocks.append(Para("Nog niets geschreven.", note=True))
    elif history:
        blocks.append(Para(SIGNAL, note=True))
    annotations: Sequence[str] = exercise.data.get("annotations") or ()
    ticks = _list(state.get("ticks"))
    ticked = tuple(note for note, tick in zip(annotations, ticks, strict=False) if tick is True)
    if ticked:
        blocks.append(Items(ticked, label="Dit doet jouw tekst volgens jezelf ook (afvinklijst)", teacher=True))
    return blocks


@_renders("rewrite")
def _rewrite(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    sentence: str = exercise.data["sentence"]

    def judge(text: str) -> tuple[bool, tuple[str, ...]]:
        result = rewrite_result(sentence, text)
        return result.improved, result.messages

    head: list[Block] = [Para(sentence, label="De oorspronkelijke zin", teacher=True)]
    return head + _attempts(exercise, state, label="Jouw zin", judge=judge,
                            verdicts=("Je zin is positiever en helpt de klant verder.", "Je zin kan nog positiever."))


@_renders("reply")
def _reply(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    message: str = exercise.data["message"]

    def judge(text: str) -> tuple[bool, tuple[str, ...]]:
        result = reply_result(message, text)
        return result.ok, result.messages

    head: list[Block] = [Para(message, label="Het bericht van de klant", teacher=True)]
    return head + _attempts(exercise, state, label="Jouw antwoord", judge=judge,
                            verdicts=("Dit antwoord helpt de klant verder en kalmeert de situatie.",
                                      "Dit antwoord kan de klant nog beter helpen."))


@_renders("question_practice")
def _question_practice(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    blocks: list[Block] = [Para(exercise.data["situation"], label="Situatie", teacher=True)]
    history = _checked_history(state)
    for number, item in enumerate(history, start=1):
        result = question_result(item["text"])
        parts: list[Block] = [Answer("Jouw vraag", item["text"]),
                              Para(f"dit is een {KIND_NAMES.get(result.kind, result.kind)}.", label="Soort vraag")]
        if result.explanation:
            parts.append(Para(result.explanation))
        if result.suggestion:
            parts.append(Para(result.suggestion, label="Tip"))
        blocks.append(Group(f"Vraag {number}", tuple(parts)))
    current = _text(state.get("text"))
    if current.strip() and (not history or history[-1]["text"] != current):
        blocks.append(Answer("Jouw vraag (nog niet gecontroleerd)", current))
    if len(blocks) == 1:
        blocks.append(Para("Nog geen vraag geschreven.", note=True))
    return blocks


def _verdict_blocks(title: str, ok: bool, messages: Sequence[str]) -> list[Block]:
    blocks: list[Block] = [Para("✔ sterk" if ok else "✘ kan nog sterker", label=title)]
    if messages:
        blocks.append(Items(tuple(messages)))
    return blocks


@_renders("lsd_practice")
def _lsd_practice(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    customer: str = exercise.data["customer"]
    blocks: list[Block] = []
    if exercise.data.get("context"):
        blocks.append(Para(exercise.data["context"], teacher=True))
    blocks.append(Para(customer, label="De klant zegt", teacher=True))
    summary, question = _text(state.get("summary")), _text(state.get("question"))
    if summary.strip():
        result = summary_result(customer, summary)
        blocks += [Answer("Jouw samenvatting", summary), *_verdict_blocks("Samenvatting", result.ok, result.messages)]
    if question.strip():
        follow = followup_result(customer, question)
        blocks += [Answer("Jouw doorvraag", question), *_verdict_blocks("Doorvraag", follow.ok, follow.messages)]
    if not summary.strip() and not question.strip():
        blocks.append(Para("Nog geen samenvatting of doorvraag geschreven.", note=True))
    else:
        blocks.append(Para(SIGNAL, note=True))
    return blocks


@_renders("lsd_dialogue")
def _lsd_dialogue(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    turns: Sequence[str] = exercise.data["turns"]
    blocks: list[Block] = []
    if exercise.data.get("context"):
        blocks.append(Para(exercise.data["context"], teacher=True))
    exchanges = [item for item in _list(state.get("exchanges")) if isinstance(item, dict)]
    for number, exchange in enumerate(exchanges, start=1):
        summary, question = _text(exchange.get("summary")), _text(exchange.get("question"))
        parts: list[Block] = [Para(turns[min(number - 1, len(turns) - 1)], label="De klant", teacher=True),
                              Answer("Jouw samenvatting", summary)]
        parts.append(Para("✔ de klant herkent zich hierin" if exchange.get("summary_ok") is True
                          else "✘ sluit nog niet helemaal aan bij wat de klant zei", label="Samenvatting"))
        if question.strip():
            parts.append(Answer("Jouw doorvraag", question))
            parts.append(Para("✔ helpt de klant verder vertellen" if exchange.get("question_ok") is True
                              else "✘ kan sterker", label="Doorvraag"))
        blocks.append(Group(f"Beurt {number}", tuple(parts)))
    if state.get("finished") is True:
        blocks.append(Para(exercise.data["confirmation"], label="De klant", teacher=True))
        blocks.append(Para("Gesprek afgerond: de onderliggende behoefte is duidelijk.", label="Uitkomst"))
    elif exchanges:
        blocks.append(Para("Het gesprek is nog niet afgerond.", label="Uitkomst"))
    draft_summary, draft_question = _text(state.get("summary")), _text(state.get("question"))
    if draft_summary.strip():
        blocks.append(Answer("Concept-samenvatting (nog niet verstuurd)", draft_summary))
    if draft_question.strip():
        blocks.append(Answer("Concept-doorvraag (nog niet verstuurd)", draft_question))
    if not blocks or all(isinstance(block, Para) and block.teacher for block in blocks):
        blocks.append(Para("Nog geen beurt gedaan.", note=True))
    return blocks


def _route(dialogue: dialogue_logic.Dialogue, path: Sequence[int]) -> tuple[Items, dialogue_logic.Node]:
    turns, node = dialogue_logic.walk(dialogue, path)
    lines = tuple(f"Klant: {turn.node.customer} — Jij: {turn.choice.text} "
                  f"({dialogue_logic.QUALITIES[turn.choice.quality]})" for turn in turns)
    return Items(lines, label="Jouw route", teacher=True, ordered=True), node


@_renders("dialogue")
def _dialogue(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    dialogue = dialogue_logic.from_exercise(exercise)
    runs = [run for run in _list(state.get("runs")) if isinstance(run, dict) and isinstance(run.get("path"), list)]
    blocks: list[Block] = []
    for number, run in enumerate(runs, start=1):
        path = [index for index in run["path"] if isinstance(index, int) and not isinstance(index, bool)]
        route, node = _route(dialogue, path)
        parts: list[Block] = [route]
        if node.end is not None:
            summary = dialogue_logic.summarize(dialogue, path)
            parts += [Para(summary.outcome, label="Uitkomst"),
                      Para(summary.route), Para(summary.next_step, label="Volgende stap", teacher=True)]
        else:
            parts.append(Para("deze route past niet meer bij de oefening.", label="Uitkomst"))
        blocks.append(Group(f"Gesprek {number}", tuple(parts)))
    path = [index for index in _list(state.get("path")) if isinstance(index, int) and not isinstance(index, bool)]
    route, node = _route(dialogue, path)
    if route.items and node.end is None:
        blocks.append(Group("Gesprek dat nog bezig is", (route,)))
    if not blocks:
        blocks.append(Para("Nog geen gesprek gevoerd.", note=True))
    return blocks


@_renders("self_assessment")
def _self_assessment(exercise: Exercise, state: dict[str, Any], ctx: _Context) -> list[Block]:
    if exercise.data["moment"] == "begin":
        qualities = exercise.data["qualities"]
        levels = saved_levels(state, [quality.key for quality in qualities])
        rows = tuple((quality.name, str(levels[quality.key]), level_text(quality, levels[quality.key]))
                     if quality.key in levels else (quality.name, "niet ingevuld", "")
                     for quality in qualities)
        return [Table("Jouw inschatting (niveau 1 tot en met 4)", ("Eigenschap", "Niveau", "Wat je dan doet"), rows),
                Para("Zelfbeoordeling is bedoeld om van te leren; het is geen cijfer.", note=True)]
    begin = ctx.by_id.get(exercise.data["compare_with"])
    if begin is None:
        return [Para("De zelfbeoordeling om mee te vergelijken staat niet in deze cursus.", note=True)]
    qualities = begin.data["qualities"]
    keys = [quality.key for quality in qualities]
    before, after = saved_levels(ctx.value(begin.id), keys), saved_levels(state, keys)

    def shown(levels: Mapping[str, int], key: str) -> str:
        return str(levels[key]) if key in levels else "niet ingevuld"

    table = Table("Zelfbeoordeling aan het begin en aan het eind (niveau 1 tot en met 4)", ("Eigenschap", "Begin", "Eind"),
                  tuple((quality.name, shown(before, quality.key), shown(after, quality.key)) for quality in qualities))
    blocks: list[Block] = [Chart(before_after_chart(qualities, before, after, chart_id=f"grafiek-{exercise.id}"), table)]
    texts = _dict(state.get("explanations"))
    for quality in qualities:
        explanation = _text(texts.get(quality.key)).strip()
        if quality.key not in after and not explanation:
            continue  # not rated at the end: the table already says so
        evidence = evidence_level(quality.evidence, ctx.answers, ctx.by_id)
        calibration = calibrate(quality, after.get(quality.key), evidence)
        parts: list[Block] = []
        change = change_text(before.get(quality.key), after.get(quality.key))
        if change:
            parts.append(Para(change))
        parts.append(Para(calibration.description))
        if explanation:
            parts.append(Answer("Jouw verklaring", explanation))
        blocks.append(Group(quality.name, tuple(parts)))
    overall = _text(state.get("explanation")).strip()
    if overall:
        blocks.append(Answer("Jouw toelichting", overall))
    return blocks


@_renders("planner")
def _planner(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    start = _text(state.get("start")) or exercise.data["start"]
    minutes = {key: value for key, value in _dict(state.get("minutes")).items()
               if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 24 * 60}
    programme = build_programme(exercise, start, minutes)
    if programme.error:
        return [Para(programme.error, label="Starttijd")]
    rows = tuple((row.part.name, clock(row.start), clock(row.end), str(row.minutes)) for row in programme.rows)
    blocks: list[Block] = [Table("Jouw programma", ("Onderdeel", "Van", "Tot", "Minuten"), rows)]
    if programme.violations:
        blocks.append(Items(programme.violations, label="Let op"))
    else:
        blocks.append(Para("Alle onderdelen passen binnen de spelregels.", label="Resultaat"))
    return blocks


@_renders("observer")
def _observer(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    behaviours = exercise.data["behaviours"]
    rounds = [round_ for round_ in _list(state.get("rounds")) if isinstance(round_, dict)
              and isinstance(round_.get("counts"), dict)]
    current = {key: _int(value) for key, value in _dict(state.get("counts")).items()}
    if any(current.values()):
        rounds = [*rounds, {"person": "nu bezig", "counts": current}]
    if not rounds:
        return [Para("Nog niets geturfd.", note=True)]
    rows = tuple(
        (_text(round_.get("person")) or f"Ronde {number}",
         *(str(_int(round_["counts"].get(behaviour.key))) for behaviour in behaviours))
        for number, round_ in enumerate(rounds, start=1))
    blocks: list[Block] = [Table("Jouw observaties per ronde", ("Wie", *(b.name for b in behaviours)), rows)]
    summary = summarise_observations(exercise, rounds)
    if summary.open_share is not None:
        blocks.append(Para(f"{round(summary.open_share * 100)}%", label="Aandeel open vragen"))
    if summary.strengths:
        blocks.append(Para(", ".join(summary.strengths), label="Wat goed ging"))
    blocks.append(Para(summary.tip))
    return blocks


@_renders("ordering")
def _ordering(exercise: Exercise, state: dict[str, Any], _: _Context) -> list[Block]:
    items = exercise.data["items"]
    order = _list(state.get("order"))
    valid = all(isinstance(index, int) and not isinstance(index, bool) for index in order)
    if not valid or sorted(order) != list(range(len(items))):
        return [Para("Nog geen volgorde gekozen.", note=True)]
    blocks: list[Block] = [Items(tuple(items[index].text for index in order), label="Jouw volgorde", teacher=True,
                                 ordered=True)]
    attempts = _int(state.get("attempts"))
    if attempts > 0:
        result = check_order(exercise, order)
        blocks.append(Para(f"{result.summary} ({_count(attempts, 'poging', 'pogingen')})", label="Resultaat"))
    return blocks


def _fallback(value: Any) -> list[Block]:
    return [Para("Dit antwoord kan hier niet per onderdeel worden getoond; dit zijn de opgeslagen gegevens.",
                 note=True), Answer("Opgeslagen gegevens", _dump(value))]


def _blocks(exercise: Exercise, value: Any, ctx: _Context) -> list[Block]:
    renderer = RENDERERS.get(exercise.type)
    if renderer is None or not isinstance(value, dict):
        return _fallback(value)
    try:
        return renderer(exercise, value, ctx)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):  # an old or damaged answer
        return _fallback(value)


# --------------------------------------------------------------------------- building
def _lesson_heading(lesson: Lesson) -> str:
    number = lesson.lesson.split("_", 1)[0]
    return f"Les {number}: {lesson.title}" if number.isdigit() else lesson.title


@language_as("nl")  # the portfolio and the overview are Dutch documents, whatever the widget language
def build_portfolio(doc: Mapping[str, Any], *, lessons: Mapping[str, Lesson], student: str = "",
                    generated: datetime | None = None) -> Portfolio:
    """Collect what the student did per lesson in course order; answers for unknown ids go to ``others``."""
    answers = doc.get("answers") if isinstance(doc, Mapping) else None
    answers = answers if isinstance(answers, dict) else {}
    by_id = {exercise.id: exercise for lesson in lessons.values() for exercise in lesson.exercises}
    ctx = _Context(answers, by_id)
    sections, done, total = [], 0, 0
    for lesson in lessons.values():
        entries = []
        for exercise in lesson.exercises:
            total += 1
            entry = answers.get(exercise.id)
            kind = TYPE_NAMES.get(exercise.type, exercise.type)
            anchor = f"oefening-{exercise.id}"
            if not isinstance(entry, dict) or "value" not in entry:
                entries.append(Entry(anchor, exercise.title, kind, "", False, ()))
                continue
            done += 1
            entries.append(Entry(anchor, exercise.title, kind, dutch_date(entry.get("saved_at")), True,
                                 tuple(_blocks(exercise, entry["value"], ctx))))
        sections.append(Section(f"les-{lesson.lesson}", _lesson_heading(lesson), tuple(entries)))
    others = []
    for number, (key, entry) in enumerate(sorted((str(k), v) for k, v in answers.items() if k not in by_id), start=1):
        value = entry.get("value") if isinstance(entry, dict) else entry
        saved = dutch_date(entry.get("saved_at")) if isinstance(entry, dict) else ""
        others.append(Entry(f"overig-{number}", key, "Onbekende oefening", saved, True,
                            (Answer("Opgeslagen gegevens", _dump(value)),)))
    return Portfolio(student, dutch_date(generated or datetime.now()), tuple(sections), tuple(others), done, total)


# --------------------------------------------------------------------------- HTML
PAGE_CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #fff;
  line-height: 1.5; max-width: 50em; margin: 0 auto; padding: 1em 1.5em 3em; }
h1 { font-size: 1.8em; margin-bottom: 0.2em; }
h2 { font-size: 1.4em; border-bottom: 2px solid #1f5fa8; padding-bottom: 0.15em; margin-top: 1.6em; }
h3 { font-size: 1.15em; margin: 1.2em 0 0.2em; }
h4 { font-size: 1em; margin: 0.8em 0 0.2em; }
a { color: #1f5fa8; }
.meta { color: #4a4a4a; font-size: 0.9em; margin-top: 0; }
.note { color: #4a4a4a; font-style: italic; }
.hint { color: #4a4a4a; font-size: 0.9em; margin: 0; }
.label { font-weight: bold; margin: 0.5em 0 0.1em; }
blockquote.answer { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f6; border-left: 4px solid #767676;
  margin: 0.2em 0 0.6em; padding: 0.3em 0.7em; }
.group { border-left: 3px solid #c8d6e8; padding-left: 0.8em; margin: 0.6em 0; }
.tip { background: #eef4fb; border-left: 4px solid #1f5fa8; padding: 0.4em 0.8em; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #767676; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
thead th { background: #eef4fb; }
caption { text-align: left; font-weight: bold; padding: 0.2em 0; }
td.number, th.number { text-align: right; }
figure { margin: 0.5em 0; }
article.exercise { margin-bottom: 1em; }
article.todo { margin-bottom: 0.4em; }
article.todo h3 { font-size: 1em; margin: 0.6em 0 0; }
article.todo .meta { margin: 0; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .no-print { display: none; }
  a { color: inherit; text-decoration: none; }
  main section > h2 { break-before: page; }
  h2, h3, h4, .label { break-after: avoid; }
  table, figure, blockquote.answer, .group { break-inside: avoid; }
  thead th { background: none; }
}
"""


def html_page(title: str, body: str, *, css: str = PAGE_CSS) -> str:
    """Return a self-contained Dutch HTML page (inline CSS, no external resources); ``body`` must be safe HTML."""
    return ("<!DOCTYPE html>\n"
            '<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


def _html_inline(text: str, teacher: bool) -> str:
    return inline_markdown(text) if teacher else html.escape(text).replace("\n", "<br>")


def _html_table(table: Table) -> str:
    head = "".join(f'<th scope="col">{html.escape(cell)}</th>' for cell in table.head)
    rows = "".join(
        "<tr>" + "".join(f'<th scope="row">{html.escape(cell)}</th>' if index == 0 else f"<td>{html.escape(cell)}</td>"
                         for index, cell in enumerate(row)) + "</tr>"
        for row in table.rows)
    return (f"<table><caption>{html.escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _html_block(block: Block, level: int) -> str:
    if isinstance(block, Para):
        label = f"<strong>{html.escape(block.label)}:</strong> " if block.label else ""
        css = ' class="note"' if block.note else ""
        return f"<p{css}>{label}{_html_inline(block.text, block.teacher)}</p>"
    if isinstance(block, Answer):
        hint = f'<p class="hint">{inline_markdown(block.hint)}</p>' if block.hint else ""
        return (f'<p class="label">{html.escape(block.label)}</p>{hint}'
                f'<blockquote class="answer">{html.escape(block.text)}</blockquote>')
    if isinstance(block, Items):
        tag = "ol" if block.ordered else "ul"
        label = f'<p class="label">{html.escape(block.label)}</p>' if block.label else ""
        items = "".join(f"<li>{_html_inline(item, block.teacher)}</li>" for item in block.items)
        return f"{label}<{tag}>{items}</{tag}>"
    if isinstance(block, Table):
        return _html_table(block)
    if isinstance(block, Chart):
        return (f"<figure>{block.svg}</figure>"
                f'<details class="no-print"><summary>De cijfers als tabel</summary>{_html_table(block.table)}</details>')
    heading = min(level, 6)
    inner = "".join(_html_block(child, level + 1) for child in block.blocks)
    return f'<div class="group"><h{heading}>{html.escape(block.title)}</h{heading}>{inner}</div>'


def _meta(entry: Entry) -> str:
    if not entry.done:
        return f"{entry.kind} · {NOT_DONE}"
    return entry.kind + (f" · opgeslagen op {entry.saved}" if entry.saved else "")


def _html_entry(entry: Entry) -> str:
    meta = _meta(entry)
    blocks = "".join(_html_block(block, 4) for block in entry.blocks)
    css = "exercise" if entry.done else "exercise todo"
    return (f'<article class="{css}" id="{html.escape(entry.anchor)}"><h3>{html.escape(entry.title)}</h3>'
            f'<p class="meta">{html.escape(meta)}</p>{blocks}</article>')


def portfolio_html(doc: Mapping[str, Any], *, lessons: Mapping[str, Lesson], student: str = "",
                   generated: datetime | None = None) -> str:
    """Return the portfolio as one self-contained, printable HTML page; all student text is escaped."""
    folio = build_portfolio(doc, lessons=lessons, student=student, generated=generated)
    esc = html.escape
    name = student.strip()
    parts = ["<header>", "<h1>Portfolio Klantgesprekken</h1>"]
    if name:
        parts.append(f'<p class="meta">Student: <strong>{esc(name)}</strong></p>')
    parts.append(f'<p class="meta">Gemaakt op {esc(folio.generated)}.</p>')
    parts.append(f"<p>Je hebt {folio.done} van de {folio.total} oefeningen gemaakt. Hieronder staat per les wat je "
                 "schreef en koos, met de feedback die je kreeg. " + esc(SIGNAL) + "</p>")
    parts.append('<p class="tip no-print">Bewaren als PDF: kies in je browser <strong>Afdrukken</strong> '
                 "(Ctrl+P, op een Mac Cmd+P) en dan <strong>Opslaan als PDF</strong>.</p>")
    toc = "".join(f'<li><a href="#{esc(section.anchor)}">{esc(section.title)}</a></li>' for section in folio.sections)
    if folio.others:
        toc += '<li><a href="#overige-antwoorden">Overige antwoorden</a></li>'
    parts.append(f'<nav aria-label="Inhoud"><h2>Inhoud</h2><ol>{toc}</ol></nav>')
    parts.append("</header>\n<main>")
    for section in folio.sections:
        entries = "".join(_html_entry(entry) for entry in section.entries)
        parts.append(f'<section id="{esc(section.anchor)}"><h2>{esc(section.title)}</h2>{entries}</section>')
    if folio.others:
        entries = "".join(_html_entry(entry) for entry in folio.others)
        parts.append('<section id="overige-antwoorden"><h2>Overige antwoorden</h2>'
                     "<p>Deze antwoorden horen bij oefeningen die niet (meer) in de cursus staan.</p>"
                     f"{entries}</section>")
    parts.append("</main>")
    title = "Portfolio Klantgesprekken" + (f" – {name}" if name else "")
    return html_page(title, "\n".join(parts))


# --------------------------------------------------------------------------- Markdown
_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s\"'<>]+)\)")


def markdown_escape(text: str) -> str:
    """Escape text so Markdown shows it literally: no HTML, links, emphasis, headings or lists come from it."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    lines = []
    for line in text.split("\n"):
        line = line.lstrip()  # leading spaces would turn a line into a code block
        match = _MD_LINE_START.match(line)
        if match:
            if match.group(2)[0].isdigit():  # '1.' or '1)' starts a numbered list
                end = match.end(2)
                line = line[:end] + "\\" + line[end:]
            else:
                line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def _md_teacher(text: str) -> str:
    """Teacher text keeps its inline markdown and https links; HTML and other links are shown as text."""
    out, last = [], 0
    for match in _MD_LINK.finditer(text):
        out.append(_md_teacher_plain(text[last:match.start()]))
        out.append(f"[{_md_teacher_plain(match.group(1))}]({match.group(2)})")
        last = match.end()
    out.append(_md_teacher_plain(text[last:]))
    return "".join(out)


def _md_teacher_plain(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\[\]])", r"\\\1", text)


def _md_inline(text: str, teacher: bool) -> str:
    if teacher:
        return "  \n".join(_md_teacher(line) for line in text.split("\n"))
    return "  \n".join(markdown_escape(text).split("\n"))


def _md_cell(text: str) -> str:
    # one line inside a table row: only inline markup can start here, so no line-start escapes
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_INLINE.sub(r"\\\1", text)


def _md_table(table: Table) -> list[str]:
    lines = [f"**{markdown_escape(table.caption)}**", "",
             "| " + " | ".join(_md_cell(cell) for cell in table.head) + " |",
             "|" + "|".join(" --- " for _ in table.head) + "|"]
    lines += ["| " + " | ".join(_md_cell(cell) for cell in row) + " |" for row in table.rows]
    return [*lines, ""]


def _md_block(block: Block, level: int) -> list[str]:
    if isinstance(block, Para):
        text = _md_inline(block.text, block.teacher)
        if block.note:
            text = f"*{text}*" if "\n" not in text else text
        label = f"**{markdown_escape(block.label)}:** " if block.label else ""
        return [label + text, ""]
    if isinstance(block, Answer):
        lines = [f"**{markdown_escape(block.label)}**", ""]
        if block.hint:
            lines += [f"*{_md_teacher(' '.join(block.hint.split()))}*", ""]
        lines += ["> " + line + "  " if line else ">" for line in markdown_escape(block.text).split("\n")]
        return [*lines, ""]
    if isinstance(block, Items):
        lines = [f"**{markdown_escape(block.label)}**", ""] if block.label else []
        for number, item in enumerate(block.items, start=1):
            marker = f"{number}." if block.ordered else "-"
            lines.append(f"{marker} " + _md_inline(" ".join(item.split()), block.teacher))
        return [*lines, ""]
    if isinstance(block, Table):
        return _md_table(block)
    if isinstance(block, Chart):
        return _md_table(block.table)
    lines = [f"{'#' * min(level, 6)} {markdown_escape(block.title)}", ""]
    for child in block.blocks:
        lines += _md_block(child, level + 1)
    return lines


def _md_entry(entry: Entry) -> list[str]:
    meta = _meta(entry)
    lines = [f"### {markdown_escape(entry.title)}", "", f"*{markdown_escape(meta)}*", ""]
    for block in entry.blocks:
        lines += _md_block(block, 4)
    return lines


def portfolio_markdown(doc: Mapping[str, Any], *, lessons: Mapping[str, Lesson], student: str = "",
                       generated: datetime | None = None) -> str:
    """Return the portfolio as Markdown; student text is escaped so it never becomes markup."""
    folio = build_portfolio(doc, lessons=lessons, student=student, generated=generated)
    lines = ["# Portfolio Klantgesprekken", ""]
    if student.strip():
        lines += [f"**Student:** {markdown_escape(' '.join(student.split()))}", ""]
    lines += [f"Gemaakt op {folio.generated}.", "",
              f"Je hebt {folio.done} van de {folio.total} oefeningen gemaakt. Hieronder staat per les wat je schreef "
              f"en koos, met de feedback die je kreeg. {SIGNAL}", ""]
    for section in folio.sections:
        lines += [f"## {markdown_escape(section.title)}", ""]
        for entry in section.entries:
            lines += _md_entry(entry)
    if folio.others:
        lines += ["## Overige antwoorden", "", "Deze antwoorden horen bij oefeningen die niet (meer) in de cursus staan.",
                  ""]
        for entry in folio.others:
            lines += _md_entry(entry)
    return "\n".join(lines).rstrip() + "\n"
