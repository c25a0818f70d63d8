"""The ``empty`` baseline: every layer present and empty, the floor of every score."""

from __future__ import annotations

from typing import Any

from wiregold.baselines.inputs import DocumentInput

LAYERS = ("entities", "mentions", "timexes", "hoppers", "events", "casualties", "quotes")


def missing_requirements() -> tuple[str, tuple[str, ...]]:
    return ("nothing", ())


def predict(*, doc: DocumentInput) -> dict[str, Any]:
    return {"doc_id": doc.id, **{layer: [] for layer in LAYERS}}
