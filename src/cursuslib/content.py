"""Loading and validating exercise files (``exercises/<lesson>.yaml``, schema version 1).

The schema is declared below as data (one :class:`Field` per key, with a Dutch
description), so error messages, the teacher documentation and templates all come
from one place. Every mistake becomes a :class:`ContentError` whose Dutch message
names the file, the exercise (id or position), the field and what is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import paths

#: The schema version this code reads; files carry it as ``schema_version``.
SCHEMA_VERSION = 1

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_]{1,20}$")

#: The STARR(T) steps in order, with the default prompt for each.
REFLECTION_STEPS: dict[str, tuple[str, str]] = {
    "situatie": ("Situatie", "Wat speelde er? Wie waren erbij, waar en wanneer was het?"),
    "taak": ("Taak", "Wat was jouw rol? Wat wilde je bereiken?"),
    "actie": ("Actie", "Wat deed en zei je precies, en waarom koos je daarvoor?"),
    "resultaat": ("Resultaat", "Wat was het effect? Hoe reageerde de ander?"),
    "reflectie": ("Reflectie", "Wat ging goed? Wat doe je de volgende keer anders?"),
    "transfer": ("Transfer", "In welke andere situatie ga je dit ook toepassen?"),
}

SORT_ANSWERS = {"doen": "Doen", "niet_doen": "Niet doen"}
#: Question kinds a drill may use, with their Dutch labels.
QUESTION_KINDS = {"open": "Open", "gesloten": "Gesloten"}
#: Types whose feedback can be tested with ``examples``, and the verdicts an example may expect.
EXAMPLE_VERDICTS: dict[str, tuple[str, ...]] = {
    "rewrite": ("verbeterd", "niet_verbeterd"),
    "question_practice": ("open", "gesloten"),
    "reflection": ("te_kort", "voldoende"),
    "reply": ("goed", "nog_niet"),
    "lsd_practice": ("goed", "nog_niet"),
}


class ContentError(Exception):
    """A mistake in an exercise file; ``str(error)`` is the Dutch message for the teacher."""


# --------------------------------------------------------------------------- model
@dataclass(frozen=True)
class Option:
    """One answer option of a choice quiz."""

    key: str
    text: str
    explanation: str


@dataclass(frozen=True)
class Statement:
    """One statement of a do/don't sort, with the right category and why."""

    text: str
    answer: str
    explanation: str


@dataclass(frozen=True)
class DrillQuestion:
    """One question of an open/closed drill, with its kind and an optional teacher explanation."""

    text: str
    kind: str
    explanation: str


@dataclass(frozen=True)
class OrderItem:
    """One step of an ordering exercise, with why it stands at its place."""

    text: str
    explanation: str


@dataclass(frozen=True)
class PlanPart:
    """One part of a planned programme: its length in minutes and the rule for it."""

    key: str
    name: str
    default: int
    min: int
    max: int
    rule: str


@dataclass(frozen=True)
class Behaviour:
    """One behaviour an observer tallies; ``kind`` is positief, negatief or neutraal."""

    key: str
    name: str
    kind: str


@dataclass(frozen=True)
class Example:
    """An example answer with the verdict the automatic feedback must give (a content test, see ``cursus check``)."""

    answer: str
    expect: str


@dataclass(frozen=True)
class Exercise:
    """An exercise as loaded from a file: common fields plus the type's own ``data``."""

    id: str
    type: str
    title: str
    instruction: str
    lesson: str
    source: str
    data: Mapping[str, Any]
    examples: tuple[Example, ...] = ()
    #: Overrides of this exercise's widget texts (keys from teksten/nl.yaml), see :mod:`cursuslib.messages`.
    texts: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Lesson:
    """One exercise file: its lesson name, title and exercises in file order."""

    lesson: str
    title: str
    path: Path
    exercises: tuple[Exercise, ...]


# --------------------------------------------------------------------------- schema
@dataclass(frozen=True)
class Field:
    """One key of an exercise: its Dutch description and how to check its value."""

    name: str
    description: str
    check: Callable[[Any, Mapping[str, Any]], Any]
    required: bool = True
    #: Value used when an optional field is left out; it goes through ``check`` too.
    default: Any = None


class FieldError(Exception):
    """Raised by a field check with the Dutch 'what is allowed' text (the caller adds file, exercise and field)."""


def _text(value: Any, _: Mapping[str, Any]) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise FieldError(f"verwacht een tekst die niet leeg is (niet {_describe(value)})")
    return value.strip()


def _optional_text(value: Any, ctx: Mapping[str, Any]) -> str:
    return "" if value is None else _text(value, ctx)


def _positive_int(value: Any, _: Mapping[str, Any]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1000:
        raise FieldError(f"verwacht een heel getal van 0 tot en met 1000 (niet {_describe(value)})")
    return value


def _options(value: Any, _: Mapping[str, Any]) -> tuple[Option, ...]:
    if not isinstance(value, list) or len(value) < 2:
        raise FieldError(f"verwacht een lijst van minstens 2 opties (niet {_describe(value)})")
    result: list[Option] = []
    for number, item in enumerate(value, start=1):
        where = f"optie {number}"
        if not isinstance(item, dict):
            raise FieldError(f"{where}: verwacht 'key', 'text' en 'explanation' (niet {_describe(item)})")
        _no_unknown(item, {"key", "text", "explanation"}, where)
        key = item.get("key")
        if not isinstance(key, (str, int)) or isinstance(key, bool) or not KEY_PATTERN.match(str(key)):
            raise FieldError(f"{where}, 'key': verwacht een korte sleutel van letters of cijfers, zoals a of b (niet {_describe(key)})")
        for name in ("text", "explanation"):
            if name not in item:
                raise FieldError(f"{where}: het veld '{name}' ontbreekt")
            try:
                _text(item[name], {})
            except FieldError as exc:
                raise FieldError(f"{where}, '{name}': {exc}") from None
        if any(option.key == str(key) for option in result):
            raise FieldError(f"{where}: de sleutel '{key}' komt twee keer voor; elke optie heeft een eigen sleutel")
        result.append(Option(str(key), _text(item["text"], {}), _text(item["explanation"], {})))
    return tuple(result)


def _correct(value: Any, ctx: Mapping[str, Any], *, many: bool) -> frozenset[str]:
    keys = [option.key for option in ctx.get("options", ())]
    allowed = ", ".join(keys)
    items = value if isinstance(value, list) else [value]
    if many and not isinstance(value, list):
        raise FieldError(f"verwacht een lijst met sleutels van de goede opties, zoals [a, c]; kies uit: {allowed}")
    if not many and isinstance(value, list):
        raise FieldError(f"verwacht precies één sleutel (dit is single_choice); kies uit: {allowed}")
    if not items:
        raise FieldError(f"verwacht minstens één goede optie; kies uit: {allowed}")
    for item in items:
        if isinstance(item, bool) or str(item) not in keys:
            raise FieldError(f"{_describe(item)} is geen optie van deze oefening; kies uit: {allowed}")
    return frozenset(str(item) for item in items)


def _categories(value: Any, _: Mapping[str, Any]) -> dict[str, str]:
    if value is None:
        return dict(SORT_ANSWERS)
    if not isinstance(value, dict) or len(value) < 2:
        raise FieldError("verwacht minstens 2 categorieën als 'sleutel: naam', zoals {symptoom: Symptoom, behoefte: Behoefte}")
    result = {}
    for key, label in value.items():
        if not isinstance(key, str) or not KEY_PATTERN.match(key):
            raise FieldError(f"de sleutel {_describe(key)} mag alleen letters, cijfers en _ bevatten")
        try:
            result[key] = _text(label, {})
        except FieldError as exc:
            raise FieldError(f"categorie '{key}': {exc}") from None
    return result


def _statements(value: Any, ctx: Mapping[str, Any]) -> tuple[Statement, ...]:
    if not isinstance(value, list) or len(value) < 2:
        raise FieldError(f"verwacht een lijst van minstens 2 uitspraken (niet {_describe(value)})")
    result = []
    categories = ctx.get("categories") or SORT_ANSWERS
    allowed = ", ".join(categories)
    for number, item in enumerate(value, start=1):
        where = f"uitspraak {number}"
        if not isinstance(item, dict):
            raise FieldError(f"{where}: verwacht 'text', 'answer' en 'explanation' (niet {_describe(item)})")
        _no_unknown(item, {"text", "answer", "explanation"}, where)
        for name in ("text", "answer", "explanation"):
            if name not in item:
                raise FieldError(f"{where}: het veld '{name}' ontbreekt")
        if item["answer"] not in categories:
            raise FieldError(f"{where}, 'answer': {_describe(item['answer'])} is niet toegestaan; kies uit: {allowed}")
        try:
            result.append(Statement(_text(item["text"], {}), item["answer"], _text(item["explanation"], {})))
        except FieldError as exc:
            raise FieldError(f"{where}: {exc}") from None
    return tuple(result)


def _prompts(value: Any, _: Mapping[str, Any]) -> dict[str, str]:
    allowed = ", ".join(REFLECTION_STEPS)
    if value is None:
        value = {}
    if not isinstance(value, dict):
        raise FieldError(f"verwacht per stap een vraag, zoals 'situatie: ...'; stappen: {allowed}")
    prompts = {key: default for key, (_, default) in REFLECTION_STEPS.items()}
    for key, text in value.items():
        if key not in REFLECTION_STEPS:
            raise FieldError(f"de stap {_describe(key)} bestaat niet; kies uit: {allowed}")
        try:
            prompts[key] = _text(text, {})
        except FieldError as exc:
            raise FieldError(f"stap '{key}': {exc}") from None
    return prompts


def _texts(value: Any, _: Mapping[str, Any]) -> Mapping[str, Any]:
    from .messages import CatalogueError, check_overrides

    try:
        return MappingProxyType(check_overrides(value))
    except (ValueError, CatalogueError) as exc:
        raise FieldError(str(exc)) from None


def _examples(value: Any, ctx: Mapping[str, Any]) -> tuple[Example, ...]:
    if value is None:
        return ()
    kind = ctx.get("type")
    verdicts = EXAMPLE_VERDICTS.get(kind) if isinstance(kind, str) else None
    if verdicts is None:
        raise FieldError(f"type {kind} heeft geen automatische feedback om te testen; voorbeelden kunnen bij: "
                         f"{', '.join(sorted(EXAMPLE_VERDICTS))}")

    def expect(verdict: Any, _: Mapping[str, Any]) -> str:
        if verdict not in verdicts:
            raise FieldError(f"{_describe(verdict)} is niet toegestaan bij type {kind}; kies uit: {', '.join(verdicts)}")
        return verdict

    rows = _records(value, what="voorbeeld", fields={"answer": _text, "expect": expect}, minimum=1)
    return tuple(Example(**row) for row in rows)


COMMON_FIELDS: tuple[Field, ...] = (
    Field("id", "vaste, unieke naam van de oefening: kleine letters, cijfers en streepjes", _text),
    Field("type", "soort oefening", _text),
    Field("title", "titel boven de oefening", _text),
    Field("instruction", "korte opdracht voor de student", _optional_text, required=False),
    Field("examples", "voorbeeldantwoorden met de feedback die ze moeten krijgen, elk met answer en expect "
          "(getest door 'cursus check')", _examples, required=False),
    Field("texts", "eigen teksten voor deze oefening (knoppen, feedback), met sleutels uit "
          "src/cursuslib/teksten/nl.yaml", _texts, required=False, default={}),
)

TYPE_FIELDS: dict[str, tuple[Field, ...]] = {
    "single_choice": (
        Field("question", "de vraag", _text),
        Field("options", "de antwoordopties, elk met key, text en explanation", _options),
        Field("correct", "de sleutel van de goede optie", lambda v, c: _correct(v, c, many=False)),
        Field("model_answer", "toelichting die na een poging te zien is", _optional_text, required=False),
    ),
    "multiple_choice": (
        Field("question", "de vraag", _text),
        Field("options", "de antwoordopties, elk met key, text en explanation", _options),
        Field("correct", "lijst met de sleutels van alle goede opties", lambda v, c: _correct(v, c, many=True)),
        Field("model_answer", "toelichting die na een poging te zien is", _optional_text, required=False),
    ),
    "sort": (
        Field("categories", "eigen categorieën als 'sleutel: naam' (standaard doen en niet_doen)", _categories,
              required=False),
        Field("statements", "de uitspraken, elk met text, answer (doen of niet_doen) en explanation", _statements),
        Field("model_answer", "toelichting die na een poging te zien is", _optional_text, required=False),
    ),
    "reflection": (
        Field("prompts", "eigen vraag per STARR(T)-stap (de andere stappen houden hun standaardvraag)", _prompts,
              required=False, default=None),
        Field("min_words", "aantal woorden per stap waaronder een tip verschijnt", _positive_int,
              required=False, default=15),
    ),
}


def _kind(value: Any, _: Mapping[str, Any]) -> str:
    if value not in QUESTION_KINDS:
        raise FieldError(f"{_describe(value)} is niet toegestaan; kies uit: {', '.join(QUESTION_KINDS)}")
    return value


def _drill_questions(value: Any, _: Mapping[str, Any]) -> tuple[DrillQuestion, ...]:
    if not isinstance(value, list) or len(value) < 2:
        raise FieldError(f"verwacht een lijst van minstens 2 vragen (niet {_describe(value)})")
    result = []
    for number, item in enumerate(value, start=1):
        where = f"vraag {number}"
        if not isinstance(item, dict):
            raise FieldError(f"{where}: verwacht 'text' en 'kind' (niet {_describe(item)})")
        _no_unknown(item, {"text", "kind", "explanation"}, where)
        for name in ("text", "kind"):
            if name not in item:
                raise FieldError(f"{where}: het veld '{name}' ontbreekt")
        try:
            result.append(DrillQuestion(_text(item["text"], {}), _kind(item["kind"], {}),
                                        _optional_text(item.get("explanation"), {})))
        except FieldError as exc:
            raise FieldError(f"{where}: {exc}") from None
    return tuple(result)


def _text_list(value: Any, _: Mapping[str, Any]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise FieldError(f"verwacht een lijst met korte teksten (niet {_describe(value)})")
    result = []
    for number, item in enumerate(value, start=1):
        try:
            result.append(_text(item, {}))
        except FieldError as exc:
            raise FieldError(f"punt {number}: {exc}") from None
    return tuple(result)


TYPE_FIELDS.update({
    "question_practice": (
        Field("situation", "de situatie waarin de student een vraag stelt", _text),
        Field("model_answer", "voorbeeld van een goede open vraag, met toelichting (na een poging te zien)",
              _optional_text, required=False),
    ),
    "question_drill": (
        Field("questions", "de vragen, elk met text, kind (open of gesloten) en eventueel explanation",
              _drill_questions),
    ),
    "lsd_practice": (
        Field("customer", "wat de klant zegt", _text),
        Field("context", "korte schets van de situatie", _optional_text, required=False),
        Field("model_summary", "voorbeeld van een goede samenvatting (na een poging te zien)", _optional_text,
              required=False),
        Field("model_question", "voorbeeld van een goede doorvraag (na een poging te zien)", _optional_text,
              required=False),
    ),
    "rewrite": (
        Field("sentence", "de negatieve zin die de student positief herschrijft", _text),
        Field("context", "korte schets van de situatie", _optional_text, required=False),
        Field("model_answer", "een goede herschrijving (na een poging te zien)", _text),
        Field("annotations", "wat het modelantwoord goed doet, als lijst (wordt een afvinklijst)", _text_list,
              required=False),
    ),
})


def _records(value: Any, *, what: str, fields: dict[str, Callable[[Any, Mapping[str, Any]], Any]],
             optional: frozenset[str] = frozenset(), minimum: int = 2, unique: str = "") -> list[dict[str, Any]]:
    """Check a list of small records (one dict per item) and return the parsed field values."""
    if not isinstance(value, list) or len(value) < minimum:
        raise FieldError(f"verwacht een lijst van minstens {minimum} {what}en (niet {_describe(value)})")
    result: list[dict[str, Any]] = []
    for number, item in enumerate(value, start=1):
        where = f"{what} {number}"
        if not isinstance(item, dict):
            raise FieldError(f"{where}: verwacht de velden {', '.join(fields)} (niet {_describe(item)})")
        _no_unknown(item, set(fields), where)
        parsed: dict[str, Any] = {}
        for name, check in fields.items():
            if name not in item and name not in optional:
                raise FieldError(f"{where}: het veld '{name}' ontbreekt")
            try:
                parsed[name] = check(item.get(name), parsed)
            except FieldError as exc:
                raise FieldError(f"{where}, '{name}': {exc}") from None
        if unique and any(other[unique] == parsed[unique] for other in result):
            raise FieldError(f"{where}: '{parsed[unique]}' komt twee keer voor; elke {what} heeft een eigen {unique}")
        result.append(parsed)
    return result


def _key(value: Any, _: Mapping[str, Any]) -> str:
    if not isinstance(value, str) or not KEY_PATTERN.match(value):
        raise FieldError(f"verwacht een korte sleutel van letters, cijfers of _ (niet {_describe(value)})")
    return value


def _clock(value: Any, _: Mapping[str, Any]) -> str:
    text = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if isinstance(value, int) and not isinstance(value, bool):  # YAML reads 15:00 as 900 (sexagesimal)
        text = f"{value // 60}:{value % 60:02d}"
    if not re.match(r"^\s*([01]?\d|2[0-3])[:.][0-5]\d\s*$", text):
        raise FieldError(f"verwacht een tijd zoals \"15:00\" (niet {_describe(value)})")
    return text.strip()


def _order_items(value: Any, _: Mapping[str, Any]) -> tuple[OrderItem, ...]:
    rows = _records(value, what="stap", fields={"text": _text, "explanation": _text})
    return tuple(OrderItem(**row) for row in rows)


def _plan_parts(value: Any, _: Mapping[str, Any]) -> tuple[PlanPart, ...]:
    rows = _records(value, what="onderdeel", unique="key", fields={
        "key": _key, "name": _text, "default": _positive_int, "min": _positive_int, "max": _positive_int,
        "rule": _text})
    for number, row in enumerate(rows, start=1):
        if not row["min"] <= row["default"] <= row["max"]:
            raise FieldError(f"onderdeel {number} ('{row['key']}'): verwacht min <= default <= max "
                             f"(nu {row['min']}, {row['default']}, {row['max']})")
    return tuple(PlanPart(**row) for row in rows)


BEHAVIOUR_KINDS = ("positief", "negatief", "neutraal")


def _behaviour_kind(value: Any, _: Mapping[str, Any]) -> str:
    if value not in BEHAVIOUR_KINDS:
        raise FieldError(f"{_describe(value)} is niet toegestaan; kies uit: {', '.join(BEHAVIOUR_KINDS)}")
    return value


def _behaviours(value: Any, _: Mapping[str, Any]) -> tuple[Behaviour, ...]:
    rows = _records(value, what="gedrag", unique="key", fields={"key": _key, "name": _text, "kind": _behaviour_kind})
    return tuple(Behaviour(**row) for row in rows)


def _turns(value: Any, _: Mapping[str, Any]) -> tuple[str, ...]:
    rows = _records(value, what="beurt", fields={"customer": _text}, minimum=2)
    return tuple(row["customer"] for row in rows)


TYPE_FIELDS.update({
    "lsd_dialogue": (
        Field("context", "korte schets van de situatie", _optional_text, required=False),
        Field("turns", "wat de klant per beurt zegt, als lijst met 'customer: ...'", _turns),
        Field("need", "de onderliggende behoefte, te zien aan het eind", _text),
        Field("confirmation", "wat de klant zegt als de samenvatting klopt", _optional_text, required=False,
              default="Ja, dat is precies wat ik bedoel!"),
    ),
    "ordering": (
        Field("items", "de stappen in de goede volgorde, elk met text en explanation", _order_items),
    ),
    "planner": (
        Field("start", "voorgestelde starttijd, zoals \"15:00\"", _clock),
        Field("parts", "de onderdelen van het programma met key, name, default, min, max (minuten) en rule", _plan_parts),
    ),
    "observer": (
        Field("behaviours", "het gedrag om te turven, elk met key, name en kind (positief, negatief of neutraal)",
              _behaviours),
    ),
})


TYPE_FIELDS["reply"] = (
    Field("message", "het boze bericht van de klant", _text),
    Field("context", "korte schets van de situatie", _optional_text, required=False),
    Field("model_answer", "een goed antwoord (na een poging te zien)", _text),
    Field("annotations", "wat het modelantwoord goed doet, als lijst (wordt een afvinklijst)", _text_list,
          required=False),
)


def register_type(name: str, fields: tuple[Field, ...]) -> None:
    """Add an exercise type and its fields to the schema."""
    TYPE_FIELDS[name] = fields



# --------------------------------------------------------------------------- helpers
def _describe(value: Any) -> str:
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "ja/nee-waarde " + ("true" if value else "false")
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    if isinstance(value, (int, float)):
        return f"het getal {value}"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een blok met velden"
    return type(value).__name__


def _no_unknown(item: Mapping[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(str(key) for key in item if key not in known)
    if unknown:
        raise FieldError(f"{where}: onbekend veld '{unknown[0]}'; toegestaan: {', '.join(sorted(known))}")


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- loading
def parse_exercise(item: Any, *, lesson: str, source: str, position: int) -> Exercise:
    """Validate one exercise mapping from a file and return it."""
    where = f"{source}, oefening nr. {position}"
    if not isinstance(item, dict):
        raise ContentError(f"{where}: verwacht een blok met velden zoals 'id:' en 'type:' (niet {_describe(item)}).")
    raw_id = item.get("id")
    if isinstance(raw_id, str) and raw_id.strip():
        where = f"{source}, oefening '{raw_id}' (nr. {position})"
    if "id" not in item:
        raise ContentError(f"{where}: het veld 'id' ontbreekt. Geef elke oefening een vaste naam, zoals '01-quiz-lsd'.")
    if not isinstance(raw_id, str) or not ID_PATTERN.match(raw_id):
        raise ContentError(
            f"{where}, veld 'id': {_describe(raw_id)} is niet toegestaan; gebruik kleine letters, cijfers en streepjes, zoals '01-quiz-lsd'."
        )
    kind = item.get("type")
    allowed_types = ", ".join(sorted(TYPE_FIELDS))
    if kind not in TYPE_FIELDS:
        what = "ontbreekt" if kind is None else f"{_describe(kind)} is onbekend"
        raise ContentError(f"{where}, veld 'type': {what}; toegestaan: {allowed_types}.")
    fields = (*COMMON_FIELDS, *TYPE_FIELDS[kind])
    known = {f.name for f in fields}
    unknown = sorted(str(key) for key in item if key not in known)
    if unknown:
        raise ContentError(
            f"{where}: onbekend veld '{unknown[0]}' voor type {kind}; toegestaan: {', '.join(sorted(known))}."
        )
    values: dict[str, Any] = {}
    for spec in fields:
        if spec.name not in item:
            if spec.required:
                raise ContentError(f"{where}: het veld '{spec.name}' ontbreekt ({spec.description}).")
            try:
                values[spec.name] = spec.check(spec.default, values)
            except FieldError as exc:
                raise ContentError(f"{where}, veld '{spec.name}': {exc}.") from None
            continue
        try:
            values[spec.name] = spec.check(item[spec.name], values)
        except FieldError as exc:
            raise ContentError(f"{where}, veld '{spec.name}': {exc}.") from None
    common = {name: values.pop(name) for name in ("id", "type", "title", "instruction", "examples", "texts")}
    return Exercise(**common, lesson=lesson, source=source, data=values)


def load_lesson(path: Path) -> Lesson:
    """Load and validate one exercise file."""
    source = _display(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(f"{source}: het bestand is geen UTF-8-tekst; sla het op als UTF-8.") from None
    except OSError as exc:
        raise ContentError(f"{source}: het bestand kan niet worden gelezen ({exc.strerror}).") from None
    import yaml  # imported here: loading files is rare, importing cursuslib is not

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present; both load safely
    try:
        doc = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader is chosen above
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        place = f", regel {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        problem = exc.problem or "onbekende fout"
        raise ContentError(
            f"{source}{place}: de YAML-opbouw klopt niet ({problem}). "
            "Controleer de inspringing, de dubbele punten en de aanhalingstekens."
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{source}: de YAML-opbouw klopt niet ({exc}).") from None
    if not isinstance(doc, dict):
        raise ContentError(f"{source}: verwacht bovenaan 'schema_version', 'lesson', 'title' en 'exercises'.")
    allowed_top = {"schema_version", "lesson", "title", "exercises"}
    unknown = sorted(str(key) for key in doc if key not in allowed_top)
    if unknown:
        raise ContentError(f"{source}: onbekend veld '{unknown[0]}' bovenaan; toegestaan: {', '.join(sorted(allowed_top))}.")
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        raise ContentError(
            f"{source}, veld 'schema_version': {_describe(version)} wordt niet ondersteund; toegestaan: {SCHEMA_VERSION}."
        )
    lesson = doc.get("lesson")
    if lesson != path.stem:
        raise ContentError(f"{source}, veld 'lesson': verwacht '{path.stem}' (de bestandsnaam zonder .yaml), niet {_describe(lesson)}.")
    try:
        title = _text(doc.get("title"), {})
    except FieldError as exc:
        raise ContentError(f"{source}, veld 'title': {exc}.") from None
    items = doc.get("exercises")
    if not isinstance(items, list) or not items:
        raise ContentError(f"{source}, veld 'exercises': verwacht een lijst met minstens één oefening (niet {_describe(items)}).")
    exercises = tuple(
        parse_exercise(item, lesson=lesson, source=source, position=number)
        for number, item in enumerate(items, start=1)
    )
    seen: dict[str, int] = {}
    for number, exercise in enumerate(exercises, start=1):
        if exercise.id in seen:
            raise ContentError(
                f"{source}, oefening '{exercise.id}' (nr. {number}), veld 'id': deze naam is al gebruikt "
                f"door oefening nr. {seen[exercise.id]}; elke oefening heeft een eigen id."
            )
        seen[exercise.id] = number
    return Lesson(lesson=lesson, title=title, path=path, exercises=exercises)


_course_cache: dict[Path, tuple[tuple[tuple[str, int, int], ...], dict[str, Lesson]]] = {}


def load_course(folder: Path | None = None) -> dict[str, Lesson]:
    """Load every ``*.yaml`` file in ``folder`` (default: the course's exercises) and check ids are unique.

    The result is cached until a file in the folder is added, removed or changed, so a
    notebook with many exercises parses its files once and a teacher's edit shows up at once.
    """
    folder = folder or paths.exercises_dir()
    if not folder.is_dir():
        raise ContentError(f"De map met oefeningen ({folder}) bestaat niet.")
    files = sorted(folder.glob("*.yaml"))
    signature = tuple((p.name, (st := p.stat()).st_mtime_ns, st.st_size) for p in files)
    cached = _course_cache.get(folder.resolve())
    if cached and cached[0] == signature:
        return dict(cached[1])
    lessons = _load_files(files)
    _check_references(lessons)
    _course_cache[folder.resolve()] = (signature, lessons)
    return dict(lessons)


def _check_references(lessons: Mapping[str, Lesson]) -> None:
    """Check references between exercises: compare_with and evidence must name existing exercises."""
    from .exercises.self_assessment import SCORERS

    by_id = {e.id: e for lesson in lessons.values() for e in lesson.exercises}
    for exercise in by_id.values():
        if exercise.type != "self_assessment":
            continue
        where = f"{exercise.source}, oefening '{exercise.id}'"
        target = exercise.data.get("compare_with")
        if target:
            other = by_id.get(target)
            if other is None or other.type != "self_assessment" or other.data.get("moment") != "begin":
                begins = ", ".join(sorted(e.id for e in by_id.values()
                                          if e.type == "self_assessment" and e.data.get("moment") == "begin"))
                raise ContentError(f"{where}, veld 'compare_with': '{target}' is geen zelfbeoordeling met moment: "
                                   f"begin; kies uit: {begins or '(geen)'}.")
        for quality in exercise.data.get("qualities") or ():
            for ref in quality.evidence:
                if ref not in by_id:
                    raise ContentError(f"{where}, eigenschap '{quality.key}', veld 'evidence': oefening '{ref}' "
                                       "bestaat niet in de cursus.")
                if by_id[ref].type not in SCORERS:
                    raise ContentError(f"{where}, eigenschap '{quality.key}', veld 'evidence': oefening '{ref}' is "
                                       f"van type {by_id[ref].type}, dat geen score geeft; kies een oefening van type: "
                                       f"{', '.join(sorted(SCORERS))}.")


def _load_files(files: list[Path]) -> dict[str, Lesson]:
    lessons: dict[str, Lesson] = {}
    owner: dict[str, str] = {}
    for path in files:
        lesson = load_lesson(path)
        for exercise in lesson.exercises:
            if exercise.id in owner:
                raise ContentError(
                    f"{exercise.source}, oefening '{exercise.id}', veld 'id': deze naam is al gebruikt in "
                    f"{owner[exercise.id]}; elke oefening in de cursus heeft een eigen id."
                )
            owner[exercise.id] = exercise.source
        lessons[lesson.lesson] = lesson
    return lessons


def find_exercise(exercise_id: str, folder: Path | None = None) -> Exercise:
    """Return the exercise with ``exercise_id`` from the course's files."""
    for lesson in load_course(folder).values():
        for exercise in lesson.exercises:
            if exercise.id == exercise_id:
                return exercise
    raise ContentError(
        f"Oefening '{exercise_id}' staat in geen enkel bestand in {folder or paths.exercises_dir()}. "
        "Controleer de naam (id) in het notebook en in het oefenbestand."
    )


# Types with larger structures declare their fields next to their logic; they are part of this schema.
from .exercises import dialogue as _dialogue  # noqa: E402 - needs Field and FieldError and the helpers defined above
from .exercises import matching as _matching  # noqa: E402
from .exercises import self_assessment as _self_assessment  # noqa: E402

TYPE_FIELDS["dialogue"] = _dialogue.FIELDS
TYPE_FIELDS["matching"] = _matching.FIELDS
TYPE_FIELDS["self_assessment"] = _self_assessment.FIELDS
