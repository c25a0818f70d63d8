"""The validator: the real gold is valid, and each corruption gives exactly its problem."""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED_FILE, build_document, problems_of
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.synth import gold_document
from wiregold import paths, schemas
from wiregold.canonical import LAYERS, canonical_bytes, canonical_document
from wiregold.checks import RULES, SemanticChecks, quick_check
from wiregold.fastschema import compile_schema
from wiregold.problems import JsonPath, Problem, json_pointer, shorten
from wiregold.spans import Span, find_span
from wiregold.validate import load_inventory, validate_bytes, validate_document, validate_file

Doc = dict[str, Any]
GOLD = paths.all_corpus_files()


def at(doc: Doc, layer: str, item_id: str, *rest: str | int) -> str:
    """Pointer to an item (by id) as the validator sees it: in canonical order."""
    items = canonical_document(doc=doc)[layer]
    index = next(i for i, item in enumerate(items) if item["id"] == item_id)
    return json_pointer(path=(layer, index, *rest))


def item(doc: Doc, layer: str, item_id: str) -> dict[str, Any]:
    return next(x for x in doc[layer] if x["id"] == item_id)


def set_span(doc: Doc, obj: dict[str, Any], start: int, end: int) -> None:
    """Move a span and keep its text right, so that only the intended rule breaks."""
    obj.update(Span(start, end).to_json(doc["text"]))


@pytest.mark.parametrize(
    "path", GOLD or [None], ids=lambda p: f"{p.parent.name}/{p.name}" if p else "no-gold-yet"
)
def test_real_gold_is_valid(path: Path | None) -> None:
    if path is None:
        pytest.skip("corpus has no documents yet")
    assert [str(p) for p in validate_file(path=path)] == []


def test_fixture_is_valid(doc: Doc) -> None:
    assert problems_of(doc) == []
    assert validate_document(doc=doc) == []


# -- spans -------------------------------------------------------------------------------
def test_shifted_offsets(doc: Doc) -> None:
    m3 = item(doc, "mentions", "m3")
    for span in (m3, m3["head"]):
        span["start"] += 1
        span["end"] += 1
    start, end = m3["start"], m3["end"]
    wrong = f"text[{start}:{end}]; 'Pakistan' occurs at [{start - 1}, {end - 1})"
    assert problems_of(doc) == [
        (at(doc, "mentions", "m3", "text"), f"span text does not match {wrong}"),
        (at(doc, "mentions", "m3", "head", "text"), f"span text does not match {wrong}"),
    ]


def test_wrong_span_text(doc: Doc) -> None:
    item(doc, "mentions", "m1")["text"] = "Iran"
    iran = find_span(text=doc["text"], needle="Iran")
    message = f"span text does not match text[0:8]; 'Iran' occurs at [{iran.start}, {iran.end})"
    assert problems_of(doc) == [(at(doc, "mentions", "m1", "text"), message)]


def test_span_end_beyond_text(doc: Doc) -> None:
    t2 = item(doc, "timexes", "t2")
    t2["end"] = len(doc["text"]) + 3
    message = f"span [{t2['start']}, 4020) ends beyond the text (4017 code points)"
    assert problems_of(doc) == [(at(doc, "timexes", "t2"), message)]


def test_span_start_not_before_end(doc: Doc) -> None:
    t2 = item(doc, "timexes", "t2")
    t2["start"] = t2["end"]
    message = f"empty or inverted span: start {t2['end']} >= end {t2['end']}"
    assert problems_of(doc) == [(at(doc, "timexes", "t2"), message)]


def test_head_outside_mention(doc: Doc) -> None:
    m1 = item(doc, "mentions", "m1")
    set_span(doc, m1["head"], 10, 14)
    message = "head [10, 14) is not inside the mention [0, 8)"
    assert problems_of(doc) == [(at(doc, "mentions", "m1", "head"), message)]


@pytest.mark.parametrize(
    ("start", "end", "error"),
    [
        (5, 5, ValueError),
        (6, 5, ValueError),
        (-1, 3, ValueError),
        (0, 2.0, TypeError),
        (True, 3, TypeError),
    ],
)
def test_span_rejects_bad_offsets(start: Any, end: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        Span(start, end)


def test_span_helpers() -> None:
    span = find_span(text="a b a b", needle="a b", after=1)
    assert (span, len(span), span.to_json("a b a b")) == (
        Span(4, 7),
        3,
        {"start": 4, "end": 7, "text": "a b"},
    )
    assert Span(0, 5).contains(span) is False and Span(3, 8).contains(span)
    assert Span(0, 5).overlaps(span) and not Span(0, 4).overlaps(span)
    assert Span.from_json(obj={"start": 1, "end": 2, "text": "x"}) == Span(1, 2)
    with pytest.raises(ValueError, match="ends past the text"):
        Span(4, 9).slice("a b a b")
    with pytest.raises(ValueError, match="does not occur"):
        find_span(text="abc", needle="z")


# -- identifiers and references ----------------------------------------------------------------
def test_dangling_mention_entity(doc: Doc) -> None:
    item(doc, "mentions", "m1")["entity"] = "e9"
    message = "dangling reference: no entity has id 'e9'"
    assert problems_of(doc) == [(at(doc, "mentions", "m1", "entity"), message)]


def test_reference_to_the_wrong_layer(doc: Doc) -> None:
    item(doc, "mentions", "m1")["entity"] = "t1"
    message = "dangling reference: no entity has id 't1' ('t1' is a timex)"
    assert problems_of(doc) == [(at(doc, "mentions", "m1", "entity"), message)]


def test_dangling_argument(doc: Doc) -> None:
    item(doc, "events", "ev1")["arguments"][0]["mention"] = "m99"
    message = "dangling reference: no mention has id 'm99'"
    assert problems_of(doc) == [("/events/0/arguments/0/mention", message)]


@pytest.mark.parametrize(
    ("layer", "item_id", "field", "value", "target"),
    [
        ("timexes", "t2", "anchor", "t7", "timex"),
        ("events", "ev1", "hopper", "h7", "hopper"),
    ],
)
def test_dangling_references(
    doc: Doc, layer: str, item_id: str, field: str, value: str, target: str
) -> None:
    item(doc, layer, item_id)[field] = value
    found = problems_of(doc)
    assert (
        at(doc, layer, item_id, field),
        f"dangling reference: no {target} has id {value!r}",
    ) in found


@pytest.mark.parametrize(
    ("field", "value", "target"),
    [
        ("perpetrators", ["e7"], "entity"),
        ("places", ["e7"], "entity"),
        ("times", ["t7"], "timex"),
        ("hoppers", ["h7"], "hopper"),
    ],
)
def test_dangling_casualty_references(doc: Doc, field: str, value: list[str], target: str) -> None:
    item(doc, "casualties", "c1")[field] = value
    message = f"dangling reference: no {target} has id {value[0]!r}"
    assert problems_of(doc) == [(f"/casualties/0/{field}/0", message)]


def test_dangling_victim_and_reporter(doc: Doc) -> None:
    c1 = item(doc, "casualties", "c1")
    c1["victims"]["mentions"] = ["m7"]
    c1["reported_by"]["entity"] = "e7"
    assert problems_of(doc) == [
        ("/casualties/0/victims/mentions/0", "dangling reference: no mention has id 'm7'"),
        ("/casualties/0/reported_by/entity", "dangling reference: no entity has id 'e7'"),
    ]


def test_speaker_mention_of_another_entity(doc: Doc) -> None:
    item(doc, "quotes", "q1")["speakers"][0]["mention"] = "m1"
    message = "mention m1 belongs to entity e1, not to e3"
    assert problems_of(doc) == [("/quotes/0/speakers/0/mention", message)]


def test_duplicate_id(doc: Doc) -> None:
    doc["entities"].append(dict(doc["entities"][0], name="Pakistan again"))
    message = "duplicate id 'e1' (already used at /entities/0)"
    assert problems_of(doc) == [("/entities/1/id", message)]


def test_id_prefix_must_fit_the_layer(doc: Doc) -> None:
    item(doc, "zones", "z6")["id"] = "zz6"
    assert problems_of(doc) == [("/zones/5/id", "id 'zz6' does not fit layer zones")]


def test_entity_without_mention_and_hopper_without_event(doc: Doc) -> None:
    doc["entities"].append(
        {"id": "e4", "name": "China", "type": "GPE", "subtype": None, "class": "SPC"}
    )
    doc["hoppers"].append({"id": "h2", "type": "Life.Die", "description": "deaths"})
    assert problems_of(doc) == [
        ("/entities/3", "entity e4 has no mention"),
        ("/hoppers/1", "hopper h2 has no event"),
    ]


# -- duplicates ----------------------------------------------------------------------------
def test_duplicate_mention(doc: Doc) -> None:
    doc["mentions"].append(dict(item(doc, "mentions", "m3"), id="m5"))
    message = f"duplicate mention: same span as {at(doc, 'mentions', 'm3')}"
    assert problems_of(doc) == [(at(doc, "mentions", "m5"), message)]


def test_one_span_one_mention(doc: Doc) -> None:
    """M1: a span takes one reading. Two mentions of one span (the city and the state)
    would make the gold a duplicate of itself for the entity scorer (spans and labels)
    and for coreference (one mention per span)."""
    doc["mentions"].append(dict(item(doc, "mentions", "m3"), id="m5", entity="e2"))
    message = f"duplicate mention: same span as {at(doc, 'mentions', 'm3')}"
    assert problems_of(doc) == [(at(doc, "mentions", "m5"), message)]
    doc["mentions"][-1].update(entity="e3", type="PER", subtype="Individual", gpe_role=None)
    assert problems_of(doc) == [(at(doc, "mentions", "m5"), message)]
    assert not quick_check(doc=doc, inventory=load_inventory())


@pytest.mark.parametrize(
    ("layer", "item_id", "what"),
    [
        ("timexes", "t2", "same span"),
        ("events", "ev1", "same trigger and type"),
        ("quotes", "q1", "same content span"),
        ("casualties", "c1", "identical apart from the id"),
    ],
)
def test_duplicate_annotations(doc: Doc, layer: str, item_id: str, what: str) -> None:
    copy_id = item_id + "0"  # sorts after the original
    doc[layer].append(json.loads(json.dumps(dict(item(doc, layer, item_id), id=copy_id))))
    noun = {"timexes": "timex", "events": "event", "quotes": "quote", "casualties": "casualty"}[
        layer
    ]
    expected = (at(doc, layer, copy_id), f"duplicate {noun}: {what} as {at(doc, layer, item_id)}")
    assert expected in problems_of(doc)


def test_duplicate_argument(doc: Doc) -> None:
    arguments = item(doc, "events", "ev1")["arguments"]
    arguments.append(dict(arguments[0]))
    entity = item(doc, "mentions", arguments[0]["mention"])["entity"]
    message = f"duplicate argument: same role and entity {entity} as /events/0/arguments/0"
    assert problems_of(doc) == [("/events/0/arguments/3", message)]


def test_two_mentions_of_one_entity_fill_one_role_once(doc: Doc) -> None:
    """A1: one argument per filler; coreference-aware scoring keys a filler by entity, and
    gold with two mentions of one entity in one role would count a prediction twice."""
    arguments = item(doc, "events", "ev1")["arguments"]
    assert arguments[1] == {"role": "Place", "mention": "m3"}  # Pakistan, e1
    where = find_span(text=doc["text"], needle="Pakistan", after=680).to_json(doc["text"])
    doc["mentions"].append(dict(item(doc, "mentions", "m3"), id="m5", **where, head=where))
    arguments.append({"role": "Place", "mention": "m5"})  # another mention of e1
    message = "duplicate argument: same role and entity e1 as /events/0/arguments/1"
    assert problems_of(doc) == [("/events/0/arguments/3", message)]
    assert not quick_check(doc=doc, inventory=load_inventory())  # its quick twin
    arguments[-1]["role"] = "Target"  # another role: another argument
    assert problems_of(doc) == []
    assert quick_check(doc=doc, inventory=load_inventory())


# -- zones -------------------------------------------------------------------------------
def test_overlapping_zones(doc: Doc) -> None:
    z4 = item(doc, "zones", "z4")
    set_span(doc, z4, z4["start"] - 2, z4["end"])
    message = "zone z4 overlaps zone z3: it starts at 85, before z3 ends at 87"
    assert problems_of(doc) == [("/zones/3", message)]


def test_gap_between_zones(doc: Doc) -> None:
    z4 = item(doc, "zones", "z4")
    set_span(doc, z4, z4["start"] + 2, z4["end"])
    assert problems_of(doc) == [
        ("/zones/3", "gap between zones z3 and z4: text[87:89] is in no zone")
    ]


def test_zones_must_start_at_zero_and_reach_the_end(doc: Doc) -> None:
    set_span(doc, item(doc, "zones", "z1"), 1, 73)
    set_span(doc, item(doc, "zones", "z6"), 3849, 4000)
    mention = item(doc, "mentions", "m1")  # m1 at [0, 8) no longer lies in a zone
    set_span(doc, mention, 1, 8)
    set_span(doc, mention["head"], 1, 8)
    assert problems_of(doc) == [
        ("/zones", "the zones end at 4000, not at the end of the text"),
        ("/zones/0", "the first zone z1 starts at 1: text[0:1] is in no zone"),
    ]


def test_annotation_in_unannotated_zone(doc: Doc) -> None:
    where = find_span(text=doc["text"], needle="Pakistan", after=80)  # the 2nd headline
    m1 = item(doc, "mentions", "m1")
    doc["mentions"].append(
        dict(m1, id="m5", **where.to_json(doc["text"]), head=where.to_json(doc["text"]))
    )
    message = "span [88, 96) lies in zone z4 (boilerplate), which is not annotated"
    assert problems_of(doc) == [(at(doc, "mentions", "m5"), message)]


def test_annotation_across_zones(doc: Doc) -> None:
    set_span(doc, item(doc, "timexes", "t1"), 74, 88)
    found = problems_of(doc)
    assert (at(doc, "timexes", "t1"), "span [74, 88) crosses zone boundaries (z3, z4)") in found


# -- types -------------------------------------------------------------------------------
def test_mention_subtype_differs_from_entity(doc: Doc) -> None:
    item(doc, "mentions", "m1")["subtype"] = "Population-Center"
    message = (
        "mention subtype 'Population-Center' differs from the subtype 'Nation' of its entity e1"
    )
    assert problems_of(doc) == [(at(doc, "mentions", "m1", "subtype"), message)]


def test_mention_type_differs_from_entity(doc: Doc) -> None:
    item(doc, "mentions", "m4")["type"] = "ORG"
    message = "mention type 'ORG' differs from the type 'PER' of its entity e3"
    assert problems_of(doc) == [(at(doc, "mentions", "m4", "type"), message)]


def test_entity_type_and_subtype_from_inventory(doc: Doc) -> None:
    item(doc, "entities", "e2")["subtype"] = "Planet"
    item(doc, "mentions", "m2")["subtype"] = "Planet"
    item(doc, "entities", "e3")["type"] = "ALIEN"
    item(doc, "mentions", "m4")["type"] = "ALIEN"
    assert problems_of(doc) == [
        (at(doc, "entities", "e2", "subtype"), "subtype 'Planet' is not allowed for type GPE"),
        (at(doc, "entities", "e3", "type"), "unknown entity type 'ALIEN'"),
    ]


def test_gpe_role_and_metonymy(doc: Doc) -> None:
    item(doc, "mentions", "m1")["gpe_role"] = None
    m4 = item(doc, "mentions", "m4")
    m4["gpe_role"] = "GOV"
    m4["metonymy"] = "capital-for-government"
    assert problems_of(doc) == [
        (at(doc, "mentions", "m1", "gpe_role"), "a GPE mention needs a gpe_role"),
        (at(doc, "mentions", "m4", "gpe_role"), "gpe_role must be null on a PER mention"),
        (
            at(doc, "mentions", "m4", "metonymy"),
            "metonymy is only allowed on GPE mentions, not on PER",
        ),
    ]


def test_role_not_allowed_for_event_type(doc: Doc) -> None:
    item(doc, "events", "ev1")["arguments"][0]["role"] = "Victim"
    message = "role 'Victim' is not allowed for Conflict.Attack"
    assert problems_of(doc) == [("/events/0/arguments/0/role", message)]


def test_hopper_type_mismatch(doc: Doc) -> None:
    item(doc, "hoppers", "h1")["type"] = "Life.Die"
    message = "event type 'Conflict.Attack' differs from the type 'Life.Die' of its hopper h1"
    assert problems_of(doc) == [("/events/0/type", message)]


def test_unknown_event_type(doc: Doc) -> None:
    item(doc, "hoppers", "h1")["type"] = "Conflict.Demonstrate"
    item(doc, "events", "ev1")["type"] = "Conflict.Demonstrate"
    assert problems_of(doc) == [("/events/0/type", "unknown event type 'Conflict.Demonstrate'")]


# -- casualty counts -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("count", "message"),
    [
        ((11, 12, 10, "approximate"), "count out of order: value 11, low 12, high 10"),
        ((11, 10, 11, "exact"), "precision 'exact' with value 11, low 10, high 11"),
        ((None, None, None, "exact"), "precision 'exact' with value null, low null, high null"),
        ((11, None, None, "unknown"), "precision 'unknown' with value 11, low null, high null"),
        ((11, None, None, "at_least"), "precision 'at_least' with value 11, low null, high null"),
        ((11, 11, 20, "at_least"), "precision 'at_least' with value 11, low 11, high 20"),
        ((11, 5, None, "at_most"), "precision 'at_most' with value 11, low 5, high null"),
        ((11, 11, 11, "range"), "precision 'range' with value 11, low 11, high 11"),
        ((None, 12, 10, "range"), "count out of order: value null, low 12, high 10"),
    ],
)
def test_bad_counts(doc: Doc, count: tuple, message: str) -> None:
    item(doc, "casualties", "c1")["count"] = dict(
        zip(("value", "low", "high", "precision"), count, strict=True)
    )
    assert problems_of(doc) == [("/casualties/0/count", message)]


@pytest.mark.parametrize(
    "count",
    [
        (None, None, None, "unknown"),
        (11, 11, 11, "exact"),
        (11, 10, 12, "approximate"),
        (None, None, None, "vague"),
        (None, 10, None, "at_least"),
        (12, 10, None, "at_least"),
        (None, None, 10, "at_most"),
        (None, 10, 12, "range"),
    ],
)
def test_good_counts(doc: Doc, count: tuple) -> None:
    item(doc, "casualties", "c1")["count"] = dict(
        zip(("value", "low", "high", "precision"), count, strict=True)
    )
    assert problems_of(doc) == []


# -- timexes -------------------------------------------------------------------------------
def test_bad_timex_value(doc: Doc) -> None:
    item(doc, "timexes", "t2")["value"] = "Tuesday"
    message = "'Tuesday' is not a well-formed TIMEX3 TIME value"
    assert problems_of(doc) == [(at(doc, "timexes", "t2", "value"), message)]


def test_missing_creation_time(doc: Doc) -> None:
    item(doc, "timexes", "t1")["function"] = "NONE"
    assert problems_of(doc) == [("/timexes", "no timex has function CREATION_TIME")]


def test_creation_time_differs_from_publication_date(doc: Doc) -> None:
    item(doc, "timexes", "t1")["value"] = "2024-01-18"
    message = "CREATION_TIME value '2024-01-18' differs from metadata.publication_date"
    assert problems_of(doc) == [(at(doc, "timexes", "t1", "value"), message)]


def test_timex_anchored_to_itself(doc: Doc) -> None:
    item(doc, "timexes", "t2")["anchor"] = "t2"
    assert problems_of(doc) == [
        (at(doc, "timexes", "t2", "anchor"), "a timex cannot be its own anchor")
    ]


def test_publication_date_must_exist(doc: Doc) -> None:
    doc["metadata"]["publication_date"] = "2024-02-30"
    item(doc, "timexes", "t1")["value"] = "2024-02-30"
    found = problems_of(doc)
    assert ("/metadata/publication_date", "'2024-02-30' is not a calendar date") in found


# -- schema --------------------------------------------------------------------------------
def test_missing_field_is_reported_with_its_pointer_and_nothing_else(doc: Doc) -> None:
    del item(doc, "mentions", "m1")["kind"]
    assert problems_of(doc) == [(at(doc, "mentions", "m1"), "'kind' is a required property")]


def test_wrong_type_is_reported_with_its_pointer(doc: Doc) -> None:
    item(doc, "timexes", "t2")["start"] = "1"
    item(doc, "mentions", "m1")["end"] = 8.0  # JSON Schema would call 8.0 an integer
    assert problems_of(doc) == [
        (at(doc, "mentions", "m1", "end"), "wrong type; found 8.0"),
        (at(doc, "timexes", "t2", "start"), 'wrong type; found "1"'),
    ]


def test_missing_layer_and_unknown_key(doc: Doc) -> None:
    del doc["quotes"]
    doc["comment"] = "hi"
    assert problems_of(doc) == [
        ("", 'unknown key "comment"'),
        ("", "'quotes' is a required property"),
    ]


def test_schema_errors_carry_the_expected_value(doc: Doc) -> None:
    item(doc, "events", "ev1")["realis"] = "MAYBE"
    [problem] = validate_bytes(data=canonical_bytes(doc=doc), file="f.json")
    assert problem.pointer == "/events/0/realis"
    assert problem.expected == 'one of "ACTUAL", "GENERIC", "OTHER"'


def test_not_an_object() -> None:
    problems = validate_bytes(data=b"[1, 2]\n", file="f.json")
    assert [(p.pointer, p.message) for p in problems] == [("", "wrong type; found [1, 2]")]


# -- file-level checks -----------------------------------------------------------------------
def test_text_differs_from_seed(doc: Doc) -> None:
    text = doc["text"]
    doc["text"] = text[:-1] + "X"
    set_span(doc, item(doc, "zones", "z6"), 3849, len(text))
    message = "text differs from the seed file seeds/000_2a4f40216c15907b.txt at offset 4016: 'X'"
    assert problems_of(doc) == [("/text", message)]


def test_seed_sha256_and_seed_file(doc: Doc) -> None:
    doc["metadata"]["source"]["seed_sha256"] = "0" * 64
    assert problems_of(doc) == [
        ("/metadata/source/seed_sha256", f"differs from the sha256 of {SEED_FILE}"),
    ]
    doc["metadata"]["source"]["seed_file"] = "seeds/nope.txt"
    assert problems_of(doc) == [
        (
            "/metadata/source/seed_file",
            "cannot read seed file 'seeds/nope.txt': No such file or directory "
            f"(looked in {paths.data_root()})",
        )
    ]
    doc["metadata"]["source"]["seed_file"] = "../etc/passwd"
    assert problems_of(doc) == [
        (
            "/metadata/source/seed_file",
            "'../etc/passwd' does not match '^seeds/[A-Za-z0-9_.-]+$'",
        )
    ]


def test_file_name_must_be_the_id(doc: Doc) -> None:
    problems = validate_bytes(data=canonical_bytes(doc=doc), file="x.json", stem="x")
    assert [(p.pointer, p.message) for p in problems] == [
        ("/id", "id '000_2a4f40216c15907b' differs from the file name 'x'")
    ]


def test_non_canonical_formatting(doc: Doc, write_doc: Callable[..., Path]) -> None:
    path = write_doc(doc)
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")  # all on line 1
    hint = f"run `wiregold format --write {path}`"
    problems = validate_file(path=path)
    assert [(p.pointer, p.message) for p in problems] == [
        ("", f"not in canonical format (first difference at line 1); {hint}")
    ]
    assert str(problems[0]) == (
        f"{path}:1: /: not in canonical format (first difference at line 1); {hint} "
        "(expected: canonical formatting)"
    )


def test_items_out_of_canonical_order(doc: Doc, write_doc: Callable[..., Path]) -> None:
    path = write_doc(doc)
    lines = path.read_text(encoding="utf-8").split("\n")
    first = lines.index('  "zones": [') + 1
    lines[first], lines[first + 1] = (
        lines[first + 1].rstrip(",") + ",",
        lines[first].rstrip(",") + ",",
    )
    path.write_text("\n".join(lines), encoding="utf-8")
    [problem] = validate_file(path=path)
    assert problem.line == first + 1
    assert problem.message.startswith(
        f"not in canonical format (first difference at line {first + 1})"
    )


# -- reporting -------------------------------------------------------------------------------
def test_problems_point_at_the_line_of_their_item(doc: Doc, write_doc: Callable[..., Path]) -> None:
    item(doc, "mentions", "m3")["subtype"] = "Population-Center"
    path = write_doc(doc)
    [problem] = validate_file(path=path)
    line = path.read_text(encoding="utf-8").split("\n").index('  "mentions": [') + 1 + 2 + 1
    assert problem.line == line
    assert '"id": "m3"' in path.read_text(encoding="utf-8").split("\n")[line - 1]
    assert str(problem) == (
        f"{path}:{line}: /mentions/2/subtype: mention subtype 'Population-Center' differs from the "
        "subtype 'Nation' of its entity e1 (expected: \"Nation\")"
    )


def test_all_problems_are_collected(doc: Doc) -> None:
    item(doc, "mentions", "m1")["entity"] = "e9"
    item(doc, "events", "ev1")["arguments"][0]["role"] = "Victim"
    item(doc, "timexes", "t2")["value"] = "Tuesday"
    del item(doc, "quotes", "q1")["kind"]
    assert len(problems_of(doc)) == 4


def test_problem_without_expected() -> None:
    assert str(Problem("f.json", "/a", "bad")) == "f.json:1: /a: bad"


def test_validate_document_skips_file_checks(doc: Doc) -> None:
    doc["id"] = "other"
    assert validate_document(doc=doc) == []


# -- robustness ----------------------------------------------------------------------------
def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path into a JSON value (skipping the long text itself)."""
    found = [prefix]
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


_DOC = build_document()
_ALL_PATHS = [p for p in _paths(_DOC) if p]
_JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=5),
    st.builds(list),
    st.builds(dict),
    st.builds(lambda: {"start": 5, "end": 3, "text": "x"}),
    st.sampled_from(["e1", "m1", "t1", "h1", "ev1", "z1", "c1", "q1", "GPE", "Life.Die"]),
)


@settings(max_examples=150, deadline=None)
@given(changes=st.lists(st.tuples(st.sampled_from(_ALL_PATHS), _JUNK), min_size=1, max_size=4))
def test_any_corruption_is_reported_not_raised(changes: list[tuple[tuple, Any]]) -> None:
    document = copy.deepcopy(_DOC)
    for path, junk in changes:
        node = document
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = junk
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
    data = json.dumps(document, ensure_ascii=False).encode()
    problems = validate_bytes(data=data, file="f.json", stem=_DOC["id"])
    assert all(isinstance(p, Problem) for p in problems)


# -- the quick semantic pass -----------------------------------------------------------------


def _semantic_problems(doc: Doc) -> list[tuple[JsonPath, str, str | None]]:
    """Every problem the semantic rules report, run in full (no quick pass)."""
    found: list[tuple[JsonPath, str, str | None]] = []
    SemanticChecks(
        doc=doc,
        bad_items=set(),
        bad_keys=set(),
        inventory=load_inventory(),
        report=lambda path, message, expected: found.append((path, message, expected)),
    ).run()
    return found


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _leaves(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _leaves(child, (*path, index))
    else:
        yield path, value


def _semantic_mutations(rng: random.Random, doc: Doc) -> Iterator[Doc]:
    """Copies of ``doc`` with one change that keeps most of them schema-valid: a scalar
    replaced by another of the document's scalars of its type, or by a nearby integer; an
    item copied, dropped, or given another item's id."""
    leaves = [(path, value) for path, value in _leaves(doc) if path[0] != "metadata"]
    by_type: dict[type, list[Any]] = {}
    for _, value in leaves:
        by_type.setdefault(type(value), []).append(value)
    layers = [layer for layer in LAYERS if doc[layer]]
    for _ in range(150):
        mutated = copy.deepcopy(doc)
        action = rng.random()
        if rng.random() < 0.04:  # the metadata rule: a date line or languages of another text
            meta = mutated["metadata"]
            if rng.random() < 0.5:
                meta["date_line"] = rng.choice(["19 January 2024", meta["date_line"] + "!"])
            else:
                meta["languages"] = rng.choice([["en"], ["tr"], ["en", "tr", "fr"]])
        elif action < 0.75:
            path, value = rng.choice(leaves)
            if type(value) is int:
                new = rng.choice([value + 1, value - 1, 0, rng.choice(by_type[int])])
            else:
                new = rng.choice(by_type[type(value)])
            target = mutated
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = new
        else:
            items = mutated[rng.choice(layers)]
            picked = rng.randrange(len(items))
            if action < 0.85:
                items.append(copy.deepcopy(items[picked]))
            elif action < 0.9:
                del items[picked]
            elif action < 0.95:  # a copy under a new id: a duplicate, and nothing else
                copied = copy.deepcopy(items[picked])
                copied["id"] = copied["id"].rstrip("0123456789") + "9999"
                items.append(copied)
            else:
                other = mutated[rng.choice(layers)]
                items[picked]["id"] = rng.choice(other)["id"]
        yield mutated


def _broken_rules(doc: Doc) -> set[str]:
    """The rules (names in ``RULES``) that report a problem in ``doc``."""
    reported: list[str] = []
    checks = SemanticChecks(
        doc=doc,
        bad_items=set(),
        bad_keys=set(),
        inventory=load_inventory(),
        report=lambda path, message, expected: reported.append(rule),
    )
    broken = set()
    for rule in RULES:
        getattr(checks, rule)()
        if reported:
            broken.add(rule)
            reported.clear()
    return broken


def test_quick_check_agrees_with_the_rules() -> None:
    """The quick pass says "no rule broken" exactly when the rules report nothing (on
    schema-valid documents: it runs only on those), and each rule is the only one broken
    by some mutation (so that a rule without its quick form fails here)."""
    fast = schemas.fast_check(schemas.DOCUMENT)
    inventory = load_inventory()
    rng = random.Random(3)
    documents = [json.loads(path.read_text(encoding="utf-8")) for path in GOLD[:3]]
    documents += [gold_document(number)[0] for number in range(4)]
    checked = broken = 0
    alone: set[str] = set()
    for doc in documents:
        assert quick_check(doc=doc, inventory=inventory) and not _semantic_problems(doc)
        for mutated in _semantic_mutations(rng, doc):
            if not fast(mutated):
                continue
            problems = _semantic_problems(mutated)
            assert quick_check(doc=mutated, inventory=inventory) == (not problems), problems
            checked += 1
            broken += bool(problems)
            rules = _broken_rules(mutated)
            if len(rules) == 1:  # the quick form of that rule alone had to see it
                alone |= rules
    assert checked > 500 and broken > checked // 3  # the mutations do break rules
    assert alone == set(RULES)


def test_quick_check_says_might_for_shapes_it_does_not_expect() -> None:
    doc = json.loads(GOLD[0].read_text(encoding="utf-8"))
    inventory = load_inventory()
    for layer, value in (("mentions", None), ("zones", [None]), ("quotes", [{"id": 5}])):
        assert not quick_check(doc={**doc, layer: value}, inventory=inventory)


# -- the fast schema check's shortcuts, against jsonschema ------------------------------------

SHORTCUT_SCHEMAS: list[dict[str, Any]] = [
    # oneOf / anyOf of "required" only, anyOf with null, and a closed object with all
    # properties required (one test of its keys)
    {
        "type": "object",
        "additionalProperties": False,
        "properties": {"m": {"type": "string"}, "t": {"type": "string"}},
        "oneOf": [{"required": ["m"]}, {"required": ["t"]}],
    },
    {"oneOf": [{"required": ["m"]}]},
    {"anyOf": [{"required": ["m"]}, {"required": ["t"]}]},
    {"allOf": [{"anyOf": [{"required": ["m", "t"]}, {"required": ["u"]}]}]},
    {"type": ["string", "null", "integer"]},
    {"type": ["number", "boolean"]},
    {"enum": ["x", "ab"]},
    {"enum": ["x", None]},
    {"anyOf": [{"type": "null"}, {"type": "string", "pattern": "^[a-z]+[0-9]+$"}]},
    {"anyOf": [{"type": "string", "pattern": "^[a-z]+[0-9]+$", "maxLength": 4}, {"type": "null"}]},
    {
        "type": "object",
        "additionalProperties": False,
        "required": ["a", "b"],
        "properties": {"a": {"type": "integer", "minimum": 0}, "b": {"type": "string"}},
    },
    {"type": "string", "minLength": 2},
    {"type": "array", "uniqueItems": True},
    {"type": "array", "uniqueItems": True, "items": {"type": "string", "pattern": "^x"}},
]
SHORTCUT_VALUES: list[Any] = [
    None,
    True,
    0,
    1,
    1.0,
    -1,
    "",
    "x",
    "ab",
    "m12",
    "m123",
    "m1\n",
    "M1",
    [],
    ["x"],
    ["x", "x"],
    ["x", "xy"],
    [1, True],
    [1, 1.0],
    [0, False],
    [{"a": 1}, {"a": 1}],
    [{"a": 1}, {"a": True}],
    [[1], [True]],
    ["x", 1, "x"],
    {},
    {"m": "x"},
    {"t": "x"},
    {"m": "x", "t": "y"},
    {"m": 1},
    {"u": "x"},
    {"a": 0, "b": "x"},
    {"a": -1, "b": "x"},
    {"a": True, "b": "x"},
    {"a": 0},
    {"a": 0, "b": "x", "c": None},
]


@pytest.mark.parametrize("schema", SHORTCUT_SCHEMAS)
def test_fast_schema_shortcuts_agree_with_jsonschema(schema: dict[str, Any]) -> None:
    from jsonschema import Draft202012Validator, validators

    strict = Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _, v: type(v) is int)
    validator = validators.extend(Draft202012Validator, type_checker=strict)(schema)
    fast = compile_schema(schema)
    for _ in range(2):  # the second time, from what the checks remember
        for value in SHORTCUT_VALUES:
            assert fast(value) == validator.is_valid(value), value


@pytest.mark.parametrize(
    ("layer", "field", "side"),
    [("mentions", None, "start"), ("mentions", None, "end"), ("quotes", "content", "start")],
)
def test_a_span_with_white_space_at_an_edge_is_refused(
    layer: str, field: str | None, side: str
) -> None:
    """G2: spans never begin or end with white space (zones excepted: they tile the text).
    The quick pass must see it too, or the rules would never run."""
    doc = json.loads(GOLD[0].read_text(encoding="utf-8"))
    text = doc["text"]
    index, span = next(
        (i, s)
        for i, item in enumerate(doc[layer])
        for s in [item[field] if field else item]
        if (text[s["start"] - 1] if side == "start" else text[s["end"]]) == " "
    )
    stored = span["text"]
    if side == "start":
        span["start"] -= 1
    else:
        span["end"] += 1
    span["text"] = text[span["start"] : span["end"]]
    assert not quick_check(doc=doc, inventory=load_inventory())
    path = (layer, index, *([field] if field else []))
    shown = shorten(text=repr(span["text"]), limit=60)
    assert [(p, m) for p, m, _ in _semantic_problems(doc)] == [
        (path, f"span begins or ends with white space: {shown}")
    ]
    at = span["start"] + (side == "start")
    expected = f"[{at}, {at + len(stored)}) {shorten(text=repr(stored), limit=60)} (G2)"
    assert _semantic_problems(doc)[0][2] == expected


def test_date_line_and_languages_come_from_the_text_and_zones() -> None:
    doc = json.loads(GOLD[0].read_text(encoding="utf-8"))
    doc["metadata"]["date_line"] = "19 January 2024"
    doc["metadata"]["languages"] = ["en"]
    assert _semantic_problems(doc) == [
        (
            ("metadata", "date_line"),
            "date_line '19 January 2024' does not occur in the text",
            "the date line exactly as printed",
        ),
        (
            ("metadata", "languages"),
            "languages en differ from the languages of the zones",
            "en, tr",
        ),
    ]


def test_a_quote_kind_must_fit_its_content() -> None:
    """Q1: mixed content holds a quotation mark, indirect content none; direct content
    (which may quote a quote) is not checked."""
    doc = json.loads(GOLD[0].read_text(encoding="utf-8"))
    inventory = load_inventory()
    kinds = {q["id"]: q["kind"] for q in doc["quotes"]}
    mixed = next(i for i, q in enumerate(doc["quotes"]) if q["kind"] == "mixed")
    indirect = next(i for i, q in enumerate(doc["quotes"]) if q["kind"] == "indirect")
    doc["quotes"][mixed]["kind"] = "indirect"
    doc["quotes"][indirect]["kind"] = "mixed"
    assert kinds and not quick_check(doc=doc, inventory=inventory)
    marks = [c for c in "\u201c\u201d\u2018" if c in doc["quotes"][mixed]["content"]["text"]]
    assert _semantic_problems(doc) == [
        (
            ("quotes", mixed, "kind"),
            f"kind indirect, but the content holds quotation marks ({' '.join(marks)})",
            "mixed (a paraphrase with a verbatim part), or no marks (Q1)",
        ),
        (
            ("quotes", indirect, "kind"),
            "kind mixed, but the content holds no quotation mark",
            "indirect or direct, or a content with its quoted part (Q1)",
        ),
    ]
    # Direct: the marks inside the content are not checked (it may quote a quote), but
    # the content stands right inside quotation marks (Q2), which a paraphrase does not.
    doc["quotes"][mixed]["kind"] = "direct"
    doc["quotes"][indirect]["kind"] = "indirect"
    assert not quick_check(doc=doc, inventory=inventory)
    assert _semantic_problems(doc) == [
        (
            ("quotes", mixed, "kind"),
            "kind direct, but the content is not enclosed in quotation marks",
            "a mark right before and after the content (Q1, Q2), or indirect",
        )
    ]
    direct = [q for q in doc["quotes"] if q["kind"] == "direct" and q is not doc["quotes"][mixed]]
    assert len(direct) > 5  # each of them enclosed, one with a comma before its closing mark


# -- rules the annotators' slips called for (each with its quick twin) --------------------
def _widen(doc: Doc, obj: dict[str, Any], left: int, right: int) -> None:
    set_span(doc, obj, obj["start"] - left, obj["end"] + right)


def _with_problem(doc: Doc, expected: list[tuple[str, str]]) -> None:
    assert problems_of(doc) == expected
    assert not quick_check(doc=doc, inventory=load_inventory())


def test_spans_keep_commas_out(doc: Doc) -> None:
    """G2: the title's "Pakistan, Iran agree": a mention with the comma."""
    m1 = item(doc, "mentions", "m1")
    _widen(doc, m1, 0, 1)
    _with_problem(doc, [(at(doc, "mentions", "m1"), "span ends with ',': 'Pakistan,'")])


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Pakistan,", "span ends with ','"),
        ("; and Iran", "span begins with ';'"),
        ("?Iran", "span begins with '?'"),
        ("Yahoo!", None),  # a name may end with ! or ?, an abbreviation with a period
        ("U.S.", None),
        (".50-caliber rounds", None),
        ("\u201cthey agreed\u201d", "quotation marks surround the whole span"),
        ('"they agreed"', "quotation marks surround the whole span"),
        ("\u2018de-escalate\u2019", "quotation marks surround the whole span"),
        ("\u00abJaish al-Adl\u00bb", "quotation marks surround the whole span"),
        (
            "\u201cHe called them \u201cterrorists\u201d\u201d",
            "quotation marks surround the whole span",
        ),
        ("they agreed\u201d", "span ends with a \u201d whose partner is outside it"),
        (
            "\u201cterrorist\u201d targets\u201d",
            "span ends with a \u201d whose partner is outside it",
        ),
        ("\u201cthey agreed", "span begins with a \u201c whose partner is outside it"),
        ('they "agreed', None),  # an inner lone mark is not at an edge
        ('12"', None),  # an inch mark: straight marks are checked around the span only
        ("\u201cterrorist\u201d targets", None),  # inner marks stay
        ("\u201cclose coordination\u201d was needed", None),  # a mixed content
        ("\u201ca\u201d and \u201cb\u201d", None),  # two quoted parts
        ("Iran\u2019s envoy", None),
        ("the farmers\u2019", None),  # U+2019 is also the apostrophe
        (":", None),  # the colon cue of a headline
        ("Pakistan", None),
    ],
)
def test_edge_punctuation(text: str, problem: str | None) -> None:
    from wiregold.checks import edge_punctuation

    assert edge_punctuation(text) == problem


def test_gold_span_with_surrounding_marks(doc: Doc) -> None:
    quote = item(doc, "quotes", "q1")
    _widen(doc, quote["content"], 1, 1)  # the content with its “ ”
    assert quote["content"]["text"].startswith("“")
    shown = shorten(text=repr(quote["content"]["text"]), limit=60)
    _with_problem(
        doc,
        [
            (
                at(doc, "quotes", "q1", "content"),
                f"quotation marks surround the whole span: {shown}",
            ),
            (  # and so the marks are no longer right outside the content
                at(doc, "quotes", "q1", "kind"),
                "kind direct, but the content is not enclosed in quotation marks",
            ),
        ],
    )


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("said “We agreed,” he", 6, 15, True),  # comma before the closing mark
        ("said “Why?” he", 6, 9, True),
        ("said \u2018de-escalate\u2019 after", 6, 17, True),
        ("said “We agreed” he", 6, 15, True),
        ("said We agreed, he", 5, 14, False),  # a paraphrase
        ("said “We agreed,, he", 6, 15, False),
        ("“We agreed”", 0, 11, False),  # the marks inside the span, none outside
    ],
)
def test_enclosed(text: str, start: int, end: int, expected: bool) -> None:
    from wiregold.checks import enclosed

    assert enclosed(text, start, end) is expected


def test_mentions_nest_or_lie_apart(doc: Doc) -> None:
    m3 = item(doc, "mentions", "m3")  # "Pakistan" in "... in Pakistan on Tuesday night"
    crossing = dict(m3, id="m5")
    set_span(doc, crossing, m3["start"] + 3, m3["end"] + 3)  # "istan on"
    crossing["head"] = Span(crossing["start"], crossing["end"]).to_json(doc["text"])
    doc["mentions"].append(crossing)
    message = f"mention [{crossing['start']}, {crossing['end']}) crosses mention m3 "
    message += f"[{m3['start']}, {m3['end']})"
    _with_problem(doc, [(at(doc, "mentions", "m5"), message)])


def test_crossing_spans() -> None:
    from wiregold.checks import crosses_any, crossing_spans

    # [8, 12) crosses [5, 10) and [0, 10): listed once, with the later-starting one.
    assert crossing_spans([(0, 10, 0), (2, 5, 1), (5, 10, 2), (8, 12, 3)]) == [(2, 3)]
    assert crossing_spans([(0, 5, 0), (3, 8, 1), (4, 9, 2)]) == [(0, 1), (1, 2)]
    # A chain: [12, 20) crosses [5, 15), which crosses [0, 10): both are listed.
    assert crossing_spans([(0, 10, 0), (5, 15, 1), (12, 20, 2)]) == [(0, 1), (1, 2)]
    for spans in ([(0, 10), (5, 15), (12, 20)], [(0, 5), (3, 8)], [(4, 9), (0, 6)]):
        assert crosses_any(spans)
    assert not crosses_any([(0, 10), (2, 5), (5, 10), (10, 12), (0, 10)])
    assert crossing_spans([(0, 10, 0), (0, 10, 1), (3, 4, 2), (10, 12, 3)]) == []
    assert crossing_spans([(4, 9, 0), (0, 6, 1)]) == [(1, 0)]


def test_time_is_a_timex_and_a_timex_only_time(doc: Doc) -> None:
    arguments = item(doc, "events", "ev1")["arguments"]
    assert arguments[2] == {"role": "Time", "timex": "t2"}
    arguments[1]["role"] = "Time"  # a mention (m3) as Time
    arguments[2]["role"] = "Target"  # a timex as Target
    _with_problem(
        doc,
        [
            ("/events/0/arguments/1/role", "role 'Time' filled by a mention"),
            ("/events/0/arguments/2/role", "role 'Target' filled by a timex"),
        ],
    )


def test_fillers_come_from_the_trigger_zone(doc: Doc) -> None:
    arguments = item(doc, "events", "ev1")["arguments"]
    arguments.append({"role": "Target", "mention": "m1"})  # the title's Pakistan
    message = "filler m1 lies in zone z1, the trigger in zone z5"
    _with_problem(doc, [("/events/0/arguments/3", message)])


def test_weekday_and_value_agree(doc: Doc) -> None:
    item(doc, "timexes", "t2")["value"] = "2024-01-17TNI"  # a Wednesday night
    message = "'2024-01-17TNI' is a Wednesday, but the text names Tuesday"
    _with_problem(doc, [(at(doc, "timexes", "t2", "value"), message)])


def test_capital_for_government_is_a_mention_of_the_nation(doc: Doc) -> None:
    """M1: the metonymic capital is a mention of the nation entity."""
    doc["entities"].append(
        {
            "id": "e4",
            "name": "Tehran",
            "type": "GPE",
            "subtype": "Population-Center",
            "class": "SPC",
        }
    )
    where = find_span(text=doc["text"], needle="Tehran").to_json(doc["text"])
    doc["mentions"].append(
        dict(
            item(doc, "mentions", "m3"),
            id="m5",
            entity="e4",
            subtype="Population-Center",
            gpe_role="GOV",
            metonymy="capital-for-government",
            **where,
            head=where,
        )
    )
    message = "capital-for-government on a GPE.Population-Center mention"
    _with_problem(doc, [(at(doc, "mentions", "m5", "metonymy"), message)])


def test_the_creation_time_has_no_anchor(doc: Doc) -> None:
    item(doc, "timexes", "t1")["anchor"] = "t2"
    _with_problem(
        doc, [(at(doc, "timexes", "t1", "anchor"), "a CREATION_TIME timex has an anchor")]
    )


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("Friday", "2024-01-19", None),
        ("Friday", "2024-01-20", ("Saturday", "Friday")),
        ("Tuesday night", "2024-01-17TNI", ("Wednesday", "Tuesday")),
        ("Friday", "2024-W03-5", None),  # an ISO week date with its day
        ("Friday", "2024-W03-2", ("Tuesday", "Friday")),
        ("late Tuesday night", "2024-01-17T00:30", None),  # a clock time: maybe after midnight
        ("Friday", "2024-W03", None),  # a week is no day
        ("Ocak 19, 2024", "2024-01-19", None),  # no English weekday named
    ],
)
def test_weekday_mismatch(text: str, value: str, expected: tuple[str, str] | None) -> None:
    from wiregold.checks import weekday_mismatch

    assert weekday_mismatch(text, value) == expected
