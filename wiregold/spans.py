"""Character spans: half-open ``[start, end)`` in Unicode code points into a document's text.

This is the one span convention of the package. A stored span is a JSON object
``{"start": int, "end": int, "text": str}`` whose ``text`` equals ``document_text[start:end]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from wiregold.problems import shorten


@dataclass(frozen=True, order=True, slots=True)
class Span:
    """A non-empty half-open interval ``[start, end)`` of code-point offsets."""

    start: int
    end: int

    def __post_init__(self) -> None:
        # bool is an int subclass; a True offset is a bug, not a 1.
        for name in ("start", "end"):
            value = getattr(self, name)
            if type(value) is not int:
                raise TypeError(f"Span.{name} must be an int, got {type(value).__name__}")
        if self.start < 0:
            raise ValueError(f"Span start must be >= 0, got {self.start}")
        if self.start >= self.end:
            raise ValueError(f"Span needs start < end, got [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies entirely inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one code point."""
        return self.start < other.end and other.start < self.end

    def slice(self, text: str) -> str:
        """The covered substring of ``text``; raises ValueError if the span runs past it."""
        if self.end > len(text):
            raise ValueError(f"span [{self.start}, {self.end}) ends past the text ({len(text)})")
        return text[self.start : self.end]

    def to_json(self, text: str) -> dict[str, Any]:
        """The stored form ``{"start", "end", "text"}`` of this span over ``text``."""
        return {"start": self.start, "end": self.end, "text": self.slice(text)}

    @classmethod
    def from_json(cls, *, obj: dict[str, Any]) -> Span:
        """Read the ``start``/``end`` of a stored span (its ``text`` is not checked here)."""
        return cls(obj["start"], obj["end"])


def find_span(*, text: str, needle: str, after: int = 0) -> Span:
    """The span of the first occurrence of ``needle`` in ``text`` at or after ``after``."""
    if not needle:
        raise ValueError("needle must not be empty")
    start = text.find(needle, after)
    if start < 0:
        raise ValueError(f"{needle!r} does not occur in the text at or after offset {after}")
    return Span(start, start + len(needle))


def nearest_occurrence(*, text: str, needle: str, near: int) -> Span | None:
    """The occurrence of ``needle`` in ``text`` whose start is closest to ``near``, if any."""
    if not needle:
        return None
    best: int | None = None
    start = text.find(needle)
    while start >= 0:
        if best is None or abs(start - near) < abs(best - near):
            best = start
        start = text.find(needle, start + 1)
    return None if best is None else Span(best, best + len(needle))


# Quotation marks and dashes folded, for the hint that a text differs only in them.
_LOOSE = str.maketrans(
    "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2013\u2014", "''''\"\"\"\"--"
)


def _offsets_in(text: str, found: Span, encoding: str, width: int) -> tuple[int, int]:
    """``found`` counted in code units of ``encoding`` (``width`` bytes each)."""
    before = len(text[: found.start].encode(encoding, "surrogatepass")) // width
    inside = len(text[found.start : found.end].encode(encoding, "surrogatepass")) // width
    return before, before + inside


def _hint_at(text: str, found: Span, start: int, end: int) -> str:
    for name, encoding, width in (("UTF-8 byte", "utf-8", 1), ("UTF-16", "utf-16-le", 2)):
        counted = _offsets_in(text, found, encoding, width)
        if counted == (start, end) and counted != (found.start, found.end):
            return f" (your offsets are its {name} offsets; offsets count code points)"
    return ""


def encoding_hint(*, text: str, start: int, end: int, stored: Any) -> str:
    """`` (your offsets are its UTF-8 byte offsets; ...)`` when ``[start, end)`` counts
    the units of another encoding at an occurrence of ``stored`` in ``text``; else ''."""
    if not isinstance(stored, str):
        return ""
    found = nearest_occurrence(text=text, needle=stored, near=start)
    return "" if found is None else _hint_at(text, found, start, end)


def mismatch(*, text: str, start: int, end: int, stored: str) -> tuple[str, str]:
    """``(message, expected)`` for a stored span whose ``text`` is not ``text[start:end]``
    (offsets inside the text): where the stored text occurs, and why the offsets may be
    off (byte or UTF-16 offsets; quotation marks or dashes typed otherwise)."""
    message = f"span text does not match text[{start}:{end}]"
    found = nearest_occurrence(text=text, needle=stored, near=start)
    if found is not None:
        message += f"; {shorten(text=stored, limit=60)!r} occurs at [{found.start}, {found.end})"
        message += _hint_at(text, found, start, end)
    elif text[start:end].translate(_LOOSE).casefold() == stored.translate(_LOOSE).casefold():
        message += "; it differs only in quotation marks, dashes or case: copy it exactly"
    held = shorten(text=repr(text[start:end]), limit=120)
    return message, f"{held}, the text at [{start}, {end})"


# Where the stored spans of a document are: (layer, path inside an item, is a list of spans).
# An empty path means the item itself carries start/end/text.
SPAN_FIELDS: tuple[tuple[str, tuple[str, ...], bool], ...] = (
    ("zones", (), False),
    ("mentions", (), False),
    ("mentions", ("head",), False),
    ("timexes", (), False),
    ("events", ("trigger",), False),
    ("casualties", ("evidence",), True),
    ("quotes", ("content",), False),
    ("quotes", ("cue",), False),
    ("quotes", ("source",), False),
)


def iter_stored_spans(
    *, doc: dict[str, Any], layers: tuple[str, ...] | None = None
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Yield ``(json_path, span_object)`` for every stored span of a parsed document.

    Objects that are missing or null (an optional ``cue``) are skipped; the caller checks
    the shape of what it gets.
    """
    for layer, field, many in SPAN_FIELDS:
        if layers is not None and layer not in layers:
            continue
        items = doc.get(layer)
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            value: Any = item
            for key in field:
                value = value.get(key) if isinstance(value, dict) else None
            path: tuple[str | int, ...] = (layer, index, *field)
            if many:
                if isinstance(value, list):
                    for j, span in enumerate(value):
                        if isinstance(span, dict):
                            yield (*path, j), span
            elif isinstance(value, dict):
                yield path, value
