"""An open lesson never loses or overwrites a student's answer (issue 16, points 2 and 8).

The lesson notebook stays open while the student restores a backup in the portfolio notebook, opens
the same lesson in a second tab, or works on a read-only or full disk. Each test drives real widgets
(as tests/widgets do) and checks the file as a fresh kernel would read it.
"""

from __future__ import annotations

import errno
import html
import json
import os
import re
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml

from cursuslib import store as store_module
from cursuslib.backup import apply_restore, plan_restore
from cursuslib.content import Exercise, parse_exercise
from cursuslib.store import FILE_NAME, TEMP_MAX_AGE, AnswerStore, NotSaved, StoreError, empty_document
from cursuslib.types.reflection import ReflectionState
from cursuslib.widgets import ChoiceQuiz, ReflectionExercise
from cursuslib.widgets.backup import BackupPanel

REFL, QUIZ = "09-refl", "09-single"
EXERCISES = {
    REFL: f"""
id: {REFL}
type: reflection
title: Reflectie op het LSD-gesprek
prompts:
  situatie: Met wie oefende je en waarover ging het?
""",
    QUIZ: f"""
id: {QUIZ}
type: single_choice
title: Open of gesloten?
question: "Welke vraag is **open**?"
options:
  - {{key: a, text: "Heeft u een website?", explanation: "Hierop kan de klant alleen ja of nee zeggen."}}
  - {{key: b, text: "Wat moet uw website doen?", explanation: "De klant gaat vertellen."}}
correct: b
""",
}
ENGLISH = re.compile(r"traceback|error|exception|permission|denied|space|device|\bthe\b|\bfile\b|\bnot\b",
                     re.IGNORECASE)


def exercise(exercise_id: str) -> Exercise:
    return parse_exercise(yaml.safe_load(EXERCISES[exercise_id]), lesson="09_test", source="09_test.yaml",
                          position=1)


def reflection(store: AnswerStore) -> ReflectionExercise:
    return ReflectionExercise(exercise(REFL), store=store)


def visible(widget_html: str) -> str:
    """What a student reads in an HTML part."""
    return html.unescape(re.sub(r"<[^>]+>", " ", widget_html))


def steps(folder: Path) -> dict[str, str]:
    """The reflection's non-empty steps as a fresh kernel reads them from the file."""
    value = AnswerStore(folder).get(REFL) or {}
    return {key: text for key, text in value.get("steps", {}).items() if text}


def assert_dutch(message: str, *words: str) -> None:
    assert message.strip(), "a message was expected"
    for word in words:
        assert word in message, (word, message)
    assert not ENGLISH.search(message), message


def stamp(delta: timedelta) -> str:
    return (datetime.now(UTC) + delta).astimezone().isoformat(timespec="seconds")


@pytest.fixture(params=["flock", "none"])
def locking(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run with the OS lock and in merge mode (JupyterLite, network drives)."""
    if request.param == "flock" and store_module.LOCKING != "flock":
        pytest.skip("no flock here")
    monkeypatch.setattr(store_module, "LOCKING", request.param)
    return request.param


@pytest.fixture
def saved_an_hour_ago(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lesson saves are stamped an hour ago, so that a backup answer from ten minutes ago is newer (no asking)."""
    earlier = stamp(-timedelta(hours=1))
    monkeypatch.setattr(store_module, "_now", lambda: earlier)


def backup_file(answers: dict[str, Any]) -> bytes:
    doc = empty_document()
    doc["answers"] = {key: {"value": value, "saved_at": stamp(-timedelta(minutes=10))}
                      for key, value in answers.items()}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def restore(folder: Path, answers: dict[str, Any], *, via: str, lesson_store: AnswerStore) -> None:
    """Restore ``answers`` from a backup file, the way the portfolio notebook does."""
    raw = backup_file(answers)
    if via == "apply_restore":  # the portfolio notebook's kernel, without the panel
        store = AnswerStore(folder)
        assert apply_restore(store, plan_restore(store.load(), json.loads(raw))) == len(answers)
        return
    store = lesson_store if via == "paneel-zelfde-kernel" else AnswerStore(folder)
    panel = BackupPanel(store=store)
    panel.handle_upload("klantgesprekken-antwoorden.json", raw, modified=datetime.now(UTC))
    assert panel.plan is not None and panel.confirm_button in panel.actions.children, visible(panel.preview.value)
    panel.confirm()
    assert "teruggezet" in visible(panel.result.value) and "niet teruggezet" not in visible(panel.result.value)


# -- point 2: a restore is not undone by a lesson that was open ------------------------------------
@pytest.mark.parametrize("via", ["paneel", "paneel-zelfde-kernel", "apply_restore"])
@pytest.mark.parametrize("odd_date", [None, "9999-12-31T23:59:59+00:00", "2200-01-01T00:00:00+01:00"])
def test_restore_in_the_portfolio_is_not_overwritten_by_an_open_lesson(
        answers_dir: Path, locking: str, saved_an_hour_ago: None, via: str, odd_date: str | None) -> None:
    if odd_date:  # an older answer with a far-future date (a wrong clock, or a hand-edited file)
        answers_dir.mkdir(parents=True)
        doc = empty_document()
        doc["answers"]["01-oud"] = {"value": "oud antwoord", "saved_at": odd_date}
        (answers_dir / FILE_NAME).write_text(json.dumps(doc), encoding="utf-8")
    lesson = reflection(AnswerStore(answers_dir))
    lesson.boxes["situatie"].value = "A: in de les getypt"
    assert steps(answers_dir) == {"situatie": "A: in de les getypt"}

    restore(answers_dir, {REFL: {"steps": {"situatie": "B: uit de back-up"}}}, via=via, lesson_store=lesson.store)
    assert steps(answers_dir) == {"situatie": "B: uit de back-up"}

    lesson.boxes["taak"].value = "een toetsaanslag in de les die nog A toonde"
    assert steps(answers_dir) == {"situatie": "B: uit de back-up"}  # the restored answer stays
    assert lesson.boxes["situatie"].value == "B: uit de back-up" and lesson.boxes["taak"].value == ""
    assert_dutch(visible(lesson.notice.value), "teruggezet", "nieuwste antwoord")
    assert lesson.saved_label.value == ""  # no "Opgeslagen om" for a change that was not kept

    lesson.boxes["taak"].value = "verder na het terugzetten"
    assert steps(answers_dir) == {"situatie": "B: uit de back-up", "taak": "verder na het terugzetten"}
    assert lesson.notice.value == "" and "Opgeslagen" in lesson.saved_label.value
    if odd_date:
        assert AnswerStore(answers_dir).entries()["01-oud"] == {"value": "oud antwoord", "saved_at": odd_date}


@pytest.mark.parametrize("clock_back", [False, True])
@pytest.mark.parametrize("via", ["paneel", "paneel-zelfde-kernel", "apply_restore"])
def test_a_save_of_another_exercise_does_not_undo_a_restore(answers_dir: Path, locking: str, saved_an_hour_ago: None,
                                                            via: str, clock_back: bool,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    store = AnswerStore(answers_dir)  # one lesson notebook: both exercises share its kernel's store
    lesson_refl, quiz = reflection(store), ChoiceQuiz(exercise(QUIZ), store=store)
    quiz.radio.value = "a"
    lesson_refl.boxes["situatie"].value = "A: in de les getypt"  # the newest answer in the file
    if clock_back:  # the computer's clock is set back an hour (time sync) before the restore
        real = time.time_ns
        monkeypatch.setattr(store_module, "time", SimpleNamespace(
            time_ns=lambda: real() - 3600 * 10**9, time=time.time, monotonic=time.monotonic, sleep=time.sleep))

    restore(answers_dir, {REFL: {"steps": {"situatie": "B: uit de back-up"}}}, via=via, lesson_store=store)
    quiz.radio.value = "b"  # the open lesson saves its quiz

    assert steps(answers_dir) == {"situatie": "B: uit de back-up"}
    assert AnswerStore(answers_dir).get(QUIZ)["selected"] == ["b"]
    assert quiz.notice.value == "" and "Opgeslagen" in quiz.saved_label.value
    # The reflection widget itself still refuses to write A back over B.
    lesson_refl.boxes["actie"].value = "nog in de oude les"
    assert steps(answers_dir) == {"situatie": "B: uit de back-up"}
    assert lesson_refl.boxes["situatie"].value == "B: uit de back-up"


# -- the same lesson in two tabs ----------------------------------------------------------------
@pytest.mark.parametrize("answered_before", [False, True])
def test_second_tab_shows_the_newer_answer_instead_of_overwriting_it(answers_dir: Path, locking: str,
                                                                      answered_before: bool) -> None:
    if answered_before:
        AnswerStore(answers_dir).save(REFL, {"steps": {"situatie": "van gisteren"}})
    tab1, tab2 = reflection(AnswerStore(answers_dir)), reflection(AnswerStore(answers_dir))  # two kernels

    tab1.boxes["situatie"].value = "eerste tab"
    tab2.boxes["situatie"].value = "tweede tab, ouder beeld"

    assert steps(answers_dir) == {"situatie": "eerste tab"}
    assert tab2.boxes["situatie"].value == "eerste tab"
    assert_dutch(visible(tab2.notice.value), "ander tabblad")

    tab2.boxes["taak"].value = "verder in tab 2"
    assert steps(answers_dir) == {"situatie": "eerste tab", "taak": "verder in tab 2"}
    assert tab2.notice.value == ""

    tab1.boxes["situatie"].value = "tab 1 weet van niets"
    assert steps(answers_dir) == {"situatie": "eerste tab", "taak": "verder in tab 2"}
    assert tab1.boxes["taak"].value == "verder in tab 2"
    assert_dutch(visible(tab1.notice.value), "ander tabblad")


# -- point 8: a read-only folder or a full disk ---------------------------------------------------
class Disk:
    """Makes writes to the answers folder fail the way a read-only folder or a full disk does."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.failure: OSError | None = None
        self.where = ""
        real_mkstemp, real_fsync, real_replace = tempfile.mkstemp, os.fsync, os.replace

        def mkstemp(*args: Any, **kwargs: Any) -> Any:
            self._maybe_fail("mkstemp")
            return real_mkstemp(*args, **kwargs)

        def fsync(fd: int) -> None:
            self._maybe_fail("fsync")
            real_fsync(fd)

        def replace(src: Any, dst: Any, **kwargs: Any) -> None:
            if Path(dst).name == FILE_NAME:
                self._maybe_fail("replace")
            real_replace(src, dst, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)

    def _maybe_fail(self, where: str) -> None:
        if self.failure is not None and self.where == where:
            raise self.failure

    def fail(self, failure: OSError, where: str) -> None:
        self.failure, self.where = failure, where

    def free(self) -> None:
        self.failure = None


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> Disk:
    return Disk(monkeypatch)


FAILURES = {
    "alleen-lezen": (PermissionError(errno.EACCES, "Permission denied"), "mag niet schrijven"),
    "alleen-lezen-schijf": (OSError(errno.EROFS, "Read-only file system"), "mag niet schrijven"),
    "schijf-vol": (OSError(errno.ENOSPC, "No space left on device"), "de schijf is vol"),
    "quotum-vol": (OSError(errno.EDQUOT, "Disk quota exceeded"), "de schijf is vol"),
}


@pytest.mark.parametrize("where", ["mkstemp", "fsync", "replace"])
@pytest.mark.parametrize("failure", sorted(FAILURES))
def test_a_failed_save_warns_keeps_the_answer_and_writes_it_when_possible(
        answers_dir: Path, locking: str, disk: Disk, failure: str, where: str) -> None:
    error, words = FAILURES[failure]
    store = AnswerStore(answers_dir)
    lesson = reflection(store)
    lesson.boxes["situatie"].value = "al opgeslagen"
    before = (answers_dir / FILE_NAME).read_bytes()

    disk.fail(error, where)
    lesson.boxes["situatie"].value = "nieuw, nog niet op schijf"  # no exception reaches the notebook

    assert_dutch(visible(lesson.notice.value), "niet opgeslagen", words, "staat nog in deze les")
    assert 'role="alert"' in lesson.notice.value
    assert lesson.saved_label.value == ""  # the earlier "Opgeslagen om ..." would read as if this save worked
    assert (answers_dir / FILE_NAME).read_bytes() == before  # the previous file is intact
    assert list(answers_dir.glob(".antwoorden-*.tmp")) == []  # no half-written temp file left
    assert store.get(REFL)["steps"]["situatie"] == "nieuw, nog niet op schijf"  # kept in memory
    assert steps(answers_dir) == {"situatie": "al opgeslagen"}

    lesson.boxes["taak"].value = "nog steeds vol"  # typing on is fine, still a warning
    assert "niet opgeslagen" in visible(lesson.notice.value)

    disk.free()
    lesson.boxes["actie"].value = "weer ruimte"
    assert steps(answers_dir) == {"situatie": "nieuw, nog niet op schijf", "taak": "nog steeds vol",
                                  "actie": "weer ruimte"}
    assert lesson.notice.value == "" and "Opgeslagen" in lesson.saved_label.value


def test_an_answer_kept_in_memory_goes_along_with_the_next_save_of_another_exercise(
        answers_dir: Path, locking: str, disk: Disk) -> None:
    store = AnswerStore(answers_dir)
    lesson, quiz = reflection(store), ChoiceQuiz(exercise(QUIZ), store=store)
    disk.fail(OSError(errno.ENOSPC, "No space left on device"), "mkstemp")
    lesson.boxes["situatie"].value = "geschreven toen de schijf vol was"
    assert "de schijf is vol" in visible(lesson.notice.value)

    disk.free()
    quiz.radio.value = "b"

    fresh = AnswerStore(answers_dir)
    assert fresh.get(QUIZ)["selected"] == ["b"]
    assert steps(answers_dir) == {"situatie": "geschreven toen de schijf vol was"}


def test_not_saved_tells_the_caller_which_answers_wait(answers_dir: Path, disk: Disk) -> None:
    store = AnswerStore(answers_dir)
    store.save("01-ander", "blijft")
    disk.fail(PermissionError(errno.EACCES, "Permission denied"), "mkstemp")
    with pytest.raises(NotSaved) as refused:
        store.save(REFL, {"steps": {"situatie": "wacht"}})
    assert set(refused.value.kept) == {REFL}
    assert_dutch(str(refused.value), "niet opgeslagen", str(answers_dir))
    disk.free()
    store.save("01-nog-een", 1)
    assert AnswerStore(answers_dir).entries().keys() == {"01-ander", REFL, "01-nog-een"}


def test_a_really_read_only_folder(answers_dir: Path) -> None:
    store = AnswerStore(answers_dir)
    lesson = reflection(store)
    lesson.boxes["situatie"].value = "al opgeslagen"
    before = (answers_dir / FILE_NAME).read_bytes()
    os.chmod(answers_dir, 0o500)
    try:
        probe = answers_dir / "probe"
        try:
            probe.write_bytes(b"")
        except PermissionError:
            pass
        else:
            probe.unlink()
            pytest.skip("chmod does not stop this user from writing (root): see the simulated tests above")
        lesson.boxes["situatie"].value = "in een map die alleen-lezen is"
        assert_dutch(visible(lesson.notice.value), "niet opgeslagen", "mag niet schrijven")
        assert (answers_dir / FILE_NAME).read_bytes() == before
        assert AnswerStore(answers_dir).get(REFL)["steps"]["situatie"] == "al opgeslagen"
    finally:
        os.chmod(answers_dir, 0o700)
    lesson.boxes["taak"].value = "map weer schrijfbaar"
    assert steps(answers_dir) == {"situatie": "in een map die alleen-lezen is", "taak": "map weer schrijfbaar"}
    assert lesson.notice.value == ""


# -- temp files left behind by a killed save -------------------------------------------------------
def test_old_temp_files_are_removed_when_a_lesson_opens_and_nothing_else(answers_dir: Path) -> None:
    AnswerStore(answers_dir).save("01-ander", "blijft")
    old = time.time() - 3600
    leftovers = [answers_dir / name for name in (".antwoorden-k1ll3d_9.tmp", ".antwoorden-abc.tmp")]
    young = {answers_dir / ".antwoorden-bezig123.tmp": time.time(),  # another kernel is saving right now
             answers_dir / ".antwoorden-bijna123.tmp": time.time() - TEMP_MAX_AGE / 2}
    not_ours = [answers_dir / name for name in ("notities.tmp", "antwoorden-abc.tmp", ".antwoorden-abc.tmp.bak",
                                                ".antwoorden-abc.txt", ".antwoorden-.tmp", "mijn .antwoorden-x.tmp")]
    for path in leftovers:
        path.write_bytes(b'{"half')
        os.utime(path, (old, old))
    for path, moment in young.items():
        path.write_bytes(b"{")
        os.utime(path, (moment, moment))
    for path in not_ours:
        path.write_text("van de student", encoding="utf-8")
        os.utime(path, (old, old))
    essay = answers_dir / "verslag.txt"
    essay.write_text("mijn verslag", encoding="utf-8")
    link = answers_dir / ".antwoorden-link1234.tmp"
    link.symlink_to(essay)
    os.utime(link, (old, old), follow_symlinks=False)
    folder = answers_dir / ".antwoorden-map12345.tmp"
    folder.mkdir()
    (folder / "inhoud.txt").write_text("van de student", encoding="utf-8")
    os.utime(folder, (old, old))

    lesson = reflection(AnswerStore(answers_dir))  # the next start: opening a lesson only reads

    assert not any(path.exists() for path in leftovers)
    assert all(path.exists() for path in young)
    assert all(path.read_text(encoding="utf-8") == "van de student" for path in not_ours)
    assert link.is_symlink() and essay.read_text(encoding="utf-8") == "mijn verslag"
    assert (folder / "inhoud.txt").read_text(encoding="utf-8") == "van de student"
    assert lesson.notice.value == "" and AnswerStore(answers_dir).get("01-ander") == "blijft"


# -- values the file format cannot hold as they are ------------------------------------------------
def test_a_lone_surrogate_is_saved_with_a_replacement_mark_and_the_rest_kept(answers_dir: Path) -> None:
    store = AnswerStore(answers_dir)
    store.save("01-ander", "blijft 👩‍💻")
    lesson = reflection(store)
    lesson.boxes["situatie"].value = "De klant zei \ud800 iets"
    lesson.boxes["taak"].value = "Emoji heel: 👩‍💻"

    assert lesson.notice.value == "" and "Opgeslagen" in lesson.saved_label.value
    raw = (answers_dir / FILE_NAME).read_bytes()
    raw.decode("utf-8")  # strict UTF-8: other programs can read the file
    assert steps(answers_dir) == {"situatie": "De klant zei \ufffd iets", "taak": "Emoji heel: 👩‍💻"}
    assert AnswerStore(answers_dir).get("01-ander") == "blijft 👩‍💻"
    # Also in keys and nested values, and a reopened lesson shows the text with the mark.
    store.save("01-genest", {"\udc80sleutel": ["a\ud83d", {"b": "\udfff"}]})
    assert AnswerStore(answers_dir).get("01-genest") == {"\ufffdsleutel": ["a\ufffd", {"b": "\ufffd"}]}
    assert reflection(AnswerStore(answers_dir)).boxes["situatie"].value == "De klant zei \ufffd iets"


def test_a_5000_digit_number_is_refused_in_dutch_and_nothing_is_lost(answers_dir: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    store = AnswerStore(answers_dir)
    store.save("01-ander", "blijft")
    lesson = reflection(store)
    lesson.boxes["situatie"].value = "al opgeslagen"
    before = (answers_dir / FILE_NAME).read_bytes()

    with pytest.raises(StoreError) as refused:
        store.update("01-getal", 10**5000, based_on=None)
    assert_dutch(str(refused.value), "niet worden opgeslagen", "cijfers")

    with monkeypatch.context() as patch:  # a widget whose state holds such a number
        patch.setattr(lesson, "state", lambda: ReflectionState({"situatie": 10**5000}))  # type: ignore[dict-item]
        lesson.save()
    assert_dutch(visible(lesson.notice.value), "niet worden opgeslagen", "cijfers")
    assert (answers_dir / FILE_NAME).read_bytes() == before
    assert AnswerStore(answers_dir).entries().keys() == {"01-ander", REFL}

    lesson.boxes["taak"].value = "weer gewone tekst"  # the refused value is not carried into later saves
    assert steps(answers_dir) == {"situatie": "al opgeslagen", "taak": "weer gewone tekst"}
    assert lesson.notice.value == "" and AnswerStore(answers_dir).get("01-ander") == "blijft"
