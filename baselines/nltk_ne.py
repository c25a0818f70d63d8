"""The ``nltk-ne`` baseline: NLTK's named-entity chunker (``pos_tag`` + ``ne_chunk``).

It needs three NLTK data packages that wiregold never downloads: the POS tagger
``averaged_perceptron_tagger_eng``, the chunker ``maxent_ne_chunker_tab`` and the word
list ``words``. Without them :func:`missing_requirements` names what is missing and the
baseline is reported as unavailable. NLTK >= 3.9 reads these as JSON / tab files (no
pickles). Sentences and tokens come from the rule baseline's data-free splitter, so
``punkt_tab`` is not needed.

Labels map to the ACE types of the gold (``LABELS``); the chunker gives names only
(kind NAM), no subtypes, no coreference. FACILITY and GSP (geo-social-political group)
come from the ACE-trained model; GSP is mapped to GPE.
"""

from __future__ import annotations

from typing import Any

from wiregold.baselines.inputs import DocumentInput

# (data package name, path nltk.data.find looks for)
REQUIRED = (
    ("averaged_perceptron_tagger_eng", "taggers/averaged_perceptron_tagger_eng/"),
    ("maxent_ne_chunker_tab", "chunkers/maxent_ne_chunker_tab/english_ace_multiclass/"),
    ("words", "corpora/words"),
)
LABELS = {
    "PERSON": "PER",
    "ORGANIZATION": "ORG",
    "GPE": "GPE",
    "LOCATION": "LOC",
    "FACILITY": "FAC",
    "GSP": "GPE",
}
INSTALL_HINT = (
    "install these NLTK data packages into an NLTK data directory yourself "
    "(see https://www.nltk.org/data.html); wiregold never downloads anything"
)


def missing_requirements() -> tuple[str, tuple[str, ...]]:
    """The NLTK data packages (or the nltk package) this baseline lacks here."""
    try:
        import nltk.data
    except ImportError:
        return ("the Python package", ("nltk>=3.9",))
    missing = []
    for name, path in REQUIRED:
        try:
            nltk.data.find(path)
        except LookupError:
            missing.append(name)
    return ("NLTK data", tuple(missing))


def predict(*, doc: DocumentInput) -> dict[str, Any]:
    from nltk import ne_chunk, pos_tag
    from nltk.tree import Tree
    from wiregold.baselines.rules.text import analyse

    analysis = analyse(doc.text)
    mentions: list[dict[str, Any]] = []
    for sentence in analysis.sentences:
        tokens = analysis.sentence_tokens(sentence)
        if not tokens:
            continue
        tree = ne_chunk(pos_tag([t.text for t in tokens]))
        position = 0
        for node in tree:
            if isinstance(node, Tree):
                first, last = tokens[position], tokens[position + len(node) - 1]
                position += len(node)
                kind = LABELS.get(node.label())
                if kind is None:
                    continue
                span = {"start": first.start, "end": last.end}
                span["text"] = doc.text[first.start : last.end]
                mentions.append(
                    {
                        "id": f"m{len(mentions) + 1}",
                        **span,
                        "head": dict(span),
                        "type": kind,
                        "subtype": None,
                        "kind": "NAM",
                    }
                )
            else:
                position += 1
    return {"doc_id": doc.id, "mentions": mentions}
