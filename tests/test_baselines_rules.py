"""The rule baseline on small texts of its own: each rule does what its module says.

Every text here is written for the test (none comes from the corpus), so these tests pin
what the generic rules do, not how they score on the test article.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from wiregold.baselines import DocumentInput, rules
from wiregold.baselines.rules import events as event_rules
from wiregold.baselines.rules.lexicon import lexicon
from wiregold.baselines.rules.text import analyse

LAYERS = ("entities", "mentions", "timexes", "hoppers", "events", "casualties", "quotes")


def predict(text: str, date: str | None = "2024-03-06") -> dict[str, Any]:  # a Wednesday
    published = dt.date.fromisoformat(date) if date else None
    return rules.predict(doc=DocumentInput(id="x", text=text, publication_date=published))


def by_text(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["text"]: item for item in items}


def mention_texts(prediction: dict[str, Any], refs: list[dict[str, str]]) -> list[str]:
    texts = {m["id"]: m["text"] for m in prediction["mentions"]}
    return [texts[ref["mention"]] for ref in refs]


# ------------------------------------------------------------------------------ text


def test_sentences_and_tokens_keep_offsets() -> None:
    text = "Dr. Ode arrived in the capital. Talks began.\nOfficials' low-cost plan failed."
    analysis = analyse(text)
    assert [text[s.start : s.end] for s in analysis.sentences] == [
        "Dr. Ode arrived in the capital.",
        "Talks began.",
        "Officials' low-cost plan failed.",
    ]
    words = [t.text for t in analysis.tokens]
    assert "low-cost" in words and "'" in words
    assert all(text[t.start : t.end] == t.text for t in analysis.tokens)


def test_every_line_is_analysed_whatever_its_language() -> None:
    # No language identification: a line with no English word is tokenised like any other.
    text = "The minister resigned.\nDiese Seite verwendet Cookies zur Analyse."
    analysis = analyse(text)
    assert len(analysis.sentences) == 2
    assert analysis.tokens[-2].text == "Analyse"


# --------------------------------------------------------------------------- timexes


def test_timexes_are_normalised_against_the_document_date() -> None:
    text = (
        "Officials met on Monday night and will meet again on Friday. The talks lasted "
        "two days. The war began in 1999. The 30-year-old was released last week. "
        "Floods have hit the valley for decades."
    )
    found = {t["text"]: (t["type"], t["value"]) for t in predict(text)["timexes"]}
    assert found == {
        "Monday night": ("TIME", "2024-03-04TNI"),
        "Friday": ("DATE", "2024-03-08"),  # future: the next Friday
        "two days": ("DURATION", "P2D"),
        "1999": ("DATE", "1999"),
        "30-year-old": ("DURATION", "P30Y"),
        "last week": ("DATE", "2024-W09"),
        "decades": ("DURATION", "PXDE"),
    }


def test_relative_dates_name_the_creation_time_as_anchor() -> None:
    text = "5 March 2024\nThe council met yesterday and will vote in April 2025."
    timexes = by_text(predict(text)["timexes"])
    assert timexes["5 March 2024"]["function"] == "NONE"  # not the publication date
    assert timexes["yesterday"]["value"] == "2024-03-05"
    assert timexes["April 2025"]["value"] == "2025-04"
    assert timexes["April 2025"]["anchor"] is None
    assert all(t["function"] == "NONE" for t in timexes.values())


def test_a_date_line_in_another_language_is_the_creation_time() -> None:
    text = "12 mars 2023\nThe minister resigned on Friday."
    timexes = by_text(predict(text, date=None)["timexes"])
    assert timexes["12 mars 2023"]["function"] == "CREATION_TIME"
    assert timexes["12 mars 2023"]["value"] == "2023-03-12"
    assert timexes["Friday"]["value"] == "2023-03-10"
    assert timexes["Friday"]["anchor"] == timexes["12 mars 2023"]["id"]


# -------------------------------------------------------------------------- entities


def test_gazetteer_names_roles_and_pronouns() -> None:
    text = (
        "The European Union said it would send aid to Kenya. "
        "Paris said the talks in Nairobi had failed."
    )
    prediction = predict(text)
    mentions = by_text(prediction["mentions"])
    union = mentions["The European Union"]
    assert (union["type"], union["kind"], union["head"]["text"]) == ("ORG", "NAM", "European Union")
    assert mentions["it"]["entity"] == union["entity"]
    assert mentions["it"]["type"] == "ORG"
    assert mentions["Kenya"]["gpe_role"] == "LOC"  # after a locative preposition
    paris, nairobi = mentions["Paris"], mentions["Nairobi"]
    # A capital is a city; no metonymy rule makes it its country's government.
    assert (paris["type"], paris["subtype"], paris["gpe_role"]) == (
        "GPE",
        "Population-Center",
        "GOV",
    )
    assert (nairobi["subtype"], nairobi["gpe_role"]) == ("Population-Center", "LOC")
    assert all(m["metonymy"] is None for m in prediction["mentions"])
    names = {e["id"]: e["name"] for e in prediction["entities"]}
    assert names[paris["entity"]] == "Paris"


def test_a_country_and_its_nationality_word_are_one_entity() -> None:
    prediction = predict("Kenyan troops crossed into Somalia. Kenya denied it.")
    mentions = by_text(prediction["mentions"])
    assert mentions["Kenyan"]["entity"] == mentions["Kenya"]["entity"]
    assert mentions["Kenyan troops"]["kind"] == "NOM"
    assert mentions["Somalia"]["gpe_role"] == "LOC"


def test_titles_nominals_and_last_names() -> None:
    text = (
        "Brazil's Foreign Minister Ana Souza met the local officials on Tuesday. "
        "Souza said the two countries would talk."
    )
    prediction = predict(text)
    mentions = by_text(prediction["mentions"])
    minister = mentions["Brazil's Foreign Minister Ana Souza"]
    assert (minister["type"], minister["head"]["text"]) == ("PER", "Ana Souza")
    assert mentions["Souza"]["entity"] == minister["entity"]
    assert mentions["Brazil"]["type"] == "GPE"
    officials = mentions["the local officials"]
    assert (officials["type"], officials["kind"], officials["head"]["text"]) == (
        "PER",
        "NOM",
        "officials",
    )
    assert mentions["the two countries"]["type"] == "GPE"


def test_capitalised_names_are_typed_by_simple_cues() -> None:
    text = (
        "Delegates from the Ruvian Institute for Water met Tomas Ode in Varnik. "
        "Later the NDFR and Tomas Ode visited Kelso district."
    )
    mentions = by_text(predict(text)["mentions"])
    assert mentions["the Ruvian Institute for Water"]["type"] == "ORG"  # a name word
    assert mentions["Tomas Ode"]["type"] == "PER"  # default for a name
    assert mentions["Varnik"]["subtype"] == "Population-Center"  # one word after "in"
    assert mentions["the NDFR"]["type"] == "ORG"  # an acronym (with "the" in the extent)
    assert mentions["Kelso district"]["subtype"] == "County-or-District"  # a place noun


def test_pronouns_take_the_nearest_fitting_antecedent() -> None:
    text = "The rebels met Ana Souza. She said they would leave."
    prediction = predict(text)
    mentions = by_text(prediction["mentions"])
    assert mentions["She"]["entity"] == mentions["Ana Souza"]["entity"]
    assert mentions["they"]["type"] == "PER"  # no plural antecedent: a group of its own
    assert mentions["they"]["entity"] not in {mentions["She"]["entity"]}


# ---------------------------------------------------------------------------- quotes


def test_quotes_direct_and_indirect() -> None:
    text = (
        "\u201cWe will not negotiate,\u201d said Maria Lopez, a local official. "
        "The ministry said that prices would rise sharply."
    )
    prediction = predict(text)
    quotes = {q["content"]["text"]: q for q in prediction["quotes"]}
    direct = quotes["We will not negotiate"]
    assert (direct["kind"], direct["cue"]["text"]) == ("direct", "said")
    assert mention_texts(prediction, direct["speakers"]) == ["Maria Lopez"]
    indirect = quotes["prices would rise sharply"]
    assert indirect["kind"] == "indirect"
    assert mention_texts(prediction, indirect["speakers"]) == ["The ministry"]


def test_quote_patterns_around_the_cue() -> None:
    text = (
        'The government said: "Aid will reach every town by Monday." '
        "\u201cThe roads are open,\u201d according to the United Nations. "
        "Supplies will arrive soon, the army said. "
        "Ana Souza told the police that the bridge was unsafe."
    )
    prediction = predict(text)
    quotes = {q["content"]["text"]: q for q in prediction["quotes"]}
    before = quotes["Aid will reach every town by Monday"]
    assert mention_texts(prediction, before["speakers"]) == ["The government"]
    according = quotes["The roads are open"]
    assert according["cue"]["text"] == "according to"
    assert mention_texts(prediction, according["speakers"]) == ["the United Nations"]
    postposed = quotes["Supplies will arrive soon"]
    assert (postposed["kind"], postposed["cue"]["text"]) == ("indirect", "said")
    assert mention_texts(prediction, postposed["speakers"]) == ["the army"]
    told = quotes["the bridge was unsafe"]
    assert mention_texts(prediction, told["addressees"]) == ["the police"]


def test_short_unattributed_quotations_are_scare_quotes() -> None:
    text = (
        "The group attacked what it called \u201cenemy\u201d posts. "
        "\u201cNothing will stop the convoy from moving,\u201d a banner read."
    )
    contents = [q["content"]["text"] for q in predict(text)["quotes"]]
    assert contents == ["Nothing will stop the convoy from moving"]


# ------------------------------------------------------------------------ casualties


def test_casualty_counts() -> None:
    text = "At least 12 people were killed and dozens were injured in the blast."
    records = {r["kind"]: r for r in predict(text)["casualties"]}
    assert records["killed"]["count"] == {
        "value": 12,
        "low": 12,
        "high": None,
        "precision": "at_least",
    }
    assert records["killed"]["victims"]["groups"] == ["people"]
    assert records["injured"]["count"]["precision"] == "vague"
    assert records["injured"]["count"]["value"] == 12  # ACLED: "dozens" is 12


@pytest.mark.parametrize(
    ("phrase", "count"),
    [
        ("more than 30 people died", (31, 31, None, "at_least")),
        ("up to 40 people were injured", (40, None, 40, "at_most")),
        ("about 25 people were injured", (25, None, None, "approximate")),
        ("between 5 and 9 people were killed", (None, 5, 9, "range")),
        ("seven people were killed", (7, 7, 7, "exact")),
        ("at least 1,200 people were killed", (1200, 1200, None, "at_least")),
        ("some 800,000 people were displaced", (800000, None, None, "approximate")),
        ("2.5 million people were displaced", (2500000, 2500000, 2500000, "exact")),
        ("3 hundred people were killed", (300, 300, 300, "exact")),
        ("civilians were killed", (None, None, None, "unknown")),
    ],
)
def test_count_modifiers(phrase: str, count: tuple[Any, ...]) -> None:
    [record] = predict(f"Officials said {phrase} on Monday.")["casualties"]
    assert tuple(record["count"][k] for k in ("value", "low", "high", "precision")) == count


def test_casualties_link_to_the_nearest_attack_and_the_sentence() -> None:
    text = "The Northern Front attacked a market in Goma on Sunday, killing 12 civilians."
    prediction = predict(text)
    [record] = prediction["casualties"]
    entities = {e["id"]: e["name"] for e in prediction["entities"]}
    events = {e["trigger"]["text"]: e for e in prediction["events"]}
    assert record["count"]["value"] == 12
    assert record["victims"]["groups"] == ["civilians"]
    assert [entities[e] for e in record["perpetrators"]] == ["Northern Front"]
    assert [entities[e] for e in record["places"]] == ["Goma"]
    assert set(record["hoppers"]) == {events["attacked"]["hopper"], events["killing"]["hopper"]}
    timexes = {t["id"]: t["text"] for t in prediction["timexes"]}
    assert [timexes[t] for t in record["times"]] == ["Sunday"]


def test_years_and_ages_are_not_counts() -> None:
    text = "A 40-year-old man was killed in 2019."
    [record] = predict(text)["casualties"]
    assert record["count"]["precision"] == "unknown"


# ---------------------------------------------------------------------------- events


def test_event_types_realis_and_arguments() -> None:
    text = "Rebels attacked the town on Sunday. The government could hold elections next year."
    prediction = predict(text)
    events = {e["trigger"]["text"]: e for e in prediction["events"]}
    attack, elections = events["attacked"], events["elections"]
    assert (attack["type"], attack["realis"]) == ("Conflict.Attack", "ACTUAL")
    assert (elections["type"], elections["realis"]) == ("Personnel.Elect", "OTHER")
    timexes = {t["id"]: t["text"] for t in prediction["timexes"]}
    assert {timexes[a["timex"]] for a in attack["arguments"] if a["role"] == "Time"} == {"Sunday"}


@pytest.mark.parametrize(
    ("sentence", "trigger", "realis"),
    [
        ("The army attacked the town.", "attacked", "ACTUAL"),
        ("The army did not attack the town.", "attack", "OTHER"),
        ("The army may attack the town.", "attack", "OTHER"),
        ("If the army attacks, the town will fall.", "attacks", "OTHER"),
        ("The army plans to attack the town.", "attack", "OTHER"),
    ],
)
def test_realis_from_generic_cues(sentence: str, trigger: str, realis: str) -> None:
    events = {e["trigger"]["text"]: e for e in predict(sentence)["events"]}
    assert events[trigger]["realis"] == realis


def test_arguments_are_the_nearest_fitting_mentions() -> None:
    text = "The army attacked the village in Varnik. Officials visited Kenya from Uganda."
    prediction = predict(text)
    events = {e["trigger"]["text"]: e for e in prediction["events"]}
    mentions = {m["id"]: m["text"] for m in prediction["mentions"]}

    def roles(trigger: str) -> dict[str, str]:
        return {a["role"]: mentions[a["mention"]] for a in events[trigger]["arguments"]}

    assert roles("attacked") == {
        "Attacker": "The army",
        "Target": "the village",
        "Place": "Varnik",
    }
    # A mention fills one role per event: the Artifact finds no other person.
    assert roles("visited") == {"Agent": "Officials", "Origin": "Uganda"}


def test_object_conditions_and_hoppers() -> None:
    text = (
        "The ministry recalled its ambassador. She recalled the day clearly. "
        "The attack came at dawn and a second attack followed."
    )
    prediction = predict(text)
    triggers = [(e["trigger"]["text"], e["type"]) for e in prediction["events"]]
    assert ("recalled", "Diplomacy.Recall-Envoy") in triggers
    assert len([t for t, _ in triggers if t == "recalled"]) == 1  # no envoy: no event
    attacks = [e for e in prediction["events"] if e["trigger"]["text"] == "attack"]
    assert len(attacks) == 2 and attacks[0]["hopper"] == attacks[1]["hopper"]


def test_every_trigger_condition_is_known() -> None:
    sentence = analyse("The word.")
    token = sentence.tokens[1]
    for rules_of_form in lexicon().triggers.values():
        for rule in rules_of_form:
            event_rules._fits(rule, sentence.tokens, token)  # raises on an unknown condition
    assert set(event_rules.roles_by_type()) == {
        rule.type for found in lexicon().triggers.values() for rule in found
    }


# ------------------------------------------------------------------------ the whole


def test_every_layer_on_a_short_report() -> None:
    text = (
        "Rebel attack kills 12 in Goma\n"
        "March 6, 2024\n"
        "The Northern Front attacked a market in Goma on Sunday, killing 12 civilians, "
        "the army said. \u201cWe will find those responsible,\u201d said Ana Souza, a "
        "local official."
    )
    prediction = predict(text)
    assert all(prediction[layer] for layer in LAYERS)
    [creation] = [t for t in prediction["timexes"] if t["function"] == "CREATION_TIME"]
    assert creation["text"] == "March 6, 2024"


def test_wire_datelines_and_abbreviated_months() -> None:
    """Out of sample: "CITY, Aug 3 (AFP) -" is no part of a quote, "Aug 3" and "Aug. 5,
    2023" are dates (not persons), and an abbreviation alone ("Mar") is not a month."""
    text = (
        "BOGOTA, Aug 3 (AFP) - Troops killed 12 rebels on Monday, the army said. "
        "Talks resumed on Aug. 5, 2023 and again on Sept 12. In Mar, nothing."
    )
    prediction = predict(text, date="2024-08-03")  # a Saturday
    timexes = {t["text"]: t["value"] for t in prediction["timexes"]}
    assert timexes == {
        "Aug 3": "2024-08-03",
        "Monday": "2024-07-29",
        "Aug. 5, 2023": "2023-08-05",
        "Sept 12": "2024-09-12",
    }
    names = {m["text"] for m in prediction["mentions"]}
    assert not names & {"Aug", "Sept"}
    [quote] = prediction["quotes"]
    assert quote["content"]["text"] == "Troops killed 12 rebels on Monday"


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        # A bracket and a dash early in a sentence that does not open with a word in
        # capitals are no dateline: the subject stays in the content.
        (
            "Imran Khan (PTI) - the former prime minister - is in jail, his party said.",
            "Imran Khan (PTI) - the former prime minister - is in jail",
            "indirect",
        ),
        ("KABUL (AGENCY) - Talks resumed, officials said.", "Talks resumed", "indirect"),
        (
            "AL-MUKALLA, Yemen (AGENCY) - Talks resumed, officials said.",
            "Talks resumed",
            "indirect",
        ),
        ("N'DJAMENA (AGENCY) - Talks resumed, officials said.", "Talks resumed", "indirect"),
        (
            "PTI (Pakistan Tehreek-e-Insaf) - the party - is banned, officials said.",
            "PTI (Pakistan Tehreek-e-Insaf) - the party - is banned",
            "indirect",
        ),
        (
            "SANAA, Aug 3 (AGENCY) - \u201cWe will respond\u201d, Yemen said.",
            "We will respond",
            "direct",
        ),
    ],
)
def test_datelines_are_told_from_brackets(text: str, content: str, kind: str) -> None:
    [quote] = predict(text)["quotes"]
    assert (quote["content"]["text"], quote["kind"]) == (content, kind)


def test_superscripts_are_no_numbers() -> None:
    [record] = predict("Some 5 \u00b2 people were killed.")["casualties"]
    assert record["count"]["value"] == 5
    for text in ("Talks resumed on March \u00b2.", "Between \u00b2 and 5 people were killed."):
        predict(text)  # no crash: a superscript is no day and no bound
