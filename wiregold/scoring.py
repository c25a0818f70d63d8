"""Scoring predictions against the gold: the layer scorers, per document, then summed.

:func:`score` checks the configuration and the predictions, then for every gold
document (in sorted id order):

1. takes the document's prediction, or an empty one (``{"doc_id": id}``) when the system
   predicted nothing for it (listed in ``missing_docs``);
2. removes the predicted items that lie in unannotated zones (:mod:`wiregold.scope`),
   counting them in ``out_of_scope``;
3. asks each layer scorer of ``config.tasks`` for the document's counts.

Totals are the per-document counts added with ``+`` in sorted document-id order (micro
average over the corpus); the per-document counts are kept for bootstrap and error
analysis. The report carries a signature of everything that can change its numbers
(:mod:`wiregold.signature`).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from functools import cached_property
from itertools import chain
from types import MappingProxyType, ModuleType
from typing import Any

from wiregold import __version__
from wiregold.problems import Problem, counted
from wiregold.scorers import registry
from wiregold.scorers.base import NORMALIZATION_VERSION, ErrorItem, OutOfScope, ScoreConfig
from wiregold.scorers.merging import error_order
from wiregold.signature import gold_digest, signature

__all__ = [
    "ConfigError",
    "InvalidInputError",
    "ScoreReport",
    "check_config",
    "corpus_version",
    "score",
    "score_checked",
]

Doc = Mapping[str, Any]
# Settings that are ratios (thresholds, credits); other numeric settings are the layers' to check.
_RATIOS = ("quote_overlap", "partial_credit")
_SCORED_BY = ("by_span", "by_text")


class ConfigError(ValueError):
    """A setting no scorer accepts (unknown task, ratio outside [0, 1], ...)."""


class InvalidInputError(ValueError):
    """Predictions (or gold documents) that fail their checks; ``problems`` lists them all."""

    def __init__(self, what: str, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:10])
        more = f"\n  ... and {len(self.problems) - 10} more" if len(self.problems) > 10 else ""
        super().__init__(f"{what}: {counted(len(self.problems), 'problems')}\n{shown}{more}")


def _is_ratio(value: Any) -> bool:
    return (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and 0 <= value <= 1
    )


def check_config(config: ScoreConfig) -> ScoreConfig:
    """The configuration with its tasks in canonical (registry) order; ConfigError if bad.

    Checks what every layer relies on: known, distinct tasks; the normalisation version
    this package implements (a signature must not claim another one); booleans are
    booleans and ratios lie in [0, 1]. Each selected layer then builds its neutral counts
    (``empty``), where a layer rejects settings of its own.
    """
    if not isinstance(config, ScoreConfig):
        raise ConfigError(f"config must be a ScoreConfig, not {type(config).__name__}")
    tasks = config.tasks
    if isinstance(tasks, str) or not isinstance(tasks, tuple) or not tasks:
        raise ConfigError(f"tasks must be a non-empty tuple of layer names, got {tasks!r}")
    known = registry.names()
    for task in tasks:
        if task not in known:
            raise ConfigError(f"unknown task {task!r}; known tasks: {', '.join(known)}")
    if len(set(tasks)) != len(tasks):
        raise ConfigError(f"tasks must be distinct, got {', '.join(tasks)}")
    if config.normalization != NORMALIZATION_VERSION:
        raise ConfigError(
            f"normalization {config.normalization!r} is not implemented by this version "
            f"(it implements {NORMALIZATION_VERSION!r})"
        )
    for field in fields(config):
        value = getattr(config, field.name)
        if field.type in ("bool", bool) and not isinstance(value, bool):
            raise ConfigError(f"{field.name} must be true or false, got {value!r}")
        if field.name in _RATIOS and not _is_ratio(value):
            raise ConfigError(f"{field.name} must be a number in [0, 1], got {value!r}")
    if not isinstance(config.labels, str) or not config.labels:
        raise ConfigError(f"labels must be a preset name, got {config.labels!r}")
    config = config.with_(tasks=tuple(t for t in known if t in tasks))
    for task in config.tasks:
        try:
            registry.get(task).empty(config=config)
        except registry.LayerUnavailableError:
            raise
        except ValueError as err:
            raise ConfigError(f"{task}: {err}") from None
    return config


def corpus_version(*, versions: Iterable[str]) -> str:
    """The corpus version(s) of the gold documents: one, or several joined by '+'."""
    distinct = sorted(set(versions))
    return "+".join(distinct) if distinct else "none"


@dataclass(frozen=True)
class ScoreReport:
    """The result of :func:`score`: counts per layer, summed and per document.

    ``totals`` maps each task (in ``config.tasks`` order) to its summed counts, with the
    error items of all documents when they were asked for; ``doc_ids`` are the gold
    documents scored (sorted); ``documents`` maps each of them to its per-layer counts
    when they were kept (:func:`score` keeps them; the command line's streaming scorer,
    :mod:`wiregold.stream`, keeps only the sums, so that memory does not grow with the
    corpus, and leaves it empty).
    """

    config: ScoreConfig
    totals: Mapping[str, Any]
    doc_ids: tuple[str, ...]
    documents: Mapping[str, Mapping[str, Any]]
    out_of_scope: OutOfScope
    out_of_scope_items: tuple[ErrorItem, ...]
    missing_docs: tuple[str, ...]
    unknown_docs: tuple[str, ...]
    gold_sha256: str
    corpus_version: str
    package_version: str
    signature: str

    @cached_property
    def scored_by(self) -> Mapping[str, Mapping[str, int]]:
        """Per layer, how many predicted items were scored by span and by text, from the
        counts' ``by_span``/``by_text`` fields (or ``<items>_by_span``/``<items>_by_text``,
        e.g. ``triggers_by_span``); layers that report none are absent."""
        found = {}
        for layer, counts in self.totals.items():
            names = [f.name for f in fields(counts)] if is_dataclass(counts) else []
            items = {
                name: getattr(counts, name)
                for name in names
                if (name in _SCORED_BY or name.endswith(tuple("_" + n for n in _SCORED_BY)))
                and type(getattr(counts, name)) is int
            }
            if items:
                found[layer] = MappingProxyType(items)
        return MappingProxyType(found)

    def to_dict(self, *, errors: bool = False) -> dict[str, Any]:
        """What ``wiregold score --format json`` prints, as a dict (with ``errors``: the
        error items too, as with ``--errors``)."""
        from wiregold.report import to_json_dict

        return to_json_dict(self, errors=errors)

    @cached_property
    def errors(self) -> tuple[ErrorItem, ...]:
        """Every error item of every document and layer, out-of-scope items included,
        sorted by document, layer, category, gold and prediction."""
        items = list(self.out_of_scope_items)
        for counts in self.totals.values():
            items.extend(getattr(counts, "errors", ()))
        return tuple(sorted(items, key=error_order))


def _check_gold(gold: Mapping[str, Doc]) -> None:
    if not isinstance(gold, Mapping) or not gold:
        raise ValueError("gold must be a non-empty mapping of document id -> gold document")
    for doc_id, doc in gold.items():
        if not isinstance(doc, Mapping) or doc.get("id") != doc_id:
            found = doc.get("id") if isinstance(doc, Mapping) else type(doc).__name__
            raise ValueError(f"gold[{doc_id!r}] is not the gold document {doc_id!r} ({found!r})")


def _pred_values(pred: Mapping[str, Doc]) -> list[Doc]:
    if not isinstance(pred, Mapping):
        raise ValueError("pred must be a mapping of document id -> prediction")
    values = []
    for doc_id in sorted(pred):
        doc = pred[doc_id]
        own = doc.get("doc_id", doc.get("id")) if isinstance(doc, Mapping) else None
        if own != doc_id:
            raise ValueError(f"pred[{doc_id!r}] is a prediction for document {own!r}")
        values.append(doc)
    return values


def score(
    *,
    gold: Mapping[str, Doc],
    pred: Mapping[str, Doc],
    config: ScoreConfig,
    ignore_unknown_docs: bool = False,
) -> ScoreReport:
    """Score predictions (document id -> prediction) against validated gold documents.

    The predictions are checked first (:func:`wiregold.predictions.check_predictions`);
    any problem raises :class:`InvalidInputError`. Predictions for documents that are not
    in the gold are a problem unless ``ignore_unknown_docs`` (then they are skipped and
    listed in ``unknown_docs``). Raises :class:`ConfigError` for a bad configuration.
    """
    from wiregold.predictions import check_predictions

    config = check_config(config)
    _check_gold(gold)
    checked = check_predictions(
        preds=_pred_values(pred), gold=gold, ignore_unknown_docs=ignore_unknown_docs
    )
    if not checked.ok:
        raise InvalidInputError("invalid predictions", checked.problems)
    return score_checked(
        gold=gold, pred=checked.docs, config=config, unknown_docs=checked.unknown_docs
    )


def _count_chunk(
    work: Sequence[tuple[str, Doc, Doc]], *, config: ScoreConfig
) -> list[tuple[dict[str, Any], OutOfScope, tuple[ErrorItem, ...]]]:
    """Per document of ``work`` (id, gold, prediction): the counts of every task, and
    what was out of scope. Top level: run in worker processes by ``jobs``."""
    from wiregold.scope import restrict

    modules = {task: registry.get(task) for task in config.tasks}
    found = []
    for doc_id, gold_doc, pred_doc in work:
        scoped = restrict(gold=gold_doc, pred=pred_doc, doc_id=doc_id)
        counts = {
            task: module.count(gold=gold_doc, pred=scoped.pred, config=config)
            for task, module in modules.items()
        }
        found.append((counts, scoped.out_of_scope, scoped.items))
    return found


def _tree_sum(items: list[Any]) -> Any:
    """``items[0] + items[1] + ...`` added pairwise, in order (a balanced tree).

    Used for the error lists of the totals only: a layer's ``+`` merges them as sorted
    lists, the same result in any grouping, but a left fold over many documents copies
    the growing list once per document (quadratic); pairwise it is O(n log n). Counts
    themselves are still added left to right (float sums depend on the grouping).
    """
    while len(items) > 1:
        pairs = [items[i] + items[i + 1] for i in range(0, len(items) - 1, 2)]
        items = pairs + items[len(items) - len(items) % 2 :]
    return items[0]


def score_checked(
    *,
    gold: Mapping[str, Doc],
    pred: Mapping[str, Doc],
    config: ScoreConfig,
    unknown_docs: Iterable[str],
    jobs: int = 1,
) -> ScoreReport:
    """:func:`score` for predictions already checked against this gold (the CLI checks
    them while reading the file, with line numbers) and a checked configuration.

    ``jobs`` > 1 counts contiguous ranges of the sorted document ids in that many
    processes; the counts are added in sorted document order all the same, so the
    report is identical to one process's. They are added as the streaming scorer adds
    them (:mod:`wiregold.stream`): per run of ``CHUNK_FILES`` documents, then run by run,
    so that float sums (some coreference numerators) come out the same, to the last bit,
    as ``wiregold score`` on the same documents.
    """
    from wiregold.parallel import chunked, map_chunks
    from wiregold.stream import CHUNK_FILES

    modules: dict[str, ModuleType] = {task: registry.get(task) for task in config.tasks}
    totals = {task: module.empty(config=config) for task, module in modules.items()}
    documents: dict[str, Mapping[str, Any]] = {}
    out_of_scope = OutOfScope({task: 0 for task in config.tasks})
    out_of_scope_items: list[ErrorItem] = []
    with_errors: dict[str, list[Any]] = {task: [] for task in config.tasks}
    work = [(doc_id, gold[doc_id], pred.get(doc_id, {"doc_id": doc_id})) for doc_id in sorted(gold)]
    counted = chain.from_iterable(
        map_chunks(_count_chunk, chunked(work, jobs=jobs), jobs=jobs, config=config)
    )
    run = dict(totals)
    for number, ((doc_id, _, _), (found, scoped_out, scoped_items)) in enumerate(
        zip(work, counted, strict=True), start=1
    ):
        per_layer = {}
        for task in modules:
            counts = found[task]
            per_layer[task] = counts
            if getattr(counts, "errors", None):
                with_errors[task].append(counts)
                counts = replace(counts, errors=())
            run[task] = run[task] + counts
        if number % CHUNK_FILES == 0 or number == len(work):
            totals = {task: totals[task] + run[task] for task in modules}
            run = {task: module.empty(config=config) for task, module in modules.items()}
        documents[doc_id] = MappingProxyType(per_layer)
        by_layer = {k: v for k, v in scoped_out.by_layer.items() if k in modules}
        out_of_scope = out_of_scope + OutOfScope(by_layer)
        out_of_scope_items.extend(item for item in scoped_items if item.layer in modules)
    for task, counts_list in with_errors.items():
        if counts_list:
            empty = modules[task].empty(config=config)
            leaves = [empty, *(replace(empty, errors=c.errors) for c in counts_list)]
            totals[task] = replace(totals[task], errors=_tree_sum(leaves).errors)
    return signed_report(
        config=config,
        totals=totals,
        doc_ids=tuple(documents),
        documents=MappingProxyType(documents),
        out_of_scope=out_of_scope,
        out_of_scope_items=out_of_scope_items,
        missing_docs=tuple(sorted(set(gold) - set(pred))),
        unknown_docs=tuple(sorted(unknown_docs)),
        gold_hash=gold_digest(gold=gold),
        version=corpus_version(
            versions=(str(doc["metadata"]["corpus_version"]) for doc in gold.values())
        ),
    )


def signed_report(
    *,
    config: ScoreConfig,
    totals: dict[str, Any],
    doc_ids: tuple[str, ...],
    documents: Mapping[str, Mapping[str, Any]],
    out_of_scope: OutOfScope,
    out_of_scope_items: Iterable[ErrorItem],
    missing_docs: tuple[str, ...],
    unknown_docs: tuple[str, ...],
    gold_hash: str,
    version: str,
) -> ScoreReport:
    """The report of summed counts, with its signature (in memory and streamed alike)."""
    return ScoreReport(
        config=config,
        totals=MappingProxyType(totals),
        doc_ids=doc_ids,
        documents=documents,
        out_of_scope=OutOfScope(
            {task: out_of_scope.by_layer.get(task, 0) for task in config.tasks}
        ),
        out_of_scope_items=tuple(sorted(out_of_scope_items, key=error_order)),
        missing_docs=missing_docs,
        unknown_docs=unknown_docs,
        gold_sha256=gold_hash,
        corpus_version=version,
        package_version=__version__,
        signature=signature(
            config=config,
            gold_hash=gold_hash,
            corpus_version=version,
            package_version=__version__,
        ),
    )
