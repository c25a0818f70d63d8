"""Entity mentions: names (gazetteers and capitalisation), nominals (a head lexicon) and
pronouns, with ACE types, extents, heads and GPE roles.

Names
    1. Gazetteer names (countries with their other names, capitals, nationality adjectives
       and nouns, intergovernmental organisations), longest match first, case-sensitive.
    2. Runs of capitalised words (with "of", "for" and similar connectors inside). The
       first word of a sentence is capitalised anyway, so it starts a name only when the
       document also capitalises that word elsewhere, mid-sentence. Month and weekday
       names are left to the timex rules.
    3. A title before the name ("President", "foreign minister", ...) makes it a person;
       the title is in the mention's extent, not in its head, and so is a determiner,
       possessive pronoun or possessor ("X's") right before the title.
    4. Types of the other runs: an organisation or place word in the name ("... Institute",
       "... Province") or a lowercase place noun right after it ("X province", which
       joins the name); an acronym or a name with a connector inside is an organisation; a
       single word after a locative preposition is a town; any other name is a person.
    A "the" before a name is in its extent.

Nominals
    A head noun from ``resources/nominal_heads.tsv`` with its base noun phrase to the
    left: numbers and up to three premodifiers (lowercase words that are not function
    words, adverbs in -ly or participles in -ed; nationality adjectives), closed by a
    determiner, a possessive pronoun or a possessor. A head noun right before another
    head noun modifies it and is not a mention of its own.

Pronouns
    Personal, possessive and reflexive pronouns.

GPE roles
    A GPE mention right after a locative preposition ("in", "from", ...) is the territory
    (LOC); any other is the state acting (GOV).
"""

from __future__ import annotations

from collections.abc import Sequence

from wiregold.baselines.rules import english
from wiregold.baselines.rules.lexicon import Lexicon
from wiregold.baselines.rules.mentions import Mention, is_number_token, is_possessive
from wiregold.baselines.rules.text import Analysis, Token
from wiregold.baselines.rules.timexes import month_before_day

# Lowercase words inside a name ("Bank of X", "Abd al-X").
_CONNECTORS = frozenset(
    ("of", "for", "de", "del", "al", "el", "bin", "ibn", "ul", "van", "von", "da")
)
_MAX_PREMODIFIERS = 3
_LONGEST_TITLE = 4  # words


class _Context:
    """Document-level facts the rules consult."""

    def __init__(self, analysis: Analysis, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.tokens = analysis.tokens
        # Capitalised words the document writes mid-sentence: evidence that the first word
        # of a sentence is a name.
        self.midsentence_caps = {
            t.text for t in self.tokens if t.is_word and t.capitalised and not t.initial
        }

    def same_sentence(self, index: int, sentence: int) -> Token | None:
        if 0 <= index < len(self.tokens) and self.tokens[index].sentence == sentence:
            return self.tokens[index]
        return None

    def is_calendar_word(self, token: Token) -> bool:
        if token.lower in self.lexicon.english_months or token.lower in self.lexicon.weekdays:
            return True
        following = (self.same_sentence(token.index + k, token.sentence) for k in (1, 2))
        return month_before_day(token, *following, self.lexicon) is not None

    def title_length(self, start: int, stop: int) -> int:
        """Length of the longest title in tokens ``start:stop`` that starts at ``start``."""
        for length in range(min(_LONGEST_TITLE, stop - start), 0, -1):
            if tuple(t.lower for t in self.tokens[start : start + length]) in self.lexicon.titles:
                return length
        return 0

    def title_before(self, index: int, sentence: int) -> int:
        """Length of the longest title that ends right before token ``index``."""
        for length in range(_LONGEST_TITLE, 0, -1):
            if self.same_sentence(index - length, sentence) is None:
                continue
            if self.title_length(index - length, index) == length:
                return length
        return 0


def _gpe_role(ctx: _Context, first: int, sentence: int) -> str:
    previous = ctx.same_sentence(first - 1, sentence)
    locative = previous is not None and previous.lower in english.LOCATIVE_PREPOSITIONS
    return "LOC" if locative else "GOV"


def _closing_start(ctx: _Context, start: int, sentence: int, names: dict[int, Mention]) -> int:
    """``start`` moved left over a determiner, possessive pronoun or possessor before it."""
    previous = ctx.same_sentence(start - 1, sentence)
    if previous is None:
        return start
    if previous.lower in english.DETERMINERS or previous.lower in english.POSSESSIVE_PRONOUNS:
        return start - 1
    if is_possessive(previous):
        owner = names.get(start - 1)
        if owner is not None:
            return owner.first
        before = ctx.same_sentence(start - 2, sentence)
        if before is not None and before.is_word:
            return _phrase_start(ctx, start - 2, sentence, names)
    return start


# ------------------------------------------------------------------------------- names


def _gazetteer_names(ctx: _Context, first: int, stop: int, sentence: int) -> list[Mention]:
    found = []
    i = first
    while i < stop:
        for length in range(min(ctx.lexicon.longest_name, stop - i), 0, -1):
            entry = ctx.lexicon.names.get(tuple(t.text for t in ctx.tokens[i : i + length]))
            if entry is not None:
                break
        else:
            i += 1
            continue
        end = i + length
        previous = ctx.same_sentence(i - 1, sentence)
        after = ctx.same_sentence(end, sentence)
        if (
            entry.role in ("country", "capital")
            and previous is not None
            and previous.capitalised
            and not previous.initial
            and previous.lower not in english.FUNCTION_WORDS
            and (previous.text,) not in ctx.lexicon.names
            and not ctx.title_before(i, sentence)
        ):
            i = end
            continue  # the end of a longer name ("<given name> <place-like surname>")
        mention = Mention(i, end, i, end, entry.type, entry.subtype, "NAM", sentence)
        mention.key, mention.name = entry.entity, entry.name
        mention.plural = entry.role == "people"
        if entry.type == "GPE":
            mention.gpe_role = _gpe_role(ctx, i, sentence)
        noun_follows = after is not None and after.lower in ctx.lexicon.nominal_heads
        the = previous is not None and previous.lower == "the"
        if the and entry.role != "adjective" and not noun_follows:
            mention.first = i - 1
        found.append(mention)
        i = end
    return found


def _name_runs(ctx: _Context, first: int, stop: int, taken: set[int]) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words (connectors inside) not already taken."""

    def starts_name(t: Token) -> bool:
        if t.index in taken or not t.is_word or not t.capitalised or ctx.is_calendar_word(t):
            return False
        return t.lower not in english.FUNCTION_WORDS and t.lower not in english.PRONOUNS

    runs = []
    i = first
    while i < stop:
        if not starts_name(ctx.tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < stop:
            t = ctx.tokens[j]
            nxt = ctx.tokens[j + 1] if j + 1 < stop else None
            if starts_name(t) and not t.initial:
                j += 1
            elif t.lower in _CONNECTORS and nxt is not None and starts_name(nxt):
                j += 2
            else:
                break
        # A lone sentence-initial word needs the document's word for it: the same word
        # capitalised mid-sentence somewhere.
        if j - i > 1 or not ctx.tokens[i].initial or ctx.tokens[i].text in ctx.midsentence_caps:
            runs.append((i, j))
        i = j
    return runs


def _name_type(ctx: _Context, first: int, stop: int) -> tuple[str, str | None]:
    words = [t.text for t in ctx.tokens[first:stop]]
    for word in reversed(words):
        if word in ctx.lexicon.name_heads:
            return ctx.lexicon.name_heads[word]
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        return ("ORG", None)  # an acronym
    if any(w in _CONNECTORS for w in words[1:-1]):
        return ("ORG", None)
    previous = ctx.same_sentence(first - 1, ctx.tokens[first].sentence)
    if len(words) == 1 and previous is not None and previous.lower in english.LOCATIVE_PREPOSITIONS:
        return ("GPE", "Population-Center")
    return ("PER", "Individual")


def _find_names(ctx: _Context, first: int, stop: int, sentence: int) -> list[Mention]:
    found = _gazetteer_names(ctx, first, stop, sentence)
    taken = {i for m in found for i in range(m.first, m.stop)}
    by_end = {m.stop: m for m in found}
    for start, end in _name_runs(ctx, first, stop, taken):
        core = start + ctx.title_length(start, end)
        if core >= end:
            continue  # a title alone ("the President"): left to the nominal rules
        title = core - start or ctx.title_before(core, sentence)
        after = ctx.same_sentence(end, sentence)
        previous = ctx.same_sentence(core - 1, sentence)
        head_stop = end
        if title:
            kind, subtype = ("PER", "Individual")
            extent = _closing_start(ctx, core - title, sentence, by_end)
        else:
            kind, subtype = _name_type(ctx, core, end)
            place_noun = after is not None and after.text.islower() and after.lower
            if place_noun in ctx.lexicon.place_nouns:
                kind, subtype = ctx.lexicon.place_nouns[place_noun]
                head_stop = end = end + 1
            extent = core - 1 if previous is not None and previous.lower == "the" else core
        name = " ".join(t.text for t in ctx.tokens[core:head_stop])
        mention = Mention(extent, end, core, head_stop, kind, subtype, "NAM", sentence)
        mention.key, mention.name = f"name:{name}", name
        if kind == "GPE":
            mention.gpe_role = _gpe_role(ctx, extent, sentence)
        found.append(mention)
    return found


# ---------------------------------------------------------------------------- nominals


def _is_number(ctx: _Context, token: Token) -> bool:
    return is_number_token(token) or token.lower in ctx.lexicon.numbers


def _is_premodifier(ctx: _Context, token: Token) -> bool:
    if not token.is_word or token.lower in english.FUNCTION_WORDS or _is_number(ctx, token):
        return False
    if token.capitalised and not token.initial:
        entry = ctx.lexicon.names.get((token.text,))
        return entry is not None and entry.role == "adjective"
    return not token.lower.endswith(("ly", "ed"))


def _phrase_start(ctx: _Context, head: int, sentence: int, names: dict[int, Mention]) -> int:
    """Start of the base noun phrase whose head is token ``head``: [closer] [number]
    [premodifiers] head."""
    start = head
    premodifiers = 0
    while premodifiers < _MAX_PREMODIFIERS:
        previous = ctx.same_sentence(start - 1, sentence)
        if previous is None or not _is_premodifier(ctx, previous):
            break
        start -= 1
        premodifiers += 1
    while (previous := ctx.same_sentence(start - 1, sentence)) is not None:
        if not _is_number(ctx, previous) or previous.lower in english.DETERMINERS:
            break
        start -= 1
    return _closing_start(ctx, start, sentence, names)


def _find_nominals(
    ctx: _Context, first: int, stop: int, sentence: int, names: list[Mention]
) -> list[Mention]:
    inside = {i for m in names for i in range(m.first, m.stop)}
    name_ends = {m.stop: m for m in names}
    found = []
    for t in ctx.tokens[first:stop]:
        entry = ctx.lexicon.nominal_heads.get(t.lower)
        if entry is None or t.index in inside or (t.capitalised and not t.initial):
            continue
        if entry.needs_determiner and _closing_start(ctx, t.index, sentence, name_ends) == t.index:
            continue  # "military" is a noun in "the military" only
        after = ctx.same_sentence(t.index + 1, sentence)
        if after is not None and after.text.islower() and after.lower in ctx.lexicon.nominal_heads:
            continue  # a noun modifying the next one ("border town")
        start = _phrase_start(ctx, t.index, sentence, name_ends)
        mention = Mention(
            start, t.index + 1, t.index, t.index + 1, entry.type, entry.subtype, "NOM", sentence
        )
        mention.plural = entry.plural
        if entry.type == "GPE":
            mention.gpe_role = _gpe_role(ctx, start, sentence)
        found.append(mention)
    return found


# ---------------------------------------------------------------------------- pronouns


def _find_pronouns(ctx: _Context, first: int, stop: int, sentence: int) -> list[Mention]:
    found = []
    for t in ctx.tokens[first:stop]:
        if t.lower not in english.PRONOUNS:
            continue
        lowercase_form = t.text.islower() or (t.initial and t.text[1:].islower()) or t.text == "I"
        if not lowercase_form:
            continue  # "US" is a country, not "us"
        kind, subtype, number = english.PRONOUNS[t.lower]
        mention = Mention(
            t.index, t.index + 1, t.index, t.index + 1, kind, subtype, "PRO", sentence
        )
        mention.plural = number == "pl"
        found.append(mention)
    return found


def find_mentions(*, analysis: Analysis, lexicon: Lexicon) -> list[Mention]:
    """Every mention of the document, in text order (by extent, outer first)."""
    ctx = _Context(analysis, lexicon)
    mentions: list[Mention] = []
    for sentence in analysis.sentences:
        names = _find_names(ctx, sentence.first, sentence.stop, sentence.index)
        nominals = _find_nominals(ctx, sentence.first, sentence.stop, sentence.index, names)
        pronouns = _find_pronouns(ctx, sentence.first, sentence.stop, sentence.index)
        taken = {(m.first, m.stop) for m in names + nominals}
        mentions.extend(names + nominals)
        mentions.extend(m for m in pronouns if (m.first, m.stop) not in taken)
    return sorted(mentions, key=lambda m: (m.first, -m.stop))


def character_span(mention: Mention, tokens: Sequence[Token]) -> tuple[int, int]:
    """The extent in code points."""
    return (tokens[mention.first].start, tokens[mention.stop - 1].end)


def head_span(mention: Mention, tokens: Sequence[Token]) -> tuple[int, int]:
    return (tokens[mention.head_first].start, tokens[mention.head_stop - 1].end)
