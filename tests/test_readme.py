"""The README's numbers come from code: regenerate them and compare."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def _python_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    return [part.split("```", 1)[0] for part in text.split("```python\n")[1:]]


def test_readme_python_examples_run_as_written(tmp_path: Path) -> None:
    """Each Python example, verbatim, in a fresh interpreter: the loading ones from the
    repository's root (as the README says), the scoring one next to a predictions file."""
    import pytest

    pytest.importorskip("datasets", reason="datasets is not installed (pip install -e '.[test]')")
    pytest.importorskip("pandas", reason="pandas is not installed (pip install -e '.[test]')")
    import os
    import subprocess
    import sys

    from wiregold.cli import main

    blocks = _python_blocks()
    assert len(blocks) == 4 and "load_dataset(" in blocks[0] and "wiregold.score(" in blocks[3]
    home = tmp_path / "hf"
    env = {**os.environ, "HF_HOME": str(home), "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1"}
    work = tmp_path / "work"
    work.mkdir()
    assert main(["baseline", "empty", "--out", str(work / "predictions.jsonl")]) == 0
    places = [README.parent, README.parent, README.parent, work]
    for block, cwd in zip(blocks, places, strict=True):
        done = subprocess.run(
            [sys.executable, "-c", block], cwd=cwd, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, f"{block}\n{done.stderr}"


def test_readme_tables_outside_a_checkout_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wiregold.readme_tables import main

    missing = tmp_path / "README.md"
    assert main(["--readme", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"python -m wiregold.readme_tables: error: {missing}: No such file or directory\n"
    )
