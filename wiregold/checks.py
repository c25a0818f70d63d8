"""The rules of a gold document that JSON Schema cannot express.

They run on the parts of a document that passed the schema: an item with a schema
error is left out (its schema error says what is wrong), so one broken item does not
cascade into many reports. Every rule reports through ``report(path, message, expected)``
and none stops at its first finding.

Most documents break no rule, so :func:`quick_check` first answers "does this
schema-valid document break any rule?" in one direct pass (about 3x faster); only when
it says it might do the rules run, and report. Like the fast schema check, it may
answer "might" for a document that is fine, never "no" for one that is not.
"""

from __future__ import annotations

import datetime
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from operator import itemgetter
from typing import Any

from wiregold.canonical import LAYERS
from wiregold.problems import JsonPath, json_pointer, shorten, with_article
from wiregold.spans import SPAN_FIELDS, encoding_hint, iter_stored_spans, mismatch
from wiregold.timex import EXAMPLES, is_calendar_date, is_valid_value

Report = Callable[[JsonPath, str, str | None], None]

ID_PREFIX = dict(zip(LAYERS, ("z", "e", "m", "t", "h", "ev", "c", "q"), strict=True))
NOUN = dict(
    zip(
        LAYERS,
        ("zone", "entity", "mention", "timex", "hopper", "event", "casualty", "quote"),
        strict=True,
    )
)
GPE_ROLES = "one of GOV, POP, LOC, GPE"
_NO_LANGUAGE = "zxx"  # a zone with no linguistic content (a separator, a byline rule)
# Quotation marks (guidelines Q1): U+201C, U+201D, U+0022, U+00AB, U+00BB, U+201E and the
# opening single mark U+2018 of the headline's de-escalate. Not U+2019, which is also the
# apostrophe (Iran's).
_QUOTATION_MARKS = frozenset("\u201c\u201d\u0022\u00ab\u00bb\u201e\u2018")


_MARKED_KINDS = frozenset({"mixed", "indirect"})  # kinds whose marks Q1 fixes
# Paired quotation marks: (opening, closing); U+2019 is also the apostrophe.
_PAIRS = (("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ("\u2018", "\u2019"))
_OPENING_MARKS = frozenset([*(opening for opening, _ in _PAIRS), '"', "\u201e"])
_CLOSING_MARKS = frozenset([*(closing for _, closing in _PAIRS), '"'])


def enclosed(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` stands right inside quotation marks, as a direct quote's
    content does (Q1, Q2): an opening mark just before it, a closing mark just after it
    or after one comma, period, ``?`` or ``!`` (punctuation the content leaves out, G2)."""
    after = text[end : end + 2]
    if after[:1] in ",.?!":
        after = after[1:]
    return start > 0 and text[start - 1] in _OPENING_MARKS and after[:1] in _CLOSING_MARKS


def _quotation_marks(content: str) -> list[str]:
    """The distinct quotation marks in ``content``, in text order."""
    return list(dict.fromkeys(c for c in content if c in _QUOTATION_MARKS))


# layer -> the form of its ids: the prefix, then ASCII digits
ID_FORM = {layer: re.compile(re.escape(prefix) + "[0-9]+") for layer, prefix in ID_PREFIX.items()}


def _unordered(value: Any) -> Any:
    """A hashable form of ``value`` in which the order of list items does not matter."""
    if isinstance(value, dict):
        return tuple(sorted((k, _unordered(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(sorted((_unordered(v) for v in value), key=repr))
    return value


# layer -> (what makes two items duplicates, key function)
DUPLICATE_KEYS: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {
    "mentions": ("same span", itemgetter("start", "end")),
    "timexes": ("same span", itemgetter("start", "end")),
    "events": (
        "same trigger and type",
        lambda e: (e["trigger"]["start"], e["trigger"]["end"], e["type"]),
    ),
    "quotes": ("same content span", lambda q: (q["content"]["start"], q["content"]["end"])),
    "casualties": (
        "identical apart from the id",
        lambda c: _unordered({k: v for k, v in c.items() if k != "id"}),
    ),
}


def layer_items(
    *, doc: dict[str, Any], name: str, bad_items: set[tuple[str, int]], all_items: bool = False
) -> list[tuple[int, dict[str, Any]]]:
    """``(index, item)`` of the schema-valid items of a layer (or of all object items):
    the semantic checks of gold and prediction files skip items the schema rejected."""
    items = doc.get(name)
    if not isinstance(items, list):
        return []
    if all_items or not bad_items:  # no (layer, index) tuple to build per item
        return [(i, item) for i, item in enumerate(items) if isinstance(item, dict)]
    return [
        (i, item)
        for i, item in enumerate(items)
        if isinstance(item, dict) and (name, i) not in bad_items
    ]


def count_problems(count: dict[str, Any]) -> list[tuple[str, str]]:
    """``(message, expected)`` for each rule a casualty ``count`` breaks."""
    value, low, high = count["value"], count["low"], count["high"]
    precision = count["precision"]
    got = f"value {value}, low {low}, high {high}".replace("None", "null")
    rules = {  # precision -> (holds, expected)
        "unknown": ((value, low, high) == (None, None, None), "value, low and high null"),
        "exact": (value is not None and value == low == high, "value == low == high, not null"),
        "at_least": (low is not None and high is None, "low set and high null"),
        "at_most": (high is not None, "high set"),
        "range": (low is not None and high is not None and low != high, "low < high, both set"),
    }
    found = []
    holds, expected = rules.get(precision, (True, ""))
    if not holds:
        found.append((f"precision {precision!r} with {got}", expected))
    bounds = [v for v in (low, value, high) if v is not None]
    if bounds != sorted(bounds):
        found.append((f"count out of order: {got}", "low <= value <= high"))
    return found


_EDGE_START = ",;!?"  # never where a span starts (a period may: ".50-caliber rounds")
_EDGE_END = ",;"  # never where it ends; "!", "?" and "." may end a name ("Yahoo!", "Inc.")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAME = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
# A calendar date, alone or with a part of the day; an ISO week date with its day.
_DATED = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T(?:MO|AF|EV|NI|DT))?")
_WEEK_DATED = re.compile(r"([0-9]{4})-W([0-9]{2})-([1-7])")


def _closes_at_end(span_text: str, opening: str, closing: str) -> bool:
    """Whether the ``opening`` mark at the start is closed by the ``closing`` at the end
    (and not earlier: ``“a” and “b”`` is two quoted parts, not one around the span)."""
    depth = 0
    for k, char in enumerate(span_text):
        if char == opening and (opening != closing or depth == 0):
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return k == len(span_text) - 1
    return False


def edge_punctuation(span_text: str) -> str | None:
    """What G2 refuses at the edges of a span, or None: a comma, semicolon, ``!`` or
    ``?`` at its start, a comma or semicolon at its end; quotation marks around the
    whole span (curly, straight, guillemets, single); a double mark at one edge whose
    partner is not in the span. A span with no letter or digit (the colon cue of a
    headline) is left alone, and so are ``!``, ``?`` and ``.`` at the end, which may end
    a name or an abbreviation."""
    if not any(map(str.isalnum, span_text)):
        return None
    first, last = span_text[0], span_text[-1]
    if first in _EDGE_START:
        return f"span begins with {first!r}"
    if last in _EDGE_END:
        return f"span ends with {last!r}"
    for opening, closing in (*_PAIRS, ('"', '"')):
        if first == opening and last == closing and _closes_at_end(span_text, opening, closing):
            return "quotation marks surround the whole span"
    for opening, closing in _PAIRS[:2]:  # not the single marks: U+2019 is an apostrophe
        if first == opening and span_text.count(opening) > span_text.count(closing):
            return f"span begins with a {first} whose partner is outside it"
        if last == closing and span_text.count(closing) > span_text.count(opening):
            return f"span ends with a {last} whose partner is outside it"
    return None


def crosses_any(spans: Iterable[tuple[int, int]]) -> bool:
    """Whether two of the ``(start, end)`` spans overlap without one containing the other
    (X5: noun phrases nest). One stack of open spans, each inside the one below it: the
    first span to cross an earlier one crosses the innermost still open."""
    stack: list[int] = []  # ends of the open spans
    for start, negated_end in sorted((s, -e) for s, e in spans):
        while stack and stack[-1] <= start:
            stack.pop()
        if stack and stack[-1] < -negated_end:
            return True
        stack.append(-negated_end)
    return False


def crossing_spans(spans: Iterable[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """``(i, j)`` for each span ``(start, end, j)`` that crosses an earlier-starting span
    ``(start, end, i)``: the latest-starting such ``i``. :func:`crosses_any` says whether
    there is one; this lists them all (for the report only, so all pairs are tried)."""
    ordered = sorted((s, -e, i) for s, e, i in spans)
    found = []
    for k, (start, negated_end, index) in enumerate(ordered):
        end = -negated_end
        for other_start, other_negated_end, other in reversed(ordered[:k]):
            if other_start < start < -other_negated_end < end:
                found.append((other, index))
                break
    return found


def _weekday_of(value: Any) -> int | None:
    """The weekday (0 is Monday) of a value that is a day: a calendar date, with a part of
    the day or not, or an ISO week date; None for anything else (a clock time may fall
    after midnight, a week is no day)."""
    if not isinstance(value, str):
        return None
    try:
        if (dated := _DATED.fullmatch(value)) is not None:
            return datetime.date(*map(int, dated.groups())).weekday()
        if (week := _WEEK_DATED.fullmatch(value)) is not None:
            year, number, day = map(int, week.groups())
            return datetime.date.fromisocalendar(year, number, day).weekday()
    except ValueError:  # not a calendar date: the value check reports it
        return None
    return None


def weekday_mismatch(timex_text: str, value: Any) -> tuple[str, str] | None:
    """``(weekday of the value, weekday the text names)`` when they differ, for a timex
    whose text names an English weekday and whose value is a day (:func:`_weekday_of`)."""
    named = _WEEKDAY_NAME.search(timex_text)
    day = _weekday_of(value) if named is not None else None
    if named is None or day is None:
        return None
    name = named.group(1).lower()
    return None if _WEEKDAYS[day] == name else (_WEEKDAYS[day].title(), name.title())


# The rule methods of SemanticChecks, in the order they run (identifiers first: the others
# read the ids it collects). quick_check stands in for all of them: a rule added here needs
# its quick form too, and a mutation in tests/test_validate.py that breaks it.
RULES = (
    "identifiers",
    "date_line_and_languages",
    "spans",
    "zone_tiling",
    "zone_membership",
    "entities",
    "mentions",
    "events",
    "timexes",
    "casualties",
    "quotes",
    "duplicates",
)


class SemanticChecks:
    """All semantic rules over one parsed, schema-checked document."""

    def __init__(
        self,
        *,
        doc: dict[str, Any],
        bad_items: set[tuple[str, int]],
        bad_keys: set[str],
        inventory: dict[str, Any],
        report: Report,
        schema_valid: bool = False,
    ) -> None:
        self.doc = doc
        self.inventory = inventory
        self.schema_valid = schema_valid  # the whole document passed the JSON Schema
        self.bad_items = bad_items  # (layer, index) of items with a schema error
        self.bad_keys = bad_keys  # top-level keys with a schema error inside
        self.entity_types: dict[str, list[str]] = inventory["entity_types"]
        self.event_roles: dict[str, list[str]] = inventory["event_types"]
        self.report = report
        self.ids: dict[str, JsonPath] = {}  # first occurrence of every id
        self.broken_spans: set[JsonPath] = set()  # spans whose offsets are unusable
        text = doc.get("text")
        self.text: str | None = text if isinstance(text, str) and "text" not in bad_keys else None
        metadata = doc.get("metadata")
        self.metadata: dict[str, Any] | None = (
            metadata if isinstance(metadata, dict) and "metadata" not in bad_keys else None
        )
        self._layers: dict[tuple[str, bool], list[tuple[int, dict[str, Any]]]] = {}

    def run(self) -> None:
        if self.schema_valid and quick_check(doc=self.doc, inventory=self.inventory):
            return  # no rule is broken: nothing to report
        for rule in RULES:
            getattr(self, rule)()

    # -- access ----------------------------------------------------------------------
    def layer(self, name: str, *, all_items: bool = False) -> list[tuple[int, dict[str, Any]]]:
        found = self._layers.get((name, all_items))  # several rules walk the same layer
        if found is None:
            found = layer_items(
                doc=self.doc, name=name, bad_items=self.bad_items, all_items=all_items
            )
            self._layers[name, all_items] = found
        return found

    def ref(self, path: JsonPath, value: Any, layer: str) -> dict[str, Any] | None:
        """Check that ``value`` is the id of an item of ``layer``; return it if schema-valid."""
        if not isinstance(value, str):
            return None
        target = self.ids.get(value)
        if target is None or target[0] != layer:
            other = f" ({value!r} is a {NOUN[str(target[0])]})" if target else ""
            message = f"dangling reference: no {NOUN[layer]} has id {value!r}{other}"
            self.report(path, message, f"the id of {with_article(NOUN[layer])}")
            return None
        layer_name, index = target
        return None if target in self.bad_items else self.doc[layer_name][index]

    def offsets(self, path: JsonPath, span: Any) -> tuple[int, int] | None:
        """``(start, end)`` of a span whose offsets are usable (checked by :meth:`spans`)."""
        if not isinstance(span, dict) or path in self.broken_spans or self.text is None:
            return None
        return span["start"], span["end"]

    def good_spans(self, *, layers: tuple[str, ...] = LAYERS) -> list[tuple[JsonPath, dict]]:
        return [
            (path, span)
            for path, span in iter_stored_spans(doc=self.doc, layers=layers)
            if (path[0], path[1]) not in self.bad_items
        ]

    # -- identifiers and spans ---------------------------------------------------------
    def identifiers(self) -> None:
        for layer in LAYERS:
            prefix = ID_PREFIX[layer]
            for i, item in self.layer(layer, all_items=True):
                item_id, path = item.get("id"), (layer, i, "id")
                if not isinstance(item_id, str):
                    continue
                if item_id in self.ids:
                    first = json_pointer(path=self.ids[item_id])
                    message = f"duplicate id {item_id!r} (already used at {first})"
                    self.report(path, message, "ids unique across all layers of the document")
                    continue
                self.ids[item_id] = (layer, i)
                number = item_id[len(prefix) :]
                if not (item_id.startswith(prefix) and number.isascii() and number.isdigit()):
                    self.report(path, f"id {item_id!r} does not fit layer {layer}", f"{prefix}N")

    def spans(self) -> None:
        text = self.text
        if text is None:
            return
        for path, span in self.good_spans():
            start, end, stored = span["start"], span["end"], span["text"]
            if start >= end:
                self.broken_spans.add(path)
                self.report(
                    path, f"empty or inverted span: start {start} >= end {end}", "start < end"
                )
            elif end > len(text):
                self.broken_spans.add(path)
                message = f"span [{start}, {end}) ends beyond the text ({len(text)} code points)"
                message += encoding_hint(text=text, start=start, end=end, stored=stored)
                self.report(path, message, f"end <= {len(text)}")
            elif text[start:end] != stored:
                message, expected = mismatch(text=text, start=start, end=end, stored=stored)
                self.report((*path, "text"), message, expected)
            elif path[0] != "zones" and stored != stored.strip():  # G2; zones tile the text
                trimmed = stored.strip()
                at = start + len(stored) - len(stored.lstrip())
                message = (
                    f"span begins or ends with white space: {shorten(text=repr(stored), limit=60)}"
                )
                expected = (
                    f"[{at}, {at + len(trimmed)}) {shorten(text=repr(trimmed), limit=60)} (G2)"
                )
                self.report(path, message, expected)
            elif path[0] != "zones" and (problem := edge_punctuation(stored)) is not None:
                message = f"{problem}: {shorten(text=repr(stored), limit=60)}"
                self.report(path, message, "the span without that punctuation (G2)")

    # -- zones -----------------------------------------------------------------------
    def date_line_and_languages(self) -> None:
        """The date line is printed in the text; the languages are those of the zones."""
        meta, text = self.metadata, self.text
        if meta is None or text is None:
            return
        date_line = meta.get("date_line")
        if isinstance(date_line, str) and date_line not in text:
            message = f"date_line {date_line!r} does not occur in the text"
            self.report(("metadata", "date_line"), message, "the date line exactly as printed")
        languages = meta.get("languages")
        zoned = {z.get("language") for _, z in self.layer("zones")} - {_NO_LANGUAGE}
        if isinstance(languages, list) and set(languages) != zoned:
            listed = ", ".join(sorted(map(str, languages)))
            message = f"languages {listed} differ from the languages of the zones"
            self.report(("metadata", "languages"), message, ", ".join(sorted(map(str, zoned))))

    def usable_zones(self) -> list[dict[str, Any]]:
        zones = [z for i, z in self.layer("zones") if self.offsets(("zones", i), z)]
        return sorted(zones, key=lambda z: (z["start"], z["end"]))

    def zone_tiling(self) -> None:
        """Zones must cover the text exactly: no gap, no overlap, from 0 to the end."""
        zones = self.usable_zones()
        if self.text is None or not zones:
            return
        index = {id(z): i for i, z in self.layer("zones")}
        first = zones[0]
        if first["start"] != 0:
            message = f"the first zone {first['id']} starts at {first['start']}"
            message += f": text[0:{first['start']}] is in no zone"
            self.report(("zones", index[id(first)]), message, "the first zone starts at 0")
        prev = first
        for zone in zones[1:]:
            path: JsonPath = ("zones", index[id(zone)])
            expected = f"{zone['id']} starts at {prev['end']}, where {prev['id']} ends"
            if zone["start"] > prev["end"]:
                gap = f"text[{prev['end']}:{zone['start']}]"
                message = f"gap between zones {prev['id']} and {zone['id']}: {gap} is in no zone"
                self.report(path, message, expected)
            elif zone["start"] < prev["end"]:
                message = f"zone {zone['id']} overlaps zone {prev['id']}: it starts at "
                message += f"{zone['start']}, before {prev['id']} ends at {prev['end']}"
                self.report(path, message, expected)
            if zone["end"] > prev["end"]:
                prev = zone
        if prev["end"] != len(self.text):
            message = f"the zones end at {prev['end']}, not at the end of the text"
            self.report(("zones",), message, f"the last zone ends at {len(self.text)}")

    def zone_membership(self) -> None:
        """Every annotation span lies inside one zone that has ``annotated: true``."""
        zones = self.usable_zones()
        if not zones:
            return
        for path, span in self.good_spans(layers=LAYERS[1:]):
            offsets = self.offsets(path, span)
            if path[-1] == "head" or offsets is None:
                continue  # a head is checked against its own mention
            start, end = offsets
            inside = [z for z in zones if z["start"] <= start and end <= z["end"]]
            if not inside:
                crossed = ", ".join(z["id"] for z in zones if z["start"] < end and start < z["end"])
                message = f"span [{start}, {end}) crosses zone boundaries ({crossed})"
                self.report(path, message, "a span inside one annotated zone")
            elif not any(z["annotated"] for z in inside):
                zone = inside[0]
                message = f"span [{start}, {end}) lies in zone {zone['id']} ({zone['type']})"
                self.report(path, message + ", which is not annotated", "an annotated zone")

    # -- entities and mentions -----------------------------------------------------------
    def entity_type(self, path: JsonPath, etype: str, subtype: str | None) -> None:
        if etype not in self.entity_types:
            expected = "one of " + ", ".join(self.entity_types)
            self.report((*path, "type"), f"unknown entity type {etype!r}", expected)
        elif subtype is not None and subtype not in self.entity_types[etype]:
            expected = "null or one of " + ", ".join(self.entity_types[etype])
            message = f"subtype {subtype!r} is not allowed for type {etype}"
            self.report((*path, "subtype"), message, expected)

    def entities(self) -> None:
        for i, entity in self.layer("entities"):
            self.entity_type(("entities", i), entity["type"], entity["subtype"])
        mentioned = {str(m.get("entity")) for _, m in self.layer("mentions", all_items=True)}
        for i, entity in self.layer("entities", all_items=True):
            if isinstance(entity.get("id"), str) and entity["id"] not in mentioned:
                message = f"entity {entity['id']} has no mention"
                self.report(("entities", i), message, "at least one mention per entity")

    def mentions(self) -> None:
        for i, mention in self.layer("mentions"):
            path: JsonPath = ("mentions", i)
            mtype = mention["type"]
            entity = self.ref((*path, "entity"), mention["entity"], "entities")
            if entity is None:  # no entity to agree with: check the mention's own type
                self.entity_type(path, mtype, mention["subtype"])
            else:
                for key in ("type", "subtype"):
                    if mention[key] != entity[key]:
                        message = f"mention {key} {mention[key]!r} differs from the {key} "
                        message += f"{entity[key]!r} of its entity {entity['id']}"
                        self.report((*path, key), message, json.dumps(entity[key]))
            if mtype == "GPE" and mention["gpe_role"] is None:
                self.report((*path, "gpe_role"), "a GPE mention needs a gpe_role", GPE_ROLES)
            elif mtype != "GPE" and mention["gpe_role"] is not None:
                message = f"gpe_role must be null on a {mtype} mention"
                self.report((*path, "gpe_role"), message, "null")
            if mtype != "GPE" and mention["metonymy"] is not None:
                message = f"metonymy is only allowed on GPE mentions, not on {mtype}"
                self.report((*path, "metonymy"), message, "null")
            elif mention["metonymy"] is not None and mention["subtype"] != "Nation":
                message = f"capital-for-government on a {mtype}.{mention['subtype']} mention"
                expected = "a mention of the nation entity (M1), or metonymy null"
                self.report((*path, "metonymy"), message, expected)
            head = mention["head"]
            usable = self.offsets((*path, "head"), head) and self.offsets(path, mention)
            if usable and (head["start"] < mention["start"] or head["end"] > mention["end"]):
                message = f"head [{head['start']}, {head['end']}) is not inside the mention "
                message += f"[{mention['start']}, {mention['end']})"
                self.report((*path, "head"), message, "a head inside the mention extent")
        spans = [
            (m["start"], m["end"], i)
            for i, m in self.layer("mentions")
            if self.offsets(("mentions", i), m)
        ]
        mentions = self.doc["mentions"]
        for first, second in crossing_spans(spans):
            a, b = mentions[first], mentions[second]
            message = f"mention [{b['start']}, {b['end']}) crosses mention {a['id']} "
            message += f"[{a['start']}, {a['end']})"
            expected = "mentions that nest or lie apart (X5: noun phrases nest)"
            self.report(("mentions", second), message, expected)

    # -- events and hoppers ----------------------------------------------------------------
    def events(self) -> None:
        with_events = {str(e.get("hopper")) for _, e in self.layer("events", all_items=True)}
        for i, hopper in self.layer("hoppers", all_items=True):
            if isinstance(hopper.get("id"), str) and hopper["id"] not in with_events:
                message = f"hopper {hopper['id']} has no event"
                self.report(("hoppers", i), message, "at least one event per hopper")
        zones = self.usable_zones()
        starts = [zone["start"] for zone in zones]

        def zone_of(path: JsonPath, span: Any) -> int | None:
            where = self.offsets(path, span)
            if where is None:
                return None
            at = bisect_right(starts, where[0]) - 1
            return at if at >= 0 and where[1] <= zones[at]["end"] else None

        for i, event in self.layer("events"):
            path: JsonPath = ("events", i)
            etype = event["type"]
            roles = self.event_roles.get(etype)
            trigger_zone = zone_of((*path, "trigger"), event["trigger"])
            if roles is None:
                expected = "an event type of schema/inventory.json"
                self.report((*path, "type"), f"unknown event type {etype!r}", expected)
            hopper = self.ref((*path, "hopper"), event["hopper"], "hoppers")
            if hopper is not None and hopper["type"] != etype:
                message = f"event type {etype!r} differs from the type {hopper['type']!r} "
                message += f"of its hopper {hopper['id']}"
                self.report((*path, "type"), message, json.dumps(hopper["type"]))
            seen: dict[tuple, int] = {}
            for j, argument in enumerate(event["arguments"]):
                arg_path: JsonPath = (*path, "arguments", j)
                role = argument["role"]
                if roles is not None and role not in roles:
                    message = f"role {role!r} is not allowed for {etype}"
                    self.report((*arg_path, "role"), message, "one of " + ", ".join(roles))
                filler: Any = None
                filler_path: JsonPath = ()
                for key, layer in (("mention", "mentions"), ("timex", "timexes")):
                    if key in argument:
                        filler = self.ref((*arg_path, key), argument[key], layer)
                        filler_path = (layer, self.ids[argument[key]][1]) if filler else ()
                if (role == "Time") != ("timex" in argument):  # A5
                    message = f"role {role!r} filled by a " + (
                        "mention" if "mention" in argument else "timex"
                    )
                    expected = "a timex for Time, a mention for every other role (A5)"
                    self.report((*arg_path, "role"), message, expected)
                if filler is not None and trigger_zone is not None:
                    at = zone_of(filler_path, filler)
                    if at is not None and at != trigger_zone:
                        message = f"filler {filler['id']} lies in zone {zones[at]['id']}, the "
                        message += f"trigger in zone {zones[trigger_zone]['id']}"
                        expected = "a filler from the trigger's sentence (A1), so from its zone"
                        self.report(arg_path, message, expected)
                # A1: one argument per role and filler; mentions of one entity are one
                # filler (coreference-aware scoring keys arguments by entity).
                if "mention" in argument:
                    entity = filler.get("entity") if filler is not None else None
                    key = (role, "entity", entity) if entity is not None else None
                    key = key or (role, "mention", argument["mention"])
                else:
                    key = (role, "timex", argument.get("timex"))
                if key in seen:
                    same = json_pointer(path=(*path, "arguments", seen[key]))
                    what = f"entity {key[2]}" if key[1] == "entity" else key[1]
                    message = f"duplicate argument: same role and {what} as {same}"
                    self.report(arg_path, message, "each filler once per role and event")
                seen.setdefault(key, j)

    # -- timexes -------------------------------------------------------------------------
    def timexes(self) -> None:
        publication = None if self.metadata is None else self.metadata["publication_date"]
        if publication is not None and not is_calendar_date(text=publication):
            message = f"{publication!r} is not a calendar date"
            self.report(("metadata", "publication_date"), message, "a date YYYY-MM-DD")
        creation: list[tuple[int, dict[str, Any]]] = []
        for i, timex in self.layer("timexes"):
            path: JsonPath = ("timexes", i)
            ttype, value, anchor = timex["type"], timex["value"], timex["anchor"]
            if not is_valid_value(timex_type=ttype, value=value):
                message = f"{value!r} is not a well-formed TIMEX3 {ttype} value"
                self.report((*path, "value"), message, "like " + EXAMPLES[ttype])
            elif (wrong := weekday_mismatch(timex["text"], value)) is not None:
                message = f"{value!r} is a {wrong[0]}, but the text names {wrong[1]}"
                self.report((*path, "value"), message, "a date on the weekday named (TX3)")
            if anchor == timex["id"]:
                message = "a timex cannot be its own anchor"
                self.report((*path, "anchor"), message, "the id of another timex")
            elif anchor is not None:
                self.ref((*path, "anchor"), anchor, "timexes")
            if timex["function"] == "CREATION_TIME":
                creation.append((i, timex))
                if anchor is not None:
                    message = "a CREATION_TIME timex has an anchor"
                    self.report((*path, "anchor"), message, "null: it is the anchor (TX4, TX5)")
        timexes = self.layer("timexes", all_items=True)
        if not any(t.get("function") == "CREATION_TIME" for _, t in timexes):
            message = "no timex has function CREATION_TIME"
            self.report(("timexes",), message, "a CREATION_TIME timex for the document date")
        # All CREATION_TIME values agree with the publication date (or among themselves).
        source = "metadata.publication_date"
        reference = publication
        if reference is None and creation:
            source, reference = "the first CREATION_TIME timex", creation[0][1]["value"]
        for i, timex in creation:
            if timex["value"] != reference:
                message = f"CREATION_TIME value {timex['value']!r} differs from {source}"
                self.report(("timexes", i, "value"), message, json.dumps(reference))

    # -- casualties ----------------------------------------------------------------------
    def casualties(self) -> None:
        references = (
            ("perpetrators", "entities"),
            ("places", "entities"),
            ("times", "timexes"),
            ("hoppers", "hoppers"),
        )
        for i, casualty in self.layer("casualties"):
            path: JsonPath = ("casualties", i)
            self.count((*path, "count"), casualty["count"])
            for key, layer in references:
                for j, value in enumerate(casualty[key]):
                    self.ref((*path, key, j), value, layer)
            for j, value in enumerate(casualty["victims"]["mentions"]):
                self.ref((*path, "victims", "mentions", j), value, "mentions")
            reporter = casualty["reported_by"]["entity"]
            if reporter is not None:
                self.ref((*path, "reported_by", "entity"), reporter, "entities")

    def count(self, path: JsonPath, count: dict[str, Any]) -> None:
        for message, expected in count_problems(count):
            self.report(path, message, expected)

    # -- quotes ----------------------------------------------------------------------------
    def quotes(self) -> None:
        for i, quote in self.layer("quotes"):
            # Direct and scare quotes are not checked: a direct one may quote a quote.
            kind, marks = quote["kind"], _quotation_marks(quote["content"]["text"])
            if kind == "indirect" and marks:
                message = "kind indirect, but the content holds quotation marks "
                message += f"({' '.join(marks)})"
                expected = "mixed (a paraphrase with a verbatim part), or no marks (Q1)"
                self.report(("quotes", i, "kind"), message, expected)
            elif kind == "mixed" and not marks:
                message = "kind mixed, but the content holds no quotation mark"
                expected = "indirect or direct, or a content with its quoted part (Q1)"
                self.report(("quotes", i, "kind"), message, expected)
            elif kind == "direct" and self.text is not None:
                where = self.offsets(("quotes", i, "content"), quote["content"])
                if where is not None and not enclosed(self.text, *where):
                    message = "kind direct, but the content is not enclosed in quotation marks"
                    expected = "a mark right before and after the content (Q1, Q2), or indirect"
                    self.report(("quotes", i, "kind"), message, expected)
            for role in ("speakers", "addressees"):
                for j, participant in enumerate(quote[role]):
                    path: JsonPath = ("quotes", i, role, j)
                    entity_id = participant["entity"]
                    self.ref((*path, "entity"), entity_id, "entities")
                    if participant["mention"] is None:
                        continue
                    mention = self.ref((*path, "mention"), participant["mention"], "mentions")
                    if mention is not None and mention["entity"] != entity_id:
                        message = f"mention {mention['id']} belongs to entity "
                        message += f"{mention['entity']}, not to {entity_id}"
                        self.report((*path, "mention"), message, f"a mention of {entity_id}")

    # -- duplicates --------------------------------------------------------------------------
    def duplicates(self) -> None:
        for layer, (what, key) in DUPLICATE_KEYS.items():
            items = self.layer(layer)
            if len(items) < 2:
                continue  # nothing to be a duplicate of (and no key to compute)
            seen: dict[Any, int] = {}
            for i, item in items:
                first = seen.setdefault(key(item), i)
                if first != i:
                    message = (
                        f"duplicate {NOUN[layer]}: {what} as {json_pointer(path=(layer, first))}"
                    )
                    self.report((layer, i), message, f"each {NOUN[layer]} once")


# -- the quick pass ----------------------------------------------------------------------------
# For a document valid under the JSON Schema: every item is an object with every required
# key, of the right type. Each function answers True only when the rules of SemanticChecks
# it stands for report nothing; a shape not expected raises, which also answers False.

_START_END = itemgetter("start", "end")
_MEMO_SIZE = 4096
# layer -> ids known to fit the layer's form (ids recur across documents: z1, m12)
_FITTING: dict[str, set[str]] = {layer: set() for layer in LAYERS}


def quick_check(*, doc: dict[str, Any], inventory: dict[str, Any]) -> bool:
    """True when the schema-valid ``doc`` breaks none of the rules of :class:`SemanticChecks`;
    False when it may break one (then the rules run and report)."""
    try:
        return _quick(doc, inventory)
    except (KeyError, TypeError, AttributeError, IndexError, ValueError):
        return False  # a shape the schema should have refused: the rules decide


def _quick(doc: dict[str, Any], inventory: dict[str, Any]) -> bool:
    text = doc["text"]
    spans = _stored_spans(doc)
    if type(text) is not str or spans is None:
        return False
    ids = _ids_by_layer(doc)
    return (
        ids is not None
        and _metadata_fits(doc, text)
        and _spans_fit(text, spans[0])
        and _trimmed(spans[2])
        and _zones_fit(doc["zones"], len(text), spans[1])
        and _entities_fit(doc, ids, inventory["entity_types"])
        and _events_fit(doc, ids, inventory["event_types"])
        and _timexes_fit(doc, ids)
        and _casualties_fit(doc, ids)
        and _quotes_fit(doc, ids)
        and _no_duplicates(doc)
    )


def _fit(layer: str, ids: Iterable[Any]) -> bool:
    """Every id is a string of the form of ``layer`` (:meth:`SemanticChecks.identifiers`)."""
    known = _FITTING[layer]
    if known.issuperset(ids):
        return True
    fullmatch = ID_FORM[layer].fullmatch
    for item_id in ids:
        if type(item_id) is not str or fullmatch(item_id) is None:
            return False
        if len(known) >= _MEMO_SIZE:
            known.clear()
        known.add(item_id)
    return True


def _ids_by_layer(doc: dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]] | None:
    """layer -> id -> item, when every id fits its layer and none is used twice."""
    ids: dict[str, dict[str, dict[str, Any]]] = {}
    total = 0
    for layer in LAYERS:
        items = doc[layer]
        by_id = {item["id"]: item for item in items}
        if len(by_id) != len(items) or not _fit(layer, by_id):
            return None
        ids[layer] = by_id
        total += len(by_id)
    every: set[str] = set()
    every.update(*ids.values())
    return ids if len(every) == total else None


def _stored_spans(doc: dict[str, Any]) -> tuple[list[Any], list[Any], list[Any]] | None:
    """Every stored span (as :func:`iter_stored_spans` finds them), those that must lie
    in an annotated zone (:meth:`SemanticChecks.zone_membership`: not zones, not heads),
    and those that must not begin or end with white space (all but zones)."""
    every: list[Any] = []
    zoned: list[Any] = []
    trimmed: list[Any] = []
    for layer, field, many in SPAN_FIELDS:
        items = doc[layer]
        if len(field) > 1:
            return None  # not in use
        values = [item.get(field[0]) for item in items] if field else items
        if many:
            values = [span for spans in values if spans is not None for span in spans]
        if None in values:  # an optional span (cue, source) that is null
            values = [span for span in values if span is not None]
        every += values
        if layer != LAYERS[0]:
            trimmed += values
            if not (field and field[-1] == "head" and not many):
                zoned += values
    return every, zoned, trimmed


def _metadata_fits(doc: dict[str, Any], text: str) -> bool:
    """:meth:`SemanticChecks.date_line_and_languages`: the date line is in the text, the
    languages are the zones' languages."""
    meta = doc["metadata"]
    zoned = {zone["language"] for zone in doc["zones"]} - {_NO_LANGUAGE}
    return meta["date_line"] in text and set(meta["languages"]) == zoned


# The characters at a span's edge that G2 may refuse (edge_punctuation; white space aside).
_EDGE_SUSPECTS = frozenset(_EDGE_START + _EDGE_END + '"' + "".join(map("".join, _PAIRS)))


def _trimmed(spans: list[dict[str, Any]]) -> bool:
    """No span begins or ends with white space or punctuation (G2)."""
    texts = [span["text"] for span in spans]
    edges = {text[:1] for text in texts} | {text[-1:] for text in texts}
    if _EDGE_SUSPECTS.isdisjoint(edges) and not any(map(str.isspace, edges)):
        return True  # no span has a character at an edge that a rule looks at
    return all(text == text.strip() and edge_punctuation(text) is None for text in texts)


def _spans_fit(text: str, spans: list[dict[str, Any]]) -> bool:
    """Each span is ``[start, end)`` inside the text, and its text is ``text[start:end]``."""
    size = len(text)
    for span in spans:
        start, end = span["start"], span["end"]
        if not 0 <= start < end <= size or text[start:end] != span["text"]:
            return False
    return True


def _zones_fit(zones: list[dict[str, Any]], size: int, spans: list[dict[str, Any]]) -> bool:
    """The zones tile the text, and each span lies in one annotated zone."""
    zones = sorted(zones, key=_START_END)
    end = 0
    for zone in zones:
        if zone["start"] != end:
            return False
        end = zone["end"]
    if not zones or end != size:
        return False
    starts = [zone["start"] for zone in zones]
    for span in spans:
        at = bisect_right(starts, span["start"]) - 1  # the zone that holds its start
        if at < 0 or span["end"] > zones[at]["end"] or not zones[at]["annotated"]:
            return False
    return True


def _entities_fit(doc: dict[str, Any], ids: dict[str, Any], types: dict[str, Any]) -> bool:
    """Entity types and subtypes, a mention per entity, mentions agreeing with their entity."""
    for entity in doc["entities"]:
        subtypes = types.get(entity["type"])
        subtype = entity["subtype"]
        if subtypes is None or (subtype is not None and subtype not in subtypes):
            return False
    entities = ids["entities"]
    mentions = doc["mentions"]
    if not {mention["entity"] for mention in mentions}.issuperset(entities):
        return False
    for mention in mentions:
        entity = entities.get(mention["entity"])
        if entity is None or mention["type"] != entity["type"]:
            return False
        if mention["subtype"] != entity["subtype"]:
            return False
        if mention["type"] == "GPE":
            if mention["gpe_role"] is None:
                return False
            if mention["metonymy"] is not None and mention["subtype"] != "Nation":
                return False
        elif mention["gpe_role"] is not None or mention["metonymy"] is not None:
            return False
        head = mention["head"]
        if head["start"] < mention["start"] or head["end"] > mention["end"]:
            return False
    return not crosses_any([(m["start"], m["end"]) for m in mentions])


def _events_fit(doc: dict[str, Any], ids: dict[str, Any], event_roles: dict[str, Any]) -> bool:
    """An event per hopper; event types, hoppers and arguments (:meth:`SemanticChecks.events`)."""
    events = doc["events"]
    hoppers, mentions, timexes = ids["hoppers"], ids["mentions"], ids["timexes"]
    if not {event["hopper"] for event in events}.issuperset(hoppers):
        return False
    # Zones tile the text and hold every span (_zones_fit ran first): a span's zone is
    # the last one starting at or before it.
    starts = sorted(zone["start"] for zone in doc["zones"])
    for event in events:
        roles = event_roles.get(event["type"])
        hopper = hoppers.get(event["hopper"])
        if roles is None or hopper is None or hopper["type"] != event["type"]:
            return False
        seen = set()
        zone = bisect_right(starts, event["trigger"]["start"])
        for argument in event["arguments"]:
            mention, timex = argument.get("mention"), argument.get("timex")
            role = argument["role"]
            if role not in roles or (role == "Time") != ("timex" in argument):
                return False
            filler = mentions.get(mention) if "mention" in argument else timexes.get(timex)
            if filler is None or bisect_right(starts, filler["start"]) != zone:
                return False
            if "mention" in argument:  # one filler per entity, as in SemanticChecks
                seen.add((role, "entity", filler["entity"]))
            else:
                seen.add((role, "timex", timex))
        if len(seen) != len(event["arguments"]):
            return False
    return True


def _timexes_fit(doc: dict[str, Any], ids: dict[str, Any]) -> bool:
    """Values, anchors and the CREATION_TIME timexes (:meth:`SemanticChecks.timexes`)."""
    publication = doc["metadata"]["publication_date"]
    if not is_calendar_date(text=publication):
        return False
    timexes = ids["timexes"]
    creation = False
    for timex in doc["timexes"]:
        anchor = timex["anchor"]
        if not is_valid_value(timex_type=timex["type"], value=timex["value"]):
            return False
        if weekday_mismatch(timex["text"], timex["value"]) is not None:
            return False
        if anchor is not None and (anchor == timex["id"] or anchor not in timexes):
            return False
        if timex["function"] == "CREATION_TIME":
            creation = True
            if timex["value"] != publication or anchor is not None:
                return False
    return creation


def _all_in(values: Iterable[Any], items: dict[str, Any]) -> bool:
    return items.keys() >= set(values)


def _casualties_fit(doc: dict[str, Any], ids: dict[str, Any]) -> bool:
    """Counts and references of casualties (:meth:`SemanticChecks.casualties`)."""
    entities, timexes, hoppers = ids["entities"], ids["timexes"], ids["hoppers"]
    for casualty in doc["casualties"]:
        reporter = casualty["reported_by"]["entity"]
        if (
            count_problems(casualty["count"])
            or not _all_in(casualty["perpetrators"], entities)
            or not _all_in(casualty["places"], entities)
            or not _all_in(casualty["times"], timexes)
            or not _all_in(casualty["hoppers"], hoppers)
            or not _all_in(casualty["victims"]["mentions"], ids["mentions"])
            or (reporter is not None and reporter not in entities)
        ):
            return False
    return True


def _quotes_fit(doc: dict[str, Any], ids: dict[str, Any]) -> bool:
    """Kinds that fit the content; speakers and addressees: entities, and mentions of them
    (:meth:`SemanticChecks.quotes`)."""
    entities, mentions = ids["entities"], ids["mentions"]
    text = doc["text"]
    for quote in doc["quotes"]:
        kind, content = quote["kind"], quote["content"]
        if kind in _MARKED_KINDS and (kind == "mixed") != bool(_quotation_marks(content["text"])):
            return False
        if kind == "direct" and not enclosed(text, content["start"], content["end"]):
            return False
        for participant in (*quote["speakers"], *quote["addressees"]):
            entity_id, mention_id = participant["entity"], participant["mention"]
            if entity_id not in entities:
                return False
            if mention_id is not None:
                mention = mentions.get(mention_id)
                if mention is None or mention["entity"] != entity_id:
                    return False
    return True


def _casualty_outline(casualty: dict[str, Any]) -> tuple[Any, ...]:
    # Equal for two casualties identical apart from the id; cheaper than their key.
    count = casualty["count"]
    return casualty["kind"], count["value"], count["low"], count["high"], count["precision"]


def _distinct(items: list[Any], key: Callable[[Any], Any]) -> bool:
    return len(set(map(key, items))) == len(items)


def _no_duplicates(doc: dict[str, Any]) -> bool:
    """No two items of a layer share their key of :data:`DUPLICATE_KEYS`."""
    for layer, (_, key) in DUPLICATE_KEYS.items():
        items = doc[layer]
        if len(items) < 2:
            continue
        if layer == "casualties" and _distinct(items, _casualty_outline):
            continue  # distinct outlines: distinct keys
        if not _distinct(items, key):
            return False
    return True
