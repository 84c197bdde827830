"""Accuracy on the labelled development set (shared/taaldata) and on our own held-out examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from cursuslib.language.evaluate import score_file

REPO = Path(__file__).resolve().parents[2]
DEV = REPO.parent / "shared" / "taaldata"
OWN = Path(__file__).resolve().parent / "data"
TARGETS = {"questions": 0.97, "sentences": 0.92, "rewrites": 0.92}


@pytest.mark.parametrize("task", sorted(TARGETS))
def test_dev_set_accuracy_meets_target(task: str) -> None:
    path = DEV / f"{task}.tsv"
    if not path.is_file():
        pytest.skip(f"development set {path} is not available")
    score = score_file(task, path)
    assert score.total > 0
    assert score.accuracy >= TARGETS[task], score.misses


@pytest.mark.parametrize("task", sorted(TARGETS))
def test_own_held_out_accuracy_meets_target(task: str) -> None:
    score = score_file(task, OWN / f"{task}.tsv")
    assert score.total >= (20 if task == "rewrites" else 40)
    assert score.accuracy >= TARGETS[task], score.misses
