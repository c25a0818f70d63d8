"""The casualty scorer (wiregold.scorers.casualties): counts, alignment, slots, totals.

Hand-computed cases on the synthetic document of ``attribution_doc`` (arithmetic in the
comments), the count decision table, and properties on the real gold.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import pathlib
import random
from collections import Counter
from typing import Any

import pytest
from attribution_doc import TEXT, gold_document, pred_mention, prediction, span
from conftest import check_errors_false, shuffled, synthetic_cases
from wiregold.scorers import casualties
from wiregold.scorers.base import PRF, AbsoluteError, ScoreConfig
from wiregold.scorers.casualties import CountValue, canonical_count, judge_count

from benchmarks import synth
from wiregold import paths

CONFIG = ScoreConfig()
GOLD_FILE = paths.data_root() / "corpus" / "test" / "000_2a4f40216c15907b.json"


def real_gold() -> dict[str, Any]:
    return json.loads(GOLD_FILE.read_text(encoding="utf-8"))


def count(gold: dict, pred: dict, config: ScoreConfig = CONFIG) -> casualties.CasualtyCounts:
    return casualties.count(gold=gold, pred=pred, config=config)


def c(**fields: Any) -> CountValue:
    return canonical_count(fields)


# ------------------------------------------------------------------ the count decision table


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        # exact: {"value": 11} is inferred exact and filled to {11, 11, 11}.
        ({"value": 11, "low": 11, "high": 11, "precision": "exact"}, {"value": 11}, "correct"),
        ({"value": 11, "precision": "exact"}, {"low": 11, "high": 11}, "correct"),
        ({"value": 11, "precision": "exact"}, {"value": 12}, "incorrect"),
        # range 6-8 against a single number: end points and inside are partial (MUC).
        ({"low": 6, "high": 8, "precision": "range"}, {"value": 6}, "partial"),
        ({"low": 6, "high": 8, "precision": "range"}, {"value": 8}, "partial"),
        ({"low": 6, "high": 8, "precision": "range"}, {"value": 7}, "partial"),
        ({"low": 6, "high": 8, "precision": "range"}, {"value": 9}, "incorrect"),
        ({"low": 6, "high": 8, "precision": "range"}, {"low": 6, "high": 8}, "correct"),
        ({"low": 6, "high": 8, "precision": "range"}, {"low": 7, "high": 9}, "partial"),
        ({"low": 6, "high": 8, "precision": "range"}, {"low": 9, "high": 12}, "incorrect"),
        # a gold single number inside a predicted range / bound.
        ({"value": 7}, {"low": 6, "high": 8, "precision": "range"}, "partial"),
        ({"value": 7}, {"value": 5, "precision": "at_least"}, "partial"),
        ({"value": 7}, {"value": 8, "precision": "at_least"}, "incorrect"),
        ({"value": 7}, {"value": 7, "precision": "at_most"}, "partial"),
        ({"value": 7}, {"value": 6, "precision": "at_most"}, "incorrect"),
        # at_least 20 (gold): 25 is consistent, 19 is not; {"low": 20} is at_least 20.
        ({"value": 20, "low": 20, "precision": "at_least"}, {"value": 25}, "partial"),
        ({"value": 20, "low": 20, "precision": "at_least"}, {"value": 20}, "partial"),
        ({"value": 20, "low": 20, "precision": "at_least"}, {"value": 19}, "incorrect"),
        ({"value": 20, "low": 20, "precision": "at_least"}, {"low": 20}, "correct"),
        (
            {"value": 20, "low": 20, "precision": "at_least"},
            {"value": 20, "precision": "at_least"},
            "correct",
        ),
        # unknown is only matched by unknown (value null).
        ({"precision": "unknown"}, {}, "correct"),
        ({"precision": "unknown"}, {"value": None, "precision": "unknown"}, "correct"),
        ({"precision": "unknown"}, {"value": 3}, "incorrect"),
        ({"precision": "unknown"}, {"low": 1}, "incorrect"),
        ({"value": 3}, {}, "incorrect"),
        # approximate 100: band [90, 110].
        ({"value": 100, "precision": "approximate"}, {"value": 90}, "partial"),
        ({"value": 100, "precision": "approximate"}, {"value": 110}, "partial"),
        ({"value": 100, "precision": "approximate"}, {"value": 111}, "incorrect"),
        ({"value": 100, "precision": "approximate"}, {"value": 100}, "partial"),
        (
            {"value": 100, "precision": "approximate"},
            {"value": 100, "precision": "approximate"},
            "correct",
        ),
        # vague "dozens" = 12, open above.
        ({"value": 12, "low": 12, "precision": "vague"}, {"value": 30}, "partial"),
        (
            {"value": 12, "low": 12, "precision": "vague"},
            {"value": 12, "precision": "vague"},
            "correct",
        ),
        ({"value": 12, "low": 12, "precision": "vague"}, {"low": 12}, "partial"),
        ({"value": 12, "low": 12, "precision": "vague"}, {"value": 11}, "incorrect"),
    ],
)
def test_count_decision_table(gold: dict, pred: dict, expected: str) -> None:
    assert judge_count(gold=canonical_count(gold), pred=canonical_count(pred)) == expected


def test_canonical_forms() -> None:
    assert c(value=11) == CountValue("exact", 11, 11, 11)
    assert c(low=20) == CountValue("at_least", 20, 20, None)
    assert c(high=6) == CountValue("at_most", 6, None, 6)
    assert c(value=6, precision="at_most") == CountValue("at_most", 6, None, 6)
    assert c(low=6, high=8) == CountValue("range", None, 6, 8)
    assert c() == CountValue("unknown")
    # ~100 -> [90, 110]; ~5 -> [floor 4.5, ceil 5.5] = [4, 6]; an explicit band is kept.
    assert c(value=100, precision="approximate").interval == (90, 110)
    assert c(value=5, precision="approximate").interval == (4, 6)
    assert c(value=100, low=80, high=120, precision="approximate").interval == (80, 120)


@pytest.mark.parametrize(
    "bad",
    [
        {"value": 11, "low": 10, "precision": "exact"},  # exact with two numbers
        {"low": 8, "high": 6},  # out of order
        {"low": 6, "high": 6, "precision": "range"},  # a range needs low < high
        {"value": 3, "precision": "unknown"},
        {"value": -1},
        {"value": True},
        {"value": 2.0},
        {"precision": "approximate"},  # approximate needs a value
        {"value": 5, "high": 9, "precision": "at_least"},
        {"precision": "many"},
    ],
)
def test_malformed_counts_raise(bad: dict) -> None:
    with pytest.raises(ValueError):
        canonical_count(bad, where="test")


# --------------------------------------------------------------- the hand-computed example


def example_prediction() -> dict[str, Any]:
    """pc1 killed 11 (correct count; no place; women only; Iran by entity; time by value;
    the death hopper by text); pc2 injured 6 (partial against 6-8; a spurious perpetrator;
    soldiers; the injury hopper by id; source by text); pc3 displaced at least 20 (no gold
    record of that kind; its evidence is c3's: wrong_kind)."""
    return prediction(
        entities=[{"id": "pe1", "name": "Pakistan"}],
        mentions=[
            pred_mention("pm1", "Iran", "pe2"),
            pred_mention("pm2", "Pakistan", "pe1", after="struck"),
        ],
        hoppers=[{"id": "ph3"}],
        events=[{"id": "pv3", "trigger": span("injured"), "type": "Life.Injure", "hopper": "ph3"}],
        casualties=[
            {
                "id": "pc1",
                "kind": "killed",
                "count": {"value": 11},
                "victims": {"groups": ["women"]},
                "perpetrators": ["pe2"],
                "times": [{"value": "2024-01-16"}],
                "hoppers": [{"text": "Killing"}],
                "evidence": [{"text": "killing 11 people"}],
            },
            {
                "id": "pc2",
                "kind": "injured",
                "count": {"value": 6},
                "victims": {"groups": ["Soldiers"]},
                "perpetrators": ["pe1"],
                "hoppers": ["ph3"],
                "evidence": [span("6 and 8 soldiers were injured")],
                "reported_by": {"text": "officials"},
            },
            {
                "id": "pc3",
                "kind": "displaced",
                "count": {"value": 20, "precision": "at_least"},
                "places": [{"text": "Baluchistan"}],
                "evidence": [span("at least 20 people have disappeared")],
                "reported_by": {"entity": "pe1"},
            },
        ],
    )


def test_hand_computed_example() -> None:
    got = count(gold_document(), example_prediction())
    # Aligned: pc1-c1 (killed), pc2-c2 (injured). pc3 (displaced) and c3 (missing) stay
    # unaligned. 3 predicted, 3 gold records.
    assert got.strict == PRF(1, 3, 3)  # only pc1's count is correct: P = R = F1 = 1/3
    assert got.lenient == PRF(2, 3, 3)  # P = R = F1 = 2/3
    # MUC: COR 1, PAR 1 (6 is an end point of 6-8), ACT 3, POS 3: (1 + 0.5 * 1) / 3 = 0.5.
    assert (got.count.correct, got.count.partial, got.count.incorrect) == (1, 1, 0)
    assert got.count.prf == PRF(1.5, 3, 3)
    assert got.count.prf.f1 == pytest.approx(0.5)
    slots = got.slots
    # victims: pc1 {women} vs c1 {women, children}: 1 of 1 / 2; pc2 {soldiers} (case
    # folded) vs c2 {soldiers}: 1/1/1; c3 and pc3 have none. P = 2/2, R = 2/3, F1 = 0.8.
    assert slots["victims"] == PRF(2, 2, 3)
    assert slots["victims"].f1 == pytest.approx(0.8)
    # perpetrators: pe2 (mention at Iran) = e2; pe1 is spurious on pc2 (c2 has none).
    # P = 1/2, R = 1/1, F1 = 2/3.
    assert slots["perpetrators"] == PRF(1, 2, 1)
    assert slots["perpetrators"].f1 == pytest.approx(2 / 3)
    # places: pc1 gives none for c1's e1 (missed); c3's e6 is missed with c3; pc3's
    # Baluchistan is spurious with pc3 (unaligned, although it would match e6).
    assert slots["places"] == PRF(0, 1, 2)
    assert slots["places"].f1 == 0.0
    # times: value 2024-01-16 = t1's value.
    assert slots["times"] == PRF(1, 1, 1)
    # hoppers: "Killing" matches h2 (trigger "killing"), h1 missed; ph3's event trigger
    # span "injured" = h3's; c3's h4 missed with c3. P = 2/2, R = 2/4, F1 = 2/3.
    assert slots["hoppers"] == PRF(2, 2, 4)
    assert slots["hoppers"].f1 == pytest.approx(2 / 3)
    # source: pc1 (none) = c1 (unspecified); "officials" = e7's mention text; pc3's pe1
    # and c3's e5 are spurious / missed with their records. 2 / 3 each side.
    assert slots["source"] == PRF(2, 3, 3)
    # Totals: killed 11 vs 11 -> 0; injured: gold 6-8 -> midpoint 7, pred 6 -> |6 - 7| = 1.
    assert got.totals["killed"].error == AbsoluteError(0, 1)
    assert got.totals["injured"].error == AbsoluteError(1, 1)
    assert (got.totals["injured"].gold_total, got.totals["injured"].pred_total) == (7, 6)
    # References: spans pe2, pe1, ph3, pe1; texts "Killing", "officials", "Baluchistan";
    # one value; pc1's unspecified source is not a reference.
    assert (got.references_by_span, got.references_by_text) == (4, 3)
    assert (got.references_by_value, got.references_unresolved) == (1, 0)
    assert got.by_kind["injured"].strict == PRF(0, 1, 1)
    assert got.by_kind["injured"].lenient == PRF(1, 1, 1)
    assert got.by_kind["displaced"].lenient == PRF(0, 1, 0)
    assert got.by_kind["missing"].lenient == PRF(0, 0, 1)
    categories = Counter(e.category for e in got.errors)
    assert categories == {
        "partial_count": 1,
        "missed_filler": 3,  # children, e1 (place), h1
        "spurious_filler": 1,  # pe1 as perpetrator of pc2
        "wrong_kind": 1,  # pc3 displaced / c3 missing, same evidence
    }
    missed = sorted(e.gold for e in got.errors if e.category == "missed_filler")
    assert missed == ["'children'", "e1 'Pakistan'", 'h1 "Iran\'s strike"']
    wrong_kind = next(e for e in got.errors if e.category == "wrong_kind")
    assert wrong_kind.gold.startswith("c3: missing >=20 (at_least)")
    assert wrong_kind.pred.startswith("pc3: displaced >=20 (at_least)")
    assert "'at least 20 people have disappeared' [248, 283)" in wrong_kind.pred


def test_rows_and_dict() -> None:
    got = count(gold_document(), example_prediction())
    metrics = [row.metric for row in got.rows()]
    assert metrics == [
        "record strict",
        "record lenient",
        "count (MUC)",
        "slot victims",
        "slot perpetrators",
        "slot places",
        "slot times",
        "slot hoppers",
        "slot source",
        "killed total abs error",
        "injured total abs error",
    ]
    as_dict = got.to_dict()
    assert as_dict["totals"]["count (MUC)"]["par"] == 1
    assert as_dict["totals"]["injured total abs error"]["total"] == 1
    assert as_dict["breakdowns"]["kind"]["killed"]["strict"]["f1"] == 1.0
    json.dumps(as_dict)  # JSON-ready


def test_partial_credit_setting() -> None:
    # COR 1, PAR 1 of 3: credit 1 -> 2/3; credit 0 -> 1/3.
    full = count(gold_document(), example_prediction(), CONFIG.with_(partial_credit=1.0))
    none = count(gold_document(), example_prediction(), CONFIG.with_(partial_credit=0.0))
    assert full.count.prf.precision == pytest.approx(2 / 3)
    assert none.count.prf.precision == pytest.approx(1 / 3)
    for bad in (-0.1, 1.5, True):
        with pytest.raises(ValueError):
            count(gold_document(), example_prediction(), CONFIG.with_(partial_credit=bad))


def test_missing_place_and_entity_forms() -> None:
    """c1's place e1 given as an entity whose mention is another mention of Pakistan, as
    the name string, as the text of the Islamabad mention: all correct; a missing place
    is a missed filler; an unknown id is unresolved and spurious."""
    gold = gold_document()
    gold["casualties"] = [gold["casualties"][0]]
    forms = [
        ["pe1"],  # pe1's only mention is "Pakistan" inside the ministry's name (m5)
        [{"text": "PAKISTAN"}],
        [{"text": "Islamabad"}],
    ]
    for places in forms:
        pred = prediction(
            mentions=[pred_mention("pm5", "Pakistan", "pe1", after="said. ")],
            casualties=[{"kind": "killed", "count": {"value": 11}, "places": places}],
        )
        assert count(gold, pred).slots["places"] == PRF(1, 1, 1), places
    missing = prediction(casualties=[{"kind": "killed", "count": {"value": 11}}])
    got = count(gold, missing)
    assert got.slots["places"] == PRF(0, 0, 1)  # P undefined, R 0
    assert got.slots["places"].precision is None and got.slots["places"].recall == 0
    unknown = prediction(
        casualties=[{"kind": "killed", "count": {"value": 11}, "places": ["nope"]}]
    )
    got = count(gold, unknown)
    assert got.slots["places"] == PRF(0, 1, 1)
    assert got.references_unresolved == 1
    spurious = [e for e in got.errors if e.category == "spurious_filler"]
    assert [e.pred for e in spurious] == ["entity nope (unresolved)"]


def test_duplicate_filler_is_spurious() -> None:
    gold = gold_document()
    gold["casualties"] = [gold["casualties"][0]]
    pred = prediction(
        casualties=[
            {"kind": "killed", "count": {"value": 11}, "perpetrators": [{"text": "Iran"}] * 2}
        ]
    )
    # One of the two identical references matches e2, the other is spurious.
    assert count(gold, pred).slots["perpetrators"] == PRF(1, 2, 1)


def test_times_and_hoppers_forms() -> None:
    gold = gold_document()
    gold["casualties"] = [gold["casualties"][0]]  # times [t1], hoppers [h1, h2]
    pred = prediction(
        timexes=[
            {"id": "pt1", "start": at_start("Tuesday"), "end": at_end("Tuesday"), "type": "DATE"},
            {"id": "pt2", "text": "Tuesday", "type": "DATE", "value": "2024-01-17"},
        ],
        events=[
            {"trigger": {"text": "strike"}, "type": "Conflict.Attack", "hopper": "ph1"},
            {"trigger": span("killing"), "type": "Life.Die", "hopper": "ph2"},
        ],
        casualties=[
            {
                "kind": "killed",
                "count": {"value": 11},
                # pt1 has no value: judged by its span (= t1); pt2's value is wrong.
                "times": ["pt1", "pt2"],
                # ph1: text-only trigger "strike" = a trigger text of h1; ph2 by span.
                "hoppers": ["ph1", "ph2"],
            }
        ],
    )
    got = count(gold, pred)
    assert got.slots["times"] == PRF(1, 2, 1)
    assert got.slots["hoppers"] == PRF(2, 2, 2)


@pytest.mark.parametrize(
    ("timex", "correct"),
    [
        # The gold timex's span with a wrong value: the link is right (the value is the
        # timexes layer's business), as it is for the same timex given by text only.
        ({"start": 0, "end": 0, "value": "2024-01-17"}, 1),
        ({"text": "Tuesday", "value": "2024-01-17"}, 1),
        ({"start": 0, "end": 0, "value": "2024-01-16"}, 1),  # both right
        ({"text": "Friday", "value": "2024-01-16"}, 1),  # the value alone
        ({"text": "Friday", "value": "2024-01-17"}, 0),  # neither
    ],
)
def test_time_link_matches_on_value_or_where(timex: dict, correct: int) -> None:
    gold = gold_document()
    gold["casualties"] = [gold["casualties"][0]]  # times [t1]: Tuesday, 2024-01-16
    if "start" in timex:
        timex = {**timex, "start": at_start("Tuesday"), "end": at_end("Tuesday")}
    pred = prediction(
        timexes=[{"id": "pt1", "type": "DATE", **timex}],
        casualties=[{"kind": "killed", "count": {"value": 11}, "times": ["pt1"]}],
    )
    assert count(gold, pred).slots["times"] == PRF(correct, 1, 1)


def at_start(needle: str) -> int:
    return TEXT.index(needle)


def at_end(needle: str) -> int:
    return TEXT.index(needle) + len(needle)


# ------------------------------------------------------------------------------ alignment


def two_killed_records(gold: dict, first: dict, second: dict) -> dict:
    """Gold with two killed records, evidence 'killing 11 people' and 'deadly'."""
    gold["casualties"] = [
        {**gold["casualties"][0], **first, "evidence": [span("killing 11 people")]},
        {**gold["casualties"][0], "id": "c9", **second, "evidence": [span("deadly")]},
    ]
    return gold


def test_alignment_prefers_count_over_evidence() -> None:
    gold = two_killed_records(
        gold_document(),
        {"count": {"value": 11, "low": 11, "high": 11, "precision": "exact"}},
        {"count": {"value": None, "low": None, "high": None, "precision": "unknown"}},
    )
    # pa has c1's evidence but c9's (unknown) count; pb the reverse. Count credit first:
    # pa-c9 and pb-c1, both counts correct (strict 2/2); by evidence it would be 0/2.
    pred = prediction(
        casualties=[
            {"id": "pa", "kind": "killed", "count": {}, "evidence": [span("killing 11 people")]},
            {"id": "pb", "kind": "killed", "count": {"value": 11}, "evidence": [span("deadly")]},
        ]
    )
    assert count(gold, pred).strict == PRF(2, 2, 2)


def test_alignment_prefers_slots_over_evidence() -> None:
    unknown = {"value": None, "low": None, "high": None, "precision": "unknown"}
    gold = two_killed_records(
        gold_document(),
        {"count": unknown, "places": ["e1"]},
        {"count": unknown, "places": ["e6"]},
    )
    # Equal counts; pa names Baluchistan (c9's place) with c1's evidence, pb Pakistan.
    pred = prediction(
        casualties=[
            {
                "id": "pa",
                "kind": "killed",
                "places": [{"text": "Baluchistan"}],
                "evidence": [span("killing 11 people")],
            },
            {
                "id": "pb",
                "kind": "killed",
                "places": [{"text": "Pakistan"}],
                "evidence": [span("deadly")],
            },
        ]
    )
    assert count(gold, pred).slots["places"] == PRF(2, 2, 2)


def test_kinds_never_align() -> None:
    gold = gold_document()
    gold["casualties"] = [gold["casualties"][0]]
    pred = prediction(casualties=[{"kind": "injured", "count": {"value": 11}}])
    got = count(gold, pred)
    assert got.lenient == PRF(0, 1, 1)
    # No shared evidence: listed as missed and spurious, not wrong_kind.
    assert sorted(e.category for e in got.errors) == ["missed_record", "spurious_record"]


def test_bad_offsets_raise() -> None:
    pred = prediction(
        casualties=[{"kind": "killed", "count": {}, "evidence": [{"start": 5, "end": 9999}]}]
    )
    with pytest.raises(ValueError, match="evidence"):
        count(gold_document(), pred)


# ----------------------------------------------------------------------------- properties


def assert_perfect(got: casualties.CasualtyCounts) -> None:
    for row in got.rows():
        if isinstance(row.value, AbsoluteError):
            assert row.value.total == 0, row.metric
        else:
            assert (row.value.precision, row.value.recall, row.value.f1) == (1, 1, 1), row.metric
    assert got.errors == ()


def test_real_gold_against_itself() -> None:
    gold = real_gold()
    got = count(gold, gold)
    assert_perfect(got)
    assert got.strict == PRF(3, 3, 3)
    # killed: c1 11 + c3 unknown; no injured records.
    assert got.totals["killed"].gold_total == 11 and got.totals["killed"].gold_unknown == 1
    assert_perfect(count(gold_document(), gold_document()))


def test_real_gold_text_references() -> None:
    """The real gold's records with every entity link given as a name string."""
    gold = real_gold()
    names = {e["id"]: e["name"] for e in gold["entities"]}
    pred = copy.deepcopy(gold)
    for record in pred["casualties"]:
        for slot in ("perpetrators", "places"):
            record[slot] = [{"text": names[e]} for e in record[slot]]
        if record["reported_by"]["entity"]:
            record["reported_by"] = {"text": names[record["reported_by"]["entity"]]}
    got = count(gold, pred)
    assert_perfect(got)
    assert got.references_by_text == 4 + 4 + 2  # perpetrators, places, sources


def test_empty_prediction() -> None:
    got = count(real_gold(), {"doc_id": "000_2a4f40216c15907b"})
    for row in got.rows():
        if isinstance(row.value, PRF):
            assert row.value.recall == 0 and row.value.precision is None, row.metric
    assert got.totals["killed"].error == AbsoluteError(11, 1)
    assert sorted(e.category for e in got.errors) == ["missed_record"] * 3


@pytest.mark.parametrize("seed", range(5))
def test_shuffling_changes_nothing(seed: int) -> None:
    gold, pred = gold_document(), example_prediction()
    assert count(shuffled(gold, seed), shuffled(pred, seed + 100)) == count(gold, pred)
    real = real_gold()
    assert count(shuffled(real, seed), shuffled(real, seed + 1)) == count(real, real)


def test_two_documents_add_up() -> None:
    a = count(gold_document(), example_prediction())
    b = count(real_gold(), real_gold())
    total = a + b
    assert total == b + a
    assert total == casualties.empty(config=CONFIG) + a + b
    # strict: 1 + 3 correct, 3 + 3 predicted, 3 + 3 gold -> 4/6.
    assert total.strict == PRF(4, 6, 6)
    # MUC count: COR 1 + 3, PAR 1 + 0: (4 + 0.5) / 6 = 0.75.
    assert total.count.prf.precision == pytest.approx(0.75)
    # hoppers: 2 + 8 of 2 + 8 predicted and 4 + 8 gold.
    assert total.slots["hoppers"] == PRF(10, 10, 12)
    # injured: errors 1 + 0 over 2 documents -> mean 0.5.
    assert total.totals["injured"].error == AbsoluteError(1, 2)
    assert total.totals["injured"].error.mean == 0.5
    assert len(total.errors) == len(a.errors)


def test_worked_example_of_the_docs() -> None:
    """docs/scoring-casualties.md, "Worked example (the article)"."""
    gold = real_gold()
    pred = {
        "doc_id": gold["id"],
        "casualties": [
            {
                "kind": "killed",
                "count": {"value": 11},
                "victims": {"groups": ["women", "children"]},
                "perpetrators": [{"text": "Iran"}],
                "places": [{"text": "Pakistan"}],
                "times": [{"value": "2024-01-16TNI"}],
                "hoppers": [{"text": "death"}],
                "evidence": [{"text": "A collective death toll of 11"}],
            },
            {
                "kind": "killed",
                "count": {"low": 2},
                "perpetrators": [{"text": "the military"}],
                "places": [{"text": "Baluchistan"}],
                "hoppers": [{"text": "killings"}],
                "reported_by": {"text": "Rights groups"},
                "evidence": [{"start": 3686, "end": 3708}],
            },
            {
                "kind": "injured",
                "count": {"value": 11},
                "evidence": [{"text": "A collective death toll of 11"}],
            },
        ],
    }
    got = count(gold, pred)
    assert (got.strict, got.lenient) == (PRF(1, 3, 3), PRF(2, 3, 3))
    assert got.count == casualties.CountScore(1, 0, 1, 3, 3, 0.5)
    assert got.slots == {
        "victims": PRF(2, 2, 2),
        "perpetrators": PRF(2, 2, 4),
        "places": PRF(2, 2, 4),
        "times": PRF(1, 1, 2),
        "hoppers": PRF(2, 2, 8),
        "source": PRF(2, 3, 3),
    }
    assert got.totals["killed"].error == AbsoluteError(2, 1)
    assert got.totals["injured"].error == AbsoluteError(11, 1)
    assert Counter(e.category for e in got.errors) == {
        "wrong_count": 1,
        "spurious_record": 1,
        "missed_record": 1,
        "missed_filler": 7,
    }


def test_errors_false_gives_the_counts_without_building_error_items(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cases = synthetic_cases(60)
    cases.append((gold_document(), prediction()))
    config = CONFIG.with_(partial_credit=0.25)
    check_errors_false(casualties, cases=cases, config=config, monkeypatch=monkeypatch, least=20)


@pytest.mark.parametrize("seed", range(4))
def test_errors_false_reads_records_as_given_when_each_has_one_candidate(seed: int) -> None:
    """errors=False leaves records and fillers in input order when no record has two
    candidates of its kind: the counts are those of errors=True, for any input order,
    and whether kinds repeat (sorted path) or not (as-read path)."""
    rng = random.Random(seed)
    for n in range(25):
        gold = synth.gold_document(n + 25 * seed, seed=5)[0]
        pred = synth.prediction(gold, seed=5)
        records = pred.get("casualties") or []
        kinds = sorted({c["kind"] for c in records + gold["casualties"]}) or ["killed"]
        for record in records:
            if rng.random() < 0.4:
                record["kind"] = rng.choice([*kinds, "injured", "killed"])
        if records and rng.random() < 0.3:
            records.append(copy.deepcopy(rng.choice(records)))
        listed = count(gold, pred)
        full = dataclasses.replace(listed, errors=())
        for variant in (pred, shuffled(pred, seed), shuffled(pred, seed + 7)):
            quick = casualties.count(gold=gold, pred=variant, config=CONFIG, errors=False)
            assert repr(quick) == repr(full)
            assert count(gold, variant) == listed  # error items in canonical order too


def test_records_are_sorted_by_their_whole_key() -> None:
    """_sorted_records builds the whole sort key only for records that share its head:
    the order of sorting by the whole key, also for copies that differ only in slots."""
    rng = random.Random(3)
    for n in range(40):
        gold = synth.gold_document(n, seed=5)[0]
        pred = synth.prediction(gold, seed=5)
        records = copy.deepcopy(pred.get("casualties") or [])
        for record in list(records):
            twin = {**copy.deepcopy(record), "id": f"{record.get('id')}-twin"}
            if rng.random() < 0.5:
                twin["perpetrators"] = []
            records.append(twin)
        rng.shuffle(records)
        links = casualties._PredLinks(pred=pred, text=gold["text"])
        read = [links.record(c, i, canonical=True) for i, c in enumerate(records)]
        assert casualties._sorted_records(list(read)) == sorted(
            read, key=casualties._Record.sort_key
        )
        assert all(r.sort_key()[:3] == r.head_key() for r in read)


def test_gold_links_prepared_entities_match_unprepared_refs() -> None:
    gold = real_gold()
    links = casualties._GoldLinks(gold=gold)
    for entity in gold["entities"]:
        fresh = casualties.GoldEntities(gold=gold).ref(entity["id"])
        assert links.entities.ref(entity["id"]) == fresh
    with pytest.raises(ValueError, match="hopper 'h99' does not exist"):
        links.link("hopper", "h99", where="here")


def test_evidence_code_points_counted_from_spans_as_from_sets() -> None:
    rng = random.Random(11)

    def record(spans: list[tuple[int, int]]) -> Any:
        evidence = [(span, "x", "x") for span in spans] + [(None, "text only", "text only")]
        slots: dict[str, list[Any]] = {slot: [] for slot in casualties.SLOTS}
        count = CountValue("unknown")
        return casualties._record(
            record_id="r", kind="killed", count=count, slots=slots, evidence=evidence
        )

    for _ in range(300):
        sides = []
        for _ in range(2):
            spans = []
            for _ in range(rng.randint(0, 4)):
                start = rng.randint(0, 30)
                spans.append((start, start + rng.randint(1, 10)))
            sides.append((record(spans), {i for a, b in spans for i in range(a, b)}))
        (a, chars_a), (b, chars_b) = sides
        assert a.n_covered == len(chars_a) and b.n_covered == len(chars_b)
        assert casualties._shared_chars(a.covered, b.covered) == len(chars_a & chars_b)


def test_a_malformed_count_is_shown_as_json() -> None:
    """The message is read by people writing JSON: a missing number is null, not None."""
    with pytest.raises(ValueError, match=r"precision .exact. with value null, low 3, high 7"):
        canonical_count({"precision": "exact", "low": 3, "high": 7}, where="count")


def test_a_huge_count_is_printed_without_made_up_digits(
    tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A float past 2**53 formatted with four decimals prints digits it does not hold."""
    from wiregold.cli import main

    count = {"value": 10**99, "precision": "exact"}
    line = {"doc_id": real_gold()["id"], "casualties": [{"kind": "killed", "count": count}]}
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert main(["score", "--pred", str(pred), "--task", "casualties"]) == 0
    [row] = [r for r in capsys.readouterr().out.splitlines() if "killed total abs error" in r]
    assert "  1.0000e+99  total 9999" in row
    assert row.endswith("9989, documents 1")  # the exact sum: 10**99 - 11 (gold: 11 killed)
