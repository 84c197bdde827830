"""Content under attack: mutated copies of the real exercise files never pass and never crash.

Each mutation takes one of the course's own files from ``exercises/``, changes one thing and runs
both the loader and ``cursus check`` (:func:`cursuslib.check.inspect_course`) on a temporary course.
Every one must give a Dutch message that names the file (and the exercise and field where there
is one): no traceback, no English parser words, nothing silently accepted. A few changes that a
teacher's editor makes to a good file (a BOM, Windows line ends) must load unchanged instead.
The 50,000-level nesting runs ``cursus check`` in a child process: it used to kill the kernel.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from cursuslib import content, messages
from cursuslib.check import inspect_course
from cursuslib.content import ContentError, Exercise, load_course, load_lesson, read_document
from cursuslib.schema import describe

REPO = Path(__file__).resolve().parents[2]
EXERCISES = REPO / "exercises"

#: Words of PyYAML's and Python's own (English) errors that must never reach a teacher.
ENGLISH = re.compile(r"\b(?:expected|found|while|mapping|scalar|token|could not|not allowed|Traceback|Error|"
                     r"None|NoneType|str|int|float|list|dict|date|datetime|bytes)\b")
DUTCH = re.compile(r"\b(?:de|het|een|niet|is|staat|verwacht|kan|geen|zet|onbekend|toegestaan|ontbreekt|moet|mag|onbekende|zie|tekst)\b")


# --------------------------------------------------------------------------- changing a real file
Change = Callable[[str], "str | bytes"]


def _block(text: str, exercise_id: str) -> tuple[int, int]:
    """Where an exercise's block starts and ends in a file's text."""
    start = text.index(f"  - id: {exercise_id}\n")
    following = re.compile(r"^  - id: ", re.MULTILINE).search(text, start + 1)
    return start, following.start() if following else len(text)


def swap(exercise_id: str, old: str, new: str) -> Change:
    """Replace the first ``old`` inside one exercise (the test fails if the file no longer has it)."""
    def change(text: str) -> str:
        start, end = _block(text, exercise_id)
        at = text.index(old, start, end)
        return text[:at] + new + text[at + len(old):]
    return change


def value(exercise_id: str, name: str, new: str) -> Change:
    """Replace the whole one-line value of a field of an exercise."""
    def change(text: str) -> str:
        start, end = _block(text, exercise_id)
        found = re.compile(rf"^    {name}:.*$", re.MULTILINE).search(text, start, end)
        assert found, (exercise_id, name)
        return text[:found.start()] + f"    {name}: {new}" + text[found.end():]
    return change


def header(old: str, new: str) -> Change:
    """Replace ``old`` in the lines above ``exercises:``."""
    def change(text: str) -> str:
        top, rest = text.split("exercises:", 1)
        assert old in top
        return top.replace(old, new, 1) + "exercises:" + rest
    return change


def add(exercise_id: str, lines: str) -> Change:
    """Put ``lines`` (at field level) right under the exercise's id line."""
    return swap(exercise_id, f"  - id: {exercise_id}\n", f"  - id: {exercise_id}\n" + lines)


def drop(exercise_id: str, name: str) -> Change:
    """Remove a field of an exercise with everything indented under it."""
    def change(text: str) -> str:
        start, end = _block(text, exercise_id)
        lines = text[start:end].split("\n")
        first = next(n for n, line in enumerate(lines) if re.match(rf"    {name}:", line))
        last = first + 1
        while last < len(lines) and (lines[last].startswith("     ") or not lines[last].strip()):
            last += 1
        kept = lines[:first] + lines[last:]
        return text[:start] + "\n".join(kept) + text[end:]
    return change


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def billion_laughs(text: str) -> str:
    bomb = "lol0: &a0 [haha, haha, haha, haha, haha, haha, haha, haha, haha]\n" + "".join(
        f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]\n" for n in range(1, 10))
    return bomb + text


@dataclass(frozen=True)
class Mutation:
    """One change to one real file and what its message must name."""

    name: str
    file: str
    change: Change
    exercise: str = ""  # "'id'" or "nr. 3"
    field: str = ""
    says: str = ""  # a regex the message must match
    whole_course: bool = False  # the mistake is between files: the course's other files are copied too


M = Mutation
W, K1, K2, K3, K4, K5 = (f"{name}.yaml" for name in ("00_welkom", "01_klantgesprek", "02_klantcontact_eigenschappen",
                                                     "03_ontevreden_klant", "04_klantenkamer", "05_behoeften_luisteren"))
MUTATIONS: list[Mutation] = [
    # missing fields
    M("missing-correct", W, drop("00-proef", "correct"), "'00-proef'", "", r"'correct' ontbreekt"),
    M("missing-question", K1, drop("01-quiz-open-vraag", "question"), "'01-quiz-open-vraag'", "", r"'question' ontbreekt"),
    M("missing-sentence", K2, drop("02-herschrijf-1", "sentence"), "'02-herschrijf-1'", "", r"'sentence' ontbreekt"),
    M("missing-nodes", K3, drop("03-webshop-plat", "nodes"), "'03-webshop-plat'", "", r"'nodes' ontbreekt"),
    M("missing-parts", K4, drop("04-planner", "parts"), "'04-planner'", "", r"'parts' ontbreekt"),
    M("missing-items", K5, drop("05-volgorde", "items"), "'05-volgorde'", "", r"'items' ontbreekt"),
    M("missing-title", K3, drop("03-quiz-niet-persoonlijk", "title"), "'03-quiz-niet-persoonlijk'", "", r"'title' ontbreekt"),
    M("missing-type", K4, drop("04-observatie", "type"), "'04-observatie'", "type", r"ontbreekt"),
    M("missing-id", K2, swap("02-quiz-eerlijk", "  - id: 02-quiz-eerlijk\n    type:", "  - type:"), "nr. 11", "",
      r"'id' ontbreekt"),
    M("missing-lesson", W, header("lesson: 00_welkom\n", ""), "", "lesson", r"verwacht '00_welkom'"),
    M("missing-schema-version", K1, header("schema_version: 1\n", ""), "", "schema_version", r"toegestaan: 1"),
    M("missing-exercises", W, lambda t: t.split("exercises:")[0], "", "exercises", r"minstens één oefening"),
    # unknown fields
    M("unknown-field", W, add("00-proef", "    titel: Proef\n"), "'00-proef'", "", r"onbekend veld 'titel'"),
    M("unknown-field-hint", K2, add("02-quiz-eerlijk", "    hint: Denk na\n"), "'02-quiz-eerlijk'", "",
      r"onbekend veld 'hint'"),
    M("unknown-top-field", K3, header("title:", "auteur: Sanne\ntitle:"), "", "", r"onbekend veld 'auteur' bovenaan"),
    M("unknown-field-in-option", W, swap("00-proef", "      - key: b\n", "      - key: b\n        uitleg: Ja\n"),
      "'00-proef'", "options", r"onbekend veld 'uitleg'"),
    M("unknown-field-in-tip", K3, swap("03-webshop-plat", "{key: kern,", "{key: kern, kleur: rood,"),
      "'03-webshop-plat'", "tips", r"onbekend veld 'kleur'"),
    M("unknown-type", K1, swap("01-quiz-samenvatten", "type: single_choice", "type: meerkeuze"),
      "'01-quiz-samenvatten'", "type", r"'meerkeuze' is onbekend"),
    # duplicates
    M("duplicate-key-title", K1, add("01-quiz-open-vraag", "    title: Nog een titel\n"), "'01-quiz-open-vraag'",
      "title", r"'title' staat twee keer .*regel \d+ en regel \d+"),
    M("duplicate-key-correct", W, swap("00-proef", "    correct: b\n", "    correct: b\n    correct: a\n"),
      "'00-proef'", "correct", r"'correct' staat twee keer"),
    M("duplicate-key-in-option", W, swap("00-proef", "      - key: c\n", "      - key: c\n        key: d\n"),
      "'00-proef'", "options", r"'key' staat twee keer"),
    M("duplicate-key-in-flow", K3, swap("03-webshop-plat", "{key: kern,", "{key: kern, key: kern2,"),
      "'03-webshop-plat'", "tips", r"'key' staat twee keer"),
    M("duplicate-key-top", K5, header("title:", "title: Eerst\ntitle:"), "", "title", r"'title' staat twee keer"),
    M("duplicate-key-exercises", W, lambda t: t + "exercises: []\n", "", "exercises", r"'exercises' staat twee keer"),
    M("duplicate-id-in-file", K4, swap("04-quiz-ronde2", "id: 04-quiz-ronde2", "id: 04-quiz-ronde1"),
      "'04-quiz-ronde1'", "id", r"al gebruikt door oefening nr. 5"),
    M("duplicate-id-across-files", K2, swap("02-quiz-eerlijk", "id: 02-quiz-eerlijk", "id: 01-quiz-open-vraag"),
      "'01-quiz-open-vraag'", "id", r"al gebruikt in .*01_klantgesprek.yaml", whole_course=True),
    M("duplicate-option-key", W, swap("00-proef", "      - key: c\n", "      - key: a\n"), "'00-proef'", "options",
      r"'a' komt twee keer voor"),
    # wrong types and values
    M("title-list", K2, swap("02-quiz-eerlijk", 'title: "', 'title: ["'), "'02-quiz-eerlijk'", "title", r"YAML-opbouw"),
    M("title-date", K4, value("04-quiz-ronde1", "title", "2024-05-01"),
      "'04-quiz-ronde1'", "title", r"de datum 2024-05-01.*aanhalingstekens"),
    M("title-impossible-date", K4, swap("04-quiz-ronde1", "    title:", "    title: 2024-02-30\n    oud_title:"),
      "'04-quiz-ronde1'", "title", r"'2024-02-30' lijkt een datum"),
    M("title-empty", W, swap("00-proef", '    title: "Proefoefening: de eerste reactie"', "    title:"),
      "'00-proef'", "title", r"niet leeg"),
    M("title-yes", W, swap("00-proef", '    title: "Proefoefening: de eerste reactie"', "    title: yes"),
      "'00-proef'", "title", r"ja/nee-waarde true.*aanhalingstekens"),
    M("title-nan", W, swap("00-proef", '    title: "Proefoefening: de eerste reactie"', "    title: .nan"),
      "'00-proef'", "title", r"\.nan"),
    M("min-words-text", K1, swap("01-reflectie-lsd", "min_words: 15", "min_words: veel"), "'01-reflectie-lsd'",
      "min_words", r"heel getal"),
    M("min-words-negative", K2, swap("02-reflectie", "min_words: 15", "min_words: -5"), "'02-reflectie'", "min_words",
      r"heel getal"),
    M("min-words-fraction", K3, swap("03-reflectie", "min_words: 15", "min_words: 3.5"), "'03-reflectie'", "min_words",
      r"het getal 3.5"),
    M("min-words-yes-no", K4, swap("04-reflectie", "min_words: 15", "min_words: true"), "'04-reflectie'", "min_words",
      r"ja/nee-waarde"),
    M("min-words-huge", K4, swap("04-reflectie", "min_words: 15", "min_words: " + "9" * 5000), "'04-reflectie'",
      "min_words", r"lijkt een getal"),
    M("correct-not-an-option", K2, swap("02-quiz-eerlijk", "correct: b", "correct: z"), "'02-quiz-eerlijk'", "correct",
      r"'z'"),
    M("options-text", K1, swap("01-quiz-samenvatten", "    options:\n", "    options: tekst\n    oud:\n"),
      "'01-quiz-samenvatten'", "", r"(options|oud)"),
    M("schema-version-text", K3, header("schema_version: 1", 'schema_version: "1"'), "", "schema_version",
      r"'1' wordt niet ondersteund"),
    M("schema-version-float", K3, header("schema_version: 1", "schema_version: 1.0"), "", "schema_version",
      r"het getal 1.0"),
    M("schema-version-bool", K5, header("schema_version: 1", "schema_version: true"), "", "schema_version",
      r"ja/nee-waarde true"),
    M("lesson-other-name", K2, header("lesson: 02_klantcontact_eigenschappen", "lesson: 02_andere"), "", "lesson",
      r"verwacht '02_klantcontact_eigenschappen'"),
    M("id-capitals", K5, swap("05-volgorde", "id: 05-volgorde", "id: 05-Volgorde"), "'05-Volgorde'", "id", r"kleine letters"),
    M("exercises-empty", W, lambda t: t.split("exercises:")[0] + "exercises: []\n", "", "exercises",
      r"minstens één oefening"),
    M("exercises-block", W, lambda t: t.split("exercises:")[0] + "exercises: {a: 1}\n", "", "exercises",
      r"een blok met velden"),
    M("exercise-is-text", K4, swap("04-observatie", "  - id: 04-observatie\n", "  - gewoon een zin\n  - id: 04-observatie\n"),
      "nr. 10", "", r"niet 'gewoon een zin'"),
    M("planner-start-time", K4, swap("04-planner", 'start: "15:00"', 'start: "25:00"'), "'04-planner'", "start",
      r"tijd zoals"),
    M("examples-verdict", K1, swap("01-reflectie-lsd", "expect: te_kort", "expect: prima"), "'01-reflectie-lsd'",
      "examples", r"'prima' is niet toegestaan"),
    M("compare-with-unknown", K5, swap("05-zelfbeoordeling-eind", "compare_with: 02-zelfbeoordeling",
                                       "compare_with: 02-bestaat-niet"),
      "'05-zelfbeoordeling-eind'", "", r"02-bestaat-niet", whole_course=True),
    # YAML that exercise files never need, and what can hurt
    M("tab-indent", K3, swap("03-quiz-niet-persoonlijk", "    correct: b", "\tcorrect: b"), "'03-quiz-niet-persoonlijk'",
      "correct", r"tab.*spaties"),
    M("tag-python", W, swap("00-proef", "    correct: b", "    correct: !!python/object/apply:os.system ['echo x']"),
      "'00-proef'", "correct", r"YAML-label !!python/object/apply:os.system"),
    M("tag-binary", K1, swap("01-quiz-open-vraag", "    correct: d", "    correct: !!binary ZA=="), "'01-quiz-open-vraag'",
      "correct", r"!!binary"),
    M("tag-set", K1, swap("01-quiz-doorvragen", "correct: [a, c, e]", "correct: !!set {a, c, e}"),
      "'01-quiz-doorvragen'", "correct", r"!!set"),
    M("tag-local", K2, swap("02-quiz-eerlijk", "correct: b", "correct: !belangrijk b"), "'02-quiz-eerlijk'", "correct",
      r"!belangrijk"),
    M("billion-laughs", W, billion_laughs, "", "lol0", r"anker"),
    M("alias-in-exercise", K1, lambda t: swap("01-quiz-samenvatten", "correct: a", "correct: *antwoord")(
        swap("01-quiz-open-vraag", "correct: d", "correct: &antwoord d")(t)), "'01-quiz-open-vraag'", "correct",
      r"anker"),
    M("merge-key", K2, add("02-quiz-eerlijk", "    <<: {moment: begin}\n"), "'02-quiz-eerlijk'", "<<", r"'<<'"),
    M("complex-key", K2, add("02-quiz-eerlijk", "    ? [a, b]\n    : c\n"), "'02-quiz-eerlijk'", "", r"gewone tekst"),
    M("deep-flow", K3, swap("03-quiz-niet-persoonlijk", "    correct: b", "    correct: " + nested(200)),
      "'03-quiz-niet-persoonlijk'", "correct", rf"meer dan {content.MAX_DEPTH} lagen"),
    M("deep-blocks", K5, swap("05-volgorde", "    items:\n", "    diep:\n" + "".join(
        " " * (6 + 2 * n) + "- \n" for n in range(150)) + "    items:\n"), "'05-volgorde'", "diep",
      rf"meer dan {content.MAX_DEPTH} lagen"),
    M("deep-compact", K1, swap("01-quiz-open-vraag", "    correct: d", "    correct:\n      " + "- " * 150 + "d"),
      "'01-quiz-open-vraag'", "correct", r"lagen diep"),
    M("unclosed-quote", K2, value("02-quiz-eerlijk", "title", '"Open vraag'), "'02-quiz-eerlijk'", "",
      r"YAML-opbouw klopt niet"),
    M("unclosed-bracket", K1, swap("01-quiz-doorvragen", "correct: [a, c, e]", "correct: [a, c, e"),
      "'01-quiz-doorvragen'", "correct", r"\[ \]"),
    M("colon-in-text", K4, swap("04-quiz-ronde1", "    title:", "    title: Ronde: een\n    oud:"), "'04-quiz-ronde1'",
      "title", r"dubbele punt"),
    M("wrong-indent", K3, swap("03-quiz-samen-oplossen", "    correct:", "   correct:"), "'03-quiz-samen-oplossen'",
      "correct", r"springt"),
    M("at-sign", W, swap("00-proef", "    correct: b", "    correct: @b"), "'00-proef'", "correct", r"@"),
    M("unknown-escape", K5, swap("05-lsd-gesprek", 'correction: "Nee,', 'correction: "Nee\\q,'), "'05-lsd-gesprek'",
      "correction", r"na een \\"),
    M("second-document", K4, lambda t: t + "---\nlesson: 04_klantenkamer\n", "", "", r"'---'"),
    M("emphasis-at-start", K2, swap("02-quiz-eerlijk", 'title: "', 'title: *Eerlijk* "'), "'02-quiz-eerlijk'", "title",
      r"& of \*"),
    M("nul-byte", K1, swap("01-quiz-open-vraag", "correct: d", "correct: d\x00"), "", "", r"stuurteken.*\(U\+0000\)"),
    M("bell-character", K3, swap("03-reflectie", "min_words: 15", "min_words: 1\x075"), "", "", r"U\+0007"),
    # whole files
    M("empty-file", K2, lambda t: "", "", "", r"leeg"),
    M("only-comments", K3, lambda t: "# alles weg\n", "", "", r"alleen commentaar"),
    M("top-level-list", K4, lambda t: "- a\n- b\n", "", "", r"niet een lijst"),
    M("binary-file", W, lambda t: bytes(range(256)) * 8, "", "", r"geen UTF-8"),
    M("png-file", K1, lambda t: b"\x89PNG\r\n\x1a\n" + bytes(random.Random(1).randrange(256) for _ in range(2000)), "", "",
      r"geen UTF-8"),
    M("latin-1", K2, lambda t: t.encode("latin-1", "replace"), "", "", r"geen UTF-8"),
    M("utf-16", K3, lambda t: t.encode("utf-16"), "", "", r"geen UTF-8"),
    M("huge-file", K1, lambda t: t + "#" + "x" * content.MAX_FILE_BYTES + "\n", "", "", r"te groot"),
    M("truncated", K5, lambda t: t[: t.index("correction:") + 20], "", "", r"aanhalingsteken|YAML-opbouw"),
    # format strings in a texts override
    M("texts-attribute", W, add("00-proef", "    texts:\n      common.saved_at: \"{time.__class__.__mro__}\"\n"),
      "'00-proef'", "texts", r"\{time.__class__.__mro__\} kan niet"),
    M("texts-padding", K1, add("01-quiz-open-vraag", "    texts:\n      common.saved_at: \"{time:>300000000}\"\n"),
      "'01-quiz-open-vraag'", "texts", r"\{time:>300000000\} kan niet"),
    M("texts-conversion", K2, add("02-quiz-eerlijk", "    texts:\n      common.saved_at: \"{time!r}\"\n"),
      "'02-quiz-eerlijk'", "texts", r"\{time!r\} kan niet"),
    M("texts-index", K3, add("03-reflectie", "    texts:\n      common.saved_at: \"{time[0]}\"\n"), "'03-reflectie'",
      "texts", r"\{time\[0\]\} kan niet"),
    M("texts-position", K4, add("04-planner", "    texts:\n      common.saved_at: \"Om {0}\"\n"), "'04-planner'", "texts",
      r"\{0\} kan niet"),
    M("texts-unknown-name", K5, add("05-volgorde", "    texts:\n      common.saved_at: \"Om {uur}\"\n"), "'05-volgorde'",
      "texts", r"onbekende invulplek \{uur\}; toegestaan: \{time\}"),
    M("texts-lone-brace", W, add("00-proef", "    texts:\n      common.saved_at: \"Om {time\"\n"), "'00-proef'", "texts",
      r"accolades kloppen niet"),
    M("texts-per-language", K2, add("02-reflectie", "    texts:\n      common.saved_at: {nl: \"Om {time}\", en: \"{time:x}\"}\n"),
      "'02-reflectie'", "texts", r"\(en\): de invulplek \{time:x\}"),
    M("texts-unknown-key", K3, add("03-intake", "    texts:\n      common.bestaat_niet: Hallo\n"), "'03-intake'", "texts",
      r"onbekende tekst 'common.bestaat_niet'"),
]


def _write(folder: Path, mutation: Mutation) -> Path:
    exercises = folder / "exercises"
    if mutation.whole_course:
        shutil.copytree(EXERCISES, exercises)
    else:
        exercises.mkdir(parents=True)
    path = exercises / mutation.file
    changed = mutation.change((EXERCISES / mutation.file).read_text(encoding="utf-8"))
    if isinstance(changed, str):
        path.write_text(changed, encoding="utf-8", newline="")
    else:
        path.write_bytes(changed)
    return path


def _assert_names_everything(message: str, mutation: Mutation) -> None:
    assert mutation.file in message, message
    if mutation.exercise:
        assert f"oefening {mutation.exercise}" in message, message
    if mutation.field:
        assert f"veld '{mutation.field}'" in message, message
    if mutation.says:
        assert re.search(mutation.says, message), message
    assert DUTCH.search(message), message
    assert not ENGLISH.search(message), message


def test_there_are_at_least_sixty_mutations_with_unique_names() -> None:
    assert len(MUTATIONS) >= 60
    assert len({m.name for m in MUTATIONS}) == len(MUTATIONS)


@pytest.mark.parametrize("mutation", MUTATIONS, ids=[m.name for m in MUTATIONS])
def test_a_mutated_file_gets_a_dutch_message_naming_file_exercise_and_field(mutation: Mutation, tmp_path: Path) -> None:
    path = _write(tmp_path, mutation)
    with pytest.raises(ContentError) as info:
        if mutation.whole_course:
            load_course(path.parent)
        else:
            load_lesson(path)
    _assert_names_everything(str(info.value), mutation)

    report = inspect_course(tmp_path)  # what `cursus check` prints, one line per problem
    lines = [problem.line() for problem in report.problems if problem.file == f"exercises/{mutation.file}"]
    assert lines, [problem.line() for problem in report.problems]
    _assert_names_everything(lines[0], mutation)


# --------------------------------------------------------------------------- what must still load
@pytest.mark.parametrize("name", sorted(p.name for p in EXERCISES.glob("*.yaml")))
@pytest.mark.parametrize("edit", ["bom", "crlf"])
def test_a_bom_or_windows_line_ends_change_nothing(name: str, edit: str, tmp_path: Path) -> None:
    original = (EXERCISES / name).read_text(encoding="utf-8")
    data = b"\xef\xbb\xbf" + original.encode() if edit == "bom" else original.replace("\n", "\r\n").encode()
    (tmp_path / name).write_bytes(data)
    assert read_document(tmp_path / name) == read_document(EXERCISES / name)
    assert [e.id for e in load_lesson(tmp_path / name).exercises] == [e.id for e in load_lesson(EXERCISES / name).exercises]


def test_the_strict_loaders_read_the_real_files_as_yaml_does() -> None:
    """Both strict loaders (libyaml's tree builder, and the one that counts depth) agree with a plain safe load."""
    fast, counting = content._loaders()
    for path in sorted(EXERCISES.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        expected = yaml.safe_load(text)
        for loader in (fast, counting):
            reader = loader(text)
            try:
                assert reader.get_single_data() == expected, (path.name, loader.__name__)
            finally:
                reader.dispose()
        assert content._depth_bound(text) <= content.MAX_DEPTH, "the course's own files take the fast path"


def _random_tree(rng: random.Random, depth: int) -> object:
    if depth == 0 or rng.random() < 0.2:
        return rng.choice(["tekst", 3, "- streepje", "a: b", "[haak", None])
    if rng.random() < 0.5:
        return [_random_tree(rng, depth - 1) for _ in range(rng.randint(1, 3))]
    return {f"k{n}": _random_tree(rng, depth - 1) for n in range(rng.randint(1, 3))}


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max(map(_depth, value), default=0)
    if isinstance(value, dict):
        return 1 + max(map(_depth, value.values()), default=0)
    return 1


@pytest.mark.parametrize("flow", [False, None, True])
def test_the_cheap_depth_bound_is_never_below_the_real_depth(flow: bool | None) -> None:
    """The fast path hands libyaml only texts whose depth is bounded; the bound must hold for any layout."""
    rng = random.Random(16)
    for _ in range(300):
        tree = {"a": _random_tree(rng, rng.randint(1, 12))}
        for indent in (2, 4):
            text = yaml.safe_dump(tree, default_flow_style=flow, indent=indent, allow_unicode=True)
            assert _depth(yaml.safe_load(text)) <= content._depth_bound(text), text


# --------------------------------------------------------------------------- without libyaml (JupyterLite)
YAML_LEVEL = [m for m in MUTATIONS if m.name.startswith(("duplicate-key", "tag-", "billion", "alias", "merge",
                                                         "complex", "deep-", "title-impossible", "min-words-huge",
                                                         "unclosed", "colon", "wrong-indent"))]


@pytest.mark.parametrize("mutation", YAML_LEVEL, ids=[m.name for m in YAML_LEVEL])
def test_pure_python_yaml_refuses_the_same(mutation: Mutation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml, "__with_libyaml__", False)
    pure = content._loaders.__wrapped__()
    monkeypatch.setattr(content, "_loaders", lambda: pure)
    with pytest.raises(ContentError) as info:
        load_lesson(_write(tmp_path, mutation))
    _assert_names_everything(str(info.value), mutation)


# --------------------------------------------------------------------------- 50,000 levels: once a kernel crash
def test_fifty_thousand_levels_get_a_dutch_message_from_cursus_check(tmp_path: Path) -> None:
    mutation = M("deep-50000", W, swap("00-proef", "    correct: b", "    correct: " + nested(50_000)))
    _write(tmp_path, mutation)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "import sys; from cursuslib.cli import main; sys.exit(main(sys.argv[1:]))",
                           "check", str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)  # 1: problems found (not -11: a crash)
    assert "Traceback" not in done.stderr + done.stdout
    line = next(line for line in done.stdout.splitlines() if line.startswith("exercises/00_welkom.yaml"))
    assert "oefening '00-proef'" in line and "veld 'correct'" in line and "lagen diep" in line, line
    assert not ENGLISH.search(line), line
    assert time.perf_counter() - started < 60


# --------------------------------------------------------------------------- texts at run time
def test_fill_only_fills_plain_names() -> None:
    values = {"time": "09:00", "n": 3}
    assert messages.fill("Om {time}, nog {n}", values) == "Om 09:00, nog 3"
    for template in ("{time.__class__.__mro__}", "{time[0]}", "{time!r}", "{time:>300000000}", "{0}", "{}"):
        assert messages.fill(template, values) == template  # shown as written, never evaluated
    assert messages.fill("{{letterlijk}} {time}", values) == "{letterlijk} 09:00"
    assert messages.fill("kapot {time", values) == "kapot {time"


def test_fill_is_capped_however_the_template_repeats() -> None:
    started = time.perf_counter()
    filled = messages.fill("{x}" * 100_000, {"x": "a" * 1000})
    assert len(filled) <= messages.MAX_FILLED and time.perf_counter() - started < 1


def test_an_override_that_slipped_through_is_shown_harmlessly() -> None:
    exercise = Exercise(id="x", type="single_choice", title="x", instruction="", lesson="00_welkom", source="x",
                        data={}, texts={"common.saved_at": "{time:>300000000} {time.__class__}"})
    started = time.perf_counter()
    shown = messages.text("common.saved_at", exercise, time="09:00")
    assert shown == "{time:>300000000} {time.__class__}" and time.perf_counter() - started < 1


def test_cursus_check_reports_a_format_spec_in_the_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "teksten"
    folder.mkdir()
    for lang in messages.LANGUAGES:
        text = messages.catalogue_path(lang).read_text(encoding="utf-8")
        (folder / f"{lang}.yaml").write_text(text.replace("{time}", "{time:>9}", 1), encoding="utf-8")
    monkeypatch.setattr(messages, "CATALOGUE_DIR", folder)
    messages._cache.clear()
    try:
        problems = messages.catalogue_problems()
    finally:
        messages._cache.clear()
    assert any(key and "{time:>9} kan niet" in message for _, key, message in problems), problems


def test_values_are_described_in_dutch() -> None:
    import datetime

    assert describe(datetime.date(2024, 5, 1)) == "de datum 2024-05-01"
    assert describe(datetime.datetime(2024, 5, 1, 9, 30)) == "het tijdstip 2024-05-01 09:30:00"
    assert describe(float("nan")) == "de waarde .nan (geen getal)"
    assert describe(3.5) == "het getal 3.5" and describe([1]) == "een lijst" and describe({}) == "een blok met velden"
