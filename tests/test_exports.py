"""``wiregold export``: CoNLL token files and brat standoff, checked against the gold."""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import tree_digest

import wiregold.corpus
from wiregold import paths
from wiregold.cli import main
from wiregold.corpus import CorpusError, load_corpus
from wiregold.export import ExportError
from wiregold.export_brat import ann_text, from_brat_type, role_from_brat, to_brat_type
from wiregold.model import Document, Mention
from wiregold.tokens import bio_spans
from wiregold.validate import load_inventory

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def invoke(*argv: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


@pytest.fixture(scope="module")
def doc() -> Document:
    [document] = load_corpus(split="test")
    return document


def outermost(mentions: tuple[Mention, ...]) -> list[Mention]:
    """Mentions inside no other one (of two equal spans, the smaller id stays)."""

    def key(m: Mention) -> tuple[int, int, str]:
        return (m.start, -m.end, m.id)

    return [
        m
        for m in mentions
        if not any(
            o is not m and o.start <= m.start and m.end <= o.end and key(o) < key(m)
            for o in mentions
        )
    ]


# -- CoNLL -----------------------------------------------------------------------------------


def read_conll(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (token, tag), checking the 4-column layout."""
    documents: list[list[list[tuple[str, str]]]] = []
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line == "-DOCSTART- -X- -X- O":
            documents.append([])
        elif not line:
            if sentence:
                documents[-1].append(sentence)
            sentence = []
        else:
            token, pos, chunk, tag = line.split(" ")
            assert (pos, chunk) == ("-X-", "-X-")
            sentence.append((token, tag))
    return documents


def test_conll_round_trip(run: Run, tmp_path: Path, doc: Document) -> None:
    code, out, err = run("export", "--format", "conll", "--out", tmp_path)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        str(tmp_path / "test.conll"),
        "105 mentions tagged; not expressible in IOB2: 15 nested, 0 crossing, "
        "0 off token boundaries",
        f"1 file written to {tmp_path}",
    ]
    [sentences] = read_conll(tmp_path / "test.conll")
    # Find each token in the text, left to right: offsets do not come from the exporter.
    recovered, position = set(), 0
    for sentence in sentences:
        starts, ends = [], []
        for token, _ in sentence:
            position = doc.text.index(token, position)
            starts.append(position)
            position += len(token)
            ends.append(position)
        for label, first, end in bio_spans(tags=[tag for _, tag in sentence]):
            recovered.add((label, starts[first], ends[end - 1]))
    expressible = outermost(doc.mentions)
    assert recovered == {(m.type, m.start, m.end) for m in expressible}
    assert len(doc.mentions) - len(expressible) == 15


# -- brat ------------------------------------------------------------------------------------


@dataclasses.dataclass
class Ann:
    spans: dict[str, tuple[str, list[tuple[int, int]], str]]  # T id -> type, fragments, text
    events: dict[str, tuple[str, list[tuple[str, str]]]]  # E id -> trigger T, [(role, T)]
    relations: list[tuple[str, str, str]]  # (type, Arg1, Arg2)
    attributes: dict[tuple[str, str], str]  # (name, target) -> value
    notes: dict[str, dict[str, str]]  # target -> key=value fields
    equivalences: list[tuple[str, list[str]]]


def parse_ann(text: str) -> Ann:
    ann = Ann({}, {}, [], {}, {}, [])
    for line in text.rstrip("\n").split("\n"):
        kind = line[0]
        if kind == "T":
            tid, middle, surface = line.split("\t")
            label, offsets = middle.split(" ", 1)
            fragments = [tuple(map(int, f.split(" "))) for f in offsets.split(";")]
            ann.spans[tid] = (label, fragments, surface)  # type: ignore[assignment]
        elif kind == "E":
            eid, body = line.split("\t")
            trigger, *args = body.split(" ")
            ann.events[eid] = (trigger, [tuple(a.split(":")) for a in args])  # type: ignore[misc]
        elif kind == "R":
            _, body = line.split("\t")
            name, arg1, arg2 = body.split(" ")
            ann.relations.append((name, arg1.removeprefix("Arg1:"), arg2.removeprefix("Arg2:")))
        elif kind == "A":
            _, body = line.split("\t")
            name, target, value = body.split(" ")
            ann.attributes[(name, target)] = value
        elif kind == "#":
            _, middle, note = line.split("\t")
            target = middle.split(" ")[1]
            fields = dict(f.split("=", 1) for f in note.split(" ") if "=" in f)
            if "name" in fields:  # the name runs to the end of the note
                fields["name"] = note.split(" name=", 1)[1]
            ann.notes[target] = fields
        elif kind == "*":
            _, body = line.split("\t")
            name, *members = body.split(" ")
            ann.equivalences.append((name, members))
        else:
            raise AssertionError(f"unexpected line {line!r}")
    return ann


@pytest.fixture(scope="module")
def brat(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("brat")
    assert main(["export", "--format", "brat", "--out", str(out)]) == 0
    return out


def test_brat_text_is_the_document_text(brat: Path, doc: Document) -> None:
    assert (brat / f"{doc.id}.txt").read_bytes() == doc.text.encode("utf-8")
    assert sorted(p.name for p in brat.iterdir()) == sorted(
        [f"{doc.id}.txt", f"{doc.id}.ann", "annotation.conf", "visual.conf"]
    )


def test_brat_annotations_match_the_gold(brat: Path, doc: Document) -> None:
    ann = parse_ann((brat / f"{doc.id}.ann").read_text(encoding="utf-8"))
    text = (brat / f"{doc.id}.txt").read_text(encoding="utf-8")
    for label, fragments, surface in ann.spans.values():
        assert surface == " ".join(text[s:e] for s, e in fragments), label
    by_gold_id = {fields["id"]: target for target, fields in ann.notes.items()}

    def span_of(tid: str) -> tuple[str, int, int]:
        label, [(start, end)], _ = ann.spans[tid]
        return label, start, end

    for mention in doc.mentions:
        tid = by_gold_id[mention.id]
        assert span_of(tid) == (mention.type, mention.start, mention.end)
        assert ann.attributes[("Kind", tid)] == mention.kind
        assert ann.attributes.get(("Subtype", tid)) == mention.subtype
        assert ann.attributes.get(("GpeRole", tid)) == mention.gpe_role
        assert ann.notes[tid]["entity"] == mention.entity
    for timex in doc.timexes:
        tid = by_gold_id[timex.id]
        assert span_of(tid) == ("Timex", timex.start, timex.end)
        assert ann.notes[tid]["value"] == timex.value
    for event in doc.events:
        eid = by_gold_id[event.id]
        label_trigger, arguments = ann.events[eid]
        label, trigger = label_trigger.split(":")
        assert from_brat_type(label) == event.type
        assert span_of(trigger) == (label, event.trigger.start, event.trigger.end)
        assert ann.attributes[("Realis", eid)] == event.realis
        assert ann.notes[eid]["hopper"] == event.hopper
        got = sorted((role_from_brat(role), span_of(t)[1:]) for role, t in arguments)
        filler = {**{m.id: m.span for m in doc.mentions}, **{t.id: t.span for t in doc.timexes}}
        want = sorted(
            (a.role, (filler[a.target].start, filler[a.target].end)) for a in event.arguments
        )
        assert got == want, event.id
    relations = set(ann.relations)
    for quote in doc.quotes:
        tid = by_gold_id[quote.id]
        assert span_of(tid) == ("Quote", quote.content.start, quote.content.end)
        assert ann.attributes[("QuoteKind", tid)] == quote.kind
        for speaker in quote.speakers:
            if speaker.mention is not None:
                assert ("Speaker", tid, by_gold_id[speaker.mention]) in relations
        assert ann.notes[tid]["speakers"] == ",".join(s.entity for s in quote.speakers)
        if quote.cue is not None:
            [cue] = [a2 for name, a1, a2 in relations if name == "QuoteCue" and a1 == tid]
            assert span_of(cue) == ("Cue", quote.cue.start, quote.cue.end)
    for casualty in doc.casualties:
        tid = by_gold_id[casualty.id]
        label, fragments, _ = ann.spans[tid]
        assert (label, sorted(fragments)) == (
            "Casualty",
            sorted((s.start, s.end) for s in casualty.evidence),
        )
    clusters = defaultdict(set)
    for mention in doc.mentions:
        clusters[mention.entity].add(by_gold_id[mention.id])
    expected = {frozenset(c) for c in clusters.values() if len(c) > 1}
    assert {frozenset(m) for name, m in ann.equivalences if name == "Coref"} == expected


def test_brat_configuration_declares_every_type(brat: Path, doc: Document) -> None:
    conf = (brat / "annotation.conf").read_text(encoding="utf-8")
    sections: dict[str, list[str]] = {}
    for line in conf.splitlines():
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), [])
        elif line:
            current.append(line.split("\t")[0])
    ann = parse_ann((brat / f"{doc.id}.ann").read_text(encoding="utf-8"))
    declared = set(sections["entities"]) | set(sections["events"])
    assert {label for label, _, _ in ann.spans.values()} <= declared
    assert {name for name, _, _ in ann.relations} <= set(sections["relations"])
    assert {name for name, _ in ann.attributes} <= set(sections["attributes"])
    for name in declared | set(sections["relations"]) | set(sections["attributes"]):
        assert name == "<OVERLAP>" or all(c.isalnum() or c in "_-" for c in name), name
    events = load_inventory()["event_types"]
    assert sorted(from_brat_type(e) for e in sections["events"]) == sorted(events)


def test_brat_type_mapping_is_reversible() -> None:
    for event_type, roles in load_inventory()["event_types"].items():
        assert from_brat_type(to_brat_type(event_type)) == event_type
        assert "." not in to_brat_type(event_type)
        for role in roles:
            assert role_from_brat(role + "2") == role
    with pytest.raises(ExportError, match="contains '_'"):
        to_brat_type("Conflict_Attack")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("\U0001f600", "U+1F600 is outside the Basic Multilingual Plane"),
        ("\r\n", "the text contains \\r, which brat reads as a line break"),
    ],
)
def test_brat_refuses_text_it_would_miscount(doc: Document, text: str, message: str) -> None:
    with pytest.raises(ExportError, match=re.escape(message)):
        ann_text(doc=dataclasses.replace(doc, text=doc.text + text))


def test_export_of_unexportable_text_exits_1(
    run: Run, tmp_path: Path, doc: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    wide = dataclasses.replace(doc, text=doc.text + "\U0001f600")
    monkeypatch.setattr(wiregold.corpus, "load_corpus", lambda *, split: (wide,))
    code, out, err = run("export", "--format", "brat", "--out", tmp_path / "out")
    assert (code, out) == (1, "")
    assert err.startswith(f"wiregold export: error: {doc.id}: U+1F600 is outside the Basic")
    assert list((tmp_path / "out").iterdir()) == []


# -- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["conll", "brat"])
def test_exports_refuse_the_corpus_and_seeds(run: Run, fmt: str) -> None:
    corpus, seeds = paths.corpus_root(), paths.data_root() / "seeds"
    before = tree_digest(corpus, seeds)
    for out in (corpus, corpus / "test" / "exported", seeds):
        code, stdout, err = run("export", "--format", fmt, "--out", out)
        assert (code, stdout) == (2, "")
        assert err.startswith(f"wiregold export: error: refusing to write into {out}: it is ")
        assert "choose another --out" in err
    assert tree_digest(corpus, seeds) == before


def test_exports_leave_the_corpus_alone(run: Run, tmp_path: Path) -> None:
    corpus, seeds = paths.corpus_root(), paths.data_root() / "seeds"
    before = tree_digest(corpus, seeds)
    for fmt in ("conll", "brat"):
        assert run("export", "--format", fmt, "--out", tmp_path / fmt)[0] == 0
    assert tree_digest(corpus, seeds) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "conll", "--out", "{tmp}/file.txt"], "{tmp}/file.txt exists and is not a"),
        (["--format", "conll", "--out", "{tmp}/file.txt/sub"], "cannot write to {tmp}/file.txt/"),
        (["--format", "brat", "--out", "{tmp}/x", "--split", "annotator1"], "unknown split"),
        (["--format", "xml", "--out", "{tmp}/x"], "invalid choice: 'xml'"),
        (["--format", "conll"], "the following arguments are required: --out"),
    ],
)
def test_export_usage_errors(run: Run, tmp_path: Path, argv: list[str], message: str) -> None:
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    code, out, err = run("export", *[a.format(tmp=tmp_path) for a in argv])
    assert (code, out) == (2, "")
    assert message.format(tmp=tmp_path) in err
    assert not (tmp_path / "x").exists()


def test_export_reports_invalid_gold(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*, split: str) -> Any:
        raise CorpusError(f"corpus/{split}/x.json is not valid (1 problem):\nx")

    monkeypatch.setattr(wiregold.corpus, "load_corpus", broken)
    code, out, err = run("export", "--format", "conll", "--out", tmp_path)
    assert (code, out) == (1, "")
    assert err == "wiregold export: error: corpus/test/x.json is not valid (1 problem):\nx\n"


def test_brat_refuses_what_it_cannot_write(doc: Document) -> None:
    event = doc.events[0]
    numbered = dataclasses.replace(
        event, arguments=(dataclasses.replace(event.arguments[0], role="Arg1"),)
    )
    with pytest.raises(ExportError, match="role 'Arg1' ends with a digit"):
        ann_text(doc=dataclasses.replace(doc, events=(numbered,)))
    newline = doc.text.index("\n")
    m1 = doc.mentions[0]
    across = dataclasses.replace(
        m1, start=newline - 2, end=newline + 2, text=doc.text[newline - 2 : newline + 2]
    )
    with pytest.raises(ExportError, match=r"span \[71, 75\) crosses a line break"):
        ann_text(doc=dataclasses.replace(doc, mentions=(across,)))


def test_writes_never_replace_a_device_or_pipe(tmp_path: Path) -> None:
    """Files are written beside their target and renamed over it: a pipe or a device in
    the way is refused, never replaced by a regular file."""
    import os
    import stat

    from wiregold.atomic import write_atomically

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OSError, match="not a regular file"):
        write_atomically(path=fifo, data=b"x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]  # no temporary file left
