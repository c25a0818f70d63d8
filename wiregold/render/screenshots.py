"""The README's screenshots of the two views (``make screenshots``).

``python -m wiregold.render.screenshots [--out-dir docs/img] [--pred FILE]`` renders, in a
temporary directory, the gold view of the first test document and the errors view of a
system's predictions (``--pred``; by default the rule baseline's output,
``wiregold baseline rules``, or the second annotator's annotation
``corpus/annotator2/`` when the baseline cannot run), then photographs the top
1280 x 1300 pixels of each with headless Chromium, an item selected so that the side
panel shows what a click does: ``gold-view.png`` and ``errors-view.png``. Exit codes: 0
written, 1 no browser or a step failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from wiregold import paths
from wiregold.render.browser import BrowserError, find_chromium, screenshot

WIDTH, HEIGHT = 1280, 1300
MAX_BYTES = 500_000  # what a README image may weigh
# Selected on load: an event near the top with arguments of three roles and hopper mates.
GOLD_SELECTION = "trigger:ev10"


def _cli(*argv: str) -> int:
    from wiregold.cli import main

    return main(list(argv))


def _system(tmp: Path, given: Path | None) -> tuple[Path, str]:
    if given is not None:
        return given, str(given)
    out = tmp / "rules.jsonl"
    if _cli("baseline", "rules", "--out", str(out)) == 0:
        return out, "the rule baseline (wiregold baseline rules)"
    files = sorted((paths.corpus_root() / "annotator2").glob("*.json"))
    if not files:
        raise FileNotFoundError("no baseline and no corpus/annotator2/ document to show")
    return files[0], f"the second annotator ({files[0].name})"


def _render_errors(pred: Path, page: Path) -> bool:
    """Render from the prediction's directory, so the page shows its name, not a path."""
    here = Path.cwd()
    os.chdir(pred.resolve().parent)
    try:
        return _cli("render", "--pred", pred.name, "--out", str(page.resolve())) == 0
    finally:
        os.chdir(here)


def errors_selection(pred: Path) -> str:
    """``mention:<id>`` of the first gold mention with a wrong type (else with another
    error), so that the panel shows a gold item and its error; '' if none."""
    from wiregold.api import score
    from wiregold.jsonio import read_json

    report = score(pred=pred, tasks=("entities",))
    gold_file = paths.split_files(splits=["test"])[0]
    mentions = read_json(path=gold_file).value["mentions"]
    at = {(m["start"], m["end"]): m["id"] for m in mentions}
    ranked = sorted(report.errors, key=lambda e: e.category != "wrong_type")
    for item in ranked:
        if item.gold_span in at:
            return f"mention:{at[item.gold_span]}"
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wiregold.render.screenshots")
    parser.add_argument("--out-dir", type=Path, default=Path("docs/img"))
    parser.add_argument("--pred", type=Path, help="predictions to show (default: see above)")
    args = parser.parse_args(argv)
    executable = find_chromium()
    if executable is None:
        print("no chromium: install Debian's chromium package (make browser)", file=sys.stderr)
        return 1
    args.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wiregold-screenshots-") as name:
        tmp = Path(name)
        gold_page, errors_page = tmp / "gold.html", tmp / "errors.html"
        pred, what = _system(tmp, args.pred)
        if _cli("render", "--out", str(gold_page)) != 0:
            return 1
        if not _render_errors(pred, errors_page):
            return 1
        shots = [
            (gold_page, args.out_dir / "gold-view.png", GOLD_SELECTION),
            (errors_page, args.out_dir / "errors-view.png", errors_selection(pred)),
        ]
        for page, out, fragment in shots:
            try:
                screenshot(
                    page, out, executable=executable, width=WIDTH, height=HEIGHT, fragment=fragment
                )
            except BrowserError as err:
                print(f"{out}: {err}", file=sys.stderr)
                return 1
            size = out.stat().st_size
            note = f" (over {MAX_BYTES} bytes)" if size > MAX_BYTES else ""
            print(f"wrote {out}: {size} bytes{note}")
        print(f"errors view of {what}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
