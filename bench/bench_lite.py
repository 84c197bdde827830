"""Time to a lesson's first exercise in our JupyterLite site against a first button on a stock site.

    .venv/bin/python bench/bench_lite.py [--runs 3] [--lesson notebooks/01_klantgesprek.ipynb]

Builds ``_output/`` first if it is stale (``lite/build.sh --if-stale``) and a *stock* site in
``build/lite-stock/``: the same JupyterLite, Pyodide and kernel wheels, only ipywidgets and one notebook
with one ``ipywidgets.Button``, and the kernel's own start-up (no packages preloaded). Both are served
on 127.0.0.1 (Pyodide's core and every wheel from the site itself, as ours) and opened in headless
Chromium (the system's, as the browser tests), one after the other in each run:

- our site: the lesson's link, until its first exercise with a button is on screen, *without* Run All
  (the site runs a lesson's cells itself when it opens);
- the stock site: the notebook's link, until the kernel is idle, then Run All, until the button is on screen.

Per run a new browser profile ("first visit": nothing cached), then a page reload in that profile
("next visit"). Medians and their ratio are printed, then where the time goes in our kernel
(Pyodide's core, the packages, the kernel's imports, ``import cursuslib``, the first exercise), timed
by Pyodide on a blank page of our site. Nothing is asserted; the goals (ratio at most 1.15, site at
most 40 MB) are printed next to the figures.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "_output"
STOCK_WORK = REPO / "build" / "lite-stock-src"
STOCK_OUTPUT = REPO / "build" / "lite-stock"
STOCK_NOTEBOOK = "knop.ipynb"
sys.path.insert(0, str(REPO))

FIRST_EXERCISE = ".cursus-exercise .jupyter-button"
FIRST_BUTTON = "button.jupyter-button"
RATIO_GOAL = 1.15
SIZE_GOAL_MB = 40.0
TIMEOUT = 300.0
VISITS = ("eerste bezoek", "volgend bezoek")


def lite_module(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"lite_{name}", REPO / "lite" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


# --------------------------------------------------------------------------- the stock site
#: The stock notebook: one button, nothing else.
STOCK_CELL = 'import ipywidgets as widgets\nwidgets.Button(description="Klik")'
#: Kernel settings of the stock site: the kernel's own start-up, only Pyodide from the site (offline).
STOCK_SETTINGS = {"pyodideUrl": "./static/pyodide/pyodide.mjs", "disablePyPIFallback": True}
#: From lite/kernel-requirements.txt: ipywidgets and what the kernel itself needs (the lines above it).
STOCK_PACKAGES_END = "ipywidgets"


def stock_inputs() -> str:
    digest = hashlib.sha256()
    for path in (Path(__file__), REPO / "lite" / "build.py", REPO / "lite" / "kernel-requirements.txt",
                 REPO / "requirements-lite.txt"):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_stock_site() -> Path:
    """Build the stock site into ``build/lite-stock/`` with lite/build.py's pieces (skipped if current)."""
    stamp = STOCK_OUTPUT / ".stock.json"
    digest = stock_inputs()
    if stamp.is_file() and json.loads(stamp.read_text())["inputs"] == digest:
        return STOCK_OUTPUT
    venv_python = REPO / ".venv-lite" / "bin" / "python"
    if not venv_python.is_file():
        subprocess.run(["bash", str(REPO / "lite" / "build.sh"), "--if-stale"], cwd=REPO, check=True)
    subprocess.run([str(venv_python), __file__, "--build-stock"], cwd=REPO, check=True)
    stamp.write_text(json.dumps({"inputs": digest}), encoding="utf-8")
    return STOCK_OUTPUT


def _build_stock() -> None:
    """Runs in .venv-lite (it needs jupyterlite and packaging), by ``bench_lite.py --build-stock``."""
    from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION

    build = lite_module("build")
    started = time.monotonic()
    shutil.rmtree(STOCK_WORK, ignore_errors=True)
    pyodide_dir = STOCK_WORK / "static" / "pyodide"
    info = build.fetch_pyodide(PYODIDE_VERSION, pyodide_dir)
    requirements = []
    for requirement in build.parse_requirements(build.KERNEL_REQUIREMENTS):
        requirements.append(requirement)
        if requirement[0] == STOCK_PACKAGES_END:
            break
    wheels = build.download(requirements, build.CACHE / "wheels", sdist=False)
    pypi = (Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyterlite" / "pyodide-kernel-extension"
            / "static" / "pypi")
    wheels += [sorted(pypi.glob(f"{stem}-*-py3-none-any.whl"))[-1] for stem in build.EXTENSION_WHEELS]
    build.write_lock(info, wheels, pyodide_dir)
    files = STOCK_WORK / "files"
    files.mkdir()
    notebook = {
        "cells": [{"cell_type": "code", "execution_count": None, "id": "knop", "metadata": {}, "outputs": [],
                   "source": STOCK_CELL}],
        "metadata": {"kernelspec": dict(build.PYODIDE_KERNELSPEC)}, "nbformat": 4, "nbformat_minor": 5,
    }
    (files / STOCK_NOTEBOOK).write_text(json.dumps(notebook), encoding="utf-8")
    config = {"jupyter-lite-schema-version": 0, "jupyter-config-data": {"exposeAppInBrowser": True,
              "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": STOCK_SETTINGS}}}
    (STOCK_WORK / "jupyter-lite.json").write_text(json.dumps(config), encoding="utf-8")
    (STOCK_WORK / "jupyter_lite_config.json").write_text(json.dumps({"LiteBuildConfig": {"apps": ["lab"]}}))
    shutil.rmtree(STOCK_OUTPUT, ignore_errors=True)
    build.run([str(Path(sys.executable).with_name("jupyter")), "lite", "build", "--lite-dir", str(STOCK_WORK),
               "--contents", str(files), "--output-dir", str(STOCK_OUTPUT)], cwd=STOCK_WORK,
              stdout=subprocess.DEVNULL)
    print(f"stock site gebouwd in {time.monotonic() - started:.1f} s", flush=True)


# --------------------------------------------------------------------------- sizes
def megabytes(paths: list[Path]) -> tuple[float, float]:
    """Size on disk and gzip-compressed size (what a web server usually sends), in MB."""
    raw = packed = 0
    for path in paths:
        data = path.read_bytes()
        raw += len(data)
        packed += len(gzip.compress(data, compresslevel=6)) if path.suffix != ".whl" else len(data)
    return raw / 1e6, packed / 1e6


def print_sizes(output: Path, title: str) -> float:
    files = [p for p in output.rglob("*") if p.is_file()]
    pyodide = output / "static" / "pyodide"
    wheels = [p for p in files if p.suffix == ".whl"]
    core = [p for p in files if p.parent == pyodide]
    rest = [p for p in files if p not in set(wheels) | set(core)]
    print(f"Grootte van {title} (op schijf / gzip):")
    for label, part in (("totaal", files), ("Pyodide (Python in de browser)", core),
                        (f"wheels ({len(wheels)} pakketten)", wheels), ("JupyterLab, lessen en de rest", rest)):
        raw, packed = megabytes(part)
        print(f"  {label:34s} {raw:6.1f} MB / {packed:5.1f} MB  ({len(part)} bestanden)")
    return megabytes(files)[0]


# --------------------------------------------------------------------------- timing in the browser
def until_visible(page: Any, selector: str, start: float, *, run_all: str | None) -> dict[str, float]:
    """Seconds from ``start`` to the app, (with ``run_all``: the idle kernel, then Run All) and ``selector``."""
    from tests.browser.jlab import _js, kernel_status, wait_kernel_idle

    times = {}
    page.wait_for_function("() => !!window.jupyterapp", timeout=TIMEOUT * 1000, polling=50)
    _js(page, "async () => { await window.jupyterapp.started; await window.jupyterapp.restored; return true; }")
    times["app"] = time.monotonic() - start
    if run_all is not None:
        while kernel_status(page, run_all) in ("no-app", "no-notebook"):
            time.sleep(0.05)
        wait_kernel_idle(page, run_all, timeout=TIMEOUT, stable=0.0)
        times["kernel"] = time.monotonic() - start
        _js(page, "() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }")
    page.locator(selector).first.wait_for(state="visible", timeout=TIMEOUT * 1000)
    times["knop"] = time.monotonic() - start
    return times


#: Where the time goes in our kernel: Pyodide by itself on a blank page of the site, step by step.
PHASES_JS = """async (packages) => {
  const t0 = performance.now(), times = {};
  const mark = (name) => { times[name] = (performance.now() - t0) / 1000; };
  const index = new URL('/static/pyodide/', location.href).href;
  const {loadPyodide} = await import(index + 'pyodide.mjs');
  const py = await loadPyodide({indexURL: index, lockFileURL: index + 'pyodide-lock.json'});
  mark('Pyodide (kern)');
  const errors = []; await py.loadPackage(packages, {messageCallback: () => {}, errorCallback: (e) => errors.push(e)});
  if (errors.length) throw new Error(errors.join('; '));
  mark('pakketten laden');
  await py.runPythonAsync('import ipykernel, IPython, comm, jedi, micropip');
  mark('kernel-imports (IPython, ipykernel)');
  await py.runPythonAsync('import ipywidgets');
  mark('import ipywidgets');
  await py.runPythonAsync('import cursuslib');
  mark('import cursuslib');
  return times;
}"""


def phases(browser: Any, base: str) -> dict[str, float]:
    output_config = json.loads((OUTPUT / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = output_config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    packages = kernel["loadPyodideOptions"]["packages"]
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "static/pyodide/pyodide-lock.json")
    found = page.evaluate(PHASES_JS, packages)
    context.close()
    return found


def main() -> None:
    if sys.argv[1:] == ["--build-stock"]:
        _build_stock()
        return
    from tests.browser.conftest import CHROMIUM_ARGS, find_chromium
    from tests.browser.jlab import wait_kernel_idle

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lesson", default="notebooks/01_klantgesprek.ipynb")
    parser.add_argument("--run-all", action="store_true",
                        help="press Run All on our site too once the kernel is idle (for a site that does not run itself)")
    args = parser.parse_args()
    if not lite_module("build").site_is_current(OUTPUT):
        started = time.monotonic()
        subprocess.run(["bash", str(REPO / "lite" / "build.sh"), "--if-stale"], cwd=REPO, check=True)
        print(f"site gebouwd in {time.monotonic() - started:.1f} s")
    stock = build_stock_site()
    size = print_sizes(OUTPUT, "onze site")
    print_sizes(stock, "de kale site")

    from playwright.sync_api import sync_playwright

    chromium = find_chromium()
    if chromium is None:
        sys.exit("Chromium niet gevonden (apt-get install -y chromium, of zet CHROMIUM_PATH)")
    serve = lite_module("serve")
    servers = {"ons": serve.start(OUTPUT), "kaal": serve.start(stock)}
    base = {name: f"http://127.0.0.1:{server.server_address[1]}/" for name, server in servers.items()}
    targets = {
        "ons": (f"{base['ons']}lab/index.html?path={quote(args.lesson)}", FIRST_EXERCISE,
                args.lesson if args.run_all else None),
        "kaal": (f"{base['kaal']}lab/index.html?path={STOCK_NOTEBOOK}", FIRST_BUTTON, STOCK_NOTEBOOK),
    }
    results: dict[tuple[str, str], list[dict[str, float]]] = {(s, v): [] for s in targets for v in VISITS}
    outside: set[str] = set()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
            for run in range(1, args.runs + 1):
                for site, (url, selector, run_all) in targets.items():
                    context = browser.new_context(viewport={"width": 1400, "height": 900})
                    context.on("request", lambda r: None if urlsplit(r.url).hostname in ("127.0.0.1", None)
                               else outside.add(r.url))
                    page = context.new_page()
                    for visit in VISITS:
                        start = time.monotonic()
                        if visit == VISITS[0]:
                            page.goto(url, wait_until="commit")
                        else:
                            page.reload(wait_until="commit")
                        times = until_visible(page, selector, start, run_all=run_all)
                        results[site, visit].append(times)
                        print(f"run {run}, {site:4s}, {visit:14s}: "
                              + ", ".join(f"{k} {v:5.1f} s" for k, v in times.items()), flush=True)
                        if run_all is not None:
                            wait_kernel_idle(page, run_all, timeout=TIMEOUT)  # let the run finish first
                    context.close()
            found = phases(browser, base["ons"])
            browser.close()
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()
    print(f"\nMediaan over {args.runs} runs (seconden vanaf het openen van de link):")
    for visit in VISITS:
        ours = statistics.median(r["knop"] for r in results["ons", visit])
        plain = statistics.median(r["knop"] for r in results["kaal", visit])
        print(f"  {visit:14s}: eerste oefening {args.lesson} {ours:5.1f} s, eerste knop kale site {plain:5.1f} s,"
              f" verhouding {ours / plain:.2f} (doel <= {RATIO_GOAL})")
    print(f"  onze site {size:.1f} MB (doel <= {SIZE_GOAL_MB:.0f} MB)")
    print("Waar de tijd zit in onze kernel (Pyodide op een lege pagina van de site, cumulatief):")
    previous = 0.0
    for label, seconds in found.items():
        print(f"  {label:38s} {seconds:5.1f} s  (+{seconds - previous:4.1f} s)")
        previous = seconds
    print(f"verzoeken naar andere hosts dan 127.0.0.1: {len(outside)}" + (f" {sorted(outside)}" if outside else ""))


if __name__ == "__main__":
    main()
