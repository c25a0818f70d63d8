"""Optimal one-to-one assignment (Kuhn-Munkres), shared by every scorer that aligns items.

Pure Python, no numpy: the matrices are small (items of one document) and a dependency
for this alone is not worth it. Callers sort their items canonically first, so that ties
between equally good assignments are broken the same way whatever the input order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import chain


def max_weight_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Rows matched to columns one-to-one so that the total weight is maximal.

    Kuhn-Munkres with potentials (shortest augmenting paths), O(rows^2 * cols) with
    rows <= cols; a wider-than-tall matrix is handled by transposing.
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if rows == 0 or cols == 0:
        return []
    shortcut = _trivial(weights, rows, cols)
    if shortcut is not None:
        return shortcut
    if rows > cols:
        transposed = [list(column) for column in zip(*weights, strict=True)]
        return [(i, j) for j, i in max_weight_assignment(transposed)]
    inf = math.inf
    # 1-based arrays; column 0 is the virtual start of each augmenting path.
    u = [0.0] * (rows + 1)
    v = [0.0] * (cols + 1)
    owner = [0] * (cols + 1)  # owner[j]: row matched to column j (0 = free)
    way = [0] * (cols + 1)
    for row in range(1, rows + 1):
        owner[0] = row
        j0 = 0
        min_slack = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            costs = weights[i0 - 1]
            delta, j1 = inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    slack = -costs[j - 1] - u[i0] - v[j]  # minimise the negated weight
                    if slack < min_slack[j]:
                        min_slack[j], way[j] = slack, j0
                    if min_slack[j] < delta:
                        delta, j1 = min_slack[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    min_slack[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:  # flip the augmenting path
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return [(owner[j] - 1, j - 1) for j in range(1, cols + 1) if owner[j]]


def is_matching(pairs: Iterable[tuple[int, int]]) -> bool:
    """True when no two of the ``(row, column)`` pairs share a row or a column."""
    pairs = list(pairs)
    return len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)


def positive_pairs(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """The pairs of positive weight of :func:`max_weight_assignment`, in its order (by
    column, or by row when there are more rows than columns).

    When no weight is negative and the positive pairs share no row and no column (the
    usual case: each item fits at most one on the other side), every optimal assignment
    holds all of them (they can be completed with zero pairs, and an assignment missing
    one weighs less), so they are the answer without solving.
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    positive = []
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    for i, row in enumerate(weights):
        if len(row) != cols:
            break
        for j, w in enumerate(row):
            if w > 0 and i not in used_rows and j not in used_cols:
                positive.append((i, j))
                used_rows.add(i)
                used_cols.add(j)
            elif w != 0:  # negative (or NaN), or a second positive pair in a row or column
                break
        else:
            continue
        break
    else:
        return positive if rows > cols else sorted(positive, key=lambda pair: pair[1])
    return [(i, j) for i, j in max_weight_assignment(weights) if weights[i][j] > 0]


def _trivial(
    weights: Sequence[Sequence[float]], rows: int, cols: int
) -> list[tuple[int, int]] | None:
    """The solver's own answer for the matrices that need no search, else None.

    Exactly what the loop below returns (most per-document matrices are one of these):
    a single row takes the first column of largest weight (the first strictly smallest
    slack), a single column the first such row (solved transposed); when every weight is
    equal, every slack of an augmenting path ties at zero and row ``i`` takes column
    ``i``. Ragged matrices are left to the loop (and its errors).
    """
    if rows == 1:
        row = weights[0]
        return [(0, row.index(max(row)))]
    if any(len(row) != cols for row in weights):
        return None
    if cols == 1:
        column = [row[0] for row in weights]
        return [(column.index(max(column)), 0)]
    first = weights[0][0]
    if all(w == first for row in weights for w in row):
        return [(i, i) for i in range(min(rows, cols))]
    return None


def bipartite_components(edges: Iterable[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The edges ``(left, right)`` grouped by connected component of the bipartite graph.

    An optimal one-to-one assignment never pairs items of different components, so each
    component can be solved on its own (small matrices instead of one large one). Edges
    keep their input order inside a component, and components are ordered by their first
    edge: the grouping is deterministic for a deterministic input.
    """
    edges = list(edges)
    by_left: dict[int, list[int]] = {}  # node -> the indices of its edges
    by_right: dict[int, list[int]] = {}
    for n, (left, right) in enumerate(edges):
        by_left.setdefault(left, []).append(n)
        by_right.setdefault(right, []).append(n)
    first = [-1] * len(edges)  # per edge: the first edge of its component (-1: not seen)
    for start in range(len(edges)):
        if first[start] >= 0:
            continue
        first[start] = start
        todo = [start]  # edges reached, whose ends are still to visit
        while todo:
            left, right = edges[todo.pop()]
            for other in chain(by_left[left], by_right[right]):
                if first[other] < 0:
                    first[other] = start
                    todo.append(other)
    components: dict[int, list[tuple[int, int]]] = {}
    for n, edge in enumerate(edges):
        components.setdefault(first[n], []).append(edge)
    return list(components.values())
