"""``--jobs N``: documents split across processes, results merged in sorted order.

Work is cut into contiguous chunks of a sorted list (files, or document ids), each chunk
is handled by a top-level function in a worker process (spawn-safe), and the results
come back in chunk order, so the caller merges them exactly as if it had done the work
itself in one process: the output of ``--jobs N`` is byte-identical to ``--jobs 1``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.reduction import ForkingPickler
from types import MappingProxyType
from typing import Any, TypeVar

__all__ = ["chunked", "cpu_count", "map_chunks", "resolve_jobs"]

T = TypeVar("T")
R = TypeVar("R")
# More chunks than workers, so that one slow chunk does not leave a core idle.
_CHUNKS_PER_JOB = 4


def _mapping_proxy(mapping: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(mapping)


# Count records hold read-only mappings, which multiprocessing cannot send between
# processes by itself: send the dict, rebuild the proxy. Registered on multiprocessing's
# own pickler only (the global pickle module is untouched): it carries nothing but the
# results of our own worker processes, never data read from a file.
ForkingPickler.register(MappingProxyType, lambda m: (_mapping_proxy, (dict(m),)))


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def resolve_jobs(jobs: int) -> int:
    """The number of processes for ``--jobs``: 0 means one per CPU; negative is an error."""
    if type(jobs) is not int or jobs < 0:
        raise ValueError(f"jobs must be an integer >= 0 (0 = one per CPU), got {jobs!r}")
    return cpu_count() if jobs == 0 else jobs


def chunked(items: Sequence[T], *, jobs: int) -> list[Sequence[T]]:
    """``items`` cut into contiguous chunks, in order (one chunk when ``jobs`` is 1)."""
    if jobs <= 1 or len(items) <= 1:
        return [items] if items else []
    count = min(len(items), jobs * _CHUNKS_PER_JOB)
    size, extra = divmod(len(items), count)
    chunks, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        chunks.append(items[start:end])
        start = end
    return chunks


_SHARED: Any = None  # a worker's copy of ``shared`` (set once per process)


def _set_shared(shared: Any) -> None:
    global _SHARED
    _SHARED = shared


def _with_shared(function: Callable[..., R], chunk: Any, **kwargs: Any) -> R:
    return function(chunk, shared=_SHARED, **kwargs)


def map_chunks(
    function: Callable[..., R],
    chunks: Sequence[Any],
    *,
    jobs: int,
    shared: Any = None,
    **kwargs: Any,
) -> Iterator[R]:
    """``function(chunk, **kwargs)`` for every chunk, in chunk order; in worker processes
    when ``jobs`` > 1 (``function`` must be a module-level function).

    ``shared`` (when not None) is passed as ``function(chunk, shared=..., **kwargs)`` and
    sent to each worker process once, not with every chunk: for data every chunk reads,
    such as an index of the prediction file.
    """
    if jobs <= 1 or len(chunks) <= 1:
        extra = {} if shared is None else {"shared": shared}
        for chunk in chunks:
            yield function(chunk, **extra, **kwargs)
        return
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    if shared is None:
        task = partial(function, **kwargs)
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(chunks)))
    else:
        task = partial(_with_shared, function, **kwargs)
        pool = ProcessPoolExecutor(
            max_workers=min(jobs, len(chunks)), initializer=_set_shared, initargs=(shared,)
        )
    with pool:
        yield from pool.map(task, chunks)
