"""Open/closed question trainer (write a question) and drill (classify given questions)."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from traitlets import Int

from ..content import Exercise
from ..language import QUESTION_KINDS, QuestionResult
from ..messages import fill, text
from ..text import escape, highlight, inline_markdown
from ..types.question_drill import DrillFeedback, DrillState
from ..types.question_practice import MAX_HISTORY, CheckedQuestion, QuestionPracticeState, asks_again
from .base import ExerciseWidget, live_region, model_box, next_step_html, verdict


def kind_choices(exercise: Exercise | None = None) -> list[tuple[str, str]]:
    """Return the drill's choices as (label, question kind), labels from the catalogue."""
    labels = {"open": text("questions.choice_open", exercise), "closed": text("questions.choice_closed", exercise)}
    return [(labels[kind], kind) for kind in QUESTION_KINDS]


def question_feedback_html(question: str, result: QuestionResult, exercise: Exercise | None = None) -> str:
    """Return the feedback on one question: kind in words, the deciding words marked, and a next step.

    Input that is no question yet (emoji, one word, English ...) gets the engine's request, no verdict.
    """
    if asks_again(result):
        request = "".join(f"<p>{escape(part)}</p>" for part in (result.explanation, result.suggestion) if part)
        return f'<div class="cursus-notice" role="status">{request}</div>'
    is_open = result.is_open
    # The sentence comes from the catalogue as plain text; only the kind words are put in bold.
    if is_open:
        sentence, kind = text("questions.verdict_open", exercise), text("questions.open_question", exercise)
    else:
        sentence, kind = text("questions.verdict_closed", exercise), text("questions.closed_question", exercise)
    parts = [
        f"<p>{verdict(is_open, exercise)}: {fill(escape(sentence), {'question': f'<strong>{escape(kind)}</strong>'})}</p>",
        f"<p>{escape(text('questions.answer_label', exercise))}: <q>{highlight(question, result.spans)}</q></p>",
        f"<p>{escape(result.explanation)}</p>",
    ]
    if result.suggestion:
        parts.append(next_step_html(result.suggestion, exercise))
    elif is_open:
        parts.append(next_step_html(text("questions.next_step_open", exercise), exercise))
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
        row = self.action_row(model="common.show_example")
        self.history: list[dict[str, str]] = []
        self.children = [self.header, self.notice, self.situation, self.answer, row, self.feedback, self.model,
                         self.saved_label]
        self._update_buttons()

    def check(self) -> None:
        """Classify the question and show why."""
        question = self.answer.value
        if not question.strip():
            self.feedback.value = live_region(escape(self.t("questions.empty", check=self.t("common.check"))))
            return
        self.attempts += 1
        self.attempted = True
        self.history = [*self.history, {"text": question, "kind": ""}][-MAX_HISTORY:]
        result: QuestionResult = self.assess().detail
        self.history[-1]["kind"] = result.kind
        self.feedback.value = live_region(question_feedback_html(question, result, self.exercise))
        self._update_buttons()
        self.save()

    def show_model(self) -> None:
        """Show the example question (only after an attempt)."""
        if not self.tried_first("questions.try_first"):
            return
        model = self.exercise.data.get("model_answer") or ""
        self.model.value = model_box(self.t("common.example"),
                                     f"<p>{inline_markdown(model)}</p><p>{escape(self.t('questions.compare'))}</p>")
        self.save()

    def _update_buttons(self) -> None:
        self.show_model_button(bool(self.exercise.data.get("model_answer")))

    def state(self) -> QuestionPracticeState:
        """Current text, checked questions and whether the example is shown."""
        return QuestionPracticeState(self.answer.value, [CheckedQuestion(**item) for item in self.history],
                                     self.attempts, bool(self.model.value))

    def restore(self, state: QuestionPracticeState) -> None:
        """Restore the text, the feedback on the last checked question and the example."""
        self.history = [{"text": item.text, "kind": item.kind} for item in state.history]
        self.attempts = state.attempts if state.attempts > 0 else len(self.history)
        self.attempted = self.attempts > 0
        self.answer.value = state.text
        if self.history and self.history[-1]["text"] == self.answer.value:
            result: QuestionResult = self.assess().detail
            self.feedback.value = live_region(question_feedback_html(self.answer.value, result, self.exercise))
        if state.model_shown and self.attempted:
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
        item: DrillFeedback = self.assess().detail[index]
        if item.given is None:
            return ""
        reading = item.reading
        why = item.question.explanation or reading.explanation
        is_open = item.question.kind == "open"
        sentence = self.t("questions.drill_is_open") if is_open else self.t("questions.drill_is_closed")
        tip = ""
        if not is_open and reading.suggestion:
            tip = f"<br><strong>{escape(self.t('questions.make_open'))}</strong> {escape(reading.suggestion)}"
        marked = highlight(item.question.text, reading.spans)
        return f"{self.mark(item.correct)}: {escape(sentence)} <q>{marked}</q><br>{escape(why)}{tip}"

    def _on_choice(self, change: dict[str, Any]) -> None:
        index = self.toggles.index(change["owner"])
        self.notes[index].value = live_region(self.feedback_for(index))
        if change["new"] is not None and not self._restoring:
            self.attempted = True
        self._update_summary()
        self.save()

    def _update_summary(self) -> None:
        done = [i for i, t in enumerate(self.toggles) if t.value is not None]
        right = sum(item.correct for item in self.assess().detail)
        if len(done) == len(self.items):
            step = (self.t("questions.next_step_all_right") if right == len(done)
                    else self.t("questions.next_step_retry"))
            score = self.t("questions.summary", right=right, total=len(done))
            self.summary.value = live_region(f"<p>{escape(score)} {escape(self.t('common.next_step'))} "
                                             f"{escape(step)}</p>")
        else:
            self.summary.value = live_region("")

    def state(self) -> DrillState:
        """The kind chosen per question index."""
        return DrillState({str(i): t.value for i, t in enumerate(self.toggles) if t.value})

    def restore(self, state: DrillState) -> None:
        """Restore the choices and their feedback."""
        for index, toggle in enumerate(self.toggles):
            value = state.answers.get(str(index))
            toggle.value = value if value in QUESTION_KINDS else None
        self.attempted = any(t.value for t in self.toggles)
