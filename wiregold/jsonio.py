"""Strict JSON reading for annotation files.

Plain ``json.loads`` accepts things that corrupt an annotation silently: a duplicate key
keeps only its last value, ``NaN`` and ``Infinity`` are not JSON, and a BOM or a
non-UTF-8 byte means the file was saved by the wrong tool. Every such input raises
:class:`JsonError` with the file, line and column instead.

The parser also remembers the line on which each object and array starts, so that a
problem found later in the parsed data can point at a line of the file.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from json.decoder import WHITESPACE, JSONArray, JSONDecodeError, scanstring
from json.scanner import py_make_scanner
from pathlib import Path
from typing import Any

_BOM = b"\xef\xbb\xbf"
# A bare NaN/Infinity token outside strings (strings are matched first and skipped).
_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)', re.DOTALL)


class JsonError(ValueError):
    """Unreadable or invalid JSON, located in its file (line and column count from 1)."""

    def __init__(self, file: str, line: int, column: int, message: str) -> None:
        super().__init__(f"{file}:{line}:{column}: {message}")
        self.file = file
        self.line = line
        self.column = column
        self.message = message


class _BadConstant(Exception):
    pass


@dataclass(frozen=True)
class ParsedJson:
    """A parsed JSON value plus the start line of every object and array in it."""

    value: Any
    _lines: dict[int, int] = field(repr=False)

    def line_of(self, path: Sequence[str | int]) -> int:
        """The start line of the deepest object/array on ``path`` (1 if none is found)."""
        line = self._lines.get(id(self.value), 1)
        node = self.value
        for key in path:
            in_object = isinstance(node, dict) and isinstance(key, str) and key in node
            in_array = isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
            if not (in_object or in_array):
                break
            node = node[key]
            line = self._lines.get(id(node), line)
        return line


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


class _Decoder(json.JSONDecoder):
    """Pure-Python decoder whose object parser rejects duplicate keys and records lines."""

    def __init__(self, text: str) -> None:
        super().__init__(parse_constant=self._reject_constant)
        self.lines: dict[int, int] = {}
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self.parse_object = self._parse_object
        self.parse_array = self._parse_array
        # The C scanner ignores parse_object/parse_array; the Python one calls them.
        self.scan_once = py_make_scanner(self)

    @staticmethod
    def _reject_constant(name: str) -> Any:
        raise _BadConstant(name)

    def _remember(self, value: Any, pos: int) -> None:
        self.lines[id(value)] = bisect_left(self._newlines, pos) + 1

    def _parse_array(self, s_and_end: tuple[str, int], scan_once: Any) -> tuple[list, int]:
        value, end = JSONArray(s_and_end, scan_once)
        self._remember(value, s_and_end[1] - 1)
        return value, end

    def _parse_object(
        self, s_and_end: tuple[str, int], strict: bool, scan_once: Any, *_: Any
    ) -> tuple[dict, int]:
        s, end = s_and_end
        opening = end - 1
        obj: dict[str, Any] = {}

        def skip(pos: int) -> int:
            return WHITESPACE.match(s, pos).end()

        end = skip(end)
        if s[end : end + 1] == "}":
            self._remember(obj, opening)
            return obj, end + 1
        while True:
            if s[end : end + 1] != '"':
                raise JSONDecodeError("Expecting property name enclosed in double quotes", s, end)
            key_pos = end
            key, end = scanstring(s, end + 1, strict)
            end = skip(end)
            if s[end : end + 1] != ":":
                raise JSONDecodeError("Expecting ':' delimiter", s, end)
            end = skip(end + 1)
            try:
                value, end = scan_once(s, end)
            except StopIteration as err:
                raise JSONDecodeError("Expecting value", s, err.value) from None
            if key in obj:
                raise JSONDecodeError(f"duplicate key {key!r} in object", s, key_pos)
            obj[key] = value
            end = skip(end)
            delimiter = s[end : end + 1]
            if delimiter == "}":
                self._remember(obj, opening)
                return obj, end + 1
            if delimiter != ",":
                raise JSONDecodeError("Expecting ',' delimiter", s, end)
            end = skip(end + 1)


def parse_json_bytes(*, data: bytes, source: str) -> ParsedJson:
    """Parse UTF-8 JSON bytes strictly; ``source`` names the file in errors."""
    if data.startswith(_BOM):
        raise JsonError(source, 1, 1, "file starts with a UTF-8 byte order mark (BOM); remove it")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _line_col(data[: err.start].decode("utf-8", errors="replace"), err.start)
        raise JsonError(
            source, line, column, f"not valid UTF-8: byte 0x{data[err.start]:02x} cannot start here"
        ) from None
    decoder = _Decoder(text)
    try:
        value = decoder.decode(text)
    except JSONDecodeError as err:
        raise JsonError(source, err.lineno, err.colno, f"invalid JSON: {err.msg}") from None
    except _BadConstant as err:
        pos = next((m.start(1) for m in _CONSTANT.finditer(text) if m.group(1)), 0)
        line, column = _line_col(text, pos)
        raise JsonError(source, line, column, f"{err} is not valid JSON (use null)") from None
    except RecursionError:
        raise JsonError(source, 1, 1, "invalid JSON: nested too deeply") from None
    return ParsedJson(value, decoder.lines)


def read_json(*, path: Path) -> ParsedJson:
    """Read and strictly parse a JSON file; any failure is a :class:`JsonError`."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise JsonError(str(path), 1, 1, f"cannot read file: {err.strerror or err}") from None
    return parse_json_bytes(data=data, source=str(path))
