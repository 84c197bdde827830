"""Two processes writing the same answers file at once lose nothing, with a lock and without one.

Each writer saves its own exercises (500 or more) and one exercise both write. Without a lock
(``LOCKING = "none"``, as in JupyterLite, where every tab is its own kernel) the store merges on
save; before this was fixed, two writers of 1,000 answers each lost 934 of the 2,000.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from cursuslib import store as store_module
from cursuslib.store import AnswerStore

WRITER = r"""
import json, sys
from pathlib import Path
from cursuslib import store as store_module
from cursuslib.store import AnswerStore

folder, name, count, locking = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
store_module.LOCKING = locking
store = AnswerStore(folder)
sys.stdin.readline()  # start together
last_shared = None
for i in range(count):
    store.save(f"{name}-{i}", {"schrijver": name, "i": i, "tekst": f"antwoord {i} van {name} é 🎉"})
    if i % 10 == 0:
        store.save("samen", {"schrijver": name, "i": i})
        last_shared = i
print(json.dumps({"written": count, "last_shared": last_shared}), flush=True)
"""

WRITES = 500


def start_writers(folder: Path, locking: str, count: int) -> dict[str, dict]:
    src = str(Path(store_module.__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [src, os.environ.get("PYTHONPATH")]))}
    procs = {name: subprocess.Popen([sys.executable, "-c", WRITER, str(folder), name, str(count), locking],
                                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                    text=True, env=env)
             for name in ("a", "b")}
    for proc in procs.values():  # both are running and waiting: now let them go at once
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    reports = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-3000:]
        reports[name] = json.loads(out)
    return reports


@pytest.mark.parametrize("locking", ["flock", "none"])
def test_two_writers_lose_nothing(answers_dir: Path, locking: str) -> None:
    if locking == "flock" and store_module.LOCKING != "flock":
        pytest.skip("no flock here")
    AnswerStore(answers_dir).save("eerder", "blijft bestaan")
    reports = start_writers(answers_dir, locking, WRITES)
    assert all(report["written"] == WRITES for report in reports.values())
    check = AnswerStore(answers_dir)
    answers = check.entries()
    lost = [f"{name}-{i}" for name in reports for i in range(WRITES)
            if answers.get(f"{name}-{i}", {}).get("value", {}).get("i") != i]
    assert lost == [], f"{len(lost)} of {2 * WRITES} answers lost"
    assert answers["eerder"]["value"] == "blijft bestaan"
    shared = answers["samen"]["value"]
    assert shared["i"] == reports[shared["schrijver"]]["last_shared"], "the shared answer is one writer's last"
    assert not check.notices
    assert not list(answers_dir.glob("antwoorden.onleesbaar-*")) and not list(answers_dir.glob(".antwoorden-*.tmp"))


def test_without_a_lock_a_late_stale_write_is_repaired_by_the_check_after_a_save(answers_dir: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Another tab read the file just before our last save and writes its copy back after it: our answer returns."""
    import asyncio

    monkeypatch.setattr(store_module, "LOCKING", "none")
    monkeypatch.setattr(store_module, "RECHECK_AFTER", (0.05,))
    other = AnswerStore(answers_dir)
    other.save("b", "van tab B")
    stale = (answers_dir / "antwoorden.json").read_bytes()  # what tab B read just before our save

    async def tab_a() -> None:
        AnswerStore(answers_dir).save("a", "laatste antwoord van tab A")
        (answers_dir / "antwoorden.json").write_bytes(stale)  # tab B's late write, without our answer
        assert "a" not in AnswerStore(answers_dir).entries()
        await asyncio.sleep(0.3)  # the student stopped typing; the check after the save runs

    with ThreadPoolExecutor(1) as thread:  # its own event loop: a browser test's Playwright may own this thread's
        thread.submit(asyncio.run, tab_a()).result()
    answers = AnswerStore(answers_dir).entries()
    assert answers["a"]["value"] == "laatste antwoord van tab A" and answers["b"]["value"] == "van tab B"
