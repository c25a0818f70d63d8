"""Entity scorer (wiregold.scorers.entities) and label presets (wiregold.scorers.labels).

Hand-computed cases on a small synthetic document with nested mentions (arithmetic in the
comments), presets, text-only mentions, coreference, and properties on the real gold; the
shortcuts (alignment, coreference in closed form, counts without error items, deferred
sums) checked against the general computations on random documents.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle
import random
from collections import Counter
from fractions import Fraction
from multiprocessing.reduction import ForkingPickler
from typing import Any

import pytest
from conftest import check_errors_false
from wiregold.scorers import coref, entities, labels
from wiregold.scorers.base import ScoreConfig
from wiregold.scorers.span_alignment import align_spans, overlap_tie_break_kept

import wiregold.parallel  # noqa: F401  (how --jobs pickles read-only maps)
from benchmarks import synth
from wiregold import paths
from wiregold.spans import find_span

TEXT = (
    "Islamabad\u2019s foreign ministry said Pakistan recalled its ambassador from Tehran. "
    "Iranian officials met in Davos."
)
CONFIG = ScoreConfig()
COREF_ROWS = ["CoNLL F1", "MUC", "B3", "CEAF-e", "LEA"]
CONLL = ScoreConfig(labels="conll")
ONTONOTES = ScoreConfig(labels="ontonotes")


def where(needle: str, after: int = 0) -> dict[str, Any]:
    return find_span(text=TEXT, needle=needle, after=after).to_json(TEXT)


def gold_mention(mid: str, needle: str, type_: str, kind: str, entity: str) -> dict[str, Any]:
    s = where(needle)
    return {
        "id": mid,
        **s,
        "head": dict(s),
        "entity": entity,
        "type": type_,
        "subtype": None,
        "kind": kind,
        "gpe_role": None,
        "metonymy": None,
    }


def gold_document(doc_id: str = "doc-a") -> dict[str, Any]:
    """9 mentions; nested: g2 in g1, g5 in g4, g7 in g8. Entity pak = g2 g3 g5."""
    return {
        "id": doc_id,
        "text": TEXT,
        "mentions": [
            gold_mention("g1", "Islamabad\u2019s foreign ministry", "ORG", "NOM", "ministry"),
            gold_mention("g2", "Islamabad", "GPE", "NAM", "pak"),
            gold_mention("g3", "Pakistan", "GPE", "NAM", "pak"),
            gold_mention("g4", "its ambassador", "PER", "NOM", "envoy"),
            gold_mention("g5", "its", "GPE", "PRO", "pak"),
            gold_mention("g6", "Tehran", "GPE", "NAM", "tehran"),
            gold_mention("g7", "Iranian", "GPE", "NAM", "iran"),
            gold_mention("g8", "Iranian officials", "PER", "NOM", "officials"),
            gold_mention("g9", "Davos", "GPE", "NAM", "davos"),
        ],
    }


def pred(needle: str, type_: str, **extra: Any) -> dict[str, Any]:
    return {**where(needle), "type": type_, **extra}


def text_pred(text: str, type_: str) -> dict[str, Any]:
    return {"text": text, "type": type_}


def score(mentions: list[dict[str, Any]], config: ScoreConfig = CONFIG) -> entities.EntityCounts:
    return entities.count(
        gold=gold_document(), pred={"doc_id": "doc-a", "mentions": mentions}, config=config
    )


def outcomes(counts: entities.SchemeCounts) -> tuple[int, int, int, int, int]:
    return (counts.correct, counts.incorrect, counts.partial, counts.missed, counts.spurious)


def categories(counts: entities.EntityCounts) -> list[str]:
    return sorted(e.category for e in counts.errors)


def real_gold() -> dict[str, Any]:
    return json.loads(
        (paths.corpus_root() / "test" / "000_2a4f40216c15907b.json").read_text(encoding="utf-8")
    )


# --------------------------------------------------------------------- the schemes


MIXED = [
    pred("Islamabad\u2019s foreign ministry", "ORG"),  # g1 same span and type
    pred("Islamabad", "ORG"),  # g2 same span, other type
    pred("Pakistan recalled", "GPE"),  # g3 overlap, same type
    pred("ambassador", "GPE"),  # g4 (PER) overlap, other type
    pred("Tehran", "GPE"),  # g6 same span and type
    pred("said", "PER"),  # nothing: spurious
]


def test_every_scheme_hand_computed() -> None:
    c = score(MIXED)
    t = c.totals
    # COR, INC, PAR, MIS, SPU.  Missed: g5 its, g7 Iranian, g8 Iranian officials, g9 Davos.
    assert outcomes(t.strict) == (2, 3, 0, 4, 1)  # COR g1 g6; INC g2 g3 g4
    assert outcomes(t.exact) == (3, 2, 0, 4, 1)  # COR g1 g6 g2; INC g3 g4
    assert outcomes(t.partial) == (3, 0, 2, 4, 1)  # COR g1 g6 g2; PAR g3 g4
    assert outcomes(t.type) == (3, 2, 0, 4, 1)  # COR g1 g6 g3; INC g2 g4
    # POS = COR + INC + PAR + MIS = 9 (every scheme); ACT = COR + INC + PAR + SPU = 6.
    for scheme in entities.SCHEMES:
        assert (getattr(t, scheme).possible, getattr(t, scheme).actual) == (9, 6)
    # strict: P = 2/6, R = 2/9, F1 = 2 (1/3)(2/9) / (1/3 + 2/9) = (4/27) / (5/9) = 4/15.
    strict = t.strict.to_prf()
    assert (strict.precision, strict.recall) == (pytest.approx(2 / 6), pytest.approx(2 / 9))
    assert strict.f1 == pytest.approx(4 / 15)
    # exact: P = 3/6, R = 3/9, F1 = 2 (1/2)(1/3) / (5/6) = 2/5.
    assert t.exact.to_prf().f1 == pytest.approx(2 / 5)
    # partial: (COR + 0.5 PAR) = 3 + 1 = 4; P = 4/6, R = 4/9, F1 = 2 (2/3)(4/9) / (10/9) = 8/15.
    partial = t.partial.to_prf()
    assert (partial.correct, partial.predicted, partial.gold) == (4.0, 6, 9)
    assert partial.f1 == pytest.approx(8 / 15)
    # type: (COR + 0.5 * 0) = 3; P = 3/6, R = 3/9, F1 = 2/5.
    assert t.type.to_prf().f1 == pytest.approx(2 / 5)
    assert categories(c) == [
        *["missed"] * 4,
        "spurious",
        "wrong_boundary",  # Pakistan recalled / Pakistan
        "wrong_boundary_and_type",  # ambassador GPE / its ambassador PER
        "wrong_type",  # Islamabad ORG / Islamabad GPE
    ]


def test_rows_headline_first_and_row_values() -> None:
    c = score(MIXED)
    rows = c.rows()
    assert [r.metric for r in rows] == [*entities.SCHEMES, "text-only", *COREF_ROWS]
    assert rows[0].value == c.totals.strict.to_prf()
    # Not scored (no text-only item, no cluster): None, never 0.
    assert [r.value for r in rows[4:]] == [None] * 6


def test_breakdowns_per_type_and_kind() -> None:
    c = score(MIXED)
    # COR/INC/PAR/MIS under the gold type; SPU (`said` PER) under the predicted label.
    # GPE: g6 COR; g2, g3 INC; g5, g7, g9 MIS.  PER: g4 INC, g8 MIS, `said` SPU.  ORG: g1.
    assert {k: outcomes(v.strict) for k, v in c.by_type.items()} == {
        "GPE": (1, 2, 0, 3, 0),
        "ORG": (1, 0, 0, 0, 0),
        "PER": (0, 1, 0, 1, 1),
    }
    assert {k: outcomes(v.partial) for k, v in c.by_type.items()} == {
        "GPE": (2, 0, 1, 3, 0),  # g6, g2 COR; g3 PAR
        "ORG": (1, 0, 0, 0, 0),
        "PER": (0, 0, 1, 1, 1),
    }
    # Kinds: NAM g2 g3 g6 g7 g9; NOM g1 g4 g8; PRO g5; the prediction has no kind.
    assert {k: outcomes(v.strict) for k, v in c.by_kind.items()} == {
        "NAM": (1, 2, 0, 2, 0),
        "NOM": (1, 1, 0, 1, 0),
        "PRO": (0, 0, 0, 1, 0),
        "unspecified": (0, 0, 0, 0, 1),
    }
    spurious_with_kind = score([pred("said", "PER", kind="NOM")])
    assert outcomes(spurious_with_kind.by_kind["NOM"].strict) == (0, 0, 0, 3, 1)  # g1 g4 g8 MIS
    summed = entities.Schemes()
    for value in c.by_type.values():
        summed += value
    assert summed == c.totals


# ------------------------------------------------------------- alignment, nesting


def test_prediction_overlapping_two_gold_mentions() -> None:
    # `Islamabad's foreign` overlaps g1 (ORG, same type) and g2 (GPE). One-to-one: it is
    # aligned to g1 (overlap + type beats overlap); g2 is missed.
    c = score([pred("Islamabad\u2019s foreign", "ORG")])
    assert outcomes(c.totals.strict) == (0, 1, 0, 8, 0)
    assert outcomes(c.totals.partial) == (0, 0, 1, 8, 0)  # credit 0.5: P = 0.5/1, R = 0.5/9
    assert c.totals.partial.to_prf().precision == 0.5
    assert outcomes(c.totals.type) == (1, 0, 0, 8, 0)
    missed_g2 = next(e for e in c.errors if e.gold and e.gold.startswith("'Islamabad' "))
    assert missed_g2.category == "missed"
    assert "overlaps 'Islamabad\u2019s foreign'" in (missed_g2.detail or "")


def test_same_span_beats_overlap_with_the_right_type() -> None:
    # `Islamabad` ORG: g2 `Islamabad` GPE has the same span (tier 3), g1 `Islamabad's
    # foreign ministry` ORG the same type but only overlaps (tier 2): aligned to g2.
    c = score([pred("Islamabad", "ORG")])
    assert outcomes(c.totals.strict) == (0, 1, 0, 8, 0)
    assert outcomes(c.totals.exact) == (1, 0, 0, 8, 0)
    assert [e.category for e in c.errors if e.pred] == ["wrong_type"]


def test_nested_gold_same_span_pairs_first() -> None:
    # g4 `its ambassador` PER contains g5 `its` GPE. P1 = `its ambassador` PER (g4 exactly),
    # P2 = `its` PER overlaps g4 (same type) and is g5's span (other type).
    # Best: P1-g4 (same span and type) + P2-g5 (same span): strict COR 1, INC 1.
    c = score([pred("its", "PER"), pred("its ambassador", "PER")])
    assert outcomes(c.totals.strict) == (1, 1, 0, 7, 0)
    assert outcomes(c.totals.exact) == (2, 0, 0, 7, 0)


def test_lexicographic_one_exact_pair_beats_two_overlaps() -> None:
    # Units: g1 = [0, 4) PER, g2 = [3, 8) PER; P1 = [0, 4) PER (g1 exactly, overlaps g2),
    # P2 = [1, 3) PER (overlaps g1 only).
    # {P1-g1} has one tier-4 pair; {P1-g2, P2-g1} has two tier-2 pairs. With additive
    # weights 4, 3, 2, 1 both total 4; the lexicographic order prefers the exact pair:
    # strict COR 1, MIS 1 (g2), SPU 1 (P2).
    text = "abcdefghij"
    gold = {
        "id": "d",
        "text": text,
        "mentions": [
            {"id": "a", "start": 0, "end": 4, "text": "abcd", "type": "PER", "kind": "NAM",
             "entity": "a"},
            {"id": "b", "start": 3, "end": 8, "text": "defgh", "type": "PER", "kind": "NAM",
             "entity": "b"},
        ],
    }  # fmt: skip
    prediction = {
        "doc_id": "d",
        "mentions": [{"start": 1, "end": 3, "type": "PER"}, {"start": 0, "end": 4, "type": "PER"}],
    }
    c = entities.count(gold=gold, pred=prediction, config=CONFIG)
    assert outcomes(c.totals.strict) == (1, 0, 0, 1, 1)


def test_duplicates_are_spurious_and_listed() -> None:
    # Same span and label twice: the second is SPU and `duplicate`, even though it overlaps
    # g1 (`Islamabad's foreign ministry`) which is free. Same span, other label: scored.
    c = score([pred("Islamabad", "GPE"), pred("Islamabad", "GPE"), pred("Islamabad", "ORG")])
    # Islamabad GPE -> g2 COR; Islamabad ORG -> g1 (overlap, same type) INC; duplicate SPU.
    assert outcomes(c.totals.strict) == (1, 1, 0, 7, 1)
    assert c.duplicates == 1
    assert categories(c).count("duplicate") == 1
    assert "spurious" not in categories(c)


# ------------------------------------------------------------------------- presets


def test_presets_are_visible_tables() -> None:
    assert labels.PRESETS["wiregold"].mapping == {t: frozenset({t}) for t in labels.ACE_TYPES}
    assert labels.PRESETS["wiregold"].gold_kinds == {"NAM", "NOM", "PRO"}
    conll = labels.PRESETS["conll"]
    assert dict(conll.mapping) == {
        "PER": {"PER"},
        "ORG": {"ORG"},
        "LOC": {"GPE", "LOC", "FAC"},
        "MISC": frozenset(),
    }
    assert conll.gold_kinds == {"NAM"}
    onto = labels.PRESETS["ontonotes"]
    assert onto.gold_kinds == {"NAM"}
    assert {k: v for k, v in onto.mapping.items() if v} == {
        "PERSON": {"PER"},
        "ORG": {"ORG"},
        "GPE": {"GPE"},
        "LOC": {"LOC"},
        "FAC": {"FAC"},
        "NORP": {"GPE"},
        "PRODUCT": {"VEH", "WEA"},
    }
    assert {k for k, v in onto.mapping.items() if not v} >= {"DATE", "TIME", "CARDINAL", "LAW"}


def test_ace_types_equal_the_inventory() -> None:
    inventory = json.loads(paths.inventory_path().read_text(encoding="utf-8"))
    assert set(labels.ACE_TYPES) == set(inventory["entity_types"])


def test_conll_loc_matches_gpe_misc_is_unmapped_gold_is_nam_only() -> None:
    c = score(
        [
            pred("Tehran", "LOC"),  # g6 GPE: LOC -> {GPE, LOC, FAC}: COR
            pred("Pakistan", "LOC"),  # g3: COR
            pred("Iranian", "MISC"),  # no gold type: SPU, unmapped_label; g7 MIS
            pred("its ambassador", "PER"),  # g4 is NOM, out of scope: SPU
        ],
        CONLL,
    )
    # Gold scope = NAM: g2 g3 g6 g7 g9 (POS 5). COR 2, MIS 3 (g2 g7 g9), SPU 2.
    assert outcomes(c.totals.strict) == (2, 0, 0, 3, 2)
    assert c.gold == 5
    assert dict(c.unmapped) == {"MISC": 1}
    unmapped = [e for e in c.errors if e.category == "unmapped_label"]
    assert len(unmapped) == 1 and unmapped[0].pred == "'Iranian' [80, 87) MISC"
    # SPU under the predicted label in the per-type breakdown.
    assert c.by_type["MISC"].strict.spurious == 1
    assert c.by_type["GPE"].strict.correct == 2


def test_ontonotes_norp_product_and_unmapped_labels() -> None:
    c = score(
        [
            pred("Iranian", "NORP"),  # g7 GPE NAM: COR
            pred("Davos", "GPE"),  # g9: COR
            pred("Pakistan", "DATE"),  # no gold type: unmapped_label, g3 MIS
            pred("Tehran", "PERSON"),  # g6 GPE: same span, other type: INC
        ],
        ONTONOTES,
    )
    assert outcomes(c.totals.strict) == (2, 1, 0, 2, 1)  # MIS g2 g3
    assert outcomes(c.totals.exact) == (3, 0, 0, 2, 1)
    assert dict(c.unmapped) == {"DATE": 1}
    assert "wrong_type" in categories(c)


def test_label_outside_the_preset_is_unmapped_never_dropped() -> None:
    c = score([pred("Tehran", "CITY")])
    assert outcomes(c.totals.strict) == (0, 0, 0, 9, 1)
    assert dict(c.unmapped) == {"CITY": 1}


def test_unknown_preset_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="known presets: conll, ontonotes, wiregold"):
        score([], ScoreConfig(labels="conll2003"))
    with pytest.raises(ValueError, match="unknown entity label preset"):
        entities.empty(config=ScoreConfig(labels="x"))


def test_adding_counts_of_different_presets_is_an_error() -> None:
    with pytest.raises(ValueError, match="label presets"):
        entities.empty(config=CONFIG) + entities.empty(config=CONLL)


# ----------------------------------------------------------------------- text-only


def test_text_only_mentions() -> None:
    c = score(
        [
            text_pred("Pakistan", "GPE"),
            text_pred("PAKISTAN ", "GPE"),  # the same key once normalised
            text_pred("Islamabad's foreign ministry", "ORG"),  # ASCII quote = curly quote
            text_pred("Tehran", "PER"),  # wrong type: spurious
            text_pred("Iranian", "MISC"),  # not a wiregold type: unmapped
        ]
    )
    # Gold keys: 9 distinct (text, type). Predicted keys: (pakistan, GPE),
    # (islamabad's foreign ministry, ORG), (tehran, PER), (iranian, MISC) = 4; 2 correct.
    # P = 2/4, R = 2/9.
    assert (c.text_only.correct, c.text_only.predicted, c.text_only.gold) == (2, 4, 9)
    assert (c.by_span, c.by_text) == (0, 5)
    assert c.rows()[4].value == c.text_only
    assert outcomes(c.totals.strict) == (0, 0, 0, 9, 0)  # span rows: nothing predicted
    by_text = [e for e in c.errors if e.detail and e.detail.startswith("by text")]
    assert sorted(e.category for e in by_text) == [
        *["missed"] * 7,
        "spurious",
        "unmapped_label",
    ]
    assert dict(c.unmapped) == {"MISC": 1}


def test_text_only_with_preset_sets() -> None:
    # conll: gold keys are the NAM mentions' (text, type): islamabad, pakistan, tehran,
    # iranian, davos (all GPE) = 5. `Tehran` LOC matches (tehran, GPE).
    c = score([text_pred("Tehran", "LOC"), text_pred("Davos", "PER")], CONLL)
    assert (c.text_only.correct, c.text_only.predicted, c.text_only.gold) == (1, 2, 5)


def test_span_only_prediction_text_row_not_scored_but_gold_keys_count() -> None:
    c = score(MIXED)
    assert {r.metric: r.value for r in c.rows()}["text-only"] is None
    assert (c.text_only.predicted, c.text_only.gold, c.text_only.recall) == (0, 9, 0.0)
    assert not any(e.detail and e.detail.startswith("by text") for e in c.errors)


# --------------------------------------------------------------------- coreference


def clustered(*groups: tuple[str, list[str]]) -> list[dict[str, Any]]:
    return [
        {**gm, "type": gm["type"], "entity": entity}
        for entity, ids in groups
        for gm in gold_document()["mentions"]
        if gm["id"] in ids
    ]


def test_coreference_hand_computed() -> None:
    # Gold: K1 = {Islamabad, Pakistan, its} + 6 singletons (9 mentions, 7 entities).
    # Prediction: every gold span and type, but Tehran joins K1:
    # R1 = {Islamabad, Pakistan, its, Tehran} + 5 singletons (9 mentions, 6 entities).
    response = clustered(
        ("A", ["g2", "g3", "g5", "g6"]),
        *[(f"s{i}", [i]) for i in ("g1", "g4", "g7", "g8", "g9")],
    )
    c = score(response)
    co = c.coreference
    assert co.scored and co.clustered == 1
    # MUC: R = (3 - 1) / 2 = 1; P = (4 - 2 parts) / 3 = 2/3; F1 = 2 (2/3) / (5/3) = 4/5.
    muc = co.conll.muc
    assert (muc.recall_num, muc.recall_den, muc.precision_num, muc.precision_den) == (2, 2, 2, 3)
    assert muc.f1 == pytest.approx(4 / 5)
    # B3: R = (3 * 3/3 + 1 + 5) / 9 = 1; P = (3 * 3/4 + 1/4 + 5) / 9 = 7.5/9 = 5/6;
    # F1 = 2 (5/6) / (11/6) = 10/11.
    assert co.conll.bcub.precision == pytest.approx(5 / 6)
    assert co.conll.bcub.f1 == pytest.approx(10 / 11)
    # CEAF-e: K1-R1 phi4 = 2*3/7 = 6/7; 5 singletons 1 each; {Tehran} unaligned.
    # sum = 41/7; R = (41/7)/7, P = (41/7)/6; F1 = 2*41/(49 + 42) = 82/91.
    assert co.conll.ceafe.f1 == pytest.approx(82 / 91)
    assert co.conll.f1 == pytest.approx((4 / 5 + 10 / 11 + 82 / 91) / 3)
    # LEA: R = (3 * 3/3 + 0 ({Tehran} is no singleton in R) + 5) / 9 = 8/9;
    # P = (4 * 3/6 + 5) / 9 = 7/9; F1 = 2 (8/9)(7/9) / (15/9) = 112/135.
    assert co.lea.recall == pytest.approx(8 / 9)
    assert co.lea.precision == pytest.approx(7 / 9)
    assert co.lea.f1 == pytest.approx(float(Fraction(112, 135)))
    assert [r.value for r in c.rows()[5:]] == [co.conll, muc, co.conll.bcub, co.conll.ceafe, co.lea]
    # Mention scores are untouched by clustering.
    assert outcomes(c.totals.strict) == (9, 0, 0, 0, 0)


def test_no_clusters_means_not_scored() -> None:
    c = score(MIXED)
    assert not c.coreference.scored
    assert c.to_dict()["totals"]["coreference"] == {"scored": False}
    assert {r.metric: r.value for r in c.rows()}["CoNLL F1"] is None


def test_once_scored_documents_without_clusters_count_as_singletons() -> None:
    # a: no clusters. Its predicted mentions are singletons; the gold entity
    # {g2 g3 g5} still needs links: MUC recall of a alone = 0 / 2.
    a = score([pred("Islamabad", "GPE"), pred("Pakistan", "GPE"), pred("its", "GPE")])
    assert (a.coreference.conll.muc.recall_num, a.coreference.conll.muc.recall_den) == (0, 2)
    b = score(clustered(("A", ["g2", "g3", "g5"])))  # recall 2 / 2
    total = a + b
    assert total.coreference.clustered == 1
    # Corpus MUC recall = (0 + 2) / (2 + 2) = 1/2: a's missing links count.
    assert total.coreference.conll.muc.recall == 0.5


def test_unclustered_mentions_are_singletons() -> None:
    # Gold K = {g2 g3 g5} + singletons; response: g2, g3 in one cluster, g5 without entity.
    mentions = clustered(("A", ["g2", "g3"]))
    mentions.append({**where("its"), "type": "GPE"})
    co = score(mentions).coreference
    assert co.scored
    # MUC R: K1 (3) cut into 2 parts ({g2 g3}, {g5}) -> 1/2; P: R1 (2) in 1 part -> 1/1.
    assert (co.conll.muc.recall_num, co.conll.muc.recall_den) == (1, 2)
    assert co.conll.muc.precision == 1.0


# ------------------------------------------------------------------------ properties


def test_real_gold_against_itself_is_perfect_on_every_row() -> None:
    gold = real_gold()
    c = entities.count(gold=gold, pred=copy.deepcopy(gold), config=CONFIG)
    rows = c.rows()
    assert [r.metric for r in rows if r.value is None] == ["text-only"]  # no text item
    for row in rows:
        if row.value is None:
            continue
        assert row.value.f1 == pytest.approx(1.0), row.metric
        if hasattr(row.value, "precision"):
            assert row.value.precision == pytest.approx(1.0)
            assert row.value.recall == pytest.approx(1.0)
    assert c.errors == ()
    assert c.gold == len(gold["mentions"]) == 120
    # Text-only version of the gold: the text-only row is perfect too.
    text_only = {"doc_id": gold["id"], "mentions": [
        {"text": m["text"], "type": m["type"]} for m in gold["mentions"]
    ]}  # fmt: skip
    t = entities.count(gold=gold, pred=text_only, config=CONFIG)
    assert t.text_only.f1 == 1.0 and t.by_text == 120


def test_real_gold_nam_mentions_against_themselves_under_wiregold() -> None:
    gold = real_gold()
    names = [m for m in gold["mentions"] if m["kind"] == "NAM"]
    c = entities.count(gold=gold, pred={"doc_id": gold["id"], "mentions": names}, config=CONFIG)
    # Precision 1 (every name is right), recall = names / all mentions.
    assert c.totals.strict.to_prf().precision == 1.0
    assert c.totals.strict.to_prf().recall == pytest.approx(len(names) / 120)
    assert c.by_kind["NAM"].strict.to_prf().f1 == 1.0


def test_empty_prediction_scores_recall_zero() -> None:
    gold = real_gold()
    c = entities.count(gold=gold, pred={"doc_id": gold["id"]}, config=CONFIG)
    for scheme in entities.SCHEMES:
        prf = getattr(c.totals, scheme).to_prf()
        assert (prf.recall, prf.precision, prf.f1) == (0.0, None, 0.0)  # F1 = 2*0/(0+120)
    assert not c.coreference.scored
    assert [r.value for r in c.rows()[4:]] == [None] * 6
    assert categories(c) == ["missed"] * 120


def test_shuffling_items_changes_nothing() -> None:
    gold = real_gold()
    rng = random.Random(3)
    mentions = copy.deepcopy(gold["mentions"])
    # A messy prediction: gold mentions with shifted ends, changed types, duplicates,
    # unmapped labels, clusters, and text-only items.
    messy: list[dict[str, Any]] = []
    for m in mentions:
        roll = rng.random()
        item = {k: m[k] for k in ("start", "end", "type", "kind", "entity")}
        if roll < 0.15:
            item["end"] = min(len(gold["text"]), item["end"] + 3)
        elif roll < 0.3:
            item["type"] = rng.choice(["PER", "ORG", "GPE", "LOC", "MISC"])
        elif roll < 0.4:
            continue
        elif roll < 0.5:
            messy.append(dict(item))
        elif roll < 0.55:
            item = {"text": m["text"], "type": m["type"]}
        messy.append(item)
    reference = entities.count(gold=gold, pred={"doc_id": gold["id"], "mentions": messy},
                               config=CONFIG)  # fmt: skip
    assert reference.duplicates and reference.unmapped and reference.by_text
    for _ in range(5):
        shuffled_gold = copy.deepcopy(gold)
        rng.shuffle(shuffled_gold["mentions"])
        shuffled = copy.deepcopy(messy)
        rng.shuffle(shuffled)
        again = entities.count(
            gold=shuffled_gold, pred={"doc_id": gold["id"], "mentions": shuffled}, config=CONFIG
        )
        assert again == reference


def test_adding_documents_equals_scoring_them_as_one() -> None:
    # Two documents, and one document that is their concatenation (offsets shifted).
    a_pred = MIXED
    b_pred = clustered(("A", ["g2", "g3", "g5", "g6"]), ("B", ["g8"]))
    a = entities.count(gold=gold_document("doc-a"), pred={"doc_id": "a", "mentions": a_pred},
                       config=CONFIG)  # fmt: skip
    b = entities.count(gold=gold_document("doc-b"), pred={"doc_id": "b", "mentions": b_pred},
                       config=CONFIG)  # fmt: skip
    shift = len(TEXT) + 1

    def moved(items: list[dict[str, Any]], entity_prefix: str) -> list[dict[str, Any]]:
        out = []
        for m in copy.deepcopy(items):
            m["start"] += shift
            m["end"] += shift
            if m.get("entity"):
                m["entity"] = entity_prefix + m["entity"]
            out.append(m)
        return out

    gold_a = gold_document("doc-ab")
    joined_gold = {
        "id": "doc-ab",
        "text": TEXT + " " + TEXT,
        "mentions": gold_a["mentions"] + moved(gold_document()["mentions"], "b-"),
    }
    joined_pred = {"doc_id": "doc-ab", "mentions": a_pred + moved(b_pred, "b-")}
    joined = entities.count(gold=joined_gold, pred=joined_pred, config=CONFIG)
    total = a + b
    assert (total.totals, total.by_type, total.by_kind) == (
        joined.totals,
        joined.by_type,
        joined.by_kind,
    )
    assert total.documents == 2 and len(total.errors) == len(joined.errors)
    # Coreference: only b has clusters; a counts with singletons, like a's half of the
    # joined document. The counts add up (fractional ones up to rounding).
    assert total.coreference.clustered == joined.coreference.clustered == 1
    for metric in ("muc", "bcub", "ceafe"):
        ours, theirs = (
            getattr(total.coreference.conll, metric),
            getattr(joined.coreference.conll, metric),
        )
        assert ours.to_dict() == pytest.approx(theirs.to_dict()), metric
    assert total.coreference.lea.to_dict() == pytest.approx(joined.coreference.lea.to_dict())
    assert a + b == b + a


def test_to_dict_sections_and_json() -> None:
    c = score(MIXED)
    d = c.to_dict()
    assert set(d) == {"layer", "labels", "gold_scope", "documents", "totals", "items", "breakdowns"}
    assert set(d["totals"]) == {*entities.SCHEMES, "text_only", "coreference"}
    assert d["totals"]["text_only"] == {"scored": False, "gold": 9}
    assert d["totals"]["strict"] == {
        "COR": 2, "INC": 3, "PAR": 0, "MIS": 4, "SPU": 1, "POS": 9, "ACT": 6,
        "precision": pytest.approx(1 / 3), "recall": pytest.approx(2 / 9),
        "f1": pytest.approx(4 / 15),
    }  # fmt: skip
    assert set(d["breakdowns"]) == {"type", "kind"}
    assert d["items"] == {
        "gold": 9, "by_span": 6, "by_text": 0, "duplicates": 0, "unmapped_labels": {},
    }  # fmt: skip
    json.dumps(d)  # JSON-ready


def test_errors_name_items_with_offsets() -> None:
    c = score([pred("Islamabad", "ORG")])
    wrong = next(e for e in c.errors if e.category == "wrong_type")
    assert wrong.gold == "'Islamabad' [0, 9) GPE NAM"
    assert wrong.pred == "'Islamabad' [0, 9) ORG"
    assert wrong.layer == "entities" and wrong.doc_id == "doc-a"


def test_bad_prediction_span_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="predicted mention"):
        score([{"start": 5, "end": 5, "type": "PER"}])
    with pytest.raises(ValueError, match="inside the document text"):
        score([{"start": 0, "end": len(TEXT) + 1, "type": "PER"}])


def test_scheme_counts_reject_mixing_schemes() -> None:
    with pytest.raises(ValueError):
        entities.SchemeCounts("strict") + entities.SchemeCounts("exact")
    with pytest.raises(ValueError, match="unknown scheme"):
        entities.SchemeCounts("lenient")


# ------------------------------------------------------------------ span alignment


def test_larger_overlap_wins_among_equal_tiers() -> None:
    # g0 = [0, 4), g1 = [4, 10); P = [2, 9) overlaps g0 by 2 and g1 by 5 (same tier):
    # aligned to g1 whichever comes first.
    for gold in ([(0, 4), (4, 10)], [(4, 10), (0, 4)]):
        pairs = align_spans(gold=gold, pred=[(2, 9)], tier=lambda g, p: 1, tiers=1)
        assert [gold[g] for g, _ in pairs] == [(4, 10)]


def test_alignment_never_pairs_disjoint_spans() -> None:
    # P0 = [0, 2) and P1 = [5, 6) overlap nothing: no pair, even though an assignment of
    # the 1x2 matrix has a (zero-weight) cell.
    assert align_spans(gold=[(2, 5)], pred=[(0, 2), (5, 6)], tier=lambda g, p: 1, tiers=1) == []


def test_alignment_rejects_bad_tiers() -> None:
    with pytest.raises(ValueError, match=r"expected an int in 1\.\.2"):
        align_spans(gold=[(0, 2)], pred=[(0, 2)], tier=lambda g, p: 3, tiers=2)


def test_alignment_of_a_long_overlap_chain_is_maximal() -> None:
    # 120 gold spans [2i, 2i + 2) and 120 predictions [2i + 1, 2i + 3): one connected
    # chain. Every gold can take the prediction that starts inside it: 120 pairs.
    gold = [(2 * i, 2 * i + 2) for i in range(120)]
    pred = [(2 * i + 1, 2 * i + 3) for i in range(120)]
    assert len(align_spans(gold=gold, pred=pred, tier=lambda g, p: 1, tiers=4)) == 120


def test_alignment_keeps_weights_exact() -> None:
    # 60 pairs, 8 tiers: 61**8 * (60 * 2 + 1) > 2**50, so the overlap tie-break is dropped
    # (the tiers are still exact); with 10 tiers even the tiers would not fit: an error.
    gold = [(2 * i, 2 * i + 2) for i in range(60)]
    pred = [(2 * i + 1, 2 * i + 3) for i in range(60)]
    assert len(align_spans(gold=gold, pred=pred, tier=lambda g, p: 1, tiers=8)) == 60
    with pytest.raises(ValueError, match="too large to align exactly"):
        align_spans(gold=gold, pred=pred, tier=lambda g, p: 1, tiers=10)


def test_type_errors_say_what_a_preset_label_matches() -> None:
    c = score([pred("Tehran", "PER")], CONLL)
    wrong = next(e for e in c.errors if e.category == "wrong_type")
    assert wrong.detail == "conll PER matches PER"
    assert labels.PRESETS["wiregold"].identity and not labels.PRESETS["conll"].identity
    plain = score([pred("Tehran", "PER")])
    assert next(e for e in plain.errors if e.category == "wrong_type").detail is None


def test_empty_is_the_neutral_element() -> None:
    c = score(MIXED)
    assert entities.empty(config=CONFIG) + c == c == c + entities.empty(config=CONFIG)


# ------------------------------------------------- docs/scoring-entities.md example


def docs_example() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    gold = real_gold()
    gold["mentions"] = [m for m in gold["mentions"] if 1011 <= m["start"] < 1110]
    text = gold["text"]

    def at(needle: str, type_: str) -> dict[str, Any]:
        s = find_span(text=text, needle=needle, after=1000).to_json(text)
        return {**s, "type": type_}

    flat = [
        at("Pakistan", "GPE"),
        at("Foreign Minister", "ORG"),
        at("Jalil Abbas Jilani", "PER"),
        at("Hossein Amir-Abdollahian", "PER"),
    ]
    return gold, flat


def test_docs_worked_example() -> None:
    gold, flat = docs_example()
    assert [m["id"] for m in gold["mentions"]] == ["m40", "m41", "m42", "m43", "m44"]
    c = entities.count(gold=gold, pred={"doc_id": gold["id"], "mentions": flat}, config=CONFIG)
    assert outcomes(c.totals.strict) == outcomes(c.totals.exact) == (1, 2, 0, 2, 1)
    assert outcomes(c.totals.partial) == (1, 0, 2, 2, 1)
    assert outcomes(c.totals.type) == (3, 0, 0, 2, 1)
    # strict F1 = 2 (1/4)(1/5) / (9/20) = 2/9; partial 2 (1/2)(2/5) / (9/10) = 4/9;
    # type 2 (3/4)(3/5) / (27/20) = 2/3.
    assert c.totals.strict.to_prf().f1 == pytest.approx(2 / 9)
    assert c.totals.partial.to_prf().f1 == pytest.approx(4 / 9)
    assert c.totals.type.to_prf().f1 == pytest.approx(2 / 3)
    spurious = next(e for e in c.errors if e.category == "spurious")
    assert spurious.pred == "'Foreign Minister' [1022, 1038) ORG"
    assert categories(c) == ["missed", "missed", "spurious", "wrong_boundary", "wrong_boundary"]

    conll = [dict(flat[0], type="LOC"), flat[2], flat[3]]
    iranian = {**find_span(text=gold["text"], needle="Iranian", after=1000).to_json(gold["text"])}
    c = entities.count(
        gold=gold,
        pred={"doc_id": gold["id"], "mentions": [*conll, {**iranian, "type": "MISC"}]},
        config=CONLL,
    )
    assert (c.gold, outcomes(c.totals.strict)) == (4, (1, 2, 0, 1, 1))
    onto = [
        dict(flat[0]),
        dict(flat[2], type="PERSON"),
        dict(flat[3], type="PERSON"),
        {**iranian, "type": "NORP"},
    ]
    c = entities.count(gold=gold, pred={"doc_id": gold["id"], "mentions": onto}, config=ONTONOTES)
    assert c.totals.strict.to_prf().f1 == 0.5
    assert c.totals.type.to_prf().f1 == 1.0


def test_docs_text_key_counts_and_flat_ceiling() -> None:
    gold = real_gold()
    for config, keys in ((CONFIG, 88), (CONLL, 29)):
        assert (
            entities.count(gold=gold, pred={"doc_id": gold["id"]}, config=config).text_only.gold
            == keys
        )

    def flat_maximum(mentions: list[dict[str, Any]]) -> int:
        # Interval scheduling: the most pairwise non-overlapping mentions.
        chosen, last_end = 0, -1
        for m in sorted(mentions, key=lambda m: m["end"]):
            if m["start"] >= last_end:
                chosen, last_end = chosen + 1, m["end"]
        return chosen

    names = [m for m in gold["mentions"] if m["kind"] == "NAM"]
    assert (flat_maximum(gold["mentions"]), flat_maximum(names), len(names)) == (107, 49, 52)


def test_document_order_changes_nothing() -> None:
    docs = [
        entities.count(
            gold=gold_document(doc_id),
            pred={"doc_id": doc_id, "mentions": mentions},
            config=CONFIG,
        )
        for doc_id, mentions in (
            ("doc-a", MIXED),
            ("doc-b", [pred("Islamabad\u2019s foreign", "ORG"), text_pred("Davos", "GPE")]),
            ("doc-c", clustered(("A", ["g2", "g3"]))),
        )
    ]
    orders = [(0, 1, 2), (2, 1, 0), (1, 0, 2), (2, 0, 1)]
    totals = []
    for order in orders:
        total = entities.empty(config=CONFIG)
        for i in order:
            total = total + docs[i]
        totals.append(total)
    assert all(t == totals[0] for t in totals)
    assert [e.doc_id for e in totals[0].errors] == sorted(e.doc_id for e in totals[0].errors)


def test_corpus_sums_are_exact_in_any_document_order() -> None:
    # Fractional coreference numerators (B3, CEAF-e, LEA) are summed exactly, so the
    # corpus totals are equal, not just close, whatever the order of the documents.
    gold, rng = real_gold(), random.Random(1)
    docs = []
    for i in range(12):
        gold_i = {**gold, "id": f"d{i:02d}"}
        mentions = [dict(m) for m in gold["mentions"] if rng.random() < 0.8]
        for m in mentions:
            if rng.random() < 0.3:
                m["entity"] = rng.choice(["e1", "e2", "e5", "x"])
        docs.append(entities.count(gold=gold_i, pred={"doc_id": gold_i["id"], "mentions": mentions},
                                   config=CONFIG))  # fmt: skip
    totals = []
    for _ in range(4):
        rng.shuffle(docs)
        total = entities.empty(config=CONFIG)
        for doc in docs:
            total = total + doc
        totals.append(total)
    assert all(t == totals[0] for t in totals)
    assert 0 < totals[0].coreference.conll.f1 < 1


def test_each_missed_gold_mention_is_listed_once() -> None:
    # All text-only: 9 gold mentions, 8 distinct (text, type) keys (islamabad GPE, pakistan
    # GPE, ...); "Pakistan" GPE is found, so 7 keys are listed as missed, by text only.
    c = score([text_pred("Pakistan", "GPE")])
    missed = [e for e in c.errors if e.category == "missed"]
    assert len(missed) == c.text_only.gold - c.text_only.correct
    assert all(e.detail == "by text" for e in missed)
    # Mixed: misses are listed by span, except the gold mentions the text-only item found.
    c = score([pred("Davos", "GPE"), text_pred("Pakistan", "GPE")])
    missed = [e for e in c.errors if e.category == "missed"]
    assert all(e.detail != "by text" for e in missed)
    assert sorted(e.gold.split("'")[1] for e in missed) == sorted(
        ["Islamabad\u2019s foreign ministry", "Islamabad", "its ambassador", "its", "Tehran",
         "Iranian", "Iranian officials"]
    )  # fmt: skip


# ------------------------------------------------------------ fast paths, same results


PRESETS = [CONFIG, CONLL, ONTONOTES]


def synthetic_pairs(documents: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Gold documents and predictions of the benchmark generator, and the predictions
    again without clusters (their coreference is then counted in closed form)."""
    pairs = []
    for number in range(documents):
        gold, _ = synth.gold_document(number, seed=5)
        pred = synth.prediction(gold, seed=5)
        flat = {**pred, "mentions": [{k: v for k, v in m.items() if k != "entity"}
                                     for m in pred["mentions"]]}  # fmt: skip
        pairs += [(gold, pred), (gold, flat)]
    return pairs


@pytest.mark.parametrize("config", PRESETS, ids=lambda c: c.labels)
def test_errors_false_gives_the_counts_without_building_error_items(
    config: ScoreConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = [*synthetic_pairs(40), (gold_document(), {"doc_id": "doc-a", "mentions": MIXED})]
    check_errors_false(
        entities, cases=cases, config=config, monkeypatch=monkeypatch, least=20, forbid="ErrorLog"
    )


def random_document(rng: random.Random, number: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """A short text with random, often nested or overlapping, gold mentions (sometimes
    two on one span) and predictions: exact, shifted, retyped, unmapped, duplicated,
    text-only, with and without kinds and clusters."""
    text = "".join(rng.choice("ab cd") for _ in range(rng.randint(5, 50)))
    types, labels_ = ["PER", "ORG", "GPE", "LOC"], ["PER", "ORG", "GPE", "LOC", "MISC", "NORP"]

    def span() -> tuple[int, int]:
        start = rng.randrange(len(text))
        return start, min(len(text), start + rng.randint(1, 10))

    golds: list[dict[str, Any]] = []
    for i in range(rng.randint(0, 7)):
        start, end = span()
        kind = rng.choice(labels.MENTION_KINDS)
        golds.append(
            {"id": f"g{i}", "start": start, "end": end, "text": text[start:end],
             "type": rng.choice(types), "kind": kind}
        )  # fmt: skip
        if rng.random() < 0.5:
            golds[-1]["entity"] = rng.choice("xyz")
        if rng.random() < 0.15:
            golds.append({**golds[-1], "id": f"g{i}b", "type": rng.choice(types)})
    preds: list[dict[str, Any]] = []
    for _ in range(rng.randint(0, 8)):
        start, end = span()
        if golds and rng.random() < 0.6:
            g = rng.choice(golds)
            start, end = g["start"], g["end"]
            if rng.random() < 0.4:
                start = max(0, start - rng.randint(0, 2))
                end = min(len(text), end + rng.randint(0, 2))
        p: dict[str, Any] = {"start": start, "end": end, "type": rng.choice(labels_)}
        if rng.random() < 0.3:
            p["kind"] = rng.choice(["NAM", "NOM"])
        if rng.random() < 0.2:
            p["entity"] = rng.choice("xyz")
        if rng.random() < 0.1:
            p = {"text": text[start:end], "type": p["type"]}
        preds += [p, dict(p)] if rng.random() < 0.1 else [p]
    doc_id = f"r{number:05d}"
    return {"id": doc_id, "text": text, "mentions": golds}, {"doc_id": doc_id, "mentions": preds}


def test_short_documents_keep_the_overlap_tie_break() -> None:
    assert overlap_tie_break_kept(pairs=entities._SHORT_GOLD, overlap=entities._SHORT_TEXT, tiers=4)
    assert not overlap_tie_break_kept(pairs=1000, overlap=entities._SHORT_TEXT, tiers=4)


def test_alignment_shortcut_equals_align_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    # The counts (and error items) are those of `align_spans` on canonically sorted items
    # whether the shortcut (`_align_fast`) finds the alignment or gives up on it.
    rng = random.Random(11)
    cases = [random_document(rng, n) for n in range(1500)]
    fast = {}
    shortcut = entities._align_fast
    found = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        alignment = shortcut(*args, **kwargs)
        found.append(alignment is not None)
        return alignment

    second_labels = entities._second_labels
    seconds = []

    def split(*args: Any) -> Any:
        result = second_labels(*args)
        seconds.append(result is not None)
        return result

    monkeypatch.setattr(entities, "_align_fast", counted)
    monkeypatch.setattr(entities, "_second_labels", split)
    for n, (gold, pred) in enumerate(cases):
        for config in PRESETS:
            fast[n, config.labels] = entities.count(gold=gold, pred=pred, config=config)
    assert True in found and False in found  # it found alignments, and gave some up
    assert seconds.count(True) > 50 and False in seconds  # two labels on a span, both ways
    monkeypatch.setattr(entities, "_align_fast", lambda *args, **kwargs: None)
    for n, (gold, pred) in enumerate(cases):
        for config in PRESETS:
            slow = entities.count(gold=gold, pred=pred, config=config)
            assert fast[n, config.labels] == slow
            assert [(e.gold_span, e.pred_span) for e in fast[n, config.labels].errors] == [
                (e.gold_span, e.pred_span) for e in slow.errors
            ]


def random_clustering(rng: random.Random) -> tuple[list[object], list[object], int]:
    """Key mentions' entities (None: a singleton), the entities of those that are also
    response mentions, and how many response mentions there are."""
    key = [rng.choice([None, "a", "b", "c", "d", "e"]) for _ in range(rng.randint(0, 12))]
    present = [e for e in key if rng.random() < 0.6]
    return key, present, len(present) + rng.randint(0, 4)


def test_unclustered_coreference_in_closed_form_equals_scorers_coref() -> None:
    # Response singletons only: `_unclustered` counts MUC, B3, CEAF-e and LEA without
    # aligning; the counts (exact fractions) are those of `scorers.coref`.
    rng = random.Random(7)
    fractional = 0
    for _ in range(3000):
        key_entities, present, responses = random_clustering(rng)
        spans = [(i, i + 1) for i in range(len(key_entities))]
        key_clusters: dict[object, list[tuple[int, int]]] = {}
        for i, (where, entity) in enumerate(zip(spans, key_entities, strict=True)):
            key_clusters.setdefault(("singleton", i) if entity is None else entity, []).append(
                where
            )
        # Present key mentions: the first ones of each entity, as many as `present` says.
        wanted = Counter(present)
        shared = []
        for where, entity in zip(spans, key_entities, strict=True):
            if wanted[entity]:
                wanted[entity] -= 1
                shared.append(where)
        others = [(1000 + i, 1001 + i) for i in range(responses - len(shared))]
        key, response = list(key_clusters.values()), [[s] for s in shared + others]
        expected = entities.Coreference.of(
            conll=coref.conll_f1(key=key, response=response),
            lea=coref.lea(key=key, response=response),
            clustered=False,
        )
        got = entities._unclustered(key_entities, present, responses)
        assert got == expected
        fractional += any(type(n) is Fraction for n in (*got.bcub, *got.ceafe))
        if None in key_entities and len(set(key_entities)) == 1:
            assert entities._unclustered_singletons(len(key), len(shared), responses) == got
    assert fractional  # some counts were not whole numbers


def test_sums_are_the_same_however_made() -> None:
    # `+` defers the work to the first read, in batches: the sums are those of adding
    # fully built counts two by two, in any grouping, and survive pickling and reuse.
    rng = random.Random(3)
    counts = [
        entities.count(gold=gold, pred=pred, config=CONFIG)
        for gold, pred in (random_document(rng, n) for n in range(300))
    ]
    total = entities.empty(config=CONFIG)
    halfway = None
    for n, c in enumerate(counts):
        total = total + c
        if n == 150:
            halfway = total
    built = entities.empty(config=CONFIG)
    for c in counts:  # counts made by EntityCounts(...): no packed totals
        built = built + dataclasses.replace(c)
    tree = counts
    while len(tree) > 1:
        tree = [sum(tree[i : i + 2], entities.empty(config=CONFIG)) for i in range(0, len(tree), 2)]
    assert total == built == tree[0]
    assert total.to_dict() == built.to_dict() and total.errors == built.errors
    assert halfway is not None and halfway.documents == 151  # untouched by later additions
    # As --jobs sends them back from worker processes (read-only maps included).
    pending = halfway + counts[0]
    assert pickle.loads(ForkingPickler.dumps(pending)) == pending
    assert repr(total.by_type).startswith("mappingproxy(")


def reference_canonically_sorted(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """By span and type, ties by the whole item: the canonical order, defined plainly."""
    return sorted(items, key=lambda m: (m["start"], m["end"], m["type"], entities._canonical(m)))


def test_coreference_by_span_equals_the_general_clusters(monkeypatch: pytest.MonkeyPatch) -> None:
    # Clusters read off the items by span (`_span_clusters`, when no two items of a side
    # share a span) are those of `_clusters` on the canonically sorted items, so every
    # count and error item is the same.
    rng = random.Random(23)
    cases = [random_document(rng, n) for n in range(1500)]
    for gold, _ in cases:  # clusters on both sides, more often than random_document gives
        for m in gold["mentions"]:
            m.setdefault("entity", rng.choice("xyzw"))
    by_span = {}
    used = []
    span_clusters = entities._span_clusters

    def counted(at: dict[tuple[int, int], Any]) -> list[list[tuple[int, int]]]:
        clusters = span_clusters(at)
        assert clusters == entities._clusters(list(at.values()))
        used.append(True)
        return clusters

    monkeypatch.setattr(entities, "_span_clusters", counted)
    for n, (gold, pred) in enumerate(cases):
        for config in PRESETS:
            by_span[n, config.labels] = entities.count(gold=gold, pred=pred, config=config)
    assert len(used) > 1000
    monkeypatch.setattr(
        entities, "_span_clusters", lambda at: entities._clusters(list(at.values()))
    )
    for n, (gold, pred) in enumerate(cases):
        for config in PRESETS:
            general = entities.count(gold=gold, pred=pred, config=config)
            assert by_span[n, config.labels] == general
            assert by_span[n, config.labels].coreference == general.coreference


def test_canonical_order_with_and_without_ties() -> None:
    rng = random.Random(29)
    ties = 0
    for _ in range(2000):
        items = [
            {"start": (s := rng.randrange(6)), "end": s + rng.randint(1, 3),
             "type": rng.choice("AB"), "id": rng.choice("pqr")}
            for _ in range(rng.randint(0, 8))
        ]  # fmt: skip
        keys = [entities._KEY(m) for m in items]
        ties += len(set(keys)) < len(keys)
        assert entities._canonically_sorted(items) == reference_canonically_sorted(items)
    assert ties > 300
    with pytest.raises(ValueError, match="expected an item with offsets"):
        entities._canonically_sorted([{"start": 1, "end": 2, "type": "A"}, {"type": "A"}])


def test_error_items_of_a_sum_added_one_document_at_a_time() -> None:
    """A corpus added one document at a time (the error lists kept as a tree until read)
    lists the errors of adding them two by two, and a sum added to twice keeps both."""
    from wiregold.scorers.merging import merge_errors

    counts = [entities.count(gold=g, pred=p, config=CONFIG) for g, p in synthetic_pairs(150)]
    total = entities.empty(config=CONFIG)
    expected: tuple[Any, ...] = ()
    for item in counts:
        total += item
        expected = merge_errors(expected, item.errors)
    assert len(expected) > 300 and total.errors == expected
    start = counts[0] + counts[1]
    for other in counts[2:5]:
        fork = start + other
        assert fork.errors == merge_errors(start.errors, other.errors)
    assert pickle.loads(ForkingPickler.dumps(total)) == total  # as --jobs sends it
