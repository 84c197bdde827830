"""Print the cost of a lesson's first exercise cell against bare ipywidgets, as a ratio measured in one run.

The first exercise cell of a lesson is ``from cursuslib import show_exercise; show_exercise(...)``.
It is compared with ``import ipywidgets`` plus building one comparable widget (a radio-button
question with a check button). Python's own start-up is subtracted from both; bytecode is cached
(every case runs once before timing). Goal: <= 1.2 (issue 17); it must not get worse than 1.49.

Run from the repository root::

    .venv/bin/python bench/bench_first_cell.py [--rounds 15] [--exercise 01-quiz-open-vraag]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

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


def run(code: str, env: dict[str, str]) -> float:
    """Wall time of one fresh interpreter running ``code``."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--exercise", default="01-quiz-open-vraag")
    args = parser.parse_args()
    env = dict(os.environ, CURSUSLIB_ANSWERS_DIR=tempfile.mkdtemp(prefix="bench-eerste-cel-"))
    programs = cases(args.exercise)
    times: dict[str, list[float]] = {name: [] for name in programs}
    for code in programs.values():  # warm the file cache and write the bytecode once
        run(code, env)
    for _ in range(args.rounds):  # interleaved, so machine noise hits every case alike
        for name, code in programs.items():
            times[name].append(run(code, env))
    median = {name: statistics.median(values) for name, values in times.items()}
    base = median["python (leeg)"]
    for name, value in median.items():
        print(f"{name:22s} {value * 1000:7.1f} ms (mediaan van {args.rounds})")
    ratio = (median["eerste cel cursus"] - base) / (median["ipywidgets + widget"] - base)
    print(f"eerste cel / ipywidgets + widget (zonder opstarten python): {ratio:.2f} (doel <= 1.2, was 1.49)")


if __name__ == "__main__":
    main()
