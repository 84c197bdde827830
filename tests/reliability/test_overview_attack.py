"""The class overview under attack: no damaged file, odd name or wrong value ever stops the overview of a class.

The class comes from ``bench/bench_overview_large.py`` (its 2,000 files, here 240 of them with 5%
damaged): every damaged file is listed as skipped with a Dutch reason that names it, every other
student is in the overview, and the page shows both.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import sys
import time
import tracemalloc
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from cursuslib.content import Lesson, load_course
from cursuslib.documents import class_overview, overview_html
from cursuslib.store import FILE_FORMAT, FILE_VERSION

pytestmark = pytest.mark.skipif(os.name != "posix", reason="pipes and non-UTF-8 names: POSIX only")

REPO = Path(__file__).resolve().parents[2]
#: A reason for a skipped file says what is wrong in Dutch (its wording is partly the store's own).
REASON = re.compile(r"beschadigd|kan niet worden (gebruikt|gelezen)|geen tekstbestand|te groot|geen gewoon bestand|"
                    r"snelkoppeling")


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_overview_large", REPO / "bench" / "bench_overview_large.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


bench = _bench()


@pytest.fixture(scope="module")
def course() -> dict[str, Lesson]:
    return load_course(REPO / "exercises")


def document(answers: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"format": FILE_FORMAT, "version": FILE_VERSION, "answers": answers or {}}


def test_a_class_with_5_percent_damaged_files(course: dict[str, Lesson], tmp_path: Path) -> None:
    room = bench.write_class(tmp_path, course, files=240, damaged=0.05, seed=11)
    assert set(room.damaged.values()) == set(bench.DAMAGE)  # 12 damaged files: every kind once
    start = time.perf_counter()
    result = bench.run(room.paths, course)
    seconds = time.perf_counter() - start
    overview = result.overview
    assert {name for name, _ in overview.skipped} == set(room.damaged)
    for name, reason in overview.skipped:
        assert name in reason and REASON.search(reason), reason
    assert {student.name for student in overview.students} == room.good
    assert sum("\N{REPLACEMENT CHARACTER}" in name for name in room.good) >= 4  # names that are not UTF-8
    assert sum(name.endswith("-bom") for name in room.good) >= 4  # files with a byte order mark
    page = overview_html(overview)
    for name in list(room.damaged) + sorted(room.good)[:20]:
        assert name in page
    assert seconds < 15, f"{seconds:.1f} s for 240 files"


def test_a_file_with_a_byte_order_mark_counts_like_any_other(course: dict[str, Lesson], tmp_path: Path) -> None:
    answers = {"02-zelfbeoordeling": {"value": {"levels": {"tijdig": 3}, "done": True}, "saved_at": "2025-03-14"},
               "01-open-vraag-stellen": {"value": {"text": "Wat bedoelt u?"}, "saved_at": "2025-03-14"}}
    raw = json.dumps(document(answers)).encode("utf-8")
    (tmp_path / "gewoon.json").write_bytes(raw)
    (tmp_path / "kladblok.json").write_bytes(b"\xef\xbb\xbf" + raw)
    overview = class_overview(sorted(tmp_path.iterdir()), lessons=course)
    assert not overview.skipped
    plain, marked = overview.students
    assert (plain.completion, plain.results, plain.ratios) == (marked.completion, marked.results, marked.ratios)


@pytest.mark.parametrize(("name", "raw"), [
    ("getal-in-antwoord.json", b'{"format": "%s", "version": 1, "answers": {"x": {"value": {"attempts": %s}}}}'
     % (FILE_FORMAT.encode(), b"9" * 5000)),
    ("getal-als-versie.json", b'{"format": "%s", "version": %s, "answers": {}}' % (FILE_FORMAT.encode(), b"1" * 4301)),
    ("diep.json", b'{"format": "%s", "version": 1, "answers": {"x": {"value": %s%s}}}'
     % (FILE_FORMAT.encode(), b"[" * 50_000, b"]" * 50_000)),
    ("nul.json", json.dumps(document()).encode()[:20] + b"\x00" + json.dumps(document()).encode()[20:]),
    ("alleen-nul.json", b"\x00" * 1000),
    ("latin1.json", json.dumps(document({"x": {"value": {"text": "café"}}}), ensure_ascii=False).encode("latin-1")),
    ("utf16.json", json.dumps(document()).encode("utf-16")),
    ("antwoorden-lijst.json", json.dumps(document() | {"answers": [1, 2]}).encode()),
    ("antwoord-tekst.json", json.dumps(document({"x": "geen blok"})).encode()),
    ("versie-tekst.json", json.dumps(document() | {"version": "1" * 100_000}).encode()),
    ("afgebroken.json", json.dumps(document({"x": {"value": {}}})).encode()[:-7]),
    ("alleen-bom.json", b"\xef\xbb\xbf"),
    ("spaties.json", b"   \n\t  "),
])
def test_a_damaged_file_is_skipped_with_a_reason_and_the_class_goes_on(course: dict[str, Lesson], tmp_path: Path,
                                                                      name: str, raw: bytes) -> None:
    (tmp_path / name).write_bytes(raw)
    (tmp_path / "sanne.json").write_text(json.dumps(document()), encoding="utf-8")
    overview = class_overview(sorted(tmp_path.iterdir()), lessons=course)
    assert [student.name for student in overview.students] == ["sanne"]
    ((skipped, reason),) = overview.skipped
    assert skipped == name and name in reason and REASON.search(reason), reason
    assert len(reason) <= 400  # a hostile file cannot fill the page with its own text
    assert name in overview_html(overview)


def test_odd_files_among_the_answers(course: dict[str, Lesson], tmp_path: Path) -> None:
    """A folder, a pipe, a broken link and a sparse 1.5 GB file named like answers; a non-UTF-8 name that is fine."""
    (tmp_path / "map.json").mkdir()
    os.mkfifo(tmp_path / "pijp.json")
    (tmp_path / "weg.json").symlink_to(tmp_path / "bestaat-niet.json")
    with open(tmp_path / "enorm.json", "wb") as handle:
        handle.truncate(1536 * 2**20)
    with open(os.fsencode(tmp_path) + b"/Ren\xe9e.json", "wb") as handle:
        handle.write(json.dumps(document()).encode())
    tracemalloc.start()
    try:
        overview = class_overview(sorted(tmp_path.iterdir()), lessons=course)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * 2**20  # the 1.5 GB file was not read (nor even the first 20 MB of it)
    reasons = dict(overview.skipped)
    assert sorted(reasons) == ["enorm.json", "map.json", "pijp.json", "weg.json"]
    assert "is een map" in reasons["map.json"] and "is een pipe" in reasons["pijp.json"]
    assert "snelkoppeling" in reasons["weg.json"] and "te groot" in reasons["enorm.json"]
    assert [(student.name, student.file) for student in overview.students] == [("Ren\N{REPLACEMENT CHARACTER}e",
                                                                                 "Ren\N{REPLACEMENT CHARACTER}e.json")]
    page = overview_html(overview)
    assert "Ren\N{REPLACEMENT CHARACTER}e" in page and page.encode("utf-8")


JUNK: list[Any] = [
    None, 5, -1, 10**300, 1e308, "x", "", [], [1, "a", None], {}, True, {"turns": "abc"},
    {"turns": [1, {"said": 5}, {"said": "hoi", "reply": "x", "kind": 7, "revealed": "abc"}]},
    {"levels": "x"}, {"levels": {"tijdig": 99, "naam": "3", "x": None}}, {"levels": {"tijdig": 2.5}},
    {"selected": "a"}, {"selected": [None, 5]}, {"answers": [1, 2]}, {"answers": {"0": 5, "99": "x", "-1": "doen"}},
    {"path": [99, -1, "a"]}, {"order": [5, 5, -3]}, {"minutes": {"x": "a"}}, {"start": 5},
    {"rounds": [1, {"counts": "x"}]}, {"history": [None, {"text": 5}]}, {"steps": {"situatie": 5}},
    {"exchanges": [{"summary": 5}]}, {"turn": 10**9}, {"checked": "x", "summary": None},
]


def test_wrong_types_inside_the_answers_count_for_nothing(course: dict[str, Lesson], tmp_path: Path) -> None:
    """Every exercise of the course given each wrong value: every student is in the overview, nothing is skipped."""
    ids = [exercise.id for lesson in course.values() for exercise in lesson.exercises]
    for number, junk in enumerate(JUNK):
        answers = {exercise_id: {"value": junk, "saved_at": junk} for exercise_id in ids}
        (tmp_path / f"s{number:02d}.json").write_text(json.dumps(document(answers)), encoding="utf-8")
    overview = class_overview(sorted(tmp_path.iterdir()), lessons=course)
    assert not overview.skipped and len(overview.students) == len(JUNK)
    assert "Klassenoverzicht" in overview_html(overview)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs Linux /proc")
def test_a_file_that_says_it_is_empty_is_still_read_with_a_bound() -> None:
    """Files in /proc say 0 bytes and hold more: the read stops at the limit, not at what the size said."""
    from cursuslib.documents.files import FileProblem, read_limited

    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    assert b"Name:" in read_limited(status, limit=2**20)
    with pytest.raises(FileProblem, match="te groot"):
        read_limited(status, limit=100)
