"""The HTML views in a real browser: Debian's chromium, headless (``make browser`` installs it).

Each page checks itself when it loads (every gold item's element exists and holds the
item's text, the document text is intact, clicks highlight what they should) and writes
the result into ``<pre id="selfcheck">``; ``chromium --dump-dom`` returns the DOM after
the script ran. The dumped DOM is also searched here for every gold mention, quote and
event by its data-id. Everything is written to a temporary directory; each browser run
is bounded by a timeout (the whole module takes a few seconds).
"""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

import pytest
from render_support import ANNOTATOR2_FILE, GOLD, Page, render_errors, render_gold, write
from test_render_page import entity_prediction, hostile_prediction

from wiregold.jsonio import read_json
from wiregold.render.browser import dump_dom, find_chromium, read_selfcheck, screenshot

CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="no chromium on PATH: browser tests skipped (install Debian's chromium package: "
    "`make browser` as root, or set WIREGOLD_CHROMIUM)",
)
TIMEOUT = 20  # seconds per browser run


def selfcheck(page: Path) -> tuple[dict[str, Any], str]:
    assert CHROMIUM is not None
    dom = dump_dom(page, executable=CHROMIUM, timeout=TIMEOUT)
    found = read_selfcheck(dom)
    assert found, "the page wrote no self-check"
    return json.loads(found), dom


def assert_complete(check: dict[str, Any]) -> None:
    assert "failed" not in check, check.get("failed")
    assert check["js_errors"] == []
    assert check["text_ok"] is True
    for layer, found in check["layers"].items():
        assert found["missing"] == [] and found["text_mismatch"] == [], layer
        assert found["found"] == found["expected"] == len(GOLD[layer]), layer


def assert_every_item_in(dom: str) -> None:
    page = Page(dom)
    for layer, kind in (("mentions", "mention"), ("quotes", "quote"), ("events", "trigger")):
        assert sorted(page.marked(kind)) == sorted(item["id"] for item in GOLD[layer]), layer


def test_gold_view_in_chromium(tmp_path: Path) -> None:
    check, dom = selfcheck(write(tmp_path / "gold.html", render_gold()))
    assert check["view"] == "gold"
    assert_complete(check)
    assert_every_item_in(dom)
    it = check["interactions"]
    assert it["entity"]["highlighted"] == it["entity"]["mentions"] > 1 and it["entity"]["panel"]
    assert it["event"]["labelled"] == it["event"]["arguments"] > 0 and it["event"]["panel"]
    assert it["event"]["hop_highlighted"] == it["event"]["hopper_mates"] > 0
    assert it["quote"] == {**it["quote"], "content": True, "cue": True, "speaker": True}
    casualty = it["casualty"]
    assert casualty["highlighted"] == casualty["evidence"] > 0 and casualty["row_selected"]
    assert it["toggle"] is True


@pytest.mark.parametrize("system", ["annotator2", "entities", "hostile"])
def test_errors_view_in_chromium(tmp_path: Path, system: str) -> None:
    pred = {
        "annotator2": lambda: read_json(path=ANNOTATOR2_FILE).value,
        "entities": entity_prediction,
        "hostile": hostile_prediction,
    }[system]()
    check, dom = selfcheck(write(tmp_path / "errors.html", render_errors(pred)))
    assert check["view"] == "errors"
    assert_complete(check)
    assert_every_item_in(dom)
    view = check["errors_view"]
    assert view["listed"] == view["errors"] > 0 and view["missing_targets"] == []
    error = check["interactions"]["error"]
    assert error["selected"] == error["elements"]
    if system == "hostile":  # the payloads stayed text in the live DOM too
        live = Page(dom)
        assert not {"img", "svg", "iframe", "object", "embed"} & {e.tag for e in live.elements}
        assert not any(a.startswith("on") for e in live.elements for a in e.attrs)
        assert "<img src=x onerror=alert(1)>" in "".join(live.texts)


def test_screenshot_is_a_1280_pixel_wide_png(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    page = write(tmp_path / "gold.html", render_gold())
    out = screenshot(
        page,
        tmp_path / "gold.png",
        executable=CHROMIUM,
        width=1280,
        height=900,
        fragment="trigger:ev10",
        timeout=TIMEOUT,
    )
    head = out.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", head[16:24]) == (1280, 900)


def test_a_carriage_return_in_the_text_survives_the_browser(tmp_path: Path) -> None:
    """An HTML parser turns a literal CR (and CR LF) into LF: the page writes it as a
    character reference, so the text and every offset after it stay exact."""
    import copy

    from wiregold.spans import iter_stored_spans

    doc = copy.deepcopy(GOLD)
    text = doc["text"]
    at = text.index("Pakistan and Iran") + len("Pakistan")  # a space inside a quote
    doc["text"] = text = text[:at] + "\r" + text[at + 1 :]
    for _, span in iter_stored_spans(doc=doc):
        if span["start"] <= at < span["end"]:
            span["text"] = text[span["start"] : span["end"]]
    check, _ = selfcheck(write(tmp_path / "cr.html", render_gold(doc)))
    assert_complete(check)
