"""The ``cursus`` command for teachers: check the course, export a portfolio, build a class overview, start an exercise,
write the exercise files' schema for editors."""

from __future__ import annotations

import argparse
import os
import stat
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from . import paths, registry
from .content import COMMON_FIELDS, ContentError, Lesson, example_types, load_course
from .documents.files import FileProblem, kind_of, os_reason, read_answers, readable, write_atomically
from .editor_schema import MODELINE, SCHEMA_NAME, is_generated, render_schema
from .schema import ID_PATTERN, Field

#: Exit codes: all good, something to fix, the command itself was not used right.
OK, PROBLEMS, USAGE = 0, 1, 2

# argparse's own texts in Dutch (usage line, help titles, errors); see _dutch_argparse.
_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "expected one argument": "verwacht één waarde",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is niet eenduidig: %(matches)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
}


@contextmanager
def _dutch_argparse() -> Iterator[None]:
    """Let argparse speak Dutch while it parses (it looks its texts up through its module-level ``_``)."""
    original = argparse._  # type: ignore[attr-defined]
    argparse._ = lambda text: _ARGPARSE_NL.get(text, text)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._ = original  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- helpers
class _Refused(Exception):
    """The command cannot go on; the Dutch message names the file and says what to do."""

    def __init__(self, message: str, code: int = PROBLEMS) -> None:
        super().__init__(message)
        self.code = code


def _print(text: str, stream: TextIO) -> None:
    text = readable(text)  # a file name that is not UTF-8 shows with '�' instead of stopping the command
    try:
        print(text, file=stream)
    except UnicodeEncodeError:  # a console that cannot show every letter (such as a Windows code page)
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(text.encode(encoding, "replace").decode(encoding), file=stream)


def _say(text: str = "") -> None:
    _print(text, sys.stdout)


def _fail(text: str, code: int = PROBLEMS) -> int:
    _print(text, sys.stderr)
    return code


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _find_root(start: Path) -> Path | None:
    """The course folder: ``start`` or the nearest folder above it that holds ``exercises/``."""
    return paths.course_root(start) if start.exists() else None


def _lessons(course: Path | None) -> dict[str, Lesson]:
    """The course's lessons for export and overview (refused with a Dutch reason if they do not load)."""
    if course is not None:
        root = _find_root(course)
        if root is None:
            raise _Refused(f"In {course} (en de mappen erboven) staat geen map exercises/ met oefeningen. Geef bij "
                           "--cursus de cursusmap op.")
        folder = root / "exercises"
    else:
        folder = paths.exercises_dir()
        if not folder.is_dir():
            raise _Refused(f"De map met oefeningen ({folder}) bestaat niet. Draai de opdracht in de cursusmap, of geef "
                           "die op met --cursus, zoals: --cursus ~/klantgesprekken")
    try:
        return load_course(folder)
    except ContentError as exc:
        raise _Refused(f"De oefeningen kunnen niet worden geladen: {exc}\nDraai eerst 'cursus check'.") from None


# --------------------------------------------------------------------------- paths the teacher gives
#: Extensions of files a command reads (answers, exercises, notebooks): never an output.
_NOT_AN_OUTPUT = (".json", ".yaml", ".yml", ".ipynb")


def _given(text: str, what: str, example: str) -> Path:
    """The path the teacher typed; refused when it is empty (an empty name would mean this folder)."""
    if not text:
        raise _Refused(f"{what} is leeg; geef een naam op, zoals {example}.", USAGE)
    return Path(text)


def _status(path: Path) -> os.stat_result | None:
    """What ``path`` is (None when it does not exist); refused with a Dutch reason when it cannot be looked up."""
    try:
        return path.stat()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _Refused(f"{path} kan niet worden gebruikt: {os_reason(exc)}. Controleer de naam.") from None
    except ValueError:  # a NUL character in the name
        raise _Refused(f"{path} kan niet worden gebruikt: de naam bevat een ongeldig teken.") from None


def _folder(text: str, what: str, example: str) -> Path:
    """A folder the command reads: it must exist and be a folder."""
    folder = _given(text, what, example)
    info = _status(folder)
    if info is None:
        raise _Refused(f"De map {folder} bestaat niet. Controleer de naam en waar de map staat.")
    if not stat.S_ISDIR(info.st_mode):
        raise _Refused(f"{folder} is {kind_of(info.st_mode)}, geen map. Geef een map op, zoals {example}.")
    return folder


def _input_file(text: str, what: str, example: str) -> Path:
    """A file the command reads: it must exist and be a regular file (its size is checked when it is read)."""
    path = _given(text, what, example)
    info = _status(path)
    if info is None:
        raise _Refused(f"{path} bestaat niet. Controleer de naam en de map.")
    if stat.S_ISDIR(info.st_mode):
        raise _Refused(f"{path} is een map. Geef het bestand zelf op, zoals {Path(path, example)}.")
    if not stat.S_ISREG(info.st_mode):
        raise _Refused(f"{path} is {kind_of(info.st_mode)}, geen gewoon bestand. Geef een bestand op, zoals {example}.")
    return path


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _output(text: str, *, flag: str, example: str, inputs: Sequence[Path]) -> Path:
    """A file the command writes: never one of its ``inputs`` (also not through a link), never a folder or device.

    Checked before any work is done, so a wrong name costs no waiting and leaves nothing behind.
    """
    out = _given(text, f"De naam bij {flag}", example)
    keep = f"kies een andere naam, zoals {example}, zodat er geen antwoorden worden overschreven"
    if out.suffix.lower() in _NOT_AN_OUTPUT:
        raise _Refused(f"{out} lijkt een antwoordenbestand of cursusbestand ({out.suffix}); {keep}.")
    info = _status(out)
    if info is None:
        parent = out.parent
        found = _status(parent)
        if found is None:
            raise _Refused(f"De map {parent} bestaat niet. Maak die eerst, of kies een andere plek voor {out.name}.")
        if not stat.S_ISDIR(found.st_mode):
            raise _Refused(f"{parent} is {kind_of(found.st_mode)}, geen map; {out} kan daar niet worden gemaakt. "
                           f"Kies een naam zoals {example}.")
        return out
    if stat.S_ISDIR(info.st_mode):
        raise _Refused(f"{out} is een map. Geef bij {flag} een bestandsnaam op, zoals {Path(out, example)}.")
    if not stat.S_ISREG(info.st_mode):
        raise _Refused(f"{out} is {kind_of(info.st_mode)}, geen gewoon bestand. Geef bij {flag} een bestandsnaam op, "
                       f"zoals {example}.")
    mine = (info.st_dev, info.st_ino)
    for source in inputs:
        if _identity(source) == mine:  # the same file, also through a symbolic or hard link
            raise _Refused(f"{out} is hetzelfde bestand als {source}, dat wordt gelezen; {keep}.")
    return out


def _same_output(first: Path, second: Path) -> bool:
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    found = _identity(first)
    return found is not None and found == _identity(second)


# --------------------------------------------------------------------------- check
def cmd_check(args: argparse.Namespace) -> int:
    """Check the whole course and print one line per problem."""
    from .check import inspect_course

    start = Path.cwd() if args.path is None else _folder(args.path, "De cursusmap", "~/klantgesprekken")
    root = _find_root(start)
    if root is None:
        return _fail(f"In {start} (en de mappen erboven) staat geen map exercises/; geef de cursusmap op, "
                     "bijvoorbeeld: cursus check ~/klantgesprekken")
    report = inspect_course(root)
    for problem in report.problems:
        _say(problem.line())
    for warning in report.warnings:
        _say(f"Waarschuwing: {warning.line()}")
    if report.warnings:
        _say(f"{_plural(len(report.warnings), 'waarschuwing', 'waarschuwingen')}: geen fout, maar kijk er wel even "
             "naar.")
    if report.problems:
        files = len({problem.file for problem in report.problems})
        _say(f"\n{_plural(len(report.problems), 'probleem', 'problemen')} gevonden in "
             f"{_plural(files, 'bestand', 'bestanden')}. Los {'het' if len(report.problems) == 1 else 'ze'} op en "
             "draai 'cursus check' opnieuw.")
        return PROBLEMS
    if report.examples:
        _say(f"Voorbeeldantwoorden getest: {report.examples}, alle met de verwachte feedback.")
    _say(f"Alles in orde: {_plural(report.exercises, 'oefening', 'oefeningen')} in "
         f"{_plural(report.files, 'bestand', 'bestanden')}, {_plural(report.notebooks, 'notebook', 'notebooks')} "
         "gecontroleerd.")
    return OK


# --------------------------------------------------------------------------- export
def _format_for(out: Path, chosen: str | None) -> str:
    if chosen:
        return chosen
    return "md" if out.suffix.lower() in (".md", ".markdown") else "html"


def _course(text: str | None) -> Path | None:
    """The folder given with --cursus (None: this folder or one above it)."""
    return None if text is None else _folder(text, "De cursusmap bij --cursus", "~/klantgesprekken")


def cmd_export(args: argparse.Namespace) -> int:
    """Turn one student's answers file into a portfolio (HTML or Markdown)."""
    source = _input_file(args.answers, "De naam van het antwoordenbestand", "antwoorden.json")
    out = _output(args.out, flag="-o", example="portfolio.html", inputs=[source])
    course = _course(args.course)
    doc = read_answers(source, label=readable(source.name))
    lessons = _lessons(course)
    from . import documents

    if args.name is not None:
        student = readable(args.name)
    else:
        student = "" if source.stem == "antwoorden" else readable(source.stem)
    kind = _format_for(out, args.format)
    make = documents.portfolio_markdown if kind == "md" else documents.portfolio_html
    write_atomically(out, make(doc, lessons=lessons, student=student))
    answered = len(doc.get("answers", {}))
    _say(f"Portfolio ({kind}) geschreven naar {out}: {_plural(answered, 'antwoord', 'antwoorden')}"
         f"{f' van {student}' if student else ''}.")
    return OK


# --------------------------------------------------------------------------- overzicht
def _answer_files(folder: Path) -> list[Path]:
    """Every ``*.json`` in ``folder``; what is no usable file among them is listed as skipped by the overview."""
    try:
        with os.scandir(folder) as entries:
            return sorted(Path(entry.path) for entry in entries if entry.name.lower().endswith(".json"))
    except OSError as exc:
        raise _Refused(f"De map {folder} kan niet worden gelezen: {os_reason(exc)}.") from None


def cmd_overview(args: argparse.Namespace) -> int:
    """Build one class overview from a folder of students' answers files."""
    folder = _folder(args.folder, "De map met antwoordenbestanden", "inlevering")
    files = _answer_files(folder)
    if not files:
        return _fail(f"In {folder} staan geen antwoordenbestanden (*.json). Zet de bestanden van de studenten in "
                     "deze map, elk met de naam van de student, zoals 'Sanne de Vries.json'.")
    out = _output(args.out, flag="-o", example="overzicht.html", inputs=files)
    table = None
    if args.csv is not None:
        table = _output(args.csv, flag="--csv", example="onderwerpen.csv", inputs=files)
        if _same_output(out, table):
            raise _Refused(f"-o en --csv noemen hetzelfde bestand ({out}); kies twee namen, zoals overzicht.html en "
                           "onderwerpen.csv.", USAGE)
    per_student = None
    if args.student_csv is not None:
        per_student = _output(args.student_csv, flag="--csv-studenten", example="resultaten.csv", inputs=files)
        for flag, other in (("-o", out), ("--csv", table)):
            if other is not None and _same_output(other, per_student):
                raise _Refused(f"{flag} en --csv-studenten noemen hetzelfde bestand ({other}); kies verschillende "
                               "namen, zoals overzicht.html, onderwerpen.csv en resultaten.csv.", USAGE)
    lessons = _lessons(_course(args.course))
    from . import documents

    result = documents.class_overview(files, lessons=lessons)
    write_atomically(out, documents.overview_html(result))
    if table is not None:
        write_atomically(table, documents.parts_csv(result.parts))
    if per_student is not None:
        write_atomically(per_student, documents.student_csv(result))
    for name, reason in result.skipped:
        _say(f"Overgeslagen: {reason}" if name in reason else f"Overgeslagen: {name}: {reason}")
    skipped = f"; {_plural(len(result.skipped), 'bestand', 'bestanden')} overgeslagen" if result.skipped else ""
    _say(f"Klassenoverzicht geschreven naar {out}: {_plural(len(result.students), 'student', 'studenten')}{skipped}.")
    if table is not None:
        _say(f"De cijfers per onderwerp staan in {table} (te openen in een spreadsheet).")
    if per_student is not None:
        _say(f"De resultaten per student en oefening staan in {per_student}: één regel per student per oefening (te "
             "openen in een spreadsheet of in te lezen in de leeromgeving).")
    return OK


# --------------------------------------------------------------------------- nieuw
def template_samples() -> dict[str, dict[str, Any]]:
    """The example values per type, as each type declares them: description, fields and commented fields."""
    return {name: {"description": spec.description, "fields": dict(spec.sample), "commented": list(spec.commented)}
            for name, spec in registry.types().items() if spec.sample}


class _Field(dict):  # type: ignore[type-arg]
    """One top-level field of a template; always written in block style."""


@cache
def _dumper() -> type:
    """A YAML dumper that writes long texts as folded blocks and small records on one line."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)  # list items indented under their key, as in the course files

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
        style = ">" if len(data) > 80 and "\n" not in data else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    def mapping(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.MappingNode:
        small = len(data) <= 3 and all(not isinstance(v, (dict, list)) and len(str(v)) < 40 for v in data.values())
        return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=small)

    def field(dumper: yaml.SafeDumper, data: _Field) -> yaml.MappingNode:
        return dumper.represent_mapping("tag:yaml.org,2002:map", dict(data), flow_style=False)

    Dumper.add_representer(str, text)
    Dumper.add_representer(dict, mapping)
    Dumper.add_representer(_Field, field)
    return Dumper


def _dump(name: str, value: Any) -> list[str]:
    """One field as YAML lines."""
    import yaml

    dumped = yaml.dump(_Field({name: value}), Dumper=_dumper(), allow_unicode=True, sort_keys=False, width=100, indent=2,
                       default_flow_style=False)
    return dumped.rstrip("\n").splitlines()


def _comment(spec: Field, extra: str = "") -> list[str]:
    need = "verplicht" if spec.required else "optioneel"
    text = f"{spec.name} ({need}): {spec.description}{extra}"
    return textwrap.wrap(text, width=96, initial_indent="# ", subsequent_indent="#   ")


def render_template(kind: str, *, exercise_id: str = "") -> str:
    """A commented YAML block for a new exercise of type ``kind``, ready to paste under ``exercises:``."""
    sample = template_samples()[kind]
    values: dict[str, Any] = {"id": exercise_id, "type": kind, **sample["fields"]}
    commented = set(sample.get("commented") or ())
    # Every type may override its widget texts; shown commented out, with one example key.
    values.setdefault("texts", {"common.check": "Nakijken"})
    if values["texts"] == {"common.check": "Nakijken"}:
        commented.add("texts")
    common = [spec for spec in COMMON_FIELDS if spec.name != "examples"]
    kind_spec = registry.get(kind)
    fields = [*common, *kind_spec.fields]
    if kind in example_types():
        fields += [spec for spec in COMMON_FIELDS if spec.name == "examples"]
    header = textwrap.wrap(
        f"Nieuwe oefening van type {kind}: {sample['description']}. Plak dit blok onder 'exercises:' in "
        "exercises/<les>.yaml, vul de id in, pas de voorbeeldteksten aan en draai daarna 'cursus check'. "
        "De regel hierboven hoort één keer bovenaan het bestand (dan helpt VS Code bij elk veld); staat hij er al, "
        "laat hem dan weg.", width=96, initial_indent="# ", subsequent_indent="# ")
    lines: list[str] = []
    for spec in fields:
        if spec.name not in values:
            raise KeyError(f"type {kind} has no sample value for its field {spec.name}")
        extra = ""
        if spec.name == "id":
            extra = "; begin met het lesnummer, zoals 02-herschrijf-5"
        elif spec.name == "examples":
            extra = f"; expect is een van: {', '.join(kind_spec.verdicts)}"
        body = _dump(spec.name, values[spec.name])
        if spec.name in commented:
            body = ["# " + line for line in body]
        lines += _comment(spec, extra) + body
    indented = [MODELINE, *("  " + line for line in header)]
    first = True
    for line in lines:
        if first and not line.startswith("#"):
            indented.append("  - " + line)
            first = False
        else:
            indented.append("    " + line)
    return "\n".join(indented) + "\n"


def cmd_new(args: argparse.Namespace) -> int:
    """Print a commented template for a new exercise."""
    samples = template_samples()
    allowed = sorted(samples)
    if args.type is None:
        _say("Oefentypen (gebruik: cursus nieuw TYPE):")
        for kind in allowed:
            _say(f"  {kind:<18} {samples[kind]['description']}")
        _say("\n'cursus nieuw' maakt een nieuwe oefening van een bestaand type. Een nieuw oefentype maken is werk "
             "voor een ontwikkelaar: zie docs/dev/exercise-types.md.")
        return OK
    if args.type not in samples:
        return _fail(f"Onbekend oefentype '{args.type}'. Kies uit: {', '.join(allowed)}.", USAGE)
    if args.id and not ID_PATTERN.match(args.id):
        return _fail(f"De id '{args.id}' is niet toegestaan; gebruik kleine letters, cijfers en streepjes, "
                     "zoals 02-herschrijf-5.", USAGE)
    sys.stdout.write(render_template(args.type, exercise_id=args.id or ""))
    return OK


# --------------------------------------------------------------------------- schema
#: A schema is a few dozen kB; an existing file bigger than this is certainly not one.
_MAX_SCHEMA_BYTES = 10 * 1024 * 1024


def _existing_schema(out: Path, info: os.stat_result) -> str:
    """The text of the file at ``out``, which may only be replaced when it is a schema 'cursus schema' wrote."""
    other = (f"{out} bestaat al en is geen schema van 'cursus schema'; het wordt niet overschreven. Kies een andere "
             f"naam, zoals {SCHEMA_NAME}.")
    if info.st_size > _MAX_SCHEMA_BYTES:
        raise _Refused(other)
    try:
        current = out.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise _Refused(f"{out} kan niet worden gelezen: {os_reason(exc)}.") from None
    if not is_generated(current):
        raise _Refused(other)
    return current


def _schema_output(text: str | None, exercises: Path | None) -> tuple[Path, str]:
    """Where the schema goes and what is there now ('' for a new file); never a course file or another file."""
    if text is None:
        if exercises is None:
            raise _Refused("Hier (en in de mappen erboven) staat geen map exercises/. Draai de opdracht in de "
                           "cursusmap, geef die op met --cursus, of kies met -o waar het schema komt.")
        out = exercises / SCHEMA_NAME
    else:
        out = _given(text, "De naam bij -o", SCHEMA_NAME)
        if out.suffix.lower() in (".yaml", ".yml", ".ipynb"):
            raise _Refused(f"{out} lijkt een cursusbestand ({out.suffix}); kies een andere naam, zoals {SCHEMA_NAME}.")
    info = _status(out)
    if info is None:
        found = _status(out.parent)
        if found is None or not stat.S_ISDIR(found.st_mode):
            raise _Refused(f"De map {out.parent} bestaat niet. Maak die eerst, of kies een andere plek voor {out.name}.")
        return out, ""
    if not stat.S_ISREG(info.st_mode):
        raise _Refused(f"{out} is {kind_of(info.st_mode)}, geen gewoon bestand. Geef bij -o een bestandsnaam op, "
                       f"zoals {SCHEMA_NAME}.")
    return out, _existing_schema(out, info)


def cmd_schema(args: argparse.Namespace) -> int:
    """Write the JSON Schema of exercise files, for editors such as VS Code."""
    course = _course(args.course)
    root = _find_root(course or Path.cwd())
    exercises = root / "exercises" if root is not None else None
    out, current = _schema_output(args.out, exercises)
    text = render_schema()
    if exercises is not None and out.resolve().parent != exercises.resolve():
        line = f"# yaml-language-server: $schema={Path(os.path.relpath(out.resolve(), exercises.resolve())).as_posix()}"
    else:
        line = MODELINE if exercises is not None else f"# yaml-language-server: $schema={out.resolve().as_posix()}"
    kinds = _plural(len(registry.names()), "oefentype", "oefentypen")
    shown = os.path.relpath(out) if out.is_absolute() and out.resolve().is_relative_to(Path.cwd().resolve()) else out
    if current == text:
        _say(f"Het schema in {shown} is al bijgewerkt ({kinds}); er is niets veranderd.")
    else:
        write_atomically(out, text)
        _say(f"Schema geschreven naar {shown} ({kinds}, {len(text.encode('utf-8')) // 1024} kB).")
    _say(f"Een oefenbestand gebruikt het met deze eerste regel:\n  {line}")
    return OK


# --------------------------------------------------------------------------- parser
def _formatter(prog: str) -> argparse.HelpFormatter:
    return argparse.HelpFormatter(prog, max_help_position=28, width=100)


def build_parser() -> argparse.ArgumentParser:
    """The ``cursus`` command line with Dutch help texts."""
    parser = argparse.ArgumentParser(
        prog="cursus",
        description="Hulpmiddelen voor docenten bij de cursus Klantgesprekken.",
        epilog="Meer uitleg: docs/docent.md. Hulp bij één opdracht: cursus OPDRACHT --help.",
        formatter_class=_formatter,
    )
    commands = parser.add_subparsers(dest="command", title="opdrachten", metavar="OPDRACHT",
                                     parser_class=lambda **kw: argparse.ArgumentParser(formatter_class=_formatter, **kw))

    check = commands.add_parser(
        "check", help="controleer oefenbestanden, notebooks en voorbeeldantwoorden",
        description="Controleer de hele cursus: elk oefenbestand, elk notebook (geen uitvoer, tweeling gelijk, "
                    "elke oefening precies één keer getoond) en alle voorbeeldantwoorden (examples).")
    check.add_argument("path", nargs="?", metavar="PAD",
                       help="de cursusmap (standaard: deze map of de dichtstbijzijnde map erboven met exercises/)")
    check.set_defaults(run=cmd_check)

    export = commands.add_parser(
        "export", help="maak een portfolio van het antwoordenbestand van één student",
        description="Maak van een antwoordenbestand (antwoorden.json) een portfolio in HTML of Markdown.")
    export.add_argument("answers", metavar="ANTWOORDENBESTAND", help="het antwoordenbestand van de student")
    export.add_argument("-o", "--uit", dest="out", required=True, metavar="UIT",
                        help="het bestand dat gemaakt wordt, zoals portfolio.html")
    export.add_argument("--format", choices=("html", "md"), default=None,
                        help="html of md (standaard: volgens de extensie van UIT, anders html)")
    export.add_argument("--naam", dest="name", default=None, metavar="NAAM",
                        help="naam van de student in het portfolio (standaard: de bestandsnaam, behalve bij "
                             "'antwoorden.json')")
    export.add_argument("--cursus", dest="course", metavar="PAD",
                        help="de cursusmap met exercises/ (standaard: deze map of een map erboven)")
    export.set_defaults(run=cmd_export)

    overview = commands.add_parser(
        "overzicht", help="maak een klassenoverzicht van een map met antwoordenbestanden",
        description="Maak één HTML-overzicht van alle antwoordenbestanden (*.json) in een map. De namen in het "
                    "overzicht komen uit de bestandsnamen.")
    overview.add_argument("folder", metavar="MAP", help="de map met de antwoordenbestanden van de studenten")
    overview.add_argument("-o", "--uit", dest="out", required=True, metavar="UIT",
                          help="het HTML-bestand dat gemaakt wordt, zoals overzicht.html")
    overview.add_argument("--cursus", dest="course", metavar="PAD",
                          help="de cursusmap met exercises/ (standaard: deze map of een map erboven)")
    overview.add_argument("--csv", metavar="CSV",
                          help="schrijf ook de cijfers per onderwerp van de intakegesprekken naar dit CSV-bestand")
    overview.add_argument("--csv-studenten", dest="student_csv", metavar="CSV",
                          help="schrijf ook één regel per student per oefening (gedaan, oordeel, score, gemist) naar "
                               "dit CSV-bestand, voor een spreadsheet of de leeromgeving van school")
    overview.set_defaults(run=cmd_overview)

    new = commands.add_parser(
        "nieuw", help="toon een sjabloon voor een nieuwe oefening",
        description="Toon een YAML-sjabloon met uitleg per veld voor een nieuwe oefening van een bestaand oefentype. "
                    "Zonder TYPE: een lijst van alle oefentypen. Een nieuw oefentype maken (Python) staat in "
                    "docs/dev/exercise-types.md.")
    new.add_argument("type", nargs="?", metavar="TYPE", help=f"het oefentype: {', '.join(registry.names())}")
    new.add_argument("--id", default="", metavar="ID", help="vul meteen deze id in, zoals 02-herschrijf-5")
    new.set_defaults(run=cmd_new)

    schema = commands.add_parser(
        "schema", help="schrijf het schema van de oefenbestanden, voor hulp in VS Code",
        description="Schrijf het JSON-schema van de oefenbestanden (standaard exercises/oefeningen.schema.json). "
                    "Een editor zoals VS Code met de YAML-extensie vult daarmee veldnamen aan, toont de uitleg per "
                    "veld en onderstreept fouten terwijl je typt. Draai de opdracht opnieuw na een wijziging in "
                    "de oefentypen; een ander bestand dan een eerder schema wordt nooit overschreven.")
    schema.add_argument("-o", "--uit", dest="out", default=None, metavar="UIT",
                        help=f"het bestand dat gemaakt wordt (standaard: exercises/{SCHEMA_NAME} in de cursusmap)")
    schema.add_argument("--cursus", dest="course", metavar="PAD",
                        help="de cursusmap met exercises/ (standaard: deze map of een map erboven)")
    schema.set_defaults(run=cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cursus`` with ``argv`` (default: the command line) and return the exit code."""
    with _dutch_argparse():  # also while building: argparse translates titles and -h when it creates them
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help (0) or a usage error (2): argparse has printed why
            return exc.code if isinstance(exc.code, int) else USAGE
        if args.command is None:
            parser.print_help()
            return USAGE
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (_Refused, FileProblem) as exc:
        return _fail(str(exc), getattr(exc, "code", PROBLEMS))
    except OSError as exc:  # the last safety net: a file problem no command foresaw, still told in Dutch
        name = f"{exc.filename}: " if exc.filename else ""
        return _fail(f"{name}{os_reason(exc)}. Controleer de namen en de mappen en probeer het opnieuw.")
    except KeyboardInterrupt:
        return _fail("Afgebroken. Er is geen half geschreven bestand achtergebleven.", 130)


if __name__ == "__main__":
    sys.exit(main())
