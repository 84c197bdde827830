"""Every text a widget shows, from one catalogue per language, overridable per exercise.

The catalogues are ``teksten/nl.yaml`` (the course language) and ``teksten/en.yaml`` (for
international students: widget texts only, the lessons stay Dutch).  A teacher changes a
button label or a feedback phrase there, in one place; an exercise file may override its
own texts with a ``texts:`` field.  The language is chosen with the environment variable
``CURSUSLIB_TAAL`` (``nl`` or ``en``) or :func:`set_language`.

Texts are looked up by a dotted key (``common.check``) and filled in at plain ``{name}``
placeholders (``{count}``).  A lookup never raises on a teacher's edit: an unknown
placeholder is left as it is, and a text that cannot be formatted is shown unformatted.
Only names are filled in: ``{x.attr}``, ``{x[0]}``, ``{x:>9}`` and ``{x!r}`` are refused when an
exercise file is loaded and left as written when a text is shown.
"""

from __future__ import annotations

import datetime
import os
import re
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: Environment variable that chooses the widget language.
LANGUAGE_ENV = "CURSUSLIB_TAAL"
#: The languages that have a catalogue; the first is the default and the fallback.
LANGUAGES: tuple[str, ...] = ("nl", "en")
CATALOGUE_DIR = Path(__file__).resolve().parent / "teksten"

_chosen: str | None = None
_cache: dict[str, tuple[tuple[int, int], dict[str, str]]] = {}
_steady = 0
_checked: set[str] = set()  # languages checked on disk since the outermost steady() block began
_FORMAT = string.Formatter()
#: A filled-in text is cut off here: no label needs more, and a template must not build megabytes.
MAX_FILLED = 100_000


class CatalogueError(Exception):
    """A catalogue file that cannot be used; ``str(error)`` is the Dutch message for the teacher."""


def catalogue_path(language: str) -> Path:
    """Return the catalogue file of ``language``."""
    return CATALOGUE_DIR / f"{language}.yaml"


def set_language(language: str | None) -> None:
    """Choose the widget language for exercises shown from now on (``None``: back to the setting)."""
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"Onbekende taal '{language}'; kies uit: {', '.join(LANGUAGES)}.")
    global _chosen
    _chosen = language


@contextmanager
def language_as(language: str) -> Iterator[None]:
    """Use ``language`` inside the block (or the decorated function), then go back to what was set."""
    global _chosen
    previous, _chosen = _chosen, language
    try:
        yield
    finally:
        _chosen = previous


def language() -> str:
    """Return the active language: :func:`set_language`, else ``$CURSUSLIB_TAAL``, else Dutch."""
    if _chosen:
        return _chosen
    configured = os.environ.get(LANGUAGE_ENV, "").strip().lower()
    return configured if configured in LANGUAGES else LANGUAGES[0]


def _kind(value: Any) -> str:
    """What a value from a YAML file is, in Dutch."""
    if value is None:
        return "niets"
    if isinstance(value, bool):
        return "een ja/nee-waarde"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, datetime.date):
        return "een datum"
    if isinstance(value, Mapping):
        return "een blok"
    return "een tekst" if isinstance(value, str) else "een getal" if isinstance(value, (int, float)) else "iets anders"


def _flatten(node: Any, prefix: str, into: dict[str, str], source: str) -> None:
    if not isinstance(node, Mapping):
        raise CatalogueError(f"{source}, '{prefix or '(bovenaan)'}': verwacht een lijst 'sleutel: tekst', "
                             f"niet {_kind(node)}.")
    for key, value in node.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            _flatten(value, name, into, source)
        elif isinstance(value, str):
            into[name] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            into[name] = str(value)
        else:
            raise CatalogueError(f"{source}, tekst '{name}': verwacht tekst, niet {_kind(value)}.")


def load_catalogue(path: Path) -> dict[str, str]:
    """Read one catalogue file into ``{dotted key: text}``; Dutch :class:`CatalogueError` on a mistake.

    What was read is kept on disk (:mod:`cursuslib.cache`) for exactly these bytes, so a new kernel
    does not parse the YAML again.
    """
    from . import cache

    source = f"teksten/{path.name}"
    try:
        data = path.read_bytes()
        raw = data.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{source}: het bestand kan niet worden gelezen ({exc}).") from None
    kept = cache.load("teksten", path, data)
    if isinstance(kept, dict):
        return kept
    flat = _parse_catalogue(raw, source)
    cache.save("teksten", path, data, flat)
    return flat


def _parse_catalogue(raw: str, source: str) -> dict[str, str]:
    import yaml  # imported here: importing cursuslib stays light, and a cached catalogue needs no YAML

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        doc = yaml.load(raw, Loader=loader)  # noqa: S506 - a safe loader is chosen above
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        place = f", regel {mark.line + 1}, kolom {mark.column + 1}" if mark else ""
        raise CatalogueError(f"{source}{place}: de YAML-opbouw klopt niet. Controleer de inspringing en zet een "
                             "tekst met een dubbele punt tussen aanhalingstekens.") from None
    except yaml.YAMLError:  # the parser's own words are English: the place says enough
        raise CatalogueError(f"{source}: de YAML-opbouw klopt niet. Controleer de inspringing en de "
                             "aanhalingstekens.") from None
    flat: dict[str, str] = {}
    _flatten(doc or {}, "", flat, source)
    return flat


@contextmanager
def steady() -> Iterator[None]:
    """Inside the block (or the decorated function) a loaded catalogue is not checked on disk again.

    A document such as the class overview asks for thousands of texts; checking the file's date for
    each one would cost more than making the document, so it is checked once per block. Widgets keep
    checking on every text, so a teacher's edit shows at once.
    """
    global _steady
    if not _steady:
        _checked.clear()
    _steady += 1
    try:
        yield
    finally:
        _steady -= 1


def catalogue(language: str) -> dict[str, str]:
    """Return the texts of ``language``; re-read when the file changes (a teacher's edit shows at once)."""
    cached = _cache.get(language)
    if cached and _steady and language in _checked:
        return cached[1]
    if _steady:
        _checked.add(language)
    path = catalogue_path(language)
    try:
        stat = path.stat()
        signature = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        signature = (0, 0)
    cached = _cache.get(language)
    if cached and cached[0] == signature:
        return cached[1]
    texts = load_catalogue(path) if signature != (0, 0) else {}
    _cache[language] = (signature, texts)
    return texts


def placeholders(template: str) -> set[str]:
    """Return the names of the ``{placeholders}`` in ``template`` (empty if it is not a valid template)."""
    try:
        return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError:
        return set()


def _written(name: str, spec: str, conversion: str | None) -> str:
    """A placeholder as it stands in a template."""
    return "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"


def fill(template: str, values: Mapping[str, Any]) -> str:
    """Fill ``template``'s plain ``{name}`` placeholders; anything else stays as written, a broken template too.

    Only a name is looked up: ``{x.__class__}``, ``{x[0]}``, ``{x:>300000000}`` or ``{x!r}`` never
    reach into Python objects or pad a text (such a template is refused when an exercise file is
    loaded; this is the second line). The result is cut off at :data:`MAX_FILLED` characters.
    """
    if "{" not in template:
        return template[:MAX_FILLED]
    try:
        parts = list(_FORMAT.parse(template))
    except ValueError:
        return template[:MAX_FILLED]
    pieces: list[str] = []
    size = 0
    for literal, name, spec, conversion in parts:
        piece = ""
        if name is not None:
            piece = _written(name, spec, conversion)
            if name.isidentifier() and not spec and conversion is None and name in values:
                try:
                    piece = str(values[name])
                except ValueError:  # such as an int too long to show
                    pass
        pieces += (literal, piece)
        size += len(literal) + len(piece)
        if size > MAX_FILLED:
            break
    return "".join(pieces)[:MAX_FILLED]


def template_problem(template: str, allowed: set[str] | None = None) -> str:
    """Why ``template`` cannot be a text with ``{placeholders}`` from ``allowed`` (any name when None); '' when it can."""
    try:
        found = [(name, spec, conversion) for _, name, spec, conversion in _FORMAT.parse(template) if name is not None]
    except ValueError:
        return ("de accolades kloppen niet: een invulplek is een naam tussen { en }, zoals {time}; schrijf {{ of }} "
                "voor een losse accolade")
    names = ", ".join("{" + p + "}" for p in sorted(allowed or ())) or "geen"
    for name, spec, conversion in found:
        written = _written(name, spec, conversion)
        written = written if len(written) <= 40 else written[:36] + "...}"
        if not name.isidentifier() or spec or conversion is not None:
            return (f"de invulplek {written} kan niet: tussen {{ en }} staat alleen een naam, zonder punt, haken, "
                    f"! of :; toegestaan: {names}")
        if allowed is not None and name not in allowed:
            return f"onbekende invulplek {{{name}}}; toegestaan: {names}"
    return ""


def _override(texts: Mapping[str, Any] | None, key: str, lang: str) -> str | None:
    if not texts or key not in texts:
        return None
    value = texts[key]
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        chosen = value.get(lang)
        return chosen if isinstance(chosen, str) else None
    return None


def text(key: str, exercise: Any = None, /, **values: Any) -> str:
    """Return the text for ``key`` in the active language, with ``values`` filled in.

    ``exercise`` (an :class:`~cursuslib.content.Exercise` or ``None``) may override the text
    with its ``texts`` field.  Falls back to Dutch when the English catalogue lacks the key.
    """
    lang = language()
    template = _override(getattr(exercise, "texts", None), key, lang)
    if template is None:
        template = catalogue(lang).get(key)
    if template is None and lang != LANGUAGES[0]:
        template = catalogue(LANGUAGES[0]).get(key)
    if template is None:
        raise KeyError(f"De tekst '{key}' staat niet in {catalogue_path(LANGUAGES[0])}.")
    return fill(template, values)


_KEY = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")


def check_overrides(value: Any) -> dict[str, Any]:
    """Validate an exercise's ``texts`` field; raise ``ValueError`` with the Dutch 'what is allowed' text."""
    if not isinstance(value, Mapping):
        raise ValueError("verwacht een lijst 'sleutel: tekst' met sleutels uit teksten/nl.yaml, "
                         "bijvoorbeeld common.check: Nakijken")
    if not value:
        return {}
    known = catalogue(LANGUAGES[0])
    result: dict[str, Any] = {}
    for key, override in value.items():
        key = str(key)
        if key not in known:
            close = sorted(k for k in known if k.split(".")[-1] == key.split(".")[-1] or k.startswith(key + "."))
            hint = f"; bedoel je {', '.join(close[:3])}?" if close else "; zie teksten/nl.yaml voor alle sleutels"
            raise ValueError(f"onbekende tekst '{key}'{hint}")
        allowed = placeholders(known[key])
        variants = override.items() if isinstance(override, Mapping) else [("", override)]
        for lang, variant in variants:
            where = f"'{key}'" + (f" ({lang})" if lang else "")
            if lang and lang not in LANGUAGES:
                raise ValueError(f"{where}: onbekende taal; kies uit: {', '.join(LANGUAGES)}")
            if not isinstance(variant, str) or not variant.strip():
                raise ValueError(f"{where}: verwacht een tekst (of per taal: nl: ..., en: ...)")
            problem = template_problem(variant, allowed)
            if problem:
                raise ValueError(f"{where}: {problem}")
        result[key] = dict(override) if isinstance(override, Mapping) else override
    return result


def catalogue_problems() -> list[tuple[str, str, str]]:
    """Check the catalogues as ``cursus check`` does: ``(file, key, Dutch message)`` per problem.

    Every file must load, every language must have the same keys, and a text must use the same
    ``{placeholders}`` in every language (the code fills in exactly those).
    """
    problems: list[tuple[str, str, str]] = []
    loaded: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        shown = f"teksten/{lang}.yaml"
        try:
            loaded[lang] = load_catalogue(catalogue_path(lang))
        except CatalogueError as exc:
            problems.append((shown, "", str(exc).removeprefix(shown).lstrip(":, ")))
    if len(loaded) < 2 or LANGUAGES[0] not in loaded:
        return problems
    for lang, texts in loaded.items():
        for key, template in texts.items():
            problem = template_problem(template)
            if problem:
                problems.append((f"teksten/{lang}.yaml", key, problem + "."))
    base = loaded[LANGUAGES[0]]
    for lang, texts in loaded.items():
        if lang == LANGUAGES[0]:
            continue
        shown = f"teksten/{lang}.yaml"
        for key in sorted(set(base) - set(texts)):
            problems.append((shown, key, f"deze tekst ontbreekt (wel in teksten/{LANGUAGES[0]}.yaml)."))
        for key in sorted(set(texts) - set(base)):
            problems.append((shown, key, f"deze tekst bestaat niet in teksten/{LANGUAGES[0]}.yaml; "
                                         "controleer de spelling van de sleutel."))
        for key in sorted(set(base) & set(texts)):
            want, got = placeholders(base[key]), placeholders(texts[key])
            if want != got:
                names = ", ".join("{" + p + "}" for p in sorted(want)) or "geen"
                used = ", ".join("{" + p + "}" for p in sorted(got)) or "geen"
                problems.append((f"teksten/{LANGUAGES[0]}.yaml en {shown}", key,
                                 f"de invulplekken verschillen ({names} tegenover {used}); "
                                 "laat in elke taal dezelfde {...} staan."))
    return problems
