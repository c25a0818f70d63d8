"""The README's numbers come from code: regenerate them and compare."""

from __future__ import annotations

from pathlib import Path

from wiregold.readme_tables import render

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_tables_are_current() -> None:
    current = README.read_text(encoding="utf-8")
    assert render(readme=current) == current, "run: python -m wiregold.readme_tables --write"


def test_readme_quickstart_is_the_two_make_commands() -> None:
    text = README.read_text(encoding="utf-8")
    block = text.split("## Quickstart", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split("#")[0].strip() for line in block.splitlines()] == ["make demo", "make test"]


def test_readme_performance_tables_are_the_recorded_runs() -> None:
    """The performance numbers come from benchmarks/results/*.json, never typed by hand."""
    from benchmarks import readme

    current = readme.README.read_text(encoding="utf-8")
    assert readme.render(readme=current) == current, (
        "the README's performance tables are stale: run python -m benchmarks.readme"
    )
    assert readme.block().count("| target | measured | met |") == len(
        list(readme.RESULTS.glob("*.json"))
    )
