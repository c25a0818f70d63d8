"""Inter-annotator agreement (wiregold.agreement) on small synthetic documents."""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from typing import Any

import pytest

from wiregold.agreement import AgreementReport, compare
from wiregold.spans import find_span

TEXT = (
    "Iran struck Pakistan on Tuesday, killing 2 children. "
    '"We will respond to the strike," Islamabad said on Wednesday. '
    "Pakistan recalled its envoy."
)


def span(needle: str, after: int = 0) -> dict[str, Any]:
    return find_span(text=TEXT, needle=needle, after=after).to_json(TEXT)


def mention(
    mid: str, needle: str, entity: str, type_: str, kind: str, *, after: int = 0
) -> dict[str, Any]:
    s = span(needle, after)
    return {
        "id": mid,
        **s,
        "head": dict(s),
        "entity": entity,
        "type": type_,
        "subtype": None,
        "kind": kind,
        "gpe_role": "GOV" if type_ == "GPE" else None,
        "metonymy": None,
    }


def timex(tid: str, needle: str, value: str) -> dict[str, Any]:
    return {
        "id": tid,
        **span(needle),
        "type": "DATE",
        "value": value,
        "mod": None,
        "anchor": None,
        "function": "NONE",
    }


def event(
    eid: str, needle: str, type_: str, hopper: str, arguments: list[tuple[str, str, str]]
) -> dict[str, Any]:
    return {
        "id": eid,
        "trigger": span(needle),
        "type": type_,
        "realis": "ACTUAL",
        "hopper": hopper,
        "arguments": [{"role": role, field: ref} for role, field, ref in arguments],
    }


def document() -> dict[str, Any]:
    """A: 8 mentions in 4 entities; e2 (Pakistan) = m2 m4 m5 m6 m7."""
    second_sentence = TEXT.index('"')
    third_sentence = TEXT.index("Pakistan recalled")
    return {
        "id": "doc-a",
        "text": TEXT,
        "zones": [{"id": "z1", "type": "body", "start": 0, "end": len(TEXT), "text": TEXT}],
        "entities": [],  # not read by compare()
        "mentions": [
            mention("m1", "Iran", "e1", "GPE", "NAM"),
            mention("m2", "Pakistan", "e2", "GPE", "NAM"),
            mention("m3", "children", "e3", "PER", "NOM"),
            mention("m4", "We", "e2", "GPE", "PRO"),
            mention("m5", "Islamabad", "e2", "GPE", "NAM", after=second_sentence),
            mention("m6", "Pakistan", "e2", "GPE", "NAM", after=third_sentence),
            mention("m7", "its", "e2", "GPE", "PRO"),
            mention("m8", "envoy", "e4", "PER", "NOM"),
        ],
        "timexes": [timex("t1", "Tuesday", "2024-01-16"), timex("t2", "Wednesday", "2024-01-17")],
        "hoppers": [],
        "events": [
            event(
                "v1",
                "struck",
                "Conflict.Attack",
                "h1",
                [
                    ("Attacker", "mention", "m1"),
                    ("Target", "mention", "m2"),
                    ("Time", "timex", "t1"),
                ],
            ),
            event("v2", "killing", "Life.Die", "h2", [("Victim", "mention", "m3")]),
            event("v3", "strike", "Conflict.Attack", "h1", []),
            event(
                "v4",
                "recalled",
                "Diplomacy.Recall-Envoy",
                "h3",
                [("Agent", "mention", "m6"), ("Envoy", "mention", "m8")],
            ),
        ],
        "casualties": [
            {
                "id": "c1",
                "kind": "killed",
                "count": {"value": 2, "low": None, "high": None, "precision": "exact"},
                "victims": {"description": None, "groups": ["children"], "mentions": ["m3"]},
                "perpetrators": ["e1"],
                "places": ["e2"],
                "times": ["t1"],
                "hoppers": ["h1"],
                "evidence": [span("killing 2 children")],
                "reported_by": {"entity": None, "description": "the article"},
            }
        ],
        "quotes": [
            {
                "id": "q1",
                "kind": "direct",
                "content": span("We will respond to the strike,"),
                "cue": span("said"),
                "source": None,
                "speakers": [{"entity": "e2", "mention": "m5"}],
                "addressees": [],
            }
        ],
    }


def variant(**changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(document())
    doc["id"] = "doc-b"
    for layer, edit in changes.items():
        edit(doc[layer])
    return doc


def value(report: AgreementReport, layer: str, name: str) -> float | None:
    return report.measure(layer, name).value


def counts(report: AgreementReport, layer: str, name: str) -> dict[str, Any]:
    return report.measure(layer, name).result.to_dict()


def by_id(items: list[dict[str, Any]], item_id: str) -> dict[str, Any]:
    return next(item for item in items if item["id"] == item_id)


# ------------------------------------------------------------------------- tests


def test_identical_documents_agree_everywhere() -> None:
    report = compare(reference=document(), other=variant())
    assert len(report.measures) == 38
    for measure in report.measures:
        assert measure.value == pytest.approx(1.0), (measure.layer, measure.name)


def test_removed_mention() -> None:
    report = compare(reference=document(), other=variant(mentions=lambda ms: ms.pop(6)))  # m7
    # 7 matched, 1 only in A: F1 = 2*7 / (2*7 + 1) = 14/15.
    assert counts(report, "mentions", "span F1") == {
        "matched": 7,
        "only_in_a": 1,
        "only_in_b": 0,
        "f1": pytest.approx(14 / 15),
    }
    assert value(report, "mentions", "kind accuracy") == 1.0
    # Coreference, A = {m1} {m2 m4 m5 m6 m7} {m3} {m8}, B = same without m7.
    # MUC: R = (5 - 2 parts) / 4 = 3/4 (missing m7 is a part), P = 3/3; F1 = 6/7.
    muc = counts(report, "entities", "MUC F1")
    assert (muc["recall_num"], muc["recall_den"], muc["precision_num"]) == (3, 4, 3)
    assert muc["f1"] == pytest.approx(Fraction(6, 7))
    # B3: R = (1 + 1 + 1 + 4 * 4/5 + 0) / 8 = 31/40, P = 7/7; F1 = 62/71.
    assert value(report, "entities", "B3 F1") == pytest.approx(62 / 71)
    # CEAF-e: phi4 = 1 + 1 + 1 + 2*4/(5+4) = 35/9; R = (35/9)/4, P = (35/9)/4; F1 = 35/36.
    assert value(report, "entities", "CEAF-e F1") == pytest.approx(35 / 36)
    assert value(report, "entities", "CoNLL F1") == pytest.approx((6 / 7 + 62 / 71 + 35 / 36) / 3)


def test_changed_mention_type() -> None:
    def retype(ms: list[dict[str, Any]]) -> None:
        ms[0]["type"] = "ORG"

    report = compare(reference=document(), other=variant(mentions=retype))
    assert value(report, "mentions", "span F1") == 1.0
    # m1 keyed (0, 4, GPE) in A and (0, 4, ORG) in B: 7 matched, 1 + 1 unmatched: 14/16.
    assert counts(report, "mentions", "span+type F1")["f1"] == pytest.approx(7 / 8)
    assert value(report, "entities", "CoNLL F1") == 1.0  # coreference ignores types


def test_split_cluster() -> None:
    def split(ms: list[dict[str, Any]]) -> None:
        for m in ms:
            if m["id"] in {"m6", "m7"}:
                m["entity"] = "e5"

    report = compare(reference=document(), other=variant(mentions=split))
    # B = {m1} {m2 m4 m5} {m6 m7} {m3} {m8}.
    # MUC: R = (5 - 2) / 4 = 3/4, P = (2 + 1) / 3 = 1; F1 = 6/7.
    assert value(report, "entities", "MUC F1") == pytest.approx(6 / 7)
    # B3: R = (3 + 3 * 3/5 + 2 * 2/5) / 8 = (28/5)/8 = 7/10, P = 1; F1 = 14/17.
    assert value(report, "entities", "B3 F1") == pytest.approx(14 / 17)
    # CEAF-e: e2 aligns with {m2 m4 m5}: 2*3/(5+3) = 3/4; + 3 singletons = 15/4.
    # R = (15/4)/4 = 15/16, P = (15/4)/5 = 3/4; F1 = 2 * 15/16 * 3/4 / (27/16) = 5/6.
    assert value(report, "entities", "CEAF-e F1") == pytest.approx(5 / 6)
    assert value(report, "entities", "CoNLL F1") == pytest.approx((6 / 7 + 14 / 17 + 5 / 6) / 3)
    assert value(report, "mentions", "span F1") == 1.0
    # The speaker (e2 via m5) and the place (e2) still correspond: they share mention spans.
    assert value(report, "quotes", "speaker accuracy") == 1.0
    assert value(report, "casualties", "places accuracy") == 1.0


def test_speaker_sets_must_pair_one_to_one() -> None:
    def split(ms: list[dict[str, Any]]) -> None:
        for m in ms:
            if m["id"] in {"m6", "m7"}:
                m["entity"] = "e5"

    def two_speakers(qs: list[dict[str, Any]]) -> None:
        qs[0]["speakers"].append({"entity": "e5", "mention": None})

    # A's one speaker e2 corresponds to both e2 and e5 of B, but 1 speaker != 2 speakers.
    report = compare(reference=document(), other=variant(mentions=split, quotes=two_speakers))
    assert counts(report, "quotes", "speaker accuracy") == {
        "agreed": 0,
        "compared": 1,
        "accuracy": 0.0,
    }


def test_wrong_speaker() -> None:
    def iran_said(qs: list[dict[str, Any]]) -> None:
        qs[0]["speakers"] = [{"entity": "e1", "mention": None}]

    report = compare(reference=document(), other=variant(quotes=iran_said))
    assert value(report, "quotes", "content F1") == 1.0
    assert value(report, "quotes", "speaker accuracy") == 0.0
    assert value(report, "quotes", "cue accuracy") == 1.0


def test_different_timex_value() -> None:
    def shift(ts: list[dict[str, Any]]) -> None:
        ts[0]["value"] = "2024-01-17"

    report = compare(reference=document(), other=variant(timexes=shift))
    assert value(report, "timexes", "span F1") == 1.0
    assert value(report, "timexes", "span+type F1") == 1.0
    # t1 differs: 1 matched, 1 only in A, 1 only in B: 2 / (2 + 2) = 1/2.
    assert counts(report, "timexes", "span+type+value F1") == {
        "matched": 1,
        "only_in_a": 1,
        "only_in_b": 1,
        "f1": 0.5,
    }
    assert counts(report, "timexes", "value accuracy") == {
        "agreed": 1,
        "compared": 2,
        "accuracy": 0.5,
    }


def test_missing_quote() -> None:
    report = compare(reference=document(), other=variant(quotes=lambda qs: qs.clear()))
    assert counts(report, "quotes", "content F1") == {
        "matched": 0,
        "only_in_a": 1,
        "only_in_b": 0,
        "f1": 0.0,
    }
    # Nothing to compare: undefined, not 0 and not 1.
    assert value(report, "quotes", "speaker accuracy") is None
    assert value(report, "quotes", "cue accuracy") is None
    assert "| quotes | speaker accuracy | 0/0 |  |  | n/a |" in report.to_markdown()


def test_event_role_realis_and_hopper_changes() -> None:
    def edit(events: list[dict[str, Any]]) -> None:
        by_id(events, "v1")["arguments"][1]["role"] = "Attacker"  # Pakistan: Target -> Attacker
        by_id(events, "v3")["realis"] = "OTHER"
        by_id(events, "v3")["hopper"] = "h9"  # "strike" no longer with "struck"

    report = compare(reference=document(), other=variant(events=edit))
    assert value(report, "events", "trigger+type F1 (TC)") == 1.0
    # 6 arguments each side; AI+ ignores the role: all match.
    assert value(report, "events", "argument F1 (AI+)") == 1.0
    # AC+: 5 matched, 1 + 1 unmatched: 10/12.
    assert value(report, "events", "argument+role F1 (AC+)") == pytest.approx(5 / 6)
    assert counts(report, "events", "realis accuracy")["agreed"] == 3
    assert value(report, "events", "realis accuracy") == pytest.approx(3 / 4)
    # Hoppers: A = {v1 v3} {v2} {v4}, B = all singletons. MUC: R = 0/1, P = 0/0; F1 = 0
    # (R = 0: the harmonic mean is 0 whatever P is).
    assert value(report, "hoppers", "MUC F1") == 0.0
    # B3: R = (1/2 + 1/2 + 1 + 1) / 4 = 3/4, P = 1; F1 = 6/7.
    assert value(report, "hoppers", "B3 F1") == pytest.approx(6 / 7)
    # CEAF-e: {v1 v3}-{v1} 2/3, {v2} 1, {v4} 1: R = (8/3)/3, P = (8/3)/4, F1 = 16/21.
    # CoNLL: (0 + 6/7 + 16/21) / 3 = 34/63.
    assert value(report, "hoppers", "CoNLL F1") == pytest.approx(34 / 63)


def test_casualty_count_and_places() -> None:
    def recount(cs: list[dict[str, Any]]) -> None:
        cs[0]["count"]["value"] = 3

    report = compare(reference=document(), other=variant(casualties=recount))
    assert value(report, "casualties", "record F1") == 0.0
    assert value(report, "casualties", "kind F1") == 1.0
    assert value(report, "casualties", "places accuracy") is None  # no record matched

    def move(cs: list[dict[str, Any]]) -> None:
        cs[0]["places"] = ["e1"]

    report = compare(reference=document(), other=variant(casualties=move))
    assert value(report, "casualties", "record F1") == 1.0
    assert value(report, "casualties", "places accuracy") == 0.0
    assert value(report, "casualties", "perpetrators accuracy") == 1.0


def test_quote_source_and_addressees() -> None:
    def edit(quotes: list[dict[str, Any]]) -> None:
        quotes[0]["source"] = span("Islamabad")
        quotes[0]["addressees"] = [{"entity": "e1", "mention": "m1"}]

    report = compare(reference=document(), other=variant(quotes=edit))
    assert counts(report, "quotes", "source accuracy")["agreed"] == 0
    assert counts(report, "quotes", "addressee accuracy")["agreed"] == 0
    assert value(report, "quotes", "cue accuracy") == 1.0


def test_casualty_evidence_times_victims_and_linked_events() -> None:
    def edit_casualty(casualties: list[dict[str, Any]]) -> None:
        casualties[0]["evidence"].append(span("2 children"))
        casualties[0]["times"] = []
        casualties[0]["victims"]["groups"] = []

    report = compare(reference=document(), other=variant(casualties=edit_casualty))
    # Evidence spans: 1 matched, 1 only in B: F1 = 2 / 3.
    assert value(report, "casualties", "evidence span F1") == pytest.approx(2 / 3)
    assert value(report, "casualties", "times accuracy") == 0.0
    assert value(report, "casualties", "victims accuracy") == 0.0
    assert value(report, "casualties", "linked events accuracy") == 1.0

    # B splits the attack hopper: h1 = {struck}, h9 = {strike}. Its casualty still links
    # h1, which shares "struck" with A's h1, so the link agrees ...
    def split(events: list[dict[str, Any]]) -> None:
        by_id(events, "v3")["hopper"] = "h9"

    report = compare(reference=document(), other=variant(events=split))
    assert value(report, "casualties", "linked events accuracy") == 1.0

    # ... but linking the Life.Die hopper instead does not.
    def relink(casualties: list[dict[str, Any]]) -> None:
        casualties[0]["hoppers"] = ["h2"]

    report = compare(reference=document(), other=variant(casualties=relink))
    assert value(report, "casualties", "linked events accuracy") == 0.0


def test_duplicate_keys_are_counted_as_a_multiset() -> None:
    def duplicate(ts: list[dict[str, Any]]) -> None:
        ts.append({**ts[0], "id": "t9"})

    report = compare(reference=document(), other=variant(timexes=duplicate))
    # A {t1, t2}, B {t1, t1', t2}: 2 matched, 1 only in B: 4/5 (a set would say 1.0).
    assert counts(report, "timexes", "span F1") == {
        "matched": 2,
        "only_in_a": 0,
        "only_in_b": 1,
        "f1": pytest.approx(0.8),
    }
    # Only min(1, 2) pairs are compared for the duplicated span.
    assert counts(report, "timexes", "value accuracy")["compared"] == 2


VARIANTS = {
    "removed-mention": {"mentions": lambda ms: ms.pop(6)},
    "timex-value": {"timexes": lambda ts: ts[0].update(value="2024-01-17")},
    "missing-quote": {"quotes": lambda qs: qs.clear()},
    "merged-entities": {"mentions": lambda ms: ms[0].update(entity="e2")},
    "zone-type": {"zones": lambda zs: zs[0].update(type="headline")},
    "dropped-event": {"events": lambda es: es.pop(0)},
}


@pytest.mark.parametrize("name", VARIANTS)
def test_f1_is_symmetric_under_swapping_a_and_b(name: str) -> None:
    a, b = document(), variant(**VARIANTS[name])
    forward, backward = compare(reference=a, other=b), compare(reference=b, other=a)
    assert [(m.layer, m.name) for m in forward.measures] == [
        (m.layer, m.name) for m in backward.measures
    ]
    for there, back in zip(forward.measures, backward.measures, strict=True):
        if there.value is None:
            assert back.value is None, there.name
        else:
            assert back.value == pytest.approx(there.value), (there.layer, there.name)
        d1, d2 = there.result.to_dict(), back.result.to_dict()
        if "only_in_a" in d1:
            assert (d1["matched"], d1["only_in_a"], d1["only_in_b"]) == (
                d2["matched"],
                d2["only_in_b"],
                d2["only_in_a"],
            )


def test_report_serialises() -> None:
    report = compare(reference=document(), other=variant(quotes=lambda qs: qs.clear()))
    data = report.to_dict()
    json.dumps(data)  # JSON-ready
    assert (data["reference"], data["other"]) == ("doc-a", "doc-b")
    assert data["layers"]["quotes"]["content F1"]["only_in_a"] == 1
    assert data["layers"]["entities"]["CoNLL F1"]["muc"]["recall_den"] == 4
    lines = report.to_markdown().splitlines()
    assert lines[0] == "| layer | measure | matched | only in A | only in B | F1 / accuracy |"
    assert len(lines) == 2 + len(report.measures)
    assert "| mentions | span F1 | 8 | 0 | 0 | 1.0000 |" in lines
    with pytest.raises(KeyError, match="no measure"):
        report.measure("quotes", "nonsense")


def test_bad_input_raises_value_error() -> None:
    other = variant()
    other["text"] = TEXT + " More."
    with pytest.raises(ValueError, match="different text"):
        compare(reference=document(), other=other)

    other = variant()
    del other["quotes"]
    with pytest.raises(ValueError, match="missing layer"):
        compare(reference=document(), other=other)

    other = variant(events=lambda es: es[1]["arguments"][0].update(mention="m99"))
    with pytest.raises(ValueError, match="unknown m99"):
        compare(reference=document(), other=other)

    other = variant(mentions=lambda ms: ms.append({**ms[0], "id": "m9", "entity": "e9"}))
    with pytest.raises(ValueError, match=r"entities \(A is .*\): response: mention .* twice"):
        compare(reference=document(), other=other)


def test_api_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        compare(document(), variant())  # type: ignore[misc]


def test_victim_groups_are_a_set() -> None:
    """groups has unique items and no order: listing them the other way round agrees."""

    def groups(order: list[str]) -> dict[str, Any]:
        def edit(casualties: list[dict[str, Any]]) -> None:
            casualties[0]["victims"]["groups"] = order

        return variant(casualties=edit)

    report = compare(reference=groups(["women", "children"]), other=groups(["children", "women"]))
    assert value(report, "casualties", "victims accuracy") == 1.0
    report = compare(reference=groups(["women", "children"]), other=groups(["children"]))
    assert value(report, "casualties", "victims accuracy") == 0.0
