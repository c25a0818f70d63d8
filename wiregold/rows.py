"""Flat rows per layer: the ONE row builder behind the generated JSONL files and pandas.

Each flat config of the dataset (``mentions``, ``events``, ``ner_tokens``, ...) is a
:class:`Table`: its columns (name, type, description) and a function from a document to
rows. ``wiregold build`` writes ``rows(...)`` as ``data/<config>/<split>.jsonl`` and
declares the columns as the dataset card's features and the Croissant fields;
``wiregold.to_pandas`` turns the very same rows into a DataFrame. Rows repeat what a
user needs to avoid joins (a mention row carries its entity's name; an argument row its
event's trigger and its filler's text); every row has ``doc_id``.

Row order is stable: documents by id, then items in the order of the canonical gold file
(by position in the text), event arguments in their stored order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from wiregold.model import Document, Participant, TextSpan, Zone
from wiregold.tokens import ner_labels, tag_document

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    dtype: str  # "string", "int64" or "bool"
    description: str
    nullable: bool = False  # the value (or, when repeated, an item) may be null
    repeated: bool = False  # a list of dtype values
    labels: tuple[str, ...] | None = None  # class labels: the values are their ids


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    make_rows: Callable[[Document], Iterator[Row]]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _s(name: str, description: str, *, nullable: bool = False) -> Column:
    return Column(name, "string", description, nullable=nullable)


def _i(name: str, description: str, *, nullable: bool = False) -> Column:
    return Column(name, "int64", description, nullable=nullable)


def _strings(name: str, description: str, *, nullable: bool = False) -> Column:
    return Column(name, "string", description, nullable=nullable, repeated=True)


def _ints(name: str, description: str) -> Column:
    return Column(name, "int64", description, repeated=True)


def _span(prefix: str, what: str, *, nullable: bool = False) -> tuple[Column, ...]:
    return (
        _i(f"{prefix}start", f"{what}: first code point (0-based)", nullable=nullable),
        _i(f"{prefix}end", f"{what}: code point after the last (half-open)", nullable=nullable),
        _s(f"{prefix}text", f"{what}: the surface string text[start:end]", nullable=nullable),
    )


def _span_values(prefix: str, span: TextSpan | None) -> Row:
    if span is None:
        return {f"{prefix}start": None, f"{prefix}end": None, f"{prefix}text": None}
    return {f"{prefix}start": span.start, f"{prefix}end": span.end, f"{prefix}text": span.text}


_DOC_ID = _s("doc_id", "id of the document (its file name in corpus/<split>/)")
_ZONE = (_s("zone_id", "id of the zone holding the item"), _s("zone_type", "type of that zone"))


def _zone_values(zone: Zone) -> Row:
    return {"zone_id": zone.id, "zone_type": zone.type}


# -- zones -------------------------------------------------------------------------------


def _zone_rows(doc: Document) -> Iterator[Row]:
    for zone in doc.zones:
        yield {
            "doc_id": doc.id,
            "id": zone.id,
            "type": zone.type,
            **_span_values("", zone.span),
            "annotated": zone.annotated,
            "language": zone.language,
        }


ZONES = Table(
    "zones",
    "Zones tiling the text: title, date lines, headlines, body, section heading, "
    "boilerplate, separators. Only annotated zones carry annotations.",
    (
        _DOC_ID,
        _s("id", "zone id"),
        _s("type", "title, dateline, headline, body, section_heading, boilerplate, separator"),
        *_span("", "the zone"),
        Column("annotated", "bool", "whether the zone is annotated (guidelines Z3)"),
        _s("language", "BCP-47 language of the zone (zxx: no linguistic content)"),
    ),
    _zone_rows,
)

# -- entities and mentions ---------------------------------------------------------------


def _entity_rows(doc: Document) -> Iterator[Row]:
    for entity in doc.entities:
        mentions = [m for m in doc.mentions if m.entity == entity.id]
        yield {
            "doc_id": doc.id,
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "subtype": entity.subtype,
            "class": entity.class_,
            "mention_count": len(mentions),
            "mention_ids": [m.id for m in mentions],
            "mention_texts": [m.text for m in mentions],
        }


ENTITIES = Table(
    "entities",
    "Entities: coreference clusters of mentions with a canonical name.",
    (
        _DOC_ID,
        _s("id", "entity id"),
        _s("name", "canonical name: the fullest name in the text, else a short description"),
        _s("type", "ACE entity type: PER, ORG, GPE, LOC, FAC, VEH, WEA"),
        _s("subtype", "ACE subtype", nullable=True),
        _s("class", "SPC (specific), GEN (generic) or USP (underspecified)"),
        _i("mention_count", "number of mentions of the entity"),
        _strings("mention_ids", "ids of its mentions, in text order"),
        _strings("mention_texts", "surface strings of its mentions, in text order"),
    ),
    _entity_rows,
)


def _mention_rows(doc: Document) -> Iterator[Row]:
    for mention in doc.mentions:
        yield {
            "doc_id": doc.id,
            "id": mention.id,
            **_span_values("", mention.span),
            **_span_values("head_", mention.head),
            "type": mention.type,
            "subtype": mention.subtype,
            "kind": mention.kind,
            "gpe_role": mention.gpe_role,
            "metonymy": mention.metonymy,
            "entity_id": mention.entity,
            "entity_name": doc.entity(mention.entity).name,
            **_zone_values(doc.zone_at(mention.start)),
        }


MENTIONS = Table(
    "mentions",
    "Entity mentions (names, nominals, pronouns) with extent, head, type and entity; "
    "nested mentions are kept.",
    (
        _DOC_ID,
        _s("id", "mention id"),
        *_span("", "the mention's full extent"),
        *_span("head_", "the mention's head"),
        _s("type", "ACE entity type"),
        _s("subtype", "ACE subtype", nullable=True),
        _s("kind", "NAM (name), NOM (nominal) or PRO (pronoun)"),
        _s("gpe_role", "GPE mentions: GOV, POP, LOC or GPE", nullable=True),
        _s("metonymy", "capital-for-government, or null", nullable=True),
        _s("entity_id", "id of the entity the mention refers to"),
        _s("entity_name", "canonical name of that entity"),
        *_ZONE,
    ),
    _mention_rows,
)

# -- temporal expressions ----------------------------------------------------------------


def _timex_rows(doc: Document) -> Iterator[Row]:
    for timex in doc.timexes:
        yield {
            "doc_id": doc.id,
            "id": timex.id,
            **_span_values("", timex.span),
            "type": timex.type,
            "value": timex.value,
            "mod": timex.mod,
            "anchor_id": timex.anchor,
            "function": timex.function,
            **_zone_values(doc.zone_at(timex.start)),
        }


TIMEXES = Table(
    "timexes",
    "TIMEX3 temporal expressions, normalised against the date line.",
    (
        _DOC_ID,
        _s("id", "timex id"),
        *_span("", "the expression"),
        _s("type", "DATE, TIME, DURATION or SET"),
        _s("value", "TIMEX3 value, e.g. 2024-01-19, P3W"),
        _s("mod", "TIMEX3 mod (APPROX, BEFORE, ...)", nullable=True),
        _s("anchor_id", "id of the timex the value was computed from", nullable=True),
        _s("function", "CREATION_TIME (the date line) or NONE"),
        *_ZONE,
    ),
    _timex_rows,
)

# -- events --------------------------------------------------------------------------------


def _hopper_rows(doc: Document) -> Iterator[Row]:
    for hopper in doc.hoppers:
        events = [e for e in doc.events if e.hopper == hopper.id]
        yield {
            "doc_id": doc.id,
            "id": hopper.id,
            "type": hopper.type,
            "description": hopper.description,
            "event_count": len(events),
            "event_ids": [e.id for e in events],
            "trigger_texts": [e.trigger.text for e in events],
        }


HOPPERS = Table(
    "hoppers",
    "Event hoppers: clusters of coreferent event mentions (Rich ERE).",
    (
        _DOC_ID,
        _s("id", "hopper id"),
        _s("type", "event type of its events"),
        _s("description", "what happened, in words"),
        _i("event_count", "number of event mentions in the hopper"),
        _strings("event_ids", "ids of its event mentions, in text order"),
        _strings("trigger_texts", "their triggers, in text order"),
    ),
    _hopper_rows,
)


def _event_rows(doc: Document) -> Iterator[Row]:
    hoppers = {h.id: h for h in doc.hoppers}
    for event in doc.events:
        yield {
            "doc_id": doc.id,
            "id": event.id,
            "type": event.type,
            "realis": event.realis,
            **_span_values("trigger_", event.trigger),
            "hopper_id": event.hopper,
            "hopper_description": hoppers[event.hopper].description,
            "argument_count": len(event.arguments),
            **_zone_values(doc.zone_at(event.trigger.start)),
        }


_EVENT_TYPE = _s("type", "event type, e.g. Conflict.Attack (schema/inventory.json)")
_REALIS = _s("realis", "ACTUAL, GENERIC or OTHER")

EVENTS = Table(
    "events",
    "Event mentions: trigger, type, realis and hopper (event coreference).",
    (
        _DOC_ID,
        _s("id", "event id"),
        _EVENT_TYPE,
        _REALIS,
        *_span("trigger_", "the trigger"),
        _s("hopper_id", "id of the hopper (event coreference cluster)"),
        _s("hopper_description", "the hopper's description"),
        _i("argument_count", "number of arguments"),
        *_ZONE,
    ),
    _event_rows,
)


def _argument_rows(doc: Document) -> Iterator[Row]:
    for event in doc.events:
        for argument in event.arguments:
            row: Row = {
                "doc_id": doc.id,
                "event_id": event.id,
                "event_type": event.type,
                "realis": event.realis,
                **_span_values("trigger_", event.trigger),
                "role": argument.role,
                "argument_kind": argument.kind,
                "argument_id": argument.target,
            }
            if argument.mention is not None:
                mention = doc.mention(argument.mention)
                row |= _span_values("argument_", mention.span)
                row |= {
                    "argument_type": mention.type,
                    "argument_entity_id": mention.entity,
                    "argument_entity_name": doc.entity(mention.entity).name,
                    "argument_timex_value": None,
                }
            else:
                timex = doc.timex(argument.target)
                row |= _span_values("argument_", timex.span)
                row |= {
                    "argument_type": timex.type,
                    "argument_entity_id": None,
                    "argument_entity_name": None,
                    "argument_timex_value": timex.value,
                }
            yield row


EVENT_ARGUMENTS = Table(
    "event_arguments",
    "Event arguments, one row per (event, role, filler), with the event's trigger and the "
    "filler's span, type and entity.",
    (
        _DOC_ID,
        _s("event_id", "id of the event"),
        _s("event_type", "its event type"),
        _REALIS,
        *_span("trigger_", "the event's trigger"),
        _s("role", "argument role (schema/inventory.json)"),
        _s("argument_kind", "mention or timex: what fills the role"),
        _s("argument_id", "id of the mention or timex"),
        *_span("argument_", "the filler"),
        _s("argument_type", "ACE type of the mention, or TIMEX3 type of the timex"),
        _s("argument_entity_id", "entity of the mention (null for a timex)", nullable=True),
        _s("argument_entity_name", "canonical name of that entity", nullable=True),
        _s("argument_timex_value", "TIMEX3 value (null for a mention)", nullable=True),
    ),
    _argument_rows,
)

# -- casualties ----------------------------------------------------------------------------


def _casualty_rows(doc: Document) -> Iterator[Row]:
    for casualty in doc.casualties:
        reporter = casualty.reported_by.entity
        victims = [doc.mention(m) for m in casualty.victims.mentions]
        yield {
            "doc_id": doc.id,
            "id": casualty.id,
            "kind": casualty.kind,
            "count_value": casualty.count.value,
            "count_low": casualty.count.low,
            "count_high": casualty.count.high,
            "count_precision": casualty.count.precision,
            "victims_description": casualty.victims.description,
            "victim_groups": list(casualty.victims.groups),
            "victim_mention_ids": [m.id for m in victims],
            "victim_mention_texts": [m.text for m in victims],
            "perpetrator_entity_ids": list(casualty.perpetrators),
            "perpetrator_names": [doc.entity(e).name for e in casualty.perpetrators],
            "place_entity_ids": list(casualty.places),
            "place_names": [doc.entity(e).name for e in casualty.places],
            "time_timex_ids": list(casualty.times),
            "time_values": [doc.timex(t).value for t in casualty.times],
            "hopper_ids": list(casualty.hoppers),
            "evidence_starts": [s.start for s in casualty.evidence],
            "evidence_ends": [s.end for s in casualty.evidence],
            "evidence_texts": [s.text for s in casualty.evidence],
            "reported_by_entity_id": reporter,
            "reported_by_name": None if reporter is None else doc.entity(reporter).name,
            "reported_by_description": casualty.reported_by.description,
        }


CASUALTIES = Table(
    "casualties",
    "Document-level casualty records: kind, count (value, low, high, precision), victims, "
    "perpetrators, places, times, causing events, evidence spans and source.",
    (
        _DOC_ID,
        _s("id", "casualty record id"),
        _s("kind", "killed, injured, missing, abducted, arrested or displaced"),
        _i("count_value", "the number, when one is given", nullable=True),
        _i("count_low", "lower bound", nullable=True),
        _i("count_high", "upper bound", nullable=True),
        _s("count_precision", "exact, approximate, range, at_least, at_most, vague, unknown"),
        _s("victims_description", "the victims in words", nullable=True),
        _strings("victim_groups", "civilians, women, children, ..."),
        _strings("victim_mention_ids", "mentions of the victims"),
        _strings("victim_mention_texts", "their surface strings"),
        _strings("perpetrator_entity_ids", "entities responsible"),
        _strings("perpetrator_names", "their canonical names"),
        _strings("place_entity_ids", "entities where it happened"),
        _strings("place_names", "their canonical names"),
        _strings("time_timex_ids", "timexes of when it happened"),
        _strings("time_values", "their TIMEX3 values"),
        _strings("hopper_ids", "hoppers of the events that are or caused the harm"),
        _ints("evidence_starts", "starts of the evidence spans"),
        _ints("evidence_ends", "ends of the evidence spans"),
        _strings("evidence_texts", "surface strings of the evidence spans"),
        _s("reported_by_entity_id", "entity reporting the figure", nullable=True),
        _s("reported_by_name", "its canonical name", nullable=True),
        _s("reported_by_description", "the source in words"),
    ),
    _casualty_rows,
)

# -- quotes ------------------------------------------------------------------------------


def _participants(doc: Document, prefix: str, people: tuple[Participant, ...]) -> Row:
    return {
        f"{prefix}_entity_ids": [p.entity for p in people],
        f"{prefix}_names": [doc.entity(p.entity).name for p in people],
        f"{prefix}_mention_ids": [p.mention for p in people],
    }


def _quote_rows(doc: Document) -> Iterator[Row]:
    for quote in doc.quotes:
        yield {
            "doc_id": doc.id,
            "id": quote.id,
            "kind": quote.kind,
            **_span_values("content_", quote.content),
            **_span_values("cue_", quote.cue),
            **_span_values("source_", quote.source),
            **_participants(doc, "speaker", quote.speakers),
            **_participants(doc, "addressee", quote.addressees),
            **_zone_values(doc.zone_at(quote.content.start)),
        }


def _people(prefix: str, what: str) -> tuple[Column, ...]:
    return (
        _strings(f"{prefix}_entity_ids", f"entities of the {what}"),
        _strings(f"{prefix}_names", f"their canonical names (same order as {prefix}_entity_ids)"),
        _strings(
            f"{prefix}_mention_ids",
            f"the mention naming each {what[:-1]} in the text, or null (same order)",
            nullable=True,
        ),
    )


QUOTES = Table(
    "quotes",
    "Quotes (direct, indirect, mixed): content, cue, source, speakers and addressees.",
    (
        _DOC_ID,
        _s("id", "quote id"),
        _s("kind", "direct, indirect, mixed or scare"),
        *_span("content_", "the quoted content"),
        *_span("cue_", "the cue (said, according to, ...); null if none", nullable=True),
        *_span("source_", "the source extent when larger than a mention", nullable=True),
        *_people("speaker", "speakers"),
        *_people("addressee", "addressees"),
        *_ZONE,
    ),
    _quote_rows,
)

# -- tokens ------------------------------------------------------------------------------


def _token_rows(doc: Document) -> Iterator[Row]:
    labels = {label: number for number, label in enumerate(ner_labels())}
    for sentence in tag_document(doc=doc).sentences:
        yield {
            "doc_id": doc.id,
            "id": sentence.id,
            **_zone_values(sentence.zone),
            "language": sentence.zone.language,
            "start": sentence.start,
            "end": sentence.end,
            "text": doc.text[sentence.start : sentence.end],
            "tokens": [t.text for t in sentence.tokens],
            "token_starts": [t.start for t in sentence.tokens],
            "token_ends": [t.end for t in sentence.tokens],
            "tags": list(sentence.tags),
            "ner_tags": [labels[tag] for tag in sentence.tags],
        }


def _token_table() -> Table:
    return Table(
        "ner_tokens",
        "Sentences of the annotated zones as tokens with IOB2 tags of the outermost entity "
        "mentions (all kinds: names, nominals, pronouns); nested mentions are not tagged.",
        (
            _DOC_ID,
            _s("id", "sentence id (s1, s2, ... in text order)"),
            *_ZONE,
            _s("language", "language of the zone"),
            _i("start", "first code point of the sentence"),
            _i("end", "code point after the sentence"),
            _s("text", "the sentence text[start:end]"),
            _strings("tokens", "the tokens"),
            _ints("token_starts", "code-point offset of each token into the document text"),
            _ints("token_ends", "code-point end of each token (half-open)"),
            _strings("tags", "IOB2 tag of each token (B-TYPE, I-TYPE, O), for seqeval"),
            Column(
                "ner_tags",
                "int64",
                "the same tags as label ids (class labels; O is 0)",
                repeated=True,
                labels=ner_labels(),
            ),
        ),
        _token_rows,
    )


def tables() -> dict[str, Table]:
    """Every flat config, by name, in the order the dataset card lists them."""
    found = (
        MENTIONS,
        ENTITIES,
        EVENTS,
        EVENT_ARGUMENTS,
        CASUALTIES,
        QUOTES,
        TIMEXES,
        ZONES,
        HOPPERS,
        _token_table(),
    )
    return {table.name: table for table in found}


def table(*, name: str) -> Table:
    """The flat config ``name``; ValueError naming the known ones otherwise."""
    known = tables()
    if name not in known:
        raise ValueError(f"unknown layer {name!r} (layers: {', '.join(known)})")
    return known[name]


def rows(*, name: str, documents: Iterable[Document]) -> list[Row]:
    """The rows of flat config ``name`` for ``documents``, each a dict in column order."""
    spec = table(name=name)
    out: list[Row] = []
    for doc in documents:
        for row in spec.make_rows(doc):
            if tuple(row) != spec.column_names:  # a bug in a builder, never bad data
                raise RuntimeError(f"{name} row keys {tuple(row)} != {spec.column_names}")
            out.append(row)
    return out
