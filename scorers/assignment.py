"""Optimal one-to-one assignment (Kuhn-Munkres), shared by every scorer that aligns items.

Pure Python, no numpy: the matrices are small (items of one document) and a dependency
for this alone is not worth it. Callers sort their items canonically first, so that ties
between equally good assignments are broken the same way whatever the input order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def max_weight_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Rows matched to columns one-to-one so that the total weight is maximal.

    Kuhn-Munkres with potentials (shortest augmenting paths), O(rows^2 * cols) with
    rows <= cols; a wider-than-tall matrix is handled by transposing.
    """
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    if rows == 0 or cols == 0:
        return []
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


def bipartite_components(edges: Iterable[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The edges ``(left, right)`` grouped by connected component of the bipartite graph.

    An optimal one-to-one assignment never pairs items of different components, so each
    component can be solved on its own (small matrices instead of one large one). Edges
    keep their input order inside a component, and components are ordered by their first
    edge: the grouping is deterministic for a deterministic input.
    """
    edges = list(edges)
    parent: dict[tuple[bool, int], tuple[bool, int]] = {}

    def find(node: tuple[bool, int]) -> tuple[bool, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]  # path halving
            node = parent[node]
        return node

    for left, right in edges:
        parent[find((False, left))] = find((True, right))
    components: dict[tuple[bool, int], list[tuple[int, int]]] = {}
    for left, right in edges:
        components.setdefault(find((False, left)), []).append((left, right))
    return list(components.values())
