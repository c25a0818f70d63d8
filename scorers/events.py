"""Event scorer: triggers, arguments, realis and event coreference (hoppers).

Metrics follow TextEE (Huang et al. 2024); every one is micro P/R/F1 over the keys of each
document, summed over documents (``+``) before any ratio is taken:

* **TC** (the headline row, used for leaderboards): trigger ``(start, end, event type)``.
* **TI**: trigger ``(start, end)``.
* **AI**: argument ``(event type, argument start, argument end)``; **AC**: + role.
* **AI+** / **AC+**: as AI / AC, plus the argument's trigger ``(start, end)``.
* **realis accuracy**: agreeing realis over the TC-matched trigger pairs.
* **hopper CoNLL / MUC / B3 / CEAF-e / LEA**: event coreference with
  :mod:`wiregold.scorers.coref`, event mentions keyed ``(trigger start, trigger end, type)``.
* **TC (text)** / **AC (text)**: items that carry no offsets, by normalised text.

Conventions that affect numbers:

* **Spans.** Half-open ``[start, end)`` code-point offsets; exact match only. A predicted
  argument's span is its own span, or the span of the predicted mention / timex its
  ``mention`` / ``timex`` id names (ids refer to the prediction's own ``mentions`` /
  ``timexes``). The gold argument's span is its mention's or timex's span.
* **Multisets, not sets.** Keys are counted with multiplicity (TextEE collapses them into
  sets). correct = size of a maximum one-to-one matching of predicted to gold keys (for
  plain keys, the multiset intersection). A key predicted twice where the gold has it
  once is one correct prediction plus one false positive, listed as ``duplicate``.
* **Span or text.** An event whose trigger has offsets is scored by span (TI, TC, realis,
  hoppers). An argument is scored by span when its event's trigger and its filler both
  have offsets (AI, AC, AI+, AC+: the four rows share their predicted arguments). Every
  other item is scored by text, per document as *sets* of distinct keys (text cannot tell
  two occurrences apart): triggers ``(normalize_text(trigger), type)`` against the gold's
  distinct keys, arguments ``(type, role, normalize_text(filler))`` against the gold's
  ``(type, role, normalised text of the argument's mention or timex)``. The text rows are
  "not scored" (``None``) when no prediction of the corpus had a text-only item of their
  kind; the span rows are always scored. ``by_span`` / ``by_text`` count the items.
* **Coreference-aware arguments** (``ScoreConfig.coref_arguments``, default off). A gold
  argument filled by a mention is keyed by its *entity* instead of its span: a predicted
  argument also fits it when its span equals the span of ANY gold mention of that
  entity (gold ``mention.entity``, same document). The key becomes ``(type, [trigger,]
  [role,] entity)``. A predicted span may be a mention of several gold entities; the
  one-to-one matching picks the assignment with the most matches, so one prediction
  matches at most one gold argument and vice versa (among maximum matchings, exact span
  matches are preferred). Timex fillers keep span matching. Text-scored arguments never
  use coreference (their set of distinct strings would let the gold's own mentions
  collide).
* **Realis** is compared on the TC-matched pairs only (paired within each TC key so that
  as many pairs as possible agree). A missing predicted realis disagrees. It is "not
  scored" (``None``) when no span-scored predicted event in the corpus carries a realis.
* **Hoppers.** Clusters are the gold hoppers and the predicted ``hopper`` ids over the
  span-scored events; a predicted event without a hopper is a singleton. Mentions are
  matched strictly (a wrong span or type is a missing plus a spurious mention). A key
  predicted twice enters once, in the hopper whose id sorts first (the copy is a
  ``duplicate`` error already). Not scored (``None``, never 0) when no span-scored
  predicted event in the corpus carries a hopper; once scored, documents without hopper
  predictions count as all singletons.
* **Unknown labels.** Event types and (type, role) pairs not in ``schema/inventory.json``
  are kept and counted as predictions; they can never match and are listed as
  ``unknown_type`` / ``unknown_role``.
* **Unresolved arguments** (a ``mention`` / ``timex`` id that names no predicted item, or
  several) count as predictions that cannot match, in the span rows when their trigger
  has offsets, else in AC (text): ``unresolved_argument``.

A row whose value is ``None`` was not scored (``{"scored": false}`` in ``to_dict``); a
scored row can still hold an undefined ratio (``None``), e.g. MUC when no hopper has two
mentions.

Error categories (``ErrorItem`` layer ``events``), each with trigger text/offsets, type,
role and argument text/offsets:

* triggers (against TC): ``missed_trigger``, ``spurious_trigger``, ``wrong_type`` (span
  matched, type differs; one item for the pair), ``unknown_type``, ``duplicate``,
  ``wrong_realis`` (TC-matched, realis differs; only when realis is predicted);
* arguments (against AC+, the strictest row): ``missed_argument``, ``spurious_argument``,
  ``wrong_role`` (same trigger, type and filler), ``wrong_trigger`` (same type, role and
  filler, attached to another trigger: counts for AC, not AC+), ``unknown_role``,
  ``duplicate``, ``unresolved_argument``.

A span-scored prediction is a ``duplicate`` when the gold item it fits is already matched
by another prediction, or when it repeats the key of an earlier unmatched prediction; it
counts as a false positive. A text-scored item whose key repeats an earlier one is scored
once (text keys are a set) and listed as ``repeated_text``, which is not a false
positive. The text rows use ``missed_*``, ``spurious_*``, ``wrong_type``, ``wrong_role``
and the unknown-label categories too (detail ``by text``). Misses are listed once per
gold item: when a document has only text-scored predictions of a kind, as the gold's
missed text keys; otherwise as the gold items unmatched by span, less (in a document
that mixes both) those whose text key was found by text (detail ``not found by text
either``). The rows themselves always count every miss of their own view.

Where this differs from TextEE: multisets instead of sets (above); undefined ratios are
``None``, not 0; unknown labels are counted and listed, not dropped; realis, hoppers,
text-only items and coreference-aware arguments are additions.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from wiregold import paths

from . import coref
from .assignment import positive_pairs
from .base import (
    PRF,
    Accuracy,
    Doc,
    ErrorItem,
    Item,
    Row,
    ScoreConfig,
    render_span,
)
from .entity_match import merge_sorted_errors, normalized

__all__ = ["NAME", "EventCounts", "count", "empty"]

NAME = "events"

T = TypeVar("T")
U = TypeVar("U")
Span = tuple[int, int]
_EventKey = tuple[Span | None, str, str | None, str | None]  # span, type, realis, hopper


@cache
def _roles_by_type() -> Mapping[str, frozenset[str]]:
    """Event type -> its roles, from ``schema/inventory.json``."""
    inventory = json.loads(paths.inventory_path().read_text(encoding="utf-8"))
    return {kind: frozenset(roles) for kind, roles in inventory["event_types"].items()}


# ---------------------------------------------------------------------- items
# Plain slotted records, built once per document: their match keys are computed up front
# because matching looks them up many times. They are never compared or hashed.


@dataclass(eq=False, slots=True)
class _Event:
    """One event mention (gold or predicted), resolved against the document text."""

    index: int  # position in canonical order: the identity of the item
    span: Span | None
    text: str
    type: str
    realis: str | None
    hopper: str | None
    norm: str  # normalize_text(text)
    tc: tuple[Span | None, str] = field(init=False)
    text_key: tuple[str, str] = field(init=False)

    def __post_init__(self) -> None:
        self.tc = (self.span, self.type)
        self.text_key = (self.norm, self.type)

    def render(self) -> str:
        return f"{self.type} {_render(self.span, self.text)}"


@dataclass(eq=False, slots=True)
class _Argument:
    """One argument: its event, role and filler (span and/or text)."""

    index: int
    event: _Event
    role: str
    span: Span | None
    text: str | None  # None: unresolved (pred only)
    problem: str | None = None  # why a predicted filler could not be resolved
    entity: str | None = None  # gold mention fillers: the mention's entity
    entity_spans: frozenset[Span] = frozenset()  # gold: spans of every mention of it
    by_span: bool = field(init=False)
    text_key: tuple[str, str, str] | None = field(init=False)

    def __post_init__(self) -> None:
        event, text = self.event, self.text
        self.by_span = event.span is not None and (self.span is not None or text is None)
        self.text_key = None if text is None else (event.type, self.role, normalized(text))

    def render(self) -> str:
        filler = "?" if self.text is None else _render(self.span, self.text)
        return f"{self.event.render()} {self.role}: {filler}"


def _render(span: Span | None, text: str) -> str:
    if span is None:
        return render_span({"text": text})
    return render_span({"start": span[0], "end": span[1], "text": text})


def _dump(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)


class _Unreadable(ValueError):
    """Why a span-like object cannot be read; the caller adds where it is."""


def _surface(doc_text: str, obj: Item) -> tuple[Span | None, str]:
    """Span and surface text of a span-like object (text taken from the document)."""
    if "start" not in obj or "end" not in obj:
        text = obj.get("text")
        if not isinstance(text, str) or not text:
            raise _Unreadable("neither offsets nor text")
        return None, text
    start, end = obj["start"], obj["end"]
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(doc_text)):
        raise _Unreadable(f"offsets [{start}, {end}) do not fit the text")
    return (start, end), doc_text[start:end]


def _canonical_order(keys: Sequence[tuple[Any, ...]], tie: Callable[[int], str]) -> list[int]:
    """Positions sorted by ``(keys[i], tie(i))``, calling ``tie`` (a JSON dump) only for
    positions whose key is shared: the same order as sorting by the whole tuple."""
    order = sorted(range(len(keys)), key=keys.__getitem__)
    if len(set(keys)) == len(keys):
        return order
    start = 0
    for end in range(1, len(order) + 1):
        if end == len(order) or keys[order[end]] != keys[order[start]]:
            if end - start > 1:
                order[start:end] = sorted(order[start:end], key=tie)
            start = end
    return order


def _event_tie(item: Item) -> str:
    # The whole item breaks ties, its arguments in sorted order (their order is no data).
    arguments = sorted(_dump(a) for a in item.get("arguments") or [])
    return _dump({**item, "arguments": arguments})


def _event_key(span: Span | None, norm: str, kind: str, realis: str | None) -> tuple[Any, ...]:
    """The canonical order of events, before the tie-break ``_event_tie``."""
    return (span or (-1, -1), norm, kind, realis or "")


def _arg_key(event: _Event, role: str, span: Span | None, text: str | None) -> tuple[Any, ...]:
    """The canonical order of arguments, before the tie-break (the argument's JSON)."""
    return (event.index, role, span or (-1, -1), text or "")


def _sorted_events(
    items: Sequence[Item], read: Sequence[tuple[Span | None, str, str, str | None, str | None]]
) -> tuple[list[_Event], list[Item]]:
    """Events in canonical order (``read``: span, text, type, realis, hopper per item),
    with their items in the same order."""
    norms = [normalized(text) for _, text, _, _, _ in read]
    keys = [
        _event_key(span, norm, kind, realis)
        for (span, _, kind, realis, _), norm in zip(read, norms, strict=True)
    ]
    order = _canonical_order(keys, lambda i: _event_tie(items[i]))
    events = [_Event(n, *read[i], norms[i]) for n, i in enumerate(order)]
    return events, [items[i] for i in order]


def _sorted_arguments(
    found: Sequence[tuple[_Event, str, Span | None, str | None, str | None, str | None]],
    raw: Sequence[Item],
    entity_spans: Mapping[str, frozenset[Span]],
) -> list[_Argument]:
    """Arguments in canonical order (``found``: event, role, span, text, problem, entity)."""
    keys = [_arg_key(event, role, span, text) for event, role, span, text, _, _ in found]
    order = _canonical_order(keys, lambda i: _dump(raw[i]))
    arguments = []
    for n, i in enumerate(order):
        event, role, span, text, problem, entity = found[i]
        spans = entity_spans.get(entity, frozenset()) if entity else frozenset()
        arguments.append(_Argument(n, event, role, span, text, problem, entity, spans))
    return arguments


def _read_gold(gold: Doc, *, coref_arguments: bool) -> tuple[list[_Event], list[_Argument]]:
    text = gold["text"]
    mentions = {m["id"]: m for m in gold.get("mentions", [])}
    timexes = {t["id"]: t for t in gold.get("timexes", [])}
    entity_spans: dict[str, set[Span]] = {}
    for m in mentions.values() if coref_arguments else ():  # only coreference reads them
        entity_spans.setdefault(m["entity"], set()).add((m["start"], m["end"]))
    items = list(gold.get("events", []))
    read = []
    for n, item in enumerate(items):
        try:
            span, surface = _surface(text, item["trigger"])
        except _Unreadable as problem:
            raise ValueError(f"gold event {n}: {problem}") from None
        read.append((span, surface, item["type"], item["realis"], item["hopper"]))
    events, items = _sorted_events(items, read)
    found = []
    raw = []
    for event, item in zip(events, items, strict=True):
        for a in item.get("arguments", []):
            if "mention" in a:
                filler = mentions.get(a["mention"])
                entity = filler["entity"] if filler else None
            else:
                filler, entity = timexes.get(a.get("timex")), None
            if filler is None:
                raise ValueError(f"gold event {item.get('id')}: argument {a} names no item")
            try:
                span, surface = _surface(text, filler)
            except _Unreadable as problem:
                raise ValueError(f"gold argument of {item.get('id')}: {problem}") from None
            found.append((event, a["role"], span, surface, None, entity))
            raw.append(a)
    spans = {entity: frozenset(members) for entity, members in entity_spans.items()}
    return events, _sorted_arguments(found, raw, spans)


def _index(items: Iterable[Item]) -> tuple[dict[str, Item], Counter[str] | None]:
    """Items by id, and (only when an id is repeated) how many items have each id."""
    items = list(items)
    ids = [item.get("id") for item in items]
    by_id = {item_id: item for item_id, item in zip(ids, items, strict=True) if item_id is not None}
    repeated = len(by_id) < len(ids) - ids.count(None)
    return by_id, Counter(i for i in ids if i is not None) if repeated else None


_PLURAL = {"mention": "mentions", "timex": "timexes"}


def _read_pred(pred: Doc, doc_text: str) -> tuple[list[_Event], list[_Argument]]:
    layers = {name: _index(pred.get(name) or []) for name in ("mentions", "timexes")}
    items = list(pred.get("events") or [])
    read = []
    for n, item in enumerate(items):
        try:
            span, surface = _surface(doc_text, item["trigger"])
        except _Unreadable as problem:
            raise ValueError(f"predicted event {n}: {problem}") from None
        read.append((span, surface, item["type"], item.get("realis"), item.get("hopper")))
    events, items = _sorted_events(items, read)
    found = []
    raw = []
    for event, item in zip(events, items, strict=True):
        for n, a in enumerate(item.get("arguments") or []):
            problem = None
            span: Span | None = None
            surface: str | None = None
            ref = "mention" if "mention" in a else "timex" if "timex" in a else None
            filler: Item | None = a
            if ref is not None:
                layer = _PLURAL[ref]
                by_id, repeats = layers[layer]
                filler = by_id.get(a[ref])
                named = 0 if filler is None else repeats[a[ref]] if repeats else 1
                if named > 1:
                    filler = None
                    problem = f"{ref} id {a[ref]!r} names {named} predicted {layer}"
                elif not named:
                    problem = f"no predicted {ref} has id {a[ref]!r}"
            if filler is not None:
                try:
                    span, surface = _surface(doc_text, filler)
                except _Unreadable as unreadable:
                    where = f"predicted argument {n} of {event.render()}"
                    raise ValueError(f"{where}: {unreadable}") from None
            found.append((event, a["role"], span, surface, problem, None))
            raw.append(a)
    return events, _sorted_arguments(found, raw, {})


# ------------------------------------------------------------------- matching


def _match(
    preds: Sequence[T],
    golds: Sequence[U],
    *,
    head: Callable[[Any], Hashable],
    fits: Callable[[T, U], bool],
    prefer: Callable[[T, U], bool] | None = None,
) -> list[tuple[T, U]]:
    """A maximum one-to-one matching of predictions to gold items that share a head key
    and fit; among maximum matchings, one with the most ``prefer`` pairs.

    Both sequences come in canonical order, so ties break the same way whatever the
    input order.
    """
    gold_groups: dict[Hashable, list[U]] = {}
    for g in golds:
        key = head(g)
        if key in gold_groups:
            gold_groups[key].append(g)
        else:
            gold_groups[key] = [g]
    pred_groups: dict[Hashable, list[T]] = {}
    for p in preds:
        key = head(p)
        if key in pred_groups:
            pred_groups[key].append(p)
        elif key in gold_groups:
            pred_groups[key] = [p]
    pairs: list[tuple[T, U]] = []
    for key, group in pred_groups.items():
        candidates = gold_groups[key]
        if fits is _always and prefer is None:
            # Every weight is equal: the solver pairs the items in order (see
            # assignment._trivial), so no matrix is needed.
            pairs.extend(zip(group, candidates, strict=False))
            continue
        if len(group) == 1 and len(candidates) == 1:
            if fits(group[0], candidates[0]):
                pairs.append((group[0], candidates[0]))
            continue
        # A match weighs more than all preferences together: cardinality comes first.
        big = min(len(group), len(candidates)) + 1
        weights = [
            [(big + (1 if prefer and prefer(p, g) else 0)) if fits(p, g) else 0 for g in candidates]
            for p in group
        ]
        pairs.extend((group[i], candidates[j]) for i, j in positive_pairs(weights))
    return pairs


def _always(_p: Any, _g: Any) -> bool:
    return True


def _filler_fits(coref_arguments: bool) -> Callable[[_Argument, _Argument], bool]:
    def fits(p: _Argument, g: _Argument) -> bool:
        if p.span is None:
            return False
        if p.span == g.span:
            return True
        return coref_arguments and g.entity is not None and p.span in g.entity_spans

    return fits


def _same_span(p: _Argument, g: _Argument) -> bool:
    return p.span == g.span


def _same_realis(p: _Event, g: _Event) -> bool:
    return p.realis == g.realis


_SPAN = attrgetter("span")
_TC = attrgetter("tc")
_TC_REALIS = attrgetter("tc", "realis")
_TYPE = attrgetter("type")

# Head keys of the argument rows: everything but the filler.
_HEAD_FIELDS = {
    "AI": ("event.type",),
    "AC": ("event.type", "role"),
    "AI+": ("event.type", "event.span"),
    "AC+": ("event.type", "event.span", "role"),
}
_ARG_HEADS: dict[str, Callable[[_Argument], Hashable]] = {
    name: attrgetter(*names) for name, names in _HEAD_FIELDS.items()
}
# The same with the filler's span: exact-span matching (no coreference) in small groups.
_ARG_SPAN_HEADS: dict[str, Callable[[_Argument], Hashable]] = {
    name: attrgetter(*names, "span") for name, names in _HEAD_FIELDS.items()
}


def _common(
    preds: Iterable[T], golds: Iterable[U], key: Callable[[Any], Hashable]
) -> dict[Hashable, int]:
    """Per key, the pairs a maximum matching of items with equal keys holds: the smaller
    count (``_match`` with ``_always``, whose group sizes only matter, counted)."""
    found, wanted = Counter(map(key, preds)), Counter(map(key, golds))
    return {k: min(n, wanted[k]) for k, n in found.items() if k in wanted}


def _argument_rows(
    span_preds: Sequence[_Argument],
    gold_args: Sequence[_Argument],
    *,
    coref_arguments: bool,
    strict_pairs: bool,
) -> tuple[dict[str, int], Counter[str], list[tuple[_Argument, _Argument]]]:
    """Correct arguments of each row (AI, AC, AI+, AC+), the AC ones by event type, and
    (when ``strict_pairs``) the AC+ matching itself."""
    if coref_arguments:
        fits = _filler_fits(coref_arguments)
        pairs = {
            name: _match(span_preds, gold_args, head=head, fits=fits, prefer=_same_span)
            for name, head in _ARG_HEADS.items()
        }
        by_type = Counter(p.event.type for p, _ in pairs["AC"])
        return {name: len(found) for name, found in pairs.items()}, by_type, pairs["AC+"]
    # Exact spans: a prediction with a span fits every gold item of equal head and span,
    # always with the same-span preference, so all weights of a group are equal (the
    # solver pairs in order) and only group sizes count; one without a span fits nothing.
    spanned = [p for p in span_preds if p.span is not None]
    common = {name: _common(spanned, gold_args, head) for name, head in _ARG_SPAN_HEADS.items()}
    by_type: Counter[str] = Counter()
    for (kind, _, _), n in common["AC"].items():
        by_type[kind] += n
    strict = []
    if strict_pairs:
        strict = _match(spanned, gold_args, head=_ARG_SPAN_HEADS["AC+"], fits=_always)
    return {name: sum(found.values()) for name, found in common.items()}, by_type, strict


def _by_type(
    correct: Mapping[str, int],
    preds: Iterable[Any],
    golds: Iterable[Any],
    kind: Callable[[Any], str],
) -> dict[str, PRF]:
    return _breakdown(correct, Counter(map(kind, preds)), Counter(map(kind, golds)))


def _breakdown(
    correct: Mapping[str, int], predicted: Mapping[str, int], gold: Mapping[str, int]
) -> dict[str, PRF]:
    """Per label (sorted): correct, predicted and gold items."""
    labels = sorted(predicted.keys() | gold.keys())
    return {
        label: PRF(correct.get(label, 0), predicted.get(label, 0), gold.get(label, 0))
        for label in labels
    }


# --------------------------------------------------------------------- counts


def _merge(a: Mapping[str, PRF], b: Mapping[str, PRF]) -> dict[str, PRF]:
    """Key-wise ``a + b`` (a missing side counts as ``PRF()``), keys sorted. Keys of one
    side only keep their value (``x + PRF()`` equals ``x``): one addition per key of
    ``b``, and no sort when ``b`` brings no new key into an already sorted ``a``."""
    merged = dict(a)
    for key, value in b.items():
        merged[key] = merged[key] + value if key in merged else PRF() + value
    keys = list(merged)
    return merged if keys == sorted(keys) else {key: merged[key] for key in sorted(keys)}


_Score = TypeVar("_Score", bound=coref.PRScore)


def _add_scores(a: _Score, b: _Score) -> _Score:
    """``a + b`` of two coreference scores of one metric (their four counts), without
    the generic field walk of ``coref._Summable.__add__`` (once per document and metric)."""
    return type(a)(
        a.recall_num + b.recall_num,
        a.recall_den + b.recall_den,
        a.precision_num + b.precision_num,
        a.precision_den + b.precision_den,
    )


@dataclass(frozen=True)
class EventCounts:
    """Counts of one or more documents; ratios are derived; ``+`` sums documents.

    ``realis_predicted`` / ``hoppers_predicted`` record whether any span-scored predicted
    event carried a realis / a hopper (OR-ed over documents): without one, that metric is
    reported as not scored. ``tc_by_type`` / ``ac_by_type`` are the per-event-type
    breakdowns of TC and AC (they sum to the totals).
    """

    ti: PRF = field(default_factory=PRF)
    tc: PRF = field(default_factory=PRF)
    ai: PRF = field(default_factory=PRF)
    ac: PRF = field(default_factory=PRF)
    ai_plus: PRF = field(default_factory=PRF)
    ac_plus: PRF = field(default_factory=PRF)
    tc_text: PRF = field(default_factory=PRF)
    ac_text: PRF = field(default_factory=PRF)
    realis: Accuracy = field(default_factory=Accuracy)
    realis_predicted: bool = False
    hopper_muc: coref.MUCScore = field(default_factory=lambda: coref.MUCScore(0, 0, 0, 0))
    hopper_bcub: coref.BCubedScore = field(default_factory=lambda: coref.BCubedScore(0, 0, 0, 0))
    hopper_ceafe: coref.CEAFeScore = field(default_factory=lambda: coref.CEAFeScore(0, 0, 0, 0))
    hopper_lea: coref.LEAScore = field(default_factory=lambda: coref.LEAScore(0, 0, 0, 0))
    hoppers_predicted: bool = False
    triggers_by_span: int = 0
    triggers_by_text: int = 0
    arguments_by_span: int = 0
    arguments_by_text: int = 0
    arguments_unresolved: int = 0
    tc_by_type: Mapping[str, PRF] = field(default_factory=dict)
    ac_by_type: Mapping[str, PRF] = field(default_factory=dict)
    errors: tuple[ErrorItem, ...] = ()

    def __add__(self, other: EventCounts) -> EventCounts:
        if not isinstance(other, EventCounts):
            return NotImplemented
        return EventCounts(
            ti=self.ti + other.ti,
            tc=self.tc + other.tc,
            ai=self.ai + other.ai,
            ac=self.ac + other.ac,
            ai_plus=self.ai_plus + other.ai_plus,
            ac_plus=self.ac_plus + other.ac_plus,
            tc_text=self.tc_text + other.tc_text,
            ac_text=self.ac_text + other.ac_text,
            realis=self.realis + other.realis,
            realis_predicted=self.realis_predicted or other.realis_predicted,
            hopper_muc=_add_scores(self.hopper_muc, other.hopper_muc),
            hopper_bcub=_add_scores(self.hopper_bcub, other.hopper_bcub),
            hopper_ceafe=_add_scores(self.hopper_ceafe, other.hopper_ceafe),
            hopper_lea=_add_scores(self.hopper_lea, other.hopper_lea),
            hoppers_predicted=self.hoppers_predicted or other.hoppers_predicted,
            triggers_by_span=self.triggers_by_span + other.triggers_by_span,
            triggers_by_text=self.triggers_by_text + other.triggers_by_text,
            arguments_by_span=self.arguments_by_span + other.arguments_by_span,
            arguments_by_text=self.arguments_by_text + other.arguments_by_text,
            arguments_unresolved=self.arguments_unresolved + other.arguments_unresolved,
            tc_by_type=_merge(self.tc_by_type, other.tc_by_type),
            ac_by_type=_merge(self.ac_by_type, other.ac_by_type),
            errors=merge_sorted_errors(self.errors, other.errors),
        )

    @property
    def hopper_conll(self) -> coref.ConllScore:
        return coref.ConllScore(self.hopper_muc, self.hopper_bcub, self.hopper_ceafe)

    def rows(self) -> list[Row]:
        """Readable report lines, TC first (the headline). A ``None`` value: not scored."""
        hoppers = self.hoppers_predicted
        return [
            Row("TC", self.tc),
            Row("TI", self.ti),
            Row("AI", self.ai),
            Row("AC", self.ac),
            Row("AI+", self.ai_plus),
            Row("AC+", self.ac_plus),
            Row("realis accuracy", self.realis if self.realis_predicted else None),
            Row("hopper CoNLL", self.hopper_conll if hoppers else None),
            Row("hopper MUC", self.hopper_muc if hoppers else None),
            Row("hopper B3", self.hopper_bcub if hoppers else None),
            Row("hopper CEAF-e", self.hopper_ceafe if hoppers else None),
            Row("hopper LEA", self.hopper_lea if hoppers else None),
            Row("TC (text)", self.tc_text if self.triggers_by_text else None),
            Row("AC (text)", self.ac_text if self.arguments_by_text else None),
        ]

    def to_dict(self) -> dict[str, Any]:
        def value(v: Any) -> dict[str, Any]:
            return {"scored": False} if v is None else {"scored": True, **v.to_dict()}

        return {
            "totals": {row.metric: value(row.value) for row in self.rows()},
            "counts": {
                "triggers_by_span": self.triggers_by_span,
                "triggers_by_text": self.triggers_by_text,
                "arguments_by_span": self.arguments_by_span,
                "arguments_by_text": self.arguments_by_text,
                "arguments_unresolved": self.arguments_unresolved,
                "realis_predicted": self.realis_predicted,
                "hoppers_predicted": self.hoppers_predicted,
            },
            "breakdowns": {
                "TC": {label: prf.to_dict() for label, prf in self.tc_by_type.items()},
                "AC": {label: prf.to_dict() for label, prf in self.ac_by_type.items()},
            },
        }


def empty(*, config: ScoreConfig) -> EventCounts:
    """The neutral element of ``+``."""
    _check_config(config)
    return EventCounts()


def _check_config(config: ScoreConfig) -> None:
    if not isinstance(config, ScoreConfig):
        raise ValueError(f"config must be a ScoreConfig, got {type(config).__name__}")
    if not isinstance(config.coref_arguments, bool):
        raise ValueError(f"coref_arguments must be a bool, got {config.coref_arguments!r}")


# ---------------------------------------------------------------------- count


class _Errors:
    """Collects the error items of one document."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.items: list[ErrorItem] = []

    def add(
        self,
        category: str,
        *,
        gold: str | _Event | _Argument | None = None,
        pred: str | _Event | _Argument | None = None,
        detail: str | None = None,
        gold_span: Span | None = None,
        pred_span: Span | None = None,
    ) -> None:
        """An item is rendered, and its span (trigger, or argument filler) recorded."""
        self.items.append(
            ErrorItem(
                NAME,
                self.doc_id,
                category,
                _shown(gold),
                _shown(pred),
                detail,
                gold_span=gold_span or _span_of(gold),
                pred_span=pred_span or _span_of(pred),
            )
        )


def _shown(item: str | _Event | _Argument | None) -> str | None:
    return item if item is None or isinstance(item, str) else item.render()


def _span_of(item: str | _Event | _Argument | None) -> Span | None:
    return item.span if isinstance(item, _Event | _Argument) else None


_REPEATED = "same text key as an earlier text-scored item: scored once (text keys are a set)"


def _known_type(kind: str) -> bool:
    return kind in _roles_by_type()


def _known_role(arg: _Argument) -> bool:
    return arg.role in _roles_by_type().get(arg.event.type, frozenset())


def _unknown_detail(arg: _Argument) -> str:
    if not _known_type(arg.event.type):
        return f"event type {arg.event.type!r} is not in the inventory"
    return f"role {arg.role!r} is not a role of {arg.event.type} in the inventory"


def _split_duplicates(
    unmatched: Sequence[T],
    *,
    key: Callable[[T], Hashable],
    taken: Callable[[T], bool],
) -> tuple[list[T], list[T]]:
    """(duplicates, the rest): a duplicate fits a gold item already matched (``taken``)
    or repeats the key of an earlier unmatched prediction."""
    seen: set[Hashable] = set()
    duplicates, rest = [], []
    for p in unmatched:
        if taken(p) or key(p) in seen:
            duplicates.append(p)
        else:
            seen.add(key(p))
            rest.append(p)
    return duplicates, rest


def _pair_leftovers(
    preds: Sequence[T],
    golds: Sequence[U],
    *,
    head: Callable[[Any], Hashable],
    fits: Callable[[T, U], bool] = _always,
) -> tuple[list[tuple[T, U]], list[T], list[U]]:
    """Pairs of leftover predictions and gold items (for error categories), and the rest."""
    pairs = _match(
        list(enumerate(preds)),
        list(enumerate(golds)),
        head=lambda x: head(x[1]),
        fits=_always if fits is _always else lambda p, g: fits(p[1], g[1]),
    )
    paired_p = {i for (i, _), _ in pairs}
    paired_g = {j for _, (j, _) in pairs}
    return (
        [(p, g) for (_, p), (_, g) in pairs],
        [p for i, p in enumerate(preds) if i not in paired_p],
        [g for j, g in enumerate(golds) if j not in paired_g],
    )


_Gold = TypeVar("_Gold", _Event, _Argument)


def _text_prf(found: set[Hashable], golds: Iterable[_Gold], *, unresolved: int = 0) -> PRF:
    """A text row: the distinct predicted keys against the gold's distinct keys."""
    gold_keys = {g.text_key for g in golds}
    return PRF(len(found & gold_keys), len(found) + unresolved, len(gold_keys))


def _misses(
    missed: Sequence[_Gold],
    missed_keys: Sequence[Hashable],
    *,
    span_scored: bool,
    text_scored: bool,
    text_hits: Iterable[Hashable],
) -> tuple[list[_Gold], list[Hashable], str | None]:
    """The misses to list (gold items, gold text keys) and their detail.

    Gold items unmatched by span when the document has span-scored predictions or none at
    all, less those whose text key was found by text; gold text keys when it has only
    text-scored predictions. A pure text system so does not get every item listed twice.
    """
    if text_scored and not span_scored:
        return [], list(missed_keys), "by text"
    if not text_scored:
        return list(missed), [], None
    found = set(text_hits)
    return [g for g in missed if g.text_key not in found], [], "not found by text either"


def _trigger_counts(
    gold_events: list[_Event], pred_events: list[_Event], errors: _Errors | None
) -> tuple[dict[str, Any], tuple[set[int], set[int]]]:
    """Counts of the trigger rows and realis, and the indices of the TC-matched events
    (predicted, gold); without ``errors``, only the counts (and empty indices)."""
    span_preds = [e for e in pred_events if e.span is not None]
    text_preds = [e for e in pred_events if e.span is None]
    ti = sum(_common(span_preds, gold_events, _SPAN).values())
    if errors is None:
        # Counted, not matched. Within a TC key every pair fits, so the optimal matching
        # holds min(predicted, gold) pairs, and as many agreeing on realis as any can:
        # min(predicted, gold) per realis value (pairing the rest keeps the cardinality).
        common = _common(span_preds, gold_events, _TC)
        tc_correct = sum(common.values())
        agreed = sum(_common(span_preds, gold_events, _TC_REALIS).values())
        tc_by_type: Counter[str] = Counter()
        for (_, kind), n in common.items():
            tc_by_type[kind] += n
    else:
        tc = _match(span_preds, gold_events, head=_TC, fits=_always, prefer=_same_realis)
        tc_correct = len(tc)
        agreed = sum(1 for p, g in tc if p.realis == g.realis)
        tc_by_type = Counter(p.type for p, _ in tc)
    realis_predicted = any(e.realis is not None for e in span_preds)
    counts: dict[str, Any] = {
        "ti": PRF(ti, len(span_preds), len(gold_events)),
        "tc": PRF(tc_correct, len(span_preds), len(gold_events)),
        "realis": Accuracy(agreed, tc_correct),
        "realis_predicted": realis_predicted,
        "triggers_by_span": len(span_preds),
        "triggers_by_text": len(text_preds),
        "tc_by_type": _by_type(tc_by_type, span_preds, gold_events, _TYPE),
    }
    if errors is None:
        counts["tc_text"] = _text_prf({p.text_key for p in text_preds}, gold_events)
        return counts, (set(), set())

    # Errors against TC, by span.
    if realis_predicted:
        for p, g in tc:
            if p.realis != g.realis:
                errors.add(
                    "wrong_realis",
                    gold=f"{g.render()} realis {g.realis}",
                    pred=f"{p.render()} realis {p.realis or '(none)'}",
                    gold_span=g.span,
                    pred_span=p.span,
                )
    matched_p = {p.index for p, _ in tc}
    matched_g = {g.index for _, g in tc}
    matched_keys = {p.tc for p, _ in tc}
    duplicates, rest = _split_duplicates(
        [p for p in span_preds if p.index not in matched_p],
        key=lambda e: e.tc,
        taken=lambda e: e.tc in matched_keys,
    )
    for p in duplicates:
        errors.add("duplicate", pred=p, detail="the same trigger and type again")
    missed = [g for g in gold_events if g.index not in matched_g]
    retyped, spurious, missed = _pair_leftovers(rest, missed, head=lambda e: e.span)
    for p, g in retyped:
        category = "wrong_type" if _known_type(p.type) else "unknown_type"
        errors.add(category, gold=g, pred=p, detail="trigger span matches")
    for p in spurious:
        known = _known_type(p.type)
        errors.add(
            "spurious_trigger" if known else "unknown_type",
            pred=p,
            detail=None if known else f"event type {p.type!r} is not in the inventory",
        )
    # Text-only triggers: distinct keys against the gold's distinct keys.
    gold_keys = {g.text_key for g in gold_events}
    pred_keys: dict[tuple[str, str], _Event] = {}
    for p in text_preds:
        if p.text_key in pred_keys:
            errors.add("repeated_text", pred=p, detail=_REPEATED)
        else:
            pred_keys[p.text_key] = p
    hits = pred_keys.keys() & gold_keys
    counts["tc_text"] = PRF(len(hits), len(pred_keys), len(gold_keys))
    rest_p = [k for k in pred_keys if k not in hits]
    rest_g = [k for k in gold_keys if k not in hits]
    retyped_keys, spurious_keys, missed_keys = _pair_leftovers(
        sorted(rest_p), sorted(rest_g), head=lambda k: k[0]
    )

    def text_render(key: tuple[str, str]) -> str:
        return f"{key[1]} {key[0]!r} (by text)"

    for pk, gk in retyped_keys:
        category = "wrong_type" if _known_type(pk[1]) else "unknown_type"
        errors.add(category, gold=text_render(gk), pred=pred_keys[pk], detail="by text")
    for pk in spurious_keys:
        category = "spurious_trigger" if _known_type(pk[1]) else "unknown_type"
        errors.add(category, pred=pred_keys[pk], detail="by text")
    missed, missed_keys, detail = _misses(
        missed,
        missed_keys,
        span_scored=bool(span_preds),
        text_scored=bool(text_preds),
        text_hits=hits,
    )
    for g in missed:
        errors.add("missed_trigger", gold=g, detail=detail)
    for gk in missed_keys:
        errors.add("missed_trigger", gold=text_render(gk), detail=detail)
    return counts, (matched_p, matched_g)


def _argument_counts(
    gold_args: list[_Argument],
    pred_args: list[_Argument],
    *,
    coref_arguments: bool,
    matched_events: tuple[set[int], set[int]],
    errors: _Errors | None,
) -> dict[str, Any]:
    span_preds = [a for a in pred_args if a.by_span]
    text_preds = [a for a in pred_args if not a.by_span]
    correct, ac_by_type, strict = _argument_rows(
        span_preds, gold_args, coref_arguments=coref_arguments, strict_pairs=errors is not None
    )
    n_pred, n_gold = len(span_preds), len(gold_args)
    counts: dict[str, Any] = {
        "ai": PRF(correct["AI"], n_pred, n_gold),
        "ac": PRF(correct["AC"], n_pred, n_gold),
        "ai_plus": PRF(correct["AI+"], n_pred, n_gold),
        "ac_plus": PRF(correct["AC+"], n_pred, n_gold),
        "arguments_by_span": n_pred,
        "arguments_by_text": len(text_preds),
        "arguments_unresolved": sum(1 for a in pred_args if a.text is None),
        "ac_by_type": _by_type(ac_by_type, span_preds, gold_args, _ARG_HEADS["AI"]),
    }
    if errors is None:
        keys = [a.text_key for a in text_preds]
        found = {key for key in keys if key is not None}
        counts["ac_text"] = _text_prf(found, gold_args, unresolved=keys.count(None))
        return counts

    # Errors against AC+, by span.
    fits = _filler_fits(coref_arguments)
    matched_pred_events, matched_gold_events = matched_events

    def pred_detail(a: _Argument) -> str | None:
        return None if a.event.index in matched_pred_events else "its trigger is not matched (TC)"

    def gold_detail(a: _Argument) -> str | None:
        return None if a.event.index in matched_gold_events else "its trigger is not matched (TC)"

    matched_p = {p.index for p, _ in strict}
    matched_g = {g.index for _, g in strict}
    taken = [g for _, g in strict]
    head_acp = _ARG_HEADS["AC+"]
    unmatched = [p for p in span_preds if p.index not in matched_p]
    for p in unmatched:
        if p.text is None:
            errors.add("unresolved_argument", pred=p, detail=p.problem)
    duplicates, rest = _split_duplicates(
        [p for p in unmatched if p.text is not None],
        key=lambda a: (head_acp(a), a.span),
        taken=lambda a: any(head_acp(a) == head_acp(g) and fits(a, g) for g in taken),
    )
    for p in duplicates:
        errors.add("duplicate", pred=p, detail="the same argument of the same trigger")
    missed = [g for g in gold_args if g.index not in matched_g]
    roled, rest, missed = _pair_leftovers(rest, missed, head=_ARG_HEADS["AI+"], fits=fits)
    for p, g in roled:
        if _known_role(p):
            errors.add("wrong_role", gold=g, pred=p)
        else:
            errors.add("unknown_role", gold=g, pred=p, detail=_unknown_detail(p))
    moved, rest, missed = _pair_leftovers(rest, missed, head=_ARG_HEADS["AC"], fits=fits)
    for p, g in moved:
        errors.add(
            "wrong_trigger",
            gold=g,
            pred=p,
            detail="same type, role and filler; another trigger",
        )
    for p in rest:
        if _known_role(p):
            errors.add("spurious_argument", pred=p, detail=pred_detail(p))
        else:
            errors.add("unknown_role", pred=p, detail=_unknown_detail(p))
    # Text-scored arguments: distinct keys against the gold's distinct keys.
    gold_keys = {g.text_key for g in gold_args}
    pred_keys: dict[tuple[str, str, str], _Argument] = {}
    unresolved = 0
    for p in text_preds:
        key = p.text_key
        if key is None:
            unresolved += 1
            errors.add("unresolved_argument", pred=p, detail=p.problem)
        elif key in pred_keys:
            errors.add("repeated_text", pred=p, detail=_REPEATED)
        else:
            pred_keys[key] = p
    hits = pred_keys.keys() & gold_keys
    counts["ac_text"] = PRF(len(hits), len(pred_keys) + unresolved, len(gold_keys))
    rest_p = sorted(k for k in pred_keys if k not in hits)
    rest_g = sorted(k for k in gold_keys if k not in hits)
    roled_keys, spurious_keys, missed_keys = _pair_leftovers(
        rest_p, rest_g, head=lambda k: (k[0], k[2])
    )

    def text_render(key: tuple[str, str, str]) -> str:
        return f"{key[0]} {key[1]}: {key[2]!r} (by text)"

    for pk, gk in roled_keys:
        p = pred_keys[pk]
        if _known_role(p):
            errors.add("wrong_role", gold=text_render(gk), pred=p, detail="by text")
        else:
            errors.add("unknown_role", gold=text_render(gk), pred=p, detail=_unknown_detail(p))
    for pk in spurious_keys:
        p = pred_keys[pk]
        if _known_role(p):
            errors.add("spurious_argument", pred=p, detail="by text")
        else:
            errors.add("unknown_role", pred=p, detail=_unknown_detail(p))
    missed, missed_keys, detail = _misses(
        missed,
        missed_keys,
        span_scored=bool(span_preds),
        text_scored=bool(text_preds),
        text_hits=hits,
    )
    for g in missed:
        errors.add("missed_argument", gold=g, detail=gold_detail(g) or detail)
    for gk in missed_keys:
        errors.add("missed_argument", gold=text_render(gk), detail=detail)
    return counts


def _clusters(events: Iterable[_EventKey]) -> list[list[tuple[int, int, str]]]:
    """Hopper clusters of span-scored event mentions keyed (start, end, type) from
    ``(span, type, realis, hopper)`` keys; a key seen twice is kept once, in the hopper whose
    id sorts first; no hopper = a singleton."""
    hopper_of: dict[tuple[int, int, str], str | None] = {}
    for span, kind, _, hopper in events:
        if span is None:
            continue
        key = (span[0], span[1], kind)
        if key not in hopper_of or _hopper_rank(hopper) < _hopper_rank(hopper_of[key]):
            hopper_of[key] = hopper
    clusters: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    singletons = []
    for key, hopper in sorted(hopper_of.items()):
        if hopper is None:
            singletons.append([key])
        else:
            clusters[hopper].append(key)
    return [clusters[h] for h in sorted(clusters)] + singletons


def _hopper_rank(hopper: str | None) -> tuple[bool, str]:
    return (hopper is None, hopper or "")


def _triggers(events: Iterable[_Event]) -> list[_EventKey]:
    return [(e.span, e.type, e.realis, e.hopper) for e in events]


def _hopper_counts(
    gold_events: Sequence[_EventKey], pred_events: Sequence[_EventKey]
) -> dict[str, Any]:
    # Only the four metrics kept, from one alignment.
    scores = coref.score_all(
        key=_clusters(gold_events),
        response=_clusters(pred_events),
        metrics=("muc", "bcub", "ceafe", "lea"),
    )
    return {
        "hopper_muc": scores["muc"],
        "hopper_bcub": scores["bcub"],
        "hopper_ceafe": scores["ceafe"],
        "hopper_lea": scores["lea"],
        "hoppers_predicted": any(
            h is not None for span, _, _, h in pred_events if span is not None
        ),
    }


# ---------------------------------------------------------------- quick counts
# errors=False without coreference-aware arguments: every count is a function of key
# multisets (see _trigger_counts and _argument_rows), so the items are read straight into
# lists of keys, with no records and no canonical order (no count depends on order).


_ArgKey = tuple[str, Span | None, str, Span]  # event type, trigger span, role, filler span


@dataclass(slots=True)
class _Keys:
    """One side of a document: its span-scored events, the span-scored arguments with a
    filler span (an ``_ARG_SPAN_HEADS["AC+"]`` key each) and the event types of all
    span-scored arguments; the distinct text keys of the text-scored items."""

    events: list[_EventKey] = field(default_factory=list)
    args: list[_ArgKey] = field(default_factory=list)
    arg_types: list[str] = field(default_factory=list)
    text: set[tuple[str, str]] = field(default_factory=set)
    arg_text: set[tuple[str, str, str]] = field(default_factory=set)
    text_events: int = 0
    text_args: int = 0
    unresolved: int = 0  # arguments whose filler could not be resolved
    unresolved_text: int = 0  # ... of them, those scored by text

    def events_by_realis(self) -> list[tuple[Span | None, str, str | None]]:
        """The TC keys with realis: (span, type, realis)."""
        return [e[:3] for e in self.events]


def _quick_gold(gold: Doc) -> _Keys:
    """Keys of the gold (every event and argument; text keys of all of them too)."""
    text = gold["text"]
    keys = _Keys()
    events = gold.get("events", [])
    if any(item.get("arguments") for item in events):
        mentions = {m["id"]: m for m in gold.get("mentions", [])}
        timexes = {t["id"]: t for t in gold.get("timexes", [])}
    for item in events:
        span, surface = _surface(text, item["trigger"])
        kind = item["type"]
        keys.events.append((span, kind, item["realis"], item["hopper"]))
        keys.text.add((normalized(surface), kind))
        for a in item.get("arguments", []):
            filler = mentions.get(a["mention"]) if "mention" in a else timexes.get(a.get("timex"))
            if filler is None:
                raise _Unreadable("an argument names no item")
            filler_span, filler_text = _surface(text, filler)
            role = a["role"]
            keys.arg_types.append(kind)
            if filler_span is not None:
                keys.args.append((kind, span, role, filler_span))
            keys.arg_text.add((kind, role, normalized(filler_text)))
    return keys


def _quick_pred(pred: Doc, doc_text: str) -> _Keys:
    """Keys of the prediction: span-scored items as in ``_read_pred``, text keys of the
    text-scored ones."""
    keys = _Keys()
    layers = {name: _index(pred.get(name) or []) for name in ("mentions", "timexes")}
    for item in pred.get("events") or []:
        span, surface = _surface(doc_text, item["trigger"])
        kind = item["type"]
        if span is None:
            keys.text_events += 1
            keys.text.add((normalized(surface), kind))
        else:
            keys.events.append((span, kind, item.get("realis"), item.get("hopper")))
        for a in item.get("arguments") or []:
            filler_span, filler_text = _quick_filler(a, doc_text, layers)
            role = a["role"]
            if filler_text is None:
                keys.unresolved += 1
            if span is not None and (filler_span is not None or filler_text is None):
                keys.arg_types.append(kind)
                if filler_span is not None:
                    keys.args.append((kind, span, role, filler_span))
            elif filler_text is None:
                keys.text_args += 1
                keys.unresolved_text += 1
            else:
                keys.text_args += 1
                keys.arg_text.add((kind, role, normalized(filler_text)))
    return keys


def _quick_filler(
    a: Item, doc_text: str, layers: Mapping[str, tuple[dict[str, Item], Counter[str] | None]]
) -> tuple[Span | None, str | None]:
    """Span and text of a predicted argument's filler; ``(None, None)`` when its id names
    no predicted item or several (as ``_read_pred``)."""
    ref = "mention" if "mention" in a else "timex" if "timex" in a else None
    if ref is None:
        return _surface(doc_text, a)
    by_id, repeats = layers[_PLURAL[ref]]
    filler = by_id.get(a[ref])
    if filler is None or (repeats and repeats[a[ref]] > 1):
        return None, None
    return _surface(doc_text, filler)


K = TypeVar("K", bound=Hashable)


def _peel(found: list[K], wanted: list[K]) -> tuple[dict[K, int], list[K], list[K]]:
    """``_common`` of two lists of keys, and the keys left over on each side.

    By sets when no key repeats (the usual case: a Counter costs more than the few keys
    of a document). For any coarser key (a function of this one), the pairs of a maximum
    matching are these plus those of the leftovers: per coarse key, min(a, b) = m +
    min(a - m, b - m) where m <= min(a, b) pairs were matched by the finer key.
    """
    have, need = set(found), set(wanted)
    if len(have) == len(found) and len(need) == len(wanted):
        both = have & need
        if len(both) == len(found) == len(wanted):
            return dict.fromkeys(both, 1), [], []
        return (
            dict.fromkeys(both, 1),
            [k for k in found if k not in both],
            [k for k in wanted if k not in both],
        )
    counted, needed = Counter(found), Counter(wanted)
    common = counted & needed
    return dict(common), list((counted - common).elements()), list((needed - common).elements())


def _coarse(
    found: list[tuple[Any, ...]], wanted: list[tuple[Any, ...]], at: tuple[int, ...]
) -> dict[Any, int]:
    """``_common`` of the leftovers by the coarser key made of positions ``at``."""
    if not found or not wanted:
        return {}
    pick = itemgetter(*at)
    return _peel(list(map(pick, found)), list(map(pick, wanted)))[0]


def _by_kind(*commons: tuple[Mapping[tuple[Any, ...], int], int]) -> dict[str, int]:
    """Pairs per event type, from ``(common, position of the type in its keys)``."""
    found: dict[str, int] = {}
    for common, at in commons:
        for key, n in common.items():
            found[key[at]] = found.get(key[at], 0) + n
    return found


def _tally(labels: list[str]) -> Mapping[str, int]:
    """``Counter(labels)``; for a few labels, by ``list.count`` (cheaper than a Counter)."""
    if len(labels) > 32:
        return Counter(labels)
    return {label: labels.count(label) for label in set(labels)}


def _quick_counts(gold: _Keys, pred: _Keys) -> dict[str, Any]:
    """Every count of ``EventCounts`` but the errors, as the general path gives them.

    Each row is the matching of the finest key (TC with realis; AC+) plus that of a
    coarser key over the leftovers (see ``_peel``).
    """
    agreed, pred_left, gold_left = _peel(pred.events_by_realis(), gold.events_by_realis())
    tc_left = _coarse(pred_left, gold_left, (0, 1))
    ti = sum(agreed.values()) + sum(_coarse(pred_left, gold_left, (0,)).values())
    tc_correct = sum(agreed.values()) + sum(tc_left.values())
    n_events, n_gold_events = len(pred.events), len(gold.events)
    acp, pred_args, gold_args = _peel(pred.args, gold.args)
    ac_left = _coarse(pred_args, gold_args, (0, 2, 3))
    n_acp = sum(acp.values())
    correct = {
        "ai": n_acp + sum(_coarse(pred_args, gold_args, (0, 3)).values()),
        "ac": n_acp + sum(ac_left.values()),
        "ai_plus": n_acp + sum(_coarse(pred_args, gold_args, (0, 1, 3)).values()),
        "ac_plus": n_acp,
    }
    n_args, n_gold_args = len(pred.arg_types), len(gold.arg_types)
    return {
        "ti": PRF(ti, n_events, n_gold_events),
        "tc": PRF(tc_correct, n_events, n_gold_events),
        "realis": Accuracy(sum(agreed.values()), tc_correct),
        "realis_predicted": any(e[2] is not None for e in pred.events),
        "triggers_by_span": n_events,
        "triggers_by_text": pred.text_events,
        "tc_by_type": _breakdown(
            _by_kind((agreed, 1), (tc_left, 1)),
            _tally([e[1] for e in pred.events]),
            _tally([e[1] for e in gold.events]),
        ),
        "tc_text": PRF(len(pred.text & gold.text), len(pred.text), len(gold.text)),
        **{name: PRF(n, n_args, n_gold_args) for name, n in correct.items()},
        "arguments_by_span": n_args,
        "arguments_by_text": pred.text_args,
        "arguments_unresolved": pred.unresolved,
        "ac_by_type": _breakdown(
            _by_kind((acp, 0), (ac_left, 0)), _tally(pred.arg_types), _tally(gold.arg_types)
        ),
        "ac_text": PRF(
            len(pred.arg_text & gold.arg_text),
            len(pred.arg_text) + pred.unresolved_text,
            len(gold.arg_text),
        ),
    } | _hopper_counts(gold.events, pred.events)


def _quick(gold: Doc, pred: Doc) -> EventCounts | None:
    """The counts without errors, or None when an item cannot be read (the general path
    then raises the error it documents)."""
    try:
        gold_keys = _quick_gold(gold)
        pred_keys = _quick_pred(pred, gold["text"])
    except (_Unreadable, LookupError, TypeError):
        return None
    return EventCounts(**_quick_counts(gold_keys, pred_keys))


def count(*, gold: Doc, pred: Doc, config: ScoreConfig, errors: bool = True) -> EventCounts:
    """Align the predicted events of one document to the gold, count, list the errors.

    ``gold`` is a validated gold document, ``pred`` a validated prediction for it (layers
    may be missing). Raises ``ValueError`` when the prediction is for another document or
    an item cannot be read (offsets outside the text, a trigger without offsets or text).
    With ``errors=False`` no error item is built (``errors`` is empty); every count is
    the same.
    """
    _check_config(config)
    doc_id = gold["id"]
    pred_id = pred.get("doc_id", pred.get("id"))
    if pred_id is not None and pred_id != doc_id:
        raise ValueError(f"prediction for document {pred_id!r} scored against gold {doc_id!r}")
    if not errors and not config.coref_arguments:
        quick = _quick(gold, pred)
        if quick is not None:
            return quick
    gold_events, gold_args = _read_gold(gold, coref_arguments=config.coref_arguments)
    pred_events, pred_args = _read_pred(pred, gold["text"])
    log = _Errors(doc_id) if errors else None
    values, matched_events = _trigger_counts(gold_events, pred_events, log)
    values |= _argument_counts(
        gold_args,
        pred_args,
        coref_arguments=config.coref_arguments,
        matched_events=matched_events,
        errors=log,
    )
    values |= _hopper_counts(_triggers(gold_events), _triggers(pred_events))
    values["errors"] = () if log is None else tuple(sorted(log.items, key=ErrorItem.sort_key))
    return EventCounts(**values)
