"""Open/closed question trainer (write a question) and drill (classify given questions)."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from traitlets import Int

from ..content import QUESTION_KINDS, Exercise
from ..language import question_kind
from ..messages import fill, text
from ..text import escape, highlight, inline_markdown
from .base import ExerciseWidget, button, live_region, verdict

MAX_HISTORY = 20


def kind_choices(exercise: Exercise | None = None) -> list[tuple[str, str]]:
    """Return the drill's choices as (label, kind used in exercise files), labels from the catalogue."""
    labels = {"open": text("questions.choice_open", exercise), "gesloten": text("questions.choice_closed", exercise)}
    return [(labels[kind], kind) for kind in QUESTION_KINDS]


def question_feedback_html(question: str, exercise: Exercise | None = None) -> str:
    """Return the feedback on one question: kind in words, the deciding words marked, and a next step."""
    result = question_kind(question)
    is_open = result.kind == "open"
    # The sentence comes from the catalogue as plain text; only the kind words are put in bold.
    if is_open:
        sentence, kind = text("questions.verdict_open", exercise), text("questions.open_question", exercise)
    else:
        sentence, kind = text("questions.verdict_closed", exercise), text("questions.closed_question", exercise)
    next_step = escape(text("common.next_step", exercise))
    parts = [
        f"<p>{verdict(is_open, exercise)}: {fill(escape(sentence), {'question': f'<strong>{escape(kind)}</strong>'})}</p>",
        f"<p>{escape(text('questions.answer_label', exercise))}: "
        f"<q>{highlight(question, getattr(result, 'spans', ()))}</q></p>",
        f"<p>{escape(result.explanation)}</p>",
    ]
    if result.suggestion:
        parts.append(f"<p><strong>{next_step}</strong> {escape(result.suggestion)}</p>")
    elif is_open:
        parts.append(f"<p><strong>{next_step}</strong> {escape(text('questions.next_step_open', exercise))}</p>")
    return "".join(parts)


class QuestionPractice(ExerciseWidget):
    """The student writes a question for a situation and gets immediate feedback on open or closed."""

    attempts = Int(0, help="How many questions the student checked").tag(sync=False)

    def build(self) -> None:
        """Create the situation, the input box, the buttons and the feedback area."""
        self.situation = w.HTML(f"<p><strong>{escape(self.t('questions.situation'))}</strong> "
                                f"{inline_markdown(self.exercise.data['situation'])}</p>")
        self.answer = w.Textarea(description=self.t("questions.answer_label"),
                                 placeholder=self.t("questions.answer_placeholder"),
                                 rows=2, layout=w.Layout(width="100%"), style={"description_width": "6.5em"})
        self.answer.observe(lambda _: self.save(), names="value")
        self.check_button = button(self.t("common.check"), style="primary")
        self.model_button = button(self.t("common.show_example"))
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
        question = self.answer.value
        if not question.strip():
            self.feedback.value = live_region(escape(self.t("questions.empty", check=self.t("common.check"))))
            return
        self.attempts += 1
        self.attempted = True
        self.history = [*self.history, {"text": question, "kind": question_kind(question).kind}][-MAX_HISTORY:]
        self.feedback.value = live_region(question_feedback_html(question, self.exercise))
        self._update_buttons()
        self.save()

    def show_model(self) -> None:
        """Show the example question (only after an attempt)."""
        if not self.attempted:
            self.feedback.value = live_region(escape(self.t("questions.try_first")))
            return
        model = self.exercise.data.get("model_answer") or ""
        example = escape(self.t("common.example"))
        self.model.value = (f'<div class="cursus-model" role="region" aria-label="{example}"><strong>{example}</strong>'
                            f"<p>{inline_markdown(model)}</p><p>{escape(self.t('questions.compare'))}</p></div>")
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
        saved_text = state.get("text")
        self.answer.value = saved_text if isinstance(saved_text, str) else ""
        if self.history and self.history[-1]["text"] == self.answer.value:
            self.feedback.value = live_region(question_feedback_html(self.answer.value, self.exercise))
        if state.get("model_shown") and self.attempted:
            self.show_model()
        self._update_buttons()


class QuestionDrill(ExerciseWidget):
    """Classify given questions as open or closed; immediate feedback with an explanation per item."""

    def build(self) -> None:
        """Create a row per question with an open / closed choice and its feedback."""
        self.items = self.exercise.data["questions"]
        self.toggles: list[w.ToggleButtons] = []
        self.notes: list[w.HTML] = []
        rows = []
        choices = kind_choices(self.exercise)
        for number, item in enumerate(self.items, start=1):
            toggle = w.ToggleButtons(options=choices, value=None, description=self.t("questions.question_number",
                                                                                    number=number),
                                     style={"description_width": "initial"})
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
        is_open = item.kind == "open"
        sentence = self.t("questions.drill_is_open") if is_open else self.t("questions.drill_is_closed")
        tip = ""
        if not is_open and result.suggestion:
            tip = f"<br><strong>{escape(self.t('questions.make_open'))}</strong> {escape(result.suggestion)}"
        return f"{self.mark(right)}: {escape(sentence)} <q>{marked}</q><br>{escape(why)}{tip}"

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
            step = (self.t("questions.next_step_all_right") if right == len(done)
                    else self.t("questions.next_step_retry"))
            score = self.t("questions.summary", right=right, total=len(done))
            self.summary.value = live_region(f"<p>{escape(score)} {escape(self.t('common.next_step'))} "
                                             f"{escape(step)}</p>")
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
