"""Benchmark harness: ``python -m benchmarks.run [--sizes 1000,10000,100000] [--repeat 3]``.

For each size it generates a synthetic corpus (``benchmarks/synth.py``; cached under
``--cache``), then measures, as whole processes (wall time, and the peak RSS of the
largest process: the command's own or a ``--jobs`` worker's, see ``benchmarks/peak.py``):

- ``validate``: ``wiregold validate GOLD_DIR --data-root ROOT`` (every gold check);
- ``validate-pred``: ``wiregold validate --pred PRED --gold GOLD_DIR`` (gold + predictions);
- ``score``: ``wiregold score`` on every layer, JSON report (all schemes, breakdowns);

then each of them again in this process (``wiregold.cli.main``: wall time without the
interpreter start and imports, and how far this process's peak memory rose), and in this
process, on the same entity mentions: our entity scorer (``entities.count``
per document, summed), nervaluate 1.x (all four schemes, span-dict input) and seqeval
(IOB2 strict F1, over regex tokens), with the speed ratios. The nervaluate comparison
uses the outermost gold mentions and the predictions that overlap at most one of them
(greedy and optimal alignment agree only without multi-overlaps, see
docs/scoring-entities.md), and checks that the overall COR/INC/PAR/MIS/SPU of every
scheme are equal at every size. Per-type counts are not compared: nervaluate matches the
mentions of each tag apart, so a prediction of the wrong type is a miss under one tag
and spurious under another, where ours splits one alignment by gold type. Both tools
take the same span dicts, built beforehand, and convert them inside the timed call
(nervaluate to its Entity objects, ours to its span keys); the libraries are imported
before any timing.

Targets (exit status 1 when one is missed): entity scoring >= 10x nervaluate at 10k
documents with equal counts; every layer at 100k documents in <= 60 s and <= 2 GB;
time(100k) / time(10k) <= 11; ``wiregold --help`` and ``wiregold validate`` (shipped
corpus) < 0.5 s. Writes ``results.json`` and ``results.md`` into ``--out`` (never into
``benchmarks/results/`` or the README: copying a run there is a deliberate step, see
``benchmarks/readme.py``). The cached corpora are kept for the next run (about 23 MB at
1k documents, 220 MB at 10k, 2.2 GB at 100k); delete ``--cache`` to free the space.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.peak import own_peak
from benchmarks.synth import Corpus, write_corpus

# wiregold.cli's main, run by a wrapper that reports the peak memory (see benchmarks/peak.py)
WIREGOLD = [sys.executable, "-m", "benchmarks.peak"]
NER_LABELS = ("PER", "ORG", "GPE", "LOC", "FAC")
MEASUREMENTS = ("validate", "validate-pred", "score", "entities", "nervaluate", "seqeval")
SCHEMES = {"strict": "strict", "exact": "exact", "partial": "partial", "type": "ent_type"}
_TOKEN = re.compile(r"\w+|[^\w\s]")


def run_process(argv: list[str], *, repeat: int) -> dict[str, Any]:
    """Median wall time and the largest peak RSS of ``repeat`` runs of ``argv``."""
    times, peaks = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, stderr = proc.communicate()
        times.append(time.perf_counter() - start)
        code = proc.returncode
        last = stderr.decode(errors="replace").rstrip("\n").rpartition("\n")[2]
        if code != 0 or not last.startswith("peak_rss "):
            raise RuntimeError(f"{' '.join(argv)} exited {code}: {stderr.decode()}")
        if not last.split()[1].isdigit():  # see benchmarks/peak.py
            raise RuntimeError(f"{' '.join(argv)}: the --jobs workers' memory is not known: {last}")
        peaks.append(int(last.split()[1]))
    return {"seconds": statistics.median(times), "runs": times, "peak_rss": max(peaks)}


def run_in_process(argv: list[str], *, repeat: int) -> dict[str, Any]:
    """Median wall time of ``repeat`` calls of ``wiregold.cli.main(argv)`` in this process
    (imports done once, output discarded), and the most this process's peak memory rose
    above its resident memory before a call (``peak_growth``, None where Linux cannot
    reset the peak). The ``--jobs`` workers are not in it: the whole-process runs
    measure them."""
    from wiregold.cli import main

    times, growth = [], []
    for _ in range(repeat):
        gc.collect()
        before = _reset_own_peak()
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            start = time.perf_counter()
            code = main(argv)
            times.append(time.perf_counter() - start)
        if code != 0:
            raise RuntimeError(f"wiregold {' '.join(argv)} returned {code} in process")
        growth.append(None if before is None else max(own_peak() - before, 0))
    known = [g for g in growth if g is not None]
    return {
        "seconds": statistics.median(times),
        "runs": times,
        "peak_growth": max(known) if known else None,
    }


def _reset_own_peak() -> int | None:
    """Reset this process's peak resident memory to its current one (Linux: ``5`` into
    ``/proc/self/clear_refs``) and return it; None when that is not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return None
    return own_peak()


def timed(function: Callable[[], Any], *, repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# ------------------------------------------------------------------------ entity data


def _overlap(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def entity_cases(corpus: Corpus) -> list[tuple[str, str, list[tuple], list[tuple]]]:
    """Per document: (id, text, gold spans, predicted spans) without multi-overlaps."""
    cases = []
    for line in corpus.pred.read_text(encoding="utf-8").splitlines():
        pred = json.loads(line)
        doc = json.loads((corpus.gold / f"{pred['doc_id']}.json").read_text(encoding="utf-8"))
        spans = sorted((m["start"], m["end"], m["type"]) for m in doc["mentions"])
        gold = [
            g for g in spans if not any(o != g and o[0] <= g[0] and g[1] <= o[1] for o in spans)
        ]  # outermost mentions
        annotated = [(z["start"], z["end"]) for z in doc["zones"] if z["annotated"]]
        kept: list[tuple] = []
        for m in pred["mentions"]:
            if "start" not in m or not any(s <= m["start"] and m["end"] <= e for s, e in annotated):
                continue  # text-only, or out of scope (wiregold drops those before scoring)
            p = (m["start"], m["end"], m["type"])
            hit = [g for g in gold if _overlap(g, p)]
            if len(hit) > 1 or (hit and any(_overlap(hit[0], q) for q in kept)) or p in kept:
                continue
            kept.append(p)
        cases.append((doc["id"], doc["text"], gold, kept))
    return sorted(cases)


def ours_inputs(cases: list[tuple]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Per document: the gold and prediction dicts that ``entities.count`` takes (built
    once, outside the timing, as nervaluate's inputs are)."""
    docs = []
    for doc_id, text, gold, pred in cases:
        g = {
            "id": doc_id,
            "text": text,
            "mentions": [
                {"id": f"m{i}", "start": s, "end": e, "text": text[s:e], "type": t, "kind": "NAM"}
                for i, (s, e, t) in enumerate(gold)
            ],
        }
        p = {"doc_id": doc_id, "mentions": [{"start": s, "end": e, "type": t} for s, e, t in pred]}
        docs.append((g, p))
    return docs


def ours(
    docs: list[tuple[dict[str, Any], dict[str, Any]]], *, errors: bool
) -> dict[str, tuple[int, ...]]:
    """``entities.count`` of every document, summed: COR/INC/PAR/MIS/SPU per scheme."""
    from wiregold.scorers import entities
    from wiregold.scorers.base import ScoreConfig

    config = ScoreConfig()
    total = entities.empty(config=config)
    for g, p in docs:
        total += entities.count(gold=g, pred=p, config=config, errors=errors)
    return {
        s: (c.correct, c.incorrect, c.partial, c.missed, c.spurious)
        for s in entities.SCHEMES
        for c in [getattr(total.totals, s)]
    }


def nervaluate_inputs(cases: list[tuple]) -> tuple[list, list]:
    def dicts(spans: list[tuple]) -> list[dict[str, Any]]:
        return [{"label": t, "start": s, "end": e - 1} for s, e, t in spans]  # inclusive end

    return [dicts(c[2]) for c in cases], [dicts(c[3]) for c in cases]


def nervaluate_counts(true: list, pred: list) -> dict[str, tuple[int, ...]]:
    from nervaluate import Evaluator

    result = Evaluator(true, pred, tags=list(NER_LABELS), loader="dict").evaluate()
    overall = result["overall"]
    return {
        ours: (r.correct, r.incorrect, r.partial, r.missed, r.spurious)
        for ours, theirs in SCHEMES.items()
        for r in [overall[theirs]]
    }


def iob2(cases: list[tuple]) -> tuple[list[list[str]], list[list[str]]]:
    """Token tags: a span tags the tokens it overlaps (the first B-, later I-)."""
    y_true, y_pred = [], []
    for _, text, gold, pred in cases:
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        for spans, out in ((gold, y_true), (pred, y_pred)):
            tags = ["O"] * len(tokens)
            for s, e, label in spans:
                inside = [i for i, (a, b) in enumerate(tokens) if a < e and s < b]
                if inside and all(tags[i] == "O" for i in inside):
                    tags[inside[0]] = f"B-{label}"
                    for i in inside[1:]:
                        tags[i] = f"I-{label}"
            out.append(tags)
    return y_true, y_pred


def seqeval_f1(y_true: list, y_pred: list) -> float:
    from seqeval.metrics import f1_score
    from seqeval.scheme import IOB2

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return f1_score(y_true, y_pred, mode="strict", scheme=IOB2)


# ---------------------------------------------------------------------------- running


def bench_size(corpus: Corpus, *, repeat: int, only: set[str], jobs: int) -> dict[str, Any]:
    root, gold, pred = str(corpus.root), str(corpus.gold), str(corpus.pred)
    out: dict[str, Any] = {"documents": corpus.documents, "jobs": jobs}
    scale = ["--data-root", root, "--jobs", str(jobs)]
    commands = {
        "validate": [*WIREGOLD, "validate", gold, *scale],
        "validate-pred": [*WIREGOLD, "validate", "--pred", pred, "--gold", gold, *scale],
        "score": [
            *WIREGOLD,
            "score",
            "--pred",
            pred,
            "--gold",
            gold,
            *scale,
            "--format",
            "json",
            "--out",
            str(corpus.root / "report.json"),
        ],
    }
    for name, argv in commands.items():
        if name in only:
            out[name] = run_process(argv, repeat=repeat)
            print(f"  {name}: {out[name]['seconds']:.2f} s", flush=True)
            inside = run_in_process(argv[len(WIREGOLD) :], repeat=repeat)
            out[f"{name}_in_process"] = inside
            print(f"  {name}, in process: {inside['seconds']:.2f} s", flush=True)
    if only & {"entities", "nervaluate", "seqeval"}:
        _import_entity_tools(only)  # an import inside a timed call would be timed
        cases = entity_cases(corpus)
        out["entity_mentions"] = {
            "gold": sum(len(c[2]) for c in cases),
            "pred": sum(len(c[3]) for c in cases),
        }
        docs = ours_inputs(cases)
        seconds, counts = timed(lambda: ours(docs, errors=False), repeat=repeat)
        out["entities"] = {"seconds": seconds, "counts": counts}
        print(f"  entities (in process): {seconds:.2f} s", flush=True)
        seconds, listed = timed(lambda: ours(docs, errors=True), repeat=repeat)
        out["entities_with_errors"] = {
            "seconds": seconds,
            "counts": listed,
            "counts_equal": listed == counts,
        }
        print(f"  entities with error items: {seconds:.2f} s", flush=True)
        if "nervaluate" in only:
            start = time.perf_counter()
            true, predicted = nervaluate_inputs(cases)
            build = time.perf_counter() - start
            seconds, theirs = timed(lambda: nervaluate_counts(true, predicted), repeat=repeat)
            out["nervaluate"] = {
                "seconds": seconds,
                "build_inputs": build,
                "counts": theirs,
                "counts_equal": theirs == counts,
                "speedup": seconds / out["entities"]["seconds"],
            }
            print(f"  nervaluate: {seconds:.2f} s, counts equal: {theirs == counts}", flush=True)
        if "seqeval" in only:
            y_true, y_pred = iob2(cases)
            seconds, f1 = timed(lambda: seqeval_f1(y_true, y_pred), repeat=repeat)
            out["seqeval"] = {
                "seconds": seconds,
                "f1_strict": f1,
                "speedup": seconds / out["entities"]["seconds"],
            }
            print(f"  seqeval: {seconds:.2f} s", flush=True)
    return out


def startup(*, repeat: int) -> dict[str, Any]:
    return {
        "help": run_process([*WIREGOLD, "--help"], repeat=repeat),
        "validate_shipped": run_process([*WIREGOLD, "validate"], repeat=repeat),
    }


def _import_entity_tools(only: set[str]) -> None:
    from wiregold.scorers import entities  # noqa: F401

    if "nervaluate" in only:
        import nervaluate  # noqa: F401
    if "seqeval" in only:
        import seqeval.metrics
        import seqeval.scheme  # noqa: F401


def check_targets(results: dict[str, Any]) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for every target; met is None when not measured."""
    sizes = {r["documents"]: r for r in results["sizes"]}
    found: list[tuple[str, str, bool | None]] = []
    ten = sizes.get(10000, {})
    ner = ten.get("nervaluate")
    if ner:
        found.append(
            (
                "entities >= 10x nervaluate (10k docs)",
                f"{ner['speedup']:.2f}x",
                ner["speedup"] >= 10,
            )
        )
    else:
        found.append(("entities >= 10x nervaluate (10k docs)", "not measured", None))
    compared = [r for r in results["sizes"] if "nervaluate" in r]
    if compared:  # at every size run, 10k or not
        equal = all(r["nervaluate"]["counts_equal"] for r in compared)
        found.append(("COR/INC/PAR/MIS/SPU equal to nervaluate", str(equal), equal))
    hundred = sizes.get(100000, {}).get("score")
    if hundred:
        found.append(
            (
                "all layers, 100k docs <= 60 s",
                f"{hundred['seconds']:.1f} s",
                hundred["seconds"] <= 60,
            )
        )
        found.append(
            (
                "all layers, 100k docs <= 2 GB",
                f"{hundred['peak_rss'] / 2**30:.2f} GB",
                hundred["peak_rss"] <= 2 * 2**30,
            )
        )
        if ten.get("score"):
            ratio = hundred["seconds"] / ten["score"]["seconds"]
            found.append(("time(100k) / time(10k) <= 11", f"{ratio:.2f}", ratio <= 11))
    else:
        found.append(("all layers, 100k docs <= 60 s and 2 GB", "not measured", None))
    for key, what in (("help", "wiregold --help"), ("validate_shipped", "wiregold validate")):
        seconds = results["startup"][key]["seconds"]
        found.append((f"{what} < 0.5 s", f"{seconds:.3f} s", seconds < 0.5))
    return found


def _arguments(results: dict[str, Any]) -> str:
    """The command line options that reproduce a recorded run."""
    sizes = ",".join(str(r["documents"]) for r in results["sizes"])
    options = f"--sizes {sizes} --repeat {results['repeat']} --jobs {results['jobs']}"
    return options + (f" --seed {results['seed']}" if results.get("seed", 0) != 0 else "")


def markdown(results: dict[str, Any]) -> str:
    def s(row: dict[str, Any], key: str) -> str:
        return f"{row[key]['seconds']:.2f}" if key in row else "-"

    def mb(value: int | None) -> str:
        return "-" if value is None else f"{value / 2**20:.0f}"

    lines = [
        f"Measured {results['date']} on {results['machine']} "
        f"(Python {results['python']}, `--jobs {results['jobs']}`, median of "
        f"{results['repeat']} runs; regenerate with `python -m benchmarks.run "
        f"{_arguments(results)}`).",
        "",
        "The commands, as whole processes and in process (`wiregold.cli.main` called by the "
        "harness: no interpreter start or imports; its memory column is how far the "
        "harness's own peak rose, without the `--jobs` workers):",
        "",
        "| documents | validate (s) | in process (s) | validate --pred (s) | in process (s) "
        "| score, all layers (s) | in process (s) | score peak RSS (MB) "
        "| in process, peak growth (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["sizes"]:
        score = row.get("score")
        inside = row.get("score_in_process")
        lines.append(
            f"| {row['documents']:,} | {s(row, 'validate')} | {s(row, 'validate_in_process')} "
            f"| {s(row, 'validate-pred')} | {s(row, 'validate-pred_in_process')} "
            f"| {s(row, 'score')} | {s(row, 'score_in_process')} "
            f"| {mb(score['peak_rss'] if score else None)} "
            f"| {mb(inside['peak_growth'] if inside else None)} |"
        )
    lines += [
        "",
        "Entity scoring in process, on the same mentions (inputs built beforehand):",
        "",
        "| documents | gold mentions | ours (s) | ours with error items (s) "
        "| nervaluate (s) | vs nervaluate | seqeval (s) | vs seqeval | counts = nervaluate |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in results["sizes"]:
        ner, seq = row.get("nervaluate"), row.get("seqeval")
        gold = row.get("entity_mentions", {}).get("gold")
        mentions = "-" if gold is None else f"{gold:,}"
        ner_x = f"{ner['speedup']:.2f}x" if ner else "-"
        seq_x = f"{seq['speedup']:.2f}x" if seq else "-"
        lines.append(
            f"| {row['documents']:,} | {mentions} | {s(row, 'entities')} "
            f"| {s(row, 'entities_with_errors')} | {s(row, 'nervaluate')} "
            f"| {ner_x} | {s(row, 'seqeval')} | {seq_x} "
            f"| {('yes' if ner['counts_equal'] else 'NO') if ner else '-'} |"
        )
    st = results["startup"]
    lines += [
        "",
        f"`wiregold --help`: {st['help']['seconds']:.3f} s; `wiregold validate` (shipped "
        f"corpus): {st['validate_shipped']['seconds']:.3f} s.",
        "",
        "| target | measured | met |",
        "|---|---|---|",
    ]
    for target, measured, met in results["targets"]:
        lines.append(
            f"| {target} | {measured} | "
            f"{'yes' if met else 'not measured' if met is None else 'NO'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="comma-separated corpus sizes in documents (default: %(default)s; the targets "
        "read 10000 and 100000)",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per measurement, median kept (default: 3)"
    )
    parser.add_argument(
        "--only",
        default=",".join(MEASUREMENTS),
        help=f"comma-separated measurements (default: all: {','.join(MEASUREMENTS)})",
    )
    parser.add_argument(
        "--jobs", type=int, default=1, help="--jobs of the wiregold commands (default: 1)"
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="seed of the synthetic corpora (default: 0)"
    )
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path("/tmp/wiregold-bench"),
        help="where the synthetic corpora are generated and kept for the next run "
        "(default: %(default)s; 2.2 GB at 100k documents)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(".benchmarks"),
        help="where results.json and results.md are written (default: %(default)s)",
    )
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    if not only <= set(MEASUREMENTS):
        parser.error(f"--only: unknown {', '.join(sorted(only - set(MEASUREMENTS)))}")
    try:
        sizes = [int(x) for x in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes: expected numbers separated by commas, got {args.sizes!r}")
    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()}",
        "python": platform.python_version(),
        "repeat": args.repeat,
        "jobs": args.jobs,
        "seed": args.seed,
        "sizes": [],
    }
    for size in sizes:
        print(f"{size} documents", flush=True)
        corpus = write_corpus(args.cache / f"n{size}-s{args.seed}", documents=size, seed=args.seed)
        results["sizes"].append(bench_size(corpus, repeat=args.repeat, only=only, jobs=args.jobs))
    results["startup"] = startup(repeat=args.repeat)
    results["targets"] = check_targets(results)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    text = markdown(results)
    (args.out / "results.md").write_text(text)
    print(text)
    return 1 if any(met is False for _, _, met in results["targets"]) else 0


if __name__ == "__main__":
    raise SystemExit(main())
