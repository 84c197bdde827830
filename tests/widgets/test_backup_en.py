"""Backup panel in English (CURSUSLIB_TAAL=en): labels, preview, restore and errors from en.yaml."""

from __future__ import annotations

import pytest

from cursuslib.store import AnswerStore
from cursuslib.widgets.backup import BackupPanel

from .test_backup import LOCAL, NEWER, OLD, document, upload
from .visible import visible as shown

#: Every test here runs with the English widget texts (CURSUSLIB_TAAL=en).
pytestmark = pytest.mark.usefixtures("english")


def test_download_and_restore_in_english(store: AnswerStore) -> None:
    store.save("01-refl", "mijn nieuwste tekst")
    store.save("01-quiz", "a")
    panel = BackupPanel(store=store)
    assert "Saving and restoring your answers" in panel.header.value
    assert "Click Create download file." in shown(panel.download_intro.value)
    assert "As soon as you click Yes, restore, your answers are restored." in shown(panel.upload_intro.value)
    assert panel.make_button.description == "Create download file" and panel.upload.description == "Choose file"
    panel.make_button.click()
    assert "Download all your answers" in panel.download.value and "holds 2 answers, as of" in shown(panel.download.value)

    upload(panel, document({"01-refl": ("oud", OLD), "01-quiz": ("b", "nee"), "02-erbij": ("nieuw", OLD)}))
    preview = shown(panel.preview.value)
    assert "holds 3 answers." in preview
    assert "Will be added (1): Exercise '02-erbij': new answer from the file (saved 01-01-2020 10:00)." in preview
    assert "Stays as it is here (2):" in preview and "your answer here stays" in preview
    assert "(date unknown)" in preview and "Do you want to restore 1 answer?" in preview
    assert [b.description for b in panel.actions.children] == ["Yes, restore", "Cancel"]
    for dutch in ("Komt erbij", "Oefening", "Wil je", "datum onbekend", "blijft staan"):
        assert dutch not in preview

    panel.confirm_button.click()
    result = shown(panel.result.value)
    assert "✔ Correct: 1 answer has been restored." in result and "Run > Run All Cells" in result
    assert "teruggezet" not in result and "Uitvoeren" not in result
    assert store.get("02-erbij") == "nieuw" and store.get("01-refl") == "mijn nieuwste tekst"


def test_cancel_nothing_to_restore_and_a_bad_file_in_english(store: AnswerStore,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import cursuslib.store as store_module

    monkeypatch.setattr(store_module, "_now", lambda: LOCAL)  # so that NEWER is newer, and not in the future
    store.save("01-refl", "tekst")
    panel = BackupPanel(store=store)
    upload(panel, document({"01-refl": ("ouder", NEWER)}))
    assert "Will be updated, because the file is newer (1):" in shown(panel.preview.value)
    panel.cancel_button.click()
    assert shown(panel.result.value) == "You cancelled. Nothing has changed in your answers."
    upload(panel, document({"01-refl": ("tekst", OLD)}))
    preview = shown(panel.preview.value)
    assert "1 answer is already here exactly like this." in preview
    assert "There is nothing to restore." in preview and panel.actions.children == ()
    upload(panel, b"{kapot", name="kapot.json")
    error = shown(panel.preview.value)
    assert "Nothing has changed in your answers. Choose the file you saved with Download all your answers" in error
    assert "its name starts with klantgesprekken-antwoorden-" in error and "Er is niets veranderd" not in error
    assert store.get("01-refl") == "tekst"
