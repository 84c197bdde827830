"""Self-assessment widget: an anchored scale per quality; at the end a before/after chart and calibration.

Each quality is a slider over its four levels (``scale: slider``, the default) or, when the teacher
chooses ``scale: radio``, a group of radio buttons with one option per level ("1 - Ik reageer ...").
Under either, the chosen level's behaviour is repeated in a polite live region; nothing is chosen at
the start, and an untouched slider reads "nog niet ingevuld". Both save the same state.

Why the slider is a native ``<input type="range">`` through anywidget (:mod:`.level_slider`), not
ipywidgets' ``IntSlider``/``SelectionSlider``: those draw a noUiSlider handle (a ``div`` with
``role="slider"``) that the widget's description label is not tied to, so it has no accessible name
(axe: serious) and says a bare number as its value, and ipywidgets offers no way to set either
without front-end code of our own. anywidget is that front-end code, already built: a pure-Python
wheel (also in the JupyterLite kernel, lite/kernel-requirements.txt) and one prebuilt lab extension
that JupyterLab, Voila and the JupyterLite site load alike; a native range input brings its own
label, keyboard handling (arrows, Home/End, Page Up/Down) and ``aria-valuetext``.
Every text comes from the ``self_assessment`` section of the message catalogue.
"""

from __future__ import annotations

import re
from typing import Any

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import TextStyle
from traitlets import Bool

from ..content import ContentError, Exercise
from ..messages import fill, text
from ..store import StoreError
from ..text import escape, inline_markdown
from ..types.self_assessment import (
    LEVEL_COUNT,
    Quality,
    SelfAssessmentState,
    before_after_chart,
    calibrate,
    change_text,
    evidence_level,
    level_text,
    qualities,
    saved_levels,
)
from .base import ExerciseWidget, button, live_region
from .level_slider import LevelSlider

CSS = """
<style>
.cursus-exercise .cursus-level-choice { flex-direction: column; align-items: stretch; margin-top: 0.9em; }
.cursus-exercise .cursus-level-choice > .widget-label { width: auto; max-width: none; text-align: left;
  white-space: normal; overflow: visible; font-weight: bold; line-height: 1.4; margin: 0 0 0.3em 0; }
.cursus-exercise .cursus-level-choice .widget-radio-box { margin-bottom: 0 !important; }
.cursus-exercise .cursus-level-current { margin-left: 1.6em; }
.cursus-exercise .cursus-level-current.cursus-under-slider { margin-left: 0; max-width: 40em; }
.cursus-exercise .cursus-level-current .cursus-feedback { margin-top: 0; }
</style>
"""

_MARKS = re.compile(r"\*\*|`|(?<![*\w])\*(?=\S)|(?<=\S)\*(?![*\w])")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]+\)")


def _plain(markdown: str) -> str:
    """Option labels are plain text: drop the markdown marks of a level text that would show literally."""
    return _MARKS.sub("", _LINK.sub(r"\1", markdown))


def _fill_html(template: str, **html_values: str) -> str:
    """Return a catalogue text as HTML: the text escaped, then the values (already HTML) filled in."""
    return fill(escape(template), html_values)


def lesson_label(lesson: str, exercise: Exercise | None = None) -> str:
    """Return 'les 02' for '02_klantcontact_eigenschappen' (or 'de les ...' with the lesson name itself)."""
    number = lesson.split("_", 1)[0]
    if number.isdigit():
        return text("self_assessment.lesson_number", exercise, number=number)
    return text("self_assessment.lesson_named", exercise, lesson=lesson)


class SelfAssessment(ExerciseWidget):
    """Rate yourself per quality on an anchored 1-4 scale; the 'eind' moment adds the comparison and calibration."""

    done = Bool(False, help="True once the student clicked 'Klaar'").tag(sync=False)

    def build(self) -> None:
        """Create a labelled scale (slider or radio buttons) with the chosen level's description per quality, and the 'eind' parts."""
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
        self.header.value += CSS

        self.scale: str = self.exercise.data.get("scale") or "slider"
        self.choices: dict[str, w.RadioButtons | LevelSlider] = {}
        self.current: dict[str, w.HTML] = {}
        rows: list[w.Widget] = []
        for quality in self.qualities:
            choice = self._slider(quality) if self.scale == "slider" else self._radio_buttons(quality)
            choice.add_class("cursus-level-choice")
            choice.observe(self._on_change, names="value")
            self.choices[quality.key] = choice
            current = self.html("")
            current.add_class("cursus-level-current")
            if self.scale == "slider":
                current.add_class("cursus-under-slider")
            self.current[quality.key] = current
            rows += [choice, current]

        self.begin_notice = self.html("")
        self.chart = self.html("")
        self.calibration: dict[str, w.HTML] = {}
        self.explanations: dict[str, w.Textarea] = {}
        self.overall: w.Textarea | None = None
        eind_parts: list[w.Widget] = []
        if self.moment == "eind" and self.qualities:
            eind_parts = self._build_eind()

        self.done_button = button(self.t("self_assessment.done"), style="primary",
                                  tooltip=self.t("self_assessment.done_tooltip"))
        self.done_button.on_click(lambda _: self.finish())
        self.summary = self.html(live_region(""))
        problem = self.html(f'<div class="cursus-notice" role="alert">{escape(self.problem)}</div>') \
            if self.problem else None
        self.children = [self.header, self.notice, *([problem] if problem else []), *rows, *eind_parts,
                         *([self.done_button] if self.qualities else []), self.summary, self.saved_label]

    def _slider(self, quality: Quality) -> LevelSlider:
        """A slider over the levels, named after the quality, that starts with no level chosen."""
        return LevelSlider(label=quality.name, top=LEVEL_COUNT, empty_text=self.t("self_assessment.slider_empty"),
                           value_texts=[self.t("self_assessment.slider_value", level=number, top=LEVEL_COUNT)
                                        for number in range(1, LEVEL_COUNT + 1)])

    def _radio_buttons(self, quality: Quality) -> w.RadioButtons:
        """A group of radio buttons named after the quality, one per level with its behaviour, none chosen."""
        options = [(self.t("self_assessment.option", level=number, description=_plain(description)), number)
                   for number, description in enumerate(quality.levels, start=1)]
        return w.RadioButtons(options=options, value=None, description=quality.name,
                              layout=w.Layout(width="auto", max_width="100%"),
                              style=DescriptionStyle(description_width="initial"))

    def _build_eind(self) -> list[w.Widget]:
        parts: list[w.Widget] = [
            self.begin_notice, self.html(f"<h4>{escape(self.t('self_assessment.side_by_side'))}</h4>"), self.chart,
            self.html(f"<h4>{escape(self.t('self_assessment.compare_heading'))}</h4>"
                      f"<p>{escape(self.t('self_assessment.compare_intro'))}</p>")]
        box_layout, box_style = w.Layout(width="100%"), TextStyle(description_width="initial")
        with_evidence = [quality for quality in self.qualities if quality.evidence]
        for quality in self.qualities:
            self.calibration[quality.key] = self.html("")
            parts.append(self.calibration[quality.key])
            if quality.evidence:
                box = w.Textarea(value="", description=quality.name,
                                 placeholder=self.t("self_assessment.explain_placeholder"),
                                 rows=2, layout=box_layout, style=box_style)
                box.observe(self._on_text, names="value")
                self.explanations[quality.key] = box
                parts.append(box)
        if not with_evidence:
            question = self.t("self_assessment.overall_question")
            self.overall = w.Textarea(value="", description=self.t("self_assessment.overall_label"), rows=3,
                                      layout=box_layout, placeholder=question, style=box_style)
            self.overall.observe(self._on_text, names="value")
            parts += [self.html(f"<p><strong>{escape(question)}</strong></p>"), self.overall]
        return parts

    def _find_begin(self) -> Exercise | None:
        from ..content import find_exercise  # lazily: only the 'eind' moment reads other exercises

        begin_id = self.exercise.data["compare_with"]
        try:
            begin = find_exercise(begin_id)
        except ContentError as exc:
            self.problem = self.t("self_assessment.begin_not_loaded", error=str(exc))
            return None
        if begin.type != "self_assessment" or begin.data.get("moment") != "begin":
            self.problem = self.t("self_assessment.begin_wrong_type", exercise_id=begin_id)
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
        return {key: choice.value for key, choice in self.choices.items()
                if key in self.rated and choice.value is not None}

    def rate(self, key: str, level: int) -> None:
        """Choose ``level`` for quality ``key`` (as a student moving the slider or selecting the radio button would)."""
        choice = self.choices[key]
        if choice.value == level:
            self.rated.add(key)
            self._update_view()
            self.save()
        else:
            choice.value = level

    def finish(self) -> None:
        """Show the overview of the levels chosen so far (and what is still open), and save."""
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
            self.before = saved_levels(begin_state, self.choices)
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
        for key, choice in self.choices.items():
            if choice is change["owner"]:
                if choice.value is None:
                    self.rated.discard(key)
                else:
                    self.rated.add(key)
        self._update_view()
        self.save()

    def _on_text(self, _: Any) -> None:
        if not self._restoring:
            self.save()

    def _update_view(self) -> None:
        for quality in self.qualities:
            self.current[quality.key].value = self._current_html(quality)
        if self.moment == "eind" and self.begin_exercise is not None:
            self._update_eind(self.begin_exercise)
        if self.done:
            self.summary.value = live_region(self._summary_html())

    def _current_html(self, quality: Quality) -> str:
        level = self.levels.get(quality.key)
        if level is None:
            empty = self.t("self_assessment.slider_not_chosen" if self.scale == "slider" else "self_assessment.not_chosen")
            return live_region(f'<span class="cursus-saved">{escape(empty)}</span>')
        chosen = escape(self.t("self_assessment.chosen", level=level))
        return live_region(f"<strong>{chosen}</strong> {inline_markdown(level_text(quality, level))}")

    def _update_eind(self, begin: Exercise) -> None:
        if not self.before:
            where = escape(lesson_label(begin.lesson, self.exercise))
            notice = _fill_html(self.t("self_assessment.begin_missing"), title=f"<em>{escape(begin.title)}</em>",
                                lesson=where)
            self.begin_notice.value = f'<div class="cursus-notice" role="status">{notice}</div>'
        else:
            self.begin_notice.value = ""
        self.chart.value = before_after_chart(self.qualities, self.before, self.levels,
                                              chart_id=f"{self.exercise.id}-grafiek", exercise=self.exercise)
        for quality in self.qualities:
            result = calibrate(quality, self.levels.get(quality.key), self.evidence.get(quality.key), self.exercise)
            change = change_text(self.before.get(quality.key), self.levels.get(quality.key), self.exercise)
            words = " ".join(part for part in (change, result.description) if part)
            question = ""
            if quality.key in self.explanations:
                question = f"<p><em>{escape(result.question)}</em></p>"
                self.explanations[quality.key].placeholder = result.prompt
            self.calibration[quality.key].value = (
                f"<p><strong>{escape(quality.name)}</strong><br>{escape(words)}</p>"
                f"{question}"
            )

    def _summary_html(self) -> str:
        rows = "".join(
            "<li>" + _fill_html(self.t("self_assessment.summary_item", level=level),
                                name=f"<strong>{escape(quality.name)}</strong>",
                                description=inline_markdown(level_text(quality, level))) + "</li>"
            for quality in self.qualities if (level := self.levels.get(quality.key)) is not None
        )
        open_names = [quality.name for quality in self.qualities if quality.key not in self.levels]
        chosen = f"<ul>{rows}</ul>" if rows else f"<p>{escape(self.t('self_assessment.nothing_chosen'))}</p>"
        names = ", ".join(f"'{name}'" for name in open_names)
        still_open = (f"<p>{escape(self.t('self_assessment.still_open', names=names))}</p>"
                      if open_names and rows else "")
        if open_names:
            step = escape(self.t("self_assessment.step_choose", name=open_names[0]))
        elif self.moment == "eind":
            missing = [q.name for q in self.qualities if q.key in self.explanations
                       and not self.explanations[q.key].value.strip()]
            step = escape(self.t("self_assessment.step_explain", name=missing[0]) if missing
                          else self.t("self_assessment.step_next_conversation"))
        else:
            lowest = min(self.qualities, key=lambda q: self.levels[q.key], default=None)
            level = self.levels[lowest.key] if lowest is not None else LEVEL_COUNT
            if lowest is not None and level < LEVEL_COUNT:
                step = _fill_html(self.t("self_assessment.step_grow", level=level + 1), name=escape(lowest.name),
                                  description=inline_markdown(level_text(lowest, level + 1)))
            else:
                step = escape(self.t("self_assessment.step_notice"))
        intro = self.t("self_assessment.end_intro" if self.moment == "eind" else "self_assessment.begin_intro")
        note = self.t("self_assessment.note_end" if self.moment == "eind" else "self_assessment.note_begin")
        return (f"<p><strong>{escape(intro)}</strong></p>{chosen}{still_open}<p>{escape(note)}</p>"
                f"<p><strong>{escape(self.t('common.next_step'))}</strong> {step}</p>")

    # -- saving --------------------------------------------------------------
    def state(self) -> SelfAssessmentState:
        """Chosen levels, whether 'Klaar' was clicked, and (for 'eind') the explanations."""
        if self.moment != "eind":
            return SelfAssessmentState(self.levels, self.done)
        return SelfAssessmentState(self.levels, self.done,
                                   {key: box.value for key, box in self.explanations.items() if box.value},
                                   self.overall.value if self.overall is not None else "")

    def restore(self, state: SelfAssessmentState) -> None:
        """Restore levels, explanations and the overview, then draw the comparison."""
        levels = saved_levels(state, self.choices)
        for key, level in levels.items():
            self.choices[key].value = level
        self.rated = set(levels)
        for key, box in self.explanations.items():
            box.value = (state.explanations or {}).get(key, box.value)
        if self.overall is not None:
            self.overall.value = state.explanation or ""
        self.done = state.done and bool(self.qualities)
        self.refresh()
