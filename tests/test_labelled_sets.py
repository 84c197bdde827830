"""The labelled sets in tests/data/ (ours and the held-out ones) keep the format of tests/data/LABELS*.md.

``bench/bench_meaning.py`` reads them; a broken row would silently change its figures. Checked here: the columns,
the allowed labels and reasons (a good label goes with reason ``ok``), that every statement or message a row points
to exists, no row twice, and no e-mail address or phone number.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SETS = [DATA, *sorted(folder for folder in DATA.iterdir() if folder.is_dir() and folder.name.startswith("holdout"))]

#: file -> (columns, good label, labels, reasons)
SPEC: dict[str, tuple[list[str], str, set[str], set[str]]] = {
    "lsd_statements": (["id", "statement", "core"], "", set(), set()),
    "angry_messages": (["id", "message"], "", set(), set()),
    "summaries": (["statement_id", "summary", "label", "reason"], "ok", {"ok", "not_ok"},
                  {"ok", "no_check", "advice", "wrong_or_opposite", "parroting", "off_topic", "missing_core",
                   "judging"}),
    "followups": (["statement_id", "question", "label", "reason"], "ok", {"ok", "not_ok"},
                  {"ok", "closed", "off_topic", "advice", "judging", "not_a_question"}),
    "replies": (["message_id", "reply", "label", "reason"], "ok", {"ok", "not_ok"},
                {"ok", "no_acknowledgement", "blames_client", "blames_colleague", "over_promise", "no_next_step",
                 "negative", "defensive"}),
    "rewrites": (["original", "rewrite", "label", "reason"], "improved", {"improved", "not_improved"},
                 {"ok", "still_negative", "no_constructive", "off_topic", "same", "over_promise", "blame"}),
}
PERSONAL = re.compile(r"[\w.+-]+@[\w-]+\.\w+|\b0\d{1,3}[- ]?\d{6,8}\b|\+31\s?\d")


def read(folder: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (folder / f"{name}.tsv").open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return list(reader.fieldnames or []), list(reader)


@pytest.mark.parametrize("folder", SETS, ids=lambda folder: folder.name)
def test_every_set_keeps_the_labelling_format(folder: Path) -> None:
    problems: list[str] = []
    ids: dict[str, set[str]] = {}
    for name, (columns, good, labels, reasons) in SPEC.items():
        header, rows = read(folder, name)
        if header != columns:
            problems.append(f"{name}: kolommen {header}, verwacht {columns}")
            continue
        seen: set[tuple[str, ...]] = set()
        for number, row in enumerate(rows, start=2):
            where = f"{folder.name}/{name}.tsv regel {number}"
            values = tuple(row.get(column) or "" for column in columns)
            if any(not value.strip() for value in values) or None in row:
                problems.append(f"{where}: lege of extra kolom")
            if values in seen:
                problems.append(f"{where}: staat er twee keer in")
            seen.add(values)
            if PERSONAL.search(" ".join(values)):
                problems.append(f"{where}: lijkt een e-mailadres of telefoonnummer")
            if labels:
                if row["label"] not in labels or row["reason"] not in reasons:
                    problems.append(f"{where}: label {row['label']!r} of reden {row['reason']!r} niet toegestaan")
                elif (row["label"] == good) != (row["reason"] == "ok"):
                    problems.append(f"{where}: label {row['label']!r} past niet bij reden {row['reason']!r}")
        if name in ("lsd_statements", "angry_messages"):
            ids[name] = {row["id"] for row in rows}
    for name, key, table in (("summaries", "statement_id", "lsd_statements"),
                             ("followups", "statement_id", "lsd_statements"),
                             ("replies", "message_id", "angry_messages")):
        missing = {row[key] for row in read(folder, name)[1]} - ids.get(table, set())
        if missing:
            problems.append(f"{folder.name}/{name}.tsv: onbekende id's {sorted(missing)}")
    assert problems == []


def test_the_held_out_sets_say_they_are_not_for_tuning() -> None:
    for folder in SETS[1:]:
        assert "tune" in (folder / "README.md").read_text(encoding="utf-8").lower(), folder
