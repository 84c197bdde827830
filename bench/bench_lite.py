"""Print the JupyterLite site's size and the time from opening a lesson to its first interactive widget.

    .venv/bin/python bench/bench_lite.py [--runs 3] [--lesson notebooks/01_klantgesprek.ipynb]

Builds ``_output/`` first if it is stale (``lite/build.sh --if-stale``), serves it on 127.0.0.1 and opens
the lesson in headless Chromium (the system's, as the browser tests). Per run a new browser profile
("first visit": nothing cached) and then a page reload in that profile ("next visit"). Times: JupyterLite
started, kernel (Pyodide) ready, first exercise with a button on screen after *Run All*. Medians are
printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "_output"
sys.path.insert(0, str(REPO))

from tests.browser.conftest import CHROMIUM_ARGS, find_chromium  # noqa: E402 - after the path is set
from tests.browser.jlab import _js, kernel_status, wait_kernel_idle  # noqa: E402

FIRST_WIDGET = ".cursus-exercise .jupyter-button"
PHASES = ("app", "kernel", "widget")


def lite_module(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"lite_{name}", REPO / "lite" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def megabytes(paths: list[Path]) -> tuple[float, float]:
    """Size on disk and gzip-compressed size (what a web server usually sends), in MB."""
    raw = packed = 0
    for path in paths:
        data = path.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, compresslevel=6)) if path.suffix != ".whl" else len(data)
    return raw / 1e6, packed / 1e6


def print_sizes(output: Path) -> None:
    files = [p for p in output.rglob("*") if p.is_file()]
    pyodide = output / "static" / "pyodide"
    wheels = [p for p in files if p.suffix == ".whl"]
    core = [p for p in files if p.parent == pyodide]
    rest = [p for p in files if p not in set(wheels) | set(core)]
    print("Grootte van de site (op schijf / gzip):")
    for label, part in (("totaal", files), ("Pyodide (Python in de browser)", core),
                        (f"wheels ({len(wheels)} pakketten)", wheels), ("JupyterLab, lessen en de rest", rest)):
        raw, packed = megabytes(part)
        print(f"  {label:34s} {raw:6.1f} MB / {packed:5.1f} MB  ({len(part)} bestanden)")


def measure(page: Any, lesson: str, start: float) -> dict[str, float]:
    """Seconds from ``start`` until the app, the kernel and the first widget are ready."""
    times = {}
    page.wait_for_function("() => !!window.jupyterapp", timeout=120_000, polling=50)
    _js(page, "async () => { await window.jupyterapp.started; await window.jupyterapp.restored; return true; }")
    times["app"] = time.monotonic() - start
    while kernel_status(page, lesson) in ("no-app", "no-notebook"):
        time.sleep(0.05)
    wait_kernel_idle(page, lesson, timeout=300, stable=0.0)
    times["kernel"] = time.monotonic() - start
    _js(page, "(p) => { const h = window.__jlabHarness; h.app().commands.execute('notebook:run-all-cells');"
              " return true; }", lesson)
    page.locator(FIRST_WIDGET).first.wait_for(state="visible", timeout=300_000)
    times["widget"] = time.monotonic() - start
    wait_kernel_idle(page, lesson, timeout=300)  # let the run finish before the next step
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lesson", default="notebooks/01_klantgesprek.ipynb")
    args = parser.parse_args()
    if not lite_module("build").site_is_current(OUTPUT):
        started = time.monotonic()
        subprocess.run(["bash", str(REPO / "lite" / "build.sh"), "--if-stale"], cwd=REPO, check=True)
        print(f"site gebouwd in {time.monotonic() - started:.1f} s")
    print_sizes(OUTPUT)

    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        sys.exit("Chromium niet gevonden (apt-get install -y chromium, of zet CHROMIUM_PATH)")
    server = lite_module("serve").start(OUTPUT)
    url = f"http://127.0.0.1:{server.server_address[1]}/lab/index.html?path={quote(args.lesson)}"
    results: dict[str, list[dict[str, float]]] = {"eerste bezoek": [], "volgend bezoek": []}
    outside: set[str] = set()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
            for run in range(1, args.runs + 1):
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                context.on("request", lambda r: None if urlsplit(r.url).hostname in ("127.0.0.1", None)
                           else outside.add(r.url))
                page = context.new_page()
                for visit in results:
                    start = time.monotonic()
                    if visit == "eerste bezoek":
                        page.goto(url, wait_until="commit")
                    else:
                        page.reload(wait_until="commit")
                    times = measure(page, args.lesson, start)
                    results[visit].append(times)
                    print(f"run {run}, {visit:14s}: " + ", ".join(f"{k} {v:5.1f} s" for k, v in times.items()),
                          flush=True)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    print(f"Mediaan over {args.runs} runs, {args.lesson} (seconden vanaf het openen van de link):")
    labels = {"app": "JupyterLite klaar", "kernel": "kernel (Pyodide) klaar", "widget": "eerste oefening"}
    for visit, runs in results.items():
        medians = ", ".join(f"{labels[p]} {statistics.median(r[p] for r in runs):5.1f}" for p in PHASES)
        print(f"  {visit:14s}: {medians}")
    print(f"verzoeken naar andere hosts dan 127.0.0.1: {len(outside)}" + (f" {sorted(outside)}" if outside else ""))


if __name__ == "__main__":
    main()
