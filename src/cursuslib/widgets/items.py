"""Shared view for exercises with one choice per item (sort, matching): check, hints, retry, model answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle
from traitlets import Bool, Int

from ..text import escape
from ..types.items import ItemsResult, ItemsState
from .base import ExerciseWidget, live_region, model_box, next_step_html


class ItemChoiceExercise(ExerciseWidget):
    """Base for one choice per item: subclasses give the control, the texts and the pure check."""

    attempts = Int(0, help="How many times the student clicked the check button").tag(sync=False)
    checked = Bool(False, help="True while the feedback belongs to the current choices").tag(sync=False)

    #: The control value that means 'nothing chosen yet'.
    nothing: Any = None

    # -- texts a type may change (from the message catalogue) ----------------
    def retry_keys(self) -> tuple[str, str]:
        """The catalogue keys of the label and tooltip of the button that clears every choice."""
        return ("common.restart", "items.retry_tooltip")

    def retry_done(self) -> str:
        """What the feedback area says after clearing."""
        return self.t("items.cleared")

    def not_chosen(self) -> str:
        """The note under an item without a choice after checking."""
        return self.t("items.not_chosen")

    def hint(self) -> str:
        """The tip under a wrong choice before the explanation is shown."""
        return self.t("items.hint")

    # -- to implement per type ---------------------------------------------
    def item_count(self) -> int:
        """How many items the exercise has."""
        raise NotImplementedError

    def item_html(self, index: int) -> str:
        """The text of item ``index`` as safe HTML."""
        raise NotImplementedError

    def make_control(self, index: int) -> w.ValueWidget:
        """The labelled control to choose with for item ``index``."""
        raise NotImplementedError

    def evaluate(self) -> ItemsResult:
        """The type's check of the current answers (its assessment's detail)."""
        return self.assess().detail

    def answer_keys(self) -> Sequence[str]:
        """The allowed answer keys."""
        raise NotImplementedError

    def answer_label(self, key: str | None) -> str:
        """The visible label of an answer key."""
        raise NotImplementedError

    def explanation_html(self, index: int) -> str:
        """Why item ``index`` has its answer, as safe HTML."""
        raise NotImplementedError

    def model_html(self) -> str:
        """The rows of the model answer, as safe HTML."""
        raise NotImplementedError

    # -- building -----------------------------------------------------------
    def build(self) -> None:
        """Create a text, a control and a feedback line per item, the buttons and the feedback area."""
        self.controls: list[w.ValueWidget] = []
        self.item_feedback: list[w.HTML] = []
        rows: list[w.Widget] = []
        # Shared layout and style objects: an exercise has many rows, and every widget model costs start-up time.
        text_layout, note_layout, html_style = w.Layout(), w.Layout(margin="0 0 0.6em 0"), HTMLStyle()
        for index in range(self.item_count()):
            control = self.make_control(index)
            control.observe(self._on_change, names="value")
            note = w.HTML("", layout=note_layout, style=html_style)
            self.controls.append(control)
            self.item_feedback.append(note)
            rows += [w.HTML(self.item_html(index), layout=text_layout, style=html_style), control, note]
        row = self.action_row(retry=self.retry_keys())
        self.children = [self.header, self.notice, *rows, row, self.feedback, self.model, self.saved_label]
        self._update_buttons()

    # -- student actions -----------------------------------------------------
    @property
    def answers(self) -> dict[int, str | None]:
        """The answer key per item index (None where nothing is chosen yet)."""
        return {index: control.value or None for index, control in enumerate(self.controls)}

    def choose(self, index: int, key: str | None) -> None:
        """Give item ``index`` (0-based) the answer ``key`` (None clears it)."""
        self.controls[index].value = key or self.nothing

    def check(self) -> ItemsResult:
        """Check all items, show feedback per item and save."""
        result = self.evaluate()
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
            for control in self.controls:
                control.value = self.nothing
        finally:
            self._restoring = False
        self.checked = False
        for note in self.item_feedback:
            note.value = ""
        self.model.value = ""
        self.feedback.value = live_region(escape(self.retry_done()))
        self.save()

    def show_model(self) -> None:
        """Show every item with its answer and why (only after an attempt)."""
        if not self.tried_first():
            return
        self.model.value = model_box(self.t("common.model_answer"), self.model_html())
        self.save()

    # -- view ----------------------------------------------------------------
    def _on_change(self, change: dict[str, Any]) -> None:
        if self._restoring:
            return
        if self.checked:
            index = self.controls.index(change["owner"])
            self.item_feedback[index].value = f'<span class="cursus-saved">{escape(self.t("items.changed"))}</span>'
        self.save()

    def _show_result(self, result: ItemsResult) -> None:
        not_chosen, hint = escape(self.not_chosen()), self.hint()
        for index, (outcome, note) in enumerate(zip(result.items, self.item_feedback, strict=True)):
            if outcome.given is None:
                note.value = f'<span class="cursus-saved">{not_chosen}</span>'
                continue
            if outcome.correct or self.attempts >= 2:  # hints build up: the explanation from the 2nd try
                why = self.explanation_html(index)
            else:
                why = escape(self.t("items.tip", choice=self.answer_label(outcome.given), hint=hint))
            note.value = f"{self.mark(outcome.correct)}: {why}"
        self.feedback.value = live_region(
            f"<p>{self.mark(result.complete)}. {escape(result.summary)}</p>"
            + next_step_html(result.next_step, self.exercise)
        )

    def _update_buttons(self) -> None:
        self.show_model_button()

    # -- saving --------------------------------------------------------------
    def state(self) -> ItemsState:
        """Answer per item, attempts, and whether feedback and model answer are shown."""
        return ItemsState({str(i): v for i, v in self.answers.items() if v}, self.attempts, self.checked,
                          bool(self.model.value))

    def restore(self, state: ItemsState) -> None:
        """Restore answers, feedback and model answer (a key that is no longer allowed is left out)."""
        known = set(self.answer_keys())
        for index, control in enumerate(self.controls):
            value = state.answers.get(str(index))
            control.value = value if value in known else self.nothing
        self.attempts = max(state.attempts, 0)
        self.attempted = self.attempts > 0
        if state.checked and self.attempted:
            self.checked = True
            self._show_result(self.evaluate())
        if state.model_shown and self.attempted:
            self.show_model()
        self._update_buttons()
