"""The baselines' leaderboard: each baseline run on the gold and scored by the scorer library.

One row per system: the headline F1 of every layer (the first row of the layer's report,
as ``wiregold score`` prints it) and the absolute error of the total killed, plus the
signature of the scoring settings (the same for every row). A baseline that cannot run
here (``nltk-ne`` without NLTK data) gets a row saying so instead of numbers.

Nothing is typed in by hand: every number is computed by :func:`wiregold.scoring.score`
from the predictions the baselines make at that moment.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from wiregold.scorers.base import ScoreConfig

__all__ = ["KILLED_ROW", "Leaderboard", "SystemRow", "build", "render"]

KILLED_ROW = "killed total abs error"  # the casualty scorer's row for the total killed
FORMATS = ("table", "markdown")
_UNDEFINED = "n/a"

Doc = Mapping[str, Any]


@dataclass(frozen=True)
class SystemRow:
    system: str
    f1: Mapping[str, float | None] = field(default_factory=dict)  # layer -> headline F1
    killed_error: float | None = None
    note: str | None = None  # why the system has no scores (unavailable, not run)


@dataclass(frozen=True)
class Leaderboard:
    layers: tuple[str, ...]
    metrics: Mapping[str, str]  # layer -> name of its headline row
    rows: tuple[SystemRow, ...]
    signature: str

    def header(self) -> list[str]:
        return [
            "system",
            *(f"{layer} ({self.metrics.get(layer, '?')} F1)" for layer in self.layers),
            "killed abs error",
        ]


def _cells(row: SystemRow, layers: Sequence[str]) -> list[str]:
    """A scored row's cells (system first); a noted row's are the system and the note."""
    if row.note is not None:
        return [row.system, row.note]
    killed = _UNDEFINED if row.killed_error is None else f"{row.killed_error:g}"
    return [row.system, *(_fmt(row.f1.get(layer)) for layer in layers), killed]


def _fmt(value: float | None) -> str:
    return _UNDEFINED if value is None else f"{value:.4f}"


def _killed_error(counts: Any) -> float | None:
    for row in counts.rows():
        if row.metric == KILLED_ROW:
            return row.value.total
    return None


def build(
    *,
    gold: Mapping[str, Doc],
    systems: Sequence[str] | None = None,
    config: ScoreConfig | None = None,
    not_run: Mapping[str, str] | None = None,
) -> Leaderboard:
    """Run and score each baseline of ``systems`` (default: all) on ``gold``.

    ``not_run`` maps systems to a note shown instead of running them (the README uses it
    for a baseline whose numbers depend on what is installed locally).
    """
    from wiregold import baselines
    from wiregold.scoring import check_config, score

    config = check_config(config or ScoreConfig())
    inputs = [baselines.document_input(doc=doc) for _, doc in sorted(gold.items())]
    rows = []
    metrics: dict[str, str] = {}
    signature = ""
    for name in systems or baselines.names():
        if not_run and name in not_run:
            rows.append(SystemRow(name, note=not_run[name]))
            continue
        try:
            predictions = baselines.run(name=name, documents=inputs)
        except baselines.BaselineUnavailableError as err:
            missing = ", ".join(err.missing)
            rows.append(SystemRow(name, note=f"unavailable: missing {err.what} ({missing})"))
            continue
        report = score(gold=gold, pred={p["doc_id"]: p for p in predictions}, config=config)
        f1 = {}
        for layer, counts in report.totals.items():
            headline = counts.rows()[0]
            metrics.setdefault(layer, headline.metric)
            f1[layer] = getattr(headline.value, "f1", None)
        killed = (
            _killed_error(report.totals["casualties"]) if "casualties" in report.totals else None
        )
        rows.append(SystemRow(name, f1, killed))
        signature = report.signature
    return Leaderboard(tuple(config.tasks), metrics, tuple(rows), signature)


def render(*, board: Leaderboard, fmt: str = "table") -> str:
    """The leaderboard as an aligned text table or a Markdown table, signature below."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    header = board.header()
    rows = [_cells(row, board.layers) for row in board.rows]
    if fmt == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for cells in rows:
            cells = [f"`{cells[0]}`", *cells[1:]] + [""] * (len(header) - len(cells))
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join([*lines, "", f"signature: `{board.signature}`"]) + "\n"
    scored = [cells for cells in rows if len(cells) == len(header)]
    widths = [max(len(text) for text in column) for column in zip(header, *scored, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    for cells in rows:
        if len(cells) < len(header):  # a note: one free-text cell after the system
            lines.append(f"{cells[0].ljust(widths[0])}  {cells[1]}")
            continue
        first, *numbers = cells
        aligned = [n.rjust(w) for n, w in zip(numbers, widths[1:], strict=True)]
        lines.append("  ".join([first.ljust(widths[0]), *aligned]))
    return (
        "\n".join([*(line.rstrip() for line in lines), "", f"signature: {board.signature}"]) + "\n"
    )
