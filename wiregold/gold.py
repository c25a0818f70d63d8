"""The gold documents a score is computed against: read, validated, keyed by id.

A gold file must pass every check of ``wiregold validate`` except canonical formatting
(the gold hash of the signature is computed over the content, so formatting cannot
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


def read_gold_file(*, path: Path, data_root: Path | None) -> tuple[list[Problem], Doc | None]:
    """The problems of one gold file, and its document when there are none."""
    from wiregold.jsonio import JsonError, read_bytes
    from wiregold.validate import checked_bytes

    try:
        data = read_bytes(path=path)
    except JsonError as err:  # unreadable, or larger than the size limit
        return [err.problem()], None
    # Formatting cannot change a score (the gold hash is over the content): skip it.
    found, doc = checked_bytes(data=data, file=str(path), check_format=False, data_root=data_root)
    found = [p for p in found if p.expected != _FORMAT_ONLY]
    return found, None if found else doc


def _read_chunk(
    files: Sequence[Path], *, data_root: Path | None
) -> list[tuple[str, list[Problem], Doc | None]]:
    """``(file, problems, document or None)`` per file; top level: run by ``--jobs``."""
    return [(str(path), *read_gold_file(path=path, data_root=data_root)) for path in files]


def duplicate_id(*, path: str, doc_id: str, first: str) -> Problem:
    """The problem of a gold document id already read from another file."""
    message = f"gold document {doc_id!r} is also in {first}"
    return Problem(path, "/id", message, "each gold document in one file")


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
                problems.append(duplicate_id(path=path, doc_id=doc_id, first=where[doc_id]))
                continue
            docs[doc_id] = doc
            where[doc_id] = path
    return GoldSet(
        docs=MappingProxyType(dict(sorted(docs.items()))),
        files=MappingProxyType(dict(sorted(where.items()))),
        problems=tuple(problems),
    )
