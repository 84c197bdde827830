"""Notebooks: committed without outputs, in sync with their MyST twins, every exercise id used once."""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat
import pytest

from cursuslib.content import load_course

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
CALL = re.compile(r"""show_exercise\(\s*["']([^"']+)["']\s*\)""")


def cells(path: Path) -> list[tuple[str, str, bool]]:
    nb = jupytext.read(path)
    return [(c.cell_type, c.source.strip(), bool(c.metadata.get("jupyter", {}).get("source_hidden")))
            for c in nb.cells]


def test_the_course_has_its_lessons() -> None:
    names = [p.stem for p in NOTEBOOKS]
    assert names[:2] == ["00_welkom", "01_klantgesprek"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}, cell {number} has output"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_text_twin_matches(path: Path) -> None:
    twin = path.with_suffix(".md")
    assert twin.is_file(), f"{path.name} has no MyST twin {twin.name}"
    assert cells(path) == cells(twin), f"{path.name} and {twin.name} drifted apart: run `jupytext --sync {twin}`"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_exercise_cells_are_collapsed_and_setup_is_visible(path: Path) -> None:
    code = [(src, hidden) for kind, src, hidden in cells(path) if kind == "code"]
    setup, hidden = code[0]
    assert setup.startswith("from cursuslib import") and not hidden, "one visible setup cell comes first"
    for src, hidden in code[1:]:
        assert hidden, f"{path.name}: exercise cell should be collapsed for students: {src!r}"


def test_every_exercise_is_used_exactly_once() -> None:
    used: dict[str, list[str]] = {}
    for path in NOTEBOOKS:
        for kind, src, _ in cells(path):
            if kind == "code":
                for exercise_id in CALL.findall(src):
                    used.setdefault(exercise_id, []).append(path.name)
    known = {e.id: lesson.lesson for lesson in load_course(REPO / "exercises").values() for e in lesson.exercises}
    assert not set(used) - set(known), f"notebooks use unknown exercises: {sorted(set(used) - set(known))}"
    assert not set(known) - set(used), f"exercises no notebook shows: {sorted(set(known) - set(used))}"
    assert all(len(places) == 1 for places in used.values()), used
    for exercise_id, places in used.items():
        assert places[0].startswith(known[exercise_id]), f"{exercise_id} is shown in {places[0]}"
