"""Property-based fuzzing of `wiregold validate --pred` and `wiregold score --pred`.

Prediction files are built by mutating valid ones (the gold document itself, its
text-only version, the README's examples): byte-level mutations (truncate, flip a bit,
insert, delete, duplicate or swap lines) and structural ones (a value replaced by a wrong
type, a huge or negative int, a float, null, deep nesting; keys removed or added; items
duplicated; leaves replaced by plausible values so that scorers see odd but valid input).
Whatever arrives, the command line either scores (exit 0) or refuses with its documented
problem lines (exit 1): no exception escapes ``main``, and no input reaches a scorer that
the checks should have refused (``cannot score``).

Fixed seed (``derandomize``); the gold is the small fixture document, loaded once (its
loading is not what is fuzzed), so thousands of examples run in seconds.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import build_document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wiregold.gold
from wiregold.canonical import canonical_bytes
from wiregold.cli import main

Doc = dict[str, Any]
README = Path(__file__).resolve().parent.parent / "README.md"
GOLD_DOC: Doc = build_document()
TEXT: str = GOLD_DOC["text"]
LAYERS = ("entities", "mentions", "timexes", "hoppers", "events", "casualties", "quotes")
FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _text_only(value: Any) -> Any:
    """The value with every span's offsets replaced by its text."""
    if isinstance(value, list):
        return [_text_only(v) for v in value]
    if not isinstance(value, dict):
        return value
    found = {k: _text_only(v) for k, v in value.items() if k not in ("start", "end", "head")}
    if "start" in value and "end" in value:
        found.setdefault("text", TEXT[value["start"] : value["end"]])
    return found


def _readme_examples() -> list[Doc]:
    section = README.read_text(encoding="utf-8").split("## Scoring a system\n", 1)[1]
    blocks = re.findall(r"```json\n(.*?)```", section.split("\n## ", 1)[0], flags=re.DOTALL)
    return [json.loads(block) for block in blocks]


SEEDS: list[Doc] = [
    GOLD_DOC,
    {"doc_id": GOLD_DOC["id"], **{layer: _text_only(GOLD_DOC[layer]) for layer in LAYERS}},
    *_readme_examples(),
]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """(gold file, prediction file); the gold is read and validated once for the module."""
    directory = tmp_path_factory.mktemp("fuzz")
    gold = directory / f"{GOLD_DOC['id']}.json"
    gold.write_bytes(canonical_bytes(doc=GOLD_DOC))
    loaded = functools.lru_cache(maxsize=2)(
        lambda files, **kwargs: load(files=list(files), **kwargs)
    )
    load = wiregold.gold.load_gold
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            wiregold.gold, "load_gold", lambda *, files, **kwargs: loaded(tuple(files), **kwargs)
        )
        yield gold, directory / "pred.jsonl"


COMMANDS = st.sampled_from(
    [
        ("validate",),
        ("score",),
        ("score", "--errors"),
        ("score", "--format", "json", "--errors"),
        ("score", "--format", "markdown", "--errors"),
        ("score", "--format", "csv"),
    ]
)


def check(data: bytes, command: tuple[str, ...], files: tuple[Path, Path]) -> None:
    """Run the command on ``data``: scored, or refused with problem lines; nothing else."""
    gold, pred = files
    pred.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([command[0], "--pred", str(pred), "--gold", str(gold), *command[1:]])
    said = (out.getvalue() + err.getvalue()).splitlines()
    assert code in (0, 1), said
    assert not any("cannot score" in line for line in said), said  # a gap in the checks
    if code == 1:
        problem = re.compile(re.escape(str(pred)) + r":\d+: /\S*: .+")
        assert any(problem.fullmatch(line) for line in said), said
        assert all(
            problem.fullmatch(line)
            or line.startswith(("note: ", "hint: "))
            or re.search(r" problems?\b", line)
            for line in said
        ), said
    elif command[0] == "score" and "json" in command:
        assert json.loads(out.getvalue())["documents"]["gold"] == [GOLD_DOC["id"]]


# ---------------------------------------------------------------------- byte mutations

TOKENS = [
    b'\\ud800"',
    b"NaN",
    b"-Infinity",
    b"1e999",
    b"9" * 120,
    b"\r\n",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"[",
    b"{",
    b"}",
    b'"',
    b",",
    b":",
    b"\n",
    b"[" * 80,
]


@st.composite
def byte_mutants(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from(SEEDS))
    indent = draw(st.sampled_from([None, None, 1]))
    data = bytearray(json.dumps(seed, ensure_ascii=False, indent=indent).encode() + b"\n")
    if draw(st.booleans()):
        data = bytearray(data.replace(b"\n", b"\r\n"))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        operation = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "lines"]))
        if operation == "truncate":
            del data[at:]
        elif operation == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif operation == "insert":
            data[at:at] = draw(st.sampled_from(TOKENS) | st.binary(min_size=1, max_size=3))
        elif operation == "delete":
            del data[at : at + draw(st.integers(1, 12))]
        else:
            lines = bytes(data).split(b"\n")
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            lines.insert(j, lines[i])  # a swap, then a duplicated line
            data = bytearray(b"\n".join(lines))
    return bytes(data)


@settings(FUZZ, max_examples=1000)
@given(data=byte_mutants(), command=COMMANDS)
def test_byte_mutations_are_scored_or_refused(
    files: tuple[Path, Path], data: bytes, command: tuple[str, ...]
) -> None:
    check(data, command, files)


# ----------------------------------------------------------------- structural mutations


def _deep(levels: int) -> Any:
    value: Any = 0
    for _ in range(levels):
        value = [value]
    return value


WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.sampled_from([-1, 0, 1, len(TEXT), len(TEXT) + 1, 10**30, -(10**30), 2**63]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=8),
    st.sampled_from(["", " ", "\u00a0", "\U0001f600", "<script>", "a|b`c", "MISC", "M1"]),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.sampled_from(["start", "end", "text", "x"]), st.integers(), max_size=2),
    st.sampled_from([_deep(70), _deep(10), {"a": {"b": {"c": {}}}}]),
)
LABELS = [
    *("GPE", "PER", "ORG", "LOC", "FAC", "MISC", "Conflict.Attack", "Life.Die", "Foo.Bar"),
    *("ACTUAL", "OTHER", "killed", "injured", "missing", "exact", "range", "at_least"),
    *("approximate", "vague", "unknown", "direct", "indirect", "mixed", "NAM", "NOM", "PRO"),
    *("DATE", "TIME", "DURATION", "2024-01-16TNI", "Attacker", "Target", "Victim", "Place"),
    *("m1", "m2", "e1", "e3", "h1", "t1", "t2", "M1", "T1", "IRN", "PAK", ""),
]


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _paths(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _paths(inner, (*path, index))


def _parent(doc: Doc, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


def _plausible(draw: st.DrawFn, old: Any, key: Any) -> Any:
    """A value of the same type as ``old`` that a system could well produce."""
    if isinstance(old, bool) or old is None:
        return draw(st.sampled_from([None, True, False]))
    if isinstance(old, int):
        return draw(st.integers(0, len(TEXT) + 1) | st.sampled_from([0, 1, 11, len(TEXT)]))
    if isinstance(old, str) and key == "text":
        start = draw(st.integers(0, len(TEXT) - 1))
        piece = TEXT[start : start + draw(st.integers(1, 40))]
        return draw(st.sampled_from([piece, piece.upper(), " \n ", "\u2019", "\u2014", old + old]))
    return draw(st.sampled_from([*LABELS, old]))


@st.composite
def structural_mutants(draw: st.DrawFn) -> bytes:
    doc = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 5))):
        paths = list(_paths(doc))[1:]
        if not paths:  # every key removed
            break
        path = draw(st.sampled_from(paths))
        parent, key = _parent(doc, path), path[-1]
        operation = draw(st.sampled_from(["wrong", "plausible", "plausible", "remove", "add"]))
        if operation == "wrong":
            parent[key] = copy.deepcopy(draw(WRONG))  # later mutations must not touch WRONG
        elif operation == "plausible" and not isinstance(parent[key], dict | list):
            parent[key] = _plausible(draw, parent[key], key)
        elif operation == "remove":
            del parent[key]
        elif isinstance(parent[key], dict):
            added = draw(st.sampled_from(["id", "entity", "zzz", "text", "head"]))
            parent[key][added] = copy.deepcopy(draw(WRONG))
        elif isinstance(parent[key], list) and parent[key]:
            parent[key].append(copy.deepcopy(parent[key][-1]))  # a duplicated item
    return json.dumps(doc, ensure_ascii=False).encode() + b"\n"


@settings(FUZZ, max_examples=1000)
@given(data=structural_mutants(), command=COMMANDS)
def test_structural_mutations_are_scored_or_refused(
    files: tuple[Path, Path], data: bytes, command: tuple[str, ...]
) -> None:
    check(data, command, files)
