"""Two tabs of the JupyterLite site in one browser, both typing: no answer is lost (issue 16, point 1).

One browser context (one origin, so one browser storage and one ``antwoorden/antwoorden.json``) with two
pages: tab A runs lesson 04, tab B lesson 01, each in its own in-browser Pyodide kernel. Without a lock a
save is "read the file, change one exercise, write the whole file", so a tab that writes after the other
one read drops the other tab's answer. The store merges there (see ``cursuslib.store``).

Both tabs answer different exercises, interleaved: first choice quizzes A, B, A, B with a short pause;
then both type key by key into a text field (every key is a save), a few keys in one tab, a few in the
other; then a burst of all six reflection steps in both tabs with no pause at all. Then both tabs close,
a fresh tab opens the site, and every answer typed in either tab must be in the browser's storage:
0 lost. The fresh tab also reopens lesson 04 and shows its answers again in the widgets.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

import pytest
import yaml

from cursuslib.store import ORDER_SEED_ID

from . import test_lite
from .jlab import (
    REPO_ROOT,
    ConsoleLog,
    _js,
    assert_no_widget_errors,
    close_notebook,
    kernel_status,
    notebook_errors,
    save_screenshot,
    wait_kernel_idle,
)
from .test_lite import (
    KERNEL_TIMEOUT,
    RUN_TIMEOUT,
    NetworkGuard,
    expected_selectors,
    is_loopback,
    open_panels,
    stored_answers,
    wait_app,
)

pytestmark = pytest.mark.browser

#: The site in ``_output/``, built if stale and served on loopback (test_lite's fixture).
lite_site = test_lite.lite_site

LESSON_A = "notebooks/04_klantenkamer.ipynb"
LESSON_B = "notebooks/01_klantgesprek.ipynb"
#: Pause between two interleaved answers: long enough for a save to start, too short for it to finish.
PACE = 0.1
SAVED = re.compile(r"Opgeslagen om \d\d:\d\d:\d\d")


def file_options(exercise_id: str) -> list[tuple[str, str]]:
    """The (key, text) of each option of a choice quiz, in file order (the screen shows each student's own order)."""
    lesson = exercise_id.split("-", 1)[0]
    for path in (REPO_ROOT / "exercises").glob(f"{lesson}_*.yaml"):
        for exercise in yaml.safe_load(path.read_text(encoding="utf-8"))["exercises"]:
            if exercise["id"] == exercise_id:
                return [(option["key"], " ".join(option["text"].split())) for option in exercise["options"]]
    raise KeyError(exercise_id)


def option_keys(exercise_id: str) -> list[str]:
    """The option keys of a choice quiz, in file order."""
    return [key for key, _ in file_options(exercise_id)]


def option(page: Any, exercise_id: str, index: int, role: str) -> Any:
    """The radio button or check box of the ``index``-th option in the file, found by its label text."""
    label = file_options(exercise_id)[index][1]
    return page.locator(f".cursus-ex-{exercise_id}").get_by_role(role, name=label, exact=True)


@dataclass
class Typed:
    """One answer typed in one tab, and how to recognise it in the answers file."""

    tab: str
    exercise_id: str
    act: Callable[[Any], None]
    holds: Callable[[Any], bool]
    what: str


def radio(tab: str, exercise_id: str, index: int) -> Typed:
    key = option_keys(exercise_id)[index]
    return Typed(tab, exercise_id,
                 lambda page: option(page, exercise_id, index, "radio").check(),
                 lambda value: value.get("selected") == [key], f"option {key}")


def checkboxes(tab: str, exercise_id: str, indexes: list[int]) -> list[Typed]:
    """Tick several boxes one by one (one save each); the last one must find all of them in the file."""
    keys = option_keys(exercise_id)
    typed = []
    for number, index in enumerate(indexes, start=1):
        wanted = sorted(keys[i] for i in indexes[:number])
        typed.append(Typed(tab, exercise_id,
                           lambda page, i=index: option(page, exercise_id, i, "checkbox").check(),
                           lambda value, wanted=wanted: sorted(value.get("selected", [])) == wanted,
                           f"options {wanted}"))
    return typed


def text(tab: str, exercise_id: str, css: str, words: str, index: int = 0) -> Typed:
    """Type ``words`` into the ``index``-th ``css`` field of an exercise; the file must hold them."""
    return Typed(tab, exercise_id,
                 lambda page: page.locator(f".cursus-ex-{exercise_id} {css}").nth(index).fill(words),
                 lambda value: words in json.dumps(value, ensure_ascii=False), repr(words))


def keystrokes(tab: str, exercise_id: str, css: str, words: str, chunk: int = 4) -> list[Typed]:
    """Type ``words`` key by key (a save per key), in pieces of ``chunk`` keys; the file must hold all of them."""
    pieces = [words[i:i + chunk] for i in range(0, len(words), chunk)]
    return [Typed(tab, exercise_id,
                  lambda page, piece=piece: page.locator(f".cursus-ex-{exercise_id} {css}").press_sequentially(piece),
                  lambda value: words in json.dumps(value, ensure_ascii=False), repr(words))
            for piece in pieces]


def reflection_steps(tab: str, exercise_id: str) -> list[str]:
    """What tab ``tab`` writes in the six STARR(T) steps of a reflection."""
    return [f"Tab {tab}, stap {n + 1}: wat ik deed en waarom ({exercise_id})." for n in range(6)]


def reflection(tab: str, exercise_id: str) -> list[Typed]:
    return [text(tab, exercise_id, "textarea", words, n)
            for n, words in enumerate(reflection_steps(tab, exercise_id))]


def interleave(*lists: list[Typed]) -> list[Typed]:
    """A from the first list, B from the second, A, B, ... (the rest of the longer list at the end)."""
    return [item for row in zip_longest(*lists) for item in row if item is not None]


# --------------------------------------------------------------------------- the tabs
@pytest.fixture
def network_guard() -> NetworkGuard:
    return NetworkGuard()


@pytest.fixture
def context(browser, lite_site: str, network_guard: NetworkGuard):
    """One browser context: its pages are tabs of one browser, sharing the site's storage."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, service_workers="allow")
    context.set_default_timeout(30_000)
    context.route(lambda url: not is_loopback(url), network_guard.abort)
    context.on("request", network_guard.seen)
    yield context
    context.close()


@pytest.fixture
def page(context, lite_site: str, console_log: ConsoleLog) -> Iterator[Any]:
    """Tab A (overrides conftest's page: the failure hook takes its screenshot)."""
    yield new_tab(context, lite_site, console_log)


def new_tab(context: Any, site: str, console: ConsoleLog, keep: str | None = None) -> Any:
    """A new tab of the site; of the notebooks its workspace reopens, only ``keep`` stays open.

    (Closing a reopened notebook and opening it again at once can hand the new panel the kernel being
    shut down, whose widgets then never show: so the one that is wanted stays, as after a reload.)
    """
    page = context.new_page()
    console.attach(page)
    page.goto(site + "lab/index.html", wait_until="domcontentloaded")
    wait_app(page)
    for path in open_panels(page):  # the workspace that the other tabs saved
        if path != keep:
            close_notebook(page, path)
    return page


def start_lesson(page: Any, path: str) -> None:
    """Open ``path`` (or show it, if the workspace reopened it); returns before its kernel is ready."""
    _js(page, """async (p) => {
      const h = window.__jlabHarness;
      await h.app().commands.execute('docmanager:open', {path: p, factory: 'Notebook'});
      return true;
    }""", path)


def run_started_lesson(page: Any, path: str) -> None:
    """Wait for the kernel of ``path``, then run all cells (without waiting for the run to end)."""
    deadline = time.monotonic() + KERNEL_TIMEOUT
    while kernel_status(page, path) in ("no-app", "no-notebook"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"notebook {path} did not open")
        time.sleep(0.1)
    wait_kernel_idle(page, path, timeout=max(1.0, deadline - time.monotonic()))
    _js(page, """(p) => {
      const h = window.__jlabHarness;
      const w = h.panel(p);
      h.activate(w);
      h.app().commands.execute('notebook:run-all-cells');  // not awaited: the other tab runs meanwhile
      return true;
    }""", path)


def wait_lesson_shown(page: Any, path: str) -> None:
    """Wait until every exercise of the lesson is shown and the kernel is idle; no error output."""
    deadline = time.monotonic() + RUN_TIMEOUT
    for css in expected_selectors(path):
        page.locator(css).first.wait_for(state="attached", timeout=max(1.0, deadline - time.monotonic()) * 1000)
    wait_kernel_idle(page, path, timeout=max(5.0, deadline - time.monotonic()), stable=1.0)
    assert not notebook_errors(page, path), f"{path}: cells raised errors"
    missing = [css for css in expected_selectors(path) if page.locator(css).count() != 1]
    assert not missing, f"{path}: not shown (once): {missing}"


def lost_answers(answers: dict[str, Any], typed: list[Typed]) -> list[str]:
    """Every typed answer that the answers file does not hold (per exercise only the last one counts)."""
    last = {(item.tab, item.exercise_id): item for item in typed}
    lost = []
    for item in last.values():
        entry = answers.get(item.exercise_id)
        if entry is None or not item.holds(entry["value"]):
            lost.append(f"tab {item.tab} {item.exercise_id}: {item.what} (file: {entry and entry['value']!r})")
    return lost


# --------------------------------------------------------------------------- the test
def test_two_tabs_typing_lose_no_answer(context, page, lite_site: str, console_log: ConsoleLog,
                                        network_guard: NetworkGuard) -> None:
    started = time.monotonic()
    tab_a = page
    tab_b = new_tab(context, lite_site, console_log)
    tabs = {"A": tab_a, "B": tab_b}
    lessons = {"A": LESSON_A, "B": LESSON_B}
    # Both lessons open and run at the same time: two kernels, one answers file.
    for name, tab in tabs.items():
        start_lesson(tab, lessons[name])
    for name, tab in tabs.items():
        run_started_lesson(tab, lessons[name])
    for name, tab in tabs.items():
        wait_lesson_shown(tab, lessons[name])
    # Showing a quiz keeps the student's option-order seed in the file, but no answer yet.
    assert set(stored_answers(tab_a)) <= {ORDER_SEED_ID}, "a fresh browser context already holds answers"
    print(f"two lessons running in two tabs after {time.monotonic() - started:.0f} s")

    # Paced: A, B, A, B ... with a short pause, so that each save starts while the other tab's one runs.
    paced = interleave(
        [radio("A", "04-quiz-ronde1", 1),
         *checkboxes("A", "04-quiz-ronde2", [0, 2]),
         *checkboxes("A", "04-quiz-quickwin", [1]),
         radio("A", "04-quiz-quickwin-voorbeeld", 0)],
        [radio("B", "01-quiz-open-vraag", 2),
         radio("B", "01-quiz-samenvatten", 1),
         *checkboxes("B", "01-quiz-doorvragen", [0, 1]),
         *checkboxes("B", "01-quiz-afsluiten", [2])],
    )
    # Both typing at once, key by key (every key is a save), in turns of a few keys.
    keys = interleave(keystrokes("A", "04-observatie", "input[type=text]", "developer 3 in ronde 2 (tab A)"),
                      keystrokes("B", "01-open-vraag-stellen", "textarea", "Hoe plant u de reparaties?!"))
    # Burst: every step of a reflection in both tabs, no pause at all.
    burst = interleave(reflection("A", "04-reflectie"), reflection("B", "01-reflectie-lsd"))
    for item in paced:
        item.act(tabs[item.tab])
        time.sleep(PACE)
    for item in keys + burst:
        item.act(tabs[item.tab])
    typed = paced + keys + burst

    # Every exercise says it saved, and both kernels are done with every change.
    for item in typed:
        exercise = tabs[item.tab].locator(f".cursus-ex-{item.exercise_id}")
        exercise.get_by_text(SAVED).wait_for(timeout=60_000)
    for name, tab in tabs.items():
        wait_kernel_idle(tab, lessons[name], timeout=60, stable=2.0)
        assert not tab.locator(".cursus-notice[role=alert]").count(), \
            f"tab {name} shows a notice: {tab.locator('.cursus-notice[role=alert]').first.text_content()}"
        assert_no_widget_errors(tab, console_log)
    # Wait (30 s at most) until the file holds everything; if it never does, the check below says what is lost.
    deadline = time.monotonic() + 30
    while lost_answers(stored_answers(tab_a), typed) and time.monotonic() < deadline:
        time.sleep(0.5)
    save_screenshot(tab_a, "lite-tabs-A")
    save_screenshot(tab_b, "lite-tabs-B")
    typing_done = time.monotonic()

    # Both tabs close (their kernels end); a fresh tab of the site reads the browser's storage.
    tab_b.close()
    tab_a.close()
    fresh = new_tab(context, lite_site, console_log, keep=LESSON_A)
    answers = stored_answers(fresh)
    exercises = {item.exercise_id for item in typed}
    lost = lost_answers(answers, typed)
    print(f"{len(typed)} answers typed in {len(exercises)} exercises, {len(lost)} lost "
          f"(typing and saving {typing_done - started:.0f} s after start)")
    assert not lost, f"{len(lost)} of {len(exercises)} exercises lost their answer:\n" + "\n".join(lost)

    # The lesson shows them again after the reload.
    start_lesson(fresh, LESSON_A)
    run_started_lesson(fresh, LESSON_A)
    wait_lesson_shown(fresh, LESSON_A)
    assert option(fresh, "04-quiz-ronde1", 1, "radio").is_checked()
    assert [option(fresh, "04-quiz-ronde2", i, "checkbox").is_checked() for i in range(3)] == [True, False, True]
    assert fresh.locator(".cursus-ex-04-observatie input[type=text]").input_value() == "developer 3 in ronde 2 (tab A)"
    shown = [fresh.locator(".cursus-ex-04-reflectie textarea").nth(n).input_value() for n in range(6)]
    assert shown == reflection_steps("A", "04-reflectie")
    save_screenshot(fresh, "lite-tabs-reloaded")
    assert_no_widget_errors(fresh, console_log)
    network_guard.assert_only_loopback()
    print(f"whole test {time.monotonic() - started:.0f} s")
