"""A tiny layer scorer that follows the protocol of scorers/base.py, for testing the core
(predictions, zones, orchestration, reports, CLI) independently of the real layers.

It scores mentions: exact ``(start, end, type)`` for items with offsets, distinct
normalised strings for text-only items; kind accuracy on matched mentions; and the
absolute error of the number of mentions per document. ``fake_registry`` registers it
as layer ``fake``.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from wiregold.scorers import registry
from wiregold.scorers.base import (
    PRF,
    AbsoluteError,
    Accuracy,
    ErrorItem,
    Row,
    ScoreConfig,
    normalize_text,
    render_span,
    span_of,
)

NAME = "fake"
REJECTED_LABELS = "rejected-by-fake"  # a labels value this layer refuses in empty()


@dataclass(frozen=True)
class FakeCounts:
    mentions: PRF = field(default_factory=PRF)
    kind: Accuracy = field(default_factory=Accuracy)
    count_error: AbsoluteError = field(default_factory=AbsoluteError)
    by_type: dict[str, PRF] = field(default_factory=dict)
    by_span: int = 0
    by_text: int = 0
    errors: tuple[ErrorItem, ...] = ()

    def __add__(self, other: FakeCounts) -> FakeCounts:
        types = sorted(set(self.by_type) | set(other.by_type))
        return FakeCounts(
            self.mentions + other.mentions,
            self.kind + other.kind,
            self.count_error + other.count_error,
            {t: self.by_type.get(t, PRF()) + other.by_type.get(t, PRF()) for t in types},
            self.by_span + other.by_span,
            self.by_text + other.by_text,
            self.errors + other.errors,
        )

    def rows(self) -> list[Row]:
        return [
            Row("mentions", self.mentions),
            Row("kind accuracy", self.kind),
            Row("count error", self.count_error),
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "totals": {
                "mentions": self.mentions.to_dict(),
                "kind": self.kind.to_dict(),
                "count_error": self.count_error.to_dict(),
            },
            "breakdowns": {"type": {t: prf.to_dict() for t, prf in self.by_type.items()}},
            "errors": [e.to_dict() for e in self.errors],
        }


def empty(*, config: ScoreConfig) -> FakeCounts:
    if config.labels == REJECTED_LABELS:
        raise ValueError(f"the fake layer does not accept labels {config.labels!r}")
    return FakeCounts()


def count(*, gold: Any, pred: Any, config: ScoreConfig, errors: bool = True) -> FakeCounts:
    doc_id = gold["id"]
    gold_items = {(m["start"], m["end"], m["type"]): m for m in gold["mentions"]}
    spanned = [m for m in pred.get("mentions", []) if span_of(m) is not None]
    texted = [m for m in pred.get("mentions", []) if span_of(m) is None]
    pred_items = {(m["start"], m["end"], m["type"]): m for m in spanned}
    listed = []
    for key in sorted(set(gold_items) - set(pred_items)):
        listed.append(ErrorItem(NAME, doc_id, "missed", render_span(gold_items[key])))
    for key in sorted(set(pred_items) - set(gold_items)):
        listed.append(ErrorItem(NAME, doc_id, "spurious", None, render_span(pred_items[key])))
    matched = set(gold_items) & set(pred_items)
    gold_strings = {normalize_text(m["text"]) for m in gold["mentions"]}
    pred_strings = {normalize_text(m["text"]) for m in texted}
    for text in sorted(pred_strings - gold_strings):
        listed.append(ErrorItem(NAME, doc_id, "spurious_text", None, repr(text)))
    text_correct = len(pred_strings & gold_strings)
    types = sorted({k[2] for k in gold_items} | {k[2] for k in pred_items})
    by_type = {
        t: PRF(
            len([k for k in matched if k[2] == t]),
            len([k for k in pred_items if k[2] == t]),
            len([k for k in gold_items if k[2] == t]),
        )
        for t in types
    }
    agreed = sum(1 for k in matched if gold_items[k].get("kind") == pred_items[k].get("kind"))
    n_pred = len(pred_items) + len(pred_strings)
    return FakeCounts(
        mentions=PRF(len(matched) + text_correct, n_pred, len(gold_items)),
        kind=Accuracy(agreed, len(matched)),
        count_error=AbsoluteError(abs(n_pred - len(gold_items)), 1),
        by_type=by_type,
        by_span=len(spanned),
        by_text=len(texted),
        errors=tuple(listed) if errors else (),
    )


@pytest.fixture
def fake_registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScoreConfig]:
    """Register this module as layer ``fake``; yield a config that scores only it."""
    monkeypatch.setitem(sys.modules, "fake_layer", sys.modules[__name__])
    monkeypatch.setitem(registry.LAYERS, "fake", "fake_layer")
    yield ScoreConfig(tasks=("fake",))
