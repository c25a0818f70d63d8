"""The layers of a gold document as marks over its text, and the data the page shows.

Every located gold item becomes a :class:`~wiregold.render.markup.Mark` whose
``data-kind`` / ``data-id`` name it: ``zone``, ``mention``, ``timex``, ``trigger`` (an
event, by its id), ``quote`` (a quote's content), ``cue`` and ``source`` (a quote's, by
the quote id), ``evidence`` (a casualty record's evidence spans, by the record id).
Classes say the layer (``L-<layer>``, with the scorer's layer names, for the toggle
bar) and the label (``T-<entity type>``, ``K-<mention kind>``, ``q-<quote kind>``,
``z-<zone type>``); the ``title`` is the tooltip. Labels are drawn by CSS from
``data-label`` / ``data-value`` attributes, so the page's text is the document's text.

Ranks order marks with identical spans, outside first: zone, quote content, source,
casualty evidence, mention, timex, cue, trigger.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from wiregold.render.markup import Mark

__all__ = ["LAYERS", "gold_data", "gold_marks", "token"]

Doc = Mapping[str, Any]
# Layer names (as the scorers name them) in the order of the toggle bar, with a label.
LAYERS: Mapping[str, str] = {
    "zones": "zones",
    "entities": "mentions",
    "events": "event triggers",
    "quotes": "quotes",
    "timexes": "time expressions",
    "casualties": "casualty evidence",
}
_RANK = {
    "zone": 0,
    "quote": 1,
    "source": 2,
    "evidence": 3,
    "mention": 4,
    "timex": 5,
    "cue": 6,
    "trigger": 7,
}
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def token(label: object) -> str:
    """A label as a CSS class suffix: only ``[A-Za-z0-9_.-]`` (others become ``_``)."""
    return _UNSAFE.sub("_", str(label))[:40]


def _mark(
    item: Mapping[str, Any],
    *,
    kind: str,
    key: str,
    layer: str,
    classes: tuple[str, ...],
    title: str,
    **attrs: str,
) -> Mark:
    data = {name.replace("_", "-"): value for name, value in attrs.items()}
    return Mark(
        item["start"],
        item["end"],
        kind,
        key,
        (*classes, f"L-{layer}"),
        {"title": title, **data},
        _RANK[kind],
    )


def _or(value: object, default: str = "-") -> str:
    return default if value is None or value == "" else str(value)


def _entity_label(doc: Doc, entity_id: str | None) -> str:
    for entity in doc.get("entities", []):
        if entity["id"] == entity_id:
            return f"{entity['name']} ({entity_id})"
    return _or(entity_id, "no entity")


def _zones(doc: Doc) -> list[Mark]:
    marks = []
    for zone in doc.get("zones", []):
        kind = zone["type"]
        label = "" if kind == "separator" else kind.replace("_", " ")
        if not zone["annotated"] and kind != "separator":
            label += " · not annotated"
        if zone.get("language") not in (None, "en", "zxx"):
            label += f" · {zone['language']}"
        classes = ("zone", f"z-{token(kind)}") + (() if zone["annotated"] else ("off",))
        title = f"zone {zone['id']}: {kind}, language {zone.get('language')}"
        title += "" if zone["annotated"] else " (not annotated)"
        labelled = {"data_label": label} if label else {}
        marks.append(
            _mark(
                zone,
                kind="zone",
                key=zone["id"],
                layer="zones",
                classes=classes,
                title=title,
                **labelled,
            )
        )
    return marks


def _mentions(doc: Doc) -> list[Mark]:
    marks = []
    for m in doc.get("mentions", []):
        subtype = f".{m['subtype']}" if m.get("subtype") else ""
        title = f"{m['type']}{subtype} {m['kind']} · entity {_entity_label(doc, m['entity'])}"
        if m.get("gpe_role"):
            title += f" · role {m['gpe_role']}"
        if m.get("metonymy"):
            title += f" · {m['metonymy']}"
        marks.append(
            _mark(
                m,
                kind="mention",
                key=m["id"],
                layer="entities",
                classes=("m", f"T-{token(m['type'])}", f"K-{token(m['kind'])}"),
                title=f"mention {m['id']}: {title}",
                data_entity=m["entity"],
            )
        )
    return marks


def _timexes(doc: Doc) -> list[Mark]:
    marks = []
    for t in doc.get("timexes", []):
        value = _or(t.get("value"))
        extra = "".join(
            f" · {name} {t[name]}" for name in ("mod", "anchor", "function") if t.get(name)
        )
        marks.append(
            _mark(
                t,
                kind="timex",
                key=t["id"],
                layer="timexes",
                classes=("tx",),
                title=f"timex {t['id']}: {t['type']} {value}{extra}",
                data_value=value,
            )
        )
    return marks


def _triggers(doc: Doc) -> list[Mark]:
    marks = []
    for event in doc.get("events", []):
        roles = ", ".join(a["role"] for a in event.get("arguments", [])) or "no arguments"
        title = f"event {event['id']}: {event['type']} · realis {_or(event.get('realis'))}"
        title += f" · hopper {_or(event.get('hopper'))} · {roles}"
        marks.append(
            _mark(
                event["trigger"],
                kind="trigger",
                key=event["id"],
                layer="events",
                classes=("trg",),
                title=title,
                data_hopper=_or(event.get("hopper"), ""),
            )
        )
    return marks


def _quotes(doc: Doc) -> list[Mark]:
    marks = []
    for q in doc.get("quotes", []):
        speakers = ", ".join(_entity_label(doc, s.get("entity")) for s in q["speakers"])
        title = f"quote {q['id']}: {q['kind']} · speaker {speakers or 'none'}"
        marks.append(
            _mark(
                q["content"],
                kind="quote",
                key=q["id"],
                layer="quotes",
                classes=("q", f"q-{token(q['kind'])}"),
                title=title,
            )
        )
        for part, cls in (("cue", "qcue"), ("source", "qsrc")):
            if q.get(part):
                marks.append(
                    _mark(
                        q[part],
                        kind=part,
                        key=q["id"],
                        layer="quotes",
                        classes=(cls,),
                        title=f"{part} of quote {q['id']} ({q['kind']})",
                    )
                )
    return marks


def count_text(count: Mapping[str, Any]) -> str:
    """``11 (exact)``, ``10-12 (range)``, ``unknown``."""
    value, low, high = count.get("value"), count.get("low"), count.get("high")
    precision = count.get("precision") or "unspecified"
    if value is None and low is None and high is None:
        return precision
    shown = str(value) if value is not None else f"{_or(low, '?')}-{_or(high, '?')}"
    if value is not None and low is not None and high is not None and low != high:
        shown += f" ({low}-{high})"
    return f"{shown} ({precision})"


def _casualties(doc: Doc) -> list[Mark]:
    marks = []
    for c in doc.get("casualties", []):
        title = f"casualty {c['id']}: {c['kind']} {count_text(c['count'])}"
        for span in c.get("evidence", []):
            marks.append(
                _mark(
                    span,
                    kind="evidence",
                    key=c["id"],
                    layer="casualties",
                    classes=("cas",),
                    title=title,
                )
            )
    return marks


def gold_marks(doc: Doc) -> list[Mark]:
    """Every located item of a gold document as a mark."""
    return [
        *_zones(doc),
        *_quotes(doc),
        *_casualties(doc),
        *_mentions(doc),
        *_timexes(doc),
        *_triggers(doc),
    ]


def _by_id(items: Any) -> dict[str, Any]:
    return {item["id"]: item for item in items or []}


def gold_data(doc: Doc) -> dict[str, Any]:
    """What the page's script shows on click: the gold items by id, each entity's
    mentions and each hopper's events (JSON-ready)."""
    entity_mentions: dict[str, list[str]] = {}
    for m in doc.get("mentions", []):
        entity_mentions.setdefault(m["entity"], []).append(m["id"])
    hopper_events: dict[str, list[str]] = {}
    for event in doc.get("events", []):
        if event.get("hopper"):
            hopper_events.setdefault(event["hopper"], []).append(event["id"])
    return {
        "doc_id": doc["id"],
        "text": doc["text"],
        "zones": _by_id(doc.get("zones")),
        "entities": _by_id(doc.get("entities")),
        "mentions": _by_id(doc.get("mentions")),
        "timexes": _by_id(doc.get("timexes")),
        "events": _by_id(doc.get("events")),
        "hoppers": _by_id(doc.get("hoppers")),
        "quotes": _by_id(doc.get("quotes")),
        "casualties": _by_id(doc.get("casualties")),
        "entity_mentions": entity_mentions,
        "hopper_events": hopper_events,
    }
