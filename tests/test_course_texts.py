"""Rules for every text a student reads: the notebooks, the exercise files and the widget texts.

Each rule comes from a text fix in issue 18; its docstring quotes the fix number. A rule is
checked over all student-facing texts, so a teacher who writes a new exercise meets it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jupytext
import pytest
import yaml

from cursuslib import registry
from cursuslib.language import question_kind

REPO = Path(__file__).resolve().parents[1]
#: Fields that hold test data or word patterns for the feedback engine: a student never reads them.
ENGINE_FIELDS = frozenset({"words", "find", "miss", "reveal", "hide", "examples"})


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every text in a YAML value, with a place such as ``01_klantgesprek.yaml, 01-quiz/options``."""
    if isinstance(value, dict):
        for name, item in value.items():
            if name not in ENGINE_FIELDS:
                yield from _strings(item, f"{where}/{name}")
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, where)
    elif isinstance(value, str):
        yield where, value


def _exercise_texts(path: Path) -> Iterator[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for exercise in data.get("exercises") or ():
        yield from _strings(exercise, f"{path.name}, {exercise.get('id')}")


def student_texts() -> list[tuple[str, str]]:
    """(place, text) for every markdown cell, exercise text, widget text and ``cursus nieuw`` sample."""
    texts: list[tuple[str, str]] = []
    for path in sorted((REPO / "notebooks").glob("*.md")):
        notebook = jupytext.read(path)
        texts += [(f"{path.name}, cel {number}", cell.source) for number, cell in enumerate(notebook.cells, 1)
                  if cell.cell_type == "markdown"]
    for path in sorted((REPO / "exercises").glob("*.yaml")):
        texts += list(_exercise_texts(path))
    catalogue = yaml.safe_load((REPO / "src/cursuslib/teksten/nl.yaml").read_text(encoding="utf-8"))
    texts += list(_strings(catalogue, "teksten/nl.yaml"))
    for name, kind in registry.types().items():
        texts += list(_strings(kind.sample, f"cursus nieuw {name}"))
    return texts


TEXTS = student_texts()


def offenders(pattern: re.Pattern[str], texts: list[tuple[str, str]] = TEXTS) -> list[str]:
    """The places (with the words found) where ``pattern`` occurs."""
    return [f"{place}: {match.group(0)!r}" for place, text in texts for match in pattern.finditer(text)]


def test_the_texts_are_all_read() -> None:
    """The rules below look at notebooks, exercises, widget texts and samples (else they pass on nothing)."""
    places = {place.split(",")[0].split("/")[0].split(" ")[0] for place, _ in TEXTS}
    assert {"01_klantgesprek.md", "05_behoeften_luisteren.yaml", "teksten", "cursus"} <= places
    assert len(TEXTS) > 1000


# --------------------------------------------------------------------------- fix 1
#: "Niet afwachten, niet meteen ... en de klant laten uitpraten": the 'niet' reads as covering the last item.
NEGATED_LIST = re.compile(r"\bniet\b[^.?!:;]*,[^.?!:;]*\ben\b[^.?!:;,]*\blaten uitpraten\b", re.IGNORECASE)


def test_a_list_after_niet_does_not_end_with_laten_uitpraten() -> None:
    """Issue 18, fix 1: a list led by 'niet' must not end in 'en de klant laten uitpraten' (reads as *don't*)."""
    assert offenders(NEGATED_LIST) == []


def test_the_negated_list_rule_finds_the_old_sentence() -> None:
    """The rule of fix 1 catches the sentence the issue quotes, and not its correction."""
    old = "Niet afwachten, niet meteen je eerste vraag stellen en de klant laten uitpraten."
    new = "Wacht niet af, stel niet meteen je eerste vraag en laat de klant uitpraten."
    assert offenders(NEGATED_LIST, [("oud", old), ("nieuw", new)]) == ["oud: " + repr(old[:-1])]


# --------------------------------------------------------------------------- fix 2
#: Where a text gives examples of open questions: "open vragen, zoals ..." or "open vragen als: <list>".
OPEN_EXAMPLES = re.compile(r"\bopen vra(?:ag|gen)\b\**,?\s+(?:zoals|als|bijvoorbeeld)\b", re.IGNORECASE)
#: The end of that sentence: a full stop or blank line, or a quoted question followed by a new sentence.
SENTENCE_END = re.compile(r"[.!;](?=\s|$)|\n\s*\n|\?[\"”*]*\s+(?=[A-Z])")
QUOTED_QUESTION = re.compile(r"[\"“]([^\"”]+\?)[\"”]")
BULLET = re.compile(r"^\s*[-*]\s+(.*)$")


def open_examples(text: str) -> list[str]:
    """The quoted questions a text presents as examples of open questions."""
    found: list[str] = []
    for match in OPEN_EXAMPLES.finditer(text):
        rest = text[match.end():]
        if rest.lstrip().startswith(":") or rest.startswith(":"):  # "... zoals:" and a list of bullets
            lines = rest.split("\n")[1:]
            while lines and not lines[0].strip():
                lines.pop(0)
            span = "\n".join(line for line in _leading_bullets(lines))
        else:
            end = SENTENCE_END.search(rest)
            span = rest[: end.end() if end else len(rest)]
        found += QUOTED_QUESTION.findall(span)
    return found


def _leading_bullets(lines: list[str]) -> Iterator[str]:
    for line in lines:
        bullet = BULLET.match(line)
        if not bullet:
            return
        yield bullet.group(1)


def test_every_example_of_an_open_question_is_open() -> None:
    """Issue 18, fix 2: "Is dat altijd zo?" is closed by the course's own rule, so it is no example of an open one.

    Every question a text gives as an example of an open question must be open for the course's
    own question check (the one that gives students their feedback).
    """
    wrong = [f"{place}: {question!r}" for place, text in TEXTS for question in open_examples(text)
             if question_kind(question).kind != "open"]
    assert wrong == []


def test_the_open_example_rule_finds_the_old_sentences() -> None:
    """The rule of fix 2 reads both forms the lesson used: an inline list and a bullet list."""
    inline = ('stel open vragen, zoals *"Hoe weet je dat?"*, *"Is dat altijd zo?"* of\n'
              '*"Wat bedoel je precies met ...?"*\n4. Na **hooguit 5 minuten**')
    bullets = 'vraag je door met **open vragen**, zoals:\n\n- *"Hoe weet je dat?"*\n- *"Is dat altijd zo?"*\n\nLet op'
    after = 'stel open vragen, zoals *"Hoe weet je dat?"* Met *"Is dat altijd zo?"* controleer je daarna.'
    assert open_examples(inline) == ["Hoe weet je dat?", "Is dat altijd zo?", "Wat bedoel je precies met ...?"]
    assert open_examples(bullets) == ["Hoe weet je dat?", "Is dat altijd zo?"]
    assert open_examples(after) == ["Hoe weet je dat?"]
    assert sum(len(open_examples(text)) for _, text in TEXTS) >= 5  # the lessons do give such examples


# --------------------------------------------------------------------------- fix 4
def test_ziekmelden_is_one_word() -> None:
    """Issue 18, fix 4: the verb and the button are written 'ziekmelden' (one word), not 'ziek melden'."""
    assert offenders(re.compile(r"\bziek melden\b", re.IGNORECASE)) == []


# --------------------------------------------------------------------------- fix 9
def test_times_of_day_are_written_with_a_dot() -> None:
    """Issue 18, fix 9: a time before 'uur' is written '9.00 uur', as everywhere in the course (not '9:00 uur')."""
    assert offenders(re.compile(r"\b\d{1,2}:\d{2}\s+uur\b")) == []


# --------------------------------------------------------------------------- fix 13
def test_oke_is_written_in_dutch() -> None:
    """Issue 18, fix 13: 'Ok.' is written 'Oké.' (also inside a sentence: 'oké')."""
    assert offenders(re.compile(r"\b[Oo][Kk]\b(?!-)")) == []


# --------------------------------------------------------------------------- fix 14
#: English compounds the course uses; Dutch spelling writes them as one word (sprintreview, productowner).
COMPOUNDS = ("sprint", "review"), ("release", "notes"), ("product", "owner"), ("quick", "win"), ("code", "review"), \
    ("app", "store"), ("scrum", "master"), ("user", "story"), ("stand", "up")
SPLIT_COMPOUND = re.compile(r"\b(?:" + "|".join(f"{a}[ -]{b}" for a, b in COMPOUNDS) + r")", re.IGNORECASE)


def test_english_compounds_are_written_as_one_word() -> None:
    """Issue 18, fix 14: one convention for English compounds in Dutch text: one word, as Dutch spelling writes them.

    So 'sprintreview', 'releasenotes', 'productowner', 'quickwins', never 'sprint review' or
    'product-owner'.
    """
    assert offenders(SPLIT_COMPOUND) == []


# --------------------------------------------------------------------------- fix 16
def test_no_text_asks_a_student_to_drag() -> None:
    """Issue 18, fix 16: nothing in the course can be dragged (sorting is a button per statement), so no text says 'sleep'."""
    dragging = re.compile(r"\b(?:ver)?(?:sleep|sleept|slepen|gesleept)\b", re.IGNORECASE)
    assert offenders(dragging) == []
    assert offenders(dragging, [("oud", "Sleep elke uitspraak naar de goede kant.")]) == ["oud: 'Sleep'"]


def test_the_sort_sample_says_what_the_student_does() -> None:
    """Issue 18, fix 16: the sample instruction of a sort exercise names the buttons the student clicks."""
    instruction = registry.get("sort").sample["instruction"]
    assert "Klik" in instruction and "knop" in instruction


def test_the_compound_rule_catches_split_spellings() -> None:
    """The rule of fix 14 catches a two-word or hyphenated spelling, and not the one-word one."""
    split = [("a", "In de sprint review van maandag."), ("b", "De product-owner"), ("c", "De Quick wins")]
    assert len(offenders(SPLIT_COMPOUND, split)) == 3
    assert offenders(SPLIT_COMPOUND, [("d", "In de sprintreview spreekt de productowner over quickwins.")]) == []


@pytest.mark.parametrize("answer", [
    "Zal ik de pdf-export op de lijst voor de volgende sprintreview zetten?",
    "Zal ik de pdf-export op de lijst voor de volgende sprint review zetten?",
    "Zal ik de pdf-export op de lijst voor de volgende sprint-review zetten?",
])
def test_the_feedback_knows_both_spellings_of_a_compound(answer: str) -> None:
    """Issue 18, fix 14: the course writes 'sprintreview', but a student who writes 'sprint review' is understood too."""
    from cursuslib.content import find_exercise
    from cursuslib.language.key_ideas import find_ideas

    exercise = find_exercise("02-herschrijf-3", REPO / "exercises")
    offer = [idea for idea in exercise.data["key_ideas"] if idea.label == "een aanbod voor een volgende versie"]
    assert [match.found for match in find_ideas(answer, offer)] == [True]


def _minutes(text: str) -> list[int]:
    return [int(number) for number in re.findall(r"\b(\d+)\s*(?:tot|-|min)", text + " min")]


@pytest.mark.parametrize("overview", ["notebooks/00_welkom.md", "README.md"])
def test_the_lesson_overviews_give_each_lesson_the_time_the_lesson_itself_gives(overview: str) -> None:
    """The welcome lesson and the README once promised 45 to 60 minutes for a lesson that says 60 to 80 itself."""
    own = {}
    for path in sorted((REPO / "notebooks").glob("0[1-9]_*.md")):
        found = re.search(r"^\*\*Tijd:\*\*(.+)$", path.read_text(encoding="utf-8"), re.MULTILINE)
        assert found, f"{path.name} says nowhere how long it takes (**Tijd:** ...)"
        own[path.stem[:2]] = _minutes(found.group(1).replace(" minuten", " min"))
    rows = {}
    for line in (REPO / overview).read_text(encoding="utf-8").splitlines():
        cells = [cell.strip(" `") for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and re.fullmatch(r"0[1-9](_\w+)?", cells[0]) and "min" in line:
            rows[cells[0][:2]] = _minutes(next(cell for cell in cells if "min" in cell))
    assert rows == own
