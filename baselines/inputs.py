"""What a baseline may read of a document: its id, text, publication date and languages.

Baselines are run on gold documents, so the one way to keep them honest is to hand them
nothing else: :func:`document_input` copies these four fields out of a document and the
baselines only ever see the copy. Zones, entities, events and every other annotation layer
stay behind, and so does the rest of the metadata (the date line, the source).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["DocumentInput", "InputError", "document_input", "read_inputs"]


class InputError(ValueError):
    """A document a baseline cannot read (no id or text, a malformed date, bad JSON)."""


@dataclass(frozen=True)
class DocumentInput:
    """The part of a document a baseline sees."""

    id: str
    text: str
    publication_date: dt.date | None = None
    languages: tuple[str, ...] = ()


def document_input(*, doc: Mapping[str, Any], source: str = "document") -> DocumentInput:
    """The baseline input of a document (gold or plain), or InputError naming ``source``."""
    doc_id, text = doc.get("id"), doc.get("text")
    if not isinstance(doc_id, str) or not doc_id:
        raise InputError(f"{source}: no document id (a non-empty string 'id' is required)")
    if not isinstance(text, str):
        raise InputError(f"{source}: document {doc_id!r} has no 'text' string")
    metadata = doc.get("metadata") or {}
    if not isinstance(metadata, Mapping):
        raise InputError(f"{source}: 'metadata' of {doc_id!r} is not an object")
    published = metadata.get("publication_date")
    date = None
    if published is not None:
        try:
            date = dt.date.fromisoformat(str(published))
        except ValueError:
            raise InputError(
                f"{source}: publication_date {published!r} of {doc_id!r} is not YYYY-MM-DD"
            ) from None
    languages = metadata.get("languages") or ()
    if isinstance(languages, str) or not all(isinstance(lang, str) for lang in languages):
        raise InputError(f"{source}: 'languages' of {doc_id!r} is not a list of strings")
    return DocumentInput(id=doc_id, text=text, publication_date=date, languages=tuple(languages))


def read_inputs(*, files: Iterable[Path]) -> list[DocumentInput]:
    """Baseline inputs from document files (one JSON object each), sorted by id.

    The files need not be valid gold: a document stripped of every annotation layer reads
    the same as the full one. Raises InputError for unreadable files and duplicate ids.
    """
    from wiregold.jsonio import JsonError, read_json

    found: dict[str, DocumentInput] = {}
    for path in files:
        try:
            value = read_json(path=path).value
        except JsonError as err:
            raise InputError(f"{err.file}:{err.line}: {err.message}") from None
        except OSError as err:
            raise InputError(f"{path}: cannot read file: {err.strerror or err}") from None
        if not isinstance(value, Mapping):
            raise InputError(f"{path}: not a JSON object")
        item = document_input(doc=value, source=str(path))
        if item.id in found:
            raise InputError(f"{path}: document {item.id!r} is in two input files")
        found[item.id] = item
    return [found[key] for key in sorted(found)]
