"""Shared parts of every exercise widget: header, saving, notices and a feedback area."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle
from traitlets import Bool, Unicode

from ..content import Exercise
from ..messages import text
from ..store import AnswerStore, StoreError, get_store
from ..text import escape, inline_markdown

CSS = """
<style>
.cursus-exercise { border: 1px solid #767676; border-radius: 6px; padding: 0.6em 1em; margin: 0.5em 0; max-width: 60em; }
.cursus-exercise h3 { margin: 0.2em 0 0.4em 0; }
.cursus-feedback { margin-top: 0.4em; line-height: 1.45; }
.cursus-good { color: #14602b; font-weight: bold; }
.cursus-todo { color: #8a1c1c; font-weight: bold; }
.cursus-notice { background: #fff4ce; color: #3b2f00; border-left: 4px solid #8a6d00; padding: 0.3em 0.6em; }
.cursus-model { background: #eef4fb; color: #10253f; border-left: 4px solid #1f5fa8; padding: 0.3em 0.6em; }
.cursus-answer { white-space: pre-wrap; background: #f6f6f6; color: #1b1b1b; padding: 0.3em 0.6em; border-radius: 4px; }
.cursus-saved { color: #4a4a4a; font-size: 0.9em; }
.cursus-table { border-collapse: collapse; margin: 0.4em 0; }
.cursus-table th, .cursus-table td { border: 1px solid #767676; padding: 0.2em 0.6em; text-align: left; }
.cursus-table caption { text-align: left; font-weight: bold; }
.cursus-mark { background: #ffe08a; color: #1b1b1b; padding: 0 0.1em; }
/* long option texts wrap instead of being cut off or squeezing the radio button */
.cursus-exercise .widget-radio-box label { height: auto; line-height: 1.4; white-space: normal;
  display: flex; align-items: flex-start; gap: 0.4em; margin-bottom: 0.35em; }
.cursus-exercise .widget-radio-box input { flex: none; order: -1; margin-top: 0.25em; }
.cursus-exercise .widget-checkbox, .cursus-exercise .widget-checkbox label { height: auto; line-height: 1.4; }
.cursus-exercise .widget-checkbox label span { white-space: normal; overflow: visible; }
.cursus-exercise .widget-checkbox input { flex: none; align-self: flex-start; margin-top: 0.25em; }
</style>
"""



def verdict(ok: bool, exercise: Exercise | None = None) -> str:
    """Return the verdict label: an icon and a word (never colour alone), from the message catalogue."""
    css = "cursus-good" if ok else "cursus-todo"
    return f'<span class="{css}">{escape(text("common.good" if ok else "common.not_yet", exercise))}</span>'


def live_region(inner_html: str) -> str:
    """Wrap feedback HTML in a polite live region so screen readers announce it."""
    return f'<div class="cursus-feedback" role="status" aria-live="polite">{inner_html}</div>'


def button(label: str, *, tooltip: str = "", style: str = "") -> w.Button:
    """Return a button whose visible text is also its accessible name."""
    return w.Button(description=label, tooltip=tooltip or label, button_style=style,
                    layout=w.Layout(width="auto"))


class ExerciseWidget(w.VBox):
    """Base of all exercise widgets: loads the saved state and saves every change."""

    exercise_id = Unicode(help="Stable id of the exercise in exercises/*.yaml").tag(sync=False)
    attempted = Bool(False, help="True once the student has checked an answer").tag(sync=False)

    def __init__(self, exercise: Exercise, *, store: AnswerStore | None = None) -> None:
        super().__init__()
        self.exercise = exercise
        self.exercise_id = exercise.id
        self.store = store or get_store()
        self.add_class("cursus-exercise")
        self.add_class(f"cursus-ex-{exercise.id}")  # lets tests and teachers' CSS find one exercise
        header = f"{CSS}<h3>{escape(exercise.title)}</h3>"
        if exercise.instruction:
            header += f"<p>{inline_markdown(exercise.instruction)}</p>"
        # One layout and style for all plain HTML parts: every widget model adds start-up time.
        self.html_layout, self.html_style = w.Layout(), HTMLStyle()
        self.header = self.html(header)
        self.notice = self.html("")
        self.saved_label = self.html("")
        self._restoring = False
        saved = self._load()
        self._show_notices()
        self.build()
        self._restoring = True
        try:
            self.restore(saved if isinstance(saved, dict) else {})
        finally:
            self._restoring = False
        self._show_notices()

    def t(self, key: str, /, **values: Any) -> str:
        """Return the catalogue text ``key`` (or this exercise's own override), with ``values`` filled in."""
        return text(key, self.exercise, **values)

    def mark(self, ok: bool) -> str:
        """Return the verdict label for this exercise (see :func:`verdict`)."""
        return verdict(ok, self.exercise)

    def html(self, value: str) -> w.HTML:
        """Return an HTML part that shares this exercise's layout and style."""
        return w.HTML(value, layout=self.html_layout, style=self.html_style)

    # -- to implement per type ---------------------------------------------
    def build(self) -> None:
        """Create the child widgets and set ``self.children``."""
        raise NotImplementedError

    def restore(self, state: dict[str, Any]) -> None:
        """Show a saved state (answers and feedback) in the widgets."""
        raise NotImplementedError

    def state(self) -> dict[str, Any]:
        """Return the state to save."""
        raise NotImplementedError

    # -- saving -------------------------------------------------------------
    def _load(self) -> Any:
        try:
            return self.store.get(self.exercise.id, {})
        except StoreError as exc:
            self.store.notices.append(str(exc))
            return {}

    def save(self) -> None:
        """Save the current state unless the widget is still restoring it."""
        if self._restoring:
            return
        try:
            self.store.save(self.exercise.id, self.state())
        except StoreError as exc:
            self.notice.value = f'<div class="cursus-notice" role="alert">{escape(str(exc))}</div>'
            return
        except OSError as exc:
            message = escape(self.t("common.not_saved", reason=exc.strerror or str(exc)))
            self.notice.value = f'<div class="cursus-notice" role="alert">{message}</div>'
            return
        saved_at = escape(self.t("common.saved_at", time=f"{datetime.now():%H:%M:%S}"))
        self.saved_label.value = f'<span class="cursus-saved">{saved_at}</span>'
        self._show_notices()

    def _show_notices(self) -> None:
        if self.store.notices:
            items = "".join(f"<p>{escape(notice)}</p>" for notice in self.store.notices)
            self.notice.value = f'<div class="cursus-notice" role="alert">{items}</div>'
