"""Entity-level matching of predicted references to gold items, shared by the casualty and
quote scorers (perpetrators, places, sources, speakers, addressees; also times and linked
events of casualty records).

The guidelines judge speaker attribution at the entity level (Quootstrap does the same):
naming the speaker by any of its mentions, or by a name string, is correct. Every entity
slot of the casualty and quote layers follows that rule.

**Match keys.** A reference on either side is resolved to a :class:`Ref`: a set of spans,
a set of normalised strings (:func:`~wiregold.scorers.base.normalize_text`) and a set of
values. Two refs match when they share a span, a string or a value.

A predicted reference (ids are ids of the *prediction*, never of the gold):

* an entity id -> the spans of the predicted mentions whose ``entity`` is that id
  (a mention without offsets contributes its normalised text instead), plus the
  normalised ``name`` of the predicted entity when the ``entities`` layer gives one;
* a mention id -> that mention's span (its normalised text when it has no offsets);
* ``{"text": ...}`` (a casualty link) or a participant's ``text`` -> that string;
* a participant with several of ``entity``, ``mention``, ``text`` -> the union of keys;
* a string in a casualty slot (``perpetrators``, ``places``, ``reported_by.entity``) is an
  entity id (as the prediction schema says).

A gold entity: the spans of its gold mentions; the normalised texts of its gold mentions
and its canonical ``name``. So a predicted speaker is correct when it is given by an
entity whose mentions include a gold mention of the speaker, by any mention that is a gold
mention of the speaker (not only the one the gold links), or by a string equal to the
speaker's name or to the text of any of its mentions.

Offsets are never turned into strings: a predicted mention with offsets is judged by its
span only, so a boundary error stays an error even when the same string occurs elsewhere.
String keys are deliberately lenient (a pronoun string such as ``it`` matches every gold
entity that has an ``it`` mention); systems that can give offsets should.

A reference that resolves to nothing (an unknown id, a participant whose fields are all
null, ``{"value": ...}`` in an entity slot) is *unresolved*: it matches nothing and still
counts as a predicted filler, so it is never dropped silently.

**Sets of references** are compared one-to-one (:func:`match_pairs`): the largest set of
matching (prediction, gold) pairs, found optimally, so each gold item is credited at most
once and each predicted reference at most once; a duplicate reference is a spurious one.

The module also holds the small helpers both layers share: :func:`located` (offsets or
text of a predicted span, checked), :func:`index_by_id`, :func:`tokens` and
:func:`lexicographic_weights` (an exact encoding of "maximise this, then that" for the
Kuhn-Munkres solver).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from .assignment import positive_pairs
from .base import Doc, ErrorItem, cached_attribute, normalize_text

__all__ = [
    "TOKEN",
    "GoldEntities",
    "PredictedRefs",
    "Ref",
    "canonical_order",
    "index_by_id",
    "lexicographic_weights",
    "located",
    "match_key",
    "match_pairs",
    "merge_sorted_errors",
    "normalized",
    "tokens",
]

Span = tuple[int, int]
# A token: a maximal run of word characters (letters, digits, underscore); white space
# and punctuation separate tokens and are dropped.
TOKEN = re.compile(r"\w+")
P = TypeVar("P")
G = TypeVar("G")
T = TypeVar("T")
_new = object.__new__
_NONE: frozenset[Any] = frozenset()

# normalize_text is pure and the same strings recur in every document (names, trigger
# words, dates) and within one (keys, sort keys, renderings): a bounded cache turns the
# repeats into a look-up. The scorers of every layer but entities use it.
normalized = lru_cache(maxsize=1 << 16)(normalize_text)


def canonical_order(
    items: Sequence[T], *, head: Callable[[T], Any], key: Callable[[T], Any]
) -> list[T]:
    """``sorted(items, key=key)`` where ``head(item)`` is the first part of ``key(item)``
    (a tuple key: ``key(item)[:n] == head(item)``): the whole key, dearer, is built only
    for items that share their head. Tuples compare element by element and the sort is
    stable, so this is the same order."""
    unordered = [head(item) for item in items]
    order = sorted(range(len(items)), key=unordered.__getitem__)
    ordered = [items[i] for i in order]
    heads = [unordered[i] for i in order]
    start = 0
    for end in range(1, len(ordered) + 1):
        if end == len(ordered) or heads[end] != heads[start]:
            if end - start > 1:
                ordered[start:end] = sorted(ordered[start:end], key=key)
            start = end
    return ordered


def merge_sorted_errors(
    a: tuple[ErrorItem, ...], b: tuple[ErrorItem, ...]
) -> tuple[ErrorItem, ...]:
    """``tuple(sorted(a + b, key=ErrorItem.sort_key))`` for two tuples already sorted so
    (as ``count`` and ``+`` of the event, casualty and quote records keep them), without
    the sort when one goes wholly before the other: documents added in id order just
    concatenate. A stable sort of a sorted sequence changes nothing, so this is exact.
    """
    if not a or not b or a[-1].sort_key() <= b[0].sort_key():
        return a + b
    if b[-1].sort_key() < a[0].sort_key():
        return b + a
    return tuple(sorted(a + b, key=ErrorItem.sort_key))


@dataclass(frozen=True)
class Ref:
    """Match keys of one reference, and a short rendering for error listings."""

    spans: frozenset[Span] = frozenset()
    texts: frozenset[str] = frozenset()
    values: frozenset[str] = frozenset()
    label: str = ""

    def matches(self, other: Ref) -> bool:
        """True when the two references share a span, a normalised string or a value."""
        return not (
            self.spans.isdisjoint(other.spans)
            and self.texts.isdisjoint(other.texts)
            and self.values.isdisjoint(other.values)
        )

    @staticmethod
    def _of(
        spans: frozenset[Span], texts: frozenset[str], values: frozenset[str], label: str
    ) -> Ref:
        """``Ref(spans, texts, values, label)``, built without the frozen __init__ (refs
        are built for every filler and participant; see ``base.PRF._of``)."""
        new = _new(Ref)
        fields = new.__dict__  # item by item: faster than a dict display and update
        fields["spans"] = spans
        fields["texts"] = texts
        fields["values"] = values
        fields["label"] = label
        return new

    def __or__(self, other: Ref) -> Ref:
        label = " + ".join(part for part in (self.label, other.label) if part)
        return Ref._of(
            self.spans | other.spans, self.texts | other.texts, self.values | other.values, label
        )

    @property
    def resolved(self) -> bool:
        return bool(self.spans or self.texts or self.values)

    @property
    def mode(self) -> str:
        """How the reference is judged: ``span``, ``text``, ``value`` or ``unresolved``."""
        if self.spans:
            return "span"
        if self.texts:
            return "text"
        return "value" if self.values else "unresolved"

    def keys(self) -> tuple[tuple[Span, ...], tuple[str, ...], tuple[str, ...]]:
        """The keys in a canonical order (for sorting and de-duplication)."""
        return self._sort_key[:3]

    def sort_key(self) -> tuple[Any, ...]:
        return self._sort_key

    @cached_attribute
    def _sort_key(self) -> tuple[Any, ...]:
        # Computed once: gold refs are shared by the records and quotes that name them.
        return (
            tuple(sorted(self.spans)),
            tuple(sorted(self.texts)),
            tuple(sorted(self.values)),
            self.label,
        )


class _Unlocated(ValueError):
    """Why a located object cannot be read; the caller says where it is."""


def _locate(obj: Mapping[str, Any], text: str) -> tuple[Span | None, str]:
    """:func:`located` without the place in its error (built only when one is raised)."""
    given = obj.get("text")
    if "start" in obj and "end" in obj:  # base.span_of, inlined
        start, end = span = (obj["start"], obj["end"])
        if type(start) is not int or type(end) is not int or not 0 <= start < end <= len(text):
            raise _Unlocated(
                f"offsets [{start}, {end}) are not a non-empty span of the document "
                f"text (length {len(text)})"
            )
        surface = text[start:end]
        if given is not None and given != surface:
            raise _Unlocated(
                f"text {given!r} differs from the document text at [{start}, {end}): {surface!r}"
            )
        return span, normalized(surface)
    if not isinstance(given, str) or not normalized(given):
        raise _Unlocated("neither offsets nor a non-empty text")
    return None, normalized(given)


def _checked_span(obj: Mapping[str, Any], text: str) -> Span | None:
    """The span of an object whose offsets and text agree with the document (what
    :func:`_locate` accepts), without normalising its text; None for anything else (no
    offsets, or a problem that :func:`_locate` then names)."""
    start = obj.get("start")
    end = obj.get("end")
    if type(start) is int and type(end) is int and 0 <= start < end <= len(text):
        given = obj.get("text")
        if given is None or given == text[start:end]:
            return (start, end)
    return None


def located(
    obj: Mapping[str, Any], *, text: str, where: str | Callable[[], str]
) -> tuple[Span | None, str]:
    """``(span, normalised text)`` of a predicted located object; span is None when the
    object has only text. Raises ValueError for offsets outside the document, a text that
    differs from the text at the offsets, or an object with neither, naming ``where`` (a
    callable is called only then: the place need not be rendered for every object).
    """
    try:
        return _locate(obj, text)
    except _Unlocated as problem:
        place = where if isinstance(where, str) else where()
        raise ValueError(f"{place}: {problem}") from None


def match_key(obj: Mapping[str, Any], *, text: str, where: Callable[[], str]) -> Span | str:
    """What a predicted located object is matched by: its span when it has offsets, else
    its normalised text; checked as :func:`located` does (ValueError naming ``where()``),
    without normalising the text of an object that has offsets."""
    span = _checked_span(obj, text)
    if span is not None:
        return span
    span, norm = located(obj, text=text, where=where)
    return norm if span is None else span


def tokens(text: str) -> list[str]:
    """The tokens (:data:`TOKEN`) of the normalised form of a string."""
    return TOKEN.findall(normalized(text))


def index_by_id(items: Iterable[Mapping[str, Any]], *, layer: str) -> dict[str, Mapping[str, Any]]:
    """Items of a predicted layer by ``id`` (items without one are skipped). A repeated id
    would make references ambiguous: ValueError."""
    items = list(items)
    if not items:  # often: a layer the prediction does not give
        return {}
    ids = [item.get("id") for item in items]
    found = dict(zip(ids, items, strict=True))
    found.pop(None, None)  # the items without an id
    if len(found) < len(ids) - ids.count(None):
        seen: set[str] = set()  # a repeated id: name the first one repeated
        for item_id in ids:
            if item_id is not None and item_id in seen:
                raise ValueError(f"predicted {layer}: id {item_id!r} is used twice")
            seen.add(item_id)
    return found


def _render(span: Span | None, surface: str) -> str:
    return f"{surface!r} [{span[0]}, {span[1]})" if span else f"{surface!r} (no offsets)"


class GoldEntities:
    """Match keys of every gold entity (spans and strings of its mentions, its name)."""

    def __init__(self, *, gold: Doc) -> None:
        # A scorer asks for a few entities of a document, or none: their keys are built on
        # demand, in one pass over the mentions for all the entities it names up front.
        self._gold = gold
        self._refs: dict[str, Ref] = {}

    def prepare(self, entity_ids: Iterable[str]) -> None:
        """Builds the keys of these entities (those that exist; :meth:`ref` raises for
        the others when asked) in one pass over the gold mentions and entities."""
        mentions: dict[str, list[Mapping[str, Any]]] = {
            entity_id: [] for entity_id in entity_ids if entity_id not in self._refs
        }
        if not mentions:
            return
        names: dict[str, list[str]] = {entity_id: [] for entity_id in mentions}
        for mention in self._gold["mentions"]:
            if (found := mentions.get(mention["entity"])) is not None:
                found.append(mention)
        for entity in self._gold["entities"]:  # every name: an id may repeat (invalid gold)
            if (found_names := names.get(entity["id"])) is not None:
                found_names.append(entity["name"])
        for entity_id, members in mentions.items():
            if members or names[entity_id]:
                self._refs[entity_id] = _gold_ref(entity_id, members, names[entity_id])

    def ref(self, entity_id: str) -> Ref:
        """The keys of a gold entity; ValueError for an id the gold does not have."""
        ref = self._refs.get(entity_id)
        if ref is None:
            self.prepare([entity_id])
            ref = self._refs.get(entity_id)
            if ref is None:
                raise ValueError(f"gold entity {entity_id!r} does not exist")
        return ref


def _gold_ref(entity_id: str, mentions: Sequence[Mapping[str, Any]], names: list[str]) -> Ref:
    """Spans and normalised texts of the mentions, normalised names; labelled with the
    id and the last name (the one a dict of names by id would keep)."""
    texts = {normalized(name) for name in names}
    texts.update([normalized(m["text"]) for m in mentions])
    texts.discard("")
    return Ref._of(
        frozenset([(m["start"], m["end"]) for m in mentions]),
        frozenset(texts),
        _NONE,
        f"{entity_id} {names[-1] if names else ''!r}",
    )


class PredictedRefs:
    """Resolves the prediction's references (entity, mention ids; strings) to match keys."""

    def __init__(self, *, pred: Doc, text: str) -> None:
        self._text = text
        self._mentions = index_by_id(pred.get("mentions") or (), layer="mentions")
        self._entities = index_by_id(pred.get("entities") or (), layer="entities")
        self._all_mentions = pred.get("mentions") or ()
        self._members_by_entity: dict[str, list[Mapping[str, Any]]] | None = None
        self._entity_refs: dict[str, Ref] = {}

    @property
    def _members(self) -> dict[str, list[Mapping[str, Any]]]:
        """Predicted mentions by entity id (grouped when an entity is first named)."""
        if self._members_by_entity is None:
            self._members_by_entity = {}
            for mention in self._all_mentions:
                if mention.get("entity") is not None:
                    self._members_by_entity.setdefault(mention["entity"], []).append(mention)
        return self._members_by_entity

    def entity(self, entity_id: str) -> Ref:
        """All mentions of a predicted entity, plus its name; unresolved if unknown."""
        ref = self._entity_refs.get(entity_id)
        if ref is None:  # the same entity is often named again (speakers, casualty slots)
            ref = self._entity_refs[entity_id] = self._entity(entity_id)
        return ref

    def _entity(self, entity_id: str) -> Ref:
        members = self._members.get(entity_id, [])
        entity = self._entities.get(entity_id)
        if not members and entity is None:
            return Ref._of(_NONE, _NONE, _NONE, f"entity {entity_id} (unresolved)")
        spans: set[Span] = set()
        texts: set[str] = set()
        for mention in members:
            key = match_key(
                mention,
                text=self._text,
                where=lambda m=mention: (
                    f"predicted mention {m.get('id', '(no id)')} of entity {entity_id}"
                ),
            )
            (spans if isinstance(key, tuple) else texts).add(key)
        name = normalized(entity.get("name") or "") if entity is not None else ""
        if name:
            texts.add(name)
        shown = f" {entity['name']!r}" if name and entity is not None else ""
        return Ref._of(frozenset(spans), frozenset(texts), _NONE, f"entity {entity_id}{shown}")

    def mention(self, mention_id: str) -> Ref:
        """One predicted mention: its span (or its text when it has no offsets)."""
        mention = self._mentions.get(mention_id)
        if mention is None:
            return Ref._of(_NONE, _NONE, _NONE, f"mention {mention_id} (unresolved)")
        text = self._text
        span = _checked_span(mention, text)
        if span is not None:
            label = f"mention {mention_id} {_render(span, text[span[0] : span[1]])}"
            return Ref._of(frozenset([span]), _NONE, _NONE, label)
        span, norm = located(mention, text=text, where=f"predicted mention {mention_id}")
        surface = text[span[0] : span[1]] if span else mention["text"]
        label = f"mention {mention_id} {_render(span, surface)}"
        if span is not None:
            return Ref._of(frozenset([span]), _NONE, _NONE, label)
        return Ref._of(_NONE, frozenset([norm]), _NONE, label)

    def string(self, value: str) -> Ref:
        """A name string: matched by normalised text."""
        norm = normalized(value)
        if not norm:
            return Ref._of(_NONE, _NONE, _NONE, f"text {value!r} (unresolved)")
        return Ref._of(_NONE, frozenset([norm]), _NONE, f"text {value!r}")

    def ref(self, ref: str | Mapping[str, Any]) -> Ref:
        """A casualty link: an entity id or ``{"text": ...}``."""
        if isinstance(ref, str):
            return self.entity(ref)
        if ref.get("text") is not None:
            return self.string(ref["text"])
        return Ref._of(_NONE, _NONE, _NONE, f"{dict(ref)!r} (unresolved: no text)")

    def participant(self, participant: Mapping[str, Any]) -> Ref:
        """A quote speaker or addressee: the union of its entity, mention and text."""
        parts = []
        if (entity_id := participant.get("entity")) is not None:
            parts.append(self.entity(entity_id))
        if (mention_id := participant.get("mention")) is not None:
            parts.append(self.mention(mention_id))
        if (text := participant.get("text")) is not None:
            parts.append(self.string(text))
        if not parts:
            return Ref._of(
                _NONE, _NONE, _NONE, "participant (no entity, mention or text; unresolved)"
            )
        ref = parts[0] if len(parts) == 1 else _union(parts)
        if not ref.resolved:
            return Ref._of(_NONE, _NONE, _NONE, f"participant ({ref.label}; unresolved)")
        return ref


def _union(parts: Sequence[Ref]) -> Ref:
    """``parts[0] | parts[1] | ...`` in one step (every part has a label)."""
    if len(parts) == 2:  # entity and mention, the usual participant
        a, b = parts
        label = f"{a.label} + {b.label}"
        return Ref._of(a.spans | b.spans, a.texts | b.texts, a.values | b.values, label)
    return Ref._of(
        _NONE.union(*[part.spans for part in parts]),
        _NONE.union(*[part.texts for part in parts]),
        _NONE.union(*[part.values for part in parts]),
        " + ".join([part.label for part in parts]),
    )


def match_pairs(
    *, pred: Sequence[P], gold: Sequence[G], matches: Callable[[P, G], bool]
) -> list[tuple[int, int]]:
    """``(pred index, gold index)`` pairs: the largest one-to-one set of matching pairs.

    Kuhn-Munkres with weight 1 per matching pair; callers pass both sides in canonical
    order, so ties break the same way whatever the input order.
    """
    if not pred or not gold:
        return []
    if len(pred) == 1 and len(gold) == 1:  # what the solver returns for one pair
        return [(0, 0)] if matches(pred[0], gold[0]) else []
    weights = [[1.0 if matches(p, g) else 0.0 for g in gold] for p in pred]
    return sorted(positive_pairs(weights))


# Weights stay below this so that the solver's float arithmetic is exact (as in
# span_alignment: potentials and slacks are sums and differences of a few weights).
_EXACT_LIMIT = 2**50


def lexicographic_weights(
    levels: Sequence[Sequence[Sequence[int] | None]], *, maxima: Sequence[int]
) -> list[list[float]]:
    """Pair weights whose optimal assignment maximises the summed levels lexicographically.

    ``levels[i][j]`` is None for a pair that may not be aligned (weight 0), else a tuple of
    non-negative ints, most important first, each at most ``maxima[k]``. The pair weight is
    ``sum(level[k] * M[k])`` with ``M[last] = 1`` and ``M[k] = M[k+1] * (n * maxima[k+1] + 1)``
    for ``n`` = the most pairs an assignment can hold, so no amount of a lower level can
    outweigh one unit of a higher one. A first level that is >= 1 for every allowed pair
    makes the assignment take as many allowed pairs as possible. If the weights would
    exceed 2**50 (float exactness), the least important levels are dropped until they fit;
    remaining ties are then broken by item order (canonical, chosen by the caller).
    """
    rows = len(levels)
    cols = len(levels[0]) if rows else 0
    n = max(1, min(rows, cols))
    depth = len(maxima)
    while True:
        multipliers = [1] * depth
        for k in range(depth - 2, -1, -1):
            multipliers[k] = multipliers[k + 1] * (n * maxima[k + 1] + 1)
        if depth == 1 or (n * maxima[0] + 1) * multipliers[0] <= _EXACT_LIMIT:
            break
        depth -= 1
    return [
        [
            0.0
            if pair is None
            else float(sum(v * m for v, m in zip(pair[:depth], multipliers, strict=True)))
            for pair in row
        ]
        for row in levels
    ]
