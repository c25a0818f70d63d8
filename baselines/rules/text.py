"""Lines, sentences and tokens with code-point offsets, from NLTK's data-free tools.

* Lines: the text split at line breaks; a sentence never crosses a line break.
* Sentences: NLTK's ``PunktSentenceTokenizer`` with its default (untrained) parameters
  plus our own list of abbreviations (no downloaded model), run on each line.
* Tokens: NLTK's ``RegexpTokenizer`` with the pattern below: words keep internal hyphens
  ("low-cost", "30-year-old"), numbers keep thousands separators and a decimal part
  ("1,200", "2.5"), a possessive or contraction ending is a token of its own, every other
  punctuation mark is a token.

Every line is analysed, whatever its language: there is no language identification.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, cached_property

from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

# Apostrophe endings first (straight or curly), then numbers with thousands separators or
# a decimal part ("1,200", "800,000", "2.5": one token each), then words with internal
# hyphens, then any other non-space character alone.
_TOKEN_PATTERN = (
    r"['\u2019](?:s|S|t|re|ve|ll|d|m)(?!\w)"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\w)|\d+\.\d+(?!\w)"
    r"|\w+(?:[-\u2010\u2011]\w+)*|[^\w\s]"
)
_ABBREVIATIONS = (
    "mr mrs ms dr prof gen col lt sgt capt maj adm gov sen rep st mt jr sr inc ltd co corp "
    "dept no vs etc approx est jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k "
    "e.g i.e a.m p.m"
)
QUOTE_OPEN = frozenset("\u201c\u2018\"'\u00ab")
QUOTE_CLOSE = frozenset("\u201d\u2019\"'\u00bb")


@cache
def _word_tokenizer() -> RegexpTokenizer:
    return RegexpTokenizer(_TOKEN_PATTERN)


@cache
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(_ABBREVIATIONS.split())
    return PunktSentenceTokenizer(params)


def tokenize(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """``(token, start, end)`` for every token of ``text``, offsets shifted by ``offset``."""
    spans = _word_tokenizer().span_tokenize(text)
    return [(text[s:e], s + offset, e + offset) for s, e in spans]


@dataclass(frozen=True)
class Token:
    index: int  # position in the document's token list
    text: str
    start: int
    end: int
    sentence: int
    initial: bool  # first word of a sentence or quotation: capitalised anyway

    @cached_property
    def lower(self) -> str:
        return self.text.casefold()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def capitalised(self) -> bool:
        return self.text[0].isupper()


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    first: int  # index of its first token
    stop: int  # index after its last token


@dataclass(frozen=True)
class Analysis:
    """The document text cut into sentences and tokens."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]

    def sentence_tokens(self, sentence: Sentence) -> tuple[Token, ...]:
        return self.tokens[sentence.first : sentence.stop]

    def token_starting_at(self, offset: int) -> Token | None:
        i = bisect_right(self._starts, offset) - 1
        return self.tokens[i] if i >= 0 and self.tokens[i].start == offset else None

    @cached_property
    def _starts(self) -> list[int]:
        return [t.start for t in self.tokens]


def analyse(text: str) -> Analysis:
    """Sentences and tokens of ``text``."""
    tokens: list[Token] = []
    sentences: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if not line.strip():
            continue
        for begin, finish in _sentence_tokenizer().span_tokenize(line):
            start, end = line_start + begin, line_start + finish
            first = len(tokens)
            initial = True
            for word, s, e in tokenize(text[start:end], start):
                is_word = word[0].isalnum()
                tokens.append(Token(len(tokens), word, s, e, len(sentences), initial and is_word))
                # A sentence's first word, and the first word inside an opening quotation
                # mark or after a colon, are capitalised whatever they are.
                initial = (initial and not is_word) or word in QUOTE_OPEN or word == ":"
            sentences.append(Sentence(len(sentences), start, end, first, len(tokens)))
    return Analysis(text=text, tokens=tuple(tokens), sentences=tuple(sentences))
