"""Open/closed question trainer (write a question) and drill (classify given questions)."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from traitlets import Int

from ..content import QUESTION_KINDS
from ..language import question_kind
from ..text import escape, highlight, inline_markdown
from .base import ExerciseWidget, button, live_region, verdict

#: Engine kinds to the Dutch words used in exercise files and on screen.
KIND_WORDS = {"open": "open", "closed": "gesloten"}
MAX_HISTORY = 20


def question_feedback_html(text: str) -> str:
    """Return the feedback on one question: kind in words, the deciding words marked, and a next step."""
    result = question_kind(text)
    word = KIND_WORDS[result.kind]
    mark = verdict(result.kind == "open")
    parts = [
        f"<p>{mark}: dit is een <strong>{word} vraag</strong>.</p>",
        f"<p>Jouw vraag: <q>{highlight(text, getattr(result, 'spans', ()))}</q></p>",
        f"<p>{escape(result.explanation)}</p>",
    ]
    if result.suggestion:
        parts.append(f"<p><strong>Volgende stap:</strong> {escape(result.suggestion)}</p>")
    elif result.kind == "open":
        parts.append("<p><strong>Volgende stap:</strong> bedenk nu een doorvraag op het antwoord dat de klant "
                     "zou kunnen geven.</p>")
    return "".join(parts)


class QuestionPractice(ExerciseWidget):
    """The student writes a question for a situation and gets immediate feedback on open or closed."""

    attempts = Int(0, help="How many questions the student checked").tag(sync=False)

    def build(self) -> None:
        """Create the situation, the input box, the buttons and the feedback area."""
        self.situation = w.HTML(f"<p><strong>Situatie:</strong> {inline_markdown(self.exercise.data['situation'])}</p>")
        self.answer = w.Textarea(description="Jouw vraag", placeholder="Typ hier je vraag aan de klant",
                                 rows=2, layout=w.Layout(width="100%"), style={"description_width": "6.5em"})
        self.answer.observe(lambda _: self.save(), names="value")
        self.check_button = button("Controleer", style="primary")
        self.model_button = button("Toon voorbeeld")
        self.check_button.on_click(lambda _: self.check())
        self.model_button.on_click(lambda _: self.show_model())
        self.feedback = w.HTML(live_region(""))
        self.model = w.HTML("")
        self.history: list[dict[str, str]] = []
        self.children = [self.header, self.notice, self.situation, self.answer,
                         w.HBox([self.check_button, self.model_button]), self.feedback, self.model, self.saved_label]
        self._update_buttons()

    def check(self) -> None:
        """Classify the question and show why."""
        text = self.answer.value
        if not text.strip():
            self.feedback.value = live_region("Typ eerst een vraag en klik dan op 'Controleer'.")
            return
        self.attempts += 1
        self.attempted = True
        self.history = [*self.history, {"text": text, "kind": question_kind(text).kind}][-MAX_HISTORY:]
        self.feedback.value = live_region(question_feedback_html(text))
        self._update_buttons()
        self.save()

    def show_model(self) -> None:
        """Show the example question (only after an attempt)."""
        if not self.attempted:
            self.feedback.value = live_region("Probeer het eerst zelf: het voorbeeld komt na je eerste poging.")
            return
        model = self.exercise.data.get("model_answer") or ""
        self.model.value = (f'<div class="cursus-model" role="region" aria-label="Voorbeeld"><strong>Voorbeeld</strong>'
                            f"<p>{inline_markdown(model)}</p><p>Vergelijk: begint jouw vraag ook met een vraagwoord, "
                            "en laat hij de klant vertellen?</p></div>")
        self.save()

    def _update_buttons(self) -> None:
        has_model = bool(self.exercise.data.get("model_answer"))
        self.model_button.layout.display = None if (self.attempted and has_model) else "none"

    def state(self) -> dict[str, Any]:
        """Current text, checked questions and whether the example is shown."""
        return {"text": self.answer.value, "history": self.history, "attempts": self.attempts,
                "model_shown": bool(self.model.value)}

    def restore(self, state: dict[str, Any]) -> None:
        """Restore the text, the feedback on the last checked question and the example."""
        history = state.get("history") if isinstance(state.get("history"), list) else []
        self.history = [h for h in history if isinstance(h, dict) and isinstance(h.get("text"), str)]
        self.attempts = int(state.get("attempts") or len(self.history))
        self.attempted = self.attempts > 0
        text = state.get("text")
        self.answer.value = text if isinstance(text, str) else ""
        if self.history and self.history[-1]["text"] == self.answer.value:
            self.feedback.value = live_region(question_feedback_html(self.answer.value))
        if state.get("model_shown") and self.attempted:
            self.show_model()
        self._update_buttons()


class QuestionDrill(ExerciseWidget):
    """Classify given questions as open or closed; immediate feedback with an explanation per item."""

    def build(self) -> None:
        """Create a row per question with an 'Open' / 'Gesloten' choice and its feedback."""
        self.items = self.exercise.data["questions"]
        self.toggles: list[w.ToggleButtons] = []
        self.notes: list[w.HTML] = []
        rows = []
        for number, item in enumerate(self.items, start=1):
            toggle = w.ToggleButtons(options=[(label, key) for key, label in QUESTION_KINDS.items()], value=None,
                                     description=f"Vraag {number}", style={"description_width": "initial"})
            toggle.observe(self._on_choice, names="value")
            note = w.HTML(live_region(""))
            self.toggles.append(toggle)
            self.notes.append(note)
            rows.append(w.VBox([w.HTML(f"<p><strong>{number}.</strong> <q>{escape(item.text)}</q></p>"), toggle, note]))
        self.summary = w.HTML(live_region(""))
        self.children = [self.header, self.notice, *rows, self.summary, self.saved_label]

    def feedback_for(self, index: int) -> str:
        """Return the feedback HTML for question ``index`` given the student's choice."""
        item, choice = self.items[index], self.toggles[index].value
        if choice is None:
            return ""
        result = question_kind(item.text)
        right = choice == item.kind
        why = item.explanation or result.explanation
        marked = highlight(item.text, getattr(result, "spans", ()))
        verdict = f"{self.mark(True)}: deze vraag is {item.kind}." if right else f"{self.mark(False)}: deze vraag is {item.kind}."
        tip = ""
        if item.kind == "gesloten" and result.suggestion:
            tip = f"<br><strong>Open maken:</strong> {escape(result.suggestion)}"
        return f"{verdict} <q>{marked}</q><br>{escape(why)}{tip}"

    def _on_choice(self, change: dict[str, Any]) -> None:
        index = self.toggles.index(change["owner"])
        self.notes[index].value = live_region(self.feedback_for(index))
        if change["new"] is not None and not self._restoring:
            self.attempted = True
        self._update_summary()
        self.save()

    def _update_summary(self) -> None:
        done = [i for i, t in enumerate(self.toggles) if t.value is not None]
        right = sum(self.toggles[i].value == self.items[i].kind for i in done)
        if len(done) == len(self.items):
            step = ("Volgende stap: maak van elke gesloten vraag hierboven zelf een open vraag."
                    if right == len(done) else "Volgende stap: lees de uitleg bij 'Nog niet' en kies opnieuw.")
            self.summary.value = live_region(f"<p>{right} van de {len(done)} vragen goed ingedeeld. {step}</p>")
        else:
            self.summary.value = live_region("")

    def state(self) -> dict[str, Any]:
        """The kind chosen per question index."""
        return {"answers": {str(i): t.value for i, t in enumerate(self.toggles) if t.value}}

    def restore(self, state: dict[str, Any]) -> None:
        """Restore the choices and their feedback."""
        saved = state.get("answers") if isinstance(state.get("answers"), dict) else {}
        for index, toggle in enumerate(self.toggles):
            value = saved.get(str(index))
            toggle.value = value if value in QUESTION_KINDS else None
        self.attempted = any(t.value for t in self.toggles)
