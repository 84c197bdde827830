"""Single and multiple choice quiz widget: explanation per chosen option, retry, model answer after trying."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from traitlets import Bool, Int

from ..text import escape, inline_markdown
from ..types.choice import ChoiceResult, ChoiceState, correct_keys, is_retrieval, options
from .base import ExerciseWidget, live_region, model_box, next_step_html


class ChoiceQuiz(ExerciseWidget):
    """A quiz question with one (radio buttons) or more (check boxes) right answers."""

    attempts = Int(0, help="How many times the student clicked the check button").tag(sync=False)
    checked = Bool(False, help="True while the feedback shown belongs to the current selection").tag(sync=False)

    def build(self) -> None:
        """Create question, choices, buttons and feedback area."""
        ex = self.exercise
        self.multiple = ex.type == "multiple_choice"
        self.question = self.html(f"<p><strong>{inline_markdown(ex.data['question'])}</strong></p>")
        if self.multiple:
            box_layout = w.Layout(width="auto")
            box_style = CheckboxStyle(description_width="initial")
            self.boxes = [
                w.Checkbox(value=False, description=option.text, indent=False, layout=box_layout, style=box_style)
                for option in options(ex)
            ]
            for box in self.boxes:
                box.observe(self._on_change, names="value")
            self.choices: w.Widget = w.VBox(self.boxes)
        else:
            self.radio = w.RadioButtons(options=[(o.text, o.key) for o in options(ex)], value=None,
                                        layout=w.Layout(width="auto"))
            self.radio.observe(self._on_change, names="value")
            self.choices = self.radio
        self.buttons = self.action_row(retry=("common.retry", "common.retry_tooltip"))
        children = [self.header, self.notice, self.question, self.choices, self.buttons,
                    self.feedback, self.model, self.saved_label]
        if is_retrieval(ex):  # marked before the title, so a student sees at once that it counts for nothing
            self.retrieval = self.html(f'<p class="cursus-retrieval"><strong>{escape(self.t("choice.retrieval"))}'
                                       f'</strong>: {escape(self.t("choice.retrieval_note"))}</p>')
            children.insert(0, self.retrieval)
        self.children = children
        self._update_buttons()

    # -- student actions -----------------------------------------------------
    @property
    def selected(self) -> list[str]:
        """The keys the student has selected now."""
        if self.multiple:
            return [o.key for o, box in zip(options(self.exercise), self.boxes, strict=False) if box.value]
        return [] if self.radio.value is None else [self.radio.value]

    def select(self, keys: list[str]) -> None:
        """Select exactly ``keys`` (as a student clicking would)."""
        if self.multiple:
            for option, box in zip(options(self.exercise), self.boxes, strict=False):
                box.value = option.key in keys
        else:
            self.radio.value = keys[0] if keys else None

    def check(self) -> ChoiceResult:
        """Check the selection, show feedback and save."""
        result: ChoiceResult = self.assess().detail
        if result.chosen:
            self.attempts += 1
            self.attempted = True
        self.checked = bool(result.chosen)
        self._show_result(result)
        self._update_buttons()
        self.save()
        return result

    def retry(self) -> None:
        """Clear the selection and the feedback; the model answer stays available."""
        self.select([])
        self.checked = False
        self.feedback.value = live_region(escape(self.t("choice.cleared", button=self.t("common.check"))))
        self.model.value = ""
        self.save()

    def show_model(self) -> None:
        """Show the annotated model answer (only after an attempt)."""
        if not self.tried_first():
            return
        right = correct_keys(self.exercise)
        right_label = f"<strong>{escape(self.t('choice.model_right'))}</strong>"
        wrong_label = escape(self.t("choice.model_wrong"))
        rows = "".join(
            f"<li>{right_label if o.key in right else wrong_label}: "
            f"{escape(o.text)}<br><em>{inline_markdown(o.explanation)}</em></li>"
            for o in options(self.exercise)
        )
        extra = self.exercise.data.get("model_answer") or ""
        extra_html = f"<p>{inline_markdown(extra)}</p>" if extra else ""
        self.model.value = model_box(self.t("common.model_answer"),
                                     f"<ul>{rows}</ul>{extra_html}<p>{escape(self.t('choice.model_compare'))}</p>")
        self.save()

    # -- view ----------------------------------------------------------------
    def _on_change(self, _: Any) -> None:
        if self._restoring:
            return
        if self.checked:  # the feedback shown belongs to the previous choice
            self.checked = False
            self.feedback.value = live_region(escape(self.t("choice.changed", button=self.t("common.check"))))
        self.save()

    def _show_result(self, result: ChoiceResult) -> None:
        mark = self.mark(result.correct)
        parts = [f"<p>{mark}. {escape(result.summary)}</p>"]
        if result.chosen:
            parts.append("<ul>")
            for item in result.chosen:
                chose = (self.t("choice.you_chose_fits", option=item.option.text) if item.correct
                         else self.t("choice.you_chose_does_not_fit", option=item.option.text))
                parts.append(f"<li>{escape(chose)}<br>{inline_markdown(item.option.explanation)}</li>")
            parts.append("</ul>")
        parts.append(next_step_html(result.next_step, self.exercise))
        self.feedback.value = live_region("".join(parts))

    def _update_buttons(self) -> None:
        self.show_model_button()

    # -- saving --------------------------------------------------------------
    def state(self) -> ChoiceState:
        """Selection, attempts, and whether feedback and model answer are shown."""
        return ChoiceState(self.selected, self.attempts, self.checked, bool(self.model.value))

    def restore(self, state: ChoiceState) -> None:
        """Restore selection, feedback and model answer (a key that is no longer an option is left out)."""
        known = {option.key for option in options(self.exercise)}
        self.select([key for key in state.selected if key in known])
        self.attempts = max(state.attempts, 0)
        self.attempted = self.attempts > 0
        if state.checked and self.selected:
            self.checked = True
            self._show_result(self.assess().detail)
        if state.model_shown and self.attempted:
            self.show_model()
        self._update_buttons()
