"""The layer scorers by name, imported only when asked for.

``get("events")`` imports ``wiregold.scorers.events`` the first time it is called, so
that the command line starts fast and a missing or broken layer module is reported by
name when it is needed, not as an ImportError when the CLI starts.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# Layer name -> module path. The order is the canonical order of layers in reports.
LAYERS: dict[str, str] = {
    "entities": "wiregold.scorers.entities",
    "events": "wiregold.scorers.events",
    "casualties": "wiregold.scorers.casualties",
    "quotes": "wiregold.scorers.quotes",
    "timexes": "wiregold.scorers.timexes",
}

# What a layer module must provide (see scorers/base.py).
_PROTOCOL = ("NAME", "count", "empty")


class LayerUnavailableError(ValueError):
    """A known layer whose module cannot be imported (not installed yet, or broken)."""


def names() -> tuple[str, ...]:
    """The known layer names, in report order."""
    return tuple(LAYERS)


def get(name: str) -> ModuleType:
    """The scorer module of layer ``name``.

    Raises ValueError for an unknown name (listing the known ones) and
    :class:`LayerUnavailableError` (a ValueError) when the module is missing or does not
    follow the protocol.
    """
    if name not in LAYERS:
        known = ", ".join(LAYERS)
        raise ValueError(f"unknown layer {name!r}; known layers: {known}")
    module_path = LAYERS[name]
    try:
        module = importlib.import_module(module_path)
    except ModuleNotFoundError as err:
        if err.name is None or not module_path.startswith(err.name):
            raise  # a dependency of the module is missing: a real bug, keep the traceback
        raise LayerUnavailableError(
            f"layer {name!r} is not available in this installation (module {module_path} not found)"
        ) from None
    missing = [attr for attr in _PROTOCOL if not hasattr(module, attr)]
    if missing:
        raise LayerUnavailableError(
            f"layer module {module_path} lacks {', '.join(missing)} (see scorers/base.py)"
        )
    if name != module.NAME:
        raise LayerUnavailableError(
            f"layer module {module_path} declares NAME {module.NAME!r}, expected {name!r}"
        )
    return module


def available() -> tuple[str, ...]:
    """The layers whose module can be imported now (for tests and diagnostics)."""
    found = []
    for name in LAYERS:
        try:
            get(name)
        except LayerUnavailableError:
            continue
        found.append(name)
    return tuple(found)
