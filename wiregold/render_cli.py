"""The ``render`` subcommand (registered by :mod:`wiregold.cli`): HTML views.

``wiregold render --out FILE.html`` writes the gold annotation of one document;
with ``--pred FILE`` it writes the system's output against the gold instead, from the
scorer's own alignment (:mod:`wiregold.render`). CLI code: it prints and maps outcomes
to exit codes (0 written, 1 invalid gold or predictions, 2 usage error: a missing
``--out``, an unknown ``--doc``, an ``--out`` that is an input or lies in the packaged
data). Inputs, the gold and the ``--out`` checks are those of ``wiregold score``.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from wiregold import paths, score_cli
from wiregold.atomic import write_text_atomically
from wiregold.cli_support import UsageError, add_data_root, check_out, gold_files, pred_file
from wiregold.problems import counted
from wiregold.scorers.base import ScoreConfig

if TYPE_CHECKING:
    from wiregold.gold import GoldSet


def _err(line: str) -> None:
    print(line, file=sys.stderr)


def _load_gold(given: Path | None, *, data_root: Path | None) -> GoldSet | None:
    """The valid gold documents, or None after printing their problems."""
    from wiregold.gold import load_gold

    files = gold_files(given)
    loaded = load_gold(files=files, data_root=data_root)
    if loaded.ok:
        return loaded
    for problem in loaded.problems:
        _err(str(problem))
    _err(f"gold: {counted(len(files), 'files')}, {counted(len(loaded.problems), 'problems')}")
    return None


def _shown(file: str) -> str:
    """A gold file as shown on the page: relative to the data root or to the working
    directory when inside them (no machine-specific prefix in a shared page)."""
    path = Path(file).resolve()
    for base in (paths.data_root().resolve(), Path.cwd().resolve()):
        if path.is_relative_to(base):
            return str(path.relative_to(base))
    return file


def _settings_given(args: argparse.Namespace) -> list[str]:
    return [
        "--" + f.name.replace("_", "-")
        for f in dataclasses.fields(ScoreConfig)
        if getattr(args, f.name, None) is not None
    ]


def cmd_render(args: argparse.Namespace) -> int:
    from wiregold.render.page import gold_page

    pred = pred_file(args.pred) if args.pred is not None else None
    if pred is None:
        given = _settings_given(args)
        if given or args.ignore_unknown_docs:
            flags = ", ".join([*given, *(["--ignore-unknown-docs"] * args.ignore_unknown_docs)])
            raise UsageError(f"{flags}: scoring settings need --pred FILE")
    config = score_cli.config_from_args(args)
    gold_inputs = [args.gold] if args.gold is not None else gold_files(None)
    check_out(args.out, what="the page", inputs=[*([pred] if pred else []), *gold_inputs])

    gold = _load_gold(args.gold, data_root=args.data_root)
    if gold is None:
        return 1
    ids = sorted(gold.docs)
    doc_id = args.doc if args.doc is not None else ids[0]
    if doc_id not in gold.docs:
        listed = ", ".join(ids[:10]) + (f", ... ({len(ids)} documents)" if len(ids) > 10 else "")
        raise UsageError(f"--doc {doc_id}: no such gold document; the gold has: {listed}")
    if args.doc is None and len(ids) > 1:
        _err(f"note: rendering {doc_id}, the first of {len(ids)} documents (choose with --doc)")
    doc = gold.docs[doc_id]

    if pred is None:
        page = gold_page(doc=doc, source=_shown(gold.files[doc_id]))
    else:
        page = _errors_page(args, pred=pred, gold=gold, doc_id=doc_id, config=config)
        if page is None:
            return 1
    write_text_atomically(path=args.out, text=page)
    _err(f"wrote {args.out}")
    return 0


def _errors_page(
    args: argparse.Namespace, *, pred: Path, gold: GoldSet, doc_id: str, config: ScoreConfig
) -> str | None:
    from wiregold.predictions import load_predictions
    from wiregold.render.page import errors_page
    from wiregold.scoring import score_checked

    docs = gold.docs
    checked = load_predictions(path=pred, gold=docs, ignore_unknown_docs=args.ignore_unknown_docs)
    if not checked.ok:
        for problem in checked.problems:
            _err(str(problem))
        _err(checked.summary() + "; nothing rendered")
        return None
    found = checked.docs.get(doc_id)
    if found is None:
        _err(f"note: {pred} has no prediction for {doc_id}: rendered as an empty prediction")
    report = score_checked(
        gold={doc_id: docs[doc_id]},
        pred={} if found is None else {doc_id: found},
        config=config,
        unknown_docs=(),
    )
    return errors_page(
        doc=docs[doc_id],
        pred=found or {"doc_id": doc_id},
        report=report,
        pred_source=str(pred),
        gold_source=_shown(gold.files[doc_id]),
    )


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``render``."""
    render = commands.add_parser(
        "render",
        help="write an HTML view of the gold, or of a system's errors",
        description="Write one self-contained HTML file (no network access): the gold "
        "annotation of a document, layer by layer; with --pred, the system's output "
        "against the gold (matched, missed, spurious, wrong type, partial), with the "
        "scores of that document. Exit codes: 0 written, 1 invalid gold or predictions, "
        "2 usage error.",
    )
    render.add_argument(
        "--out", type=Path, required=True, metavar="FILE.html", help="the HTML file to write"
    )
    render.add_argument(
        "--doc", metavar="ID", help="the document to show (default: the first gold document)"
    )
    render.add_argument(
        "--gold",
        type=Path,
        metavar="PATH",
        help="gold file or directory (default: the packaged test split)",
    )
    render.add_argument(
        "--pred", type=Path, metavar="FILE", help="predictions: show them against the gold"
    )
    render.add_argument(
        "--ignore-unknown-docs",
        action="store_true",
        help="with --pred: skip predictions for documents not in the gold",
    )
    add_data_root(render)
    score_cli.add_config_flags(render)
    render.set_defaults(handler=cmd_render)
