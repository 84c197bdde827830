"""Accuracy of the engine on labelled TSV files (questions, sentences, rewrites), for tests and benchmarks."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .positive_language import positivity
from .questions import question_kind
from .rewrite import rewrite_feedback

__all__ = ["TASKS", "Score", "load_rows", "score_dir", "score_file"]

TASKS = ("questions", "sentences", "rewrites")


@dataclass(frozen=True, slots=True)
class Score:
    """Accuracy of one task on one file, with the misclassified rows."""

    task: str
    correct: int
    total: int
    misses: tuple[tuple[str, str, str], ...]  # (text, expected, predicted)

    @property
    def accuracy(self) -> float:
        """Share of rows labelled correctly (0.0 for an empty file)."""
        return self.correct / self.total if self.total else 0.0


def load_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 TSV file with a header line."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: (v or "") for k, v in row.items()} for row in csv.DictReader(fh, delimiter="\t")]


def _predict(task: str, row: dict[str, str]) -> tuple[str, str]:
    if task == "questions":
        return row["text"], question_kind(row["text"]).kind
    if task == "sentences":
        return row["text"], "positive" if positivity(row["text"]).positive else "negative"
    result = rewrite_feedback(row["original"], row["rewrite"])
    return f"{row['original']} => {row['rewrite']}", "improved" if result.improved else "not_improved"


def score_file(task: str, path: Path) -> Score:
    """Score ``task`` ("questions", "sentences" or "rewrites") on the labelled file ``path``."""
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}")
    rows = load_rows(path)
    misses = []
    correct = 0
    for row in rows:
        shown, predicted = _predict(task, row)
        if predicted == row["label"].strip():
            correct += 1
        else:
            misses.append((shown, row["label"], predicted))
    return Score(task, correct, len(rows), tuple(misses))


def score_dir(folder: Path) -> dict[str, Score]:
    """Scores for every task whose ``<task>.tsv`` exists in ``folder``."""
    return {task: score_file(task, folder / f"{task}.tsv") for task in TASKS if (folder / f"{task}.tsv").is_file()}
