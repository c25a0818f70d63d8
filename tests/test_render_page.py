"""The HTML views (wiregold.render): every gold item in the page, outcomes from the
scorer's error items, self-containment, and escaping of everything taken from input."""

from __future__ import annotations

import json
from typing import Any

from render_support import (
    ANNOTATOR2_FILE,
    DOC_ID,
    GOLD,
    PAGE_TAGS,
    Page,
    classes_of,
    gold,
    render_errors,
    render_gold,
)
from wiregold.scorers.base import ErrorItem

from wiregold.jsonio import read_json
from wiregold.render.error_marks import SEVERITY, outcome_of
from wiregold.render.page import json_script
from wiregold.spans import find_span

TEXT: str = GOLD["text"]
# Where each layer's gold items are marked: (layer, data-kind, the item's text).
LAYERS = [
    ("zones", "zone", lambda z: z["text"]),
    ("mentions", "mention", lambda m: m["text"]),
    ("timexes", "timex", lambda t: t["text"]),
    ("events", "trigger", lambda e: e["trigger"]["text"]),
    ("quotes", "quote", lambda q: q["content"]["text"]),
    (
        "casualties",
        "evidence",
        lambda c: "".join(e["text"] for e in sorted(c["evidence"], key=lambda e: e["start"])),
    ),
]


def assert_self_contained(page: Page) -> None:
    tags = {e.tag for e in page.elements}
    assert tags <= PAGE_TAGS, tags - PAGE_TAGS
    for element in page.elements:
        assert not {"src", "href", "srcset", "action"} & set(element.attrs), element
        assert not any(name.startswith("on") for name in element.attrs), element
    [policy] = [e for e in page.elements if e.attrs.get("http-equiv")]
    assert str(policy.attrs["content"]).startswith("default-src 'none'")
    kinds = sorted(str(attrs.get("type")) for attrs, _ in page.scripts)
    assert kinds == ["None", "application/json"]  # the data and the page's own script


def test_gold_view_marks_every_item_with_its_exact_text() -> None:
    page = Page(render_gold())
    assert_self_contained(page)
    assert page.document_text() == TEXT  # nothing inserted, nothing lost
    for layer, kind, text_of in LAYERS:
        marked = page.marked(kind)
        assert sorted(marked) == sorted(item["id"] for item in GOLD[layer]), layer
        for item in GOLD[layer]:
            found = "".join("".join(f.text) for f in marked[item["id"]])
            assert found == text_of(item), (layer, item["id"])
    cues = page.marked("cue")
    assert sorted(cues) == sorted(q["id"] for q in GOLD["quotes"] if q["cue"])


def test_gold_view_labels_types_entities_zones_and_values() -> None:
    page = Page(render_gold())
    first = GOLD["mentions"][0]
    classes = classes_of(page, "mention", first["id"])
    assert {"m", f"T-{first['type']}", f"K-{first['kind']}", "L-entities"} <= classes
    [fragment, *_] = page.marked("mention")[first["id"]]
    assert fragment.attrs["data-entity"] == first["entity"]
    assert "Pakistan (e1)" in str(fragment.attrs["title"])
    boilerplate = [z for z in GOLD["zones"] if z["type"] == "boilerplate"]
    for zone in boilerplate:
        [element] = page.marked("zone")[zone["id"]]
        assert "off" in element.classes
        assert "not annotated" in str(element.attrs["data-label"])
    for timex in GOLD["timexes"]:
        assert page.marked("timex")[timex["id"]][0].attrs["data-value"] == timex["value"]
    rows = [e.attrs["data-record"] for e in page.elements if "data-record" in e.attrs]
    assert rows == [c["id"] for c in GOLD["casualties"]]
    data = page.data()
    assert data["view"] == "gold" and data["text"] == TEXT
    assert data["entity_mentions"]["e1"][0] == "m1"
    assert set(data["events"]) == {e["id"] for e in GOLD["events"]}


def test_layer_toggles_and_legend() -> None:
    page = Page(render_gold())
    boxes = [e.attrs["data-layer"] for e in page.elements if e.tag == "input"]
    assert boxes == ["zones", "entities", "events", "quotes", "timexes", "casualties"]
    [body] = [e for e in page.elements if e.tag == "body"]
    assert {f"show-{layer}" for layer in boxes} <= body.classes
    legend = [e for e in page.elements if "legend" in e.classes]
    assert legend and "casualty evidence" in "".join(legend[0].text)


# ------------------------------------------------------------------------- errors view


def entity_prediction() -> dict[str, Any]:
    """The gold mentions with one wrong type (m1), one missed (m2), one partial (m3), one
    spurious, one out of scope (in the cookie notice) and one text-only mention."""
    mentions = [dict(m) for m in gold()["mentions"]]
    by_id = {m["id"]: m for m in mentions}
    by_id["m1"]["type"] = "ORG"
    by_id["m1"]["subtype"] = None
    mentions.remove(by_id["m2"])
    m3 = by_id["m3"]
    m3.update(start=57, end=64, text=TEXT[57:64], head=None)
    tensions = find_span(text=TEXT, needle="tensions")
    kvkk = find_span(text=TEXT, needle="KVKK")
    mentions += [
        {"start": tensions.start, "end": tensions.end, "type": "LOC", "kind": "NOM"},
        {"start": kvkk.start, "end": kvkk.end, "type": "ORG", "kind": "NAM"},
        {"text": "Tehran", "type": "GPE"},
    ]
    return {"doc_id": DOC_ID, "mentions": mentions}


def test_errors_view_marks_outcomes_from_the_error_items() -> None:
    page = Page(render_errors(entity_prediction(), tasks=("entities",)))
    assert_self_contained(page)
    assert page.document_text() == TEXT
    assert "o-wrong" in classes_of(page, "mention", "m1")
    assert "o-missed" in classes_of(page, "mention", "m2")
    assert "o-partial" in classes_of(page, "mention", "m3")
    others = [m["id"] for m in GOLD["mentions"] if m["id"] not in ("m1", "m2", "m3")]
    assert all("o-ok" in classes_of(page, "mention", m) for m in others)
    # Layers that were not scored get no outcome.
    assert not any(c.startswith("o-") for c in classes_of(page, "trigger", "ev1"))
    pred = page.marked("pred")
    shown = {"".join(frags[0].text): frags[0].classes for frags in pred.values()}
    assert shown == {
        "foreign": {"pred", "o-partial", "L-entities"},
        "tensions": {"pred", "o-spurious", "L-entities"},
        "KVKK": {"pred", "o-oos", "L-entities"},
    }
    data = page.data()
    placed = sorted(e["category"] for e in data["errors"] if e["targets"])
    assert placed == ["missed", "out_of_scope", "spurious", "wrong_boundary", "wrong_type"]
    by_text = [e for e in data["errors"] if not e["targets"]]
    assert all(e["detail"] == "by text" for e in by_text)  # listed, not placed
    for entry in data["errors"]:  # every located error points at marks that exist
        for target in entry["targets"]:
            kind, key = target.split(":")
            assert page.marked(kind)[key], target
    [textonly] = [e for e in page.elements if e.attrs.get("id") == "textonly"]
    assert "“Tehran”" in "".join(textonly.text)
    listed = [e for e in page.elements if e.tag == "li" and "data-error" in e.attrs]
    assert len(listed) == len(data["errors"])


def test_errors_view_shows_the_report_numbers_and_signature() -> None:
    page = Page(render_errors(entity_prediction(), tasks=("entities",)))
    text = "".join(page.texts)
    assert "signature: tasks:entities|labels:wiregold" in text
    rows = [e for e in page.elements if e.tag == "tr" and "".join(e.text).startswith("entities")]
    assert rows and "strict" in "".join(rows[0].text)
    assert "+1 out of scope" in "".join(rows[0].text)


def test_a_perfect_prediction_is_all_matched() -> None:
    page = Page(render_errors(gold()))
    assert page.data()["errors"] == [] and not page.marked("pred")
    for _, kind, _ in LAYERS[1:]:
        assert all("o-ok" in classes_of(page, kind, key) for key in page.marked(kind))


def test_errors_view_of_the_second_annotator() -> None:
    pred = read_json(path=ANNOTATOR2_FILE).value
    page = Page(render_errors(pred))
    errors = page.data()["errors"]
    assert len(errors) == 9
    site = find_span(text=TEXT, needle="the strike site")  # LOC in the gold, FAC for them
    [m] = [m["id"] for m in GOLD["mentions"] if (m["start"], m["end"]) == (site.start, site.end)]
    wrong = [e for e in errors if e["category"] == "wrong_type"]
    assert [e["targets"] for e in wrong] == [[f"mention:{m}"]]
    # Argument errors point at the filler, which keeps its own (entity) outcome.
    missed = [e for e in errors if e["category"] == "missed_argument"]
    assert all(e["targets"] for e in missed)
    assert f"mention:{m}" in missed[0]["targets"]
    assert {"o-wrong", "has-err"} <= classes_of(page, "mention", m)
    # Casualty slot errors are listed under their record's row.
    rows = [e for e in page.elements if e.tag == "tr" and "o-attr" in e.classes]
    assert len([r for r in rows if r.attrs.get("data-record")]) == 3


def test_outcomes_cover_every_documented_category() -> None:
    item = ErrorItem("entities", "d", "wrong_type", "g", "p")
    assert outcome_of(item) == "wrong"
    assert outcome_of(ErrorItem("quotes", "d", "out_of_scope", None, "p")) == "oos"
    # A category no table knows falls back on the sides it names.
    assert outcome_of(ErrorItem("newlayer", "d", "odd", "g", "p")) == "attr"
    assert outcome_of(ErrorItem("newlayer", "d", "odd", "g", None)) == "missed"
    assert outcome_of(ErrorItem("newlayer", "d", "odd", None, "p")) == "spurious"
    assert SEVERITY[0] == "missed" and SEVERITY[-1] == "ok"


# ---------------------------------------------------------------------------- escaping

PAYLOADS = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "\"'><svg onload=alert(1)>",
    "a\u2028b\u2029c & <!-- -->",
]


def hostile_prediction() -> dict[str, Any]:
    kvkk = find_span(text=TEXT, needle="KVKK")
    first = GOLD["mentions"][0]
    return {
        "doc_id": DOC_ID,
        "mentions": [
            *({"text": p, "type": p, "entity": p[:60]} for p in PAYLOADS),
            {"start": first["start"], "end": first["end"], "type": PAYLOADS[0], "kind": "NAM"},
            {"start": kvkk.start, "end": kvkk.end, "type": PAYLOADS[1]},
        ],
        "timexes": [{"text": PAYLOADS[2], "type": "DATE", "value": PAYLOADS[3]}],
        "events": [
            {
                "trigger": {"text": PAYLOADS[1]},
                "type": PAYLOADS[0],
                "arguments": [{"role": PAYLOADS[2], "text": PAYLOADS[3]}],
            }
        ],
        "quotes": [
            {
                "kind": "direct",
                "content": {"text": PAYLOADS[0]},
                "speakers": [{"text": PAYLOADS[1]}],
            }
        ],
        "casualties": [
            {"kind": "killed", "count": {"value": 1}, "evidence": [{"text": PAYLOADS[2]}]}
        ],
    }


def test_markup_in_predictions_is_shown_as_text() -> None:
    html = render_errors(hostile_prediction())
    page = Page(html)
    assert_self_contained(page)  # no <img>, <svg>, on* attribute, third script
    assert "<img" not in html and "<svg" not in html
    text = "".join(page.texts)
    for payload in PAYLOADS[:3]:
        assert payload in text, payload  # shown, as text
    titles = " ".join(str(e.attrs.get("title", "")) for e in page.elements)
    assert PAYLOADS[0] in titles  # the unmapped label, in a tooltip attribute
    [data] = [body for attrs, body in page.scripts if attrs.get("id") == "wg-data"]
    assert not {"<", ">", "&", "\u2028", "\u2029"} & set(data)
    listed = json.dumps(page.data()["errors"], ensure_ascii=False)
    assert all(json.dumps(p, ensure_ascii=False)[1:-1] in listed for p in PAYLOADS[:2])


def test_json_script_cannot_be_closed_by_its_data() -> None:
    html = json_script({"x": "</script><!--\u2028&"}, element_id="d")
    assert html.count("</script>") == 1 and html.endswith("</script>")
    page = Page(html)
    assert json.loads(page.scripts[0][1]) == {"x": "</script><!--\u2028&"}


def test_items_scored_only_by_text_are_not_claimed_as_matched() -> None:
    # Text-only triggers are scored as a set of strings: they do not say which gold
    # trigger they found, so no gold trigger is marked matched (the scorer lists the
    # missed text keys, which are not placed).
    pred = {
        "doc_id": DOC_ID,
        "events": [{"trigger": {"text": "agreed"}, "type": "Diplomacy.Agree"}],
    }
    page = Page(render_errors(pred, tasks=("events",)))
    for key in page.marked("trigger"):
        assert not any(c.startswith("o-") for c in classes_of(page, "trigger", key))
    assert not page.marked("pred")
    missed = [e for e in page.data()["errors"] if e["category"] == "missed_trigger"]
    assert missed and all(e["targets"] == [] and e["detail"] == "by text" for e in missed)
    [textonly] = [e for e in page.elements if e.attrs.get("id") == "textonly"]
    assert "“agreed”" in "".join(textonly.text)
    # Entities likewise: with text-only mentions, the misses are listed by text, unplaced.
    pred = {"doc_id": DOC_ID, "mentions": [{"text": "Pakistan", "type": "GPE"}]}
    page = Page(render_errors(pred, tasks=("entities",)))
    for key in page.marked("mention"):
        assert not any(c.startswith("o-") for c in classes_of(page, "mention", key))
    missed = [e for e in page.data()["errors"] if e["category"] == "missed"]
    assert missed and all(e["targets"] == [] and e["detail"] == "by text" for e in missed)


def _summary(page: Page, layer: str) -> str:
    """The outcome counts line of a layer in the error list."""
    [block] = [
        e for e in page.elements if e.tag == "details" and "".join(e.text).startswith(layer + ":")
    ]
    [line] = [t for t in block.text if t.startswith("in the text: ")]
    return line


def test_error_summary_counts_gold_items_and_predicted_spans_apart() -> None:
    page = Page(render_errors(entity_prediction(), tasks=("entities",)))
    assert _summary(page, "entities") == (
        "in the text: gold items: 1 missed, 1 wrong (type, label, role, speaker, count), "
        "1 partial (boundary or count), 117 matched; predicted spans of their own: "
        "1 spurious, 1 partial (boundary or count), 1 out of scope"
    )


def test_mentions_a_label_preset_leaves_out_get_no_outcome() -> None:
    """Under conll only names are gold (52 of 120): nominals and pronouns are not missed,
    and not matched either."""
    page = Page(render_errors({"doc_id": DOC_ID}, tasks=("entities",), labels="conll"))
    for m in GOLD["mentions"]:
        outcomes = {c for c in classes_of(page, "mention", m["id"]) if c.startswith("o-")}
        assert outcomes == ({"o-missed"} if m["kind"] == "NAM" else set()), m["id"]
    assert _summary(page, "entities") == "in the text: gold items: 52 missed"


def test_every_metric_shows_the_parts_of_conll_f1_as_numbers() -> None:
    page = Page(render_errors(entity_prediction(), tasks=("entities",)))
    [row] = [
        e for e in page.elements if e.tag == "tr" and "".join(e.text).startswith("entitiesCoNLL F1")
    ]
    counts = row.text[-1]
    assert counts.startswith("muc F1 0.") and ", bcub F1 0." in counts and "{" not in counts


def test_unplaced_casualty_counts_are_shown_as_the_scorer_reads_them() -> None:
    from wiregold.render.error_marks import text_only_items

    records = [
        {"kind": "killed", "count": {"value": 12}, "evidence": [{"text": "a toll"}]},
        {"kind": "injured", "count": {"low": 10, "high": 12}},
        {"kind": "killed", "count": {"value": 3, "precision": "many"}},  # refused: as given
    ]
    labels = [i.label for i in text_only_items({"casualties": records})]
    assert labels == ["killed · 12 (exact)", "injured · 10-12 (range)", "killed · 3 (many)"]
