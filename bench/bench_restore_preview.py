"""The restore preview at scale: an uploaded file with 1,000, 50,000 and 400,000 exercise ids, read, planned and shown.

Run from the repository root::

    .venv/bin/python bench/bench_restore_preview.py [--sizes 1000 50000 400000]

Per size and per situation (``leeg``: nothing saved here, every answer is new; ``alles ouder``: every
answer is also here, older, so each one would be replaced and the preview shows both texts) it
prints the seconds for ``read_upload`` + ``plan_restore`` + the panel's preview HTML, the peak of
Python's allocations during those steps (tracemalloc, in a second run, because tracing slows them
down) and the size of the preview HTML. Issue 16 point 6: before the cap, 400,000 ids took 95 s and
made 40 MB of HTML.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from cursuslib.backup import plan_restore, read_upload  # noqa: E402 - the path is set up first
from cursuslib.store import empty_document  # noqa: E402
from cursuslib.widgets.backup import BackupPanel  # noqa: E402

OLD = "2026-01-10T09:00:00+01:00"
NEW = "2026-02-20T15:30:00+01:00"
SITUATIONS = ("leeg", "alles ouder")


def upload_bytes(count: int) -> bytes:
    doc = empty_document()
    doc["answers"] = {f"ex-{n}": {"value": {"steps": {"situatie": f"Gesprek {n} met de klant"}}, "saved_at": NEW}
                      for n in range(count)}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def local_document(count: int, situation: str) -> dict[str, Any]:
    doc = empty_document()
    if situation == "alles ouder":
        doc["answers"] = {f"ex-{n}": {"value": {"steps": {"situatie": f"Oud {n}"}}, "saved_at": OLD}
                          for n in range(count)}
    return doc


def preview(raw: bytes, local: dict[str, Any]) -> tuple[str, int]:
    """What the panel does with an upload: read, plan, render; returns the HTML and the number of changes."""
    plan = plan_restore(local, read_upload(raw, name="klantgesprekken-antwoorden.json"))
    return BackupPanel._preview_html("klantgesprekken-antwoorden.json", plan), len(plan.changes)


def measure(count: int, situation: str) -> dict[str, Any]:
    raw = upload_bytes(count)
    local = local_document(count, situation)
    started = time.perf_counter()
    page, changes = preview(raw, local)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    preview(raw, local)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert changes == count
    return {"ids": count, "situation": situation, "file_mb": len(raw) / 2**20, "seconds": seconds,
            "peak_mb": peak / 2**20, "html_kb": len(page.encode("utf-8")) / 1024}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 50_000, 400_000])
    args = parser.parse_args(argv)
    print(f"{'ids':>8}  {'hier':<12}{'bestand':>9}  {'tijd':>7}  {'piek (tracemalloc)':>18}  {'HTML':>9}")
    for count in args.sizes:
        for situation in SITUATIONS:
            row = measure(count, situation)
            print(f"{row['ids']:>8,}  {row['situation']:<12}{row['file_mb']:>6.1f} MB  {row['seconds']:>5.2f} s"
                  f"  {row['peak_mb']:>15.1f} MB  {row['html_kb']:>6.1f} kB", flush=True)


if __name__ == "__main__":
    main()
