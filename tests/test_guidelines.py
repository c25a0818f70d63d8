"""Every rule's example comes from the article: each bracketed example in the guidelines
(an annotated span shown in ``[brackets]``, with ``…`` for elided words) occurs in the
seed text, so a rule cannot cite an example the annotators never saw."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import seed_text

GUIDELINES = Path(__file__).resolve().parent.parent / "docs" / "guidelines.md"
# Backticked notation that explains the convention itself, not an example.
NOTATION = {"[brackets]", "[start, end)", "text[start:end]"}


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def bracketed_examples(markdown: str) -> list[tuple[int, str]]:
    """(line, example) of every backticked span that shows an annotation in brackets."""
    found = []
    for match in re.finditer(r"`([^`]*\[[^`]*)`", markdown):
        line = markdown.count("\n", 0, match.start()) + 1
        found.append((line, match.group(1)))
    return found


def not_in_text(example: str, text: str) -> list[str]:
    """The pieces of ``example`` (split at ``…``, brackets removed) not found in ``text``."""
    plain = example.replace("[", "").replace("]", "")
    pieces = (piece.strip() for piece in re.split(r"…|\.\.\.", plain))
    return [piece for piece in pieces if piece and _squeezed(piece) not in text]


def test_every_bracketed_example_is_in_the_article() -> None:
    text = _squeezed(seed_text())
    examples = bracketed_examples(GUIDELINES.read_text(encoding="utf-8"))
    assert len(examples) > 200  # the rules cite the article throughout
    missing = [
        (line, example, not_in_text(example, text))
        for line, example in examples
        if example not in NOTATION and not_in_text(example, text)
    ]
    assert missing == []


def test_the_check_finds_an_example_from_elsewhere() -> None:
    text = _squeezed(seed_text())
    assert not_in_text("[Pakistan] and [Iran] agree", text) == []
    assert not_in_text("`[Pakistan] … [Iran] agree", text) == ["`Pakistan"]
    assert not_in_text("the [Kremlin] said", text) == ["the Kremlin said"]
    assert bracketed_examples("a `[x]` and `y` and `[z] w`") == [(1, "[x]"), (1, "[z] w")]
