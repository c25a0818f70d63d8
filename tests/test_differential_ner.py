"""Differential tests of the entity scorer against nervaluate and seqeval.

On random span sets (seeded, small documents of one code point per token):

(a) when no prediction overlaps more than one gold mention and no gold mention more than
    one prediction, greedy matching (nervaluate) and our optimal matching align the same
    pairs, so COR/INC/PAR/MIS/SPU of every scheme must be equal, per case and summed;
(b) on non-nested gold and predictions written as IOB2 tags (one tag per code point), our
    strict precision, recall and F1 must equal seqeval's ``mode="strict", scheme=IOB2``.

nervaluate ends are inclusive (``end = our end - 1``); its min_overlap_percentage (1% of
the gold span) is always met here because documents are shorter than 100 units.
Where the definitions differ (multi-overlaps, nested spans): docs/scoring-entities.md.
"""

from __future__ import annotations

import math
import random
import warnings
from typing import Any

from nervaluate import Evaluator
from seqeval.metrics import f1_score, precision_score, recall_score
from seqeval.scheme import IOB2
from wiregold.scorers import entities
from wiregold.scorers.base import ScoreConfig

LABELS = ("PER", "ORG", "GPE", "LOC")
CASES = 2000
CONFIG = ScoreConfig()
# Our scheme names -> nervaluate's.
NERVALUATE_SCHEMES = {
    "strict": "strict",
    "exact": "exact",
    "partial": "partial",
    "type": "ent_type",
}

Span = tuple[int, int, str]  # start, end (exclusive), label


def document(length: int, gold: list[Span], doc_id: str = "doc") -> dict[str, Any]:
    text = "abcdefghijklmnopqrstuvwxyz0123456789"[:length]
    return {
        "id": doc_id,
        "text": text,
        "mentions": [
            {
                "id": f"m{i}",
                "start": s,
                "end": e,
                "text": text[s:e],
                "type": label,
                "kind": "NAM",
                "entity": f"e{i}",
            }
            for i, (s, e, label) in enumerate(gold)
        ],
    }


def prediction(pred: list[Span], doc_id: str = "doc") -> dict[str, Any]:
    return {"doc_id": doc_id, "mentions": [{"start": s, "end": e, "type": t} for s, e, t in pred]}


def overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def random_span(rng: random.Random, length: int) -> Span:
    start = rng.randrange(length)
    return (start, min(length, start + rng.randint(1, 6)), rng.choice(LABELS))


def perturbed(rng: random.Random, span: Span, length: int) -> Span:
    """A prediction near a gold span: exact, shifted boundaries, another label, or both."""
    start, end, label = span
    if rng.random() < 0.5:
        start = min(max(0, start + rng.randint(-2, 2)), length - 1)
        end = min(max(start + 1, end + rng.randint(-2, 2)), length)
    if rng.random() < 0.3:
        label = rng.choice(LABELS)
    return (start, end, label)


def candidates(rng: random.Random, gold: list[Span], length: int) -> list[Span]:
    pred = [perturbed(rng, g, length) for g in gold if rng.random() < 0.8]
    pred += [random_span(rng, length) for _ in range(rng.randint(0, 3))]
    if pred and rng.random() < 0.1:
        pred.append(rng.choice(pred))  # an exact duplicate
    rng.shuffle(pred)
    return pred


def one_to_one_case(rng: random.Random) -> tuple[int, list[Span], list[Span]]:
    """Gold (nesting allowed) and predictions where overlaps pair up at most one-to-one."""
    length = rng.randint(8, 30)
    gold = [random_span(rng, length) for _ in range(rng.randint(0, 5))]
    kept: list[Span] = []
    for p in candidates(rng, gold, length):
        hit = [g for g in gold if overlap(g, p)]
        if len(hit) > 1 or (hit and any(overlap(hit[0], q) for q in kept)):
            continue
        kept.append(p)
    return length, gold, kept


def non_nested(rng: random.Random, spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for s in spans:
        if not any(overlap(s, k) for k in kept):
            kept.append(s)
    return kept


def nervaluate_counts(cases: list[tuple[int, list[Span], list[Span]]]) -> dict[str, tuple]:
    def dicts(spans: list[Span]) -> list[dict[str, Any]]:
        return [{"label": t, "start": s, "end": e - 1} for s, e, t in spans]  # inclusive end

    true = [dicts(gold) for _, gold, _ in cases]
    pred = [dicts(p) for _, _, p in cases]
    overall = Evaluator(true, pred, tags=list(LABELS), loader="dict").evaluate()["overall"]
    return {
        ours: (r.correct, r.incorrect, r.partial, r.missed, r.spurious)
        for ours, theirs in NERVALUATE_SCHEMES.items()
        for r in [overall[theirs]]
    }


def our_counts(counts: entities.EntityCounts) -> dict[str, tuple]:
    return {
        s: (c.correct, c.incorrect, c.partial, c.missed, c.spurious)
        for s in entities.SCHEMES
        for c in [getattr(counts.totals, s)]
    }


def score(
    length: int, gold: list[Span], pred: list[Span], doc_id: str = "doc"
) -> entities.EntityCounts:
    return entities.count(
        gold=document(length, gold, doc_id), pred=prediction(pred, doc_id), config=CONFIG
    )


def test_one_to_one_overlaps_equal_nervaluate_counts() -> None:
    rng = random.Random(20240119)
    cases = [one_to_one_case(rng) for _ in range(CASES)]
    total = entities.empty(config=CONFIG)
    outcomes = set()
    for number, case in enumerate(cases):
        ours = score(*case, doc_id=f"doc{number:05d}")
        total += ours
        assert our_counts(ours) == nervaluate_counts([case]), case
        outcomes.update(
            (s, i) for s, values in our_counts(ours).items() for i, n in enumerate(values) if n
        )
    # Summed over the corpus (nervaluate merges documents the same way).
    assert our_counts(total) == nervaluate_counts(cases)
    # The cases exercise every outcome of every scheme (nervaluate: no PAR in strict,
    # exact and type; no INC in partial).
    impossible = {("strict", 2), ("exact", 2), ("type", 2), ("partial", 1)}
    assert outcomes == {(s, i) for s in entities.SCHEMES for i in range(5)} - impossible


def test_precision_recall_f1_equal_nervaluate() -> None:
    """nervaluate reports 0 where we report None (undefined)."""
    rng = random.Random(7)
    for _ in range(300):
        case = one_to_one_case(rng)
        ours = score(*case).totals
        true = [[{"label": t, "start": s, "end": e - 1} for s, e, t in case[1]]]
        pred = [[{"label": t, "start": s, "end": e - 1} for s, e, t in case[2]]]
        overall = Evaluator(true, pred, tags=list(LABELS), loader="dict").evaluate()["overall"]
        for scheme, theirs in NERVALUATE_SCHEMES.items():
            prf = getattr(ours, scheme).to_prf()
            for metric in ("precision", "recall", "f1"):
                mine = getattr(prf, metric)
                expected = getattr(overall[theirs], metric)
                assert math.isclose(0.0 if mine is None else mine, expected, abs_tol=1e-12)


def iob2(length: int, spans: list[Span]) -> list[str]:
    tags = ["O"] * length
    for s, e, label in spans:
        tags[s] = f"B-{label}"
        for i in range(s + 1, e):
            tags[i] = f"I-{label}"
    return tags


def test_strict_equals_seqeval_iob2() -> None:
    rng = random.Random(1994)
    for _ in range(CASES):
        length = rng.randint(8, 30)
        gold = non_nested(rng, [random_span(rng, length) for _ in range(rng.randint(0, 6))])
        pred = non_nested(rng, candidates(rng, gold, length))
        strict = score(length, gold, pred).totals.strict.to_prf()
        y_true, y_pred = [iob2(length, gold)], [iob2(length, pred)]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # seqeval warns on 0/0 and returns 0
            theirs = {
                metric: fn(y_true, y_pred, mode="strict", scheme=IOB2, zero_division=0)
                for metric, fn in (
                    ("precision", precision_score),
                    ("recall", recall_score),
                    ("f1", f1_score),
                )
            }
        for metric, expected in theirs.items():
            mine = getattr(strict, metric)
            assert math.isclose(0.0 if mine is None else mine, expected, abs_tol=1e-12), (
                metric,
                gold,
                pred,
            )


def test_multi_overlap_nervaluate_depends_on_order_we_do_not() -> None:
    """Where greedy and optimal differ. Gold G1 = [0, 4) PER, G2 = [4, 8) PER; P1 = [2, 6)
    PER overlaps both, P2 = [0, 4) PER is G1 exactly.

    Ours (any order): P2-G1 same span and type (COR), P1-G2 overlap, same type
      strict: COR 1, INC 1, PAR 0, MIS 0, SPU 0.
    nervaluate, P1 first: P1 takes G1 (first overlapping gold) as INC; P2 then finds G1
      taken and overlaps nothing else: SPU; G2 is MIS.
      strict: COR 0, INC 1, PAR 0, MIS 1, SPU 1.
    nervaluate, P2 first: as ours.
    """
    gold = [(0, 4, "PER"), (4, 8, "PER")]
    p1, p2 = (2, 6, "PER"), (0, 4, "PER")
    ours = {our_counts(score(10, gold, order))["strict"] for order in ([p1, p2], [p2, p1])}
    assert ours == {(1, 1, 0, 0, 0)}
    assert nervaluate_counts([(10, gold, [p1, p2])])["strict"] == (0, 1, 0, 1, 1)
    assert nervaluate_counts([(10, gold, [p2, p1])])["strict"] == (1, 1, 0, 0, 0)
