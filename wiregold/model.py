"""Typed, immutable gold documents: frozen dataclasses mirroring the JSON Schema.

Field names are the schema's keys (``class`` becomes ``class_``); every JSON list is a
tuple, so a loaded document cannot be changed by accident. :meth:`Document.from_json`
expects a document that passed ``wiregold validate``: it converts, it does not check
the annotation rules again.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from types import MappingProxyType
from typing import Any

from wiregold.spans import Span


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A half-open ``[start, end)`` code-point span with its surface string."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        Span(self.start, self.end)  # the one place that checks offsets
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text {self.text!r} has {len(self.text)} code points, "
                f"expected {self.end - self.start} for [{self.start}, {self.end})"
            )

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @classmethod
    def from_json(cls, *, obj: dict[str, Any]) -> TextSpan:
        return cls(obj["start"], obj["end"], obj["text"])


def _optional_span(obj: dict[str, Any] | None) -> TextSpan | None:
    return None if obj is None else TextSpan.from_json(obj=obj)


@dataclass(frozen=True, slots=True)
class Source:
    agency: str
    publisher: str
    seed_file: str
    seed_sha256: str


@dataclass(frozen=True, slots=True)
class Metadata:
    corpus_version: str
    languages: tuple[str, ...]
    publication_date: str
    date_line: str
    source: Source
    annotation_license: str
    text_rights: str

    @classmethod
    def from_json(cls, *, obj: dict[str, Any]) -> Metadata:
        return cls(
            corpus_version=obj["corpus_version"],
            languages=tuple(obj["languages"]),
            publication_date=obj["publication_date"],
            date_line=obj["date_line"],
            source=Source(**obj["source"]),
            annotation_license=obj["annotation_license"],
            text_rights=obj["text_rights"],
        )


@dataclass(frozen=True, slots=True)
class Zone:
    id: str
    type: str
    start: int
    end: int
    text: str
    annotated: bool
    language: str

    @property
    def span(self) -> TextSpan:
        return TextSpan(self.start, self.end, self.text)


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str
    subtype: str | None
    class_: str  # SPC / GEN / USP (the schema's "class")

    @classmethod
    def from_json(cls, *, obj: dict[str, Any]) -> Entity:
        return cls(obj["id"], obj["name"], obj["type"], obj["subtype"], obj["class"])


@dataclass(frozen=True, slots=True)
class Mention:
    id: str
    start: int
    end: int
    text: str
    head: TextSpan
    entity: str
    type: str
    subtype: str | None
    kind: str
    gpe_role: str | None
    metonymy: str | None

    @property
    def span(self) -> TextSpan:
        return TextSpan(self.start, self.end, self.text)

    @classmethod
    def from_json(cls, *, obj: dict[str, Any]) -> Mention:
        return cls(**{**obj, "head": TextSpan.from_json(obj=obj["head"])})


@dataclass(frozen=True, slots=True)
class Timex:
    id: str
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    anchor: str | None
    function: str

    @property
    def span(self) -> TextSpan:
        return TextSpan(self.start, self.end, self.text)


@dataclass(frozen=True, slots=True)
class Hopper:
    id: str
    type: str
    description: str


@dataclass(frozen=True, slots=True)
class Argument:
    """An event argument: exactly one of ``mention`` and ``timex`` is set."""

    role: str
    mention: str | None = None
    timex: str | None = None

    def __post_init__(self) -> None:
        if (self.mention is None) == (self.timex is None):
            raise ValueError(f"argument {self.role!r} needs exactly one of mention and timex")

    @property
    def kind(self) -> str:
        """``"mention"`` or ``"timex"``: what ``target`` points at."""
        return "mention" if self.mention is not None else "timex"

    @property
    def target(self) -> str:
        """The id of the mention or timex filling the role."""
        return self.mention if self.mention is not None else str(self.timex)


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    trigger: TextSpan
    type: str
    realis: str
    hopper: str
    arguments: tuple[Argument, ...]

    @classmethod
    def from_json(cls, *, obj: dict[str, Any]) -> Event:
        return cls(
            id=obj["id"],
            trigger=TextSpan.from_json(obj=obj["trigger"]),
            type=obj["type"],
            realis=obj["realis"],
            hopper=obj["hopper"],
            arguments=tuple(Argument(**a) for a in obj["arguments"]),
        )


@dataclass(frozen=True, slots=True)
class Count:
    value: int | None
    low: int | None
    high: int | None
    precision: str


@dataclass(frozen=True, slots=True)
class Victims:
    description: str | None
    groups: tuple[str, ...]
    mentions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReportedBy:
    entity: str | None
    description: str


@dataclass(frozen=True, slots=True)
class Casualty:
    id: str
    kind: str
    count: Count
    victims: Victims
    perpetrators: tuple[str, ...]  # entity ids
    places: tuple[str, ...]  # entity ids
    times: tuple[str, ...]  # timex ids
    hoppers: tuple[str, ...]
    evidence: tuple[TextSpan, ...]
    reported_by: ReportedBy

    @classmethod
    def from_json(cls, *, obj: dict[str, Any]) -> Casualty:
        victims = obj["victims"]
        return cls(
            id=obj["id"],
            kind=obj["kind"],
            count=Count(**obj["count"]),
            victims=Victims(
                victims["description"], tuple(victims["groups"]), tuple(victims["mentions"])
            ),
            perpetrators=tuple(obj["perpetrators"]),
            places=tuple(obj["places"]),
            times=tuple(obj["times"]),
            hoppers=tuple(obj["hoppers"]),
            evidence=tuple(TextSpan.from_json(obj=s) for s in obj["evidence"]),
            reported_by=ReportedBy(**obj["reported_by"]),
        )


@dataclass(frozen=True, slots=True)
class Participant:
    """A quote's speaker or addressee: an entity, and the mention naming it if any."""

    entity: str
    mention: str | None


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    kind: str
    content: TextSpan
    cue: TextSpan | None
    source: TextSpan | None
    speakers: tuple[Participant, ...]
    addressees: tuple[Participant, ...]

    @classmethod
    def from_json(cls, *, obj: dict[str, Any]) -> Quote:
        return cls(
            id=obj["id"],
            kind=obj["kind"],
            content=TextSpan.from_json(obj=obj["content"]),
            cue=_optional_span(obj["cue"]),
            source=_optional_span(obj["source"]),
            speakers=tuple(Participant(**p) for p in obj["speakers"]),
            addressees=tuple(Participant(**p) for p in obj["addressees"]),
        )


@dataclass(frozen=True)
class Document:
    """One gold document. Look items up by id with :meth:`item`."""

    schema_version: str
    id: str
    text: str
    metadata: Metadata
    zones: tuple[Zone, ...]
    entities: tuple[Entity, ...]
    mentions: tuple[Mention, ...]
    timexes: tuple[Timex, ...]
    hoppers: tuple[Hopper, ...]
    events: tuple[Event, ...]
    casualties: tuple[Casualty, ...]
    quotes: tuple[Quote, ...]

    @cached_property
    def _index(self) -> MappingProxyType[str, Any]:
        """Every item by id, read-only. Not a field, and left out of the pickled state: a
        document stays plain data (it pickles, copies and goes through
        ``dataclasses.asdict``); built on first use."""
        # Ids are unique across layers (prefix letters differ), checked by the validator.
        return MappingProxyType(
            {
                item.id: item
                for layer in (
                    self.zones,
                    self.entities,
                    self.mentions,
                    self.timexes,
                    self.hoppers,
                    self.events,
                    self.casualties,
                    self.quotes,
                )
                for item in layer
            }
        )

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k != "_index"}  # rebuilt on use

    def item(self, item_id: str) -> Any:
        """The zone, entity, mention, timex, hopper, event, casualty or quote ``item_id``."""
        try:
            return self._index[item_id]
        except KeyError:
            raise KeyError(f"document {self.id} has no item {item_id!r}") from None

    def entity(self, entity_id: str) -> Entity:
        found = self.item(entity_id)
        if not isinstance(found, Entity):
            raise KeyError(f"{entity_id!r} is not an entity of document {self.id}")
        return found

    def mention(self, mention_id: str) -> Mention:
        found = self.item(mention_id)
        if not isinstance(found, Mention):
            raise KeyError(f"{mention_id!r} is not a mention of document {self.id}")
        return found

    def timex(self, timex_id: str) -> Timex:
        found = self.item(timex_id)
        if not isinstance(found, Timex):
            raise KeyError(f"{timex_id!r} is not a timex of document {self.id}")
        return found

    def zone_at(self, offset: int) -> Zone:
        """The zone containing code point ``offset`` (zones tile the text)."""
        for zone in self.zones:
            if zone.start <= offset < zone.end:
                return zone
        raise ValueError(f"offset {offset} is outside the text of document {self.id}")

    @classmethod
    def from_json(cls, *, obj: dict[str, Any]) -> Document:
        """Convert a parsed, valid document (``wiregold validate`` passes on it)."""
        return cls(
            schema_version=obj["schema_version"],
            id=obj["id"],
            text=obj["text"],
            metadata=Metadata.from_json(obj=obj["metadata"]),
            zones=tuple(Zone(**z) for z in obj["zones"]),
            entities=tuple(Entity.from_json(obj=e) for e in obj["entities"]),
            mentions=tuple(Mention.from_json(obj=m) for m in obj["mentions"]),
            timexes=tuple(Timex(**t) for t in obj["timexes"]),
            hoppers=tuple(Hopper(**h) for h in obj["hoppers"]),
            events=tuple(Event.from_json(obj=e) for e in obj["events"]),
            casualties=tuple(Casualty.from_json(obj=c) for c in obj["casualties"]),
            quotes=tuple(Quote.from_json(obj=q) for q in obj["quotes"]),
        )
