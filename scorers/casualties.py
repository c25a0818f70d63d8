"""Casualty records (guidelines §4): record alignment, MUC-style count scoring, slot scores
and document totals.

Stages: **align** predicted records to gold records of one document (optimal one-to-one),
**count** (a frozen :class:`CasualtyCounts`), **compute** (P/R/F1 derived from the counts).
``docs/scoring-casualties.md`` has the full decision table and a worked example.

**Alignment.** Only records of the same ``kind`` are aligned. Among those pairs the
assignment (Kuhn-Munkres, :func:`~.entity_match.lexicographic_weights`) maximises,
lexicographically: the number of aligned pairs; the count credit (1 correct,
``partial_credit`` partial, 0 incorrect); the slot agreement (Dice over all slot fillers
of the pair, ``2 * matched / (predicted + gold)``); the evidence agreement (Dice over the
code points covered by the evidence spans; when some predicted evidence is text only,
the larger of that and the Dice over the tokens of that evidence and of the gold
evidence). The last three are compared to 1/1000. Records are sorted canonically first,
so ties break the same way whatever the input order. Records of different kinds are
never aligned; for diagnostics only, leftover records of different kinds whose evidence
is related (a shared code point, or a token Dice >= 0.5 for text-only evidence) are
listed together as one ``wrong_kind`` error (in the numbers they stay one missed and one
spurious record).

**Counts** are read into a canonical form (:func:`canonical_count`) and judged by
:func:`judge_count`: *correct* when the canonical forms are equal (an ``exact`` 11 given
as ``{"value": 11}`` equals ``{11, 11, 11, "exact"}``); *partial* when the counts'
intervals share a value (a single number inside or at an end point of a range or an
approximate band, a value consistent with an ``at_least``/``at_most``/``vague`` bound,
and the reverse); *incorrect* otherwise. ``unknown`` has no interval: it is correct only
against ``unknown``. Intervals: exact n -> [n, n]; range -> [low, high]; at_least and
vague -> [low, high or inf); at_most -> [low or 0, high]; approximate n -> [low, high]
when given, else [floor(0.9 n), ceil(1.1 n)].

**Record scores** (predicted = all predicted records, gold = all gold records):
``record strict`` credits aligned pairs whose count is correct; ``record lenient``
credits every aligned pair; ``count (MUC)`` is MUC-4: P = (COR + partial_credit * PAR) /
ACT, R = (COR + partial_credit * PAR) / POS, COR and PAR judged over aligned pairs, ACT =
all predicted records, POS = all gold records.

**Slots** (P/R/F1 over fillers, matched one-to-one within an aligned pair by
:func:`~.entity_match.match_pairs`; fillers of unaligned records are all missed or
spurious): ``victims`` (``groups`` as normalised strings; ``description`` and victim
``mentions`` are not scored); ``perpetrators``, ``places`` (entities, judged at the entity
level by :mod:`.entity_match`); ``times`` (a predicted timex id -> its ``value`` and its
span, or its normalised text when it has no offsets; ``{"value"}`` -> the value;
``{"text"}`` -> the normalised text; a gold timex matches on any one of value, span or
normalised text); ``hoppers`` (a predicted
hopper id -> the trigger spans of the predicted events in it, text-only triggers by
normalised text; ``{"text"}`` -> a string; a gold hopper matches when a trigger span or a
normalised trigger text is shared); ``source`` (``reported_by``: exactly one filler per
record, an entity reference or *unspecified*; gold ``entity: null`` is unspecified and is
matched by a prediction naming no entity and no text, a missing ``reported_by``
included).

**Totals.** For ``killed`` and ``injured``, per document: the absolute difference of the
predicted and the gold total, where a record contributes its value, else the midpoint
of low and high, else its one bound; ``unknown`` records add nothing and are counted
(``gold_unknown``, ``pred_unknown``). Summed over documents (every scored document counts
once; mean = total / documents). The gold has one record per casualty fact (guidelines
K2), so its totals do not double count; a prediction that splits one fact into several
records does.

**Errors:** ``missed_record``, ``spurious_record``, ``wrong_kind``, ``wrong_count``,
``partial_count``, ``missed_filler``, ``spurious_filler`` (the detail names the slot and
both records). Filler errors are listed for aligned pairs; an unaligned record is listed
once, with its evidence.

Malformed counts (bounds out of order, a precision that contradicts the numbers) and
offsets outside the text raise ValueError naming the record; references that resolve to
nothing are spurious fillers, counted in ``references_unresolved``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .assignment import is_matching, positive_pairs
from .base import (
    PRF,
    AbsoluteError,
    Doc,
    ErrorItem,
    Row,
    ScoreConfig,
    cached_attribute,
    frozen_record,
)
from .entity_match import (
    TOKEN,
    GoldEntities,
    PredictedRefs,
    Ref,
    canonical_order,
    index_by_id,
    lexicographic_weights,
    located,
    match_key,
    match_pairs,
    merge_sorted_errors,
    normalized,
)

__all__ = [
    "NAME",
    "SLOTS",
    "TOTAL_KINDS",
    "CasualtyCounts",
    "CountScore",
    "CountValue",
    "KindRecords",
    "KindTotal",
    "canonical_count",
    "count",
    "empty",
    "judge_count",
]

NAME = "casualties"
SLOTS = ("victims", "perpetrators", "places", "times", "hoppers", "source")
TOTAL_KINDS = ("killed", "injured")
PRECISIONS = ("exact", "approximate", "range", "at_least", "at_most", "vague", "unknown")
_REFERENCE_SLOTS = ("perpetrators", "places", "times", "hoppers", "source")
_QUANTUM = 1000  # alignment tie-breakers are compared to 1/1000

Span = tuple[int, int]


# ----------------------------------------------------------------------------- counts


@dataclass(frozen=True)
class CountValue:
    """A count in canonical form (see :func:`canonical_count`)."""

    precision: str
    value: int | None = None
    low: int | None = None
    high: int | None = None

    @property
    def interval(self) -> tuple[float, float] | None:
        """The values the count admits (bounds included); None for ``unknown``."""
        if self.precision == "unknown":
            return None
        v, bottom, top = self.value, self.low, self.high
        if self.precision == "approximate" and v is not None:  # 10 % either side
            bottom = bottom if bottom is not None else (9 * v) // 10
            top = top if top is not None else -((-11 * v) // 10)
        # exact: low = high = value (canonical); no low: from 0; no high: unbounded.
        return (bottom if bottom is not None else 0, top if top is not None else math.inf)

    @property
    def number(self) -> float | None:
        """The number added to a document total: value, else midpoint, else a bound."""
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        if self.low is not None:
            return self.low
        return self.high

    def sort_key(self) -> tuple[str, int, int, int]:
        return (
            self.precision,
            *(-1 if n is None else n for n in (self.value, self.low, self.high)),
        )

    def render(self) -> str:
        if self.precision == "unknown":
            return "unknown count"
        v, low, high = self.value, self.low, self.high
        shown = {
            "exact": f"{v}",
            "approximate": f"~{v}",
            "range": f"{low}-{high}",
            "at_least": f">={low}",
            "at_most": f"<={high}",
            "vague": f"{v}",
        }[self.precision]
        extra = f" (value {v})" if self.precision == "range" and v is not None else ""
        return f"{shown} ({self.precision}){extra}"


def _infer_precision(value: int | None, low: int | None, high: int | None) -> str:
    if value is None and low is None and high is None:
        return "unknown"
    if low is not None and high is not None:
        return "exact" if low == high else "range"
    if low is not None:
        return "at_least"
    if high is not None:
        return "at_most"
    return "exact"


def canonical_count(count: Mapping[str, Any] | None, *, where: str = "count") -> CountValue:
    """The canonical form of a count; ValueError when it is malformed.

    A missing precision is inferred: no number -> unknown; low == high -> exact; low <
    high -> range; low only -> at_least; high only -> at_most; value only -> exact. Then,
    by precision: exact -> value = low = high (one number given in any of the fields);
    range -> low < high (value kept); at_least -> low (or value), high null; at_most ->
    high (or value); vague -> value (or low), low defaults to the value; approximate ->
    value required, low/high kept as an explicit band; unknown -> no number. Missing
    value/low/high are filled from each other as the gold writes them (``at_least`` 6 is
    value 6, low 6). Numbers must be non-negative ints with low <= value <= high.
    """
    count = count or {}
    value, low, high = count.get("value"), count.get("low"), count.get("high")
    for name, number in (("value", value), ("low", low), ("high", high)):
        if number is not None and (type(number) is not int or number < 0):
            raise ValueError(f"{where}: {name} must be a non-negative int or null, got {number!r}")
    precision = count.get("precision") or _infer_precision(value, low, high)
    if precision not in PRECISIONS:
        raise ValueError(f"{where}: unknown precision {precision!r}")
    bounds = [n for n in (low, value, high) if n is not None]

    def got() -> str:  # rendered only for an error message
        value_, low_, high_ = ("null" if n is None else n for n in (value, low, high))
        return f"precision {precision!r} with value {value_}, low {low_}, high {high_}"

    if bounds != sorted(bounds):
        raise ValueError(f"{where}: count out of order ({got()}); need low <= value <= high")

    def bad(expected: str) -> ValueError:
        return ValueError(f"{where}: {got()}; expected {expected}")

    if precision == "unknown":
        if bounds:
            raise bad("value, low and high null")
        return CountValue("unknown")
    if precision == "exact":
        if len(set(bounds)) != 1:
            raise bad("one number (low and high, if given, equal to the value)")
        return CountValue("exact", bounds[0], bounds[0], bounds[0])
    if precision == "range":
        if low is None or high is None or low >= high:
            raise bad("low < high, both set")
        return CountValue("range", value, low, high)
    if precision == "at_least":
        bound = low if low is not None else value
        if bound is None or high is not None:
            raise bad("low (or value) set and high null")
        return CountValue("at_least", value if value is not None else bound, bound, None)
    if precision == "at_most":
        bound = high if high is not None else value
        if bound is None:
            raise bad("high (or value) set")
        return CountValue("at_most", value if value is not None else bound, low, bound)
    if precision == "vague":
        number = value if value is not None else low
        if number is None:
            raise bad("value (or low) set")
        return CountValue("vague", number, low if low is not None else number, high)
    # approximate
    if value is None:
        raise bad("value set")
    return CountValue("approximate", value, low, high)


def judge_count(*, gold: CountValue, pred: CountValue) -> str:
    """``correct`` (equal canonical forms), ``partial`` (intervals share a value) or
    ``incorrect``; an unknown count is only correct against unknown."""
    if gold == pred:
        return "correct"
    g, p = gold.interval, pred.interval
    if g is None or p is None:
        return "incorrect"
    return "partial" if max(g[0], p[0]) <= min(g[1], p[1]) else "incorrect"


# ----------------------------------------------------------------------- count records


@dataclass(frozen=True)
class CountScore:
    """MUC-4 count scoring: COR/PAR/INC over aligned pairs, ACT/POS over all records."""

    correct: int = 0
    partial: int = 0
    incorrect: int = 0
    predicted: int = 0
    gold: int = 0
    partial_credit: float = 0.5

    def __add__(self, other: CountScore) -> CountScore:
        if self.partial_credit != other.partial_credit:
            raise ValueError(
                f"cannot add count scores with partial credit {self.partial_credit} "
                f"and {other.partial_credit}"
            )
        return frozen_record(
            CountScore,
            {
                "correct": self.correct + other.correct,
                "partial": self.partial + other.partial,
                "incorrect": self.incorrect + other.incorrect,
                "predicted": self.predicted + other.predicted,
                "gold": self.gold + other.gold,
                "partial_credit": self.partial_credit,
            },
        )

    @property
    def prf(self) -> PRF:
        return PRF(self.correct + self.partial_credit * self.partial, self.predicted, self.gold)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cor": self.correct,
            "par": self.partial,
            "inc": self.incorrect,
            "act": self.predicted,
            "pos": self.gold,
            "partial_credit": self.partial_credit,
            **self.prf.to_dict(),
        }


@dataclass(frozen=True)
class KindTotal:
    """Document totals of one kind: summed absolute error, and the totals behind it."""

    error: AbsoluteError = field(default_factory=AbsoluteError)
    gold_total: float = 0
    pred_total: float = 0
    gold_unknown: int = 0
    pred_unknown: int = 0

    def __add__(self, other: KindTotal) -> KindTotal:
        return frozen_record(
            KindTotal,
            {
                "error": self.error + other.error,
                "gold_total": self.gold_total + other.gold_total,
                "pred_total": self.pred_total + other.pred_total,
                "gold_unknown": self.gold_unknown + other.gold_unknown,
                "pred_unknown": self.pred_unknown + other.pred_unknown,
            },
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.error.to_dict(),
            "gold_total": self.gold_total,
            "pred_total": self.pred_total,
            "gold_unknown": self.gold_unknown,
            "pred_unknown": self.pred_unknown,
        }


@dataclass(frozen=True)
class KindRecords:
    """Record scores of one kind (predicted counted by predicted kind, gold by gold kind)."""

    strict: PRF = field(default_factory=PRF)
    lenient: PRF = field(default_factory=PRF)

    def __add__(self, other: KindRecords) -> KindRecords:
        return _kind_records(self.strict + other.strict, self.lenient + other.lenient)

    def to_dict(self) -> dict[str, Any]:
        return {"strict": self.strict.to_dict(), "lenient": self.lenient.to_dict()}


def _kind_records(strict: PRF, lenient: PRF) -> KindRecords:
    return frozen_record(KindRecords, {"strict": strict, "lenient": lenient})


_NO_RECORDS = KindRecords()  # the zero of _merge


def _merge(a: Mapping[str, Any], b: Mapping[str, Any], zero: Any) -> dict[str, Any]:
    """Key-wise ``a + b`` (a missing side counts as ``zero``), keys sorted. Keys of one
    side only keep their value (``x + zero`` equals ``x``): one addition per key of
    ``b``, and no sort when ``b`` brings no new key into an already sorted ``a``."""
    merged = dict(a)
    for key, value in b.items():
        merged[key] = merged[key] + value if key in merged else zero + value
    keys = list(merged)
    return merged if keys == sorted(keys) else {key: merged[key] for key in sorted(keys)}


@dataclass(frozen=True)
class CasualtyCounts:
    """Counts of one or more documents; ``+`` sums them (micro-averaging)."""

    strict: PRF = field(default_factory=PRF)
    lenient: PRF = field(default_factory=PRF)
    count: CountScore = field(default_factory=CountScore)
    slots: Mapping[str, PRF] = field(default_factory=lambda: {slot: PRF() for slot in SLOTS})
    totals: Mapping[str, KindTotal] = field(
        default_factory=lambda: {kind: KindTotal() for kind in TOTAL_KINDS}
    )
    by_kind: Mapping[str, KindRecords] = field(default_factory=dict)
    # How the predicted references of the perpetrators, places, times, hoppers and source
    # slots were judged: by span, by normalised text, by value (timex values), or not at
    # all (unresolved: they match nothing). "unspecified" sources are not references.
    references_by_span: int = 0
    references_by_text: int = 0
    references_by_value: int = 0
    references_unresolved: int = 0
    errors: tuple[ErrorItem, ...] = ()

    def __add__(self, other: CasualtyCounts) -> CasualtyCounts:
        return frozen_record(
            CasualtyCounts,
            {
                "strict": self.strict + other.strict,
                "lenient": self.lenient + other.lenient,
                "count": self.count + other.count,
                "slots": {slot: self.slots[slot] + other.slots[slot] for slot in SLOTS},
                "totals": {kind: self.totals[kind] + other.totals[kind] for kind in TOTAL_KINDS},
                "by_kind": _merge(self.by_kind, other.by_kind, _NO_RECORDS),
                "references_by_span": self.references_by_span + other.references_by_span,
                "references_by_text": self.references_by_text + other.references_by_text,
                "references_by_value": self.references_by_value + other.references_by_value,
                "references_unresolved": self.references_unresolved + other.references_unresolved,
                "errors": merge_sorted_errors(self.errors, other.errors),
            },
        )

    def rows(self) -> list[Row]:
        """Report lines, headline (strict record F1) first."""
        return [
            Row("record strict", self.strict),
            Row("record lenient", self.lenient),
            Row("count (MUC)", self.count.prf),
            *(Row(f"slot {slot}", self.slots[slot]) for slot in SLOTS),
            *(Row(f"{kind} total abs error", self.totals[kind].error) for kind in TOTAL_KINDS),
        ]

    def to_dict(self) -> dict[str, Any]:
        totals: dict[str, Any] = {row.metric: row.value.to_dict() for row in self.rows()}
        totals["count (MUC)"] = self.count.to_dict()
        for kind in TOTAL_KINDS:
            totals[f"{kind} total abs error"] = self.totals[kind].to_dict()
        totals["references"] = {
            "by_span": self.references_by_span,
            "by_text": self.references_by_text,
            "by_value": self.references_by_value,
            "unresolved": self.references_unresolved,
        }
        return {
            "totals": totals,
            "breakdowns": {
                "kind": {kind: records.to_dict() for kind, records in self.by_kind.items()}
            },
        }


def empty(*, config: ScoreConfig) -> CasualtyCounts:
    """The neutral element of ``+``."""
    _check_config(config)
    return CasualtyCounts(count=CountScore(partial_credit=config.partial_credit))


def _check_config(config: ScoreConfig) -> None:
    credit = config.partial_credit
    if isinstance(credit, bool) or not isinstance(credit, int | float) or not 0 <= credit <= 1:
        raise ValueError(f"partial_credit must be a number in [0, 1], got {credit!r}")


# ------------------------------------------------------------------------------ records

_UNSPECIFIED = Ref(values=frozenset(["\x00unspecified"]), label="unspecified")
_NONE: frozenset[Any] = frozenset()


@dataclass(frozen=True)
class _Record:
    id: str
    kind: str
    count: CountValue
    slots: Mapping[str, tuple[Ref, ...]]
    fillers: int  # in all slots
    evidence: tuple[tuple[Span | None, str], ...]
    surfaces: tuple[tuple[Span | None, str], ...]  # the evidence as written, for rendering

    # The evidence features are built when first asked for: a record with one candidate
    # is aligned without them (see _align).
    @cached_attribute
    def covered(self) -> tuple[Span, ...]:
        """The code points covered by evidence with offsets: disjoint spans, in order (not
        a set of code points: evidence spans are long)."""
        merged: list[list[int]] = []
        for start, end in sorted(span for span, _ in self.evidence if span is not None):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return tuple((start, end) for start, end in merged)

    @cached_attribute
    def n_covered(self) -> int:
        return sum(end - start for start, end in self.covered)

    @cached_attribute
    def tokens(self) -> Mapping[str, int]:
        """Tokens of all evidence (normalised text)."""
        return Counter(token for _, norm in self.evidence for token in TOKEN.findall(norm))

    @cached_attribute
    def text_tokens(self) -> Mapping[str, int]:
        """Tokens of the evidence given as text only."""
        return Counter(
            token for span, norm in self.evidence if span is None for token in TOKEN.findall(norm)
        )

    @cached_attribute
    def rendering(self) -> str:
        """For error listings only: built when first asked for."""
        return _render_record(self.id, self.kind, self.count, self.surfaces)

    def sort_key(self) -> tuple[Any, ...]:
        slots = tuple(tuple(ref.sort_key() for ref in self.slots[slot]) for slot in SLOTS)
        return (*self.head_key(), slots, self.id)

    def head_key(self) -> tuple[Any, ...]:
        """The first part of :meth:`sort_key`, which usually tells records apart."""
        evidence = sorted((span or (-1, -1), norm) for span, norm in self.evidence)
        return (self.kind, self.count.sort_key(), tuple(evidence))

    @property
    def span(self) -> Span | None:
        """The first evidence span in text order (where the record is placed)."""
        return min((span for span, _ in self.evidence if span is not None), default=None)


def _render_record(
    record_id: str, kind: str, count: CountValue, evidence: Sequence[tuple[Span | None, str]]
) -> str:
    shown = "; ".join(
        f"{surface!r} [{span[0]}, {span[1]})" if span else f"{surface!r} (no offsets)"
        for span, surface in evidence
    )
    return f"{record_id}: {kind} {count.render()}; evidence {shown or '-'}"


def _record(
    *,
    record_id: str,
    kind: str,
    count: CountValue,
    slots: Mapping[str, list[Ref]],
    evidence: list[tuple[Span | None, str, str]],
    canonical: bool = True,
) -> _Record:
    """``canonical``: sort each slot's fillers. Their order only breaks ties between
    records (when a side has several) and between fillers (for the error listing): the
    number of fillers matched is that of a maximum matching whatever the order."""
    sorted_slots = {
        slot: _sorted_refs(slots[slot]) if canonical else tuple(slots[slot]) for slot in SLOTS
    }
    return frozen_record(
        _Record,
        {
            "id": record_id,
            "kind": kind,
            "count": count,
            "slots": sorted_slots,
            "fillers": sum(map(len, sorted_slots.values())),
            "evidence": tuple([(span, norm) for span, norm, _ in evidence]),
            "surfaces": tuple([(span, surface) for span, _, surface in evidence]),
        },
    )


def _sorted_refs(refs: Sequence[Ref]) -> tuple[Ref, ...]:
    # Most slots hold zero or one filler: nothing to sort.
    return tuple(refs) if len(refs) < 2 else tuple(sorted(refs, key=Ref.sort_key))


class _GoldLinks:
    """Match keys of the gold's entities, timexes and hoppers (built when first named:
    a record names few of them)."""

    def __init__(self, *, gold: Doc) -> None:
        self._gold = gold
        self.entities = GoldEntities(gold=gold)
        # The entities the records name, in one pass (a missing one raises when asked for).
        self.entities.prepare(
            [
                entity
                for casualty in gold["casualties"]
                for slot in ("perpetrators", "places")
                for entity in casualty.get(slot) or ()
            ]
            + [
                casualty["reported_by"]["entity"]
                for casualty in gold["casualties"]
                if (casualty.get("reported_by") or {}).get("entity") is not None
            ]
        )
        self._items: dict[str, dict[str, Mapping[str, Any]]] = {}  # layer -> id -> item
        self._refs: dict[tuple[str, str], Ref] = {}

    def _index(self, layer: str) -> dict[str, Mapping[str, Any]]:
        """The gold timexes or hoppers by id (indexed when the first one is named)."""
        items = self._items.get(layer)
        if items is None:
            found = self._gold["timexes" if layer == "timex" else "hoppers"]
            items = self._items[layer] = {item["id"]: item for item in found}
        return items

    def _timex(self, timex_id: str) -> Ref:
        t = self._index("timex")[timex_id]
        return Ref._of(
            frozenset([(t["start"], t["end"])]),
            frozenset([normalized(t["text"])]),
            frozenset([t["value"]]),
            f"{t['id']} {t['text']!r} {t['value']}",
        )

    def _hopper(self, hopper_id: str) -> Ref:
        h = self._index("hopper")[hopper_id]
        triggers = [e["trigger"] for e in self._gold["events"] if e["hopper"] == hopper_id]
        return Ref._of(
            frozenset([(trigger["start"], trigger["end"]) for trigger in triggers]),
            frozenset([normalized(trigger["text"]) for trigger in triggers]),
            _NONE,
            f"{h['id']} {h['description']!r}",
        )

    def link(self, layer: str, item_id: str, *, where: str) -> Ref:
        """The keys of a gold timex or hopper; ValueError for an id the gold lacks."""
        ref = self._refs.get((layer, item_id))
        if ref is None:
            if item_id not in self._index(layer):
                raise ValueError(f"{where}: {layer} {item_id!r} does not exist")
            build = self._timex if layer == "timex" else self._hopper
            ref = self._refs[layer, item_id] = build(item_id)
        return ref

    def record(self, casualty: Mapping[str, Any], *, canonical: bool) -> _Record:
        record_id = casualty["id"]
        where = f"gold casualty {record_id}"
        link = self.link
        source = casualty["reported_by"]["entity"]
        slots = {
            "victims": [_group(g) for g in casualty["victims"]["groups"]],
            "perpetrators": [self.entities.ref(e) for e in casualty["perpetrators"]],
            "places": [self.entities.ref(e) for e in casualty["places"]],
            "times": [link("timex", t, where=where) for t in casualty["times"]],
            "hoppers": [link("hopper", h, where=where) for h in casualty["hoppers"]],
            "source": [_UNSPECIFIED if source is None else self.entities.ref(source)],
        }
        evidence = [
            ((e["start"], e["end"]), normalized(e["text"]), e["text"]) for e in casualty["evidence"]
        ]
        return _record(
            record_id=record_id,
            kind=casualty["kind"],
            count=canonical_count(casualty["count"], where=where),
            slots=slots,
            evidence=evidence,
            canonical=canonical,
        )


def _group(group: str) -> Ref:
    norm = normalized(group)
    return Ref._of(_NONE, frozenset([norm]) if norm else _NONE, _NONE, repr(group))


class _PredLinks:
    """Resolves the prediction's casualty links to match keys."""

    def __init__(self, *, pred: Doc, text: str) -> None:
        self.text = text
        self.refs = PredictedRefs(pred=pred, text=text)
        self.timexes = index_by_id(pred.get("timexes") or (), layer="timexes")
        self.hopper_ids = set(index_by_id(pred.get("hoppers") or (), layer="hoppers"))
        self.hopper_events: dict[str, list[Mapping[str, Any]]] = {}
        for event in pred.get("events") or ():
            if event.get("hopper") is not None:
                self.hopper_events.setdefault(event["hopper"], []).append(event)

    def time(self, ref: str | Mapping[str, Any]) -> Ref:
        if isinstance(ref, str):
            timex = self.timexes.get(ref)
            if timex is None:
                return Ref._of(_NONE, _NONE, _NONE, f"timex {ref} (unresolved)")
            # Its value and where it is: either may match, as text or value may for a
            # time given inline (a wrong value must not cost more than no offsets).
            value = timex.get("value")
            values = frozenset([value]) if value else _NONE
            span, norm = located(timex, text=self.text, where=f"predicted timex {ref}")
            shown = f"{value}" if value else "(no value)"
            if span is not None:
                return Ref._of(frozenset([span]), _NONE, values, f"timex {ref} {span} {shown}")
            texts = frozenset([norm]) - {""}
            return Ref._of(_NONE, texts, values, f"timex {ref} {norm!r} {shown}")
        texts = frozenset([normalized(ref["text"])]) if ref.get("text") else frozenset()
        values = frozenset([ref["value"]]) if ref.get("value") else frozenset()
        return Ref._of(_NONE, texts - {""}, values, f"time {dict(ref)!r}")

    def _triggers(self, events: Sequence[Mapping[str, Any]], label: str) -> Ref:
        spans: set[Span] = set()
        texts: set[str] = set()
        for event in events:
            key = match_key(
                event["trigger"],
                text=self.text,
                where=lambda e=event: f"predicted event {e.get('id', '(no id)')} trigger",
            )
            (spans if isinstance(key, tuple) else texts).add(key)
        return Ref._of(frozenset(spans), frozenset(texts), _NONE, label)

    def hopper(self, ref: str | Mapping[str, Any]) -> Ref:
        if isinstance(ref, str):
            if ref in self.hopper_events or ref in self.hopper_ids:
                events = self.hopper_events.get(ref, [])
                label = f"hopper {ref}" if events else f"hopper {ref} (no events; unresolved)"
                return self._triggers(events, label)
            return Ref._of(_NONE, _NONE, _NONE, f"hopper {ref} (unresolved)")
        if ref.get("text"):
            norm = normalized(ref["text"])
            label = f"hopper text {ref['text']!r}"
            return Ref._of(_NONE, frozenset([norm]) - {""}, _NONE, label)
        return Ref._of(_NONE, _NONE, _NONE, f"hopper {dict(ref)!r} (unresolved: no text)")

    def source(self, reported_by: Mapping[str, Any] | None) -> Ref:
        if not reported_by or (reported_by.get("entity") is None and not reported_by.get("text")):
            return _UNSPECIFIED
        parts = []  # one or both (see above)
        if reported_by.get("entity") is not None:
            parts.append(self.refs.entity(reported_by["entity"]))
        if reported_by.get("text"):
            parts.append(self.refs.string(reported_by["text"]))
        return parts[0] if len(parts) == 1 else parts[0] | parts[1]

    def record(self, casualty: Mapping[str, Any], position: int, *, canonical: bool) -> _Record:
        def where(part: str = "") -> str:  # rendered only for an error message
            return f"predicted casualty {casualty.get('id') or f'#{position}'}{part}"

        record_id = casualty.get("id") or "(no id)"
        victims = casualty.get("victims") or {}
        slots = {
            "victims": [_group(g) for g in victims.get("groups") or ()],
            "perpetrators": [self.refs.ref(r) for r in casualty.get("perpetrators") or ()],
            "places": [self.refs.ref(r) for r in casualty.get("places") or ()],
            "times": [self.time(r) for r in casualty.get("times") or ()],
            "hoppers": [self.hopper(r) for r in casualty.get("hoppers") or ()],
            "source": [self.source(casualty.get("reported_by"))],
        }
        evidence = []
        for i, item in enumerate(casualty.get("evidence") or ()):
            span, norm = located(item, text=self.text, where=lambda i=i: where(f" evidence {i}"))
            surface = self.text[span[0] : span[1]] if span else item["text"]
            evidence.append((span, norm, surface))
        if not casualty.get("kind"):
            raise ValueError(f"{where()}: no kind")
        return _record(
            record_id=record_id,
            kind=casualty["kind"],
            count=canonical_count(casualty.get("count"), where=where(" count")),
            slots=slots,
            evidence=evidence,
            canonical=canonical,
        )


# ---------------------------------------------------------------------------- aligning


@dataclass(frozen=True)
class _Comparison:
    pred: _Record
    gold: _Record
    judgement: str
    matched: Mapping[str, list[tuple[int, int]]]  # slot -> (pred filler, gold filler) pairs

    # The tie-breakers of the alignment, only needed when a record has several candidates.
    @property
    def slot_agreement(self) -> float:
        matched = sum(map(len, self.matched.values()))
        return _dice(matched, self.pred.fillers, self.gold.fillers)

    @property
    def evidence(self) -> float:
        return _evidence_agreement(self.pred, self.gold)


def _dice(shared: int, a: int, b: int) -> float:
    return 2 * shared / (a + b) if a + b else 0.0


def _evidence_by_text(pred: _Record, gold: _Record) -> float:
    """Dice over the tokens of the predicted text-only evidence and the gold evidence."""
    shared = sum((Counter(pred.text_tokens) & Counter(gold.tokens)).values())
    return _dice(shared, sum(pred.text_tokens.values()), sum(gold.tokens.values()))


def _evidence_agreement(pred: _Record, gold: _Record) -> float:
    shared = _shared_chars(pred.covered, gold.covered)
    by_chars = _dice(shared, pred.n_covered, gold.n_covered)
    return max(by_chars, _evidence_by_text(pred, gold)) if pred.text_tokens else by_chars


def _shared_chars(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Code points in both of two sets of disjoint spans in order (``_Record.covered``)."""
    shared = i = j = 0
    while i < len(a) and j < len(b):
        shared += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return shared


def _evidence_related(pred: _Record, gold: _Record) -> bool:
    """For the wrong_kind diagnostic: evidence spans overlap, or text-only evidence shares
    at least half of the tokens (Dice >= 0.5) with the gold evidence."""
    return _shared_chars(pred.covered, gold.covered) > 0 or _evidence_by_text(pred, gold) >= 0.5


def _compare(pred: _Record, gold: _Record) -> _Comparison:
    matched: dict[str, list[tuple[int, int]]] = {}
    for slot in SLOTS:
        p, g = pred.slots[slot], gold.slots[slot]
        if not p or not g:
            matched[slot] = []
        elif len(p) == 1 == len(g):  # the usual single filler: what match_pairs finds
            matched[slot] = [(0, 0)] if p[0].matches(g[0]) else []
        else:
            matched[slot] = match_pairs(pred=p, gold=g, matches=Ref.matches)
    judgement = judge_count(gold=gold.count, pred=pred.count)
    return frozen_record(
        _Comparison, {"pred": pred, "gold": gold, "judgement": judgement, "matched": matched}
    )


def _credit(judgement: str, partial_credit: float) -> float:
    return {"correct": 1.0, "partial": partial_credit, "incorrect": 0.0}[judgement]


def _quantise(x: float) -> int:
    return round(x * _QUANTUM)


def _align(
    pred: Sequence[_Record], gold: Sequence[_Record], *, partial_credit: float
) -> tuple[list[tuple[int, int]], dict[tuple[int, int], _Comparison]]:
    comparisons = {
        (i, j): _compare(p, g)
        for i, p in enumerate(pred)
        for j, g in enumerate(gold)
        if p.kind == g.kind
    }
    if is_matching(comparisons):  # each record has one candidate: see positive_pairs
        return sorted(comparisons), comparisons
    levels: list[list[tuple[int, ...] | None]] = []
    for i in range(len(pred)):
        row: list[tuple[int, ...] | None] = []
        for j in range(len(gold)):
            c = comparisons.get((i, j))
            row.append(
                None
                if c is None
                else (
                    1,
                    _quantise(_credit(c.judgement, partial_credit)),
                    _quantise(c.slot_agreement),
                    _quantise(c.evidence),
                )
            )
        levels.append(row)
    weights = lexicographic_weights(levels, maxima=(1, _QUANTUM, _QUANTUM, _QUANTUM))
    # Pairs of one kind weigh >= 1 (first level), the others 0.
    return sorted(positive_pairs(weights)), comparisons


# ----------------------------------------------------------------------------- counting


def count(*, gold: Doc, pred: Doc, config: ScoreConfig, errors: bool = True) -> CasualtyCounts:
    """Align and count the casualty records of one document. With ``errors=False`` no
    error item is built (``errors`` is empty); every count is the same."""
    _check_config(config)
    text = gold["text"]
    doc_id = gold["id"]
    gold_links = _GoldLinks(gold=gold)
    pred_links = _PredLinks(pred=pred, text=text)
    credit = config.partial_credit

    # Records sorted and fillers in canonical order when their order can change something:
    # the error listing, or ties between records of one kind (see _record, _align).
    ambiguous = _several_candidates(gold["casualties"], pred.get("casualties") or ())
    sort_gold = errors or (ambiguous and len(gold["casualties"]) > 1)
    sort_pred = errors or (ambiguous and len(pred.get("casualties") or ()) > 1)
    gold_records = _sorted_records(
        [gold_links.record(c, canonical=sort_gold) for c in gold["casualties"]]
    )
    pred_records = _sorted_records(
        [
            pred_links.record(c, i, canonical=sort_pred)
            for i, c in enumerate(pred.get("casualties") or ())
        ]
    )
    pairs, comparisons = _align(pred_records, gold_records, partial_credit=credit)

    found: list[ErrorItem] = []

    def error(
        category: str,
        gold_: str | None,
        pred_: str | None,
        detail: str | None,
        *,
        g: _Record | None = None,
        p: _Record | None = None,
    ) -> None:
        spans = {"gold_span": g and g.span, "pred_span": p and p.span}
        found.append(ErrorItem(NAME, doc_id, category, gold_, pred_, detail, **spans))

    # Records and counts, tallied as ints (the records are built once at the end).
    judged = {"correct": 0, "partial": 0, "incorrect": 0}
    kinds: dict[str, list[int]] = {}  # kind -> [strict correct, aligned, predicted, gold]
    for record in pred_records:
        kinds.setdefault(record.kind, [0, 0, 0, 0])[2] += 1
    for record in gold_records:
        kinds.setdefault(record.kind, [0, 0, 0, 0])[3] += 1

    slot_tally = {slot: [0, 0, 0] for slot in SLOTS}  # matched, predicted, gold fillers
    for i, j in pairs:
        p, g, c = pred_records[i], gold_records[j], comparisons[i, j]
        judged[c.judgement] += 1
        tally = kinds.setdefault(g.kind, [0, 0, 0, 0])
        tally[0] += c.judgement == "correct"
        tally[1] += 1
        if errors and c.judgement != "correct":
            category = "partial_count" if c.judgement == "partial" else "wrong_count"
            detail = f"count {p.count.render()} for gold {g.count.render()}"
            if c.judgement == "partial":
                detail += f" (credit {credit})"
            error(category, g.rendering, p.rendering, detail, g=g, p=p)
        for slot in SLOTS:
            matched = c.matched[slot]
            counted = slot_tally[slot]
            counted[0] += len(matched)
            counted[1] += len(p.slots[slot])
            counted[2] += len(g.slots[slot])
            if not errors:
                continue
            context = f"slot {slot}; gold record {g.id}, predicted record {p.id}"
            hit_pred = {a for a, _ in matched}
            hit_gold = {b for _, b in matched}
            for b, filler in enumerate(g.slots[slot]):
                if b not in hit_gold:
                    error("missed_filler", filler.label, None, context, g=g)
            for a, filler in enumerate(p.slots[slot]):
                if a not in hit_pred:
                    error("spurious_filler", None, filler.label, context, p=p)

    aligned_pred = {i for i, _ in pairs}
    aligned_gold = {j for _, j in pairs}
    lone_pred = [r for i, r in enumerate(pred_records) if i not in aligned_pred]
    lone_gold = [r for j, r in enumerate(gold_records) if j not in aligned_gold]
    for record in lone_pred:
        for slot in SLOTS:
            slot_tally[slot][1] += len(record.slots[slot])
    for record in lone_gold:
        for slot in SLOTS:
            slot_tally[slot][2] += len(record.slots[slot])
    if errors:
        _record_errors(lone_pred, lone_gold, error)

    aligned = len(pairs)
    n_pred, n_gold = len(pred_records), len(gold_records)
    references = {"span": 0, "text": 0, "value": 0, "unresolved": 0}
    for record in pred_records:
        for slot in _REFERENCE_SLOTS:
            for ref in record.slots[slot]:
                if ref is not _UNSPECIFIED:
                    references[ref.mode] += 1

    prf = PRF._of
    count_score = {
        "correct": judged["correct"],
        "partial": judged["partial"],
        "incorrect": judged["incorrect"],
        "predicted": n_pred,
        "gold": n_gold,
        "partial_credit": credit,
    }
    return frozen_record(
        CasualtyCounts,
        {
            "strict": prf(judged["correct"], n_pred, n_gold),
            "lenient": prf(aligned, n_pred, n_gold),
            "count": frozen_record(CountScore, count_score),
            "slots": {slot: prf(*slot_tally[slot]) for slot in SLOTS},
            "totals": _kind_totals(pred_records, gold_records),
            "by_kind": {
                kind: _kind_records(prf(strict, n, m), prf(aligned, n, m))
                for kind, (strict, aligned, n, m) in sorted(kinds.items())
            },
            "references_by_span": references["span"],
            "references_by_text": references["text"],
            "references_by_value": references["value"],
            "references_unresolved": references["unresolved"],
            "errors": tuple(sorted(found, key=ErrorItem.sort_key)),
        },
    )


def _several_candidates(
    gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]
) -> bool:
    """Whether a record may have several candidates (records of its kind on the other
    side); else the alignment takes every pair of one kind whatever the order."""
    if len(gold) < 2 and len(pred) < 2:
        return False
    gold_kinds = [c.get("kind") for c in gold]
    pred_kinds = [c.get("kind") for c in pred]
    if not all(isinstance(kind, str) for kind in gold_kinds + pred_kinds):
        return True  # reading the records says what is wrong
    shared = set(gold_kinds) & set(pred_kinds)
    return any(gold_kinds.count(kind) > 1 or pred_kinds.count(kind) > 1 for kind in shared)


def _sorted_records(records: list[_Record]) -> list[_Record]:
    # Usually one record: no sort key to build; else mostly the head of one.
    if len(records) < 2:
        return records
    return canonical_order(records, head=_Record.head_key, key=_Record.sort_key)


def _record_errors(
    lone_pred: Sequence[_Record],
    lone_gold: Sequence[_Record],
    error: Callable[..., None],
) -> None:
    """Unaligned records: a pred and a gold record of different kinds whose evidence
    overlaps are listed together as ``wrong_kind``; the rest as missed / spurious."""
    levels = [
        [
            (1, _quantise(_evidence_agreement(p, g))) if _evidence_related(p, g) else None
            for g in lone_gold
        ]
        for p in lone_pred
    ]
    weights = lexicographic_weights(levels, maxima=(1, _QUANTUM))
    pairs = positive_pairs(weights)  # related pairs weigh >= 1 (first level), others 0
    for i, j in pairs:
        p, g = lone_pred[i], lone_gold[j]
        detail = (
            f"kind {p.kind} for gold {g.kind}: related evidence, but records of different "
            "kinds are never aligned (counted as one missed and one spurious record)"
        )
        error("wrong_kind", g.rendering, p.rendering, detail, g=g, p=p)
    paired_pred = {i for i, _ in pairs}
    paired_gold = {j for _, j in pairs}
    for j, g in enumerate(lone_gold):
        if j not in paired_gold:
            error("missed_record", g.rendering, None, None, g=g)
    for i, p in enumerate(lone_pred):
        if i not in paired_pred:
            error("spurious_record", None, p.rendering, None, p=p)


def _kind_totals(pred: Sequence[_Record], gold: Sequence[_Record]) -> dict[str, KindTotal]:
    """The document totals of each of TOTAL_KINDS."""
    numbers: dict[str, tuple[list[float | None], list[float | None]]] = {
        kind: ([], []) for kind in TOTAL_KINDS
    }
    for side, records in enumerate((pred, gold)):
        for record in records:
            if record.kind in numbers:
                numbers[record.kind][side].append(record.count.number)
    return {kind: _kind_total(*numbers[kind]) for kind in TOTAL_KINDS}


def _kind_total(pred: list[float | None], gold: list[float | None]) -> KindTotal:
    """From the numbers of the records of one kind (None: an unknown count)."""

    def total(numbers: list[float | None]) -> tuple[float, int]:
        known = [n for n in numbers if n is not None]
        return sum(known), len(numbers) - len(known)

    gold_total, gold_unknown = total(gold)
    pred_total, pred_unknown = total(pred)
    return frozen_record(
        KindTotal,
        {
            "error": AbsoluteError._of(abs(pred_total - gold_total), 1),
            "gold_total": gold_total,
            "pred_total": pred_total,
            "gold_unknown": gold_unknown,
            "pred_unknown": pred_unknown,
        },
    )
