"""Fixtures for the hub test: the npm proxy, and the course as a git repository a teacher pushes to."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from .hubserver import find_proxy

REPO = Path(__file__).resolve().parents[2]
TEACHER = ["-c", "user.name=Docent", "-c", "user.email=docent@school.invalid"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "hub: starts a real JupyterHub on 127.0.0.1 (needs jupyterhub and npm's proxy)")


def _unavailable(reason: str) -> None:
    """Skip locally; fail under CI=true (so CI can never go green by skipping)."""
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} (CI=true: the hub test must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def proxy() -> Path:
    """The configurable-http-proxy from npm, with jupyterhub and nbgitpuller installed next to it."""
    try:
        import jupyterhub  # noqa: F401
        import nbgitpuller  # noqa: F401
    except ImportError:
        _unavailable("jupyterhub or nbgitpuller is not installed: pip install -r requirements-test.txt")
    found = find_proxy()
    if found is None:
        _unavailable("configurable-http-proxy not found in the venv: run `make install-test` (it fetches it with npm)")
    return found


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True, timeout=60).stdout


@dataclass
class Course:
    """The course as a teacher has it: a working copy that pushes to ``remote`` (what the link's ``repo`` names)."""

    teacher: Path
    remote: Path

    @property
    def url(self) -> str:
        return self.remote.as_uri()

    def publish(self, message: str) -> None:
        """Commit every change in the teacher's copy and push it, as a teacher updating the course does."""
        git(*TEACHER, "commit", "-qam", message, cwd=self.teacher)
        git("push", "-q", "origin", "main", cwd=self.teacher)


@pytest.fixture
def course(tmp_path: Path) -> Course:
    """The course as it is in this working tree, committed to a fresh repository with a bare copy as the remote."""
    teacher = tmp_path / "docent" / "klantgesprekken"
    remote = tmp_path / "git" / "klantgesprekken"  # no .git suffix: nbgitpuller names the folder after it
    listed = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO).split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():  # not a file deleted but not yet committed
            (teacher / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, teacher / name)
    git("init", "-q", "-b", "main", cwd=teacher)
    git("add", "-A", cwd=teacher)
    git(*TEACHER, "commit", "-qm", "De cursus", cwd=teacher)
    git("clone", "-q", "--bare", str(teacher), str(remote), cwd=tmp_path)
    git("remote", "add", "origin", str(remote), cwd=teacher)
    return Course(teacher=teacher, remote=remote)
