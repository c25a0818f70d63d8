"""Corrupt the real gold in each way the validator must catch, and pin the exact report.

The validator's unit tests use a small fixture; these run the same rules on the gold
itself, so a change to the gold that breaks an assumption shows up here too.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from conftest import problems_of

from wiregold import paths

Doc = dict[str, Any]
GOLD: Doc = json.loads(paths.split_files()[0].read_text(encoding="utf-8"))


def item(doc: Doc, layer: str, item_id: str) -> dict[str, Any]:
    return next(x for x in doc[layer] if x["id"] == item_id)


def shift_mention(doc: Doc) -> None:  # "Islamabad" in "…Friday, Islamabad said"
    m10 = item(doc, "mentions", "m10")
    m10["start"] += 1
    m10["end"] += 1


def shift_zone(doc: Doc) -> None:  # the section heading now starts inside the body zone
    z12 = item(doc, "zones", "z12")
    z12["start"] -= 1
    z12["text"] = doc["text"][z12["start"] : z12["end"]]


def add(layer: str, item_id: str, **changes: Any) -> Callable[[Doc], None]:
    return lambda doc: doc[layer].append({**item(doc, layer, item_id), **changes})


def set_field(layer: str, item_id: str, *path: str | int, value: Any) -> Callable[[Doc], None]:
    def edit(doc: Doc) -> None:
        target: Any = item(doc, layer, item_id)
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return edit


CASES: dict[str, tuple[Callable[[Doc], None], list[tuple[str, str]]]] = {
    "shifted offset": (
        shift_mention,
        [
            (
                "/mentions/9/text",
                "span text does not match text[294:303]; 'Islamabad' occurs at [293, 302)",
            ),
            ("/mentions/9/head", "head [293, 302) is not inside the mention [294, 303)"),
        ],
    ),
    "wrong span text": (
        set_field("timexes", "t5", "text", value="Tuesday"),
        [
            (
                "/timexes/4/text",
                "span text does not match text[669:682]; 'Tuesday' occurs at [669, 676)",
            )
        ],
    ),
    "dangling entity": (
        set_field("mentions", "m10", "entity", value="e999"),
        [
            ("/mentions/9/entity", "dangling reference: no entity has id 'e999'"),
            ("/quotes/3/speakers/0/mention", "mention m10 belongs to entity e999, not to e1"),
        ],
    ),
    "dangling argument": (
        set_field("events", "ev1", "arguments", 0, "mention", value="m999"),
        [("/events/0/arguments/0/mention", "dangling reference: no mention has id 'm999'")],
    ),
    "duplicate id": (
        set_field("quotes", "q2", "id", value="q1"),
        [("/quotes/1/id", "duplicate id 'q1' (already used at /quotes/0)")],
    ),
    "overlapping zones": (
        shift_zone,
        [("/zones/11", "zone z12 overlaps zone z11: it starts at 1793, before z11 ends at 1794")],
    ),
    "speaker mention of another entity": (
        set_field("quotes", "q4", "speakers", 0, "mention", value="m9"),
        [("/quotes/3/speakers/0/mention", "mention m9 belongs to entity e2, not to e1")],
    ),
    "count bounds": (
        set_field("casualties", "c1", "count", "low", value=12),
        [
            ("/casualties/0/count", "precision 'exact' with value 11, low 12, high 11"),
            ("/casualties/0/count", "count out of order: value 11, low 12, high 11"),
        ],
    ),
    "bad TIMEX3 value": (
        set_field("timexes", "t5", "value", value="2024-01-16TNIGHT"),
        [("/timexes/4/value", "'2024-01-16TNIGHT' is not a well-formed TIMEX3 TIME value")],
    ),
    "duplicate mention": (
        add("mentions", "m1", id="m999"),
        [("/mentions/1", "duplicate mention: same span as /mentions/0")],
    ),
}


def test_gold_itself_has_no_problems() -> None:
    assert problems_of(copy.deepcopy(GOLD)) == []


@pytest.mark.parametrize("name", CASES)
def test_corrupted_gold_reports_exactly_the_problem(name: str) -> None:
    corrupt, expected = CASES[name]
    doc = copy.deepcopy(GOLD)
    corrupt(doc)
    assert problems_of(doc) == expected
