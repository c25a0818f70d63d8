"""Predictions in unannotated zones (guidelines Z3): taken out before scoring, counted.

The gold has no annotation in zones with ``annotated: false`` (boilerplate such as the
cookie notice with ``KVKK`` and ``GDPR``, separators). A prediction there can be neither
right nor wrong, so it is removed before the layer scorers see the prediction, counted
per layer in :class:`~wiregold.scorers.base.OutOfScope` and listed as an
``ErrorItem(category="out_of_scope")``.

Where an item is:

- a mention, a timex: its own span; an event: its trigger; a quote: its content; a
  casualty: its first evidence span in text order (the evidence span with the smallest
  ``(start, end)``; evidence given only as text cannot be placed);
- an item is out of scope when its span overlaps an unannotated zone, so a span that
  crosses from an annotated zone into an unannotated one is out of scope too;
- an item without offsets cannot be placed and is always scored (a text-only ``KVKK``
  mention is scored, and is spurious).

References into removed items are removed with them, so that no scorer meets a dangling
id, and each removal is counted and listed under the layer that holds the reference:

- an event argument whose ``mention`` or ``timex`` was removed, or whose own span is out
  of scope (``events``);
- a quote speaker or addressee whose ``mention`` was removed, the whole participant
  (``quotes``);
- a casualty's ``victims.mentions`` id of a removed mention, a ``times`` id of a removed
  timex (``casualties``).

Entities and hoppers carry no offsets and are never removed; mention ``entity`` and
event ``hopper`` labels are cluster labels, not references to located items. The input
prediction is never modified: changed items are copies.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wiregold.scorers.base import ErrorItem, OutOfScope, located_text, render_span, span_of

Doc = Mapping[str, Any]
CATEGORY = "out_of_scope"


@dataclass(frozen=True)
class Scoped:
    """A prediction restricted to the annotated zones, and what was taken out."""

    pred: Doc
    out_of_scope: OutOfScope
    items: tuple[ErrorItem, ...]


class _Restriction:
    def __init__(self, *, gold: Doc, pred: Doc, doc_id: str) -> None:
        self.doc_id = doc_id
        self.pred = pred
        self.text = gold.get("text")
        self.unannotated = sorted(
            (z["start"], z["end"], z["id"], z["type"])
            for z in gold.get("zones", [])
            if not z["annotated"]
        )
        self.merged_starts, self.merged_ends = _merged(self.unannotated)
        self.items: list[ErrorItem] = []
        self.counts: dict[str, int] = {}
        self.removed_mentions: set[str] = set()
        self.removed_timexes: set[str] = set()

    def zone_of(self, obj: Any) -> str | None:
        """``z17 (boilerplate)`` if the span of ``obj`` touches an unannotated zone."""
        # Called for every located item: plain dicts skip the ABC check and span_of.
        if type(obj) is not dict and not isinstance(obj, Mapping):
            return None
        if "start" not in obj or "end" not in obj:
            return None
        first, last = obj["start"], obj["end"]
        # Most items lie in annotated text: one bisection into the merged zones says so.
        i = bisect_left(self.merged_starts, last)
        if not i or self.merged_ends[i - 1] <= first:
            return None
        for start, end, zone_id, zone_type in self.unannotated:
            if first < end and start < last:
                return f"{zone_id} ({zone_type})"
        return None

    def shown(self, obj: Any) -> str:
        """``render_span`` with the text filled in from the document when the prediction
        gave offsets only (an empty string would say nothing)."""
        if isinstance(obj, Mapping) and isinstance(self.text, str):
            obj = located_text(obj, text=self.text)
        return render_span(obj)

    def remove(self, layer: str, pred: str, detail: str, *, where: Any = None) -> None:
        """Count and list a removal; ``where`` is the removed span object, if any."""
        self.counts[layer] = self.counts.get(layer, 0) + 1
        span = span_of(where) if isinstance(where, Mapping) else None
        item = ErrorItem(layer, self.doc_id, CATEGORY, None, pred, detail, pred_span=span)
        self.items.append(item)

    def layer(self, name: str) -> list[dict[str, Any]]:
        return list(self.pred.get(name, []))

    def located(self, name: str, layer: str, noun: str, removed_ids: set[str]) -> list[dict]:
        kept = []
        for item in self.layer(name):
            zone = self.zone_of(item)
            if zone is None:
                kept.append(item)
                continue
            self.remove(layer, self.shown(item), f"{noun} in unannotated zone {zone}", where=item)
            if isinstance(item.get("id"), str):
                removed_ids.add(item["id"])
        return kept

    def events(self) -> list[dict[str, Any]]:
        kept = []
        by_ref = bool(self.removed_mentions or self.removed_timexes)  # removals by reference
        for event in self.layer("events"):
            trigger = event["trigger"]
            zone = self.zone_of(trigger)
            if zone is not None:
                detail = f"{event['type']} event, trigger in unannotated zone {zone}"
                self.remove("events", self.shown(trigger), detail, where=trigger)
                continue
            arguments = []
            for argument in event.get("arguments", []):
                if not by_ref and ("mention" in argument or "timex" in argument):
                    arguments.append(argument)  # it names an item, and none was removed
                    continue
                why = self.argument_outside(argument)
                if why is None:
                    arguments.append(argument)
                    continue
                detail = f"{argument['role']} argument of the {event['type']} event "
                detail += f"{self.shown(trigger)}: {why}"
                self.remove("events", self.filler(argument), detail, where=argument)
            if len(arguments) != len(event.get("arguments", [])):
                event = {**event, "arguments": arguments}
            kept.append(event)
        return kept

    def filler(self, argument: Mapping[str, Any]) -> str:
        if "mention" in argument:
            return f"mention {argument['mention']}"
        if "timex" in argument:
            return f"timex {argument['timex']}"
        return self.shown(argument)

    def argument_outside(self, argument: Mapping[str, Any]) -> str | None:
        if argument.get("mention") in self.removed_mentions:
            return f"its mention {argument['mention']} is out of scope"
        if argument.get("timex") in self.removed_timexes:
            return f"its timex {argument['timex']} is out of scope"
        if "mention" in argument or "timex" in argument:
            return None
        zone = self.zone_of(argument)
        return None if zone is None else f"its span is in unannotated zone {zone}"

    def quotes(self) -> list[dict[str, Any]]:
        kept = []
        for quote in self.layer("quotes"):
            zone = self.zone_of(quote["content"])
            if zone is not None:
                detail = f"quote content in unannotated zone {zone}"
                self.remove("quotes", self.shown(quote["content"]), detail, where=quote["content"])
                continue
            changes = {}
            for role in ("speakers", "addressees"):
                participants = quote.get(role, [])
                staying = []
                for participant in participants:
                    if participant.get("mention") not in self.removed_mentions:
                        staying.append(participant)
                        continue
                    detail = f"{role[:-1]} of the quote {self.shown(quote['content'])}: "
                    detail += f"its mention {participant['mention']} is out of scope"
                    self.remove("quotes", f"mention {participant['mention']}", detail)
                if len(staying) != len(participants):
                    changes[role] = staying
            kept.append({**quote, **changes} if changes else quote)
        return kept

    def casualties(self) -> list[dict[str, Any]]:
        kept = []
        for casualty in self.layer("casualties"):
            located = [s for s in casualty.get("evidence", []) if span_of(s) is not None]
            first = min(located, key=span_of, default=None)  # type: ignore[arg-type]
            zone = self.zone_of(first)
            if zone is not None:
                detail = f"{casualty['kind']} casualty record, first evidence in unannotated "
                detail += f"zone {zone}"
                self.remove("casualties", self.shown(first), detail, where=first)
                continue
            kept.append(self.casualty_refs(casualty))
        return kept

    def casualty_refs(self, casualty: dict[str, Any]) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        where = f"of the {casualty['kind']} casualty record"
        victims = casualty.get("victims")
        if victims and "mentions" in victims:
            staying = self.drop_refs(victims["mentions"], self.removed_mentions, "victim", where)
            if staying is not None:
                changes["victims"] = {**victims, "mentions": staying}
        if "times" in casualty:
            staying = self.drop_refs(casualty["times"], self.removed_timexes, "time", where)
            if staying is not None:
                changes["times"] = staying
        return {**casualty, **changes} if changes else casualty

    def drop_refs(self, refs: list[Any], removed: set[str], role: str, where: str) -> list | None:
        """``refs`` without the ids in ``removed`` (None if none is); each removal counted."""
        staying = []
        for ref in refs:
            if isinstance(ref, str) and ref in removed:
                noun = "mention" if removed is self.removed_mentions else "timex"
                detail = f"{role} {where}: {noun} {ref} is out of scope"
                self.remove("casualties", f"{noun} {ref}", detail)
            else:
                staying.append(ref)
        return staying if len(staying) != len(refs) else None

    def run(self) -> Scoped:
        if not self.unannotated:
            return Scoped(self.pred, OutOfScope({}), ())
        out = dict(self.pred)
        replaced = {
            "mentions": self.located("mentions", "entities", "mention", self.removed_mentions),
            "timexes": self.located("timexes", "timexes", "timex", self.removed_timexes),
        }
        replaced["events"] = self.events()
        replaced["quotes"] = self.quotes()
        replaced["casualties"] = self.casualties()
        for name, items in replaced.items():
            if name in self.pred:
                out[name] = items
        counts = OutOfScope(dict(sorted(self.counts.items())))
        return Scoped(out, counts, tuple(sorted(self.items, key=_order)))


def _merged(zones: list[tuple[int, int, str, str]]) -> tuple[list[float], list[float]]:
    """Starts and ends of the union of the (sorted) zones as disjoint intervals, both
    increasing: a span ``[a, b)`` overlaps the union iff the last interval starting
    before ``b`` ends after ``a``."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end, _, _ in zones:
        if start >= end:  # the exact test treats it otherwise: let it decide every item
            return [-math.inf], [math.inf]
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _order(item: ErrorItem) -> tuple[str, ...]:
    return (*item.sort_key(), item.detail or "")


def restrict(*, gold: Doc, pred: Doc, doc_id: str) -> Scoped:
    """``pred`` without the items that lie in the unannotated zones of ``gold``."""
    return _Restriction(gold=gold, pred=pred, doc_id=doc_id).run()
