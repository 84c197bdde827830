"""The package's shape: every module imports on its own, and every module sits in a layer of the import contract."""

from __future__ import annotations

import ast
import os
import pkgutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import cursuslib

REPO = Path(__file__).resolve().parents[1]


def all_modules() -> list[str]:
    """Every module and package of cursuslib, by its dotted name."""
    found = ["cursuslib"]
    for info in pkgutil.walk_packages(cursuslib.__path__, prefix="cursuslib."):
        found.append(info.name)
    return sorted(found)


def import_alone(name: str) -> tuple[str, int, str]:
    """Import ``name`` first thing in a fresh interpreter; return its exit code and error output."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True, env=env,
                          timeout=120)
    return name, done.returncode, done.stderr[-2000:]


def test_every_module_imports_on_its_own_in_a_fresh_interpreter() -> None:
    modules = all_modules()
    assert "cursuslib.types.choice" in modules and "cursuslib.documents.render" in modules
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(import_alone, modules))
    failed = [f"{name}:\n{error}" for name, code, error in results if code != 0]
    assert not failed, "\n\n".join(failed)


def layers() -> list[set[str]]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [{part.strip() for part in layer.replace(":", "|").split("|")} for layer in contract["layers"]]


def test_every_top_level_module_is_in_a_layer() -> None:
    """A new module of cursuslib has to be given its place in the layers, or the contract would not check it."""
    placed = set().union(*layers())
    top = {".".join(name.split(".")[:2]) for name in all_modules() if name != "cursuslib"}
    assert top - placed == set(), "put these modules in a layer in pyproject.toml [tool.importlinter]"
    assert placed - top == set(), "these layers name modules that do not exist"


@pytest.mark.parametrize(("lower", "higher"), [
    ("cursuslib.schema", "cursuslib.content"), ("cursuslib.content", "cursuslib.language"),
    ("cursuslib.language", "cursuslib.types"), ("cursuslib.types", "cursuslib.store"),
    ("cursuslib.store", "cursuslib.widgets"), ("cursuslib.store", "cursuslib.documents"),
    ("cursuslib.widgets", "cursuslib.cli")])
def test_the_layers_keep_the_course_order(lower: str, higher: str) -> None:
    """content/schema -> language -> types -> store -> widgets/documents -> cli: the pure parts stay below."""
    position = {name: number for number, layer in enumerate(layers()) for name in layer}
    assert position[lower] > position[higher], f"{lower} must be a lower layer than {higher}"


FIRST_CELL = ("import sys\nfrom cursuslib import show_exercise\nshow_exercise({exercise!r})\n"
              "print(sorted(name for name in sys.modules if name.split('.')[0] in ('jinja2', 'yaml', 'cursuslib')))")


def first_cell_modules(exercise: str, tmp_path: Path) -> set[str]:
    """The modules of cursuslib, jinja2 and yaml that a lesson's first cell imports, with a filled cache."""
    env = dict(os.environ, CURSUSLIB_ANSWERS_DIR=str(tmp_path / "antwoorden"), CURSUSLIB_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("CURSUSLIB_EXERCISES_DIR", None)
    code = FIRST_CELL.format(exercise=exercise)
    for _ in range(2):  # the first run fills the cache, as the first kernel after installing does
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO,
                              timeout=120)
        assert done.returncode == 0, done.stderr
    return set(ast.literal_eval(done.stdout.strip().splitlines()[-1]))


#: What every first cell may import: the loader, the store, the base of types and widgets (no documents, no engine).
FIRST_CELL_BASE = {
    "cursuslib", "cursuslib.cache", "cursuslib.content", "cursuslib.dates", "cursuslib.messages", "cursuslib.paths",
    "cursuslib.registry", "cursuslib.schema", "cursuslib.store", "cursuslib.text", "cursuslib.types",
    "cursuslib.types.base", "cursuslib.types.state", "cursuslib.widgets", "cursuslib.widgets.base"}


@pytest.mark.parametrize(("exercise", "own"), [
    ("01-quiz-open-vraag", {"cursuslib.types.choice", "cursuslib.widgets.choice"}),
    ("01-voorbereiding-sorteren", {"cursuslib.types.items", "cursuslib.types.sort", "cursuslib.widgets.items",
                                   "cursuslib.widgets.sort"})])
def test_a_lessons_first_cell_imports_only_its_own_type_and_parses_no_yaml(
        exercise: str, own: set[str], tmp_path: Path) -> None:
    """With the cache filled, the first cell parses no YAML (no yaml module), imports only the shown type and its
    widget, no template engine (jinja2 loads when a document is made), no language engine (when a text is judged)
    and no document blocks (issue 17, point 3; bench/bench_import.py times it)."""
    assert first_cell_modules(exercise, tmp_path) == FIRST_CELL_BASE | own
