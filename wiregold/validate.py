"""Validation of gold document files.

Order of work for one file: strict JSON parsing (:mod:`wiregold.jsonio`), the JSON
Schema (every error, with its pointer), the semantic rules (:mod:`wiregold.checks`),
then the file-level checks: the text equals its seed file, the file name is the id, and
the bytes are in canonical format. Every problem is collected, none stops the others.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators

from wiregold import paths
from wiregold.canonical import FORMAT_HINT, LAYERS, canonical_bytes, first_difference
from wiregold.checks import SemanticChecks
from wiregold.jsonio import JsonError, ParsedJson, parse_json_bytes
from wiregold.problems import JsonPath, Problem, ValidationReport, json_pointer, shorten

__all__ = [
    "Problem",
    "ValidationReport",
    "load_inventory",
    "validate_bytes",
    "validate_document",
    "validate_file",
    "validate_paths",
]


@cache
def _schema_validator() -> Draft202012Validator:
    schema = json.loads(paths.schema_path().read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    # JSON Schema counts 1.0 as an integer; an offset of 1.0 would break slicing.
    strict = Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _, v: type(v) is int)
    return validators.extend(Draft202012Validator, type_checker=strict)(schema)


@cache
def load_inventory() -> dict[str, Any]:
    """``schema/inventory.json``: entity types -> subtypes, event types -> roles."""
    return json.loads(paths.inventory_path().read_text(encoding="utf-8"))


def _expected(keyword: str, value: Any) -> str:
    """What a failed JSON Schema keyword wanted, in words."""
    words = {
        "type": lambda v: "type " + (v if isinstance(v, str) else " or ".join(v)),
        "enum": lambda v: "one of " + ", ".join(json.dumps(x) for x in v),
        "const": json.dumps,
        "pattern": lambda v: f"a string matching {v}",
        "minimum": lambda v: f"a number >= {v}",
        "minLength": lambda v: f"at least {v} character(s)",
        "maxLength": lambda v: f"at most {v} characters",
        "minItems": lambda v: f"at least {v} item(s)",
        "required": lambda v: "keys " + ", ".join(v),
        "additionalProperties": lambda _: "only the properties defined by the schema",
        "uniqueItems": lambda _: "no repeated items",
        "oneOf": lambda _: "exactly one of the alternatives",
        "anyOf": lambda _: "one of the alternatives",
    }
    if keyword in words:
        return words[keyword](value)
    return shorten(text=f"{keyword}: {json.dumps(value)}", limit=120)


class _FileCheck:
    """Collects the problems of one document, locating each by the line of its item."""

    def __init__(self, *, doc: Any, file: str, parsed: ParsedJson | None) -> None:
        self.doc = doc
        self.file = file
        self.parsed = parsed
        self.problems: list[Problem] = []
        self.bad_items: set[tuple[str, int]] = set()
        self.bad_keys: set[str] = set()

    def report(self, path: JsonPath, message: str, expected: str | None = None) -> None:
        line = self.parsed.line_of(path) if self.parsed is not None else 1
        self.problems.append(Problem(self.file, json_pointer(path=path), message, expected, line))

    def schema(self) -> None:
        errors = _schema_validator().iter_errors(self.doc)
        for error in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
            path = tuple(error.absolute_path)
            self.report(
                path, shorten(text=error.message), _expected(error.validator, error.validator_value)
            )
            if path:
                self.bad_keys.add(str(path[0]))
            if len(path) >= 2 and path[0] in LAYERS:
                self.bad_items.add((str(path[0]), int(path[1])))

    def semantics(self) -> None:
        if isinstance(self.doc, dict):
            SemanticChecks(
                doc=self.doc,
                bad_items=self.bad_items,
                bad_keys=self.bad_keys,
                inventory=load_inventory(),
                report=self.report,
            ).run()

    def seed(self) -> None:
        """The text is the seed file's decoded content, and the recorded sha256 is right."""
        if (
            not isinstance(self.doc, dict)
            or "metadata" in self.bad_keys
            or "metadata" not in self.doc
        ):
            return
        source = self.doc["metadata"]["source"]
        name, at = source["seed_file"], ("metadata", "source", "seed_file")
        try:
            data = _read_seed(paths.resolve_data_file(relative=name))
        except ValueError as err:
            self.report(at, str(err), "a path such as seeds/<doc_id>.txt")
            return
        except OSError as err:
            self.report(
                at,
                f"cannot read seed file {name!r}: {err.strerror or err}",
                "a file under the data directory",
            )
            return
        digest = hashlib.sha256(data).hexdigest()
        if digest != source["seed_sha256"]:
            self.report(
                ("metadata", "source", "seed_sha256"), f"differs from the sha256 of {name}", digest
            )
        try:
            seed_text = data.decode("utf-8")
        except UnicodeDecodeError:
            self.report(at, f"seed file {name!r} is not valid UTF-8")
            return
        text = self.doc.get("text")
        if isinstance(text, str) and text != seed_text:
            pairs = zip(text, seed_text, strict=False)
            offset = next(
                (k for k, (a, b) in enumerate(pairs) if a != b), min(len(text), len(seed_text))
            )
            message = f"text differs from the seed file {name} at offset {offset}: "
            message += repr(text[offset : offset + 30])
            self.report(("text",), message, f"{seed_text[offset : offset + 30]!r}")

    def file_name(self, stem: str) -> None:
        doc_id = self.doc.get("id") if isinstance(self.doc, dict) else None
        if isinstance(doc_id, str) and "id" not in self.bad_keys and doc_id != stem:
            message = f"id {doc_id!r} differs from the file name {stem!r}"
            self.report(("id",), message, f"the file named {doc_id}.json")

    def canonical_format(self, raw: bytes) -> None:
        if not isinstance(self.doc, dict):
            return
        try:
            line = first_difference(actual=raw, expected=canonical_bytes(doc=self.doc))
        except ValueError as err:  # lone surrogates cannot be written as UTF-8
            self.report((), str(err), "valid Unicode text")
            return
        if line is not None:
            message = f"not in canonical format (first difference at line {line}); "
            message += FORMAT_HINT.format(file=self.file)
            self.problems.append(Problem(self.file, "", message, "canonical formatting", line))

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: p.line)


@cache
def _read_seed(path: Path) -> bytes:
    return path.read_bytes()


def validate_document(*, doc: Any, file: str = "<document>") -> list[Problem]:
    """Problems of a parsed document, without the file-level checks (name, format)."""
    check = _FileCheck(doc=doc, file=file, parsed=None)
    check.schema()
    check.semantics()
    check.seed()
    return check.sorted_problems()


def validate_bytes(*, data: bytes, file: str, stem: str | None = None) -> list[Problem]:
    """Problems of a document file's content; ``stem`` enables the file-name check."""
    try:
        parsed = parse_json_bytes(data=data, source=file)
    except JsonError as err:
        return [Problem(file, "", f"{err.message} (column {err.column})", None, err.line)]
    check = _FileCheck(doc=parsed.value, file=file, parsed=parsed)
    check.schema()
    check.semantics()
    check.seed()
    if stem is not None:
        check.file_name(stem)
    check.canonical_format(data)
    return check.sorted_problems()


def validate_file(*, path: Path) -> list[Problem]:
    """Problems of one document file; an unreadable file is a problem too."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return [Problem(str(path), "", f"cannot read file: {err.strerror or err}")]
    return validate_bytes(data=data, file=str(path), stem=path.stem)


def validate_paths(*, files: Sequence[Path]) -> ValidationReport:
    """Validate document files (directories expanded already: :func:`wiregold.paths.expand`)."""
    problems = [problem for path in files for problem in validate_file(path=path)]
    return ValidationReport([str(f) for f in files], problems)
