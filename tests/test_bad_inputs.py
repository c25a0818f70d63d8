"""Every case of the bad-input catalogue (:mod:`wiregold.bad_inputs`), fed to the command
line: the exact problem lines and the exit code. The README's "Bad input" tables are
printed from the same catalogue, so they show what these tests check.

Plus the one real large input: a 300 MB line, rejected in bounded time and memory.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wiregold import bad_inputs, jsonio, paths
from wiregold.bad_inputs import Case, UsageCase
from wiregold.canonical import canonical_bytes
from wiregold.cli import build_parser, main
from wiregold.problems import counted

Doc = dict[str, Any]
Run = Callable[..., tuple[int, str, str]]
SMALL_LIMIT = 16 * 1024  # larger than the fixture gold (12 KB), so only the case trips it


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def invoke(*argv: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture
def gold_file(tmp_path: Path, doc: Doc) -> Path:
    path = tmp_path / "gold" / f"{doc['id']}.json"
    path.parent.mkdir()
    path.write_bytes(canonical_bytes(doc=doc))
    return path


def _limited(case: Case, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Lower the size limit for the cases about it; the template values of the limit."""
    if any("{limit}" in line for line in case.problems):
        monkeypatch.setattr(jsonio, "MAX_BYTES", SMALL_LIMIT)
    return {"limit": jsonio.size_text(jsonio.MAX_BYTES), "over": str(jsonio.MAX_BYTES + 1)}


def _expected(case: Case, path: Path, values: dict[str, str]) -> list[str]:
    return [line.format(file=path, **values) for line in case.problems]


def _problem_lines(text: str, path: Path) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(f"{path}:")]


def _spurious(report: dict[str, Any]) -> list[str]:
    """The errors about predicted items, as the catalogue writes them."""
    return [
        f"{e['layer']} {e['category']}: {e['pred']}; {e['detail']}"
        for e in report["errors"]
        if e["pred"] is not None
    ]


@pytest.mark.parametrize("case", bad_inputs.PREDICTION_CASES, ids=lambda c: c.name)
def test_prediction_file(
    case: Case,
    run: Run,
    doc: Doc,
    gold_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    values = _limited(case, monkeypatch)
    path = tmp_path / "pred.jsonl"
    path.write_bytes(case.content(doc))
    expected = _expected(case, path, values)
    base = ("--pred", path, "--gold", gold_file, *case.args)

    code, out, err = run("validate", *base)
    assert (code, err) == (case.code, "")
    assert _problem_lines(out, path) == expected
    assert out.splitlines()[-1].endswith(f", {counted(len(expected), 'problems')}")

    code, out, err = run("score", *base, "--format", "json", "--errors")
    assert code == case.code
    if case.code:
        assert out == ""
        assert _problem_lines(err, path) == expected
        assert err.splitlines()[-1].endswith(
            f", {counted(len(expected), 'problems')}; nothing scored"
        )
        return
    report = json.loads(out)
    assert _spurious(report) == list(case.errors)
    unknown = ["zzz"] if "--ignore-unknown-docs" in case.args else []
    assert report["documents"]["unknown"] == unknown
    assert report["documents"]["missing"] == ([doc["id"]] if unknown else [])


@pytest.mark.parametrize("case", bad_inputs.GOLD_CASES, ids=lambda c: c.name)
def test_gold_file(
    case: Case,
    run: Run,
    doc: Doc,
    gold_file: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    values = _limited(case, monkeypatch)
    path = tmp_path / "checked" / f"{doc['id']}.json"
    path.parent.mkdir()
    path.write_bytes(case.content(doc))
    expected = _expected(case, path, values)
    assert run("validate", path) == (
        case.code,
        "".join(f"{line}\n" for line in expected)
        + f"1 file, {counted(len(expected), 'problems')}\n",
        "",
    )
    # As the gold of `score`: the same problems, except the file-level checks `score --gold`
    # skips on purpose (the format cannot change a score; the file name need not be the id).
    code, out, err = run("score", "--pred", gold_file, "--gold", path, "--task", "timexes")
    if case.name == "crlf":
        assert (code, err) == (0, "")
    elif case.name == "unknown-id":
        assert code == 1 and _problem_lines(err, path) == []  # 000_... is now unknown
    else:
        assert (code, out) == (1, "")
        assert _problem_lines(err, path) == expected


def _subcommands() -> set[str]:
    parser = build_parser()
    found: set[str] = set()
    for action in parser._actions:
        choices = getattr(action, "choices", None)
        if isinstance(choices, dict):
            found.update(choices)
    return found


@pytest.mark.parametrize("case", bad_inputs.USAGE_CASES, ids=lambda c: c.name)
def test_paths_and_options(
    case: UsageCase, run: Run, doc: Doc, gold_file: Path, tmp_path: Path
) -> None:
    if case.argv[0] not in _subcommands():
        pytest.skip(f"no `wiregold {case.argv[0]}` in this installation")
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps({"doc_id": doc["id"]}) + "\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    twin = tmp_path / "twin"
    twin.mkdir()
    for name in ("a.json", "b.json"):
        shutil.copy(gold_file, twin / name)
    values = {
        "pred": str(pred),
        "gold": str(gold_file),
        "dir": str(tmp_path / "empty"),
        "missing": str(tmp_path / "missing.jsonl"),
        "twin": str(twin),
        "split": str(paths.corpus_root() / "test"),
        "corpus": str(paths.corpus_root().resolve()),
    }
    code, out, err = run(*(arg.format(**values) for arg in case.argv))
    assert code == case.code
    assert err.splitlines()[0] == case.message.format(**values)
    if case.code == 2:
        assert out == "" and len(err.splitlines()) == 1
    assert not (paths.corpus_root() / "test" / "report.txt").exists()


# ----------------------------------------------------------------- a real large input


def _write_long_line(path: Path, *, size: int, doc_id: str) -> int:
    """A valid line, then one holding a ``size``-byte string; the length of that line."""
    head = b'{"doc_id": "' + doc_id.encode() + b'", "x": "'
    chunk = b"a" * (1 << 20)
    with path.open("wb") as handle:
        handle.write(b'{"doc_id": "' + doc_id.encode() + b'"}\n' + head)
        for _ in range(size // len(chunk)):
            handle.write(chunk)
        handle.write(b'"}\n')
    return len(head) + size // len(chunk) * len(chunk) + 2


@pytest.mark.slow
def test_a_300_mb_line_is_rejected_without_reading_it(
    run: Run, doc: Doc, gold_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "huge.jsonl"
    try:
        size = _write_long_line(path, size=300 << 20, doc_id=doc["id"])
        limit = jsonio.size_text(jsonio.MAX_BYTES)
        tracemalloc.start()
        started = time.perf_counter()
        code, out, err = run("score", "--pred", path, "--gold", gold_file)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert (code, out) == (1, "")
        assert err == (
            f"{path}:2: /: line too long: found {size} bytes, not read "
            f"(expected: at most {limit} per line)\n"
            "1 prediction, 1 problem; nothing scored\n"
        )
        assert elapsed < 5 and peak < 3 * jsonio.MAX_BYTES, (elapsed, peak)
        # As a gold file: refused from its size, without reading it.
        code, out, _ = run("validate", path)
        assert code == 1 and out.startswith(
            f"{path}:1: /: file too large: found {os.path.getsize(path)} bytes "
            f"(expected: at most {limit} per file)\n"
        )
    finally:
        path.unlink(missing_ok=True)  # pytest keeps old tmp dirs: no 300 MB left behind
