"""Baselines: valid, deterministic predictions that depend on the text and date alone."""

from __future__ import annotations

import copy
import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from wiregold.baselines import DocumentInput, nltk_ne

from wiregold import baselines, paths
from wiregold.cli import main
from wiregold.jsonio import read_json

AVAILABLE = []
for _name in baselines.names():
    try:
        baselines.check_available(name=_name)
        AVAILABLE.append(_name)
    except baselines.BaselineUnavailableError:
        pass
NLTK_NE_MISSING = nltk_ne.missing_requirements()[1]
LAYERS = ("entities", "mentions", "timexes", "hoppers", "events", "casualties", "quotes")


@cache
def gold_docs() -> tuple[dict[str, Any], ...]:
    return tuple(read_json(path=p).value for p in paths.split_files(splits=["test"]))


@cache
def predictions(name: str) -> tuple[dict[str, Any], ...]:
    inputs = [baselines.document_input(doc=doc) for doc in gold_docs()]
    return tuple(baselines.run(name=name, documents=inputs))


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads((paths.data_root() / "schema/prediction.schema.json").read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def spans(prediction: dict[str, Any]) -> list[dict[str, Any]]:
    """Every span object of a prediction (items, heads, triggers, contents, evidence)."""
    found = [*prediction.get("mentions", []), *prediction.get("timexes", [])]
    found += [m["head"] for m in prediction.get("mentions", []) if m.get("head")]
    found += [e["trigger"] for e in prediction.get("events", [])]
    for quote in prediction.get("quotes", []):
        found += [quote["content"], *(s for s in (quote["cue"], quote["source"]) if s)]
    found += [e for c in prediction.get("casualties", []) for e in c["evidence"]]
    return found


@pytest.mark.parametrize("name", AVAILABLE)
def test_predictions_are_valid(name: str) -> None:
    texts = {doc["id"]: doc["text"] for doc in gold_docs()}
    found = predictions(name)
    assert [p["doc_id"] for p in found] == sorted(texts)
    for prediction in found:
        errors = sorted(validator().iter_errors(prediction), key=lambda e: list(e.path))
        assert not errors, errors[0].message
        for span in spans(prediction):
            text = texts[prediction["doc_id"]]
            assert 0 <= span["start"] < span["end"] <= len(text), span
            assert text[span["start"] : span["end"]] == span["text"], span


@pytest.mark.parametrize("name", AVAILABLE)
def test_predictions_score_without_problems(name: str) -> None:
    from wiregold.scorers.base import ScoreConfig

    from wiregold.scoring import score

    gold = {doc["id"]: doc for doc in gold_docs()}
    report = score(
        gold=gold, pred={p["doc_id"]: p for p in predictions(name)}, config=ScoreConfig()
    )
    assert set(report.totals) == set(ScoreConfig().tasks)


def test_rules_references_resolve() -> None:
    """Every id a rules prediction uses names an item of the same prediction."""
    for p in predictions("rules"):
        ids = {layer: {item["id"] for item in p[layer]} for layer in LAYERS}
        assert all(len(ids[layer]) == len(p[layer]) for layer in LAYERS), "duplicate ids"
        assert {m["entity"] for m in p["mentions"]} <= ids["entities"]
        for event in p["events"]:
            assert event["hopper"] in ids["hoppers"]
            for argument in event["arguments"]:
                assert argument.get("mention", next(iter(ids["mentions"]))) in ids["mentions"]
                assert argument.get("timex", next(iter(ids["timexes"]))) in ids["timexes"]
        for quote in p["quotes"]:
            for who in quote["speakers"] + quote["addressees"]:
                assert who["entity"] in ids["entities"]
                assert who.get("mention", next(iter(ids["mentions"]))) in ids["mentions"]
        for record in p["casualties"]:
            assert set(record["perpetrators"] + record["places"]) <= ids["entities"]
            assert set(record["times"]) <= ids["timexes"]
            assert set(record["hoppers"]) <= ids["hoppers"]


def test_empty_predicts_nothing() -> None:
    found = predictions("empty")
    assert len(found) == len(gold_docs())
    assert all(p[layer] == [] for p in found for layer in LAYERS)


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("name", AVAILABLE)
def test_runs_are_byte_identical(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    for out in (first, second):
        assert run_cli(["baseline", name, "--out", str(out)], capsys)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(predictions(name))


def strip(doc: dict[str, Any]) -> dict[str, Any]:
    """A document without a single annotation: id, text, publication date, languages."""
    metadata = doc["metadata"]
    kept = {"publication_date": metadata["publication_date"], "languages": metadata["languages"]}
    return {"id": doc["id"], "text": doc["text"], "metadata": kept}


@pytest.mark.parametrize("name", AVAILABLE)
def test_annotations_make_no_difference(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stripped = tmp_path / "stripped"
    stripped.mkdir()
    for doc in gold_docs():
        assert set(strip(doc)) == {"id", "text", "metadata"}
        (stripped / f"{doc['id']}.json").write_text(json.dumps(strip(doc)), encoding="utf-8")
    full, bare = tmp_path / "full.jsonl", tmp_path / "bare.jsonl"
    assert run_cli(["baseline", name, "--out", str(full)], capsys)[0] == 0
    argv = ["baseline", name, "--out", str(bare), "--gold", str(stripped)]
    assert run_cli(argv, capsys)[0] == 0
    assert full.read_bytes() == bare.read_bytes()


def test_document_input_keeps_only_text_and_metadata() -> None:
    doc = copy.deepcopy(gold_docs()[0])
    item = baselines.document_input(doc=doc)
    assert item == DocumentInput(
        id=doc["id"],
        text=doc["text"],
        publication_date=dt.date.fromisoformat(doc["metadata"]["publication_date"]),
        languages=tuple(doc["metadata"]["languages"]),
    )
    with pytest.raises(baselines.InputError, match="no 'text'"):
        baselines.document_input(doc={"id": "x"})
    with pytest.raises(baselines.InputError, match="YYYY-MM-DD"):
        baselines.document_input(doc={"id": "x", "text": "", "metadata": {"publication_date": 1}})


def test_cli_usage_and_input_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "out.jsonl")
    assert run_cli(["baseline", "nope", "--out", out], capsys)[0] == 2
    assert (
        run_cli(["baseline", "empty", "--out", out, "--gold", str(tmp_path / "x")], capsys)[0] == 2
    )
    inside = str(paths.corpus_root() / "test" / "out.jsonl")
    code, _, err = run_cli(["baseline", "empty", "--out", inside], capsys)
    assert code == 2 and "packaged corpus/" in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x"}', encoding="utf-8")
    code, _, err = run_cli(["baseline", "empty", "--out", out, "--gold", str(bad)], capsys)
    assert code == 1 and "no 'text' string" in err
    assert not Path(out).exists()


@pytest.mark.skipif(not NLTK_NE_MISSING, reason="the NLTK data of nltk-ne is installed")
def test_nltk_ne_without_data_names_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "ne.jsonl"
    code, stdout, err = run_cli(["baseline", "nltk-ne", "--out", str(out)], capsys)
    assert code == 1
    assert "Traceback" not in err + stdout
    for name in NLTK_NE_MISSING:
        assert name in err
    assert "never downloads" in err
    assert not out.exists()


@pytest.mark.skipif(bool(NLTK_NE_MISSING), reason="needs NLTK data: " + ", ".join(NLTK_NE_MISSING))
def test_nltk_ne_maps_its_labels() -> None:
    [prediction] = predictions("nltk-ne")
    assert prediction["mentions"]
    assert {m["type"] for m in prediction["mentions"]} <= set(nltk_ne.LABELS.values())


def test_nltk_ne_label_map() -> None:
    assert nltk_ne.LABELS == {
        "PERSON": "PER",
        "ORGANIZATION": "ORG",
        "GPE": "GPE",
        "LOCATION": "LOC",
        "FACILITY": "FAC",
        "GSP": "GPE",
    }


def test_nothing_is_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a baseline tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.downloader, "download", refuse)
    nltk_ne.missing_requirements()
    inputs = [baselines.document_input(doc=doc) for doc in gold_docs()]
    baselines.run(name="rules", documents=inputs)


@pytest.mark.parametrize("name", ["empty", "rules"])
def test_baselines_never_open_the_corpus(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every file under corpus/ unreadable, the predictions are the same: a baseline
    gets a document's id, text and metadata, and never the gold from disk."""
    import builtins
    import io

    expected = predictions(name)
    corpus = paths.corpus_root().resolve()
    opened: list[str] = []
    real_open = io.open

    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | Path) and Path(file).resolve().is_relative_to(corpus):
            opened.append(str(file))
            raise PermissionError(f"a baseline opened {file}")
        return real_open(file, *args, **kwargs)

    inputs = [baselines.document_input(doc=doc) for doc in gold_docs()]  # read before
    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(io, "open", guarded)
    assert tuple(baselines.run(name=name, documents=inputs)) == expected
    assert opened == []
