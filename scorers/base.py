"""What every layer scorer shares: count records, error items, the configuration, text
normalisation and span helpers.

Every layer scorer (``wiregold.scorers.<layer>``) works in three stages: **align**
(predicted items to gold items of one document), **count** (a frozen dataclass of counts
and error items for that document), **compute** (precision, recall, F1 as properties of
the counts). Counts of several documents add up with ``+``; nothing is averaged before the
end, so scores are micro-averaged over the corpus.

A layer module provides::

    NAME: str                                   # "entities", "events", ...
    def count(*, gold: Doc, pred: Doc, config: ScoreConfig) -> <Counts>
    def empty(*, config: ScoreConfig) -> <Counts>   # the neutral element of +

and its ``<Counts>`` dataclass provides ``__add__``, ``rows() -> list[Row]`` (the lines of
the readable report, headline first), ``to_dict()`` (JSON-ready: ``totals`` and
per-label ``breakdowns`` in separate sections, counts next to ratios, ``None`` where a
ratio is undefined) and ``errors: tuple[ErrorItem, ...]``.

``gold`` is a validated gold document (a dict as in ``schema/document.schema.json``);
``pred`` is a validated prediction for the same document (``schema/prediction.schema.json``):
the same layers, where items may carry offsets or only text. Predictions that lie in zones
the guidelines leave unannotated have already been removed by the caller and are counted
there (``out_of_scope``); a layer scorer sees only the predictions it must score.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Self, TypeVar

Doc = Mapping[str, Any]
Item = Mapping[str, Any]

# Bumped whenever normalize_text changes behaviour: it is part of the signature.
NORMALIZATION_VERSION = "1"

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
    }
)
_SPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Surface-string key for items scored without offsets.

    Unicode NFC, then the curly and low-9 quotes, the primes U+2032/U+2033 and the
    guillemets U+00AB/U+00BB to ASCII quotes, the dashes and hyphens U+2010-U+2015 and
    U+2212 to '-' (exactly ``_QUOTES``: version 1 is fixed), case folded, runs of white
    space to one space, stripped.
    """
    text = unicodedata.normalize("NFC", text).translate(_QUOTES).casefold()
    return _SPACE.sub(" ", text).strip()


def span_of(obj: Item | None) -> tuple[int, int] | None:
    """``(start, end)`` of an item or span object, ``None`` when it has no offsets."""
    if obj is None or "start" not in obj or "end" not in obj:
        return None
    return (obj["start"], obj["end"])


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Half-open spans share at least one code point."""
    return a[0] < b[1] and b[0] < a[1]


def _ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    """Their harmonic mean; 0 when either is 0, even if the other is undefined (nothing
    predicted: F1 = 2 correct / (predicted + gold) = 0), None when neither tells."""
    if precision == 0 or recall == 0:
        return 0.0
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall)


# Count records are built per document and per ``+``: a frozen dataclass's __init__ sets
# each field through object.__setattr__, about half a microsecond per record. The ``_of``
# builders and ``__add__`` below fill a blank instance's __dict__ instead: the same object
# (fields, equality, hash, repr), still frozen against later assignment.
_new = object.__new__
_Record = TypeVar("_Record")


_Value = TypeVar("_Value")


class cached_attribute(Generic[_Value]):  # lower case: used like functools.cached_property
    """:func:`functools.cached_property` without its lock (before Python 3.12 it takes an
    RLock on each first access, twice the cost of the access here): computed once, then
    read from the instance's ``__dict__`` (frozen dataclasses included). Only for objects
    used by one thread, as the scorers' per-document objects are."""

    def __init__(self, func: Callable[[Any], _Value]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> _Value:
        if instance is None:
            return self  # type: ignore[return-value]  # the descriptor, from the class
        value = instance.__dict__[self.name] = self.func(instance)
        return value


def frozen_record(cls: type[_Record], fields: Mapping[str, Any]) -> _Record:
    """``cls(**fields)`` for a frozen dataclass given every one of its fields, built
    without the frozen __init__: no default filled in, no __post_init__ run. For the
    layers' count records (and the pending sums of entities.EntityCounts, whose
    fields are filled in when first read)."""
    new = _new(cls)
    new.__dict__.update(fields)
    return new


@dataclass(frozen=True)
class PRF:
    """Credit earned, items predicted, items in the gold.

    ``correct`` may be fractional (MUC-style half credit for partial matches):
    precision = correct / predicted, recall = correct / gold. Undefined ratios are None.
    """

    correct: float = 0
    predicted: int = 0
    gold: int = 0

    @staticmethod
    def _of(correct: float, predicted: int, gold: int) -> PRF:
        """``PRF(correct, predicted, gold)``, built without the frozen __init__."""
        new = _new(PRF)
        fields = new.__dict__  # item by item: faster than a dict display and update
        fields["correct"] = correct
        fields["predicted"] = predicted
        fields["gold"] = gold
        return new

    def __add__(self, other: PRF) -> PRF:
        return PRF._of(
            self.correct + other.correct, self.predicted + other.predicted, self.gold + other.gold
        )

    @property
    def precision(self) -> float | None:
        return _ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float | None:
        return _ratio(self.correct, self.gold)

    @property
    def f1(self) -> float | None:
        return _f1(self.precision, self.recall)

    def to_dict(self) -> dict[str, Any]:
        return {
            "correct": self.correct,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Accuracy:
    """Agreeing pairs among the pairs compared (e.g. realis on matched triggers)."""

    agreed: int = 0
    compared: int = 0

    @staticmethod
    def _of(agreed: int, compared: int) -> Accuracy:
        """``Accuracy(agreed, compared)``, built without the frozen __init__."""
        new = _new(Accuracy)
        fields = new.__dict__
        fields["agreed"] = agreed
        fields["compared"] = compared
        return new

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy._of(self.agreed + other.agreed, self.compared + other.compared)

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.agreed, self.compared)

    def to_dict(self) -> dict[str, Any]:
        return {"agreed": self.agreed, "compared": self.compared, "accuracy": self.accuracy}


@dataclass(frozen=True)
class AbsoluteError:
    """Sum of absolute errors over documents (e.g. of the total killed); mean derived."""

    total: float = 0
    documents: int = 0

    @staticmethod
    def _of(total: float, documents: int) -> AbsoluteError:
        """``AbsoluteError(total, documents)``, built without the frozen __init__."""
        new = _new(AbsoluteError)
        fields = new.__dict__
        fields["total"] = total
        fields["documents"] = documents
        return new

    def __add__(self, other: AbsoluteError) -> AbsoluteError:
        return AbsoluteError._of(self.total + other.total, self.documents + other.documents)

    @property
    def mean(self) -> float | None:
        return _ratio(self.total, self.documents)

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "documents": self.documents, "mean": self.mean}


@dataclass(frozen=True)
class Row:
    """One line of a readable report: a named metric of a layer."""

    metric: str
    value: PRF | Accuracy | AbsoluteError | Any


@dataclass(frozen=True)
class ErrorItem:
    """One error, for ``--errors``: what was wrong, where, and with which items.

    ``category`` is scorer-specific and documented (e.g. ``missed``, ``spurious``,
    ``wrong_type``, ``partial``, ``wrong_speaker``). ``gold``/``pred`` are short
    human-readable renderings of the items involved, with offsets where they exist.

    ``gold_span``/``pred_span`` are the same places in machine-readable form, for tools
    that show errors in the text (``wiregold render``): the half-open ``(start, end)``
    where the gold / predicted item involved lies, ``None`` when it has no offsets (a
    text-only item, a key scored by text). The item is a mention's or a timex's extent,
    an event's trigger, an argument's filler, a quote's content, a casualty record's
    first evidence span in text order (also for its slot fillers, which have no offsets
    of their own). They take no part in equality or ordering; :meth:`to_dict` gives them
    as ``[start, end]`` or ``None``, so that a program can join an error to the gold
    items (a gold mention's span is unique, a timex's too).
    """

    layer: str
    doc_id: str
    category: str
    gold: str | None = None
    pred: str | None = None
    detail: str | None = None
    gold_span: tuple[int, int] | None = field(default=None, compare=False, kw_only=True)
    pred_span: tuple[int, int] | None = field(default=None, compare=False, kw_only=True)

    def sort_key(self) -> tuple[str, str, str, str, str]:
        return (self.doc_id, self.layer, self.category, self.gold or "", self.pred or "")

    def to_dict(self) -> dict[str, Any]:
        found = {name: getattr(self, name) for name in _ERROR_KEYS}
        found["gold_span"] = None if self.gold_span is None else list(self.gold_span)
        found["pred_span"] = None if self.pred_span is None else list(self.pred_span)
        return found


# The keys of an error item in reports (format wiregold-score/2), spans aside.
_ERROR_KEYS = ("layer", "doc_id", "category", "gold", "pred", "detail")


def render_span(obj: Item | None) -> str:
    """``'Islamabad' [293, 302)`` or ``'Islamabad' (no offsets)``."""
    if obj is None:
        return "-"
    where = span_of(obj)
    text = repr(obj.get("text", ""))
    return f"{text} [{where[0]}, {where[1]})" if where else f"{text} (no offsets)"


@dataclass(frozen=True)
class ScoreConfig:
    """Every setting that can change a number. The report signature is built from all of
    its fields (see ``signature``), so adding a field here is all it takes to have it in
    the signature.
    """

    tasks: tuple[str, ...] = ("entities", "events", "casualties", "quotes", "timexes")
    # Entity label preset: predictions' labels are mapped to gold types (wiregold = none).
    labels: str = "wiregold"
    # Events: an argument also matches when it is any mention of the gold argument's entity.
    coref_arguments: bool = False
    # Quotes: minimum token F1 between contents for an overlap match.
    quote_overlap: float = 0.5
    # Casualties: credit for a partially correct count (MUC: 0.5).
    partial_credit: float = 0.5
    normalization: str = NORMALIZATION_VERSION

    def with_(self, **changes: Any) -> Self:
        return dataclasses.replace(self, **changes)

    def settings(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def signature_parts(*, config: ScoreConfig) -> list[str]:
    """``name:value`` for every configuration field, in declaration order."""
    parts = []
    for name, value in config.settings().items():
        if isinstance(value, tuple):
            value = ",".join(map(str, value))
        elif isinstance(value, bool):
            value = "yes" if value else "no"
        elif isinstance(value, float):
            value += 0.0  # -0.0 is 0.0: the same setting gets the same signature
        parts.append(f"{name}:{value}")
    return parts


@dataclass(frozen=True)
class OutOfScope:
    """Predictions inside zones that the guidelines leave unannotated (guidelines Z3):
    excluded from precision and recall, counted per layer, listed with ``--errors``."""

    by_layer: Mapping[str, int] = field(default_factory=dict)

    def __add__(self, other: OutOfScope) -> OutOfScope:
        merged = dict(self.by_layer)
        for layer, n in other.by_layer.items():
            merged[layer] = merged.get(layer, 0) + n
        return OutOfScope(dict(sorted(merged.items())))


def located_text(item: Item, *, text: str) -> dict[str, Any]:
    """The item with its ``text`` filled in from the document when only offsets are given."""
    shown = dict(item)
    where = span_of(item)
    if where is not None and not shown.get("text"):
        shown["text"] = text[where[0] : where[1]]
    return shown


class ErrorLog:
    """Collects the error items of one layer in one document; ``show`` renders an item."""

    def __init__(self, *, layer: str, doc_id: str, show: Callable[[Item], str]) -> None:
        self.layer, self.doc_id, self.show = layer, doc_id, show
        self.items: list[ErrorItem] = []

    def __call__(
        self,
        category: str,
        g: Item | None,
        p: Item | None,
        detail: str | None = None,
        *,
        placed: bool = True,
    ) -> None:
        """``placed=False``: the items stand for a text key (a string, not one mention of
        it), shown by one of them but placed at none of their spans."""
        self.items.append(
            ErrorItem(
                layer=self.layer,
                doc_id=self.doc_id,
                category=category,
                gold=None if g is None else self.show(g),
                pred=None if p is None else self.show(p),
                detail=detail,
                gold_span=span_of(g) if placed else None,
                pred_span=span_of(p) if placed else None,
            )
        )
