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


def _read_chunk(
    files: Sequence[Path], *, data_root: Path | None
) -> list[tuple[str, list[Problem], Doc | None]]:
    """``(file, problems, document or None)`` per file; top level: run by ``--jobs``."""
    from wiregold.jsonio import JsonError, parse_json_bytes, read_bytes
    from wiregold.validate import validate_bytes

    read: list[tuple[str, list[Problem], Doc | None]] = []
    for path in files:
        try:
            data = read_bytes(path=path)
        except JsonError as err:  # unreadable, or larger than the size limit
            read.append((str(path), [err.problem()], None))
            continue
        # Formatting cannot change a score (the gold hash is over canonical bytes): skip it.
        found = validate_bytes(data=data, file=str(path), check_format=False, data_root=data_root)
        found = [p for p in found if p.expected != _FORMAT_ONLY]
        doc = None if found else parse_json_bytes(data=data, source=str(path)).value
        read.append((str(path), found, doc))
    return read


def load_gold(*, files: Sequence[Path], data_root: Path | None = None, jobs: int = 1) -> GoldSet:
    """Read and validate gold document files (``jobs`` processes; ``data_root``: where
    their seed files are, default the package data)."""
    from wiregold.parallel import chunked, map_chunks

    docs: dict[str, Doc] = {}
    where: dict[str, str] = {}
    problems: list[Problem] = []
    chunks = chunked(list(files), jobs=jobs)
    for chunk in map_chunks(_read_chunk, chunks, jobs=jobs, data_root=data_root):
        for path, found, doc in chunk:
            if doc is None:
                problems.extend(found)
                continue
            doc_id = doc["id"]
            if doc_id in docs:
                message = f"gold document {doc_id!r} is also in {where[doc_id]}"
                problems.append(Problem(path, "/id", message, "each gold document in one file"))
                continue
            docs[doc_id] = doc
            where[doc_id] = path
    return GoldSet(
        docs=MappingProxyType(dict(sorted(docs.items()))),
        files=MappingProxyType(dict(sorted(where.items()))),
        problems=tuple(problems),
    )
