"""The signature of a score: everything that can change the numbers, in one line.

Built from the :class:`~wiregold.scorers.base.ScoreConfig` itself (every field, via
``signature_parts``), never written by hand, plus the package version, the corpus
version and a hash of the gold documents actually scored::

    tasks:entities,events,casualties,quotes,timexes|labels:wiregold|coref_arguments:no|
    quote_overlap:0.5|partial_credit:0.5|normalization:1|version:0.1.0|corpus:0.1.0|
    gold:3f2a9c0d17be

(one line in practice). Two scores with the same signature were computed the same way
on the same gold; a paper that prints it lets readers reproduce the number.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

from wiregold.scorers.base import ScoreConfig, signature_parts

GOLD_HASH_LENGTH = 12
_HEX = re.compile(r"[0-9a-f]+")


def document_digest(*, doc: Mapping[str, Any]) -> str:
    """sha256 (hex) of one gold document's content, whatever its file's formatting.

    Hashed: compact JSON of the document with the items of every layer in canonical order
    (:func:`wiregold.canonical.sorted_layers`) and object keys sorted, as UTF-8. Key order,
    item order, indentation and white space of the file cannot change it; any value can.
    """
    from wiregold.canonical import sorted_layers

    text = json.dumps(
        sorted_layers(dict(doc)), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def combine_digests(*, pieces: Iterable[tuple[str, str]]) -> str:
    """sha256 (hex) of ``(document id, document_digest)`` pairs: one line per document,
    ``id``, a tab and the digest, sorted by id (so the order the documents were read in
    cannot change it, and each document is hashed once, wherever it was read)."""
    digest = hashlib.sha256()
    for doc_id, piece in sorted(pieces):
        digest.update(f"{doc_id}\t{piece}\n".encode("utf-8", errors="surrogatepass"))
    return digest.hexdigest()


def gold_digest(*, gold: Mapping[str, Mapping[str, Any]]) -> str:
    """sha256 (hex) of the gold documents (:func:`combine_digests` of their
    :func:`document_digest`): formatting and order of the files cannot change it."""
    return combine_digests(pieces=((i, document_digest(doc=d)) for i, d in gold.items()))


def signature(
    *, config: ScoreConfig, gold_hash: str, corpus_version: str, package_version: str
) -> str:
    """``name:value|...`` for every config field, then version, corpus and gold hash.

    ``gold_hash`` is the hex digest of :func:`gold_digest`; its first 12 characters are
    kept (enough to tell gold versions apart, short enough to print).
    """
    if len(gold_hash) < GOLD_HASH_LENGTH or not _HEX.fullmatch(gold_hash):
        raise ValueError(f"gold_hash must be a lower-case hex digest, got {gold_hash!r}")
    for name, value in (("corpus_version", corpus_version), ("package_version", package_version)):
        if not value or "|" in value:
            raise ValueError(f"{name} must be a non-empty string without '|', got {value!r}")
    parts = signature_parts(config=config)
    parts += [
        f"version:{package_version}",
        f"corpus:{corpus_version}",
        f"gold:{gold_hash[:GOLD_HASH_LENGTH]}",
    ]
    return "|".join(parts)
