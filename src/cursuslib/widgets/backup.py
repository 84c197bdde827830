"""Panel to download all answers as one file and to restore them from an uploaded file."""

from __future__ import annotations

import base64
from typing import Any

import ipywidgets as w

from .. import backup as logic
from ..backup import ASK, KEEP_LOCAL, NEW, SAME, UNUSABLE, UPDATE, Change, RestorePlan
from ..dates import format_moment, now
from ..messages import fill, text
from ..store import AnswerStore, StoreError, get_store
from ..text import escape, number
from .base import CSS, LINK_STYLE, button, live_region, verdict

#: Browsers may refuse data links longer than this; the panel then also points at the file browser.
MAX_LINK_CHARS = 2_000_000

#: How every downloaded file name begins (see :func:`cursuslib.backup.download_name`).
DOWNLOAD_PREFIX = "klantgesprekken-antwoorden-"

#: A preview lists at most this many exercises per group, then "... en nog N andere".
PREVIEW_LIMIT = 50

#: Catalogue keys of a preview's groups (exercises that are the same are only counted).
GROUP_TITLES = {NEW: "backup.group_new", UPDATE: "backup.group_update", ASK: "backup.group_ask",
                KEEP_LOCAL: "backup.group_keep", UNUSABLE: "backup.group_unusable"}


def _html(template: str, **html_values: str) -> str:
    """Return a catalogue text as HTML: the text escaped, then the values (already HTML) filled in."""
    return fill(escape(template), html_values)


def _answers(count: int) -> str:
    """'1 antwoord' or '3 antwoorden', in the catalogue's words."""
    return text("backup.answers_one", count=count) if count == 1 else text("backup.answers_many", count=number(count))


def _count_text(key: str, count: int, **values: str) -> str:
    """The catalogue's ``<key>_one`` or ``<key>_many`` text for ``count``."""
    return text(f"{key}_one" if count == 1 else f"{key}_many", count=number(count), **values)


def _change_item(change: Change) -> str:
    replaces = change.replaces
    detail = f"<br><small>{escape(replaces)}</small>" if replaces else ""
    return f"<li>{escape(change.description)}{detail}</li>"


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
        # Say the size limit before the student picks a file: a file too large for the Jupyter server's
        # websocket never reaches the kernel, so the panel cannot say anything about it afterwards.
        self.upload_intro = w.HTML(
            f"<h4>{escape(text('backup.upload_title'))}</h4>"
            f"<p>{_html(text('backup.upload_intro'), button=f'<strong>{escape(confirm_label)}</strong>')}</p>"
            f"<p>{escape(text('backup.upload_limit', limit=logic.MAX_UPLOAD_MB))}</p>"
        )
        self.upload = w.FileUpload(accept=".json", multiple=False, description=text("backup.choose_file"))
        self.upload.observe(self._on_upload, names="value")
        self.preview = w.HTML("")
        self.ask_box = w.Checkbox(value=False, description=text("backup.ask_replace"), indent=False,
                                  layout=w.Layout(width="auto"))
        self.choice = w.VBox([])
        self.confirm_button = button(confirm_label, style="primary")
        self.cancel_button = button(text("backup.cancel"))
        self.confirm_button.on_click(lambda _: self.confirm())
        self.cancel_button.on_click(lambda _: self.cancel())
        self.actions = w.HBox([])
        self.result = w.HTML("")
        self.children = [self.header, self.download_intro, self.make_button, self.download,
                         self.upload_intro, self.upload, self.preview, self.choice, self.actions, self.result]

    # -- download -------------------------------------------------------------
    def refresh_download(self) -> None:
        """Build the download link from the answers as they are now."""
        try:
            data = logic.download_bytes(self.store)
            count = self.store.answer_count()
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
        self.handle_upload(item["name"], bytes(item["content"]), modified=item.get("last_modified"))

    def handle_upload(self, name: str, raw: bytes, *, modified: Any = None) -> None:
        """Check an uploaded file and show what restoring it would change; nothing is written yet.

        ``modified`` is when the browser says the file was last changed: a local answer saved after
        that was changed after the file was made, so it is never replaced without asking.
        """
        self.plan = None
        self.actions.children = ()
        self.choice.children = ()
        self.ask_box.value = False
        self.result.value = ""
        shown = logic.shown_name(name) or "?"
        try:
            upload = logic.read_upload(raw, name=name)
            plan = logic.plan_restore(self.store.load(), upload, received_at=modified)
        except StoreError as exc:
            self.preview.value = self._refusal_html(str(exc))
            return
        except (ValueError, RecursionError, MemoryError, OSError):  # never a traceback for a bad file
            self.preview.value = self._refusal_html(text("backup.upload_failed",
                                                         file=text("backup.file_named", name=shown)))
            return
        self.preview.value = live_region(self._preview_html(shown, plan))
        if plan.to_ask:
            self.choice.children = (self.ask_box,)
        if plan.to_write or plan.to_ask:
            self.plan = plan
            self.actions.children = (self.confirm_button, self.cancel_button)

    @staticmethod
    def _refusal_html(message: str) -> str:
        advice = _html(text("backup.bad_file"), link=f"<strong>{escape(text('backup.download_link'))}</strong>",
                       prefix=f"<code>{escape(DOWNLOAD_PREFIX)}</code>")
        return live_region(f'<div class="cursus-notice"><p>{escape(message)}</p><p>{advice}</p></div>')

    @staticmethod
    def _preview_html(name: str, plan: RestorePlan) -> str:
        """The preview: what is added, replaced, asked, kept and refused; at most PREVIEW_LIMIT lines a group."""
        counts = plan.counts
        parts = []
        if plan.clock_ahead is not None:
            warning = text("backup.clock_ahead", time=logic.dutch_time(plan.clock_ahead.isoformat()))
            parts.append(f'<div class="cursus-notice"><p>{escape(warning)}</p></div>')
        contains = _html(text("backup.file_contains"), file=f"<code>{escape(name)}</code>",
                         answers=escape(_answers(len(plan.changes))))
        parts.append(f"<p>{contains}</p>")
        if plan.duplicates:
            ids = ", ".join(f"'{logic.shown_name(key)}'" for key in plan.duplicates[:PREVIEW_LIMIT])
            if len(plan.duplicates) > PREVIEW_LIMIT:
                ids += ", …"
            parts.append(f"<p>{escape(_count_text('backup.duplicates', len(plan.duplicates), exercises=ids))}</p>")
        for action, title_key in GROUP_TITLES.items():
            changes = plan.by_action(action)
            if not changes:
                continue
            title = text(title_key, count=number(len(changes)))
            items = "".join(_change_item(c) for c in changes[:PREVIEW_LIMIT])
            if len(changes) > PREVIEW_LIMIT:
                items += f"<li>{escape(text('backup.more', count=number(len(changes) - PREVIEW_LIMIT)))}</li>"
            parts.append(f"<p><strong>{escape(title)}</strong></p><ul>{items}</ul>")
        if counts[SAME]:
            parts.append(f"<p>{escape(_count_text('backup.same', counts[SAME]))}</p>")
        if plan.local_only:
            parts.append(f"<p>{escape(_count_text('backup.local_only', plan.local_only))}</p>")
        writes, asks = len(plan.to_write), len(plan.to_ask)
        if writes:
            parts.append(f"<p><strong>{escape(_count_text('backup.ask', writes))}</strong></p>")
        elif not asks:
            parts.append(f"<p><strong>{escape(text('backup.nothing_to_restore'))}</strong> "
                         f"{escape(text('backup.nothing_to_restore_why'))}</p>")
        if asks:
            line = escape(_count_text("backup.ask_choice", asks))
            if not writes:
                confirm = f"<strong>{escape(text('backup.confirm'))}</strong>"
                line += " " + _html(text("backup.ask_only"), button=confirm)
            parts.append(f"<p>{line}</p>")
        return "".join(parts)

    def confirm(self) -> None:
        """Restore the previewed answers (re-checked against the answers as they are now)."""
        plan, self.plan = self.plan, None
        include_asked = bool(self.ask_box.value)
        self.actions.children = ()
        self.choice.children = ()
        if plan is None:
            return
        try:
            written = logic.apply_restore(self.store, plan, include_asked=include_asked)
        except (StoreError, OSError, ValueError, RecursionError) as exc:
            reason = str(exc) if isinstance(exc, StoreError | OSError) else text("backup.write_failed")
            self.result.value = live_region(
                f'<div class="cursus-notice"><p>{escape(text("backup.restore_failed", reason=reason))}</p>'
                f"<p>{escape(text('backup.restore_failed_unchanged'))}</p></div>")
            return
        approved = len(plan.to_write) + (len(plan.to_ask) if include_asked else 0)
        skipped = approved - written
        if written:
            result = f"<p>{verdict(True)}: {escape(_count_text('backup.restored', written))}</p>"
        else:
            result = f"<p>{escape(text('backup.nothing_restored'))}</p>"
        if skipped:
            result += f"<p>{escape(_count_text('backup.skipped', skipped))}</p>"
        if plan.to_ask and not include_asked:
            result += f"<p>{escape(_count_text('backup.asked_kept', len(plan.to_ask)))}</p>"
        self.result.value = live_region(result + _run_all_tip())
        if self.download.value:
            self.refresh_download()  # a link made earlier no longer holds the restored answers

    def cancel(self) -> None:
        """Drop the preview; nothing is changed."""
        self.plan = None
        self.actions.children = ()
        self.choice.children = ()
        self.preview.value = ""
        self.result.value = live_region(f"<p>{escape(text('backup.cancelled'))}</p>")


def show_backup(*, store: AnswerStore | None = None) -> BackupPanel:
    """Return the panel to download all answers and to restore them from a file."""
    return BackupPanel(store=store)
