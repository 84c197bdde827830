"""Self-assessment: anchored qualities, evidence from saved results, calibration texts and a before/after chart.

Every sentence shown to the student (calibration, change, chart labels) comes from the
``self_assessment`` section of the message catalogue.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..content import ID_PATTERN, KEY_PATTERN, Exercise, Field, FieldError, _describe, _no_unknown, _text
from ..messages import text

#: When a self-assessment is taken, with its Dutch name.
MOMENTS = {"begin": "Begin", "eind": "Eind"}
#: Number of anchored levels per quality (level 1 to 4).
LEVEL_COUNT = 4
#: A self-rating within this distance of the evidence counts as 'ongeveer gelijk'.
TOLERANCE = 0.5


@dataclass(frozen=True)
class Quality:
    """One quality to rate: its key, Dutch name, four level descriptions and the exercises that show it."""

    key: str
    name: str
    levels: tuple[str, ...]
    evidence: tuple[str, ...] = ()


# --------------------------------------------------------------------------- schema
def _quality(item: Any, where: str) -> Quality:
    if not isinstance(item, dict):
        raise FieldError(f"{where}: verwacht 'key', 'name', 'levels' en eventueel 'evidence' (niet {_describe(item)})")
    _no_unknown(item, {"key", "name", "levels", "evidence"}, where)
    for name in ("key", "name", "levels"):
        if name not in item:
            raise FieldError(f"{where}: het veld '{name}' ontbreekt")
    key = item["key"]
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise FieldError(f"{where}, 'key': verwacht een korte sleutel van letters, cijfers of _, zoals tijdig "
                         f"(niet {_describe(key)})")
    try:
        name = _text(item["name"], {})
    except FieldError as exc:
        raise FieldError(f"{where}, 'name': {exc}") from None
    levels = item["levels"]
    if not isinstance(levels, list) or len(levels) != LEVEL_COUNT:
        count = f"{len(levels)} niveaus" if isinstance(levels, list) else _describe(levels)
        raise FieldError(f"{where}, 'levels': verwacht precies {LEVEL_COUNT} beschrijvingen, van niveau 1 tot en met "
                         f"{LEVEL_COUNT} (niet {count})")
    texts = []
    for number, level in enumerate(levels, start=1):
        try:
            texts.append(_text(level, {}))
        except FieldError as exc:
            raise FieldError(f"{where}, niveau {number}: {exc}") from None
    evidence = item.get("evidence")
    if evidence is None:
        evidence = []
    if not isinstance(evidence, list):
        raise FieldError(f"{where}, 'evidence': verwacht een lijst met id's van oefeningen, zoals "
                         f"[01-quiz-open-vraag] (niet {_describe(evidence)})")
    for exercise_id in evidence:
        if not isinstance(exercise_id, str) or not ID_PATTERN.match(exercise_id):
            raise FieldError(f"{where}, 'evidence': {_describe(exercise_id)} is geen id van een oefening; gebruik "
                             "kleine letters, cijfers en streepjes, zoals 01-quiz-open-vraag")
    return Quality(key, name, tuple(texts), tuple(dict.fromkeys(evidence)))


def check_qualities(value: Any, _: Mapping[str, Any]) -> tuple[Quality, ...]:
    """Check ``qualities``: at least one, unique keys, exactly 4 levels each (whether it belongs: see ``moment``)."""
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        raise FieldError(f"verwacht een lijst met minstens één eigenschap (niet {_describe(value)})")
    result: list[Quality] = []
    for number, item in enumerate(value, start=1):
        quality = _quality(item, f"eigenschap {number}")
        if any(other.key == quality.key for other in result):
            raise FieldError(f"eigenschap {number}: de sleutel '{quality.key}' komt twee keer voor; "
                             "elke eigenschap heeft een eigen sleutel")
        result.append(quality)
    return tuple(result)


def check_compare_with(value: Any, _: Mapping[str, Any]) -> str:
    """Check ``compare_with``: the id of the begin self-assessment (whether it belongs: see ``moment``)."""
    if value is None:
        return ""
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise FieldError(f"verwacht het id van een oefening, zoals 02-zelfbeoordeling (niet {_describe(value)})")
    return value


def check_moment(value: Any, ctx: Mapping[str, Any]) -> str:
    """Check ``moment`` (begin or eind) and that ``qualities`` / ``compare_with`` fit it.

    It comes after both in :data:`FIELDS`, so the check sees them; an optional field that is
    left out is only checked against its default, so this is where 'required for begin' lives.
    """
    if value not in MOMENTS:
        raise FieldError(f"{_describe(value)} is niet toegestaan; kies uit: {', '.join(MOMENTS)}")
    if value == "begin":
        if not ctx.get("qualities"):
            raise FieldError("bij moment: begin is het veld 'qualities' verplicht: een lijst met eigenschappen, elk "
                             f"met key, name, levels ({LEVEL_COUNT} niveaus) en eventueel evidence")
        if ctx.get("compare_with"):
            raise FieldError("bij moment: begin hoort geen 'compare_with'; dat veld is alleen voor moment: eind")
    else:
        if not ctx.get("compare_with"):
            raise FieldError("bij moment: eind is het veld 'compare_with' verplicht: het id van de zelfbeoordeling "
                             "aan het begin, zoals 02-zelfbeoordeling")
        if ctx.get("qualities"):
            raise FieldError("bij moment: eind hoort geen 'qualities'; de eigenschappen komen uit de oefening bij "
                             "'compare_with'")
    return value


FIELDS: tuple[Field, ...] = (
    Field("qualities", "de eigenschappen (alleen bij begin), elk met key, name, 4 levels en eventueel evidence",
          check_qualities, required=False),
    Field("compare_with", "het id van de zelfbeoordeling aan het begin (alleen bij eind)", check_compare_with,
          required=False),
    Field("moment", "wanneer de student zichzelf inschat: begin of eind", check_moment),
)


def qualities(exercise: Exercise) -> tuple[Quality, ...]:
    """Return the qualities of a begin self-assessment (empty for eind: use the one it compares with)."""
    return exercise.data["qualities"]


def level_text(quality: Quality, level: int) -> str:
    """Return the description of ``level`` (1 to 4)."""
    return quality.levels[min(max(level, 1), LEVEL_COUNT) - 1]


def saved_levels(state: Any, keys: Iterable[str]) -> dict[str, int]:
    """Return the valid levels (1 to 4) per quality key from a saved self-assessment state."""
    levels = state.get("levels") if isinstance(state, dict) else None
    if not isinstance(levels, dict):
        return {}
    return {key: levels[key] for key in keys
            if isinstance(levels.get(key), int) and not isinstance(levels.get(key), bool)
            and 1 <= levels[key] <= LEVEL_COUNT}


def format_level(level: float, exercise: Exercise | None = None) -> str:
    """Return a level with one decimal when needed, in the active language's notation: '3' or '2,5' (Dutch)."""
    rounded = round(level, 1)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.1f}".replace(".", text("self_assessment.decimal_mark", exercise))


# --------------------------------------------------------------------------- evidence
#: Scores one exercise from its saved state: a fraction 0..1, or None when it was not done.
Scorer = Callable[[Exercise, Mapping[str, Any]], float | None]
#: Which function scores which exercise type; add one with :func:`register_scorer`.
SCORERS: dict[str, Scorer] = {}


def register_scorer(*types: str) -> Callable[[Scorer], Scorer]:
    """Decorator: use the function as the evidence scorer of ``types``."""

    def add(function: Scorer) -> Scorer:
        for kind in types:
            SCORERS[kind] = function
        return function

    return add


def _attempted(state: Mapping[str, Any]) -> bool:
    attempts = state.get("attempts")
    return isinstance(attempts, int) and not isinstance(attempts, bool) and attempts > 0


@register_scorer("single_choice", "multiple_choice")
def score_choice(exercise: Exercise, state: Mapping[str, Any]) -> float | None:
    """Single choice: 1 or 0; multiple choice: the share of options chosen or left out correctly."""
    selected = state.get("selected")
    if not _attempted(state) or not isinstance(selected, list) or not selected:
        return None
    right: frozenset[str] = exercise.data["correct"]
    keys = [option.key for option in exercise.data["options"]]
    chosen = {key for key in selected if key in keys}
    if exercise.type == "single_choice":
        return 1.0 if chosen == set(right) else 0.0
    return sum((key in chosen) == (key in right) for key in keys) / len(keys)


def _share_by_index(expected: Sequence[str], state: Mapping[str, Any]) -> float | None:
    answers = state.get("answers")
    if not isinstance(answers, dict) or not answers or not expected:
        return None
    return sum(answers.get(str(index)) == answer for index, answer in enumerate(expected)) / len(expected)


@register_scorer("sort")
def score_sort(exercise: Exercise, state: Mapping[str, Any]) -> float | None:
    """Share of statements in the right category (not yet sorted counts as not right)."""
    if not _attempted(state):
        return None
    return _share_by_index([statement.answer for statement in exercise.data["statements"]], state)


@register_scorer("matching")
def score_matching(exercise: Exercise, state: Mapping[str, Any]) -> float | None:
    """Share of situations matched to the right choice."""
    if not _attempted(state):
        return None
    return _share_by_index([item.answer for item in exercise.data["items"]], state)


@register_scorer("question_drill")
def score_question_drill(exercise: Exercise, state: Mapping[str, Any]) -> float | None:
    """Share of questions classified as the right kind (a drill gives feedback at once, so no attempt count)."""
    return _share_by_index([question.kind for question in exercise.data["questions"]], state)


def _last_checked(state: Mapping[str, Any]) -> Mapping[str, Any] | None:
    history = state.get("history")
    if not isinstance(history, list) or not history or not isinstance(history[-1], dict):
        return None
    return history[-1]


@register_scorer("rewrite")
def score_rewrite(exercise: Exercise, state: Mapping[str, Any]) -> float | None:
    """1 when the last checked sentence was more positive than the original, else 0 (a signal, as the check is)."""
    last = _last_checked(state)
    return None if last is None or not isinstance(last.get("improved"), bool) else float(last["improved"])


@register_scorer("question_practice")
def score_question_practice(exercise: Exercise, state: Mapping[str, Any]) -> float | None:
    """1 when the last checked question was open, else 0."""
    last = _last_checked(state)
    return None if last is None or not isinstance(last.get("kind"), str) else float(last["kind"] == "open")


def score_exercise(exercise: Exercise, state: Any) -> float | None:
    """Return the fraction right (0..1) of one exercise's saved state, or None if it cannot count as evidence."""
    scorer = SCORERS.get(exercise.type)
    if scorer is None or not isinstance(state, dict):
        return None
    try:
        score = scorer(exercise, state)
    except (KeyError, TypeError, ValueError, AttributeError):  # an old or damaged state is no evidence
        return None
    return None if score is None else min(max(float(score), 0.0), 1.0)


def evidence_level(exercise_ids: Iterable[str], entries: Mapping[str, Any],
                   exercises_by_id: Mapping[str, Exercise]) -> float | None:
    """Turn the saved results of ``exercise_ids`` into a level 1..4 (the mean share right); None if none was done.

    ``entries`` is what :meth:`AnswerStore.entries` returns (``{id: {"value": state, ...}}``).
    """
    scores = []
    for exercise_id in exercise_ids:
        exercise = exercises_by_id.get(exercise_id)
        entry = entries.get(exercise_id)
        if exercise is None or not isinstance(entry, dict):
            continue
        score = score_exercise(exercise, entry.get("value"))
        if score is not None:
            scores.append(score)
    if not scores:
        return None
    return 1 + (LEVEL_COUNT - 1) * sum(scores) / len(scores)


# --------------------------------------------------------------------------- calibration
@dataclass(frozen=True)
class Calibration:
    """A self-rating next to the evidence for one quality, the gap in words and a question about it."""

    quality: Quality
    self_level: int | None
    evidence: float | None
    direction: str  # hoger | gelijk | lager | geen_bewijs | geen_inschatting
    description: str
    question: str
    prompt: str = ""  # the question's first, short sentence (a text box's placeholder)


def _ask(prompt: str, hint: str) -> tuple[str, str]:
    """Return (the whole question, its short prompt): the prompt followed by a hint, as two catalogue sentences."""
    return " ".join(part for part in (prompt, hint) if part), prompt


def calibrate(quality: Quality, self_level: int | None, evidence: float | None,
              exercise: Exercise | None = None) -> Calibration:
    """Describe, without judgement, how a self-rating relates to the evidence from the exercises.

    ``exercise`` (the self-assessment shown) may override the catalogue texts with its ``texts`` field.
    """
    if self_level is None:
        question, prompt = _ask(text("self_assessment.ask_not_rated", exercise), "")
        return Calibration(quality, None, evidence, "geen_inschatting", text("self_assessment.not_rated", exercise),
                           question, prompt)
    if evidence is None:
        where = (text("self_assessment.no_evidence_yet", exercise) if quality.evidence
                 else text("self_assessment.no_evidence_listed", exercise))
        question, prompt = _ask(text("self_assessment.ask_basis", exercise), text("self_assessment.hint_basis", exercise))
        return Calibration(quality, self_level, None, "geen_bewijs", where, question, prompt)
    numbers = {"self_level": self_level, "evidence": format_level(evidence, exercise)}
    gap = self_level - evidence
    if gap > TOLERANCE:
        question, prompt = _ask(text("self_assessment.ask_gap", exercise), text("self_assessment.hint_higher", exercise))
        return Calibration(quality, self_level, evidence, "hoger", text("self_assessment.higher", exercise, **numbers),
                           question, prompt)
    if gap < -TOLERANCE:
        question, prompt = _ask(text("self_assessment.ask_gap", exercise), text("self_assessment.hint_lower", exercise))
        return Calibration(quality, self_level, evidence, "lager", text("self_assessment.lower", exercise, **numbers),
                           question, prompt)
    question, prompt = _ask(text("self_assessment.ask_same", exercise), text("self_assessment.hint_same", exercise))
    return Calibration(quality, self_level, evidence, "gelijk", text("self_assessment.same", exercise, **numbers),
                       question, prompt)


def change_text(before: int | None, after: int | None, exercise: Exercise | None = None) -> str:
    """Describe the change between the begin and the end rating in neutral words."""
    if before is None or after is None:
        return ""
    if after == before:
        return text("self_assessment.change_same", exercise, before=before)
    return text("self_assessment.change", exercise, before=before, after=after)


# --------------------------------------------------------------------------- chart
#: Bar colours, each with at least 4.5:1 contrast on white; 'Begin' bars are also striped.
BEFORE_COLOUR = "#595959"
AFTER_COLOUR = "#1f5fa8"
TEXT_COLOUR = "#1b1b1b"


def _summary(items: Sequence[Quality], before: Mapping[str, int], after: Mapping[str, int],
             exercise: Exercise | None) -> str:
    missing = text("self_assessment.not_filled_in", exercise)

    def shown(levels: Mapping[str, int], key: str) -> str:
        return str(levels[key]) if key in levels else missing

    parts = [text("self_assessment.chart_item", exercise, name=q.name, before=shown(before, q.key),
                  after=shown(after, q.key)) for q in items]
    return text("self_assessment.chart_summary", exercise, top=LEVEL_COUNT, items="; ".join(parts))


def before_after_chart(items: Sequence[Quality], before: Mapping[str, int], after: Mapping[str, int], *,
                       chart_id: str = "zelfbeoordeling", exercise: Exercise | None = None) -> str:
    """Return an accessible inline SVG: per quality a 'Begin' and an 'Eind' bar (level 1 to 4), with numbers.

    All text is escaped; the bars are labelled in words and the 'Begin' bars are striped, so colour
    is never the only signal.  The words come from the catalogue (``exercise`` may override them).
    """
    esc = html.escape
    legend_begin, legend_end = text("self_assessment.legend_begin", exercise), text("self_assessment.legend_end", exercise)
    bar_words = (text("self_assessment.bar_begin", exercise), text("self_assessment.bar_end", exercise))
    axis_word, missing = text("self_assessment.axis_level", exercise), text("self_assessment.not_filled_in", exercise)
    legend_end_x = max(170, 24 + 8 * len(legend_begin) + 20)  # room for a longer legend text
    pattern = f"{chart_id}-streep"
    width, label_x, bar_x, bar_width = 600, 10, 70, 440
    bar_height, row_gap, top = 20, 6, 58
    group = 22 + 2 * bar_height + row_gap + 16
    height = top + group * len(items) + 26
    summary = _summary(items, before, after, exercise)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{esc(summary)}" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;font-family:sans-serif;font-size:14px" class="cursus-chart">',
        f"<title>{esc(summary)}</title>",
        f'<defs><pattern id="{pattern}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<rect width="3" height="6" fill="{BEFORE_COLOUR}"/></pattern></defs>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        # legend in words, with the same swatches as the bars
        f'<rect x="{label_x}" y="8" width="18" height="14" fill="url(#{pattern})" stroke="{BEFORE_COLOUR}"/>',
        f'<text x="{label_x + 24}" y="20" fill="{TEXT_COLOUR}">{esc(legend_begin)}</text>',
        f'<rect x="{label_x + legend_end_x}" y="8" width="18" height="14" fill="{AFTER_COLOUR}" '
        f'stroke="{AFTER_COLOUR}"/>',
        f'<text x="{label_x + legend_end_x + 24}" y="20" fill="{TEXT_COLOUR}">{esc(legend_end)}</text>',
    ]
    for level in range(1, LEVEL_COUNT + 1):  # axis: one grid line per level, behind the bars only
        x = bar_x + bar_width * level / LEVEL_COUNT
        for number in range(len(items)):
            y = top + number * group + 14
            out.append(f'<line x1="{x:.0f}" y1="{y}" x2="{x:.0f}" y2="{y + 2 * bar_height + row_gap + 4}" '
                       'stroke="#767676" stroke-dasharray="2 3"/>')
        for axis_y in (top - 14, height - 6):  # level numbers above and below, so long charts stay readable
            out.append(f'<text x="{x:.0f}" y="{axis_y}" fill="{TEXT_COLOUR}" text-anchor="middle">{level}</text>')
    for axis_y in (top - 14, height - 6):
        out.append(f'<text x="{bar_x}" y="{axis_y}" fill="{TEXT_COLOUR}">{esc(axis_word)}</text>')
    bars = ((bar_words[0], before, f"url(#{pattern})", BEFORE_COLOUR), (bar_words[1], after, AFTER_COLOUR, AFTER_COLOUR))
    for number, quality in enumerate(items):
        y = top + number * group
        name = quality.name if len(quality.name) <= 70 else quality.name[:67] + "..."
        out.append(f'<text x="{label_x}" y="{y + 10}" fill="{TEXT_COLOUR}" font-weight="bold">{esc(name)}</text>')
        for row, (word, levels, fill, stroke) in enumerate(bars):
            bar_y = y + 18 + row * (bar_height + row_gap // 2)
            text_y = bar_y + bar_height - 5
            out.append(f'<text x="{label_x}" y="{text_y}" fill="{TEXT_COLOUR}">{esc(word)}</text>')
            value = levels.get(quality.key)
            if value is None:
                out.append(f'<text x="{bar_x + 4}" y="{text_y}" fill="{TEXT_COLOUR}" font-style="italic">'
                           f"{esc(missing)}</text>")
                continue
            length = bar_width * value / LEVEL_COUNT
            out.append(f'<rect x="{bar_x}" y="{bar_y}" width="{length:.0f}" height="{bar_height}" fill="{fill}" '
                       f'stroke="{stroke}"/>')
            out.append(f'<text x="{bar_x + length + 6:.0f}" y="{text_y}" fill="{TEXT_COLOUR}" '
                       f'font-weight="bold">{value}</text>')
    out.append("</svg>")
    return "".join(out)
