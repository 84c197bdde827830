"""Fixtures for headless widget tests: exercises built from small YAML snippets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cursuslib import messages
from cursuslib.content import Exercise, parse_exercise


def strip_tags(html: str) -> str:
    """Return the visible text of an HTML snippet (what a student reads)."""
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def make_exercise():
    """Build a validated exercise from a YAML mapping."""

    def build(text: str) -> Exercise:
        return parse_exercise(yaml.safe_load(text), lesson="09_test", source="09_test.yaml", position=1)

    return build


@pytest.fixture
def store(answers_dir: Path):
    from cursuslib.store import AnswerStore

    return AnswerStore(answers_dir)


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch):
    """Show the widgets in English (``CURSUSLIB_TAAL=en``), and back to the setting afterwards."""
    monkeypatch.setenv(messages.LANGUAGE_ENV, "en")
    messages.set_language(None)
    yield
    messages.set_language(None)
