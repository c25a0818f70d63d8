"""wiregold: an annotated news benchmark (gold corpus, JSON Schema, validator, scorers).

Importing the package is cheap on purpose: submodules import their heavy dependencies
(jsonschema, datasets, pandas) themselves, only when used.
"""

__version__ = "0.1.0"
