"""Coreference metrics: MUC, B-cubed, CEAF-m, CEAF-e, BLANC, LEA, CoNLL F1, mention detection.

Definitions follow the CoNLL-2011/2012 reference scorer (``scorer.pl`` v8.01) for MUC,
B-cubed, CEAF-m, CEAF-e, BLANC and mention detection, and coval for LEA. The code is in
three stages: :func:`align` indexes both clusterings and counts the overlap of every key
cluster with every response cluster; each metric turns that alignment into counts (a
frozen dataclass); recall, precision and F1 are properties computed from the counts.

Conventions that affect numbers:

* A mention is any hashable key, e.g. a ``(start, end)`` tuple. Mentions match only when
  equal (strict matching: a boundary error is one missing plus one spurious mention).
* Singletons are kept. Nothing is filtered: every mention of both clusterings is scored,
  so numbers match the reference scorer run on files that contain the singletons.
* Undefined ratios are ``None``, where the reference scorer prints 0: recall when the
  recall denominator is 0 (e.g. MUC when the key has no links), precision when the
  precision denominator is 0 (e.g. an empty response), and F1 when recall or precision
  is ``None`` and the other is not 0. F1 is 0.0 when recall or precision is 0, whatever
  the other is (an empty response: recall 0, precision ``None``, F1 0, as printed by the
  reference).
* MUC ignores singleton clusters on both sides, so spurious singletons cost nothing.
* CEAF uses an optimal one-to-one alignment of clusters (Kuhn-Munkres), not a greedy one.
  Ties between optimal alignments do not change the score.
* LEA (coval): a singleton cluster has one "self link", resolved only if the other side
  has that same mention as a singleton.
* BLANC is computed as the reference scorer computes it, including its zero rules: a
  side with no links of a kind gets precision 0 (not undefined) for that kind and is
  still averaged in; if the key has no coreference links only non-coreference links
  count, and vice versa; the BLANC F1 is the mean of the two link F1s, not the harmonic
  mean of BLANC recall and precision. Only when the key has no mention pairs at all
  (fewer than two mentions) are BLANC recall, precision and F1 ``None`` (the reference
  prints 0). The per-link-type properties (``coref_recall`` etc.) report ``None`` for
  0/0; the reference rule is applied only when combining them.
* Aggregation over documents (``a + b``) sums counts, as the reference scorer does for
  every metric (BLANC sums its link counts, then applies its rules once). CoNLL F1 over a
  corpus is the mean of the corpus-level MUC, B-cubed and CEAF-e F1.
* Fractional numerators (B-cubed, CEAF-e, LEA) are floats summed with ``math.fsum``; they
  can differ from the Perl scorer's in the last bits (about 1e-15).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from itertools import chain
from operator import itemgetter
from types import MappingProxyType
from typing import Any, ClassVar, NoReturn, Self

from .assignment import bipartite_components, max_weight_assignment

__all__ = [
    "METRICS",
    "Alignment",
    "BCubedScore",
    "BlancScore",
    "CEAFeScore",
    "CEAFmScore",
    "ConllScore",
    "LEAScore",
    "MUCScore",
    "MentionScore",
    "PRScore",
    "align",
    "b_cubed",
    "blanc",
    "ceaf_e",
    "ceaf_m",
    "conll_f1",
    "lea",
    "mentions",
    "muc",
    "score_all",
]

Clustering = Iterable[Iterable[Hashable]]


# ---------------------------------------------------------------------------- align


_PLAIN_CLUSTERS = frozenset({list, tuple, set, frozenset})  # cluster types that are no string


def _clusters(clustering: Clustering, side: str) -> tuple[tuple[Hashable, ...], ...]:
    if isinstance(clustering, str | bytes):
        raise ValueError(f"{side}: expected an iterable of clusters, got a string")
    raw = list(clustering)
    # A string is iterable; taking its characters as mentions would be a silent bug.
    if not _PLAIN_CLUSTERS.issuperset(map(type, raw)) and any(
        isinstance(cluster, str | bytes) for cluster in raw
    ):
        _raise_invalid(raw, side)
    clusters = tuple(map(tuple, raw))
    # Non-empty clusters, every mention once: checked in C, and again one by one only to
    # name the first problem.
    if not all(clusters) or len(set(chain.from_iterable(clusters))) != sum(map(len, clusters)):
        _raise_invalid(clusters, side)
    return clusters


def _raise_invalid(clusters: Iterable[Any], side: str) -> NoReturn:
    """The ValueError that names the first problem of ``clusters``."""
    seen: dict[Hashable, int] = {}
    for index, cluster in enumerate(clusters):
        if isinstance(cluster, str | bytes):
            raise ValueError(f"{side}: cluster {index} is a string, not an iterable of mentions")
        members = tuple(cluster)
        if not members:
            raise ValueError(f"{side}: cluster {index} is empty")
        for mention in members:
            if mention in seen:
                raise ValueError(
                    f"{side}: mention {mention!r} appears twice "
                    f"(clusters {seen[mention]} and {index})"
                )
            seen[mention] = index
    raise AssertionError(f"{side}: no problem found")  # pragma: no cover


@dataclass(frozen=True, eq=False)
class Alignment:
    """Both clusterings, checked, with the overlap of every key and response cluster.

    ``overlap`` maps ``(key cluster index, response cluster index)`` to the number of
    mentions the two clusters share; pairs that share nothing are absent.
    """

    key: tuple[tuple[Hashable, ...], ...]
    response: tuple[tuple[Hashable, ...], ...]
    overlap: Mapping[tuple[int, int], int]
    key_sizes: tuple[int, ...] = field(init=False, repr=False)
    response_sizes: tuple[int, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Read by most metrics, so computed once (the instance is frozen).
        object.__setattr__(self, "key_sizes", tuple(map(len, self.key)))
        object.__setattr__(self, "response_sizes", tuple(map(len, self.response)))

    def swapped(self) -> Alignment:
        """The same alignment seen from the response side (precision = swapped recall)."""
        return Alignment(
            key=self.response,
            response=self.key,
            overlap=MappingProxyType({(j, i): n for (i, j), n in self.overlap.items()}),
        )

    def sides(self, side: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The cluster sizes of ``side`` (0: the key, 1: the response; the index of its
        clusters in the keys of ``overlap``) and of the other side."""
        if side:
            return self.response_sizes, self.key_sizes
        return self.key_sizes, self.response_sizes


def align(*, key: Clustering, response: Clustering) -> Alignment:
    """Check both clusterings and count how many mentions each cluster pair shares.

    Raises ``ValueError`` if a cluster is empty or a mention appears twice within one
    clustering (it may of course appear once in each).
    """
    return _aligned(_clusters(key, "key"), _clusters(response, "response"))


def _aligned(
    key: tuple[tuple[Hashable, ...], ...], response: tuple[tuple[Hashable, ...], ...]
) -> Alignment:
    """:func:`align` of clusterings known to be valid (for callers that build them so)."""
    response_of = {m: j for j, cluster in enumerate(response) for m in cluster}
    shared = [
        (i, j)
        for i, cluster in enumerate(key)
        for j in map(response_of.get, cluster)
        if j is not None
    ]
    overlap = dict(Counter(shared))  # in order of first shared mention, as read
    return Alignment(key, response, MappingProxyType(overlap))


# --------------------------------------------------------------------------- scores


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def _harmonic(recall: float | None, precision: float | None) -> float | None:
    if recall == 0 or precision == 0:  # 0 whatever the other is, undefined included
        return 0.0
    if recall is None or precision is None:
        return None
    return 2 * recall * precision / (recall + precision)


class _Summable:
    """Adding two results sums their counts field by field (corpus-level, micro)."""

    def __add__(self, other: object) -> Self:
        if type(other) is not type(self):
            return NotImplemented
        return type(self)(
            *(getattr(self, f.name) + getattr(other, f.name) for f in fields(self))  # type: ignore[arg-type]
        )

    def __radd__(self, other: object) -> Self:
        # Lets ``sum(scores)`` start from its default 0.
        if type(other) is int and other == 0:
            return self
        return NotImplemented


@dataclass(frozen=True)
class PRScore(_Summable):
    """Recall and precision as numerator/denominator counts; the ratios are derived."""

    recall_num: float
    recall_den: float
    precision_num: float
    precision_den: float

    metric: ClassVar[str] = ""

    @property
    def recall(self) -> float | None:
        return _ratio(self.recall_num, self.recall_den)

    @property
    def precision(self) -> float | None:
        return _ratio(self.precision_num, self.precision_den)

    @property
    def f1(self) -> float | None:
        return _harmonic(self.recall, self.precision)

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "recall": self.recall,
            "precision": self.precision,
            "f1": self.f1,
            **{f.name: getattr(self, f.name) for f in fields(self)},
        }


class MUCScore(PRScore):
    metric = "muc"


class BCubedScore(PRScore):
    metric = "bcub"


class CEAFmScore(PRScore):
    metric = "ceafm"


class CEAFeScore(PRScore):
    metric = "ceafe"


class LEAScore(PRScore):
    metric = "lea"


class MentionScore(PRScore):
    metric = "mentions"


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def _reference_ratio(num: int, den: int) -> float:
    # The reference scorer's rule inside BLANC: 0/0 counts as 0.
    return num / den if den else 0.0


def _reference_harmonic(recall: float, precision: float) -> float:
    return 2 * recall * precision / (recall + precision) if recall + precision else 0.0


@dataclass(frozen=True)
class BlancScore(_Summable):
    """BLANC link counts: coreference links (pairs within a cluster) and
    non-coreference links (pairs across clusters), in the key, in the response and in
    both. Recall, precision and F1 follow the reference scorer (see module docstring).
    """

    coref_common: int
    coref_key: int
    coref_response: int
    noncoref_common: int
    noncoref_key: int
    noncoref_response: int

    metric: ClassVar[str] = "blanc"

    @property
    def coref_recall(self) -> float | None:
        return _ratio(self.coref_common, self.coref_key)

    @property
    def coref_precision(self) -> float | None:
        return _ratio(self.coref_common, self.coref_response)

    @property
    def coref_f1(self) -> float | None:
        return _harmonic(self.coref_recall, self.coref_precision)

    @property
    def noncoref_recall(self) -> float | None:
        return _ratio(self.noncoref_common, self.noncoref_key)

    @property
    def noncoref_precision(self) -> float | None:
        return _ratio(self.noncoref_common, self.noncoref_response)

    @property
    def noncoref_f1(self) -> float | None:
        return _harmonic(self.noncoref_recall, self.noncoref_precision)

    def _combined(self) -> tuple[float, float, float] | None:
        parts = []
        for common, key, response in (
            (self.coref_common, self.coref_key, self.coref_response),
            (self.noncoref_common, self.noncoref_key, self.noncoref_response),
        ):
            if key:  # a link type absent from the key is left out, as in the reference
                r, p = common / key, _reference_ratio(common, response)
                parts.append((r, p, _reference_harmonic(r, p)))
        if not parts:
            return None
        return (
            sum(r for r, _, _ in parts) / len(parts),
            sum(p for _, p, _ in parts) / len(parts),
            sum(f for _, _, f in parts) / len(parts),
        )

    @property
    def recall(self) -> float | None:
        combined = self._combined()
        return None if combined is None else combined[0]

    @property
    def precision(self) -> float | None:
        combined = self._combined()
        return None if combined is None else combined[1]

    @property
    def f1(self) -> float | None:
        combined = self._combined()
        return None if combined is None else combined[2]

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "recall": self.recall,
            "precision": self.precision,
            "f1": self.f1,
            **{f.name: getattr(self, f.name) for f in fields(self)},
            "coref_recall": self.coref_recall,
            "coref_precision": self.coref_precision,
            "coref_f1": self.coref_f1,
            "noncoref_recall": self.noncoref_recall,
            "noncoref_precision": self.noncoref_precision,
            "noncoref_f1": self.noncoref_f1,
        }


@dataclass(frozen=True)
class ConllScore(_Summable):
    """CoNLL-2012 average: the mean of MUC, B-cubed and CEAF-e F1 (no recall/precision)."""

    muc: MUCScore
    bcub: BCubedScore
    ceafe: CEAFeScore

    metric: ClassVar[str] = "conll"

    @property
    def f1(self) -> float | None:
        parts = (self.muc.f1, self.bcub.f1, self.ceafe.f1)
        if any(part is None for part in parts):
            return None
        return math.fsum(parts) / 3  # type: ignore[arg-type]

    def to_dict(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "f1": self.f1,
            "muc": self.muc.to_dict(),
            "bcub": self.bcub.to_dict(),
            "ceafe": self.ceafe.to_dict(),
        }


# --------------------------------------------------------------------------- counts


# A metric's recall counts are those of the key side, its precision counts those of the
# response side: a side function takes the side, the index of its clusters in the keys of
# ``overlap`` (the counts of ``swapped()``, without swapping).
_KEY, _RESPONSE = 0, 1


def _bcub_side(al: Alignment, side: int) -> tuple[float, int]:
    sizes, _ = al.sides(side)
    shared_sq = [0] * len(sizes)
    for pair, n in al.overlap.items():
        shared_sq[pair[side]] += n * n
    return math.fsum(sq / sizes[i] for i, sq in enumerate(shared_sq) if sq), sum(sizes)


def _lea_side(al: Alignment, side: int) -> tuple[float, int]:
    sizes, other_sizes = al.sides(side)
    other = 1 - side
    common = [0] * len(sizes)  # per cluster: its links that the other side has
    for pair, n in al.overlap.items():
        i = pair[side]
        if n > 1:
            common[i] += _pairs(n)
        elif sizes[i] == 1 and other_sizes[pair[other]] == 1:
            common[i] = 1  # the self link of a singleton kept as one
    terms = [
        size * common[i] / _pairs(size) if size > 1 else float(common[i])
        for i, size in enumerate(sizes)
    ]
    return math.fsum(terms), sum(sizes)


def _ceaf_components(
    al: Alignment,
) -> tuple[list[tuple[int, int, int]], list[list[tuple[int, int]]]]:
    """The connected components of the "shares a mention" graph of ``al``: those of one
    pair of clusters as ``(key index, response index, shared)`` (the usual case), the
    others as ``bipartite_components`` of their edges (in ``overlap`` order)."""
    rows = list(map(itemgetter(0), al.overlap))
    cols = list(map(itemgetter(1), al.overlap))
    if len(set(rows)) == len(rows) and len(set(cols)) == len(cols):  # no two pairs meet
        return [(i, j, n) for (i, j), n in al.overlap.items()], []
    key_degree, response_degree = Counter(rows), Counter(cols)
    alone: list[tuple[int, int, int]] = []
    tangled: list[tuple[int, int]] = []
    for (i, j), n in al.overlap.items():
        if key_degree[i] == 1 and response_degree[j] == 1:
            alone.append((i, j, n))
        else:
            tangled.append((i, j))
    return alone, bipartite_components(tangled)


def _ceaf_similarity(al: Alignment, phi: Callable[[int, int, int], float]) -> float:
    """Total similarity of the optimal one-to-one alignment of key and response clusters.

    Clusters that share no mention have similarity 0, so the assignment is solved
    separately on each connected component of the "shares a mention" graph; a component
    of one pair needs no solving.
    """
    key_sizes, response_sizes = al.key_sizes, al.response_sizes
    alone, components = _ceaf_components(al)
    chosen = [phi(n, key_sizes[i], response_sizes[j]) for i, j, n in alone]
    for edges in components:
        rows = sorted({i for i, _ in edges})
        cols = sorted({j for _, j in edges})
        row_at = {i: r for r, i in enumerate(rows)}
        col_at = {j: c for c, j in enumerate(cols)}
        weights = [[0.0] * len(cols) for _ in rows]
        for i, j in edges:
            weights[row_at[i]][col_at[j]] = phi(al.overlap[i, j], key_sizes[i], response_sizes[j])
        chosen.extend(weights[r][c] for r, c in max_weight_assignment(weights))
    return math.fsum(chosen)


def _phi3(shared: int, _key_size: int, _response_size: int) -> float:
    return shared


def _phi4(shared: int, key_size: int, response_size: int) -> float:
    return 2 * shared / (key_size + response_size)


# Counts of a metric as (recall numerator, recall denominator, precision numerator,
# precision denominator): its score object holds them (``_muc`` etc.); callers that only
# add them up take them bare (``*_counts``).
_PRCounts = tuple[float, int, float, int]


def _muc_counts(al: Alignment) -> _PRCounts:
    # Per key cluster: its size minus the number of parts the response cuts it into, each
    # key mention missing from the response being a part of its own; that is the mentions
    # it shares with the response minus the response clusters it overlaps. Summed over the
    # key: the shared mentions minus the overlapping pairs, as from the response side.
    found = sum(al.overlap.values()) - len(al.overlap)
    return (
        found,
        sum(al.key_sizes) - len(al.key),
        found,
        sum(al.response_sizes) - len(al.response),
    )


def _b_cubed_counts(al: Alignment) -> _PRCounts:
    return (*_bcub_side(al, _KEY), *_bcub_side(al, _RESPONSE))


def _ceaf_e_counts(al: Alignment) -> _PRCounts:
    similarity = _ceaf_similarity(al, _phi4)
    return (similarity, len(al.key), similarity, len(al.response))


def _lea_counts(al: Alignment) -> _PRCounts:
    return (*_lea_side(al, _KEY), *_lea_side(al, _RESPONSE))


def _muc(al: Alignment) -> MUCScore:
    return MUCScore(*_muc_counts(al))


def _b_cubed(al: Alignment) -> BCubedScore:
    return BCubedScore(*_b_cubed_counts(al))


def _ceaf_m(al: Alignment) -> CEAFmScore:
    similarity = round(_ceaf_similarity(al, _phi3))  # integer weights: the sum is exact
    return CEAFmScore(similarity, sum(al.key_sizes), similarity, sum(al.response_sizes))


def _ceaf_e(al: Alignment) -> CEAFeScore:
    return CEAFeScore(*_ceaf_e_counts(al))


def _lea(al: Alignment) -> LEAScore:
    return LEAScore(*_lea_counts(al))


def _blanc(al: Alignment) -> BlancScore:
    key_sizes, response_sizes = al.key_sizes, al.response_sizes
    coref_key = sum(_pairs(n) for n in key_sizes)
    coref_response = sum(_pairs(n) for n in response_sizes)
    coref_common = sum(_pairs(n) for n in al.overlap.values())
    # Non-coreference links present on both sides join two mentions that both sides
    # have, in different key clusters and in different response clusters
    # (inclusion-exclusion over the mentions the two sides share).
    shared_by_key = [0] * len(key_sizes)
    shared_by_response = [0] * len(response_sizes)
    for (i, j), n in al.overlap.items():
        shared_by_key[i] += n
        shared_by_response[j] += n
    noncoref_common = (
        _pairs(sum(shared_by_key))
        - sum(_pairs(n) for n in shared_by_key)
        - sum(_pairs(n) for n in shared_by_response)
        + coref_common
    )
    return BlancScore(
        coref_common=coref_common,
        coref_key=coref_key,
        coref_response=coref_response,
        noncoref_common=noncoref_common,
        noncoref_key=_pairs(sum(key_sizes)) - coref_key,
        noncoref_response=_pairs(sum(response_sizes)) - coref_response,
    )


def _mentions(al: Alignment) -> MentionScore:
    common = sum(al.overlap.values())
    return MentionScore(common, sum(al.key_sizes), common, sum(al.response_sizes))


def _conll(al: Alignment) -> ConllScore:
    return ConllScore(_muc(al), _b_cubed(al), _ceaf_e(al))


# ------------------------------------------------------------------------ public API


def muc(*, key: Clustering, response: Clustering) -> MUCScore:
    """MUC (Vilain et al. 1995): links needed to rebuild each cluster from the other side."""
    return _muc(align(key=key, response=response))


def b_cubed(*, key: Clustering, response: Clustering) -> BCubedScore:
    """B-cubed (Bagga and Baldwin 1998): per-mention overlap of its two clusters."""
    return _b_cubed(align(key=key, response=response))


def ceaf_m(*, key: Clustering, response: Clustering) -> CEAFmScore:
    """Mention-based CEAF (Luo 2005): shared mentions under the optimal cluster alignment."""
    return _ceaf_m(align(key=key, response=response))


def ceaf_e(*, key: Clustering, response: Clustering) -> CEAFeScore:
    """Entity-based CEAF (Luo 2005): phi4 = 2|K & R| / (|K| + |R|), optimally aligned."""
    return _ceaf_e(align(key=key, response=response))


def blanc(*, key: Clustering, response: Clustering) -> BlancScore:
    """BLANC (Recasens and Hovy 2011; Luo et al. 2014) as the reference scorer v8.01."""
    return _blanc(align(key=key, response=response))


def lea(*, key: Clustering, response: Clustering) -> LEAScore:
    """LEA (Moosavi and Strube 2016), as coval computes it."""
    return _lea(align(key=key, response=response))


def mentions(*, key: Clustering, response: Clustering) -> MentionScore:
    """Strict mention detection: mentions present on both sides."""
    return _mentions(align(key=key, response=response))


def conll_f1(*, key: Clustering, response: Clustering) -> ConllScore:
    """CoNLL-2012 score: mean of MUC, B-cubed and CEAF-e F1 (``.f1``)."""
    return _conll(align(key=key, response=response))


_FROM_ALIGNMENT: Mapping[str, Callable[[Alignment], Any]] = MappingProxyType(
    {
        "mentions": _mentions,
        "muc": _muc,
        "bcub": _b_cubed,
        "ceafm": _ceaf_m,
        "ceafe": _ceaf_e,
        "blanc": _blanc,
        "lea": _lea,
        "conll": _conll,
    }
)

METRICS: Mapping[str, Callable[..., Any]] = MappingProxyType(
    {
        "mentions": mentions,
        "muc": muc,
        "bcub": b_cubed,
        "ceafm": ceaf_m,
        "ceafe": ceaf_e,
        "blanc": blanc,
        "lea": lea,
        "conll": conll_f1,
    }
)
"""Metric functions by name (the names used in the test vectors and in ``to_dict``)."""


def score_all(
    *, key: Clustering, response: Clustering, metrics: Iterable[str] | None = None
) -> dict[str, Any]:
    """Every metric of this module, or those named in ``metrics``, by name (see
    :data:`METRICS`), from one alignment."""
    al = align(key=key, response=response)
    if metrics is None:
        return {name: compute(al) for name, compute in _FROM_ALIGNMENT.items()}
    return {name: _FROM_ALIGNMENT[name](al) for name in metrics}
