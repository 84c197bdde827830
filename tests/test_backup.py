"""Backup and restore: exact round trips, merging that never loses a newer local answer, bad files refused."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from cursuslib.backup import (
    ASK,
    EXPORTED_AT,
    KEEP_LOCAL,
    NEW,
    SAME,
    UNUSABLE,
    UPDATE,
    apply_restore,
    download_bytes,
    download_name,
    dutch_time,
    parse_saved_at,
    plan_restore,
)
from cursuslib.store import FILE_FORMAT, AnswerStore, StoreError, empty_document, parse_document

HUGE = ("Klant 👩‍💻 zegt: \"héél\" <b>boos</b>\u200b\t\r\n" * 30000)[:1_000_000]


def doc(**answers: tuple[Any, Any]) -> dict[str, Any]:
    """Return a document with ``id=(value, saved_at)`` answers."""
    out = empty_document()
    out["answers"] = {key: {"value": value, "saved_at": at} for key, (value, at) in answers.items()}
    return out


@pytest.fixture
def store(answers_dir: Path) -> AnswerStore:
    return AnswerStore(answers_dir)


def test_download_name_has_the_date() -> None:
    assert download_name(today=date(2026, 11, 23)) == "klantgesprekken-antwoorden-2026-11-23.json"
    assert download_name().startswith("klantgesprekken-antwoorden-") and download_name().endswith(".json")


def test_download_is_the_current_document_as_readable_utf8(store: AnswerStore) -> None:
    store.save("01-quiz", {"selected": ["a"]})
    store.save("01-refl", "Gesprek met één klant 🎉")
    raw = download_bytes(store)
    assert "één klant 🎉".encode() in raw and b"\n" in raw  # UTF-8, not \u escapes; pretty printed
    made = json.loads(raw)
    assert made.pop(EXPORTED_AT).endswith("+00:00")  # when the file was made, for a later restore
    assert made == store.load()
    assert made["format"] == FILE_FORMAT


def test_download_of_an_empty_store_is_a_valid_empty_file(store: AnswerStore) -> None:
    assert parse_document(download_bytes(store)).items() >= empty_document().items()
    assert not store.folder.exists()  # downloading creates nothing


def test_round_trip_into_a_fresh_store_is_exact(store: AnswerStore, tmp_path: Path) -> None:
    answers = {
        "01-quiz": {"selected": ["a", "c"], "attempts": 2},
        "01-refl": {"steps": {"situatie": HUGE, "actie": "\x00\x1f RTL \u202e 中文 <script>"}},
        "02-getal": 1,
        "02-waar": True,
        "02-leeg": None,
    }
    store.save_many(answers)
    original = store.entries()

    fresh = AnswerStore(tmp_path / "nieuw")
    plan = plan_restore(fresh.load(), parse_document(download_bytes(store)))
    assert plan.counts == {NEW: 5, UPDATE: 0, ASK: 0, KEEP_LOCAL: 0, UNUSABLE: 0, SAME: 0}
    assert apply_restore(fresh, plan) == 5
    assert AnswerStore(fresh.folder).entries() == original  # values and saved_at, exactly

    again = plan_restore(fresh.load(), parse_document(download_bytes(store)))
    assert again.counts[SAME] == 5 and not again.to_write
    assert apply_restore(fresh, again) == 0


def test_merge_rules_per_exercise() -> None:
    local = doc(
        oud=("lokaal", "2026-11-20T10:00:00+01:00"),
        nieuwer=("lokaal nieuw", "2026-11-23T12:40:00+01:00"),
        zelfde=("hetzelfde", "2026-11-20T10:00:00+01:00"),
        alleen_hier=("blijft", "2026-11-20T10:00:00+01:00"),
    )
    uploaded = doc(
        oud=("uit bestand", "2026-11-22T09:05:00+01:00"),
        nieuwer=("bestand oud", "2026-11-21T08:00:00+01:00"),
        zelfde=("hetzelfde", "2026-11-25T10:00:00+01:00"),
        erbij=("nieuw", "2026-11-21T08:00:00+01:00"),
    )
    plan = plan_restore(local, uploaded)
    actions = {c.exercise_id: c.action for c in plan.changes}
    assert actions == {"oud": UPDATE, "nieuwer": KEEP_LOCAL, "zelfde": SAME, "erbij": NEW}
    assert plan.counts == {NEW: 1, UPDATE: 1, ASK: 0, KEEP_LOCAL: 1, UNUSABLE: 0, SAME: 1}
    assert plan.local_only == 1
    assert {c.exercise_id for c in plan.to_write} == {"erbij", "oud"}
    text = {c.exercise_id: c.description for c in plan.changes}
    assert "'nieuwer'" in text["nieuwer"] and "nieuwer dan" in text["nieuwer"] and "blijft staan" in text["nieuwer"]
    assert "23-11-2026 12:40" in text["nieuwer"] and "21-11-2026 08:00" in text["nieuwer"]
    assert "22-11-2026 09:05" in text["oud"] and "20-11-2026 10:00" in text["oud"]
    assert "nieuw antwoord" in text["erbij"]


def test_local_newer_is_kept_when_applied(store: AnswerStore) -> None:
    store.save("01-refl", "mijn nieuwste tekst")
    uploaded = doc(**{"01-refl": ("oude tekst", "2020-01-01T10:00:00+01:00"), "01-quiz": ("a", "2020-01-01T10:00:00+01:00")})
    plan = plan_restore(store.load(), uploaded)
    assert apply_restore(store, plan) == 1
    assert store.get("01-refl") == "mijn nieuwste tekst"
    assert store.entries()["01-quiz"] == {"value": "a", "saved_at": "2020-01-01T10:00:00+01:00"}


@pytest.mark.parametrize("odd", [None, "", "gisteren", 20261123, "2026-13-45T99:00", {"x": 1}])
def test_unreadable_upload_time_keeps_local(odd: Any) -> None:
    local = doc(a=("lokaal", "2020-01-01T00:00:00+00:00"))
    plan = plan_restore(local, doc(a=("bestand", odd), b=("nieuw", odd)))
    actions = {c.exercise_id: c.action for c in plan.changes}
    assert actions == {"a": KEEP_LOCAL, "b": NEW}
    assert "datum onbekend" in plan.changes[0].description
    assert plan.by_action(NEW)[0].entry["saved_at"] == (odd if isinstance(odd, str) else None)


def test_ties_and_two_unreadable_times_keep_local() -> None:
    same_time = "2026-11-23T12:40:00+01:00"
    assert plan_restore(doc(a=("x", same_time)), doc(a=("y", same_time))).changes[0].action == KEEP_LOCAL
    assert plan_restore(doc(a=("x", "??")), doc(a=("y", "!!"))).changes[0].action == KEEP_LOCAL


def test_unreadable_local_time_keeps_local_too() -> None:
    change = plan_restore(doc(a=("x", None)), doc(a=("y", "2026-11-23T12:40:00+01:00"))).changes[0]
    assert change.action == KEEP_LOCAL and "niet vast te stellen" in change.description


def test_times_in_other_zones_and_without_zone_compare_safely() -> None:
    # 12:00 UTC is later than 12:40 in Amsterdam (11:40 UTC).
    plan = plan_restore(doc(a=("x", "2026-11-23T12:40:00+01:00")), doc(a=("y", "2026-11-23T12:00:00Z")))
    assert plan.changes[0].action == UPDATE
    naive = plan_restore(doc(a=("x", "2026-11-23T12:40:00+01:00")), doc(a=("y", "2030-01-01T00:00:00")),
                         now_at=datetime(2030, 6, 1, tzinfo=UTC))
    assert naive.changes[0].action == UPDATE
    assert parse_saved_at("2026-11-23T12:40:00") is not None and parse_saved_at("nee") is None
    assert dutch_time("nee") == "datum onbekend"


def test_dates_are_shown_in_dutch_wall_clock_time() -> None:
    # Binder and school servers save in UTC; the student reads Dutch time.
    assert dutch_time("2026-11-23T11:40:00+00:00") == "23-11-2026 12:40"
    assert dutch_time("2026-07-01T10:00:00Z") == "01-07-2026 12:00"


def test_values_that_python_calls_equal_but_json_does_not_are_different() -> None:
    plan = plan_restore(doc(a=(1, "2026-01-01T00:00:00+00:00")), doc(a=(True, "2026-02-01T00:00:00+00:00")))
    assert plan.changes[0].action == UPDATE


@pytest.mark.parametrize(("raw", "reason"), [
    (b"{kapot", "beschadigd"),
    (b"\xff\xfe\x00binair", "geen tekstbestand"),
    (json.dumps({"format": "iets-anders", "version": 1, "answers": {}}).encode(), "geen antwoordenbestand"),
    (json.dumps([1, 2, 3]).encode(), "geen antwoordenbestand"),
    (json.dumps({"format": FILE_FORMAT, "version": 2, "answers": {}}).encode(), "versie 2"),
    (json.dumps({"format": FILE_FORMAT, "version": 1, "answers": {"a": "los"}}).encode(), "beschadigd"),
])
def test_bad_uploads_raise_a_dutch_error_and_change_nothing(store: AnswerStore, raw: bytes, reason: str) -> None:
    store.save("01-refl", "bewaren")
    before = store.path.read_bytes()
    with pytest.raises(StoreError, match=reason):
        plan_restore(store.load(), parse_document(raw, name="Het bestand 'x.json'"))
    assert store.path.read_bytes() == before


def test_plan_refuses_an_invalid_document_directly() -> None:
    with pytest.raises(StoreError, match="versie"):
        plan_restore(empty_document(), {"format": FILE_FORMAT, "version": 99, "answers": {}})


def test_local_save_between_plan_and_apply_is_not_lost(store: AnswerStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import cursuslib.store as store_module

    monkeypatch.setattr(store_module, "_now", lambda: "2020-01-01T00:00:00+00:00")
    store.save("01-refl", "lokaal oud")
    monkeypatch.undo()
    uploaded = doc(**{
        "01-refl": ("uit het bestand", "2021-01-01T00:00:00+00:00"),
        "01-quiz": ("uit het bestand", "2000-01-01T00:00:00+00:00"),
    })
    plan = plan_restore(store.load(), uploaded)
    assert {c.exercise_id for c in plan.to_write} == {"01-refl", "01-quiz"}

    # Meanwhile another notebook (another store object, same file) saves.
    other = AnswerStore(store.folder)
    other.save("01-quiz", "net lokaal opgeslagen")
    other.save("02-nieuw", "ook nieuw")

    assert apply_restore(store, plan) == 1
    fresh = AnswerStore(store.folder)
    assert fresh.get("01-quiz") == "net lokaal opgeslagen"
    assert fresh.get("02-nieuw") == "ook nieuw"
    assert fresh.get("01-refl") == "uit het bestand"
    assert fresh.entries()["01-refl"]["saved_at"] == "2021-01-01T00:00:00+00:00"


def test_apply_writes_only_what_was_previewed(store: AnswerStore) -> None:
    uploaded = doc(a=("bestand", "2026-01-01T00:00:00+00:00"))
    plan = plan_restore(doc(a=("lokaal", "2027-01-01T00:00:00+00:00")), uploaded)  # preview: keep local
    assert apply_restore(store, plan) == 0
    assert not store.path.exists()
