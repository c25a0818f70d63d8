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
    assert first_difference(actual=b"a", expected=b"a\n") == 1  # line 1 lacks its newline
    assert first_difference(actual=b"a\nb", expected=b"a\nb\n") == 2  # never past the end
    assert first_difference(actual=b"a\nb\n", expected=b"a\nb\n\n") == 3


def test_unpaired_surrogate_is_a_value_error(doc: Doc) -> None:
    doc["metadata"]["text_rights"] = "\ud800"
    try:
        canonical_bytes(doc=doc)
    except ValueError as err:
        assert "unpaired surrogate" in str(err)
    else:
        raise AssertionError("expected ValueError")


# Offsets and ids drawn from small pools, so that ties (same start, same span, same id)
# are common; a few values of the wrong type send a layer to the keyed sort.
def _mostly(good: list[Any], bad: list[Any]) -> st.SearchStrategy[Any]:
    return st.integers(0, 40).flatmap(lambda k: st.sampled_from(bad if k == 0 else good))


_OFFSET = _mostly([0, 1, 2, 3, 5], [None, 2.0, True, "3", -1])
_ID = _mostly(["a", "b", "c", "a2", ""], [None, 1])
_REF = _mostly(["e1", "e2", "e3", "e4"], [None, 7])


def _span(draw: Any) -> Any:
    start, end = draw(_OFFSET), draw(_OFFSET)
    if draw(st.integers(0, 30)) == 0:
        return draw(st.sampled_from([None, [start, end], "x", {"start": start}]))
    return {"start": start, "end": end}


@st.composite
def _messy_layers(draw: Any) -> Doc:
    doc: Doc = {}
    for name, ref in (("zones", None), ("mentions", "entity"), ("timexes", None)):
        items = []
        for _ in range(draw(st.integers(0, 8))):
            item = _span(draw)
            if isinstance(item, dict):
                item = {**item, "id": draw(_ID)}
                if ref:
                    item[ref] = draw(_REF)
            items.append(item)
        doc[name] = items
    for name, field in (("events", "trigger"), ("quotes", "content")):
        doc[name] = [
            {"id": draw(_ID), field: _span(draw), "hopper": draw(_REF)}
            for _ in range(draw(st.integers(0, 6)))
        ]
    for name in ("entities", "hoppers"):
        doc[name] = [{"id": draw(_REF)} for _ in range(draw(st.integers(0, 5)))]
    return doc


@settings(max_examples=300, deadline=None)
@given(doc=_messy_layers())
def test_quick_span_order_is_the_keyed_sort(doc: Doc) -> None:
    # sorted_layers sorts layers of well-typed spans with three C-keyed sorts; the order
    # (of equal items too: compared by identity) must be that of the per-item sort key.
    from wiregold import canonical

    quick = canonical.sorted_layers(doc)
    original = canonical._span_order
    canonical._span_order = lambda items, span_field: None  # the keyed sort everywhere
    try:
        keyed = canonical.sorted_layers(doc)
    finally:
        canonical._span_order = original
    for name in ("zones", "mentions", "timexes", "events", "quotes", "entities", "hoppers"):
        assert list(map(id, quick[name])) == list(map(id, keyed[name])), name


def test_quick_span_order_takes_well_typed_layers_only() -> None:
    from wiregold.canonical import _span_order

    good = [{"id": "b", "start": 1, "end": 2}, {"id": "a", "start": 1, "end": 3}]
    assert _span_order(good, None) == [good[1], good[0]]
    for bad in ({"id": "c", "start": 1.0, "end": 2}, {"id": 3, "start": 0, "end": 1}, [0, 1]):
        assert _span_order([*good, bad], None) is None
    assert _span_order([{"id": "e", "trigger": None}], "trigger") is None
