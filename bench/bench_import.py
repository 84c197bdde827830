"""Print the import time of cursuslib against bare ipywidgets, as a ratio measured in one run (goal <= 1.2)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

ROUNDS = 15
CASES = {
    "python (leeg)": "pass",
    "ipywidgets": "import ipywidgets",
    "cursuslib": "import cursuslib; from cursuslib import widgets, content, store",
}


def run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    times: dict[str, list[float]] = {name: [] for name in CASES}
    for code in CASES.values():  # warm the file cache once
        run(code)
    for _ in range(ROUNDS):  # interleaved, so machine noise hits every case alike
        for name, code in CASES.items():
            times[name].append(run(code))
    median = {name: statistics.median(values) for name, values in times.items()}
    base = median["python (leeg)"]
    for name, value in median.items():
        print(f"{name:15s} {value * 1000:7.1f} ms (mediaan van {ROUNDS})")
    ratio = (median["cursuslib"] - base) / (median["ipywidgets"] - base)
    print(f"importtijd cursuslib / ipywidgets (zonder opstarten python): {ratio:.2f} (doel <= 1.2)")


if __name__ == "__main__":
    main()
