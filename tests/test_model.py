"""``wiregold.load_corpus``: typed, immutable documents; a light ``import wiregold``."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import build_document

import wiregold
from wiregold import paths
from wiregold.corpus import CorpusError, UnknownSplitError, load_corpus
from wiregold.jsonio import read_json
from wiregold.model import Argument, Document, Mention, TextSpan


def gold() -> dict[str, Any]:
    [path] = paths.split_files(splits=["test"])
    return read_json(path=path).value


def test_load_corpus_returns_typed_documents() -> None:
    documents = wiregold.load_corpus(split="test")
    assert isinstance(documents, tuple)
    [doc] = documents
    expected = gold()
    assert isinstance(doc, Document)
    assert (doc.id, doc.text) == (expected["id"], expected["text"])
    for layer in ("zones", "entities", "mentions", "timexes", "hoppers", "events", "quotes"):
        assert isinstance(getattr(doc, layer), tuple)
        assert [item.id for item in getattr(doc, layer)] == [i["id"] for i in expected[layer]]
    m1 = doc.mention("m1")
    assert isinstance(m1, Mention)
    assert m1.span == TextSpan(0, 8, "Pakistan")
    assert doc.entity(m1.entity).name == "Pakistan"
    assert doc.metadata.languages == ("en", "tr")


def test_documents_are_immutable() -> None:
    [doc] = load_corpus()
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.id = "other"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.mentions[0].text = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        doc._index["m1"] = None  # type: ignore[index]


def test_every_gold_field_is_kept() -> None:
    """Converting back to JSON gives the gold, so the model drops nothing."""
    [doc] = load_corpus()

    def to_json(value: Any) -> Any:
        if dataclasses.is_dataclass(value):
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
            out = {k.rstrip("_"): to_json(v) for k, v in fields.items() if not k.startswith("_")}
            if isinstance(value, Argument):  # the schema omits the unused one
                out = {k: v for k, v in out.items() if v is not None}
            return out
        if isinstance(value, tuple):
            return [to_json(v) for v in value]
        return value

    assert to_json(doc) == gold()


def test_lookups_fail_clearly() -> None:
    [doc] = load_corpus()
    with pytest.raises(KeyError, match="has no item 'm999'"):
        doc.item("m999")
    with pytest.raises(KeyError, match="'e1' is not a mention"):
        doc.mention("e1")
    with pytest.raises(ValueError, match="outside the text"):
        doc.zone_at(len(doc.text))


def test_spans_and_arguments_check_themselves() -> None:
    with pytest.raises(ValueError, match="start < end"):
        TextSpan(3, 3, "")
    with pytest.raises(ValueError, match="has 2 code points, expected 3"):
        TextSpan(0, 3, "ab")
    with pytest.raises(ValueError, match="exactly one of mention and timex"):
        Argument("Time")
    assert Argument("Time", timex="t1").target == "t1"


def test_unknown_split() -> None:
    with pytest.raises(UnknownSplitError, match=r"unknown split 'annotator1' \(splits: test\)"):
        load_corpus(split="annotator1")


def test_invalid_document_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, write_doc: Any
) -> None:
    document = build_document()
    document["mentions"][0]["kind"] = "XYZ"
    path = write_doc(document, directory=tmp_path / "test")
    monkeypatch.setattr(paths, "split_files", lambda *, splits=None: [path])
    with pytest.raises(CorpusError, match=r"is not valid \(1 problem\):\n.*/mentions/0/kind"):
        load_corpus()


def test_import_wiregold_is_light() -> None:
    code = (
        "import sys, wiregold\n"
        "heavy = ('datasets', 'pandas', 'pyarrow', 'numpy', 'jsonschema', 'mlcroissant')\n"
        "before = sorted(m for m in heavy if m in sys.modules)\n"
        "wiregold.load_corpus\n"
        "after = sorted(m for m in ('pandas', 'datasets') if m in sys.modules)\n"
        "print(__import__('json').dumps([before, after]))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [[], []]


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        wiregold.nothing  # noqa: B018


def test_a_document_is_plain_data() -> None:
    """It pickles (to worker processes), deep-copies and goes through asdict."""
    import copy
    import pickle

    [doc] = load_corpus(split="test")
    assert doc.item("m1").text == "Pakistan"  # the lookup index exists, and is not a field
    assert "_index" not in {f.name for f in dataclasses.fields(Document)}
    for copied in (pickle.loads(pickle.dumps(doc)), copy.deepcopy(doc)):
        assert copied == doc and copied.item("m1") == doc.item("m1")
    assert dataclasses.asdict(doc)["mentions"][0]["text"] == "Pakistan"


def test_load_corpus_sorts_by_id_not_by_file_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """'x-y.json' sorts before 'x.json'; the id 'x' sorts before 'x-y'."""
    gold = read_json(path=paths.split_files(splits=["test"])[0]).value
    from wiregold.canonical import canonical_bytes

    later = {**gold, "id": gold["id"] + "-b"}
    files = [tmp_path / f"{later['id']}.json", tmp_path / f"{gold['id']}.json"]
    files[0].write_bytes(canonical_bytes(doc=later))
    files[1].write_bytes(canonical_bytes(doc=gold))
    monkeypatch.setattr(paths, "split_files", lambda *, splits=None: sorted(files))
    assert sorted(files) == files  # by file name the "-b" document comes first
    assert [d.id for d in load_corpus(split="test")] == [gold["id"], later["id"]]
