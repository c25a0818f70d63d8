"""Shared fixtures: a small valid document built on the real seed text.

The fixture does not depend on the hand-annotated gold, so the validator's tests run
while the gold is still being written. Offsets come from the library's own span helper.
"""

from __future__ import annotations

import copy
import hashlib
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wiregold import paths
from wiregold.canonical import canonical_bytes
from wiregold.spans import Span, find_span
from wiregold.validate import Problem, validate_bytes, validate_document

SEED_ID = "000_2a4f40216c15907b"
SEED_FILE = f"seeds/{SEED_ID}.txt"
SEED_SHA256 = "3745eeebd9a8bd9bb6280edb87a4646f4efc046fcca116a6e4457203c8f81976"


def seed_text() -> str:
    return (paths.data_root() / SEED_FILE).read_bytes().decode("utf-8")


def build_document() -> dict[str, Any]:
    """A small, valid document over the real seed (every layer has at least one item)."""
    text = seed_text()
    body_start = find_span(text=text, needle="Pakistan and Iran “agreed").start
    body_end = find_span(text=text, needle="\n\nBuy now").start
    dateline = find_span(text=text, needle="Ocak 19, 2024")
    title_end = text.index("\n")

    def span(needle: str, after: int = body_start) -> Span:
        return find_span(text=text, needle=needle, after=after)

    def prefix(needle: str, length: int) -> Span:
        found = span(needle)
        return Span(found.start, found.start + length)

    def zone(zid: str, kind: str, start: int, end: int, annotated: bool, lang: str) -> dict:
        where = Span(start, end).to_json(text)
        return {"id": zid, "type": kind, **where, "annotated": annotated, "language": lang}

    def mention(mid: str, entity: dict, where: Span, kind: str, role: str | None) -> dict:
        return {
            "id": mid,
            **where.to_json(text),
            "head": where.to_json(text),
            "entity": entity["id"],
            "type": entity["type"],
            "subtype": entity["subtype"],
            "kind": kind,
            "gpe_role": role,
            "metonymy": None,
        }

    def timex(tid: str, where: Span, kind: str, value: str, anchor: str | None) -> dict:
        function = "NONE" if anchor else "CREATION_TIME"
        return {
            "id": tid,
            **where.to_json(text),
            "type": kind,
            "value": value,
            "mod": None,
            "anchor": anchor,
            "function": function,
        }

    def entity(eid: str, name: str, kind: str, subtype: str) -> dict:
        return {"id": eid, "name": name, "type": kind, "subtype": subtype, "class": "SPC"}

    pakistan = entity("e1", "Pakistan", "GPE", "Nation")
    iran = entity("e2", "Iran", "GPE", "Nation")
    minister = entity("e3", "Hossein Amir-Abdollahian", "PER", "Individual")
    attack = span("missile and drone attack")
    speaker = prefix("Amir-Abdollahian said", len("Amir-Abdollahian"))
    quote = span("the cooperation of the two countries")
    quote = Span(quote.start, span("is essential").end)
    source = {"agency": "AFP", "publisher": "fixture", "seed_file": SEED_FILE}
    return {
        "schema_version": "1.0",
        "id": SEED_ID,
        "text": text,
        "metadata": {
            "corpus_version": "0.1.0",
            "languages": ["en", "tr"],
            "publication_date": "2024-01-19",
            "date_line": "Ocak 19, 2024",
            "source": {**source, "seed_sha256": SEED_SHA256},
            "annotation_license": "CC-BY-4.0",
            "text_rights": "test fixture",
        },
        "zones": [
            zone("z1", "title", 0, title_end, True, "en"),
            zone("z2", "separator", title_end, dateline.start, False, "zxx"),
            zone("z3", "dateline", dateline.start, dateline.end, True, "tr"),
            zone("z4", "boilerplate", dateline.end, body_start, False, "en"),
            zone("z5", "body", body_start, body_end, True, "en"),
            zone("z6", "boilerplate", body_end, len(text), False, "tr"),
        ],
        "entities": [pakistan, iran, minister],
        "mentions": [
            mention("m1", pakistan, Span(0, len("Pakistan")), "NAM", "GPE"),
            mention("m2", iran, prefix("Iran carried out", len("Iran")), "NAM", "GOV"),
            mention("m3", pakistan, span("Pakistan", after=attack.end), "NAM", "LOC"),
            mention("m4", minister, speaker, "NAM", None),
        ],
        "timexes": [
            timex("t1", dateline, "DATE", "2024-01-19", None),
            timex("t2", span("Tuesday night"), "TIME", "2024-01-16TNI", "t1"),
        ],
        "hoppers": [{"id": "h1", "type": "Conflict.Attack", "description": "Iran's strike"}],
        "events": [
            {
                "id": "ev1",
                "trigger": Span(attack.end - len("attack"), attack.end).to_json(text),
                "type": "Conflict.Attack",
                "realis": "ACTUAL",
                "hopper": "h1",
                "arguments": [
                    {"role": "Attacker", "mention": "m2"},
                    {"role": "Place", "mention": "m3"},
                    {"role": "Time", "timex": "t2"},
                ],
            }
        ],
        "casualties": [
            {
                "id": "c1",
                "kind": "killed",
                "count": {"value": 11, "low": 11, "high": 11, "precision": "exact"},
                "victims": {"description": "mostly women", "groups": ["women"], "mentions": []},
                "perpetrators": [],
                "places": [],
                "times": [],
                "hoppers": ["h1"],
                "evidence": [span("A collective death toll of 11").to_json(text)],
                "reported_by": {"entity": None, "description": "unattributed"},
            }
        ],
        "quotes": [
            {
                "id": "q1",
                "kind": "direct",
                "content": quote.to_json(text),
                "cue": span("said", after=speaker.end).to_json(text),
                "source": None,
                "speakers": [{"entity": "e3", "mention": "m4"}],
                "addressees": [],
            }
        ],
    }


_DOCUMENT = build_document()


@pytest.fixture
def doc() -> dict[str, Any]:
    """A fresh deep copy of the valid fixture document, free to corrupt."""
    return copy.deepcopy(_DOCUMENT)


@pytest.fixture
def write_doc(tmp_path: Path) -> Callable[..., Path]:
    """Write a document canonically as ``<dir>/<id>.json`` (or ``name``) and return the path."""

    def write(
        document: dict[str, Any], *, name: str | None = None, directory: Path = tmp_path
    ) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / (name or f"{document['id']}.json")
        path.write_bytes(canonical_bytes(doc=document))
        return path

    return write


def problems_of(document: dict[str, Any], *, file_checks: bool = True) -> list[tuple[str, str]]:
    """``(pointer, message)`` of every problem of a document (canonically written)."""
    found: list[Problem]
    if file_checks:
        found = validate_bytes(
            data=canonical_bytes(doc=document), file="doc.json", stem=document.get("id")
        )
    else:
        found = validate_document(doc=document)
    return [(p.pointer, p.message) for p in found]


def tree_digest(*roots: Path) -> dict[str, str]:
    """sha256 of every file under the given directories, by path."""
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for root in roots
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def shuffled(doc: Any, seed: int) -> Any:
    """A deep copy with every list, at any depth, in a random (seeded) order: scorers must
    give the same counts whatever the order of items, arguments, speakers or evidence."""
    rng = random.Random(seed)

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            items = [walk(v) for v in value]
            rng.shuffle(items)
            return items
        return value

    return walk(doc)


def synthetic_cases(
    documents: int, *, first: int = 0
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Gold documents of the benchmark generator (numbers ``first`` on) with their
    predictions, seed 5: every layer, with the error mix the benchmarks score."""
    from benchmarks import synth

    golds = [synth.gold_document(n, seed=5)[0] for n in range(first, first + documents)]
    return [(gold, synth.prediction(gold, seed=5)) for gold in golds]


def check_errors_false(
    module: Any,
    *,
    cases: list[tuple[Any, Any]],
    config: Any,
    monkeypatch: pytest.MonkeyPatch,
    least: int,
    forbid: str = "ErrorItem",
) -> None:
    """``module.count(..., errors=False)`` gives the counts of ``errors=True`` without
    their error items, and builds none: ``module.<forbid>`` raises while it runs."""
    import dataclasses

    full = [module.count(gold=gold, pred=pred, config=config) for gold, pred in cases]
    assert sum(len(counts.errors) for counts in full) > least  # items to leave out

    class Refused(getattr(module, forbid)):  # keeps the class attributes (sort_key)
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise AssertionError(f"a {forbid} was built with errors=False")

    monkeypatch.setattr(module, forbid, Refused)
    for (gold, pred), counts in zip(cases, full, strict=True):
        quick = module.count(gold=gold, pred=pred, config=config, errors=False)
        assert repr(quick) == repr(dataclasses.replace(counts, errors=()))
