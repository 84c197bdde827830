"""Class overview for the teacher: many students' answer files read into figures and one readable HTML page."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from .content import REFLECTION_STEPS, Exercise, Lesson
from .exercises.self_assessment import LEVEL_COUNT, Quality, saved_levels
from .export import PAGE_CSS, dutch_date, html_page, question_result, rewrite_result
from .messages import language_as
from .store import StoreError, parse_document

__all__ = ["AssessmentFigures", "Overview", "Ratio", "StudentFigures", "class_overview", "overview_html"]


@dataclass(frozen=True)
class Ratio:
    """``part`` out of ``whole`` (both counts), such as 3 open questions out of 4."""

    part: int = 0
    whole: int = 0

    @property
    def share(self) -> float | None:
        """``part / whole``, or None when there is nothing to count."""
        return self.part / self.whole if self.whole else None

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.part + other.part, self.whole + other.whole)

    def text(self) -> str:
        """Dutch text such as '3 van 4 (75%)', or '–' when there is nothing to count."""
        share = self.share
        return "–" if share is None else f"{self.part} van {self.whole} ({round(share * 100)}%)"


@dataclass(frozen=True)
class StudentFigures:
    """What one student's file shows; the name comes from the file name."""

    name: str
    file: str
    #: Share (0..1) of each lesson's exercises with a saved answer, by lesson name.
    completion: dict[str, float]
    #: Self-assessment levels per begin exercise id: ``{quality key: level}`` at the begin and at the end.
    before: dict[str, dict[str, int]]
    after: dict[str, dict[str, int]]
    #: Open questions among all questions checked in question_practice exercises.
    open_questions: Ratio
    #: Questions classified right in question_drill exercises (unanswered ones count as not right).
    drill: Ratio
    #: Rewrite exercises whose last checked attempt the engine calls improved.
    rewrites: Ratio
    #: Reflection texts per reflection exercise id: ``{step key: text}`` (only steps with text).
    reflections: dict[str, dict[str, str]]


@dataclass(frozen=True)
class AssessmentFigures:
    """How many students chose each level (1..4) per quality, at the begin and at the end."""

    begin: Exercise
    end: Exercise | None
    qualities: tuple[Quality, ...]
    before: dict[str, tuple[int, ...]]
    after: dict[str, tuple[int, ...]]


@dataclass
class Overview:
    """The whole class: per-student figures, class figures and the files that could not be used."""

    lessons: tuple[Lesson, ...]
    students: list[StudentFigures] = field(default_factory=list)
    #: (file name, Dutch reason) for every file that was skipped.
    skipped: list[tuple[str, str]] = field(default_factory=list)
    assessments: list[AssessmentFigures] = field(default_factory=list)
    reflection_exercises: tuple[Exercise, ...] = ()

    def average_completion(self) -> dict[str, float | None]:
        """Class average of the completion share per lesson (None without students)."""
        count = len(self.students)
        return {lesson.lesson: (sum(s.completion[lesson.lesson] for s in self.students) / count if count else None)
                for lesson in self.lessons}

    def total(self, name: Literal["open_questions", "drill", "rewrites"]) -> Ratio:
        """The class total of one ratio field: ``open_questions``, ``drill`` or ``rewrites``."""
        result = Ratio()
        for student in self.students:
            result = result + getattr(student, name)
        return result


# --------------------------------------------------------------------------- reading
def _exercises(lessons: Mapping[str, Lesson], kind: str) -> list[Exercise]:
    return [exercise for lesson in lessons.values() for exercise in lesson.exercises if exercise.type == kind]


def _value(answers: Mapping[str, Any], exercise_id: str) -> Any:
    entry = answers.get(exercise_id)
    return entry.get("value") if isinstance(entry, dict) else None


def _history(value: Any) -> list[str]:
    history = value.get("history") if isinstance(value, dict) else None
    if not isinstance(history, list):
        return []
    return [item["text"] for item in history if isinstance(item, dict) and isinstance(item.get("text"), str)]


@dataclass(frozen=True)
class _Course:
    """The course parts the figures need, looked up once for all files."""

    lessons: Mapping[str, Lesson]
    pairs: tuple[tuple[Exercise, Exercise | None], ...]
    questions: tuple[Exercise, ...]
    drills: tuple[Exercise, ...]
    rewrites: tuple[Exercise, ...]
    reflections: tuple[Exercise, ...]

    @classmethod
    def of(cls, lessons: Mapping[str, Lesson]) -> _Course:
        assessments = _exercises(lessons, "self_assessment")
        pairs = tuple(
            (begin, next((end for end in assessments if end.data.get("compare_with") == begin.id), None))
            for begin in assessments if begin.data.get("moment") == "begin")
        return cls(lessons, pairs, tuple(_exercises(lessons, "question_practice")),
                   tuple(_exercises(lessons, "question_drill")), tuple(_exercises(lessons, "rewrite")),
                   tuple(_exercises(lessons, "reflection")))


def _student(name: str, file: str, answers: Mapping[str, Any], course: _Course) -> StudentFigures:
    completion = {
        lesson.lesson: (sum(isinstance(answers.get(e.id), dict) for e in lesson.exercises) / len(lesson.exercises)
                        if lesson.exercises else 0.0)
        for lesson in course.lessons.values()}
    before: dict[str, dict[str, int]] = {}
    after: dict[str, dict[str, int]] = {}
    for begin, end in course.pairs:
        keys = [quality.key for quality in begin.data["qualities"]]
        before[begin.id] = saved_levels(_value(answers, begin.id), keys)
        after[begin.id] = saved_levels(_value(answers, end.id), keys) if end is not None else {}
    open_questions = Ratio()
    for exercise in course.questions:
        texts = _history(_value(answers, exercise.id))
        open_questions += Ratio(sum(question_result(text).kind == "open" for text in texts), len(texts))
    drill = Ratio()
    for exercise in course.drills:
        value = _value(answers, exercise.id)
        given = value.get("answers") if isinstance(value, dict) else None
        if isinstance(given, dict) and given:
            kinds = [question.kind for question in exercise.data["questions"]]
            drill += Ratio(sum(given.get(str(i)) == kind for i, kind in enumerate(kinds)), len(kinds))
    rewrites = Ratio()
    for exercise in course.rewrites:
        texts = _history(_value(answers, exercise.id))
        if texts:
            rewrites += Ratio(int(rewrite_result(exercise.data["sentence"], texts[-1]).improved), 1)
    reflections: dict[str, dict[str, str]] = {}
    for exercise in course.reflections:
        value = _value(answers, exercise.id)
        steps = value.get("steps") if isinstance(value, dict) else None
        if isinstance(steps, dict):
            texts = {key: steps[key].strip() for key in REFLECTION_STEPS
                     if isinstance(steps.get(key), str) and steps[key].strip()}
            if texts:
                reflections[exercise.id] = texts
    return StudentFigures(name, file, completion, before, after, open_questions, drill, rewrites, reflections)


def _distribution(levels: Iterable[Mapping[str, int]], key: str) -> tuple[int, ...]:
    counts = [0] * LEVEL_COUNT
    for chosen in levels:
        if key in chosen:
            counts[chosen[key] - 1] += 1
    return tuple(counts)


@language_as("nl")  # the portfolio and the overview are Dutch documents, whatever the widget language
def class_overview(paths: Sequence[Path], *, lessons: Mapping[str, Lesson]) -> Overview:
    """Read the students' answer files; a file that cannot be used is listed in ``skipped``, never fatal.

    The student's name is the file name without extension (``jan-jansen.json`` -> ``jan-jansen``).
    """
    course = _Course.of(lessons)
    overview = Overview(tuple(lessons.values()), reflection_exercises=course.reflections)
    seen: dict[str, int] = {}
    for path in sorted(paths, key=lambda p: (Path(p).stem.casefold(), str(p))):
        path = Path(path)
        try:
            raw = path.read_bytes()
        except OSError as exc:
            overview.skipped.append((path.name, f"{path.name} kan niet worden gelezen ({exc.strerror or exc})."))
            continue
        try:
            doc = parse_document(raw, name=path.name)
        except StoreError as exc:
            overview.skipped.append((path.name, str(exc)))
            continue
        name = path.stem
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:  # the same file name in two folders: keep both, told apart
            name = f"{name} ({seen[name]})"
        overview.students.append(_student(name, path.name, doc["answers"], course))
    for begin, end in course.pairs:
        qualities = tuple(begin.data["qualities"])
        overview.assessments.append(AssessmentFigures(
            begin, end, qualities,
            {q.key: _distribution((s.before[begin.id] for s in overview.students), q.key) for q in qualities},
            {q.key: _distribution((s.after[begin.id] for s in overview.students), q.key) for q in qualities}))
    return overview


# --------------------------------------------------------------------------- HTML
OVERVIEW_CSS = """
body { max-width: 75em; }
details { margin: 0.2em 0; }
summary { cursor: pointer; font-weight: bold; }
dl { margin: 0.3em 0 0.8em 1em; }
dt { font-weight: bold; margin-top: 0.3em; }
dd { margin-left: 0; white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f6f6; padding: 0.2em 0.6em; }
.wide { overflow-x: auto; }
tfoot th, tfoot td { font-weight: bold; border-top: 2px solid #1b1b1b; }
"""


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


def _short_lesson(lesson: Lesson) -> str:
    number = lesson.lesson.split("_", 1)[0]
    return f"Les {number}" if number.isdigit() else lesson.title


def _completion_table(overview: Overview) -> str:
    esc = html.escape
    head = "".join(f'<th scope="col"><abbr title="{esc(lesson.title)}">{esc(_short_lesson(lesson))}</abbr></th>'
                   for lesson in overview.lessons)
    rows = "".join(
        f'<tr><th scope="row">{esc(student.name)}</th>'
        + "".join(f'<td class="number">{_percent(student.completion[lesson.lesson])}</td>' for lesson in overview.lessons)
        + "</tr>" for student in overview.students)
    average = overview.average_completion()
    foot = ('<tr><th scope="row">Klasgemiddelde</th>'
            + "".join(f'<td class="number">{_percent(average[lesson.lesson])}</td>' for lesson in overview.lessons)
            + "</tr>")
    legend = "".join(f"<li>{esc(_short_lesson(lesson))}: {esc(lesson.title)} ({len(lesson.exercises)} "
                     f"{'oefening' if len(lesson.exercises) == 1 else 'oefeningen'})</li>" for lesson in overview.lessons)
    return ('<section id="voortgang"><h2>Voortgang per les</h2>'
            "<p>Per student het deel van de oefeningen van een les met een bewaard antwoord.</p>"
            f"<ul>{legend}</ul>"
            '<div class="wide"><table><caption>Gemaakte oefeningen per les (aandeel)</caption>'
            f'<thead><tr><th scope="col">Student</th>{head}</tr></thead><tbody>{rows}</tbody>'
            f"<tfoot>{foot}</tfoot></table></div></section>")


def _assessment_table(figures: AssessmentFigures) -> str:
    esc = html.escape
    levels = "".join(f'<th scope="col">niveau {level}</th>' for level in range(1, LEVEL_COUNT + 1))
    rows = "".join(
        f'<tr><th scope="row">{esc(quality.name)}</th>'
        + "".join(f'<td class="number">{count}</td>' for count in figures.before[quality.key])
        + "".join(f'<td class="number">{count}</td>' for count in figures.after[quality.key])
        + "</tr>" for quality in figures.qualities)
    end = (f" en &lsquo;{esc(figures.end.title)}&rsquo; (eind)" if figures.end is not None else "")
    return (f"<h3>{esc(figures.begin.title)}</h3>"
            f"<p>Aantal studenten per niveau: &lsquo;{esc(figures.begin.title)}&rsquo; (begin){end}. "
            "Wie een eigenschap niet invulde, telt daar niet mee.</p>"
            '<div class="wide"><table>'
            f"<caption>Zelfbeoordeling: aantal studenten per niveau, begin en eind</caption>"
            f'<colgroup><col></colgroup><colgroup span="{LEVEL_COUNT}"></colgroup>'
            f'<colgroup span="{LEVEL_COUNT}"></colgroup>'
            f'<thead><tr><td></td><th scope="colgroup" colspan="{LEVEL_COUNT}">Begin</th>'
            f'<th scope="colgroup" colspan="{LEVEL_COUNT}">Eind</th></tr>'
            f'<tr><th scope="col">Eigenschap</th>{levels}{levels}</tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


def _results_table(overview: Overview) -> str:
    esc = html.escape
    rows = "".join(
        f'<tr><th scope="row">{esc(s.name)}</th><td>{s.open_questions.text()}</td><td>{s.drill.text()}</td>'
        f"<td>{s.rewrites.text()}</td></tr>" for s in overview.students)
    foot = (f'<tr><th scope="row">Hele klas</th><td>{overview.total("open_questions").text()}</td>'
            f'<td>{overview.total("drill").text()}</td><td>{overview.total("rewrites").text()}</td></tr>')
    return ('<section id="resultaten"><h2>Open vragen en positief herschrijven</h2>'
            "<ul><li><strong>Open vragen (zelf geschreven)</strong>: hoeveel van alle gecontroleerde vragen in de "
            "oefeningen &lsquo;zelf een vraag stellen&rsquo; open zijn.</li>"
            "<li><strong>Open of gesloten herkennen</strong>: hoeveel vragen goed zijn ingedeeld (een vraag die nog niet "
            "is ingedeeld, telt als nog niet goed).</li>"
            "<li><strong>Positief herschreven</strong>: bij hoeveel herschrijfoefeningen de laatste gecontroleerde zin "
            "positiever is dan de oorspronkelijke.</li></ul>"
            "<p>De taalcontrole is automatisch: een signaal, geen oordeel. Gebruik de cijfers om te zien waar de klas "
            "nog oefening nodig heeft, niet om studenten te rangschikken.</p>"
            '<div class="wide"><table><caption>Resultaten per student</caption><thead><tr>'
            '<th scope="col">Student</th><th scope="col">Open vragen (zelf geschreven)</th>'
            '<th scope="col">Open of gesloten herkennen</th><th scope="col">Positief herschreven</th></tr></thead>'
            f"<tbody>{rows}</tbody><tfoot>{foot}</tfoot></table></div></section>")


def _reflections(overview: Overview) -> str:
    esc = html.escape
    parts = ['<section id="reflecties"><h2>Reflecties</h2>']
    for exercise in overview.reflection_exercises:
        writers = [s for s in overview.students if exercise.id in s.reflections]
        parts.append(f"<h3>{esc(exercise.title)}</h3><p>{len(writers)} van de {len(overview.students)} studenten "
                     "schreven hier iets.</p>")
        for student in writers:
            texts = student.reflections[exercise.id]
            items = "".join(f"<dt>{esc(REFLECTION_STEPS[key][0])}</dt><dd>{esc(text)}</dd>"
                            for key, text in texts.items())
            parts.append(f"<details><summary>{esc(student.name)}</summary><dl>{items}</dl></details>")
    parts.append("</section>")
    return "".join(parts)


def _skipped(overview: Overview) -> str:
    if not overview.skipped:
        return ""
    esc = html.escape
    rows = "".join(f'<tr><th scope="row">{esc(name)}</th><td>{esc(reason)}</td></tr>'
                   for name, reason in overview.skipped)
    return ('<section id="overgeslagen"><h2>Overgeslagen bestanden</h2>'
            "<p>Deze bestanden zijn niet meegeteld. Vraag de student om het bestand antwoorden.json opnieuw te "
            "downloaden en in te leveren.</p>"
            '<table><caption>Bestanden die niet konden worden gebruikt</caption><thead><tr>'
            '<th scope="col">Bestand</th><th scope="col">Reden</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></section>")


def overview_html(overview: Overview, *, generated: datetime | None = None) -> str:
    """Return the class overview as one self-contained HTML page; every student text and file name is escaped."""
    count, skipped = len(overview.students), len(overview.skipped)
    intro = (f"<header><h1>Klassenoverzicht Klantgesprekken</h1>"
             f'<p class="meta">Gemaakt op {html.escape(dutch_date(generated or datetime.now()))}.</p>'
             f"<p>{count} {'antwoordenbestand' if count == 1 else 'antwoordenbestanden'} gelezen"
             + (f", {skipped} overgeslagen (zie onderaan)" if skipped else "") + ". "
             "De naam van een student komt uit de bestandsnaam. Dit overzicht is formatief: het laat zien waar de klas "
             "staat, het is geen cijferlijst.</p>"
             '<nav aria-label="Inhoud"><ul><li><a href="#voortgang">Voortgang per les</a></li>'
             '<li><a href="#zelfbeoordeling">Zelfbeoordeling</a></li>'
             '<li><a href="#resultaten">Open vragen en positief herschrijven</a></li>'
             '<li><a href="#reflecties">Reflecties</a></li>'
             + ('<li><a href="#overgeslagen">Overgeslagen bestanden</a></li>' if skipped else "")
             + "</ul></nav></header>")
    assessment = ('<section id="zelfbeoordeling"><h2>Zelfbeoordeling</h2>'
                  + ("".join(_assessment_table(figures) for figures in overview.assessments)
                     or "<p>Deze cursus heeft geen zelfbeoordeling.</p>") + "</section>")
    body = "\n".join([intro, "<main>", _completion_table(overview), assessment, _results_table(overview),
                      _reflections(overview), _skipped(overview), "</main>"])
    return html_page("Klassenoverzicht Klantgesprekken", body, css=PAGE_CSS + OVERVIEW_CSS)
