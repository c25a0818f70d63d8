"""Orchestration: the registry, zones (out of scope), summing over documents, the
configuration checks, the signature, and ``wiregold.score``. The core is tested with the
fake layer of tests/fake_layer.py; the real layers with the gold scored against itself."""

from __future__ import annotations

import copy
import dataclasses
import json
import random
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from wiregold.scorers import registry
from wiregold.scorers.base import (
    PRF,
    AbsoluteError,
    Accuracy,
    ErrorItem,
    ScoreConfig,
)

import wiregold
from wiregold import paths
from wiregold.jsonio import read_json
from wiregold.report import render
from wiregold.scope import restrict
from wiregold.scoring import ConfigError, InvalidInputError, check_config, score
from wiregold.signature import gold_digest, signature
from wiregold.spans import find_span

pytest_plugins = ["fake_layer"]  # the fake_registry fixture

Doc = dict[str, Any]
GOLD_FILE = paths.corpus_root() / "test" / "000_2a4f40216c15907b.json"
REAL_GOLD: Doc = read_json(path=GOLD_FILE).value


def two_docs(doc: Doc) -> dict[str, Doc]:
    """The fixture document and a valid copy with another id, without the minister."""
    other = copy.deepcopy(doc)
    other["id"] = "001_copy"
    other["mentions"].pop()  # m4, the minister, the only mention of e3
    other["entities"].pop()
    other["quotes"][0]["speakers"] = []
    return {doc["id"]: doc, "001_copy": other}


def as_pred(doc: Doc) -> Doc:
    return copy.deepcopy(doc)


def kvkk(doc: Doc) -> Doc:
    return {**find_span(text=doc["text"], needle="KVKK").to_json(doc["text"]), "type": "ORG"}


# ------------------------------------------------------------------------------ registry


def test_registry_knows_the_five_layers_in_report_order() -> None:
    assert registry.names() == ("entities", "events", "casualties", "quotes", "timexes")
    assert registry.names() == ScoreConfig().tasks


def test_unknown_layer_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown layer 'ner'; known layers: entities, events"):
        registry.get("ner")


def test_missing_layer_module_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry.LAYERS, "events", "wiregold.scorers.no_such_module")
    with pytest.raises(registry.LayerUnavailableError) as caught:
        registry.get("events")
    assert str(caught.value) == (
        "layer 'events' is not available in this installation "
        "(module wiregold.scorers.no_such_module not found)"
    )
    assert "events" not in registry.available()
    with pytest.raises(registry.LayerUnavailableError):
        check_config(ScoreConfig())


def test_a_missing_dependency_of_a_layer_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("broken_layer")
    monkeypatch.setitem(registry.LAYERS, "events", "broken_layer_importer")

    def fake_import(name: str) -> types.ModuleType:
        raise ModuleNotFoundError("No module named 'numpy_xyz'", name="numpy_xyz")

    monkeypatch.setattr(registry.importlib, "import_module", fake_import)
    with pytest.raises(ModuleNotFoundError, match="numpy_xyz"):
        registry.get("events")
    del module


def test_a_layer_module_must_follow_the_protocol(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("half_layer")
    module.NAME = "events"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "half_layer", module)
    monkeypatch.setitem(registry.LAYERS, "events", "half_layer")
    with pytest.raises(registry.LayerUnavailableError, match="lacks count, empty"):
        registry.get("events")
    module.count = module.empty = lambda **_: None  # type: ignore[attr-defined]
    module.NAME = "quotes"  # type: ignore[attr-defined]
    with pytest.raises(registry.LayerUnavailableError, match="declares NAME 'quotes'"):
        registry.get("events")


def test_importing_the_cli_imports_no_layer() -> None:
    script = (
        "import sys\nimport wiregold.cli, wiregold.scorers.registry\n"
        "wiregold.cli.build_parser()\n"
        "print(sorted(m for m in sys.modules if m.startswith('wiregold.scorers.')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "['wiregold.scorers.base', 'wiregold.scorers.registry']"


# ---------------------------------------------------------------------- orchestration


def test_gold_against_itself_and_empty(fake_registry: ScoreConfig, doc: Doc) -> None:
    gold = {doc["id"]: doc}
    perfect = score(gold=gold, pred={doc["id"]: as_pred(doc)}, config=fake_registry)
    fake = perfect.totals["fake"]
    assert fake.mentions == PRF(4, 4, 4) and fake.kind == Accuracy(4, 4)
    assert fake.count_error == AbsoluteError(0, 1)
    empty = score(gold=gold, pred={}, config=fake_registry).totals["fake"]
    assert (empty.mentions.recall, empty.mentions.precision) == (0.0, None)


def test_documents_are_summed_in_sorted_order(fake_registry: ScoreConfig, doc: Doc) -> None:
    gold = two_docs(doc)
    pred = {"001_copy": as_pred(gold["001_copy"]), doc["id"]: {"doc_id": doc["id"]}}
    report = score(gold=gold, pred=pred, config=fake_registry)
    assert report.doc_ids == ("000_2a4f40216c15907b", "001_copy")
    first, second = (report.documents[d]["fake"] for d in report.doc_ids)
    assert (
        report.totals["fake"] == registry.get("fake").empty(config=fake_registry) + first + second
    )
    # Hand count: doc 000 predicts nothing (0 of 4 gold), 001 predicts its 3 mentions.
    assert report.totals["fake"].mentions == PRF(3, 3, 7)
    assert report.missing_docs == ()


def test_a_missing_document_counts_as_empty(fake_registry: ScoreConfig, doc: Doc) -> None:
    gold = two_docs(doc)
    report = score(gold=gold, pred={"001_copy": as_pred(gold["001_copy"])}, config=fake_registry)
    assert report.missing_docs == (doc["id"],)
    assert report.documents[doc["id"]]["fake"].mentions == PRF(0, 0, 4)
    assert report.totals["fake"].mentions == PRF(3, 3, 7)


def test_unknown_documents(fake_registry: ScoreConfig, doc: Doc) -> None:
    gold = {doc["id"]: doc}
    pred = {doc["id"]: as_pred(doc), "zzz": {"doc_id": "zzz"}}
    with pytest.raises(InvalidInputError) as caught:
        score(gold=gold, pred=pred, config=fake_registry)
    assert [p.message for p in caught.value.problems] == [
        "unknown document 'zzz': no gold document has this id"
    ]
    assert str(caught.value).startswith("invalid predictions: 1 problem\n  <predictions>:2: ")
    report = score(gold=gold, pred=pred, config=fake_registry, ignore_unknown_docs=True)
    assert report.unknown_docs == ("zzz",) and report.totals["fake"].mentions == PRF(4, 4, 4)


def test_pred_keys_must_be_the_document_ids(fake_registry: ScoreConfig, doc: Doc) -> None:
    with pytest.raises(ValueError, match="pred\\['x'\\] is a prediction for document"):
        score(gold={doc["id"]: doc}, pred={"x": as_pred(doc)}, config=fake_registry)
    with pytest.raises(ValueError, match="is not the gold document"):
        score(gold={"x": doc}, pred={}, config=fake_registry)


def test_shuffling_documents_and_items_changes_nothing(
    fake_registry: ScoreConfig, doc: Doc
) -> None:
    gold = two_docs(doc)
    pred = {k: as_pred(v) for k, v in gold.items()}
    pred[doc["id"]]["mentions"].append(kvkk(doc))
    pred[doc["id"]]["mentions"].append({"text": "Tehran", "type": "GPE"})
    reference = render(
        report=score(gold=gold, pred=pred, config=fake_registry), fmt="json", errors=True
    )
    rng = random.Random(3)
    for _ in range(5):
        shuffled_pred = {k: copy.deepcopy(pred[k]) for k in rng.sample(list(pred), len(pred))}
        for p in shuffled_pred.values():
            rng.shuffle(p["mentions"])
        shuffled_gold = {k: gold[k] for k in rng.sample(list(gold), len(gold))}
        again = score(gold=shuffled_gold, pred=shuffled_pred, config=fake_registry)
        assert render(report=again, fmt="json", errors=True) == reference


def test_invalid_predictions_are_refused(fake_registry: ScoreConfig, doc: Doc) -> None:
    pred = {"doc_id": doc["id"], "mentions": [{"start": 0, "end": 99999, "type": "GPE"}]}
    with pytest.raises(InvalidInputError, match="ends beyond the text"):
        score(gold={doc["id"]: doc}, pred={doc["id"]: pred}, config=fake_registry)


def test_items_scored_by_span_and_by_text(fake_registry: ScoreConfig, doc: Doc) -> None:
    pred = as_pred(doc)
    for mention in pred["mentions"][2:]:  # text only from now on
        del mention["start"], mention["end"], mention["head"]
    report = score(gold={doc["id"]: doc}, pred={doc["id"]: pred}, config=fake_registry)
    assert dict(report.scored_by["fake"]) == {"by_span": 2, "by_text": 2}


# ------------------------------------------------------------------------------- zones


def test_a_mention_in_the_cookie_notice_is_out_of_scope(
    fake_registry: ScoreConfig, doc: Doc
) -> None:
    pred = as_pred(doc)
    pred["mentions"].append(kvkk(doc))
    report = score(gold={doc["id"]: doc}, pred={doc["id"]: pred}, config=fake_registry)
    assert report.totals["fake"].mentions == PRF(4, 4, 4)  # not a false positive
    assert dict(report.out_of_scope.by_layer) == {"fake": 0}  # the fake layer is not "entities"
    config = fake_registry.with_(tasks=("entities", "fake"))
    if "entities" in registry.available():
        report = score(gold={doc["id"]: doc}, pred={doc["id"]: pred}, config=config)
        assert dict(report.out_of_scope.by_layer) == {"entities": 1, "fake": 0}
        start = doc["text"].index("KVKK")
        assert report.out_of_scope_items == (
            ErrorItem(
                "entities",
                doc["id"],
                "out_of_scope",
                None,
                f"'KVKK' [{start}, {start + 4})",
                "mention in unannotated zone z6 (boilerplate)",
            ),
        )
        assert report.out_of_scope_items[0] in report.errors


def test_restrict_removes_located_items_and_references(doc: Doc) -> None:
    text = doc["text"]
    cookie = find_span(text=text, needle="KVKK")
    buy = find_span(text=text, needle="Buy now")
    gdpr = find_span(text=text, needle="GDPR")
    body_end = find_span(text=text, needle="\n\nBuy now").start
    crossing = {
        "start": body_end - 4,
        "end": body_end + 3,
        "text": text[body_end - 4 : body_end + 3],
    }
    pred = {
        "doc_id": doc["id"],
        "mentions": [
            {**doc["mentions"][0]},
            {"id": "mk", **cookie.to_json(text), "type": "ORG", "entity": "E"},
            {"id": "mx", **crossing, "type": "ORG"},
            {"id": "mt", "text": "KVKK", "type": "ORG"},  # no offsets: always scored
        ],
        "timexes": [{"id": "tb", **buy.to_json(text), "type": "DATE"}, doc["timexes"][1]],
        "events": [
            {
                "trigger": doc["events"][0]["trigger"],
                "type": "Conflict.Attack",
                "arguments": [
                    {"role": "Attacker", "mention": "mk"},
                    {"role": "Target", "mention": "m1"},
                    {"role": "Time", "timex": "tb"},
                    {"role": "Place", **gdpr.to_json(text)},
                    {"role": "Place", "text": "GDPR"},
                ],
            },
            {"trigger": gdpr.to_json(text), "type": "Conflict.Attack", "arguments": []},
        ],
        "quotes": [
            {
                "content": doc["quotes"][0]["content"],
                "speakers": [{"mention": "mk"}, {"entity": "E"}],
                "addressees": [{"mention": "mx", "entity": "X"}],
            },
            {"content": cookie.to_json(text)},
        ],
        "casualties": [
            {
                "kind": "killed",
                "count": {"value": 11},
                "evidence": [cookie.to_json(text), doc["casualties"][0]["evidence"][0]],
                "victims": {"mentions": ["mk", "m1"]},
                "times": ["tb", {"text": "Tuesday"}],
            },
            {
                "kind": "injured",
                "count": {},
                "evidence": [{"text": "KVKK"}, cookie.to_json(text)],
            },
            {
                "kind": "missing",
                "count": {},
                "evidence": [{"text": "somewhere"}],
                "victims": {"mentions": ["mk"]},
                "times": ["tb"],
            },
        ],
    }
    before = copy.deepcopy(pred)
    scoped = restrict(gold=doc, pred=pred, doc_id=doc["id"])
    assert pred == before  # the input is not modified
    out = scoped.pred
    assert [m.get("id") for m in out["mentions"]] == [doc["mentions"][0]["id"], "mt"]
    assert [t["id"] for t in out["timexes"]] == [doc["timexes"][1]["id"]]
    assert len(out["events"]) == 1
    assert out["events"][0]["arguments"] == [
        {"role": "Target", "mention": "m1"},
        {"role": "Place", "text": "GDPR"},
    ]
    # The first casualty is placed at its earliest evidence (in the body): kept.
    assert [c["kind"] for c in out["casualties"]] == ["killed", "missing"]
    killed, missing = out["casualties"]
    assert killed["victims"] == {"mentions": ["m1"]}
    assert killed["times"] == [{"text": "Tuesday"}]
    assert missing["victims"] == {"mentions": []} and missing["times"] == []
    assert len(out["quotes"]) == 1
    assert out["quotes"][0]["speakers"] == [{"entity": "E"}]
    assert out["quotes"][0]["addressees"] == []
    assert dict(scoped.out_of_scope.by_layer) == {
        "casualties": 5,  # the injured record; 2 victim mentions, 2 times
        "entities": 2,  # KVKK, and the mention crossing into the separator
        "events": 4,  # the GDPR event; 3 arguments (mk, tb, GDPR span)
        "quotes": 3,  # the KVKK quote; 2 participants
        "timexes": 1,
    }
    categories = {item.category for item in scoped.items}
    assert categories == {"out_of_scope"} and len(scoped.items) == 15
    details = [item.detail for item in scoped.items if item.layer == "entities"]
    assert details == [
        "mention in unannotated zone z6 (boilerplate)",
        "mention in unannotated zone z6 (boilerplate)",
    ]


def test_restrict_keeps_everything_when_nothing_is_out_of_scope(doc: Doc) -> None:
    scoped = restrict(gold=doc, pred=doc, doc_id=doc["id"])
    assert scoped.pred == doc and scoped.items == () and dict(scoped.out_of_scope.by_layer) == {}


# ------------------------------------------------------------------------------ config


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"tasks": ()}, "tasks must be a non-empty tuple of layer names, got ()"),
        ({"tasks": "entities"}, "tasks must be a non-empty tuple of layer names, got 'entities'"),
        ({"tasks": ("ner",)}, "unknown task 'ner'; known tasks: entities, events, casualties"),
        ({"tasks": ("fake", "fake")}, "tasks must be distinct, got fake, fake"),
        ({"normalization": "2"}, "normalization '2' is not implemented by this version"),
        ({"quote_overlap": 1.5}, "quote_overlap must be a number in [0, 1], got 1.5"),
        ({"quote_overlap": float("nan")}, "quote_overlap must be a number in [0, 1], got nan"),
        ({"partial_credit": True}, "partial_credit must be a number in [0, 1], got True"),
        ({"coref_arguments": "yes"}, "coref_arguments must be true or false, got 'yes'"),
        ({"labels": ""}, "labels must be a preset name, got ''"),
        ({"labels": "rejected-by-fake"}, "fake: the fake layer does not accept labels"),
    ],
)
def test_bad_settings_are_refused(
    fake_registry: ScoreConfig, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigError) as caught:
        check_config(fake_registry.with_(**changes))
    assert str(caught.value).startswith(message)


def test_tasks_are_put_in_report_order(fake_registry: ScoreConfig) -> None:
    _available("entities")
    assert check_config(ScoreConfig(tasks=("fake", "entities"))).tasks == ("entities", "fake")


# --------------------------------------------------------------------------- signature


def _other_value(name: str, value: Any) -> Any:
    """Another valid value for a ScoreConfig field (generic, so new fields are covered)."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, tuple):
        return value[:-1] if len(value) > 1 else (*value, "timexes")
    if isinstance(value, float):
        return 0.25 if value != 0.25 else 0.75
    if isinstance(value, int):
        return value + 1
    return {"labels": "conll"}.get(name, f"{value}-other")


def test_every_config_field_changes_the_signature() -> None:
    base = ScoreConfig()
    common = {"gold_hash": "a" * 64, "corpus_version": "0.1.0", "package_version": "0.1.0"}
    reference = signature(config=base, **common)
    for field in dataclasses.fields(ScoreConfig):
        changed = base.with_(**{field.name: _other_value(field.name, getattr(base, field.name))})
        assert changed != base, field.name
        assert signature(config=changed, **common) != reference, field.name
        assert f"{field.name}:" in reference


def test_signature_layout() -> None:
    text = signature(
        config=ScoreConfig(),
        gold_hash="0123456789abcdef" * 4,
        corpus_version="0.1.0",
        package_version="9.9",
    )
    assert text.startswith(
        "tasks:entities,events,casualties,quotes,timexes|labels:wiregold|coref_arguments:no|"
        "quote_overlap:0.5|partial_credit:0.5|normalization:1|"
    )
    assert text.endswith("|version:9.9|corpus:0.1.0|gold:0123456789ab")
    assert text.count("|") == len(dataclasses.fields(ScoreConfig)) + 2
    with pytest.raises(ValueError, match="gold_hash must be a lower-case hex digest"):
        signature(config=ScoreConfig(), gold_hash="xyz", corpus_version="1", package_version="1")
    with pytest.raises(ValueError, match="corpus_version must be a non-empty string"):
        signature(config=ScoreConfig(), gold_hash="a" * 64, corpus_version="", package_version="1")


def test_equal_settings_give_one_signature() -> None:
    """-0.0 == 0.0 as a setting: the signature must not tell them apart."""
    common = {"gold_hash": "a" * 64, "corpus_version": "0.1.0", "package_version": "0.1.0"}
    zero = signature(config=ScoreConfig(partial_credit=0.0, quote_overlap=0.0), **common)
    negative = signature(config=ScoreConfig(partial_credit=-0.0, quote_overlap=-0.0), **common)
    assert negative == zero
    assert "|quote_overlap:0.0|partial_credit:0.0|" in zero


def test_changing_a_gold_byte_changes_the_signature(fake_registry: ScoreConfig, doc: Doc) -> None:
    gold = {doc["id"]: doc}
    before = score(gold=gold, pred={}, config=fake_registry)
    changed = copy.deepcopy(doc)
    changed["hoppers"][0]["description"] += "."  # one byte, no change to any count
    after = score(gold={doc["id"]: changed}, pred={}, config=fake_registry)
    assert before.totals == after.totals
    assert gold_digest(gold=gold) != gold_digest(gold={doc["id"]: changed})
    assert before.signature != after.signature
    assert before.signature.rsplit("|gold:", 1)[1] == before.gold_sha256[:12]


def test_gold_digest_ignores_formatting_and_order(doc: Doc) -> None:
    gold = two_docs(doc)
    reordered = {k: json.loads(json.dumps(gold[k], indent=7)) for k in reversed(list(gold))}
    assert gold_digest(gold=gold) == gold_digest(gold=reordered)
    assert gold_digest(gold=gold) != gold_digest(gold={doc["id"]: doc})


# ------------------------------------------------------------------------ wiregold.score


def test_import_wiregold_stays_light() -> None:
    script = (
        "import sys, wiregold\n"
        "print(sorted(m for m in ('jsonschema', 'wiregold.scoring', 'wiregold.api') "
        "if m in sys.modules))\n"
        "f = wiregold.score\n"
        "print(f.__module__, 'wiregold.scoring' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[:2] == ["[]", "wiregold.api False"]
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        wiregold.nope  # noqa: B018


def test_wiregold_score_from_memory_and_files(
    fake_registry: ScoreConfig, doc: Doc, write_doc: Any, tmp_path: Path
) -> None:
    gold_path = write_doc(doc, directory=tmp_path / "gold")
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text(json.dumps({"doc_id": doc["id"], "mentions": doc["mentions"][:2]}))
    by_files = wiregold.score(gold=gold_path.parent, pred=pred_path, tasks=["fake"])
    by_memory = wiregold.score(
        gold=[doc],
        pred=[{"doc_id": doc["id"], "mentions": doc["mentions"][:2]}],
        config=fake_registry,
    )
    by_mapping = wiregold.score(
        gold={doc["id"]: doc},
        pred={doc["id"]: {"doc_id": doc["id"], "mentions": doc["mentions"][:2]}},
        tasks="fake",
    )
    assert by_files.totals["fake"].mentions == PRF(2, 2, 4)
    assert render(report=by_files, fmt="json") == render(report=by_memory, fmt="json")
    assert render(report=by_mapping, fmt="json") == render(report=by_memory, fmt="json")
    # A mapping's keys are the documents' ids, on both sides.
    for gold, pred in (
        ({"zzz": doc}, [{"doc_id": doc["id"]}]),
        ([doc], {"zzz": {"doc_id": doc["id"]}}),
        ([doc], {doc["id"]: {"mentions": []}}),
    ):
        with pytest.raises(ValueError, match=r"(gold|pred)\['zzz'\]|pred\['000"):
            wiregold.score(gold=gold, pred=pred, tasks="fake")


def test_wiregold_score_errors(fake_registry: ScoreConfig, doc: Doc, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unknown settings colour; known: tasks, labels"):
        wiregold.score(gold=[doc], pred=[], colour="red")
    with pytest.raises(InvalidInputError, match="ends beyond the text") as caught:
        wiregold.score(
            gold=[doc],
            pred=[{"doc_id": doc["id"], "timexes": [{"start": 0, "end": 10**6, "type": "DATE"}]}],
            tasks=("fake",),
        )
    assert caught.value.problems[0].pointer == "/timexes/0"
    broken = copy.deepcopy(doc)
    broken["mentions"][0]["kind"] = "XYZ"
    with pytest.raises(InvalidInputError, match="invalid gold documents: 1 problem"):
        wiregold.score(gold=[broken], pred=[], tasks=("fake",))
    with pytest.raises(FileNotFoundError, match="no such prediction file"):
        wiregold.score(gold=[doc], pred=tmp_path / "none.jsonl", tasks=("fake",))
    with pytest.raises(FileNotFoundError, match="no gold documents"):
        wiregold.score(gold=tmp_path, pred=[], tasks=("fake",))


def test_wiregold_score_defaults_to_the_packaged_test_split(fake_registry: ScoreConfig) -> None:
    report = wiregold.score(pred=[], tasks=("fake",))
    assert report.doc_ids == tuple(p.stem for p in paths.split_files(splits=["test"]))
    assert report.missing_docs == report.doc_ids


# --------------------------------------------------------------------------- real layers


def _available(name: str) -> None:
    try:
        registry.get(name)
    except registry.LayerUnavailableError as err:
        pytest.skip(f"layer {name} not available yet: {err}")


def perfect(value: Any) -> bool:
    """A row's value is perfect: every defined ratio 1 (an error 0), or nothing to score."""
    if value is None:
        return True
    if isinstance(value, PRF):
        return value.f1 == 1.0 if value.gold or value.predicted else True
    if isinstance(value, Accuracy):
        return value.accuracy in (1.0, None)
    if isinstance(value, AbsoluteError):
        return value.total == 0
    ratios = [getattr(value, k) for k in ("precision", "recall", "f1") if hasattr(value, k)]
    return all(r in (1.0, None) for r in ratios) and any(r == 1.0 for r in ratios)


@pytest.mark.parametrize("layer", registry.names())
def test_real_gold_against_itself_is_perfect(layer: str) -> None:
    _available(layer)
    gold = {REAL_GOLD["id"]: REAL_GOLD}
    report = score(gold=gold, pred={REAL_GOLD["id"]: REAL_GOLD}, config=ScoreConfig(tasks=(layer,)))
    rows = report.totals[layer].rows()
    assert rows
    for row in rows:
        assert perfect(row.value), (row.metric, row.value)
    assert dict(report.out_of_scope.by_layer) == {layer: 0}


@pytest.mark.parametrize("layer", registry.names())
def test_real_empty_prediction_has_recall_zero(layer: str) -> None:
    _available(layer)
    report = score(gold={REAL_GOLD["id"]: REAL_GOLD}, pred={}, config=ScoreConfig(tasks=(layer,)))
    headline = report.totals[layer].rows()[0].value
    assert isinstance(headline, PRF) and headline.gold > 0
    assert (headline.recall, headline.precision) == (0.0, None)


@pytest.mark.parametrize("layer", registry.names())
def test_real_layers_ignore_item_order(layer: str) -> None:
    _available(layer)
    gold = {REAL_GOLD["id"]: REAL_GOLD}
    pred = copy.deepcopy(REAL_GOLD)  # with a few errors, so that ties can occur
    pred["mentions"][5]["type"] = "LOC"
    pred["mentions"][9]["end"] -= 1
    pred["mentions"][9].pop("text")
    pred["mentions"][9]["head"] = None
    pred["events"][3]["type"] = "Conflict.Attack"
    pred["events"][4]["arguments"] = pred["events"][4]["arguments"][:1]
    pred["quotes"][2]["kind"] = "indirect"
    pred["timexes"][1]["value"] = "2024"
    pred["casualties"][0]["count"] = {"value": 12, "low": 12, "high": 12, "precision": "exact"}
    config = ScoreConfig(tasks=(layer,))
    reference = render(
        report=score(gold=gold, pred={pred["id"]: pred}, config=config), fmt="json", errors=True
    )
    rng = random.Random(11)
    for _ in range(3):
        shuffled = copy.deepcopy(pred)
        for key in ("entities", "mentions", "timexes", "hoppers", "events", "casualties", "quotes"):
            rng.shuffle(shuffled[key])
        again = score(gold=gold, pred={pred["id"]: shuffled}, config=config)
        assert render(report=again, fmt="json", errors=True) == reference


def test_real_layers_never_see_references_to_out_of_scope_items() -> None:
    layers = registry.available()
    if not layers:
        pytest.skip("no layer available yet")
    text = REAL_GOLD["text"]
    pred = copy.deepcopy(REAL_GOLD)
    pred["mentions"].append({"id": "mk", **kvkk(REAL_GOLD), "kind": "NAM", "entity": "kvkk"})
    buy = find_span(text=text, needle="Buy now").to_json(text)
    pred["timexes"].append({"id": "tb", **buy, "type": "DATE", "value": "2024"})
    pred["events"][0]["arguments"].append({"role": "Participant", "mention": "mk"})
    pred["quotes"][0]["addressees"].append({"mention": "mk"})
    pred["casualties"][0]["victims"]["mentions"].append("mk")
    pred["casualties"][0]["times"].append("tb")
    gold = {REAL_GOLD["id"]: REAL_GOLD}
    report = score(gold=gold, pred={pred["id"]: pred}, config=ScoreConfig(tasks=layers))
    for layer in layers:
        assert all(perfect(row.value) for row in report.totals[layer].rows()), layer
    expected = {"entities": 1, "timexes": 1, "events": 1, "quotes": 1, "casualties": 2}
    assert dict(report.out_of_scope.by_layer) == {k: v for k, v in expected.items() if k in layers}


# ------------------------------------------------------------------ fast record builders


@pytest.mark.parametrize(
    ("cls", "values"),
    [(PRF, (1.5, 3, 4)), (Accuracy, (2, 5)), (AbsoluteError, (3.5, 2)), (PRF, (0, 0, 0))],
)
def test_fast_builders_give_the_same_frozen_records(cls: type, values: tuple) -> None:
    fast, slow = cls._of(*values), cls(*values)
    assert fast == slow and hash(fast) == hash(slow) and repr(fast) == repr(slow)
    assert fast.to_dict() == slow.to_dict()
    assert fast + slow == cls(*(2 * v for v in values))
    assert repr(fast + cls()) == repr(slow)  # int and float fields keep their types
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.gold = 1  # type: ignore[misc]


def test_frozen_record_equals_the_constructor_for_every_count_record() -> None:
    from wiregold.scorers import casualties, quotes
    from wiregold.scorers.base import frozen_record

    for cls in (
        quotes.QuoteCounts,
        casualties.CasualtyCounts,
        casualties.CountScore,
        casualties.KindTotal,
        casualties.KindRecords,
    ):
        made = cls()
        fields = {f.name: getattr(made, f.name) for f in dataclasses.fields(cls)}
        fast = frozen_record(cls, fields)
        assert fast == made and repr(fast) == repr(made)
        assert fast.to_dict() == made.to_dict()
        with pytest.raises(dataclasses.FrozenInstanceError):
            fast.errors = ()  # type: ignore[misc]


def test_cached_attribute_is_computed_once_also_on_frozen_dataclasses() -> None:
    from wiregold.scorers.base import cached_attribute

    calls: list[int] = []

    @dataclasses.dataclass(frozen=True)
    class Point:
        x: int

        @cached_attribute
        def double(self) -> int:
            """Twice x."""
            calls.append(self.x)
            return 2 * self.x

    point = Point(3)
    assert point.double == 6 and point.double == 6 and calls == [3]
    assert Point.double.__doc__ == "Twice x." and point == Point(3)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((0, 0, 5), (None, 0.0, 0.0)),  # nothing predicted: 2*0 / (0 + 5)
        ((0, 3, 0), (0.0, None, 0.0)),  # nothing in the gold: 2*0 / (3 + 0)
        ((0, 0, 0), (None, None, None)),  # nothing on either side: 0/0
        ((0, 3, 5), (0.0, 0.0, 0.0)),
        ((2, 4, 4), (0.5, 0.5, 0.5)),
        ((1.5, 2, 4), (0.75, 0.375, 0.5)),  # half credit: 2 * 1.5 / (2 + 4)
    ],
)
def test_f1_is_two_correct_over_predicted_plus_gold(
    counts: tuple[float, int, int], expected: tuple[float | None, ...]
) -> None:
    prf = PRF(*counts)
    assert (prf.precision, prf.recall, prf.f1) == expected


def test_the_report_as_a_dict_is_the_json_report() -> None:
    pred = {"doc_id": "000_2a4f40216c15907b", "timexes": []}
    found = wiregold.score(pred=[pred], tasks=("timexes",))
    assert found.to_dict() == json.loads(render(report=found, fmt="json"))
    with_errors = found.to_dict(errors=True)
    assert with_errors == json.loads(render(report=found, fmt="json", errors=True))
    assert len(with_errors["errors"]) == 12 and "errors" not in found.to_dict()


def test_dir_lists_the_lazy_api() -> None:
    assert {"score", "load_corpus", "to_pandas", "__version__"} <= set(dir(wiregold))


def test_typed_documents_as_gold_are_refused_with_a_reason() -> None:
    docs = wiregold.load_corpus(split="test")
    with pytest.raises(TypeError, match=r"not wiregold\.model\.Document: pass gold=None"):
        wiregold.score(gold=docs, pred=[{"doc_id": docs[0].id}])
