"""Positive rewriting: highlight negative words, explain, and show an annotated model answer after trying."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..language import positivity, rewrite_feedback
from ..text import escape, highlight, inline_markdown
from .base import ExerciseWidget, button, live_region

MAX_HISTORY = 20


def marked(text: str) -> str:
    """Return ``text`` escaped with its negative words marked, and a list of why and what instead."""
    result = positivity(text)
    spans = [(f.start, f.end) for f in result.findings]
    notes = "".join(f"<li><q>{escape(f.phrase)}</q>: {escape(f.reason)} Tip: {escape(f.tip)}</li>"
                    for f in result.findings)
    return highlight(text, spans) + (f"<ul>{notes}</ul>" if notes else "")


class RewriteExercise(ExerciseWidget):
    """Rewrite a negative sentence in positive language, with explained feedback."""

    def build(self) -> None:
        """Create the original (negative words marked), the input, buttons, feedback and model answer."""
        data = self.exercise.data
        context = f"<p><em>{inline_markdown(data['context'])}</em></p>" if data.get("context") else ""
        self.original = self.html(context + self.prompt_html())
        self.answer = w.Textarea(description=self.answer_label, rows=self.answer_rows, layout=w.Layout(width="100%"),
                                 placeholder=self.placeholder, style={"description_width": "6.5em"})
        self.answer.observe(lambda _: self.save(), names="value")
        self.check_button = button("Controleer", style="primary")
        self.model_button = button("Toon modelantwoord")
        self.check_button.on_click(lambda _: self.check())
        self.model_button.on_click(lambda _: self.show_model())
        self.feedback = w.HTML(live_region(""))
        self.model = w.HTML("")
        self.ticks = [w.Checkbox(value=False, description=f"Mijn zin doet dit ook: {note}", indent=False,
                                 layout=w.Layout(width="auto"))
                      for note in data.get("annotations", ())]
        for tick in self.ticks:
            tick.observe(lambda _: self.save(), names="value")
        self.tick_box = w.VBox(self.ticks, layout=w.Layout(display="none"))
        self.history: list[dict[str, Any]] = []
        self.children = [self.header, self.notice, self.original, self.answer,
                         w.HBox([self.check_button, self.model_button]), self.feedback, self.model,
                         self.tick_box, self.saved_label]
        self._update_buttons()

    answer_label = "Jouw zin"
    answer_rows = 3
    placeholder = "Schrijf de zin positief: wat kan wel, wanneer en door wie?"

    def prompt_html(self) -> str:
        """The text the student responds to, with its negative words marked."""
        return f'<p><strong>De zin:</strong></p><div class="cursus-answer">{marked(self.exercise.data["sentence"])}</div>'

    def evaluate(self, text: str) -> tuple[bool, tuple[str, ...]]:
        """Return whether ``text`` is improved, and the engine's messages (the last one a next step)."""
        result = rewrite_feedback(self.exercise.data["sentence"], text)
        return result.improved, result.messages

    verdicts = ("je zin is positiever en helpt de klant verder.", "je zin kan nog positiever.")

    def check(self) -> None:
        """Compare the attempt with the original and explain what is better and what is next."""
        text = self.answer.value
        if not text.strip():
            self.feedback.value = live_region("Schrijf eerst je eigen versie van de zin.")
            return
        self.attempted = True
        improved, _ = self.evaluate(text)
        self.history = [*self.history, {"text": text, "improved": improved}][-MAX_HISTORY:]
        self.feedback.value = live_region(self._feedback_html(text))
        self._update_buttons()
        self.save()

    def _feedback_html(self, text: str) -> str:
        improved, found = self.evaluate(text)
        mark = self.mark(improved)
        head = self.verdicts[0] if improved else self.verdicts[1]
        messages = list(found)
        last = messages.pop() if messages else ""
        items = "".join(f"<li>{escape(m)}</li>" for m in messages)
        return (f"<p>{mark}: {head}</p><p>{escape(self.answer_label)}: {marked(text)}</p><ul>{items}</ul>"
                + (f"<p><strong>Volgende stap:</strong> {escape(last)}</p>" if last else "")
                + "<p><small>Dit is een automatische controle: een signaal, geen oordeel.</small></p>")

    def show_model(self) -> None:
        """Show the annotated model answer and the tick list (only after an attempt)."""
        if not self.attempted:
            self.feedback.value = live_region("Probeer het eerst zelf: het modelantwoord komt na je eerste poging.")
            return
        data = self.exercise.data
        notes = "".join(f"<li>{inline_markdown(n)}</li>" for n in data.get("annotations", ()))
        self.model.value = ('<div class="cursus-model" role="region" aria-label="Modelantwoord">'
                            f"<strong>Modelantwoord</strong><p>{inline_markdown(data['model_answer'])}</p>"
                            + (f"<p>Wat deze zin goed doet:</p><ul>{notes}</ul>" if notes else "")
                            + "<p>Vink hieronder aan wat jouw zin ook al doet.</p></div>")
        self.tick_box.layout.display = None
        self.save()

    def _update_buttons(self) -> None:
        self.model_button.layout.display = None if self.attempted else "none"

    def state(self) -> dict[str, Any]:
        """Current text, checked attempts with their outcome, model shown and ticks."""
        return {"text": self.answer.value, "history": self.history, "attempted": self.attempted,
                "model_shown": bool(self.model.value), "ticks": [t.value for t in self.ticks]}

    def restore(self, state: dict[str, Any]) -> None:
        """Restore the text, the feedback on the last checked attempt, the model answer and ticks."""
        history = state.get("history") if isinstance(state.get("history"), list) else []
        self.history = [h for h in history if isinstance(h, dict) and isinstance(h.get("text"), str)]
        if isinstance(state.get("text"), str):
            self.answer.value = state["text"]
        self.attempted = bool(state.get("attempted")) or bool(self.history)
        if self.history and self.history[-1]["text"] == self.answer.value:
            self.feedback.value = live_region(self._feedback_html(self.answer.value))
        ticks = state.get("ticks") if isinstance(state.get("ticks"), list) else []
        for tick, value in zip(self.ticks, ticks, strict=False):
            tick.value = bool(value)
        if state.get("model_shown") and self.attempted:
            self.show_model()
        self._update_buttons()
