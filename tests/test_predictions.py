"""Reading and checking prediction files: streaming JSON Lines, the pretty single-document
form, strict JSON, the schema, and the checks against the gold text and references."""

from __future__ import annotations

import copy
import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from wiregold import paths
from wiregold.canonical import canonical_bytes
from wiregold.jsonio import read_json
from wiregold.predictions import (
    PredictionSet,
    Record,
    check_predictions,
    iter_records,
    load_predictions,
)
from wiregold.problems import Problem
from wiregold.spans import find_span

Doc = dict[str, Any]
GOLD_FILE = paths.corpus_root() / "test" / "000_2a4f40216c15907b.json"


@pytest.fixture
def gold(doc: Doc) -> dict[str, Doc]:
    return {doc["id"]: doc}


def jsonl(*objects: Any) -> bytes:
    return b"".join(json.dumps(o, ensure_ascii=False).encode() + b"\n" for o in objects)


@pytest.fixture
def write(tmp_path: Path) -> Callable[[bytes], Path]:
    def write_bytes(data: bytes, name: str = "pred.jsonl") -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write_bytes


def problems(result: PredictionSet) -> list[tuple[int, str, str]]:
    return [(p.line, p.pointer, p.message) for p in result.problems]


def check(doc: Doc, gold: dict[str, Doc]) -> list[tuple[str, str]]:
    """(pointer, message) of every problem of one in-memory prediction."""
    result = check_predictions(preds=[doc], gold=gold)
    return [(p.pointer, p.message) for p in result.problems]


def mention(text: str, needle: str, *, after: int = 0, **fields: Any) -> Doc:
    return {**find_span(text=text, needle=needle, after=after).to_json(text), **fields}


# ----------------------------------------------------------------------------- reading


def test_a_gold_file_is_a_valid_prediction() -> None:
    gold_doc = read_json(path=GOLD_FILE).value
    result = load_predictions(path=GOLD_FILE, gold={gold_doc["id"]: gold_doc})
    assert (result.ok, result.read, list(result.docs)) == (True, 1, [gold_doc["id"]])
    assert result.missing_docs == () and result.summary() == "1 prediction, 0 problems"


def test_json_lines_with_blank_lines(write: Callable, gold: dict[str, Doc], doc: Doc) -> None:
    other = {**copy.deepcopy(doc), "id": "001_other"}
    two = {doc["id"]: doc, "001_other": other}
    data = b"\n" + jsonl({"doc_id": doc["id"]}) + b"   \n" + jsonl({"doc_id": "001_other"})
    result = load_predictions(path=write(data), gold=two)
    assert result.ok and list(result.docs) == [doc["id"], "001_other"]
    assert result.read == 2 and result.missing_docs == ()


def test_an_empty_file_is_an_error(write: Callable, gold: dict[str, Doc], doc: Doc) -> None:
    # Almost always a system that crashed: {"doc_id": ...} says "nothing predicted".
    result = load_predictions(path=write(b"\n\n"), gold=gold)
    assert problems(result) == [(2, "", "no predictions: found only white space (2 bytes)")]
    assert result.read == 0 and result.missing_docs == (doc["id"],)
    result = load_predictions(path=write(b""), gold=gold)
    assert problems(result) == [(1, "", "no predictions: found an empty file")]


def test_a_malformed_line_is_reported_before_the_rest_is_read(doc: Doc) -> None:
    def lines() -> Iterator[bytes]:
        yield jsonl({"doc_id": doc["id"]})
        yield b'{"doc_id": "x",\n'
        raise AssertionError("the reader went past the malformed line")

    first_two = list(itertools.islice(iter_records(stream=lines(), source="p.jsonl"), 2))
    assert isinstance(first_two[0], Record) and first_two[0].line == 1
    assert first_two[1] == Problem(
        "p.jsonl",
        "",
        "invalid JSON at column 16: missing property name; found end of line",
        "a property name in double quotes",
        2,
    )


@pytest.mark.parametrize(
    ("line", "pointer", "message"),
    [
        (
            b'{"doc_id": "a", "doc_id": "b"}',
            "/doc_id",
            "invalid JSON at column 17: duplicate key; found 'doc_id'",
        ),
        (b'{"doc_id": NaN}', "/doc_id", "invalid JSON at column 12: NaN is not JSON; found 'NaN'"),
        (
            b'{"doc_id": Infinity}',
            "/doc_id",
            "invalid JSON at column 12: Infinity is not JSON; found 'Infinity'",
        ),
        (b'{"doc_id": "\xe9"}', "", "not UTF-8 at column 13; found byte 0xe9"),
        (b"[1, 2]", "", "a prediction must be a JSON object; found an array"),
        (b'"text"', "", "a prediction must be a JSON object; found a string"),
        (b"7", "", "a prediction must be a JSON object; found a number"),
    ],
    ids=["duplicate-key", "nan", "infinity", "latin1", "array", "string", "number"],
)
def test_strict_json_per_line(
    write: Callable, gold: dict[str, Doc], doc: Doc, line: bytes, pointer: str, message: str
) -> None:
    data = jsonl({"doc_id": doc["id"]}) + b"\n" + line + b"\n"
    result = load_predictions(path=write(data), gold=gold)
    assert problems(result) == [(3, pointer, message)]
    assert list(result.docs) == [doc["id"]]  # the good line is still read


def test_bom_is_rejected(write: Callable, gold: dict[str, Doc], doc: Doc) -> None:
    result = load_predictions(path=write(b"\xef\xbb\xbf" + jsonl({"doc_id": doc["id"]})), gold=gold)
    message = "byte order mark (BOM) at the start of the line; found bytes EF BB BF"
    assert problems(result) == [(1, "", message)]


def test_malformed_first_line_of_json_lines(
    write: Callable, gold: dict[str, Doc], doc: Doc
) -> None:
    data = b'{"doc_id": 1 2}\n' + jsonl({"doc_id": doc["id"]})
    result = load_predictions(path=write(data), gold=gold)
    message = "invalid JSON at column 14: missing ',' or '}' after a property; found '2'"
    assert problems(result) == [(1, "", message)]
    assert list(result.docs) == [doc["id"]]


def test_pretty_printed_document_with_a_syntax_error(write: Callable, gold: dict[str, Doc]) -> None:
    data = b'{\n  "doc_id": "x",\n  "mentions": [\n    {"type": "PER",}\n  ]\n}\n'
    result = load_predictions(path=write(data), gold=gold)
    message = "invalid JSON at column 20: trailing comma before '}'; found '}'"
    assert problems(result) == [(4, "/mentions/0", message)]


def test_pretty_printed_document_lines_point_at_items(
    write: Callable, gold: dict[str, Doc], doc: Doc
) -> None:
    doc["mentions"][2]["type"] = 7
    data = canonical_bytes(doc=doc)
    result = load_predictions(path=write(data, "pred.json"), gold=gold)
    line = data.decode().split("\n").index('  "mentions": [') + 4
    assert problems(result) == [(line, "/mentions/2/type", "wrong type; found 7")]
    assert str(result.problems[0]).endswith(
        "/mentions/2/type: wrong type; found 7 (expected: type string)"
    )


def test_unreadable_file(tmp_path: Path, gold: dict[str, Doc]) -> None:
    result = load_predictions(path=tmp_path, gold=gold)
    assert not result.ok and "cannot read file" in result.problems[0].message


# ------------------------------------------------------------------------------ schema


def test_every_schema_error_with_its_pointer(gold: dict[str, Doc], doc: Doc) -> None:
    pred = {
        "doc_id": doc["id"],
        "mentions": [{"start": 0, "end": 8}, {"text": "Iran", "type": "GPE", "colour": "red"}],
        "timexes": [{"text": "Friday", "type": "WEEKDAY"}],
        "events": [{"trigger": {"start": 3}, "type": "Conflict.Attack"}],
    }
    found = check(pred, gold)
    assert ("/mentions/0", "'type' is a required property") in found
    assert (
        "/mentions/1",
        'unknown key "colour"',
    ) in found
    assert (
        "/timexes/0/type",
        'not an allowed value; found "WEEKDAY"',
    ) in found
    assert ("/events/0/trigger", "'end' is a dependency of 'start'") in found
    assert len(found) >= 4


def test_offsets_must_be_integers(gold: dict[str, Doc], doc: Doc) -> None:
    pred = {"doc_id": doc["id"], "mentions": [{"start": 0, "end": 8.0, "type": "GPE"}]}
    assert check(pred, gold) == [("/mentions/0/end", "wrong type; found 8.0")]


def test_document_id_is_required(gold: dict[str, Doc]) -> None:
    found = check({"mentions": []}, gold)
    assert found and found[0][0] == ""


# ------------------------------------------------------------------------ documents


def test_unknown_document_is_an_error(write: Callable, gold: dict[str, Doc], doc: Doc) -> None:
    result = load_predictions(path=write(jsonl({"doc_id": "zzz"})), gold=gold)
    assert problems(result) == [
        (1, "/doc_id", "unknown document 'zzz': no gold document has this id")
    ]
    assert result.problems[0].expected == f"one of the 1 gold documents: {doc['id']}"
    assert result.rejected_unknown == ("zzz",) and result.missing_docs == (doc["id"],)


def test_unknown_documents_can_be_ignored(write: Callable, gold: dict[str, Doc], doc: Doc) -> None:
    data = jsonl({"doc_id": "zzz"}, {"doc_id": doc["id"]})
    result = load_predictions(path=write(data), gold=gold, ignore_unknown_docs=True)
    assert result.ok and result.unknown_docs == ("zzz",) and list(result.docs) == [doc["id"]]


def test_a_document_predicted_twice(write: Callable, gold: dict[str, Doc], doc: Doc) -> None:
    result = load_predictions(
        path=write(jsonl({"doc_id": doc["id"]}, {"id": doc["id"]})), gold=gold
    )
    message = f"second prediction for document '{doc['id']}' (the first is on line 1)"
    assert problems(result) == [(2, "/id", message)]


def test_doc_id_and_id_must_agree(gold: dict[str, Doc], doc: Doc) -> None:
    found = check({"doc_id": doc["id"], "id": "other"}, gold)
    assert found == [("/id", f"id 'other' differs from doc_id '{doc['id']}'")]


def test_a_text_must_be_the_gold_text(gold: dict[str, Doc], doc: Doc) -> None:
    found = check({"doc_id": doc["id"], "text": "Pakistan and India"}, gold)
    assert found == [("/text", f"text differs from the gold text of {doc['id']} at offset 8")]


def test_missing_documents_are_listed(gold: dict[str, Doc], doc: Doc) -> None:
    two = {**gold, "001_other": {**doc, "id": "001_other"}}
    result = check_predictions(preds=[{"doc_id": "001_other"}], gold=two)
    assert result.ok and result.missing_docs == (doc["id"],)


def test_in_memory_objects_are_numbered(gold: dict[str, Doc], doc: Doc) -> None:
    result = check_predictions(preds=[{"doc_id": doc["id"]}, ["not", "an", "object"]], gold=gold)
    assert problems(result) == [(2, "", "a prediction must be a JSON object; found an array")]


# ---------------------------------------------------------------------------- spans


def test_offsets_in_range_and_ordered(gold: dict[str, Doc], doc: Doc) -> None:
    n = len(doc["text"])
    pred = {
        "doc_id": doc["id"],
        "mentions": [
            {"start": 5, "end": 5, "type": "GPE"},
            {"start": n - 2, "end": n + 3, "type": "GPE"},
        ],
        "timexes": [{"start": 9, "end": 3, "type": "DATE"}],
    }
    assert check(pred, gold) == [
        ("/mentions/0", "empty or inverted span: start 5 >= end 5"),
        ("/mentions/1", f"span [{n - 2}, {n + 3}) ends beyond the text ({n} code points)"),
        ("/timexes/0", "empty or inverted span: start 9 >= end 3"),
    ]


def test_span_text_must_match_the_offsets(gold: dict[str, Doc], doc: Doc) -> None:
    text = doc["text"]
    iran = find_span(text=text, needle="Iran")
    pred = {
        "doc_id": doc["id"],
        "mentions": [{"start": 0, "end": 8, "text": "Iran", "type": "GPE"}],
        "quotes": [{"content": {"start": 0, "end": 8, "text": "Pakistan!"}}],
    }
    found = check(pred, gold)
    assert found == [
        (
            "/mentions/0/text",
            f"span text does not match text[0:8]; 'Iran' occurs at [{iran.start}, {iran.end})",
        ),
        ("/quotes/0/content/text", "span text does not match text[0:8]"),
    ]


def test_every_located_field_is_checked(gold: dict[str, Doc], doc: Doc) -> None:
    bad = {"start": 0, "end": 8, "text": "wrong"}
    pred = {
        "doc_id": doc["id"],
        "mentions": [{"start": 0, "end": 8, "type": "GPE", "head": bad}],
        "timexes": [{**bad, "type": "DATE"}],
        "events": [
            {"trigger": bad, "type": "X", "arguments": [{"role": "Place", **bad}]},
        ],
        "casualties": [{"kind": "killed", "count": {}, "evidence": [bad]}],
        "quotes": [{"content": bad, "cue": bad, "source": bad}],
    }
    pointers = [pointer for pointer, _ in check(pred, gold)]
    assert pointers == [
        "/mentions/0/head/text",
        "/timexes/0/text",
        "/events/0/trigger/text",
        "/events/0/arguments/0/text",
        "/casualties/0/evidence/0/text",
        "/quotes/0/content/text",
        "/quotes/0/cue/text",
        "/quotes/0/source/text",
    ]


def test_head_inside_mention(gold: dict[str, Doc], doc: Doc) -> None:
    text = doc["text"]
    pred = {
        "doc_id": doc["id"],
        "mentions": [
            mention(text, "Pakistan", type="GPE", head={"start": 4, "end": 12}),
            mention(text, "Pakistan", type="GPE", head={"text": "Pakistan"}),  # no offsets: fine
        ],
    }
    assert check(pred, gold) == [
        ("/mentions/0/head", "head [4, 12) is not inside the mention [0, 8)"),
    ]


def test_text_only_items_need_not_occur_in_the_text(gold: dict[str, Doc], doc: Doc) -> None:
    pred = {"doc_id": doc["id"], "mentions": [{"text": "Atlantis", "type": "GPE"}]}
    assert check(pred, gold) == []


# ----------------------------------------------------------------------- references


def test_references_resolve_within_the_prediction(gold: dict[str, Doc], doc: Doc) -> None:
    text = doc["text"]
    pred = {
        "doc_id": doc["id"],
        "mentions": [mention(text, "Pakistan", id="m1", type="GPE", entity="cluster-A")],
        "timexes": [mention(text, "Tuesday night", id="t1", type="TIME")],
        "events": [
            {
                "trigger": {"text": "attack"},
                "type": "Conflict.Attack",
                "hopper": "any-label",
                "arguments": [
                    {"role": "Attacker", "mention": "m1"},
                    {"role": "Time", "timex": "t1"},
                    {"role": "Target", "mention": "m9"},
                    {"role": "Time", "timex": "m1"},
                ],
            }
        ],
        "casualties": [
            {
                "kind": "killed",
                "count": {"value": 11},
                "victims": {"mentions": ["m1", "m2"]},
                "perpetrators": ["cluster-A", "any-label", {"text": "Iran"}],
                "places": ["t1"],
                "times": ["t1", "m1", {"value": "2024-01-16"}],
                "hoppers": ["any-label", "cluster-A"],
                "reported_by": {"entity": "e7"},
            }
        ],
        "quotes": [
            {
                "content": {"text": "cooperation"},
                "speakers": [{"entity": "cluster-A", "mention": "m1"}, {"entity": "nobody"}],
                "addressees": [{"mention": "m5"}, {"text": "Pakistan"}],
            }
        ],
    }
    assert check(pred, gold) == [
        ("/events/0/arguments/2/mention", "dangling reference: no predicted mention has id 'm9'"),
        ("/events/0/arguments/3/timex", "dangling reference: no predicted timex has id 'm1'"),
        (
            "/casualties/0/perpetrators/1",
            "dangling reference: no predicted entity has id 'any-label'",
        ),
        ("/casualties/0/places/0", "dangling reference: no predicted entity has id 't1'"),
        ("/casualties/0/times/1", "dangling reference: no predicted timex has id 'm1'"),
        ("/casualties/0/hoppers/1", "dangling reference: no predicted hopper has id 'cluster-A'"),
        (
            "/casualties/0/victims/mentions/1",
            "dangling reference: no predicted mention has id 'm2'",
        ),
        ("/casualties/0/reported_by/entity", "dangling reference: no predicted entity has id 'e7'"),
        ("/quotes/0/speakers/1/entity", "dangling reference: no predicted entity has id 'nobody'"),
        ("/quotes/0/addressees/0/mention", "dangling reference: no predicted mention has id 'm5'"),
    ]


def test_entity_records_are_entity_ids(gold: dict[str, Doc], doc: Doc) -> None:
    pred = {
        "doc_id": doc["id"],
        "entities": [{"id": "e1", "name": "Pakistan"}],
        "hoppers": [{"id": "h1"}],
        "casualties": [{"kind": "killed", "count": {}, "perpetrators": ["e1"], "hoppers": ["h1"]}],
    }
    assert check(pred, gold) == []


def test_participant_mention_must_belong_to_its_entity(gold: dict[str, Doc], doc: Doc) -> None:
    text = doc["text"]
    pred = {
        "doc_id": doc["id"],
        "entities": [{"id": "e1"}, {"id": "e2"}],
        "mentions": [mention(text, "Pakistan", id="m1", type="GPE", entity="e1")],
        "quotes": [{"content": {"text": "x"}, "speakers": [{"entity": "e2", "mention": "m1"}]}],
    }
    assert check(pred, gold) == [
        ("/quotes/0/speakers/0/mention", "mention m1 belongs to entity e1, not to e2")
    ]


def test_ids_are_unique_where_references_point(gold: dict[str, Doc], doc: Doc) -> None:
    pred = {
        "doc_id": doc["id"],
        "mentions": [
            {"id": "m1", "text": "a", "type": "GPE"},
            {"id": "m1", "text": "b", "type": "GPE"},
        ],
        "events": [
            {"id": "ev1", "trigger": {"text": "x"}, "type": "T"},
            {"id": "ev1", "trigger": {"text": "y"}, "type": "T"},  # not a reference target
        ],
    }
    assert check(pred, gold) == [
        ("/mentions/1/id", "duplicate mention id 'm1' (already used at /mentions/0)")
    ]


def test_casualty_count_order(gold: dict[str, Doc], doc: Doc) -> None:
    pred = {
        "doc_id": doc["id"],
        "casualties": [
            {"kind": "killed", "count": {"value": 11, "low": 12, "high": None}},
            {"kind": "killed", "count": {"value": 11, "low": 6, "high": 20}},
        ],
    }
    assert check(pred, gold) == [
        ("/casualties/0/count", "count out of order: low 12, value 11, high null")
    ]


def test_schema_invalid_items_are_not_checked_twice(gold: dict[str, Doc], doc: Doc) -> None:
    pred = {"doc_id": doc["id"], "mentions": [{"start": 5, "end": 3, "type": 1}]}
    assert check(pred, gold) == [("/mentions/0/type", "wrong type; found 1")]


def test_first_line_not_an_object(write: Callable, gold: dict[str, Doc], doc: Doc) -> None:
    result = load_predictions(path=write(b"[1]\n" + jsonl({"doc_id": doc["id"]})), gold=gold)
    message = "a prediction must be a JSON object; found an array"
    assert problems(result) == [(1, "", message)]
    assert list(result.docs) == [doc["id"]]
    pretty_array = b'[\n  {"doc_id": "x"}\n]\n'
    result = load_predictions(path=write(pretty_array), gold=gold)
    assert problems(result) == [(1, "", message)]


def test_crlf_line_endings(write: Callable, gold: dict[str, Doc], doc: Doc) -> None:
    data = jsonl({"doc_id": doc["id"]}).replace(b"\n", b"\r\n") + b'{"doc_id": \r\n'
    result = load_predictions(path=write(data), gold=gold)
    message = "invalid JSON at column 12: missing value; found end of line"
    assert problems(result) == [(2, "/doc_id", message)]


def test_a_line_over_the_limit_is_skipped_unread(write: Callable, doc: Doc, tmp_path: Path) -> None:
    other = {**copy.deepcopy(doc), "id": "001_other"}
    two = {doc["id"]: doc, "001_other": other}
    long_line = b'{"doc_id": "x", "pad": "' + b"a" * 200 + b'"}\n'
    data = jsonl({"doc_id": doc["id"]}) + long_line + jsonl({"doc_id": "001_other"})
    result = load_predictions(path=write(data), gold=two, max_bytes=100)
    assert problems(result) == [(2, "", "line too long: found 226 bytes, not read")]
    assert result.problems[0].expected == "at most 100 bytes per line"
    assert list(result.docs) == [doc["id"], "001_other"]  # the lines around it are read
    lines = [jsonl({"doc_id": doc["id"]}), long_line, long_line.rstrip(b"\n")]
    found = list(iter_records(stream=lines, source="p.jsonl", max_bytes=100))
    assert [type(item).__name__ for item in found] == ["Record", "Problem", "Problem"]


def test_a_pretty_document_over_the_limit(write: Callable, gold: dict[str, Doc]) -> None:
    data = b'{\n  "doc_id": "x",\n  "zones": [\n' + b'    "aaaaaaaa",\n' * 20 + b'    ""\n  ]\n}\n'
    result = load_predictions(path=write(data), gold=gold, max_bytes=len(data) - 1)
    message = f"file too large for one JSON document: found {len(data)} bytes"
    assert problems(result) == [(1, "", message)]
    result = load_predictions(path=write(data), gold=gold, max_bytes=len(data))
    assert problems(result) == [
        (1, "/doc_id", "unknown document 'x': no gold document has this id")
    ]


def test_a_rejected_list_element_leaves_the_rest_of_its_item_checked(
    gold: dict[str, Doc], doc: Doc
) -> None:
    """Each list below has one element the schema rejects (which would also break a
    semantic rule) and one that only breaks a semantic rule: both are reported, once."""
    pred = {
        "doc_id": doc["id"],
        "events": [
            {
                "trigger": {"text": "attack"},
                "type": "Conflict.Attack",
                "arguments": [
                    {"role": "Attacker", "mention": "m9"},
                    {"role": 7, "mention": "m8"},
                    {"role": "Place", "text": "  ", "x": 1},  # no text-only report either
                ],
            },
            {  # its own field is wrong: the item is not checked further
                "trigger": {"text": "attack"},
                "type": 5,
                "arguments": [{"role": "Attacker", "mention": "m9"}],
            },
        ],
        "casualties": [
            {
                "kind": "killed",
                "count": {},
                "evidence": [{"start": 5, "end": 3}, {"start": 9, "end": 3, "x": 1}],
                "victims": {"mentions": ["m2", 7]},
                "places": [{"text": "Iran", "x": 1}, "e9"],
            }
        ],
        "quotes": [
            {
                "content": {"text": "cooperation"},
                "speakers": [{"entity": "nobody"}, {"entity": "nobody2", "x": 1}],
            }
        ],
    }
    extra = 'unknown key "x"'
    assert check(pred, gold) == [  # the schema's problems, then the others
        ("/casualties/0/evidence/1", extra),
        ("/casualties/0/places/0", extra),
        ("/casualties/0/victims/mentions/1", "wrong type; found 7"),
        ("/events/0/arguments/1/role", "wrong type; found 7"),
        ("/events/0/arguments/2", extra),
        ("/events/1/type", "wrong type; found 5"),
        ("/quotes/0/speakers/1", extra),
        ("/casualties/0/evidence/0", "empty or inverted span: start 5 >= end 3"),
        ("/events/0/arguments/0/mention", "dangling reference: no predicted mention has id 'm9'"),
        ("/casualties/0/places/1", "dangling reference: no predicted entity has id 'e9'"),
        (
            "/casualties/0/victims/mentions/0",
            "dangling reference: no predicted mention has id 'm2'",
        ),
        ("/quotes/0/speakers/0/entity", "dangling reference: no predicted entity has id 'nobody'"),
    ]


def test_span_mismatch_hints_at_why() -> None:
    """Offsets counted in UTF-8 bytes or UTF-16 units, or a text typed with other marks:
    the message says so (what LLM output gets wrong most)."""
    from wiregold.spans import mismatch

    text = "Pakistan and Iran “agreed to de-escalate” tensions on Friday"
    at = text.index("tensions")
    in_bytes = len(text[:at].encode("utf-8"))
    message, expected = mismatch(text=text, start=in_bytes, end=in_bytes + 8, stored="tensions")
    assert message == (
        f"span text does not match text[{in_bytes}:{in_bytes + 8}]; 'tensions' occurs at "
        f"[{at}, {at + 8}) (your offsets are its UTF-8 byte offsets; offsets count code points)"
    )
    assert (
        expected == f"{text[in_bytes : in_bytes + 8]!r}, the text at [{in_bytes}, {in_bytes + 8})"
    )
    astral = "🙂 " + text  # one code point, two UTF-16 units, four UTF-8 bytes
    at = astral.index("Friday")
    message, _ = mismatch(text=astral, start=at + 1, end=at + 7, stored="Friday")
    assert message.endswith("(your offsets are its UTF-16 offsets; offsets count code points)")
    quoted = text.index("“")
    message, _ = mismatch(
        text=text, start=quoted, end=quoted + 23, stored='"agreed to de-escalate"'
    )
    assert message.endswith("it differs only in quotation marks, dashes or case: copy it exactly")
    message, _ = mismatch(text=text, start=0, end=7, stored="Pakistan")  # end one short
    assert message == "span text does not match text[0:7]; 'Pakistan' occurs at [0, 8)"


def test_offsets_beyond_the_text_that_are_bytes_say_so(
    write: Callable, gold: dict[str, Doc], doc: Doc
) -> None:
    """UTF-8 byte offsets near the end of a text with curly quotes run past its end."""
    text = doc["text"]
    needle = "t\u0131klay\u0131n\u0131z"  # the page's last word
    at = text.index(needle)
    start = len(text[:at].encode("utf-8"))
    end = len(text[: at + len(needle)].encode("utf-8"))
    assert end > len(text)
    mention = {"start": start, "end": end, "text": needle, "type": "ORG"}
    pred = {"doc_id": doc["id"], "mentions": [mention]}
    [problem] = load_predictions(path=write(json.dumps(pred).encode()), gold=gold).problems
    assert problem.message.endswith(
        f"ends beyond the text ({len(text)} code points) (your offsets are its UTF-8 byte "
        "offsets; offsets count code points)"
    )
