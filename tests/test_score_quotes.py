"""The quote scorer (wiregold.scorers.quotes) and the shared entity matching
(wiregold.scorers.entity_match).

Hand-computed cases on the synthetic document of ``attribution_doc`` (arithmetic in the
comments), speaker forms judged at the entity level, and properties on the real gold.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import random
from collections import Counter
from typing import Any

import pytest
from attribution_doc import TEXT, gold_document, pred_mention, prediction, span
from conftest import check_errors_false, shuffled, synthetic_cases
from wiregold.scorers import quotes
from wiregold.scorers.base import PRF, Accuracy, ScoreConfig
from wiregold.scorers.entity_match import (
    GoldEntities,
    PredictedRefs,
    Ref,
    lexicographic_weights,
    located,
    match_pairs,
)

from benchmarks import synth
from wiregold import paths

CONFIG = ScoreConfig()
GOLD_FILE = paths.data_root() / "corpus" / "test" / "000_2a4f40216c15907b.json"


def real_gold() -> dict[str, Any]:
    return json.loads(GOLD_FILE.read_text(encoding="utf-8"))


def count(gold: dict, pred: dict, config: ScoreConfig = CONFIG) -> quotes.QuoteCounts:
    return quotes.count(gold=gold, pred=pred, config=config)


MENTIONS = [
    pred_mention("pm1", "Iran", "pe2"),
    pred_mention("pm2", "Pakistan", "pe1", after="struck"),  # gold m2 (e1)
    pred_mention("pm3", "Islamabad", "pe1"),  # gold m3 (e1), the gold's speaker mention
    pred_mention("pm5", "Pakistan", "pe5", after="said. "),  # gold m5 (e1), nested
    pred_mention("pmx", "Islamabad said", "pe8"),  # no gold mention has this span
    {"id": "pm7", "text": "We", "type": "GPE", "entity": "pe7"},  # text only
]


# --------------------------------------------------------------------------- tokens, F1


def test_tokens_and_token_f1() -> None:
    # Runs of word characters of the normalised text; punctuation and dashes split.
    assert quotes.tokens("\u2018De-escalate\u2019, they didn\u2019t say!") == [
        "de",
        "escalate",
        "they",
        "didn",
        "t",
        "say",
    ]
    # "the strike" vs "the strike was illegal": 2 shared, 2 + 4 tokens -> 4/6.
    assert quotes.token_f1("the strike", "the strike was illegal") == pytest.approx(2 / 3)
    assert quotes.token_f1("...", "!!") == 0.0


# ------------------------------------------------------------------ hand-computed example


def example_prediction() -> dict[str, Any]:
    return prediction(
        mentions=MENTIONS,
        quotes=[
            {  # q1 exactly, all attributes right; speaker by name string
                "id": "pq1",
                "kind": "direct",
                "content": span("We will respond"),
                "cue": span("said", after="Islamabad"),
                "speakers": [{"text": "Pakistan"}],
            },
            {  # q2 at token F1 0.5 exactly; wrong kind and speaker; cue, addressee right
                "id": "pq2",
                "kind": "direct",
                "content": span("told AFP the strike"),
                "cue": {"text": "told"},
                "speakers": [{"mention": "pm1"}],
                "addressees": [{"text": "AFP"}],
            },
            {  # q3 text only, token F1 6/7; no cue (gold: say), no speaker
                "id": "pq3",
                "kind": "indirect",
                "content": {"text": "at least 20 people have disappeared"},
            },
            {"id": "pq4", "kind": "direct", "content": span("Iran struck Pakistan")},
        ],
    )


def test_hand_computed_example() -> None:
    got = count(gold_document(), example_prediction())
    # Content: pq1 = q1 exact. pq2 vs q2: tokens told AFP the strike / the strike was
    # illegal share 2 occurrences: F1 = 2*2/(4+4) = 0.5 >= 0.5, matched. pq3 vs q3: 6 of
    # the 8 gold tokens, F1 = 2*6/(6+8) = 6/7. pq4 overlaps no gold quote: spurious.
    assert got.overlap == PRF(3, 4, 3)  # P 3/4, R 1, F1 = 1.5/1.75 = 6/7
    assert got.overlap.f1 == pytest.approx(6 / 7)
    assert got.exact == PRF(1, 4, 3)  # P 1/4, R 1/3, F1 = 2/7
    # Attribution: only pq1 (matched, speaker "Pakistan" = e1's name).
    assert got.attribution == PRF(1, 4, 3)
    assert got.attribution.f1 == pytest.approx(2 / 7)
    assert got.speaker == Accuracy(1, 3)
    assert got.cue == Accuracy(2, 3)  # pq1 span, pq2 text "told"; pq3 none for "say"
    assert got.kind == Accuracy(2, 3)  # pq2 direct for indirect
    assert got.addressee == Accuracy(3, 3)  # [] = [], AFP = e4, [] = []
    assert (got.by_span, got.by_text) == (3, 1)
    # Per kind: direct predicted pq1 pq2 pq4, gold q1, same-kind match pq1-q1.
    assert got.by_kind == {"direct": PRF(1, 3, 1), "indirect": PRF(1, 1, 2)}
    categories = Counter(e.category for e in got.errors)
    assert categories == {
        "partial_content": 2,  # pq2, pq3
        "wrong_speaker": 1,  # pq2: Iran for the ministry
        "not_attributed": 1,  # pq3
        "wrong_kind": 1,  # pq2
        "wrong_cue": 1,  # pq3
        "spurious": 1,  # pq4
    }
    wrong = next(e for e in got.errors if e.category == "wrong_speaker")
    assert (
        wrong.detail
        == "speakers mention pm1 'Iran' [0, 4) for gold e3 \"Pakistan's foreign ministry\""
    )
    partial = sorted(e.detail for e in got.errors if e.category == "partial_content")
    assert partial == ["token F1 0.500", "token F1 0.857"]


def test_rows_and_dict() -> None:
    got = count(gold_document(), example_prediction())
    assert [row.metric for row in got.rows()] == [
        "attribution",
        "content exact",
        "content overlap",
        "speaker accuracy",
        "cue accuracy",
        "kind accuracy",
        "addressee accuracy",
    ]
    as_dict = got.to_dict()
    assert as_dict["totals"]["attribution"]["correct"] == 1
    assert as_dict["totals"]["by_text"] == 1
    assert as_dict["breakdowns"]["kind"]["indirect"]["gold"] == 2
    json.dumps(as_dict)


def test_overlap_threshold_boundary() -> None:
    # pq2's F1 with q2 is exactly 0.5: matched at 0.5, not above it.
    at = count(gold_document(), example_prediction(), CONFIG.with_(quote_overlap=0.5))
    above = count(gold_document(), example_prediction(), CONFIG.with_(quote_overlap=0.51))
    assert at.overlap == PRF(3, 4, 3)
    assert above.overlap == PRF(2, 4, 3)  # pq2 spurious, q2 missed
    assert Counter(e.category for e in above.errors)["missed"] == 1
    # At 0.9 pq3 (6/7 = 0.857) drops out as well.
    assert count(
        gold_document(), example_prediction(), CONFIG.with_(quote_overlap=0.9)
    ).overlap == PRF(1, 4, 3)
    for bad in (-0.1, 1.01, False):
        with pytest.raises(ValueError):
            count(gold_document(), example_prediction(), CONFIG.with_(quote_overlap=bad))


def test_disjoint_spans_never_match() -> None:
    """With offsets, tokens are occurrences: the same words elsewhere do not overlap."""
    gold = gold_document()
    gold["quotes"] = [{**gold["quotes"][0], "content": span("Pakistan", after="struck")}]
    pred = prediction(quotes=[{"content": span("Pakistan", after="said. ")}])
    assert count(gold, pred).overlap == PRF(0, 1, 1)
    # As text, the same string is an exact match.
    pred = prediction(quotes=[{"content": {"text": "pakistan"}}])
    assert count(gold, pred).exact == PRF(1, 1, 1)


# ----------------------------------------------------------------------------- speakers


def q1_with(speakers: list[dict], **more: Any) -> dict[str, Any]:
    """A prediction of q1 with its content, kind and cue right, and these speakers."""
    quote = {
        "content": span("We will respond"),
        "kind": "direct",
        "cue": span("said", after="Islamabad"),
        "speakers": speakers,
        **more,
    }
    return prediction(
        entities=[{"id": "pe9", "name": "PAKISTAN"}], mentions=MENTIONS, quotes=[quote]
    )


def only_q1() -> dict[str, Any]:
    gold = gold_document()
    gold["quotes"] = gold["quotes"][:1]  # q1: speaker e1 via m3 (Islamabad)
    return gold


@pytest.mark.parametrize(
    "speakers",
    [
        [{"mention": "pm3"}],  # the mention the gold links
        [{"mention": "pm2"}],  # another mention of the same entity
        [{"mention": "pm5"}],  # a nested mention of the same entity
        [{"mention": "pm7"}],  # a text-only mention: "We" = the text of gold m10 (e1)
        [{"text": "Pakistan"}],  # the entity's canonical name
        [{"text": "ISLAMABAD"}],  # the text of one of its mentions, case folded
        [{"entity": "pe1"}],  # a predicted entity whose mentions are gold mentions of e1
        [{"entity": "pe9"}],  # a predicted entity with no mentions, named Pakistan
        [{"entity": "pe1", "mention": "pm3"}],
        [{"text": "Pakistan"}, {"text": "Pakistan"}],  # identical references: one speaker
    ],
)
def test_speaker_forms_that_are_correct(speakers: list[dict]) -> None:
    got = count(only_q1(), q1_with(speakers))
    assert got.attribution == PRF(1, 1, 1)
    assert got.speaker == Accuracy(1, 1)


@pytest.mark.parametrize(
    ("speakers", "category"),
    [
        ([{"text": "Iran"}], "wrong_speaker"),
        ([{"mention": "pm1"}], "wrong_speaker"),  # the Iran mention
        ([{"mention": "pmx"}], "wrong_speaker"),  # "Islamabad said": a span, never a string
        ([{"entity": "pe8"}], "wrong_speaker"),  # pe8's only mention is pmx
        ([{"text": "Pakistan"}, {"text": "Iran"}], "wrong_speaker"),  # one too many
        ([{"text": "Pakistan"}, {"mention": "pm3"}], "wrong_speaker"),  # two for one
        ([{"entity": "nope"}], "not_attributed"),  # resolves to nothing
        ([{"entity": None}], "not_attributed"),
        ([], "not_attributed"),
    ],
)
def test_speaker_errors(speakers: list[dict], category: str) -> None:
    got = count(only_q1(), q1_with(speakers))
    assert got.overlap == PRF(1, 1, 1)
    assert got.attribution == PRF(0, 1, 1)
    assert [e.category for e in got.errors] == [category]


def test_two_speakers() -> None:
    gold = only_q1()
    gold["quotes"][0]["speakers"].append({"entity": "e3", "mention": "m4"})
    both = [{"text": "Pakistan"}, {"text": "Pakistan\u2019s Foreign Ministry"}]
    assert count(gold, q1_with(both)).attribution == PRF(1, 1, 1)
    assert count(gold, q1_with(both[:1])).attribution == PRF(0, 1, 1)


def test_speaker_breaks_content_ties() -> None:
    """Two gold quotes with the same string and different speakers; a text-only quote
    with the second speaker is aligned to the second, whatever the order."""
    gold = gold_document()
    template = gold["quotes"][0]
    gold["quotes"] = [
        {**template, "id": "q1", "content": span("Pakistan", after="struck")},
        {
            **template,
            "id": "q2",
            "content": span("Pakistan", after="said. "),
            "speakers": [{"entity": "e5", "mention": "m7"}],
        },
    ]
    pred = prediction(
        quotes=[{"content": {"text": "Pakistan"}, "speakers": [{"text": "rights groups"}]}]
    )
    got = count(gold, pred)
    assert got.attribution == PRF(1, 1, 2)
    reversed_gold = {**gold, "quotes": gold["quotes"][::-1]}
    assert count(reversed_gold, pred) == got


def test_cue_kind_addressee() -> None:
    gold = only_q1()
    gold["quotes"][0]["cue"] = None
    # Gold cue null: a missing cue agrees, any cue is wrong.
    assert count(gold, q1_with([], cue=None)).cue == Accuracy(1, 1)
    got = count(gold, q1_with([], cue={"text": "said"}, kind=None, addressees=[{"text": "AFP"}]))
    assert got.cue == Accuracy(0, 1)
    assert got.kind == Accuracy(0, 1)  # no kind predicted
    assert got.addressee == Accuracy(0, 1)  # AFP where the gold has none
    categories = sorted(e.category for e in got.errors)
    assert categories == ["not_attributed", "wrong_addressee", "wrong_cue", "wrong_kind"]


def test_bad_offsets_raise() -> None:
    pred = prediction(quotes=[{"content": {"start": 0, "end": 4, "text": "Iraq"}}])
    with pytest.raises(ValueError, match="differs"):
        count(gold_document(), pred)
    pred = prediction(quotes=[{"content": {"start": 4, "end": 4}}])
    with pytest.raises(ValueError, match="not a non-empty span"):
        count(gold_document(), pred)


# ------------------------------------------------------------------------ entity_match


def test_entity_match_keys() -> None:
    gold = gold_document()
    entities = GoldEntities(gold=gold)
    e1 = entities.ref("e1")
    # e1: 4 mention spans; strings: its name and mention texts ("pakistan", "islamabad",
    # "we").
    assert len(e1.spans) == 4 and e1.texts == {"pakistan", "islamabad", "we"}
    refs = PredictedRefs(pred=prediction(mentions=MENTIONS), text=TEXT)
    assert refs.entity("pe1").spans == {(12, 20), (153, 162)}
    assert refs.mention("pm7").texts == {"we"} and refs.mention("pm7").mode == "text"
    assert not refs.entity("nope").resolved
    assert refs.ref({"value": "x"}).mode == "unresolved"
    assert all(refs.participant(p).matches(e1) for p in ({"mention": "pm5"}, {"text": "We"}))
    with pytest.raises(ValueError):
        entities.ref("e99")
    with pytest.raises(ValueError, match="used twice"):
        PredictedRefs(pred=prediction(mentions=MENTIONS + MENTIONS[:1]), text=TEXT)
    with pytest.raises(ValueError, match="neither"):
        located({"text": "   "}, text=TEXT, where="x")


def test_match_pairs_is_one_to_one_and_maximal() -> None:
    # pred 0 matches gold 0 and 1, pred 1 only gold 0: the largest matching is 0-1, 1-0.
    pred = [Ref(texts=frozenset({"a", "b"})), Ref(texts=frozenset({"a"}))]
    gold = [Ref(texts=frozenset({"a"})), Ref(texts=frozenset({"b"}))]
    assert match_pairs(pred=pred, gold=gold, matches=Ref.matches) == [(0, 1), (1, 0)]
    assert match_pairs(pred=[], gold=gold, matches=Ref.matches) == []


def test_lexicographic_weights() -> None:
    # Two pairs of level (1, 0) beat one pair of level (1, 5) even though 5 > 0 + 0:
    # n = 2, maxima (1, 5): M = (2*5 + 1, 1) = (11, 1): weights 11, 11 vs 16 < 22.
    weights = lexicographic_weights([[(1, 5), (1, 0)], [(1, 0), None]], maxima=(1, 5))
    assert weights == [[16.0, 11.0], [11.0, 0.0]]
    # Too fine to stay below 2**50 with four levels: the last level is dropped.
    # n = 1: M = ((10**6 + 1)**2, 10**6 + 1, 1) for the first three levels.
    big = 10**6
    [[weight]] = lexicographic_weights([[(1, 5, 7, 9)]], maxima=(1, big, big, big))
    assert weight == (big + 1) ** 2 + 5 * (big + 1) + 7


# ----------------------------------------------------------------------------- properties


def assert_perfect(got: quotes.QuoteCounts) -> None:
    for row in got.rows():
        value = row.value
        if isinstance(value, Accuracy):
            assert value.accuracy == 1.0, row.metric
        else:
            assert (value.precision, value.recall, value.f1) == (1, 1, 1), row.metric
    assert got.errors == ()


def test_real_gold_against_itself() -> None:
    got = count(real_gold(), real_gold())
    assert_perfect(got)
    assert got.overlap == PRF(16, 16, 16)
    assert_perfect(count(gold_document(), gold_document()))


def text_only(gold: dict) -> dict:
    """The gold's quotes without offsets; speakers and addressees as name strings."""
    names = {e["id"]: e["name"] for e in gold["entities"]}
    pred = copy.deepcopy(gold)
    for quote in pred["quotes"]:
        for key in ("content", "cue", "source"):
            if quote[key]:
                quote[key] = {"text": quote[key]["text"]}
        for role in ("speakers", "addressees"):
            quote[role] = [{"text": names[p["entity"]]} for p in quote[role]]
    return pred


def test_real_gold_text_only() -> None:
    gold = real_gold()
    got = count(gold, text_only(gold))
    assert_perfect(got)
    assert (got.by_span, got.by_text) == (0, 16)
    # The two headline fragments are both "de-escalate" (q2, q3): predicted once, it
    # matches one of them exactly; the other is missed.
    pred = text_only(gold)
    pred["quotes"] = [q for q in pred["quotes"] if q["id"] != "q3"]
    got = count(gold, pred)
    assert got.exact == PRF(15, 15, 16)
    assert [e.category for e in got.errors] == ["missed"]


def test_empty_prediction() -> None:
    got = count(real_gold(), {"doc_id": "000_2a4f40216c15907b"})
    for row in got.rows():
        if isinstance(row.value, PRF):
            assert row.value.recall == 0 and row.value.precision is None, row.metric
        else:
            assert row.value == Accuracy(0, 0), row.metric
    assert [e.category for e in got.errors] == ["missed"] * 16


@pytest.mark.parametrize("seed", range(5))
def test_shuffling_changes_nothing(seed: int) -> None:
    gold, pred = gold_document(), example_prediction()
    assert count(shuffled(gold, seed), shuffled(pred, seed + 100)) == count(gold, pred)
    real = real_gold()
    assert count(shuffled(real, seed), shuffled(text_only(real), seed + 1)) == count(
        real, text_only(real)
    )


def test_two_documents_add_up() -> None:
    a = count(gold_document(), example_prediction())
    b = count(real_gold(), real_gold())
    total = a + b
    assert total == b + a == quotes.empty(config=CONFIG) + a + b
    # attribution: 1 + 16 of 4 + 16 predicted and 3 + 16 gold.
    assert total.attribution == PRF(17, 20, 19)
    assert total.speaker == Accuracy(17, 19)
    assert total.by_kind["direct"] == PRF(1 + 9, 3 + 9, 1 + 9)
    assert (total.by_span, total.by_text) == (19, 1)
    assert total.errors == a.errors


def test_worked_example_of_the_docs() -> None:
    """docs/scoring-quotes.md, "Worked example (the article)"."""
    gold = real_gold()
    restraint = gold["text"].index("restraint")
    pred = {
        "doc_id": gold["id"],
        "quotes": [
            {
                "kind": "indirect",
                "content": {"text": "Pakistan and Iran agreed to de-escalate tensions"},
                "cue": {"text": "said"},
                "speakers": [{"text": "Islamabad"}],
            },
            {
                "kind": "direct",
                "content": {"start": 1221, "end": 1266},
                "cue": {"text": "according to"},
                "speakers": [{"text": "Pakistan"}],
            },
            {
                "kind": "direct",
                "content": {"start": 2724, "end": 2853},
                "cue": {"start": 2985, "end": 2989},
                "speakers": [{"text": "Maulana Mohammad Sadiq"}],
                "addressees": [{"text": "AFP"}],
            },
            {
                "kind": "indirect",
                "content": {"start": 3591, "end": 3708},
                "cue": {"start": 3587, "end": 3590},
            },
            {
                "kind": "indirect",
                "content": {"start": restraint, "end": restraint + len("restraint")},
                "speakers": [{"text": "United Nations"}],
            },
        ],
    }
    got = count(gold, pred)
    assert got.attribution == PRF(2, 5, 16)
    assert got.attribution.f1 == pytest.approx(0.190, abs=5e-4)
    assert got.exact == PRF(3, 5, 16) and got.overlap == PRF(4, 5, 16)
    assert (got.speaker, got.cue, got.kind, got.addressee) == (
        Accuracy(2, 4),
        Accuracy(4, 4),
        Accuracy(3, 4),
        Accuracy(4, 4),
    )
    partial = next(e for e in got.errors if e.category == "partial_content")
    assert partial.detail == "token F1 0.941"  # 2 * 8 / (8 + 9)
    assert Counter(e.category for e in got.errors) == {
        "missed": 12,
        "partial_content": 1,
        "wrong_kind": 1,
        "wrong_speaker": 1,
        "not_attributed": 1,
        "spurious": 1,
    }


def test_errors_false_gives_the_counts_without_building_error_items(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cases = synthetic_cases(60)
    cases.append((gold_document(), prediction()))
    config = CONFIG.with_(quote_overlap=0.3)
    check_errors_false(quotes, cases=cases, config=config, monkeypatch=monkeypatch, least=20)


# ------------------------------------------------------- fast paths against general paths


def test_canonical_order_is_sorting_by_the_whole_key() -> None:
    from wiregold.scorers.entity_match import canonical_order

    rng = random.Random(7)
    for _ in range(300):
        items = [(rng.randint(0, 3), rng.randint(0, 3), i) for i in range(rng.randint(0, 7))]
        built: list[tuple[int, ...]] = []

        def key(item: tuple[int, ...], built: list[tuple[int, ...]] = built) -> tuple[int, ...]:
            built.append(item)
            return item[:2]

        ordered = canonical_order(items, head=lambda item: item[:1], key=key)
        assert ordered == sorted(items, key=lambda item: item[:2])  # stable on ties
        heads = Counter(item[0] for item in items)
        assert all(heads[item[0]] > 1 for item in built)  # whole key only on shared heads


@pytest.mark.parametrize(
    "obj",
    [
        {"start": 0, "end": 8},
        {"start": 0, "end": 8, "text": TEXT[0:8]},
        {"start": 0, "end": 8, "text": "elsewhere"},
        {"start": 8, "end": 8},
        {"start": -1, "end": 3},
        {"start": 0, "end": len(TEXT) + 1},
        {"start": True, "end": 3},
        {"start": 0.0, "end": 3},
        {"start": None, "end": None},
        {"start": 0},
        {"text": "  Pakistan\u2019s "},
        {"text": "   "},
        {},
    ],
)
def test_match_key_checks_as_located_does(obj: dict[str, Any]) -> None:
    from wiregold.scorers.entity_match import match_key

    try:
        span, norm = located(obj, text=TEXT, where="here")
    except ValueError as problem:
        with pytest.raises(ValueError) as caught:
            match_key(obj, text=TEXT, where=lambda: "here")
        assert str(caught.value) == str(problem)
    else:
        assert match_key(obj, text=TEXT, where=lambda: "here") == (span or norm)
        assert located(obj, text=TEXT, where=lambda: "here") == (span, norm)


def test_gold_entities_prepared_or_not_give_the_same_keys() -> None:
    gold = gold_document()
    ids = [e["id"] for e in gold["entities"]]
    prepared = GoldEntities(gold=gold)
    prepared.prepare([*ids, "e99", ids[0]])
    for entity_id in ids:
        fresh = GoldEntities(gold=gold).ref(entity_id)
        assert prepared.ref(entity_id) == fresh
        assert fresh.label.startswith(f"{entity_id} ")
    with pytest.raises(ValueError, match="gold entity 'e99' does not exist"):
        prepared.ref("e99")
    # A repeated id (invalid gold): the names of all, the label shows the last one.
    twice = copy.deepcopy(gold)
    twice["entities"].append({**twice["entities"][0], "name": "Islamic Republic"})
    ref = GoldEntities(gold=twice).ref(ids[0])
    assert {"pakistan", "islamic republic"} <= ref.texts
    assert ref.label == f"{ids[0]} 'Islamic Republic'"


def test_participant_is_the_union_of_its_parts() -> None:
    refs = PredictedRefs(pred=prediction(mentions=MENTIONS), text=TEXT)
    for participant in (
        {"entity": "pe1", "mention": "pm5"},
        {"entity": "pe1", "mention": "pm5", "text": "Islamabad"},
        {"entity": "pe1", "text": "Islamabad"},
        {"mention": "pm7", "text": "We"},
        {"entity": "nope", "mention": "nope"},
    ):
        parts = [
            refs.entity(participant["entity"]) if "entity" in participant else None,
            refs.mention(participant["mention"]) if "mention" in participant else None,
            refs.string(participant["text"]) if "text" in participant else None,
        ]
        folded = Ref()
        for part in parts:
            folded = folded if part is None else folded | part
        got = refs.participant(participant)
        if folded.resolved:
            assert got == folded
        else:
            assert not got.resolved and got.label == f"participant ({folded.label}; unresolved)"
    empty = refs.participant({"entity": None})
    assert empty.label == "participant (no entity, mention or text; unresolved)"


def test_agreement_of_one_participant_each_is_that_of_match_pairs() -> None:
    a = Ref(texts=frozenset({"a"}))
    b = Ref(texts=frozenset({"b"}))
    ab = Ref(texts=frozenset({"a", "b"}))
    for pred, gold in ([a], [a]), ([a], [b]), ([ab], [b]), ([], []), ([a, b], [ab, a]), ([a], []):
        general = len(pred) == len(gold) and len(
            match_pairs(pred=pred, gold=gold, matches=Ref.matches)
        ) == len(gold)
        assert quotes._agree(pred, gold) is general


def test_token_positions_are_those_of_the_slice() -> None:
    for start, end in ((0, len(TEXT)), (1, 9), (3, 4), (10, 40), (5, 5)):
        sliced = {
            (start + m.start(), start + m.end()) for m in quotes.TOKEN.finditer(TEXT[start:end])
        }
        assert quotes._positions(TEXT, (start, end)) == sliced


@pytest.mark.parametrize("seed", [1, 2])
def test_errors_false_reads_quotes_as_given_when_each_has_one_candidate(seed: int) -> None:
    """errors=False sorts the quotes only when a quote has several candidates: the counts
    are those of errors=True for any input order, ties between alignments included
    (repeated and shortened quotes give several candidates)."""
    rng = random.Random(seed)
    ambiguous = 0
    for n in range(30):
        gold = synth.gold_document(n + 30 * seed, seed=5)[0]
        pred = synth.prediction(gold, seed=5)
        found = pred.setdefault("quotes", [])
        for quote in list(found):
            if rng.random() < 0.3:
                twin = copy.deepcopy(quote)
                twin["id"] = f"{quote.get('id')}-twin"
                if rng.random() < 0.5 and twin["content"].get("end", 0) > 2:
                    twin["content"] = {**twin["content"], "end": twin["content"]["end"] - 1}
                    twin["content"].pop("text", None)
                found.append(twin)
        listed = count(gold, pred)
        for variant in (pred, shuffled(pred, seed), shuffled(pred, seed + 7)):
            quick = quotes.count(gold=gold, pred=variant, config=CONFIG, errors=False)
            assert repr(quick) == repr(dataclasses.replace(listed, errors=()))
            assert count(gold, variant) == listed
        refs = quotes._pred_quotes(pred, gold["text"])
        gold_quotes = quotes._gold_quotes(gold, GoldEntities(gold=gold))
        matches = quotes._matches(refs, gold_quotes, threshold=CONFIG.quote_overlap)
        ambiguous += not quotes.is_matching(matches)
    assert ambiguous  # the sorted path was taken too
