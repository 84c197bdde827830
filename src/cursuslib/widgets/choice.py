"""Single and multiple choice quiz widget: explanation per chosen option, retry, model answer after trying."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from traitlets import Bool, Int

from ..exercises.choice import ChoiceResult, check_choice, correct_keys, options
from ..text import escape, inline_markdown
from .base import ExerciseWidget, button, live_region


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
        self.check_button = button(self.t("common.check"), style="primary")
        self.retry_button = button(self.t("common.retry"), tooltip=self.t("common.retry_tooltip"))
        self.model_button = button(self.t("common.show_model"))
        self.check_button.on_click(lambda _: self.check())
        self.retry_button.on_click(lambda _: self.retry())
        self.model_button.on_click(lambda _: self.show_model())
        self.feedback = self.html(live_region(""))
        self.model = self.html("")
        self.buttons = w.HBox([self.check_button, self.retry_button, self.model_button])
        self.children = [self.header, self.notice, self.question, self.choices, self.buttons,
                         self.feedback, self.model, self.saved_label]
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
        result = check_choice(self.exercise, self.selected)
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
        if not self.attempted:
            self.feedback.value = live_region(escape(self.t("common.try_first")))
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
        heading = escape(self.t("common.model_answer"))
        self.model.value = (
            f'<div class="cursus-model" role="region" aria-label="{heading}"><strong>{heading}</strong>'
            f"<ul>{rows}</ul>{extra_html}<p>{escape(self.t('choice.model_compare'))}</p></div>"
        )
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
        parts.append(f"<p><strong>{escape(self.t('common.next_step'))}</strong> {escape(result.next_step)}</p>")
        self.feedback.value = live_region("".join(parts))

    def _update_buttons(self) -> None:
        self.model_button.layout.display = None if self.attempted else "none"

    # -- saving --------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """Selection, attempts, and whether feedback and model answer are shown."""
        return {"selected": self.selected, "attempts": self.attempts,
                "checked": self.checked,
                "model_shown": bool(self.model.value)}

    def restore(self, state: dict[str, Any]) -> None:
        """Restore selection, feedback and model answer."""
        selected = state.get("selected") or []
        self.select([key for key in selected if isinstance(key, str)])
        self.attempts = int(state.get("attempts") or 0)
        self.attempted = self.attempts > 0
        if state.get("checked") and self.selected:
            self.checked = True
            self._show_result(check_choice(self.exercise, self.selected))
        if state.get("model_shown") and self.attempted:
            self.show_model()
        self._update_buttons()
