"""``wiregold build``: the files generated from the gold, so that ``load_dataset`` needs no code.

Generated, relative to the repository root:

- ``data/<config>/<split>.jsonl`` for every flat config (:mod:`wiregold.rows`);
- ``croissant.json`` (:mod:`wiregold.croissant`);
- the YAML front matter of ``README.md`` (:mod:`wiregold.card`); the rest of the README
  is left as it is.

Output is byte-deterministic (rows in a stable order, keys in column order, UTF-8, LF,
one JSON object per line). :func:`stale_files` compares without writing (``--check``).
The gold is always the package's corpus (:mod:`wiregold.paths`); ``root`` only says where
the generated files go.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from wiregold import paths
from wiregold.card import (
    DOCUMENTS_CONFIG,
    GENERATED_DIR,
    data_file,
    front_matter,
    to_yaml,
    with_front_matter,
)
from wiregold.corpus import CorpusError, load_corpus
from wiregold.croissant import croissant
from wiregold.rows import Row, rows, tables
from wiregold.tokens import drop_counts, tag_document

CROISSANT_FILE = "croissant.json"
README_FILE = "README.md"
# Readers of README.md on GitHub meet this block first: say what it is and where to go.
CARD_NOTE = (
    "# The Hugging Face dataset card: every config and its features, so that\n"
    "# datasets.load_dataset needs no code. Written by `wiregold build`; do not edit.\n"
    '# The README itself starts after the closing ---, at the heading "# wiregold".\n'
)


class BuildError(ValueError):
    """The output directory cannot take the generated files: no readable README.md there."""


@dataclass(frozen=True)
class Summary:
    """What the generated files hold: rows per config and split, and the NER tag losses."""

    row_counts: dict[str, dict[str, int]]  # config -> split -> rows
    tagged: int  # mentions expressed by the ner_tokens tags
    mentions: int
    dropped: Counter[str]  # mentions the tags cannot hold, by reason

    def ner_sentence(self) -> str:
        """What the IOB2 tags hold, in one sentence (build report and dataset card)."""
        dropped = self.dropped
        return (
            f"`ner_tokens` tags {self.tagged} of the {self.mentions} mentions (the outermost "
            f"ones): {dropped['nested']} nested mentions are dropped (each lies inside a "
            f"tagged mention), {dropped['crossing']} crossing ones, {dropped['unaligned']} "
            "off token boundaries."
        )


@dataclass(frozen=True)
class BuildOutput:
    """Everything ``wiregold build`` writes, and its summary."""

    files: dict[str, bytes]  # repository-relative POSIX path -> content
    summary: Summary


def jsonl_bytes(*, rows: list[Row]) -> bytes:
    """One JSON object per line (keys in column order), UTF-8, LF."""
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def _generate() -> tuple[dict[str, bytes], Summary, list[str]]:
    """The data files and croissant.json, the summary, and the split names."""
    documents = {split: load_corpus(split=split) for split in paths.split_names()}
    specs = tables()
    files: dict[str, bytes] = {}
    counts = {DOCUMENTS_CONFIG: {split: len(docs) for split, docs in documents.items()}}
    for name in specs:
        counts[name] = {}
        for split, docs in documents.items():
            found = rows(name=name, documents=docs)
            files[data_file(config=name, split=split)] = jsonl_bytes(rows=found)
            counts[name][split] = len(found)
    version = next((d.metadata.corpus_version for ds in documents.values() for d in ds), "")
    metadata = croissant(tables=specs, corpus_version=version, splits=list(documents))
    files[CROISSANT_FILE] = (json.dumps(metadata, ensure_ascii=False, indent=2) + "\n").encode()
    every = [d for docs in documents.values() for d in docs]
    tagged = [tag_document(doc=d) for d in every]
    summary = Summary(
        row_counts=counts,
        tagged=sum(len(t.tagged) for t in tagged),
        mentions=sum(len(d.mentions) for d in every),
        dropped=drop_counts(documents=tagged),
    )
    return files, summary, list(documents)


def summarise() -> Summary:
    """The summary of the current gold (what the README's configs table shows)."""
    return _generate()[1]


def build_outputs(*, root: Path) -> BuildOutput:
    """Compute every generated file for the repository at ``root``; nothing is written.

    Raises :class:`wiregold.corpus.CorpusError` if a gold document is invalid, and
    :class:`BuildError` if ``root`` has no README.md to carry the dataset card.
    """
    readme_path = root / README_FILE
    if not readme_path.is_file():
        raise BuildError(f"{readme_path} does not exist: the dataset card lives in README.md")
    try:
        readme = readme_path.read_text(encoding="utf-8")
        files, summary, splits = _generate()
        if root.resolve() != paths.data_root().resolve():
            # Another directory (an installed package's build): its card's documents
            # config reads corpus/<split>/, so the split files go there too.
            for path in paths.split_files():
                files[path.relative_to(paths.data_root()).as_posix()] = path.read_bytes()
        card = CARD_NOTE + to_yaml(data=front_matter(splits=splits, tables=tables()))
        files[README_FILE] = with_front_matter(readme=readme, yaml_text=card).encode("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise BuildError(f"cannot read {readme_path}: {err}") from None
    except ValueError as err:
        if isinstance(err, CorpusError):
            raise
        raise BuildError(f"{readme_path}: {err}") from None
    return BuildOutput(files=files, summary=summary)


def _unexpected(*, root: Path, output: BuildOutput) -> list[str]:
    """Files under ``data/`` that the build does not produce (a removed config or split)."""
    directory = root / GENERATED_DIR
    if not directory.is_dir():
        return []
    found = (p.relative_to(root).as_posix() for p in directory.rglob("*") if p.is_file())
    return sorted(f for f in found if f not in output.files)


def stale_files(*, root: Path, output: BuildOutput) -> list[tuple[str, str]]:
    """``(path, why)`` for each generated file that is missing, differs, or should not exist."""
    stale: list[tuple[str, str]] = []
    for relative, content in output.files.items():
        path = root / relative
        if not path.is_file():
            stale.append((relative, "missing"))
        elif path.read_bytes() != content:
            stale.append((relative, "differs from what the gold generates"))
    unexpected = _unexpected(root=root, output=output)
    stale.extend((relative, "not generated by the build") for relative in unexpected)
    return sorted(stale)


def write_outputs(*, root: Path, output: BuildOutput) -> list[tuple[str, str]]:
    """Write the files that changed, delete unexpected ones under ``data/``; list them."""
    from wiregold.atomic import write_atomically

    changed = stale_files(root=root, output=output)
    for relative, _ in changed:
        path = root / relative
        if relative not in output.files:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path=path, data=output.files[relative])
    generated = root / GENERATED_DIR
    for directory in sorted(generated.glob("**/"), key=lambda p: len(p.parts), reverse=True):
        if directory != generated and not any(directory.iterdir()):
            directory.rmdir()
    return changed


def configs_table() -> str:
    """The README's table of configs (a generated section, see wiregold.readme_tables)."""
    summary = summarise()
    descriptions = {DOCUMENTS_CONFIG: "the gold documents, nested, as in `corpus/<split>/`"}
    descriptions |= {name: table.description for name, table in tables().items()}
    splits = list(summary.row_counts[DOCUMENTS_CONFIG])
    lines = [
        "| config | " + " | ".join(f"rows ({s})" for s in splits) + " | what a row is |",
        "|---|" + "---:|" * len(splits) + "---|",
    ]
    for name, counts in summary.row_counts.items():
        cells = " | ".join(str(counts[s]) for s in splits)
        lines.append(f"| `{name}` | {cells} | {descriptions[name]} |")
    return "\n".join(lines) + "\n\n" + summary.ner_sentence() + "\n"
