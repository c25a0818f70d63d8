"""Synthetic gold corpora and predictions for the benchmarks (seeded, deterministic).

A document is a short news-like story built from sentence templates: a title, a date
line, a body and a boilerplate zone (not annotated, so some predictions land out of
scope). It has every layer of ``schema/document.schema.json`` and passes every check of
``wiregold validate`` (nested mentions, pronouns, timexes anchored on the date line,
events with arguments and hoppers, a casualty record, quotes with speakers). About 20
mentions per document.

Predictions copy the gold with a realistic error mix: exact items, shifted boundaries,
wrong types, missed and spurious items, a few text-only items, wrong values and counts.

Everything is drawn from ``random.Random(seed)``, one generator per document (seeded by
the corpus seed and the document number), so document ``n`` is the same in every corpus
size and whatever the order of generation. Nothing here is committed as data: corpora are
written into a cache directory (``write_corpus``) with the same layout as the package
data (``corpus/test/``, ``seeds/``), so that ``--data-root`` finds their seed files.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from wiregold.canonical import canonical_bytes

__all__ = ["Corpus", "doc_id", "gold_document", "prediction", "write_corpus"]

Doc = dict[str, Any]

GPE_NATIONS = ("Pakistan", "Iran", "Afghanistan", "India", "Turkey", "Iraq", "Syria", "Oman")
GPE_CITIES = ("Quetta", "Tehran", "Islamabad", "Panjgur", "Zahedan", "Karachi", "Kabul", "Herat")
PEOPLE = (
    "Jalil Abbas Jilani",
    "Hossein Amir-Abdollahian",
    "Anwaar-ul-Haq Kakar",
    "Ebrahim Raisi",
    "Mumtaz Zahra Baloch",
    "Nasser Kanani",
    "Asim Munir",
    "Ali Bahadori Jahromi",
)
ORGS = (
    ("Jaish al-Adl", "Armed-Group"),
    ("the United Nations", "International"),
    ("the Revolutionary Guards", "Military"),
    ("Reuters", "Media"),
    ("the Baloch Liberation Front", "Armed-Group"),
)
TARGETS = ("hideouts", "camps", "villages", "positions")
ATTACKS = ("attacked", "struck", "bombed", "hit")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NUMBERS = ("two", "three", "four", "five", "six", "seven", "nine", "eleven")
COUNTS = (2, 3, 4, 5, 6, 7, 9, 11)
BOILERPLATE = "We use cookies under KVKK and GDPR. Subscribe to Newswire now."


def doc_id(number: int) -> str:
    return f"syn{number:06d}"


class _Builder:
    """One document under construction: its text and its annotations, with offsets."""

    def __init__(self, rng: random.Random, number: int) -> None:
        self.rng = rng
        self.number = number
        self.parts: list[str] = []
        self.pos = 0
        self.zones: list[Doc] = []
        self.entities: dict[str, Doc] = {}  # canonical name -> entity
        self.mentions: list[Doc] = []
        self.timexes: list[Doc] = []
        self.hoppers: dict[str, Doc] = {}  # event type -> hopper (one hopper per type)
        self.events: list[Doc] = []
        self.casualties: list[Doc] = []
        self.quotes: list[Doc] = []
        self.published = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
        self.people: list[str] = []  # PER entity names, for pronouns
        self.last_org: Doc = {}  # the last foreign-ministry mention (a quote's speaker)
        self.last_attacker = ""  # entity id of the last attacker (casualty perpetrator)

    # -- text ---------------------------------------------------------------------
    def add(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def text(self) -> str:
        return "".join(self.parts)

    def zone(self, ztype: str, start: int, *, annotated: bool, language: str = "en") -> None:
        zid = f"z{len(self.zones) + 1}"
        self.zones.append(
            {
                "id": zid,
                "type": ztype,
                "start": start,
                "end": self.pos,
                "text": "".join(self.parts)[start : self.pos],
                "annotated": annotated,
                "language": language,
            }
        )

    # -- items --------------------------------------------------------------------
    def entity(self, name: str, etype: str, subtype: str) -> Doc:
        if name not in self.entities:
            eid = f"e{len(self.entities) + 1}"
            self.entities[name] = {
                "id": eid,
                "name": name,
                "type": etype,
                "subtype": subtype,
                "class": "SPC",
            }
        return self.entities[name]

    def mention(
        self,
        span: tuple[int, int],
        entity: Doc,
        kind: str,
        *,
        head: tuple[int, int] | None = None,
        gpe_role: str | None = None,
        text: str,
    ) -> Doc:
        start, end = span
        hstart, hend = head or span
        mention = {
            "id": f"m{len(self.mentions) + 1}",
            "start": start,
            "end": end,
            "text": text[start:end],
            "head": {"start": hstart, "end": hend, "text": text[hstart:hend]},
            "entity": entity["id"],
            "type": entity["type"],
            "subtype": entity["subtype"],
            "kind": kind,
            "gpe_role": gpe_role if entity["type"] == "GPE" else None,
            "metonymy": None,
        }
        self.mentions.append(mention)
        return mention

    def event(self, span: tuple[int, int], etype: str, args: list[tuple[str, Doc]]) -> Doc:
        if etype not in self.hoppers:
            hid = f"h{len(self.hoppers) + 1}"
            self.hoppers[etype] = {"id": hid, "type": etype, "description": f"{etype} story"}
        arguments = []
        for role, filler in args:
            key = "timex" if filler["id"].startswith("t") else "mention"
            argument = {"role": role, key: filler["id"]}
            if argument not in arguments:
                arguments.append(argument)
        event = {
            "id": f"ev{len(self.events) + 1}",
            "trigger": {"start": span[0], "end": span[1], "text": ""},
            "type": etype,
            "realis": "ACTUAL" if self.rng.random() < 0.8 else "OTHER",
            "hopper": self.hoppers[etype]["id"],
            "arguments": arguments,
        }
        self.events.append(event)
        return event

    def timex(self, span: tuple[int, int], ttype: str, value: str, *, creation: bool) -> Doc:
        timex = {
            "id": f"t{len(self.timexes) + 1}",
            "start": span[0],
            "end": span[1],
            "text": "",
            "type": ttype,
            "value": value,
            "mod": None,
            "anchor": None if creation else "t1",
            "function": "CREATION_TIME" if creation else "NONE",
        }
        self.timexes.append(timex)
        return timex


# Sentences append their text to the body and return marks; the marks are annotated once
# the whole text is known (a mention's text is read from it).


def _attack(b: _Builder) -> list[Doc]:
    """`<A>\u2019s foreign ministry said <B> <attacked> <targets> in <City> on <Day>.`"""
    rng = b.rng
    a, other = rng.sample(GPE_NATIONS, 2)
    city = rng.choice(GPE_CITIES)
    day_offset = rng.randrange(1, 7)
    day = (b.published - timedelta(days=day_offset)).strftime("%A")
    marks = []
    org_start = b.pos
    a_span = b.add(a)
    b.add("\u2019s foreign ")
    head = b.add("ministry")
    org_span = (org_start, b.pos)
    b.add(" said ")
    content_start = b.pos
    b_span = b.add(other)
    b.add(" ")
    trigger = b.add(rng.choice(ATTACKS))
    b.add(" ")
    target = b.add(rng.choice(TARGETS))
    b.add(" in ")
    city_span = b.add(city)
    b.add(" on ")
    day_span = b.add(day)
    content_end = b.pos
    b.add(". ")
    marks.append(("org", org_span, head, a, a_span))
    marks.append(("attack", trigger, b_span, target, city_span, other, city, day_span, day_offset))
    marks.append(("quote", (content_start, content_end), (head[1] + 1, head[1] + 5), org_span))
    return marks


def _casualty(b: _Builder) -> list[Doc]:
    """`<N> people were killed, <Person> told reporters.`"""
    rng = b.rng
    k = rng.randrange(len(NUMBERS))
    person = rng.choice(PEOPLE)
    start = b.add(NUMBERS[k].capitalize())[0]
    b.add(" ")
    people = b.add("people")
    b.add(" were ")
    trigger = b.add("killed")
    evidence = (start, b.pos)
    b.add(", ")
    person_span = b.add(person)
    b.add(" told reporters. ")
    return [("casualty", evidence, people, trigger, COUNTS[k], person, person_span)]


def _meeting(b: _Builder) -> list[Doc]:
    """`<P1> met <P2> in <City> for two days.`"""
    rng = b.rng
    p1, p2 = rng.sample(PEOPLE, 2)
    city = rng.choice(GPE_CITIES)
    s1 = b.add(p1)
    b.add(" ")
    trigger = b.add("met")
    b.add(" ")
    s2 = b.add(p2)
    b.add(" in ")
    c = b.add(city)
    b.add(" for ")
    duration = b.add("two days")
    b.add(". ")
    return [("meet", trigger, (p1, s1), (p2, s2), (city, c), duration)]


def _statement(b: _Builder) -> list[Doc]:
    """`“We will cooperate with <GPE>,” he said.` (he: the last person named), or an org."""
    rng = b.rng
    country = rng.choice(GPE_NATIONS)
    b.add("“")
    content_start = b.pos
    b.add("We will ")
    trigger = b.add("cooperate")
    b.add(" with ")
    c = b.add(country)
    content_end = b.pos
    b.add(",” ")
    if b.people:
        speaker = b.add("he")
        who = ("PRO", b.people[-1])
    else:
        name, _ = rng.choice(ORGS)
        speaker = b.add(name)
        who = ("NAM", name)
    b.add(" ")
    cue = b.add("said")
    b.add(". ")
    return [("statement", (content_start, content_end), trigger, (country, c), speaker, who, cue)]


_TEMPLATES = (_attack, _casualty, _meeting, _statement)


def gold_document(number: int, *, seed: int = 0) -> tuple[Doc, str]:
    """Gold document ``number`` and its text (the seed file's content)."""
    rng = random.Random(f"wiregold-bench-{seed}-{number}")
    b = _Builder(rng, number)
    a, other = rng.sample(GPE_NATIONS, 2)
    title = [b.add(a)]
    b.add(" and ")
    title.append(b.add(other))
    b.add(" agree to ")
    agree = b.add("de-escalate")
    b.add(" after strikes")
    b.zone("title", 0, annotated=True)
    start = b.pos
    b.add("\n")
    b.zone("separator", start, annotated=False, language="zxx")
    start = b.pos
    dateline = b.add(b.published.strftime("%B %-d, %Y"))
    b.zone("dateline", start, annotated=True)
    start = b.pos
    b.add("\n")
    b.zone("separator", start, annotated=False, language="zxx")
    body_start = b.pos
    marks: list[Any] = []
    sentences = 4 + rng.randrange(3)
    order = [_TEMPLATES[0], *(rng.choice(_TEMPLATES) for _ in range(sentences - 1))]
    for template in order:
        marks.extend(template(b))
    b.parts[-1] = b.parts[-1].rstrip()  # no trailing space in the body
    b.pos = sum(map(len, b.parts))
    b.zone("body", body_start, annotated=True)
    start = b.pos
    b.add("\n")
    b.zone("separator", start, annotated=False, language="zxx")
    start = b.pos
    b.add(BOILERPLATE)
    b.zone("boilerplate", start, annotated=False)
    text = b.text()

    creation = b.timex(dateline, "DATE", b.published.isoformat(), creation=True)
    nation = {n: b.entity(n, "GPE", "Nation") for n in (a, other)}
    title_mentions = [
        b.mention(span, nation[n], "NAM", gpe_role="GOV", text=text)
        for span, n in zip(title, (a, other), strict=True)
    ]
    b.event(agree, "Diplomacy.De-escalate", [("Participant", m) for m in title_mentions])
    del creation
    for mark in marks:
        _annotate(b, mark, text)
    for item in b.events:
        trig = item["trigger"]
        trig["text"] = text[trig["start"] : trig["end"]]
    for item in b.timexes:
        item["text"] = text[item["start"] : item["end"]]
    doc = {
        "schema_version": "1.0",
        "id": doc_id(number),
        "text": text,
        "metadata": {
            "corpus_version": "0.1.0",
            "languages": ["en"],
            "publication_date": b.published.isoformat(),
            "date_line": text[dateline[0] : dateline[1]],
            "source": {
                "agency": "synthetic",
                "publisher": "wiregold benchmarks",
                "seed_file": f"seeds/{doc_id(number)}.txt",
                "seed_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            },
            "annotation_license": "CC-BY-4.0",
            "text_rights": "synthetic text, generated by benchmarks/synth.py",
        },
        "zones": b.zones,
        "entities": list(b.entities.values()),
        "mentions": b.mentions,
        "timexes": b.timexes,
        "hoppers": list(b.hoppers.values()),
        "events": b.events,
        "casualties": b.casualties,
        "quotes": b.quotes,
    }
    return doc, text


def _annotate(b: _Builder, mark: tuple[Any, ...], text: str) -> None:
    kind = mark[0]
    if kind == "org":
        _, org_span, head, nation, nation_span = mark
        org = b.entity(f"{nation}\u2019s foreign ministry", "ORG", "Government")
        b.last_org = b.mention(org_span, org, "NOM", head=head, text=text)
        b.mention(nation_span, b.entity(nation, "GPE", "Nation"), "NAM", gpe_role="GOV", text=text)
    elif kind == "attack":
        _, trigger, b_span, target, city_span, other, city, day_span, offset = mark
        attacker = b.mention(
            b_span, b.entity(other, "GPE", "Nation"), "NAM", gpe_role="GOV", text=text
        )
        facility = b.entity(f"{text[target[0] : target[1]]} in {city}", "FAC", "Building-Grounds")
        tgt = b.mention(target, facility, "NOM", text=text)
        place = b.mention(
            city_span, b.entity(city, "GPE", "Population-Center"), "NAM", gpe_role="LOC", text=text
        )
        when = b.timex(
            day_span, "DATE", (b.published - timedelta(days=offset)).isoformat(), creation=False
        )
        b.last_attacker = attacker["entity"]
        b.event(
            trigger,
            "Conflict.Attack",
            [("Attacker", attacker), ("Target", tgt), ("Place", place), ("Time", when)],
        )
    elif kind == "quote":
        _, content, cue, source = mark
        org = b.last_org
        b.quotes.append(
            {
                "id": f"q{len(b.quotes) + 1}",
                "kind": "indirect",
                "content": {"start": content[0], "end": content[1], "text": text[slice(*content)]},
                "cue": {"start": cue[0], "end": cue[1], "text": text[slice(*cue)]},
                "source": {"start": source[0], "end": source[1], "text": text[slice(*source)]},
                "speakers": [{"entity": org["entity"], "mention": org["id"]}],
                "addressees": [],
            }
        )
    elif kind == "casualty":
        _, evidence, people, trigger, number, person, person_span = mark
        victims = b.mention(
            people, b.entity(f"people killed {evidence[0]}", "PER", "Group"), "NOM", text=text
        )
        reporter = b.entity(person, "PER", "Individual")
        b.mention(person_span, reporter, "NAM", text=text)
        b.people.append(person)
        die = b.event(trigger, "Life.Die", [("Victim", victims)])
        hoppers = [b.hoppers["Life.Die"]["id"]]
        if "Conflict.Attack" in b.hoppers:
            hoppers.append(b.hoppers["Conflict.Attack"]["id"])
        perpetrators = [b.last_attacker] if b.last_attacker else []
        del die
        b.casualties.append(
            {
                "id": f"c{len(b.casualties) + 1}",
                "kind": "killed",
                "count": {"value": number, "low": number, "high": number, "precision": "exact"},
                "victims": {
                    "description": "people",
                    "groups": ["civilians"],
                    "mentions": [victims["id"]],
                },
                "perpetrators": perpetrators,
                "places": [],
                "times": [],
                "hoppers": hoppers,
                "evidence": [
                    {"start": evidence[0], "end": evidence[1], "text": text[slice(*evidence)]}
                ],
                "reported_by": {"entity": reporter["id"], "description": person},
            }
        )
    elif kind == "meet":
        _, trigger, (p1, s1), (p2, s2), (city, c), duration = mark
        m1 = b.mention(s1, b.entity(p1, "PER", "Individual"), "NAM", text=text)
        m2 = b.mention(s2, b.entity(p2, "PER", "Individual"), "NAM", text=text)
        b.people.extend([p1, p2])
        place = b.mention(
            c, b.entity(city, "GPE", "Population-Center"), "NAM", gpe_role="LOC", text=text
        )
        b.timex(duration, "DURATION", "P2D", creation=False)
        b.event(trigger, "Contact.Meet", [("Entity", m1), ("Entity", m2), ("Place", place)])
    elif kind == "statement":
        _, content, trigger, (country, c), speaker, (skind, who), cue = mark
        partner = b.mention(c, b.entity(country, "GPE", "Nation"), "NAM", gpe_role="GOV", text=text)
        if skind == "PRO":
            entity = b.entity(who, "PER", "Individual")
        else:
            entity = b.entity(who, "ORG", dict(ORGS)[who])
        spoken = b.mention(speaker, entity, skind, text=text)
        b.event(trigger, "Diplomacy.Cooperate", [("Participant", partner)])
        b.quotes.append(
            {
                "id": f"q{len(b.quotes) + 1}",
                "kind": "direct",
                "content": {"start": content[0], "end": content[1], "text": text[slice(*content)]},
                "cue": {"start": cue[0], "end": cue[1], "text": text[slice(*cue)]},
                "source": {"start": speaker[0], "end": speaker[1], "text": text[slice(*speaker)]},
                "speakers": [{"entity": entity["id"], "mention": spoken["id"]}],
                "addressees": [],
            }
        )


# --------------------------------------------------------------------------- predictions

ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC")
TIMEX_TYPES = ("DATE", "TIME", "DURATION")


def _shifted(rng: random.Random, start: int, end: int, limit: int) -> tuple[int, int]:
    """A boundary error: one side moved by one or two code points, never empty."""
    if end - start > 2 and rng.random() < 0.5:
        return (start + 1, end) if rng.random() < 0.5 else (start, end - 1)
    return (start, min(limit, end + rng.randint(1, 2)))


def prediction(gold: Doc, *, seed: int = 0) -> Doc:
    """A system's prediction for ``gold``: mostly right, with every kind of error."""
    rng = random.Random(f"wiregold-pred-{seed}-{gold['id']}")
    text: str = gold["text"]
    n = len(text)
    mention_ids: dict[str, str] = {}  # gold mention id -> predicted id
    mentions: list[Doc] = []
    for m in gold["mentions"]:
        r = rng.random()
        if r < 0.05:
            continue  # missed
        pid = f"p{len(mentions) + 1}"
        start, end, mtype = m["start"], m["end"], m["type"]
        if r < 0.07:  # text only
            mentions.append({"text": m["text"], "type": mtype})
            continue
        if r < 0.13:
            start, end = _shifted(rng, start, end, n)
        elif r < 0.17:
            mtype = rng.choice([t for t in ENTITY_TYPES if t != mtype])
        elif r < 0.19:
            start, end = _shifted(rng, start, end, n)
            mtype = rng.choice([t for t in ENTITY_TYPES if t != mtype])
        entity = m["entity"] if rng.random() < 0.9 else f"x{rng.randrange(10**6)}"
        mentions.append(
            {
                "id": pid,
                "start": start,
                "end": end,
                "text": text[start:end],
                "type": mtype,
                "kind": m["kind"],
                "entity": entity,
            }
        )
        if (start, end) == (m["start"], m["end"]):
            mention_ids[m["id"]] = pid
    words = [(i, i + len(w)) for i, w in _words(text)]
    for _ in range(rng.choice((0, 0, 1, 1, 2))):  # spurious, some in the boilerplate
        start, end = rng.choice(words)
        mentions.append(
            {
                "id": f"p{len(mentions) + 1}",
                "start": start,
                "end": end,
                "text": text[start:end],
                "type": rng.choice(ENTITY_TYPES),
                "kind": "NAM",
            }
        )
    timex_ids: dict[str, str] = {}
    timexes: list[Doc] = []
    for t in gold["timexes"]:
        r = rng.random()
        if r < 0.08:
            continue
        start, end = t["start"], t["end"]
        ttype, value = t["type"], t["value"]
        if r < 0.14:
            start, end = _shifted(rng, start, end, n)
        elif r < 0.18:
            ttype = rng.choice([x for x in TIMEX_TYPES if x != ttype])
        elif r < 0.25:
            value = "2023-12-31" if ttype == "DATE" else "P1D"
        tid = f"pt{len(timexes) + 1}"
        timexes.append(
            {
                "id": tid,
                "start": start,
                "end": end,
                "text": text[start:end],
                "type": ttype,
                "value": value,
            }
        )
        timex_ids[t["id"]] = tid
    events: list[Doc] = []
    for e in gold["events"]:
        r = rng.random()
        if r < 0.08:
            continue
        trig = e["trigger"]
        start, end, etype = trig["start"], trig["end"], e["type"]
        if r < 0.13:
            start, end = _shifted(rng, start, end, n)
        elif r < 0.17:
            etype = "Conflict.Attack" if etype != "Conflict.Attack" else "Life.Die"
        arguments = []
        for arg in e["arguments"]:
            if rng.random() < 0.1:
                continue
            role = arg["role"] if rng.random() < 0.95 else "Place"
            if "mention" in arg and arg["mention"] in mention_ids:
                filler = {"mention": mention_ids[arg["mention"]]}
            elif "timex" in arg and arg["timex"] in timex_ids:
                filler = {"timex": timex_ids[arg["timex"]]}
            else:
                continue
            if {"role": role, **filler} not in arguments:
                arguments.append({"role": role, **filler})
        events.append(
            {
                "trigger": {"start": start, "end": end, "text": text[start:end]},
                "type": etype,
                "realis": e["realis"] if rng.random() < 0.9 else "GENERIC",
                "hopper": e["hopper"],
                "arguments": arguments,
            }
        )
    entity_labels = {m.get("entity") for m in mentions}
    hopper_labels = {e["hopper"] for e in events}
    casualties: list[Doc] = []
    for c in gold["casualties"]:
        if rng.random() < 0.1:
            continue
        value = c["count"]["value"]
        if rng.random() < 0.2:
            value += 1
        casualties.append(
            {
                "kind": c["kind"],
                "count": {"value": value, "low": value, "high": value, "precision": "exact"},
                "victims": {
                    "description": c["victims"]["description"],
                    "groups": c["victims"]["groups"],
                    "mentions": [
                        mention_ids[m] for m in c["victims"]["mentions"] if m in mention_ids
                    ],
                },
                "perpetrators": [e for e in c["perpetrators"] if e in entity_labels],
                "places": [],
                "times": [],
                "hoppers": [h for h in c["hoppers"] if h in hopper_labels],
                "evidence": c["evidence"],
            }
        )
    quotes: list[Doc] = []
    for q in gold["quotes"]:
        if rng.random() < 0.1:
            continue
        content = q["content"]
        if rng.random() < 0.15:
            s, e = _shifted(rng, content["start"], content["end"], n)
            content = {"start": s, "end": e, "text": text[s:e]}
        speakers = []
        for sp in q["speakers"]:
            pid = mention_ids.get(sp["mention"] or "")
            owner = next((m.get("entity") for m in mentions if m.get("id") == pid), None)
            if pid is not None and owner is not None:
                speakers.append({"entity": owner, "mention": pid})
        quotes.append(
            {
                "kind": q["kind"],
                "content": content,
                "cue": q["cue"],
                "source": q["source"],
                "speakers": speakers,
            }
        )
    return {
        "doc_id": gold["id"],
        "mentions": mentions,
        "timexes": timexes,
        "events": events,
        "casualties": casualties,
        "quotes": quotes,
    }


def _words(text: str) -> Iterator[tuple[int, str]]:
    start = None
    for i, ch in enumerate(text):
        if ch.isalpha():
            if start is None:
                start = i
        elif start is not None:
            yield start, text[start:i]
            start = None
    if start is not None:
        yield start, text[start:]


# ------------------------------------------------------------------------------ writing


@dataclass(frozen=True)
class Corpus:
    """A synthetic corpus on disk: ``root/corpus/test/*.json``, ``root/seeds/*.txt`` and
    the predictions ``root/pred.jsonl`` (in shuffled document order)."""

    root: Path
    documents: int

    @property
    def gold(self) -> Path:
        return self.root / "corpus" / "test"

    @property
    def pred(self) -> Path:
        return self.root / "pred.jsonl"


def write_corpus(root: Path, *, documents: int, seed: int = 0) -> Corpus:
    """Generate ``documents`` gold documents and a prediction file under ``root`` (reused
    when a previous run left a complete one: the ``done`` marker is written last)."""
    corpus = Corpus(root, documents)
    marker = root / "done"
    if marker.is_file() and marker.read_text() == f"{documents} {seed}\n":
        return corpus
    corpus.gold.mkdir(parents=True, exist_ok=True)
    (root / "seeds").mkdir(exist_ok=True)
    order = list(range(documents))
    random.Random(seed).shuffle(order)  # the prediction file is not in id order
    lines: dict[int, bytes] = {}
    for number in range(documents):
        doc, text = gold_document(number, seed=seed)
        (root / "seeds" / f"{doc['id']}.txt").write_bytes(text.encode("utf-8"))
        (corpus.gold / f"{doc['id']}.json").write_bytes(canonical_bytes(doc=doc))
        pred = prediction(doc, seed=seed)
        lines[number] = json.dumps(pred, ensure_ascii=False).encode("utf-8") + b"\n"
    with corpus.pred.open("wb") as handle:
        for number in order:
            handle.write(lines[number])
    marker.write_text(f"{documents} {seed}\n")
    return corpus
