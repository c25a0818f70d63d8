"""Where the schema, inventory, seeds and corpus are.

Both layouts have the same relative paths under one *data root*:
``schema/``, ``seeds/`` and ``corpus/<split>/``.

- In a checkout (including an editable install) the data root is the repository itself,
  so edits to the corpus are seen at once.
- In a wheel install the data is shipped as package data under ``wiregold/_data/``
  (see ``[tool.setuptools]`` in pyproject.toml).

``metadata.source.seed_file`` in a document is a path relative to the data root.
"""

from __future__ import annotations

import errno
import os
import re
from functools import cache
from pathlib import Path, PurePosixPath

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE_DIR.parent
_PACKAGED = _PACKAGE_DIR / "_data"

SCHEMA_FILE = "schema/document.schema.json"
INVENTORY_FILE = "schema/inventory.json"
#: corpus/annotator1/, corpus/annotator2/, ...: the annotations made before adjudication,
#: for agreement studies; never part of a split.
_ANNOTATOR_DIR = re.compile(r"annotator[0-9]+")


class DataNotFoundError(FileNotFoundError):
    """The package data (schema, corpus) cannot be found: a broken install."""


@cache
def data_root() -> Path:
    """The directory holding ``schema/``, ``seeds/`` and ``corpus/``."""
    # pyproject.toml tells a checkout apart from site-packages, which has no schema/ dir.
    if (_CHECKOUT / "pyproject.toml").is_file() and (_CHECKOUT / SCHEMA_FILE).is_file():
        return _CHECKOUT
    if (_PACKAGED / SCHEMA_FILE).is_file():
        return _PACKAGED
    raise DataNotFoundError(
        f"wiregold data not found: neither {_CHECKOUT / SCHEMA_FILE} nor "
        f"{_PACKAGED / SCHEMA_FILE} exists; reinstall the package"
    )


def schema_path() -> Path:
    return data_root() / SCHEMA_FILE


def inventory_path() -> Path:
    return data_root() / INVENTORY_FILE


# The packaged data that no command writes into (but `wiregold format --write`, which
# rewrites corpus/ documents in canonical layout).
PROTECTED = ("corpus", "seeds", "schema")


def protected_dir(*, resolved: Path) -> str | None:
    """The name of the :data:`PROTECTED` packaged directory that the already resolved
    path lies in (or is), or None."""
    root = data_root()
    return next((n for n in PROTECTED if resolved.is_relative_to((root / n).resolve())), None)


def corpus_root() -> Path:
    return data_root() / "corpus"


def _corpus_dirs() -> list[Path]:
    root = corpus_root()
    return sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []


def is_annotator_dir(*, name: str) -> bool:
    """True for ``annotatorN``: a pre-adjudication annotation, not a split."""
    return _ANNOTATOR_DIR.fullmatch(name) is not None


def split_names() -> list[str]:
    """The corpus splits: every corpus directory except the annotatorN ones, sorted."""
    return [p.name for p in _corpus_dirs() if not is_annotator_dir(name=p.name)]


def split_files(*, splits: list[str] | None = None) -> list[Path]:
    """The document files of the given splits (default: all splits), sorted."""
    names = split_names() if splits is None else splits
    return [path for name in names for path in sorted((corpus_root() / name).glob("*.json"))]


def annotator_files() -> list[Path]:
    """The files of corpus/annotatorN/ (for agreement), sorted by directory and name."""
    dirs = [p for p in _corpus_dirs() if is_annotator_dir(name=p.name)]
    return [path for directory in dirs for path in sorted(directory.glob("*.json"))]


def all_corpus_files() -> list[Path]:
    """Every document file of the packaged corpus: the splits, then the annotatorN dirs."""
    return split_files() + annotator_files()


def resolve_data_file(*, relative: str, root: Path | None = None) -> Path:
    """Resolve a data-root-relative POSIX path such as ``seeds/x.txt``.

    ``root`` is another data root (a corpus built on this schema keeps its own
    ``seeds/``); default: the package's. Raises ValueError for absolute paths and for
    paths that climb out with ``..``.
    """
    posix = PurePosixPath(relative)
    if not relative or posix.is_absolute() or ".." in posix.parts or "\\" in relative:
        raise ValueError(f"{relative!r} is not a relative path inside the data directory")
    return (data_root() if root is None else root).joinpath(*posix.parts)


def expand(*, paths: list[Path]) -> list[Path]:
    """Files named by ``paths``: each file itself, each directory's ``*.json`` recursively.

    Files under hidden directories (``.git``, ``.venv``) are skipped. Raises
    FileNotFoundError for a path that does not exist.
    """
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                found
                for found in sorted(path.rglob("*.json"))
                if not any(part.startswith(".") for part in found.relative_to(path).parts)
            )
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"{why_missing(path=path)}: {path}")
    return list(dict.fromkeys(files))


def why_missing(*, path: Path) -> str:
    """Why ``path`` names nothing readable: a link loop, a link to nothing, or nothing."""
    if path.is_symlink():
        try:
            path.resolve(strict=True)
        except RuntimeError:  # Python < 3.13: a loop
            return "a symbolic-link loop"
        except OSError as err:
            if err.errno == errno.ELOOP:
                return "a symbolic-link loop"
            return f"a symbolic link to {os.readlink(path)}, which does not exist"
    return "no such file or directory"


def resolved(*, path: Path) -> Path:
    """``path`` made absolute with its links followed. A path the system cannot resolve
    (a link loop, a name too long) raises ValueError saying why."""
    try:
        return path.resolve()
    except (OSError, RuntimeError) as err:  # Python < 3.13 raises RuntimeError for a loop
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise ValueError(f"cannot resolve the path ({reason})") from None
