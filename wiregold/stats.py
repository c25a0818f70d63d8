"""Counts of documents and annotations per split, per layer and per type."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

# layer -> the item fields it is broken down by (in this order)
BREAKDOWNS: dict[str, tuple[str, ...]] = {
    "zones": ("type",),
    "entities": ("type",),
    "mentions": ("type", "kind"),
    "timexes": ("type",),
    "hoppers": (),
    "events": ("type", "realis"),
    "casualties": ("kind",),
    "quotes": ("kind",),
}


def document_counts(*, doc: dict[str, Any]) -> Counter[tuple[str, ...]]:
    """Flat counts of one (valid) document: ``(layer,)`` totals and ``(layer, *values)``."""
    counts: Counter[tuple[str, ...]] = Counter({("documents",): 1})
    for layer, fields in BREAKDOWNS.items():
        items = doc.get(layer, [])
        counts[(layer,)] += len(items)
        if fields:
            counts.update((layer, *(str(item[f]) for f in fields)) for item in items)
    return counts


@dataclass(frozen=True)
class CorpusStats:
    """Flat counts per split; see :func:`document_counts` for the keys."""

    splits: dict[str, Counter[tuple[str, ...]]]

    @classmethod
    def from_documents(cls, *, documents: list[tuple[str, dict[str, Any]]]) -> CorpusStats:
        """Build from ``(split, document)`` pairs."""
        splits: dict[str, Counter[tuple[str, ...]]] = {}
        for split, doc in documents:
            splits.setdefault(split, Counter()).update(document_counts(doc=doc))
        return cls(dict(sorted(splits.items())))

    @property
    def total(self) -> Counter[tuple[str, ...]]:
        return sum(self.splits.values(), Counter())

    def to_dict(self) -> dict[str, Any]:
        return {
            "splits": {name: _nested(counts) for name, counts in self.splits.items()},
            "total": _nested(self.total),
        }

    def to_table(self) -> str:
        """A plain-text table: one row per layer and per type, one column per split."""
        columns = [*self.splits, "total"]
        counters = [*self.splits.values(), self.total]
        rows: list[tuple[str, list[int]]] = []
        for key in _row_keys(self.total):
            label = key[0] if len(key) == 1 else "  " + "/".join(key[1:])
            rows.append((label, [c[key] for c in counters]))
        width = max(len(label) for label, _ in rows)
        cells = [max(6, len(c)) for c in columns]
        lines = [" " * width + "".join(f"  {c:>{w}}" for c, w in zip(columns, cells, strict=True))]
        for label, values in rows:
            lines.append(
                f"{label:<{width}}"
                + "".join(f"  {v:>{w}}" for v, w in zip(values, cells, strict=True))
            )
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """A Markdown table of the totals: one row per layer, its breakdown in one cell."""
        total = self.total
        lines = [
            "| layer | items | breakdown |",
            "|---|---:|---|",
            f"| documents | {total[('documents',)]} | |",
        ]
        for layer in BREAKDOWNS:
            parts = sorted(k for k in total if k[0] == layer and len(k) > 1)
            cell = ", ".join(f"{'/'.join(k[1:])} {total[k]}" for k in parts)
            lines.append(f"| {layer} | {total[(layer,)]} | {cell} |")
        return "\n".join(lines) + "\n"


def _row_keys(total: Counter[tuple[str, ...]]) -> list[tuple[str, ...]]:
    keys: list[tuple[str, ...]] = [("documents",)]
    for layer in BREAKDOWNS:
        keys.append((layer,))
        keys.extend(sorted(k for k in total if k[0] == layer and len(k) > 1))
    return keys


def _nested(counts: Counter[tuple[str, ...]]) -> dict[str, Any]:
    out: dict[str, Any] = {"documents": counts[("documents",)]}
    for layer, fields in BREAKDOWNS.items():
        section: dict[str, Any] = {"total": counts[(layer,)]}
        if fields:
            breakdown: dict[str, Any] = {}
            for key in sorted(k for k in counts if k[0] == layer and len(k) > 1):
                node = breakdown
                for part in key[1:-1]:
                    node = node.setdefault(part, {})
                node[key[-1]] = counts[key]
            section["by_" + "_".join(fields)] = breakdown
        out[layer] = section
    return out
