"""Coreference metrics against the reference implementations' recorded numbers, plus
hand-computed cases and properties.

tests/data/coref/cases.jsonl holds the CoNLL reference scorer v8.01 (muc, bcub, ceafm,
ceafe, blanc, mentions) and coval (lea) numbers; see tests/data/coref/README.md.
"""

from __future__ import annotations

import json
import math
import random
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from wiregold.scorers import coref
from wiregold.scorers.assignment import bipartite_components, max_weight_assignment

CASES_PATH = Path(__file__).parent / "data" / "coref" / "cases.jsonl"
CASES = [json.loads(line) for line in CASES_PATH.read_text(encoding="utf-8").splitlines()]
TOL = 1e-9

# The vectors' BLANC field names, from our counts (link numerators are shared by R and P).
BLANC_FIELDS = {
    "coref_recall_num": "coref_common",
    "coref_recall_den": "coref_key",
    "coref_precision_num": "coref_common",
    "coref_precision_den": "coref_response",
    "noncoref_recall_num": "noncoref_common",
    "noncoref_recall_den": "noncoref_key",
    "noncoref_precision_num": "noncoref_common",
    "noncoref_precision_den": "noncoref_response",
}


def clustering(raw: list[list[list[int]]]) -> list[list[tuple[int, int]]]:
    return [[(start, end) for start, end in cluster] for cluster in raw]


def test_vectors_cover_every_case() -> None:
    assert len(CASES) == 82
    assert len({case["id"] for case in CASES}) == len(CASES)


def undefined_allowed(result: Any, field: str) -> bool:
    """Where our ``None`` stands for the reference's 0 (its 0/0 rule)."""
    if isinstance(result, coref.BlancScore):
        return result.coref_key == 0 and result.noncoref_key == 0
    if field == "recall":
        return result.recall_den == 0
    if field == "precision":
        return result.precision_den == 0
    return result.recall is None or result.precision is None  # f1


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_reference_vectors(case: dict[str, Any]) -> None:
    results = coref.score_all(key=clustering(case["key"]), response=clustering(case["response"]))
    for metric, expected in case["expected"].items():
        result = results[metric]
        got = result.to_dict()
        for field, want in expected.items():
            value = got[BLANC_FIELDS.get(field, field)]
            exact = float(Fraction(case["exact"][metric][field]))
            if value is None:
                # Undefined here, reported as 0 by the reference scorer.
                assert undefined_allowed(result, field), (metric, field)
                assert want == 0, (metric, field)
                continue
            assert math.isclose(value, want, rel_tol=0, abs_tol=TOL), (metric, field, value, want)
            assert math.isclose(value, exact, rel_tol=0, abs_tol=1e-12), (metric, field)


def test_vectors_run_fast_enough_to_stay_in_the_suite() -> None:
    # Sanity bound: all 82 cases through every metric (the whole file is < 5 s).
    import time

    started = time.perf_counter()
    for case in CASES:
        coref.score_all(key=clustering(case["key"]), response=clustering(case["response"]))
    assert time.perf_counter() - started < 2.0


# ------------------------------------------------------------------ hand-computed


def test_muc_paper_split() -> None:
    # key {A B C D}, response {A B}{C D}.
    key = [["A", "B", "C", "D"]]
    response = [["A", "B"], ["C", "D"]]
    s = coref.score_all(key=key, response=response)
    # MUC: R = (4 - 2 parts) / (4 - 1) = 2/3; P = ((2-1) + (2-1)) / ((2-1) + (2-1)) = 1;
    # F1 = 2 * 2/3 * 1 / (5/3) = 4/5.
    assert (s["muc"].recall_num, s["muc"].recall_den) == (2, 3)
    assert (s["muc"].precision_num, s["muc"].precision_den) == (2, 2)
    assert s["muc"].f1 == pytest.approx(0.8)
    # B3: R = 4 mentions x (2/4) / 4 = 1/2; P = 4 x (2/2) / 4 = 1; F1 = 2/3.
    assert s["bcub"].recall_num == pytest.approx(2.0)
    assert s["bcub"].recall == pytest.approx(0.5)
    assert s["bcub"].precision == 1.0
    assert s["bcub"].f1 == pytest.approx(2 / 3)
    # CEAF-m: K aligns with one response cluster, 2 shared: R = 2/4, P = 2/4.
    assert (s["ceafm"].recall_num, s["ceafm"].recall_den, s["ceafm"].precision_den) == (2, 4, 4)
    # CEAF-e: phi4 = 2*2 / (4+2) = 2/3; R = (2/3)/1 key entity, P = (2/3)/2 response entities.
    assert s["ceafe"].recall == pytest.approx(2 / 3)
    assert s["ceafe"].precision == pytest.approx(1 / 3)
    # LEA: R = 4 * (2 of 6 links kept) / 4 = 1/3; P = (2*1 + 2*1) / 4 = 1; F1 = 1/2.
    assert s["lea"].recall == pytest.approx(1 / 3)
    assert s["lea"].precision == 1.0
    assert s["lea"].f1 == pytest.approx(0.5)
    # BLANC: key has 6 coref links and no non-coref link, so only coref links count:
    # Rc = 2/6, Pc = 2/2, Fc = 2 * 1/3 * 1 / (4/3) = 1/2.
    b = s["blanc"]
    assert (b.coref_common, b.coref_key, b.coref_response) == (2, 6, 2)
    assert (b.noncoref_common, b.noncoref_key, b.noncoref_response) == (0, 0, 4)
    assert b.recall == pytest.approx(1 / 3)
    assert b.precision == 1.0
    assert b.f1 == pytest.approx(0.5)
    # CoNLL = (4/5 + 2/3 + (2 * 2/3 * 1/3) / (2/3 + 1/3)) / 3 = (4/5 + 2/3 + 4/9) / 3.
    assert s["conll"].f1 == pytest.approx((0.8 + 2 / 3 + 4 / 9) / 3)


def test_ceaf_uses_the_optimal_alignment_not_the_greedy_one() -> None:
    # |K1 & R1| = 3, |K1 & R2| = 2, |K2 & R1| = 2, |K2 & R2| = 0.
    key = [["a", "b", "c", "d", "e"], ["f", "g"]]
    response = [["a", "b", "c", "f", "g"], ["d", "e"]]
    # CEAF-m: greedy takes K1-R1 (3) then K2-R2 (0) = 3; optimal K1-R2 + K2-R1 = 2 + 2 = 4.
    m = coref.ceaf_m(key=key, response=response)
    assert (m.recall_num, m.recall_den, m.precision_num, m.precision_den) == (4, 7, 4, 7)
    # CEAF-e: phi4(K1,R1) = 6/10; phi4(K1,R2) = phi4(K2,R1) = 4/7; optimal 8/7 > 0.6.
    e = coref.ceaf_e(key=key, response=response)
    assert e.recall_num == pytest.approx(8 / 7)
    assert e.recall == pytest.approx(4 / 7)
    assert e.precision == pytest.approx(4 / 7)


def test_singletons_lea_blanc_and_undefined_muc_precision() -> None:
    key = [["a"], ["b", "c"]]
    response = [["a"], ["b"], ["c"]]
    s = coref.score_all(key=key, response=response)
    # MUC: R = (2 - 2 parts) / 1 = 0; the response has no links: P = 0/0 -> None; F1 = 0
    # (R = 0: the harmonic mean is 0 whatever P is; the reference scorer prints 0 too).
    assert (s["muc"].recall, s["muc"].precision, s["muc"].f1) == (0.0, None, 0.0)
    # B3: R = (1 + 1/2 + 1/2) / 3 = 2/3; P = 3/3; F1 = 2 * 2/3 / (5/3) = 4/5.
    assert s["bcub"].f1 == pytest.approx(0.8)
    # LEA: R = ({a} self link kept: 1*1 + {b,c}: 2*0) / 3 = 1/3;
    # P = ({a}: 1 + {b}: 0 + {c}: 0) / 3 = 1/3 (b and c are not singletons in the key).
    assert s["lea"].recall == pytest.approx(1 / 3)
    assert s["lea"].precision == pytest.approx(1 / 3)
    # BLANC: key coref {bc}, non-coref {ab, ac}; response coref none, non-coref {ab,ac,bc}.
    # Rc = 0/1, Pc = 0/0 -> 0 (reference rule, still averaged), Fc = 0;
    # Rn = 2/2, Pn = 2/3, Fn = 4/5. R = 1/2, P = 1/3, F1 = (0 + 4/5) / 2 = 2/5.
    b = s["blanc"]
    assert b.coref_precision is None  # the component itself is undefined
    assert b.recall == pytest.approx(0.5)
    assert b.precision == pytest.approx(1 / 3)
    assert b.f1 == pytest.approx(0.4)
    # CEAF-e: {a}-{a} 1, {b,c}-{b} 2*1/(2+1) = 2/3; R = (5/3)/2, P = (5/3)/3, F1 = 2/3.
    assert s["ceafe"].f1 == pytest.approx(2 / 3)
    assert s["conll"].f1 == pytest.approx((0 + 4 / 5 + 2 / 3) / 3)


def test_empty_response_gives_zero_recall_and_undefined_precision() -> None:
    s = coref.score_all(key=[["a", "b"]], response=[])
    for name in ("mentions", "muc", "bcub", "ceafm", "ceafe", "lea"):
        assert s[name].recall == 0.0, name
        assert s[name].precision is None, name
        assert s[name].f1 == 0.0, name  # R = 0: F1 is 0 whatever P would be
    # BLANC: coref links only (key is one entity): Rc = 0/1, Pc = 0/0 -> 0.
    assert (s["blanc"].recall, s["blanc"].precision, s["blanc"].f1) == (0.0, 0.0, 0.0)


def test_muc_ignores_spurious_singletons() -> None:
    key = [["a", "b"], ["c"]]
    response = [["a", "b"], ["c"], ["x"], ["y"]]
    assert coref.muc(key=key, response=response).f1 == 1.0
    # B3 precision: (1 + 1 + 1 + 0 + 0) / 5 = 3/5.
    assert coref.b_cubed(key=key, response=response).precision == pytest.approx(0.6)


def test_key_without_links_leaves_muc_and_blanc_undefined() -> None:
    s = coref.score_all(key=[["a"]], response=[["a"]])
    assert s["muc"].to_dict()["f1"] is None
    assert s["blanc"].f1 is None
    assert s["bcub"].f1 == 1.0
    assert s["lea"].f1 == 1.0


# --------------------------------------------------------------------- properties


def random_clustering(rng: random.Random, mentions: list[Any]) -> list[list[Any]]:
    clusters: dict[int, list[Any]] = {}
    for mention in mentions:
        clusters.setdefault(rng.randrange(max(1, len(mentions) // 3)), []).append(mention)
    return list(clusters.values())


def shuffled(rng: random.Random, clusters: list[list[Any]]) -> list[list[Any]]:
    out = [rng.sample(cluster, len(cluster)) for cluster in clusters]
    rng.shuffle(out)
    return out


def noisy_pair(seed: int) -> tuple[list[list[Any]], list[list[Any]]]:
    rng = random.Random(seed)
    key = random_clustering(rng, [(i, i + 1) for i in range(0, 40, 2)])
    pool = [(i, i + 1) for i in range(0, 36, 2)] + [(i, i + 2) for i in range(40, 50, 3)]
    return key, random_clustering(rng, pool)


@pytest.mark.parametrize("seed", range(10))
def test_identical_clusterings_score_one(seed: int) -> None:
    rng = random.Random(seed)
    key = random_clustering(rng, [(i, i + 1) for i in range(25)])
    key.append([(100, 101), (102, 103)])  # at least one link, so MUC is defined
    for name, result in coref.score_all(key=key, response=shuffled(rng, key)).items():
        assert result.f1 == pytest.approx(1.0), name
        if name != "conll":
            assert result.recall == pytest.approx(1.0), name
            assert result.precision == pytest.approx(1.0), name


@pytest.mark.parametrize("seed", range(10))
def test_order_of_clusters_and_mentions_changes_nothing(seed: int) -> None:
    key, response = noisy_pair(seed)
    rng = random.Random(seed + 1000)
    first = coref.score_all(key=key, response=response)
    second = coref.score_all(key=shuffled(rng, key), response=shuffled(rng, response))
    for name in first:
        a, b = first[name].to_dict(), second[name].to_dict()
        for field in a:
            if isinstance(a[field], float):
                assert b[field] == pytest.approx(a[field], abs=1e-12), (name, field)
            elif not isinstance(a[field], dict):
                assert b[field] == a[field], (name, field)


@pytest.mark.parametrize("seed", range(5))
def test_swapping_key_and_response_swaps_recall_and_precision(seed: int) -> None:
    key, response = noisy_pair(seed)
    for name in ("mentions", "muc", "bcub", "ceafm", "ceafe", "lea"):
        forward = coref.METRICS[name](key=key, response=response)
        backward = coref.METRICS[name](key=response, response=key)
        assert backward.recall_num == pytest.approx(forward.precision_num), name
        assert backward.recall_den == forward.precision_den, name
        assert backward.f1 == pytest.approx(forward.f1), name


def test_sum_adds_counts_and_equals_scoring_the_concatenated_documents() -> None:
    (key_a, resp_a), (key_b, resp_b) = noisy_pair(1), noisy_pair(2)
    first = coref.score_all(key=key_a, response=resp_a)
    second = coref.score_all(key=key_b, response=resp_b)

    def tag(doc: str, clusters: list[list[Any]]) -> list[list[Any]]:
        return [[(doc, *mention) for mention in cluster] for cluster in clusters]

    joint = coref.score_all(
        key=tag("a", key_a) + tag("b", key_b), response=tag("a", resp_a) + tag("b", resp_b)
    )
    for name in first:
        total = first[name] + second[name]
        assert type(total) is type(first[name])
        assert sum([first[name], second[name]]) == total  # sum() starts from 0
        if name == "conll":
            assert total.muc == first[name].muc + second[name].muc
            continue
        for field, value in total.to_dict().items():
            if field.endswith(("_num", "_den", "_common", "_key", "_response")):
                assert value == pytest.approx(
                    first[name].to_dict()[field] + second[name].to_dict()[field]
                )
        if name != "blanc":  # cross-document pairs would add non-coreference links
            for field in ("recall_num", "recall_den", "precision_num", "precision_den"):
                assert getattr(total, field) == pytest.approx(getattr(joint[name], field))
    assert (first["conll"] + second["conll"]).f1 == pytest.approx(joint["conll"].f1)


def test_adding_different_metrics_is_a_type_error() -> None:
    s = coref.score_all(key=[["a", "b"]], response=[["a", "b"]])
    with pytest.raises(TypeError):
        s["muc"] + s["bcub"]


def test_results_are_frozen() -> None:
    result = coref.muc(key=[["a", "b"]], response=[["a", "b"]])
    with pytest.raises(AttributeError):
        result.recall_num = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("key", "response", "message"),
    [
        ([["a", "b"], ["b"]], [["a"]], "key: mention 'b' appears twice"),
        ([["a"]], [["a", "a"]], "response: mention 'a' appears twice"),
        ([["a"], []], [["a"]], "key: cluster 1 is empty"),
        ([["a"]], [[]], "response: cluster 0 is empty"),
        (["ab"], [["a"]], "key: cluster 0 is a string"),
    ],
)
def test_bad_input_raises_value_error(key: Any, response: Any, message: str) -> None:
    for name, metric in coref.METRICS.items():
        with pytest.raises(ValueError, match=message):
            metric(key=key, response=response)
        assert name


def test_api_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        coref.muc([["a"]], [["a"]])  # type: ignore[misc]


# ----------------------------------------------------- shortcuts against the definitions


def reference_ceaf_similarity(al: coref.Alignment, phi: Any) -> float:
    """CEAF's optimal total similarity, every component solved by Kuhn-Munkres (the
    definition that ``_ceaf_similarity`` shortcuts for components of one pair)."""
    chosen = []
    for edges in reference_components(al.overlap):
        rows = sorted({i for i, _ in edges})
        cols = sorted({j for _, j in edges})
        weights = [[0.0] * len(cols) for _ in rows]
        for i, j in edges:
            weights[rows.index(i)][cols.index(j)] = phi(
                al.overlap[i, j], al.key_sizes[i], al.response_sizes[j]
            )
        chosen.extend(weights[r][c] for r, c in max_weight_assignment(weights))
    return math.fsum(chosen)


def reference_components(edges: Any) -> list[list[tuple[int, int]]]:
    """Connected components by union-find: edges in input order, components ordered by
    their first edge."""
    edges = list(edges)
    parent: dict[tuple[bool, int], tuple[bool, int]] = {}

    def find(node: tuple[bool, int]) -> tuple[bool, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            node = parent[node]
        return node

    for left, right in edges:
        parent[find((False, left))] = find((True, right))
    components: dict[tuple[bool, int], list[tuple[int, int]]] = {}
    for left, right in edges:
        components.setdefault(find((False, left)), []).append((left, right))
    return list(components.values())


def reference_muc_side(al: coref.Alignment) -> tuple[int, int]:
    """MUC recall counts by the definition: per key cluster, its size minus the parts the
    response cuts it into (a key mention missing from the response is a part)."""
    response_of = {m: j for j, cluster in enumerate(al.response) for m in cluster}
    num = 0
    for cluster in al.key:
        parts = {response_of.get(m, ("missing", m)) for m in cluster}
        num += len(cluster) - len(parts)
    return num, sum(len(cluster) - 1 for cluster in al.key)


def random_pairs(seed: int, count: int) -> list[tuple[list[list[Any]], list[list[Any]]]]:
    """Key and response clusterings with few clusters, so that many components tangle."""
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        pool = list(range(rng.randint(1, 14)))
        key_entities = [rng.choice("abcdefg" if rng.random() < 0.5 else "ab") for _ in pool]
        key: dict[str, list[int]] = {}
        for mention, entity in zip(pool, key_entities, strict=True):
            key.setdefault(entity, []).append(mention)
        response: dict[object, list[int]] = {}
        for mention in pool + [100 + m for m in range(rng.randint(0, 3))]:
            if rng.random() < 0.8:
                label = rng.choice("abcdefg") if rng.random() < 0.5 else ("single", mention)
                response.setdefault(label, []).append(mention)
        pairs.append((list(key.values()), list(response.values())))
    return pairs


def test_shortcuts_equal_the_definitions_on_random_clusterings() -> None:
    # CEAF without solving components of one pair, MUC in closed form and LEA, B-cubed
    # without swapping the alignment: the same numbers, bit for bit, as the definitions.
    tangled = 0
    for key, response in random_pairs(5, 3000):
        al = coref.align(key=key, response=response)
        swapped = al.swapped()
        alone, components = coref._ceaf_components(al)
        tangled += bool(components)
        assert len(alone) + sum(map(len, components)) == len(al.overlap)
        for phi in (coref._phi3, coref._phi4):
            assert coref._ceaf_similarity(al, phi) == reference_ceaf_similarity(al, phi)
        muc = coref._muc(al)
        assert (muc.recall_num, muc.recall_den) == reference_muc_side(al)
        assert (muc.precision_num, muc.precision_den) == reference_muc_side(swapped)
        for side in (coref._KEY, coref._RESPONSE):
            seen = swapped if side else al
            assert coref._bcub_side(al, side) == coref._bcub_side(seen, coref._KEY)
            assert coref._lea_side(al, side) == coref._lea_side(seen, coref._KEY)
        full = coref.score_all(key=key, response=response)
        assert coref.score_all(key=key, response=response, metrics=("lea", "conll")) == {
            "lea": full["lea"],
            "conll": full["conll"],
        }
    assert tangled > 300  # the general path ran too


def test_bipartite_components_equal_union_find() -> None:
    rng = random.Random(3)
    for _ in range(3000):
        edges = list(
            dict.fromkeys((rng.randrange(8), rng.randrange(8)) for _ in range(rng.randint(0, 14)))
        )
        assert bipartite_components(edges) == reference_components(edges)


def test_bad_input_is_named_even_from_iterators() -> None:
    # Clusters given as iterators are read once: the message still names the right ones.
    with pytest.raises(ValueError, match=r"key: mention 'b' appears twice \(clusters 0 and 2\)"):
        coref.muc(key=iter([iter("ab"), iter("c"), iter("b")]), response=[["a"]])
    with pytest.raises(ValueError, match="response: cluster 1 is empty"):
        coref.muc(key=[["a"]], response=(iter(c) for c in (["a"], [], ["b"])))
    with pytest.raises(ValueError, match="key: cluster 1 is a string"):
        coref.muc(key=[("a",), b"xy"], response=[["a"]])
