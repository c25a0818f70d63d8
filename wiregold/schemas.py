"""The JSON Schemas, loaded once, and the two ways of checking a document against one.

A fast yes/no check (:mod:`wiregold.fastschema`) runs first; ``jsonschema`` runs only to
explain a document that fails it, so every message and pointer is jsonschema's own.
Both treat ``integer`` strictly: JSON Schema counts 1.0 as an integer, but an offset of
1.0 would break slicing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wiregold import paths

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

DOCUMENT = paths.SCHEMA_FILE
PREDICTION = "schema/prediction.schema.json"


def _path(name: str) -> Path:
    return paths.data_root() / name


@cache
def load(name: str) -> dict[str, Any]:
    """The parsed schema ``name`` (a path relative to the data root, e.g. :data:`DOCUMENT`)."""
    return json.loads(_path(name).read_text(encoding="utf-8"))


@cache
def fast_check(name: str) -> Callable[[Any], bool]:
    from wiregold.fastschema import compile_schema

    return compile_schema(load(name))


@cache
def strict_validator(name: str) -> Draft202012Validator:
    # Imported here: jsonschema is needed only to explain a failed fast check.
    from jsonschema import Draft202012Validator, validators

    schema = load(name)
    Draft202012Validator.check_schema(schema)
    strict = Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _, v: type(v) is int)
    return validators.extend(Draft202012Validator, type_checker=strict)(schema)


def errors(name: str, instance: Any) -> list[ValidationError]:
    """Every schema error of ``instance``, sorted by location; none when it is valid."""
    if fast_check(name)(instance):
        return []
    found = strict_validator(name).iter_errors(instance)
    return sorted(found, key=lambda e: [str(p) for p in e.absolute_path])
