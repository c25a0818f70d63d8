"""Strict, bounded JSON reading for annotation and prediction files.

Plain ``json.loads`` accepts things that corrupt an annotation silently: a duplicate key
keeps only its last value, ``NaN`` and ``Infinity`` are not JSON, a ``"\\ud800"`` escape
makes a string no UTF-8 writer can write, and a BOM or a non-UTF-8 byte means the file
was saved by the wrong tool. It also has no limits: a 300 MB line is read whole, a
10,000-digit integer raises a bare ``ValueError``, 100,000 ``[`` exhaust the recursion.
Here every such input raises :class:`JsonError`, located by file, line, column and JSON
pointer, saying what was found and what was expected.

Limits (checked before the work they protect; raise them by passing ``max_bytes``):

- :data:`MAX_BYTES`: a document file, or one line of a JSON Lines file, is at most
  16 MiB; the size is checked before the bytes are read or parsed;
- :data:`MAX_DEPTH`: at most 64 nested arrays and objects (a gold document needs 5);
- :data:`MAX_INT_DIGITS`: integers of at most 100 digits; a number that overflows a
  float (``1e400``) is refused rather than read as infinity.

The parser also remembers the line on which each object and array starts, so that a
problem found later in the parsed data can point at a line of the file.

Speed: the line-tracking parser is pure Python (about 30x slower than ``json.loads``),
and most files have no problem. So a file is first parsed by the C decoder, with hooks
that refuse NaN/Infinity and count the keys; a look at the bytes outside strings then
finds duplicate keys (more pairs than keys), deep nesting and long integers without
walking the parsed value. The line map is built (by the tracking parser) only when a
line is asked for, and any input the fast pass refuses is parsed again by the tracking
parser, which raises the located error.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from json.decoder import WHITESPACE, JSONDecodeError, scanstring
from json.scanner import py_make_scanner
from pathlib import Path
from typing import Any

from wiregold.problems import Problem, json_pointer

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "JsonError",
    "ParsedJson",
    "parse_json_bytes",
    "read_bytes",
    "read_json",
    "size_text",
]

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 64
MAX_INT_DIGITS = 100

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # also the start of UTF-32 LE
_SURROGATE = re.compile("[\ud800-\udfff]")
# What a message shows as "found": the token at the error, at most 20 characters.
_TOKEN = re.compile(r"[^\s,:\[\]{}]{1,21}|.", re.DOTALL)
# Python's messages for string errors -> (what went wrong, what was expected).
_STRING_ERRORS = {
    "Unterminated string": ("unterminated string", "a closing '\"' on the same line"),
    "Invalid control character": (
        "unescaped control character in a string",
        "control characters escaped (\\n, \\t, \\u0000)",
    ),
    "Invalid \\escape": ("invalid escape", 'one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX'),
    "Invalid \\uXXXX escape": ("invalid \\u escape", "\\u and four hex digits"),
}


def size_text(n: int) -> str:
    """``n`` bytes for a message: ``16777216 bytes (16 MiB)``, ``1000 bytes``."""
    mib = f" ({n >> 20} MiB)" if n >= 1 << 20 and n % (1 << 20) == 0 else ""
    return f"{n} bytes{mib}"


class JsonError(ValueError):
    """Unreadable or invalid JSON, located in its file (line and column count from 1).

    ``message`` says what is wrong and what was found, ``expected`` what was expected,
    ``pointer`` the JSON pointer of the innermost value being read ("" = the whole file).
    """

    def __init__(
        self,
        file: str,
        line: int,
        column: int,
        message: str,
        *,
        pointer: str = "",
        expected: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.pointer = pointer
        self.expected = expected
        super().__init__(str(self.problem()))

    def problem(self, *, line_offset: int = 0) -> Problem:
        """The error as a validation problem (``line_offset`` is added to the line)."""
        return Problem(
            self.file, self.pointer, self.message, self.expected, self.line + line_offset
        )

    def __str__(self) -> str:
        return str(self.problem())


class _Syntax(Exception):
    """A parse failure at ``pos``; ``path`` grows as it propagates out of containers."""

    def __init__(self, pos: int, what: str, expected: str, found: str | None = None) -> None:
        super().__init__(what)
        self.pos = pos
        self.what = what
        self.expected = expected
        self.found = found
        self.path: list[str | int] = []


class _BadLiteral(Exception):
    """A number or constant the scanner read that is refused (NaN, 1e400, 10**200)."""

    def __init__(self, what: str, expected: str) -> None:
        super().__init__(what)
        self.what = what
        self.expected = expected


@dataclass(frozen=True)
class ParsedJson:
    """A parsed JSON value plus the start line of every object and array in it.

    ``_lines`` maps ``id()`` of the objects and arrays of ``value`` to their lines; when it
    is None, ``_text`` is parsed again by the line-tracking parser the first time a line
    is asked for (the same structure, so the same path gives the same line).
    """

    value: Any
    _lines: dict[int, int] | None = field(repr=False)
    _text: str | None = field(default=None, repr=False)

    @cached_property
    def _tracked(self) -> tuple[Any, dict[int, int]]:
        if self._lines is not None:
            return self.value, self._lines
        text = self._text or ""
        decoder = _Decoder(text)
        return decoder.decode(text, unit="file"), decoder.lines

    def line_of(self, path: Sequence[str | int]) -> int:
        """The start line of the deepest object/array on ``path`` (1 if none is found)."""
        node, lines = self._tracked
        line = lines.get(id(node), 1)
        for key in path:
            in_object = isinstance(node, dict) and isinstance(key, str) and key in node
            in_array = isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
            if not (in_object or in_array):
                break
            node = node[key]
            line = lines.get(id(node), line)
        return line


def _skip(s: str, pos: int) -> int:
    return WHITESPACE.match(s, pos).end()


def _reject_constant(name: str) -> Any:
    raise _BadLiteral(f"{name} is not JSON", "a number or null")


def _parse_int(literal: str) -> int:
    digits = len(literal.lstrip("-"))
    if digits > MAX_INT_DIGITS:  # int() would take quadratic time, then refuse at 4300
        raise _BadLiteral(f"integer of {digits} digits", f"at most {MAX_INT_DIGITS} digits")
    return int(literal)


def _parse_float(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise _BadLiteral("number out of range", "a finite number, at most about 1.8e308")
    return value


class _Decoder:
    """Pure-Python JSON decoder: strict, bounded, recording lines and error pointers.

    The scanner of :mod:`json.scanner` (its Python version: the C one ignores these
    hooks) calls back into ``parse_object``, ``parse_array`` and ``parse_string``.
    """

    strict = True
    object_hook = None
    object_pairs_hook = None

    def __init__(self, text: str) -> None:
        self.lines: dict[int, int] = {}
        self.depth = 0
        self.memo: dict[str, str] = {}
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self.parse_object = self._parse_object
        self.parse_array = self._parse_array
        self.parse_string = self._parse_string
        self.parse_int = _parse_int
        self.parse_float = _parse_float
        self.parse_constant = _reject_constant
        self.scan_once = py_make_scanner(self)

    def decode(self, s: str, *, unit: str) -> Any:
        try:
            value, end = self._value(s, _skip(s, 0), self.scan_once)
        except RecursionError:  # MAX_DEPTH keeps this away; a tiny stack could still hit it
            raise _Syntax(0, "nested too deeply", f"at most {MAX_DEPTH} nested levels") from None
        end = _skip(s, end)
        if end != len(s):
            raise _Syntax(end, "extra data after the JSON value", f"one JSON value per {unit}")
        return value

    def _remember(self, value: Any, pos: int) -> None:
        self.lines[id(value)] = bisect_left(self._newlines, pos) + 1

    def _enter(self, pos: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            what = f"nested more than {MAX_DEPTH} levels deep"
            raise _Syntax(pos, what, f"at most {MAX_DEPTH} nested arrays and objects")

    def _value(self, s: str, pos: int, scan_once: Callable[[str, int], Any]) -> tuple[Any, int]:
        try:
            return scan_once(s, pos)
        except StopIteration as err:
            raise _Syntax(err.value, "missing value", "a JSON value") from None
        except _BadLiteral as err:
            raise _Syntax(pos, err.what, err.expected) from None

    def _parse_string(self, s: str, end: int, strict: bool = True) -> tuple[str, int]:
        try:
            value, after = scanstring(s, end, True)
        except JSONDecodeError as err:
            for prefix, (what, expected) in _STRING_ERRORS.items():
                if err.msg.startswith(prefix):
                    # Python points a bad \u escape at its "u": show the backslash too.
                    pos = err.pos - 1 if prefix.endswith("uXXXX escape") else err.pos
                    raise _Syntax(pos, what, expected) from None
            raise _Syntax(err.pos, err.msg, "a valid JSON string") from None
        lone = _SURROGATE.search(value)
        if lone is not None:  # only a \u escape can produce one: the bytes were UTF-8
            escape = f"\\u{ord(lone.group()):04x}"
            found = s.lower().find(escape, end, after)
            raise _Syntax(
                found if found >= 0 else end - 1,
                "lone surrogate escape in a string",
                "a surrogate pair (\\ud800-\\udbff then \\udc00-\\udfff) or another character",
                found=f"'{escape}'",
            )
        return value, after

    def _parse_array(
        self, s_and_end: tuple[str, int], scan_once: Callable[[str, int], Any]
    ) -> tuple[list[Any], int]:
        s, end = s_and_end
        opening = end - 1
        self._enter(opening)
        values: list[Any] = []
        end = _skip(s, end)
        if s[end : end + 1] != "]":
            while True:
                try:
                    value, end = self._value(s, end, scan_once)
                except _Syntax as err:
                    err.path.insert(0, len(values))
                    raise
                values.append(value)
                end = _skip(s, end)
                delimiter = s[end : end + 1]
                if delimiter == "]":
                    break
                if delimiter != ",":
                    raise _Syntax(end, "missing ',' or ']' after an array item", "',' or ']'")
                end = _skip(s, end + 1)
                if s[end : end + 1] == "]":
                    raise _Syntax(end, "trailing comma before ']'", "an item after ',', or no ','")
        self._remember(values, opening)
        self.depth -= 1
        return values, end + 1

    def _parse_object(
        self, s_and_end: tuple[str, int], strict: bool, scan_once: Any, *_: Any
    ) -> tuple[dict[str, Any], int]:
        s, end = s_and_end
        opening = end - 1
        self._enter(opening)
        obj: dict[str, Any] = {}
        end = _skip(s, end)
        if s[end : end + 1] != "}":
            while True:
                if s[end : end + 1] != '"':
                    raise _Syntax(end, "missing property name", "a property name in double quotes")
                key_pos = end
                key, end = self._parse_string(s, end + 1)
                if key in obj:
                    err = _Syntax(key_pos, "duplicate key", "each key once per object", repr(key))
                    err.path.append(key)
                    raise err
                end = _skip(s, end)
                if s[end : end + 1] != ":":
                    raise _Syntax(end, "missing ':' after a property name", "':'")
                try:
                    obj[key], end = self._value(s, _skip(s, end + 1), scan_once)
                except _Syntax as err:
                    err.path.insert(0, key)
                    raise
                end = _skip(s, end)
                delimiter = s[end : end + 1]
                if delimiter == "}":
                    break
                if delimiter != ",":
                    raise _Syntax(end, "missing ',' or '}' after a property", "',' or '}'")
                end = _skip(s, end + 1)
                if s[end : end + 1] == "}":
                    raise _Syntax(
                        end, "trailing comma before '}'", "a property after ',', or no ','"
                    )
        self._remember(obj, opening)
        self.depth -= 1
        return obj, end + 1


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def _found(text: str, pos: int, unit: str) -> str:
    if pos >= len(text):
        return f"end of {unit}"
    if text[pos] < " ":  # a control character: alone, escaped
        return repr(text[pos])
    token = _TOKEN.match(text, pos).group()
    return "'" + (token if len(token) <= 20 else token[:20] + "…") + "'"


def _too_large(source: str, size: int, limit: int, unit: str) -> JsonError:
    return JsonError(
        source,
        1,
        1,
        f"{unit} too large: found {size_text(size)}",
        expected=f"at most {size_text(limit)} per {unit}",
    )


# The fast pass: the C decoder; what the tracking parser would refuse is sent back to it.
_REFUSED = object()
# A \\u escape of a surrogate: the tracking parser decides (a pair is fine, a lone one not).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")  # on the bytes: their ASCII is the text's
# The checks after the C decoder reduce the bytes (with bytes.translate and replace: C
# loops) to a skeleton: brackets as ( ), quotes and colons.
_SKELETON = bytes.maketrans(b"[{]}", b"(())")
_NOT_SKELETON = bytes(c for c in range(256) if c not in b'[]{}":')
_ESCAPED_QUOTE = re.compile(rb'\\"')  # found faster than by `in`: its first byte is rare
# Long digit runs are looked for in the bytes with each digit as 0 and every other byte
# as "." (not in the skeleton, where the digits of "1 2 3 ..." would run together).
_DIGITS = bytes(48 if 48 <= c <= 57 else 46 for c in range(256))
_LONG_DIGITS = b"0" * (MAX_INT_DIGITS + 1)
_QUOTED = re.compile(rb'"[^"]*"')


class _Refused(Exception):
    pass


def _refuse(_: str) -> Any:
    raise _Refused


def _finite_float(literal: str) -> float:
    # Called by the C decoder only for numbers with a fraction or exponent: rare.
    value = float(literal)
    if not math.isfinite(value):
        raise _Refused
    return value


def _c_decode(text: str) -> tuple[Any, int]:
    """The value of ``text`` by the C decoder, and the number of keys of its objects.

    A duplicate key replaces the earlier one, so the objects hold fewer keys than the
    text has pairs (counting in a hook is cheaper than passing each object's pairs to
    one). NaN and Infinity, and numbers that overflow a float, raise ``_Refused``.
    """
    keys = 0

    def count_keys(obj: dict[str, Any]) -> dict[str, Any]:
        nonlocal keys
        keys += len(obj)
        return obj

    decoder = json.JSONDecoder(
        object_hook=count_keys, parse_constant=_refuse, parse_float=_finite_float
    )
    return decoder.decode(text), keys


def _skeleton(data: bytes) -> bytes:
    """The skeleton of a JSON text the C decoder accepted, escaped quotes left out.

    Backslashes occur only in strings. Without ``\\"`` in the text, every quote ends or
    starts a string; with it, the ``\\\\`` pairs are removed first (left to right, as the
    escapes are read), then the escaped quotes.
    """
    if _ESCAPED_QUOTE.search(data):
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    return data.translate(_SKELETON, _NOT_SKELETON)


def _outside_strings(skeleton: bytes) -> bytes:
    """The brackets and colons outside strings, from a skeleton.

    Dropping ``""`` (a string with neither, or the gap between two strings that has
    none) keeps the quotes alternating, so the regex then removes the strings that do
    hold a bracket or a colon.
    """
    kept = skeleton.replace(b'""', b"")
    return _QUOTED.sub(b"", kept) if b'"' in kept else kept


def _depth(brackets: bytes) -> int:
    """Nesting depth of balanced ``(`` ``)``, up to ``MAX_DEPTH + 1``."""
    for depth in range(MAX_DEPTH + 1):
        if not brackets:
            return depth
        brackets = brackets.replace(b"()", b"")  # the leaves: exactly one level per round
    return MAX_DEPTH + 1


def _strict_enough(data: bytes, keys: int) -> bool:
    """No duplicate key, no more than MAX_DEPTH nested containers, no integer of more
    than MAX_INT_DIGITS, in a text the C decoder read with ``keys`` keys in its objects.

    Outside strings, such a text has a colon per pair and balanced brackets. A run of
    digits longer than any integer allowed may also be part of a float or of a string:
    refusing it only sends the text to the tracking parser, which decides the same.
    Non-finite floats never get here: ``_finite_float`` and ``_refuse`` refuse them in
    the C decoder.
    """
    if _LONG_DIGITS in data.translate(_DIGITS):
        return False
    outside = _outside_strings(_skeleton(data))
    if outside.count(b":") != keys:
        return False
    return _depth(outside.translate(None, b":")) <= MAX_DEPTH


def _fast_decode(text: str, data: bytes | None = None) -> Any:
    """The value of ``text``, or ``_REFUSED`` when the tracking parser must look at it.

    ``data`` is ``text`` as UTF-8, when the caller has it.
    """
    if data is None:
        data = text.encode("utf-8", "surrogatepass")
    if _SURROGATE_ESCAPE.search(data):
        return _REFUSED
    try:
        value, keys = _c_decode(text)
    except (ValueError, _Refused, RecursionError):
        return _REFUSED
    if type(value) is dict or type(value) is list:
        return value if _strict_enough(data, keys) else _REFUSED
    return _REFUSED  # a bare scalar: rare, and the tracking parser checks its limits


def parse_json_bytes(
    *, data: bytes, source: str, unit: str = "file", max_bytes: int | None = None
) -> ParsedJson:
    """Parse UTF-8 JSON bytes strictly; ``source`` names the file in errors.

    ``unit`` is what ``data`` is ("file", or "line" for a JSON Lines record), for messages.
    """
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        raise _too_large(source, len(data), limit, unit)
    if data.startswith(_BOM):
        raise JsonError(
            source,
            1,
            1,
            f"byte order mark (BOM) at the start of the {unit}; found bytes EF BB BF",
            expected="UTF-8 without a BOM; remove the first three bytes",
        )
    if 0 in data[:4] or data.startswith(_UTF16_BOMS):  # no UTF-8 JSON text starts so
        raise JsonError(
            source,
            1,
            1,
            f"UTF-16 or UTF-32 text, not UTF-8; found bytes {data[:4].hex(' ').upper()}",
            expected="UTF-8 text; re-save the file as UTF-8",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _line_col(data[: err.start].decode("utf-8", errors="replace"), err.start)
        raise JsonError(
            source,
            line,
            column,
            f"not UTF-8 at column {column}; found byte 0x{data[err.start]:02x}",
            expected="UTF-8 text; re-save the file as UTF-8",
        ) from None
    value = _fast_decode(text, data)
    if value is not _REFUSED:
        return ParsedJson(value, None, text)
    decoder = _Decoder(text)
    try:
        value = decoder.decode(text, unit=unit)
    except _Syntax as err:
        line, column = _line_col(text, err.pos)
        found = err.found or _found(text, err.pos, unit)
        raise JsonError(
            source,
            line,
            column,
            f"invalid JSON at column {column}: {err.what}; found {found}",
            pointer=json_pointer(path=err.path),
            expected=err.expected,
        ) from None
    return ParsedJson(value, decoder.lines)


def read_bytes(*, path: Path, max_bytes: int | None = None) -> bytes:
    """The bytes of a file of at most ``max_bytes`` (default :data:`MAX_BYTES`).

    The size is checked before the content is read, so a huge file costs no memory.
    Raises :class:`JsonError` for an unreadable or too large file.
    """
    limit = MAX_BYTES if max_bytes is None else max_bytes
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            regular = stat.S_ISREG(info.st_mode)
            if regular and info.st_size > limit:
                raise _too_large(str(path), info.st_size, limit, "file")
            data = _read_at_most(handle, limit + 1, first=info.st_size + 1 if regular else 0)
    except OSError as err:
        message = f"cannot read file: {err.strerror or err}"
        raise JsonError(str(path), 1, 1, message, expected="a readable file") from None
    if len(data) > limit:
        raise _too_large(str(path), len(data), limit, "file")
    return data


def _read_at_most(handle: Any, size: int, *, first: int) -> bytes:
    """Up to ``size`` bytes of ``handle``: first ``first`` bytes (the size of a regular
    file, plus one to see its end), then in growing pieces.

    Never ``read(size)`` at once: that allocates ``size`` bytes whatever the file holds,
    and the limit is megabytes while a document is kilobytes. ``/dev/zero`` and pipes
    report size 0, so the pieces stop only at ``size``.
    """
    piece = min(size, first or 1 << 16)
    data = handle.read(piece)
    if len(data) < piece:  # the end came first
        return data
    pieces = [data]
    total = len(data)
    while total < size:
        piece = min(size - total, total)
        more = handle.read(piece)
        if not more:
            break
        pieces.append(more)
        total += len(more)
    return b"".join(pieces)


def read_json(*, path: Path, max_bytes: int | None = None) -> ParsedJson:
    """Read and strictly parse a JSON file; any failure is a :class:`JsonError`."""
    data = read_bytes(path=path, max_bytes=max_bytes)
    return parse_json_bytes(data=data, source=str(path), max_bytes=max_bytes)
