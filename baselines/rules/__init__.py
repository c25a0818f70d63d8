"""The ``rules`` baseline: a rule-based extractor for every layer, on NLTK's data-free tools.

One pass per document, each step in its own module:

1. :mod:`.text`: lines, sentences (Punkt, untrained, our abbreviations) and tokens;
2. :mod:`.entities`: name, nominal and pronoun mentions with types and GPE roles;
   :mod:`.coref` groups them into entities;
3. :mod:`.timexes`: temporal expressions normalised against the document date;
4. :mod:`.events`: triggers, realis, arguments, hoppers;
5. :mod:`.quotes`: attributions with speakers;
6. :mod:`.casualties`: casualty records linked to the events, places, times and quotes.

It reads only the document's text and its publication date; every word list it uses is
a generic resource under ``baselines/resources/`` (see the README there).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from wiregold.baselines.inputs import DocumentInput


def missing_requirements() -> tuple[str, tuple[str, ...]]:
    try:
        import nltk  # noqa: F401
    except ImportError:
        return ("the Python package", ("nltk>=3.9",))
    return ("the Python package", ())


def _span(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def predict(*, doc: DocumentInput) -> dict[str, Any]:
    """The prediction of every layer for one document."""
    from wiregold.baselines.rules import casualties as casualty_rules
    from wiregold.baselines.rules import coref, entities, events, quotes, timexes
    from wiregold.baselines.rules.lexicon import lexicon
    from wiregold.baselines.rules.text import analyse

    words = lexicon()
    analysis = analyse(doc.text)
    tokens, text = analysis.tokens, doc.text

    mentions = entities.find_mentions(analysis=analysis, lexicon=words)
    clusters = coref.resolve(mentions=mentions, tokens=tokens)
    for number, m in enumerate(mentions, 1):
        m.id = f"m{number}"
    found_timexes, _ = timexes.find_timexes(
        analysis=analysis, lexicon=words, publication_date=doc.publication_date
    )
    timex_ids = {id(x): f"t{n}" for n, x in enumerate(found_timexes, 1)}
    dct_id = next((timex_ids[id(x)] for x in found_timexes if x.creation_time), None)
    found_events = events.find_triggers(analysis=analysis, lexicon=words)
    events.add_arguments(
        events=found_events, mentions=mentions, timexes=found_timexes, tokens=tokens
    )
    events.add_hoppers(events=found_events)
    found_quotes = quotes.find_quotes(analysis=analysis, lexicon=words, mentions=mentions)
    found_casualties = casualty_rules.find_casualties(
        analysis=analysis, lexicon=words, timexes=found_timexes
    )
    casualty_rules.link(
        casualties=found_casualties,
        events=found_events,
        mentions=mentions,
        timexes=found_timexes,
        quotes=found_quotes,
    )

    def entity_id(index: int) -> str:
        return f"e{index + 1}"

    def mention_json(m: entities.Mention) -> dict[str, Any]:
        start, end = entities.character_span(m, tokens)
        head_start, head_end = entities.head_span(m, tokens)
        return {
            "id": m.id,
            **_span(text, start, end),
            "head": _span(text, head_start, head_end),
            "entity": entity_id(m.entity),
            "type": m.type,
            "subtype": m.subtype,
            "kind": m.kind,
            "gpe_role": m.gpe_role if m.type == "GPE" else None,
            "metonymy": None,
        }

    def participants(found: Sequence[entities.Mention]) -> list[dict[str, str]]:
        return [{"entity": entity_id(m.entity), "mention": m.id} for m in found]

    hopper_ids = sorted({e.hopper for e in found_events})
    hoppers = []
    for h in hopper_ids:
        members = [e for e in found_events if e.hopper == h]
        words_in = sorted({e.trigger.lower for e in members})
        hoppers.append(
            {"id": f"h{h + 1}", "type": members[0].type, "description": ", ".join(words_in)}
        )
    events_json = []
    for n, e in enumerate(found_events, 1):
        arguments = []
        for role, filler in e.arguments:
            if isinstance(filler, entities.Mention):
                arguments.append({"role": role, "mention": filler.id})
            else:
                arguments.append({"role": role, "timex": timex_ids[id(filler)]})
        events_json.append(
            {
                "id": f"ev{n}",
                "trigger": _span(text, e.trigger.start, e.trigger.end),
                "type": e.type,
                "realis": e.realis,
                "hopper": f"h{e.hopper + 1}",
                "arguments": arguments,
            }
        )
    quotes_json = []
    for n, q in enumerate(found_quotes, 1):
        quotes_json.append(
            {
                "id": f"q{n}",
                "kind": q.kind,
                "content": _span(text, *q.content),
                "cue": _span(text, *q.cue) if q.cue else None,
                "source": _span(text, *q.source) if q.source else None,
                "speakers": participants(q.speakers),
                "addressees": participants(q.addressees),
            }
        )
    casualties_json = []
    for n, c in enumerate(found_casualties, 1):
        record: dict[str, Any] = {
            "id": f"c{n}",
            "kind": c.kind,
            "count": c.count,
            "victims": {
                "description": (
                    text[tokens[c.victim_phrase[0]].start : tokens[c.victim_phrase[1] - 1].end]
                    if c.victim_phrase
                    else None
                ),
                "groups": c.groups,
                "mentions": [m.id for m in c.victims],
            },
            "perpetrators": [entity_id(i) for i in c.perpetrators],
            "places": [entity_id(i) for i in c.places],
            "times": [timex_ids[id(x)] for x in c.times],
            "hoppers": [f"h{h + 1}" for h in c.hoppers],
            "evidence": [_span(text, *c.evidence)],
        }
        if c.reported_by is not None:
            record["reported_by"] = {"entity": entity_id(c.reported_by)}
        casualties_json.append(record)
    return {
        "doc_id": doc.id,
        "entities": [
            {
                "id": entity_id(e.index),
                "name": e.name,
                "type": e.type,
                "subtype": e.subtype,
                "class": "SPC",
            }
            for e in clusters
        ],
        "mentions": [mention_json(m) for m in mentions],
        "timexes": [
            {
                "id": timex_ids[id(x)],
                **_span(text, x.start, x.end),
                "type": x.type,
                "value": x.value,
                "mod": None,
                "anchor": dct_id if x.anchored else None,
                "function": "CREATION_TIME" if x.creation_time else "NONE",
            }
            for x in found_timexes
        ],
        "hoppers": hoppers,
        "events": events_json,
        "casualties": casualties_json,
        "quotes": quotes_json,
    }
