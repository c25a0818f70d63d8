"""What every command-line module shares: the usage error and the checks on ``--out``."""

from __future__ import annotations

import argparse
from pathlib import Path

from wiregold import paths


class UsageError(Exception):
    """A bad command line: reported on stderr with exit code 2."""


def check_out(out: Path, *, inputs: list[Path], what: str) -> None:
    """Refuse an ``--out`` file that is an input, lies in an input directory or in the
    packaged data, is a directory, or has no parent directory. ``what`` names the output
    in the message ("the report", "the predictions", "the page")."""
    target = resolved_path(out, shown=f"--out {out}")
    for given in inputs:
        resolved = resolved_path(given, shown=str(given))
        if target == resolved:
            raise UsageError(f"--out {out} is an input file; write {what} elsewhere")
        if given.is_dir() and target.is_relative_to(resolved):
            raise UsageError(f"--out {out} is inside the gold directory {given}")
    name = paths.protected_dir(resolved=target)
    if name is not None:
        raise UsageError(
            f"--out {out} is inside the packaged {name}/ directory; write {what} elsewhere"
        )
    if out.is_dir():
        raise UsageError(f"--out {out} is a directory")
    if out.exists() and not out.is_file():
        # The file is written beside it and renamed over it: a device or a pipe would be
        # replaced by a regular file (as root, /dev/null itself).
        raise UsageError(f"--out {out} is not a regular file (a device, pipe or socket)")
    if out.parent.exists() and not out.parent.is_dir():
        raise UsageError(f"--out {out}: {out.parent} is not a directory")
    if not out.parent.is_dir():
        raise UsageError(f"--out {out}: directory {out.parent} does not exist")


def resolved_path(path: Path, *, shown: str) -> Path:
    """:func:`wiregold.paths.resolved`, its error a :class:`UsageError` after ``shown``."""
    try:
        return paths.resolved(path=path)
    except ValueError as err:
        raise UsageError(f"{shown}: {err}") from None


def gold_files(gold: Path | None, *, noun: str = "gold documents") -> list[Path]:
    """The files of ``--gold`` (a file or a directory), or of the packaged test split."""
    if gold is None:
        if "test" not in paths.split_names():
            raise UsageError(f"no test split under {paths.corpus_root()}; pass --gold PATH")
        files = paths.split_files(splits=["test"])
        where = str(paths.corpus_root() / "test")
    else:
        try:
            files = paths.expand(paths=[gold])
        except FileNotFoundError:
            raise UsageError(f"--gold {gold}: {paths.why_missing(path=gold)}") from None
        where = str(gold)
    if not files:
        raise UsageError(f"no {noun} (*.json) in {where}")
    return files


def pred_file(path: Path) -> Path:
    """``--pred`` must name a regular file (it is read twice: indexed, then scored)."""
    if not path.is_file():
        if path.is_dir():
            what = "a directory"
        elif path.exists():
            what = "not a regular file (a pipe or a device); save the predictions to a file"
        elif path.is_symlink():
            what = paths.why_missing(path=path)
        else:
            what = "no such file"
        raise UsageError(f"--pred {path}: {what} (expected a prediction file)")
    return path


def _data_root(value: str) -> Path:
    path = Path(value)
    try:
        if path.is_dir():
            return path
        what = "not a directory" if path.exists() else "no such directory"
    except OSError as err:  # a name too long: argparse runs this outside main's guard
        what = err.strerror or str(err)
    raise argparse.ArgumentTypeError(f"{value}: {what} (expected the directory of seeds/)")


def add_data_root(parser: argparse.ArgumentParser) -> None:
    """``--data-root DIR``, for every command that checks gold documents."""
    parser.add_argument(
        "--data-root",
        type=_data_root,
        metavar="DIR",
        help="directory holding the seeds/ that gold documents name in "
        "metadata.source.seed_file (a corpus built on this schema; default: the package data)",
    )
