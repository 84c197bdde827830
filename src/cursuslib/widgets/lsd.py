"""LSD practice: the customer says something; the student writes a summary and a follow-up question."""

from __future__ import annotations

import ipywidgets as w

from ..content import Exercise
from ..messages import text
from ..text import escape, inline_markdown
from ..types.lsd_practice import LsdFeedback, LsdState
from .base import ExerciseWidget, ideas_html, live_region, model_box, verdict


def part_html(title: str, ok: bool, messages: tuple[str, ...] | list[str], exercise: Exercise | None = None) -> str:
    """Return one feedback part: its title, the verdict label and the engine's (Dutch) messages."""
    mark = verdict(ok, exercise)
    items = "".join(f"<li>{escape(m)}</li>" for m in messages)
    return f"<p><strong>{escape(title)}</strong>: {mark}</p><ul>{items}</ul>"


def lsd_feedback_html(feedback: LsdFeedback, exercise: Exercise | None = None, summary: str = "") -> str:
    """The feedback on a summary and a follow-up question (an empty part gets the engine's 'write one' message)."""
    parts = []
    if feedback.summary is not None:
        parts.append(part_html(text("lsd.summary", exercise), feedback.summary_ok, feedback.summary_messages(),
                               exercise))
        parts.append(ideas_html(summary, feedback.ideas, exercise))
    if feedback.question is not None:
        parts.append(part_html(text("lsd.question", exercise), feedback.question.ok, feedback.question.messages,
                               exercise))
    return "".join(parts)


class LsdPractice(ExerciseWidget):
    """Luisteren, Samenvatten, Doorvragen on one customer statement, with feedback on both parts."""

    def build(self) -> None:
        """Create the customer text, two labelled text boxes, buttons and feedback."""
        data = self.exercise.data
        context = f"<p><em>{inline_markdown(data['context'])}</em></p>" if data.get("context") else ""
        self.customer = w.HTML(f"{context}<p><strong>{escape(self.t('lsd.customer_says'))}</strong></p>"
                               f'<blockquote class="cursus-answer">{inline_markdown(data["customer"])}</blockquote>')
        style = {"description_width": "8em"}
        self.summary_box = w.Textarea(description=self.t("lsd.summary"), rows=3, layout=w.Layout(width="100%"),
                                      placeholder=self.t("lsd.summary_placeholder"), style=style)
        self.question_box = w.Textarea(description=self.t("lsd.question"), rows=2, layout=w.Layout(width="100%"),
                                       placeholder=self.t("lsd.question_placeholder"), style=style)
        for box in (self.summary_box, self.question_box):
            box.observe(lambda _: self.save(), names="value")
        row = self.action_row(model="common.show_example")
        self.checked_texts: tuple[str, str] | None = None
        self.children = [self.header, self.notice, self.customer, self.summary_box, self.question_box, row,
                         self.feedback, self.model, self.saved_label]
        self._update_buttons()

    def check(self) -> None:
        """Give feedback on the summary and on the follow-up question."""
        summary, question = self.summary_box.value, self.question_box.value
        if not summary.strip() and not question.strip():
            self.feedback.value = live_region(escape(self.t("lsd.empty")))
            return
        self.attempted = True
        self.checked_texts = (summary, question)
        self.feedback.value = live_region(self._feedback_html())
        self._update_buttons()
        self.save()

    def _feedback_html(self) -> str:
        summary = self.checked_texts[0] if self.checked_texts else ""
        return lsd_feedback_html(self.assess().detail, self.exercise, summary)

    def show_model(self) -> None:
        """Show the example summary and question (only after an attempt)."""
        if not self.tried_first("lsd.try_first"):
            return
        data = self.exercise.data
        parts = []
        if data.get("model_summary"):
            parts.append(f"<p><strong>{escape(self.t('lsd.summary'))}:</strong> {inline_markdown(data['model_summary'])}</p>")
        if data.get("model_question"):
            parts.append(f"<p><strong>{escape(self.t('lsd.question'))}:</strong> "
                         f"{inline_markdown(data['model_question'])}</p>")
        self.model.value = model_box(self.t("common.example"), "".join(parts) + f"<p>{escape(self.t('lsd.compare'))}</p>")
        self.save()

    def _update_buttons(self) -> None:
        self.show_model_button(bool(self.exercise.data.get("model_summary") or self.exercise.data.get("model_question")))

    def state(self) -> LsdState:
        """Both texts, what was last checked and whether the example is shown."""
        return LsdState(self.summary_box.value, self.question_box.value,
                        list(self.checked_texts) if self.checked_texts else None, bool(self.attempted),
                        bool(self.model.value))

    def restore(self, state: LsdState) -> None:
        """Restore both texts, the feedback and the example."""
        self.summary_box.value, self.question_box.value = state.summary, state.question
        self.attempted = state.attempted
        self.checked_texts = state.checked_pair
        if self.checked_texts is not None:
            self.feedback.value = live_region(self._feedback_html())
        if state.model_shown and self.attempted:
            self.show_model()
        self._update_buttons()
