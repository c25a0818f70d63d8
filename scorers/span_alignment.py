"""Optimal one-to-one alignment of predicted spans to gold spans, by tiers of match quality.

Used by the entity and timex scorers. A predicted span can be aligned to a gold span only
when the two overlap (share a code point). The caller ranks every overlapping pair into a
**tier** (an int >= 1, higher is better: e.g. 4 = same span and type, 1 = overlap only).
The alignment maximises, in this order (lexicographically):

1. the number of aligned pairs in the best tier, then in the next tier, and so on down to
   tier 1;
2. the total overlap of the aligned pairs, in code points.

Remaining ties are broken by the order of the items, which callers sort canonically first,
so the result never depends on the order in which items were given.

The lexicographic order is encoded exactly as one integer weight per pair
(``B**(tier - 1) * S + overlap`` with ``B`` larger than any possible count of pairs and
``S`` larger than any possible total overlap) and solved by Kuhn-Munkres separately on
each connected component of the overlap graph, which keeps the numbers small. The weights
are kept below 2**50 so that the float arithmetic of the solver is exact; in the rare
component too large for that, step 2 (total overlap) is dropped and a tie in step 1 is
broken by item order; a component too large even for the tiers (with 4 tiers, about 5,800
pairs in one component: never seen in news) raises ``ValueError`` rather than lose exactness.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

from .assignment import bipartite_components, max_weight_assignment

__all__ = ["align_spans", "overlap_tie_break_kept"]

Span = tuple[int, int]
# Well inside float64's 2**53 exact integers: the solver's potentials and slacks are sums
# and differences of a few weights.
_EXACT_LIMIT = 2**50


def overlap_tie_break_kept(*, pairs: int, overlap: int, tiers: int) -> bool:
    """Whether a component in which at most ``pairs`` pairs can be aligned, none
    overlapping by more than ``overlap`` code points, is solved with step 2 (the total
    overlap) as well; for larger ones step 2 is dropped (see above)."""
    return (pairs + 1) ** tiers * (pairs * overlap + 1) < _EXACT_LIMIT


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def align_spans(
    *,
    gold: Sequence[Span],
    pred: Sequence[Span],
    tier: Callable[[int, int], int],
    tiers: int,
) -> list[tuple[int, int]]:
    """``(gold index, pred index)`` pairs of the optimal alignment, sorted.

    ``tier(g, p)`` is called for every overlapping pair and must return an int in
    ``1..tiers``. Pairs that do not overlap are never aligned.
    """
    if tiers < 1:
        raise ValueError(f"tiers must be >= 1, got {tiers}")
    edges: dict[tuple[int, int], tuple[int, int]] = {}  # (g, p) -> (tier, overlap)
    # Sweep instead of all G x P pairs: a prediction overlapping [gs, ge) starts before ge
    # and after gs - (longest prediction), a window found by bisection on sorted starts.
    by_start = sorted(range(len(pred)), key=lambda p: pred[p][0])
    starts = [pred[p][0] for p in by_start]
    longest = max((e - s for s, e in pred), default=0)
    for g, gspan in enumerate(gold):
        window = by_start[bisect_right(starts, gspan[0] - longest) : bisect_left(starts, gspan[1])]
        for p in sorted(window):
            pspan = pred[p]
            shared = _overlap(gspan, pspan)
            if shared:
                rank = tier(g, p)
                if type(rank) is not int or not 1 <= rank <= tiers:
                    raise ValueError(f"tier() returned {rank!r}, expected an int in 1..{tiers}")
                edges[g, p] = (rank, shared)

    aligned: list[tuple[int, int]] = []
    for component in bipartite_components(edges):  # edges in (g, p) order: deterministic
        aligned.extend(_solve(component, edges, tiers))
    return sorted(aligned)


def _solve(
    component: list[tuple[int, int]],
    edges: dict[tuple[int, int], tuple[int, int]],
    tiers: int,
) -> list[tuple[int, int]]:
    if len(component) == 1:
        return component
    rows = sorted({g for g, _ in component})
    cols = sorted({p for _, p in component})
    pairs = min(len(rows), len(cols))  # at most this many pairs in any alignment
    base = pairs + 1
    top = base**tiers  # the tier part of a total weight is a base-`base` number below this
    longest = max(shared for _, shared in (edges[e] for e in component))
    span_sum = pairs * longest + 1
    if not overlap_tie_break_kept(pairs=pairs, overlap=longest, tiers=tiers):
        span_sum = 1  # drop the overlap tie-break rather than lose exactness
        if top >= _EXACT_LIMIT:
            raise ValueError(
                f"overlap component of {len(rows)} gold and {len(cols)} predicted spans is "
                "too large to align exactly"
            )
    row_at = {g: i for i, g in enumerate(rows)}
    col_at = {p: j for j, p in enumerate(cols)}
    weights = [[0] * len(cols) for _ in rows]
    for g, p in component:
        rank, shared = edges[g, p]
        weights[row_at[g]][col_at[p]] = base ** (rank - 1) * span_sum + (
            shared if span_sum > 1 else 0
        )
    return [(rows[i], cols[j]) for i, j in max_weight_assignment(weights) if weights[i][j] > 0]
