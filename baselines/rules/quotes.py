"""Quotes (attributions, PARC style): content, cue, source, speakers, addressees.

Quotation marks are paired within a line: curly double marks, straight double marks in
turn, and curly single marks where they cannot be apostrophes. A quotation inside another
quote's content is not a quote of its own.

Attributions found, in this order (a cue serves one quote):

1. "<clause>, X said." (or "said,"): the clause before a post-posed attribution.
2. Quotation marks with the cue after them ("..., said X", "..., X said", "...,
   according to X") or right before them ("X said: ...", "X said ..."). A quotation
   with neither is kept without a speaker when it has four words or more; a shorter one
   is taken as the writer's scare quotes and dropped.
3. "X said (that) <clause>" to the end of the sentence.

Cues are the reporting verbs and "according to" of ``resources/attribution_cues.tsv``.
The speaker is the mention right before the cue (over auxiliaries and adverbs), or the
first person, organisation or GPE mention of the source after it; "told Y" gives the
addressee. The kind is ``direct`` for quoted content, ``mixed`` for a clause with a
quotation inside, ``indirect`` otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wiregold.baselines.rules import english
from wiregold.baselines.rules.lexicon import Lexicon
from wiregold.baselines.rules.mentions import Mention
from wiregold.baselines.rules.text import Analysis, Sentence, Token

# A wire dateline ("CITY, Month D (AGENCY) -") fits in this many tokens.
_DATELINE_TOKENS = 12
_DASHES = frozenset("-\u2013\u2014")
_SENTENCE_END = frozenset(".!?")
_CONTENT_TRIM = frozenset(",.;: ")
_SPEAKER_TYPES = ("PER", "ORG", "GPE")
_SOURCE_SKIP = english.AUXILIARIES | english.ADVERBS | english.MODALS
_TELL = frozenset(("told", "tell", "tells"))
_OPENING_DOUBLE = frozenset(('"', "\u201c"))
_CLOSING_DOUBLE = frozenset(('"', "\u201d"))
_SCARE_QUOTE_WORDS = 4  # an unattributed quotation shorter than this is the writer's


@dataclass
class Quote:
    kind: str
    content: tuple[int, int]  # code points
    cue: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    speakers: list[Mention] = field(default_factory=list)
    addressees: list[Mention] = field(default_factory=list)


def quotation_pairs(text: str) -> list[tuple[int, int]]:
    """``(open, close)`` offsets of paired quotation marks, outermost and innermost alike."""
    pairs = []
    line_start = 0
    for line in text.split("\n"):
        double: int | None = None
        straight: int | None = None
        single: int | None = None
        for k, char in enumerate(line):
            at = line_start + k
            before = line[k - 1] if k else " "
            after = line[k + 1] if k + 1 < len(line) else " "
            if char == "\u201c":
                double = at
            elif char == "\u201d" and double is not None:
                pairs.append((double, at))
                double = None
            elif char == '"':
                if straight is None:
                    straight = at
                else:
                    pairs.append((straight, at))
                    straight = None
            elif char == "\u2018" and not before.isalnum():
                single = at
            elif char == "\u2019" and single is not None and not after.isalnum():
                pairs.append((single, at))
                single = None
        line_start += len(line) + 1
    return sorted(pairs)


class _Finder:
    def __init__(self, analysis: Analysis, lexicon: Lexicon, mentions: Sequence[Mention]) -> None:
        self.analysis = analysis
        self.tokens = analysis.tokens
        self.lexicon = lexicon
        self.mentions = mentions
        self.pairs = quotation_pairs(analysis.text)
        self.quotes: list[Quote] = []
        self.used_cues: set[int] = set()
        self.by_stop: dict[int, Mention] = {}
        self.by_first: dict[int, Mention] = {}
        for m in sorted(mentions, key=lambda m: m.stop - m.first):
            self.by_stop[m.stop] = m  # the outermost mention at each token boundary
            self.by_first[m.first] = m

    # ---------------------------------------------------------------------- helpers

    def cue_at(self, index: int, kinds: tuple[str, ...]) -> int:
        """Length of a cue of one of ``kinds`` starting at token ``index`` (0 if none)."""
        for length in (2, 1):
            found = self.tokens[index : index + length]
            if len(found) < length or found[-1].sentence != found[0].sentence:
                continue
            if self.lexicon.cues.get(tuple(t.lower for t in found)) in kinds:
                return length
        return 0

    @staticmethod
    def is_speaker(m: Mention | None) -> bool:
        return m is not None and m.type in _SPEAKER_TYPES

    def subject_before(self, index: int, sentence: Sentence) -> Mention | None:
        """The speaker mention ending right before token ``index``, over auxiliaries and
        adverbs ("X has also said")."""
        j = index
        while j > sentence.first and self.tokens[j - 1].lower in _SOURCE_SKIP:
            j -= 1
        m = self.by_stop.get(j)
        return m if self.is_speaker(m) and m.first >= sentence.first else None

    def span(self, first: int, stop: int) -> tuple[int, int]:
        return (self.tokens[first].start, self.tokens[stop - 1].end)

    def sentence_stop(self, sentence: Sentence) -> int:
        """Token index after the sentence, final punctuation excluded."""
        stop = sentence.stop
        while stop > sentence.first and self.tokens[stop - 1].text in _SENTENCE_END:
            stop -= 1
        return stop

    def trimmed(self, start: int, end: int) -> tuple[int, int] | None:
        text = self.analysis.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1] in _CONTENT_TRIM:
            end -= 1
        return (start, end) if start < end else None

    def kind_of(self, content: tuple[int, int]) -> str:
        inside = any(content[0] <= a and b < content[1] for a, b in self.pairs)
        return "mixed" if inside else "indirect"

    def inside_content(self, start: int, end: int) -> bool:
        return any(q.content[0] <= start and end <= q.content[1] for q in self.quotes)

    def addressee(self, cue: int) -> list[Mention]:
        m = self.by_first.get(cue + 1)
        return [m] if self.tokens[cue].lower in _TELL and m is not None else []

    # ------------------------------------------------------------------------ rules

    def postposed(self, sentence: Sentence) -> None:
        """ "<clause>, X said," and "<clause>, X said."."""
        for i in range(sentence.first + 2, sentence.stop):
            if not self.cue_at(i, ("verb",)):
                continue
            after = self.tokens[i + 1] if i + 1 < sentence.stop else None
            if after is not None and after.text not in (",", "."):
                continue
            speaker = self.subject_before(i, sentence)
            if speaker is None or speaker.first <= sentence.first:
                continue
            comma = self.tokens[speaker.first - 1]
            if comma.text != ",":
                continue
            start = self.after_dateline(sentence, comma.index)
            opening = self.tokens[start]
            if opening.text in _OPENING_DOUBLE and self.tokens[comma.index - 1].text in (
                _CLOSING_DOUBLE
            ):
                continue  # a direct quotation: rule 2
            content = self.trimmed(opening.start, comma.start)
            if content is None:
                continue
            source = self.span(speaker.first, speaker.stop)
            cue = self.span(i, i + 1)
            self.quotes.append(Quote(self.kind_of(content), content, cue, source, [speaker]))
            self.used_cues.add(i)

    def after_dateline(self, sentence: Sentence, stop: int) -> int:
        """The first token of ``sentence`` after a wire dateline ("CITY, Aug 3 (AGENCY) -",
        "AL-MUKALLA, Yemen (AGENCY) -"): the sentence opens with a word in capitals, and
        among its first tokens a one-word bracket is followed by a dash and a capitalised
        word. Else its first token: "Jane Doe (ABC) - the former minister - ..." and
        "ABC (Alpha Beta Congress) - the party ..." keep their subjects."""
        tokens = self.tokens
        # The first word as written: "N'DJAMENA" is three tokens with no space between.
        k = sentence.first
        word = tokens[k].text
        while k + 1 < stop and tokens[k + 1].start == tokens[k].end:
            following = tokens[k + 1].text
            if not (following.isalpha() or following in ("'", "\u2019", "-")):
                break
            k += 1
            word += following
        letters = word.replace("-", "").replace("'", "").replace("\u2019", "")
        if not (len(letters) > 1 and letters.isalpha() and letters.isupper()):
            return sentence.first
        last = min(stop, sentence.first + _DATELINE_TOKENS)
        for i in range(sentence.first + 3, last - 1):
            if not (
                tokens[i].text == ")"
                and tokens[i - 2].text == "("
                and tokens[i + 1].text in _DASHES
            ):
                continue
            after = i + 2  # the story's first word, or the quotation mark before it
            if after < stop and tokens[after].text in _OPENING_DOUBLE:
                after += 1
            if after < stop and tokens[after].capitalised:
                return i + 2
        return sentence.first

    def direct(self, pair: tuple[int, int]) -> None:
        open_at, close_at = pair
        content = self.trimmed(open_at + 1, close_at)
        if content is None or self.inside_content(open_at, close_at + 1):
            return
        opening = self.analysis.token_starting_at(open_at)
        closing = self.analysis.token_starting_at(close_at)
        if opening is None or closing is None:
            return
        quote = Quote("direct", content)
        if not (self._after(quote, closing) or self._before(quote, opening)):
            words = [t for t in self.tokens[opening.index : closing.index] if t.is_word]
            if len(words) < _SCARE_QUOTE_WORDS:
                return
        self.quotes.append(quote)

    def _after(self, quote: Quote, closing: Token) -> bool:
        """ "...," said X / "...," X said / "...," according to X."""
        stop = self.sentence_stop(self.analysis.sentences[closing.sentence])
        i = closing.index + 1
        if i < stop and self.tokens[i].text == ",":
            i += 1
        if i >= stop:
            return False
        length = self.cue_at(i, ("verb", "verb_that", "preposition"))
        if length:
            if i + length >= stop:
                return False
            inside = [m for m in self.mentions if i + length <= m.first and m.stop <= stop]
            speaker = next((m for m in inside if self.is_speaker(m)), None)
            quote.cue, quote.source = self.span(i, i + length), self.span(i + length, stop)
            quote.speakers = [speaker] if speaker else []
            self.used_cues.add(i)
            return True
        speaker = self.by_first.get(i)
        if not self.is_speaker(speaker) or speaker.stop >= stop:
            return False
        j = speaker.stop
        while j < stop and self.tokens[j].lower in _SOURCE_SKIP:
            j += 1
        if j >= stop or not self.cue_at(j, ("verb", "verb_that")):
            return False
        quote.cue, quote.source = self.span(j, j + 1), self.span(speaker.first, speaker.stop)
        quote.speakers = [speaker]
        quote.addressees = self.addressee(j)
        self.used_cues.add(j)
        return True

    def _before(self, quote: Quote, opening: Token) -> bool:
        """X said: "..." / X said "..."."""
        sentence = self.analysis.sentences[opening.sentence]
        j = opening.index - 1
        while j > sentence.first and self.tokens[j].text in (":", ","):
            j -= 1
        if j <= sentence.first or j in self.used_cues:
            return False
        if not self.cue_at(j, ("verb", "verb_that")):
            return False
        speaker = self.subject_before(j, sentence)
        if speaker is None:
            return False
        quote.cue, quote.source = self.span(j, j + 1), self.span(speaker.first, speaker.stop)
        quote.speakers = [speaker]
        self.used_cues.add(j)
        return True

    def reported(self, sentence: Sentence) -> None:
        """ "X said (that) <clause>", "X told Y (that) <clause>"."""
        stop = self.sentence_stop(sentence)
        for i in range(sentence.first + 1, stop):
            t = self.tokens[i]
            if i in self.used_cues or self.inside_content(t.start, t.end):
                continue
            kind = self.lexicon.cues.get((t.lower,))
            if kind not in ("verb", "verb_that"):
                continue
            addressees = self.addressee(i)
            after = addressees[0].stop if addressees else i + 1
            that = after < stop and self.tokens[after].lower == "that"
            if (kind == "verb_that" and not that) or after >= stop:
                continue
            upcoming = self.tokens[after : after + 6]
            if not that and (
                not self.tokens[after].is_word or any(u.text in _OPENING_DOUBLE for u in upcoming)
            ):
                continue  # a direct quotation follows: rule 2
            speaker = self.subject_before(i, sentence)
            first = after + 1 if that else after
            if speaker is None or stop - first < 3:
                continue
            content = self.trimmed(self.tokens[first].start, self.tokens[stop - 1].end)
            if content is None:
                continue
            source = self.span(speaker.first, speaker.stop)
            quote = Quote(self.kind_of(content), content, self.span(i, i + 1), source, [speaker])
            quote.addressees = addressees
            self.quotes.append(quote)
            self.used_cues.add(i)


def find_quotes(
    *, analysis: Analysis, lexicon: Lexicon, mentions: Sequence[Mention]
) -> list[Quote]:
    """The quotes of the document in text order of their content."""
    finder = _Finder(analysis, lexicon, mentions)
    for sentence in analysis.sentences:
        finder.postposed(sentence)
    for pair in finder.pairs:
        finder.direct(pair)
    for sentence in analysis.sentences:
        finder.reported(sentence)
    return sorted(finder.quotes, key=lambda q: q.content)
