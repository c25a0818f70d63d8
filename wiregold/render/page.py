"""The HTML page of a view: header, legend, layer toggles, the marked-up document, side
panel, casualty table and, in the errors view, the scores and the error list.

One self-contained file: the CSS (``view.css``) and the script (``view.js``) are inlined,
a Content-Security-Policy forbids every network access, the item data the script
shows is embedded as JSON in ``<script type="application/json" id="wg-data">`` (with
``<``, ``>``, ``&``, U+2028 and U+2029 escaped, so no input can close the element). Every
string taken from the input is escaped (:func:`html.escape`, quotes included) where it
is written; the script writes data only through ``textContent``.
"""

from __future__ import annotations

import html
import json
import numbers
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from wiregold.problems import counted
from wiregold.render.error_marks import (
    OUTCOME_LABELS,
    SEVERITY,
    ErrorEntry,
    ErrorMarks,
    TextOnlyItem,
    error_marks,
    text_only_items,
)
from wiregold.render.gold_marks import LAYERS, count_text, gold_data, gold_marks
from wiregold.render.markup import nest

if TYPE_CHECKING:
    from wiregold.scoring import ScoreReport

__all__ = ["errors_page", "gold_page", "json_script"]

Doc = Mapping[str, Any]
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_RATIOS = ("precision", "recall", "f1", "accuracy", "mean")
_ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC", "VEH", "WEA")


def esc(value: object) -> str:
    """Text or attribute value, escaped (``&``, ``<``, ``>``, ``"`` and ``'``)."""
    return html.escape(str(value), quote=True)


def json_script(data: Any, *, element_id: str) -> str:
    """``data`` as an inert JSON script element that no string in it can close."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _JSON_ESCAPES.items():
        text = text.replace(char, escaped)
    return f'<script type="application/json" id="{esc(element_id)}">{text}</script>'


@cache
def _asset(name: str) -> str:
    text = resources.files("wiregold.render").joinpath(name).read_text(encoding="utf-8")
    closing = "</style" if name.endswith(".css") else "</script"
    if closing in text.lower():  # a packaging mistake, not input: never written out
        raise ValueError(f"{name} contains {closing}")
    return text


# ---------------------------------------------------------------------- page parts


def _head(title: str) -> str:
    policy = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>\n{_asset('view.css')}</style>\n</head>\n"
    )


def _toggles(layers: Iterable[str], *, pred: bool) -> str:
    boxes = [
        f'<label><input type="checkbox" data-layer="{esc(layer)}" checked> {esc(LAYERS[layer])}'
        "</label>"
        for layer in layers
    ]
    if pred:
        boxes.append(
            '<label><input type="checkbox" data-layer="pred" checked> predicted-only spans</label>'
        )
    return '<nav class="toggles"><b>Show:</b> ' + "".join(boxes) + "</nav>"


def _legend_gold() -> str:
    types = "".join(f'<span class="sw m T-{t} K-NAM">{t}</span> ' for t in _ENTITY_TYPES)
    kinds = (
        '<span class="sw m K-NAM">name</span> <span class="sw m K-NOM">nominal</span> '
        '<span class="sw m K-PRO">pronoun</span>'
    )
    parts = [
        f"<span>Mentions: {types}</span>",
        f"<span>{kinds}</span>",
        '<span><span class="sw trg">trigger</span> event</span>',
        '<span><span class="sw q q-direct">direct</span> <span class="sw q q-indirect">'
        'indirect</span> <span class="sw q q-mixed">mixed</span> quote, '
        '<span class="sw qcue">cue</span> <span class="sw qsrc">source</span></span>',
        '<span><span class="sw tx" data-value="2024-01-19">Friday</span> time + value</span>',
        '<span><span class="sw cas">toll of 11</span> casualty evidence</span>',
        '<span><span class="sw zone off z-boilerplate">boilerplate</span> not annotated</span>',
        '<span class="hint">Click a mention: its entity and every mention of it. Click a '
        "trigger: its arguments (role labels) and hopper mates (red ring). Click a quote, "
        "cue or source: all three and the speaker. Click a casualty row: its evidence. "
        "Click again: the enclosing item. Esc clears. Hover: tooltip.</span>",
    ]
    return '<div class="legend">' + "".join(parts) + "</div>"


def _legend_errors() -> str:
    swatches = "".join(
        f'<span class="sw o-{outcome}">{esc(label)}</span> '
        for outcome, label in OUTCOME_LABELS.items()
        if outcome != "oos"
    )
    parts = [
        f"<span>Gold items: {swatches}</span>",
        '<span><span class="sw pred o-spurious">predicted</span> a predicted span that is not '
        'the gold\'s (spurious, partial, duplicate); <span class="sw pred o-oos">out of scope'
        "</span></span>",
        "<span>Shapes as in the gold view: mentions boxed, triggers bold, quotes underlined, "
        "times with value, casualty evidence hatched.</span>",
        '<span class="hint">Click an error in the list: where it is. Click an item: its '
        "errors and gold annotation. Hover: tooltip with the errors.</span>",
    ]
    return '<div class="legend">' + "".join(parts) + "</div>"


def _names(doc: Doc, ids: Iterable[str]) -> str:
    names = {e["id"]: e["name"] for e in doc.get("entities", [])}
    return ", ".join(f"{names.get(i, i)}" for i in ids)


def _record_cells(doc: Doc, c: Mapping[str, Any]) -> list[str]:
    timexes = {t["id"]: t for t in doc.get("timexes", [])}
    victims = c.get("victims") or {}
    shown_victims = victims.get("description") or ", ".join(victims.get("groups") or []) or "—"
    source = c.get("reported_by") or {}
    who = _names(doc, [source["entity"]]) if source.get("entity") else source.get("description")
    times = ", ".join(
        f"{timexes[t]['text']} ({timexes[t]['value']})" if t in timexes else str(t)
        for t in c.get("times") or []
    )
    evidence = " … ".join(
        f"“{e['text']}”" for e in sorted(c.get("evidence") or [], key=lambda e: e["start"])
    )
    return [
        c["id"],
        c["kind"],
        count_text(c["count"]),
        shown_victims,
        _names(doc, c.get("perpetrators") or []) or "—",
        _names(doc, c.get("places") or []) or "—",
        times or "—",
        who or "unspecified",
        evidence,
    ]


_CASUALTY_HEAD = (
    "record",
    "kind",
    "count",
    "victims",
    "perpetrators",
    "places",
    "times",
    "source",
    "evidence",
)


def _casualty_table(doc: Doc, errors: ErrorMarks | None) -> str:
    if not doc.get("casualties") and errors is None:
        return ""
    head = "".join(f"<th>{h}</th>" for h in _CASUALTY_HEAD)
    rows = []
    outcome = {}
    if errors is not None:
        for mark in errors.marks:
            found = next((c[2:] for c in mark.classes if c.startswith("o-")), None)
            if mark.kind == "evidence" and found:
                outcome[mark.key] = found
    for c in doc.get("casualties", []):
        cells = "".join(f"<td>{esc(v)}</td>" for v in _record_cells(doc, c))
        cls = f' class="o-{outcome[c["id"]]}"' if c["id"] in outcome else ""
        rows.append(f'<tr data-record="{esc(c["id"])}"{cls}>{cells}</tr>')
        if errors is not None:
            for i in errors.by_target.get(f"evidence:{c['id']}", ()):
                entry = errors.entries[i]
                rows.append(
                    f'<tr class="o-{entry.outcome}"><td></td><td colspan="8" class="muted">'
                    f"{esc(_entry_text(entry))}</td></tr>"
                )
    if errors is not None:  # predicted records with no gold record at their place
        for entry in errors.entries:
            if entry.item.layer != "casualties" or entry.item.gold is not None:
                continue
            place = next((t for t in entry.targets if t.startswith("pred:")), None)
            attrs = f' data-pred="{esc(place[5:])}"' if place else ""
            rows.append(
                f'<tr class="o-{entry.outcome}"{attrs}><td>predicted</td>'
                f'<td colspan="8">{esc(_entry_text(entry))}</td></tr>'
            )
    body = "".join(rows) or '<tr><td colspan="9" class="muted">no casualty records</td></tr>'
    return (
        '<section id="casualties" class="card"><h2>Casualty records</h2>'
        '<p class="muted">Click a row: its evidence in the text.</p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>"
    )


def _entry_text(entry: ErrorEntry) -> str:
    item = entry.item
    parts = [item.category.replace("_", " ")]
    if item.gold is not None:
        parts.append(f"gold {item.gold}")
    if item.pred is not None:
        parts.append(f"pred {item.pred}")
    if item.detail:
        parts.append(item.detail)
    return " · ".join(parts)


def _layer_counts(doc: Doc) -> str:
    counts = [
        (len(doc.get("mentions", [])), "mentions"),
        (len(doc.get("entities", [])), "entities"),
        (len(doc.get("events", [])), "events"),
        (len(doc.get("hoppers", [])), "hoppers"),
        (len(doc.get("quotes", [])), "quotes"),
        (len(doc.get("timexes", [])), "time expressions"),
        (len(doc.get("casualties", [])), "casualty records"),
    ]
    return ", ".join(f"{n} {what}" for n, what in counts)


def _page(
    *,
    title: str,
    view: str,
    header: str,
    layers: Sequence[str],
    document: str,
    below: str,
    side: str,
    data: Mapping[str, Any],
) -> str:
    shown = " ".join(f"show-{layer}" for layer in layers)
    return (
        _head(title)
        + f'<body class="view-{view} {shown}">\n'
        + f'<header class="top">{header}</header>\n'
        + '<main class="layout"><div class="main">'
        + f'<div id="doc" class="doc" lang="en">{document}</div>{below}</div>\n'
        + '<aside class="side"><section id="info" class="card"><h2>Selection</h2>'
        + '<div id="info-body"><p class="muted">Click an item in the text.</p></div></section>'
        + f"{side}</aside></main>\n"
        + '<pre id="selfcheck" hidden></pre>\n'
        + json_script(data, element_id="wg-data")
        + f"\n<script>\n{_asset('view.js')}</script>\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- gold view


def gold_page(*, doc: Doc, source: str) -> str:
    """The gold annotation of one document."""
    marks = gold_marks(doc)
    meta = doc.get("metadata", {})
    header = (
        f"<h1>{esc(doc['id'])}<small>gold annotation · wiregold</small></h1>"
        f'<p class="meta">{esc(_layer_counts(doc))} · corpus '
        f"{esc(meta.get('corpus_version', '?'))} · published "
        f"{esc(meta.get('publication_date', '?'))} · <code>{esc(source)}</code></p>"
        f'<div class="bar">{_toggles(LAYERS, pred=False)}</div>{_legend_gold()}'
    )
    return _page(
        title=f"{doc['id']} · gold · wiregold",
        view="gold",
        header=header,
        layers=list(LAYERS),
        document=nest(doc["text"], marks),
        below=_casualty_table(doc, None),
        side="",
        data={"view": "gold", **gold_data(doc)},
    )


# ------------------------------------------------------------------------- errors view


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0")


def _row_cells(row: Mapping[str, Any]) -> str:
    ratios = [
        f'<td class="num">{esc(_fmt(row[k])) if k in row else ""}</td>'
        for k in ("precision", "recall", "f1")
    ]
    other = row.get("accuracy", row.get("mean", ""))
    ratios.append(f'<td class="num">{esc(_fmt(other)) if other != "" else ""}</td>')
    skip = {*_RATIOS, "metric", "kind", "scored"}
    counts = ", ".join(
        f"{k} F1 {_fmt(v.get('f1'))}" if isinstance(v, Mapping) else f"{k} {_fmt(v)}"
        for k, v in row.items()
        if k not in skip and (isinstance(v, Mapping) or not isinstance(v, list))
    )  # a CoNLL F1 row holds its parts (MUC, B3, CEAF-e) as objects: their F1s
    if row.get("kind") is None:
        counts = "not scored"
    return "".join(ratios) + f'<td class="counts">{esc(counts)}</td>'


def _scores(report: ScoreReport) -> str:
    from wiregold.report import to_json_dict

    data = to_json_dict(report)
    head = (
        '<tr><th>layer</th><th>metric</th><th class="num">P</th><th class="num">R</th>'
        '<th class="num">F1</th><th class="num">acc/mean</th><th>counts</th></tr>'
    )
    headline, every = [], []
    for layer, rows in data["rows"].items():
        if not rows:
            continue
        out = data["out_of_scope"].get(layer, 0)
        note = f" (+{out} out of scope)" if out else ""
        headline.append(
            f"<tr><td>{esc(layer)}{esc(note)}</td><td>{esc(rows[0]['metric'])}</td>"
            f"{_row_cells(rows[0])}</tr>"
        )
        every += [
            f"<tr><td>{esc(layer)}</td><td>{esc(r['metric'])}</td>{_row_cells(r)}</tr>"
            for r in rows
        ]
    return (
        '<div class="scores"><table><thead>'
        f"{head}</thead><tbody>{''.join(headline)}</tbody></table>"
        "<details><summary>every metric</summary><table><thead>"
        f"{head}</thead><tbody>{''.join(every)}</tbody></table></details>"
        f'<p class="signature">signature: <code>{esc(report.signature)}</code></p></div>'
    )


def _by_severity(counts: Mapping[str, int]) -> list[str]:
    order = {outcome: i for i, outcome in enumerate(SEVERITY)}
    return sorted(counts, key=lambda o: (order.get(o, len(order)), o))


def _error_list(errors: ErrorMarks, layers: Sequence[str]) -> str:
    blocks = []
    for layer in layers:
        entries = [e for e in errors.entries if e.item.layer == layer]
        sides = errors.outcome_counts.get(layer, {})
        summary = "; ".join(
            f"{noun}: " + ", ".join(f"{c[o]} {OUTCOME_LABELS.get(o, o)}" for o in _by_severity(c))
            for side, noun in (("gold", "gold items"), ("pred", "predicted spans of their own"))
            if (c := sides.get(side))
        )
        items = []
        for entry in entries:
            item = entry.item
            lines = [f"<b>{esc(item.category.replace('_', ' '))}</b>"]
            if item.gold is not None:
                lines.append(f"<div>gold {esc(item.gold)}</div>")
            if item.pred is not None:
                lines.append(f"<div>pred {esc(item.pred)}</div>")
            if item.detail:
                lines.append(f'<div class="muted">{esc(item.detail)}</div>')
            if not entry.targets:
                # Scored by text (a string, shown by one item that may have offsets), or
                # an item without offsets: the error has no one place in the text.
                lines.append('<div class="muted">(not placed in the text)</div>')
            items.append(
                f'<li class="o-{entry.outcome}" data-error="{entry.index}" tabindex="0">'
                + "".join(lines)
                + "</li>"
            )
        body = f'<ol class="errs">{"".join(items)}</ol>' if items else '<p class="muted">none</p>'
        blocks.append(
            f"<details{' open' if entries and len(entries) <= 40 else ''}><summary>"
            f"{esc(layer)}: {counted(len(entries), 'errors')}</summary>"
            f'<p class="counts">in the text: {esc(summary or "nothing placed")}</p>{body}</details>'
        )
    return '<section id="errors" class="card"><h2>Errors</h2>' + "".join(blocks) + "</section>"


def _text_only(items: Sequence[TextOnlyItem]) -> str:
    if not items:
        body = '<p class="muted">none: every predicted item has offsets</p>'
    else:
        body = (
            '<ul class="textonly">'
            + "".join(
                f'<li><b>{esc(i.layer)}</b> “{esc(i.text)}” <span class="muted">{esc(i.label)}'
                "</span></li>"
                for i in items
            )
            + "</ul>"
        )
    return (
        '<section id="textonly" class="card"><h2>Predicted without offsets</h2>'
        '<p class="muted">Scored by text; not placed in the text.</p>'
        f"{body}</section>"
    )


def _text_only_layers(report: ScoreReport) -> set[str]:
    """Layers whose predicted items all lacked offsets (the first ``*by_span`` count is
    0, the first ``*by_text`` count is not)."""
    found = set()
    for layer, counts in report.scored_by.items():
        by_span = next((n for k, n in counts.items() if k.endswith("by_span")), 0)
        by_text = next((n for k, n in counts.items() if k.endswith("by_text")), 0)
        if by_text and not by_span:
            found.add(layer)
    return found


def _unscored_gold(doc: Doc, report: ScoreReport) -> set[str]:
    """The gold mentions (``mention:<id>``) that the label preset leaves out of the gold
    (nominal and pronoun mentions under ``conll`` and ``ontonotes``)."""
    from wiregold.scorers.labels import preset

    kinds = preset(name=report.config.labels).gold_kinds
    return {f"mention:{m['id']}" for m in doc.get("mentions", []) if m["kind"] not in kinds}


def errors_page(
    *, doc: Doc, pred: Doc, report: ScoreReport, pred_source: str, gold_source: str
) -> str:
    """A system's output for one document against its gold, from a score report made
    for that document alone (``report.errors`` are its error items)."""
    layers = [layer for layer in LAYERS if layer == "zones" or layer in report.config.tasks]
    errors = error_marks(
        gold_marks=gold_marks(doc),
        errors=report.errors,
        layers=report.config.tasks,
        text_only_layers=_text_only_layers(report),
        unscored=_unscored_gold(doc, report),
    )
    meta = report.missing_docs and " (no prediction for this document: scored as empty)"
    header = (
        f"<h1>{esc(doc['id'])}<small>system output against the gold · wiregold</small></h1>"
        f'<p class="meta">prediction <code>{esc(pred_source)}</code>{esc(meta or "")} · gold '
        f"<code>{esc(gold_source)}</code> · scores for this document:</p>"
        f"{_scores(report)}"
        f'<div class="bar">{_toggles(layers, pred=True)}</div>{_legend_errors()}'
    )
    data = {
        "view": "errors",
        **gold_data(doc),
        "errors": [entry.to_json() for entry in errors.entries],
        "by_target": {k: list(v) for k, v in errors.by_target.items()},
    }
    return _page(
        title=f"{doc['id']} · errors · wiregold",
        view="errors",
        header=header,
        layers=[*layers, "pred"],
        document=nest(doc["text"], list(errors.marks)),
        below=_casualty_table(doc, errors),
        side=_error_list(errors, [x for x in layers if x != "zones"])
        + _text_only(text_only_items(pred)),
        data=data,
    )
