"""``wiregold export``: the gold in the formats of other tools (CoNLL token files, brat).

Exports and builds never write into ``corpus/`` or ``seeds/``: the gold and the seeds
are hand-curated and byte-checked, so an output directory inside them is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from wiregold import paths

FORMATS = ("conll", "brat")


class ExportError(ValueError):
    """The gold cannot be written in the requested format, or not to that place."""


class OutputDirError(ExportError):
    """An unusable output directory: inside ``corpus/`` or ``seeds/``, or not a directory."""


def check_output_dir(*, out: Path) -> None:
    """Raise :class:`OutputDirError` for ``out`` inside a protected dir, or not a directory."""
    try:
        resolved = paths.resolved(path=out)
    except ValueError as err:
        raise OutputDirError(f"{out}: {err}") from None
    name = paths.protected_dir(resolved=resolved)
    if name is not None:
        protected = (paths.data_root() / name).resolve()
        raise OutputDirError(
            f"refusing to write into {out}: it is inside {protected}, which holds "
            "the hand-curated gold, seeds and schema; choose another --out"
        )
    if out.exists() and not out.is_dir():
        raise OutputDirError(f"{out} exists and is not a directory")


def export(*, fmt: str, out: Path, split: str = "test") -> list[Path]:
    """Write ``split`` of the gold to ``out`` in format ``fmt``; return the files written.

    Raises ValueError for an unknown format, :class:`OutputDirError` for an unusable
    ``out``, :class:`ExportError` for a document the format cannot hold,
    :class:`wiregold.corpus.CorpusError` for an unknown split or an invalid document, and
    OSError when writing fails.
    """
    from wiregold.corpus import load_corpus
    from wiregold.export_brat import write_brat
    from wiregold.export_conll import write_conll

    writers: dict[str, Callable[..., list[Path]]] = {"conll": write_conll, "brat": write_brat}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r} (formats: {', '.join(FORMATS)})")
    check_output_dir(out=out)
    documents = load_corpus(split=split)
    out.mkdir(parents=True, exist_ok=True)
    return writers[fmt](documents=documents, out=out, split=split)
