"""A small intake scenario of our own (a hair salon), so the simulator's tests do not depend on the course text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cursuslib.content import Exercise, parse_exercise

SALON = (Path(__file__).parents[1] / "data" / "salon_intake.yaml").read_text(encoding="utf-8")


@pytest.fixture
def salon() -> Exercise:
    """The salon intake, validated like an exercise from a lesson file."""
    return parse_exercise(yaml.safe_load(SALON), lesson="09_test", source="09_test.yaml", position=1)
