"""A real JupyterHub on 127.0.0.1 for tests: start it, act as a student through it, stop every process it started.

The hub uses the DummyAuthenticator (one password for everyone) and the SimpleLocalProcessSpawner: every
student's server runs as the current user, in its own home folder under ``homes/``. The proxy is the npm
``configurable-http-proxy`` that ``make install-test`` puts in the venv.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urljoin, urlsplit

import requests
from kernel_channel import run_code

VENV = Path(sys.prefix)
PASSWORD = "proef-wachtwoord"
SERVICE = "cursus-test"
# What a single-user server logs when the hub's part of it fails (it then keeps running, unreachable).
SERVER_BROKEN = "Failed to load JupyterHubSingleUser server extension"


class Deadline:
    """The time left for the whole test, so that no single step can wait past it."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self, cap: float | None = None) -> float:
        """Seconds left (at most ``cap``); raise once the time is up."""
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError("the hub test ran out of time")
        return min(left, cap) if cap else left


def find_proxy() -> Path | None:
    """``$CONFIGURABLE_HTTP_PROXY``, else the copy ``make install-test`` fetched with npm into the venv."""
    configured = os.environ.get("CONFIGURABLE_HTTP_PROXY")
    if configured:
        return Path(configured) if os.access(configured, os.X_OK) else None
    found = sorted(VENV.glob("configurable-http-proxy-*/node_modules/.bin/configurable-http-proxy"))
    return found[-1] if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _started(pid: int) -> tuple[int, int] | None:
    """(parent pid, start time) of a running process, from /proc; None when it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    rest = stat.rsplit(")", 1)[1].split()  # the command name may hold spaces and parentheses
    return int(rest[1]), int(rest[19])


def _descendants(root: int) -> list[tuple[int, int]]:
    """Every process below ``root`` (also those in their own session), as (pid, start time)."""
    children: dict[int, list[tuple[int, int]]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (info := _started(int(entry.name))):
            children.setdefault(info[0], []).append((int(entry.name), info[1]))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child[0])
    return found


def hub_config(*, root: Path, homes: Path, proxy: Path, token: str, course_part: str) -> tuple[str, str]:
    """The text of a test ``jupyterhub_config.py`` around the course's own lines, and the hub's public URL."""
    public, api, hub = _free_port(), _free_port(), _free_port()
    spawner_args = ["--allow-root"] if os.geteuid() == 0 else []  # as root, as in this container
    test_part = f"""
# --- only for the test: loopback ports, test login, one home folder per student, the npm proxy
c.JupyterHub.bind_url = {f"http://127.0.0.1:{public}"!r}
c.JupyterHub.hub_bind_url = {f"http://127.0.0.1:{hub}"!r}
c.ConfigurableHTTPProxy.api_url = {f"http://127.0.0.1:{api}"!r}
c.ConfigurableHTTPProxy.command = [{str(proxy)!r}]
c.JupyterHub.db_url = {f"sqlite:///{root / 'jupyterhub.sqlite'}"!r}
c.JupyterHub.cookie_secret_file = {str(root / 'jupyterhub_cookie_secret')!r}
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = {str(homes / "{username}")!r}
c.Spawner.cmd = [{str(VENV / "bin" / "jupyterhub-singleuser")!r}]
c.Spawner.args = {spawner_args!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
c.JupyterHub.services = [{{"name": {SERVICE!r}, "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{"name": {SERVICE!r}, "services": [{SERVICE!r}],
                             "scopes": ["admin:users", "admin:servers", "access:servers"]}}]
"""
    return f"c = get_config()  # noqa: F821\n\n{course_part}\n{test_part}", f"http://127.0.0.1:{public}"


@dataclass
class Hub:
    """A running JupyterHub: its public URL, an admin token for its REST API, its folder and log."""

    url: str
    token: str
    root: Path
    process: subprocess.Popen[bytes]
    log: Path

    @classmethod
    def start(cls, root: Path, *, proxy: Path, course_part: str, deadline: Deadline) -> Hub:
        """Write the config into ``root``, start the hub in its own process group, wait until it answers."""
        token = uuid.uuid4().hex
        (root / "homes").mkdir(parents=True)
        config, url = hub_config(root=root, homes=root / "homes", proxy=proxy, token=token, course_part=course_part)
        (root / "jupyterhub_config.py").write_text(config, encoding="utf-8")
        # The spawner passes on only PATH, LANG and a few more; drop ours anyway, so that nothing of the test
        # (such as the test's answers folder) can reach a student's server.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CURSUSLIB_", "JUPYTER"))}
        env["PATH"] = f"{VENV / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        log = root / "hub.log"
        with log.open("wb") as out:
            process = subprocess.Popen([str(VENV / "bin" / "jupyterhub"), "-f", str(root / "jupyterhub_config.py")],
                                       cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        hub = cls(url=url, token=token, root=root, process=process, log=log)
        try:
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"JupyterHub stopped at start-up:\n{hub.log_tail()}")
                try:
                    if requests.get(f"{url}/hub/api/", timeout=2).status_code == 200:
                        return hub
                except requests.ConnectionError:
                    pass
                deadline.left()
                time.sleep(0.2)
        except BaseException:
            hub.stop()
            raise

    def log_tail(self, chars: int = 6000) -> str:
        return self.log.read_text(errors="replace")[-chars:] if self.log.exists() else ""

    def api(self, path: str, method: str = "GET", **kwargs: Any) -> requests.Response:
        """Call the hub's REST API with the admin token."""
        return requests.request(method, f"{self.url}/hub/api/{path}", timeout=30,
                                headers={"Authorization": f"token {self.token}"}, **kwargs)

    def wait_for_server(self, name: str, deadline: Deadline) -> None:
        """Wait until ``name``'s server is ready (the hub's own view, as its spawn-pending page polls it)."""
        while True:
            server = self.api(f"users/{name}").json().get("servers", {}).get("")
            if server and server.get("ready"):
                return
            if not server or SERVER_BROKEN in self.log_tail(20000):  # no need to wait for the hub's http_timeout
                raise RuntimeError(f"{name}'s server did not start:\n{self.log_tail(3000)}")
            deadline.left()
            time.sleep(0.3)

    def stop(self, grace: float = 15) -> None:
        """Stop the hub (it stops the proxy and the students' servers), then kill whatever of it is left."""
        family = _descendants(self.process.pid)
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        for pid, started in family:
            info = _started(pid)
            if info and info[1] == started:  # still the same process, not a reused pid
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def _form_value(html: str, name: str) -> str:
    found = re.search(rf'name="{name}"\s+value="([^"]*)"', html)
    assert found, f"no form field {name!r} on the page"
    return unescape(found.group(1))


@dataclass
class Student:
    """A student with a browser session on the hub (cookies), who clicks links and runs code in a notebook."""

    hub: Hub
    name: str
    web: requests.Session = field(default_factory=requests.Session)

    @property
    def server(self) -> str:
        return f"{self.hub.url}/user/{self.name}/"

    @property
    def home(self) -> Path:
        return self.hub.root / "homes" / self.name

    def _xsrf(self) -> str:
        return self.web.cookies.get("_xsrf", path=f"/user/{self.name}/") or ""

    def open_link(self, link: str, deadline: Deadline) -> requests.Response:
        """Follow a link as the browser would: log in, start the server if the hub asks, end on nbgitpuller's page."""
        page = self.web.get(link, timeout=deadline.left(30))
        if urlsplit(page.url).path.endswith("/hub/login"):
            page = self.web.post(page.url, timeout=deadline.left(60), data={
                "username": self.name, "password": PASSWORD, "_xsrf": _form_value(page.text, "_xsrf")})
        if page.status_code == 424:  # "Server not running": its button (or implicit_spawn_seconds) starts it
            start = re.search(r'id="start"[^>]*href="([^"]+)"', page.text, re.S)
            assert start, f"no start button on the hub's page:\n{page.text[:2000]}"
            page = self.web.get(urljoin(page.url, unescape(start.group(1))), timeout=deadline.left(60))
        if "/hub/spawn-pending/" in page.url:  # slow start: the page waits for the server, then goes on
            self.hub.wait_for_server(self.name, deadline)
            target = parse_qs(urlsplit(page.url).query)["next"][0]
            page = self.web.get(urljoin(page.url, target), timeout=deadline.left(30))
        assert page.status_code == 200 and "data-repo=" in page.text, (
            f"the link did not end on nbgitpuller's page: {page.status_code} {page.url}\n{self.hub.log_tail()}")
        return page

    def pull(self, link: str, deadline: Deadline) -> str:
        """Click an nbgitpuller link and do what its page's script does: sync, then open ``urlpath``."""
        page = self.open_link(link, deadline)
        data = {key: unquote(value) for key, value in re.findall(r'data-([\w-]+)="([^"]*)"', page.text)}
        params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
        params |= {key: data[key] for key in ("depth", "branch", "backup") if key in data}
        base = urljoin(self.hub.url, data["base-url"])
        output, phase = [], None
        with self.web.get(f"{base}git-pull/api?{urlencode(params)}", stream=True, timeout=deadline.left(60)) as sync:
            assert sync.status_code == 200, f"git-pull/api: {sync.status_code} {sync.text[:2000]}"
            for line in sync.iter_lines(decode_unicode=True):
                deadline.left()
                if not line or not line.startswith("data: "):
                    continue
                event = json.loads(line.removeprefix("data: "))
                output.append(event.get("output", ""))
                phase = event.get("phase")
                if phase in ("finished", "error"):
                    break
        log = "".join(output)
        event = event if output else {}
        assert phase == "finished", f"nbgitpuller did not finish ({phase}):\n{event.get('message')}\n{log}"
        landing = self.web.get(urljoin(base, data["path"]), timeout=deadline.left(30))
        assert landing.status_code == 200, f"after the pull, {landing.url} gave {landing.status_code}"
        return log

    def api(self, path: str, method: str = "GET", **kwargs: Any) -> requests.Response:
        """Call the student's own Jupyter server as JupyterLab does (session cookie plus XSRF header)."""
        response = self.web.request(method, f"{self.server}api/{path}", timeout=30,
                                    headers={"X-XSRFToken": self._xsrf()}, **kwargs)
        assert response.ok, f"{method} {path}: {response.status_code} {response.text[:2000]}"
        return response

    def run_in_notebook(self, notebook: str, code: str, deadline: Deadline) -> str:
        """Open ``notebook`` (a kernel in the student's server, started in the notebook's folder) and run ``code``."""
        session = self.api("sessions", "POST", json={"path": notebook, "type": "notebook", "name": notebook,
                                                      "kernel": {"name": "python3"}}).json()
        try:
            url = f"{self.server.replace('http', 'ws', 1)}api/kernels/{session['kernel']['id']}/channels"
            cookies = requests.cookies.get_cookie_header(self.web.cookies, requests.Request("GET", url.replace(
                "ws", "http", 1)).prepare())
            headers = {"Cookie": cookies or "", "X-XSRFToken": self._xsrf()}
            return run_code(url, code, headers=headers, timeout=deadline.left(60))
        finally:
            self.api(f"sessions/{session['id']}", "DELETE")
