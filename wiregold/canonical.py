"""The canonical byte layout of a document file.

One layout means diffs of hand annotation stay small and reviewable, and ``validate``
can point at the line of an item. The layout (UTF-8, LF, trailing newline):

- the top-level object has one key per line, in the order of the schema's ``required``;
- ``metadata`` is pretty-printed with a 2-space indent;
- every layer (``zones`` ... ``quotes``) is an array with ONE ITEM PER LINE, each item
  compact JSON with ``", "`` and ``": "`` separators; an empty layer is ``[]``;
- keys of every object follow the schema's property order (recursively: a span is
  ``start, end, text``); keys the schema does not know go last, sorted;
- items are sorted: zones, mentions, timexes by ``(start, -end, id)``; events by their
  trigger, quotes by their content the same way; casualties by ``(first evidence start,
  id)``; entities and hoppers by the position of their first mention / first event, then
  id, with unreferenced ones last by id.

Sorting keys tolerate malformed values (they sort last), so a schema-invalid document
can still be formatted; ``canonical_text`` is idempotent on its own output.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from wiregold import schemas

LAYERS: tuple[str, ...] = (
    "zones",
    "entities",
    "mentions",
    "timexes",
    "hoppers",
    "events",
    "casualties",
    "quotes",
)
_ITEM_SEPARATORS = (", ", ": ")
FORMAT_HINT = "run `wiregold format --write {file}`"


def _object_schema(node: dict[str, Any]) -> dict[str, Any] | None:
    """The object-typed schema behind ``node``: follows local $refs and anyOf/oneOf branches."""
    defs = schemas.load(schemas.DOCUMENT)["$defs"]
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[-1]]
    if "properties" in node or "items" in node:
        return node
    for branch in node.get("anyOf", []) + node.get("oneOf", []):
        found = _object_schema(branch)
        if found is not None:
            return found
    return None


# id(schema node) -> (its properties, its known keys in order, its items schema, the node),
# so that the $ref/anyOf walk of _object_schema runs once per node, not once per value.
# Holding the node keeps its id from being reused by another object.
_NODE_CACHE: dict[tuple[int, tuple[str, ...]], tuple[dict[str, Any], list[str], Any, Any]] = {}


def _node_info(
    node: dict[str, Any] | None, first: tuple[str, ...]
) -> tuple[dict[str, Any], list[str], Any, Any]:
    key = (id(node), first)
    info = _NODE_CACHE.get(key)
    if info is None:
        schema = (_object_schema(node) if node is not None else None) or {}
        props: dict[str, Any] = schema.get("properties", {})
        info = (props, list(dict.fromkeys([*first, *props])), schema.get("items"), node)
        if node is not None:
            _NODE_CACHE[key] = info
    return info


def _ordered(value: Any, node: dict[str, Any] | None, first: list[str] | None = None) -> Any:
    """A copy of ``value`` with object keys in schema order, recursively."""
    if isinstance(value, dict):
        props, known, _, _ = _node_info(node, tuple(first or ()))
        keys = [k for k in known if k in value]
        if len(keys) != len(value):
            keys += sorted(k for k in value if k not in props)
        # Scalars are copied as they are, without a call each (most values are scalars).
        out = {}
        for k in keys:
            v = value[k]
            out[k] = _ordered(v, props.get(k)) if isinstance(v, dict | list) else v
        return out
    if isinstance(value, list):
        items = _node_info(node, ())[2]
        return [_ordered(v, items) if isinstance(v, dict | list) else v for v in value]
    return value


def _int(value: Any) -> float:
    return value if type(value) is int else math.inf


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _field(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, dict) else None


_START = itemgetter("start")
_END = itemgetter("end")
_ID = itemgetter("id")
_INT_ONLY = frozenset({int})
_STR_ONLY = frozenset({str})
# Layers in canonical order by a span: the item's own, or that of one of its fields.
_SPAN_LAYERS = (
    ("zones", None),
    ("mentions", None),
    ("timexes", None),
    ("events", "trigger"),
    ("quotes", "content"),
)


def _span_key(span: Any) -> tuple[float, float]:
    return (_int(_field(span, "start")), -_int(_field(span, "end")))


def _casualty_key(item: Any) -> tuple[float, str]:
    evidence = _field(item, "evidence")
    starts = [_int(_field(s, "start")) for s in evidence] if isinstance(evidence, list) else []
    return (min(starts, default=math.inf), _str(_field(item, "id")))


def _by_first_reference(
    items: list[Any], referrers: list[Any], ref_key: str, position: Callable[[Any], tuple]
) -> list[Any]:
    """Sort ``items`` by the position of the first referrer pointing at each, then id."""
    first: dict[str, tuple] = {}
    for referrer in referrers:
        target = _field(referrer, ref_key)
        if isinstance(target, str):
            pos = position(referrer)
            if target not in first or pos < first[target]:
                first[target] = pos
    return _by_first_span(items, {target: pos[:2] for target, pos in first.items()})


def _span_order(items: list[Any], span_field: str | None) -> list[Any] | None:
    """``items`` sorted by ``(start, -end, id)`` of their span (the item itself, or its
    ``span_field``), as ``by_span`` in :func:`sorted_layers` sorts them, when every item
    is an object whose span has integer offsets and whose id is a string; else None.

    Three stable sorts with keys read in C (id, then end descending, then start) give the
    order of the one sort with a key built per item: only the keys' types can make them
    differ, hence the check.
    """
    try:
        spans = items if span_field is None else [item[span_field] for item in items]
        starts = list(map(_START, spans))
        ends = list(map(_END, spans))
        ids = list(map(_ID, items))
    except (KeyError, TypeError, IndexError):  # a missing key, or not an object
        return None
    if not (
        _INT_ONLY.issuperset(map(type, starts))
        and _INT_ONLY.issuperset(map(type, ends))
        and _STR_ONLY.issuperset(map(type, ids))
    ):
        return None
    order = sorted(range(len(items)), key=ids.__getitem__)
    order.sort(key=ends.__getitem__, reverse=True)  # stable too
    order.sort(key=starts.__getitem__)
    return list(map(items.__getitem__, order))


def _first_spans(referrers: list[Any], ref_key: str, span_field: str | None) -> dict[str, tuple]:
    """``(start, -end)`` of the first referrer of each id, from referrers already in span
    order (:func:`_span_order`): the first one met is the first in the text."""
    first: dict[str, tuple] = {}
    for referrer in referrers:
        target = referrer.get(ref_key)
        if isinstance(target, str) and target not in first:
            span = referrer if span_field is None else referrer[span_field]
            first[target] = (span["start"], -span["end"])
    return first


def _by_first_span(items: list[Any], first: dict[str, tuple]) -> list[Any]:
    """``items`` by the ``first`` span of their id, then id; unreferenced ones last."""
    unreferenced = (math.inf, math.inf)

    def key(item: Any) -> tuple:
        item_id = _str(_field(item, "id"))
        return (*first.get(item_id, unreferenced), item_id)

    return sorted(items, key=key)


def sorted_layers(doc: dict[str, Any]) -> dict[str, Any]:
    """A shallow copy of ``doc`` with the items of every layer in canonical order."""
    out = dict(doc)

    def layer(name: str) -> list[Any]:
        value = doc.get(name)
        return value if isinstance(value, list) else []

    def by_span(item: Any, span_field: str | None = None) -> tuple:
        span = item if span_field is None else _field(item, span_field)
        return (*_span_key(span), _str(_field(item, "id")))

    # Layers sorted by span, and whether the quick order applied (then the referrers of
    # entities and hoppers are in span order already).
    quick: dict[str, bool] = {}
    for name, span_field in _SPAN_LAYERS:
        if isinstance(doc.get(name), list):
            items = doc[name]
            ordered = _span_order(items, span_field)
            quick[name] = ordered is not None
            if ordered is None:
                ordered = sorted(items, key=lambda item, f=span_field: by_span(item, f))
            out[name] = ordered
    if isinstance(doc.get("casualties"), list):
        out["casualties"] = sorted(doc["casualties"], key=_casualty_key)
    for name, referrers, ref_key, span_field in (
        ("entities", "mentions", "entity", None),
        ("hoppers", "events", "hopper", "trigger"),
    ):
        if not isinstance(doc.get(name), list):
            continue
        if quick.get(referrers):
            first = _first_spans(out[referrers], ref_key, span_field)
            out[name] = _by_first_span(doc[name], first)
        else:
            out[name] = _by_first_reference(
                layer(name),
                layer(referrers),
                ref_key,
                lambda item, f=span_field: by_span(item, f),
            )
    return out


def canonical_document(*, doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``doc`` with keys and items in canonical order."""
    if not isinstance(doc, dict):
        raise TypeError(f"a document is a JSON object, not {type(doc).__name__}")
    schema = schemas.load(schemas.DOCUMENT)
    return _ordered(sorted_layers(doc), schema, first=schema["required"])


def canonical_text(*, doc: dict[str, Any]) -> str:
    """The canonical file content of ``doc`` (see the module docstring)."""
    parts = []
    for key, value in canonical_document(doc=doc).items():
        if key == "metadata":
            rendered = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        elif key in LAYERS and isinstance(value, list) and value:
            lines = (
                json.dumps(item, ensure_ascii=False, separators=_ITEM_SEPARATORS) for item in value
            )
            rendered = "[\n    " + ",\n    ".join(lines) + "\n  ]"
        else:
            rendered = json.dumps(value, ensure_ascii=False, separators=_ITEM_SEPARATORS)
        parts.append(f"  {json.dumps(key, ensure_ascii=False)}: {rendered}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def canonical_bytes(*, doc: dict[str, Any]) -> bytes:
    """UTF-8 bytes of :func:`canonical_text`; ValueError for unencodable (lone surrogate) text."""
    try:
        return canonical_text(doc=doc).encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError(f"document contains an unpaired surrogate ({err.reason})") from None


def first_difference(*, actual: bytes, expected: bytes) -> int | None:
    """The 1-based line where ``actual`` first differs from ``expected``; None if equal."""
    if actual == expected:
        return None
    actual_lines, expected_lines = actual.split(b"\n"), expected.split(b"\n")
    for number, (a, b) in enumerate(zip(actual_lines, expected_lines, strict=False), start=1):
        if a != b:
            return number
    # One is the other plus lines, or plus the final newline: the last line they share
    # ("a" against "a\n" differs on line 1, which lacks its newline).
    return min(len(actual_lines), len(expected_lines))
