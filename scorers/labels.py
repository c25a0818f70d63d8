"""Entity label presets: how a tagger's labels map to the gold's ACE types, and which gold
mentions a tagger of that kind is asked to find.

A preset maps each predicted label to a **set** of acceptable gold types: a prediction's
type is right when the gold mention's type is in that set (CoNLL ``LOC`` is right for a
gold ``GPE``, ``LOC`` or ``FAC``). A label that maps to the empty set, or that the preset
does not list at all, has no counterpart in the gold: the entity scorer counts such a
prediction as spurious, in the error category ``unmapped_label``, and lists it.

A preset also sets the **gold scope**: the mention kinds of the gold that the tagger is
scored against. CoNLL and OntoNotes taggers tag names only, so under those presets the
gold is restricted to its ``NAM`` mentions; ``wiregold`` keeps every mention
(``NAM``, ``NOM``, ``PRO``).

The preset is chosen with ``ScoreConfig.labels`` (it is part of the report signature).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

__all__ = ["ACE_TYPES", "MENTION_KINDS", "PRESETS", "LabelPreset", "preset"]

# The gold's entity types (schema/inventory.json ``entity_types``; a test keeps them equal).
ACE_TYPES: tuple[str, ...] = ("PER", "ORG", "GPE", "LOC", "FAC", "VEH", "WEA")
MENTION_KINDS: tuple[str, ...] = ("NAM", "NOM", "PRO")


@dataclass(frozen=True)
class LabelPreset:
    """Predicted label -> acceptable gold types, and the gold mention kinds in scope."""

    name: str
    mapping: Mapping[str, frozenset[str]]
    gold_kinds: frozenset[str]
    description: str

    def gold_types(self, label: str) -> frozenset[str]:
        """Gold types a prediction with ``label`` may match; empty when unmapped."""
        return self.mapping.get(label, frozenset())

    @property
    def identity(self) -> bool:
        """Every label maps to itself only (predicted labels are gold types)."""
        return all(types == {label} for label, types in self.mapping.items())

    def in_scope(self, mention: Mapping[str, Any]) -> bool:
        """Whether a gold mention is part of what this tagger is scored against."""
        return mention["kind"] in self.gold_kinds

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mapping": {label: sorted(types) for label, types in sorted(self.mapping.items())},
            "gold_kinds": sorted(self.gold_kinds),
            "description": self.description,
        }


def _preset(
    name: str, mapping: Mapping[str, tuple[str, ...]], kinds: tuple[str, ...], description: str
) -> LabelPreset:
    for label, types in mapping.items():
        unknown = set(types) - set(ACE_TYPES)
        if unknown:  # a typo here would silently make a label unmatchable
            raise ValueError(f"preset {name}: {label} maps to unknown types {sorted(unknown)}")
    frozen = {label: frozenset(types) for label, types in mapping.items()}
    return LabelPreset(name, MappingProxyType(frozen), frozenset(kinds), description)


_NO_MATCH: tuple[str, ...] = ()

PRESETS: Mapping[str, LabelPreset] = MappingProxyType(
    {
        "wiregold": _preset(
            "wiregold",
            {t: (t,) for t in ACE_TYPES},
            MENTION_KINDS,
            "the gold's own ACE types, identity mapping; every gold mention (NAM, NOM, PRO)",
        ),
        "conll": _preset(
            "conll",
            {
                "PER": ("PER",),
                "ORG": ("ORG",),
                "LOC": ("GPE", "LOC", "FAC"),
                "MISC": _NO_MATCH,  # nationalities, events, works: no gold type fits
            },
            ("NAM",),
            "CoNLL-2003 PER/LOC/ORG/MISC; LOC covers GPE, LOC and FAC; MISC has no gold "
            "type; names only, so the gold is its NAM mentions",
        ),
        "ontonotes": _preset(
            "ontonotes",
            {
                "PERSON": ("PER",),
                "ORG": ("ORG",),
                "GPE": ("GPE",),
                "LOC": ("LOC",),
                "FAC": ("FAC",),
                # Nationality adjectives (`Iranian`) are GPE NAM mentions (guidelines E3).
                "NORP": ("GPE",),
                "PRODUCT": ("VEH", "WEA"),
                # Listed so that the preset shows them; they have no entity type in the gold.
                "EVENT": _NO_MATCH,
                "WORK_OF_ART": _NO_MATCH,
                "LAW": _NO_MATCH,
                "LANGUAGE": _NO_MATCH,
                "DATE": _NO_MATCH,
                "TIME": _NO_MATCH,
                "PERCENT": _NO_MATCH,
                "MONEY": _NO_MATCH,
                "QUANTITY": _NO_MATCH,
                "ORDINAL": _NO_MATCH,
                "CARDINAL": _NO_MATCH,
            },
            ("NAM",),
            "OntoNotes 5 18 labels; NORP counts as GPE, PRODUCT as VEH or WEA, the numeric, "
            "temporal and other labels have no gold type; names only, so the gold is its "
            "NAM mentions",
        ),
    }
)


def preset(*, name: str) -> LabelPreset:
    """The preset called ``name``; ``ValueError`` naming the known presets otherwise."""
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(
            f"unknown entity label preset {name!r}; known presets: {', '.join(sorted(PRESETS))}"
        ) from None
