"""A small synthetic gold document for the casualty and quote scorer tests.

Offsets come from the library's own span helper (``wiregold.spans.find_span``). Entities:
e1 Pakistan (mentions ``Pakistan`` after ``struck``, ``Islamabad``, ``We``, the
``Pakistan`` inside ``Pakistan's foreign ministry``), e2 Iran, e3 the foreign ministry,
e4 AFP, e5 rights groups, e6 Baluchistan, e7 officials.
"""

from __future__ import annotations

import copy
from typing import Any

from wiregold.spans import find_span

TEXT = (
    "Iran struck Pakistan on Tuesday, killing 11 people, mostly women and children. "
    "Between 6 and 8 soldiers were injured, officials said. "
    '"We will respond," Islamabad said. '
    "Pakistan's foreign ministry told AFP the strike was illegal. "
    "Rights groups say at least 20 people have disappeared in Baluchistan. "
    "Earlier clashes were deadly."
)
DOC_ID = "synthetic-attribution"


def at(needle: str, after: str | None = None) -> tuple[int, int]:
    """Offsets of ``needle`` (its first occurrence after the first ``after``, if given)."""
    start = TEXT.index(after) if after else 0
    found = find_span(text=TEXT, needle=needle, after=start)
    return (found.start, found.end)


def span(needle: str, after: str | None = None) -> dict[str, Any]:
    """A stored span ``{"start", "end", "text"}`` of ``needle``."""
    start, end = at(needle, after)
    return {"start": start, "end": end, "text": TEXT[start:end]}


def _mention(mid: str, needle: str, entity: str, after: str | None = None) -> dict[str, Any]:
    where = span(needle, after)
    return {
        "id": mid,
        **where,
        "head": dict(where),
        "entity": entity,
        "type": "GPE",
        "subtype": None,
        "kind": "NAM",
        "gpe_role": None,
        "metonymy": None,
    }


def _entity(eid: str, name: str) -> dict[str, Any]:
    return {"id": eid, "name": name, "type": "GPE", "subtype": None, "class": "SPC"}


def _event(eid: str, needle: str, type_: str, hopper: str) -> dict[str, Any]:
    return {
        "id": eid,
        "trigger": span(needle),
        "type": type_,
        "realis": "ACTUAL",
        "hopper": hopper,
        "arguments": [],
    }


def _count(value: Any, low: Any, high: Any, precision: str) -> dict[str, Any]:
    return {"value": value, "low": low, "high": high, "precision": precision}


def _casualty(cid: str, kind: str, count: dict[str, Any], **slots: Any) -> dict[str, Any]:
    record = {
        "id": cid,
        "kind": kind,
        "count": count,
        "victims": {"description": None, "groups": [], "mentions": []},
        "perpetrators": [],
        "places": [],
        "times": [],
        "hoppers": [],
        "evidence": [],
        "reported_by": {"entity": None, "description": "unspecified"},
    }
    record.update(slots)
    return record


def gold_document() -> dict[str, Any]:
    """The gold: three casualty records (c1 killed 11, c2 injured 6-8, c3 missing at least
    20) and three quotes (q1 by Islamabad, q2 by the ministry to AFP, q3 by rights
    groups). The last sentence is not annotated; alignment tests use it as evidence."""
    groups = {"description": "mostly women and children", "groups": ["women", "children"]}
    return {
        "schema_version": "1.0",
        "id": DOC_ID,
        "text": TEXT,
        "entities": [
            _entity("e1", "Pakistan"),
            _entity("e2", "Iran"),
            _entity("e3", "Pakistan's foreign ministry"),
            _entity("e4", "AFP"),
            _entity("e5", "rights groups"),
            _entity("e6", "Baluchistan"),
            _entity("e7", "officials"),
        ],
        "mentions": [
            _mention("m1", "Iran", "e2"),
            _mention("m2", "Pakistan", "e1", after="struck"),
            _mention("m3", "Islamabad", "e1"),
            _mention("m4", "Pakistan's foreign ministry", "e3"),
            _mention("m5", "Pakistan", "e1", after="said. "),
            _mention("m6", "AFP", "e4"),
            _mention("m7", "Rights groups", "e5"),
            _mention("m8", "Baluchistan", "e6"),
            _mention("m9", "officials", "e7"),
            _mention("m10", "We", "e1"),
        ],
        "timexes": [
            {
                "id": "t1",
                **span("Tuesday"),
                "type": "DATE",
                "value": "2024-01-16",
                "mod": None,
                "anchor": None,
                "function": "NONE",
            }
        ],
        "hoppers": [
            {"id": "h1", "type": "Conflict.Attack", "description": "Iran's strike"},
            {"id": "h2", "type": "Life.Die", "description": "the 11 deaths"},
            {"id": "h3", "type": "Life.Injure", "description": "the injuries"},
            {"id": "h4", "type": "Justice.Disappear", "description": "disappearances"},
        ],
        "events": [
            _event("v1", "struck", "Conflict.Attack", "h1"),
            _event("v2", "killing", "Life.Die", "h2"),
            _event("v3", "injured", "Life.Injure", "h3"),
            _event("v4", "strike", "Conflict.Attack", "h1"),
            _event("v5", "disappeared", "Justice.Disappear", "h4"),
        ],
        "casualties": [
            _casualty(
                "c1",
                "killed",
                _count(11, 11, 11, "exact"),
                victims={**groups, "mentions": []},
                perpetrators=["e2"],
                places=["e1"],
                times=["t1"],
                hoppers=["h1", "h2"],
                evidence=[span("killing 11 people, mostly women and children")],
            ),
            _casualty(
                "c2",
                "injured",
                _count(None, 6, 8, "range"),
                victims={"description": "soldiers", "groups": ["soldiers"], "mentions": []},
                hoppers=["h3"],
                evidence=[span("Between 6 and 8 soldiers were injured")],
                reported_by={"entity": "e7", "description": "officials"},
            ),
            _casualty(
                "c3",
                "missing",
                _count(20, 20, None, "at_least"),
                places=["e6"],
                hoppers=["h4"],
                evidence=[span("at least 20 people have disappeared")],
                reported_by={"entity": "e5", "description": "rights groups"},
            ),
        ],
        "quotes": [
            {
                "id": "q1",
                "kind": "direct",
                "content": span("We will respond"),
                "cue": span("said", after="Islamabad"),
                "source": span("Islamabad"),
                "speakers": [{"entity": "e1", "mention": "m3"}],
                "addressees": [],
            },
            {
                "id": "q2",
                "kind": "indirect",
                "content": span("the strike was illegal"),
                "cue": span("told"),
                "source": span("Pakistan's foreign ministry"),
                "speakers": [{"entity": "e3", "mention": "m4"}],
                "addressees": [{"entity": "e4", "mention": "m6"}],
            },
            {
                "id": "q3",
                "kind": "indirect",
                "content": span("at least 20 people have disappeared in Baluchistan"),
                "cue": span("say"),
                "source": span("Rights groups"),
                "speakers": [{"entity": "e5", "mention": "m7"}],
                "addressees": [],
            },
        ],
    }


def prediction(**layers: Any) -> dict[str, Any]:
    """A prediction for the synthetic document with the given layers."""
    return {"doc_id": DOC_ID, **copy.deepcopy(layers)}


def pred_mention(mid: str, needle: str, entity: str | None, after: str | None = None) -> dict:
    """A predicted mention with offsets (and no text)."""
    start, end = at(needle, after)
    return {"id": mid, "start": start, "end": end, "type": "GPE", "entity": entity}
