"""The baselines contain no strings taken from the corpus (baselines/resources/README.md).

A baseline tuned with the article's own names, phrases or figures would be a lookup
table, not a reference point. Every file under ``baselines/`` (code, word lists, README)
is checked against every document of the corpus:

1. no word 3-gram of an article occurs in a line (in a TSV file, in a cell), nor in a
   file read as one stream of words (a phrase written one word per line);
2. no capitalised word of three or more letters of an article (its names, and the words
   it writes only capitalised) occurs in a file, unless it is an ACE label of the
   inventory, a word the article also writes in lowercase (an ordinary word), or one of
   the generic words below; in a gazetteer, the article's words that occur are pinned
   below, each a regular entry of a complete list, so that adding one (an alias, a
   capital, an organisation) fails until it is reviewed and pinned;
3. no number literal of the Python code (integer, float, hexadecimal, or digits in a
   string) equals a number the article writes in digits;
4. the gazetteers are complete lists, so that a name's presence in one says nothing
   about the corpus.

Words are compared case-folded and without accents, and the strings of the Python code
are read as Python reads them (escapes decoded, adjacent literals joined).
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
import unicodedata
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
    "minister": "a title (resources/titles.tsv) and a nominal head",
    "prime": "part of the title 'prime minister' (resources/titles.tsv)",
    "villagers": "a common plural head noun of people (resources/nominal_heads.tsv)",
    "meanwhile": "an English adverb that starts sentences (rules/english.py)",
}
# The article's words that the gazetteers hold: each one a regular entry of a complete
# list (a country, its capital or demonym; a month or weekday name; a word of the name
# of an intergovernmental organisation). Anything added here needs that review.
PINNED_GAZETTEER_WORDS = {
    "countries.tsv": {
        "afghanistan", "china", "iran", "iranian", "iranians", "islamabad", "israel",
        "pakistan", "pakistani", "switzerland", "tehran", "united",
    },
    "organisations.tsv": {"afghanistan", "economic", "rights", "united", "world"},
    "months.tsv": {"ocak"},
    "weekdays.tsv": {"friday", "thursday", "tuesday"},
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_DIGITS = re.compile(r"\d+")


def words(text: str) -> list[str]:
    """The words of ``text``, case-folded and without accents (Lévesques: levesques)."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return [w.casefold() for w in _WORD.findall(plain)]


def trigrams(items: list[str]) -> set[tuple[str, ...]]:
    return {tuple(items[k : k + 3]) for k in range(len(items) - 2)}


@cache
def articles() -> list[dict]:
    return [read_json(path=p).value for p in paths.split_files()]


def baseline_files() -> list[Path]:
    return sorted(p for p in BASELINES.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def python_strings(source: str) -> list[str]:
    """The string literals of Python source as Python reads them, adjacent ones joined."""
    found: list[str] = []
    joined: list[str] = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING:
            try:
                joined.append(str(ast.literal_eval(token.string)))
            except (ValueError, SyntaxError):  # an f-string: its text as written
                joined.append(token.string)
        elif token.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT) and joined:
            found.append("".join(joined))
            joined = []
    return found + (["".join(joined)] if joined else [])


def file_text(path: Path) -> str:
    """A file's text, and for Python its string literals as Python reads them."""
    text = path.read_text(encoding="utf-8")
    return text + "\n" + "\n".join(python_strings(text)) if path.suffix == ".py" else text


def units(path: Path) -> list[str]:
    """The pieces of a file a 3-gram may not cross: lines; cells and alternatives of TSVs."""
    lines = file_text(path).splitlines()
    if path.suffix != ".tsv":
        return lines
    return [part for line in lines for cell in line.split("\t") for part in cell.split(";")]


def inventory_words() -> set[str]:
    inventory = json.loads(paths.inventory_path().read_text(encoding="utf-8"))
    labels = [*inventory["entity_types"], *inventory["event_types"]]
    labels += [s for subtypes in inventory["entity_types"].values() for s in subtypes]
    labels += [r for roles in inventory["event_types"].values() for r in roles]
    return {w for label in labels for w in words(label)}


def proper_name_words(doc: dict) -> set[str]:
    """Words of three or more letters that the article writes capitalised and never in
    lowercase (names, and words that only start its sentences), less the exceptions."""
    text = doc["text"]
    lowercase = set(words(" ".join(w for w in _WORD.findall(text) if w.islower())))
    capitalised = words(" ".join(w for w in _WORD.findall(text) if w[0].isupper()))
    found = {w for w in capitalised if len(w) >= 3}
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
    if path.suffix != ".tsv":  # and across lines: a phrase written one word per line
        streamed = [w for line in units(path) for w in words(line)]
        found |= {" ".join(gram) for gram in trigrams(streamed) & phrases}
    assert not found, f"{path.name} contains phrases of an article: {sorted(found)}"


@pytest.mark.parametrize("path", baseline_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_proper_name_of_an_article(path: Path) -> None:
    names = set().union(*(proper_name_words(doc) for doc in articles()))
    found = names & set(words(file_text(path)))
    pinned = PINNED_GAZETTEER_WORDS.get(path.name, set())
    assert found == pinned, (
        f"{path.name} contains names from an article: {sorted(found - pinned)}"
        if found - pinned
        else f"{path.name} no longer holds pinned words {sorted(pinned - found)}: unpin them"
    )


def python_files() -> list[Path]:
    return [p for p in baseline_files() if p.suffix == ".py"]


@pytest.mark.parametrize("path", python_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_number_of_an_article_in_code(path: Path) -> None:
    numbers = {int(n) for doc in articles() for n in _DIGITS.findall(doc["text"])}
    source = path.read_text(encoding="utf-8")
    literals = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.NUMBER:
            value = ast.literal_eval(token.string)  # 11, 11.0, 0xB, 1_1
            if not isinstance(value, complex) and float(value).is_integer():
                literals.add(int(value))
    literals.update(int(n) for text in python_strings(source) for n in _DIGITS.findall(text))
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
