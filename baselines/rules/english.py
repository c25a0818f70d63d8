"""Closed-class English words (grammar, not vocabulary) that the rules test against.

All lowercase; compare with ``token.lower``.
"""

from __future__ import annotations

DETERMINERS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "both",
        "each",
        "every",
        "some",
        "any",
        "all",
        "another",
        "no",
        "such",
        "either",
        "neither",
        "several",
        "many",
        "few",
        "most",
    ]
)
POSSESSIVE_PRONOUNS = frozenset(["his", "her", "its", "their", "our", "my", "your"])
PREPOSITIONS = frozenset(
    [
        "in",
        "inside",
        "into",
        "on",
        "onto",
        "at",
        "near",
        "from",
        "to",
        "towards",
        "toward",
        "across",
        "along",
        "around",
        "over",
        "under",
        "through",
        "throughout",
        "within",
        "without",
        "between",
        "among",
        "against",
        "by",
        "for",
        "of",
        "with",
        "about",
        "after",
        "before",
        "during",
        "since",
        "until",
        "despite",
        "amid",
        "amidst",
        "beyond",
        "off",
        "out",
        "up",
        "down",
        "via",
        "per",
    ]
)
# Prepositions after which a place name denotes the territory (gpe_role LOC).
LOCATIVE_PREPOSITIONS = frozenset(
    [
        "in",
        "inside",
        "into",
        "at",
        "near",
        "from",
        "to",
        "towards",
        "toward",
        "across",
        "along",
        "around",
        "throughout",
        "within",
        "outside",
        "over",
    ]
)
CONJUNCTIONS = frozenset(
    [
        "and",
        "or",
        "but",
        "nor",
        "yet",
        "so",
        "while",
        "whereas",
        "although",
        "though",
        "because",
        "if",
    ]
)
MODALS = frozenset(
    ["will", "would", "could", "can", "may", "might", "should", "must", "shall", "'ll", "\u2019ll"]
)
AUXILIARIES = frozenset(
    [
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "having",
        "'s",
        "\u2019s",
    ]
)
NEGATIONS = frozenset(["not", "never", "no", "n't", "\u2019t", "nobody", "nothing", "none"])
ADVERBS = frozenset(
    [
        "also",
        "already",
        "still",
        "just",
        "only",
        "even",
        "both",
        "again",
        "then",
        "now",
        "later",
        "once",
        "soon",
        "recently",
        "repeatedly",
        "reportedly",
        "allegedly",
        "previously",
        "earlier",
    ]
)
RELATIVE_PRONOUNS = frozenset(["who", "whom", "whose", "which", "that", "where", "when", "what"])

FUNCTION_WORDS = (
    DETERMINERS
    | POSSESSIVE_PRONOUNS
    | PREPOSITIONS
    | CONJUNCTIONS
    | MODALS
    | AUXILIARIES
    | NEGATIONS
    | ADVERBS
    | RELATIVE_PRONOUNS
    | frozenset(
        [
            "i",
            "we",
            "you",
            "he",
            "she",
            "it",
            "they",
            "me",
            "us",
            "him",
            "them",
            "there",
            "here",
            "as",
            "than",
            "not",
        ]
    )
    | frozenset(
        ["however", "meanwhile", "moreover", "furthermore", "yesterday", "today", "tomorrow"]
    )
)

# Personal pronouns: (type, subtype, number) of what they usually refer to; "it"/"they"
# take their type from the antecedent (None here).
PRONOUNS: dict[str, tuple[str | None, str | None, str]] = {
    "he": ("PER", "Individual", "sg"),
    "him": ("PER", "Individual", "sg"),
    "his": ("PER", "Individual", "sg"),
    "himself": ("PER", "Individual", "sg"),
    "she": ("PER", "Individual", "sg"),
    "her": ("PER", "Individual", "sg"),
    "hers": ("PER", "Individual", "sg"),
    "herself": ("PER", "Individual", "sg"),
    "it": (None, None, "sg"),
    "its": (None, None, "sg"),
    "itself": (None, None, "sg"),
    "they": (None, None, "pl"),
    "them": (None, None, "pl"),
    "their": (None, None, "pl"),
    "theirs": (None, None, "pl"),
    "themselves": (None, None, "pl"),
    "we": ("PER", "Group", "pl"),
    "us": ("PER", "Group", "pl"),
    "our": ("PER", "Group", "pl"),
    "ourselves": ("PER", "Group", "pl"),
    "i": ("PER", "Individual", "sg"),
    "me": ("PER", "Individual", "sg"),
    "my": ("PER", "Individual", "sg"),
}
