"""Print the cost of a lesson's first exercise cell against ``import ipywidgets`` plus one widget, as a ratio (goal <= 1.2).

The first exercise cell of a lesson is ``from cursuslib import show_exercise; show_exercise(...)``
(by default with the first exercise that ``notebooks/01_klantgesprek.ipynb`` shows). It is compared
with ``import ipywidgets as w; w.Button(description='x')``. Every case runs in a fresh interpreter;
Python's own start-up (an empty program) is subtracted from both. Bytecode is cached: the bench
removes ``PYTHONDONTWRITEBYTECODE`` and runs every case once before timing, which also fills
cursuslib's cache of loaded exercise files (in a temporary folder). Each run's figure is its CPU time
(user + system, from the child's rusage), far steadier than wall time on a shared machine; the
median of ``--rounds`` interleaved runs is reported (issue 17, point 3).

``--compare SRC`` also times the first cell of another checkout's ``src`` folder (for example
``git archive HEAD src exercises | tar -x -C /tmp/old``) in the same interleaved run, so both
ratios come from one run.

Run from the repository root::

    .venv/bin/python bench/bench_import.py [--rounds 15] [--exercise 01-quiz-open-vraag] [--compare /tmp/old/src]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LESSON = REPO / "notebooks" / "01_klantgesprek.ipynb"
BARE = "import ipywidgets as w\nw.Button(description='x')\n"
GOAL = 1.2


def first_exercise(notebook: Path = LESSON) -> str:
    """The id the lesson's first ``show_exercise(...)`` cell shows."""
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        found = re.search(r"show_exercise\(\s*['\"]([^'\"]+)", "".join(cell["source"]))
        if cell["cell_type"] == "code" and found:
            return found.group(1)
    raise SystemExit(f"no show_exercise(...) cell in {notebook}")


def cases(exercise: str) -> dict[str, str]:
    """The three programs: an empty one, bare ipywidgets with one widget and the course's first cell."""
    return {
        "python (leeg)": "pass",
        "ipywidgets + widget": BARE,
        "eerste cel cursus": f"from cursuslib import show_exercise\nshow_exercise({exercise!r})\n",
    }


def run(code: str, env: dict[str, str], cwd: str) -> float:
    """CPU time (user + system) of one fresh interpreter running ``code``."""
    process = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=cwd)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"the case failed with exit code {process.returncode}: {code!r}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--exercise", default="", help="exercise id (default: the first one lesson 01 shows)")
    parser.add_argument("--compare", default="", metavar="SRC", help="another checkout's src folder to time as well")
    args = parser.parse_args()
    exercise = args.exercise or first_exercise()
    scratch = Path(tempfile.mkdtemp(prefix="bench-eerste-cel-"))
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(CURSUSLIB_ANSWERS_DIR=str(scratch / "antwoorden"), CURSUSLIB_CACHE_DIR=str(scratch / "cache"))
    programs = {name: (code, env, str(REPO)) for name, code in cases(exercise).items()}
    if args.compare:
        other = Path(args.compare).resolve()
        programs["eerste cel vergelijking"] = (cases(exercise)["eerste cel cursus"],
                                               dict(env, PYTHONPATH=str(other)), str(other.parent))
    times: dict[str, list[float]] = {name: [] for name in programs}
    for code, case_env, cwd in programs.values():  # warm the file cache, write bytecode and fill the content cache
        run(code, case_env, cwd)
    for _ in range(args.rounds):  # interleaved, so machine noise hits every case alike
        for name, (code, case_env, cwd) in programs.items():
            times[name].append(run(code, case_env, cwd))
    median = {name: statistics.median(values) for name, values in times.items()}
    base = median["python (leeg)"]
    print(f"eerste cel: show_exercise({exercise!r})")
    for name, value in median.items():
        print(f"{name:24s} {value * 1000:7.1f} ms CPU (mediaan van {args.rounds})")
    for name in ("eerste cel cursus", "eerste cel vergelijking"):
        if name in median:
            ratio = (median[name] - base) / (median["ipywidgets + widget"] - base)
            print(f"{name} / ipywidgets + widget (zonder opstarten python): {ratio:.2f} (doel <= {GOAL})")


if __name__ == "__main__":
    main()
