"""The ``baseline`` and ``leaderboard`` subcommands (registered by :mod:`wiregold.cli`).

``wiregold baseline NAME --out FILE [--gold PATH]`` runs one baseline on the documents of
PATH (default: the packaged test split) and writes its predictions as JSON Lines. The
documents are read for their id, text and metadata only, so PATH may hold documents
without any annotation.

``wiregold leaderboard [--gold PATH] [--format table|markdown]`` runs every baseline on the
gold, scores each with the scorer library and prints one row per system.

Exit codes: 0 done, 1 a baseline that cannot run here (missing NLTK data) or invalid
input documents, 2 usage error. Importing this module loads only argparse and pathlib.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wiregold.atomic import write_text_atomically
from wiregold.cli_support import add_data_root, check_out, gold_files
from wiregold.problems import counted

BASELINES = ("empty", "rules", "nltk-ne")  # wiregold.baselines.names(), kept light for --help


def cmd_baseline(args: argparse.Namespace) -> int:
    from wiregold import baselines

    files = gold_files(args.gold, noun="documents")
    given = [args.gold] if args.gold is not None else []  # a directory: nothing inside it
    check_out(args.out, what="the predictions", inputs=[*given, *files])
    try:
        baselines.check_available(name=args.name)
        documents = baselines.read_inputs(files=files)
        predictions = baselines.run(name=args.name, documents=documents)
    except baselines.BaselineUnavailableError as err:
        print(f"wiregold baseline: {err}", file=sys.stderr)
        return 1
    except baselines.InputError as err:
        print(f"wiregold baseline: {err}", file=sys.stderr)
        return 1
    except LookupError as err:  # NLTK data that is there but unreadable
        first = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        print(f"wiregold baseline: {args.name}: NLTK data problem: {first}", file=sys.stderr)
        return 1
    write_text_atomically(path=args.out, text=baselines.to_jsonl(predictions=predictions))
    print(
        f"wrote {args.out}: {len(predictions)} document(s), baseline {args.name}", file=sys.stderr
    )
    return 0


def cmd_leaderboard(args: argparse.Namespace) -> int:
    from wiregold.gold import load_gold
    from wiregold.leaderboard import build, render

    loaded = load_gold(files=gold_files(args.gold, noun="documents"), data_root=args.data_root)
    if not loaded.ok:
        for problem in loaded.problems:
            print(problem, file=sys.stderr)
        print(f"gold: {counted(len(loaded.problems), 'problems')}; nothing scored", file=sys.stderr)
        return 1
    sys.stdout.write(render(board=build(gold=loaded.docs), fmt=args.format))
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    """Add ``baseline`` and ``leaderboard``."""
    baseline = commands.add_parser(
        "baseline",
        help="run a baseline system and write its predictions",
        description="Run a baseline on the documents (their id, text and metadata only) "
        "and write one prediction per document as JSON Lines. Exit codes: 0 written, "
        "1 the baseline cannot run here (e.g. missing NLTK data) or unreadable documents, "
        "2 usage error.",
    )
    baseline.add_argument("name", choices=BASELINES, metavar="NAME", help=", ".join(BASELINES))
    baseline.add_argument("--out", type=Path, required=True, metavar="FILE", help="output file")
    baseline.add_argument(
        "--gold",
        type=Path,
        metavar="PATH",
        help="document file or directory (default: the packaged test split)",
    )
    baseline.set_defaults(handler=cmd_baseline)

    leaderboard = commands.add_parser(
        "leaderboard",
        help="run and score every baseline",
        description="Run every baseline on the gold, score each in memory with the layer "
        "scorers of `wiregold score` (same numbers) and print the headline F1 of each layer "
        "and the error of the total killed. A baseline that cannot run here is listed as "
        "unavailable.",
    )
    leaderboard.add_argument(
        "--gold",
        type=Path,
        metavar="PATH",
        help="gold file or directory (default: the packaged test split)",
    )
    leaderboard.add_argument("--format", choices=("table", "markdown"), default="table")
    add_data_root(leaderboard)
    leaderboard.set_defaults(handler=cmd_leaderboard)
