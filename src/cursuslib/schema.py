"""Field helpers for exercise schemas: one :class:`Field` per key and the public checks types build on.

A field check takes the raw YAML value and the fields parsed so far (``ctx``) and returns the
parsed value, or raises :class:`FieldError` with the Dutch "what is allowed" text; the loader
adds the file, the exercise and the field. Every exercise type declares its fields with these
helpers (see :mod:`cursuslib.types`), so all messages read alike.

Each helper also says, with :func:`shaped`, which values it accepts as a JSON Schema fragment;
``cursus schema`` builds the editor's schema from those (see :mod:`cursuslib.editor_schema`).
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

#: Exercise ids: lowercase letters, digits and hyphens, such as ``01-quiz-lsd``.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Short keys inside an exercise (options, categories, qualities ...).
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_]{1,20}$")

#: A field check: ``(raw value, fields parsed so far) -> parsed value``.
Check = Callable[[Any, Mapping[str, Any]], Any]
C = TypeVar("C", bound=Callable[..., Any])


def shaped(shape: Mapping[str, Any]) -> Callable[[C], C]:
    """Declare on a check which values it accepts, as a JSON Schema fragment (for editors; the check still decides).

    A check without a shape accepts anything as far as the editor's schema is concerned.
    """

    def mark(check: C) -> C:
        check.json_shape = dict(shape)  # type: ignore[attr-defined]
        return check

    return mark


#: JSON Schema of a text that is not empty (YAML numbers count as text, as in :func:`text`).
TEXT_SHAPE: Mapping[str, Any] = {"type": ["string", "number"], "pattern": r"\S"}


class FieldError(Exception):
    """Raised by a field check with the Dutch 'what is allowed' text (the caller adds file, exercise and field).

    ``place`` names a more precise place inside a record than its field (``niveau 2``); :func:`records`
    then says ``eigenschap 1, niveau 2: ...`` instead of ``eigenschap 1, 'levels': ...``.
    """

    def __init__(self, message: str, *, place: str = "") -> None:
        super().__init__(message)
        self.place = place


class Field(NamedTuple):
    """One key of an exercise: its Dutch description and how to check its value."""

    name: str
    description: str
    check: Check
    required: bool = True
    #: Value used when an optional field is left out; it goes through ``check`` too.
    default: Any = None


# --------------------------------------------------------------------------- wording
def describe(value: Any) -> str:
    """Say in Dutch what a wrong value is: ``'tekst'``, ``het getal 3``, ``de datum 2024-05-01``, ``een lijst`` ..."""
    if value is None:
        return "leeg"
    if isinstance(value, bool):
        return "ja/nee-waarde " + ("true" if value else "false")
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"'{shown}'"
    if isinstance(value, float) and not math.isfinite(value):
        return "de waarde .nan (geen getal)" if math.isnan(value) else "de waarde .inf (oneindig)"
    if isinstance(value, (int, float)):
        return f"het getal {value}" if abs(value) < 10**15 else "een heel groot getal"
    if isinstance(value, datetime.datetime):  # before date: a datetime is a date too
        return f"het tijdstip {value.isoformat(sep=' ')}"
    if isinstance(value, datetime.date):
        return f"de datum {value.isoformat()}"
    if isinstance(value, (list, tuple)):
        return "een lijst"
    if isinstance(value, Mapping):
        return "een blok met velden"
    return "een waarde van een onbekende soort"


def names(items: Sequence[str]) -> str:
    """Join names the Dutch way: ``a``, ``a en b``, ``a, b en c``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def no_unknown(item: Mapping[str, Any], known: Collection[str], where: str) -> None:
    """Raise when ``item`` has a key outside ``known``, naming the first unknown one and what is allowed."""
    unknown = sorted(str(key) for key in item if key not in known)
    if unknown:
        raise FieldError(f"{where}: onbekend veld '{unknown[0]}'; toegestaan: {', '.join(sorted(known))}")


# --------------------------------------------------------------------------- scalar checks
@shaped(TEXT_SHAPE)
def text(value: Any, _: Mapping[str, Any] | None = None) -> str:
    """A text that is not empty (a number is taken as text); surrounding white space is dropped."""
    if (isinstance(value, int) and not isinstance(value, bool)) or (isinstance(value, float) and math.isfinite(value)):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        # YAML reads an unquoted 2024-05-01 as a date and yes/no/true/false as yes/no values
        quote = "; zet de tekst tussen aanhalingstekens" if isinstance(value, (bool, datetime.date)) else ""
        raise FieldError(f"verwacht een tekst die niet leeg is (niet {describe(value)}){quote}")
    return value.strip()


@shaped({**TEXT_SHAPE, "type": ["string", "number", "null"]})
def optional_text(value: Any, ctx: Mapping[str, Any] | None = None) -> str:
    """A text, or '' when the field is left out."""
    return "" if value is None else text(value, ctx)


@shaped({"type": ["boolean", "null"]})
def yes_no(value: Any, _: Mapping[str, Any] | None = None) -> bool:
    """A yes/no value: ``true`` or ``false`` (left out: false); a text such as ``"ja"`` is refused, not guessed."""
    if value is None:
        return False
    if not isinstance(value, bool):
        raise FieldError(f"verwacht true of false (niet {describe(value)})")
    return value


def whole_number(low: int = 0, high: int = 1000) -> Check:
    """A whole number from ``low`` to ``high`` (not a yes/no value)."""

    @shaped({"type": "integer", "minimum": low, "maximum": high})
    def check(value: Any, _: Mapping[str, Any] | None = None) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise FieldError(f"verwacht een heel getal van {low} tot en met {high} (niet {describe(value)})")
        return value

    return check


#: A whole number from 0 to 1000.
positive_int = whole_number(0, 1000)


def key(example: str = "tijdig", *, numbers: bool = False) -> Check:
    """A short key of letters, digits or ``_`` (``numbers``: YAML's ``1`` counts as the key ``'1'``)."""

    @shaped({"type": ["string", "integer"], "pattern": KEY_PATTERN.pattern, "minimum": 0, "maximum": 10**20 - 1}
            if numbers else {"type": "string", "pattern": KEY_PATTERN.pattern})
    def check(value: Any, _: Mapping[str, Any] | None = None) -> str:
        if numbers and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not KEY_PATTERN.match(value):
            raise FieldError(f"verwacht een korte sleutel van letters, cijfers of _, zoals {example} "
                             f"(niet {describe(value)})")
        return value

    return check


def one_of(allowed: Collection[str], *, aliases: Mapping[str, str] | None = None) -> Check:
    """One of ``allowed`` (``aliases`` map other spellings a teacher may type onto an allowed value)."""

    listed = list(allowed) if isinstance(allowed, Sequence) else sorted(allowed)  # a set has no stable order

    @shaped({"enum": [*listed, *(alias for alias in aliases or {} if alias not in listed)]})
    def check(value: Any, _: Mapping[str, Any] | None = None) -> str:
        if aliases and isinstance(value, str):
            value = aliases.get(value, value)
        if not isinstance(value, str) or value not in allowed:
            raise FieldError(f"{describe(value)} is niet toegestaan; kies uit: {', '.join(allowed)}")
        return value

    return check


def exercise_id(example: str = "01-quiz-open-vraag") -> Check:
    """The id of another exercise (whether it exists is checked when the whole course is loaded)."""

    @shaped({"type": "string", "pattern": ID_PATTERN.pattern})
    def check(value: Any, _: Mapping[str, Any] | None = None) -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            raise FieldError(f"{describe(value)} is geen id van een oefening; gebruik kleine letters, cijfers en "
                             f"streepjes, zoals {example}")
        return value

    return check


#: A time of day as :func:`clock` reads it.
CLOCK_PATTERN = re.compile(r"^\s*([01]?\d|2[0-3])[:.][0-5]\d\s*$")


# YAML 1.1 (PyYAML) reads an unquoted 15:00 as the number 900; an editor (YAML 1.2) as text.
@shaped({"type": ["string", "integer"], "pattern": CLOCK_PATTERN.pattern, "minimum": 0, "maximum": 24 * 60 - 1})
def clock(value: Any, _: Mapping[str, Any] | None = None) -> str:
    """A time of day such as ``"15:00"`` (YAML reads an unquoted 15:00 as 900 minutes: that is taken back)."""
    shown = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        shown = f"{value // 60}:{value % 60:02d}"
    if not CLOCK_PATTERN.match(shown):
        raise FieldError(f"verwacht een tijd zoals \"15:00\" (niet {describe(value)})")
    return shown.strip()


# --------------------------------------------------------------------------- lists
@shaped({"type": ["array", "null"], "items": TEXT_SHAPE})
def text_list(value: Any, _: Mapping[str, Any] | None = None) -> tuple[str, ...]:
    """A list of short texts (left out: an empty list)."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise FieldError(f"verwacht een lijst met korte teksten (niet {describe(value)})")
    result = []
    for number, item in enumerate(value, start=1):
        try:
            result.append(text(item))
        except FieldError as exc:
            raise FieldError(f"punt {number}: {exc}") from None
    return tuple(result)


def records(value: Any, *, what: str, plural: str, fields: Mapping[str, Check], optional: Collection[str] = (),
            minimum: int = 2, unique: str = "", prefix: str = "") -> list[dict[str, Any]]:
    """Check a list of small records (one mapping per item) and return the parsed field values per item.

    ``what``/``plural`` name one item and many in Dutch (``optie``/``opties``); each error says where:
    ``optie 2, 'key': ...``. ``optional`` fields may be left out (their check gets None); ``unique``
    names a field whose value must differ per item; ``prefix`` is put before every place
    (``knoop 'begin', ``).
    """
    listed = names([f"{name}" for name in fields])
    if not isinstance(value, list) or len(value) < minimum:
        amount = f"met minstens één {what}" if minimum == 1 else f"van minstens {minimum} {plural}"
        raise FieldError(f"{prefix}verwacht een lijst {amount}, elk met {listed} (niet {describe(value)})")
    result: list[dict[str, Any]] = []
    for number, item in enumerate(value, start=1):
        where = f"{prefix}{what} {number}"
        if not isinstance(item, dict):
            raise FieldError(f"{where}: verwacht de velden {listed} (niet {describe(item)})")
        no_unknown(item, fields, where)
        parsed: dict[str, Any] = {}
        for name, check in fields.items():
            if name not in item and name not in optional:
                raise FieldError(f"{where}: het veld '{name}' ontbreekt")
            try:
                parsed[name] = check(item.get(name), parsed)
            except FieldError as exc:
                place = exc.place or f"'{name}'"
                raise FieldError(f"{where}, {place}: {exc}") from None
        if unique and any(other[unique] == parsed[unique] for other in result):
            word = "de sleutel" if unique == "key" else f"de {unique}"
            raise FieldError(f"{where}: {word} '{parsed[unique]}' komt twee keer voor; elke {what} heeft een "
                             f"eigen {'sleutel' if unique == 'key' else unique}")
        result.append(parsed)
    return result
