"""`wiregold render`: the files it writes, every error path with its message and exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from render_support import ANNOTATOR2_FILE, DOC_ID, GOLD_FILE, Page

from wiregold import paths
from wiregold.cli import main

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""

    def invoke(*argv: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def test_gold_view_is_written(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "gold.html"
    code, stdout, err = run("render", "--out", out)
    assert (code, stdout, err) == (0, "", f"wrote {out}\n")
    page = Page(out.read_text(encoding="utf-8"))
    assert page.data()["view"] == "gold" and page.data()["doc_id"] == DOC_ID
    assert "corpus/test/000_2a4f40216c15907b.json" in "".join(page.texts)  # relative path


def test_errors_view_is_written(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "errors.html"
    code, _, err = run("render", "--pred", ANNOTATOR2_FILE, "--doc", DOC_ID, "--out", out)
    assert code == 0 and err == f"wrote {out}\n"
    page = Page(out.read_text(encoding="utf-8"))
    assert page.data()["view"] == "errors" and len(page.data()["errors"]) == 9
    code, _, _ = run(
        "render", "--pred", ANNOTATOR2_FILE, "--task", "quotes", "--out", tmp_path / "q.html"
    )
    data = Page((tmp_path / "q.html").read_text(encoding="utf-8")).data()
    assert code == 0 and data["errors"] == []  # annotator 2 agrees on every quote


def test_a_document_without_prediction_is_rendered_as_empty(run: Run, tmp_path: Path) -> None:
    pred = tmp_path / "other.jsonl"
    pred.write_text(json.dumps({"doc_id": "some-other-doc"}) + "\n", encoding="utf-8")
    out = tmp_path / "empty.html"
    code, _, err = run("render", "--pred", pred, "--ignore-unknown-docs", "--out", out)
    assert code == 0
    assert f"note: {pred} has no prediction for {DOC_ID}: rendered as an empty prediction" in err
    errors = Page(out.read_text(encoding="utf-8")).data()["errors"]
    assert errors and all(e["category"].startswith("missed") for e in errors)


def test_missing_out(run: Run) -> None:
    code, out, err = run("render")
    assert code == 2 and out == ""
    assert "wiregold render: error: the following arguments are required: --out" in err


def test_unknown_doc(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    code, _, err = run("render", "--doc", "nope", "--out", out)
    assert code == 2
    assert err == (
        f"wiregold render: error: --doc nope: no such gold document; the gold has: {DOC_ID}\n"
    )
    assert not out.exists()


def test_out_equal_to_an_input(run: Run, tmp_path: Path) -> None:
    pred = tmp_path / "pred.json"
    pred.write_bytes(ANNOTATOR2_FILE.read_bytes())
    code, _, err = run("render", "--pred", pred, "--out", pred)
    assert code == 2
    assert (
        err == f"wiregold render: error: --out {pred} is an input file; write the page elsewhere\n"
    )
    assert pred.read_bytes() == ANNOTATOR2_FILE.read_bytes()
    gold = tmp_path / "gold.json"
    gold.write_bytes(GOLD_FILE.read_bytes())
    code, _, err = run("render", "--gold", gold, "--out", gold)
    assert code == 2 and "is an input file" in err


@pytest.mark.parametrize("where", ["corpus", "seeds"])
def test_out_inside_the_packaged_data(run: Run, where: str) -> None:
    out = paths.data_root() / where / "view.html"
    code, _, err = run("render", "--out", out)
    assert code == 2
    assert err == (
        f"wiregold render: error: --out {out} is inside the packaged {where}/ directory; "
        "write the page elsewhere\n"
    )
    assert not out.exists()


def test_out_is_a_directory_or_in_a_missing_one(run: Run, tmp_path: Path) -> None:
    code, _, err = run("render", "--out", tmp_path)
    assert code == 2 and err == f"wiregold render: error: --out {tmp_path} is a directory\n"
    missing = tmp_path / "no" / "x.html"
    code, _, err = run("render", "--out", missing)
    assert code == 2
    assert err == (
        f"wiregold render: error: --out {missing}: directory {missing.parent} does not exist\n"
    )


def test_scoring_settings_need_pred(run: Run, tmp_path: Path) -> None:
    code, _, err = run("render", "--quote-overlap", "0.3", "--out", tmp_path / "x.html")
    assert code == 2
    assert err == "wiregold render: error: --quote-overlap: scoring settings need --pred FILE\n"
    code, _, err = run(
        "render", "--pred", ANNOTATOR2_FILE, "--quote-overlap", "2", "--out", tmp_path / "x.html"
    )
    assert code == 2 and "quote_overlap must be a number in [0, 1]" in err


def test_missing_prediction_file(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nope.jsonl"
    code, _, err = run("render", "--pred", missing, "--out", tmp_path / "x.html")
    assert code == 2
    assert err == (
        f"wiregold render: error: --pred {missing}: no such file (expected a prediction file)\n"
    )


def test_invalid_predictions_render_nothing(run: Run, tmp_path: Path) -> None:
    pred = tmp_path / "bad.jsonl"
    pred.write_text('{"doc_id": "000_2a4f40216c15907b", "mentions": [{"text": "x"}]}\n')
    out = tmp_path / "x.html"
    code, _, err = run("render", "--pred", pred, "--out", out)
    assert code == 1 and not out.exists()
    assert f"{pred}:1: /mentions/0: 'type' is a required property" in err
    assert err.endswith("1 prediction, 1 problem; nothing rendered\n")


def test_a_gold_of_several_documents(run: Run, tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    doc = json.loads(GOLD_FILE.read_text(encoding="utf-8"))
    (gold / "a.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    other = {**doc, "id": "001_copy"}
    (gold / "b.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "view.html"
    code, _, err = run("render", "--gold", gold, "--out", out)
    assert code == 0
    assert f"note: rendering {DOC_ID}, the first of 2 documents (choose with --doc)" in err
    code, _, err = run("render", "--gold", gold, "--doc", "001_copy", "--out", out)
    assert code == 0 and "note:" not in err
    assert Page(out.read_text(encoding="utf-8")).data()["doc_id"] == "001_copy"
    code, _, err = run("render", "--gold", gold, "--out", gold / "c.html")
    assert code == 2 and f"is inside the gold directory {gold}" in err
