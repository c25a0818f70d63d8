"""What validation reports: a :class:`Problem` per thing wrong, located in its file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

JsonPath = tuple[str | int, ...]


def json_pointer(*, path: Iterable[str | int]) -> str:
    """RFC 6901 pointer for a path of keys and indices (``""`` is the whole document)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def with_article(noun: str) -> str:
    """``"an entity"``, ``"a mention"`` (by the first letter: enough for our nouns)."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def counted(number: int, noun: str) -> str:
    """``"1 file"``, ``"2 files"``: ``noun`` is the plural, made singular by its final s."""
    return f"{number} {noun[:-1] if number == 1 else noun}"


def shorten(*, text: str, limit: int = 240) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document file; ``line`` is where its item starts."""

    file: str
    pointer: str
    message: str
    expected: str | None = None
    line: int = 1

    def __str__(self) -> str:
        """``FILE:LINE: /json/pointer: message (expected: ...)``; the whole document shows as /."""
        tail = "" if self.expected is None else f" (expected: {self.expected})"
        return f"{self.file}:{self.line}: {self.pointer or '/'}: {self.message}{tail}"


@dataclass(frozen=True)
class ValidationReport:
    """The problems found in a set of files."""

    files: list[str]
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return f"{counted(len(self.files), 'files')}, {counted(len(self.problems), 'problems')}"
