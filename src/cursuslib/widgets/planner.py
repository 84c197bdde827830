"""KlantenKamer planner widget: start time and minutes per part in, a checked programme out."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle

from ..exercises.planner import build_programme, clock, parts
from ..text import escape
from .base import ExerciseWidget, live_region


class PlannerExercise(ExerciseWidget):
    """Plan a programme; it is rebuilt and checked against the rules after every change."""

    def build(self) -> None:
        """Create the start time, one minutes field per part, and the programme table."""
        style = DescriptionStyle(description_width="14em")
        self.start = w.Text(value=self.exercise.data["start"], description="Starttijd (uu:mm)",
                            continuous_update=False, style={"description_width": "14em"})
        self.start.observe(self._on_change, names="value")
        self.minutes: dict[str, w.BoundedIntText] = {}
        for part in parts(self.exercise):
            box = w.BoundedIntText(value=part.default, min=0, max=600, step=5, description=f"{part.name} (minuten)",
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
        result = build_programme(self.exercise, self.start.value, {k: b.value for k, b in self.minutes.items()})
        if result.error:
            self.programme.value = live_region(f"<p>{self.mark(False)}: {escape(result.error)}</p>")
            return
        rows = "".join(f"<tr><td>{clock(r.start)}–{clock(r.end)} uur</td><td>{escape(r.part.name)}</td>"
                       f"<td>{r.minutes} min.</td></tr>" for r in result.rows)
        rows += f"<tr><td>{clock(result.end)} uur</td><td>Einde</td><td></td></tr>"
        table = ('<table class="cursus-table"><caption>Jouw programma</caption><thead><tr><th scope="col">Tijd</th>'
                 f'<th scope="col">Onderdeel</th><th scope="col">Duur</th></tr></thead><tbody>{rows}</tbody></table>')
        if result.violations:
            items = "".join(f"<li>{escape(v)}</li>" for v in result.violations)
            verdict = (f"<p>{self.mark(False)}: {len(result.violations)} onderde{'el past' if len(result.violations) == 1 else 'len passen'}"
                       f" nog niet bij de spelregels.</p><ul>{items}</ul>"
                       "<p><strong>Volgende stap:</strong> pas de minuten aan tot hier geen punten meer staan.</p>")
        else:
            verdict = (f"<p>{self.mark(True)}: dit programma past bij de spelregels van de KlantenKamer.</p>"
                       "<p><strong>Volgende stap:</strong> bedenk wie er in ronde 1 aan het woord is en wat de "
                       "medewerkers dan doen.</p>")
        self.programme.value = live_region(table + verdict)

    def state(self) -> dict[str, Any]:
        """Start time and minutes per part."""
        return {"start": self.start.value, "minutes": {k: b.value for k, b in self.minutes.items()}}

    def restore(self, state: dict[str, Any]) -> None:
        """Restore start time and minutes, and rebuild the programme."""
        if isinstance(state.get("start"), str):
            self.start.value = state["start"]
        saved = state.get("minutes") if isinstance(state.get("minutes"), dict) else {}
        for key, box in self.minutes.items():
            if isinstance(saved.get(key), int):
                box.value = max(box.min, min(box.max, saved[key]))
        self.attempted = bool(state)
        self._update_programme()
