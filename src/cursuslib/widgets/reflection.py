"""STARR(T) reflection widget: a text box per step, autosave, word counts and an overview."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle

from ..text import escape, highlight, inline_markdown
from ..types.ideas import idea_lines
from ..types.reflection import (
    ReflectionState,
    StepExample,
    StepOverview,
    first_attempt_ready,
    next_step,
    overview,
    step_hint,
    steps,
    word_count,
    word_label,
)
from .base import ExerciseWidget, button, live_region, model_box
from .checklist import ChecklistOwner, ChecklistPanel


class ReflectionExercise(ChecklistOwner, ExerciseWidget):
    """A reflection in six steps (Situatie, Taak, Actie, Resultaat, Reflectie, Transfer; names from the catalogue).

    Under the steps: the checklist and 'Reflectie afronden'. The first time the student marks the
    reflection done with every STARR step written (the first attempt), the annotated weak and strong
    example per step appears; from then on it stays, also after a restart.
    """

    def build(self) -> None:
        """Create a labelled text box and word count per step, and the overview button."""
        self.steps = steps(self.exercise)
        self.boxes: dict[str, w.Textarea] = {}
        self.counts: dict[str, w.HTML] = {}
        rows: list[w.Widget] = []
        html_layout, html_style = w.Layout(), HTMLStyle()  # shared: fewer widget models to start
        box_layout, box_style = w.Layout(width="100%"), TextStyle(description_width="6.5em")
        for step in self.steps:
            prompt = w.HTML(f"<p><strong>{escape(step.name)}</strong>: {escape(step.prompt)}</p>",
                            layout=html_layout, style=html_style)
            box = w.Textarea(value="", description=step.name, placeholder=step.prompt,
                             continuous_update=True, rows=3, layout=box_layout, style=box_style)
            box.observe(self._on_change, names="value")
            count = w.HTML(self._count_html(""), layout=html_layout, style=html_style)
            self.boxes[step.key] = box
            self.counts[step.key] = count
            rows += [prompt, box, count]
        self.checklist = ChecklistPanel(self.exercise.data["checklist"], self.t("reflection.checklist_heading"),
                                        lambda key: self.t(f"reflection.{key}"), self.save, self.html)
        self.overview_button = button(self.t("reflection.show_overview"), tooltip=self.t("reflection.overview_tooltip"))
        self.overview_button.on_click(lambda _: self.show_overview())
        self.done_button = button(self.t("reflection.done_button"), tooltip=self.t("reflection.done_tooltip"),
                                  style="primary")
        self.done_button.on_click(lambda _: self.mark_done())
        self.later = self.html("")
        self.overview = self.html(live_region(""))
        self.examples = self.html("")
        self._show_examples()
        self.children = [self.header, self.notice, *rows, self.checklist.widget,
                         w.HBox([self.done_button, self.overview_button]), self.later, self.done_message,
                         self.examples, self.overview, self.saved_label]

    @property
    def answers(self) -> dict[str, str]:
        """The text per step key."""
        return {key: box.value for key, box in self.boxes.items()}

    def write(self, step_key: str, text: str) -> None:
        """Type ``text`` into step ``step_key`` (as a student would)."""
        self.boxes[step_key].value = text

    def mark_done(self) -> None:
        """Mark the reflection done: name the unticked points (never blocking) and, the first time, show the examples.

        Steps of STARR left empty are named instead: the examples come after a real first attempt.
        """
        empty = first_attempt_ready(self.answers)
        if empty:
            names = ", ".join(step.name for step in self.steps if step.key in empty)
            self.checklist.say(self.t("reflection.steps_missing", steps=names))
            return
        self._finish()

    def _examples_later(self) -> str | None:
        return self.t("reflection.examples_later") if self.exercise.data.get("step_examples") else None

    def _examples_html(self) -> str:
        """Every step's weak and strong example."""
        examples = self.exercise.data["step_examples"]
        parts = "".join(self._example_html(step.name, examples[step.key]) for step in self.steps
                        if step.key in examples)
        return (f"<h4>{escape(self.t('reflection.examples_heading'))}</h4>"
                f"<p>{escape(self.t('reflection.examples_intro'))}</p>{parts}")

    def _example_html(self, name: str, example: StepExample) -> str:
        """One step's example: the weak text, the strong text and what makes the strong one strong."""
        return model_box(self.t("reflection.example_heading", step=name),
                         f"<p><strong>{escape(self.t('reflection.example_weak'))}:</strong> "
                         f"{inline_markdown(example.weak)}</p>"
                         f"<p><strong>{escape(self.t('reflection.example_strong'))}:</strong> "
                         f"{inline_markdown(example.strong)}</p>"
                         f"<p><strong>{escape(self.t('reflection.example_why'))}:</strong> "
                         f"{inline_markdown(example.why)}</p>")

    def show_overview(self) -> None:
        """Show everything the student wrote, step by step, escaped, with one next step."""
        items = overview(self.exercise, self.answers)
        nothing = f"<p><em>{escape(self.t('reflection.nothing_written'))}</em></p>"
        rows = "".join(
            f"<h4>{escape(item.step.name)} <small>({escape(word_label(item.words, self.exercise))})</small></h4>"
            + (self._written_html(item) if item.text.strip() else nothing)
            for item in items
        )
        total = escape(self.t("reflection.words_total", words=word_label(sum(item.words for item in items),
                                                                           self.exercise)))
        self.overview.value = live_region(
            f"<div><strong>{escape(self.t('reflection.overview_heading'))}</strong> {total}{rows}"
            f"<p><strong>{escape(next_step(items, self.exercise))}</strong></p></div>"
        )

    def _written_html(self, item: StepOverview) -> str:
        """A written step: the text with its key ideas marked and the ideas as a checklist."""
        spans = [span for match in item.ideas if match.found for span in match.spans]
        html = f'<div class="cursus-answer">{highlight(item.text, spans, css_class="cursus-idea")}</div>'
        if item.ideas:
            lines = "".join(f"<li>{escape(line)}</li>" for line in idea_lines(item.ideas, self.exercise))
            html += f"<p><strong>{escape(self.t('ideas.heading'))}</strong></p><ul>{lines}</ul>"
        return html

    def _count_html(self, text: str) -> str:
        hint = step_hint(text, self.exercise.data["min_words"], self.exercise) if text.strip() else ""
        extra = f" – {escape(hint)}" if hint else ""
        return f'<span class="cursus-saved">{escape(word_label(word_count(text), self.exercise))}{extra}</span>'

    def _on_change(self, change: dict[str, Any]) -> None:
        for key, box in self.boxes.items():
            if box is change["owner"]:
                self.counts[key].value = self._count_html(box.value)
        self.save()

    def state(self) -> ReflectionState:
        """The text per step, the first attempt, the ticked points and whether it was marked done."""
        return ReflectionState(self.answers, bool(self.attempted), self.checklist.ticked, self.done)

    def restore(self, state: ReflectionState) -> None:
        """Put the saved texts back in their boxes, tick the saved points, and show the examples after an attempt."""
        for key, box in self.boxes.items():
            if key in state.steps:
                box.value = state.steps[key]
                self.counts[key].value = self._count_html(box.value)
        self.checklist.restore(state.ticked, state.done)
        self.attempted = state.attempted
        self._show_examples()
