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
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wiregold import paths, schemas
from wiregold.canonical import FORMAT_HINT, LAYERS, canonical_bytes, first_difference
from wiregold.checks import SemanticChecks
from wiregold.jsonio import JsonError, ParsedJson, parse_json_bytes, read_bytes
from wiregold.problems import JsonPath, Problem, ValidationReport, json_pointer, shorten

if TYPE_CHECKING:
    from jsonschema import ValidationError

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


def _show(value: Any) -> str:
    """``value`` as JSON when it is (an in-memory value may not be)."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return repr(value)


def _required_alternatives(error: ValidationError) -> list[tuple[str, ...]] | None:
    """For an anyOf/oneOf that failed only for missing keys: the key sets that would do."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return None
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    found: list[tuple[str, ...]] = []
    for errors in branches.values():
        if all(e.validator == "required" and not e.relative_path for e in errors):
            found.append(tuple(errors[0].validator_value))
            continue
        nested = _required_alternatives(errors[0]) if len(errors) == 1 else None
        if nested is None:
            return None
        found.extend(nested)
    return found


def describe_schema_error(error: ValidationError) -> tuple[JsonPath, str, str]:
    """``(path, message, expected)`` for a JSON Schema error, made specific.

    jsonschema reports a failed ``anyOf``/``oneOf`` as "... is not valid under any of the
    given schemas"; say instead which keys are missing, or report the error of the one
    alternative the value's type fits (a ``null``-or-span that is a broken span).
    """
    path = tuple(error.absolute_path)
    alternatives = _required_alternatives(error)
    if alternatives is not None:
        keys = sorted(error.instance) if isinstance(error.instance, dict) else []
        message = f"missing keys; found keys: {', '.join(keys) or 'none'}"
        return path, message, "keys " + ", or ".join(" and ".join(a) for a in alternatives)
    if error.validator in ("anyOf", "oneOf") and error.context:
        branches: dict[Any, list[ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        fitting = [
            errors
            for errors in branches.values()
            if not any(e.validator == "type" and not e.relative_path for e in errors)
        ]
        if len(fitting) == 1:  # only one alternative has the value's type: its error
            return describe_schema_error(fitting[0][0])
        if not fitting:
            types = [e.validator_value for e in error.context if e.validator == "type"]
            names = [t for value in types for t in ([value] if isinstance(value, str) else value)]
            found = shorten(text=_show(error.instance), limit=60)
            wanted = " or ".join(dict.fromkeys(names))
            return path, f"wrong type; found {found}", f"type {wanted}"
    # The value as JSON (null, "1"), not as jsonschema's Python repr (None, '1').
    found = shorten(text=_show(error.instance), limit=60)
    if error.validator == "type":
        return path, f"wrong type; found {found}", _expected("type", error.validator_value)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        # Name the keys the schema has: an LLM's "confidence", or a wrapper object, is
        # told the layout it should have.
        known = list(error.schema.get("properties", {}))
        extra = [key for key in error.instance if key not in known]
        if extra and known:
            listed = ", ".join(json.dumps(key, ensure_ascii=False) for key in extra)
            return (
                path,
                f"unknown key{'s' if len(extra) > 1 else ''} {listed}",
                ("only the keys " + ", ".join(known)),
            )
    if error.validator == "enum":
        return (
            path,
            f"not an allowed value; found {found}",
            _expected("enum", error.validator_value),
        )
    message = shorten(text=error.message)
    return path, message, _expected(error.validator, error.validator_value)


class _FileCheck:
    """Collects the problems of one document, locating each by the line of its item."""

    def __init__(
        self, *, doc: Any, file: str, parsed: ParsedJson | None, data_root: Path | None = None
    ) -> None:
        self.doc = doc
        self.data_root = data_root
        self.file = file
        self.parsed = parsed
        self.problems: list[Problem] = []
        self.bad_items: set[tuple[str, int]] = set()
        self.bad_keys: set[str] = set()
        self.schema_valid = False  # known once schema() ran

    def report(self, path: JsonPath, message: str, expected: str | None = None) -> None:
        line = self.parsed.line_of(path) if self.parsed is not None else 1
        self.problems.append(Problem(self.file, json_pointer(path=path), message, expected, line))

    def schema(self) -> None:
        errors = schemas.errors(schemas.DOCUMENT, self.doc)
        self.schema_valid = not errors
        for error in errors:
            path, message, expected = describe_schema_error(error)
            self.report(path, message, expected)
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
                schema_valid=self.schema_valid,
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
            data = _read_seed(paths.resolve_data_file(relative=name, root=self.data_root))
        except ValueError as err:
            self.report(at, str(err), "a path such as seeds/<doc_id>.txt")
            return
        except OSError as err:
            root = paths.data_root() if self.data_root is None else self.data_root
            self.report(
                at,
                f"cannot read seed file {name!r}: {err.strerror or err} (looked in {root})",
                f"{name} under {root}; for a corpus outside the package, --data-root DIR "
                "(the directory that holds its seeds/)",
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
            if b"\r" in raw:  # gold files are LF-only: say so rather than "differs"
                line = raw[: raw.index(b"\r")].count(b"\n") + 1
                message = "not in canonical format: found a CR (\\r) line end, gold files use LF; "
            else:
                message = f"not in canonical format (first difference at line {line}); "
            message += FORMAT_HINT.format(file=self.file)
            self.problems.append(Problem(self.file, "", message, "canonical formatting", line))

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: p.line)


# Bounded: documents that share a seed (the annotators' files) come together, and a corpus
# of 100,000 documents must not keep every seed in memory.
@lru_cache(maxsize=16)
def _read_seed(path: Path) -> bytes:
    return path.read_bytes()


def validate_document(
    *, doc: Any, file: str = "<document>", data_root: Path | None = None
) -> list[Problem]:
    """Problems of a parsed document, without the file-level checks (name, format);
    ``data_root``: where its seed file is looked up (default: the package data)."""
    check = _FileCheck(doc=doc, file=file, parsed=None, data_root=data_root)
    check.schema()
    check.semantics()
    check.seed()
    return check.sorted_problems()


def validate_bytes(
    *,
    data: bytes,
    file: str,
    stem: str | None = None,
    check_format: bool = True,
    data_root: Path | None = None,
) -> list[Problem]:
    """Problems of a document file's content; ``stem`` enables the file-name check.

    ``check_format=False`` skips the canonical-format check (the gold of a score ignores
    formatting: rendering canonical bytes is a third of the cost of a valid file).
    ``data_root`` is where ``metadata.source.seed_file`` is looked up (default: the
    package data), for corpora built on this schema outside the package.
    """
    return checked_bytes(
        data=data, file=file, stem=stem, check_format=check_format, data_root=data_root
    )[0]


def checked_bytes(
    *,
    data: bytes,
    file: str,
    stem: str | None = None,
    check_format: bool = True,
    data_root: Path | None = None,
) -> tuple[list[Problem], Any]:
    """:func:`validate_bytes`, and the parsed document (None when it is not JSON), so that
    a caller that goes on to use the document does not parse it twice."""
    try:
        parsed = parse_json_bytes(data=data, source=file)
    except JsonError as err:
        return [err.problem()], None
    check = _FileCheck(doc=parsed.value, file=file, parsed=parsed, data_root=data_root)
    check.schema()
    check.semantics()
    check.seed()
    if stem is not None:
        check.file_name(stem)
    if check_format:
        check.canonical_format(data)
    return check.sorted_problems(), parsed.value


def validate_file(*, path: Path, data_root: Path | None = None) -> list[Problem]:
    """Problems of one document file; an unreadable or too large file is a problem too."""
    try:
        data = read_bytes(path=path)
    except JsonError as err:
        return [err.problem()]
    return validate_bytes(data=data, file=str(path), stem=path.stem, data_root=data_root)


def _validate_chunk(files: Sequence[Path], *, data_root: Path | None) -> list[Problem]:
    # Top level: run in worker processes by --jobs.
    return [problem for path in files for problem in validate_file(path=path, data_root=data_root)]


def validate_paths(
    *, files: Sequence[Path], data_root: Path | None = None, jobs: int = 1
) -> ValidationReport:
    """Validate document files (directories expanded already: :func:`wiregold.paths.expand`).

    ``jobs`` > 1 validates contiguous chunks of ``files`` in that many processes; the
    problems come back in file order, as with one process.
    """
    from wiregold.parallel import chunked, map_chunks

    chunks = chunked(list(files), jobs=jobs)
    found = map_chunks(_validate_chunk, chunks, jobs=jobs, data_root=data_root)
    problems = [problem for chunk in found for problem in chunk]
    return ValidationReport([str(f) for f in files], problems)
