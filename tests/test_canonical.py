"""The canonical file layout: exact shape, item order, idempotence, order independence."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from wiregold.canonical import (
    LAYERS,
    canonical_bytes,
    canonical_document,
    canonical_text,
    first_difference,
)

Doc = dict[str, Any]


def ids(doc: Doc, layer: str) -> list[str]:
    return [item["id"] for item in canonical_document(doc=doc)[layer]]


def test_layout(doc: Doc) -> None:
    text = canonical_text(doc=doc)
    lines = text.split("\n")
    assert text.endswith("}\n") and "\r" not in text
    assert lines[:4] == [
        "{",
        '  "schema_version": "1.0",',
        '  "id": "000_2a4f40216c15907b",',
        lines[3],
    ]
    assert lines[3].startswith('  "text": "Pakistan, Iran agree to \u2018de-')  # not "\\u2018"
    assert lines[4:7] == ['  "metadata": {', '    "corpus_version": "0.1.0",', '    "languages": [']
    zones = lines.index('  "zones": [')
    assert lines[zones + 1] == (
        '    {"id": "z1", "type": "title", "start": 0, "end": 73, "text": "Pakistan, Iran agree '
        'to \u2018de-escalate\u2019 after air strikes: foreign ministry", "annotated": true, '
        '"language": "en"},'
    )
    assert lines[zones + 7] == "  ],"
    top_level = [line.split(":")[0].strip() for line in lines if line.startswith('  "')]
    assert top_level == [
        '"schema_version"',
        '"id"',
        '"text"',
        '"metadata"',
        *map(json.dumps, LAYERS),
    ]
    mention = next(line for line in lines if '"id": "m1"' in line)
    assert mention.startswith(
        '    {"id": "m1", "start": 0, "end": 8, "text": "Pakistan", "head": {"start": 0'
    )


def test_empty_layer_is_written_inline(doc: Doc) -> None:
    doc["quotes"] = []
    assert '\n  "quotes": []\n}\n' in canonical_text(doc=doc)


def test_keys_follow_the_schema_and_unknown_keys_go_last(doc: Doc) -> None:
    event = doc["events"][0]
    doc["events"][0] = {"zzz": 1, "aaa": 2, **dict(reversed(list(event.items())))}
    doc["events"][0]["trigger"] = dict(reversed(list(event["trigger"].items())))
    written = canonical_document(doc=doc)["events"][0]
    assert list(written) == ["id", "trigger", "type", "realis", "hopper", "arguments", "aaa", "zzz"]
    assert list(written["trigger"]) == ["start", "end", "text"]
    assert list(written["arguments"][2]) == ["role", "timex"]


def test_item_order(doc: Doc) -> None:
    # nested mentions: the longer one first at the same start
    m1 = doc["mentions"][0]
    doc["mentions"].append(dict(m1, id="m0", end=4, text="Paki", head=dict(m1["head"])))
    doc["entities"].append(
        {"id": "e0", "name": "unused", "type": "PER", "subtype": None, "class": "GEN"}
    )
    doc["entities"].append(
        {"id": "e9", "name": "unused", "type": "PER", "subtype": None, "class": "GEN"}
    )
    doc["hoppers"].append({"id": "h0", "type": "Life.Die", "description": "unused"})
    assert ids(doc, "mentions") == ["m1", "m0", "m2", "m3", "m4"]
    assert ids(doc, "entities") == [
        "e1",
        "e2",
        "e3",
        "e0",
        "e9",
    ]  # by first mention, then unused by id
    assert ids(doc, "hoppers") == ["h1", "h0"]
    assert ids(doc, "zones") == ["z1", "z2", "z3", "z4", "z5", "z6"]
    assert ids(doc, "timexes") == ["t1", "t2"]


def test_entities_follow_their_first_mention(doc: Doc) -> None:
    for mention in doc["mentions"]:  # give Pakistan's mentions to a new entity e7
        if mention["entity"] == "e1":
            mention["entity"] = "e7"
    doc["entities"][0]["id"] = "e7"
    assert ids(doc, "entities") == ["e7", "e2", "e3"]


def test_round_trip_is_idempotent(doc: Doc) -> None:
    once = canonical_text(doc=doc)
    assert canonical_text(doc=json.loads(once)) == once


def test_malformed_documents_still_format_idempotently(doc: Doc) -> None:
    doc["mentions"][1]["start"] = "x"
    doc["mentions"].append("not an object")
    doc["casualties"][0]["evidence"] = None
    doc["zones"] = {"not": "a list"}
    once = canonical_text(doc=doc)
    assert canonical_text(doc=json.loads(once)) == once
    last_two = json.loads(once)["mentions"][-2:]  # malformed items sort last
    assert doc["mentions"][1] in last_two and "not an object" in last_two


def shuffled(doc: Doc, rng: random.Random) -> Doc:
    """The same document with items and object keys in random order."""

    def keys(value: Any) -> Any:
        if isinstance(value, dict):
            items = list(value.items())
            rng.shuffle(items)
            return {k: keys(v) for k, v in items}
        if isinstance(value, list):
            return [keys(v) for v in value]
        return value

    out = keys(copy.deepcopy(doc))
    for layer in LAYERS:
        rng.shuffle(out[layer])
    return out


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_order_of_items_and_keys_does_not_matter(seed: int) -> None:
    from conftest import build_document

    doc = build_document()
    assert canonical_bytes(doc=shuffled(doc, random.Random(seed))) == canonical_bytes(doc=doc)


def test_first_difference() -> None:
    assert first_difference(actual=b"a\nb\n", expected=b"a\nb\n") is None
    assert first_difference(actual=b"a\nx\n", expected=b"a\nb\n") == 2
    assert first_difference(actual=b"a\n", expected=b"a\nb\n") == 2
    assert first_difference(actual=b"a", expected=b"a\n") == 2


def test_unpaired_surrogate_is_a_value_error(doc: Doc) -> None:
    doc["metadata"]["text_rights"] = "\ud800"
    try:
        canonical_bytes(doc=doc)
    except ValueError as err:
        assert "unpaired surrogate" in str(err)
    else:
        raise AssertionError("expected ValueError")
