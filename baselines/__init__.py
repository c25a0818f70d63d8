"""Baseline systems for the wiregold tasks (installed as ``wiregold.baselines``).

Three reference points, by name:

* ``empty``: predicts nothing, the floor of every score;
* ``rules``: a rule-based extractor for every layer, built on NLTK's data-free tools
  (:mod:`wiregold.baselines.rules`);
* ``nltk-ne``: NLTK's ``ne_chunk`` for entity mentions only; needs NLTK data that
  wiregold never downloads (:mod:`wiregold.baselines.nltk_ne`).

A baseline reads a :class:`DocumentInput` (id, text, publication date, languages: never
an annotation) and returns one prediction per document, in the format of
``schema/prediction.schema.json``, with offsets on every item. Runs are deterministic.
Importing this package is cheap: a baseline's module (and NLTK) is imported when it runs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from importlib import import_module
from typing import Any

from wiregold.baselines.inputs import DocumentInput, InputError, document_input, read_inputs

__all__ = [
    "BaselineUnavailableError",
    "DocumentInput",
    "InputError",
    "check_available",
    "document_input",
    "names",
    "read_inputs",
    "run",
    "to_jsonl",
]

# name -> module; each module has `predict(*, doc: DocumentInput) -> dict` and
# `missing_requirements() -> tuple[str, tuple[str, ...]]`: what kind of thing it needs
# ("NLTK data") and the names of those missing here (none: it can run).
_MODULES = {
    "empty": "wiregold.baselines.empty",
    "rules": "wiregold.baselines.rules",
    "nltk-ne": "wiregold.baselines.nltk_ne",
}


class BaselineUnavailableError(RuntimeError):
    """A baseline that cannot run here: it lacks ``missing`` (names of ``what``)."""

    def __init__(self, name: str, what: str, missing: Sequence[str], hint: str = "") -> None:
        self.name = name
        self.what = what
        self.missing = tuple(missing)
        message = f"baseline {name!r} needs {what} that is not installed: {', '.join(missing)}"
        super().__init__(f"{message}{'; ' + hint if hint else ''}")


def names() -> tuple[str, ...]:
    """The baselines, in leaderboard order (floor first)."""
    return tuple(_MODULES)


def _module(name: str) -> Any:
    if name not in _MODULES:
        raise ValueError(f"unknown baseline {name!r}; known: {', '.join(_MODULES)}")
    return import_module(_MODULES[name])


def check_available(*, name: str) -> None:
    """Raise BaselineUnavailableError when ``name`` cannot run here (ValueError if unknown)."""
    module = _module(name)
    what, missing = module.missing_requirements()
    if missing:
        raise BaselineUnavailableError(name, what, missing, getattr(module, "INSTALL_HINT", ""))


def run(*, name: str, documents: Iterable[DocumentInput]) -> list[dict[str, Any]]:
    """Predictions of baseline ``name`` for ``documents``, sorted by document id."""
    check_available(name=name)
    predict: Callable[..., dict[str, Any]] = _module(name).predict
    return [predict(doc=doc) for doc in sorted(documents, key=lambda d: d.id)]


def to_jsonl(*, predictions: Iterable[dict[str, Any]]) -> str:
    """JSON Lines, one prediction per line, keys in a fixed order: equal runs, equal bytes."""
    return "".join(json.dumps(p, ensure_ascii=False, sort_keys=True) + "\n" for p in predictions)
