"""Names of organisations and places recognised by their head noun, with spaCy's Matcher.

News writes most organisations and many places as a capitalised phrase around a common
noun: "Централната избирателна комисия", "Міністерство оборони Литви", "Черно море",
"Bank of Ghana", "Wild Poland Foundation". The statistical recognizers often cut such a
name to its first word or miss it (natasha, trained on Russian, reads Bulgarian's
"Народното събрание" as "Народното", a place). The head nouns are data, per language, in
``resources/lexicons/name_heads.json``: Russian and Ukrainian ones are lemmas (so
"Міністерства", "комиссией" match), Bulgarian ones are listed with their article forms.

The phrases: capitalised words (and up to two lower-case ones, the adjectives of
"Централната избирателна комисия") ending in a head noun; or a capitalised head noun
followed by its complement ("Министерството на транспорта", "Міністерство оборони
Литви", "Bank of Ghana"). A phrase found here replaces the shorter names found inside it
by the recognizers before it (the country in "Bank of Ghana"), which is what
``absorbs`` in the chain means.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from annotator.nlp.morphology import morph
from annotator.nlp.recognizers import Context, Recognizer, register
from annotator.nlp.recognizers.gazetteer import KEY, LEMMATIZED

LEXICON = Path(__file__).resolve().parents[3] / "resources" / "lexicons" / "name_heads.json"
COMPONENT = "annotator_name_patterns"
ADJECTIVE = "annotator_adjective"
"""A token extension: whether the word can be an adjective (inside a name's phrase)."""
_BULGARIAN_ADJECTIVE = re.compile(
    r"(ски|ска|ско|ските|ския|ският|ската|ското|ен|на|но|ни|ния|ният|ната|ното|ните"
    r"|ов|ова|ово|ови|ев|ева|ево|еви)$"
)


@lru_cache(maxsize=100_000)
def _adjective(language: str, word: str) -> bool:
    if language in LEMMATIZED:
        return any(p.tag.POS in {"ADJF", "PRTF"} for p in morph(language).parse(word))
    if language == "bg":
        return bool(_BULGARIAN_ADJECTIVE.search(word))
    return False


Token.set_extension(
    ADJECTIVE, getter=lambda token: _adjective(token.doc.lang_, token.lower_), force=True
)

LINKS = {"bg": ["на", "за", "по"], "en": ["of", "for", "on"], "ru": [], "uk": []}
"""Words that join a head noun to its complement in a name: "Bank of Ghana"."""


@cache
def heads() -> dict[str, dict[str, list[str]]]:
    data = json.loads(LEXICON.read_text("utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def _head(language: str, words: list[str], *, title: bool | None = None) -> dict[str, Any]:
    token: dict[str, Any]
    token = {"_": {KEY: {"IN": words}}} if language in LEMMATIZED else {"LOWER": {"IN": words}}
    if title is not None:
        token["IS_TITLE"] = title
    return token


def patterns(language: str) -> dict[str, list[list[dict[str, Any]]]]:
    """Matcher patterns per label."""
    capital = {"IS_TITLE": True, "IS_ALPHA": True, "IS_STOP": False}
    name_word = {"IS_TITLE": True, "IS_ALPHA": True}
    lower = {"IS_LOWER": True, "IS_ALPHA": True, "IS_STOP": False}
    # Between the capitalised words and the head only adjectives: "Централната
    # избирателна комисия", not "Таллине открылся центр".
    adjective = {**lower, "_": {ADJECTIVE: True}}
    found: dict[str, list[list[dict[str, Any]]]] = {}
    for label, words in heads().get(language, {}).items():
        found[label] = [
            # "Централната избирателна комисия", "Wild Poland Foundation", "Черно море"
            [{**capital, "OP": "{1,3}"}, {**adjective, "OP": "{0,2}"}, _head(language, words)],
            # "Міністерство оборони Литви"
            [
                _head(language, words, title=True),
                {**lower, "OP": "{0,2}"},
                {**name_word, "OP": "{1,2}"},
            ],
            # "Агенция „Митници“"
            [
                _head(language, words, title=True),
                {"IS_QUOTE": True},
                {"IS_TITLE": True, "OP": "+"},
                {"IS_ALPHA": True, "OP": "{0,3}"},
                {"IS_QUOTE": True},
            ],
        ]
        for link in LINKS.get(language, []):
            # "Bank of Ghana", "Министерството на транспорта"
            found[label].append(
                [
                    _head(language, words, title=True),
                    {"LOWER": link},
                    {"LOWER": "the", "OP": "?"},
                    {**name_word, "OP": "{1,3}"},
                ]
            )
            found[label].append(
                [_head(language, words, title=True), {"LOWER": link}, {**lower, "OP": "{1,3}"}]
            )
    return found


class NamePatterns:
    def __init__(self, nlp: Language, language: str) -> None:
        self.matcher = Matcher(nlp.vocab)
        for label, label_patterns in patterns(language).items():
            self.matcher.add(label, label_patterns, greedy="LONGEST")

    def __call__(self, doc: Doc) -> Doc:
        spans = self.matcher(doc, as_spans=True)
        doc.ents = filter_spans([s for s in spans if "\n" not in s.text])
        return doc


@Language.factory(COMPONENT, default_config={"language": ""})
def make_patterns(nlp: Language, name: str, language: str) -> NamePatterns:
    return NamePatterns(nlp, language or nlp.lang)


def build(language: str, context: Context) -> Language:
    nlp = spacy.blank(language)
    nlp.add_pipe(COMPONENT, config={"language": language})
    return nlp


register(
    Recognizer(
        name="name patterns",
        version="1",
        build=build,
        languages=frozenset(heads()),
        precedence=35,
        absorbs=True,
    )
)
