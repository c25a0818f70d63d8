"""Checking and scoring a corpus as a stream: one document in memory at a time.

What ``wiregold score`` and ``wiregold validate --pred`` run. The in-memory API
(:func:`wiregold.scoring.score`) holds every gold document and prediction; at corpus
scale that is gigabytes, so the command line instead:

1. **indexes the prediction file** (:func:`index_predictions`): one pass over its lines
   that notes where each line starts and which document it names, without parsing
   it (a line that starts ``{"doc_id": "..."`` names its document; any other line is
   parsed to find out). A document's first prediction is *paired* with it; every other
   line (a second prediction for a document, one that names no document) is checked
   at the end;
2. **reads the gold files in fixed chunks** (:data:`CHUNK_FILES` files, in sorted path
   order; ``--jobs N`` hands the chunks to N processes). For each gold file: read and
   validate it, find its prediction through the index, parse and check that line with
   its line number, remove what lies out of scope, count every layer, add the counts to
   the chunk's sums, and drop the document. A chunk returns only sums, problems and a
   digest per document;
3. adds the chunk sums in chunk order (so ``--jobs N`` does the same additions, in the
   same order, as one process: the output is byte-identical) and checks the leftovers:
   predictions for unknown documents, second predictions, lines that name no document.

Problems are the same as :func:`wiregold.predictions.load_predictions` and
:func:`wiregold.gold.load_gold` report, in line order. Memory: the index (a few dozen
bytes per line), one chunk of documents per process, and the sums; error items only
when they are asked for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType
from typing import Any

from wiregold import jsonio
from wiregold.problems import Problem
from wiregold.scorers.base import ErrorItem, OutOfScope, ScoreConfig

__all__ = ["CHUNK_FILES", "PredIndex", "StreamResult", "index_predictions", "run"]

# Gold files per chunk: fixed (not derived from --jobs), so that the sums are added in
# the same groups whatever the number of processes.
CHUNK_FILES = 64
# A JSON Lines record that starts with its document id, the layout every writer we know
# uses: the id is read without parsing the line. Only a plain string (no escapes) is
# taken this way; anything else is parsed. The strict parse of the record later checks
# the whole line (a second "doc_id" key, an "id" that disagrees) all the same.
_LEADING_ID = re.compile(rb'[ \t]*\{[ \t]*"doc_id"[ \t]*:[ \t]*"([^"\\\x00-\x1f]*)"[ \t]*[,}]')


@dataclass(frozen=True)
class Line:
    """Where a prediction line is in its file: 1-based line number, byte offset, length."""

    line: int
    offset: int
    length: int


@dataclass
class PredIndex:
    """The lines of a prediction file: each document's first prediction (``paired``),
    the other lines (``others``), and what could not be read at all (``problems``).

    An entry is a :class:`Line`, or a parsed :class:`~wiregold.predictions.Record` when
    the file is not JSON Lines (one pretty-printed document) and was read whole.
    """

    source: str
    paired: dict[str, Any] = field(default_factory=dict)
    others: list[Any] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _named_id(raw: bytes) -> str | None:
    """The document a JSON Lines record names (``doc_id``, else ``id``), if it names one."""
    match = _LEADING_ID.match(raw)
    if match:
        try:
            return match.group(1).decode("utf-8")
        except UnicodeDecodeError:
            return None  # the strict parse reports the bytes
    try:
        return _value_id(json.loads(raw))
    except (ValueError, RecursionError):
        return None


def index_predictions(*, path: Path, max_bytes: int | None = None) -> PredIndex:
    """Index a prediction file (see the module docstring); an unreadable file is a problem."""
    from wiregold.predictions import _bounded_lines, _too_long, iter_records

    source = str(path)
    limit = jsonio.MAX_BYTES if max_bytes is None else max_bytes
    index = PredIndex(source=source)
    try:
        with path.open("rb") as handle:
            lines = _bounded_lines(handle, limit)
            offset, content = 0, False
            for number, raw in enumerate(lines, start=1):
                end = handle.tell()
                if not isinstance(raw, bytes):
                    index.problems.append(_too_long(raw, source=source, number=number, limit=limit))
                elif raw.strip():
                    if not content and not _complete_line(raw, source=source, limit=limit):
                        break  # not JSON Lines after all: read as iter_records does
                    content = True
                    entry = Line(number, offset, len(raw))
                    doc_id = _named_id(raw)
                    if doc_id is not None and doc_id not in index.paired:
                        index.paired[doc_id] = entry
                    else:
                        index.others.append(entry)
                offset = end
            else:
                if content:
                    return index
        # No content (an empty or blank file), or a first line that is not a complete
        # JSON object: the record reader decides (one pretty-printed document, or JSON
        # Lines with a broken first line) and says what is wrong, reading it whole.
        index = PredIndex(source=source)
        with path.open("rb") as handle:
            for item in iter_records(stream=handle, source=source, max_bytes=max_bytes):
                if isinstance(item, Problem):
                    index.problems.append(item)
                    continue
                doc_id = _value_id(item.value)
                if doc_id is not None and doc_id not in index.paired:
                    index.paired[doc_id] = item
                else:
                    index.others.append(item)
    except OSError as err:
        message = f"cannot read file: {err.strerror or err}"
        index.problems.append(Problem(source, "", message, "a readable file"))
    return index


def _value_id(value: Any) -> str | None:
    """The document id a parsed record names (``doc_id``, else ``id``), if any."""
    if isinstance(value, dict):
        for key in ("doc_id", "id"):
            if isinstance(value.get(key), str):
                return value[key]
    return None


def _complete_line(raw: bytes, *, source: str, limit: int) -> bool:
    """Is this first line a JSON value on its own (as iter_records decides)?"""
    from wiregold.predictions import _line_record

    try:
        _line_record(raw, number=1, source=source, limit=limit)
    except jsonio.JsonError:
        return False
    return True


def _entry_record(entry: Any, *, handle: Any, source: str, limit: int) -> Any:
    """The record (or the problem) an index entry stands for, read from the open file."""
    from wiregold.predictions import _line_record

    if not isinstance(entry, Line):
        return entry
    handle.seek(entry.offset)
    raw = handle.read(entry.length)
    try:
        return _line_record(raw, number=entry.line, source=source, limit=limit)
    except jsonio.JsonError as err:
        return err.problem(line_offset=entry.line - 1)


# ------------------------------------------------------------------------------ chunks


@dataclass(frozen=True)
class Shared:
    """What every chunk reads (sent to each worker process once)."""

    index: PredIndex
    config: ScoreConfig | None  # None: check only, count nothing
    errors: bool
    data_root: Path | None
    ignore_unknown_docs: bool
    max_bytes: int | None


@dataclass
class _Chunk:
    """What one chunk of gold files gives back: sums, problems, and per-document facts."""

    gold: list[tuple[str, str]] = field(default_factory=list)  # (path, doc id)
    gold_problems: list[Problem] = field(default_factory=list)
    pred_problems: list[Problem] = field(default_factory=list)
    read: int = 0  # prediction records parsed
    claimed: list[str] = field(default_factory=list)  # documents with a prediction
    digests: list[tuple[str, str]] = field(default_factory=list)
    versions: set[str] = field(default_factory=set)
    totals: dict[str, Any] | None = None
    out_of_scope: OutOfScope = field(default_factory=OutOfScope)
    errors: list[ErrorItem] = field(default_factory=list)  # of the layers
    scope_items: list[ErrorItem] = field(default_factory=list)  # taken out of scope


def _chunk(files: Sequence[Path], *, shared: Shared) -> _Chunk:
    """Read, check and count the gold files of one chunk (top level: run by --jobs)."""
    from wiregold.gold import read_gold_file
    from wiregold.predictions import _Collector
    from wiregold.signature import document_digest

    index, config = shared.index, shared.config
    limit = jsonio.MAX_BYTES if shared.max_bytes is None else shared.max_bytes
    out = _Chunk()
    modules = {}
    if config is not None:
        from wiregold.scorers import registry

        modules = {task: registry.get(task) for task in config.tasks}
        out.totals = {task: module.empty(config=config) for task, module in modules.items()}
    with open(index.source, "rb") if index.paired else _NoFile() as handle:
        for path in files:
            problems, doc = read_gold_file(path=path, data_root=shared.data_root)
            if doc is None:
                out.gold_problems.extend(problems)
                continue
            doc_id = doc["id"]
            out.gold.append((str(path), doc_id))
            if config is not None:  # the gold hash is for the report's signature only
                out.digests.append((doc_id, document_digest(doc=doc)))
            out.versions.add(str(doc["metadata"]["corpus_version"]))
            pred: Mapping[str, Any] = {"doc_id": doc_id}
            entry = index.paired.get(doc_id)
            if entry is not None:
                record = _entry_record(entry, handle=handle, source=index.source, limit=limit)
                collector = _Collector(
                    source=index.source,
                    gold={doc_id: doc},
                    ignore_unknown_docs=shared.ignore_unknown_docs,
                )
                collector.add(record)
                out.read += collector.read
                if doc_id in collector.first_line:  # not when the record's ids disagree
                    out.claimed.append(doc_id)
                out.pred_problems.extend(collector.problems)
                pred = collector.docs.get(doc_id, pred)
            if modules and not out.pred_problems and not out.gold_problems:
                _count(out, doc_id=doc_id, gold=doc, pred=pred, modules=modules, shared=shared)
    return out


class _NoFile:
    """Stands in for the prediction file when nothing is paired (nothing to read)."""

    def __enter__(self) -> _NoFile:
        return self

    def __exit__(self, *_: object) -> None:
        return None


def _count(
    out: _Chunk,
    *,
    doc_id: str,
    gold: Mapping[str, Any],
    pred: Mapping[str, Any],
    modules: Mapping[str, Any],
    shared: Shared,
) -> None:
    """Add one document's counts to the chunk's sums (error items kept aside)."""
    from wiregold.scope import restrict

    assert out.totals is not None and shared.config is not None
    scoped = restrict(gold=gold, pred=pred, doc_id=doc_id)
    for task, module in modules.items():
        counts = module.count(
            gold=gold, pred=scoped.pred, config=shared.config, errors=shared.errors
        )
        if getattr(counts, "errors", ()):
            out.errors.extend(counts.errors)
            counts = replace(counts, errors=())
        out.totals[task] = out.totals[task] + counts
    layers = scoped.out_of_scope.by_layer
    if layers:
        out.out_of_scope = out.out_of_scope + OutOfScope(
            {k: v for k, v in layers.items() if k in modules}
        )
    if shared.errors:
        out.scope_items.extend(item for item in scoped.items if item.layer in modules)


# -------------------------------------------------------------------------------- run


@dataclass(frozen=True)
class StreamResult:
    """The outcome of :func:`run`: gold problems (then nothing else was checked), or the
    checked predictions (a :class:`~wiregold.predictions.PredictionSet` without
    documents) and, when counting was asked for and there was no problem, the report."""

    gold_files: int
    gold_problems: tuple[Problem, ...]
    predictions: Any  # PredictionSet | None
    report: Any  # ScoreReport | None


def run(
    *,
    gold_files: Sequence[Path],
    pred: Path,
    config: ScoreConfig | None,
    errors: bool = False,
    data_root: Path | None = None,
    ignore_unknown_docs: bool = False,
    jobs: int = 1,
    max_bytes: int | None = None,
) -> StreamResult:
    """Check (and with a ``config``, score) the prediction file ``pred`` against the gold
    files, streaming (see the module docstring). ``config`` must be checked already
    (:func:`wiregold.scoring.check_config`); ``errors`` keeps every error item."""
    from wiregold.gold import duplicate_id
    from wiregold.parallel import map_chunks

    index = index_predictions(path=pred, max_bytes=max_bytes)
    shared = Shared(index, config, errors, data_root, ignore_unknown_docs, max_bytes)
    files = sorted(gold_files)
    chunks = [files[i : i + CHUNK_FILES] for i in range(0, len(files), CHUNK_FILES)]
    where: dict[str, str] = {}
    gold_problems: list[Problem] = []
    pred_problems: list[Problem] = list(index.problems)
    read, digests, versions, claimed = 0, [], set(), set()
    totals = None
    if config is not None:
        from wiregold.scorers import registry

        totals = {task: registry.get(task).empty(config=config) for task in config.tasks}
    out_of_scope = OutOfScope({task: 0 for task in config.tasks} if config else {})
    error_items: list[ErrorItem] = []
    scope_items: list[ErrorItem] = []
    for chunk in map_chunks(_chunk, chunks, jobs=jobs, shared=shared):
        for path, doc_id in chunk.gold:
            if doc_id in where:
                gold_problems.append(duplicate_id(path=path, doc_id=doc_id, first=where[doc_id]))
            else:
                where[doc_id] = path
        gold_problems.extend(chunk.gold_problems)
        pred_problems.extend(chunk.pred_problems)
        read += chunk.read
        claimed.update(chunk.claimed)
        digests.extend(chunk.digests)
        versions |= chunk.versions
        if totals is not None and chunk.totals is not None:
            totals = {task: totals[task] + chunk.totals[task] for task in totals}
            out_of_scope = out_of_scope + chunk.out_of_scope
            error_items.extend(chunk.errors)
            scope_items.extend(chunk.scope_items)
    if gold_problems:
        return StreamResult(len(files), tuple(_gold_order(gold_problems, files)), None, None)
    checked = _leftovers(
        index, gold_ids=where, claimed=claimed, shared=shared, problems=pred_problems, read=read
    )
    report = None
    if config is not None and totals is not None and checked.ok:
        report = _report(
            config=config,
            totals=totals,
            doc_ids=tuple(sorted(where)),
            missing=checked.missing_docs,
            unknown=checked.unknown_docs,
            out_of_scope=out_of_scope,
            error_items=error_items,
            scope_items=scope_items,
            digests=digests,
            versions=versions,
        )
    return StreamResult(len(files), (), checked, report)


def _gold_order(problems: list[Problem], files: list[Path]) -> list[Problem]:
    """Gold problems by file (in the order the files were read), line within a file."""
    rank = {str(path): i for i, path in enumerate(files)}
    return sorted(problems, key=lambda p: (rank.get(p.file, len(rank)), p.line))


def _leftovers(
    index: PredIndex,
    *,
    gold_ids: Mapping[str, str],
    claimed: set[str],
    shared: Shared,
    problems: list[Problem],
    read: int,
) -> Any:
    """The checked predictions: the chunks' findings, plus the predictions no gold file
    claimed (unknown documents, second predictions, records that name no document)."""
    from wiregold.predictions import PredictionSet, _Collector

    collector = _Collector(
        source=index.source,
        gold=_GoldFiles(gold_ids, data_root=shared.data_root),
        ignore_unknown_docs=shared.ignore_unknown_docs,
    )
    collector.first_line = {doc_id: index.paired[doc_id].line for doc_id in claimed}
    unclaimed = [entry for doc_id, entry in index.paired.items() if doc_id not in gold_ids]
    limit = jsonio.MAX_BYTES if shared.max_bytes is None else shared.max_bytes
    entries = sorted(unclaimed + index.others, key=lambda e: e.line)
    with open(index.source, "rb") if entries else _NoFile() as handle:
        for entry in entries:
            collector.add(_entry_record(entry, handle=handle, source=index.source, limit=limit))
    found = collector.result()
    everything = sorted([*problems, *found.problems], key=lambda p: p.line)
    return PredictionSet(
        source=index.source,
        docs=MappingProxyType({}),
        problems=tuple(everything),
        read=read + found.read,
        unknown_docs=found.unknown_docs,
        missing_docs=tuple(sorted(set(gold_ids) - set(collector.first_line))),
        rejected_unknown=found.rejected_unknown,
    )


class _GoldFiles(Mapping[str, Any]):
    """Gold documents by id, read from their files when asked for: the leftovers rarely
    need one (a later line predicting a document whose paired line named it ambiguously)."""

    def __init__(self, where: Mapping[str, str], *, data_root: Path | None) -> None:
        self._where = where
        self._data_root = data_root

    def __getitem__(self, doc_id: str) -> Any:
        from wiregold.gold import read_gold_file

        return read_gold_file(path=Path(self._where[doc_id]), data_root=self._data_root)[1]

    def __iter__(self) -> Any:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._where


def _report(
    *,
    config: ScoreConfig,
    totals: dict[str, Any],
    doc_ids: tuple[str, ...],
    missing: tuple[str, ...],
    unknown: tuple[str, ...],
    out_of_scope: OutOfScope,
    error_items: list[ErrorItem],
    scope_items: list[ErrorItem],
    digests: list[tuple[str, str]],
    versions: set[str],
) -> Any:
    from wiregold.scoring import corpus_version, signed_report
    from wiregold.signature import combine_digests

    # By document id, each document's items in the order its layer listed them: what
    # adding the documents' counts in id order gives (their `+` merges sorted lists).
    by_layer: dict[str, list[ErrorItem]] = {}
    for item in sorted(error_items, key=attrgetter("doc_id")):
        by_layer.setdefault(item.layer, []).append(item)
    for task, items in by_layer.items():
        totals[task] = replace(totals[task], errors=tuple(items))
    return signed_report(
        config=config,
        totals=totals,
        doc_ids=doc_ids,
        documents=MappingProxyType({}),
        out_of_scope=out_of_scope,
        out_of_scope_items=scope_items,
        missing_docs=missing,
        unknown_docs=unknown,
        gold_hash=combine_digests(pieces=digests),
        version=corpus_version(versions=versions),
    )
