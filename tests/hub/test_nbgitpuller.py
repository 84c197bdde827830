"""The course on a real JupyterHub, handed out with the nbgitpuller link from the teacher guide.

Two students open the link, each answers the trial exercise in a kernel of their own server, the teacher
pushes an update, both click the link again; then the teacher collects the answers from the home folders
with the guide's commands. The hub runs the ``jupyterhub_config.py`` lines of the guide.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from .conftest import REPO, Course
from .hubserver import VENV, Deadline, Hub, Student

pytestmark = pytest.mark.hub

GUIDE = REPO / "docs" / "docent.md"
SECTION = "### Op de JupyterHub van school, met een nbgitpuller-link"
LESSON = "notebooks/00_welkom.ipynb"
BUDGET = 120  # seconds from starting the hub to the overview; seen here: 50 to 55 on 2 busy cores

# What the teacher changes: one line a student also changed, one line nobody else touched, one exercise.
TIME_LINE = "**Tijd:** ongeveer 15 minuten."
TEACHER_TIME = "**Tijd:** ongeveer 20 minuten."
STUDENT_NOTE = " Mijn aantekening: eerst de proefoefening doen."
LAST_HEADING, TEACHER_HEADING = "## Op naar les 01", "## Door naar les 01"
OLD_TITLE, NEW_TITLE = "Proefoefening: de eerste reactie", "Proefoefening: je eerste reactie"

ANSWER = """
import json, os
from cursuslib import show_exercise
from cursuslib.paths import answers_dir
quiz = show_exercise("00-proef")
if {choice!r}:
    quiz.radio.value = {choice!r}
    quiz.check_button.click()
print(json.dumps({{"selected": quiz.selected, "title": quiz.exercise.title, "answers": str(answers_dir()),
                  "home": os.path.expanduser("~"), "env": os.environ.get("CURSUSLIB_ANSWERS_DIR")}}))
"""


def guide_block(first_line: str) -> str:
    """The fenced block in the guide's JupyterHub section whose first line starts with ``first_line``."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index(SECTION):]
    section = section[:section.index("\n### ", len(SECTION))]
    for block in re.findall(r"^```[a-z]*\n(.*?)^```", section, re.M | re.S):
        if block.startswith(first_line):
            return block
    raise AssertionError(f"the guide's JupyterHub section has no block starting with {first_line!r}")


def documented_link() -> str:
    return guide_block("https://").strip()


def link_for(hub_url: str, repo_url: str) -> str:
    """The guide's link, for another hub and repository (what the link generator makes for them)."""
    link = urlsplit(documented_link())
    params = dict(parse_qsl(link.query)) | {"repo": repo_url}
    return f"{hub_url}{link.path}?{urlencode(params)}"


def test_the_documented_link_is_the_standard_encoding_and_opens_the_welcome_lesson() -> None:
    link = urlsplit(documented_link())
    params = dict(parse_qsl(link.query))
    assert link.path == "/hub/user-redirect/git-pull"
    assert link.query == urlencode(params), "the link is not encoded the standard way (as the link generator does)"
    assert params.keys() == {"repo", "branch", "urlpath"} and params["branch"] == "main"
    folder = params["repo"].rstrip("/").rsplit("/", 1)[-1]  # nbgitpuller's default targetpath
    assert params["urlpath"] == f"lab/tree/{folder}/{LESSON}"
    assert (REPO / LESSON).is_file()


@pytest.fixture
def hub(tmp_path: Path, proxy: Path) -> Iterator[tuple[Hub, Deadline]]:
    deadline = Deadline(BUDGET)
    started = Hub.start(tmp_path / "hub", proxy=proxy, course_part=guide_block("# Cursus Klantgesprekken"),
                        deadline=deadline)
    try:
        yield started, deadline
    finally:
        started.stop()
        print(f"--- end of the hub's log ---\n{started.log_tail()}")  # pytest shows it when the test failed


def answer(student: Student, choice: str | None, deadline: Deadline) -> dict:
    """Open the welcome lesson's kernel in the student's server and answer (or, with None, just show) 00-proef."""
    printed = student.run_in_notebook(f"klantgesprekken/{LESSON}", ANSWER.format(choice=choice), deadline)
    return json.loads(printed.strip().splitlines()[-1])


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path.name} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_two_students_keep_their_own_answers_through_a_teacher_update(hub, course: Course, tmp_path: Path) -> None:
    hub, deadline = hub
    began = time.monotonic()
    link = link_for(hub.url, course.url)
    anna, bram = Student(hub, "anna"), Student(hub, "bram")
    choices = {"anna": "b", "bram": "a"}

    # 1. Each student clicks the link: logs in, the hub starts the server, nbgitpuller clones the course.
    for student in (anna, bram):
        student.pull(link, deadline)
        assert (student.home / "klantgesprekken" / LESSON).is_file()

    # 2. Each answers the trial exercise in a kernel of their own server; the store writes next to the course.
    for student in (anna, bram):
        shown = answer(student, choices[student.name], deadline)
        answers = student.home / "klantgesprekken" / "antwoorden"
        assert shown["home"] == str(student.home) and shown["env"] is None
        assert shown["answers"] == str(answers)
        saved = json.loads((answers / "antwoorden.json").read_text(encoding="utf-8"))
        assert saved["answers"]["00-proef"]["value"]["selected"] == [choices[student.name]]
    # anna's browser session gives no access to bram's server
    assert anna.web.get(f"{bram.server}api/contents", timeout=deadline.left(30)).status_code == 403

    # 3. anna writes a note in the lesson and JupyterLab saves it (through the server, as the editor does).
    path = f"contents/klantgesprekken/{LESSON}"
    notebook = anna.api(path).json()["content"]
    notebook["cells"][0]["source"] = notebook["cells"][0]["source"].replace(TIME_LINE, TIME_LINE + STUDENT_NOTE)
    anna.api(path, "PUT", json={"type": "notebook", "format": "json", "content": notebook})

    # 4. The teacher changes that same line, a line further on and an exercise, and pushes.
    for twin in (LESSON, LESSON.replace(".ipynb", ".md")):
        replace_once(course.teacher / twin, TIME_LINE, TEACHER_TIME)
        replace_once(course.teacher / twin, LAST_HEADING, TEACHER_HEADING)
    replace_once(course.teacher / "exercises" / "00_welkom.yaml", OLD_TITLE, NEW_TITLE)
    course.publish("Les 00: 20 minuten, nieuwe titel proefoefening")
    answers_before = {s.name: (s.home / "klantgesprekken/antwoorden/antwoorden.json").read_bytes() for s in (anna, bram)}

    # 5. Both click the link again.
    for student in (anna, bram):
        student.pull(link, deadline)

    # The update arrived; the answers are untouched, each student's own, and the lesson shows them again.
    for student in (anna, bram):
        course_copy = student.home / "klantgesprekken"
        assert NEW_TITLE in (course_copy / "exercises" / "00_welkom.yaml").read_text(encoding="utf-8")
        assert (course_copy / "antwoorden" / "antwoorden.json").read_bytes() == answers_before[student.name]
        shown = answer(student, None, deadline)
        assert shown["selected"] == [choices[student.name]] and shown["title"] == NEW_TITLE
    untouched = (bram.home / "klantgesprekken" / LESSON).read_text(encoding="utf-8")
    assert TEACHER_TIME in untouched and TEACHER_HEADING in untouched
    # anna's edited lesson: merged line by line; on the line both changed her version stays, without a message.
    edited = (anna.home / "klantgesprekken" / LESSON).read_text(encoding="utf-8")
    json.loads(edited)
    assert TIME_LINE + STUDENT_NOTE in edited and TEACHER_TIME not in edited
    assert TEACHER_HEADING in edited

    # 6. The guide's way out: anna renames her lesson and clicks the link again; she has both versions.
    own_copy = LESSON.replace(".ipynb", "-eigen.ipynb")
    anna.api(path, "PATCH", json={"path": f"klantgesprekken/{own_copy}"})
    anna.pull(link, deadline)
    fresh = anna.api(path).json()["content"]  # opened through the server, as JupyterLab opens it
    assert TEACHER_TIME in fresh["cells"][0]["source"] and STUDENT_NOTE not in fresh["cells"][0]["source"]
    assert STUDENT_NOTE in anna.api(f"contents/klantgesprekken/{own_copy}").json()["content"]["cells"][0]["source"]

    # 7. The teacher collects the answers from the home folders with the guide's commands.
    collect = guide_block("mkdir -p inlevering").replace("/home/", f"{hub.root / 'homes'}/")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CURSUSLIB_")}
    env["PATH"] = f"{VENV / 'bin'}{os.pathsep}{env['PATH']}"
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", collect], cwd=course.teacher, env=env,
                          capture_output=True, text=True, timeout=deadline.left(60))
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in (course.teacher / "inlevering-klas-2b").iterdir()) == ["anna.json", "bram.json"]
    assert "2 studenten" in done.stdout, done.stdout
    overview = (course.teacher / "overzicht-klas-2b.html").read_text(encoding="utf-8")
    assert "anna" in overview and "bram" in overview
    print(f"hub test: {time.monotonic() - began:.1f} s after the hub started")
