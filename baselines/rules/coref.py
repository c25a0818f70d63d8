"""Within-document coreference by three simple heuristics.

In text order, each mention joins an earlier entity or starts one:

* names: the same gazetteer entity (a country by any of its names or its nationality
  words, an organisation by its name or acronym) or the same name string; a single word
  that is the last word of an earlier person's name is that person;
* nominals: the same words (determiners aside);
* pronouns: the nearest earlier mention in the same or the two previous sentences that
  fits: a singular person for he/his/she/her, a singular organisation or GPE for
  it/its, a plural person, organisation or GPE for they/their. A pronoun takes its
  antecedent's type; first-person pronouns and pronouns without an antecedent start an
  entity of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from wiregold.baselines.rules import english
from wiregold.baselines.rules.mentions import Mention
from wiregold.baselines.rules.text import Token

_WINDOW = 2  # sentences before the pronoun's own that may hold its antecedent
_AGENT_TYPES = ("PER", "ORG", "GPE")
_FIRST_PERSON = frozenset(("i", "me", "my", "we", "us", "our", "ourselves"))


@dataclass
class Entity:
    index: int
    type: str
    subtype: str | None
    name: str
    mentions: list[Mention] = field(default_factory=list)


def _words(m: Mention, tokens: Sequence[Token]) -> tuple[str, ...]:
    words = [t.lower for t in tokens[m.first : m.stop]]
    while words and words[0] in english.DETERMINERS:
        words.pop(0)
    return tuple(words)


def _fits(pronoun: str, m: Mention) -> bool:
    kind, _, number = english.PRONOUNS[pronoun]
    if kind == "PER":  # he, she and their other forms
        return m.type == "PER" and not m.plural
    if number == "sg":  # it, its, itself
        return m.type in ("ORG", "GPE") and not m.plural
    return m.plural and m.type in _AGENT_TYPES  # they, their, ...


def _antecedent(pronoun: Mention, earlier: Sequence[Mention], word: str) -> Mention | None:
    for m in reversed(earlier):
        if m.sentence < pronoun.sentence - _WINDOW:
            return None
        if m.stop <= pronoun.first and _fits(word, m):
            return m
    return None


def resolve(*, mentions: Sequence[Mention], tokens: Sequence[Token]) -> list[Entity]:
    """Group ``mentions`` (in text order) into entities; sets every ``mention.entity``."""
    entities: list[Entity] = []
    by_key: dict[str, Entity] = {}
    by_words: dict[tuple[str, ...], Entity] = {}
    persons: list[Entity] = []
    done: list[Mention] = []

    def new(m: Mention, name: str) -> Entity:
        entity = Entity(len(entities), m.type or "PER", m.subtype, name)
        entities.append(entity)
        return entity

    for m in mentions:
        text = " ".join(t.text for t in tokens[m.first : m.stop])
        entity: Entity | None = None
        if m.kind == "NAM":
            key = m.key or f"name:{text}"
            name = m.name or text
            entity = by_key.get(key)
            if entity is None and " " not in name:
                entity = next((p for p in persons if p.name.split()[-1] == name), None)
                if entity is not None:
                    m.type, m.subtype, m.gpe_role = "PER", "Individual", None
            if entity is None:
                entity = new(m, name)
                if m.type == "PER":
                    persons.append(entity)
            by_key.setdefault(key, entity)
        elif m.kind == "NOM":
            words = _words(m, tokens)
            entity = by_words.get(words) or new(m, text)
            by_words.setdefault(words, entity)
        else:
            word = tokens[m.first].lower
            antecedent = None if word in _FIRST_PERSON else _antecedent(m, done, word)
            if antecedent is not None:
                entity = entities[antecedent.entity]
                m.type, m.subtype = antecedent.type, antecedent.subtype
                if m.type == "GPE":
                    m.gpe_role = "GOV"
            else:
                if m.type is None:
                    m.type, m.subtype = ("PER", "Group") if m.plural else ("ORG", None)
                entity = new(m, text)
        m.entity = entity.index
        entity.mentions.append(m)
        done.append(m)
    return entities
