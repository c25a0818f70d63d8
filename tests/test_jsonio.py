"""Strict JSON reading: every rejected input names its file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiregold.jsonio import JsonError, parse_json_bytes, read_json


def error_of(data: bytes) -> JsonError:
    with pytest.raises(JsonError) as caught:
        parse_json_bytes(data=data, source="f.json")
    return caught.value


@pytest.mark.parametrize(
    ("data", "line", "column", "message"),
    [
        (b'{"a": 1,\n  "a": 2}', 2, 3, "invalid JSON: duplicate key 'a' in object"),
        (b'[{"x": {"k": 1, "k": 1}}]', 1, 17, "invalid JSON: duplicate key 'k' in object"),
        (b"[1,\n NaN]", 2, 2, "NaN is not valid JSON (use null)"),
        (b'["Infinity", -Infinity]', 1, 14, "-Infinity is not valid JSON (use null)"),
        (b'{"a": Infinity}', 1, 7, "Infinity is not valid JSON (use null)"),
        (b"\xef\xbb\xbf{}", 1, 1, "file starts with a UTF-8 byte order mark (BOM); remove it"),
        (b'{"a":\n "\xff"}', 2, 3, "not valid UTF-8: byte 0xff cannot start here"),
        (b'{"a": 1,}', 1, 9, "invalid JSON: Expecting property name enclosed in double quotes"),
        (b"", 1, 1, "invalid JSON: Expecting value"),
        (b"not json", 1, 1, "invalid JSON: Expecting value"),
        (b'{"a": 1} {"b": 2}', 1, 10, "invalid JSON: Extra data"),
        (b'{"a": "tab\there"}', 1, 11, "invalid JSON: Invalid control character at"),
        (b"[" * 100_000, 1, 1, "invalid JSON: nested too deeply"),
    ],
)
def test_rejected_input(data: bytes, line: int, column: int, message: str) -> None:
    error = error_of(data)
    assert (error.file, error.line, error.column, error.message) == (
        "f.json",
        line,
        column,
        message,
    )
    assert str(error) == f"f.json:{line}:{column}: {message}"


def test_accepts_plain_json_and_strings_that_look_like_constants() -> None:
    parsed = parse_json_bytes(data='{"a": ["NaN", 1.5, null, true], "b": "é"}'.encode(), source="f")
    assert parsed.value == {"a": ["NaN", 1.5, None, True], "b": "é"}


def test_line_of_finds_the_line_of_the_deepest_container() -> None:
    parsed = parse_json_bytes(data=b'{\n "xs": [\n  {"a": 1},\n  {"a": [2]}\n ]\n}\n', source="f")
    assert parsed.line_of(()) == 1
    assert parsed.line_of(("xs",)) == 2
    assert parsed.line_of(("xs", 0)) == 3
    assert parsed.line_of(("xs", 1, "a")) == 4
    assert parsed.line_of(("xs", 1, "a", 0)) == 4  # a scalar: the line of its container
    assert parsed.line_of(("nope", 3)) == 1


def test_read_json_reports_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(JsonError, match="cannot read file"):
        read_json(path=tmp_path / "missing.json")
    with pytest.raises(JsonError, match="cannot read file"):
        read_json(path=tmp_path)
