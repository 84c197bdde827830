"""Shared parts of every exercise widget: header, saving, notices, the check/model row and a feedback area.

A widget is a thin view over its type (:mod:`cursuslib.types`): it reads the saved state with the
type, shows it, asks the type's ``assess`` for feedback and saves the type's state dataclass.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle
from traitlets import Bool, Unicode

from .. import paths
from ..content import Exercise
from ..dates import format_moment, now
from ..messages import text
from ..store import AnswerChanged, AnswerStore, NotSaved, SavedAnswer, StoreError, get_store, unsaved_texts
from ..text import escape, highlight, inline_markdown
from ..types import Assessment, spec_of

if TYPE_CHECKING:  # the key-idea matcher loads with the first widget that shows key ideas
    from ..types.ideas import IdeaMatch

CSS = """
<style>
.cursus-exercise { border: 1px solid #767676; border-radius: 6px; padding: 0.6em 1em; margin: 0.5em 0; max-width: 60em; }
.cursus-exercise h3 { margin: 0.2em 0 0.4em 0; }
.cursus-feedback { margin-top: 0.4em; line-height: 1.45; }
.cursus-good { color: #14602b; font-weight: bold; }
.cursus-todo { color: #8a1c1c; font-weight: bold; }
.cursus-notice { background: #fff4ce; color: #3b2f00; border-left: 4px solid #8a6d00; padding: 0.3em 0.6em; }
.cursus-model { background: #eef4fb; color: #10253f; border-left: 4px solid #1f5fa8; padding: 0.3em 0.6em; }
.cursus-advice { border-left: 4px solid #5a5a5a; padding: 0 0.6em; }
.cursus-answer { white-space: pre-wrap; background: #f6f6f6; color: #1b1b1b; padding: 0.3em 0.6em; border-radius: 4px; }
.cursus-saved { color: #4a4a4a; font-size: 0.9em; }
.cursus-retrieval { background: #efe9f7; color: #2d1b4e; border-left: 4px solid #6a3fa0; padding: 0.2em 0.6em; }
.cursus-table { border-collapse: collapse; margin: 0.4em 0; }
.cursus-table th, .cursus-table td { border: 1px solid #767676; padding: 0.2em 0.6em; text-align: left; }
.cursus-table caption { text-align: left; font-weight: bold; }
.cursus-mark { background: #ffe08a; color: #1b1b1b; padding: 0 0.1em; }
.cursus-idea { background: #d3efdc; color: #1b1b1b; padding: 0 0.1em; border-bottom: 2px solid #14602b; }
/* long option texts wrap instead of being cut off or squeezing the radio button */
.cursus-exercise .widget-radio-box label { height: auto; line-height: 1.4; white-space: normal;
  display: flex; align-items: flex-start; gap: 0.4em; margin-bottom: 0.35em; }
.cursus-exercise .widget-radio-box input { flex: none; order: -1; margin-top: 0.25em; }
.cursus-exercise .widget-checkbox, .cursus-exercise .widget-checkbox label { height: auto; line-height: 1.4; }
.cursus-exercise .widget-checkbox label span { white-space: normal; overflow: visible; }
.cursus-exercise .widget-checkbox input { flex: none; align-self: flex-start; margin-top: 0.25em; }
</style>
"""



#: A download link that looks like a button (students overlook plain link text in a notebook).
LINK_STYLE = ("display:inline-block;padding:0.4em 1em;margin:0.3em 0;background:#1f5fa8;color:#ffffff;"
              "border-radius:4px;text-decoration:none;font-weight:bold")


def shown_path(path: Path) -> str:
    """A path as a student finds it in the file browser: relative to the course folder when it lies in it."""
    root = paths.course_root()
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except (ValueError, OSError):
            pass
    return str(path)


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


def next_step_html(step: str, exercise: Exercise | None = None, *, step_html: str = "") -> str:
    """One paragraph with the bold 'Volgende stap:' label and the step (escaped, or ``step_html`` as given)."""
    return (f"<p><strong>{escape(text('common.next_step', exercise))}</strong> "
            f"{step_html or escape(step)}</p>")


def model_box(heading: str, inner_html: str) -> str:
    """A labelled region for a model answer or example: the heading in bold, then ``inner_html``."""
    label = escape(heading)
    return f'<div class="cursus-model" role="region" aria-label="{label}"><strong>{label}</strong>{inner_html}</div>'


def ideas_html(answer: str, matches: Sequence[IdeaMatch], exercise: Exercise | None = None) -> str:
    """The student's answer with the words of each key idea it holds marked, and the ideas as a checklist."""
    if not matches:
        return ""
    from ..types.ideas import idea_lines

    spans = [span for match in matches if match.found for span in match.spans]
    lines = "".join(f"<li>{escape(line)}</li>" for line in idea_lines(matches, exercise))
    return (f"<p><strong>{escape(text('ideas.heading', exercise))}</strong>: "
            f"<q>{highlight(answer, spans, css_class='cursus-idea')}</q></p><ul>{lines}</ul>")


class ExerciseWidget(w.VBox):
    """Base of all exercise widgets: reads the saved state with the type, shows it and saves every change."""

    exercise_id = Unicode(help="Stable id of the exercise in exercises/*.yaml").tag(sync=False)
    attempted = Bool(False, help="True once the student has checked an answer").tag(sync=False)

    def __init__(self, exercise: Exercise, *, store: AnswerStore | None = None) -> None:
        super().__init__()
        self.exercise = exercise
        self.exercise_id = exercise.id
        self.kind = spec_of(exercise)
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
        #: Revision of the saved answer this widget shows (None: none yet); a save is based on it.
        self._revision: int | None = None
        saved = self.kind.read(self._load())
        self._show_notices()
        self._show_saved(saved)
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

    def assess(self, state: Any | None = None) -> Assessment:
        """The type's assessment of ``state`` (default: what the widget shows now)."""
        return self.kind.assess(self.exercise, self.state() if state is None else state)

    def action_row(self, *, check: Callable[[], Any] | None = None, retry: tuple[str, str] | None = None,
                   model: str = "common.show_model") -> w.HBox:
        """The row under an exercise: 'Controleer' (primary), a retry button and the model answer button.

        ``retry`` is (label key, tooltip key) and clicks :meth:`retry`; ``model`` is the label key of the
        button that clicks :meth:`show_model` ("" for none). Also creates ``feedback`` and ``model`` areas.
        """
        buttons: list[w.Button] = []
        self.check_button = button(self.t("common.check"), style="primary")
        self.check_button.on_click(lambda _: (check or self.check)())
        buttons.append(self.check_button)
        if retry:
            self.retry_button = button(self.t(retry[0]), tooltip=self.t(retry[1]))
            self.retry_button.on_click(lambda _: self.retry())
            buttons.append(self.retry_button)
        if model:
            self.model_button = button(self.t(model))
            self.model_button.on_click(lambda _: self.show_model())
            buttons.append(self.model_button)
        self.feedback = self.html(live_region(""))
        self.model = self.html("")
        return w.HBox(buttons)

    def show_model_button(self, available: bool = True) -> None:
        """Show the model answer button only after an attempt (and when there is a model to show)."""
        self.model_button.layout.display = None if (self.attempted and available) else "none"

    def tried_first(self, key: str = "common.try_first") -> bool:
        """True after an attempt; before it, say that the model answer comes after trying (catalogue ``key``)."""
        if not self.attempted:
            self.feedback.value = live_region(escape(self.t(key)))
        return bool(self.attempted)

    # -- what a type's widget may call ---------------------------------------
    def check(self) -> Any:
        """Check the answer and show feedback (types with a check button)."""
        raise NotImplementedError

    def retry(self) -> None:
        """Clear the answer (types with a retry button)."""
        raise NotImplementedError

    def show_model(self) -> None:
        """Show the model answer (types with a model button)."""
        raise NotImplementedError

    # -- to implement per type ---------------------------------------------
    def build(self) -> None:
        """Create the child widgets and set ``self.children``."""
        raise NotImplementedError

    def restore(self, state: Any) -> None:
        """Show a saved state (the type's state dataclass: answers and feedback) in the widgets."""
        raise NotImplementedError

    def state(self) -> Any:
        """Return the state to save: the type's state dataclass."""
        raise NotImplementedError

    # -- saving -------------------------------------------------------------
    def _load(self) -> Any:
        try:
            answer = self.store.answer(self.exercise.id)
        except StoreError as exc:
            if str(exc) not in self.store.notices:
                self.store.notices.append(str(exc))
            return {}
        self._revision = None if answer is None else answer.revision
        return {} if answer is None else answer.value

    def _show_saved(self, saved: Any) -> None:
        """Build the child widgets and show ``saved`` (the type's state) without saving it again."""
        self.build()
        self._restoring = True
        try:
            self.restore(saved)
        finally:
            self._restoring = False

    def save(self) -> None:
        """Save the current state unless the widget is still restoring it.

        The save is based on the revision this widget last showed. If the file holds another one (a
        restore, or the same lesson in another tab), that newer answer wins: the widget shows it.
        """
        if self._restoring:
            return
        mine = self.kind.saved(self.state())
        try:
            saved = self.store.update(self.exercise.id, mine, based_on=self._revision)
        except AnswerChanged as changed:
            self._show_newer(changed.current, str(changed), unsaved_texts(mine, changed.current.value))
            return
        except NotSaved as exc:  # kept in memory by the store; the next save writes it
            kept = exc.kept.get(self.exercise.id)
            self._revision = kept.revision if kept else self._revision
            self._warn(str(exc))
            return
        except StoreError as exc:
            self._warn(str(exc))
            return
        except OSError as exc:
            self._warn(self.t("common.not_saved", reason=exc.strerror or str(exc)))
            return
        self._revision = saved.revision
        self.notice.value = ""  # a warning about an earlier save no longer holds
        saved_at = escape(self.t("common.saved_at", time=format_moment(now(), "time")))
        self.saved_label.value = f'<span class="cursus-saved">{saved_at}</span>'
        self._show_notices()

    def _show_newer(self, current: SavedAnswer, message: str, unsaved: list[str]) -> None:
        """Show the answer that replaced this widget's one elsewhere; what the student just typed stays readable."""
        self._revision = current.revision
        self.attempted = False
        self._show_saved(self.kind.read(current.value))
        self.saved_label.value = ""
        if not unsaved:
            self._warn(message)
            return
        shown = "".join(f'<blockquote class="cursus-unsaved">{escape(item)}</blockquote>' for item in unsaved)
        self.notice.value = (f'<div class="cursus-notice" role="alert"><p>{escape(message)}</p>'
                             f'<p>{escape(self.t("common.unsaved_texts"))}</p>{shown}</div>')

    def _warn(self, message: str) -> None:
        """Show a warning about the save; an earlier "Opgeslagen om ..." would now read as if this one worked."""
        self.notice.value = f'<div class="cursus-notice" role="alert">{escape(message)}</div>'
        self.saved_label.value = ""

    def _show_notices(self) -> None:
        if self.store.notices:
            items = "".join(f"<p>{escape(notice)}</p>" for notice in self.store.notices)
            self.notice.value = f'<div class="cursus-notice" role="alert">{items}</div>'
