"""The editor's JSON Schema: built from the declared fields, committed up to date, and refusing what the loader refuses."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import jsonschema
import pytest
import yaml

from cursuslib import registry
from cursuslib.cli import main
from cursuslib.content import COMMON_FIELDS, ContentError, example_types, load_lesson
from cursuslib.editor_schema import MODELINE, SCHEMA_NAME, build_schema, render_schema
from cursuslib.schema import Field, clock, exercise_id, key, one_of, optional_text, text, text_list, whole_number
from cursuslib.types.base import ExerciseType

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "exercises" / SCHEMA_NAME
FILES = sorted((REPO / "exercises").glob("*.yaml"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = build_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def problems(validator: jsonschema.Draft7Validator, doc: Any) -> list[str]:
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(doc)]


# --------------------------------------------------------------------------- the committed file
def test_the_committed_schema_is_up_to_date() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == render_schema(), (
        f"exercises/{SCHEMA_NAME} loopt niet gelijk met de velden van de oefentypen: draai 'cursus schema' in de "
        "cursusmap en zet het nieuwe bestand mee in de commit.")


def test_rendering_is_stable() -> None:
    assert render_schema() == render_schema()


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_exercise_file_names_the_schema_and_passes_it(path: Path, validator: jsonschema.Draft7Validator) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == MODELINE
    assert problems(validator, yaml.safe_load(text)) == []


# --------------------------------------------------------------------------- a wrong file fails
def exercise_of(doc: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(item for item in doc["exercises"] if item["type"] == kind)


MUTATIONS: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "wrong field name": (lambda doc: exercise_of(doc, "rewrite").update(titel="Herschrijf"),
                         "'titel' was unexpected"),
    "field of another type": (lambda doc: exercise_of(doc, "rewrite").update(question="Welke vraag?"),
                              "'question' was unexpected"),
    "wrong type of value": (lambda doc: exercise_of(doc, "rewrite").update(sentence=["een", "lijst"]),
                            "is not of type 'string', 'number'"),
    "number out of range": (lambda doc: exercise_of(doc, "reflection").update(min_words=5000),
                            "is greater than the maximum of 1000"),
    "unknown exercise type": (lambda doc: exercise_of(doc, "rewrite").update(type="herschrijven"),
                              "'herschrijven' is not one of ['dialogue'"),
    "missing required field": (lambda doc: exercise_of(doc, "rewrite").pop("model_answer"),
                               "'model_answer' is a required property"),
    "missing type": (lambda doc: exercise_of(doc, "rewrite").pop("type"), "'type' is a required property"),
    "bad id": (lambda doc: exercise_of(doc, "rewrite").update(id="02 Herschrijf"), "does not match"),
    "unknown verdict in examples": (lambda doc: exercise_of(doc, "rewrite")["examples"][0].update(expect="goed"),
                                    "'goed' is not one of ['verbeterd', 'niet_verbeterd']"),
    "examples on a type without feedback tests": (
        lambda doc: exercise_of(doc, "single_choice").update(examples=[{"answer": "a", "expect": "goed"}]),
        "'examples' was unexpected"),
    "unknown text key": (lambda doc: exercise_of(doc, "rewrite").update(texts={"common.knop": "Nakijken"}),
                         "'common.knop' is not one of"),
    "unknown field at the top": (lambda doc: doc.update(les="02"), "'les' was unexpected"),
    "wrong schema version": (lambda doc: doc.update(schema_version=2), "1 was expected"),
    "no exercises": (lambda doc: doc.update(exercises=[]), "should be non-empty"),
}


@pytest.mark.parametrize("name", MUTATIONS)
def test_a_wrong_file_fails_the_schema_and_the_loader(name: str, validator: jsonschema.Draft7Validator,
                                                      tmp_path: Path) -> None:
    source = REPO / "exercises" / "02_klantcontact_eigenschappen.yaml"
    doc = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert problems(validator, doc) == []
    mutate, expected = MUTATIONS[name]
    wrong = copy.deepcopy(doc)
    mutate(wrong)
    found = problems(validator, wrong)
    assert found and any(expected in problem for problem in found), found
    path = tmp_path / source.name  # the loader refuses the same file: the schema only says it sooner
    path.write_text(yaml.safe_dump(wrong, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(ContentError):
        load_lesson(path)


# --------------------------------------------------------------------------- built from the declarations
def test_every_type_has_exactly_its_declared_fields() -> None:
    definitions = build_schema()["definitions"]
    for name, kind in registry.types().items():
        declared = [spec for spec in (*COMMON_FIELDS, *kind.fields)
                    if spec.name != "examples" or name in example_types()]
        found = definitions[name]
        assert list(found["properties"]) == [spec.name for spec in declared], name
        assert found["required"] == [spec.name for spec in declared if spec.required], name
        assert found["additionalProperties"] is False
        for spec in declared:
            if spec.name not in ("type", "texts"):
                assert found["properties"][spec.name]["description"] == spec.description


def test_a_new_type_appears_without_touching_the_schema_code(validator: jsonschema.Draft7Validator) -> None:
    class Pitch(ExerciseType[Any]):
        name = "pitch_test"
        label = "Pitch"
        description = "een korte pitch"
        fields: ClassVar[tuple[Field, ...]] = (
            Field("tone", "de toon van de pitch", one_of(("vriendelijk", "zakelijk"))),
            Field("seconds", "hoe lang de pitch mag duren", whole_number(10, 120), required=False, default=60),
        )

    registry.register(Pitch)
    try:
        schema = build_schema()
    finally:
        registry.unregister("pitch_test")
    own = schema["definitions"]["pitch_test"]
    assert own["properties"]["tone"]["enum"] == ["vriendelijk", "zakelijk"]
    assert own["properties"]["seconds"] == {"type": "integer", "minimum": 10, "maximum": 120, "default": 60,
                                            "description": "hoe lang de pitch mag duren"}
    assert "pitch_test" in schema["definitions"]["oefening"]["properties"]["type"]["enum"]
    pitch = {"id": "09-pitch", "type": "pitch_test", "title": "Pitch", "tone": "zakelijk"}
    doc = {"schema_version": 1, "lesson": "09_pitch", "title": "Pitch", "exercises": [pitch]}
    assert problems(jsonschema.Draft7Validator(schema), doc) == []
    assert problems(jsonschema.Draft7Validator(schema), {**doc, "exercises": [{**pitch, "tone": "boos"}]})
    assert problems(validator, doc)  # the committed schema does not know the type


#: Values a teacher may write, for each helper: the helper's check and its declared shape must agree on every one.
SAMPLES: list[Any] = ["Goedemorgen", "  ", "", "a b", "abc_1", "x" * 21, 0, 7, -1, 2.5, 900, 10**20, True, False,
                      None, [], ["a"], ["a", ""], {}, {"a": 1}, "15:00", "9.30", "25:00", "01-quiz", "01--quiz",
                      "vriendelijk", "friendly"]


@pytest.mark.parametrize(("name", "check"), [
    ("text", text), ("optional_text", optional_text), ("text_list", text_list), ("clock", clock),
    ("key", key()), ("key(numbers)", key(numbers=True)), ("exercise_id", exercise_id()),
    ("whole_number", whole_number(0, 1000)), ("one_of", one_of(("vriendelijk", "zakelijk"))),
    ("one_of(aliases)", one_of(("vriendelijk",), aliases={"friendly": "vriendelijk"})),
])
def test_each_helper_shape_agrees_with_its_check(name: str, check: Any) -> None:
    shape = jsonschema.Draft7Validator(check.json_shape)
    for value in SAMPLES:
        try:
            check(value, {})
            accepted = True
        except Exception:  # noqa: BLE001 - the helper's FieldError; any refusal counts
            accepted = False
        assert shape.is_valid(value) == accepted, f"{name}: {value!r}"


# --------------------------------------------------------------------------- cursus nieuw and cursus schema
@pytest.mark.parametrize("kind", registry.names())
def test_a_new_template_names_the_schema_and_passes_it(kind: str, validator: jsonschema.Draft7Validator,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nieuw", kind, "--id", "09-nieuw"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == MODELINE
    doc = yaml.safe_load(f"schema_version: 1\nlesson: 09_nieuw\ntitle: Nieuw\nexercises:\n{out}")
    assert problems(validator, doc) == []


def test_cursus_schema_writes_the_file_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "exercises").mkdir()
    assert main(["schema", "--cursus", str(tmp_path)]) == 0
    written = tmp_path / "exercises" / SCHEMA_NAME
    assert written.read_text(encoding="utf-8") == render_schema()
    assert f"oefentypen, {len(render_schema().encode()) // 1024} kB" in capsys.readouterr().out
    os.utime(written, ns=(1, 1))
    assert main(["schema", "--cursus", str(tmp_path)]) == 0
    assert "al bijgewerkt" in capsys.readouterr().out and written.stat().st_mtime_ns == 1  # left alone
    written.write_text('{"$comment": "Gemaakt door \'cursus schema\', oud"}', encoding="utf-8")
    assert main(["schema", "--cursus", str(tmp_path), "-o", str(written)]) == 0
    assert written.read_text(encoding="utf-8") == render_schema()  # an older schema is replaced
    out = tmp_path / "elders.json"
    assert main(["schema", "--cursus", str(tmp_path), "-o", str(out)]) == 0
    assert "$schema=../elders.json" in capsys.readouterr().out


@pytest.mark.parametrize(("name", "data", "message"), [
    ("antwoorden.json", b'{"answers": {}}', "bestaat al en is geen schema van 'cursus schema'"),
    ("kapot.json", b"\xff\xfe", "bestaat al en is geen schema van 'cursus schema'"),
    ("01_les.yaml", None, "lijkt een cursusbestand (.yaml)"),
    ("les.ipynb", None, "lijkt een cursusbestand (.ipynb)"),
    ("map", "folder", "is een map, geen gewoon bestand"),
    ("ontbreekt/schema.json", None, "De map"),
])
def test_cursus_schema_never_overwrites_another_file(name: str, data: Any, message: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / name
    if data == "folder":
        target.mkdir()
    elif data is not None:
        target.write_bytes(data)
    assert main(["schema", "-o", str(target)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and message in err and "Traceback" not in err
    if isinstance(data, bytes):
        assert target.read_bytes() == data
    assert sorted(path.name for path in tmp_path.iterdir()) == ([name] if data is not None else [])


def test_cursus_schema_without_a_course_asks_for_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["schema"]) == 1
    assert "geen map exercises/" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
