"""Smoke test of the browser harness with a throw-away widget notebook.

Nothing is written into the repo: the notebook and its output live in tmp dirs.
"""

from __future__ import annotations

import time

import nbformat
import pytest

from .jlab import (
    assert_no_widget_errors,
    close_notebook,
    open_notebook,
    restart_kernel_and_run_all,
    run_all,
    run_cell,
    save_screenshot,
)

pytestmark = pytest.mark.browser

WIDGET_CELL = """\
import ipywidgets as widgets

tekst = widgets.Textarea(placeholder="Typ je antwoord", description="Antwoord")
knop = widgets.Button(description="Verstuur")
uitslag = widgets.Label(value="nog niet verstuurd")
uitslag.add_class("harness-uitslag")
klikken = 0

def bij_klik(_):
    global klikken
    klikken += 1
    uitslag.value = f"klik {klikken}: {tekst.value}"

knop.on_click(bij_klik)
widgets.VBox([tekst, knop, uitslag])
"""

WRITE_CELL = """\
import os
from pathlib import Path

uitvoer = Path(os.environ["HARNESS_OUT_DIR"]) / "antwoord.txt"
uitvoer.write_text(tekst.value, encoding="utf-8")
print("geschreven:", len(tekst.value), "tekens")
"""


def _write_notebook(path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3 (ipykernel)",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Harness smoke test"),
        nbformat.v4.new_code_cell(WIDGET_CELL),
        nbformat.v4.new_code_cell(WRITE_CELL),
    ]
    nbformat.write(nb, str(path))


@pytest.fixture(scope="module")
def smoke_lab(lab_factory, tmp_path_factory):
    root = tmp_path_factory.mktemp("nbroot")
    out_dir = tmp_path_factory.mktemp("harness-out")
    _write_notebook(root / "smoke.ipynb")
    lab = lab_factory(root, extra_env={"HARNESS_OUT_DIR": str(out_dir)})
    return lab, out_dir


def test_widget_notebook_in_real_browser(page, console_log, smoke_lab):
    lab, out_dir = smoke_lab
    timings = {}
    t0 = time.monotonic()

    nb = open_notebook(page, lab, "smoke.ipynb")
    timings["open (kernel idle)"] = time.monotonic() - t0

    t = time.monotonic()
    run_all(page, nb)
    textarea = page.locator(".widget-textarea textarea")
    button = page.locator("button.widget-button")
    result = page.locator(".harness-uitslag")
    textarea.wait_for(state="visible")
    timings["run all + widgets visible"] = time.monotonic() - t
    # The write cell ran with the empty textarea: env var reached the kernel.
    assert (out_dir / "antwoord.txt").read_text(encoding="utf-8") == ""
    assert result.inner_text() == "nog niet verstuurd"

    # Type with the keyboard, click with the mouse.
    textarea.click()
    page.keyboard.type("Goedemiddag, waarmee kan ik u helpen?")
    button.click()
    page.wait_for_function(
        "() => document.querySelector('.harness-uitslag').innerText.startsWith('klik 1: Goedemiddag')"
    )

    # Keyboard only: Tab from the textarea to the button, then Enter and Space.
    textarea.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('widget-button')")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.harness-uitslag').innerText.startsWith('klik 2:')")
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('.harness-uitslag').innerText.startsWith('klik 3:')")
    assert result.inner_text() == "klik 3: Goedemiddag, waarmee kan ik u helpen?"

    # The typed value is synced to the kernel: re-run the write cell.
    run_cell(page, 2, nb)
    written = (out_dir / "antwoord.txt").read_text(encoding="utf-8")
    assert written == "Goedemiddag, waarmee kan ik u helpen?"
    save_screenshot(page, "harness-after-clicks")

    # Restart + run all: fresh widgets, state reset, still interactive.
    t = time.monotonic()
    restart_kernel_and_run_all(page, nb)
    textarea.wait_for(state="visible")
    timings["restart + run all"] = time.monotonic() - t
    assert textarea.input_value() == ""
    assert result.inner_text() == "nog niet verstuurd"
    textarea.fill("Tot ziens")
    button.click()
    page.wait_for_function("() => document.querySelector('.harness-uitslag').innerText === 'klik 1: Tot ziens'")
    assert (out_dir / "antwoord.txt").read_text(encoding="utf-8") == ""

    assert_no_widget_errors(page, console_log)
    print("console errors:", console_log.errors)
    save_screenshot(page, "harness-after-restart")
    close_notebook(page, nb)
    assert not list(lab.root.rglob(".ipynb_checkpoints")), "notebook was saved"
    timings["total"] = time.monotonic() - t0
    print("timings: " + ", ".join(f"{k} {v:.1f}s" for k, v in timings.items()))
