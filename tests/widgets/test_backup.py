"""Backup panel, driven headless: download link, upload preview, confirm, cancel and bad files."""

from __future__ import annotations

import base64
import html
import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest

from cursuslib.backup import download_bytes
from cursuslib.dates import now, wall_clock
from cursuslib.store import FILE_FORMAT, AnswerStore, empty_document
from cursuslib.widgets.backup import BackupPanel, show_backup

from .conftest import strip_tags

OLD = "2020-01-01T10:00:00+01:00"
#: Newer than a local answer saved at LOCAL, and before the uploads' last_modified (see ``upload``).
NEWER = "2026-11-22T10:00:00+01:00"
LOCAL = "2026-11-20T10:00:00+01:00"


@pytest.fixture
def saved_earlier(monkeypatch: pytest.MonkeyPatch) -> None:
    """Local saves get the stamp LOCAL, so that an upload from NEWER is newer and nothing is in the future."""
    import cursuslib.store as store_module

    monkeypatch.setattr(store_module, "_now", lambda: LOCAL)


def upload(panel: BackupPanel, content: bytes, name: str = "klantgesprekken-antwoorden-2026-11-23.json") -> None:
    """Set the FileUpload value the way ipywidgets 8 does after the student picks a file."""
    panel.upload.value = ({
        "name": name,
        "type": "application/json",
        "size": len(content),
        "content": memoryview(content),
        "last_modified": datetime(2026, 11, 23, 12, 40, tzinfo=UTC),
    },)


def document(answers: dict[str, tuple[Any, str]]) -> bytes:
    doc = empty_document()
    doc["answers"] = {key: {"value": value, "saved_at": at} for key, (value, at) in answers.items()}
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def test_show_backup_returns_the_panel(store: AnswerStore) -> None:
    panel = show_backup(store=store)
    assert isinstance(panel, BackupPanel)
    assert panel.upload.accept == ".json" and panel.upload.multiple is False
    assert panel.upload.description == "Kies bestand"
    assert panel.download.value == ""  # no stale link before the student asks for one


def test_download_link_holds_the_current_answers(store: AnswerStore) -> None:
    store.save("01-quiz", {"selected": ["a"]})
    panel = BackupPanel(store=store)
    panel.make_button.click()
    store.save("01-refl", 'Klant zei "<script>alert(1)</script>" 👩‍💻')
    panel.make_button.click()  # re-rendered: now with the latest answer

    shown = panel.download.value
    assert 'aria-live="polite"' in shown and "Download al je antwoorden" in shown
    match = re.search(r'<a download="(klantgesprekken-antwoorden-\d{4}-\d{2}-\d{2}\.json)" '
                      r'href="data:application/json;base64,([A-Za-z0-9+/=]+)"', shown)
    assert match, shown
    assert base64.b64decode(match.group(2)) == download_bytes(store)
    assert json.loads(base64.b64decode(match.group(2)))["answers"]["01-refl"]["value"].startswith("Klant zei")
    assert "<script" not in shown  # the answer only travels base64-encoded
    today = f"{wall_clock(now()):%d-%m-%Y}"  # the Dutch date, also on a server in UTC after 23:00
    assert "2 antwoorden" in strip_tags(shown) and today in shown
    assert f"antwoorden-{wall_clock(now()):%Y-%m-%d}.json" in shown  # the file is named with that same date


def test_upload_shows_a_preview_and_changes_nothing_yet(store: AnswerStore, saved_earlier: None) -> None:
    store.save("01-refl", "mijn nieuwste tekst")
    store.save("01-oud", "lokaal oud")
    before = store.path.read_bytes()
    panel = BackupPanel(store=store)
    upload(panel, document({
        "01-refl": ("oude tekst", OLD),
        "01-oud": ("uit het bestand", NEWER),
        "02-erbij": ("<b>nieuw</b>", OLD),
    }))

    shown = panel.preview.value
    text = strip_tags(shown)
    assert 'aria-live="polite"' in shown
    assert "Komt erbij (1)" in text and "'02-erbij'" in html.unescape(text)
    assert "Wordt bijgewerkt" in text and "01-oud" in text
    assert "Nu hier: “lokaal oud”. In het bestand: “uit het bestand”." in html.unescape(text)
    assert "Blijft zoals het hier staat (1)" in text and "nieuwer dan" in text
    assert "Wil je 2 antwoorden terugzetten?" in text
    assert [b.description for b in panel.actions.children] == ["Ja, zet terug", "Annuleren"]
    assert store.path.read_bytes() == before
    assert panel.upload.value == ()  # ready for the next file


def test_confirm_restores_and_keeps_the_newer_local_answer(store: AnswerStore) -> None:
    store.save("01-refl", "mijn nieuwste tekst")
    panel = BackupPanel(store=store)
    upload(panel, document({"01-refl": ("oude tekst", OLD), "02-erbij": ("nieuw 🎉", OLD)}))
    panel.confirm_button.click()

    assert store.get("01-refl") == "mijn nieuwste tekst"
    assert store.entries()["02-erbij"] == {"value": "nieuw 🎉", "saved_at": OLD}
    result = strip_tags(panel.result.value)
    assert "1 antwoord is teruggezet" in result and "Run All" in result
    assert 'aria-live="polite"' in panel.result.value
    assert panel.actions.children == () and panel.plan is None


def test_a_local_save_after_the_preview_wins(store: AnswerStore, monkeypatch: pytest.MonkeyPatch) -> None:
    import cursuslib.store as store_module

    monkeypatch.setattr(store_module, "_now", lambda: "2026-11-23T10:00:00+01:00")
    store.save("01-refl", "eerst")
    panel = BackupPanel(store=store)
    upload(panel, document({"01-refl": ("uit het bestand", "2026-11-23T11:00:00+01:00")}))
    assert "Wordt bijgewerkt" in panel.preview.value

    # Before the student clicks, another notebook saves a newer answer.
    monkeypatch.setattr(store_module, "_now", lambda: "2026-11-23T12:00:00+01:00")
    AnswerStore(store.folder).save("01-refl", "net opgeslagen in een ander notebook")
    panel.confirm_button.click()

    assert store.get("01-refl") == "net opgeslagen in een ander notebook"
    result = strip_tags(panel.result.value)
    assert "Er is niets teruggezet" in result and "Goed" not in result and "1 antwoord is niet teruggezet" in result


def test_cancel_changes_nothing(store: AnswerStore) -> None:
    store.save("01-refl", "blijft")
    before = store.path.read_bytes()
    panel = BackupPanel(store=store)
    upload(panel, document({"02-erbij": ("nieuw", OLD)}))
    panel.cancel_button.click()
    assert store.path.read_bytes() == before
    assert "Er is niets veranderd" in panel.result.value
    assert panel.preview.value == "" and panel.actions.children == ()


def test_nothing_to_restore_offers_no_button(store: AnswerStore) -> None:
    store.save("01-refl", "hetzelfde")
    panel = BackupPanel(store=store)
    upload(panel, download_bytes(store))
    assert "Er is niets om terug te zetten" in panel.preview.value
    assert "1 antwoord staat hier al precies zo" in panel.preview.value
    assert panel.actions.children == ()


@pytest.mark.parametrize(("content", "reason"), [
    (b"{kapot", "beschadigd"),
    (b"\x89PNG\r\n\x1a\n\xff\x00", "geen tekstbestand"),
    (json.dumps({"format": "iets-anders", "version": 1, "answers": {}}).encode(), "geen antwoordenbestand"),
    (json.dumps({"format": FILE_FORMAT, "version": 2, "answers": {}}).encode(), "versie 2"),
])
def test_a_bad_file_shows_a_dutch_message_and_changes_nothing(store: AnswerStore, content: bytes, reason: str) -> None:
    store.save("01-refl", "blijft")
    before = store.path.read_bytes()
    panel = BackupPanel(store=store)
    upload(panel, content, name='<img src=x onerror="alert(1)">.json')

    shown = panel.preview.value
    assert reason in shown and "Er is niets veranderd" in shown
    assert 'aria-live="polite"' in shown
    assert "<img" not in shown and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;.json" in shown
    assert panel.actions.children == () and panel.plan is None
    assert store.path.read_bytes() == before


def test_a_bad_file_after_a_good_preview_drops_the_pending_restore(store: AnswerStore) -> None:
    panel = BackupPanel(store=store)
    upload(panel, document({"02-erbij": ("nieuw", OLD)}))
    assert panel.plan is not None
    upload(panel, b"{kapot")
    panel.confirm_button.click()  # a stale click does nothing
    assert not store.path.exists()
