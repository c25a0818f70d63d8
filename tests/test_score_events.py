"""Event scorer (wiregold.scorers.events): hand-computed cases, properties, the real gold.

The synthetic gold (``document()``) has 5 event mentions and 8 arguments:

    v1 struck    Conflict.Attack         h1  Attacker m1 Iran, Target m2 Pakistan, Time t1
    v2 killing   Life.Die                h2  Victim m3 children
    v3 strike    Conflict.Attack         h1  -
    v4 hit       Conflict.Attack         h1  Place m5 Panjgur
    v5 recalled  Diplomacy.Recall-Envoy  h3  Agent m6 Islamabad, Envoy m8 envoy, Origin m9 Tehran

Entity e2 (Pakistan) has the mentions m2, m4 ("Pakistan said"), m6 (Islamabad, metonymy)
and m7 ("its").
"""

from __future__ import annotations

import copy
import dataclasses
import json
import random
from collections import Counter
from collections.abc import Callable
from fractions import Fraction
from typing import Any

import pytest
from conftest import check_errors_false, shuffled, synthetic_cases
from wiregold.scorers import coref, events
from wiregold.scorers.base import PRF, Accuracy, ScoreConfig

from benchmarks import synth
from wiregold import paths, scope
from wiregold.spans import find_span

Doc = dict[str, Any]
PLAIN = ScoreConfig()
COREF = ScoreConfig(coref_arguments=True)
GOLD: Doc = json.loads(paths.split_files()[0].read_text(encoding="utf-8"))

TEXT = (
    "Iran struck Pakistan on Tuesday, killing 2 children. "
    "Pakistan said the strike hit Panjgur. "
    "Islamabad recalled its envoy from Tehran."
)


def span(needle: str, after: int = 0) -> dict[str, Any]:
    return find_span(text=TEXT, needle=needle, after=after).to_json(TEXT)


def mention(mid: str, needle: str, entity: str, *, after: int = 0) -> dict[str, Any]:
    s = span(needle, after)
    return {
        "id": mid,
        **s,
        "head": dict(s),
        "entity": entity,
        "type": "GPE",
        "subtype": None,
        "kind": "NAM",
        "gpe_role": None,
        "metonymy": None,
    }


def event(
    eid: str, needle: str, type_: str, hopper: str, args: list[tuple[str, str]]
) -> dict[str, Any]:
    return {
        "id": eid,
        "trigger": span(needle),
        "type": type_,
        "realis": "ACTUAL",
        "hopper": hopper,
        "arguments": [
            {"role": role, ("timex" if ref.startswith("t") else "mention"): ref}
            for role, ref in args
        ],
    }


def document() -> Doc:
    second = TEXT.index("Pakistan said")
    return {
        "id": "doc-a",
        "text": TEXT,
        "mentions": [
            mention("m1", "Iran", "e1"),
            mention("m2", "Pakistan", "e2"),
            mention("m3", "children", "e3"),
            mention("m4", "Pakistan", "e2", after=second),
            mention("m5", "Panjgur", "e4"),
            mention("m6", "Islamabad", "e2"),
            mention("m7", "its", "e2"),
            mention("m8", "envoy", "e5"),
            mention("m9", "Tehran", "e6"),
        ],
        "timexes": [{"id": "t1", **span("Tuesday"), "type": "DATE", "value": "2024-01-16"}],
        "events": [
            event(
                "v1",
                "struck",
                "Conflict.Attack",
                "h1",
                [("Attacker", "m1"), ("Target", "m2"), ("Time", "t1")],
            ),
            event("v2", "killing", "Life.Die", "h2", [("Victim", "m3")]),
            event("v3", "strike", "Conflict.Attack", "h1", []),
            event("v4", "hit", "Conflict.Attack", "h1", [("Place", "m5")]),
            event(
                "v5",
                "recalled",
                "Diplomacy.Recall-Envoy",
                "h3",
                [("Agent", "m6"), ("Envoy", "m8"), ("Origin", "m9")],
            ),
        ],
    }


# Hopper mention keys (trigger start, trigger end, type) of v1, v3, v4, v2, v5.
KEYS = [
    ("struck", "Conflict.Attack"),
    ("strike", "Conflict.Attack"),
    ("hit", "Conflict.Attack"),
    ("killing", "Life.Die"),
    ("recalled", "Diplomacy.Recall-Envoy"),
]


def key(needle: str, type_: str) -> tuple[int, int, str]:
    found = find_span(text=TEXT, needle=needle)
    return (found.start, found.end, type_)


def by_id(items: list[dict[str, Any]], item_id: str) -> dict[str, Any]:
    return next(item for item in items if item["id"] == item_id)


def edited(edit: Callable[[Doc], None], base: Doc | None = None) -> Doc:
    doc = copy.deepcopy(document() if base is None else base)
    edit(doc)
    return doc


def score(pred: Doc, *, gold: Doc | None = None, config: ScoreConfig = PLAIN) -> events.EventCounts:
    return events.count(gold=document() if gold is None else gold, pred=pred, config=config)


def row(counts: events.EventCounts, metric: str) -> Any:
    return next(r.value for r in counts.rows() if r.metric == metric)


def categories(counts: events.EventCounts) -> Counter[str]:
    return Counter(e.category for e in counts.errors)


ALL_ROWS = [
    "TC",
    "TI",
    "AI",
    "AC",
    "AI+",
    "AC+",
    "realis accuracy",
    "hopper CoNLL",
    "hopper MUC",
    "hopper B3",
    "hopper CEAF-e",
    "hopper LEA",
    "TC (text)",
    "AC (text)",
]


def numbers(counts: events.EventCounts) -> dict[str, Any]:
    """Every number (the report holds no error item: their renderings name documents)."""
    return counts.to_dict()


def assert_close(a: Any, b: Any) -> None:
    """Equal nested structures, floats to 1e-12 (fsum order differs when summing)."""
    if isinstance(a, dict):
        assert a.keys() == b.keys()
        for key in a:
            assert_close(a[key], b[key])
    elif isinstance(a, float) or isinstance(b, float):
        assert a == pytest.approx(b, abs=1e-12)
    else:
        assert a == b


# ------------------------------------------------------------------ perfect, empty


@pytest.mark.parametrize("config", [PLAIN, COREF])
def test_synthetic_gold_against_itself(config: ScoreConfig) -> None:
    counts = score(document(), config=config)
    assert counts.errors == ()
    assert row(counts, "TC") == PRF(5, 5, 5)
    assert row(counts, "AC+") == PRF(8, 8, 8)
    for r in counts.rows():
        if r.metric.endswith("(text)"):
            assert r.value is None  # nothing was predicted without offsets
        else:
            value = r.value.accuracy if isinstance(r.value, Accuracy) else r.value.f1
            assert value == 1.0, r.metric


@pytest.mark.parametrize("config", [PLAIN, COREF])
def test_real_gold_against_itself_scores_one_everywhere(config: ScoreConfig) -> None:
    counts = events.count(gold=GOLD, pred=GOLD, config=config)
    assert counts.errors == ()
    assert [r.metric for r in counts.rows()] == ALL_ROWS
    assert (counts.triggers_by_span, counts.arguments_by_span) == (59, 102)
    for r in counts.rows()[:-2]:
        value = r.value.accuracy if isinstance(r.value, Accuracy) else r.value.f1
        assert value == 1.0, r.metric
        if hasattr(r.value, "recall"):
            assert (r.value.recall, r.value.precision) == (1.0, 1.0), r.metric


def text_only(doc: Doc) -> Doc:
    """The document as a text-only system would output it: no offsets anywhere."""
    pred = copy.deepcopy(doc)
    for e in pred["events"]:
        e["trigger"] = {"text": e["trigger"]["text"]}
    for item in pred["mentions"] + pred["timexes"]:
        del item["start"], item["end"]
    return pred


def test_real_gold_text_only_scores_one_on_the_text_rows() -> None:
    counts = events.count(gold=GOLD, pred=text_only(GOLD), config=PLAIN)
    # 59 triggers have 43 distinct (text, type) keys; 102 arguments 73 distinct keys.
    assert row(counts, "TC (text)") == PRF(43, 43, 43)
    assert row(counts, "AC (text)") == PRF(73, 73, 73)
    assert (counts.triggers_by_text, counts.arguments_by_text) == (59, 102)
    # The span rows are scored (recall 0); hoppers and realis need offsets: not scored.
    assert row(counts, "TC") == PRF(0, 0, 59)
    assert row(counts, "hopper CoNLL") is None
    assert row(counts, "realis accuracy") is None
    # Repeats of a text key are listed, not counted: (59 - 43) + (102 - 73) = 45.
    assert categories(counts) == {"repeated_text": 45}

    # Without "return" (ev59, Politics.Take-Power, 3 arguments with keys of their own):
    # 42 / 42 / 43 and 70 / 70 / 73. Misses are listed once, as text keys, not also as
    # the 59 + 102 items the span rows miss.
    pred = text_only(GOLD)
    pred["events"] = [e for e in pred["events"] if e["id"] != "ev59"]
    counts = events.count(gold=GOLD, pred=pred, config=PLAIN)
    assert row(counts, "TC (text)") == PRF(42, 42, 43)
    assert row(counts, "AC (text)") == PRF(70, 70, 73)
    assert categories(counts) == {"repeated_text": 45, "missed_trigger": 1, "missed_argument": 3}
    missed = next(e for e in counts.errors if e.category == "missed_trigger")
    assert (missed.gold, missed.detail) == ("Politics.Take-Power 'return' (by text)", "by text")


def test_empty_prediction_has_recall_zero() -> None:
    for gold in (document(), GOLD):
        counts = events.count(gold=gold, pred={"id": gold["id"]}, config=PLAIN)
        for r in counts.rows():
            if r.metric in ("TC", "TI", "AI", "AC", "AI+", "AC+"):
                assert (r.value.recall, r.value.precision, r.value.f1) == (0.0, None, 0.0)
            else:  # realis, hoppers and text rows: nothing predicted to score them
                assert r.value is None, r.metric
    counts = score({"id": "doc-a", "events": []})
    assert categories(counts) == {"missed_trigger": 5, "missed_argument": 8}


def test_empty_is_the_neutral_element() -> None:
    counts = score(edited(lambda d: d["events"].pop()))
    zero = events.empty(config=PLAIN)
    assert counts + zero == counts
    assert zero + counts == counts
    assert zero + zero == zero
    assert [r.value for r in zero.rows()][:6] == [PRF()] * 6


# ------------------------------------------------------------ hand-computed cases


def test_right_trigger_wrong_type() -> None:
    pred = edited(lambda d: by_id(d["events"], "v2").update(type="Life.Injure"))
    counts = score(pred)
    # TI: all 5 spans match. TC: (killing, Life.Injure) is not (killing, Life.Die):
    # 4 correct of 5 predicted, 5 gold: P = R = F1 = 4/5.
    assert row(counts, "TI") == PRF(5, 5, 5)
    assert row(counts, "TC") == PRF(4, 5, 5)
    assert row(counts, "TC").f1 == pytest.approx(0.8)
    # The Victim argument is keyed by the event type, so it fails at every level: 7/8.
    for metric in ("AI", "AC", "AI+", "AC+"):
        assert row(counts, metric) == PRF(7, 8, 8), metric
    # Realis is compared on the 4 TC pairs only.
    assert row(counts, "realis accuracy") == Accuracy(4, 4)
    assert categories(counts) == {"wrong_type": 1, "spurious_argument": 1, "missed_argument": 1}
    wrong = next(e for e in counts.errors if e.category == "wrong_type")
    assert wrong.gold == "Life.Die 'killing' [33, 40)"
    assert wrong.pred == "Life.Injure 'killing' [33, 40)"
    missed = next(e for e in counts.errors if e.category == "missed_argument")
    assert missed.gold == "Life.Die 'killing' [33, 40) Victim: 'children' [43, 51)"
    assert missed.detail == "its trigger is not matched (TC)"
    assert counts.tc_by_type["Life.Die"] == PRF(0, 0, 1)
    assert counts.tc_by_type["Life.Injure"] == PRF(0, 1, 0)
    # Hoppers: the retyped mention is a different mention (keys include the type).
    # Key {a b c} {d} {e}, response {a b c} {d'} {e}.
    # MUC: only {a b c} has links, rebuilt exactly: R = P = 2/2.
    # B3: R = (1 + 1 + 1 + 0 + 1) / 5 = 4/5, P likewise. CEAF-e: 2 of 3 clusters: 2/3.
    # LEA: R = (3 * 3/3 + 0 + 1) / 5 = 4/5 ({e} is a kept singleton), P likewise.
    assert row(counts, "hopper MUC").f1 == 1.0
    assert row(counts, "hopper B3").f1 == pytest.approx(0.8)
    assert row(counts, "hopper CEAF-e").f1 == pytest.approx(2 / 3)
    assert row(counts, "hopper LEA").f1 == pytest.approx(0.8)
    assert row(counts, "hopper CoNLL").f1 == pytest.approx((1 + 0.8 + 2 / 3) / 3)


def test_argument_right_span_wrong_role() -> None:
    pred = edited(lambda d: by_id(d["events"], "v1")["arguments"][1].update(role="Place"))
    counts = score(pred)
    # Target Pakistan predicted as Place: AI and AI+ ignore the role: 8/8/8.
    assert row(counts, "AI") == PRF(8, 8, 8)
    assert row(counts, "AI+") == PRF(8, 8, 8)
    # AC, AC+: 7 correct of 8 predicted, 8 gold: F1 = 7/8.
    assert row(counts, "AC") == PRF(7, 8, 8)
    assert row(counts, "AC+") == PRF(7, 8, 8)
    assert row(counts, "TC") == PRF(5, 5, 5)
    assert categories(counts) == {"wrong_role": 1}
    (error,) = counts.errors
    assert error.gold == "Conflict.Attack 'struck' [5, 11) Target: 'Pakistan' [12, 20)"
    assert error.pred == "Conflict.Attack 'struck' [5, 11) Place: 'Pakistan' [12, 20)"
    # Per-type AC: Conflict.Attack has 4 gold arguments, 3 right.
    assert counts.ac_by_type["Conflict.Attack"] == PRF(3, 4, 4)


def test_argument_right_but_trigger_wrong_counts_for_ac_not_ac_plus() -> None:
    def move(doc: Doc) -> None:  # Place Panjgur attached to "strike" instead of "hit"
        by_id(doc["events"], "v3")["arguments"] = by_id(doc["events"], "v4")["arguments"]
        by_id(doc["events"], "v4")["arguments"] = []

    counts = score(edited(move))
    # AI / AC key (Conflict.Attack, [Place,] Panjgur): still matches: 8/8/8.
    assert row(counts, "AI") == PRF(8, 8, 8)
    assert row(counts, "AC") == PRF(8, 8, 8)
    # AI+ / AC+ add the trigger: (strike, ...) is not (hit, ...): 7/8/8.
    assert row(counts, "AI+") == PRF(7, 8, 8)
    assert row(counts, "AC+") == PRF(7, 8, 8)
    assert categories(counts) == {"wrong_trigger": 1}
    (error,) = counts.errors
    assert error.gold == "Conflict.Attack 'hit' [78, 81) Place: 'Panjgur' [82, 89)"
    assert error.pred == "Conflict.Attack 'strike' [71, 77) Place: 'Panjgur' [82, 89)"


def test_coref_aware_matching_turns_a_miss_into_a_hit() -> None:
    # "Islamabad recalled": the system names Pakistan by its mention m4 ("Pakistan said").
    pred = edited(lambda d: by_id(d["events"], "v5")["arguments"][0].update(mention="m4"))
    plain, aware = score(pred), score(pred, config=COREF)
    # Plain: span [53, 61) is not [91, 100): 7 of 8 at every level.
    for metric in ("AI", "AC", "AI+", "AC+"):
        assert row(plain, metric) == PRF(7, 8, 8), metric
        # Coref-aware: the key is (type, [trigger,] [role,] entity e2); m4 is a
        # mention of e2: 8 of 8.
        assert row(aware, metric) == PRF(8, 8, 8), metric
    assert categories(plain) == {"spurious_argument": 1, "missed_argument": 1}
    assert aware.errors == ()
    # Triggers are not affected by the setting.
    assert row(plain, "TC") == row(aware, "TC") == PRF(5, 5, 5)


def test_coref_aware_matching_is_one_to_one() -> None:
    # Two Agents for "recalled": "Pakistan" (m4) and "its" (m7), both mentions of e2,
    # against one gold Agent (m6, e2): one match, the other a duplicate false positive.
    pred = document()
    by_id(pred["events"], "v5")["arguments"][0] = {"role": "Agent", "mention": "m4"}
    by_id(pred["events"], "v5")["arguments"].append({"role": "Agent", "mention": "m7"})
    counts = score(pred, config=COREF)
    # AC+: 8 correct, 9 predicted, 8 gold.
    assert row(counts, "AC+") == PRF(8, 9, 8)
    assert categories(counts) == {"duplicate": 1}


def test_coref_aware_matching_picks_the_entity_that_makes_a_match() -> None:
    # A span that is a mention of two gold entities: "Islamabad" as the government (e2)
    # and as the city (e7). Gold "recalled": Agent m4 (e2), Origin m10 (e7).
    def gold_edit(doc: Doc) -> None:
        doc["mentions"].append({**by_id(doc["mentions"], "m6"), "id": "m10", "entity": "e7"})
        by_id(doc["events"], "v5")["arguments"] = [
            {"role": "Agent", "mention": "m4"},
            {"role": "Origin", "mention": "m10"},
        ]

    gold = edited(gold_edit)
    pred = copy.deepcopy(gold)
    # Predicted: Islamabad (fits Agent via e2 and Origin exactly) listed BEFORE Pakistan
    # ("Pakistan said", fits Agent only). A greedy first-come matching would give
    # Islamabad the Agent and leave Pakistan unmatched; the optimal one matches both.
    arguments = [{"role": "Origin", "mention": "m6"}, {"role": "Agent", "mention": "m2"}]
    for order in (arguments, arguments[::-1]):
        by_id(pred["events"], "v5")["arguments"] = order
        counts = score(pred, gold=gold, config=COREF)
        # AI (no role): the optimal assignment matches 2 of 2 (greedy could give 1),
        # plus the 5 arguments of v1, v2, v4: 7 / 7 / 7.
        assert row(counts, "AI") == PRF(7, 7, 7)
        assert row(counts, "AC") == PRF(7, 7, 7)
        # Plain: Islamabad = m10's span (Origin) matches, Pakistan m2 != m4: 6 of 7.
        assert row(score(pred, gold=gold), "AC") == PRF(6, 7, 7)


def test_timex_arguments_keep_span_matching() -> None:
    def edit(doc: Doc) -> None:  # Time given as its own span: same span, same match
        by_id(doc["events"], "v1")["arguments"][2] = {"role": "Time", **span("Tuesday")}

    counts = score(edited(edit), config=COREF)
    assert row(counts, "AC+") == PRF(8, 8, 8)
    shifted = document()
    by_id(shifted["events"], "v1")["arguments"][2] = {"role": "Time", **span("Tuesday,")}
    # "Tuesday," is not the timex span: 7 of 8 even with coreference-aware matching.
    assert row(score(shifted, config=COREF), "AC+") == PRF(7, 8, 8)


def test_duplicate_predicted_trigger_is_a_false_positive() -> None:
    pred = edited(lambda d: d["events"].append({**by_id(d["events"], "v2"), "id": "v9"}))
    counts = score(pred)
    # Multisets: 5 correct, 6 predicted, 5 gold: P = 5/6, R = 1, F1 = 10/11.
    # (TextEE's sets would collapse the copy and report 1.0.)
    assert row(counts, "TI") == PRF(5, 6, 5)
    assert row(counts, "TC") == PRF(5, 6, 5)
    assert row(counts, "TC").f1 == pytest.approx(10 / 11)
    # Its Victim argument is duplicated too: 8 correct, 9 predicted, 8 gold.
    assert row(counts, "AC+") == PRF(8, 9, 8)
    assert row(counts, "AC") == PRF(8, 9, 8)
    assert categories(counts) == {"duplicate": 2}
    assert row(counts, "realis accuracy") == Accuracy(5, 5)
    # The copy enters the hopper clustering once: hoppers are perfect.
    assert row(counts, "hopper CoNLL").f1 == 1.0


def test_duplicate_of_a_spurious_trigger() -> None:
    extra = {"trigger": span("said"), "type": "Contact.Meet", "arguments": []}
    pred = edited(lambda d: d["events"].extend([extra, dict(extra)]))
    counts = score(pred)
    # 5 correct, 7 predicted: the first copy is spurious, the second a duplicate.
    assert row(counts, "TC") == PRF(5, 7, 5)
    assert categories(counts) == {"spurious_trigger": 1, "duplicate": 1}


def test_text_only_trigger() -> None:
    def edit(doc: Doc) -> None:  # "killing" given as text only; its Victim points to m3
        by_id(doc["events"], "v2")["trigger"] = {"text": " Killing"}

    counts = score(edited(edit))
    # By span: 4 triggers predicted, all right; the gold has 5: P = 1, R = 4/5.
    assert row(counts, "TC") == PRF(4, 4, 5)
    # Its argument is scored by text as its trigger has no offsets: 7 of 7, gold 8.
    assert row(counts, "AC+") == PRF(7, 7, 8)
    assert (counts.triggers_by_span, counts.triggers_by_text) == (4, 1)
    assert (counts.arguments_by_span, counts.arguments_by_text) == (7, 1)
    # By text: the key (normalize_text(" Killing") = "killing", Life.Die) against the 5
    # distinct gold keys (struck, killing, strike, hit, recalled): 1 / 1 / 5.
    assert row(counts, "TC (text)") == PRF(1, 1, 5)
    # (Life.Die, Victim, "children") against 8 distinct gold argument keys: 1 / 1 / 8.
    assert row(counts, "AC (text)") == PRF(1, 1, 8)
    # Hoppers use span-scored events only. Key {a b c} {d} {e}; response {a b c} {e}.
    a, b, c, d, e = (key(*k) for k in KEYS)
    expected = coref.score_all(key=[[a, b, c], [d], [e]], response=[[a, b, c], [e]])
    # B3: R = (1 + 1 + 1 + 0 + 1) / 5 = 4/5, P = 4/4: F1 = 8/9.
    assert row(counts, "hopper B3").f1 == pytest.approx(8 / 9) == expected["bcub"].f1
    assert row(counts, "hopper CEAF-e").f1 == pytest.approx(expected["ceafe"].f1)
    assert row(counts, "hopper LEA").f1 == pytest.approx(expected["lea"].f1)
    # Nothing to list: "killing" and its Victim, missed by span, were found by text, and
    # the text rows' other gold keys were found by span.
    assert counts.errors == ()


def test_text_only_argument_of_a_span_trigger() -> None:
    def edit(doc: Doc) -> None:
        by_id(doc["events"], "v1")["arguments"][0] = {"role": "Attacker", "text": "IRAN"}
        by_id(doc["events"], "v1")["arguments"][1] = {"role": "Target", "text": "Iran"}

    counts = score(edited(edit))
    # By span: 6 predicted, all right; gold 8.
    assert row(counts, "AC+") == PRF(6, 6, 8)
    # By text: (Attack, Attacker, "iran") is a gold key; (Attack, Target, "iran") is not
    # (the gold Target is "pakistan"): 1 / 2 / 8.
    assert row(counts, "AC (text)") == PRF(1, 2, 8)
    assert row(counts, "TC (text)") is None  # no text-only trigger: not scored
    # Listed: the spurious text Target, and the gold Target that neither view found; the
    # gold Attacker, missed by span, was found by text and is not listed.
    by_category = {e.category: e for e in counts.errors}
    assert by_category.keys() == {"spurious_argument", "missed_argument"}
    assert by_category["spurious_argument"].pred == (
        "Conflict.Attack 'struck' [5, 11) Target: 'Iran' (no offsets)"
    )
    assert by_category["spurious_argument"].detail == "by text"
    assert by_category["missed_argument"].gold == (
        "Conflict.Attack 'struck' [5, 11) Target: 'Pakistan' [12, 20)"
    )
    assert by_category["missed_argument"].detail == "not found by text either"


def test_realis() -> None:
    counts = score(edited(lambda d: by_id(d["events"], "v3").update(realis="OTHER")))
    # 5 TC pairs, 4 agree: 4/5.
    assert row(counts, "realis accuracy") == Accuracy(4, 5)
    assert categories(counts) == {"wrong_realis": 1}

    def no_realis(doc: Doc) -> None:
        for e in doc["events"]:
            del e["realis"]

    assert row(score(edited(no_realis)), "realis accuracy") is None  # not scored, not 0
    assert categories(score(edited(no_realis))) == {}
    # Realis given on some events only: a missing one disagrees.
    counts = score(edited(lambda d: by_id(d["events"], "v1").update(realis=None)))
    assert row(counts, "realis accuracy") == Accuracy(4, 5)


def test_realis_pairs_duplicates_for_the_most_agreement() -> None:
    def edit(doc: Doc) -> None:
        copy_ = {**by_id(doc["events"], "v2"), "id": "v9", "realis": "OTHER"}
        doc["events"].insert(0, copy_)  # the disagreeing copy comes first

    counts = score(edited(edit))
    # Key (killing, Life.Die): 2 predicted, 1 gold: 1 pair, the agreeing one: 5/5.
    assert row(counts, "realis accuracy") == Accuracy(5, 5)


def test_hopper_split_and_merge_against_the_coref_module() -> None:
    def edit(doc: Doc) -> None:
        by_id(doc["events"], "v4")["hopper"] = "h9"  # split "hit" off h1
        by_id(doc["events"], "v2")["hopper"] = "h3"  # merge "killing" with "recalled"

    counts = score(edited(edit))
    a, b, c, d, e = (key(*k) for k in KEYS)
    expected = coref.score_all(key=[[a, b, c], [d], [e]], response=[[a, b], [c], [d, e]])
    # MUC: R = (3 - 2 parts) / 2 = 1/2; P = ((2 - 1) + 0 + (2 - 2)) / 2 = 1/2.
    muc = row(counts, "hopper MUC")
    assert (muc.recall, muc.precision) == (0.5, 0.5)
    # B3: R = (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15; P = (1 + 1 + 1 + 1/2 + 1/2) / 5 = 4/5;
    # F1 = 88/115.
    b3 = row(counts, "hopper B3")
    assert (b3.recall, b3.precision) == (pytest.approx(11 / 15), pytest.approx(4 / 5))
    assert b3.f1 == pytest.approx(float(Fraction(88, 115)))
    # CEAF-e: {abc}~{ab} 2*2/5 + {d}~{de} 2*1/3 = 22/15; R = P = (22/15) / 3 = 22/45.
    assert row(counts, "hopper CEAF-e").f1 == pytest.approx(22 / 45)
    # LEA: R = (3 * 1/3 + 0 + 0) / 5 = 1/5; P = (2 * 1/1 + 0 + 2 * 0/1) / 5 = 2/5;
    # F1 = 4/15.
    assert row(counts, "hopper LEA").f1 == pytest.approx(4 / 15)
    assert row(counts, "hopper CoNLL").f1 == pytest.approx((1 / 2 + 88 / 115 + 22 / 45) / 3)
    for metric, name in [
        ("hopper MUC", "muc"),
        ("hopper B3", "bcub"),
        ("hopper CEAF-e", "ceafe"),
        ("hopper LEA", "lea"),
    ]:
        assert row(counts, metric) == expected[name], metric
    assert row(counts, "hopper CoNLL").f1 == pytest.approx(expected["conll"].f1)
    # Triggers and arguments do not depend on hoppers.
    assert row(counts, "TC") == PRF(5, 5, 5)


def test_hoppers_not_predicted_are_not_scored() -> None:
    def edit(doc: Doc) -> None:
        for e in doc["events"]:
            e["hopper"] = None

    counts = score(edited(edit))
    for metric in ALL_ROWS[7:12]:
        assert row(counts, metric) is None, metric
    assert counts.to_dict()["totals"]["hopper CoNLL"] == {"scored": False}
    # Summed with a document that has hoppers, it counts as all singletons there:
    # key {a b c} {d} {e} twice; response once the same, once all singletons.
    total = counts + score(document())
    assert total.hoppers_predicted
    muc = total.hopper_muc  # R = (0 + 2) / (2 + 2) = 1/2, P = 2/2
    assert (muc.recall, muc.precision) == (0.5, 1.0)


def test_unknown_type_and_role_are_counted_and_listed() -> None:
    def edit(doc: Doc) -> None:
        by_id(doc["events"], "v3")["type"] = "Conflict.Skirmish"
        by_id(doc["events"], "v5")["arguments"][1]["role"] = "Diplomat"

    counts = score(edited(edit))
    # The unknown type still counts as a prediction: TC 4/5/5; its span is right: TI 5/5/5.
    assert row(counts, "TC") == PRF(4, 5, 5)
    assert row(counts, "TI") == PRF(5, 5, 5)
    # The unknown role counts: AC 7/8/8, AI 8/8/8.
    assert row(counts, "AC") == PRF(7, 8, 8)
    assert row(counts, "AI") == PRF(8, 8, 8)
    assert categories(counts) == {"unknown_type": 1, "unknown_role": 1}
    role = next(e for e in counts.errors if e.category == "unknown_role")
    assert role.gold is not None and "Envoy: 'envoy'" in role.gold
    assert role.detail == "role 'Diplomat' is not a role of Diplomacy.Recall-Envoy in the inventory"
    assert counts.tc_by_type["Conflict.Skirmish"] == PRF(0, 1, 0)


def test_unresolved_argument_is_counted() -> None:
    counts = score(
        edited(
            lambda d: by_id(d["events"], "v2")["arguments"].append(
                {"role": "Place", "mention": "mX"}
            )
        )
    )
    # 8 correct, 9 predicted (the dangling reference cannot match), 8 gold.
    assert row(counts, "AC+") == PRF(8, 9, 8)
    assert counts.arguments_unresolved == 1
    (error,) = counts.errors
    assert (error.category, error.detail) == (
        "unresolved_argument",
        "no predicted mention has id 'mX'",
    )


def test_rows_headline_first_and_report_sections() -> None:
    counts = score(document())
    assert [r.metric for r in counts.rows()] == ALL_ROWS
    data = counts.to_dict()
    json.dumps(data)
    assert set(data) == {"totals", "counts", "breakdowns"}
    assert list(data["totals"]) == ALL_ROWS
    assert data["totals"]["TC"] == {
        "scored": True,
        "correct": 5,
        "predicted": 5,
        "gold": 5,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert data["totals"]["TC (text)"] == {"scored": False}
    assert data["totals"]["hopper CoNLL"]["scored"] is True
    assert set(data["breakdowns"]) == {"TC", "AC"}
    assert data["breakdowns"]["TC"]["Conflict.Attack"]["gold"] == 3


# ---------------------------------------------------------------------- properties


def messy_prediction(*, with_text: bool = True) -> Doc:
    """A prediction with every kind of error, for the property tests."""

    def edit(doc: Doc) -> None:
        by_id(doc["events"], "v2").update(type="Life.Injure")
        by_id(doc["events"], "v1")["arguments"][1]["role"] = "Place"
        by_id(doc["events"], "v3")["arguments"] = [{"role": "Place", "mention": "m5"}]
        by_id(doc["events"], "v4").update(hopper="h9", realis="OTHER")
        by_id(doc["events"], "v5")["arguments"][0]["mention"] = "m4"
        doc["events"].append({**by_id(doc["events"], "v1"), "id": "v8"})
        made_up = {"trigger": span("said"), "type": "Made.Up", "arguments": []}
        by_id(doc["events"], "v4")["arguments"].append({"role": "Attacker", "mention": "mX"})
        if with_text:
            doc["events"].append({"trigger": {"text": "said"}, "type": "Contact.Meet"})
            made_up["arguments"] = [{"role": "X", "text": "it"}]
        doc["events"].append(made_up)

    return edited(edit)


@pytest.mark.parametrize("config", [PLAIN, COREF])
def test_shuffling_changes_nothing(config: ScoreConfig) -> None:
    gold, pred = document(), messy_prediction()
    reference = events.count(gold=gold, pred=pred, config=config)
    assert reference.errors  # the case is not trivial
    for seed in range(12):
        counts = events.count(
            gold=shuffled(gold, seed), pred=shuffled(pred, seed + 100), config=config
        )
        assert counts == reference


def test_shuffling_the_real_gold_changes_nothing() -> None:
    pred = copy.deepcopy(GOLD)
    for e in pred["events"][::7]:
        e["type"] = "Conflict.Attack"
        e["hopper"] = "h1"
    reference = events.count(gold=GOLD, pred=pred, config=COREF)
    for seed in range(3):
        counts = events.count(gold=shuffled(GOLD, seed), pred=shuffled(pred, seed), config=COREF)
        assert counts == reference


def concatenated(a: Doc, b: Doc) -> Doc:
    """One document holding a then b: b's offsets shifted, its ids prefixed."""
    shift = len(a["text"])

    def moved(obj: dict[str, Any]) -> dict[str, Any]:
        obj = dict(obj)
        if "start" in obj:
            obj["start"] += shift
            obj["end"] += shift
        return obj

    out = copy.deepcopy(a)
    out["text"] = a["text"] + b["text"]
    for m in b.get("mentions", []):
        out["mentions"].append({**moved(m), "id": "b" + m["id"], "entity": "b" + m["entity"]})
    for t in b.get("timexes", []):
        out["timexes"].append({**moved(t), "id": "b" + t["id"]})
    for e in b.get("events", []):
        args = []
        for arg in e.get("arguments", []):
            arg = moved(arg)
            for ref in ("mention", "timex"):
                if ref in arg:
                    arg[ref] = "b" + arg[ref]
            args.append(arg)
        hopper = e.get("hopper")
        out["events"].append(
            {
                **e,
                "trigger": moved(e["trigger"]),
                "hopper": None if hopper is None else "b" + hopper,
                "arguments": args,
            }
        )
    return out


@pytest.mark.parametrize("config", [PLAIN, COREF])
def test_two_documents_summed_equal_scoring_them_together(config: ScoreConfig) -> None:
    # Text keys are sets per document: two documents concatenated would merge their
    # equal strings, so this property is checked on span-scored predictions.
    gold_a, pred_a = document(), messy_prediction(with_text=False)
    gold_b = edited(lambda d: d["events"].pop(0))
    pred_b = edited(lambda d: by_id(d["events"], "v5").update(type="Contact.Meet"))
    separate = events.count(gold=gold_a, pred=pred_a, config=config) + events.count(
        gold=gold_b, pred=pred_b, config=config
    )
    together = events.count(
        gold=concatenated(gold_a, gold_b), pred=concatenated(pred_a, pred_b), config=config
    )
    assert_close(numbers(separate), numbers(together))
    assert len(separate.errors) == len(together.errors)
    assert categories(separate) == categories(together)


def test_breakdowns_sum_to_the_totals() -> None:
    for counts in (score(messy_prediction()), score(messy_prediction(), config=COREF)):
        assert sum(counts.tc_by_type.values(), PRF()) == counts.tc
        assert sum(counts.ac_by_type.values(), PRF()) == counts.ac


# -------------------------------------------------------------------- the real gold


def test_real_gold_with_one_argument_removed_and_one_trigger_retyped() -> None:
    pred = copy.deepcopy(GOLD)
    # ev12 "airstrikes" loses its Time argument ("this week").
    airstrikes = by_id(pred["events"], "ev12")
    assert airstrikes["arguments"][-1] == {"role": "Time", "timex": "t4"}
    airstrikes["arguments"].pop()
    # ev36 "meeting" (Contact.Meet, 3 arguments: Entity, Entity, Time) becomes a phone call.
    meeting = by_id(pred["events"], "ev36")
    assert len(meeting["arguments"]) == 3
    meeting["type"] = "Contact.Phone-Write"
    counts = events.count(gold=GOLD, pred=pred, config=PLAIN)
    # Triggers: 59 spans right; 58 of 59 types right.
    assert row(counts, "TI") == PRF(59, 59, 59)
    assert row(counts, "TC") == PRF(58, 59, 59)
    # Arguments: 101 predicted; the meeting's 3 are keyed by the wrong type: 98 right of
    # 102 gold, at every level.
    for metric in ("AI", "AC", "AI+", "AC+"):
        assert row(counts, metric) == PRF(98, 101, 102), metric
    assert row(counts, "realis accuracy") == Accuracy(58, 58)
    # Hoppers: "meeting" is a gold singleton (h19) and a predicted singleton under
    # another key. MUC ignores singletons: 1. B3: R = P = 58/59. CEAF-e: 30 of 31
    # clusters: 30/31. LEA: R = P = 58/59 (the singleton's self link is lost).
    assert row(counts, "hopper MUC").f1 == 1.0
    assert row(counts, "hopper B3").f1 == pytest.approx(58 / 59)
    assert row(counts, "hopper CEAF-e").f1 == pytest.approx(30 / 31)
    assert row(counts, "hopper LEA").f1 == pytest.approx(58 / 59)
    assert categories(counts) == {"wrong_type": 1, "missed_argument": 4, "spurious_argument": 3}
    assert counts.tc_by_type["Contact.Meet"] == PRF(0, 0, 1)
    assert counts.tc_by_type["Contact.Phone-Write"] == PRF(3, 4, 3)
    missed = sorted(e.gold for e in counts.errors if e.category == "missed_argument")
    assert "Conflict.Attack 'airstrikes' [330, 340) Time: 'this week' [387, 396)" in missed


def test_real_gold_coref_aware_argument() -> None:
    pred = copy.deepcopy(GOLD)
    # "Pakistan and Iran “agreed to de-escalate” tensions Friday, Islamabad said": the
    # system gives the metonymic "Islamabad" (m10, entity e1 = Pakistan) as Participant
    # of "agreed" instead of "Pakistan" (m8).
    agreed = by_id(pred["events"], "ev10")
    assert agreed["arguments"][0] == {"role": "Participant", "mention": "m8"}
    agreed["arguments"][0]["mention"] = "m10"
    plain = events.count(gold=GOLD, pred=pred, config=PLAIN)
    aware = events.count(gold=GOLD, pred=pred, config=COREF)
    assert row(plain, "AC+") == PRF(101, 102, 102)
    assert row(aware, "AC+") == PRF(102, 102, 102)


def test_bad_input_raises_value_error() -> None:
    with pytest.raises(ValueError, match="prediction for document 'doc-b'"):
        score({"doc_id": "doc-b", "events": []})
    bad = edited(lambda d: by_id(d["events"], "v1").update(trigger={"start": 5, "end": 9999}))
    with pytest.raises(ValueError, match="do not fit the text"):
        score(bad)
    with pytest.raises(ValueError, match="ScoreConfig"):
        events.count(gold=document(), pred=document(), config={"coref_arguments": True})  # type: ignore[arg-type]


def test_api_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        events.count(document(), document(), PLAIN)  # type: ignore[misc]
    assert events.NAME == "events"


def test_docs_worked_example() -> None:
    """The worked example of docs/scoring-events.md (the lead sentence of the article)."""
    gold = copy.deepcopy(GOLD)
    gold["events"] = [e for e in GOLD["events"] if e["id"] in ("ev10", "ev11", "ev12")]
    text = GOLD["text"]

    def at(start: int, end: int) -> dict[str, Any]:
        return {"start": start, "end": end, "text": text[start:end]}

    def participants(*mentions: str) -> list[dict[str, str]]:
        return [{"role": "Participant", "mention": m} for m in mentions]

    assert text[293:302] == "Islamabad" and by_id(GOLD["mentions"], "m10")["entity"] == "e1"
    pred = {
        "id": GOLD["id"],
        "mentions": GOLD["mentions"],
        "timexes": GOLD["timexes"],
        "events": [
            {
                "trigger": at(253, 259),  # agreed: Islamabad instead of Pakistan
                "type": "Diplomacy.Agree",
                "realis": "ACTUAL",
                "arguments": [*participants("m10", "m9"), {"role": "Time", "timex": "t3"}],
            },
            {
                "trigger": at(263, 274),  # de-escalate, typed as an agreement
                "type": "Diplomacy.Agree",
                "realis": "OTHER",
                "arguments": participants("m8", "m9"),
            },
            {
                "trigger": at(330, 340),  # airstrikes: Target "targets" instead of
                "type": "Conflict.Attack",  # "militant targets"; realis wrong
                "realis": "OTHER",
                "arguments": [
                    {"role": "Attacker", "mention": "m8"},
                    {"role": "Attacker", "mention": "m9"},
                    {"role": "Target", **at(353, 360)},
                    {"role": "Place", "mention": "m12"},
                    {"role": "Time", "timex": "t4"},
                ],
            },
        ],
    }
    plain = events.count(gold=gold, pred=pred, config=PLAIN)
    aware = events.count(gold=gold, pred=pred, config=COREF)
    assert row(plain, "TC") == PRF(2, 3, 3)
    assert row(plain, "TI") == PRF(3, 3, 3)
    for metric in ("AI", "AC"):
        assert row(plain, metric) == row(aware, metric) == PRF(7, 10, 10), metric
    for metric in ("AI+", "AC+"):
        assert row(plain, metric) == PRF(6, 10, 10), metric
        assert row(aware, metric) == PRF(7, 10, 10), metric
    assert row(plain, "realis accuracy") == Accuracy(1, 2)
    assert row(plain, "hopper CoNLL") is None
    assert categories(plain) == {
        "wrong_type": 1,
        "wrong_realis": 1,
        "wrong_trigger": 1,
        "spurious_argument": 3,
        "missed_argument": 3,
    }
    # "If the system had output `agreed` twice": 2 / 4 / 3 (TextEE's sets: 2 / 3 / 3).
    pred["events"].append(copy.deepcopy(pred["events"][0]))
    assert row(events.count(gold=gold, pred=pred, config=PLAIN), "TC") == PRF(2, 4, 3)

    # Hoppers: the title's "agree" (ev1) in a hopper of its own splits h1 (5 mentions).
    split = copy.deepcopy(GOLD)
    by_id(split["events"], "ev1")["hopper"] = "hx"
    muc = events.count(gold=GOLD, pred=split, config=PLAIN).hopper_muc
    assert (muc.recall_num, muc.recall_den, muc.precision) == (27, 28, 1.0)


def random_prediction(seed: int) -> Doc:
    """The real gold with random damage: retyped, dropped, duplicated and shifted triggers,
    changed roles, other mentions as fillers, dangling references, invented labels."""
    rng = random.Random(seed)
    pred = copy.deepcopy(GOLD)
    mention_ids = [m["id"] for m in pred["mentions"]]
    types = [*sorted({e["type"] for e in pred["events"]}), "Made.Up"]
    out = []
    for e in pred["events"]:
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.2:
            e["type"] = rng.choice(types)
        elif roll < 0.25:
            e["trigger"] = {"start": e["trigger"]["start"], "end": e["trigger"]["end"] + 1}
        e["hopper"] = rng.choice([e["hopper"], e["hopper"], "hx", None])
        e["realis"] = rng.choice([e["realis"], e["realis"], "OTHER", None])
        for arg in e["arguments"]:
            roll = rng.random()
            if roll < 0.1:
                arg["role"] = rng.choice(["Place", "Attacker", "Participant", "Bogus"])
            elif roll < 0.2 and "mention" in arg:
                arg["mention"] = rng.choice([*mention_ids, "m999"])
        out.append(e)
        if rng.random() < 0.1:
            out.append(copy.deepcopy(e))
    pred["events"] = out
    return pred


PRED_SIDE = {
    "TC": {"spurious_trigger", "wrong_type", "unknown_type", "duplicate"},
    "AC+": {
        "spurious_argument",
        "wrong_role",
        "wrong_trigger",
        "unknown_role",
        "duplicate",
        "unresolved_argument",
    },
}
GOLD_SIDE = {
    "TC": {"missed_trigger", "wrong_type", "unknown_type"},
    "AC+": {"missed_argument", "wrong_role", "wrong_trigger", "unknown_role"},
}


def is_argument_error(error: Any) -> bool:
    if error.category == "duplicate":
        return error.detail == "the same argument of the same trigger"
    return error.category.endswith(("argument", "role")) or error.category == "wrong_trigger"


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("config", [PLAIN, COREF])
def test_random_damage_invariants(seed: int, config: ScoreConfig) -> None:
    pred = random_prediction(seed)
    counts = events.count(gold=GOLD, pred=pred, config=config)
    # Each row is at most as lenient as the one it refines.
    ti, tc, ai, ac, ai_plus, ac_plus = (
        row(counts, m) for m in ALL_ROWS[1:2] + ALL_ROWS[:1] + ALL_ROWS[2:6]
    )
    assert tc.correct <= ti.correct
    assert ac_plus.correct <= min(ac.correct, ai_plus.correct)
    assert max(ac.correct, ai_plus.correct) <= ai.correct
    for prf in (ti, tc, ai, ac, ai_plus, ac_plus):
        assert prf.correct <= min(prf.predicted, prf.gold)
    if config.coref_arguments:  # coreference only adds matches
        plain = events.count(gold=GOLD, pred=pred, config=PLAIN)
        for metric in ("AI", "AC", "AI+", "AC+"):
            assert row(plain, metric).correct <= row(counts, metric).correct
    # Every false positive and false negative of TC and AC+ is listed exactly once
    # (these predictions are all span-scored).
    for metric in ("TC", "AC+"):
        prf = row(counts, metric)
        listed = [e for e in counts.errors if is_argument_error(e) == (metric == "AC+")]
        fp = sum(1 for e in listed if e.category in PRED_SIDE[metric] and e.pred)
        fn = sum(1 for e in listed if e.category in GOLD_SIDE[metric] and e.gold)
        assert (fp, fn) == (prf.predicted - prf.correct, prf.gold - prf.correct), metric
    assert sum(counts.tc_by_type.values(), PRF()) == counts.tc
    assert sum(counts.ac_by_type.values(), PRF()) == counts.ac
    assert (
        events.count(gold=shuffled(GOLD, seed), pred=shuffled(pred, seed), config=config) == counts
    )


@pytest.mark.parametrize("config", [PLAIN, COREF])
def test_errors_false_gives_the_counts_without_building_error_items(
    config: ScoreConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = synthetic_cases(40)
    cases += [(GOLD, random_prediction(seed)) for seed in range(8)]
    check_errors_false(events, cases=cases, config=config, monkeypatch=monkeypatch, least=100)


def harsh_prediction(gold: Doc, seed: int) -> Doc:
    """A prediction mixing every kind of item the quick (errors=False) path reads: span
    and text-only triggers, mention, timex, inline-span and text-only fillers, dangling
    and repeated ids, duplicates, retyped and shifted items, missing realis and hoppers."""
    rng = random.Random(seed)
    pred = copy.deepcopy({k: gold[k] for k in ("mentions", "timexes", "events") if k in gold})
    mention_ids = [m["id"] for m in pred.get("mentions", [])] + ["m999"]
    timex_ids = [t["id"] for t in pred.get("timexes", [])] + ["t999"]
    if pred.get("mentions") and rng.random() < 0.3:  # a repeated id names two mentions
        pred["mentions"].append(copy.deepcopy(rng.choice(pred["mentions"])))
    types = [*sorted({e["type"] for e in pred.get("events", [])}), "Made.Up"]
    out = []
    for e in pred.get("events", []):
        roll = rng.random()
        if roll < 0.1:
            continue
        if roll < 0.2:
            e["type"] = rng.choice(types)
        elif roll < 0.3:
            e["trigger"] = {"text": rng.choice([e["trigger"]["text"], "Struck", "xyz"])}
        elif roll < 0.35:
            e["trigger"] = {"start": e["trigger"]["start"], "end": e["trigger"]["end"] + 1}
        for key in ("hopper", "realis"):
            value = rng.choice([e[key], e[key], "hx", None, "drop"])
            if value == "drop":
                del e[key]
            else:
                e[key] = value
        for arg in e["arguments"]:
            roll = rng.random()
            if roll < 0.1:
                arg["role"] = rng.choice(["Place", "Attacker", "Participant", "Victim", "Bogus"])
            elif roll < 0.2:
                arg.pop("timex", None)
                arg["mention"] = rng.choice(mention_ids)
            elif roll < 0.25:
                arg.pop("mention", None)
                arg["timex"] = rng.choice(timex_ids)
            elif roll < 0.35:
                ref = arg.pop("mention", None) or arg.pop("timex", None)
                filler = next(
                    (
                        m
                        for m in pred.get("mentions", []) + pred.get("timexes", [])
                        if m["id"] == ref
                    ),
                    {"text": "Iran"},
                )
                if rng.random() < 0.5 and "start" in filler:
                    arg.update(start=filler["start"], end=filler["end"])
                else:
                    arg["text"] = filler["text"]
        if rng.random() < 0.3 and e["arguments"]:
            e["arguments"].append(copy.deepcopy(rng.choice(e["arguments"])))
        out.append(e)
        if rng.random() < 0.15:
            out.append(copy.deepcopy(e))
    pred["events"] = out
    return pred


@pytest.mark.parametrize("seed", range(6))
def test_quick_counts_equal_the_general_path(seed: int) -> None:
    """errors=False reads key multisets (events._quick): the counts of errors=True."""
    golds = [GOLD] + [synth.gold_document(n + 15 * seed, seed=5)[0] for n in range(15)]
    for n, gold in enumerate(golds):
        for pred in (harsh_prediction(gold, seed * 100 + n), synth.prediction(gold, seed=5)):
            full = events.count(gold=gold, pred=pred, config=PLAIN)
            quick = events._quick(gold, pred)
            assert quick is not None
            assert repr(quick) == repr(dataclasses.replace(full, errors=()))
            assert events.count(gold=gold, pred=pred, config=PLAIN, errors=False) == quick


@pytest.mark.parametrize(
    "trigger", [{"start": 0, "end": 10**6}, {"text": ""}, {"start": 5, "end": 5}]
)
def test_errors_false_raises_as_the_general_path(trigger: dict[str, Any]) -> None:
    pred = copy.deepcopy(GOLD)
    pred["events"][0]["trigger"] = trigger
    with pytest.raises(ValueError) as full:
        events.count(gold=GOLD, pred=pred, config=PLAIN)
    with pytest.raises(ValueError) as quick:
        events.count(gold=GOLD, pred=pred, config=PLAIN, errors=False)
    assert str(quick.value) == str(full.value)


@pytest.mark.parametrize("seed", range(20))
def test_scope_zone_filter_agrees_with_the_plain_loop(seed: int) -> None:
    """wiregold.scope (run before the layer scorers) tests spans against the merged
    unannotated zones first: the zone it names is that of the plain loop over the zones,
    for overlapping, adjacent and empty zones alike."""
    rng = random.Random(seed)
    zones = []
    for n in range(rng.randint(0, 6)):
        start = rng.randint(0, 40)
        zones.append(
            {
                "id": f"z{n}",
                "type": "boilerplate",
                "start": start,
                "end": start + rng.choice([0, 1, 3, 8]),
                "annotated": rng.random() < 0.3,
            }
        )
    restriction = scope._Restriction(gold={"zones": zones}, pred={}, doc_id="d")
    for _ in range(200):
        first = rng.randint(0, 50)
        obj = {"start": first, "end": first + rng.randint(0, 6)}
        expected = next(
            (
                f"{zone_id} ({zone_type})"
                for start, end, zone_id, zone_type in restriction.unannotated
                if obj["start"] < end and start < obj["end"]
            ),
            None,
        )
        assert restriction.zone_of(obj) == expected
