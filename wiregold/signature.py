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
import re
from collections.abc import Mapping
from typing import Any

from wiregold.scorers.base import ScoreConfig, signature_parts

GOLD_HASH_LENGTH = 12
_HEX = re.compile(r"[0-9a-f]+")


def gold_digest(*, gold: Mapping[str, Mapping[str, Any]]) -> str:
    """sha256 (hex) of the gold documents: their canonical bytes, sorted by document id.

    Canonical bytes make the hash independent of how a file happens to be formatted; the
    document id and the length of each document are hashed too, so that no two different
    sets of documents can produce the same byte stream.
    """
    from wiregold.canonical import canonical_bytes

    digest = hashlib.sha256()
    for doc_id in sorted(gold):
        data = canonical_bytes(doc=dict(gold[doc_id]))
        digest.update(f"{doc_id}\n{len(data)}\n".encode())
        digest.update(data)
    return digest.hexdigest()


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
