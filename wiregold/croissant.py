"""``croissant.json``: Croissant 1.0 metadata (MLCommons) for the generated flat files.

One ``cr:FileSet`` per flat config (``data/<config>/*.jsonl``, one file per split) and a
``cr:FileSet`` for the nested gold documents; one ``cr:RecordSet`` per flat config whose
fields are the config's columns, extracted from the JSONL columns, plus a ``split`` field
taken from the file name. The file sits at the repository root; the dataset card's
``configs:`` make ``datasets`` load only the declared data files, so it does not get in
the way of ``load_dataset``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wiregold.rows import Column, Table

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
# The JSON-LD context of the Croissant 1.0 specification, as mlcroissant expects it.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
_DATA_TYPES = {"string": "sc:Text", "int64": "sc:Integer", "bool": "sc:Boolean"}

DESCRIPTION = (
    "A hand-annotated gold benchmark for information extraction from conflict and "
    "diplomacy news: entity mentions and coreference, events with arguments, realis and "
    "event coreference, casualty counts, quotes and temporal expressions over one AFP "
    "wire story. An evaluation set, not a training set."
)
CITATION = """@misc{wiregold2026,
  title  = {wiregold: a gold-standard benchmark for information extraction from conflict and diplomacy news},
  author = {{wiregold contributors}},
  year   = {2026},
  note   = {Version 0.1.0}
}"""  # noqa: E501 (one BibTeX field per line)


def _field(*, record_set: str, file_set: str, column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "@type": "cr:Field",
        "@id": f"{record_set}/{column.name}",
        "name": column.name,
        "description": column.description,
        "dataType": _DATA_TYPES[column.dtype],
        "source": {"fileSet": {"@id": file_set}, "extract": {"column": column.name}},
    }
    if column.repeated:
        field["repeated"] = True
    return field


def _split_field(*, record_set: str, file_set: str) -> dict[str, Any]:
    return {
        "@type": "cr:Field",
        "@id": f"{record_set}/split",
        "name": "split",
        "description": "the split: the name of the file the row comes from",
        "dataType": "sc:Text",
        "source": {
            "fileSet": {"@id": file_set},
            "extract": {"fileProperty": "filename"},
            "transform": {"regex": "^(.*)\\.jsonl$"},
        },
    }


def croissant(
    *, tables: dict[str, Table], corpus_version: str, splits: Sequence[str] = ("test",)
) -> dict[str, Any]:
    """The Croissant JSON-LD document (a dict ready for ``json.dumps``). ``splits``: the
    corpus directories that are splits (not ``annotatorN``, which are in none)."""
    distribution: list[dict[str, Any]] = [
        {
            "@type": "cr:FileSet",
            "@id": f"documents-{split}-files",
            "name": f"documents-{split}-files",
            "description": f"The gold documents of the {split} split: one pretty-printed "
            "JSON object per file (schema/document.schema.json), the source of every "
            "other file.",
            "encodingFormat": "application/json",
            "includes": f"corpus/{split}/*.json",
        }
        for split in splits
    ]
    record_sets: list[dict[str, Any]] = []
    for name, table in tables.items():
        file_set = f"{name}-files"
        distribution.append(
            {
                "@type": "cr:FileSet",
                "@id": file_set,
                "name": file_set,
                "description": f"The {name} config: one JSON Lines file per split, "
                "generated from the gold by `wiregold build`.",
                "encodingFormat": "application/jsonlines",
                "includes": f"data/{name}/*.jsonl",
            }
        )
        fields = [_field(record_set=name, file_set=file_set, column=c) for c in table.columns]
        fields.append(_split_field(record_set=name, file_set=file_set))
        record_sets.append(
            {
                "@type": "cr:RecordSet",
                "@id": name,
                "name": name,
                "description": table.description,
                "field": fields,
            }
        )
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": "wiregold",
        "description": DESCRIPTION,
        "conformsTo": CONFORMS_TO,
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "url": "https://wiregold.invalid/",
        "version": corpus_version,
        "inLanguage": ["en", "tr"],
        "creator": {"@type": "sc:Organization", "name": "wiregold contributors"},
        "citeAs": CITATION,
        "keywords": ["information extraction", "event extraction", "coreference", "news"],
        "isAccessibleForFree": True,
        "distribution": distribution,
        "recordSet": record_sets,
    }
