"""The mention record shared by the rule modules, and small token helpers."""

from __future__ import annotations

from dataclasses import dataclass

from wiregold.baselines.rules.text import Token

POSSESSIVE_MARKS = frozenset(("'s", "\u2019s", "'", "\u2019"))


@dataclass
class Mention:
    """An entity mention found by the rules; ``entity`` is filled in by coreference."""

    first: int  # token index of the first token of the extent
    stop: int  # token index after the extent
    head_first: int
    head_stop: int
    type: str | None  # None: a pronoun whose type comes from its antecedent
    subtype: str | None
    kind: str  # NAM, NOM, PRO
    sentence: int
    plural: bool = False
    key: str | None = None  # coreference key of a name: same key, same entity
    name: str | None = None  # the entity's canonical name when this mention gives it
    gpe_role: str | None = None
    entity: int = -1
    id: str = ""

    @property
    def is_place(self) -> bool:
        """A location, a facility, or a GPE mentioned as territory."""
        return self.type in ("LOC", "FAC") or (self.type == "GPE" and self.gpe_role == "LOC")


def is_possessive(token: Token | None) -> bool:
    return token is not None and token.text in POSSESSIVE_MARKS


def is_number_token(token: Token) -> bool:
    return token.text.replace(",", "").replace(".", "").isdecimal()
