"""Quotes and attribution (guidelines §6): content matching, speakers at the entity level,
cue, kind and addressees.

Stages: **align** predicted quotes to gold quotes of one document by their content
(optimal one-to-one), **count** (a frozen :class:`QuoteCounts`), **compute** (ratios
derived from the counts). ``docs/scoring-quotes.md`` has a worked example.

**Tokens.** A token is a maximal run of word characters (Python ``\\w``: Unicode letters,
digits, underscore); white space and punctuation separate tokens and are dropped, so
``de-escalate`` is ``de`` ``escalate`` and ``didn't`` is ``didn`` ``t``. Token F1 between
two contents is ``2 * shared / (tokens of one + tokens of the other)``, 0 when neither
has a token.

* A predicted content **with offsets** is compared by position: its tokens are the
  token occurrences of the document text inside its span, and it shares a token with
  a gold content only where both cover the same occurrence. ``exact`` = same span.
* A predicted content **with text only** is compared by string: the tokens of its
  normalised text (:func:`~.base.normalize_text`) against those of the gold content's
  normalised text, as multisets. ``exact`` = equal normalised text. Text-only quotes
  are aligned item by item like quotes with offsets (not collapsed to distinct strings:
  a quote carries its own speaker, cue and kind, so a repeated quote is predicted twice).

A pair **matches by overlap** when it is exact, or when it shares at least one token and
its token F1 is >= ``ScoreConfig.quote_overlap`` (default 0.5; exactly at the threshold
counts). The alignment is one-to-one and optimal; among matching pairs it maximises,
lexicographically: the number of matched quotes, then the number of exact matches, then
the total token F1 (to 1/1000), then the number of pairs whose speakers agree (a last
tie-break, e.g. for a text-only quote whose string occurs twice). Quotes are sorted
canonically first, so remaining ties break the same way whatever the input order.

**Speakers** are judged at the entity level (:mod:`.entity_match`): the predicted
speakers (participants; identical references counted once) agree with the gold when
they match the distinct gold speaker entities one-to-one, all of them on both sides;
both empty agrees. Addressees likewise.

**Metrics** (P/R/F1: predicted = all predicted quotes, gold = all gold quotes):

* ``attribution`` (headline): quotes matched by overlap whose speakers agree. The
  headline because it says whether a system found what was said *and* who said it
  (Quootstrap evaluates attribution, not content alone);
* ``content_exact``: matched pairs that are exact; ``content_overlap``: matched pairs;
* accuracies over matched pairs: ``speaker_accuracy``, ``cue_accuracy`` (same cue span;
  a text-only cue by normalised text; a gold ``null`` cue is matched by a missing or
  null cue), ``kind_accuracy``, ``addressee_accuracy``.

``source`` spans are not scored (the speakers carry the attribution).

**Errors** (Quootstrap-style): ``missed``, ``spurious``, ``partial_content`` (matched by
overlap, not exact), ``not_attributed`` (no predicted speaker, or only participants that
name nobody, e.g. ``{"entity": null}``, where the gold has a speaker),
``wrong_speaker``, ``wrong_kind``, ``wrong_cue``, ``wrong_addressee``.

Offsets outside the text, or a text that differs from the text at the offsets, raise
ValueError naming the quote.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .assignment import is_matching, positive_pairs
from .base import (
    PRF,
    Accuracy,
    Doc,
    ErrorItem,
    Row,
    ScoreConfig,
    cached_attribute,
    frozen_record,
    overlaps,
)
from .entity_match import (
    TOKEN,
    GoldEntities,
    PredictedRefs,
    Ref,
    canonical_order,
    lexicographic_weights,
    located,
    match_pairs,
    merge_sorted_errors,
    normalized,
    tokens,
)

__all__ = ["NAME", "QuoteCounts", "count", "empty", "token_f1", "tokens"]

NAME = "quotes"
_QUANTUM = 1000  # token F1 is compared to 1/1000 when choosing between alignments

Span = tuple[int, int]


def token_f1(a: str, b: str) -> float:
    """Token F1 of two strings (multisets of :func:`tokens`); 0.0 when neither has one."""
    bag_a, bag_b = Counter(tokens(a)), Counter(tokens(b))
    return _f1(sum((bag_a & bag_b).values()), a=bag_a.total(), b=bag_b.total())


def _f1(shared: int, *, a: int, b: int) -> float:
    return 2 * shared / (a + b) if a + b else 0.0


# ------------------------------------------------------------------------ count records


_ZERO = PRF()


def _merge(a: Mapping[str, PRF], b: Mapping[str, PRF]) -> dict[str, PRF]:
    """Key-wise ``a + b`` (a missing side counts as ``PRF()``), keys sorted. Keys of one
    side only keep their value (``x + PRF()`` equals ``x``): one addition per key of
    ``b``, and no sort when ``b`` brings no new key into an already sorted ``a``."""
    merged = dict(a)
    for key, value in b.items():
        merged[key] = merged[key] + value if key in merged else _ZERO + value
    keys = list(merged)
    return merged if keys == sorted(keys) else {key: merged[key] for key in sorted(keys)}


@dataclass(frozen=True)
class QuoteCounts:
    """Counts of one or more documents; ``+`` sums them (micro-averaging)."""

    attribution: PRF = field(default_factory=PRF)
    exact: PRF = field(default_factory=PRF)
    overlap: PRF = field(default_factory=PRF)
    speaker: Accuracy = field(default_factory=Accuracy)
    cue: Accuracy = field(default_factory=Accuracy)
    kind: Accuracy = field(default_factory=Accuracy)
    addressee: Accuracy = field(default_factory=Accuracy)
    # Per kind: predicted by predicted kind, gold by gold kind, correct = matched by
    # overlap with both kinds equal to it.
    by_kind: Mapping[str, PRF] = field(default_factory=dict)
    by_span: int = 0  # predicted quotes whose content has offsets
    by_text: int = 0  # predicted quotes whose content is text only
    errors: tuple[ErrorItem, ...] = ()

    def __add__(self, other: QuoteCounts) -> QuoteCounts:
        return frozen_record(
            QuoteCounts,
            {
                "attribution": self.attribution + other.attribution,
                "exact": self.exact + other.exact,
                "overlap": self.overlap + other.overlap,
                "speaker": self.speaker + other.speaker,
                "cue": self.cue + other.cue,
                "kind": self.kind + other.kind,
                "addressee": self.addressee + other.addressee,
                "by_kind": _merge(self.by_kind, other.by_kind),
                "by_span": self.by_span + other.by_span,
                "by_text": self.by_text + other.by_text,
                "errors": merge_sorted_errors(self.errors, other.errors),
            },
        )

    def rows(self) -> list[Row]:
        """Report lines, headline (attribution F1) first."""
        return [
            Row("attribution", self.attribution),
            Row("content exact", self.exact),
            Row("content overlap", self.overlap),
            Row("speaker accuracy", self.speaker),
            Row("cue accuracy", self.cue),
            Row("kind accuracy", self.kind),
            Row("addressee accuracy", self.addressee),
        ]

    def to_dict(self) -> dict[str, Any]:
        return {
            "totals": {
                **{row.metric: row.value.to_dict() for row in self.rows()},
                "by_span": self.by_span,
                "by_text": self.by_text,
            },
            "breakdowns": {"kind": {k: prf.to_dict() for k, prf in self.by_kind.items()}},
        }


def empty(*, config: ScoreConfig) -> QuoteCounts:
    """The neutral element of ``+``."""
    _check_config(config)
    return QuoteCounts()


def _check_config(config: ScoreConfig) -> None:
    threshold = config.quote_overlap
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not 0 <= threshold <= 1
    ):
        raise ValueError(f"quote_overlap must be a number in [0, 1], got {threshold!r}")


# ------------------------------------------------------------------------------- quotes


@dataclass(eq=False)  # not frozen: built for every quote, and never changed
class _Quote:
    id: str
    kind: str | None
    span: Span | None  # content offsets; None for a text-only content
    norm: str  # normalised content text
    cue: tuple[Span | None, str] | None
    speakers: tuple[Ref, ...]
    addressees: tuple[Ref, ...]
    surface: str  # the content as written (for the rendering)
    doc_text: str = field(repr=False)

    # Built when first needed: most pairs of quotes are told apart by their spans alone.
    @cached_attribute
    def positions(self) -> frozenset[Span]:
        """Token occurrences in the document (offsets only)."""
        return _positions(self.doc_text, self.span) if self.span else frozenset()

    @cached_attribute
    def bag(self) -> Counter[str]:
        """Normalised tokens (for text-only comparison)."""
        return Counter(TOKEN.findall(self.norm))

    @cached_attribute
    def rendering(self) -> str:
        span, surface = self.span, self.surface
        shown = f"{surface!r} [{span[0]}, {span[1]})" if span else f"{surface!r} (no offsets)"
        who = ", ".join(ref.label for ref in self.speakers) or "none"
        return f"{self.id}: {self.kind or 'no kind'} {shown}; speakers {who}"

    def sort_key(self) -> tuple[Any, ...]:
        cue = None if self.cue is None else (self.cue[0] or (-1, -1), self.cue[1])
        return (
            self.span or (-1, -1),
            self.norm,
            self.kind or "",
            (cue is not None, cue or ((-1, -1), "")),
            tuple(ref.sort_key() for ref in self.speakers),
            tuple(ref.sort_key() for ref in self.addressees),
            self.id,
        )


def _positions(text: str, span: Span) -> frozenset[Span]:
    # Matched in place (pos, endpos): the tokens of the slice, at document offsets.
    return frozenset(map(_span, TOKEN.finditer(text, *span)))


_span = operator.methodcaller("span")


def _unique(refs: Sequence[Ref]) -> tuple[Ref, ...]:
    """Participants as a set: identical references once, in canonical order."""
    if len(refs) < 2:
        return tuple(refs)
    seen: dict[tuple[Any, ...], Ref] = {}
    for ref in refs:
        key = ref.keys() if ref.resolved else ("unresolved", ref.label)
        seen.setdefault(key, ref)
    return tuple(sorted(seen.values(), key=Ref.sort_key))


def _quote(
    *,
    quote_id: str,
    kind: str | None,
    content: tuple[Span | None, str],
    surface: str,
    cue: tuple[Span | None, str] | None,
    speakers: Sequence[Ref],
    addressees: Sequence[Ref],
    text: str,
) -> _Quote:
    span, norm = content
    # Most quotes have one speaker and no addressee: nothing to de-duplicate.
    speakers = tuple(speakers) if len(speakers) < 2 else _unique(speakers)
    addressees = tuple(addressees) if len(addressees) < 2 else _unique(addressees)
    return _Quote(quote_id, kind, span, norm, cue, speakers, addressees, surface, text)


def _canonical(quotes: list[_Quote]) -> list[_Quote]:
    """Sorted by ``_Quote.sort_key``, building the whole key only for quotes that share
    their content (span and text)."""
    if len(quotes) < 2:
        return quotes
    return canonical_order(quotes, head=_content_key, key=_Quote.sort_key)


def _content_key(quote: _Quote) -> tuple[Span, str]:
    return (quote.span or (-1, -1), quote.norm)  # the head of _Quote.sort_key


def _gold_quotes(gold: Doc, entities: GoldEntities) -> list[_Quote]:
    text = gold["text"]
    quotes = gold["quotes"]
    entities.prepare([p["entity"] for q in quotes for p in (*q["speakers"], *q["addressees"])])
    found = []
    for quote in quotes:
        content = quote["content"]
        cue = quote["cue"]
        found.append(
            _quote(
                quote_id=quote["id"],
                kind=quote["kind"],
                content=((content["start"], content["end"]), normalized(content["text"])),
                surface=content["text"],
                cue=None if cue is None else ((cue["start"], cue["end"]), normalized(cue["text"])),
                speakers=_people(quote["speakers"], entities),
                addressees=_people(quote["addressees"], entities),
                text=text,
            )
        )
    return found


def _people(participants: Sequence[Mapping[str, Any]], entities: GoldEntities) -> list[Ref]:
    """The distinct gold entities of the participants, by id."""
    if len(participants) == 1:  # most quotes: one speaker, at most one addressee
        return [entities.ref(participants[0]["entity"])]
    return [entities.ref(e) for e in sorted({p["entity"] for p in participants})]


def _pred_quotes(pred: Doc, text: str) -> list[_Quote]:
    refs = PredictedRefs(pred=pred, text=text)
    found = [
        _pred_quote(quote, position, refs=refs, text=text)
        for position, quote in enumerate(pred.get("quotes") or ())
    ]
    return found


def _pred_quote(
    quote: Mapping[str, Any], position: int, *, refs: PredictedRefs, text: str
) -> _Quote:
    def where(part: str = "") -> str:  # rendered only for an error message
        return f"predicted quote {quote.get('id') or f'#{position}'}{part}"

    if not quote.get("content"):
        raise ValueError(f"{where()}: no content")
    span, norm = located(quote["content"], text=text, where=lambda: where(" content"))
    cue = quote.get("cue")
    return _quote(
        quote_id=quote.get("id") or "(no id)",
        kind=quote.get("kind"),
        content=(span, norm),
        surface=text[span[0] : span[1]] if span else quote["content"]["text"],
        cue=None if cue is None else located(cue, text=text, where=lambda: where(" cue")),
        speakers=[refs.participant(p) for p in quote.get("speakers") or ()],
        addressees=[refs.participant(p) for p in quote.get("addressees") or ()],
        text=text,
    )


# ----------------------------------------------------------------------------- aligning


class _Match(NamedTuple):
    exact: bool
    f1: float
    eligible: bool
    speakers: bool = False  # whether the speakers agree (set for eligible pairs)


def _content_match(pred: _Quote, gold: _Quote, *, threshold: float) -> tuple[bool, float, bool]:
    """``(exact, f1, eligible)`` (a plain tuple: a _Match is built for eligible pairs only)."""
    if pred.span is not None:
        exact = pred.span == gold.span
        if exact:  # the same n token occurrences on both sides: F1 2n / 2n
            f1 = 1.0 if TOKEN.search(pred.doc_text, *pred.span) else 0.0
            return exact, f1, True
        if not _overlap(pred.span, gold.span):
            shared, f1 = 0, 0.0  # no occurrence in common: F1 0 whatever the sizes
        else:
            shared = len(pred.positions & gold.positions)
            f1 = _f1(shared, a=len(pred.positions), b=len(gold.positions))
    else:
        exact = pred.norm == gold.norm
        shared = sum((pred.bag & gold.bag).values())
        f1 = _f1(shared, a=sum(pred.bag.values()), b=sum(gold.bag.values()))
    return exact, f1, exact or (shared > 0 and f1 >= threshold)


def _overlap(a: Span, b: Span | None) -> bool:
    return b is not None and overlaps(a, b)


def _agree(pred: Sequence[Ref], gold: Sequence[Ref]) -> bool:
    """Both sides match one-to-one, every reference of each (both empty agree)."""
    if len(pred) != len(gold):
        return False
    if len(pred) == 1:  # the usual one speaker: what match_pairs finds for one pair
        return pred[0].matches(gold[0])
    return len(match_pairs(pred=pred, gold=gold, matches=Ref.matches)) == len(gold)


def _cue_agrees(pred: tuple[Span | None, str] | None, gold: tuple[Span | None, str] | None) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    return pred[0] == gold[0] if pred[0] is not None else pred[1] == gold[1]


Matches = dict[tuple[int, int], _Match]  # (pred index, gold index) -> eligible pair


def _matches(pred: Sequence[_Quote], gold: Sequence[_Quote], *, threshold: float) -> Matches:
    """The eligible pairs: content matched by overlap (see the module docstring)."""
    matches: Matches = {}
    for i, p in enumerate(pred):
        for j in _candidates(p, gold):
            exact, f1, eligible = _content_match(p, gold[j], threshold=threshold)
            if eligible:
                agree = _agree(p.speakers, gold[j].speakers)
                matches[i, j] = _Match(exact, f1, True, agree)
    return matches


def _in_canonical_order(
    pred: list[_Quote], gold: list[_Quote], matches: Matches
) -> tuple[list[_Quote], list[_Quote], Matches]:
    """Both sides sorted canonically, the pairs renumbered to match."""
    pred_sorted, gold_sorted = _canonical(pred), _canonical(gold)
    pred_at = {id(quote): i for i, quote in enumerate(pred_sorted)}
    gold_at = {id(quote): j for j, quote in enumerate(gold_sorted)}
    renumbered = {
        (pred_at[id(pred[i])], gold_at[id(gold[j])]): match for (i, j), match in matches.items()
    }
    return pred_sorted, gold_sorted, renumbered


def _align(n_pred: int, n_gold: int, matches: Matches) -> list[tuple[int, int]]:
    """The optimal one-to-one alignment of the eligible pairs (quotes in canonical order
    unless each has at most one candidate: then it takes them all, in any order)."""
    if is_matching(matches):  # see positive_pairs
        return sorted(matches)
    levels: list[list[tuple[int, ...] | None]] = [
        [
            None
            if (m := matches.get((i, j))) is None
            else (1, int(m.exact), round(m.f1 * _QUANTUM), int(m.speakers))
            for j in range(n_gold)
        ]
        for i in range(n_pred)
    ]
    weights = lexicographic_weights(levels, maxima=(1, 1, _QUANTUM, 1))
    # Eligible pairs weigh >= 1 (first level), the others 0.
    return sorted(positive_pairs(weights))


def _candidates(p: _Quote, gold: Sequence[_Quote]) -> list[int]:
    """The gold quotes ``p`` may match: all of them for a text-only content, else those of
    the same span or sharing a code point (no shared token otherwise)."""
    span = p.span
    if span is None:
        return list(range(len(gold)))
    start, end = span
    return [
        j
        for j, g in enumerate(gold)
        if g.span is not None and (g.span == span or (start < g.span[1] and g.span[0] < end))
    ]


# ----------------------------------------------------------------------------- counting


def count(*, gold: Doc, pred: Doc, config: ScoreConfig, errors: bool = True) -> QuoteCounts:
    """Align and count the quotes of one document. With ``errors=False`` no error item is
    built (``errors`` is empty); every count is the same."""
    _check_config(config)
    text = gold["text"]
    doc_id = gold["id"]
    gold_quotes = _gold_quotes(gold, GoldEntities(gold=gold))
    pred_quotes = _pred_quotes(pred, text)
    matches = _matches(pred_quotes, gold_quotes, threshold=config.quote_overlap)
    # Canonical order when order can change something: ties between alignments (a quote
    # with several candidates), or the error listing. Else the counts are sums over all
    # the eligible pairs, in any order.
    if errors or not is_matching(matches):
        pred_quotes, gold_quotes, matches = _in_canonical_order(pred_quotes, gold_quotes, matches)
    pairs = _align(len(pred_quotes), len(gold_quotes), matches)

    found: list[ErrorItem] = []

    def error(category: str, g: _Quote | None, p: _Quote | None, detail: str | None) -> None:
        spans = {"gold_span": g and g.span, "pred_span": p and p.span}
        found.append(
            ErrorItem(NAME, doc_id, category, g and g.rendering, p and p.rendering, detail, **spans)
        )

    def who(refs: Sequence[Ref]) -> str:
        return ", ".join(ref.label for ref in refs) or "none"

    exact = attributed = 0
    speaker = cue = kind = addressee = 0
    by_kind: dict[str, list[int]] = {}  # kind -> [correct, predicted, gold]
    for p in pred_quotes:
        by_kind.setdefault(p.kind or "none", [0, 0, 0])[1] += 1
    for g in gold_quotes:
        by_kind.setdefault(g.kind or "none", [0, 0, 0])[2] += 1

    for i, j in pairs:
        p, g, m = pred_quotes[i], gold_quotes[j], matches[i, j]
        exact += m.exact
        if errors and not m.exact:
            error("partial_content", g, p, f"token F1 {m.f1:.3f}")
        if m.speakers:
            speaker += 1
            attributed += 1
        elif errors:
            named = any(ref.resolved for ref in p.speakers)
            category = "not_attributed" if g.speakers and not named else "wrong_speaker"
            error(category, g, p, f"speakers {who(p.speakers)} for gold {who(g.speakers)}")
        if p.kind == g.kind:
            kind += 1
            by_kind[g.kind or "none"][0] += 1
        elif errors:
            error("wrong_kind", g, p, f"kind {p.kind or 'none'} for gold {g.kind}")
        if _cue_agrees(p.cue, g.cue):
            cue += 1
        elif errors:
            shown = "none" if p.cue is None else repr(p.cue[1])
            wanted = "none" if g.cue is None else repr(g.cue[1])
            error("wrong_cue", g, p, f"cue {shown} for gold {wanted}")
        if _agree(p.addressees, g.addressees):
            addressee += 1
        elif errors:
            detail = f"addressees {who(p.addressees)} for gold {who(g.addressees)}"
            error("wrong_addressee", g, p, detail)

    if errors:
        aligned_pred = {i for i, _ in pairs}
        aligned_gold = {j for _, j in pairs}
        for j, g in enumerate(gold_quotes):
            if j not in aligned_gold:
                error("missed", g, None, None)
        for i, p in enumerate(pred_quotes):
            if i not in aligned_pred:
                error("spurious", None, p, None)

    n_pred, n_gold, n_pairs = len(pred_quotes), len(gold_quotes), len(pairs)
    by_span = sum(q.span is not None for q in pred_quotes)
    prf, accuracy = PRF._of, Accuracy._of
    return frozen_record(
        QuoteCounts,
        {
            "attribution": prf(attributed, n_pred, n_gold),
            "exact": prf(exact, n_pred, n_gold),
            "overlap": prf(n_pairs, n_pred, n_gold),
            "speaker": accuracy(speaker, n_pairs),
            "cue": accuracy(cue, n_pairs),
            "kind": accuracy(kind, n_pairs),
            "addressee": accuracy(addressee, n_pairs),
            "by_kind": {key: prf(*tally) for key, tally in sorted(by_kind.items())},
            "by_span": by_span,
            "by_text": n_pred - by_span,
            "errors": tuple(sorted(found, key=ErrorItem.sort_key)),
        },
    )
