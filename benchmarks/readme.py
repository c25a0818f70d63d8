"""The README's performance tables, rendered from the recorded benchmark runs.

``benchmarks/results/*.json`` are ``results.json`` files that ``python -m benchmarks.run``
wrote (copied here by hand after a run: they are measurements, not test outcomes). The
README shows them between ``<!-- performance:start -->`` and ``<!-- performance:end -->``,
rendered by :func:`benchmarks.run.markdown`; a test checks that the README is the rendering
of these files, so no number there is typed by hand. ``python -m benchmarks.readme``
rewrites the block.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from benchmarks.run import markdown

RESULTS = Path(__file__).parent / "results"
README = Path(__file__).parent.parent / "README.md"
_BLOCK = re.compile(r"(<!-- performance:start -->\n)(.*?)(<!-- performance:end -->)", re.DOTALL)


def block() -> str:
    """Every recorded run, oldest file name first, one table each."""
    runs = [json.loads(path.read_text()) for path in sorted(RESULTS.glob("*.json"))]
    return "\n".join(markdown(run) for run in runs)


def render(*, readme: str) -> str:
    if not _BLOCK.search(readme):
        raise ValueError("README has no '<!-- performance:start -->' ... ':end -->' markers")
    return _BLOCK.sub(lambda m: m.group(1) + block() + m.group(3), readme, count=1)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.readme",
        description="Rewrite the README's performance block from benchmarks/results/*.json "
        "(only that block). With --check, write nothing and exit 1 if it is stale.",
    )
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if stale")
    args = parser.parse_args(argv)
    current = README.read_text(encoding="utf-8")
    rendered = render(readme=current)
    if args.check:
        stale = rendered != current
        print(f"{README}: performance tables {'stale' if stale else 'up to date'}")
        return 1 if stale else 0
    README.write_text(rendered, encoding="utf-8")
    print(f"{README}: performance tables regenerated")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
