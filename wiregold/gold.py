"""The gold documents a score is computed against: read, validated, keyed by id.

A gold file must pass every check of ``wiregold validate`` except canonical formatting
(the gold hash of the signature is computed over canonical bytes, so formatting cannot
change a score). The file name need not be the document id. The same document id in two
files (say ``corpus/test/`` and ``corpus/annotator1/``) is an error: which one would be
scored?
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from wiregold.problems import Problem

Doc = Mapping[str, Any]
_FORMAT_ONLY = "canonical formatting"  # the `expected` of validate's formatting problem


@dataclass(frozen=True)
class GoldSet:
    """Valid gold documents by id (sorted), the file of each, and every problem found."""

    docs: Mapping[str, Doc]
    files: Mapping[str, str]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def load_gold(*, files: Sequence[Path]) -> GoldSet:
    """Read and validate gold document files."""
    from wiregold.jsonio import parse_json_bytes
    from wiregold.validate import validate_bytes

    docs: dict[str, Doc] = {}
    where: dict[str, str] = {}
    problems: list[Problem] = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError as err:
            problems.append(Problem(str(path), "", f"cannot read file: {err.strerror or err}"))
            continue
        found = [p for p in validate_bytes(data=data, file=str(path)) if p.expected != _FORMAT_ONLY]
        if found:
            problems.extend(found)
            continue
        doc = parse_json_bytes(data=data, source=str(path)).value
        doc_id = doc["id"]
        if doc_id in docs:
            message = f"gold document {doc_id!r} is also in {where[doc_id]}"
            problems.append(Problem(str(path), "/id", message, "each gold document in one file"))
            continue
        docs[doc_id] = doc
        where[doc_id] = str(path)
    return GoldSet(
        docs=MappingProxyType(dict(sorted(docs.items()))),
        files=MappingProxyType(dict(sorted(where.items()))),
        problems=tuple(problems),
    )
