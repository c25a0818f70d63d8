"""A scored prediction as marks: what the scorer matched, missed, got wrong or added.

Nothing here matches anything: the outcome of every item comes from the scorer's
:class:`~wiregold.scorers.base.ErrorItem` list for the document (``report.errors``),
through the items' ``gold_span`` / ``pred_span``:

* a gold item is placed by its layer and span (an entity mention, a timex, an event
  trigger, a quote content, a casualty record's first evidence span). A gold item that
  no error names was matched (``ok``); otherwise its outcome is the most severe of its
  errors' outcomes: ``missed`` > ``wrong`` (wrong type, role, speaker, count) >
  ``partial`` (overlapping extent, partial count) > ``attr`` (an attribute differs:
  value, realis, cue, kind, addressee, a slot filler);
* a predicted span that is not the gold item's own span (spurious, duplicate, wrong
  boundaries, out of scope, ...) becomes a ``pred`` mark of its own, one per layer and
  span, with the outcome of its errors;
* event argument errors point at the argument's filler (a gold mention or timex) and
  its predicted filler, without changing the filler's own outcome;
* errors without offsets (items scored by text) are listed, not placed; the
  prediction's text-only items are listed in a panel of their own. Entities, timexes
  and event triggers scored by text are sets of distinct strings, which do not say
  which gold item they found: in a layer whose prediction had no item with offsets
  (``text_only_layers``), a gold item that no error names gets no outcome, not ``ok``;
* gold items the scoring left out (``unscored``: the nominal and pronoun mentions under
  the ``conll`` and ``ontonotes`` label presets) get no outcome either.

Categories map to outcomes per layer (``OUTCOMES``); an unknown category (a layer added
later) falls back on the sides it names: both -> ``attr``, gold only -> ``missed``,
prediction only -> ``spurious``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wiregold.render.gold_marks import count_text, token
from wiregold.render.markup import Mark
from wiregold.scorers.base import ErrorItem

__all__ = [
    "OUTCOMES",
    "SEVERITY",
    "ErrorEntry",
    "ErrorMarks",
    "TextOnlyItem",
    "error_marks",
    "text_only_items",
]

Doc = Mapping[str, Any]
Span = tuple[int, int]

# Most severe first; "ok" is a gold item no error names.
SEVERITY = ("missed", "spurious", "wrong", "partial", "attr", "oos", "ok")
OUT_OF_SCOPE = "out_of_scope"
_SPURIOUS = {"spurious": "spurious", "duplicate": "spurious"}
OUTCOMES: Mapping[str, Mapping[str, str]] = {
    "entities": {
        "missed": "missed",
        **_SPURIOUS,
        "unmapped_label": "spurious",
        "wrong_type": "wrong",
        "wrong_boundary": "partial",
        "wrong_boundary_and_type": "partial",
    },
    "timexes": {
        "missed": "missed",
        **_SPURIOUS,
        "wrong_type": "wrong",
        "wrong_boundary": "partial",
        "wrong_value": "attr",
    },
    "events": {
        "missed_trigger": "missed",
        "spurious_trigger": "spurious",
        "duplicate": "spurious",
        "wrong_type": "wrong",
        "unknown_type": "wrong",
        "wrong_realis": "attr",
        "missed_argument": "missed",
        "spurious_argument": "spurious",
        "unresolved_argument": "spurious",
        "wrong_role": "wrong",
        "unknown_role": "wrong",
        "wrong_trigger": "wrong",
        "repeated_text": "attr",
    },
    "quotes": {
        "missed": "missed",
        "spurious": "spurious",
        "partial_content": "partial",
        "wrong_speaker": "wrong",
        "not_attributed": "wrong",
        "wrong_kind": "attr",
        "wrong_cue": "attr",
        "wrong_addressee": "attr",
    },
    "casualties": {
        "missed_record": "missed",
        "spurious_record": "spurious",
        "wrong_kind": "wrong",
        "wrong_count": "wrong",
        "partial_count": "partial",
        "missed_filler": "attr",
        "spurious_filler": "attr",
    },
}
# Event errors about an argument: they point at its filler, not at a trigger.
ARGUMENT_CATEGORIES = frozenset(
    {
        "missed_argument",
        "spurious_argument",
        "unresolved_argument",
        "wrong_role",
        "unknown_role",
        "wrong_trigger",
    }
)
# Layers whose text-only items are scored as sets of keys (see the module docstring).
KEYED_BY_TEXT = frozenset({"entities", "timexes", "events"})
# The kind of gold mark each layer's items are placed on.
_GOLD_KIND = {
    "entities": ("mention",),
    "timexes": ("timex",),
    "events": ("trigger",),
    "quotes": ("quote",),
    "casualties": ("evidence",),
}
_FILLER_KINDS = ("mention", "timex")
_PRED_RANK = 8
OUTCOME_LABELS: Mapping[str, str] = {
    "ok": "matched",
    "missed": "missed",
    "spurious": "spurious",
    "wrong": "wrong (type, label, role, speaker, count)",
    "partial": "partial (boundary or count)",
    "attr": "attribute differs",
    "oos": "out of scope",
}


def outcome_of(item: ErrorItem) -> str:
    """The outcome an error item stands for (see the module docstring)."""
    if item.category == OUT_OF_SCOPE:
        return "oos"
    found = OUTCOMES.get(item.layer, {}).get(item.category)
    if found is not None:
        return found
    if item.gold is not None and item.pred is not None:
        return "attr"
    return "missed" if item.gold is not None else "spurious"


def _worst(outcomes: Iterable[str]) -> str:
    return min(outcomes, key=SEVERITY.index, default="ok")


@dataclass(frozen=True)
class ErrorEntry:
    """One error item as listed on the page, with the marks it points at
    (``kind:id`` targets)."""

    index: int
    item: ErrorItem
    outcome: str
    targets: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {**self.item.to_dict(), "outcome": self.outcome, "targets": list(self.targets)}


@dataclass(frozen=True)
class ErrorMarks:
    """The gold marks with their outcomes, the predicted marks, the listed errors, and
    for each mark (``kind:id``) the indices of its errors."""

    marks: tuple[Mark, ...]
    entries: tuple[ErrorEntry, ...]
    by_target: Mapping[str, tuple[int, ...]]
    # layer -> "gold" (the gold items placed) or "pred" (the predicted spans marked on
    # their own) -> outcome -> how many
    outcome_counts: Mapping[str, Mapping[str, Mapping[str, int]]]


def _target(mark: Mark) -> str:
    return f"{mark.kind}:{mark.key}"


def layer_of(mark: Mark) -> str:
    """The layer of a mark, from its ``L-<layer>`` class."""
    return next((c[2:] for c in mark.classes if c.startswith("L-")), "")


def _describe(item: ErrorItem) -> str:
    parts = [f"{item.layer} {item.category.replace('_', ' ')}"]
    if item.gold is not None:
        parts.append(f"gold {item.gold}")
    if item.pred is not None:
        parts.append(f"pred {item.pred}")
    if item.detail:
        parts.append(item.detail)
    return " · ".join(parts)


class _Builder:
    def __init__(
        self,
        *,
        gold_marks: Sequence[Mark],
        errors: Sequence[ErrorItem],
        layers: Iterable[str],
        text_only_layers: Iterable[str],
        unscored: Iterable[str],
    ) -> None:
        self.gold_marks = list(gold_marks)
        self.unscored = frozenset(unscored)
        self.errors = errors
        self.layers = frozenset(layers)
        self.unclaimed = frozenset(text_only_layers) & KEYED_BY_TEXT
        self.at: dict[tuple[str, int, int], Mark] = {}
        for mark in self.gold_marks:
            self.at.setdefault((mark.kind, mark.start, mark.end), mark)
        self.gold_outcomes: dict[str, list[str]] = {}
        self.notes: dict[str, list[str]] = {}
        self.pred: dict[tuple[str, Span], list[tuple[str, str]]] = {}
        self.pred_keys: dict[tuple[str, Span], str] = {}
        self.by_target: dict[str, list[int]] = {}

    def gold_mark(self, item: ErrorItem) -> Mark | None:
        if item.gold_span is None:
            return None
        kinds = _GOLD_KIND.get(item.layer, ())
        if item.layer == "events" and item.category in ARGUMENT_CATEGORIES:
            kinds = _FILLER_KINDS
        for kind in kinds:
            found = self.at.get((kind, *item.gold_span))
            if found is not None:
                return found
        return None

    def pred_target(self, item: ErrorItem, outcome: str, gold: Mark | None) -> str | None:
        span = item.pred_span
        if span is None:
            return None
        if gold is not None and (gold.start, gold.end) == span:
            return _target(gold)  # the same place: the gold mark shows it
        if item.layer == "events" and item.category in ARGUMENT_CATEGORIES:
            # An argument error is about the relation: a gold filler at the span shows it.
            filler = next((self.at[k, *span] for k in _FILLER_KINDS if (k, *span) in self.at), None)
            if filler is not None:
                return _target(filler)
        key = (item.layer, span)
        self.pred.setdefault(key, []).append((outcome, _describe(item)))
        mark_id = self.pred_keys.setdefault(key, f"x{len(self.pred_keys) + 1}")
        return f"pred:{mark_id}"

    def run(self) -> ErrorMarks:
        entries = []
        for index, item in enumerate(self.errors):
            outcome = outcome_of(item)
            gold = self.gold_mark(item)
            targets: list[str] = []
            if gold is not None:
                targets.append(_target(gold))
                self.notes.setdefault(_target(gold), []).append(_describe(item))
                argument = item.layer == "events" and item.category in ARGUMENT_CATEGORIES
                if not argument:
                    self.gold_outcomes.setdefault(_target(gold), []).append(outcome)
            pred = self.pred_target(item, outcome, gold)
            if pred is not None and pred not in targets:
                targets.append(pred)
                if not pred.startswith("pred:"):  # a gold filler: its tooltip tells
                    self.notes.setdefault(pred, []).append(_describe(item))
            for target in targets:
                self.by_target.setdefault(target, []).append(index)
            entries.append(ErrorEntry(index, item, outcome, tuple(targets)))
        marks = [self.with_outcome(mark) for mark in self.gold_marks]
        marks += self.pred_marks()
        return ErrorMarks(
            marks=tuple(marks),
            entries=tuple(entries),
            by_target={k: tuple(v) for k, v in self.by_target.items()},
            outcome_counts=self.counts(marks),
        )

    def with_outcome(self, mark: Mark) -> Mark:
        target = _target(mark)
        notes = self.notes.get(target, [])
        outcome = None
        layer = layer_of(mark)
        scored = layer in self.layers and target not in self.unscored
        if _GOLD_KIND.get(layer, ()) == (mark.kind,) and scored:
            found = self.gold_outcomes.get(target, ())
            if found or layer not in self.unclaimed:
                outcome = _worst(found)
        if outcome is None and not notes:
            return mark
        attrs = dict(mark.attrs)
        if notes:
            attrs["title"] = "\n".join([attrs.get("title", ""), *notes]).strip()
        classes = (*mark.classes, *([f"o-{outcome}"] if outcome else []))
        return dataclasses.replace(
            mark, classes=classes + (("has-err",) if notes else ()), attrs=attrs
        )

    def pred_marks(self) -> list[Mark]:
        marks = []
        for (layer, span), found in self.pred.items():
            outcome = _worst(o for o, _ in found)
            title = "\n".join(f"predicted: {text}" for _, text in found)
            marks.append(
                Mark(
                    span[0],
                    span[1],
                    "pred",
                    self.pred_keys[layer, span],
                    ("pred", f"o-{outcome}", f"L-{token(layer)}"),
                    {"title": title, "data-layer": layer},
                    _PRED_RANK,
                )
            )
        return marks

    def counts(self, marks: Sequence[Mark]) -> Mapping[str, Mapping[str, Mapping[str, int]]]:
        """Per layer, how many placed gold items, and how many predicted spans marked on
        their own, have each outcome (one gold item and the predicted span of its partial
        match are two marks: counted apart, they add up to what the scorer counted)."""
        found: dict[str, dict[str, dict[str, int]]] = {}
        seen: set[str] = set()
        for mark in marks:
            layer = layer_of(mark)
            outcome = next((c[2:] for c in mark.classes if c.startswith("o-")), None)
            if outcome is None or _target(mark) in seen:
                continue
            seen.add(_target(mark))
            side = found.setdefault(layer, {}).setdefault(
                "pred" if mark.kind == "pred" else "gold", {}
            )
            side[outcome] = side.get(outcome, 0) + 1
        return found


def error_marks(
    *,
    gold_marks: Sequence[Mark],
    errors: Sequence[ErrorItem],
    layers: Iterable[str],
    text_only_layers: Iterable[str] = (),
    unscored: Iterable[str] = (),
) -> ErrorMarks:
    """Outcome classes on the gold marks of the scored ``layers``, predicted marks and
    listed errors, for one document's error items (in the report's order).
    ``text_only_layers``: layers whose prediction had items without offsets only;
    ``unscored``: gold marks (``kind:id``) that the scoring left out."""
    return _Builder(
        gold_marks=gold_marks,
        errors=errors,
        layers=layers,
        text_only_layers=text_only_layers,
        unscored=unscored,
    ).run()


# ------------------------------------------------------------------ text-only items


@dataclass(frozen=True)
class TextOnlyItem:
    """A predicted item without offsets: listed, not placed."""

    layer: str
    text: str
    label: str


def _located(obj: Any) -> bool:
    return isinstance(obj, Mapping) and "start" in obj and "end" in obj


def _labels(*values: Any) -> str:
    return " · ".join(str(v) for v in values if v not in (None, ""))


def _as_scored(count: Any) -> Mapping[str, Any]:
    """A predicted count as the scorer reads it (``{"value": 12}`` is 12, exact), or as
    given when it cannot be read (the report then has the scorer's message)."""
    from wiregold.scorers.casualties import canonical_count

    try:
        return dataclasses.asdict(canonical_count(count or {}))
    except ValueError:
        return count or {}


def text_only_items(pred: Doc) -> list[TextOnlyItem]:
    """The prediction's items that carry no offsets, layer by layer."""
    found: list[TextOnlyItem] = []
    for m in pred.get("mentions") or ():
        if not _located(m):
            labels = _labels(
                m.get("type"), m.get("kind"), m.get("entity") and f"entity {m['entity']}"
            )
            found.append(TextOnlyItem("entities", m.get("text", ""), labels))
    for t in pred.get("timexes") or ():
        if not _located(t):
            found.append(
                TextOnlyItem("timexes", t.get("text", ""), _labels(t.get("type"), t.get("value")))
            )
    for event in pred.get("events") or ():
        trigger = event.get("trigger") or {}
        if not _located(trigger):
            labels = _labels(event.get("type"), event.get("realis"))
            found.append(TextOnlyItem("events", trigger.get("text", ""), labels))
        for argument in event.get("arguments") or ():
            if "mention" not in argument and "timex" not in argument and not _located(argument):
                label = _labels(f"{argument.get('role')} of {event.get('type')}")
                found.append(TextOnlyItem("events", argument.get("text", ""), label))
    for quote in pred.get("quotes") or ():
        content = quote.get("content") or {}
        if not _located(content):
            speakers = ", ".join(
                str(p.get("text") or p.get("entity") or p.get("mention") or "?")
                for p in quote.get("speakers") or ()
            )
            labels = _labels(quote.get("kind"), speakers and f"speakers {speakers}")
            found.append(TextOnlyItem("quotes", content.get("text", ""), labels))
    for record in pred.get("casualties") or ():
        evidence = record.get("evidence") or ()
        if not any(_located(e) for e in evidence):
            text = " … ".join(str(e.get("text", "")) for e in evidence) or "(no evidence)"
            labels = _labels(record.get("kind"), count_text(_as_scored(record.get("count"))))
            found.append(TextOnlyItem("casualties", text, labels))
    return found
