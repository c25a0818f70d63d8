"""Entity scorer: mentions (SemEval-2013 Task 9.1 schemes), text-only mentions, coreference.

Stages: **align** the predicted mentions of a document to its gold mentions (one-to-one,
optimal), **count** the outcome of every gold and predicted mention under each scheme,
**compute** precision, recall and F1 from the counts (``SchemeCounts.to_prf``).

Mention level (predictions with offsets)
    Alignment: an optimal one-to-one matching of predicted to gold mentions of a
    document (``span_alignment.align_spans``). Only overlapping pairs can be aligned; the
    matching maximises, lexicographically, the number of pairs with the same span and
    type, then with the same span, then overlapping with the same type, then overlapping
    with another type, then the total overlap in code points. Items are sorted
    canonically first, so the order of the input never matters. Nested and overlapping
    gold mentions are fine. A prediction that overlaps two gold mentions is aligned to at
    most one of them; the other is ``MIS`` unless another prediction is aligned to it.
    One alignment serves all four schemes. (nervaluate instead matches greedily, in input
    order, separately for each scheme: see docs/scoring-entities.md for the differences.)

    Outcomes (as nervaluate defines them): an aligned pair is ``COR``, ``INC`` or ``PAR``
    depending on the scheme; an unaligned gold mention is ``MIS``; an unaligned
    prediction is ``SPU``.

    =========================  ======  =====  =======  ====
    aligned pair               strict  exact  partial  type
    =========================  ======  =====  =======  ====
    same span, same type       COR     COR    COR      COR
    same span, other type      INC     COR    COR      INC
    overlap, same type         INC     INC    PAR      COR
    overlap, other type        INC     INC    PAR      INC
    =========================  ======  =====  =======  ====

    ``POS = COR + INC + PAR + MIS``, ``ACT = COR + INC + PAR + SPU``; strict and exact:
    ``P = COR / ACT``, ``R = COR / POS``; partial and type: ``P = (COR + 0.5 PAR) / ACT``,
    ``R = (COR + 0.5 PAR) / POS`` (type has no PAR, so this is COR / ACT there too).

    "Same type" means the gold type is among the types the predicted label maps to under
    the label preset (``scorers.labels``, ``ScoreConfig.labels``). The preset also sets
    which gold mentions are scored (``conll``, ``ontonotes``: NAM mentions only).

    Never dropped: a prediction whose label has no gold type under the preset is ``SPU``
    in every scheme and listed as ``unmapped_label``; a second prediction with the same
    span and label as another is ``SPU`` in every scheme and listed as ``duplicate``.
    Neither takes part in the alignment.

    Breakdowns (every scheme): per gold type and per mention kind. ``COR``, ``INC``,
    ``PAR`` and ``MIS`` count under the gold mention's type (kind); ``SPU`` under the
    predicted label (predicted ``kind``, or ``unspecified``).

Text-only mentions (predictions without offsets)
    Distinct keys ``(normalize_text(text), label)`` per document against the distinct
    ``(normalize_text(text), type)`` keys of the gold mentions in scope; a predicted key
    matches a gold key with the same string whose type the label maps to (one-to-one).
    Repeating a key adds nothing. The gold keys always count; the row is not scored
    (``None``) when no predicted mention of the corpus was text-only.

Entity level (coreference)
    MUC, B-cubed, CEAF-e, LEA and the CoNLL F1 (``scorers.coref``), mentions keyed by
    their ``(start, end)`` span, singletons kept. The key is the gold mentions in scope
    clustered by entity; the response is the scored predicted mentions (not unmapped, not
    duplicates) clustered by their ``entity`` value, a mention without one being a
    singleton; one mention per span on each side (the first in canonical order). Not
    scored (``None``, never 0) when no prediction of the corpus has an ``entity`` value;
    once scored, a document whose prediction has none counts with all its predicted
    mentions as singletons, so its gold entities still weigh in recall.

Rows: ``strict`` (the headline), ``exact``, ``partial``, ``type``, ``text-only``,
``CoNLL F1``, ``MUC``, ``B3``, ``CEAF-e``, ``LEA``; a row whose value is ``None`` was not
scored (``{"scored": false}`` in ``to_dict``).

Error categories (``ErrorItem.category``, layer ``entities``): ``missed``, ``spurious``,
``wrong_type`` (same span), ``wrong_boundary`` (overlap, same type),
``wrong_boundary_and_type``, ``unmapped_label``, ``duplicate``. Text-only keys use
``missed``, ``spurious`` and ``unmapped_label`` with detail ``by text``. A missed gold
mention is listed once: by text when all of a document's predictions are text-only,
otherwise by span (leaving out those a text-only prediction found).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from . import coref
from .assignment import max_weight_assignment
from .base import (
    PRF,
    Doc,
    ErrorItem,
    ErrorLog,
    Item,
    Row,
    ScoreConfig,
    located_text,
    normalize_text,
    overlaps,
    render_span,
    span_of,
)
from .labels import LabelPreset, preset
from .merging import add_mappings, merge_errors, sorted_errors
from .span_alignment import align_spans

__all__ = [
    "HALF_CREDIT",
    "NAME",
    "SCHEMES",
    "UNSPECIFIED_KIND",
    "Coreference",
    "EntityCounts",
    "SchemeCounts",
    "Schemes",
    "count",
    "empty",
]

NAME = "entities"
SCHEMES: tuple[str, ...] = ("strict", "exact", "partial", "type")
HALF_CREDIT = 0.5  # nervaluate / MUC credit for a partial match (partial and type schemes)
_HALF_CREDIT_SCHEMES = frozenset({"partial", "type"})
UNSPECIFIED_KIND = "unspecified"

# Tiers of an aligned pair, best first (see span_alignment).
_SAME_SPAN_TYPE, _SAME_SPAN, _OVERLAP_TYPE, _OVERLAP = 4, 3, 2, 1
_OUTCOME: Mapping[str, Mapping[int, str]] = MappingProxyType(
    {
        "strict": {4: "correct", 3: "incorrect", 2: "incorrect", 1: "incorrect"},
        "exact": {4: "correct", 3: "correct", 2: "incorrect", 1: "incorrect"},
        "partial": {4: "correct", 3: "correct", 2: "partial", 1: "partial"},
        "type": {4: "correct", 3: "incorrect", 2: "correct", 1: "incorrect"},
    }
)
_ERROR_OF_TIER = {
    _SAME_SPAN: "wrong_type",
    _OVERLAP_TYPE: "wrong_boundary",
    _OVERLAP: "wrong_boundary_and_type",
}
_OUTCOMES = ("correct", "incorrect", "partial", "missed", "spurious")
_COREF_ROWS = ("CoNLL F1", "MUC", "B3", "CEAF-e", "LEA")


# ------------------------------------------------------------------------------ counts


@dataclass(frozen=True)
class SchemeCounts:
    """COR, INC, PAR, MIS, SPU of one scheme; P/R/F1 through :meth:`to_prf`."""

    scheme: str
    correct: int = 0
    incorrect: int = 0
    partial: int = 0
    missed: int = 0
    spurious: int = 0

    def __post_init__(self) -> None:
        if self.scheme not in SCHEMES:
            raise ValueError(f"unknown scheme {self.scheme!r}; schemes: {', '.join(SCHEMES)}")

    def __add__(self, other: SchemeCounts) -> SchemeCounts:
        if not isinstance(other, SchemeCounts) or other.scheme != self.scheme:
            raise ValueError(f"cannot add {other!r} to {self.scheme} counts")
        return SchemeCounts(self.scheme, *(getattr(self, n) + getattr(other, n) for n in _OUTCOMES))

    @property
    def possible(self) -> int:
        """POS: gold mentions."""
        return self.correct + self.incorrect + self.partial + self.missed

    @property
    def actual(self) -> int:
        """ACT: predicted mentions."""
        return self.correct + self.incorrect + self.partial + self.spurious

    def to_prf(self) -> PRF:
        credit: float = self.correct
        if self.scheme in _HALF_CREDIT_SCHEMES:
            credit = self.correct + HALF_CREDIT * self.partial
        return PRF(correct=credit, predicted=self.actual, gold=self.possible)

    def to_dict(self) -> dict[str, Any]:
        prf = self.to_prf()
        return {
            "COR": self.correct,
            "INC": self.incorrect,
            "PAR": self.partial,
            "MIS": self.missed,
            "SPU": self.spurious,
            "POS": self.possible,
            "ACT": self.actual,
            "precision": prf.precision,
            "recall": prf.recall,
            "f1": prf.f1,
        }


@dataclass(frozen=True)
class Schemes:
    """The four schemes' counts for one group of mentions (all, one type, one kind)."""

    strict: SchemeCounts = SchemeCounts("strict")
    exact: SchemeCounts = SchemeCounts("exact")
    partial: SchemeCounts = SchemeCounts("partial")
    type: SchemeCounts = SchemeCounts("type")

    def __add__(self, other: Schemes) -> Schemes:
        return Schemes(*(getattr(self, s) + getattr(other, s) for s in SCHEMES))

    def to_dict(self) -> dict[str, Any]:
        return {s: getattr(self, s).to_dict() for s in SCHEMES}


# A metric's counts: recall numerator, recall denominator, precision numerator and
# denominator. Numerators are kept as exact fractions of the per-document floats, so that
# sums over documents are exact and do not depend on the order of the documents.
_Counts4 = tuple[Fraction, int, Fraction, int]
_ZERO: _Counts4 = (Fraction(0), 0, Fraction(0), 0)


def _exact(score: coref.PRScore) -> _Counts4:
    return (
        Fraction(score.recall_num),
        int(score.recall_den),
        Fraction(score.precision_num),
        int(score.precision_den),
    )


def _sum4(a: _Counts4, b: _Counts4) -> _Counts4:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3])


def _number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def _floats(counts: _Counts4) -> tuple[int | float, int, int | float, int]:
    return (_number(counts[0]), counts[1], _number(counts[2]), counts[3])


@dataclass(frozen=True)
class Coreference:
    """Entity-level counts of every document (a prediction without clusters has only
    singletons) and the number of documents whose prediction has clusters: the metrics
    are scored only when that number is not 0. ``conll`` and ``lea`` give the
    ``scorers.coref`` score objects."""

    muc: _Counts4 = _ZERO
    bcub: _Counts4 = _ZERO
    ceafe: _Counts4 = _ZERO
    lea_counts: _Counts4 = _ZERO
    clustered: int = 0  # documents whose prediction has at least one `entity` value

    @classmethod
    def of(cls, *, conll: coref.ConllScore, lea: coref.LEAScore, clustered: bool) -> Coreference:
        return cls(
            _exact(conll.muc), _exact(conll.bcub), _exact(conll.ceafe), _exact(lea), int(clustered)
        )

    def __add__(self, other: Coreference) -> Coreference:
        return Coreference(
            _sum4(self.muc, other.muc),
            _sum4(self.bcub, other.bcub),
            _sum4(self.ceafe, other.ceafe),
            _sum4(self.lea_counts, other.lea_counts),
            self.clustered + other.clustered,
        )

    @property
    def scored(self) -> bool:
        return self.clustered > 0

    @property
    def conll(self) -> coref.ConllScore:
        return coref.ConllScore(
            coref.MUCScore(*_floats(self.muc)),
            coref.BCubedScore(*_floats(self.bcub)),
            coref.CEAFeScore(*_floats(self.ceafe)),
        )

    @property
    def lea(self) -> coref.LEAScore:
        return coref.LEAScore(*_floats(self.lea_counts))

    def to_dict(self) -> dict[str, Any]:
        if not self.scored:
            return {"scored": False}
        conll = self.conll
        return {
            "scored": True,
            "documents_with_clusters": self.clustered,
            "conll_f1": conll.f1,
            "muc": conll.muc.to_dict(),
            "bcub": conll.bcub.to_dict(),
            "ceafe": conll.ceafe.to_dict(),
            "lea": self.lea.to_dict(),
        }


@dataclass(frozen=True)
class EntityCounts:
    """Counts of one document, or of a corpus (documents added with ``+``)."""

    labels: str
    totals: Schemes = Schemes()
    by_type: Mapping[str, Schemes] = field(default_factory=lambda: MappingProxyType({}))
    by_kind: Mapping[str, Schemes] = field(default_factory=lambda: MappingProxyType({}))
    text_only: PRF = field(default_factory=PRF)  # distinct keys
    gold: int = 0  # gold mentions in scope
    by_span: int = 0  # predicted mentions scored by span
    by_text: int = 0  # predicted mentions scored by text
    duplicates: int = 0
    unmapped: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    coreference: Coreference = field(default_factory=Coreference)
    documents: int = 0
    errors: tuple[ErrorItem, ...] = ()

    def __add__(self, other: EntityCounts) -> EntityCounts:
        if not isinstance(other, EntityCounts):
            return NotImplemented
        if other.labels != self.labels:
            raise ValueError(
                f"cannot add entity counts made with label presets {self.labels!r} "
                f"and {other.labels!r}"
            )
        return EntityCounts(
            labels=self.labels,
            totals=self.totals + other.totals,
            by_type=add_mappings(self.by_type, other.by_type),
            by_kind=add_mappings(self.by_kind, other.by_kind),
            text_only=self.text_only + other.text_only,
            gold=self.gold + other.gold,
            by_span=self.by_span + other.by_span,
            by_text=self.by_text + other.by_text,
            duplicates=self.duplicates + other.duplicates,
            unmapped=add_mappings(self.unmapped, other.unmapped),
            coreference=self.coreference + other.coreference,
            documents=self.documents + other.documents,
            errors=merge_errors(self.errors, other.errors),
        )

    def rows(self) -> list[Row]:
        """Strict first (the headline), then exact, partial, type, text-only and the
        coreference metrics. A ``None`` value: not scored (no text-only item, no cluster
        in the whole corpus)."""
        rows = [Row(s, getattr(self.totals, s).to_prf()) for s in SCHEMES]
        rows.append(Row("text-only", self.text_only if self.by_text else None))
        co = self.coreference
        values = (co.conll, co.conll.muc, co.conll.bcub, co.conll.ceafe, co.lea)
        for name, value in zip(_COREF_ROWS, values, strict=True):
            rows.append(Row(name, value if co.scored else None))
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "layer": NAME,
            "labels": self.labels,
            "gold_scope": sorted(preset(name=self.labels).gold_kinds),
            "documents": self.documents,
            "totals": {
                **self.totals.to_dict(),
                "text_only": (
                    {"scored": True, **self.text_only.to_dict()}
                    if self.by_text
                    else {"scored": False, "gold": self.text_only.gold}
                ),
                "coreference": self.coreference.to_dict(),
            },
            "items": {
                "gold": self.gold,
                "by_span": self.by_span,
                "by_text": self.by_text,
                "duplicates": self.duplicates,
                "unmapped_labels": dict(self.unmapped),
            },
            "breakdowns": {
                "type": {k: v.to_dict() for k, v in self.by_type.items()},
                "kind": {k: v.to_dict() for k, v in self.by_kind.items()},
            },
        }


class _Tally:
    """Mutable outcome counts per group while one document is counted."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, Counter[str]]] = {}

    def add(self, group: str, scheme: str, outcome: str) -> None:
        counts = self.counts.get(group)
        if counts is None:  # not setdefault: that would build four Counters on every call
            counts = self.counts[group] = {s: Counter() for s in SCHEMES}
        counts[scheme][outcome] += 1

    def add_all(self, group: str, outcome: str) -> None:
        for scheme in SCHEMES:
            self.add(group, scheme, outcome)

    def frozen(self) -> Mapping[str, Schemes]:
        return MappingProxyType(
            {
                group: Schemes(*(SchemeCounts(s, *(c[s][o] for o in _OUTCOMES)) for s in SCHEMES))
                for group, c in sorted(self.counts.items())
            }
        )


# ----------------------------------------------------------------------------- helpers


def _canonical(item: Item) -> str:
    # Last tie-break of the canonical order: the whole item, so equal keys are equal items.
    return json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)


def _span(item: Item) -> tuple[int, int]:
    where = span_of(item)
    if where is None:  # callers pass only items with offsets
        raise ValueError(f"expected an item with offsets, got {item!r}")
    return where


def _order(item: Item) -> tuple[int, int, str, str]:
    start, end = _span(item)
    return (start, end, item["type"], _canonical(item))


def _canonically_sorted(items: list[Item]) -> list[Item]:
    """``sorted(items, key=_order)``, serialising (``_canonical``) only items that tie on
    span and type: the JSON of every mention was most of the cost of counting."""
    items = sorted(items, key=lambda item: (*_span(item), item["type"]))
    i = 0
    while i < len(items):
        head = (*_span(items[i]), items[i]["type"])
        j = i + 1
        while j < len(items) and (*_span(items[j]), items[j]["type"]) == head:
            j += 1
        if j - i > 1:  # a tie: the whole item decides, as in _order (sort is stable)
            items[i:j] = sorted(items[i:j], key=_canonical)
        i = j
    return items


def _check_span(item: Item, *, text: str, doc_id: str, what: str) -> None:
    start, end = _span(item)
    if type(start) is not int or type(end) is not int or not 0 <= start < end <= len(text):
        raise ValueError(
            f"{doc_id}: {what} [{start!r}, {end!r}) is not a non-empty span inside the "
            f"document text (length {len(text)})"
        )


def _show(item: Item, *, text: str) -> str:
    """``'Islamabad' [293, 302) GPE NAM`` (the kind when given)."""
    shown = located_text(item, text=text)
    kind = item.get("kind")
    return f"{render_span(shown)} {item['type']}" + (f" {kind}" if kind else "")


# ------------------------------------------------------------------------------- count


def empty(*, config: ScoreConfig) -> EntityCounts:
    """The neutral element of ``+`` for ``config`` (checks the label preset)."""
    return EntityCounts(labels=preset(name=config.labels).name)


def count(*, gold: Doc, pred: Doc, config: ScoreConfig) -> EntityCounts:
    """Align, then count, the predicted mentions of one document against its gold."""
    labels = preset(name=config.labels)
    doc_id = str(gold["id"])
    text: str = gold["text"]
    golds = _canonically_sorted([m for m in gold.get("mentions") or () if labels.in_scope(m)])
    spanned: list[Item] = []
    texted: list[Item] = []
    for m in pred.get("mentions") or ():
        (texted if span_of(m) is None else spanned).append(m)
    for m in spanned:
        _check_span(m, text=text, doc_id=doc_id, what="predicted mention")
    spanned = _canonically_sorted(spanned)

    by_type, by_kind = _Tally(), _Tally()
    totals = _Tally()
    unmapped: Counter[str] = Counter()

    error = ErrorLog(layer=NAME, doc_id=doc_id, show=lambda item: _show(item, text=text))
    errors = error.items

    def spurious(p: Item) -> None:
        totals.add_all("all", "spurious")
        by_type.add_all(p["type"], "spurious")
        by_kind.add_all(p.get("kind") or UNSPECIFIED_KIND, "spurious")

    # Unmapped labels and duplicates are spurious and stay out of the alignment.
    scored: list[Item] = []
    seen: set[tuple[int, int, str]] = set()
    duplicates = 0
    for m in spanned:
        key = (*_span(m), m["type"])
        if not labels.gold_types(m["type"]):
            unmapped[m["type"]] += 1
            spurious(m)
            error("unmapped_label", None, m, f"no gold type for {m['type']} ({labels.name})")
        elif key in seen:
            duplicates += 1
            spurious(m)
            error("duplicate", None, m, "same span and label as another prediction")
        else:
            seen.add(key)
            scored.append(m)

    gold_spans = [_span(g) for g in golds]
    pred_spans = [_span(p) for p in scored]

    def typed(g: int, p: int) -> bool:
        return golds[g]["type"] in labels.gold_types(scored[p]["type"])

    def tier(g: int, p: int) -> int:
        if gold_spans[g] == pred_spans[p]:
            return _SAME_SPAN_TYPE if typed(g, p) else _SAME_SPAN
        return _OVERLAP_TYPE if typed(g, p) else _OVERLAP

    aligned = align_spans(gold=gold_spans, pred=pred_spans, tier=tier, tiers=4)
    gold_to_pred = dict(aligned)
    pred_to_gold = {p: g for g, p in aligned}
    for g, p in aligned:
        rank = tier(g, p)
        for scheme in SCHEMES:
            outcome = _OUTCOME[scheme][rank]
            totals.add("all", scheme, outcome)
            by_type.add(golds[g]["type"], scheme, outcome)
            by_kind.add(golds[g]["kind"], scheme, outcome)
        if rank != _SAME_SPAN_TYPE:
            detail = None
            if not typed(g, p) and not labels.identity:  # say what the label maps to
                label = scored[p]["type"]
                accepted = ", ".join(sorted(labels.gold_types(label)))
                detail = f"{labels.name} {label} matches {accepted}"
            error(_ERROR_OF_TIER[rank], golds[g], scored[p], detail)

    def overlapping(span: tuple[int, int], items: list[Item], spans: list[tuple[int, int]]) -> str:
        hits = [_show(items[i], text=text) for i, s in enumerate(spans) if overlaps(span, s)]
        return "; ".join(hits)

    # Each missed gold item is listed once: by text when the document's predictions are
    # all text-only, else by span, leaving out the ones a text-only prediction found.
    only_text = bool(texted) and not spanned
    text_only, found_by_text = _text_only(
        golds=golds, texted=texted, labels=labels, error=error, list_missed=only_text
    )
    for g, m in enumerate(golds):
        if g not in gold_to_pred:
            totals.add_all("all", "missed")
            by_type.add_all(m["type"], "missed")
            by_kind.add_all(m["kind"], "missed")
            if only_text or (normalize_text(m["text"]), m["type"]) in found_by_text:
                continue
            near = overlapping(gold_spans[g], scored, pred_spans)
            error("missed", m, None, f"overlaps {near}, aligned elsewhere" if near else None)
    for p, m in enumerate(scored):
        if p not in pred_to_gold:
            spurious(m)
            near = overlapping(pred_spans[p], golds, gold_spans)
            error("spurious", None, m, f"overlaps {near}, aligned elsewhere" if near else None)

    for m in texted:
        if not labels.gold_types(m["type"]):
            unmapped[m["type"]] += 1
    return EntityCounts(
        labels=labels.name,
        totals=totals.frozen().get("all", Schemes()),
        by_type=by_type.frozen(),
        by_kind=by_kind.frozen(),
        text_only=text_only,
        gold=len(golds),
        by_span=len(spanned),
        by_text=len(texted),
        duplicates=duplicates,
        unmapped=MappingProxyType(dict(sorted(unmapped.items()))),
        coreference=_coreference(golds=golds, scored=scored),
        documents=1,
        errors=sorted_errors(errors),
    )


def _text_only(
    *,
    golds: list[Item],
    texted: list[Item],
    labels: LabelPreset,
    error: ErrorLog,
    list_missed: bool,
) -> tuple[PRF, set[tuple[str, str]]]:
    """Distinct (normalised text, type) keys, matched one-to-one per string; also the gold
    keys that were found."""
    gold_keys = sorted({(normalize_text(m["text"]), m["type"]) for m in golds})
    pred_keys = sorted({(normalize_text(m["text"]), m["type"]) for m in texted})
    matched_gold: set[tuple[str, str]] = set()
    matched_pred: set[tuple[str, str]] = set()
    for string in sorted({s for s, _ in pred_keys}):
        rows = [k for k in gold_keys if k[0] == string]
        cols = [k for k in pred_keys if k[0] == string]
        weights = [[1 if g[1] in labels.gold_types(p[1]) else 0 for p in cols] for g in rows]
        for i, j in max_weight_assignment(weights):
            if weights[i][j]:
                matched_gold.add(rows[i])
                matched_pred.add(cols[j])
    if texted:  # list key errors only for predictions that have text-only items
        for string, label in pred_keys:
            item = {"text": string, "type": label}
            if not labels.gold_types(label):
                error("unmapped_label", None, item, f"by text; no gold type for {label}")
            elif (string, label) not in matched_pred:
                error("spurious", None, item, "by text")
        for string, gtype in gold_keys:
            if list_missed and (string, gtype) not in matched_gold:
                error("missed", {"text": string, "type": gtype}, None, "by text")
    prf = PRF(correct=len(matched_pred), predicted=len(pred_keys), gold=len(gold_keys))
    return prf, matched_gold


def _coreference(*, golds: list[Item], scored: list[Item]) -> Coreference:
    key = _clusters(golds)
    response = _clusters(scored)
    return Coreference.of(
        conll=coref.conll_f1(key=key, response=response),
        lea=coref.lea(key=key, response=response),
        clustered=any(m.get("entity") is not None for m in scored),
    )


def _clusters(mentions: list[Item]) -> list[list[tuple[int, int]]]:
    """Spans grouped by ``entity`` (``None``: a singleton), one mention per span (the first
    in canonical order), clusters in order of their first mention."""
    clusters: dict[object, list[tuple[int, int]]] = {}
    seen: set[tuple[int, int]] = set()
    for index, m in enumerate(mentions):
        where = _span(m)
        if where in seen:
            continue
        seen.add(where)
        entity = m.get("entity")
        clusters.setdefault(("singleton", index) if entity is None else entity, []).append(where)
    return list(clusters.values())
