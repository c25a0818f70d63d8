"""``wiregold.score``: score predictions in one call, from files or from memory.

>>> import wiregold
>>> report = wiregold.score(pred="predictions.jsonl")            # doctest: +SKIP
>>> report = wiregold.score(pred=docs, tasks=("entities",))      # doctest: +SKIP
>>> print(report.signature)                                      # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wiregold.scorers.base import ScoreConfig
    from wiregold.scoring import ScoreReport

Doc = Mapping[str, Any]
PathLike = str | os.PathLike[str]


def load_gold_paths(
    *, gold: PathLike | Iterable[PathLike] | None, data_root: PathLike | None = None
) -> Mapping[str, Doc]:
    """Validated gold documents from files/directories (default: the packaged test split);
    ``data_root``: the directory whose ``seeds/`` they name (default: the package's).

    Raises :class:`wiregold.scoring.InvalidInputError` when a gold file is invalid and
    FileNotFoundError when a path does not exist or holds no document.
    """
    from wiregold import paths
    from wiregold.gold import load_gold
    from wiregold.scoring import InvalidInputError

    if gold is None:
        files = paths.split_files(splits=["test"])
        where = "the packaged test split"
    else:
        given = [gold] if isinstance(gold, str | os.PathLike) else list(gold)
        files = paths.expand(paths=[Path(p) for p in given])
        where = ", ".join(map(str, given))
    if not files:
        raise FileNotFoundError(f"no gold documents (*.json) in {where}")
    loaded = load_gold(files=files, data_root=None if data_root is None else Path(data_root))
    if not loaded.ok:
        raise InvalidInputError("invalid gold documents", loaded.problems)
    return loaded.docs


def _gold_mapping(
    gold: Mapping[str, Doc] | list[Doc], *, data_root: Path | None
) -> Mapping[str, Doc]:
    """Gold given as documents in memory: validated like gold files, keyed by id."""
    from wiregold.scoring import InvalidInputError
    from wiregold.validate import validate_document

    if isinstance(gold, Mapping):
        for key, doc in gold.items():
            if not isinstance(doc, Mapping) or doc.get("id") != key:
                raise ValueError(f"gold[{key!r}] is not the gold document with id {key!r}")
    docs = list(gold.values()) if isinstance(gold, Mapping) else gold
    problems = []
    by_id: dict[str, Doc] = {}
    for index, doc in enumerate(docs):
        found = validate_document(doc=doc, file=f"<gold {index}>", data_root=data_root)
        problems.extend(found)
        if not found and doc["id"] in by_id:
            raise ValueError(f"gold document {doc['id']!r} is given twice")
        if not found:
            by_id[doc["id"]] = doc
    if problems:
        raise InvalidInputError("invalid gold documents", problems)
    return dict(sorted(by_id.items()))


def score(
    *,
    gold: PathLike | Iterable[Any] | Mapping[str, Doc] | None = None,
    pred: PathLike | Iterable[Doc] | Mapping[str, Doc],
    config: ScoreConfig | None = None,
    ignore_unknown_docs: bool = False,
    data_root: PathLike | None = None,
    **settings: Any,
) -> ScoreReport:
    """Check and score predictions; return a :class:`wiregold.scoring.ScoreReport`.

    ``gold``: None (the packaged ``test`` split), a file or directory path (or several),
    or gold documents (a mapping by id, or an iterable). ``pred``: a prediction file
    path (JSON Lines, or one pretty-printed document), a mapping document id ->
    prediction, or an iterable of predictions. ``settings`` override fields of
    ``config`` (default :class:`~wiregold.scorers.base.ScoreConfig`), e.g.
    ``tasks=("entities",)``, ``coref_arguments=True``. ``data_root``: the directory
    holding the ``seeds/`` that the gold documents name (a corpus built on this schema;
    default: the package's).

    Raises :class:`wiregold.scoring.InvalidInputError` (a ValueError listing every
    problem) for invalid predictions or gold, :class:`wiregold.scoring.ConfigError` for
    bad settings.
    """
    from wiregold.predictions import check_predictions, load_predictions
    from wiregold.scorers.base import ScoreConfig
    from wiregold.scoring import ConfigError, InvalidInputError, check_config, score_checked

    config = config if config is not None else ScoreConfig()
    known = [f.name for f in dataclasses.fields(ScoreConfig)]
    unknown = sorted(set(settings) - set(known))
    if unknown:
        raise ConfigError(f"unknown settings {', '.join(unknown)}; known: {', '.join(known)}")
    if isinstance(settings.get("tasks"), list | str):
        tasks = settings["tasks"]
        settings["tasks"] = (tasks,) if isinstance(tasks, str) else tuple(tasks)
    config = check_config(config.with_(**settings))
    root = None if data_root is None else Path(data_root)
    if root is not None and not root.is_dir():
        raise FileNotFoundError(
            f"data_root {root}: no such directory (expected the parent of seeds/)"
        )
    if gold is None or isinstance(gold, str | os.PathLike):
        gold_docs = load_gold_paths(gold=gold, data_root=root)
    elif isinstance(gold, Mapping):
        gold_docs = _gold_mapping(gold, data_root=root)
    else:
        items = list(gold)
        from wiregold.model import Document

        if any(isinstance(doc, Document) for doc in items):
            raise TypeError(  # load_corpus's typed documents: read-only views, not the JSON
                "gold documents in memory are the JSON objects of gold files (dicts), not "
                "wiregold.model.Document: pass gold=None for the packaged split, or the paths"
            )
        if all(isinstance(doc, Mapping) for doc in items):
            gold_docs = _gold_mapping(items, data_root=root)
        else:
            gold_docs = load_gold_paths(gold=items, data_root=root)
    if isinstance(pred, str | os.PathLike):
        path = Path(pred)
        if not path.is_file():
            raise FileNotFoundError(f"no such prediction file: {path}")
        checked = load_predictions(
            path=path, gold=gold_docs, ignore_unknown_docs=ignore_unknown_docs
        )
    else:
        if isinstance(pred, Mapping):  # keyed by document id, as gold may be
            for key, doc in pred.items():
                # doc_id, or id for a gold document given as its own prediction
                named = doc.get("doc_id", doc.get("id")) if isinstance(doc, Mapping) else None
                if named != key:
                    raise ValueError(f"pred[{key!r}] is not the prediction with doc_id {key!r}")
        values = list(pred.values()) if isinstance(pred, Mapping) else list(pred)
        checked = check_predictions(
            preds=values, gold=gold_docs, ignore_unknown_docs=ignore_unknown_docs
        )
    if not checked.ok:
        raise InvalidInputError("invalid predictions", checked.problems)
    return score_checked(
        gold=gold_docs, pred=checked.docs, config=config, unknown_docs=checked.unknown_docs
    )
