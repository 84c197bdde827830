"""Single and multiple choice quiz widget: options in the student's own order, explanation per chosen option,
retry, model answer after trying, and (when the exercise asks) "Hoe zeker ben je?"."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from traitlets import Bool, Int

from ..text import escape, inline_markdown
from ..types.choice import (
    CONFIDENCE_LEVELS,
    ChoiceResult,
    ChoiceState,
    Option,
    asks_confidence,
    confidence_word,
    correct_keys,
    display_order,
    is_retrieval,
    options,
)
from .base import ExerciseWidget, live_region, model_box, next_step_html


class ChoiceQuiz(ExerciseWidget):
    """A quiz question with one (radio buttons) or more (check boxes) right answers."""

    attempts = Int(0, help="How many times the student clicked the check button").tag(sync=False)
    checked = Bool(False, help="True while the feedback shown belongs to the current selection").tag(sync=False)

    def build(self) -> None:
        """Create question, choices (in this student's order), the confidence question, buttons and feedback area."""
        ex = self.exercise
        self.multiple = ex.type == "multiple_choice"
        #: The options as this student sees them; answers are saved by key, never by position.
        self.shown_options: tuple[Option, ...] = display_order(ex, self.store.order_seed())
        self.question = self.html(f"<p><strong>{inline_markdown(ex.data['question'])}</strong></p>")
        if self.multiple:
            box_layout = w.Layout(width="auto")
            box_style = CheckboxStyle(description_width="initial")
            self.boxes = [
                w.Checkbox(value=False, description=option.text, indent=False, layout=box_layout, style=box_style)
                for option in self.shown_options
            ]
            for box in self.boxes:
                box.observe(self._on_change, names="value")
            self.choices: w.Widget = w.VBox(self.boxes)
        else:
            self.radio = w.RadioButtons(options=[(o.text, o.key) for o in self.shown_options], value=None,
                                        layout=w.Layout(width="auto"))
            self.radio.observe(self._on_change, names="value")
            self.choices = self.radio
        parts = [self.header, self.notice, self.question, self.choices]
        self.confidence: w.RadioButtons | None = None
        if asks_confidence(ex):
            self.confidence = w.RadioButtons(
                options=[(confidence_word(level), level) for level in CONFIDENCE_LEVELS], value=None,
                description=self.t("choice.confidence_question"), style={"description_width": "initial"},
                layout=w.Layout(width="auto"))
            self.confidence.add_class("cursus-confidence")
            self.confidence.observe(lambda _: self.save(), names="value")  # save() skips a restore
            parts.append(self.confidence)
        self.buttons = self.action_row(retry=("common.retry", "common.retry_tooltip"))
        children = [*parts, self.buttons, self.feedback, self.model, self.saved_label]
        if is_retrieval(ex):  # marked before the title, so a student sees at once that it counts for nothing
            self.retrieval = self.html(f'<p class="cursus-retrieval"><strong>{escape(self.t("choice.retrieval"))}'
                                       f'</strong>: {escape(self.t("choice.retrieval_note"))}</p>')
            children.insert(0, self.retrieval)
        self.children = children
        #: The first checked answer: its keys, verdict and confidence (None until the first check).
        self.first: list[str] | None = None
        self.first_correct: bool | None = None
        self.first_confidence = ""
        self._update_buttons()

    # -- student actions -----------------------------------------------------
    @property
    def selected(self) -> list[str]:
        """The keys the student has selected now."""
        if self.multiple:
            return [o.key for o, box in zip(self.shown_options, self.boxes, strict=False) if box.value]
        return [] if self.radio.value is None else [self.radio.value]

    def box_for(self, key: str) -> w.Checkbox:
        """The check box of the option with ``key`` (multiple choice), wherever this student sees it."""
        return next(box for option, box in zip(self.shown_options, self.boxes, strict=True) if option.key == key)

    def select(self, keys: list[str]) -> None:
        """Select exactly ``keys`` (as a student clicking would)."""
        if self.multiple:
            for option, box in zip(self.shown_options, self.boxes, strict=False):
                box.value = option.key in keys
        else:
            self.radio.value = keys[0] if keys else None

    def check(self) -> ChoiceResult:
        """Check the selection, show feedback and save."""
        result: ChoiceResult = self.assess().detail
        if result.chosen:
            if self.attempts == 0 and self.first is None:  # the first check is kept beside the last
                self.first, self.first_correct = self.selected, result.correct
                self.first_confidence = self._confidence()
            self.attempts += 1
            self.attempted = True
        self.checked = bool(result.chosen)
        self._show_result(result)
        self._update_buttons()
        self.save()
        return result

    def retry(self) -> None:
        """Clear the selection, the confidence and the feedback; the model answer stays available."""
        self.select([])
        if self.confidence is not None:
            self.confidence.value = None
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
            for o in self.shown_options
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

    def _confidence(self) -> str:
        value = self.confidence.value if self.confidence is not None else None
        return value if isinstance(value, str) else ""

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
        """Selection, attempts, what is shown, the first attempt and the confidence."""
        return ChoiceState(self.selected, self.attempts, self.checked, bool(self.model.value),
                           self.first, self.first_correct, self._confidence(), self.first_confidence)

    def restore(self, state: ChoiceState) -> None:
        """Restore selection, feedback, model answer, first attempt and confidence (a key that is no longer an
        option is left out)."""
        known = {option.key for option in options(self.exercise)}
        self.select([key for key in state.selected if key in known])
        self.first, self.first_correct = state.first, state.first_correct
        self.first_confidence = state.first_confidence if state.first_confidence in CONFIDENCE_LEVELS else ""
        if self.confidence is not None:
            self.confidence.value = state.confidence if state.confidence in CONFIDENCE_LEVELS else None
        self.attempts = max(state.attempts, 0)
        self.attempted = self.attempts > 0
        if state.checked and self.selected:
            self.checked = True
            self._show_result(self.assess().detail)
        if state.model_shown and self.attempted:
            self.show_model()
        self._update_buttons()
