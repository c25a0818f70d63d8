"""What no input may do: change the packaged data, reach unsafe code, inject markup.

- every command, run on the packaged corpus, leaves every file under ``corpus/``,
  ``seeds/`` and ``schema/`` byte for byte as it was (only ``format --write`` may
  rewrite corpus files, and it is not run here);
- the package source has no unsafe deserialisation or code execution;
- text from predictions cannot break the Markdown report's tables or inject HTML into it
  or into the HTML view.
"""

from __future__ import annotations

import json
import re
import tokenize
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import tree_digest

from wiregold import paths
from wiregold.cli import build_parser, main

Run = Callable[..., tuple[int, str, str]]
ROOT = Path(__file__).resolve().parent.parent
DOC_ID = "000_2a4f40216c15907b"


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def invoke(*argv: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


def _subcommands() -> set[str]:
    found: set[str] = set()
    for action in build_parser()._actions:
        if isinstance(getattr(action, "choices", None), dict):
            found.update(action.choices)
    return found


# ------------------------------------------------------------------- the packaged data


def test_no_command_writes_into_the_packaged_data(run: Run, tmp_path: Path) -> None:
    root = paths.data_root()
    protected = (root / "corpus", root / "seeds", root / "schema")
    before = tree_digest(*protected)
    assert before, "no packaged data to protect"
    gold = paths.corpus_root() / "test" / f"{DOC_ID}.json"
    other = paths.corpus_root() / "annotator1" / f"{DOC_ID}.json"
    commands: list[tuple[str | Path, ...]] = [
        ("validate",),
        ("validate", gold),
        ("validate", "--pred", gold),
        ("stats",),
        ("stats", "--format", "json"),
        ("stats", "--format", "markdown"),
        ("format",),
        ("format", "--diff", gold),
        ("agree", gold, other),
        ("build", "--check"),
        ("export", "--format", "conll", "--out", tmp_path / "conll"),
        ("export", "--format", "brat", "--out", tmp_path / "brat"),
    ]
    for fmt in ("table", "json", "markdown", "csv"):
        commands.append(("score", "--pred", gold, "--format", fmt))
        commands.append(("score", "--pred", gold, "--format", fmt, "--errors"))
    commands.append(("score", "--pred", gold, "--errors", "--out", tmp_path / "report.txt"))
    available = _subcommands()
    if "baseline" in available:
        commands.append(("baseline", "empty", "--out", tmp_path / "empty.jsonl"))
    if "leaderboard" in available:
        commands.append(("leaderboard",))
    if "render" in available:
        commands.append(("render", "--out", tmp_path / "gold.html"))
        commands.append(("render", "--pred", gold, "--out", tmp_path / "errors.html"))
    for argv in commands:
        code, _, err = run(*argv)
        assert code == 0, (argv, err)  # each command did its work...
        assert tree_digest(*protected) == before, argv  # ...and left the data alone


# ------------------------------------------------------------------------- unsafe code

# Modules that load arbitrary objects from bytes (code execution on a crafted file).
_UNSAFE_MODULES = {
    "pickle",
    "cPickle",
    "_pickle",
    "marshal",
    "shelve",
    "dill",
    "cloudpickle",
    "copyreg",
    "ForkingPickler",
}
# One reviewed exception: wiregold/parallel.py (`--jobs`) registers, on multiprocessing's
# own pickler, how a read-only mapping crosses between our own worker processes; nothing
# is ever read from a file or from input that way.
_ALLOWED = {("wiregold/parallel.py", "ForkingPickler")}


def _sources() -> Iterator[Path]:
    for package in ("wiregold", "scorers", "baselines"):
        yield from sorted((ROOT / package).rglob("*.py"))


def _code_tokens(path: Path) -> list[tokenize.TokenInfo]:
    """The tokens of a file without comments and strings (prose may name what code must not)."""
    skip = {tokenize.COMMENT, tokenize.STRING, tokenize.NL, tokenize.NEWLINE}
    skip |= {getattr(tokenize, name) for name in ("FSTRING_MIDDLE",) if hasattr(tokenize, name)}
    with path.open("rb") as handle:
        return [t for t in tokenize.tokenize(handle.readline) if t.type not in skip]


def unsafe_calls(path: Path, *, name: str) -> list[str]:
    """``name:line: what`` for every unsafe construct in a Python file."""
    tokens = _code_tokens(path)
    found = []
    for i, token in enumerate(tokens):
        before = tokens[i - 1].string if i else ""
        after = [t.string for t in tokens[i + 1 : i + 4]]
        dotted = f"{tokens[i - 2].string}.{token.string}" if before == "." and i >= 2 else ""
        what = None
        if token.type == tokenize.NAME and token.string in _UNSAFE_MODULES:
            what = dotted or token.string
        elif token.string in ("eval", "exec") and after[:1] == ["("]:
            what = f"{token.string}("
        elif dotted in ("yaml.load", "yaml.load_all", "yaml.unsafe_load", "yaml.full_load"):
            depth, args = 0, []
            for t in tokens[i + 1 :]:
                depth += (t.string == "(") - (t.string == ")")
                args.append(t.string)
                if depth == 0:
                    break
            if "SafeLoader" not in args and "CSafeLoader" not in args:
                what = f"{dotted}( without SafeLoader"
        elif token.string == "shell" and after[:2] == ["=", "True"]:
            what = "shell=True"
        elif dotted in ("os.system", "os.popen"):
            what = dotted
        if what is not None and (name, what) not in _ALLOWED:
            found.append(f"{name}:{token.start[0]}: {what}")
    return found


def test_the_source_has_no_unsafe_deserialisation_or_code_execution() -> None:
    sources = list(_sources())
    assert len(sources) > 20
    found = [
        line
        for path in sources
        for line in unsafe_calls(path, name=path.relative_to(ROOT).as_posix())
    ]
    assert found == []


def test_the_unsafe_code_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    code = (
        "import pickle, yaml, subprocess\n"
        "# pickle in a comment is fine\n"
        'text = "eval(x) in a string is fine"\n'
        "pickle.loads(b'')\n"
        "eval('1')\n"
        "yaml.load(text)\n"
        "yaml.load(text, Loader=yaml.SafeLoader)\n"
        "subprocess.run('ls', shell=True)\n"
    )
    sample.write_text(code, encoding="utf-8")
    name = "sample.py"
    assert unsafe_calls(sample, name=name) == [
        f"{name}:1: pickle",
        f"{name}:4: pickle",
        f"{name}:5: eval(",
        f"{name}:6: yaml.load( without SafeLoader",
        f"{name}:8: shell=True",
    ]


# ------------------------------------------------------------------------------ markup

PAYLOAD = "a|b`c <script>alert(1)</script> *x* [l](http://e.invalid) _y_ ~z~"


def _prediction(path: Path) -> Path:
    pred = {
        "doc_id": DOC_ID,
        "mentions": [
            {"text": PAYLOAD, "type": "GPE"},
            {"start": 0, "end": 8, "type": "<img src=x onerror=alert(2)>"},
        ],
        "events": [{"trigger": {"text": "<b>x</b>|`"}, "type": "<script>alert(3)</script>"}],
    }
    path.write_text(json.dumps(pred) + "\n", encoding="utf-8")
    return path


def _unescaped(line: str, char: str) -> int:
    return len(re.findall(r"(?<!\\)(?:\\\\)*" + re.escape(char), line))


def test_markdown_report_escapes_prediction_text(run: Run, tmp_path: Path) -> None:
    pred = _prediction(tmp_path / "pred.jsonl")
    code, out, _ = run("score", "--pred", pred, "--format", "markdown", "--errors")
    assert code == 0
    assert "<script" not in out and "<img" not in out and "<b>" not in out
    errors = out.split("| document | layer | category | gold | pred | detail |\n", 1)[1]
    rows = [line for line in errors.splitlines() if line.startswith("| ")]
    assert len(rows) > 3
    for row in rows:
        assert _unescaped(row, "|") == 7, row  # six cells, whatever the text holds
        assert _unescaped(row, "`") == 0 and _unescaped(row, "[") == 0, row
    payload = (
        "'a\\|b\\`c &lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\[l\\](http://e.invalid) "
        "\\_y\\_ \\~z\\~' (no offsets) GPE"
    )
    assert f"| {DOC_ID} | entities | spurious |  | {payload} | by text |" in rows


def test_html_view_escapes_prediction_text(run: Run, tmp_path: Path) -> None:
    if "render" not in _subcommands():
        pytest.skip("no `wiregold render` in this installation")
    pred = _prediction(tmp_path / "pred.jsonl")
    out = tmp_path / "errors.html"
    code, _, err = run("render", "--pred", pred, "--out", out)
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    for raw in ("<script>alert", "<img src=x", "<b>x</b>"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, as text


def test_a_scorer_refusing_checked_input_is_a_message_not_a_traceback(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The checks should leave scorers nothing to refuse (the fuzz tests look for this);
    # if one still does, the command line says so and exits 1.
    from wiregold.scorers import quotes

    def refuse(**_: object) -> None:
        raise ValueError("predicted quote #0 content: neither offsets nor a non-empty text")

    monkeypatch.setattr(quotes, "count", refuse)
    pred = _prediction(tmp_path / "pred.jsonl")
    assert run("score", "--pred", pred) == (
        1,
        "",
        f"{pred}: cannot score: predicted quote #0 content: neither offsets nor a non-empty "
        "text; nothing scored\n",
    )


def test_commands_asked_to_write_into_the_packaged_data_refuse(run: Run) -> None:
    """format --write rewrites documents, never the schema or the seeds; export and the
    --out commands refuse schema/ as they refuse corpus/ and seeds/."""
    root = paths.data_root()
    protected = (root / "corpus", root / "seeds", root / "schema")
    before = tree_digest(*protected)
    code, out, _ = run("format", "--write", root / "schema")
    assert code == 1 and out.endswith("3 files, 0 reformatted, 0 unreadable, 3 refused\n")
    assert f"{root / 'schema' / 'inventory.json'}: not rewritten: it is in the packaged " in out
    code, _, err = run("export", "--format", "conll", "--out", root / "schema" / "x")
    assert code == 2 and "refusing to write into" in err
    assert tree_digest(*protected) == before
