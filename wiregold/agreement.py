"""Inter-annotator agreement between two annotations (A and B) of the same document.

``compare(reference=A, other=B)`` reads two parsed, already validated documents with the
same ``text`` and returns an :class:`AgreementReport`, layer by layer.

Rules that affect the numbers:

* **Pairwise F1** (positive specific agreement) on exact keys:
  ``F1 = 2 * matched / (2 * matched + only_in_a + only_in_b)``. It is symmetric in A and
  B, and ``None`` when neither side has an item.
* **Multisets.** Keys are counted as multisets, never collapsed: if A has a key twice
  and B once, one is matched and one is only in A.
* **Accuracy** of an attribute is measured on the items whose match key agrees (e.g.
  ``kind`` on span-matched mentions): ``agreed / compared``, ``None`` when nothing is
  compared. When a key occurs more than once on a side, the items sharing it are paired
  so that as many pairs as possible agree (a maximum bipartite matching; for a plain
  attribute this is the size of the multiset intersection), and ``compared`` counts
  ``min(count in A, count in B)`` pairs for that key. Each attribute is paired on its
  own.
* **Entities across the two files** have unrelated ids, so an entity is identified by
  the set of its mention spans ``(start, end)``: an entity of A corresponds to an entity
  of B when they share at least one mention span. Two sets of entities (the speakers of
  a quote, the places or perpetrators of a casualty record) agree when they have the
  same size and a one-to-one pairing of corresponding entities covers both; two empty
  sets agree. An entity without mentions corresponds to nothing.
* **Coreference** (entities, hoppers) is scored with :mod:`wiregold.scorers.coref`, A as
  key and B as response, over every mention on both sides (unmatched mentions act as
  boundary errors, singletons kept): CoNLL F1 and its parts MUC, B-cubed and CEAF-e F1,
  all symmetric in A and B. MUC F1, hence CoNLL F1, is ``None`` when neither file has a
  coreference link (MUC recall and precision are 0/0; the CoNLL scorer would print 0),
  and MUC F1 is 0 when only one has (the other side's ratio is 0).
  Entity mentions are keyed by ``(start, end)``; event mentions by
  ``(trigger start, trigger end, type)``. Entities or hoppers without mentions are not
  clusters and are skipped.
* **Event arguments** are ``(trigger start, trigger end, event type, [role,] argument
  start, argument end)``, the argument span being its mention's or its timex's span
  (AC+ with the role, AI+ without).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from wiregold.scorers import coref

__all__ = ["Accuracy", "AgreementReport", "CorefAgreement", "Measure", "PairF1", "compare"]

T = TypeVar("T")
Doc = Mapping[str, Any]
Item = Mapping[str, Any]

# The layers compare() reads (entities and hoppers come from mentions and events).
READ_LAYERS = ("zones", "mentions", "timexes", "events", "quotes", "casualties")


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


# ------------------------------------------------------------------------- results


@dataclass(frozen=True)
class PairF1:
    """Items matched on both sides, only in A, only in B; F1 is derived."""

    matched: int
    only_a: int
    only_b: int

    @property
    def f1(self) -> float | None:
        total = 2 * self.matched + self.only_a + self.only_b
        return 2 * self.matched / total if total else None

    @property
    def value(self) -> float | None:
        return self.f1

    def cells(self) -> tuple[str, str, str]:
        return str(self.matched), str(self.only_a), str(self.only_b)

    def to_dict(self) -> dict[str, Any]:
        return {
            "matched": self.matched,
            "only_in_a": self.only_a,
            "only_in_b": self.only_b,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Accuracy:
    """Agreeing pairs among the compared (key-matched) pairs."""

    agreed: int
    compared: int

    @property
    def accuracy(self) -> float | None:
        return self.agreed / self.compared if self.compared else None

    @property
    def value(self) -> float | None:
        return self.accuracy

    def cells(self) -> tuple[str, str, str]:
        return f"{self.agreed}/{self.compared}", "", ""

    def to_dict(self) -> dict[str, Any]:
        return {"agreed": self.agreed, "compared": self.compared, "accuracy": self.accuracy}


@dataclass(frozen=True)
class CorefAgreement:
    """A coreference score (A as key, B as response); its counts are in ``to_dict``."""

    score: coref.ConllScore | coref.PRScore

    @property
    def value(self) -> float | None:
        return self.score.f1

    def cells(self) -> tuple[str, str, str]:
        return "", "", ""

    def to_dict(self) -> dict[str, Any]:
        return self.score.to_dict()


@dataclass(frozen=True)
class Measure:
    layer: str
    name: str
    result: PairF1 | Accuracy | CorefAgreement

    @property
    def value(self) -> float | None:
        return self.result.value


@dataclass(frozen=True)
class AgreementReport:
    reference_id: str | None
    other_id: str | None
    measures: tuple[Measure, ...]

    def measure(self, layer: str, name: str) -> Measure:
        for measure in self.measures:
            if (measure.layer, measure.name) == (layer, name):
                return measure
        known = ", ".join(f"{m.layer}/{m.name}" for m in self.measures)
        raise KeyError(f"no measure {layer}/{name}; known: {known}")

    def to_dict(self) -> dict[str, Any]:
        layers: dict[str, dict[str, Any]] = {}
        for measure in self.measures:
            layers.setdefault(measure.layer, {})[measure.name] = measure.result.to_dict()
        return {"reference": self.reference_id, "other": self.other_id, "layers": layers}

    def to_markdown(self) -> str:
        lines = [
            "| layer | measure | matched | only in A | only in B | F1 / accuracy |",
            "|---|---|---:|---:|---:|---:|",
        ]
        for m in self.measures:
            matched, only_a, only_b = m.result.cells()
            lines.append(
                f"| {m.layer} | {m.name} | {matched} | {only_a} | {only_b} | {_fmt(m.value)} |"
            )
        return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------- matching


def _pair_f1(a: Iterable[Hashable], b: Iterable[Hashable]) -> PairF1:
    """F1 of two multisets of keys (duplicates count, see the module docstring)."""
    count_a, count_b = Counter(a), Counter(b)
    matched = (count_a & count_b).total()
    return PairF1(matched, count_a.total() - matched, count_b.total() - matched)


def _max_matching(left: Sequence[Any], right: Sequence[Any], related: Callable[..., bool]) -> int:
    """Size of a maximum one-to-one pairing of related items (augmenting paths)."""
    edges = [[j for j, y in enumerate(right) if related(x, y)] for x in left]
    owner: list[int | None] = [None] * len(right)

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                current = owner[j]
                if current is None or augment(current, seen):
                    owner[j] = i
                    return True
        return False

    return sum(augment(i, set()) for i in range(len(left)))


def _accuracy(
    items_a: Iterable[T],
    items_b: Iterable[T],
    *,
    key: Callable[[T], Hashable],
    agree: Callable[[T, T], bool],
) -> Accuracy:
    """Agreement on items whose ``key`` matches, duplicates paired for the most agreement."""
    groups_a: dict[Hashable, list[T]] = {}
    groups_b: dict[Hashable, list[T]] = {}
    for groups, items in ((groups_a, items_a), (groups_b, items_b)):
        for item in items:
            groups.setdefault(key(item), []).append(item)
    agreed = compared = 0
    for k, xs in groups_a.items():
        ys = groups_b.get(k, [])
        compared += min(len(xs), len(ys))
        agreed += _max_matching(xs, ys, agree) if ys else 0
    return Accuracy(agreed, compared)


def _same(attribute: Callable[[T], Hashable]) -> Callable[[T, T], bool]:
    return lambda x, y: attribute(x) == attribute(y)


def _span(obj: Item | None) -> tuple[int, int] | None:
    return None if obj is None else (obj["start"], obj["end"])


class _Side:
    """One document, indexed for the lookups the comparison needs."""

    def __init__(self, doc: Doc, label: str) -> None:
        self.doc = doc
        self.label = label
        missing = [layer for layer in READ_LAYERS if layer not in doc]
        if missing:
            raise ValueError(f"document {label}: missing layer(s) {', '.join(missing)}")
        self.mention_span = {m["id"]: _span(m) for m in doc["mentions"]}
        self.timex_span = {t["id"]: _span(t) for t in doc["timexes"]}
        spans: dict[str, set[tuple[int, int]]] = {}
        for m in doc["mentions"]:
            spans.setdefault(m["entity"], set()).add(_span(m))  # type: ignore[arg-type]
        self.entity_spans = {entity: frozenset(s) for entity, s in spans.items()}
        # Hoppers, like entities, are identified across files by their members' keys.
        keys: dict[str, set[Hashable]] = {}
        for e in doc["events"]:
            keys.setdefault(e["hopper"], set()).add(_event_key(e))
        self.hopper_keys = {hopper: frozenset(k) for hopper, k in keys.items()}

    def argument_span(self, event: Item, argument: Item) -> tuple[int, int]:
        if "mention" in argument:
            table, ref = self.mention_span, argument["mention"]
        else:
            table, ref = self.timex_span, argument["timex"]
        if ref not in table:
            raise ValueError(f"document {self.label}: event {event['id']} refers to unknown {ref}")
        return table[ref]  # type: ignore[return-value]


def _sets_agree(
    ids_a: Iterable[str],
    ids_b: Iterable[str],
    members_a: Mapping[str, frozenset[Hashable]],
    members_b: Mapping[str, frozenset[Hashable]],
) -> bool:
    """Same size and a one-to-one pairing of clusters that share a member."""
    set_a, set_b = sorted(set(ids_a)), sorted(set(ids_b))
    if len(set_a) != len(set_b):
        return False

    def corresponds(x: str, y: str) -> bool:
        return bool(members_a.get(x, frozenset()) & members_b.get(y, frozenset()))

    return _max_matching(set_a, set_b, corresponds) == len(set_a)


def _entity_sets_agree(ids_a: Iterable[str], ids_b: Iterable[str], a: _Side, b: _Side) -> bool:
    return _sets_agree(ids_a, ids_b, a.entity_spans, b.entity_spans)


def _coref_measures(
    layer: str, key: list[list[Hashable]], response: list[list[Hashable]]
) -> list[Measure]:
    try:
        scores = coref.score_all(key=key, response=response)
    except ValueError as exc:  # e.g. two mentions with the same span in one file
        raise ValueError(f"{layer} (A is the key, B the response): {exc}") from exc
    return [
        Measure(layer, name, CorefAgreement(scores[metric]))
        for name, metric in (
            ("CoNLL F1", "conll"),
            ("MUC F1", "muc"),
            ("B3 F1", "bcub"),
            ("CEAF-e F1", "ceafe"),
        )
    ]


def _clusters(
    items: Iterable[Item], *, cluster: str, key: Callable[[Item], Hashable]
) -> list[list[Hashable]]:
    grouped: dict[str, list[Hashable]] = {}
    for item in items:
        grouped.setdefault(item[cluster], []).append(key(item))
    return list(grouped.values())


# ------------------------------------------------------------------------- layers


def _f1(
    layer: str, name: str, xs: Iterable[T], ys: Iterable[T], key: Callable[[T], Hashable]
) -> Measure:
    return Measure(layer, name, _pair_f1(map(key, xs), map(key, ys)))


def _event_key(e: Item) -> tuple[int, int, str]:
    return (e["trigger"]["start"], e["trigger"]["end"], e["type"])


def _content_key(q: Item) -> tuple[int, int]:
    return (q["content"]["start"], q["content"]["end"])


def _record_key(c: Item) -> tuple[Any, ...]:
    count = c["count"]
    return (c["kind"], count["value"], count["low"], count["high"], count["precision"])


def _zones(a: _Side, b: _Side) -> list[Measure]:
    za, zb = a.doc["zones"], b.doc["zones"]
    return [_f1("zones", "type+span F1", za, zb, lambda z: (z["type"], z["start"], z["end"]))]


def _mentions(a: _Side, b: _Side) -> list[Measure]:
    ma, mb = a.doc["mentions"], b.doc["mentions"]
    out = [
        _f1("mentions", "span F1", ma, mb, _span),
        _f1("mentions", "span+type F1", ma, mb, lambda m: (m["start"], m["end"], m["type"])),
    ]
    attributes: dict[str, Callable[[Item], Hashable]] = {
        "kind": lambda m: m["kind"],
        "subtype": lambda m: m["subtype"],
        "head": lambda m: _span(m["head"]),
        "gpe_role": lambda m: m["gpe_role"],
    }
    for name, attribute in attributes.items():
        result = _accuracy(ma, mb, key=_span, agree=_same(attribute))
        out.append(Measure("mentions", f"{name} accuracy", result))
    return out


def _entities(a: _Side, b: _Side) -> list[Measure]:
    return _coref_measures(
        "entities",
        _clusters(a.doc["mentions"], cluster="entity", key=_span),
        _clusters(b.doc["mentions"], cluster="entity", key=_span),
    )


def _timexes(a: _Side, b: _Side) -> list[Measure]:
    ta, tb = a.doc["timexes"], b.doc["timexes"]
    value = _accuracy(ta, tb, key=_span, agree=_same(lambda t: t["value"]))
    return [
        _f1("timexes", "span F1", ta, tb, _span),
        _f1("timexes", "span+type F1", ta, tb, lambda t: (t["start"], t["end"], t["type"])),
        _f1(
            "timexes",
            "span+type+value F1",
            ta,
            tb,
            lambda t: (t["start"], t["end"], t["type"], t["value"]),
        ),
        Measure("timexes", "value accuracy", value),
    ]


def _arguments(side: _Side, *, with_role: bool) -> list[Hashable]:
    return [
        (*_event_key(e), *((arg["role"],) if with_role else ()), *side.argument_span(e, arg))
        for e in side.doc["events"]
        for arg in e["arguments"]
    ]


def _events(a: _Side, b: _Side) -> list[Measure]:
    ea, eb = a.doc["events"], b.doc["events"]
    realis = _accuracy(ea, eb, key=_event_key, agree=_same(lambda e: e["realis"]))
    return [
        _f1("events", "trigger F1 (TI)", ea, eb, lambda e: _span(e["trigger"])),
        _f1("events", "trigger+type F1 (TC)", ea, eb, _event_key),
        Measure(
            "events",
            "argument F1 (AI+)",
            _pair_f1(_arguments(a, with_role=False), _arguments(b, with_role=False)),
        ),
        Measure(
            "events",
            "argument+role F1 (AC+)",
            _pair_f1(_arguments(a, with_role=True), _arguments(b, with_role=True)),
        ),
        Measure("events", "realis accuracy", realis),
    ]


def _hoppers(a: _Side, b: _Side) -> list[Measure]:
    return _coref_measures(
        "hoppers",
        _clusters(a.doc["events"], cluster="hopper", key=_event_key),
        _clusters(b.doc["events"], cluster="hopper", key=_event_key),
    )


def _quotes(a: _Side, b: _Side) -> list[Measure]:
    qa, qb = a.doc["quotes"], b.doc["quotes"]

    def speakers_agree(x: Item, y: Item) -> bool:
        return _entity_sets_agree(
            (p["entity"] for p in x["speakers"]), (p["entity"] for p in y["speakers"]), a, b
        )

    speakers = _accuracy(qa, qb, key=_content_key, agree=speakers_agree)

    def addressees_agree(x: Item, y: Item) -> bool:
        return _entity_sets_agree(
            (p["entity"] for p in x["addressees"]), (p["entity"] for p in y["addressees"]), a, b
        )

    return [
        _f1("quotes", "content F1", qa, qb, _content_key),
        _f1("quotes", "content+kind F1", qa, qb, lambda q: (*_content_key(q), q["kind"])),
        Measure("quotes", "speaker accuracy", speakers),
        Measure(
            "quotes",
            "addressee accuracy",
            _accuracy(qa, qb, key=_content_key, agree=addressees_agree),
        ),
        *(
            Measure(
                "quotes",
                f"{field} accuracy",
                _accuracy(qa, qb, key=_content_key, agree=_same(lambda q, f=field: _span(q[f]))),
            )
            for field in ("cue", "source")
        ),
    ]


def _casualties(a: _Side, b: _Side) -> list[Measure]:
    ca, cb = a.doc["casualties"], b.doc["casualties"]

    def entities_agree(field: str) -> Callable[[Item, Item], bool]:
        return lambda x, y: _entity_sets_agree(x[field], y[field], a, b)

    def hoppers_agree(x: Item, y: Item) -> bool:
        return _sets_agree(x["hoppers"], y["hoppers"], a.hopper_keys, b.hopper_keys)

    def times(side: _Side) -> Callable[[Item], Hashable]:
        return lambda c: frozenset(side.timex_span.get(t) for t in c["times"])

    def evidence(cs: Iterable[Item]) -> list[Hashable]:
        return [_span(e) for c in cs for e in c["evidence"]]

    def accuracy(name: str, agree: Callable[[Item, Item], bool]) -> Measure:
        return Measure(
            "casualties", f"{name} accuracy", _accuracy(ca, cb, key=_record_key, agree=agree)
        )

    time_a, time_b = times(a), times(b)
    return [
        _f1("casualties", "record F1", ca, cb, _record_key),
        _f1("casualties", "kind F1", ca, cb, lambda c: c["kind"]),
        Measure("casualties", "evidence span F1", _pair_f1(evidence(ca), evidence(cb))),
        accuracy("places", entities_agree("places")),
        accuracy("perpetrators", entities_agree("perpetrators")),
        accuracy(  # groups are a set (uniqueItems): their order is not a difference
            "victims", lambda x, y: set(x["victims"]["groups"]) == set(y["victims"]["groups"])
        ),
        accuracy("times", lambda x, y: time_a(x) == time_b(y)),
        accuracy("linked events", hoppers_agree),
    ]


_LAYER_MEASURES: tuple[Callable[[_Side, _Side], list[Measure]], ...] = (
    _zones,
    _mentions,
    _entities,
    _timexes,
    _events,
    _hoppers,
    _quotes,
    _casualties,
)


def compare(*, reference: Doc, other: Doc) -> AgreementReport:
    """Agreement of ``other`` (B) with ``reference`` (A), two annotations of one text.

    Raises ``ValueError`` if the texts differ, a layer is missing, an event argument
    refers to an unknown mention or timex, or a file has two entity mentions with the
    same span (or two event mentions with the same trigger and type).
    """
    a, b = _Side(reference, "A"), _Side(other, "B")
    if reference.get("text") != other.get("text"):
        raise ValueError("the two documents have different text; offsets are not comparable")
    measures = tuple(m for layer in _LAYER_MEASURES for m in layer(a, b))
    return AgreementReport(reference.get("id"), other.get("id"), measures)
