"""Temporal expressions (TIMEX3) normalised against the document creation time (DCT).

* Date lines: a line that is only a date ("<month> <day>, <year>", "<day> <month> <year>",
  ISO, "DD.MM.YYYY"), month names in any language of ``resources/months.tsv``. The DCT is
  ``publication_date`` when given, else the first date line; a date line equal to it is
  the creation time (``function: CREATION_TIME``).
* Weekdays, optionally with a part of the day ("<weekday> night" is a TIME with the
  TIMEX3 suffix NI, MO, AF or EV): the most recent such day on or before the DCT, or the
  next one after it when a future word (will, next, ...) comes shortly before it.
* "this/last/next week|month|year", "today", "yesterday", "tomorrow", "tonight".
* Dates in running text: "<month> <day>[, <year>]", "<day> <month>[ <year>]", "<month>
  <year>" (English month names in full; a missing year is the DCT's).
* Years: a four-digit number from 1900 to 2099 on its own.
* Durations: "<number> <unit>" (P3W, PT2H), a bare plural unit after "for", "over" or
  "within" (PXDE, PXY: an unspecified number), and ages "<number>-year-old" (P<number>Y).

Relative values name the DCT timex as their anchor when the document has one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from wiregold.baselines.rules.lexicon import Lexicon
from wiregold.baselines.rules.numbers import number_at
from wiregold.baselines.rules.text import Analysis, Token

__all__ = ["Timex", "find_timexes"]

_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_UNITS = {
    "second": ("T", "S"),
    "minute": ("T", "M"),
    "hour": ("T", "H"),
    "day": ("", "D"),
    "week": ("", "W"),
    "month": ("", "M"),
    "year": ("", "Y"),
    "decade": ("", "DE"),
    "century": ("", "CE"),
}
_UNIT_FORMS = {
    **{unit: unit for unit in _UNITS},
    **{unit + "s": unit for unit in _UNITS},
    "centuries": "century",
}
_FUTURE = frozenset(("will", "'ll", "\u2019ll", "next", "upcoming", "coming", "shall"))
_BARE_UNIT_AFTER = frozenset(["for", "over", "within"])
_FIRST_YEAR, _LAST_YEAR = 1900, 2099


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str
    anchored: bool = False  # relative to the DCT
    creation_time: bool = False
    sentence: int = -1


def _month_pattern(lexicon: Lexicon) -> str:
    names = sorted(lexicon.months, key=len, reverse=True)
    return "|".join(re.escape(name) for name in names)


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _date_lines(text: str, lexicon: Lexicon) -> list[tuple[int, int, dt.date]]:
    months = _month_pattern(lexicon)
    patterns = [
        rf"(?P<month>{months})\.? (?P<day>\d{{1,2}}),? (?P<year>\d{{4}})",
        rf"(?P<day>\d{{1,2}})\.? (?P<month>{months}),? (?P<year>\d{{4}})",
        r"(?P<year>\d{4})-(?P<m>\d{2})-(?P<day>\d{2})",
        r"(?P<day>\d{1,2})[./](?P<m>\d{1,2})[./](?P<year>\d{4})",
    ]
    found = []
    offset = 0
    for line in text.split("\n"):
        start = offset + len(line) - len(line.lstrip())
        offset += len(line) + 1
        stripped = line.strip()
        for pattern in patterns:
            match = re.fullmatch(pattern, stripped, flags=re.IGNORECASE)
            if match is None:
                continue
            groups = match.groupdict()
            month = (
                int(groups["m"]) if groups.get("m") else lexicon.months[groups["month"].casefold()]
            )
            date = _date(int(groups["year"]), month, int(groups["day"]))
            if date is not None:
                found.append((start, start + len(stripped), date))
            break
    return found


def _iso_week(date: dt.date) -> str:
    year, week, _ = date.isocalendar()
    return f"{year}-W{week:02d}"


def _future(tokens: Sequence[Token]) -> bool:
    return any(t.lower in _FUTURE for t in tokens)


_FUTURE_REACH = 6  # a future cue at most this many tokens before a weekday makes it future


def _weekday_date(dct: dt.date, weekday: int, future: bool) -> dt.date:
    if future:
        return dct + dt.timedelta(days=(weekday - dct.isoweekday() - 1) % 7 + 1)
    return dct - dt.timedelta(days=(dct.isoweekday() - weekday) % 7)


def _duration(number: int | None, unit: str) -> str:
    time, code = _UNITS[unit]
    return f"P{time}{'X' if number is None else number}{code}"


class _Finder:
    def __init__(self, analysis: Analysis, lexicon: Lexicon, dct: dt.date | None) -> None:
        self.analysis = analysis
        self.lexicon = lexicon
        self.dct = dct
        self.found: list[Timex] = []
        self.used: set[int] = set()

    def add(self, first: int, stop: int, kind: str, value: str, anchored: bool) -> None:
        if any(i in self.used for i in range(first, stop)):
            return
        tokens = self.analysis.tokens
        self.found.append(
            Timex(
                tokens[first].start,
                tokens[stop - 1].end,
                kind,
                value,
                anchored,
                sentence=tokens[first].sentence,
            )
        )
        self.used.update(range(first, stop))

    def sentence(self, sentence_tokens: Sequence[Token]) -> None:
        tokens = self.analysis.tokens
        stop_all = sentence_tokens[-1].index + 1

        def at(i: int) -> Token | None:
            return tokens[i] if i < stop_all else None

        for t in sentence_tokens:
            i = t.index
            nxt, nxt2 = at(i + 1), at(i + 2)
            if self.dct is not None:
                before = tokens[max(sentence_tokens[0].index, i - _FUTURE_REACH) : i]
                self._relative(t, nxt, nxt2, _future(before))
                self._calendar_date(t, nxt, nxt2, at(i + 3), at(i + 4))
            if t.text.isdecimal() and len(t.text) == 4 and _FIRST_YEAR <= int(t.text) <= _LAST_YEAR:
                self.add(i, i + 1, "DATE", t.text, anchored=False)
            if t.lower.endswith("-year-old"):
                number = t.lower.split("-")[0]
                value = int(number) if number.isdecimal() else None
                if value is None:
                    found = self.lexicon.numbers.get(number)
                    value = found[0] if found and found[1] == "unit" else None
                if value is not None:
                    self.add(i, i + 1, "DURATION", f"P{value}Y", anchored=False)
            self._duration(t, nxt, sentence_tokens)

    def _relative(self, t: Token, nxt: Token | None, nxt2: Token | None, future: bool) -> None:
        dct = self.dct
        if dct is None:
            return
        i = t.index
        weekday = self.lexicon.weekdays.get(t.lower)
        if weekday is not None and t.capitalised:
            date = _weekday_date(dct, weekday, future)
            if nxt is not None and nxt.lower in _PARTS_OF_DAY:
                self.add(i, i + 2, "TIME", f"{date}T{_PARTS_OF_DAY[nxt.lower]}", anchored=True)
            else:
                self.add(i, i + 1, "DATE", date.isoformat(), anchored=True)
            return
        days = {"today": 0, "yesterday": -1, "tomorrow": 1}
        if t.lower in days:
            self.add(i, i + 1, "DATE", str(dct + dt.timedelta(days=days[t.lower])), True)
        elif t.lower == "tonight":
            self.add(i, i + 1, "TIME", f"{dct}TNI", anchored=True)
        elif t.lower in ("this", "last", "next") and nxt is not None:
            step = {"this": 0, "last": -1, "next": 1}[t.lower]
            if nxt.lower == "week":
                self.add(i, i + 2, "DATE", _iso_week(dct + dt.timedelta(weeks=step)), True)
            elif nxt.lower == "month":
                month = dct.month - 1 + step
                value = f"{dct.year + month // 12}-{month % 12 + 1:02d}"
                self.add(i, i + 2, "DATE", value, anchored=True)
            elif nxt.lower == "year":
                self.add(i, i + 2, "DATE", str(dct.year + step), anchored=True)

    def _calendar_date(
        self,
        t: Token,
        nxt: Token | None,
        nxt2: Token | None,
        nxt3: Token | None,
        nxt4: Token | None,
    ) -> None:
        if self.dct is None:
            return
        months = self.lexicon.english_months
        i = t.index
        shift = 0  # the period of "Aug. 3", a token of its own
        month = months.get(t.lower) if t.capitalised else None
        if month is None and (found := month_before_day(t, nxt, nxt2, self.lexicon)):
            month, dotted = found
            if dotted:
                shift, nxt, nxt2, nxt3 = 1, nxt2, nxt3, nxt4

        def year_after(token: Token | None) -> int | None:
            if token is not None and token.text.isdecimal() and len(token.text) == 4:
                return int(token.text)
            return None

        if month is not None and nxt is not None:
            if nxt.text.isdecimal() and len(nxt.text) <= 2:
                year = None
                stop = i + 2 + shift
                if nxt2 is not None and nxt2.text == "," and year_after(nxt3):
                    year, stop = year_after(nxt3), i + 4 + shift
                elif year_after(nxt2):
                    year, stop = year_after(nxt2), i + 3 + shift
                date = _date(year or self.dct.year, month, int(nxt.text))
                if date is not None:
                    self.add(i, stop, "DATE", date.isoformat(), anchored=year is None)
            elif (year := year_after(nxt)) is not None:
                self.add(i, i + 2, "DATE", f"{year}-{month:02d}", anchored=False)
        elif (
            t.text.isdecimal() and len(t.text) <= 2 and nxt is not None and nxt.lower in months
        ) and nxt.capitalised:
            year = year_after(nxt2)
            date = _date(year or self.dct.year, months[nxt.lower], int(t.text))
            if date is not None:
                stop = i + (3 if year else 2)
                self.add(i, stop, "DATE", date.isoformat(), anchored=year is None)

    def _duration(self, t: Token, nxt: Token | None, sentence: Sequence[Token]) -> None:
        i = t.index
        unit = _UNIT_FORMS.get(nxt.lower) if nxt is not None else None
        if unit is not None:
            number = number_at(self.analysis.tokens, i, self.lexicon)
            if number is not None and not number.vague and number.stop == i + 1:
                self.add(i, i + 2, "DURATION", _duration(number.value, unit), anchored=False)
                return
        own = _UNIT_FORMS.get(t.lower)
        if own is not None and t.lower.endswith("s") and t.lower != own and i > sentence[0].index:
            previous = self.analysis.tokens[i - 1]
            if previous.lower in _BARE_UNIT_AFTER:
                self.add(i, i + 1, "DURATION", _duration(None, own), anchored=False)


def month_before_day(
    t: Token, nxt: Token | None, nxt2: Token | None, lexicon: Lexicon
) -> tuple[int, bool] | None:
    """``(month, dotted)`` when ``t`` is an abbreviated English month before a day number
    ("Aug 3", "Aug. 3": dotted); alone, "Mar" or "Jun" may be another word."""
    if not t.capitalised or t.lower not in lexicon.english_abbreviations:
        return None
    dotted = nxt is not None and nxt.text == "."
    day = nxt2 if dotted else nxt
    if day is None or not day.text.isdecimal() or len(day.text) > 2:
        return None
    return lexicon.english_abbreviations[t.lower], dotted


def find_timexes(
    *, analysis: Analysis, lexicon: Lexicon, publication_date: dt.date | None
) -> tuple[list[Timex], dt.date | None]:
    """The timexes of the document in text order, and the DCT used."""
    lines = _date_lines(analysis.text, lexicon)
    dct = publication_date or (lines[0][2] if lines else None)
    finder = _Finder(analysis, lexicon, dct)
    line_spans = [(s, e) for s, e, _ in lines]
    for sentence in analysis.sentences:
        if (sentence.start, sentence.end) in line_spans:
            continue
        finder.sentence(analysis.sentence_tokens(sentence))
    found = [
        Timex(s, e, "DATE", date.isoformat(), creation_time=date == dct) for s, e, date in lines
    ]
    for timex in finder.found:
        if not any(timex.start < e and s < timex.end for s, e, _ in lines):
            found.append(timex)
    # The sentence a date line is in, for event arguments.
    by_span = {(s.start, s.end): s.index for s in analysis.sentences}
    found = [
        t
        if t.sentence >= 0
        else Timex(
            t.start,
            t.end,
            t.type,
            t.value,
            t.anchored,
            t.creation_time,
            by_span.get((t.start, t.end), -1),
        )
        for t in found
    ]
    return sorted(found, key=lambda t: (t.start, t.end)), dct
