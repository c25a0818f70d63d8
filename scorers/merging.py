"""Helpers for adding count records: keyed maps of counts, and sorted error lists.

Error lists are kept in canonical order (``ErrorItem.sort_key``, then ``detail``) so that
adding documents in any order gives equal results. Documents are usually added in id
order, where two sorted lists just concatenate; only out-of-order additions re-sort.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from .base import ErrorItem

__all__ = ["add_mappings", "error_order", "merge_errors", "sorted_errors"]


def error_order(error: ErrorItem) -> tuple[tuple[str, str, str, str, str], str]:
    return (error.sort_key(), error.detail or "")


def sorted_errors(errors: Iterable[ErrorItem]) -> tuple[ErrorItem, ...]:
    return tuple(sorted(errors, key=error_order))


def merge_errors(a: tuple[ErrorItem, ...], b: tuple[ErrorItem, ...]) -> tuple[ErrorItem, ...]:
    """Two sorted error tuples as one sorted tuple."""
    if not a or not b or error_order(a[-1]) <= error_order(b[0]):
        return a + b
    if error_order(b[-1]) <= error_order(a[0]):
        return b + a
    return sorted_errors(a + b)


def add_mappings(a: Mapping[str, Any], b: Mapping[str, Any]) -> Mapping[str, Any]:
    """Key-wise sum of two maps of addable counts, keys sorted."""
    merged = dict(a)
    for key, value in b.items():
        merged[key] = merged[key] + value if key in merged else value
    return MappingProxyType(dict(sorted(merged.items())))
