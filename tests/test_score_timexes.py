"""Timex scorer (wiregold.scorers.timexes): TempEval-3 strict/relaxed matching, attribute
accuracy and F1, text-only keys; hand-computed cases (arithmetic in the comments) and
properties on the real gold."""

from __future__ import annotations

import copy
import json
import random
from typing import Any

import pytest
from conftest import check_errors_false, synthetic_cases
from wiregold.scorers import timexes
from wiregold.scorers.base import ScoreConfig

from wiregold import paths
from wiregold.spans import find_span

TEXT = (
    "Ocak 19, 2024\n"
    "Iran struck on Tuesday night; Pakistan replied on Thursday. "
    "Elections come in three weeks."
)
CONFIG = ScoreConfig()


def where(needle: str) -> dict[str, Any]:
    return find_span(text=TEXT, needle=needle).to_json(TEXT)


def gold_timex(tid: str, needle: str, type_: str, value: str, function: str = "NONE") -> dict:
    return {
        "id": tid,
        **where(needle),
        "type": type_,
        "value": value,
        "mod": None,
        "anchor": None if function == "CREATION_TIME" else "t1",
        "function": function,
    }


def gold_document(doc_id: str = "doc-t") -> dict[str, Any]:
    return {
        "id": doc_id,
        "text": TEXT,
        "timexes": [
            gold_timex("t1", "Ocak 19, 2024", "DATE", "2024-01-19", "CREATION_TIME"),
            gold_timex("t2", "Tuesday night", "TIME", "2024-01-16TNI"),
            gold_timex("t3", "Thursday", "DATE", "2024-01-18"),
            gold_timex("t4", "three weeks", "DURATION", "P3W"),
        ],
    }


def pred(needle: str, type_: str, value: str | None = None) -> dict[str, Any]:
    item = {**where(needle), "type": type_}
    if value is not None:
        item["value"] = value
    return item


def score(items: list[dict[str, Any]]) -> timexes.TimexCounts:
    return timexes.count(gold=gold_document(), pred={"doc_id": "doc-t", "timexes": items},
                         config=CONFIG)  # fmt: skip


def real_gold() -> dict[str, Any]:
    return json.loads(
        (paths.corpus_root() / "test" / "000_2a4f40216c15907b.json").read_text(encoding="utf-8")
    )


MIXED = [
    pred("Tuesday night", "TIME", "2024-01-16TNI"),  # t2: same extent, type, value
    pred("on Thursday", "DATE", "2024-01-17"),  # t3: overlap; value wrong
    pred("three weeks", "DATE", "P3D"),  # t4: same extent; type and value wrong
    pred("Elections", "DATE", "2024"),  # spurious
]  # t1 (the date line, CREATION_TIME) is missed


def test_every_metric_hand_computed() -> None:
    c = score(MIXED)
    # strict: identical extents t2, t4 = 2 of 4 predicted, 4 gold: P = R = F1 = 1/2.
    assert (c.strict.correct, c.strict.predicted, c.strict.gold) == (2, 4, 4)
    assert c.strict.f1 == 0.5
    # relaxed: t2, t3, t4 aligned = 3: P = R = F1 = 3/4.
    assert (c.relaxed.correct, c.relaxed.predicted, c.relaxed.gold) == (3, 4, 4)
    assert c.relaxed.f1 == 0.75
    # type accuracy over the 3 relaxed matches: t2 TIME, t3 DATE right; t4 wrong = 2/3.
    assert (c.type.agreed, c.type.compared) == (2, 3)
    # value accuracy: only t2 right = 1/3.
    assert (c.value.agreed, c.value.compared) == (1, 3)
    # type F1 = 2/3 x 3/4 = 1/2; value F1 = 1/3 x 3/4 = 1/4.
    assert c.type_f1.f1 == pytest.approx(1 / 2)
    assert c.value_f1.f1 == pytest.approx(1 / 4)
    assert sorted((e.category, e.gold or e.pred) for e in c.errors) == [
        ("missed", "'Ocak 19, 2024' [0, 13) DATE 2024-01-19"),
        ("spurious", "'Elections' [74, 83) DATE 2024"),
        ("wrong_boundary", "'Thursday' [64, 72) DATE 2024-01-18"),
        ("wrong_type", "'three weeks' [92, 103) DURATION P3W"),
        ("wrong_value", "'Thursday' [64, 72) DATE 2024-01-18"),
        ("wrong_value", "'three weeks' [92, 103) DURATION P3W"),
    ]
    assert [r.metric for r in c.rows()] == [
        "strict", "relaxed", "type accuracy", "value accuracy", "type F1", "value F1",
        "text-only", "text-only value",
    ]  # fmt: skip
    assert [r.value for r in c.rows()[-2:]] == [None, None]  # no text-only item: not scored


def test_creation_time_is_scored_like_any_timex() -> None:
    c = score(MIXED)
    # The date line t1 (CREATION_TIME) is a gold timex: missed here.
    assert c.by_function["CREATION_TIME"].gold == 1
    assert c.by_function["CREATION_TIME"].relaxed == 0
    # t2, t3, t4 are found (relaxed), t2 and t4 strictly.
    assert (c.by_function["NONE"].gold, c.by_function["NONE"].relaxed) == (3, 3)
    assert c.by_function["NONE"].strict == 2
    with_dct = score([*MIXED, pred("Ocak 19, 2024", "DATE", "2024-01-19")])
    assert with_dct.relaxed.recall == 1.0


def test_exact_extent_preferred_one_to_one() -> None:
    # `Tuesday` and `Tuesday night` both overlap t2: the identical extent is aligned and
    # `Tuesday` is spurious (not a relaxed match of t2 as well).
    c = score([pred("Tuesday", "TIME"), pred("Tuesday night", "TIME")])
    assert (c.strict.correct, c.relaxed.correct, c.relaxed.predicted) == (1, 1, 2)
    spurious = [e.pred for e in c.errors if e.category == "spurious"]
    assert spurious == ["'Tuesday' [29, 36) TIME -"]


def test_prediction_overlapping_two_gold_timexes() -> None:
    # `night; Pakistan replied on Thursday` overlaps t2 and t3: aligned to one (t3: the
    # larger overlap, 8 code points vs 5); the other is missed.
    c = score([pred("night; Pakistan replied on Thursday", "DATE", "2024-01-18")])
    assert (c.relaxed.correct, c.strict.correct) == (1, 0)
    assert c.value.agreed == 1  # aligned to Thursday
    assert sorted(e.category for e in c.errors) == ["missed", "missed", "missed", "wrong_boundary"]
    tuesday = next(e for e in c.errors if e.gold and e.gold.startswith("'Tuesday night'"))
    assert tuesday.detail == (
        "overlaps 'night; Pakistan replied on Thursday' [37, 72) DATE 2024-01-18, aligned elsewhere"
    )


def test_duplicates_are_wrong_predictions_and_listed() -> None:
    c = score([pred("Thursday", "DATE", "2024-01-18"), pred("Thursday", "DATE", "2024-01-17")])
    # Canonical order: the 2024-01-17 copy sorts first and is aligned; the other is the
    # duplicate. strict: 1 of 2 predicted; value accuracy 0/1.
    assert (c.strict.correct, c.strict.predicted, c.duplicates) == (1, 2, 1)
    assert (c.value.agreed, c.value.compared) == (0, 1)
    assert [e.category for e in c.errors].count("duplicate") == 1


def test_text_only_timexes() -> None:
    items = [
        {"text": "Tuesday night", "type": "TIME", "value": "2024-01-16TNI"},
        {"text": "thursday", "type": "DATE", "value": "2024-01-17"},
        {"text": "Thursday", "type": "DATE", "value": "2024-01-17"},  # same keys again
        {"text": "Friday", "type": "DATE"},
    ]
    c = score(items)
    # Gold strings: ocak 19, 2024 / tuesday night / thursday / three weeks = 4.
    # Predicted strings: tuesday night, thursday, friday = 3; 2 right: P 2/3, R 2/4.
    assert (c.text_only.correct, c.text_only.predicted, c.text_only.gold) == (2, 3, 4)
    # (string, value): only (tuesday night, 2024-01-16TNI) right: P 1/3, R 1/4.
    assert (c.text_only_value.correct, c.text_only_value.predicted) == (1, 3)
    assert c.text_only_value.gold == 4
    assert (c.by_span, c.by_text) == (0, 4)
    assert [r.value for r in c.rows()[-2:]] == [c.text_only, c.text_only_value]
    # All predictions are text-only, so each missed gold timex is listed once, by text.
    assert sorted(e.category for e in c.errors) == [
        *["missed"] * 2,  # ocak 19, 2024 and three weeks, by text
        "spurious",  # friday, by text
        "wrong_value",  # thursday 2024-01-17, by text and value
    ]
    # A key is a string, shown by its first gold timex (with its offsets) and the types and
    # values of all its gold timexes, and by the first prediction that has it, as written.
    ocak, weeks = (find_span(text=TEXT, needle=n) for n in ("Ocak 19, 2024", "three weeks"))
    shown = {e.category: [] for e in c.errors}
    for e in c.errors:
        shown[e.category].append((e.gold, e.pred))
    assert sorted(shown["missed"]) == [
        (f"'Ocak 19, 2024' [{ocak.start}, {ocak.end}) DATE 2024-01-19", None),
        (f"'three weeks' [{weeks.start}, {weeks.end}) DURATION P3W", None),
    ]
    thursday = find_span(text=TEXT, needle="Thursday")
    assert shown["wrong_value"] == [
        (
            f"'Thursday' [{thursday.start}, {thursday.end}) DATE 2024-01-18",
            "'thursday' (no offsets) DATE 2024-01-17",
        )
    ]
    assert shown["spurious"] == [(None, "'Friday' (no offsets) DATE -")]


def test_real_gold_against_itself_is_perfect_on_every_row() -> None:
    gold = real_gold()
    c = timexes.count(gold=gold, pred=copy.deepcopy(gold), config=CONFIG)
    assert [r.metric for r in c.rows() if r.value is None] == ["text-only", "text-only value"]
    for row in c.rows():
        value = row.value
        if value is None:
            continue
        result = value.accuracy if hasattr(value, "agreed") else value.f1
        assert result == 1.0, row.metric
    assert c.errors == ()
    text_only = {"doc_id": gold["id"], "timexes": [
        {"text": t["text"], "type": t["type"], "value": t["value"]} for t in gold["timexes"]
    ]}  # fmt: skip
    t = timexes.count(gold=gold, pred=text_only, config=CONFIG)
    assert (t.text_only.f1, t.text_only_value.f1) == (1.0, 1.0)
    # 12 timexes, 9 distinct strings (two date lines, two Fridays, two Thursdays).
    assert (t.by_text, t.text_only.gold) == (12, 9)


def test_empty_prediction_scores_recall_zero() -> None:
    gold = real_gold()
    c = timexes.count(gold=gold, pred={"doc_id": gold["id"]}, config=CONFIG)
    for prf in (c.strict, c.relaxed):
        assert (prf.recall, prf.precision, prf.f1) == (0.0, None, 0.0)  # F1 = 2*0/(0+12)
    # No relaxed match: the accuracies are 0/0, the attribute F1s 0 (relaxed F1 0 times it).
    assert (c.type.accuracy, c.type_f1.f1, c.value_f1.f1) == (None, 0.0, 0.0)
    assert [e.category for e in c.errors] == ["missed"] * 12


def test_shuffling_items_changes_nothing() -> None:
    gold = real_gold()
    rng = random.Random(11)
    messy: list[dict[str, Any]] = []
    for t in gold["timexes"]:
        item = {k: t[k] for k in ("start", "end", "type", "value")}
        roll = rng.random()
        if roll < 0.2:
            item["start"] = max(0, item["start"] - 3)
        elif roll < 0.4:
            item["value"] = "2024"
        elif roll < 0.5:
            messy.append(dict(item))  # duplicate
        elif roll < 0.6:
            item = {"text": t["text"], "type": t["type"], "value": t["value"]}
        messy.append(item)
    reference = timexes.count(gold=gold, pred={"doc_id": gold["id"], "timexes": messy},
                              config=CONFIG)  # fmt: skip
    for _ in range(5):
        g = copy.deepcopy(gold)
        rng.shuffle(g["timexes"])
        p = copy.deepcopy(messy)
        rng.shuffle(p)
        assert timexes.count(gold=g, pred={"doc_id": gold["id"], "timexes": p},
                             config=CONFIG) == reference  # fmt: skip


def test_adding_documents_equals_scoring_them_as_one() -> None:
    a = score(MIXED)
    b_items = [pred("Thursday", "DATE", "2024-01-18"), pred("Ocak 19, 2024", "TIME")]
    b = timexes.count(gold=gold_document("doc-u"), pred={"doc_id": "u", "timexes": b_items},
                      config=CONFIG)  # fmt: skip
    shift = len(TEXT) + 1

    def moved(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**t, "start": t["start"] + shift, "end": t["end"] + shift} for t in items]

    joined = timexes.count(
        gold={"id": "ab", "text": TEXT + " " + TEXT,
              "timexes": gold_document()["timexes"] + moved(gold_document()["timexes"])},
        pred={"doc_id": "ab", "timexes": MIXED + moved(b_items)},
        config=CONFIG,
    )  # fmt: skip
    total = a + b
    for name in ("strict", "relaxed", "type", "value", "by_gold_type", "by_function"):
        assert getattr(total, name) == getattr(joined, name), name
    assert total == b + a
    assert total.documents == 2
    assert timexes.empty(config=CONFIG) + a == a


def test_to_dict_sections_and_json() -> None:
    d = score(MIXED).to_dict()
    assert set(d) == {"layer", "documents", "totals", "items", "breakdowns"}
    assert d["totals"]["value_f1"] == {
        "accuracy": pytest.approx(1 / 3), "relaxed_f1": 0.75, "f1": pytest.approx(1 / 4),
    }  # fmt: skip
    assert set(d["breakdowns"]) == {"gold_type", "function"}
    assert d["totals"]["text_only"] == {"scored": False, "gold": 4}
    json.dumps(d)


def test_bad_prediction_span_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="predicted timex"):
        score([{"start": 3, "end": 2, "type": "DATE"}])


def test_docs_worked_example() -> None:
    gold = real_gold()
    text = gold["text"]

    def at(needle: str, type_: str, value: str, after: int = 0) -> dict[str, Any]:
        return {**find_span(text=text, needle=needle, after=after).to_json(text),
                "type": type_, "value": value}  # fmt: skip

    predicted = [
        at("Friday", "DATE", "2024-01-19", 234),
        at("this week", "DATE", "2024-W03"),
        at("Tuesday", "DATE", "2024-01-16"),
        at("Thursday", "DATE", "2024-01-18", 700),
        at("Friday", "DATE", "2024-01-19", 1818),
        at("in three weeks", "DURATION", "P3W"),
        at("decades", "DURATION", "P10Y"),
        at("Thursday", "DATE", "2024-01-18", 2900),
        at("2021", "DATE", "2021"),
    ]
    c = timexes.count(gold=gold, pred={"doc_id": gold["id"], "timexes": predicted}, config=CONFIG)
    # strict 7/9, 7/12: F1 = 14/21; relaxed 9/9, 9/12: F1 = 18/21 = 6/7.
    assert (c.strict.correct, c.strict.predicted, c.strict.gold) == (7, 9, 12)
    assert c.strict.f1 == pytest.approx(2 / 3)
    assert c.relaxed.f1 == pytest.approx(6 / 7)
    # type F1 = 8/9 x 6/7 = 16/21; value F1 = 7/9 x 6/7 = 2/3.
    assert c.type_f1.f1 == pytest.approx(16 / 21)
    assert c.value_f1.f1 == pytest.approx(2 / 3)
    assert (c.by_function["CREATION_TIME"].relaxed, c.by_function["CREATION_TIME"].gold) == (0, 2)
    assert (c.by_function["NONE"].relaxed, c.by_function["NONE"].gold) == (9, 10)


def test_errors_false_gives_the_counts_without_building_error_items(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cases = synthetic_cases(60)
    check_errors_false(
        timexes, cases=cases, config=CONFIG, monkeypatch=monkeypatch, least=20, forbid="ErrorLog"
    )
