"""Panel to download all answers as one file and to restore them from an uploaded file."""

from __future__ import annotations

import base64
from typing import Any

import ipywidgets as w

from .. import backup as logic
from ..backup import KEEP_LOCAL, NEW, SAME, UPDATE, RestorePlan
from ..dates import format_moment, now
from ..messages import fill, text
from ..store import AnswerStore, StoreError, get_store, parse_document
from ..text import escape
from .base import CSS, LINK_STYLE, button, live_region, verdict

#: Browsers may refuse data links longer than this; the panel then also points at the file browser.
MAX_LINK_CHARS = 2_000_000

#: How every downloaded file name begins (see :func:`cursuslib.backup.download_name`).
DOWNLOAD_PREFIX = "klantgesprekken-antwoorden-"


def _html(template: str, **html_values: str) -> str:
    """Return a catalogue text as HTML: the text escaped, then the values (already HTML) filled in."""
    return fill(escape(template), html_values)


def _answers(count: int) -> str:
    """'1 antwoord' or '3 antwoorden', in the catalogue's words."""
    return text("backup.answers_one", count=count) if count == 1 else text("backup.answers_many", count=count)


def _run_all_tip() -> str:
    """The tip to run the lessons again, so restored answers show in the exercises."""
    menu = f"<em>{escape(text('backup.menu_run_all'))}</em>"
    return f"<p><strong>{escape(text('backup.tip'))}</strong> {_html(text('backup.run_all'), menu=menu)}</p>"


class BackupPanel(w.VBox):
    """Download every answer as one file, and put answers back from such a file after a preview."""

    def __init__(self, *, store: AnswerStore | None = None) -> None:
        super().__init__()
        self.store = store or get_store()
        self.plan: RestorePlan | None = None
        self.add_class("cursus-exercise")
        self.add_class("cursus-backup")
        where = f"<code>{escape(str(self.store.path))}</code>"
        self.header = w.HTML(
            f"{CSS}<h3>{escape(text('backup.title'))}</h3>"
            f"<p>{_html(text('backup.stored_in'), path=where)}</p>"
        )
        make_label = text("backup.make")
        confirm_label = text("backup.confirm")
        # Download
        self.download_intro = w.HTML(
            f"<h4>{escape(text('backup.download_title'))}</h4>"
            f"<p>{_html(text('backup.download_intro'), button=f'<strong>{escape(make_label)}</strong>')}</p>"
        )
        self.make_button = button(make_label)
        self.make_button.on_click(lambda _: self.refresh_download())
        self.download = w.HTML("")
        # Restore
        self.upload_intro = w.HTML(
            f"<h4>{escape(text('backup.upload_title'))}</h4>"
            f"<p>{_html(text('backup.upload_intro'), button=f'<strong>{escape(confirm_label)}</strong>')}</p>"
        )
        self.upload = w.FileUpload(accept=".json", multiple=False, description=text("backup.choose_file"))
        self.upload.observe(self._on_upload, names="value")
        self.preview = w.HTML("")
        self.confirm_button = button(confirm_label, style="primary")
        self.cancel_button = button(text("backup.cancel"))
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
        link = (f'<a download="{escape(name)}" href="{href}" style="{LINK_STYLE}">'
                f"{escape(text('backup.download_link'))}</a>")
        note = _html(text("backup.download_note"), file=f"<code>{escape(name)}</code>", answers=escape(_answers(count)),
                     time=format_moment(now(), "short"),
                     button=f"<strong>{escape(text('backup.make'))}</strong>")
        note = f"<p>{note}</p>"
        if len(href) > MAX_LINK_CHARS:
            note += "<p>" + _html(text("backup.large_file"), file=f"<code>{escape(self.store.path.name)}</code>",
                                  download=f"<em>{escape(text('backup.menu_download'))}</em>") + "</p>"
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
            plan = logic.plan_restore(self.store.load(), parse_document(raw, name=text("backup.file_named", name=name)))
        except StoreError as exc:
            advice = _html(text("backup.bad_file"), link=f"<strong>{escape(text('backup.download_link'))}</strong>",
                           prefix=f"<code>{escape(DOWNLOAD_PREFIX)}</code>")
            self.preview.value = live_region(
                f'<div class="cursus-notice"><p>{escape(str(exc))}</p><p>{advice}</p></div>'
            )
            return
        self.preview.value = live_region(self._preview_html(name, plan))
        if plan.to_write:
            self.plan = plan
            self.actions.children = (self.confirm_button, self.cancel_button)

    @staticmethod
    def _preview_html(name: str, plan: RestorePlan) -> str:
        counts = plan.counts
        contains = _html(text("backup.file_contains"), file=f"<code>{escape(name)}</code>",
                         answers=escape(_answers(len(plan.changes))))
        parts = [f"<p>{contains}</p>"]
        for action in (NEW, UPDATE, KEEP_LOCAL):
            changes = plan.by_action(action)
            if not changes:
                continue
            if action == NEW:
                title = text("backup.group_new", count=len(changes))
            elif action == UPDATE:
                title = text("backup.group_update", count=len(changes))
            else:
                title = text("backup.group_keep", count=len(changes))
            items = "".join(f"<li>{escape(c.description)}</li>" for c in changes)
            parts.append(f"<p><strong>{escape(title)}</strong></p><ul>{items}</ul>")
        same = counts[SAME]
        if same:
            line = text("backup.same_one", count=same) if same == 1 else text("backup.same_many", count=same)
            parts.append(f"<p>{escape(line)}</p>")
        if plan.local_only:
            line = (text("backup.local_only_one", count=plan.local_only) if plan.local_only == 1
                    else text("backup.local_only_many", count=plan.local_only))
            parts.append(f"<p>{escape(line)}</p>")
        writes = len(plan.to_write)
        if writes:
            ask = text("backup.ask_one", count=writes) if writes == 1 else text("backup.ask_many", count=writes)
            parts.append(f"<p><strong>{escape(ask)}</strong></p>")
        else:
            parts.append(f"<p><strong>{escape(text('backup.nothing_to_restore'))}</strong> "
                         f"{escape(text('backup.nothing_to_restore_why'))}</p>")
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
                f'<div class="cursus-notice"><p>{escape(text("backup.restore_failed", reason=str(exc)))}</p>'
                f"<p>{escape(text('backup.restore_failed_unchanged'))}</p></div>")
            return
        skipped = len(plan.to_write) - written
        if written:
            done = (text("backup.restored_one", count=written) if written == 1
                    else text("backup.restored_many", count=written))
            result = f"<p>{verdict(True)}: {escape(done)}</p>"
        else:
            result = f"<p>{escape(text('backup.nothing_restored'))}</p>"
        if skipped:
            kept = (text("backup.skipped_one", count=skipped) if skipped == 1
                    else text("backup.skipped_many", count=skipped))
            result += f"<p>{escape(kept)}</p>"
        self.result.value = live_region(result + _run_all_tip())
        if self.download.value:
            self.refresh_download()  # a link made earlier no longer holds the restored answers

    def cancel(self) -> None:
        """Drop the preview; nothing is changed."""
        self.plan = None
        self.actions.children = ()
        self.preview.value = ""
        self.result.value = live_region(f"<p>{escape(text('backup.cancelled'))}</p>")


def show_backup(*, store: AnswerStore | None = None) -> BackupPanel:
    """Return the panel to download all answers and to restore them from a file."""
    return BackupPanel(store=store)
