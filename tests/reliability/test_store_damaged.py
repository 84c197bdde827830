"""A damaged answers file never costs a student anything: it is set aside intact and the lesson keeps working.

Every way ``antwoorden.json`` can be damaged (empty, cut off, NUL bytes, not UTF-8, absurd numbers or
nesting, wrong types, a folder, far too large) is written where the store looks. Opening a lesson must
not raise; the file is moved aside byte for byte as ``antwoorden.onleesbaar-*.json`` with a Dutch notice
in the lesson; new answers go to a new file; and a later damage never overwrites the first copy.
Files that only look odd (a byte-order mark, strange dates) are valid: they load and nothing moves.
(Issue 16.)
"""

from __future__ import annotations

import codecs
import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from cursuslib.content import Exercise, parse_exercise
from cursuslib.store import FILE_FORMAT, FILE_NAME, FILE_VERSION, AnswerStore
from cursuslib.widgets import ReflectionExercise

EXERCISE_ID = "09-refl"
REFLECTION = f"""
id: {EXERCISE_ID}
type: reflection
title: Reflectie op het LSD-gesprek
prompts:
  situatie: Met wie oefende je en waarover ging het?
"""
EARLIER = {"steps": {"situatie": "Eerder geschreven"}}
BOM = codecs.BOM_UTF8


def document(answers: Any = None, **top: Any) -> bytes:
    """An answers file as the course writes it, with ``top`` replacing its top-level fields."""
    doc: dict[str, Any] = {"format": FILE_FORMAT, "version": FILE_VERSION,
                           "answers": {EXERCISE_ID: {"value": EARLIER, "saved_at": "2026-11-20T10:00:00+01:00"}}
                           if answers is None else answers}
    doc.update(top)
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


GOOD = document()


def with_value(raw_value: str) -> bytes:
    """A valid file except that the answer's value is ``raw_value`` (JSON text that json.dumps cannot make)."""
    head = f'{{"format": "{FILE_FORMAT}", "version": {FILE_VERSION}, "answers": {{"{EXERCISE_ID}": {{"value": '
    return (head + raw_value + ', "saved_at": "2026-11-20T10:00:00+01:00"}}}').encode("utf-8")


#: Damaged contents of antwoorden.json, by name; built lazily (some are large).
DAMAGED: dict[str, Callable[[], bytes]] = {
    "leeg": lambda: b"",
    "alleen-witruimte": lambda: b" \n\t\r\n   \n",
    "afgebroken-json": lambda: GOOD[: len(GOOD) // 2],
    "nul-bytes": lambda: b"\x00" * 4096,
    "json-dan-nul-bytes": lambda: GOOD + b"\x00" * 512,  # what a power cut can leave
    "alleen-bom": lambda: BOM,
    "bom-en-beschadigd": lambda: BOM + GOOD[:-7],
    "geen-utf8": lambda: GOOD.replace(b"Eerder", "Eérder".encode("latin-1")),
    "getal-5000-cijfers": lambda: with_value("7" * 5000),
    "nesting-10000": lambda: b"[" * 10_000 + b"]" * 10_000,
    "nesting-10000-in-antwoord": lambda: with_value("[" * 10_000 + "]" * 10_000),
    "json-null": lambda: b"null",
    "json-lijst": lambda: b"[1, 2, 3]",
    "answers-een-lijst": lambda: document(answers=[EARLIER]),
    "antwoord-geen-object": lambda: document(answers={EXERCISE_ID: "Eerder geschreven"}),
    "antwoord-zonder-value": lambda: document(answers={EXERCISE_ID: {"saved_at": "2026-11-20T10:00:00+01:00"}}),
    "versie-tekst": lambda: document(version="1"),
    "versie-true": lambda: document(version=True),
    "versie-toekomst": lambda: document(version=2),
    "ander-formaat": lambda: document(format="andere-cursus-antwoorden"),
    "zonder-formaat": lambda: json.dumps({"version": 1, "answers": {}}).encode(),
}
LARGE = 60 * 1024 * 1024

#: Odd but valid: these load as they are and nothing is set aside.
ODD_DATES = {
    "jaar-9999": "9999-12-31T23:59:59+00:00",
    "jaar-1": "0001-01-01T00:00:00",
    "toekomst": "2099-06-01T12:00:00+02:00",
    "geen-datum": "geen datum",
    "negatief": -5,
    "leeg": "",
    "null": None,
}
VALID: dict[str, Callable[[], bytes]] = {
    "bom-en-geldig": lambda: BOM + GOOD,
    **{f"datum-{name}": (lambda at=at: document(answers={
        EXERCISE_ID: {"value": EARLIER, "saved_at": at},
        "01-ander": {"value": "blijft staan", "saved_at": at}})) for name, at in ODD_DATES.items()},
}
ENGLISH = re.compile(r"traceback|error|exception|expecting|column|invalid|\bthe\b|\bfile\b|\bnot\b", re.IGNORECASE)


def damage(folder: Path, variant: str) -> Any:
    """Put the damaged ``variant`` where the answers file belongs; return what must survive intact."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    if path.is_file():
        path.unlink()
    if variant == "map":
        (path / "sub").mkdir(parents=True)
        (path / "notitie.txt").write_bytes(b"van de student")
        (path / "sub" / "antwoorden.json").write_bytes(GOOD)
    elif variant == "60-mb":
        with open(path, "wb") as handle:  # a valid start, then NUL bytes up to 60 MB (sparse: fast to make)
            handle.write(GOOD)
            handle.truncate(LARGE)
    else:
        path.write_bytes(DAMAGED[variant]())
    return snapshot(path)


def snapshot(path: Path) -> Any:
    """The bytes of a file, or of every file under a folder by relative path."""
    if path.is_dir():
        return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
    return path.read_bytes()


def set_aside(folder: Path) -> list[Path]:
    return sorted(folder.glob("antwoorden.onleesbaar-*.json"))


def exercise() -> Exercise:
    return parse_exercise(yaml.safe_load(REFLECTION), lesson="09_test", source="09_test.yaml", position=1)


def visible(widget_html: str) -> str:
    """What a student reads in an HTML part."""
    return html.unescape(re.sub(r"<[^>]+>", " ", widget_html))


def typed(folder: Path) -> Any:
    """The text of the first step as a fresh kernel reads it from the file."""
    return (AnswerStore(folder).get(EXERCISE_ID) or {}).get("steps", {}).get("situatie")


def assert_dutch_notice(notice: str, aside: Path) -> None:
    assert aside.name in notice, notice  # the student (or teacher) can find the copy
    assert "niets gewist" in notice and "antwoordenbestand" in notice
    assert not ENGLISH.search(notice), notice


ALL_DAMAGED = [*DAMAGED, "map", "60-mb"]


@pytest.mark.parametrize("variant", ALL_DAMAGED)
def test_opening_a_lesson_sets_a_damaged_file_aside_intact(answers_dir: Path, variant: str) -> None:
    original = damage(answers_dir, variant)

    lesson = ReflectionExercise(exercise(), store=AnswerStore(answers_dir))

    aside = set_aside(answers_dir)
    assert len(aside) == 1, sorted(p.name for p in answers_dir.iterdir())
    assert snapshot(aside[0]) == original  # byte for byte, nothing "repaired"
    assert_dutch_notice(visible(lesson.notice.value), aside[0])
    assert 'role="alert"' in lesson.notice.value
    assert lesson.boxes["situatie"].value == ""  # starts empty, nothing half-read

    lesson.boxes["situatie"].value = "Nieuw begin"
    assert "Opgeslagen" in lesson.saved_label.value
    assert typed(answers_dir) == "Nieuw begin"
    assert json.loads((answers_dir / FILE_NAME).read_bytes())["format"] == FILE_FORMAT
    assert snapshot(aside[0]) == original

    # Damaged again later: a second copy, the first one is never overwritten.
    damage(answers_dir, variant)
    again = ReflectionExercise(exercise(), store=AnswerStore(answers_dir))
    both = set_aside(answers_dir)
    assert len(both) == 2 and aside[0] in both
    assert all(snapshot(path) == original for path in both)
    again.boxes["situatie"].value = "Opnieuw"
    assert typed(answers_dir) == "Opnieuw"
    assert all(snapshot(path) == original for path in both)


@pytest.mark.parametrize("variant", ["leeg", "afgebroken-json", "geen-utf8", "getal-5000-cijfers",
                                     "nesting-10000", "versie-true", "map"])
def test_reading_from_a_damaged_file_without_a_widget(answers_dir: Path, variant: str) -> None:
    original = damage(answers_dir, variant)
    store = AnswerStore(answers_dir)

    assert store.get(EXERCISE_ID) is None and store.answer(EXERCISE_ID) is None
    assert store.entries() == {}
    aside = set_aside(answers_dir)
    assert len(aside) == 1 and snapshot(aside[0]) == original
    assert len(store.notices) == 1
    assert_dutch_notice(store.notices[0], aside[0])

    store.save("01-ander", "nieuw")
    assert AnswerStore(answers_dir).get("01-ander") == "nieuw" and snapshot(aside[0]) == original


@pytest.mark.parametrize("variant", sorted(VALID))
def test_odd_but_valid_files_load_and_nothing_is_set_aside(answers_dir: Path, variant: str) -> None:
    answers_dir.mkdir(parents=True)
    (answers_dir / FILE_NAME).write_bytes(VALID[variant]())
    before = AnswerStore(answers_dir).entries()

    lesson = ReflectionExercise(exercise(), store=AnswerStore(answers_dir))

    assert lesson.boxes["situatie"].value == "Eerder geschreven"
    assert lesson.notice.value == "" and set_aside(answers_dir) == []
    lesson.boxes["situatie"].value = "Verder geschreven"
    assert "Opgeslagen" in lesson.saved_label.value and lesson.notice.value == ""
    after = AnswerStore(answers_dir)
    assert typed(answers_dir) == "Verder geschreven"
    others = {key: entry for key, entry in after.entries().items() if key != EXERCISE_ID}
    assert others == {key: entry for key, entry in before.items() if key != EXERCISE_ID}  # date kept as it was
    assert set_aside(answers_dir) == [] and not after.notices
    # Saving again works too (an odd date must not block later saves).
    lesson.boxes["situatie"].value = "En nog verder"
    assert typed(answers_dir) == "En nog verder"
