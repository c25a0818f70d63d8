"""Timex scorer: TempEval-3 extent matching and attribute accuracy for TIMEX3 expressions.

Stages: **align** the predicted timexes of a document to its gold timexes (one-to-one,
optimal), **count**, **compute** (ratios are properties of the counts).

Timexes with offsets
    Alignment: an optimal one-to-one matching of predicted to gold timexes
    (``span_alignment.align_spans``); only overlapping pairs can be aligned, and the
    matching maximises the number of identical extents, then the number of overlapping
    pairs, then the total overlap in code points. Type and value play no part in the
    alignment (as in TempEval-3, attributes are judged after matching). Items are sorted
    canonically first, so the order of the input never matters.

    * strict: ``correct`` = aligned pairs with identical extents;
    * relaxed: ``correct`` = aligned pairs (any overlap);
      both with ``predicted`` = predicted timexes, ``gold`` = gold timexes.
    * type accuracy, value accuracy: among the relaxed (aligned) pairs, the share whose
      ``type`` / ``value`` equal the gold's (exact string comparison; a missing or null
      predicted value is wrong);
    * type F1 = type accuracy x relaxed F1; value F1 = value accuracy x relaxed F1
      (TempEval-3 attribute F1).

    A second predicted timex with the same extent as another is never aligned: it counts
    as a predicted timex that is wrong (spurious) and is listed as ``duplicate``.

    The document-creation-time timexes (``function: CREATION_TIME``, the date lines) are
    gold timexes like any other: a system that does not tag the date lines misses them.
    ``function``, ``mod`` and ``anchor`` are not scored.

Text-only timexes (predictions without offsets)
    Distinct keys per document: ``normalize_text(text)`` ("text-only") and
    ``(normalize_text(text), value)`` ("text-only value") against the gold's distinct
    keys. Repeating a key adds nothing; the gold keys always count. The two rows are not
    scored (``None``; ``{"scored": false}`` in ``to_dict``) when no predicted timex of the
    corpus was text-only.

Error categories (``ErrorItem.category``, layer ``timexes``): ``missed``, ``spurious``,
``duplicate``, ``wrong_boundary`` (aligned, extents differ), ``wrong_type``,
``wrong_value`` (an aligned pair may have several). Text-only keys use ``missed`` and
``spurious`` (detail ``by text``) and ``wrong_value`` (a gold string predicted with another
value; detail ``by text and value``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .base import (
    PRF,
    Accuracy,
    Doc,
    ErrorItem,
    ErrorLog,
    Item,
    Row,
    ScoreConfig,
    located_text,
    overlaps,
    render_span,
    span_of,
)
from .entity_match import normalized
from .merging import add_mappings, merge_errors, sorted_errors
from .span_alignment import align_spans

__all__ = ["NAME", "AttributeF1", "GoldGroup", "TimexCounts", "count", "empty"]

NAME = "timexes"
_SAME_EXTENT, _OVERLAP = 2, 1


@dataclass(frozen=True)
class AttributeF1:
    """TempEval-3 attribute F1: attribute accuracy over relaxed matches x relaxed F1."""

    accuracy: Accuracy
    relaxed: PRF

    @property
    def f1(self) -> float | None:
        if self.relaxed.f1 == 0:  # no relaxed match: 0, though the accuracy is 0/0
            return 0.0
        if self.accuracy.accuracy is None or self.relaxed.f1 is None:
            return None
        return self.accuracy.accuracy * self.relaxed.f1

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": self.accuracy.accuracy, "relaxed_f1": self.relaxed.f1, "f1": self.f1}


@dataclass(frozen=True)
class GoldGroup:
    """Recall-side counts of the gold timexes of one group (a type, a function)."""

    gold: int = 0
    strict: int = 0  # found with the identical extent
    relaxed: int = 0  # found (aligned)
    type_agreed: int = 0
    value_agreed: int = 0

    def __add__(self, other: GoldGroup) -> GoldGroup:
        return GoldGroup(
            self.gold + other.gold,
            self.strict + other.strict,
            self.relaxed + other.relaxed,
            self.type_agreed + other.type_agreed,
            self.value_agreed + other.value_agreed,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "strict_recall": Accuracy(self.strict, self.gold).accuracy,
            "relaxed_recall": Accuracy(self.relaxed, self.gold).accuracy,
            "type_accuracy": Accuracy(self.type_agreed, self.relaxed).to_dict(),
            "value_accuracy": Accuracy(self.value_agreed, self.relaxed).to_dict(),
            "strict": self.strict,
            "relaxed": self.relaxed,
        }


def _empty_map() -> Mapping[str, GoldGroup]:
    return MappingProxyType({})


@dataclass(frozen=True)
class TimexCounts:
    """Counts of one document, or of a corpus (documents added with ``+``)."""

    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    type: Accuracy = field(default_factory=Accuracy)
    value: Accuracy = field(default_factory=Accuracy)
    text_only: PRF = field(default_factory=PRF)  # distinct normalised strings
    text_only_value: PRF = field(default_factory=PRF)  # distinct (string, value)
    by_span: int = 0
    by_text: int = 0
    duplicates: int = 0
    by_gold_type: Mapping[str, GoldGroup] = field(default_factory=_empty_map)
    by_function: Mapping[str, GoldGroup] = field(default_factory=_empty_map)
    documents: int = 0
    errors: tuple[ErrorItem, ...] = ()

    def __add__(self, other: TimexCounts) -> TimexCounts:
        if not isinstance(other, TimexCounts):
            return NotImplemented
        return TimexCounts(
            strict=self.strict + other.strict,
            relaxed=self.relaxed + other.relaxed,
            type=self.type + other.type,
            value=self.value + other.value,
            text_only=self.text_only + other.text_only,
            text_only_value=self.text_only_value + other.text_only_value,
            by_span=self.by_span + other.by_span,
            by_text=self.by_text + other.by_text,
            duplicates=self.duplicates + other.duplicates,
            by_gold_type=add_mappings(self.by_gold_type, other.by_gold_type),
            by_function=add_mappings(self.by_function, other.by_function),
            documents=self.documents + other.documents,
            errors=merge_errors(self.errors, other.errors),
        )

    @property
    def type_f1(self) -> AttributeF1:
        return AttributeF1(self.type, self.relaxed)

    @property
    def value_f1(self) -> AttributeF1:
        return AttributeF1(self.value, self.relaxed)

    def rows(self) -> list[Row]:
        """Strict first, relaxed, attribute accuracies and F1s, then the text-only rows. A
        ``None`` value: not scored (no predicted timex of the corpus was text-only)."""
        rows = [
            Row("strict", self.strict),
            Row("relaxed", self.relaxed),
            Row("type accuracy", self.type),
            Row("value accuracy", self.value),
            Row("type F1", self.type_f1),
            Row("value F1", self.value_f1),
        ]
        texted = self.by_text > 0
        rows.append(Row("text-only", self.text_only if texted else None))
        rows.append(Row("text-only value", self.text_only_value if texted else None))
        return rows

    def _text_dict(self, prf: PRF) -> dict[str, Any]:
        if not self.by_text:
            return {"scored": False, "gold": prf.gold}
        return {"scored": True, **prf.to_dict()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": NAME,
            "documents": self.documents,
            "totals": {
                "strict": self.strict.to_dict(),
                "relaxed": self.relaxed.to_dict(),
                "type_accuracy": self.type.to_dict(),
                "value_accuracy": self.value.to_dict(),
                "type_f1": self.type_f1.to_dict(),
                "value_f1": self.value_f1.to_dict(),
                "text_only": self._text_dict(self.text_only),
                "text_only_value": self._text_dict(self.text_only_value),
            },
            "items": {
                "by_span": self.by_span,
                "by_text": self.by_text,
                "duplicates": self.duplicates,
            },
            "breakdowns": {
                "gold_type": {k: v.to_dict() for k, v in self.by_gold_type.items()},
                "function": {k: v.to_dict() for k, v in self.by_function.items()},
            },
        }


def _span(item: Item) -> tuple[int, int]:
    where = span_of(item)
    if where is None:  # callers pass only items with offsets
        raise ValueError(f"expected an item with offsets, got {item!r}")
    return where


def _dump(item: Item) -> str:
    return json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)


def _by_extent(
    items: Sequence[Item], spans: Sequence[tuple[int, int]]
) -> tuple[list[Item], list[tuple[int, int]]]:
    """Items (and their spans) sorted by ``(start, end, JSON dump)``, dumping only items
    whose extent is shared (the dump breaks ties, and only ties)."""
    order = sorted(range(len(items)), key=spans.__getitem__)
    if len(set(spans)) == len(spans):
        return [items[i] for i in order], [spans[i] for i in order]
    start = 0
    for end in range(1, len(order) + 1):
        if end == len(order) or spans[order[end]] != spans[order[start]]:
            if end - start > 1:
                order[start:end] = sorted(order[start:end], key=lambda i: _dump(items[i]))
            start = end
    return [items[i] for i in order], [spans[i] for i in order]


def _align(
    gold_spans: list[tuple[int, int]],
    pred_spans: list[tuple[int, int]],
    tier: Callable[[int, int], int],
) -> list[tuple[int, int]]:
    """``align_spans`` (2 tiers); without it when no span overlaps two on the other side.

    Each overlapping pair is then a component of its own, which ``align_spans`` aligns
    as it is: the answer is every overlapping pair, sorted. Both lists are sorted.
    """
    edges = []
    taken: set[int] = set()
    for g, (gs, ge) in enumerate(gold_spans):
        found = False
        for p, (ps, pe) in enumerate(pred_spans):
            if ps >= ge:
                break
            if gs < pe:
                if found or p in taken:  # a span overlaps two: solve
                    return align_spans(gold=gold_spans, pred=pred_spans, tier=tier, tiers=2)
                found = True
                taken.add(p)
                edges.append((g, p))
    return edges


def _show(item: Item, *, text: str) -> str:
    """``'Thursday' [747, 755) DATE 2024-01-18``."""
    shown = located_text(item, text=text)
    return f"{render_span(shown)} {item.get('type') or '-'} {item.get('value') or '-'}"


def empty(*, config: ScoreConfig) -> TimexCounts:
    """The neutral element of ``+``."""
    return TimexCounts()


def count(*, gold: Doc, pred: Doc, config: ScoreConfig, errors: bool = True) -> TimexCounts:
    """Align, then count, the predicted timexes of one document against its gold. With
    ``errors=False`` no error item is built (``errors`` is empty); every count is the
    same."""
    doc_id = str(gold["id"])
    text: str = gold["text"]
    raw_golds = list(gold.get("timexes") or ())
    golds, gold_spans = _by_extent(raw_golds, [_span(g) for g in raw_golds])
    spanned: list[Item] = []
    texted: list[Item] = []
    for t in pred.get("timexes") or ():
        (texted if span_of(t) is None else spanned).append(t)
    spans = [_span(t) for t in spanned]
    for start, end in spans:
        if type(start) is not int or type(end) is not int or not 0 <= start < end <= len(text):
            raise ValueError(
                f"{doc_id}: predicted timex [{start!r}, {end!r}) is not a non-empty span "
                f"inside the document text (length {len(text)})"
            )
    spanned, spans = _by_extent(spanned, spans)

    error = (
        ErrorLog(layer=NAME, doc_id=doc_id, show=lambda item: _show(item, text=text))
        if errors
        else None
    )

    scored: list[Item] = []
    pred_spans: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    duplicates = 0
    for t, where in zip(spanned, spans, strict=True):
        if where in seen:
            duplicates += 1
            if error is not None:
                error("duplicate", None, t, "same extent as another prediction")
        else:
            seen.add(where)
            scored.append(t)
            pred_spans.append(where)

    def tier(g: int, p: int) -> int:
        return _SAME_EXTENT if gold_spans[g] == pred_spans[p] else _OVERLAP

    aligned = _align(gold_spans, pred_spans, tier)
    # Per gold timex: (gold, strict, relaxed, type agreed, value agreed), see GoldGroup.
    found: list[tuple[int, int, int, int, int]] = [(1, 0, 0, 0, 0)] * len(golds)

    strict = type_agreed = value_agreed = 0
    aligned_gold = {g for g, _ in aligned}
    aligned_pred = {p for _, p in aligned}
    for g, p in aligned:
        gt, pt = golds[g], scored[p]
        same_extent = tier(g, p) == _SAME_EXTENT
        same_type = pt.get("type") == gt["type"]
        same_value = pt.get("value") == gt["value"]
        strict += same_extent
        type_agreed += same_type
        value_agreed += same_value
        found[g] = (1, int(same_extent), 1, int(same_type), int(same_value))
        if error is None:
            continue
        if not same_extent:
            error("wrong_boundary", gt, pt)
        if not same_type:
            error("wrong_type", gt, pt)
        if not same_value:
            error("wrong_value", gt, pt)

    def near(span: tuple[int, int], items: list[Item], spans: list[tuple[int, int]]) -> str | None:
        hits = [_show(items[i], text=text) for i, s in enumerate(spans) if overlaps(span, s)]
        return f"overlaps {'; '.join(hits)}, aligned elsewhere" if hits else None

    # Each missed gold item is listed once: by text when the document's predictions are
    # all text-only, else by span, leaving out the ones a text-only prediction found.
    only_text = bool(texted) and not spanned
    if error is not None:
        found_by_text = {normalized(t["text"]) for t in texted}
        for g, gt in enumerate(golds):
            if g in aligned_gold or only_text or normalized(gt["text"]) in found_by_text:
                continue
            error("missed", gt, None, near(gold_spans[g], scored, pred_spans))
        for p, pt in enumerate(scored):
            if p not in aligned_pred:
                error("spurious", None, pt, near(pred_spans[p], golds, gold_spans))

    text_only, text_only_value = _text_only(
        golds=golds, texted=texted, error=error, list_missed=only_text
    )

    by_type: dict[str, list[tuple[int, int, int, int, int]]] = {}
    by_function: dict[str, list[tuple[int, int, int, int, int]]] = {}
    for gt, row in zip(golds, found, strict=True):
        by_type.setdefault(gt["type"], []).append(row)
        by_function.setdefault(gt.get("function") or "NONE", []).append(row)

    return TimexCounts(
        strict=PRF(correct=strict, predicted=len(spanned), gold=len(golds)),
        relaxed=PRF(correct=len(aligned), predicted=len(spanned), gold=len(golds)),
        type=Accuracy(agreed=type_agreed, compared=len(aligned)),
        value=Accuracy(agreed=value_agreed, compared=len(aligned)),
        text_only=text_only,
        text_only_value=text_only_value,
        by_span=len(spanned),
        by_text=len(texted),
        duplicates=duplicates,
        by_gold_type=_groups(by_type),
        by_function=_groups(by_function),
        documents=1,
        errors=() if error is None else sorted_errors(error.items),
    )


def _groups(rows: Mapping[str, list[tuple[int, int, int, int, int]]]) -> Mapping[str, GoldGroup]:
    """Each group's rows (one per gold timex) summed, groups sorted."""
    return MappingProxyType(
        {
            key: GoldGroup(*(found[0] if len(found) == 1 else map(sum, zip(*found, strict=True))))
            for key, found in sorted(rows.items())
        }
    )


def _by_gold_position(pair: tuple[str, Item]) -> tuple[int, int]:
    return (pair[1]["start"], pair[1]["end"])


def _text_only(
    *, golds: list[Item], texted: list[Item], error: ErrorLog | None, list_missed: bool
) -> tuple[PRF, PRF]:
    """Distinct normalised strings, and distinct (string, value) pairs (``error``: list
    the key errors, when there are text-only predictions)."""
    gold_norms = [normalized(t["text"]) for t in golds]
    pred_norms = [normalized(t["text"]) for t in texted]
    gold_strings = set(gold_norms)
    pred_strings = set(pred_norms)
    gold_values = {(s, t["value"]) for s, t in zip(gold_norms, golds, strict=True)}
    pred_values = {(s, t.get("value")) for s, t in zip(pred_norms, texted, strict=True)}
    # List key errors only for predictions that have text-only items. A key is a string;
    # it is shown by its first item on each side (the gold one with its offsets, the
    # predicted one as written), with every type and value the gold gives the string.
    if error is not None and texted:
        first_pred: dict[str, Item] = {}
        first_pred_value: dict[tuple[str, Any], Item] = {}
        for s, t in zip(pred_norms, texted, strict=True):
            first_pred.setdefault(s, t)
            first_pred_value.setdefault((s, t.get("value")), t)
        for s in sorted(pred_strings - gold_strings):
            error("spurious", None, first_pred[s], "by text", placed=False)
        gold_value_of: dict[str, list[str]] = {}
        for s, v in gold_values:
            gold_value_of.setdefault(s, []).append(v)
        first_gold: dict[str, Item] = {}
        types_of: dict[str, set[str]] = {}
        for s, t in sorted(zip(gold_norms, golds, strict=True), key=_by_gold_position):
            first_gold.setdefault(s, t)
            types_of.setdefault(s, set()).add(t["type"])

        def gold_key(s: str) -> Item:
            return {
                **first_gold[s],
                "type": " | ".join(sorted(types_of[s])),
                "value": " | ".join(sorted(gold_value_of[s])),
            }

        if list_missed:
            for s in sorted(gold_strings - pred_strings):
                error("missed", gold_key(s), None, "by text", placed=False)
        # A string found with another value: one wrong_value per predicted key.
        for s, v in sorted(pred_values - gold_values, key=str):
            if s in gold_strings:
                error(
                    "wrong_value",
                    gold_key(s),
                    first_pred_value[s, v],
                    "by text and value",
                    placed=False,
                )
    return (
        PRF(len(pred_strings & gold_strings), len(pred_strings), len(gold_strings)),
        PRF(len(pred_values & gold_values), len(pred_values), len(gold_values)),
    )
