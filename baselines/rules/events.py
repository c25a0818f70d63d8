"""Event mentions: lexicon triggers, realis from local cues, nearest-mention arguments, and
hoppers by trigger stem.

Triggers
    A token whose lowercase form is in ``resources/event_triggers.tsv`` and meets the
    row's condition (a determiner before a word that is a noun only then; for a verb
    that is an event only with its object, such as "recalled" an envoy, a word for that
    object in the sentence). A capitalised word in mid-sentence is a name, not a trigger.

Realis
    OTHER when the trigger's clause has, before it, a modal, a negation, "if", "unless"
    or "whether", or when "to" stands at most two words before it (an infinitive).
    Otherwise ACTUAL.

Arguments (within the sentence, each mention used once per event)
    Each role of the event type (``schema/inventory.json``), in the inventory's order,
    takes the nearest mention that fits it: a person, organisation or state before the
    trigger for the agent roles; a person for Victim, Person, Artifact and Envoy; a
    person, organisation, GPE, location or facility for Target and Addressee; a place
    (a location, a facility, a GPE mentioned as territory) for Place, one after "from"
    for Origin and after "to" or "into" for Destination; a weapon for Instrument; a
    vehicle for Vehicle; the nearest temporal expression for Time.

Hoppers
    Events of the same type whose triggers share a Porter stem are one hopper.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache

from nltk.stem import PorterStemmer
from wiregold.baselines.rules import english
from wiregold.baselines.rules.lexicon import Lexicon, TriggerRule
from wiregold.baselines.rules.mentions import Mention, is_possessive
from wiregold.baselines.rules.text import QUOTE_CLOSE, QUOTE_OPEN, Analysis, Token
from wiregold.baselines.rules.timexes import Timex

from wiregold import paths

_CLAUSE_BREAKS = frozenset(",;:()[]") | frozenset("\u2014\u2013")
_QUOTE_MARKS = QUOTE_OPEN | QUOTE_CLOSE
_IRREALIS = english.MODALS | english.NEGATIONS | frozenset(("if", "unless", "whether"))
_AGENT_TYPES = ("PER", "ORG", "GPE")
_ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC", "FAC")
_PLACE_TYPES = ("GPE", "LOC", "FAC")
_AGENT_ROLES = frozenset(("Attacker", "Agent", "Mediator", "Participant", "Entity"))
_PERSON_ROLES = frozenset(("Victim", "Person", "Artifact", "Envoy"))
_DIRECTIONS = {"Origin": frozenset(("from",)), "Destination": frozenset(("to", "into"))}


@cache
def roles_by_type() -> dict[str, tuple[str, ...]]:
    """Event types and their roles, from ``schema/inventory.json`` (the task definition)."""
    data = json.loads(paths.inventory_path().read_text(encoding="utf-8"))
    return {kind: tuple(roles) for kind, roles in data["event_types"].items()}


@dataclass
class Event:
    trigger: Token
    type: str
    realis: str
    arguments: list[tuple[str, Mention | Timex]] = field(default_factory=list)
    hopper: int = -1


def _fits(rule: TriggerRule, tokens: Sequence[Token], t: Token) -> bool:
    condition, _, words = rule.condition.partition(":")
    if condition == "-":
        return True
    if condition == "det":
        previous = tokens[t.index - 1] if t.index > 0 else None
        return (
            previous is not None
            and previous.sentence == t.sentence
            and (
                previous.lower in english.DETERMINERS
                or previous.lower in english.POSSESSIVE_PRONOUNS
                or is_possessive(previous)
            )
        )
    if condition == "sentence":
        listed = words.split(",")
        return any(x.sentence == t.sentence and x.lower in listed for x in tokens)
    raise ValueError(f"event_triggers.tsv: unknown condition {rule.condition!r}")


def _realis(tokens: Sequence[Token], t: Token) -> str:
    back = []
    j = t.index - 1
    while j >= 0 and tokens[j].sentence == t.sentence and tokens[j].text not in _CLAUSE_BREAKS:
        if tokens[j].text not in _QUOTE_MARKS:  # "to 'X'" is still an infinitive
            back.append(tokens[j].lower)
        j -= 1
    if any(w in _IRREALIS for w in back) or "to" in back[:2]:
        return "OTHER"
    return "ACTUAL"


def find_triggers(*, analysis: Analysis, lexicon: Lexicon) -> list[Event]:
    tokens = analysis.tokens
    events: list[Event] = []
    for t in tokens:
        if not t.is_word or (t.capitalised and not t.initial):
            continue
        for rule in lexicon.triggers.get(t.lower, ()):
            if _fits(rule, tokens, t):
                events.append(Event(t, rule.type, _realis(tokens, t)))
                break
    return events


# --------------------------------------------------------------------------- arguments


class _Sentence:
    """The candidate fillers of one event: the mentions and timexes of its sentence."""

    def __init__(
        self,
        event: Event,
        mentions: Sequence[Mention],
        timexes: Sequence[Timex],
        tokens: Sequence[Token],
    ) -> None:
        sentence = event.trigger.sentence
        self.event = event
        self.tokens = tokens
        self.at = event.trigger.index
        # A mention that contains the trigger is not its argument.
        self.mentions = [
            m for m in mentions if m.sentence == sentence and not m.first <= self.at < m.stop
        ]
        self.timexes = [x for x in timexes if x.sentence == sentence]
        self.used: set[int] = set()

    def nearest(self, test: Callable[[Mention], bool], left_only: bool = False) -> Mention | None:
        found = [m for m in self.mentions if id(m) not in self.used and test(m)]
        if left_only:
            found = [m for m in found if m.stop <= self.at]
        if not found:
            return None

        def distance(m: Mention) -> tuple[int, int]:
            gap = self.at - m.stop if m.stop <= self.at else m.first - self.at
            return (gap, -(m.stop - m.first))  # outer mention first on a tie

        return min(found, key=distance)

    def word_before(self, m: Mention) -> str:
        i = m.first - 1
        return self.tokens[i].lower if i >= 0 and self.tokens[i].sentence == m.sentence else ""


def _fill(s: _Sentence, role: str) -> Mention | Timex | None:
    if role == "Time":
        start = s.event.trigger.start
        return min(s.timexes, key=lambda x: (abs(x.start - start), x.start), default=None)
    if role in _AGENT_ROLES:
        return s.nearest(
            lambda m: m.type in _AGENT_TYPES and not (m.type == "GPE" and m.is_place),
            left_only=True,
        )
    if role in _PERSON_ROLES:
        return s.nearest(lambda m: m.type == "PER")
    if role in ("Target", "Addressee"):
        return s.nearest(lambda m: m.type in _ENTITY_TYPES)
    if role == "Place":
        return s.nearest(lambda m: m.is_place)
    if role in _DIRECTIONS:
        words = _DIRECTIONS[role]
        return s.nearest(lambda m: m.type in _PLACE_TYPES and s.word_before(m) in words)
    if role == "Instrument":
        return s.nearest(lambda m: m.type == "WEA")
    if role == "Vehicle":
        return s.nearest(lambda m: m.type == "VEH")
    return None


def add_arguments(
    *,
    events: Sequence[Event],
    mentions: Sequence[Mention],
    timexes: Sequence[Timex],
    tokens: Sequence[Token],
) -> None:
    roles = roles_by_type()
    for event in events:
        s = _Sentence(event, mentions, timexes, tokens)
        for role in roles.get(event.type, ()):
            filler = _fill(s, role)
            if filler is None:
                continue
            event.arguments.append((role, filler))
            if isinstance(filler, Mention):
                s.used.add(id(filler))


def add_hoppers(*, events: Sequence[Event]) -> int:
    """Number the hoppers (same type, same trigger stem); returns how many there are."""
    stemmer = PorterStemmer()
    hoppers: dict[tuple[str, str], int] = {}
    for event in events:
        key = (event.type, stemmer.stem(event.trigger.lower))
        event.hopper = hoppers.setdefault(key, len(hoppers))
    return len(hoppers)
