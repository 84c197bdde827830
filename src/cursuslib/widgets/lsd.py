"""LSD practice: the customer says something; the student writes a summary and a follow-up question."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..content import Exercise
from ..language import followup_feedback, summary_feedback
from ..text import escape, inline_markdown
from .base import ExerciseWidget, button, live_region, verdict


def _block(title: str, ok: bool, messages: tuple[str, ...] | list[str], exercise: Exercise | None = None) -> str:
    """Return one feedback part: its title, the verdict label and the engine's (Dutch) messages."""
    mark = verdict(ok, exercise)
    items = "".join(f"<li>{escape(m)}</li>" for m in messages)
    return f"<p><strong>{escape(title)}</strong>: {mark}</p><ul>{items}</ul>"


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
        self.check_button = button(self.t("common.check"), style="primary")
        self.model_button = button(self.t("common.show_example"))
        self.check_button.on_click(lambda _: self.check())
        self.model_button.on_click(lambda _: self.show_model())
        self.feedback = w.HTML(live_region(""))
        self.model = w.HTML("")
        self.checked_texts: tuple[str, str] | None = None
        self.children = [self.header, self.notice, self.customer, self.summary_box, self.question_box,
                         w.HBox([self.check_button, self.model_button]), self.feedback, self.model, self.saved_label]
        self._update_buttons()

    def check(self) -> None:
        """Give feedback on the summary and on the follow-up question."""
        summary, question = self.summary_box.value, self.question_box.value
        if not summary.strip() and not question.strip():
            self.feedback.value = live_region(escape(self.t("lsd.empty")))
            return
        self.attempted = True
        self.checked_texts = (summary, question)
        self.feedback.value = live_region(self._feedback_html(summary, question))
        self._update_buttons()
        self.save()

    def _feedback_html(self, summary: str, question: str) -> str:
        customer = self.exercise.data["customer"]
        s = summary_feedback(customer, summary)
        q = followup_feedback(customer, question)
        return (_block(self.t("lsd.summary"), s.ok, s.messages, self.exercise)
                + _block(self.t("lsd.question"), q.ok, q.messages, self.exercise))

    def show_model(self) -> None:
        """Show the example summary and question (only after an attempt)."""
        if not self.attempted:
            self.feedback.value = live_region(escape(self.t("lsd.try_first")))
            return
        data = self.exercise.data
        parts = []
        if data.get("model_summary"):
            parts.append(f"<p><strong>{escape(self.t('lsd.summary'))}:</strong> {inline_markdown(data['model_summary'])}</p>")
        if data.get("model_question"):
            parts.append(f"<p><strong>{escape(self.t('lsd.question'))}:</strong> "
                         f"{inline_markdown(data['model_question'])}</p>")
        example = escape(self.t("common.example"))
        self.model.value = (f'<div class="cursus-model" role="region" aria-label="{example}"><strong>{example}</strong>'
                            + "".join(parts) + f"<p>{escape(self.t('lsd.compare'))}</p></div>")
        self.save()

    def _update_buttons(self) -> None:
        has_model = bool(self.exercise.data.get("model_summary") or self.exercise.data.get("model_question"))
        self.model_button.layout.display = None if (self.attempted and has_model) else "none"

    def state(self) -> dict[str, Any]:
        """Both texts, what was last checked and whether the example is shown."""
        return {"summary": self.summary_box.value, "question": self.question_box.value,
                "checked": list(self.checked_texts) if self.checked_texts else None,
                "attempted": self.attempted, "model_shown": bool(self.model.value)}

    def restore(self, state: dict[str, Any]) -> None:
        """Restore both texts, the feedback and the example."""
        for key, box in (("summary", self.summary_box), ("question", self.question_box)):
            if isinstance(state.get(key), str):
                box.value = state[key]
        self.attempted = bool(state.get("attempted"))
        checked = state.get("checked")
        if isinstance(checked, list) and len(checked) == 2 and all(isinstance(t, str) for t in checked):
            self.checked_texts = (checked[0], checked[1])
            self.feedback.value = live_region(self._feedback_html(*self.checked_texts))
        if state.get("model_shown") and self.attempted:
            self.show_model()
        self._update_buttons()
