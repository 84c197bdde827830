"""Helpers to drive a real JupyterLab (with ipywidgets) in headless Chromium.

Used by the pytest fixtures in ``conftest.py``; tests import the helper
functions from here::

    from .jlab import open_notebook, run_all, save_screenshot

Everything waits by polling with a deadline (no fixed sleeps), so the helpers
stay reliable on a slow 2-core machine.  The page talks to JupyterLab through
``window.jupyterapp`` (the server is started with ``--expose-app-in-browser``).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
ARTIFACTS_DIR = HERE / "artifacts"

# Timeouts in seconds; generous on purpose (slow CI machines).
SERVER_START_TIMEOUT = 60.0
KERNEL_TIMEOUT = 60.0
RUN_TIMEOUT = 120.0

# JupyterLab user settings written into the fresh JUPYTERLAB_SETTINGS_DIR.
DEFAULT_LAB_SETTINGS: dict[str, dict[str, Any]] = {
    # No "fetch news?" toast and no update check (there is no internet anyway).
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    # Never write notebooks behind our back: with root = the repo, an autosave
    # would store outputs into the course notebooks of the source tree.
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    # `notebook:restart-*` commands restart without a confirmation dialog.
    "@jupyterlab/apputils-extension:sessionDialogs": {"skipKernelRestartDialog": True},
    # Attach every cell to the DOM, so selectors find widgets in far-away cells.
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
}

# Browser console messages that mean an ipywidget did not render.
WIDGET_ERROR_PATTERNS = (
    "Error displaying widget",
    "Model not found",
    "Could not create a model",
    "Could not create a view",
    "Could not create view",
    "Failed to load model class",
    "Class .* not found in module",
)
_WIDGET_ERROR_RE = re.compile("|".join(WIDGET_ERROR_PATTERNS), re.IGNORECASE)


# --------------------------------------------------------------------------
# JupyterLab server
# --------------------------------------------------------------------------


def free_port(host: str = "127.0.0.1") -> int:
    """Return a TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def _write_lab_settings(settings_dir: Path, settings: dict[str, dict[str, Any]]) -> None:
    for plugin_id, values in settings.items():
        package, _, plugin = plugin_id.partition(":")
        target = settings_dir / package / f"{plugin}.jupyterlab-settings"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values, indent=2), encoding="utf-8")


@dataclass
class LabServer:
    """A running ``jupyter lab`` (own process group, loopback, random token)."""

    url: str  # "http://127.0.0.1:PORT/" (with trailing slash)
    token: str
    root: Path  # ServerApp.root_dir
    env: dict[str, str]  # full environment of the server (and its kernels)
    port: int
    workdir: Path  # tmp dir with settings/workspaces/runtime/log
    log_path: Path
    proc: subprocess.Popen | None = field(default=None, repr=False)
    answers_dir: Path | None = None  # set by the `course_lab` fixture

    # -- URLs --------------------------------------------------------------
    def lab_url(self, reset: bool = False) -> str:
        """``http://127.0.0.1:PORT/lab?token=...`` (``reset``: empty workspace)."""
        return f"{self.url}lab?{'reset&' if reset else ''}token={self.token}"

    def notebook_url(self, relpath: str | os.PathLike, reset: bool = False) -> str:
        """``http://127.0.0.1:PORT/lab/tree/<relpath>?token=...``.

        ``relpath`` is relative to ``root`` (an absolute path inside ``root``
        is accepted too).  ``reset=True`` adds ``?reset``: the saved workspace
        (tabs of earlier page loads) is not restored.
        """
        rel = urllib.parse.quote(self.relpath(relpath))
        return f"{self.url}lab/tree/{rel}?{'reset&' if reset else ''}token={self.token}"

    def relpath(self, path: str | os.PathLike) -> str:
        p = Path(path)
        if p.is_absolute():
            p = p.resolve().relative_to(self.root.resolve())
        return p.as_posix()

    # -- REST --------------------------------------------------------------
    def api(self, path: str, method: str = "GET", timeout: float = 5.0) -> Any:
        """Call the Jupyter server REST API, e.g. ``lab.api("api/kernels")``."""
        req = urllib.request.Request(
            self.url + path.lstrip("/"),
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            body = resp.read()
        return json.loads(body) if body else None

    def shutdown_sessions(self, relpath: str | os.PathLike | None = None) -> int:
        """Delete the server sessions (and their kernels) of ``relpath``, or all.

        Returns how many were shut down.
        """
        rel = None if relpath is None else self.relpath(relpath)
        count = 0
        for session in self.api("api/sessions"):
            if rel is None or session.get("path") == rel:
                self.api(f"api/sessions/{session['id']}", method="DELETE", timeout=30)
                count += 1
        return count

    # -- lifecycle ---------------------------------------------------------
    def is_running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, lines: int = 60) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, grace: float = 5.0) -> None:
        """Stop the server and its kernels; only this server's process group.

        First the kernels are shut down via the REST API (kernels run in their
        own sessions, so a plain group kill would orphan them), then SIGTERM to
        the server's group, SIGKILL after ``grace`` seconds.
        """
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        try:
            for kernel in self.api("api/kernels", timeout=3):
                try:
                    self.api(f"api/kernels/{kernel['id']}", method="DELETE", timeout=10)
                except (OSError, urllib.error.URLError):
                    pass
        except (OSError, urllib.error.URLError, ValueError):
            pass
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue

    def __enter__(self) -> LabServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# Servers that are running right now (used to put log tails in failure reports).
LIVE_SERVERS: list[LabServer] = []


def start_lab(
    root: str | os.PathLike,
    workdir: str | os.PathLike,
    *,
    extra_env: dict[str, str] | None = None,
    settings: dict[str, dict[str, Any]] | None = None,
    extra_args: list[str] | tuple[str, ...] = (),
    timeout: float = SERVER_START_TIMEOUT,
) -> LabServer:
    """Start ``jupyter lab`` and wait until ``/api/status`` answers.

    ``workdir`` must be an empty throw-away directory; it receives the fresh
    JupyterLab settings/workspaces/runtime/config dirs and ``jupyterlab.log``.
    ``settings`` ({plugin_id: {key: value}}) is merged over
    ``DEFAULT_LAB_SETTINGS``.  ``extra_env`` is added to the server's (and so
    the kernels') environment.
    """
    root = Path(root).resolve()
    workdir = Path(workdir).resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    dirs = {
        name: workdir / name
        for name in (
            "lab-settings",
            "lab-workspaces",
            "runtime",
            "config",
            "ipython",
            "checkpoints",
            "notary",
        )
    }
    for d in dirs.values():
        d.mkdir(exist_ok=True)
    merged = {k: dict(v) for k, v in DEFAULT_LAB_SETTINGS.items()}
    for plugin_id, values in (settings or {}).items():
        merged.setdefault(plugin_id, {}).update(values)
    _write_lab_settings(dirs["lab-settings"], merged)

    token = secrets.token_hex(24)
    port = free_port()
    env = dict(os.environ)
    env.update(
        JUPYTERLAB_SETTINGS_DIR=str(dirs["lab-settings"]),
        JUPYTERLAB_WORKSPACES_DIR=str(dirs["lab-workspaces"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]),
        JUPYTER_CONFIG_DIR=str(dirs["config"]),
        IPYTHONDIR=str(dirs["ipython"]),
        PYTHONUNBUFFERED="1",
        # Kernels and `!pip` in notebooks find the venv first.
        PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
    )
    env.pop("JUPYTER_TOKEN", None)
    if extra_env:
        env.update({k: str(v) for k, v in extra_env.items()})

    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--allow-root",
        "--expose-app-in-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.root_dir={root}",
        f"--IdentityProvider.token={token}",
        "--ServerApp.terminals_enabled=False",
        # Opening a notebook creates a checkpoint: keep it out of the root
        # (no .ipynb_checkpoints/ in the source tree).  Same-named notebooks in
        # different folders share a checkpoint file; harmless for tests.
        f"--FileCheckpoints.checkpoint_dir={dirs['checkpoints']}",
        # Trust database + signing key in the tmp dir, not ~/.local/share/jupyter.
        f"--NotebookNotary.data_dir={dirs['notary']}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.handlers.announcements.NeverCheckForUpdate",
        *extra_args,
    ]  # fmt: skip
    log_path = workdir / "jupyterlab.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            cmd,
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # own process group: stop() kills only this
        )
    server = LabServer(
        url=f"http://127.0.0.1:{port}/",
        token=token,
        root=root,
        env=env,
        port=port,
        workdir=workdir,
        log_path=log_path,
        proc=proc,
    )
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(
                f"jupyter lab exited with code {proc.returncode} during start-up.\n"
                f"Command: {' '.join(cmd)}\n--- tail of {log_path} ---\n{server.log_tail()}"
            )
        try:
            server.api("api/status", timeout=2)
            break
        except (OSError, urllib.error.URLError, ValueError):
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise TimeoutError(
                f"jupyter lab did not answer /api/status within {timeout:.0f} s.\n"
                f"--- tail of {log_path} ---\n{server.log_tail()}"
            )
        time.sleep(0.2)
    LIVE_SERVERS.append(server)
    return server


def stop_lab(server: LabServer) -> None:
    server.stop()
    if server in LIVE_SERVERS:
        LIVE_SERVERS.remove(server)


# --------------------------------------------------------------------------
# Browser console
# --------------------------------------------------------------------------


@dataclass
class ConsoleLog:
    """Collects console messages and uncaught page errors of a Playwright page."""

    messages: list[tuple[str, str]] = field(default_factory=list)  # (type, text)

    def attach(self, page: Any) -> None:
        page.on("console", lambda msg: self.messages.append((msg.type, msg.text)))
        page.on("pageerror", lambda exc: self.messages.append(("pageerror", str(exc))))

    @property
    def errors(self) -> list[str]:
        return [text for kind, text in self.messages if kind in ("error", "pageerror")]

    def widget_errors(self) -> list[str]:
        """Console lines (any level) that point at a widget that failed to render."""
        return [text for _, text in self.messages if _WIDGET_ERROR_RE.search(text)]

    def clear(self) -> None:
        self.messages.clear()

    def assert_no_widget_errors(self) -> None:
        bad = self.widget_errors()
        assert not bad, "widget rendering errors in the browser console:\n" + "\n".join(bad)


def assert_no_widget_errors(page: Any, console: ConsoleLog | None = None) -> None:
    """Fail if a widget failed to render: in the page text or in the console."""
    shown = page.get_by_text(re.compile("Error displaying widget", re.IGNORECASE))
    if shown.count():
        raise AssertionError("the notebook shows 'Error displaying widget':\n" + "\n".join(shown.all_inner_texts()))
    if console is not None:
        console.assert_no_widget_errors()


# --------------------------------------------------------------------------
# Notebook helpers (all work on the notebook panel with the given path, or on
# the current notebook when path is None)
# --------------------------------------------------------------------------

# Defines window.__jlabHarness (idempotent) with small helpers used below.
_JS_PRELUDE = r"""
() => {
  if (window.__jlabHarness) return true;
  const app = () => window.jupyterapp;
  const panel = (path) => {
    const a = app();
    if (!a) return null;
    if (!path) {
      const w = a.shell.currentWidget;
      return w && w.sessionContext && w.content && w.content.model ? w : null;
    }
    for (const w of Array.from(a.shell.widgets('main'))) {
      if (w.context && w.context.path === path && w.sessionContext) return w;
    }
    return null;
  };
  const status = (path) => {
    const a = app();
    if (!a) return 'no-app';
    const w = panel(path);
    if (!w) return 'no-notebook';
    if (!w.context.isReady) return 'context-not-ready';
    const sc = w.sessionContext;
    if (!sc.isReady) return 'session-not-ready';
    const k = sc.session && sc.session.kernel;
    if (!k) return 'no-kernel';
    if (k.connectionStatus !== 'connected') return 'kernel-' + k.connectionStatus;
    return k.status;
  };
  const withTimeout = (promise, ms, what) => Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(
      () => reject(new Error(what + ' timed out after ' + ms + ' ms')), ms)),
  ]);
  const activate = (w) => { app().shell.activateById(w.id); };
  window.__jlabHarness = { app, panel, status, withTimeout, activate };
  return true;
}
"""


def _js(page: Any, body: str, arg: Any = None) -> Any:
    page.evaluate(_JS_PRELUDE)
    return page.evaluate(body, arg)


def _dialog_text(page: Any) -> str | None:
    dialog = page.locator(".jp-Dialog")
    if dialog.count() and dialog.first.is_visible():
        return dialog.first.inner_text()
    return None


def _is_kernel_select_dialog(page: Any) -> bool:
    # Language independent: the body holds a <select> whose options are kernels.
    return bool(page.locator(".jp-Dialog .jp-Dialog-body select option[value*='\"name\"']").count())


def kernel_status(page: Any, path: str | None = None) -> str:
    """'idle', 'busy', 'starting', ... or a harness state like 'no-notebook'."""
    if not page.evaluate("() => !!window.jupyterapp"):
        return "no-app"
    return _js(page, "(path) => window.__jlabHarness.status(path)", path)


def wait_kernel_idle(
    page: Any,
    path: str | None = None,
    timeout: float = KERNEL_TIMEOUT,
    stable: float = 0.3,
) -> None:
    """Poll until the notebook's kernel is connected and 'idle' for ``stable`` s.

    Accepts the "Select Kernel" dialog if it shows up; any other dialog is an
    error (with its text), so a test never hangs on an unexpected modal.
    """
    deadline = time.monotonic() + timeout
    idle_since: float | None = None
    state = "?"
    while True:
        text = _dialog_text(page)
        if text is not None:
            if _is_kernel_select_dialog(page):
                page.locator(".jp-Dialog .jp-mod-accept").first.click()
            else:
                raise AssertionError(f"unexpected JupyterLab dialog:\n{text}")
        state = kernel_status(page, path)
        now = time.monotonic()
        if state == "idle":
            idle_since = idle_since or now
            if now - idle_since >= stable:
                return
        else:
            idle_since = None
        if now > deadline:
            raise TimeoutError(
                f"kernel not idle after {timeout:.0f} s (last state: {state!r}, notebook: {path or 'current'})"
            )
        time.sleep(0.1)


def open_notebook(
    page: Any,
    lab: LabServer,
    relpath: str | os.PathLike,
    *,
    factory: str | None = None,
    fresh_kernel: bool = True,
    timeout: float = KERNEL_TIMEOUT,
) -> str:
    """Open a notebook in a clean workspace; wait for its panel and an idle kernel.

    - ``.ipynb`` is opened by URL (``lab/tree/<path>?reset``); other files
      (Jupytext ``.md``/``.py``) or an explicit ``factory`` are opened with
      ``docmanager:open`` and ``factory`` (default ``"Jupytext Notebook"``).
    - ``fresh_kernel``: shut down an existing server session for this path
      first; otherwise JupyterLab silently reconnects to the old kernel (with
      the state of an earlier test).
    - The "Select Kernel" dialog (notebook without kernelspec) is accepted.

    Returns the path as JupyterLab knows it (relative to ``lab.root``); pass
    it as ``path`` to the other helpers when several notebooks are open.
    """
    rel = lab.relpath(relpath)
    if fresh_kernel:
        lab.shutdown_sessions(rel)
    by_url = factory is None and rel.endswith(".ipynb")
    page.goto(
        lab.notebook_url(rel, reset=True) if by_url else lab.lab_url(reset=True),
        wait_until="domcontentloaded",
    )
    # (wait_for_function does not await an async predicate: two steps.)
    page.wait_for_function("() => !!window.jupyterapp", timeout=timeout * 1000, polling=100)
    _js(
        page,
        "async (ms) => window.__jlabHarness.withTimeout(Promise.all(["
        "window.jupyterapp.started, window.jupyterapp.restored]).then(() => true),"
        " ms, 'JupyterLab start')",
        int(timeout * 1000),
    )
    if not by_url:
        _js(
            page,
            "async ([path, factory]) => { await window.jupyterapp.commands.execute("
            "'docmanager:open', {path, factory}); return true; }",
            [rel, factory or "Jupytext Notebook"],
        )
    deadline = time.monotonic() + timeout
    while kernel_status(page, rel) in ("no-app", "no-notebook"):
        if time.monotonic() > deadline:
            raise TimeoutError(f"notebook panel for {rel!r} did not open in {timeout:.0f} s")
        time.sleep(0.1)
    _js(page, "(p) => window.__jlabHarness.activate(window.__jlabHarness.panel(p))", rel)
    wait_kernel_idle(page, rel, timeout=max(1.0, deadline - time.monotonic()))
    page.locator(".jp-NotebookPanel:visible .jp-Notebook").first.wait_for(state="visible")
    return rel


def notebook_errors(page: Any, path: str | None = None) -> list[str]:
    """Error outputs (``ename: evalue`` + traceback) of the notebook's cells."""
    cells = _js(
        page,
        "(p) => window.__jlabHarness.panel(p).content.model.toJSON().cells",
        path,
    )
    found = []
    for i, cell in enumerate(cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                tb = "\n".join(out.get("traceback", []))
                tb = re.sub(r"\x1b\[[0-9;]*m", "", tb)  # strip ANSI colours
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}\n{tb}")
    return found


def _run_command(page: Any, command: str, path: str | None, timeout: float) -> Any:
    return _js(
        page,
        """async ([p, cmd, ms]) => {
          const h = window.__jlabHarness;
          const w = h.panel(p);
          if (!w) throw new Error('no notebook panel for ' + p);
          h.activate(w);
          return await h.withTimeout(h.app().commands.execute(cmd), ms, cmd);
        }""",
        [path, command, int(timeout * 1000)],
    )


def run_all(page: Any, path: str | None = None, timeout: float = RUN_TIMEOUT, check_errors: bool = True) -> None:
    """Run all cells (``notebook:run-all-cells``, resolves when every cell ran),
    then wait for the kernel to be idle.  With ``check_errors`` an error
    output in any cell fails with the traceback."""
    started = time.monotonic()
    _run_command(page, "notebook:run-all-cells", path, timeout)
    wait_kernel_idle(page, path, timeout=max(5.0, timeout - (time.monotonic() - started)))
    if check_errors:
        errors = notebook_errors(page, path)
        assert not errors, "cells raised errors:\n" + "\n".join(errors)


def run_cell(
    page: Any,
    index: int,
    path: str | None = None,
    timeout: float = RUN_TIMEOUT,
    check_errors: bool = True,
) -> None:
    """Select cell ``index`` (0-based, markdown counts) and run only that cell."""
    _js(
        page,
        "([p, i]) => { const w = window.__jlabHarness.panel(p);"
        " w.content.activeCellIndex = i; w.content.deselectAll(); }",
        [path, index],
    )
    _run_command(page, "notebook:run-cell", path, timeout)
    wait_kernel_idle(page, path)
    if check_errors:
        errors = notebook_errors(page, path)
        assert not errors, "cells raised errors:\n" + "\n".join(errors)


def clear_all_outputs(page: Any, path: str | None = None) -> None:
    _run_command(page, "notebook:clear-all-cell-outputs", path, 30)


def restart_kernel(page: Any, path: str | None = None, timeout: float = KERNEL_TIMEOUT) -> None:
    """Restart the kernel via ``sessionContext.restartKernel()`` (no dialog)
    and wait until the new kernel is idle."""
    _js(
        page,
        """async ([p, ms]) => {
          const h = window.__jlabHarness;
          await h.withTimeout(h.panel(p).sessionContext.restartKernel(), ms, 'restart');
          return true;
        }""",
        [path, int(timeout * 1000)],
    )
    wait_kernel_idle(page, path, timeout=timeout)


def restart_kernel_and_run_all(
    page: Any,
    path: str | None = None,
    timeout: float = RUN_TIMEOUT,
    clear: bool = True,
    check_errors: bool = True,
) -> None:
    """Restart the kernel, clear all outputs (so no stale widget views from the
    old kernel stay in the DOM) and run all cells again."""
    restart_kernel(page, path)
    if clear:
        clear_all_outputs(page, path)
    run_all(page, path, timeout=timeout, check_errors=check_errors)


def close_notebook(page: Any, path: str | None = None, save: bool = False, shutdown_kernel: bool = True) -> None:
    """Close the notebook tab without the "Save changes?" dialog.

    ``save=False`` (default) discards changes: the model is marked clean and
    the file on disk stays untouched (important for course notebooks in the
    repo).  ``save=True`` saves first.  The kernel is shut down by default.
    """
    _js(
        page,
        """async ([p, save, shutdown]) => {
          const w = window.__jlabHarness.panel(p);
          if (!w) return false;
          if (save) { await w.context.save(); } else { w.context.model.dirty = false; }
          if (shutdown && w.sessionContext.session) { await w.sessionContext.shutdown(); }
          w.close();
          return true;
        }""",
        [path, save, shutdown_kernel],
    )
    if path is not None:
        deadline = time.monotonic() + 10
        while kernel_status(page, path) != "no-notebook":
            if time.monotonic() > deadline:
                text = _dialog_text(page)
                raise TimeoutError(f"notebook {path!r} did not close" + (f": {text}" if text else ""))
            time.sleep(0.1)


def save_screenshot(page: Any, name: str, full_page: bool = False) -> Path:
    """Save a PNG into tests/browser/artifacts/ and print its path."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "screenshot"
    if not safe.endswith(".png"):
        safe += ".png"
    target = ARTIFACTS_DIR / safe
    page.screenshot(path=str(target), full_page=full_page)
    print(f"screenshot: {target}")
    return target


# --------------------------------------------------------------------------
# Saved answers and exercise screenshots
# --------------------------------------------------------------------------


def saved_value(folder: Path, exercise_id: str) -> dict | None:
    """The value the store holds for ``exercise_id`` in ``folder/antwoorden.json`` (None if absent)."""
    path = folder / "antwoorden.json"
    if not path.exists():
        return None
    entry = json.loads(path.read_text(encoding="utf-8"))["answers"].get(exercise_id)
    return entry["value"] if entry else None


def wait_saved(folder: Path, exercise_id: str, predicate: Any, timeout: float = 20) -> dict:
    """Poll the answers file until ``predicate(value)`` holds for ``exercise_id``; return that value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = saved_value(folder, exercise_id)
        except (OSError, ValueError):  # caught mid-replace
            value = None
        if value is not None and predicate(value):
            return value
        time.sleep(0.2)
    raise AssertionError(f"{exercise_id} was not saved as expected: {saved_value(folder, exercise_id)}")


def shot(page: Any, locator: Any, name: str) -> Path:
    """Screenshot of one exercise; the window grows first, so a tall exercise is not cut off."""
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    box = locator.bounding_box()
    if box and box["height"] + 150 > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": min(int(box["height"]) + 200, 8000)})
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    try:
        locator.scroll_into_view_if_needed()
        target = ARTIFACTS_DIR / f"{name}.png"
        locator.screenshot(path=str(target))
    finally:
        page.set_viewport_size(viewport)
    return target
