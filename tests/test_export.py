"""Portfolio export: content per lesson in course order, engine feedback, the chart, and no markup from student text."""

from __future__ import annotations

import html
import re
from datetime import datetime
from html.parser import HTMLParser
from typing import Any

import pytest

from cursuslib import registry
from cursuslib.content import Exercise, Lesson, load_course
from cursuslib.documents import markdown_escape, portfolio_html, portfolio_markdown
from cursuslib.language import question_kind, reply_feedback, rewrite_feedback
from cursuslib.store import FILE_FORMAT, FILE_VERSION
from cursuslib.types.reflection import REFLECTION_STEPS

SAVED = "2025-03-14T10:22:05+01:00"
SAVED_DUTCH = "14 maart 2025 om 10:22"
GENERATED = datetime(2025, 6, 2, 9, 5)

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "[klik hier](javascript:alert(1))",
    '<a href="javascript:alert(1)">klik</a>',
    "javascript:alert(1)",
)
#: One text with every payload, on separate lines, plus Markdown that must not become structure.
EVIL = "\n".join(PAYLOADS) + "\n# kop\n- lijst\n1. nummer\n> citaat\n    code\n| a | b |\n**vet** _schuin_ &lt;b&gt;"


# --------------------------------------------------------------------------- helpers
@pytest.fixture(scope="module")
def course() -> dict[str, Lesson]:
    return load_course()


def first(course: dict[str, Lesson], kind: str, **data: Any) -> Exercise:
    """The first exercise of type ``kind`` (whose data has the given values) in course order."""
    return next(e for lesson in course.values() for e in lesson.exercises
                if e.type == kind and all(e.data.get(k) == v for k, v in data.items()))


def document(answers: dict[str, Any], saved_at: str = SAVED) -> dict[str, Any]:
    return {"format": FILE_FORMAT, "version": FILE_VERSION,
            "answers": {key: {"value": value, "saved_at": saved_at} for key, value in answers.items()}}


class Parsed(HTMLParser):
    """Every start tag with its attributes and all text, as a browser would see them."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.texts)


def assert_no_markup_from_students(page: str, *, charts: int) -> Parsed:
    """No script, event handler, javascript: URL, img, or svg other than our own charts."""
    parsed = Parsed(page)
    names = [tag for tag, _ in parsed.tags]
    for forbidden in ("script", "img", "iframe", "object", "embed", "link", "base", "form", "input"):
        assert forbidden not in names, forbidden
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert not name.lower().startswith("on"), (tag, name)
            assert "javascript:" not in (value or "").lower().replace(" ", ""), (tag, name, value)
    svgs = [attrs for tag, attrs in parsed.tags if tag == "svg"]
    assert len(svgs) == charts
    for attrs in svgs:
        assert attrs.get("role") == "img" and attrs.get("class") == "cursus-chart"
    assert names.count("style") <= 1
    for tag, attrs in parsed.tags:
        if tag == "a":  # only our table of contents and teachers' https links
            assert (attrs.get("href") or "").startswith(("#", "https://")), attrs
    return parsed


# --------------------------------------------------------------------------- a realistic document
def realistic(course: dict[str, Lesson]) -> tuple[dict[str, Any], dict[str, Exercise]]:
    """Answers as the widgets save them, for one exercise of most types."""
    ex = {
        "choice": first(course, "single_choice"),
        "sort": first(course, "sort"),
        "reflection": first(course, "reflection"),
        "drill": first(course, "question_drill"),
        "question": first(course, "question_practice"),
        "lsd": first(course, "lsd_practice"),
        "begin": first(course, "self_assessment", moment="begin"),
        "end": first(course, "self_assessment", moment="eind"),
        "rewrite": first(course, "rewrite"),
        "reply": first(course, "reply"),
        "dialogue": first(course, "dialogue"),
        "planner": first(course, "planner"),
        "observer": first(course, "observer"),
        "lsd_dialogue": first(course, "lsd_dialogue"),
        "ordering": first(course, "ordering"),
    }
    qualities = ex["begin"].data["qualities"]
    sentence = ex["rewrite"].data["sentence"]
    statements = ex["sort"].data["statements"]
    answers = {
        ex["choice"].id: {"selected": [next(iter(ex["choice"].data["correct"]))], "attempts": 2, "checked": True,
                          "model_shown": True},
        ex["sort"].id: {"answers": {str(i): s.answer for i, s in enumerate(statements)}, "attempts": 1,
                        "checked": True, "model_shown": False},
        ex["reflection"].id: {"steps": {"situatie": "Op mijn bijbaan bij de fietsenwinkel belde een klant.",
                                        "taak": "Ik wilde weten wat de klant precies nodig had.",
                                        "actie": "Ik vatte samen: als ik u goed begrijp, wilt u ...",
                                        "reflectie": "Volgende keer vraag ik eerder door."}},
        ex["drill"].id: {"answers": {"0": ex["drill"].data["questions"][0].kind}},
        ex["question"].id: {"text": "Wat bedoelt u precies met traag?", "attempts": 2, "model_shown": False,
                            "history": [{"text": "Is de app traag?", "kind": "closed"},
                                        {"text": "Wat bedoelt u precies met traag?", "kind": "open"}]},
        ex["lsd"].id: {"summary": "Als ik u goed begrijp, kost het bellen u veel tijd. Klopt dat?",
                       "question": "Hoe vaak per dag gebeurt dat?", "checked": None, "attempted": True},
        ex["begin"].id: {"levels": {qualities[0].key: 2, qualities[1].key: 1}, "done": True},
        ex["end"].id: {"levels": {qualities[0].key: 3, qualities[1].key: 3}, "done": True,
                       "explanations": {qualities[0].key: "Ik reageer nu binnen een dag."},
                       "explanation": "Ik merk dat ik bewuster werk."},
        ex["rewrite"].id: {"text": ex["rewrite"].data["model_answer"], "attempted": True, "model_shown": True,
                           "history": [{"text": sentence, "improved": False},
                                       {"text": ex["rewrite"].data["model_answer"], "improved": True}],
                           "ticks": [True, False]},
        ex["reply"].id: {"text": "Ik snap dat u boos bent. Ik bel u vandaag voor vijf uur terug.", "attempted": True,
                         "history": [{"text": "Dat is niet onze schuld.", "improved": False}], "ticks": []},
        ex["dialogue"].id: {"path": [], "runs": [{"path": [0, 0], "end": "geescaleerd"}], "model_shown": False},
        ex["planner"].id: {"start": "9:30", "minutes": {part.key: 5 for part in ex["planner"].data["parts"][:2]},
                           "ticked": [ex["planner"].data["checklist"][0]], "done": True},
        ex["observer"].id: {"rounds": [{"person": "developer 1", "counts": {"open": 3, "gesloten": 1}}],
                            "counts": {}, "person": ""},
        ex["lsd_dialogue"].id: {"turn": 1, "finished": False, "summary": "", "question": "", "checked": None,
                                "exchanges": [{"summary": "Hoor ik u zeggen dat de app traag is?",
                                               "question": "Wanneer merkt u dat vooral?", "summary_ok": True,
                                               "question_ok": True}]},
        ex["ordering"].id: {"order": list(range(len(ex["ordering"].data["items"]))), "attempts": 1, "checked": True},
        "99-oude-oefening": {"text": "Een antwoord bij een oefening die niet meer bestaat."},
    }
    return document(answers), ex


def test_lessons_in_course_order_with_dates(course: dict[str, Lesson]) -> None:
    doc, _ = realistic(course)
    page = portfolio_html(doc, lessons=course, student="Jan Jansen", generated=GENERATED)
    text = portfolio_markdown(doc, lessons=course, student="Jan Jansen", generated=GENERATED)
    for output in (page, text):
        positions = [output.index(html.escape(lesson.title)) for lesson in course.values()]
        assert positions == sorted(positions)
        assert SAVED_DUTCH in output and "2 juni 2025 om 09:05" in output and "Jan Jansen" in output
        assert output.index("Overige antwoorden") > positions[-1]
        assert "99-oude-oefening" in output and "niet meer bestaat" in output
    total = sum(len(lesson.exercises) for lesson in course.values())
    assert f"Je hebt 15 van de {total} oefeningen gemaakt" in page
    assert page.count("· nog niet gemaakt") == total - 15


def test_html_is_self_contained_and_printable(course: dict[str, Lesson]) -> None:
    doc, _ = realistic(course)
    page = portfolio_html(doc, lessons=course, generated=GENERATED)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
    assert "<title>Portfolio Klantgesprekken</title>" in page and "@media print" in page
    assert "Opslaan als PDF" in page
    parsed = Parsed(page)
    assert not [tag for tag, attrs in parsed.tags if "src" in attrs or tag == "link"]
    assert "@import" not in page and page.count("url(") == page.count("url(#")


def test_reflection_steps(course: dict[str, Lesson]) -> None:
    doc, ex = realistic(course)
    steps = doc["answers"][ex["reflection"].id]["value"]["steps"]
    page = portfolio_html(doc, lessons=course)
    text = portfolio_markdown(doc, lessons=course)
    visible = Parsed(page).text
    for key, (name, _) in REFLECTION_STEPS.items():
        assert name in page and name in text
        if key in steps:
            assert steps[key] in visible
            assert markdown_escape(steps[key]) in text
    assert "niet ingevuld" in page  # resultaat and transfer are empty


def test_rewrite_and_reply_feedback_is_rerun(course: dict[str, Lesson]) -> None:
    doc, ex = realistic(course)
    page = portfolio_html(doc, lessons=course)
    text = portfolio_markdown(doc, lessons=course)
    sentence = ex["rewrite"].data["sentence"]
    for attempt in doc["answers"][ex["rewrite"].id]["value"]["history"]:
        result = rewrite_feedback(sentence, attempt["text"])
        for message in result.messages:
            assert message in Parsed(page).text
            assert markdown_escape(" ".join(message.split())) in text
    assert "Poging 2" in page and "✔ Je zin is positiever" in page and "✘ Je zin kan nog positiever" in page
    reply = reply_feedback(ex["reply"].data["message"], "Dat is niet onze schuld.")
    assert not reply.ok and all(m in Parsed(page).text for m in reply.messages)
    assert "Ik bel u vandaag voor vijf uur terug" in page  # the unchecked last version
    assert ex["rewrite"].data["annotations"][0] in Parsed(page).text  # a ticked annotation


def test_questions_lsd_dialogues_and_results(course: dict[str, Lesson]) -> None:
    doc, ex = realistic(course)
    page = portfolio_html(doc, lessons=course)
    assert question_kind("Is de app traag?").kind == "closed"
    assert "dit is een gesloten vraag" in page and "dit is een open vraag" in page
    assert "Als ik u goed begrijp, kost het bellen u veel tijd. Klopt dat?" in page
    assert "Hoor ik u zeggen dat de app traag is?" in page and "Beurt 1" in page
    assert "Gesprek 1" in page and "Uitkomst" in page and "Jouw route:" in page
    assert f"1 van de {len(ex['drill'].data['questions'])} vragen goed ingedeeld" in page
    statements = len(ex["sort"].data["statements"])
    assert f"{statements} van de {statements} uitspraken goed ingedeeld (1 poging)" in page
    assert "Goed gedaan" in page and "(2 pogingen)" in page
    assert "09.30" in page and "korter dan" in page  # planner: the programme and the broken rule
    assert "Advies (geen spelregel)" in page and "wij adviseren minstens 15 minuten" in page  # and the advice
    assert f"afgevinkt: {ex['planner'].data['checklist'][0]}" in page  # the ticked checklist point
    assert "developer 1" in page and "Aandeel open vragen:</strong> 75%" in page
    assert "Alle 4 stappen staan in de goede volgorde" in page or "stappen staan in de goede volgorde" in page


def test_self_assessment_chart_and_calibration(course: dict[str, Lesson]) -> None:
    doc, ex = realistic(course)
    qualities = ex["begin"].data["qualities"]
    page = portfolio_html(doc, lessons=course)
    text = portfolio_markdown(doc, lessons=course)
    parsed = assert_no_markup_from_students(page, charts=1)
    svg = next(attrs for tag, attrs in parsed.tags if tag == "svg")
    assert f"{qualities[0].name}: begin 2, eind 3" in (svg["aria-label"] or "")
    assert "Ik reageer nu binnen een dag." in page and "Ik merk dat ik bewuster werk." in page
    assert "Aan het begin koos je niveau 2, nu niveau 3." in page
    assert "| Eigenschap | Begin | Eind |" in text
    assert f"| {markdown_escape(qualities[0].name)} | 2 | 3 |" in text
    assert "<svg" not in text


def test_damaged_answers_do_not_break_the_portfolio(course: dict[str, Lesson]) -> None:
    answers = {e.id: ["geen", "dict"] for lesson in course.values() for e in lesson.exercises[:2]}
    answers[first(course, "rewrite").id] = {"history": [{"text": 5}, "x"], "ticks": "ja"}
    answers[first(course, "dialogue").id] = {"runs": [{"path": [99, "a"], "end": "opgelost"}], "path": None}
    answers[first(course, "ordering").id] = {"order": [0, 0, 1], "attempts": "veel"}
    doc = document(answers, saved_at="gisteren")
    doc["answers"]["losse-waarde"] = "geen entry"
    page = portfolio_html(doc, lessons=course)
    assert "opgeslagen gegevens" in page and "Nog niets geschreven" in page
    assert "Nog geen volgorde gekozen" in page and "gisteren" not in page
    portfolio_markdown(doc, lessons=course)
    assert "nog niet gemaakt" in portfolio_html({"answers": None}, lessons=course)


# --------------------------------------------------------------------------- XSS
def evil_states(course: dict[str, Lesson]) -> dict[str, Any]:
    """A payload in every text field (and every string-typed field) of every exercise type."""
    x = EVIL
    states: dict[str, Any] = {}
    for lesson in course.values():
        for e in lesson.exercises:
            if e.type in ("single_choice", "multiple_choice"):
                state: dict[str, Any] = {"selected": [x, e.data["options"][0].key], "attempts": 1, "checked": x}
            elif e.type in ("sort", "matching"):
                state = {"answers": {"0": x, "1": x, x: x}, "attempts": 1, "checked": True}
            elif e.type == "question_drill":
                state = {"answers": {"0": x, x: x}}
            elif e.type == "reflection":
                state = {"steps": dict.fromkeys([*REFLECTION_STEPS, x], x)}
            elif e.type in ("rewrite", "reply"):
                state = {"text": x + " (nieuw)", "history": [{"text": x, "improved": x}, {"text": x + "!"}],
                         "attempted": x, "ticks": [x, True]}
            elif e.type == "question_practice":
                state = {"text": x + "?", "history": [{"text": x, "kind": x}], "attempts": x}
            elif e.type == "lsd_practice":
                state = {"summary": x, "question": x + "?", "checked": [x, x], "attempted": True}
            elif e.type == "lsd_dialogue":
                state = {"exchanges": [{"summary": x, "question": x, "summary_ok": x, "question_ok": True}] * 2,
                         "summary": x, "question": x, "finished": True, "turn": x, "checked": [x, x]}
            elif e.type == "dialogue":
                state = {"path": [0, x], "runs": [{"path": [0, x], "end": x}, {"path": x, "end": x}]}
            elif e.type == "self_assessment":
                keys = [q.key for q in (e.data.get("qualities") or first(course, "self_assessment",
                                                                           moment="begin").data["qualities"])]
                state = {"levels": {keys[0]: 3, keys[1]: x, x: x}, "done": x,
                         "explanations": {keys[0]: x, x: x}, "explanation": x}
            elif e.type == "planner":
                state = {"start": x, "minutes": {e.data["parts"][0].key: x, x: x}}
            elif e.type == "observer":
                state = {"rounds": [{"person": x, "counts": {"open": 2, x: x}}, {"person": 5, "counts": {}}],
                         "counts": {"open": 1, x: x}, "person": x}
            elif e.type == "ordering":
                state = {"order": [x], "attempts": 1}
            else:
                state = {"text": x}
            states[e.id] = state
    return states


def evil_document(course: dict[str, Lesson]) -> dict[str, Any]:
    doc = document(evil_states(course), saved_at=EVIL)
    doc["answers"][EVIL] = {"value": {EVIL: [EVIL, {"text": EVIL}]}, "saved_at": EVIL}
    doc["answers"]["ander-id"] = {"value": EVIL}
    return doc


def test_every_exercise_type_gets_payloads(course: dict[str, Lesson]) -> None:
    types = {e.type for lesson in course.values() for e in lesson.exercises}
    assert set(registry.names()) <= types  # every type's view gets payloads


def test_html_shows_student_markup_only_as_text(course: dict[str, Lesson]) -> None:
    page = portfolio_html(evil_document(course), lessons=course, student=EVIL)
    parsed = assert_no_markup_from_students(page, charts=1)
    for payload in PAYLOADS:
        assert parsed.text.count(payload) > 10, payload  # shown as text, many times
    assert "<script>" not in page and "<img" not in page and "<svg onload" not in page


def test_markdown_escapes_student_markup(course: dict[str, Lesson]) -> None:
    text = portfolio_markdown(evil_document(course), lessons=course, student=EVIL)
    for raw in ("<script", "<img", "<svg", "<a ", "\n# kop", "\n- lijst", "\n1. nummer", "\n> citaat"):
        assert raw not in text, raw
    assert not re.search(r"(?<!\\)\]\(javascript:", text)  # only an escaped bracket before it
    assert markdown_escape(PAYLOADS[0]) in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.parametrize("renderer", ["markdown_it", "mistune"])
def test_rendered_markdown_has_no_student_markup(course: dict[str, Lesson], renderer: str) -> None:
    text = portfolio_markdown(evil_document(course), lessons=course, student=EVIL)
    if renderer == "markdown_it":
        markdown_it = pytest.importorskip("markdown_it")
        page = markdown_it.MarkdownIt("commonmark", {"html": True}).enable("table").render(text)
    else:
        mistune = pytest.importorskip("mistune")
        page = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])(text)
    parsed = assert_no_markup_from_students(page, charts=0)
    for payload in PAYLOADS:
        assert payload in parsed.text, payload  # the student sees exactly what they typed
    headings = [t for t, _ in parsed.tags if t == "h1"]
    assert len(headings) == 1  # '# kop' in an answer does not become a heading


def test_markdown_escape_keeps_plain_text_readable() -> None:
    assert markdown_escape("Ik bel u morgen om 10.00 uur terug.") == "Ik bel u morgen om 10.00 uur terug."
    assert markdown_escape("1. eerst") == "1\\. eerst"
    assert markdown_escape("  - punt") == "\\- punt"
    assert markdown_escape("a|b *c*") == "a\\|b \\*c\\*"


# --------------------------------------------------------------------------- first attempts, confidence, evidence
def page_text(page: str) -> str:
    """The text a reader sees in the HTML page (entities decoded), on one line."""
    return " ".join(" ".join(Parsed(page).texts).split())


def closed_intake(course: dict[str, Lesson], exercise_id: str, *lines: str) -> dict[str, Any]:
    from cursuslib.simulator.conversation import Conversation

    exercise = next(e for lesson in course.values() for e in lesson.exercises if e.id == exercise_id)
    talk = Conversation.from_exercise(exercise)
    for line in lines:
        talk.say(line)
    talk.close()
    return {"turns": [turn.saved() for turn in talk.turns], "closed": talk.closed}


def test_first_attempt_and_confidence_in_the_portfolio(course: dict[str, Lesson]) -> None:
    quiz = next(e for lesson in course.values() for e in lesson.exercises if e.id == "01-quiz-samenvatten")
    right = next(iter(quiz.data["correct"]))
    wrong = next(o for o in quiz.data["options"] if o.key != right)
    doc = document({
        "01-quiz-samenvatten": {"selected": [right], "attempts": 2, "checked": True, "first": [wrong.key],
                                "first_correct": False, "confidence": "redelijk", "first_confidence": "zeker"},
        "01-quiz-doorvragen": {"selected": sorted(quiz.data["correct"]), "attempts": 1, "checked": True,
                               "first": ["x-weg"], "first_correct": False},  # no longer an option: no first attempt
        "02-quiz-eerlijk": {"selected": ["b"], "attempts": 1, "checked": True, "first": ["b"], "first_correct": True,
                            "confidence": "zeker", "first_confidence": "zeker"},
        "quiz-volgorde": {"seed": "0123456789abcdef"},
    })
    page = portfolio_html(doc, lessons=course)
    text = page_text(page)
    assert f"Eerste poging (nog niet goed; je was: heel zeker) {wrong.text}" in text
    assert "Eerste poging (goed; je was: heel zeker)" in text
    assert "Hoe zeker was je bij de quizvragen?" in text and 'href="#zekerheid"' in page
    assert "Heel zeker en goed: 1 keer." in text and "Heel zeker en nog niet goed: 1 keer." in text
    assert "Het is geen cijfer" in text
    assert "quiz-volgorde" not in page  # the order seed is no answer
    markdown = portfolio_markdown(doc, lessons=course)
    assert "## Hoe zeker was je bij de quizvragen?" in markdown and "| Heel zeker | 1 | 1 |" in markdown
    # without a confidence question answered, there is no such section
    assert "Hoe zeker was je" not in portfolio_html(document({}), lessons=course)


def test_evidence_shows_where_it_came_from(course: dict[str, Lesson]) -> None:
    quiz = next(e for lesson in course.values() for e in lesson.exercises if e.id == "01-quiz-samenvatten")
    right = next(iter(quiz.data["correct"]))
    wrong = next(o.key for o in quiz.data["options"] if o.key != right)
    intake = closed_intake(course, "05-intake", "Wat bedoelt u precies met traag?", "Wanneer is de app traag?")
    doc = document({
        "02-zelfbeoordeling": {"levels": {"luisteren": 3}, "done": True},
        "05-zelfbeoordeling-eind": {"levels": {"luisteren": 4}, "done": True, "explanations": {}},
        # wrong first, right later: the evidence is the wrong first attempt
        "01-quiz-samenvatten": {"selected": [right], "attempts": 2, "checked": True, "first": [wrong],
                                "first_correct": False},
        "04-observatie": {"rounds": [{"person": "Ik", "counts": {"open": 3, "onderbreekt": 1}},
                                     {"person": "developer 3", "counts": {"onderbreekt": 9}}], "counts": {}},
        "05-intake": intake,
    })
    text = page_text(portfolio_html(doc, lessons=course))
    assert "Waar het bewijs vandaan komt" in text
    assert "'Welke reactie is een samenvatting?' (eerste poging quiz): 0%" in text
    assert "'Observatielijst KlantenKamer' (observatielijst rollenspel): 75%" in text  # only the round about 'ik'
    assert "'Intake: wat heeft Marloes echt nodig?' (intake-simulator):" in text
    markdown = portfolio_markdown(doc, lessons=course)
    assert "(observatielijst rollenspel): 75%" in markdown
