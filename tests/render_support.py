"""Helpers for the HTML view tests: the real gold, rendering through the library, and a
strict parse of a page with :mod:`html.parser` (what elements, attributes and text it has).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from wiregold.scorers.base import ScoreConfig

from wiregold import paths
from wiregold.jsonio import read_json
from wiregold.render.page import errors_page, gold_page
from wiregold.scoring import score_checked

Doc = dict[str, Any]
GOLD_FILE = paths.corpus_root() / "test" / "000_2a4f40216c15907b.json"
ANNOTATOR2_FILE = paths.corpus_root() / "annotator2" / "000_2a4f40216c15907b.json"
GOLD: Doc = read_json(path=GOLD_FILE).value
DOC_ID: str = GOLD["id"]
# Elements a page is made of; anything else in a page is an injection or a mistake.
PAGE_TAGS = frozenset(
    {"html", "head", "meta", "title", "style", "body", "header", "main", "aside", "section"}
    | {"h1", "h2", "h3", "small", "p", "code", "div", "nav", "b", "label", "input", "span"}
    | {"pre", "script", "table", "thead", "tbody", "tr", "th", "td", "details", "summary"}
    | {"ol", "ul", "li"}
)
VOID = frozenset({"meta", "input"})


def gold() -> Doc:
    """A fresh deep copy of the gold document."""
    return copy.deepcopy(GOLD)


def render_gold(doc: Mapping[str, Any] | None = None) -> str:
    return gold_page(doc=doc or GOLD, source="corpus/test/x.json")


def render_errors(
    pred: Mapping[str, Any], *, tasks: tuple[str, ...] | None = None, labels: str = "wiregold"
) -> str:
    """The errors view of one prediction for the gold document (as the CLI makes it)."""
    config = ScoreConfig(labels=labels)
    config = config if tasks is None else config.with_(tasks=tasks)
    report = score_checked(gold={DOC_ID: GOLD}, pred={DOC_ID: pred}, config=config, unknown_docs=())
    return errors_page(
        doc=GOLD, pred=pred, report=report, pred_source="pred.jsonl", gold_source="gold.json"
    )


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    text: list[str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class Page(HTMLParser):
    """Every element with its attributes and text; raises on a badly nested page."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []
        self.texts: list[str] = []  # text outside <script> and <style>
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.feed(page)
        self.close()
        if self.stack:
            raise AssertionError(f"unclosed elements: {[e.tag for e in self.stack]}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1].tag != tag:
            raise AssertionError(f"</{tag}> closes {self.stack[-1].tag if self.stack else None}")
        element = self.stack.pop()
        if tag == "script":
            self.scripts.append((element.attrs, "".join(element.text)))

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text.append(data)
        if not any(e.tag in ("script", "style") for e in self.stack):
            self.texts.append(data)

    def marked(self, kind: str) -> dict[str, list[Element]]:
        """Fragments of the marks of one kind, by data-id, in document order."""
        found: dict[str, list[Element]] = {}
        for element in self.elements:
            if element.attrs.get("data-kind") == kind:
                found.setdefault(str(element.attrs["data-id"]), []).append(element)
        return found

    def data(self) -> dict[str, Any]:
        [found] = [text for attrs, text in self.scripts if attrs.get("id") == "wg-data"]
        return json.loads(found)

    def document_text(self) -> str:
        [doc] = [e for e in self.elements if e.attrs.get("id") == "doc"]
        return "".join(doc.text)


def classes_of(page: Page, kind: str, key: str) -> set[str]:
    [*fragments] = page.marked(kind)[key]
    return set().union(*(f.classes for f in fragments))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
