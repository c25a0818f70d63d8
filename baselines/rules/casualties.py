"""Casualty records: a harm word, its count, victims, and links to the sentence's events.

* Kind: the word's kind in ``resources/casualty_triggers.tsv`` (killed, injured, missing,
  abducted, arrested, displaced). An adjective ("dead", "missing") makes a record only
  with a number before it.
* Count: the nearest number within four words before or after the word, in the same
  clause, with its modifier: "at least N" / "over N" (at_least), "more than N" (at_least
  N+1), "up to N" (at_most), "about N" / "nearly N" (approximate), "between N and M"
  (range), a vague plural ("dozens": ACLED's 12, "tens" 10, "hundreds" 100; vague); no
  number: unknown. Numbers that are parts of temporal expressions or durations are not
  counts.
* Victims: the plural person nouns of ``resources/nominal_heads.tsv`` in the words right
  after the count ("12 civilians were killed", "killed 12 civilians").
* Evidence: from the count to the harm word and the victims.
* Hoppers: the harm event of the word itself and the nearest attack of the same
  sentence; perpetrators: the attacker of that attack. Places and times: the sentence's
  place mentions and temporal expressions. Victims: the person mentions whose head is in
  the victim words. The source is the speaker of a quote whose content holds the
  evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wiregold.baselines.rules.events import Event
from wiregold.baselines.rules.lexicon import Lexicon
from wiregold.baselines.rules.mentions import Mention
from wiregold.baselines.rules.numbers import Number, number_at
from wiregold.baselines.rules.quotes import Quote
from wiregold.baselines.rules.text import Analysis, Token
from wiregold.baselines.rules.timexes import Timex

_BREAKS = frozenset(",;:()") | frozenset("\u2014\u2013")
_REACH = 4  # words between a harm word and its count
_VICTIM_REACH = 8  # words after a count that may name the victims
_AT_LEAST = (("at", "least"), ("over",))
_MORE_THAN = (("more", "than"),)
_AT_MOST = (("up", "to"), ("as", "many", "as"), ("fewer", "than"), ("less", "than"))
_ABOUT = (
    ("about",),
    ("around",),
    ("some",),
    ("approximately",),
    ("roughly",),
    ("almost",),
    ("nearly",),
)
_TIME_UNITS = frozenset(("year", "month", "week", "day", "hour"))
_HARM_EVENTS = ("Life.Die", "Life.Injure", "Justice.Disappear")


@dataclass
class Casualty:
    kind: str
    count: dict[str, int | str | None]
    evidence: tuple[int, int]
    sentence: int
    trigger: int  # token index of the harm word
    victim_phrase: tuple[int, int] | None = None  # token indices
    groups: list[str] = field(default_factory=list)
    victims: list[Mention] = field(default_factory=list)
    perpetrators: list[int] = field(default_factory=list)  # entity indices
    places: list[int] = field(default_factory=list)
    times: list[Timex] = field(default_factory=list)
    hoppers: list[int] = field(default_factory=list)
    reported_by: int | None = None  # entity index


def _precedes(tokens: Sequence[Token], index: int, words: tuple[str, ...]) -> bool:
    start = index - len(words)
    if start < 0:
        return False
    found = tuple(t.lower for t in tokens[start:index])
    return found == words and tokens[start].sentence == tokens[index].sentence


def _count(tokens: Sequence[Token], number: Number) -> tuple[dict[str, int | str | None], int]:
    """The count record of ``number`` and the index of the first token of its phrase."""
    n, first = number.value, number.first
    if number.vague:
        return {"value": n, "low": n, "high": None, "precision": "vague"}, first
    following = tokens[number.stop : number.stop + 2]
    between = _precedes(tokens, first, ("between",)) and len(following) == 2
    if between and following[0].lower in ("and", "to") and following[1].text.isdecimal():
        high = int(following[1].text)
        return {"value": None, "low": n, "high": high, "precision": "range"}, first - 1
    # "between N and M" found at M: the count is the upper bound.
    low = tokens[first - 2] if first >= 2 else None
    upper = low is not None and low.text.isdecimal() and tokens[first - 1].lower in ("and", "to")
    if upper and _precedes(tokens, first - 2, ("between",)):
        record = {"value": None, "low": int(low.text), "high": n, "precision": "range"}
        return record, first - 3
    for modifiers, low, high, precision in (
        (_AT_LEAST, n, None, "at_least"),
        (_MORE_THAN, n + 1, None, "at_least"),
        (_AT_MOST, None, n, "at_most"),
        (_ABOUT, None, None, "approximate"),
    ):
        for words in modifiers:
            if _precedes(tokens, first, words):
                value = low if precision == "at_least" else n
                record = {"value": value, "low": low, "high": high, "precision": precision}
                return record, first - len(words)
    return {"value": n, "low": n, "high": n, "precision": "exact"}, first


def _unknown() -> dict[str, int | str | None]:
    return {"value": None, "low": None, "high": None, "precision": "unknown"}


class _Finder:
    def __init__(self, analysis: Analysis, lexicon: Lexicon, timexes: Sequence[Timex]) -> None:
        self.tokens = analysis.tokens
        self.lexicon = lexicon
        self.timex_spans = [(x.start, x.end) for x in timexes]

    def in_timex(self, token: Token) -> bool:
        return any(s <= token.start < e for s, e in self.timex_spans)

    def clause(self, index: int, step: int, limit: int) -> list[Token]:
        """Up to ``limit`` tokens from ``index`` in direction ``step``, within its clause."""
        found = []
        j = index + step
        while len(found) < limit and 0 <= j < len(self.tokens):
            t = self.tokens[j]
            if t.sentence != self.tokens[index].sentence or t.text in _BREAKS:
                break
            found.append(t)
            j += step
        return found

    def number_near(self, index: int) -> Number | None:
        for t in self.clause(index, -1, _REACH) + self.clause(index, 1, _REACH):
            if self.in_timex(t):
                continue
            number = number_at(self.tokens, t.index, self.lexicon)
            if number is None or number.value == 0:
                continue
            after = self.tokens[number.stop] if number.stop < len(self.tokens) else None
            if after is not None and after.lower.rstrip("s") in _TIME_UNITS:
                continue
            if t.lower in ("a", "an", "one") and number.stop == t.index + 1:
                continue
            return number
        return None

    def victim_phrase(self, start: int, until: int | None) -> tuple[int, int] | None:
        """The words from token ``start`` (to ``until``) up to the last plural person noun."""
        words = self.clause(start - 1, 1, _VICTIM_REACH)
        if until is not None:
            words = [t for t in words if t.index < until]
        groups = [k for k, t in enumerate(words) if self.group(t)]
        return (words[0].index, words[groups[-1]].index + 1) if groups else None

    def group(self, token: Token) -> bool:
        head = self.lexicon.nominal_heads.get(token.lower)
        return head is not None and head.type == "PER" and head.plural


def find_casualties(
    *, analysis: Analysis, lexicon: Lexicon, timexes: Sequence[Timex]
) -> list[Casualty]:
    finder = _Finder(analysis, lexicon, timexes)
    tokens = analysis.tokens
    found: list[Casualty] = []
    for t in tokens:
        entry = lexicon.casualty_words.get(t.lower)
        if entry is None or (t.capitalised and not t.initial):
            continue
        kind, part = entry
        number = finder.number_near(t.index)
        if part == "adj" and (number is None or number.stop > t.index):
            continue
        first, stop = t.index, t.index + 1
        victims = None
        if number is not None:
            count, count_first = _count(tokens, number)
            first, stop = min(first, count_first), max(stop, number.stop)
            before = number.stop <= t.index  # "<N> <victims> were killed"
            victims = finder.victim_phrase(number.stop, until=t.index if before else None)
            if victims is not None:
                stop = max(stop, victims[1])
        else:
            count = _unknown()
        evidence = (tokens[first].start, tokens[stop - 1].end)
        if any(c.evidence[0] < evidence[1] and evidence[0] < c.evidence[1] for c in found):
            continue  # one fact, one record
        record = Casualty(kind, count, evidence, t.sentence, t.index, victims)
        if victims is not None:
            record.groups = [w.lower for w in tokens[victims[0] : victims[1]] if finder.group(w)]
        found.append(record)
    return found


def link(
    *,
    casualties: Sequence[Casualty],
    events: Sequence[Event],
    mentions: Sequence[Mention],
    timexes: Sequence[Timex],
    quotes: Sequence[Quote],
) -> None:
    """Fill the slots of each record from the events, mentions, timexes and quotes."""
    for record in casualties:
        same = [e for e in events if e.trigger.sentence == record.sentence]
        linked = [e for e in same if e.type in _HARM_EVENTS and e.trigger.index == record.trigger]
        attacks = [e for e in same if e.type == "Conflict.Attack"]
        attack = min(attacks, key=lambda e: abs(e.trigger.index - record.trigger), default=None)
        if attack is not None:
            linked.append(attack)
            record.perpetrators = [
                filler.entity
                for role, filler in attack.arguments
                if role == "Attacker" and isinstance(filler, Mention)
            ]
        record.hoppers = list(dict.fromkeys(e.hopper for e in linked))
        for m in mentions:
            if m.sentence == record.sentence and m.is_place and m.entity not in record.places:
                record.places.append(m.entity)
            phrase = record.victim_phrase
            if phrase and m.type == "PER" and phrase[0] <= m.head_first < phrase[1]:
                record.victims.append(m)
        record.times = [x for x in timexes if x.sentence == record.sentence]
        for quote in quotes:
            start, end = quote.content
            if start <= record.evidence[0] and record.evidence[1] <= end and quote.speakers:
                record.reported_by = quote.speakers[0].entity
                break
