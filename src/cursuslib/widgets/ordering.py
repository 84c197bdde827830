"""Ordering widget: move steps up and down with buttons (keyboard-friendly, no dragging), then check."""

from __future__ import annotations

import ipywidgets as w
from traitlets import Int

from ..text import escape, inline_markdown
from ..types.ordering import OrderingState, OrderResult, items, move, start_order, valid_order
from .base import ExerciseWidget, button, live_region, model_box, next_step_html


class OrderingExercise(ExerciseWidget):
    """Put the steps in the right order; feedback per position after checking."""

    attempts = Int(0, help="How many times the student clicked the check button").tag(sync=False)

    def build(self) -> None:
        """Create one row per position with its step text and 'Omhoog' / 'Omlaag' buttons."""
        self.order = start_order(self.exercise)
        self.texts: list[w.HTML] = []
        self.notes: list[w.HTML] = []
        self.up: list[w.Button] = []
        self.down: list[w.Button] = []
        rows: list[w.Widget] = []
        up_label, down_label = self.t("ordering.up"), self.t("ordering.down")
        for position in range(len(self.order)):
            text = self.html("")
            up = button(up_label)
            down = button(down_label)
            up.on_click(lambda _, p=position: self.move(p, -1))
            down.on_click(lambda _, p=position: self.move(p, +1))
            note = self.html("")
            self.texts.append(text)
            self.notes.append(note)
            self.up.append(up)
            self.down.append(down)
            rows.append(w.HBox([up, down, text], layout=w.Layout(align_items="center")))
            rows.append(note)
        row = self.action_row()
        self.children = [self.header, self.notice, *rows, row, self.feedback, self.model, self.saved_label]
        self._render()

    def move(self, position: int, step: int) -> None:
        """Move the step at ``position`` one place up (-1) or down (+1)."""
        self.order = move(self.order, position, step)
        for note in self.notes:
            note.value = ""
        self._render()
        target = max(0, min(len(self.order) - 1, position + step))
        moved = items(self.exercise)[self.order[target]].text
        self.feedback.value = live_region(escape(self.t("ordering.moved", step=moved, position=target + 1)))
        self.save()

    def check(self) -> None:
        """Mark each position right or not yet, and explain."""
        self.attempts += 1
        self.attempted = True
        self._show_result()
        self.save()

    def show_model(self) -> None:
        """Show the right order with why each step stands there (only after an attempt)."""
        if not self.tried_first():
            return
        rows = "".join(f"<li><strong>{inline_markdown(i.text)}</strong><br><em>{inline_markdown(i.explanation)}</em></li>"
                       for i in items(self.exercise))
        self.model.value = model_box(self.t("common.model_answer"), f"<ol>{rows}</ol>")
        self.save()

    def _show_result(self) -> None:
        result: OrderResult = self.assess().detail
        steps = items(self.exercise)
        for position, (index, right) in enumerate(zip(self.order, result.correct, strict=True)):
            if right:
                self.notes[position].value = f"{self.mark(True)}: {inline_markdown(steps[index].explanation)}"
            else:
                hint = (inline_markdown(steps[index].explanation) if self.attempts >= 2
                        else escape(self.t("ordering.elsewhere")))
                self.notes[position].value = f"{self.mark(False)}: {hint}"
        self.feedback.value = live_region(f"<p>{self.mark(result.complete)}. {escape(result.summary)}</p>"
                                          + next_step_html(result.next_step, self.exercise))
        self.model_button.layout.display = None

    def _render(self) -> None:
        steps = items(self.exercise)
        last = len(self.order) - 1
        for position, index in enumerate(self.order):
            self.texts[position].value = f"<strong>{position + 1}.</strong> {inline_markdown(steps[index].text)}"
            self.up[position].disabled = position == 0
            self.down[position].disabled = position == last
            self.up[position].tooltip = self.t("ordering.up_tooltip", step=steps[index].text)
            self.down[position].tooltip = self.t("ordering.down_tooltip", step=steps[index].text)
        self.model_button.layout.display = None if self.attempted else "none"

    def state(self) -> OrderingState:
        """The current order, attempts, and whether feedback and model answer are shown."""
        return OrderingState(list(self.order), self.attempts, any(n.value for n in self.notes), bool(self.model.value))

    def restore(self, state: OrderingState) -> None:
        """Restore the order, the feedback and the model answer."""
        if valid_order(self.exercise, state.order):
            self.order = list(state.order)
        self.attempts = max(state.attempts, 0)
        self.attempted = self.attempts > 0
        self._render()
        if state.checked and self.attempted:
            self._show_result()
        if state.model_shown and self.attempted:
            self.show_model()
