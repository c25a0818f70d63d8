"""The catalogue of bad inputs: what each tool says about each, and its exit code.

One list per kind of input: prediction files (``wiregold validate --pred`` and
``wiregold score --pred`` say the same), gold-format document files (``wiregold
validate``), and paths and options (every command). ``tests/test_bad_inputs.py`` feeds
every case to the command line and checks the exact problem lines and the exit code;
``python -m wiregold.readme_tables --write`` prints the catalogue as the README's "Bad
input" tables. So the documentation of a message cannot drift from the message.

Every content builder takes a valid gold document (tests use the small fixture document
over the real seed) and returns the bytes of the file to check. Messages are templates:
``{file}`` is the file given, ``{limit}`` the size limit (:data:`wiregold.jsonio.MAX_BYTES`)
and ``{over}`` one byte more; usage cases use ``{pred}`` (a valid prediction file),
``{gold}`` (the gold file), ``{dir}`` (an empty directory), ``{missing}`` (a path that
does not exist), ``{twin}`` (a directory holding the gold file twice, as ``a.json`` and
``b.json``), ``{split}`` (the packaged ``corpus/test`` directory) and ``{corpus}`` (the
packaged ``corpus`` directory, resolved).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from wiregold import jsonio

__all__ = ["GOLD_CASES", "PREDICTION_CASES", "USAGE_CASES", "Case", "UsageCase"]

Doc = Mapping[str, Any]
Build = Callable[[Doc], bytes]


@dataclass(frozen=True)
class Case:
    """A file content and what the tool reports about it.

    ``problems`` are the exact problem lines, in order; ``outcome`` says, for input that
    is accepted (exit 0), what is done with it; ``errors`` are the exact lines that
    ``score --errors`` lists about predicted items (``layer category: pred; detail``);
    ``args`` are added to the command line.
    """

    name: str
    what: str
    content: Build
    code: int
    problems: tuple[str, ...] = ()
    outcome: str = ""
    errors: tuple[str, ...] = ()
    args: tuple[str, ...] = ()


@dataclass(frozen=True)
class UsageCase:
    """A command line and the first line it prints on stderr (its only one for exit 2)."""

    name: str
    what: str
    argv: tuple[str, ...]
    code: int
    message: str


# ------------------------------------------------------------------------ predictions


def _line(doc: Doc, **layers: Any) -> bytes:
    return json.dumps({"doc_id": doc["id"], **layers}, ensure_ascii=False).encode() + b"\n"


def _mention(**fields: Any) -> Build:
    """One line with one mention: "Pakistan" [0, 8) of type GPE, fields changed."""
    base = {"start": 0, "end": 8, "text": "Pakistan", "type": "GPE"}
    mention = {k: v for k, v in {**base, **fields}.items() if v is not None}  # None: left out
    return lambda doc: _line(doc, mentions=[mention])


def _raw(template: bytes) -> Build:
    """A line given as bytes; ``DOC`` stands for the document id."""
    return lambda doc: template.replace(b"DOC", doc["id"].encode())


def _too_long(doc: Doc) -> bytes:
    """A valid line, then one of exactly MAX_BYTES + 1 bytes (its line end not counted)."""
    head, tail = b'{"doc_id": "' + doc["id"].encode() + b'", "x": "', b'"}'
    filler = b"a" * (jsonio.MAX_BYTES + 1 - len(head) - len(tail))
    return _line(doc) + head + filler + tail + b"\n"


def _pretty_too_large(doc: Doc) -> bytes:
    """A pretty-printed document of exactly MAX_BYTES + 1 bytes, in lines of 1 KiB."""
    head = f'{{\n  "doc_id": "{doc["id"]}",\n  "x": [\n'.encode()
    tail = b'    ""\n  ]\n}\n'
    row = b'    "' + b"a" * 1016 + b'",\n'  # 1024 bytes
    rows, rest = divmod(jsonio.MAX_BYTES + 1 - len(head) - len(tail), len(row))
    last = b'    "' + b"a" * max(rest - 8, 0) + b'",\n' if rest else b""
    data = head + row * rows + last + tail
    return data + b" " * (jsonio.MAX_BYTES + 1 - len(data))  # white space: still one document


def _casualty(**count: Any) -> Build:
    record = {"kind": "killed", "count": count, "evidence": [{"text": "death toll of 11"}]}
    return lambda doc: _line(doc, casualties=[record])


_ANY = "one JSON object per line, one line per predicted document"
_PAK = {"start": 0, "end": 8, "text": "Pakistan", "type": "GPE"}
_IRAN = {"start": 10, "end": 14, "text": "Iran", "type": "GPE"}

PREDICTION_CASES: tuple[Case, ...] = (
    Case(
        "empty",
        "empty file (0 bytes)",
        lambda doc: b"",
        1,
        (f"{{file}}:1: /: no predictions: found an empty file (expected: {_ANY})",),
    ),
    Case(
        "blank",
        "only blank lines",
        lambda doc: b"\n  \n",
        1,
        (f"{{file}}:2: /: no predictions: found only white space (4 bytes) (expected: {_ANY})",),
    ),
    Case(
        "not-json",
        "not JSON",
        lambda doc: b"Pakistan GPE 0 8\n",
        1,
        (
            "{file}:1: /: invalid JSON at column 1: missing value; found 'Pakistan' "
            "(expected: a JSON value)",
        ),
    ),
    Case(
        "truncated",
        "a truncated last line (a killed writer)",
        _raw(b'{"doc_id": "DOC"}\n{"doc_id": "DOC", "mentions": [{"start": 0, "end": '),
        1,
        (
            "{file}:2: /mentions/0/end: invalid JSON at column 69: missing value; "
            "found end of line (expected: a JSON value)",
        ),
    ),
    Case(
        "array",
        "JSON that is not an object (an array of predictions)",
        lambda doc: json.dumps([{"doc_id": doc["id"]}]).encode() + b"\n",
        1,
        (
            "{file}:1: /: a prediction must be a JSON object; found an array "
            "(expected: one JSON object per line, as JSON Lines)",
        ),
    ),
    Case(
        "no-doc-id",
        "missing field: no document id",
        lambda doc: b'{"mentions": []}\n',
        1,
        ("{file}:1: /: missing keys; found keys: mentions (expected: keys doc_id, or id)",),
    ),
    Case(
        "no-type",
        "missing field: a mention without type",
        lambda doc: _line(doc, mentions=[{"start": 0, "end": 8}]),
        1,
        ("{file}:1: /mentions/0: 'type' is a required property (expected: keys type)",),
    ),
    Case(
        "no-offsets-no-text",
        "missing field: a mention with neither offsets nor text",
        lambda doc: _line(doc, mentions=[{"type": "GPE"}]),
        1,
        (
            "{file}:1: /mentions/0: missing keys; found keys: type "
            "(expected: keys start and end, or text)",
        ),
    ),
    Case(
        "layer-not-array",
        "wrong-typed field: a layer that is an object",
        lambda doc: _line(doc, mentions={"text": "Pakistan", "type": "GPE"}),
        1,
        (
            '{file}:1: /mentions: wrong type; found {{"text": "Pakistan", "type": "GPE"}} '
            "(expected: type array)",
        ),
    ),
    Case(
        "null-span",
        "wrong-typed field: null for a quote's content",
        lambda doc: _line(doc, quotes=[{"kind": "direct", "content": None}]),
        1,
        ("{file}:1: /quotes/0/content: wrong type; found null (expected: type object)",),
    ),
    Case(
        "negative-offset",
        "negative offset",
        _mention(start=-1),
        1,
        (
            "{file}:1: /mentions/0/start: -1 is less than the minimum of 0 "
            "(expected: a number >= 0)",
        ),
    ),
    Case(
        "float-offset",
        "float offset (`8.0`)",
        _mention(end=8.0),
        1,
        ("{file}:1: /mentions/0/end: wrong type; found 8.0 (expected: type integer)",),
    ),
    Case(
        "string-offset",
        'string offset (`"8"`)',
        _mention(end="8"),
        1,
        ('{file}:1: /mentions/0/end: wrong type; found "8" (expected: type integer)',),
    ),
    Case(
        "huge-offset",
        "huge offset (10**30)",
        _mention(end=10**30),
        1,
        (
            "{file}:1: /mentions/0: span [0, 1000000000000000000000000000000) ends beyond the "
            "text (4017 code points) (expected: end <= 4017)",
        ),
    ),
    Case(
        "huge-integer",
        "an integer of 101 digits",
        _mention(end=10**100),
        1,
        (
            "{file}:1: /mentions/0/end: invalid JSON at column 69: integer of 101 digits; "
            "found '10000000000000000000…' (expected: at most 100 digits)",
        ),
    ),
    Case(
        "out-of-range",
        "offset beyond the text",
        _mention(start=4000, end=4100, text=None),
        1,
        (
            "{file}:1: /mentions/0: span [4000, 4100) ends beyond the text (4017 code points) "
            "(expected: end <= 4017)",
        ),
    ),
    Case(
        "start-equals-end",
        "start >= end",
        _mention(start=8, end=8),
        1,
        (
            "{file}:1: /mentions/0: empty or inverted span: start 8 >= end 8 "
            "(expected: start < end)",
        ),
    ),
    Case(
        "text-mismatch",
        "span text that does not match the document",
        _mention(text="Iran"),
        1,
        (
            "{file}:1: /mentions/0/text: span text does not match text[0:8]; 'Iran' occurs at "
            "[10, 14) (expected: 'Pakistan', the text at [0, 8))",
        ),
    ),
    Case(
        "blank-text",
        "a text-only item whose text is white space",
        lambda doc: _line(doc, mentions=[{"text": " ", "type": "GPE"}]),
        1,
        (
            "{file}:1: /mentions/0/text: text-only item with no text to match; found ' ' "
            "(expected: a text with a non-space character)",
        ),
    ),
    Case(
        "bad-count",
        "a casualty count its precision contradicts",
        _casualty(value=11, low=11, high=114, precision="exact"),
        1,
        (
            "{file}:1: /casualties/0/count: precision 'exact' with value 11, low 11, high 114 "
            "(expected: one number (low and high, if given, equal to the value))",
        ),
    ),
    Case(
        "unknown-doc",
        "unknown `doc_id`",
        lambda doc: b'{"doc_id": "zzz"}\n',
        1,
        (
            "{file}:1: /doc_id: unknown document 'zzz': no gold document has this id "
            "(expected: one of the 1 gold documents: 000_2a4f40216c15907b)",
        ),
    ),
    Case(
        "unknown-doc-ignored",
        "unknown `doc_id` with `--ignore-unknown-docs`",
        lambda doc: b'{"doc_id": "zzz"}\n',
        0,
        outcome="skipped and listed as unknown; the gold document without a prediction is "
        "scored as empty and listed as missing",
        args=("--ignore-unknown-docs",),
    ),
    Case(
        "duplicate-doc",
        "duplicate `doc_id`",
        lambda doc: _line(doc) + _line(doc),
        1,
        (
            "{file}:2: /doc_id: second prediction for document '000_2a4f40216c15907b' (the first "
            "is on line 1) (expected: one prediction per document)",
        ),
    ),
    Case(
        "unknown-label",
        "unknown entity label (`MISC`)",
        _mention(type="MISC"),
        0,
        outcome="scored: a spurious prediction, in the error category `unmapped_label`",
        errors=(
            "entities unmapped_label: 'Pakistan' [0, 8) MISC; no gold type for MISC (wiregold)",
        ),
    ),
    Case(
        "duplicate-item",
        "duplicate items (the same mention twice)",
        lambda doc: _line(doc, mentions=[_PAK, _PAK]),
        0,
        outcome="scored: the second copy is a spurious prediction, category `duplicate`",
        errors=(
            "entities duplicate: 'Pakistan' [0, 8) GPE; same span and label as another prediction",
        ),
    ),
    Case(
        "duplicate-id",
        "duplicate item ids",
        lambda doc: _line(doc, mentions=[{**_PAK, "id": "M1"}, {**_IRAN, "id": "M1"}]),
        1,
        (
            "{file}:1: /mentions/1/id: duplicate mention id 'M1' (already used at /mentions/0) "
            "(expected: unique mention ids)",
        ),
    ),
    Case(
        "dangling",
        "a reference to an id that does not exist",
        lambda doc: _line(
            doc,
            events=[
                {
                    "trigger": {"text": "attack"},
                    "type": "Conflict.Attack",
                    "arguments": [{"role": "Attacker", "mention": "M9"}],
                }
            ],
        ),
        1,
        (
            "{file}:1: /events/0/arguments/0/mention: dangling reference: no predicted mention "
            "has id 'M9' (expected: the id of a mention of this prediction, or "
            '{{"text": "M9"}})',
        ),
    ),
    Case(
        "latin-1",
        "non-UTF-8 bytes (Latin-1 `é`)",
        _raw(b'{"doc_id": "DOC", "mentions": [{"text": "Caf\xe9", "type": "FAC"}]}\n'),
        1,
        (
            "{file}:1: /: not UTF-8 at column 62; found byte 0xe9 "
            "(expected: UTF-8 text; re-save the file as UTF-8)",
        ),
    ),
    Case(
        "utf-16",
        'UTF-16 text (what some editors call "Unicode")',
        lambda doc: _line(doc).decode().encode("utf-16-le"),
        1,
        (
            "{file}:1: /: UTF-16 or UTF-32 text, not UTF-8; found bytes 7B 00 22 00 "
            "(expected: UTF-8 text; re-save the file as UTF-8)",
        ),
    ),
    Case(
        "bom",
        "a byte-order mark",
        lambda doc: b"\xef\xbb\xbf" + _line(doc),
        1,
        (
            "{file}:1: /: byte order mark (BOM) at the start of the line; found bytes EF BB BF "
            "(expected: UTF-8 without a BOM; remove the first three bytes)",
        ),
    ),
    Case(
        "crlf",
        "CRLF line ends",
        lambda doc: _line(doc, mentions=[_PAK]).replace(b"\n", b"\r\n"),
        0,
        outcome="accepted: a line end is CR LF or LF",
    ),
    Case(
        "surrogate",
        'a lone surrogate (`"\\ud800"`)',
        _raw(b'{"doc_id": "DOC", "mentions": [{"text": "\\ud800", "type": "GPE"}]}\n'),
        1,
        (
            "{file}:1: /mentions/0/text: invalid JSON at column 59: lone surrogate escape in a "
            "string; found '\\ud800' (expected: a surrogate pair (\\ud800-\\udbff then "
            "\\udc00-\\udfff) or another character)",
        ),
    ),
    Case(
        "control-character",
        "a raw control character in a string",
        _raw(b'{"doc_id": "DOC", "mentions": [{"text": "Iran\x07", "type": "GPE"}]}\n'),
        1,
        (
            "{file}:1: /mentions/0/text: invalid JSON at column 63: unescaped control character "
            "in a string; found '\\x07' (expected: control characters escaped (\\n, \\t, \\u0000))",
        ),
    ),
    Case(
        "nan",
        "`NaN`",
        _raw(b'{"doc_id": "DOC", "casualties": [{"kind": "killed", "count": {"value": NaN}}]}\n'),
        1,
        (
            "{file}:1: /casualties/0/count/value: invalid JSON at column 89: NaN is not JSON; "
            "found 'NaN' (expected: a number or null)",
        ),
    ),
    Case(
        "infinity",
        "`Infinity`",
        _raw(b'{"doc_id": "DOC", "mentions": [{"start": 0, "end": Infinity, "type": "GPE"}]}\n'),
        1,
        (
            "{file}:1: /mentions/0/end: invalid JSON at column 69: Infinity is not JSON; "
            "found 'Infinity' (expected: a number or null)",
        ),
    ),
    Case(
        "overflow",
        "a number that overflows (`1e400`)",
        _raw(b'{"doc_id": "DOC", "casualties": [{"kind": "killed", "count": {"value": 1e400}}]}\n'),
        1,
        (
            "{file}:1: /casualties/0/count/value: invalid JSON at column 89: number out of range; "
            "found '1e400' (expected: a finite number, at most about 1.8e308)",
        ),
    ),
    Case(
        "duplicate-key",
        "duplicate JSON keys",
        _raw(b'{"doc_id": "DOC", "mentions": [], "mentions": [{"text": "Iran", "type": "GPE"}]}\n'),
        1,
        (
            "{file}:1: /mentions: invalid JSON at column 52: duplicate key; found 'mentions' "
            "(expected: each key once per object)",
        ),
    ),
    Case(
        "deep",
        "100,000 nested `[`",
        lambda doc: b'{"doc_id": "' + doc["id"].encode() + b'", "zones": ' + b"[" * 100_000 + b"\n",
        1,
        (
            "{file}:1: /zones" + "/0" * 63 + ": invalid JSON at column 108: nested more than 64 "
            "levels deep; found '[' (expected: at most 64 nested arrays and objects)",
        ),
    ),
    Case(
        "long-line",
        "a line longer than the limit",
        _too_long,
        1,
        (
            "{file}:2: /: line too long: found {over} bytes, not read "
            "(expected: at most {limit} per line)",
        ),
    ),
    Case(
        "large-document",
        "a pretty-printed document larger than the limit",
        _pretty_too_large,
        1,
        (
            "{file}:1: /: file too large for one JSON document: found {over} bytes "
            "(expected: at most {limit} per document)",
        ),
    ),
)


# ------------------------------------------------------------------------- gold files


def _canonical(doc: Doc) -> bytes:
    from wiregold.canonical import canonical_bytes

    return canonical_bytes(doc=dict(doc))


def _gold(path: tuple[str | int, ...], value: Any) -> Build:
    """The document with the value at ``path`` replaced, written canonically."""

    def build(doc: Doc) -> bytes:
        changed = copy.deepcopy(dict(doc))
        node = changed
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return _canonical(changed)

    return build


def _gold_edit(old: bytes, new: bytes) -> Build:
    """The canonical document with its first ``old`` replaced by ``new`` (raw bytes)."""
    return lambda doc: _canonical(doc).replace(old, new, 1)


def _gold_without(key: str) -> Build:
    return lambda doc: _canonical({k: v for k, v in doc.items() if k != key})


def _gold_extra_mention(doc: Doc) -> bytes:
    changed = copy.deepcopy(dict(doc))
    changed["mentions"].append({**changed["mentions"][0], "id": "m9"})
    return _canonical(changed)


def _gold_too_large(doc: Doc) -> bytes:
    data = _canonical(doc)
    return data + b" " * (jsonio.MAX_BYTES + 1 - len(data))


_NAME = b'"name": "Pakistan"'

GOLD_CASES: tuple[Case, ...] = (
    Case(
        "empty",
        "empty file",
        lambda doc: b"",
        1,
        (
            "{file}:1: /: invalid JSON at column 1: missing value; found end of file "
            "(expected: a JSON value)",
        ),
    ),
    Case(
        "not-json",
        "not JSON",
        lambda doc: b"Pakistan GPE 0 8\n",
        1,
        (
            "{file}:1: /: invalid JSON at column 1: missing value; found 'Pakistan' "
            "(expected: a JSON value)",
        ),
    ),
    Case(
        "truncated",
        "a truncated last line",
        lambda doc: _canonical(doc)[:-40],
        1,
        (
            "{file}:55: /quotes/0/speakers/0: invalid JSON at column 291: unterminated string; "
            "found '\"me' (expected: a closing '\"' on the same line)",
        ),
    ),
    Case(
        "array",
        "JSON that is not an object",
        lambda doc: b"[]\n",
        1,
        ("{file}:1: /: wrong type; found [] (expected: type object)",),
    ),
    Case(
        "no-text",
        "missing field (`text`)",
        _gold_without("text"),
        1,
        (
            "{file}:1: /: 'text' is a required property (expected: keys schema_version, id, "
            "text, metadata, zones, entities, mentions, timexes, hoppers, events, casualties, "
            "quotes)",
        ),
    ),
    Case(
        "id-not-string",
        "wrong-typed field (`id`: 5)",
        _gold(("id",), 5),
        1,
        ("{file}:1: /id: wrong type; found 5 (expected: type string)",),
    ),
    Case(
        "negative-offset",
        "negative offset",
        _gold(("mentions", 3, "start"), -1),
        1,
        (
            "{file}:36: /mentions/0/start: -1 is less than the minimum of 0 "
            "(expected: a number >= 0)",
        ),
    ),
    Case(
        "float-offset",
        "float offset",
        _gold(("mentions", 3, "end"), 1386.0),
        1,
        ("{file}:39: /mentions/3/end: wrong type; found 1386.0 (expected: type integer)",),
    ),
    Case(
        "string-offset",
        "string offset",
        _gold(("mentions", 3, "end"), "1386"),
        1,
        ('{file}:39: /mentions/3/end: wrong type; found "1386" (expected: type integer)',),
    ),
    Case(
        "huge-offset",
        "huge offset (10**30)",
        _gold(("mentions", 3, "end"), 10**30),
        1,
        (
            "{file}:39: /mentions/3: span [1370, 1000000000000000000000000000000) ends beyond "
            "the text (4017 code points) (expected: end <= 4017)",
        ),
    ),
    Case(
        "out-of-range",
        "offset beyond the text",
        _gold(("mentions", 3, "end"), 5000),
        1,
        (
            "{file}:39: /mentions/3: span [1370, 5000) ends beyond the text (4017 code points) "
            "(expected: end <= 4017)",
        ),
    ),
    Case(
        "start-equals-end",
        "start >= end",
        _gold(("mentions", 3, "end"), 1370),
        1,
        (
            "{file}:39: /mentions/3: empty or inverted span: start 1370 >= end 1370 "
            "(expected: start < end)",
        ),
    ),
    Case(
        "text-mismatch",
        "span text that does not match the document",
        _gold(("mentions", 3, "text"), "Iran"),
        1,
        (
            "{file}:39: /mentions/3/text: span text does not match text[1370:1386]; 'Iran' "
            "occurs at [1066, 1070) (expected: 'Amir-Abdollahian', the text at [1370, 1386))",
        ),
    ),
    Case(
        "unknown-id",
        "unknown document id",
        _gold(("id",), "001_unknown"),
        1,
        (
            "{file}:1: /id: id '001_unknown' differs from the file name '000_2a4f40216c15907b' "
            "(expected: the file named 001_unknown.json)",
        ),
    ),
    Case(
        "unknown-label",
        "unknown label (`MISC`)",
        _gold(("mentions", 3, "type"), "MISC"),
        1,
        (
            "{file}:39: /mentions/3/type: mention type 'MISC' differs from the type 'PER' of its "
            'entity e3 (expected: "PER")',
        ),
    ),
    Case(
        "duplicate-item",
        "duplicate items (a mention twice, under another id)",
        _gold_extra_mention,
        1,
        (
            "{file}:37: /mentions/1: duplicate mention: same span as /mentions/0 "
            "(expected: each mention once)",
        ),
    ),
    Case(
        "dangling",
        "a reference to an id that does not exist",
        _gold(("events", 0, "arguments", 0, "mention"), "m99"),
        1,
        (
            "{file}:49: /events/0/arguments/0/mention: dangling reference: no mention has id "
            "'m99' (expected: the id of a mention)",
        ),
    ),
    Case(
        "latin-1",
        "non-UTF-8 bytes (Latin-1 `ä`)",
        _gold_edit(_NAME, b'"name": "P\xe4kistan"'),
        1,
        (
            "{file}:31: /: not UTF-8 at column 208; found byte 0xe4 "
            "(expected: UTF-8 text; re-save the file as UTF-8)",
        ),
    ),
    Case(
        "bom",
        "a byte-order mark",
        lambda doc: b"\xef\xbb\xbf" + _canonical(doc),
        1,
        (
            "{file}:1: /: byte order mark (BOM) at the start of the file; found bytes EF BB BF "
            "(expected: UTF-8 without a BOM; remove the first three bytes)",
        ),
    ),
    Case(
        "crlf",
        "CRLF line ends",
        lambda doc: _canonical(doc).replace(b"\n", b"\r\n"),
        1,
        (
            "{file}:1: /: not in canonical format: found a CR (\\r) line end, gold files use "
            "LF; run `wiregold format --write {file}` (expected: canonical formatting)",
        ),
        outcome="`score --gold` reads it (only the format is wrong, and formatting cannot "
        "change a score); `format --write` rewrites it with LF",
    ),
    Case(
        "surrogate",
        'a lone surrogate (`"\\ud800"`)',
        _gold_edit(_NAME, b'"name": "Pak\\ud800istan"'),
        1,
        (
            "{file}:31: /entities/0/name: invalid JSON at column 30: lone surrogate escape in a "
            "string; found '\\ud800' (expected: a surrogate pair (\\ud800-\\udbff then "
            "\\udc00-\\udfff) or another character)",
        ),
    ),
    Case(
        "nan",
        "`NaN`",
        _gold_edit(b'"value": 11', b'"value": NaN'),
        1,
        (
            "{file}:52: /casualties/0/count/value: invalid JSON at column 55: NaN is not JSON; "
            "found 'NaN' (expected: a number or null)",
        ),
    ),
    Case(
        "duplicate-key",
        "duplicate JSON keys",
        _gold_edit(_NAME, _NAME + b', "name": "Iran"'),
        1,
        (
            "{file}:31: /entities/0/name: invalid JSON at column 38: duplicate key; found 'name' "
            "(expected: each key once per object)",
        ),
    ),
    Case(
        "deep",
        "100,000 nested `[`",
        lambda doc: b"[" * 100_000,
        1,
        (
            "{file}:1: " + "/0" * 64 + ": invalid JSON at column 65: nested more than 64 "
            "levels deep; found '[' (expected: at most 64 nested arrays and objects)",
        ),
    ),
    Case(
        "large",
        "a file larger than the limit",
        _gold_too_large,
        1,
        ("{file}:1: /: file too large: found {over} bytes (expected: at most {limit} per file)",),
    ),
)


# -------------------------------------------------------------------- paths and options

USAGE_CASES: tuple[UsageCase, ...] = (
    UsageCase(
        "pred-directory",
        "a directory as `--pred`",
        ("score", "--pred", "{dir}", "--gold", "{gold}"),
        2,
        "wiregold score: error: --pred {dir}: a directory (expected a prediction file)",
    ),
    UsageCase(
        "pred-missing",
        "a missing `--pred` file",
        ("validate", "--pred", "{missing}", "--gold", "{gold}"),
        2,
        "wiregold validate: error: --pred {missing}: no such file (expected a prediction file)",
    ),
    UsageCase(
        "validate-missing",
        "a missing path to validate",
        ("validate", "{missing}"),
        2,
        "wiregold validate: error: no such file or directory: {missing}",
    ),
    UsageCase(
        "validate-empty-directory",
        "a directory without `*.json` files",
        ("validate", "{dir}"),
        2,
        "wiregold validate: error: no *.json files in {dir}",
    ),
    UsageCase(
        "gold-missing",
        "a missing `--gold`",
        ("score", "--pred", "{pred}", "--gold", "{missing}"),
        2,
        "wiregold score: error: --gold {missing}: no such file or directory",
    ),
    UsageCase(
        "gold-twice",
        "the same gold document in two files",
        ("score", "--pred", "{pred}", "--gold", "{twin}"),
        1,
        "{twin}/b.json:1: /id: gold document '000_2a4f40216c15907b' is also in {twin}/a.json "
        "(expected: each gold document in one file)",
    ),
    UsageCase(
        "score-out-is-pred",
        "`score --out` equal to the prediction file",
        ("score", "--pred", "{pred}", "--gold", "{gold}", "--out", "{pred}"),
        2,
        "wiregold score: error: --out {pred} is an input file; write the report elsewhere",
    ),
    UsageCase(
        "score-out-is-gold",
        "`score --out` equal to the gold file",
        ("score", "--pred", "{pred}", "--gold", "{gold}", "--out", "{gold}"),
        2,
        "wiregold score: error: --out {gold} is an input file; write the report elsewhere",
    ),
    UsageCase(
        "score-out-in-corpus",
        "`score --out` inside the packaged corpus",
        ("score", "--pred", "{pred}", "--out", "{split}/report.txt"),
        2,
        "wiregold score: error: --out {split}/report.txt is inside the packaged corpus/ "
        "directory; write the report elsewhere",
    ),
    UsageCase(
        "score-out-directory",
        "`score --out` that is a directory",
        ("score", "--pred", "{pred}", "--gold", "{gold}", "--out", "{dir}"),
        2,
        "wiregold score: error: --out {dir} is a directory",
    ),
    UsageCase(
        "export-out-is-input",
        "`export --out` equal to its input, the corpus split",
        ("export", "--format", "conll", "--out", "{split}"),
        2,
        "wiregold export: error: refusing to write into {split}: it is inside {corpus}, which "
        "holds the hand-curated gold, seeds and schema; choose another --out",
    ),
    UsageCase(
        "baseline-out-is-input",
        "`baseline --out` equal to its input",
        ("baseline", "empty", "--gold", "{gold}", "--out", "{gold}"),
        2,
        "wiregold baseline: error: --out {gold} is an input file; write the predictions elsewhere",
    ),
    UsageCase(
        "render-out-is-input",
        "`render --out` equal to its input",
        ("render", "--pred", "{pred}", "--gold", "{gold}", "--out", "{pred}"),
        2,
        "wiregold render: error: --out {pred} is an input file; write the page elsewhere",
    ),
    UsageCase(
        "bad-setting",
        "a scoring setting out of range",
        ("score", "--pred", "{pred}", "--gold", "{gold}", "--partial-credit", "nan"),
        2,
        "wiregold score: error: partial_credit must be a number in [0, 1], got nan",
    ),
)


# ----------------------------------------------------------------------- the README tables

# What the templates show as in the README: file names a reader recognises.
_SHOWN = {
    "pred": "pred.jsonl",
    "gold": "gold.json",
    "dir": "empty/",
    "missing": "missing.jsonl",
    "twin": "twin",
    "split": "corpus/test",
    "corpus": "/…/corpus",
}


def _code(text: str) -> str:
    """``text`` as a Markdown code span inside a table cell."""
    text = re.sub(r"(?:/0){5,}", lambda m: f"/0…/0 ({len(m.group()) // 2} levels)", text)
    text = text.replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _case_rows(cases: tuple[Case, ...], *, file: str) -> list[str]:
    values = {
        "file": file,
        "limit": jsonio.size_text(jsonio.MAX_BYTES),
        "over": str(jsonio.MAX_BYTES + 1),
    }
    rows = []
    for case in cases:
        said = [_code(line.format(**values)) for line in case.problems]
        if case.outcome:
            said.append(case.outcome)
        said += [_code(line) for line in case.errors]
        rows.append(f"| {case.what} | {case.code} | {'<br>'.join(said)} |")
    return rows


def to_markdown() -> str:
    """The catalogue as the README's tables (``<!-- bad-inputs -->`` section)."""
    lines = [
        "Prediction files: `wiregold validate --pred` prints these on stdout, "
        "`wiregold score --pred` on stderr (then `nothing scored`).",
        "",
        "| input | exit | what the tools say |",
        "|---|---:|---|",
        *_case_rows(PREDICTION_CASES, file="pred.jsonl"),
        "",
        "Gold-format document files: `wiregold validate FILE` (the same problems refuse "
        "the file as `score --gold`).",
        "",
        "| input | exit | what `wiregold validate` says |",
        "|---|---:|---|",
        *_case_rows(GOLD_CASES, file="000_2a4f40216c15907b.json"),
        "",
        "Paths and options:",
        "",
        "| input | command | exit | message |",
        "|---|---|---:|---|",
    ]
    for case in USAGE_CASES:
        command = "wiregold " + " ".join(arg.format(**_SHOWN) for arg in case.argv)
        message = case.message.format(**_SHOWN)
        lines.append(f"| {case.what} | {_code(command)} | {case.code} | {_code(message)} |")
    return "\n".join(lines) + "\n"
