"""KlantenKamer planner widget: start time and minutes per part in, a checked programme out."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle

from ..text import escape
from ..types.planner import MAX_MINUTES, PlannerState, Programme, parts
from ..types.planner import clock_text as clock
from .base import ExerciseWidget, live_region, next_step_html


class PlannerExercise(ExerciseWidget):
    """Plan a programme; it is rebuilt and checked against the rules after every change."""

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
        self.children = [self.header, self.notice, self.start, *self.minutes.values(), self.programme,
                         self.saved_label]
        self._update_programme()

    def _on_change(self, _: Any) -> None:
        self.attempted = True
        self._update_programme()
        self.save()

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
        if result.violations:
            items = "".join(f"<li>{escape(v)}</li>" for v in result.violations)
            broken = (self.t("planner.violations_one", count=count) if count == 1
                      else self.t("planner.violations_many", count=count))
            verdict = (f"<p>{self.mark(False)}: {escape(broken)}</p><ul>{items}</ul>"
                       + next_step_html(self.t("planner.next_fix"), self.exercise))
        else:
            verdict = (f"<p>{self.mark(True)}: {escape(self.t('planner.fits'))}</p>"
                       + next_step_html(self.t("planner.next_plan"), self.exercise))
        self.programme.value = live_region(table + verdict)

    def state(self) -> PlannerState:
        """Start time and minutes per part."""
        return PlannerState(self.start.value, {k: b.value for k, b in self.minutes.items()})

    def restore(self, state: PlannerState) -> None:
        """Restore start time and minutes, and rebuild the programme."""
        if state.start:
            self.start.value = state.start
        for key, box in self.minutes.items():
            if key in state.minutes:
                box.value = max(box.min, min(box.max, state.minutes[key]))
        self.attempted = bool(state.start or state.minutes)
        self._update_programme()
