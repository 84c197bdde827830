"""Positive rewriting: highlight negative words, explain, and show an annotated model answer after trying."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..content import Exercise
from ..language import positivity
from ..messages import text
from ..text import escape, highlight, inline_markdown
from ..types import Assessment
from ..types.rewrite import MAX_HISTORY, Attempt, WrittenState
from .base import ExerciseWidget, ideas_html, live_region, model_box


def marked(sentence: str, exercise: Exercise | None = None) -> str:
    """Return ``sentence`` escaped with its negative words marked, and a list of why and what instead."""
    result = positivity(sentence)
    spans = [(f.start, f.end) for f in result.findings]
    tip = escape(text("rewrite.tip", exercise))
    notes = "".join(f"<li><q>{escape(f.phrase)}</q>: {escape(f.reason)} {tip} {escape(f.tip)}</li>"
                    for f in result.findings)
    return highlight(sentence, spans) + (f"<ul>{notes}</ul>" if notes else "")


def _bold_lead_in(step: str) -> str:
    """Escape the engine's next step and put its own short lead-in ('Volgende stap:') in bold.

    The engine writes the label itself (its texts stay Dutch), so the widget adds none: no label twice.
    """
    lead, colon, rest = step.partition(": ")
    if colon and len(lead.split()) <= 3:
        return f"<strong>{escape(lead)}:</strong> {escape(rest)}"
    return escape(step)


class RewriteExercise(ExerciseWidget):
    """Rewrite a negative sentence in positive language, with explained feedback."""

    def build(self) -> None:
        """Create the original (negative words marked), the input, buttons, feedback and model answer."""
        data = self.exercise.data
        context = f"<p><em>{inline_markdown(data['context'])}</em></p>" if data.get("context") else ""
        self.original = self.html(context + self.prompt_html())
        self.answer = w.Textarea(description=self.answer_label(), rows=self.answer_rows, layout=w.Layout(width="100%"),
                                 placeholder=self.placeholder(), style={"description_width": "6.5em"})
        self.answer.observe(lambda _: self.save(), names="value")
        row = self.action_row()
        self.ticks = [w.Checkbox(value=False, description=self.t("rewrite.tick", note=note), indent=False,
                                 layout=w.Layout(width="auto"))
                      for note in data.get("annotations", ())]
        for tick in self.ticks:
            tick.observe(lambda _: self.save(), names="value")
        self.tick_box = w.VBox(self.ticks, layout=w.Layout(display="none"))
        self.history: list[dict[str, Any]] = []
        self.children = [self.header, self.notice, self.original, self.answer, row, self.feedback, self.model,
                         self.tick_box, self.saved_label]
        self._update_buttons()

    answer_rows = 3

    def answer_label(self) -> str:
        """The label of the student's text (box and feedback)."""
        return self.t("rewrite.answer_label")

    def placeholder(self) -> str:
        """The hint in the empty text box."""
        return self.t("rewrite.placeholder")

    def verdict_text(self, ok: bool) -> str:
        """The sentence after the verdict label."""
        return self.t("rewrite.verdict_good") if ok else self.t("rewrite.verdict_not_yet")

    def prompt_html(self) -> str:
        """The text the student responds to, with its negative words marked."""
        return (f"<p><strong>{escape(self.t('rewrite.sentence'))}</strong></p>"
                f'<div class="cursus-answer">{marked(self.exercise.data["sentence"], self.exercise)}</div>')

    def check(self) -> None:
        """Compare the attempt with the original and explain what is better and what is next."""
        text = self.answer.value
        if not text.strip():
            self.feedback.value = live_region(escape(self.t("rewrite.empty")))
            return
        self.attempted = True
        self.history = [*self.history, {"text": text, "improved": False}][-MAX_HISTORY:]
        assessment = self.assess()
        self.history[-1]["improved"] = assessment.score == 1
        self.feedback.value = live_region(self._feedback_html(text, assessment))
        self._update_buttons()
        self.save()

    def _feedback_html(self, text: str, assessment: Assessment) -> str:
        improved = assessment.score == 1
        mark = self.mark(improved)
        head = escape(self.verdict_text(improved))
        messages = list(assessment.findings)
        last = messages.pop() if messages else ""
        items = "".join(f"<li>{escape(m)}</li>" for m in messages)
        ideas = ideas_html(text, getattr(assessment.detail, "ideas", ()), self.exercise)
        return (f"<p>{mark}: {head}</p><p>{escape(self.answer_label())}: {marked(text, self.exercise)}</p><ul>{items}</ul>"
                + ideas
                + (f"<p>{_bold_lead_in(last)}</p>" if last else "")
                + f"<p><small>{escape(self.t('rewrite.automatic'))}</small></p>")

    def show_model(self) -> None:
        """Show the annotated model answer and the tick list (only after an attempt)."""
        if not self.tried_first():
            return
        data = self.exercise.data
        notes = "".join(f"<li>{inline_markdown(n)}</li>" for n in data.get("annotations", ()))
        self.model.value = model_box(self.t("common.model_answer"),
                                     f"<p>{inline_markdown(data['model_answer'])}</p>"
                                     + (f"<p>{escape(self.t('rewrite.model_does'))}</p><ul>{notes}</ul>" if notes
                                        else "")
                                     + f"<p>{escape(self.t('rewrite.tick_intro'))}</p>")
        self.tick_box.layout.display = None
        self.save()

    def _update_buttons(self) -> None:
        self.show_model_button()

    def state(self) -> WrittenState:
        """Current text, checked attempts with their outcome, model shown and ticks."""
        return WrittenState(self.answer.value, [Attempt(**item) for item in self.history], bool(self.attempted),
                            bool(self.model.value), [t.value for t in self.ticks])

    def restore(self, state: WrittenState) -> None:
        """Restore the text, the feedback on the last checked attempt, the model answer and ticks."""
        self.history = [{"text": item.text, "improved": item.improved} for item in state.history]
        self.answer.value = state.text
        self.attempted = state.attempted or bool(self.history)
        if self.history and self.history[-1]["text"] == self.answer.value:
            self.feedback.value = live_region(self._feedback_html(self.answer.value, self.assess()))
        for tick, value in zip(self.ticks, state.ticks, strict=False):
            tick.value = value
        if state.model_shown and self.attempted:
            self.show_model()
        self._update_buttons()
