"""Load the gold corpus as typed documents: ``wiregold.load_corpus(split="test")``."""

from __future__ import annotations

from wiregold import paths
from wiregold.model import Document
from wiregold.problems import counted


class CorpusError(ValueError):
    """The packaged corpus cannot be loaded: an unknown split or an invalid document."""


class UnknownSplitError(CorpusError):
    """A split name that is not a directory of the corpus (annotatorN are not splits)."""


def load_corpus(*, split: str = "test") -> tuple[Document, ...]:
    """The validated documents of ``split``, sorted by id (the file name).

    Raises :class:`UnknownSplitError` for a split that does not exist (the
    ``annotatorN`` directories are not splits) and :class:`CorpusError` for a document
    that ``wiregold validate`` rejects.
    """
    from wiregold.jsonio import read_json
    from wiregold.validate import validate_file

    names = paths.split_names()
    if split not in names:
        raise UnknownSplitError(f"unknown split {split!r} (splits: {', '.join(names) or 'none'})")
    documents = []
    for path in paths.split_files(splits=[split]):
        problems = validate_file(path=path)
        if problems:
            listed = "\n".join(str(p) for p in problems[:20])
            raise CorpusError(
                f"{path} is not valid ({counted(len(problems), 'problems')}):\n{listed}"
            )
        documents.append(Document.from_json(obj=read_json(path=path).value))
    # By id, not by file name: "x-y.json" sorts before "x.json", id "x" before "x-y".
    return tuple(sorted(documents, key=lambda doc: doc.id))
