"""The corpus loads in one line: ``datasets.load_dataset``, ``wiregold.to_pandas``, Croissant.

Every config is loaded from the repository offline, with a throwaway HF home and cache
shared by the session, and compared with the gold and with the generated JSONL files.
"""

from __future__ import annotations

import datetime
import json
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import wiregold
from wiregold import paths
from wiregold.card import DOCUMENTS_CONFIG, data_file
from wiregold.jsonio import read_json
from wiregold.rows import rows, tables
from wiregold.tokens import ner_labels

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = [DOCUMENTS_CONFIG, *tables()]
NO_DATASETS = "datasets is not installed (pip install -e '.[test]' installs it)"


def gold() -> dict[str, Any]:
    [path] = paths.split_files(splits=["test"])
    return read_json(path=path).value


def jsonl_rows(name: str) -> list[dict[str, Any]]:
    text = (ROOT / data_file(config=name, split="test")).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture(scope="session")
def load(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Any]]:
    """``load(config)``: the test split via ``datasets.load_dataset``, offline, cached once."""
    home = tmp_path_factory.mktemp("hf_home")
    with pytest.MonkeyPatch.context() as patch:
        # Set before datasets is imported (its config reads the environment once) ...
        for key, value in {
            "HF_HOME": home,
            "HF_DATASETS_CACHE": home / "datasets",
            "HF_HUB_CACHE": home / "hub",
            "HF_DATASETS_OFFLINE": "1",
            "HF_HUB_OFFLINE": "1",
            "HF_HUB_DISABLE_TELEMETRY": "1",
        }.items():
            patch.setenv(key, str(value))
        datasets = pytest.importorskip("datasets", reason=NO_DATASETS)
        hub_constants = pytest.importorskip("huggingface_hub.constants", reason=NO_DATASETS)
        # ... and patched in case another test imported it first.
        patch.setattr(datasets.config, "HF_DATASETS_OFFLINE", True)
        patch.setattr(datasets.config, "HF_DATASETS_CACHE", home / "datasets")
        patch.setattr(hub_constants, "HF_HUB_OFFLINE", True)
        datasets.disable_progress_bars()
        loaded: dict[str, Any] = {}

        def load_config(name: str) -> Any:
            if name not in loaded:
                loaded[name] = datasets.load_dataset(
                    str(ROOT), name, split="test", cache_dir=str(home / "datasets")
                )
            return loaded[name]

        try:
            yield load_config
        finally:
            datasets.enable_progress_bars()


@pytest.mark.parametrize("name", CONFIGS)
def test_every_config_loads_with_declared_features(load: Callable[[str], Any], name: str) -> None:
    dataset = load(name)
    if name == DOCUMENTS_CONFIG:
        assert len(dataset) == len(paths.split_files(splits=["test"]))
        assert list(dataset.features) == list(gold())
        return
    assert list(dataset.features) == list(tables()[name].column_names)
    assert dataset.to_list() == jsonl_rows(name)


def test_row_counts_match_the_gold(load: Callable[[str], Any]) -> None:
    doc = gold()
    for layer in ("mentions", "entities", "events", "casualties", "quotes", "timexes"):
        assert len(load(layer)) == len(doc[layer]), layer
    assert len(load("zones")) == len(doc["zones"])
    assert len(load("hoppers")) == len(doc["hoppers"])
    assert len(load("event_arguments")) == sum(len(e["arguments"]) for e in doc["events"])


def test_documents_config_is_the_gold(load: Callable[[str], Any]) -> None:
    [loaded] = load(DOCUMENTS_CONFIG).to_list()
    expected = gold()
    # A missing optional key (an argument's "timex") is loaded as None.
    for event in expected["events"]:
        event["arguments"] = [{"mention": None, "timex": None, **a} for a in event["arguments"]]
    # Declared as a date (not a string), so that pyarrow cannot turn it into a timestamp.
    metadata = expected["metadata"]
    metadata["publication_date"] = datetime.date.fromisoformat(metadata["publication_date"])
    assert loaded == expected


def test_flat_values(load: Callable[[str], Any]) -> None:
    m1 = load("mentions")[0]
    assert (m1["id"], m1["start"], m1["end"], m1["text"]) == ("m1", 0, 8, "Pakistan")
    assert (m1["entity_id"], m1["entity_name"], m1["zone_type"]) == ("e1", "Pakistan", "title")
    times = [r for r in load("event_arguments") if r["argument_kind"] == "timex"]
    doc = gold()
    timexes = {t["id"]: t for t in doc["timexes"]}
    assert times, "the gold has Time arguments"
    for row in times:
        timex = timexes[row["argument_id"]]
        assert (row["argument_start"], row["argument_text"]) == (timex["start"], timex["text"])
        assert row["argument_timex_value"] == timex["value"]
        assert row["argument_entity_id"] is None
    counted = [r for r in load("casualties") if r["count_value"] is not None]
    assert [r["count_value"] for r in counted] == [11]
    q2 = next(r for r in load("quotes") if r["id"] == "q2")
    assert (q2["cue_start"], q2["speaker_mention_ids"]) == (None, [None])


def test_ner_tokens_are_class_labels(load: Callable[[str], Any]) -> None:
    dataset = load("ner_tokens")
    assert dataset.features["ner_tags"].feature.names == list(ner_labels())
    text = gold()["text"]
    for row in dataset:
        names = [ner_labels()[i] for i in row["ner_tags"]]
        assert names == row["tags"]
        spans = zip(row["token_starts"], row["token_ends"], strict=True)
        assert [text[s:e] for s, e in spans] == row["tokens"]


# -- pandas and the Python API ---------------------------------------------------------------


def _plain(value: Any) -> Any:
    """A DataFrame cell as the JSON value it came from."""
    if isinstance(value, list):
        return value
    import pandas as pd

    if value is None or pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


@pytest.mark.parametrize("name", list(tables()))
def test_to_pandas_has_the_rows_of_the_config(name: str) -> None:
    pytest.importorskip("pandas", reason="pandas is not installed (pip install -e '.[test]')")
    frame = wiregold.to_pandas(name)
    assert list(frame.columns) == list(tables()[name].column_names)
    records = [{k: _plain(v) for k, v in r.items()} for r in frame.to_dict("records")]
    assert records == jsonl_rows(name)


def test_to_pandas_keeps_nullable_ints_as_ints() -> None:
    pytest.importorskip("pandas", reason="pandas is not installed (pip install -e '.[test]')")
    frame = wiregold.to_pandas("casualties")
    assert str(frame["count_value"].dtype) == "Int64"
    assert str(wiregold.to_pandas("mentions")["start"].dtype) == "int64"


def test_to_pandas_rejects_unknown_layers_and_splits() -> None:
    with pytest.raises(ValueError, match=r"unknown layer 'documents' \(layers: mentions, "):
        wiregold.to_pandas("documents")
    with pytest.raises(ValueError, match=r"unknown split 'annotator1' \(splits: test\)"):
        wiregold.to_pandas("mentions", split="annotator1")


def test_rows_come_from_the_typed_documents() -> None:
    documents = wiregold.load_corpus(split="test")
    assert rows(name="mentions", documents=documents) == jsonl_rows("mentions")


# -- Croissant ---------------------------------------------------------------------------------


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_croissant_validates_and_yields_the_rows(caplog: pytest.LogCaptureFixture) -> None:
    mlc = pytest.importorskip("mlcroissant", reason="mlcroissant is not installed")
    caplog.set_level(logging.ERROR)  # mlcroissant logs recommendations as warnings
    dataset = mlc.Dataset(jsonld=str(ROOT / "croissant.json"))  # raises on invalid metadata
    for name, table in tables().items():
        records = list(dataset.records(record_set=name))
        expected = jsonl_rows(name)
        assert len(records) == len(expected), name
        first = {k.split("/", 1)[1]: v for k, v in records[0].items()}
        decoded = {
            k: [x.decode() if isinstance(x, bytes) else x for x in v]
            if isinstance(v, list)
            else v.decode()
            if isinstance(v, bytes)
            else v
            for k, v in first.items()
        }
        assert decoded == {**expected[0], "split": "test"}, name
        assert list(first) == [*table.column_names, "split"]


def test_to_pandas_without_pandas_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now fails
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'wiregold\[hf\]'"):
        wiregold.to_pandas("events")
