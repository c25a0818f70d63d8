"""Cardinal numbers in digits ("1,200") or words ("twenty-five", "three hundred"), and the
vague counts that ACLED codes by convention ("tens" 10, "dozens" 12, "hundreds" 100)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from wiregold.baselines.rules.lexicon import Lexicon
from wiregold.baselines.rules.text import Token


@dataclass(frozen=True)
class Number:
    value: int
    first: int  # token indices
    stop: int
    vague: bool = False


def _word_value(word: str, lexicon: Lexicon) -> int | None:
    """Value of "seven" or "twenty-five"; None for anything else."""
    total = 0
    for part in word.split("-"):
        found = lexicon.numbers.get(part)
        if found is None or found[1] != "unit":
            return None
        total += found[0]
    return total


def number_at(tokens: Sequence[Token], index: int, lexicon: Lexicon) -> Number | None:
    """The number that starts at ``tokens[index]`` (same sentence), or None."""
    token = tokens[index]
    whole, _, fraction = token.text.replace(",", "").partition(".")
    # isdecimal, not isdigit: superscripts such as "²" are digits but no numbers.
    if whole.isdecimal() and (not fraction or fraction.isdecimal()):
        # "1,200" is one token (text.py); "2.5" counts only with a scale: "2.5 million".
        stop = index + 1
        value = int(whole) + Fraction(int(fraction or 0), 10 ** len(fraction))
        while stop < len(tokens) and tokens[stop].sentence == token.sentence:
            scale = lexicon.numbers.get(tokens[stop].lower)
            if scale is None or scale[1] != "scale":
                break
            value *= scale[0]
            stop += 1
        if value.denominator != 1:
            return None
        return Number(int(value), index, stop)
    found = lexicon.numbers.get(token.lower)
    if found is not None and found[1] == "vague":
        return Number(found[0], index, index + 1, vague=True)
    value = _word_value(token.lower, lexicon)
    article = found is not None and found[1] == "article"
    if value is None and not article:
        return None
    stop = index + 1
    # "three hundred", "a thousand": a scale word multiplies what came before it.
    while stop < len(tokens) and tokens[stop].sentence == token.sentence:
        scale = lexicon.numbers.get(tokens[stop].lower)
        if scale is None or scale[1] != "scale":
            break
        value = (value or 1) * scale[0]
        stop += 1
    if value is None:  # an article without a scale word is just an article
        return None
    return Number(value, index, stop)
