"""Where the course's exercises and a student's answers live on disk."""

from __future__ import annotations

import os
from pathlib import Path

#: Environment variable that points the answer store at a folder (tests always set it).
ANSWERS_ENV = "CURSUSLIB_ANSWERS_DIR"
#: Environment variable that points at the folder with the exercise files.
EXERCISES_ENV = "CURSUSLIB_EXERCISES_DIR"
#: Folder name of the default answer folder, next to ``notebooks/`` and ``exercises/``.
ANSWERS_FOLDER = "antwoorden"


def course_root(start: Path | None = None) -> Path | None:
    """Return the nearest folder at or above ``start`` (default: cwd) that holds ``exercises/``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "exercises").is_dir():
            return folder
    return None


def exercises_dir() -> Path:
    """Return the folder with the exercise files (``$CURSUSLIB_EXERCISES_DIR`` or ``<course>/exercises``)."""
    configured = os.environ.get(EXERCISES_ENV)
    if configured:
        return Path(configured).expanduser()
    root = course_root()
    return (root / "exercises") if root else Path.cwd() / "exercises"


def answers_dir() -> Path:
    """Return the answer folder (``$CURSUSLIB_ANSWERS_DIR`` or ``<course>/antwoorden``)."""
    configured = os.environ.get(ANSWERS_ENV)
    if configured:
        return Path(configured).expanduser()
    root = course_root()
    return (root or Path.home()) / ANSWERS_FOLDER
