"""Reading and checking system predictions.

A prediction file is JSON Lines: one object per document (``schema/prediction.schema.json``),
read and checked line by line, so a malformed line is reported with its line number as
soon as it is reached. A pretty-printed single JSON document is accepted too (a gold
file is itself a valid prediction): when the first non-blank line is not a complete JSON
object, the whole file is parsed as one object.

Every line is parsed strictly and within limits (:mod:`wiregold.jsonio`: duplicate keys,
``NaN``, a BOM, non-UTF-8 bytes, lone surrogates, deep nesting are errors; a line over
:data:`wiregold.jsonio.MAX_BYTES` is reported and skipped unread; LF and CR LF line ends
are both fine; a file with no JSON at all is an error), checked against the JSON Schema
(every error, with its JSON pointer), then against the gold document it names:

- the document id (``doc_id``, or ``id`` as in a gold file) is a gold document's, and no
  document is predicted twice; predictions for unknown documents are errors unless
  ``ignore_unknown_docs`` (then they are skipped and listed);
- a ``text``, if given, equals the gold text;
- offsets lie in the text with ``start < end``, and a span's ``text``, when given with
  offsets, equals ``text[start:end]``; a head with offsets lies inside its mention;
- references resolve within the prediction: argument ``mention``/``timex``, casualty
  ``victims.mentions`` (mention ids), ``perpetrators``/``places`` and
  ``reported_by.entity`` (entity ids), ``times`` (timex ids), ``hoppers`` (hopper ids),
  quote participants' ``entity``/``mention``. Entity ids are the ``entities[].id`` plus
  every ``mentions[].entity`` label (a cluster needs no entity record); hopper ids are
  the ``hoppers[].id`` plus every ``events[].hopper`` label;
- ids are unique within ``entities``, ``mentions``, ``timexes`` and ``hoppers`` (the
  layers that references point into);
- a casualty count has ``low <= value <= high`` where given, and is one the casualty
  scorer can read (its precision agrees with its numbers);
- a text-only item has a text that normalises to something (not only white space);
- a quote participant's mention belongs to the participant's entity when both are given.

Problems are :class:`wiregold.problems.Problem` (file, line, JSON pointer, message,
expected), printed like those of ``wiregold validate``. Gold documents without a
prediction are listed as missing: the scorer treats them as empty predictions.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO

from wiregold import jsonio, schemas
from wiregold.checks import layer_items
from wiregold.jsonio import JsonError, ParsedJson, parse_json_bytes, size_text
from wiregold.problems import JsonPath, Problem, counted, json_pointer, shorten, with_article
from wiregold.spans import encoding_hint, mismatch
from wiregold.validate import describe_schema_error

__all__ = [
    "PredictionSet",
    "Record",
    "check_predictions",
    "iter_records",
    "load_predictions",
]

Doc = Mapping[str, Any]
# The layers of a prediction whose items a schema error can be pinned to.
_LAYERS = ("entities", "mentions", "timexes", "hoppers", "events", "casualties", "quotes")
_NOUN = {
    "entities": "entity",
    "mentions": "mention",
    "timexes": "timex",
    "hoppers": "hopper",
}


# ------------------------------------------------------------------------------ reading


@dataclass(frozen=True)
class Record:
    """One prediction object as read: ``line`` is where it starts in its file."""

    line: int
    value: Any
    parsed: ParsedJson | None = field(default=None, repr=False)
    # Added to the lines ParsedJson reports (a JSON Lines object is parsed on its own).
    line_offset: int = 0

    def line_of(self, path: JsonPath) -> int:
        if self.parsed is None:
            return self.line
        return self.parsed.line_of(path) + self.line_offset


_KINDS = {list: "an array", str: "a string", type(None): "null", bool: "true or false"}


def _not_an_object(value: Any, *, source: str, line: int) -> Problem:
    kind = _KINDS.get(type(value), "a number")
    message = f"a prediction must be a JSON object; found {kind}"
    return Problem(source, "", message, "one JSON object per line, as JSON Lines", line)


@dataclass(frozen=True)
class _TooLong:
    """A line longer than the limit, skipped unread: only its length is kept."""

    size: int


def _bounded_lines(stream: Iterable[bytes] | BinaryIO, limit: int) -> Iterator[bytes | _TooLong]:
    """The lines of ``stream``; a line longer than ``limit`` bytes becomes a :class:`_TooLong`.

    From a binary file, at most ``limit + 1`` bytes of a line are ever held in memory: the
    rest of a long line is read in chunks and dropped.
    """
    readline = getattr(stream, "readline", None)
    if readline is None:  # lines given in memory
        for line in stream:
            size = len(line) - line.endswith(b"\n")  # as from a file: the line end not counted
            yield _TooLong(size) if size > limit else line
        return
    while True:
        line = readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield _TooLong(size - (1 if line.endswith(b"\n") else 0))


def _too_long(item: _TooLong, *, source: str, number: int, limit: int) -> Problem:
    message = f"line too long: found {size_text(item.size)}, not read"
    expected = f"at most {size_text(limit)} per line"
    return Problem(source, "", message, expected, number)


def _looks_like_json_lines(first: bytes, following: bytes) -> bool:
    """After the first line failed to parse alone: was the file meant as JSON Lines?

    Yes when the first line closes an object on its own line, or the next non-blank line
    opens one at column 0 (pretty-printed JSON indents its inner lines).
    """
    return first.rstrip().endswith(b"}") or following.startswith(b"{")


def iter_records(
    *, stream: Iterable[bytes] | BinaryIO, source: str, max_bytes: int | None = None
) -> Iterator[Record | Problem]:
    """Records (and problems) of a prediction file: a binary file or an iterable of lines.

    Lines are consumed one at a time: each JSON Lines object is parsed, and yielded or
    reported, before the next line is read; a line longer than ``max_bytes`` (default
    :data:`wiregold.jsonio.MAX_BYTES`) is reported and skipped without being held in
    memory. Only the pretty-printed single-document form reads the rest of the file at
    once, up to ``max_bytes``. A file with no JSON at all (empty or blank) is a problem:
    a system that predicts nothing for a document says so with ``{"doc_id": ...}``.
    """
    limit = jsonio.MAX_BYTES if max_bytes is None else max_bytes
    lines = _bounded_lines(stream, limit)
    before: list[bytes] = []  # the blank lines before the first one with content
    number = 0
    for raw in lines:
        number += 1
        if isinstance(raw, _TooLong) or raw.strip():
            break
        before.append(raw)
    else:
        size = sum(map(len, before))
        found = f"only white space ({size_text(size)})" if size else "an empty file"
        message = f"no predictions: found {found}"
        expected = "one JSON object per line, one line per predicted document"
        yield Problem(source, "", message, expected, max(number, 1))
        return
    if isinstance(raw, _TooLong):
        yield _too_long(raw, source=source, number=number, limit=limit)
    else:
        try:
            yield _line_record(raw, number=number, source=source, limit=limit)
        except JsonError as err:
            # Not a complete JSON value: a pretty-printed document, or a broken first line.
            first, peeked = raw, []
            for following in lines:
                peeked.append(following)
                if isinstance(following, _TooLong) or following.strip():
                    break
            after = peeked[-1] if peeked and isinstance(peeked[-1], bytes) else b""
            if not _looks_like_json_lines(first, after):
                yield from _whole_file(
                    chunks=itertools.chain([*before, first], peeked, lines),
                    source=source,
                    limit=limit,
                )
                return
            yield err.problem(line_offset=number - 1)
            lines = itertools.chain(peeked, lines)  # JSON Lines after all
    for raw in lines:
        number += 1
        if isinstance(raw, _TooLong):
            yield _too_long(raw, source=source, number=number, limit=limit)
        elif raw.strip():
            try:
                yield _line_record(raw, number=number, source=source, limit=limit)
            except JsonError as err:
                yield err.problem(line_offset=number - 1)


def _line_record(raw: bytes, *, number: int, source: str, limit: int) -> Record | Problem:
    """One JSON Lines record; raises JsonError (its line counted within ``raw``)."""
    # Without its line break (LF or CR LF), so that an unfinished object is reported on
    # its own line, and an unterminated one says "found end of line".
    line = raw[:-1] if raw.endswith(b"\n") else raw
    line = line[:-1] if line.endswith(b"\r") else line
    parsed = parse_json_bytes(data=line, source=source, unit="line", max_bytes=limit)
    if not isinstance(parsed.value, dict):
        return _not_an_object(parsed.value, source=source, line=number)
    return Record(number, parsed.value, parsed, number - 1)


def _whole_file(
    *, chunks: Iterable[bytes | _TooLong], source: str, limit: int
) -> Iterator[Record | Problem]:
    """The file as one pretty-printed JSON document (read up to ``limit`` bytes)."""
    data = bytearray()
    size = 0
    for chunk in chunks:
        size += chunk.size if isinstance(chunk, _TooLong) else len(chunk)
        if size <= limit and isinstance(chunk, bytes):
            data += chunk
    if size > limit:
        message = f"file too large for one JSON document: found {size_text(size)}"
        expected = f"at most {size_text(limit)} per document"
        yield Problem(source, "", message, expected, 1)
        return
    try:
        parsed = parse_json_bytes(data=bytes(data), source=source, max_bytes=limit)
    except JsonError as err:
        yield err.problem()
        return
    if not isinstance(parsed.value, dict):
        yield _not_an_object(parsed.value, source=source, line=parsed.line_of(()))
        return
    yield Record(parsed.line_of(()), parsed.value, parsed, 0)


# ----------------------------------------------------------------------------- checking


def _list_element(path: JsonPath) -> JsonPath | None:
    """The element of a list inside an item that holds the error at ``path``
    (``events/0/arguments/2/role`` -> ``events/0/arguments/2``), or None when the error
    is in the item's own fields (the item is then rejected as a whole)."""
    for k in range(3, len(path)):
        if type(path[k]) is int:
            return path[: k + 1]
    return None


class _ItemChecks:
    """The checks of one prediction against its gold text: schema-valid items only, and in
    an item whose only schema errors are inside elements of its lists (one argument of an
    event, say), the other elements."""

    def __init__(
        self,
        *,
        doc: dict[str, Any],
        text: str,
        bad_items: set[tuple[str, int]],
        report: Callable[[JsonPath, str, str | None], None],
        bad_elements: frozenset[JsonPath] = frozenset(),
    ) -> None:
        self.doc = doc
        self.text = text
        self.bad_items = bad_items
        self.bad_elements = bad_elements
        self.report = report

    def elements(self, path: JsonPath, values: list[Any]) -> Iterator[tuple[int, Any]]:
        """``(index, element)`` of a list inside an item, without those the schema rejected."""
        if not self.bad_elements:  # the usual case: no generator to step through
            return enumerate(values)
        return ((j, v) for j, v in enumerate(values) if (*path, j) not in self.bad_elements)

    def layer(self, name: str, *, all_items: bool = False) -> list[tuple[int, dict[str, Any]]]:
        return layer_items(doc=self.doc, name=name, bad_items=self.bad_items, all_items=all_items)

    def run(self) -> None:
        self.identifiers()
        self.spans()
        self.references()
        self.texts()

    def texts(self) -> None:
        """A text-only item needs a text that normalises to something: "  " matches nothing."""
        from wiregold.scorers.base import normalize_text

        def walk(path: JsonPath, value: Any) -> None:
            if type(value) is dict:
                text = value.get("text")
                if type(text) is str and "start" not in value and not normalize_text(text):
                    message = f"text-only item with no text to match; found {text!r}"
                    self.report((*path, "text"), message, "a text with a non-space character")
                for key, inner in value.items():
                    if type(inner) is dict or type(inner) is list:  # no call per scalar
                        walk((*path, key), inner)
            elif type(value) is list:
                for i, inner in enumerate(value):
                    if type(inner) is dict or type(inner) is list:
                        if self.bad_elements and (*path, i) in self.bad_elements:
                            continue  # the schema rejected it: reported once, there
                        walk((*path, i), inner)

        for name in _LAYERS:
            for i, item in self.layer(name):
                walk((name, i), item)

    # -- identifiers ---------------------------------------------------------------
    def identifiers(self) -> None:
        self.ids: dict[str, set[str]] = {}
        for name, noun in _NOUN.items():
            seen: dict[str, int] = {}
            for i, item in self.layer(name, all_items=True):
                item_id = item.get("id")
                if not isinstance(item_id, str):
                    continue
                if item_id in seen:
                    first = json_pointer(path=(name, seen[item_id]))
                    message = f"duplicate {noun} id {item_id!r} (already used at {first})"
                    self.report((name, i, "id"), message, f"unique {noun} ids")
                    continue
                seen[item_id] = i
            self.ids[name] = set(seen)
        # A cluster label or hopper label used on items needs no record of its own.
        for name, host, key in (
            ("entities", "mentions", "entity"),
            ("hoppers", "events", "hopper"),
        ):
            for _, item in self.layer(host, all_items=True):
                if isinstance(item.get(key), str):
                    self.ids[name].add(item[key])
        self.mention_entity = {
            m["id"]: m.get("entity")
            for _, m in self.layer("mentions")
            if isinstance(m.get("id"), str)
        }

    # -- spans -----------------------------------------------------------------------
    def offsets(self, path: JsonPath, obj: Any) -> tuple[int, int] | None:
        """Check a located object; its ``(start, end)`` when usable, else None."""
        if not isinstance(obj, dict) or "start" not in obj or "end" not in obj:
            return None
        text, start, end = self.text, obj["start"], obj["end"]
        if start >= end:
            self.report(path, f"empty or inverted span: start {start} >= end {end}", "start < end")
            return None
        if end > len(text):
            message = f"span [{start}, {end}) ends beyond the text ({len(text)} code points)"
            message += encoding_hint(text=text, start=start, end=end, stored=obj.get("text"))
            self.report(path, message, f"end <= {len(text)}")
            return None
        stored = obj.get("text")
        if isinstance(stored, str) and text[start:end] != stored:
            message, expected = mismatch(text=text, start=start, end=end, stored=stored)
            self.report((*path, "text"), message, expected)
        return start, end

    def spans(self) -> None:
        for i, mention in self.layer("mentions"):
            path: JsonPath = ("mentions", i)
            extent = self.offsets(path, mention)
            head = self.offsets((*path, "head"), mention.get("head"))
            if extent and head and (head[0] < extent[0] or head[1] > extent[1]):
                message = f"head [{head[0]}, {head[1]}) is not inside the mention "
                message += f"[{extent[0]}, {extent[1]})"
                self.report((*path, "head"), message, "a head inside the mention extent")
        for i, timex in self.layer("timexes"):
            self.offsets(("timexes", i), timex)
        for i, event in self.layer("events"):
            self.offsets(("events", i, "trigger"), event["trigger"])
            for j, argument in self.elements(
                ("events", i, "arguments"), event.get("arguments", [])
            ):
                if "mention" not in argument and "timex" not in argument:
                    self.offsets(("events", i, "arguments", j), argument)
        for i, casualty in self.layer("casualties"):
            for j, span in self.elements(
                ("casualties", i, "evidence"), casualty.get("evidence", [])
            ):
                self.offsets(("casualties", i, "evidence", j), span)
        for i, quote in self.layer("quotes"):
            for key in ("content", "cue", "source"):
                self.offsets(("quotes", i, key), quote.get(key))

    # -- references ------------------------------------------------------------------
    def ref(self, path: JsonPath, value: Any, layer: str) -> bool:
        if not isinstance(value, str) or value in self.ids[layer]:
            return True
        noun = _NOUN[layer]
        message = f"dangling reference: no predicted {noun} has id {value!r}"
        # A name where an id belongs is the usual slip: say how to give a name instead.
        by_text = json.dumps({"text": value}, ensure_ascii=False)
        expected = f"the id of {with_article(noun)} of this prediction, or {by_text}"
        self.report(path, message, expected)
        return False

    def references(self) -> None:
        for i, event in self.layer("events"):
            for j, argument in self.elements(
                ("events", i, "arguments"), event.get("arguments", [])
            ):
                for key, layer in (("mention", "mentions"), ("timex", "timexes")):
                    if key in argument:
                        self.ref(("events", i, "arguments", j, key), argument[key], layer)
        slots = (
            ("perpetrators", "entities"),
            ("places", "entities"),
            ("times", "timexes"),
            ("hoppers", "hoppers"),
        )
        for i, casualty in self.layer("casualties"):
            path: JsonPath = ("casualties", i)
            for key, layer in slots:
                for j, value in self.elements((*path, key), casualty.get(key, [])):
                    self.ref((*path, key, j), value, layer)
            victims = casualty.get("victims", {}).get("mentions", [])
            for j, value in self.elements((*path, "victims", "mentions"), victims):
                self.ref((*path, "victims", "mentions", j), value, "mentions")
            reporter = casualty.get("reported_by") or {}
            self.ref((*path, "reported_by", "entity"), reporter.get("entity"), "entities")
            self.count((*path, "count"), casualty["count"])
        for i, quote in self.layer("quotes"):
            for role in ("speakers", "addressees"):
                for j, participant in self.elements(("quotes", i, role), quote.get(role, [])):
                    self.participant(("quotes", i, role, j), participant)

    def count(self, path: JsonPath, count: dict[str, Any]) -> None:
        bounds = {key: count.get(key) for key in ("low", "value", "high")}
        given = [v for v in bounds.values() if v is not None]
        if given != sorted(given):
            got = ", ".join(f"{k} {json.dumps(v)}" for k, v in bounds.items())
            self.report(path, f"count out of order: {got}", "low <= value <= high")
            return
        # The casualty scorer's reading of a count is the rule (one code path, not two):
        # precision "exact" with low 11, high 114 is in order, and still unreadable.
        from wiregold.scorers.casualties import canonical_count

        try:
            canonical_count(count, where="count")
        except ValueError as err:
            message, _, expected = str(err).removeprefix("count: ").partition("; expected ")
            self.report(path, message, expected or "a count as in docs/scoring-casualties.md")

    def participant(self, path: JsonPath, participant: dict[str, Any]) -> None:
        entity, mention = participant.get("entity"), participant.get("mention")
        entity_ok = self.ref((*path, "entity"), entity, "entities")
        mention_ok = self.ref((*path, "mention"), mention, "mentions")
        if not (entity_ok and mention_ok and isinstance(entity, str) and isinstance(mention, str)):
            return
        owner = self.mention_entity.get(mention)
        if isinstance(owner, str) and owner != entity:
            message = f"mention {mention} belongs to entity {owner}, not to {entity}"
            self.report((*path, "mention"), message, f"a mention of {entity}")


@dataclass(frozen=True)
class PredictionSet:
    """The checked predictions of one source (a file, or objects given in memory).

    ``docs`` holds the predictions that passed every check, by document id (sorted);
    ``problems`` every problem found. ``unknown_docs`` are the documents not in the gold
    that were skipped (``ignore_unknown_docs``); ``missing_docs`` the gold documents that
    have no prediction (scored as empty predictions).
    """

    source: str
    docs: Mapping[str, Doc]
    problems: tuple[Problem, ...]
    read: int
    unknown_docs: tuple[str, ...] = ()
    missing_docs: tuple[str, ...] = ()
    rejected_unknown: tuple[str, ...] = ()  # unknown documents reported as problems

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return f"{counted(self.read, 'predictions')}, {counted(len(self.problems), 'problems')}"


class _Collector:
    """Checks records one by one, keeping the valid predictions and every problem."""

    def __init__(self, *, source: str, gold: Mapping[str, Doc], ignore_unknown_docs: bool) -> None:
        self.source = source
        self.gold = gold
        self.ignore_unknown_docs = ignore_unknown_docs
        self.docs: dict[str, Doc] = {}
        self.problems: list[Problem] = []
        self.first_line: dict[str, int] = {}
        self.unknown: list[str] = []
        self.rejected: list[str] = []
        self.read = 0

    def add(self, item: Record | Problem) -> None:
        if isinstance(item, Problem):
            self.problems.append(item)
            return
        self.read += 1
        found: list[Problem] = []

        def report(path: JsonPath, message: str, expected: str | None = None) -> None:
            pointer = json_pointer(path=path)
            found.append(Problem(self.source, pointer, message, expected, item.line_of(path)))

        doc_id = self.check(item, report)
        self.problems.extend(sorted(found, key=lambda p: p.line))
        if doc_id is not None and not found:
            self.docs[doc_id] = item.value

    def check(self, record: Record, report: Callable[..., None]) -> str | None:
        """Report the problems of one prediction; its document id if it is to be scored."""
        doc = record.value
        bad_items: set[tuple[str, int]] = set()
        bad_keys: set[str] = set()
        bad_elements: set[JsonPath] = set()
        for error in schemas.errors(schemas.PREDICTION, doc):
            path, message, expected = describe_schema_error(error)
            report(path, message, expected)
            if path:
                bad_keys.add(str(path[0]))
            if len(path) >= 2 and path[0] in _LAYERS:
                element = _list_element(path)
                if element is None:
                    bad_items.add((str(path[0]), int(path[1])))
                else:
                    bad_elements.add(element)
        # An item is checked without its rejected elements unless it is rejected itself.
        bad_elements = {e for e in bad_elements if (e[0], e[1]) not in bad_items}
        doc_id = _doc_id(doc, bad_keys, report)
        if doc_id is None:
            return None
        key = "doc_id" if isinstance(doc.get("doc_id"), str) else "id"
        if doc_id in self.first_line:
            message = f"second prediction for document {doc_id!r} "
            message += f"(the first is on line {self.first_line[doc_id]})"
            report((key,), message, "one prediction per document")
            return None
        self.first_line[doc_id] = record.line
        if doc_id not in self.gold:
            if self.ignore_unknown_docs:
                self.unknown.append(doc_id)
                return None
            self.rejected.append(doc_id)
            known = sorted(self.gold)
            listed = shorten(text=", ".join(known), limit=120)
            message = f"unknown document {doc_id!r}: no gold document has this id"
            report((key,), message, f"one of the {len(known)} gold documents: {listed}")
            return None
        text = self.gold[doc_id]["text"]
        own = doc.get("text")
        if isinstance(own, str) and "text" not in bad_keys and own != text:
            pairs = zip(own, text, strict=False)
            offset = next((k for k, (a, b) in enumerate(pairs) if a != b), min(len(own), len(text)))
            message = f"text differs from the gold text of {doc_id} at offset {offset}"
            report(("text",), message, shorten(text=repr(text[offset : offset + 30]), limit=60))
            return doc_id  # offsets into another text cannot be checked
        _ItemChecks(
            doc=doc,
            text=text,
            bad_items=bad_items,
            report=report,
            bad_elements=frozenset(bad_elements),
        ).run()
        return doc_id

    def result(self) -> PredictionSet:
        missing = tuple(sorted(set(self.gold) - set(self.first_line)))
        return PredictionSet(
            source=self.source,
            docs=MappingProxyType(dict(sorted(self.docs.items()))),
            problems=tuple(self.problems),
            read=self.read,
            unknown_docs=tuple(sorted(self.unknown)),
            missing_docs=missing,
            rejected_unknown=tuple(sorted(self.rejected)),
        )


def _doc_id(doc: dict[str, Any], bad_keys: set[str], report: Callable[..., None]) -> str | None:
    """The document id (``doc_id``, or ``id`` as in a gold file), if usable."""
    doc_id, alt = doc.get("doc_id"), doc.get("id")
    usable = [v for k, v in (("doc_id", doc_id), ("id", alt)) if k not in bad_keys]
    strings = [v for v in usable if isinstance(v, str)]
    if len(strings) == 2 and strings[0] != strings[1]:
        report(("id",), f"id {alt!r} differs from doc_id {doc_id!r}", "the same document id")
        return None
    return strings[0] if strings else None


def load_predictions(
    *,
    path: Path,
    gold: Mapping[str, Doc],
    ignore_unknown_docs: bool = False,
    max_bytes: int | None = None,
) -> PredictionSet:
    """Read and check a prediction file against the gold documents (by id).

    An unreadable file is reported as a problem, like every other defect. ``max_bytes``
    bounds a line (default :data:`wiregold.jsonio.MAX_BYTES`), see :func:`iter_records`.
    """
    collector = _Collector(source=str(path), gold=gold, ignore_unknown_docs=ignore_unknown_docs)
    try:
        with path.open("rb") as handle:
            for item in iter_records(stream=handle, source=str(path), max_bytes=max_bytes):
                collector.add(item)
    except OSError as err:
        message = f"cannot read file: {err.strerror or err}"
        collector.add(Problem(str(path), "", message, "a readable file"))
    return collector.result()


def check_predictions(
    *,
    preds: Iterable[Any],
    gold: Mapping[str, Doc],
    ignore_unknown_docs: bool = False,
    source: str = "<predictions>",
) -> PredictionSet:
    """Check predictions given in memory; the n-th object is reported as "line" n."""
    collector = _Collector(source=source, gold=gold, ignore_unknown_docs=ignore_unknown_docs)
    for number, value in enumerate(preds, start=1):
        if isinstance(value, dict):
            collector.add(Record(number, value))
        else:
            collector.add(_not_an_object(value, source=source, line=number))
    return collector.result()
