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
otherwise by span (leaving out those a text-only prediction found). ``count(...,
errors=False)`` gives the same counts without any error item, for scoring without
``--errors``.

Speed (the same results, by construction and by tests against the general computations):
the same-span-and-type pairs of a document are found by dictionary lookup and only the
mentions left over are aligned (``_align_fast``; ``align_spans`` when that cannot be
sure), coreference against predictions without clusters is counted in closed form
(``_unclustered``), with clusters from one alignment of the clusters read off the items
by span (``_coreference``), and ``+`` defers adding up a corpus to the first read
(``_Summed``).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import chain, pairwise, repeat
from operator import attrgetter, contains, itemgetter
from types import MappingProxyType
from typing import Any, NamedTuple

from . import coref
from .assignment import bipartite_components, max_weight_assignment
from .base import (
    PRF,
    Doc,
    ErrorItem,
    ErrorLog,
    Item,
    Row,
    ScoreConfig,
    frozen_record,
    located_text,
    normalize_text,
    overlaps,
    render_span,
    span_of,
)
from .labels import LabelPreset, preset
from .merging import add_mappings, error_order, sorted_errors
from .span_alignment import align_spans, overlap_tie_break_kept

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
_ERROR_OF_TIER = {
    _SAME_SPAN: "wrong_type",
    _OVERLAP_TYPE: "wrong_boundary",
    _OVERLAP: "wrong_boundary_and_type",
}
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
        return frozen_record(
            SchemeCounts,
            {
                "scheme": self.scheme,
                "correct": self.correct + other.correct,
                "incorrect": self.incorrect + other.incorrect,
                "partial": self.partial + other.partial,
                "missed": self.missed + other.missed,
                "spurious": self.spurious + other.spurious,
            },
        )

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
        return frozen_record(
            Schemes,
            {
                "strict": self.strict + other.strict,
                "exact": self.exact + other.exact,
                "partial": self.partial + other.partial,
                "type": self.type + other.type,
            },
        )

    def to_dict(self) -> dict[str, Any]:
        return {s: getattr(self, s).to_dict() for s in SCHEMES}


# The counts of a group of mentions while counting and adding, as one int: six 64-bit
# fields (aligned pairs of tiers 4, 3, 2, 1; missed; spurious), from which the four
# schemes follow. Adding two groups is then one int addition, where adding Schemes
# builds five objects. No field can overflow: that would take 2**64 mentions.
_BITS = 64
_FIELD_MASK = (1 << _BITS) - 1
_ONE_T4, _ONE_T3, _ONE_T2, _ONE_T1, _ONE_MISSED, _ONE_SPURIOUS = (
    1 << (_BITS * i) for i in range(6)
)
# From aligned at tier 4 (how every gold mention is counted first) to another outcome.
_MOVE_TO_TIER = {3: _ONE_T3 - _ONE_T4, 2: _ONE_T2 - _ONE_T4, 1: _ONE_T1 - _ONE_T4}
_MOVE_TO_MISSED = _ONE_MISSED - _ONE_T4
_SCHEMES_OF: dict[int, Schemes] = {}  # packed counts -> Schemes: documents repeat them
_SCHEMES_OF_LIMIT = 1 << 16


def _schemes(packed: int) -> Schemes:
    """The Schemes of packed group counts."""
    found = _SCHEMES_OF.get(packed)
    if found is not None:
        return found
    t4, t3, t2, t1, missed, spurious = ((packed >> (_BITS * i)) & _FIELD_MASK for i in range(6))
    schemes = Schemes(
        SchemeCounts("strict", t4, t3 + t2 + t1, 0, missed, spurious),
        SchemeCounts("exact", t4 + t3, t2 + t1, 0, missed, spurious),
        SchemeCounts("partial", t4 + t3, 0, t2 + t1, missed, spurious),
        SchemeCounts("type", t4 + t2, t3 + t1, 0, missed, spurious),
    )
    if len(_SCHEMES_OF) >= _SCHEMES_OF_LIMIT:  # corpus sums rarely repeat: keep it bounded
        _SCHEMES_OF.clear()
    _SCHEMES_OF[packed] = schemes
    return schemes


class _Groups(Mapping[str, Schemes]):
    """Read-only ``group -> Schemes``, keys in sorted order, kept as packed counts (in
    any order, sorted when first iterated): equal to the same map of Schemes, and cheap
    to make and to add (``by_type``, ``by_kind``)."""

    __slots__ = ("_order", "_packed")

    def __init__(self, packed: dict[str, int]) -> None:
        self._packed = packed
        self._order: list[str] | None = None

    def __getitem__(self, key: str) -> Schemes:
        return _schemes(self._packed[key])

    def __contains__(self, key: object) -> bool:
        return key in self._packed

    def __iter__(self) -> Iterator[str]:
        if self._order is None:
            self._order = sorted(self._packed)
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._packed)

    def __eq__(self, other: object) -> bool:
        if type(other) is _Groups:
            return self._packed == other._packed
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # like the mappingproxy it stands for

    def __repr__(self) -> str:
        return f"mappingproxy({dict(self)!r})"  # what it stands for

    def __reduce__(self) -> tuple[Any, ...]:
        return (_Groups, (self._packed,))


_GROUPS_ONLY = frozenset({_Groups})


def _add_groups(a: Mapping[str, Schemes], b: Mapping[str, Schemes]) -> Mapping[str, Schemes]:
    """``add_mappings(a, b)``, without building a Schemes when both are _Groups."""
    if type(a) is _Groups and type(b) is _Groups:
        merged = a._packed.copy()
        for key, value in b._packed.items():
            merged[key] = merged.get(key, 0) + value
        return _Groups(merged)
    if not a and type(b) is _Groups:  # sums start from empty()
        return b
    if not b and type(a) is _Groups:
        return a
    return add_mappings(a, b)


# A metric's counts: recall numerator, recall denominator, precision numerator and
# denominator. Numerators are kept as exact fractions of the per-document floats, so that
# sums over documents are exact and do not depend on the order of the documents (an int
# where the float is whole: equal to its Fraction, and much cheaper to add).
_Counts4 = tuple[Fraction | int, int, Fraction | int, int]
_ZERO: _Counts4 = (0, 0, 0, 0)


def _fraction(value: float) -> Fraction | int:
    return int(value) if value.is_integer() else Fraction(value)


def _exact(score: coref.PRScore) -> _Counts4:
    return _exact_counts(
        (score.recall_num, score.recall_den, score.precision_num, score.precision_den)
    )


def _exact_counts(counts: tuple[float, float, float, float]) -> _Counts4:
    recall = _whole_or_fraction(counts[0])
    # Often the same number (CEAF-e always): converted once.
    precision = recall if counts[2] == counts[0] else _whole_or_fraction(counts[2])
    return (recall, int(counts[1]), precision, int(counts[3]))


def _whole_or_fraction(value: float) -> Fraction | int:
    return value if type(value) is int else _fraction(value)


def _number(value: Fraction | int) -> int | float:
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
        a, b, c, d = self.muc, self.bcub, self.ceafe, self.lea_counts
        e, f, g, h = other.muc, other.bcub, other.ceafe, other.lea_counts
        return frozen_record(
            Coreference,
            {
                "muc": (a[0] + e[0], a[1] + e[1], a[2] + e[2], a[3] + e[3]),
                "bcub": (b[0] + f[0], b[1] + f[1], b[2] + f[2], b[3] + f[3]),
                "ceafe": (c[0] + g[0], c[1] + g[1], c[2] + g[2], c[3] + g[3]),
                "lea_counts": (d[0] + h[0], d[1] + h[1], d[2] + h[2], d[3] + h[3]),
                "clustered": self.clustered + other.clustered,
            },
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


_EMPTY_MAP: Mapping[str, Any] = MappingProxyType({})


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
        # Added when first read (see _Summed), in one pass over all the parts.
        parts = (self.__dict__.get("_parts") or (self,)) + (
            other.__dict__.get("_parts") or (other,)
        )
        total = frozen_record(EntityCounts, {"labels": self.labels, "_parts": parts})
        if len(parts) >= _PARTS_LIMIT:  # keep few documents alive
            _add_up(total)
        return total

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


class _Summed:
    """The class attribute of each field of EntityCounts but ``labels``, so that counts
    can be added when first read rather than at once.

    A corpus sum adds the counts of every document, ``total + counts``, and reads the
    fields once, at the end: ``+`` then only records the counts added (``_parts``), and
    the first read of a field adds them up in one pass (``_add_up``), a few dozen
    documents at a time.
    ``totals`` are kept packed (``_totals``, see ``_schemes``) until read, ``by_type`` as
    the gold types and the changes to their counts (see ``_by_type``). Counts made
    by ``EntityCounts(...)`` hold their fields in the instance, as usual: the instance's
    own value always wins over this (non-data) descriptor.
    """

    def __init__(self, name: str, default: Any) -> None:
        self.name, self.default = name, default

    def __get__(self, instance: EntityCounts | None, owner: type | None = None) -> Any:
        if instance is None:
            return self.default  # as on the class before
        values = instance.__dict__
        if "_parts" in values:
            _add_up(instance)
        if self.name not in values:  # kept for later by count or _add_up
            if self.name == "errors":
                values["errors"] = _merge_all(values.pop("_error_tree").lists())
            elif self.name == "totals":
                values["totals"] = _schemes(values["_totals"])
            elif self.name == "by_type":
                values["by_type"] = _by_type([values["_types"]], values["_moves"])
        return values[self.name]


for _field in dataclasses.fields(EntityCounts):
    if _field.name != "labels":
        _default = _field.default
        if _field.default_factory is not dataclasses.MISSING:
            _default = _field.default_factory()
        setattr(EntityCounts, _field.name, _Summed(_field.name, _default))


def _entity_counts_state(self: EntityCounts) -> dict[str, Any]:
    if "_parts" in self.__dict__:
        _add_up(self)
    _ = self.errors  # merged: the tree is not sent
    return self.__dict__


EntityCounts.__getstate__ = _entity_counts_state  # type: ignore[method-assign]

_PARTS_LIMIT = 64
_ENTITY_KEYS = repeat("entity")  # endless: map() takes what it needs, every time
_PRF_FIELDS = attrgetter("correct", "predicted", "gold")
_COUNT_FIELDS = itemgetter("gold", "by_span", "by_text", "duplicates", "documents")


def _add_up(total: EntityCounts) -> None:
    """Give a pending sum its fields: the counts it holds (``_parts``) are added in
    order, with the same results as adding them two by two."""
    values = total.__dict__
    parts = values.pop("_parts")  # and let them go
    values.update(_summed_fast(parts) or _summed(parts))


def _summed_fast(leaves: tuple[EntityCounts, ...]) -> dict[str, Any] | None:
    """The fields of the sum of ``leaves``, a field at a time (mostly in C), when they all
    hold _Groups or the makings of them (as those of ``count`` and their sums); None
    otherwise."""
    values = [leaf.__dict__ for leaf in leaves]
    by_kinds = list(map(dict.get, values, repeat("by_kind")))
    if not _GROUPS_ONLY.issuperset(map(type, by_kinds)):
        return None
    packed = list(map(dict.get, values, repeat("_totals")))
    if None in packed:  # counts made by EntityCounts(...)
        packed = list(map(_packed_totals, leaves))
        if None in packed:
            return None
    by_type: dict[str, int] = {}
    types: list[list[str]] = []
    moves: list[tuple[str, int]] = []
    for leaf_values, groups in zip(values, map(dict.get, values, repeat("by_type")), strict=True):
        if groups is None:  # from count, left for the corpus sum (see _by_type)
            types.append(leaf_values["_types"])
            moves += leaf_values["_moves"]
        elif type(groups) is _Groups:
            for key, value in groups._packed.items():
                by_type[key] = by_type.get(key, 0) + value
        else:
            return None
    by_kind: dict[str, int] = {}
    for key, value in chain.from_iterable(groups._packed.items() for groups in by_kinds):
        by_kind[key] = by_kind.get(key, 0) + value
    gold, by_span, by_text, duplicates, documents = _sums(map(_COUNT_FIELDS, values))
    unmapped: Mapping[str, int] = _EMPTY_MAP
    for leaf_unmapped in filter(None, map(itemgetter("unmapped"), values)):
        unmapped = add_mappings(unmapped, leaf_unmapped)
    return {
        "_totals": sum(packed),
        "by_type": _by_type(types, moves, by_type),
        "by_kind": _Groups(by_kind),
        "text_only": PRF(*_sums(map(_PRF_FIELDS, map(itemgetter("text_only"), values)))),
        "gold": gold,
        "by_span": by_span,
        "by_text": by_text,
        "duplicates": duplicates,
        "unmapped": unmapped,
        "coreference": _sum_coreference(list(map(itemgetter("coreference"), values))),
        "documents": documents,
        **_pending_errors(values),
    }


def _by_type(
    types: list[list[str]], moves: list[tuple[str, int]], counts: dict[str, int] | None = None
) -> _Groups:
    """``counts`` (packed, by type; added to) with a gold mention aligned at tier 4 for
    each of ``types`` and the ``moves`` (type, change) of the others: counted in C once
    for a whole corpus sum, rather than per document."""
    counts = {} if counts is None else counts
    for group, n in Counter(chain.from_iterable(types)).items():
        counts[group] = counts.get(group, 0) + n * _ONE_T4
    for group, move in moves:
        counts[group] = counts.get(group, 0) + move
    return _Groups(counts)


class _ErrorTree(NamedTuple):
    """Error lists of counts added up, in order, merged when first read: a part is the
    errors of one document or the tree of an earlier sum, so that adding a corpus one
    document at a time copies no list that grows with the corpus."""

    parts: tuple[Any, ...]  # tuple[ErrorItem, ...] | _ErrorTree

    def lists(self) -> list[tuple[ErrorItem, ...]]:
        """The error lists in the order they were added (no recursion: a corpus added
        one document at a time nests a tree per 64 documents)."""
        found: list[tuple[ErrorItem, ...]] = []
        stack = [iter(self.parts)]
        while stack:
            for part in stack[-1]:
                if type(part) is _ErrorTree:
                    stack.append(iter(part.parts))
                    break
                found.append(part)
            else:
                stack.pop()
        return found


def _pending_errors(values: list[dict[str, Any]]) -> dict[str, Any]:
    """The errors field of a sum of counts (their ``__dict__``): none, or left as a tree."""
    parts = []
    for leaf in values:
        tree = leaf.get("_error_tree")
        if tree is not None:
            parts.append(tree)
        elif leaf.get("errors"):
            parts.append(leaf["errors"])
    return {"_error_tree": _ErrorTree(tuple(parts))} if parts else {"errors": ()}


def _merge_all(errors: list[tuple[ErrorItem, ...]]) -> tuple[ErrorItem, ...]:
    """``merge_errors`` of all ``errors`` (each sorted) in order: their concatenation when
    each starts where the one before ends (documents added in id order), else sorted
    once (items that sort equal are equal, spans included, so which comes first is
    all the same)."""
    orders = [(error_order(e[0]), error_order(e[-1])) for e in errors]
    merged = tuple(chain.from_iterable(errors))
    if all(before[1] <= after[0] for before, after in pairwise(orders)):
        return merged
    return sorted_errors(merged)


def _summed(leaves: tuple[EntityCounts, ...]) -> dict[str, Any]:
    """The fields of the sum of ``leaves``, as ``+`` adds them two by two."""
    fields: dict[str, Any] = {}
    packed = list(map(_packed_totals, leaves))
    if None in packed:
        fields["totals"] = functools.reduce(operator.add, (c.totals for c in leaves))
    else:
        fields["_totals"] = sum(packed)  # type: ignore[arg-type]
    fields["by_type"] = functools.reduce(_add_groups, (c.by_type for c in leaves))
    fields["by_kind"] = functools.reduce(_add_groups, (c.by_kind for c in leaves))
    fields["text_only"] = functools.reduce(operator.add, (c.text_only for c in leaves))
    for name in ("gold", "by_span", "by_text", "duplicates", "documents"):
        fields[name] = sum(getattr(c, name) for c in leaves)
    fields["unmapped"] = functools.reduce(_add_unmapped, (c.unmapped for c in leaves))
    fields["coreference"] = _sum_coreference([c.coreference for c in leaves])
    fields.update(_pending_errors([c.__dict__ for c in leaves]))
    return fields


def _sum_coreference(parts: list[Coreference]) -> Coreference:
    """``Coreference.__add__`` of all ``parts`` in order (exact: ints and Fractions)."""
    return frozen_record(
        Coreference,
        {
            "muc": _sums(map(attrgetter("muc"), parts)),
            "bcub": _sums(map(attrgetter("bcub"), parts)),
            "ceafe": _sums(map(attrgetter("ceafe"), parts)),
            "lea_counts": _sums(map(attrgetter("lea_counts"), parts)),
            "clustered": sum(map(attrgetter("clustered"), parts)),
        },
    )


def _sums(rows: Iterable[tuple[Any, ...]]) -> tuple[Any, ...]:
    """Column sums, each added in row order."""
    return tuple(map(sum, zip(*rows, strict=True)))


def _add_unmapped(a: Mapping[str, int], b: Mapping[str, int]) -> Mapping[str, int]:
    return add_mappings(a, b) if a or b else a


def _packed_totals(counts: EntityCounts) -> int | None:
    """The packed ``totals`` of ``counts``, or None when they are not counts of tiers
    (a Schemes built by hand)."""
    packed: int | None = counts.__dict__.get("_totals")
    if packed is None:
        totals = counts.totals
        strict = totals.strict
        t4 = strict.correct
        t3, t2 = totals.exact.correct - t4, totals.type.correct - t4
        values = (t4, t3, t2, strict.incorrect - t3 - t2, strict.missed, strict.spurious)
        if any(type(v) is not int or v < 0 for v in values):
            return None
        packed = sum(v << (_BITS * i) for i, v in enumerate(values))
        if _schemes(packed) != totals:  # the partial scheme, scheme names
            return None
    return packed


# ----------------------------------------------------------------------------- helpers

_SPAN = itemgetter("start", "end")
_KEY = itemgetter("start", "end", "type")  # also the canonical order, up to ties
_TYPE = itemgetter("type")
_KIND = itemgetter("kind")
_TEXT = itemgetter("text")


class _Normalized(dict[str, str]):
    """``text -> normalize_text(text)``, remembered: mention strings repeat a lot, and
    ``map(_NORMALIZED.__getitem__, texts)`` normalises only the ones not seen before."""

    limit = 1 << 16

    def __missing__(self, text: str) -> str:
        if len(self) >= self.limit:
            self.clear()
        value = self[text] = normalize_text(text)
        return value


_NORMALIZED = _Normalized()


def _text_key(item: Item) -> tuple[str, str]:
    return (_NORMALIZED[item["text"]], item["type"])


def _canonical(item: Item) -> str:
    # Last tie-break of the canonical order: the whole item, so equal keys are equal items.
    return json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)


def _span(item: Item) -> tuple[int, int]:
    where = span_of(item)
    if where is None:  # callers pass only items with offsets
        raise ValueError(f"expected an item with offsets, got {item!r}")
    return where


def _canonically_sorted(items: list[Item]) -> list[Item]:
    """``items`` by span, type and (only among items that tie on those) the whole item
    (``_canonical``): the order that breaks every tie of the alignment."""
    try:
        items = sorted(items, key=_KEY)
    except KeyError:  # the error of the first item without a key, as it reads one
        for item in items:
            (*_span(item), item["type"])
        raise
    keys = list(map(_KEY, items))
    if len(set(keys)) == len(keys):  # no ties (the usual case)
        return items
    i = 0
    while i < len(items):
        j = i + 1
        while j < len(items) and keys[j] == keys[i]:
            j += 1
        if j - i > 1:  # a tie: the whole item decides (sort is stable)
            items[i:j] = sorted(items[i:j], key=_canonical)
        i = j
    return items


def _show(item: Item, *, text: str) -> str:
    """``'Islamabad' [293, 302) GPE NAM`` (the kind when given)."""
    shown = located_text(item, text=text)
    kind = item.get("kind")
    return f"{render_span(shown)} {item['type']}" + (f" {kind}" if kind else "")


def _histogram(groups: list[str], one: int) -> dict[str, int]:
    """``one`` outcome for each group name in ``groups``, counted."""
    counted: dict[str, int] = {}
    for group in groups:  # faster than list.count for equal strings that are not one object
        counted[group] = counted.get(group, 0) + one
    return counted


def _has_entity(items: list[Item]) -> bool:
    """Whether an item has an ``entity`` value (not None); the caller first checks (in
    C) that some item has the key at all."""
    return any(m.get("entity") is not None for m in items)


# ------------------------------------------------------------------------------- count


def empty(*, config: ScoreConfig) -> EntityCounts:
    """The neutral element of ``+`` for ``config`` (checks the label preset)."""
    return EntityCounts(labels=preset(name=config.labels).name)


# An alignment: the aligned pairs other than at tier 4 (same span, accepted type: the only
# tier that is no error) with their tier, the unaligned gold mentions, the unaligned
# predictions. Gold mentions in none of these are aligned at tier 4.
_Alignment = tuple[list[tuple[Item, Item, int]], list[Item], list[Item]]


# Documents this short keep the overlap tie-break of align_spans (a test checks it).
_SHORT_GOLD, _SHORT_TEXT = 50, 100_000
# Per preset name: the preset, the labels that map to at least one gold type, and whether
# each label maps to itself only (``LabelPreset.identity``: a type is accepted when equal).
_PRESET_FACTS: dict[str, tuple[LabelPreset, frozenset[str], bool]] = {}


def count(*, gold: Doc, pred: Doc, config: ScoreConfig, errors: bool = True) -> EntityCounts:
    """Align, then count, the predicted mentions of one document against its gold.

    ``errors=False``: the same counts without error items (``errors=()``), at a fraction
    of the cost (no item is rendered).
    """
    facts = _PRESET_FACTS.get(config.labels)
    if facts is None:
        labels = preset(name=config.labels)
        mapped_labels = frozenset(label for label, types in labels.mapping.items() if types)
        facts = _PRESET_FACTS[config.labels] = (labels, mapped_labels, labels.identity)
    labels, mapped, identity = facts
    mapping = labels.mapping
    text: str = gold["text"]
    mentions = gold.get("mentions") or ()
    kinds = list(map(_KIND, mentions))
    if labels.gold_kinds.issuperset(kinds):
        golds = mentions if type(mentions) is list else list(mentions)
    else:
        golds = [m for m in mentions if m["kind"] in labels.gold_kinds]
        kinds = list(map(_KIND, golds))
    spanned, texted, spans = _split(pred.get("mentions") or (), text, gold["id"])

    # Unmapped labels and duplicates are spurious and stay out of the alignment.
    unmapped_preds: list[Item] = []
    scored = spanned
    if not mapped.issuperset(map(_TYPE, spanned)):
        unmapped_preds = [m for m in spanned if not mapping.get(m["type"])]
        scored = [m for m in spanned if mapping.get(m["type"])]
        spans = list(map(_SPAN, scored))
    pred_at = dict(zip(spans, scored, strict=False))  # one prediction per span, the last
    duplicates: list[Item] = []
    if len(pred_at) < len(scored) and len(set(map(_KEY, scored))) < len(scored):
        scored, duplicates = _deduplicated(scored)
        pred_at = dict(zip(map(_SPAN, scored), scored, strict=False))
    gold_at = dict(zip(map(_SPAN, golds), golds, strict=False))
    second_at: dict[tuple[int, int], Item] = {}  # see _second_labels
    if len(pred_at) < len(scored) and len(gold_at) == len(golds):
        pred_at, second_at = _second_labels(scored, gold_at, mapping) or (pred_at, {})
    # The spans of predictions only, and those of both with a type the label does not
    # accept (in one pass: every other span of both is a pair at tier 4).
    pred_only: list[tuple[int, int]] = []
    other_type: list[tuple[int, int]] = []
    gold_get = gold_at.get
    if identity:
        for span, p in pred_at.items():
            g = gold_get(span)
            if g is None:
                pred_only.append(span)
            elif g["type"] != p["type"]:
                other_type.append(span)
    else:
        for span, p in pred_at.items():
            g = gold_get(span)
            if g is None:
                pred_only.append(span)
            elif g["type"] not in mapping[p["type"]]:
                other_type.append(span)
    shared = len(pred_at) - len(pred_only)  # spans of both

    # The shortcut needs every overlap component to be aligned with its overlap
    # tie-break, which align_spans drops only in huge ones (short documents: never).
    found = None
    if (
        len(gold_at) == len(golds)
        and len(pred_at) + len(second_at) == len(scored)
        and (
            (len(golds) <= _SHORT_GOLD and len(text) <= _SHORT_TEXT)
            or overlap_tie_break_kept(
                pairs=min(len(golds), len(scored)), overlap=len(text), tiers=4
            )
        )
    ):
        found = _align_fast(gold_at, pred_at, pred_only, other_type, mapping, second_at)
    if found is None:
        found = _align(_canonically_sorted(golds), _canonically_sorted(scored), mapping)

    # Every gold mention counts as aligned at tier 4, then the others are moved. By type,
    # the counting is left for when it is read, or for a corpus sum (see _by_type).
    types = list(map(_TYPE, golds))
    moves: list[tuple[str, int]] = []  # (type, change of its counts)
    if kinds and kinds.count(kinds[0]) == len(kinds):  # one kind (NAM only, say)
        by_kind = {kinds[0]: len(kinds) * _ONE_T4}
    else:
        by_kind = _histogram(kinds, _ONE_T4)
    totals = len(golds) * _ONE_T4
    pairs, missed, spurious = found
    for g, _, tier in pairs:
        move = _MOVE_TO_TIER[tier]
        moves.append((g["type"], move))
        by_kind[g["kind"]] += move
        totals += move
    for g in missed:
        moves.append((g["type"], _MOVE_TO_MISSED))
        by_kind[g["kind"]] += _MOVE_TO_MISSED
        totals += _MOVE_TO_MISSED
    if unmapped_preds or duplicates:
        spurious = unmapped_preds + duplicates + spurious
    for p in spurious:
        moves.append((p["type"], _ONE_SPURIOUS))
        kind = p.get("kind") or UNSPECIFIED_KIND
        by_kind[kind] = by_kind.get(kind, 0) + _ONE_SPURIOUS
        totals += _ONE_SPURIOUS

    log = _error_log(str(gold["id"]), text) if errors else None
    if texted:
        text_only, found_by_text = _text_only(
            golds=golds, texted=texted, labels=labels, error=log, list_missed=not spanned
        )
    else:  # only the gold keys count
        strings = map(_NORMALIZED.__getitem__, map(_TEXT, golds))
        text_only = _gold_keys_only(len(set(zip(strings, types, strict=False))))
        found_by_text = set()
    error_items: tuple[ErrorItem, ...] = ()
    if log is not None:
        _list_errors(
            log,
            labels=labels,
            text=text,
            golds=golds,
            scored=scored,
            found=found,
            unmapped=unmapped_preds,
            duplicates=duplicates,
            skip_missed=lambda m: (bool(texted) and not spanned) or _text_key(m) in found_by_text,
        )
        error_items = sorted_errors(log.items)

    unmapped = _EMPTY_MAP
    if unmapped_preds or texted:
        labels_unmapped = Counter(m["type"] for m in unmapped_preds)
        labels_unmapped.update(m["type"] for m in texted if not mapping.get(m["type"]))
        if labels_unmapped:
            unmapped = MappingProxyType(dict(sorted(labels_unmapped.items())))
    # Coreference: one mention per span on each side (``len(gold_at)`` spans and so on).
    if any(map(contains, scored, _ENTITY_KEYS)) and _has_entity(scored):  # clusters
        coreference = _coreference(golds=golds, scored=scored, gold_at=gold_at, pred_at=pred_at)
    elif not any(map(contains, golds, _ENTITY_KEYS)) or not _has_entity(golds):
        # Singletons only: the spans are all that matter.
        sizes = (len(gold_at), shared, len(pred_at))
        coreference = _SINGLETONS.get(sizes) or _unclustered_singletons(*sizes)
    else:  # the key mention of a span is the first in canonical order
        first = gold_at
        if len(gold_at) < len(golds):
            first = {}
            for m in _canonically_sorted(golds):
                first.setdefault(_SPAN(m), m)
        present = [m.get("entity") for s, m in first.items() if s in pred_at]
        key = [m.get("entity") for m in first.values()]
        coreference = _unclustered(key, present, len(pred_at))
    return frozen_record(
        EntityCounts,
        {
            "labels": labels.name,
            "_totals": totals,
            "_types": types,
            "_moves": moves,
            "by_kind": _Groups(by_kind),
            "text_only": text_only,
            "gold": len(golds),
            "by_span": len(spanned),
            "by_text": len(texted),
            "duplicates": len(duplicates),
            "unmapped": unmapped,
            "coreference": coreference,
            "documents": 1,
            "errors": error_items,
        },
    )


def _split(
    mentions: Iterable[Item], text: str, doc_id: object
) -> tuple[list[Item], list[Item], list[tuple[Any, Any]]]:
    """Predictions with offsets (checked), predictions without (text-only), and the spans
    of the first."""
    spanned = mentions if type(mentions) is list else list(mentions)
    texted: list[Item] = []
    try:
        spans = list(map(_SPAN, spanned))
    except KeyError:  # some have no offsets (or only one of the two)
        texted = [m for m in spanned if "start" not in m or "end" not in m]
        spanned = [m for m in spanned if "start" in m and "end" in m]
        spans = list(map(_SPAN, spanned))
    limit = len(text)
    for start, end in spans:
        if not (type(start) is int is type(end) and 0 <= start < end <= limit):
            raise ValueError(
                f"{doc_id}: predicted mention [{start!r}, {end!r}) is not a non-empty span "
                f"inside the document text (length {limit})"
            )
    return spanned, texted, spans


@lru_cache(maxsize=1024)
def _gold_keys_only(keys: int) -> PRF:
    """The text-only counts of a document without text-only predictions (shared)."""
    return PRF(0, 0, keys)


def _error_log(doc_id: str, text: str) -> ErrorLog:
    return ErrorLog(layer=NAME, doc_id=doc_id, show=lambda item: _show(item, text=text))


def _deduplicated(scored: list[Item]) -> tuple[list[Item], list[Item]]:
    """Predictions with one span and label kept once (the first in canonical order), and
    the others."""
    by_key: dict[tuple[Any, ...], list[Item]] = {}
    for m in scored:
        by_key.setdefault(_KEY(m), []).append(m)
    kept: list[Item] = []
    others: list[Item] = []
    for same in by_key.values():
        if len(same) > 1:
            same = sorted(same, key=_canonical)
            others.extend(same[1:])
        kept.append(same[0])
    return kept, others


def _tier(g: Item, p: Item, mapping: Mapping[str, frozenset[str]]) -> int:
    typed = g["type"] in mapping[p["type"]]
    if g["start"] == p["start"] and g["end"] == p["end"]:
        return _SAME_SPAN_TYPE if typed else _SAME_SPAN
    return _OVERLAP_TYPE if typed else _OVERLAP


def _align(
    golds: list[Item], scored: list[Item], mapping: Mapping[str, frozenset[str]]
) -> _Alignment:
    """``align_spans`` on canonically sorted gold mentions and predictions."""
    aligned = align_spans(
        gold=list(map(_SPAN, golds)),
        pred=list(map(_SPAN, scored)),
        tier=lambda g, p: _tier(golds[g], scored[p], mapping),
        tiers=4,
    )
    pairs = []
    for g, p in aligned:
        tier = _tier(golds[g], scored[p], mapping)
        if tier != _SAME_SPAN_TYPE:
            pairs.append((golds[g], scored[p], tier))
    gold_done = {g for g, _ in aligned}
    pred_done = {p for _, p in aligned}
    return (
        pairs,
        [m for g, m in enumerate(golds) if g not in gold_done],
        [m for p, m in enumerate(scored) if p not in pred_done],
    )


def _align_fast(
    gold_at: dict[tuple[int, int], Item],
    pred_at: dict[tuple[int, int], Item],
    pred_only: list[tuple[int, int]],
    other_type: list[tuple[int, int]],
    mapping: Mapping[str, frozenset[str]],
    second_at: dict[tuple[int, int], Item],
) -> _Alignment | None:
    """The alignment of :func:`_align` when no two gold mentions and no two predictions
    share a span (``gold_at``, ``pred_at``: the items by span; ``pred_only``: the spans
    of predictions only; ``other_type``: the spans of both whose gold type the label
    does not accept), found without ``align_spans`` for almost every document; None when
    this cannot be sure of it. Also when predictions share a span as
    :func:`_second_labels` allows (``second_at``: the second prediction of such a span,
    left over like a prediction of its own).

    A gold mention and a prediction of the same span with an accepted type (tier 4)
    have no other tier-4 partner, so they are aligned in every optimal alignment: were
    they not, pairing the two instead of with their partners (lower tiers) would gain a
    tier-4 pair. The optimal alignments are then those pairs plus an optimal alignment of
    the rest; when the rest has only one, ``align_spans`` finds it, whatever its
    tie-breaks. Here the rest is cut into runs of overlapping spans, each of which must
    be a gold mention or a prediction alone, or one of them with others that overlap it,
    the best of which (tier, then overlap) is strictly better than the next: then the
    optimum is single.
    """
    left_golds = gold_at.keys() - pred_at.keys()
    left_preds = set(pred_only)
    if other_type:  # aligned with the same span only
        left_golds.update(other_type)
        left_preds.update(other_type)
    if second_at:  # their spans' first predictions are aligned at tier 4
        left_preds.update(second_at)
        pred_at = pred_at | second_at  # the leftover prediction of those spans
    if not left_golds or not left_preds:
        return (
            [],
            list(map(gold_at.__getitem__, left_golds)),
            list(map(pred_at.__getitem__, left_preds)),
        )
    # Runs of overlapping leftovers, in span order, the canonical order here.
    runs: list[list[tuple[int, int]]] = []
    reach = -1
    for span in sorted(left_golds | left_preds):
        if span[0] >= reach:
            runs.append([span])
        else:
            runs[-1].append(span)
        if span[1] > reach:
            reach = span[1]
    pairs: list[tuple[Item, Item, int]] = []
    missed: list[Item] = []
    spurious: list[Item] = []
    for run in runs:
        if len(run) == 1:  # a gold mention, a prediction, or both (another type)
            span = run[0]
            if span not in left_preds:
                missed.append(gold_at[span])
            elif span not in left_golds:
                spurious.append(pred_at[span])
            else:
                pairs.append((gold_at[span], pred_at[span], _SAME_SPAN))
            continue
        if len(run) == 2:  # the usual other case: a prediction off by a few characters
            first, second = run
            sides = (
                first in left_golds,
                first in left_preds,
                second in left_golds,
                second in left_preds,
            )
            if sides == (True, False, False, True) or sides == (False, True, True, False):
                # One gold mention and one prediction: they overlap, the only pair.
                g, p = (
                    (gold_at[first], pred_at[second])
                    if sides[0]
                    else (gold_at[second], pred_at[first])
                )
                typed = g["type"] in mapping[p["type"]]
                pairs.append((g, p, _OVERLAP_TYPE if typed else _OVERLAP))
                continue
        golds = [gold_at[s] for s in run if s in left_golds]
        preds = [pred_at[s] for s in run if s in left_preds]
        if not _align_run(golds, preds, (pairs, missed, spurious), mapping):
            return None
    return pairs, missed, spurious


def _second_labels(
    scored: list[Item], gold_at: dict[tuple[int, int], Item], mapping: Mapping[str, frozenset[str]]
) -> tuple[dict[tuple[int, int], Item], dict[tuple[int, int], Item]] | None:
    """For predictions that share a span (another label on the same span): one prediction
    per span, and the second one of each shared span; None unless every shared span has
    two predictions and a gold mention whose type exactly one of them accepts.

    That one and the gold mention are then each other's only tier-4 partner, aligned in
    every optimal alignment (see ``_align_fast``), and the second prediction is left
    over like a prediction with a span of its own.
    """
    pred_at: dict[tuple[int, int], Item] = {}
    second_at: dict[tuple[int, int], Item] = {}
    for p in scored:
        span = _SPAN(p)
        first = pred_at.setdefault(span, p)
        if first is p:
            continue
        g = gold_at.get(span)
        if g is None or span in second_at:
            return None
        typed = [q for q in (first, p) if g["type"] in mapping[q["type"]]]
        if len(typed) != 1:
            return None
        pred_at[span] = typed[0]
        second_at[span] = p if typed[0] is first else first
    return pred_at, second_at


def _align_run(
    golds: list[Item], preds: list[Item], found: _Alignment, mapping: Mapping[str, frozenset[str]]
) -> bool:
    """Add the single optimal alignment of a run of overlapping leftovers (canonical
    order) to ``found``; False when it may not be single."""
    pairs, missed, spurious = found
    if not preds or not golds:
        missed.extend(golds)
        spurious.extend(preds)
        return True
    edges = {
        (g, p): (_tier(golds[g], preds[p], mapping), shared)
        for g, (gs, ge) in enumerate(map(_SPAN, golds))
        for p, (ps, pe) in enumerate(map(_SPAN, preds))
        if (shared := min(ge, pe) - max(gs, ps)) > 0
    }
    paired_golds: set[int] = set()
    paired_preds: set[int] = set()
    for component in bipartite_components(edges):
        rows = {g for g, _ in component}
        cols = {p for _, p in component}
        if len(rows) > 1 and len(cols) > 1:
            return False
        ranked = sorted((edges[e] for e in component), reverse=True)
        if len(ranked) > 1 and ranked[0] == ranked[1]:
            return False
        g, p = max(component, key=edges.__getitem__)
        pairs.append((golds[g], preds[p], edges[g, p][0]))
        paired_golds.add(g)
        paired_preds.add(p)
    missed.extend(m for g, m in enumerate(golds) if g not in paired_golds)
    spurious.extend(m for p, m in enumerate(preds) if p not in paired_preds)
    return True


def _list_errors(
    error: ErrorLog,
    *,
    labels: LabelPreset,
    text: str,
    golds: list[Item],
    scored: list[Item],
    found: _Alignment,
    unmapped: list[Item],
    duplicates: list[Item],
    skip_missed: Callable[[Item], bool],
) -> None:
    """The error items of the span-scored mentions (the caller sorts them)."""
    for m in unmapped:
        error("unmapped_label", None, m, f"no gold type for {m['type']} ({labels.name})")
    for m in duplicates:
        error("duplicate", None, m, "same span and label as another prediction")
    pairs, missed, spurious = found
    for g, p, tier in pairs:
        detail = None
        if tier in (_SAME_SPAN, _OVERLAP) and not labels.identity:  # what the label maps to
            label = p["type"]
            accepted = ", ".join(sorted(labels.gold_types(label)))
            detail = f"{labels.name} {label} matches {accepted}"
        error(_ERROR_OF_TIER[tier], g, p, detail)

    def overlapping(item: Item, others: list[Item]) -> str:
        where = _span(item)
        return "; ".join(_show(o, text=text) for o in others if overlaps(where, _span(o)))

    if missed:
        others = _canonically_sorted(scored)
        for m in missed:
            if not skip_missed(m):
                near = overlapping(m, others)
                error("missed", m, None, f"overlaps {near}, aligned elsewhere" if near else None)
    if spurious:
        others = _canonically_sorted(golds)
        for m in spurious:
            near = overlapping(m, others)
            error("spurious", None, m, f"overlaps {near}, aligned elsewhere" if near else None)


def _text_only(
    *,
    golds: list[Item],
    texted: list[Item],
    labels: LabelPreset,
    error: ErrorLog | None,
    list_missed: bool,
) -> tuple[PRF, set[tuple[str, str]]]:
    """Distinct (normalised text, type) keys, matched one-to-one per string; also the gold
    keys that were found. Error items go to ``error`` unless it is None."""
    gold_keys = sorted(set(map(_text_key, golds)))
    pred_keys = sorted(set(map(_text_key, texted)))
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
    if texted and error is not None:  # key errors only for predictions with text-only items
        # A key is shown by its first item: the prediction as written, the gold mention
        # with its offsets.
        first: dict[tuple[str, str], Item] = {}
        for m in texted:
            first.setdefault(_text_key(m), m)
        for string, label in pred_keys:
            item = first[string, label]
            if not labels.gold_types(label):
                error(
                    "unmapped_label", None, item, f"by text; no gold type for {label}", placed=False
                )
            elif (string, label) not in matched_pred:
                error("spurious", None, item, "by text", placed=False)
        if list_missed:
            first_gold: dict[tuple[str, str], Item] = {}
            for m in sorted(golds, key=_SPAN):
                first_gold.setdefault(_text_key(m), m)
            for key in gold_keys:
                if key not in matched_gold:
                    error("missed", first_gold[key], None, "by text", placed=False)
    prf = PRF(correct=len(matched_pred), predicted=len(pred_keys), gold=len(gold_keys))
    return prf, matched_gold


def _coreference(
    *,
    golds: list[Item],
    scored: list[Item],
    gold_at: dict[tuple[int, int], Item],
    pred_at: dict[tuple[int, int], Item],
) -> Coreference:
    """MUC, B3, CEAF-e and LEA of the clusters of both sides, predictions with clusters
    (``gold_at``, ``pred_at``: the items by span, all of them when no two share a span)."""
    key = _span_clusters(gold_at) if len(gold_at) == len(golds) else _clusters(golds)
    response = _span_clusters(pred_at) if len(pred_at) == len(scored) else _clusters(scored)
    # Valid by construction (one mention per span), so not checked again; the counts are
    # those of Coreference.of, without making the score objects.
    al = coref._aligned(key, response)
    return frozen_record(
        Coreference,
        {
            "muc": _exact_counts(coref._muc_counts(al)),
            "bcub": _exact_counts(coref._b_cubed_counts(al)),
            "ceafe": _exact_counts(coref._ceaf_e_counts(al)),
            "lea_counts": _exact_counts(coref._lea_counts(al)),
            "clustered": 1,
        },
    )


def _clusters(mentions: list[Item]) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Spans grouped by ``entity`` (``None``: a singleton), one mention per span (the first
    in canonical order), clusters in order of their first mention."""
    clusters: dict[object, list[tuple[int, int]]] = {}
    seen: set[tuple[int, int]] = set()
    for index, m in enumerate(_canonically_sorted(mentions)):
        where = _span(m)
        if where in seen:
            continue
        seen.add(where)
        entity = m.get("entity")
        clusters.setdefault(("singleton", index) if entity is None else entity, []).append(where)
    return tuple(map(tuple, clusters.values()))


def _span_clusters(at: dict[tuple[int, int], Item]) -> tuple[tuple[tuple[int, int], ...], ...]:
    """``_clusters`` of mentions of distinct spans (``at``: by span), whose canonical
    order is then the order of their spans."""
    clusters: dict[object, list[tuple[int, int]]] = {}
    for index, (where, m) in enumerate(sorted(at.items())):  # spans differ: no item compared
        entity = m.get("entity")
        clusters.setdefault(("singleton", index) if entity is None else entity, []).append(where)
    return tuple(map(tuple, clusters.values()))


_SINGLETONS: dict[tuple[int, int, int], Coreference] = {}


def _unclustered_singletons(keys: int, shared: int, responses: int) -> Coreference:
    """``_unclustered`` when the key is singletons too: ``keys`` and ``responses``
    mentions, ``shared`` of them on both sides."""
    found = _SINGLETONS.get((keys, shared, responses))
    if found is None:
        if len(_SINGLETONS) >= _SCHEMES_OF_LIMIT:
            _SINGLETONS.clear()
        found = _SINGLETONS[keys, shared, responses] = _unclustered(
            [None] * keys, [None] * shared, responses
        )
    return found


def _unclustered(key: list[object], present: list[object], responses: int) -> Coreference:
    """``_coreference`` when every response cluster is a singleton, in closed form.

    ``key``: the entity (``None``: a singleton) of each key mention; ``present``: the same
    of the key mentions that are also response mentions; ``responses``: the number of
    response mentions. Each key cluster then shares one mention with each response
    singleton it contains, so: no MUC link is found either way (numerators 0); B3 recall
    sums present / size per key cluster, B3 precision is the number of shared mentions;
    CEAF-e aligns each key cluster with one present mention, phi4 = 2 / (size + 1); LEA
    resolves the key singletons that are present, on both sides. The floats are summed
    as ``scorers.coref`` sums them (``math.fsum``, exactly rounded), so they are equal.
    """
    singletons = key.count(None)
    sizes = Counter(e for e in key if e is not None)
    clusters = len(sizes) + singletons
    found = Counter(present)
    shared = len(present)
    if clusters == len(key):  # every key cluster is a singleton: all whole numbers
        b3_recall = ceaf = lea = shared
    else:
        found_singletons = found.pop(None, 0)
        b3_recall = _fraction(
            math.fsum([*(n / sizes[e] for e, n in found.items()), found_singletons])
        )
        ceaf = _fraction(math.fsum([*(2 / (sizes[e] + 1) for e in found), found_singletons]))
        lea = found_singletons + sum(1 for e in found if sizes[e] == 1)
    return Coreference(
        (0, len(key) - clusters, 0, 0),
        (b3_recall, len(key), shared, responses),
        (ceaf, clusters, ceaf, responses),
        (lea, len(key), lea, responses),
        0,
    )
