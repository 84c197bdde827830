"""The JSON Schema of exercise files for editors (VS Code with the YAML extension), built from the declared fields.

``cursus schema`` writes it next to the exercise files (:data:`SCHEMA_NAME`); a file that starts with
:data:`MODELINE` then gets completion of field names, each field's Dutch description on hover, and
a red line under an unknown field, a missing one or an unknown type, while the teacher types.

Nothing here is listed by hand: the top of a file comes from ``content.FILE_FIELDS``, the fields
of every exercise from ``content.COMMON_FIELDS`` and each registered type's ``fields``, and a
value's shape from what its check declares with :func:`cursuslib.schema.shaped` (a check without a
shape accepts any value here). The loader stays the judge: ``cursus check`` finds everything the
schema finds and more (references between exercises, content tests).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from . import registry
from .content import COMMON_FIELDS, FILE_FIELDS, example_types
from .schema import ID_PATTERN, TEXT_SHAPE, Field

#: File name of the schema, in the folder with the exercise files.
SCHEMA_NAME = "oefeningen.schema.json"
#: First line of an exercise file: tells the YAML extension which schema applies (a path relative to the file).
MODELINE = f"# yaml-language-server: $schema={SCHEMA_NAME}"
#: Draft 7: the version the YAML extension for VS Code supports best.
DIALECT = "http://json-schema.org/draft-07/schema#"
#: Put in every generated schema; ``cursus schema`` only overwrites a file that carries it.
MARK = "Gemaakt door 'cursus schema' uit de velden van de oefentypen; niet met de hand aanpassen."

#: Names of the shared definitions (a type with such a name would clash with them).
EXERCISE, TEXTS = "oefening", "teksten"


def shape_of(spec: Field) -> dict[str, Any]:
    """The JSON Schema of one field: its check's declared shape, its description and its default."""
    shape = dict(getattr(spec.check, "json_shape", {}))
    shape["description"] = spec.description
    if not spec.required and isinstance(spec.default, (str, int, float)):
        shape["default"] = spec.default
    return shape


def _examples(kind: Any) -> dict[str, Any]:
    """``examples`` of a type whose feedback can be tested: answer and one of the type's verdicts."""
    return {
        "type": ["array", "null"],
        "minItems": 1,
        "items": {
            "type": "object",
            "properties": {
                "answer": {**TEXT_SHAPE, "description": "een antwoord zoals een student het zou geven"},
                "expect": {"enum": list(kind.verdicts), "description": "de feedback die dit antwoord moet krijgen"},
            },
            "required": ["answer", "expect"],
            "additionalProperties": False,
        },
    }


def exercise_schema(kind: Any) -> dict[str, Any]:
    """The fields of one exercise of type ``kind``: the common ones and the type's own, and no others."""
    testable = kind.name in example_types()
    properties: dict[str, Any] = {}
    required: list[str] = []
    for spec in (*COMMON_FIELDS, *kind.fields):
        if spec.name == "examples" and not testable:
            continue  # the loader refuses examples for a type whose feedback it cannot test
        shape = shape_of(spec)
        if spec.name == "id":  # the loader checks id and type itself, before the fields
            shape.update(type="string", pattern=ID_PATTERN.pattern)
        elif spec.name == "type":
            shape = {"const": kind.name, "description": f"{kind.label}: {kind.description}"}
        elif spec.name == "examples":
            shape.update(_examples(kind))
        elif spec.name == "texts":
            shape = {"allOf": [{"$ref": f"#/definitions/{TEXTS}"}], "description": spec.description}
        properties[spec.name] = shape
        if spec.required:
            required.append(spec.name)
    return {"title": f"{kind.label} ({kind.name})", "description": kind.description, "type": "object",
            "properties": properties, "required": required, "additionalProperties": False}


def _texts() -> dict[str, Any]:
    """``texts``: keys from the text catalogue, each with one text or one per language.

    Only the keys, not the standard texts: rewording a text then needs no new schema.
    """
    from .messages import LANGUAGES, catalogue

    text = {"type": "string", "pattern": TEXT_SHAPE["pattern"]}
    return {
        "type": "object",
        "description": "eigen teksten voor deze oefening, met sleutels uit src/cursuslib/teksten/nl.yaml",
        "propertyNames": {"enum": sorted(catalogue(LANGUAGES[0]))},
        "additionalProperties": {"anyOf": [
            text,
            {"type": "object", "propertyNames": {"enum": list(LANGUAGES)}, "additionalProperties": text},
        ]},
    }


def build_schema() -> dict[str, Any]:
    """The whole schema of an exercise file, for every registered type."""
    kinds: Mapping[str, Any] = registry.types()
    clash = {EXERCISE, TEXTS} & set(kinds)
    if clash:
        raise ValueError(f"an exercise type may not be called {', '.join(sorted(clash))} (a name in the schema)")
    definitions: dict[str, Any] = {name: exercise_schema(kind) for name, kind in kinds.items()}
    id_field, type_field = (next(spec for spec in COMMON_FIELDS if spec.name == name) for name in ("id", "type"))
    definitions[EXERCISE] = {
        "description": "één oefening: 'type' bepaalt welke velden er verder bij horen",
        "type": "object",
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN.pattern, "description": id_field.description},
            "type": {"enum": list(kinds), "description": f"{type_field.description}: " + ", ".join(kinds)},
        },
        "required": ["id", "type"],
        "allOf": [{"if": {"properties": {"type": {"const": name}}, "required": ["type"]},
                   "then": {"$ref": f"#/definitions/{name}"}} for name in kinds],
    }
    definitions[TEXTS] = _texts()
    properties = {spec.name: shape_of(spec) for spec in FILE_FIELDS}
    properties["exercises"]["items"] = {"$ref": f"#/definitions/{EXERCISE}"}
    return {
        "$schema": DIALECT,
        "$comment": MARK,
        "title": "Oefenbestand van de cursus Klantgesprekken (exercises/<les>.yaml)",
        "type": "object",
        "properties": properties,
        "required": [spec.name for spec in FILE_FIELDS if spec.required],
        "additionalProperties": False,
        "definitions": definitions,
    }


def render_schema() -> str:
    """The schema as the text of the file: stable (sorted keys), readable, ending in a newline."""
    return json.dumps(build_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def is_generated(text: str) -> bool:
    """True when ``text`` is a schema that ``cursus schema`` wrote (only such a file may be overwritten)."""
    try:
        found = json.loads(text)
    except ValueError:
        return False
    return isinstance(found, dict) and "'cursus schema'" in str(found.get("$comment"))
