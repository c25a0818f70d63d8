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
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cache
from typing import Any, TypeVar

from wiregold import paths

from . import coref
from .assignment import max_weight_assignment
from .base import (
    PRF,
    Accuracy,
    Doc,
    ErrorItem,
    Item,
    Row,
    ScoreConfig,
    normalize_text,
    render_span,
    span_of,
)

__all__ = ["NAME", "EventCounts", "count", "empty"]

NAME = "events"

T = TypeVar("T")
U = TypeVar("U")
Span = tuple[int, int]


@cache
def _roles_by_type() -> Mapping[str, frozenset[str]]:
    """Event type -> its roles, from ``schema/inventory.json``."""
    inventory = json.loads(paths.inventory_path().read_text(encoding="utf-8"))
    return {kind: frozenset(roles) for kind, roles in inventory["event_types"].items()}


# ---------------------------------------------------------------------- items


@dataclass(frozen=True)
class _Event:
    """One event mention (gold or predicted), resolved against the document text."""

    index: int  # position in canonical order: the identity of the item
    span: Span | None
    text: str
    type: str
    realis: str | None
    hopper: str | None

    @property
    def tc(self) -> tuple[Span | None, str]:
        return (self.span, self.type)

    @property
    def text_key(self) -> tuple[str, str]:
        return (normalize_text(self.text), self.type)

    def render(self) -> str:
        return f"{self.type} {_render(self.span, self.text)}"


@dataclass(frozen=True)
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

    @property
    def by_span(self) -> bool:
        return self.event.span is not None and (self.span is not None or self.text is None)

    @property
    def text_key(self) -> tuple[str, str, str] | None:
        if self.text is None:
            return None
        return (self.event.type, self.role, normalize_text(self.text))

    def render(self) -> str:
        filler = "?" if self.text is None else _render(self.span, self.text)
        return f"{self.event.render()} {self.role}: {filler}"


def _render(span: Span | None, text: str) -> str:
    if span is None:
        return render_span({"text": text})
    return render_span({"start": span[0], "end": span[1], "text": text})


def _dump(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)


def _surface(doc_text: str, obj: Item, where: str) -> tuple[Span | None, str]:
    """Span and surface text of a span-like object (text taken from the document)."""
    span = span_of(obj)
    if span is None:
        text = obj.get("text")
        if not isinstance(text, str) or not text:
            raise ValueError(f"{where}: neither offsets nor text")
        return None, text
    start, end = span
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(doc_text)):
        raise ValueError(f"{where}: offsets [{start}, {end}) do not fit the text")
    return span, doc_text[start:end]


def _event_order(event: _Event, item: Item) -> tuple[Any, ...]:
    # The whole item breaks ties, its arguments in sorted order (their order is no data).
    arguments = sorted(_dump(a) for a in item.get("arguments") or [])
    whole = _dump({**item, "arguments": arguments})
    return (
        event.span or (-1, -1),
        normalize_text(event.text),
        event.type,
        event.realis or "",
        whole,
    )


def _arg_order(arg: _Argument, item: Item) -> tuple[Any, ...]:
    return (arg.event.index, arg.role, arg.span or (-1, -1), arg.text or "", _dump(item))


def _read_gold(gold: Doc) -> tuple[list[_Event], list[_Argument]]:
    text = gold["text"]
    mentions = {m["id"]: m for m in gold.get("mentions", [])}
    timexes = {t["id"]: t for t in gold.get("timexes", [])}
    entity_spans: dict[str, set[Span]] = defaultdict(set)
    for m in mentions.values():
        entity_spans[m["entity"]].add((m["start"], m["end"]))
    items = list(gold.get("events", []))
    raw = []
    for n, item in enumerate(items):
        span, surface = _surface(text, item["trigger"], f"gold event {n}")
        event = _Event(-1, span, surface, item["type"], item["realis"], item["hopper"])
        raw.append((_event_order(event, item), event, item))
    raw.sort(key=lambda entry: entry[0])
    events = [replace(event, index=i) for i, (_, event, _) in enumerate(raw)]
    arguments = []
    for event, (_, _, item) in zip(events, raw, strict=True):
        for a in item.get("arguments", []):
            if "mention" in a:
                filler = mentions.get(a["mention"])
                entity = filler["entity"] if filler else None
            else:
                filler, entity = timexes.get(a.get("timex")), None
            if filler is None:
                raise ValueError(f"gold event {item.get('id')}: argument {a} names no item")
            span, surface = _surface(text, filler, f"gold argument of {item.get('id')}")
            spans = frozenset(entity_spans[entity]) if entity else frozenset()
            arg = _Argument(-1, event, a["role"], span, surface, None, entity, spans)
            arguments.append((_arg_order(arg, a), arg))
    arguments.sort(key=lambda entry: entry[0])
    return events, [replace(arg, index=i) for i, (_, arg) in enumerate(arguments)]


def _index(items: Iterable[Item]) -> dict[str, list[Item]]:
    by_id: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        if item.get("id") is not None:
            by_id[item["id"]].append(item)
    return by_id


_PLURAL = {"mention": "mentions", "timex": "timexes"}


def _read_pred(pred: Doc, doc_text: str) -> tuple[list[_Event], list[_Argument]]:
    layers = {name: _index(pred.get(name) or []) for name in ("mentions", "timexes")}
    raw = []
    for n, item in enumerate(pred.get("events") or []):
        span, surface = _surface(doc_text, item["trigger"], f"predicted event {n}")
        realis, hopper = item.get("realis"), item.get("hopper")
        event = _Event(-1, span, surface, item["type"], realis, hopper)
        raw.append((_event_order(event, item), event, item))
    raw.sort(key=lambda entry: entry[0])
    events = [replace(event, index=i) for i, (_, event, _) in enumerate(raw)]
    arguments = []
    for event, (_, _, item) in zip(events, raw, strict=True):
        for n, a in enumerate(item.get("arguments") or []):
            where = f"predicted argument {n} of {event.render()}"
            problem = None
            span: Span | None = None
            surface: str | None = None
            ref = next((name for name in ("mention", "timex") if name in a), None)
            if ref is None:
                span, surface = _surface(doc_text, a, where)
            else:
                layer = _PLURAL[ref]
                found = layers[layer].get(a[ref], [])
                if len(found) == 1:
                    span, surface = _surface(doc_text, found[0], where)
                elif found:
                    problem = f"{ref} id {a[ref]!r} names {len(found)} predicted {layer}"
                else:
                    problem = f"no predicted {ref} has id {a[ref]!r}"
            arg = _Argument(-1, event, a["role"], span, surface, problem)
            arguments.append((_arg_order(arg, a), arg))
    arguments.sort(key=lambda entry: entry[0])
    return events, [replace(arg, index=i) for i, (_, arg) in enumerate(arguments)]


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
    gold_groups: dict[Hashable, list[U]] = defaultdict(list)
    for g in golds:
        gold_groups[head(g)].append(g)
    pred_groups: dict[Hashable, list[T]] = defaultdict(list)
    for p in preds:
        if head(p) in gold_groups:
            pred_groups[head(p)].append(p)
    pairs: list[tuple[T, U]] = []
    for key, group in pred_groups.items():
        candidates = gold_groups[key]
        # A match weighs more than all preferences together: cardinality comes first.
        big = min(len(group), len(candidates)) + 1
        weights = [
            [(big + (1 if prefer and prefer(p, g) else 0)) if fits(p, g) else 0 for g in candidates]
            for p in group
        ]
        for i, j in max_weight_assignment(weights):
            if weights[i][j]:
                pairs.append((group[i], candidates[j]))
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


# Head keys of the argument rows: everything but the filler.
_ARG_HEADS: dict[str, Callable[[_Argument], Hashable]] = {
    "AI": lambda a: a.event.type,
    "AC": lambda a: (a.event.type, a.role),
    "AI+": lambda a: (a.event.type, a.event.span),
    "AC+": lambda a: (a.event.type, a.event.span, a.role),
}


def _with_span(head: Callable[[_Argument], Hashable]) -> Callable[[_Argument], Hashable]:
    return lambda a: (head(a), a.span)


def _by_type(
    pairs: Iterable[tuple[Any, Any]],
    preds: Iterable[Any],
    golds: Iterable[Any],
    kind: Callable[[Any], str],
) -> dict[str, PRF]:
    correct: dict[str, int] = defaultdict(int)
    predicted: dict[str, int] = defaultdict(int)
    gold: dict[str, int] = defaultdict(int)
    for p, _ in pairs:
        correct[kind(p)] += 1
    for p in preds:
        predicted[kind(p)] += 1
    for g in golds:
        gold[kind(g)] += 1
    labels = sorted(set(predicted) | set(gold))
    return {label: PRF(correct[label], predicted[label], gold[label]) for label in labels}


# --------------------------------------------------------------------- counts


def _merge(a: Mapping[str, PRF], b: Mapping[str, PRF]) -> dict[str, PRF]:
    merged = dict(a)
    for label, value in b.items():
        merged[label] = merged.get(label, PRF()) + value
    return dict(sorted(merged.items()))


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
        values: dict[str, Any] = {}
        for f in fields(self):
            a, b = getattr(self, f.name), getattr(other, f.name)
            if isinstance(a, bool):
                values[f.name] = a or b
            elif f.name in ("tc_by_type", "ac_by_type"):
                values[f.name] = _merge(a, b)
            elif f.name == "errors":
                values[f.name] = tuple(sorted(a + b, key=ErrorItem.sort_key))
            else:
                values[f.name] = a + b
        return EventCounts(**values)

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
                "errors": len(self.errors),
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
        fits=lambda p, g: fits(p[1], g[1]),
    )
    paired_p = {i for (i, _), _ in pairs}
    paired_g = {j for _, (j, _) in pairs}
    return (
        [(p, g) for (_, p), (_, g) in pairs],
        [p for i, p in enumerate(preds) if i not in paired_p],
        [g for j, g in enumerate(golds) if j not in paired_g],
    )


_Gold = TypeVar("_Gold", _Event, _Argument)


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
    gold_events: list[_Event], pred_events: list[_Event], errors: _Errors
) -> tuple[dict[str, Any], tuple[set[int], set[int]]]:
    """Counts of the trigger rows and realis, and the indices of the TC-matched events
    (predicted, gold)."""
    span_preds = [e for e in pred_events if e.span is not None]
    text_preds = [e for e in pred_events if e.span is None]
    ti = _match(span_preds, gold_events, head=lambda e: e.span, fits=_always)
    tc = _match(
        span_preds,
        gold_events,
        head=lambda e: e.tc,
        fits=_always,
        prefer=lambda p, g: p.realis == g.realis,
    )
    realis_predicted = any(e.realis is not None for e in span_preds)
    agreed = sum(1 for p, g in tc if p.realis == g.realis)
    counts: dict[str, Any] = {
        "ti": PRF(len(ti), len(span_preds), len(gold_events)),
        "tc": PRF(len(tc), len(span_preds), len(gold_events)),
        "realis": Accuracy(agreed, len(tc)),
        "realis_predicted": realis_predicted,
        "triggers_by_span": len(span_preds),
        "triggers_by_text": len(text_preds),
        "tc_by_type": _by_type(tc, span_preds, gold_events, lambda e: e.type),
    }

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
    errors: _Errors,
) -> dict[str, Any]:
    span_preds = [a for a in pred_args if a.by_span]
    text_preds = [a for a in pred_args if not a.by_span]
    fits = _filler_fits(coref_arguments)
    heads = _ARG_HEADS
    if not coref_arguments:  # exact spans: put the span in the head for small groups
        heads = {name: _with_span(head) for name, head in _ARG_HEADS.items()}
    pairs = {
        name: _match(span_preds, gold_args, head=head, fits=fits, prefer=_same_span)
        for name, head in heads.items()
    }
    n_pred, n_gold = len(span_preds), len(gold_args)
    counts: dict[str, Any] = {
        "ai": PRF(len(pairs["AI"]), n_pred, n_gold),
        "ac": PRF(len(pairs["AC"]), n_pred, n_gold),
        "ai_plus": PRF(len(pairs["AI+"]), n_pred, n_gold),
        "ac_plus": PRF(len(pairs["AC+"]), n_pred, n_gold),
        "arguments_by_span": n_pred,
        "arguments_by_text": len(text_preds),
        "arguments_unresolved": sum(1 for a in pred_args if a.text is None),
        "ac_by_type": _by_type(pairs["AC"], span_preds, gold_args, lambda a: a.event.type),
    }

    # Errors against AC+, by span.
    matched_pred_events, matched_gold_events = matched_events

    def pred_detail(a: _Argument) -> str | None:
        return None if a.event.index in matched_pred_events else "its trigger is not matched (TC)"

    def gold_detail(a: _Argument) -> str | None:
        return None if a.event.index in matched_gold_events else "its trigger is not matched (TC)"

    strict = pairs["AC+"]
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


def _clusters(events: Iterable[_Event]) -> list[list[tuple[int, int, str]]]:
    """Hopper clusters of span-scored event mentions keyed (start, end, type); a key seen
    twice is kept once, in the hopper whose id sorts first; no hopper = a singleton."""
    hopper_of: dict[tuple[int, int, str], str | None] = {}
    for e in events:
        if e.span is None:
            continue
        key = (e.span[0], e.span[1], e.type)
        if key not in hopper_of or _hopper_rank(e.hopper) < _hopper_rank(hopper_of[key]):
            hopper_of[key] = e.hopper
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


def _hopper_counts(gold_events: list[_Event], pred_events: list[_Event]) -> dict[str, Any]:
    scores = coref.score_all(key=_clusters(gold_events), response=_clusters(pred_events))
    return {
        "hopper_muc": scores["muc"],
        "hopper_bcub": scores["bcub"],
        "hopper_ceafe": scores["ceafe"],
        "hopper_lea": scores["lea"],
        "hoppers_predicted": any(e.hopper is not None for e in pred_events if e.span is not None),
    }


def count(*, gold: Doc, pred: Doc, config: ScoreConfig) -> EventCounts:
    """Align the predicted events of one document to the gold, count, list the errors.

    ``gold`` is a validated gold document, ``pred`` a validated prediction for it (layers
    may be missing). Raises ``ValueError`` when the prediction is for another document or
    an item cannot be read (offsets outside the text, a trigger without offsets or text).
    """
    _check_config(config)
    doc_id = gold["id"]
    pred_id = pred.get("doc_id", pred.get("id"))
    if pred_id is not None and pred_id != doc_id:
        raise ValueError(f"prediction for document {pred_id!r} scored against gold {doc_id!r}")
    gold_events, gold_args = _read_gold(gold)
    pred_events, pred_args = _read_pred(pred, gold["text"])
    errors = _Errors(doc_id)
    values, matched_events = _trigger_counts(gold_events, pred_events, errors)
    values |= _argument_counts(
        gold_args,
        pred_args,
        coref_arguments=config.coref_arguments,
        matched_events=matched_events,
        errors=errors,
    )
    values |= _hopper_counts(gold_events, pred_events)
    values["errors"] = tuple(sorted(errors.items, key=ErrorItem.sort_key))
    return EventCounts(**values)
