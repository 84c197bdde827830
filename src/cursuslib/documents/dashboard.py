"""The teacher's dashboard: per exercise who did it, the share with a positive verdict and what is missed most,
the self-assessment per quality as a chart, and one spreadsheet row per student and exercise.

Everything comes from the figures :func:`.overview.class_overview` already read; nothing here reads a file.
The charts are our own inline SVG (every text escaped, no script, nothing fetched), each with a text
alternative; the CSV is for a spreadsheet or a school's learning environment (UTF-8 with a byte order
mark, ``;`` between the fields, as a Dutch Excel expects).
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..content import Exercise, Lesson
from ..messages import text
from ..types import Assessment, ExerciseType, Ratio, spec_of
from ..types.base import CsvTable
from ..types.blocks import Chart, Table
from ..types.self_assessment import LEVEL_COUNT, AssessmentFigures, Quality, format_level
from .overview import Overview, StudentFigures

__all__ = ["STUDENT_CSV_HEAD", "Dashboard", "ExerciseFigures", "build_dashboard", "parts_csv", "positive_rule",
           "quality_chart", "spreadsheet_cell", "spreadsheet_csv", "student_csv", "student_rows"]

#: Verdicts that count as positive for a type that does not name its own with a ``positive_verdicts`` attribute.
POSITIVE_VERDICTS = frozenset({"goed", "voldoende", "verbeterd", "opgelost"})
#: How many equally common missed ideas or topics are named for one exercise.
MAX_TIED = 3

#: The columns of the CSV per student and exercise (Dutch, for the teacher; the order is fixed for imports).
STUDENT_CSV_HEAD = ("student", "les", "oefening", "titel", "type", "gedaan", "oordeel", "positief", "score (%)",
                    "gemist")
#: What separates several missed ideas or topics in one CSV cell.
LIST_SEPARATOR = " | "
#: A cell that starts with one of these could run as a formula in a spreadsheet program (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


# --------------------------------------------------------------------------- per exercise
def positive_rule(spec: ExerciseType[Any]) -> Callable[[Assessment], bool] | None:
    """How to tell a positive result of this type (None: the type gives no verdict that can be positive).

    A type may name its positive verdicts (``positive_verdicts``); otherwise ``goed``, ``voldoende``,
    ``verbeterd`` and ``opgelost`` count. A type with none of those but with a score (such as an open
    question: 'open' scores 1) counts a full score as positive.
    """
    declared = getattr(spec, "positive_verdicts", None)
    positives = frozenset(declared) if declared is not None else POSITIVE_VERDICTS & set(spec.verdicts)
    if positives:
        return lambda result: result.verdict in positives
    if spec.verdicts and spec.scored:
        return lambda result: result.score is not None and result.score >= 1
    return None


@dataclass(frozen=True)
class ExerciseFigures:
    """One exercise for the whole class: who did it, how many were judged positive, what was missed most."""

    exercise: Exercise
    label: str
    #: Students with a saved answer.
    done: int
    #: Students with a verdict or a score from the automatic check.
    judged: int
    #: Positive verdicts out of ``judged``; None when the type gives no verdict that can be positive.
    positive: Ratio | None
    #: The most common missed key ideas or topics (equally common ones together, at most :data:`MAX_TIED`) and
    #: how many students missed each of them.
    missed: tuple[str, ...] = ()
    missed_by: int = 0

    @property
    def missed_text(self) -> str:
        """'klanten bellen vaak (5 van 8)' or '–'."""
        if not self.missed:
            return "–"
        return f"{' / '.join(self.missed)} ({self.missed_by} van {self.judged})"


@dataclass(frozen=True)
class QualityChart:
    """One quality of a self-assessment: its chart with its table of figures."""

    quality: Quality
    chart: Chart


@dataclass(frozen=True)
class Dashboard:
    """The dashboard of one class overview."""

    students: int
    #: Per lesson: its exercises' figures.
    lessons: tuple[tuple[Lesson, tuple[ExerciseFigures, ...]], ...]
    #: Per begin self-assessment: its title and a chart per quality.
    self_assessments: tuple[tuple[str, tuple[QualityChart, ...]], ...]


def _figures(exercise: Exercise, students: Sequence[StudentFigures]) -> ExerciseFigures:
    spec = spec_of(exercise)
    rule = positive_rule(spec)
    done = sum(exercise.id in student.answered for student in students)
    results = [student.results[exercise.id] for student in students if exercise.id in student.results]
    positive = Ratio(sum(rule(result) for result in results), len(results)) if rule is not None else None
    counts = Counter(point for student in students for point in student.missed.get(exercise.id, ()))
    if not counts:
        return ExerciseFigures(exercise, spec.label, done, len(results), positive)
    most = max(counts.values())
    tied = sorted((point for point, count in counts.items() if count == most), key=str.casefold)
    return ExerciseFigures(exercise, spec.label, done, len(results), positive, tuple(tied[:MAX_TIED]), most)


def build_dashboard(overview: Overview) -> Dashboard:
    """The dashboard from the overview's figures."""
    lessons = tuple((lesson, tuple(_figures(exercise, overview.students) for exercise in lesson.exercises))
                    for lesson in overview.lessons)
    charts = tuple((figures.begin.title, tuple(QualityChart(quality, quality_chart(figures, quality))
                                               for quality in figures.qualities))
                   for figures in _assessment_figures(overview))
    return Dashboard(len(overview.students), lessons, charts)


def _assessment_figures(overview: Overview) -> Iterator[AssessmentFigures]:
    for part in overview.parts:
        if isinstance(part.data, (list, tuple)):
            yield from (item for item in part.data if isinstance(item, AssessmentFigures))


# --------------------------------------------------------------------------- self-assessment chart
#: The colour of each level (1 to 4), light to dark, and the colour of the count written on it (contrast >= 4.5).
LEVEL_COLOURS = (("#e3ecf7", "#1b1b1b"), ("#a9c6ea", "#1b1b1b"), ("#2f6db5", "#ffffff"), ("#173d6e", "#ffffff"))
TEXT_COLOUR = "#1b1b1b"


def mean_level(counts: Sequence[int]) -> float | None:
    """The mean level of a distribution (counts of level 1 .. 4), or None when nobody chose a level."""
    total = sum(counts)
    return sum(level * count for level, count in enumerate(counts, start=1)) / total if total else None


def _students(count: int) -> str:
    return text("overview.students_one") if count == 1 else text("overview.students_many", count=count)


def _moment_text(moment: str, counts: Sequence[int]) -> str:
    total = sum(counts)
    if not total:
        return text("overview.chart_nobody", moment=moment)
    levels = ", ".join(text("overview.chart_level_count", level=level, count=count)
                       for level, count in enumerate(counts, start=1))
    return text("overview.chart_moment", moment=moment, levels=levels, mean=format_level(mean_level(counts) or 0),
                students=_students(total))


def quality_chart(figures: AssessmentFigures, quality: Quality) -> Chart:
    """An accessible inline SVG for one quality: a bar for the begin and one for the end, each split into the
    number of students per level (1 light to 4 dark, left to right), with the mean beside it.

    The level is told by its place, its shade and the legend, the counts are written in the bars, and the
    SVG's title and description say every figure in words; the chart's table holds them too.
    """
    esc = html.escape
    before, after = figures.before[quality.key], figures.after[quality.key]
    moments = ((text("self_assessment.bar_begin"), before), (text("self_assessment.bar_end"), after))
    chart_id = f"zb-{figures.begin.id}-{quality.key}"
    title = text("overview.chart_title", name=quality.name)
    description = " ".join(_moment_text(moment, counts) for moment, counts in moments)
    width, label_x, bar_x, bar_width, bar_height = 500, 4, 56, 280, 22
    top, gap, legend_y = 10, 8, 10 + 2 * 22 + 8 + 14
    height = legend_y + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{esc(chart_id)}-titel '
        f'{esc(chart_id)}-uitleg" viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px;'
        f'font-family:sans-serif;font-size:13px" class="cursus-chart">',
        f'<title id="{esc(chart_id)}-titel">{esc(title)}</title>',
        f'<desc id="{esc(chart_id)}-uitleg">{esc(description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for row, (moment, counts) in enumerate(moments):
        y = top + row * (bar_height + gap)
        text_y = y + bar_height - 6
        out.append(f'<text x="{label_x}" y="{text_y}" fill="{TEXT_COLOUR}">{esc(moment)}</text>')
        total = sum(counts)
        if not total:
            out.append(f'<text x="{bar_x + 4}" y="{text_y}" fill="{TEXT_COLOUR}" font-style="italic">'
                       f'{esc(text("overview.chart_empty"))}</text>')
            continue
        x = float(bar_x)
        for level, count in enumerate(counts, start=1):
            if not count:
                continue
            length = bar_width * count / total
            fill, ink = LEVEL_COLOURS[level - 1]
            out.append(f'<rect x="{x:.1f}" y="{y}" width="{length:.1f}" height="{bar_height}" fill="{fill}" '
                       f'stroke="{TEXT_COLOUR}" stroke-width="1"/>')
            if length >= 10 + 8 * len(str(count)):  # a count is written where it fits; the table has them all
                out.append(f'<text x="{x + length / 2:.1f}" y="{text_y}" fill="{ink}" text-anchor="middle" '
                           f'font-weight="bold">{count}</text>')
            x += length
        mean = text("overview.chart_mean", mean=format_level(mean_level(counts) or 0), students=_students(total))
        out.append(f'<text x="{bar_x + bar_width + 8}" y="{text_y}" fill="{TEXT_COLOUR}">{esc(mean)}</text>')
    x = bar_x
    for level in range(1, LEVEL_COUNT + 1):  # the legend in words, with the same shades as the bars
        fill, _ = LEVEL_COLOURS[level - 1]
        word = text("overview.chart_level", level=level)
        out.append(f'<rect x="{x}" y="{legend_y - 11}" width="14" height="14" fill="{fill}" stroke="{TEXT_COLOUR}"/>')
        out.append(f'<text x="{x + 19}" y="{legend_y}" fill="{TEXT_COLOUR}">{esc(word)}</text>')
        x += 28 + 7 * len(word)
    out.append("</svg>")
    head = (text("overview.chart_moment_head"), *(text("overview.chart_level", level=level)
                                                  for level in range(1, LEVEL_COUNT + 1)),
            text("overview.chart_mean_head"), text("overview.chart_count_head"))
    rows = tuple((moment, *(str(count) for count in counts),
                  format_level(mean_level(counts)) if sum(counts) else "–", str(sum(counts)))
                 for moment, counts in moments)
    return Chart("".join(out), Table(title, head, rows))


# --------------------------------------------------------------------------- CSV
def spreadsheet_cell(value: Any) -> Any:
    """A cell as a spreadsheet may safely read it: text that could start a formula gets a leading apostrophe.

    A student's file name such as ``=HYPERLINK(...).json`` would otherwise run as a formula when the teacher
    opens the CSV in Excel or LibreOffice; the apostrophe makes it plain text. Numbers stay numbers.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def spreadsheet_csv(tables: Iterable[tuple[Sequence[str], Iterable[Sequence[Any]]]]) -> str:
    """Tables as one CSV text for a Dutch spreadsheet: a byte order mark, ``;`` between the fields, a blank line
    between two tables, and every cell guarded by :func:`spreadsheet_cell`. A field with ``;``, a quote or a
    line break is put between quotes."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quotechar='"', lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for number, (head, rows) in enumerate(tables):
        if number:
            writer.writerow(())
        writer.writerow([spreadsheet_cell(cell) for cell in head])
        writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    return "\ufeff" + buffer.getvalue()  # the mark lets spreadsheet programs read the accents right


def student_rows(overview: Overview) -> Iterator[tuple[Any, ...]]:
    """One row per student and exercise, in the order of :data:`STUDENT_CSV_HEAD`."""
    exercises = [(lesson, exercise, spec_of(exercise)) for lesson in overview.lessons for exercise in lesson.exercises]
    rules = {exercise.id: positive_rule(spec) for _, exercise, spec in exercises}
    for student in overview.students:
        for lesson, exercise, spec in exercises:
            result = student.results.get(exercise.id)
            verdict = positive = score = ""
            if result is not None:
                verdict = spec.verdicts.get(result.verdict, result.verdict)
                rule = rules[exercise.id]
                positive = "" if rule is None else ("ja" if rule(result) else "nee")
                score = "" if result.score is None else round(100 * result.score)
            yield (student.name, lesson.lesson, exercise.id, exercise.title, exercise.type,
                   "ja" if exercise.id in student.answered else "nee", verdict, positive, score,
                   LIST_SEPARATOR.join(student.missed.get(exercise.id, ())))


def student_csv(overview: Overview) -> str:
    """The CSV with one row per student and exercise (see :func:`spreadsheet_csv` for the format)."""
    return spreadsheet_csv([(STUDENT_CSV_HEAD, student_rows(overview))])


def parts_csv(parts: Iterable[Any]) -> str:
    """The figures the types give for a spreadsheet (the class parts with a ``CsvTable``), such as the intake topics."""
    return spreadsheet_csv([(part.data.head, part.data.rows) for part in parts if isinstance(part.data, CsvTable)])
