"""Student view: every lesson as a Voila app (prose and exercises, no code) in Chromium.

One standalone ``voila`` server (the venv's, own process group, free 127.0.0.1 port,
``--no-browser``) serves the repository; ``CURSUSLIB_ANSWERS_DIR`` points at a tmp dir.
Voila runs all cells itself, so a lesson is ready when its exercises are rendered.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from .jlab import REPO_ROOT, assert_no_widget_errors, free_port, save_screenshot

pytestmark = pytest.mark.browser

VOILA_START_TIMEOUT = 60.0
RENDER_TIMEOUT = 90.0
LESSONS = sorted(p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "notebooks").glob("*.ipynb"))
SHOW_EXERCISE = re.compile(r"""show_exercise\(\s*["']([^"']+)["']""")


def code_lines(relpath: str) -> list[str]:
    """The non-empty source lines of a lesson's code cells."""
    nb = json.loads((REPO_ROOT / relpath).read_text(encoding="utf-8"))
    source = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    return [line.strip() for line in source.splitlines() if line.strip()]


def exercise_ids(relpath: str) -> list[str]:
    """The exercise ids a lesson shows, in order (from its code cells)."""
    return SHOW_EXERCISE.findall("\n".join(code_lines(relpath)))


@dataclass
class VoilaServer:
    url: str  # "http://127.0.0.1:PORT/"
    proc: subprocess.Popen
    log_path: Path
    answers_dir: Path

    def render_url(self, relpath: str) -> str:
        return f"{self.url}voila/render/{relpath}"

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no voila log)"

    def stop(self) -> None:
        """SIGTERM to voila's own process group (it shuts its kernels down), SIGKILL if it hangs."""
        for sig, wait in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
            if self.proc.poll() is not None:
                return
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue


@pytest.fixture(scope="module")
def voila_server(tmp_path_factory: pytest.TempPathFactory):
    voila = Path(sys.executable).with_name("voila")
    if not voila.exists():
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"voila is not installed at {voila} (it is pinned in requirements.txt)", pytrace=False)
        pytest.skip(f"voila is not installed at {voila}: run `make install-test`")
    work = tmp_path_factory.mktemp("voila")
    answers = work / "antwoorden"
    answers.mkdir()
    for name in ("runtime", "config", "connections", "ipython"):
        (work / name).mkdir()
    port = free_port()
    env = dict(os.environ)
    env.update(
        CURSUSLIB_ANSWERS_DIR=str(answers),
        JUPYTER_RUNTIME_DIR=str(work / "runtime"),
        JUPYTER_CONFIG_DIR=str(work / "config"),
        IPYTHONDIR=str(work / "ipython"),
        PYTHONUNBUFFERED="1",
        PATH=os.pathsep.join([str(voila.parent), env.get("PATH", "")]),
    )
    cmd = [
        str(voila),
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.root_dir={REPO_ROOT}",
        f"--Voila.connection_dir_root={work / 'connections'}",
        "--show_tracebacks=True",  # an error in a lesson shows its traceback (and fails the test)
    ]
    log_path = work / "voila.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    server = VoilaServer(url=f"http://127.0.0.1:{port}/", proc=proc, log_path=log_path, answers_dir=answers)
    deadline = time.monotonic() + VOILA_START_TIMEOUT
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"voila exited with code {proc.returncode}:\n{server.log_tail()}")
            try:
                with urllib.request.urlopen(server.url + "voila/tree", timeout=2):
                    break
            except (OSError, urllib.error.URLError):
                pass
            if time.monotonic() > deadline:
                raise TimeoutError(f"voila did not answer in {VOILA_START_TIMEOUT:.0f} s:\n{server.log_tail()}")
            time.sleep(0.2)
        yield server
    finally:
        server.stop()


def open_in_voila(page, server: VoilaServer, relpath: str) -> list[str]:
    """Open a lesson in Voila and wait until every exercise of it is rendered; return the ids."""
    ids = exercise_ids(relpath)
    page.goto(server.render_url(relpath), wait_until="domcontentloaded", timeout=RENDER_TIMEOUT * 1000)
    # Voila shows #rendered_cells once every cell ran; the widget views follow a moment later.
    page.locator("#rendered_cells").wait_for(state="visible", timeout=RENDER_TIMEOUT * 1000)
    page.wait_for_function(
        "(n) => document.querySelectorAll('.cursus-exercise').length >= n",
        arg=len(ids), timeout=RENDER_TIMEOUT * 1000, polling=200,
    )
    return ids


def assert_student_view(page, relpath: str, ids: list[str]) -> None:
    """Prose and exercises only: no code, no errors, every exercise there exactly once."""
    assert page.locator("#rendered_cells h1").count() >= 1, "the lesson's prose is missing"
    for ex_id in ids:
        assert page.locator(f".cursus-ex-{ex_id}").count() == 1, f"{relpath}: exercise {ex_id} not rendered once"
    # No code: no input areas, no editors, no prompts, and the source text is nowhere on the page.
    # (Markdown cells use .jp-InputArea for their rendered prose: only code cells count.)
    for selector in (".jp-CodeCell .jp-InputArea", ".jp-CodeCell .jp-Cell-inputWrapper", ".jp-InputPrompt",
                     ".cm-editor", ".CodeMirror", ".jp-CodeMirrorEditor", ".jp-CodeCell .highlight"):
        visible = [el for el in page.locator(selector).all() if el.is_visible()]
        assert not visible, f"{relpath}: code is visible ({selector})"
    text = page.locator("body").inner_text()
    for line in code_lines(relpath):
        assert line not in text, f"{relpath}: source line {line!r} is shown"
    errors = page.locator('[data-mime-type="application/vnd.jupyter.stderr"], .jp-OutputArea-output:has-text("Traceback")')
    assert errors.count() == 0, f"{relpath}: a cell printed an error:\n" + "\n".join(errors.all_inner_texts())
    assert "There was an error when executing cell" not in text, f"{relpath}: a cell failed in Voila"


def test_lesson01_quiz_in_voila_saves_answer(page, voila_server, console_log) -> None:
    lesson = "notebooks/01_klantgesprek.ipynb"
    started = time.monotonic()
    ids = open_in_voila(page, voila_server, lesson)
    print(f"voila: lesson 01 interactive after {time.monotonic() - started:.1f} s")
    assert_student_view(page, lesson, ids)

    quiz = page.locator(".cursus-ex-01-quiz-open-vraag")
    quiz.get_by_role("radio", name="Plannen klanten nu via de telefoon?").check()  # by text: own order
    quiz.get_by_role("button", name="Controleer").click()
    feedback = quiz.locator(".cursus-feedback")
    feedback.get_by_text("Nog niet").wait_for()
    quiz.get_by_role("radio", name="Hoe plannen klanten nu een reparatie in?").check()
    quiz.get_by_role("button", name="Controleer").click()
    feedback.get_by_text("Goed gedaan").wait_for()
    assert "Volgende stap" in feedback.inner_text()
    quiz.scroll_into_view_if_needed()
    save_screenshot(page, "voila-les01-quiz")

    path = voila_server.answers_dir / "antwoorden.json"
    deadline = time.monotonic() + 20
    saved = None
    while time.monotonic() < deadline:
        if path.exists():
            saved = json.loads(path.read_text(encoding="utf-8"))["answers"].get("01-quiz-open-vraag")
            if saved and saved["value"]["selected"] == ["d"] and saved["value"]["checked"]:
                break
        time.sleep(0.2)
    else:
        raise AssertionError(f"the quiz answer was not saved in {path}: {saved}")
    assert_no_widget_errors(page, console_log)


def test_lesson02_self_assessment_slider_in_voila(page, voila_server, console_log) -> None:
    """anywidget's extension loads in Voila too: the slider has its name, moves by keyboard and saves."""
    lesson = "notebooks/02_klantcontact_eigenschappen.ipynb"
    open_in_voila(page, voila_server, lesson)
    assessment = page.locator(".cursus-ex-02-zelfbeoordeling")
    slider = assessment.get_by_role("slider", name="Reageer tijdig", exact=True)
    slider.wait_for(timeout=RENDER_TIMEOUT * 1000)
    assert slider.get_attribute("aria-valuetext") == "nog niet ingevuld"
    slider.focus()
    page.keyboard.press("End")
    assessment.locator(".cursus-level-current").first.get_by_text("Niveau 4:").wait_for()
    assert slider.get_attribute("aria-valuetext") == "niveau 4 van 4"
    path = voila_server.answers_dir / "antwoorden.json"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        saved = json.loads(path.read_text(encoding="utf-8"))["answers"] if path.exists() else {}
        if saved.get("02-zelfbeoordeling", {}).get("value", {}).get("levels") == {"tijdig": 4}:
            break
        time.sleep(0.2)
    else:
        raise AssertionError(f"the slider's level was not saved in {path}")
    assert_no_widget_errors(page, console_log)


@pytest.mark.parametrize("lesson", [p for p in LESSONS if not p.startswith("notebooks/01_")])
def test_every_lesson_is_a_voila_app(page, voila_server, console_log, lesson) -> None:
    started = time.monotonic()
    ids = open_in_voila(page, voila_server, lesson)
    print(f"voila: {lesson} interactive after {time.monotonic() - started:.1f} s")
    if lesson.endswith("99_portfolio.ipynb"):  # the panels to download, restore and export answers
        page.locator(".cursus-backup").wait_for(timeout=RENDER_TIMEOUT * 1000)
        page.locator(".cursus-portfolio").wait_for(timeout=RENDER_TIMEOUT * 1000)
    else:
        assert ids, f"{lesson} shows no exercises"
    assert_student_view(page, lesson, ids)
    assert_no_widget_errors(page, console_log)


def test_make_lab_prints_a_working_student_view_link(page, course_lab, console_log) -> None:
    """The link `make lab` prints opens the welcome lesson as a Voila app inside the same JupyterLab server."""
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    printed = re.search(r"http://localhost:8888/(voila/render/\S+\.ipynb)", makefile)
    assert printed, "make lab no longer prints the Voila link"
    relpath = printed.group(1).removeprefix("voila/render/")
    assert (REPO_ROOT / relpath).is_file(), f"the printed link names a missing notebook: {relpath}"
    ids = exercise_ids(relpath)
    page.goto(f"{course_lab.url}{printed.group(1)}?token={course_lab.token}", wait_until="domcontentloaded",
              timeout=RENDER_TIMEOUT * 1000)
    page.locator("#rendered_cells").wait_for(state="visible", timeout=RENDER_TIMEOUT * 1000)
    page.wait_for_function("(n) => document.querySelectorAll('.cursus-exercise').length >= n",
                           arg=len(ids), timeout=RENDER_TIMEOUT * 1000, polling=200)
    assert_student_view(page, relpath, ids)
    assert_no_widget_errors(page, console_log)
