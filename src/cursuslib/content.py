"""Loading and validating exercise files (``exercises/<lesson>.yaml``, schema version 1).

The fields every exercise has are declared below; each exercise type declares its own fields
in its module (:mod:`cursuslib.types`) and registers itself (:mod:`cursuslib.registry`). Every
mistake becomes a :class:`ContentError` whose Dutch message names the file, the exercise (id or
position), the field and what is allowed.
"""

from __future__ import annotations

import functools
import io
import pickle
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from . import paths, registry
from .schema import ID_PATTERN, Field, FieldError, describe, optional_text, records, shaped, text

#: The schema version this code reads; files carry it as ``schema_version``.
SCHEMA_VERSION = 1


class ContentError(Exception):
    """A mistake in an exercise file; ``str(error)`` is the Dutch message for the teacher."""


# --------------------------------------------------------------------------- model
class Example(NamedTuple):
    """An example answer with the verdict the automatic feedback must give (a content test, see ``cursus check``)."""

    answer: str
    expect: str


class Exercise(NamedTuple):
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
    texts: Mapping[str, Any] = MappingProxyType({})


class Lesson(NamedTuple):
    """One exercise file: its lesson name, title and exercises in file order."""

    lesson: str
    title: str
    path: Path
    exercises: tuple[Exercise, ...]


# --------------------------------------------------------------------------- common fields
def _texts(value: Any, _: Mapping[str, Any]) -> Mapping[str, Any]:
    from .messages import CatalogueError, check_overrides

    try:
        return MappingProxyType(check_overrides(value))
    except (ValueError, CatalogueError) as exc:
        raise FieldError(str(exc)) from None


def example_types() -> list[str]:
    """The types whose feedback ``examples`` can test (they have verdicts and can build a state from an answer)."""
    return [name for name, spec in registry.types().items() if spec.verdicts and spec.testable]


def _examples(value: Any, ctx: Mapping[str, Any]) -> tuple[Example, ...]:
    if value is None:
        return ()
    kind = ctx.get("type")
    spec = registry.get(kind) if isinstance(kind, str) else None
    if spec is None or not spec.verdicts or not spec.testable:
        raise FieldError(f"type {kind} heeft geen automatische feedback om te testen; voorbeelden kunnen bij: "
                         f"{', '.join(example_types())}")
    verdicts = tuple(spec.verdicts)

    def expect(verdict: Any, _: Mapping[str, Any]) -> str:
        if verdict not in verdicts:
            raise FieldError(f"{describe(verdict)} is niet toegestaan bij type {kind}; kies uit: {', '.join(verdicts)}")
        return verdict

    rows = records(value, what="voorbeeld", plural="voorbeelden", fields={"answer": text, "expect": expect}, minimum=1)
    return tuple(Example(**row) for row in rows)


COMMON_FIELDS: tuple[Field, ...] = (
    Field("id", "vaste, unieke naam van de oefening: kleine letters, cijfers en streepjes", text),
    Field("type", "soort oefening", text),
    Field("title", "titel boven de oefening", text),
    Field("instruction", "korte opdracht voor de student", optional_text, required=False),
    Field("examples", "voorbeeldantwoorden met de feedback die ze moeten krijgen, elk met answer en expect "
          "(getest door 'cursus check')", _examples, required=False),
    Field("texts", "eigen teksten voor deze oefening (knoppen, feedback), met sleutels uit "
          "src/cursuslib/teksten/nl.yaml", _texts, required=False, default={}),
)


# --------------------------------------------------------------------------- the fields at the top of a file
@shaped({"const": SCHEMA_VERSION})
def _schema_version(value: Any, _: Mapping[str, Any] | None = None) -> int:
    if type(value) is not int or value != SCHEMA_VERSION:  # 1.0 and true equal 1 in Python
        raise FieldError(f"{describe(value)} wordt niet ondersteund; toegestaan: {SCHEMA_VERSION}")
    return value


@shaped({"type": "array", "minItems": 1})
def _exercise_list(value: Any, _: Mapping[str, Any] | None = None) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise FieldError(f"verwacht een lijst met minstens één oefening (niet {describe(value)})")
    return value


#: The fields at the top of an exercise file; :func:`load_lesson` also checks that ``lesson`` is the file's name.
FILE_FIELDS: tuple[Field, ...] = (
    Field("schema_version", f"versie van de opbouw van het bestand (nu {SCHEMA_VERSION})", _schema_version),
    Field("lesson", "naam van de les: de bestandsnaam zonder .yaml, zoals 01_klantgesprek", text),
    Field("title", "titel van de les", text),
    Field("exercises", "de oefeningen van de les, elk beginnend met '- id:'", _exercise_list),
)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- reading YAML safely
#: The largest exercise file is under 100 kB; a file over 1 MB is a mistake (or an attack), not a lesson.
MAX_FILE_BYTES = 1_000_000
#: Exercises nest about 8 levels deep; deeper is refused before it can exhaust the stack (libyaml
#: crashes the whole kernel at some 50,000 levels, pure-Python YAML raises RecursionError at about 500).
MAX_DEPTH = 100

_TAG = "tag:yaml.org,2002:"
#: The tags YAML gives plain values itself; an explicit other one (``!!python/object``, ``!!binary``) is refused.
_PLAIN_TAGS = frozenset(_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq"))
# The patterns below are compiled (and kept) by re on first use: only parsing YAML needs them.
#: Characters YAML does not allow in a file (all but those PyYAML's reader accepts).
_NOT_PRINTABLE = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"
_TAB_INDENT = r"(?m)^ *\t"
#: What may stand before a block list or block on its line: indentation, '- ', '? ', ': ', anchors and tags.
_LINE_STRUCTURE = r"\n *(?:(?:[-?:]|[&!]\S*)(?:[ \t]+|(?=\n)))*"  # "\n", not "^": twice as fast
_EXERCISE_START = r"(?m)^( *)-[ \t]+id:[ \t]*['\"]?([a-z0-9-]+)"

#: The parser's problem (libyaml's and PyYAML's wording) in Dutch, first match wins.
_YAML_PROBLEMS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("mapping values are not allowed",),
     "er staat een dubbele punt (:) waar dat niet kan: springt de regel te ver in, of staat er een tekst met ': ' "
     "erin die tussen aanhalingstekens moet?"),
    (("sequence entries are not allowed",),
     "een streepje (-) voor een lijst kan hier niet; zet het op een nieuwe regel, verder ingesprongen."),
    (("unknown escape", "found unknown escape character"),
     "na een \\ staat een teken dat YAML niet kent; schrijf \\\\ of zet de tekst tussen enkele aanhalingstekens."),
    (("quoted scalar",),
     "een aanhalingsteken wordt niet gesloten; zet aan het eind van de tekst hetzelfde aanhalingsteken als aan het begin."),
    (("expected ',' or ']'", "expected ',' or '}'", "flow sequence", "flow mapping"),
     "een lijst tussen [ ] of een blok tussen { } wordt niet goed gesloten; controleer de haken en de komma's "
     "(een tekst met [ of { erin zet je tussen aanhalingstekens)."),
    (("cannot start any token",),
     "de waarde begint met een teken dat YAML niet toestaat (zoals @, ` of %); zet de tekst tussen aanhalingstekens."),
    (("alias", "anchor"),
     "een tekst die met & of * begint, zet je tussen aanhalingstekens (& en * zijn in YAML ankers en verwijzingen)."),
    (("tag",),
     "een tekst die met ! begint, zet je tussen aanhalingstekens (! is in YAML een label)."),
    (("another document", "document start", "document indicator"),
     "er staat een regel '---' of '...' in het bestand; een oefenbestand is één geheel: haal die regel weg."),
    (("comment or line break",),
     "na een tekst tussen aanhalingstekens staat nog iets op dezelfde regel; zet de hele tekst tussen aanhalingstekens."),
    (("could not find expected ':'", "simple key"),
     "hier ontbreekt een dubbele punt na de naam van een veld, of een lange tekst loopt door zonder de juiste "
     "inspringing."),
    (("block end", "expected key", "'-' indicator", "block mapping", "block collection", "indentation"),
     "springt deze regel anders in dan de regels erboven, of staat er eerder een aanhalingsteken dat niet of te "
     "vroeg wordt gesloten? (de fout kan ook een paar regels hoger staan)."),
    (("end of stream", "end of the stream"),
     "het bestand houdt midden in een waarde op; controleer de laatste regels."),
    (("node content",),
     "hier ontbreekt een waarde, of er staat een teken waarmee geen waarde kan beginnen."),
)


class _Refusal(Exception):
    """Something found while reading YAML that exercise files do not use; ``node`` or ``mark`` says where."""

    def __init__(self, kind: str, node: Any = None, *, mark: Any = None, key_node: Any = None,
                 first_line: int = 0) -> None:
        super().__init__(kind)
        self.kind, self.node, self.mark, self.key_node, self.first_line = kind, node, mark, key_node, first_line


@functools.cache
def _loaders() -> tuple[type, type]:
    """Two strict safe loaders: a fast one (libyaml builds the tree) and one that counts the depth as it goes.

    Both refuse what exercise files never need and what can hurt: duplicate keys, anchors and aliases
    (billion laughs), tags (``!!python/object``), '<<' merges, lists or blocks as keys. Without libyaml
    (JupyterLite) both are pure Python and count the depth.
    """
    import yaml
    from yaml.composer import Composer
    from yaml.constructor import SafeConstructor
    from yaml.nodes import ScalarNode

    class StrictConstructor(SafeConstructor):
        root_node: Any = None

        def construct_document(self, node: Any) -> Any:
            self.root_node = node  # to say where a refused node is
            return super().construct_document(node)

        def construct_object(self, node: Any, deep: bool = False) -> Any:
            if node in self.constructed_objects or node in self.recursive_objects:
                raise _Refusal("alias", node)  # a node is met twice only through an alias
            if node.tag not in _PLAIN_TAGS:
                raise _Refusal("merge" if node.tag == _TAG + "merge" else "tag", node)
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, OverflowError):  # such as a date that does not exist or a 5,000-digit number
                raise _Refusal("value", node) from None

        def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
            mapping: dict[Any, Any] = {}
            lines: dict[Any, int] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, ScalarNode):
                    raise _Refusal("key", key_node)
                key = self.construct_object(key_node, deep=deep)
                if key in lines:
                    raise _Refusal("duplicate", node, key_node=key_node, first_line=lines[key])
                lines[key] = key_node.start_mark.line + 1
                mapping[key] = self.construct_object(value_node, deep=deep)
            return mapping

    class DepthComposer(Composer):
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            self.depth += 1
            try:
                if self.depth > MAX_DEPTH:
                    raise _Refusal("deep", mark=self.peek_event().start_mark)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    if not getattr(yaml, "__with_libyaml__", False):
        class PureLoader(DepthComposer, StrictConstructor, yaml.SafeLoader):
            """Pure-Python parsing, composing and constructing."""

        return PureLoader, PureLoader

    class FastLoader(StrictConstructor, yaml.CSafeLoader):
        """libyaml parses and composes: only for a text whose depth is known to be small."""

    class CountingLoader(DepthComposer, StrictConstructor, yaml.CSafeLoader):
        """libyaml parses, Python composes (and counts the depth)."""

        def __init__(self, stream: str) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            Composer.__init__(self)

    return FastLoader, CountingLoader


def _depth_bound(text: str) -> int:
    """An upper bound of how deep ``text`` nests, in one linear pass.

    A block list or block inside another starts further right, except a list right under a key
    (same column), so block nesting is at most twice the widest indentation-and-indicators start of a
    line, plus one; flow nesting ([ ] and { }) is at most the number of '[' and '{'.
    """
    widest = max(map(len, re.findall(_LINE_STRUCTURE, f"\n{text}\n"))) - 1  # each match starts with its "\n"
    return 2 * widest + 3 + text.count("[") + text.count("{")


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _place_near(text: str, line: int) -> str:
    """', oefening 'x', veld 'y'' for ``line``, read from the text (for when the parser stopped before the tree was built).

    The exercise is the last one whose '- id:' line comes at or before ``line``; the field is the
    last 'name:' at that exercise's own indentation between the two.
    """
    start: tuple[int, int, str] | None = None
    for match in re.finditer(_EXERCISE_START, text):
        number = _line_of(text, match.start())
        if number > line:
            break
        start = (number, match.end(1) - match.start() + 2, match.group(2))
    if start is None:
        return ""
    number, indent, ident = start
    field_line = re.compile(r"([ \t]*)([A-Za-z_]\w*):(?:\s|$)")
    for distance, candidate in enumerate(reversed(text.split("\n")[number:line])):
        found = field_line.match(candidate)
        # at the exercise's own indentation; the wrong line itself may also stick out to the left
        if found and (len(found.group(1)) == indent or (distance == 0 and len(found.group(1)) < indent)):
            return f", oefening '{ident}', veld '{found.group(2)}'"
    return f", oefening '{ident}'"


def _node_place(root: Any, target: Any) -> tuple[str, str]:
    """``(", oefening 'x' (nr. 2)", field)`` for the first place of ``target`` in the tree (in file order)."""
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    seen: set[int] = set()
    stack: list[tuple[Any, tuple[Any, ...], Any]] = [(root, (), None)]
    while stack:
        node, path, exercise = stack.pop()
        if len(path) == 2 and path[0] == "exercises" and isinstance(path[1], int):
            exercise = node
        if node is target:
            break
        if id(node) in seen:  # an alias: its node was walked already
            continue
        seen.add(id(node))
        children: list[tuple[Any, tuple[Any, ...], Any]] = []
        if isinstance(node, MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, ScalarNode) else "?"
                children += [(key, (*path, name), exercise), (value, (*path, name), exercise)]
        elif isinstance(node, SequenceNode):
            children = [(child, (*path, number), exercise) for number, child in enumerate(node.value)]
        stack.extend(reversed(children))
    else:
        return "", ""
    if exercise is None:
        return "", str(path[0]) if path else ""
    ident = next((value.value for key, value in exercise.value if isinstance(key, ScalarNode)
                  and key.value == "id" and isinstance(value, ScalarNode)), "") if isinstance(exercise, MappingNode) else ""
    number = path[1] + 1
    label = f", oefening '{ident}' (nr. {number})" if ID_PATTERN.match(ident or "") else f", oefening nr. {number}"
    return label, str(path[2]) if len(path) > 2 else ""


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


def _refusal_message(refusal: _Refusal, root: Any, text: str, source: str) -> str:
    node = refusal.key_node if refusal.key_node is not None else refusal.node
    mark = node.start_mark if node is not None else refusal.mark
    line = mark.line + 1
    if refusal.node is not None and root is not None:
        exercise, field_name = _node_place(root, refusal.node)
    else:
        exercise, field_name = _place_near(text, line), ""
    kind = refusal.kind
    if kind == "duplicate":
        key = refusal.key_node.value
        field_name = field_name or key
        lines = f"regel {line}" if refusal.first_line == line else f"regel {refusal.first_line} en regel {line}"
        problem = (f"'{_shown(key)}' staat twee keer in hetzelfde blok ({lines}); dan telt alleen de laatste en "
                   "raakt de eerste stil kwijt. Haal er één weg.")
    elif kind == "alias":
        problem = ("hier staat een anker (&naam) dat verderop nog eens wordt gebruikt met *naam; ankers en "
                   "verwijzingen kunnen niet in een oefenbestand. Schrijf de tekst op elke plek voluit "
                   "(een tekst die met & of * begint, zet je tussen aanhalingstekens).")
    elif kind == "tag":
        tag = str(refusal.node.tag)
        shown = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
        problem = (f"het YAML-label {_shown(shown)} kan niet in een oefenbestand. Haal het label weg "
                   "(een tekst die met ! begint, zet je tussen aanhalingstekens).")
    elif kind == "merge":
        problem = "'<<' (velden overnemen van een anker) kan niet in een oefenbestand; schrijf de velden voluit."
    elif kind == "key":
        field_name = ""  # the key itself is the problem, it has no name
        problem = "de naam van een veld moet een gewone tekst zijn, geen lijst of blok; haal de '?' of de haken weg."
    elif kind == "value":
        what = "een datum" if refusal.node.tag == _TAG + "timestamp" else "een getal"
        problem = (f"'{_shown(str(refusal.node.value))}' lijkt {what}, maar is geen geldige waarde; "
                   "is het tekst, zet het dan tussen aanhalingstekens.")
    else:  # deep
        problem = (f"lijsten en blokken zitten hier meer dan {MAX_DEPTH} lagen diep in elkaar; een oefening heeft er "
                   "hooguit 10 nodig. Controleer de haken [ ] en { } en de inspringing.")
    return f"{source}, regel {line}{exercise}" + (f", veld '{field_name}'" if field_name else "") + f": {problem}"


def _syntax_message(exc: Any, text: str, source: str) -> str:
    """A parser error in Dutch, with line and column, without the parser's English words."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    context = str(getattr(exc, "context", "") or "")
    if getattr(exc, "context_mark", None) is not None and ("flow" in context or "quoted" in context):
        mark = exc.context_mark  # an unclosed [ ], { } or quote: the mistake is where it was opened
    words = " ".join(str(part) for part in (getattr(exc, "problem", ""), getattr(exc, "context", "")) if part)
    explained = next((dutch for keys, dutch in _YAML_PROBLEMS if any(key in words for key in keys)),
                     "controleer de inspringing, de dubbele punten en de aanhalingstekens.")
    if mark is None:
        return f"{source}: de YAML-opbouw klopt niet: {explained}"
    line = mark.line + 1
    return (f"{source}, regel {line}, kolom {mark.column + 1}{_place_near(text, line)}: "
            f"de YAML-opbouw klopt niet: {explained}")


def _read_text(path: Path, source: str) -> str:
    """The file's text: a regular file of at most MAX_FILE_BYTES in UTF-8 (a BOM is allowed)."""
    try:
        if not path.is_file():
            raise ContentError(f"{source}: dit is geen gewoon bestand; een oefenbestand is een tekstbestand (.yaml).")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # never more: a huge file is refused without reading it all
    except OSError as exc:
        raise ContentError(f"{source}: het bestand kan niet worden gelezen ({exc.strerror or exc}).") from None
    if len(data) > MAX_FILE_BYTES:
        raise ContentError(f"{source}: het bestand is te groot (meer dan {MAX_FILE_BYTES // 1_000_000} MB); een "
                           "oefenbestand is meestal kleiner dan 100 kB. Verdeel de oefeningen over meer lessen.")
    try:
        return data.decode("utf-8-sig")  # an editor on Windows may start the file with a BOM: that is fine
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ContentError(f"{source}, regel {line}: het bestand is geen UTF-8-tekst (is het wel een tekstbestand?); "
                           "sla het op als UTF-8.") from None


def read_document(path: Path, source: str | None = None) -> Any:
    """Read an exercise file's YAML safely; a Dutch :class:`ContentError` names file and line on any mistake.

    Before parsing, the text is checked in linear passes: size, characters, tabs and an upper bound
    of the nesting; only a text whose bound is small goes to libyaml's own (recursive) tree builder.
    """
    source = source or _display(path)
    text = _read_text(path, source)
    odd = re.search(_NOT_PRINTABLE, text)
    if odd:
        line = _line_of(text, odd.start())
        raise ContentError(f"{source}, regel {line}: er staat een onzichtbaar stuurteken in "
                           f"(U+{ord(odd.group()):04X}); is dit wel een tekstbestand? Haal het teken weg.")
    tab = re.search(_TAB_INDENT, text) if "\t" in text else None
    if tab:
        line = _line_of(text, tab.start())
        raise ContentError(f"{source}, regel {line}{_place_near(text, line)}: deze regel springt in met een tab; "
                           "YAML wil spaties. Vervang de tab door spaties.")
    if not text.strip():
        raise ContentError(f"{source}: het bestand is leeg; verwacht bovenaan 'schema_version', 'lesson', 'title' "
                           "en 'exercises'.")
    import yaml  # imported here: loading files is rare, importing cursuslib is not

    fast, counting = _loaders()
    loader = fast(text) if _depth_bound(text) <= MAX_DEPTH else counting(text)
    try:
        return loader.get_single_data()
    except _Refusal as refusal:
        raise ContentError(_refusal_message(refusal, loader.root_node, text, source)) from None
    except yaml.YAMLError as exc:
        raise ContentError(_syntax_message(exc, text, source)) from None
    except RecursionError:  # not expected (the depth is bounded above); never a traceback all the same
        raise ContentError(f"{source}: lijsten en blokken zitten te diep in elkaar.") from None
    finally:
        loader.dispose()


# --------------------------------------------------------------------------- loading
def parse_exercise(item: Any, *, lesson: str, source: str, position: int) -> Exercise:
    """Validate one exercise mapping from a file and return it."""
    where = f"{source}, oefening nr. {position}"
    if not isinstance(item, dict):
        raise ContentError(f"{where}: verwacht een blok met velden zoals 'id:' en 'type:' (niet {describe(item)}).")
    raw_id = item.get("id")
    if isinstance(raw_id, str) and raw_id.strip():
        where = f"{source}, oefening '{raw_id}' (nr. {position})"
    if "id" not in item:
        raise ContentError(f"{where}: het veld 'id' ontbreekt. Geef elke oefening een vaste naam, zoals '01-quiz-lsd'.")
    if not isinstance(raw_id, str) or not ID_PATTERN.match(raw_id):
        raise ContentError(
            f"{where}, veld 'id': {describe(raw_id)} is niet toegestaan; gebruik kleine letters, cijfers en streepjes, zoals '01-quiz-lsd'."
        )
    kind = item.get("type")
    spec = registry.get(kind) if isinstance(kind, str) else None
    if spec is None:
        what = "het soort oefening ontbreekt" if kind is None else f"{describe(kind)} is onbekend"
        raise ContentError(f"{where}, veld 'type': {what}; toegestaan: {', '.join(registry.names())}.")
    fields = (*COMMON_FIELDS, *spec.fields)
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
    doc = read_document(path, source)
    if doc is None:
        raise ContentError(f"{source}: het bestand bevat alleen commentaar; verwacht bovenaan 'schema_version', "
                           "'lesson', 'title' en 'exercises'.")
    if not isinstance(doc, dict):
        raise ContentError(f"{source}: verwacht bovenaan 'schema_version', 'lesson', 'title' en 'exercises' "
                           f"(niet {describe(doc)}).")
    checks = {spec.name: spec.check for spec in FILE_FIELDS}
    unknown = sorted(str(key) for key in doc if key not in checks)
    if unknown:
        raise ContentError(f"{source}: onbekend veld '{unknown[0]}' bovenaan; toegestaan: {', '.join(sorted(checks))}.")

    def checked(name: str) -> Any:
        try:
            return checks[name](doc.get(name), {})
        except FieldError as exc:
            raise ContentError(f"{source}, veld '{name}': {exc}.") from None

    checked("schema_version")
    lesson = doc.get("lesson")
    if lesson != path.stem:
        raise ContentError(f"{source}, veld 'lesson': verwacht '{path.stem}' (de bestandsnaam zonder .yaml), niet {describe(lesson)}.")
    title = checked("title")
    items = checked("exercises")
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


# --------------------------------------------------------------------------- the course, cached
class _Course:
    """The checked lessons of one exercises folder.

    Lessons from the disk cache stay pickled one exercise at a time and are unpickled when first asked
    for, so showing one exercise imports only the modules of its own type.
    """

    def __init__(self, lessons: Mapping[str, Lesson] | None = None,
                 kept: Mapping[str, tuple[str, Path, tuple[tuple[str, bytes], ...]]] | None = None) -> None:
        self._lessons = dict(lessons or {})
        #: lesson name -> (title, path, ((exercise id, pickled exercise), ...)), in file order
        self._kept = dict(kept or {})
        self._order = list(self._kept or self._lessons)
        self._found = {e.id: e for lesson in self._lessons.values() for e in lesson.exercises}
        self._pickled = {ident: data for _, _, items in self._kept.values() for ident, data in items}

    def exercise(self, ident: str) -> Exercise | None:
        found = self._found.get(ident)
        if found is None and ident in self._pickled:
            found = self._found[ident] = pickle.loads(self._pickled[ident])  # noqa: S301 - see cache.load
        return found

    def lessons(self) -> dict[str, Lesson]:
        for name, (title, path, items) in self._kept.items():
            if name not in self._lessons:
                exercises = tuple(found for ident, _ in items if (found := self.exercise(ident)) is not None)
                self._lessons[name] = Lesson(lesson=name, title=title, path=path, exercises=exercises)
        return {name: self._lessons[name] for name in self._order}


_course_cache: dict[Path, tuple[tuple[tuple[str, int, int], ...], _Course]] = {}


def _frozen(texts: dict[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(texts)


class _Pickler(pickle.Pickler):
    """Pickles a lesson: an exercise's read-only ``texts`` mapping as a call that rebuilds it."""

    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is MappingProxyType:
            return _frozen, (dict(obj),)
        return NotImplemented


def _file_bytes(files: list[Path]) -> bytes | None:
    """Every file's name and exact bytes, as the disk cache's key; None when one cannot be read (the YAML path says why)."""
    parts: list[bytes] = []
    for path in files:
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
        except OSError:
            return None
        if len(data) > MAX_FILE_BYTES:
            return None
        parts += (path.name.encode("utf-8", "surrogateescape"), b"\0%d\0" % len(data), data)
    return b"".join(parts)


def _read_course(folder: Path, files: list[Path]) -> _Course:
    """The checked lessons of ``files``: from the disk cache when the files and cursuslib are exactly as then, else
    from YAML (parsed and checked, then cached)."""
    from . import cache

    # a type added or removed (a plugin, a test) changes what a check says, and its code is not fingerprinted
    data = None if registry.changes() else _file_bytes(files)
    context = repr([(str(path), _display(path)) for path in files])  # where the files are and how they are named
    if data is not None:
        kept = cache.load("course", folder, data, context)
        if isinstance(kept, tuple) and len(kept) == 2:
            lessons_kept, homes = kept
            registry.expect(homes)
            return _Course(kept=lessons_kept)
    lessons = _load_files(files)
    _check_references(lessons)
    if data is not None:
        used = {e.type for lesson in lessons.values() for e in lesson.exercises}
        homes = {name: module for name, module in registry.homes().items() if name in used}
        lessons_kept = {name: (lesson.title, lesson.path, tuple((e.id, _pickled(e)) for e in lesson.exercises))
                        for name, lesson in lessons.items()}
        cache.save("course", folder, data, (lessons_kept, homes), context)
    return _Course(lessons)


def _pickled(exercise: Exercise) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(exercise)
    return buffer.getvalue()


def _course(folder: Path | None) -> _Course:
    folder = folder or paths.exercises_dir()
    if not folder.is_dir():
        raise ContentError(f"De map met oefeningen ({folder}) bestaat niet.")
    files = sorted(folder.glob("*.yaml"))
    signature = tuple((p.name, (st := p.stat()).st_mtime_ns, st.st_size) for p in files)
    cached = _course_cache.get(folder.resolve())
    if cached and cached[0] == signature:
        return cached[1]
    course = _read_course(folder, files)
    _course_cache[folder.resolve()] = (signature, course)
    return course


def load_course(folder: Path | None = None) -> dict[str, Lesson]:
    """Load every ``*.yaml`` file in ``folder`` (default: the course's exercises) and check ids are unique.

    The result is kept until a file in the folder is added, removed or changed, so a notebook with
    many exercises reads its files once and a teacher's edit shows up at once. It is also kept on
    disk (:mod:`cursuslib.cache`), so the next kernel does not parse and check the same files again.
    """
    return _course(folder).lessons()


def _check_references(lessons: Mapping[str, Lesson]) -> None:
    """Let every type check its references to other exercises (such as compare_with and evidence)."""
    by_id = {e.id: e for lesson in lessons.values() for e in lesson.exercises}
    for exercise in by_id.values():
        problem = registry.get(exercise.type).check_references(exercise, by_id)
        if problem:
            raise ContentError(f"{exercise.source}, oefening '{exercise.id}', {problem}")


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
    exercise = _course(folder).exercise(exercise_id)
    if exercise is not None:
        return exercise
    raise ContentError(
        f"Oefening '{exercise_id}' staat in geen enkel bestand in {folder or paths.exercises_dir()}. "
        "Controleer de naam (id) in het notebook en in het oefenbestand."
    )
