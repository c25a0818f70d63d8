"""The command line: exit codes, messages, and that only `format --write` writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import tree_digest

from wiregold import paths
from wiregold.cli import main

Doc = dict[str, Any]
Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""

    def invoke(*argv: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture
def stub_agreement(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Doc, Doc]]:
    """Replace wiregold.agreement with a recorder (the CLI's plumbing is tested, not the math)."""
    calls: list[tuple[Doc, Doc]] = []

    class Result:
        def to_markdown(self) -> str:
            return "| layer | F1 |\n|---|---|\n| mentions | 1.0 |"

        def to_dict(self) -> dict[str, Any]:
            return {"mentions": {"f1": 1.0}}

    def compare(*, reference: Doc, other: Doc) -> Result:
        calls.append((reference, other))
        return Result()

    module = types.ModuleType("wiregold.agreement")
    module.compare = compare  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "wiregold.agreement", module)
    return calls


def test_validate_valid_file_and_directory(
    run: Run, doc: Doc, write_doc: Callable[..., Path]
) -> None:
    path = write_doc(doc)
    assert run("validate", path) == (0, "1 file, 0 problems\n", "")
    assert run("validate", path.parent) == (0, "1 file, 0 problems\n", "")


def test_validate_invalid_file(run: Run, doc: Doc, write_doc: Callable[..., Path]) -> None:
    doc["events"][0]["arguments"][0]["role"] = "Victim"
    path = write_doc(doc)
    code, out, err = run("validate", path)
    line = path.read_text(encoding="utf-8").split("\n").index('  "events": [') + 2
    assert (code, err) == (1, "")
    assert out == (
        f"{path}:{line}: /events/0/arguments/0/role: role 'Victim' is not allowed for "
        "Conflict.Attack (expected: one of Attacker, Target, Instrument, Place, Time)\n"
        "1 file, 1 problem\n"
    )


def test_validate_directory_recurses(
    run: Run, doc: Doc, write_doc: Callable[..., Path], tmp_path: Path
) -> None:
    write_doc(doc, directory=tmp_path / "corpus" / "test")
    (tmp_path / "corpus" / "other").mkdir()
    (tmp_path / "corpus" / "other" / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "corpus" / "notes.txt").write_text("ignored", encoding="utf-8")
    code, out, _ = run("validate", tmp_path / "corpus")
    assert code == 1
    assert out.splitlines()[-1] == "2 files, 1 problem"
    assert (
        "broken.json:1: /: invalid JSON at column 2: missing property name; found end of file "
        "(expected: a property name in double quotes)" in out
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"hello",
            "1: /: invalid JSON at column 1: missing value; found 'hello' (expected: a JSON value)",
        ),
        (
            b'{"id": "a",\n "id": "b"}',
            "2: /id: invalid JSON at column 2: duplicate key; found 'id' "
            "(expected: each key once per object)",
        ),
        (
            b'{"count": NaN}',
            "1: /count: invalid JSON at column 11: NaN is not JSON; found 'NaN' "
            "(expected: a number or null)",
        ),
        (
            b'\xef\xbb\xbf{"id": "x"}',
            "1: /: byte order mark (BOM) at the start of the file; found bytes EF BB BF "
            "(expected: UTF-8 without a BOM; remove the first three bytes)",
        ),
        (
            b'{"id": "\xe9"}',
            "1: /: not UTF-8 at column 9; found byte 0xe9 "
            "(expected: UTF-8 text; re-save the file as UTF-8)",
        ),
    ],
    ids=["not-json", "duplicate-keys", "nan", "bom", "latin1"],
)
def test_validate_bad_json(run: Run, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    assert run("validate", path) == (1, f"{path}:{message}\n1 file, 1 problem\n", "")


def test_validate_missing_path_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    assert run("validate", missing) == (
        2,
        "",
        f"wiregold validate: error: no such file or directory: {missing}\n",
    )


def test_validate_empty_directory_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    assert run("validate", tmp_path) == (
        2,
        "",
        f"wiregold validate: error: no *.json files in {tmp_path}\n",
    )


def test_validate_unreadable_file(run: Run, tmp_path: Path) -> None:
    (tmp_path / "dangling.json").symlink_to(tmp_path / "gone")  # unreadable even for root
    code, out, _ = run("validate", tmp_path)
    assert code == 1
    problem = (
        f"{tmp_path / 'dangling.json'}:1: /: cannot read file: No such file or directory "
        "(expected: a readable file)"
    )
    assert out == f"{problem}\n1 file, 1 problem\n"


def test_default_validate_covers_the_packaged_corpus(run: Run) -> None:
    code, out, err = run("validate")
    if not paths.all_corpus_files():
        assert code == 2 and "no corpus documents found" in err
    else:
        assert out.splitlines()[-1].startswith(f"{len(paths.all_corpus_files())} files, ")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["validate", "--bogus"],
        ["frobnicate"],
        ["agree", "one.json"],
        ["stats", "--format", "xml"],
    ],
)
def test_usage_errors_exit_2(run: Run, argv: list[str]) -> None:
    code, out, err = run(*argv)
    assert code == 2 and out == "" and "usage: wiregold" in err


def test_help_and_version(run: Run) -> None:
    code, out, _ = run("--help")
    assert code == 0 and "validate" in out and "agree" in out
    assert run("--version") == (0, "wiregold 0.1.0\n", "")


def test_help_does_not_import_heavy_modules() -> None:
    script = (
        "import sys\nfrom wiregold.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('jsonschema', 'datasets', 'pandas') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "[]"


def test_format_checks_without_writing(run: Run, doc: Doc, write_doc: Callable[..., Path]) -> None:
    path = write_doc(doc)
    messy = json.dumps(doc, ensure_ascii=False).encode()
    path.write_bytes(messy)
    code, out, _ = run("format", path)
    assert code == 1
    assert out == (
        f"{path}:1: not in canonical format (first difference at line 1)\n"
        "1 file, 1 not canonical, 0 unreadable\n"
    )
    assert path.read_bytes() == messy
    code, out, _ = run("format", "--diff", path)
    assert code == 1 and f"--- {path}\n" in out and path.read_bytes() == messy


def test_format_write_rewrites_and_is_then_clean(
    run: Run, doc: Doc, write_doc: Callable[..., Path]
) -> None:
    path = write_doc(doc)
    canonical = path.read_bytes()
    path.write_bytes(json.dumps(doc, indent=4).encode())
    assert run("format", "--write", path) == (
        0,
        f"{path}: reformatted\n1 file, 1 reformatted, 0 unreadable\n",
        "",
    )
    assert path.read_bytes() == canonical
    assert run("format", path) == (0, "1 file, 0 not canonical, 0 unreadable\n", "")


def test_format_reports_unreadable_json(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text("[1,]", encoding="utf-8")
    (tmp_path / "b.json").write_text("[1]", encoding="utf-8")
    code, out, _ = run("format", "--write", tmp_path)
    assert code == 1
    assert out == (
        f"{tmp_path / 'a.json'}:1: /: invalid JSON at column 4: trailing comma before ']'; "
        "found ']' (expected: an item after ',', or no ',')\n"
        f"{tmp_path / 'b.json'}:1: cannot format: a document is a JSON object, not list\n"
        "2 files, 0 reformatted, 2 unreadable\n"
    )
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == "[1,]"


def test_stats_table_and_json(
    run: Run, doc: Doc, write_doc: Callable[..., Path], tmp_path: Path
) -> None:
    write_doc(doc, directory=tmp_path / "test")
    code, out, _ = run("stats", tmp_path / "test")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["test", "total"]
    assert lines[1].split() == ["documents", "1", "1"]
    assert "  GPE/NAM" in out and "  Conflict.Attack/ACTUAL" in out
    code, out, _ = run("stats", "--format", "json", tmp_path / "test")
    stats = json.loads(out)
    assert code == 0 and stats["total"] == stats["splits"]["test"]
    assert stats["total"]["mentions"] == {
        "total": 4,
        "by_type_kind": {"GPE": {"NAM": 3}, "PER": {"NAM": 1}},
    }
    assert stats["total"]["events"]["by_type_realis"] == {"Conflict.Attack": {"ACTUAL": 1}}
    assert stats["total"]["hoppers"] == {"total": 1}
    assert stats["total"]["zones"]["by_type"]["boilerplate"] == 2


def test_stats_refuses_invalid_documents(
    run: Run, doc: Doc, write_doc: Callable[..., Path]
) -> None:
    doc["mentions"][0]["kind"] = "XYZ"
    code, out, _ = run("stats", write_doc(doc))
    assert code == 1 and out.endswith("1 file, 1 problem\n")


def test_agree_calls_compare(
    run: Run, doc: Doc, write_doc: Callable[..., Path], tmp_path: Path, stub_agreement: list
) -> None:
    a = write_doc(doc, directory=tmp_path / "a")
    doc["mentions"].pop()  # b lacks the minister (m4, e3) and so the quote's speaker
    doc["entities"].pop()
    doc["quotes"][0]["speakers"] = []
    b = write_doc(doc, directory=tmp_path / "b")
    code, out, _ = run("agree", a, b)
    assert code == 0 and out.startswith("| layer | F1 |")
    [(reference, other)] = stub_agreement
    assert len(reference["mentions"]) == 4 and len(other["mentions"]) == 3
    code, out, err = run("agree", a, b, "--format", "json")
    assert (code, err) == (0, "")
    # The files first: two annotations of one document share its id.
    assert json.loads(out) == {
        "reference_file": str(a),
        "other_file": str(b),
        "mentions": {"f1": 1.0},
    }


def test_agree_refuses_invalid_input(
    run: Run, doc: Doc, write_doc: Callable[..., Path], tmp_path: Path, stub_agreement: list
) -> None:
    a = write_doc(doc, directory=tmp_path / "a")
    doc["timexes"][0]["function"] = "NONE"
    b = write_doc(doc, directory=tmp_path / "b")
    code, out, _ = run("agree", a, b)
    assert code == 1 and "no timex has function CREATION_TIME" in out and stub_agreement == []
    assert run("agree", a, tmp_path / "missing.json")[0] == 2


def test_commands_never_change_the_corpus_or_seeds(run: Run, tmp_path: Path) -> None:
    root = paths.data_root()
    before = tree_digest(root / "corpus", root / "seeds", root / "schema")
    run("validate")
    run("stats")
    run("stats", "--format", "json")
    run("format")
    run("format", "--diff")
    gold = {f.name: f for f in paths.split_files()}
    for other in paths.annotator_files():  # each annotation against the adjudicated gold
        if other.name in gold:
            run("agree", gold[other.name], other)
            run("agree", gold[other.name], other, "--format", "json")
    assert tree_digest(root / "corpus", root / "seeds", root / "schema") == before


# -- what the system refuses: full disks, long names, link loops, pipes ------------------------

LONG_NAME = "a" * 300  # longer than any file name a Linux file system takes (255 bytes)


@pytest.mark.parametrize(
    "argv",
    [
        ("score", "--pred", LONG_NAME),
        ("score", "--pred", "{pred}", "--out", LONG_NAME),
        ("score", "--pred", "{pred}", "--gold", LONG_NAME),
        ("validate", LONG_NAME),
        ("stats", LONG_NAME),
        ("format", LONG_NAME),
        ("agree", LONG_NAME, LONG_NAME),
        ("baseline", "empty", "--out", LONG_NAME),
        ("render", "--out", LONG_NAME),
    ],
)
def test_a_file_name_too_long_is_a_message(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("baseline", "empty", "--out", "pred.jsonl")[0] == 0
    code, _, err = run(*(a.format(pred="pred.jsonl") for a in argv))
    assert code == 2
    assert err == f"wiregold {argv[0]}: error: {LONG_NAME}{err.split(LONG_NAME, 1)[1]}"
    assert "File name too long" in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "shown"),
    [
        (("score", "--pred", "pred.jsonl", "--out", "loop"), "--out loop"),
        (("baseline", "empty", "--out", "loop"), "--out loop"),
        (("render", "--gold", "loop", "--out", "page.html"), "loop"),
        (("export", "--format", "conll", "--out", "loop"), "loop"),
    ],
)
def test_a_link_loop_is_a_message(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: tuple[str, ...], shown: str
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("baseline", "empty", "--out", "pred.jsonl")[0] == 0
    (tmp_path / "loop").symlink_to("loop")
    code, _, err = run(*argv)
    assert code == 2
    assert err.startswith(f"wiregold {argv[0]}: error: {shown}: cannot resolve the path (")


@pytest.mark.parametrize("argv", [("stats",), ("validate",), ("score", "--pred", "{pred}")])
def test_a_full_disk_behind_stdout_is_a_message(tmp_path: Path, argv: tuple[str, ...]) -> None:
    pred = tmp_path / "pred.jsonl"
    assert main(["baseline", "empty", "--out", str(pred)]) == 0
    command = [sys.executable, "-m", "wiregold.cli", *(a.format(pred=pred) for a in argv)]
    with open("/dev/full", "w") as full:
        done = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 2
    message = f"wiregold {argv[0]}: error: cannot write the output: No space left on device\n"
    assert done.stderr == message


def test_baseline_refuses_to_write_inside_the_gold_directory(
    run: Run, tmp_path: Path, doc: Doc, write_doc: Callable[..., Path]
) -> None:
    gold = write_doc(doc).parent
    code, _, err = run("baseline", "empty", "--gold", gold, "--out", gold / "pred.json")
    assert (code, err) == (
        2,
        f"wiregold baseline: error: --out {gold / 'pred.json'} is inside "
        f"the gold directory {gold}\n",
    )
    assert not (gold / "pred.json").exists()


def test_pred_from_a_pipe_says_it_must_be_a_file(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, _, err = run("score", "--pred", fifo)
    assert code == 2
    assert err == (
        f"wiregold score: error: --pred {fifo}: not a regular file (a pipe or a device); "
        "save the predictions to a file (expected a prediction file)\n"
    )


def test_a_missing_data_root_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    code, _, err = run("validate", "--data-root", tmp_path / "nowhere")
    assert code == 2
    assert err.endswith(
        f"error: argument --data-root: {tmp_path / 'nowhere'}: no such directory "
        "(expected the directory of seeds/)\n"
    )


def test_out_under_a_file_says_the_file_is_not_a_directory(run: Run, tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    assert run("baseline", "empty", "--out", pred)[0] == 0
    code, _, err = run("score", "--pred", pred, "--out", pred / "x.txt")
    assert (code, err) == (
        2,
        f"wiregold score: error: --out {pred / 'x.txt'}: {pred} is not a directory\n",
    )


# -- a corpus built on this schema, outside the package ------------------------------------


@pytest.fixture(scope="module")
def own_corpus(tmp_path_factory: pytest.TempPathFactory) -> Any:
    from benchmarks.synth import write_corpus

    return write_corpus(tmp_path_factory.mktemp("own"), documents=3, seed=0)


@pytest.mark.parametrize(
    "argv",
    [
        ("validate", "{gold}"),
        ("stats", "{gold}"),
        ("agree", "{first}", "{first}"),
        ("render", "--gold", "{gold}", "--out", "{out}"),
        ("render", "--gold", "{gold}", "--pred", "{pred}", "--out", "{out}"),
        ("score", "--gold", "{gold}", "--pred", "{pred}"),
        ("leaderboard", "--gold", "{gold}"),
    ],
)
def test_every_command_that_checks_gold_takes_data_root(
    run: Run, own_corpus: Any, tmp_path: Path, argv: tuple[str, ...]
) -> None:
    first = sorted(own_corpus.gold.glob("*.json"))[0]
    values = {
        "gold": own_corpus.gold,
        "first": first,
        "pred": own_corpus.pred,
        "out": tmp_path / "page.html",
    }
    given = [a.format(**values) for a in argv]
    code, out, err = run(*given)
    assert code == 1  # its seeds are not the package's
    message = f"cannot read seed file 'seeds/{first.stem}.txt': No such file or directory"
    assert f"{message} (looked in {paths.data_root()})" in out + err
    assert "--data-root DIR (the directory that holds its seeds/)" in out + err
    code, out, err = run(*given, "--data-root", own_corpus.root)
    assert (code, err.count("problem")) == (0, 0), err


def test_the_api_takes_data_root(own_corpus: Any) -> None:
    import wiregold
    from wiregold.jsonio import read_json
    from wiregold.scoring import InvalidInputError

    with pytest.raises(InvalidInputError):
        wiregold.score(gold=own_corpus.gold, pred=own_corpus.pred)
    found = wiregold.score(gold=own_corpus.gold, pred=own_corpus.pred, data_root=own_corpus.root)
    docs = [read_json(path=p).value for p in sorted(own_corpus.gold.glob("*.json"))]
    in_memory = wiregold.score(gold=docs, pred=own_corpus.pred, data_root=own_corpus.root)
    assert in_memory.to_dict() == found.to_dict() and found.doc_ids
    with pytest.raises(FileNotFoundError, match=r"data_root .*: no such directory"):
        wiregold.score(gold=docs, pred=own_corpus.pred, data_root=own_corpus.root / "nowhere")


def test_a_data_root_name_too_long_is_a_usage_error(run: Run) -> None:
    code, _, err = run("stats", "--data-root", LONG_NAME)
    assert code == 2 and "Traceback" not in err
    assert err.endswith(
        f"error: argument --data-root: {LONG_NAME}: File name too long "
        "(expected the directory of seeds/)\n"
    )


def test_agree_on_files_it_cannot_compare_is_a_message(
    run: Run, doc: Doc, write_doc: Callable[..., Path], tmp_path: Path
) -> None:
    """Two mentions of one span in two entities: coreference could not pair them, and
    validation refuses them first (agree compares valid annotations only)."""
    other = json.loads(json.dumps(doc))
    first = other["mentions"][0]
    same_type = next(
        e["id"]
        for e in other["entities"]
        if (e["type"], e["subtype"]) == (first["type"], first["subtype"])
        and e["id"] != first["entity"]
    )
    twin = {**first, "id": "m999", "entity": same_type}
    other["mentions"].append(twin)
    a = write_doc(doc)
    b = write_doc(other, directory=tmp_path / "b")
    code, out, err = run("agree", a, b)
    assert code == 1 and "Traceback" not in err + out
    assert "/mentions/1: duplicate mention: same span as /mentions/0" in out


def test_format_diff_marks_a_missing_final_newline_as_patch_expects(
    run: Run, doc: Doc, write_doc: Callable[..., Path]
) -> None:
    path = write_doc(doc)
    canonical = path.read_bytes()
    path.write_bytes(canonical[:-1])  # the last line without its newline
    lines = canonical.count(b"\n")
    code, out, _ = run("format", path)
    assert code == 1 and f"(first difference at line {lines})" in out
    code, out, _ = run("format", "--diff", path)
    assert code == 1
    hunk = out.split("@@\n", 1)[1].split("1 file,")[0]
    assert hunk == "-}\n\\ No newline at end of file\n+}\n"


def test_format_write_through_a_link_keeps_the_link(
    run: Run, doc: Doc, write_doc: Callable[..., Path], tmp_path: Path
) -> None:
    target = write_doc(doc)
    canonical = target.read_bytes()
    target.write_bytes(json.dumps(doc).encode())
    link = tmp_path / "link" / target.name
    link.parent.mkdir()
    link.symlink_to(target)
    assert run("format", "--write", link)[0] == 0
    assert link.is_symlink() and target.read_bytes() == canonical


def test_stats_refuses_one_document_twice_in_a_split(
    run: Run, doc: Doc, write_doc: Callable[..., Path], tmp_path: Path
) -> None:
    a = write_doc(doc, directory=tmp_path / "a" / "test")
    b = write_doc(doc, directory=tmp_path / "b" / "test")
    code, out, _ = run("stats", a.parent, b.parent)
    assert code == 1
    assert out == (
        f"{b}:1: /id: gold document {doc['id']!r} is also in {a} "
        "(expected: each gold document in one file)\n2 files, 1 problem\n"
    )
    other = write_doc(doc, directory=tmp_path / "c" / "annotator1")  # another split: counted
    assert run("stats", a.parent, other.parent)[0] == 0


def test_format_diff_splits_lines_at_lf_only(
    run: Run, doc: Doc, write_doc: Callable[..., Path]
) -> None:
    """A JSON string may hold U+2028 or a CR: neither ends a line of the diff."""
    doc = json.loads(json.dumps(doc))
    doc["metadata"]["text_rights"] = "a\u2028b\rc"
    path = write_doc(doc)
    canonical = path.read_bytes()
    path.write_bytes(canonical.replace(b"\n", b"\n\n", 1))  # one blank line after the first
    code, out, _ = run("format", "--diff", path)
    assert code == 1 and "No newline at end of file" not in out
    assert out.split("@@\n", 1)[1].startswith("-\n")  # the removed blank line, whole


def test_stats_counts_one_file_named_two_ways_once(
    run: Run, doc: Doc, write_doc: Callable[..., Path]
) -> None:
    path = write_doc(doc)
    code, out, _ = run("stats", path.parent, path.resolve(), "--format", "json")
    assert code == 0 and json.loads(out)["splits"][path.parent.name]["documents"] == 1


def test_writing_through_a_dangling_link_names_the_missing_directory(
    run: Run, tmp_path: Path
) -> None:
    link = tmp_path / "dangling"
    link.symlink_to(tmp_path / "nodir" / "x.jsonl")
    code, _, err = run("baseline", "empty", "--out", link)
    assert (code, err) == (
        2,
        f"wiregold baseline: error: {tmp_path / 'nodir'}: No such file or directory\n",
    )


def test_an_unknown_option_is_told_by_its_command(run: Run) -> None:
    """The command's own name and usage, not wiregold's ('format --check' is not an option
    of format, whose default is to check)."""
    code, out, err = run("format", "--check")
    assert (code, out) == (2, "")
    assert err.startswith("usage: wiregold format ")
    assert err.endswith("wiregold format: error: unrecognized arguments: --check\n")
    code, _, err = run("--bogus")
    assert code == 2 and err.endswith("wiregold: error: unrecognized arguments: --bogus\n")


def test_a_link_loop_or_a_dangling_link_says_so(run: Run, tmp_path: Path) -> None:
    loop, other, dangling = tmp_path / "l1", tmp_path / "l2", tmp_path / "dangling"
    loop.symlink_to(other)
    other.symlink_to(loop)
    dangling.symlink_to(tmp_path / "nowhere")
    assert run("validate", loop) == (
        2,
        "",
        f"wiregold validate: error: a symbolic-link loop: {loop}\n",
    )
    assert run("score", "--pred", dangling) == (
        2,
        "",
        f"wiregold score: error: --pred {dangling}: a symbolic link to {tmp_path / 'nowhere'}, "
        "which does not exist (expected a prediction file)\n",
    )
