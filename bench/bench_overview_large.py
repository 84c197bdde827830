"""The class overview at scale: 2,000 students' answer files, 5% of them damaged in varied ways, read and rendered.

Run from the repository root::

    .venv/bin/python bench/bench_overview_large.py [--files 2000] [--damaged 0.05] [--tracemalloc]

Every good file is a saved state of every kind of exercise in the course, as its widget saves it,
with texts unique to the student (so the engine's cache only helps within a file); intakes are
real conversations with the simulator. Some good files are odd on purpose: a name that is not
UTF-8, a byte order mark. The damaged files cover what a class hands in: empty, cut off, NUL
bytes, not UTF-8, huge numbers, deep nesting, wrong types, a foreign JSON file, an old version,
1.5 GB (sparse, so it costs no disk), a folder and a pipe named like an answers file.

Prints the seconds for ``class_overview`` and ``overview_html``, the peak memory (the process's
maximum resident size; with ``--tracemalloc`` also the peak of Python's own allocations, in a
second, slower run) and the skipped files with their reasons, summarised by kind.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from cursuslib.content import Exercise, Lesson, load_course  # noqa: E402 - the path is set up first
from cursuslib.documents import Overview, class_overview, overview_html  # noqa: E402
from cursuslib.simulator import Conversation  # noqa: E402
from cursuslib.store import FILE_FORMAT, FILE_VERSION  # noqa: E402

#: What the whole run (2,000 files) should stay under, in seconds.
GOAL_SECONDS = 60.0
WORDS = ("de app", "het rooster", "de factuur", "het inloggen", "de planning", "de webshop", "de melding",
         "de update", "de wachttijd", "het wachtwoord", "de afspraak", "de koppeling")
INTAKE_LINES = ("Wat gaat er nu mis met de afspraken?", "Hoe maken klanten nu een afspraak voor een reparatie?",
                "Waarom wilt u dat juist nu veranderen?", "Wie plant nu de reparaties in?",
                "Werkt u al met een online agenda?", "Wat vindt u het belangrijkst aan het nieuwe systeem?",
                "Hoe merken uw klanten dat het misgaat?", "Kunt u daar een voorbeeld van geven?",
                "Als ik het goed begrijp, wilt u dat klanten zelf online een tijd kiezen. Klopt dat?")
STAMP = "2025-03-14T10:22:05+01:00"


# --------------------------------------------------------------------------- good files
def _text(rng: random.Random, student: int) -> str:
    return f"{rng.choice(WORDS)} {student}"


def _choice(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
    keys = [option.key for option in exercise.data["options"]]
    picked = rng.sample(keys, k=1 if exercise.type == "single_choice" else rng.randint(1, len(keys)))
    return {"selected": picked, "attempts": rng.randint(1, 3), "checked": True}


def _items(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
    if exercise.type == "sort":
        items, keys = exercise.data["statements"], list(exercise.data["categories"])
    else:
        items, keys = exercise.data["items"], [choice.key for choice in exercise.data["choices"]]
    return {"answers": {str(i): rng.choice(keys) for i in range(len(items)) if rng.random() < 0.9},
            "attempts": rng.randint(1, 3), "checked": True}


def _drill(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
    return {"answers": {str(i): rng.choice(("open", "gesloten", "closed"))
                        for i in range(len(exercise.data["questions"]))}}


def _questions(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
    word = _text(rng, student)
    texts = [rng.choice((f"Wat bedoelt u met {word}?", f"Werkt {word} niet?", f"Hoe vaak gebeurt dat met {word}?"))
             for _ in range(rng.randint(1, 5))]
    return {"text": texts[-1], "history": [{"text": t, "kind": "open"} for t in texts], "attempts": len(texts)}


def _written(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
    word = _text(rng, student)
    first = exercise.data.get("sentence") or "Sorry, dat weet ik niet."
    texts = [first, f"Ik zorg dat {word} vandaag om {rng.randint(1, 5)} uur klaar is en bel u dan terug."]
    return {"text": texts[-1], "history": [{"text": t, "improved": False} for t in texts], "attempted": True}


def _lsd(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
    word = _text(rng, student)
    summary, question = f"U vindt {word} te traag.", f"Wat merkt u daar precies van bij {word}?"
    return {"summary": summary, "question": question, "checked": [summary, question], "attempted": True}


def _lsd_dialogue(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
    word = _text(rng, student)
    exchanges = [{"summary": f"U bedoelt dat {word} niet werkt.", "question": "Wat zou u het liefst willen?",
                  "summary_ok": rng.random() < 0.5, "question_ok": rng.random() < 0.5, "turn": turn}
                 for turn in range(rng.randint(0, len(exercise.data["turns"])))]
    return {"turn": len(exchanges), "exchanges": exchanges, "finished": len(exchanges) == len(exercise.data["turns"])}


def _reflection(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
    word = _text(rng, student)
    return {"steps": {key: f"Bij {word} deed ik {rng.randint(1, 99)} dingen anders. " * rng.randint(1, 4)
                      for key in exercise.data["prompts"] if rng.random() < 0.8}}


class _SelfAssessment:
    """Levels for every quality; the end moment takes its qualities from the begin and adds an explanation."""

    def __init__(self, by_id: Mapping[str, Exercise]) -> None:
        self.by_id = by_id

    def __call__(self, exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
        begin = self.by_id.get(exercise.data.get("compare_with") or "", exercise)
        keys = [quality.key for quality in begin.data.get("qualities") or ()]
        state: dict[str, Any] = {"levels": {key: rng.randint(1, 4) for key in keys}, "done": True}
        if begin is not exercise and keys:
            state["explanations"] = {keys[0]: f"Ik let nu beter op {_text(rng, student)}."}
        return state


def _dialogue(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
    nodes, node, path = exercise.data["nodes"], exercise.data["nodes"][exercise.data["start"]], []
    while node.choices and len(path) < 20:
        path.append(rng.randrange(len(node.choices)))
        node = nodes[node.choices[path[-1]].next]
    return {"path": path}


def _planner(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
    def span(part: Any) -> tuple[int, int]:  # a part may have a rule, an advice, both or neither
        low = [v for v in (part.min, part.advice_min, part.default) if v is not None]
        high = [v for v in (part.max, part.advice_max, part.default) if v is not None]
        return min(low), max(high)

    return {"start": "13:30", "minutes": {part.key: rng.randint(*span(part)) for part in exercise.data["parts"]}}


def _observer(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
    keys = [behaviour.key for behaviour in exercise.data["behaviours"]]
    rounds = [{"counts": {key: rng.randint(0, 5) for key in keys}, "person": f"Student {rng.randint(1, 30)}"}
              for _ in range(rng.randint(0, 3))]
    return {"rounds": rounds, "counts": {key: rng.randint(0, 3) for key in keys}, "person": ""}


def _ordering(exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
    order = list(range(len(exercise.data["items"])))
    rng.shuffle(order)
    return {"order": order, "attempts": rng.randint(1, 4), "checked": True}


class _Intakes:
    """A few real conversations per intake exercise, made once and handed out (the simulator is the slow part)."""

    def __init__(self, rng: random.Random, per_exercise: int = 6) -> None:
        self.rng, self.per_exercise, self.made = rng, per_exercise, {}

    def __call__(self, exercise: Exercise, rng: random.Random, student: int) -> dict[str, Any]:
        if exercise.id not in self.made:
            self.made[exercise.id] = [self._talk(exercise) for _ in range(self.per_exercise)]
        return {"turns": rng.choice(self.made[exercise.id]), "closed": False}

    def _talk(self, exercise: Exercise) -> list[dict[str, Any]]:
        conversation = Conversation.from_exercise(exercise)
        for line in self.rng.sample(INTAKE_LINES, k=self.rng.randint(2, 6)):
            conversation.say(line)
        return [turn.saved() for turn in conversation.turns]


def state_makers(rng: random.Random, exercises: list[Exercise]
                 ) -> dict[str, Callable[[Exercise, random.Random, int], dict[str, Any]]]:
    """Per exercise type, a function that gives a saved state as its widget would write it."""
    return {"single_choice": _choice, "multiple_choice": _choice, "sort": _items, "matching": _items,
            "question_drill": _drill, "question_practice": _questions, "rewrite": _written, "reply": _written,
            "lsd_practice": _lsd, "lsd_dialogue": _lsd_dialogue, "reflection": _reflection,
            "self_assessment": _SelfAssessment({e.id: e for e in exercises}), "dialogue": _dialogue, "planner": _planner, "observer": _observer,
            "ordering": _ordering, "intake": _Intakes(rng)}


def answers_document(exercises: list[Exercise], makers: Mapping[str, Callable[..., dict[str, Any]]],
                     rng: random.Random, student: int) -> dict[str, Any]:
    """One student's answers file: about 85% of the exercises done."""
    answers = {e.id: {"value": makers[e.type](e, rng, student), "saved_at": STAMP}
               for e in exercises if e.type in makers and rng.random() < 0.85}
    return {"format": FILE_FORMAT, "version": FILE_VERSION, "answers": answers}


# --------------------------------------------------------------------------- damaged files
def _json(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


#: Kinds of damage: each turns a good document into the bytes of a damaged file (None: made on disk instead).
DAMAGE: dict[str, Callable[[dict[str, Any]], bytes | None]] = {
    "leeg": lambda doc: b"",
    "afgebroken": lambda doc: _json(doc)[: len(_json(doc)) // 2],
    "nul-bytes": lambda doc: _json(doc)[:40] + b"\x00" * 64 + _json(doc)[40:],
    "geen-utf8": lambda doc: _json(doc).replace(b"}", b"\xe9}", 1),
    "groot-getal": lambda doc: _json(doc)[:-1] + b', "extra": ' + b"7" * 5000 + b"}",
    "diep-genest": lambda doc: _json(doc)[:-1] + b', "extra": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "verkeerde-types": lambda doc: _json({**doc, "answers": list(doc["answers"])}),
    "ander-json": lambda doc: _json({"name": "iets-anders", "version": "1.0.0"}),
    "oude-versie": lambda doc: _json({**doc, "version": 99}),
    "te-groot": lambda doc: None,
    "map": lambda doc: None,
    "pipe": lambda doc: None,
}


def _make_on_disk(path: Path, kind: str) -> None:
    if kind == "te-groot":
        with open(path, "wb") as handle:
            handle.truncate(1536 * 1024 * 1024)  # 1.5 GB, sparse: no disk space, no time
    elif kind == "map":
        path.mkdir()
    elif kind == "pipe" and hasattr(os, "mkfifo"):
        os.mkfifo(path)
    else:
        path.write_bytes(b"[]")


@dataclass
class Classroom:
    """The generated files, and what the overview should make of them."""

    paths: list[Path] = field(default_factory=list)
    #: Student name (as the overview shows it) of every good file.
    good: set[str] = field(default_factory=set)
    #: File name -> kind of damage, for every file that must be skipped.
    damaged: dict[str, str] = field(default_factory=dict)


def write_class(folder: Path, lessons: Mapping[str, Lesson], *, files: int, damaged: float = 0.05,
                seed: int = 2024) -> Classroom:
    """Write ``files`` answer files to ``folder``, a share ``damaged`` of them damaged (each kind in turn)."""
    rng = random.Random(seed)
    exercises = [e for lesson in lessons.values() for e in lesson.exercises]
    makers = state_makers(rng, exercises)
    kinds = list(DAMAGE)
    bad = set(rng.sample(range(files), k=round(files * damaged)))
    room = Classroom()
    for number in range(files):
        doc = answers_document(exercises, makers, rng, number)
        name = f"student-{number:04d}"
        if number in bad:
            kind = kinds[len(room.damaged) % len(kinds)]
            path = folder / f"{name}-{kind}.json"
            raw = DAMAGE[kind](doc)
            if raw is None:
                _make_on_disk(path, kind)
            else:
                path.write_bytes(raw)
            room.damaged[path.name] = kind
        elif number % 50 == 7:  # a name that is not UTF-8 (a zip from another system): used, shown with '�'
            path = folder / os.fsdecode(f"{name}-caf".encode() + b"\xe9.json")
            path.write_bytes(_json(doc))
            room.good.add(f"{name}-caf\N{REPLACEMENT CHARACTER}")
        elif number % 50 == 8:  # saved by Notepad: a byte order mark, read as usual
            path = folder / f"{name}-bom.json"
            path.write_bytes(b"\xef\xbb\xbf" + _json(doc))
            room.good.add(path.stem)
        else:
            path = folder / f"{name}.json"
            path.write_bytes(_json(doc))
            room.good.add(path.stem)
        room.paths.append(path)
    return room


# --------------------------------------------------------------------------- measuring
@dataclass
class Result:
    """One run: the overview, the seconds per step and the page size."""

    overview: Overview
    read: float
    render: float
    page: int


def run(paths: list[Path], lessons: Mapping[str, Lesson]) -> Result:
    """Build the overview and its page once, timed."""
    start = time.perf_counter()
    overview = class_overview(paths, lessons=lessons)
    middle = time.perf_counter()
    page = overview_html(overview)
    return Result(overview, middle - start, time.perf_counter() - middle, len(page.encode("utf-8")))


def _max_resident() -> int:
    """The process's peak resident memory in bytes (Linux reports kB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def reasons(overview: Overview, room: Classroom) -> Counter[str]:
    """The skipped files counted by kind of damage, with one reason each as an example."""
    return Counter(room.damaged.get(name, "onverwacht") for name, _ in overview.skipped)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--damaged", type=float, default=0.05)
    parser.add_argument("--tracemalloc", action="store_true", help="also measure Python's peak allocations (slower)")
    args = parser.parse_args()
    lessons = load_course(ROOT / "exercises")
    with tempfile.TemporaryDirectory(prefix="klas-") as tmp:
        begin = time.perf_counter()
        room = write_class(Path(tmp), lessons, files=args.files, damaged=args.damaged)
        size = sum(p.stat().st_size for p in room.paths if p.is_file() and p.stat().st_size < 1024**3)
        print(f"{args.files} bestanden gemaakt in {time.perf_counter() - begin:.1f} s, samen {size / 1024**2:.1f} MB "
              f"(zonder het lege bestand van 1,5 GB); {len(room.damaged)} beschadigd")
        before = _max_resident()
        result = run(room.paths, lessons)
        after = _max_resident()
        overview = result.overview
        print(f"class_overview {result.read:6.2f} s + overview_html {result.render:5.2f} s = "
              f"{result.read + result.render:6.2f} s ({(result.read + result.render) * 1000 / args.files:.1f} ms per "
              f"bestand); pagina {result.page / 1024**2:.1f} MB")
        print(f"geheugen (piek van het proces): {after / 1024**2:.0f} MB, waarvan {max(0, after - before) / 1024**2:.0f} "
              "MB erbij tijdens het overzicht")
        if args.tracemalloc:
            tracemalloc.start()
            run(room.paths, lessons)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"geheugen (piek van Python-objecten, tracemalloc): {peak / 1024**2:.0f} MB")
        print(f"{len(overview.students)} studenten in het overzicht, {len(overview.skipped)} bestanden overgeslagen:")
        examples = {room.damaged.get(name, "onverwacht"): reason for name, reason in overview.skipped}
        for kind, count in sorted(reasons(overview, room).items()):
            print(f"  {count:3d}× {kind:15s} bijv. {examples[kind]}")
        missing = room.good - {student.name for student in overview.students}
        wrong = set(room.damaged) - {name for name, _ in overview.skipped}
        if missing or wrong:
            print(f"FOUT: {len(missing)} goede bestanden ontbreken, {len(wrong)} beschadigde niet overgeslagen")
            sys.exit(1)
        total = result.read + result.render
        print(f"doel: <= {GOAL_SECONDS:.0f} s voor 2000 bestanden; {'gehaald' if total <= GOAL_SECONDS else 'NIET gehaald'}")


if __name__ == "__main__":
    main()
