"""WCAG 2.1 AA with axe-core: every lesson's exercises in a real JupyterLab, before and after feedback.

axe-core comes from the npm registry (``make install-test`` puts it in
``.venv/axe-core-<version>/package/axe.min.js``; the ``axe_source`` fixture in conftest reads it) and
is injected into the page.
Only our widgets are checked (context ``.cursus-exercise``): JupyterLab's own
interface is not ours to fix.  A violation with impact ``serious`` or
``critical`` fails the test; all violations are printed.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from .jlab import REPO_ROOT, close_notebook, open_notebook, run_all, save_screenshot, wait_kernel_idle

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAIL_IMPACTS = {"serious", "critical"}
LESSONS = sorted(p.relative_to(REPO_ROOT).as_posix() for p in (REPO_ROOT / "notebooks").glob("0*.ipynb"))
if (REPO_ROOT / "notebooks" / "99_portfolio.ipynb").exists():
    LESSONS.append("notebooks/99_portfolio.ipynb")

# Exact (rule id, CSS selector axe reports) pairs that we cannot fix from Python, with why.
EXCLUDED: dict[tuple[str, str], str] = {}

# Buttons that make feedback appear without answering anything (so axe sees feedback markup too).
FEEDBACK_BUTTONS = ("Controleer", "Toon overzicht", "Klaar", "Reflectie afronden", "Planning afronden")


@pytest.fixture(scope="module")
def keep_answers(course_lab):
    """Put the session's answer file back as it was: the feedback clicks here must not leak into other tests."""
    path = course_lab.answers_dir / "antwoorden.json"
    before = path.read_bytes() if path.exists() else None
    yield
    if before is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(before)


def run_axe(page, axe_source: str, include: str = ".cursus-exercise") -> list[dict]:
    """Run axe on the elements matching ``include`` (all our exercises unless told otherwise)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async ([tags, include]) => {
          const result = await window.axe.run({include: [[include]]},
                                              {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target.join(' '), impact: n.impact, summary: n.failureSummary,
                                      html: n.html.slice(0, 200)})),
          }));
        }""",
        [WCAG_TAGS, include],
    )


def show_feedback(page) -> None:
    """Click every button that shows feedback without an answer, then wait until the kernel is done."""
    for name in FEEDBACK_BUTTONS:
        buttons = page.locator(".cursus-exercise").get_by_role("button", name=name, exact=True)
        for index in range(buttons.count()):
            target = buttons.nth(index)
            if target.is_visible() and target.is_enabled():
                target.click()
    wait_kernel_idle(page)


def report(lesson: str, stage: str, violations: list[dict]) -> list[str]:
    """Print every violation; return the failing ones (serious/critical, not excluded) as lines."""
    failing = []
    for v in violations:
        for node in v["nodes"]:
            impact = node["impact"] or v["impact"]
            line = f"{lesson} [{stage}] {v['id']} ({impact}) {node['target']}: {v['help']} <{v['helpUrl']}>"
            print("axe:", line, "|", node["html"].replace("\n", " "))
            if impact in FAIL_IMPACTS and (v["id"], node["target"]) not in EXCLUDED:
                failing.append(line + f"\n    {node['summary']}\n    {node['html']}")
    return failing


@pytest.mark.parametrize("lesson", LESSONS)
def test_lesson_exercises_meet_wcag21_aa(page, course_lab, axe_source, keep_answers, lesson) -> None:
    started = time.monotonic()
    open_notebook(page, course_lab, lesson)
    run_all(page)
    assert page.locator(".cursus-exercise").count() > 0, f"{lesson} shows no exercises"
    failing = report(lesson, "start", run_axe(page, axe_source))
    show_feedback(page)
    failing += report(lesson, "feedback", run_axe(page, axe_source))
    print(f"axe: {lesson} checked in {time.monotonic() - started:.1f} s")
    if failing:
        save_screenshot(page, f"axe-{Path(lesson).stem}")
    close_notebook(page)
    assert not failing, f"{len(failing)} serious/critical WCAG 2.1 AA violations in our widgets:\n" + "\n".join(failing)
