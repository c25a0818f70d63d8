"""Rendering score reports: table, Markdown, CSV, JSON, and the error listing."""

from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import pytest
from wiregold.scorers.base import PRF, Accuracy, ErrorItem, OutOfScope, Row, ScoreConfig
from wiregold.scorers.coref import ConllScore, MUCScore, conll_f1

from wiregold.report import CSV_COLUMNS, FORMATS, render, to_json_dict
from wiregold.scoring import ScoreReport, score

pytest_plugins = ["fake_layer"]  # the fake_registry fixture

Doc = dict[str, Any]


@pytest.fixture
def report(fake_registry: ScoreConfig, doc: Doc) -> ScoreReport:
    """Fake-layer report: 3 of 4 mentions right (one kind wrong), one mistyped, one
    text-only miss; plus one out-of-scope item (set by hand: the fake layer is not a real
    layer, so the zone filter does not count for it)."""
    pred = copy.deepcopy(doc)
    pred["mentions"][1]["kind"] = "NOM"
    pred["mentions"][3]["type"] = "ORG"
    pred["mentions"].append({"text": "Tehran", "type": "GPE"})
    found = score(gold={doc["id"]: doc}, pred={doc["id"]: pred}, config=fake_registry)
    kvkk = ErrorItem(
        "fake",
        doc["id"],
        "out_of_scope",
        None,
        "'KVKK' [3909, 3913)",
        "mention in zone z6",
        pred_span=(3909, 3913),
    )
    return dataclasses.replace(
        found, out_of_scope=OutOfScope({"fake": 1}), out_of_scope_items=(kvkk,)
    )


def test_table(report: ScoreReport) -> None:
    assert render(report=report, fmt="table") == (
        "documents: 1 gold, 1 predicted, 0 missing, 0 unknown (ignored)\n"
        "\n"
        "fake                  P       R      F1  acc/mean  counts\n"
        "  mentions       0.6000  0.7500  0.6667            correct 3, predicted 5, gold 4\n"
        "  kind accuracy                            0.6667  agreed 2, compared 3\n"
        "  count error                              1.0000  total 1, documents 1\n"
        "  (items by_span 4, by_text 1; out of scope 1)\n"
        "\n"
        f"signature: {report.signature}\n"
    )


def test_table_with_errors(report: ScoreReport) -> None:
    text = render(report=report, fmt="table", errors=True)
    assert text.split("\nerrors: 4\n", 1)[1] == (
        "  000_2a4f40216c15907b  fake  missed         gold 'Amir-Abdollahian' [1370, 1386)\n"
        "  000_2a4f40216c15907b  fake  out_of_scope   pred 'KVKK' [3909, 3913); "
        "mention in zone z6\n"
        "  000_2a4f40216c15907b  fake  spurious       pred 'Amir-Abdollahian' [1370, 1386)\n"
        "  000_2a4f40216c15907b  fake  spurious_text  pred 'tehran'\n"
    )


def test_table_marks_undefined_ratios_and_lists_documents(
    fake_registry: ScoreConfig, doc: Doc
) -> None:
    other = {**copy.deepcopy(doc), "id": "001_other"}
    found = score(
        gold={doc["id"]: doc, "001_other": other},
        pred={"zzz": {"doc_id": "zzz"}, "001_other": {"doc_id": "001_other"}},
        config=fake_registry,
        ignore_unknown_docs=True,
    )
    text = render(report=found, fmt="table")
    assert (
        "  mentions          n/a  0.0000  0.0000            correct 0, predicted 0, gold 8\n"
        in text
    )
    assert "  kind accuracy                               n/a  agreed 0, compared 0\n" in text
    assert "documents: 2 gold, 1 predicted, 1 missing, 1 unknown (ignored)\n" in text
    assert f"missing documents (no prediction, scored as empty): {doc['id']}\n" in text
    assert "unknown documents (not in the gold, ignored): zzz\n" in text


def test_markdown(report: ScoreReport) -> None:
    text = render(report=report, fmt="markdown", errors=True)
    assert text.startswith(
        "| layer | metric | P | R | F1 | acc/mean | counts |\n"
        "|---|---|---:|---:|---:|---:|---|\n"
        "| fake | mentions | 0.6000 | 0.7500 | 0.6667 |  | correct 3, predicted 5, gold 4 |\n"
        "| fake | kind accuracy |  |  |  | 0.6667 | agreed 2, compared 3 |\n"
        "| fake | count error |  |  |  | 1.0000 | total 1, documents 1 |\n"
        "\n"
        "documents: 1 gold, 1 predicted, 0 missing, 0 unknown (ignored).\n"
        "Out of scope (unannotated zones, not scored): fake 1.\n"
        "Items scored, fake: by_span 4, by_text 1.\n"
        "\n"
        f"Signature: `{report.signature}`\n"
        "\n"
        "Errors: 4\n"
        "\n"
        "| document | layer | category | gold | pred | detail |\n"
    )
    assert "| 000_2a4f40216c15907b | fake | spurious_text |  | 'tehran' |  |\n" in text


def test_markdown_escapes_pipes(report: ScoreReport) -> None:
    piped = ErrorItem("fake", "d", "spurious", None, "'a|b' (no offsets)", "line\nbreak")
    found = dataclasses.replace(report, out_of_scope_items=(piped,))
    assert "| d | fake | spurious |  | 'a\\|b' (no offsets) | line break |" in render(
        report=found, fmt="markdown", errors=True
    )


def test_csv(report: ScoreReport) -> None:
    """One table that any CSV reader takes whole: metric rows, then error rows."""
    text = render(report=report, fmt="csv", errors=True)
    table = list(csv.DictReader(io.StringIO(text)))
    counts = ["count_correct", "count_predicted", "count_gold", "count_agreed"]
    counts += ["count_compared", "count_total", "count_documents"]
    header = [*CSV_COLUMNS[:-1], *counts, "signature"]
    assert all(list(r) == header and None not in r.values() for r in table)
    assert {r["signature"] for r in table} == {report.signature}
    rows = [r for r in table if r["record"] == "metric"]
    errors = [r for r in table if r["record"] == "error"]
    assert len(rows) + len(errors) == len(table)
    assert all(r["out_of_scope"] == "1" and r["scored"] == "true" for r in rows)
    assert [(r["layer"], r["metric"], r["kind"]) for r in rows] == [
        ("fake", "mentions", "PRF"),
        ("fake", "kind accuracy", "Accuracy"),
        ("fake", "count error", "AbsoluteError"),
    ]
    assert float(rows[0]["precision"]) == 0.6 and rows[0]["accuracy"] == ""
    assert float(rows[0]["f1"]) == pytest.approx(2 / 3)
    assert rows[0]["counts"] == "correct=3 predicted=5 gold=4"
    # The same counts as numbers, a column each; empty where a row has no such count.
    assert [rows[0][f"count_{k}"] for k in ("correct", "predicted", "gold")] == ["3", "5", "4"]
    assert rows[0]["count_agreed"] == "" and rows[1]["count_agreed"] != ""
    assert float(rows[1]["accuracy"]) == pytest.approx(2 / 3) and rows[1]["precision"] == ""
    assert rows[2]["mean"] == "1.0"
    assert all(e["metric"] == e["precision"] == "" and e["doc_id"] for e in errors)
    assert [e["category"] for e in errors] == [
        "missed",
        "out_of_scope",
        "spurious",
        "spurious_text",
    ]
    assert errors[0]["gold"] == "'Amir-Abdollahian' [1370, 1386)" and errors[0]["pred"] == ""
    # Offsets as numbers, to join an error to the gold items.
    assert [errors[1][k] for k in ("gold_start", "pred_start", "pred_end")] == ["", "3909", "3913"]


def test_json_structure(report: ScoreReport) -> None:
    data = json.loads(render(report=report, fmt="json"))
    assert sorted(data) == [
        "config",
        "documents",
        "format",
        "layers",
        "out_of_scope",
        "rows",
        "scored_by",
        "signature",
        "tasks",
        "versions",
    ]
    assert data["format"] == "wiregold-score/2"
    assert data["config"] == {
        k: list(v) if isinstance(v, tuple) else v for k, v in report.config.settings().items()
    }
    assert data["signature"] == report.signature
    assert data["versions"] == {
        "package": report.package_version,
        "corpus": "0.1.0",
        "gold_sha256": report.gold_sha256,
    }
    assert data["documents"] == {"gold": list(report.doc_ids), "missing": [], "unknown": []}
    assert data["tasks"] == ["fake"] and data["out_of_scope"] == {"fake": 1}
    assert data["scored_by"] == {"fake": {"by_span": 4, "by_text": 1}}
    assert [r["metric"] for r in data["rows"]["fake"]] == [
        "mentions",
        "kind accuracy",
        "count error",
    ]
    assert data["rows"]["fake"][0] == {
        "metric": "mentions",
        "kind": "PRF",
        "scored": True,
        "correct": 3,
        "predicted": 5,
        "gold": 4,
        "precision": 0.6,
        "recall": 0.75,
        "f1": pytest.approx(2 / 3),
    }
    fake = data["layers"]["fake"]
    assert sorted(fake) == ["breakdowns", "totals"]  # the layer's errors are not repeated
    assert fake["breakdowns"]["type"]["ORG"]["recall"] is None  # undefined: null
    assert fake["breakdowns"]["type"]["PER"]["precision"] is None


def test_json_errors_only_when_asked(report: ScoreReport) -> None:
    assert "errors" not in to_json_dict(report)
    listed = to_json_dict(report, errors=True)["errors"]
    assert listed[1] == {
        "layer": "fake",
        "doc_id": "000_2a4f40216c15907b",
        "category": "out_of_scope",
        "gold": None,
        "pred": "'KVKK' [3909, 3913)",
        "detail": "mention in zone z6",
        "gold_span": None,
        "pred_span": [3909, 3913],
    }
    assert [e["category"] for e in listed] == [
        "missed",
        "out_of_scope",
        "spurious",
        "spurious_text",
    ]


def test_every_format_is_byte_identical_across_runs(fake_registry: ScoreConfig, doc: Doc) -> None:
    pred = copy.deepcopy(doc)
    pred["mentions"].reverse()
    outputs = []
    for _ in range(2):
        found = score(gold={doc["id"]: doc}, pred={doc["id"]: pred}, config=fake_registry)
        outputs.append([render(report=found, fmt=f, errors=True) for f in FORMATS])
    assert outputs[0] == outputs[1]
    assert outputs[0][1].endswith("}\n") and '"errors": [' in outputs[0][1]


def test_unknown_format() -> None:
    with pytest.raises(
        ValueError, match="unknown format 'xml'; formats: table, json, markdown, csv"
    ):
        render(report=None, fmt="xml")  # type: ignore[arg-type]


@dataclass(frozen=True)
class MixedCounts:
    """Rows of every kind a layer may return, for the generic rendering."""

    def rows(self) -> list[Row]:
        conll = conll_f1(key=[["a", "b"], ["c"]], response=[["a"], ["b", "c"]])
        return [
            Row("coref MUC", MUCScore(1, 2, 0, 1)),
            Row("coref CoNLL", conll),
            Row("plain number", 0.25),
            Row("not predicted", None),
            Row("half", PRF(1.5, 2, 3)),
            Row("nothing", Accuracy(0, 0)),
        ]

    def to_dict(self) -> dict[str, Any]:
        return {"totals": {}, "breakdowns": MappingProxyType({"x": {1, 2}})}


def test_generic_row_values(report: ScoreReport) -> None:
    found = dataclasses.replace(report, totals=MappingProxyType({"fake": MixedCounts()}))
    table = render(report=found, fmt="table")
    conll = MixedCounts().rows()[1].value
    assert isinstance(conll, ConllScore)
    # MUC: recall 1/2, precision 0/1, F1 0.
    muc = "  coref MUC      0.0000  0.5000  0.0000            "
    assert muc + "recall_num 1, recall_den 2, precision_num 0, precision_den 1\n" in table
    assert f"  coref CoNLL                    {conll.f1:.4f}\n" in table
    assert "  plain number                             0.2500\n" in table
    assert "  not predicted                                    (not scored)\n" in table
    assert (
        "  half           0.7500  0.5000  0.6000            correct 1.5, predicted 2, gold 3\n"
        in table
    )
    data = json.loads(render(report=found, fmt="json"))
    rows = {r["metric"]: r for r in data["rows"]["fake"]}
    assert rows["not predicted"] == {"metric": "not predicted", "kind": None, "scored": False}
    assert rows["plain number"] == {
        "metric": "plain number",
        "kind": "float",
        "value": 0.25,
        "scored": True,
    }
    assert rows["coref CoNLL"]["kind"] == "ConllScore" and "muc" in rows["coref CoNLL"]
    assert rows["nothing"]["accuracy"] is None
    assert data["layers"]["fake"]["breakdowns"] == {"x": [1, 2]}
    csv_rows = list(csv.DictReader(io.StringIO(render(report=found, fmt="csv"))))
    assert (csv_rows[0]["precision"], csv_rows[0]["f1"], csv_rows[0]["accuracy"]) == (
        "0.0",
        "0.0",
        "",
    )
