"""``wiregold.to_pandas(layer)``: one DataFrame per flat config, from the shared row builder.

The rows and columns are exactly those of ``data/<layer>/<split>.jsonl`` (both come from
:func:`wiregold.rows.rows`). Integer columns that can be null use pandas' nullable
``Int64``, so a missing count stays ``<NA>`` instead of turning the column into floats.
pandas is imported here, only when called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def to_pandas(layer: str, *, split: str = "test") -> pd.DataFrame:
    """The rows of flat config ``layer`` (``mentions``, ``events``, ...) for ``split``.

    Raises ValueError for an unknown layer, :class:`wiregold.corpus.CorpusError` for an
    unknown split, and ModuleNotFoundError when pandas is not installed (``pip install
    wiregold[hf]``).
    """
    from wiregold.corpus import load_corpus
    from wiregold.rows import rows, table

    spec = table(name=layer)  # fail on a bad name before importing pandas
    try:
        import pandas as pd
    except ModuleNotFoundError as err:
        message = "to_pandas needs pandas: pip install 'wiregold[hf]'"
        raise ModuleNotFoundError(message, name=err.name) from err

    found = rows(name=layer, documents=load_corpus(split=split))
    frame = pd.DataFrame.from_records(found, columns=list(spec.column_names))
    dtypes = {
        column.name: "Int64" if column.nullable else "int64"
        for column in spec.columns
        if column.dtype == "int64" and not column.repeated
    }
    dtypes |= {c.name: "bool" for c in spec.columns if c.dtype == "bool" and not c.repeated}
    return frame.astype(dtypes)
