"""Student work never ends up in git by accident: .gitignore covers every file with student data."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: Every place the teacher guide names for student data, as a path in a course folder.
STUDENT_DATA = [
    "antwoorden/antwoorden.json",
    "antwoorden/antwoorden.onleesbaar-2026-12-05T10-00-00.json",
    "antwoorden/.antwoorden-x1y2.tmp",
    ".cursus-0a1b2c3d4e5f.tmp",
    "inlevering-klas-2b/.cursus-0a1b2c3d4e5f.tmp",
    "klantgesprekken-antwoorden-2026-12-05.json",
    "inlevering-klas-2b/sanne-de-vries.json",
    "overzicht-klas-2b.html",
    "onderwerpen-klas-2b.csv",
    "resultaten-klas-2b.csv",
    "portfolio.html",
    "portfolio.md",
    "notebooks/portfolio.html",
]
#: Course files that must stay in git.
COURSE = ["notebooks/99_portfolio.md", "notebooks/99_portfolio.ipynb", "exercises/01_klantgesprek.yaml",
          "tests/data/intake/questions_01.tsv"]


@pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(), reason="no git checkout")
def test_gitignore_keeps_student_data_out_and_the_course_in() -> None:
    def ignored(path: str) -> bool:
        return subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=REPO).returncode == 0

    assert [path for path in STUDENT_DATA if not ignored(path)] == []
    assert [path for path in COURSE if ignored(path)] == []


def test_the_teacher_guide_names_every_file_with_student_data() -> None:
    guide = (REPO / "docs" / "docent.md").read_text(encoding="utf-8")
    section = guide.split("## Welke gegevens staan waar", 1)[1].split("\n## ", 1)[0]
    for name in ("antwoorden/antwoorden.json", "antwoorden.onleesbaar-", ".antwoorden-", "JupyterLite",
                 "klantgesprekken-antwoorden-", "inlevering-", "overzicht-", "onderwerpen-", "resultaten-", "portfolio.html",
                 ".cursus-", ".gitignore"):
        assert name in section, name


def test_widget_state_is_not_saved_into_notebooks() -> None:
    import json

    for path in (REPO / "jupyter" / "overrides.json", REPO / "lite" / "overrides.json"):
        overrides = json.loads(path.read_text(encoding="utf-8"))
        assert overrides["@jupyter-widgets/jupyterlab-manager:plugin"]["saveState"] is False, path
