"""The README's generated tables (corpus statistics, agreement, dataset configs).

README.md holds each table between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``.
``python -m wiregold.readme_tables --write`` regenerates them; a test fails when the
README differs from what this module computes, so published numbers cannot go stale.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

from wiregold import paths
from wiregold.jsonio import read_json

# The pre-adjudication annotations whose agreement the README reports.
ANNOTATION_A = "annotator1"
ANNOTATION_B = "annotator2"


def stats_table() -> str:
    from wiregold.stats import CorpusStats

    documents = [(p.parent.name, read_json(path=p).value) for p in paths.split_files()]
    return CorpusStats.from_documents(documents=documents).to_markdown()


def agreement_table() -> str:
    from wiregold.agreement import compare

    root = paths.corpus_root()
    tables = []
    for file_a in sorted((root / ANNOTATION_A).glob("*.json")):
        file_b = root / ANNOTATION_B / file_a.name
        report = compare(reference=read_json(path=file_a).value, other=read_json(path=file_b).value)
        tables.append(f"Document `{file_a.stem}` (A = {ANNOTATION_A}, B = {ANNOTATION_B}):\n")
        tables.append("\n" + report.to_markdown())
    return "".join(tables)


def configs_table() -> str:
    from wiregold.build import configs_table as table

    return table()


def leaderboard_table() -> str:
    from wiregold.gold import load_gold
    from wiregold.leaderboard import build, render

    gold = load_gold(files=paths.split_files(splits=["test"]))
    if not gold.ok:
        raise ValueError(f"the test split is not valid gold: {gold.problems[0]}")
    # nltk-ne's numbers depend on NLTK data installed on the machine, so the README
    # (checked by a test everywhere) does not show them.
    note = "not run here: needs NLTK data (`wiregold leaderboard` runs it where installed)"
    board = build(gold=gold.docs, not_run={"nltk-ne": note})
    return render(board=board, fmt="markdown")


def bad_inputs_table() -> str:
    from wiregold.bad_inputs import to_markdown

    return to_markdown()


SECTIONS: dict[str, Callable[[], str]] = {
    "stats": stats_table,
    "agreement": agreement_table,
    "configs": configs_table,
    "leaderboard": leaderboard_table,
    "bad-inputs": bad_inputs_table,
}


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- {name}:start -->\n)(.*?)(<!-- {name}:end -->)", re.DOTALL)


def render(*, readme: str) -> str:
    """The README text with every generated section recomputed."""
    for name, make in SECTIONS.items():
        pattern = _pattern(name)
        if not pattern.search(readme):
            raise ValueError(f"README has no '<!-- {name}:start -->' ... ':end -->' markers")
        body = make()
        readme = pattern.sub(lambda m, body=body: m.group(1) + body + m.group(3), readme)
    return readme


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wiregold.readme_tables")
    parser.add_argument("--readme", type=Path, default=Path("README.md"))
    parser.add_argument("--write", action="store_true", help="rewrite the README in place")
    args = parser.parse_args(argv)
    try:
        current = args.readme.read_text(encoding="utf-8")
        wanted = render(readme=current)
    except (OSError, UnicodeDecodeError, ValueError) as err:  # not in a checkout, no markers
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        print(f"python -m wiregold.readme_tables: error: {args.readme}: {reason}", file=sys.stderr)
        return 2
    if wanted == current:
        print(f"{args.readme}: up to date")
        return 0
    if args.write:
        args.readme.write_text(wanted, encoding="utf-8")
        print(f"{args.readme}: tables regenerated")
        return 0
    print(f"{args.readme}: generated tables are stale; run with --write")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
