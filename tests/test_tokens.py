"""Tokens, sentences and IOB2 tags: deterministic, gold-independent, nothing silently lost."""

from __future__ import annotations

import pytest

from wiregold.corpus import load_corpus
from wiregold.model import Document
from wiregold.tokens import (
    DroppedMention,
    bio_spans,
    drop_counts,
    ner_labels,
    outermost,
    split_sentences,
    tag_document,
    tokenize,
)


@pytest.fixture(scope="module")
def doc() -> Document:
    [document] = load_corpus(split="test")
    return document


def texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text=text)]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Israel-Hamas war", ["Israel", "-", "Hamas", "war"]),
        ("Iran\u2019s envoy", ["Iran", "\u2019s", "envoy"]),
        ("we didn\u2019t know", ["we", "did", "n\u2019t", "know"]),
        ("they're here", ["they", "'re", "here"]),
        (
            "1,000 people, 3.5 km at 10:30.",
            ["1,000", "people", ",", "3.5", "km", "at", "10:30", "."],
        ),
        ("\u201cterrorist\u201d targets", ["\u201c", "terrorist", "\u201d", "targets"]),
        ("55-year-old", ["55", "-", "year", "-", "old"]),
        ("Bu site kişiselleştirmek", ["Bu", "site", "kişiselleştirmek"]),
    ],
)
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert texts(text) == tokens


def test_token_offsets_are_code_points() -> None:
    text = "“A” — B\u2019s \U0001f600 x"  # an astral character counts as one
    tokens = tokenize(text=text)
    for token in tokens:
        assert text[token.start : token.end] == token.text
    assert tokens[-1].start == len(text) - 1


def test_sentences() -> None:
    text = "He left. “Why?” she asked. Mr. Smith came at 5 p.m. to U.S. talks. Done"
    sentences = [" ".join(t.text for t in s) for s in split_sentences(tokens=tokenize(text=text))]
    assert sentences == [
        "He left .",
        "“ Why ? ” she asked .",  # a lower-case word after the quote goes on
        "Mr . Smith came at 5 p . m . to U . S . talks .",
        "Done",
    ]


def test_only_annotated_zones_are_tokenised(doc: Document) -> None:
    tagged = tag_document(doc=doc)
    zones = {s.zone.id for s in tagged.sentences}
    assert zones == {z.id for z in doc.zones if z.annotated}
    boilerplate = [z for z in doc.zones if z.type == "boilerplate"]
    for sentence in tagged.sentences:
        for token in sentence.tokens:
            assert doc.text[token.start : token.end] == token.text
            assert not any(z.start <= token.start < z.end for z in boilerplate)
        assert sentence.zone.start <= sentence.start and sentence.end <= sentence.zone.end


def test_tags_hold_exactly_the_outermost_mentions(doc: Document) -> None:
    tagged = tag_document(doc=doc)
    recovered = set()
    for sentence in tagged.sentences:
        for label, first, end in bio_spans(tags=sentence.tags):
            start, stop = sentence.tokens[first].start, sentence.tokens[end - 1].end
            recovered.add((label, start, stop))
    kept, nested = outermost(mentions=doc.mentions)
    assert recovered == {(m.type, m.start, m.end) for m in kept}
    assert set(tagged.tagged) == {m.id for m in kept}
    assert tagged.dropped == tuple(nested)
    assert len(tagged.tagged) + len(tagged.dropped) == len(doc.mentions)


def test_dropped_mentions_are_counted(doc: Document) -> None:
    tagged = tag_document(doc=doc)
    counts = drop_counts(documents=[tagged])
    assert counts == {"nested": 15, "crossing": 0, "unaligned": 0}
    his = next(d for d in tagged.dropped if d.mention == "m43")  # "his" in "his ... counterpart"
    assert his == DroppedMention("m43", "nested", "m42")


def test_outermost_is_order_independent(doc: Document) -> None:
    forward = outermost(mentions=doc.mentions)
    backward = outermost(mentions=reversed(doc.mentions))
    assert forward == backward


def test_crossing_and_unaligned_mentions_are_reported(doc: Document) -> None:
    import dataclasses

    m1 = doc.mentions[0]  # "Pakistan" [0, 8)
    crossing = dataclasses.replace(m1, id="m900", start=2, end=14, text=doc.text[2:14])
    inside_word = dataclasses.replace(m1, id="m901", start=0, end=4, text=doc.text[0:4])
    changed = dataclasses.replace(doc, mentions=(*doc.mentions, crossing, inside_word))
    dropped = {d.mention: d.reason for d in tag_document(doc=changed).dropped}
    assert dropped["m900"] == "unaligned"  # "kistan, Iran" starts inside a token
    assert dropped["m901"] == "unaligned"
    kept, overlapping = outermost(
        mentions=[m1, dataclasses.replace(m1, id="m902", start=4, end=14, text=doc.text[4:14])]
    )
    assert [m.id for m in kept] == ["m1"]
    assert overlapping == [DroppedMention("m902", "crossing", "m1")]


def test_seqeval_reads_the_tags(doc: Document) -> None:
    seqeval = pytest.importorskip("seqeval.metrics.sequence_labeling")
    for sentence in tag_document(doc=doc).sentences:
        ours = [(label, first, end - 1) for label, first, end in bio_spans(tags=sentence.tags)]
        assert seqeval.get_entities(list(sentence.tags)) == ours


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        (["I-PER"], "does not continue a chunk"),
        (["B-PER", "I-ORG"], "does not continue"),
        (["X-PER"], "is not IOB2"),
        (["B-"], "is not IOB2"),
    ],
)
def test_bio_spans_rejects_broken_tags(tags: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        bio_spans(tags=tags)


def test_labels() -> None:
    labels = ner_labels()
    assert labels[0] == "O"
    assert labels[1:3] == ("B-PER", "I-PER")
    assert len(labels) == 15
