"""Print the cost of a lesson's first exercise cell against bare ipywidgets, as a ratio measured in one run.

The first exercise cell of a lesson is ``from cursuslib import show_exercise; show_exercise(...)``.
It is compared with ``import ipywidgets`` plus building one comparable widget (a radio-button
question with a check button). Python's own start-up is subtracted from both; bytecode is cached
(every case runs once before timing). Each case's CPU time (user + system, from the child's
rusage) is the figure: it is far steadier than wall time on a shared machine; the median of
``--rounds`` interleaved runs is reported. Goal: <= 1.2 (issue 17); it must not get worse.

``--compare SRC`` also times the first cell of another checkout's ``src`` folder (for example an
older commit in a git worktree) in the same interleaved run, so both ratios come from one run.

Run from the repository root::

    .venv/bin/python bench/bench_first_cell.py [--rounds 15] [--exercise 01-quiz-open-vraag] [--compare ../old/src]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BARE = (
    "import ipywidgets as w\n"
    "w.VBox([w.HTML('<h3>Vraag</h3>'), w.RadioButtons(options=[('Een', 'a'), ('Twee', 'b'), ('Drie', 'c')], "
    "value=None), w.Button(description='Controleer'), w.HTML('')])\n"
)


def cases(exercise: str) -> dict[str, str]:
    """The three programs: an empty one, bare ipywidgets and the course's first cell."""
    return {
        "python (leeg)": "pass",
        "ipywidgets + widget": BARE,
        "eerste cel cursus": f"from cursuslib import show_exercise\nshow_exercise({exercise!r})\n",
    }


def run(code: str, env: dict[str, str], cwd: str | None = None) -> float:
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
    parser.add_argument("--exercise", default="01-quiz-open-vraag")
    parser.add_argument("--compare", default="", metavar="SRC", help="another checkout's src folder to time as well")
    args = parser.parse_args()
    env = dict(os.environ, CURSUSLIB_ANSWERS_DIR=tempfile.mkdtemp(prefix="bench-eerste-cel-"))
    programs = {name: (code, env, None) for name, code in cases(args.exercise).items()}
    if args.compare:
        other = str(Path(args.compare).resolve())
        programs["eerste cel vergelijking"] = (cases(args.exercise)["eerste cel cursus"],
                                               dict(env, PYTHONPATH=other), str(Path(other).parent))
    times: dict[str, list[float]] = {name: [] for name in programs}
    for code, case_env, cwd in programs.values():  # warm the file cache and write the bytecode once
        run(code, case_env, cwd)
    for _ in range(args.rounds):  # interleaved, so machine noise hits every case alike
        for name, (code, case_env, cwd) in programs.items():
            times[name].append(run(code, case_env, cwd))
    median = {name: statistics.median(values) for name, values in times.items()}
    base = median["python (leeg)"]
    for name, value in median.items():
        print(f"{name:24s} {value * 1000:7.1f} ms CPU (mediaan van {args.rounds})")
    for name in ("eerste cel cursus", "eerste cel vergelijking"):
        if name in median:
            ratio = (median[name] - base) / (median["ipywidgets + widget"] - base)
            print(f"{name} / ipywidgets + widget (zonder opstarten python): {ratio:.2f} (doel <= 1.2)")


if __name__ == "__main__":
    main()
