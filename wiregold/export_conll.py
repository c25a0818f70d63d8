"""CoNLL-2003-style token files: ``<split>.conll`` for taggers and ``conlleval``/seqeval.

The layout is CoNLL-2003's four space-separated columns, ``token POS chunk NER``, with
``-X-`` placeholders for the two columns the gold does not have::

    -DOCSTART- -X- -X- O
    <blank line>
    Pakistan -X- -X- B-GPE
    , -X- -X- O
    ...

One ``-DOCSTART-`` line per document (documents in id order), a blank line after every
sentence (:mod:`wiregold.tokens`: sentences never cross a zone; only annotated zones are
written). Tags are IOB2 over the outermost mentions; nested mentions cannot be written
and are counted in :func:`wiregold.tokens.drop_counts`. Tokens never contain white space.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from wiregold.atomic import write_atomically
from wiregold.model import Document
from wiregold.tokens import tag_document

DOCSTART = "-DOCSTART- -X- -X- O"
PLACEHOLDER = "-X-"


def conll_text(*, documents: Iterable[Document]) -> str:
    """The CoNLL file content for ``documents``."""
    lines: list[str] = []
    for doc in documents:
        lines += [DOCSTART, ""]
        for sentence in tag_document(doc=doc).sentences:
            for token, tag in zip(sentence.tokens, sentence.tags, strict=True):
                lines.append(f"{token.text} {PLACEHOLDER} {PLACEHOLDER} {tag}")
            lines.append("")
    return "\n".join(lines) + ("\n" if lines else "")


def write_conll(*, documents: Iterable[Document], out: Path, split: str) -> list[Path]:
    """Write ``<out>/<split>.conll``; return it in a list."""
    path = out / f"{split}.conll"
    write_atomically(path=path, data=conll_text(documents=documents).encode("utf-8"))
    return [path]
