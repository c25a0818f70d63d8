"""Command line: ``wiregold validate | stats | format | agree | score | build | export |
render | baseline | leaderboard``.

Only argparse is imported at start so that ``wiregold --help`` is fast; each command
imports what it needs. Exit codes: 0 success, 1 invalid input data (or files that are
not canonical), 2 usage error (bad arguments, missing path).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from wiregold import __version__, paths
from wiregold.cli_support import UsageError, add_data_root
from wiregold.problems import counted

if TYPE_CHECKING:
    from wiregold.problems import ValidationReport


def _files(*, given: list[Path], default: Callable[[], list[Path]], what: str) -> list[Path]:
    if not given:
        files = default()
        if not files:
            raise UsageError(f"no {what} found under {paths.corpus_root()}")
        here = Path.cwd()  # show corpus files relative to the working directory when inside it
        return [f.relative_to(here) if f.is_relative_to(here) else f for f in files]
    try:
        files = paths.expand(paths=given)
    except FileNotFoundError as err:
        raise UsageError(str(err)) from None
    if not files:
        raise UsageError("no *.json files in " + ", ".join(map(str, given)))
    return files


def _print_report(report: ValidationReport) -> None:
    for problem in report.problems:
        print(problem)
    print(report.summary())


def _cmd_validate(args: argparse.Namespace) -> int:
    from wiregold.validate import validate_paths

    files = _files(given=args.paths, default=paths.all_corpus_files, what="corpus documents")
    # --jobs and --data-root are added by score_cli.register (with --pred, --gold).
    report = validate_paths(files=files, data_root=args.data_root, jobs=args.jobs)
    _print_report(report)
    return 0 if report.ok else 1


def _cmd_stats(args: argparse.Namespace) -> int:
    from wiregold.gold import duplicate_id
    from wiregold.jsonio import read_json
    from wiregold.stats import CorpusStats
    from wiregold.validate import validate_paths

    given = _files(given=args.paths, default=paths.split_files, what="split documents")
    files = list({path.resolve(): path for path in given}.values())  # one file, two names
    report = validate_paths(files=files, data_root=args.data_root)
    if not report.ok:  # counts of an invalid document would be meaningless
        _print_report(report)
        return 1
    # A file's split is the directory it is in (corpus/<split>/<id>.json).
    documents = [(path.parent.name, read_json(path=path).value) for path in files]
    first: dict[tuple[str, str], Path] = {}
    twice = []
    for path, (split, doc) in zip(files, documents, strict=True):
        seen = first.setdefault((split, doc["id"]), path)
        if seen != path:  # two copies of a document in one split would count twice
            twice.append(duplicate_id(path=str(path), doc_id=doc["id"], first=str(seen)))
    if twice:
        for problem in twice:
            print(problem)
        print(f"{counted(len(files), 'files')}, {counted(len(twice), 'problems')}")
        return 1
    stats = CorpusStats.from_documents(documents=documents)
    if args.format == "json":
        print(json.dumps(stats.to_dict(), indent=2, ensure_ascii=False))
    elif args.format == "markdown":
        print(stats.to_markdown(), end="")
    else:
        print(stats.to_table())
    return 0


def _format_file(path: Path, *, write: bool, diff: bool) -> str:
    """Check (or rewrite) one file, printing what is wrong: "canonical", "changed",
    "failed" (unreadable) or "refused" (a packaged schema or seed file)."""
    from wiregold.atomic import write_atomically
    from wiregold.canonical import canonical_bytes, first_difference
    from wiregold.jsonio import JsonError, parse_json_bytes, read_bytes

    try:
        raw = read_bytes(path=path)
        expected = canonical_bytes(doc=parse_json_bytes(data=raw, source=str(path)).value)
    except JsonError as err:  # unreadable, too large, or not strict JSON
        print(err)
        return "failed"
    except (TypeError, ValueError) as err:  # not an object, or unencodable text
        print(f"{path}:1: cannot format: {err}")
        return "failed"
    line = first_difference(actual=raw, expected=expected)
    if line is None:
        return "canonical"
    if write:
        kept = paths.protected_dir(resolved=path.resolve())
        if kept not in (None, "corpus"):  # the canonical layout is a document's only
            print(f"{path}: not rewritten: it is in the packaged {kept}/ (only documents are)")
            return "refused"
        write_atomically(path=path, data=expected)
        print(f"{path}: reformatted")
        return "changed"
    print(f"{path}:{line}: not in canonical format (first difference at line {line})")
    if diff:
        import difflib

        before, after = _lines(raw.decode("utf-8")), _lines(expected.decode("utf-8"))
        canonical_name = f"{path} (canonical)"
        for line in difflib.unified_diff(before, after, str(path), canonical_name, n=0):
            # A last line without its newline is marked as diff(1) marks it, for patch(1).
            sys.stdout.write(line if line.endswith("\n") else line + _NO_NEWLINE)
    return "changed"


_NO_NEWLINE = "\n\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    """Lines at LF only, each with its LF (str.splitlines also splits at CR, U+2028,
    U+0085 ..., which a JSON string may hold); the last may lack one."""
    pieces = [line + "\n" for line in text.split("\n")]
    pieces[-1] = pieces[-1][:-1]
    return pieces if pieces[-1] else pieces[:-1]


def _cmd_format(args: argparse.Namespace) -> int:
    files = _files(given=args.paths, default=paths.all_corpus_files, what="corpus documents")
    outcomes = [_format_file(path, write=args.write, diff=args.diff) for path in files]
    changed, failed = outcomes.count("changed"), outcomes.count("failed")
    refused = outcomes.count("refused")
    verb = "reformatted" if args.write else "not canonical"
    tail = f", {refused} refused" if refused else ""
    print(f"{counted(len(files), 'files')}, {changed} {verb}, {failed} unreadable{tail}")
    return 1 if failed or refused or (changed and not args.write) else 0


def _cmd_agree(args: argparse.Namespace) -> int:
    from wiregold.jsonio import read_json
    from wiregold.validate import validate_paths

    files = [args.file_a, args.file_b]
    for path in files:
        if not path.is_file():
            raise UsageError(f"not a file: {path}")
    report = validate_paths(files=files, data_root=args.data_root)
    if not report.ok:
        _print_report(report)
        return 1
    try:
        from wiregold.agreement import compare
    except ModuleNotFoundError as err:
        if err.name != "wiregold.agreement":
            raise
        raise UsageError("this installation has no wiregold.agreement module") from None
    try:
        result = compare(
            reference=read_json(path=args.file_a).value, other=read_json(path=args.file_b).value
        )
    except ValueError as err:  # valid files that cannot be compared (two mentions, one span)
        print(f"wiregold agree: {args.file_a} and {args.file_b}: {err}", file=sys.stderr)
        return 1
    if args.format == "json":
        # The document ids alone cannot tell A from B (two annotations of one document).
        files = {"reference_file": str(args.file_a), "other_file": str(args.file_b)}
        print(json.dumps({**files, **result.to_dict()}, indent=2, ensure_ascii=False))
    else:
        print(result.to_markdown())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wiregold",
        description="wiregold: validate, format and summarise the annotated news corpus.",
    )
    parser.add_argument("--version", action="version", version=f"wiregold {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check documents against the schema and the annotation rules",
        description="Check documents (default: the packaged corpus, splits and annotatorN dirs). "
        "Prints FILE:LINE: /json/pointer: message (expected: ...) per problem.",
    )
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="file or directory")
    validate.set_defaults(handler=_cmd_validate)

    stats = commands.add_parser(
        "stats",
        help="count documents and annotations per split and type",
        description="Counts per layer and type (default: the corpus splits, not annotatorN).",
    )
    stats.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="file or directory")
    stats.add_argument("--format", choices=("table", "json", "markdown"), default="table")
    add_data_root(stats)
    stats.set_defaults(handler=_cmd_stats)

    fmt = commands.add_parser(
        "format",
        help="check or rewrite files in canonical format",
        description="List files that are not in canonical format (exit 1 if any); with "
        "--write, rewrite them. Default: the packaged corpus.",
    )
    fmt.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="file or directory")
    fmt.add_argument("--write", action="store_true", help="rewrite non-canonical files in place")
    fmt.add_argument("--diff", action="store_true", help="show a diff for each file (check mode)")
    fmt.set_defaults(handler=_cmd_format)

    agree = commands.add_parser(
        "agree",
        help="inter-annotator agreement between two annotations of a document",
        description="Validate both files, then compare FILE_B against FILE_A (the reference).",
    )
    agree.add_argument("file_a", type=Path, metavar="FILE_A")
    agree.add_argument("file_b", type=Path, metavar="FILE_B")
    agree.add_argument("--format", choices=("markdown", "json"), default="markdown")
    add_data_root(agree)
    agree.set_defaults(handler=_cmd_agree)

    from wiregold.data_commands import register as register_data_commands

    register_data_commands(commands)  # build, export

    from wiregold.score_cli import register as register_score_commands

    register_score_commands(commands, validate=validate)  # score, validate --pred

    from wiregold.render_cli import register as register_render_command

    register_render_command(commands)  # render

    from wiregold.baseline_cli import register as register_baseline_commands

    register_baseline_commands(commands)  # baseline, leaderboard
    return parser


def _subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The parser of each command, by name."""
    for action in parser._actions:  # argparse keeps the subparsers only there
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _drop_stdout() -> None:
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args, extras = parser.parse_known_args(argv)
        if extras:  # said by the command's own parser: its name and usage, not wiregold's
            command = getattr(args, "command", None)
            commands = _subcommands(parser)
            owner = commands.get(command, parser) if command else parser
            owner.error(f"unrecognized arguments: {' '.join(extras)}")
    except SystemExit as exit_:  # argparse exits for --help (0) and usage errors (2)
        return exit_.code if isinstance(exit_.code, int) else 2
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        code = args.handler(args)
        sys.stdout.flush()  # a full disk behind stdout fails here, not at exit
        return code
    except UsageError as err:
        print(f"wiregold {args.command}: error: {err}", file=sys.stderr)
        return 2
    except paths.DataNotFoundError as err:  # a broken installation
        print(f"wiregold {args.command}: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head`: stop quietly
        _drop_stdout()
        return 1
    except OSError as err:  # what the system refused: a full disk, a name too long, ...
        where = f"{err.filename}: " if err.filename is not None else "cannot write the output: "
        print(f"wiregold {args.command}: error: {where}{err.strerror or err}", file=sys.stderr)
        try:
            sys.stdout.flush()
        except OSError:  # stdout itself failed: drop what is left, or exit would fail again
            _drop_stdout()
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
