"""The course as a static JupyterLite site (``make lite``) in headless Chromium, fully offline.

The site in ``_output/`` is (re)built first when it is missing or stale (``lite/build.sh --if-stale``),
then served by a stdlib HTTP server on 127.0.0.1. Every request to any other host is recorded and
aborted (also requests made through JupyterLite's service worker and the kernel's web worker); each
test ends by asserting there was none. One browser context and page serve the whole module, and only
one notebook (one in-browser Pyodide kernel) is open at a time:

- every lesson opens, runs all cells without errors and shows each of its exercises;
- lesson 01: the open-question trainer gives the engine's feedback, the answer lands in the browser's
  storage (JupyterLite's file system) and is restored after a page reload;
- 99_portfolio: the backup panel downloads all answers and restores an uploaded file;
- 99_portfolio: the HTML portfolio (Jinja2 and MarkupSafe in the browser's Python) holds a student's
  answer from lesson 01, escaped.
- lesson 01 shows every exercise by itself, without Run All, when it opens and after a page reload;
- lesson 02: a self-assessment slider moves by keyboard (anywidget's extension is in the site) and its
  level comes back after a reload (a new kernel).
"""

from __future__ import annotations

import base64
import importlib.util
import json
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .jlab import (
    REPO_ROOT,
    ConsoleLog,
    _js,
    assert_no_widget_errors,
    close_notebook,
    kernel_status,
    notebook_errors,
    run_all,
    save_screenshot,
    wait_kernel_idle,
)
from .test_lesson02 import run_axe_on

pytestmark = pytest.mark.browser

OUTPUT = REPO_ROOT / "_output"
BUILD_TIMEOUT = 900.0
#: A Pyodide kernel loads Python and the course's packages in the browser: slower than ipykernel.
KERNEL_TIMEOUT = 180.0
RUN_TIMEOUT = 180.0
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
CANARY = "http://canary.invalid/"
ANSWERS_FILE = "antwoorden/antwoorden.json"
PORTFOLIO_FILE = "antwoorden/portfolio.html"

LESSON_01 = "notebooks/01_klantgesprek.ipynb"
LESSON_02 = "notebooks/02_klantcontact_eigenschappen.ipynb"
PORTFOLIO = "notebooks/99_portfolio.ipynb"
LESSONS = sorted(p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "notebooks").glob("*.ipynb"))
SHOW_EXERCISE = re.compile(r"""show_exercise\(\s*["']([^"']+)["']""")
#: Panels that are no exercise from exercises/*.yaml, by the call that shows them.
PANELS = {"show_backup(": ".cursus-backup", "show_portfolio(": ".cursus-portfolio"}


def lite_module(name: str) -> Any:
    """Import ``lite/<name>.py`` (build, serve: standard library only at module level)."""
    spec = importlib.util.spec_from_file_location(f"lite_{name}", REPO_ROOT / "lite" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def expected_selectors(relpath: str) -> list[str]:
    """CSS selectors of every exercise and panel a lesson shows (from its code cells)."""
    nb = json.loads((REPO_ROOT / relpath).read_text(encoding="utf-8"))
    source = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    found = [f".cursus-ex-{exercise_id}" for exercise_id in SHOW_EXERCISE.findall(source)]
    return found + [css for call, css in PANELS.items() if call in source]


# --------------------------------------------------------------------------- the site, served on loopback
@pytest.fixture(scope="module")
def lite_site() -> Iterator[str]:
    """Build ``_output/`` if needed, serve it on a free 127.0.0.1 port; yield the base URL."""
    if not lite_module("build").site_is_current(OUTPUT):
        started = time.monotonic()
        result = subprocess.run(
            ["bash", str(REPO_ROOT / "lite" / "build.sh"), "--if-stale"],
            cwd=REPO_ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False,
        )
        if result.returncode != 0:
            pytest.fail(f"lite/build.sh failed (exit {result.returncode}):\n{result.stdout[-3000:]}\n"
                        f"{result.stderr[-3000:]}", pytrace=False)
        print(f"lite site built in {time.monotonic() - started:.1f} s")
    server = lite_module("serve").start(OUTPUT)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- the browser, loopback only
def is_loopback(url: str) -> bool:
    """True for URLs that stay on this machine (and for data:/blob: URLs, which are no requests)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return (parts.hostname or "") in LOOPBACK


@dataclass
class NetworkGuard:
    """Records and aborts every request to a host other than loopback."""

    outside: list[str] = field(default_factory=list)
    via_service_worker: int = 0

    def abort(self, route: Any) -> None:
        self.outside.append(route.request.url)
        route.abort("blockedbyclient")

    def seen(self, request: Any) -> None:
        if request.service_worker is not None:
            self.via_service_worker += 1
        if not is_loopback(request.url) and request.url not in self.outside:
            self.outside.append(request.url)  # in case a request ever slips past the route

    def assert_only_loopback(self) -> None:
        real = [url for url in self.outside if not url.startswith(CANARY)]
        assert not real, "the site requested other hosts than loopback:\n" + "\n".join(sorted(set(real)))


@pytest.fixture(scope="module")
def network_guard() -> NetworkGuard:
    return NetworkGuard()


@pytest.fixture(scope="module")
def console_log() -> ConsoleLog:
    """Console of the module's page (overrides conftest's: one page for the whole module)."""
    return ConsoleLog()


@pytest.fixture(scope="module")
def page(browser, lite_site: str, network_guard: NetworkGuard, console_log: ConsoleLog):
    """One context and page for the module (overrides conftest's), with the network guard in place."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True,
                                  service_workers="allow")
    context.set_default_timeout(30_000)
    context.route(lambda url: not is_loopback(url), network_guard.abort)
    context.on("request", network_guard.seen)
    page = context.new_page()
    page.on("websocket", lambda ws: None if is_loopback(ws.url) else network_guard.outside.append(ws.url))
    console_log.attach(page)
    page.goto(lite_site + "lab/index.html", wait_until="domcontentloaded")
    wait_app(page)
    yield page
    context.close()


def wait_app(page: Any, timeout: float = 60.0) -> None:
    """Wait until JupyterLite started, restored its workspace and a service worker controls the page."""
    page.wait_for_function("() => !!window.jupyterapp", timeout=timeout * 1000, polling=100)
    _js(page, "async (ms) => window.__jlabHarness.withTimeout(Promise.all([window.jupyterapp.started,"
              " window.jupyterapp.restored]).then(() => true), ms, 'JupyterLite start')", int(timeout * 1000))
    # The kernel reaches the browser's storage (the notebooks, exercises and answers) through it.
    page.wait_for_function("() => !!navigator.serviceWorker.controller", timeout=timeout * 1000, polling=100)


def open_panels(page: Any) -> list[str]:
    return _js(page, "() => Array.from(window.jupyterapp.shell.widgets('main'))"
                     ".filter(w => w.context && w.sessionContext).map(w => w.context.path)")


def wait_notebook(page: Any, path: str) -> None:
    """Wait for the notebook panel of ``path`` and its kernel (Pyodide) to be idle."""
    deadline = time.monotonic() + KERNEL_TIMEOUT
    while kernel_status(page, path) in ("no-app", "no-notebook"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"notebook {path} did not open")
        time.sleep(0.1)
    _js(page, "(p) => window.__jlabHarness.activate(window.__jlabHarness.panel(p))", path)
    wait_kernel_idle(page, path, timeout=max(1.0, deadline - time.monotonic()))


def open_lesson(page: Any, path: str) -> None:
    """Close every open notebook (and its kernel), then open ``path`` and wait for its idle kernel."""
    for other in open_panels(page):
        close_notebook(page, other)
    _js(page, "async (p) => { await window.jupyterapp.commands.execute('docmanager:open',"
              " {path: p, factory: 'Notebook'}); return true; }", path)
    wait_notebook(page, path)


def reload_lesson(page: Any, path: str) -> None:
    """Reload the page: the site reopens lesson ``path`` (other restored tabs are closed) in a new kernel."""
    page.reload(wait_until="domcontentloaded")
    wait_app(page)
    assert path in open_panels(page), "the reload did not reopen the lesson"
    for other in set(open_panels(page)) - {path}:
        close_notebook(page, other)
    wait_notebook(page, path)


def run_lesson(page: Any, path: str, console: ConsoleLog) -> None:
    """Run all cells of the open lesson; fail on an error output or a missing or broken exercise."""
    console.clear()
    run_all(page, path, timeout=RUN_TIMEOUT)
    missing = [css for css in expected_selectors(path) if page.locator(css).count() != 1]
    assert not missing, f"{path}: not shown (once) in the site: {missing}"
    assert_no_widget_errors(page, console)


def stored_file(page: Any, path: str) -> str | None:
    """The text of ``path`` in JupyterLite's browser storage (None if there is no such file)."""
    found = _js(page, """async (p) => {
      try {
        const m = await window.jupyterapp.serviceManager.contents.get(p, {content: true});
        return {format: m.format, content: m.format === 'json' ? JSON.stringify(m.content) : m.content};
      } catch (e) { return null; }
    }""", path)
    if found is None:
        return None
    return base64.b64decode(found["content"]).decode("utf-8") if found["format"] == "base64" else found["content"]


def wait_stored_file(page: Any, path: str, predicate: Any, timeout: float = 30.0) -> str:
    """Poll ``path`` in the browser's storage until ``predicate(text)`` holds; return the text."""
    deadline = time.monotonic() + timeout
    text = stored_file(page, path)
    while text is None or not predicate(text):
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} is not in the browser's storage as expected: {(text or '')[:500]!r}")
        time.sleep(0.3)
        text = stored_file(page, path)
    return text


def stored_answers(page: Any) -> dict:
    text = stored_file(page, ANSWERS_FILE)
    return json.loads(text)["answers"] if text else {}


def wait_stored(page: Any, exercise_id: str, predicate: Any, timeout: float = 30.0) -> dict:
    """Poll the answers file in the browser's storage until ``predicate(value)`` holds; return the value."""
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        entry = stored_answers(page).get(exercise_id)
        value = entry and entry["value"]
        if value is not None and predicate(value):
            return value
        time.sleep(0.3)
    raise AssertionError(f"{exercise_id} is not in the browser's {ANSWERS_FILE} as expected: {value!r}")


# --------------------------------------------------------------------------- tests
def test_the_guard_catches_requests_from_page_and_workers(page, network_guard: NetworkGuard) -> None:
    """Self-check: an outside request from the page and from a web worker (both through the service worker)."""
    page.evaluate("(u) => fetch(u + 'page').catch(() => null)", CANARY)
    page.evaluate("""(u) => new Promise((resolve) => {
      const code = `fetch('${u}worker').then(() => postMessage(1), () => postMessage(0))`;
      const worker = new Worker(URL.createObjectURL(new Blob([code], {type: 'text/javascript'})));
      worker.onmessage = () => { worker.terminate(); resolve(true); };
    })""", CANARY)
    assert {CANARY + "page", CANARY + "worker"} <= set(network_guard.outside)
    assert network_guard.via_service_worker > 0, "requests through the service worker are not seen"
    network_guard.assert_only_loopback()


@pytest.mark.parametrize("lesson", [p for p in LESSONS if p not in (LESSON_01, PORTFOLIO)])
def test_lesson_runs_in_the_site(page, lesson: str, console_log: ConsoleLog, network_guard: NetworkGuard) -> None:
    """Each lesson (01 and 99 have their own test below) runs without errors and shows its exercises."""
    open_lesson(page, lesson)
    run_lesson(page, lesson, console_log)
    network_guard.assert_only_loopback()


def test_answer_gets_feedback_and_survives_a_reload(page, console_log: ConsoleLog,
                                                    network_guard: NetworkGuard) -> None:
    open_lesson(page, LESSON_01)
    run_lesson(page, LESSON_01, console_log)
    trainer = page.locator(".cursus-ex-01-open-vraag-stellen")
    feedback = trainer.locator(".cursus-feedback")
    box = trainer.locator("textarea")
    # The feedback engine runs in the browser's Python: a closed question, then an open one.
    box.fill("Is het op zaterdag druk in de werkplaats?")
    trainer.get_by_role("button", name="Controleer").click()
    feedback.locator(".cursus-todo").wait_for()
    assert "gesloten vraag" in feedback.text_content()
    question = "Hoe verloopt de planning van de werkplaats op een drukke zaterdag?"
    box.fill(question)
    trainer.get_by_role("button", name="Controleer").click()
    feedback.locator(".cursus-good").wait_for()
    assert "open vraag" in feedback.text_content()
    # Saved by the kernel into /drive, which is the site's storage in this browser.
    wait_stored(page, "01-open-vraag-stellen", lambda v: v["text"] == question and v["attempts"] == 2)
    save_screenshot(page, "lite-les01-feedback")

    reload_lesson(page, LESSON_01)
    run_lesson(page, LESSON_01, console_log)
    trainer = page.locator(".cursus-ex-01-open-vraag-stellen")
    assert trainer.locator("textarea").input_value() == question
    assert trainer.locator(".cursus-feedback .cursus-good").count() == 1
    # (text_content: JupyterLab does not lay out cells out of view, so their inner_text reads empty)
    assert "open vraag" in trainer.locator(".cursus-feedback").text_content()
    network_guard.assert_only_loopback()


def test_backup_downloads_and_restores_answers(page, console_log: ConsoleLog, network_guard: NetworkGuard,
                                               tmp_path: Path) -> None:
    open_lesson(page, PORTFOLIO)
    run_lesson(page, PORTFOLIO, console_log)
    panel = page.locator(".cursus-backup")

    # Download: the file holds exactly the answers stored in this browser.
    panel.get_by_role("button", name="Maak downloadbestand").click()
    link = panel.get_by_role("link", name="Download al je antwoorden")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert re.fullmatch(r"klantgesprekken-antwoorden-\d{4}-\d{2}-\d{2}\.json", download.suggested_filename)
    downloaded = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert downloaded["format"] == "klantgesprekken-antwoorden"
    # the download holds every answer with its value and time; the store's internal revisions stay home
    assert downloaded["answers"] == public(stored_answers(page))

    # Upload: a file with one answer this browser does not have; preview, then restore.
    new_id = "02-reflectie"
    assert new_id not in downloaded["answers"]
    upload = dict(downloaded, answers={**downloaded["answers"], new_id: {
        "value": {"steps": {"situatie": "Thuis gemaakt en meegenomen."}}, "saved_at": "2026-01-05T10:00:00+01:00"}})
    upload_file = tmp_path / "klantgesprekken-antwoorden-thuis.json"
    upload_file.write_text(json.dumps(upload, ensure_ascii=False), encoding="utf-8")
    with page.expect_file_chooser() as chooser:  # the widget's file input is not in the page
        panel.locator(".widget-upload").click()
    chooser.value.set_files(str(upload_file))
    panel.get_by_text("Komt erbij (1)").wait_for()
    panel.get_by_role("button", name="Ja, zet terug").click()
    panel.get_by_text("1 antwoord is teruggezet").wait_for()
    stored = stored_answers(page)
    assert stored[new_id]["value"] == upload["answers"][new_id]["value"]
    assert {k: v for k, v in public(stored).items() if k != new_id} == downloaded["answers"]
    save_screenshot(page, "lite-99-teruggezet")

    # The portfolio of the restored answers downloads too.
    portfolio = page.locator(".cursus-portfolio")
    portfolio.get_by_role("button", name="Maak portfolio (HTML)").click()
    with page.expect_download() as info:
        portfolio.get_by_role("link", name="Download portfolio.html").click()
    assert "Thuis gemaakt en meegenomen." in Path(info.value.path()).read_text(encoding="utf-8")
    assert_no_widget_errors(page, console_log)
    assert not notebook_errors(page, PORTFOLIO)
    network_guard.assert_only_loopback()


def public(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers as a download holds them: the store's internal revisions stay in the browser."""
    return {key: {k: v for k, v in entry.items() if k != "revision"} for key, entry in answers.items()}


def test_portfolio_holds_an_answer_escaped(page, console_log: ConsoleLog, network_guard: NetworkGuard) -> None:
    """An answer with HTML characters in lesson 01, then the HTML portfolio in 99, made by the browser's Python."""
    exercise_id = "01-open-vraag-stellen"
    question = "Hoe verloopt de planning als <b>alle</b> klanten & hun fietsen tegelijk komen?"
    escaped = "Hoe verloopt de planning als &lt;b&gt;alle&lt;/b&gt; klanten &amp; hun fietsen tegelijk komen?"
    open_lesson(page, LESSON_01)
    run_lesson(page, LESSON_01, console_log)
    trainer = page.locator(f".cursus-ex-{exercise_id}")
    trainer.locator("textarea").fill(question)
    trainer.get_by_role("button", name="Controleer").click()
    wait_stored(page, exercise_id, lambda v: v["text"] == question and v["history"][-1]["text"] == question)

    open_lesson(page, PORTFOLIO)
    run_lesson(page, PORTFOLIO, console_log)
    portfolio = page.locator(".cursus-portfolio")
    portfolio.get_by_role("button", name="Maak portfolio (HTML)").click()
    result = portfolio.locator(".cursus-feedback[role=status]")
    link = result.get_by_role("link", name="Download portfolio.html")
    link.wait_for()
    assert link.get_attribute("download") == "portfolio.html"
    assert (link.get_attribute("href") or "").startswith("data:text/html;charset=utf-8;base64,")
    assert "Je portfolio (HTML) is klaar" in result.text_content()
    assert PORTFOLIO_FILE in result.locator("code").text_content()

    # The file the kernel wrote next to the answers, read from the browser's storage.
    written = wait_stored_file(page, PORTFOLIO_FILE, lambda text: escaped in text)
    assert "<h1>Portfolio Klantgesprekken</h1>" in written
    assert f'<blockquote class="answer">{escaped}</blockquote>' in written
    assert "<b>alle</b>" not in written
    # The download link carries the same document.
    href = link.get_attribute("href") or ""
    assert base64.b64decode(href.partition("base64,")[2]).decode("utf-8") == written
    save_screenshot(page, "lite-99-portfolio")
    assert_no_widget_errors(page, console_log)
    assert not notebook_errors(page, PORTFOLIO)
    network_guard.assert_only_loopback()


def test_an_intake_runs_offline_and_comes_back_after_a_reload(page, console_log: ConsoleLog,
                                                              network_guard: NetworkGuard) -> None:
    """The conversation simulator runs in the browser's Python: a whole intake, then a reload finds it back."""
    open_lesson(page, LESSON_01)
    run_lesson(page, LESSON_01, console_log)
    intake = page.locator(".cursus-ex-01-intake")
    intake.scroll_into_view_if_needed()
    box = intake.get_by_role("textbox", name="Jij")
    lines = ["Hoe maken klanten nu een afspraak voor een reparatie?", "Is het op zaterdag druk?",
             "Waarom wilt u eigenlijk dat klanten online kunnen boeken?",
             "Als ik het goed begrijp bellen klanten nu en schrijft u alles in een papieren agenda. Klopt dat?"]
    for number, line in enumerate(lines, start=1):
        box.fill(line)
        box.press("Enter")
        intake.get_by_text(f"Aantal beurten: {number}").wait_for()
    value = wait_stored(page, "01-intake", lambda v: len(v["turns"]) == len(lines))
    assert value["turns"][0]["revealed"] == ["huidige-werkwijze"] and value["turns"][1]["kind"] == "gesloten"
    assert value["turns"][3]["kind"] == "samenvatting"
    intake.get_by_role("button", name="Gesprek afronden").click()
    intake.get_by_role("region", name="Nabespreking").wait_for()
    wait_stored(page, "01-intake", lambda v: v["closed"])
    save_screenshot(page, "lite-les01-intake")

    reload_lesson(page, LESSON_01)
    run_lesson(page, LESSON_01, console_log)
    intake = page.locator(".cursus-ex-01-intake")
    assert f"Aantal beurten: {len(lines)}" in intake.text_content()
    assert lines[0] in intake.text_content() and "Nabespreking" in intake.text_content()
    network_guard.assert_only_loopback()


#: Prints a Python expression's value in the kernel of an open notebook (outside its cells) and returns the text.
KERNEL_EVAL_JS = """async ([path, expression]) => {
  const panel = window.jupyterapp.shell.widgets('main').find((w) => w.context && w.context.path === path);
  const kernel = panel.sessionContext.session.kernel;
  const future = kernel.requestExecute({code: 'print(' + expression + ')', store_history: false});
  let printed = '';
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') printed += msg.content.text;
    if (msg.header.msg_type === 'error') printed += msg.content.ename + ': ' + msg.content.evalue;
  };
  await future.done;
  return printed;
}"""


#: Whether the kernel's course came from a cache entry, and whether YAML was imported only by the engine's rules.
SHIPPED_COURSE_USED = ("__import__('json').dumps({'course from the cache': [bool(course._kept) for _, course in "
                       "__import__('cursuslib.content').content._course_cache.values()], 'yaml only for the engine': "
                       "'yaml' not in __import__('sys').modules or "
                       "__import__('cursuslib.language.rules').language.rules.data.cache_info().currsize > 0})")


def kernel_eval(page: Any, path: str, expression: str) -> Any:
    """The value of ``expression`` (it must give JSON text) in the kernel of notebook ``path``."""
    printed = _js(page, KERNEL_EVAL_JS, [path, expression])
    try:
        return json.loads(printed)
    except ValueError:
        raise AssertionError(f"the kernel printed {printed!r} for {expression!r}") from None


def test_a_lesson_shows_its_exercises_by_itself_also_after_a_reload(page, console_log: ConsoleLog,
                                                                    network_guard: NetworkGuard) -> None:
    """Lesson 01 runs its cells when it opens (lite/autorun.js): every exercise appears without Run All,
    and again after a page reload, which reopens the lesson in a new kernel."""
    expected = expected_selectors(LESSON_01)
    for attempt in ("opened", "reloaded"):
        if attempt == "opened":
            open_lesson(page, LESSON_01)
        else:
            reload_lesson(page, LESSON_01)
        # No Run All here: the first exercise and then all of them appear by themselves.
        page.locator(expected[0]).locator(".jupyter-button").first.wait_for(state="visible", timeout=RUN_TIMEOUT * 1000)
        deadline = time.monotonic() + RUN_TIMEOUT
        while (missing := [css for css in expected if page.locator(css).count() != 1]) and time.monotonic() < deadline:
            time.sleep(0.3)
        assert not missing, f"{LESSON_01} ({attempt}): not shown by itself: {missing}"
        wait_kernel_idle(page, LESSON_01, timeout=RUN_TIMEOUT)
        assert not notebook_errors(page, LESSON_01)
        assert_no_widget_errors(page, console_log)
        # The site's cursuslib carries the course checked at build time: the course comes from that cache, and
        # YAML is imported only for the feedback engine's rule files (an answer saved by an earlier test is judged).
        assert kernel_eval(page, LESSON_01, SHIPPED_COURSE_USED) == {"course from the cache": [True],
                                                                     "yaml only for the engine": True}
    save_screenshot(page, "lite-les01-vanzelf-na-herladen")
    network_guard.assert_only_loopback()


def test_a_self_assessment_slider_moves_by_keyboard_and_comes_back(page, console_log: ConsoleLog, axe_source: str,
                                                                   network_guard: NetworkGuard) -> None:
    """The slider is a native range input through anywidget: the site must hold its extension and wheel."""
    open_lesson(page, LESSON_02)
    run_lesson(page, LESSON_02, console_log)
    assessment = page.locator(".cursus-ex-02-zelfbeoordeling")
    slider = assessment.get_by_role("slider", name="Reageer tijdig", exact=True)
    chosen = assessment.locator(".cursus-level-current").first
    assert slider.get_attribute("aria-valuetext") == "nog niet ingevuld"
    assessment.locator("h3").first.click()
    for _ in range(6):  # Tab from the exercise's title to the first slider
        if slider.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert slider.evaluate("el => el === document.activeElement"), "Tab does not reach the first slider"
    for key, level in (("ArrowRight", 1), ("End", 4), ("Home", 1), ("ArrowRight", 2)):
        page.keyboard.press(key)
        page.wait_for_function("([el, want]) => el.getAttribute('aria-valuetext') === want",
                               arg=[slider.element_handle(), f"niveau {level} van 4"])
        chosen.get_by_text(f"Niveau {level}:").wait_for()
    assert "maar zeg niet wanneer de ander een volledig antwoord krijgt" in chosen.text_content()
    wait_stored(page, "02-zelfbeoordeling", lambda v: v["levels"] == {"tijdig": 2})
    failing = run_axe_on(page, axe_source, ".cursus-ex-02-zelfbeoordeling")
    assert not failing, "axe on the self-assessment sliders in the Lite site:\n" + "\n".join(failing)
    save_screenshot(page, "lite-les02-schuifregelaar")

    reload_lesson(page, LESSON_02)
    run_lesson(page, LESSON_02, console_log)
    slider = page.locator(".cursus-ex-02-zelfbeoordeling").get_by_role("slider", name="Reageer tijdig", exact=True)
    assert slider.get_attribute("aria-valuetext") == "niveau 2 van 4" and slider.input_value() == "2"
    network_guard.assert_only_loopback()
