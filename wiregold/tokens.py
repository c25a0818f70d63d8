"""Tokens, sentences and IOB2 entity tags for taggers (the ``ner_tokens`` config, CoNLL export).

Tokenisation is a small regular expression, deterministic and offline, independent of
the gold (token boundaries must not leak entity boundaries):

- a run of letters/digits is a token; hyphens, quotes, dashes and every other
  punctuation mark are tokens of their own (as in OntoNotes 5), so ``Israel-Hamas`` is
  ``Israel`` ``-`` ``Hamas``, and a curly quote (U+2018, U+2019) is a token;
- numbers keep their inner separators (``1,000``, ``3.5``, ``10:30``);
- English clitics are split as in the Penn Treebank, with a straight or a curly
  (U+2019) apostrophe: ``Iran's`` -> ``Iran`` ``'s``, ``didn't`` -> ``did`` ``n't``.

Only annotated zones (guidelines §1) are tokenised; boilerplate and separators produce
no tokens at all. Sentences never cross a zone; inside a zone a sentence ends at
``.``/``?``/``!`` (plus closing quotes) followed by a capital, a digit, an opening quote
or the end of the zone, unless the period follows a one-letter initial or a title such
as ``Mr``.

IOB2 cannot express nested or crossing mentions: only the outermost mentions are
tagged (``B-TYPE``/``I-TYPE``, the ACE types), and every other mention is reported as
dropped with its reason, never silently lost.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from wiregold import paths
from wiregold.model import Document, Mention, Zone

_TOKEN = re.compile(
    r"\d+(?:[.,:]\d+)*"  # numbers with inner separators
    r"|\w+?(?=n['\u2019]t\b)"  # "did" of "didn't"
    r"|n['\u2019]t\b"  # "n't"
    r"|['\u2019](?:s|re|ve|ll|d|m)\b"  # "'s", "'re", ...
    r"|\w+"
    r"|[^\w\s]"
)
_SENTENCE_END = frozenset(".?!")
_CLOSING = frozenset("\u201d\u2019\"')]")
_OPENING = frozenset("\u201c\u2018\"'([")
# A period after these is an abbreviation, not the end of a sentence.
_ABBREVIATIONS = frozenset(
    {"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Sgt", "Capt", "Gov", "Sen", "Rep"}
    | {"Prof", "Jr", "Sr", "No", "vs", "etc"}
)

#: Why a mention has no tags: inside (or equal to) a tagged mention, partly overlapping
#: one, or with a boundary that is not a token boundary of one sentence.
DROP_REASONS = ("nested", "crossing", "unaligned")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """The tokens of one sentence of an annotated zone, with one IOB2 tag per token."""

    id: str
    zone: Zone
    tokens: tuple[Token, ...]
    tags: tuple[str, ...]

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


@dataclass(frozen=True, slots=True)
class DroppedMention:
    mention: str
    reason: str  # one of DROP_REASONS
    kept: str | None  # the tagged mention it is nested in or crosses


@dataclass(frozen=True, slots=True)
class TaggedDocument:
    doc_id: str
    sentences: tuple[Sentence, ...]
    tagged: tuple[str, ...]  # ids of the mentions expressed by the tags
    dropped: tuple[DroppedMention, ...]


@cache
def entity_types() -> tuple[str, ...]:
    """The ACE entity types, in inventory order."""
    inventory = json.loads(paths.inventory_path().read_text(encoding="utf-8"))
    return tuple(inventory["entity_types"])


def ner_labels() -> tuple[str, ...]:
    """Every tag, ``O`` first: the fixed label ids of ``ner_tags``."""
    return ("O", *(f"{prefix}-{t}" for t in entity_types() for prefix in ("B", "I")))


def tokenize(*, text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """The tokens of ``text[start:end]``, with code-point offsets into ``text``."""
    stop = len(text) if end is None else end
    return tuple(Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, stop))


def split_sentences(*, tokens: Sequence[Token]) -> list[tuple[Token, ...]]:
    """Group the tokens of one zone into sentences (see the module docstring)."""
    sentences: list[tuple[Token, ...]] = []
    current: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        current.append(token)
        index += 1
        if token.text not in _SENTENCE_END:
            continue
        before = current[-2].text if len(current) > 1 else ""
        if token.text == "." and (before in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", before)):
            continue
        while index < len(tokens) and tokens[index].text in _CLOSING:
            current.append(tokens[index])
            index += 1
        following = tokens[index].text[0] if index < len(tokens) else None
        if (
            following is None
            or following.isupper()
            or following.isdigit()
            or (following in _OPENING)
        ):
            sentences.append(tuple(current))
            current = []
    if current:
        sentences.append(tuple(current))
    return sentences


def outermost(*, mentions: Iterable[Mention]) -> tuple[list[Mention], list[DroppedMention]]:
    """Split mentions into the outermost ones and the nested or crossing rest.

    Order-independent: mentions are taken by ``(start, -end, id)``, so a longer mention
    wins over the ones inside it and equal spans keep the smaller id.
    """
    kept: list[Mention] = []
    dropped: list[DroppedMention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end, m.id)):
        if kept and mention.start < kept[-1].end:
            reason = "nested" if mention.end <= kept[-1].end else "crossing"
            dropped.append(DroppedMention(mention.id, reason, kept[-1].id))
        else:
            kept.append(mention)
    return kept, dropped


def tag_document(*, doc: Document) -> TaggedDocument:
    """Sentences with IOB2 tags for one document, and the mentions the tags cannot hold."""
    sentences: list[tuple[Zone, tuple[Token, ...]]] = []
    for zone in doc.zones:
        if zone.annotated:
            zone_tokens = tokenize(text=doc.text, start=zone.start, end=zone.end)
            sentences.extend((zone, s) for s in split_sentences(tokens=zone_tokens))
    # token boundary -> sentence number, for alignment
    starts = {t.start: n for n, (_, s) in enumerate(sentences) for t in s}
    ends = {t.end: n for n, (_, s) in enumerate(sentences) for t in s}
    aligned, dropped = [], []
    for mention in doc.mentions:
        sentence = starts.get(mention.start)
        if sentence is not None and ends.get(mention.end) == sentence:
            aligned.append(mention)
        else:
            dropped.append(DroppedMention(mention.id, "unaligned", None))
    kept, overlapping = outermost(mentions=aligned)
    dropped.extend(overlapping)
    by_start = {m.start: m for m in kept}
    out: list[Sentence] = []
    for number, (zone, tokens) in enumerate(sentences, start=1):
        tags: list[str] = []
        inside: Mention | None = None
        for token in tokens:
            if token.start in by_start:
                inside = by_start[token.start]
                tags.append(f"B-{inside.type}")
            elif inside is not None and token.end <= inside.end:
                tags.append(f"I-{inside.type}")
            else:
                inside = None
                tags.append("O")
        out.append(Sentence(f"s{number}", zone, tokens, tuple(tags)))
    position = {m.id: (m.start, -m.end, m.id) for m in doc.mentions}
    dropped.sort(key=lambda d: (DROP_REASONS.index(d.reason), position[d.mention]))
    return TaggedDocument(doc.id, tuple(out), tuple(m.id for m in kept), tuple(dropped))


def bio_spans(*, tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """``(type, first token, end token)`` of each IOB2 chunk; ValueError for a stray ``I-``."""
    chunks: list[tuple[str, int, int]] = []
    current: tuple[str, int] | None = None
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if tag != "O" and (prefix not in ("B", "I") or not label):
            raise ValueError(f"tag {tag!r} at token {index} is not IOB2")
        if current is not None and not (prefix == "I" and label == current[0]):
            chunks.append((current[0], current[1], index))
            current = None
        if prefix == "B":
            current = (label, index)
        elif prefix == "I" and current is None:
            raise ValueError(f"tag {tag!r} at token {index} does not continue a chunk")
    return chunks


def drop_counts(*, documents: Iterable[TaggedDocument]) -> Counter[str]:
    """How many mentions the tags cannot hold, by reason (every reason present, maybe 0)."""
    counts = Counter(dict.fromkeys(DROP_REASONS, 0))
    counts.update(d.reason for doc in documents for d in doc.dropped)
    return counts
