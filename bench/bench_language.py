"""Benchmark of the Dutch feedback engine: accuracy on labelled data, time per call, linear growth.

Run from the repository root::

    .venv/bin/python bench/bench_language.py [--strict]

The development set is read from ``../shared/taaldata`` next to the repository (skipped with a message
when absent); the own held-out set from ``tests/language/data``. With ``--strict`` the exit code is 1 when
a target is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from cursuslib.language import (  # noqa: E402 - the path is set up first
    followup_feedback,
    positivity,
    question_kind,
    reply_feedback,
    rewrite_feedback,
    summary_feedback,
)
from cursuslib.language.evaluate import load_rows, score_dir  # noqa: E402
from cursuslib.language.rewrite import clear_cache  # noqa: E402

DEV_DIR = ROOT.parent / "shared" / "taaldata"
OWN_DIR = ROOT / "tests" / "language" / "data"
TARGETS = {"questions": 0.97, "sentences": 0.92, "rewrites": 0.92}
MAX_MEAN_MS = 0.2
MAX_GROWTH = 25.0  # 10x more text may cost at most this factor (linear growth is ~10)
MAX_WORST_MS = 50.0  # no call may take longer, whatever the input
ANGRY = "Ik wacht al twee weken op mijn bestelling en niemand neemt de telefoon op. Dit is echt belachelijk!"

_FALLBACK = [
    "Oké, en wat gebeurde er daarna?",
    "Heeft u de mail al ontvangen?",
    "Helaas is deze jas in uw maat uitverkocht.",
    "Ik stuur u vandaag nog een nieuwe code.",
]


def _accuracy(label: str, folder: Path) -> bool:
    if not folder.is_dir():
        print(f"[{label}] overgeslagen: map {folder} ontbreekt")
        return True
    ok = True
    for task, score in score_dir(folder).items():
        target = TARGETS[task]
        status = "ok" if score.accuracy >= target else "ONDER DOEL"
        ok &= score.accuracy >= target
        print(f"[{label}] {task:9} accuracy {score.accuracy:.3f} ({score.correct}/{score.total}), doel >= {target}  {status}")
        for text, expected, predicted in score.misses[:10]:
            print(f"    mis: verwacht {expected}, kreeg {predicted}: {text}")
    return ok


def _texts() -> tuple[list[str], list[tuple[str, str]]]:
    sentences: list[str] = []
    pairs: list[tuple[str, str]] = []
    for folder in (DEV_DIR, OWN_DIR):
        for name in ("questions", "sentences"):
            path = folder / f"{name}.tsv"
            if path.is_file():
                sentences += [r["text"] for r in load_rows(path)]
        path = folder / "rewrites.tsv"
        if path.is_file():
            pairs += [(r["original"], r["rewrite"]) for r in load_rows(path)]
    if not sentences:
        sentences = list(_FALLBACK)
    if not pairs:
        pairs = [(_FALLBACK[2], _FALLBACK[3])]
    return sentences, pairs


def _rewrite_uncached(original: str, rewrite: str) -> object:
    """rewrite_feedback without the cache for the original sentence (the worst case: a new exercise each call)."""
    clear_cache()
    return rewrite_feedback(original, rewrite)


def _mean_ms(func: Callable[..., object], args: list[tuple[str, ...]], *, rounds: int = 5) -> float:
    for a in args[:20]:
        func(*a)  # warm-up: rule files are loaded on first use
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for a in args:
            func(*a)
        best = min(best, (time.perf_counter() - start) / len(args))
    return best * 1000


def _timing() -> bool:
    sentences, pairs = _texts()
    story = "Mijn printer doet het al drie dagen niet en ik moet morgen mijn verslag inleveren."
    cases: dict[str, tuple[Callable[..., object], list[tuple[str, ...]]]] = {
        "question_kind": (question_kind, [(s,) for s in sentences]),
        "positivity": (positivity, [(s,) for s in sentences]),
        "rewrite_feedback": (_rewrite_uncached, [(a, b) for a, b in pairs]),
        "rewrite (cache)": (rewrite_feedback, [(a, b) for a, b in pairs]),
        "summary_feedback": (summary_feedback, [(story, s) for s in sentences]),
        "followup_feedback": (followup_feedback, [(story, s) for s in sentences]),
        "reply_feedback": (reply_feedback, [(ANGRY, s) for s in sentences]),
    }
    ok = True
    for name, (func, args) in cases.items():
        ms = _mean_ms(func, args)
        status = "ok" if ms < MAX_MEAN_MS else "TE TRAAG"
        ok &= ms < MAX_MEAN_MS
        print(f"[tijd] {name:17} gemiddeld {ms:.4f} ms per aanroep over {len(args)} zinnen (doel < {MAX_MEAN_MS} ms)  {status}")
    return ok


def _growth() -> bool:
    sentences, _pairs = _texts()
    base = " ".join(sentences)
    ok = True
    for name, func in (
        ("question_kind", lambda t: question_kind(t)),
        ("positivity", lambda t: positivity(t)),
        ("rewrite_feedback", lambda t: _rewrite_uncached(t, t[::-1])),
        ("summary_feedback", lambda t: summary_feedback(t, t)),
        ("followup_feedback", lambda t: followup_feedback(t, t)),
        ("reply_feedback", lambda t: reply_feedback(t, t)),
    ):
        times = {}
        for size in (10_000, 100_000):
            text = (base * (size // max(1, len(base)) + 1))[:size]
            runs = []
            for _ in range(3):
                start = time.perf_counter()
                func(text)
                runs.append(time.perf_counter() - start)
            times[size] = statistics.median(runs)
        factor = times[100_000] / max(times[10_000], 1e-9)
        status = "lineair" if factor <= MAX_GROWTH else "NIET LINEAIR"
        ok &= factor <= MAX_GROWTH
        print(
            f"[groei] {name:17} 10k tekens {times[10_000] * 1000:7.1f} ms, 100k tekens {times[100_000] * 1000:7.1f} ms, "
            f"factor {factor:4.1f} (lineair ~10, grens {MAX_GROWTH:.0f})  {status}"
        )
    return ok


#: Inputs that are expensive for naive rules: 100,000 characters of one repeated word, and no spaces at all.
_WORST = {
    "niet niet ...": "niet " * 20_000,
    "zonder spaties": "a" * 100_000,
    "leestekens": "?!. " * 25_000,
    "Is het? ...": "Is het? " * 12_500,
    "ik ben benieuwd wat ...": "Ik ben benieuwd wat " * 5_000,
    "u moet ...": "u moet " * 14_300,
    "als goed niet ...": "als goed niet " * 7_150,
    "ik zoek uit waarom niet ...": "ik zoek uit waarom niet " * 4_200,
    "onze fout ...": "onze fout " * 10_000,
    "mijn collega ...": "mijn collega heeft het verkeerd " * 3_200,
    "allemaal nieuwe woorden": " ".join(f"woord{i}x" for i in range(12_500)),
}


def _worst_case() -> bool:
    """The slowest call of each public function on hostile input; every one must stay under MAX_WORST_MS."""
    calls: dict[str, Callable[[str], object]] = {
        "question_kind": question_kind,
        "positivity": positivity,
        "rewrite_feedback": lambda t: _rewrite_uncached(t, t),
        "summary_feedback": lambda t: summary_feedback(t, t),
        "followup_feedback": lambda t: followup_feedback(t, t),
        "reply_feedback": lambda t: reply_feedback(t, t),
    }
    ok = True
    for name, func in calls.items():
        worst, which = 0.0, ""
        for label, text in _WORST.items():
            start = time.perf_counter()
            func(text)
            ms = (time.perf_counter() - start) * 1000
            if ms > worst:
                worst, which = ms, label
        status = "ok" if worst <= MAX_WORST_MS else "TE TRAAG"
        ok &= worst <= MAX_WORST_MS
        print(f"[uiterst] {name:17} traagste {worst:6.1f} ms ({which}, 100k tekens; grens {MAX_WORST_MS:.0f} ms)  {status}")
    return ok


_FIRST_CALL = """
import sys, time
sys.path.insert(0, {src!r})
start = time.perf_counter()
import cursuslib.language as language
imported = time.perf_counter()
calls = [("question_kind", ("Wat bedoelt u?",)), ("positivity", ("Helaas kan dat niet.",)),
         ("rewrite_feedback", ("Helaas kan dat niet.", "Ik regel het morgen.")),
         ("summary_feedback", ("De app is traag.", "Dus de app is traag?")),
         ("followup_feedback", ("De app is traag.", "Wanneer merkt u dat?")),
         ("reply_feedback", ("Dit is belachelijk!", "Wat vervelend, ik zoek het vandaag uit."))]
print(f"import {{(imported - start) * 1000:.1f}}")
for name, args in calls:
    t = time.perf_counter()
    getattr(language, name)(*args)
    print(f"{{name}} {{(time.perf_counter() - t) * 1000:.1f}}")
"""


def _first_call() -> None:
    """The first call of each function in a fresh interpreter: it loads and compiles its rule files (once)."""
    import subprocess

    out = subprocess.run([sys.executable, "-c", _FIRST_CALL.format(src=str(ROOT / "src"))],
                         capture_output=True, text=True, check=True).stdout.split()
    figures = dict(zip(out[::2], out[1::2], strict=True))
    parts = ", ".join(f"{name} {ms} ms" for name, ms in figures.items())
    print(f"[eerste aanroep] apart gemeten, in een nieuw proces (laden van de regelbestanden): {parts}")


def main(argv: list[str] | None = None) -> int:
    """Print accuracy, timing and growth figures; with --strict return 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit code 1 when a target is missed")
    args = parser.parse_args(argv)
    results = [
        _accuracy("dev", DEV_DIR),
        _accuracy("eigen", OWN_DIR),
        _timing(),
        _growth(),
        _worst_case(),
    ]
    _first_call()
    all_ok = all(results)
    print("Alle doelen gehaald." if all_ok else "Niet alle doelen gehaald.")
    return 0 if all_ok or not args.strict else 1


if __name__ == "__main__":
    sys.exit(main())
