"""Rendering a :class:`~wiregold.scoring.ScoreReport`: table, JSON, Markdown, CSV.

Every format shows, per layer, the rows the layer scorer chose (``Counts.rows()``,
headline first): precision, recall and F1 where the row has them, accuracy (or mean
error) where it has one, and the counts the ratios come from. An undefined ratio is
``n/a`` in the table and Markdown, empty in CSV and ``null`` in JSON; a column that does
not apply to a row is left blank (absent in JSON).

JSON is the complete, machine-readable form: the config and signature, the versions and
gold hash, the documents (gold, missing, unknown), the readable ``rows`` of each layer,
each layer's own ``totals`` and ``breakdowns`` (``Counts.to_dict()``, errors left out),
the items scored by span/by text, the out-of-scope counts, and with ``errors=True`` an
``errors`` list. Keys are sorted wherever order carries no meaning (lists keep their
order: rows headline first, tasks in report order, errors sorted by document, layer,
category), nothing depends on the clock, so scoring twice gives identical bytes.

With ``errors=True`` every error item is appended (false positives and negatives,
partial matches, wrong types, out-of-scope predictions, ...) sorted by document, layer,
category, with the items' text and offsets.
"""

from __future__ import annotations

import csv
import io
import json
import numbers
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from wiregold.scorers.base import Accuracy, ErrorItem

if TYPE_CHECKING:
    from wiregold.scoring import ScoreReport

__all__ = ["FORMATS", "render", "to_json_dict"]

FORMAT_VERSION = "wiregold-score/2"  # 2: error items carry gold_span and pred_span
FORMATS = ("table", "json", "markdown", "csv")
_RATIO_KEYS = ("precision", "recall", "f1", "accuracy", "mean")
_UNDEFINED = "n/a"


# ---------------------------------------------------------------------- one row's cells


def _number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_ratio_key(key: str) -> bool:
    return key in _RATIO_KEYS or key.endswith(tuple("_" + k for k in _RATIO_KEYS))


def _value_dict(value: Any) -> dict[str, Any]:
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        found = to_dict()
        return dict(found) if isinstance(found, Mapping) else {}
    return {"value": value} if _number(value) else {}


class _Cells:
    """What a row shows: ratios (None = undefined, absent = not applicable), counts."""

    def __init__(self, value: Any) -> None:
        self.kind = None if value is None else type(value).__name__
        self.ratios: dict[str, float | None] = {}
        if value is None:
            self.counts: dict[str, float] = {}
            return
        for key in ("precision", "recall", "f1"):
            if hasattr(value, key):
                self.ratios[key] = self._ratio(getattr(value, key))
        for key in ("accuracy", "mean"):
            if hasattr(value, key):
                found = getattr(value, key)
                # An attribute F1 holds an Accuracy: show its ratio.
                self.ratios[key] = self._ratio(
                    found.accuracy if isinstance(found, Accuracy) else found
                )
        if _number(value):  # a bare number: shown in the value column
            self.ratios["value"] = float(value)
        self.counts = {
            key: count
            for key, count in _value_dict(value).items()
            if _number(count) and not _is_ratio_key(key) and key != "value"
        }

    @staticmethod
    def _ratio(value: Any) -> float | None:
        return float(value) if _number(value) else None

    def value_column(self) -> float | str | None:
        """The accuracy-or-mean column: a ratio, None (undefined) or '' (not applicable)."""
        for key in ("accuracy", "mean", "value"):
            if key in self.ratios:
                return self.ratios[key]
        return ""


_EXACT_FLOAT = 2**53


def _fmt_ratio(value: float | str | None) -> str:
    if value == "":
        return ""
    if value is None:
        return _UNDEFINED
    # Past 2**53 a float's digits are not the number's: 1e99 as .4f prints 100 made-up ones.
    return f"{value:.4f}" if abs(value) < _EXACT_FLOAT else f"{value:.4e}"


def _fmt_count(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _counts_text(cells: _Cells) -> str:
    if cells.kind is None:
        return "(not scored)"
    return ", ".join(f"{key} {_fmt_count(v)}" for key, v in cells.counts.items())


def _rows(counts: Any) -> list[tuple[str, _Cells, Any]]:
    return [(row.metric, _Cells(row.value), row.value) for row in counts.rows()]


# ---------------------------------------------------------------------------- shared


def _documents_line(report: ScoreReport) -> str:
    gold = len(report.doc_ids)
    predicted = gold - len(report.missing_docs)
    line = f"documents: {gold} gold, {predicted} predicted, {len(report.missing_docs)} missing"
    return line + f", {len(report.unknown_docs)} unknown (ignored)"


def _scored_by_text(report: ScoreReport, layer: str) -> str:
    found = report.scored_by.get(layer)
    if not found:
        return ""
    return ", ".join(f"{key} {value}" for key, value in found.items())


def _notes(report: ScoreReport) -> list[str]:
    notes = []
    if report.missing_docs:
        missing = ", ".join(report.missing_docs)
        notes.append(f"missing documents (no prediction, scored as empty): {missing}")
    if report.unknown_docs:
        notes.append(
            f"unknown documents (not in the gold, ignored): {', '.join(report.unknown_docs)}"
        )
    return notes


def _error_parts(item: ErrorItem) -> str:
    parts = []
    if item.gold is not None:
        parts.append(f"gold {item.gold}")
    if item.pred is not None:
        parts.append(f"pred {item.pred}")
    if item.detail:
        parts.append(item.detail)
    return "; ".join(parts)


# ----------------------------------------------------------------------------- table


def render_table(report: ScoreReport, *, errors: bool = False) -> str:
    blocks = {layer: _rows(counts) for layer, counts in report.totals.items()}
    width = max(
        [len(layer) for layer in blocks]
        + [len(metric) + 2 for rows in blocks.values() for metric, _, _ in rows]
    )
    heading = ["P", "R", "F1", "acc/mean"]
    lines = [_documents_line(report)]
    for layer, rows in blocks.items():
        lines.append("")
        lines.append(
            f"{layer:<{width}}  {heading[0]:>6}  {heading[1]:>6}  {heading[2]:>6}  "
            f"{heading[3]:>8}  counts"
        )
        for metric, cells, _ in rows:
            r = cells.ratios
            p, rec, f = (_fmt_ratio(r.get(k, "")) for k in ("precision", "recall", "f1"))
            acc = _fmt_ratio(cells.value_column())
            line = f"  {metric:<{width - 2}}  {p:>6}  {rec:>6}  {f:>6}  {acc:>8}  "
            lines.append((line + _counts_text(cells)).rstrip())
        tail = [f"out of scope {report.out_of_scope.by_layer.get(layer, 0)}"]
        scored = _scored_by_text(report, layer)
        if scored:
            tail.insert(0, f"items {scored}")
        lines.append("  (" + "; ".join(tail) + ")")
    lines.append("")
    lines.extend(_notes(report))
    lines.append(f"signature: {report.signature}")
    if errors:
        lines.extend(_error_lines(report))
    return "\n".join(lines) + "\n"


def _error_lines(report: ScoreReport) -> list[str]:
    items = report.errors
    lines = ["", f"errors: {len(items)}"]
    if not items:
        return lines
    widths = [max(len(getattr(e, key)) for e in items) for key in ("doc_id", "layer", "category")]
    for item in items:
        head = "  ".join(
            f"{getattr(item, key):<{w}}"
            for key, w in zip(("doc_id", "layer", "category"), widths, strict=True)
        )
        lines.append(f"  {head}  {_error_parts(item)}".rstrip())
    return lines


# -------------------------------------------------------------------------- markdown


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


# Text from the documents and predictions ("gold", "pred", "detail" of an error item) is
# data, never markup: a backtick, an asterisk or a bracket would start a code span,
# emphasis or a link, and "<script>" would be raw HTML to a Markdown renderer.
_MD_TEXT = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "~": "\\~",
        "[": "\\[",
        "]": "\\]",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
        "\n": " ",
        "\r": " ",
    }
)


def _md_text(text: str) -> str:
    return text.translate(_MD_TEXT)


def render_markdown(report: ScoreReport, *, errors: bool = False) -> str:
    lines = [
        "| layer | metric | P | R | F1 | acc/mean | counts |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for layer, counts in report.totals.items():
        for metric, cells, _ in _rows(counts):
            r = cells.ratios
            ratios = [_fmt_ratio(r.get(k, "")) for k in ("precision", "recall", "f1")]
            ratios.append(_fmt_ratio(cells.value_column()))
            cols = [layer, metric, *ratios, _counts_text(cells)]
            lines.append("| " + " | ".join(_md(c) for c in cols) + " |")
    lines.append("")
    lines.append(_documents_line(report) + ".")
    oos = ", ".join(f"{k} {v}" for k, v in report.out_of_scope.by_layer.items())
    lines.append(f"Out of scope (unannotated zones, not scored): {oos}.")
    for layer in report.totals:
        scored = _scored_by_text(report, layer)
        if scored:
            lines.append(f"Items scored, {layer}: {scored}.")
    lines.extend(note[0].upper() + note[1:] + "." for note in _notes(report))
    lines.append("")
    lines.append(f"Signature: `{report.signature}`")
    if errors:
        items = report.errors
        lines += ["", f"Errors: {len(items)}"]
        if items:
            lines += ["", "| document | layer | category | gold | pred | detail |"]
            lines.append("|---|---|---|---|---|---|")
            for e in items:
                cols = [_md(e.doc_id), _md(e.layer), _md(e.category)]
                cols += [_md_text(c or "") for c in (e.gold, e.pred, e.detail)]
                lines.append("| " + " | ".join(cols) + " |")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------- csv

# One table, so that any CSV reader takes it whole: a metric row or an error row per
# line (``record``), each with the columns of both (empty where they do not apply), and
# the signature on every row (a CSV has no place for a footer).
CSV_METRIC_COLUMNS = (
    "layer",
    "metric",
    "kind",
    "scored",
    "precision",
    "recall",
    "f1",
    "accuracy",
    "mean",
    "counts",
    "out_of_scope",
)
CSV_ERROR_COLUMNS = (
    "doc_id",
    "layer",
    "category",
    "gold",
    "pred",
    "detail",
    *("gold_start", "gold_end", "pred_start", "pred_end"),
)
CSV_COLUMNS = (
    "record",
    *CSV_METRIC_COLUMNS,
    *(c for c in CSV_ERROR_COLUMNS if c not in CSV_METRIC_COLUMNS),
    "signature",
)
COUNT_PREFIX = "count_"  # then a column per count of the metric rows (``counts`` as numbers)


def _csv_number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def render_csv(report: ScoreReport, *, errors: bool = False) -> str:
    """One row per layer x metric (``record`` "metric"), then with ``errors`` one per
    error item (``record`` "error"), all under one header: :data:`CSV_COLUMNS`, with the
    metric rows' counts as ``count_<name>`` columns before ``signature``.

    A metric row that was not scored has ``scored`` false and no kind; an undefined ratio
    is an empty cell in a row that was scored. ``out_of_scope`` is the layer's count of
    predictions in unannotated zones (not scored)."""
    rows = [(layer, _rows(counts)) for layer, counts in report.totals.items()]
    # The counts behind the ratios, a number per column (``count_correct``, ...): the
    # names the rows have, in the order they first appear, so the header fits the report.
    names = dict.fromkeys(k for _, found in rows for _, cells, _ in found for k in cells.counts)
    columns = (*CSV_COLUMNS[:-1], *(COUNT_PREFIX + k for k in names), CSV_COLUMNS[-1])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for layer, found_rows in rows:
        for metric, cells, _ in found_rows:
            row: dict[str, Any] = {k: _csv_number(cells.ratios.get(k)) for k in _RATIO_KEYS}
            row.update(
                record="metric",
                layer=layer,
                metric=metric,
                kind=cells.kind or "",
                scored="true" if cells.kind else "false",
                counts=" ".join(f"{k}={_fmt_count(v)}" for k, v in cells.counts.items()),
                **{COUNT_PREFIX + k: _fmt_count(v) for k, v in cells.counts.items()},
                out_of_scope=report.out_of_scope.by_layer.get(layer, 0),
                signature=report.signature,
            )
            writer.writerow(row)
    if errors:
        for e in report.errors:
            found = {key: getattr(e, key) or "" for key in CSV_ERROR_COLUMNS[:6]}
            for side, span in (("gold", e.gold_span), ("pred", e.pred_span)):
                if span is not None:
                    found[f"{side}_start"], found[f"{side}_end"] = span
            writer.writerow({**found, "record": "error", "signature": report.signature})
    return out.getvalue()


# ------------------------------------------------------------------------------ json


def _row_dict(metric: str, cells: _Cells, value: Any) -> dict[str, Any]:
    found = {k: v for k, v in _value_dict(value).items() if k != "metric"}
    scored = cells.kind is not None  # as in the CSV: a row left unscored has no kind
    return {**found, **cells.ratios, "metric": metric, "kind": cells.kind, "scored": scored}


def _layer_dict(counts: Any) -> dict[str, Any]:
    found = counts.to_dict() if callable(getattr(counts, "to_dict", None)) else {}
    return {k: v for k, v in found.items() if k != "errors"}


def to_json_dict(report: ScoreReport, *, errors: bool = False) -> dict[str, Any]:
    """The JSON report as a dict (see the module docstring)."""
    config = {
        k: list(v) if isinstance(v, tuple) else v for k, v in report.config.settings().items()
    }
    found: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "signature": report.signature,
        "config": config,
        "versions": {
            "package": report.package_version,
            "corpus": report.corpus_version,
            "gold_sha256": report.gold_sha256,
        },
        "documents": {
            "gold": list(report.doc_ids),
            "missing": list(report.missing_docs),
            "unknown": list(report.unknown_docs),
        },
        "tasks": list(report.totals),
        "rows": {
            layer: [_row_dict(*row) for row in _rows(counts)]
            for layer, counts in report.totals.items()
        },
        "layers": {layer: _layer_dict(counts) for layer, counts in report.totals.items()},
        "scored_by": {
            layer: dict(report.scored_by[layer]) if layer in report.scored_by else None
            for layer in report.totals
        },
        "out_of_scope": dict(report.out_of_scope.by_layer),
    }
    if errors:
        found["errors"] = [item.to_dict() for item in report.errors]
    return found


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    if callable(getattr(value, "to_dict", None)):
        return value.to_dict()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def render_json(report: ScoreReport, *, errors: bool = False) -> str:
    data = to_json_dict(report, errors=errors)
    text = json.dumps(
        data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False, default=_jsonable
    )
    return text + "\n"


_RENDERERS: dict[str, Callable[..., str]] = {
    "table": render_table,
    "json": render_json,
    "markdown": render_markdown,
    "csv": render_csv,
}


def render(*, report: ScoreReport, fmt: str = "table", errors: bool = False) -> str:
    """The report in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in _RENDERERS:
        raise ValueError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
    return _RENDERERS[fmt](report, errors=errors)
