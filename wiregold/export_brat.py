"""brat standoff export: ``<doc_id>.txt``, ``<doc_id>.ann``, ``annotation.conf``, ``visual.conf``.

The ``.txt`` file is the document's ``text``, byte for byte; ``.ann`` offsets are the
gold's code-point offsets. brat counts characters of the decoded text, which equals code
points only for text without characters outside the Basic Multilingual Plane (its web
client counts UTF-16 units) and without ``\\r`` (Python reads ``\\r\\n`` as one
character); such a document is refused rather than exported with shifted offsets.

What becomes what:

- mention -> ``T`` with its ACE type; attributes ``Kind`` (NAM/NOM/PRO), ``Subtype``,
  ``GpeRole``, ``Metonymy``; a note ``id=m1 entity=e1 name=...``;
- entity -> ``*\\tCoref T.. T..`` equivalence over its mentions (2 or more);
- timex -> ``T`` of type ``Timex`` with attribute ``TimexType``; note with its value;
- event -> trigger ``T`` and ``E`` line of the event type with ``Role:T..`` arguments,
  attribute ``Realis``, note ``id=ev1 hopper=h1``;
- quote -> ``T`` ``Quote`` over the content, attribute ``QuoteKind``, relations
  ``Speaker``/``Addressee`` to the speaker's mention, ``QuoteCue`` to a ``Cue`` ``T``,
  ``QuoteSource`` to a ``Source`` ``T``; note with the speaker entities (a speaker may
  have no mention);
- casualty -> ``T`` ``Casualty`` over its evidence spans (discontinuous), attribute
  ``CasualtyKind``, ``Victim`` relations to victim mentions, note with the count and
  the linked entities, timexes and hoppers.

Zones are not exported (the ``.txt`` is the whole text, boilerplate included).

brat type names cannot contain dots, so ``.`` in event types is written as ``_``
(``Conflict.Attack`` <-> ``Conflict_Attack``); no inventory name contains ``_``, so the
mapping is reversible (checked). brat needs distinct argument names in one event, so a
repeated role is numbered: ``Participant:T1 Participant2:T2`` (roles have no digits,
checked); strip the digits to read it back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from wiregold import paths
from wiregold.atomic import write_atomically
from wiregold.export import ExportError
from wiregold.model import Document, TextSpan

TIMEX = "Timex"
QUOTE = "Quote"
CUE = "Cue"
SOURCE = "Source"
CASUALTY = "Casualty"
_NOTE = "AnnotatorNotes"


def to_brat_type(name: str) -> str:
    """``Conflict.Attack`` -> ``Conflict_Attack``."""
    if "_" in name:
        raise ExportError(f"type {name!r} contains '_': cannot map dots reversibly")
    return name.replace(".", "_")


def from_brat_type(name: str) -> str:
    """``Conflict_Attack`` -> ``Conflict.Attack``."""
    return name.replace("_", ".")


def role_from_brat(name: str) -> str:
    """``Participant2`` -> ``Participant``."""
    return name.rstrip("0123456789")


def _inventory() -> dict[str, Any]:
    return json.loads(paths.inventory_path().read_text(encoding="utf-8"))


def _enum(definition: str, key: str) -> list[str]:
    schema = json.loads(paths.schema_path().read_text(encoding="utf-8"))
    values = schema["$defs"][definition]["properties"][key]["enum"]
    return [v for v in values if v is not None]


def _check_text(doc: Document) -> None:
    wide = next((c for c in doc.text if ord(c) > 0xFFFF), None)
    if wide is not None:
        raise ExportError(
            f"{doc.id}: U+{ord(wide):04X} is outside the Basic Multilingual Plane; brat "
            "would count it as two characters and shift every later offset"
        )
    if "\r" in doc.text:
        raise ExportError(f"{doc.id}: the text contains \\r, which brat reads as a line break")


class _Ann:
    """Numbered brat annotation lines of one document."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[str] = []
        self.counts: dict[str, int] = {}

    def next_id(self, prefix: str) -> str:
        self.counts[prefix] = self.counts.get(prefix, 0) + 1
        return f"{prefix}{self.counts[prefix]}"

    def textbound(self, label: str, spans: Iterable[TextSpan]) -> str:
        fragments = list(spans)
        for span in fragments:
            if "\n" in span.text:
                raise ExportError(f"span [{span.start}, {span.end}) crosses a line break")
        tid = self.next_id("T")
        offsets = ";".join(f"{s.start} {s.end}" for s in fragments)
        surface = " ".join(s.text for s in fragments)
        self.lines.append(f"{tid}\t{label} {offsets}\t{surface}")
        return tid

    def attribute(self, name: str, target: str, value: str | None) -> None:
        if value is not None:
            self.lines.append(f"{self.next_id('A')}\t{name} {target} {value}")

    def relation(self, name: str, arg1: str, arg2: str) -> None:
        self.lines.append(f"{self.next_id('R')}\t{name} Arg1:{arg1} Arg2:{arg2}")

    def note(self, target: str, fields: dict[str, Any]) -> None:
        text = " ".join(f"{k}={v}" for k, v in fields.items())
        self.lines.append(f"{self.next_id('#')}\t{_NOTE} {target}\t{text}")


def _ids(values: Iterable[str | None]) -> str:
    return ",".join(v for v in values if v is not None)


def ann_text(*, doc: Document) -> str:
    """The ``.ann`` content of one document."""
    _check_text(doc)
    ann = _Ann(doc.text)
    mention_t: dict[str, str] = {}
    for mention in doc.mentions:
        tid = ann.textbound(mention.type, [mention.span])
        mention_t[mention.id] = tid
        ann.attribute("Kind", tid, mention.kind)
        ann.attribute("Subtype", tid, mention.subtype)
        ann.attribute("GpeRole", tid, mention.gpe_role)
        ann.attribute("Metonymy", tid, mention.metonymy)
        name = doc.entity(mention.entity).name
        ann.note(tid, {"id": mention.id, "entity": mention.entity, "name": name})
    for entity in doc.entities:
        members = [mention_t[m.id] for m in doc.mentions if m.entity == entity.id]
        if len(members) > 1:
            ann.lines.append("*\tCoref " + " ".join(members))
    timex_t: dict[str, str] = {}
    for timex in doc.timexes:
        tid = ann.textbound(TIMEX, [timex.span])
        timex_t[timex.id] = tid
        ann.attribute("TimexType", tid, timex.type)
        ann.note(tid, {"id": timex.id, "value": timex.value, "anchor": timex.anchor or ""})
    for event in doc.events:
        label = to_brat_type(event.type)
        trigger = ann.textbound(label, [event.trigger])
        eid = ann.next_id("E")
        used: dict[str, int] = {}
        parts = [f"{label}:{trigger}"]
        for argument in event.arguments:
            if argument.role.rstrip("0123456789") != argument.role:
                raise ExportError(f"role {argument.role!r} ends with a digit")
            used[argument.role] = used.get(argument.role, 0) + 1
            number = used[argument.role]
            role = argument.role if number == 1 else f"{argument.role}{number}"
            filler = mention_t.get(argument.target) or timex_t[argument.target]
            parts.append(f"{role}:{filler}")
        ann.lines.append(f"{eid}\t{' '.join(parts)}")
        ann.attribute("Realis", eid, event.realis)
        ann.note(eid, {"id": event.id, "hopper": event.hopper})
    for quote in doc.quotes:
        tid = ann.textbound(QUOTE, [quote.content])
        ann.attribute("QuoteKind", tid, quote.kind)
        if quote.cue is not None:
            ann.relation("QuoteCue", tid, ann.textbound(CUE, [quote.cue]))
        if quote.source is not None:
            ann.relation("QuoteSource", tid, ann.textbound(SOURCE, [quote.source]))
        for relation, people in (("Speaker", quote.speakers), ("Addressee", quote.addressees)):
            for person in people:
                if person.mention is not None:
                    ann.relation(relation, tid, mention_t[person.mention])
        speakers = _ids(p.entity for p in quote.speakers)
        addressees = _ids(p.entity for p in quote.addressees)
        ann.note(tid, {"id": quote.id, "speakers": speakers, "addressees": addressees})
    for casualty in doc.casualties:
        tid = ann.textbound(CASUALTY, sorted(casualty.evidence, key=lambda s: s.start))
        ann.attribute("CasualtyKind", tid, casualty.kind)
        for victim in casualty.victims.mentions:
            ann.relation("Victim", tid, mention_t[victim])
        count = casualty.count
        numbers = {"value": count.value, "low": count.low, "high": count.high}
        fields: dict[str, Any] = {"id": casualty.id, "precision": count.precision}
        fields |= {key: value for key, value in numbers.items() if value is not None}
        fields |= {
            "perpetrators": _ids(casualty.perpetrators),
            "places": _ids(casualty.places),
            "times": _ids(casualty.times),
            "hoppers": _ids(casualty.hoppers),
            "reported_by": casualty.reported_by.entity or "",
        }
        ann.note(tid, fields)
    return "\n".join(ann.lines) + "\n"


def annotation_conf() -> str:
    """brat's ``annotation.conf`` for the wiregold inventory and attributes."""
    inventory = _inventory()
    entity_types = list(inventory["entity_types"])
    mentions = "|".join(entity_types)
    spans = "|".join([*entity_types, TIMEX, QUOTE, CUE, SOURCE, CASUALTY])
    subtypes = sorted({s for subs in inventory["entity_types"].values() for s in subs})
    lines = ["[entities]", *entity_types, TIMEX, QUOTE, CUE, SOURCE, CASUALTY, ""]
    lines += [
        "[relations]",
        f"Speaker\tArg1:{QUOTE}, Arg2:{mentions}",
        f"Addressee\tArg1:{QUOTE}, Arg2:{mentions}",
        f"QuoteCue\tArg1:{QUOTE}, Arg2:{CUE}",
        f"QuoteSource\tArg1:{QUOTE}, Arg2:{SOURCE}",
        f"Victim\tArg1:{CASUALTY}, Arg2:{mentions}",
        f"Coref\tArg1:{mentions}, Arg2:{mentions}, <REL-TYPE>:symmetric-transitive",
        # nested mentions, triggers inside mentions, quotes containing everything
        f"<OVERLAP>\tArg1:{spans}, Arg2:{spans}, <OVL-TYPE>:<ANY>",
        "",
        "[events]",
    ]
    fillers = "|".join([*entity_types, TIMEX])
    for event_type, roles in inventory["event_types"].items():
        arguments = ", ".join(f"{role}*:{fillers}" for role in roles)
        lines.append(f"{to_brat_type(event_type)}\t{arguments}")
    values = {
        "Kind": (mentions, _enum("mention", "kind")),
        "Subtype": (mentions, subtypes),
        "GpeRole": ("GPE", _enum("mention", "gpe_role")),
        "Metonymy": (mentions, _enum("mention", "metonymy")),
        "TimexType": (TIMEX, _enum("timex", "type")),
        "Realis": ("<EVENT>", _enum("event", "realis")),
        "QuoteKind": (QUOTE, _enum("quote", "kind")),
        "CasualtyKind": (CASUALTY, _enum("casualty", "kind")),
    }
    lines += ["", "[attributes]"]
    lines += [f"{name}\tArg:{arg}, Value:{'|'.join(vals)}" for name, (arg, vals) in values.items()]
    return "\n".join(lines) + "\n"


def visual_conf() -> str:
    """brat's ``visual.conf``: event types shown with their dotted names, entity colours."""
    inventory = _inventory()
    lines = ["[labels]"]
    lines += [f"{to_brat_type(t)} | {t}" for t in inventory["event_types"]]
    colours = ["#ffccaa", "#8fb2ff", "#7fe2ff", "#6fffdf", "#aaaaee", "#ccccee", "#ff8080"]
    lines += [
        "",
        "[drawing]",
        "SPAN_DEFAULT\tfgColor:black, bgColor:lightgreen, borderColor:darken",
    ]
    lines += ["ARC_DEFAULT\tcolor:black, arrowHead:triangle-5"]
    for entity_type, colour in zip(inventory["entity_types"], colours, strict=False):
        lines.append(f"{entity_type}\tbgColor:{colour}")
    lines += [
        f"{TIMEX}\tbgColor:#ffff99",
        f"{QUOTE}\tbgColor:#e0e0e0",
        f"{CASUALTY}\tbgColor:#ffb3b3",
    ]
    lines += [f"{to_brat_type(t)}\tbgColor:lightgreen" for t in inventory["event_types"]]
    return "\n".join(lines) + "\n"


def write_brat(*, documents: Iterable[Document], out: Path, split: str) -> list[Path]:
    """Write the brat files of ``documents`` into ``out``; return them (``split`` unused)."""
    del split  # one directory per export: brat collections are directories
    written: list[Path] = []
    for doc in documents:
        ann = ann_text(doc=doc)  # checks the text before anything is written
        txt_path, ann_path = out / f"{doc.id}.txt", out / f"{doc.id}.ann"
        # Atomic: a full disk leaves no half-written file behind.
        write_atomically(path=txt_path, data=doc.text.encode("utf-8"))
        write_atomically(path=ann_path, data=ann.encode("utf-8"))
        written += [txt_path, ann_path]
    for name, content in (("annotation.conf", annotation_conf()), ("visual.conf", visual_conf())):
        path = out / name
        write_atomically(path=path, data=content.encode("utf-8"))
        written.append(path)
    return written
