"""The leaderboard: the same numbers as `wiregold score`, one row per baseline, in `make demo`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from wiregold.baselines import nltk_ne

from wiregold import baselines, paths
from wiregold.cli import main
from wiregold.gold import load_gold
from wiregold.leaderboard import Leaderboard, SystemRow, build, render

ROOT = Path(__file__).resolve().parent.parent
NLTK_NE_MISSING = nltk_ne.missing_requirements()[1]


@cache
def gold() -> dict:
    loaded = load_gold(files=paths.split_files(splits=["test"]))
    assert loaded.ok
    return dict(loaded.docs)


@cache
def board() -> Leaderboard:
    return build(gold=gold())


def test_one_row_per_baseline_in_order() -> None:
    assert [row.system for row in board().rows] == list(baselines.names())
    assert board().signature.startswith("tasks:entities,events,casualties,quotes,timexes|")


def test_rows_are_what_wiregold_score_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = {row.system: row for row in board().rows}
    for name in ("empty", "rules"):
        out = tmp_path / f"{name}.jsonl"
        assert main(["baseline", name, "--out", str(out)]) == 0
        capsys.readouterr()
        assert main(["score", "--pred", str(out), "--format", "json"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["signature"] == board().signature
        for layer, layer_rows in report["rows"].items():
            assert board().metrics[layer] == layer_rows[0]["metric"]
            assert rows[name].f1[layer] == layer_rows[0]["f1"], (name, layer)
        killed = next(r for r in report["rows"]["casualties"] if r["metric"].startswith("killed"))
        assert rows[name].killed_error == killed["total"]


def test_the_floor_misses_the_whole_death_toll() -> None:
    empty = next(row for row in board().rows if row.system == "empty")
    total = sum(
        record["count"]["value"] or 0
        for doc in gold().values()
        for record in doc["casualties"]
        if record["kind"] == "killed"
    )
    assert empty.killed_error == total > 0
    # Nothing predicted: P is undefined, R is 0, so F1 = 2 * 0 / (0 + gold) = 0.
    assert empty.f1 and all(f1 == 0.0 for f1 in empty.f1.values())


@pytest.mark.skipif(not NLTK_NE_MISSING, reason="the NLTK data of nltk-ne is installed")
def test_a_baseline_without_its_data_is_marked_unavailable() -> None:
    row = next(row for row in board().rows if row.system == "nltk-ne")
    assert row.note is not None and row.note.startswith("unavailable: missing NLTK data (")
    assert all(name in row.note for name in NLTK_NE_MISSING)


def test_rendering() -> None:
    fake = Leaderboard(
        layers=("entities", "timexes"),
        metrics={"entities": "strict", "timexes": "strict"},
        rows=(
            SystemRow("a", {"entities": 0.5, "timexes": None}, 3.0),
            SystemRow("b", note="unavailable: missing X (y)"),
        ),
        signature="sig",
    )
    assert render(board=fake, fmt="markdown") == (
        "| system | entities (strict F1) | timexes (strict F1) | killed abs error |\n"
        "|---|---|---|---|\n"
        "| `a` | 0.5000 | n/a | 3 |\n"
        "| `b` | unavailable: missing X (y) |  |  |\n"
        "\n"
        "signature: `sig`\n"
    )
    assert render(board=fake) == (
        "system  entities (strict F1)  timexes (strict F1)  killed abs error\n"
        "a                     0.5000                  n/a                 3\n"
        "b       unavailable: missing X (y)\n"
        "\n"
        "signature: sig\n"
    )
    with pytest.raises(ValueError, match="unknown format"):
        render(board=fake, fmt="csv")


def test_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["leaderboard", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out == render(board=board(), fmt="markdown")
    assert main(["leaderboard", "--gold", "no/such/dir"]) == 2


def test_make_demo_runs_the_leaderboard_after_validate_and_stats() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ndemo:", 1)[1].split("\n\n", 1)[0]
    commands = [line.strip() for line in recipe.splitlines()[1:]]
    assert commands == [
        "$(BIN)/wiregold validate",
        "$(BIN)/wiregold stats",
        "$(BIN)/wiregold leaderboard",
    ]
