"""KlantenKamer planner widget: start time and minutes per part in, a checked programme out."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle

from ..text import escape, inline_markdown
from ..types.planner import MAX_MINUTES, PlanExample, PlannerState, Programme, build_programme, parts
from ..types.planner import clock_text as clock
from .base import ExerciseWidget, button, live_region, next_step_html
from .checklist import ChecklistOwner, ChecklistPanel


class PlannerExercise(ChecklistOwner, ExerciseWidget):
    """Plan a programme; it is rebuilt and checked against the rules and the advice after every change.

    Under it: the checklist and 'Planning afronden'. The first time the student marks the plan done
    (the first attempt), a weak and a strong programme appear, annotated per part.
    """

    def build(self) -> None:
        """Create the start time, one minutes field per part, and the programme table."""
        style = DescriptionStyle(description_width="14em")
        self.start = w.Text(value=self.exercise.data["start"], description=self.t("planner.start_time"),
                            continuous_update=False, style={"description_width": "14em"})
        self.start.observe(self._on_change, names="value")
        self.minutes: dict[str, w.BoundedIntText] = {}
        for part in parts(self.exercise):
            box = w.BoundedIntText(value=part.default, min=0, max=MAX_MINUTES, step=5,
                                   description=self.t("planner.minutes_field", part=part.name),
                                   style=style, layout=w.Layout(width="24em"))
            box.observe(self._on_change, names="value")
            self.minutes[part.key] = box
        self.programme = self.html(live_region(""))
        self.checklist = ChecklistPanel(self.exercise.data["checklist"], self.t("planner.checklist_heading"),
                                        lambda key: self.t(f"planner.{key}"), self.save, self.html)
        self.done_button = button(self.t("planner.done_button"), tooltip=self.t("planner.done_tooltip"),
                                  style="primary")
        self.done_button.on_click(lambda _: self.mark_done())
        self.later = self.html("")
        self.examples = self.html("")
        self.children = [self.header, self.notice, self.start, *self.minutes.values(), self.programme,
                         self.checklist.widget, self.done_button, self.later, self.done_message, self.examples,
                         self.saved_label]
        self._update_programme()
        self._show_examples()

    def _on_change(self, _: Any) -> None:
        self._update_programme()
        self.save()

    def mark_done(self) -> None:
        """Mark the plan done: name the unticked points (never blocking) and, the first time, show the example.

        A start time that is no time is named instead: there is no programme to compare yet.
        """
        result: Programme = self.assess().detail
        if result.error:
            self.checklist.say(result.error)
            return
        self._finish()

    def _examples_later(self) -> str | None:
        return None if self.exercise.data.get("example") is None else self.t("planner.examples_later")

    def _examples_html(self) -> str:
        """The weak and the strong programme side by side, with a note per part."""
        example: PlanExample = self.exercise.data["example"]
        weak = build_programme(self.exercise, example.start, {part.key: part.weak for part in example.parts})
        strong = build_programme(self.exercise, example.start, {part.key: part.strong for part in example.parts})
        notes = {part.key: part.why for part in example.parts}

        def cell(row: Any) -> str:
            return escape(self.t("planner.example_cell", minutes=row.minutes, start=clock(row.start),
                                 end=clock(row.end)))

        rows = "".join(f'<tr><th scope="row">{escape(w_row.part.name)}</th><td>{cell(w_row)}</td>'
                       f"<td>{cell(s_row)}</td><td>{inline_markdown(notes[w_row.part.key])}</td></tr>"
                       for w_row, s_row in zip(weak.rows, strong.rows, strict=True))
        rows += (f'<tr><th scope="row">{escape(self.t("planner.end"))}</th>'
                 f"<td>{escape(self.t('planner.end_time', time=clock(weak.end)))}</td>"
                 f"<td>{escape(self.t('planner.end_time', time=clock(strong.end)))}</td>"
                 f"<td>{inline_markdown(example.why)}</td></tr>")
        heads = "".join(f'<th scope="col">{escape(head)}</th>' for head in (
            self.t("planner.col_part"), self.t("planner.example_weak"), self.t("planner.example_strong"),
            self.t("planner.example_why")))
        caption = escape(self.t("planner.example_caption", start=clock(weak.rows[0].start) if weak.rows else ""))
        return (f'<div class="cursus-model" role="region" aria-label="{caption}">'
                f"<p>{escape(self.t('planner.example_intro'))}</p>"
                f'<table class="cursus-table"><caption>{caption}</caption><thead><tr>{heads}</tr>'
                f"</thead><tbody>{rows}</tbody></table></div>")

    def _update_programme(self) -> None:
        result: Programme = self.assess().detail
        if result.error:
            self.programme.value = live_region(f"<p>{self.mark(False)}: {escape(result.error)}</p>")
            return
        rows = "".join(
            f"<tr><td>{escape(self.t('planner.row_time', start=clock(r.start), end=clock(r.end)))}</td>"
            f"<td>{escape(r.part.name)}</td><td>{escape(self.t('planner.row_minutes', minutes=r.minutes))}</td></tr>"
            for r in result.rows)
        rows += (f"<tr><td>{escape(self.t('planner.end_time', time=clock(result.end)))}</td>"
                 f"<td>{escape(self.t('planner.end'))}</td><td></td></tr>")
        heads = "".join(f'<th scope="col">{escape(head)}</th>' for head in
                        (self.t("planner.col_time"), self.t("planner.col_part"), self.t("planner.col_length")))
        table = (f'<table class="cursus-table"><caption>{escape(self.t("planner.caption"))}</caption>'
                 f"<thead><tr>{heads}</tr></thead><tbody>{rows}</tbody></table>")
        count = len(result.violations)
        # A broken rule gets the verdict mark; the course's advice is named as advice, without a mark.
        advice = ""
        if result.advice:
            items = "".join(f"<li>{escape(a)}</li>" for a in result.advice)
            advice = (f'<div class="cursus-advice"><p><strong>{escape(self.t("planner.advice_heading"))}</strong>'
                      f"</p><ul>{items}</ul></div>")
        if result.violations:
            items = "".join(f"<li>{escape(v)}</li>" for v in result.violations)
            broken = (self.t("planner.violations_one", count=count) if count == 1
                      else self.t("planner.violations_many", count=count))
            verdict = (f"<p>{self.mark(False)}: {escape(broken)}</p><ul>{items}</ul>{advice}"
                       + next_step_html(self.t("planner.next_fix"), self.exercise))
        else:
            step = self.t("planner.next_advice") if result.advice else self.t("planner.next_plan")
            verdict = (f"<p>{self.mark(True)}: {escape(self.t('planner.fits'))}</p>{advice}"
                       + next_step_html(step, self.exercise))
        self.programme.value = live_region(table + verdict)

    def state(self) -> PlannerState:
        """Start time, minutes per part, the first attempt, the ticked points and whether it was marked done."""
        return PlannerState(self.start.value, {k: b.value for k, b in self.minutes.items()}, bool(self.attempted),
                            self.checklist.ticked, self.done)

    def restore(self, state: PlannerState) -> None:
        """Restore start time, minutes and ticks, rebuild the programme, and show the example after an attempt."""
        if state.start:
            self.start.value = state.start
        for key, box in self.minutes.items():
            if key in state.minutes:
                box.value = max(box.min, min(box.max, state.minutes[key]))
        self.checklist.restore(state.ticked, state.done)
        self.attempted = state.attempted
        self._update_programme()
        self._show_examples()
