"""Hostile uploads to the backup panel: each gets a Dutch message, and nothing is written before confirm (issue 16, point 6).

Every file goes through the real :class:`BackupPanel` (headless) the way ipywidgets hands it over. A
refused file leaves the answers file byte for byte as it was; a file that is odd but usable shows a
bounded preview first, and confirm writes only what that preview said. The merge keeps the newest
answer per exercise and asks, instead of replacing, when the clocks contradict each other.
Point 4 of the brief (a lesson left open does not undo a restore) is in test_store_lesson.py.
"""

from __future__ import annotations

import gzip
import html
import io
import json
import re
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import ipywidgets as w
import pytest

from cursuslib import store as store_module
from cursuslib.backup import (
    ASK,
    EXPORTED_AT,
    KEEP_LOCAL,
    MAX_ID_CHARS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_MB,
    MAX_VALUE_DEPTH,
    NEW,
    UNUSABLE,
    UPDATE,
    apply_restore,
    plan_restore,
)
from cursuslib.store import AnswerStore, empty_document
from cursuslib.widgets.backup import PREVIEW_LIMIT, BackupPanel

#: Stamps relative to the real clock, so that "newer" never turns into "in the future" on another day.
NOW = datetime.now(UTC).replace(microsecond=0)
LOCAL = (NOW - timedelta(days=2)).isoformat()
OLDER = (NOW - timedelta(days=10)).isoformat()
NEWER = (NOW - timedelta(days=1)).isoformat()
#: What the student has before every upload.
MINE = {"01-refl": "mijn antwoord hier", "01-quiz": {"selected": ["a"]}}
REFUSED = "Er is niets veranderd aan je antwoorden"
MiB = 1024 * 1024


def document(answers: dict[str, Any], **extra: Any) -> bytes:
    """An answers file as the course writes it; ``answers`` maps id to (value, saved_at) or a raw entry."""
    doc: dict[str, Any] = {**empty_document(), **extra}
    doc["answers"] = {key: {"value": entry[0], "saved_at": entry[1]} if isinstance(entry, tuple) else entry
                      for key, entry in answers.items()}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


VALID = document({"02-erbij": ("uit het bestand", OLDER)})


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def nested(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


def visible(value: str) -> str:
    """What the student reads in an HTML value."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", value)).split())


def html_values(widget: w.Widget) -> Iterator[str]:
    """Every HTML text the panel shows, however deep."""
    if isinstance(widget, w.HTML):
        yield widget.value
    for child in getattr(widget, "children", ()):
        yield from html_values(child)


@pytest.fixture
def store(answers_dir, monkeypatch: pytest.MonkeyPatch) -> AnswerStore:
    """A store with the student's own answers, saved two days ago."""
    answers = AnswerStore(answers_dir)
    with monkeypatch.context() as patch:
        patch.setattr(store_module, "_now", lambda: LOCAL)
        answers.save_many(MINE)
    return answers


# -- 1. hostile files ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Hostile:
    """One uploaded file: its bytes (made when the test runs), its name, and what the student must read."""

    make: Callable[[], bytes]
    #: Words of the Dutch message (refused) or of the preview (usable); all of them must be shown.
    says: tuple[str, ...]
    name: str = "klantgesprekken-antwoorden-2026-11-23.json"
    #: None: refused. Otherwise the exercise ids confirm writes (the preview comes first).
    writes: frozenset[str] | None = None


def usable(make: Callable[[], bytes], *says: str, writes: tuple[str, ...] = (), name: str = Hostile.name) -> Hostile:
    return Hostile(make, says, name, frozenset(writes))


def refused(make: Callable[[], bytes], *says: str, name: str = Hostile.name) -> Hostile:
    return Hostile(make, (*says, REFUSED), name)


SCRIPT_NAME = '<script>alert(1)</script><img src=x onerror="alert(2)">.json'
HOSTILE = {
    # not an answers file at all
    "0-bytes": refused(lambda: b"", "is leeg"),
    "alleen-witruimte": refused(lambda: b" \r\n\t \n ", "is leeg"),
    "afgekapte-json": refused(lambda: VALID[: len(VALID) // 2], "geen geldige JSON"),
    "geen-utf8": refused(lambda: '{"format": "café"}'.encode("latin-1"), "geen tekstbestand"),
    "nul-bytes": refused(lambda: VALID[:20] + b"\x00" * 64 + VALID[20:], "lege tekens (NUL)"),
    "png": refused(lambda: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "geen tekstbestand"),
    "zip": refused(lambda: zipped({"antwoorden.json": VALID}), "ingepakt bestand", "Pak het eerst uit"),
    "gzip": refused(lambda: gzip.compress(VALID), "ingepakt bestand"),
    "docx": refused(lambda: zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
                    "ingepakt bestand", name="Reflectie klantgesprek.docx"),
    "html-pagina": refused(lambda: b"<!DOCTYPE html><html><body><script>alert(1)</script>"
                                   b"<img src=x onerror=alert(2)></body></html>", "geen geldige JSON"),
    "json-lijst": refused(lambda: b'[{"value": "a"}]', "geen antwoordenbestand van deze cursus"),
    "json-tekst": refused(lambda: b'"antwoorden"', "geen antwoordenbestand van deze cursus"),
    "notebook": refused(lambda: json.dumps({"cells": [], "metadata": {}, "nbformat": 4}).encode(),
                        "een les (een notebook)"),
    "andere-cursus": refused(lambda: json.dumps({"format": "gespreksvaardigheid-antwoorden", "version": 1,
                                                 "answers": {}}).encode(),
                             "hoort bij een andere cursus ('gespreksvaardigheid-antwoorden')"),
    "andere-cursus-met-script": refused(lambda: json.dumps({"format": "<script>alert(1)</script>-antwoorden",
                                                            "version": 1, "answers": {}}).encode(),
                                        "hoort bij een andere cursus"),
    "ander-formaat": refused(lambda: json.dumps({"format": "iets-anders", "version": 1, "answers": {}}).encode(),
                             "geen antwoordenbestand van deze cursus"),
    # an answers file with the wrong structure
    "versie-2": refused(lambda: json.dumps({**empty_document(), "version": 2}).encode(), "versie 2"),
    "versie-true": refused(lambda: json.dumps({**empty_document(), "version": True}).encode(), "versie True"),
    "answers-geen-dict": refused(lambda: json.dumps({**empty_document(), "answers": [["01-refl", "x"]]}).encode(),
                                 "'answers' ontbreekt"),
    "antwoord-zonder-value": refused(lambda: document({"01-refl": {"saved_at": NEWER}}),
                                     "het antwoord bij oefening '01-refl' is beschadigd"),
    "antwoord-los-onder-script-id": refused(lambda: document({"<script>alert(1)</script>": "los"}), "is beschadigd"),
    "getal-5000-cijfers": refused(lambda: VALID.replace(b'"uit het bestand"', b"9" * 5000),
                                  "getal in met meer dan 4.300 cijfers"),
    "10000-lagen-lijst": refused(lambda: VALID.replace(b'"uit het bestand"', nested(10_000)), "te veel lagen"),
    "10000-lagen-object": refused(lambda: b'{"a":' * 10_000 + b"1" + b"}" * 10_000, "te veel lagen"),
    "51-mib": refused(lambda: VALID[:-1] + b" " * (51 * MiB - len(VALID)) + b"}",
                      "te groot (51 MB)", f"hooguit {MAX_UPLOAD_MB} MB"),
    "naam-met-script": refused(lambda: b"{kapot", "geen geldige JSON", name=SCRIPT_NAME),
    "naam-met-pad": refused(lambda: b"{kapot", "C:\\Users\\leerling\\..\\..\\etc\\passwd",
                            name="C:\\Users\\leerling\\..\\..\\etc\\passwd"),
    # usable, but odd: a preview first, and only the usable answers are written
    "bom-utf8": usable(lambda: b"\xef\xbb\xbf" + VALID, "Komt erbij (1)", writes=("02-erbij",)),
    "bom-utf16": usable(lambda: VALID.decode().encode("utf-16"), "Komt erbij (1)", writes=("02-erbij",)),
    "ids-als-pad": usable(lambda: document({"../../etc/passwd": ("x", NEWER), "C:\\x": ("x", NEWER),
                                            "<script>alert(1)</script>": ("x", NEWER), "02-erbij": ("goed", OLDER)}),
                          "Kan niet worden teruggezet (3)", "'../../etc/passwd': dit is geen naam van een oefening",
                          "'C:\\x'", "Komt erbij (1)", writes=("02-erbij",)),
    "id-300-tekens": usable(lambda: document({"a" * 300: ("x", NEWER)}), "dit is geen naam van een oefening",
                            "Er is niets om terug te zetten"),
    "100-lagen-in-antwoord": usable(lambda: VALID.replace(b'"uit het bestand"', nested(100)),
                                    "er zitten te veel lagen in elkaar. Dit antwoord wordt niet teruggezet"),
    "los-surrogaat": usable(lambda: VALID.replace(b'"uit het bestand"', b'"\\ud800"'),
                            "er staat een teken in dat niet kan worden opgeslagen"),
    "dubbele-oefening": usable(lambda: VALID[:-2] + b', "02-erbij": {"value": "ouder", "saved_at": "2001-01-01"}}}',
                               "1 oefening meer dan één keer: '02-erbij'", writes=("02-erbij",)),
    **{f"saved-at-{label}": usable(
        lambda stamp=stamp: document({"01-refl": ("uit het bestand", stamp), "02-erbij": ("nieuw", stamp)}),
        "Komt erbij (1)", "(datum onbekend)", "het is niet vast te stellen", "je antwoord hier blijft staan",
        writes=("02-erbij",))
       for label, stamp in [("jaar-9999", "9999-12-31T23:59:59+00:00"), ("jaar-1", "0001-01-01T00:00:00"),
                            ("onzin", "gisteren <script>"), ("getal", 10**30)]},
    "11-mib": usable(lambda: document({"02-groot": ("Klant zegt: " + "bla " * (11 * MiB // 4), OLDER)}),
                     "Komt erbij (1)", "'02-groot'", writes=("02-groot",)),
    "naam-met-script-geldig": usable(lambda: VALID, SCRIPT_NAME, writes=("02-erbij",), name=SCRIPT_NAME),
    "naam-met-pad-geldig": usable(lambda: VALID, "/home/leerling/../../etc/passwd.json", writes=("02-erbij",),
                                  name="/home/leerling/../../etc/passwd.json"),
    "naam-met-richtingsteken": usable(lambda: VALID, "antwoordennosj.exe", writes=("02-erbij",),
                                      name="antwoorden\u202enosj.exe"),
}


@pytest.mark.parametrize("case", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_upload_gets_a_dutch_message_and_nothing_is_written_unasked(store: AnswerStore,
                                                                             case: Hostile) -> None:
    before = store.path.read_bytes()
    panel = BackupPanel(store=store)
    panel.handle_upload(case.name, case.make(), modified=NOW)

    shown = visible(panel.preview.value)
    assert shown, "the student must read something"
    for words in case.says:
        assert words in shown, shown
    assert "\u202e" not in shown and "Traceback" not in shown
    for value in html_values(panel):
        assert "<script" not in value.lower() and "<img" not in value.lower(), value
    assert len(panel.preview.value) < 20_000  # even for the 11 MiB answer
    assert store.path.read_bytes() == before  # nothing written before confirm

    if case.writes is None:
        assert panel.plan is None and panel.actions.children == ()
        panel.confirm()  # a stale click does nothing
        assert store.path.read_bytes() == before
        return
    assert bool(panel.actions.children) == bool(case.writes)
    panel.confirm()
    after = AnswerStore(store.folder)
    entries = after.entries()
    assert not after.notices
    assert {key for key in entries if key not in MINE} == case.writes
    assert {key: entries[key]["value"] for key in MINE} == MINE  # the student's own answers stay
    if case.writes:
        assert "teruggezet" in visible(panel.result.value)


def test_a_file_that_is_not_a_dict_at_the_top_nor_text_never_raises(store: AnswerStore) -> None:
    """A few more shapes at once (cheap): each refused in Dutch, the file unchanged."""
    before = store.path.read_bytes()
    panel = BackupPanel(store=store)
    for raw in (b"null", b"true", b"NaN", b"1e999", b"\xff\xfe{\x00", b"\xfe\xff", b"{}", b"[]" * 1000):
        panel.handle_upload("x.json", raw)
        assert REFUSED in visible(panel.preview.value), raw[:20]
    assert store.path.read_bytes() == before


def test_what_is_restored_at_the_limits_reads_back_without_a_notice(store: AnswerStore) -> None:
    """The deepest value and the longest id a restore accepts make a file the store still reads (no 'damaged')."""
    longest = "a" * MAX_ID_CHARS
    raw = document({longest: (json.loads(nested(MAX_VALUE_DEPTH - 1)), OLDER),
                    "02-te-diep": (json.loads(nested(MAX_VALUE_DEPTH)), OLDER),
                    "a" * (MAX_ID_CHARS + 1): ("x", OLDER)})
    panel = BackupPanel(store=store)
    panel.handle_upload("randen.json", raw)
    actions = {c.exercise_id: c.action for c in panel.plan.changes}
    assert actions == {longest: NEW, "02-te-diep": UNUSABLE, "a" * (MAX_ID_CHARS + 1): UNUSABLE}
    panel.confirm()
    fresh = AnswerStore(store.folder)
    assert json.dumps(fresh.get(longest)) == nested(MAX_VALUE_DEPTH - 1).decode() and not fresh.notices


def test_a_restore_that_would_make_the_answers_file_too_big_fails_in_dutch_and_changes_nothing(
        store: AnswerStore) -> None:
    store.save("01-lang", "x" * (2 * MiB))
    before = store.path.read_bytes()
    panel = BackupPanel(store=store)
    big = "Klant zegt: " + "bla " * ((MAX_UPLOAD_BYTES - MiB) // 4)
    panel.handle_upload("groot.json", document({"02-groot": (big, OLDER)}))
    assert "Komt erbij (1)" in visible(panel.preview.value)
    panel.confirm()
    result = visible(panel.result.value)
    assert "Terugzetten is niet gelukt" in result and "Je antwoorden zijn niet veranderd" in result, result
    assert store.path.read_bytes() == before


# -- 2. the preview is capped -------------------------------------------------------------------------
MANY = 400_000


@pytest.fixture(scope="module")
def many_ids() -> bytes:
    return document({f"ex-{number}": (f"antwoord {number}", OLDER) for number in range(MANY)})


def test_400000_ids_give_a_small_preview_in_bounded_time(store: AnswerStore, many_ids: bytes) -> None:
    before = store.path.read_bytes()
    panel = BackupPanel(store=store)
    started = time.perf_counter()
    panel.handle_upload("veel.json", many_ids)
    took = time.perf_counter() - started
    assert took < 20, f"{took:.1f} s"  # was 95 s; bench/bench_restore_preview.py measures the real figure
    assert sum(len(value) for value in html_values(panel)) < 200_000
    shown = visible(panel.preview.value)
    assert "bevat 400.000 antwoorden" in shown and "Komt erbij (400.000)" in shown  # Dutch thousands separator
    assert f"… en nog {MANY - PREVIEW_LIMIT:,} andere.".replace(",", ".") in shown
    assert shown.count("Oefening 'ex-") == PREVIEW_LIMIT
    assert panel.plan is not None and len(panel.plan.to_write) == MANY  # listed in short, but nothing dropped
    assert store.path.read_bytes() == before


def test_confirming_many_new_answers_takes_linear_time(store: AnswerStore) -> None:
    count = 15_000
    plan = plan_restore(store.load(), json.loads(document({f"ex-{n}": ("a", OLDER) for n in range(count)})))
    started = time.perf_counter()
    assert apply_restore(store, plan) == count
    assert time.perf_counter() - started < 1.0  # linear: about 0.1 s


# -- 3. merge semantics -------------------------------------------------------------------------------
@pytest.fixture
def saved_at(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Save one local answer with a chosen stamp."""

    def save(store: AnswerStore, exercise_id: str, value: Any, moment: datetime) -> None:
        with monkeypatch.context() as patch:
            patch.setattr(store_module, "_now", lambda: moment.isoformat())
            store.save(exercise_id, value)

    return save


def test_newest_answer_per_exercise_is_previewed_before_it_is_written(store: AnswerStore, saved_at) -> None:
    saved_at(store, "01-oud", "lokaal oud", NOW - timedelta(days=10))
    saved_at(store, "01-nieuw", "lokaal nieuw", NOW - timedelta(hours=1))
    saved_at(store, "01-zelfde", "hetzelfde", NOW - timedelta(days=3))
    before_bytes, before = store.path.read_bytes(), store.entries()
    panel = BackupPanel(store=store)
    panel.handle_upload("backup.json", document({
        "01-oud": ("uit het bestand", NEWER),
        "01-nieuw": ("bestand ouder", OLDER),
        "01-zelfde": ("hetzelfde", NEWER),
        "02-erbij": ("nieuw", OLDER),
    }))

    shown = visible(panel.preview.value)
    assert "Wordt bijgewerkt, want het bestand is nieuwer (1)" in shown
    assert "Nu hier: “lokaal oud”. In het bestand: “uit het bestand”." in shown  # what is replaced, before it is
    assert "Blijft zoals het hier staat (1)" in shown and "'01-nieuw'" in shown and "nieuwer dan" in shown
    assert "1 antwoord staat hier al precies zo" in shown and "Komt erbij (1)" in shown
    assert "Wil je 2 antwoorden terugzetten?" in shown
    assert store.path.read_bytes() == before_bytes

    panel.confirm()
    after = AnswerStore(store.folder).entries()
    assert after["01-oud"] == {"value": "uit het bestand", "saved_at": NEWER}  # its own stamp, not the restore's
    assert after["02-erbij"] == {"value": "nieuw", "saved_at": OLDER}
    for kept in ("01-nieuw", "01-zelfde", *MINE):
        assert after[kept] == before[kept]
    assert set(after) == {*before, "02-erbij"}
    assert "2 antwoorden zijn teruggezet" in visible(panel.result.value)


def _skewed(made: str) -> tuple[bytes, dict[str, Any]]:
    """The student's situation when the file's clock lies: the upload and the handle_upload keywords.

    ``future``: the file was made an hour ago on a device whose clock runs a day ahead; its stamps lie
    in the future. ``after_file``: the stamps look fine, but this device received the file (the browser's
    last_modified) before the student changed the answer here, and yet the file's answer claims to be newer.
    """
    if made == "future":
        ahead = NOW + timedelta(days=1)
        raw = document({"01-refl": ("van het apparaat dat voorloopt", (ahead - timedelta(hours=2)).isoformat())},
                       **{EXPORTED_AT: (ahead - timedelta(hours=1)).isoformat()})
        return raw, {}
    raw = document({"01-refl": ("van het apparaat dat voorloopt", (NOW - timedelta(minutes=10)).isoformat())})
    return raw, {"modified": NOW - timedelta(hours=2)}


@pytest.mark.parametrize("include", [False, True], ids=["niet-aangevinkt", "aangevinkt"])
@pytest.mark.parametrize("made", ["future", "after_file"])
def test_clock_skew_asks_instead_of_replacing_a_local_answer_changed_after_the_file(
        store: AnswerStore, saved_at, made: str, include: bool) -> None:
    saved_at(store, "01-refl", "later hier veranderd", NOW - timedelta(minutes=30))
    before = store.path.read_bytes()
    raw, when = _skewed(made)
    panel = BackupPanel(store=store)
    panel.handle_upload("backup.json", raw, **when)

    assert panel.plan is not None
    assert [(c.exercise_id, c.action, c.reason) for c in panel.plan.changes] == [("01-refl", ASK, made)]
    shown = visible(panel.preview.value)
    assert "Kies zelf, want het is niet zeker welk antwoord nieuwer is (1)" in shown
    assert "klok liep" in shown.lower() and "Nu hier: “later hier veranderd”." in shown
    assert ("in dit bestand staat een tijd die later is dan nu" in shown) == (made == "future")
    assert panel.choice.children == (panel.ask_box,) and panel.ask_box.value is False
    assert store.path.read_bytes() == before

    panel.ask_box.value = include
    panel.confirm()
    value = AnswerStore(store.folder).get("01-refl")
    result = visible(panel.result.value)
    if include:
        assert value == "van het apparaat dat voorloopt" and "1 antwoord is teruggezet" in result
    else:
        assert value == "later hier veranderd" and "1 antwoord hier is blijven staan" in result
        assert store.path.read_bytes() == before


@pytest.mark.parametrize("clock", ["goed", "bestand-loopt-voor", "ontvangen-voor-wijziging"])
def test_an_older_upload_never_replaces_a_newer_local_answer(store: AnswerStore, saved_at, clock: str) -> None:
    saved_at(store, "01-refl", "nieuwer hier", NOW - timedelta(hours=1))
    extra = {EXPORTED_AT: (NOW + timedelta(days=1)).isoformat()} if clock == "bestand-loopt-voor" else {}
    raw = document({"01-refl": ("ouder in het bestand", NEWER), "02-erbij": ("nieuw", NEWER)}, **extra)
    modified = NOW - timedelta(days=3) if clock == "ontvangen-voor-wijziging" else None
    before = store.entries()["01-refl"]
    panel = BackupPanel(store=store)
    panel.handle_upload("backup.json", raw, modified=modified)

    change = {c.exercise_id: c for c in panel.plan.changes}["01-refl"]
    assert (change.action, change.reason) == (KEEP_LOCAL, "newer")
    panel.ask_box.value = True  # even when the student says yes to every question
    panel.confirm()
    assert AnswerStore(store.folder).entries()["01-refl"] == before


def test_a_local_answer_from_a_clock_that_ran_ahead_is_asked_not_kept_or_replaced_silently(
        store: AnswerStore, saved_at) -> None:
    saved_at(store, "01-refl", "hier, met een klok die voorliep", NOW + timedelta(days=1))
    plan = plan_restore(store.load(), json.loads(document({"01-refl": ("uit het bestand", NEWER)})), now_at=NOW)
    assert [(c.action, c.reason) for c in plan.changes] == [(ASK, "future")]
    assert apply_restore(store, plan) == 0 and store.get("01-refl") == "hier, met een klok die voorliep"
    assert apply_restore(store, plan, include_asked=["01-refl"]) == 1 and store.get("01-refl") == "uit het bestand"


def test_new_and_update_are_the_only_writes_without_asking(store: AnswerStore, saved_at) -> None:
    saved_at(store, "01-oud", "lokaal oud", NOW - timedelta(days=10))
    plan = plan_restore(store.load(), json.loads(document({"01-oud": ("x", NEWER), "02-erbij": ("y", OLDER)})))
    assert sorted((c.exercise_id, c.action) for c in plan.to_write) == [("01-oud", UPDATE), ("02-erbij", NEW)]
