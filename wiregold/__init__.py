"""wiregold: an annotated news benchmark (gold corpus, JSON Schema, validator, scorers).

Importing the package is cheap on purpose: submodules import their heavy dependencies
(jsonschema, datasets, pandas) themselves, only when used. ``wiregold.score`` is
resolved on first use (see :func:`wiregold.api.score`), and so are ``load_corpus``
(:mod:`wiregold.corpus`) and ``to_pandas`` (:mod:`wiregold.frames`).
"""

from typing import Any

__version__ = "0.1.0"

# name -> module that defines it (the loading API)
_LAZY = {"load_corpus": "wiregold.corpus", "to_pandas": "wiregold.frames"}


def __getattr__(name: str) -> Any:
    # PEP 562: `wiregold.score` imports the scoring code only when someone asks for it.
    if name == "score":
        from wiregold.api import score

        return score
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'wiregold' has no attribute {name!r}")


def __dir__() -> list[str]:
    # The lazy names too, so that dir() and tab completion show the API.
    return sorted({*globals(), "score", *_LAZY} - {"Any"})
