"""The ``score`` subcommand and ``validate --pred`` (registered by :mod:`wiregold.cli`).

This is CLI code: it prints and maps outcomes to exit codes (0 ok, 1 invalid input:
predictions or gold that fail their checks, 2 usage error: bad flags, missing files, an
``--out`` that would overwrite an input or the packaged data, a layer scorer that is not
installed). The work is done by :mod:`wiregold.predictions`, :mod:`wiregold.scoring` and
:mod:`wiregold.report`. Importing this module loads only argparse, pathlib and the small
configuration module, so ``wiregold --help`` stays fast.

Every field of :class:`~wiregold.scorers.base.ScoreConfig` has a flag: the fields below
have hand-written ones, any other field gets ``--<name-with-dashes>`` derived from its
default's type, so a setting added to the config can always be set from the CLI.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wiregold.atomic import write_text_atomically
from wiregold.cli_support import UsageError, add_data_root, check_out, gold_files, pred_file
from wiregold.problems import counted
from wiregold.scorers import registry
from wiregold.scorers.base import NORMALIZATION_VERSION, ScoreConfig

# scorers/labels.py PRESETS, repeated to keep --help light (a test keeps them equal).
LABEL_PRESETS = ("wiregold", "conll", "ontonotes")
FORMATS = ("table", "json", "markdown", "csv")  # wiregold.report.FORMATS
# Packaged data directories a report must never be written into.


# ------------------------------------------------------------------------- config flags


def _config_flags() -> dict[str, tuple[tuple[str, ...], dict[str, Any]]]:
    """Field name -> (flag names, add_argument keywords) for every ScoreConfig field."""
    defaults = ScoreConfig()
    flags: dict[str, tuple[tuple[str, ...], dict[str, Any]]] = {
        "tasks": (
            ("--task",),
            {
                "action": "extend",
                "nargs": "+",
                "choices": registry.names(),
                "metavar": "T",
                "help": "layer(s) to score, repeatable (default: all): "
                + ", ".join(registry.names()),
            },
        ),
        "labels": (
            ("--labels",),
            {
                "choices": LABEL_PRESETS,
                "help": "entity label preset: map a tagger's labels to the gold types "
                f"(default: {defaults.labels})",
            },
        ),
        "coref_arguments": (
            ("--coref-arguments",),
            {
                "action": argparse.BooleanOptionalAction,
                "help": "events: an argument also matches any mention of the gold "
                "argument's entity (default: no)",
            },
        ),
        "quote_overlap": (
            ("--quote-overlap",),
            {
                "type": float,
                "metavar": "X",
                "help": "quotes: minimum token F1 between contents for an overlap match "
                f"(default: {defaults.quote_overlap})",
            },
        ),
        "partial_credit": (
            ("--partial-credit",),
            {
                "type": float,
                "metavar": "X",
                "help": "casualties: credit for a partially correct count "
                f"(default: {defaults.partial_credit})",
            },
        ),
        "normalization": (
            ("--normalization",),
            {
                "choices": (NORMALIZATION_VERSION,),
                "help": "text normalisation version for text-only items "
                f"(default: {NORMALIZATION_VERSION}, the only one implemented)",
            },
        ),
    }
    for field in dataclasses.fields(ScoreConfig):
        if field.name in flags:
            continue
        default = getattr(defaults, field.name)
        kwargs: dict[str, Any] = {"help": f"{field.name} (default: {default!r})"}
        if isinstance(default, bool):
            kwargs["action"] = argparse.BooleanOptionalAction
        elif isinstance(default, tuple):
            kwargs.update(action="extend", nargs="+")
        elif isinstance(default, int | float):
            kwargs["type"] = type(default)
        flags[field.name] = (("--" + field.name.replace("_", "-"),), kwargs)
    return flags


def add_config_flags(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("scoring settings (all enter the signature)")
    for name, (names, kwargs) in _config_flags().items():
        group.add_argument(*names, dest=name, default=None, **kwargs)


def config_from_args(args: argparse.Namespace) -> ScoreConfig:
    """The configuration the flags ask for (unset flags keep the defaults), checked."""
    from wiregold.scoring import ConfigError, check_config

    changes = {}
    for field in dataclasses.fields(ScoreConfig):
        value = getattr(args, field.name, None)
        if value is None:
            continue
        if isinstance(value, list):
            value = tuple(dict.fromkeys(value))  # --task a --task a: once
        changes[field.name] = value
    try:
        return check_config(ScoreConfig().with_(**changes))
    except (ConfigError, registry.LayerUnavailableError) as err:
        raise UsageError(str(err)) from None


# ------------------------------------------------------------------------------ inputs


def _print_prediction_notes(checked: Any, *, out: Callable[[str], None]) -> None:
    if checked.missing_docs:
        n = len(checked.missing_docs)
        listed = ", ".join(checked.missing_docs)
        if checked.problems:  # nothing is scored, and a broken line may be their prediction
            docs = counted(n, "gold documents")
            out(f"note: no line names the {docs} by a readable id: {listed}")
        else:
            out(
                f"note: no prediction for {counted(n, 'gold documents')}, scored as empty: {listed}"
            )
    if checked.unknown_docs:
        n = len(checked.unknown_docs)
        listed = ", ".join(checked.unknown_docs)
        out(f"note: skipped {counted(n, 'predictions')} for documents not in the gold: {listed}")
    if checked.rejected_unknown:
        out("hint: --ignore-unknown-docs skips predictions for documents not in the gold")


# ---------------------------------------------------------------------------- commands


def _stream(args: argparse.Namespace, *, config: Any, out: Callable[[str], None]) -> Any:
    """Check (and with a ``config``, score) ``--pred`` against the gold, streaming; None
    after printing the gold's problems."""
    from wiregold.stream import run

    result = run(
        gold_files=gold_files(args.gold),
        pred=pred_file(args.pred),
        config=config,
        errors=bool(getattr(args, "errors", False)),
        data_root=args.data_root,
        ignore_unknown_docs=args.ignore_unknown_docs,
        jobs=args.jobs,
    )
    if result.gold_problems:
        for problem in result.gold_problems:
            out(str(problem))
        out(
            f"gold: {counted(result.gold_files, 'files')}, "
            f"{counted(len(result.gold_problems), 'problems')}"
        )
        return None
    return result


def cmd_score(args: argparse.Namespace) -> int:
    from wiregold.report import render

    pred = pred_file(args.pred)
    config = config_from_args(args)
    if args.out is not None:
        check_out(
            args.out,
            what="the report",
            inputs=[pred, *([args.gold] if args.gold else gold_files(None))],
        )

    def err(line: str) -> None:
        print(line, file=sys.stderr)

    try:
        result = _stream(args, config=config, out=err)
    except ValueError as error:  # a defect the checks missed: a message, not a traceback
        err(f"{pred}: cannot score: {error}; nothing scored")
        return 1
    if result is None:
        return 1
    checked = result.predictions
    if not checked.ok:
        for problem in checked.problems:
            err(str(problem))
        if checked.rejected_unknown:
            _print_prediction_notes(checked, out=err)
        err(checked.summary() + "; nothing scored")
        return 1
    text = render(report=result.report, fmt=args.format, errors=args.errors)
    if args.out is None:
        sys.stdout.write(text)
    else:
        write_text_atomically(path=args.out, text=text)
        err(f"wrote {args.out}")
    return 0


def cmd_validate_predictions(args: argparse.Namespace) -> int:
    if args.paths:
        raise UsageError("--pred cannot be combined with PATH arguments")
    pred_file(args.pred)
    result = _stream(args, config=None, out=print)
    if result is None:
        return 1
    checked = result.predictions
    for problem in checked.problems:
        print(problem)
    _print_prediction_notes(checked, out=print)
    print(checked.summary())
    return 0 if checked.ok else 1


def _jobs(value: str) -> int:
    """``--jobs``: an integer >= 0 (0 = one process per CPU)."""
    from wiregold.parallel import resolve_jobs

    try:
        return resolve_jobs(int(value))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected an integer >= 0 (0 = one per CPU), got {value!r}"
        ) from None


def _add_scale_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="split the documents across N processes (0: one per CPU; default 1); "
        "the output is the same for every N",
    )
    add_data_root(parser)


def register(commands: argparse._SubParsersAction, *, validate: argparse.ArgumentParser) -> None:
    """Add ``score`` and the ``--pred`` mode of ``validate``."""
    _add_scale_flags(validate)
    validate.add_argument(
        "--pred", type=Path, metavar="FILE", help="check a prediction file instead of documents"
    )
    validate.add_argument(
        "--gold",
        type=Path,
        metavar="PATH",
        help="with --pred: gold file or directory (default: the packaged test split)",
    )
    validate.add_argument(
        "--ignore-unknown-docs",
        action="store_true",
        help="with --pred: skip predictions for documents not in the gold",
    )
    documents = validate.get_default("handler")

    def validate_handler(args: argparse.Namespace) -> int:
        if args.pred is not None:
            return cmd_validate_predictions(args)
        if args.gold is not None or args.ignore_unknown_docs:
            raise UsageError("--gold and --ignore-unknown-docs need --pred FILE")
        return documents(args)

    validate.set_defaults(handler=validate_handler)

    score = commands.add_parser(
        "score",
        help="score a system's predictions against the gold",
        description="Check a prediction file (JSON Lines, one object per document; or one "
        "pretty-printed document) against the gold, then score every layer. Predictions in "
        "unannotated zones are counted as out of scope, not scored. Exit codes: 0 scored, "
        "1 invalid predictions or gold, 2 usage error.",
    )
    score.add_argument("--pred", type=Path, required=True, metavar="FILE", help="predictions")
    score.add_argument(
        "--gold",
        type=Path,
        metavar="PATH",
        help="gold file or directory (default: the packaged test split)",
    )
    add_config_flags(score)
    _add_scale_flags(score)
    output = score.add_argument_group("output")
    output.add_argument("--format", choices=FORMATS, default="table")
    output.add_argument(
        "--errors", action="store_true", help="append every error item (FP, FN, ...)"
    )
    output.add_argument(
        "--out", type=Path, metavar="FILE", help="write the report to FILE (not to stdout)"
    )
    score.add_argument(
        "--ignore-unknown-docs",
        action="store_true",
        help="skip predictions for documents not in the gold (default: an error)",
    )
    score.set_defaults(handler=cmd_score)
