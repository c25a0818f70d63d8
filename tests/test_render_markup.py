"""The interval-to-markup algorithm (wiregold.render.markup): nesting, crossing, escaping."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from render_support import Page

from wiregold.render.markup import Mark, attributes, nest


def fragments(page: Page) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for element in page.elements:
        if element.tag == "span":
            found.setdefault(str(element.attrs["data-id"]), []).append(element)
    return found


def texts(page: Page) -> dict[str, str]:
    return {key: "".join("".join(f.text) for f in frags) for key, frags in fragments(page).items()}


def test_nested_marks_become_nested_elements() -> None:
    text = "Islamabad's foreign ministry said"
    outer = Mark(0, 28, "mention", "m1")
    inner = Mark(0, 9, "mention", "m2")
    html = nest(text, [inner, outer])  # input order does not matter
    assert html == (
        '<span data-kind="mention" data-id="m1"><span data-kind="mention" data-id="m2">'
        "Islamabad</span>'s foreign ministry</span> said"
    )


def test_crossing_marks_split_into_fragments_that_share_the_id() -> None:
    text = "abcdefghijklmnop"
    html = nest(text, [Mark(0, 10, "a", "1"), Mark(5, 15, "b", "2")])
    assert html == (
        '<span data-kind="a" data-id="1">abcde'
        '<span class="more" data-kind="b" data-id="2">fghij</span></span>'
        '<span class="cont" data-kind="b" data-id="2">klmno</span>p'
    )
    page = Page(html)
    assert texts(page) == {"1": text[0:10], "2": text[5:15]}


def test_a_mark_crossing_two_others_has_three_fragments() -> None:
    text = "0123456789abcdef"
    marks = [Mark(0, 8, "a", "v"), Mark(0, 4, "a", "x"), Mark(2, 12, "b", "y")]
    page = Page(nest(text, marks))
    frags = fragments(page)
    assert [sorted(f.classes) for f in frags["y"]] == [["more"], ["cont", "more"], ["cont"]]
    assert ["".join(f.text) for f in frags["y"]] == ["23", "4567", "89ab"]
    assert texts(page) == {"v": text[0:8], "x": text[0:4], "y": text[2:12]}


def test_identical_spans_nest_by_rank_and_longer_marks_open_first() -> None:
    text = "foreign ministry"
    marks = [Mark(0, 16, "mention", "m3", rank=4), Mark(0, 16, "source", "q1", rank=2)]
    html = nest(text, marks)
    assert html.startswith('<span data-kind="source" data-id="q1"><span data-kind="mention"')
    html = nest(text, [Mark(0, 7, "a", "short"), Mark(0, 16, "a", "long")])
    assert html.startswith('<span data-kind="a" data-id="long"><span data-kind="a" data-id="short"')


def test_text_and_attributes_are_escaped() -> None:
    text = '<script>alert("x")</script> & more'
    mark = Mark(0, 8, "mention", '"><img src=x>', ("m",), {"title": "<b onclick='x'>"})
    html = nest(text, [mark])
    assert "<script>" not in html and "<img" not in html and "<b " not in html
    page = Page(html)
    assert "".join(page.texts) == text
    [span] = page.elements
    assert span.attrs == {
        "class": "m",
        "data-kind": "mention",
        "data-id": '"><img src=x>',
        "title": "<b onclick='x'>",
    }


def test_bad_marks_are_refused() -> None:
    with pytest.raises(ValueError, match="empty or inverted"):
        Mark(3, 3, "mention", "m1")
    with pytest.raises(ValueError, match="ends beyond the text"):
        nest("abc", [Mark(1, 4, "mention", "m1")])
    with pytest.raises(ValueError, match="not an attribute name"):
        attributes([("on click", "x")])


def test_no_marks_is_the_escaped_text() -> None:
    assert nest("a < b\n", []) == "a &lt; b\n"
    assert nest("", []) == ""


ALPHABET = st.sampled_from(list("ab <>&\"'\n\u2028é😀"))


@st.composite
def texts_and_marks(draw: st.DrawFn) -> tuple[str, list[Mark]]:
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=30))
    n = len(text)
    spans = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(1, n), st.integers(0, 3)), max_size=14
        )
    )
    marks = [
        Mark(s, e, "k", f"i{i}", attrs={"title": text[s:e]}, rank=r)
        for i, (s, e, r) in enumerate(spans)
        if s < e
    ]
    return text, marks


def _laminar(marks: list[Mark]) -> bool:
    return not any(
        a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end
        for a in marks
        for b in marks
    )


@settings(max_examples=300, deadline=None)
@given(texts_and_marks())
def test_any_marks_give_well_nested_markup_with_exact_texts(case: tuple[str, list[Mark]]) -> None:
    text, marks = case
    page = Page(nest(text, marks))  # raises on bad nesting
    assert "".join(page.texts) == text
    frags = fragments(page)
    assert sorted(frags) == sorted(m.key for m in marks)
    for mark in marks:
        found = frags[mark.key]
        assert "".join("".join(f.text) for f in found) == text[mark.start : mark.end]
        assert "cont" not in found[0].classes and "more" not in found[-1].classes
        assert all("more" in f.classes for f in found[:-1])
        assert all("cont" in f.classes for f in found[1:])
        assert all(f.attrs["title"] == text[mark.start : mark.end] for f in found)
    if _laminar(marks):  # nothing crosses: nothing is split
        assert all(len(found) == 1 for found in frags.values())
