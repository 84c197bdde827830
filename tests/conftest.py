"""Test set-up: answers always go to a temporary folder, never into the source tree."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    """Point the store at a throw-away folder before any notebook kernel starts."""
    if not os.environ.get("CURSUSLIB_ANSWERS_DIR"):
        os.environ["CURSUSLIB_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="cursus-antwoorden-")
    os.environ.setdefault("CURSUSLIB_EXERCISES_DIR", str(REPO / "exercises"))
    # the cache of checked exercise files: a fresh one per test run, not the user's own
    os.environ.setdefault("CURSUSLIB_CACHE_DIR", tempfile.mkdtemp(prefix="cursus-cache-"))
    # Property tests judge behaviour, not speed (speed lives in bench/): on a busy 2-core machine Hypothesis's
    # time limits failed tests whose every example was right.
    from hypothesis import HealthCheck, settings

    settings.register_profile("cursus", deadline=None, suppress_health_check=[HealthCheck.too_slow])
    settings.load_profile("cursus")


@pytest.fixture(autouse=True)
def answers_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give every test its own empty answers folder."""
    folder = tmp_path / "antwoorden"
    monkeypatch.setenv("CURSUSLIB_ANSWERS_DIR", str(folder))
    return folder
