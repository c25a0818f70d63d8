"""``python -m benchmarks.peak ARGS``: ``wiregold ARGS`` in this process, then its peak
memory as the last line of stderr (``peak_rss <bytes>``), for the harness.

Why not ``ru_maxrss`` from ``wait4`` in the harness: a child forked from the harness
starts with the harness's pages resident, and Linux keeps that high-water mark across
``exec``, so a harness holding nervaluate's inputs made ``wiregold --help`` look like
hundreds of MB. ``VmHWM`` in ``/proc/self/status`` is the high-water mark of this
process's own memory since ``exec``; the worker processes of ``--jobs`` are forked from
here, and reaped before ``main`` returns, so ``RUSAGE_CHILDREN`` holds the largest of them.
That holds for the ``fork`` start method (Linux's default up to Python 3.13); with
``forkserver`` or ``spawn`` the workers are not this process's children, so a run with
``--jobs`` above 1 reports ``peak_rss unknown`` and the harness stops rather than print a
peak without its workers.
"""

from __future__ import annotations

import resource
import sys
from pathlib import Path


def own_peak() -> int:
    """Peak resident memory of this process since exec, in bytes (0 if unknown)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024  # kB
    return 0


def main(argv: list[str] | None = None) -> int:
    from wiregold.cli import main as wiregold

    try:
        code = wiregold(argv)
    except SystemExit as stop:  # argparse's --help and usage errors
        code = stop.code if isinstance(stop.code, int) else 1
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # kB on Linux
    sys.stdout.flush()
    if _workers_unseen(argv if argv is not None else sys.argv[1:]):
        print(f"peak_rss unknown: start method {_start_method()}", file=sys.stderr)
    else:
        print(f"peak_rss {max(own_peak(), workers)}", file=sys.stderr)
    return code


def _start_method() -> str:
    import multiprocessing

    return multiprocessing.get_start_method()


def _workers_unseen(argv: list[str]) -> bool:
    """Workers were started, and not as children of this process (see the docstring)."""
    jobs = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--jobs"), "1")
    return jobs != "1" and _start_method() != "fork"


if __name__ == "__main__":
    raise SystemExit(main())
