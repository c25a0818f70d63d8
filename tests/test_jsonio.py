"""Strict JSON reading: every rejected input names its file, line and column."""

from __future__ import annotations

import functools
import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiregold.jsonio import (
    _REFUSED,
    JsonError,
    _Decoder,
    _fast_decode,
    _read_at_most,
    _Syntax,
    parse_json_bytes,
    read_bytes,
    read_json,
)


def error_of(data: bytes) -> JsonError:
    with pytest.raises(JsonError) as caught:
        parse_json_bytes(data=data, source="f.json")
    return caught.value


@pytest.mark.parametrize(
    ("data", "line", "pointer", "message", "expected"),
    [
        (
            b'{"a": 1,\n  "a": 2}',
            2,
            "/a",
            "invalid JSON at column 3: duplicate key; found 'a'",
            "each key once per object",
        ),
        (
            b'[{"x": {"k": 1, "k": 1}}]',
            1,
            "/0/x/k",
            "invalid JSON at column 17: duplicate key; found 'k'",
            "each key once per object",
        ),
        (
            b"[1,\n NaN]",
            2,
            "/1",
            "invalid JSON at column 2: NaN is not JSON; found 'NaN'",
            "a number or null",
        ),
        (
            b'["Infinity", -Infinity]',
            1,
            "/1",
            "invalid JSON at column 14: -Infinity is not JSON; found '-Infinity'",
            "a number or null",
        ),
        (
            b"\xef\xbb\xbf{}",
            1,
            "",
            "byte order mark (BOM) at the start of the file; found bytes EF BB BF",
            "UTF-8 without a BOM; remove the first three bytes",
        ),
        (
            b'{"a":\n "\xff"}',
            2,
            "",
            "not UTF-8 at column 3; found byte 0xff",
            "UTF-8 text; re-save the file as UTF-8",
        ),
        (
            b'{"a": 1,}',
            1,
            "",
            "invalid JSON at column 9: trailing comma before '}'; found '}'",
            "a property after ',', or no ','",
        ),
        (b"", 1, "", "invalid JSON at column 1: missing value; found end of file", "a JSON value"),
        (
            b"not json",
            1,
            "",
            "invalid JSON at column 1: missing value; found 'not'",
            "a JSON value",
        ),
        (
            b'{"a": {"b": [1, {"c": }]}}',
            1,
            "/a/b/1/c",
            "invalid JSON at column 23: missing value; found '}'",
            "a JSON value",
        ),
        (
            b'{"a": [1, 2,]}',
            1,
            "/a",
            "invalid JSON at column 13: trailing comma before ']'; found ']'",
            "an item after ',', or no ','",
        ),
        (
            b'{"a": 1,\n}',
            2,
            "",
            "invalid JSON at column 1: trailing comma before '}'; found '}'",
            "a property after ',', or no ','",
        ),
        (
            b'{"a": [1, 2 3]}',
            1,
            "/a",
            "invalid JSON at column 13: missing ',' or ']' after an array item; found '3'",
            "',' or ']'",
        ),
        (
            b'{"a" 1}',
            1,
            "",
            "invalid JSON at column 6: missing ':' after a property name; found '1'",
            "':'",
        ),
        (
            b'{"a": 1} {"b": 2}',
            1,
            "",
            "invalid JSON at column 10: extra data after the JSON value; found '{'",
            "one JSON value per file",
        ),
        (
            b'{"a": "tab\there"}',
            1,
            "/a",
            "invalid JSON at column 11: unescaped control character in a string; found '\\t'",
            "control characters escaped (\\n, \\t, \\u0000)",
        ),
        (
            b'{"a": "x\\qy"}',
            1,
            "/a",
            "invalid JSON at column 9: invalid escape; found '\\qy\"'",
            'one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX',
        ),
        (
            b'{"a": "abc',
            1,
            "/a",
            "invalid JSON at column 7: unterminated string; found '\"abc'",
            "a closing '\"' on the same line",
        ),
        (
            b'{"a": ["\\ud800"]}',
            1,
            "/a/0",
            "invalid JSON at column 9: lone surrogate escape in a string; found '\\ud800'",
            "a surrogate pair (\\ud800-\\udbff then \\udc00-\\udfff) or another character",
        ),
        (
            b'{"\\udc00": 1}',
            1,
            "",
            "invalid JSON at column 3: lone surrogate escape in a string; found '\\udc00'",
            "a surrogate pair (\\ud800-\\udbff then \\udc00-\\udfff) or another character",
        ),
        (
            b"[1e400]",
            1,
            "/0",
            "invalid JSON at column 2: number out of range; found '1e400'",
            "a finite number, at most about 1.8e308",
        ),
        (
            b"[-" + b"9" * 101 + b"]",
            1,
            "/0",
            "invalid JSON at column 2: integer of 101 digits; found '-9999999999999999999…'",
            "at most 100 digits",
        ),
        (
            b"[" * 100_000,
            1,
            "/0" * 64,
            "invalid JSON at column 65: nested more than 64 levels deep; found '['",
            "at most 64 nested arrays and objects",
        ),
    ],
)
def test_rejected_input(data: bytes, line: int, pointer: str, message: str, expected: str) -> None:
    error = error_of(data)
    assert (error.file, error.line, error.pointer, error.message, error.expected) == (
        "f.json",
        line,
        pointer,
        message,
        expected,
    )
    assert str(error) == f"f.json:{line}: {pointer or '/'}: {message} (expected: {expected})"


def test_limits_hold_at_their_boundary() -> None:
    ok = parse_json_bytes(data=b"[" * 64 + b"]" * 64, source="f").value
    assert ok == functools.reduce(lambda inner, _: [inner], range(63), [])
    assert parse_json_bytes(data=b"9" * 100, source="f").value == int("9" * 100)
    assert parse_json_bytes(data=b"[1e308, 1e-400]", source="f").value == [1e308, 0.0]
    assert parse_json_bytes(data=b'"\\ud83d\\ude00"', source="f").value == "\U0001f600"
    assert parse_json_bytes(data=b"[1]", source="f", max_bytes=3).value == [1]
    error = error_of_limit(b"[10]", max_bytes=3)
    assert (
        str(error)
        == "f.json:1: /: file too large: found 4 bytes (expected: at most 3 bytes per file)"
    )


def error_of_limit(data: bytes, *, max_bytes: int) -> JsonError:
    with pytest.raises(JsonError) as caught:
        parse_json_bytes(data=data, source="f.json", max_bytes=max_bytes)
    return caught.value


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


def test_read_bytes_checks_the_size_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b"[" + b"0," * 50 + b"0]")
    assert read_bytes(path=path, max_bytes=103) == path.read_bytes()
    with pytest.raises(JsonError) as caught:
        read_bytes(path=path, max_bytes=102)
    assert str(caught.value) == (
        f"{path}:1: /: file too large: found 103 bytes (expected: at most 102 bytes per file)"
    )
    with pytest.raises(JsonError, match="file too large: found 103 bytes"):
        read_json(path=path, max_bytes=102)


def test_read_bytes_allocates_what_the_file_holds_not_the_limit(tmp_path: Path) -> None:
    # A 16 MB buffer per 10 kB document made reading a corpus slower than parsing it.
    path = tmp_path / "small.json"
    path.write_bytes(b"[1]")
    tracemalloc.start()
    try:
        assert read_bytes(path=path, max_bytes=64 * 1024 * 1024) == b"[1]"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 200_000])
def test_read_bytes_reads_streams_without_a_size_to_the_end_or_the_limit(size: int) -> None:
    # Pipes and character devices report size 0: they are read in growing pieces.
    data = bytes(range(256)) * (size // 256 + 1)
    assert _read_at_most(io.BytesIO(data[:size]), 150_001, first=0) == data[: min(size, 150_001)]
    assert (
        _read_at_most(io.BytesIO(data[:size]), 150_001, first=size + 1)
        == data[: min(size, 150_001)]
    )


def _nested(levels: int) -> Any:
    value: Any = []
    for _ in range(levels - 1):
        value = [value]
    return value


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**120), 10**120)
    | st.floats()  # json.dumps writes NaN and Infinity, which must be refused
    | st.text(max_size=6)
    # json.dumps writes a lone surrogate as a "\udxxx" escape (hypothesis' text() has none)
    | st.sampled_from(["\ud800", "a\udfff", "\ud83d\ude00", "\U0001f600", "\\ud800"])
    # strings that the bracket and digit pre-tests of the fast pass must see through
    | st.sampled_from(["]]]}", "[[{", '\\"]', "\\", 'a"[', "1" * 101])
    | st.sampled_from([_nested(64), _nested(65), 10**100 - 1, 10**100, 1e308]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=8,
)


@settings(derandomize=True, database=None, deadline=None, max_examples=500)
@given(value=JSON_VALUES, cut=st.integers(0, 40), insert=st.sampled_from(["", ",", '"a": 1, ']))
def test_the_fast_pass_accepts_only_what_the_strict_parser_accepts(
    value: Any, cut: int, insert: str
) -> None:
    text = json.dumps(value)
    if cut and insert:  # sometimes a broken or duplicate-keyed variant
        text = text[:cut] + insert + text[cut:]
    try:
        strict = _Decoder(text).decode(text, unit="file")
    except _Syntax:
        strict = _REFUSED
    fast = _fast_decode(text)
    if fast is not _REFUSED:
        assert strict is not _REFUSED and fast == strict, text
    data = text.encode("utf-8")
    if strict is _REFUSED:
        with pytest.raises(JsonError):
            parse_json_bytes(data=data, source="f")
    else:
        assert parse_json_bytes(data=data, source="f").value == strict


def _deep(levels: int, inner: str = "0") -> str:
    return "[" * levels + inner + "]" * levels


@pytest.mark.parametrize(
    ("text", "accepted", "fast"),
    [
        (_deep(64), True, True),
        (_deep(65), False, False),
        # brackets, quotes and backslashes in strings do not count as nesting
        (_deep(64, '"[[[[{{"'), True, True),
        (_deep(65, '"]]]]}}"'), False, False),
        (_deep(60, '"]]]]]]]]]]", ' + _deep(5)), False, False),
        (_deep(62, '"\\\\", "\\"]]]]]]]]", ' + _deep(2)), True, True),
        (_deep(62, '"\\\\", "\\"]]]]]]]]", ' + _deep(3)), False, False),
        ('["' + "[" * 200 + '", {"a": "' + "{" * 100 + '"}]', True, True),
        (_deep(20, '{"k": ' + _deep(43) + ', "j": "]]"}'), True, True),
        (_deep(20, '{"k": ' + _deep(44) + ', "j": "]]"}'), False, False),
        # integers: at most 100 digits
        ('{"a": [' + ", ".join(["7"] * 200) + '], "b": -' + "9" * 100 + "}", True, True),
        ('{"a": [' + ", ".join(["7"] * 200) + '], "b": -' + "9" * 101 + "}", False, False),
        # many short numbers, in a text or not, are no long digit run (the fast pass takes them)
        (
            '{"text": "'
            + " ".join(map(str, range(300)))
            + '", "n": ['
            + ", ".join(["12"] * 300)
            + "]}",
            True,
            True,
        ),
        # a long digit run that is no integer: left to the strict parser, which accepts it
        ('["' + "9" * 300 + '", 1.' + "5" * 300 + "]", True, False),
        ("[1e308, -1e308, 1e-400]", True, True),
        ("[1, 1e309]", False, False),
        ('{"a": [1, -1E+400]}', False, False),
        # duplicate keys: more pairs (colons outside strings) than keys in the objects
        ('[{"k": 1}, {"k": 1}, {"k": {"k": {}}}]', True, True),
        ('{"a": "x:y", "b": {"c": "[:]", "d:": ":"}, "e": ["::", "{"]}', True, True),
        ('{"a:": 1, "a:": 2}', False, False),
        ('{"": 1, "": 2}', False, False),
        ('{"a": "b:", "c": {"d": 1, "e": [{"f": ":", "f": ":"}]}}', False, False),
        ('{"q\\"": 1, "q\\"": 2, "r": "\\\\"}', False, False),
        ('{"q\\"": 1, "q\\\\": 2, "r": "\\\\:\\"\\\\"}', True, True),
    ],
)
def test_the_fast_pass_limits(text: str, accepted: bool, fast: bool) -> None:
    """The pre-tests that stand in for a walk of the parsed value: the fast pass takes
    what is within the limits and leaves the rest to the strict parser, which refuses."""
    strict: Any
    try:
        strict = _Decoder(text).decode(text, unit="file")
    except _Syntax:
        strict = _REFUSED
    assert (strict is not _REFUSED) == accepted, text
    data = text.encode("utf-8")
    for value in (_fast_decode(text), _fast_decode(text, data)):
        assert (value is not _REFUSED) == fast
        assert value is _REFUSED or value == strict
    if accepted:
        assert parse_json_bytes(data=data, source="f").value == strict
    else:
        with pytest.raises(JsonError):
            parse_json_bytes(data=data, source="f")


@pytest.mark.parametrize(
    ("codec", "found"),
    [
        ("utf-16-le", "7B 00 22 00"),
        ("utf-16-be", "00 7B 00 22"),
        ("utf-16", "FF FE 7B 00"),  # Python writes the little-endian BOM
        ("utf-32-le", "7B 00 00 00"),
        ("utf-32", "FF FE 00 00"),
    ],
)
def test_utf16_and_utf32_are_named(codec: str, found: str) -> None:
    error = error_of('{"a": 1}'.encode(codec))
    assert (error.line, error.column) == (1, 1)
    assert error.message == f"UTF-16 or UTF-32 text, not UTF-8; found bytes {found}"
    assert error.expected == "UTF-8 text; re-save the file as UTF-8"


def test_a_short_text_is_not_taken_for_utf16() -> None:
    assert parse_json_bytes(data=b"1", source="f.json").value == 1
    assert not error_of(b"").message.startswith("UTF-16")  # empty: what it always said
