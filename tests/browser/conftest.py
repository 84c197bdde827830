"""Pytest fixtures for real-browser tests (JupyterLab + ipywidgets in Chromium).

Fixtures
  browser      (session)  Playwright Chromium browser (headless, system Chromium)
  console_log  (function) ConsoleLog collecting the page's console + page errors
  page         (function) fresh browser context + page, viewport 1400x900
  lab_factory  (session)  start_lab(root, extra_env=None, settings=None) -> LabServer
  course_lab   (session)  JupyterLab on the repo root, CURSUSLIB_ANSWERS_DIR in tmp
  axe_source   (session)  the text of axe.min.js (axe-core), to inject into a page

Missing Chromium / playwright / jupyterlab: tests SKIP locally, but FAIL when
the environment variable CI is "true" (so CI can never go green by skipping).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

from .jlab import (
    LIVE_SERVERS,
    REPO_ROOT,
    ConsoleLog,
    LabServer,
    save_screenshot,
    start_lab,
    stop_lab,
)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1400, "height": 900}

INSTALL_HINT = (
    "install it with `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH "
    "(do NOT run `playwright install`, the system Chromium is used)"
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: real-browser test (JupyterLab + ipywidgets in headless Chromium)")


def _running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def _unavailable(reason: str) -> None:
    """Skip locally; fail under CI=true."""
    if _running_in_ci():
        pytest.fail(f"{reason} (CI=true: browser tests must not be skipped)", pytrace=False)
    pytest.skip(reason)


def find_chromium() -> str | None:
    """CHROMIUM_PATH, else /usr/bin/chromium, else chromium(-browser) on PATH."""
    env_path = os.environ.get("CHROMIUM_PATH")
    if env_path:
        return env_path if os.access(env_path, os.X_OK) else None
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        where = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
        _unavailable(f"Chromium not found at {where}: {INSTALL_HINT}")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable(
            "Python package `playwright` is not installed: `pip install playwright` "
            "(do NOT run `playwright install`, the system Chromium is used)"
        )
    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001 - report any launch problem
            _unavailable(f"could not launch Chromium at {chromium_path}: {exc}")
        yield browser
        browser.close()


@pytest.fixture
def console_log() -> ConsoleLog:
    """Console messages of the `page` fixture's page (same object)."""
    return ConsoleLog()


@pytest.fixture
def page(browser, console_log: ConsoleLog):
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(30_000)
    page = context.new_page()
    console_log.attach(page)
    yield page
    context.close()


@pytest.fixture(scope="session")
def _jupyterlab_available() -> None:
    if importlib.util.find_spec("jupyterlab") is None:
        _unavailable("Python package `jupyterlab` is not installed in this environment")


@pytest.fixture(scope="session")
def lab_factory(_jupyterlab_available, tmp_path_factory: pytest.TempPathFactory):
    """Factory: ``lab_factory(root, extra_env=None, settings=None, extra_args=())``.

    Each call starts a fresh JupyterLab (free 127.0.0.1 port, random token,
    fresh settings/workspaces/runtime dirs in a tmp dir) and returns a
    LabServer.  All servers are stopped at the end of the session; call
    ``lab.stop()`` to stop one earlier.
    """
    started: list[LabServer] = []

    def factory(root, extra_env=None, settings=None, extra_args=()) -> LabServer:
        workdir = tmp_path_factory.mktemp("jupyterlab")
        server = start_lab(root, workdir, extra_env=extra_env, settings=settings, extra_args=extra_args)
        started.append(server)
        return server

    yield factory
    for server in started:
        stop_lab(server)


@pytest.fixture(scope="session")
def course_lab(lab_factory, tmp_path_factory: pytest.TempPathFactory) -> LabServer:
    """JupyterLab on the repo root; notebooks write answers to ``.answers_dir``."""
    answers_dir = tmp_path_factory.mktemp("answers")
    lab = lab_factory(REPO_ROOT, extra_env={"CURSUSLIB_ANSWERS_DIR": str(answers_dir)})
    lab.answers_dir = answers_dir
    return lab


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """On failure: screenshot of `page` and the tail of the JupyterLab log(s)."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed or call.when == "collect":
        return
    funcargs = getattr(item, "funcargs", {})
    page = funcargs.get("page")
    if page is not None and call.when == "call":
        try:
            path = save_screenshot(page, f"FAILED-{item.name}")
            report.sections.append(("browser screenshot", str(path)))
        except Exception as exc:  # noqa: BLE001 - never mask the real failure
            report.sections.append(("browser screenshot", f"failed: {exc}"))
    console = funcargs.get("console_log")
    if console is not None:
        lines = [f"[{kind}] {text}" for kind, text in console.messages if kind != "debug"][-40:]
        if lines:
            report.sections.append(("browser console (last 40, no debug)", "\n".join(lines)))
    for server in LIVE_SERVERS:
        report.sections.append((f"JupyterLab log tail ({server.log_path})", server.log_tail()))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test below tests/browser/ gets the `browser` marker."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def find_axe() -> Path | None:
    configured = os.environ.get("AXE_JS")
    if configured:
        return Path(configured) if Path(configured).is_file() else None
    found = sorted(Path(sys.prefix).glob("axe-core-*/package/axe.min.js"))
    return found[-1] if found else None


@pytest.fixture(scope="session")
def axe_source() -> str:
    path = find_axe()
    if path is None:
        reason = "axe-core not found in the venv: run `make install-test` (it fetches axe-core with npm)"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return path.read_text(encoding="utf-8")
