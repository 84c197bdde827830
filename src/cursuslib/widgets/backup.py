"""Panel to download all answers as one file and to restore them from an uploaded file."""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

import ipywidgets as w

from .. import backup as logic
from ..backup import KEEP_LOCAL, NEW, SAME, UPDATE, RestorePlan
from ..store import AnswerStore, StoreError, get_store, parse_document
from ..text import escape
from .base import CSS, button, live_region, verdict

#: Browsers may refuse data links longer than this; the panel then also points at the file browser.
MAX_LINK_CHARS = 2_000_000

LINK_STYLE = ("display:inline-block;padding:0.4em 1em;margin:0.3em 0;background:#1f5fa8;color:#ffffff;"
              "border-radius:4px;text-decoration:none;font-weight:bold")

RUN_ALL_TIP = ("<p><strong>Tip:</strong> open de les waarin je verder wilt werken en kies in het menu "
               "<em>Uitvoeren &gt; Run All Cells</em>. Dan zie je je antwoorden weer in de oefeningen. "
               "Had je een les al open? Voer die dan ook opnieuw uit. Zo werk je verder met de teruggezette "
               "antwoorden en niet met de oude stand die nog in beeld stond.</p>")


def _plural(count: int, one: str, more: str) -> str:
    return f"{count} {one if count == 1 else more}"


class BackupPanel(w.VBox):
    """Download every answer as one file, and put answers back from such a file after a preview."""

    def __init__(self, *, store: AnswerStore | None = None) -> None:
        super().__init__()
        self.store = store or get_store()
        self.plan: RestorePlan | None = None
        self.add_class("cursus-exercise")
        self.add_class("cursus-backup")
        self.header = w.HTML(
            f"{CSS}<h3>Je antwoorden bewaren en terugzetten</h3>"
            f"<p>Je antwoorden staan in <code>{escape(str(self.store.path))}</code>.</p>"
        )
        # Download
        self.download_intro = w.HTML(
            "<h4>1. Downloaden</h4><p>Klik op <strong>Maak downloadbestand</strong>. Daarna verschijnt een knop "
            "waarmee je al je antwoorden in één bestand op je eigen computer bewaart.</p>"
        )
        self.make_button = button("Maak downloadbestand")
        self.make_button.on_click(lambda _: self.refresh_download())
        self.download = w.HTML("")
        # Restore
        self.upload_intro = w.HTML(
            "<h4>2. Terugzetten</h4><p>Kies het bestand dat je eerder hebt gedownload. Je ziet eerst wat er "
            "verandert. Zodra je op <strong>Ja, zet terug</strong> klikt, worden je antwoorden teruggezet.</p>"
        )
        self.upload = w.FileUpload(accept=".json", multiple=False, description="Kies bestand")
        self.upload.observe(self._on_upload, names="value")
        self.preview = w.HTML("")
        self.confirm_button = button("Ja, zet terug", style="primary")
        self.cancel_button = button("Annuleren")
        self.confirm_button.on_click(lambda _: self.confirm())
        self.cancel_button.on_click(lambda _: self.cancel())
        self.actions = w.HBox([])
        self.result = w.HTML("")
        self.children = [self.header, self.download_intro, self.make_button, self.download,
                         self.upload_intro, self.upload, self.preview, self.actions, self.result]

    # -- download -------------------------------------------------------------
    def refresh_download(self) -> None:
        """Build the download link from the answers as they are now."""
        try:
            data = logic.download_bytes(self.store)
            count = len(self.store.entries())
        except (StoreError, OSError) as exc:
            self.download.value = live_region(f'<div class="cursus-notice">{escape(str(exc))}</div>')
            return
        name = logic.download_name()
        href = "data:application/json;base64," + base64.b64encode(data).decode("ascii")
        link = (f'<a download="{escape(name)}" href="{href}" style="{LINK_STYLE}">Download al je antwoorden</a>')
        note = (f"<p>Het bestand <code>{escape(name)}</code> bevat {_plural(count, 'antwoord', 'antwoorden')}, "
                f"stand van {datetime.now():%d-%m-%Y %H:%M}. Heb je daarna nog iets gemaakt? Klik dan opnieuw op "
                "<strong>Maak downloadbestand</strong>.</p>")
        if len(href) > MAX_LINK_CHARS:
            note += ("<p>Je bestand is groot. Lukt downloaden niet? Klik dan in de bestandsbrowser links met de "
                     f"rechtermuisknop op <code>{escape(self.store.path.name)}</code> en kies <em>Download</em>.</p>")
        self.download.value = live_region(f"{link}{note}")

    # -- restore --------------------------------------------------------------
    def _on_upload(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return  # our own reset below
        item = files[0]
        self.upload.value = ()  # so choosing the same file again is seen as a new upload
        self.handle_upload(item["name"], bytes(item["content"]))

    def handle_upload(self, name: str, raw: bytes) -> None:
        """Check an uploaded file and show what restoring it would change."""
        self.plan = None
        self.actions.children = ()
        self.result.value = ""
        try:
            plan = logic.plan_restore(self.store.load(), parse_document(raw, name=f"Het bestand '{name}'"))
        except StoreError as exc:
            self.preview.value = live_region(
                f'<div class="cursus-notice"><p>{escape(str(exc))}</p><p>Er is niets veranderd aan je antwoorden. '
                "Kies het bestand dat je met <strong>Download al je antwoorden</strong> hebt bewaard; de naam begint "
                "met <code>klantgesprekken-antwoorden-</code>.</p></div>"
            )
            return
        self.preview.value = live_region(self._preview_html(name, plan))
        if plan.to_write:
            self.plan = plan
            self.actions.children = (self.confirm_button, self.cancel_button)

    @staticmethod
    def _preview_html(name: str, plan: RestorePlan) -> str:
        counts = plan.counts
        parts = [f"<p>Het bestand <code>{escape(name)}</code> bevat "
                 f"{_plural(len(plan.changes), 'antwoord', 'antwoorden')}.</p>"]
        groups = (
            (NEW, "Komt erbij"),
            (UPDATE, "Wordt bijgewerkt, want het bestand is nieuwer"),
            (KEEP_LOCAL, "Blijft zoals het hier staat"),
        )
        for action, title in groups:
            changes = plan.by_action(action)
            if changes:
                items = "".join(f"<li>{escape(c.description)}</li>" for c in changes)
                parts.append(f"<p><strong>{escape(title)} ({len(changes)}):</strong></p><ul>{items}</ul>")
        if counts[SAME]:
            parts.append(f"<p>{_plural(counts[SAME], 'antwoord staat', 'antwoorden staan')} hier al precies zo.</p>")
        if plan.local_only:
            parts.append(f"<p>{_plural(plan.local_only, 'antwoord staat', 'antwoorden staan')} alleen hier en niet "
                         "in het bestand; die blijven gewoon staan.</p>")
        if plan.to_write:
            parts.append(f"<p><strong>Wil je {_plural(len(plan.to_write), 'antwoord', 'antwoorden')} "
                         "terugzetten?</strong></p>")
        else:
            parts.append("<p><strong>Er is niets om terug te zetten.</strong> Alles uit het bestand staat hier al, "
                         "of je antwoord hier is nieuwer. Er is niets veranderd.</p>")
        return "".join(parts)

    def confirm(self) -> None:
        """Restore the previewed answers (re-checked against the answers as they are now)."""
        plan, self.plan = self.plan, None
        self.actions.children = ()
        if plan is None:
            return
        try:
            written = logic.apply_restore(self.store, plan)
        except (StoreError, OSError) as exc:
            self.result.value = live_region(
                f'<div class="cursus-notice"><p>Terugzetten is niet gelukt: {escape(str(exc))}</p>'
                "<p>Je antwoorden zijn niet veranderd. Probeer het nog een keer.</p></div>")
            return
        skipped = len(plan.to_write) - written
        text = (f"<p>{verdict(True)}: {_plural(written, 'antwoord is', 'antwoorden zijn')} teruggezet.</p>" if written
                else "<p>Er is niets teruggezet.</p>")
        if skipped:
            text += (f"<p>{_plural(skipped, 'antwoord is', 'antwoorden zijn')} niet teruggezet, omdat je "
                     "intussen hier een nieuwer antwoord hebt opgeslagen. Dat nieuwere antwoord blijft staan.</p>")
        self.result.value = live_region(text + RUN_ALL_TIP)
        if self.download.value:
            self.refresh_download()  # a link made earlier no longer holds the restored answers

    def cancel(self) -> None:
        """Drop the preview; nothing is changed."""
        self.plan = None
        self.actions.children = ()
        self.preview.value = ""
        self.result.value = live_region("<p>Je hebt geannuleerd. Er is niets veranderd aan je antwoorden.</p>")


def show_backup(*, store: AnswerStore | None = None) -> BackupPanel:
    """Return the panel to download all answers and to restore them from a file."""
    return BackupPanel(store=store)
