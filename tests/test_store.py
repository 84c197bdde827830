"""The answer store: atomic, concurrent-safe, corrupt files kept aside, exact round trips."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cursuslib.store import FILE_FORMAT, AnswerStore, StoreError, get_store


def test_default_folder_follows_environment(answers_dir: Path) -> None:
    store = get_store()
    store.save("01-quiz", {"selected": ["a"]})
    assert (answers_dir / "antwoorden.json").is_file()
    assert get_store().get("01-quiz") == {"selected": ["a"]}


def test_default_folder_is_visible_next_to_the_course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cursuslib import paths

    monkeypatch.delenv("CURSUSLIB_ANSWERS_DIR")
    (tmp_path / "exercises").mkdir()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert paths.answers_dir() == tmp_path / "antwoorden"


def test_reading_creates_nothing(answers_dir: Path) -> None:
    assert AnswerStore(answers_dir).get("x") is None
    assert not answers_dir.exists()


def test_file_is_ours_and_readable(answers_dir: Path) -> None:
    AnswerStore(answers_dir).save("x", "tekst")
    doc = json.loads((answers_dir / "antwoorden.json").read_text(encoding="utf-8"))
    assert doc["format"] == FILE_FORMAT and doc["version"] == 1
    assert doc["answers"]["x"]["value"] == "tekst" and doc["answers"]["x"]["saved_at"]


def test_huge_and_unicode_answers_round_trip_exactly(answers_dir: Path) -> None:
    huge = ("Klant 👩‍💻 zegt: \"héél\" <b>boos</b>\u200b\t\r\n" * 30000)[:1_000_000]
    odd = "\x00\x1f control, surrogate-free emoji 🎉, RTL \u202e text, 中文"
    store = AnswerStore(answers_dir)
    store.save("groot", {"steps": {"situatie": huge}})
    store.save("raar", odd)
    fresh = AnswerStore(answers_dir)
    assert fresh.get("groot") == {"steps": {"situatie": huge}}
    assert fresh.get("raar") == odd


def test_corrupt_file_is_moved_aside_with_a_dutch_notice(answers_dir: Path) -> None:
    answers_dir.mkdir()
    broken = b'{"format": "klantgesprekken-antwoorden", "answers": {"x": '
    (answers_dir / "antwoorden.json").write_bytes(broken)
    store = AnswerStore(answers_dir)
    assert store.get("x") is None
    kept = list(answers_dir.glob("antwoorden.onleesbaar-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == broken
    assert store.notices and "niet worden gelezen" in store.notices[0] and kept[0].name in store.notices[0]
    store.save("y", 1)
    assert kept[0].read_bytes() == broken, "the damaged file is never overwritten"
    assert AnswerStore(answers_dir).get("y") == 1


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'{"format": "iets anders"}', b""])
def test_unreadable_or_foreign_files_are_kept(answers_dir: Path, content: bytes) -> None:
    answers_dir.mkdir()
    (answers_dir / "antwoorden.json").write_bytes(content)
    store = AnswerStore(answers_dir)
    store.save("a", "nieuw")
    kept = list(answers_dir.glob("antwoorden.onleesbaar-*.json"))
    assert [p.read_bytes() for p in kept] == [content]
    assert store.get("a") == "nieuw"


def test_unserialisable_value_gives_dutch_error(answers_dir: Path) -> None:
    with pytest.raises(StoreError, match="kan niet worden opgeslagen"):
        AnswerStore(answers_dir).save("x", {"bad": object()})


def _writer(folder: str, prefix: str, count: int) -> None:
    store = AnswerStore(Path(folder))
    for i in range(count):
        store.save(f"{prefix}-{i}", {"text": f"{prefix} antwoord {i}"})


def test_two_kernels_saving_at_once_lose_nothing(answers_dir: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(str(answers_dir), f"nb{n}", 40)) for n in range(3)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
        assert proc.exitcode == 0
    answers = AnswerStore(answers_dir).entries()
    assert len(answers) == 120
    assert answers["nb2-39"]["value"] == {"text": "nb2 antwoord 39"}


KILL_SCRIPT = """
import sys
from pathlib import Path
from cursuslib.store import AnswerStore
store = AnswerStore(Path(sys.argv[1]))
i = 0
while True:
    store.save("groot", {"versie": i, "tekst": "x" * 400000})
    i += 1
    print(i, flush=True)
"""


def test_kill_during_save_leaves_a_valid_file(answers_dir: Path) -> None:
    AnswerStore(answers_dir).save("eerder", "blijft bestaan")
    for delay in (0.15, 0.3, 0.45):
        proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(answers_dir)],
                                stdout=subprocess.PIPE, env=os.environ.copy())
        assert proc.stdout is not None
        proc.stdout.readline()  # at least one save finished
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        store = AnswerStore(answers_dir)
        assert store.get("eerder") == "blijft bestaan"
        assert store.get("groot")["tekst"] == "x" * 400000
        assert not store.notices
        assert not list(answers_dir.glob("antwoorden.onleesbaar-*"))


@pytest.mark.parametrize(("raw", "reason"), [
    (b"\xff\xfe", "geen tekstbestand"),
    (b"{kapot", "beschadigd"),
    (b'{"format": "iets anders", "version": 1, "answers": {}}', "geen antwoordenbestand van deze cursus"),
    (b'{"format": "klantgesprekken-antwoorden", "version": 9, "answers": {}}', "versie 9"),
    (b'{"format": "klantgesprekken-antwoorden", "version": 1, "answers": {"x": 1}}', "'x' is beschadigd"),
])
def test_parse_document_says_why_a_file_is_not_usable(raw: bytes, reason: str) -> None:
    from cursuslib.store import parse_document

    with pytest.raises(StoreError, match=reason):
        parse_document(raw, name="upload.json")


def test_parse_document_accepts_our_file(answers_dir: Path) -> None:
    from cursuslib.store import parse_document

    store = AnswerStore(answers_dir)
    store.save("x", {"tekst": "héé 🎉"})
    assert parse_document(store.path.read_bytes())["answers"]["x"]["value"] == {"tekst": "héé 🎉"}
