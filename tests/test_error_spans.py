"""ErrorItem.gold_span / pred_span: every layer scorer says where its errors are, in offsets
(what `wiregold render` places them by), without changing equality, order or reports."""

from __future__ import annotations

import copy
from typing import Any

from wiregold.scorers.base import ErrorItem, ScoreConfig

from wiregold import paths
from wiregold.jsonio import read_json
from wiregold.report import to_json_dict
from wiregold.scoring import score
from wiregold.spans import find_span

GOLD_FILE = paths.corpus_root() / "test" / "000_2a4f40216c15907b.json"
GOLD: dict[str, Any] = read_json(path=GOLD_FILE).value
DOC_ID = GOLD["id"]
TEXT: str = GOLD["text"]


def errors_of(pred: dict[str, Any], task: str) -> list[ErrorItem]:
    report = score(gold={DOC_ID: GOLD}, pred={DOC_ID: pred}, config=ScoreConfig(tasks=(task,)))
    return list(report.errors)


def perfect() -> dict[str, Any]:
    return copy.deepcopy(GOLD)


def span(item: dict[str, Any]) -> tuple[int, int]:
    return (item["start"], item["end"])


def by_id(layer: str, item_id: str) -> dict[str, Any]:
    return next(item for item in GOLD[layer] if item["id"] == item_id)


def test_entity_errors() -> None:
    pred = {"doc_id": DOC_ID, "mentions": copy.deepcopy(GOLD["mentions"])}
    mentions = pred["mentions"]
    mentions[0]["type"] = "ORG"
    mentions[0]["subtype"] = None
    del mentions[1]
    mentions.append({"text": "Atlantis", "type": "GPE"})  # text-only, spurious: no offsets
    found = {e.category: e for e in errors_of(pred, "entities") if e.detail != "by text"}
    assert found["wrong_type"].gold_span == found["wrong_type"].pred_span == span(mentions[0])
    assert (found["missed"].gold_span, found["missed"].pred_span) == ((10, 14), None)
    by_text = [e for e in errors_of(pred, "entities") if e.detail == "by text"]
    assert by_text and all(e.gold_span is None and e.pred_span is None for e in by_text)


def test_timex_errors() -> None:
    pred = perfect()
    pred["timexes"][2]["value"] = "2024-01-20"
    removed = pred["timexes"].pop(0)
    found = {e.category: e for e in errors_of(pred, "timexes")}
    changed = span(pred["timexes"][1])
    assert found["wrong_value"].gold_span == found["wrong_value"].pred_span == changed
    assert (found["missed"].gold_span, found["missed"].pred_span) == (span(removed), None)


def test_event_errors_point_at_triggers_and_argument_fillers() -> None:
    pred = perfect()
    removed = pred["events"].pop(0)
    pred["events"][0]["arguments"][0]["role"] = "Agent"
    errors = errors_of(pred, "events")
    [trigger] = [e for e in errors if e.category == "missed_trigger"]
    assert trigger.gold_span == span(removed["trigger"]) and trigger.pred_span is None
    fillers = {by_id("mentions", a["mention"])["start"] for a in removed["arguments"]}
    missed = [e for e in errors if e.category == "missed_argument"]
    assert {e.gold_span[0] for e in missed if e.gold_span} >= fillers
    [role] = [e for e in errors if e.category in ("wrong_role", "unknown_role")]
    filler = span(by_id("mentions", pred["events"][0]["arguments"][0]["mention"]))
    assert role.gold_span == role.pred_span == filler


def test_quote_and_casualty_errors() -> None:
    pred = perfect()
    quote = pred["quotes"].pop(0)
    [missed] = [e for e in errors_of(pred, "quotes") if e.category == "missed"]
    assert (missed.gold_span, missed.pred_span) == (span(quote["content"]), None)

    pred = perfect()
    record = pred["casualties"].pop(0)
    pred["casualties"][0]["perpetrators"].append("e1")
    errors = errors_of(pred, "casualties")
    first = min(span(e) for e in record["evidence"])  # a record is placed by its first evidence
    [lost] = [e for e in errors if e.category == "missed_record"]
    assert (lost.gold_span, lost.pred_span) == (first, None)
    [extra] = [e for e in errors if e.category == "spurious_filler"]
    assert extra.gold_span is None
    assert extra.pred_span == min(span(e) for e in pred["casualties"][0]["evidence"])


def test_out_of_scope_items_have_their_span() -> None:
    kvkk = find_span(text=TEXT, needle="KVKK")
    pred = {"doc_id": DOC_ID, "mentions": [{"start": kvkk.start, "end": kvkk.end, "type": "ORG"}]}
    [item] = [e for e in errors_of(pred, "entities") if e.category == "out_of_scope"]
    assert item.pred_span == (kvkk.start, kvkk.end) and item.gold_span is None
    # Given by offsets only, it is shown with the text at them, as other errors are.
    assert item.pred == f"'KVKK' [{kvkk.start}, {kvkk.end})"


def test_spans_change_no_equality_or_order_and_are_reported() -> None:
    plain = ErrorItem("entities", "d", "missed", "'x' [0, 1)")
    located = ErrorItem("entities", "d", "missed", "'x' [0, 1)", gold_span=(0, 1))
    assert plain == located and hash(plain) == hash(located)
    assert plain.sort_key() == located.sort_key()
    assert located.to_dict() == {
        "layer": "entities",
        "doc_id": "d",
        "category": "missed",
        "gold": "'x' [0, 1)",
        "pred": None,
        "detail": None,
        "gold_span": [0, 1],
        "pred_span": None,
    }
    pred = perfect()
    missed = pred["timexes"].pop(0)
    report = score(gold={DOC_ID: GOLD}, pred={DOC_ID: pred}, config=ScoreConfig())
    [listed] = to_json_dict(report, errors=True)["errors"]
    assert listed["category"] == "missed"
    assert (listed["gold_span"], listed["pred_span"]) == ([missed["start"], missed["end"]], None)
