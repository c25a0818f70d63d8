"""Well-formedness of TIMEX3 ``value`` attributes, per timex type.

A practical subset of the TIMEX3 value grammar (ISO 8601 plus TimeML's X placeholders,
week/quarter/half/season units and the *_REF tokens).
"""

from __future__ import annotations

import re
from datetime import date

_YEAR = r"(?:\d{4}|\d{3}X|\d{2}XX|XXXX)"
_MONTH = r"(?:0[1-9]|1[0-2]|XX)"
_DAY = r"(?:0[1-9]|[12]\d|3[01]|XX)"
_WEEK = r"(?:0[1-9]|[1-4]\d|5[0-3]|XX)"
_CALENDAR_DATE = rf"{_YEAR}(?:-{_MONTH}(?:-{_DAY})?)?"
_DATE = (
    rf"(?:{_CALENDAR_DATE}|{_YEAR}-W{_WEEK}(?:-(?:[1-7]|WE))?|{_YEAR}-Q[1-4X]|{_YEAR}-H[12X]"
    rf"|{_YEAR}-(?:SP|SU|FA|WI)|\d{{2}}|\d{{3}}|PRESENT_REF|PAST_REF|FUTURE_REF)"
)
_CLOCK = r"(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?"
_TIME = rf"(?:{_YEAR}-{_MONTH}-{_DAY}|{_YEAR}-W{_WEEK}-[1-7])T(?:{_CLOCK}|MO|AF|EV|NI|DT)"
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?=[\dXT])(?:{_AMOUNT}(?:DE|CE|ML|Y|M|W|D))*(?:T(?:{_AMOUNT}[HMS])+)?"
_SET = (
    rf"(?:{_DURATION}|[\dX]{{4}}-(?:[\dX]{{2}}(?:-[\dX]{{2}})?|W[\dX]{{2}}(?:-[1-7X])?)"
    rf"(?:T(?:{_CLOCK}|MO|AF|EV|NI))?|T(?:{_CLOCK}|MO|AF|EV|NI))"
)

_PATTERNS: dict[str, re.Pattern[str]] = {
    "DATE": re.compile(_DATE),
    "TIME": re.compile(_TIME),
    "DURATION": re.compile(_DURATION),
    "SET": re.compile(_SET),
}

EXAMPLES: dict[str, str] = {
    "DATE": "2024, 2024-01, 2024-01-19, 2024-W03, 2024-Q1, 202X, PRESENT_REF",
    "TIME": "2024-01-16T21:00, 2024-01-16TNI (also TMO, TAF, TEV)",
    "DURATION": "P3W, PT2H, P1Y6M, PXDE, PXY, P55Y",
    "SET": "P1W, XXXX-WXX-2",
}

_FULL_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def is_valid_value(*, timex_type: str, value: str) -> bool:
    """True when ``value`` is a well-formed TIMEX3 value for ``timex_type``."""
    pattern = _PATTERNS.get(timex_type)
    if pattern is None or not pattern.fullmatch(value):
        return False
    # The grammar allows 2024-02-30; the calendar does not.
    full = _FULL_DATE.match(value)
    return full is None or is_calendar_date(text=value[: full.end()])


def is_calendar_date(*, text: str) -> bool:
    """True for an existing ``YYYY-MM-DD`` date."""
    if not _FULL_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
