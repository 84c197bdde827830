"""Print how well the intake simulator understands student lines, and how long a turn takes.

The labelled lines in ``tests/data/intake/`` were written by hand from the topic list of ``01-intake`` only,
without seeing the scenario or the engine (see its README). Per row: the topic the line is about (or ``-``)
and what kind of line it is. A row counts as right when

- an open question reveals exactly its topic (the topic's condition is made true first, as in ``cursus check``);
- a closed question touches its topic (a short answer) and reveals nothing;
- a line about no topic reveals and touches nothing;
- a summary, a solution or another line gets that kind.

Run from the repository root::

    .venv/bin/python bench/bench_intake.py [--holdout] [--wrong]
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from cursuslib.content import find_exercise  # noqa: E402
from cursuslib.simulator.checks import ready_conversation  # noqa: E402
from cursuslib.simulator.conversation import Conversation  # noqa: E402

DATA = ROOT / "tests" / "data" / "intake"
EXERCISE = "01-intake"
#: The goal for open questions that reveal the right topic (the issue asks to match meaning, not sentences).
GOAL = 0.85


def rows(name: str) -> list[dict[str, str]]:
    """The labelled rows of ``tests/data/intake/<name>.tsv``."""
    with (DATA / f"{name}.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def right(row: dict[str, str], exercise) -> tuple[bool, str]:  # type: ignore[no-untyped-def]
    """Whether the simulator handles the row as labelled, and what it did."""
    topic = exercise.data and next((t for t in exercise.data["topics"] if t.id == row["topic"]), None)
    conversation = ready_conversation(exercise, topic) if topic is not None else Conversation(exercise)
    turn = conversation.say(row["text"])
    did = f"{turn.kind} onthuld={','.join(turn.revealed) or '-'} kort={','.join(turn.touched) or '-'}"
    kind = row["kind"]
    if kind == "open":
        ok = turn.revealed == (row["topic"],) if topic else not turn.revealed and not turn.touched
    elif kind == "gesloten":
        ok = (row["topic"] in turn.touched and not turn.revealed) if topic else not turn.revealed and not turn.touched
    else:
        ok = turn.kind == kind and not turn.revealed
    return ok, did


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holdout", action="store_true", help="the held-out rows (holdout_01.tsv)")
    parser.add_argument("--wrong", action="store_true", help="list the rows handled differently than labelled")
    args = parser.parse_args()
    exercise = find_exercise(EXERCISE)
    table = rows("holdout_01" if args.holdout else "questions_01")
    per_kind: dict[str, list[bool]] = defaultdict(list)
    per_topic: dict[str, list[bool]] = defaultdict(list)
    for row in table:
        ok, did = right(row, exercise)
        per_kind[row["kind"]].append(ok)
        if row["kind"] == "open":
            per_topic[row["topic"]].append(ok)
        if args.wrong and not ok:
            print(f"  fout [{row['kind']}/{row['topic']}] {row['text']}  ->  {did}")
    total = [ok for oks in per_kind.values() for ok in oks]
    print(f"{'holdout' if args.holdout else 'eigen set'}: {sum(total)}/{len(total)} rijen goed ({sum(total) / len(total):.3f})")
    for kind, oks in sorted(per_kind.items()):
        print(f"  {kind:13s} {sum(oks) / len(oks):.3f} ({sum(oks)}/{len(oks)})")
    print("  open vragen per onderwerp:")
    for topic, oks in sorted(per_topic.items()):
        print(f"    {topic:20s} {sum(oks) / len(oks):.2f} ({sum(oks)}/{len(oks)})")
    opened = per_kind.get("open", [])
    share = sum(opened) / len(opened) if opened else 0.0
    print(f"open vragen die het juiste onderwerp onthullen: {share:.3f} (doel >= {GOAL})")
    # Speed: a whole conversation of every row in a row, warm, per turn.
    lines = [row["text"] for row in table]
    Conversation(exercise).say(lines[0])  # the first turn loads the rule files
    runs = []
    for _ in range(5):
        conversation = Conversation(exercise)
        start = time.perf_counter()
        for line in lines:
            if conversation.closed:
                conversation = Conversation(exercise)
            conversation.say(line)
        runs.append((time.perf_counter() - start) / len(lines) * 1000)
    print(f"tijd per beurt: mediaan {statistics.median(runs):.2f} ms, traagste run {max(runs):.2f} ms (doel <= 5 ms)")


if __name__ == "__main__":
    main()
