"""The dataset card's YAML front matter (HuggingFace ``datasets``), generated from code.

README.md starts with ``---`` / YAML / ``---``: the card metadata, one ``configs:``
entry per config (with its ``data_files``) and ``dataset_info:`` features declared
explicitly for every config. Declared features matter: without them ``datasets``
infers types from the first file (an empty list becomes ``null``, nullable ints fail to
cast). The features of the ``documents`` config are derived from the JSON Schema, those
of the flat configs from :mod:`wiregold.rows`, so none of them can drift. Declared
features do not stop pyarrow from reading all-ISO-date string fields as timestamps
(see ``_ISO_DATE_PATTERN``); the loading tests compare every loaded row with the gold. No
``splits: num_examples`` (checked at load time; it breaks when documents are added).

The YAML is written by a small emitter for this subset (mappings, lists, strings,
ints, bools): the base package does not depend on PyYAML.
"""

from __future__ import annotations

import json
import re
from typing import Any

from wiregold import paths
from wiregold.rows import Column, Table

DOCUMENTS_CONFIG = "documents"
GENERATED_DIR = "data"  # where `wiregold build` writes the flat configs

CARD_METADATA: dict[str, Any] = {
    "pretty_name": "wiregold",
    "license": "cc-by-4.0",
    "language": ["en", "tr"],
    "size_categories": ["n<1K"],
    "source_datasets": ["original"],
    "task_categories": ["token-classification"],
    "task_ids": ["named-entity-recognition"],
    "tags": [
        "information-extraction",
        "event-extraction",
        "coreference-resolution",
        "temporal-expressions",
        "quotation-attribution",
        "casualty-counts",
        "news",
        "benchmark",
    ],
}

_SCALARS = {"string": "string", "integer": "int64", "boolean": "bool"}
# pyarrow's JSON reader turns a field whose values all look like ISO dates into a
# timestamp before datasets applies the declared features, and casting that back to a
# string gives "2024-01-19 00:00:00". A date-patterned string is therefore declared as a
# date (datetime.date in Python): the value survives, as a date.
_ISO_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _schema_feature(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """The ``datasets`` YAML feature of a JSON Schema node (``name`` added by the caller)."""
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    for branch in node.get("anyOf", []):  # "X or null": the X
        if branch.get("type") != "null":
            return _schema_feature(branch, defs)
    kind = node.get("type")
    if isinstance(kind, list):  # ["integer", "null"]
        kind = next(k for k in kind if k != "null")
    if kind is None and ("enum" in node or "const" in node):
        values = [v for v in node.get("enum", [node.get("const")]) if v is not None]
        kind = {str: "string", int: "integer", bool: "boolean"}[type(values[0])]
    if kind == "object":
        fields = [
            {"name": name, **_schema_feature(sub, defs)} for name, sub in node["properties"].items()
        ]
        return {"struct": fields}
    if kind == "array":
        item = _schema_feature(node["items"], defs)
        return {"list": item["struct"] if "struct" in item else item["dtype"]}
    if kind == "string" and node.get("pattern") == _ISO_DATE_PATTERN:
        return {"dtype": "date32"}
    return {"dtype": _SCALARS[kind]}


def document_features() -> list[dict[str, Any]]:
    """The features of the ``documents`` config, from ``schema/document.schema.json``."""
    schema = json.loads(paths.schema_path().read_text(encoding="utf-8"))
    features = _schema_feature(schema, schema["$defs"])["struct"]
    order = schema["required"]  # the canonical key order of a document file
    return sorted(features, key=lambda f: order.index(f["name"]))


def column_feature(column: Column) -> dict[str, Any]:
    """The ``datasets`` YAML feature of a flat column."""
    value: Any = column.dtype
    if column.labels is not None:
        value = {"class_label": {"names": {str(i): name for i, name in enumerate(column.labels)}}}
    if column.repeated:
        return {"name": column.name, "list": value}
    if column.labels is not None:
        return {"name": column.name, **value}
    return {"name": column.name, "dtype": value}


def front_matter(*, splits: list[str], tables: dict[str, Table]) -> dict[str, Any]:
    """The card metadata: fixed fields, then ``configs`` and ``dataset_info``."""
    configs: list[dict[str, Any]] = [
        {
            "config_name": DOCUMENTS_CONFIG,
            "default": True,
            "data_files": [{"split": s, "path": f"corpus/{s}/*.json"} for s in splits],
        }
    ]
    infos: list[dict[str, Any]] = [
        {"config_name": DOCUMENTS_CONFIG, "features": document_features()}
    ]
    for name, table in tables.items():
        files = [{"split": s, "path": data_file(config=name, split=s)} for s in splits]
        configs.append({"config_name": name, "data_files": files})
        infos.append({"config_name": name, "features": [column_feature(c) for c in table.columns]})
    return {**CARD_METADATA, "configs": configs, "dataset_info": infos}


def data_file(*, config: str, split: str) -> str:
    """Repository-relative path of a generated flat file."""
    return f"{GENERATED_DIR}/{config}/{split}.jsonl"


# -- YAML ----------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-/ ]*")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} as YAML")
    plain = _PLAIN.fullmatch(value) and not value.endswith(" ")
    if plain and value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string


def _lines(value: Any, indent: str) -> list[str]:
    """Block-style YAML lines of a mapping or list (lists inside mappings not indented)."""
    out: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                out.append(f"{indent}{_scalar(key)}:")
                out.extend(_lines(item, indent if isinstance(item, list) else indent + "  "))
            else:
                out.append(f"{indent}{_scalar(key)}: {_inline(item)}")
    else:
        for item in value:
            if isinstance(item, dict | list) and item:
                body = _lines(item, indent + "  ")
                out.append(f"{indent}- {body[0][len(indent) + 2 :]}")
                out.extend(body[1:])
            else:
                out.append(f"{indent}- {_inline(item)}")
    return out


def _inline(value: Any) -> str:
    if isinstance(value, dict | list):  # only empty ones get here
        return "{}" if isinstance(value, dict) else "[]"
    return _scalar(value)


def to_yaml(*, data: dict[str, Any]) -> str:
    """``data`` as block-style YAML text ending with a newline."""
    return "\n".join(_lines(data, "")) + "\n"


def with_front_matter(*, readme: str, yaml_text: str) -> str:
    """The README with its front matter replaced by (or, if absent, prefixed with) ``yaml_text``."""
    if readme.startswith("---\n"):
        end = readme.find("\n---\n", 3)
        if end < 0:
            raise ValueError("README.md front matter starts with --- but has no closing ---")
        readme = readme[end + len("\n---\n") :].lstrip("\n")
    return f"---\n{yaml_text}---\n\n{readme}"
