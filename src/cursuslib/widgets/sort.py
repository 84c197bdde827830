"""Sorting widget: a category choice per statement ('Doen' / 'Niet doen' by default), keyboard-friendly (no dragging)."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_selection import ToggleButtonsStyle
from ipywidgets.widgets.widget_string import HTMLStyle
from traitlets import Bool, Int

from ..content import SORT_ANSWERS
from ..exercises.sort import SortResult, categories, check_sort, label, statements
from ..text import escape, inline_markdown
from .base import GOOD, TODO, ExerciseWidget, button, live_region


class SortExercise(ExerciseWidget):
    """Sort statements into categories ('Doen' and 'Niet doen' by default); feedback per statement after checking."""

    attempts = Int(0, help="How many times the student clicked 'Controleer'").tag(sync=False)
    checked = Bool(False, help="True while the feedback belongs to the current choices").tag(sync=False)

    def build(self) -> None:
        """Create one row per statement, buttons and the feedback area."""
        self.toggles: list[w.ToggleButtons] = []
        self.item_feedback: list[w.HTML] = []
        rows: list[w.Widget] = []
        # Shared layout and style objects: a sort has many rows, and every widget model costs start-up time.
        text_layout, note_layout, toggle_layout = w.Layout(), w.Layout(margin="0 0 0.6em 0"), w.Layout()
        html_style = HTMLStyle()
        labels = categories(self.exercise)
        width = max(7, max(len(text) for text in labels.values()) * 0.6 + 2)
        toggle_style = ToggleButtonsStyle(description_width="initial", button_width=f"{width:.0f}em")
        for number, statement in enumerate(statements(self.exercise), start=1):
            toggle = w.ToggleButtons(
                options=[(text, key) for key, text in labels.items()], value=None,
                description=f"Uitspraak {number}", tooltips=list(labels.values()),
                style=toggle_style, layout=toggle_layout,
            )
            toggle.observe(self._on_change, names="value")
            note = w.HTML("", layout=note_layout, style=html_style)
            self.toggles.append(toggle)
            self.item_feedback.append(note)
            text = w.HTML(f"<p><strong>{number}.</strong> {inline_markdown(statement.text)}</p>",
                          layout=text_layout, style=html_style)
            rows += [text, toggle, note]
        self.check_button = button("Controleer", style="primary")
        self.retry_button = button("Opnieuw beginnen", tooltip="Wis al je keuzes")
        self.model_button = button("Toon modelantwoord")
        self.check_button.on_click(lambda _: self.check())
        self.retry_button.on_click(lambda _: self.retry())
        self.model_button.on_click(lambda _: self.show_model())
        self.feedback = self.html(live_region(""))
        self.model = self.html("")
        self.children = [self.header, self.notice, *rows,
                         w.HBox([self.check_button, self.retry_button, self.model_button]),
                         self.feedback, self.model, self.saved_label]
        self._update_buttons()

    # -- student actions -----------------------------------------------------
    @property
    def answers(self) -> dict[int, str | None]:
        """The category chosen per statement index (None where not chosen yet)."""
        return {index: toggle.value for index, toggle in enumerate(self.toggles)}

    def choose(self, index: int, answer: str | None) -> None:
        """Put statement ``index`` (0-based) in ``answer`` ('doen', 'niet_doen' or None)."""
        self.toggles[index].value = answer

    def check(self) -> SortResult:
        """Check all statements, show per-statement feedback and save."""
        result = check_sort(self.exercise, self.answers)
        if result.unanswered < len(result.items):
            self.attempts += 1
            self.attempted = True
            self.checked = True
        self._show_result(result)
        self._update_buttons()
        self.save()
        return result

    def retry(self) -> None:
        """Clear every choice and all feedback."""
        self._restoring = True
        try:
            for toggle in self.toggles:
                toggle.value = None
        finally:
            self._restoring = False
        self.checked = False
        for note in self.item_feedback:
            note.value = ""
        self.model.value = ""
        self.feedback.value = live_region("Alles is gewist. Deel de uitspraken opnieuw in.")
        self.save()

    def show_model(self) -> None:
        """Show every statement with its right category and why (only after an attempt)."""
        if not self.attempted:
            self.feedback.value = live_region("Probeer het eerst zelf: het modelantwoord komt na je eerste poging.")
            return
        rows = "".join(
            f"<li><strong>{escape(label(self.exercise, s.answer))}</strong>: {inline_markdown(s.text)}<br>"
            f"<em>{inline_markdown(s.explanation)}</em></li>"
            for s in statements(self.exercise)
        )
        extra = self.exercise.data.get("model_answer") or ""
        extra_html = f"<p>{inline_markdown(extra)}</p>" if extra else ""
        self.model.value = (
            f'<div class="cursus-model" role="region" aria-label="Modelantwoord"><strong>Modelantwoord</strong>'
            f"<ul>{rows}</ul>{extra_html}</div>"
        )
        self.save()

    # -- view ----------------------------------------------------------------
    def _on_change(self, change: dict[str, Any]) -> None:
        if self._restoring:
            return
        if self.checked:
            index = self.toggles.index(change["owner"])
            self.item_feedback[index].value = '<span class="cursus-saved">Aangepast: controleer opnieuw.</span>'
        self.save()

    def _show_result(self, result: SortResult) -> None:
        for item, note in zip(result.items, self.item_feedback, strict=False):
            if item.given is None:
                note.value = '<span class="cursus-saved">Nog niet ingedeeld.</span>'
                continue
            mark = GOOD if item.correct else TODO
            if item.correct or self.attempts >= 2:  # hints build up: the explanation from the 2nd try
                why = inline_markdown(item.statement.explanation)
            else:
                hint = ("wat merkt de klant ervan als je dit doet?" if set(categories(self.exercise)) == set(SORT_ANSWERS)
                        else "lees de uitspraak nog eens: welke categorie past beter?")
                why = (f"Je koos '{escape(label(self.exercise, item.given))}'. Tip: {hint} "
                       "Na je volgende poging zie je hier de uitleg.")
            note.value = f"{mark}: {why}"
        self.feedback.value = live_region(
            f"<p>{GOOD if result.complete else TODO}. {escape(result.summary)}</p>"
            f"<p><strong>Volgende stap:</strong> {escape(result.next_step)}</p>"
        )

    def _update_buttons(self) -> None:
        self.model_button.layout.display = None if self.attempted else "none"

    # -- saving --------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """Choices per statement, attempts, and whether feedback and model answer are shown."""
        return {"answers": {str(i): v for i, v in self.answers.items() if v}, "attempts": self.attempts,
                "checked": self.checked, "model_shown": bool(self.model.value)}

    def restore(self, state: dict[str, Any]) -> None:
        """Restore choices, feedback and model answer."""
        saved = state.get("answers") or {}
        for index, toggle in enumerate(self.toggles):
            value = saved.get(str(index)) if isinstance(saved, dict) else None
            toggle.value = value if value in categories(self.exercise) else None
        self.attempts = int(state.get("attempts") or 0)
        self.attempted = self.attempts > 0
        if state.get("checked") and self.attempted:
            self.checked = True
            self._show_result(check_sort(self.exercise, self.answers))
        if state.get("model_shown") and self.attempted:
            self.show_model()
        self._update_buttons()
