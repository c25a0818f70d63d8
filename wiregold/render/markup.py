"""Spans over a text to properly nested HTML: the interval-to-markup algorithm.

A :class:`Mark` is a half-open ``[start, end)`` range of code points with the element
attributes it should get. :func:`nest` returns the text, HTML-escaped, with one
``<span>`` element per mark *fragment*, such that

* elements are always properly nested, whatever the marks do: nested marks become
  nested elements, identical spans nest in ``rank`` order (lower rank outside);
* a mark that crosses another (``[0, 10)`` and ``[5, 15)``) is split into fragments at
  the crossing point; every fragment carries the mark's ``data-id`` and ``data-kind``,
  the classes ``cont`` (not the first fragment) and ``more`` (not the last fragment),
  so styles and scripts treat the fragments as one item;
* the concatenated text of a mark's fragments is exactly ``text[start:end]``, and the
  text content of the whole output is exactly ``text``: nothing is inserted (labels
  are drawn by CSS from attributes).

The algorithm sweeps the boundaries (every start and end) left to right with a stack of
open marks. At a boundary it first closes the marks that end there: elements above
them on the stack are closed too and queued for reopening (this is where a crossing
mark is split). Then it opens the reopened marks and the marks that start there, those
that end last outermost, so that marks opened together never cross each other. Text
between two boundaries is emitted once, escaped. The cost is O((n + b) * d) for n
marks, b boundaries and nesting depth d. A first pass records the events, so that the
open tag of a fragment can say whether more fragments follow.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = ["Mark", "attributes", "nest"]


@dataclass(frozen=True)
class Mark:
    """A range of the text and the element it becomes.

    ``kind`` and ``key`` become ``data-kind`` and ``data-id`` (a page finds an item's
    fragments by both); ``classes`` and ``attrs`` (name -> value, escaped on output) are
    copied to every fragment. ``rank`` orders marks with identical spans (lower outside).
    """

    start: int
    end: int
    kind: str
    key: str
    classes: tuple[str, ...] = ()
    attrs: Mapping[str, str] = field(default_factory=dict)
    rank: int = 0

    def __post_init__(self) -> None:
        if type(self.start) is not int or type(self.end) is not int:
            raise ValueError(f"{self.kind} {self.key}: offsets must be ints")
        if not 0 <= self.start < self.end:
            raise ValueError(
                f"{self.kind} {self.key}: empty or inverted span [{self.start}, {self.end})"
            )


def attributes(attrs: Iterable[tuple[str, str]]) -> str:
    """`` name="value"`` for each pair, values escaped (``&``, ``<``, ``>``, quotes)."""
    parts = []
    for name, value in attrs:
        if not name.replace("-", "").isalnum():
            raise ValueError(f"not an attribute name: {name!r}")
        parts.append(f' {name}="{html.escape(value, quote=True)}"')
    return "".join(parts)


def _open_tag(mark: Mark, *, first: bool, last: bool) -> str:
    classes = [*mark.classes]
    if not first:
        classes.append("cont")
    if not last:
        classes.append("more")
    pairs: list[tuple[str, str]] = []
    if classes:
        pairs.append(("class", " ".join(classes)))
    pairs += [("data-kind", mark.kind), ("data-id", mark.key)]
    pairs += [(name, value) for name, value in mark.attrs.items()]
    return f"<span{attributes(pairs)}>"


# Events of the sweep: ("open", mark index, fragment number), ("close", mark index, 0),
# ("text", start, end).
_Event = tuple[str, int, int]


def _sweep(length: int, marks: Sequence[Mark]) -> tuple[list[_Event], list[int]]:
    """The open/close/text events and the number of fragments of each mark."""
    starts: dict[int, list[int]] = defaultdict(list)
    ends: dict[int, set[int]] = defaultdict(set)
    for i, mark in enumerate(marks):
        starts[mark.start].append(i)
        ends[mark.end].add(i)
    boundaries = sorted({0, length, *starts, *ends})
    fragments = [0] * len(marks)
    events: list[_Event] = []
    stack: list[int] = []
    for n, pos in enumerate(boundaries):
        ending = ends.get(pos, set())
        reopen: list[int] = []
        pending = sum(1 for i in stack if i in ending)
        while pending:  # close up to the deepest mark that ends here
            i = stack.pop()
            events.append(("close", i, 0))
            if i in ending:
                pending -= 1
            else:
                reopen.append(i)
        opening = reopen + starts.get(pos, [])
        opening.sort(key=lambda i: (-marks[i].end, marks[i].rank, marks[i].start, i))
        for i in opening:
            events.append(("open", i, fragments[i]))
            fragments[i] += 1
            stack.append(i)
        if n + 1 < len(boundaries):
            events.append(("text", pos, boundaries[n + 1]))
    return events, fragments  # the stack is empty: every mark ends by the last boundary


def _text(piece: str) -> str:
    """``piece`` escaped; a CR as a character reference, since an HTML parser turns a
    literal CR (and CR LF) into LF, which would shift every offset after it."""
    escaped = html.escape(piece, quote=False)
    return escaped.replace("\r", "&#13;") if "\r" in escaped else escaped


def nest(text: str, marks: Sequence[Mark]) -> str:
    """``text`` escaped, with every mark as one or more properly nested ``<span>``s."""
    for mark in marks:
        if mark.end > len(text):
            raise ValueError(
                f"{mark.kind} {mark.key}: span [{mark.start}, {mark.end}) ends beyond the "
                f"text ({len(text)} code points)"
            )
    events, fragments = _sweep(len(text), marks)
    out: list[str] = []
    for what, a, b in events:
        if what == "text":
            out.append(_text(text[a:b]))
        elif what == "open":
            out.append(_open_tag(marks[a], first=b == 0, last=b == fragments[a] - 1))
        else:
            out.append("</span>")
    return "".join(out)
