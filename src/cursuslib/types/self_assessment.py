"""Self-assessment: anchored qualities, evidence from saved results, calibration texts and a before/after chart.

Every sentence shown to the student (calibration, change, chart labels) comes from the
``self_assessment`` section of the message catalogue.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import registry
from ..content import Exercise
from ..messages import text
from ..registry import register
from ..schema import ID_PATTERN, Field, FieldError, describe, exercise_id, key, one_of, records
from ..schema import text as a_text
from .base import ClassPart, Context, ExerciseType
from .blocks import Answer, Block, Chart, Group, Items, Para, Table

#: When a self-assessment is taken, with its Dutch name.
MOMENTS = {"begin": "Begin", "eind": "Eind"}
#: Number of anchored levels per quality (level 1 to 4).
LEVEL_COUNT = 4
#: How the student chooses a level: a slider per quality (the default) or a column of radio buttons.
SCALES = ("slider", "radio")
#: A self-rating within this distance of the evidence counts as 'ongeveer gelijk'.
TOLERANCE = 0.5


@dataclass(frozen=True)
class Quality:
    """One quality to rate: its key, Dutch name, four level descriptions and the exercises that show it."""

    key: str
    name: str
    levels: tuple[str, ...]
    evidence: tuple[str, ...] = ()


@dataclass
class SelfAssessmentState:
    """What a self-assessment saves: the level per quality key, 'Klaar' clicked, and (eind only) the explanations."""

    levels: dict[str, int] = field(default_factory=dict)
    done: bool = False
    #: eind: the student's explanation per quality key (None at the begin moment: not saved).
    explanations: dict[str, str] | None = None
    #: eind without evidence: one explanation for all qualities (None at the begin moment: not saved).
    explanation: str | None = None


# --------------------------------------------------------------------------- schema
def _levels(value: Any, _: Mapping[str, Any]) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) != LEVEL_COUNT:
        shown = f"{len(value)} niveaus" if isinstance(value, list) else describe(value)
        raise FieldError(f"verwacht precies {LEVEL_COUNT} beschrijvingen, van niveau 1 tot en met {LEVEL_COUNT} "
                         f"(niet {shown})")
    levels = []
    for number, level in enumerate(value, start=1):
        try:
            levels.append(a_text(level))
        except FieldError as exc:
            raise FieldError(str(exc), place=f"niveau {number}") from None
    return tuple(levels)


def _evidence(value: Any, _: Mapping[str, Any]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise FieldError(f"verwacht een lijst met id's van oefeningen, zoals [01-quiz-open-vraag] (niet {describe(value)})")
    check = exercise_id()
    return tuple(dict.fromkeys(check(item) for item in value))


def check_qualities(value: Any, _: Mapping[str, Any]) -> tuple[Quality, ...]:
    """Check ``qualities``: at least one, unique keys, exactly 4 levels each (whether it belongs: see ``moment``)."""
    if value is None:
        return ()
    rows = records(value, what="eigenschap", plural="eigenschappen", minimum=1, unique="key", optional=("evidence",),
                   fields={"key": key(), "name": a_text, "levels": _levels, "evidence": _evidence})
    return tuple(Quality(**row) for row in rows)


def check_compare_with(value: Any, _: Mapping[str, Any]) -> str:
    """Check ``compare_with``: the id of the begin self-assessment (whether it belongs: see ``moment``)."""
    if value is None:
        return ""
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise FieldError(f"verwacht het id van een oefening, zoals 02-zelfbeoordeling (niet {describe(value)})")
    return value


def check_moment(value: Any, ctx: Mapping[str, Any]) -> str:
    """Check ``moment`` (begin or eind) and that ``qualities`` / ``compare_with`` fit it.

    It comes after both in :data:`FIELDS`, so the check sees them; an optional field that is
    left out is only checked against its default, so this is where 'required for begin' lives.
    """
    if value not in MOMENTS:
        raise FieldError(f"{describe(value)} is niet toegestaan; kies uit: {', '.join(MOMENTS)}")
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
    Field("scale", "hoe de student een niveau kiest: slider (standaard: een schuifregelaar per eigenschap) of radio "
          "(alle niveaus onder elkaar, met keuzerondjes)", one_of(SCALES), required=False, default="slider"),
)


def qualities(exercise: Exercise) -> tuple[Quality, ...]:
    """Return the qualities of a begin self-assessment (empty for eind: use the one it compares with)."""
    return exercise.data["qualities"]


def level_text(quality: Quality, level: int) -> str:
    """Return the description of ``level`` (1 to 4)."""
    return quality.levels[min(max(level, 1), LEVEL_COUNT) - 1]


def saved_levels(state: Any, keys: Iterable[str]) -> dict[str, int]:
    """Return the valid levels (1 to 4) per quality key from a saved self-assessment state (raw or read)."""
    levels = state.levels if isinstance(state, SelfAssessmentState) else (
        state.get("levels") if isinstance(state, dict) else None)
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
@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence for a quality: which exercise, what kind (as the portfolio names it) and its share."""

    exercise_id: str
    title: str
    kind: str
    score: float

    def text(self) -> str:
        """Dutch: ``'Titel' (eerste poging quiz): 67%``."""
        return f"'{self.title}' ({self.kind}): {round(self.score * 100)}%"


def gives_evidence(spec: Any) -> bool:
    """True when a type's exercises may be listed as evidence (a type outside ``ExerciseType`` needs ``scored``)."""
    return bool(getattr(spec, "gives_evidence", getattr(spec, "scored", False)))


def score_exercise(exercise: Exercise, state: Any) -> float | None:
    """Return the share (0..1) that one exercise's saved state gives as evidence, or None if it gives none.

    The exercise's own type decides (:meth:`ExerciseType.evidence`): a quiz counts its first attempt,
    an observer list the rounds about the student, the intake simulator the topics found.
    """
    spec = registry.get(exercise.type)
    if spec is None or not gives_evidence(spec) or not isinstance(state, dict):
        return None
    try:
        read = spec.read(state)
        score = spec.evidence(exercise, read) if hasattr(spec, "evidence") else spec.assess(exercise, read).score
    except (KeyError, TypeError, ValueError, AttributeError, IndexError):  # an old or damaged state is no evidence
        return None
    return None if score is None else min(max(float(score), 0.0), 1.0)


def evidence_items(exercise_ids: Iterable[str], entries: Mapping[str, Any],
                   exercises_by_id: Mapping[str, Exercise]) -> list[EvidenceItem]:
    """The evidence that the saved results of ``exercise_ids`` give, each with where it came from."""
    items = []
    for ref in exercise_ids:
        exercise = exercises_by_id.get(ref)
        entry = entries.get(ref)
        if exercise is None or not isinstance(entry, dict):
            continue
        score = score_exercise(exercise, entry.get("value"))
        if score is not None:
            spec = registry.get(exercise.type)
            kind = getattr(spec, "evidence_kind", "") or getattr(spec, "label", "") or exercise.type
            items.append(EvidenceItem(ref, exercise.title, kind, score))
    return items


def evidence_level(exercise_ids: Iterable[str], entries: Mapping[str, Any],
                   exercises_by_id: Mapping[str, Exercise]) -> float | None:
    """Turn the saved results of ``exercise_ids`` into a level 1..4 (the mean share); None if none gives evidence.

    ``entries`` is what :meth:`AnswerStore.entries` returns (``{id: {"value": state, ...}}``).
    """
    scores = [item.score for item in evidence_items(exercise_ids, entries, exercises_by_id)]
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


# --------------------------------------------------------------------------- the type
def _begins(by_id: Mapping[str, Exercise]) -> str:
    return ", ".join(sorted(e.id for e in by_id.values()
                            if e.type == "self_assessment" and e.data.get("moment") == "begin")) or "(geen)"


@register
class SelfAssessment(ExerciseType[SelfAssessmentState]):
    """Rate yourself per quality on an anchored 1-4 scale; the 'eind' moment adds the comparison and calibration."""

    name = "self_assessment"
    label = "Zelfbeoordeling"
    description = ("zelfbeoordeling met vier beschreven niveaus per eigenschap (begin), of de vergelijking daarmee "
                   "(eind)")
    State = SelfAssessmentState
    widget = "cursuslib.widgets.self_assessment:SelfAssessment"
    fields = FIELDS
    sample = {
        "title": "Hoe sta je er nu voor?",
        "instruction": "Kies bij elke eigenschap het niveau dat past bij wat je nu meestal doet. Dit is geen cijfer.",
        "qualities": [{"key": "tijdig", "name": "Reageer tijdig", "levels": [
            "Ik reageer pas als de ander er nog een keer om vraagt.",
            "Ik reageer binnen een paar dagen, maar zeg niet wanneer de ander antwoord krijgt.",
            "Ik reageer dezelfde of de volgende werkdag en zeg meestal wanneer de ander antwoord krijgt.",
            "Ik laat meteen weten dat ik het bericht heb, noem wanneer de ander antwoord krijgt en houd me daaraan."]}],
        "compare_with": "02-zelfbeoordeling",
        "moment": "begin",
        "scale": "radio",
    }
    commented = ("compare_with", "scale")

    def saved(self, state: SelfAssessmentState) -> dict[str, Any]:
        """The state as saved; the begin moment has no explanations, so they are left out."""
        return {key: value for key, value in super().saved(state).items() if value is not None}

    def check_references(self, exercise: Exercise, by_id: Mapping[str, Exercise]) -> str:
        """``compare_with`` names a begin self-assessment; every ``evidence`` id gives a score and is no retrieval question."""
        target = exercise.data.get("compare_with")
        if target:
            other = by_id.get(target)
            if other is None or other.type != "self_assessment" or other.data.get("moment") != "begin":
                return (f"veld 'compare_with': '{target}' is geen zelfbeoordeling met moment: begin; kies uit: "
                        f"{_begins(by_id)}.")
        scored = sorted(name for name, spec in registry.types().items() if gives_evidence(spec))
        for quality in exercise.data.get("qualities") or ():
            for ref in quality.evidence:
                if ref not in by_id:
                    return f"eigenschap '{quality.key}', veld 'evidence': oefening '{ref}' bestaat niet in de cursus."
                if by_id[ref].type not in scored:
                    return (f"eigenschap '{quality.key}', veld 'evidence': oefening '{ref}' is van type "
                            f"{by_id[ref].type}, dat geen bewijs geeft; kies een oefening van type: {', '.join(scored)}.")
                if by_id[ref].data.get("retrieval"):
                    where = "" if by_id[ref].source == exercise.source else f" in {by_id[ref].source}"
                    return (f"eigenschap '{quality.key}', veld 'evidence': oefening '{ref}' is een herhaalvraag "
                            f"(retrieval: true{where}) en telt nergens voor mee, dus ook niet als bewijs; kies een "
                            f"oefening die geen herhaalvraag is.")
        return ""

    def portfolio(self, exercise: Exercise, state: SelfAssessmentState, ctx: Context) -> Sequence[Block]:
        """Begin: the levels chosen. Eind: the chart, and per quality the change, the evidence and the explanation."""
        if exercise.data["moment"] == "begin":
            items = exercise.data["qualities"]
            levels = saved_levels(state, [quality.key for quality in items])
            rows = tuple((quality.name, str(levels[quality.key]), level_text(quality, levels[quality.key]))
                         if quality.key in levels else (quality.name, "niet ingevuld", "") for quality in items)
            return [Table("Jouw inschatting (niveau 1 tot en met 4)", ("Eigenschap", "Niveau", "Wat je dan doet"),
                          rows),
                    Para("Zelfbeoordeling is bedoeld om van te leren; het is geen cijfer.", note=True)]
        begin = ctx.by_id.get(exercise.data["compare_with"])
        if begin is None:
            return [Para("De zelfbeoordeling om mee te vergelijken staat niet in deze cursus.", note=True)]
        items = begin.data["qualities"]
        keys = [quality.key for quality in items]
        before, after = saved_levels(ctx.value(begin.id), keys), saved_levels(state, keys)

        def shown(levels: Mapping[str, int], key: str) -> str:
            return str(levels[key]) if key in levels else "niet ingevuld"

        table = Table("Zelfbeoordeling aan het begin en aan het eind (niveau 1 tot en met 4)",
                      ("Eigenschap", "Begin", "Eind"),
                      tuple((quality.name, shown(before, quality.key), shown(after, quality.key)) for quality in items))
        blocks: list[Block] = [Chart(before_after_chart(items, before, after, chart_id=f"grafiek-{exercise.id}"),
                                     table)]
        for quality in items:
            explanation = (state.explanations or {}).get(quality.key, "").strip()
            if quality.key not in after and not explanation:
                continue  # not rated at the end: the table already says so
            evidence = evidence_level(quality.evidence, ctx.answers, ctx.by_id)
            calibration = calibrate(quality, after.get(quality.key), evidence)
            parts: list[Block] = []
            change = change_text(before.get(quality.key), after.get(quality.key))
            if change:
                parts.append(Para(change))
            parts.append(Para(calibration.description))
            sources = evidence_items(quality.evidence, ctx.answers, ctx.by_id)
            if sources:
                parts.append(Items(tuple(item.text() for item in sources), label="Waar het bewijs vandaan komt"))
            if explanation:
                parts.append(Answer("Jouw verklaring", explanation))
            blocks.append(Group(quality.name, tuple(parts)))
        if (state.explanation or "").strip():
            blocks.append(Answer("Jouw toelichting", (state.explanation or "").strip()))
        return blocks

    def class_parts(self, exercises: Sequence[Exercise], students: Sequence[tuple[str, Mapping[str, Any]]]
                    ) -> list[ClassPart]:
        """How many students chose each level per quality, at the begin and at the end, for every begin exercise."""
        figures = []
        for begin in exercises:
            if begin.data.get("moment") != "begin":
                continue
            end = next((other for other in exercises if other.data.get("compare_with") == begin.id), None)
            items = tuple(begin.data["qualities"])
            keys = [quality.key for quality in items]

            chosen = [(_levels_of(begin, answers, keys), _levels_of(end, answers, keys)) for _, answers in students]
            figures.append(AssessmentFigures(
                begin, end, items,
                {quality.key: _distribution((b for b, _ in chosen), quality.key) for quality in items},
                {quality.key: _distribution((a for _, a in chosen), quality.key) for quality in items}))
        blocks = tuple(_figures_table(item) for item in figures) or (
            Para("Deze cursus heeft geen zelfbeoordeling."),)
        return [ClassPart("zelfbeoordeling", "Zelfbeoordeling", blocks, figures)]


@dataclass(frozen=True)
class AssessmentFigures:
    """How many students chose each level (1..4) per quality, at the begin and at the end."""

    begin: Exercise
    end: Exercise | None
    qualities: tuple[Quality, ...]
    before: dict[str, tuple[int, ...]]
    after: dict[str, tuple[int, ...]]


def _levels_of(exercise: Exercise | None, answers: Mapping[str, Any], keys: Sequence[str]) -> dict[str, int]:
    if exercise is None:
        return {}
    entry = answers.get(exercise.id)
    return saved_levels(entry.get("value") if isinstance(entry, dict) else None, keys)


def _distribution(levels: Iterable[Mapping[str, int]], key: str) -> tuple[int, ...]:
    counts = [0] * LEVEL_COUNT
    for chosen in levels:
        if key in chosen:
            counts[chosen[key] - 1] += 1
    return tuple(counts)


def _figures_table(figures: AssessmentFigures) -> Group:
    end = f" en '{figures.end.title}' (eind)" if figures.end is not None else ""
    head = ("Eigenschap", *(f"begin: niveau {level}" for level in range(1, LEVEL_COUNT + 1)),
            *(f"eind: niveau {level}" for level in range(1, LEVEL_COUNT + 1)))
    rows = tuple((quality.name, *(str(n) for n in figures.before[quality.key]),
                  *(str(n) for n in figures.after[quality.key])) for quality in figures.qualities)
    return Group(figures.begin.title, (
        Para(f"Aantal studenten per niveau: '{figures.begin.title}' (begin){end}. Wie een eigenschap niet invulde, "
             "telt daar niet mee."),
        Table("Zelfbeoordeling: aantal studenten per niveau, begin en eind", head, rows)))
