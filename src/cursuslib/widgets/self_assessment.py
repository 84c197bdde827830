"""Self-assessment widget: anchored sliders per quality; at the end a before/after chart and calibration."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_int import SliderStyle
from ipywidgets.widgets.widget_string import HTMLStyle, TextStyle
from traitlets import Bool

from ..content import ContentError, Exercise
from ..exercises.self_assessment import (
    LEVEL_COUNT,
    Quality,
    before_after_chart,
    calibrate,
    change_text,
    evidence_level,
    level_text,
    qualities,
    saved_levels,
)
from ..store import StoreError
from ..text import escape, inline_markdown
from .base import ExerciseWidget, button, live_region


def lesson_label(lesson: str) -> str:
    """Return 'les 02' for '02_klantcontact_eigenschappen' (or the lesson name itself)."""
    number = lesson.split("_", 1)[0]
    return f"les {number}" if number.isdigit() else f"de les '{lesson}'"


class SelfAssessment(ExerciseWidget):
    """Rate yourself per quality on an anchored 1-4 scale; the 'eind' moment adds the comparison and calibration."""

    done = Bool(False, help="True once the student clicked 'Klaar'").tag(sync=False)

    def build(self) -> None:
        """Create a slider with its level description and the whole scale per quality, and the 'eind' parts."""
        self.moment: str = self.exercise.data["moment"]
        self.begin_exercise: Exercise | None = None
        self.problem = ""
        if self.moment == "eind":
            self.begin_exercise = self._find_begin()
        source = self.begin_exercise if self.moment == "eind" else self.exercise
        self.qualities: tuple[Quality, ...] = qualities(source) if source is not None else ()
        self.rated: set[str] = set()
        self.before: dict[str, int] = {}
        self.evidence: dict[str, float | None] = {}
        self._exercises_by_id: dict[str, Exercise] | None = None

        self.sliders: dict[str, w.IntSlider] = {}
        self.current: dict[str, w.HTML] = {}
        self.scales: dict[str, w.HTML] = {}
        rows: list[w.Widget] = []
        slider_layout = w.Layout(width="34em", max_width="100%")
        slider_style = SliderStyle(description_width="initial")
        row_layout = w.Layout(flex_flow="row wrap", align_items="center")
        current_layout, html_style = w.Layout(flex="1 1 16em", margin="0 0 0 1em"), HTMLStyle()
        for quality in self.qualities:
            slider = w.IntSlider(value=1, min=1, max=LEVEL_COUNT, step=1, description=quality.name,
                                 continuous_update=False, layout=slider_layout, style=slider_style)
            slider.observe(self._on_change, names="value")
            self.sliders[quality.key] = slider
            self.current[quality.key] = w.HTML("", layout=current_layout, style=html_style)
            self.scales[quality.key] = self.html("")
            rows += [w.HBox([slider, self.current[quality.key]], layout=row_layout), self.scales[quality.key]]

        self.begin_notice = self.html("")
        self.chart = self.html("")
        self.calibration: dict[str, w.HTML] = {}
        self.explanations: dict[str, w.Textarea] = {}
        self.overall: w.Textarea | None = None
        eind_parts: list[w.Widget] = []
        if self.moment == "eind" and self.qualities:
            eind_parts = self._build_eind()

        self.done_button = button("Klaar", style="primary", tooltip="Bevestig je inschatting en bekijk het overzicht")
        self.done_button.on_click(lambda _: self.finish())
        self.summary = self.html(live_region(""))
        problem = self.html(f'<div class="cursus-notice" role="alert">{escape(self.problem)}</div>') \
            if self.problem else None
        self.children = [self.header, self.notice, *([problem] if problem else []), *rows, *eind_parts,
                         *([self.done_button] if self.qualities else []), self.summary, self.saved_label]

    def _build_eind(self) -> list[w.Widget]:
        parts: list[w.Widget] = [self.begin_notice, self.html("<h4>Begin en eind naast elkaar</h4>"), self.chart,
                                 self.html("<h4>Vergelijk met de oefeningen</h4><p>Per eigenschap zie je jouw "
                                           "inschatting naast wat de oefeningen laten zien. Het verschil is geen "
                                           "oordeel: het is een vraag om over na te denken.</p>")]
        box_layout, box_style = w.Layout(width="100%"), TextStyle(description_width="initial")
        with_evidence = [quality for quality in self.qualities if quality.evidence]
        for quality in self.qualities:
            self.calibration[quality.key] = self.html("")
            parts.append(self.calibration[quality.key])
            if quality.evidence:
                box = w.Textarea(value="", description=quality.name, placeholder="Hoe verklaar je het verschil?",
                                 rows=2, layout=box_layout, style=box_style)
                box.observe(self._on_text, names="value")
                self.explanations[quality.key] = box
                parts.append(box)
        if not with_evidence:
            self.overall = w.Textarea(value="", description="Jouw uitleg", rows=3, layout=box_layout,
                                      placeholder="Hoe verklaar je het verschil tussen je begin- en eindmeting?",
                                      style=box_style)
            self.overall.observe(self._on_text, names="value")
            parts += [self.html("<p><strong>Hoe verklaar je het verschil tussen je begin- en eindmeting?</strong>"
                                "</p>"), self.overall]
        return parts

    def _find_begin(self) -> Exercise | None:
        from ..content import find_exercise  # lazily: only the 'eind' moment reads other exercises

        begin_id = self.exercise.data["compare_with"]
        try:
            begin = find_exercise(begin_id)
        except ContentError as exc:
            self.problem = f"De zelfbeoordeling aan het begin kan niet worden geladen: {exc}"
            return None
        if begin.type != "self_assessment" or begin.data.get("moment") != "begin":
            self.problem = (f"'compare_with' wijst naar '{begin_id}', maar dat is geen zelfbeoordeling met "
                            "moment: begin. Vraag je docent om dit aan te passen.")
            return None
        return begin

    def _course_exercises(self) -> dict[str, Exercise]:
        if self._exercises_by_id is None:
            from ..content import load_course  # lazily, as in _find_begin

            try:
                lessons = load_course()
            except ContentError:
                lessons = {}
            self._exercises_by_id = {ex.id: ex for lesson in lessons.values() for ex in lesson.exercises}
        return self._exercises_by_id

    # -- student actions -----------------------------------------------------
    @property
    def levels(self) -> dict[str, int]:
        """The level per quality key the student has chosen (qualities not rated yet are left out)."""
        return {key: slider.value for key, slider in self.sliders.items() if key in self.rated}

    def rate(self, key: str, level: int) -> None:
        """Set quality ``key`` to ``level`` (as a student moving the slider would) and mark it as rated."""
        slider = self.sliders[key]
        if slider.value == level:
            self.rated.add(key)
            self._update_view()
            self.save()
        else:
            slider.value = level

    def finish(self) -> None:
        """Confirm every slider as it stands, show the overview and save."""
        self.rated = set(self.sliders)
        self.done = True
        self.refresh()
        self.save()

    def refresh(self) -> None:
        """Re-read the begin assessment and the evidence (for 'eind'), then redraw."""
        if self.moment == "eind" and self.begin_exercise is not None:
            try:
                entries = self.store.entries()
            except StoreError as exc:
                self.notice.value = f'<div class="cursus-notice" role="alert">{escape(str(exc))}</div>'
                entries = {}
            begin_entry = entries.get(self.begin_exercise.id)
            begin_state = begin_entry.get("value") if isinstance(begin_entry, dict) else None
            self.before = saved_levels(begin_state, self.sliders)
            self.evidence = {
                quality.key: evidence_level(quality.evidence, entries, self._course_exercises()) if quality.evidence
                else None
                for quality in self.qualities
            }
        self._update_view()

    # -- view ----------------------------------------------------------------
    def _on_change(self, change: dict[str, Any]) -> None:
        if self._restoring:
            return
        for key, slider in self.sliders.items():
            if slider is change["owner"]:
                self.rated.add(key)
        self._update_view()
        self.save()

    def _on_text(self, _: Any) -> None:
        if not self._restoring:
            self.save()

    def _update_view(self) -> None:
        for quality in self.qualities:
            self.current[quality.key].value = self._current_html(quality)
            self.scales[quality.key].value = self._scale_html(quality)
        if self.moment == "eind" and self.begin_exercise is not None:
            self._update_eind(self.begin_exercise)
        if self.done:
            self.summary.value = live_region(self._summary_html())

    def _current_html(self, quality: Quality) -> str:
        if quality.key not in self.rated:
            return live_region('<span class="cursus-saved">Nog niet gekozen. Schuif naar het niveau dat nu het best '
                               "bij je past; past niveau 1, bevestig dat dan met 'Klaar'.</span>")
        level = self.sliders[quality.key].value
        return live_region(f"<strong>Niveau {level}:</strong> {inline_markdown(level_text(quality, level))}")

    def _scale_html(self, quality: Quality) -> str:
        chosen = self.sliders[quality.key].value if quality.key in self.rated else None
        items = "".join(
            f'<li><mark class="cursus-mark">{inline_markdown(text)}</mark> <strong>(jouw keuze)</strong></li>'
            if number == chosen else f"<li>{inline_markdown(text)}</li>"
            for number, text in enumerate(quality.levels, start=1)
        )
        return f'<ol class="cursus-scale" aria-label="Niveaus van {escape(quality.name)}">{items}</ol>'

    def _update_eind(self, begin: Exercise) -> None:
        if not self.before:
            where = escape(lesson_label(begin.lesson))
            self.begin_notice.value = (
                '<div class="cursus-notice" role="status">Je hebt de zelfbeoordeling aan het begin '
                f"(<em>{escape(begin.title)}</em>, {where}) nog niet ingevuld. Geen probleem: open {where} en vul "
                "hem alsnog in, dan zie je hier je begin en eind naast elkaar. Je eindmeting kun je nu al invullen."
                "</div>"
            )
        else:
            self.begin_notice.value = ""
        self.chart.value = before_after_chart(self.qualities, self.before, self.levels,
                                              chart_id=f"{self.exercise.id}-grafiek")
        for quality in self.qualities:
            result = calibrate(quality, self.levels.get(quality.key), self.evidence.get(quality.key))
            change = change_text(self.before.get(quality.key), self.levels.get(quality.key))
            words = " ".join(part for part in (change, result.description) if part)
            question = ""
            if quality.key in self.explanations:
                question = f"<p><em>{escape(result.question)}</em></p>"
                self.explanations[quality.key].placeholder = result.question.split("?")[0] + "?"
            self.calibration[quality.key].value = (
                f"<p><strong>{escape(quality.name)}</strong><br>{escape(words)}</p>"
                f"{question}"
            )

    def _summary_html(self) -> str:
        rows = "".join(
            f"<li><strong>{escape(quality.name)}</strong>: niveau {level} – "
            f"{inline_markdown(level_text(quality, level))}</li>"
            for quality in self.qualities if (level := self.levels.get(quality.key)) is not None
        )
        if self.moment == "eind":
            intro = "<p><strong>Je eindmeting</strong></p>"
            missing = [q.name for q in self.qualities if q.key in self.explanations
                       and not self.explanations[q.key].value.strip()]
            if missing:
                step = escape(f"schrijf bij '{missing[0]}' hoe je het verschil verklaart.")
            else:
                step = "kies één eigenschap en schrijf op wat je in je volgende klantgesprek bewust doet."
            note = "Dit is geen cijfer: het is jouw beeld van nu, naast wat de oefeningen laten zien."
        else:
            intro = "<p><strong>Je startpunt</strong></p>"
            lowest = min(self.qualities, key=lambda q: self.levels.get(q.key, LEVEL_COUNT), default=None)
            level = self.levels.get(lowest.key, LEVEL_COUNT) if lowest else LEVEL_COUNT
            if lowest is not None and level < LEVEL_COUNT:
                step = (f"kies een eigenschap om in te groeien, bijvoorbeeld '{escape(lowest.name)}'. "
                        f"Niveau {level + 1} betekent: {inline_markdown(level_text(lowest, level + 1))}")
            else:
                step = "let in de komende lessen op situaties waarin je dit laat zien, en noteer er één."
            note = ("Dit is geen cijfer: het is jouw eigen beeld van nu. Aan het eind van de cursus schat je "
                    "jezelf opnieuw in en vergelijk je.")
        return (f"{intro}<ul>{rows}</ul><p>{escape(note)}</p>"
                f"<p><strong>Volgende stap:</strong> {step}</p>")

    # -- saving --------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """Chosen levels, whether 'Klaar' was clicked, and (for 'eind') the explanations."""
        state: dict[str, Any] = {"levels": self.levels, "done": self.done}
        if self.moment == "eind":
            state["explanations"] = {key: box.value for key, box in self.explanations.items() if box.value}
            state["explanation"] = self.overall.value if self.overall is not None else ""
        return state

    def restore(self, state: dict[str, Any]) -> None:
        """Restore levels, explanations and the overview, then draw the comparison."""
        levels = saved_levels(state, self.sliders)
        for key, level in levels.items():
            self.sliders[key].value = level
        self.rated = set(levels)
        texts = state.get("explanations") if isinstance(state.get("explanations"), dict) else {}
        for key, box in self.explanations.items():
            if isinstance(texts.get(key), str):
                box.value = texts[key]
        if self.overall is not None and isinstance(state.get("explanation"), str):
            self.overall.value = state["explanation"]
        self.done = bool(state.get("done")) and bool(self.qualities)
        self.refresh()
