"""The first-cell bench under its older name: the same as ``bench/bench_import.py`` (issue 17, point 3), same options.

    .venv/bin/python bench/bench_first_cell.py [--rounds 15] [--exercise 01-quiz-open-vraag] [--compare /tmp/old/src]
"""

from __future__ import annotations

from bench_import import main  # bench/ is on the path when a script in it runs

if __name__ == "__main__":
    main()
