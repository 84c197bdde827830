"""The `cursus` command: check finds every broken part of a course, nieuw round-trips, export and overzicht run."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import textwrap
from pathlib import Path

import jupytext
import pytest
import yaml

from cursuslib import examples, registry
from cursuslib.check import Problem, check_course
from cursuslib.cli import build_parser, main, render_template, template_samples
from cursuslib.content import ContentError, example_types, parse_exercise
from cursuslib.store import empty_document
from cursuslib.types import spec_of

REPO = Path(__file__).resolve().parents[1]

EXERCISES = """\
schema_version: 1
lesson: 01_test
title: Test
exercises:
  - id: 01-quiz
    type: single_choice
    title: Een vraag
    question: Welke vraag is open?
    options:
      - {key: a, text: "Heeft u een website?", explanation: Ja of nee.}
      - {key: b, text: "Wat doet uw website?", explanation: Begint met wat.}
    correct: b
  - id: 01-herschrijf
    type: rewrite
    title: Herschrijf
    sentence: "Dat kan ik nu niet oplossen."
    model_answer: "Ik los het morgen om 9.00 uur voor u op."
    examples:
      - answer: "Ik los het morgen om 9.00 uur voor u op."
        expect: verbeterd
      - answer: "Dat kan ik vandaag helaas niet oplossen."
        expect: niet_verbeterd
"""

HEADER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# 01 Test

```{code-cell} ipython3
from cursuslib import show_exercise
```
"""


def hidden_cell(source: str) -> str:
    return f"\n```{{code-cell}} ipython3\n---\njupyter:\n  source_hidden: true\n---\n{source}\n```\n"


def write_notebook(folder: Path, name: str, *ids: str) -> Path:
    """Write notebooks/<name>.md and its .ipynb twin, showing the given exercises in collapsed cells."""
    text = HEADER + "".join(hidden_cell(f'show_exercise("{exercise_id}")') for exercise_id in ids)
    twin = folder / "notebooks" / f"{name}.md"
    twin.parent.mkdir(parents=True, exist_ok=True)
    twin.write_text(text, encoding="utf-8")
    path = twin.with_suffix(".ipynb")
    jupytext.write(jupytext.read(twin), path, fmt="ipynb")
    return path


@pytest.fixture
def course(tmp_path: Path) -> Path:
    """A minimal valid course: one exercise file, one notebook with its twin."""
    root = tmp_path / "cursus"
    (root / "exercises").mkdir(parents=True)
    (root / "exercises" / "01_test.yaml").write_text(EXERCISES, encoding="utf-8")
    write_notebook(root, "01_test", "01-quiz", "01-herschrijf")
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def check_lines(capsys: pytest.CaptureFixture[str], root: Path) -> list[str]:
    """Run `cursus check` on a broken course: exit 1, one line per problem and a summary."""
    code, out, _ = run(capsys, "check", str(root))
    assert code == 1, out
    lines = out.strip().splitlines()
    assert "gevonden in" in lines[-1] and "Traceback" not in out
    return lines[:-2]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --------------------------------------------------------------------------- check
def test_valid_course_passes(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(course))
    assert code == 0, out
    assert out.splitlines()[-1] == "Alles in orde: 2 oefeningen in 1 bestand, 1 notebook gecontroleerd."
    assert "Voorbeeldantwoorden getest: 2" in out


def test_check_warns_but_passes_when_the_right_answer_gives_itself_away(course: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    edit(course / "exercises" / "01_test.yaml", '"Wat doet uw website?"',
         '"Wat moet uw website allemaal kunnen doen voor uw klanten?"')
    code, out, _ = run(capsys, "check", str(course))
    assert code == 0, out  # a warning is no error
    assert ("Waarschuwing: exercises/01_test.yaml, oefening '01-quiz', veld 'options': het goede antwoord is veel "
            "langer dan de andere opties (57 tegen hoogstens 20 tekens)") in out
    assert "1 waarschuwing: geen fout" in out and out.splitlines()[-1].startswith("Alles in orde")


def test_check_finds_the_course_from_a_subfolder(course: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(course / "notebooks")
    code, out, _ = run(capsys, "check")
    assert code == 0 and "Alles in orde" in out


def test_folder_without_course(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", str(tmp_path))
    assert code == 1 and "geen map exercises/" in err


def test_the_real_course_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(REPO))
    assert code == 0, out
    assert out.splitlines()[-1].startswith("Alles in orde: ")


def test_bad_yaml(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(course / "exercises" / "01_test.yaml", "title: Test", "title: [Test")
    (line,) = check_lines(capsys, course)
    assert line.startswith("exercises/01_test.yaml, regel ") and "de YAML-opbouw klopt niet" in line
    # the notebook's ids are not reported as unknown: their file is broken, not the notebook


def test_every_broken_exercise_and_file_is_reported(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = course / "exercises" / "01_test.yaml"
    edit(path, "type: single_choice", "type: meerkeuze")
    edit(path, "    sentence: \"Dat kan ik nu niet oplossen.\"\n", "")
    other = course / "exercises" / "02_ander.yaml"
    other.write_text(EXERCISES.replace("01_test", "02_wrong").replace("01-", "02-"), encoding="utf-8")
    lines = check_lines(capsys, course)
    assert lines[0] == ("exercises/01_test.yaml, oefening '01-quiz', veld 'type': 'meerkeuze' is onbekend; toegestaan: "
                        + ", ".join(registry.names()) + ".")
    assert any(line.startswith("exercises/01_test.yaml, oefening '01-herschrijf'") and "'sentence' ontbreekt" in line
               for line in lines)
    assert any(line.startswith("exercises/02_ander.yaml, veld 'lesson'") for line in lines)
    assert not any("bestaat niet" in line for line in lines)


def test_unknown_id_in_notebook(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_notebook(course, "01_test", "01-quiz", "01-herschrijf", "01-quizz")
    (line,) = check_lines(capsys, course)
    assert line.startswith("notebooks/01_test.ipynb, oefening '01-quizz', cel 5: deze oefening bestaat niet")
    assert "Bedoel je '01-quiz'?" in line


def test_orphaned_exercise(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_notebook(course, "01_test", "01-quiz")
    (line,) = check_lines(capsys, course)
    assert line.startswith("exercises/01_test.yaml, oefening '01-herschrijf': geen notebook toont deze oefening")
    assert 'show_exercise("01-herschrijf")' in line


def test_exercise_shown_twice_or_in_another_lesson(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_notebook(course, "01_test", "01-quiz", "01-herschrijf", "01-quiz")
    write_notebook(course, "02_ander", "01-herschrijf")
    lines = check_lines(capsys, course)
    assert any("oefening '01-quiz', cel 5: deze oefening wordt al getoond in notebooks/01_test.ipynb (cel 3)" in line
               for line in lines)
    assert any(line.startswith("notebooks/02_ander.ipynb, oefening '01-herschrijf'") for line in lines)


def test_notebook_with_output(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = course / "notebooks" / "01_test.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    cell = notebook["cells"][2]
    cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["hallo\n"]}]
    cell["execution_count"] = 3
    path.write_text(json.dumps(notebook), encoding="utf-8")
    (line,) = check_lines(capsys, course)
    assert line.startswith("notebooks/01_test.ipynb: cel 3 heeft uitvoer") and "--clear-output" in line


def test_twin_mismatch_and_missing_twin(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(course / "notebooks" / "01_test.md", "# 01 Test", "# 01 Test, aangepast")
    (line,) = check_lines(capsys, course)
    assert line.startswith("notebooks/01_test.ipynb: de tweeling notebooks/01_test.md wijkt af")
    assert "eerste verschil: cel 1" in line and "jupytext --sync" in line
    (course / "notebooks" / "01_test.md").unlink()
    (line,) = check_lines(capsys, course)
    assert "de leesbare tweeling notebooks/01_test.md ontbreekt" in line


def test_cells_must_be_collapsed_after_a_visible_setup(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    twin = course / "notebooks" / "01_test.md"
    edit(twin, "---\njupyter:\n  source_hidden: true\n---\nshow_exercise(\"01-quiz\")", 'show_exercise("01-quiz")')
    jupytext.write(jupytext.read(twin), twin.with_suffix(".ipynb"), fmt="ipynb")
    (line,) = check_lines(capsys, course)
    assert line.startswith("notebooks/01_test.ipynb, oefening '01-quiz', cel 3: deze codecel is niet ingeklapt")


def test_failing_example(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(course / "exercises" / "01_test.yaml", "expect: niet_verbeterd", "expect: verbeterd")
    (line,) = check_lines(capsys, course)
    assert line.startswith("exercises/01_test.yaml, oefening '01-herschrijf', veld 'examples': voorbeeld 2: "
                           "verwacht 'verbeterd', de feedback zegt 'niet_verbeterd' (")
    assert "'helaas'" in line


def test_examples_schema(course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = course / "exercises" / "01_test.yaml"
    edit(path, "expect: niet_verbeterd", "expect: gesloten")
    edit(path, "    correct: b\n", "    correct: b\n    examples:\n      - {answer: Ja, expect: goed}\n")
    lines = check_lines(capsys, course)
    assert lines[0] == ("exercises/01_test.yaml, oefening '01-quiz', veld 'examples': type single_choice heeft geen "
                        "automatische feedback om te testen; voorbeelden kunnen bij: "
                        + ", ".join(example_types()) + ".")
    assert lines[1] == ("exercises/01_test.yaml, oefening '01-herschrijf', veld 'examples': voorbeeld 2, 'expect': "
                        "'gesloten' is niet toegestaan bij type rewrite; kies uit: verbeterd, niet_verbeterd.")


def test_problem_line_and_check_course(course: Path) -> None:
    assert check_course(course) == []
    problem = Problem("exercises/02_x.yaml", "02-y", "z", "dit klopt niet.")
    assert problem.line() == "exercises/02_x.yaml, oefening '02-y', veld 'z': dit klopt niet."
    assert Problem("notebooks/01.ipynb", message="leeg.", place="cel 2").line() == "notebooks/01.ipynb, cel 2: leeg."


def test_every_type_with_examples_has_a_judge() -> None:
    assert set(example_types()) == {"rewrite", "question_practice", "reflection", "reply", "lsd_practice"}
    assert all(registry.get(kind).verdicts for kind in example_types())


# --------------------------------------------------------------------------- nieuw
@pytest.mark.parametrize("kind", registry.names())
def test_new_template_round_trips(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "nieuw", kind)
    assert code == 0
    with pytest.raises(ContentError, match="veld 'id'"):  # the teacher still has to fill in the id
        parse_exercise(yaml.safe_load(out)[0], lesson="09_test", source="nieuw.yaml", position=1)
    (item,) = yaml.safe_load(out.replace("- id: ''", "- id: 09-nieuw"))
    exercise = parse_exercise(item, lesson="09_test", source="nieuw.yaml", position=1)
    assert exercise.id == "09-nieuw" and exercise.type == kind
    assert examples.run_examples(exercise) == []
    assert bool(exercise.examples) == (kind in example_types())
    for spec in registry.get(kind).fields:
        assert f"# {spec.name} (" in out, f"{spec.name} has no explanation in the template"


def test_new_with_id_and_descriptions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "nieuw", "rewrite", "--id", "02-herschrijf-5")
    assert code == 0 and out == render_template("rewrite", exercise_id="02-herschrijf-5")
    assert "  - id: 02-herschrijf-5\n" in out
    assert "# sentence (verplicht): de negatieve zin die de student positief herschrijft" in out
    assert "expect is een van: verbeterd, niet_verbeterd" in out
    assert set(template_samples()) == set(registry.names())


def test_new_unknown_type_lists_the_allowed_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "nieuw", "meerkeuze")
    assert code == 2 and out == ""
    assert err.startswith("Onbekend oefentype 'meerkeuze'. Kies uit: ") and "rewrite" in err and "reply" in err
    code, out, _ = run(capsys, "nieuw")
    assert code == 0 and "rewrite" in out and "herschrijven in positieve taal" in out


# --------------------------------------------------------------------------- export and overzicht
def answers_file(folder: Path, name: str) -> Path:
    doc = empty_document()
    doc["answers"]["01-open-vraag-stellen"] = {"value": {"text": "Hoe plant u de werkplaats?"}, "saved": "2025-01-01"}
    path = folder / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", ["html", "md"])
def test_export_smoke(suffix: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = answers_file(tmp_path, "Sanne de Vries.json")
    out = tmp_path / f"portfolio.{suffix}"
    code, printed, err = run(capsys, "export", str(source), "--format", suffix, "-o", str(out), "--cursus", str(REPO))
    assert code == 0, err
    assert out.is_file() and "Sanne de Vries" in out.read_text(encoding="utf-8")
    assert printed.startswith(f"Portfolio ({suffix}) geschreven naar {out}")


def test_export_of_a_broken_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "antwoorden.json"
    source.write_text("{kapot", encoding="utf-8")
    code, _, err = run(capsys, "export", str(source), "-o", str(tmp_path / "p.html"))
    assert code == 1 and err.strip() == ("antwoorden.json is beschadigd (geen geldige JSON). Vraag de student het bestand opnieuw "
                                      "te downloaden.")
    assert not (tmp_path / "p.html").exists()


def test_overview_smoke(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "klas"
    folder.mkdir()
    answers_file(folder, "Sanne.json")
    answers_file(folder, "Daan.json")
    (folder / "Kapot.json").write_text("[]", encoding="utf-8")
    out = tmp_path / "overzicht.html"
    code, printed, err = run(capsys, "overzicht", str(folder), "-o", str(out))
    assert code == 0, err
    page = out.read_text(encoding="utf-8")
    assert "Sanne" in page and "Daan" in page
    assert "Overgeslagen: Kapot.json kan niet worden gebruikt" in printed
    assert printed.strip().splitlines()[-1] == (f"Klassenoverzicht geschreven naar {out}: 2 studenten; 1 bestand "
                                                "overgeslagen.")


def test_overview_csv_gives_the_share_per_intake_topic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from cursuslib.simulator import Conversation

    folder = tmp_path / "klas"
    folder.mkdir()
    for name, lines in (("Sanne.json", ["Hoe maken klanten nu een afspraak voor een reparatie?"]),
                        ("Daan.json", ["Maken klanten nu afspraken via de telefoon?"])):
        conv = Conversation.from_exercise("01-intake")
        for line in lines:
            conv.say(line)
        doc = empty_document()
        doc["answers"]["01-intake"] = {"value": {"turns": [t.saved() for t in conv.turns]}, "saved": "2025-01-01"}
        (folder / name).write_text(json.dumps(doc), encoding="utf-8")
    out, table = tmp_path / "overzicht.html", tmp_path / "onderwerpen.csv"
    code, printed, err = run(capsys, "overzicht", str(folder), "-o", str(out), "--csv", str(table))
    assert code == 0, err
    rows = table.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].startswith("oefening;onderwerp;omschrijving;gevonden")
    row = next(line for line in rows if line.startswith("01-intake;huidige-werkwijze;"))
    assert row.endswith(";1;1;0;2") and "onderwerpen.csv" in printed
    assert "Intakegesprekken" in out.read_text(encoding="utf-8")
    # A CSV name that is one of the answers files is refused: nothing is overwritten.
    code, _, err = run(capsys, "overzicht", str(folder), "-o", str(out), "--csv", str(folder / "Sanne.json"))
    assert code == 1 and "antwoordenbestand" in err and json.loads((folder / "Sanne.json").read_text())["answers"]


def test_overview_of_an_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "overzicht", str(tmp_path), "-o", str(tmp_path / "o.html"))
    assert code == 1 and "geen antwoordenbestanden" in err


# --------------------------------------------------------------------------- the command itself
def test_dutch_usage_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and out.startswith("gebruik: cursus") and "toon deze hulp en stop" in out
    code, _, err = run(capsys, "export", "antwoorden.json")
    assert code == 2 and "fout: dit ontbreekt nog: -o/--uit" in err
    code, out, _ = run(capsys)
    assert code == 2 and "opdrachten:" in out


def test_installed_console_script() -> None:
    script = Path(sys.executable).parent / "cursus"
    if not script.exists():
        pytest.skip("het commando 'cursus' is niet geïnstalleerd: draai `.venv/bin/pip install -e .`")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert textwrap.dedent(result.stdout).startswith("gebruik: cursus")
    for command in ("check", "export", "overzicht", "nieuw"):
        assert command in result.stdout


# --------------------------------------------------------------------------- the teachers' guide
GUIDE = REPO / "docs" / "docent.md"
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_guide_commands_parse(capsys: pytest.CaptureFixture[str]) -> None:
    commands = [line.strip() for _, block in BLOCKS for line in block.splitlines() if line.strip().startswith("cursus ")]
    assert len(commands) >= 5
    for command in commands:
        argv = shlex.split(command)[1:]
        if "--help" in argv:
            assert run(capsys, *argv)[0] == 0, command
        else:
            assert build_parser().parse_args(argv).command, command


def test_guide_exercise_example_passes() -> None:
    items = [textwrap.dedent(block) for kind, block in BLOCKS if kind == "yaml" and "- id:" in block]
    assert items
    for text in items:
        (item,) = yaml.safe_load(text)
        exercise = parse_exercise(item, lesson="02_test", source="docent.md", position=1)
        tried, problems = spec_of(exercise).content_tests(exercise)  # an intake tests its topics' lines
        assert (exercise.examples or tried) and examples.run_examples(exercise) == [] and problems == []


def test_guide_sample_output_matches_the_real_format(capsys: pytest.CaptureFixture[str]) -> None:
    shown = [line for _, block in BLOCKS for line in block.splitlines() if line.startswith("Alles in orde: ")]
    _, out, _ = run(capsys, "check", str(REPO))
    pattern = re.sub(r"\d+", r"\\d+", re.escape(shown[0]))
    assert re.fullmatch(pattern, out.splitlines()[-1])
