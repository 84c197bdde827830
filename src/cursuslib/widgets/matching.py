"""Matching widget: a drop-down per situation to pick the choice that applies, with feedback per situation."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle
from traitlets import Bool, Int

from ..exercises.matching import MatchingResult, check_matching, choices, items, label
from ..text import escape, inline_markdown
from .base import GOOD, TODO, ExerciseWidget, button, live_region

#: The drop-down value that means 'nothing chosen yet'.
NOTHING = ""


class MatchingExercise(ExerciseWidget):
    """Match situations to choices; feedback per situation after checking."""

    attempts = Int(0, help="How many times the student clicked 'Controleer'").tag(sync=False)
    checked = Bool(False, help="True while the feedback belongs to the current choices").tag(sync=False)

    def build(self) -> None:
        """Create one situation text and drop-down per item, buttons and the feedback area."""
        self.dropdowns: list[w.Dropdown] = []
        self.item_feedback: list[w.HTML] = []
        rows: list[w.Widget] = []
        # Shared layout and style objects: every widget model costs start-up time.
        text_layout, note_layout, drop_layout = w.Layout(), w.Layout(margin="0 0 0.6em 0"), w.Layout(width="auto")
        html_style, drop_style = HTMLStyle(), DescriptionStyle(description_width="initial")
        options = [("(kies)", NOTHING), *((choice.label, choice.key) for choice in choices(self.exercise))]
        for number, item in enumerate(items(self.exercise), start=1):
            text = w.HTML(f"<p><strong>Situatie {number}.</strong> {inline_markdown(item.situation)}</p>",
                          layout=text_layout, style=html_style)
            dropdown = w.Dropdown(options=options, value=NOTHING, description=f"Situatie {number}",
                                  layout=drop_layout, style=drop_style)
            dropdown.observe(self._on_change, names="value")
            note = w.HTML("", layout=note_layout, style=html_style)
            self.dropdowns.append(dropdown)
            self.item_feedback.append(note)
            rows += [text, dropdown, note]
        self.check_button = button("Controleer", style="primary")
        self.retry_button = button("Opnieuw", tooltip="Wis al je keuzes")
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
        """The choice key per situation index (None where nothing is chosen yet)."""
        return {index: dropdown.value or None for index, dropdown in enumerate(self.dropdowns)}

    def choose(self, index: int, key: str | None) -> None:
        """Match situation ``index`` (0-based) to choice ``key`` (None clears it)."""
        self.dropdowns[index].value = key or NOTHING

    def check(self) -> MatchingResult:
        """Check all situations, show per-situation feedback and save."""
        result = check_matching(self.exercise, self.answers)
        if result.unanswered < len(result.items):
            self.attempts += 1
            self.attempted = True
            self.checked = True
        self._show_result(result)
        self._update_buttons()
        self.save()
        return result

    def retry(self) -> None:
        """Clear every choice and all feedback; the model answer stays available."""
        self._restoring = True
        try:
            for dropdown in self.dropdowns:
                dropdown.value = NOTHING
        finally:
            self._restoring = False
        self.checked = False
        for note in self.item_feedback:
            note.value = ""
        self.model.value = ""
        self.feedback.value = live_region("Alles is gewist. Koppel de situaties opnieuw.")
        self.save()

    def show_model(self) -> None:
        """Show every situation with the right choice and why (only after an attempt)."""
        if not self.attempted:
            self.feedback.value = live_region("Probeer het eerst zelf: het modelantwoord komt na je eerste poging.")
            return
        rows = "".join(
            f"<li>{inline_markdown(item.situation)}<br><strong>{escape(label(self.exercise, item.answer))}</strong>: "
            f"<em>{inline_markdown(item.explanation)}</em></li>"
            for item in items(self.exercise)
        )
        extra = self.exercise.data.get("model_answer") or ""
        extra_html = f"<p>{inline_markdown(extra)}</p>" if extra else ""
        self.model.value = (
            f'<div class="cursus-model" role="region" aria-label="Modelantwoord"><strong>Modelantwoord</strong>'
            f"<ol>{rows}</ol>{extra_html}</div>"
        )
        self.save()

    # -- view ----------------------------------------------------------------
    def _on_change(self, change: dict[str, Any]) -> None:
        if self._restoring:
            return
        if self.checked:
            index = self.dropdowns.index(change["owner"])
            self.item_feedback[index].value = '<span class="cursus-saved">Aangepast: controleer opnieuw.</span>'
        self.save()

    def _show_result(self, result: MatchingResult) -> None:
        for item, note in zip(result.items, self.item_feedback, strict=False):
            if item.given is None:
                note.value = '<span class="cursus-saved">Nog niet gekoppeld.</span>'
                continue
            mark = GOOD if item.correct else TODO
            if item.correct or self.attempts >= 2:  # hints build up: the explanation from the 2nd try
                why = inline_markdown(item.item.explanation)
            else:
                why = (f"Je koos '{escape(label(self.exercise, item.given))}'. Tip: lees de situatie nog eens. "
                       "Welk woord of welke handeling geeft de doorslag? Na je volgende poging zie je hier de uitleg.")
            note.value = f"{mark}: {why}"
        self.feedback.value = live_region(
            f"<p>{GOOD if result.complete else TODO}. {escape(result.summary)}</p>"
            f"<p><strong>Volgende stap:</strong> {escape(result.next_step)}</p>"
        )

    def _update_buttons(self) -> None:
        self.model_button.layout.display = None if self.attempted else "none"

    # -- saving --------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """Choice per situation, attempts, and whether feedback and model answer are shown."""
        return {"answers": {str(i): v for i, v in self.answers.items() if v}, "attempts": self.attempts,
                "checked": self.checked, "model_shown": bool(self.model.value)}

    def restore(self, state: dict[str, Any]) -> None:
        """Restore choices, feedback and model answer."""
        saved = state.get("answers") or {}
        known = {choice.key for choice in choices(self.exercise)}
        for index, dropdown in enumerate(self.dropdowns):
            value = saved.get(str(index)) if isinstance(saved, dict) else None
            dropdown.value = value if value in known else NOTHING
        attempts = state.get("attempts")
        self.attempts = attempts if isinstance(attempts, int) and attempts > 0 else 0
        self.attempted = self.attempts > 0
        if state.get("checked") and self.attempted:
            self.checked = True
            self._show_result(check_matching(self.exercise, self.answers))
        if state.get("model_shown") and self.attempted:
            self.show_model()
        self._update_buttons()
