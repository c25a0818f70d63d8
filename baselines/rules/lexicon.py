"""The generic word lists of ``baselines/resources/`` (see its README), read once.

Every list is data in a TSV file (``#`` starts a comment line); nothing here is specific
to a document. Multi-word entries are stored as token tuples, tokenised like the text, so
that matching is a lookup of token sequences.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from wiregold.baselines.rules.text import tokenize


def rows(name: str) -> Iterator[list[str]]:
    """The rows of ``resources/<name>``: tab-separated cells, comments and blanks skipped."""
    data = resources.files("wiregold.baselines").joinpath("resources", name)
    for line in data.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _cells(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def key(phrase: str) -> tuple[str, ...]:
    """A phrase as the token tuple the matcher looks up."""
    return tuple(text for text, _, _ in tokenize(phrase))


@dataclass(frozen=True)
class PlaceName:
    """A gazetteer entry: what the name denotes and how to refer to the entity."""

    entity: str  # canonical entity key, e.g. "country:<name>" (shared by all its names)
    name: str  # the canonical name (the entity's name in the output)
    role: str  # "country", "capital", "adjective", "people", "organisation"
    type: str
    subtype: str | None


@dataclass(frozen=True)
class NominalHead:
    type: str
    subtype: str | None
    plural: bool
    needs_determiner: bool


@dataclass(frozen=True)
class TriggerRule:
    type: str
    condition: str  # see resources/event_triggers.tsv


@dataclass(frozen=True)
class Lexicon:
    names: dict[tuple[str, ...], PlaceName]
    longest_name: int
    nominal_heads: dict[str, NominalHead]
    titles: frozenset[tuple[str, ...]]
    name_heads: dict[str, tuple[str, str]]
    place_nouns: dict[str, tuple[str, str]]
    triggers: dict[str, tuple[TriggerRule, ...]]
    casualty_words: dict[str, tuple[str, str]]
    cues: dict[tuple[str, ...], str]
    numbers: dict[str, tuple[int, str]]
    months: dict[str, int]  # lowercased month name (any language) -> month number
    english_months: dict[str, int]  # full English names only: safe in running text
    english_abbreviations: dict[str, int]  # "aug", "sept": months only before a day number
    weekdays: dict[str, int]  # English full names, lowercased -> ISO weekday


def _gazetteer() -> dict[tuple[str, ...], PlaceName]:
    names: dict[tuple[str, ...], PlaceName] = {}

    def add(phrase: str, entry: PlaceName) -> None:
        names.setdefault(key(phrase), entry)  # first entry wins: the files are ordered

    for name, aliases, capitals, adjectives, people in rows("countries.tsv"):
        entity = f"country:{name}"
        for alias in [name, *_cells(aliases)]:
            add(alias, PlaceName(entity, name, "country", "GPE", "Nation"))
        for adjective in _cells(adjectives):
            add(adjective, PlaceName(entity, name, "adjective", "GPE", "Nation"))
        for group in _cells(people):
            add(group, PlaceName(entity, name, "people", "GPE", "Nation"))
        for capital in _cells(capitals):
            city = PlaceName(f"city:{capital}", capital, "capital", "GPE", "Population-Center")
            add(capital, city)
    for name, aliases, subtype in rows("organisations.tsv"):
        entity = f"organisation:{name}"
        for alias in [name, *_cells(aliases)]:
            add(alias, PlaceName(entity, name, "organisation", "ORG", subtype or None))
    return names


@cache
def lexicon() -> Lexicon:
    names = _gazetteer()
    heads = {
        word: NominalHead(kind, subtype or None, number == "pl", flag == "yes")
        for word, kind, subtype, number, flag in rows("nominal_heads.tsv")
    }
    triggers: dict[str, list[TriggerRule]] = {}
    for kind, condition, forms in rows("event_triggers.tsv"):
        for form in forms.split():
            triggers.setdefault(form, []).append(TriggerRule(kind, condition))
    months: dict[str, int] = {}
    english: dict[str, int] = {}
    abbreviations: dict[str, int] = {}
    for language, number, cells in rows("months.tsv"):
        for index, name in enumerate(_cells(cells)):
            months.setdefault(name.casefold(), int(number))
            if language == "en":
                (abbreviations if index else english)[name.casefold()] = int(number)
    weekdays = {
        _cells(cells)[0].casefold(): int(number)
        for language, number, cells in rows("weekdays.tsv")
        if language == "en"
    }
    return Lexicon(
        names=names,
        longest_name=max(len(k) for k in names),
        nominal_heads=heads,
        titles=frozenset(key(row[0].casefold()) for row in rows("titles.tsv")),
        name_heads={word: (kind, subtype) for word, kind, subtype in rows("name_heads.tsv")},
        place_nouns={word: (kind, subtype) for word, kind, subtype in rows("place_nouns.tsv")},
        triggers={form: tuple(rules) for form, rules in triggers.items()},
        casualty_words={word: (kind, pos) for word, kind, pos in rows("casualty_triggers.tsv")},
        cues={key(form): kind for form, kind in rows("attribution_cues.tsv")},
        numbers={word: (int(value), kind) for word, value, kind in rows("number_words.tsv")},
        months=months,
        english_months=english,
        english_abbreviations=abbreviations,
        weekdays=weekdays,
    )
