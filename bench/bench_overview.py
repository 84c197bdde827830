"""Time the class overview: 200 students' answer files in a temporary folder, read and turned into one HTML page.

Run from the repository root::

    .venv/bin/python bench/bench_overview.py [--files 200] [--rounds 3]

Every student writes their own texts (no two alike), so the engine cache only helps within a file;
a cold run (fresh caches) and warm runs are reported separately.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from cursuslib.content import Exercise, load_course  # noqa: E402
from cursuslib.documents import class_overview, overview_html  # noqa: E402
from cursuslib.store import FILE_FORMAT, FILE_VERSION  # noqa: E402
from cursuslib.types import lsd_practice, question_practice, reply, rewrite  # noqa: E402 - the path is set up first
from cursuslib.types.reflection import REFLECTION_STEPS  # noqa: E402

GOAL_SECONDS = 3.0
WORDS = ("de app", "het rooster", "de factuur", "het inloggen", "de planning", "de webshop", "de melding",
         "de update", "de wachttijd", "het wachtwoord", "de afspraak", "de koppeling")


def _state(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any] | None:
    """A state as the widget would save it, with texts unique to this student."""
    word = f"{rng.choice(WORDS)} {student}"
    kind = exercise.type
    if kind == "reflection":
        return {"steps": {key: f"Bij {word} deed ik {rng.randint(1, 99)} dingen anders. " * rng.randint(1, 4)
                          for key in REFLECTION_STEPS if rng.random() < 0.8}}
    if kind == "question_practice":
        texts = [rng.choice((f"Wat bedoelt u met {word}?", f"Werkt {word} niet?", f"Hoe vaak gebeurt dat met {word}?"))
                 for _ in range(rng.randint(1, 5))]
        return {"text": texts[-1], "history": [{"text": t, "kind": "open"} for t in texts], "attempts": len(texts)}
    if kind == "question_drill":
        return {"answers": {str(i): rng.choice(("open", "gesloten")) for i in range(len(exercise.data["questions"]))}}
    if kind == "rewrite":
        texts = [exercise.data["sentence"], f"Ik zorg dat {word} vandaag om {rng.randint(1, 5)} uur klaar is."]
        return {"text": texts[-1], "history": [{"text": t, "improved": False} for t in texts], "attempted": True}
    if kind == "self_assessment":
        keys = [q.key for q in exercise.data.get("qualities") or ()] or ["tijdig", "naam", "product", "luisteren"]
        return {"levels": {key: rng.randint(1, 4) for key in keys}, "done": True,
                "explanations": {keys[0]: f"Ik let nu beter op {word}."}}
    if kind in ("sort", "matching"):
        return {"answers": {"0": "doen"}, "attempts": 1, "checked": True}
    return {"attempts": 1}


def write_files(folder: Path, count: int, lessons: dict) -> list[Path]:
    """Write ``count`` answer files (about 1 in 20 broken) and return their paths."""
    rng = random.Random(2024)
    exercises = [e for lesson in lessons.values() for e in lesson.exercises]
    paths = []
    for number in range(count):
        path = folder / f"student-{number:03d}.json"
        if number % 20 == 19:
            path.write_text("{ kapot", encoding="utf-8")
        else:
            answers = {e.id: {"value": state, "saved_at": "2025-03-14T10:22:05+01:00"}
                       for e in exercises if rng.random() < 0.85 and (state := _state(e, rng, number)) is not None}
            path.write_text(json.dumps({"format": FILE_FORMAT, "version": FILE_VERSION, "answers": answers},
                                       ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    return paths


def _clear_caches() -> None:
    for function in (rewrite.rewrite_result, reply.reply_result, question_practice.judge,
                     lsd_practice.summary_result, lsd_practice.followup_result):
        function.cache_clear()


def run(paths: list[Path], lessons: dict) -> tuple[float, float, int]:
    """Return the seconds for class_overview and for overview_html, and the page size."""
    start = time.perf_counter()
    overview = class_overview(paths, lessons=lessons)
    middle = time.perf_counter()
    page = overview_html(overview)
    return middle - start, time.perf_counter() - middle, len(page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    lessons = load_course(ROOT / "exercises")
    with tempfile.TemporaryDirectory(prefix="klas-") as tmp:
        paths = write_files(Path(tmp), args.files, lessons)
        size = sum(p.stat().st_size for p in paths)
        print(f"{args.files} bestanden, samen {size / 1024:.0f} kB")
        results = []
        for round_ in range(args.rounds + 1):
            if round_ == 0:
                _clear_caches()
            read, render, page = run(paths, lessons)
            label = "koud (lege cache)" if round_ == 0 else f"warm {round_}"
            print(f"{label:18s} class_overview {read * 1000:7.1f} ms + overview_html {render * 1000:6.1f} ms "
                  f"= {(read + render) * 1000:7.1f} ms; {(read + render) * 1000 / args.files:.2f} ms per bestand; "
                  f"pagina {page / 1024:.0f} kB")
            results.append(read + render)
        cold, warm = results[0], statistics.median(results[1:]) if len(results) > 1 else results[0]
        print(f"koud {cold:.2f} s, warm (mediaan) {warm:.2f} s; doel: <= {GOAL_SECONDS:.0f} s voor 200 bestanden")


if __name__ == "__main__":
    main()
