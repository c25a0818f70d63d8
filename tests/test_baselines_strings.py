"""The baselines contain no strings taken from the corpus (baselines/resources/README.md).

A baseline tuned with the article's own names, phrases or figures would be a lookup
table, not a reference point. Every file under ``baselines/`` (code, word lists, README)
is checked against every document of the corpus:

1. no word 3-gram of an article occurs in a line (in a TSV file, in a cell);
2. no word of five or more letters of the article's proper names (the words of the
   heads of its name mentions, NAM) occurs in a file, unless it is an ACE label of the
   inventory, a word the article also writes in lowercase (an ordinary noun), one of the
   generic words below, or, in a gazetteer file only, part of a gazetteer entry;
3. no integer literal of the Python code equals a number the article writes in digits;
4. the gazetteers are complete lists, so that a name's presence in one says nothing
   about the corpus.
"""

from __future__ import annotations

import io
import json
import re
import tokenize
from functools import cache
from pathlib import Path

import pytest

from wiregold import paths
from wiregold.jsonio import read_json

ROOT = Path(__file__).resolve().parent.parent
BASELINES = ROOT / "baselines"
RESOURCES = BASELINES / "resources"
GAZETTEERS = ("countries.tsv", "organisations.tsv", "months.tsv", "weekdays.tsv")
# Generic English words that are also words of a name in the article, each with the
# reason the baselines may use it.
GENERIC = {
    "institute": "organisation-name head (resources/name_heads.tsv)",
    "forum": "organisation-name head (resources/name_heads.tsv)",
    "states": "an ordinary word: the attribution verb and the plural of 'state'",
}
_WORD = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def trigrams(items: list[str]) -> set[tuple[str, ...]]:
    return {tuple(items[k : k + 3]) for k in range(len(items) - 2)}


@cache
def articles() -> list[dict]:
    return [read_json(path=p).value for p in paths.split_files()]


def baseline_files() -> list[Path]:
    return sorted(p for p in BASELINES.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def units(path: Path) -> list[str]:
    """The pieces of a file a 3-gram may not cross: lines; cells and alternatives of TSVs."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if path.suffix != ".tsv":
        return lines
    return [part for line in lines for cell in line.split("\t") for part in cell.split(";")]


def gazetteer_words() -> set[str]:
    return {w for name in GAZETTEERS for w in words((RESOURCES / name).read_text("utf-8"))}


def inventory_words() -> set[str]:
    inventory = json.loads(paths.inventory_path().read_text(encoding="utf-8"))
    labels = [*inventory["entity_types"], *inventory["event_types"]]
    labels += [s for subtypes in inventory["entity_types"].values() for s in subtypes]
    labels += [r for roles in inventory["event_types"].values() for r in roles]
    return {w for label in labels for w in words(label)}


def proper_name_words(doc: dict) -> set[str]:
    text = doc["text"]
    lowercase = {w for w in _WORD.findall(text) if w.islower()}
    found = set()
    for mention in doc["mentions"]:
        if mention["kind"] == "NAM":
            found.update(w for w in words(mention["head"]["text"]) if len(w) >= 5)
    return found - lowercase - inventory_words() - set(GENERIC)


def test_the_checks_see_the_corpus_and_the_baselines() -> None:
    assert articles(), "no corpus documents"
    names = {p.name for p in baseline_files()}
    assert {"__init__.py", "countries.tsv", "README.md"} <= names
    # The name list is not empty: the check would pass vacuously otherwise.
    assert all(proper_name_words(doc) for doc in articles())


@pytest.mark.parametrize("path", baseline_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_phrase_of_an_article(path: Path) -> None:
    phrases = set().union(*(trigrams(words(doc["text"])) for doc in articles()))
    found = {" ".join(gram) for unit in units(path) for gram in trigrams(words(unit)) & phrases}
    assert not found, f"{path.name} contains phrases of an article: {sorted(found)}"


@pytest.mark.parametrize("path", baseline_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_proper_name_of_an_article(path: Path) -> None:
    names = set().union(*(proper_name_words(doc) for doc in articles()))
    if path.name in GAZETTEERS:
        names -= gazetteer_words()  # complete generic lists (test_gazetteers_are_complete)
    found = names & set(words(path.read_text(encoding="utf-8")))
    assert not found, f"{path.name} contains names from an article: {sorted(found)}"


def python_files() -> list[Path]:
    return [p for p in baseline_files() if p.suffix == ".py"]


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_number_of_an_article_in_code(path: Path) -> None:
    numbers = {int(n) for doc in articles() for n in _DIGITS.findall(doc["text"])}
    source = path.read_text(encoding="utf-8")
    literals = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NUMBER and token.string.isdigit():
            literals.add(int(token.string))
        elif token.type == tokenize.STRING:
            literals.update(int(n) for n in _DIGITS.findall(token.string))
    assert not literals & numbers, f"{path.name} has numbers of an article: {literals & numbers}"


def tsv(name: str) -> list[list[str]]:
    lines = (RESOURCES / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def test_gazetteers_are_complete() -> None:
    countries = tsv("countries.tsv")
    # 193 UN members, 2 observer states, Kosovo and Taiwan; every one with a capital.
    assert len(countries) == 197
    assert len({row[0] for row in countries}) == 197
    assert all(row[2] for row in countries)
    assert len(tsv("organisations.tsv")) >= 80
    for name, size in (("months.tsv", 12), ("weekdays.tsv", 7)):
        by_language: dict[str, set[str]] = {}
        for language, number, _ in tsv(name):
            by_language.setdefault(language, set()).add(number)
        assert by_language and all(
            numbers == {str(k) for k in range(1, size + 1)} for numbers in by_language.values()
        ), name


def test_the_phrase_check_would_catch_a_copied_phrase(tmp_path: Path) -> None:
    text = articles()[0]["text"]
    copied = " ".join(words(text)[10:13])
    planted = tmp_path / "planted.py"
    planted.write_text(f"PHRASE = {copied!r}\n", encoding="utf-8")
    phrases = trigrams(words(text))
    assert any(trigrams(words(unit)) & phrases for unit in units(planted))
