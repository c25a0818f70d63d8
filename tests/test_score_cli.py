"""`wiregold score` and `wiregold validate --pred`: outputs, exit codes, every error
message, and the README's scoring examples (validated and re-run, so they cannot drift).

The README's example output is regenerated with ``python tests/test_score_cli.py
--write-readme`` (after a deliberate change of a scorer's output).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import re
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from wiregold.scorers import registry
from wiregold.scorers.base import ScoreConfig

from wiregold import paths
from wiregold.canonical import canonical_bytes
from wiregold.cli import build_parser, main
from wiregold.jsonio import read_json
from wiregold.score_cli import LABEL_PRESETS, config_from_args

pytest_plugins = ["fake_layer"]  # the fake_registry fixture

Doc = dict[str, Any]
Run = Callable[..., tuple[int, str, str]]
ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
GOLD_FILE = paths.corpus_root() / "test" / "000_2a4f40216c15907b.json"
GOLD: Doc = read_json(path=GOLD_FILE).value
DOC_ID = GOLD["id"]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""

    def invoke(*argv: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def write_jsonl(path: Path, *objects: Any) -> Path:
    path.write_text("".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects))
    return path


def available(layer: str) -> None:
    try:
        registry.get(layer)
    except registry.LayerUnavailableError as err:
        pytest.skip(f"layer {layer} not available yet: {err}")


def kvkk() -> Doc:
    start = GOLD["text"].index("KVKK")
    return {"start": start, "end": start + 4, "text": "KVKK", "type": "ORG", "kind": "NAM"}


# --------------------------------------------------------------------- real layers


def row_is_perfect(row: dict[str, Any]) -> bool:
    kind = row["kind"]
    if kind is None:  # a row the layer did not score (e.g. text-only rows, nothing text-only)
        return True
    if kind == "PRF":
        return row["f1"] == 1.0 if row["gold"] or row["predicted"] else row["f1"] is None
    if kind == "Accuracy":
        return row["accuracy"] in (1.0, None)
    if kind == "AbsoluteError":
        return row["total"] == 0
    ratios = [row[k] for k in ("precision", "recall", "f1", "accuracy") if k in row]
    return bool(ratios) and all(r in (1.0, None) for r in ratios)


@pytest.mark.parametrize("layer", registry.names())
def test_gold_against_itself_scores_1_on_every_row(run: Run, layer: str) -> None:
    available(layer)
    code, out, err = run("score", "--pred", GOLD_FILE, "--task", layer, "--format", "json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    rows = report["rows"][layer]
    assert rows and all(row_is_perfect(row) for row in rows), rows
    assert report["out_of_scope"] == {layer: 0}
    assert report["documents"] == {"gold": [DOC_ID], "missing": [], "unknown": []}


@pytest.mark.parametrize("layer", registry.names())
def test_empty_prediction_gives_recall_0(run: Run, layer: str, tmp_path: Path) -> None:
    available(layer)
    pred = write_jsonl(tmp_path / "empty.jsonl", {"doc_id": DOC_ID})
    code, out, _ = run("score", "--pred", pred, "--task", layer, "--format", "json")
    headline = json.loads(out)["rows"][layer][0]
    assert code == 0 and headline["gold"] > 0
    assert (headline["recall"], headline["precision"]) == (0.0, None)


def test_scoring_twice_gives_identical_json(run: Run, tmp_path: Path) -> None:
    pred = copy.deepcopy(GOLD)
    pred["mentions"] = pred["mentions"][::-1]
    pred["mentions"][0]["type"] = "ORG"
    pred["timexes"][0]["value"] = "2024"
    path = tmp_path / "pred.json"
    path.write_text(json.dumps(pred, ensure_ascii=False, indent=1))
    first = run("score", "--pred", path, "--format", "json", "--errors")
    second = run("score", "--pred", path, "--format", "json", "--errors")
    assert first == second and first[0] == 0


def test_out_of_scope_mention_in_the_cookie_notice(run: Run, tmp_path: Path) -> None:
    available("entities")
    pred = {"doc_id": DOC_ID, "mentions": [*GOLD["mentions"], kvkk()]}
    path = write_jsonl(tmp_path / "pred.jsonl", pred)
    code, out, _ = run(
        "score", "--pred", path, "--task", "entities", "--format", "json", "--errors"
    )
    report = json.loads(out)
    assert code == 0 and report["out_of_scope"] == {"entities": 1}
    assert all(row_is_perfect(row) for row in report["rows"]["entities"])  # not penalised
    start = kvkk()["start"]
    assert report["errors"] == [
        {
            "layer": "entities",
            "doc_id": DOC_ID,
            "category": "out_of_scope",
            "gold": None,
            "pred": f"'KVKK' [{start}, {start + 4})",
            "detail": "mention in unannotated zone z17 (boilerplate)",
            "gold_span": None,
            "pred_span": [start, start + 4],
        }
    ]
    code, table, _ = run("score", "--pred", path, "--task", "entities", "--errors")
    assert (
        "out of scope 1)" in table and f"out_of_scope  pred 'KVKK' [{start}, {start + 4})" in table
    )


def test_text_only_and_mixed_files(run: Run, tmp_path: Path) -> None:
    text_only = {
        "doc_id": DOC_ID,
        "mentions": [{"text": m["text"], "type": m["type"]} for m in GOLD["mentions"][:10]],
        "timexes": [
            {"text": t["text"], "type": t["type"], "value": t["value"]} for t in GOLD["timexes"]
        ],
    }
    mixed = {
        "doc_id": DOC_ID,
        "mentions": GOLD["mentions"][:3] + text_only["mentions"][3:],
        "timexes": GOLD["timexes"][:2] + text_only["timexes"][2:],
    }
    for pred, expected in ((text_only, (0, 10)), (mixed, (3, 7))):
        path = write_jsonl(tmp_path / "pred.jsonl", pred)
        assert run("validate", "--pred", path) == (0, "1 prediction, 0 problems\n", "")
        layers = [name for name in ("entities", "timexes") if name in registry.available()]
        if not layers:
            pytest.skip("neither entities nor timexes is available yet")
        code, out, err = run("score", "--pred", path, "--task", *layers, "--format", "json")
        report = json.loads(out)
        assert (code, err) == (0, "")
        if "entities" in layers:
            scored = report["scored_by"]["entities"]
            assert (scored["by_span"], scored["by_text"]) == expected


def test_fake_layer_through_the_cli(run: Run, fake_registry: ScoreConfig, tmp_path: Path) -> None:
    pred = {"doc_id": DOC_ID, "mentions": [*GOLD["mentions"][:5], {"text": "Iran", "type": "GPE"}]}
    path = write_jsonl(tmp_path / "pred.jsonl", pred)
    code, out, err = run("score", "--pred", path, "--task", "fake")
    assert (code, err) == (0, "")
    assert (
        "  mentions       1.0000  0.0500  0.0952            correct 6, predicted 6, gold 120" in out
    )


# ------------------------------------------------------------------------- documents


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    """The real gold and a copy under another id."""
    directory = tmp_path / "gold"
    directory.mkdir()
    (directory / GOLD_FILE.name).write_bytes(GOLD_FILE.read_bytes())
    (directory / "001_copy.json").write_bytes(canonical_bytes(doc={**GOLD, "id": "001_copy"}))
    return directory


def test_missing_document_is_scored_as_empty(
    run: Run, fake_registry: ScoreConfig, gold_dir: Path, tmp_path: Path
) -> None:
    path = write_jsonl(tmp_path / "pred.jsonl", {"doc_id": DOC_ID, "mentions": GOLD["mentions"]})
    code, out, _ = run("score", "--pred", path, "--gold", gold_dir, "--task", "fake")
    assert code == 0
    assert "documents: 2 gold, 1 predicted, 1 missing, 0 unknown (ignored)\n" in out
    assert "missing documents (no prediction, scored as empty): 001_copy\n" in out
    assert "correct 120, predicted 120, gold 240" in out
    code, out, _ = run("validate", "--pred", path, "--gold", gold_dir)
    assert (code, out) == (
        0,
        "note: no prediction for 1 gold document, scored as empty: 001_copy\n"
        "1 prediction, 0 problems\n",
    )


def test_a_broken_line_is_not_called_a_missing_prediction(
    run: Run, gold_dir: Path, tmp_path: Path
) -> None:
    """The second line is its document's prediction, but its id cannot be read."""
    path = tmp_path / "pred.jsonl"
    path.write_text(f'{{"doc_id": "{DOC_ID}"}}\n{{"doc_id": "001_copy",}}\n', encoding="utf-8")
    code, out, _ = run("validate", "--pred", path, "--gold", gold_dir)
    assert code == 1
    assert "note: no line names the 1 gold document by a readable id: 001_copy\n" in out
    assert "scored as empty" not in out


def test_unknown_document(run: Run, fake_registry: ScoreConfig, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "pred.jsonl", {"doc_id": DOC_ID}, {"doc_id": "zzz"})
    code, out, err = run("score", "--pred", path, "--task", "fake")
    assert (code, out) == (1, "")
    assert err == (
        f"{path}:2: /doc_id: unknown document 'zzz': no gold document has this id "
        f"(expected: one of the 1 gold documents: {DOC_ID})\n"
        "hint: --ignore-unknown-docs skips predictions for documents not in the gold\n"
        "2 predictions, 1 problem; nothing scored\n"
    )
    code, out, err = run("score", "--pred", path, "--task", "fake", "--ignore-unknown-docs")
    assert (code, err) == (0, "")
    assert "unknown documents (not in the gold, ignored): zzz\n" in out
    code, out, _ = run("validate", "--pred", path)
    assert code == 1 and out.endswith(
        "hint: --ignore-unknown-docs skips predictions for documents not in the gold\n"
        "2 predictions, 1 problem\n"
    )
    code, out, _ = run("validate", "--pred", path, "--ignore-unknown-docs")
    assert (code, out) == (
        0,
        "note: skipped 1 prediction for documents not in the gold: zzz\n"
        "2 predictions, 0 problems\n",
    )


def test_invalid_predictions_exit_1(run: Run, fake_registry: ScoreConfig, tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(
        json.dumps(
            {"doc_id": DOC_ID, "mentions": [{"start": 0, "end": 8, "text": "Iran", "type": "GPE"}]}
        )
        + "\n{broken\n"
    )
    expected = (
        f"{path}:1: /mentions/0/text: span text does not match text[0:8]; 'Iran' occurs at "
        "[10, 14) (expected: 'Pakistan', the text at [0, 8))\n"
        f"{path}:2: /: invalid JSON at column 2: missing property name; found 'broken' "
        "(expected: a property name in double quotes)\n"
    )
    assert run("score", "--pred", path, "--task", "fake") == (
        1,
        "",
        expected + "1 prediction, 2 problems; nothing scored\n",
    )
    assert run("validate", "--pred", path) == (1, expected + "1 prediction, 2 problems\n", "")


def test_invalid_gold_exit_1(run: Run, fake_registry: ScoreConfig, tmp_path: Path) -> None:
    broken = copy.deepcopy(GOLD)
    broken["mentions"][0]["kind"] = "XYZ"
    gold = tmp_path / "gold.json"
    gold.write_bytes(canonical_bytes(doc=broken))
    pred = write_jsonl(tmp_path / "pred.jsonl", {"doc_id": DOC_ID})
    code, out, err = run("score", "--pred", pred, "--gold", gold, "--task", "fake")
    assert (code, out) == (1, "")
    assert '/mentions/0/kind: not an allowed value; found "XYZ"' in err
    assert err.endswith("gold: 1 file, 1 problem\n")
    code, out, _ = run("validate", "--pred", pred, "--gold", gold)
    assert code == 1 and out.endswith("gold: 1 file, 1 problem\n")


def test_gold_need_not_be_canonically_formatted(
    run: Run, fake_registry: ScoreConfig, tmp_path: Path
) -> None:
    gold = tmp_path / "anything.json"
    gold.write_text(json.dumps(GOLD, indent=3, ensure_ascii=False))
    pred = write_jsonl(tmp_path / "pred.jsonl", {"doc_id": DOC_ID})
    code, out, _ = run(
        "score", "--pred", pred, "--gold", gold, "--task", "fake", "--format", "json"
    )
    default = run("score", "--pred", pred, "--task", "fake", "--format", "json")
    assert code == 0 and out == default[1]  # same gold hash: canonical bytes


def test_the_same_gold_document_twice(run: Run, fake_registry: ScoreConfig, tmp_path: Path) -> None:
    for name in ("a.json", "b.json"):
        (tmp_path / "gold" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "gold" / name).write_bytes(GOLD_FILE.read_bytes())
    pred = write_jsonl(tmp_path / "pred.jsonl", {"doc_id": DOC_ID})
    code, _, err = run("score", "--pred", pred, "--gold", tmp_path / "gold", "--task", "fake")
    assert code == 1
    assert err == (
        f"{tmp_path / 'gold' / 'b.json'}:1: /id: gold document '{DOC_ID}' is also in "
        f"{tmp_path / 'gold' / 'a.json'} (expected: each gold document in one file)\n"
        "gold: 2 files, 1 problem\n"
    )


# ------------------------------------------------------------------------------ --out


def test_out_writes_the_report(run: Run, fake_registry: ScoreConfig, tmp_path: Path) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", {"doc_id": DOC_ID})
    out_file = tmp_path / "report.json"
    code, out, err = run(
        "score", "--pred", pred, "--task", "fake", "--format", "json", "--out", out_file
    )
    assert (code, out, err) == (0, "", f"wrote {out_file}\n")
    stdout = run("score", "--pred", pred, "--task", "fake", "--format", "json")[1]
    assert out_file.read_text(encoding="utf-8") == stdout
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    umask = os.umask(0)
    os.umask(umask)
    assert out_file.stat().st_mode & 0o777 == 0o666 & ~umask  # as open() would, not 0600


def test_out_is_refused_where_it_would_do_harm(
    run: Run, fake_registry: ScoreConfig, gold_dir: Path, tmp_path: Path
) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", {"doc_id": DOC_ID})
    root = paths.data_root()
    base = ("score", "--pred", pred, "--task", "fake")
    gold_file = gold_dir / GOLD_FILE.name
    cases = [
        ((*base, "--out", pred), f"--out {pred} is an input file; write the report elsewhere"),
        (
            (*base, "--gold", gold_file, "--out", gold_file),
            f"--out {gold_file} is an input file; write the report elsewhere",
        ),
        (
            (*base, "--gold", gold_dir, "--out", gold_dir / "r.json"),
            f"--out {gold_dir / 'r.json'} is inside the gold directory {gold_dir}",
        ),
        (
            (*base, "--out", GOLD_FILE),
            f"--out {GOLD_FILE} is an input file; write the report elsewhere",
        ),
        (
            (*base, "--out", root / "corpus" / "report.txt"),
            f"--out {root / 'corpus' / 'report.txt'} is inside the packaged corpus/ directory; "
            "write the report elsewhere",
        ),
        (
            (*base, "--out", root / "seeds" / "x.txt"),
            f"--out {root / 'seeds' / 'x.txt'} is inside the packaged seeds/ directory; "
            "write the report elsewhere",
        ),
        ((*base, "--out", tmp_path), f"--out {tmp_path} is a directory"),
        (
            (*base, "--out", tmp_path / "no" / "r.txt"),
            f"--out {tmp_path / 'no' / 'r.txt'}: directory {tmp_path / 'no'} does not exist",
        ),
    ]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # a device or a pipe would be replaced by the renamed file
    cases.append(
        ((*base, "--out", fifo), f"--out {fifo} is not a regular file (a device, pipe or socket)")
    )
    for argv, message in cases:
        assert run(*argv) == (2, "", f"wiregold score: error: {message}\n"), argv
    assert not (root / "corpus" / "report.txt").exists()
    assert stat.S_ISFIFO(fifo.stat().st_mode)


# ------------------------------------------------------------------------ usage errors


def test_usage_errors(run: Run, fake_registry: ScoreConfig, tmp_path: Path) -> None:
    pred = write_jsonl(tmp_path / "pred.jsonl", {"doc_id": DOC_ID})
    (tmp_path / "empty").mkdir()
    cases = [
        (
            ("score", "--pred", tmp_path / "none.jsonl"),
            f"--pred {tmp_path / 'none.jsonl'}: no such file (expected a prediction file)",
        ),
        (
            ("score", "--pred", tmp_path),
            f"--pred {tmp_path}: a directory (expected a prediction file)",
        ),
        (
            ("score", "--pred", pred, "--task", "fake", "--gold", tmp_path / "nope"),
            f"--gold {tmp_path / 'nope'}: no such file or directory",
        ),
        (
            ("score", "--pred", pred, "--task", "fake", "--gold", tmp_path / "empty"),
            f"no gold documents (*.json) in {tmp_path / 'empty'}",
        ),
        (
            ("score", "--pred", pred, "--task", "fake", "--quote-overlap", "2"),
            "quote_overlap must be a number in [0, 1], got 2.0",
        ),
        (
            ("score", "--pred", pred, "--task", "fake", "--partial-credit", "nan"),
            "partial_credit must be a number in [0, 1], got nan",
        ),
        (
            (
                "score",
                "--pred",
                pred,
                "--task",
                "fake",
                "--labels",
                "conll",
                "--normalization",
                "1",
                "--quote-overlap",
                "-0.5",
            ),
            "quote_overlap must be a number in [0, 1], got -0.5",
        ),
        (("validate", "--pred", pred, GOLD_FILE), "--pred cannot be combined with PATH arguments"),
        (("validate", "--gold", GOLD_FILE), "--gold and --ignore-unknown-docs need --pred FILE"),
        (
            ("validate", "--ignore-unknown-docs"),
            "--gold and --ignore-unknown-docs need --pred FILE",
        ),
        (
            ("validate", "--pred", tmp_path / "none.jsonl"),
            f"--pred {tmp_path / 'none.jsonl'}: no such file (expected a prediction file)",
        ),
    ]
    for argv, message in cases:
        assert run(*argv) == (2, "", f"wiregold {argv[0]}: error: {message}\n"), argv


@pytest.mark.parametrize(
    "argv",
    [
        ["score"],
        ["score", "--pred"],
        ["score", "--pred", "p.jsonl", "--task", "ner"],
        ["score", "--pred", "p.jsonl", "--format", "xml"],
        ["score", "--pred", "p.jsonl", "--labels", "bio"],
        ["score", "--pred", "p.jsonl", "--quote-overlap", "half"],
        ["score", "--pred", "p.jsonl", "--normalization", "2"],
    ],
)
def test_argparse_errors_exit_2(run: Run, argv: list[str]) -> None:
    code, out, err = run(*argv)
    assert code == 2 and out == "" and "usage: wiregold score" in err


def test_unavailable_layer_is_a_usage_error(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(registry.LAYERS, "timexes", "wiregold.scorers.not_installed")
    pred = write_jsonl(tmp_path / "pred.jsonl", {"doc_id": DOC_ID})
    assert run("score", "--pred", pred, "--task", "timexes") == (
        2,
        "",
        "wiregold score: error: layer 'timexes' is not available in this installation "
        "(module wiregold.scorers.not_installed not found)\n",
    )


def test_a_layer_refusing_a_setting_is_a_usage_error(
    run: Run, fake_registry: ScoreConfig, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import fake_layer

    monkeypatch.setattr(fake_layer, "REJECTED_LABELS", "conll")
    pred = write_jsonl(tmp_path / "pred.jsonl", {"doc_id": DOC_ID})
    assert run("score", "--pred", pred, "--task", "fake", "--labels", "conll") == (
        2,
        "",
        "wiregold score: error: fake: the fake layer does not accept labels 'conll'\n",
    )


def test_missing_test_split_is_a_usage_error(
    run: Run, fake_registry: ScoreConfig, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(paths, "split_names", lambda: [])
    pred = write_jsonl(tmp_path / "pred.jsonl", {"doc_id": DOC_ID})
    code, out, err = run("score", "--pred", pred, "--task", "fake")
    assert (code, out) == (2, "")
    assert err == (
        f"wiregold score: error: no test split under {paths.corpus_root()}; pass --gold PATH\n"
    )


# ------------------------------------------------------------------------------- flags


def _flag_for(name: str, value: Any) -> list[str]:
    flag = "--task" if name == "tasks" else "--" + name.replace("_", "-")
    if isinstance(value, bool):
        return [flag if value else "--no-" + flag[2:]]
    if isinstance(value, tuple):
        return [flag, *value]
    return [flag, str(value)]


def test_every_config_field_has_a_flag(fake_registry: ScoreConfig) -> None:
    alternatives = {
        "tasks": ("fake",),
        "labels": "ontonotes",
        "quote_overlap": 0.75,
        "partial_credit": 0.25,
    }
    defaults = ScoreConfig()
    parser = build_parser()
    for field in ScoreConfig.__dataclass_fields__.values():
        default = getattr(defaults, field.name)
        if field.name == "normalization":
            value = default  # one version exists: the flag accepts only it
        elif field.name in alternatives:
            value = alternatives[field.name]
        elif isinstance(default, bool):
            value = not default
        else:
            pytest.fail(f"add an alternative value for the new setting {field.name}")
        argv = ["score", "--pred", "p.jsonl", "--task", "fake", *_flag_for(field.name, value)]
        config = config_from_args(parser.parse_args(argv))
        assert getattr(config, field.name) == value, field.name


def test_repeated_tasks_count_once(fake_registry: ScoreConfig) -> None:
    args = build_parser().parse_args(["score", "--pred", "p", "--task", "fake", "--task", "fake"])
    assert config_from_args(args).tasks == ("fake",)


def test_label_presets_are_the_scorers_presets() -> None:
    labels = pytest.importorskip("wiregold.scorers.labels")
    assert sorted(LABEL_PRESETS) == sorted(labels.PRESETS)


def test_help_does_not_import_heavy_modules() -> None:
    script = (
        "import sys\nfrom wiregold.cli import main\n"
        "for argv in (['--help'], ['score', '--help'], ['validate', '--help']):\n"
        "    try:\n        main(argv)\n    except SystemExit:\n        pass\n"
        "print(sorted(m for m in ('jsonschema', 'wiregold.scoring', 'wiregold.predictions',"
        " 'wiregold.scorers.entities') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert "--coref-arguments" in result.stdout and "--pred FILE" in result.stdout


# ------------------------------------------------------------------------------ README


def _scoring_section(text: str) -> str:
    return text.split("## Scoring a system\n", 1)[1].split("\n## ", 1)[0]


def readme_json_examples(text: str) -> list[str]:
    return re.findall(r"```json\n(.*?)```", _scoring_section(text), flags=re.DOTALL)


def test_readme_prediction_examples_are_valid(run: Run, tmp_path: Path) -> None:
    examples = readme_json_examples(README.read_text(encoding="utf-8"))
    assert len(examples) >= 10  # every layer with offsets and text only, the CLI example
    for number, example in enumerate(examples):
        path = tmp_path / f"example{number}.json"
        path.write_text(example, encoding="utf-8")
        assert run("validate", "--pred", path) == (0, "1 prediction, 0 problems\n", ""), example


def _located(layer: str, item: dict[str, Any]) -> bool:
    where = {"events": "trigger", "quotes": "content"}.get(layer)
    if layer == "casualties":
        return any("start" in span for span in item.get("evidence", []))
    return "start" in (item[where] if where else item)


def test_readme_examples_cover_every_layer_with_and_without_offsets() -> None:
    examples = [json.loads(e) for e in readme_json_examples(README.read_text(encoding="utf-8"))]
    for layer in ("mentions", "timexes", "events", "casualties", "quotes"):
        located = {_located(layer, item) for e in examples for item in e.get(layer, [])}
        assert located == {True, False}, layer


_EXAMPLE = re.compile(
    r"(<!-- score-example:start -->\n.*?```json\n)(?P<input>.*?)(```\n\n```console\n\$ )"
    r"(?P<command>wiregold [^\n]*)\n(?P<output>.*?)(```\n<!-- score-example:end -->)",
    re.DOTALL,
)


def render_readme_example(readme: str) -> str:
    """The README with the score example's output recomputed by the tool."""
    found = _EXAMPLE.search(readme)
    if found is None:
        raise ValueError("README has no score-example block")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "example.json").write_text(found["input"], encoding="utf-8")
        out, err = io.StringIO(), io.StringIO()
        with (
            contextlib.chdir(tmp),
            contextlib.redirect_stdout(out),
            contextlib.redirect_stderr(err),
        ):
            code = main(found["command"].split()[1:])
        if code != 0:
            raise ValueError(f"the README example fails: {err.getvalue()}")
    start, end = found.span("output")
    return readme[:start] + out.getvalue() + readme[end:]


def test_readme_score_example_output_is_current() -> None:
    for layer in ("entities", "timexes"):
        available(layer)
    current = README.read_text(encoding="utf-8")
    assert render_readme_example(current) == current, (
        "the README's score example is stale: run python tests/test_score_cli.py --write-readme"
    )


if __name__ == "__main__":
    if sys.argv[1:] != ["--write-readme"]:
        raise SystemExit("usage: python tests/test_score_cli.py --write-readme")
    os.chdir(ROOT)
    README.write_text(render_readme_example(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{README}: score example regenerated")
