"""Print the wall time to run every course notebook headless against as many empty notebooks (goal <= 1.5)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[1]


def execute(nb: nbformat.NotebookNode, cwd: Path) -> float:
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}).execute()
    return time.perf_counter() - start


def main() -> None:
    os.environ["CURSUSLIB_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="bench-antwoorden-")
    paths = sorted((REPO / "notebooks").glob("*.ipynb"))
    empty = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    course_total = empty_total = 0.0
    for path in paths:  # interleaved: one empty, one course notebook
        empty_total += execute(nbformat.from_dict(empty), path.parent)
        seconds = execute(nbformat.read(path, as_version=4), path.parent)
        course_total += seconds
        print(f"{path.name:32s} {seconds:6.2f} s")
    print(f"{len(paths)} cursusnotebooks: {course_total:.2f} s; {len(paths)} lege notebooks: {empty_total:.2f} s")
    print(f"verhouding cursus / leeg: {course_total / empty_total:.2f} (doel <= 1.5)")


if __name__ == "__main__":
    main()
