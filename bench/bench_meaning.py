"""Print how well the feedback engine judges the course's own labelled sets, per set and per reason.

The sets in ``tests/data/`` were written fresh for this (see ``tests/data/LABELS*.md``): summaries
and follow-ups on customer statements, replies to angry messages and rewrites of negative
sentences. Each row has a label (what the verdict must be) and a reason (why); the figure per
reason shows which class of answers the engine gets wrong. The engine is called exactly as from
outside: ``summary_feedback(statement, summary).ok``, ``followup_feedback(statement, question).ok``,
``reply_feedback(message, reply).ok`` and ``rewrite_feedback(original, rewrite).improved``.

``tests/data/holdout/`` holds a smaller set in the same format, written afterwards by someone who never
saw the engine and never tuned on it: its figure is the honest estimate for sentences nobody has seen.

Run from the repository root::

    .venv/bin/python bench/bench_meaning.py [--holdout [NAME]] [--wrong REASON]   # --wrong lists misjudged rows
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from cursuslib.language import followup_feedback, reply_feedback, rewrite_feedback, summary_feedback  # noqa: E402

DATA = ROOT / "tests" / "data"
#: The goal per set (issue 14).
GOAL = 0.92


def rows(name: str, folder: Path = DATA) -> list[dict[str, str]]:
    """The rows of ``<folder>/<name>.tsv``."""
    with (folder / f"{name}.tsv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def lookup(name: str, folder: Path = DATA) -> dict[str, str]:
    """Id -> text of the statements or messages."""
    table = rows(name, folder)
    column = "statement" if "statement" in table[0] else "message"
    return {row["id"]: row[column] for row in table}


Case = tuple[str, str, bool, Callable[[], bool]]  # (reason, text, expected, predict)


def cases(folder: Path = DATA) -> dict[str, list[Case]]:
    """Per set: (reason, the student's text, the expected verdict, a call that gives the engine's verdict)."""
    statements, messages = lookup("lsd_statements", folder), lookup("angry_messages", folder)
    return {
        "samenvattingen": [(r["reason"], r["summary"], r["label"] == "ok",
                            lambda r=r: summary_feedback(statements[r["statement_id"]], r["summary"]).ok)
                           for r in rows("summaries", folder)],
        "doorvragen": [(r["reason"], r["question"], r["label"] == "ok",
                        lambda r=r: followup_feedback(statements[r["statement_id"]], r["question"]).ok)
                       for r in rows("followups", folder)],
        "antwoorden": [(r["reason"], r["reply"], r["label"] == "ok",
                        lambda r=r: reply_feedback(messages[r["message_id"]], r["reply"]).ok)
                       for r in rows("replies", folder)],
        "herschrijvingen": [(r["reason"], r["rewrite"], r["label"] == "improved",
                             lambda r=r: rewrite_feedback(r["original"], r["rewrite"]).improved)
                            for r in rows("rewrites", folder)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wrong", default="", metavar="REASON", help="list the misjudged rows with this reason")
    parser.add_argument("--holdout", nargs="?", const="holdout", default="", metavar="NAME",
                        help="a held-out set in tests/data/NAME/ (default: holdout)")
    args = parser.parse_args()
    lowest = 1.0
    for name, items in cases(DATA / args.holdout if args.holdout else DATA).items():
        per_reason: dict[str, list[bool]] = defaultdict(list)
        for reason, text, expected, predict in items:
            right = predict() == expected
            per_reason[reason].append(right)
            if args.wrong in (reason, "all") and not right:
                print(f"  fout [{name}/{reason}] {text}")
        total = [flag for flags in per_reason.values() for flag in flags]
        accuracy = sum(total) / len(total)
        lowest = min(lowest, accuracy)
        print(f"{name:16s} {accuracy:.3f} ({sum(total)}/{len(total)})")
        for reason, flags in sorted(per_reason.items()):
            print(f"    {reason:20s} {sum(flags) / len(flags):.2f} ({sum(flags)}/{len(flags)})")
    extra = (DATA / args.holdout if args.holdout else DATA) / "taaldata"
    if extra.is_dir():  # open/closed questions, positive sentences and rewrites in the format of ../shared/taaldata
        from cursuslib.language.evaluate import score_dir

        for task, score in score_dir(extra).items():
            lowest = min(lowest, score.accuracy)
            print(f"taaldata/{task:8s} {score.accuracy:.3f} ({score.correct}/{score.total})")
    print(f"laagste set: {lowest:.3f} (doel >= {GOAL})")


if __name__ == "__main__":
    main()
