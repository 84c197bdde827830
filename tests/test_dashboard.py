"""The teacher's dashboard: `cursus overzicht` shows per exercise who did it, the share with a positive verdict and
what was missed most, the self-assessment per quality as an SVG chart, and writes one CSV row per student and
exercise (read back here with the csv module, as a spreadsheet would)."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from cursuslib.cli import main
from cursuslib.content import Exercise, Lesson, load_course
from cursuslib.documents import build_dashboard, class_overview, overview_html, student_csv
from cursuslib.documents.dashboard import STUDENT_CSV_HEAD, spreadsheet_cell, spreadsheet_csv
from cursuslib.language.key_ideas import find_ideas
from cursuslib.simulator import Conversation
from cursuslib.store import empty_document
from cursuslib.types import spec_of

REPO = Path(__file__).resolve().parents[1]
STAMP = "2025-03-14T10:22:05+01:00"
OPEN_QUESTION = "Hoe plant u de reparaties nu in?"
CLOSED_QUESTION = "Plant u de reparaties zelf in?"
FORMULA_NAMES = ('=HYPERLINK("voorbeeld.nl";"klik")', "@SUM(1+1)", "+31 6 12345678", "-Jan", "\tTab")


@pytest.fixture(scope="module")
def course() -> dict[str, Lesson]:
    return load_course(REPO / "exercises")


@pytest.fixture(scope="module")
def by_id(course: dict[str, Lesson]) -> dict[str, Exercise]:
    return {e.id: e for lesson in course.values() for e in lesson.exercises}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def written(exercise: Exercise, answer: str) -> dict[str, Any]:
    """The saved state after a student wrote ``answer`` and checked it (as the widget saves it)."""
    spec = spec_of(exercise)
    return spec.saved(spec.example_state(exercise, answer))


def intake(line: str) -> dict[str, Any]:
    conversation = Conversation.from_exercise("01-intake")
    conversation.say(line)
    return {"turns": [turn.saved() for turn in conversation.turns]}


def save(folder: Path, name: str, answers: dict[str, Any]) -> Path:
    doc = empty_document()
    doc["answers"] = {key: {"value": value, "saved_at": STAMP} for key, value in answers.items()}
    path = folder / f"{name}.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def read_csv(path: Path) -> list[list[str]]:
    """The CSV as a Dutch spreadsheet reads it: a UTF-8 byte order mark first, then ';'-separated rows."""
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    return list(csv.reader(io.StringIO(raw[len(codecs.BOM_UTF8):].decode("utf-8"), newline=""), delimiter=";"))


@pytest.fixture
def klas(tmp_path: Path, by_id: dict[str, Exercise]) -> Path:
    """Three students who did different parts of the course, and a damaged file."""
    folder = tmp_path / "inlevering-klas-2b"
    folder.mkdir()
    rewrite = by_id["02-herschrijf-1"]
    begin = by_id["02-zelfbeoordeling"]
    keys = [quality.key for quality in begin.data["qualities"]]
    save(folder, "Sanne de Vries", {
        "00-proef": {"selected": ["b"], "attempts": 1, "checked": True},
        "01-open-vraag-stellen": written(by_id["01-open-vraag-stellen"], OPEN_QUESTION),
        "02-herschrijf-1": written(rewrite, rewrite.data["model_answer"]),
        "01-intake": intake("Hoe maken klanten nu een afspraak voor een reparatie?"),
        "02-zelfbeoordeling": {"levels": dict.fromkeys(keys, 2), "done": True},
        "05-zelfbeoordeling-eind": {"levels": dict.fromkeys(keys, 3), "done": True, "explanations": {},
                                    "explanation": "Ik vraag nu vaker door."},
    })
    save(folder, "Daan Jansen", {
        "00-proef": {"selected": ["a"], "attempts": 2, "checked": True},
        "01-open-vraag-stellen": written(by_id["01-open-vraag-stellen"], CLOSED_QUESTION),
        "02-herschrijf-1": written(rewrite, rewrite.data["sentence"]),
        "01-intake": intake("Maken klanten nu afspraken via de telefoon?"),
        "02-zelfbeoordeling": {"levels": {keys[0]: 1}, "done": False},
    })
    save(folder, "Fatima", {})
    (folder / "Kapot.json").write_text("{ dit is geen json", encoding="utf-8")
    return folder


def test_the_test_answers_are_what_they_seem(by_id: dict[str, Exercise]) -> None:
    """The answers above have a known outcome, so the expected figures do not depend on the dashboard."""
    rewrite = by_id["02-herschrijf-1"]
    ideas = rewrite.data["key_ideas"]
    assert all(match.found for match in find_ideas(rewrite.data["model_answer"], ideas))
    assert not any(match.found for match in find_ideas(rewrite.data["sentence"], ideas))


def test_overzicht_writes_the_dashboard_and_one_csv_row_per_student_and_exercise(
        klas: Path, tmp_path: Path, course: dict[str, Lesson], by_id: dict[str, Exercise],
        capsys: pytest.CaptureFixture[str]) -> None:
    out, table = tmp_path / "overzicht.html", tmp_path / "resultaten.csv"
    code, printed, err = run(capsys, "overzicht", str(klas), "-o", str(out), "--csv-studenten", str(table),
                             "--cursus", str(REPO))
    assert code == 0, err
    assert f"De resultaten per student en oefening staan in {table}" in printed
    assert not list(tmp_path.glob(".cursus-*.tmp")) and not list(klas.glob(".cursus-*.tmp"))

    rows = read_csv(table)
    assert tuple(rows[0]) == STUDENT_CSV_HEAD
    body = rows[1:]
    exercises = [e.id for lesson in course.values() for e in lesson.exercises]
    students = ["Daan Jansen", "Fatima", "Sanne de Vries"]  # names as the files give them; the damaged file is left out
    assert [(row[0], row[2]) for row in body] == [(s, e) for s in students for e in exercises]
    assert all(len(row) == len(STUDENT_CSV_HEAD) for row in body)
    got = {(row[0], row[2]): dict(zip(STUDENT_CSV_HEAD, row, strict=True)) for row in body}

    sanne, daan = got["Sanne de Vries", "02-herschrijf-1"], got["Daan Jansen", "02-herschrijf-1"]
    assert (sanne["les"], sanne["type"], sanne["titel"]) == ("02_klantcontact_eigenschappen", "rewrite",
                                                            by_id["02-herschrijf-1"].title)
    assert [sanne[k] for k in ("gedaan", "oordeel", "positief", "score (%)", "gemist")] == [
        "ja", "positiever", "ja", "100", ""]
    labels = [idea.label for idea in by_id["02-herschrijf-1"].data["key_ideas"]]
    assert [daan[k] for k in ("gedaan", "oordeel", "positief", "score (%)")] == [
        "ja", "nog niet positiever", "nee", "0"]
    assert daan["gemist"].split(" | ") == labels
    assert [got["Sanne de Vries", "01-open-vraag-stellen"][k] for k in ("oordeel", "positief", "score (%)")] == [
        "open vraag", "ja", "100"]
    assert [got["Daan Jansen", "01-open-vraag-stellen"][k] for k in ("oordeel", "positief", "score (%)")] == [
        "gesloten vraag", "nee", "0"]
    assert [got["Daan Jansen", "00-proef"][k] for k in ("oordeel", "positief")] == ["nog niet goed", "nee"]
    # The intake: a topic found or only touched is not missed; the topics nobody asked about are.
    for name in ("Sanne de Vries", "Daan Jansen"):
        missed = got[name, "01-intake"]["gemist"].split(" | ")
        assert "het budget" in missed and "hoe afspraken nu gaan" not in missed
        assert got[name, "01-intake"]["oordeel"] == "nog niet af" and got[name, "01-intake"]["score (%)"] == ""
    # The self-assessment gives no verdict: done, nothing more.
    assert [got["Daan Jansen", "02-zelfbeoordeling"][k] for k in ("gedaan", "oordeel", "positief", "score (%)")] == [
        "ja", "", "", ""]
    assert all(row["gedaan"] == "nee" and row["oordeel"] == "" for (name, _), row in got.items() if name == "Fatima")
    assert sum(row["gedaan"] == "ja" for row in got.values()) == 6 + 5

    page = out.read_text(encoding="utf-8")
    text = Page(page)
    assert "Per oefening: gemaakt, oordeel, meest gemist" in text.text
    rewrite_row = text.row(by_id["02-herschrijf-1"].title, "Positief herschrijven")
    assert rewrite_row[2:4] == ["2 van 3", "1 van 2 (50%)"]
    assert rewrite_row[4] == f"{' / '.join(sorted(labels, key=str.casefold))} (1 van 2)"
    assert text.row(by_id["00-proef"].title, "Meerkeuzevraag")[2:5] == ["2 van 3", "1 van 2 (50%)", "–"]
    assert text.row(by_id["01-open-vraag-stellen"].title, "Zelf een vraag stellen")[2:4] == ["2 van 3", "1 van 2 (50%)"]
    intake_row = text.row(by_id["01-intake"].title, "Intakegesprek")
    assert intake_row[2:4] == ["2 van 3", "0 van 2 (0%)"] and intake_row[4].endswith("(2 van 2)")
    assert text.row(by_id["02-zelfbeoordeling"].title, "Zelfbeoordeling")[2:5] == ["2 van 3", "–", "–"]
    assert text.row(by_id["04-planner"].title, "Planning")[2:5] == ["0 van 3", "–", "–"]


class Page(HTMLParser):
    """The visible text of a page, its tags, and its table rows as lists of cell texts."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None
        self.feed(source)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._cell is not None:
            self._cell.append(data)

    def row(self, *start: str) -> list[str]:
        """The one table row that starts with these cells."""
        (found,) = [row for row in self.rows if tuple(row[:len(start)]) == start]
        return found


def test_the_self_assessment_chart_is_an_accessible_svg(klas: Path, tmp_path: Path, by_id: dict[str, Exercise],
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "overzicht.html"
    code, _, err = run(capsys, "overzicht", str(klas), "-o", str(out), "--cursus", str(REPO))
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    parsed = Page(page)
    qualities = by_id["02-zelfbeoordeling"].data["qualities"]
    svgs = [attrs for tag, attrs in parsed.tags if tag == "svg"]
    assert len(svgs) == len(qualities)
    assert all(attrs["role"] == "img" and attrs["aria-labelledby"] for attrs in svgs)
    for attrs in svgs:  # the title and description the chart points at are in the page
        for ident in (attrs["aria-labelledby"] or "").split():
            assert f'id="{ident}"' in page
    first = qualities[0]
    chart = re.search(rf'<svg[^>]*aria-labelledby="zb-02-zelfbeoordeling-{first.key}-titel [^"]*".*?</svg>', page)
    assert chart is not None
    svg = chart.group(0)
    assert f"<title id=\"zb-02-zelfbeoordeling-{first.key}-titel\">{first.name}: zelfbeoordeling van de klas, " \
           "begin en eind</title>" in svg
    # Begin: Daan level 1, Sanne level 2; end: Sanne level 3 (Daan did not fill in the end).
    assert ("Begin: niveau 1: 1, niveau 2: 1, niveau 3: 0, niveau 4: 0; gemiddeld niveau 1,5, 2 studenten. "
            "Eind: niveau 1: 0, niveau 2: 0, niveau 3: 1, niveau 4: 0; gemiddeld niveau 3, 1 student.") in svg
    assert "gem. 1,5 (2 studenten)" in svg and "niveau 4</text>" in svg
    assert "<script" not in page and "http://" not in svg.replace("http://www.w3.org/2000/svg", "")
    # The text alternative: the same figures as a table.
    assert parsed.row("Begin", "1", "1", "0", "0") == ["Begin", "1", "1", "0", "0", "1,5", "2"]
    assert "Zelfbeoordeling per eigenschap (grafiek)" in parsed.text


def test_a_formula_in_a_file_name_stays_text_in_the_spreadsheet(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "klas"
    folder.mkdir()
    for name in FORMULA_NAMES:
        save(folder, name, {"00-proef": {"selected": ["b"], "attempts": 1, "checked": True}})
    out, table = tmp_path / "o.html", tmp_path / "r.csv"
    code, _, err = run(capsys, "overzicht", str(folder), "-o", str(out), "--csv-studenten", str(table),
                       "--cursus", str(REPO))
    assert code == 0, err
    rows = read_csv(table)[1:]
    assert {row[0] for row in rows} == {"'" + name for name in FORMULA_NAMES}  # read back whole: ';' and '"' quoted
    assert not [cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t")]
    page = out.read_text(encoding="utf-8")
    assert "=HYPERLINK(&#34;voorbeeld.nl&#34;;&#34;klik&#34;)" in page  # in the HTML: the name as given, escaped


def test_cells_with_separators_quotes_and_line_breaks_come_back_whole() -> None:
    cells = ["a;b", 'zei "ja"', "regel 1\nregel 2", "regel\r\n2", "-5 punten", "+", "@", "=1+1", "gewoon", 75, -5, ""]
    text = spreadsheet_csv([(("kop", "twee"), [cells])])
    assert text.startswith("\ufeff") and "\r\n" in text
    back = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    assert back[0] == ["kop", "twee"]
    assert back[1] == ["a;b", 'zei "ja"', "regel 1\nregel 2", "regel\r\n2", "'-5 punten", "'+", "'@", "'=1+1",
                       "gewoon", "75", "-5", ""]
    assert spreadsheet_cell(0.5) == 0.5 and spreadsheet_cell("'al tekst") == "'al tekst"


def test_an_empty_class(tmp_path: Path, course: dict[str, Lesson], capsys: pytest.CaptureFixture[str]) -> None:
    """Only a damaged file: the page and the CSV are made, with no students and nothing divided by zero."""
    folder = tmp_path / "klas"
    folder.mkdir()
    (folder / "Kapot.json").write_text("", encoding="utf-8")
    out, table = tmp_path / "o.html", tmp_path / "r.csv"
    code, printed, err = run(capsys, "overzicht", str(folder), "-o", str(out), "--csv-studenten", str(table),
                             "--cursus", str(REPO))
    assert code == 0, err
    assert "0 studenten; 1 bestand overgeslagen" in printed
    assert read_csv(table) == [list(STUDENT_CSV_HEAD)]
    parsed = Page(out.read_text(encoding="utf-8"))
    first = next(e for lesson in course.values() for e in lesson.exercises)
    assert parsed.row(first.title)[2:] == ["0 van 0", "–", "–"]
    assert "gemiddeld niveau" not in out.read_text(encoding="utf-8")  # a chart per quality, but nobody to average
    assert "nog niemand ingevuld" in out.read_text(encoding="utf-8")
    dashboard = build_dashboard(class_overview([], lessons=course))
    assert dashboard.students == 0 and all(row.done == 0 for _, rows in dashboard.lessons for row in rows)
    assert student_csv(class_overview([], lessons=course)) == "\ufeff" + ";".join(STUDENT_CSV_HEAD) + "\r\n"
    assert "Per oefening" in overview_html(class_overview([], lessons=course))


def test_the_topic_csv_and_the_student_csv_together_and_never_over_an_input(klas: Path, tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    out, topics, results = tmp_path / "o.html", tmp_path / "onderwerpen.csv", tmp_path / "resultaten.csv"
    code, printed, err = run(capsys, "overzicht", str(klas), "-o", str(out), "--csv", str(topics),
                             "--csv-studenten", str(results), "--cursus", str(REPO))
    assert code == 0, err
    assert read_csv(topics)[0][:3] == ["oefening", "onderwerp", "omschrijving"]  # --csv still gives the topics
    assert read_csv(results)[0][0] == "student"
    before = (klas / "Sanne de Vries.json").read_bytes()
    code, _, err = run(capsys, "overzicht", str(klas), "-o", str(out), "--csv-studenten", str(klas / "Sanne de Vries.json"))
    assert code == 1 and "antwoordenbestand" in err
    assert (klas / "Sanne de Vries.json").read_bytes() == before
    for other in (("-o", out), ("--csv", topics)):
        args = ["overzicht", str(klas), "-o", str(out), "--csv-studenten", str(other[1])]
        if other[0] == "--csv":
            args += ["--csv", str(topics)]
        code, _, err = run(capsys, *args)
        assert code == 2 and f"{other[0]} en --csv-studenten noemen hetzelfde bestand" in err


def test_missed_points_finds_every_key_idea_a_plain_answer_misses(course: dict[str, Lesson]) -> None:
    """Each type that checks key ideas keeps them in its result, where the overview finds them without naming it."""
    from cursuslib.documents.overview import missed_points

    tried = set()
    for exercise in (e for lesson in course.values() for e in lesson.exercises):
        spec, ideas = spec_of(exercise), exercise.data.get("key_ideas")
        if not ideas or not spec.testable:
            continue
        answer = "Oké, dat snap ik."
        labels = {match.idea.label for group in (ideas.values() if isinstance(ideas, dict) else [ideas])
                  for match in find_ideas(answer, group) if not match.found}
        assert labels, exercise.id
        detail = spec.assess(exercise, spec.example_state(exercise, answer)).detail
        assert set(missed_points(detail)) == labels, exercise.id
        tried.add(exercise.type)
    assert {"rewrite", "reply", "lsd_practice", "reflection"} <= tried


def test_missed_points_keeps_order_and_counts_a_reversed_idea_but_not_a_touched_topic() -> None:
    from dataclasses import dataclass as plain

    from cursuslib.documents.overview import missed_points
    from cursuslib.language.key_ideas import IdeaMatch, KeyIdea
    from cursuslib.simulator.review import FOUND, MISSED, TOUCHED, TopicResult

    @plain(frozen=True)
    class Result:
        first: tuple[IdeaMatch, ...]
        nested: list[object]
        other: str = "tekst"

    def idea(label: str, found: bool = False, opposite: bool = False) -> IdeaMatch:
        return IdeaMatch(KeyIdea(label, ("x",)), found, opposite)

    result = Result((idea("b"), idea("a", found=True), idea("c", opposite=True)),
                    [TopicResult("t1", "onderwerp 1", "feit", MISSED), TopicResult("t2", "onderwerp 2", "feit", TOUCHED),
                     TopicResult("t3", "onderwerp 3", "feit", FOUND), (idea("b"),)])
    assert missed_points(result) == ("b", "c", "onderwerp 1")
    assert missed_points(None) == () and missed_points("b") == ()
