"""The streaming scorer (wiregold.stream) against the in-memory one, and its line index.

The command line scores a corpus one document at a time; the library's ``score`` holds
everything in memory. Both must give the same report and report the same problems.
"""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path
from typing import Any

import pytest
from wiregold.scorers.base import ScoreConfig

from benchmarks.synth import gold_document, prediction, write_corpus
from wiregold import stream
from wiregold.gold import load_gold
from wiregold.predictions import Record, load_predictions
from wiregold.scoring import check_config, score_checked
from wiregold.stream import Line, index_predictions

CONFIG = check_config(ScoreConfig())


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A synthetic corpus where one gold file name is not its document's id, with one
    document unpredicted."""
    corpus = write_corpus(tmp_path_factory.mktemp("stream"), documents=150, seed=3)
    first = corpus.gold / "syn000000.json"
    shutil.move(first, corpus.gold / "syn000000-renamed.json")
    lines = corpus.pred.read_bytes().splitlines(keepends=True)
    kept = [line for line in lines if b'"syn000007"' not in line[:40]]
    assert len(kept) == len(lines) - 1
    corpus.pred.write_bytes(b"".join(kept))
    return corpus


def in_memory(corpus: Any, *, errors: bool) -> Any:
    gold = load_gold(files=sorted(corpus.gold.glob("*.json")), data_root=corpus.root)
    checked = load_predictions(path=corpus.pred, gold=gold.docs)
    assert gold.ok and checked.ok
    report = score_checked(gold=gold.docs, pred=checked.docs, config=CONFIG, unknown_docs=())
    return report, checked


def streamed(corpus: Any, *, errors: bool, jobs: int = 1) -> Any:
    return stream.run(
        gold_files=sorted(corpus.gold.glob("*.json")),
        pred=corpus.pred,
        config=CONFIG,
        errors=errors,
        data_root=corpus.root,
        jobs=jobs,
    )


@pytest.mark.parametrize("errors", [False, True])
def test_streamed_report_equals_the_in_memory_one(corpus: Any, errors: bool) -> None:
    expected, checked = in_memory(corpus, errors=errors)
    result = streamed(corpus, errors=errors)
    assert not result.gold_problems and result.predictions.ok
    report = result.report
    for task in CONFIG.tasks:
        # Error items only when asked for; every count the same.
        assert report.totals[task] == (
            expected.totals[task] if errors else _without_errors(expected.totals[task])
        )
    assert report.doc_ids == expected.doc_ids
    assert report.missing_docs == expected.missing_docs == ("syn000007",)
    assert report.out_of_scope == expected.out_of_scope
    assert report.out_of_scope_items == (expected.out_of_scope_items if errors else ())
    assert report.signature == expected.signature
    assert report.gold_sha256 == expected.gold_sha256
    assert result.predictions.read == checked.read
    assert report.documents == {}  # the stream keeps sums only


def _without_errors(counts: Any) -> Any:
    from dataclasses import replace

    return replace(counts, errors=())


def test_stream_and_jobs_add_the_same_numbers(corpus: Any) -> None:
    one = streamed(corpus, errors=True).report
    two = streamed(corpus, errors=True, jobs=2).report
    assert one.totals == two.totals and one.errors == two.errors


# ------------------------------------------------------------------------------ index


def test_index_pairs_first_predictions_and_keeps_every_other_line(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    lines = [
        b'{"doc_id": "a", "mentions": []}\n',
        b"\n",
        b'{"mentions": [], "doc_id": "b"}\r\n',  # the id not first: parsed to find it
        b'{"doc_id": "a"}\n',  # a second prediction for a
        b'{"doc_id": "c\\u0041"}\n',  # an escape: parsed ("cA")
        b'{"doc_id": 5}\n',  # names no document
        b"not json\n",
        b'{"id": "d"}',  # a gold-file style id, no final line break
    ]
    path.write_bytes(b"".join(lines))
    index = index_predictions(path=path)
    offsets = [sum(map(len, lines[:i])) for i in range(len(lines))]
    assert index.paired == {
        "a": Line(1, offsets[0], len(lines[0])),
        "b": Line(3, offsets[2], len(lines[2])),
        "cA": Line(5, offsets[4], len(lines[4])),
        "d": Line(8, offsets[7], len(lines[7])),
    }
    assert index.others == [Line(n, offsets[n - 1], len(lines[n - 1])) for n in (4, 6, 7)]
    assert index.problems == []
    data = path.read_bytes()
    for entry in [*index.paired.values(), *index.others]:  # every entry is its whole line
        assert data[entry.offset : entry.offset + entry.length] == lines[entry.line - 1]


def test_a_pretty_printed_prediction_is_read_whole(tmp_path: Path) -> None:
    doc, _ = gold_document(0, seed=0)
    path = tmp_path / "pred.json"
    path.write_text(json.dumps(prediction(doc, seed=0), indent=2), encoding="utf-8")
    index = index_predictions(path=path)
    assert list(index.paired) == [doc["id"]] and index.others == []
    assert isinstance(index.paired[doc["id"]], Record)


# ------------------------------------------------------------------ the same problems


def _cases(corpus: Any) -> dict[str, bytes]:
    lines = corpus.pred.read_bytes().splitlines(keepends=True)
    rng = random.Random(5)
    one = json.loads(lines[0])
    broken = dict(one, mentions=[{"start": 5, "end": 2, "type": "PER"}])
    unknown = dict(one, doc_id="not-a-document")
    return {
        "duplicate": b"".join([*lines[:3], lines[1]]),
        "unknown": b"".join([*lines[:2], json.dumps(unknown).encode() + b"\n"]),
        "bad item": b"".join([json.dumps(broken).encode() + b"\n", *lines[1:4]]),
        "bad JSON": b"".join([lines[0], b'{"doc_id": "x", ]\n', lines[1]]),
        "duplicate key": b'{"doc_id": "syn000001", "doc_id": "syn000002"}\n' + lines[2],
        "id conflict": json.dumps(dict(one, id="syn000099")).encode() + b"\n" + lines[3],
        # ... and the same document again: its first prediction with a usable id.
        "id conflict, then again": b"".join(
            [json.dumps(dict(one, id="syn000099")).encode() + b"\n", lines[3], lines[0]]
        ),
        "blank": b"\n \n",
        "empty": b"",
        "shuffled and CRLF": b"".join(
            line.rstrip(b"\n") + b"\r\n" for line in rng.sample(lines, k=len(lines))
        ),
        "broken first line": b'{"doc_id": "syn000001",\n' + b"".join(lines[1:3]),
        "not an object": b"[1, 2]\n" + lines[0],
    }


@pytest.mark.parametrize("ignore", [False, True])
def test_stream_reports_what_the_in_memory_checker_reports(
    corpus: Any, tmp_path: Path, ignore: bool
) -> None:
    gold = load_gold(files=sorted(corpus.gold.glob("*.json")), data_root=corpus.root)
    for name, data in _cases(corpus).items():
        path = tmp_path / "pred.jsonl"
        path.write_bytes(data)
        expected = load_predictions(path=path, gold=gold.docs, ignore_unknown_docs=ignore)
        result = stream.run(
            gold_files=sorted(corpus.gold.glob("*.json")),
            pred=path,
            config=None,
            data_root=corpus.root,
            ignore_unknown_docs=ignore,
        )
        found = result.predictions
        assert [str(p) for p in found.problems] == [str(p) for p in expected.problems], name
        assert found.summary() == expected.summary(), name
        assert found.missing_docs == expected.missing_docs, name
        assert found.unknown_docs == expected.unknown_docs, name
        assert found.rejected_unknown == expected.rejected_unknown, name
